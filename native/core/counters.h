#pragma once
#include <cstdint>

#include "histogram.h"

namespace sg {

// What one connection did during one sample. Owned by the thread driving the connection.
struct ConnCounters {
  std::uint64_t bytes_sent = 0;
  std::uint64_t bytes_received = 0;  // echoes received back (echo mode)
  std::uint64_t messages = 0;        // sink: messages sent in full; echo: round trips completed
  std::uint64_t send_calls = 0;      // syscalls or submissions that carried data out
  std::uint64_t recv_calls = 0;
  std::uint64_t partial_sends = 0;   // completions short of what the call asked for
  std::uint64_t partial_recvs = 0;
};

// The result of one sample across all connections.
struct SampleResult {
  std::uint64_t bytes = 0;  // confirmed by the receiver
  std::uint64_t messages = 0;
  std::uint64_t send_calls = 0;
  std::uint64_t recv_calls = 0;
  std::uint64_t partial_sends = 0;
  std::uint64_t partial_recvs = 0;
  std::uint64_t wall_ns = 0;
  std::int64_t client_cpu_ns = -1;  // -1: unknown (the thread clock did not advance)
  std::int64_t server_cpu_ns = -1;  // -1: unknown (raw peer, or the server's clock did not advance)
  std::uint64_t min_conn_bytes = 0;  // fairness across connections
  std::uint64_t max_conn_bytes = 0;
  Histogram latency;  // echo mode round trips, in ns
};

}  // namespace sg
