// Model `blocking`: one thread per connection, blocking writev/readv.
// A blocking writev on a TCP socket normally moves the whole array; it returns short only when
// SO_SNDTIMEO expires or a signal interrupts it, and the cursor resumes it mid-array then.
// --bidir: the receive side runs on a second thread for the duration of the sample, as a
// blocking program would do it; cancel() shuts the socket down, which returns both calls.
#include <sys/uio.h>

#include <cerrno>
#include <thread>

#include "../../core/backend.h"
#include "posix_io.h"

namespace sg {

namespace {

class BlockingWorker final : public ClientWorker {
 public:
  explicit BlockingWorker(ClientConn* c) : c_(c) {}

  IoError run_sample(const SampleControl& ctl, Histogram& latency) override {
    if (!ctl.receives_stream()) return send_messages(ctl, latency);
    if (!ctl.sends()) return receive_stream(ctl);
    IoError recv_err;
    std::thread receiver([&] { recv_err = receive_stream(ctl); });
    IoError send_err = send_messages(ctl, latency);
    receiver.join();
    return send_err ? send_err : recv_err;
  }

 private:
  IoError send_messages(const SampleControl& ctl, Histogram& latency) {
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
    if (ctl.cancelled->load(std::memory_order_relaxed)) return posix_error(ECANCELED, "writev", "cancelled");
    return {};
  }

  // Touches only the receive half of the connection's state (recv, stream counters), so that it
  // may run beside send_messages().
  IoError receive_stream(const SampleControl& ctl) {
    ClientConn& c = *c_;
    while (c.may_receive(ctl.stop_starting_at_ns, ctl.cancelled->load(std::memory_order_relaxed))) {
      IoCursor& cur = c.recv.arm();
      const std::size_t offered = cur.remaining();
      c.receive_started();
      ssize_t n = ::readv(static_cast<int>(c.sock), reinterpret_cast<const iovec*>(cur.data()), static_cast<int>(cur.count()));
      ++c.c.recv_calls;
      if (n < 0) {
        if (errno == EINTR) continue;
        return posix_io_error(errno, "readv");
      }
      if (n == 0) return posix_error(ECONNRESET, "readv", "peer closed the connection");
      c.stream_received(offered, static_cast<std::size_t>(n));
    }
    if (ctl.cancelled->load(std::memory_order_relaxed)) return posix_error(ECANCELED, "readv", "cancelled");
    return {};
  }

  IoError write_all(ClientConn& c, IoCursor& cur) {
    while (!cur.done()) {
      ssize_t n = ::writev(static_cast<int>(c.sock), reinterpret_cast<const iovec*>(cur.data()), static_cast<int>(cur.count()));
      ++c.c.send_calls;
      if (n < 0) {
        if (errno == EINTR) continue;
        return posix_io_error(errno, "writev");
      }
      c.c.bytes_sent += static_cast<std::uint64_t>(n);
      if (!cur.advance(static_cast<std::size_t>(n))) ++c.c.partial_sends;
    }
    return {};
  }

  IoError read_message(ClientConn& c, Histogram& latency) {
    for (;;) {
      IoCursor& cur = c.recv.arm();
      ssize_t n = ::readv(static_cast<int>(c.sock), reinterpret_cast<const iovec*>(cur.data()), static_cast<int>(cur.count()));
      ++c.c.recv_calls;
      if (n < 0) {
        if (errno == EINTR) continue;
        return posix_io_error(errno, "readv");
      }
      if (n == 0) return posix_error(ECONNRESET, "readv", "peer closed the connection");
      if (c.echo_received(cur.remaining(), static_cast<std::size_t>(n), latency)) return {};
    }
  }

  ClientConn* c_;
};

Probe probe_blocking() { return Probe{true, {}}; }

std::unique_ptr<ClientWorker> make_blocking(std::vector<ClientConn*> conns, const CellSpec&, IoError&) {
  return std::make_unique<BlockingWorker>(conns.front());
}

}  // namespace

extern const Backend kPosixBlocking{"blocking", "blocking writev/readv, a thread per connection", false, true,
                                    probe_blocking, make_blocking};

}  // namespace sg
