#include "win_overlapped.h"

#include <algorithm>
#include <cerrno>

#include "../../core/clock.h"

namespace sg {

IoError OverlappedWorker::init_conns(std::vector<ClientConn*> conns, const CellSpec& spec) {
  depth_ = std::max(1u, spec.depth);
  for (ClientConn* c : conns) {
    auto k = std::make_unique<OvConn>();
    k->c = c;
    k->worker = this;
    k->sends.resize(depth_);
    for (OvOp& op : k->sends) op.conn = k.get();
    k->recv.conn = k.get();
    conns_.push_back(std::move(k));
  }
  return {};
}

IoError OverlappedWorker::run_sample(const SampleControl& ctl, Histogram& latency) {
  ctl_ = &ctl;
  latency_ = &latency;
  err_ = IoError{};
  active_ = conns_.size();
  ready_.clear();
  for (auto& k : conns_) {
    k->done = false;
    k->ready = false;
    drive(*k);
  }
  while (active_ > 0 && !err_) {
    std::uint64_t now = now_ns();
    if (now >= ctl.timeout_at_ns) {
      fail(wsa_error(WSAETIMEDOUT, "overlapped wait", "no progress within the sample timeout"));
      break;
    }
    if (ctl.cancelled->load(std::memory_order_relaxed)) {
      fail(posix_error(ECANCELED, "overlapped wait", "cancelled"));
      break;
    }
    DWORD ms = ready_.empty() ? static_cast<DWORD>(std::min<std::uint64_t>((ctl.timeout_at_ns - now) / 1'000'000 + 1, 50)) : 0;
    if (IoError e = wait(ms)) {
      fail(std::move(e));
      break;
    }
    turns_.swap(ready_);
    for (OvConn* k : turns_) {
      k->ready = false;
      drive(*k);
    }
    turns_.clear();
    // A time slice may end while a connection has nothing in flight to wake it.
    for (auto& k : conns_) {
      if (!k->done && !k->busy()) drive(*k);
    }
  }
  if (err_) drain();
  return err_;
}

void OverlappedWorker::drain() {
  bool any = false;
  for (auto& k : conns_) {
    if (k->size > 0 || k->recv.inflight) {
      CancelIoEx(reinterpret_cast<HANDLE>(sock_of(k->c->sock)), nullptr);
      any = true;
    }
  }
  const std::uint64_t give_up = now_ns() + 5'000'000'000ull;
  while (any && now_ns() < give_up) {
    if (wait(20)) break;
    any = false;
    for (auto& k : conns_) {
      for (OvOp& op : k->sends) any = any || op.inflight;
      any = any || k->recv.inflight;
    }
  }
}

void OverlappedWorker::complete(OvOp& op, DWORD bytes, int error) {
  op.inflight = false;
  op.completed = true;
  op.bytes = bytes;
  op.error = error;
  drive(*op.conn);
}

// Reads the result of an operation that completed at once on a skip-on-success socket.
void OverlappedWorker::read_now(OvConn& k, OvOp& op) {
  DWORD bytes = 0, flags = 0;
  BOOL ok = WSAGetOverlappedResult(sock_of(k.c->sock), &op.ov, &bytes, FALSE, &flags);
  op.inflight = false;
  op.completed = true;
  op.bytes = bytes;
  op.error = ok ? 0 : WSAGetLastError();
}

bool OverlappedWorker::post_send(OvConn& k, OvOp& op) {
  ClientConn& c = *k.c;
  IoCursor& cur = op.send->cursor;
  op.ov = WSAOVERLAPPED{};
  op.completed = false;
  op.error = 0;
  op.bytes = 0;
  prepare(k, op);
  op.inflight = true;
  int rc = WSASend(sock_of(c.sock), wsabufs(cur.data()), wsa_count(cur.count()), nullptr, 0, &op.ov, routine());
  ++c.c.send_calls;
  if (rc == 0) {
    if (k.skip_on_success) read_now(k, op);
    return true;
  }
  int err = WSAGetLastError();
  if (err == WSA_IO_PENDING) return true;
  op.inflight = false;
  fail(wsa_error(err, "WSASend"));
  return false;
}

bool OverlappedWorker::post_recv(OvConn& k) {
  ClientConn& c = *k.c;
  IoCursor& cur = c.recv.arm();
  OvOp& op = k.recv;
  op.offered = cur.remaining();
  op.ov = WSAOVERLAPPED{};
  op.completed = false;
  op.error = 0;
  op.bytes = 0;
  prepare(k, op);
  op.inflight = true;
  DWORD flags = 0;
  int rc = WSARecv(sock_of(c.sock), wsabufs(cur.data()), wsa_count(cur.count()), nullptr, &flags, &op.ov, routine());
  ++c.c.recv_calls;
  if (rc == 0) {
    if (k.skip_on_success) read_now(k, op);
    return true;
  }
  int err = WSAGetLastError();
  if (err == WSA_IO_PENDING) return true;
  op.inflight = false;
  fail(wsa_error(err, "WSARecv"));
  return false;
}

// Accounts every completion of the connection (sends strictly in posting order), then posts what
// may go next: one turn. An operation that completed at once (skip-on-success) queues the
// connection for another turn after the others have had theirs: looping here while sends complete
// at once would let one connection keep the thread for a whole time slice.
void OverlappedWorker::drive(OvConn& k) {
  ClientConn& c = *k.c;
  const SampleControl& ctl = *ctl_;
  if (err_ || k.done) return;
  bool again = false;
  while (k.size > 0) {
    OvOp& op = k.sends[k.head];
    if (!op.completed) break;
    op.completed = false;
    if (op.error) return fail(wsa_error(op.error, "WSASend"));
    c.c.bytes_sent += op.bytes;
    std::size_t asked = op.send->cursor.remaining();
    if (!op.send->cursor.advance(std::min<std::size_t>(op.bytes, asked))) {
      ++c.c.partial_sends;
      if (k.size > 1) {
        return fail(harness_error(kProtocol, "WSASend",
                                  "an overlapped send completed short (" + std::to_string(op.bytes) + " of " +
                                      std::to_string(asked) +
                                      " bytes) with later sends already posted: stream order cannot be kept"));
      }
      if (!post_send(k, op)) return;  // the rest of the array, from the first unsent byte
      again = again || op.completed;
      break;
    }
    if (c.send.op_done(op.send) && ctl.mode == Mode::sink) ++c.c.messages;
    op.send = nullptr;
    k.head = (k.head + 1) % depth_;
    --k.size;
  }
  if (k.recv.completed) {
    OvOp& op = k.recv;
    op.completed = false;
    if (op.error) return fail(wsa_error(op.error, "WSARecv"));
    if (op.bytes == 0) return fail(wsa_error(WSAECONNRESET, "WSARecv", "peer closed the connection"));
    if (ctl.receives_stream()) {
      c.stream_received(op.offered, op.bytes);
    } else {
      c.echo_received(op.offered, op.bytes, *latency_);
    }
  }
  const bool cancelled = ctl.cancelled->load(std::memory_order_relaxed);
  // A resumed short send must finish before anything is posted behind it.
  const bool resuming = k.size == 1 && k.sends[k.head].send && k.sends[k.head].send->cursor.remaining() < k.sends[k.head].send->bytes;
  while (!resuming && k.size < depth_) {
    SendOp* sop = nullptr;
    if (c.send.at_message_boundary()) {
      if (!c.may_start(ctl.stop_starting_at_ns, cancelled, ctl.mode, ctl.depth)) break;
      sop = c.send.next_op();
      if (!sop) break;
      c.message_started(ctl.mode);
    } else {
      sop = c.send.next_op();
      if (!sop) break;
    }
    OvOp& op = k.sends[(k.head + k.size) % depth_];
    op.send = sop;
    ++k.size;
    if (!post_send(k, op)) return;
    again = again || op.completed;
  }
  if (ctl.mode == Mode::echo && !k.recv.inflight && !k.recv.completed && c.echo_pending()) {
    if (!post_recv(k)) return;
    again = again || k.recv.completed;
  }
  if (ctl.receives_stream() && !k.recv.inflight && !k.recv.completed && c.may_receive(ctl.stop_starting_at_ns, cancelled)) {
    c.receive_started();
    if (!post_recv(k)) return;
    again = again || k.recv.completed;
  }
  if (again && !k.ready) {
    k.ready = true;
    ready_.push_back(&k);
  }
  const bool now_cancelled = ctl.cancelled->load(std::memory_order_relaxed);
  if (!k.busy() && c.send.at_message_boundary() && !c.echo_pending() &&
      !c.may_start(ctl.stop_starting_at_ns, now_cancelled, ctl.mode, ctl.depth) &&
      !(ctl.receives_stream() && c.may_receive(ctl.stop_starting_at_ns, now_cancelled))) {
    k.done = true;
    --active_;
  }
}

}  // namespace sg
