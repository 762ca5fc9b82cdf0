# Shared by serve.sh, test.sh and bench.sh: install what a fresh Debian
# machine with rustup, cargo, node and npm lacks. Only crates.io, npm and
# Debian's packages are used; each step is skipped when already satisfied.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"
TRUNK_VERSION="0.22.1"

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
    step "cargo install trunk $TRUNK_VERSION (about 13 minutes, once)"
    cargo install --locked --ignore-rust-version "trunk@$TRUNK_VERSION"
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
    step "cargo install wasm-bindgen-cli $v (about 3 minutes, once)"
    cargo install wasm-bindgen-cli --version "$v"
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

ensure_web_tools() {
  ensure_wasm_target
  ensure_npm
  ensure_wasm_bindgen
  ensure_trunk
}

build_playground() {
  step "trunk build --release (the playground, size-tuned)"
  trunk build --release
}
