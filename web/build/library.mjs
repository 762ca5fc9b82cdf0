// Builds the Dockwise JavaScript library (crates/dockwise-wasm, the core with
// its fixes, compiled to WebAssembly) for the browser and for Node:
//
//   node web/build/library.mjs [--release] [--node] [--no-docs] [--out DIR]
//
// writes DIR/dockwise.js, DIR/dockwise_bg.wasm and DIR/dockwise.d.ts (ES
// module for browsers; default DIR: web/generated/lib, which the playground
// loads when fixes are first needed), and with --node also DIR/node/ (a
// CommonJS build for Node). Run as a Trunk pre-build hook it follows
// Trunk's profile (TRUNK_PROFILE=release builds the size-tuned wasm).
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, renameSync, rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { syncDir } from "./write.mjs";

const root = resolve(import.meta.dirname, "../..");
const args = process.argv.slice(2);
const release = args.includes("--release") || process.env.TRUNK_PROFILE === "release";
const node = args.includes("--node");
// --no-docs: without the rules' docs and quizzes (the playground fetches rules.json)
const docs = !args.includes("--no-docs");
const outIndex = args.indexOf("--out");
const out = resolve(root, outIndex >= 0 ? args[outIndex + 1] : "web/generated/lib");
const targetDir = process.env.CARGO_TARGET_DIR || join(root, "target");
const profile = release ? "wasm-release" : "dev";
const profileDir = release ? "wasm-release" : "debug";

const run = (cmd, argv) => execFileSync(cmd, argv, { stdio: ["ignore", "inherit", "inherit"], cwd: root });

run("cargo", ["build", "--locked", "-q", "-p", "dockwise-wasm", "--target", "wasm32-unknown-unknown", "--profile", profile, ...(docs ? [] : ["--no-default-features"])]);
const wasm = join(targetDir, "wasm32-unknown-unknown", profileDir, "dockwise_wasm.wasm");

// Built in a scratch directory, then copied into `dir` file by file where
// the content changed, so an unchanged library rewrites nothing (see
// write.mjs: `trunk serve` would otherwise rebuild for ever).
function bindgen(target, dir) {
  const scratch = mkdtempSync(join(tmpdir(), "dockwise-lib-"));
  try {
    run("wasm-bindgen", ["--target", target, "--out-dir", scratch, "--out-name", "dockwise", wasm]);
    if (release) {
      const file = join(scratch, "dockwise_bg.wasm");
      run("wasm-opt", ["-Oz", "--enable-bulk-memory", "--enable-nontrapping-float-to-int", "--enable-sign-ext", "--enable-mutable-globals", file, "-o", file + ".opt"]);
      renameSync(file + ".opt", file);
    }
    mkdirSync(dir, { recursive: true });
    syncDir(scratch, dir);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

bindgen("web", out);
if (node) bindgen("nodejs", join(out, "node"));
if (!existsSync(join(out, "dockwise.d.ts"))) throw new Error("wasm-bindgen wrote no TypeScript declarations");
