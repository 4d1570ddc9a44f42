#include "server_conn.h"

#include <algorithm>
#include <cstdio>

namespace sg {

namespace {

constexpr std::uint64_t kSinkRecvBytes = 64 * 1024;

}  // namespace

ServerStats ServerState::stats() const {
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

void ServerState::log(const char* fmt, const std::string& a) const {
  if (opts.log) std::fprintf(stderr, fmt, a.c_str());
}

bool ServerConn::start(std::uint64_t now) {
  ServerState& server = loop_->server;
  if (server.opts.peer == Peer::raw) {
    // No handshake: the configured mode and one receive buffer.
    mode_ = server.opts.raw_mode;
    const std::uint32_t n = server.opts.raw_recv_bytes;
    if (!server.budget.reserve(n)) {
      server.log("sgbench server: %s\n", std::string("memory budget exhausted, closing raw connection"));
      server.active.fetch_sub(1);
      return false;
    }
    reserved_ = n;
    // Echo of a raw stream: send back whatever each receive brought (framing unknown).
    recv_.init({n}, false, 0);
    session_ = server.sessions.get(0);
    state_ = State::data;
  } else {
    hello_ = std::make_unique<HelloReader>();
    deadline_ns_ = now + kHandshakeTimeoutNs;
  }
  return true;
}

IoSpan ServerConn::recv_bufs() {
  switch (state_) {
    case State::hello:
      one_ = make_iobuf(hello_->want_ptr(), hello_->want_len());
      break;
    case State::control:
      one_ = make_iobuf(ctl_ + ctl_have_, sizeof ctl_ - ctl_have_);
      break;
    default:
      if (!receives_ && loop_->server.policy.notice_bytes == 0) {
        one_ = make_iobuf(&close_probe_, 1);
        break;
      }
      IoCursor& cur = recv_.arm();
      return {cur.data(), cur.count()};
  }
  return {&one_, 1};
}

IoSpan ServerConn::send_bufs() {
  IoCursor& cur = op_ ? op_->cursor : send_;
  return {cur.data(), cur.count()};
}

bool ServerConn::close(const char* why) {
  if (state_ == State::closing) return false;
  if (why) loop_->server.log("sgbench server: closing a connection: %s\n", why);
  state_ = State::closing;
  return true;
}

void ServerConn::release() {
  ServerState& server = loop_->server;
  server.budget.release(reserved_);
  server.sink_copies.release(reserved_copies_);
  server.active.fetch_sub(1);
  if (session_ && report_pending_) session_->disarm_report();
}

ConnStep ServerConn::sweep(std::uint64_t now) {
  if (state_ != State::hello || now <= deadline_ns_) return {};
  loop_->server.timed_out.fetch_add(1);
  return closed("handshake not completed within 5 s");
}

void ServerConn::set_reply(const std::uint8_t* p, std::size_t n) {
  reply_.assign(p, p + n);
  IoBuf b = make_iobuf(reply_.data(), reply_.size());
  send_.assign(&b, 1);
}

ConnStep ServerConn::refuse(const std::string& why) {
  ServerState& server = loop_->server;
  server.refused.fetch_add(1);
  server.log("sgbench server: refused a handshake: %s\n", why);
  const auto r = encode_reply(Reply{1, why});
  set_reply(r.data(), r.size());
  close_after_send_ = true;
  hello_.reset();
  state_ = State::data;  // no more receives are posted: close_after_send_ ends it
  return ConnStep{.send = true};
}

ConnStep ServerConn::finish_hello() {
  ServerState& server = loop_->server;
  const Hello& h = hello_->hello();
  if (h.kind == ConnKind::control) {
    session_ = server.sessions.get(h.session);
    state_ = State::control;
  } else {
    std::vector<std::uint32_t> sizes = h.recv_single_bytes ? std::vector<std::uint32_t>{h.recv_single_bytes} : h.sizes;
    receives_ = h.server_receives();
    streams_ = h.server_sends();
    if (!receives_) sizes = server.policy.notice_bytes ? std::vector<std::uint32_t>{server.policy.notice_bytes} : std::vector<std::uint32_t>{};
    const auto strategy = static_cast<Strategy>(h.server_strategy);
    // The stream's one slot: the message's buffers, and its joined copy for coalesce.
    const std::uint64_t stream_need = streams_ ? h.message_bytes() * (strategy == Strategy::coalesce ? 2 : 1) : 0;
    std::uint64_t need = 0;
    for (auto s : sizes) need += s;
    mode_ = h.mode == 1 ? Mode::echo : Mode::sink;
    // Sink into the mirror shape: the array holds several copies of the sender's buffers (up to
    // kSinkRecvBytes, kMaxBuffers buffers), so that one receive can take several small messages.
    // With one copy the server would need a completion per message and, not the sender, set the
    // pace. Falls back to one copy when the memory budgets cannot hold more.
    const std::size_t copies = mode_ == Mode::sink && !h.recv_single_bytes && need > 0
                                   ? std::max<std::size_t>(1, std::min<std::size_t>(kMaxBuffers / sizes.size(), (kSinkRecvBytes + need - 1) / need))
                                   : 1;
    std::uint64_t extra = need * (copies - 1);
    if (extra && !server.sink_copies.reserve(extra)) extra = 0;
    if (extra && !server.budget.reserve(need + extra + stream_need)) {
      server.sink_copies.release(extra);
      extra = 0;
    }
    if (extra) {
      std::vector<std::uint32_t> one = sizes;
      for (std::size_t i = 1; i < copies; ++i) sizes.insert(sizes.end(), one.begin(), one.end());
      need += extra;
      reserved_copies_ = extra;
    } else if (!server.budget.reserve(need + stream_need)) {
      return refuse("server memory budget exhausted (" + std::to_string(server.budget.limit() >> 20) + " MiB)");
    }
    reserved_ = need + stream_need;
    const bool verify = (h.flags & kFlagVerify) != 0;
    if (!sizes.empty()) recv_.init(sizes, verify && receives_, mode_ == Mode::echo ? h.message_bytes() : 0);
    if (streams_) stream_.init(h.sizes, strategy, verify, 1);
    session_ = server.sessions.get(h.session);
    number_ = session_->next_connection.fetch_add(1);
    state_ = State::data;
  }
  hello_.reset();
  const auto r = encode_reply(Reply{0, "ok"});
  set_reply(r.data(), r.size());
  return ConnStep{.send = true, .recv = true};
}

ConnStep ServerConn::received(std::size_t n) {
  if (state_ == State::closing) return {};
  if (n == 0) return closed(nullptr);
  switch (state_) {
    case State::hello:
      switch (hello_->received(n)) {
        case HelloReader::State::more: return ConnStep{.recv = true};
        case HelloReader::State::bad: return refuse(hello_->why());
        case HelloReader::State::done: return finish_hello();
      }
      return {};
    case State::control: {
      // Answering a report is this session's work too. Charging it means a report always
      // carries the CPU this loop spent since its last reading, even when another loop's share
      // of a very short sample is not settled yet (that share shows in the next sample).
      loop_->cpu.touched(session_, n);
      ctl_have_ += n;
      if (ctl_have_ < sizeof ctl_) return ConnStep{.recv = true};
      ctl_have_ = 0;
      ReportRequest req;
      if (!decode_report_request(ctl_, req)) return closed("malformed report request");
      report_pending_ = true;
      report_target_ = req.target_bytes;
      session_->arm_report(req.target_bytes, &loop_->loop);
      ConnStep step = check_report();
      step.report_armed = true;
      return step;
    }
    default: break;
  }
  if (!receives_) return closed(loop_->server.policy.reverse_data_why);
  loop_->server.bytes_received.fetch_add(n, std::memory_order_relaxed);
  loop_->cpu.touched(session_, n);
  if (!recv_.received(n)) session_->record_bad(recv_.bad_offset(), number_);
  // A pending report answers with the session's CPU time: charge this loop's share before the
  // bytes that may complete it are published (a short sample would otherwise show none).
  if (session_->target.load(std::memory_order_relaxed) != UINT64_MAX) loop_->settle_cpu();
  session_->add_received(n);
  if (mode_ == Mode::echo && loop_->server.opts.peer == Peer::raw) {
    // A raw stream has no message framing: each receive's bytes go straight back.
    recv_.chunk_iov(send_, n);
    echoing_ = true;
    return ConnStep{.send = true};
  }
  if (mode_ == Mode::echo) {
    if (recv_.message_complete()) {
      recv_.message_iov(send_);
      recv_.take_message();
      echoing_ = true;
      // The next receive waits until the echo is out: the array is being sent from.
      return ConnStep{.send = true};
    }
  }
  return ConnStep{.recv = true};
}

ConnStep ServerConn::recv_failed(Fault f, const char* why) {
  if (state_ == State::closing) return {};
  if (f == Fault::retry) return ConnStep{.recv = true};
  // The client ends a stream connection by closing it: its normal end, closed without a word.
  return closed(streams_ && f == Fault::peer_gone ? nullptr : why);
}

ConnStep ServerConn::send_failed(Fault f, const char* why) {
  if (state_ == State::closing) return {};
  if (f == Fault::retry) return ConnStep{.send = true};
  return closed(streams_ && f == Fault::peer_gone ? nullptr : why);
}

// The next send of the stream: what is left of the current op, else the next op.
ConnStep ServerConn::next_stream_op() {
  if (!op_) op_ = stream_.next_op();
  return ConnStep{.send = true};
}

ConnStep ServerConn::sent(std::size_t n) {
  if (state_ == State::closing) return {};
  if (op_) {
    loop_->server.bytes_sent.fetch_add(n, std::memory_order_relaxed);
    session_->sent.fetch_add(n, std::memory_order_relaxed);
    loop_->cpu.touched(session_, n);
    // A send may complete short: the rest goes next, from the first unsent byte.
    if (op_->cursor.advance(std::min<std::size_t>(n, op_->cursor.remaining()))) {
      stream_.op_done(op_);
      op_ = nullptr;
    }
    return next_stream_op();
  }
  if (echoing_) loop_->cpu.touched(session_, n);
  if (!send_.advance(std::min<std::size_t>(n, send_.remaining()))) return ConnStep{.send = true};
  if (close_after_send_) return ConnStep{.close = true, .after_reply = true};
  if (streams_ && state_ == State::data) return next_stream_op();  // the handshake reply is out
  if (echoing_) {
    echoing_ = false;
    return ConnStep{.recv = true};
  }
  return {};
}

ConnStep ServerConn::check_report() {
  if (send_inflight || !report_pending_ || state_ == State::closing) return {};
  ServerSession& s = *session_;
  if (s.received.load(std::memory_order_seq_cst) < report_target_) return {};
  s.disarm_report();
  report_pending_ = false;
  loop_->settle_cpu();  // the share of data this loop has handled since its last reading
  ReportReply r;
  r.received_bytes = s.received.load();
  r.server_cpu_ns = s.cpu_ns.load(std::memory_order_relaxed);
  r.sent_bytes = s.sent.load(std::memory_order_relaxed);
  r.bad_offset = s.bad_offset.load();
  r.bad_connection = s.bad_connection.load();
  r.status = r.bad_offset >= 0 ? 1 : 0;
  const auto b = encode_report_reply(r);
  set_reply(b.data(), b.size());
  return ConnStep{.send = true, .recv = true};
}

}  // namespace sg
