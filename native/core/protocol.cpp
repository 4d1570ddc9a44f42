#include "protocol.h"

#include <cstring>

namespace sg {

namespace {

void put16(std::uint8_t* p, std::uint16_t v) {
  p[0] = static_cast<std::uint8_t>(v);
  p[1] = static_cast<std::uint8_t>(v >> 8);
}
void put32(std::uint8_t* p, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) p[i] = static_cast<std::uint8_t>(v >> (8 * i));
}
void put64(std::uint8_t* p, std::uint64_t v) {
  for (int i = 0; i < 8; ++i) p[i] = static_cast<std::uint8_t>(v >> (8 * i));
}
std::uint16_t get16(const std::uint8_t* p) { return static_cast<std::uint16_t>(p[0] | (p[1] << 8)); }
std::uint32_t get32(const std::uint8_t* p) {
  std::uint32_t v = 0;
  for (int i = 3; i >= 0; --i) v = (v << 8) | p[i];
  return v;
}
std::uint64_t get64(const std::uint8_t* p) {
  std::uint64_t v = 0;
  for (int i = 7; i >= 0; --i) v = (v << 8) | p[i];
  return v;
}

// Fixed part: magic u32 | version u16 | kind u8 | mode u8 | flags u32 | count u32 |
//             session u64 | recv_single_bytes u32 | server_strategy u32 | reserved u32 x2
//             (40 bytes)
// then count x u32 buffer sizes.
constexpr std::size_t kOffMagic = 0, kOffVersion = 4, kOffKind = 6, kOffMode = 7, kOffFlags = 8, kOffCount = 12,
                      kOffSession = 16, kOffRecv = 24, kOffServerStrategy = 28;

}  // namespace

std::uint64_t Hello::message_bytes() const {
  std::uint64_t t = 0;
  for (auto s : sizes) t += s;
  return t;
}

std::vector<std::uint8_t> encode_hello(const Hello& h) {
  std::vector<std::uint8_t> b(kHelloFixedBytes + 4 * h.sizes.size(), 0);
  put32(&b[kOffMagic], kHelloMagic);
  put16(&b[kOffVersion], h.version);
  b[kOffKind] = static_cast<std::uint8_t>(h.kind);
  b[kOffMode] = h.mode;
  put32(&b[kOffFlags], h.flags);
  put32(&b[kOffCount], static_cast<std::uint32_t>(h.sizes.size()));
  put64(&b[kOffSession], h.session);
  put32(&b[kOffRecv], h.recv_single_bytes);
  put32(&b[kOffServerStrategy], h.server_strategy);
  for (std::size_t i = 0; i < h.sizes.size(); ++i) put32(&b[kHelloFixedBytes + 4 * i], h.sizes[i]);
  return b;
}

std::size_t hello_total_bytes(const std::uint8_t* fixed) {
  if (get32(fixed + kOffMagic) != kHelloMagic) return 0;
  std::uint32_t count = get32(fixed + kOffCount);
  if (count > kMaxBuffers) return 0;
  return kHelloFixedBytes + 4 * static_cast<std::size_t>(count);
}

bool decode_hello(const std::uint8_t* p, std::size_t n, Hello& out, std::string& why) {
  if (n < kHelloFixedBytes) return why = "handshake truncated", false;
  if (get32(p + kOffMagic) != kHelloMagic) return why = "bad magic (not an sgbench client?)", false;
  out.version = get16(p + kOffVersion);
  if (out.version != kProtocolVersion) {
    why = "protocol version " + std::to_string(out.version) + " not supported (this server speaks " +
          std::to_string(kProtocolVersion) + ")";
    return false;
  }
  std::uint8_t kind = p[kOffKind];
  if (kind != static_cast<std::uint8_t>(ConnKind::data) && kind != static_cast<std::uint8_t>(ConnKind::control)) {
    return why = "unknown connection kind " + std::to_string(kind), false;
  }
  out.kind = static_cast<ConnKind>(kind);
  out.mode = p[kOffMode];
  if (out.mode > 1) return why = "unknown mode " + std::to_string(out.mode) + " (0 sink, 1 echo)", false;
  out.flags = get32(p + kOffFlags);
  if (out.flags & ~kKnownFlags) return why = "unknown flags", false;
  if ((out.flags & kFlagReverse) && (out.flags & kFlagBidir)) return why = "reverse and bidir exclude each other", false;
  if (out.server_sends() && out.mode != 0) return why = "reverse and bidir carry a stream, not echo", false;
  out.server_strategy = get32(p + kOffServerStrategy);
  if (out.server_strategy > 2) return why = "unknown server strategy " + std::to_string(out.server_strategy), false;
  std::uint32_t count = get32(p + kOffCount);
  out.session = get64(p + kOffSession);
  out.recv_single_bytes = get32(p + kOffRecv);
  out.sizes.clear();
  if (out.kind == ConnKind::control) {
    if (count != 0) return why = "a control connection declares no buffers", false;
    if (out.server_sends()) return why = "a control connection carries no stream", false;
    return true;
  }
  if (count < 1 || count > kMaxBuffers) {
    return why = "buffer count " + std::to_string(count) + " out of range 1.." + std::to_string(kMaxBuffers), false;
  }
  if (n != kHelloFixedBytes + 4 * static_cast<std::size_t>(count)) return why = "handshake length mismatch", false;
  std::uint64_t total = 0;
  for (std::uint32_t i = 0; i < count; ++i) {
    std::uint32_t s = get32(p + kHelloFixedBytes + 4 * i);
    if (s == 0) return why = "buffer " + std::to_string(i) + " has size 0", false;
    total += s;
    if (total > kMaxMessageBytes) {
      return why = "message larger than " + std::to_string(kMaxMessageBytes) + " bytes", false;
    }
    out.sizes.push_back(s);
  }
  if (out.recv_single_bytes > kMaxMessageBytes) {
    return why = "receive buffer of " + std::to_string(out.recv_single_bytes) + " bytes exceeds " +
                 std::to_string(kMaxMessageBytes), false;
  }
  if (out.mode == 1 && out.recv_single_bytes != 0 && out.recv_single_bytes < total) {
    return why = "echo needs a receive buffer that holds a whole message", false;
  }
  return true;
}

std::array<std::uint8_t, kReplyBytes> encode_reply(const Reply& r) {
  std::array<std::uint8_t, kReplyBytes> b{};
  put32(&b[0], kHelloMagic);
  put32(&b[4], r.status);
  std::size_t n = r.message.size() < kReplyBytes - 9 ? r.message.size() : kReplyBytes - 9;
  std::memcpy(&b[8], r.message.data(), n);
  return b;
}

bool decode_reply(const std::uint8_t* p, Reply& out) {
  if (get32(p) != kHelloMagic) return false;
  out.status = get32(p + 4);
  const char* s = reinterpret_cast<const char*>(p + 8);
  out.message.assign(s, strnlen(s, kReplyBytes - 8));
  return true;
}

std::array<std::uint8_t, kReportRequestBytes> encode_report_request(const ReportRequest& r) {
  std::array<std::uint8_t, kReportRequestBytes> b{};
  put32(&b[0], kControlMagic);
  put32(&b[4], 1);
  put64(&b[8], r.target_bytes);
  return b;
}

bool decode_report_request(const std::uint8_t* p, ReportRequest& out) {
  if (get32(p) != kControlMagic || get32(p + 4) != 1) return false;
  out.target_bytes = get64(p + 8);
  return true;
}

std::array<std::uint8_t, kReportReplyBytes> encode_report_reply(const ReportReply& r) {
  std::array<std::uint8_t, kReportReplyBytes> b{};
  put32(&b[0], kControlMagic);
  put32(&b[4], r.status);
  put64(&b[8], r.received_bytes);
  put64(&b[16], r.server_cpu_ns);
  put64(&b[24], static_cast<std::uint64_t>(r.bad_offset));
  put32(&b[32], r.bad_connection);
  put64(&b[36], r.sent_bytes);
  return b;
}

bool decode_report_reply(const std::uint8_t* p, ReportReply& out) {
  if (get32(p) != kControlMagic) return false;
  out.status = get32(p + 4);
  out.received_bytes = get64(p + 8);
  out.server_cpu_ns = get64(p + 16);
  out.bad_offset = static_cast<std::int64_t>(get64(p + 24));
  out.bad_connection = get32(p + 32);
  out.sent_bytes = get64(p + 36);
  return true;
}

}  // namespace sg
