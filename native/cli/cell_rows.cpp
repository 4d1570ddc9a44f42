#include "cell_rows.h"

namespace sgn {

namespace {

std::string key_of(const RunOptions& o) {
  const sg::CellSpec& s = o.spec;
  std::string k = "model=" + s.model + "/strategy=" + sg::to_string(s.strategy) +
                  "/buffers=" + std::to_string(s.buffers.size()) +
                  (o.uniform ? "/bytes=" + std::to_string(s.buffers.front()) : "/shape=" + shape_label(s.buffers)) +
                  "/connections=" + std::to_string(s.connections) + "/depth=" + std::to_string(s.depth);
  if (s.mode != sg::Mode::sink) k += std::string("/mode=") + sg::to_string(s.mode);
  if (s.direction != sg::Direction::forward) k += std::string("/direction=") + sg::to_string(s.direction);
  if (s.recv.single) k += "/recv=" + recv_label(s.recv);
  if (!s.nodelay) k += "/nodelay=false";
  if (s.affinity != sg::Affinity::none) k += std::string("/affinity=") + sg::to_string(s.affinity);
  return k;
}

void environment(CsvRow& row, const RunContext& ctx) {
  row.set("run_id", ctx.run_id);
  row.set("started_at", ctx.started_at);
  row.set("host", ctx.host.host);
  row.set("os", ctx.host.os);
  row.set("kernel", ctx.host.kernel);
  row.set("cpu_model", ctx.host.cpu_model);
  row.set("cores", std::uint64_t{ctx.host.cores});
  row.set("sgbench_version", ctx.version);
}

void identity(CsvRow& row, const RunContext& ctx, const RunOptions& o) {
  const sg::CellSpec& s = o.spec;
  row.set("model", s.model);
  row.set("backend", ctx.backend);
  row.set("strategy", sg::to_string(s.strategy));
  row.set("mode", sg::to_string(s.mode));
  row.set("buffers", std::uint64_t{s.buffers.size()});
  row.set("buffer_bytes", o.uniform ? std::to_string(s.buffers.front()) : "");
  row.set("message_bytes", s.message_bytes());
  row.set("connections", std::uint64_t{s.connections});
  row.set("depth", std::uint64_t{s.depth});
  row.set("recv_shape", recv_label(s.recv));
  row.set("verify", s.verify ? "true" : "false");
}

void settings(CsvRow& row, const RunOptions& o) {
  row.set("cell_key", key_of(o));
  row.set("shape", shape_label(o.spec.buffers));
  row.set("nodelay", o.spec.nodelay ? "true" : "false");
  row.set("affinity", sg::to_string(o.spec.affinity));
  row.set("peer", sg::to_string(o.spec.peer));
  row.set("variant", o.variant);
  row.set("direction", sg::to_string(o.spec.direction));
}

void latency(CsvRow& row, const std::optional<LatencyUs>& l) {
  row.set("latency_p50_us", l ? std::optional<double>(l->p50) : std::nullopt);
  row.set("latency_p99_us", l ? std::optional<double>(l->p99) : std::nullopt);
  row.set("latency_p999_us", l ? std::optional<double>(l->p999) : std::nullopt);
  row.set("latency_max_us", l ? std::optional<double>(l->max) : std::nullopt);
}

}  // namespace

CsvRow cell_row(const RunContext& ctx, const RunOptions& o, const CellOutcome& outcome) {
  CsvRow row;
  environment(row, ctx);
  identity(row, ctx, o);
  settings(row, o);
  if (const auto& s = outcome.stats) {
    row.set("samples", std::uint64_t{s->samples});
    row.set("bytes_per_s", s->bytes_per_s);
    row.set("gbit_per_s", s->gbit_per_s);
    row.set("msgs_per_s", s->msgs_per_s);
    row.set("rme_pct", s->rme_pct);
    row.set("sd_bytes_per_s", s->sd_bytes_per_s);
    row.set("min_bytes_per_s", s->min_bytes_per_s);
    row.set("p50_bytes_per_s", s->p50_bytes_per_s);
    row.set("max_bytes_per_s", s->max_bytes_per_s);
    row.set("syscalls_per_msg", s->syscalls_per_msg);
    row.set("partial_sends", s->partial_sends);
    row.set("client_cpu_s_per_gib", s->client_cpu_s_per_gib);
    row.set("server_cpu_s_per_gib", s->server_cpu_s_per_gib);
    latency(row, s->latency);
  } else {
    row.set("samples", std::uint64_t{outcome.samples_done});
    row.set("errors", outcome.error);
  }
  row.set("threads", o.spec.threads > 0 ? std::to_string(o.spec.threads) : "");
  row.set("sample_ms", o.bytes ? "" : std::to_string(o.duration_ms));
  row.set("sample_bytes", o.bytes ? std::to_string(o.bytes) : "");
  row.set("steal_pct", outcome.steal_fraction ? std::optional<double>(*outcome.steal_fraction * 100) : std::nullopt);
  row.set("preset", "");
  return row;
}

CsvRow sample_row(const RunContext& ctx, const RunOptions& o, const sg::SampleResult& r, std::size_t index) {
  CsvRow row;
  environment(row, ctx);
  identity(row, ctx, o);
  settings(row, o);
  row.set("sample", std::uint64_t{index});
  row.set("bytes", r.bytes);
  row.set("messages", r.messages);
  row.set("send_calls", r.send_calls);
  row.set("recv_calls", r.recv_calls);
  row.set("partial_sends", r.partial_sends);
  row.set("partial_recvs", r.partial_recvs);
  row.set("wall_ns", r.wall_ns);
  row.set("bytes_per_s", sample_bytes_per_s(r));
  const auto client_cpu = r.client_cpu_ns >= 0 ? std::optional<double>(static_cast<double>(r.client_cpu_ns)) : std::nullopt;
  row.set("client_cpu_ns", client_cpu);
  const auto server_cpu = r.server_cpu_ns >= 0 ? std::optional<double>(static_cast<double>(r.server_cpu_ns)) : std::nullopt;
  row.set("server_cpu_ns", server_cpu);
  row.set("client_cpu_s_per_gib", cpu_seconds_per_gib(client_cpu, r.bytes));
  row.set("server_cpu_s_per_gib", cpu_seconds_per_gib(server_cpu, r.bytes));
  latency(row, sample_latency(r, o.spec.mode));
  row.set("min_conn_bytes", r.min_conn_bytes);
  row.set("max_conn_bytes", r.max_conn_bytes);
  return row;
}

}  // namespace sgn
