// The page as a daily tool (issue 13): a jumped-to finding shows its
// selection, tooltips stay on screen, nothing widens a phone's page, practice
// keeps typed answers, a sample never silently replaces the draft, a kind set
// by hand offers detection back, tooltips draw `code`, notices have their
// colours, one message per check; the keyboard (Tab out of the editor, focus
// ring, `?` sheet, F8 read out, lint panel, focus back after a card, tablist
// and quiz arrows); embeds in lessons (hidden tabs, task mode).
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { open, ready, typeInto, pasteInto, foreign, embedHost, ARTIFACTS } from "./browser.mjs";

const shot = (page, name) => page.screenshot({ path: join(ARTIFACTS, `daily-${name}.png`) });
const editorText = (page) => page.evaluate(() => [...document.querySelectorAll(".cm-line")].map((l) => l.textContent).join("\n"));
const b64url = (text) => Buffer.from(text, "utf8").toString("base64url");

/** Loads a sample from the picker. */
async function sample(page, id) {
  await page.selectOption("[data-testid=samples]", id);
}

for (const colorScheme of ["light", "dark"]) {
  test(`a finding jumped to shows its selected span (${colorScheme} theme)`, async () => {
    const b = await open({ colorScheme, viewport: { width: 1366, height: 800 } });
    const { page } = b;
    try {
      await page.goto(b.origin + "/");
      await ready(page);
      await typeInto(page, "FROM alpine:3.22\nMAINTAINER someone@example.com\nRUN sudo apk add curl\nUSER 1000\n");
      const entry = page.locator('li.finding[data-rule="DL4000"]');
      await entry.waitFor({ timeout: 10000 });
      await entry.locator(".finding-main").first().click();
      await page.waitForFunction(() => window.getSelection().toString().length > 0 || document.querySelector(".cm-selectionBackground"));
      const seen = await page.evaluate(() => {
        const sel = [...document.querySelectorAll(".cm-selectionLayer .cm-selectionBackground")].map((e) => e.getBoundingClientRect()).filter((r) => r.width > 0 && r.height > 0);
        const transparent = (c) => c === "transparent" || /rgba\(.*,\s*0\)$/.test(c);
        // every line the selection crosses lets the selection layer show through
        const lines = [...document.querySelectorAll(".cm-line")].filter((l) => {
          const r = l.getBoundingClientRect();
          return sel.some((s) => s.top < r.bottom && s.bottom > r.top);
        });
        return {
          selections: sel.length,
          lines: lines.length,
          opaque: lines.filter((l) => !transparent(getComputedStyle(l).backgroundColor)).map((l) => l.textContent),
          layer: getComputedStyle(document.querySelector(".cm-selectionLayer")).visibility,
          colour: sel.length ? getComputedStyle(document.querySelector(".cm-selectionBackground")).backgroundColor : "",
        };
      });
      assert.ok(seen.selections > 0, "the selection is drawn");
      assert.ok(seen.lines > 0);
      assert.deepEqual(seen.opaque, [], "no line background covers the selection");
      assert.equal(seen.layer, "visible");
      assert.ok(!/rgba\(.*,\s*0\)$/.test(seen.colour), `the selection has a colour (${seen.colour})`);
      // a cursor (no selection) still marks its line
      await page.keyboard.press("End");
      assert.equal(await page.locator(".cm-line.cm-activeLine").count(), 1);
      await page.locator('li.finding[data-rule="DL4000"] .finding-main').first().click();
      await shot(page, `selection-${colorScheme}`);
      assert.deepEqual(b.errors, []);
    } finally {
      await b.close();
    }
  });
}

test("a tooltip with many findings stays in the viewport and scrolls; its `code` is drawn as code", async () => {
  const b = await open({ viewport: { width: 1366, height: 800 } });
  const { page } = b;
  try {
    await page.goto(b.origin + "/");
    await ready(page);
    await sample(page, "k8s-insecure");
    await page.waitForFunction(() => document.querySelector(".cm-content").textContent.includes("kind: Deployment"));
    const line = page.locator(".cm-line", { hasText: "- name: api" }).first();
    await line.locator("[class*=cm-lintRange]").first().waitFor({ timeout: 10000 });
    await line.locator("[class*=cm-lintRange]").first().hover();
    const tip = page.locator(".cm-tooltip-hover");
    await tip.waitFor({ timeout: 5000 });
    await page.waitForTimeout(300);
    const box = await tip.evaluate((t) => {
      const r = t.getBoundingClientRect();
      return { top: r.top, bottom: r.bottom, left: r.left, right: r.right, scroll: t.scrollHeight, client: t.clientHeight, overflow: getComputedStyle(t).overflowY, n: t.querySelectorAll(".cm-diagnostic").length, vh: innerHeight, vw: innerWidth };
    });
    assert.ok(box.n >= 5, `many findings in the tooltip (${box.n})`);
    assert.ok(box.top >= 0 && box.bottom <= box.vh, `within the viewport vertically (${box.top}..${box.bottom} of ${box.vh})`);
    assert.ok(box.left >= 0 && box.right <= box.vw, "within the viewport horizontally");
    assert.equal(box.overflow, "auto", "it scrolls");
    // nothing spills out of the box: what does not fit is scrolled to
    const last = await tip.locator(".cm-diagnostic").last().evaluate((d) => {
      d.scrollIntoView({ block: "end" });
      const r = d.getBoundingClientRect();
      const t = d.closest(".cm-tooltip-hover").getBoundingClientRect();
      return r.bottom <= t.bottom + 1;
    });
    assert.ok(last, "the last finding can be scrolled to inside the tooltip");
    await shot(page, "tooltip-k8s");

    // raw backticks become code elements (text, never HTML); the tooltip
    // is closed first, as it covers the editor where typeInto clicks
    await page.mouse.move(0, 0);
    await tip.waitFor({ state: "hidden", timeout: 5000 });
    await typeInto(page, "FROM node:20\nRUN yarn install\nUSER node\n");
    const sq = page.locator(".cm-line").nth(1).locator("[class*=cm-lintRange]");
    await page.locator('li.finding[data-rule="DL3060"]').waitFor({ timeout: 10000 });
    await page.mouse.move(0, 0);
    await sq.first().hover();
    const text = page.locator(".cm-tooltip-hover .cm-diagnosticText", { hasText: "yarn" });
    await text.waitFor({ timeout: 5000 });
    assert.equal(await text.locator("code").first().innerText(), "&& yarn cache clean");
    assert.ok(!(await text.innerText()).includes("`"), "no raw backticks");
    await shot(page, "tooltip-code");
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test("on a 390 px phone nothing widens the page: a card with a long diff, a challenge, the practice tabs", async () => {
  const b = await open({ viewport: { width: 390, height: 844 } });
  const { page } = b;
  try {
    await page.goto(b.origin + "/");
    await ready(page);
    const width = () => page.evaluate(() => document.documentElement.scrollWidth);
    await shot(page, "phone-top");
    await typeInto(page, "FROM debian:12\nRUN apt-get update && apt-get install -y curl ca-certificates gnupg lsb-release software-properties-common\nUSER 1000\n");
    const link = page.locator('li.finding[data-rule="DL3008"] .rule-link').first();
    await link.waitFor({ timeout: 10000 });
    await link.click();
    await page.locator("[data-testid=example-diff]").first().waitFor({ timeout: 10000 });
    assert.ok(await width() <= 390, `a card: ${await width()} px`);
    await page.locator("[data-testid=rule-card]").scrollIntoViewIfNeeded();
    await shot(page, "phone-card");
    // every card with an example
    await page.getByRole("tab", { name: "Practice" }).click();
    await page.locator("[data-testid=practice-challenges]").waitFor({ timeout: 10000 });
    assert.ok(await width() <= 390, `the practice tabs: ${await width()} px`);
    await page.click("[data-testid=practice-challenges]");
    await page.click('[data-challenge="df-first-steps"]');
    await page.locator(".line-toggle").first().waitFor({ timeout: 5000 });
    await page.locator('.line-toggle[data-line="1"]').click();
    await page.click("[data-testid=check-challenge]");
    await page.locator("[data-testid=challenge-score]").waitFor({ timeout: 5000 });
    assert.ok(await width() <= 390, `a challenge: ${await width()} px`);
    await page.locator(".challenge-lines").first().scrollIntoViewIfNeeded();
    await shot(page, "phone-challenge");
    await page.click("[data-testid=practice-interview]");
    await page.locator("[data-testid=reveal]").first().click();
    assert.ok(await width() <= 390, `interview questions: ${await width()} px`);
    await page.click("[data-testid=practice-topics]");
    await page.locator(".challenge-open[data-topic]").first().click();
    assert.ok(await width() <= 390, `lesson questions: ${await width()} px`);
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test("grading an interview question keeps typed answers, revealed answers and focus", async () => {
  const b = await open({ viewport: { width: 1366, height: 800 } });
  const { page } = b;
  try {
    await page.goto(b.origin + "/");
    await ready(page);
    await page.getByRole("tab", { name: "Practice" }).click();
    await page.click("[data-testid=practice-interview]");
    const qs = page.locator("li.interview-q");
    await qs.first().waitFor({ timeout: 10000 });
    const [one, two] = [qs.nth(0), qs.nth(1)];
    await one.locator("textarea").fill("first answer");
    await two.locator("textarea").fill("second answer");
    await two.locator("[data-testid=reveal]").click();
    await one.locator("[data-testid=reveal]").click();
    await one.locator('[data-grade="partial"]').focus();
    await page.keyboard.press("Enter");
    assert.match(await page.locator("[data-testid=interview-progress]").innerText(), /^1 of \d+ graded/);
    assert.equal(await one.locator("textarea").inputValue(), "first answer");
    assert.equal(await two.locator("textarea").inputValue(), "second answer");
    assert.equal(await one.locator(".reveal").isVisible(), true);
    assert.equal(await two.locator(".reveal").isVisible(), true);
    assert.equal(await page.evaluate(() => document.activeElement.dataset.grade), "partial", "focus stays on the grade");
    assert.equal(await one.locator('[data-grade="partial"]').getAttribute("aria-pressed"), "true");
    assert.match(await one.locator(".grade-tag").innerText(), /partial/i);
    // another grade of the same question: in place too
    await one.locator('[data-grade="strong"]').click();
    assert.equal(await one.locator('[data-grade="partial"]').getAttribute("aria-pressed"), "false");
    assert.equal(await two.locator("textarea").inputValue(), "second answer");
    await shot(page, "interview-graded");
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test("a sample never silently replaces the draft; a kind set by hand offers detection back", async () => {
  const b = await open({ viewport: { width: 1366, height: 800 } });
  const { page } = b;
  try {
    await page.goto(b.origin + "/");
    await ready(page);
    const draft = "FROM alpine:3.22\nRUN echo my own draft\nUSER 1000";
    await typeInto(page, draft);
    await sample(page, "compose-insecure");
    const undo = page.locator("[data-testid=undo-sample]");
    await undo.waitFor({ timeout: 10000 });
    assert.match(await page.locator("[data-testid=status]").innerText(), /in place of your text/);
    assert.ok((await editorText(page)).includes("services:"));
    await shot(page, "sample-undo");
    await undo.click();
    await page.waitForFunction((d) => [...document.querySelectorAll(".cm-line")].map((l) => l.textContent).join("\n") === d, draft, { timeout: 5000 });
    await page.waitForFunction((d) => localStorage.getItem("dockwise.text.v1") === d, draft, { timeout: 5000 });
    // the editor's own undo brings the draft back too
    await sample(page, "insecure");
    await page.waitForFunction(() => !document.querySelector(".cm-content").textContent.includes("my own draft"));
    await page.click(".cm-content");
    await page.keyboard.press("Control+z");
    await page.waitForFunction(() => document.querySelector(".cm-content").textContent.includes("my own draft"), null, { timeout: 5000 });

    // a kind forced in the picker is shown as forced ...
    await page.selectOption("[data-testid=kind-picker]", "compose");
    await page.locator(".kind-picker.forced").waitFor({ timeout: 5000 });
    assert.match(await page.locator("[data-testid=kind-picker] option:checked").innerText(), /set by hand/);
    // ... and a Dockerfile pasted under it gets a one-click way back
    await pasteInto(page, "FROM python:3.12\nRUN pip install flask\nCMD [\"python\", \"app.py\"]\n");
    const hint = page.locator("[data-testid=kind-hint]");
    await hint.waitFor({ timeout: 10000 });
    assert.match(await hint.innerText(), /looks like a Dockerfile/);
    await shot(page, "kind-hint");
    await page.click("[data-testid=kind-detect]");
    await hint.waitFor({ state: "detached", timeout: 5000 });
    assert.equal(await page.locator("[data-testid=kind-picker]").inputValue(), "auto");
    await page.locator('li.finding[data-rule="DL3042"]').first().waitFor({ timeout: 10000 });
    assert.equal(await page.locator(".kind-picker.forced").count(), 0);
    assert.deepEqual(foreign(b.requests, b.origin), []);
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test("notices: success in the success colour, errors in the error colour; quiz feedback reads well", async () => {
  const b = await open({ viewport: { width: 1366, height: 800 } });
  const { page } = b;
  try {
    await page.goto(b.origin + "/");
    await ready(page);
    await typeInto(page, "FROM alpine:latest\nUSER 1000\n");
    await page.click("[data-testid=share]");
    const ok = page.locator(".notice.share");
    await ok.waitFor({ timeout: 5000 });
    const colours = await page.evaluate(() => {
      const probe = (v) => {
        const s = document.createElement("span");
        s.style.backgroundColor = `var(${v})`;
        document.body.append(s);
        const c = getComputedStyle(s).backgroundColor;
        s.remove();
        return c;
      };
      return { good: probe("--good-soft"), bad: probe("--bad-soft"), share: getComputedStyle(document.querySelector(".notice.share")).backgroundColor };
    });
    assert.equal(colours.share, colours.good);
    assert.notEqual(colours.share, colours.bad);
    await shot(page, "notice-success");

    // feedback on a right answer: "Correct." and the explanation, never "Correct. Right:"
    await page.locator('li.finding[data-rule="DL3007"] .rule-link').first().click();
    const right = page.locator('[data-testid=rule-card] .choice[data-correct="true"]');
    await right.waitFor({ timeout: 10000 });
    await right.click();
    const fb = await page.locator("[data-testid=quiz-feedback]").innerText();
    assert.match(fb, /^Correct\./);
    assert.doesNotMatch(fb, /Correct\.\s*Right/i);
    await page.getByRole("tab", { name: "Quick check" }).click();
    await page.click("[data-testid=start-quick]");
    const qright = page.locator('.quick .choice[data-correct="true"]');
    await qright.first().waitFor({ timeout: 10000 });
    await qright.first().click();
    const qfb = await page.locator("[data-testid=quick-feedback]").innerText();
    assert.doesNotMatch(qfb, /Correct\.\s*Right/i);
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test("keyboard: Tab passes the editor until one types, focus ring, hint, Esc Tab, `?` sheet, F8 read out, lint panel", async () => {
  const b = await open({ viewport: { width: 1366, height: 800 } });
  const { page } = b;
  try {
    await page.goto(b.origin + "/");
    await ready(page);
    await typeInto(page, "FROM alpine:3.22\nMAINTAINER me\nRUN sudo ls\n");
    await page.locator('li.finding[data-rule="DL3004"]').waitFor({ timeout: 10000 });
    await page.reload();
    await ready(page);
    await page.locator('li.finding[data-rule="DL3004"]').waitFor({ timeout: 10000 });
    const inEditor = () => page.evaluate(() => !!document.activeElement.closest(".cm-editor"));
    // into the editor from the last header control, with Tab
    await page.locator("[data-testid=samples]").focus();
    await page.keyboard.press("Tab");
    assert.ok(await inEditor(), "Tab enters the editor");
    const hint = page.locator("[data-testid=editor-hint]");
    assert.equal(await hint.isVisible(), true, "a hint says what Tab does");
    assert.match(await hint.innerText(), /Esc, Tab/);
    // CodeMirror marks its focus in the frame after the focus event
    await page.waitForSelector(".cm-editor.cm-focused", { timeout: 5000 });
    const ring = await page.evaluate(() => {
      const s = getComputedStyle(document.querySelector(".cm-editor.cm-focused"));
      return { style: s.outlineStyle, width: parseFloat(s.outlineWidth) };
    });
    assert.equal(ring.style, "solid");
    assert.ok(ring.width >= 2, "a visible focus ring");
    await shot(page, "editor-focus");
    // not typed yet: Tab moves on
    const before = await editorText(page);
    await page.keyboard.press("Tab");
    assert.equal(await inEditor(), false, "Tab leaves the editor before typing");
    assert.equal(await editorText(page), before);
    // typed: Tab indents, Esc then Tab leaves
    await page.keyboard.press("Shift+Tab");
    assert.ok(await inEditor());
    await page.keyboard.press("Control+End");
    await page.keyboard.type("x");
    await page.keyboard.press("Tab");
    assert.ok(await inEditor(), "after typing, Tab stays");
    assert.match(await editorText(page), /\n\s+x|x\s+$|\tx|x\t/);
    await page.keyboard.press("Escape");
    await page.keyboard.press("Tab");
    assert.equal(await inEditor(), false, "Esc then Tab leaves");

    // F8 shows the finding's message and announces it
    await page.click(".cm-content");
    await page.keyboard.press("Control+Home");
    await page.keyboard.press("F8");
    const status = page.locator("[data-testid=editor-status]");
    await page.waitForFunction(() => document.querySelector("[data-testid=editor-status]").textContent.length > 0, null, { timeout: 3000 });
    assert.equal(await status.getAttribute("aria-live"), "polite");
    assert.match(await status.innerText(), /Line \d+, column \d+: \w+ (DL|DW)\d{4}/);
    await shot(page, "f8-status");
    // CodeMirror's lint panel, from the keyboard
    await page.keyboard.press("Control+Shift+KeyM");
    const panel = page.locator(".cm-panel-lint");
    await panel.waitFor({ timeout: 3000 });
    assert.ok(await panel.locator("li").count() >= 2);
    await page.keyboard.press("Escape");
    await panel.waitFor({ state: "detached", timeout: 3000 });

    // `?` outside a text field: the shortcuts sheet, a dialog that keeps focus
    await page.locator("[data-testid=theme]").focus();
    await page.keyboard.press("?");
    const sheet = page.locator("[data-testid=shortcuts]");
    await sheet.waitFor({ timeout: 3000 });
    assert.equal(await sheet.getAttribute("role"), "dialog");
    const text = await sheet.innerText();
    for (const want of ["F8", "Shift", "Esc", "Tab", "Fix", "Learn why", "?"]) assert.ok(text.includes(want), `the sheet lists ${want}`);
    assert.ok(await page.evaluate(() => !!document.activeElement.closest("[data-testid=shortcuts]")), "focus is in the sheet");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Shift+Tab");
    assert.ok(await page.evaluate(() => !!document.activeElement.closest("[data-testid=shortcuts]")), "focus stays in the sheet");
    await shot(page, "shortcuts");
    await page.keyboard.press("Escape");
    await sheet.waitFor({ state: "detached", timeout: 3000 });
    assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), "theme", "focus returns");
    // `?` typed in the editor is text
    await page.click(".cm-content");
    await page.keyboard.press("Control+End");
    await page.keyboard.type("?");
    assert.equal(await sheet.count(), 0);
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test("keyboard: focus returns after Learn why and Back (list scroll kept), quiz and tab arrows", async () => {
  const b = await open({ viewport: { width: 1366, height: 800 } });
  const { page } = b;
  try {
    await page.goto(b.origin + "/");
    await ready(page);
    // the first visit shows this sample already: loading it again replaces
    // the text with itself, and the squiggles stay (the check is not asked
    // twice, its answer is drawn again)
    await sample(page, "insecure");
    await page.locator("li.finding").nth(8).waitFor({ timeout: 10000 });
    await page.waitForTimeout(600);
    assert.ok(await page.locator(".cm-lintRange").count() >= 10, "the squiggles are drawn");
    // scroll the list, open a card from a finding low in it
    const link = page.locator("li.finding .rule-link").nth(7);
    await link.scrollIntoViewIfNeeded();
    const scroll = await page.evaluate(() => document.getElementById("side-panel").scrollTop);
    assert.ok(scroll > 0, "the list is scrolled");
    const rule = await link.getAttribute("data-rule");
    await link.focus();
    await page.keyboard.press("Enter");
    const card = page.locator("[data-testid=rule-card]");
    await card.waitFor({ timeout: 10000 });

    // quiz choices: arrows move focus and never answer; Enter answers and focus stays
    const choices = card.locator(".choice[role=radio]");
    await choices.first().waitFor({ timeout: 10000 });
    assert.equal(await card.locator("[role=radiogroup]").count(), 1);
    const n = await choices.count();
    assert.deepEqual(await choices.evaluateAll((cs) => cs.map((c) => c.tabIndex)), [0, ...Array(n - 1).fill(-1)]);
    await choices.first().focus();
    await page.keyboard.press("ArrowDown");
    assert.equal(await page.evaluate(() => [...document.querySelectorAll("[data-testid=rule-card] .choice")].indexOf(document.activeElement)), 1);
    await page.keyboard.press("ArrowUp");
    await page.keyboard.press("ArrowUp");
    assert.equal(await page.evaluate(() => [...document.querySelectorAll("[data-testid=rule-card] .choice")].indexOf(document.activeElement)), n - 1);
    assert.equal(await card.locator('.choice[aria-checked="true"]').count(), 0, "arrows do not answer");
    await page.keyboard.press("Home");
    await page.keyboard.press("Enter");
    await page.locator("[data-testid=quiz-feedback]").waitFor({ timeout: 3000 });
    assert.equal(await page.evaluate(() => document.activeElement.getAttribute("aria-checked")), "true", "focus stays on the answered choice");

    // Back: focus on the finding's button, the list as it was
    await card.locator("button.back").click();
    await card.waitFor({ state: "detached", timeout: 3000 });
    const back = await page.evaluate(() => ({ rule: document.activeElement.dataset.rule, cls: document.activeElement.className, scroll: document.getElementById("side-panel").scrollTop }));
    assert.equal(back.rule, rule);
    assert.match(back.cls, /rule-link/);
    assert.ok(Math.abs(back.scroll - scroll) <= 2, `the list's scroll is kept (${scroll} -> ${back.scroll})`);

    // the side tabs: a tablist with one tab stop, arrows, Home and End
    const tabs = page.locator(".side-pane [role=tablist] [role=tab]");
    const count = await tabs.count();
    assert.deepEqual(await tabs.evaluateAll((ts) => ts.map((t) => t.tabIndex)), [0, ...Array(count - 1).fill(-1)]);
    await tabs.first().focus();
    await page.keyboard.press("ArrowRight");
    await page.waitForFunction(() => document.activeElement.getAttribute("aria-selected") === "true" && document.activeElement.id === "tab-quick");
    const panel = page.locator("#side-panel");
    assert.equal(await panel.getAttribute("role"), "tabpanel");
    assert.equal(await panel.getAttribute("aria-labelledby"), "tab-quick");
    assert.equal(await tabs.nth(1).getAttribute("aria-controls"), "side-panel");
    await page.keyboard.press("End");
    await page.waitForFunction((n) => document.activeElement === document.querySelectorAll(".side-pane [role=tab]")[n - 1] && document.activeElement.getAttribute("aria-selected") === "true", count);
    await page.keyboard.press("ArrowRight");
    await page.waitForFunction(() => document.activeElement.id === "tab-findings" && document.activeElement.getAttribute("aria-selected") === "true");
    await page.keyboard.press("ArrowLeft");
    await page.keyboard.press("Home");
    await page.waitForFunction(() => document.activeElement.id === "tab-findings");
    // the practice tabs too
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowRight");
    await page.waitForFunction(() => document.activeElement.id === "tab-practice");
    await page.locator("#practice-tab-topics").waitFor({ timeout: 10000 });
    await page.locator("#practice-tab-topics").focus();
    await page.keyboard.press("ArrowRight");
    await page.waitForFunction(() => document.activeElement.id === "practice-tab-interview" && document.activeElement.getAttribute("aria-selected") === "true");
    assert.equal(await page.locator("#practice-panel").getAttribute("aria-labelledby"), "practice-tab-interview");
    await shot(page, "tabs");
    // Harden was shown for a moment (End, Home): its late answer must not
    // reach a dropped view
    await page.waitForTimeout(1500);
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

/** A lesson page that frames `src` and records the messages it gets. */
function lesson(page, origin, src) {
  return embedHost(page, origin, src);
}

test("embeds: Practice, Rules and the kind picker hidden unless asked for; one message per check", async () => {
  const b = await open({ viewport: { width: 1366, height: 800 } });
  const { page } = b;
  try {
    const text = b64url("FROM python:latest\nUSER 1000\n");
    let frame = await lesson(page, b.origin, `${b.origin}/#embed&text=${text}`);
    await frame.locator('li.finding[data-rule="DL3007"]').waitFor({ timeout: 15000 });
    const tabNames = async () => (await frame.locator(".side-pane [role=tab]").allInnerTexts()).map((t) => t.replace(/ \(.*/, ""));
    assert.deepEqual(await tabNames(), ["Findings", "Quick check", "Harden"]);
    assert.equal(await frame.locator("[data-testid=kind-picker]").count(), 0);
    // one check on load, one message
    await page.waitForTimeout(1500);
    const changed = await page.evaluate(() => window.got.filter((m) => m.type === "findings-changed").length);
    assert.equal(changed, 1, "findings-changed once on load");
    await shot(page, "embed-compact");

    frame = await lesson(page, b.origin, `${b.origin}/#embed&tabs=practice,rules&kind-picker=1&text=${text}`);
    await frame.locator('li.finding[data-rule="DL3007"]').waitFor({ timeout: 15000 });
    assert.deepEqual(await tabNames(), ["Findings", "Quick check", "Practice", "Rules", "Harden"]);
    assert.equal(await frame.locator("[data-testid=kind-picker]").count(), 1);
    assert.deepEqual(foreign(b.requests, b.origin), []);
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test("a task embed: no fixes; solved is posted once when the learner's edits quiet its rules", async () => {
  const b = await open({ viewport: { width: 1366, height: 800 } });
  const { page } = b;
  try {
    const text = b64url("FROM python:latest\nRUN pip install flask\nUSER 1000\n");
    const frame = await lesson(page, b.origin, `${b.origin}/#embed&task=DL3007,DL3042&text=${text}`);
    await frame.locator('li.finding[data-rule="DL3007"]').waitFor({ timeout: 15000 });
    assert.match(await frame.locator("[data-testid=status]").innerText(), /Your task: .*DL3007.*DL3042/);
    // never a fix
    assert.equal(await frame.locator("[data-testid=fix]").count(), 0);
    assert.equal(await frame.locator("[data-testid=fix-all]").count(), 0);
    assert.equal(await frame.locator(".side-pane [role=tab]", { hasText: "Harden" }).count(), 0);
    await frame.locator(".cm-line").first().locator("[class*=cm-lintRange]").first().hover();
    await frame.locator(".cm-tooltip-hover").waitFor({ timeout: 5000 });
    assert.equal(await frame.locator(".cm-tooltip-hover button", { hasText: "Fix" }).count(), 0);
    // one rule fixed: not yet
    await frame.locator(".cm-content").click();
    await frame.locator(".cm-content").press("Control+Home");
    await frame.locator(".cm-content").press("End");
    for (let i = 0; i < "latest".length; i++) await frame.locator(".cm-content").press("Backspace");
    await frame.locator(".cm-content").pressSequentially("3.12-slim");
    await frame.locator('li.finding[data-rule="DL3007"]').waitFor({ state: "detached", timeout: 10000 });
    await page.waitForTimeout(500);
    assert.equal(await page.evaluate(() => window.got.filter((m) => m.type === "solved").length), 0);
    // a file that does not parse never solves it
    // the second rule fixed: solved, once
    await frame.locator(".cm-content").press("ArrowDown");
    await frame.locator(".cm-content").press("End");
    await frame.locator(".cm-content").pressSequentially(" --no-cache-dir");
    await page.waitForFunction(() => window.got.some((m) => m.type === "solved"), null, { timeout: 10000 });
    const solved = await page.evaluate(() => window.got.filter((m) => m.type === "solved"));
    assert.deepEqual(solved, [{ source: "dockwise", type: "solved", rules: ["DL3007", "DL3042"] }]);
    const notice = frame.locator("[data-testid=status]");
    assert.match(await notice.innerText(), /Task solved/);
    assert.match(await notice.getAttribute("class"), /success/);
    await shot(page, "task-solved");
    // more edits: no second message
    await frame.locator(".cm-content").pressSequentially(" ");
    await page.waitForTimeout(1000);
    assert.equal(await page.evaluate(() => window.got.filter((m) => m.type === "solved").length), 1);
    assert.deepEqual(foreign(b.requests, b.origin), []);
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});
