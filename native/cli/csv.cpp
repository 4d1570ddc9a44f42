#include "csv.h"

#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace sgn {

std::string plain_decimal(double v) {
  if (!std::isfinite(v)) return "";
  if (v == std::floor(v) && std::fabs(v) < 1e21) {
    char b[32];
    std::snprintf(b, sizeof b, "%.0f", v);
    std::string s = b;
    return s == "-0" ? "0" : s;
  }
  const int magnitude = static_cast<int>(std::floor(std::log10(std::fabs(v))));
  int decimals = 9 - 1 - magnitude;
  if (decimals < 0) decimals = 0;
  if (decimals > 100) decimals = 100;
  char b[160];
  std::snprintf(b, sizeof b, "%.*f", decimals, v);
  std::string s = b;
  if (s.find('.') != std::string::npos) {
    while (!s.empty() && s.back() == '0') s.pop_back();
    if (!s.empty() && s.back() == '.') s.pop_back();
  }
  return s == "-0" ? "0" : s;
}

std::string csv_field(std::string_view v) {
  if (v.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(v);
  std::string out = "\"";
  for (char c : v) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

void CsvRow::check(const std::string_view* begin, const std::string_view* end) const {
  for (const auto& [name, value] : fields_) {
    bool known = false;
    for (auto it = begin; it != end && !known; ++it) known = *it == name;
    if (!known) throw std::logic_error("CSV row sets unknown column " + name);
  }
}

}  // namespace sgn
