//! DL3020: ADD used where COPY does the job.

use super::helpers::is_absolute;
use crate::diagnostics::{Diagnostic, Edit, Fix, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use dockwise_syntax::dockerfile::{Instruction, Kind, Model};
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DL3020",
    name: "copy-not-add",
    severity: Severity::Error,
    kind: FileKind::Dockerfile,
    title: text!("ADD used for plain files: use COPY"),
    tags: &[Tag::Security, Tag::Reliability],
    docs: docs! {
        what: "Flags ADD whose sources are ordinary files or folders: not a URL, not a git repository and not a local \
            archive.",
        why: "ADD does more than copy: it extracts local tar archives (recognised by their content, not their name), \
            downloads URLs and clones Git repositories. For your own files those extra behaviours only surprise: \
            readers wonder which one was meant, and a file that later turns out to be a tar archive is unpacked. \
            COPY just copies.",
        bad: "FROM alpine:3.20\nADD app/ /srv/app/\n",
        good: "FROM alpine:3.20\nCOPY app/ /srv/app/\n",
        fix: "Use COPY for files and folders from the build context. Keep ADD for what only it does: extracting a \
            local tar archive, or fetching a URL or Git repository (pinned with `ADD --checksum=...`).",
    },
    quiz: quiz! {
        question: "When is ADD the right instruction rather than COPY?",
        choices: &[
            Choice {
                text: "To unpack a local tar or fetch a URL or Git repo",
                correct: true,
                feedback: "Extraction, URLs and Git sources are what ADD adds; `--checksum` can pin the remote ones. \
                    For plain files COPY is clearer.",
            },
            Choice {
                text: "To copy a whole directory with its subdirectories",
                correct: false,
                feedback: "COPY copies directories recursively too.",
            },
            Choice {
                text: "To copy files out of an earlier build stage",
                correct: false,
                feedback: "That is `COPY --from=<stage>`; ADD has no `--from`.",
            },
            Choice {
                text: "To make the copied files executable",
                correct: false,
                feedback: "`COPY --chmod=755` does that; ADD has the same flag, nothing more.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Dockerfile(checker!(check)),
    standard: &[
        &Source {
            title: text!("Docker docs: Building best practices (ADD or COPY)"),
            url: text!("https://docs.docker.com/build/building/best-practices/#add-or-copy"),
        },
        &Source {
            title: text!("CIS Docker Benchmark 4.9: Ensure that COPY is used instead of ADD in Dockerfiles"),
            url: text!("https://www.cisecurity.org/benchmark/docker"),
        },
    ],
    concern: None,
    fixes: Fixes::Safe,
    scope: Scope::Place,
};

const ARCHIVES: &[&str] = &[
    ".tar",
    ".tar.gz",
    ".tgz",
    ".tar.bz2",
    ".tbz",
    ".tbz2",
    ".tar.xz",
    ".txz",
    ".tar.zst",
    ".tar.lz",
    ".tar.lzma",
    ".tb2",
    ".gz",
    ".bz2",
    ".xz",
    ".zst",
];

pub fn is_archive(path: &str) -> bool {
    let p = path.to_ascii_lowercase();
    ARCHIVES.iter().any(|e| p.ends_with(e))
}

pub fn is_remote(src: &str) -> bool {
    let s = src.to_ascii_lowercase();
    s.starts_with("http://")
        || s.starts_with("https://")
        || s.starts_with("git@")
        || s.ends_with(".git")
        || s.contains(".git#")
}

fn check(cx: &Context<Model>, out: &mut Reporter) {
    for (i, top) in cx.instructions().iter().enumerate() {
        let ins = top.effective();
        if ins.kind != Kind::Add || !ins.heredocs.is_empty() {
            continue;
        }
        let words = ins.words();
        let Some((_, sources)) = words.split_last() else {
            continue;
        };
        if sources.is_empty()
            || sources
                .iter()
                .any(|w| is_archive(&w.value) || is_remote(&w.value) || w.value.contains('$'))
        {
            continue;
        }
        out.push(
            Diagnostic::new(
                ins.keyword_span,
                "ADD copies plain files here: use COPY, and keep ADD for archives and checked downloads",
            )
            .with_fix(|| to_copy(cx, i, ins)),
        );
    }
}

/// ADD → COPY, the keyword in the same case. Not when ADD has flags COPY
/// lacks, nor where the COPY would be flagged (DL3045: a relative
/// destination without WORKDIR; DW1024: the whole context before an install;
/// DL3010: a destination named like an archive).
fn to_copy(cx: &Model, i: usize, ins: &Instruction) -> Option<Fix> {
    let flags_ok = ins
        .flags
        .iter()
        .all(|f| matches!(f.name.as_str(), "chown" | "chmod" | "link" | "exclude"));
    let words = ins.words();
    let dest = words.last()?;
    let top_level = !cx.is_onbuild(i);
    let section = match cx.stage_of.get(i).copied().flatten() {
        Some(s) => &cx.stages[s],
        None => cx.preamble.as_ref()?,
    };
    let workdir = cx
        .lineage(section)
        .iter()
        .flat_map(|s| cx.body(s))
        .any(|(j, w)| w.kind == Kind::Workdir && (j < i || cx.stage_of.get(j) != cx.stage_of.get(i)));
    let whole_context = words.len() == 2 && matches!(&*words[0].value, "." | "./");
    let later_run = cx.body(section).any(|(j, w)| j > i && w.kind == Kind::Run);
    let flagged_as_copy = top_level
        && ((!workdir && !is_absolute(&dest.value)) || (whole_context && later_run) || is_archive(&dest.value));
    if !flags_ok || flagged_as_copy {
        return None;
    }
    let copy = if ins.keyword.chars().all(|c| !c.is_lowercase()) {
        "COPY"
    } else if ins.keyword.chars().all(|c| !c.is_uppercase()) {
        "copy"
    } else {
        "Copy"
    };
    Fix::safe("use COPY", vec![Edit::replace(ins.keyword_span, copy)])
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::*;

    #[test]
    fn bad() {
        assert_eq!(spans(&RULE, "FROM a:1\nADD . /app\n"), ["ADD"]);
        fires(&RULE, "FROM a:1\nADD [\"conf.ini\", \"/etc/\"]\n");
    }

    #[test]
    fn good() {
        silent(&RULE, "FROM a:1\nCOPY . /app\n");
        silent(&RULE, "FROM a:1\nADD rootfs.tar.gz /\n");
        silent(
            &RULE,
            "FROM a:1\nADD --checksum=sha256:abc https://example.com/x.bin /x\n",
        );
    }

    #[test]
    fn edge() {
        silent(&RULE, "FROM a:1\nADD https://github.com/org/repo.git#v1.0 /src\n");
        silent(&RULE, "FROM a:1\nADD <<EOF /etc/motd\nhello\nEOF\n");
        fires(&RULE, "FROM a:1\nONBUILD ADD . /app\n");
    }

    #[test]
    fn fix() {
        assert_eq!(
            fix_converges(&RULE, "FROM a:1\nADD app/ /srv/app/\n"),
            "FROM a:1\nCOPY app/ /srv/app/\n"
        );
        assert_eq!(
            fix_converges(&RULE, "FROM a:1\nWORKDIR /app\nadd --chown=1:1 . .\n"),
            "FROM a:1\nWORKDIR /app\ncopy --chown=1:1 . .\n"
        );
        fix_converges(&RULE, "FROM a:1\nONBUILD ADD . /app\n");
        let fixes = |src: &str| run(&RULE, src).iter().filter(|f| f.fix.is_some()).count();
        // COPY has no --checksum or --keep-git-dir
        assert_eq!(fixes("FROM a:1\nADD --keep-git-dir=true ./x /x\n"), 0);
        // a COPY that another rule would flag: relative destination and no
        // WORKDIR (DL3045), the whole context before an install (DW1024)
        assert_eq!(fixes("FROM a:1\nADD app.py app/\n"), 0);
        assert_eq!(fixes("FROM a:1\nADD . /app\nRUN pip install -r /app/req.txt\n"), 0);
        assert_eq!(fixes("FROM a:1 AS b\nWORKDIR /w\nFROM b\nADD app.py app/\n"), 1);
    }
}
