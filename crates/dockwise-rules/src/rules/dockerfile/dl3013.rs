//! DL3013: `pip install` without pinned versions.

use super::helpers::is_pip_install;
use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::sources;
use dockwise_syntax::dockerfile::Model;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DL3013",
    name: "pip-pin-versions",
    severity: Severity::Warning,
    kind: FileKind::Dockerfile,
    title: text!("`pip install` without pinned versions"),
    tags: &[Tag::Reliability],
    docs: docs! {
        what: "Flags `pip install` of a package without a version specifier (`==`, `>=`, `~=`...), unless it installs \
            from requirements (`-r`), a constraints file (`-c`) or the local project (`.`). Wheels, sdists, paths and \
            VCS URLs with `@ref` count as pinned.",
        why: "`pip install flask` installs whatever is newest on PyPI at build time. A rebuild can pick up a new \
            major release and break the app, and nobody can tell from the Dockerfile which version shipped.",
        bad: "FROM python:3.12-slim\nRUN pip install --no-cache-dir flask gunicorn\n",
        good: "FROM python:3.12-slim\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\n",
        fix: "Pin each package (`flask==3.0.3`), or better keep them in a requirements (or lock) file with exact \
            versions and `pip install -r requirements.txt`.",
    },
    quiz: quiz! {
        question: "`RUN pip install flask==3.0.3`. What is pinned?",
        choices: &[
            Choice {
                text: "Flask only; its dependencies still float",
                correct: true,
                feedback: "`==` pins that one package; Werkzeug, Jinja2 and the rest resolve to the newest releases \
                    Flask allows. A requirements file from `pip freeze` pins them all.",
            },
            Choice {
                text: "Flask and all of its dependencies",
                correct: false,
                feedback: "Only the package you name is pinned; its dependencies follow Flask's version ranges, so \
                    they change as new releases appear.",
            },
            Choice {
                text: "Flask, but only while pip's cache holds it",
                correct: false,
                feedback: "pip's cache only saves downloads; `==3.0.3` selects that version whether or not it is \
                    cached.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Dockerfile(checker!(check)),
    standard: &[
        &sources::DOCKER_PIN_APT,
        &Source {
            title: text!("hadolint wiki: DL3013 (pin versions in pip)"),
            url: text!("https://github.com/hadolint/hadolint/wiki/DL3013"),
        },
        &Source {
            title: text!("pip docs: Repeatable installs (pinning the package versions)"),
            url: text!("https://pip.pypa.io/en/stable/topics/repeatable-installs/#pinning-the-package-versions"),
        },
    ],
    concern: Some(&sources::PINNED_PACKAGES),
    fixes: Fixes::No,
    scope: Scope::Place,
};

const VALUE_FLAGS: &[&str] = &[
    "--abi",
    "-b",
    "--build",
    "-e",
    "--editable",
    "--extra-index-url",
    "-f",
    "--find-links",
    "-i",
    "--index-url",
    "--implementation",
    "--no-binary",
    "--only-binary",
    "--platform",
    "--prefix",
    "--progress-bar",
    "--proxy",
    "--python-version",
    "--root",
    "--src",
    "-t",
    "--target",
    "--trusted-host",
    "--upgrade-strategy",
    "--cache-dir",
    "--log",
    "--python",
    "--root-user-action",
    "--config-settings",
    "-C",
    "--global-option",
    "--use-feature",
    "--use-deprecated",
    "--report",
    "--retries",
    "--timeout",
    "--exists-action",
    "--cert",
    "--client-cert",
    "--keyring-provider",
    // pipx
    "--pip-args",
    "--suffix",
    "--preinstall",
];
const VCS: &[&str] = &["git+", "git:", "hg+", "svn+", "svn:", "bzr+"];

fn pinned(p: &str) -> bool {
    let vcs = VCS.iter().any(|v| p.starts_with(v));
    ["==", ">=", "<=", ">", "<", "!=", "~=", "==="]
        .iter()
        .any(|s| p.contains(s))
        || (vcs && p.contains('@'))
        || p.ends_with(".whl")
        || p.ends_with(".tar.gz")
        || (!vcs && p.contains('/'))
}

fn check(cx: &Context<Model>, out: &mut Reporter) {
    for (_, cmd) in cx.commands(true) {
        let pipx = cmd.name() == Some("pipx") && cmd.subcommand(VALUE_FLAGS).is_some_and(|w| w.value == "install");
        if !is_pip_install(cmd) && !pipx {
            continue;
        }
        let args = cmd.args();
        if args.iter().any(|a| {
            matches!(&*a.value, "-r" | "--requirement" | "." | "-c" | "--constraint")
                || a.value.starts_with("--requirement=")
                || a.value.starts_with("--constraint=")
        }) {
            continue;
        }
        let positionals = cmd.positionals(VALUE_FLAGS);
        let packages = positionals.iter().skip_while(|w| w.value != "install").skip(1);
        if let Some(w) = packages.into_iter().find(|w| !pinned(&w.value)) {
            out.report(
                w.span,
                format!(
                    "`{}` has no version: pin it (`{}==<version>`) or use a requirements file",
                    w.value, w.value
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::*;

    #[test]
    fn bad() {
        assert_eq!(
            spans(&RULE, "FROM p:1\nRUN pip install flask==3 requests\n"),
            ["requests"]
        );
        fires(&RULE, "FROM p:1\nRUN pip3 install -U pip\n");
        fires(&RULE, "FROM p:1\nRUN python -m pip install git+https://g/y\n");
        // pipx installs packages too (hadolint: DL3013)
        assert_eq!(
            spans(&RULE, "FROM p:1\nRUN pipx install --python python3.11 black\n"),
            ["black"]
        );
    }

    #[test]
    fn good() {
        silent(
            &RULE,
            "FROM p:1\nRUN pip install flask==3 ./x.whl git+https://g/x@v1 /abs/path\n",
        );
        silent(&RULE, "FROM p:1\nRUN pip install -r req.txt\n");
    }

    #[test]
    fn edge() {
        silent(
            &RULE,
            "FROM p:1\nRUN pip install . && pip install -c constraints.txt flask\n",
        );
        silent(&RULE, "FROM p:1\nRUN pip install --index-url https://x flask==1\n");
        // the value of an option is not a package
        silent(
            &RULE,
            "FROM p:1\nRUN pip install --root-user-action ignore poetry==1.8.5\n",
        );
        silent(
            &RULE,
            "FROM p:1\nRUN pip install --config-settings x=y flask==1 && pipx install black==24.1\n",
        );
    }
}
