#!/bin/sh
# `npm run test:sanitize`: builds the core tests and the addon with AddressSanitizer +
# UndefinedBehaviorSanitizer (build-asan/), and the core tests and sgbench-native with
# ThreadSanitizer (build-tsan/); then runs the core tests under each, the cells of
# scripts/sanitize-cells.mjs in node with the ASan addon, and the same cells as child processes of
# the TSan sgbench-native (TSan cannot see node's own synchronisation: see sanitize-cells.mjs).
# Any failure or sanitizer report fails the run. Every step runs under timeout(1); the whole run
# takes about 5-6 minutes on 2 cores, most of it the two builds.
set -eu
cd "$(dirname "$0")/.."

# timeout(1) with a kill 10 s after the TERM, for a step that ignores it.
bounded() {
  secs=$1
  shift
  timeout -k 10 "$secs" "$@"
}

bounded 120 npx tsc -p tsconfig.json

run_checked() {
  # $1: label, $2: seconds, $3: log file; the command follows. Fails on a non-zero exit (124/137:
  # the time ran out) or any report.
  label=$1 secs=$2 log=$3
  shift 3
  rc=0
  bounded "$secs" "$@" >"$log" 2>&1 || rc=$?
  if [ "$rc" -ne 0 ]; then
    cat "$log"
    echo "test:sanitize: $label failed (exit $rc)" >&2
    exit 1
  fi
  if grep -E 'ERROR: AddressSanitizer|ERROR: LeakSanitizer|runtime error:|WARNING: ThreadSanitizer|ThreadSanitizer: reported' "$log" >/dev/null; then
    cat "$log"
    echo "test:sanitize: $label: sanitizer report" >&2
    exit 1
  fi
  tail -n 1 "$log"
  echo "test:sanitize: $label: clean"
}

build() {
  # $1: output directory, $2: CMake option; the targets follow. cmake-js configures (it supplies the
  # Node-API headers), cmake builds only the targets this script runs.
  dir=$1 option=$2
  shift 2
  { bounded 120 npx cmake-js configure --out "$dir" "--CD$option=ON" &&
    bounded 600 nice cmake --build "$dir" --target "$@"; } >"$dir.build.log" 2>&1 || {
    cat "$dir.build.log"
    echo "test:sanitize: building $dir failed" >&2
    exit 1
  }
}

mkdir -p build-asan build-tsan
build build-asan SGBENCH_SANITIZE sgbench sgbench-core-tests
build build-tsan SGBENCH_TSAN sgbench-core-tests sgbench-native

export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1
run_checked "core tests (ASan+UBSan)" 120 build-asan/core-tests.log \
  env ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 build-asan/sgbench-core-tests
run_checked "core tests (TSan)" 180 build-tsan/core-tests.log build-tsan/sgbench-core-tests

# The addon inside node: the sanitizer runtime must be loaded first (LD_PRELOAD). Node itself is
# not instrumented and keeps allocations until exit, so leak checking is off for the process.
run_checked "cells in node (ASan+UBSan)" 300 build-asan/cells.log \
  env LD_PRELOAD="$(gcc -print-file-name=libasan.so)" ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 \
  SGBENCH_ADDON="$PWD/build-asan/Release/sgbench.node" node scripts/sanitize-cells.mjs
# TSan: node runs uninstrumented and starts each cell as a sgbench-native child (with its own timeout).
run_checked "cells in sgbench-native (TSan)" 300 build-tsan/cells.log \
  node scripts/sanitize-cells.mjs --native "$PWD/build-tsan/sgbench-native"
