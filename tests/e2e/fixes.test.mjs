// Fixes in the playground: from the hover, from the findings list, all safe
// ones at once, and the Harden view with one change rejected; each undone
// with the editor's history. The checker (and its fixes) runs in a worker.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { open, ready, typeInto, foreign, ARTIFACTS } from "./browser.mjs";

const text = () => document.querySelector(".cm-content").innerText;

test("a fix from the hover and from the list, then Fix all safe; undo brings each back", async () => {
  const b = await open();
  const { page } = b;
  try {
    await page.goto(b.origin + "/");
    await ready(page);
    await typeInto(page, "FROM alpine:3.20\nRUN apk add curl\nUSER 1000\n");
    // DL3019's fix, from the hover
    const squiggle = page.locator(".cm-line").nth(1).locator(".cm-lintRange-info");
    await squiggle.first().waitFor({ timeout: 10000 });
    await squiggle.first().hover();
    const fix = page.locator(".cm-tooltip-lint button", { hasText: "Fix: add --no-cache" });
    await fix.waitFor({ timeout: 5000 });
    await fix.click();
    await page.waitForFunction(() => document.querySelector(".cm-content").innerText.includes("apk add --no-cache curl"));
    // the finding is gone once the check comes back
    await page.locator('li.finding[data-rule="DL3019"]').waitFor({ state: "detached", timeout: 5000 });
    // undo: the editor's history
    await page.click(".cm-content");
    await page.keyboard.press("Control+z");
    await page.waitForFunction(() => !document.querySelector(".cm-content").innerText.includes("--no-cache"));

    // the same fix from the findings list
    const entry = page.locator('li.finding[data-rule="DL3019"]');
    await entry.waitFor({ timeout: 5000 });
    // its card shows the fix on the card's own example
    await entry.locator(".rule-link").click();
    const cardFix = page.locator("[data-testid=card-fix]");
    await cardFix.waitFor({ timeout: 10000 });
    assert.match(await cardFix.innerText(), /add --no-cache/);
    assert.match(await cardFix.locator(".ins").first().innerText(), /apk add --no-cache/);
    await page.click("text=Findings (");
    await entry.locator("[data-testid=fix]").click();
    await page.waitForFunction(() => document.querySelector(".cm-content").innerText.includes("apk add --no-cache curl"));

    // Fix all safe: a file with several safe fixes
    await typeInto(page, "FROM debian:12-slim\nRUN apt-get update && apt-get install curl\nRUN pip install flask==3.0\nUSER 1000\n");
    const all = page.locator("[data-testid=fix-all]");
    await all.waitFor({ timeout: 10000 });
    assert.match(await all.innerText(), /Fix all safe \(\d+\)/);
    await page.screenshot({ path: join(ARTIFACTS, "fixes-list.png") });
    await all.click();
    await page.waitForFunction(() => {
      const t = document.querySelector(".cm-content").innerText;
      return t.includes("--no-install-recommends") && t.includes("-y") && t.includes("--no-cache-dir");
    }, null, { timeout: 10000 });
    // every safe fix is applied: the button goes
    await all.waitFor({ state: "detached", timeout: 10000 });
    // one undo takes it all back
    await page.click(".cm-content");
    await page.keyboard.press("Control+z");
    await page.waitForFunction(() => !document.querySelector(".cm-content").innerText.includes("--no-cache-dir"));

    assert.deepEqual(foreign(b.requests, b.origin), [], "no request may leave the page's origin");
    assert.deepEqual(b.errors, [], "no console errors");
  } finally {
    await b.close();
  }
});

test("Harden: every change as a hunk with its rule; one rejected, the rest applied; undo", async () => {
  const b = await open();
  const { page } = b;
  try {
    await page.goto(b.origin + "/");
    await ready(page);
    await typeInto(page, "FROM debian:12-slim\nRUN apt-get update && apt-get install curl\nCMD node server.js\n");
    await page.locator('.finding-list .rule-link[data-rule="DL3015"]').waitFor({ timeout: 10000 });
    await page.click("role=tab[name=Harden]");
    const harden = page.locator("[data-testid=harden]");
    await harden.locator("li.hunk").first().waitFor({ timeout: 15000 });
    // the picture by concern, and the whole hardened file as a diff
    await harden.locator(".concerns .concern").first().waitFor();
    const hunks = harden.locator("li.hunk");
    const n = await hunks.count();
    assert.ok(n >= 3, `several changes on offer, got ${n}`);
    // each hunk names its rule and links its card
    const rules = await hunks.evaluateAll((ls) => ls.map((l) => l.dataset.rule));
    assert.ok(rules.includes("DL3015") && rules.includes("DL3025"), rules.join(","));
    await page.screenshot({ path: join(ARTIFACTS, "harden.png") });
    // accept everything, then reject the exec-form change
    for (let i = 0; i < n; i++) {
      const accept = hunks.nth(i).locator("button", { hasText: "Accept" });
      if (await accept.isEnabled()) await accept.click();
    }
    await harden.locator('li.hunk[data-rule="DL3025"] button', { hasText: "Reject" }).click();
    await harden.locator("[data-testid=harden-apply]").click();
    await page.waitForFunction(() => document.querySelector(".cm-content").innerText.includes("--no-install-recommends"), null, { timeout: 10000 });
    const after = await page.evaluate(text);
    assert.match(after, /CMD node server\.js/, "the rejected change is not applied");
    // undo with the view's button
    await harden.locator("button", { hasText: "Undo" }).click();
    await page.waitForFunction(() => !document.querySelector(".cm-content").innerText.includes("--no-install-recommends"));
    assert.deepEqual(foreign(b.requests, b.origin), [], "no request may leave the page's origin");
    assert.deepEqual(b.errors, [], "no console errors");
  } finally {
    await b.close();
  }
});

test("an embed can turn fixes off (fixes=0): no fix actions, no Harden tab", async () => {
  const b = await open();
  const { page } = b;
  try {
    const t = Buffer.from("FROM alpine:3.20\nRUN apk add curl\nUSER 1000\n").toString("base64url");
    await page.goto(`${b.origin}/#embed&fixes=0&text=${t}`);
    await ready(page);
    await page.locator('li.finding[data-rule="DL3019"]').waitFor({ timeout: 10000 });
    assert.equal(await page.locator("[data-testid=fix]").count(), 0);
    assert.equal(await page.locator("[data-testid=fix-all]").count(), 0);
    assert.equal(await page.locator("role=tab[name=Harden]").count(), 0);
    const squiggle = page.locator(".cm-line").nth(1).locator(".cm-lintRange-info");
    await squiggle.first().hover();
    await page.locator(".cm-tooltip-lint").waitFor();
    assert.equal(await page.locator(".cm-tooltip-lint button", { hasText: "Fix:" }).count(), 0);
  } finally {
    await b.close();
  }
});
