#include "errors.h"

#include "addon_data.h"

namespace sgb {

void set_error_class(Napi::Env env, Napi::Function cls) { addon_data(env).error_class = Napi::Persistent(cls); }

Napi::Value make_io_error(Napi::Env env, const sg::IoError& e, const std::string& model) {
  std::string message = sg::error_message(e) + " [model=" + model + "]";
  std::string code = sg::error_portable_name(e);
  std::string os_code = sg::error_os_name(e);
  Napi::FunctionReference& cls = addon_data(env).error_class;
  if (cls.IsEmpty()) {
    Napi::Error err = Napi::Error::New(env, message);
    err.Set("code", code);
    return err.Value();
  }
  return cls.New({Napi::String::New(env, message), Napi::String::New(env, code), Napi::Number::New(env, e.code),
                  Napi::String::New(env, os_code), Napi::String::New(env, e.syscall), Napi::String::New(env, model)});
}

}  // namespace sgb
