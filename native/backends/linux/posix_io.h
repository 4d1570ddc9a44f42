#pragma once
// Errors of data-path calls on POSIX sockets. A blocking call that hits SO_SNDTIMEO/SO_RCVTIMEO
// fails with EAGAIN; for the harness that is the sample's time bound, so it is reported as
// ETIMEDOUT with the call that waited.
#include <cerrno>

#include "../../core/error.h"

namespace sg {

inline IoError posix_io_error(int err, const char* syscall) {
  if (err == EAGAIN || err == EWOULDBLOCK) return posix_error(ETIMEDOUT, syscall, "no progress within the sample timeout");
  return posix_error(err, syscall);
}

}  // namespace sg
