#pragma once
// Log-bucketed histogram in the manner of HdrHistogram: 128 linear sub-buckets per power of two,
// so any recorded value is reported within 1/128 (< 0.8%) of itself. Recording never allocates
// once the histogram is sized; merging and percentiles are for the end of a sample.
#include <cstdint>
#include <vector>

namespace sg {

class Histogram {
 public:
  static constexpr unsigned kSubBits = 7;
  static constexpr unsigned kSub = 1u << kSubBits;
  static constexpr unsigned kBuckets = (64 - kSubBits + 1) * kSub;

  // Allocates the buckets; call before recording on a hot path.
  void enable() {
    if (counts_.empty()) counts_.assign(kBuckets, 0);
  }
  bool enabled() const { return !counts_.empty(); }

  void record(std::uint64_t v) {
    ++counts_[index(v)];
    ++total_;
    if (v > max_) max_ = v;
  }
  void merge(const Histogram& o);
  void clear();

  std::uint64_t count() const { return total_; }
  std::uint64_t max() const { return max_; }
  // The value at quantile q in [0, 1]: the midpoint of the bucket holding the rank ⌈q·count⌉,
  // capped at the largest recorded value.
  std::uint64_t quantile(double q) const;

  static unsigned index(std::uint64_t v);
  static std::uint64_t bucket_low(unsigned i);
  static std::uint64_t bucket_width(unsigned i);

 private:
  std::vector<std::uint64_t> counts_;
  std::uint64_t total_ = 0;
  std::uint64_t max_ = 0;
};

}  // namespace sg
