// DOM helpers shared by the lazily loaded views (Practice, Harden, Build,
// Policy; each bundles its own copy, see web/build/bundle.mjs). Every text
// goes in as a text node: nothing pasted or generated becomes HTML.

export const SVG_NS = "http://www.w3.org/2000/svg";

/** An element with attributes (`on...` are listeners; true: present, false or null: left out) and children. */
export function el(tag, attrs = {}, ...children) {
  return fill(document.createElement(tag), attrs, children);
}

/** The same, in the SVG namespace. */
export function svg(tag, attrs = {}, ...children) {
  return fill(document.createElementNS(SVG_NS, tag), attrs, children);
}

function fill(e, attrs, children) {
  for (const [k, v] of Object.entries(attrs)) {
    if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else if (v === true) e.setAttribute(k, "");
    else if (v !== false && v != null) e.setAttribute(k, String(v));
  }
  for (const c of children.flat(Infinity)) {
    if (c == null || c === false) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

/** Text where `backticks` mark code, as DOM nodes. */
export function rich(text) {
  return String(text).split("`").map((part, i) => (i % 2 ? el("code", {}, part) : document.createTextNode(part)));
}
