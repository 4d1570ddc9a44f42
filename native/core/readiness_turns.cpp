#include "readiness_turns.h"

namespace sg {

namespace {

// Calls one connection may make before the next connection's turn.
constexpr unsigned kCallsPerTurn = 8;

}  // namespace

void ReadinessTurns::start_sample() {
  active_ = conns_.size();
  ready_.clear();
  for (std::size_t i = 0; i < conns_.size(); ++i) {
    conns_[i].done = false;
    conns_[i].queued = true;
    ready_.push_back(i);
  }
}

IoError ReadinessTurns::run_ready(const SampleControl& ctl, Histogram& latency) {
  turn_.swap(ready_);
  ready_.clear();
  for (std::size_t i : turn_) {
    conns_[i].queued = false;
    if (IoError e = turn(i, ctl, latency)) return e;
  }
  return {};
}

IoError ReadinessTurns::turn(std::size_t i, const SampleControl& ctl, Histogram& latency) {
  Conn& rc = conns_[i];
  if (rc.queued) return {};
  bool yielded = false;
  if (IoError e = pump(rc, ctl, latency, yielded)) return e;
  if (yielded) {
    rc.queued = true;
    ready_.push_back(i);
  }
  return {};
}

IoError ReadinessTurns::turn_all(const SampleControl& ctl, Histogram& latency) {
  for (std::size_t i = 0; i < conns_.size(); ++i) {
    if (IoError e = turn(i, ctl, latency)) return e;
  }
  return {};
}

IoError ReadinessTurns::drain(std::size_t i, const SampleControl& ctl, Histogram& latency) {
  Conn& rc = conns_[i];
  rc.queued = false;
  bool yielded = false;
  do {
    yielded = false;
    if (IoError e = pump(rc, ctl, latency, yielded)) return e;
  } while (yielded);
  return {};
}

// Moves data on one connection until the system would block, the sample is over for it, or it has
// made kCallsPerTurn calls (then `yielded`: it is still ready).
IoError ReadinessTurns::pump(Conn& rc, const SampleControl& ctl, Histogram& latency, bool& yielded) {
  if (rc.done) return {};
  ClientConn& c = *rc.c;
  const bool echo = ctl.mode == Mode::echo;
  bool blocked_out = false, blocked_in = false;
  unsigned calls = 0;
  auto stream_wanted = [&] {
    return ctl.receives_stream() && !blocked_in &&
           c.may_receive(ctl.stop_starting_at_ns, ctl.cancelled->load(std::memory_order_relaxed));
  };
  while (!blocked_out || (echo && !blocked_in && c.echo_pending()) || stream_wanted()) {
    if (++calls > kCallsPerTurn) {
      yielded = true;
      break;
    }
    std::size_t n = 0;
    IoError err;
    if (!blocked_out) {
      if (!rc.op) {
        if (c.send.at_message_boundary()) {
          if (!c.may_start(ctl.stop_starting_at_ns, ctl.cancelled->load(std::memory_order_relaxed), ctl.mode, ctl.depth)) {
            blocked_out = true;
          } else {
            c.message_started(ctl.mode);
            rc.op = c.send.next_op();
          }
        } else {
          rc.op = c.send.next_op();
        }
      }
      if (rc.op) {
        IoCursor& cur = rc.op->cursor;
        IoStatus st = send_vectored(c.sock, cur.data(), cur.count(), n, err);
        ++c.c.send_calls;
        if (st == IoStatus::would_block) {
          blocked_out = true;
        } else if (st == IoStatus::moved) {
          c.c.bytes_sent += n;
          if (!cur.advance(n)) {
            ++c.c.partial_sends;
            if (rules_.short_send_waits) blocked_out = true;
          } else {
            if (c.send.op_done(rc.op) && ctl.mode == Mode::sink) ++c.c.messages;
            rc.op = nullptr;
          }
        } else if (st != IoStatus::interrupted) {
          return err;
        }
      }
    }
    if (echo && !blocked_in && c.echo_pending()) {
      IoCursor& cur = c.recv.arm();
      IoStatus st = recv_vectored(c.sock, cur.data(), cur.count(), n, err);
      ++c.c.recv_calls;
      if (st == IoStatus::would_block) {
        blocked_in = true;
      } else if (st == IoStatus::moved) {
        if (c.echo_received(cur.remaining(), n, latency)) {
          blocked_out = false;  // a slot opened for the next message
        }
      } else if (st != IoStatus::interrupted) {
        return err;
      }
    }
    if (stream_wanted()) {
      IoCursor& cur = c.recv.arm();
      const std::size_t offered = cur.remaining();
      IoStatus st = recv_vectored(c.sock, cur.data(), cur.count(), n, err);
      ++c.c.recv_calls;
      if (st == IoStatus::would_block) {
        blocked_in = true;
      } else if (st == IoStatus::moved) {
        // Only a receive that brought data counts as started: may_receive() promises every
        // connection one a sample, and a would-block must not use that up.
        c.receive_started();
        c.stream_received(offered, n);
        if (rules_.short_recv_waits && n < offered) blocked_in = true;
      } else if (st != IoStatus::interrupted) {
        return err;
      }
    }
  }
  // Finished when no op is half-sent, no new message may start, no echo is due and no receive of
  // the stream may start.
  const bool cancelled = ctl.cancelled->load(std::memory_order_relaxed);
  if (!rc.op && c.send.at_message_boundary() && !c.echo_pending() &&
      !c.may_start(ctl.stop_starting_at_ns, cancelled, ctl.mode, ctl.depth) &&
      !(ctl.receives_stream() && c.may_receive(ctl.stop_starting_at_ns, cancelled))) {
    rc.done = true;
    --active_;
  }
  return {};
}

}  // namespace sg
