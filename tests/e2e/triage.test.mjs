// The findings list as triage (issue 13): order, grouped entries, "missing
// from" entries, the summary, exports, the rules' version, the clean-file
// message by kind, and a virtualised list of 50,000 findings.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { deflateRawSync, inflateRawSync } from "node:zlib";
import { open, ready, typeInto, pasteInto, foreign, ARTIFACTS } from "./browser.mjs";

// 8 findings: DW1001 (warning) and DW1002 (info) about what the file lacks,
// DW1004 and DW1017 (info) on the image, DL3003 (warning) on line 2, DL3064
// and DW1037 (warnings: hadolint's and BuildKit's secret-name checks) and
// DW4001 (error) on the ENV's one token.
const DOCKERFILE = "FROM python:3.12\nRUN cd /app\nENV API_KEY=sk-1234567890abcdef\nEXPOSE 8000\n";

const entries = (page) =>
  page.locator("[data-testid=findings] > li.finding").evaluateAll((els) =>
    els.map((e) => ({ rules: e.dataset.rules, line: Number(e.dataset.line), missing: e.classList.contains("missing") })),
  );

test("most severe first by default, by line on request; one entry per token; what the file lacks in one entry; the summary", async () => {
  const b = await open({ viewport: { width: 1366, height: 800 } });
  const { page } = b;
  try {
    await page.goto(b.origin + "/");
    await ready(page);
    await pasteInto(page, DOCKERFILE);
    const secret = page.locator('[data-testid=findings] > li.finding[data-rules~="DW4001"]');
    await page.locator('[data-testid=findings] > li.finding[data-rules~="DW4001"][data-line="3"]').waitFor({ timeout: 10000 });
    await page.waitForFunction(() => document.querySelectorAll("[data-testid=findings] > li.finding").length === 4);

    // most severe first: the error, then the warnings by line, then the info
    assert.equal(await page.locator("[data-testid=order-severity]").getAttribute("aria-pressed"), "true");
    const bySeverity = await entries(page);
    assert.deepEqual(
      bySeverity.map((e) => [e.rules, e.line, e.missing]),
      [
        ["DW4001 DL3064 DW1037", 3, false],
        ["DW1001 DW1002", 1, true],
        ["DL3003", 2, false],
        ["DW1004 DW1017", 1, false],
      ],
    );

    // the secret: one entry, both rules (each with Learn why), one piece of advice
    assert.equal(await secret.count(), 1);
    assert.match(await secret.locator("[data-testid=advice]").innerText(), /RUN --mount=type=secret.*when it starts/s);
    assert.deepEqual(await secret.locator(".rule-link").evaluateAll((els) => els.map((e) => e.dataset.rule)), ["DW4001", "DL3064", "DW1037"]);
    await secret.locator('.rule-link[data-rule="DL3064"]').click();
    await page.locator("[data-testid=rule-card]", { hasText: "DL3064" }).waitFor();
    await page.click("text=Findings (");

    // what the file lacks: one entry, not on the image
    const missing = page.locator("[data-testid=findings] > li.finding.missing");
    assert.equal(await missing.count(), 1);
    assert.match(await missing.locator(".loc.holder").innerText(), /^Missing from this Dockerfile$/);
    assert.deepEqual(await missing.locator("li.item").evaluateAll((els) => els.map((e) => e.dataset.rule)), ["DW1001", "DW1002"]);

    // two rules on the image, no advice for them together: each speaks in its row
    const image = page.locator('[data-testid=findings] > li.finding[data-rules="DW1004 DW1017"]');
    assert.equal(await image.locator(".finding-main .msg").innerText(), "2 rules flag this");
    assert.equal(await image.locator("li.item .item-title").count(), 2);
    // a message's backticks are inline code
    assert.equal(await page.locator('[data-testid=findings] > li.finding[data-rules="DL3003"] .msg code').first().innerText(), "cd");

    // the summary's three lines
    assert.equal(await page.locator("[data-testid=summary-severity]").innerText(), "8 findings: 1 error, 4 warnings, 3 info");
    assert.match(await page.locator("[data-testid=summary-concerns]").innerText(), /^By concern: security \d+ · /);
    const first = page.locator("[data-testid=fix-first]");
    assert.match(await first.innerText(), /^Fix first: DW4001 API_KEY is given a literal secret.* \(1 error\) Learn why/s);
    // it jumps to the finding
    await first.locator("button.link").first().click();
    assert.equal(await page.evaluate(() => window.getSelection().toString()), "sk-1234567890abcdef");
    await page.screenshot({ path: join(ARTIFACTS, "triage-severity-1366.png") });

    // by line: the file's lacks (line 1, first), the image, line 2, line 3
    await page.click("[data-testid=order-line]");
    await page.waitForFunction(() => document.querySelector("[data-testid=findings] > li.finding").dataset.rules === "DW1001 DW1002");
    assert.deepEqual(
      (await entries(page)).map((e) => [e.rules, e.line]),
      [
        ["DW1001 DW1002", 1],
        ["DW1004 DW1017", 1],
        ["DL3003", 2],
        ["DW4001 DL3064 DW1037", 3],
      ],
    );
    assert.equal(await page.locator("[data-testid=order-line]").getAttribute("aria-pressed"), "true");

    // a phone: the same list, nothing wider than the screen
    await page.setViewportSize({ width: 390, height: 844 });
    await page.locator("[data-testid=summary]").scrollIntoViewIfNeeded();
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(wide <= 390, `no horizontal scroll on a phone (${wide}px)`);
    await page.screenshot({ path: join(ARTIFACTS, "triage-line-390.png") });
    await page.locator("[data-testid=findings] > li.finding.missing").scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, "triage-entries-390.png") });
    assert.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= 390);

    assert.deepEqual(foreign(b.requests, b.origin), []);
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test("Compose and Kubernetes: each service's and container's lacks in one entry; a clean Compose file is called a Compose file", async () => {
  const b = await open({ viewport: { width: 1366, height: 800 } });
  const { page } = b;
  try {
    await page.goto(b.origin + "/");
    await ready(page);
    await pasteInto(page, "services:\n  web:\n    image: nginx:1.27\n  db:\n    image: postgres:16\n");
    const web = page.locator("[data-testid=findings] > li.finding.missing", { hasText: "Missing from service web" });
    await web.waitFor({ timeout: 10000 });
    assert.equal(await web.locator(".loc.holder code").innerText(), "web");
    const rules = await web.locator("li.item").evaluateAll((els) => els.map((e) => e.dataset.rule).sort());
    assert.deepEqual(rules, ["DW2004", "DW2005", "DW2012", "DW2013", "DW2014"]);
    // each finding's message, backticks as inline code
    assert.deepEqual(await web.locator('li.item[data-rule="DW2012"] .item-title code').allInnerTexts(), ["web", "cap_drop: [ALL]"]);
    await page.locator("[data-testid=findings] > li.finding.missing", { hasText: "Missing from service db" }).waitFor();
    await page.screenshot({ path: join(ARTIFACTS, "triage-compose-1366.png") });

    // Kubernetes: a container's lacks, on its `- name:` line, in one entry; a wrong value stays on its own
    await pasteInto(page, [
      "apiVersion: apps/v1",
      "kind: Deployment",
      "metadata:",
      "  name: api",
      "spec:",
      "  template:",
      "    spec:",
      "      containers:",
      "      - name: app",
      "        image: example/api:1.2",
      "        securityContext:",
      "          runAsUser: 0",
      "",
    ].join("\n"));
    const container = page.locator("[data-testid=findings] > li.finding.missing", { hasText: "Missing from container app" });
    await container.waitFor({ timeout: 10000 });
    const lacks = await container.locator("li.item").evaluateAll((els) => els.map((e) => e.dataset.rule));
    assert.ok(lacks.length >= 3 && lacks.includes("DW3004"), lacks.join(","));
    await page.locator("[data-testid=findings] > li.finding.missing", { hasText: "Missing from object api" }).waitFor();
    const root = page.locator('[data-testid=findings] > li.finding[data-rules~="DW3007"]');
    assert.equal(await root.getAttribute("data-line"), "12");
    assert.ok(!(await root.getAttribute("class")).includes("missing"));
    await page.screenshot({ path: join(ARTIFACTS, "triage-kubernetes-1366.png") });

    const clean = [
      "services:",
      "  web:",
      "    image: nginx:1.27@sha256:0000000000000000000000000000000000000000000000000000000000000000",
      "    read_only: true",
      "    cap_drop: [ALL]",
      "    security_opt:",
      '      - "no-new-privileges:true"',
      "    healthcheck:",
      '      test: ["CMD", "wget", "-qO-", "http://localhost/"]',
      "    deploy:",
      "      resources:",
      "        limits:",
      "          memory: 256M",
      '          cpus: "0.5"',
      "",
    ].join("\n");
    await pasteInto(page, clean);
    const good = page.locator("[data-testid=no-findings]");
    await good.waitFor({ timeout: 10000 });
    assert.equal(await good.innerText(), "No findings: this Compose file follows every rule Dockwise knows.");
    assert.equal(await page.locator("[data-testid=summary]").count(), 0, "no summary for a clean file");
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test("Export: Markdown copied and downloaded, JSON downloaded, from the page's own origin", async () => {
  const b = await open({ viewport: { width: 1366, height: 800 } });
  const { page } = b;
  try {
    await page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: b.origin });
    await page.goto(b.origin + "/");
    await ready(page);
    await pasteInto(page, DOCKERFILE);
    await page.locator('[data-testid=findings] > li.finding[data-rules~="DW4001"][data-line="3"]').waitFor({ timeout: 10000 });
    await page.waitForFunction(() => document.querySelectorAll("[data-testid=findings] > li.finding").length === 4);
    await page.click("[data-testid=export] summary");

    await page.click("[data-testid=export-copy-markdown]");
    await page.locator(".export-said", { hasText: "Copied" }).waitFor({ timeout: 10000 });
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    assert.ok(copied.startsWith("### Dockwise: 8 findings in this Dockerfile\n"), copied.slice(0, 80));
    assert.match(copied, /\*\*By severity:\*\* 1 error, 4 warnings, 3 info/);
    assert.match(copied, /\*\*Fix first:\*\* `DW4001` secret-in-env/);
    assert.match(copied, /\n\| Line \| Severity \| Rule \| Finding \|\n/);
    assert.match(copied, /\n\| 3 \| error \| `DW4001` secret-in-env \| `API_KEY` is given a literal secret/);
    assert.match(copied, /\n\| 1 \| warning \| `DW1001` no-user \| Missing from this Dockerfile: The final stage never sets USER/);
    // one row per finding, and the combined advice
    assert.equal(copied.split("\n").filter((l) => l.startsWith("| ") && !l.startsWith("| Line")).length, 9);
    assert.match(copied, /Checked by Dockwise, rules \d+\.\d+\.\d+ \(\d+ rules\)/);

    const [md] = await Promise.all([page.waitForEvent("download"), page.click("[data-testid=export-markdown]")]);
    assert.equal(md.suggestedFilename(), "dockwise-findings.md");
    assert.ok(md.url().startsWith("blob:" + b.origin + "/"), md.url());
    assert.equal(readFileSync(await md.path(), "utf8"), copied);

    const [js] = await Promise.all([page.waitForEvent("download"), page.click("[data-testid=export-json]")]);
    assert.equal(js.suggestedFilename(), "dockwise-findings.json");
    const report = JSON.parse(readFileSync(await js.path(), "utf8"));
    // the CLI's JSON: one object per finding, in the CLI's fields
    assert.equal(report.length, 8);
    const secret = report.find((f) => f.rule === "DW4001");
    assert.deepEqual(Object.keys(secret).sort(), ["column", "end_column", "end_line", "file", "instruction_line", "line", "message", "name", "rule", "severity"]);
    assert.deepEqual([secret.file, secret.name, secret.severity, secret.line, secret.column], ["Dockerfile", "secret-in-env", "error", 3, 13]);
    await page.screenshot({ path: join(ARTIFACTS, "triage-export-1366.png") });

    // the library's triage (for pages that draw their own list): the same entries
    const lib = await page.evaluate(async (t) => {
      const m = await import("/lib/dockwise.js");
      await m.default();
      const r = m.triage(t, {}, "line");
      return { order: r.order, rules: r.entries.map((e) => e.rules.join(" ")), missing: r.entries.filter((e) => e.missing).map((e) => e.missing.title), first: r.summary.first.rule, total: r.summary.total, version: r.version, advice: r.entries[3].advice };
    }, DOCKERFILE);
    assert.deepEqual(lib.rules, ["DW1001 DW1002", "DW1004 DW1017", "DL3003", "DW4001 DL3064 DW1037"]);
    assert.deepEqual(lib.missing, ["Missing from this Dockerfile"]);
    assert.equal(lib.order, "line");
    assert.equal(lib.first, "DW4001");
    assert.equal(lib.total, 8);
    assert.equal(lib.version, await page.locator("[data-testid=rules-version]").getAttribute("data-version"));
    assert.match(lib.advice, /RUN --mount=type=secret/);

    assert.deepEqual(foreign(b.requests, b.origin), [], "exports never leave the page");
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test("the rules' version: in the status bar, in share links, and said when a link's differs", async () => {
  const b = await open({ viewport: { width: 1366, height: 800 } });
  const { page } = b;
  try {
    await page.goto(b.origin + "/");
    await ready(page);
    const status = page.locator("[data-testid=rules-version]");
    const version = await status.getAttribute("data-version");
    const [, semver, count] = version.match(/^(\d+\.\d+\.\d+)\+(\d+)$/);
    assert.ok(Number(count) > 100, version);
    assert.equal(await status.innerText(), `Rules ${semver} (${count} rules)`);

    await typeInto(page, "FROM python:latest");
    await page.locator('li.finding[data-rule="DL3007"]').waitFor({ timeout: 10000 });
    await page.click("[data-testid=share]");
    const url = await page.locator("[data-testid=share-url]").inputValue();
    const z = new URL(url).hash.match(/z=([^&]+)/)[1];
    const state = JSON.parse(inflateRawSync(Buffer.from(z, "base64url")).toString("utf8"));
    assert.equal(state.v, version, "the link carries the rules' version");
    assert.equal(state.t, "FROM python:latest");

    // a link made with other rules says so, in the shared-link notice
    const old = { ...state, v: "0.0.9+150" };
    const oldUrl = `${b.origin}/#z=${deflateRawSync(Buffer.from(JSON.stringify(old))).toString("base64url")}`;
    const other = await page.context().newPage();
    await other.goto(oldUrl);
    await ready(other);
    const notice = other.locator(".notice", { hasText: "shared link" });
    await notice.waitFor({ timeout: 10000 });
    await other.locator(".notice", { hasText: "0.0.9 (150 rules)" }).waitFor({ timeout: 10000 });
    assert.match(await notice.innerText(), new RegExp(`made with the rules 0\\.0\\.9 \\(150 rules\\); this page has ${semver.replace(/\./g, "\\.")} \\(${count} rules\\)`));
    await other.screenshot({ path: join(ARTIFACTS, "triage-link-version-1366.png") });
    await other.close();
    // the same rules: no such sentence
    const same = await page.context().newPage();
    await same.goto(url);
    await ready(same);
    await same.locator(".notice", { hasText: "shared link" }).waitFor({ timeout: 10000 });
    await same.waitForTimeout(500);
    assert.doesNotMatch(await same.locator(".notice").innerText(), /made with the rules/);
    await same.close();
    assert.deepEqual(foreign(b.requests, b.origin), []);
  } finally {
    await b.close();
  }
});

test("50,000 findings: only the visible rows are in the page, scrolling reaches the last, keyboard still walks the list", async () => {
  const b = await open({ viewport: { width: 1366, height: 800 } });
  const { page } = b;
  try {
    await page.goto(b.origin + "/");
    await ready(page);
    // three lines of header (the stage's first WORKDIR absolute, so BuildKit's
    // WorkdirRelativePath, DW1036, stays silent), then 50,000 lines with one
    // finding each (DL3000)
    const lines = 50_000;
    const text = "FROM alpine:3.22\nUSER 1001\nWORKDIR /app\n" + "WORKDIR x\n".repeat(lines);
    const last = lines + 3;
    await page.evaluate(() => {
      window.__long = [];
      new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__long.push({ at: e.startTime, ms: e.duration }); })
        .observe({ type: "longtask", buffered: false });
    });
    await pasteInto(page, text);
    const list = page.locator("[data-testid=findings]");
    await page.waitForFunction(() => Number(document.querySelector("[data-testid=findings]")?.dataset.count) >= 50_000, null, { timeout: 60000 });
    const shownAt = await page.evaluate(() => performance.now());
    const count = Number(await list.getAttribute("data-count"));
    const rows = await list.locator("> li.finding").count();
    assert.ok(rows > 0 && rows <= 150, `only the visible rows are in the page (${rows} of ${count})`);
    assert.match(await page.locator("[data-testid=summary-severity]").innerText(), /^50,?00\d findings/);
    await page.waitForTimeout(500);
    const long = await page.evaluate(() => window.__long);
    console.log(`# ${count} entries, ${rows} rows in the page; long tasks from the paste to the list (ms): ${long.map((t) => Math.round(t.ms)).join(", ") || "none"}; shown at ${Math.round(shownAt)}`);

    // scrolling to the end shows the last finding
    await page.click("[data-testid=order-line]");
    await page.waitForFunction(() => document.querySelector("[data-testid=findings] > li.finding").dataset.line === "1");
    const before = await page.evaluate(() => window.__long.length);
    await page.evaluate(() => { const s = document.querySelector(".side-body"); s.scrollTop = s.scrollHeight; });
    const lastRow = list.locator(`> li.finding[data-line="${last}"]`);
    await lastRow.waitFor({ timeout: 10000 });
    // the estimate may settle for a frame or two: keep the end in view
    await page.evaluate(() => { const s = document.querySelector(".side-body"); s.scrollTop = s.scrollHeight; });
    await page.waitForTimeout(300);
    const box = await lastRow.boundingBox();
    const pane = await page.locator(".side-body").boundingBox();
    assert.ok(box && box.y >= pane.y - 1 && box.y + box.height <= pane.y + pane.height + 1, "the last finding is in view");
    assert.ok((await list.locator("> li.finding").count()) <= 150, "still only the visible rows");
    const scrollLong = (await page.evaluate(() => window.__long)).slice(before);
    console.log(`# long tasks while scrolling to the end (ms): ${scrollLong.map((t) => Math.round(t.ms)).join(", ") || "none"}`);
    await page.screenshot({ path: join(ARTIFACTS, "triage-50000-end-1366.png") });

    // back to the top; keyboard: Tab walks the entries down, past the first block, rows following the focus
    await page.evaluate(() => { document.querySelector(".side-body").scrollTop = 0; });
    const firstRow = list.locator("> li.finding").first();
    await page.waitForFunction(() => document.querySelector("[data-testid=findings] > li.finding")?.dataset.index === "0");
    await firstRow.locator(".finding-main").focus();
    // each entry has two stops (the entry, its rule link)
    for (let i = 0; i < 2 * 60; i++) await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => document.activeElement.closest("li.finding")?.dataset.index);
    assert.equal(focused, "60", "Tab went on entry by entry");
    const inView = await page.evaluate(() => {
      const r = document.activeElement.getBoundingClientRect();
      const p = document.querySelector(".side-body").getBoundingClientRect();
      return r.top >= p.top - 1 && r.bottom <= p.bottom + 1;
    });
    assert.ok(inView, "the focused entry is scrolled into view");
    await page.keyboard.press("Shift+Tab");
    assert.equal(await page.evaluate(() => document.activeElement.closest("li.finding")?.dataset.index), "59");
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});
