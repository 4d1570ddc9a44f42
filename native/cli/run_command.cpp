// `sgbench-native run`: one cell, measured as `sgbench run` measures it, as CSV on stdout.
#include <chrono>
#include <fstream>
#include <iostream>

#include "../core/backend.h"
#include "../core/client_session.h"
#include "../core/server.h"
#include "cell_rows.h"
#include "columns.h"
#include "commands.h"
#include "run_id.h"

#ifndef SGBENCH_VERSION
#error "SGBENCH_VERSION must be defined by the build (from package.json)"
#endif

namespace sgn {

namespace {

std::optional<double> steal_between(const std::optional<CpuTicks>& a, const std::optional<CpuTicks>& b) {
  if (!a || !b || b->total <= a->total) return std::nullopt;
  const double steal = b->steal > a->steal ? static_cast<double>(b->steal - a->steal) : 0.0;
  return steal / static_cast<double>(b->total - a->total);
}

std::string describe(const sg::IoError& e, const std::string& model) {
  return sg::error_message(e) + " [model=" + model + "]";
}

}  // namespace

int run_command(const std::vector<std::string>& args) {
  RunOptions o = parse_run_options(args);
  const auto now = std::chrono::system_clock::now();
  RunContext ctx{new_run_id(now), iso_utc(now), host_info(), SGBENCH_VERSION, ""};

  const sg::Backend* backend = sg::find_backend(o.spec.model);
  if (!backend) {
    std::cerr << "Error: model " << o.spec.model << " is unavailable here: not a model of this build\n";
    return kExitUnavailable;
  }
  ctx.backend = backend->mechanism;
  if (sg::Probe p = backend->probe(); !p.available) {
    std::cerr << "Error: model " << o.spec.model << " is unavailable here: " << p.reason << "\n";
    return kExitUnavailable;
  }

  std::unique_ptr<sg::Server> server;
  if (o.spec.port == 0) {
    sg::ServerOptions so;
    so.host = o.spec.host;
    so.cpu = o.spec.affinity == sg::Affinity::same ? 0 : o.spec.affinity == sg::Affinity::split ? 1 : -1;
    sg::IoError e;
    server = sg::start_server(so, e);
    if (!server) {
      std::cerr << "Error: " << describe(e, "overlapped-event") << "\n";
      return kExitFailed;
    }
    o.spec.port = server->port();
  }

  std::ofstream samples_file;
  if (!o.samples_out.empty()) {
    samples_file.open(o.samples_out, std::ios::binary | std::ios::trunc);
    if (!samples_file) {
      std::cerr << "Error: cannot write " << o.samples_out << "\n";
      return kExitFailed;
    }
    write_header(samples_file, kSampleColumns);
  }

  CellOutcome outcome;
  std::vector<sg::SampleResult> samples;
  const auto ticks_before = read_cpu_ticks();
  sg::IoError err;
  auto session = sg::ClientSession::open(o.spec, err);
  if (session && o.warmup_ms > 0) {
    sg::SampleResult warm;
    err = session->sample(o.warmup_ms * 1'000'000ull, 0, warm);
  }
  for (std::uint32_t i = 0; session && !err && i < o.samples; ++i) {
    sg::SampleResult r;
    if ((err = session->sample(o.duration_ms * 1'000'000ull, o.bytes, r))) break;
    if (r.bytes == 0 || r.wall_ns == 0) {
      err = sg::harness_error(sg::kProtocol, "sample",
                              "a sample moved " + std::to_string(r.bytes) + " bytes in " + std::to_string(r.wall_ns) +
                                  " ns; nothing to measure");
      break;
    }
    if (samples_file) sample_row(ctx, o, r, samples.size()).write(samples_file, kSampleColumns);
    samples.push_back(std::move(r));
  }
  session.reset();
  if (server) server->stop();
  outcome.steal_fraction = steal_between(ticks_before, read_cpu_ticks());
  if (err) {
    outcome.error = describe(err, o.spec.model);
    outcome.samples_done = samples.size();
  } else {
    outcome.stats = cell_statistics(samples, o.spec.mode);
  }

  write_header(std::cout, kCellColumns);
  cell_row(ctx, o, outcome).write(std::cout, kCellColumns);
  std::cout.flush();
  if (samples_file) samples_file.close();
  if (err) {
    std::cerr << "Error: " << outcome.error << "\n";
    return err.domain == sg::ErrorDomain::harness && err.code == sg::kUnavailable ? kExitUnavailable : kExitFailed;
  }
  return kExitOk;
}

}  // namespace sgn
