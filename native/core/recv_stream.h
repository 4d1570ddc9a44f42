#pragma once
// The receiving side of one connection: a receive shape (the sender's N buffers mirrored, or one
// buffer), each buffer its own allocation, and the stream offset of the next byte.
//   sink  every receive call offers the whole array; whatever arrives is counted (and verified).
//   echo  receives fill exactly one message (resuming mid-array on short receives); the filled
//         array is then what goes back to the sender.
#include <cstdint>
#include <memory>
#include <vector>

#include "io_cursor.h"

namespace sg {

class RecvStream {
 public:
  // message_bytes = 0: sink framing; otherwise echo framing of that many bytes a message.
  void init(const std::vector<std::uint32_t>& sizes, bool verify, std::uint64_t message_bytes);

  // The cursor for the next receive call. Sink: the whole array. Echo: what is left of the
  // current message (a fresh message once the previous one was taken by take_message()).
  IoCursor& arm();
  // Accounts n > 0 bytes that the last call placed at the armed cursor: verifies them, advances.
  // Returns false on a pattern mismatch (bad_offset() tells where).
  bool received(std::size_t n);
  // Echo: a whole message is in the buffers.
  bool message_complete() const { return message_bytes_ != 0 && cursor_.done() && armed_message_; }
  // Echo: the received message as an array to send back; the next arm() starts a new message.
  void message_iov(IoCursor& out);
  void take_message() { armed_message_ = false; }
  // Sink framing: the first n bytes of the array, where the last receive put them.
  void chunk_iov(IoCursor& out, std::size_t n) { out.assign_prefix(bufs_.data(), bufs_.size(), n); }

  std::uint64_t offset() const { return offset_; }
  std::int64_t bad_offset() const { return bad_offset_; }
  std::size_t buffer_count() const { return bufs_.size(); }
  std::uint64_t allocated_bytes() const { return allocated_; }

 private:
  std::vector<std::unique_ptr<std::uint8_t[]>> parts_;
  std::vector<IoBuf> bufs_;
  IoCursor cursor_;
  bool verify_ = false;
  bool armed_message_ = false;
  std::uint64_t message_bytes_ = 0;
  std::uint64_t offset_ = 0;
  std::uint64_t allocated_ = 0;
  std::int64_t bad_offset_ = -1;
};

}  // namespace sg
