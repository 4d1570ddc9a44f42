// Models `overlapped-event`, `overlapped-callback` and `completion-port` on Linux: io_uring.
//
// overlapped-event     The Winsock event model's counterpart. Operations are submitted as
//                      IORING_OP_SENDMSG/RECVMSG with the connection's iovec array; the ring
//                      signals an eventfd registered with IORING_REGISTER_EVENTFD (hEvent); the
//                      thread waits on that eventfd (WSAWaitForMultipleEvents), then reaps every
//                      completion (WSAGetOverlappedResult). One signal may stand for several
//                      completions, so the queue is always reaped until empty. With deferred
//                      task work (uring.h) a signal means "completions are ready to be posted":
//                      the thread calls io_uring_enter(GETEVENTS) once, which submits the new
//                      operations and posts the finished ones in the same call, then reaps.
// overlapped-callback  Same submissions; each operation carries a pointer to its completion
//                      routine, and the reaper calls it (Winsock completion routines).
// completion-port      One ring per worker thread, waited on with io_uring_enter(GETEVENTS)
//                      directly (GetQueuedCompletionStatus), no eventfd.
//
// Stream order with depth > 1: two sends in flight on one TCP socket can interleave their bytes
// unless the kernel runs them one after the other. A connection's D in-flight sends are therefore
// one linked chain (IOSQE_IO_LINK), each with MSG_WAITALL so that io_uring finishes the whole
// operation before starting the next one (without it a short send would complete "successfully"
// and the next link would run with the rest of the bytes missing). Links do not extend across
// submissions, so a new chain is only submitted once the previous one has completed entirely. If
// an operation completes short anyway (a signal, an error), io_uring cancels the rest of the
// chain (-ECANCELED); they are resubmitted from the first unfinished byte.
//
// --reverse/--bidir: one RECVMSG of the whole receive array stays outstanding per connection
// while the sample allows new receives, independent of the send chain (bidir).
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "../../core/backend.h"
#include "../../core/clock.h"
#include "../../core/limits.h"
#include "uring.h"

namespace sg {

namespace {

enum class Waiter { event, callback, port };

constexpr std::uint64_t kRecvBit = 1ull << 16;
constexpr std::uint64_t kWakeTag = ~0ull;
constexpr int kPortWaitMs = 50;

struct UConn;
using CompletionRoutine = void (*)(UConn&, std::uint64_t ud, int res);

struct UConn {
  ClientConn* c = nullptr;
  unsigned index = 0;
  // In-order queue of send ops not yet fully sent: the current chain.
  std::vector<SendOp*> fifo;
  std::vector<msghdr> hdrs;  // one per fifo position; must stay put while its op is in flight
  unsigned head = 0, size = 0;
  unsigned inflight = 0;
  bool chain_broken = false;
  bool recv_inflight = false;
  std::size_t recv_offered = 0;
  msghdr recv_hdr{};
  bool done = false;
  CompletionRoutine on_send = nullptr;
  CompletionRoutine on_recv = nullptr;
};

unsigned next_pow2(unsigned v) {
  unsigned p = 1;
  while (p < v) p <<= 1;
  return p;
}

class UringWorker final : public ClientWorker {
 public:
  explicit UringWorker(Waiter w) : waiter_(w) {}
  ~UringWorker() override {
    if (efd_ >= 0) ::close(efd_);
  }

  IoError init(std::vector<ClientConn*> conns, const CellSpec& spec) {
    depth_ = std::max(1u, spec.depth);
    unsigned want = static_cast<unsigned>(conns.size()) * (depth_ + 1);
    entries_ = std::clamp(next_pow2(want), 64u, 4096u);
    if (waiter_ != Waiter::port) {
      efd_ = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
      if (efd_ < 0) return posix_error(errno, "eventfd");
    }
    // Created here so that an unusable ring fails the open; each sample's thread makes its own.
    if (IoError e = open_ring()) return e;
    conns_.resize(conns.size());
    for (std::size_t i = 0; i < conns.size(); ++i) {
      UConn& u = conns_[i];
      u.c = conns[i];
      u.index = static_cast<unsigned>(i);
      u.fifo.assign(depth_, nullptr);
      u.hdrs.assign(depth_, msghdr{});
      u.on_send = &UringWorker::send_routine;
      u.on_recv = &UringWorker::recv_routine;
    }
    return {};
  }

  IoError run_sample(const SampleControl& ctl, Histogram& latency) override {
    ctl_ = &ctl;
    latency_ = &latency;
    current_ = this;
    err_ = IoError{};
    // The ring accepts submissions from one thread only (uring.h, "Task work"), and every
    // sample runs on a new thread (thread ids are reused, so do not compare them): a new ring
    // per sample. All operations of the previous sample have completed.
    if (IoError e = open_ring()) return e;
    active_ = conns_.size();
    for (UConn& u : conns_) {
      u.done = false;
      u.chain_broken = false;
      pump(u);
    }
    while (!err_) {
      // Submit what pump() queued and run the ring's deferred work in one call, then reap.
      if (IoError e = ring_.get_events()) {
        err_ = e;
        break;
      }
      const unsigned reaped = reap();
      if (err_ || active_ == 0) break;
      std::uint64_t now = now_ns();
      if (now >= ctl.timeout_at_ns) {
        err_ = posix_error(ETIMEDOUT, "io_uring wait", "no progress within the sample timeout");
        break;
      }
      if (ctl.cancelled->load(std::memory_order_relaxed)) {
        err_ = posix_error(ECANCELED, "io_uring wait", "cancelled");
        break;
      }
      if (reaped > 0 || ring_.pending_submissions() > 0) continue;
      if (IoError e = wait(ctl.timeout_at_ns - now)) {
        err_ = e;
        break;
      }
    }
    if (err_) drain();
    return err_;
  }

  void wake() override {
    if (efd_ >= 0) {
      std::uint64_t one = 1;
      (void)!::write(efd_, &one, sizeof one);
    }
    // completion-port: the ring belongs to its thread (no locking on the submission queue), so
    // it is not poked from outside; its waits are bounded to kPortWaitMs instead.
  }

 private:
  IoError open_ring() {
    if (IoError e = ring_.init(entries_)) return e;
    if (efd_ >= 0) {
      if (IoError e = ring_.register_eventfd(efd_)) return e;
    }
    return {};
  }

  IoError wait(std::uint64_t left_ns) {
    if (waiter_ == Waiter::port) {
      // Block in the ring itself until at least one completion is posted or the bound passes.
      return ring_.wait_events(std::min<std::uint64_t>(left_ns, kPortWaitMs * 1'000'000ull));
    }
    // Reset the event, then look: whatever was posted or queued before the reset is seen by
    // quiet(); whatever comes after signals the eventfd again, so the poll cannot miss it.
    std::uint64_t v;
    (void)!::read(efd_, &v, sizeof v);
    // wake() (cancellation) stores the flag before it writes the eventfd.
    if (!ring_.quiet() || ctl_->cancelled->load(std::memory_order_relaxed)) return {};
    int ms = static_cast<int>(std::min<std::uint64_t>(left_ns / 1'000'000 + 1, 1000));
    pollfd p{efd_, POLLIN, 0};
    int r = ::poll(&p, 1, ms);
    if (r < 0 && errno != EINTR) return posix_error(errno, "poll(eventfd)");
    return {};
  }

  unsigned reap() {
    return ring_.reap([this](std::uint64_t ud, int res, unsigned) {
      if (ud == kWakeTag) return;
      UConn& u = conns_[ud >> 32];
      if (waiter_ == Waiter::callback) {
        (ud & kRecvBit ? u.on_recv : u.on_send)(u, ud, res);
      } else if (ud & kRecvBit) {
        on_recv(u, res);
      } else {
        on_send(u, ud, res);
      }
    });
  }

  // Completion routines (overlapped-callback) are plain functions reached through the
  // connection, as a Winsock completion routine is reached through its WSAOVERLAPPED.
  static thread_local UringWorker* current_;
  static void send_routine(UConn& u, std::uint64_t ud, int res) { current_->on_send(u, ud, res); }
  static void recv_routine(UConn& u, std::uint64_t, int res) { current_->on_recv(u, res); }

  void on_send(UConn& u, std::uint64_t ud, int res) {
    ClientConn& c = *u.c;
    --u.inflight;
    unsigned slot = static_cast<unsigned>(ud & 0xffff);
    SendOp* op = u.fifo[slot];
    if (res >= 0) {
      std::size_t n = static_cast<std::size_t>(res);
      c.c.bytes_sent += n;
      if (!op->cursor.advance(n)) {
        ++c.c.partial_sends;
        u.chain_broken = true;
      } else {
        // Chains complete in order, so a finished op is at the head of the queue.
        u.head = (u.head + 1) % depth_;
        --u.size;
        if (c.send.op_done(op) && ctl_->mode == Mode::sink) ++c.c.messages;
      }
    } else if (res == -ECANCELED || res == -EINTR || res == -EAGAIN) {
      u.chain_broken = true;  // resubmitted below once the chain has drained
    } else if (!err_) {
      err_ = posix_error(-res, "io_uring SENDMSG");
    }
    if (u.inflight == 0) pump(u);
  }

  void on_recv(UConn& u, int res) {
    ClientConn& c = *u.c;
    u.recv_inflight = false;
    if (res > 0) {
      if (ctl_->mode == Mode::echo) c.echo_received(u.recv_offered, static_cast<std::size_t>(res), *latency_);
      else c.stream_received(u.recv_offered, static_cast<std::size_t>(res));
    } else if (res == 0) {
      if (!err_) err_ = posix_error(ECONNRESET, "io_uring RECVMSG", "peer closed the connection");
      return;
    } else if (res != -EINTR && res != -EAGAIN) {
      if (!err_) err_ = posix_error(-res, "io_uring RECVMSG");
      return;
    }
    pump(u);
  }

  io_uring_sqe* sqe() {
    io_uring_sqe* s = ring_.get_sqe();
    if (!s) {
      if (IoError e = ring_.submit(); e && !err_) err_ = e;
      s = ring_.get_sqe();
    }
    return s;
  }

  // Queues what the connection can do next: a new send chain once the last one has completed,
  // and a receive while echoes are due. Marks the connection done when nothing is left.
  void pump(UConn& u) {
    if (err_ || u.done) return;
    ClientConn& c = *u.c;
    const bool cancelled = ctl_->cancelled->load(std::memory_order_relaxed);
    if (u.inflight == 0) {
      while (u.size < depth_) {
        SendOp* op = nullptr;
        if (c.send.at_message_boundary()) {
          if (!c.may_start(ctl_->stop_starting_at_ns, cancelled, ctl_->mode, ctl_->depth)) break;
          op = c.send.next_op();
          if (!op) break;
          c.message_started(ctl_->mode);
        } else {
          op = c.send.next_op();
        }
        u.fifo[(u.head + u.size) % depth_] = op;
        ++u.size;
      }
      u.chain_broken = false;
      for (unsigned i = 0; i < u.size; ++i) {
        unsigned slot = (u.head + i) % depth_;
        SendOp* op = u.fifo[slot];
        msghdr& h = u.hdrs[slot];
        h = msghdr{};
        h.msg_iov = reinterpret_cast<iovec*>(op->cursor.data());
        h.msg_iovlen = op->cursor.count();
        io_uring_sqe* s = sqe();
        if (!s) return;
        s->opcode = IORING_OP_SENDMSG;
        s->fd = static_cast<int>(c.sock);
        s->addr = reinterpret_cast<std::uint64_t>(&h);
        s->len = 1;
        s->msg_flags = MSG_NOSIGNAL | MSG_WAITALL;
        if (i + 1 < u.size) s->flags = IOSQE_IO_LINK;
        s->user_data = (static_cast<std::uint64_t>(u.index) << 32) | slot;
        ++u.inflight;
        ++c.c.send_calls;
      }
    }
    const bool stream_in = ctl_->receives_stream();
    if (!u.recv_inflight && (ctl_->mode == Mode::echo ? c.echo_pending()
                                                      : stream_in && c.may_receive(ctl_->stop_starting_at_ns, cancelled))) {
      IoCursor& cur = c.recv.arm();
      u.recv_offered = cur.remaining();
      u.recv_hdr = msghdr{};
      u.recv_hdr.msg_iov = reinterpret_cast<iovec*>(cur.data());
      u.recv_hdr.msg_iovlen = cur.count();
      io_uring_sqe* s = sqe();
      if (!s) return;
      s->opcode = IORING_OP_RECVMSG;
      s->fd = static_cast<int>(c.sock);
      s->addr = reinterpret_cast<std::uint64_t>(&u.recv_hdr);
      s->len = 1;
      s->user_data = (static_cast<std::uint64_t>(u.index) << 32) | kRecvBit;
      u.recv_inflight = true;
      ++c.c.recv_calls;
      if (stream_in) c.receive_started();
    }
    if (u.inflight == 0 && u.size == 0 && !u.recv_inflight && !c.echo_pending() &&
        !c.may_start(ctl_->stop_starting_at_ns, cancelled, ctl_->mode, ctl_->depth) &&
        !(stream_in && c.may_receive(ctl_->stop_starting_at_ns, cancelled))) {
      u.done = true;
      --active_;
    }
  }

  // After an error the kernel may still own buffers of in-flight operations. Shut the sockets
  // down so that every pending operation completes at once, then reap until none is left.
  void drain() {
    bool any = false;
    for (UConn& u : conns_) {
      if (u.inflight || u.recv_inflight) {
        socket_shutdown(u.c->sock);
        any = true;
      }
    }
    const std::uint64_t give_up = now_ns() + 5'000'000'000ull;
    while (any && now_ns() < give_up) {
      (void)ring_.get_events();
      ring_.reap([this](std::uint64_t ud, int, unsigned) {
        if (ud == kWakeTag) return;
        UConn& u = conns_[ud >> 32];
        if (ud & kRecvBit) u.recv_inflight = false;
        else --u.inflight;
      });
      any = false;
      for (UConn& u : conns_) any = any || u.inflight || u.recv_inflight;
      if (any) (void)wait(10'000'000ull);
    }
  }

  Waiter waiter_;
  Uring ring_;
  unsigned entries_ = 64;
  int efd_ = -1;
  unsigned depth_ = 1;
  std::vector<UConn> conns_;
  std::size_t active_ = 0;
  const SampleControl* ctl_ = nullptr;
  Histogram* latency_ = nullptr;
  IoError err_;
};

thread_local UringWorker* UringWorker::current_ = nullptr;

Probe probe_uring() {
  std::string reason;
  if (!uring_probe(reason)) return Probe{false, reason};
  return Probe{true, {}};
}

template <Waiter W>
std::unique_ptr<ClientWorker> make_uring(std::vector<ClientConn*> conns, const CellSpec& spec, IoError& err) {
  auto w = std::make_unique<UringWorker>(W);
  if ((err = w->init(std::move(conns), spec))) return nullptr;
  return w;
}

}  // namespace

extern const Backend kLinuxUringEvent{
    "overlapped-event", "io_uring SENDMSG/RECVMSG, eventfd registered on the ring (IORING_REGISTER_EVENTFD)", true,
    false, probe_uring, make_uring<Waiter::event>};
extern const Backend kLinuxUringCallback{"overlapped-callback",
                                         "io_uring SENDMSG/RECVMSG, completions dispatched to per-operation routines",
                                         true, false, probe_uring, make_uring<Waiter::callback>};
extern const Backend kLinuxUringPort{"completion-port",
                                     "io_uring, one ring per worker waited on with io_uring_enter(GETEVENTS)", true,
                                     false, probe_uring, make_uring<Waiter::port>};

}  // namespace sg
