// Lighthouse against the release build, as a phone would see it:
//
//   node scripts/lighthouse.mjs [--runs N] [--desktop] [--no-gzip] [--json FILE] [DIST]
//
// Serves DIST (default dist/, built by `trunk build --release`) on a local
// port (tests/e2e/server.mjs, behind a proxy that compresses text and wasm
// with gzip as any static host does; --no-gzip serves the raw bytes), starts the local Chromium (CHROME_PATH, default /usr/bin/chromium,
// headless, --no-sandbox) and runs Lighthouse 12 with its default settings:
// mobile form factor, simulated slow 4G and a 4x CPU slowdown. Three runs by
// default; prints each run and the median of the performance and
// accessibility scores, largest contentful paint, cumulative layout shift and
// total blocking time, plus the audits that cost points. Nothing is fetched
// from anywhere but the local server.
import lighthouse, { desktopConfig } from "lighthouse";
import { spawn } from "node:child_process";
import { createServer, request } from "node:http";
import { gzipSync } from "node:zlib";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { serve } from "../tests/e2e/server.mjs";

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  if (i < 0) return fallback;
  const value = args[i + 1];
  args.splice(i, 2);
  return value;
};
const flag = (name) => {
  const i = args.indexOf(name);
  if (i >= 0) args.splice(i, 1);
  return i >= 0;
};
const runs = Number(option("--runs", "3"));
const jsonOut = option("--json", "");
const desktop = flag("--desktop");
const gzip = !flag("--no-gzip");
const root = resolve(args[0] || resolve(import.meta.dirname, "../dist"));
const chromePath = process.env.CHROME_PATH || "/usr/bin/chromium";

/** Starts Chromium with a debugging port; resolves to {port, stop}. */
function launch() {
  const profile = mkdtempSync(join(tmpdir(), "dockwise-lighthouse-"));
  const child = spawn(chromePath, [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--remote-debugging-port=0", `--user-data-dir=${profile}`,
    "--no-first-run", "--no-default-browser-check", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--disable-default-apps", "--disable-extensions", "--disable-quic", "about:blank",
  ], { stdio: ["ignore", "ignore", "pipe"] });
  const exited = new Promise((ok) => child.once("exit", ok));
  const stop = async () => {
    child.kill();
    await exited;
    rmSync(profile, { recursive: true, force: true, maxRetries: 5 });
  };
  return new Promise((ok, fail) => {
    let seen = "";
    const timer = setTimeout(() => fail(new Error(`Chromium did not start: ${seen}`)), 30000);
    child.stderr.on("data", (d) => {
      seen += d;
      const m = /DevTools listening on ws:\/\/[^:]+:(\d+)\//.exec(seen);
      if (m) {
        clearTimeout(timer);
        ok({ port: Number(m[1]), stop });
      }
    });
    child.on("exit", (code) => fail(new Error(`Chromium exited (${code}): ${seen}`)));
  });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
};

/**
 * The build as a static host serves it: tests/e2e/server.mjs behind a proxy
 * that gzips what it sends (HTML, JS, JSON, CSS, SVG, wasm) when asked to.
 */
async function host(root) {
  const files = await serve(root);
  if (!gzip) return { url: `http://127.0.0.1:${files.address().port}/`, close: () => files.close() };
  const proxy = createServer((req, res) => {
    const up = request({ host: "127.0.0.1", port: files.address().port, path: req.url, method: req.method, headers: req.headers }, (r) => {
      const chunks = [];
      r.on("data", (c) => chunks.push(c));
      r.on("end", () => {
        let body = Buffer.concat(chunks);
        const headers = { ...r.headers };
        const type = String(headers["content-type"] || "");
        if (/gzip/.test(String(req.headers["accept-encoding"] || "")) && /text|javascript|json|svg|wasm/.test(type)) {
          body = gzipSync(body, { level: 9 });
          headers["content-encoding"] = "gzip";
          headers.vary = "accept-encoding";
        }
        headers["content-length"] = String(body.length);
        delete headers["transfer-encoding"];
        res.writeHead(r.statusCode, headers);
        res.end(body);
      });
    });
    up.on("error", () => { res.writeHead(502); res.end(); });
    req.pipe(up);
  });
  await new Promise((ok) => proxy.listen(0, "127.0.0.1", ok));
  return { url: `http://127.0.0.1:${proxy.address().port}/`, close: () => { proxy.close(); files.close(); } };
}

const server = await host(root);
const url = server.url;
const results = [];
try {
  for (let i = 0; i < runs; i++) {
    const chrome = await launch();
    try {
      const flags = { port: chrome.port, output: "json", logLevel: "error", onlyCategories: ["performance", "accessibility"] };
      const { lhr } = await lighthouse(url, flags, desktop ? desktopConfig : undefined);
      if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
      const a = lhr.audits;
      const r = {
        performance: Math.round(lhr.categories.performance.score * 100),
        accessibility: Math.round(lhr.categories.accessibility.score * 100),
        fcp: a["first-contentful-paint"].numericValue,
        lcp: a["largest-contentful-paint"].numericValue,
        cls: a["cumulative-layout-shift"].numericValue,
        tbt: a["total-blocking-time"].numericValue,
        si: a["speed-index"].numericValue,
        // what costs points: failed accessibility audits, weak performance metrics
        failed: Object.values(a)
          .filter((x) => x.score !== null && x.score < 1 && ["binary", "numeric", "metricSavings"].includes(x.scoreDisplayMode))
          .filter((x) => lhr.categories.accessibility.auditRefs.some((ref) => ref.id === x.id && ref.weight > 0) || x.scoreDisplayMode === "numeric")
          .map((x) => `${x.id}${x.displayValue ? ` (${x.displayValue})` : ""}`),
      };
      results.push(r);
      console.log(
        `run ${i + 1}: performance ${r.performance}, accessibility ${r.accessibility}, ` +
        `FCP ${(r.fcp / 1000).toFixed(2)} s, LCP ${(r.lcp / 1000).toFixed(2)} s, CLS ${r.cls.toFixed(3)}, ` +
        `TBT ${Math.round(r.tbt)} ms, speed index ${(r.si / 1000).toFixed(2)} s`,
      );
      if (r.failed.length) console.log(`       below full marks: ${r.failed.join(", ")}`);
      if (jsonOut) writeFileSync(jsonOut.replace(/(\.json)?$/, `-${i + 1}.json`), JSON.stringify(lhr, null, 1));
    } finally {
      await chrome.stop();
    }
  }
} finally {
  server.close();
}

const m = (k) => median(results.map((r) => r[k]));
console.log(
  `median of ${results.length} (${desktop ? "desktop" : "mobile: simulated slow 4G, 4x CPU slowdown"}${gzip ? ", served with gzip" : ", served uncompressed"}): ` +
  `performance ${m("performance")}, accessibility ${m("accessibility")}, ` +
  `LCP ${(m("lcp") / 1000).toFixed(2)} s, CLS ${m("cls").toFixed(3)}, TBT ${Math.round(m("tbt"))} ms ` +
  `(FCP ${(m("fcp") / 1000).toFixed(2)} s, speed index ${(m("si") / 1000).toFixed(2)} s); load average ${loadavg()[0].toFixed(1)}`,
);
