// End to end, in headless Chromium against the release build in dist/.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { open, ready, typeInto, pasteInto, foreign, ARTIFACTS } from "./browser.mjs";

test("typing FROM python:latest shows DL3007 on line 1; its card and quiz work; nothing leaves the origin", async () => {
  const b = await open();
  const { page } = b;
  try {
    await page.goto(b.origin + "/");
    await ready(page);
    await typeInto(page, "FROM python:latest");

    // The list entry for DL3007 on line 1.
    const entry = page.locator('li.finding[data-rule="DL3007"][data-line="1"]');
    await entry.waitFor({ timeout: 5000 });
    assert.match(await entry.innerText(), /latest/);

    // The mark in the editor: a warning squiggle on `latest`, and a gutter marker on line 1.
    const squiggle = page.locator(".cm-line").first().locator(".cm-lintRange-warning", { hasText: "latest" });
    await squiggle.first().waitFor({ timeout: 5000 });
    const marker = page.locator(".cm-gutter-lint .cm-lint-marker-warning");
    assert.equal(await marker.count(), 1, "one warning marker in the lint gutter");
    const markerBox = await marker.boundingBox();
    const line1Box = await page.locator(".cm-line").first().boundingBox();
    assert.ok(Math.abs(markerBox.y + markerBox.height / 2 - (line1Box.y + line1Box.height / 2)) < line1Box.height / 2, "the marker sits on line 1");

    // Hovering the squiggle shows the message with an Explain button that opens the card.
    await squiggle.first().hover();
    const explain = page.locator(".cm-tooltip-lint button", { hasText: "Explain DL3007" });
    await explain.waitFor({ timeout: 5000 });
    await explain.click();
    await page.locator("[data-testid=rule-card]", { hasText: "DL3007" }).waitFor();
    await page.click("text=Findings (");

    // Clicking the entry selects the span in the editor.
    await entry.locator(".finding-main").click();
    const selected = await page.evaluate(() => window.getSelection().toString());
    assert.equal(selected, "latest");

    // Open the card, answer wrong, then right (the entry holds the image's
    // other findings too: each rule has its own link).
    await entry.locator('.rule-link[data-rule="DL3007"]').click();
    const card = page.locator("[data-testid=rule-card]");
    await card.waitFor();
    assert.match(await card.innerText(), /DL3007/);
    assert.match(await card.innerText(), /why it matters/i);
    // the card's extras: tags, analogy, the example as a diff, the source, related rules
    assert.match(await card.innerText(), /reliability/);
    assert.match(await card.innerText(), /think of it like this/i);
    const diff = card.locator("[data-testid=example-diff]");
    assert.equal((await diff.locator(".del").first().innerText()).trim(), "- FROM python:latest");
    assert.match(await diff.locator(".ins").first().innerText(), /^\+ FROM python:3/);
    assert.match(await card.locator("[data-testid=standard]").innerText(), /Docker docs/);
    // the source is a link to the page the claim rests on
    const href = await card.locator("[data-testid=standard] a").first().getAttribute("href");
    assert.match(href, /^https:\/\/docs\.docker\.com\//);
    await card.locator(".related-rule", { hasText: "DW3017" }).waitFor();
    await card.locator('.choice[data-correct="false"]').first().click();
    assert.match(await page.locator("[data-testid=quiz-feedback]").innerText(), /Not quite/);
    await card.locator('.choice[data-correct="true"]').click();
    assert.match(await page.locator("[data-testid=quiz-feedback]").innerText(), /Correct/);
    await page.screenshot({ path: join(ARTIFACTS, "card-quiz.png") });

    assert.deepEqual(foreign(b.requests, b.origin), [], "no request may leave the page's origin");
    assert.deepEqual(b.errors, [], "no console errors");
  } finally {
    await b.close();
  }
});

test("the text survives a reload, and an unparsable line is a finding, not a broken page", async () => {
  const b = await open();
  const { page } = b;
  try {
    await page.goto(b.origin + "/");
    await ready(page);
    await typeInto(page, "FROM alpine:3.20\nENV PATH\nUSER 1001\n");
    const syntax = page.locator('li.finding[data-rule="DL1000"][data-line="2"]');
    await syntax.waitFor({ timeout: 5000 });
    assert.match(await syntax.innerText(), /needs a value/);
    // Wait for the bridge's save, then reload.
    await page.waitForTimeout(600);
    await page.reload();
    await ready(page);
    const text = await page.evaluate(() => document.querySelector(".cm-content").innerText);
    assert.match(text, /ENV PATH/);
    await page.locator('li.finding[data-rule="DL1000"]').waitFor({ timeout: 5000 });
    assert.deepEqual(foreign(b.requests, b.origin), []);
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test("pasted text is never interpreted as HTML", async () => {
  const b = await open();
  const { page } = b;
  try {
    await page.goto(b.origin + "/");
    await ready(page);
    await page.evaluate(() => { window.__pwned = false; });
    await typeInto(page, 'FROM alpine:3.20\nENV API_KEY="k3y<img src=x onerror=window.__pwned=true>"\nLABEL note="<script>window.__pwned=true</script>"\n');
    await page.locator('li.finding[data-rule="DW4001"][data-line="2"]').waitFor({ timeout: 5000 });
    await page.waitForTimeout(300);
    assert.equal(await page.evaluate(() => window.__pwned), false);
    assert.equal(await page.locator(".side-pane img").count(), 0);
    assert.deepEqual(foreign(b.requests, b.origin), []);
  } finally {
    await b.close();
  }
});

test("samples, severity filters and the rule catalogue", async () => {
  const b = await open({ colorScheme: "dark" });
  const { page } = b;
  try {
    await page.goto(b.origin + "/");
    await ready(page);
    await page.selectOption("[data-testid=samples]", "hardened");
    await page.locator("[data-testid=no-findings]").waitFor({ timeout: 5000 });
    await page.selectOption("[data-testid=samples]", "insecure");
    await page.locator("li.finding").first().waitFor({ timeout: 5000 });
    const all = await page.locator("li.finding").count();
    assert.ok(all >= 10, `the insecure sample shows many findings (${all})`);
    await page.click("[data-testid=filter-error]");
    const withoutErrors = await page.locator("li.finding").count();
    assert.ok(withoutErrors < all && (await page.locator("li.finding-error").count()) === 0);
    await page.screenshot({ path: join(ARTIFACTS, "findings-dark.png") });

    await page.click("text=Rules");
    await page.fill("[data-testid=rule-search]", "sudo");
    assert.equal(await page.locator(".rule-row").count(), 1);
    await page.click(".rule-row");
    assert.match(await page.locator("[data-testid=rule-card]").innerText(), /DL3004/);
    assert.deepEqual(foreign(b.requests, b.origin), []);
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test("rule settings: switch a rule off, keep it across a reload, import a hadolint config", async () => {
  const b = await open();
  const { page } = b;
  try {
    await page.goto(b.origin + "/");
    await ready(page);
    await typeInto(page, "FROM python:latest\nUSER 1001\n");
    await page.locator('li.finding[data-rule="DL3007"]').waitFor({ timeout: 5000 });

    await page.click("text=Rules");
    await page.fill("[data-testid=rule-search]", "DL3007");
    await page.locator('li.rule-item[data-rule="DL3007"] input[type=checkbox]').uncheck();
    await page.click("text=Findings (");
    await page.waitForTimeout(300);
    assert.equal(await page.locator('li.finding[data-rule="DL3007"]').count(), 0, "switched-off rule is silent");

    await page.reload();
    await ready(page);
    await page.waitForTimeout(300);
    assert.equal(await page.locator('li.finding[data-rule="DL3007"]').count(), 0, "the setting survives a reload");

    await page.click("text=Rules");
    await page.click("[data-testid=reset-settings]");
    await page.click("text=Import config");
    await page.fill("#import-config", "ignored: [DW1017]\noverride:\n  error: [DL3007]\n");
    await page.click("text=Apply");
    await page.locator(".import-ok").waitFor();
    await page.fill("[data-testid=rule-search]", "");
    await page.screenshot({ path: join(ARTIFACTS, "rules-settings.png") });
    await page.click("text=Findings (");
    const entry = page.locator('li.finding[data-rule="DL3007"]');
    await entry.waitFor({ timeout: 5000 });
    assert.match(await entry.innerText(), /error/i, "the imported override makes DL3007 an error");
    assert.equal(await page.locator('li.finding[data-rule="DW1017"]').count(), 0);

    // Dockwise's own keys survive an import and a reload (required labels switch DW3067 on)
    await page.click("text=Rules");
    await page.click("[data-testid=reset-settings]");
    await page.click("text=Import config");
    await page.fill("#import-config", 'required-labels: [team, "a\\"b"]\nlabel-schema: {version: semver}\n');
    await page.click("text=Apply");
    await page.locator(".import-ok").waitFor();
    await page.click("text=Findings (");
    await pasteInto(
      page,
      "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  labels:\n    team: core\nspec:\n  template:\n    spec:\n      containers:\n      - name: app\n        image: nginx:1.27\n",
    );
    // in the entry of what the object lacks
    const required = page.locator('li.item[data-rule="DW3067"]');
    await required.waitFor({ state: "attached", timeout: 5000 });
    assert.match(await required.textContent(), /required label a"b/, "the label with a quote in its name is required");
    assert.doesNotMatch(await required.textContent(), /team/, "team is there");
    await page.reload();
    await ready(page);
    await page.locator('li.item[data-rule="DW3067"]').waitFor({ state: "attached", timeout: 5000 });
    assert.equal(await page.locator('li.item[data-rule="DW3067"]').count(), 1, "still required after a reload");
    assert.deepEqual(foreign(b.requests, b.origin), []);
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});
