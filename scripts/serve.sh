#!/usr/bin/env bash
# Installs what is missing, builds the playground in release mode and serves
# it on http://127.0.0.1:8080. Usage: scripts/serve.sh [--dev]
source "$(dirname "$0")/lib.sh"
ensure_web_tools
if [ "${1:-}" = "--dev" ]; then
  step "trunk serve (debug build, rebuilds on change) on http://127.0.0.1:8080"
  exec trunk serve --no-autoreload
fi
step "trunk serve --release on http://127.0.0.1:8080"
exec trunk serve --release --no-autoreload
