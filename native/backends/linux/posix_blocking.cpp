// Model `blocking` on Linux: the core's worker (core/blocking_worker.h) over writev/readv.
#include "../../core/blocking_worker.h"

namespace sg {

namespace {

Probe probe_blocking() { return Probe{true, {}}; }

}  // namespace

extern const Backend kPosixBlocking{"blocking", "blocking writev/readv, a thread per connection", false, true,
                                    probe_blocking, make_blocking_worker};

}  // namespace sg
