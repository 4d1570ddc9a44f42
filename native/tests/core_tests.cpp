// Unit tests of the platform-independent core. Prints one line per failure and a closing
// "N passed, N failed" line; exits non-zero on any failure.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "../core/histogram.h"
#include "../core/io_cursor.h"
#include "../core/pattern.h"
#include "../core/protocol.h"
#include "../core/recv_stream.h"
#include "../core/send_stream.h"
#include "../core/server_conn.h"
#include "../core/server_shared.h"

namespace {

int passed = 0, failed = 0;
#define CHECK(cond)                                                          \
  do {                                                                       \
    if (cond) ++passed;                                                      \
    else {                                                                   \
      ++failed;                                                              \
      std::printf("FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond);            \
    }                                                                        \
  } while (0)

using namespace sg;

void cursor_resumes_mid_array() {
  std::uint8_t a[3], b[5], c[2];
  IoBuf v[3] = {make_iobuf(a, 3), make_iobuf(b, 5), make_iobuf(c, 2)};
  IoCursor cur;
  cur.assign(v, 3);
  CHECK(cur.remaining() == 10 && cur.count() == 3);
  CHECK(!cur.advance(4));  // all of a, one byte of b
  CHECK(cur.count() == 2);
  CHECK(io_data(cur.data()[0]) == b + 1 && io_len(cur.data()[0]) == 4);
  CHECK(!cur.advance(4));  // rest of b exactly: no empty element may lead
  CHECK(cur.count() == 1 && io_data(cur.data()[0]) == c);
  CHECK(cur.advance(2) && cur.done());
  // The caller's array is untouched.
  CHECK(io_data(v[1]) == b && io_len(v[1]) == 5);
}

void cursor_prefix_limits_bytes() {
  std::uint8_t a[4], b[4];
  IoBuf v[2] = {make_iobuf(a, 4), make_iobuf(b, 4)};
  IoCursor cur;
  cur.assign_prefix(v, 2, 6);
  CHECK(cur.remaining() == 6 && cur.count() == 2 && io_len(cur.data()[1]) == 2);
}

void strategies_make_the_right_ops() {
  std::vector<std::uint32_t> sizes{3, 5, 7};
  for (Strategy s : {Strategy::gather, Strategy::coalesce, Strategy::sequential}) {
    SendStream st;
    st.init(sizes, s, true, 1);
    std::size_t ops = 0, bytes = 0, bufs = 0;
    do {
      SendOp* op = st.next_op();
      CHECK(op != nullptr);
      ++ops;
      bytes += op->cursor.remaining();
      bufs += op->cursor.count();
      // Every op carries the pattern of its stream offset.
      std::uint64_t off = bytes - op->cursor.remaining();
      for (std::size_t i = 0; i < op->cursor.count(); ++i) {
        CHECK(pattern_check(io_data(op->cursor.data()[i]), io_len(op->cursor.data()[i]), off) < 0);
        off += io_len(op->cursor.data()[i]);
      }
      op->cursor.advance(op->cursor.remaining());
      bool ends = st.op_done(op);
      CHECK(ends == st.at_message_boundary());
    } while (!st.at_message_boundary());
    CHECK(bytes == 15);
    CHECK(ops == (s == Strategy::sequential ? 3u : 1u));
    CHECK(bufs == (s == Strategy::gather ? 3u : s == Strategy::coalesce ? 1u : 3u));
    // The next message continues the stream's pattern.
    SendOp* op = st.next_op();
    CHECK(pattern_check(io_data(op->cursor.data()[0]), io_len(op->cursor.data()[0]), 15) < 0);
  }
}

void slots_bound_messages_in_flight() {
  SendStream st;
  st.init({8}, Strategy::gather, false, 2);
  SendOp* a = st.next_op();
  SendOp* b = st.next_op();
  CHECK(a && b && a != b);
  CHECK(st.next_op() == nullptr);  // both slots busy
  st.op_done(a);
  CHECK(st.next_op() != nullptr);
}

void verifier_catches_a_wrong_byte_whatever_the_chunking() {
  std::vector<std::uint8_t> data(1000);
  pattern_fill(data.data(), data.size(), 12345);
  RecvStream r;
  r.init({100, 300}, true, 0);
  std::size_t pos = 0;
  std::mt19937 rng(7);
  bool ok = true;
  while (pos < data.size()) {
    IoCursor& cur = r.arm();
    std::size_t n = std::min<std::size_t>(1 + rng() % 399, std::min(cur.remaining(), data.size() - pos));
    std::size_t left = n, src = pos;
    for (std::size_t i = 0; left; ++i) {
      std::size_t take = std::min(left, io_len(cur.data()[i]));
      std::memcpy(io_data(cur.data()[i]), &data[src], take);
      src += take;
      left -= take;
    }
    ok = ok && r.received(n);
    pos += n;
  }
  CHECK(!ok);  // offset starts at 0, data at 12345: must be caught
  RecvStream good;
  good.init({64}, true, 0);
  std::vector<std::uint8_t> d2(64);
  pattern_fill(d2.data(), 64, 0);
  IoCursor& c2 = good.arm();
  std::memcpy(io_data(c2.data()[0]), d2.data(), 64);
  CHECK(good.received(64));
  IoCursor& c3 = good.arm();
  pattern_fill(io_data(c3.data()[0]), 10, 64);
  io_data(c3.data()[0])[7] ^= 1;
  CHECK(!good.received(10) && good.bad_offset() == 71);
}

void echo_framing_fills_one_message() {
  RecvStream r;
  r.init({4, 4}, false, 8);
  IoCursor& c = r.arm();
  CHECK(c.remaining() == 8);
  r.received(5);
  CHECK(!r.message_complete());
  CHECK(r.arm().remaining() == 3);
  r.received(3);
  CHECK(r.message_complete());
  IoCursor out;
  r.message_iov(out);
  CHECK(out.remaining() == 8 && out.count() == 2);
  r.take_message();
  CHECK(r.arm().remaining() == 8);
}

void histogram_is_within_one_percent() {
  Histogram h;
  h.enable();
  std::vector<std::uint64_t> v;
  std::mt19937_64 rng(42);
  for (int i = 0; i < 100000; ++i) {
    std::uint64_t x = 1000 + rng() % 10'000'000;
    v.push_back(x);
    h.record(x);
  }
  std::sort(v.begin(), v.end());
  for (double q : {0.5, 0.9, 0.99, 0.999}) {
    std::uint64_t exact = v[static_cast<std::size_t>(std::ceil(q * v.size())) - 1];
    double err = std::fabs(static_cast<double>(h.quantile(q)) - static_cast<double>(exact)) / static_cast<double>(exact);
    CHECK(err < 0.01);
  }
  CHECK(h.max() == v.back());
  CHECK(h.count() == v.size());
  // Known small values are exact.
  Histogram s;
  s.enable();
  for (std::uint64_t x : {5u, 7u, 9u}) s.record(x);
  CHECK(s.quantile(0.5) == 7);
  // Every bucket boundary round-trips.
  for (std::uint64_t x : {127ull, 128ull, 129ull, 255ull, 256ull, 1ull << 20, (1ull << 40) + 12345}) {
    unsigned i = Histogram::index(x);
    CHECK(Histogram::bucket_low(i) <= x && x < Histogram::bucket_low(i) + Histogram::bucket_width(i));
  }
}

void histogram_known_distributions() {
  // Bimodal, as round trips look with a rare stall: 990 at 30 us, 10 at 5 ms (values in ns).
  Histogram b;
  b.enable();
  for (int i = 0; i < 990; ++i) b.record(30'000);
  for (int i = 0; i < 10; ++i) b.record(5'000'000);
  auto near = [](std::uint64_t got, double want) { return std::fabs(static_cast<double>(got) - want) / want < 0.01; };
  CHECK(near(b.quantile(0.50), 30'000));
  CHECK(near(b.quantile(0.99), 30'000));  // rank 990 is the last fast one
  CHECK(near(b.quantile(0.991), 5'000'000));
  CHECK(near(b.quantile(1.0), 5'000'000) && b.max() == 5'000'000);
  // Log-uniform over ten decades: every quantile within 1% of the exact order statistic.
  Histogram h, lo, hi;
  h.enable();
  lo.enable();
  hi.enable();
  std::vector<std::uint64_t> v;
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> exp10(0.0, 10.0);
  for (int i = 0; i < 200000; ++i) {
    auto x = static_cast<std::uint64_t>(std::pow(10.0, exp10(rng)));
    v.push_back(x);
    h.record(x);
    (i % 2 ? lo : hi).record(x);
  }
  std::sort(v.begin(), v.end());
  lo.merge(hi);
  CHECK(lo.count() == h.count() && lo.max() == h.max());
  for (double q : {0.001, 0.1, 0.5, 0.75, 0.9, 0.99, 0.999, 0.9999}) {
    std::uint64_t exact = v[static_cast<std::size_t>(std::ceil(q * v.size())) - 1];
    double err = std::fabs(static_cast<double>(h.quantile(q)) - static_cast<double>(exact)) / static_cast<double>(exact);
    CHECK(exact < 128 ? h.quantile(q) == exact : err < 0.01);
    CHECK(lo.quantile(q) == h.quantile(q));
  }
}

void handshake_bounds() {
  Hello h;
  h.sizes = {64, 64};
  h.session = 99;
  auto b = encode_hello(h);
  Hello out;
  std::string why;
  CHECK(decode_hello(b.data(), b.size(), out, why) && out.sizes.size() == 2 && out.session == 99);
  auto bad = b;
  bad[0] ^= 0xff;
  CHECK(!decode_hello(bad.data(), bad.size(), out, why) && why.find("magic") != std::string::npos);
  Hello zero;
  auto z = encode_hello(zero);
  CHECK(!decode_hello(z.data(), z.size(), out, why) && why.find("count 0") != std::string::npos);
  Hello huge;
  huge.sizes = {0x80000000u};
  auto hb = encode_hello(huge);
  CHECK(!decode_hello(hb.data(), hb.size(), out, why) && why.find("larger") != std::string::npos);
  // The reader never asks for more than one hello's bytes, even when the count lies.
  HelloReader r;
  std::vector<std::uint8_t> lie = b;
  lie[12] = 0xff;
  lie[13] = 0xff;  // count 65535
  std::memcpy(r.want_ptr(), lie.data(), kHelloFixedBytes);
  CHECK(r.received(kHelloFixedBytes) == HelloReader::State::bad);
}

void handshake_carries_direction_and_server_strategy() {
  Hello h;
  h.sizes = {3, 5};
  h.flags = kFlagVerify | kFlagBidir;
  h.server_strategy = 2;
  auto b = encode_hello(h);
  Hello out;
  std::string why;
  CHECK(decode_hello(b.data(), b.size(), out, why));
  CHECK(out.flags == (kFlagVerify | kFlagBidir) && out.server_strategy == 2);
  CHECK(out.server_sends() && out.server_receives());
  h.flags = kFlagReverse;
  h.server_strategy = 1;
  b = encode_hello(h);
  CHECK(decode_hello(b.data(), b.size(), out, why) && out.server_strategy == 1);
  CHECK(out.server_sends() && !out.server_receives());
  h.flags = 0;
  b = encode_hello(h);
  CHECK(decode_hello(b.data(), b.size(), out, why) && !out.server_sends() && out.server_receives());

  Hello both = h;
  both.flags = kFlagReverse | kFlagBidir;
  b = encode_hello(both);
  CHECK(!decode_hello(b.data(), b.size(), out, why) && why.find("exclude") != std::string::npos);
  for (std::uint32_t f : {kFlagReverse, kFlagBidir}) {
    Hello echo = h;
    echo.mode = 1;
    echo.flags = f;
    b = encode_hello(echo);
    CHECK(!decode_hello(b.data(), b.size(), out, why) && why.find("echo") != std::string::npos);
    Hello control;
    control.kind = ConnKind::control;
    control.flags = f;
    b = encode_hello(control);
    CHECK(!decode_hello(b.data(), b.size(), out, why) && why.find("control") != std::string::npos);
  }
  Hello strategy = h;
  strategy.server_strategy = 3;
  b = encode_hello(strategy);
  CHECK(!decode_hello(b.data(), b.size(), out, why) && why.find("strategy") != std::string::npos);
  Hello unknown = h;
  unknown.flags = 1u << 3;
  b = encode_hello(unknown);
  CHECK(!decode_hello(b.data(), b.size(), out, why) && why.find("unknown flags") != std::string::npos);

  ReportReply r;
  r.received_bytes = 7;
  r.server_cpu_ns = 11;
  r.sent_bytes = 0x123456789aull;
  auto rb = encode_report_reply(r);
  ReportReply rr;
  CHECK(decode_report_reply(rb.data(), rr) && rr.sent_bytes == 0x123456789aull && rr.received_bytes == 7 &&
        rr.server_cpu_ns == 11);
}

void cpu_is_charged_in_proportion_to_bytes() {
  auto a = std::make_shared<ServerSession>();
  auto b = std::make_shared<ServerSession>();
  CpuAttribution attr;
  attr.settle(1'000);  // the first reading only sets the start
  attr.touched(a, 100);
  attr.touched(b, 50);
  attr.touched(a, 200);
  attr.touched(b, 50);
  attr.settle(5'000);
  CHECK(a->cpu_ns.load() == 3'000 && b->cpu_ns.load() == 1'000);
  // A window with no session touched is charged to nobody.
  attr.settle(9'000);
  CHECK(a->cpu_ns.load() == 3'000 && b->cpu_ns.load() == 1'000);
  // Touched without bytes: split evenly.
  attr.touched(a, 0);
  attr.touched(b, 0);
  attr.settle(9'400);
  CHECK(a->cpu_ns.load() == 3'200 && b->cpu_ns.load() == 1'200);
  // A settled share does not keep its session alive.
  CHECK(a.use_count() == 1 && b.use_count() == 1);
  CpuAttribution idle;
  auto c = std::make_shared<ServerSession>();
  idle.settle(0);
  idle.settle(1'000'000);
  CHECK(c->cpu_ns.load() == 0);
}

void memory_budget_refuses_past_its_limit() {
  MemoryBudget m(100);
  CHECK(m.reserve(60));
  CHECK(!m.reserve(41));
  m.release(60);
  CHECK(m.reserve(100));
}

void sessions_live_as_long_as_their_connections() {
  SessionTable t;
  auto a = t.get(1);
  auto a2 = t.get(1);
  CHECK(a == a2);
  { auto b = t.get(2); CHECK(t.live() == 2); }
  CHECK(t.live() == 1);  // session 2 had no connection left
  a.reset();
  a2.reset();
  CHECK(t.live() == 0);
  for (std::uint64_t i = 0; i < 1000; ++i) t.get(100 + i);  // each dropped at once
  CHECK(t.live() == 0);
}

struct CountingWaker final : Wakeable {
  int woken = 0;
  void wake() override { ++woken; }
};

// One event loop's context over a server with default options.
struct OneLoop {
  ServerState state{ServerOptions{}, ConnPolicy{}};
  CountingWaker w;
  LoopContext loop{state, w};
};

// Writes bytes into what the connection offers for its next receive, as a receive would.
std::size_t feed(ServerConn& c, const std::uint8_t* p, std::size_t n) {
  IoSpan b = c.recv_bufs();
  std::size_t done = 0;
  for (std::size_t i = 0; i < b.count && done < n; ++i) {
    const std::size_t k = std::min<std::size_t>(io_len(b.bufs[i]), n - done);
    std::memcpy(io_data(b.bufs[i]), p + done, k);
    done += k;
  }
  return done;
}

std::vector<std::uint8_t> outgoing(ServerConn& c) {
  IoSpan b = c.send_bufs();
  std::vector<std::uint8_t> out;
  for (std::size_t i = 0; i < b.count; ++i) {
    auto* d = static_cast<std::uint8_t*>(io_data(b.bufs[i]));
    out.insert(out.end(), d, d + io_len(b.bufs[i]));
  }
  return out;
}

// Feeds a whole handshake one byte a receive; returns the step after its last byte.
ConnStep handshake(ServerConn& c, const Hello& h) {
  auto b = encode_hello(h);
  ConnStep step;
  for (std::size_t i = 0; i < b.size(); ++i) {
    if (feed(c, &b[i], 1) != 1) return {};
    step = c.received(1);
    if (i + 1 < b.size() && !(step.recv && !step.send && !step.close)) return {};
  }
  return step;
}

// A connection past its accepted handshake, the reply sent.
bool accept(ServerConn& c, const Hello& h) {
  if (!c.start(0) || !handshake(c, h).recv) return false;
  return !c.sent(kReplyBytes).close;
}

void server_conn_accepts_a_handshake_byte_by_byte() {
  OneLoop t;
  ServerConn c(t.loop);
  CHECK(c.start(0));
  Hello h;
  h.sizes = {3, 5};
  h.session = 7;
  ConnStep s = handshake(c, h);
  CHECK(s.send && s.recv && !s.close);
  Reply r;
  auto out = outgoing(c);
  CHECK(out.size() == kReplyBytes && decode_reply(out.data(), r) && r.status == 0);
  CHECK(t.state.budget.used() > 0);
  ConnStep after = c.sent(kReplyBytes);
  CHECK(!after.send && !after.recv && !after.close);
  CHECK(c.close(nullptr) && !c.close(nullptr));
  c.release();
  CHECK(t.state.budget.used() == 0 && t.state.sink_copies.used() == 0);
}

void server_conn_refuses_a_bad_handshake_and_closes_after_the_reply() {
  OneLoop t;
  ServerConn c(t.loop);
  CHECK(c.start(0));
  Hello h;
  h.sizes = {64};
  auto b = encode_hello(h);
  b[0] ^= 0xff;
  const std::size_t n = feed(c, b.data(), b.size());
  ConnStep s = c.received(n);
  CHECK(s.send && !s.recv && !s.close);
  CHECK(t.state.refused.load() == 1);
  Reply r;
  auto out = outgoing(c);
  CHECK(decode_reply(out.data(), r) && r.status == 1 && r.message.find("magic") != std::string::npos);
  // A short send is resumed; the connection closes once the whole refusal is out.
  s = c.sent(10);
  CHECK(s.send && outgoing(c).size() == kReplyBytes - 10);
  s = c.sent(kReplyBytes - 10);
  CHECK(s.close && s.after_reply && !s.why);
}

void server_conn_echoes_whole_messages() {
  OneLoop t;
  ServerConn c(t.loop);
  Hello h;
  h.sizes = {3, 5};
  h.mode = 1;
  h.session = 8;
  CHECK(accept(c, h));
  const std::uint8_t msg[8] = {1, 2, 3, 4, 5, 6, 7, 8};
  CHECK(feed(c, msg, 4) == 4);
  ConnStep s = c.received(4);
  CHECK(s.recv && !s.send);  // half a message: keep receiving into the rest
  CHECK(feed(c, msg + 4, 4) == 4);
  s = c.received(4);
  CHECK(s.send && !s.recv);  // the array is sent from: no receive until the echo is out
  CHECK(outgoing(c) == std::vector<std::uint8_t>(msg, msg + 8));
  s = c.sent(5);
  CHECK(s.send && outgoing(c).size() == 3);
  s = c.sent(3);
  CHECK(s.recv && !s.send);
  CHECK(t.state.bytes_received.load() == 8);
}

void server_conn_answers_a_report_before_and_after_its_target() {
  OneLoop t;
  ServerConn data(t.loop), control(t.loop);
  Hello h;
  h.sizes = {16};
  h.session = 9;
  CHECK(accept(data, h));
  Hello ch;
  ch.kind = ConnKind::control;
  ch.session = 9;
  CHECK(accept(control, ch));
  const std::uint8_t bytes[16] = {};
  data.received(feed(data, bytes, 10));

  // Target already reached: answered at once.
  auto req = encode_report_request(ReportRequest{10});
  ConnStep s = control.received(feed(control, req.data(), req.size()));
  CHECK(s.report_armed && s.send && s.recv && !control.report_pending());
  ReportReply rr;
  auto out = outgoing(control);
  CHECK(out.size() == kReportReplyBytes && decode_report_reply(out.data(), rr) && rr.received_bytes == 10 && rr.status == 0);
  control.sent(kReportReplyBytes);

  // Target ahead: armed, answered once the data connection crosses it and wakes the loop.
  req = encode_report_request(ReportRequest{20});
  s = control.received(feed(control, req.data(), req.size()));
  CHECK(s.report_armed && !s.send && !s.recv && control.report_pending());
  data.received(feed(data, bytes, 5));
  CHECK(t.w.woken == 0 && !control.check_report().send);
  data.received(feed(data, bytes, 5));
  CHECK(t.w.woken == 1);
  s = control.check_report();
  CHECK(s.send && s.recv && !control.report_pending());
  out = outgoing(control);
  CHECK(out.size() == kReportReplyBytes && decode_report_reply(out.data(), rr) && rr.received_bytes == 20);
}

void server_conn_times_out_a_slow_handshake() {
  OneLoop t;
  ServerConn c(t.loop);
  CHECK(c.start(1000));
  CHECK(!c.sweep(1000 + kHandshakeTimeoutNs).close);
  ConnStep s = c.sweep(1001 + kHandshakeTimeoutNs);
  CHECK(s.close && s.why && t.state.timed_out.load() == 1);
}

}  // namespace

int main() {
  cursor_resumes_mid_array();
  cursor_prefix_limits_bytes();
  strategies_make_the_right_ops();
  slots_bound_messages_in_flight();
  verifier_catches_a_wrong_byte_whatever_the_chunking();
  echo_framing_fills_one_message();
  histogram_is_within_one_percent();
  histogram_known_distributions();
  handshake_bounds();
  handshake_carries_direction_and_server_strategy();
  cpu_is_charged_in_proportion_to_bytes();
  memory_budget_refuses_past_its_limit();
  sessions_live_as_long_as_their_connections();
  server_conn_accepts_a_handshake_byte_by_byte();
  server_conn_refuses_a_bad_handshake_and_closes_after_the_reply();
  server_conn_echoes_whole_messages();
  server_conn_answers_a_report_before_and_after_its_target();
  server_conn_times_out_a_slow_handshake();
  std::printf("%d passed, %d failed\n", passed, failed);
  return failed ? 1 : 0;
}
