#pragma once
// JS ↔ core conversions. Values were validated in TypeScript (src/native.ts); these only convert.
#include <napi.h>

#include <vector>

#include "../core/counters.h"
#include "../core/server.h"
#include "../core/spec.h"

namespace sgb {

sg::CellSpec to_cell_spec(const Napi::Object& o);
sg::ServerOptions to_server_options(const Napi::Object& o);
// `percentiles` (0..100) are reported in echo mode as `latency.percentiles`, in the order asked.
Napi::Object from_sample(Napi::Env env, const sg::SampleResult& r, sg::Mode mode,
                         const std::vector<double>& percentiles);

}  // namespace sgb
