// `sgbench-native models`: every model of this build, available or not and why.
#include <algorithm>
#include <iostream>

#include "../core/backend.h"
#include "commands.h"
#include "flags.h"

namespace sgn {

int models_command(const std::vector<std::string>& args) {
  Flags f(args, {}, {});
  struct Line {
    std::string model, state, mechanism, notes;
  };
  std::vector<Line> lines{{"model", "state", "mechanism", "notes"}};
  for (const sg::Backend& b : sg::backends()) {
    sg::Probe p = b.probe();
    lines.push_back({b.model, p.available ? "available" : "unavailable", b.mechanism,
                     p.available ? (b.has_depth ? "depth: yes" : "depth: no") : "reason: " + p.reason});
  }
  std::size_t w0 = 0, w1 = 0, w2 = 0;
  for (const auto& l : lines) {
    w0 = std::max(w0, l.model.size());
    w1 = std::max(w1, l.state.size());
    w2 = std::max(w2, l.mechanism.size());
  }
  for (const auto& l : lines) {
    std::cout << l.model << std::string(w0 - l.model.size() + 2, ' ') << l.state
              << std::string(w1 - l.state.size() + 2, ' ') << l.mechanism
              << std::string(w2 - l.mechanism.size() + 2, ' ') << l.notes << "\n";
  }
  return kExitOk;
}

}  // namespace sgn
