// Model `readiness` on Linux: non-blocking sockets in one epoll set per client thread; the turns
// on each ready socket (writev/readv until EAGAIN) are the core's (core/readiness_turns.h).
// Short writes are the norm here (the kernel takes what fits in the send buffer) and resume
// mid-array through the cursor.
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <string.h>

#include <cerrno>

#include "../../core/backend.h"
#include "../../core/clock.h"
#include "../../core/readiness_turns.h"

namespace sg {

namespace {

// Edge-triggered (epoll(7)): a socket is reported again only after it went from not ready to
// ready, so every turn runs until EAGAIN; a short write means the send buffer is full (wait for
// EPOLLOUT) and a short read emptied the socket (new data raises a new edge).
constexpr ReadinessRules kEpollRules{true, true};

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
      turns_.add(c);
      epoll_event ev{};
      ev.events = EPOLLOUT | EPOLLIN | EPOLLET;
      ev.data.u64 = turns_.size() - 1;
      if (::epoll_ctl(ep_, EPOLL_CTL_ADD, static_cast<int>(c->sock), &ev) < 0) return posix_error(errno, "epoll_ctl");
    }
    return {};
  }

  IoError run_sample(const SampleControl& ctl, Histogram& latency) override {
    // Sockets are usually writable at the start; edge triggering would not report that again.
    turns_.start_sample();
    epoll_event events[64];
    while (turns_.active() > 0) {
      std::uint64_t now = now_ns();
      if (now >= ctl.timeout_at_ns) return posix_error(ETIMEDOUT, "epoll_wait", "no progress within the sample timeout");
      if (ctl.cancelled->load(std::memory_order_relaxed)) return posix_error(ECANCELED, "epoll_wait", "cancelled");
      if (IoError e = turns_.run_ready(ctl, latency)) return e;
      // Wake at least every 10 ms to notice the end of the time slice on idle sockets; do not
      // sleep while connections wait for their next turn.
      int n = ::epoll_wait(ep_, events, 64, turns_.any_ready() ? 0 : 10);
      if (n < 0) {
        if (errno == EINTR) continue;
        return posix_error(errno, "epoll_wait");
      }
      if (n == 0 && !turns_.any_ready()) {
        if (IoError e = turns_.turn_all(ctl, latency)) return e;
        continue;
      }
      for (int i = 0; i < n; ++i) {
        if (events[i].data.u64 == UINT64_MAX) {
          std::uint64_t v;
          (void)!::read(wake_fd_, &v, sizeof v);
          continue;
        }
        if (IoError e = turns_.turn(events[i].data.u64, ctl, latency)) return e;
      }
    }
    return {};
  }

  void wake() override {
    std::uint64_t one = 1;
    (void)!::write(wake_fd_, &one, sizeof one);
  }

 private:
  int ep_ = -1;
  int wake_fd_ = -1;
  ReadinessTurns turns_{kEpollRules};
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
