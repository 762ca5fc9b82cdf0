//! DW1028: the JVM's heap is not sized for the container.

use super::helpers::fixes::{insert_in_stage, keyword};
use crate::diagnostics::{Diagnostic, Fix, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule};
use crate::sources;
use dockwise_syntax::dockerfile::model::startup_script;
use dockwise_syntax::dockerfile::{Kind, Model};
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW1028",
    name: "jvm-heap-unbounded",
    severity: Severity::Info,
    kind: FileKind::Dockerfile,
    title: text!("A Java app without a heap size set relative to the container"),
    tags: &[Tag::Reliability],
    docs: docs! {
        what: "Flags a final stage (or a file without FROM) that starts `java` when neither its command nor `JAVA_TOOL_OPTIONS`, `JAVA_OPTS`, \
            `JDK_JAVA_OPTIONS` set `-Xmx`, `-XX:MaxRAMPercentage` or `-XX:MaxRAM`.",
        why: "A container-aware JVM (Java 10 and later) defaults the heap to a quarter of the container's memory \
            limit: often far too little, so the app runs short and garbage-collects constantly. Older JVMs ignore the \
            limit altogether, size the heap from the host's memory and get killed by the kernel's OOM killer. Setting \
            the heap relative to the limit (`-XX:MaxRAMPercentage=75`) keeps it predictable and leaves room for the \
            rest of the JVM.",
        bad: "FROM eclipse-temurin:21-jre\nCOPY app.jar /app.jar\nCMD [\"java\", \"-jar\", \"/app.jar\"]\n",
        good: "FROM eclipse-temurin:21-jre\nCOPY app.jar /app.jar\nENV JAVA_TOOL_OPTIONS=\"-XX:MaxRAMPercentage=75\"\n\
            CMD [\"java\", \"-jar\", \"/app.jar\"]\n",
        fix: "Add `-XX:MaxRAMPercentage=75` (or a fixed `-Xmx`, sized below the container's memory limit) to the \
            command or `JAVA_TOOL_OPTIONS`, and set a memory limit for the container.",
    },
    quiz: quiz! {
        question: "A Java 21 container has a 2 GiB memory limit and no heap flags. How large can its heap grow?",
        choices: &[
            Choice {
                text: "About 512 MiB: a quarter of the limit by default",
                correct: true,
                feedback: "Right: often too small; raise it with MaxRAMPercentage.",
            },
            Choice {
                text: "2 GiB",
                correct: false,
                feedback: "The default is a fraction of the limit.",
            },
            Choice {
                text: "A quarter of the host's memory",
                correct: false,
                feedback: "Only JVMs older than 10 (without container support) do that.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Dockerfile(checker!(check)),
    standard: &[&sources::CIS_LIMITS, &sources::K8S_RESOURCES],
    concern: Some(&sources::RESOURCE_LIMITS),
    fixes: Fixes::Unsafe,
};

const SIZED: &[&str] = &["-Xmx", "-XX:MaxRAMPercentage", "-XX:MaxRAM=", "-XX:MaxRAMFraction"];

fn check(cx: &Context<Model>, out: &mut Reporter) {
    // a file without FROM (a snippet) is checked as a one-stage file
    let Some(last) = cx.final_section() else { return };
    let lineage = cx.lineage(last);
    let env_sized = lineage.iter().any(|s| {
        cx.body(s).any(|(_, i)| {
            i.kind == Kind::Env
                && i.key_values().iter().any(|kv| {
                    matches!(
                        &*kv.key.value,
                        "JAVA_TOOL_OPTIONS" | "JAVA_OPTS" | "JDK_JAVA_OPTIONS" | "_JAVA_OPTIONS"
                    ) && kv
                        .value
                        .as_ref()
                        .is_some_and(|v| SIZED.iter().any(|f| v.value.contains(f)))
                })
        })
    });
    if env_sized {
        return;
    }
    for kind in [Kind::Entrypoint, Kind::Cmd] {
        let Some((_, ins)) = cx.last_in_lineage(last, kind) else {
            continue;
        };
        let Some(script) = startup_script(ins) else { continue };
        let java = script.commands.iter().find(|c| c.name() == Some("java"));
        if let Some(c) = java {
            let sized = c.args().iter().any(|a| {
                SIZED.iter().any(|f| a.value.starts_with(f))
                    || a.value.contains("JAVA_OPTS")
                    || a.value.contains("JAVA_TOOL_OPTIONS")
            });
            if !sized {
                // an ENV the JVM reads, unless one is set already (it would be
                // replaced); unsafe: the heap size changes
                let set = lineage.iter().any(|s| {
                    cx.body(s).any(|(_, i)| {
                        i.kind == Kind::Env && i.key_values().iter().any(|kv| kv.key.value == "JAVA_TOOL_OPTIONS")
                    })
                });
                let env = format!("{} JAVA_TOOL_OPTIONS=\"-XX:MaxRAMPercentage=75\"\n", keyword(cx, "ENV"));
                let fix = || (!set && !last.is_preamble())
                    .then(|| {
                        Fix::unsafe_(
                            "size the heap with JAVA_TOOL_OPTIONS",
                            vec![insert_in_stage(cx, last, last.from, &env)],
                        )
                    })
                    .flatten();
                out.push(
                    Diagnostic::new(
                        c.program_span(),
                        "the JVM heap is not sized for the container: add `-XX:MaxRAMPercentage=75` (or `-Xmx`)",
                    )
                    .with_fix(fix),
                );
            }
            return;
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
            spans(&RULE, "FROM e:1\nENTRYPOINT [\"java\", \"-jar\", \"/a.jar\"]\n"),
            ["\"java\", \"-jar\", \"/a.jar\""]
        );
    }

    #[test]
    fn good() {
        silent(&RULE, "FROM e:1\nCMD java -Xmx512m -jar /a.jar\n");
        silent(
            &RULE,
            "FROM e:1\nENV JAVA_OPTS=\"-XX:MaxRAMPercentage=75\"\nCMD [\"java\", \"-jar\", \"/a.jar\"]\n",
        );
    }

    #[test]
    fn edge() {
        silent(
            &RULE,
            "FROM e:1\nCMD [\"sh\", \"-c\", \"exec java $JAVA_OPTS -jar /a.jar\"]\n",
        );
        silent(&RULE, "FROM e:1\nCMD [\"python\", \"app.py\"]\n");
    }

    #[test]
    fn snippets_without_from() {
        fires(&RULE, "CMD [\"java\", \"-jar\", \"/a.jar\"]\n");
        silent(
            &RULE,
            "ENV JAVA_TOOL_OPTIONS=-Xmx1g\nCMD [\"java\", \"-jar\", \"/a.jar\"]\n",
        );
        silent(&RULE, "CMD [\"java\", \"-jar\", \"/a.jar\"]\nFROM e:1\n");
    }

    #[test]
    fn fix() {
        assert_eq!(
            fix_converges(
                &RULE,
                "FROM eclipse-temurin:21-jre\nCOPY app.jar /app.jar\nCMD [\"java\", \"-jar\", \"/app.jar\"]\n"
            ),
            "FROM eclipse-temurin:21-jre\nCOPY app.jar /app.jar\nENV JAVA_TOOL_OPTIONS=\"-XX:MaxRAMPercentage=75\"\n\
             CMD [\"java\", \"-jar\", \"/app.jar\"]\n"
        );
        // JAVA_TOOL_OPTIONS set already: the ENV would replace it
        assert!(run(
            &RULE,
            "FROM e:1\nENV JAVA_TOOL_OPTIONS=\"-Dx=1\"\nCMD [\"java\", \"-jar\", \"/app.jar\"]\n"
        )[0]
        .fix
        .is_none());
    }
}
