#!/usr/bin/env bash
# An idle `trunk serve` builds once and then waits: its pre-build hooks
# rewrite nothing that did not change (web/build/write.mjs). Run after a
# release build, as scripts/test.sh does; fails if a second build starts
# within 30 s of the first one finishing with no file edited.
set -euo pipefail
cd "$(dirname "$0")/../.."
log=$(mktemp)
port=${IDLE_PORT:-8091}
trunk serve --release --no-autoreload --port "$port" >"$log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; rm -f "$log"' EXIT
for _ in $(seq 1 600); do
  grep -q 'success' "$log" && break
  if ! kill -0 $pid 2>/dev/null; then cat "$log"; echo "trunk serve stopped" >&2; exit 1; fi
  sleep 1
done
grep -q 'success' "$log" || { cat "$log"; echo "no first build in 600 s" >&2; exit 1; }
sleep 30
builds=$(grep -c 'starting build' "$log" || true)
if [ "$builds" -ne 1 ]; then
  grep -E 'starting build|success' "$log" >&2
  echo "FAIL: an idle trunk serve started $builds builds (expected 1)" >&2
  exit 1
fi
echo "an idle trunk serve built once and stayed idle for 30 s"
