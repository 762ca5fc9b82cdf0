// Shared set-up for the browser tests: serve dist/, start Debian's Chromium
// with a fresh profile, and watch every request and console message.
import { chromium } from "playwright-core";
import { mkdtempSync, mkdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { serve, BLANK } from "./server.mjs";

export const ROOT = resolve(import.meta.dirname, "../..");
export const ARTIFACTS = join(ROOT, "tests/e2e/artifacts");

const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";

/** `root`: the directory served (the built playground unless another is named). */
export async function open({ colorScheme = "light", viewport = { width: 1400, height: 860 }, root = join(ROOT, "dist") } = {}) {
  mkdirSync(ARTIFACTS, { recursive: true });
  const server = await serve(root);
  const origin = `http://127.0.0.1:${server.address().port}`;
  const profile = mkdtempSync(join(tmpdir(), "dockwise-e2e-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport,
    colorScheme,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-default-apps"],
  });
  const page = context.pages()[0] || (await context.newPage());
  const requests = [];
  const errors = [];
  page.on("request", (r) => requests.push(r.url()));
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  page.on("pageerror", (e) => errors.push(String(e)));
  async function close() {
    await context.close();
    server.close();
    rmSync(profile, { recursive: true, force: true });
  }
  return { page, origin, requests, errors, close };
}

/**
 * A lesson page: an empty page of the same origin (not the app, which would
 * boot beside the embed and compete with it) that frames `src`, records the
 * embed's messages in `window.got`, and returns the frame's locator.
 */
export async function embedHost(page, origin, src, { width = 1100, height = 640 } = {}) {
  await page.goto(origin + BLANK);
  await page.evaluate(({ src, width, height }) => {
    window.got = [];
    window.addEventListener("message", (e) => { if (e.data && e.data.source === "dockwise") window.got.push(e.data); });
    const f = document.createElement("iframe");
    f.src = src;
    f.style.width = `${width}px`;
    f.style.height = `${height}px`;
    document.body.appendChild(f);
  }, { src, width, height });
  return page.frameLocator("iframe");
}

/** Waits until the app has mounted the editor and run its first check. */
export async function ready(page) {
  await page.waitForSelector(".cm-content", { timeout: 20000 });
  await page.waitForSelector(".statusbar [data-testid=lint-time]", { timeout: 20000 });
  // the text is there: a draft, a link's text, or (first visit) the first sample
  await page.waitForFunction(() => document.querySelector(".cm-content").textContent.length > 0, null, { timeout: 20000 });
}

/** Replaces the editor's text by typing it, as a user would. */
export async function typeInto(page, text) {
  await page.click(".cm-content");
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Delete");
  await page.keyboard.type(text);
}

/** Requests to any origin but the page's own (data: and blob: are local). */
export function foreign(requests, origin) {
  return requests.filter((u) => !u.startsWith(origin + "/") && !u.startsWith("data:") && !u.startsWith("blob:"));
}

/** Replaces the editor's text by pasting `text` (a real paste event). */
export async function pasteInto(page, text) {
  await page.click(".cm-content");
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Delete");
  await page.evaluate((t) => {
    const dt = new DataTransfer();
    dt.setData("text/plain", t);
    document.querySelector(".cm-content").dispatchEvent(new ClipboardEvent("paste", { clipboardData: dt, bubbles: true, cancelable: true }));
  }, text);
}

/**
 * Gives the page `window.wcag.ratio(a, b)`: the WCAG contrast ratio of two
 * colours (CSS `rgb()`/`rgba()` strings or `[r, g, b]`). Call it after the
 * page is loaded (a reload drops it).
 */
export async function installContrast(page) {
  await page.evaluate(() => {
    const rgb = (c) => (Array.isArray(c) ? c : String(c).match(/[\d.]+/g) || []).map(Number).slice(0, 3);
    const lum = ([r, g, b]) => {
      const f = (v) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    window.wcag = {
      ratio: (a, b) => {
        const [x, y] = [lum(rgb(a)), lum(rgb(b))].sort((p, q) => q - p);
        return (x + 0.05) / (y + 0.05);
      },
    };
  });
}
