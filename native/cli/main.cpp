// sgbench-native: the harness without Node. `serve`, `run` (one cell, CSV on stdout) and `models`.
#include <exception>
#include <iostream>
#include <string>
#include <vector>

#include "commands.h"
#include "flags.h"
#include "process.h"

namespace {

const char* kUsage =
    "usage: sgbench-native <command> [flags]\n"
    "  run     one cell, CSV (the columns of `sgbench run`) on stdout\n"
    "          [--port P --host H | in-process server] --model M --strategy gather|coalesce|sequential\n"
    "          --buffers N --size BYTES | --shape 3,5,7  --connections C --depth D\n"
    "          --recv mirror|single:BYTES --mode sink|echo --reverse --bidir --verify --no-nodelay --affinity none|same|split\n"
    "          --threads T --sndbuf B --rcvbuf B --peer sgbench|raw --samples K --duration MS | --bytes N\n"
    "          --warmup MS (default 250) --timeout MS --samples-out FILE --variant LABEL\n"
    "  serve   the event-based server until SIGINT/SIGTERM (Ctrl-C)\n"
    "          --host H --port P --threads N --cpu C --log --peer raw --mode sink|echo --recv-bytes N\n"
    "  models  the I/O models of this platform, available or not and why\n";

}  // namespace

int main(int argc, char** argv) {
  sgn::process_init();
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "help" || args[0] == "--help" || args[0] == "-h") {
    std::cout << kUsage;
    return args.empty() ? sgn::kExitUsage : sgn::kExitOk;
  }
  const std::string command = args[0];
  args.erase(args.begin());
  try {
    if (command == "run") return sgn::run_command(args);
    if (command == "serve") return sgn::serve_command(args);
    if (command == "models") return sgn::models_command(args);
    std::cerr << "Error: unknown command \"" << command << "\" (run, serve or models)\n";
    return sgn::kExitUsage;
  } catch (const sgn::UsageError& e) {
    std::cerr << "Error: " << e.what() << "\n";
    return sgn::kExitUsage;
  } catch (const std::exception& e) {
    std::cerr << "Error: " << e.what() << "\n";
    return sgn::kExitFailed;
  }
}
