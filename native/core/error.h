#pragma once
// The one error type of the core: the system's own code, where it came from and which call
// failed. The binding turns it into a JS NativeIoError with a portable `code` (ECONNRESET on every
// platform) and the raw number and name (10054, WSAECONNRESET).
#include <string>

namespace sg {

enum class ErrorDomain {
  none,
  posix,    // errno values
  wsa,      // WSAGetLastError() values
  win32,    // GetLastError() values
  harness,  // sgbench's own protocol-level failures, codes below
};

// Codes of ErrorDomain::harness.
enum HarnessCode : int {
  kHandshakeRefused = 1,  // the server refused our handshake; detail holds its reason
  kVerifyMismatch = 2,    // a received byte did not match the stream pattern; detail says where
  kProtocol = 3,          // the peer broke the harness protocol (bad magic, short reply)
  kUnavailable = 4,       // the model cannot run here; detail holds the reason
};

struct IoError {
  int code = 0;
  ErrorDomain domain = ErrorDomain::none;
  const char* syscall = "";
  std::string detail;

  explicit operator bool() const { return domain != ErrorDomain::none; }
};

inline IoError posix_error(int err, const char* syscall, std::string detail = {}) {
  return IoError{err, ErrorDomain::posix, syscall, std::move(detail)};
}
inline IoError harness_error(HarnessCode c, const char* what, std::string detail) {
  return IoError{c, ErrorDomain::harness, what, std::move(detail)};
}

// Raw name of the code in its own domain ("ECONNRESET", "WSAECONNRESET", "ERR_SGBENCH_VERIFY").
std::string error_os_name(const IoError& e);
// Portable, Node-style name: WSA and errno codes for the same condition share one name.
std::string error_portable_name(const IoError& e);
// "WSASend failed: WSAECONNRESET (10054)" plus the detail, if any.
std::string error_message(const IoError& e);

// Platform files define these for their own domains (errno names on POSIX, WSA on Windows).
std::string platform_error_name(const IoError& e);
std::string platform_portable_name(const IoError& e);

}  // namespace sg
