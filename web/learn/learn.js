// Practice: interview questions and spot-the-problem challenges. Loaded only
// when the Practice tab is first opened (a separate file, so it costs nothing
// at first load). Scoring and the kinds' names come from the app's core,
// passed in as `core` ({score, explain, kinds}): this file only draws.
// Everything is built with textContent: no text is ever parsed as HTML.
import questions from "./interview.json";
import challenges from "./challenges.json";

const GRADES_KEY = "dockwise.interview.v1";
const SCORES_KEY = "dockwise.challenges.v1";
const FIXED_KEY = "dockwise.fixed.v1";
const LEVELS = ["easy", "medium", "hard"];

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else if (v === true) e.setAttribute(k, "");
    else if (v !== false && v != null) e.setAttribute(k, String(v));
  }
  for (const c of children.flat()) {
    if (c == null || c === false) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

/** Text where `backticks` mark code, as DOM nodes. */
function rich(text) {
  return String(text).split("`").map((part, i) => (i % 2 ? el("code", {}, part) : document.createTextNode(part)));
}

function load(key) {
  try {
    return JSON.parse(localStorage.getItem(key) || "{}") || {};
  } catch (e) {
    return {};
  }
}

function store(key, value) {
  try {
    localStorage.setItem(key, JSON.stringify(value));
  } catch (e) { /* storage blocked: progress lasts for this visit */ }
}

export function mount(root, core) {
  root.replaceChildren();
  const body = el("div", { class: "practice-body" });
  const tabs = el("div", { class: "practice-tabs", role: "tablist", "aria-label": "Practice" });
  const views = { interview: () => interview(body), challenges: () => challengeList(body, core) };
  for (const [id, label] of [["interview", "Interview questions"], ["challenges", "Spot the problem"]]) {
    tabs.append(el("button", {
      class: "small", role: "tab", "data-testid": `practice-${id}`,
      onclick: (e) => {
        tabs.querySelectorAll("button").forEach((b) => b.setAttribute("aria-selected", String(b === e.currentTarget)));
        views[id]();
      },
    }, label));
  }
  root.append(tabs, body);
  tabs.querySelector("button").click();
}

// ---- interview practice ----

function interview(body) {
  const grades = load(GRADES_KEY);
  const done = Object.keys(grades).length;
  body.replaceChildren(
    el("p", { class: "practice-intro" },
      "Say or write your answer first, then reveal what a strong answer covers and grade yourself. ",
      el("span", { "data-testid": "interview-progress" }, `${done} of ${questions.length} graded.`)),
  );
  const list = el("ol", { class: "interview-list" });
  for (const q of questions) list.append(question(q, grades, body));
  body.append(list);
  if (done) {
    body.append(el("button", { class: "link", "data-testid": "reset-interview", onclick: () => { store(GRADES_KEY, {}); interview(body); } }, "Reset grades"));
  }
}

function question(q, grades, body) {
  const item = el("li", { class: "interview-q", "data-question": q.id });
  const answer = el("textarea", { rows: 3, "aria-label": `Your answer: ${q.question}`, placeholder: "Your answer (kept only on this page)" });
  const reveal = el("div", { class: "reveal", hidden: true },
    el("h4", {}, "A strong answer"),
    el("ul", { class: "strong" }, q.strong.map((s) => el("li", {}, rich(s)))),
    el("h4", {}, "Red flags"),
    el("ul", { class: "red-flags" }, q.red_flags.map((s) => el("li", {}, rich(s)))),
    el("p", { class: "related" }, "Rules: ", q.rules.join(", ")),
    el("div", { class: "grade", role: "group", "aria-label": "Grade yourself" },
      ["strong", "partial", "missed"].map((g) => el("button", {
        class: "small" + (grades[q.id] === g ? " chosen" : ""), "aria-pressed": String(grades[q.id] === g), "data-grade": g,
        onclick: () => { grades[q.id] = g; store(GRADES_KEY, grades); interview(body); },
      }, { strong: "I had it", partial: "Partly", missed: "Missed it" }[g]))),
  );
  const toggle = el("button", {
    class: "small", "aria-expanded": "false", "data-testid": "reveal",
    onclick: (e) => {
      reveal.hidden = !reveal.hidden;
      e.currentTarget.setAttribute("aria-expanded", String(!reveal.hidden));
      e.currentTarget.textContent = reveal.hidden ? "Reveal" : "Hide";
    },
  }, "Reveal");
  item.append(
    el("p", { class: "topic" }, rich(q.topic), grades[q.id] ? el("span", { class: `grade-tag ${grades[q.id]}` }, ` · ${grades[q.id]}`) : null),
    el("p", { class: "question" }, rich(q.question)),
    answer, toggle, reveal,
  );
  return item;
}

// ---- spot-the-problem challenges ----

function challengeList(body, core) {
  const scores = load(SCORES_KEY);
  const fixed = load(FIXED_KEY);
  body.replaceChildren(el("p", { class: "practice-intro" },
    "Spot the problem: mark the lines you think are wrong, and the checker scores you. Fix until clean: edit the file until the checker is quiet, with hints if you need them."));
  for (const [kind, label] of Object.entries(core.kinds)) {
    const list = el("ul", { class: "challenge-list" });
    for (const c of challenges.filter((c) => c.kind === kind).sort((a, b) => LEVELS.indexOf(a.level) - LEVELS.indexOf(b.level))) {
      const best = scores[c.id];
      const done = fixed[c.id];
      list.append(el("li", {},
        el("button", { class: "challenge-open", "data-challenge": c.id, onclick: () => challenge(body, c, core) },
          el("span", { class: `level ${c.level}` }, c.level), " ", c.title,
          best ? el("span", { class: "best" }, ` · best ${best.found}/${best.total}, ${best.false} false`) : null),
        " ",
        el("button", { class: "link fix-mode", "data-fix-challenge": c.id, onclick: () => fixUntilClean(body, c, core) }, "fix until clean",
          done ? el("span", { class: "best" }, ` · done with ${done.hints} hint${done.hints === 1 ? "" : "s"}`) : null)));
    }
    body.append(el("h3", {}, label), list);
  }
}

function challenge(body, c, core) {
  const lines = c.text.replace(/\n$/, "").split("\n");
  const marked = new Set();
  const result = el("div", { class: "challenge-result", role: "status" });
  const rows = lines.map((text, i) => {
    const n = i + 1;
    return el("button", {
      class: "line-toggle", "aria-pressed": "false", "data-line": n, "aria-label": `Line ${n}: ${text || "(empty)"}`,
      onclick: (e) => {
        if (marked.has(n)) marked.delete(n); else marked.add(n);
        e.currentTarget.setAttribute("aria-pressed", String(marked.has(n)));
      },
    }, el("span", { class: "ln" }, String(n)), el("code", {}, text || " "));
  });
  const check = el("button", {
    class: "small primary", "data-testid": "check-challenge",
    onclick: async () => {
      let answer;
      try {
        answer = await core.score(c.text, c.kind, c.rules, [...marked]);
      } catch (e) {
        result.replaceChildren(el("p", { class: "import-error", role: "alert" }, `The checker could not score this: ${e.message}`));
        return;
      }
      const { found, missed, falseAlarms, problems } = answer;
      rows.forEach((r, i) => {
        const n = i + 1;
        r.classList.toggle("found", found.includes(n));
        r.classList.toggle("missed", missed.includes(n));
        r.classList.toggle("false-alarm", falseAlarms.includes(n));
      });
      const scores = load(SCORES_KEY);
      const prev = scores[c.id];
      const now = { found: found.length, total: problems.length, false: falseAlarms.length };
      if (!prev || now.found - now.false > prev.found - prev.false) {
        scores[c.id] = now;
        store(SCORES_KEY, scores);
      }
      result.replaceChildren(
        el("p", { class: "score", "data-testid": "challenge-score" },
          `Found ${found.length} of ${problems.length} · missed ${missed.length} · false alarms ${falseAlarms.length}`),
        el("ul", { class: "explanations" }, problems.map(({ line, findings }) =>
          el("li", { class: found.includes(line) ? "found" : "missed" },
            el("strong", {}, `Line ${line} (${found.includes(line) ? "found" : "missed"}): `),
            findings.map((f) => el("span", {}, rich(f.message.charAt(0).toUpperCase() + f.message.slice(1)), " ",
              el("button", { class: "link", onclick: () => core.explain(f.rule) }, `${f.rule}: learn why`), " "))))),
        falseAlarms.length ? el("p", { class: "false-alarms" }, `Not a problem for the checker: line${falseAlarms.length > 1 ? "s" : ""} ${falseAlarms.join(", ")}.`) : null,
      );
    },
  }, "Check my answer");
  body.replaceChildren(
    el("button", { class: "link", onclick: () => challengeList(body, core) }, "← All challenges"),
    el("h3", {}, c.title, " ", el("span", { class: `level ${c.level}` }, c.level), " ", el("span", { class: "kind" }, core.kinds[c.kind])),
    el("p", {}, rich(c.intro)),
    el("div", { class: "challenge-lines", role: "group", "aria-label": "Lines of the file: press to mark" }, rows),
    check, result,
  );
  rows[0]?.focus();
}

// ---- fix until clean: edit the challenge's file until its rules are quiet ----

/** The lines a fix changes, before and after (its edits are UTF-16 offsets into `text`). */
function fixedLines(text, edits) {
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
  return { before: text.slice(start, end).split("\n"), after: after.split("\n") };
}

function fixUntilClean(body, c, core) {
  let hints = 0;
  const area = el("textarea", {
    class: "fix-text", rows: String(Math.min(24, c.text.split("\n").length + 2)), spellcheck: "false",
    "aria-label": `The file of "${c.title}": edit it until the checker is quiet`, "data-testid": "fix-text",
  });
  area.value = c.text;
  const status = el("div", { class: "challenge-result", role: "status", "data-testid": "fix-status" });
  let last = null;
  const check = async () => {
    let answer;
    try {
      answer = await core.check(area.value, { kind: c.kind, rules: c.rules });
    } catch (e) {
      status.replaceChildren(el("p", { class: "import-error", role: "alert" }, `The checker could not check this: ${e.message}`));
      return;
    }
    last = answer;
    const broken = answer.findings.filter((f) => f.syntax_error);
    const left = answer.findings.filter((f) => !f.syntax_error);
    if (!broken.length && !left.length) {
      const fixed = load(FIXED_KEY);
      if (!fixed[c.id] || hints < fixed[c.id].hints) {
        fixed[c.id] = { hints };
        store(FIXED_KEY, fixed);
      }
      status.replaceChildren(el("p", { class: "score good", "data-testid": "fix-score" },
        `Clean: the checker finds none of this challenge's problems. Hints used: ${hints}.`));
      return;
    }
    status.replaceChildren(
      el("p", { class: "score", "data-testid": "fix-score" },
        broken.length ? "The file no longer parses: " : `${left.length} problem${left.length > 1 ? "s" : ""} left. Hints used: ${hints}.`),
      el("ul", { class: "explanations" }, [...broken, ...left].map((f) =>
        el("li", {}, el("strong", {}, `Line ${f.line}: `), rich(f.message.charAt(0).toUpperCase() + f.message.slice(1)), " ",
          f.syntax_error ? null : el("button", { class: "link", onclick: () => core.explain(f.rule) }, `${f.rule}: learn why`)))),
    );
  };
  const hint = el("button", {
    class: "small", "data-testid": "fix-hint",
    onclick: async () => {
      if (!last) await check();
      const f = last && last.findings.find((x) => x.fix);
      if (!f) {
        status.append(el("p", { class: "note" }, "No hint for what is left: the remaining problems need a decision only you can make (read their cards)."));
        return;
      }
      hints++;
      const { before, after } = fixedLines(area.value, f.fix.edits);
      status.append(el("div", { class: "hint", "data-testid": "fix-hint-shown" },
        el("p", {}, el("strong", {}, `Hint (${f.rule}): `), rich(f.fix.title), f.fix.applicability === "unsafe" ? " (this one changes behaviour)" : ""),
        el("pre", { class: "diff" }, before.map((l) => el("span", { class: "del" }, `- ${l}\n`)), after.map((l) => el("span", { class: "ins" }, `+ ${l}\n`)))));
    },
  }, "Show a hint");
  body.replaceChildren(
    el("button", { class: "link", onclick: () => challengeList(body, core) }, "← All challenges"),
    el("h3", {}, c.title, " ", el("span", { class: `level ${c.level}` }, c.level), " ", el("span", { class: "kind" }, core.kinds[c.kind]), " · fix until clean"),
    el("p", {}, rich(c.intro), " Edit the file until the checker finds none of these problems; a hint shows one fix and counts in your score."),
    area,
    el("div", { class: "fix-actions" }, el("button", { class: "small primary", "data-testid": "fix-check", onclick: check }, "Check the file"), " ", hint),
    status,
  );
  area.focus();
}
