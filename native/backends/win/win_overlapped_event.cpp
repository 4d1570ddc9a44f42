// Model `overlapped-event` on Windows, the classic Winsock event model: WSASend/WSARecv with a
// WSABUF array and a WSAOVERLAPPED whose hEvent comes from WSACreateEvent; the thread waits in
// WSAWaitForMultipleEvents and reads each result with WSAGetOverlappedResult.
//
// WSAWaitForMultipleEvents takes at most WSA_MAXIMUM_WAIT_EVENTS (64) handles (65 fails with
// error 87): one is the worker's wake event, so a worker serves at most 63 connections and the
// session spreads C connections over ⌈C/63⌉ or more workers (Backend::max_conns_per_worker).
//
// One event per connection, shared by its operations (one WSAOVERLAPPED each). A wait returns
// the lowest signalled index only (Microsoft docs: WSAWaitForMultipleEvents), so after a wake-up
// every connection's event is tested and serviced, starting one connection further each time, or
// the higher ones would starve.
//
// A connection gets one turn per wake-up: its event is reset, then each pending operation is asked
// once for its result (WSAGetOverlappedResult, fWait = FALSE: WSA_IO_INCOMPLETE means still
// pending), and what completed posts what comes next. Looping on one connection until it finds
// nothing new starves the rest: small sends complete at once while the send buffer has room (Wine
// completes them before WSASend returns), so one connection could keep its thread for a whole time
// slice. Posting an operation may clear the shared event (the I/O manager resets an operation's
// event when it starts), so a turn that found a completion sets the event again: the next wake-up
// gives the connection another turn, which either finds more or posts nothing and leaves the event
// reset until a completion sets it.
#include "../../core/clock.h"
#include "win_overlapped.h"

namespace sg {

namespace {

constexpr unsigned kMaxConns = WSA_MAXIMUM_WAIT_EVENTS - 1;

class WinEventWorker final : public OverlappedWorker {
 public:
  ~WinEventWorker() override {
    drain();
    for (auto& k : conns_) {
      if (k->ev != WSA_INVALID_EVENT) WSACloseEvent(k->ev);
    }
    if (wake_ != WSA_INVALID_EVENT) WSACloseEvent(wake_);
  }

  IoError init(std::vector<ClientConn*> conns, const CellSpec& spec) {
    wake_ = WSACreateEvent();
    if (wake_ == WSA_INVALID_EVENT) return last_wsa_error("WSACreateEvent");
    if (IoError e = init_conns(std::move(conns), spec)) return e;
    events_.push_back(wake_);
    for (auto& k : conns_) {
      k->ev = WSACreateEvent();
      if (k->ev == WSA_INVALID_EVENT) return last_wsa_error("WSACreateEvent");
      events_.push_back(k->ev);
    }
    return {};
  }

  void wake() override { WSASetEvent(wake_); }

 protected:
  void prepare(OvConn& k, OvOp& op) override { op.ov.hEvent = k.ev; }

  IoError wait(DWORD ms) override {
    const DWORD n = static_cast<DWORD>(events_.size());
    DWORD r = WSAWaitForMultipleEvents(n, events_.data(), FALSE, ms, FALSE);
    if (r == WSA_WAIT_TIMEOUT) return {};
    if (r == WSA_WAIT_FAILED) return last_wsa_error("WSAWaitForMultipleEvents");
    const DWORD signalled = r - WSA_WAIT_EVENT_0;
    if (signalled == 0) WSAResetEvent(wake_);
    const std::size_t m = conns_.size();
    for (std::size_t j = 0; j < m; ++j) {
      const std::size_t i = (start_ + j) % m;
      OvConn& k = *conns_[i];
      if (i + 1 != signalled && WSAWaitForMultipleEvents(1, &k.ev, FALSE, 0, FALSE) != WSA_WAIT_EVENT_0) continue;
      service(k);
    }
    if (m > 0) start_ = (start_ + 1) % m;
    return {};
  }

 private:
  // One turn of connection k (see the top of the file).
  void service(OvConn& k) {
    WSAResetEvent(k.ev);
    bool progress = false;
    for (OvOp& op : k.sends) progress = poll(k, op) || progress;
    progress = poll(k, k.recv) || progress;
    if (progress) WSASetEvent(k.ev);
  }

  // Reports op's completion if it has one; returns whether it did.
  bool poll(OvConn& k, OvOp& op) {
    if (!op.inflight) return false;
    DWORD bytes = 0, flags = 0;
    if (WSAGetOverlappedResult(sock_of(k.c->sock), &op.ov, &bytes, FALSE, &flags)) {
      complete(op, bytes, 0);
      return true;
    }
    int err = WSAGetLastError();
    if (err == WSA_IO_INCOMPLETE) return false;
    complete(op, 0, err);
    return true;
  }

  WSAEVENT wake_ = WSA_INVALID_EVENT;
  std::vector<WSAEVENT> events_;  // [wake, one per connection]
  std::size_t start_ = 0;         // the connection serviced first after the next wake-up
};

Probe probe_event() {
  if (IoError e = net_init()) return Probe{false, error_message(e)};
  WSAEVENT ev = WSACreateEvent();
  if (ev == WSA_INVALID_EVENT) return Probe{false, error_message(last_wsa_error("WSACreateEvent"))};
  WSACloseEvent(ev);
  return Probe{true, {}};
}

std::unique_ptr<ClientWorker> make_event(std::vector<ClientConn*> conns, const CellSpec& spec, IoError& err) {
  if (conns.size() > kMaxConns) {
    err = harness_error(kUnavailable, "make_worker", "overlapped-event: more than 63 connections on one waiting thread");
    return nullptr;
  }
  auto w = std::make_unique<WinEventWorker>();
  if ((err = w->init(std::move(conns), spec))) return nullptr;
  return w;
}

}  // namespace

extern const Backend kWinOverlappedEvent{"overlapped-event",
                                         "WSASend/WSARecv + WSAOVERLAPPED.hEvent, WSAWaitForMultipleEvents (63 "
                                         "connections a thread), WSAGetOverlappedResult",
                                         true,
                                         false,
                                         probe_event,
                                         make_event,
                                         kMaxConns};

}  // namespace sg
