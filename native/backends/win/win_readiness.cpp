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
// The turns on each ready socket are the core's (core/readiness_turns.h).
// Reverse/bidir: the server's stream is read in the same turns (FD_READ), into the whole receive
// array each call, while ClientConn::may_receive() allows; the socket's one event covers both.
#include <cerrno>

#include "../../core/backend.h"
#include "../../core/clock.h"
#include "../../core/readiness_turns.h"
#include "win_io.h"

namespace sg {

namespace {

constexpr unsigned kMaxConns = WSA_MAXIMUM_WAIT_EVENTS - 1;

// By the re-enabling rules above, neither a short send nor a short receive is waited for: only
// WSAEWOULDBLOCK re-arms FD_WRITE, and FD_READ stays recorded while data remains.
constexpr ReadinessRules kEventSelectRules{false, false};

class WinReadinessWorker final : public ClientWorker {
 public:
  ~WinReadinessWorker() override {
    for (std::size_t i = 0; i < conn_events_.size(); ++i) {
      WSAEventSelect(sock_of(turns_.conn(i).sock), nullptr, 0);
      set_nonblocking(turns_.conn(i).sock, false);
      WSACloseEvent(conn_events_[i]);
    }
    if (wake_ != WSA_INVALID_EVENT) WSACloseEvent(wake_);
  }

  IoError init(std::vector<ClientConn*> conns) {
    wake_ = WSACreateEvent();
    if (wake_ == WSA_INVALID_EVENT) return last_wsa_error("WSACreateEvent");
    events_.push_back(wake_);
    conn_events_.reserve(conns.size());
    for (ClientConn* c : conns) {
      WSAEVENT ev = WSACreateEvent();
      if (ev == WSA_INVALID_EVENT) return last_wsa_error("WSACreateEvent");
      turns_.add(c);
      conn_events_.push_back(ev);
      if (WSAEventSelect(sock_of(c->sock), ev, FD_READ | FD_WRITE | FD_CLOSE) == SOCKET_ERROR) {
        return last_wsa_error("WSAEventSelect");
      }
      events_.push_back(ev);
    }
    return {};
  }

  IoError run_sample(const SampleControl& ctl, Histogram& latency) override {
    // FD_WRITE was recorded once when the socket was associated, or was consumed by the last
    // sample: start every connection with a turn rather than waiting for an event.
    turns_.start_sample();
    const DWORD n = static_cast<DWORD>(events_.size());
    while (turns_.active() > 0) {
      std::uint64_t now = now_ns();
      if (now >= ctl.timeout_at_ns) {
        return wsa_error(WSAETIMEDOUT, "WSAWaitForMultipleEvents", "no progress within the sample timeout");
      }
      if (ctl.cancelled->load(std::memory_order_relaxed)) return posix_error(ECANCELED, "WSAWaitForMultipleEvents", "cancelled");
      if (IoError e = turns_.run_ready(ctl, latency)) return e;
      if (turns_.active() == 0) break;
      // Wake at least every 10 ms to notice the end of the time slice on idle sockets; do not
      // sleep while connections wait for their next turn.
      DWORD r = WSAWaitForMultipleEvents(n, events_.data(), FALSE, turns_.any_ready() ? 0 : 10, FALSE);
      if (r == WSA_WAIT_FAILED) return last_wsa_error("WSAWaitForMultipleEvents");
      if (r == WSA_WAIT_TIMEOUT) {
        if (!turns_.any_ready()) {
          if (IoError e = turns_.turn_all(ctl, latency)) return e;
        }
        continue;
      }
      DWORD first = r - WSA_WAIT_EVENT_0;
      if (first == 0) {
        WSAResetEvent(wake_);
        first = 1;
      }
      for (DWORD i = first; i < n; ++i) {
        WSAEVENT& ev = conn_events_[i - 1];
        if (i != r - WSA_WAIT_EVENT_0 && WSAWaitForMultipleEvents(1, &ev, FALSE, 0, FALSE) != WSA_WAIT_EVENT_0) continue;
        WSANETWORKEVENTS ne{};
        if (WSAEnumNetworkEvents(sock_of(turns_.conn(i - 1).sock), ev, &ne) == SOCKET_ERROR) {
          return last_wsa_error("WSAEnumNetworkEvents");
        }
        if ((ne.lNetworkEvents & FD_WRITE) && ne.iErrorCode[FD_WRITE_BIT]) return wsa_error(ne.iErrorCode[FD_WRITE_BIT], "FD_WRITE");
        if ((ne.lNetworkEvents & FD_READ) && ne.iErrorCode[FD_READ_BIT]) return wsa_error(ne.iErrorCode[FD_READ_BIT], "FD_READ");
        if ((ne.lNetworkEvents & FD_CLOSE) && !turns_.done(i - 1)) {
          // Whatever arrived before the close is drained first; anything still owed never comes.
          if (IoError e = turns_.drain(i - 1, ctl, latency)) return e;
          if (!turns_.done(i - 1)) {
            int code = ne.iErrorCode[FD_CLOSE_BIT] ? ne.iErrorCode[FD_CLOSE_BIT] : WSAECONNRESET;
            return wsa_error(code, "FD_CLOSE", "peer closed the connection");
          }
          continue;
        }
        if (IoError e = turns_.turn(i - 1, ctl, latency)) return e;
      }
    }
    return {};
  }

  void wake() override { WSASetEvent(wake_); }

 private:
  WSAEVENT wake_ = WSA_INVALID_EVENT;
  ReadinessTurns turns_{kEventSelectRules};
  std::vector<WSAEVENT> conn_events_;  // one per connection, in turns_ order
  std::vector<WSAEVENT> events_;       // [wake, one per connection]
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
