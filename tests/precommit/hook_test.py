#!/usr/bin/env python3
"""The pre-commit hook, tried the way a user's repository would use it.

Installs pre-commit (PyPI, pinned) into .venv, makes a scratch git
repository and runs `pre-commit try-repo <this repository> <hook>` on its
files: a Dockerfile with findings fails the hook and names the rule, the
fixed file passes, the Kubernetes hook checks a manifest under k8s/, and a
YAML file that is neither (a CI workflow) is not passed to the hook at all.
The hook builds the CLI in pre-commit's copy of this repository; the test
asks for the dev profile and the shared target directory, so it reuses the
test command's build.
"""
import os
import subprocess
import sys
import tempfile
import venv

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
PRE_COMMIT_VERSION = "4.7.0"


def ensure_pre_commit():
    env_dir = os.path.join(ROOT, ".venv")
    exe = os.path.join(env_dir, "bin", "pre-commit")
    try:
        if PRE_COMMIT_VERSION in subprocess.run([exe, "--version"], capture_output=True, text=True).stdout:
            return exe
    except OSError:
        pass
    if not os.path.exists(os.path.join(env_dir, "bin", "pip")):
        venv.create(env_dir, with_pip=True)
    subprocess.run([os.path.join(env_dir, "bin", "pip"), "install", "-q", f"pre-commit=={PRE_COMMIT_VERSION}"],
                   check=True)
    return exe


def main():
    pre_commit = ensure_pre_commit()
    env = dict(os.environ,
               DOCKWISE_HOOK_PROFILE="dev",
               CARGO_TARGET_DIR=os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target")),
               PRE_COMMIT_HOME=os.path.join(tempfile.gettempdir(), "dockwise-pre-commit-home"),
               NO_COLOR="1")
    failures = []
    with tempfile.TemporaryDirectory() as repo:
        git = lambda *a: subprocess.run(["git", *a], cwd=repo, check=True, capture_output=True)
        git("init", "-q")
        files = {
            "Dockerfile": "FROM ubuntu:latest\nRUN apt-get update && apt-get install -y curl\n",
            "k8s/app.yaml": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\nspec:\n  containers:\n"
                            "    - name: a\n      image: nginx:1.27\n      securityContext:\n        privileged: true\n",
            ".github/workflows/ci.yml": "name: ci\non: push\njobs: {}\n",
        }
        for name, text in files.items():
            os.makedirs(os.path.dirname(os.path.join(repo, name)) or repo, exist_ok=True)
            with open(os.path.join(repo, name), "w") as f:
                f.write(text)
        git("add", "-A")

        def hook(hook_id, *files, all_files=False):
            args = [pre_commit, "try-repo", ROOT, hook_id, "--color", "never"]
            args += ["--all-files"] if all_files else ["--files", *files]
            return subprocess.run(args, cwd=repo, capture_output=True, text=True, env=env)

        def expect(what, ok):
            print(("ok   " if ok else "FAIL ") + what)
            if not ok:
                failures.append(what)

        r = hook("dockwise", "Dockerfile")
        expect("a Dockerfile with findings fails the hook and names the rule",
               r.returncode != 0 and "DL3007" in r.stdout)
        if "DL3007" not in r.stdout:
            print(r.stdout, r.stderr)
        with open(os.path.join(repo, "Dockerfile"), "w") as f:
            f.write("FROM scratch\nCOPY app /app\nUSER 10001\nENTRYPOINT [\"/app\"]\n")
        with open(os.path.join(repo, ".dockerignore"), "w") as f:
            f.write("*\n!app\n")
        r = hook("dockwise", "Dockerfile")
        expect("the fixed Dockerfile passes", r.returncode == 0)
        if r.returncode != 0:
            print(r.stdout, r.stderr)
        r = hook("dockwise-kubernetes", "k8s/app.yaml")
        expect("the Kubernetes hook checks a manifest under k8s/", r.returncode != 0 and "DW3" in r.stdout)
        r = hook("dockwise", all_files=True)
        expect("a CI workflow is not passed to the Dockerfile/Compose hook",
               "ci.yml" not in r.stdout and "app.yaml" not in r.stdout)
    if failures:
        print(f"FAIL: {len(failures)} pre-commit hook checks")
        return 1
    print("the pre-commit hooks work")
    return 0


if __name__ == "__main__":
    sys.exit(main())
