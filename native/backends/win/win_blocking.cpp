// Model `blocking` on Windows: one thread per connection, WSASend/WSARecv without overlapped on a
// blocking socket. A blocking WSASend normally moves the whole array; it returns short only when
// SO_SNDTIMEO expires, and the cursor resumes it mid-array then. Short receives are the norm.
// Bidir: the server's stream is received on a second thread for the length of the sample (one
// thread sending and one receiving on a socket is allowed; two sending is not); cancel() shuts
// the socket down, which returns both blocked calls.
#include <cerrno>
#include <thread>

#include "../../core/backend.h"
#include "win_io.h"

namespace sg {

namespace {

class WinBlockingWorker final : public ClientWorker {
 public:
  explicit WinBlockingWorker(ClientConn* c) : c_(c) {}

  IoError run_sample(const SampleControl& ctl, Histogram& latency) override {
    if (!ctl.receives_stream()) return send_side(ctl, latency);
    if (!ctl.sends()) return receive_stream(ctl);
    IoError in;
    std::thread receiver([&] { in = receive_stream(ctl); });
    IoError out = send_side(ctl, latency);
    receiver.join();
    return out ? out : in;
  }

 private:
  IoError send_side(const SampleControl& ctl, Histogram& latency) {
    ClientConn& c = *c_;
    for (;;) {
      bool cancelled = ctl.cancelled->load(std::memory_order_relaxed);
      if (!c.may_start(ctl.stop_starting_at_ns, cancelled, ctl.mode, ctl.depth)) break;
      c.message_started(ctl.mode);
      do {
        SendOp* op = c.send.next_op();
        if (IoError e = write_all(c, op->cursor)) return e;
        if (c.send.op_done(op) && ctl.mode == Mode::sink) ++c.c.messages;
      } while (!c.send.at_message_boundary());
      if (ctl.mode == Mode::echo) {
        if (IoError e = read_message(c, latency)) return e;
      }
    }
    if (ctl.cancelled->load(std::memory_order_relaxed)) return posix_error(ECANCELED, "WSASend", "cancelled");
    return {};
  }

  IoError receive_stream(const SampleControl& ctl) {
    ClientConn& c = *c_;
    while (c.may_receive(ctl.stop_starting_at_ns, ctl.cancelled->load(std::memory_order_relaxed))) {
      IoCursor& cur = c.recv.arm();
      DWORD got = 0, flags = 0;
      c.receive_started();
      int rc = WSARecv(sock_of(c.sock), wsabufs(cur.data()), wsa_count(cur.count()), &got, &flags, nullptr, nullptr);
      ++c.c.recv_calls;
      if (rc == SOCKET_ERROR) {
        if (WSAGetLastError() == WSAEINTR) continue;
        return last_wsa_error("WSARecv");
      }
      if (got == 0) return wsa_error(WSAECONNRESET, "WSARecv", "peer closed the connection");
      c.stream_received(cur.remaining(), got);
    }
    if (ctl.cancelled->load(std::memory_order_relaxed)) return posix_error(ECANCELED, "WSARecv", "cancelled");
    return {};
  }

  static IoError write_all(ClientConn& c, IoCursor& cur) {
    while (!cur.done()) {
      DWORD sent = 0;
      int rc = WSASend(sock_of(c.sock), wsabufs(cur.data()), wsa_count(cur.count()), &sent, 0, nullptr, nullptr);
      ++c.c.send_calls;
      if (rc == SOCKET_ERROR) {
        if (WSAGetLastError() == WSAEINTR) continue;
        return last_wsa_error("WSASend");
      }
      c.c.bytes_sent += sent;
      if (!cur.advance(sent)) ++c.c.partial_sends;
    }
    return {};
  }

  static IoError read_message(ClientConn& c, Histogram& latency) {
    for (;;) {
      IoCursor& cur = c.recv.arm();
      DWORD got = 0, flags = 0;
      int rc = WSARecv(sock_of(c.sock), wsabufs(cur.data()), wsa_count(cur.count()), &got, &flags, nullptr, nullptr);
      ++c.c.recv_calls;
      if (rc == SOCKET_ERROR) {
        if (WSAGetLastError() == WSAEINTR) continue;
        return last_wsa_error("WSARecv");
      }
      if (got == 0) return wsa_error(WSAECONNRESET, "WSARecv", "peer closed the connection");
      if (c.echo_received(cur.remaining(), got, latency)) return {};
    }
  }

  ClientConn* c_;
};

Probe probe_blocking() {
  if (IoError e = net_init()) return Probe{false, error_message(e)};
  return Probe{true, {}};
}

std::unique_ptr<ClientWorker> make_blocking(std::vector<ClientConn*> conns, const CellSpec&, IoError&) {
  return std::make_unique<WinBlockingWorker>(conns.front());
}

}  // namespace

extern const Backend kWinBlocking{"blocking", "blocking WSASend/WSARecv without overlapped, a thread per connection",
                                  false, true, probe_blocking, make_blocking};

}  // namespace sg
