// The Policy tab: a Rego editor, starter policies, the file's input document,
// and the policy's errors with their lines. Loaded, with the policy module
// (policy/dockwise_policy.js: regorus compiled to WebAssembly), the first
// time the tab opens or when a stored or linked policy is on: never in the
// first load. The module evaluates; this file only draws, and every text
// goes in with textContent (nothing pasted becomes HTML).
//
// host = {
//   text(): string,       the main editor's text
//   kind(): string,       its kind (dockerfile, compose, kubernetes)
//   recheck(): void,      asks the page to check the file again (which
//                         calls check() below and merges its findings)
// }

import { CodeEditor } from "./editor.js";
import { readPolicy, savePolicy } from "./editor.js";
import { el } from "../dom.js";

const LESSONS_V0 = `# The lessons' policy as they print it (Rego v0: deny[msg] { ... }).
package docker.security

deny[msg] {
    input.User == "root"
    msg := "Container cannot run as root user"
}

deny[msg] {
    input.Image.tag == "latest"
    msg := "Image must use specific version tags, not 'latest'"
}

deny[msg] {
    not input.HealthCheck
    msg := "Container must define a health check"
}
`;

// Rego, highlighted: keywords, strings, comments, numbers, `input`/`data`,
// the fields after a dot.
const KEYWORDS = new Set(["package", "import", "default", "not", "some", "every", "in", "if", "contains", "else", "with", "as"]);
const regoLanguage = {
  name: "rego",
  startState: () => ({ afterDot: false }),
  token(stream, state) {
    if (stream.eatSpace()) return null;
    const afterDot = state.afterDot;
    state.afterDot = false;
    if (stream.match("#")) {
      stream.skipToEnd();
      return "comment";
    }
    if (stream.match(/^"(?:[^"\\]|\\.)*"?/) || stream.match(/^`[^`]*`?/)) return "string";
    if (stream.match(/^\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/)) return "number";
    if (stream.match(/^[A-Za-z_][A-Za-z0-9_]*/)) {
      const w = stream.current();
      if (afterDot) return "propertyName";
      if (w === "true" || w === "false" || w === "null") return "atom";
      if (KEYWORDS.has(w)) return "keyword";
      if (w === "input" || w === "data") return "variableName.special";
      return "variableName";
    }
    if (stream.match(".")) {
      state.afterDot = true;
      return "punctuation";
    }
    if (stream.match(/^(?::=|==|!=|<=|>=|[=<>+\-*/%|&])/)) return "operator";
    stream.next();
    return "punctuation";
  },
};

let engine = null; // the policy module, once loaded
let starters = [];
let view = null; // the mounted panel's parts
let last = { text: "", kind: "dockerfile", answer: null };

/** Loads and starts the policy module (once). */
export async function load() {
  if (engine) return;
  const m = await import("./policy/dockwise_policy.js");
  await m.default();
  engine = m;
  starters = JSON.parse(m.starters());
}

function current() {
  const p = readPolicy();
  if (p && typeof p.text === "string") return p;
  return { text: starters[0] ? starters[0].text : "", syntax: "auto", on: true };
}

/**
 * The policy's findings on `text` (a file of `kind`), in the checker's shape;
 * [] when the policy is off, has errors or is empty. Also redraws the panel.
 */
export function check(text, kind) {
  last = { text, kind, answer: null };
  const p = current();
  let findings = [];
  // blank text has no findings, of rules or policies
  if (engine && p.on && p.text.trim() && text.trim()) {
    last.answer = JSON.parse(engine.evaluate(p.text, p.syntax || "auto", kind, text));
    findings = last.answer.findings || [];
  }
  draw();
  return findings;
}

function draw() {
  if (!view || !engine) return;
  const { errors, status, input } = view;
  const answer = last.answer;
  errors.replaceChildren();
  const list = (answer && answer.errors) || [];
  for (const e of list) {
    const where = e.line > 0 ? `line ${e.line}, column ${e.column}: ` : "";
    errors.append(el("li", { "data-line": e.line }, where, e.message));
  }
  errors.hidden = list.length === 0;
  view.editor.setErrors(list);
  const p = current();
  if (!p.on) status.textContent = "The policy is off: the file is checked by the rules only.";
  else if (!p.text.trim()) status.textContent = "The policy is empty.";
  else if (list.length) status.textContent = `The policy has ${list.length === 1 ? "an error" : `${list.length} errors`}: no policy findings until it is fixed.`;
  else if (answer) {
    const n = (answer.findings || []).length;
    const pkgs = (answer.packages || []).join(", ");
    status.textContent = `${n} finding${n === 1 ? "" : "s"} from ${pkgs || "the policy"} (Rego ${answer.syntax || "v1"}), shown in the editor and the findings list.`;
  }
  input.textContent = engine.inputDocument(last.kind, last.text);
}

/** Draws the Policy tab into `el`. */
export function mount(el_, host) {
  const p = current();
  let timer = 0;
  const store = (changes) => {
    savePolicy({ ...current(), ...changes });
    clearTimeout(timer);
    timer = setTimeout(() => host.recheck(), 250);
  };
  const editorHost = el("div", { class: "policy-editor", "data-testid": "policy-editor" });
  const starter = el("select", { "data-testid": "policy-starter", "aria-label": "Load a starter policy" },
    el("option", { value: "" }, "Load a starter policy…"),
    starters.map((s, i) => el("option", { value: String(i) }, s.name)),
    el("option", { value: "lessons" }, "lessons-v0.rego (as the lessons print it)"));
  const syntax = el("select", { "data-testid": "policy-syntax", "aria-label": "Rego version" },
    el("option", { value: "auto" }, "Rego: v1, else v0"),
    el("option", { value: "v1" }, "Rego v1"),
    el("option", { value: "v0" }, "Rego v0"));
  syntax.value = p.syntax || "auto";
  const on = el("input", { type: "checkbox", "data-testid": "policy-on" });
  on.checked = p.on !== false;
  const errors = el("ul", { class: "policy-errors", role: "alert", "data-testid": "policy-errors", hidden: true });
  const status = el("p", { class: "policy-status", role: "status", "data-testid": "policy-status" });
  const input = el("pre", { class: "policy-input", "data-testid": "policy-input", tabindex: "0", "aria-label": "Input document" });
  el_.replaceChildren(
    el("h2", {}, "Policy (Rego)"),
    el("p", { class: "policy-intro" },
      "Write rules as code, as Open Policy Agent runs them: every ", el("code", {}, "deny"), ", ",
      el("code", {}, "violation"), " and ", el("code", {}, "warn"),
      " rule gives findings (a message, or ", el("code", {}, "{msg, path}"),
      " where path names a value of the input document, such as ", el("code", {}, "Image.tag"),
      ", to underline its words). Evaluated in this page by regorus."),
    el("div", { class: "policy-bar" }, starter, syntax,
      el("label", { class: "policy-toggle" }, on, " Check the file with this policy")),
    editorHost,
    errors,
    status,
    el("details", { class: "policy-doc" }, el("summary", {}, "The input document of the file (input)"), input),
  );
  const editor = new CodeEditor(editorHost, p.text, regoLanguage, "Rego policy", (text) => store({ text }));
  view = { editor, errors, status, input };
  starter.addEventListener("change", () => {
    const v = starter.value;
    if (!v) return;
    const text = v === "lessons" ? LESSONS_V0 : starters[Number(v)].text;
    editor.setText(text);
    starter.value = "";
  });
  syntax.addEventListener("change", () => store({ syntax: syntax.value }));
  on.addEventListener("change", () => store({ on: on.checked }));
  // the panel may open after the last check: save the policy shown (the
  // starter, on a first visit) and check again so its findings show
  if (!readPolicy()) savePolicy(p);
  host.recheck();
  draw();
  return () => {
    clearTimeout(timer);
    editor.destroy();
    view = null;
  };
}
