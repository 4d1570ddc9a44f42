#pragma once
// Per-environment state of the addon (worker threads each have their own environment).
#include <napi.h>

#include <memory>
#include <mutex>
#include <set>

#include "../core/client_session.h"
#include "../core/server.h"

namespace sgb {

struct AddonData {
  Napi::FunctionReference error_class;
  // Everything still open when the environment is torn down is closed by the cleanup hook, so
  // no native thread outlives the JS that started it.
  std::mutex mu;
  std::set<std::shared_ptr<sg::Server>> servers;
  std::set<std::shared_ptr<sg::ClientSession>> sessions;
};

inline AddonData& addon_data(Napi::Env env) { return *env.GetInstanceData<AddonData>(); }

}  // namespace sgb
