// Accessibility and comfort: F8 / Shift+F8 between findings, keyboard-only
// card quiz, WCAG AA contrast of the text colours in both themes, and a
// phone-sized layout.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { open, ready, typeInto, installContrast, ARTIFACTS } from "./browser.mjs";

test("F8 and Shift+F8 move between findings; a card's quiz works from the keyboard", async () => {
  const b = await open();
  const { page } = b;
  try {
    await page.goto(b.origin + "/");
    await ready(page);
    await typeInto(page, "FROM alpine:3.22\nMAINTAINER me\nRUN sudo ls\n");
    await page.locator('li.finding[data-rule="DL3004"]').waitFor({ timeout: 5000 });
    // F8 selects the next finding's words, Shift+F8 the previous one
    const selected = () => page.evaluate(() => window.getSelection().toString());
    const press = async (key) => {
      const before = await selected();
      await page.keyboard.press(key);
      await page.waitForFunction((b) => window.getSelection().toString() !== b, before, { timeout: 2000 }).catch(() => {});
      return selected();
    };
    await page.keyboard.press("Control+End");
    let first = await press("F8");
    if (!first) first = await press("F8");
    assert.ok(first, "F8 selects a finding");
    const second = await press("F8");
    assert.ok(second && second !== first, `F8 moves on (${first} -> ${second})`);
    assert.equal(await press("Shift+F8"), first, "Shift+F8 moves back");

    // Tab to a finding's "Learn why", open the card, answer with the keyboard
    await page.locator('li.finding[data-rule="DL4000"] .rule-link').focus();
    await page.keyboard.press("Enter");
    const right = page.locator('[data-testid=rule-card] .choice[data-correct="true"]');
    await right.waitFor({ timeout: 5000 });
    await right.focus();
    await page.keyboard.press("Space");
    assert.match(await page.locator("[data-testid=quiz-feedback]").innerText(), /Correct/);
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

/** WCAG contrast ratio of two CSS colours, computed in the page. */
async function contrasts(page) {
  await installContrast(page);
  // the measure itself: black on white is 21:1, #777 on white just under 4.5:1
  const [most, grey] = await page.evaluate(() => [window.wcag.ratio("rgb(0, 0, 0)", [255, 255, 255]), window.wcag.ratio("rgb(119, 119, 119)", "rgb(255, 255, 255)")]);
  assert.equal(Math.round(most * 100) / 100, 21);
  assert.ok(grey > 4.4 && grey < 4.5, `#777 on white: ${grey}`);
  return page.evaluate(() => {
    const ratio = window.wcag.ratio;
    const probe = document.createElement("span");
    document.body.append(probe);
    const color = (v) => {
      probe.style.color = `var(${v})`;
      return getComputedStyle(probe).color;
    };
    const out = {};
    for (const bg of ["--bg", "--panel", "--panel-2", "--editor-bg"]) {
      for (const fg of ["--text", "--muted", "--accent", "--sev-error", "--sev-warning", "--sev-info", "--sev-style", "--good"]) {
        out[`${fg} on ${bg}`] = ratio(color(fg), color(bg));
      }
    }
    probe.remove();
    return out;
  });
}

test("text colours meet WCAG AA (4.5:1) in both themes; the layout fits a phone", async () => {
  for (const scheme of ["light", "dark"]) {
    const b = await open({ colorScheme: scheme });
    const { page } = b;
    try {
      await page.goto(b.origin + "/");
      await ready(page);
      const low = Object.entries(await contrasts(page)).filter(([, r]) => r < 4.5);
      assert.deepEqual(low, [], `${scheme}: contrast below 4.5:1`);
    } finally {
      await b.close();
    }
  }
  const b = await open({ viewport: { width: 390, height: 844 } });
  const { page } = b;
  try {
    await page.goto(b.origin + "/");
    await ready(page);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 390, `no horizontal scrolling on a phone (${width}px)`);
    await page.screenshot({ path: join(ARTIFACTS, "phone.png"), fullPage: false });
  } finally {
    await b.close();
  }
});

/** Every text of `root` whose colour is below 4.5:1 against the background it is drawn on. */
/** (Runs in the page, after installContrast.) */
function lowContrast(root) {
  const rgba = (c) => (c.match(/[\d.]+/g) || []).map(Number);
  const ratio = window.wcag.ratio;
  // the first background that is not transparent, from the element up
  const background = (e) => {
    for (; e; e = e.parentElement) {
      const c = rgba(getComputedStyle(e).backgroundColor);
      if (c.length === 3 || (c.length === 4 && c[3] > 0.5)) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const out = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let t = walker.nextNode(); t; t = walker.nextNode()) {
    const e = t.parentElement;
    if (!t.textContent.trim() || e.closest("svg, .visually-hidden, [hidden], option, datalist")) continue;
    const r = ratio(rgba(getComputedStyle(e).color).slice(0, 3), background(e));
    if (r < 4.5) out.push(`${e.tagName}.${e.className}: ${t.textContent.trim().slice(0, 40)} (${r.toFixed(2)})`);
  }
  return out;
}

test("the Build tab's text meets WCAG AA (4.5:1) in both themes", async () => {
  for (const scheme of ["light", "dark"]) {
    const b = await open({ colorScheme: scheme });
    const { page } = b;
    try {
      await page.goto(b.origin + "/");
      await ready(page);
      await page.selectOption(".sample-picker select", { label: "Lesson: image size, before and after" });
      await page.waitForFunction(() => document.querySelector(".cm-content").innerText.includes("build-essential"), null, { timeout: 10000 });
      await page.click("role=tab[name=Build]");
      const build = page.locator("[data-testid=build]");
      await build.locator("[data-testid=size-table]").waitFor({ timeout: 20000 });
      // reruns marked, the challenge applied (its "done" colours too)
      await build.locator("[data-testid=build-path]").fill("src/app.py");
      await build.locator("li.step.reruns").first().waitFor({ timeout: 10000 });
      await build.locator("[data-testid=challenge-try]").click();
      await build.locator("[data-testid=challenge-done]").waitFor({ timeout: 15000 });
      await build.locator("li.step.reruns").first().waitFor({ timeout: 10000 });
      await installContrast(page);
      const low = await build.evaluate(lowContrast);
      assert.deepEqual(low, [], `${scheme}: Build tab text below 4.5:1`);
      assert.deepEqual(b.errors, []);
    } finally {
      await b.close();
    }
  }
});
