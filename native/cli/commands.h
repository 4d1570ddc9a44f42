#pragma once
// The subcommands of sgbench-native. Each takes the arguments after its name and returns the
// process exit code; bad flags throw UsageError (exit 2).
#include <string>
#include <vector>

namespace sgn {

// Exit codes, as the TypeScript CLI's (src/cli/exit-codes.ts).
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailed = 1;
inline constexpr int kExitUsage = 2;
inline constexpr int kExitUnavailable = 3;

int run_command(const std::vector<std::string>& args);
int serve_command(const std::vector<std::string>& args);
int models_command(const std::vector<std::string>& args);

}  // namespace sgn
