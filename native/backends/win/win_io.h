#pragma once
// Winsock helpers shared by the Windows backends and the server: headers in the right order,
// the socket handle conversion and errors in the wsa domain with the failing call.
#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#ifndef NOMINMAX
#define NOMINMAX
#endif
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>

#include <string>

#include "../../core/error.h"
#include "../../core/iobuf.h"
#include "../../core/net.h"

namespace sg {

inline SOCKET sock_of(Socket s) { return static_cast<SOCKET>(s); }
inline LPWSABUF wsabufs(IoBuf* b) { return reinterpret_cast<LPWSABUF>(b); }
inline DWORD wsa_count(std::size_t n) { return static_cast<DWORD>(n); }

inline IoError wsa_error(int code, const char* call, std::string detail = {}) {
  return IoError{code, ErrorDomain::wsa, call, std::move(detail)};
}
// A blocking call that hits SO_SNDTIMEO/SO_RCVTIMEO fails with WSAETIMEDOUT: for the harness that
// is the sample's time bound.
inline IoError last_wsa_error(const char* call) {
  int code = WSAGetLastError();
  if (code == WSAETIMEDOUT) return wsa_error(code, call, "no progress within the sample timeout");
  return wsa_error(code, call);
}
inline IoError win32_error(DWORD code, const char* call, std::string detail = {}) {
  return IoError{static_cast<int>(code), ErrorDomain::win32, call, std::move(detail)};
}

}  // namespace sg
