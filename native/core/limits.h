#pragma once
// Bounds shared by the client, the server and the TypeScript validation (src/constants.ts).
#include <cstddef>
#include <cstdint>

namespace sg {

// Linux UIO_MAXIOV (`getconf IOV_MAX`); Wine passes the WSABUF count straight to sendmsg, so
// 1025 fails there with WSAEMSGSIZE. Checked up front, never discovered mid-run.
inline constexpr std::size_t kMaxBuffers = 1024;
inline constexpr std::uint64_t kMaxMessageBytes = 64ull << 20;
// What one server may hold in receive buffers for all its connections together; a handshake that
// would pass it is refused, so a hostile client cannot make the server allocate without limit.
inline constexpr std::uint64_t kServerMemoryBudget = 1ull << 30;
inline constexpr unsigned kMaxDepth = 256;
// A peer must finish its handshake within this; slow or silent peers are closed.
inline constexpr std::uint64_t kHandshakeTimeoutNs = 5'000'000'000ull;

}  // namespace sg
