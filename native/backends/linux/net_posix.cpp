// POSIX definitions of core/net.h, core/clock.h's thread clock and the errno names of core/error.h.
#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>
#include <cstddef>
#include <thread>

#include "../../core/clock.h"
#include "../../core/iobuf.h"
#include "../../core/net.h"

namespace sg {

static_assert(sizeof(IoBuf) == sizeof(struct iovec), "IoBuf must be layout-compatible with iovec");
static_assert(offsetof(IoBuf, base) == offsetof(struct iovec, iov_base), "IoBuf::base must be iov_base");
static_assert(offsetof(IoBuf, len) == offsetof(struct iovec, iov_len), "IoBuf::len must be iov_len");

std::uint64_t thread_cpu_ns() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<std::uint64_t>(ts.tv_sec) * 1'000'000'000ull + static_cast<std::uint64_t>(ts.tv_nsec);
}

std::string platform_error_name(const IoError& e) {
  const char* n = strerrorname_np(e.code);
  if (n) return n;
  std::string unknown = "E";
  unknown += std::to_string(e.code);
  return unknown;
}

// errno names are already the portable names.
std::string platform_portable_name(const IoError& e) { return platform_error_name(e); }

IoError net_init() { return {}; }

static int fd_of(Socket s) { return static_cast<int>(s); }

static int wait_fd(int fd, short events, std::uint64_t deadline_ns) {
  for (;;) {
    std::uint64_t now = now_ns();
    if (now >= deadline_ns) return 0;
    std::uint64_t left_ms = (deadline_ns - now + 999'999) / 1'000'000;
    pollfd p{fd, events, 0};
    int r = ::poll(&p, 1, static_cast<int>(left_ms > 60'000 ? 60'000 : left_ms));
    if (r < 0 && errno == EINTR) continue;
    if (r != 0) return r;
  }
}

IoError tcp_connect(const std::string& host, std::uint16_t port, std::uint64_t timeout_ns, Socket& out, int sndbuf,
                    int rcvbuf) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* res = nullptr;
  std::string service = std::to_string(port);
  int g = getaddrinfo(host.c_str(), service.c_str(), &hints, &res);
  if (g != 0) return posix_error(EHOSTUNREACH, "getaddrinfo", host + ": " + gai_strerror(g));
  IoError last = posix_error(EHOSTUNREACH, "connect", host);
  const std::uint64_t deadline = now_ns() + timeout_ns;
  for (addrinfo* a = res; a; a = a->ai_next) {
    int fd = ::socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC | SOCK_NONBLOCK, a->ai_protocol);
    if (fd < 0) {
      last = posix_error(errno, "socket");
      continue;
    }
    if (IoError e = set_buffer_sizes(fd, sndbuf, rcvbuf)) {
      ::close(fd);
      freeaddrinfo(res);
      return e;
    }
    int r = ::connect(fd, a->ai_addr, a->ai_addrlen);
    if (r < 0 && errno == EINPROGRESS) {
      if (wait_fd(fd, POLLOUT, deadline) == 0) {
        last = posix_error(ETIMEDOUT, "connect", host + ":" + service);
        ::close(fd);
        continue;
      }
      int soerr = 0;
      socklen_t len = sizeof soerr;
      getsockopt(fd, SOL_SOCKET, SO_ERROR, &soerr, &len);
      r = soerr ? -1 : 0;
      errno = soerr;
    }
    if (r < 0) {
      last = posix_error(errno, "connect", host + ":" + service);
      ::close(fd);
      continue;
    }
    int flags = fcntl(fd, F_GETFL);
    fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
    freeaddrinfo(res);
    out = fd;
    return {};
  }
  freeaddrinfo(res);
  return last;
}

IoError tcp_listen(const std::string& host, std::uint16_t port, int backlog, Socket& out, std::uint16_t& bound_port) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE;
  addrinfo* res = nullptr;
  std::string service = std::to_string(port);
  int g = getaddrinfo(host.c_str(), service.c_str(), &hints, &res);
  if (g != 0) return posix_error(EADDRNOTAVAIL, "getaddrinfo", host + ": " + gai_strerror(g));
  int fd = ::socket(res->ai_family, res->ai_socktype | SOCK_CLOEXEC, res->ai_protocol);
  if (fd < 0) {
    freeaddrinfo(res);
    return posix_error(errno, "socket");
  }
  int one = 1;
  setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  if (::bind(fd, res->ai_addr, res->ai_addrlen) < 0) {
    int err = errno;
    freeaddrinfo(res);
    ::close(fd);
    return posix_error(err, "bind", host + ":" + service);
  }
  freeaddrinfo(res);
  if (::listen(fd, backlog) < 0) {
    int err = errno;
    ::close(fd);
    return posix_error(err, "listen");
  }
  sockaddr_storage ss{};
  socklen_t len = sizeof ss;
  getsockname(fd, reinterpret_cast<sockaddr*>(&ss), &len);
  bound_port = ntohs(ss.ss_family == AF_INET6 ? reinterpret_cast<sockaddr_in6*>(&ss)->sin6_port
                                              : reinterpret_cast<sockaddr_in*>(&ss)->sin_port);
  out = fd;
  return {};
}

IoError tcp_accept(Socket listener, std::uint64_t timeout_ns, Socket& out) {
  out = kNoSocket;
  if (wait_fd(fd_of(listener), POLLIN, now_ns() + timeout_ns) == 0) return {};
  int fd = ::accept4(fd_of(listener), nullptr, nullptr, SOCK_CLOEXEC);
  if (fd < 0) {
    // The connection may have gone away between poll and accept; that is not a server fault.
    if (errno == EAGAIN || errno == ECONNABORTED || errno == EINTR) return {};
    return posix_error(errno, "accept");
  }
  out = fd;
  return {};
}

IoError set_nodelay(Socket s, bool on) {
  int v = on ? 1 : 0;
  if (setsockopt(fd_of(s), IPPROTO_TCP, TCP_NODELAY, &v, sizeof v) < 0) return posix_error(errno, "setsockopt(TCP_NODELAY)");
  return {};
}

IoError set_buffer_sizes(Socket s, int sndbuf, int rcvbuf) {
  if (sndbuf > 0 && setsockopt(fd_of(s), SOL_SOCKET, SO_SNDBUF, &sndbuf, sizeof sndbuf) < 0) {
    return posix_error(errno, "setsockopt(SO_SNDBUF)");
  }
  if (rcvbuf > 0 && setsockopt(fd_of(s), SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof rcvbuf) < 0) {
    return posix_error(errno, "setsockopt(SO_RCVBUF)");
  }
  return {};
}

IoError set_nonblocking(Socket s, bool on) {
  int flags = fcntl(fd_of(s), F_GETFL);
  if (flags < 0) return posix_error(errno, "fcntl");
  flags = on ? (flags | O_NONBLOCK) : (flags & ~O_NONBLOCK);
  if (fcntl(fd_of(s), F_SETFL, flags) < 0) return posix_error(errno, "fcntl");
  return {};
}

IoError set_io_timeout(Socket s, std::uint64_t timeout_ns) {
  timeval tv{};
  tv.tv_sec = static_cast<time_t>(timeout_ns / 1'000'000'000ull);
  tv.tv_usec = static_cast<suseconds_t>((timeout_ns % 1'000'000'000ull) / 1000);
  if (setsockopt(fd_of(s), SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv) < 0) return posix_error(errno, "setsockopt(SO_SNDTIMEO)");
  if (setsockopt(fd_of(s), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv) < 0) return posix_error(errno, "setsockopt(SO_RCVTIMEO)");
  return {};
}

const char* const kSendVectoredCall = "writev";
const char* const kRecvVectoredCall = "readv";

// What a call that returned r did. A blocking call that hits SO_SNDTIMEO/SO_RCVTIMEO fails with
// EAGAIN, as a non-blocking one that is not ready does; the caller knows which its socket is.
static IoStatus outcome(ssize_t r, const char* call, std::size_t& n, IoError& err) {
  if (r >= 0) {
    n = static_cast<std::size_t>(r);
    return IoStatus::moved;
  }
  if (errno == EINTR) return IoStatus::interrupted;
  if (errno == EAGAIN || errno == EWOULDBLOCK) return IoStatus::would_block;
  err = posix_error(errno, call);
  return IoStatus::failed;
}

static IoStatus peer_closed(const char* call, IoError& err) {
  err = posix_error(ECONNRESET, call, "peer closed the connection");
  return IoStatus::closed;
}

IoStatus send_vectored(Socket s, const IoBuf* bufs, std::size_t count, std::size_t& n, IoError& err) {
  ssize_t r = ::writev(fd_of(s), reinterpret_cast<const iovec*>(bufs), static_cast<int>(count));
  return outcome(r, kSendVectoredCall, n, err);
}

IoStatus recv_vectored(Socket s, IoBuf* bufs, std::size_t count, std::size_t& n, IoError& err) {
  ssize_t r = ::readv(fd_of(s), reinterpret_cast<const iovec*>(bufs), static_cast<int>(count));
  if (r == 0) return peer_closed(kRecvVectoredCall, err);
  return outcome(r, kRecvVectoredCall, n, err);
}

IoStatus send_some(Socket s, const char* p, std::size_t n, std::uint64_t deadline_ns, std::size_t& moved, IoError& err) {
  if (wait_fd(fd_of(s), POLLOUT, deadline_ns) == 0) {
    err = posix_error(ETIMEDOUT, "send");
    return IoStatus::failed;
  }
  return outcome(::send(fd_of(s), p, n, MSG_NOSIGNAL | MSG_DONTWAIT), "send", moved, err);
}

IoStatus recv_some(Socket s, char* p, std::size_t n, std::uint64_t deadline_ns, std::size_t& moved, IoError& err) {
  if (wait_fd(fd_of(s), POLLIN, deadline_ns) == 0) {
    err = posix_error(ETIMEDOUT, "recv");
    return IoStatus::failed;
  }
  ssize_t r = ::recv(fd_of(s), p, n, MSG_DONTWAIT);
  if (r == 0) return peer_closed("recv", err);
  return outcome(r, "recv", moved, err);
}

void socket_shutdown(Socket s) {
  if (s != kNoSocket) ::shutdown(fd_of(s), SHUT_RDWR);
}

void socket_close(Socket s) {
  if (s != kNoSocket) ::close(fd_of(s));
}

bool pin_thread_to_cpu(int cpu) {
  cpu_set_t set;
  CPU_ZERO(&set);
  CPU_SET(cpu, &set);
  return pthread_setaffinity_np(pthread_self(), sizeof set, &set) == 0;
}

unsigned hardware_threads() {
  unsigned n = std::thread::hardware_concurrency();
  return n ? n : 1;
}

}  // namespace sg
