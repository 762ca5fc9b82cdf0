// Quick check: questions from the rules the file breaks, "1 / 3" progress,
// feedback, a score, progress kept across reloads and reset; keyboard only.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { open, ready, typeInto, ARTIFACTS } from "./browser.mjs";

test("a quick check on the current file, its score and stored progress", async () => {
  const b = await open();
  const { page } = b;
  try {
    await page.goto(b.origin + "/");
    await ready(page);
    await typeInto(page, "FROM python:latest\nMAINTAINER me@example.com\nRUN sudo apt-get install -y gcc\n");
    await page.locator('li.finding[data-rule="DL4000"]').waitFor({ timeout: 5000 });
    await page.click("text=Quick check");
    await page.click("[data-testid=start-quick]");
    let missed;
    for (let i = 1; i <= 3; i++) {
      await page.locator("[data-testid=quick-step]", { hasText: `${i} / 3` }).waitFor({ timeout: 5000 });
      const rule = (await page.locator("[data-testid=quick-step]").innerText()).match(/(D[LW]\d{4})/)[1];
      if (i === 1) missed = rule;
      assert.ok(["DL4000", "DL3004", "DL3007", "DW1001", "DL3008", "DL3009", "DL3015"].includes(rule) || rule.startsWith("D"), rule);
      // answer the first question wrong, the others right; with the keyboard
      const pick = i === 1 ? '.choice[data-correct="false"]' : '.choice[data-correct="true"]';
      await page.locator(pick).first().focus();
      await page.keyboard.press("Enter");
      const feedback = await page.locator("[data-testid=quick-feedback]").innerText();
      assert.match(feedback, i === 1 ? /Not quite/ : /Correct/);
      await page.locator("[data-testid=quick-next]").focus();
      await page.keyboard.press("Enter");
    }
    assert.match(await page.locator("[data-testid=quick-score]").innerText(), /2 of 3/);
    assert.match(await page.locator("[data-testid=progress]").innerText(), /Answered 3 · right 2 · streak 2 \(best 2\) · 1 to review/);
    await page.screenshot({ path: join(ARTIFACTS, "quick-check.png") });

    // the missed rule comes back first in the next round, marked for review
    await page.click("[data-testid=start-quick]");
    await page.locator("[data-testid=quick-step]", { hasText: "1 / 3" }).waitFor({ timeout: 5000 });
    assert.match(await page.locator("[data-testid=quick-step]").innerText(), new RegExp(`${missed}.*back for review`));
    await page.locator('.choice[data-correct="true"]').click();
    assert.match(await page.locator("[data-testid=progress]").innerText(), /Answered 3 · right 3/);

    // kept across a reload, then reset
    await page.reload();
    await ready(page);
    await page.click("text=Quick check");
    assert.match(await page.locator("[data-testid=progress]").innerText(), /Answered 3 · right 3 .* 1 to review/);
    await page.click("[data-testid=reset-progress]");
    assert.match(await page.locator("[data-testid=progress]").innerText(), /Answered 0 · right 0 · streak 0/);
    assert.equal(await page.evaluate(() => localStorage.getItem("dockwise.progress.v1")), "streak 0\nbest 0\nround 0\n");

    // a clean file: questions from a chosen topic
    await typeInto(page, "");
    await page.click("text=Quick check");
    await page.selectOption("[data-testid=topic]", "Image size");
    await page.click("[data-testid=start-quick]");
    await page.locator("[data-testid=quick-step]", { hasText: "1 / 3" }).waitFor({ timeout: 5000 });
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});
