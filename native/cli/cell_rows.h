#pragma once
// The cell row and the sample rows of one run of `sgbench-native run`, field for field as the
// runner fills them (src/runner/csv-rows.ts).
#include <optional>
#include <string>
#include <vector>

#include "../core/counters.h"
#include "cell_statistics.h"
#include "csv.h"
#include "host_info.h"
#include "run_options.h"

namespace sgn {

struct RunContext {
  std::string run_id;
  std::string started_at;
  HostInfo host;
  std::string version;
  std::string backend;  // the model's mechanism, as `models` lists it
};

// A measured cell has statistics; a failed one has its error and the samples it finished.
struct CellOutcome {
  std::optional<CellStatistics> stats;
  std::string error;
  std::size_t samples_done = 0;
  std::optional<double> steal_fraction;
};

CsvRow cell_row(const RunContext& ctx, const RunOptions& o, const CellOutcome& outcome);
CsvRow sample_row(const RunContext& ctx, const RunOptions& o, const sg::SampleResult& r, std::size_t index);

}  // namespace sgn
