#include "run_options.h"

#include "../core/limits.h"
#include "flags.h"

namespace sgn {

namespace {

constexpr std::uint64_t kMaxConnections = 100'000;  // src/constants.ts MAX_CONNECTIONS

const std::set<std::string> kValues{"host",  "port",    "model",   "strategy",    "buffers", "size",
                                    "shape", "connections", "depth", "recv",     "mode",    "affinity",
                                    "threads", "sndbuf", "rcvbuf", "peer",       "samples", "duration",
                                    "bytes", "warmup",  "timeout", "samples-out", "variant"};
const std::set<std::string> kSwitches{"verify", "nodelay", "reverse", "bidir"};

std::vector<std::uint32_t> parse_shape(const std::string& text) {
  std::vector<std::uint32_t> sizes;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t comma = text.find(',', start);
    const std::string part = text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    sizes.push_back(static_cast<std::uint32_t>(parse_number("shape", part, 1, sg::kMaxMessageBytes, true)));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  if (sizes.size() > sg::kMaxBuffers)
    throw UsageError("--shape: must list 1 to " + std::to_string(sg::kMaxBuffers) + " buffer sizes, got " +
                     std::to_string(sizes.size()));
  return sizes;
}

}  // namespace

std::string shape_label(const std::vector<std::uint32_t>& buffers) {
  bool even = true;
  for (auto b : buffers) even = even && b == buffers.front();
  if (even) return std::to_string(buffers.size()) + "x" + std::to_string(buffers.front());
  std::string s;
  for (auto b : buffers) {
    if (!s.empty()) s += '+';
    s += std::to_string(b);
  }
  return s;
}

std::string recv_label(const sg::RecvShape& r) { return r.single ? "single:" + std::to_string(r.bytes) : "mirror"; }

RunOptions parse_run_options(const std::vector<std::string>& args) {
  Flags f(args, kValues, kSwitches);
  RunOptions o;
  sg::CellSpec& s = o.spec;
  s.host = f.text("host", "127.0.0.1");
  if (s.host.empty()) throw UsageError("--host: must name an address, got \"\"");
  s.port = static_cast<std::uint16_t>(f.number("port", 0, 65535, 0));
  s.model = f.choice("model", {"blocking", "readiness", "overlapped-event", "overlapped-callback", "completion-port"},
                     "overlapped-event");
  sg::parse_strategy(f.choice("strategy", {"gather", "coalesce", "sequential"}, "gather"), s.strategy);

  if (f.has("shape")) {
    if (f.has("buffers") || f.has("size")) throw UsageError("--shape: give either --shape or --buffers/--size, not both");
    s.buffers = parse_shape(f.text("shape", ""));
  } else {
    const auto n = f.number("buffers", 1, sg::kMaxBuffers, 1);
    const auto size = f.number("size", 1, sg::kMaxMessageBytes, 4096, true);
    s.buffers.assign(n, static_cast<std::uint32_t>(size));
  }
  for (auto b : s.buffers) o.uniform = o.uniform && b == s.buffers.front();
  if (s.message_bytes() > sg::kMaxMessageBytes)
    throw UsageError("--size: a message may hold at most " + std::to_string(sg::kMaxMessageBytes) +
                     " bytes (64 MiB) in all, got " + std::to_string(s.message_bytes()));

  s.connections = static_cast<unsigned>(f.number("connections", 1, kMaxConnections, 1));
  s.depth = static_cast<unsigned>(f.number("depth", 1, sg::kMaxDepth, 1));
  const std::string recv = f.text("recv", "mirror");
  if (recv.rfind("single:", 0) == 0) {
    s.recv.single = true;
    s.recv.bytes = static_cast<std::uint32_t>(parse_number("recv", recv.substr(7), 1, sg::kMaxMessageBytes, true));
  } else if (recv != "mirror") {
    throw UsageError("--recv: must be mirror or single:BYTES (1 to " + std::to_string(sg::kMaxMessageBytes) +
                     "), got \"" + recv + "\"");
  }
  sg::parse_mode(f.choice("mode", {"sink", "echo"}, "sink"), s.mode);
  if (s.mode == sg::Mode::echo && s.recv.single && s.recv.bytes < s.message_bytes())
    throw UsageError("--recv: in echo mode the receive buffer must hold a whole message (" +
                     std::to_string(s.message_bytes()) + " bytes), got single:" + std::to_string(s.recv.bytes));
  const bool reverse = f.on("reverse", false), bidir = f.on("bidir", false);
  if (reverse && bidir) throw UsageError("--bidir: give either --reverse (the server sends) or --bidir (both send), not both");
  s.direction = reverse ? sg::Direction::reverse : bidir ? sg::Direction::bidir : sg::Direction::forward;
  if (s.direction != sg::Direction::forward && s.mode == sg::Mode::echo)
    throw UsageError(std::string(reverse ? "--reverse" : "--bidir") + ": the server streams to the client; it goes with --mode sink, not echo");
  s.verify = f.on("verify", false);
  s.nodelay = f.on("nodelay", true);
  sg::parse_affinity(f.choice("affinity", {"none", "same", "split"}, "none"), s.affinity);
  s.threads = static_cast<unsigned>(f.number("threads", 0, 1024, 0));
  s.sndbuf = static_cast<int>(f.number("sndbuf", 0, 1u << 30, 0, true));
  s.rcvbuf = static_cast<int>(f.number("rcvbuf", 0, 1u << 30, 0, true));
  sg::parse_peer(f.choice("peer", {"sgbench", "raw"}, "sgbench"), s.peer);
  if (s.peer == sg::Peer::raw && s.port == 0)
    throw UsageError("--port: --peer raw needs the port of a running server (1 to 65535)");
  s.timeout_ns = f.number("timeout", 1, 24ull * 3600 * 1000, 30'000) * 1'000'000ull;

  o.samples = static_cast<std::uint32_t>(f.number("samples", 1, 1'000'000, 10));
  if (f.has("duration") && f.has("bytes")) throw UsageError("--bytes: give either --duration or --bytes, not both");
  if (f.has("bytes")) o.bytes = f.number("bytes", 1, 1ull << 50, 0, true);
  else o.duration_ms = f.number("duration", 1, 3'600'000, 250);
  o.warmup_ms = f.number("warmup", 0, 3'600'000, 250);
  o.samples_out = f.text("samples-out", "");
  o.variant = f.text("variant", "");
  return o;
}

}  // namespace sgn
