//! DL3010: an archive COPYed in and then unpacked by RUN.

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use dockwise_syntax::dockerfile::{Kind, Model, Word};
use dockwise_syntax::span::Span;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DL3010",
    name: "add-for-archives",
    severity: Severity::Info,
    kind: FileKind::Dockerfile,
    title: text!("Archive copied and then extracted: ADD does both in one step"),
    tags: &[Tag::Size],
    docs: docs! {
        what: "Flags a COPY of a local archive (`.tar`, `.tar.gz`, `.tgz`, `.zip`...) that a later RUN of the same \
            stage extracts (`tar -x`, `unzip`, `gunzip`...).",
        why: "COPY stores the archive in one layer and the RUN stores the extracted files in another, so the image \
            carries both, even when the RUN deletes the archive afterwards.",
        bad: "FROM debian:12-slim\nCOPY rootfs.tar.gz /tmp/\n\
            RUN tar -xzf /tmp/rootfs.tar.gz -C /opt && rm /tmp/rootfs.tar.gz\n",
        good: "FROM debian:12-slim\nADD rootfs.tar.gz /opt/\n",
        fix: "For a tar archive (uncompressed, gzip, bzip2 or xz) use `ADD <archive> <dest>/`: it extracts the \
            archive itself and keeps only the files. ADD does not unpack other formats such as zip or zstd: mount \
            those for the one RUN instead of copying them (`RUN --mount=type=bind,source=app.zip,target=/tmp/app.zip \
            unzip /tmp/app.zip -d /opt`).",
    },
    quiz: quiz! {
        question: "The RUN that extracts the archive also deletes it. Why is the image still no smaller?",
        choices: &[
            Choice {
                text: "The archive is still stored in the COPY layer below",
                correct: true,
                feedback: "Layers only add: the delete hides the archive in the RUN's layer, while the COPY layer \
                    below still holds it.",
            },
            Choice {
                text: "rm cannot delete files that COPY created",
                correct: false,
                feedback: "It deletes them, but only in the new layer; the COPY layer below keeps its copy.",
            },
            Choice {
                text: "It is smaller: the files replace the archive",
                correct: false,
                feedback: "Each instruction adds a layer, so the archive's layer ships whatever later steps do.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Dockerfile(checker!(check)),
    standard: &[&Source {
        title: text!("Docker docs: Dockerfile reference (ADD: adding local tar archives)"),
        url: text!("https://docs.docker.com/reference/dockerfile/#adding-local-tar-archives"),
    }],
    concern: None,
    fixes: Fixes::No,
    scope: Scope::Place,
};

const ARCHIVES: &[&str] = &[
    ".tar",
    ".tar.gz",
    ".tgz",
    ".tar.bz2",
    ".tbz2",
    ".tbz",
    ".tar.xz",
    ".txz",
    ".tar.zst",
    ".tar.lz",
    ".tar.lzma",
    ".zip",
    ".gz",
    ".bz2",
    ".xz",
    ".lzma",
    ".zst",
    ".tb2",
    ".Z",
];
const UNPACKERS: &[&str] = &[
    "unzip",
    "gunzip",
    "bunzip2",
    "unlzma",
    "unxz",
    "zgz",
    "uncompress",
    "zcat",
    "gzcat",
];

fn basename(p: &str) -> &str {
    p.trim_matches(['"', '\'']).rsplit(['/', '\\']).next().unwrap_or(p)
}

fn is_archive(p: &str) -> bool {
    ARCHIVES.iter().any(|e| p.trim_matches(['"', '\'']).ends_with(e))
}

/// The names a RUN may extract a copied path by: its base name as written
/// (a Windows path such as `C:\tmp\x.tar.gz` keeps its backslashes, as in
/// hadolint) and as the builder reads it (escapes processed).
fn archive_names(w: &Word, span: Span, into: &mut Vec<(String, Span)>) {
    for text in [&*w.raw, &*w.value] {
        let name = basename(text);
        if is_archive(name) && !into.iter().any(|(n, s)| n == name && *s == span) {
            into.push((name.to_string(), span));
        }
    }
}

fn check(cx: &Context<Model>, out: &mut Reporter) {
    // the instructions before the first FROM are a section of their own (hadolint)
    for stage in cx.sections() {
        let mut archives: Vec<(String, Span)> = Vec::new();
        let mut reported: Vec<Span> = Vec::new();
        for (i, ins) in cx.body(stage) {
            match ins.kind {
                Kind::Copy if ins.flag("from").is_none() => {
                    let words = ins.words();
                    let Some((dest, sources)) = words.split_last() else {
                        continue;
                    };
                    // a destination named like an archive is the archive's new name
                    let named = if is_archive(&dest.raw) || is_archive(&dest.value) {
                        std::slice::from_ref(dest)
                    } else {
                        sources
                    };
                    for w in named {
                        archive_names(w, ins.keyword_span, &mut archives);
                    }
                }
                Kind::Run => {
                    let Some(script) = cx.script(i) else { continue };
                    for c in &script.commands {
                        let extracts = match c.name() {
                            Some("tar") => c.args().iter().any(|a| {
                                a.value == "--extract"
                                    || a.value == "--get"
                                    || (a.value.starts_with('-') && !a.value.starts_with("--") && a.value.contains('x'))
                                    || (a.value.starts_with('x') && !a.value.contains('/'))
                            }),
                            Some(n) => UNPACKERS.contains(&n),
                            None => false,
                        };
                        if !extracts {
                            continue;
                        }
                        for (name, span) in &archives {
                            if c.args().iter().any(|a| basename(&a.value) == name) && !reported.contains(span) {
                                reported.push(*span);
                                out.report(*span, format!("`{name}` is copied and then extracted: `ADD` extracts local archives in one layer"));
                            }
                        }
                    }
                }
                _ => {}
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
            spans(&RULE, "FROM a:1\nCOPY x.tar.gz /tmp/\nRUN tar xzf /tmp/x.tar.gz\n"),
            ["COPY"]
        );
        fires(&RULE, "FROM a:1\nCOPY app.zip /tmp/app.zip\nRUN unzip /tmp/app.zip\n");
    }

    #[test]
    fn good() {
        silent(&RULE, "FROM a:1\nADD x.tar.gz /opt/\n");
        silent(&RULE, "FROM a:1\nCOPY x.tar.gz /tmp/\n");
    }

    #[test]
    fn edge() {
        // another stage's files are out of scope, and so is a different archive
        silent(
            &RULE,
            "FROM a:1\nCOPY x.tar.gz /tmp/\nFROM b:1\nRUN tar -xf /tmp/x.tar.gz\n",
        );
        silent(&RULE, "FROM a:1\nCOPY x.tar.gz /tmp/\nRUN tar -xf /tmp/y.tar.gz\n");
        silent(
            &RULE,
            "FROM a:1\nCOPY --from=builder /usr/local/share/some.tar /opt/some.tar\nRUN tar -xf /opt/some.tar\n",
        );
        silent(
            &RULE,
            "FROM a:1\nCOPY package.json /usr/src/app\nRUN tar -xf package.json\n",
        );
    }

    #[test]
    fn snippets_without_from() {
        assert_eq!(
            spans(
                &RULE,
                "COPY packaged-app.tar /usr/src/app\nRUN tar -xf /usr/src/app/packaged-app.tar\n"
            ),
            ["COPY"]
        );
        fires(
            &RULE,
            "COPY packaged-app.tar /usr/src/app\nWORKDIR /usr/src/app\nRUN foo bar && echo something && tar -xf packaged-app.tar\n",
        );
        // copied under another archive name: that name is extracted
        fires(&RULE, "COPY foo/bar/packaged-app.tar /foo.tar\nRUN tar -xf /foo.tar\n");
        silent(
            &RULE,
            "COPY packaged-app.tar /usr/src/app\nFROM debian:11 AS newstage\n",
        );
        // the preamble and the stage after it are separate
        silent(&RULE, "COPY x.tar.gz /tmp/\nFROM a:1\nRUN tar -xf /tmp/x.tar.gz\n");
    }

    #[test]
    fn windows_paths_and_backslashes() {
        fires(
            &RULE,
            "COPY build\\foo\\bar.tar.gz \"C:\\Program Files\\Foo\"\nRUN tar -xf \"C:\\Program Files\\Foo\\bar.tar.gz\"\n",
        );
        fires(
            &RULE,
            "COPY build\\foo\\bar.tar.gz \"C:\\Program Files\\foo.tar.gz\"\nRUN tar -xf foo.tar.gz\n",
        );
        fires(
            &RULE,
            "FROM a:1\nCOPY x.tar.gz C:\\tmp\\x.tar.gz\nRUN tar -xf \"C:\\tmp\\x.tar.gz\"\n",
        );
        fires(
            &RULE,
            "FROM a:1\nCOPY x.tar.gz C:\\\\tmp\\\\x.tar.gz\nRUN tar -xf C:\\\\tmp\\\\x.tar.gz\n",
        );
        fires(
            &RULE,
            "FROM a:1\nCOPY dist\\x.tar.gz /tmp/\nRUN tar -xf /tmp/x.tar.gz\n",
        );
        fires(
            &RULE,
            "FROM a:1\nCOPY x.tar.gz /tmp/\nRUN [\"tar\", \"-xf\", \"C:\\\\tmp\\\\x.tar.gz\"]\n",
        );
        // unquoted in a POSIX shell, `\t` is a plain `t`: another file
        silent(&RULE, "FROM a:1\nCOPY x.tar.gz /tmp/\nRUN tar -xf C:\\tmp\\x.tar.gz\n");
    }
}
