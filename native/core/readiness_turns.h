#pragma once
// Model `readiness`, the part every platform shares: non-blocking sockets, and on each connection
// that is ready, vectored sends and receives (send_vectored/recv_vectored, net.h) until the system
// would block or the connection's turn is used up. A connection that used up its turn while still
// ready waits in a ready queue, round-robin, so one fast socket cannot starve the others; the
// platform's wait (epoll, WSAEventSelect) reports no event for it meanwhile. The platform file
// owns the wait and hands each connection it reports to turn().
#include <cstddef>
#include <vector>

#include "backend.h"

namespace sg {

// Where the platform's readiness rules differ.
struct ReadinessRules {
  // A send that moved less than offered means the send buffer is full: wait for readiness rather
  // than calling again.
  bool short_send_waits;
  // A stream receive that filled less than offered emptied the socket: wait for readiness.
  bool short_recv_waits;
};

class ReadinessTurns {
 public:
  explicit ReadinessTurns(ReadinessRules rules) : rules_(rules) {}

  // Adds a connection; its index is the number of connections added before it.
  void add(ClientConn* c) { conns_.push_back(Conn{c}); }
  std::size_t size() const { return conns_.size(); }
  ClientConn& conn(std::size_t i) { return *conns_[i].c; }
  bool done(std::size_t i) const { return conns_[i].done; }
  // Connections not yet finished with the current sample.
  std::size_t active() const { return active_; }
  // Whether a connection waits in the ready queue (then the platform must not sleep in its wait).
  bool any_ready() const { return !ready_.empty(); }

  // Starts a sample with every connection in the ready queue: a socket that is already ready may
  // not be reported by the platform's wait.
  void start_sample();
  // One turn for each connection in the ready queue, in order.
  IoError run_ready(const SampleControl& ctl, Histogram& latency);
  // A turn for connection i, unless its turn comes in the ready queue; queues it if it is still
  // ready afterwards.
  IoError turn(std::size_t i, const SampleControl& ctl, Histogram& latency);
  // A turn for every connection (a wait that reported nothing: the time slice may have ended).
  IoError turn_all(const SampleControl& ctl, Histogram& latency);
  // Turns for connection i, queue or not, until it would block or is done (the peer closed:
  // whatever arrived before the close is drained).
  IoError drain(std::size_t i, const SampleControl& ctl, Histogram& latency);

 private:
  struct Conn {
    ClientConn* c;
    SendOp* op = nullptr;  // op being sent, if any
    bool done = false;     // finished this sample
    bool queued = false;   // in the ready queue: gave up its turn while still ready
  };

  IoError pump(Conn& rc, const SampleControl& ctl, Histogram& latency, bool& yielded);

  ReadinessRules rules_;
  std::vector<Conn> conns_;
  std::size_t active_ = 0;
  std::vector<std::size_t> ready_, turn_;  // connections waiting for another turn
};

}  // namespace sg
