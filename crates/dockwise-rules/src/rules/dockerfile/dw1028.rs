//! DW1028: the JVM's heap is not sized for the container.

use super::helpers::fixes::{insert_in_stage, keyword};
use crate::diagnostics::{Diagnostic, Fix, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
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
        what: "Flags a final stage (or a file without FROM) whose CMD or ENTRYPOINT runs `java` without `-Xmx`, \
            `-XX:MaxRAMPercentage` or `-XX:MaxRAM`, when no variable the JVM reads by itself (`JAVA_TOOL_OPTIONS`, \
            `JDK_JAVA_OPTIONS`, `_JAVA_OPTIONS`) sets one either. `JAVA_OPTS` is only a convention of start scripts: \
            it counts when the command hands it to java through a shell (`java $JAVA_OPTS -jar app.jar`), not when \
            it is merely set.",
        why: "A JVM that can read the container's cgroup limit sizes its default maximum heap at a quarter of it \
            (MaxRAMPercentage is 25): often too little for a container that runs only the JVM, so the app collects \
            garbage constantly or runs out of heap. A JVM that cannot read the limit (Java 8 before its \
            container-support backport; on cgroup v2 hosts, anything older than JDK 15, 11.0.16 or 8u372) sizes the \
            heap from the host's memory instead and can outgrow the limit until the kernel kills the container. \
            Setting the heap relative to the limit (`-XX:MaxRAMPercentage=75`) keeps it predictable and leaves room \
            for the rest of the JVM.",
        bad: "FROM eclipse-temurin:21-jre\nCOPY app.jar /app.jar\nCMD [\"java\", \"-jar\", \"/app.jar\"]\n",
        good: "FROM eclipse-temurin:21-jre\nCOPY app.jar /app.jar\nENV JAVA_TOOL_OPTIONS=\"-XX:MaxRAMPercentage=75\"\n\
            CMD [\"java\", \"-jar\", \"/app.jar\"]\n",
        fix: "Put `-XX:MaxRAMPercentage=75` (or a fixed `-Xmx` below the container's memory limit) on the java \
            command line or in `JAVA_TOOL_OPTIONS`, and give the container a memory limit. If you keep `JAVA_OPTS`, \
            let a shell expand it: `CMD [\"sh\", \"-c\", \"exec java $JAVA_OPTS -jar /app.jar\"]` (exec form alone \
            does not expand variables, and `exec` keeps java as PID 1).",
    },
    quiz: quiz! {
        question: "A Java 21 container has a 2 GiB memory limit and no heap flags. What is its maximum heap?",
        choices: &[
            Choice {
                text: "About 512 MiB, a quarter of it",
                correct: true,
                feedback: "A container-aware JVM reads the cgroup limit and defaults the maximum heap to 25% of it \
                    (MaxRAMPercentage): often too small for a container that runs nothing else.",
            },
            Choice {
                text: "Close to 2 GiB, the whole limit",
                correct: false,
                feedback: "The default maximum is a quarter of the memory the JVM sees, leaving the rest for the JVM \
                    itself and the OS; going higher takes a flag.",
            },
            Choice {
                text: "A quarter of the host's memory",
                correct: false,
                feedback: "Only JVMs that cannot read the container's limit do that, for example Java 8 before 8u372 \
                    on a cgroup v2 host; Java 21 reads it.",
            },
            Choice {
                text: "About 1 GiB, half of the limit",
                correct: false,
                feedback: "For a 2 GiB limit the default is a quarter (MaxRAMPercentage=25), not a half.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Dockerfile(checker!(check)),
    standard: &[
        &Source {
            title: text!("JDK docs: The java command (JDK_JAVA_OPTIONS, -XX:MaxRAMPercentage)"),
            url: text!("https://docs.oracle.com/en/java/javase/21/docs/specs/man/java.html"),
        },
        &Source {
            title: text!("JDK docs: Troubleshooting guide (the JAVA_TOOL_OPTIONS environment variable)"),
            url: text!("https://docs.oracle.com/en/java/javase/21/troubleshoot/environment-variables-and-system-properties.html"),
        },
        &Source {
            title: text!("Docker docs: Resource constraints (memory limits and the OOM killer)"),
            url: text!("https://docs.docker.com/engine/containers/resource_constraints/#memory"),
        },
    ],
    concern: Some(&sources::RESOURCE_LIMITS),
    fixes: Fixes::Unsafe,
    scope: Scope::Place,
};

/// The flags that size the heap.
const SIZED: &[&str] = &[
    "-Xmx",
    "-XX:MaxRAMPercentage",
    "-XX:MaxRAM=",
    "-XX:MaxRAMFraction",
    "-XX:MaxHeapSize",
];

/// The variables the JVM (`JAVA_TOOL_OPTIONS`, HotSpot's `_JAVA_OPTIONS`) or
/// the `java` launcher (`JDK_JAVA_OPTIONS`) read by themselves. `JAVA_OPTS`
/// is not one: only start scripts that pass it on read it.
const READ_BY_JAVA: &[&str] = &["JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS"];

/// Does the shell word expand the variable `name` (`$NAME`, `${NAME...}`)?
fn expands(word: &str, name: &str) -> bool {
    word.match_indices(name).any(|(i, _)| {
        let before = &word[..i];
        let after = &word[i + name.len()..];
        let ends = !after.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_');
        ends && (before.ends_with('$') || before.ends_with("${"))
    })
}

fn check(cx: &Context<Model>, out: &mut Reporter) {
    // a file without FROM (a snippet) is checked as a one-stage file
    let Some(last) = cx.final_section() else { return };
    let lineage = cx.lineage(last);
    // the variables ENV sets to a value with a heap flag
    let mut sized_vars: Vec<&str> = Vec::new();
    for s in &lineage {
        for (_, i) in cx.body(s).filter(|(_, i)| i.kind == Kind::Env) {
            for kv in i.key_values() {
                if kv
                    .value
                    .as_ref()
                    .is_some_and(|v| SIZED.iter().any(|f| v.value.contains(f)))
                {
                    sized_vars.push(&kv.key.value);
                }
            }
        }
    }
    if sized_vars.iter().any(|v| READ_BY_JAVA.contains(v)) {
        return;
    }
    for kind in [Kind::Entrypoint, Kind::Cmd] {
        let Some((_, ins)) = cx.last_in_lineage(last, kind) else {
            continue;
        };
        let Some(script) = startup_script(ins) else { continue };
        let java = script.commands.iter().find(|c| c.name() == Some("java"));
        if let Some(c) = java {
            // a heap flag on the command line, or a variable a shell expands
            // there: a sized one, or JAVA_OPTS left to be set at run time.
            // Exec form expands nothing: `["java", "$JAVA_OPTS"]` passes the
            // text `$JAVA_OPTS`.
            let sized = c.args().iter().any(|a| {
                SIZED.iter().any(|f| a.value.starts_with(f))
                    || a.dynamic
                        && ["JAVA_OPTS", "JAVA_TOOL_OPTIONS"]
                            .iter()
                            .chain(&sized_vars)
                            .any(|v| expands(&a.value, v))
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
                let fix = || {
                    (!set && !last.is_preamble())
                        .then(|| {
                            Fix::unsafe_(
                                "size the heap with JAVA_TOOL_OPTIONS",
                                vec![insert_in_stage(cx, last, last.from, &env)],
                            )
                        })
                        .flatten()
                };
                let message = match sized_vars.first() {
                    Some(v) => format!(
                        "`{v}` sets the heap, but `java` never reads it: pass it on the command line through a \
                         shell (`java ${v} ...`) or set `JAVA_TOOL_OPTIONS` instead"
                    ),
                    None => "the JVM heap is not sized for the container: add `-XX:MaxRAMPercentage=75` (or `-Xmx`)"
                        .to_string(),
                };
                out.push(Diagnostic::new(c.program_span(), message).with_fix(fix));
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
            "FROM e:1\nCMD [\"java\", \"-XX:MaxHeapSize=1g\", \"-jar\", \"/a.jar\"]\n",
        );
        // the variables the JVM and the launcher read by themselves
        for var in ["JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS"] {
            silent(
                &RULE,
                &format!("FROM e:1\nENV {var}=\"-XX:MaxRAMPercentage=75\"\nCMD [\"java\", \"-jar\", \"/a.jar\"]\n"),
            );
        }
    }

    /// `java` never reads JAVA_OPTS: it counts only when a shell expands it
    /// on the command line.
    #[test]
    fn java_opts_only_counts_when_passed_on() {
        let unread = run(
            &RULE,
            "FROM e:1\nENV JAVA_OPTS=-Xmx400m\nCMD [\"java\", \"-jar\", \"/a.jar\"]\n",
        );
        assert_eq!(unread.len(), 1);
        assert!(
            unread[0]
                .message
                .contains("`JAVA_OPTS` sets the heap, but `java` never reads it"),
            "{}",
            unread[0].message
        );
        assert!(unread[0].fix.is_some());
        // exec form does not expand `$JAVA_OPTS`: java gets the text itself
        fires(
            &RULE,
            "FROM e:1\nENV JAVA_OPTS=-Xmx400m\nCMD [\"java\", \"$JAVA_OPTS\", \"-jar\", \"/a.jar\"]\n",
        );
        // a shell expands it
        silent(
            &RULE,
            "FROM e:1\nENV JAVA_OPTS=-Xmx400m\nCMD java $JAVA_OPTS -jar /a.jar\n",
        );
        silent(
            &RULE,
            "FROM e:1\nENV JAVA_OPTS=-Xmx400m\nCMD [\"sh\", \"-c\", \"exec java ${JAVA_OPTS} -jar /a.jar\"]\n",
        );
        // any variable that holds a heap flag, when a shell passes it on
        silent(
            &RULE,
            "FROM e:1\nENV JVM_ARGS=-Xmx1g\nCMD [\"sh\", \"-c\", \"exec java $JVM_ARGS -jar /a.jar\"]\n",
        );
        // a different variable on the command line does not pass JVM_ARGS
        fires(
            &RULE,
            "FROM e:1\nENV JVM_ARGS=-Xmx1g\nCMD [\"sh\", \"-c\", \"exec java $JVM_ARGS_EXTRA -jar /a.jar\"]\n",
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
