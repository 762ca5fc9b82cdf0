// Practice: interview questions and spot-the-problem challenges. Loaded only
// when the Practice tab is first opened (a separate file, so it costs nothing
// at first load). Scoring and the kinds' names come from the app's core,
// passed in as `core` ({score, explain, kinds}): this file only draws.
// Everything is built with textContent: no text is ever parsed as HTML.
import questions from "./interview.json";
import challenges from "./challenges.json";
import bank from "./questions.json";
import topics from "./topics.json";
// the lines a fix changes, before and after: the same helper the Harden view uses
import { hunk } from "../harden/harden.js";
import { el, rich } from "../dom.js";

const GRADES_KEY = "dockwise.interview.v1";
const SCORES_KEY = "dockwise.challenges.v1";
const FIXED_KEY = "dockwise.fixed.v1";
const BANK_KEY = "dockwise.questions.v1";
const LEVELS = ["easy", "medium", "hard"];

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

/**
 * One tab stop for a group of buttons: the arrow keys named in `keys`
 * (plus Home and End) move focus between them; `activate` also clicks the
 * button moved to (tabs select as they get focus; quiz choices do not answer).
 */
function roving(buttons, keys, activate = false) {
  const set = (to) => buttons.forEach((b, i) => b.setAttribute("tabindex", i === to ? "0" : "-1"));
  buttons.forEach((b, i) => b.addEventListener("keydown", (e) => {
    const n = buttons.length;
    const to = keys.next.includes(e.key) ? (i + 1) % n
      : keys.prev.includes(e.key) ? (i + n - 1) % n
        : e.key === "Home" ? 0 : e.key === "End" ? n - 1 : -1;
    if (to < 0) return;
    e.preventDefault();
    set(to);
    buttons[to].focus();
    if (activate) buttons[to].click();
  }));
  buttons.forEach((b) => b.addEventListener("click", () => set(buttons.indexOf(b))));
  set(0);
}
const TAB_KEYS = { next: ["ArrowRight"], prev: ["ArrowLeft"] };
const RADIO_KEYS = { next: ["ArrowRight", "ArrowDown"], prev: ["ArrowLeft", "ArrowUp"] };

export function mount(root, core) {
  root.replaceChildren();
  const body = el("div", { class: "practice-body", role: "tabpanel", id: "practice-panel" });
  const tabs = el("div", { class: "practice-tabs", role: "tablist", "aria-label": "Practice" });
  const views = {
    topics: () => topicList(body),
    interview: () => interview(body),
    challenges: () => challengeList(body, core),
  };
  const buttons = [];
  for (const [id, label] of [["topics", "Lesson questions"], ["interview", "Interview questions"], ["challenges", "Spot the problem"]]) {
    buttons.push(el("button", {
      class: "small", role: "tab", id: `practice-tab-${id}`, "aria-controls": "practice-panel", "data-testid": `practice-${id}`,
      onclick: (e) => {
        buttons.forEach((b) => b.setAttribute("aria-selected", String(b === e.currentTarget)));
        body.setAttribute("aria-labelledby", e.currentTarget.id);
        views[id]();
      },
    }, label));
  }
  tabs.append(...buttons);
  roving(buttons, TAB_KEYS, true);
  root.append(tabs, body);
  buttons[0].click();
}

// ---- lesson questions: the question bank, by topic ----

/** A fresh order for `n` items each time a question is shown. */
function shuffled(n) {
  const order = [...Array(n).keys()];
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

function topicList(body) {
  const done = load(BANK_KEY);
  const right = bank.filter((q) => done[q.id] === true).length;
  body.replaceChildren(el("p", { class: "practice-intro" },
    "Questions on each topic of the lessons, in several forms: pick one, pick all that apply, find the line, put lines in order, predict what happens. ",
    el("span", { "data-testid": "bank-progress" }, `${right} of ${bank.length} answered right.`)));
  const list = el("ul", { class: "topic-list" });
  for (const t of topics) {
    const qs = bank.filter((q) => q.topic === t.id);
    if (!qs.length) continue;
    const ok = qs.filter((q) => done[q.id] === true).length;
    list.append(el("li", {},
      el("button", { class: "challenge-open", "data-topic": t.id, onclick: () => topicView(body, t) }, rich(t.title)),
      el("span", { class: "best" }, ` · ${ok}/${qs.length}`)));
  }
  body.append(list);
  if (Object.keys(done).length) {
    body.append(el("button", { class: "link", "data-testid": "reset-bank", onclick: () => { store(BANK_KEY, {}); topicList(body); } }, "Reset answers"));
  }
}

function topicView(body, t) {
  const qs = bank.filter((q) => q.topic === t.id);
  body.replaceChildren(
    el("button", { class: "link", onclick: () => topicList(body) }, "← All topics"),
    el("h3", {}, rich(t.title)),
    el("p", { class: "practice-intro" }, rich(t.lesson)),
    el("ol", { class: "bank" }, qs.map((q) => el("li", { class: "bank-q", "data-question": q.id, "data-form": q.form }, bankQuestion(q)))),
  );
}

/** Records the first answer to a question (a later try does not change it). */
function record(q, right) {
  const done = load(BANK_KEY);
  if (!(q.id in done)) {
    done[q.id] = right;
    store(BANK_KEY, done);
  }
}

function verdict(right, text) {
  return el("div", { class: `feedback ${right ? "right" : "wrong"}`, role: "status", "data-testid": "bank-feedback" },
    el("strong", {}, right ? "Correct. " : "Not quite. "), rich(text));
}

function sourceLink(q) {
  return el("p", { class: "bank-source" }, "Source: ",
    el("a", { href: q.source.url, target: "_blank", rel: "noopener noreferrer" }, q.source.title));
}

const FORM_LABEL = { single: "Pick one", predict: "Predict what happens", multi: "Pick all that apply", line: "Which line is the problem?", order: "Put these in order" };

function bankQuestion(q) {
  const out = el("div", { class: "bank-body" });
  const result = el("div", { class: "bank-result" });
  const qid = `bq-${q.id}`;
  out.append(el("p", { class: "form-label" }, FORM_LABEL[q.form]), el("p", { class: "question", id: qid }, rich(q.question)));
  if (q.form === "single" || q.form === "predict") {
    const group = el("div", { class: "choices", role: "radiogroup", "aria-labelledby": qid });
    const buttons = shuffled(q.choices.length).map((i, place) => {
      const c = q.choices[i];
      return el("button", {
        class: "choice", role: "radio", "aria-checked": "false", "data-correct": String(c.correct),
        onclick: (e) => {
          group.querySelectorAll(".choice").forEach((b) => { b.setAttribute("aria-checked", "false"); b.classList.remove("right", "wrong"); });
          e.currentTarget.setAttribute("aria-checked", "true");
          e.currentTarget.classList.add(c.correct ? "right" : "wrong");
          record(q, c.correct);
          result.replaceChildren(verdict(c.correct, c.feedback), sourceLink(q));
        },
      }, el("span", { class: "choice-letter", "aria-hidden": "true" }, String.fromCharCode(65 + place)), el("span", {}, rich(c.text)));
    });
    group.append(...buttons);
    roving(buttons, RADIO_KEYS);
    out.append(group);
  } else if (q.form === "multi") {
    const order = shuffled(q.choices.length);
    const boxes = order.map((i) => {
      const input = el("input", { type: "checkbox", "data-correct": String(q.choices[i].correct) });
      return { i, input, row: el("label", { class: "multi-choice" }, input, " ", el("span", {}, rich(q.choices[i].text))) };
    });
    out.append(el("div", { class: "choices multi", role: "group", "aria-labelledby": qid }, boxes.map((b) => b.row)));
    out.append(el("button", {
      class: "small primary", "data-testid": "bank-check",
      onclick: () => {
        const right = boxes.every((b) => b.input.checked === q.choices[b.i].correct);
        record(q, right);
        result.replaceChildren(verdict(right, right ? "You picked exactly the right ones." : "Compare your picks with the notes below."),
          el("ul", { class: "multi-notes" }, boxes.map((b) => {
            const c = q.choices[b.i];
            return el("li", { class: c.correct ? "found" : "missed" },
              el("strong", {}, c.correct ? "Applies: " : "Does not apply: "), rich(c.text), " — ", rich(c.feedback));
          })), sourceLink(q));
      },
    }, "Check"));
  } else if (q.form === "line") {
    const marked = new Set();
    const rows = q.text.replace(/\n$/, "").split("\n").map((text, i) => el("button", {
      class: "line-toggle", "aria-pressed": "false", "data-line": i + 1, "aria-label": `Line ${i + 1}: ${text || "(empty)"}`,
      onclick: (e) => {
        const n = i + 1;
        if (marked.has(n)) marked.delete(n); else marked.add(n);
        e.currentTarget.setAttribute("aria-pressed", String(marked.has(n)));
      },
    }, el("span", { class: "ln" }, String(i + 1)), el("code", {}, text || " ")));
    out.append(el("div", { class: "challenge-lines", role: "group", "aria-labelledby": qid }, rows));
    out.append(el("button", {
      class: "small primary", "data-testid": "bank-check",
      onclick: () => {
        const want = new Set(q.lines);
        const right = marked.size === want.size && [...marked].every((n) => want.has(n));
        rows.forEach((r, i) => {
          r.classList.toggle("found", want.has(i + 1));
          r.classList.toggle("false-alarm", marked.has(i + 1) && !want.has(i + 1));
        });
        record(q, right);
        result.replaceChildren(verdict(right, `Line${q.lines.length > 1 ? "s" : ""} ${q.lines.join(", ")} (${q.rule}). ${q.explain}`), sourceLink(q));
      },
    }, "Check"));
  } else if (q.form === "order") {
    let order = shuffled(q.items.length);
    if (order.every((v, i) => v === i)) order = order.reverse();
    const list = el("ol", { class: "order-list", "aria-labelledby": qid });
    const draw = (focus) => {
      list.replaceChildren(...order.map((i, place) => el("li", { class: "order-item", "data-item": i },
        el("code", {}, q.items[i]),
        el("span", { class: "order-moves" },
          el("button", { class: "small", "aria-label": `Move up: ${q.items[i]}`, disabled: place === 0, onclick: () => move(place, -1) }, "↑"),
          el("button", { class: "small", "aria-label": `Move down: ${q.items[i]}`, disabled: place === order.length - 1, onclick: () => move(place, 1) }, "↓")))));
      if (focus != null) list.querySelectorAll(".order-item")[focus.place]?.querySelectorAll("button")[focus.dir < 0 ? 0 : 1]?.focus();
    };
    const move = (place, dir) => {
      const to = place + dir;
      [order[place], order[to]] = [order[to], order[place]];
      draw({ place: to, dir });
    };
    draw();
    out.append(list, el("button", {
      class: "small primary", "data-testid": "bank-check",
      onclick: () => {
        const right = order.every((v, i) => v === i);
        record(q, right);
        result.replaceChildren(verdict(right, q.explain),
          right ? null : el("ol", { class: "order-answer" }, q.items.map((t) => el("li", {}, el("code", {}, t)))), sourceLink(q));
      },
    }, "Check"));
  }
  out.append(result);
  return out;
}

// ---- interview practice ----

// Grading changes the page in place: what the learner typed, the answers
// revealed and the focus all stay where they are.
function interview(body) {
  const grades = load(GRADES_KEY);
  const progress = el("span", { "data-testid": "interview-progress" });
  const items = [];
  const reset = el("button", {
    class: "link", "data-testid": "reset-interview",
    onclick: () => {
      for (const k of Object.keys(grades)) delete grades[k];
      store(GRADES_KEY, grades);
      items.forEach((it) => it.show(null));
      update();
    },
  }, "Reset grades");
  const update = () => {
    const done = Object.keys(grades).length;
    progress.textContent = `${done} of ${questions.length} graded.`;
    reset.hidden = !done;
  };
  const grade = (id, g) => {
    grades[id] = g;
    store(GRADES_KEY, grades);
    update();
  };
  const list = el("ol", { class: "interview-list" });
  for (const q of questions) {
    const it = question(q, grades[q.id], grade);
    items.push(it);
    list.append(it.item);
  }
  body.replaceChildren(
    el("p", { class: "practice-intro" },
      "Say or write your answer first, then reveal what a strong answer covers and grade yourself. ", progress),
    list, reset);
  update();
}

const GRADE_LABEL = { strong: "I had it", partial: "Partly", missed: "Missed it" };

function question(q, graded, onGrade) {
  const item = el("li", { class: "interview-q", "data-question": q.id });
  const answer = el("textarea", { rows: 3, "aria-label": `Your answer: ${q.question}`, placeholder: "Your answer (kept only on this page)" });
  const tag = el("span", { class: "grade-tag" });
  const buttons = ["strong", "partial", "missed"].map((g) => el("button", {
    class: "small", "data-grade": g,
    onclick: () => {
      show(g);
      onGrade(q.id, g);
    },
  }, GRADE_LABEL[g]));
  // the grade shown on the buttons and beside the topic
  const show = (g) => {
    buttons.forEach((b) => {
      const on = b.dataset.grade === g;
      b.classList.toggle("chosen", on);
      b.setAttribute("aria-pressed", String(on));
    });
    tag.className = `grade-tag${g ? ` ${g}` : ""}`;
    tag.textContent = g ? ` · ${g}` : "";
  };
  const reveal = el("div", { class: "reveal", hidden: true },
    el("h4", {}, "A strong answer"),
    el("ul", { class: "strong" }, q.strong.map((s) => el("li", {}, rich(s)))),
    el("h4", {}, "Red flags"),
    el("ul", { class: "red-flags" }, q.red_flags.map((s) => el("li", {}, rich(s)))),
    el("p", { class: "related" }, "Rules: ", q.rules.join(", ")),
    el("div", { class: "grade", role: "group", "aria-label": "Grade yourself" }, buttons),
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
    el("p", { class: "topic" }, rich(q.topic), tag),
    el("p", { class: "question" }, rich(q.question)),
    answer, toggle, reveal,
  );
  show(graded || null);
  return { item, show };
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
      const { found, missed, falseAlarms, problems, also } = answer;
      const caught = also.map((p) => p.line);
      rows.forEach((r, i) => {
        const n = i + 1;
        r.classList.toggle("found", found.includes(n) || caught.includes(n));
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
          `Found ${found.length} of ${problems.length} · missed ${missed.length} · false alarms ${falseAlarms.length}`,
          caught.length ? ` · also caught ${caught.length}` : ""),
        el("ul", { class: "explanations" },
          problems.map(({ line, findings }) => explanation(line, found.includes(line) ? "found" : "missed", findings, core)),
          also.map(({ line, findings }) => explanation(line, "also a real problem, not scored here", findings, core))),
        falseAlarms.length ? el("p", { class: "false-alarms" }, `Not a problem for the checker: line${falseAlarms.length > 1 ? "s" : ""} ${falseAlarms.join(", ")}.`) : null,
      );
    },
  }, "Check my answer");
  body.replaceChildren(
    el("button", { class: "link", onclick: () => challengeList(body, core) }, "← All challenges"),
    el("h3", {}, c.title, " ", el("span", { class: `level ${c.level}` }, c.level), " ", el("span", { class: "kind" }, core.kinds[c.kind])),
    el("p", {}, rich(c.intro)),
    el("p", { class: "scored", "data-testid": "challenge-scored" }, "Scored: ", rich(c.scored),
      ". A line another rule flags counts as a good catch, never as a false alarm."),
    el("div", { class: "challenge-lines", role: "group", "aria-label": "Lines of the file: press to mark" }, rows),
    check, result,
  );
  rows[0]?.focus();
}

/** One line of a challenge's result: what the checker says about it. */
function explanation(line, verdict, findings, core) {
  return el("li", { class: verdict === "missed" ? "missed" : "found" },
    el("strong", {}, `Line ${line} (${verdict}): `),
    findings.map((f) => el("span", {}, rich(f.message.charAt(0).toUpperCase() + f.message.slice(1)), " ",
      el("button", { class: "link", onclick: () => core.explain(f.rule) }, `${f.rule}: learn why`), " ")));
}

// ---- fix until clean: edit the challenge's file until its rules are quiet ----


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
      const { before, after } = hunk(area.value, f.fix.edits);
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
