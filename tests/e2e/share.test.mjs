// Share links, lesson embeds (URL format, focus set, read-only, messages to the
// parent page) and the theme toggle.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { open, ready, typeInto, pasteInto, foreign, ARTIFACTS, embedHost } from "./browser.mjs";

function b64url(text) {
  return Buffer.from(text, "utf8").toString("base64url");
}

test("a share link of 100 KB round-trips exactly, without touching the opener's draft", async () => {
  const b = await open();
  const { page } = b;
  try {
    await page.goto(b.origin + "/");
    await ready(page);
    await typeInto(page, "FROM alpine:3.20\n");
    // a 100 KB Dockerfile, pasted (typing it would take minutes)
    let big = "FROM python:latest\n";
    for (let i = 0; big.length < 100_000; i++) big += `RUN echo "line ${i} é ✓" > /tmp/f${i}\n`;
    await pasteInto(page, big);
    const saved = async (p) => p.waitForFunction((n) => (localStorage.getItem("dockwise.text.v1") || "").length === n, big.length);
    await saved(page);
    await page.locator('li.finding[data-rule="DL3007"]').first().waitFor({ timeout: 10000 });
    await page.click("[data-testid=share]");
    const url = await page.locator("[data-testid=share-url]").inputValue();
    assert.ok(url.startsWith(b.origin + "/#z="), url.slice(0, 80));
    assert.ok(url.length < 100_000, `the link is compressed (${url.length} chars)`);

    // the draft is now the big text; make it something else, then open the link
    await typeInto(page, "FROM alpine:3.20\n");
    await page.waitForFunction(() => localStorage.getItem("dockwise.text.v1") === "FROM alpine:3.20\n");
    const other = await page.context().newPage();
    await other.goto(url);
    await ready(other);
    await other.locator('li.finding[data-rule="DL3007"]').first().waitFor({ timeout: 10000 });
    assert.match(await other.locator(".notice").innerText(), /shared link/);
    // sharing again from the opened link gives the same link: the same text,
    // kind and settings, byte for byte
    await other.click("[data-testid=share]");
    assert.equal(await other.locator("[data-testid=share-url]").inputValue(), url);
    assert.equal(await other.evaluate(() => localStorage.getItem("dockwise.text.v1")), "FROM alpine:3.20\n", "the draft is untouched");
    await other.close();

    // a damaged link says so
    await page.goto(b.origin + "/#z=AAAA");
    await page.locator(".notice", { hasText: "damaged" }).waitFor({ timeout: 20000 });
    assert.deepEqual(foreign(b.requests, b.origin), []);
  } finally {
    await b.close();
  }
});

test("an embed URL: kind, focus rules, read-only, compact chrome, messages to the parent", async () => {
  const b = await open();
  const { page } = b;
  try {
    const compose = "services:\n  grafana:\n    image: grafana/grafana:latest\n    environment:\n      - GF_SECURITY_ADMIN_PASSWORD=admin\n";
    const src = `${b.origin}/#embed&kind=compose&rules=DW2008,DW2006&readonly&text=${b64url(compose)}`;
    // a lesson page of the same server that frames the playground and records its messages
    const frame = await embedHost(page, b.origin, src, { width: 1000, height: 600 });
    await frame.locator('li.finding[data-rule="DW2008"]').waitFor({ timeout: 10000 });
    // only the focus rules ran
    const rules = await frame.locator("li.finding").evaluateAll((els) => [...new Set(els.map((e) => e.dataset.rule))].sort());
    assert.deepEqual(rules, ["DW2006", "DW2008"]);
    // compact chrome, read-only editor
    assert.equal(await frame.locator("[data-testid=samples]").isVisible(), false);
    assert.equal(await frame.locator(".cm-content").getAttribute("contenteditable"), "false");
    // the parent heard about the findings and, after an answer, about the quiz
    await page.waitForFunction(() => window.got.some((m) => m.type === "findings-changed" && m.count === 2));
    await frame.locator('li.finding[data-rule="DW2008"] .rule-link').click();
    await frame.locator('[data-testid=rule-card] .choice[data-correct="true"]').click();
    await page.waitForFunction(() => window.got.some((m) => m.type === "quiz-answered" && m.rule === "DW2008" && m.correct === true));
    const changed = await page.evaluate(() => window.got.find((m) => m.type === "findings-changed" && m.count === 2));
    assert.equal(changed.kind, "compose");
    assert.ok(changed.findings.some((f) => f.rule === "DW2008" && f.line === 5));
    await page.screenshot({ path: join(ARTIFACTS, "embed.png") });
    assert.deepEqual(foreign(b.requests, b.origin), []);
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test("the theme toggle overrides the system colour scheme and is remembered", async () => {
  const b = await open({ colorScheme: "light" });
  const { page } = b;
  try {
    await page.goto(b.origin + "/");
    await ready(page);
    const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const light = await bg();
    assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), "light", "follows the system");
    await page.click("[data-testid=theme]"); // system -> dark
    assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), "dark");
    const dark = await bg();
    assert.notEqual(dark, light);
    await page.screenshot({ path: join(ARTIFACTS, "theme-dark.png") });
    await page.reload();
    await ready(page);
    assert.equal(await bg(), dark, "the choice survives a reload");
    await page.click("[data-testid=theme]"); // dark -> light
    assert.equal(await bg(), light);
    await page.screenshot({ path: join(ARTIFACTS, "theme-light.png") });
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});
