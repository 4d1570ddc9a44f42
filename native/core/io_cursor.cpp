#include "io_cursor.h"

#include <cassert>

namespace sg {

void IoCursor::assign(const IoBuf* bufs, std::size_t count) {
  v_.assign(bufs, bufs + count);
  first_ = 0;
  remaining_ = 0;
  for (const IoBuf& b : v_) remaining_ += io_len(b);
}

void IoCursor::assign_prefix(const IoBuf* bufs, std::size_t count, std::size_t limit) {
  v_.clear();
  first_ = 0;
  remaining_ = 0;
  for (std::size_t i = 0; i < count && remaining_ < limit; ++i) {
    std::size_t take = io_len(bufs[i]);
    if (take > limit - remaining_) take = limit - remaining_;
    v_.push_back(make_iobuf(io_data(bufs[i]), take));
    remaining_ += take;
  }
}

bool IoCursor::advance(std::size_t n) {
  assert(n <= remaining_);
  remaining_ -= n;
  while (n > 0 && first_ < v_.size()) {
    IoBuf& b = v_[first_];
    std::size_t len = io_len(b);
    if (n >= len) {
      n -= len;
      ++first_;
    } else {
      b = make_iobuf(io_data(b) + n, len - n);
      n = 0;
    }
  }
  // Zero-length elements left at the front would make a vectored call look empty.
  while (first_ < v_.size() && io_len(v_[first_]) == 0) ++first_;
  return remaining_ == 0;
}

}  // namespace sg
