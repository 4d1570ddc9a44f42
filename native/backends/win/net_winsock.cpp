// Windows definitions of core/net.h, core/clock.h's thread clock and the error names of
// core/error.h (WSA and Win32 codes to their own names and to portable Node-style names, and the
// errno values the core itself reports).
#include <cerrno>
#include <cstddef>
#include <mutex>
#include <thread>

#include "../../core/clock.h"
#include "win_io.h"

namespace sg {

// One buffer type for every vectored call: IoBuf arrays go to WSASend/WSARecv as WSABUF arrays.
static_assert(sizeof(IoBuf) == sizeof(WSABUF), "IoBuf must be layout-compatible with WSABUF");
static_assert(offsetof(IoBuf, len) == offsetof(WSABUF, len), "IoBuf::len must be WSABUF::len");
static_assert(offsetof(IoBuf, base) == offsetof(WSABUF, buf), "IoBuf::base must be WSABUF::buf");
static_assert(sizeof(Socket) >= sizeof(SOCKET), "Socket must hold a SOCKET");

std::uint64_t thread_cpu_ns() {
  // GetThreadTimes counts in 100 ns units (FILETIME); the resolution is the scheduler tick.
  FILETIME created, exited, kernel, user;
  if (!GetThreadTimes(GetCurrentThread(), &created, &exited, &kernel, &user)) return 0;
  auto ticks = [](const FILETIME& f) {
    return (static_cast<std::uint64_t>(f.dwHighDateTime) << 32) | f.dwLowDateTime;
  };
  return (ticks(kernel) + ticks(user)) * 100;
}

namespace {

struct Name {
  int code;
  const char* raw;
  const char* portable;
};

#define SG_WSA(c, p) {c, #c, p}
constexpr Name kWsaNames[] = {
    SG_WSA(WSAEINTR, "EINTR"),
    SG_WSA(WSAEBADF, "EBADF"),
    SG_WSA(WSAEACCES, "EACCES"),
    SG_WSA(WSAEFAULT, "EFAULT"),
    SG_WSA(WSAEINVAL, "EINVAL"),
    SG_WSA(WSAEMFILE, "EMFILE"),
    SG_WSA(WSAEWOULDBLOCK, "EAGAIN"),
    SG_WSA(WSAEINPROGRESS, "EINPROGRESS"),
    SG_WSA(WSAEALREADY, "EALREADY"),
    SG_WSA(WSAENOTSOCK, "ENOTSOCK"),
    SG_WSA(WSAEDESTADDRREQ, "EDESTADDRREQ"),
    SG_WSA(WSAEMSGSIZE, "EMSGSIZE"),
    SG_WSA(WSAEPROTOTYPE, "EPROTOTYPE"),
    SG_WSA(WSAENOPROTOOPT, "ENOPROTOOPT"),
    SG_WSA(WSAEPROTONOSUPPORT, "EPROTONOSUPPORT"),
    SG_WSA(WSAESOCKTNOSUPPORT, "ESOCKTNOSUPPORT"),
    SG_WSA(WSAEOPNOTSUPP, "ENOTSUP"),
    SG_WSA(WSAEPFNOSUPPORT, "EPFNOSUPPORT"),
    SG_WSA(WSAEAFNOSUPPORT, "EAFNOSUPPORT"),
    SG_WSA(WSAEADDRINUSE, "EADDRINUSE"),
    SG_WSA(WSAEADDRNOTAVAIL, "EADDRNOTAVAIL"),
    SG_WSA(WSAENETDOWN, "ENETDOWN"),
    SG_WSA(WSAENETUNREACH, "ENETUNREACH"),
    SG_WSA(WSAENETRESET, "ECONNRESET"),
    SG_WSA(WSAECONNABORTED, "ECONNABORTED"),
    SG_WSA(WSAECONNRESET, "ECONNRESET"),
    SG_WSA(WSAENOBUFS, "ENOBUFS"),
    SG_WSA(WSAEISCONN, "EISCONN"),
    SG_WSA(WSAENOTCONN, "ENOTCONN"),
    // A send after shutdown(SD_SEND): POSIX reports EPIPE for the same condition (as libuv does).
    SG_WSA(WSAESHUTDOWN, "EPIPE"),
    SG_WSA(WSAETOOMANYREFS, "ETOOMANYREFS"),
    SG_WSA(WSAETIMEDOUT, "ETIMEDOUT"),
    SG_WSA(WSAECONNREFUSED, "ECONNREFUSED"),
    SG_WSA(WSAELOOP, "ELOOP"),
    SG_WSA(WSAENAMETOOLONG, "ENAMETOOLONG"),
    SG_WSA(WSAEHOSTDOWN, "EHOSTDOWN"),
    SG_WSA(WSAEHOSTUNREACH, "EHOSTUNREACH"),
    SG_WSA(WSAEPROCLIM, "EPROCLIM"),
    SG_WSA(WSAEDISCON, "ECONNRESET"),
    SG_WSA(WSASYSNOTREADY, "ENETDOWN"),
    SG_WSA(WSAVERNOTSUPPORTED, "ENOTSUP"),
    SG_WSA(WSANOTINITIALISED, "ENOTINITIALISED"),
    SG_WSA(WSAHOST_NOT_FOUND, "ENOTFOUND"),
    SG_WSA(WSATRY_AGAIN, "EAI_AGAIN"),
    SG_WSA(WSANO_RECOVERY, "EAI_FAIL"),
    SG_WSA(WSANO_DATA, "ENOTFOUND"),
    SG_WSA(WSA_IO_PENDING, "EINPROGRESS"),
    SG_WSA(WSA_IO_INCOMPLETE, "EINPROGRESS"),
    SG_WSA(WSA_OPERATION_ABORTED, "ECANCELED"),
    SG_WSA(WSA_INVALID_HANDLE, "EBADF"),
    SG_WSA(WSA_INVALID_PARAMETER, "EINVAL"),
    SG_WSA(WSA_NOT_ENOUGH_MEMORY, "ENOMEM"),
};
#undef SG_WSA

#define SG_W32(c, p) {static_cast<int>(c), #c, p}
constexpr Name kWin32Names[] = {
    SG_W32(ERROR_INVALID_HANDLE, "EBADF"),
    SG_W32(ERROR_NOT_ENOUGH_MEMORY, "ENOMEM"),
    SG_W32(ERROR_INVALID_PARAMETER, "EINVAL"),
    SG_W32(ERROR_OPERATION_ABORTED, "ECANCELED"),
    SG_W32(ERROR_NETNAME_DELETED, "ECONNRESET"),
    SG_W32(ERROR_CONNECTION_ABORTED, "ECONNABORTED"),
    SG_W32(ERROR_CONNECTION_REFUSED, "ECONNREFUSED"),
    SG_W32(ERROR_BROKEN_PIPE, "EPIPE"),
    SG_W32(ERROR_NOT_FOUND, "ENOENT"),
    SG_W32(ERROR_TIMEOUT, "ETIMEDOUT"),
    SG_W32(WAIT_TIMEOUT, "ETIMEDOUT"),
    SG_W32(ERROR_NOT_SUPPORTED, "ENOTSUP"),
};
#undef SG_W32

// The errno values the core reports itself (MSVC and MinGW share these POSIX supplement values).
#define SG_ERRNO(c) {c, #c, #c}
constexpr Name kErrnoNames[] = {
    SG_ERRNO(ECANCELED),  SG_ERRNO(ETIMEDOUT),     SG_ERRNO(ECONNRESET),   SG_ERRNO(ECONNREFUSED),
    SG_ERRNO(ECONNABORTED), SG_ERRNO(EPIPE),       SG_ERRNO(EINVAL),       SG_ERRNO(EMSGSIZE),
    SG_ERRNO(ENOMEM),     SG_ERRNO(EAGAIN),        SG_ERRNO(EINTR),        SG_ERRNO(EHOSTUNREACH),
    SG_ERRNO(EADDRINUSE), SG_ERRNO(EADDRNOTAVAIL), SG_ERRNO(ENOTSUP),      SG_ERRNO(EBADF),
};
#undef SG_ERRNO

template <std::size_t N>
const Name* find_name(const Name (&table)[N], int code) {
  for (const Name& n : table) {
    if (n.code == code) return &n;
  }
  return nullptr;
}

const Name* lookup(const IoError& e) {
  switch (e.domain) {
    case ErrorDomain::wsa: return find_name(kWsaNames, e.code);
    case ErrorDomain::win32: return find_name(kWin32Names, e.code);
    case ErrorDomain::posix: return find_name(kErrnoNames, e.code);
    default: return nullptr;
  }
}

std::string unknown_name(const IoError& e) {
  const char* prefix = e.domain == ErrorDomain::wsa ? "WSA" : e.domain == ErrorDomain::win32 ? "WIN32_" : "E";
  return prefix + std::to_string(e.code);
}

}  // namespace

std::string platform_error_name(const IoError& e) {
  if (const Name* n = lookup(e)) return n->raw;
  return unknown_name(e);
}

std::string platform_portable_name(const IoError& e) {
  if (const Name* n = lookup(e)) return n->portable;
  return unknown_name(e);
}

IoError net_init() {
  static std::once_flag once;
  static int result = 0;
  std::call_once(once, [] {
    WSADATA data;
    result = WSAStartup(MAKEWORD(2, 2), &data);
  });
  if (result != 0) return wsa_error(result, "WSAStartup");
  return {};
}

namespace {

// Waits until s is readable (or writable) or the deadline passes; returns 0 on timeout.
int wait_socket(SOCKET s, bool write, std::uint64_t deadline_ns) {
  for (;;) {
    std::uint64_t now = now_ns();
    if (now >= deadline_ns) return 0;
    std::uint64_t left_us = (deadline_ns - now + 999) / 1000;
    if (left_us > 1'000'000) left_us = 1'000'000;
    fd_set set, ex;
    FD_ZERO(&set);
    FD_ZERO(&ex);
    FD_SET(s, &set);
    FD_SET(s, &ex);  // a failed non-blocking connect shows in the exception set on Windows
    timeval tv{static_cast<long>(left_us / 1'000'000), static_cast<long>(left_us % 1'000'000)};
    int r = ::select(0, write ? nullptr : &set, write ? &set : nullptr, &ex, &tv);
    if (r != 0) return r;
  }
}

SOCKET new_socket(int family, int type, int protocol) {
  // Overlapped-capable (every model but blocking needs it) and not inherited by child processes.
  return WSASocketW(family, type, protocol, nullptr, 0, WSA_FLAG_OVERLAPPED | WSA_FLAG_NO_HANDLE_INHERIT);
}

std::string gai_detail(const std::string& host, int code) { return host + ": getaddrinfo error " + std::to_string(code); }

}  // namespace

IoError tcp_connect(const std::string& host, std::uint16_t port, std::uint64_t timeout_ns, Socket& out, int sndbuf,
                    int rcvbuf) {
  if (IoError e = net_init()) return e;
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_protocol = IPPROTO_TCP;
  addrinfo* res = nullptr;
  std::string service = std::to_string(port);
  int g = getaddrinfo(host.c_str(), service.c_str(), &hints, &res);
  if (g != 0) return wsa_error(g, "getaddrinfo", gai_detail(host, g));
  IoError last = wsa_error(WSAEHOSTUNREACH, "connect", host);
  const std::uint64_t deadline = now_ns() + timeout_ns;
  for (addrinfo* a = res; a; a = a->ai_next) {
    SOCKET s = new_socket(a->ai_family, a->ai_socktype, a->ai_protocol);
    if (s == INVALID_SOCKET) {
      last = last_wsa_error("WSASocketW");
      continue;
    }
    if (IoError e = set_buffer_sizes(static_cast<Socket>(s), sndbuf, rcvbuf)) {
      closesocket(s);
      freeaddrinfo(res);
      return e;
    }
    u_long nb = 1;
    ioctlsocket(s, FIONBIO, &nb);
    int r = ::connect(s, a->ai_addr, static_cast<int>(a->ai_addrlen));
    if (r == SOCKET_ERROR && WSAGetLastError() == WSAEWOULDBLOCK) {
      if (wait_socket(s, true, deadline) == 0) {
        last = wsa_error(WSAETIMEDOUT, "connect", host + ":" + service);
        closesocket(s);
        continue;
      }
      int soerr = 0;
      int len = sizeof soerr;
      getsockopt(s, SOL_SOCKET, SO_ERROR, reinterpret_cast<char*>(&soerr), &len);
      if (soerr != 0) {
        last = wsa_error(soerr, "connect", host + ":" + service);
        closesocket(s);
        continue;
      }
      r = 0;
    }
    if (r == SOCKET_ERROR) {
      last = wsa_error(WSAGetLastError(), "connect", host + ":" + service);
      closesocket(s);
      continue;
    }
    nb = 0;
    ioctlsocket(s, FIONBIO, &nb);
    freeaddrinfo(res);
    out = static_cast<Socket>(s);
    return {};
  }
  freeaddrinfo(res);
  return last;
}

IoError tcp_listen(const std::string& host, std::uint16_t port, int backlog, Socket& out, std::uint16_t& bound_port) {
  if (IoError e = net_init()) return e;
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_protocol = IPPROTO_TCP;
  hints.ai_flags = AI_PASSIVE;
  addrinfo* res = nullptr;
  std::string service = std::to_string(port);
  int g = getaddrinfo(host.c_str(), service.c_str(), &hints, &res);
  if (g != 0) return wsa_error(g, "getaddrinfo", gai_detail(host, g));
  SOCKET s = new_socket(res->ai_family, res->ai_socktype, res->ai_protocol);
  if (s == INVALID_SOCKET) {
    freeaddrinfo(res);
    return last_wsa_error("WSASocketW");
  }
  // SO_REUSEADDR on Windows lets another socket steal the port; exclusive use is the safe
  // equivalent of the POSIX option's intent (Microsoft docs: "Using SO_REUSEADDR and
  // SO_EXCLUSIVEADDRUSE"). A refusal here is harmless.
  BOOL one = TRUE;
  setsockopt(s, SOL_SOCKET, SO_EXCLUSIVEADDRUSE, reinterpret_cast<const char*>(&one), sizeof one);
  if (::bind(s, res->ai_addr, static_cast<int>(res->ai_addrlen)) == SOCKET_ERROR) {
    int err = WSAGetLastError();
    freeaddrinfo(res);
    closesocket(s);
    return wsa_error(err, "bind", host + ":" + service);
  }
  freeaddrinfo(res);
  if (::listen(s, backlog) == SOCKET_ERROR) {
    int err = WSAGetLastError();
    closesocket(s);
    return wsa_error(err, "listen");
  }
  sockaddr_storage ss{};
  int len = sizeof ss;
  getsockname(s, reinterpret_cast<sockaddr*>(&ss), &len);
  bound_port = ntohs(ss.ss_family == AF_INET6 ? reinterpret_cast<sockaddr_in6*>(&ss)->sin6_port
                                              : reinterpret_cast<sockaddr_in*>(&ss)->sin_port);
  out = static_cast<Socket>(s);
  return {};
}

IoError tcp_accept(Socket listener, std::uint64_t timeout_ns, Socket& out) {
  out = kNoSocket;
  if (wait_socket(sock_of(listener), false, now_ns() + timeout_ns) == 0) return {};
  // The accepted socket inherits the listener's properties, overlapped capability included.
  SOCKET s = ::accept(sock_of(listener), nullptr, nullptr);
  if (s == INVALID_SOCKET) {
    int err = WSAGetLastError();
    // The connection may have gone away between select and accept; not a server fault.
    if (err == WSAEWOULDBLOCK || err == WSAECONNRESET || err == WSAEINTR) return {};
    return wsa_error(err, "accept");
  }
  SetHandleInformation(reinterpret_cast<HANDLE>(s), HANDLE_FLAG_INHERIT, 0);
  out = static_cast<Socket>(s);
  return {};
}

IoError set_nodelay(Socket s, bool on) {
  BOOL v = on ? TRUE : FALSE;
  if (setsockopt(sock_of(s), IPPROTO_TCP, TCP_NODELAY, reinterpret_cast<const char*>(&v), sizeof v) == SOCKET_ERROR) {
    return last_wsa_error("setsockopt(TCP_NODELAY)");
  }
  return {};
}

IoError set_buffer_sizes(Socket s, int sndbuf, int rcvbuf) {
  if (sndbuf > 0 &&
      setsockopt(sock_of(s), SOL_SOCKET, SO_SNDBUF, reinterpret_cast<const char*>(&sndbuf), sizeof sndbuf) == SOCKET_ERROR) {
    return last_wsa_error("setsockopt(SO_SNDBUF)");
  }
  if (rcvbuf > 0 &&
      setsockopt(sock_of(s), SOL_SOCKET, SO_RCVBUF, reinterpret_cast<const char*>(&rcvbuf), sizeof rcvbuf) == SOCKET_ERROR) {
    return last_wsa_error("setsockopt(SO_RCVBUF)");
  }
  return {};
}

IoError set_nonblocking(Socket s, bool on) {
  u_long v = on ? 1 : 0;
  if (ioctlsocket(sock_of(s), FIONBIO, &v) == SOCKET_ERROR) return last_wsa_error("ioctlsocket(FIONBIO)");
  return {};
}

IoError set_io_timeout(Socket s, std::uint64_t timeout_ns) {
  // DWORD milliseconds; 0 would mean "no timeout", so round up to at least 1 ms.
  std::uint64_t ms = (timeout_ns + 999'999) / 1'000'000;
  DWORD v = static_cast<DWORD>(ms == 0 ? 1 : ms > 0x7fffffffu ? 0x7fffffffu : ms);
  if (setsockopt(sock_of(s), SOL_SOCKET, SO_SNDTIMEO, reinterpret_cast<const char*>(&v), sizeof v) == SOCKET_ERROR) {
    return last_wsa_error("setsockopt(SO_SNDTIMEO)");
  }
  if (setsockopt(sock_of(s), SOL_SOCKET, SO_RCVTIMEO, reinterpret_cast<const char*>(&v), sizeof v) == SOCKET_ERROR) {
    return last_wsa_error("setsockopt(SO_RCVTIMEO)");
  }
  return {};
}

const char* const kSendVectoredCall = "WSASend";
const char* const kRecvVectoredCall = "WSARecv";

// Sorts a call's SOCKET_ERROR. `sample_timeout`: the call waits on a blocking socket, where
// WSAETIMEDOUT is SO_SNDTIMEO/SO_RCVTIMEO.
static IoStatus failure(const char* call, bool sample_timeout, IoError& err) {
  int code = WSAGetLastError();
  if (code == WSAEINTR) return IoStatus::interrupted;
  if (code == WSAEWOULDBLOCK) return IoStatus::would_block;
  err = sample_timeout ? last_wsa_error(call) : wsa_error(code, call);
  return IoStatus::failed;
}

static IoStatus peer_closed(const char* call, IoError& err) {
  err = wsa_error(WSAECONNRESET, call, "peer closed the connection");
  return IoStatus::closed;
}

IoStatus send_vectored(Socket s, const IoBuf* bufs, std::size_t count, std::size_t& n, IoError& err) {
  DWORD sent = 0;
  // WSASend does not write to the array; its parameter is not const.
  int r = WSASend(sock_of(s), wsabufs(const_cast<IoBuf*>(bufs)), wsa_count(count), &sent, 0, nullptr, nullptr);
  if (r == SOCKET_ERROR) return failure(kSendVectoredCall, true, err);
  n = sent;
  return IoStatus::moved;
}

IoStatus recv_vectored(Socket s, IoBuf* bufs, std::size_t count, std::size_t& n, IoError& err) {
  DWORD got = 0, flags = 0;
  int r = WSARecv(sock_of(s), wsabufs(bufs), wsa_count(count), &got, &flags, nullptr, nullptr);
  if (r == SOCKET_ERROR) return failure(kRecvVectoredCall, true, err);
  if (got == 0) return peer_closed(kRecvVectoredCall, err);
  n = got;
  return IoStatus::moved;
}

// send()/recv() take an int length.
static int chunk(std::size_t n) { return n > 0x40000000u ? 0x40000000 : static_cast<int>(n); }

IoStatus send_some(Socket s, const char* p, std::size_t n, std::uint64_t deadline_ns, std::size_t& moved, IoError& err) {
  if (wait_socket(sock_of(s), true, deadline_ns) == 0) {
    err = wsa_error(WSAETIMEDOUT, "send");
    return IoStatus::failed;
  }
  int r = ::send(sock_of(s), p, chunk(n), 0);
  if (r == SOCKET_ERROR) return failure("send", false, err);
  moved = static_cast<std::size_t>(r);
  return IoStatus::moved;
}

IoStatus recv_some(Socket s, char* p, std::size_t n, std::uint64_t deadline_ns, std::size_t& moved, IoError& err) {
  if (wait_socket(sock_of(s), false, deadline_ns) == 0) {
    err = wsa_error(WSAETIMEDOUT, "recv");
    return IoStatus::failed;
  }
  int r = ::recv(sock_of(s), p, chunk(n), 0);
  if (r == 0) return peer_closed("recv", err);
  if (r == SOCKET_ERROR) return failure("recv", false, err);
  moved = static_cast<std::size_t>(r);
  return IoStatus::moved;
}

void socket_shutdown(Socket s) {
  if (s == kNoSocket) return;
  ::shutdown(sock_of(s), SD_BOTH);
  // shutdown() does not end a blocking WSARecv/WSASend already waiting on every Windows
  // version; cancelling the socket's I/O does (Microsoft docs: CancelIoEx).
  CancelIoEx(reinterpret_cast<HANDLE>(sock_of(s)), nullptr);
}

void socket_close(Socket s) {
  if (s != kNoSocket) closesocket(sock_of(s));
}

bool pin_thread_to_cpu(int cpu) {
  if (cpu < 0 || cpu >= 64) return false;
  return SetThreadAffinityMask(GetCurrentThread(), DWORD_PTR{1} << cpu) != 0;
}

unsigned hardware_threads() {
  unsigned n = std::thread::hardware_concurrency();
  return n ? n : 1;
}

}  // namespace sg
