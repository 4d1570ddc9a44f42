#include "convert.h"

namespace sgb {

namespace {
std::string str(const Napi::Object& o, const char* k) { return o.Get(k).As<Napi::String>().Utf8Value(); }
double num(const Napi::Object& o, const char* k) { return o.Get(k).As<Napi::Number>().DoubleValue(); }
bool flag(const Napi::Object& o, const char* k) { return o.Get(k).ToBoolean().Value(); }
}  // namespace

sg::CellSpec to_cell_spec(const Napi::Object& o) {
  sg::CellSpec s;
  s.model = str(o, "model");
  sg::parse_strategy(str(o, "strategy"), s.strategy);
  Napi::Array b = o.Get("buffers").As<Napi::Array>();
  for (uint32_t i = 0; i < b.Length(); ++i) s.buffers.push_back(b.Get(i).As<Napi::Number>().Uint32Value());
  Napi::Object recv = o.Get("recv").As<Napi::Object>();
  s.recv.single = str(recv, "kind") == "single";
  if (s.recv.single) s.recv.bytes = static_cast<std::uint32_t>(num(recv, "bytes"));
  s.connections = static_cast<unsigned>(num(o, "connections"));
  s.depth = static_cast<unsigned>(num(o, "depth"));
  sg::parse_mode(str(o, "mode"), s.mode);
  s.verify = flag(o, "verify");
  s.nodelay = flag(o, "nodelay");
  sg::parse_affinity(str(o, "affinity"), s.affinity);
  s.threads = static_cast<unsigned>(num(o, "threads"));
  s.sndbuf = static_cast<int>(num(o, "sndbuf"));
  s.rcvbuf = static_cast<int>(num(o, "rcvbuf"));
  s.host = str(o, "host");
  s.port = static_cast<std::uint16_t>(num(o, "port"));
  sg::parse_peer(str(o, "peer"), s.peer);
  if (o.Has("direction") && o.Get("direction").IsString()) sg::parse_direction(str(o, "direction"), s.direction);
  s.timeout_ns = static_cast<std::uint64_t>(num(o, "timeoutMs")) * 1'000'000ull;
  return s;
}

sg::ServerOptions to_server_options(const Napi::Object& o) {
  sg::ServerOptions s;
  s.host = str(o, "host");
  s.port = static_cast<std::uint16_t>(num(o, "port"));
  s.threads = static_cast<unsigned>(num(o, "threads"));
  s.cpu = static_cast<int>(num(o, "cpu"));
  s.log = flag(o, "log");
  if (o.Has("peer") && o.Get("peer").IsString()) sg::parse_peer(str(o, "peer"), s.peer);
  if (o.Has("mode") && o.Get("mode").IsString()) sg::parse_mode(str(o, "mode"), s.raw_mode);
  if (o.Has("recvBytes") && o.Get("recvBytes").IsNumber()) s.raw_recv_bytes = static_cast<std::uint32_t>(num(o, "recvBytes"));
  if (o.Has("memoryBudget") && o.Get("memoryBudget").IsNumber()) s.memory_budget = static_cast<std::uint64_t>(num(o, "memoryBudget"));
  return s;
}

Napi::Object from_sample(Napi::Env env, const sg::SampleResult& r, sg::Mode mode,
                         const std::vector<double>& percentiles) {
  Napi::Object o = Napi::Object::New(env);
  auto n = [&](const char* k, double v) { o.Set(k, Napi::Number::New(env, v)); };
  n("bytes", static_cast<double>(r.bytes));
  n("messages", static_cast<double>(r.messages));
  n("sendCalls", static_cast<double>(r.send_calls));
  n("recvCalls", static_cast<double>(r.recv_calls));
  n("partialSends", static_cast<double>(r.partial_sends));
  n("partialRecvs", static_cast<double>(r.partial_recvs));
  n("wallNs", static_cast<double>(r.wall_ns));
  if (r.client_cpu_ns >= 0) n("clientCpuNs", static_cast<double>(r.client_cpu_ns));
  else o.Set("clientCpuNs", env.Null());
  n("minConnBytes", static_cast<double>(r.min_conn_bytes));
  n("maxConnBytes", static_cast<double>(r.max_conn_bytes));
  if (r.server_cpu_ns >= 0) n("serverCpuNs", static_cast<double>(r.server_cpu_ns));
  else o.Set("serverCpuNs", env.Null());
  if (mode == sg::Mode::echo && r.latency.count() > 0) {
    Napi::Object l = Napi::Object::New(env);
    l.Set("count", Napi::Number::New(env, static_cast<double>(r.latency.count())));
    l.Set("p50Us", Napi::Number::New(env, r.latency.quantile(0.50) / 1000.0));
    l.Set("p99Us", Napi::Number::New(env, r.latency.quantile(0.99) / 1000.0));
    l.Set("p999Us", Napi::Number::New(env, r.latency.quantile(0.999) / 1000.0));
    l.Set("maxUs", Napi::Number::New(env, r.latency.max() / 1000.0));
    Napi::Array extra = Napi::Array::New(env, percentiles.size());
    for (std::size_t i = 0; i < percentiles.size(); ++i) {
      Napi::Object e = Napi::Object::New(env);
      e.Set("percentile", Napi::Number::New(env, percentiles[i]));
      e.Set("us", Napi::Number::New(env, r.latency.quantile(percentiles[i] / 100.0) / 1000.0));
      extra.Set(static_cast<uint32_t>(i), e);
    }
    l.Set("percentiles", extra);
    o.Set("latency", l);
  } else {
    o.Set("latency", env.Null());
  }
  return o;
}

}  // namespace sgb
