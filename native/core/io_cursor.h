#pragma once
// Progress through one vectored transfer. Stream sockets complete short: a send or receive may
// move fewer bytes than the array holds. `advance(n)` consumes n bytes by dropping finished
// elements and shortening the first unfinished one in place, so the next call resumes mid-array
// with the same array pointer. This is the only place that resumption is written.
#include <cstddef>
#include <vector>

#include "iobuf.h"

namespace sg {

class IoCursor {
 public:
  // Copies the array (the caller's stays intact for the next message). Reuses capacity: no
  // allocation once the cursor has held an array this large.
  void assign(const IoBuf* bufs, std::size_t count);
  // Same, but takes only the first `limit` bytes of the array.
  void assign_prefix(const IoBuf* bufs, std::size_t count, std::size_t limit);

  IoBuf* data() { return v_.data() + first_; }
  std::size_t count() const { return v_.size() - first_; }
  std::size_t remaining() const { return remaining_; }
  bool done() const { return remaining_ == 0; }

  // Consumes n bytes (n ≤ remaining()). Returns true when the transfer is complete.
  bool advance(std::size_t n);

 private:
  std::vector<IoBuf> v_;
  std::size_t first_ = 0;
  std::size_t remaining_ = 0;
};

}  // namespace sg
