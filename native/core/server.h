#pragma once
// The harness's event-based server. It always runs the platform's overlapped-event mechanism
// (io_uring + eventfd on Linux, WSARecv/WSASend + hEvent on Windows), whatever model the client
// uses. Defined per platform (backends/<platform>/event_server_*.cpp) on top of the shared pieces
// in server_shared.h.
#include <cstdint>
#include <memory>
#include <string>

#include "error.h"
#include "spec.h"

namespace sg {

struct ServerOptions {
  std::string host = "127.0.0.1";  // loopback unless told otherwise: the server is a traffic sink/reflector
  std::uint16_t port = 0;          // 0: ephemeral
  unsigned threads = 0;            // event loops; 0 = one per hardware thread
  int cpu = -1;                    // pin every server thread to this CPU
  bool log = false;                // refusals and faults to stderr
  // --peer raw: no handshake; every connection gets this mode and receive shape.
  Peer peer = Peer::sgbench;
  Mode raw_mode = Mode::sink;
  std::uint32_t raw_recv_bytes = 65536;  // raw: one receive buffer of this size
  std::uint64_t memory_budget = 0;       // 0 = kServerMemoryBudget
};

struct ServerStats {
  std::uint64_t accepted = 0;
  std::uint64_t refused = 0;      // handshakes refused
  std::uint64_t timed_out = 0;    // handshakes not finished in time
  std::uint64_t active = 0;       // connections open now
  std::uint64_t bytes_received = 0;
  std::uint64_t bytes_sent = 0;       // --reverse/--bidir streams
  std::uint64_t memory_reserved = 0;  // receive and stream buffers held now
};

class Server {
 public:
  virtual ~Server() = default;
  virtual std::uint16_t port() const = 0;
  // Closes the listener and every connection, joins every thread. Idempotent.
  virtual void stop() = 0;
  virtual ServerStats stats() const = 0;
};

std::unique_ptr<Server> start_server(const ServerOptions& opts, IoError& err);

}  // namespace sg
