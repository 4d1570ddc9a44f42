#include "uring.h"

#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

namespace sg {

namespace {

int sys_setup(unsigned entries, io_uring_params* p) {
  return static_cast<int>(::syscall(__NR_io_uring_setup, entries, p));
}
int sys_register(int fd, unsigned op, const void* arg, unsigned nr) {
  return static_cast<int>(::syscall(__NR_io_uring_register, fd, op, arg, nr));
}

}  // namespace

Uring::~Uring() { reset(); }

void Uring::reset() {
  if (sqes_) ::munmap(sqes_, sqes_size_);
  if (cq_ring_ && cq_ring_ != sq_ring_) ::munmap(cq_ring_, cq_ring_size_);
  if (sq_ring_) ::munmap(sq_ring_, sq_ring_size_);
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  sq_ring_ = cq_ring_ = nullptr;
  sqes_ = nullptr;
  sq_ring_size_ = cq_ring_size_ = sqes_size_ = 0;
  sqe_tail_ = submitted_tail_ = 0;
  deferred_ = false;
}

IoError Uring::init(unsigned entries) {
  reset();
  io_uring_params p{};
  // More CQ room than SQ: completions of linked chains may pile up between two reaps.
  p.flags = IORING_SETUP_CQSIZE | IORING_SETUP_SINGLE_ISSUER | IORING_SETUP_DEFER_TASKRUN | IORING_SETUP_TASKRUN_FLAG;
  p.cq_entries = entries * 4;
  fd_ = sys_setup(entries, &p);
  if (fd_ < 0 && errno == EINVAL) {
    // Before Linux 6.1 (DEFER_TASKRUN) or 6.0 (SINGLE_ISSUER): task work interrupts the thread.
    p = io_uring_params{};
    p.flags = IORING_SETUP_CQSIZE;
    p.cq_entries = entries * 4;
    fd_ = sys_setup(entries, &p);
  }
  if (fd_ < 0) return posix_error(errno, "io_uring_setup");
  deferred_ = (p.flags & IORING_SETUP_DEFER_TASKRUN) != 0;
  if (!(p.features & IORING_FEAT_SINGLE_MMAP) || !(p.features & IORING_FEAT_NODROP)) {
    return posix_error(ENOSYS, "io_uring_setup", "kernel lacks IORING_FEAT_SINGLE_MMAP/NODROP (needs Linux 5.5+)");
  }
  sq_ring_size_ = p.sq_off.array + p.sq_entries * sizeof(unsigned);
  cq_ring_size_ = p.cq_off.cqes + p.cq_entries * sizeof(io_uring_cqe);
  if (cq_ring_size_ > sq_ring_size_) sq_ring_size_ = cq_ring_size_;
  cq_ring_size_ = sq_ring_size_;
  sq_ring_ = ::mmap(nullptr, sq_ring_size_, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE, fd_, IORING_OFF_SQ_RING);
  if (sq_ring_ == MAP_FAILED) {
    sq_ring_ = nullptr;
    return posix_error(errno, "mmap(io_uring sq ring)");
  }
  cq_ring_ = sq_ring_;
  sqes_size_ = p.sq_entries * sizeof(io_uring_sqe);
  void* sqes = ::mmap(nullptr, sqes_size_, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE, fd_, IORING_OFF_SQES);
  if (sqes == MAP_FAILED) return posix_error(errno, "mmap(io_uring sqes)");
  sqes_ = static_cast<io_uring_sqe*>(sqes);
  char* sq = static_cast<char*>(sq_ring_);
  sq_head_ = reinterpret_cast<unsigned*>(sq + p.sq_off.head);
  sq_tail_ = reinterpret_cast<unsigned*>(sq + p.sq_off.tail);
  sq_flags_ = reinterpret_cast<unsigned*>(sq + p.sq_off.flags);
  sq_mask_ = *reinterpret_cast<unsigned*>(sq + p.sq_off.ring_mask);
  sq_entries_ = p.sq_entries;
  sq_array_ = reinterpret_cast<unsigned*>(sq + p.sq_off.array);
  char* cq = static_cast<char*>(cq_ring_);
  cq_head_ = reinterpret_cast<unsigned*>(cq + p.cq_off.head);
  cq_tail_ = reinterpret_cast<unsigned*>(cq + p.cq_off.tail);
  cq_mask_ = *reinterpret_cast<unsigned*>(cq + p.cq_off.ring_mask);
  cqes_ = reinterpret_cast<io_uring_cqe*>(cq + p.cq_off.cqes);
  sqe_tail_ = submitted_tail_ = *sq_tail_;
  return {};
}

IoError Uring::register_eventfd(int efd) {
  if (sys_register(fd_, IORING_REGISTER_EVENTFD, &efd, 1) < 0) return posix_error(errno, "io_uring_register(EVENTFD)");
  return {};
}

io_uring_sqe* Uring::get_sqe() {
  unsigned head = __atomic_load_n(sq_head_, __ATOMIC_ACQUIRE);
  if (sqe_tail_ - head >= sq_entries_) return nullptr;
  unsigned idx = sqe_tail_ & sq_mask_;
  io_uring_sqe* sqe = &sqes_[idx];
  std::memset(sqe, 0, sizeof *sqe);
  sq_array_[idx] = idx;
  ++sqe_tail_;
  return sqe;
}

IoError Uring::enter(unsigned min_complete, unsigned flags, const void* arg, std::size_t argsz, const char* what) {
  unsigned n = sqe_tail_ - submitted_tail_;
  // Publish the filled SQEs before telling the kernel about them.
  if (n) __atomic_store_n(sq_tail_, sqe_tail_, __ATOMIC_RELEASE);
  for (;;) {
    long r = ::syscall(__NR_io_uring_enter, fd_, n, min_complete, flags, arg, argsz);
    if (r < 0) {
      int e = errno;
      // EINTR/ETIME end a wait (the caller loops); EBUSY/EAGAIN: the completion queue is
      // over-full, the caller reaps and tries again.
      if (e == EINTR && n > 0) continue;
      if (e == EINTR || e == ETIME || e == EBUSY || e == EAGAIN) return {};
      return posix_error(e, what);
    }
    submitted_tail_ += static_cast<unsigned>(r);
    n -= static_cast<unsigned>(r);
    if (n == 0 || r == 0) return {};
  }
}

IoError Uring::submit() {
  if (sqe_tail_ == submitted_tail_) return {};
  return enter(0, 0, nullptr, 0, "io_uring_enter");
}

IoError Uring::get_events() { return enter(0, IORING_ENTER_GETEVENTS, nullptr, 0, "io_uring_enter(GETEVENTS)"); }

IoError Uring::wait_events(std::uint64_t timeout_ns) {
  __kernel_timespec ts{static_cast<long long>(timeout_ns / 1'000'000'000ull),
                       static_cast<long long>(timeout_ns % 1'000'000'000ull)};
  io_uring_getevents_arg arg{};
  arg.ts = reinterpret_cast<std::uint64_t>(&ts);
  return enter(1, IORING_ENTER_GETEVENTS | IORING_ENTER_EXT_ARG, &arg, sizeof arg, "io_uring_enter(GETEVENTS)");
}

// Called after the eventfd was reset (read). The kernel publishes what this checks before it
// signals the eventfd: cq.tail by store-release before the signal, IORING_SQ_TASKRUN (and
// IORING_SQ_CQ_OVERFLOW) by an atomic RMW before it. The signal and our read of the eventfd
// serialise on the eventfd's lock, so if our read consumed a signal, these acquire loads see what
// preceded it; if the signal came later, the eventfd is still set and the wait returns at once.
bool Uring::quiet() const {
  if (__atomic_load_n(cq_tail_, __ATOMIC_ACQUIRE) != *cq_head_) return false;
  unsigned f = __atomic_load_n(sq_flags_, __ATOMIC_ACQUIRE);
  if (f & IORING_SQ_CQ_OVERFLOW) return false;
  if (deferred_ && (f & IORING_SQ_TASKRUN)) return false;
  return true;
}

bool uring_probe(std::string& reason) {
  io_uring_params p{};
  int fd = sys_setup(4, &p);
  if (fd < 0) {
    int err = errno;
    reason = std::string("io_uring_setup failed: ") + strerrorname_np(err) + " (" + std::to_string(err) + ", " +
             strerror(err) + ")";
    if (err == EPERM) reason += "; io_uring is disabled (sysctl kernel.io_uring_disabled) or blocked by seccomp";
    if (err == ENOSYS) reason += "; this kernel was built without io_uring";
    return false;
  }
  ::close(fd);
  return true;
}

}  // namespace sg
