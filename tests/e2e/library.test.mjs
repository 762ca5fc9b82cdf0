// The npm package's ES module build in Chromium, as a lesson site that draws
// its own UI would use it: served from its own directory (web/build/library.mjs
// --package DIR; DOCKWISE_NPM names DIR), imported by an empty page of the
// same origin, initialised, then lint, fix, rules and card called.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { open, foreign, ROOT } from "./browser.mjs";
import { BLANK } from "./server.mjs";

const PKG = resolve(process.env.DOCKWISE_NPM || join(ROOT, "target/npm/dockwise"));

test("the library's ES module in a browser: init, lint, fix, rules, card; nothing fetched elsewhere", async () => {
  assert.ok(existsSync(join(PKG, "dockwise.js")), `no package at ${PKG}: run node web/build/library.mjs --package ${PKG}`);
  const b = await open({ root: PKG });
  const { page } = b;
  try {
    await page.goto(b.origin + BLANK);
    const got = await page.evaluate(async () => {
      const lib = await import("/dockwise.js");
      await lib.default();
      const text = "FROM python:latest\nRUN apt-get install -y curl\n";
      const findings = lib.lint(text, { kind: "dockerfile" });
      const fixed = lib.fix(text, {});
      const card = lib.card("DL3008");
      let error = "";
      try {
        lib.lint(text, { kind: "podfile" });
      } catch (e) {
        error = e instanceof Error ? e.message : String(e);
      }
      return {
        rules: findings.map((f) => f.rule),
        // UTF-16 offsets that slice the JavaScript string at the finding
        latest: findings.filter((f) => f.rule === "DL3007").map((f) => text.slice(f.from, f.to)),
        fixed: fixed.text,
        remaining: fixed.findings.map((f) => f.rule),
        count: lib.rules().length,
        title: card && card.title,
        sources: card ? card.card.sources.length : 0,
        error,
        version: lib.version(),
      };
    });
    assert.ok(got.rules.includes("DL3007") && got.rules.includes("DL3008"), got.rules.join(","));
    assert.deepEqual(got.latest, ["latest"]);
    assert.match(got.fixed, /--no-install-recommends/);
    assert.ok(!got.remaining.includes("DL3015"), got.remaining.join(","));
    assert.ok(got.count > 200, `${got.count} rules`);
    assert.match(got.title, /pin|version/i);
    assert.ok(got.sources > 0);
    assert.match(got.error, /unknown kind `podfile`/);
    assert.match(got.version, /^\d+\.\d+\.\d+/);
    assert.deepEqual(foreign(b.requests, b.origin), []);
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});
