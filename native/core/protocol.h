#pragma once
// The harness's wire protocol (skipped entirely with --peer raw).
//
// Each data connection opens with a handshake that tells the server everything it needs: mode,
// receive shape, the sender's buffer sizes, verification, and the session it belongs to. The
// server answers with a fixed-size reply (status + reason) and, if accepted, the raw byte stream
// follows. One extra control connection per session carries sample reports: the client names
// how many bytes it sent in total, the server answers once it has received them, with its CPU
// time. All integers little-endian. Every field is bounded; see validate_hello().
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "limits.h"

namespace sg {

inline constexpr std::uint32_t kHelloMagic = 0x31424753;    // "SGB1"
inline constexpr std::uint32_t kControlMagic = 0x43424753;  // "SGBC"
inline constexpr std::uint16_t kProtocolVersion = 1;
inline constexpr std::size_t kHelloFixedBytes = 40;
inline constexpr std::size_t kHelloMaxBytes = kHelloFixedBytes + 4 * kMaxBuffers;
inline constexpr std::size_t kReplyBytes = 64;
inline constexpr std::size_t kReportRequestBytes = 16;
inline constexpr std::size_t kReportReplyBytes = 48;

enum class ConnKind : std::uint8_t { data = 1, control = 2 };
enum HelloFlags : std::uint32_t {
  kFlagVerify = 1u << 0,
  // The server sends a stream on this connection (--reverse: and receives nothing).
  kFlagReverse = 1u << 1,
  // The server sends a stream and receives one (--bidir). Exclusive with kFlagReverse; neither
  // goes with echo.
  kFlagBidir = 1u << 2,
};
inline constexpr std::uint32_t kKnownFlags = kFlagVerify | kFlagReverse | kFlagBidir;

struct Hello {
  std::uint16_t version = kProtocolVersion;
  ConnKind kind = ConnKind::data;
  std::uint8_t mode = 0;  // 0 sink, 1 echo
  std::uint32_t flags = 0;
  std::uint64_t session = 0;
  std::uint32_t recv_single_bytes = 0;  // 0: mirror the sender's buffers
  std::vector<std::uint32_t> sizes;     // the sender's buffers (data connections)
  // Reverse/bidir: how the server turns `sizes` into sends (0 gather, 1 coalesce, 2 sequential).
  std::uint32_t server_strategy = 0;

  bool server_sends() const { return (flags & (kFlagReverse | kFlagBidir)) != 0; }
  bool server_receives() const { return (flags & kFlagReverse) == 0; }

  std::uint64_t message_bytes() const;
};

std::vector<std::uint8_t> encode_hello(const Hello& h);
// How many bytes the whole hello has, once its fixed part is in; 0 if the fixed part is bad
// (then validate_hello() says why).
std::size_t hello_total_bytes(const std::uint8_t* fixed);
// Parses and bounds-checks a complete hello. On failure returns false with a reason for the log
// and the reply.
bool decode_hello(const std::uint8_t* p, std::size_t n, Hello& out, std::string& why);

struct Reply {
  std::uint32_t status = 0;  // 0 accepted
  std::string message;
};
std::array<std::uint8_t, kReplyBytes> encode_reply(const Reply& r);
bool decode_reply(const std::uint8_t* p, Reply& out);

struct ReportRequest {
  std::uint64_t target_bytes = 0;  // reply once the session has received this many in total
};
struct ReportReply {
  std::uint32_t status = 0;  // 0 ok, 1 verification failed
  std::uint64_t received_bytes = 0;
  // CPU time the server spent on this session's connections (see ServerSession::cpu_ns).
  std::uint64_t server_cpu_ns = 0;
  std::int64_t bad_offset = -1;
  std::uint32_t bad_connection = 0;
  std::uint64_t sent_bytes = 0;  // reverse/bidir: what the server's sends moved in this session
};
std::array<std::uint8_t, kReportRequestBytes> encode_report_request(const ReportRequest& r);
bool decode_report_request(const std::uint8_t* p, ReportRequest& out);
std::array<std::uint8_t, kReportReplyBytes> encode_report_reply(const ReportReply& r);
bool decode_report_reply(const std::uint8_t* p, ReportReply& out);

}  // namespace sg
