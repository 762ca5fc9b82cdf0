//! DW2014: `no-new-privileges` is not set.

use crate::diagnostics::{Diagnostic, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::rules::shared::fixes;
use crate::sources;
use dockwise_syntax::compose::Compose;
use dockwise_syntax::yaml::edit::{Editor, New};
use dockwise_syntax::yaml::Node;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW2014",
    name: "compose-no-new-privileges",
    severity: Severity::Info,
    kind: FileKind::Compose,
    title: text!("Processes may gain privileges (`no-new-privileges` not set)"),
    tags: &[Tag::Security],
    docs: docs! {
        what: "Flags a service whose `security_opt` lacks `no-new-privileges:true`.",
        why: "Without it, a process in the container can still gain privileges when it runs another program: through \
            a setuid-root binary (a `sudo` configured to allow it, a setuid helper with a local-root bug) or a \
            binary with file capabilities. That undoes running as a non-root user. The flag sets the kernel's \
            `no_new_privs`, so exec ignores setuid bits and file capabilities.",
        bad: "services:\n  api:\n    image: myapi:2.0.1\n    user: \"10001\"\n",
        good: "services:\n  api:\n    image: myapi:2.0.1\n    user: \"10001\"\n    security_opt:\n      - no-new-privileges:true\n",
        fix: "Add `security_opt: [\"no-new-privileges:true\"]`. It breaks only programs that rely on setuid or file \
            capabilities to gain privileges (`su`, `sudo`), which a container should not need.",
    },
    quiz: quiz! {
        question: "A container runs as user 10001. Its image holds a setuid-root helper with a known local-root bug. \
            What does `no-new-privileges:true` change?",
        choices: &[
            Choice {
                text: "Running the helper no longer grants root",
                correct: true,
                feedback: "With no_new_privs set, exec ignores the setuid bit: the helper runs as uid 10001 like its \
                    caller, so its bug no longer yields root.",
            },
            Choice {
                text: "Nothing: a non-root user cannot start setuid binaries",
                correct: false,
                feedback: "Any user who may execute the file can start it; the setuid bit exists precisely to run it \
                    with its owner's id.",
            },
            Choice {
                text: "Docker strips setuid bits from the image's files at start",
                correct: false,
                feedback: "The files stay as they are; the kernel simply ignores setuid bits and file capabilities \
                    when the process calls exec.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &["CL-0003"],
    check: Check::Compose(checker!(check)),
    standard: &[
        &Source {
            title: text!("Docker docs: docker container run: Optional security options (--security-opt)"),
            url: text!("https://docs.docker.com/reference/cli/docker/container/run/#security-opt"),
        },
        &Source {
            title: text!("Docker docs: Compose file reference: services.security_opt"),
            url: text!("https://docs.docker.com/reference/compose-file/services/#security_opt"),
        },
        &Source {
            title: text!(
                "CIS Docker Benchmark: Ensure that the container is restricted from acquiring additional \
                privileges"
            ),
            url: text!("https://www.cisecurity.org/benchmark/docker"),
        },
    ],
    concern: Some(&sources::PRIVILEGES),
    fixes: Fixes::Unsafe,
    scope: Scope::Service,
};

fn check(c: &Context<Compose>, out: &mut Reporter) {
    let ed = Editor::new(c.text);
    let flag = |o: &str| o.replace(' ', "");
    for s in &c.services {
        let set = s.strings("security_opt").iter().any(|(o, _)| {
            let o = flag(o);
            o == "no-new-privileges" || o == "no-new-privileges:true" || o == "no-new-privileges=true"
        });
        if !set {
            // a `no-new-privileges:false` item is turned around; else the flag is added
            let off = s.get("security_opt").and_then(Node::as_seq).and_then(|items| {
                items.iter().position(|i| {
                    i.scalar_text()
                        .is_some_and(|t| flag(&t).starts_with("no-new-privileges"))
                })
            });
            let edits = match off {
                Some(i) => ed.replace_item(s.node, &["security_opt"], i, "no-new-privileges:true"),
                None => ed.append(s.node, &["security_opt"], &New::scalar("no-new-privileges:true")),
            };
            out.push(
                Diagnostic::new(
                    s.key.span,
                    format!(
                        "service `{}` does not set `no-new-privileges:true`: setuid binaries can still raise privileges",
                        s.name
                    ),
                )
                .with_fix(|| fixes::unsafe_("add `no-new-privileges:true`", edits)),
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
        assert_eq!(spans(&RULE, "services:\n  a:\n    image: x:1\n"), ["a"]);
        fires(
            &RULE,
            "services:\n  a:\n    security_opt: [\"no-new-privileges:false\"]\n",
        );
    }

    #[test]
    fn good() {
        silent(
            &RULE,
            "services:\n  a:\n    security_opt:\n      - no-new-privileges:true\n",
        );
    }

    #[test]
    fn edge() {
        silent(&RULE, "services:\n  a:\n    security_opt: [no-new-privileges]\n");
    }

    #[test]
    fn fix() {
        assert_eq!(
            fixed(&RULE, "services:\n  a:\n    image: x:1\n"),
            "services:\n  a:\n    image: x:1\n    security_opt:\n      - no-new-privileges:true\n"
        );
        // merged into an existing list; a `false` turned around
        assert_eq!(
            fixed(&RULE, "services:\n  a:\n    security_opt:\n      - label:disable\n    image: x:1\n"),
            "services:\n  a:\n    security_opt:\n      - label:disable\n      - no-new-privileges:true\n    image: x:1\n"
        );
        assert_eq!(
            fixed(
                &RULE,
                "services:\n  a:\n    security_opt:\n    - no-new-privileges:false\n"
            ),
            "services:\n  a:\n    security_opt:\n    - no-new-privileges:true\n"
        );
        fix_converges(
            &RULE,
            "services:\n  a:\n    security_opt:\n  b:\n    security_opt: []\n",
        );
        assert!(run(
            &RULE,
            "services:\n  a:\n    security_opt: [\"no-new-privileges:false\"]\n"
        )[0]
        .fix
        .is_none());
    }
}
