#pragma once
// A cell's statistics from its samples, computed exactly as the TypeScript runner does
// (src/runner/cell-statistics.ts over tinybench's throughput statistics), so a row of
// sgbench-native and a row of `sgbench run` mean the same thing.
#include <optional>
#include <vector>

#include "../core/counters.h"
#include "../core/spec.h"

namespace sgn {

struct LatencyUs {
  double p50, p99, p999, max;
};

// One sample's latency summary in microseconds, as the binding reports it (echo mode only).
std::optional<LatencyUs> sample_latency(const sg::SampleResult& r, sg::Mode mode);

struct CellStatistics {
  std::size_t samples = 0;
  double bytes_per_s = 0;  // Σbytes / Σwall
  double gbit_per_s = 0;
  double msgs_per_s = 0;
  double rme_pct = 0;  // tinybench: t(0.975, n-1) · sd/√n / mean, in percent
  double sd_bytes_per_s = 0;
  double min_bytes_per_s = 0;
  double p50_bytes_per_s = 0;
  double max_bytes_per_s = 0;
  std::optional<double> syscalls_per_msg;
  std::uint64_t partial_sends = 0;
  std::optional<double> client_cpu_s_per_gib;
  std::optional<double> server_cpu_s_per_gib;
  std::optional<LatencyUs> latency;  // median of the samples' percentiles; max of maxima
};

CellStatistics cell_statistics(const std::vector<sg::SampleResult>& samples, sg::Mode mode);

// Bytes per second of one sample by the native clock (tinybench's per-sample throughput).
double sample_bytes_per_s(const sg::SampleResult& r);
std::optional<double> cpu_seconds_per_gib(std::optional<double> cpu_ns, std::uint64_t bytes);

// Student's t quantile at 0.975 for `df` degrees of freedom (tinybench's `tCritical`).
double t_critical_975(double df);

}  // namespace sgn
