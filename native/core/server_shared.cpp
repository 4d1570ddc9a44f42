#include "server_shared.h"

namespace sg {

std::shared_ptr<ServerSession> SessionTable::get(std::uint64_t id) {
  std::lock_guard<std::mutex> g(mu_);
  // Every so often, drop the entries of sessions whose connections have all closed.
  if (++gets_ % 256 == 0) std::erase_if(map_, [](const auto& kv) { return kv.second.expired(); });
  std::weak_ptr<ServerSession>& w = map_[id];
  std::shared_ptr<ServerSession> s = w.lock();
  if (!s) {
    s = std::make_shared<ServerSession>();
    w = s;
  }
  return s;
}

std::size_t SessionTable::live() {
  std::lock_guard<std::mutex> g(mu_);
  std::erase_if(map_, [](const auto& kv) { return kv.second.expired(); });
  return map_.size();
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
