#include "pattern.h"

namespace sg {

void pattern_fill(std::uint8_t* dst, std::size_t len, std::uint64_t offset) {
  for (std::size_t i = 0; i < len; ++i) dst[i] = pattern_byte(offset + i);
}

std::int64_t pattern_check(const std::uint8_t* p, std::size_t len, std::uint64_t offset) {
  std::uint8_t bad = 0;
  // Branch-free pass first (vectorises); locate the byte only when something is wrong.
  for (std::size_t i = 0; i < len; ++i) bad |= static_cast<std::uint8_t>(p[i] ^ pattern_byte(offset + i));
  if (!bad) return -1;
  for (std::size_t i = 0; i < len; ++i) {
    if (p[i] != pattern_byte(offset + i)) return static_cast<std::int64_t>(offset + i);
  }
  return -1;
}

}  // namespace sg
