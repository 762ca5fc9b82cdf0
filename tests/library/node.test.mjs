// The npm package (web/build/library.mjs --package DIR) in Node: resolved by
// its name through package.json's conditional exports, the same findings and
// fixes as the CLI on the corpus, the catalogue and cards, clear errors.
//
//   DOCKWISE_NPM=DIR DOCKWISE_BIN=target/debug/dockwise node --test tests/library/
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";

const ROOT = resolve(import.meta.dirname, "../..");
const PKG = resolve(process.env.DOCKWISE_NPM || join(ROOT, "target/npm/dockwise"));
const BIN = resolve(process.env.DOCKWISE_BIN || join(ROOT, "target/debug/dockwise"));
const TSC = resolve(process.env.TSC || join(ROOT, ".tsc/node_modules/.bin/tsc"));
const SHARED = resolve(process.env.DOCKWISE_SHARED || join(ROOT, "../shared"));

// A scratch project that depends on the package, as a user's would.
const project = mkdtempSync(join(tmpdir(), "dockwise-npm-"));
mkdirSync(join(project, "node_modules"));
symlinkSync(PKG, join(project, "node_modules", "dockwise"), "dir");
writeFileSync(join(project, "package.json"), JSON.stringify({ type: "module", dependencies: { dockwise: "*" } }));
process.on("exit", () => rmSync(project, { recursive: true, force: true }));
const require = createRequire(join(project, "index.js"));
const lib = require("dockwise");

function cli(args, input) {
  // run in the scratch project: no config file of this repository applies
  const r = spawnSync(BIN, args, { input, cwd: project, encoding: "utf8", maxBuffer: 1 << 28 });
  // 2 with a report: a file that does not parse (its syntax error is a finding)
  if (r.status !== 0 && r.status !== 1 && !(r.status === 2 && r.stdout.startsWith("["))) throw new Error(`dockwise ${args.join(" ")}: ${r.stderr}`);
  return r.stdout;
}

function corpus(kind) {
  const dir = join(SHARED, "corpus", kind);
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && !e.name.endsWith(".md"))
    .map((e) => join(dir, e.name));
}

test("the package resolves by name: Node gets the CommonJS build, `import` works too", async () => {
  const manifest = JSON.parse(readFileSync(join(PKG, "package.json"), "utf8"));
  assert.equal(manifest.name, "dockwise");
  assert.equal(require.resolve("dockwise"), join(PKG, "node", "dockwise.js"));
  // an ES module of the project imports it by name as well
  const probe = join(project, "probe.mjs");
  writeFileSync(probe, 'import { lint, version } from "dockwise";\nprocess.stdout.write(JSON.stringify([version(), lint("FROM alpine:latest\\n").map((f) => f.rule)]));\n');
  const [version, rules] = JSON.parse(execFileSync(process.execPath, [probe], { cwd: project, encoding: "utf8" }));
  assert.equal(version, manifest.version);
  assert.ok(rules.includes("DL3007"), rules.join(","));
  for (const name of ["lint", "check", "fix", "harden", "rules", "card", "detect_kind", "triage", "exportReport", "score", "version"]) {
    assert.equal(typeof lib[name], "function", name);
  }
});

test("lint gives the CLI's findings, field for field, on every corpus file", () => {
  const files = [...corpus("dockerfile"), ...corpus("compose"), ...corpus("k8s")];
  assert.ok(files.length > 100, `corpus has ${files.length} files`);
  let findings = 0;
  for (const file of files) {
    const text = readFileSync(file, "utf8");
    const name = file.split("/").pop();
    // from standard input, as the library sees it: text alone, no build context beside it
    const fromCli = JSON.parse(cli(["lint", "--format", "json", "--stdin-name", name, "-"], text));
    const kind = lib.detect_kind(text, name);
    const fromLib = lib.lint(text, { kind });
    assert.equal(fromLib.length, fromCli.length, file);
    fromCli.forEach((c, i) => {
      const { from, to, ...l } = fromLib[i];
      delete c.file;
      assert.ok(Number.isInteger(from) && from <= to, `${file}: offsets`);
      for (const e of l.fix?.edits ?? []) {
        delete e.from;
        delete e.to;
      }
      assert.deepEqual(l, c, `${file}: finding ${i}`);
    });
    findings += fromCli.length;
  }
  assert.ok(findings > 1000, `${findings} findings`);
});

test("fix gives the CLI's fixed text, and a second round changes nothing", () => {
  let changed = 0;
  for (const file of corpus("dockerfile").slice(0, 60)) {
    const text = readFileSync(file, "utf8");
    const fixed = lib.fix(text, { kind: "dockerfile" });
    assert.equal(fixed.text, cli(["lint", "--fix", "--stdin-name", "Dockerfile", "-"], text), file);
    if (fixed.text !== text) changed++;
    assert.equal(lib.fix(fixed.text, { kind: "dockerfile" }).text, fixed.text, `${file}: a second round`);
    assert.deepEqual(
      fixed.findings.map((f) => f.rule),
      lib.lint(fixed.text, { kind: "dockerfile" }).map((f) => f.rule),
      `${file}: what remains`,
    );
  }
  assert.ok(changed > 10, `${changed} files changed`);
  const unsafe = lib.fix("FROM python:3.12\nRUN pip install flask\n", { unsafe: true });
  assert.ok(unsafe.applied.some((a) => a.applicability === "unsafe"), JSON.stringify(unsafe.applied));
});

test("rules() is the CLI's catalogue with docs and quizzes; card(id) accepts ids, names and aliases", () => {
  const all = lib.rules();
  const fromCli = JSON.parse(cli(["rules", "--format", "json"]));
  assert.deepEqual(all.map((r) => r.id), fromCli.map((r) => r.id));
  assert.ok(all.every((r) => r.docs && r.docs.what && r.quiz && r.quiz.choices.length >= 3), "every rule has docs and a quiz");
  const card = lib.card("DL3007");
  assert.equal(card.id, "DL3007");
  assert.ok(card.card.sources.every((s) => s.url.startsWith("https://")));
  assert.equal(lib.card("latest-tag")?.id, "DL3007");
  assert.equal(lib.card("run-as-non-root")?.id, "DW3007");
  assert.equal(lib.card("no-such-rule"), null);
});

test("bad options are errors that say what is wrong", () => {
  assert.throws(() => lib.lint("FROM a\n", { kind: "podfile" }), /options\.kind: unknown kind `podfile`/);
  assert.throws(() => lib.lint("FROM a\n", { rules: ["DL9999"] }), /options\.rules: no rule named `DL9999`/);
  assert.throws(() => lib.lint("FROM a\n", { colour: true }), /options: unknown field `colour`/);
  assert.throws(() => lib.lint("FROM a\n", { config: "ignored: [DL3007\n" }), /options\.config:\d+:\d+: /);
  // only the rules asked for, by id, name or alias
  assert.deepEqual(lib.lint("FROM python:latest\n", { rules: ["DL3007"] }).map((f) => f.rule), ["DL3007"]);
  // a config silences
  assert.ok(!lib.lint("FROM python:latest\n", { config: "ignored: [DL3007]\n" }).some((f) => f.rule === "DL3007"));
});

test("hostile text: a megabyte of one line and deep YAML come back with findings, not a crash", () => {
  const long = "RUN " + "a".repeat(1 << 20) + "\n";
  assert.ok(Array.isArray(lib.lint(long, { kind: "dockerfile" })));
  const deep = "a:\n" + Array.from({ length: 5000 }, (_, i) => " ".repeat(i + 1) + "- x:").join("\n") + "\n";
  assert.ok(Array.isArray(lib.lint(deep, { kind: "compose" })));
});

test("the package's files and size", () => {
  const wasm = readFileSync(join(PKG, "dockwise_bg.wasm"));
  const gz = gzipSync(wasm, { level: 9 }).length;
  console.log(`dockwise_bg.wasm: ${(wasm.length / 1024).toFixed(0)} KB, ${(gz / 1024).toFixed(0)} KB gzip`);
  assert.ok(gz < 700 * 1024, `the wasm is ${gz} bytes gzip`);
  const packed = JSON.parse(execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: PKG, encoding: "utf8" }));
  const files = packed[0].files.map((f) => f.path).sort();
  for (const f of ["dockwise.js", "dockwise.d.ts", "dockwise_bg.wasm", "node/dockwise.js", "node/dockwise.d.ts", "node/dockwise_bg.wasm", "node/package.json", "package.json", "README.md"]) {
    assert.ok(files.includes(f), `${f} in ${files.join(", ")}`);
  }
});

test("the TypeScript declarations type-check a browser and a Node user, and reject misuse", () => {
  // the two projects in tests/library/types, beside a node_modules holding the package
  const dir = mkdtempSync(join(tmpdir(), "dockwise-ts-"));
  try {
    cpSync(join(ROOT, "tests/library/types"), dir, { recursive: true });
    mkdirSync(join(dir, "node_modules"));
    symlinkSync(PKG, join(dir, "node_modules", "dockwise"), "dir");
    for (const config of ["tsconfig.browser.json", "tsconfig.node.json"]) {
      const r = spawnSync(TSC, ["-p", config], { cwd: dir, encoding: "utf8" });
      assert.equal(r.status, 0, `tsc -p ${config}: ${r.stdout}${r.stderr}`);
    }
    // a misuse the declarations must catch (proves tsc reads them)
    writeFileSync(join(dir, "node.mts"), 'import { lint } from "dockwise";\nlint("FROM a\\n", { kind: "podfile" });\n');
    const r = spawnSync(TSC, ["-p", "tsconfig.node.json"], { cwd: dir, encoding: "utf8" });
    assert.notEqual(r.status, 0);
    assert.match(r.stdout, /"podfile"/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
