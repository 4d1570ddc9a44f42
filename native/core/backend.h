#pragma once
// The contract between the core and an I/O model's platform mechanism. One backend per model and
// platform, each in its own file under backends/<platform>/, listed in that platform's registry
// table (registry_<platform>.cpp) — never self-registered: nothing references such objects in a
// static library, so the linker would silently drop them.
//
// Lifecycle, per cell:
//   probe()        any time; must not have side effects beyond creating and closing a test object.
//   make_worker()  once per client thread, after every connection is connected and handshaken
//                  (blocking sockets). The worker owns the mechanism's state (rings, epoll sets,
//                  events) for its connections and may switch them to non-blocking.
//   run_sample()   once per sample, on a thread the core created for this worker.
//   wake()         from any thread while run_sample() runs: make it notice `cancelled` promptly.
//   ~ClientWorker  after the last sample; releases the mechanism's state (not the sockets).
#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "client_conn.h"
#include "error.h"
#include "histogram.h"
#include "spec.h"

namespace sg {

struct Probe {
  bool available = false;
  std::string reason;  // why not, with the system's error, when unavailable
};

// What a sample asks of a worker. Connections start whole messages while their budget and the
// clock allow, then finish every message they started (the stream stays message-aligned for the
// next sample) and return.
// Reverse: connections send nothing; each keeps one receive of the server's stream outstanding
// (the whole receive array offered each time) while ClientConn::may_receive() allows, accounts
// each with stream_received(), and returns once its last receive has completed.
// Bidir: both at once on every connection, independently: the send side as in forward sink, the
// receive side as in reverse; a connection is done when both sides are.
struct SampleControl {
  std::uint64_t stop_starting_at_ns = 0;  // 0: no time limit, budgets only
  std::uint64_t timeout_at_ns = 0;        // past this the sample fails with ETIMEDOUT
  const std::atomic<bool>* cancelled = nullptr;
  Mode mode = Mode::sink;
  Direction direction = Direction::forward;
  unsigned depth = 1;

  bool sends() const { return direction != Direction::reverse; }
  bool receives_stream() const { return direction != Direction::forward; }
};

class ClientWorker {
 public:
  virtual ~ClientWorker() = default;
  // Drives every connection of this worker through one sample. Counters go to each
  // ClientConn::c; echo round trips to `latency` (already enabled). Returns the first error; on
  // error the connections are left in an unknown state and the session is not reused.
  virtual IoError run_sample(const SampleControl& ctl, Histogram& latency) = 0;
  virtual void wake() {}
};

struct Backend {
  const char* model;      // "overlapped-event"
  const char* mechanism;  // "io_uring SENDMSG/RECVMSG + registered eventfd"
  bool has_depth;         // several operations in flight per connection
  bool thread_per_connection;
  Probe (*probe)();
  std::unique_ptr<ClientWorker> (*make_worker)(std::vector<ClientConn*> conns, const CellSpec& spec, IoError& err);
  // At most this many connections per worker (0: no limit). The session adds workers until every
  // worker is within it: a Winsock thread waits on at most WSA_MAXIMUM_WAIT_EVENTS (64) events.
  unsigned max_conns_per_worker = 0;
};

// The platform's registry, in the order `models()` lists them.
const std::vector<Backend>& backends();
const Backend* find_backend(const std::string& model);

}  // namespace sg
