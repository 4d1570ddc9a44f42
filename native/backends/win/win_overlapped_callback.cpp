// Model `overlapped-callback` on Windows: WSASend/WSARecv with a completion routine. Winsock
// queues the routine as an APC to the thread that posted the operation, and runs it only while
// that thread waits alertably (Microsoft docs: WSASend, "Remarks"); the worker waits in
// WSAWaitForMultipleEvents(alertable) on its wake event, which returns WSA_WAIT_IO_COMPLETION
// after running routines. hEvent is unused by the system in this mode. Every operation is posted
// and completed on the sample's own thread, so run_sample never returns with one pending.
#include "win_overlapped.h"

namespace sg {

namespace {

class WinCallbackWorker final : public OverlappedWorker {
 public:
  ~WinCallbackWorker() override {
    if (wake_ != WSA_INVALID_EVENT) WSACloseEvent(wake_);
  }

  IoError init(std::vector<ClientConn*> conns, const CellSpec& spec) {
    wake_ = WSACreateEvent();
    if (wake_ == WSA_INVALID_EVENT) return last_wsa_error("WSACreateEvent");
    return init_conns(std::move(conns), spec);
  }

  void wake() override { WSASetEvent(wake_); }

 protected:
  void prepare(OvConn&, OvOp&) override {}
  LPWSAOVERLAPPED_COMPLETION_ROUTINE routine() const override { return &on_complete; }

  IoError wait(DWORD ms) override {
    DWORD r = WSAWaitForMultipleEvents(1, &wake_, FALSE, ms, TRUE);
    if (r == WSA_WAIT_FAILED) return last_wsa_error("WSAWaitForMultipleEvents");
    if (r == WSA_WAIT_EVENT_0) WSAResetEvent(wake_);
    return {};
  }

 private:
  static void CALLBACK on_complete(DWORD error, DWORD bytes, LPWSAOVERLAPPED ov, DWORD) {
    OvOp* op = reinterpret_cast<OvOp*>(ov);
    op->conn->worker->complete(*op, bytes, static_cast<int>(error));
  }

  WSAEVENT wake_ = WSA_INVALID_EVENT;
};

Probe probe_callback() {
  if (IoError e = net_init()) return Probe{false, error_message(e)};
  return Probe{true, {}};
}

std::unique_ptr<ClientWorker> make_callback(std::vector<ClientConn*> conns, const CellSpec& spec, IoError& err) {
  auto w = std::make_unique<WinCallbackWorker>();
  if ((err = w->init(std::move(conns), spec))) return nullptr;
  return w;
}

}  // namespace

extern const Backend kWinOverlappedCallback{"overlapped-callback",
                                            "WSASend/WSARecv with completion routines, alertable "
                                            "WSAWaitForMultipleEvents",
                                            true, false, probe_callback, make_callback};

}  // namespace sg
