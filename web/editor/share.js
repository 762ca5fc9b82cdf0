// Share links and lesson embeds: state in the URL fragment (never sent to a
// server), compressed with the browser's own CompressionStream.
//
//   #z=<state>                 a share link: text, kind, settings and the rules'
//                              version, deflated
//   #embed&kind=compose&rules=DW2008,DW2006&readonly&text=<base64url>
//                              a lesson embed (see docs/embedding.md); `z=` works
//                              here too, `text=` is plain UTF-8 for hand-made links

function toBase64Url(bytes) {
  let bin = "";
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(s) {
  const bin = atob(s.replace(/-/g, "+").replace(/_/g, "/"));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

async function pipe(bytes, stream) {
  const out = new Response(new Blob([bytes]).stream().pipeThrough(stream));
  return new Uint8Array(await out.arrayBuffer());
}

/** `{t: text, k: kind, s: settings, v: rules version}` → the fragment's `z=` value. */
export async function encodeState(state) {
  const json = new TextEncoder().encode(JSON.stringify(state));
  return toBase64Url(await pipe(json, new CompressionStream("deflate-raw")));
}

export async function decodeState(z) {
  const json = await pipe(fromBase64Url(z), new DecompressionStream("deflate-raw"));
  return JSON.parse(new TextDecoder().decode(json));
}

function params() {
  const hash = location.hash.replace(/^#/, "");
  const p = new URLSearchParams(hash);
  return { p, embed: p.has("embed") };
}

/** Does the URL carry a state (a share link or an embed)? */
export function hasLocationState() {
  const { p, embed } = params();
  return embed || p.has("z") || p.has("text");
}

/**
 * The state the URL carries: {text, kind, settings, rules, readOnly, embed,
 * version}, or null. Rejects with a message when the link is damaged.
 * `version` is the rules' version the link was made with (`0.1.0+179`), or
 * "" (an older link, or one made by hand).
 */
export async function readLocationState() {
  const { p, embed } = params();
  if (!hasLocationState()) return null;
  let state = { t: "", k: "", s: "", v: "" };
  if (p.has("z")) {
    try {
      state = await decodeState(p.get("z"));
    } catch (e) {
      throw new Error("This link is damaged (it may have been cut off when it was copied).");
    }
  } else if (p.has("text")) {
    try {
      state.t = new TextDecoder().decode(fromBase64Url(p.get("text")));
    } catch (e) {
      throw new Error("The text in this link is not valid base64url.");
    }
  }
  // a link's policy becomes the page's (it is evaluated once the policy module loads)
  if (state.p && typeof state.p.t === "string") savePolicy({ text: state.p.t, syntax: String(state.p.x || "auto"), on: true });
  return {
    text: String(state.t || ""),
    kind: p.get("kind") || String(state.k || ""),
    settings: String(state.s || ""),
    rules: (p.get("rules") || "").split(",").map((r) => r.trim()).filter(Boolean),
    readOnly: p.has("readonly") && p.get("readonly") !== "0",
    // a lesson can turn the fix buttons off (`fixes=0`), so a task is not solved by one click
    fixes: p.get("fixes") !== "0",
    embed,
    version: String(state.v || ""),
  };
}

// The rules' version of this page (`0.1.0+179`: the version and how many
// rules), set by the app when it starts; share links carry it.
let rulesVersion = "";
export function setRulesVersion(v) {
  rulesVersion = String(v || "");
}

/**
 * The rules' version a share link was made with, when the URL is a share
 * link (not an embed) made with other rules than this page's; else "".
 */
export async function linkVersionDiffers() {
  if (params().embed) return "";
  const state = await readLocationState().catch(() => null);
  return state && state.version && rulesVersion && state.version !== rulesVersion ? state.version : "";
}

/** A link that reopens exactly this state (the policy too, when one is on). */
export async function shareLink(text, kind, settings) {
  const state = { t: text, k: kind, s: settings, v: rulesVersion };
  const policy = readPolicy();
  if (policy && policy.on && policy.text && policy.text.trim()) state.p = { t: policy.text, x: policy.syntax || "auto" };
  const z = await encodeState(state);
  return `${location.origin}${location.pathname}#z=${z}`;
}

/** Saves `text` as a file named `name`, from a Blob URL of this page (nothing is sent anywhere). */
export function download(name, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type: type || "text/plain" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.rel = "noopener";
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

/**
 * Calls `onView(top, bottom)` with the part of `el` that can be seen (pixels
 * from `el`'s top): inside the window and inside every scrolling ancestor.
 * Called at once, then at most once a frame when anything scrolls or the
 * window or `el` is resized. Returns a function that stops it.
 */
export function watchView(el, onView) {
  let frame = 0;
  const report = () => {
    frame = 0;
    // not in the page, or hidden (a card is open over the list): nothing to say
    if (!el.isConnected || el.offsetParent === null) return;
    const r = el.getBoundingClientRect();
    let top = 0;
    let bottom = window.innerHeight;
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const o = getComputedStyle(p).overflowY;
      if (o === "auto" || o === "scroll" || o === "hidden") {
        const b = p.getBoundingClientRect();
        top = Math.max(top, b.top);
        bottom = Math.min(bottom, b.bottom);
      }
    }
    onView(top - r.top, bottom - r.top);
  };
  const schedule = () => {
    if (!frame) frame = requestAnimationFrame(report);
  };
  // scroll events do not bubble: caught on their way down, from any scroller
  document.addEventListener("scroll", schedule, { capture: true, passive: true });
  window.addEventListener("resize", schedule);
  const resized = typeof ResizeObserver === "function" ? new ResizeObserver(schedule) : null;
  if (resized) resized.observe(el);
  report();
  return () => {
    document.removeEventListener("scroll", schedule, { capture: true });
    window.removeEventListener("resize", schedule);
    if (resized) resized.disconnect();
    cancelAnimationFrame(frame);
  };
}

/**
 * One finding of the checker's answer, read for the page's list in two
 * calls instead of one per field (50,000 findings made half a million):
 * its numbers into `out` (line, column, end_line, end_column, from, to,
 * instruction_line or NaN, 1 if it has a fix), and its rule, severity and
 * message joined by NUL characters (which a message never holds: the
 * checker's JSON text would escape them, and the page splits on the first two).
 */
export function findingNumbers(f, out) {
  out[0] = f.line;
  out[1] = f.column;
  out[2] = f.end_line;
  out[3] = f.end_column;
  out[4] = f.from;
  out[5] = f.to;
  out[6] = typeof f.instruction_line === "number" ? f.instruction_line : NaN;
  out[7] = f.fix === undefined || f.fix === null ? 0 : 1;
}
export function findingText(f) {
  return `${f.rule}\u0000${f.severity}\u0000${f.message}`;
}

export async function copyText(text) {
  await navigator.clipboard.writeText(text);
}

/** Tells the embedding page what happened (no-op when not in a frame). */
export function notifyParent(type, payload) {
  if (window.parent === window) return;
  window.parent.postMessage({ source: "dockwise", type, ...payload }, "*");
}

// Theme: the choice ("light", "dark", or "" to follow the system) is kept in
// localStorage; the page's data-theme always holds the theme in effect.
const THEME_KEY = "dockwise.theme";
const systemDark = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;
let themeChoice = "";
try {
  themeChoice = localStorage.getItem(THEME_KEY) || "";
} catch (e) { /* storage blocked */ }
function applyTheme() {
  const dark = themeChoice ? themeChoice === "dark" : !!(systemDark && systemDark.matches);
  document.documentElement.dataset.theme = dark ? "dark" : "light";
}
export function setTheme(theme) {
  themeChoice = theme === "light" || theme === "dark" ? theme : "";
  try {
    if (themeChoice) localStorage.setItem(THEME_KEY, themeChoice);
    else localStorage.removeItem(THEME_KEY);
  } catch (e) { /* storage blocked: the theme still applies for this visit */ }
  applyTheme();
}
export function getTheme() {
  return themeChoice;
}
if (systemDark) systemDark.addEventListener("change", applyTheme);
applyTheme();

// A link pasted into the address bar of an open playground only changes the
// fragment, which does not reload the page: reload so the link is opened.
window.addEventListener("hashchange", () => {
  if (hasLocationState()) location.reload();
});

/** Loads the practice module (its own file, fetched on first use) and mounts it. */
export async function mountPractice(el, core) {
  const m = await import("./learn.js");
  m.mount(el, {
    ...core,
    score: (text, kind, rules, marked) => ask("score", text, kind, rules, marked),
    check: (text, options) => ask("check", text, options),
  });
}

// The checker: a worker running the Dockwise library (worker.js, which loads
// lib/dockwise.js: the core with its checks and fixes, a second WebAssembly
// module). The page itself never checks: it sends the text and draws the answer.
let worker = null;
let nextId = 0;
const pending = new Map();

function checker() {
  if (!worker) {
    worker = new Worker("./worker.js", { type: "module" });
    worker.onmessage = (e) => {
      const { id, result, error } = e.data;
      const p = pending.get(id);
      if (!p) return;
      pending.delete(id);
      if (error !== undefined) p.reject(new Error(error));
      else p.resolve(result);
    };
    worker.onerror = (e) => {
      for (const p of pending.values()) p.reject(new Error(e.message || "the checker failed to start"));
      pending.clear();
    };
  }
  return worker;
}

/**
 * Asks the checker: `op` is check, fix, harden, score, triage, export,
 * buildPicture or sizeRefactor;
 * resolves to its answer.
 */
export function ask(op, ...args) {
  const id = ++nextId;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    checker().postMessage({ id, op, args });
  });
}

/** Loads `harden.js` on first use and draws the Harden view into `el`. */
export async function mountHarden(el, host) {
  const m = await import("./harden.js");
  return m.mount(el, {
    harden: () => ask("harden", host.text(), host.options()),
    text: host.text,
    apply: host.apply,
    undo: host.undo,
    explain: host.explain,
  });
}

/**
 * Loads `picture.js` on first use and draws the Build tab into `el`; `host`
 * holds `text`, `replace` (absent when fixes are off), `undo`, `reveal`,
 * `explain` and `dockerignore`. Resolves to `{refresh}`: draw again for the
 * editor's text now.
 */
export async function mountBuild(el, host) {
  const m = await import("./picture.js");
  return m.mount(el, {
    picture: (text, options) => ask("buildPicture", text, options),
    refactor: (...texts) => ask("sizeRefactor", ...texts),
    // one rule's findings (the challenge asks whether DW1005 is silent)
    findings: (text, rule) => ask("check", text, { kind: "dockerfile", rules: [rule] }).then((c) => c.findings),
    text: host.text,
    replace: host.replace,
    undo: host.undo,
    reveal: host.reveal,
    explain: host.explain,
    dockerignore: host.dockerignore,
  });
}

// Policies (Rego): the policy text, its syntax and whether it is on are kept
// in localStorage and carried in share links; the policy module (policy.js
// and the regorus WebAssembly it loads) is fetched the first time the Policy
// tab opens, or when a stored or linked policy is on.
const POLICY_KEY = "dockwise.policy.v1";
export function readPolicy() {
  try {
    const p = JSON.parse(localStorage.getItem(POLICY_KEY) || "null");
    return p && typeof p.text === "string" ? p : null;
  } catch (e) {
    return null;
  }
}
export function savePolicy(p) {
  try {
    localStorage.setItem(POLICY_KEY, JSON.stringify({ text: String(p.text || ""), syntax: p.syntax || "auto", on: p.on !== false }));
  } catch (e) { /* storage blocked: the policy still applies for this visit */ }
}

let policyModule = null;
function loadPolicy() {
  if (!policyModule) {
    policyModule = import("./policy.js").then(async (m) => {
      await m.load();
      return m;
    });
    policyModule.catch(() => { policyModule = null; });
  }
  return policyModule;
}

/** The policy's findings on `text` ([] while no policy is on, without loading anything). */
export async function policyCheck(text, kind) {
  const stored = readPolicy();
  if (!policyModule && !(stored && stored.on && stored.text.trim())) return [];
  const m = await loadPolicy();
  return m.check(text, kind);
}

let unmountPolicyView = null;
/** Loads the policy module on first use and draws the Policy tab into `el`. */
export async function mountPolicy(el, host) {
  const m = await loadPolicy();
  if (unmountPolicyView) unmountPolicyView();
  unmountPolicyView = m.mount(el, host);
}
export function unmountPolicy() {
  if (unmountPolicyView) unmountPolicyView();
  unmountPolicyView = null;
}
