#include "error.h"

namespace sg {

static const char* harness_name(int code) {
  switch (code) {
    case kHandshakeRefused: return "ERR_SGBENCH_HANDSHAKE";
    case kVerifyMismatch: return "ERR_SGBENCH_VERIFY";
    case kProtocol: return "ERR_SGBENCH_PROTOCOL";
    case kUnavailable: return "ERR_SGBENCH_UNAVAILABLE";
    default: return "ERR_SGBENCH";
  }
}

std::string error_os_name(const IoError& e) {
  if (e.domain == ErrorDomain::harness) return harness_name(e.code);
  if (e.domain == ErrorDomain::none) return "OK";
  return platform_error_name(e);
}

std::string error_portable_name(const IoError& e) {
  if (e.domain == ErrorDomain::harness) return harness_name(e.code);
  if (e.domain == ErrorDomain::none) return "OK";
  return platform_portable_name(e);
}

std::string error_message(const IoError& e) {
  std::string m = std::string(e.syscall) + " failed: " + error_os_name(e) + " (" + std::to_string(e.code) + ")";
  if (!e.detail.empty()) m += ": " + e.detail;
  return m;
}

}  // namespace sg
