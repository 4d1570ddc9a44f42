#pragma once
// Sockets and threads, declared once, defined per platform (backends/linux/net_posix.cpp,
// backends/win/net_winsock.cpp). Blocking helpers here serve connection setup, the handshake and
// the control channel; send_vectored()/recv_vectored() serve the data path of the models that
// call the socket directly (blocking, readiness).
#include <cstddef>
#include <cstdint>
#include <string>

#include "error.h"
#include "iobuf.h"

namespace sg {

// A socket handle wide enough for both `int` fds and Windows `SOCKET` (UINT_PTR).
using Socket = std::intptr_t;
inline constexpr Socket kNoSocket = -1;

// Once per process (WSAStartup on Windows; nothing on POSIX).
IoError net_init();

// sndbuf/rcvbuf > 0 are applied before connect(): a receive buffer shrunk on an established
// connection can be smaller than the window already advertised, and the peer's segments beyond it
// are dropped and retransmitted without end (seen on loopback with a 4 KiB SO_RCVBUF).
IoError tcp_connect(const std::string& host, std::uint16_t port, std::uint64_t timeout_ns, Socket& out,
                    int sndbuf = 0, int rcvbuf = 0);
// Binds and listens; port 0 picks an ephemeral port, reported in bound_port.
IoError tcp_listen(const std::string& host, std::uint16_t port, int backlog, Socket& out, std::uint16_t& bound_port);
// Waits up to timeout_ns for a connection; returns kNoSocket in `out` on timeout.
IoError tcp_accept(Socket listener, std::uint64_t timeout_ns, Socket& out);

IoError set_nodelay(Socket s, bool on);
IoError set_buffer_sizes(Socket s, int sndbuf, int rcvbuf);
IoError set_nonblocking(Socket s, bool on);
// Bounds blocking send/recv calls (SO_SNDTIMEO/SO_RCVTIMEO); a call that times out fails.
IoError set_io_timeout(Socket s, std::uint64_t timeout_ns);

// Blocking, with a deadline on the monotonic clock (now_ns()). ETIMEDOUT when it passes.
// Written once (core/net.cpp) over send_some()/recv_some().
IoError send_all(Socket s, const void* p, std::size_t n, std::uint64_t deadline_ns);
// ECONNRESET-style errors as they come; a clean close before n bytes is reported as
// ECONNRESET with the detail "peer closed".
IoError recv_all(Socket s, void* p, std::size_t n, std::uint64_t deadline_ns);

// What one vectored call did. Never retried inside: the caller counts every call it makes.
enum class IoStatus {
  moved,        // `n` > 0 bytes moved; fewer than offered is a short completion
  interrupted,  // a signal came first (EINTR, WSAEINTR): nothing moved, call again
  would_block,  // EAGAIN, WSAEWOULDBLOCK: a non-blocking socket is not ready, or (POSIX) a
                // blocking call hit SO_SNDTIMEO/SO_RCVTIMEO
  closed,       // a receive found the peer's close: `err` is ECONNRESET with that detail
  failed,       // `err` holds the call's error
};
// One writev() (POSIX) or WSASend() without overlapped (Windows) of the whole array.
IoStatus send_vectored(Socket s, const IoBuf* bufs, std::size_t count, std::size_t& n, IoError& err);
// One readv() or WSARecv() without overlapped into the whole array.
IoStatus recv_vectored(Socket s, IoBuf* bufs, std::size_t count, std::size_t& n, IoError& err);
// The calls behind them, as their errors name them ("writev"/"readv", "WSASend"/"WSARecv").
extern const char* const kSendVectoredCall;
extern const char* const kRecvVectoredCall;

// One step of send_all()/recv_all(): waits until the socket is ready or the deadline passes
// (failed, ETIMEDOUT), then one send()/recv() of up to n bytes that does not wait. Errors name
// "send" or "recv".
IoStatus send_some(Socket s, const char* p, std::size_t n, std::uint64_t deadline_ns, std::size_t& moved, IoError& err);
IoStatus recv_some(Socket s, char* p, std::size_t n, std::uint64_t deadline_ns, std::size_t& moved, IoError& err);

// Stops all traffic on the socket so that any call blocked on it returns.
void socket_shutdown(Socket s);
void socket_close(Socket s);

// Pins the calling thread to one CPU; returns false if the platform refused.
bool pin_thread_to_cpu(int cpu);
unsigned hardware_threads();

}  // namespace sg
