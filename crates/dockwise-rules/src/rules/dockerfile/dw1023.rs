//! DW1023: a Go binary built with cgo, then run on an image without libc.

use super::helpers::env_in_stage;
use super::helpers::fixes::in_shell_text;
use crate::diagnostics::{Diagnostic, Edit, Fix, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::sources;
use dockwise_syntax::dockerfile::{Kind, Model};
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW1023",
    name: "go-static-build",
    severity: Severity::Warning,
    kind: FileKind::Dockerfile,
    title: text!("Go binary may need libc, but the final image has none"),
    tags: &[Tag::Reliability],
    docs: docs! {
        what: "Flags `go build` in a stage whose output the final stage copies, when the final stage is `scratch` or \
            a static distroless image (no C library) and the build does not set `CGO_ENABLED=0` (inline, through \
            `env`, or by ENV in the stage).",
        why: "With cgo on (the default for native builds when a C compiler is found, as in the golang images), a \
            program that uses cgo, directly or through standard packages such as `net` or `os/user`, is linked \
            dynamically against glibc. `scratch` and `distroless/static` have no libc and no dynamic loader, so the \
            container dies at start with a confusing `no such file or directory` (about the missing loader, not your \
            binary).",
        bad: "FROM golang:1.22 AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app .\nFROM scratch\n\
            COPY --from=build /out/app /app\nENTRYPOINT [\"/app\"]\n",
        good: "FROM golang:1.22 AS build\nWORKDIR /src\nCOPY . .\n\
            RUN CGO_ENABLED=0 go build -trimpath -ldflags=\"-s -w\" -o /out/app .\nFROM scratch\n\
            COPY --from=build /out/app /app\nENTRYPOINT [\"/app\"]\n",
        fix: "Build a static binary with `CGO_ENABLED=0 go build ...` (add `-trimpath -ldflags=\"-s -w\"` to make it \
            smaller and reproducible). If you need cgo, use a final image with glibc such as `gcr.io/distroless/base`.",
    },
    quiz: quiz! {
        question: "A Go binary built in golang:1.22 fails in `scratch` with `no such file or directory`. Why?",
        choices: &[
            Choice {
                text: "Its dynamic loader and libc are not in scratch",
                correct: true,
                feedback: "With cgo on, packages such as `net` link the binary dynamically. The kernel cannot find \
                    its ELF interpreter (ld-linux) and reports that as `no such file or directory`; `CGO_ENABLED=0` \
                    gives a static binary.",
            },
            Choice {
                text: "The COPY put the binary at a different path",
                correct: false,
                feedback: "The file is there: the missing file is the ELF interpreter the binary asks for, which \
                    `file` or `ldd` on the binary reveals.",
            },
            Choice {
                text: "scratch cannot run Go programs without a runtime",
                correct: false,
                feedback: "Go programs carry their own runtime; a statically linked binary runs in scratch fine.",
            },
            Choice {
                text: "COPY dropped the binary's executable bit",
                correct: false,
                feedback: "A missing execute bit gives `permission denied`, not `no such file or directory`, and \
                    COPY keeps the mode.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Dockerfile(checker!(check)),
    standard: &[
        &Source {
            title: text!("Go docs: cgo (CGO_ENABLED and its default)"),
            url: text!("https://pkg.go.dev/cmd/cgo"),
        },
        &Source {
            title: text!("Docker docs: Go language guide (a CGO_ENABLED=0 build in a multi-stage Dockerfile)"),
            url: text!("https://docs.docker.com/guides/golang/build-images/#multi-stage-builds"),
        },
    ],
    concern: Some(&sources::MULTI_STAGE),
    fixes: Fixes::Unsafe,
    scope: Scope::Place,
};

fn libc_free(img: &dockwise_syntax::dockerfile::ImageRef) -> bool {
    img.is_scratch() || img.text.contains("distroless/static") || img.text.starts_with("cgr.dev/chainguard/static")
}

fn check(cx: &Context<Model>, out: &mut Reporter) {
    let Some(last) = cx.final_stage() else { return };
    let root = *cx.lineage(last).last().unwrap_or(&last);
    if !cx.base_image(root).is_some_and(libc_free) {
        return;
    }
    // stages the final stage copies from
    let sources: Vec<usize> = cx
        .body(last)
        .filter(|(_, i)| i.kind == Kind::Copy)
        .filter_map(|(_, i)| {
            i.flag("from")
                .and_then(|f| f.value.as_deref())
                .and_then(|v| cx.stage_ref(v, last.index))
        })
        .collect();
    for s in sources {
        let stage = &cx.stages[s];
        let env_off = env_in_stage(cx, stage, "CGO_ENABLED").is_some_and(|v| v.trim() == "0");
        if env_off {
            continue;
        }
        for (i, _, script) in cx.runs(stage, false) {
            for c in script.commands.iter().filter(|c| {
                c.name() == Some("go") && c.positionals(&["-o"]).first().is_some_and(|w| w.value == "build")
            }) {
                let inline_off = c
                    .assignments
                    .iter()
                    .chain(c.words.iter())
                    .any(|w| w.value == "CGO_ENABLED=0");
                let exported = script
                    .commands
                    .iter()
                    .any(|e| e.name() == Some("export") && e.args().iter().any(|a| a.value == "CGO_ENABLED=0"));
                if !inline_off && !exported {
                    // before `go` when it is the command's first word: unsafe,
                    // code that needs cgo no longer builds
                    let go = c
                        .words
                        .first()
                        .filter(|w| c.program == Some(0) && in_shell_text(cx, i, w.span));
                    let fix = || {
                        go.and_then(|w| {
                            Fix::unsafe_(
                                "build with CGO_ENABLED=0",
                                vec![Edit::insert(w.span.start, "CGO_ENABLED=0 ")],
                            )
                        })
                    };
                    out.push(
                        Diagnostic::new(
                            c.program_span(),
                            "this binary may link against glibc, which the final image lacks: build with `CGO_ENABLED=0`",
                        )
                        .with_fix(fix),
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
        assert_eq!(spans(&RULE, "FROM golang:1 AS b\nRUN go build -o /app .\nFROM gcr.io/distroless/static-debian12\nCOPY --from=b /app /app\n"), ["go build -o /app ."]);
    }

    #[test]
    fn good() {
        silent(
            &RULE,
            "FROM golang:1 AS b\nENV CGO_ENABLED=0\nRUN go build -o /app .\nFROM scratch\nCOPY --from=b /app /app\n",
        );
        silent(&RULE, "FROM golang:1 AS b\nRUN export CGO_ENABLED=0 && go build -o /app .\nFROM scratch\nCOPY --from=b /app /app\n");
    }

    #[test]
    fn edge() {
        // distroless/base has glibc: cgo binaries run there
        silent(&RULE, "FROM golang:1 AS b\nRUN go build -o /app .\nFROM gcr.io/distroless/base-debian12\nCOPY --from=b /app /app\n");
    }

    #[test]
    fn fix() {
        assert_eq!(
            fix_converges(
                &RULE,
                "FROM golang:1.22 AS b\nRUN go build -o /app .\nFROM scratch\nCOPY --from=b /app /app\n"
            ),
            "FROM golang:1.22 AS b\nRUN CGO_ENABLED=0 go build -o /app .\nFROM scratch\nCOPY --from=b /app /app\n"
        );
    }
}
