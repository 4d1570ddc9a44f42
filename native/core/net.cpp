// The parts of net.h written once, over the platform's steps.
#include "net.h"

namespace sg {

namespace {

template <typename Byte, typename Step>
IoError transfer_all(Socket s, Byte* p, std::size_t n, std::uint64_t deadline_ns, Step step) {
  while (n > 0) {
    std::size_t moved = 0;
    IoError err;
    IoStatus st = step(s, p, n, deadline_ns, moved, err);
    if (st == IoStatus::failed || st == IoStatus::closed) return err;
    p += moved;
    n -= moved;
  }
  return {};
}

}  // namespace

IoError send_all(Socket s, const void* p, std::size_t n, std::uint64_t deadline_ns) {
  return transfer_all(s, static_cast<const char*>(p), n, deadline_ns, send_some);
}

IoError recv_all(Socket s, void* p, std::size_t n, std::uint64_t deadline_ns) {
  return transfer_all(s, static_cast<char*>(p), n, deadline_ns, recv_some);
}

}  // namespace sg
