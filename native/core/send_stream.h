#pragma once
// The sending side of one connection: the N source buffers of a message (each its own
// allocation, scattered in memory like real packet fragments) and how a strategy turns one
// message into send operations:
//   gather      one op over all N buffers (writev / WSASend with WSABUF[N])
//   coalesce    memcpy of the N buffers into one contiguous buffer, one op
//   sequential  N ops of one buffer each
// Several messages may be in flight at once (depth): each lives in its own slot with its own
// buffers, which stay untouched until the message has completed.
#include <cstdint>
#include <memory>
#include <vector>

#include "io_cursor.h"
#include "spec.h"

namespace sg {

struct SendOp {
  IoCursor cursor;           // what is left to send of this op
  std::size_t bytes = 0;     // the op's full size
  bool ends_message = false;
  unsigned slot = 0;
};

class SendStream {
 public:
  void init(const std::vector<std::uint32_t>& sizes, Strategy strategy, bool verify, unsigned slots);

  std::uint64_t message_bytes() const { return message_bytes_; }
  std::size_t ops_per_message() const { return ops_per_message_; }
  // True between messages: the next next_op() would start a new message.
  bool at_message_boundary() const { return next_op_index_ == ops_per_message_; }
  // Slots whose messages have not finished yet.
  unsigned busy_slots() const { return busy_; }
  // Stream offset of the first byte not yet handed out in an op.
  std::uint64_t offset() const { return offset_; }

  // The next op in stream order. At a message boundary this starts a new message in a free slot
  // (writing the pattern for its stream offset when verifying, copying for `coalesce`); returns
  // nullptr when every slot is busy. The op stays valid until op_done() is called on it.
  SendOp* next_op();
  // Marks an op whose cursor is done; returns true when it completed its message.
  bool op_done(SendOp* op);

 private:
  struct Slot {
    std::vector<std::unique_ptr<std::uint8_t[]>> parts;  // one allocation per source buffer
    std::vector<IoBuf> bufs;
    std::unique_ptr<std::uint8_t[]> joined;  // coalesce target
    std::vector<SendOp> ops;
    bool busy = false;
  };
  void start_message(Slot& s);

  std::vector<std::uint32_t> sizes_;
  Strategy strategy_ = Strategy::gather;
  bool verify_ = false;
  std::vector<Slot> slots_;
  unsigned current_ = 0;  // slot of the message being handed out
  std::size_t next_op_index_ = 0;
  std::size_t ops_per_message_ = 0;
  std::uint64_t message_bytes_ = 0;
  std::uint64_t offset_ = 0;
  unsigned busy_ = 0;
};

}  // namespace sg
