#pragma once
// Run orchestration for one cell: connect C connections (handshake each), one control
// connection, spread the connections over client threads, then run samples on demand.
// Connections stay open between samples; after an error the session refuses further samples.
#include <atomic>
#include <memory>
#include <mutex>
#include <vector>

#include "backend.h"
#include "client_conn.h"
#include "counters.h"
#include "error.h"
#include "spec.h"

namespace sg {

class ClientSession {
 public:
  static std::unique_ptr<ClientSession> open(const CellSpec& spec, IoError& err);
  ~ClientSession();
  ClientSession(const ClientSession&) = delete;
  ClientSession& operator=(const ClientSession&) = delete;

  // One sample: duration_ns > 0 runs a time slice, else `bytes` is split evenly over the
  // connections (whole messages, at least one each). Blocks the calling thread.
  IoError sample(std::uint64_t duration_ns, std::uint64_t bytes, SampleResult& out);
  // From any thread: the running or next sample ends with ECANCELED as soon as possible.
  void cancel();
  const CellSpec& spec() const { return spec_; }
  const Backend& backend() const { return *backend_; }

 private:
  explicit ClientSession(const CellSpec& spec) : spec_(spec) {}
  IoError connect_all();
  IoError confirm(std::uint64_t target, std::uint64_t& received, std::int64_t& server_cpu);
  void close_all();

  CellSpec spec_;
  const Backend* backend_ = nullptr;
  std::vector<std::unique_ptr<ClientConn>> conns_;
  std::vector<std::unique_ptr<ClientWorker>> workers_;
  Socket control_ = kNoSocket;
  std::uint64_t session_id_ = 0;
  std::uint64_t total_sent_ = 0;       // cumulative over samples
  std::uint64_t server_received_ = 0;  // as of the last report
  std::uint64_t server_cpu_ = 0;
  // Relaxed is enough: the flag publishes no other data; workers only poll it.
  std::atomic<bool> cancelled_{false};
  IoError broken_;  // the error that ended this session, if any
  std::mutex running_;
};

}  // namespace sg
