// The Harden view: every fix the checker offers for the current text, as a
// hunk (its rule, what it does, the lines before and after), each accepted or
// rejected on its own; above them, the findings by concern before and after
// the whole file is hardened. Loaded the first time the view opens (nothing
// of it is in the first load). The core (`core`) computes everything; this
// file only draws. Every text goes in with textContent: nothing is HTML.
//
// core = {
//   harden(): Promise<{proposals: [{rule, name, title, applicability, clashes, edits: [{from, to, replacement}]}],
//              before: [{tag, count}], after: [{tag, count}], hardened, rounds, applied, remaining}>,
//   text(): string,             the editor's text the proposals belong to
//   apply(edits): boolean,      one undoable change in the editor
//   undo(): void,
//   explain(rule): void,        opens the rule's card
// }

import { el, rich } from "../dom.js";

/** The lines a proposal touches, before and after its edits. */
export function hunk(text, edits) {
  const from = Math.min(...edits.map((e) => e.from));
  const to = Math.max(...edits.map((e) => e.to));
  const start = text.lastIndexOf("\n", from - 1) + 1;
  let end = text.indexOf("\n", to);
  if (end < 0) end = text.length;
  let after = "";
  let at = start;
  for (const e of [...edits].sort((a, b) => a.from - b.from)) {
    after += text.slice(at, e.from) + e.replacement;
    at = e.to;
  }
  after += text.slice(at, end);
  const line = text.slice(0, start).split("\n").length;
  return { line, before: text.slice(start, end).split("\n"), after: after.split("\n") };
}

/** A line diff (longest common subsequence), as [op, line] with op " ", "-" or "+". */
export function lineDiff(a, b) {
  const x = a.split("\n"), y = b.split("\n");
  if (x.length * y.length > 4e6) return null;
  const n = x.length, m = y.length;
  const lcs = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) lcs[i][j] = x[i] === y[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  const out = [];
  let i = 0, j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && x[i] === y[j]) { out.push([" ", x[i]]); i++; j++; }
    else if (i < n && (j === m || lcs[i + 1][j] >= lcs[i][j + 1])) out.push(["-", x[i++]]);
    else out.push(["+", y[j++]]);
  }
  return out;
}

function wholeFile(text, hardened) {
  const d = lineDiff(text, hardened);
  const body = d === null
    ? el("p", {}, "The file is too large to show the whole diff here.")
    : el("pre", { class: "diff whole", "data-testid": "harden-whole" },
      d.map(([op, l]) => el("span", { class: op === "-" ? "del" : op === "+" ? "ins" : "same" }, `${op} ${l}\n`)));
  return el("details", { class: "whole-file" }, el("summary", {}, "The whole hardened file, against the current text"), body);
}

function chart(before, after) {
  const max = Math.max(1, ...before.map((b) => b.count), ...after.map((a) => a.count));
  const rows = before.map((b, i) => {
    const a = after[i]?.count ?? 0;
    return el("div", { class: "concern", "data-concern": b.tag },
      el("span", { class: "concern-name" }, b.tag),
      el("span", { class: "bars", "aria-hidden": "true" },
        el("span", { class: "bar before", style: `width:${(100 * b.count) / max}%` }),
        el("span", { class: "bar after", style: `width:${(100 * a) / max}%` })),
      el("span", { class: "concern-count" }, `${b.count} → ${a}`));
  });
  return el("div", { class: "concerns", role: "img", "aria-label": before.map((b, i) => `${b.tag}: ${b.count} findings now, ${after[i]?.count ?? 0} after hardening`).join("; ") },
    el("div", { class: "legend" }, el("span", { class: "bar before" }), " now ", el("span", { class: "bar after" }), " hardened"),
    rows);
}

export function mount(root, core) {
  let generation = 0;
  const render = async () => {
    const mine = ++generation;
    const text = core.text();
    let h;
    try {
      h = await core.harden();
    } catch (e) {
      root.replaceChildren(el("p", { class: "import-error", role: "alert" }, `The checker could not harden this text: ${e.message}`));
      return;
    }
    // a newer render started meanwhile, or the text changed: that one draws
    if (mine !== generation || text !== core.text()) return;
    const decided = new Map(); // index -> true (accept) / false (reject)
    const proposals = Array.from(h.proposals);
    const body = el("div", { class: "hunks" });
    const apply = el("button", { class: "small primary", "data-testid": "harden-apply", disabled: true }, "Apply accepted changes");
    const status = el("p", { class: "harden-status", role: "status" });
    const refresh = () => {
      const n = [...decided.values()].filter(Boolean).length;
      apply.disabled = n === 0;
      apply.textContent = n ? `Apply ${n} accepted change${n > 1 ? "s" : ""}` : "Apply accepted changes";
    };
    proposals.forEach((p, i) => {
      const hk = hunk(text, p.edits);
      const decide = (accept) => {
        decided.set(i, accept);
        item.classList.toggle("accepted", accept);
        item.classList.toggle("rejected", !accept);
        yes.setAttribute("aria-pressed", String(accept));
        no.setAttribute("aria-pressed", String(!accept));
        refresh();
      };
      const yes = el("button", { class: "small", "aria-pressed": "false", disabled: p.clashes, onclick: () => decide(true) }, "Accept");
      const no = el("button", { class: "small", "aria-pressed": "false", onclick: () => decide(false) }, "Reject");
      const item = el("li", { class: `hunk ${p.applicability}`, "data-rule": p.rule },
        el("div", { class: "hunk-head" },
          el("button", { class: "link rule-id", onclick: () => core.explain(p.rule), title: `Open the card of ${p.rule}` }, `${p.rule} ${p.name}`),
          " ", el("span", { class: "hunk-title" }, rich(p.title)),
          " ", el("span", { class: `applicability ${p.applicability}` }, p.applicability === "safe" ? "safe" : "check it: changes behaviour"),
          p.clashes ? el("span", { class: "note" }, " (touches the change above: apply that first)") : null),
        el("pre", { class: "diff", "aria-label": `Line ${hk.line}: lines removed marked minus, added marked plus` },
          hk.before.map((l) => el("span", { class: "del" }, `- ${l}\n`)),
          hk.after.map((l) => el("span", { class: "ins" }, `+ ${l}\n`))),
        el("div", { class: "hunk-actions" }, yes, no));
      body.append(item);
    });
    apply.addEventListener("click", () => {
      const edits = proposals.filter((_, i) => decided.get(i)).flatMap((p) => Array.from(p.edits));
      edits.sort((a, b) => a.from - b.from);
      if (core.apply(edits)) {
        status.textContent = "Applied. Undo with Ctrl+Z in the editor, or the Undo button.";
        setTimeout(render, 0);
      } else {
        status.textContent = "The text changed meanwhile: the proposals are refreshed.";
        setTimeout(render, 0);
      }
    });
    const acceptSafe = el("button", {
      class: "small", "data-testid": "harden-accept-safe",
      onclick: () => body.querySelectorAll("li.hunk.safe .hunk-actions button:first-child:not([disabled])").forEach((b) => b.click()),
    }, "Accept every safe change");
    root.replaceChildren(
      el("h2", {}, "Harden"),
      el("p", { class: "harden-intro" },
        proposals.length
          ? `${proposals.length} change${proposals.length > 1 ? "s" : ""} on offer. Hardened completely (${h.applied} fix${h.applied === 1 ? "" : "es"} in ${h.rounds} round${h.rounds === 1 ? "" : "s"}), the file would have ${h.remaining} finding${h.remaining === 1 ? "" : "s"} left. Unsafe changes alter behaviour: read them before you accept.`
          : "Nothing left that the checker can change by itself: the remaining findings need a decision only you can make."),
      chart(Array.from(h.before), Array.from(h.after)),
      h.hardened !== text ? wholeFile(text, h.hardened) : null,
      proposals.length ? el("div", { class: "harden-actions" }, acceptSafe, apply, el("button", { class: "small", onclick: () => { core.undo(); setTimeout(render, 0); } }, "Undo")) : null,
      status,
      el("ol", { class: "hunk-list" }, body.childNodes.length ? [...body.childNodes] : null),
    );
  };
  root.replaceChildren(el("p", { class: "loading", "aria-busy": "true" }, "Working out what hardening would change…"));
  render();
  return { refresh: render };
}
