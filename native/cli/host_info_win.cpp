#include <winsock2.h>
#include <windows.h>

#include "host_info.h"

namespace sgn {

namespace {

// RtlGetVersion reports the real version; GetVersionEx lies to unmanifested programs.
std::string windows_version() {
  using RtlGetVersionFn = LONG(WINAPI*)(OSVERSIONINFOW*);
  HMODULE ntdll = GetModuleHandleW(L"ntdll.dll");
  if (!ntdll) return "";
  auto fn = reinterpret_cast<RtlGetVersionFn>(reinterpret_cast<void*>(GetProcAddress(ntdll, "RtlGetVersion")));
  if (!fn) return "";
  OSVERSIONINFOW v{};
  v.dwOSVersionInfoSize = sizeof v;
  if (fn(&v) != 0) return "";
  return std::to_string(v.dwMajorVersion) + "." + std::to_string(v.dwMinorVersion) + "." +
         std::to_string(v.dwBuildNumber);
}

std::string cpu_model() {
  char buf[256] = {};
  DWORD size = sizeof buf;
  if (RegGetValueA(HKEY_LOCAL_MACHINE, "HARDWARE\\DESCRIPTION\\System\\CentralProcessor\\0", "ProcessorNameString",
                   RRF_RT_REG_SZ, nullptr, buf, &size) != ERROR_SUCCESS)
    return "unknown";
  std::string s = buf;
  const auto b = s.find_first_not_of(' ');
  const auto e = s.find_last_not_of(' ');
  return b == std::string::npos ? "unknown" : s.substr(b, e - b + 1);
}

}  // namespace

HostInfo host_info() {
  HostInfo h;
  char name[256] = {};
  DWORD size = sizeof name;
  if (GetComputerNameExA(ComputerNameDnsHostname, name, &size)) h.host = name;
  h.os = "win32";
  h.kernel = windows_version();
  h.cpu_model = cpu_model();
  h.cores = GetActiveProcessorCount(ALL_PROCESSOR_GROUPS);
  return h;
}

std::optional<CpuTicks> read_cpu_ticks() { return std::nullopt; }

}  // namespace sgn
