#include "send_stream.h"

#include <cstring>

#include "pattern.h"

namespace sg {

void SendStream::init(const std::vector<std::uint32_t>& sizes, Strategy strategy, bool verify, unsigned slots) {
  sizes_ = sizes;
  strategy_ = strategy;
  verify_ = verify;
  message_bytes_ = 0;
  for (auto s : sizes) message_bytes_ += s;
  ops_per_message_ = strategy == Strategy::sequential ? sizes.size() : 1;
  slots_.clear();
  slots_.resize(slots < 1 ? 1 : slots);
  for (Slot& s : slots_) {
    std::uint64_t off = 0;
    for (auto n : sizes) {
      s.parts.emplace_back(new std::uint8_t[n]);
      // Without verification the content is never checked: write the pattern once so the bytes
      // are not all zero (some paths treat zero pages specially).
      pattern_fill(s.parts.back().get(), n, off);
      off += n;
      s.bufs.push_back(make_iobuf(s.parts.back().get(), n));
    }
    if (strategy == Strategy::coalesce) {
      s.joined.reset(new std::uint8_t[message_bytes_]);
    }
    s.ops.resize(ops_per_message_);
  }
  current_ = 0;
  next_op_index_ = ops_per_message_;
  offset_ = 0;
  busy_ = 0;
}

void SendStream::start_message(Slot& s) {
  if (verify_) {
    std::uint64_t off = offset_;
    for (std::size_t i = 0; i < sizes_.size(); ++i) {
      pattern_fill(s.parts[i].get(), sizes_[i], off);
      off += sizes_[i];
    }
  }
  unsigned slot_index = static_cast<unsigned>(&s - slots_.data());
  switch (strategy_) {
    case Strategy::gather:
      s.ops[0].cursor.assign(s.bufs.data(), s.bufs.size());
      break;
    case Strategy::coalesce: {
      // The copy is the strategy's cost: it is done per message, on the hot path, on purpose.
      std::uint8_t* dst = s.joined.get();
      for (std::size_t i = 0; i < sizes_.size(); ++i) {
        std::memcpy(dst, s.parts[i].get(), sizes_[i]);
        dst += sizes_[i];
      }
      IoBuf one = make_iobuf(s.joined.get(), message_bytes_);
      s.ops[0].cursor.assign(&one, 1);
      break;
    }
    case Strategy::sequential:
      for (std::size_t i = 0; i < sizes_.size(); ++i) s.ops[i].cursor.assign(&s.bufs[i], 1);
      break;
  }
  for (std::size_t i = 0; i < s.ops.size(); ++i) {
    s.ops[i].bytes = s.ops[i].cursor.remaining();
    s.ops[i].ends_message = i + 1 == s.ops.size();
    s.ops[i].slot = slot_index;
  }
  s.busy = true;
  ++busy_;
}

SendOp* SendStream::next_op() {
  if (at_message_boundary()) {
    // Slots are used round-robin, so messages finish in the order they started.
    unsigned next = slots_.size() == 1 ? 0 : (current_ + 1) % static_cast<unsigned>(slots_.size());
    if (busy_ == 0) next = current_;
    Slot& s = slots_[next];
    if (s.busy) return nullptr;
    current_ = next;
    start_message(s);
    next_op_index_ = 0;
  }
  SendOp* op = &slots_[current_].ops[next_op_index_++];
  offset_ += op->bytes;
  return op;
}

bool SendStream::op_done(SendOp* op) {
  if (!op->ends_message) return false;
  Slot& s = slots_[op->slot];
  s.busy = false;
  --busy_;
  return true;
}

}  // namespace sg
