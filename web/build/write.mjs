// Writes a build output only when its content changed. `trunk serve` watches
// the project (web/generated included: Trunk accepts changes to the files
// index.html copies, whatever [watch] ignore says), so a pre-build hook that
// rewrote identical files started a new build after every build, for ever.
import { readFileSync, writeFileSync, mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import { dirname, join } from "node:path";

/** Writes `data` to `path` unless the file already holds exactly that. */
export function writeIfChanged(path, data) {
  const bytes = typeof data === "string" ? Buffer.from(data) : Buffer.from(data);
  try {
    if (readFileSync(path).equals(bytes)) return false;
  } catch {
    // missing: write it
  }
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, bytes);
  return true;
}

/** Makes the directory `to` hold what `from` holds (files only, one level),
 * writing only the files that differ and removing the ones `from` lacks. */
export function syncDir(from, to) {
  mkdirSync(to, { recursive: true });
  const names = readdirSync(from).filter((n) => statSync(join(from, n)).isFile());
  for (const n of names) writeIfChanged(join(to, n), readFileSync(join(from, n)));
  for (const n of readdirSync(to)) {
    if (!names.includes(n) && statSync(join(to, n)).isFile()) rmSync(join(to, n));
  }
}
