#!/usr/bin/env python3
"""Agreement with compose-lint, measured.

Installs compose-lint from PyPI (pinned) into ./.venv, runs it and Dockwise
over ../shared/corpus/compose and over tests/parity/compose_lint_cases (the
concerns of compose-lint's own test fixtures, rebuilt in our words), and
compares findings per (file, service, compose-lint rule): a Dockwise rule
answers a compose-lint rule when the compose-lint id (`CL-0005`) is one of its
aliases. A Dockwise rule with several compose-lint aliases (DW2010 answers
CL-0008 for the host network and CL-0010 for the other namespaces) is
resolved by what its message names. Both sides count at most one finding per
(file, service, rule): compose-lint reports some concerns once per service
and Dockwise once per place, and the question is whether the service has the
problem. Dockwise's rules that are off by default are switched on. Files
compose-lint cannot lint (invalid YAML, no services) are left out.

A folder under tests/parity/compose_lint_cases holds a compose.yml with a
compose.override.yml and a .env beside it: there both tools merge the
override and read the .env, and a finding counts for the file it is in.

The deliberate differences (docs/compose-lint-differences.md) are listed
and not counted. Prints agreement overall and per rule, and the
disagreements; exits 1 below the bar.

Usage: tests/parity/compose_lint_parity.py [--dockwise PATH] [--corpus DIR] [--show N] [--no-cases]
"""
import argparse
import collections
import json
import os
import re
import subprocess
import sys
import venv

yaml = None  # PyYAML, imported once compose-lint (which brings it) is installed

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
COMPOSE_LINT_VERSION = "0.36.2"
BAR = 0.95
CASES = os.path.join(ROOT, "tests", "parity", "compose_lint_cases")


def ensure_compose_lint():
    env_dir = os.path.join(ROOT, ".venv")
    exe = os.path.join(env_dir, "bin", "compose-lint")
    try:
        if COMPOSE_LINT_VERSION in subprocess.run([exe, "--version"], capture_output=True, text=True).stdout:
            return exe
    except OSError:
        pass
    if not os.path.exists(os.path.join(env_dir, "bin", "pip")):
        venv.create(env_dir, with_pip=True)
    subprocess.run([os.path.join(env_dir, "bin", "pip"), "install", "-q", f"compose-lint=={COMPOSE_LINT_VERSION}"], check=True)
    return exe


def shared_dir():
    return os.environ.get("DOCKWISE_SHARED", os.path.join(ROOT, "..", "shared"))


def service_of_line(lines, line):
    """The service name on a `  name:` line (Dockwise anchors service findings there)."""
    if not line:
        return ""
    m = re.match(r"^\s+[\"']?([^\"':]+)[\"']?\s*:", lines[line - 1])
    return m.group(1) if m else ""


# Where one Dockwise rule answers several compose-lint rules, which one a
# finding answers, by the words of its message (first match wins).
BY_MESSAGE = {
    "DW2010": [(r"host's network", "CL-0008"), (r".", "CL-0010")],
    "DW2011": [
        (r"\(host code execution\)", "CL-0024"),
        (r"\(host-wide kernel control\)", "CL-0011"),
        (r"\(reach into the host", "CL-0028"),
        (r"\(host availability", "CL-0029"),
        (r"\(host disclosure", "CL-0030"),
        (r"\(reading other processes", "CL-0027"),
    ],
}


def cl_rule(finding, aliases):
    """The compose-lint rule a Dockwise finding answers, if any."""
    ids = [a for a in aliases.get(finding["rule"], []) if re.fullmatch(r"CL-\d{4}", a)]
    if len(ids) <= 1:
        return ids[0] if ids else None
    for pattern, rule in BY_MESSAGE.get(finding["rule"], []):
        if re.search(pattern, finding["message"]) and rule in ids:
            return rule
    return None


def services_of(path):
    """The file's services as YAML reads them (anchors and merge keys resolved)."""
    try:
        data = yaml.safe_load(open(path, encoding="utf-8"))
    except yaml.YAMLError:
        return {}
    services = data.get("services") if isinstance(data, dict) else None
    return services if isinstance(services, dict) else {}


def service_key_lines(lines):
    """Line number (1-based) of each service's key, from the text."""
    keys, indent, inside = {}, None, False
    for i, line in enumerate(lines, 1):
        if re.match(r"^services\s*:", line):
            inside = True
            continue
        if not inside or not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line.startswith((" ", "\t")):
            break
        depth = len(line) - len(line.lstrip())
        indent = depth if indent is None else indent
        m = re.match(r"^\s+[\"']?([^\"':#]+)[\"']?\s*:", line)
        if depth == indent and m:
            keys[m.group(1).strip()] = i
    return keys


def owner(keys, line):
    """The service whose body holds `line` (the last key at or above it)."""
    best = None
    for name, at in keys.items():
        if at <= line and (best is None or at > keys[best]):
            best = name
    return best


NO_DEFAULT = re.compile(r"\$\{[A-Za-z_][A-Za-z0-9_]*(:?[?+][^}]*)?\}|\$[A-Za-z_][A-Za-z0-9_]*")


def deliberate(f, services, keys):
    """compose-lint findings Dockwise does not repeat on purpose (docs/compose-lint-differences.md)."""
    service = services.get(f.get("service")) or {}
    rule, line = f["rule_id"], f.get("line")
    # a value written once under an anchor and merged into several services
    # (`<<: *base`) is one finding, where it is written
    if line and keys and f.get("service") in keys and owner(keys, line) not in (None, f["service"]):
        return "inherited through a YAML merge key: reported once, where it is written"
    if rule == "CL-0004" and isinstance(service, dict):
        if "build" in service:
            return "image built by the service (its name is what is built, not pulled)"
        # (compose-lint's message shows the image after .env and defaults: a `$` is still undecided)
        if NO_DEFAULT.search(str(service.get("image", ""))) and re.search(r"Image '[^']*\$", f["message"]):
            return "image chosen by a variable without a default"
    if rule == "CL-0026" and "no memory limit" not in f["message"]:
        return "memory limited, CPU not (DW2004 asks for the memory limit)"
    if rule == "CL-0005" and re.match(r"Port '(0\.0\.0\.0|\[::\]):", f["message"]):
        return "an explicit 0.0.0.0 or [::] host address is a written decision (DW2018)"
    if rule == "CL-0005" and isinstance(service, dict):
        ports = [p for p in service.get("ports") or [] if isinstance(p, dict) and str(p.get("host_ip")) in ("0.0.0.0", "::")]
        published = re.search(r"Port '(\d+):", f["message"])
        if published and any(str(p.get("published")) == published.group(1) for p in ports):
            return "an explicit 0.0.0.0 or [::] host address is a written decision (DW2018)"
    return None


def deliberate_ours(f, rule):
    """Dockwise findings compose-lint does not make, on purpose (docs/compose-lint-differences.md)."""
    if rule == "CL-0010" and re.search(r"\((`uts: host`|`userns_mode: host`)\)", f["message"]):
        return "uts: host and userns_mode: host are host namespaces too (DW2010)"
    if rule == "CL-0013" and re.search(r"`(/usr|/lib|/lib/modules)` read-only", f["message"]):
        return "read-only /usr, /lib, /lib/modules: host system directories CIS lists (DW2032)"
    return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dockwise", default=os.environ.get("DOCKWISE_BIN"))
    ap.add_argument("--corpus", default=os.path.join(shared_dir(), "corpus", "compose"))
    ap.add_argument("--show", type=int, default=30, help="disagreements to print")
    ap.add_argument("--no-cases", action="store_true", help="the corpus only, without the rebuilt fixture concerns")
    args = ap.parse_args()
    dockwise = args.dockwise or os.path.join(os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target")), "debug", "dockwise")
    compose_lint = ensure_compose_lint()
    global yaml
    try:
        import yaml
    except ImportError:  # PyYAML comes with compose-lint: use its virtualenv's Python
        python = os.path.join(ROOT, ".venv", "bin", "python")
        os.execv(python, [python, os.path.abspath(__file__), *sys.argv[1:]])

    files = sorted(os.path.join(args.corpus, f) for f in os.listdir(args.corpus) if f.endswith((".yml", ".yaml")))
    pairs = []
    if os.path.isdir(CASES) and not args.no_cases:
        files += sorted(os.path.join(CASES, f) for f in os.listdir(CASES) if f.endswith((".yml", ".yaml")))
        # a folder holds a compose.yml with its override and .env: both tools merge them
        pairs = sorted(os.path.join(CASES, d) for d in os.listdir(CASES) if os.path.isdir(os.path.join(CASES, d)))
    rules = json.loads(subprocess.run([dockwise, "rules", "--format", "json"], capture_output=True, text=True, check=True).stdout)
    aliases = {r["id"]: r["aliases"] for r in rules if r["kind"] == "compose"}
    answered = {a for ids in aliases.values() for a in ids if re.fullmatch(r"CL-\d{4}", a)}
    enable = [a for r in rules if r["kind"] == "compose" and not r["enabled_by_default"] for a in ["--enable", r["id"]]]

    # (compose-lint's arguments, Dockwise's arguments): each file alone, without
    # the override or .env beside it; each pair folder merged, with its .env
    jobs = [(["--no-merge-overrides", "--no-env", p], ["--no-override", "--no-env", p]) for p in files]
    jobs += [([os.path.join(d, "compose.yml")], [d]) for d in pairs]

    def name_of(path):
        path = os.path.abspath(path)
        return os.path.relpath(path, ROOT) if path.startswith(CASES) else os.path.basename(path)

    theirs, ours, skipped, checked = collections.Counter(), collections.Counter(), [], set()
    differences, differences_ours, unanswered = collections.Counter(), collections.Counter(), collections.Counter()
    for cl_args, dw_args in jobs:
        out = subprocess.run([compose_lint, "check", "--format", "json", "--allow-partial-coverage", *cl_args],
                             capture_output=True, text=True)
        try:
            report = json.loads(out.stdout)
        except json.JSONDecodeError:
            skipped.append(name_of(cl_args[-1]))
            continue
        for f in report["findings"]:
            path = f["file"]
            checked.add(name_of(path))
            if f["rule_id"] not in answered:
                unanswered[f["rule_id"]] += 1
                continue
            text = open(path, encoding="utf-8").read()
            why = deliberate(f, services_of(path), service_key_lines(text.split("\n")))
            if why:
                differences[(f["rule_id"], why)] += 1
                continue
            theirs[(name_of(path), f.get("service") or "", f["rule_id"])] = 1

        mine = subprocess.run([dockwise, "lint", "--kind", "compose", "-f", "json", "--no-pragmas", *enable, *dw_args],
                              capture_output=True, text=True)
        for f in json.loads(mine.stdout or "[]"):
            checked.add(name_of(f["file"]))
            rule = cl_rule(f, aliases)
            why = rule and deliberate_ours(f, rule)
            if why:
                differences_ours[(rule, why)] += 1
            elif rule:
                lines = open(f["file"], encoding="utf-8").read().split("\n")
                ours[(name_of(f["file"]), service_of_line(lines, f.get("instruction_line")), rule)] = 1

    matched = ours & theirs
    per_rule = collections.defaultdict(lambda: [0, 0, 0])
    for c, i in ((matched, 0), (ours, 1), (theirs, 2)):
        for k, n in c.items():
            per_rule[k[2]][i] += n
    m, o, t = sum(matched.values()), sum(ours.values()), sum(theirs.values())
    precision, recall = (m / o if o else 1.0), (m / t if t else 1.0)
    print(f"compose-lint {COMPOSE_LINT_VERSION} vs Dockwise on {len(checked)} compose files ({len(pairs)} folder(s) "
          f"of a file, its override and .env; {len(skipped)} skipped: compose-lint cannot lint them)")
    print(f"{'rule':10} {'both':>5} {'ours':>5} {'compose-lint':>12}")
    for rule, (b, ou, th) in sorted(per_rule.items()):
        print(f"{rule:10} {b:5} {ou:5} {th:12}")
    print(f"\nprecision {precision:.3f} (of Dockwise's findings, share compose-lint also reports)")
    print(f"recall    {recall:.3f} (of compose-lint's findings, share Dockwise also reports)")
    only_ours, only_theirs = ours - theirs, theirs - ours
    for title, c in (("only Dockwise", only_ours), ("only compose-lint", only_theirs)):
        if c:
            print(f"\n{title} ({sum(c.values())}):")
            for k in sorted(c)[: args.show]:
                print(f"   {k[0]} {k[1] or '-'} {k[2]}")
    raw = t + sum(differences.values())
    print(f"recall before deliberate differences {m / raw if raw else 1.0:.3f}")
    if unanswered:
        print("compose-lint rules no Dockwise rule answers:", ", ".join(f"{r} ({n})" for r, n in sorted(unanswered.items())))
    if differences:
        print("\ndeliberate differences (compose-lint findings not counted, see docs/compose-lint-differences.md):")
        for (rule, why), n in sorted(differences.items()):
            print(f"   {rule}: {why} x{n}")
    if differences_ours:
        print("\ndeliberate differences (Dockwise findings not counted, see docs/compose-lint-differences.md):")
        for (rule, why), n in sorted(differences_ours.items()):
            print(f"   {rule}: {why} x{n}")
    if skipped:
        print("\nskipped:", ", ".join(skipped))
    if precision < BAR or recall < BAR:
        print(f"\nbelow the bar of {BAR}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
