#include "recv_stream.h"

#include "pattern.h"

namespace sg {

void RecvStream::init(const std::vector<std::uint32_t>& sizes, bool verify, std::uint64_t message_bytes) {
  parts_.clear();
  bufs_.clear();
  allocated_ = 0;
  for (auto n : sizes) {
    parts_.emplace_back(new std::uint8_t[n]);
    bufs_.push_back(make_iobuf(parts_.back().get(), n));
    allocated_ += n;
  }
  verify_ = verify;
  message_bytes_ = message_bytes;
  armed_message_ = false;
  offset_ = 0;
  bad_offset_ = -1;
}

IoCursor& RecvStream::arm() {
  if (message_bytes_ == 0) {
    cursor_.assign(bufs_.data(), bufs_.size());
  } else if (!armed_message_) {
    cursor_.assign_prefix(bufs_.data(), bufs_.size(), message_bytes_);
    armed_message_ = true;
  }
  return cursor_;
}

bool RecvStream::received(std::size_t n) {
  if (verify_ && bad_offset_ < 0) {
    std::size_t left = n;
    std::uint64_t off = offset_;
    IoBuf* b = cursor_.data();
    for (std::size_t i = 0; left > 0 && i < cursor_.count(); ++i) {
      std::size_t take = io_len(b[i]) < left ? io_len(b[i]) : left;
      std::int64_t bad = pattern_check(io_data(b[i]), take, off);
      if (bad >= 0) {
        bad_offset_ = bad;
        break;
      }
      off += take;
      left -= take;
    }
  }
  cursor_.advance(n);
  offset_ += n;
  return bad_offset_ < 0;
}

void RecvStream::message_iov(IoCursor& out) {
  out.assign_prefix(bufs_.data(), bufs_.size(), message_bytes_);
}

}  // namespace sg
