#pragma once
// One connection of the event-based server, apart from how its operations are posted: the
// handshake (bounded in size and time) → data (sink: count and verify; echo: receive a whole
// message into the array, send the same array back; --reverse/--bidir: the server's stream, one
// send at a time, back to back) or control (sample reports). Any fault closes that connection
// only; the server keeps serving the others.
//
// The loop posts at most one receive and one send per connection. It asks the connection what
// to post (recv_bufs(), send_bufs()), feeds each completion back (received()/sent() or
// recv_failed()/send_failed()) and carries out the ConnStep each returns. The buffers stay
// untouched by the connection while an operation on them is in flight.
#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "clock.h"
#include "io_cursor.h"
#include "recv_stream.h"
#include "send_stream.h"
#include "server.h"
#include "server_shared.h"

namespace sg {

// What differs between the platforms' servers.
struct ConnPolicy {
  // Extra copies of a sink connection's receive shape, across all connections (0: one copy).
  std::uint64_t sink_copies_budget = 0;
  // --reverse: the receive that only notices the client's close. 0: one byte, outside the memory
  // budget; otherwise a buffer of this size, held in it.
  std::uint32_t notice_bytes = 0;
  // Logged when a --reverse client sends data.
  const char* reverse_data_why = "a --reverse client sent data";
};

// Shared by every loop of one server.
struct ServerState {
  ServerState(const ServerOptions& o, const ConnPolicy& p)
      : opts(o), policy(p), budget(o.memory_budget ? o.memory_budget : kServerMemoryBudget),
        sink_copies(p.sink_copies_budget) {}
  ServerStats stats() const;
  void log(const char* fmt, const std::string& a) const;

  ServerOptions opts;
  ConnPolicy policy;
  MemoryBudget budget;
  MemoryBudget sink_copies;
  SessionTable sessions;
  std::atomic<std::uint64_t> accepted{0}, refused{0}, timed_out{0}, active{0}, bytes_received{0},
      bytes_sent{0};
};

// One per event loop, used by that loop's thread only.
struct LoopContext {
  LoopContext(ServerState& s, Wakeable& l) : server(s), loop(l) {}
  // Charges the thread's CPU time since the last call to the sessions served in between.
  void settle_cpu() { cpu.settle(thread_cpu_ns()); }

  ServerState& server;
  Wakeable& loop;  // woken by data loops when a report this loop waits for is due
  CpuAttribution cpu;
};

struct IoSpan {
  IoBuf* bufs;
  std::size_t count;
};

// What the loop does next for a connection. With close, nothing else is set.
struct ConnStep {
  bool close = false;
  const char* why = nullptr;   // with close: passed to ServerConn::close()
  bool after_reply = false;    // with close: a refusal reply has just been sent in full
  bool send = false;           // post send_bufs()
  bool recv = false;           // post recv_bufs(), after the send
  bool report_armed = false;   // report_pending() became true
};

// How an operation failed, as the platform classifies its error.
enum class Fault {
  retry,      // interrupted: post the same operation again
  peer_gone,  // the client went away (closed or reset)
  error,
};

class ServerConn {
 public:
  explicit ServerConn(LoopContext& loop) : loop_(&loop) {}

  // A new connection. Returns false (logged) when it is to be dropped at once: the socket closed,
  // nothing posted, release() not called.
  bool start(std::uint64_t now);
  IoSpan recv_bufs();
  IoSpan send_bufs();
  // A receive completed with n bytes; 0: the client closed.
  ConnStep received(std::size_t n);
  ConnStep recv_failed(Fault f, const char* why);
  ConnStep sent(std::size_t n);
  ConnStep send_failed(Fault f, const char* why);
  // A control connection with report_pending(): answers once the session has received the target.
  ConnStep check_report();
  // Closes an unfinished handshake past its deadline (counted as timed out).
  ConnStep sweep(std::uint64_t now);
  // Marks the connection closing and logs why (unless null). Returns false if it already was.
  bool close(const char* why);
  // Once closing and no operation is in flight: gives back what the connection held.
  void release();

  bool closing() const { return state_ == State::closing; }
  bool report_pending() const { return report_pending_; }
  bool streams() const { return streams_; }
  bool sending_stream() const { return op_ != nullptr; }

  // Set by the loop while it has an operation of that kind posted.
  bool recv_inflight = false, send_inflight = false;

 private:
  enum class State { hello, data, control, closing };
  static ConnStep closed(const char* why) { return ConnStep{.close = true, .why = why}; }
  ConnStep refuse(const std::string& why);
  ConnStep finish_hello();
  ConnStep next_stream_op();
  void set_reply(const std::uint8_t* p, std::size_t n);

  LoopContext* loop_;
  State state_ = State::hello;
  std::uint64_t deadline_ns_ = 0;
  std::unique_ptr<HelloReader> hello_;
  std::shared_ptr<ServerSession> session_;
  std::uint32_t number_ = 0;  // within the session, for reports
  Mode mode_ = Mode::sink;
  RecvStream recv_;
  bool receives_ = true;  // false (--reverse): receives only to notice the close
  bool streams_ = false;  // sends a stream once the handshake reply is out
  SendStream stream_;
  SendOp* op_ = nullptr;  // stream op in flight or partly sent
  std::uint8_t close_probe_ = 0;
  std::uint64_t reserved_ = 0;         // bytes held in the memory budget
  std::uint64_t reserved_copies_ = 0;  // of which held in the sink-copies budget
  IoCursor send_;                      // reply or echo being sent
  std::vector<std::uint8_t> reply_;
  bool close_after_send_ = false;
  bool echoing_ = false;
  std::uint8_t ctl_[kReportRequestBytes];
  std::size_t ctl_have_ = 0;
  bool report_pending_ = false;
  std::uint64_t report_target_ = 0;
  IoBuf one_{};  // single-buffer receives (handshake, control, close probe)
};

}  // namespace sg
