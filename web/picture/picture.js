// The Build tab: what a Dockerfile builds, drawn. The stage graph (SVG), each
// instruction as a layer or metadata and what it copies in, the cache view
// (which instructions run again when one file of the context changes, and the
// order fix), the final base's size against its variants, and the challenge
// "shrink the image". Loaded the first time the tab opens (nothing of it is in
// the first load). The library computes everything (buildPicture,
// sizeRefactor, in the worker); this file only draws. Every text goes in with
// textContent or as an SVG text node: nothing is HTML.
//
// core = {
//   picture(text, {edited?, dockerignore?}): Promise<BuildPicture>,
//   refactor(text[, after]): Promise<Refactor | null>,
//   findings(text, rule): Promise<Finding[]>,   one rule's findings
//   text(): string,                             the editor's text now
//   replace?(text): boolean,                    one undoable change (absent: fixes are off)
//   undo(): void,
//   reveal(from, to): void,                     selects that range in the editor (UTF-16)
//   explain(rule): void,                        opens the rule's card
//   dockerignore(): string,                     the settings' .dockerignore ("" if none)
// }

import { el, svg, rich } from "../dom.js";

/** Stages drawn in the graph, instructions listed: a larger file is cut, and says so. */
const MAX_STAGES = 500;
const MAX_STEPS = 2000;
/**
 * The challenge's goal: the final base at least this much smaller. From the
 * size table: node:22 (389.5 MB) against node:22-slim (76.15 MB) is 313.35
 * MB, the rewrite DW1005 offers for the lesson's sample.
 */
const TARGET_MB = 300;
const CHALLENGE_RULE = "DW1005";
const CHALLENGE_SAMPLE = "Lesson: image size, before and after";

/** Files a developer often edits, offered besides the file's own COPY sources. */
const COMMON_PATHS = [
  "src/app.py", "app.py", "requirements.txt", "pyproject.toml", "poetry.lock",
  "package.json", "package-lock.json", "yarn.lock", "pnpm-lock.yaml", "src/index.js",
  "go.mod", "go.sum", "main.go", "Cargo.toml", "Cargo.lock", "pom.xml",
  "Gemfile.lock", "composer.lock", "README.md",
];

/** Replaces `box`'s children by `parts` (nested lists, nulls left out). */
function put(box, ...parts) {
  box.replaceChildren(...parts.flat(Infinity).filter((c) => c != null && c !== false));
}

const plural = (n, one, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const mb = (x) => `${Number(x).toLocaleString("en-US", { maximumFractionDigits: 2 })} MB`;
/** `s` cut to `n` characters, with an ellipsis when cut. */
const cut = (s, n) => (s.length > n ? `${s.slice(0, Math.max(1, n - 1))}…` : s);

/** "#1 build", "#0". */
function stageLabel(p, i) {
  const s = p.stages[i];
  return s && s.name ? `#${i} ${s.name}` : `#${i}`;
}

function sourceText(p, from) {
  if (!from) return "";
  if (from.kind === "stage") return `stage ${stageLabel(p, from.index)}`;
  if (from.kind === "image") return `image ${p.externals[from.index]?.reference ?? "?"}`;
  return `${from.reference} (no such stage)`;
}

/** An edge's source in a graph row: `#0 build`, `nginx:1.27`, `7?`. */
function shortSource(p, from) {
  if (from.kind === "stage") return stageLabel(p, from.index);
  if (from.kind === "image") return p.externals[from.index]?.reference ?? "?";
  return `${from.reference}: no such stage`;
}

function baseText(p, base) {
  switch (base.kind) {
    case "image": return `FROM ${base.reference}`;
    case "scratch": return "FROM scratch (empty)";
    case "stage": return `FROM stage ${stageLabel(p, base.index)}`;
    default: return "FROM ? (cannot be read)";
  }
}

const EFFECTS = {
  base: ["base", "starts from the base's layers"],
  layer: ["layer", "changes the file system: a new layer"],
  metadata: ["metadata", "changes the image's configuration only: no layer"],
  trigger: ["trigger", "ONBUILD: stored, run by builds FROM this image"],
  invalid: ["invalid", "cannot be read: the build stops here"],
};

/** The first line of an instruction's text, shortened. */
function instructionText(text, place) {
  const t = text.slice(place.from, place.to);
  const nl = t.indexOf("\n");
  return cut(nl < 0 ? t : `${t.slice(0, nl).replace(/\s*\\$/, "")} …`, 90);
}

// ---------------------------------------------------------------- the graph

const HEAD = 42; // a stage box's name and base rows
const ROW = 16; // one incoming edge's row in it
const GAP = 14; // between boxes
const LANE = 9; // between the edges' lanes, left of the boxes
const MAX_LANES = 8;
const IMAGE_H = 28; // an image node
const CHAR = 7.3; // one character of the graph's 12 px monospace text

/**
 * The stage graph as SVG, in one column: stages top to bottom in build
 * order, each box listing the edges that come into it (line, kind,
 * source); an image copied or mounted from (not a stage) is a small node
 * just above the first stage that uses it. Edges run in lanes on the left.
 * Cost: linear in stages and edges (a lane is one of at most MAX_LANES).
 */
function graph(p, core, avail) {
  const n = Math.min(p.stages.length, MAX_STAGES);
  const incoming = Array.from({ length: n }, () => []);
  for (const e of p.edges) {
    if (e.to < n && !(e.from.kind === "stage" && e.from.index >= n)) incoming[e.to].push(e);
  }
  const layers = new Array(n).fill(0);
  for (const s of p.instructions) if (s.effect === "layer" && s.stage != null && s.stage < n) layers[s.stage]++;

  // the rows: each image before the first stage that uses it, then the stage
  const rows = [];
  const stageRow = new Array(n);
  const imageRow = new Map();
  for (let t = 0; t < n; t++) {
    for (const e of incoming[t]) {
      if (e.from.kind === "image" && !imageRow.has(e.from.index)) {
        imageRow.set(e.from.index, rows.length);
        rows.push({ image: e.from.index });
      }
    }
    stageRow[t] = rows.length;
    rows.push({ stage: t });
  }
  const rowOf = (from) => (from.kind === "stage" ? stageRow[from.index] : from.kind === "image" ? imageRow.get(from.index) : undefined);

  // lanes: an edge takes the first lane free above its source row
  const drawn = [];
  incoming.forEach((list, t) => list.forEach((e, entry) => {
    const from = rowOf(e.from);
    if (from !== undefined) drawn.push({ e, entry, from, to: stageRow[t] });
  }));
  drawn.sort((a, b) => a.from - b.from || a.to - b.to);
  const laneEnd = new Array(MAX_LANES).fill(-1);
  let lanes = 0;
  drawn.forEach((x, k) => {
    let l = laneEnd.findIndex((end) => end < x.from);
    if (l < 0) l = k % MAX_LANES; // more crossings than lanes: they share
    laneEnd[l] = Math.max(laneEnd[l], x.to);
    x.lane = l;
    lanes = Math.max(lanes, l + 1);
  });
  const left = 14 + lanes * LANE + (lanes ? 6 : 0);
  // the boxes take the width there is, within limits
  const boxW = Math.round(Math.max(200, Math.min(360, avail - left - 8)));
  const imageW = Math.round(boxW * 0.7);

  const top = new Array(rows.length);
  let y = 8;
  rows.forEach((r, k) => {
    top[k] = y;
    y += (r.image !== undefined ? IMAGE_H : HEAD + ROW * incoming[r.stage].length + 6) + GAP;
  });
  const width = left + boxW + 8;
  const height = y - GAP + 8;
  const entryY = (t, entry) => top[stageRow[t]] + HEAD + ROW * entry + 7;

  const marker = (kind) => svg("marker", { id: `build-arrow-${kind}`, viewBox: "0 0 8 8", refX: 7, refY: 4, markerWidth: 7, markerHeight: 7, orient: "auto" },
    svg("path", { d: "M0 0L8 4L0 8z", class: `arrow ${kind}` }));
  const lines = svg("g", { class: "edges", "aria-hidden": "true" });
  for (const { e, entry, from, lane } of drawn) {
    const sy = top[from] + (rows[from].image !== undefined ? IMAGE_H / 2 : 20);
    const lx = left - 10 - lane * LANE;
    lines.append(svg("path", { class: `edge ${e.kind}`, d: `M${left} ${sy}H${lx}V${entryY(e.to, entry)}H${left - 1}`, "marker-end": `url(#build-arrow-${e.kind})` }));
  }

  const fit = Math.floor((boxW - 18) / CHAR);
  const usesOf = new Map();
  for (const x of drawn) {
    if (x.e.from.kind !== "image") continue;
    if (!usesOf.has(x.e.from.index)) usesOf.set(x.e.from.index, []);
    usesOf.get(x.e.from.index).push(x.e);
  }
  const nodes = rows.map((r, k) => {
    if (r.image !== undefined) {
      const ref = p.externals[r.image].reference;
      const uses = usesOf.get(r.image) ?? [];
      const label = `Image ${ref}, not a stage: ${uses.slice(0, 5).map((e) => `${e.kind} into stage ${stageLabel(p, e.to)} on line ${e.line}`).join(", ")}${uses.length > 5 ? `, and ${uses.length - 5} more` : ""}`;
      const first = p.instructions[uses[0]?.instruction];
      const g = svg("g", { class: "node image", tabindex: -1, role: "button", "data-image": r.image, "data-key": `image-${r.image}`, "aria-label": label },
        svg("title", {}, label),
        svg("rect", { x: left, y: top[k], width: imageW, height: IMAGE_H, rx: 7 }),
        svg("text", { x: left + 9, y: top[k] + 18, class: "badge" }, "image"),
        svg("text", { x: left + 9 + 6 * CHAR, y: top[k] + 18, class: "base" }, cut(ref, Math.floor((imageW - 18) / CHAR) - 6)));
      if (first) g.addEventListener("click", () => core.reveal(first.place.from, first.place.to));
      return g;
    }
    const i = r.stage;
    const s = p.stages[i];
    const state = s.final ? "final" : s.used ? "used" : "unused";
    const badge = s.final ? "final" : s.used ? "" : "not built";
    const head = stageLabel(p, i);
    const base = `${baseText(p, s.base)} · ${plural(layers[i], "layer")}`;
    const label = [
      `Stage ${head}`,
      s.final ? "the final stage" : s.used ? "needed by the final stage" : "not built: the final stage does not need it",
      `${baseText(p, s.base)}, line ${s.place.line}`,
      plural(layers[i], "layer"),
      ...incoming[i].map((e) => `${e.kind} from ${sourceText(p, e.from)} on line ${e.line}`),
    ].join("; ");
    const g = svg("g", {
      class: `node stage ${state}`, tabindex: -1, role: "button", "data-stage": i, "data-key": `stage-${i}`,
      "aria-label": label,
    },
    svg("title", {}, label),
    svg("rect", { x: left, y: top[k], width: boxW, height: HEAD + ROW * incoming[i].length + 6, rx: 7 }),
    svg("text", { x: left + 9, y: top[k] + 17, class: "name" }, cut(head, badge ? fit - badge.length - 2 : fit)),
    badge ? svg("text", { x: left + boxW - 9, y: top[k] + 17, class: "badge", "text-anchor": "end" }, badge) : null,
    svg("text", { x: left + 9, y: top[k] + 34, class: "base" }, cut(base, fit)),
    incoming[i].map((e, entry) => svg("text", { x: left + 9, y: entryY(i, entry) + 4, class: `in ${e.kind}${e.from.kind === "missing" ? " missing" : ""}` },
      cut(`line ${e.line} · ${e.kind} from ${shortSource(p, e.from)}`, fit))));
    g.addEventListener("click", () => core.reveal(s.place.from, s.place.to));
    return g;
  });
  // one tab stop: the arrows, Home and End move between the nodes
  if (nodes.length) nodes[0].setAttribute("tabindex", "0");
  const picture = svg("svg", {
    class: "stage-graph", width, height, viewBox: `0 0 ${width} ${height}`, role: "group",
    "aria-label": `Stage graph: ${plural(p.stages.length, "stage")}${p.externals.length ? ` and ${plural(p.externals.length, "image")} copied or mounted from` : ""}. Arrow keys move between them, Enter shows one in the editor.`,
    "data-testid": "build-graph",
  },
  svg("defs", {}, ["base", "copy", "mount"].map(marker)), lines, nodes);
  picture.addEventListener("keydown", (ev) => {
    const at = nodes.indexOf(ev.target);
    if (at < 0) return;
    let to = -1;
    if (ev.key === "ArrowDown" || ev.key === "ArrowRight") to = Math.min(nodes.length - 1, at + 1);
    else if (ev.key === "ArrowUp" || ev.key === "ArrowLeft") to = Math.max(0, at - 1);
    else if (ev.key === "Home") to = 0;
    else if (ev.key === "End") to = nodes.length - 1;
    else if (ev.key === "Enter" || ev.key === " ") {
      ev.preventDefault();
      ev.target.dispatchEvent(new MouseEvent("click"));
      return;
    } else return;
    ev.preventDefault();
    nodes[at].setAttribute("tabindex", "-1");
    nodes[to].setAttribute("tabindex", "0");
    nodes[to].focus();
  });
  picture.addEventListener("focusin", (ev) => {
    // a node clicked or focused: it becomes the tab stop
    if (!nodes.includes(ev.target)) return;
    for (const g of nodes) g.setAttribute("tabindex", g === ev.target ? "0" : "-1");
  });
  return picture;
}

function legend() {
  const swatch = (kind) => svg("svg", { width: 28, height: 10, "aria-hidden": "true", class: "swatch" },
    svg("path", { d: "M1 5H27", class: `edge ${kind}` }));
  const box = (state) => svg("svg", { width: 18, height: 12, "aria-hidden": "true", class: "swatch" },
    svg("g", { class: `node stage ${state}` }, svg("rect", { x: 1, y: 1, width: 16, height: 10, rx: 2 })));
  return el("p", { class: "graph-legend" },
    el("span", {}, swatch("base"), " base: FROM a stage"),
    el("span", {}, swatch("copy"), " copy: COPY --from"),
    el("span", {}, swatch("mount"), " mount: RUN --mount from="),
    el("span", {}, box("final"), " final stage"),
    el("span", {}, box("unused"), " not built"));
}

// ------------------------------------------------------- the instructions

const REASONS = {
  copies: () => "copies it in",
  mounts: () => "mounts it",
  after: () => "after a rerun above it",
  base: (p, r) => `its base stage ${stageLabel(p, r.stage)} reran`,
  from: (p, r) => `copies or mounts from stage ${stageLabel(p, r.stage)}, which reran`,
};

function copyDetail(p, c) {
  const parts = [];
  const sources = c.heredoc && !c.sources.length ? ["an inline file (heredoc)"] : c.sources;
  parts.push(el("span", {}, "copies ", el("code", {}, sources.join(" ")), " → ", el("code", {}, c.destination ?? "(no destination)")));
  if (c.heredoc && c.sources.length) parts.push(el("span", {}, " (inline: heredoc)"));
  if (c.from) parts.push(el("span", { class: c.from.kind === "missing" ? "missing" : null }, ` from ${sourceText(p, c.from)}`));
  else if (!c.heredoc) parts.push(el("span", {}, " from the build context"));
  if (c.exclude.length) parts.push(el("span", {}, ", except ", el("code", {}, c.exclude.join(" "))));
  return el("div", { class: "step-detail" }, parts);
}

function mountDetail(p, m) {
  return el("div", { class: "step-detail" },
    `mounts ${m.type}`,
    m.source ? [" ", el("code", {}, m.source)] : null,
    m.from ? ` from ${sourceText(p, m.from)}` : m.type === "bind" ? " from the build context" : null,
    m.target ? [" at ", el("code", {}, m.target)] : null);
}

function steps(p, text, core) {
  const reruns = new Map((p.cache?.rebuilds ?? []).map((r) => [r.instruction, r]));
  const list = p.instructions.slice(0, MAX_STEPS);
  const groups = new Map();
  for (const s of list) {
    const key = s.stage ?? -1;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(s);
  }
  const out = el("ol", { class: "step-groups", "data-testid": "build-steps" });
  for (const [stage, items] of groups) {
    const st = p.stages[stage];
    const title = stage < 0 ? "Before the first FROM" : `Stage ${stageLabel(p, stage)}${st.final ? " · final" : st.used ? "" : " · not built"}`;
    const ol = el("ol", { class: "steps" });
    for (const s of items) {
      const [word, meaning] = EFFECTS[s.effect] ?? [s.effect, ""];
      const r = reruns.get(s.index);
      const why = r ? REASONS[r.reason.kind]?.(p, r.reason) ?? r.reason.kind : "";
      ol.append(el("li", { class: `step ${s.effect}${r ? " reruns" : ""}`, "data-index": s.index, "data-effect": s.effect, "data-line": s.place.line, "data-reason": r ? r.reason.kind : null },
        el("button", {
          class: "step-go", type: "button", "data-key": `step-${s.index}`,
          "aria-label": `Line ${s.place.line}: ${s.keyword || "unknown instruction"}, ${word}: ${meaning}${r ? `; reruns: ${why}` : ""}. Show it in the editor`,
          onclick: () => core.reveal(s.place.from, s.place.to),
        },
        el("span", { class: "step-line" }, String(s.place.line)),
        el("span", { class: `effect ${s.effect}`, title: meaning }, word),
        el("code", { class: "step-text" }, instructionText(text, s.place))),
        s.copy ? copyDetail(p, s.copy) : null,
        (s.mounts ?? []).map((m) => mountDetail(p, m)),
        r ? el("div", { class: "rerun" }, el("span", { class: "rerun-mark", "aria-hidden": "true" }, "↻"), ` reruns: ${why}`) : null));
    }
    out.append(el("li", { class: "step-group", "data-stage": stage }, el("h4", {}, title), ol));
  }
  const layers = p.instructions.filter((s) => s.effect === "layer").length;
  const meta = p.instructions.filter((s) => s.effect === "metadata").length;
  return [
    el("p", { class: "muted" }, `${plural(p.instructions.length, "instruction")}: ${layers} add a file-system layer (RUN, COPY, ADD), ${meta} change only the image's configuration. Choose one to show it in the editor.`),
    p.instructions.length > MAX_STEPS ? el("p", { class: "note" }, `Listing the first ${MAX_STEPS} instructions.`) : null,
    out,
  ];
}

// ------------------------------------------------------------- the cache

function cacheResult(p, path, core) {
  const c = p.cache;
  if (!path || !c) return [el("p", { class: "muted" }, "Type or pick a file of the build context to see which instructions run again when it changes.")];
  const line = (i) => p.instructions[i]?.place.line;
  if (c.ignored) {
    return [el("p", { class: "cache-summary ignored", "data-testid": "cache-summary" }, ...rich(`\`.dockerignore\` leaves \`${c.path}\` out of the build context: editing it reruns nothing.`))];
  }
  if (!c.rebuilds.length) {
    return [el("p", { class: "cache-summary", "data-testid": "cache-summary" }, ...rich(`No instruction of a stage that is built takes \`${c.path}\` in: every step stays cached.`))];
  }
  const starts = c.rebuilds.filter((r) => r.reason.kind !== "after");
  const out = [el("p", { class: "cache-summary", "data-testid": "cache-summary" },
    ...rich(`Editing \`${c.path}\` reruns ${plural(c.rebuilds.length, "instruction")} (marked ↻ below): `),
    starts.map((r, k) => [k ? "; " : "", `stage ${stageLabel(p, r.stage)} from line ${line(r.instruction)} (${REASONS[r.reason.kind]?.(p, r.reason) ?? r.reason.kind})`]),
    ".")];
  if (c.fixes.length) {
    out.push(el("ul", { class: "cache-fixes", "data-testid": "cache-fixes" }, c.fixes.map((f) => el("li", { "data-install": line(f.install), "data-copy": line(f.copy) },
      ...rich(`The install on line ${line(f.install)} (\`${cut(f.command, 60)}\`) reruns because line ${line(f.copy)} copies \`${c.path}\` first: copy ${f.manifests.length ? f.manifests.map((m) => `\`${m}\``).join(", ") : "its manifests"} first, install, then copy the rest. `),
      f.rule ? el("button", { class: "link rule-id", type: "button", "data-rule": f.rule, title: `Open the card of ${f.rule}`, onclick: () => core.explain(f.rule) }, f.rule) : null))));
  }
  return out;
}

/** Paths to suggest: the file's own COPY sources, then common ones. */
function suggestions(p) {
  const seen = new Set();
  const out = [];
  const add = (s) => { if (s && !seen.has(s) && out.length < 60) { seen.add(s); out.push(s); } };
  for (const s of p.instructions) {
    const c = s.copy;
    if (!c || c.from || c.heredoc) continue;
    for (let src of c.sources) {
      if (/^[a-z]+:\/\/|^git@|[$*?[]/i.test(src)) continue;
      src = src.replace(/^(\.\/)+/, "").replace(/\/+$/, "");
      if (src && src !== ".") add(src);
    }
  }
  COMMON_PATHS.forEach(add);
  return out;
}

// ---------------------------------------------------------- the base size

function sourceLink(size) {
  let host = size.source;
  try { host = new URL(size.source).hostname; } catch (e) { /* shown as written */ }
  return el("a", { href: size.source, rel: "noopener noreferrer", target: "_blank" }, host);
}

function baseSize(p) {
  const b = p.base;
  if (!b) {
    const f = p.final != null ? p.stages[p.final] : null;
    const why = !f ? "The file has no FROM yet." : f.base.kind === "scratch" ? "The final stage starts from scratch: an empty file system, 0 MB of base." : "The final stage's base cannot be read as one image (a variable decides it at build time, or the FROM is broken).";
    return [el("p", { "data-testid": "size-none" }, why)];
  }
  if (!b.size) {
    return [el("p", { "data-testid": "size-none" }, ...rich(`The size table has no entry for \`${b.reference}\`, so there is no estimate. It holds only sizes read from a page that states them, with the date and architecture; today that is the official \`node\` image, linux/amd64. Most bases have none.`))];
  }
  const own = b.size;
  const rows = [{ m: own, mine: true }, ...b.alternatives.map((m) => ({ m, mine: false }))];
  const table = el("table", { class: "size-table", "data-testid": "size-table" },
    el("caption", { class: "visually-hidden" }, "Compressed sizes of the final base and its variants, with the page each was read from"),
    el("thead", {}, el("tr", {}, el("th", { scope: "col" }, "Image, variant and source"), el("th", { scope: "col", class: "num" }, "Compressed"), el("th", { scope: "col", class: "num" }, "Against yours"))),
    el("tbody", {}, rows.map(({ m, mine }) => el("tr", { class: mine ? "mine" : null, "data-variant": m.variant, "data-exact": String(m.exact) },
      el("th", { scope: "row" },
        el("code", {}, `${b.image}:${m.tag}`), mine ? " (yours)" : null,
        m.exact ? null : el("span", { class: "note" }, `stands in for ${b.reference}: exact: false`),
        el("span", { class: "source" }, `${m.variant} · `, sourceLink(m.size), ` · read ${m.size.read} · ${m.size.arch}`)),
      el("td", { class: "num" }, mb(m.size.mb)),
      el("td", { class: "num" }, mine ? "" : `${m.size.mb <= own.size.mb ? "−" : "+"}${mb(Math.abs(Math.round((own.size.mb - m.size.mb) * 100) / 100))}`)))));
  return [
    el("p", { "data-testid": "size-estimate" }, ...rich(`The final stage is built on \`${b.reference}\`: about ${mb(own.size.mb)} compressed (what a pull downloads), an estimate.`),
      own.exact ? null : el("span", {}, ...rich(` The table has no \`${b.tag ?? "latest"}\` itself: its \`${own.tag}\`, the same version and flavour, stands in (exact: false).`))),
    table,
    b.alternatives.length ? null : el("p", {}, "The table has no other variant of this version."),
    el("p", { class: "muted" }, "Only the base: the layers this file adds come on top, tags move to newer releases, and other architectures differ."),
  ];
}

// ------------------------------------------------------------ the challenge

// What was typed in the cache view, kept while the module lives (leaving
// the tab and coming back keeps it).
const kept = { path: "", ignore: null };

// The text the challenge started from (kept while the module lives, so
// leaving the tab and coming back keeps the measurement), and whether the
// rewrite was applied with the button (Undo is offered then).
let started = null;
let appliedByButton = false;

function estimateText(e) {
  if (!e) return "no image base";
  return e.size ? `${e.reference} ${mb(e.size.size.mb)}` : `${e.reference} (no sourced size)`;
}

/** Replaces `box`'s content, keeping focus on the same control (or the box's first button). */
function swap(box, parts) {
  const a = document.activeElement;
  const key = a && box.contains(a) ? a.getAttribute("data-key") : null;
  put(box, parts);
  if (key) (box.querySelector(`[data-key="${CSS.escape(key)}"]`) || box.querySelector("button"))?.focus({ preventScroll: true });
}

async function challenge(box, text, core, redraw) {
  const measuring = started != null && text !== started;
  const offer = measuring ? null : await core.refactor(text);
  const parts = [el("p", {}, `The lessons' exercise: measure the image before and after a multi-stage refactor. Goal: the final base at least ${TARGET_MB} MB smaller by the size table's sourced sizes, and ${CHALLENGE_RULE} (build tools in the final image) silent.`)];
  if (!measuring) {
    if (!offer) {
      parts.push(el("p", { "data-testid": "challenge-none" }, ...rich(`${CHALLENGE_RULE} has no multi-stage rewrite for this file: it rewrites a single-stage \`node\`, \`python\` or \`golang\` image that installs build tools. Load the sample “${CHALLENGE_SAMPLE}” to try it.`)));
    } else {
      parts.push(el("p", { "data-testid": "challenge-offer" },
        `${CHALLENGE_RULE}'s rewrite builds in a stage of its own and ships `, el("code", {}, offer.after?.reference ?? "?"), ". ",
        offer.saved_mb != null
          ? `Before: ${estimateText(offer.before)}; after: ${estimateText(offer.after)}; ${mb(offer.saved_mb)} less (estimate).`
          : "The size table has no sourced size for these bases, so the saving cannot be estimated."));
      const actions = el("div", { class: "build-actions" });
      if (core.replace) {
        actions.append(el("button", {
          class: "small primary", type: "button", "data-testid": "challenge-try", "data-key": "challenge-try",
          onclick: () => {
            const now = core.text();
            if (now !== text) { redraw(); return; }
            started = now;
            appliedByButton = core.replace(offer.text);
            if (!appliedByButton) started = null;
            redraw();
          },
        }, "Try it in the editor"));
      }
      actions.append(el("button", {
        class: "small", type: "button", "data-testid": "challenge-start", "data-key": "challenge-start",
        onclick: () => { started = core.text(); appliedByButton = false; redraw(); },
      }, started === text ? "Measuring from this text" : "Refactor it myself"));
      parts.push(actions);
      if (started === text) parts.push(el("p", { class: "muted" }, "Measuring from this text: edit the file, and your result appears here."));
    }
    box.classList.remove("done");
    return swap(box, parts);
  }
  const [mine, left] = await Promise.all([core.refactor(started, text), core.findings(text, CHALLENGE_RULE).catch(() => null)]);
  const sourced = !!(mine?.before?.size && mine?.after?.size);
  const enough = sourced && mine.saved_mb >= TARGET_MB;
  const silent = Array.isArray(left) && left.length === 0;
  const done = enough && silent;
  parts.push(
    el("p", { "data-testid": "challenge-result" }, `Your result: before ${estimateText(mine?.before)}; now ${estimateText(mine?.after)}`,
      mine?.saved_mb != null ? `; ${mb(mine.saved_mb)} ${mine.saved_mb >= 0 ? "less" : "more"} (estimate).` : "; no estimate of the saving (a base without a sourced size)."),
    el("ul", { class: "checklist" },
      el("li", { class: enough ? "met" : "unmet" }, el("span", { "aria-hidden": "true" }, enough ? "✓ " : "✗ "), `At least ${TARGET_MB} MB less, by sourced sizes`, el("span", { class: "visually-hidden" }, enough ? " (met)" : " (not yet)")),
      el("li", { class: silent ? "met" : "unmet" }, el("span", { "aria-hidden": "true" }, silent ? "✓ " : "✗ "), `${CHALLENGE_RULE} is silent: no build tools in the final image`, el("span", { class: "visually-hidden" }, silent ? " (met)" : " (not yet)"))),
    done ? el("p", { class: "challenge-done", "data-testid": "challenge-done" }, "Challenge done: the image you ship starts smaller, and the compilers stay in the build stage.") : null,
    el("div", { class: "build-actions" },
      appliedByButton ? el("button", { class: "small", type: "button", "data-testid": "challenge-undo", "data-key": "challenge-undo", onclick: () => { core.undo(); } }, "Undo") : null,
      el("button", { class: "small", type: "button", "data-key": "challenge-stop", onclick: () => { started = null; appliedByButton = false; redraw(); } }, "Stop measuring")));
  box.classList.toggle("done", done);
  swap(box, parts);
}

// ---------------------------------------------------------------- mount

export function mount(root, core) {
  const pathInput = el("input", { id: "build-path", type: "text", list: "build-paths", placeholder: "src/app.py", autocomplete: "off", spellcheck: "false", "data-testid": "build-path" });
  const datalist = el("datalist", { id: "build-paths" });
  const ignore = el("textarea", { id: "build-ignore", rows: 3, spellcheck: "false", "data-testid": "build-ignore", placeholder: "node_modules\n*.md" });
  pathInput.value = kept.path;
  ignore.value = kept.ignore ?? ((core.dockerignore && core.dockerignore()) || "");
  const intro = el("div", { class: "build-intro" });
  const graphBox = el("div", { class: "graph-scroll" });
  const cacheBox = el("div", { class: "cache-result", role: "status" });
  const stepsBox = el("div", { class: "build-steps" });
  const sizeBox = el("div", { class: "build-size", "data-testid": "build-size" });
  const challengeBox = el("div", { class: "build-challenge", "data-testid": "build-challenge" });
  const section = (title, id, ...body) => el("section", { class: "build-section", "aria-labelledby": id }, el("h3", { id }, title), body);

  let generation = 0;
  let drawnText = null;
  let challengeGen = 0;
  const keepFocus = (fn) => {
    const a = document.activeElement;
    const key = a && root.contains(a) ? a.getAttribute("data-key") : null;
    fn();
    if (key) {
      const again = root.querySelector(`[data-key="${CSS.escape(key)}"]`);
      if (again && again !== a) {
        if (again.closest("svg")) for (const g of again.closest("svg").querySelectorAll(".node")) g.setAttribute("tabindex", g === again ? "0" : "-1");
        again.focus({ preventScroll: true });
      }
    }
  };

  const render = async () => {
    const mine = ++generation;
    const text = core.text();
    const path = pathInput.value.trim();
    const options = {};
    if (path) options.edited = path;
    if (ignore.value.trim()) options.dockerignore = ignore.value;
    let p;
    try {
      p = await core.picture(text, options);
    } catch (e) {
      if (mine === generation) intro.replaceChildren(el("p", { class: "import-error", role: "alert" }, `The build picture could not be drawn: ${e.message}`));
      return;
    }
    if (mine !== generation || text !== core.text()) return; // a newer one draws
    keepFocus(() => {
      const textChanged = text !== drawnText;
      if (textChanged) {
        const n = p.stages.length;
        const f = p.final != null ? p.stages[p.final] : null;
        const unused = p.stages.filter((s) => !s.used).length;
        put(intro,
          el("p", { "data-testid": "build-summary" }, n
            ? n === 1
              ? `What docker build makes of this file: one stage (${stageLabel(p, f.index)}), which is the image.`
              : `What docker build makes of this file: ${plural(n, "stage")}, the last (${stageLabel(p, f.index)}) is the image. ${unused ? `${plural(unused, "stage")} the final stage does not need ${unused === 1 ? "is" : "are"} not built (greyed out).` : "The final stage needs every other stage."}`
            : "No FROM yet: a Dockerfile's first stage starts with FROM."),
          p.errors ? el("p", { class: "note", role: "note", "data-testid": "build-errors" }, "The file has syntax errors (the Findings tab lists them): this is what could be read. BuildKit would refuse to build it as it is.") : null,
          p.stages.length > MAX_STAGES ? el("p", { class: "note" }, `Drawing the first ${MAX_STAGES} of ${p.stages.length} stages.`) : null);
        // the width the graph can take without scrolling sideways
        const avail = graphBox.clientWidth > 100 ? graphBox.clientWidth - 2 : 420;
        put(graphBox, n ? graph(p, core, avail) : null);
        put(sizeBox, baseSize(p));
        put(datalist, suggestions(p).map((s) => el("option", { value: s })));
        drawnText = text;
      }
      put(cacheBox, cacheResult(p, path, core));
      put(stepsBox, steps(p, text, core));
      if (textChanged) {
        const g = ++challengeGen;
        challenge(challengeBox, text, core, () => { drawnText = null; render(); })
          .catch((e) => { if (g === challengeGen) challengeBox.replaceChildren(el("p", { class: "import-error" }, `The challenge could not be measured: ${e.message}`)); });
      }
    });
  };

  let timer = 0;
  const soon = () => { clearTimeout(timer); timer = setTimeout(render, 150); };
  pathInput.addEventListener("input", () => { kept.path = pathInput.value; soon(); });
  pathInput.addEventListener("change", () => { kept.path = pathInput.value; clearTimeout(timer); render(); });
  ignore.addEventListener("input", () => { kept.ignore = ignore.value; soon(); });

  root.replaceChildren(
    el("h2", {}, "Build"),
    intro,
    section("Stages", "build-stages-title", graphBox, legend()),
    section("Cache: what runs again when you edit a file", "build-cache-title",
      el("p", { class: "muted" }, "Docker reuses an instruction's cached result while the instruction, everything before it in the stage, and the files it copies in are unchanged. From the first change on, the rest of the stage runs again."),
      el("div", { class: "field" }, el("label", { for: "build-path" }, "A file you edit (a path in the build context)"), pathInput, datalist),
      el("details", { class: "ignore" }, el("summary", {}, "The context's .dockerignore"),
        el("label", { for: "build-ignore", class: "visually-hidden" }, ".dockerignore patterns, one a line"), ignore),
      cacheBox),
    section("Instructions: layers and metadata", "build-steps-title", stepsBox),
    section("Base image size (an estimate)", "build-size-title", sizeBox),
    section("Challenge: shrink the image", "build-challenge-title", challengeBox),
  );
  intro.replaceChildren(el("p", { class: "loading", "aria-busy": "true" }, "Reading the stages…"));
  render();
  return { refresh: render };
}
