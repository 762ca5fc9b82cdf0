//! DL3042: `pip install` keeping its download cache in the image.

use super::helpers::fixes::add_flag;
use super::helpers::{env_in_stage, has_cache_mount, is_pip_install, is_truthy};
use crate::diagnostics::{Diagnostic, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::sources;
use dockwise_syntax::dockerfile::Model;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DL3042",
    name: "pip-no-cache-dir",
    severity: Severity::Warning,
    kind: FileKind::Dockerfile,
    title: text!("`pip install` without `--no-cache-dir` keeps pip's cache in the image"),
    tags: &[Tag::Size],
    docs: docs! {
        what: "Flags `pip install` (also `pip3`, `python -m pip`) without `--no-cache-dir`, unless `PIP_NO_CACHE_DIR` \
            is set to a true value for the stage or the command (or exported earlier in the RUN), or a cache is \
            mounted on pip's cache directory.",
        why: "pip caches the files it downloads and the wheels it builds under `~/.cache/pip` so that a second \
            install is faster. In an image there is no second install: the cache is dead weight in the layer.",
        bad: "FROM python:3.12-slim\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\n",
        good: "FROM python:3.12-slim\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\n",
        fix: "Add `--no-cache-dir`, or set `ENV PIP_NO_CACHE_DIR=1` once for the stage. To keep fast rebuilds without \
            bloating the image, use `RUN --mount=type=cache,target=/root/.cache/pip pip install ...`.",
    },
    quiz: quiz! {
        question: "What does `--no-cache-dir` change in `RUN pip install --no-cache-dir -r requirements.txt`?",
        choices: &[
            Choice {
                text: "pip writes no download or wheel cache into the layer",
                correct: true,
                feedback: "pip does not write its download and wheel cache, so only the installed packages end up in \
                    the image.",
            },
            Choice {
                text: "pip ignores Docker's build cache for this step",
                correct: false,
                feedback: "It is pip's own cache; whether Docker reuses the layer is decided by Docker's cache.",
            },
            Choice {
                text: "pip reinstalls packages that are already there",
                correct: false,
                feedback: "Installed packages are skipped either way; the option only stops pip from saving its \
                    download cache.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Dockerfile(checker!(check)),
    standard: &[
        &sources::DOCKER_CACHE_MOUNT,
        &Source {
            title: text!("hadolint wiki: DL3042 (avoid the pip cache directory)"),
            url: text!("https://github.com/hadolint/hadolint/wiki/DL3042"),
        },
        &Source {
            title: text!("pip docs: Caching (--no-cache-dir)"),
            url: text!("https://pip.pypa.io/en/stable/topics/caching/"),
        },
    ],
    concern: Some(&sources::IMAGE_SIZE),
    fixes: Fixes::Safe,
    scope: Scope::Place,
};

fn check(cx: &Context<Model>, out: &mut Reporter) {
    // the instructions before the first FROM are a section of their own (hadolint)
    for stage in cx.sections() {
        let env_off = env_in_stage(cx, stage, "PIP_NO_CACHE_DIR").is_some_and(|v| is_truthy(&v));
        if env_off {
            continue;
        }
        for (i, ins, script) in cx.runs(stage, true) {
            // the mounts of `ONBUILD RUN --mount=...` are the inner RUN's
            if has_cache_mount(ins.effective(), &[".cache/pip"]) {
                continue;
            }
            // `export PIP_NO_CACHE_DIR=1 && pip install ...`
            let mut exported_off = false;
            for cmd in &script.commands {
                if cmd.name() == Some("export") {
                    if let Some(v) = cmd
                        .args()
                        .iter()
                        .rev()
                        .find_map(|w| w.value.strip_prefix("PIP_NO_CACHE_DIR="))
                    {
                        exported_off = is_truthy(v);
                    }
                    continue;
                }
                if exported_off || !is_pip_install(cmd) {
                    continue;
                }
                let inline_off = cmd
                    .assignments
                    .iter()
                    .chain(cmd.words.iter())
                    .any(|w| w.value.strip_prefix("PIP_NO_CACHE_DIR=").is_some_and(is_truthy));
                if !cmd.has_flag(&["--no-cache-dir"]) && !inline_off {
                    let install = cmd.args().iter().find(|w| w.value == "install");
                    out.push(
                        Diagnostic::new(
                            cmd.program_span(),
                            "pip keeps its download cache in the image: add `--no-cache-dir`",
                        )
                        .with_fix(|| add_flag(cx, i, install, "--no-cache-dir")),
                    );
                }
            }
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
            spans(&RULE, "FROM p:1\nRUN pip install flask==3.0.3\n"),
            ["pip install flask==3.0.3"]
        );
        fires(&RULE, "FROM p:1\nRUN python3 -m pip install -r req.txt\n");
        fires(&RULE, "FROM p:1\nRUN pip3.12 install x\n");
    }

    #[test]
    fn good() {
        silent(&RULE, "FROM p:1\nRUN pip install --no-cache-dir flask\n");
        silent(&RULE, "FROM p:1\nENV PIP_NO_CACHE_DIR=1\nRUN pip install flask\n");
    }

    #[test]
    fn edge() {
        silent(&RULE, "FROM p:1\nRUN PIP_NO_CACHE_DIR=true pip install flask\n");
        silent(
            &RULE,
            "FROM p:1\nRUN --mount=type=cache,target=/root/.cache/pip pip install flask\n",
        );
        silent(
            &RULE,
            "FROM p:1\nONBUILD RUN --mount=type=cache,target=/root/.cache/pip pip install flask\n",
        );
        // the ENV is inherited by a stage built on this one
        silent(
            &RULE,
            "FROM p:1 AS base\nENV PIP_NO_CACHE_DIR=1\nFROM base\nRUN pip install x\n",
        );
        // other pip subcommands are fine
        silent(&RULE, "FROM p:1\nRUN pip freeze && pip download x\n");
        fires(&RULE, "FROM p:1\nENV PIP_NO_CACHE_DIR=0\nRUN pip install x\n");
    }

    #[test]
    fn snippets_without_from() {
        // a lesson's fragment, an ARG then RUN, a RUN before the first FROM
        assert_eq!(spans(&RULE, "RUN pip install flask\n"), ["pip install flask"]);
        fires(&RULE, "ARG V=1\nRUN pip install flask\n");
        assert_eq!(
            spans(&RULE, "RUN pip install flask\nFROM p:1\nRUN pip install django\n"),
            ["pip install flask", "pip install django"]
        );
        fires(&RULE, "ENV PIP_NO_CACHE_DIR=0\nRUN pip install x\n");
        silent(&RULE, "ENV PIP_NO_CACHE_DIR=1\nRUN pip install x\n");
        silent(&RULE, "RUN pip install --no-cache-dir x\n");
        silent(&RULE, "RUN export PIP_NO_CACHE_DIR=1 && pip install MySQL_python\n");
        fires(&RULE, "RUN export PIP_NO_CACHE_DIR=0 && pip install MySQL_python\n");
        // exported after the install is too late
        fires(&RULE, "RUN pip install x && export PIP_NO_CACHE_DIR=1\n");
        // an ENV before the first FROM is not in any stage's image
        assert_eq!(
            spans(&RULE, "ENV PIP_NO_CACHE_DIR=1\nFROM p:1\nRUN pip install x\n"),
            ["pip install x"]
        );
    }

    #[test]
    fn fix() {
        assert_eq!(
            fix_converges(&RULE, "FROM p:1\nRUN pip install -r req.txt\n"),
            "FROM p:1\nRUN pip install --no-cache-dir -r req.txt\n"
        );
        assert_eq!(
            fix_converges(&RULE, "FROM p:1\nRUN python3 -m pip install --upgrade pip\n"),
            "FROM p:1\nRUN python3 -m pip install --no-cache-dir --upgrade pip\n"
        );
        fix_converges(&RULE, "RUN pip install flask\nFROM p:1\nRUN pip3.12 install django\n");
    }
}
