# Shared by serve.sh, test.sh and bench.sh: install what a fresh Debian
# machine with rustup, cargo, node and npm lacks. Only crates.io, npm and
# Debian's packages are used; each step is skipped when already satisfied.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"
TRUNK_VERSION="0.22.1"
# Cargo profile settings for the tool installs (the environment overrides a
# package's own [profile.release]): Trunk's asks for fat LTO and one codegen
# unit, which on two cores is most of a first run; a build tool runs well
# without them. scripts/install-times.sh measures the difference.
TOOL_PROFILE="CARGO_PROFILE_RELEASE_LTO=off CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16"

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

# The wasm-bindgen version the lockfile pins (the CLI must match it exactly).
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock
}

ensure_wasm_target() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    step "rustup target add wasm32-unknown-unknown"
    rustup target add wasm32-unknown-unknown
  fi
}

ensure_trunk() {
  if ! trunk --version 2>/dev/null | grep -q "^trunk 0\.22\."; then
    step "cargo install trunk $TRUNK_VERSION (a few minutes, once)"
    # its own temporary target dir (not the project's), so it never waits for
    # another build's lock
    env -u CARGO_TARGET_DIR $TOOL_PROFILE cargo install --locked --ignore-rust-version "trunk@$TRUNK_VERSION"
  fi
}

ensure_wasm_bindgen() {
  local v
  v="$(wasm_bindgen_version)"
  if ! grep -q "wasm_bindgen = \"$v\"" Trunk.toml; then
    echo "Trunk.toml pins a different wasm-bindgen than Cargo.lock ($v): update [tools] wasm_bindgen" >&2
    exit 1
  fi
  if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $v" ]; then
    step "cargo install wasm-bindgen-cli $v (a few minutes, once)"
    env -u CARGO_TARGET_DIR cargo install wasm-bindgen-cli --version "$v"
  fi
}

ensure_npm() {
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    step "npm ci (CodeMirror, esbuild, binaryen's wasm-opt, playwright-core)"
    npm ci --no-audit --no-fund
  fi
  # Trunk must find binaryen 132's wasm-opt (Debian's is too old).
  wasm-opt --version | grep -q "version 132" || { echo "wasm-opt 132 not found in node_modules/.bin" >&2; exit 1; }
}

# TypeScript, to type-check the library's declarations (tests/library/types).
ensure_typescript() {
  if [ "$(.tsc/node_modules/.bin/tsc --version 2>/dev/null)" != "Version 5.9.3" ]; then
    step "npm install typescript 5.9.3 into .tsc"
    npm install --silent --no-audit --no-fund --prefix .tsc typescript@5.9.3
  fi
}

ensure_chromium() {
  if [ -x "${CHROMIUM:-/usr/bin/chromium}" ]; then return; fi
  step "apt-get install chromium chromium-driver"
  local sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium chromium-driver
}

# Trunk's install (the longest) runs in the background while npm and
# wasm-bindgen-cli install; its output is shown if it fails.
ensure_web_tools() {
  ensure_wasm_target
  local log pid=""
  log="$(mktemp)"
  if ! trunk --version 2>/dev/null | grep -q "^trunk 0\.22\."; then
    step "cargo install trunk $TRUNK_VERSION in the background (a few minutes, once)"
    (ensure_trunk >"$log" 2>&1) &
    pid=$!
  fi
  ensure_npm
  ensure_wasm_bindgen
  if [ -n "$pid" ]; then
    wait "$pid" || { cat "$log" >&2; echo "installing trunk failed" >&2; exit 1; }
    step "trunk installed"
  fi
  rm -f "$log"
  trunk --version | grep -q "^trunk 0\.22\." || { echo "trunk 0.22 not found" >&2; exit 1; }
}

build_playground() {
  step "trunk build --release (the playground, size-tuned)"
  trunk build --release
}
