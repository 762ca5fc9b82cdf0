#!/usr/bin/env sh
# The pre-commit hook (see .pre-commit-hooks.yaml): builds the dockwise CLI
# in this checkout (once; later runs find it up to date) and lints the files
# pre-commit passes, with any arguments before them. DOCKWISE_HOOK_PROFILE
# picks the cargo profile (release by default; the tests use dev).
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
target=${CARGO_TARGET_DIR:-$here/target}
profile=${DOCKWISE_HOOK_PROFILE:-release}
cargo build --profile "$profile" --locked --quiet -p dockwise-cli --manifest-path "$here/Cargo.toml" >&2
dir=$profile
[ "$profile" = dev ] && dir=debug
exec "$target/$dir/dockwise" lint "$@"
