#!/usr/bin/env python3
"""Agreement with dclint (docker-compose-linter), measured.

Installs dclint from npm (pinned) into ./.dclint, runs it and Dockwise over
../shared/corpus/compose, and compares findings per (file, rule, service) on
the rules both have: a Dockwise rule counts as dclint's when dclint's rule name
is one of its aliases. dclint's style rules are off by default in Dockwise;
they are switched on here so that they can be compared. Files on which dclint
stops early (invalid YAML or schema, or its own crash) are left out, since it
then reports nothing else for them. Prints agreement overall and per rule, and
the disagreements; exits 1 below the bar.

Usage: tests/parity/dclint_parity.py [--dockwise PATH] [--corpus DIR] [--show N]
"""
import argparse
import collections
import json
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DCLINT_VERSION = "3.1.0"
BAR = 0.90
STOPPERS = {"invalid-yaml", "invalid-schema", "unknown-error"}


def ensure_dclint():
    prefix = os.path.join(ROOT, ".dclint")
    exe = os.path.join(prefix, "node_modules", ".bin", "dclint")
    pkg = os.path.join(prefix, "node_modules", "dclint", "package.json")
    if os.path.exists(pkg) and json.load(open(pkg)).get("version") == DCLINT_VERSION:
        return exe
    subprocess.run(["npm", "install", "--silent", "--no-audit", "--no-fund", "--prefix", prefix, f"dclint@{DCLINT_VERSION}"], check=True)
    return exe


def shared_dir():
    return os.environ.get("DOCKWISE_SHARED", os.path.join(ROOT, "..", "shared"))


def service_of_line(lines, line):
    """The service name on a `  name:` line (Dockwise anchors findings there)."""
    if not line:
        return ""
    m = re.match(r"^\s+[\"']?([^\"':]+)[\"']?\s*:", lines[line - 1])
    return m.group(1) if m else ""


def database_ports():
    """The database and admin ports DW2017 reports (compose/helpers.rs), read from the source."""
    src = open(os.path.join(ROOT, "crates", "dockwise-rules", "src", "rules", "compose", "helpers.rs"), encoding="utf-8").read()
    block = src[src.index("DATABASE_PORTS"):]
    block = block[: block.index("];")]
    return set(re.findall(r'\("(\d+)", "[^"]*"\)', block))


DATABASE_PORTS = database_ports()


def published_database_port(item):
    """Does a dclint port item publish a database port (what DW2017 reports instead of DW2018)?"""
    if isinstance(item, dict):
        target, published = str(item.get("target", "")), item.get("published")
        return target in DATABASE_PORTS and published not in (None, "")
    parts = str(item).split("/")[0].split(":")
    return len(parts) >= 2 and parts[-1] in DATABASE_PORTS and parts[-2] != ""


def deliberate(m, text):
    """dclint findings Dockwise does not repeat on purpose (docs/dclint-differences.md)."""
    data = m.get("data") or {}
    port = str(data.get("port", ""))
    # one finding per port: a database port on every interface is DW2017's, not DW2018's
    if m["rule"] == "no-unbound-port-interfaces" and published_database_port(data.get("portItem")):
        return "database port (DW2017 reports it)"
    # either quote style protects a port from YAML 1.1's base-60 reading
    if m["rule"] == "require-quotes-in-ports" and port and (f"'{port}'" in text):
        return "single-quoted port"
    # `"80"` publishes the container port on a random host port: nothing clashes
    if m["rule"] == "no-duplicate-exported-ports" and ":" not in str(data.get("publishedPort", ":")) and re.search(r"[\[\s]\\?[\"']?%s[\"']?[\],\s]" % re.escape(str(data.get("publishedPort"))), text):
        return "container port only (random host port)"
    return None


def service_of_message(m):
    data = m.get("data") or {}
    if "serviceName" in data:
        return data["serviceName"]
    if isinstance(data.get("service"), dict) and data["service"]:
        return next(iter(data["service"]))
    return ""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dockwise", default=os.environ.get("DOCKWISE_BIN"))
    ap.add_argument("--corpus", default=os.path.join(shared_dir(), "corpus", "compose"))
    ap.add_argument("--show", type=int, default=30, help="disagreements to print")
    args = ap.parse_args()
    dockwise = args.dockwise or os.path.join(os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target")), "debug", "dockwise")

    dclint = ensure_dclint()
    files = sorted(os.path.join(args.corpus, f) for f in os.listdir(args.corpus) if f.endswith((".yml", ".yaml")))
    rules = json.loads(subprocess.run([dockwise, "rules", "--format", "json"], capture_output=True, text=True, check=True).stdout)
    alias = {}  # dockwise id -> dclint name (dclint's names are kebab-case; other peers' ids are not)
    for r in rules:
        if r["kind"] == "compose":
            for a in r["aliases"]:
                if re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)+", a):
                    alias[r["id"]] = a
    shared = set(alias.values()) - STOPPERS

    # dclint exits before a large report is flushed to a pipe: use its output file
    with tempfile.TemporaryDirectory() as tmp:
        report = os.path.join(tmp, "dclint.json")
        # Dockwise accepts either quote style in ports; dclint wants one: double
        # quotes, the style of almost every file in the corpus
        config = os.path.join(tmp, "dclintrc.json")
        json.dump({"rules": {"require-quotes-in-ports": [2, {"quoteType": "double"}]}}, open(config, "w"))
        subprocess.run([dclint, "-c", config, "-f", "json", "-o", report, *files], capture_output=True, text=True)
        theirs_raw = json.load(open(report))
    theirs, skipped, differences, unshared = collections.Counter(), [], collections.Counter(), collections.Counter()
    for entry in theirs_raw:
        name = os.path.basename(entry["filePath"])
        msgs = entry["messages"]
        if any(m["rule"] in STOPPERS for m in msgs):
            skipped.append(name)
            continue
        text = open(entry["filePath"], encoding="utf-8").read()
        for m in msgs:
            if m["rule"] not in shared:
                unshared[m["rule"]] += 1
            if m["rule"] in shared:
                why = deliberate(m, text)
                if why:
                    differences[(m["rule"], why)] += 1
                    continue
                theirs[(name, m["rule"], service_of_message(m))] += 1
    # rules whose dclint messages never name a service are compared per file
    per_file = {k[1] for k in theirs if k[2] == ""} - {k[1] for k in theirs if k[2] != ""}

    enable = [a for r in rules if r["kind"] == "compose" and not r["enabled_by_default"] for a in ["--enable", r["id"]]]
    ours = collections.Counter()
    for path in files:
        name = os.path.basename(path)
        if name in skipped:
            continue
        out = subprocess.run([dockwise, "lint", "--kind", "compose", "-f", "json", "--no-pragmas", *enable, path], capture_output=True, text=True)
        lines = open(path, encoding="utf-8").read().split("\n")
        for f in json.loads(out.stdout or "[]"):
            rule = alias.get(f["rule"])
            if rule in shared:
                service = "" if rule in per_file else service_of_line(lines, f.get("instruction_line"))
                ours[(name, rule, service)] += 1

    matched = ours & theirs
    per_rule = collections.defaultdict(lambda: [0, 0, 0])
    for c, i in ((matched, 0), (ours, 1), (theirs, 2)):
        for k, n in c.items():
            per_rule[k[1]][i] += n
    m, o, t = sum(matched.values()), sum(ours.values()), sum(theirs.values())
    precision, recall = (m / o if o else 1.0), (m / t if t else 1.0)
    print(f"dclint {DCLINT_VERSION} vs Dockwise on {len(files) - len(skipped)} compose files ({len(skipped)} skipped: dclint stopped early)")
    print(f"{'rule':42} {'both':>5} {'ours':>5} {'dclint':>6}")
    for rule, (b, ou, th) in sorted(per_rule.items()):
        print(f"{rule:42} {b:5} {ou:5} {th:6}")
    print(f"\nprecision {precision:.3f} (of Dockwise's findings, share dclint also reports)")
    print(f"recall    {recall:.3f} (of dclint's findings, share Dockwise also reports)")
    only_ours, only_theirs = ours - theirs, theirs - ours
    for title, c in (("only Dockwise", only_ours), ("only dclint", only_theirs)):
        if c:
            print(f"\n{title} ({sum(c.values())}):")
            for k, n in sorted(c.items())[: args.show]:
                print(f"   {k[0]} {k[1]} {k[2] or '-'}" + (f" x{n}" if n > 1 else ""))
    raw = t + sum(differences.values())
    print(f"recall before deliberate differences {m / raw if raw else 1.0:.3f}")
    if unshared:
        print("dclint rules Dockwise does not have:", ", ".join(f"{r} ({n})" for r, n in sorted(unshared.items())))
    if differences:
        print("\ndeliberate differences (dclint findings not counted, see docs/dclint-differences.md):")
        for (rule, why), n in sorted(differences.items()):
            print(f"   {rule}: {why} x{n}")
    if skipped:
        print("\nskipped:", ", ".join(skipped))
    if precision < BAR or recall < BAR:
        print(f"\nbelow the bar of {BAR}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
