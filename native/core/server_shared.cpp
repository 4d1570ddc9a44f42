#include "server_shared.h"

namespace sg {

std::shared_ptr<ServerSession> SessionTable::get(std::uint64_t id) {
  std::lock_guard<std::mutex> g(mu_);
  auto& s = map_[id];
  if (!s) s = std::make_shared<ServerSession>();
  return s;
}

void SessionTable::prune() {
  std::lock_guard<std::mutex> g(mu_);
  for (auto it = map_.begin(); it != map_.end();) {
    if (it->second.use_count() == 1) it = map_.erase(it);
    else ++it;
  }
}

bool MemoryBudget::reserve(std::uint64_t n) {
  std::uint64_t cur = used_.load(std::memory_order_relaxed);
  do {
    if (cur + n > limit_) return false;
  } while (!used_.compare_exchange_weak(cur, cur + n, std::memory_order_relaxed));
  return true;
}

HelloReader::State HelloReader::received(std::size_t n) {
  have_ += n;
  if (have_ < need_) return State::more;
  if (need_ == kHelloFixedBytes) {
    std::size_t total = hello_total_bytes(buf_.data());
    if (total == 0) {
      // Let decode_hello name the problem (bad magic or count).
      decode_hello(buf_.data(), have_, hello_, why_);
      if (why_.empty()) why_ = "malformed handshake";
      return State::bad;
    }
    need_ = total;
    if (have_ < need_) return State::more;
  }
  return decode_hello(buf_.data(), have_, hello_, why_) ? State::done : State::bad;
}

}  // namespace sg
