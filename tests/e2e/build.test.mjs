// The Build tab: loaded only when opened (picture.js; its answers come from
// the library the worker already runs); the stage graph of a multi-stage
// file (boxes, edges with their kind and line, the final stage highlighted,
// stages it does not need greyed), layers and metadata per instruction and
// what each COPY takes in; the cache view with the order fix and its rule;
// the base size estimate; the "shrink the image" challenge applied and
// undone; the keyboard; a 200-stage file; a syntax error; both themes.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { open, ready, pasteInto, foreign, installContrast, ARTIFACTS } from "./browser.mjs";

const MULTI = `FROM golang:1.22 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN --mount=type=cache,target=/root/.cache/go-build go build -o /out/app .

FROM build AS test
RUN go test ./...

FROM alpine:3.20 AS docs
COPY --from=nginx:1.27 /etc/nginx/nginx.conf /tmp/
RUN echo docs

FROM gcr.io/distroless/static
COPY --from=build /out/app /app
USER 65532
ENTRYPOINT ["/app"]
`;

const PY = `FROM python:3.12-slim
WORKDIR /app
COPY . .
RUN pip install --no-cache-dir -r requirements.txt
USER 1000
CMD ["python", "src/app.py"]
`;

const editorText = () => document.querySelector(".cm-content").innerText;
const pictureRequests = (b) => b.requests.filter((u) => /\/picture\.js$/.test(u));

/** Opens the Build tab for `text` and waits for its graph (or its summary, with no stage). */
async function openBuild(page, text, { graph = true, short = true } = {}) {
  await pasteInto(page, text);
  // (the editor's innerText shows blank lines its own way: compare the words;
  // a long text is only partly in the page: the caller waits for its drawing)
  if (short) await page.waitForFunction((t) => {
    const words = (s) => s.split(/\s+/).filter(Boolean).join(" ");
    return words(document.querySelector(".cm-content").innerText) === words(t);
  }, text, { timeout: 10000 });
  await page.click("role=tab[name=Build]");
  const build = page.locator("[data-testid=build]");
  if (graph) await build.locator("[data-testid=build-graph]").waitFor({ timeout: 20000 });
  else await build.locator("[data-testid=build-summary]").waitFor({ timeout: 20000 });
  return build;
}

for (const colorScheme of ["light", "dark"]) {
  test(`the stage graph and the instructions of a multi-stage file (${colorScheme} theme)`, async () => {
    const b = await open({ colorScheme });
    const { page } = b;
    try {
      await page.goto(b.origin + "/");
      await ready(page);
      await pasteInto(page, MULTI);
      await page.locator('li.finding[data-rule]').first().waitFor({ timeout: 10000 });
      assert.deepEqual(pictureRequests(b), [], "nothing of the Build tab before it opens");
      const build = await openBuild(page, MULTI);
      assert.equal(pictureRequests(b).length, 1, "picture.js is fetched when the tab opens");

      // four stages in build order; the last is the final one, highlighted;
      // `test` and `docs` are not needed by it: greyed, "not built"
      const stages = build.locator(".stage-graph .node.stage");
      assert.equal(await stages.count(), 4);
      const classes = await stages.evaluateAll((gs) => gs.map((g) => [g.dataset.stage, g.getAttribute("class")]));
      assert.deepEqual(classes, [["0", "node stage used"], ["1", "node stage unused"], ["2", "node stage unused"], ["3", "node stage final"]]);
      assert.match(await stages.nth(3).textContent(), /final/);
      for (const i of [1, 2]) assert.match(await stages.nth(i).textContent(), /not built/);
      assert.doesNotMatch(await stages.nth(0).textContent(), /not built/);
      assert.match(await stages.nth(3).getAttribute("aria-label"), /Stage #3; the final stage; FROM gcr\.io\/distroless\/static, line 15/);
      // the edges: each drawn and labelled with its kind, source and line
      const edges = await build.locator(".stage-graph path.edge").evaluateAll((ps) => ps.map((p) => p.getAttribute("class")).sort());
      assert.deepEqual(edges, ["edge base", "edge copy", "edge copy"]);
      const rows = await build.locator(".stage-graph text.in").allTextContents();
      assert.deepEqual(rows.sort(), ["line 12 · copy from nginx:1.27", "line 16 · copy from #0 build", "line 8 · base from #0 build"]);
      // an image copied from is a node of its own
      assert.match(await build.locator(".stage-graph .node.image").getAttribute("aria-label"), /nginx:1\.27.*copy into stage #2 docs on line 12/);
      assert.match(await build.locator("[data-testid=build-summary]").textContent(), /4 stages.*2 stages the final stage does not need are not built/);

      // per instruction: a layer or metadata, what a COPY takes in, a RUN's mounts
      const step = (line) => build.locator(`li.step[data-line="${line}"]`);
      assert.equal(await step(2).getAttribute("data-effect"), "metadata");
      assert.equal(await step(3).getAttribute("data-effect"), "layer");
      assert.match(await step(3).locator(".step-detail").textContent(), /copies go\.mod go\.sum → \.\/ from the build context/);
      assert.match(await step(6).locator(".step-detail").textContent(), /mounts cache at \/root\/\.cache\/go-build/);
      assert.match(await step(12).locator(".step-detail").textContent(), /from image nginx:1\.27/);
      assert.match(await step(16).locator(".step-detail").textContent(), /copies \/out\/app → \/app from stage #0 build/);
      assert.equal(await step(17).getAttribute("data-effect"), "metadata");
      assert.equal(await step(15).getAttribute("data-effect"), "base");
      assert.match(await build.locator(".build-steps > p").first().textContent(), /15 instructions: 8 add a file-system layer/);
      // the final base has no sourced size (another registry): said plainly
      assert.match(await build.locator("[data-testid=size-none]").textContent(), /no entry for gcr\.io\/distroless\/static/);
      // and no challenge for a file DW1005 has no rewrite for
      await build.locator("[data-testid=challenge-none]").waitFor();

      await page.locator("#side-panel").evaluate((e) => { e.scrollTop = 0; });
      await page.screenshot({ path: join(ARTIFACTS, `build-graph-${colorScheme}.png`) });

      // choosing an instruction moves the editor there
      await step(16).locator("button.step-go").click();
      await page.waitForFunction(() => window.getSelection().toString().startsWith("COPY --from=build"), null, { timeout: 5000 });
      // and a stage: its FROM
      await stages.nth(2).click();
      await page.waitForFunction(() => window.getSelection().toString().startsWith("FROM alpine:3.20 AS docs"), null, { timeout: 5000 });

      // the graph's text is readable on its boxes (WCAG AA) in this theme
      await installContrast(page);
      const low = await build.locator(".stage-graph").evaluate((svg) => {
        const ratio = window.wcag.ratio;
        const out = [];
        for (const g of svg.querySelectorAll(".node")) {
          const bg = getComputedStyle(g.querySelector("rect")).fill;
          for (const t of g.querySelectorAll("text")) {
            const r = ratio(getComputedStyle(t).fill, bg);
            if (r < 4.5) out.push(`${t.textContent}: ${r.toFixed(2)}`);
          }
        }
        return out;
      });
      assert.deepEqual(low, [], "graph text below 4.5:1");
      assert.deepEqual(foreign(b.requests, b.origin), [], "no request may leave the page's origin");
      assert.deepEqual(b.errors, [], "no console errors");
    } finally {
      await b.close();
    }
  });
}

test("the cache view: what reruns for requirements.txt and for src/app.py, the order fix and its rule, .dockerignore", async () => {
  const b = await open();
  const { page } = b;
  try {
    await page.goto(b.origin + "/");
    await ready(page);
    const build = await openBuild(page, PY);
    const path = build.locator("[data-testid=build-path]");
    // suggestions: the file's own sources and common files
    const offered = await build.locator("#build-paths option").evaluateAll((os) => os.map((o) => o.value));
    for (const want of ["src/app.py", "requirements.txt", "package-lock.json", "go.sum"]) assert.ok(offered.includes(want), `${want} offered`);

    const rerun = () => build.locator("li.step.reruns").evaluateAll((ls) => ls.map((l) => [l.dataset.line, l.dataset.reason]));
    await path.fill("requirements.txt");
    await build.locator("[data-testid=cache-summary]", { hasText: "requirements.txt" }).waitFor({ timeout: 10000 });
    assert.deepEqual(await rerun(), [["3", "copies"], ["4", "after"], ["5", "after"], ["6", "after"]]);
    assert.match(await build.locator("li.step[data-line='3'] .rerun").textContent(), /reruns: copies it in/);
    assert.match(await build.locator("li.step[data-line='4'] .rerun").textContent(), /reruns: after a rerun/);
    // the install reads requirements.txt: rerunning it is right, no fix
    assert.equal(await build.locator("[data-testid=cache-fixes]").count(), 0);

    await path.fill("src/app.py");
    await build.locator("[data-testid=cache-summary]", { hasText: "src/app.py" }).waitFor({ timeout: 10000 });
    assert.deepEqual(await rerun(), [["3", "copies"], ["4", "after"], ["5", "after"], ["6", "after"]]);
    const fix = build.locator("[data-testid=cache-fixes] li");
    assert.equal(await fix.count(), 1);
    assert.match(await fix.textContent(), /The install on line 4 \(pip install --no-cache-dir -r requirements\.txt\) reruns because line 3 copies src\/app\.py first: copy requirements\.txt first/);
    await page.locator("#side-panel").evaluate((e) => { e.scrollTop = 0; });
    await build.locator("[data-testid=cache-fixes]").scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, "build-cache.png") });
    // the rule's id opens its card
    await fix.locator("button.rule-id[data-rule=DW1024]").click();
    await page.locator("[data-testid=rule-card]", { hasText: "DW1024" }).waitFor({ timeout: 10000 });
    await page.locator("[data-testid=rule-card] button.back").click();
    await build.locator("[data-testid=cache-fixes]").waitFor();

    // a path the .dockerignore leaves out reruns nothing, and says so
    await build.locator("details.ignore summary").click();
    await build.locator("[data-testid=build-ignore]").fill("src\n");
    await build.locator("[data-testid=cache-summary]", { hasText: "leaves src/app.py out of the build context" }).waitFor({ timeout: 10000 });
    assert.equal(await build.locator("li.step.reruns").count(), 0);

    // the text changes while the tab is open: the tab follows
    await pasteInto(page, PY.replace("COPY . .", "COPY requirements.txt .\nRUN true\nCOPY . ."));
    await build.locator("li.step[data-line='4']", { hasText: "RUN true" }).waitFor({ timeout: 10000 });
    assert.deepEqual(foreign(b.requests, b.origin), []);
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test("the base size and the challenge: node:22 against its variants, the rewrite applied, measured and undone", async () => {
  const b = await open();
  const { page } = b;
  try {
    await page.goto(b.origin + "/");
    await ready(page);
    // the lesson's sample, from the sample list
    await page.selectOption(".sample-picker select", { label: "Lesson: image size, before and after" });
    await page.waitForFunction(() => document.querySelector(".cm-content").innerText.includes("build-essential"), null, { timeout: 10000 });
    const original = await page.evaluate(editorText);
    await page.click("role=tab[name=Build]");
    const build = page.locator("[data-testid=build]");
    const size = build.locator("[data-testid=size-table]");
    await size.waitFor({ timeout: 20000 });
    assert.match(await build.locator("[data-testid=size-estimate]").textContent(), /built on node:22: about 389\.5 MB compressed.*an estimate.*22\.23\.4.*stands in \(exact: false\)/);
    const rows = await size.locator("tbody tr").evaluateAll((rs) => rs.map((r) => [r.dataset.variant, r.dataset.exact, r.querySelector(".num").textContent]));
    assert.deepEqual(rows, [["full", "false", "389.5 MB"], ["slim", "true", "76.15 MB"], ["slim", "true", "77.73 MB"]]);
    assert.match(await size.locator("tbody tr").nth(1).textContent(), /node:22\.23\.4-slim.*slim · hub\.docker\.com · read 2026-12-01 · linux\/amd64.*76\.15 MB.*−313\.35 MB/);
    assert.match(await size.locator("tbody tr").first().textContent(), /node:22\.23\.4 \(yours\)stands in for node:22: exact: false/);
    const link = size.locator("a").first();
    assert.equal(await link.getAttribute("rel"), "noopener noreferrer");
    assert.match(await link.getAttribute("href"), /^https:\/\/hub\.docker\.com\/_\/node\/tags/);

    // the challenge: DW1005's rewrite, measured before it is applied
    const challenge = build.locator("[data-testid=build-challenge]");
    assert.match(await challenge.locator("[data-testid=challenge-offer]").textContent(), /Before: node:22 389\.5 MB; after: node:22-slim 76\.15 MB; 313\.35 MB less \(estimate\)/);
    await challenge.locator("[data-testid=challenge-try]").click();
    await page.waitForFunction(() => document.querySelector(".cm-content").innerText.includes("FROM node:22-slim"), null, { timeout: 10000 });
    await challenge.locator("[data-testid=challenge-done]").waitFor({ timeout: 15000 });
    assert.match(await challenge.locator("[data-testid=challenge-result]").textContent(), /before node:22 389\.5 MB; now node:22-slim 76\.15 MB; 313\.35 MB less/);
    assert.equal(await challenge.locator(".checklist .met").count(), 2);
    // the graph follows the new text: two stages, the build stage copied from
    await build.locator(".stage-graph .node.stage").nth(1).waitFor({ timeout: 10000 });
    assert.equal(await build.locator(".stage-graph .node.stage").count(), 2);
    await challenge.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, "build-challenge.png") });

    // undo: one change, the original text back, the offer again
    await challenge.locator("[data-testid=challenge-undo]").click();
    await page.waitForFunction((t) => document.querySelector(".cm-content").innerText === t, original, { timeout: 10000 });
    await challenge.locator("[data-testid=challenge-offer]").waitFor({ timeout: 10000 });
    assert.equal(await challenge.locator("[data-testid=challenge-done]").count(), 0);
    assert.deepEqual(foreign(b.requests, b.origin), []);
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test("the keyboard: Tab reaches a graph node and the path input; arrows move between nodes; Enter shows one", async () => {
  const b = await open();
  const { page } = b;
  try {
    await page.goto(b.origin + "/");
    await ready(page);
    const build = await openBuild(page, MULTI);
    await page.locator("#tab-build").focus();
    const reached = [];
    for (let i = 0; i < 40 && !reached.includes("build-path"); i++) {
      await page.keyboard.press("Tab");
      reached.push(await page.evaluate(() => {
        const a = document.activeElement;
        return a.dataset.testid || (a.classList.contains("node") ? `node:${a.dataset.stage}` : a.className || a.tagName);
      }));
    }
    assert.ok(reached.includes("node:0"), `a graph node is reached: ${reached}`);
    assert.ok(reached.includes("build-path"), `the path input is reached: ${reached}`);
    // one tab stop in the graph; arrows move, and the focus is visible
    assert.equal(reached.filter((r) => r.startsWith("node:")).length, 1);
    await build.locator(".node.stage[data-stage='0']").focus();
    await page.keyboard.press("ArrowDown");
    assert.equal(await page.evaluate(() => document.activeElement.dataset.stage), "1");
    const ring = await page.evaluate(() => getComputedStyle(document.activeElement.querySelector("rect")).strokeWidth);
    assert.equal(ring, "3px", "the focused node is outlined");
    // the image copied from sits just above the stage that uses it
    await page.keyboard.press("ArrowDown");
    assert.equal(await page.evaluate(() => document.activeElement.dataset.image), "0");
    await page.keyboard.press("End");
    assert.equal(await page.evaluate(() => document.activeElement.dataset.stage), "3");
    await page.keyboard.press("Home");
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => window.getSelection().toString().startsWith("FROM golang:1.22 AS build"), null, { timeout: 5000 });
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});

test("200 stages draw; a syntax error shows what could be read; the tab is for Dockerfiles, and in an embed only when listed", async () => {
  const b = await open();
  const { page } = b;
  try {
    await page.goto(b.origin + "/");
    await ready(page);
    let big = "FROM alpine:3.20 AS s0\nRUN echo 0\n";
    for (let i = 1; i < 200; i++) big += `FROM s${i - 1} AS s${i}\nCOPY --from=s${Math.floor(i / 2)} /a /b${i}\n`;
    const started = Date.now();
    const build = await openBuild(page, big, { short: false });
    await build.locator(".stage-graph .node.stage[data-stage='199']").waitFor({ timeout: 20000 });
    const ms = Date.now() - started;
    assert.equal(await build.locator(".stage-graph .node.stage").count(), 200);
    assert.equal(await build.locator(".stage-graph path.edge").count(), 398);
    assert.equal(await build.locator(".stage-graph .node.final").getAttribute("data-stage"), "199");
    // it scrolls inside its box
    const box = await build.locator(".graph-scroll").evaluate((e) => [e.clientHeight, e.scrollHeight]);
    assert.ok(box[1] > box[0] * 5 && box[0] < 500, `the graph scrolls in its box: ${box}`);
    console.log(`# 200 stages drawn in ${ms} ms (paste, check and drawing)`);
    await page.screenshot({ path: join(ARTIFACTS, "build-200-stages.png") });

    const broken = "FROM alpine:3.20 AS build\nRUN make\nLABEL broken\nFROM alpine:3.20\nCOPY --from=build /out /out\n";
    await pasteInto(page, broken);
    await build.locator("[data-testid=build-errors]").waitFor({ timeout: 10000 });
    assert.equal(await build.locator(".stage-graph .node.stage").count(), 2);
    assert.match(await build.locator("[data-testid=build-errors]").textContent(), /syntax errors \(the Findings tab lists them\): this is what could be read/);

    // a Compose file: no Build tab, and the open tab gives way to the findings
    await pasteInto(page, "services:\n  web:\n    image: nginx:1.27\n");
    await page.locator("role=tab[name=Build]").waitFor({ state: "detached", timeout: 10000 });
    assert.equal(await page.locator("#tab-findings").getAttribute("aria-selected"), "true");
    assert.deepEqual(b.errors, []);

    // an embed shows it only when its tabs list it
    const t = Buffer.from(MULTI).toString("base64url");
    await page.goto("about:blank");
    await page.goto(`${b.origin}/#embed&text=${t}`);
    await ready(page);
    await page.locator('li.finding[data-rule]').first().waitFor({ timeout: 10000 });
    assert.equal(await page.locator("role=tab[name=Build]").count(), 0);
    await page.goto("about:blank");
    await page.goto(`${b.origin}/#embed&tabs=build&text=${t}`);
    await ready(page);
    await page.click("role=tab[name=Build]");
    await page.locator("[data-testid=build-graph]").waitFor({ timeout: 20000 });
    assert.deepEqual(foreign(b.requests, b.origin), []);
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});
