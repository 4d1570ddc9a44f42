// The event-based server on Linux: the overlapped-event model with io_uring. An acceptor thread
// hands new sockets round-robin to event loops; each loop owns one ring with a registered eventfd,
// keeps one receive (and at most one send) in flight per connection, waits on the eventfd and
// reaps every completion after each wake-up. A ring is created by the loop's own thread: it
// accepts submissions from that thread only (uring.h, "Task work"); other threads reach a loop
// through wake() (the eventfd) and the inbox.
// The protocol of each connection is ServerConn (core/server_conn.h).
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <string.h>

#include <cerrno>
#include <cstdio>
#include <future>
#include <mutex>
#include <thread>
#include <vector>

#include "../../core/clock.h"
#include "../../core/net.h"
#include "../../core/server.h"
#include "../../core/server_conn.h"
#include "uring.h"

namespace sg {

namespace {

constexpr std::uint64_t kOpRecv = 1, kOpSend = 2;

ConnPolicy uring_policy() {
  ConnPolicy p;
  // Memory for the extra copies of sink receive shapes across all connections: 512 connections
  // get the full 64 KiB, the rest receive into one copy (10 000 connections must not cost
  // 640 MiB of receive buffers).
  p.sink_copies_budget = 32ull << 20;
  return p;
}

struct SConn {
  SConn(LoopContext& loop, int f, std::size_t s) : conn(loop), fd(f), slot(s) {}
  ServerConn conn;
  int fd = -1;
  std::size_t slot = 0;  // index in the loop's table, carried in user_data
  msghdr recv_hdr{}, send_hdr{};
};

class Loop final : public Wakeable {
 public:
  explicit Loop(ServerState& server) : ctx_(server, *this) {}
  ~Loop() {
    if (efd_ >= 0) ::close(efd_);
  }
  IoError init() {
    efd_ = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    if (efd_ < 0) return posix_error(errno, "eventfd");
    return {};
  }
  // Starts the loop's thread, which creates the ring; returns once it has (or has failed).
  IoError start(int cpu) {
    std::promise<IoError> ready;
    std::future<IoError> result = ready.get_future();
    thread_ = std::thread([this, cpu, &ready] {
      if (cpu >= 0) pin_thread_to_cpu(cpu);
      IoError e = ring_.init(1024);
      if (!e) e = ring_.register_eventfd(efd_);
      const bool ok = !e;
      ready.set_value(std::move(e));
      if (ok) run();
    });
    return result.get();
  }
  void stop_and_join() {
    stop_.store(true, std::memory_order_relaxed);
    wake();
    if (thread_.joinable()) thread_.join();
  }
  void adopt(int fd) {
    {
      std::lock_guard<std::mutex> g(inbox_mu_);
      inbox_.push_back(fd);
    }
    wake();
  }
  void wake() override {
    // Release pairs with the acquire exchange in run(): set before the eventfd is written, so a
    // loop whose reset consumed this signal sees the flag and does not sleep.
    poked_.store(true, std::memory_order_release);
    std::uint64_t one = 1;
    (void)!::write(efd_, &one, sizeof one);
  }

 private:
  void run();
  void take_inbox();
  void on_recv(SConn& c, int res);
  void on_send(SConn& c, int res);
  void apply(SConn& c, const ConnStep& step);
  void post_recv(SConn& c);
  void post_send(SConn& c);
  io_uring_sqe* prep(SConn& c, std::uint8_t opcode, std::uint64_t op, msghdr& h, IoSpan b);
  void begin_close(SConn& c, const char* why);

  LoopContext ctx_;
  Uring ring_;
  int efd_ = -1;
  std::thread thread_;
  std::atomic<bool> stop_{false};
  std::atomic<bool> poked_{false};
  std::mutex inbox_mu_;
  std::vector<int> inbox_;
  std::vector<std::unique_ptr<SConn>> conns_;  // slot = index in this vector
  std::vector<std::size_t> free_;
  std::size_t live_ = 0;                // non-empty slots
  std::vector<std::size_t> reporting_;  // slots that may have a report pending
  std::vector<std::size_t> closing_;    // slots closing, released once their operations are reaped
  std::uint64_t next_sweep_ = 0;
  std::uint64_t next_settle_ = 0;
};

class UringServer final : public Server {
 public:
  explicit UringServer(const ServerOptions& o) : state(o, uring_policy()) {}
  ~UringServer() override { stop(); }

  IoError start() {
    if (IoError e = net_init()) return e;
    if (IoError e = tcp_listen(state.opts.host, state.opts.port, 4096, listener_, port_)) return e;
    unsigned n = state.opts.threads ? state.opts.threads : hardware_threads();
    for (unsigned i = 0; i < n; ++i) {
      loops_.push_back(std::make_unique<Loop>(state));
      if (IoError e = loops_.back()->init()) return e;
    }
    for (auto& l : loops_) {
      if (IoError e = l->start(state.opts.cpu)) return e;
    }
    acceptor_ = std::thread([this] { accept_loop(); });
    return {};
  }

  std::uint16_t port() const override { return port_; }

  void stop() override {
    if (stopped_.exchange(true)) return;
    stop_accepting_.store(true);
    if (acceptor_.joinable()) acceptor_.join();
    for (auto& l : loops_) l->stop_and_join();
    socket_close(listener_);
    listener_ = kNoSocket;
  }

  ServerStats stats() const override { return state.stats(); }

  ServerState state;

 private:
  void accept_loop() {
    if (state.opts.cpu >= 0) pin_thread_to_cpu(state.opts.cpu);
    std::size_t next = 0;
    while (!stop_accepting_.load()) {
      Socket s = kNoSocket;
      IoError e = tcp_accept(listener_, 200'000'000ull, s);
      if (e) {
        state.log("sgbench server: %s\n", error_message(e));
        // EMFILE and friends: back off instead of spinning on the pending connection.
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        continue;
      }
      if (s == kNoSocket) continue;
      state.accepted.fetch_add(1);
      state.active.fetch_add(1);
      loops_[next++ % loops_.size()]->adopt(static_cast<int>(s));
    }
  }

  Socket listener_ = kNoSocket;
  std::uint16_t port_ = 0;
  std::vector<std::unique_ptr<Loop>> loops_;
  std::thread acceptor_;
  std::atomic<bool> stop_accepting_{false};
  std::atomic<bool> stopped_{false};
};

void Loop::run() {
  while (true) {
    const bool stopping = stop_.load(std::memory_order_relaxed);
    if (stopping) {
      for (auto& c : conns_) {
        if (c) begin_close(*c, nullptr);
      }
    }
    take_inbox();
    // Submits the receives and sends queued since the last call and posts what the kernel has
    // finished (deferred task work), in one call.
    (void)ring_.get_events();
    const unsigned reaped = ring_.reap([this](std::uint64_t ud, int res, unsigned) {
      std::size_t slot = static_cast<std::size_t>(ud >> 8);
      SConn* c = slot < conns_.size() ? conns_[slot].get() : nullptr;
      if (!c) return;
      if ((ud & 0xff) == kOpRecv) on_recv(*c, res);
      else on_send(*c, res);
    });
    // Only the short lists are walked on every wake-up: with 10 000 connections a scan of the
    // whole table per completion batch would cost more than the I/O itself.
    std::erase_if(reporting_, [this](std::size_t slot) {
      SConn* c = conns_[slot].get();
      if (c && c->conn.report_pending()) apply(*c, c->conn.check_report());
      return !c || !c->conn.report_pending();
    });
    std::uint64_t now = now_ns();
    if (now >= next_sweep_) {
      for (auto& c : conns_) {
        if (c) apply(*c, c->conn.sweep(now));
      }
      next_sweep_ = now + 100'000'000ull;
    }
    // Release connections whose operations have all completed.
    std::erase_if(closing_, [this](std::size_t slot) {
      SConn* c = conns_[slot].get();
      if (!c || !c->conn.closing()) return true;  // released and reused already
      if (c->conn.recv_inflight || c->conn.send_inflight) return false;
      ::close(c->fd);
      c->conn.release();
      conns_[slot].reset();
      free_.push_back(slot);
      --live_;
      return true;
    });
    if (stopping && live_ == 0) break;

    // The thread's CPU clock is a system call: read it at most once a millisecond while busy,
    // and always before sleeping, so that a report is at most 1 ms of CPU time behind.
    if (reaped > 0 || ring_.pending_submissions() > 0) {
      if (now >= next_settle_) {
        ctx_.settle_cpu();
        next_settle_ = now + 1'000'000ull;
      }
      continue;
    }
    ctx_.settle_cpu();
    next_settle_ = now + 1'000'000ull;
    // Reset the event, then look for work that its signals stood for: completions (quiet()) and
    // wake() from other threads (poked_). Anything later signals the eventfd again.
    std::uint64_t v;
    (void)!::read(efd_, &v, sizeof v);
    if (poked_.exchange(false, std::memory_order_acquire) || !ring_.quiet()) continue;
    pollfd p{efd_, POLLIN, 0};
    (void)::poll(&p, 1, 250);
  }
}

void Loop::take_inbox() {
  std::vector<int> fds;
  {
    std::lock_guard<std::mutex> g(inbox_mu_);
    fds.swap(inbox_);
  }
  for (int fd : fds) {
    std::size_t slot;
    if (!free_.empty()) {
      slot = free_.back();
      free_.pop_back();
    } else {
      slot = conns_.size();
      conns_.emplace_back();
    }
    auto c = std::make_unique<SConn>(ctx_, fd, slot);
    set_nodelay(fd, true);
    if (!c->conn.start(now_ns())) {
      ::close(fd);
      free_.push_back(slot);
      continue;
    }
    conns_[slot] = std::move(c);
    ++live_;
    post_recv(*conns_[slot]);
  }
}

void Loop::apply(SConn& c, const ConnStep& step) {
  if (step.close) return begin_close(c, step.why);
  if (step.report_armed) reporting_.push_back(c.slot);
  if (step.send) post_send(c);
  if (step.recv) post_recv(c);
}

// A RECVMSG or SENDMSG of the array b for connection c, or null (c closing) when the submission
// queue stays full.
io_uring_sqe* Loop::prep(SConn& c, std::uint8_t opcode, std::uint64_t op, msghdr& h, IoSpan b) {
  io_uring_sqe* s = ring_.get_sqe();
  if (!s) {
    (void)ring_.submit();
    s = ring_.get_sqe();
    if (!s) {
      begin_close(c, "submission queue full");
      return nullptr;
    }
  }
  h = msghdr{};
  h.msg_iov = reinterpret_cast<iovec*>(b.bufs);
  h.msg_iovlen = b.count;
  s->opcode = opcode;
  s->fd = c.fd;
  s->addr = reinterpret_cast<std::uint64_t>(&h);
  s->len = 1;
  s->user_data = (static_cast<std::uint64_t>(c.slot) << 8) | op;
  return s;
}

void Loop::post_recv(SConn& c) {
  if (c.conn.closing()) return;
  if (!prep(c, IORING_OP_RECVMSG, kOpRecv, c.recv_hdr, c.conn.recv_bufs())) return;
  c.conn.recv_inflight = true;
}

void Loop::post_send(SConn& c) {
  if (c.conn.closing()) return;
  io_uring_sqe* s = prep(c, IORING_OP_SENDMSG, kOpSend, c.send_hdr, c.conn.send_bufs());
  if (!s) return;
  s->msg_flags = MSG_NOSIGNAL | MSG_WAITALL;
  c.conn.send_inflight = true;
}

void Loop::begin_close(SConn& c, const char* why) {
  if (!c.conn.close(why)) return;
  closing_.push_back(c.slot);
  // Pending operations complete promptly once the socket is shut down; the slot is released
  // when both have been reaped (the kernel may still write into the buffers until then).
  if (c.conn.recv_inflight || c.conn.send_inflight) ::shutdown(c.fd, SHUT_RDWR);
}

void Loop::on_recv(SConn& c, int res) {
  c.conn.recv_inflight = false;
  if (res >= 0) return apply(c, c.conn.received(static_cast<std::size_t>(res)));
  const Fault f = res == -EINTR || res == -EAGAIN ? Fault::retry : res == -ECONNRESET ? Fault::peer_gone : Fault::error;
  apply(c, c.conn.recv_failed(f, strerrorname_np(-res)));
}

void Loop::on_send(SConn& c, int res) {
  c.conn.send_inflight = false;
  if (res >= 0) return apply(c, c.conn.sent(static_cast<std::size_t>(res)));
  // Only a stream send ends quietly on EPIPE/ECONNRESET; a reply that fails is logged.
  const bool gone = c.conn.sending_stream() && (res == -EPIPE || res == -ECONNRESET);
  const Fault f = res == -EINTR || res == -EAGAIN ? Fault::retry : gone ? Fault::peer_gone : Fault::error;
  apply(c, c.conn.send_failed(f, strerrorname_np(-res)));
}

}  // namespace

std::unique_ptr<Server> start_server(const ServerOptions& opts, IoError& err) {
  std::string reason;
  if (!uring_probe(reason)) {
    err = harness_error(kUnavailable, "server", "the event-based server needs io_uring: " + reason);
    return nullptr;
  }
  auto s = std::make_unique<UringServer>(opts);
  if ((err = s->start())) return nullptr;
  return s;
}

}  // namespace sg
