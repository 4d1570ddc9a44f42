// The event-based server on Linux: the overlapped-event model with io_uring. An acceptor thread
// hands new sockets round-robin to event loops; each loop owns one ring with a registered eventfd,
// keeps one receive (and at most one send) in flight per connection, waits on the eventfd and
// reaps every completion after each wake-up. A ring is created by the loop's own thread: it
// accepts submissions from that thread only (uring.h, "Task work"); other threads reach a loop
// through wake() (the eventfd) and the inbox.
//
// Per connection: handshake (bounded in size and time) → data (sink: count and verify; echo:
// receive a whole message into the array, send the same array back) or control (sample reports).
// A data connection of --reverse or --bidir also carries the server's stream: after the reply,
// one send at a time, back to back, for the life of the connection (--bidir receives as in sink
// meanwhile; --reverse only watches for the close). The client ends such a connection by closing
// it, so a send failing with EPIPE or ECONNRESET is its normal end.
// Any fault closes that connection only; the server keeps serving the others.
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
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
#include "../../core/recv_stream.h"
#include "../../core/send_stream.h"
#include "../../core/server.h"
#include "../../core/server_shared.h"
#include "uring.h"

namespace sg {

namespace {

constexpr std::uint64_t kOpRecv = 1, kOpSend = 2;
constexpr std::uint64_t kSinkRecvBytes = 64 * 1024;
// Memory for those extra copies across all connections: 512 connections get the full 64 KiB, the
// rest receive into one copy (10 000 connections must not cost 640 MiB of receive buffers).
constexpr std::uint64_t kSinkCopiesBudget = 32ull << 20;

struct SConn {
  enum class State { hello, data, control, closing };
  int fd = -1;
  std::size_t slot = 0;  // index in the loop's table, carried in user_data
  State state = State::hello;
  std::uint64_t deadline_ns = 0;
  std::unique_ptr<HelloReader> hello;
  std::shared_ptr<ServerSession> session;
  std::uint32_t number = 0;  // within the session, for reports
  Mode mode = Mode::sink;
  RecvStream recv;
  bool receives = true;        // false (--reverse): receives only to notice the close
  bool streams = false;        // sends a stream once the handshake reply is out
  SendStream stream;
  SendOp* op = nullptr;        // stream op in flight or partly sent
  std::uint8_t close_probe = 0;
  std::uint64_t reserved = 0;  // bytes held in the memory budget
  std::uint64_t reserved_copies = 0;  // of which held in the sink-copies budget
  IoCursor send;               // reply or echo being sent
  std::vector<std::uint8_t> reply;
  bool close_after_send = false;
  bool echoing = false;
  std::uint8_t ctl[kReportRequestBytes];
  std::size_t ctl_have = 0;
  bool report_pending = false;
  std::uint64_t report_target = 0;
  msghdr recv_hdr{}, send_hdr{};
  IoBuf one{};  // single-buffer receives (handshake, control)
  bool recv_inflight = false, send_inflight = false;
};

class Loop final : public Wakeable {
 public:
  Loop(std::size_t index, class UringServer& server) : index_(index), server_(server) {}
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
  void post_recv(SConn& c);
  void post_send(SConn& c) { post_send(c, c.send); }
  void post_send(SConn& c, IoCursor& cur);
  void post_stream(SConn& c);
  void on_stream_sent(SConn& c, int res);
  void begin_close(SConn& c, const char* why);
  void finish_hello(SConn& c);
  void refuse(SConn& c, const std::string& why);
  void check_report(SConn& c);
  void sweep(std::uint64_t now);
  void publish_cpu();

  std::size_t index_;
  class UringServer& server_;
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
  std::uint64_t next_publish_ = 0;
  CpuAttribution cpu_attr_;
};

class UringServer final : public Server {
 public:
  explicit UringServer(const ServerOptions& o)
      : opts(o), budget(o.memory_budget ? o.memory_budget : kServerMemoryBudget), cpu(0) {}
  ~UringServer() override { stop(); }

  IoError start() {
    if (IoError e = net_init()) return e;
    if (IoError e = tcp_listen(opts.host, opts.port, 4096, listener_, port_)) return e;
    unsigned n = opts.threads ? opts.threads : hardware_threads();
    cpu = ServerCpu(n + 1);
    for (unsigned i = 0; i < n; ++i) {
      loops_.push_back(std::make_unique<Loop>(i, *this));
      if (IoError e = loops_.back()->init()) return e;
    }
    for (auto& l : loops_) {
      if (IoError e = l->start(opts.cpu)) return e;
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

  ServerStats stats() const override {
    ServerStats s;
    s.accepted = accepted.load();
    s.refused = refused.load();
    s.timed_out = timed_out.load();
    s.active = active.load();
    s.bytes_received = bytes_received.load();
    s.bytes_sent = bytes_sent.load();
    s.memory_reserved = budget.used();
    return s;
  }

  void log(const char* fmt, const std::string& a) const {
    if (opts.log) std::fprintf(stderr, fmt, a.c_str());
  }

  ServerOptions opts;
  MemoryBudget budget;
  MemoryBudget sink_copies{kSinkCopiesBudget};
  SessionTable sessions;
  ServerCpu cpu;
  std::atomic<std::uint64_t> accepted{0}, refused{0}, timed_out{0}, active{0}, bytes_received{0},
      bytes_sent{0};

 private:
  void accept_loop() {
    if (opts.cpu >= 0) pin_thread_to_cpu(opts.cpu);
    std::size_t next = 0;
    while (!stop_accepting_.load()) {
      Socket s = kNoSocket;
      IoError e = tcp_accept(listener_, 200'000'000ull, s);
      cpu.publish(loops_.size(), thread_cpu_ns());
      if (e) {
        log("sgbench server: %s\n", error_message(e));
        // EMFILE and friends: back off instead of spinning on the pending connection.
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        continue;
      }
      if (s == kNoSocket) continue;
      accepted.fetch_add(1);
      active.fetch_add(1);
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
        if (c && c->state != SConn::State::closing) begin_close(*c, nullptr);
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
      if (c && c->report_pending) check_report(*c);
      return !c || !c->report_pending;
    });
    std::uint64_t now = now_ns();
    if (now >= next_sweep_) {
      sweep(now);
      next_sweep_ = now + 100'000'000ull;
    }
    // Release connections whose operations have all completed.
    std::erase_if(closing_, [this](std::size_t slot) {
      SConn* c = conns_[slot].get();
      if (!c || c->state != SConn::State::closing) return true;  // released and reused already
      if (c->recv_inflight || c->send_inflight) return false;
      ::close(c->fd);
      server_.budget.release(c->reserved);
      server_.sink_copies.release(c->reserved_copies);
      server_.active.fetch_sub(1);
      if (c->session && c->report_pending) c->session->disarm_report();
      conns_[slot].reset();
      free_.push_back(slot);
      --live_;
      return true;
    });
    if (stopping && live_ == 0) break;

    // The thread's CPU clock is a system call: read it at most once a millisecond while busy,
    // and always before sleeping, so that a report is at most 1 ms of CPU time behind.
    if (reaped > 0 || ring_.pending_submissions() > 0) {
      if (now >= next_publish_) {
        publish_cpu();
        next_publish_ = now + 1'000'000ull;
      }
      continue;
    }
    publish_cpu();
    next_publish_ = now + 1'000'000ull;
    // Reset the event, then look for work that its signals stood for: completions (quiet()) and
    // wake() from other threads (poked_). Anything later signals the eventfd again.
    std::uint64_t v;
    (void)!::read(efd_, &v, sizeof v);
    if (poked_.exchange(false, std::memory_order_acquire) || !ring_.quiet()) continue;
    pollfd p{efd_, POLLIN, 0};
    (void)::poll(&p, 1, 250);
  }
}

// Publishes the thread's CPU time and charges what it used since the last call to the sessions
// served in between.
void Loop::publish_cpu() {
  const std::uint64_t ns = thread_cpu_ns();
  server_.cpu.publish(index_, ns);
  cpu_attr_.settle(ns);
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
    auto c = std::make_unique<SConn>();
    c->fd = fd;
    c->slot = slot;
    set_nodelay(fd, true);
    if (server_.opts.peer == Peer::raw) {
      // No handshake: the configured mode and one receive buffer.
      c->mode = server_.opts.raw_mode;
      std::uint32_t n = server_.opts.raw_recv_bytes;
      if (!server_.budget.reserve(n)) {
        server_.log("sgbench server: %s\n", std::string("memory budget exhausted, closing raw connection"));
        ::close(fd);
        server_.active.fetch_sub(1);
        free_.push_back(slot);
        continue;
      }
      c->reserved = n;
      // Echo of a raw stream: send back whatever each receive brought (framing unknown).
      c->recv.init({n}, false, 0);
      c->session = server_.sessions.get(0);
      c->state = SConn::State::data;
    } else {
      c->hello = std::make_unique<HelloReader>();
      c->deadline_ns = now_ns() + kHandshakeTimeoutNs;
    }
    conns_[slot] = std::move(c);
    ++live_;
    post_recv(*conns_[slot]);
  }
}

void Loop::post_recv(SConn& c) {
  if (c.state == SConn::State::closing) return;
  io_uring_sqe* s = ring_.get_sqe();
  if (!s) {
    (void)ring_.submit();
    s = ring_.get_sqe();
    if (!s) return begin_close(c, "submission queue full");
  }
  c.recv_hdr = msghdr{};
  switch (c.state) {
    case SConn::State::hello:
      c.one = make_iobuf(c.hello->want_ptr(), c.hello->want_len());
      c.recv_hdr.msg_iov = reinterpret_cast<iovec*>(&c.one);
      c.recv_hdr.msg_iovlen = 1;
      break;
    case SConn::State::control:
      c.one = make_iobuf(c.ctl + c.ctl_have, sizeof c.ctl - c.ctl_have);
      c.recv_hdr.msg_iov = reinterpret_cast<iovec*>(&c.one);
      c.recv_hdr.msg_iovlen = 1;
      break;
    default:
      if (!c.receives) {
        c.one = make_iobuf(&c.close_probe, 1);
        c.recv_hdr.msg_iov = reinterpret_cast<iovec*>(&c.one);
        c.recv_hdr.msg_iovlen = 1;
      } else {
        IoCursor& cur = c.recv.arm();
        c.recv_hdr.msg_iov = reinterpret_cast<iovec*>(cur.data());
        c.recv_hdr.msg_iovlen = cur.count();
      }
  }
  s->opcode = IORING_OP_RECVMSG;
  s->fd = c.fd;
  s->addr = reinterpret_cast<std::uint64_t>(&c.recv_hdr);
  s->len = 1;
  s->user_data = (static_cast<std::uint64_t>(c.slot) << 8) | kOpRecv;
  c.recv_inflight = true;
}

void Loop::post_send(SConn& c, IoCursor& cur) {
  io_uring_sqe* s = ring_.get_sqe();
  if (!s) {
    (void)ring_.submit();
    s = ring_.get_sqe();
    if (!s) return begin_close(c, "submission queue full");
  }
  c.send_hdr = msghdr{};
  c.send_hdr.msg_iov = reinterpret_cast<iovec*>(cur.data());
  c.send_hdr.msg_iovlen = cur.count();
  s->opcode = IORING_OP_SENDMSG;
  s->fd = c.fd;
  s->addr = reinterpret_cast<std::uint64_t>(&c.send_hdr);
  s->len = 1;
  s->msg_flags = MSG_NOSIGNAL | MSG_WAITALL;
  s->user_data = (static_cast<std::uint64_t>(c.slot) << 8) | kOpSend;
  c.send_inflight = true;
}

// The next send of the stream: what is left of the current op, else the next op.
void Loop::post_stream(SConn& c) {
  if (c.state == SConn::State::closing) return;
  if (!c.op) c.op = c.stream.next_op();
  post_send(c, c.op->cursor);
}

void Loop::on_stream_sent(SConn& c, int res) {
  if (res < 0) {
    if (res == -EINTR || res == -EAGAIN) return post_stream(c);
    // The client closed the connection: how every stream ends.
    if (res == -EPIPE || res == -ECONNRESET) return begin_close(c, nullptr);
    return begin_close(c, strerrorname_np(-res));
  }
  const std::size_t n = static_cast<std::size_t>(res);
  server_.bytes_sent.fetch_add(n, std::memory_order_relaxed);
  c.session->sent.fetch_add(n, std::memory_order_relaxed);
  cpu_attr_.touched(c.session, n);
  if (c.op->cursor.advance(n)) {
    c.stream.op_done(c.op);
    c.op = nullptr;
  }
  post_stream(c);
}

void Loop::begin_close(SConn& c, const char* why) {
  if (c.state == SConn::State::closing) return;
  if (why) server_.log("sgbench server: closing a connection: %s\n", why);
  c.state = SConn::State::closing;
  closing_.push_back(c.slot);
  // Pending operations complete promptly once the socket is shut down; the slot is released
  // when both have been reaped (the kernel may still write into the buffers until then).
  if (c.recv_inflight || c.send_inflight) ::shutdown(c.fd, SHUT_RDWR);
}

void Loop::refuse(SConn& c, const std::string& why) {
  server_.refused.fetch_add(1);
  server_.log("sgbench server: refused a handshake: %s\n", why);
  c.reply.assign(kReplyBytes, 0);
  auto r = encode_reply(Reply{1, why});
  std::copy(r.begin(), r.end(), c.reply.begin());
  IoBuf b = make_iobuf(c.reply.data(), c.reply.size());
  c.send.assign(&b, 1);
  c.close_after_send = true;
  c.hello.reset();
  c.state = SConn::State::data;  // no more receives are posted: close_after_send ends it
  post_send(c);
}

void Loop::finish_hello(SConn& c) {
  const Hello& h = c.hello->hello();
  if (h.kind == ConnKind::control) {
    c.session = server_.sessions.get(h.session);
    c.state = SConn::State::control;
  } else {
    std::vector<std::uint32_t> sizes = h.recv_single_bytes ? std::vector<std::uint32_t>{h.recv_single_bytes} : h.sizes;
    c.receives = h.server_receives();
    c.streams = h.server_sends();
    const auto strategy = static_cast<Strategy>(h.server_strategy);
    // The stream's one slot: the message's buffers, and its joined copy for coalesce.
    const std::uint64_t stream_need = c.streams ? h.message_bytes() * (strategy == Strategy::coalesce ? 2 : 1) : 0;
    std::uint64_t need = 0;
    if (c.receives) {
      for (auto s : sizes) need += s;
    }
    c.mode = h.mode == 1 ? Mode::echo : Mode::sink;
    // Sink into the mirror shape: the array holds several copies of the sender's buffers (up to
    // kSinkRecvBytes, kMaxBuffers buffers), so that one receive can take several small messages.
    // With one copy the server would need a completion per message and, not the sender, set the
    // pace. Falls back to one copy when the memory budgets cannot hold more.
    const std::size_t copies = c.mode == Mode::sink && !h.recv_single_bytes && need > 0
                                   ? std::max<std::size_t>(1, std::min<std::size_t>(kMaxBuffers / sizes.size(), (kSinkRecvBytes + need - 1) / need))
                                   : 1;
    std::uint64_t extra = need * (copies - 1);
    if (extra && !server_.sink_copies.reserve(extra)) extra = 0;
    if (extra && !server_.budget.reserve(need + extra + stream_need)) {
      server_.sink_copies.release(extra);
      extra = 0;
    }
    if (extra) {
      std::vector<std::uint32_t> one = sizes;
      for (std::size_t i = 1; i < copies; ++i) sizes.insert(sizes.end(), one.begin(), one.end());
      need += extra;
      c.reserved_copies = extra;
    } else if (!server_.budget.reserve(need + stream_need)) {
      return refuse(c, "server memory budget exhausted (" + std::to_string(server_.budget.limit() >> 20) + " MiB)");
    }
    c.reserved = need + stream_need;
    if (c.receives) c.recv.init(sizes, (h.flags & kFlagVerify) != 0, c.mode == Mode::echo ? h.message_bytes() : 0);
    if (c.streams) c.stream.init(h.sizes, strategy, (h.flags & kFlagVerify) != 0, 1);
    c.session = server_.sessions.get(h.session);
    c.number = c.session->next_connection.fetch_add(1);
    c.state = SConn::State::data;
  }
  c.hello.reset();
  c.reply.assign(kReplyBytes, 0);
  auto r = encode_reply(Reply{0, "ok"});
  std::copy(r.begin(), r.end(), c.reply.begin());
  IoBuf b = make_iobuf(c.reply.data(), c.reply.size());
  c.send.assign(&b, 1);
  post_send(c);
  post_recv(c);
}

void Loop::on_recv(SConn& c, int res) {
  c.recv_inflight = false;
  if (c.state == SConn::State::closing) return;
  if (res == 0) return begin_close(c, nullptr);
  if (res < 0) {
    if (res == -EINTR || res == -EAGAIN) return post_recv(c);
    if (c.streams && res == -ECONNRESET) return begin_close(c, nullptr);
    return begin_close(c, strerrorname_np(-res));
  }
  std::size_t n = static_cast<std::size_t>(res);
  switch (c.state) {
    case SConn::State::hello:
      switch (c.hello->received(n)) {
        case HelloReader::State::more: return post_recv(c);
        case HelloReader::State::bad: return refuse(c, c.hello->why());
        case HelloReader::State::done: return finish_hello(c);
      }
      return;
    case SConn::State::control: {
      c.ctl_have += n;
      if (c.ctl_have < sizeof c.ctl) return post_recv(c);
      c.ctl_have = 0;
      ReportRequest req;
      if (!decode_report_request(c.ctl, req)) return begin_close(c, "malformed report request");
      c.report_pending = true;
      reporting_.push_back(c.slot);
      c.report_target = req.target_bytes;
      c.session->arm_report(req.target_bytes, this);
      check_report(c);
      return;
    }
    default: break;
  }
  if (!c.receives) return begin_close(c, "a --reverse client sent data");
  server_.bytes_received.fetch_add(n, std::memory_order_relaxed);
  cpu_attr_.touched(c.session, n);
  if (!c.recv.received(n)) c.session->record_bad(c.recv.bad_offset(), c.number);
  // A pending report answers with the session's CPU time: charge this loop's share before the
  // bytes that may complete it are published (a short sample would otherwise show none).
  if (c.session->target.load(std::memory_order_relaxed) != UINT64_MAX) publish_cpu();
  c.session->add_received(n);
  if (c.mode == Mode::echo && server_.opts.peer == Peer::raw) {
    // A raw stream has no message framing: each receive's bytes go straight back.
    c.recv.chunk_iov(c.send, n);
    c.echoing = true;
    return post_send(c);
  }
  if (c.mode == Mode::echo) {
    if (c.recv.message_complete()) {
      c.recv.message_iov(c.send);
      c.recv.take_message();
      c.echoing = true;
      post_send(c);
      // The next receive waits until the echo is out: the array is being sent from.
      return;
    }
    return post_recv(c);
  }
  post_recv(c);
}

void Loop::on_send(SConn& c, int res) {
  c.send_inflight = false;
  if (c.state == SConn::State::closing) return;
  if (c.op) return on_stream_sent(c, res);
  if (res < 0) {
    if (res == -EINTR || res == -EAGAIN) return post_send(c);
    return begin_close(c, strerrorname_np(-res));
  }
  if (c.echoing) cpu_attr_.touched(c.session, static_cast<std::uint64_t>(res));
  if (!c.send.advance(static_cast<std::size_t>(res))) return post_send(c);
  if (c.close_after_send) return begin_close(c, nullptr);
  if (c.streams && c.state == SConn::State::data) return post_stream(c);  // the handshake reply is out
  if (c.echoing) {
    c.echoing = false;
    post_recv(c);
  }
}

void Loop::check_report(SConn& c) {
  if (c.send_inflight || !c.report_pending) return;
  ServerSession& s = *c.session;
  if (s.received.load(std::memory_order_seq_cst) < c.report_target) return;
  s.disarm_report();
  c.report_pending = false;
  publish_cpu();  // the share of data this loop has handled since its last reading
  ReportReply r;
  r.received_bytes = s.received.load();
  r.server_cpu_ns = s.cpu_ns.load(std::memory_order_relaxed);
  r.sent_bytes = s.sent.load(std::memory_order_relaxed);
  r.bad_offset = s.bad_offset.load();
  r.bad_connection = s.bad_connection.load();
  r.status = r.bad_offset >= 0 ? 1 : 0;
  auto b = encode_report_reply(r);
  c.reply.assign(b.begin(), b.end());
  IoBuf one = make_iobuf(c.reply.data(), c.reply.size());
  c.send.assign(&one, 1);
  post_send(c);
  post_recv(c);
}

void Loop::sweep(std::uint64_t now) {
  for (auto& p : conns_) {
    SConn* c = p.get();
    if (c && c->state == SConn::State::hello && now > c->deadline_ns) {
      server_.timed_out.fetch_add(1);
      begin_close(*c, "handshake not completed within 5 s");
    }
  }
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
