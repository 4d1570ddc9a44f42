#pragma once
// Long, blocking work runs on a std::thread of its own (never on libuv's 4-thread pool, which
// fs and dns share) and settles a promise through a thread-safe function.
#include <napi.h>

#include <functional>
#include <memory>
#include <thread>

namespace sgb {

// `work` runs on a new thread and returns a settle function that runs on the JS thread.
using Settle = std::function<void(Napi::Env, Napi::Promise::Deferred&)>;

inline Napi::Promise run_on_thread(Napi::Env env, const char* name, std::function<Settle()> work) {
  auto deferred = std::make_shared<Napi::Promise::Deferred>(env);
  Napi::Promise promise = deferred->Promise();
  auto tsfn = Napi::ThreadSafeFunction::New(env, Napi::Function::New(env, [](const Napi::CallbackInfo&) {}), name, 0, 1);
  std::thread([tsfn, deferred, work = std::move(work)]() mutable {
    auto settle = std::make_shared<Settle>(work());
    tsfn.BlockingCall([deferred, settle](Napi::Env env, Napi::Function) {
      Napi::HandleScope scope(env);
      (*settle)(env, *deferred);
    });
    tsfn.Release();
  }).detach();
  return promise;
}

}  // namespace sgb
