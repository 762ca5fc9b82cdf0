//! DW1011: a variable that is empty where it is used (BuildKit's UndefinedVar,
//! limited to the cases that can be decided without the base image).

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::rules::shared::distance;
use crate::sources;
use dockwise_syntax::dockerfile::model::{variable_refs, PREDEFINED_ARGS};
use dockwise_syntax::dockerfile::{Args, Kind, Model};
use dockwise_syntax::span::Span;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW1011",
    name: "undefined-variable",
    severity: Severity::Warning,
    kind: FileKind::Dockerfile,
    title: text!("A variable is used where it is not defined"),
    tags: &[Tag::Correctness],
    docs: docs! {
        what: "Flags `$NAME` in instructions the builder expands (the defaults of ARGs in a stage, ENV, LABEL, COPY, \
            ADD, WORKDIR, USER, EXPOSE, VOLUME, STOPSIGNAL) when NAME is (1) an ARG declared only before the first FROM and not re-declared in \
            the stage, (2) defined only later in the stage, or (3) undefined but one or two letters away from a \
            defined name, or (4) undefined in a stage built on `scratch`, where no base image sets anything. Variables \
            a base image might set are not guessed at.",
        why: "An undefined variable expands to an empty string; older builders say nothing about it (recent BuildKit \
            reports UndefinedVar). The classic case: `ARG VERSION` before FROM, then `ENV APP_VERSION=$VERSION` in \
            the stage, which gives an empty APP_VERSION because global ARGs must be re-declared inside each stage \
            that uses them.",
        bad: "ARG VERSION=1.4.2\nFROM alpine:3.20\nENV APP_VERSION=$VERSION\n",
        good: "ARG VERSION=1.4.2\nFROM alpine:3.20\nARG VERSION\nENV APP_VERSION=$VERSION\n",
        fix: "Re-declare global ARGs inside the stage (`ARG VERSION` with no value inherits the global default), \
            define variables before using them, and check the spelling.",
    },
    quiz: quiz! {
        question: "`ARG VERSION=1` comes before FROM; inside the stage, `LABEL version=$VERSION`. What is the label?",
        choices: &[
            Choice {
                text: "Empty: the stage never declared VERSION",
                correct: true,
                feedback: "Global ARGs are visible only to FROM lines. `ARG VERSION` (no value) inside the stage \
                    brings the default in; without it the label is empty.",
            },
            Choice {
                text: "1: a global ARG is visible in every stage",
                correct: false,
                feedback: "A global ARG reaches a stage only when the stage declares it again with `ARG VERSION`.",
            },
            Choice {
                text: "The literal text `$VERSION`",
                correct: false,
                feedback: "LABEL expands variables; VERSION is simply undefined in the stage, so it expands to \
                    nothing.",
            },
            Choice {
                text: "The build stops with an undefined-variable error",
                correct: false,
                feedback: "BuildKit only warns (UndefinedVar); the build goes on with an empty value.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &["UndefinedVar"],
    check: Check::Dockerfile(checker!(check)),
    standard: &[
        &Source {
            title: text!("Docker docs: Build checks: UndefinedVar"),
            url: text!("https://docs.docker.com/reference/build-checks/undefined-var/"),
        },
        &sources::DOCKER_ARG_AND_FROM,
    ],
    concern: None,
    fixes: Fixes::No,
    scope: Scope::Place,
};

/// Variables the Linux base images and Docker itself set.
const COMMON_ENV: &[&str] = &[
    "PATH", "HOME", "HOSTNAME", "TERM", "PWD", "USER", "SHELL", "LANG", "LC_ALL", "UID", "GID",
];

fn check(cx: &Context<Model>, out: &mut Reporter) {
    let globals: Vec<&str> = cx
        .instructions()
        .iter()
        .take_while(|i| i.kind != Kind::From)
        .filter(|i| i.kind == Kind::Arg)
        .flat_map(|i| i.key_values().iter().map(|kv| &*kv.key.value))
        .collect();
    for stage in &cx.stages {
        // everything ARG/ENV define in the stage and the stages it builds on, with positions
        let lineage = cx.lineage(stage);
        let mut all_defs: Vec<(&str, usize)> = Vec::new();
        for s in &lineage {
            for (i, ins) in cx.body(s) {
                if matches!(ins.kind, Kind::Arg | Kind::Env) {
                    all_defs.extend(ins.key_values().iter().map(|kv| (&*kv.key.value, i)));
                }
            }
        }
        let ancestor = |i: usize| cx.stage_of[i] != Some(stage.index);
        // built on `scratch`: no base image sets anything, so every
        // undefined name is empty
        let on_scratch = lineage
            .last()
            .and_then(|root| cx.base_image(root))
            .is_some_and(|image| image.is_scratch());
        // the definitions sorted by (name, position): each name's first and
        // last one are bisected for every reference instead of searched
        let mut sorted = all_defs.clone();
        sorted.sort_unstable();
        let defs_of = |name: &str| {
            let from = sorted.partition_point(|(n, _)| *n < name);
            let to = from + sorted[from..].partition_point(|(n, _)| *n == name);
            &sorted[from..to]
        };
        for (i, ins) in cx.body(stage) {
            if !matches!(
                ins.kind,
                Kind::Arg
                    | Kind::Env
                    | Kind::Label
                    | Kind::Copy
                    | Kind::Add
                    | Kind::Workdir
                    | Kind::User
                    | Kind::Expose
                    | Kind::Volume
                    | Kind::Stopsignal
            ) {
                continue;
            }
            // (text, span) pieces the builder expands
            let mut pieces: Vec<(&str, Span)> = Vec::new();
            match &ins.args {
                Args::KeyValues(kvs) => {
                    pieces.extend(kvs.iter().filter_map(|kv| kv.value.as_ref()).map(|v| (&*v.raw, v.span)))
                }
                Args::List(ws) | Args::Exec(ws) => pieces.extend(ws.iter().map(|w| (&*w.raw, w.span))),
                Args::Text(w) => pieces.push((&*w.raw, w.span)),
                _ => {}
            }
            pieces.extend(
                ins.flags
                    .iter()
                    .filter_map(|f| Some((f.value.as_deref()?, f.value_span?))),
            );
            // the stages a stage builds on come before it: a name defined
            // before `i` or in one of them has its first definition there
            let defined_before = |name: &str| defs_of(name).first().is_some_and(|&(_, at)| at < i || ancestor(at));
            // one finding per name and instruction, as BuildKit reports it
            let mut reported: Vec<String> = Vec::new();
            for (text, span) in pieces {
                if !text.contains('$') {
                    continue;
                }
                for r in variable_refs(text, cx.df.escape) {
                    let name = r.name.as_str();
                    if r.has_default
                        || defined_before(name)
                        || PREDEFINED_ARGS.contains(&name)
                        || COMMON_ENV.contains(&name)
                    {
                        continue;
                    }
                    let at = Span::new(span.start + r.start as u32, (span.start + r.end as u32).min(span.end));
                    let message = if globals.contains(&name) {
                        format!(
                            "`{name}` is a global ARG: re-declare it in this stage (`ARG {name}`) or it is empty here"
                        )
                    } else if sorted.binary_search(&(name, i)).is_ok() {
                        format!("`{name}` is not defined before this instruction, so it is empty here")
                    } else if defs_of(name).last().is_some_and(|&(_, at)| at > i && !ancestor(at)) {
                        format!("`{name}` is defined only further down, so it is empty here")
                    } else if let Some(near) = all_defs
                        .iter()
                        .map(|(n, _)| n)
                        .chain(globals.iter())
                        .filter(|n| (1..=2).contains(&distance(n, name)) && n.len() > 2)
                        .min_by_key(|n| distance(n, name))
                    {
                        format!("`{name}` is not defined (did you mean `{near}`?)")
                    } else if on_scratch {
                        format!("`{name}` is not defined, and an image built FROM scratch sets nothing")
                    } else {
                        continue;
                    };
                    if reported.contains(&r.name) {
                        continue;
                    }
                    reported.push(r.name.clone());
                    out.report(at, message);
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
        assert_eq!(spans(&RULE, "ARG V=1\nFROM a:1\nLABEL v=$V\n"), ["$V"]);
        assert_eq!(
            spans(&RULE, "FROM a:1\nWORKDIR $APP_HOME\nENV APP_HOME=/app\n"),
            ["$APP_HOME"]
        );
        assert!(run(&RULE, "FROM a:1\nENV APP_HOME=/app\nWORKDIR $APP_HOEM\n")[0]
            .message
            .contains("did you mean `APP_HOME`"));
    }

    #[test]
    fn good() {
        silent(&RULE, "ARG V=1\nFROM a:1\nARG V\nLABEL v=$V\nENV P=/x:$PATH\n");
    }

    #[test]
    fn edge() {
        // possibly from the base image: not guessed at
        silent(&RULE, "FROM eclipse-temurin:21\nENV PATH=$JAVA_HOME/bin:$PATH\n");
        silent(&RULE, "FROM a:1 AS base\nENV X=1\nFROM base\nWORKDIR /$X\n");
        silent(&RULE, "FROM a:1\nCOPY ${SRC:-.} /app\nRUN echo $UNDEFINED_IN_RUN\n");
        // an ARG's default in a stage is expanded too
        assert_eq!(spans(&RULE, "ARG V=1\nFROM a:1\nARG W=$V\n"), ["$V"]);
        silent(&RULE, "ARG V=1\nFROM a:1\nARG V\nARG W=$V\n");
        // once per name and instruction
        assert_eq!(spans(&RULE, "FROM scratch\nCOPY $a $a $b /x/\n"), ["$a", "$b"]);
        // on scratch nothing comes from a base image
        assert_eq!(
            spans(&RULE, "FROM scratch AS a\nCOPY $foo .\nFROM a\nCOPY $bar .\n"),
            ["$foo", "$bar"]
        );
        assert!(run(&RULE, "FROM a:1\nENV V=${V}\n")[0]
            .message
            .contains("not defined before this instruction"));
    }
}
