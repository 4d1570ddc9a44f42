#include "cell_statistics.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace sgn {

namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double kGiB = 1024.0 * 1024.0 * 1024.0;

// Lanczos log-gamma with tinybench's coefficients (g = 7, n = 9).
double log_gamma(double x) {
  static const double a[] = {676.5203681218851,     -1259.1392167224028,  771.3234287776531,
                             -176.6150291621406,    12.507343278686905,   -0.13857109526572012,
                             9.984369578019572e-6,  1.5056327351493116e-7};
  double t = 0.9999999999998099;
  for (int n = 0; n < 8; ++n) t += a[n] / (x + n);
  return 0.5 * std::log(2 * kPi) + (x - 0.5) * std::log(x + 6.5) - (x + 6.5) + std::log(t);
}

// Continued fraction of the regularized incomplete beta function (modified Lentz).
double beta_fraction(double a, double b, double x) {
  const double qab = a + b, qap = a + 1, qam = a - 1;
  double c = 1, d = 1 - qab * x / qap;
  if (std::fabs(d) < 1e-300) d = 1e-300;
  d = 1 / d;
  double h = d;
  for (int m = 1; m <= 300; ++m) {
    const int m2 = 2 * m;
    double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (std::fabs(d) < 1e-300) d = 1e-300;
    c = 1 + aa / c;
    if (std::fabs(c) < 1e-300) c = 1e-300;
    d = 1 / d;
    h *= d * c;
    aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (std::fabs(d) < 1e-300) d = 1e-300;
    c = 1 + aa / c;
    if (std::fabs(c) < 1e-300) c = 1e-300;
    d = 1 / d;
    const double del = d * c;
    h *= del;
    if (std::fabs(del - 1) < 1e-16) break;
  }
  return h;
}

// Linear-interpolation quantile of sorted values (tinybench's `quant`).
double quantile(const std::vector<double>& s, double q) {
  const double pos = (static_cast<double>(s.size()) - 1) * q;
  const auto lo = static_cast<std::size_t>(std::floor(pos));
  const double a = s[lo];
  if (pos == static_cast<double>(lo)) return a;
  const double b = s[lo + 1];
  if (a == b) return a;
  const double f = pos - static_cast<double>(lo);
  if (f == 0.5) return std::isfinite(a + b) ? (a + b) / 2 : a / 2 + b / 2;
  const double d = b - a;
  return std::isfinite(d) ? a + f * d : (1 - f) * a + f * b;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const std::size_t mid = v.size() >> 1;
  return v.size() % 2 == 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

}  // namespace

double t_critical_975(double df_in) {
  const double df = df_in > 0 ? df_in : 1, half = df / 2, a = 0.5;
  const double lbeta_ratio =
      half < 12 ? log_gamma(half + 0.5) - log_gamma(half)
                : 0.5 * std::log(half) - 1 / (8 * half) + 1 / (192 * std::pow(half, 3)) -
                      1 / (640 * std::pow(half, 5)) + 0.00118582565234835 / std::pow(half, 7) -
                      0.00167977198469943 / std::pow(half, 9) + 0.00342404392538552 / std::pow(half, 11);
  const double half_log_pi = 0.5 * std::log(kPi);
  const double log_density_norm = lbeta_ratio - 0.5 * std::log(df * kPi);
  auto upper_tail = [&](double t) {
    const double t2 = t * t, x = t2 / (df + t2);
    const double front = std::exp(lbeta_ratio - half_log_pi + half * std::log1p(-x) + a * std::log(x));
    return x <= 0.5 ? 1 - front * beta_fraction(a, half, x) / a : front * beta_fraction(half, a, 1 - x) / half;
  };
  auto log_density = [&](double t) { return log_density_norm - (df + 1) / 2 * std::log1p(t * t / df); };
  double t = 1.959963984540054;
  for (int i = 0; i < 30; ++i) {
    const double inv_density = std::exp(-log_density(t));
    const double step = 0.5 * (upper_tail(t) - 0.05) * inv_density;
    if (!std::isfinite(step)) break;
    const double next = t + step;
    if (!(next > 0)) break;
    t = next;
    if (std::fabs(step) <= 4e-16 * inv_density) break;
  }
  return t;
}

double sample_bytes_per_s(const sg::SampleResult& r) {
  return r.wall_ns > 0 ? static_cast<double>(r.bytes) * 1e9 / static_cast<double>(r.wall_ns) : 0;
}

std::optional<double> cpu_seconds_per_gib(std::optional<double> cpu_ns, std::uint64_t bytes) {
  if (!cpu_ns || bytes == 0) return std::nullopt;
  return *cpu_ns / 1e9 / (static_cast<double>(bytes) / kGiB);
}

std::optional<LatencyUs> sample_latency(const sg::SampleResult& r, sg::Mode mode) {
  if (mode != sg::Mode::echo || r.latency.count() == 0) return std::nullopt;
  return LatencyUs{static_cast<double>(r.latency.quantile(0.50)) / 1000.0,
                   static_cast<double>(r.latency.quantile(0.99)) / 1000.0,
                   static_cast<double>(r.latency.quantile(0.999)) / 1000.0,
                   static_cast<double>(r.latency.max()) / 1000.0};
}

CellStatistics cell_statistics(const std::vector<sg::SampleResult>& samples, sg::Mode mode) {
  CellStatistics s;
  s.samples = samples.size();
  if (samples.empty()) return s;
  double bytes = 0, wall_ns = 0, messages = 0, calls = 0, client_cpu = 0, server_cpu = 0;
  bool client_known = true, server_known = true;
  std::vector<double> throughput;
  std::vector<LatencyUs> latencies;
  for (const auto& r : samples) {
    bytes += static_cast<double>(r.bytes);
    wall_ns += static_cast<double>(r.wall_ns);
    messages += static_cast<double>(r.messages);
    calls += static_cast<double>(r.send_calls + r.recv_calls);
    if (r.client_cpu_ns < 0) client_known = false;
    else client_cpu += static_cast<double>(r.client_cpu_ns);
    if (r.server_cpu_ns < 0) server_known = false;
    else server_cpu += static_cast<double>(r.server_cpu_ns);
    s.partial_sends += r.partial_sends;
    // The runner hands tinybench milliseconds per byte; tinybench's throughput is 1000 / that.
    const double ms_per_byte = static_cast<double>(r.wall_ns) / 1e6 / static_cast<double>(r.bytes);
    throughput.push_back(ms_per_byte == 0 ? 0 : 1e3 / ms_per_byte);
    if (auto l = sample_latency(r, mode)) latencies.push_back(*l);
  }
  const double wall_s = wall_ns / 1e9;
  s.bytes_per_s = wall_s > 0 ? bytes / wall_s : 0;
  s.gbit_per_s = s.bytes_per_s * 8 / 1e9;
  s.msgs_per_s = wall_s > 0 ? messages / wall_s : 0;
  if (messages > 0) s.syscalls_per_msg = calls / messages;
  const auto total_bytes = static_cast<std::uint64_t>(bytes);
  s.client_cpu_s_per_gib = client_known ? cpu_seconds_per_gib(client_cpu, total_bytes) : std::nullopt;
  s.server_cpu_s_per_gib = server_known ? cpu_seconds_per_gib(server_cpu, total_bytes) : std::nullopt;

  // tinybench's statistics of the sorted per-sample throughputs: Welford mean and variance.
  std::sort(throughput.begin(), throughput.end());
  const std::size_t n = throughput.size();
  double mean = throughput[0], m2 = 0;
  if (n > 1) {
    mean = 0;
    for (std::size_t i = 0; i < n; ++i) {
      const double delta = throughput[i] - mean;
      mean += delta / static_cast<double>(i + 1);
      m2 += delta * (throughput[i] - mean);
    }
  }
  const double variance = n > 1 ? m2 / static_cast<double>(n - 1) : 0;
  s.sd_bytes_per_s = std::sqrt(variance);
  const double sem = s.sd_bytes_per_s / std::sqrt(static_cast<double>(n));
  const double moe = sem * t_critical_975(static_cast<double>(n - 1));
  s.rme_pct = mean == 0 ? std::numeric_limits<double>::infinity() : moe / std::fabs(mean) * 100;
  s.min_bytes_per_s = throughput.front();
  s.max_bytes_per_s = throughput.back();
  s.p50_bytes_per_s = quantile(throughput, 0.5);

  if (!latencies.empty() && latencies.size() == samples.size()) {
    std::vector<double> p50, p99, p999;
    double mx = 0;
    for (const auto& l : latencies) {
      p50.push_back(l.p50);
      p99.push_back(l.p99);
      p999.push_back(l.p999);
      mx = std::max(mx, l.max);
    }
    s.latency = LatencyUs{median(p50), median(p99), median(p999), mx};
  }
  return s;
}

}  // namespace sgn
