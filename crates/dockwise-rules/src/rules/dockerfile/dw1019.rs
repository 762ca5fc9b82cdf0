//! DW1019: files or folders made world-writable.

use super::helpers::fixes::in_shell_text;
use crate::diagnostics::{Diagnostic, Edit, Fix, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use dockwise_syntax::dockerfile::{Kind, Model};
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW1019",
    name: "world-writable",
    severity: Severity::Warning,
    kind: FileKind::Dockerfile,
    title: text!("Files are made writable by everyone (chmod 777)"),
    tags: &[Tag::Security],
    docs: docs! {
        what: "Flags `chmod` in RUN, and `--chmod` on COPY/ADD, that give write permission to all users: octal modes \
            like `777` or `666` (the sticky `1777` of temp folders passes) and symbolic ones like `o+w`, `a+rwx`.",
        why: "`chmod 777` is usually a shortcut around a permission error. It lets any process in the container, \
            whatever user it runs as, replace your code, config or scripts, so one compromised process can change \
            what all the others run. The least-privilege fix gives write access only to the directory that needs it, \
            owned by the one user that writes there.",
        bad: "FROM node:20-slim\nWORKDIR /app\nCOPY . .\nRUN chmod -R 777 /app\nUSER node\n",
        good: "FROM node:20-slim\nWORKDIR /app\nCOPY . .\nRUN mkdir -p /app/cache && chown node:node /app/cache\n\
            USER node\n",
        fix: "Leave code and config owned by root and read-only for the app; create the directories it writes to and \
            give them to its user (`chown node:node /app/cache`, or `COPY --chown=` for files it must change). Keep \
            modes like 755 for directories and 644 for files.",
    },
    quiz: quiz! {
        question: "The app, running as `node`, cannot write to /app/cache. What is the least-privilege fix?",
        choices: &[
            Choice {
                text: "Give /app/cache to the `node` user",
                correct: true,
                feedback: "Only the directory that must be written changes owner; the code stays root-owned and \
                    read-only for the app.",
            },
            Choice {
                text: "`chmod -R 777 /app`",
                correct: false,
                feedback: "Every user in the container could then rewrite the whole app, code included.",
            },
            Choice {
                text: "`COPY --chown=node . .` so the app owns its files",
                correct: false,
                feedback: "That makes all the code writable by the app: a compromised process could change what it \
                    runs. Only the cache needs it.",
            },
            Choice {
                text: "Run the container as root",
                correct: false,
                feedback: "Root can write everything, which is the opposite of least privilege.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Dockerfile(checker!(check)),
    standard: &[&Source {
        title: text!("Docker docs: Dockerfile reference (COPY --chown)"),
        url: text!("https://docs.docker.com/reference/dockerfile/#copy---chown"),
    }],
    concern: None,
    fixes: Fixes::Unsafe,
    scope: Scope::Place,
};

/// Does the mode give write permission to others?
/// A numeric mode without the write bit for others (777 → 775): unsafe, as
/// a user that is neither the owner nor in the group can no longer write.
fn without_others_write(mode: &str) -> Option<String> {
    let (rest, last) = mode.split_at(mode.len().checked_sub(1)?);
    let others = last.chars().next()?.to_digit(8)?;
    (rest.chars().all(|c| c.is_digit(8)) && !rest.is_empty()).then(|| format!("{rest}{}", others & !2))
}

pub fn world_writable(mode: &str) -> bool {
    if !mode.is_empty() && mode.chars().all(|c| c.is_ascii_digit() && c < '8') {
        let digits: Vec<u32> = mode.chars().filter_map(|c| c.to_digit(8)).collect();
        let others = *digits.last().unwrap_or(&0);
        let sticky = digits.len() == 4 && digits[0] & 1 == 1;
        return others & 2 == 2 && !sticky;
    }
    mode.split(',').any(|clause| {
        let who: String = clause.chars().take_while(|c| "ugoa".contains(*c)).collect();
        let rest = &clause[who.len()..];
        (rest.starts_with('+') || rest.starts_with('='))
            && rest.contains('w')
            && (who.contains('o') || who.contains('a'))
    })
}

fn check(cx: &Context<Model>, out: &mut Reporter) {
    for (i, cmd) in cx.commands(true) {
        if cmd.name() != Some("chmod") {
            continue;
        }
        if let Some(mode) = cmd.positionals(&["--reference"]).first() {
            if world_writable(&mode.value) {
                let fix = || {
                    without_others_write(&mode.value)
                        .filter(|_| mode.span.text(cx.source) == mode.raw && in_shell_text(cx, i, mode.span))
                        .and_then(|m| Fix::unsafe_(format!("use mode {m}").as_str(), vec![Edit::replace(mode.span, m)]))
                };
                out.push(
                    Diagnostic::new(
                        mode.span,
                        format!(
                            "`chmod {}` lets every user write here: give ownership to the app's user instead",
                            mode.value
                        ),
                    )
                    .with_fix(fix),
                );
            }
        }
    }
    for ins in cx
        .instructions()
        .iter()
        .map(|i| i.effective())
        .filter(|i| matches!(i.kind, Kind::Copy | Kind::Add))
    {
        for f in ins.flags_named("chmod") {
            if f.value.as_deref().is_some_and(world_writable) {
                out.report(
                    f.span,
                    "these files become writable by every user: use `--chown` and a mode like 644/755",
                );
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
        assert_eq!(spans(&RULE, "FROM a:1\nRUN chmod -R 0777 /app\n"), ["0777"]);
        fires(&RULE, "FROM a:1\nRUN chmod a+rwx /data\n");
        fires(&RULE, "FROM a:1\nCOPY --chmod=666 x /x\n");
    }

    #[test]
    fn good() {
        silent(
            &RULE,
            "FROM a:1\nRUN chmod 755 /app && chmod u+x run.sh && chmod 1777 /tmp/x\n",
        );
    }

    #[test]
    fn edge() {
        silent(&RULE, "FROM a:1\nCOPY --chmod=755 x /x\n");
        fires(&RULE, "FROM a:1\nRUN chmod go+w,u+x /srv\n");
    }

    #[test]
    fn fix() {
        assert_eq!(
            fix_converges(&RULE, "FROM a:1\nRUN chmod -R 777 /app && chmod 0666 /f\n"),
            "FROM a:1\nRUN chmod -R 775 /app && chmod 0664 /f\n"
        );
        // symbolic modes: no fix
        assert!(run(&RULE, "FROM a:1\nRUN chmod o+w /f\n")[0].fix.is_none());
    }
}
