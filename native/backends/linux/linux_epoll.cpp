// Model `readiness`: non-blocking sockets in one epoll set per client thread; when a socket is
// ready, writev/readv until the kernel says EAGAIN or the connection's turn is used up (then it
// waits in a ready queue, round-robin, so one fast socket cannot starve the others). Short writes are the norm here (the kernel
// takes what fits in the send buffer) and resume mid-array through the cursor.
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/uio.h>
#include <unistd.h>

#include <string.h>

#include <cerrno>

#include "../../core/backend.h"
#include "../../core/clock.h"
#include "posix_io.h"

namespace sg {

namespace {

struct EpollConn {
  ClientConn* c;
  SendOp* op = nullptr;  // op being written, if any
  bool done = false;     // finished this sample
  bool queued = false;   // in the ready queue: gave up its turn while still ready
};

// Calls one connection may make before the next connection's turn.
constexpr unsigned kCallsPerTurn = 8;

class EpollWorker final : public ClientWorker {
 public:
  ~EpollWorker() override {
    if (ep_ >= 0) ::close(ep_);
    if (wake_fd_ >= 0) ::close(wake_fd_);
  }

  IoError init(std::vector<ClientConn*> conns) {
    ep_ = ::epoll_create1(EPOLL_CLOEXEC);
    if (ep_ < 0) return posix_error(errno, "epoll_create1");
    wake_fd_ = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    if (wake_fd_ < 0) return posix_error(errno, "eventfd");
    epoll_event wev{};
    wev.events = EPOLLIN;
    wev.data.u64 = UINT64_MAX;
    if (::epoll_ctl(ep_, EPOLL_CTL_ADD, wake_fd_, &wev) < 0) return posix_error(errno, "epoll_ctl");
    for (ClientConn* c : conns) {
      if (IoError e = set_nonblocking(c->sock, true)) return e;
      conns_.push_back(EpollConn{c});
      // Edge-triggered: a socket is reported again only after it went from not ready to ready,
      // so every handler below runs until EAGAIN.
      epoll_event ev{};
      ev.events = EPOLLOUT | EPOLLIN | EPOLLET;
      ev.data.u64 = conns_.size() - 1;
      if (::epoll_ctl(ep_, EPOLL_CTL_ADD, static_cast<int>(c->sock), &ev) < 0) return posix_error(errno, "epoll_ctl");
    }
    return {};
  }

  IoError run_sample(const SampleControl& ctl, Histogram& latency) override {
    std::size_t active = conns_.size();
    ready_.clear();
    // Sockets are usually writable at the start; edge triggering would not report that again.
    for (std::size_t i = 0; i < conns_.size(); ++i) {
      conns_[i].done = false;
      conns_[i].queued = true;
      ready_.push_back(i);
    }
    epoll_event events[64];
    while (active > 0) {
      std::uint64_t now = now_ns();
      if (now >= ctl.timeout_at_ns) return posix_error(ETIMEDOUT, "epoll_wait", "no progress within the sample timeout");
      if (ctl.cancelled->load(std::memory_order_relaxed)) return posix_error(ECANCELED, "epoll_wait", "cancelled");
      // One turn for each connection that is still ready, in order.
      turn_.swap(ready_);
      ready_.clear();
      for (std::size_t i : turn_) {
        conns_[i].queued = false;
        if (IoError e = turn(i, ctl, latency, active)) return e;
      }
      // Wake at least every 10 ms to notice the end of the time slice on idle sockets; do not
      // sleep while connections wait for their next turn.
      int n = ::epoll_wait(ep_, events, 64, ready_.empty() ? 10 : 0);
      if (n < 0) {
        if (errno == EINTR) continue;
        return posix_error(errno, "epoll_wait");
      }
      if (n == 0 && ready_.empty()) {
        for (std::size_t i = 0; i < conns_.size(); ++i) {
          if (IoError e = turn(i, ctl, latency, active)) return e;
        }
        continue;
      }
      for (int i = 0; i < n; ++i) {
        if (events[i].data.u64 == UINT64_MAX) {
          std::uint64_t v;
          (void)!::read(wake_fd_, &v, sizeof v);
          continue;
        }
        if (IoError e = turn(events[i].data.u64, ctl, latency, active)) return e;
      }
    }
    return {};
  }

  void wake() override {
    std::uint64_t one = 1;
    (void)!::write(wake_fd_, &one, sizeof one);
  }

 private:
  // Gives connection i a turn; queues it for another if it is still ready afterwards.
  IoError turn(std::size_t i, const SampleControl& ctl, Histogram& latency, std::size_t& active) {
    EpollConn& ec = conns_[i];
    if (ec.queued) return {};  // its turn comes in the ready queue
    bool yielded = false;
    if (IoError e = pump(ec, ctl, latency, active, yielded)) return e;
    if (yielded) {
      ec.queued = true;
      ready_.push_back(i);
    }
    return {};
  }

  // Moves data on one connection until the kernel would block, the sample is over for it, or
  // it has made kCallsPerTurn calls (then `yielded`: it is still ready).
  IoError pump(EpollConn& ec, const SampleControl& ctl, Histogram& latency, std::size_t& active, bool& yielded) {
    if (ec.done) return {};
    ClientConn& c = *ec.c;
    const int fd = static_cast<int>(c.sock);
    bool blocked_out = false, blocked_in = false;
    unsigned calls = 0;
    const bool stream_in = ctl.receives_stream();
    while (!blocked_out || (!blocked_in && (stream_in || (ctl.mode == Mode::echo && c.echo_pending())))) {
      if (++calls > kCallsPerTurn) {
        yielded = true;
        break;
      }
      // Send side.
      if (!blocked_out) {
        if (!ec.op) {
          if (c.send.at_message_boundary()) {
            if (!c.may_start(ctl.stop_starting_at_ns, ctl.cancelled->load(std::memory_order_relaxed), ctl.mode, ctl.depth)) {
              blocked_out = true;
            } else {
              c.message_started(ctl.mode);
              ec.op = c.send.next_op();
            }
          } else {
            ec.op = c.send.next_op();
          }
        }
        if (ec.op) {
          IoCursor& cur = ec.op->cursor;
          ssize_t n = ::writev(fd, reinterpret_cast<const iovec*>(cur.data()), static_cast<int>(cur.count()));
          ++c.c.send_calls;
          if (n < 0) {
            if (errno == EAGAIN) {
              blocked_out = true;
            } else if (errno != EINTR) {
              return posix_error(errno, "writev");
            }
          } else {
            c.c.bytes_sent += static_cast<std::uint64_t>(n);
            if (!cur.advance(static_cast<std::size_t>(n))) {
              ++c.c.partial_sends;
              blocked_out = true;  // the send buffer is full: wait for EPOLLOUT
            } else {
              if (c.send.op_done(ec.op) && ctl.mode == Mode::sink) ++c.c.messages;
              ec.op = nullptr;
            }
          }
        }
      }
      // Receive side (echo).
      if (ctl.mode == Mode::echo && !blocked_in && c.echo_pending()) {
        IoCursor& cur = c.recv.arm();
        ssize_t n = ::readv(fd, reinterpret_cast<const iovec*>(cur.data()), static_cast<int>(cur.count()));
        ++c.c.recv_calls;
        if (n < 0) {
          if (errno == EAGAIN) {
            blocked_in = true;
          } else if (errno != EINTR) {
            return posix_error(errno, "readv");
          }
        } else if (n == 0) {
          return posix_error(ECONNRESET, "readv", "peer closed the connection");
        } else {
          if (c.echo_received(cur.remaining(), static_cast<std::size_t>(n), latency)) {
            blocked_out = false;  // a slot opened for the next message
          }
        }
      }
      // Receive side (the server's stream, --reverse/--bidir).
      if (stream_in && !blocked_in) {
        if (!c.may_receive(ctl.stop_starting_at_ns, ctl.cancelled->load(std::memory_order_relaxed))) {
          blocked_in = true;
        } else {
          IoCursor& cur = c.recv.arm();
          const std::size_t offered = cur.remaining();
          ssize_t n = ::readv(fd, reinterpret_cast<const iovec*>(cur.data()), static_cast<int>(cur.count()));
          ++c.c.recv_calls;
          if (n < 0) {
            if (errno == EAGAIN) {
              blocked_in = true;
            } else if (errno != EINTR) {
              return posix_error(errno, "readv");
            }
          } else if (n == 0) {
            return posix_error(ECONNRESET, "readv", "peer closed the connection");
          } else {
            // Only a receive that brought data counts as the sample's receive: a connection
            // whose data has not arrived yet keeps waiting for it.
            c.receive_started();
            c.stream_received(offered, static_cast<std::size_t>(n));
            // A short read emptied the socket; new data raises a new edge (epoll(7)).
            if (static_cast<std::size_t>(n) < offered) blocked_in = true;
          }
        }
      }
    }
    // Finished when no op is half-written, no new message may start, no echo is due and no
    // receive of the stream may start.
    const bool cancelled = ctl.cancelled->load(std::memory_order_relaxed);
    if (!ec.op && c.send.at_message_boundary() && !c.echo_pending() &&
        !c.may_start(ctl.stop_starting_at_ns, cancelled, ctl.mode, ctl.depth) &&
        !(stream_in && c.may_receive(ctl.stop_starting_at_ns, cancelled))) {
      ec.done = true;
      --active;
    }
    return {};
  }

  int ep_ = -1;
  int wake_fd_ = -1;
  std::vector<EpollConn> conns_;
  std::vector<std::size_t> ready_, turn_;
};

Probe probe_epoll() {
  int fd = ::epoll_create1(EPOLL_CLOEXEC);
  if (fd < 0) return Probe{false, std::string("epoll_create1 failed: ") + strerrorname_np(errno)};
  ::close(fd);
  return Probe{true, {}};
}

std::unique_ptr<ClientWorker> make_epoll(std::vector<ClientConn*> conns, const CellSpec&, IoError& err) {
  auto w = std::make_unique<EpollWorker>();
  if ((err = w->init(std::move(conns)))) return nullptr;
  return w;
}

}  // namespace

extern const Backend kLinuxEpoll{"readiness", "non-blocking sockets + epoll (edge-triggered), writev/readv", false,
                                 false, probe_epoll, make_epoll};

}  // namespace sg
