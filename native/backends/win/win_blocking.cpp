// Model `blocking` on Windows: the core's worker (core/blocking_worker.h) over WSASend/WSARecv
// without overlapped on a blocking socket.
#include "../../core/blocking_worker.h"

namespace sg {

namespace {

Probe probe_blocking() {
  if (IoError e = net_init()) return Probe{false, error_message(e)};
  return Probe{true, {}};
}

}  // namespace

extern const Backend kWinBlocking{"blocking", "blocking WSASend/WSARecv without overlapped, a thread per connection",
                                  false, true, probe_blocking, make_blocking_worker};

}  // namespace sg
