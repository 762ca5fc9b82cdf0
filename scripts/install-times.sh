#!/usr/bin/env bash
# Measures the first-run tool installs of scripts/lib.sh as a fresh machine
# meets them: each `cargo install` into a scratch root with an empty target
# dir (crates already downloaded are reused: download time is not counted).
# Prints wall-clock and CPU (user+sys) seconds of:
#   before    trunk as its own package builds it (fat LTO, one codegen unit)
#   after     trunk as lib.sh builds it ($TOOL_PROFILE: no LTO, 16 codegen units)
#   bindgen   wasm-bindgen-cli at the lockfile's version
#   together  trunk (lib.sh's way) and wasm-bindgen-cli side by side, as lib.sh runs them
# Usage: scripts/install-times.sh [before] [after] [bindgen] [together]   (default: all four)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
bindgen="wasm-bindgen-cli@$(wasm_bindgen_version)"
trunk="trunk@$TRUNK_VERSION"

measure() { # label, command...
  local label="$1"; shift
  /usr/bin/time -f "%e %U %S" -o "$scratch/time" "$@" >"$scratch/log" 2>&1 || { tail -20 "$scratch/log"; exit 1; }
  read -r wall user sys <"$scratch/time"
  printf '%-50s wall %5.0f s   cpu %5.0f s\n' "$label" "$wall" "$(echo "$user + $sys" | bc)"
}
# cargo install into a fresh scratch root and target dir
fresh() { local d; d="$(mktemp -d -p "$scratch")"; echo "--root $d/root --target-dir $d/target"; }

for w in ${@:-before after bindgen together}; do
  case "$w" in
    before) measure "$trunk, its own release profile" cargo install -q $(fresh) --locked --ignore-rust-version "$trunk" ;;
    after) measure "$trunk, lib.sh's profile" env $TOOL_PROFILE cargo install -q $(fresh) --locked --ignore-rust-version "$trunk" ;;
    bindgen) measure "$bindgen" cargo install -q $(fresh) "$bindgen" ;;
    together) measure "both side by side (lib.sh)" bash -c "env $TOOL_PROFILE cargo install -q $(fresh) --locked --ignore-rust-version $trunk & cargo install -q $(fresh) $bindgen && wait \$!" ;;
    *) echo "unknown measurement: $w" >&2; exit 2 ;;
  esac
done
