#include "histogram.h"

#include <bit>
#include <cmath>

namespace sg {

unsigned Histogram::index(std::uint64_t v) {
  if (v < kSub) return static_cast<unsigned>(v);
  unsigned e = 63u - static_cast<unsigned>(std::countl_zero(v));  // ≥ kSubBits
  unsigned sub = static_cast<unsigned>((v >> (e - kSubBits)) & (kSub - 1));
  return (e - kSubBits + 1) * kSub + sub;
}

std::uint64_t Histogram::bucket_low(unsigned i) {
  if (i < kSub) return i;
  unsigned e = i / kSub + kSubBits - 1;
  std::uint64_t sub = i % kSub;
  return (std::uint64_t{1} << e) | (sub << (e - kSubBits));
}

std::uint64_t Histogram::bucket_width(unsigned i) {
  if (i < kSub) return 1;
  unsigned e = i / kSub + kSubBits - 1;
  return std::uint64_t{1} << (e - kSubBits);
}

void Histogram::merge(const Histogram& o) {
  if (o.counts_.empty()) return;
  enable();
  for (unsigned i = 0; i < kBuckets; ++i) counts_[i] += o.counts_[i];
  total_ += o.total_;
  if (o.max_ > max_) max_ = o.max_;
}

void Histogram::clear() {
  if (!counts_.empty()) counts_.assign(kBuckets, 0);
  total_ = 0;
  max_ = 0;
}

std::uint64_t Histogram::quantile(double q) const {
  if (total_ == 0) return 0;
  if (q < 0) q = 0;
  if (q > 1) q = 1;
  std::uint64_t rank = static_cast<std::uint64_t>(std::ceil(q * static_cast<double>(total_)));
  if (rank < 1) rank = 1;
  std::uint64_t seen = 0;
  for (unsigned i = 0; i < kBuckets; ++i) {
    seen += counts_[i];
    if (seen >= rank) {
      std::uint64_t mid = bucket_low(i) + bucket_width(i) / 2;
      return mid > max_ ? max_ : mid;
    }
  }
  return max_;
}

}  // namespace sg
