#include "blocking_worker.h"

#include <cerrno>
#include <thread>

namespace sg {

namespace {

// What ends a transfer after one blocking call, if anything: a moved or interrupted call does not
// (`n` stays 0 when interrupted: call again). A blocking call that hits SO_SNDTIMEO/SO_RCVTIMEO
// reports would-block: for the harness that is the sample's time bound.
IoError outcome(IoStatus st, const char* call, IoError& err) {
  if (st == IoStatus::would_block) return posix_error(ETIMEDOUT, call, "no progress within the sample timeout");
  if (st == IoStatus::failed || st == IoStatus::closed) return std::move(err);
  return {};
}

// One counted blocking receive into the cursor.
IoError receive_once(ClientConn& c, IoCursor& cur, std::size_t& n) {
  IoError err;
  n = 0;
  IoStatus st = recv_vectored(c.sock, cur.data(), cur.count(), n, err);
  ++c.c.recv_calls;
  return outcome(st, kRecvVectoredCall, err);
}

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
    if (ctl.cancelled->load(std::memory_order_relaxed)) return posix_error(ECANCELED, kSendVectoredCall, "cancelled");
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
      std::size_t n;
      if (IoError e = receive_once(c, cur, n)) return e;
      if (n > 0) c.stream_received(offered, n);
    }
    if (ctl.cancelled->load(std::memory_order_relaxed)) return posix_error(ECANCELED, kRecvVectoredCall, "cancelled");
    return {};
  }

  static IoError write_all(ClientConn& c, IoCursor& cur) {
    while (!cur.done()) {
      std::size_t n = 0;
      IoError err;
      IoStatus st = send_vectored(c.sock, cur.data(), cur.count(), n, err);
      ++c.c.send_calls;
      if (IoError e = outcome(st, kSendVectoredCall, err)) return e;
      if (n == 0) continue;
      c.c.bytes_sent += n;
      if (!cur.advance(n)) ++c.c.partial_sends;
    }
    return {};
  }

  static IoError read_message(ClientConn& c, Histogram& latency) {
    for (;;) {
      IoCursor& cur = c.recv.arm();
      std::size_t n;
      if (IoError e = receive_once(c, cur, n)) return e;
      if (n > 0 && c.echo_received(cur.remaining(), n, latency)) return {};
    }
  }

  ClientConn* c_;
};

}  // namespace

std::unique_ptr<ClientWorker> make_blocking_worker(std::vector<ClientConn*> conns, const CellSpec&, IoError&) {
  return std::make_unique<BlockingWorker>(conns.front());
}

}  // namespace sg
