#!/usr/bin/env python3
"""Agreement of Dockwise's policy findings with an independent Rego engine.

Installs regopy (PyPI, Microsoft's rego-cpp; pinned) into the local
virtualenv, and over every file of ../shared/corpus (dockerfile, compose,
k8s) evaluates the same policies on the same input documents: Dockwise with
`dockwise lint --policy DIR -f json` (regorus inside), regopy on the JSON
`dockwise input FILE` prints. The policies are the starter policies
(crates/dockwise-policy/starters), the extra ones in tests/parity/rego, and
the lessons' own Rego v0 policy (`package docker.security`) as they print it.

A finding is (file, package, severity, message): `deny`, `violation` and
`deny_*`/`violation_*` results are errors, `warn`/`warn_*` warnings, in
every package. Exits 1 on any disagreement.

rego-cpp has no switch for Rego v0: it reads the v0 head `deny[msg] { ... }`
as OPA 1 reads a head without `contains`, a partial object mapping each
message to true; its keys are the set's members, so they are compared as
such.

Usage: tests/parity/rego_parity.py [--dockwise PATH] [--show N]
"""
import argparse
import collections
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import venv

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
REGOPY_VERSION = "1.5.2"
KINDS = [("dockerfile", "dockerfile"), ("compose", "compose"), ("k8s", "kubernetes")]

LESSONS_POLICY = '''package docker.security

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
'''


def shared_dir():
    return os.environ.get("DOCKWISE_SHARED", os.path.join(ROOT, "..", "shared"))


def ensure_regopy():
    env_dir = os.path.join(ROOT, ".venv")
    py = os.path.join(env_dir, "bin", "python")
    ok = subprocess.run([py, "-c", f"import regopy; assert regopy.rego_version() == '{REGOPY_VERSION}'"],
                        capture_output=True) if os.path.exists(py) else None
    if ok is None or ok.returncode != 0:
        if not os.path.exists(os.path.join(env_dir, "bin", "pip")):
            venv.create(env_dir, with_pip=True)
        subprocess.run([os.path.join(env_dir, "bin", "pip"), "install", "-q", f"regopy=={REGOPY_VERSION}"], check=True)
    return py


def lessons_policy():
    """The lessons' policy as printed there, else the copy above."""
    d = os.path.join(shared_dir(), "lessons")
    if os.path.isdir(d):
        for name in sorted(os.listdir(d)):
            text = open(os.path.join(d, name), encoding="utf-8", errors="replace").read()
            at = text.find("package docker.security")
            if at < 0:
                continue
            out = []
            for line in text[at:].split("\n"):
                if line == "" or line.startswith(("package ", "deny", " ", "\t")) or line == "}":
                    out.append(line)
                else:
                    break
            return "\n".join(out).rstrip() + "\n"
    return LESSONS_POLICY


# runs inside the virtualenv: reads {"policies": [[name, text]], "packages": [...],
# "inputs": [[file, input]]} on stdin, prints [[file, package, severity, message]]
REGOPY_RUNNER = r'''
import json, re, sys
from regopy import Interpreter
job = json.load(sys.stdin)
rego = Interpreter()
for name, text in job["policies"]:
    rego.add_module(name, text)
RULE = re.compile(r"^(deny|violation|warn)(_.+)?$")
out = []
for file, doc in job["inputs"]:
    rego.set_input(doc)
    for package in job["packages"]:
        result = rego.query(f"x := data.{package}")
        if not result.ok():
            raise SystemExit(f"{file}: {package}: {result}")
        value = result.binding("x")
        value = json.loads(str(value)) if not isinstance(value, (dict, list)) else value
        if not isinstance(value, dict):
            continue
        for rule, items in sorted(value.items()):
            m = RULE.match(rule)
            if not m:
                continue
            severity = "warning" if m.group(1) == "warn" else "error"
            if isinstance(items, dict):  # a v0 partial set read as a partial object
                items = [k for k, v in items.items() if v is True]
            elif not isinstance(items, list):
                items = [items] if items not in (False, None) else []
            for item in items:
                if isinstance(item, dict):
                    msg = item.get("msg", item.get("message", json.dumps(item)))
                elif item is True:
                    msg = f"{package}.{rule}"
                else:
                    msg = item
                out.append([file, package, severity, msg if isinstance(msg, str) else json.dumps(msg)])
json.dump(out, sys.stdout)
'''


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dockwise", default=os.environ.get("DOCKWISE_BIN", os.path.join(ROOT, "target", "debug", "dockwise")))
    ap.add_argument("--show", type=int, default=10)
    args = ap.parse_args()
    py = ensure_regopy()
    corpus = os.path.join(shared_dir(), "corpus")
    if not os.path.isdir(corpus):
        raise SystemExit(f"no corpus at {corpus}")

    sources = [os.path.join(ROOT, "crates", "dockwise-policy", "starters"), os.path.join(ROOT, "tests", "parity", "rego")]
    v1 = []
    for d in sources:
        for name in sorted(os.listdir(d)):
            if name.endswith(".rego"):
                v1.append((f"{os.path.basename(d)}-{name}", open(os.path.join(d, name), encoding="utf-8").read()))
    # two runs: the lessons' v0 `deny` is a partial object to rego-cpp, which
    # would conflict with the starter's `deny` set in the same package
    runs = [v1, [("lessons.rego", lessons_policy())]]
    policies = [p for run in runs for p in run]
    packages = sorted({re.search(r"^package\s+(\S+)", t, re.M).group(1) for _, t in policies})
    ours, theirs = collections.Counter(), collections.Counter()
    files = 0
    for folder, kind in KINDS:
        d = os.path.join(corpus, folder)
        names = sorted(f for f in os.listdir(d) if os.path.isfile(os.path.join(d, f)))
        paths = [os.path.join(d, f) for f in names]
        files += len(paths)
        inputs = []
        for p in paths:
            r = subprocess.run([args.dockwise, "input", "--kind", kind, p], capture_output=True, text=True)
            if r.returncode != 0:
                raise SystemExit(f"dockwise input {p}: {r.stderr}")
            inputs.append([os.path.relpath(p, corpus), json.loads(r.stdout)])
        for run in runs:
            run_packages = sorted({re.search(r"^package\s+(\S+)", t, re.M).group(1) for _, t in run})
            policy_dir = tempfile.mkdtemp(prefix="dockwise-rego-")
            try:
                for name, text in run:
                    with open(os.path.join(policy_dir, name), "w", encoding="utf-8") as fh:
                        fh.write(text)
                # Dockwise: one lint run per kind and policy set, the policy findings only
                r = subprocess.run([args.dockwise, "lint", "--kind", kind, "--policy", policy_dir, "-f", "json",
                                    "--failure-threshold", "none"] + paths, capture_output=True, text=True)
            finally:
                shutil.rmtree(policy_dir, ignore_errors=True)
            if not r.stdout.strip() or "policy error" in r.stderr:
                raise SystemExit(f"dockwise lint failed ({r.returncode}): {r.stderr}")
            for f in json.loads(r.stdout):
                if f["rule"] in run_packages:
                    ours[(os.path.relpath(f["file"], corpus), f["rule"], f["severity"], f["message"])] += 1
            # regopy: the same policies on the same input documents
            job = json.dumps({"policies": run, "packages": run_packages, "inputs": inputs})
            r = subprocess.run([py, "-c", REGOPY_RUNNER], input=job, capture_output=True, text=True)
            if r.returncode != 0:
                raise SystemExit(f"regopy failed: {r.stderr[-2000:]}")
            for row in json.loads(r.stdout):
                theirs[tuple(row)] += 1

    both = sum((ours & theirs).values())
    only_ours = ours - theirs
    only_theirs = theirs - ours
    by_package = collections.Counter(k[1] for k in ours.elements())
    print(f"rego agreement over {files} corpus files, {len(policies)} policy files ({len(packages)} packages), "
          f"regopy {REGOPY_VERSION} (rego-cpp)")
    for p in packages:
        print(f"  {p:<24} {by_package[p]} findings")
    print(f"findings: dockwise {sum(ours.values())}, regopy {sum(theirs.values())}, equal {both}, "
          f"only dockwise {sum(only_ours.values())}, only regopy {sum(only_theirs.values())}")
    for label, diff in (("only dockwise", only_ours), ("only regopy", only_theirs)):
        for k in sorted(diff)[: args.show]:
            print(f"  {label}: {k}")
    if only_ours or only_theirs:
        sys.exit(1)
    print(f"{both} passed, 0 failed")


if __name__ == "__main__":
    main()
