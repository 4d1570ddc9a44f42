#include <sched.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include "host_info.h"

namespace sgn {

namespace {

std::string trim(std::string s) {
  const auto b = s.find_first_not_of(" \t");
  const auto e = s.find_last_not_of(" \t\r\n");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

std::string distribution() {
  std::ifstream f("/etc/os-release");
  std::string line;
  while (std::getline(f, line)) {
    if (line.rfind("PRETTY_NAME=", 0) != 0) continue;
    std::string v = line.substr(12);
    if (!v.empty() && v.front() == '"') v.erase(0, 1);
    if (!v.empty() && v.back() == '"') v.pop_back();
    return v;
  }
  return "";
}

std::string cpu_model() {
  std::ifstream f("/proc/cpuinfo");
  std::string line;
  while (std::getline(f, line)) {
    if (line.rfind("model name", 0) != 0) continue;
    const auto colon = line.find(':');
    if (colon != std::string::npos) return trim(line.substr(colon + 1));
  }
  return "unknown";
}

}  // namespace

HostInfo host_info() {
  HostInfo h;
  char name[256] = {};
  if (gethostname(name, sizeof name - 1) == 0) h.host = name;
  const std::string dist = distribution();
  h.os = dist.empty() ? "linux" : "linux (" + dist + ")";
  utsname u{};
  if (uname(&u) == 0) h.kernel = u.release;
  h.cpu_model = cpu_model();
  cpu_set_t set;
  CPU_ZERO(&set);
  h.cores = sched_getaffinity(0, sizeof set, &set) == 0 ? static_cast<unsigned>(CPU_COUNT(&set))
                                                         : static_cast<unsigned>(sysconf(_SC_NPROCESSORS_ONLN));
  return h;
}

// proc(5): the `cpu` line holds user nice system idle iowait irq softirq steal guest guest_nice.
std::optional<CpuTicks> read_cpu_ticks() {
  std::ifstream f("/proc/stat");
  std::string line;
  if (!std::getline(f, line) || line.rfind("cpu ", 0) != 0) return std::nullopt;
  std::istringstream in(line.substr(4));
  CpuTicks t;
  for (int i = 0; i < 8; ++i) {
    std::uint64_t v = 0;
    if (!(in >> v)) return std::nullopt;
    t.total += v;
    if (i == 7) t.steal = v;
  }
  return t;
}

}  // namespace sgn
