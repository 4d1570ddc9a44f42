#!/bin/sh
# `npm run test:sanitize`: builds the core tests and the addon with AddressSanitizer +
# UndefinedBehaviorSanitizer (build-asan/) and with ThreadSanitizer (build-tsan/), then runs the
# core tests and scripts/sanitize-cells.mjs under each. Any sanitizer report fails the run.
set -eu
cd "$(dirname "$0")/.."

npx tsc -p tsconfig.json

run_checked() {
  # $1: label, $2: log file; the command follows. Fails on a non-zero exit or any report.
  label=$1 log=$2
  shift 2
  if ! "$@" >"$log" 2>&1; then
    cat "$log"
    echo "test:sanitize: $label failed" >&2
    exit 1
  fi
  if grep -E 'ERROR: AddressSanitizer|ERROR: LeakSanitizer|runtime error:|WARNING: ThreadSanitizer|ThreadSanitizer: reported' "$log" >/dev/null; then
    cat "$log"
    echo "test:sanitize: $label: sanitizer report" >&2
    exit 1
  fi
  tail -n 3 "$log"
  echo "test:sanitize: $label: clean"
}

build() {
  # $1: output directory, $2: CMake option
  npx cmake-js compile --out "$1" "--CD$2=ON" >"$1.build.log" 2>&1 || { cat "$1.build.log"; exit 1; }
}

mkdir -p build-asan build-tsan
build build-asan SGBENCH_SANITIZE
build build-tsan SGBENCH_TSAN

export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
run_checked "core tests (ASan+UBSan)" build-asan/core-tests.log \
  env ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 build-asan/sgbench-core-tests
run_checked "core tests (TSan)" build-tsan/core-tests.log \
  env TSAN_OPTIONS=halt_on_error=1 build-tsan/sgbench-core-tests

# The addon inside node: the sanitizer runtime must be loaded first (LD_PRELOAD). Node itself is
# not instrumented and keeps allocations until exit, so leak checking is off for the process.
run_checked "cells in node (ASan+UBSan)" build-asan/cells.log \
  env LD_PRELOAD="$(gcc -print-file-name=libasan.so)" ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 \
  SGBENCH_ADDON="$PWD/build-asan/Release/sgbench.node" node scripts/sanitize-cells.mjs
run_checked "cells in node (TSan)" build-tsan/cells.log \
  env LD_PRELOAD="$(gcc -print-file-name=libtsan.so)" TSAN_OPTIONS=halt_on_error=1:report_signal_unsafe=0 \
  SGBENCH_ADDON="$PWD/build-tsan/Release/sgbench.node" node scripts/sanitize-cells.mjs
