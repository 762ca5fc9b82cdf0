// Post-build: writes the Content-Security-Policy into the built index.html.
// Scripts may only come from the page's own origin (plus the exact inline
// loader Trunk generates, allowed by its hash); nothing may be fetched from,
// or sent to, any other host.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error("TRUNK_STAGING_DIR is not set: run through trunk");
const file = join(dir, "index.html");
let html = readFileSync(file, "utf8");

const hashes = [];
for (const m of html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)) {
  hashes.push(`'sha256-${createHash("sha256").update(m[1], "utf8").digest("base64")}'`);
}
const csp = [
  "default-src 'self'",
  `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(" ")}`.trim(),
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors *",
].join("; ");
// The minifier may have dropped the quotes around the placeholder; the
// policy has spaces, so always write it back quoted.
const placeholder = /content=(?:"__CSP__"|'__CSP__'|__CSP__)/;
if (!placeholder.test(html)) throw new Error("index.html has no __CSP__ placeholder");
// frame-ancestors is ignored in a meta tag; framing is governed by the host.
html = html.replace(placeholder, `content="${csp.replace("; frame-ancestors *", "")}"`);
writeFileSync(file, html);
