#pragma once
// Command-line flags of sgbench-native: `--name value`, `--name=value` and boolean switches.
// Every bad value throws UsageError with one line naming the flag and what it allows (exit 2).
#include <cstdint>
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace sgn {

struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class Flags {
 public:
  // `values`: flags that take a value; `switches`: booleans (`--verify`, `--no-verify`, `--verify=false`).
  Flags(const std::vector<std::string>& args, const std::set<std::string>& values, const std::set<std::string>& switches);

  bool has(const std::string& name) const { return values_.count(name) != 0; }
  std::string text(const std::string& name, const std::string& fallback) const;
  // A whole number in [min, max]; `k`/`KiB`, `M`/`MiB`, `G`/`GiB` (binary) when `sizes` is set.
  std::uint64_t number(const std::string& name, std::uint64_t min, std::uint64_t max, std::uint64_t fallback,
                       bool sizes = false) const;
  bool on(const std::string& name, bool fallback) const;
  // One of `allowed`.
  std::string choice(const std::string& name, const std::vector<std::string>& allowed, const std::string& fallback) const;

 private:
  std::map<std::string, std::string> values_;
};

// Parses one whole number (with binary units when `sizes`) for `flag`, range-checked.
std::uint64_t parse_number(const std::string& flag, const std::string& text, std::uint64_t min, std::uint64_t max, bool sizes);

}  // namespace sgn
