// Quizzes that cannot be passed blind: the choices are dealt in a new order
// each time a quiz is shown; a lesson can embed one rule's quiz alone; the
// lesson question bank works in each of its forms.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { open, ready, foreign, embedHost, ARTIFACTS } from "./browser.mjs";

/** The choice texts of the open card's quiz, in the order shown. */
async function shownOrder(page) {
  const card = page.locator("[data-testid=rule-card]");
  await card.locator(".choice").first().waitFor({ timeout: 10000 });
  return card.locator(".choice").evaluateAll((els) => els.map((e) => e.textContent.slice(1)));
}

test("a card's quiz is dealt in a new order each time it is shown", async () => {
  const b = await open();
  const { page } = b;
  try {
    await page.goto(b.origin + "/");
    await ready(page);
    await page.getByRole("tab", { name: "Rules" }).click();
    const openCard = async () => {
      await page.locator('li.rule-item[data-rule="DL3007"] .rule-row').click();
      return shownOrder(page);
    };
    const first = await openCard();
    assert.ok(first.length >= 3, String(first));
    // each choice is a radio whose accessible name is its text
    const radios = page.getByRole("radio", { name: first[0] });
    assert.equal(await radios.count(), 1);
    // four choices can come out in the same order by chance (1 in 24): try a few showings
    let changed = false;
    for (let i = 0; i < 8 && !changed; i++) {
      await page.locator("[data-testid=rule-card] button.back").click();
      const again = await openCard();
      assert.deepEqual([...again].sort(), [...first].sort(), "the same choices");
      changed = again.join("\n") !== first.join("\n");
    }
    assert.ok(changed, "the order never changed between showings");
    // feedback stays with its choice: the right one says so, wherever it is
    await page.locator('[data-testid=rule-card] .choice[data-correct="true"]').click();
    assert.match(await page.locator("[data-testid=quiz-feedback]").innerText(), /^Correct/);
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test("#embed&quiz=RULE shows that rule's quiz alone and posts quiz-answered", async () => {
  const b = await open({ viewport: { width: 800, height: 600 } });
  const { page } = b;
  try {
    const frame = await embedHost(page, b.origin, `${b.origin}/#embed&quiz=DW2008`, { width: 760, height: 520 });
    const quiz = frame.locator("[data-testid=quiz-embed]");
    await quiz.locator(".choice").first().waitFor({ timeout: 10000 });
    assert.match(await quiz.innerText(), /DW2008/);
    // nothing else: no editor, no findings, no tabs
    assert.equal(await frame.locator(".cm-content").count(), 0);
    assert.equal(await frame.locator("[role=tab]").count(), 0);
    const wrong = quiz.locator('.choice[data-correct="false"]').first();
    await wrong.click();
    await page.waitForFunction(() => window.got.some((m) => m.type === "quiz-answered" && m.rule === "DW2008" && m.correct === false));
    await quiz.locator('.choice[data-correct="true"]').click();
    await page.waitForFunction(() => window.got.some((m) => m.type === "quiz-answered" && m.rule === "DW2008" && m.correct === true));
    assert.match(await frame.locator("[data-testid=quiz-feedback]").innerText(), /^Correct/);
    await page.screenshot({ path: join(ARTIFACTS, "quiz-embed.png") });
    assert.deepEqual(foreign(b.requests, b.origin), []);
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

/** Opens topics one by one until one has a question of `form`; returns it. */
async function findQuestion(page, form) {
  const topics = await page.locator("[data-topic]").evaluateAll((els) => els.map((e) => e.dataset.topic));
  for (const t of topics) {
    await page.click(`[data-topic="${t}"]`);
    const q = page.locator(`.bank-q[data-form="${form}"]`).first();
    if (await q.count()) return q;
    await page.click("text=← All topics");
  }
  throw new Error(`no ${form} question`);
}

test("lesson questions in every form: pick one, predict, pick all, find the line, order", async () => {
  const b = await open();
  const { page } = b;
  try {
    await page.goto(b.origin + "/");
    await ready(page);
    await page.getByRole("tab", { name: "Practice" }).click();
    await page.locator("[data-testid=bank-progress]").waitFor({ timeout: 10000 });
    const back = () => page.click("text=← All topics");

    for (const form of ["single", "predict"]) {
      const q = await findQuestion(page, form);
      await q.locator('.choice[data-correct="false"]').first().click();
      assert.match(await q.locator("[data-testid=bank-feedback]").innerText(), /^Not quite/);
      await q.locator('.choice[data-correct="true"]').click();
      assert.match(await q.locator("[data-testid=bank-feedback]").innerText(), /^Correct/);
      assert.match(await q.locator(".bank-source a").getAttribute("href"), /^https:\/\//);
      await back();
    }

    const multi = await findQuestion(page, "multi");
    for (const box of await multi.locator('input[data-correct="true"]').all()) await box.check();
    await multi.locator("[data-testid=bank-check]").click();
    assert.match(await multi.locator("[data-testid=bank-feedback]").innerText(), /^Correct/);
    await back();

    const line = await findQuestion(page, "line");
    // mark the first line and check: the problem lines are shown
    await line.locator(".line-toggle").first().click();
    await line.locator("[data-testid=bank-check]").click();
    const want = await line.locator(".line-toggle.found").evaluateAll((els) => els.map((e) => e.dataset.line));
    assert.ok(want.length >= 1, "the problem line is shown");
    // then mark exactly those: right
    for (const toggle of await line.locator(".line-toggle").all()) {
      const n = await toggle.getAttribute("data-line");
      if ((await toggle.getAttribute("aria-pressed") === "true") !== want.includes(n)) await toggle.click();
    }
    await line.locator("[data-testid=bank-check]").click();
    assert.match(await line.locator("[data-testid=bank-feedback]").innerText(), /^Correct/);
    await back();

    const order = await findQuestion(page, "order");
    // sort with the move buttons (keyboard-reachable buttons), then check
    for (let pass = 0; pass < 50; pass++) {
      const items = await order.locator(".order-item").evaluateAll((els) => els.map((e) => Number(e.dataset.item)));
      const i = items.findIndex((v, k) => k > 0 && items[k - 1] > v);
      if (i < 0) break;
      await order.locator(".order-item").nth(i).getByRole("button", { name: /^Move up/ }).click();
    }
    await order.locator("[data-testid=bank-check]").click();
    assert.match(await order.locator("[data-testid=bank-feedback]").innerText(), /^Correct/);
    await page.screenshot({ path: join(ARTIFACTS, "lesson-questions.png"), fullPage: true });
    await back();
    assert.match(await page.locator("[data-testid=bank-progress]").innerText(), /^[1-9]\d* of \d+ answered right/);
    assert.deepEqual(foreign(b.requests, b.origin), []);
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});
