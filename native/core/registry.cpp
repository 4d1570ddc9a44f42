#include "backend.h"

namespace sg {

const Backend* find_backend(const std::string& model) {
  for (const Backend& b : backends()) {
    if (model == b.model) return &b;
  }
  return nullptr;
}

}  // namespace sg
