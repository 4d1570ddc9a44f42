// The Windows registry: every model this platform builds, in the order `models()` lists them.
#include "../../core/backend.h"

namespace sg {

extern const Backend kWinBlocking;
extern const Backend kWinReadiness;
extern const Backend kWinOverlappedEvent;
extern const Backend kWinOverlappedCallback;
extern const Backend kWinCompletionPort;

const std::vector<Backend>& backends() {
  static const std::vector<Backend> table{kWinBlocking, kWinReadiness, kWinOverlappedEvent, kWinOverlappedCallback,
                                          kWinCompletionPort};
  return table;
}

}  // namespace sg
