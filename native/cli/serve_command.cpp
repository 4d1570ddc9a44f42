// `sgbench-native serve`: the event-based server standalone, until SIGINT or SIGTERM.
#include <iostream>

#include "../core/limits.h"
#include "../core/server.h"
#include "commands.h"
#include "flags.h"
#include "process.h"

namespace sgn {

int serve_command(const std::vector<std::string>& args) {
  Flags f(args, {"host", "port", "threads", "cpu", "peer", "mode", "recv-bytes"}, {"log"});
  sg::ServerOptions o;
  o.host = f.text("host", "127.0.0.1");
  o.port = static_cast<std::uint16_t>(f.number("port", 0, 65535, 0));
  o.threads = static_cast<unsigned>(f.number("threads", 0, 64, 0));
  o.cpu = static_cast<int>(f.number("cpu", 0, 4095, 0)) - (f.has("cpu") ? 0 : 1);
  o.log = f.on("log", false);
  sg::parse_peer(f.choice("peer", {"sgbench", "raw"}, "sgbench"), o.peer);
  sg::parse_mode(f.choice("mode", {"sink", "echo"}, "sink"), o.raw_mode);
  o.raw_recv_bytes = static_cast<std::uint32_t>(f.number("recv-bytes", 1, sg::kMaxMessageBytes, 65536, true));
  if (o.peer != sg::Peer::raw && (f.has("mode") || f.has("recv-bytes")))
    throw UsageError(std::string("--") + (f.has("mode") ? "mode" : "recv-bytes") +
                     ": applies only with --peer raw (a harness client tells the server in its handshake)");

  catch_stop_signals();
  sg::IoError e;
  auto server = sg::start_server(o, e);
  if (!server) {
    std::cerr << "Error: " << sg::error_message(e) << " [model=overlapped-event]\n";
    return kExitFailed;
  }
  // Tests and scripts read this line to learn the port (as with `sgbench serve`).
  std::cout << "sgbench serve: listening on " << o.host << ":" << server->port() << std::endl;
  const char* stopped_by = wait_for_stop();
  server->stop();
  std::cout << "sgbench serve: stopped (" << stopped_by << ")" << std::endl;
  return kExitOk;
}

}  // namespace sgn
