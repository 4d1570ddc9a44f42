#pragma once
// Platform-independent parts of the event-based server: sessions (the data connections and the
// control connection of one client cell), the memory budget, the handshake reader and the
// attribution of the server threads' CPU time to sessions.
#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "limits.h"
#include "protocol.h"

namespace sg {

// Something that can be woken from another thread (an event loop).
class Wakeable {
 public:
  virtual void wake() = 0;

 protected:
  ~Wakeable() = default;
};

struct ServerSession {
  std::atomic<std::uint64_t> received{0};
  // Reverse/bidir: bytes the server's sends moved on this session's connections.
  std::atomic<std::uint64_t> sent{0};
  // CPU time of the server threads spent on this session (CpuAttribution), so that a client is
  // not charged for another client the server serves at the same time.
  std::atomic<std::uint64_t> cpu_ns{0};
  std::atomic<std::int64_t> bad_offset{-1};
  std::atomic<std::uint32_t> bad_connection{0};
  std::atomic<std::uint32_t> next_connection{0};
  // A pending report: the loop of the control connection waits until `received` reaches
  // `target`. Data loops wake it when they cross it.
  std::atomic<std::uint64_t> target{UINT64_MAX};
  std::atomic<Wakeable*> waiter{nullptr};

  // Called by a data loop after receiving n bytes.
  void add_received(std::uint64_t n) {
    // seq_cst pairs with arm_report(): either this add sees the new target, or the control loop's
    // re-check after publishing the target sees this add. (Store-load ordering: Dekker.)
    std::uint64_t now = received.fetch_add(n, std::memory_order_seq_cst) + n;
    if (now >= target.load(std::memory_order_seq_cst)) {
      if (Wakeable* w = waiter.load(std::memory_order_acquire)) w->wake();
    }
  }
  // Called by the control loop; returns true if the target is already reached.
  bool arm_report(std::uint64_t t, Wakeable* loop) {
    waiter.store(loop, std::memory_order_release);
    target.store(t, std::memory_order_seq_cst);
    return received.load(std::memory_order_seq_cst) >= t;
  }
  void disarm_report() { target.store(UINT64_MAX, std::memory_order_seq_cst); }
  void record_bad(std::int64_t offset, std::uint32_t conn) {
    std::int64_t none = -1;
    if (bad_offset.compare_exchange_strong(none, offset)) bad_connection.store(conn);
  }
};

// Sessions by id. The table holds them weakly: a session lives as long as one of its
// connections does, so a long-running server does not keep every finished cell.
class SessionTable {
 public:
  std::shared_ptr<ServerSession> get(std::uint64_t id);
  // Sessions still held by some connection (expired entries are dropped as the table is used).
  std::size_t live();

 private:
  std::mutex mu_;
  std::unordered_map<std::uint64_t, std::weak_ptr<ServerSession>> map_;
  std::uint64_t gets_ = 0;
};

// Receive buffers held by all connections together, bounded.
class MemoryBudget {
 public:
  explicit MemoryBudget(std::uint64_t limit) : limit_(limit) {}
  bool reserve(std::uint64_t n);
  void release(std::uint64_t n) { used_.fetch_sub(n, std::memory_order_relaxed); }
  std::uint64_t used() const { return used_.load(std::memory_order_relaxed); }
  std::uint64_t limit() const { return limit_; }

 private:
  std::uint64_t limit_;
  std::atomic<std::uint64_t> used_{0};
};

// Accumulates a handshake that may arrive in any number of pieces, without ever holding more
// than kHelloMaxBytes.
class HelloReader {
 public:
  // Where the next receive should write, and how much.
  std::uint8_t* want_ptr() { return buf_.data() + have_; }
  std::size_t want_len() const { return need_ - have_; }
  enum class State { more, done, bad };
  // Accounts n bytes written at want_ptr(). On `done`, hello() is valid; on `bad`, why().
  State received(std::size_t n);
  const Hello& hello() const { return hello_; }
  const std::string& why() const { return why_; }

 private:
  std::vector<std::uint8_t> buf_ = std::vector<std::uint8_t>(kHelloMaxBytes);
  std::size_t have_ = 0;
  std::size_t need_ = kHelloFixedBytes;
  Hello hello_;
  std::string why_;
};

// Charges one event-loop thread's CPU time to the sessions it served. The loop calls touched()
// for every completion it handles and settle() whenever it reads its thread's CPU clock: the CPU
// used since the previous settle() is split over the sessions touched in between, in proportion
// to the bytes each moved (evenly when none moved). With one client at a time this is exactly
// the loop's CPU time; with several it is an apportionment over windows of about a millisecond.
// Time with no session touched (accepting, refusing handshakes) is charged to nobody.
class CpuAttribution {
 public:
  void touched(const std::shared_ptr<ServerSession>& s, std::uint64_t bytes);
  void settle(std::uint64_t thread_cpu_now_ns);

 private:
  struct Share {
    std::shared_ptr<ServerSession> session;  // kept alive until settled
    std::uint64_t bytes;
  };
  std::vector<Share> shares_;
  std::uint64_t last_ns_ = 0;
  bool started_ = false;
};

}  // namespace sg
