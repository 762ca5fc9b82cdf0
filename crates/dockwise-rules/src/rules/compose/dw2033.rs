//! DW2033: `security_opt` switches off seccomp, AppArmor, SELinux labels or
//! the masking of system paths.

use crate::diagnostics::{Diagnostic, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::rules::shared::fixes;
use crate::sources;
use dockwise_syntax::compose::Compose;
use dockwise_syntax::yaml::edit::Editor;
use dockwise_syntax::yaml::Node;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW2033",
    name: "compose-unconfined-profile",
    severity: Severity::Warning,
    kind: FileKind::Compose,
    title: text!("`security_opt` turns off seccomp, AppArmor or SELinux confinement"),
    tags: &[Tag::Security],
    docs: docs! {
        what: "Flags `security_opt` entries that remove a layer of confinement: `seccomp:unconfined`, \
            `apparmor:unconfined`, `label:disable` and `systempaths=unconfined` (with `:` or `=`, in any case).",
        why: "Docker confines every container by default: seccomp blocks system calls that ordinary programs never \
            make (and that many kernel exploits need), AppArmor or SELinux limit which files and mounts a process may \
            touch, and `/proc` and `/sys` paths that leak or change host state are masked. Each `unconfined` entry \
            takes one of these layers away, so a bug in the app or in the kernel is one step closer to the host.",
        bad: "services:\n  app:\n    image: acme/app:1.4\n    security_opt:\n      - seccomp:unconfined\n",
        good: "services:\n  app:\n    image: acme/app:1.4\n    security_opt:\n      - no-new-privileges:true\n",
        fix: "Remove the entry. If one system call or path is really needed, write a custom seccomp or AppArmor \
            profile that allows just that (`seccomp:./profile.json`) instead of switching confinement off.",
    },
    quiz: quiz! {
        question: "`strace` fails in a container, and the first answer online is `seccomp:unconfined`. What does \
            that entry do?",
        choices: &[
            Choice {
                text: "Lets the container make every system call, dangerous ones included",
                correct: true,
                feedback: "The default profile is gone for the whole container, not just for `strace`; a profile \
                    that adds `ptrace` is the narrow fix.",
            },
            Choice {
                text: "Allows only the `ptrace` call that strace needs and keeps the rest of the default profile",
                correct: false,
                feedback: "`unconfined` is all or nothing; a custom profile is how one call is added.",
            },
            Choice {
                text: "Nothing in Compose: `security_opt` is read only by Swarm",
                correct: false,
                feedback: "Compose passes it to the container like `docker run --security-opt`.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &["CL-0009"],
    check: Check::Compose(checker!(check)),
    standard: &[
        &Source {
            title: text!("CIS Docker Benchmark: Ensure that the default seccomp profile is not Disabled"),
            url: text!("https://www.cisecurity.org/benchmark/docker"),
        },
        &sources::DOCKER_SECCOMP,
        &Source {
            title: text!("Docker docs: AppArmor security profiles for Docker"),
            url: text!("https://docs.docker.com/engine/security/apparmor/"),
        },
    ],
    concern: Some(&sources::PRIVILEGES),
    fixes: Fixes::Unsafe,
    scope: Scope::Place,
};

/// What an entry switches off, if it is one of the unconfined ones.
fn switched_off(entry: &str) -> Option<&'static str> {
    let e: String = entry
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase();
    let (key, value) = e.split_once([':', '='])?;
    match (key, value) {
        ("seccomp", "unconfined") => Some("seccomp filtering"),
        ("apparmor", "unconfined") => Some("AppArmor confinement"),
        ("label", "disable") => Some("SELinux labelling"),
        ("systempaths", "unconfined") => Some("the masking of /proc and /sys paths"),
        _ => None,
    }
}

fn check(c: &Context<Compose>, out: &mut Reporter) {
    let ed = Editor::new(c.text);
    for s in &c.services {
        let Some(opts) = s.get("security_opt") else { continue };
        let items: Vec<&Node> = match opts.as_seq() {
            Some(items) => items.iter().collect(),
            None => vec![opts],
        };
        let flagged: Vec<(usize, &Node, &str, String)> = items
            .iter()
            .enumerate()
            .filter_map(|(i, n)| {
                let text = n.scalar_text()?;
                switched_off(&text).map(|what| (i, *n, what, text))
            })
            .collect();
        // when every entry goes, the key goes with them
        let all = flagged.len() == items.len();
        for (index, node, what, text) in flagged {
            let fix = || {
                if all {
                    fixes::unsafe_("remove `security_opt`", ed.remove(s.node, &["security_opt"]))
                } else {
                    fixes::unsafe_(
                        &format!("remove `{text}`"),
                        ed.remove_item(s.node, &["security_opt"], index),
                    )
                }
            };
            out.push(
                Diagnostic::new(
                    node.span,
                    format!("service `{}` turns off {what} with `{text}`", s.name),
                )
                .with_fix(fix),
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
            spans(
                &RULE,
                "services:\n  a:\n    security_opt:\n      - seccomp:unconfined\n      - apparmor=unconfined\n      - label:disable\n      - \"systempaths=unconfined\"\n      - no-new-privileges:true\n"
            ),
            ["seccomp:unconfined", "apparmor=unconfined", "label:disable", "\"systempaths=unconfined\""]
        );
        assert_eq!(
            run(&RULE, "services:\n  a:\n    security_opt: [\"seccomp=unconfined\"]\n")[0].message,
            "service `a` turns off seccomp filtering with `seccomp=unconfined`"
        );
        fires(
            &RULE,
            "services:\n  a:\n    security_opt:\n      - \"Seccomp = Unconfined\"\n",
        );
    }

    #[test]
    fn good() {
        silent(
            &RULE,
            "services:\n  a:\n    security_opt:\n      - no-new-privileges:true\n      - seccomp:./profile.json\n      - apparmor:docker-default\n      - label:type:svirt_apache_t\n",
        );
        // a comment is not an entry
        silent(
            &RULE,
            "services:\n  a:\n    security_opt:\n      # - seccomp:unconfined\n      - no-new-privileges:true\n",
        );
    }

    #[test]
    fn fix() {
        // one entry of several: that item goes
        assert_eq!(
            fix_converges(
                &RULE,
                "services:\n  a:\n    image: x:1\n    security_opt:\n      - no-new-privileges:true\n      - seccomp:unconfined  # strace\n    read_only: true\n"
            ),
            "services:\n  a:\n    image: x:1\n    security_opt:\n      - no-new-privileges:true\n    read_only: true\n"
        );
        // every entry: the key goes
        assert_eq!(
            fix_converges(
                &RULE,
                "services:\n  a:\n    image: x:1\n    security_opt:\n      - seccomp:unconfined\n      - apparmor:unconfined\n    read_only: true\n"
            ),
            "services:\n  a:\n    image: x:1\n    read_only: true\n"
        );
        // a flow list with all entries flagged: the key goes too
        assert_eq!(
            fix_converges(
                &RULE,
                "services:\n  a:\n    image: x:1\n    security_opt: [label=disable]\n"
            ),
            "services:\n  a:\n    image: x:1\n"
        );
    }
}
