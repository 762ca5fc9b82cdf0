// Builds the Dockwise JavaScript library (crates/dockwise-wasm, the core with
// its fixes, compiled to WebAssembly) for the browser and for Node:
//
//   node web/build/library.mjs [--release] [--node] [--no-docs] [--out DIR]
//   node web/build/library.mjs --package DIR
//
// writes DIR/dockwise.js, DIR/dockwise_bg.wasm and DIR/dockwise.d.ts (ES
// module for browsers; default DIR: web/generated/lib, which the playground
// loads when fixes are first needed), and with --node also DIR/node/ (a
// CommonJS build for Node). Run as a Trunk pre-build hook it follows
// Trunk's profile (TRUNK_PROFILE=release builds the size-tuned wasm).
// --package DIR writes the npm package: the release build with the rules'
// docs, for browsers and Node, with a package.json whose conditional
// exports give Node the CommonJS build and everything else the ES module.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, renameSync, rmSync, existsSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { syncDir, writeIfChanged } from "./write.mjs";

const root = resolve(import.meta.dirname, "../..");
const args = process.argv.slice(2);
const packageIndex = args.indexOf("--package");
const pkg = packageIndex >= 0;
const release = pkg || args.includes("--release") || process.env.TRUNK_PROFILE === "release";
const node = pkg || args.includes("--node");
// --no-docs: without the rules' docs and quizzes (the playground fetches rules.json)
const docs = pkg || !args.includes("--no-docs");
const outIndex = args.indexOf("--out");
const out = resolve(root, pkg ? args[packageIndex + 1] : outIndex >= 0 ? args[outIndex + 1] : "web/generated/lib");
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
if (pkg) writePackage(out);

/** package.json (and a README) for the npm package in `dir`. */
function writePackage(dir) {
  const cargo = readFileSync(join(root, "Cargo.toml"), "utf8");
  const version = /\[workspace\.package\][^[]*?\nversion = "([^"]+)"/.exec(cargo)?.[1];
  const license = /\[workspace\.package\][^[]*?\nlicense = "([^"]+)"/.exec(cargo)?.[1];
  if (!version) throw new Error("no [workspace.package] version in Cargo.toml");
  const manifest = {
    name: "dockwise",
    version,
    description: "Lint, fix and harden Dockerfiles, Compose files and Kubernetes manifests; the rule catalogue with docs and quizzes (WebAssembly, runs offline)",
    license,
    type: "module",
    exports: {
      ".": {
        node: { types: "./node/dockwise.d.ts", default: "./node/dockwise.js" },
        default: { types: "./dockwise.d.ts", default: "./dockwise.js" },
      },
    },
    types: "./dockwise.d.ts",
    files: ["dockwise.js", "dockwise.d.ts", "dockwise_bg.wasm", "dockwise_bg.wasm.d.ts", "node/", "README.md"],
    sideEffects: ["./node/dockwise.js"],
    keywords: ["dockerfile", "docker-compose", "kubernetes", "linter", "hadolint", "wasm"],
  };
  writeIfChanged(join(dir, "package.json"), JSON.stringify(manifest, null, 2) + "\n");
  // wasm-bindgen's Node build is CommonJS: tell Node so inside a "type": "module" package
  writeIfChanged(join(dir, "node", "package.json"), JSON.stringify({ type: "commonjs" }, null, 2) + "\n");
  writeIfChanged(join(dir, "README.md"), [
    "# dockwise",
    "",
    "The Dockwise checker as a WebAssembly library: the same rules, findings, fixes and cards as the",
    "`dockwise` CLI and the playground. Runs offline in browsers and Node.",
    "",
    "```js",
    "// Node (CommonJS build, loaded synchronously)",
    "import { lint, fix, rules, card } from \"dockwise\";",
    "// Browsers (ES module): initialise the wasm once first",
    "// import init, { lint } from \"dockwise\"; await init();",
    "const findings = lint(\"FROM python:latest\\n\", { kind: \"dockerfile\" });",
    "const { text } = fix(\"FROM python:latest\\nRUN apt-get install -y curl\\n\", { unsafe: false });",
    "```",
    "",
    "See dockwise.d.ts for every export and type.",
    "",
  ].join("\n"));
}
