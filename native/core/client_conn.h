#pragma once
// One client data connection and its per-sample state. Created and connected by the session,
// driven by exactly one worker thread during a sample.
#include <cstdint>
#include <limits>
#include <vector>

#include "clock.h"
#include "counters.h"
#include "net.h"
#include "recv_stream.h"
#include "send_stream.h"
#include "spec.h"

namespace sg {

struct ClientConn {
  Socket sock = kNoSocket;
  unsigned index = 0;
  SendStream send;
  RecvStream recv;  // echo: the echoes come back into a mirror of the send shape;
                    // reverse/bidir: the server's stream arrives into the receive shape
  ConnCounters c;

  // Whole messages this connection may still start in the current sample.
  std::uint64_t messages_left = std::numeric_limits<std::uint64_t>::max();
  // Messages started in the current sample.
  std::uint64_t started = 0;
  // Reverse/bidir: stream bytes this connection may still ask for in the current sample
  // (a --bytes budget), and receive calls made in it.
  std::uint64_t stream_bytes_left = std::numeric_limits<std::uint64_t>::max();
  std::uint64_t stream_receives = 0;
  // Echo: send times of messages whose echo has not fully arrived, oldest first.
  std::vector<std::uint64_t> sent_at;
  std::size_t sent_head = 0, sent_count = 0;

  // Whether a new message may start now: budget, clock, cancellation and (echo) depth allow it.
  // Every connection starts at least one message a sample, even when its thread first runs after
  // the time slice has ended (a loaded machine, a slow emulator): a sample always measures
  // something, and the late start shows in its wall time.
  bool may_start(std::uint64_t stop_at_ns, bool cancelled, Mode mode, unsigned depth) const {
    if (cancelled || messages_left == 0) return false;
    if (mode == Mode::echo && sent_count >= depth) return false;
    return stop_at_ns == 0 || started == 0 || now_ns() < stop_at_ns;
  }
  // Call when a message's first op is handed to the system.
  void message_started(Mode mode) {
    ++started;
    if (messages_left != std::numeric_limits<std::uint64_t>::max()) --messages_left;
    if (mode == Mode::echo) {
      sent_at[(sent_head + sent_count) % sent_at.size()] = now_ns();
      ++sent_count;
    }
  }
  // Echo: a whole message came back; returns its round trip in ns.
  std::uint64_t echo_completed() {
    std::uint64_t t = sent_at[sent_head];
    sent_head = (sent_head + 1) % sent_at.size();
    --sent_count;
    ++c.messages;
    return now_ns() - t;
  }
  bool echo_pending() const { return sent_count > 0; }

  // Reverse/bidir: whether a new receive of the server's stream may be issued now. Like
  // may_start(), every connection receives at least once a sample. A receive already issued is
  // always waited for: the server keeps sending, so it completes.
  bool may_receive(std::uint64_t stop_at_ns, bool cancelled) const {
    if (cancelled || stream_bytes_left == 0) return false;
    return stop_at_ns == 0 || stream_receives == 0 || now_ns() < stop_at_ns;
  }
  // Call when a receive of the stream is handed to the system.
  void receive_started() { ++stream_receives; }
  // Reverse/bidir: accounts n > 0 stream bytes that the last receive put at the armed cursor,
  // which offered `offered` bytes (verified when the session verifies; see recv.bad_offset()).
  void stream_received(std::size_t offered, std::size_t n) {
    recv.received(n);
    c.bytes_received += n;
    if (n < offered) ++c.partial_recvs;
    stream_bytes_left = n < stream_bytes_left ? stream_bytes_left - n : 0;
  }
  // Echo: accounts n > 0 bytes that the last receive put at the armed cursor, which offered
  // `offered` bytes. Returns true when a whole echo is in; its round trip goes to `latency`.
  bool echo_received(std::size_t offered, std::size_t n, Histogram& latency) {
    recv.received(n);
    c.bytes_received += n;
    if (n < offered) ++c.partial_recvs;
    if (!recv.message_complete()) return false;
    recv.take_message();
    latency.record(echo_completed());
    return true;
  }
};

}  // namespace sg
