// The Policy tab: loaded only when opened (policy.js and the regorus
// WebAssembly), the lessons' Rego v0 policy gives its three findings in the
// editor and the findings list, a syntax error in the policy shows its line,
// the tab is reachable with the keyboard, the policy is kept across reloads
// and carried in share links; in both themes.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { inflateRawSync } from "node:zlib";
import { open, ready, typeInto, foreign, ARTIFACTS } from "./browser.mjs";

const BAD = "FROM python:latest\nWORKDIR /app\nCOPY . .\nCMD [\"python\", \"app.py\"]\n";
const policyRequests = (b) => b.requests.filter((u) => /\/policy(\.js|\/)/.test(u));

async function policyText(page, text) {
  await page.click("[data-testid=policy-editor] .cm-content");
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Delete");
  await page.keyboard.insertText(text);
}

test("the lessons' policy in the Policy tab: lazy, three findings, errors with their line, kept and shared", async () => {
  const b = await open();
  const { page } = b;
  try {
    await page.goto(b.origin + "/");
    await ready(page);
    await typeInto(page, BAD);
    await page.locator('li.finding[data-rule="DL3007"]').first().waitFor({ timeout: 10000 });
    assert.deepEqual(policyRequests(b), [], "nothing of the policy module before the tab opens");

    // the tab, reached with the keyboard: the tablist's End key selects it
    await page.locator("#tab-findings").focus();
    await page.keyboard.press("End");
    await page.locator("[data-testid=policy-editor] .cm-content").waitFor({ timeout: 20000 });
    assert.equal(await page.evaluate(() => document.activeElement.id), "tab-policy");
    assert.ok(policyRequests(b).some((u) => u.endsWith("/policy.js")), "policy.js is fetched when the tab opens");
    assert.ok(policyRequests(b).some((u) => u.endsWith("/policy/dockwise_policy_bg.wasm")), "and the policy wasm");

    // the starter (the lessons' three checks in Rego v1) gives three findings
    await page.locator("[data-testid=policy-status]", { hasText: /3 findings from docker\.security \(Rego v1\)/ }).waitFor({ timeout: 10000 });
    // the lessons' own policy, in Rego v0, as they print it: the same three
    await page.selectOption("[data-testid=policy-starter]", "lessons");
    await page.locator("[data-testid=policy-status]", { hasText: /3 findings from docker\.security \(Rego v0\)/ }).waitFor({ timeout: 10000 });
    assert.match(await page.locator("[data-testid=policy-input]").textContent(), /"User": "root"/);
    await page.locator("[data-testid=policy-doc] summary, .policy-doc summary").first().click();
    await page.screenshot({ path: join(ARTIFACTS, "policy-tab-light.png") });

    // Tab walks from the tab into the panel's controls and the Rego editor
    await page.locator("#tab-policy").focus();
    const reached = new Set();
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press("Tab");
      reached.add(await page.evaluate(() => document.activeElement.dataset.testid || document.activeElement.getAttribute("aria-label") || document.activeElement.id));
    }
    for (const want of ["policy-starter", "policy-syntax", "policy-on", "Rego policy"]) assert.ok(reached.has(want), `${want} in ${[...reached]}`);

    // the findings: in the list (the package as rule) and in the editor
    await page.click("#tab-findings");
    await page.locator('[data-rule="docker.security"]').first().waitFor({ timeout: 10000 });
    const list = await page.locator(".side-body").innerText();
    for (const m of ["Container cannot run as root user", "Container must define a health check", "specific version tags"]) {
      assert.ok(list.includes(m), `${m} in the findings list`);
    }
    const marks = await page.evaluate(() => document.querySelectorAll(".cm-editor .cm-lintRange-error").length);
    assert.ok(marks >= 1, "policy findings are marked in the editor");
    await page.screenshot({ path: join(ARTIFACTS, "policy-findings-light.png") });

    // a syntax error in the policy: its line, and no policy findings
    await page.click("#tab-policy");
    await policyText(page, "package broken\n\ndeny contains msg if {\n  msg := \n}\n");
    await page.locator("[data-testid=policy-errors] li[data-line='4']").waitFor({ timeout: 10000 });
    assert.match(await page.locator("[data-testid=policy-errors]").innerText(), /line 4, column 7/);
    assert.match(await page.locator("[data-testid=policy-status]").innerText(), /an error/);
    await page.screenshot({ path: join(ARTIFACTS, "policy-error-light.png") });

    // the lessons' policy again: kept in localStorage, applied after a reload
    // without opening the tab, and carried by a share link
    await page.selectOption("[data-testid=policy-starter]", "lessons");
    await page.locator("[data-testid=policy-status]", { hasText: /3 findings/ }).waitFor({ timeout: 10000 });
    await page.waitForFunction(() => (JSON.parse(localStorage.getItem("dockwise.policy.v1")) || {}).text?.includes("deny[msg]"));
    await page.reload();
    await ready(page);
    await page.locator('[data-rule="docker.security"]').first().waitFor({ timeout: 20000 });
    await page.click("[data-testid=share]");
    const url = await page.locator("[data-testid=share-url]").inputValue();
    const z = new URL(url).hash.replace(/^#z=/, "");
    const state = JSON.parse(inflateRawSync(Buffer.from(z, "base64url")).toString("utf8"));
    assert.match(state.p.t, /package docker\.security/);
    assert.deepEqual(foreign(b.requests, b.origin), []);
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test("the Policy tab in the dark theme", async () => {
  const b = await open({ colorScheme: "dark" });
  const { page } = b;
  try {
    await page.goto(b.origin + "/");
    await ready(page);
    await typeInto(page, BAD);
    await page.locator('li.finding[data-rule="DL3007"]').first().waitFor({ timeout: 10000 });
    await page.click("#tab-policy");
    await page.locator("[data-testid=policy-status]", { hasText: /3 findings from docker\.security/ }).waitFor({ timeout: 20000 });
    assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), "dark");
    await page.screenshot({ path: join(ARTIFACTS, "policy-tab-dark.png") });
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});
