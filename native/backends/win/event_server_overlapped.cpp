// The event-based server on Windows: the overlapped-event model itself. An acceptor thread hands
// new sockets to event loops; each loop owns at most 63 connections (its wake event plus one event
// per connection = WSA_MAXIMUM_WAIT_EVENTS), keeps one WSARecv (and at most one WSASend) in flight
// per connection with WSAOVERLAPPED.hEvent set to the connection's event, waits in
// WSAWaitForMultipleEvents and reads results with WSAGetOverlappedResult. Loops are added as
// connections arrive: 130 connections need three loops, 1000 need ⌈1000/63⌉.
//
// Per connection: handshake (bounded in size and time) → data (sink: count and verify; echo:
// receive a whole message into the array, send the same array back; reverse/bidir: a stream of
// the declared buffers sent back to back with the declared strategy, the one WSASend in flight,
// while bidir also receives as sink and reverse receives only to notice the close) or control
// (sample reports). Any fault closes that connection only; the server keeps serving the others.
// A stream ends when the client closes: a send failing with WSAECONNRESET/WSAECONNABORTED then
// is the normal end, closed without a word.
//
// CPU per session: each loop charges its thread's CPU time to the sessions whose data it moved
// (CpuAttribution), settled each time round the loop, and a report gives the session's share.
//
// Winsock dangers, as in the client (win_overlapped_event.cpp): the lowest signalled index wins a
// wait, so every event is tested after each wake-up, starting one connection further each time;
// a connection gets one turn per wake-up (its event reset, each operation polled once), and a turn
// that found a completion sets the event again, because posting may have cleared it; an immediate
// completion signals the event like a pending one. A connection being closed has its operations
// cancelled (CancelIoEx) and is freed only once each WSAOVERLAPPED reports completion, whatever
// the status (after our own cancel any status means aborted).
#include <algorithm>
#include <atomic>
#include <cstdio>
#include <mutex>
#include <thread>
#include <vector>

#include "../../core/clock.h"
#include "../../core/recv_stream.h"
#include "../../core/send_stream.h"
#include "../../core/server.h"
#include "../../core/server_shared.h"
#include "win_io.h"

namespace sg {

namespace {

constexpr std::size_t kConnsPerLoop = WSA_MAXIMUM_WAIT_EVENTS - 1;
// Loops are added on demand up to this many (about 64 000 connections).
constexpr std::size_t kMaxLoops = 1024;
// Reverse: the receive buffer that only notices the client's close.
constexpr std::uint32_t kNoticeBytes = 64;

// The client went away under a send or receive: how a stream connection normally ends.
bool peer_gone(int err) {
  return err == WSAECONNRESET || err == WSAECONNABORTED || err == WSAESHUTDOWN || err == WSAENOTCONN ||
         err == WSAENETRESET;
}

struct SConn {
  enum class State { hello, data, control, closing };
  SOCKET s = INVALID_SOCKET;
  WSAEVENT ev = WSA_INVALID_EVENT;
  State state = State::hello;
  std::uint64_t deadline_ns = 0;
  std::unique_ptr<HelloReader> hello;
  std::shared_ptr<ServerSession> session;
  std::uint32_t number = 0;  // within the session, for reports
  Mode mode = Mode::sink;
  RecvStream recv;
  std::uint64_t reserved = 0;  // bytes held in the memory budget
  IoCursor send;               // reply or echo being sent
  std::vector<std::uint8_t> reply;
  bool close_after_send = false;
  bool echoing = false;
  // Reverse/bidir: the server's stream, sent once the handshake reply is out.
  bool streams = false;
  bool receives = true;  // false in reverse: any data from the client is a protocol error
  SendStream out;
  SendOp* out_op = nullptr;  // the stream op being sent
  std::uint8_t ctl[kReportRequestBytes];
  std::size_t ctl_have = 0;
  bool report_pending = false;
  std::uint64_t report_target = 0;
  WSAOVERLAPPED rov{}, sov{};
  IoBuf one{};  // single-buffer receives (handshake, control)
  bool recv_inflight = false, send_inflight = false;
};

class WinServer;

class Loop final : public Wakeable {
 public:
  Loop(std::size_t index, WinServer& server) : index_(index), server_(server) {}
  ~Loop() {
    if (wake_ != WSA_INVALID_EVENT) WSACloseEvent(wake_);
  }
  IoError init() {
    wake_ = WSACreateEvent();
    if (wake_ == WSA_INVALID_EVENT) return last_wsa_error("WSACreateEvent");
    return {};
  }
  void start(int cpu) {
    thread_ = std::thread([this, cpu] {
      if (cpu >= 0) pin_thread_to_cpu(cpu);
      run();
    });
  }
  void stop_and_join() {
    stop_.store(true, std::memory_order_relaxed);
    wake();
    if (thread_.joinable()) thread_.join();
  }
  // Called by the acceptor only, after it reserved a place with try_reserve().
  void adopt(SOCKET s) {
    {
      std::lock_guard<std::mutex> g(inbox_mu_);
      inbox_.push_back(s);
    }
    wake();
  }
  bool try_reserve() {
    std::size_t n = load_.load(std::memory_order_relaxed);
    while (n < kConnsPerLoop) {
      if (load_.compare_exchange_weak(n, n + 1, std::memory_order_relaxed)) return true;
    }
    return false;
  }
  void wake() override { WSASetEvent(wake_); }

 private:
  void run();
  void take_inbox();
  void service(SConn& c);
  bool poll(SConn& c, WSAOVERLAPPED& ov, bool& inflight, DWORD& bytes, int& err);
  void on_recv(SConn& c, DWORD n, int err);
  void on_send(SConn& c, DWORD n, int err);
  void post_recv(SConn& c);
  void post_send(SConn& c);
  void post_send(SConn& c, IoCursor& cur);
  void send_stream(SConn& c);
  void begin_close(SConn& c, const char* why);
  void finish_hello(SConn& c);
  void refuse(SConn& c, const std::string& why);
  void check_report(SConn& c);
  void release_closed();
  void publish_cpu();
  void sweep(std::uint64_t now);

  std::size_t index_;
  WinServer& server_;
  WSAEVENT wake_ = WSA_INVALID_EVENT;
  std::thread thread_;
  std::atomic<bool> stop_{false};
  std::atomic<std::size_t> load_{0};  // connections owned or on their way in the inbox
  std::mutex inbox_mu_;
  std::vector<SOCKET> inbox_;
  std::vector<std::unique_ptr<SConn>> conns_;
  std::vector<WSAEVENT> events_;  // [wake, one per connection in conns_ order]
  std::size_t start_ = 0;         // the connection serviced first after the next wake-up
  std::uint64_t next_sweep_ = 0;
  CpuAttribution cpu_share_;
};

class WinServer final : public Server {
 public:
  explicit WinServer(const ServerOptions& o)
      : opts(o), budget(o.memory_budget ? o.memory_budget : kServerMemoryBudget), cpu(kMaxLoops + 1) {}
  ~WinServer() override { stop(); }

  IoError start() {
    if (IoError e = net_init()) return e;
    if (IoError e = tcp_listen(opts.host, opts.port, SOMAXCONN, listener_, port_)) return e;
    unsigned n = std::min<unsigned>(opts.threads ? opts.threads : hardware_threads(), kMaxLoops);
    for (unsigned i = 0; i < n; ++i) {
      if (IoError e = add_loop()) return e;
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
  SessionTable sessions;
  ServerCpu cpu;
  std::atomic<std::uint64_t> accepted{0}, refused{0}, timed_out{0}, active{0}, bytes_received{0},
      bytes_sent{0};

 private:
  IoError add_loop() {
    auto l = std::make_unique<Loop>(loops_.size(), *this);
    if (IoError e = l->init()) return e;
    l->start(opts.cpu);
    loops_.push_back(std::move(l));
    return {};
  }

  // Round-robin over loops with room; a new loop when every one is full.
  Loop* place() {
    for (std::size_t i = 0; i < loops_.size(); ++i) {
      Loop* l = loops_[(next_ + i) % loops_.size()].get();
      if (l->try_reserve()) {
        next_ = (next_ + i + 1) % loops_.size();
        return l;
      }
    }
    if (loops_.size() >= kMaxLoops) return nullptr;
    if (IoError e = add_loop()) {
      log("sgbench server: %s\n", error_message(e));
      return nullptr;
    }
    Loop* l = loops_.back().get();
    return l->try_reserve() ? l : nullptr;
  }

  void accept_loop() {
    if (opts.cpu >= 0) pin_thread_to_cpu(opts.cpu);
    while (!stop_accepting_.load()) {
      Socket s = kNoSocket;
      IoError e = tcp_accept(listener_, 200'000'000ull, s);
      cpu.publish(kMaxLoops, thread_cpu_ns());
      if (e) {
        log("sgbench server: %s\n", error_message(e));
        // WSAEMFILE and friends: back off instead of spinning on the pending connection.
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        continue;
      }
      if (s == kNoSocket) continue;
      accepted.fetch_add(1);
      Loop* l = place();
      if (!l) {
        log("sgbench server: %s\n", std::string("every event loop is full, closing a new connection"));
        socket_close(s);
        continue;
      }
      active.fetch_add(1);
      l->adopt(sock_of(s));
    }
  }

  Socket listener_ = kNoSocket;
  std::uint16_t port_ = 0;
  std::vector<std::unique_ptr<Loop>> loops_;  // changed by the acceptor only (and start())
  std::size_t next_ = 0;
  std::thread acceptor_;
  std::atomic<bool> stop_accepting_{false};
  std::atomic<bool> stopped_{false};
};

void Loop::run() {
  while (true) {
    const bool stopping = stop_.load(std::memory_order_relaxed);
    if (stopping) {
      for (auto& c : conns_) begin_close(*c, nullptr);
    }
    take_inbox();
    release_closed();
    if (stopping && conns_.empty()) {
      std::lock_guard<std::mutex> g(inbox_mu_);
      if (inbox_.empty()) break;
      continue;
    }
    publish_cpu();

    events_.clear();
    events_.push_back(wake_);
    for (auto& c : conns_) events_.push_back(c->ev);
    const DWORD n = static_cast<DWORD>(events_.size());
    DWORD r = WSAWaitForMultipleEvents(n, events_.data(), FALSE, 100, FALSE);
    if (r == WSA_WAIT_FAILED) {
      server_.log("sgbench server: %s\n", error_message(last_wsa_error("WSAWaitForMultipleEvents")));
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    } else if (r != WSA_WAIT_TIMEOUT) {
      const DWORD signalled = r - WSA_WAIT_EVENT_0;
      if (signalled == 0) WSAResetEvent(wake_);
      // conns_ does not change size while servicing: closed connections are released later.
      const std::size_t m = conns_.size();
      for (std::size_t j = 0; j < m; ++j) {
        const std::size_t i = (start_ + j) % m;
        SConn& c = *conns_[i];
        if (i + 1 != signalled && WSAWaitForMultipleEvents(1, &c.ev, FALSE, 0, FALSE) != WSA_WAIT_EVENT_0) continue;
        service(c);
      }
      if (m > 0) start_ = (start_ + 1) % m;
    }
    for (auto& c : conns_) {
      if (c->report_pending) check_report(*c);
    }
    std::uint64_t now = now_ns();
    if (now >= next_sweep_) {
      sweep(now);
      next_sweep_ = now + 100'000'000ull;
    }
  }
}

// Publishes the thread's CPU time and charges what it used since the last call to the sessions
// served in between.
void Loop::publish_cpu() {
  const std::uint64_t ns = thread_cpu_ns();
  server_.cpu.publish(index_, ns);
  cpu_share_.settle(ns);
}

void Loop::release_closed() {
  for (std::size_t i = 0; i < conns_.size();) {
    SConn& c = *conns_[i];
    if (c.state != SConn::State::closing || c.recv_inflight || c.send_inflight) {
      ++i;
      continue;
    }
    closesocket(c.s);
    WSACloseEvent(c.ev);
    server_.budget.release(c.reserved);
    server_.active.fetch_sub(1);
    if (c.session && c.report_pending) c.session->disarm_report();
    conns_[i] = std::move(conns_.back());
    conns_.pop_back();
    load_.fetch_sub(1, std::memory_order_relaxed);
  }
}

void Loop::take_inbox() {
  std::vector<SOCKET> socks;
  {
    std::lock_guard<std::mutex> g(inbox_mu_);
    socks.swap(inbox_);
  }
  for (SOCKET s : socks) {
    auto c = std::make_unique<SConn>();
    c->s = s;
    c->ev = WSACreateEvent();
    if (c->ev == WSA_INVALID_EVENT) {
      server_.log("sgbench server: %s\n", error_message(last_wsa_error("WSACreateEvent")));
      closesocket(s);
      server_.active.fetch_sub(1);
      load_.fetch_sub(1, std::memory_order_relaxed);
      continue;
    }
    set_nodelay(static_cast<Socket>(s), true);
    if (server_.opts.peer == Peer::raw) {
      // No handshake: the configured mode and one receive buffer.
      c->mode = server_.opts.raw_mode;
      std::uint32_t n = server_.opts.raw_recv_bytes;
      if (!server_.budget.reserve(n)) {
        server_.log("sgbench server: %s\n", std::string("memory budget exhausted, closing raw connection"));
        closesocket(s);
        WSACloseEvent(c->ev);
        server_.active.fetch_sub(1);
        load_.fetch_sub(1, std::memory_order_relaxed);
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
    conns_.push_back(std::move(c));
    post_recv(*conns_.back());
  }
}

bool Loop::poll(SConn& c, WSAOVERLAPPED& ov, bool& inflight, DWORD& bytes, int& err) {
  if (!inflight) return false;
  DWORD flags = 0;
  bytes = 0;
  err = 0;
  if (!WSAGetOverlappedResult(c.s, &ov, &bytes, FALSE, &flags)) {
    err = WSAGetLastError();
    if (err == WSA_IO_INCOMPLETE) return false;
  }
  inflight = false;
  return true;
}

// One turn of connection c. Looping here until nothing is new would let one connection whose
// receives complete at once (data already queued) keep the loop from all the others.
void Loop::service(SConn& c) {
  WSAResetEvent(c.ev);
  bool progress = false;
  DWORD bytes = 0;
  int err = 0;
  if (poll(c, c.rov, c.recv_inflight, bytes, err)) {
    on_recv(c, bytes, err);
    progress = true;
  }
  if (poll(c, c.sov, c.send_inflight, bytes, err)) {
    on_send(c, bytes, err);
    progress = true;
  }
  // What this turn posted may have reset the event over a completion not yet seen.
  if (progress) WSASetEvent(c.ev);
}

void Loop::post_recv(SConn& c) {
  if (c.state == SConn::State::closing) return;
  IoBuf* bufs = &c.one;
  std::size_t count = 1;
  switch (c.state) {
    case SConn::State::hello:
      c.one = make_iobuf(c.hello->want_ptr(), c.hello->want_len());
      break;
    case SConn::State::control:
      c.one = make_iobuf(c.ctl + c.ctl_have, sizeof c.ctl - c.ctl_have);
      break;
    default: {
      IoCursor& cur = c.recv.arm();
      bufs = cur.data();
      count = cur.count();
    }
  }
  c.rov = WSAOVERLAPPED{};
  c.rov.hEvent = c.ev;
  DWORD flags = 0;
  c.recv_inflight = true;
  if (WSARecv(c.s, wsabufs(bufs), wsa_count(count), nullptr, &flags, &c.rov, nullptr) == 0) return;
  int err = WSAGetLastError();
  if (err == WSA_IO_PENDING) return;
  c.recv_inflight = false;
  begin_close(c, "WSARecv failed");
}

void Loop::post_send(SConn& c) { post_send(c, c.send); }

void Loop::post_send(SConn& c, IoCursor& cur) {
  c.sov = WSAOVERLAPPED{};
  c.sov.hEvent = c.ev;
  c.send_inflight = true;
  if (WSASend(c.s, wsabufs(cur.data()), wsa_count(cur.count()), nullptr, 0, &c.sov, nullptr) == 0) return;
  int err = WSAGetLastError();
  if (err == WSA_IO_PENDING) return;
  c.send_inflight = false;
  begin_close(c, c.streams && peer_gone(err) ? nullptr : "WSASend failed");
}

// Posts the next op of the stream, or the rest of the current one after a short completion.
void Loop::send_stream(SConn& c) {
  if (!c.out_op) c.out_op = c.out.next_op();
  post_send(c, c.out_op->cursor);
}

void Loop::begin_close(SConn& c, const char* why) {
  if (c.state == SConn::State::closing) return;
  if (why) server_.log("sgbench server: closing a connection: %s\n", why);
  c.state = SConn::State::closing;
  // The buffers and WSAOVERLAPPEDs stay in place until both operations have reported back.
  if (c.recv_inflight || c.send_inflight) CancelIoEx(reinterpret_cast<HANDLE>(c.s), nullptr);
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
    if (!h.server_receives()) sizes = {kNoticeBytes};
    std::uint64_t need = 0;
    for (auto s : sizes) need += s;
    const Strategy strategy = static_cast<Strategy>(h.server_strategy);
    // The stream's source buffers, and the joined copy of a coalescing sender.
    if (h.server_sends()) need += h.message_bytes() * (strategy == Strategy::coalesce ? 2 : 1);
    if (!server_.budget.reserve(need)) {
      return refuse(c, "server memory budget exhausted (" + std::to_string(server_.budget.limit() >> 20) + " MiB)");
    }
    c.reserved = need;
    c.mode = h.mode == 1 ? Mode::echo : Mode::sink;
    const bool verify = (h.flags & kFlagVerify) != 0;
    c.receives = h.server_receives();
    c.recv.init(sizes, verify && c.receives, c.mode == Mode::echo ? h.message_bytes() : 0);
    if (h.server_sends()) {
      c.streams = true;
      c.out.init(h.sizes, strategy, verify, 1);
    }
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

void Loop::on_recv(SConn& c, DWORD n, int err) {
  if (c.state == SConn::State::closing) return;
  if (err) {
    if (err == WSAEINTR || err == WSAEWOULDBLOCK) return post_recv(c);
    return begin_close(c, c.streams && peer_gone(err) ? nullptr : "WSARecv completed with an error");
  }
  if (n == 0) return begin_close(c, nullptr);
  if (c.state == SConn::State::data && !c.receives) return begin_close(c, "data from the client on a reverse connection");
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
      c.report_target = req.target_bytes;
      c.session->arm_report(req.target_bytes, this);
      check_report(c);
      return;
    }
    default: break;
  }
  server_.bytes_received.fetch_add(n, std::memory_order_relaxed);
  cpu_share_.touched(c.session, n);
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
      // The next receive waits until the echo is out: the array is being sent from.
      return post_send(c);
    }
    return post_recv(c);
  }
  post_recv(c);
}

void Loop::on_send(SConn& c, DWORD n, int err) {
  if (c.state == SConn::State::closing) return;
  if (err) return begin_close(c, c.streams && peer_gone(err) ? nullptr : "WSASend completed with an error");
  if (c.out_op) {
    c.session->sent.fetch_add(n, std::memory_order_relaxed);
    server_.bytes_sent.fetch_add(n, std::memory_order_relaxed);
    cpu_share_.touched(c.session, n);
    // An overlapped send may complete short: the rest goes next, from the first unsent byte.
    if (c.out_op->cursor.advance(std::min<std::size_t>(n, c.out_op->cursor.remaining()))) {
      c.out.op_done(c.out_op);
      c.out_op = nullptr;
    }
    return send_stream(c);
  }
  if (c.echoing) cpu_share_.touched(c.session, n);
  // An overlapped send may complete short: resume mid-array.
  if (!c.send.advance(std::min<std::size_t>(n, c.send.remaining()))) return post_send(c);
  if (c.close_after_send) {
    // Let the peer read the refusal before the connection goes: FIN after the reply.
    shutdown(c.s, SD_SEND);
    return begin_close(c, nullptr);
  }
  if (c.echoing) {
    c.echoing = false;
    post_recv(c);
  }
  // The handshake reply is out: the stream follows it.
  if (c.streams && c.state == SConn::State::data) send_stream(c);
}

void Loop::check_report(SConn& c) {
  if (c.send_inflight || !c.report_pending || c.state == SConn::State::closing) return;
  ServerSession& s = *c.session;
  if (s.received.load(std::memory_order_seq_cst) < c.report_target) return;
  s.disarm_report();
  c.report_pending = false;
  publish_cpu();  // the share of data this loop has handled since its last reading
  ReportReply r;
  r.received_bytes = s.received.load();
  r.sent_bytes = s.sent.load();
  r.server_cpu_ns = s.cpu_ns.load(std::memory_order_relaxed);
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
    SConn& c = *p;
    if (c.state == SConn::State::hello && now > c.deadline_ns) {
      server_.timed_out.fetch_add(1);
      begin_close(c, "handshake not completed within 5 s");
    }
  }
}

}  // namespace

std::unique_ptr<Server> start_server(const ServerOptions& opts, IoError& err) {
  auto s = std::make_unique<WinServer>(opts);
  if ((err = s->start())) return nullptr;
  return s;
}

}  // namespace sg
