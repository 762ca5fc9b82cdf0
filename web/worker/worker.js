// The checker: a module worker running the Dockwise library (lib/dockwise.js,
// the core with its checks and fixes), so typing never waits for a check.
// Messages in: {id, op, args}; out: {id, result} or {id, error}. Only the
// operations below are answered.
import init, { check, fix, harden, score, triage, exportReport, buildPicture, sizeRefactor } from "./lib/dockwise.js";

const ready = init();
// triage: the findings as the page lists them (grouped, ordered, summed up);
// export: a report of them (Markdown for a pull request, or the CLI's JSON)
// buildPicture: the Build tab's stage graph, layers, cache view and base
// size; sizeRefactor: its challenge (the final base before and after)
const ops = { check, fix, harden, score, triage, export: exportReport, buildPicture, sizeRefactor };

self.onmessage = async (e) => {
  const { id, op, args } = e.data || {};
  try {
    await ready;
    if (!Object.hasOwn(ops, op)) throw new Error(`unknown operation ${op}`);
    self.postMessage({ id, result: ops[op](...args) });
  } catch (err) {
    self.postMessage({ id, error: String(err && err.message ? err.message : err) });
  }
};
