// Share links and lesson embeds: state in the URL fragment (never sent to a
// server), compressed with the browser's own CompressionStream.
//
//   #z=<state>                 a share link: text, kind and settings, deflated
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

/** `{t: text, k: kind, s: settings}` → the fragment's `z=` value. */
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
 * The state the URL carries: {text, kind, settings, rules, readOnly, embed},
 * or null. Rejects with a message when the link is damaged.
 */
export async function readLocationState() {
  const { p, embed } = params();
  if (!hasLocationState()) return null;
  let state = { t: "", k: "", s: "" };
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
  return {
    text: String(state.t || ""),
    kind: p.get("kind") || String(state.k || ""),
    settings: String(state.s || ""),
    rules: (p.get("rules") || "").split(",").map((r) => r.trim()).filter(Boolean),
    readOnly: p.has("readonly") && p.get("readonly") !== "0",
    // a lesson can turn the fix buttons off (`fixes=0`), so a task is not solved by one click
    fixes: p.get("fixes") !== "0",
    embed,
  };
}

/** A link that reopens exactly this state. */
export async function shareLink(text, kind, settings) {
  const z = await encodeState({ t: text, k: kind, s: settings });
  return `${location.origin}${location.pathname}#z=${z}`;
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

/** Asks the checker: `op` is check, fix, harden or score; resolves to its answer. */
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
