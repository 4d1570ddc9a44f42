#pragma once
#include <chrono>
#include <cstdint>

namespace sg {

// Monotonic wall clock, nanoseconds.
inline std::uint64_t now_ns() {
  return static_cast<std::uint64_t>(
      std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch()).count());
}

// User+system CPU time of the calling thread, nanoseconds. Defined per platform
// (CLOCK_THREAD_CPUTIME_ID on Linux, GetThreadTimes on Windows: 100 ns units).
std::uint64_t thread_cpu_ns();

}  // namespace sg
