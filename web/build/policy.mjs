// Builds the playground's policy module (crates/dockwise-policy-wasm: Rego
// policies with regorus, compiled to WebAssembly) into web/generated/policy/
// (dockwise_policy.js and dockwise_policy_bg.wasm), which the page imports
// the first time the Policy tab opens: it is never part of the first load.
//
//   node web/build/policy.mjs [--release]
//
// Run as a Trunk pre-build hook it follows Trunk's profile
// (TRUNK_PROFILE=release builds the size-tuned wasm). Files are replaced
// only when their content changed (see write.mjs), so `trunk serve` does
// not rebuild for ever.
import { execFileSync } from "node:child_process";
import { mkdtempSync, renameSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { syncDir } from "./write.mjs";

const root = resolve(import.meta.dirname, "../..");
const release = process.argv.includes("--release") || process.env.TRUNK_PROFILE === "release";
const out = resolve(root, "web/generated/policy");
const targetDir = process.env.CARGO_TARGET_DIR || join(root, "target");
const profile = release ? "wasm-release" : "dev";
const profileDir = release ? "wasm-release" : "debug";

const run = (cmd, argv) => execFileSync(cmd, argv, { stdio: ["ignore", "inherit", "inherit"], cwd: root });

run("cargo", ["build", "--locked", "-q", "-p", "dockwise-policy-wasm", "--target", "wasm32-unknown-unknown", "--profile", profile]);
const wasm = join(targetDir, "wasm32-unknown-unknown", profileDir, "dockwise_policy_wasm.wasm");

const scratch = mkdtempSync(join(tmpdir(), "dockwise-policy-"));
try {
  run("wasm-bindgen", ["--target", "web", "--no-typescript", "--out-dir", scratch, "--out-name", "dockwise_policy", wasm]);
  if (release) {
    const file = join(scratch, "dockwise_policy_bg.wasm");
    run("wasm-opt", ["-Oz", "--enable-bulk-memory", "--enable-nontrapping-float-to-int", "--enable-sign-ext", "--enable-mutable-globals", file, "-o", file + ".opt"]);
    renameSync(file + ".opt", file);
  }
  syncDir(scratch, out);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
