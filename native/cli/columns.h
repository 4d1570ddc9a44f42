#pragma once
// The CSV columns, in the order of src/csv/schema.ts (CELL_COLUMNS, SAMPLE_COLUMNS). Columns are
// only ever appended there; test/native-executable-matches-addon.test.ts fails when these drift.
#include <array>
#include <string_view>

namespace sgn {

inline constexpr std::array<std::string_view, 49> kCellColumns{
    "run_id", "started_at", "host", "os", "kernel", "cpu_model", "cores", "sgbench_version",
    "model", "backend", "strategy", "mode", "buffers", "buffer_bytes", "message_bytes",
    "connections", "depth", "recv_shape", "verify", "samples", "bytes_per_s", "gbit_per_s",
    "msgs_per_s", "rme_pct", "sd_bytes_per_s", "min_bytes_per_s", "p50_bytes_per_s",
    "max_bytes_per_s", "syscalls_per_msg", "partial_sends", "client_cpu_s_per_gib",
    "server_cpu_s_per_gib", "latency_p50_us", "latency_p99_us", "latency_p999_us", "errors",
    "cell_key", "shape", "nodelay", "affinity", "peer", "threads", "sample_ms", "sample_bytes",
    "latency_max_us", "steal_pct", "preset", "variant", "direction",
};

inline constexpr std::array<std::string_view, 45> kSampleColumns{
    "run_id", "started_at", "host", "os", "kernel", "cpu_model", "cores", "sgbench_version",
    "cell_key", "model", "backend", "strategy", "mode", "buffers", "buffer_bytes", "message_bytes",
    "connections", "depth", "recv_shape", "verify", "shape", "nodelay", "affinity", "peer",
    "variant", "sample", "bytes", "messages", "send_calls", "recv_calls", "partial_sends",
    "partial_recvs", "wall_ns", "bytes_per_s", "client_cpu_ns", "server_cpu_ns",
    "client_cpu_s_per_gib", "server_cpu_s_per_gib", "latency_p50_us", "latency_p99_us",
    "latency_p999_us", "latency_max_us",
    "min_conn_bytes", "max_conn_bytes", "direction",
};

}  // namespace sgn
