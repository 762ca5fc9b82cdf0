#!/usr/bin/env python3
"""Agreement with checkov on Kubernetes manifests, measured.

Installs checkov from PyPI (pinned) into its own virtualenv ./.venv-checkov,
runs it (framework kubernetes, nothing downloaded) and Dockwise over
../shared/corpus/k8s, and compares findings per (file, object, check) on the
checks both have: a Dockwise rule counts as checkov's CKV_K8S_n when that id is
one of its aliases. Rules that are off by default are switched on here so that
they can be compared. A Dockwise finding belongs to the object whose lines
(checkov's file_line_range for it) hold the finding's line; checkov reports a
check once per object, so several Dockwise findings on one object (one per
container) count once. Files that either tool cannot parse are left out.
Prints agreement overall and per check, and the disagreements; exits 1 below
the bar.

Usage: tests/parity/checkov_parity.py [--dockwise PATH] [--corpus DIR] [--show N]
"""
import argparse
import collections
import json
import os
import re
import subprocess
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
CHECKOV_VERSION = "3.3.30"
BAR = 0.90
# One Dockwise rule, several checkov checks: the finding's message says which.
SPLIT = {"CKV_K8S_17": "`hostPID", "CKV_K8S_18": "`hostIPC", "CKV_K8S_19": "`hostNetwork"}


def ensure_checkov():
    venv = os.path.join(ROOT, ".venv-checkov")
    exe = os.path.join(venv, "bin", "checkov")
    pip = os.path.join(venv, "bin", "pip")
    if os.path.exists(exe):
        out = subprocess.run([pip, "show", "checkov"], capture_output=True, text=True).stdout
        if f"Version: {CHECKOV_VERSION}\n" in out:
            return exe
    if not os.path.exists(pip):
        subprocess.run([sys.executable, "-m", "venv", venv], check=True)
    subprocess.run([pip, "install", "--quiet", "--disable-pip-version-check", f"checkov=={CHECKOV_VERSION}"], check=True)
    return exe


def shared_dir():
    return os.environ.get("DOCKWISE_SHARED", os.path.join(ROOT, "..", "shared"))


def run_checkov(checkov, corpus, checks):
    """checkov's results on the corpus: failures per (file, object, check), and
    every object it judged with its line range, per file."""
    env = dict(os.environ, BC_SKIP_MAPPING="TRUE", CHECKOV_RUN_SCA_PACKAGE_SCAN_V2="false")
    out = subprocess.run(
        [checkov, "-d", corpus, "--framework", "kubernetes", "-o", "json", "--compact", "--skip-download",
         "--check", ",".join(sorted(checks))],
        capture_output=True, text=True, env=env,
    )
    data = json.loads(out.stdout or "{}")
    reports = data if isinstance(data, list) else [data]
    failed, objects = collections.Counter(), collections.defaultdict(dict)
    for rep in reports:
        results = rep.get("results", {})
        for status in ("failed_checks", "passed_checks"):
            for c in results.get(status, []):
                name = os.path.basename(c["file_path"])
                start, end = c["file_line_range"]
                objects[name][c["resource"]] = (start, end)
                if status == "failed_checks":
                    failed[(name, c["resource"], c["check_id"])] = 1
    return failed, objects


def object_at(ranges, line):
    """The innermost object of a file whose lines hold `line`."""
    best = None
    for resource, (start, end) in ranges.items():
        if start <= line <= end and (best is None or end - start < best[1] - best[0]):
            best = (start, end, resource)
    return best[2] if best else None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dockwise", default=os.environ.get("DOCKWISE_BIN"))
    ap.add_argument("--corpus", default=os.path.join(shared_dir(), "corpus", "k8s"))
    ap.add_argument("--show", type=int, default=30, help="disagreements to print")
    args = ap.parse_args()
    dockwise = args.dockwise or os.path.join(os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target")), "debug", "dockwise")

    rules = json.loads(subprocess.run([dockwise, "rules", "--format", "json"], capture_output=True, text=True, check=True).stdout)
    alias = collections.defaultdict(list)  # dockwise id -> checkov ids
    for r in rules:
        if r["kind"] == "kubernetes":
            for a in r["aliases"]:
                if re.fullmatch(r"CKV2?_K8S_\d+", a):
                    alias[r["id"]].append(a)
    checks = {c for cs in alias.values() for c in cs}
    if not checks:
        print("no Kubernetes rule has a checkov alias: nothing to compare")
        return

    checkov = ensure_checkov()
    args.corpus = os.path.abspath(args.corpus)
    files = sorted(f for f in os.listdir(args.corpus) if f.endswith((".yml", ".yaml")))
    theirs, objects = run_checkov(checkov, args.corpus, checks)

    enable = [a for r in rules if r["id"] in alias and not r["enabled_by_default"] for a in ["--enable", r["id"]]]
    ours, skipped, outside = collections.Counter(), [], collections.Counter()
    for name in files:
        path = os.path.join(args.corpus, name)
        out = subprocess.run([dockwise, "lint", "--kind", "kubernetes", "-f", "json", "-t", "none", "--no-pragmas", *enable, path], capture_output=True, text=True)
        findings = json.loads(out.stdout or "[]")
        if any(f["rule"] == "DW3000" for f in findings) or name not in objects:
            skipped.append(name)
            continue
        for f in findings:
            for check in alias.get(f["rule"], []):
                if check in SPLIT and SPLIT[check] not in f["message"]:
                    continue
                resource = object_at(objects[name], f["line"])
                if resource is None:
                    outside[check] += 1
                    continue
                ours[(name, resource, check)] = 1
    theirs = collections.Counter({k: n for k, n in theirs.items() if k[0] not in skipped})

    matched = ours & theirs
    per_check = collections.defaultdict(lambda: [0, 0, 0])
    for c, i in ((matched, 0), (ours, 1), (theirs, 2)):
        for k, n in c.items():
            per_check[k[2]][i] += n
    m, o, t = sum(matched.values()), sum(ours.values()), sum(theirs.values())
    precision, recall = (m / o if o else 1.0), (m / t if t else 1.0)
    by_check = {c: rid for rid, cs in alias.items() for c in cs}
    print(f"checkov {CHECKOV_VERSION} vs Dockwise on {len(files) - len(skipped)} Kubernetes files "
          f"({len(skipped)} skipped: not parsed by one of them), per (file, object, check)")
    print(f"{'check':12} {'rule':7} {'both':>5} {'ours':>5} {'checkov':>7}")
    for check, (b, ou, th) in sorted(per_check.items(), key=lambda kv: int(re.sub(r"\D", "", kv[0]))):
        print(f"{check:12} {by_check[check]:7} {b:5} {ou:5} {th:7}")
    print(f"\nprecision {precision:.3f} (of Dockwise's findings, share checkov also reports)")
    print(f"recall    {recall:.3f} (of checkov's findings, share Dockwise also reports)")
    for title, c in (("only Dockwise", ours - theirs), ("only checkov", theirs - ours)):
        if c:
            print(f"\n{title} ({sum(c.values())}):")
            for k in sorted(c)[: args.show]:
                print(f"   {k[0]} {k[1]} {k[2]}")
    if outside:
        print("\nDockwise findings outside any object checkov judged:", dict(outside))
    if skipped:
        print("\nskipped:", ", ".join(skipped))
    if precision < BAR or recall < BAR:
        print(f"\nbelow the bar of {BAR}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
