#include "client_session.h"

#include <algorithm>
#include <cerrno>
#include <limits>
#include <random>
#include <thread>

#include "clock.h"
#include "protocol.h"

namespace sg {

namespace {

IoError handshake(Socket s, const Hello& h, std::uint64_t deadline) {
  std::vector<std::uint8_t> b = encode_hello(h);
  if (IoError e = send_all(s, b.data(), b.size(), deadline)) return e;
  std::uint8_t reply[kReplyBytes];
  if (IoError e = recv_all(s, reply, sizeof reply, deadline)) return e;
  Reply r;
  if (!decode_reply(reply, r)) return harness_error(kProtocol, "handshake", "the peer's reply is not sgbench's (use --peer raw for other servers)");
  if (r.status != 0) return harness_error(kHandshakeRefused, "handshake", "server refused: " + r.message);
  return {};
}

std::uint64_t random_session_id() {
  std::random_device rd;
  return (static_cast<std::uint64_t>(rd()) << 32) ^ rd() ^ now_ns();
}

}  // namespace

std::unique_ptr<ClientSession> ClientSession::open(const CellSpec& spec, IoError& err) {
  std::unique_ptr<ClientSession> s(new ClientSession(spec));
  s->backend_ = find_backend(spec.model);
  if (!s->backend_) {
    err = harness_error(kUnavailable, "open", "model " + spec.model + " is not built for this platform");
    return nullptr;
  }
  Probe p = s->backend_->probe();
  if (!p.available) {
    err = harness_error(kUnavailable, "open", "model " + spec.model + " is unavailable: " + p.reason);
    return nullptr;
  }
  if ((err = net_init())) return nullptr;
  if ((err = s->connect_all())) return nullptr;
  return s;
}

IoError ClientSession::connect_all() {
  const std::uint64_t deadline = now_ns() + spec_.timeout_ns;
  const bool harness_peer = spec_.peer == Peer::sgbench;
  session_id_ = random_session_id();
  Hello hello;
  hello.kind = ConnKind::data;
  hello.mode = spec_.mode == Mode::echo ? 1 : 0;
  hello.flags = spec_.verify ? static_cast<std::uint32_t>(kFlagVerify) : 0u;
  if (spec_.direction == Direction::reverse) hello.flags |= kFlagReverse;
  if (spec_.direction == Direction::bidir) hello.flags |= kFlagBidir;
  hello.server_strategy = static_cast<std::uint32_t>(spec_.strategy);
  hello.session = session_id_;
  hello.recv_single_bytes = spec_.recv.single ? spec_.recv.bytes : 0;
  hello.sizes = spec_.buffers;

  const unsigned slots = backend_->has_depth ? spec_.depth : 1;
  for (unsigned i = 0; i < spec_.connections; ++i) {
    auto c = std::make_unique<ClientConn>();
    c->index = i;
    if (IoError e = tcp_connect(spec_.host, spec_.port, spec_.timeout_ns, c->sock, spec_.sndbuf, spec_.rcvbuf)) return e;
    conns_.push_back(std::move(c));
    ClientConn& conn = *conns_.back();
    if (IoError e = set_nodelay(conn.sock, spec_.nodelay)) return e;
    if (harness_peer) {
      if (IoError e = handshake(conn.sock, hello, deadline)) return e;
    }
    if (IoError e = set_io_timeout(conn.sock, spec_.timeout_ns)) return e;
    conn.send.init(spec_.buffers, spec_.strategy, spec_.verify, slots);
    if (spec_.mode == Mode::echo) {
      conn.recv.init(spec_.buffers, spec_.verify, spec_.message_bytes());
      conn.sent_at.assign(spec_.depth + 1, 0);
    } else if (spec_.client_receives_stream()) {
      conn.recv.init(spec_.recv_sizes(), spec_.verify, 0);
    }
  }
  if (harness_peer) {
    if (IoError e = tcp_connect(spec_.host, spec_.port, spec_.timeout_ns, control_)) return e;
    Hello ch;
    ch.kind = ConnKind::control;
    ch.session = session_id_;
    if (IoError e = handshake(control_, ch, deadline)) return e;
    set_nodelay(control_, true);
    // The server's CPU clock covers all its threads since it started: take the baseline now.
    std::int64_t cpu = 0;
    if (IoError e = confirm(0, server_received_, cpu)) return e;
    server_cpu_ = static_cast<std::uint64_t>(cpu);
  }

  // Spread connections over workers: one per connection for thread-per-connection models,
  // otherwise round-robin over `threads` (default: one per hardware thread, at most C), and
  // never more than the backend's max_conns_per_worker on one worker.
  unsigned nworkers = spec_.connections;
  if (!backend_->thread_per_connection) {
    nworkers = spec_.threads ? spec_.threads : hardware_threads();
    nworkers = std::max(1u, std::min(nworkers, spec_.connections));
    // Round-robin gives each worker at most ⌈C / nworkers⌉ connections.
    if (unsigned cap = backend_->max_conns_per_worker) nworkers = std::max(nworkers, (spec_.connections + cap - 1) / cap);
  }
  std::vector<std::vector<ClientConn*>> groups(nworkers);
  for (auto& c : conns_) groups[c->index % nworkers].push_back(c.get());
  for (auto& g : groups) {
    IoError e;
    auto w = backend_->make_worker(std::move(g), spec_, e);
    if (!w) return e ? e : harness_error(kUnavailable, "make_worker", "backend could not start");
    workers_.push_back(std::move(w));
  }
  return {};
}

IoError ClientSession::confirm(std::uint64_t target, std::uint64_t& received, std::int64_t& server_cpu) {
  const std::uint64_t deadline = now_ns() + spec_.timeout_ns;
  auto req = encode_report_request(ReportRequest{target});
  if (IoError e = send_all(control_, req.data(), req.size(), deadline)) return e;
  std::uint8_t buf[kReportReplyBytes];
  if (IoError e = recv_all(control_, buf, sizeof buf, deadline)) return e;
  ReportReply r;
  if (!decode_report_reply(buf, r)) return harness_error(kProtocol, "report", "malformed report from the server");
  if (r.status != 0) {
    return harness_error(kVerifyMismatch, "verify",
                         "server saw a wrong byte at stream offset " + std::to_string(r.bad_offset) +
                             " of connection " + std::to_string(r.bad_connection));
  }
  received = r.received_bytes;
  server_cpu = static_cast<std::int64_t>(r.server_cpu_ns);
  return {};
}

IoError ClientSession::sample(std::uint64_t duration_ns, std::uint64_t bytes, SampleResult& out) {
  std::lock_guard<std::mutex> lock(running_);
  if (broken_) return broken_;
  if (cancelled_.load(std::memory_order_relaxed)) return broken_ = posix_error(ECANCELED, "sample", "cancelled");

  out = SampleResult{};
  const std::uint64_t msg = spec_.message_bytes();
  const std::uint64_t per_conn_msgs =
      duration_ns ? std::numeric_limits<std::uint64_t>::max()
                  : std::max<std::uint64_t>(1, (bytes / spec_.connections + msg - 1) / msg);
  const std::uint64_t per_conn_stream_bytes =
      duration_ns ? std::numeric_limits<std::uint64_t>::max() : std::max<std::uint64_t>(1, bytes / spec_.connections);
  for (auto& c : conns_) {
    c->c = ConnCounters{};
    c->messages_left = spec_.client_sends() ? per_conn_msgs : 0;
    c->started = 0;
    c->stream_bytes_left = spec_.client_receives_stream() ? per_conn_stream_bytes : 0;
    c->stream_receives = 0;
  }

  const std::uint64_t t0 = now_ns();
  SampleControl ctl;
  ctl.stop_starting_at_ns = duration_ns ? t0 + duration_ns : 0;
  ctl.timeout_at_ns = t0 + spec_.timeout_ns;
  ctl.cancelled = &cancelled_;
  ctl.mode = spec_.mode;
  ctl.direction = spec_.direction;
  ctl.depth = backend_->has_depth ? spec_.depth : 1;

  struct WorkerOut {
    IoError err;
    std::uint64_t cpu = 0;
    Histogram hist;
  };
  std::vector<WorkerOut> outs(workers_.size());
  std::vector<std::thread> threads;
  threads.reserve(workers_.size());
  const int cpu = spec_.affinity == Affinity::none ? -1 : 0;
  for (std::size_t i = 0; i < workers_.size(); ++i) {
    threads.emplace_back([&, i] {
      if (cpu >= 0) pin_thread_to_cpu(cpu);
      if (ctl.mode == Mode::echo) outs[i].hist.enable();
      std::uint64_t c0 = thread_cpu_ns();
      outs[i].err = workers_[i]->run_sample(ctl, outs[i].hist);
      outs[i].cpu = thread_cpu_ns() - c0;
    });
  }
  for (auto& t : threads) t.join();

  IoError first;
  std::uint64_t client_cpu = 0;
  for (auto& o : outs) {
    client_cpu += o.cpu;
    out.latency.merge(o.hist);
    if (o.err && !first) first = o.err;
  }
  std::uint64_t sent = 0, echoed = 0, streamed = 0;
  const std::uint64_t msg_bytes = spec_.message_bytes();
  out.min_conn_bytes = std::numeric_limits<std::uint64_t>::max();
  for (auto& c : conns_) {
    const ConnCounters& k = c->c;
    sent += k.bytes_sent;
    echoed += k.bytes_received;
    out.messages += k.messages;
    out.send_calls += k.send_calls;
    out.recv_calls += k.recv_calls;
    out.partial_sends += k.partial_sends;
    out.partial_recvs += k.partial_recvs;
    if (spec_.client_receives_stream()) {
      streamed += k.bytes_received;
      out.messages += k.bytes_received / msg_bytes;  // whole messages' worth of the stream
    }
    std::uint64_t b = spec_.mode == Mode::echo ? k.bytes_received : k.bytes_sent + (spec_.client_receives_stream() ? k.bytes_received : 0);
    out.min_conn_bytes = std::min(out.min_conn_bytes, b);
    out.max_conn_bytes = std::max(out.max_conn_bytes, b);
    if (spec_.verify && (spec_.mode == Mode::echo || spec_.client_receives_stream()) && c->recv.bad_offset() >= 0 && !first) {
      first = harness_error(kVerifyMismatch, "verify",
                            std::string(spec_.mode == Mode::echo ? "echo" : "the server's stream") +
                                " carried a wrong byte at stream offset " + std::to_string(c->recv.bad_offset()) +
                                " of connection " + std::to_string(c->index));
    }
  }
  // Workers may end a cancelled sample cleanly (they just stop starting messages); it still ends
  // as cancelled, before the control connection, which cancel() shut down, is used.
  if (!first && cancelled_.load(std::memory_order_relaxed)) first = posix_error(ECANCELED, "sample", "cancelled");
  if (first) {
    if (cancelled_.load(std::memory_order_relaxed)) first = posix_error(ECANCELED, first.syscall, "cancelled");
    return broken_ = first;
  }
  total_sent_ += sent;
  // Threads that moved bytes used CPU: a clock that did not advance did not measure (clock.h).
  if (client_cpu > 0) out.client_cpu_ns = static_cast<std::int64_t>(client_cpu);

  if (spec_.peer == Peer::sgbench) {
    std::uint64_t received = 0;
    std::int64_t cpu_total = 0;
    if (IoError e = confirm(total_sent_, received, cpu_total)) return broken_ = e;
    // Forward sink: what the server confirmed; echo: what came back; reverse: what the client
    // received of the server's stream; bidir: both directions together.
    if (spec_.mode == Mode::echo) out.bytes = echoed;
    else if (spec_.direction == Direction::reverse) out.bytes = streamed;
    else out.bytes = (received - server_received_) + streamed;
    const std::int64_t server_cpu = cpu_total - static_cast<std::int64_t>(server_cpu_);
    out.server_cpu_ns = server_cpu > 0 ? server_cpu : -1;
    server_received_ = received;
    server_cpu_ = static_cast<std::uint64_t>(cpu_total);
  } else {
    // A raw peer confirms nothing: sink counts what the kernel accepted, echo what came back.
    out.bytes = spec_.mode == Mode::echo ? echoed : sent + streamed;
  }
  out.wall_ns = now_ns() - t0;
  return {};
}

void ClientSession::cancel() {
  cancelled_.store(true, std::memory_order_relaxed);
  for (auto& w : workers_) w->wake();
  // Blocking models sit in send/recv: shutting the sockets down returns them at once.
  if (backend_ && backend_->thread_per_connection) {
    for (auto& c : conns_) socket_shutdown(c->sock);
  }
  if (control_ != kNoSocket) socket_shutdown(control_);
}

void ClientSession::close_all() {
  workers_.clear();
  for (auto& c : conns_) {
    if (c->sock != kNoSocket) socket_close(c->sock);
    c->sock = kNoSocket;
  }
  if (control_ != kNoSocket) socket_close(control_);
  control_ = kNoSocket;
}

ClientSession::~ClientSession() { close_all(); }

}  // namespace sg
