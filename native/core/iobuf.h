#pragma once
// One buffer type for every vectored call: layout-compatible with `struct iovec` on POSIX and
// `WSABUF` on Windows (the backends static_assert it against the real structs), so an IoBuf array
// is passed to writev/sendmsg/io_uring or WSASend/WSARecv without conversion.
#include <cstddef>
#include <cstdint>

namespace sg {

#ifdef _WIN32
struct IoBuf {
  unsigned long len;  // ULONG
  char* base;
};
#else
struct IoBuf {
  void* base;
  std::size_t len;
};
#endif

inline std::uint8_t* io_data(const IoBuf& b) { return static_cast<std::uint8_t*>(static_cast<void*>(b.base)); }
inline std::size_t io_len(const IoBuf& b) { return b.len; }
inline IoBuf make_iobuf(void* p, std::size_t n) {
  IoBuf b{};
  b.base = static_cast<decltype(b.base)>(p);
  b.len = static_cast<decltype(b.len)>(n);
  return b;
}

}  // namespace sg
