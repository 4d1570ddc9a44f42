#pragma once
// The stream pattern: every byte's value is derived from its offset in the connection's byte
// stream, so a receiver can check any chunk it gets, however the stream was split, without
// knowing the sender's shape. A lost, duplicated or reordered chunk shows as a mismatch at the
// first wrong offset.
#include <cstddef>
#include <cstdint>

namespace sg {

inline std::uint8_t pattern_byte(std::uint64_t offset) {
  // Fibonacci hashing: consecutive offsets differ, no short period.
  return static_cast<std::uint8_t>((offset * 0x9E3779B97F4A7C15ull) >> 56);
}

void pattern_fill(std::uint8_t* dst, std::size_t len, std::uint64_t offset);

// Returns -1 if [p, p+len) holds the pattern from `offset`, else the stream offset of the first
// wrong byte.
std::int64_t pattern_check(const std::uint8_t* p, std::size_t len, std::uint64_t offset);

}  // namespace sg
