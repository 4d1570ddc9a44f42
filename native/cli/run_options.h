#pragma once
// `sgbench-native run` flags, validated into one cell as src/native.ts validates a CellSpec.
#include <cstdint>
#include <string>
#include <vector>

#include "../core/spec.h"

namespace sgn {

struct RunOptions {
  sg::CellSpec spec;             // port 0: start an in-process server
  bool uniform = true;           // every buffer the same size (--buffers/--size, or an even --shape)
  std::uint32_t samples = 10;
  std::uint64_t duration_ms = 0;  // a time slice per sample, or
  std::uint64_t bytes = 0;        // a byte budget per sample (exactly one of the two is set)
  std::uint64_t warmup_ms = 250;
  std::string samples_out;        // path of the sample CSV, empty for none
  std::string variant;
};

// Throws UsageError naming the flag and what it allows.
RunOptions parse_run_options(const std::vector<std::string>& args);

// `NxBYTES` for an even shape, else the sizes joined by `+` (`3+5+7`).
std::string shape_label(const std::vector<std::uint32_t>& buffers);
// `mirror` or `single:BYTES`, as the recv_shape column.
std::string recv_label(const sg::RecvShape& r);

}  // namespace sgn
