#pragma once
// The machine a run is measured on, as the environment columns record it (src/env.ts), defined per
// platform (host_info_posix.cpp, host_info_win.cpp).
#include <cstdint>
#include <optional>
#include <string>

namespace sgn {

struct HostInfo {
  std::string host;
  std::string os;      // `linux (Debian GNU/Linux 12 (bookworm))`, `win32`
  std::string kernel;  // uname release, or the Windows version `10.0.19045`
  std::string cpu_model;
  unsigned cores = 0;  // CPUs this process may run on
};

HostInfo host_info();

// Cumulative CPU ticks of all CPUs (steal time); none where the platform does not report it.
struct CpuTicks {
  std::uint64_t steal = 0;
  std::uint64_t total = 0;
};
std::optional<CpuTicks> read_cpu_ticks();

}  // namespace sgn
