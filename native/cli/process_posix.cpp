#include <pthread.h>
#include <signal.h>

#include "process.h"

namespace sgn {

namespace {

sigset_t stop_set() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  return set;
}

}  // namespace

void process_init() { signal(SIGPIPE, SIG_IGN); }

// Threads inherit the mask, so every server thread leaves the signals to sigwait.
void catch_stop_signals() {
  sigset_t set = stop_set();
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

const char* wait_for_stop() {
  sigset_t set = stop_set();
  int sig = 0;
  while (sigwait(&set, &sig) != 0) {
  }
  return sig == SIGINT ? "SIGINT" : "SIGTERM";
}

}  // namespace sgn
