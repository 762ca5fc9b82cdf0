//! DW1019: files or folders made world-writable.

use super::helpers::fixes::in_shell_text;
use crate::diagnostics::{Diagnostic, Edit, Fix, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule};
use crate::sources;
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
            including a compromised one running as another user, replace your code, config or scripts. The \
            least-privilege fix is to give ownership to the one user that needs to write.",
        bad: "FROM node:20-slim\nWORKDIR /app\nCOPY . .\nRUN chmod -R 777 /app\nUSER node\n",
        good: "FROM node:20-slim\nWORKDIR /app\nCOPY --chown=node:node . .\nUSER node\n",
        fix: "Give the files to the user that runs the app (`COPY --chown=app:app`, `chown -R app /app/data`) and \
            keep modes like 755 for folders and 644 for files; make only data directories writable, and only by their \
            owner.",
    },
    quiz: quiz! {
        question: "The app cannot write to /app/cache. What is the least-privilege fix?",
        choices: &[
            Choice {
                text: "`chown` /app/cache to the app's user",
                correct: true,
                feedback: "Right: only that user gets write access.",
            },
            Choice {
                text: "`chmod -R 777 /app`",
                correct: false,
                feedback: "Every user could then rewrite the whole app.",
            },
            Choice {
                text: "Run the container as root",
                correct: false,
                feedback: "That trades one problem for a bigger one.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Dockerfile(checker!(check)),
    standard: &[&sources::CIS_DOCKER],
    concern: None,
    fixes: Fixes::Unsafe,
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
                let fix = || without_others_write(&mode.value)
                    .filter(|_| mode.span.text(cx.source) == mode.raw && in_shell_text(cx, i, mode.span))
                    .and_then(|m| Fix::unsafe_(format!("use mode {m}").as_str(), vec![Edit::replace(mode.span, m)]));
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
