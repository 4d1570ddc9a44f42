// Model `completion-port` on Windows: one I/O completion port per worker, every socket of the
// worker associated with it, completions dequeued in batches with GetQueuedCompletionStatusEx.
//
// FILE_SKIP_COMPLETION_PORT_ON_SUCCESS: an operation that completes at once (WSASend returns 0)
// queues no packet, and its result is read on the spot. Microsoft docs
// (SetFileCompletionNotificationModes) warn that this is only safe when every layered provider on
// the socket returns real IFS handles; the mode is set only when the socket's protocol info says
// XP1_IFS_HANDLES, otherwise packets are queued for immediate completions too.
#include "win_overlapped.h"

namespace sg {

namespace {

constexpr ULONG kBatch = 64;

class WinPortWorker final : public OverlappedWorker {
 public:
  ~WinPortWorker() override {
    drain();
    if (port_) CloseHandle(port_);
  }

  IoError init(std::vector<ClientConn*> conns, const CellSpec& spec) {
    port_ = CreateIoCompletionPort(INVALID_HANDLE_VALUE, nullptr, 0, 1);
    if (!port_) return win32_error(GetLastError(), "CreateIoCompletionPort");
    if (IoError e = init_conns(std::move(conns), spec)) return e;
    for (auto& k : conns_) {
      HANDLE h = reinterpret_cast<HANDLE>(sock_of(k->c->sock));
      if (!CreateIoCompletionPort(h, port_, 0, 0)) return win32_error(GetLastError(), "CreateIoCompletionPort");
      k->skip_on_success = ifs_handles(k->c->sock) &&
                           SetFileCompletionNotificationModes(
                               h, FILE_SKIP_COMPLETION_PORT_ON_SUCCESS | FILE_SKIP_SET_EVENT_ON_HANDLE);
    }
    return {};
  }

  void wake() override { PostQueuedCompletionStatus(port_, 0, 0, nullptr); }

 protected:
  void prepare(OvConn&, OvOp&) override {}

  IoError wait(DWORD ms) override {
    OVERLAPPED_ENTRY entries[kBatch];
    ULONG n = 0;
    if (!GetQueuedCompletionStatusEx(port_, entries, kBatch, &n, ms, FALSE)) {
      DWORD err = GetLastError();
      if (err == WAIT_TIMEOUT) return {};
      return win32_error(err, "GetQueuedCompletionStatusEx");
    }
    for (ULONG i = 0; i < n; ++i) {
      if (!entries[i].lpOverlapped) continue;  // wake()
      OvOp* op = reinterpret_cast<OvOp*>(entries[i].lpOverlapped);
      // The entry's status is an NTSTATUS; WSAGetOverlappedResult turns it into the WSA code.
      DWORD bytes = 0, flags = 0;
      if (WSAGetOverlappedResult(sock_of(op->conn->c->sock), &op->ov, &bytes, FALSE, &flags)) {
        complete(*op, bytes, 0);
      } else {
        complete(*op, 0, WSAGetLastError());
      }
    }
    return {};
  }

 private:
  static bool ifs_handles(Socket s) {
    WSAPROTOCOL_INFOW info{};
    int len = sizeof info;
    if (getsockopt(sock_of(s), SOL_SOCKET, SO_PROTOCOL_INFOW, reinterpret_cast<char*>(&info), &len) == SOCKET_ERROR) {
      return false;
    }
    return (info.dwServiceFlags1 & XP1_IFS_HANDLES) != 0;
  }

  HANDLE port_ = nullptr;
};

Probe probe_port() {
  if (IoError e = net_init()) return Probe{false, error_message(e)};
  HANDLE p = CreateIoCompletionPort(INVALID_HANDLE_VALUE, nullptr, 0, 1);
  if (!p) return Probe{false, error_message(win32_error(GetLastError(), "CreateIoCompletionPort"))};
  CloseHandle(p);
  return Probe{true, {}};
}

std::unique_ptr<ClientWorker> make_port(std::vector<ClientConn*> conns, const CellSpec& spec, IoError& err) {
  auto w = std::make_unique<WinPortWorker>();
  if ((err = w->init(std::move(conns), spec))) return nullptr;
  return w;
}

}  // namespace

extern const Backend kWinCompletionPort{"completion-port",
                                        "I/O completion port per worker, GetQueuedCompletionStatusEx, "
                                        "FILE_SKIP_COMPLETION_PORT_ON_SUCCESS",
                                        true, false, probe_port, make_port};

}  // namespace sg
