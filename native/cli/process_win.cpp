#include <fcntl.h>
#include <io.h>
#include <windows.h>

#include <atomic>
#include <cstdio>

#include "process.h"

namespace sgn {

namespace {

HANDLE g_stop = nullptr;
std::atomic<const char*> g_signal{"SIGINT"};

// Runs on a thread the system creates; returning TRUE tells it the event was handled.
BOOL WINAPI on_console_event(DWORD type) {
  g_signal.store(type == CTRL_C_EVENT ? "SIGINT" : "SIGTERM");
  SetEvent(g_stop);
  return TRUE;
}

}  // namespace

void process_init() { _setmode(_fileno(stdout), _O_BINARY); }

void catch_stop_signals() {
  g_stop = CreateEventW(nullptr, TRUE, FALSE, nullptr);
  SetConsoleCtrlHandler(on_console_event, TRUE);
}

const char* wait_for_stop() {
  WaitForSingleObject(g_stop, INFINITE);
  return g_signal.load();
}

}  // namespace sgn
