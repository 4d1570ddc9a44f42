// The Linux registry: every model this platform builds, in the order `models()` lists them.
#include "../../core/backend.h"

namespace sg {

extern const Backend kPosixBlocking;
extern const Backend kLinuxEpoll;
extern const Backend kLinuxUringEvent;
extern const Backend kLinuxUringCallback;
extern const Backend kLinuxUringPort;

const std::vector<Backend>& backends() {
  static const std::vector<Backend> table{kPosixBlocking, kLinuxEpoll, kLinuxUringEvent, kLinuxUringCallback,
                                          kLinuxUringPort};
  return table;
}

}  // namespace sg
