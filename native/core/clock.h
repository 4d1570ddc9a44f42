#pragma once
#include <chrono>
#include <cstdint>

namespace sg {

// Monotonic wall clock, nanoseconds.
inline std::uint64_t now_ns() {
  return static_cast<std::uint64_t>(
      std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch()).count());
}

// User+system CPU time of the calling thread, nanoseconds; 0 when the platform cannot read it.
// Defined per platform (CLOCK_THREAD_CPUTIME_ID on Linux, GetThreadTimes on Windows). Windows
// counts whole scheduler ticks (about 15.6 ms; 10 ms under Wine), so a span of real work can read
// no change at all: a span that reads 0 was not measured, and is reported as unknown, never 0.
std::uint64_t thread_cpu_ns();

}  // namespace sg
