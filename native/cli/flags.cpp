#include "flags.h"

#include <cctype>

namespace sgn {

namespace {

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string range_text(std::uint64_t min, std::uint64_t max, bool sizes) {
  std::string r = "must be a whole number from " + std::to_string(min) + " to " + std::to_string(max);
  if (sizes) r += " (units k/KiB, M/MiB, G/GiB allowed)";
  return r;
}

}  // namespace

std::uint64_t parse_number(const std::string& flag, const std::string& text, std::uint64_t min, std::uint64_t max,
                           bool sizes) {
  auto bad = [&] { return UsageError("--" + flag + ": " + range_text(min, max, sizes) + ", got \"" + text + "\""); };
  std::size_t i = 0;
  std::uint64_t v = 0;
  while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) {
    unsigned d = static_cast<unsigned>(text[i] - '0');
    if (v > (UINT64_MAX - d) / 10) throw bad();
    v = v * 10 + d;
    ++i;
  }
  if (i == 0) throw bad();
  std::string unit = lower(text.substr(i));
  std::uint64_t factor = 1;
  if (!unit.empty()) {
    if (!sizes) throw bad();
    if (unit == "b") factor = 1;
    else if (unit == "k" || unit == "kib") factor = 1ull << 10;
    else if (unit == "m" || unit == "mib") factor = 1ull << 20;
    else if (unit == "g" || unit == "gib") factor = 1ull << 30;
    else throw bad();
  }
  if (v > UINT64_MAX / factor) throw bad();
  v *= factor;
  if (v < min || v > max) throw bad();
  return v;
}

Flags::Flags(const std::vector<std::string>& args, const std::set<std::string>& values,
             const std::set<std::string>& switches) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a.rfind("--", 0) != 0 || a.size() < 3) throw UsageError("unexpected argument \"" + a + "\" (flags start with --)");
    std::string name = a.substr(2), value;
    bool inline_value = false;
    if (auto eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
      inline_value = true;
    }
    if (values.count(name)) {
      if (!inline_value) {
        if (i + 1 >= args.size()) throw UsageError("--" + name + ": needs a value");
        value = args[++i];
      }
      values_[name] = value;
    } else if (switches.count(name)) {
      values_[name] = inline_value ? value : "true";
    } else if (name.rfind("no-", 0) == 0 && switches.count(name.substr(3)) && !inline_value) {
      values_[name.substr(3)] = "false";
    } else {
      throw UsageError("--" + name + ": unknown flag (see `sgbench-native help`)");
    }
  }
}

std::string Flags::text(const std::string& name, const std::string& fallback) const {
  auto it = values_.find(name);
  return it == values_.end() ? fallback : it->second;
}

std::uint64_t Flags::number(const std::string& name, std::uint64_t min, std::uint64_t max, std::uint64_t fallback,
                            bool sizes) const {
  auto it = values_.find(name);
  return it == values_.end() ? fallback : parse_number(name, it->second, min, max, sizes);
}

bool Flags::on(const std::string& name, bool fallback) const {
  auto it = values_.find(name);
  if (it == values_.end()) return fallback;
  std::string v = lower(it->second);
  if (v == "true" || v == "on" || v == "1") return true;
  if (v == "false" || v == "off" || v == "0") return false;
  throw UsageError("--" + name + ": must be on or off, got \"" + it->second + "\"");
}

std::string Flags::choice(const std::string& name, const std::vector<std::string>& allowed,
                          const std::string& fallback) const {
  auto it = values_.find(name);
  if (it == values_.end()) return fallback;
  for (const auto& a : allowed)
    if (a == it->second) return a;
  std::string list;
  for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
  throw UsageError("--" + name + ": must be one of " + list + ", got \"" + it->second + "\"");
}

}  // namespace sgn
