// The Node-API face of the core: the only file set that includes napi.h. It converts, starts
// native work on threads of its own and converts results back; no measurement logic lives here.
#include <napi.h>

#include "../core/backend.h"
#include "../core/client_session.h"
#include "../core/server.h"
#include "addon_data.h"
#include "async.h"
#include "convert.h"
#include "errors.h"

namespace sgb {

namespace {

Napi::Value Initialize(const Napi::CallbackInfo& info) {
  set_error_class(info.Env(), info[0].As<Napi::Function>());
  return info.Env().Undefined();
}

Napi::Value Models(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Napi::Array out = Napi::Array::New(env);
  uint32_t i = 0;
  for (const sg::Backend& b : sg::backends()) {
    sg::Probe p = b.probe();
    Napi::Object o = Napi::Object::New(env);
    o.Set("model", b.model);
    o.Set("mechanism", b.mechanism);
    if (p.available) {
      o.Set("state", "available");
      o.Set("depth", b.has_depth);
    } else {
      o.Set("state", "unavailable");
      o.Set("reason", p.reason);
    }
    out.Set(i++, o);
  }
  return out;
}

Napi::Object WrapSession(Napi::Env env, std::shared_ptr<sg::ClientSession> session) {
  {
    std::lock_guard<std::mutex> g(addon_data(env).mu);
    addon_data(env).sessions.insert(session);
  }
  auto holder = std::make_shared<std::shared_ptr<sg::ClientSession>>(session);
  Napi::Object o = Napi::Object::New(env);
  o.Set("sample", Napi::Function::New(env, [holder](const Napi::CallbackInfo& info) -> Napi::Value {
          Napi::Env env = info.Env();
          std::shared_ptr<sg::ClientSession> s = *holder;
          if (!s) {
            Napi::Error::New(env, "session is closed").ThrowAsJavaScriptException();
            return env.Undefined();
          }
          Napi::Object budget = info[0].As<Napi::Object>();
          auto duration = static_cast<std::uint64_t>(budget.Get("durationNs").As<Napi::Number>().DoubleValue());
          auto bytes = static_cast<std::uint64_t>(budget.Get("bytes").As<Napi::Number>().DoubleValue());
          std::vector<double> percentiles;
          if (budget.Has("percentiles") && budget.Get("percentiles").IsArray()) {
            Napi::Array a = budget.Get("percentiles").As<Napi::Array>();
            for (uint32_t i = 0; i < a.Length(); ++i) percentiles.push_back(a.Get(i).As<Napi::Number>().DoubleValue());
          }
          return run_on_thread(env, "sgbench.sample", [s, duration, bytes, percentiles]() -> Settle {
            sg::SampleResult r;
            sg::IoError e = s->sample(duration, bytes, r);
            std::string model = s->spec().model;
            sg::Mode mode = s->spec().mode;
            return [e, r = std::move(r), model, mode, percentiles](Napi::Env env, Napi::Promise::Deferred& d) {
              if (e) d.Reject(make_io_error(env, e, model));
              else d.Resolve(from_sample(env, r, mode, percentiles));
            };
          });
        }));
  o.Set("cancel", Napi::Function::New(env, [holder](const Napi::CallbackInfo& info) -> Napi::Value {
          if (*holder) (*holder)->cancel();
          return info.Env().Undefined();
        }));
  o.Set("close", Napi::Function::New(env, [holder](const Napi::CallbackInfo& info) -> Napi::Value {
          Napi::Env env = info.Env();
          std::shared_ptr<sg::ClientSession> s = std::move(*holder);
          if (s) {
            std::lock_guard<std::mutex> g(addon_data(env).mu);
            addon_data(env).sessions.erase(s);
          }
          // Closing joins nothing but may wait for a running sample to let go: off the JS thread.
          return run_on_thread(env, "sgbench.close", [s]() mutable -> Settle {
            s.reset();
            return [](Napi::Env env, Napi::Promise::Deferred& d) { d.Resolve(env.Undefined()); };
          });
        }));
  return o;
}

Napi::Value OpenSession(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  sg::CellSpec spec = to_cell_spec(info[0].As<Napi::Object>());
  // Connecting and handshaking block: on a thread of their own.
  return run_on_thread(env, "sgbench.open", [spec]() -> Settle {
    sg::IoError e;
    std::shared_ptr<sg::ClientSession> s(sg::ClientSession::open(spec, e).release());
    return [e, s, model = spec.model](Napi::Env env, Napi::Promise::Deferred& d) {
      if (!s) d.Reject(make_io_error(env, e, model));
      else d.Resolve(WrapSession(env, s));
    };
  });
}

Napi::Value StartServer(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  sg::ServerOptions opts = to_server_options(info[0].As<Napi::Object>());
  sg::IoError e;
  std::shared_ptr<sg::Server> server(sg::start_server(opts, e).release());
  if (!server) {
    Napi::Value err = make_io_error(env, e, "overlapped-event");
    Napi::Error(env, err).ThrowAsJavaScriptException();
    return env.Undefined();
  }
  {
    std::lock_guard<std::mutex> g(addon_data(env).mu);
    addon_data(env).servers.insert(server);
  }
  Napi::Object o = Napi::Object::New(env);
  o.Set("port", Napi::Number::New(env, server->port()));
  o.Set("stats", Napi::Function::New(env, [server](const Napi::CallbackInfo& info) -> Napi::Value {
          sg::ServerStats s = server->stats();
          Napi::Object r = Napi::Object::New(info.Env());
          auto n = [&](const char* k, std::uint64_t v) { r.Set(k, Napi::Number::New(info.Env(), static_cast<double>(v))); };
          n("accepted", s.accepted);
          n("refused", s.refused);
          n("timedOut", s.timed_out);
          n("active", s.active);
          n("bytesReceived", s.bytes_received);
          n("bytesSent", s.bytes_sent);
          n("memoryReserved", s.memory_reserved);
          return r;
        }));
  o.Set("stop", Napi::Function::New(env, [server](const Napi::CallbackInfo& info) -> Napi::Value {
          Napi::Env env = info.Env();
          {
            std::lock_guard<std::mutex> g(addon_data(env).mu);
            addon_data(env).servers.erase(server);
          }
          return run_on_thread(env, "sgbench.stop", [server]() -> Settle {
            server->stop();
            return [](Napi::Env env, Napi::Promise::Deferred& d) { d.Resolve(env.Undefined()); };
          });
        }));
  return o;
}

void Cleanup(AddonData* data) {
  std::lock_guard<std::mutex> g(data->mu);
  for (auto& s : data->sessions) s->cancel();
  for (auto& s : data->servers) s->stop();
}

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  auto* data = new AddonData();
  env.SetInstanceData<AddonData>(data);
  env.AddCleanupHook([data] { Cleanup(data); });
  exports.Set("initialize", Napi::Function::New(env, Initialize));
  exports.Set("models", Napi::Function::New(env, Models));
  exports.Set("openSession", Napi::Function::New(env, OpenSession));
  exports.Set("startServer", Napi::Function::New(env, StartServer));
#ifdef _WIN32
  exports.Set("platform", "win32");
#else
  exports.Set("platform", "linux");
#endif
  return exports;
}

}  // namespace

}  // namespace sgb

static Napi::Object InitSgbench(Napi::Env env, Napi::Object exports) { return sgb::Init(env, exports); }

NODE_API_MODULE(sgbench, InitSgbench)
