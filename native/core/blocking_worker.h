#pragma once
// Model `blocking`, written once for every platform: one thread per connection, blocking vectored
// calls (send_vectored/recv_vectored, net.h). A blocking vectored send normally moves the whole
// array; it returns short only when SO_SNDTIMEO expires or a signal interrupts it, and the cursor
// resumes it mid-array then. Short receives are the norm.
// Bidir: the server's stream is received on a second thread for the length of the sample, as a
// blocking program would do it (one thread sending and one receiving on a socket is allowed on
// both platforms; two sending is not); cancel() shuts the socket down, which returns both calls.
#include <memory>
#include <vector>

#include "backend.h"

namespace sg {

// Backend::make_worker of every platform's `blocking` model.
std::unique_ptr<ClientWorker> make_blocking_worker(std::vector<ClientConn*> conns, const CellSpec& spec, IoError& err);

}  // namespace sg
