#pragma once
// A minimal io_uring through the kernel's own interface (<linux/io_uring.h> and raw syscalls):
// no liburing, so installing sgbench needs no system library.
//
// Memory ordering (the ring is shared with the kernel):
//  - SQ: we fill an SQE, then publish it with a store-release of sq.tail; the kernel's
//    store-release of sq.head is read with load-acquire before reusing a slot.
//  - CQ: load-acquire of cq.tail makes the kernel's CQE writes visible; after reading CQEs we
//    hand the slots back with a store-release of cq.head.
//
// Task work: a ring is used by exactly one thread, the one that calls init(). Where the kernel
// has them (Linux 6.1+), init() sets IORING_SETUP_SINGLE_ISSUER | IORING_SETUP_DEFER_TASKRUN:
// the kernel then never interrupts the thread to finish an operation (no TWA_SIGNAL, no IPI);
// finished socket operations queue deferred work that only runs inside
// io_uring_enter(IORING_ENTER_GETEVENTS), in batches. Queuing the first such item signals the
// registered eventfd (io_req_local_work_add() in io_uring/io_uring.c, io_uring/tw.c on newer
// kernels), so an eventfd waiter still wakes; it must then call get_events() before reaping,
// because the completions are only posted by that call. Consequences for callers:
//  - only the thread that called init() may submit or reap (others get EEXIST); other threads
//    may only write the eventfd;
//  - after a wake-up: reset the eventfd, then get_events(), then reap (see quiet()).
#include <linux/io_uring.h>

#include <cstdint>

#include "../../core/error.h"

namespace sg {

class Uring {
 public:
  Uring() = default;
  Uring(const Uring&) = delete;
  Uring& operator=(const Uring&) = delete;
  ~Uring();

  // Creates the ring for the calling thread (see "Task work" above).
  IoError init(unsigned entries);
  // Unmaps and closes the ring so that init() may create a new one (for another thread).
  void reset();
  // Whether the kernel defers task work to get_events() (IORING_SETUP_DEFER_TASKRUN).
  bool deferred() const { return deferred_; }
  // The ring signals `efd` (an eventfd) each time it posts a completion: the analogue of
  // WSAOVERLAPPED.hEvent. One signal may stand for several completions.
  IoError register_eventfd(int efd);

  // A zeroed SQE to fill, or nullptr when the submission queue is full (submit first).
  io_uring_sqe* get_sqe();
  // Hands every SQE filled since the last call to the kernel. Returns how many it took.
  IoError submit();
  // Submits what is pending and runs the ring's deferred work, posting the completions it
  // finishes, without waiting (io_uring_enter with IORING_ENTER_GETEVENTS, min_complete 0).
  IoError get_events();
  // Blocks in the ring until at least one completion is posted or `timeout_ns` passes; submits
  // what is pending first. Used by the completion-port model, which has no eventfd.
  IoError wait_events(std::uint64_t timeout_ns);
  // Whether a waiter may sleep now: nothing is posted and, with deferred task work, nothing is
  // queued to run. Call it only after resetting the eventfd (see the .cpp for the ordering).
  bool quiet() const;
  unsigned pending_submissions() const { return sqe_tail_ - submitted_tail_; }

  // Calls f(user_data, res, flags) for each posted completion, oldest first; returns the count.
  template <typename F>
  unsigned reap(F&& f) {
    unsigned head = *cq_head_;
    unsigned tail = __atomic_load_n(cq_tail_, __ATOMIC_ACQUIRE);
    unsigned n = 0;
    while (head != tail) {
      const io_uring_cqe& cqe = cqes_[head & cq_mask_];
      f(cqe.user_data, cqe.res, cqe.flags);
      ++head;
      ++n;
    }
    __atomic_store_n(cq_head_, head, __ATOMIC_RELEASE);
    return n;
  }

  unsigned sq_entries() const { return sq_entries_; }
  int fd() const { return fd_; }

 private:
  int fd_ = -1;
  void* sq_ring_ = nullptr;
  void* cq_ring_ = nullptr;
  std::size_t sq_ring_size_ = 0, cq_ring_size_ = 0;
  io_uring_sqe* sqes_ = nullptr;
  std::size_t sqes_size_ = 0;
  unsigned* sq_head_ = nullptr;
  unsigned* sq_tail_ = nullptr;
  unsigned* sq_array_ = nullptr;
  unsigned* sq_flags_ = nullptr;
  unsigned sq_mask_ = 0, sq_entries_ = 0;
  unsigned* cq_head_ = nullptr;
  unsigned* cq_tail_ = nullptr;
  io_uring_cqe* cqes_ = nullptr;
  unsigned cq_mask_ = 0;
  unsigned sqe_tail_ = 0;       // SQEs handed out by get_sqe()
  unsigned submitted_tail_ = 0;  // SQEs the kernel has taken
  bool deferred_ = false;
  IoError enter(unsigned min_complete, unsigned flags, const void* arg, std::size_t argsz, const char* what);
};

// Whether this kernel lets us create a ring; the reason names the error when it does not
// (ENOSYS: no io_uring; EPERM: kernel.io_uring_disabled or a seccomp filter).
bool uring_probe(std::string& reason);

}  // namespace sg
