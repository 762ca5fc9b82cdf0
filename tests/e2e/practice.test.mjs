// Practice: interview questions (reveal, self-grade, kept) and a
// spot-the-problem challenge scored by the engine; the module is fetched only
// when the tab opens.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { open, ready, foreign, ARTIFACTS } from "./browser.mjs";

test("interview practice and a scored challenge", async () => {
  const b = await open();
  const { page } = b;
  try {
    await page.goto(b.origin + "/");
    await ready(page);
    assert.ok(!b.requests.some((u) => u.endsWith("/learn.js")), "learn.js is not part of the first load");
    await page.getByRole("tab", { name: "Practice" }).click();
    await page.locator("[data-testid=practice-interview]").waitFor({ timeout: 10000 });
    assert.ok(b.requests.some((u) => u.endsWith("/learn.js")));
    await page.click("[data-testid=practice-interview]");

    // interview: reveal a question's strong points, grade it, keep the grade
    const q = page.locator('li.interview-q[data-question="root-user"]');
    await q.locator("textarea").fill("Root in the container is root on the host kernel.");
    await q.locator("[data-testid=reveal]").click();
    assert.match(await q.locator(".strong").innerText(), /kernel/);
    assert.match(await q.locator(".red-flags").innerText(), /easier/);
    await q.locator('[data-grade="strong"]').click();
    assert.match(await page.locator("[data-testid=interview-progress]").innerText(), /^1 of 14 graded/);
    await page.reload();
    await ready(page);
    await page.getByRole("tab", { name: "Practice" }).click();
    await page.click("[data-testid=practice-interview]");
    await page.locator("[data-testid=interview-progress]", { hasText: "1 of 14" }).waitFor({ timeout: 10000 });

    // challenge: mark one right line and one wrong line, with the keyboard
    await page.click("[data-testid=practice-challenges]");
    await page.click('[data-challenge="df-first-steps"]');
    await page.locator('.line-toggle[data-line="1"]').focus();
    await page.keyboard.press("Enter");
    await page.locator('.line-toggle[data-line="3"]').focus();
    await page.keyboard.press("Space");
    await page.click("[data-testid=check-challenge]");
    assert.equal(await page.locator("[data-testid=challenge-score]").innerText(), "Found 1 of 2 · missed 1 · false alarms 1");
    assert.equal(await page.locator('.line-toggle[data-line="1"].found').count(), 1);
    assert.equal(await page.locator('.line-toggle[data-line="7"].missed').count(), 1);
    assert.equal(await page.locator('.line-toggle[data-line="3"].false-alarm').count(), 1);
    await page.screenshot({ path: join(ARTIFACTS, "challenge.png") });
    // each problem explains itself and opens its card
    await page.locator(".explanations button", { hasText: "DL3025" }).click();
    await page.locator("[data-testid=rule-card]", { hasText: "DL3025" }).waitFor({ timeout: 5000 });

    // a real problem outside the challenge's list is a good catch, not a false alarm
    await page.getByRole("tab", { name: "Practice" }).click();
    await page.click("[data-testid=practice-challenges]");
    await page.click('[data-challenge="df-multistage"]');
    assert.match(await page.locator("[data-testid=challenge-scored]").innerText(), /^Scored: 5 lines/);
    await page.locator('.line-toggle[data-line="3"]').click();
    await page.click("[data-testid=check-challenge]");
    assert.equal(await page.locator("[data-testid=challenge-score]").innerText(), "Found 0 of 5 · missed 5 · false alarms 0 · also caught 1");
    assert.match(await page.locator(".explanations").innerText(), /Line 3 \(also a real problem, not scored here\)/);
    assert.equal(await page.locator('.line-toggle[data-line="3"].found').count(), 1);
    assert.deepEqual(foreign(b.requests, b.origin), []);
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test("fix until clean: edit a challenge's file until its rules are quiet, with a hint counted", async () => {
  const b = await open();
  const { page } = b;
  try {
    await page.goto(b.origin + "/");
    await ready(page);
    await page.getByRole("tab", { name: "Practice" }).click();
    await page.click("[data-testid=practice-challenges]");
    await page.click('[data-fix-challenge="df-first-steps"]');
    const area = page.locator("[data-testid=fix-text]");
    await area.waitFor({ timeout: 10000 });
    await page.click("[data-testid=fix-check]");
    await page.locator("[data-testid=fix-score]", { hasText: "problems left" }).waitFor({ timeout: 10000 });
    // a hint shows one fix and counts
    await page.click("[data-testid=fix-hint]");
    await page.locator("[data-testid=fix-hint-shown]").first().waitFor({ timeout: 10000 });
    // the learner fixes the file by hand
    await area.fill("FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\nCOPY . .\nUSER 10001\nCMD [\"python\", \"app.py\"]\n");
    await page.click("[data-testid=fix-check]");
    const score = page.locator("[data-testid=fix-score]", { hasText: "Clean" });
    await score.waitFor({ timeout: 10000 });
    assert.match(await score.innerText(), /Hints used: 1/);
    await page.screenshot({ path: join(ARTIFACTS, "fix-until-clean.png") });
    // the result is kept
    await page.click("text=← All challenges");
    assert.match(await page.locator('[data-fix-challenge="df-first-steps"]').innerText(), /done with 1 hint/);
    assert.deepEqual(foreign(b.requests, b.origin), []);
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});
