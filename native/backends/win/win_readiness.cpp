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
};

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
    for (auto& rc : conns_) rc.done = false;
    for (auto& rc : conns_) {
      if (IoError e = pump(rc, ctl, latency, active)) return e;
    }
    const DWORD n = static_cast<DWORD>(events_.size());
    while (active > 0) {
      std::uint64_t now = now_ns();
      if (now >= ctl.timeout_at_ns) {
        return wsa_error(WSAETIMEDOUT, "WSAWaitForMultipleEvents", "no progress within the sample timeout");
      }
      if (ctl.cancelled->load(std::memory_order_relaxed)) return posix_error(ECANCELED, "WSAWaitForMultipleEvents", "cancelled");
      // Wake at least every 10 ms to notice the end of the time slice on idle sockets.
      DWORD r = WSAWaitForMultipleEvents(n, events_.data(), FALSE, 10, FALSE);
      if (r == WSA_WAIT_FAILED) return last_wsa_error("WSAWaitForMultipleEvents");
      if (r == WSA_WAIT_TIMEOUT) {
        for (auto& rc : conns_) {
          if (IoError e = pump(rc, ctl, latency, active)) return e;
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
        if (IoError e = pump(rc, ctl, latency, active)) return e;
        // FD_CLOSE on a connection that still expects data: the receive above has drained what
        // arrived; anything still owed will never come.
        if ((ne.lNetworkEvents & FD_CLOSE) && !rc.done) {
          int code = ne.iErrorCode[FD_CLOSE_BIT] ? ne.iErrorCode[FD_CLOSE_BIT] : WSAECONNRESET;
          return wsa_error(code, "FD_CLOSE", "peer closed the connection");
        }
      }
    }
    return {};
  }

  void wake() override { WSASetEvent(wake_); }

 private:
  // Moves data on one connection until Winsock would block or the sample is over for it.
  IoError pump(ReadyConn& rc, const SampleControl& ctl, Histogram& latency, std::size_t& active) {
    if (rc.done) return {};
    ClientConn& c = *rc.c;
    const SOCKET s = sock_of(c.sock);
    bool blocked_out = false, blocked_in = false;
    while (!blocked_out || (ctl.mode == Mode::echo && !blocked_in && c.echo_pending())) {
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
          std::size_t want = cur.remaining();
          c.recv.received(got);
          c.c.bytes_received += got;
          if (got < want) ++c.c.partial_recvs;
          if (c.recv.message_complete()) {
            c.recv.take_message();
            latency.record(c.echo_completed());
            blocked_out = false;  // a slot opened for the next message
          }
        }
      }
      if (ctl.mode == Mode::sink && blocked_out) break;
    }
    if (!rc.op && c.send.at_message_boundary() && !c.echo_pending() &&
        !c.may_start(ctl.stop_starting_at_ns, ctl.cancelled->load(std::memory_order_relaxed), ctl.mode, ctl.depth)) {
      rc.done = true;
      --active;
    }
    return {};
  }

  WSAEVENT wake_ = WSA_INVALID_EVENT;
  std::vector<ReadyConn> conns_;
  std::vector<WSAEVENT> events_;  // [wake, one per connection]
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
