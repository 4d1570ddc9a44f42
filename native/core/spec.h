#pragma once
// A cell as the core runs it. The TypeScript layer (src/native.ts) and the native executable
// validate every field before it gets here; the core trusts it.
#include <cstdint>
#include <string>
#include <vector>

namespace sg {

enum class Strategy { gather, coalesce, sequential };
enum class Mode { sink, echo };
enum class Affinity { none, same, split };
enum class Peer { sgbench, raw };
// Which way the payload flows on every data connection, as iperf3 names it.
//   forward  the client sends (sink or echo), the default
//   reverse  the server sends a stream built from the cell's buffers and strategy; the client only
//            receives, with its model, into its receive shape (scatter receive)
//   bidir    both at once on every connection: the client's send stream and the server's
enum class Direction { forward, reverse, bidir };

struct RecvShape {
  bool single = false;      // false: mirror the sender's buffers
  std::uint32_t bytes = 0;  // single: one buffer of this size
};

struct CellSpec {
  std::string model = "overlapped-event";
  Strategy strategy = Strategy::gather;
  std::vector<std::uint32_t> buffers;  // sizes of the N source buffers
  RecvShape recv;
  unsigned connections = 1;
  unsigned depth = 1;
  Mode mode = Mode::sink;
  bool verify = false;
  bool nodelay = true;
  Affinity affinity = Affinity::none;
  unsigned threads = 0;  // client threads for event models; 0 = automatic
  int sndbuf = 0;
  int rcvbuf = 0;
  std::string host = "127.0.0.1";
  std::uint16_t port = 0;
  Peer peer = Peer::sgbench;
  Direction direction = Direction::forward;
  std::uint64_t timeout_ns = 30'000'000'000ull;

  std::uint64_t message_bytes() const {
    std::uint64_t t = 0;
    for (auto b : buffers) t += b;
    return t;
  }
  // The receiver's buffer sizes: the sender's (mirror) or one buffer.
  std::vector<std::uint32_t> recv_sizes() const {
    return recv.single ? std::vector<std::uint32_t>{recv.bytes} : buffers;
  }
  bool client_sends() const { return direction != Direction::reverse; }
  bool client_receives_stream() const { return direction != Direction::forward; }
};

const char* to_string(Strategy s);
const char* to_string(Mode m);
const char* to_string(Affinity a);
const char* to_string(Peer p);
const char* to_string(Direction d);
bool parse_strategy(const std::string& s, Strategy& out);
bool parse_mode(const std::string& s, Mode& out);
bool parse_affinity(const std::string& s, Affinity& out);
bool parse_peer(const std::string& s, Peer& out);
bool parse_direction(const std::string& s, Direction& out);

}  // namespace sg
