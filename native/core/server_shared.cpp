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

void CpuAttribution::touched(const std::shared_ptr<ServerSession>& s, std::uint64_t bytes) {
  if (!s) return;
  // Completions come in runs per connection: merge a run into one share without a copy of the
  // pointer (an atomic increment) per completion.
  if (!shares_.empty() && shares_.back().session == s) {
    shares_.back().bytes += bytes;
    return;
  }
  // Few sessions share a loop; past a handful, duplicates are cheaper than the search.
  if (shares_.size() <= 16) {
    for (Share& sh : shares_) {
      if (sh.session != s) continue;
      sh.bytes += bytes;
      return;
    }
  }
  shares_.push_back(Share{s, bytes});
}

void CpuAttribution::settle(std::uint64_t now) {
  if (!started_) {
    started_ = true;
    last_ns_ = now;
  }
  const std::uint64_t used = now > last_ns_ ? now - last_ns_ : 0;
  last_ns_ = now;
  if (shares_.empty()) return;
  std::uint64_t total = 0;
  for (const Share& sh : shares_) total += sh.bytes;
  for (const Share& sh : shares_) {
    const std::uint64_t part = total ? static_cast<std::uint64_t>(static_cast<long double>(used) * sh.bytes / total)
                                     : used / shares_.size();
    sh.session->cpu_ns.fetch_add(part, std::memory_order_relaxed);
  }
  shares_.clear();
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
