#pragma once
// Process-wide setup and the stop signal, defined per platform (process_posix.cpp,
// process_win.cpp).
namespace sgn {

// Once at start: POSIX ignores SIGPIPE (a peer that goes away must surface as EPIPE from writev,
// not kill the process); Windows puts stdout in binary mode so CRLF rows are not doubled.
void process_init();

// Before starting any thread that must not see the stop signals: from here on SIGINT and SIGTERM
// (Ctrl-C, Ctrl-Break or a console close on Windows) are only delivered to wait_for_stop().
void catch_stop_signals();

// Blocks until one of those arrives; returns its name.
const char* wait_for_stop();

}  // namespace sgn
