// Prints the first-load transfer of dist/ (raw and gzip) and fails if the
// compressed total passes the 400 KB budget.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { join, resolve } from "node:path";

const dist = resolve(import.meta.dirname, "../../dist");
const BUDGET = 400 * 1024;
// fetched only when needed: rule texts (a card), samples (a sample), practice, the Harden view, the Build tab,
// the Policy tab (policy.js, and the policy module in policy/, a folder: never counted above)
const LAZY = new Set(["learn.js", "harden.js", "picture.js", "policy.js"]);
let raw = 0, gz = 0;
const rows = [];
for (const f of readdirSync(dist).sort()) {
  const p = join(dist, f);
  if (!statSync(p).isFile() || !/\.(wasm|js|css|html|svg)$/.test(f) || LAZY.has(f)) continue;
  const b = readFileSync(p);
  const z = gzipSync(b, { level: 9 }).length;
  raw += b.length; gz += z;
  rows.push(`${f.padEnd(48)} ${(b.length / 1024).toFixed(1).padStart(8)} KB ${(z / 1024).toFixed(1).padStart(8)} KB gzip`);
}
console.log(rows.join("\n"));
console.log(`${"total".padEnd(48)} ${(raw / 1024).toFixed(1).padStart(8)} KB ${(gz / 1024).toFixed(1).padStart(8)} KB gzip (budget ${BUDGET / 1024} KB)`);
// Not in the first load, for the record: the checker's library (the worker
// starts it with the page, beside the first load), and what is fetched when
// first needed.
const later = [];
for (const f of [...["lib/dockwise_bg.wasm", "lib/dockwise.js"], ...[...LAZY].sort(), "policy/dockwise_policy_bg.wasm", "policy/dockwise_policy.js", "rules.json", "samples.json"]) {
  const p = join(dist, f);
  if (!existsSync(p)) continue;
  const b = readFileSync(p);
  later.push(`  ${f.padEnd(46)} ${(b.length / 1024).toFixed(1).padStart(8)} KB ${(gzipSync(b, { level: 9 }).length / 1024).toFixed(1).padStart(8)} KB gzip`);
}
if (later.length) console.log(`fetched beside or after the first load:\n${later.join("\n")}`);
if (gz > BUDGET) {
  console.error("first-load transfer is over budget");
  process.exit(1);
}
