// Prints the first-load transfer of dist/ (raw and gzip) and fails if the
// compressed total passes the 400 KB budget.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { join, resolve } from "node:path";

const dist = resolve(import.meta.dirname, "../../dist");
const BUDGET = 400 * 1024;
// fetched only when needed: rule texts (a card), samples (a sample), practice, the Harden view
const LAZY = new Set(["learn.js", "harden.js"]);
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
if (gz > BUDGET) {
  console.error("first-load transfer is over budget");
  process.exit(1);
}
