#pragma once
// The run id and start time columns, formatted as src/env.ts formats them.
#include <chrono>
#include <string>

namespace sgn {

// `20250101T120000Z-1a2b3c`: sorts by time, unique on one host.
std::string new_run_id(std::chrono::system_clock::time_point now);
// ISO 8601 in UTC with milliseconds, as JavaScript's Date.toISOString().
std::string iso_utc(std::chrono::system_clock::time_point now);

}  // namespace sgn
