// Model `readiness` on Windows: WSAEventSelect ties each socket to an event (FD_READ, FD_WRITE,
// FD_CLOSE) and makes it non-blocking; one thread waits on its events with
// WSAWaitForMultipleEvents, reads which network events fired with WSAEnumNetworkEvents (which also
// resets the event) and calls WSASend/WSARecv until they fail with WSAEWOULDBLOCK.
//
// Winsock re-enabling rules (Microsoft docs, WSAEventSelect, "Remarks"): FD_WRITE is recorded once
// after the association and then only after a send failed with WSAEWOULDBLOCK, so a send that
// merely completes short is retried at once, never waited for; FD_READ is re-recorded after every
// receive call while data remains. A thread waits on at most WSA_MAXIMUM_WAIT_EVENTS (64): its own
// wake event and 63 connections (Backend::max_conns_per_worker). The lowest signalled index wins
// a wait, so after each wake-up every connection's event is tested, not only the one returned.
// A connection gives up its turn after kCallsPerTurn calls while still ready and waits in a ready
// queue (no event will fire for it), so one fast socket cannot starve the others.
// Reverse/bidir: the server's stream is read in the same turns (FD_READ), into the whole receive
// array each call, while ClientConn::may_receive() allows; the socket's one event covers both.
#include <cerrno>

#include "../../core/backend.h"
#include "../../core/clock.h"
#include "win_io.h"

namespace sg {

namespace {

constexpr unsigned kMaxConns = WSA_MAXIMUM_WAIT_EVENTS - 1;

struct ReadyConn {
  ClientConn* c;
  WSAEVENT ev = WSA_INVALID_EVENT;
  SendOp* op = nullptr;  // op being written, if any
  bool done = false;     // finished this sample
  bool queued = false;   // in the ready queue: gave up its turn while still ready
};

// Calls one connection may make before the next connection's turn.
constexpr unsigned kCallsPerTurn = 8;

class WinReadinessWorker final : public ClientWorker {
 public:
  ~WinReadinessWorker() override {
    for (ReadyConn& rc : conns_) {
      if (rc.ev == WSA_INVALID_EVENT) continue;
      WSAEventSelect(sock_of(rc.c->sock), nullptr, 0);
      set_nonblocking(rc.c->sock, false);
      WSACloseEvent(rc.ev);
    }
    if (wake_ != WSA_INVALID_EVENT) WSACloseEvent(wake_);
  }

  IoError init(std::vector<ClientConn*> conns) {
    wake_ = WSACreateEvent();
    if (wake_ == WSA_INVALID_EVENT) return last_wsa_error("WSACreateEvent");
    events_.push_back(wake_);
    conns_.reserve(conns.size());
    for (ClientConn* c : conns) {
      ReadyConn rc{c};
      rc.ev = WSACreateEvent();
      if (rc.ev == WSA_INVALID_EVENT) return last_wsa_error("WSACreateEvent");
      conns_.push_back(rc);
      if (WSAEventSelect(sock_of(c->sock), rc.ev, FD_READ | FD_WRITE | FD_CLOSE) == SOCKET_ERROR) {
        return last_wsa_error("WSAEventSelect");
      }
      events_.push_back(rc.ev);
    }
    return {};
  }

  IoError run_sample(const SampleControl& ctl, Histogram& latency) override {
    std::size_t active = conns_.size();
    ready_.clear();
    // FD_WRITE was recorded once when the socket was associated, or was consumed by the last
    // sample: start every connection with a turn rather than waiting for an event.
    for (std::size_t i = 0; i < conns_.size(); ++i) {
      conns_[i].done = false;
      conns_[i].queued = true;
      ready_.push_back(i);
    }
    const DWORD n = static_cast<DWORD>(events_.size());
    while (active > 0) {
      std::uint64_t now = now_ns();
      if (now >= ctl.timeout_at_ns) {
        return wsa_error(WSAETIMEDOUT, "WSAWaitForMultipleEvents", "no progress within the sample timeout");
      }
      if (ctl.cancelled->load(std::memory_order_relaxed)) return posix_error(ECANCELED, "WSAWaitForMultipleEvents", "cancelled");
      // One turn for each connection that is still ready, in order.
      turn_.swap(ready_);
      ready_.clear();
      for (std::size_t i : turn_) {
        conns_[i].queued = false;
        if (IoError e = turn(i, ctl, latency, active)) return e;
      }
      if (active == 0) break;
      // Wake at least every 10 ms to notice the end of the time slice on idle sockets; do not
      // sleep while connections wait for their next turn.
      DWORD r = WSAWaitForMultipleEvents(n, events_.data(), FALSE, ready_.empty() ? 10 : 0, FALSE);
      if (r == WSA_WAIT_FAILED) return last_wsa_error("WSAWaitForMultipleEvents");
      if (r == WSA_WAIT_TIMEOUT) {
        if (ready_.empty()) {
          for (std::size_t i = 0; i < conns_.size(); ++i) {
            if (IoError e = turn(i, ctl, latency, active)) return e;
          }
        }
        continue;
      }
      DWORD first = r - WSA_WAIT_EVENT_0;
      if (first == 0) {
        WSAResetEvent(wake_);
        first = 1;
      }
      for (DWORD i = first; i < n; ++i) {
        ReadyConn& rc = conns_[i - 1];
        if (i != r - WSA_WAIT_EVENT_0 && WSAWaitForMultipleEvents(1, &rc.ev, FALSE, 0, FALSE) != WSA_WAIT_EVENT_0) continue;
        WSANETWORKEVENTS ne{};
        if (WSAEnumNetworkEvents(sock_of(rc.c->sock), rc.ev, &ne) == SOCKET_ERROR) return last_wsa_error("WSAEnumNetworkEvents");
        if ((ne.lNetworkEvents & FD_WRITE) && ne.iErrorCode[FD_WRITE_BIT]) return wsa_error(ne.iErrorCode[FD_WRITE_BIT], "FD_WRITE");
        if ((ne.lNetworkEvents & FD_READ) && ne.iErrorCode[FD_READ_BIT]) return wsa_error(ne.iErrorCode[FD_READ_BIT], "FD_READ");
        if ((ne.lNetworkEvents & FD_CLOSE) && !rc.done) {
          // Whatever arrived before the close is drained first; anything still owed never comes.
          rc.queued = false;
          bool yielded = false;
          do {
            yielded = false;
            if (IoError e = pump(rc, ctl, latency, active, yielded)) return e;
          } while (yielded);
          if (!rc.done) {
            int code = ne.iErrorCode[FD_CLOSE_BIT] ? ne.iErrorCode[FD_CLOSE_BIT] : WSAECONNRESET;
            return wsa_error(code, "FD_CLOSE", "peer closed the connection");
          }
          continue;
        }
        if (IoError e = turn(i - 1, ctl, latency, active)) return e;
      }
    }
    return {};
  }

  void wake() override { WSASetEvent(wake_); }

 private:
  // Gives connection i a turn; queues it for another if it is still ready afterwards.
  IoError turn(std::size_t i, const SampleControl& ctl, Histogram& latency, std::size_t& active) {
    ReadyConn& rc = conns_[i];
    if (rc.queued) return {};  // its turn comes in the ready queue
    bool yielded = false;
    if (IoError e = pump(rc, ctl, latency, active, yielded)) return e;
    if (yielded) {
      rc.queued = true;
      ready_.push_back(i);
    }
    return {};
  }

  // Moves data on one connection until Winsock would block, the sample is over for it, or it has
  // made kCallsPerTurn calls (then `yielded`: it is still ready).
  IoError pump(ReadyConn& rc, const SampleControl& ctl, Histogram& latency, std::size_t& active, bool& yielded) {
    if (rc.done) return {};
    ClientConn& c = *rc.c;
    const SOCKET s = sock_of(c.sock);
    bool blocked_out = false, blocked_in = false;
    unsigned calls = 0;
    auto stream_wanted = [&] {
      return ctl.receives_stream() && !blocked_in &&
             c.may_receive(ctl.stop_starting_at_ns, ctl.cancelled->load(std::memory_order_relaxed));
    };
    while (!blocked_out || (ctl.mode == Mode::echo && !blocked_in && c.echo_pending()) || stream_wanted()) {
      if (++calls > kCallsPerTurn) {
        yielded = true;
        break;
      }
      if (!blocked_out) {
        if (!rc.op) {
          if (c.send.at_message_boundary()) {
            if (!c.may_start(ctl.stop_starting_at_ns, ctl.cancelled->load(std::memory_order_relaxed), ctl.mode, ctl.depth)) {
              blocked_out = true;
            } else {
              c.message_started(ctl.mode);
              rc.op = c.send.next_op();
            }
          } else {
            rc.op = c.send.next_op();
          }
        }
        if (rc.op) {
          IoCursor& cur = rc.op->cursor;
          DWORD sent = 0;
          int r = WSASend(s, wsabufs(cur.data()), wsa_count(cur.count()), &sent, 0, nullptr, nullptr);
          ++c.c.send_calls;
          if (r == SOCKET_ERROR) {
            int err = WSAGetLastError();
            if (err == WSAEWOULDBLOCK) {
              blocked_out = true;  // FD_WRITE is re-enabled by exactly this failure
            } else if (err != WSAEINTR) {
              return wsa_error(err, "WSASend");
            }
          } else {
            c.c.bytes_sent += sent;
            if (!cur.advance(sent)) {
              // Short: retry at once; only a WSAEWOULDBLOCK arms FD_WRITE again.
              ++c.c.partial_sends;
            } else {
              if (c.send.op_done(rc.op) && ctl.mode == Mode::sink) ++c.c.messages;
              rc.op = nullptr;
            }
          }
        }
      }
      if (ctl.mode == Mode::echo && !blocked_in && c.echo_pending()) {
        IoCursor& cur = c.recv.arm();
        DWORD got = 0, flags = 0;
        int r = WSARecv(s, wsabufs(cur.data()), wsa_count(cur.count()), &got, &flags, nullptr, nullptr);
        ++c.c.recv_calls;
        if (r == SOCKET_ERROR) {
          int err = WSAGetLastError();
          if (err == WSAEWOULDBLOCK) {
            blocked_in = true;
          } else if (err != WSAEINTR) {
            return wsa_error(err, "WSARecv");
          }
        } else if (got == 0) {
          return wsa_error(WSAECONNRESET, "WSARecv", "peer closed the connection");
        } else {
          if (c.echo_received(cur.remaining(), got, latency)) {
            blocked_out = false;  // a slot opened for the next message
          }
        }
      }
      if (stream_wanted()) {
        IoCursor& cur = c.recv.arm();
        DWORD got = 0, flags = 0;
        int r = WSARecv(s, wsabufs(cur.data()), wsa_count(cur.count()), &got, &flags, nullptr, nullptr);
        ++c.c.recv_calls;
        if (r == SOCKET_ERROR) {
          int err = WSAGetLastError();
          if (err == WSAEWOULDBLOCK) {
            blocked_in = true;
          } else if (err != WSAEINTR) {
            return wsa_error(err, "WSARecv");
          }
        } else if (got == 0) {
          return wsa_error(WSAECONNRESET, "WSARecv", "peer closed the connection");
        } else {
          // Only a receive that brought data counts as started: may_receive() promises every
          // connection one a sample, and a WSAEWOULDBLOCK must not use that up.
          c.receive_started();
          c.stream_received(cur.remaining(), got);
        }
      }
    }
    const bool cancelled = ctl.cancelled->load(std::memory_order_relaxed);
    if (!rc.op && c.send.at_message_boundary() && !c.echo_pending() &&
        !c.may_start(ctl.stop_starting_at_ns, cancelled, ctl.mode, ctl.depth) &&
        !(ctl.receives_stream() && c.may_receive(ctl.stop_starting_at_ns, cancelled))) {
      rc.done = true;
      --active;
    }
    return {};
  }

  WSAEVENT wake_ = WSA_INVALID_EVENT;
  std::vector<ReadyConn> conns_;
  std::vector<WSAEVENT> events_;  // [wake, one per connection]
  std::vector<std::size_t> ready_, turn_;  // connections waiting for another turn
};

Probe probe_readiness() {
  if (IoError e = net_init()) return Probe{false, error_message(e)};
  WSAEVENT ev = WSACreateEvent();
  if (ev == WSA_INVALID_EVENT) return Probe{false, error_message(last_wsa_error("WSACreateEvent"))};
  WSACloseEvent(ev);
  return Probe{true, {}};
}

std::unique_ptr<ClientWorker> make_readiness(std::vector<ClientConn*> conns, const CellSpec&, IoError& err) {
  if (conns.size() > kMaxConns) {
    err = harness_error(kUnavailable, "make_worker", "readiness: more than 63 connections on one waiting thread");
    return nullptr;
  }
  auto w = std::make_unique<WinReadinessWorker>();
  if ((err = w->init(std::move(conns)))) return nullptr;
  return w;
}

}  // namespace

extern const Backend kWinReadiness{"readiness",
                                   "WSAEventSelect + WSAWaitForMultipleEvents (63 sockets a thread), non-blocking "
                                   "WSASend/WSARecv",
                                   false,
                                   false,
                                   probe_readiness,
                                   make_readiness,
                                   kMaxConns};

}  // namespace sg
