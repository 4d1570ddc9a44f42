// The event-based server on Windows: the overlapped-event model itself. An acceptor thread hands
// new sockets to event loops; each loop owns at most 63 connections (its wake event plus one event
// per connection = WSA_MAXIMUM_WAIT_EVENTS), keeps one WSARecv (and at most one WSASend) in flight
// per connection with WSAOVERLAPPED.hEvent set to the connection's event, waits in
// WSAWaitForMultipleEvents and reads results with WSAGetOverlappedResult. Loops are added as
// connections arrive: 130 connections need three loops, 1000 need ⌈1000/63⌉.
// The protocol of each connection is ServerConn (core/server_conn.h). Each loop settles its
// thread's CPU time over the sessions it served (CpuAttribution) each time round the loop.
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
#include "../../core/server.h"
#include "../../core/server_conn.h"
#include "win_io.h"

namespace sg {

namespace {

constexpr std::size_t kConnsPerLoop = WSA_MAXIMUM_WAIT_EVENTS - 1;
// Loops are added on demand up to this many (about 64 000 connections).
constexpr std::size_t kMaxLoops = 1024;

ConnPolicy overlapped_policy() {
  ConnPolicy p;
  p.notice_bytes = 64;
  p.reverse_data_why = "data from the client on a reverse connection";
  return p;
}

// The client went away under a send or receive: how a stream connection normally ends.
bool peer_gone(int err) {
  return err == WSAECONNRESET || err == WSAECONNABORTED || err == WSAESHUTDOWN || err == WSAENOTCONN ||
         err == WSAENETRESET;
}

struct SConn {
  SConn(LoopContext& loop, SOCKET sock) : conn(loop), s(sock) {}
  ServerConn conn;
  SOCKET s = INVALID_SOCKET;
  WSAEVENT ev = WSA_INVALID_EVENT;
  WSAOVERLAPPED rov{}, sov{};
};

class Loop final : public Wakeable {
 public:
  explicit Loop(ServerState& server) : server_(server), ctx_(server, *this) {}
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
  void apply(SConn& c, const ConnStep& step);
  void post_recv(SConn& c);
  void post_send(SConn& c);
  void begin_close(SConn& c, const char* why);
  void release_closed();

  ServerState& server_;
  LoopContext ctx_;
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
};

class WinServer final : public Server {
 public:
  explicit WinServer(const ServerOptions& o) : state(o, overlapped_policy()) {}
  ~WinServer() override { stop(); }

  IoError start() {
    if (IoError e = net_init()) return e;
    if (IoError e = tcp_listen(state.opts.host, state.opts.port, SOMAXCONN, listener_, port_)) return e;
    unsigned n = std::min<unsigned>(state.opts.threads ? state.opts.threads : hardware_threads(), kMaxLoops);
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

  ServerStats stats() const override { return state.stats(); }

  ServerState state;

 private:
  IoError add_loop() {
    auto l = std::make_unique<Loop>(state);
    if (IoError e = l->init()) return e;
    l->start(state.opts.cpu);
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
      state.log("sgbench server: %s\n", error_message(e));
      return nullptr;
    }
    Loop* l = loops_.back().get();
    return l->try_reserve() ? l : nullptr;
  }

  void accept_loop() {
    if (state.opts.cpu >= 0) pin_thread_to_cpu(state.opts.cpu);
    while (!stop_accepting_.load()) {
      Socket s = kNoSocket;
      IoError e = tcp_accept(listener_, 200'000'000ull, s);
      if (e) {
        state.log("sgbench server: %s\n", error_message(e));
        // WSAEMFILE and friends: back off instead of spinning on the pending connection.
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        continue;
      }
      if (s == kNoSocket) continue;
      state.accepted.fetch_add(1);
      Loop* l = place();
      if (!l) {
        state.log("sgbench server: %s\n", std::string("every event loop is full, closing a new connection"));
        socket_close(s);
        continue;
      }
      state.active.fetch_add(1);
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
    ctx_.settle_cpu();

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
      if (c->conn.report_pending()) apply(*c, c->conn.check_report());
    }
    std::uint64_t now = now_ns();
    if (now >= next_sweep_) {
      for (auto& c : conns_) apply(*c, c->conn.sweep(now));
      next_sweep_ = now + 100'000'000ull;
    }
  }
}

void Loop::release_closed() {
  for (std::size_t i = 0; i < conns_.size();) {
    SConn& c = *conns_[i];
    if (!c.conn.closing() || c.conn.recv_inflight || c.conn.send_inflight) {
      ++i;
      continue;
    }
    closesocket(c.s);
    WSACloseEvent(c.ev);
    c.conn.release();
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
    auto c = std::make_unique<SConn>(ctx_, s);
    c->ev = WSACreateEvent();
    if (c->ev == WSA_INVALID_EVENT) {
      server_.log("sgbench server: %s\n", error_message(last_wsa_error("WSACreateEvent")));
      closesocket(s);
      server_.active.fetch_sub(1);
      load_.fetch_sub(1, std::memory_order_relaxed);
      continue;
    }
    set_nodelay(static_cast<Socket>(s), true);
    if (!c->conn.start(now_ns())) {
      closesocket(s);
      WSACloseEvent(c->ev);
      load_.fetch_sub(1, std::memory_order_relaxed);
      continue;
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
  if (poll(c, c.rov, c.conn.recv_inflight, bytes, err)) {
    on_recv(c, bytes, err);
    progress = true;
  }
  if (poll(c, c.sov, c.conn.send_inflight, bytes, err)) {
    on_send(c, bytes, err);
    progress = true;
  }
  // What this turn posted may have reset the event over a completion not yet seen.
  if (progress) WSASetEvent(c.ev);
}

void Loop::apply(SConn& c, const ConnStep& step) {
  if (step.close) {
    // Let the peer read the refusal before the connection goes: FIN after the reply.
    if (step.after_reply) shutdown(c.s, SD_SEND);
    return begin_close(c, step.why);
  }
  if (step.send) post_send(c);
  if (step.recv) post_recv(c);
}

void Loop::post_recv(SConn& c) {
  if (c.conn.closing()) return;
  const IoSpan b = c.conn.recv_bufs();
  c.rov = WSAOVERLAPPED{};
  c.rov.hEvent = c.ev;
  DWORD flags = 0;
  c.conn.recv_inflight = true;
  if (WSARecv(c.s, wsabufs(b.bufs), wsa_count(b.count), nullptr, &flags, &c.rov, nullptr) == 0) return;
  int err = WSAGetLastError();
  if (err == WSA_IO_PENDING) return;
  c.conn.recv_inflight = false;
  begin_close(c, "WSARecv failed");
}

void Loop::post_send(SConn& c) {
  if (c.conn.closing()) return;
  const IoSpan b = c.conn.send_bufs();
  c.sov = WSAOVERLAPPED{};
  c.sov.hEvent = c.ev;
  c.conn.send_inflight = true;
  if (WSASend(c.s, wsabufs(b.bufs), wsa_count(b.count), nullptr, 0, &c.sov, nullptr) == 0) return;
  int err = WSAGetLastError();
  if (err == WSA_IO_PENDING) return;
  c.conn.send_inflight = false;
  begin_close(c, c.conn.streams() && peer_gone(err) ? nullptr : "WSASend failed");
}

void Loop::begin_close(SConn& c, const char* why) {
  if (!c.conn.close(why)) return;
  // The buffers and WSAOVERLAPPEDs stay in place until both operations have reported back.
  if (c.conn.recv_inflight || c.conn.send_inflight) CancelIoEx(reinterpret_cast<HANDLE>(c.s), nullptr);
}

void Loop::on_recv(SConn& c, DWORD n, int err) {
  if (!err) return apply(c, c.conn.received(n));
  const Fault f = err == WSAEINTR || err == WSAEWOULDBLOCK ? Fault::retry : peer_gone(err) ? Fault::peer_gone : Fault::error;
  apply(c, c.conn.recv_failed(f, "WSARecv completed with an error"));
}

void Loop::on_send(SConn& c, DWORD n, int err) {
  if (!err) return apply(c, c.conn.sent(n));
  apply(c, c.conn.send_failed(peer_gone(err) ? Fault::peer_gone : Fault::error, "WSASend completed with an error"));
}

}  // namespace

std::unique_ptr<Server> start_server(const ServerOptions& opts, IoError& err) {
  auto s = std::make_unique<WinServer>(opts);
  if ((err = s->start())) return nullptr;
  return s;
}

}  // namespace sg
