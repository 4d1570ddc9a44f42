#pragma once
#include <napi.h>

#include <string>

#include "../core/error.h"

namespace sgb {

// Stores the JS NativeIoError class handed over by `initialize()` (src/native.ts).
void set_error_class(Napi::Env env, Napi::Function cls);
// A NativeIoError instance: message "<syscall> failed: <OSNAME> (<n>)[: detail] [model=<m>]",
// code (portable), osErrno, osCode, syscall, model.
Napi::Value make_io_error(Napi::Env env, const sg::IoError& e, const std::string& model);

}  // namespace sgb
