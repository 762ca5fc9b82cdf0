// The editor bridge: CodeMirror 6 behind a small class the Yew app drives.
// The app owns the lint loop (it calls setDiagnostics); this file only shows
// text, marks and tooltips. It also saves the text to localStorage on every
// change by itself, so what the user typed survives a reload even if the app
// itself were to fail.

import { EditorState, Compartment } from "@codemirror/state";
import {
  EditorView, keymap, lineNumbers, highlightActiveLineGutter,
  drawSelection, highlightSpecialChars, ViewPlugin, Decoration,
} from "@codemirror/view";
import { defaultKeymap, history, historyKeymap, indentWithTab, undo } from "@codemirror/commands";
import {
  StreamLanguage, syntaxHighlighting, HighlightStyle, bracketMatching, indentOnInput,
} from "@codemirror/language";
import { tags as t } from "@lezer/highlight";
import {
  setDiagnostics, lintGutter, nextDiagnostic, previousDiagnostic, forEachDiagnostic, lintKeymap,
} from "@codemirror/lint";
import { dockerFile } from "@codemirror/legacy-modes/mode/dockerfile";
import { yaml } from "@codemirror/legacy-modes/mode/yaml";

const languages = {
  dockerfile: StreamLanguage.define(dockerFile),
  yaml: StreamLanguage.define(yaml),
};

// Colours come from CSS variables so light and dark themes follow the page.
const highlight = HighlightStyle.define([
  { tag: t.keyword, color: "var(--syn-keyword)", fontWeight: "600" },
  { tag: [t.string, t.special(t.string)], color: "var(--syn-string)" },
  { tag: t.comment, color: "var(--syn-comment)", fontStyle: "italic" },
  { tag: [t.number, t.bool, t.atom], color: "var(--syn-number)" },
  { tag: [t.variableName, t.definition(t.variableName)], color: "var(--syn-variable)" },
  { tag: [t.propertyName, t.attributeName], color: "var(--syn-property)" },
  { tag: [t.operator, t.meta, t.punctuation], color: "var(--syn-meta)" },
]);

const theme = EditorView.theme({
  "&": { height: "100%", fontSize: "14px", backgroundColor: "var(--editor-bg)", color: "var(--text)" },
  ".cm-scroller": { fontFamily: "var(--mono)", lineHeight: "1.55" },
  ".cm-content": { caretColor: "var(--accent)" },
  ".cm-gutters": { backgroundColor: "var(--editor-gutter)", color: "var(--muted)", border: "none", borderRight: "1px solid var(--border)" },
  // drawn only on lines holding a cursor (see activeLine): a selected span
  // keeps the selection colour, which the line's background would cover
  ".cm-activeLine": { backgroundColor: "var(--editor-active)" },
  ".cm-activeLineGutter": { backgroundColor: "var(--editor-active)" },
  "&.cm-focused .cm-selectionBackground, .cm-selectionBackground, ::selection": { backgroundColor: "var(--editor-selection) !important" },
  ".cm-tooltip": { backgroundColor: "var(--panel)", color: "var(--text)", border: "1px solid var(--border)", borderRadius: "8px", boxShadow: "var(--shadow)" },
  // a tooltip with many findings stays on screen and scrolls (CodeMirror
  // caps its height to the space there is; its content must not spill out)
  ".cm-tooltip.cm-tooltip-hover": { maxWidth: "min(34rem, calc(100vw - 16px))", maxHeight: "min(26rem, calc(100vh - 24px))", overflowY: "auto", overscrollBehavior: "contain" },
  ".cm-tooltip-lint": { maxWidth: "min(34rem, calc(100vw - 16px))" },
  ".cm-diagnosticText code, .cm-diagnosticAction code": { fontFamily: "var(--mono)", fontSize: ".92em" },
  ".cm-diagnosticText code": { backgroundColor: "var(--panel-2)", border: "1px solid var(--border)", borderRadius: "4px", padding: "0 3px", overflowWrap: "anywhere" },
  ".cm-diagnostic": { padding: "6px 10px", borderLeftWidth: "4px" },
  ".cm-diagnostic-error": { borderLeftColor: "var(--sev-error)" },
  ".cm-diagnostic-warning": { borderLeftColor: "var(--sev-warning)" },
  ".cm-diagnostic-info": { borderLeftColor: "var(--sev-info)" },
  ".cm-diagnostic-hint": { borderLeftColor: "var(--sev-style)" },
  ".cm-diagnosticSource": { color: "var(--muted)", fontFamily: "var(--mono)", fontSize: "12px", opacity: "1" },
  ".cm-diagnosticAction": { backgroundColor: "var(--accent)", color: "var(--accent-contrast)", borderRadius: "6px", padding: "2px 8px", font: "inherit", fontSize: "12px" },
  ".cm-lintRange-error": { backgroundImage: "none", textDecoration: "underline wavy var(--sev-error)", textUnderlineOffset: "3px" },
  ".cm-lintRange-warning": { backgroundImage: "none", textDecoration: "underline wavy var(--sev-warning)", textUnderlineOffset: "3px" },
  ".cm-lintRange-info": { backgroundImage: "none", textDecoration: "underline wavy var(--sev-info)", textUnderlineOffset: "3px" },
  ".cm-lintRange-hint": { backgroundImage: "none", textDecoration: "underline dotted var(--sev-style)", textUnderlineOffset: "3px" },
  ".cm-panels": { backgroundColor: "var(--panel)", color: "var(--text)" },
});

/**
 * The active line's background, on lines that hold a cursor only. Under a
 * selected span (a finding jumped to with F8 or from the list) it would
 * cover CodeMirror's selection layer, which is drawn behind the text.
 */
const activeLineMark = Decoration.line({ class: "cm-activeLine" });
const activeLine = ViewPlugin.fromClass(class {
  constructor(view) {
    this.decorations = this.build(view);
  }
  update(u) {
    if (u.docChanged || u.selectionSet || u.viewportChanged) this.decorations = this.build(u.view);
  }
  build(view) {
    const marks = [];
    let last = -1;
    for (const r of view.state.selection.ranges) {
      if (!r.empty) continue;
      const line = view.lineBlockAt(r.head);
      if (line.from > last) {
        marks.push(activeLineMark.range(line.from));
        last = line.from;
      }
    }
    return Decoration.set(marks);
  }
}, { decorations: (v) => v.decorations });

/** Text where `backticks` mark code, as DOM nodes (never parsed as HTML). */
function rich(text) {
  const out = document.createDocumentFragment();
  String(text).split("`").forEach((part, i) => {
    if (!part) return;
    if (i % 2) {
      const code = document.createElement("code");
      code.textContent = part;
      out.append(code);
    } else {
      out.append(document.createTextNode(part));
    }
  });
  return out;
}

function div(className, attrs = {}) {
  const e = document.createElement("div");
  e.className = className;
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  return e;
}

// How the last interaction happened (keys or a pointer): the editor's Tab
// hint is shown when it gets focus from the keyboard only.
let lastInput = "pointer";
document.addEventListener("keydown", () => { lastInput = "keyboard"; }, true);
document.addEventListener("pointerdown", () => { lastInput = "pointer"; }, true);

const HINT_BEFORE = "Tab moves on to the next control. Once you type here, Tab indents; then Esc, Tab leaves the editor. F8: next finding.";
const HINT_AFTER = "Tab indents. To leave the editor press Esc, then Tab. F8: next finding, Ctrl+Shift+M: all findings.";

/** Read-only: no edits, and not editable for assistive technology either. */
function readOnlyExtensions(readOnly) {
  return [EditorState.readOnly.of(!!readOnly), EditorView.editable.of(!readOnly)];
}

function save(key, text) {
  if (!key) return;
  try {
    localStorage.setItem(key, text);
  } catch (e) {
    // Storage full or blocked: keep editing; the app shows a notice.
    window.dispatchEvent(new CustomEvent("dockwise-storage-error", { detail: String(e) }));
  }
}

export class DockwiseEditor {
  /**
   * @param {HTMLElement} parent   element to mount into
   * @param {string} doc           initial text
   * @param {string} language      "dockerfile" or "yaml"
   * @param {string} storageKey    localStorage key the text is saved under ("" = do not save)
   * @param {boolean} readOnly
   * @param {(text: string) => void} onChange
   * @param {(ruleId: string) => void} onExplain
   */
  constructor(parent, doc, language, storageKey, readOnly, onChange, onExplain) {
    this.onChange = onChange;
    this.onExplain = onExplain;
    this.storageKey = storageKey;
    this.language = new Compartment();
    this.readOnly = new Compartment();
    this.saveTimer = 0;
    // Tab leaves the editor until the user has typed in it; from then on it
    // indents, and Esc then Tab leaves (CodeMirror's tab focus mode).
    this.typed = false;
    // fix titles keep their `code` marks for the tooltip's buttons (see richActions)
    this.actionLabels = new Map();
    const updateListener = EditorView.updateListener.of((u) => {
      if (u.selectionSet && !this.announcing) this.setStatus(null);
      if (!u.docChanged) return;
      if (!this.typed && u.transactions.some((tr) => (tr.isUserEvent("input") && !tr.isUserEvent("input.fix")) || tr.isUserEvent("delete"))) {
        this.typed = true;
        this.view.setTabFocusMode(false);
        this.hint.textContent = HINT_AFTER;
      }
      this.setStatus(null);
      const text = u.state.doc.toString();
      clearTimeout(this.saveTimer);
      this.saveTimer = setTimeout(() => save(this.storageKey, text), 250);
      this.onChange(text);
    });
    this.view = new EditorView({
      parent,
      state: EditorState.create({
        doc,
        extensions: [
          lineNumbers(),
          highlightActiveLineGutter(),
          highlightSpecialChars(),
          history(),
          drawSelection(),
          EditorState.allowMultipleSelections.of(true),
          indentOnInput(),
          bracketMatching(),
          activeLine,
          lintGutter(),
          syntaxHighlighting(highlight),
          this.language.of(languages[language] || languages.dockerfile),
          this.readOnly.of(readOnlyExtensions(readOnly)),
          // F8 / Shift+F8: next / previous finding (handled on keydown, so no
          // other key binding can shadow it); its message is shown and read out
          EditorView.domEventHandlers({
            keydown: (e, view) => {
              if (e.key !== "F8") return false;
              this.announcing = true;
              try {
                (e.shiftKey ? previousDiagnostic : nextDiagnostic)(view);
              } finally {
                this.announcing = false;
              }
              this.announce();
              e.preventDefault();
              return true;
            },
            focus: () => {
              if (lastInput === "keyboard") this.hint.hidden = false;
            },
            blur: () => {
              this.hint.hidden = true;
              this.setStatus(null);
            },
            pointerdown: () => {
              this.hint.hidden = true;
            },
          }),
          keymap.of([
            indentWithTab,
            // Ctrl+Shift+M: every finding in CodeMirror's lint panel
            ...lintKeymap,
            ...defaultKeymap, ...historyKeymap,
          ]),
          theme,
          EditorView.lineWrapping,
          EditorView.contentAttributes.of({
            "aria-label": "Code editor", "aria-describedby": "editor-hint", spellcheck: "false", autocapitalize: "off", autocorrect: "off",
          }),
          updateListener,
        ],
      }),
    });
    this.view.setTabFocusMode(true);
    // what Tab does here, shown when the editor gets focus from the keyboard
    this.hint = div("editor-hint", { id: "editor-hint", "data-testid": "editor-hint" });
    this.hint.textContent = HINT_BEFORE;
    this.hint.hidden = true;
    // the finding F8 moved to, shown and announced (a live region: present
    // from the start, so screen readers hear what is written into it)
    this.status = div("editor-status", { role: "status", "aria-live": "polite", "data-testid": "editor-status" });
    parent.append(this.hint, this.status);
    // `code` in the tooltip's action buttons (fix titles), drawn as elements
    this.tooltips = new MutationObserver((records) => {
      for (const r of records) {
        for (const n of r.addedNodes) if (n.nodeType === 1 && n.classList.contains("cm-tooltip")) this.richActions(n);
      }
    });
    this.tooltips.observe(this.view.dom, { childList: true });
    this.flush = () => {
      clearTimeout(this.saveTimer);
      save(this.storageKey, this.view.state.doc.toString());
    };
    window.addEventListener("pagehide", this.flush);
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "hidden") this.flush();
    });
  }

  getText() {
    return this.view.state.doc.toString();
  }

  /** Replaces the whole text (a sample, a reset); undo brings the old text back. */
  setText(text) {
    this.view.dispatch({ changes: { from: 0, to: this.view.state.doc.length, insert: text } });
  }

  setLanguage(language) {
    this.view.dispatch({ effects: this.language.reconfigure(languages[language] || languages.dockerfile) });
  }

  setReadOnly(readOnly) {
    this.view.dispatch({ effects: this.readOnly.reconfigure(readOnlyExtensions(readOnly)) });
  }

  /**
   * @param {Array<{from:number,to:number,severity:string,message:string,rule:string,name:string,syntax_error:boolean,
   *   fix?:{applicability:string,title:string,edits:Array<{from:number,to:number,replacement:string}>}}>} list
   *   the page's finding payload (lint.rs); offsets in UTF-16 code units
   * @param {boolean} fixes  offer the findings' fixes as actions
   */
  setDiagnostics(list, fixes = this.fixes !== false) {
    const doc = this.view.state.doc;
    const len = doc.length;
    // the text the findings (and their fixes' offsets) belong to
    this.lintedDoc = doc;
    this.actionLabels.clear();
    const diagnostics = list.map((d) => {
      const from = Math.min(d.from, len);
      const to = Math.min(Math.max(d.to, from), len);
      const actions = [];
      if (fixes && d.fix) {
        const label = `Fix: ${d.fix.title}${d.fix.applicability === "unsafe" ? " (check it)" : ""}`;
        // the button's text (and the panel's access keys) without the marks
        const name = label.replaceAll("`", "");
        if (name !== label) this.actionLabels.set(name, label);
        actions.push({ name, apply: () => this.applyEdits(d.fix.edits, doc) });
      }
      if (!d.syntax_error) actions.push({ name: `Explain ${d.rule}`, apply: () => this.onExplain(d.rule) });
      return {
        from,
        to,
        severity: d.severity === "style" ? "hint" : d.severity,
        message: d.message,
        // `code` in the message as code elements, built as text
        renderMessage: () => rich(d.message),
        source: `${d.rule} ${d.name}`,
        actions,
        // kept for the F8 announcement
        finding: d,
      };
    });
    this.view.dispatch(setDiagnostics(this.view.state, diagnostics));
  }

  /**
   * Applies a fix's edits (UTF-16 offsets into the text they were computed
   * for) as one undoable change. Refused (false) when the text has changed
   * since: the next check brings fresh fixes.
   */
  applyEdits(edits, doc = this.lintedDoc) {
    if (!doc || this.view.state.doc !== doc || this.view.state.readOnly) return false;
    const changes = Array.from(edits, (e) => ({ from: e.from, to: e.to, insert: e.replacement }));
    this.view.dispatch({ changes, userEvent: "input.fix", scrollIntoView: true });
    return true;
  }

  /** Offer fixes as actions on the findings (from the next check on). */
  setFixes(on) {
    this.fixes = !!on;
  }

  /** Undoes the last change (a fix included), as Ctrl+Z does. */
  undo() {
    undo(this.view);
  }

  /** Replaces the text by `text` as one undoable change of the part that differs. */
  replaceText(text) {
    const old = this.view.state.doc.toString();
    if (old === text) return false;
    let start = 0;
    const max = Math.min(old.length, text.length);
    while (start < max && old.charCodeAt(start) === text.charCodeAt(start)) start++;
    let end = 0;
    while (end < max - start && old.charCodeAt(old.length - 1 - end) === text.charCodeAt(text.length - 1 - end)) end++;
    this.view.dispatch({ changes: { from: start, to: old.length - end, insert: text.slice(start, text.length - end) }, userEvent: "input.fix" });
    return true;
  }

  /** Draws a tooltip's fix buttons with their `code` marks as elements. */
  richActions(tooltip) {
    for (const b of tooltip.querySelectorAll(".cm-diagnosticAction")) {
      const label = this.actionLabels.get(b.textContent);
      if (label) b.replaceChildren(rich(label));
    }
  }

  /** Shows (and announces) a line under the editor; null clears it. */
  setStatus(content) {
    if (!this.status) return;
    if (content == null) {
      if (this.status.firstChild) this.status.replaceChildren();
      return;
    }
    this.status.replaceChildren(content);
  }

  /** Shows and announces the finding(s) on the selected span (after F8). */
  announce() {
    const { state } = this.view;
    const sel = state.selection.main;
    const here = [];
    forEachDiagnostic(state, (d, from, to) => {
      if (from === sel.from && to === sel.to) here.push(d);
    });
    if (!here.length) {
      this.setStatus(document.createTextNode("No findings to move to."));
      return;
    }
    const line = state.doc.lineAt(sel.from);
    const out = document.createDocumentFragment();
    here.forEach((d, i) => {
      const f = d.finding || {};
      const p = document.createElement("p");
      const where = document.createElement("strong");
      where.textContent = `Line ${line.number}, column ${sel.from - line.from + 1}: ${f.severity || d.severity} ${f.rule || ""}${f.name ? ` ${f.name}` : ""}. `;
      p.append(where, rich(d.message.charAt(0).toUpperCase() + d.message.slice(1)));
      if (i === here.length - 1) p.append(document.createTextNode(" (F8 next, Shift+F8 previous, Ctrl+Shift+M all findings)"));
      out.append(p);
    });
    this.setStatus(out);
  }

  /** Selects a range, scrolls it into view and focuses the editor. */
  reveal(from, to) {
    const len = this.view.state.doc.length;
    const anchor = Math.min(from, len);
    const head = Math.min(Math.max(to, anchor), len);
    this.view.dispatch({ selection: { anchor, head }, effects: EditorView.scrollIntoView(anchor, { y: "center" }) });
    this.view.focus();
  }

  focus() {
    this.view.focus();
  }

  destroy() {
    this.tooltips.disconnect();
    this.hint.remove();
    this.status.remove();
    this.flush();
    window.removeEventListener("pagehide", this.flush);
    this.view.destroy();
  }
}
/**
 * A second, small editor (the Policy tab's Rego): same look and keys as the
 * main one, its highlighting from `streamSpec` (a CodeMirror stream parser
 * the caller brings), errors shown as marks on their lines. Tab leaves it
 * (Esc, Tab after typing), as in the main editor.
 */
export class CodeEditor {
  constructor(parent, doc, streamSpec, label, onChange) {
    this.view = new EditorView({
      parent,
      state: EditorState.create({
        doc,
        extensions: [
          lineNumbers(),
          highlightActiveLineGutter(),
          history(),
          drawSelection(),
          indentOnInput(),
          bracketMatching(),
          activeLine,
          lintGutter(),
          syntaxHighlighting(highlight),
          StreamLanguage.define(streamSpec),
          keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
          EditorView.contentAttributes.of({ "aria-label": label }),
          EditorView.updateListener.of((u) => {
            if (u.docChanged) onChange(u.state.doc.toString());
          }),
          theme,
        ],
      }),
    });
    this.view.setTabFocusMode(true);
  }
  getText() {
    return this.view.state.doc.toString();
  }
  setText(text) {
    this.view.dispatch({ changes: { from: 0, to: this.view.state.doc.length, insert: text } });
  }
  /** Marks `[{line, column, message}]` (1-based) as errors. */
  setErrors(errors) {
    const doc = this.view.state.doc;
    const diagnostics = errors.filter((e) => e.line >= 1 && e.line <= doc.lines).map((e) => {
      const line = doc.line(e.line);
      const from = Math.min(line.from + Math.max(0, (e.column || 1) - 1), line.to);
      return { from, to: Math.max(from, line.to), severity: "error", message: e.message };
    });
    this.view.dispatch(setDiagnostics(this.view.state, diagnostics));
  }
  destroy() {
    this.view.destroy();
  }
}

export * from "./share.js";
