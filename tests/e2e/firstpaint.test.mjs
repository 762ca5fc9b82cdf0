// First paint: index.html draws the app's layout (top bar, editor, side
// panel, status bar) and the page's level-one heading before the wasm runs,
// and the app takes its place without moving anything. The page's wasm is
// held back (page.route) to look at the shell alone, then let through.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ARTIFACTS, ROOT, foreign, open, ready } from "./browser.mjs";

const PARTS = [".topbar", ".brand", ".controls", ".workspace", ".editor-pane", ".side-pane", ".tabs", ".statusbar"];

/** Bounding boxes of the layout's parts, inside `scope`. */
function boxes(page, scope) {
  return page.evaluate(({ scope, parts }) => {
    const root = document.querySelector(scope);
    const out = {};
    for (const sel of parts) {
      const el = root && root.querySelector(sel);
      const r = el && el.getBoundingClientRect();
      out[sel] = r ? { x: Math.round(r.x), y: Math.round(r.y), w: Math.round(r.width), h: Math.round(r.height) } : null;
    }
    return out;
  }, { scope, parts: PARTS });
}

/**
 * The app's parts are where the shell's were: same left, top and width, and
 * the same height for the parts whose content does not decide it. On a phone
 * the panes stack and the side panel grows with the findings, so the status
 * bar may move, but only if it was below the first screen and stays there.
 */
function samePlaces(shell, app, screen, parts = PARTS) {
  const near = (a, b) => Math.abs(a - b) <= 2;
  for (const sel of parts) {
    const [a, b] = [shell[sel], app[sel]];
    assert.ok(b, `the app draws ${sel}`);
    const where = `${sel} stays in place: shell ${JSON.stringify(a)}, app ${JSON.stringify(b)}`;
    if (sel === ".statusbar" && a.y >= screen) {
      assert.ok(b.y >= screen, where);
      continue;
    }
    const keys = [".workspace", ".side-pane"].includes(sel) && a.y + a.h > screen ? ["x", "y", "w"] : ["x", "y", "w", "h"];
    for (const k of keys) assert.ok(near(a[k], b[k]), where);
  }
}

/** Watches layout shifts and CSP violations from the first byte on. */
async function watch(page) {
  await page.addInitScript(`const PARTS_IN_PAGE = ${JSON.stringify(PARTS)};(${watcher})()`);
}

/** Runs in the page, before its own scripts (PARTS_IN_PAGE is set). */
function watcher() {
  window.__shifts = [];
  window.__violations = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (!e.hadRecentInput) window.__shifts.push({ value: e.value, at: e.startTime, sources: (e.sources || []).map((s) => s.node?.className || s.node?.nodeName || "?") });
    }
  }).observe({ type: "layout-shift", buffered: true });
  document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  // the app's first frame: where its parts are when it is first painted
  const parts = PARTS_IN_PAGE;
  const seen = new MutationObserver(() => {
    const app = document.querySelector(".app:not(.shell)");
    if (!app || window.__mounted) return;
    window.__mounted = { shellLeft: !!document.getElementById("shell") };
    seen.disconnect();
    requestAnimationFrame((t) => {
      const boxes = {};
      for (const sel of parts) {
        const r = app.querySelector(sel)?.getBoundingClientRect();
        boxes[sel] = r ? { x: Math.round(r.x), y: Math.round(r.y), w: Math.round(r.width), h: Math.round(r.height) } : null;
      }
      Object.assign(window.__mounted, { at: t, boxes });
    });
  });
  document.addEventListener("DOMContentLoaded", () => seen.observe(document.body, { childList: true, subtree: true }));
}

/** Holds the page's own wasm (the app, not the checker's) until `release()`. */
async function holdAppWasm(page) {
  let release;
  const held = new Promise((ok) => { release = ok; });
  let asked = 0;
  await page.route(/\/dockwise-web-[0-9a-f]+_bg\.wasm$/, async (route) => {
    asked++;
    await held;
    await route.continue();
  });
  return { release: () => release(), asked: () => asked };
}

for (const viewport of [{ width: 390, height: 844 }, { width: 1366, height: 800 }]) {
  const size = `${viewport.width}x${viewport.height}`;
  test(`the shell is drawn before the wasm runs and the app replaces it in place (${size})`, async () => {
    const { page, origin, requests, errors, close } = await open({ viewport });
    try {
      await watch(page);
      const wasm = await holdAppWasm(page);
      await page.goto(origin + "/");
      await page.waitForSelector("#shell .statusbar", { state: "visible" });
      // the wasm has been asked for (preloaded with the page) and not run
      await page.waitForFunction(() => performance.getEntriesByType("paint").some((p) => p.name === "first-contentful-paint"));
      await page.waitForTimeout(300);
      assert.ok(wasm.asked() >= 1, "the app's wasm is requested while the shell shows");
      assert.equal(await page.locator(".cm-content").count(), 0, "the app has not mounted");

      // one level-one heading, the layout's parts, all visible
      assert.equal(await page.locator("h1").count(), 1);
      assert.match(await page.locator("h1").textContent(), /Dockwise/);
      const shell = await boxes(page, "#shell");
      for (const [sel, b] of Object.entries(shell)) {
        assert.ok(b && b.w > 0 && b.h > 0, `the shell draws ${sel}: ${JSON.stringify(b)}`);
      }
      assert.ok(shell[".editor-pane"].h > 200, "the editor pane has its height before the app");
      // no horizontal scroll on a phone
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `the shell is no wider than the screen (${overflow} px over)`);
      await page.screenshot({ path: join(ARTIFACTS, `firstpaint-shell-${size}.png`) });

      wasm.release();
      await page.waitForFunction(() => window.__mounted?.boxes, null, { timeout: 20000 });
      const mounted = await page.evaluate(() => window.__mounted);
      assert.equal(mounted.shellLeft, false, "the shell is gone in the task that draws the app");
      // the app's first frame has its parts where the shell had them
      samePlaces(shell, mounted.boxes, viewport.height);
      await ready(page);
      await page.waitForTimeout(500);
      assert.equal(await page.locator("#shell").count(), 0, "the app removed the shell");
      assert.equal(await page.locator("h1").count(), 1, "still one level-one heading");
      // and nothing shifted in the frames around the mount
      const shifts = await page.evaluate(() => window.__shifts);
      const atMount = shifts.filter((e) => e.at <= mounted.at + 100);
      assert.ok(atMount.reduce((s, e) => s + e.value, 0) < 0.01, `no layout shift while the app mounts: ${JSON.stringify(atMount)}`);
      // (later shifts come from the app's own updates: findings arriving, the Harden tab)
      const later = shifts.filter((e) => e.at > mounted.at + 100);
      if (later.length) console.log(`# ${size}: later layout shifts ${JSON.stringify(later)}`);
      // the top bar and the editor stay put once the first check is in
      samePlaces(shell, await boxes(page, ".app"), viewport.height, [".topbar", ".brand", ".controls", ".editor-pane"]);
      await page.screenshot({ path: join(ARTIFACTS, `firstpaint-app-${size}.png`) });

      assert.deepEqual(await page.evaluate(() => window.__violations), [], "no Content-Security-Policy violation");
      assert.deepEqual(errors, [], "no console errors");
      assert.deepEqual(foreign(requests, origin), []);
    } finally {
      await close();
    }
  });
}

test("a lesson embed's shell has the embed's tabs and no kind picker; a quiz embed draws none", async () => {
  const { page, origin, errors, close } = await open({ viewport: { width: 390, height: 844 } });
  try {
    await watch(page);
    const wasm = await holdAppWasm(page);
    await page.goto(origin + "/#embed");
    await page.waitForSelector("#shell.embed .statusbar", { state: "visible" });
    assert.deepEqual(await page.locator("#shell [role=tab]").allTextContents(), ["Findings (0)", "Quick check", "Harden"]);
    assert.equal(await page.locator("#shell .kind-picker").count(), 0);
    const shell = await boxes(page, "#shell");
    await page.screenshot({ path: join(ARTIFACTS, "firstpaint-shell-embed-390x844.png") });
    wasm.release();
    // (an embed starts with an empty editor)
    await page.waitForSelector(".app.embed .statusbar [data-testid=lint-time]", { timeout: 20000 });
    await page.waitForTimeout(300);
    // the shell has the embed's layout (the app's first frame is a full page
    // until it has read the link: app.rs sets `embed` after mounting)
    samePlaces(shell, await boxes(page, ".app"), 844);
    await page.screenshot({ path: join(ARTIFACTS, "firstpaint-app-embed-390x844.png") });
    await page.unroute(/\/dockwise-web-[0-9a-f]+_bg\.wasm$/);
    await page.goto("about:blank");
    await page.goto(origin + "/#embed&quiz=DL3007");
    await page.waitForSelector("[data-testid=quiz-embed]");
    assert.equal(await page.locator("#shell").count(), 0);
    assert.deepEqual(await page.evaluate(() => window.__violations), []);
    assert.deepEqual(errors, []);
  } finally {
    await close();
  }
});

test("the built page keeps its strict policy and fetches the first view's code in parallel", () => {
  const html = readFileSync(join(ROOT, "dist/index.html"), "utf8");
  const csp = /http-equiv="?Content-Security-Policy"?[^>]*content="([^"]+)"|content="([^"]+)"[^>]*http-equiv="?Content-Security-Policy/i.exec(html);
  assert.ok(csp, "a Content-Security-Policy meta tag");
  const policy = csp[1] || csp[2];
  const script = /script-src ([^;]+)/.exec(policy)[1];
  assert.doesNotMatch(script, /'unsafe-inline'|'unsafe-eval'|blob:|data:|(^|\s)\*/, "scripts only from the page and hashed inline ones");
  assert.match(policy, /default-src 'self'/);
  assert.match(policy, /connect-src 'self'/);
  // the app's wasm, its glue and the editor are asked for from the head
  assert.match(html, /<link[^>]+rel="?preload"?[^>]+_bg\.wasm|<link[^>]+_bg\.wasm[^>]+rel="?preload/, "the wasm is preloaded");
  assert.match(html, /<link[^>]+modulepreload[^>]+dockwise-web-[0-9a-f]+\.js|<link[^>]+dockwise-web-[0-9a-f]+\.js[^>]+modulepreload/, "the glue is preloaded");
  assert.match(html, /<link[^>]+modulepreload[^>]+editor\.js|<link[^>]+editor\.js[^>]+modulepreload/, "the editor is preloaded");
  // the stylesheet is in the page: no request stands before the first paint
  assert.doesNotMatch(html, /rel="?stylesheet/);
  assert.match(html, /<h1[\s>]/);
  assert.match(html, /Dockerfiles, Compose files and Kubernetes manifests/);
});
