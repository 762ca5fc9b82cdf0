//! DW2030: a key written twice in one mapping of a compose file.

use crate::diagnostics::{Diagnostic, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::rules::shared::fixes::{self, drop_earlier_duplicates};
use crate::rules::shared::line_of;
use crate::sources;
use dockwise_syntax::compose::Compose;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW2030",
    name: "compose-duplicate-key",
    severity: Severity::Error,
    kind: FileKind::Compose,
    title: text!("A key is written twice in the same mapping"),
    tags: &[Tag::Correctness],
    docs: docs! {
        what: "Flags the second occurrence of a key in one mapping (two `image:` in a service, two `environment:` \
            blocks, two `<<:` merge keys), at the later key. Dockwise keeps checking the file, with the later value \
            (the one kubectl would keep for a manifest); every other rule's findings still hold.",
        why: "`docker compose` (Compose v2, go-yaml v3) refuses the file: \"mapping key already defined\", nothing \
            starts. Older tools and other YAML readers silently keep one of the two values, so the same file means \
            different things to different tools, and half of what you wrote is ignored. A second `<<:` is refused \
            the same way since Compose 2.17, although many tutorials still show it.",
        bad: "services:\n  web:\n    image: nginx:1.27\n    environment:\n      LOG_LEVEL: info\n    environment:\n      WORKERS: \"4\"\n",
        good: "services:\n  web:\n    image: nginx:1.27\n    environment:\n      LOG_LEVEL: info\n      WORKERS: \"4\"\n",
        fix: "Merge the two entries into one, keeping what both meant. For several anchors, use one merge key with a \
            list: `<<: [*base, *logging]`.",
    },
    quiz: quiz! {
        question: "A service has two `environment:` blocks. What does `docker compose up` do?",
        choices: &[
            Choice {
                text: "It stops: \"mapping key already defined\"",
                correct: true,
                feedback: "Compose's YAML reader rejects a key written twice in one mapping, so nothing starts until \
                    the two blocks are merged.",
            },
            Choice {
                text: "It merges both blocks into one environment",
                correct: false,
                feedback: "YAML has no such merging: a mapping holds each key once, so the blocks have to be merged \
                    by hand.",
            },
            Choice {
                text: "It silently uses the last block",
                correct: false,
                feedback: "Some readers do (kubectl's, for manifests), which is why the mistake hides so well; \
                    Compose stops instead.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Compose(checker!(check)),
    standard: &[
        &sources::YAML_UNIQUE_KEYS,
        &Source {
            title: text!("Docker docs: Compose file reference: Fragments (anchors and merge keys)"),
            url: text!("https://docs.docker.com/reference/compose-file/fragments/"),
        },
    ],
    concern: None,
    fixes: Fixes::Unsafe,
    scope: Scope::Place,
};

fn check(c: &Context<Compose>, out: &mut Reporter) {
    let edits = drop_earlier_duplicates(c.text, c.duplicates);
    for (d, edits) in c.duplicates.iter().zip(edits) {
        let line = line_of(c.text, d.first.start);
        let message = if d.merge {
            format!(
                "a second `<<` merge key in this mapping (the first is on line {line}): docker compose refuses it; \
                 merge several sources with one key, `<<: [*a, *b]`"
            )
        } else {
            format!(
                "`{}` is written twice in this mapping (first on line {line}): docker compose refuses the file; \
                 Dockwise checked this later value and ignored the first",
                d.key
            )
        };
        // the earlier entry goes: what is left is what Dockwise checked, but it may be the one meant
        let fix = || fixes::unsafe_(&format!("delete the first `{}`", d.key), edits);
        out.push(
            Diagnostic::new(d.span, message)
                .with_related(d.first, "first written here")
                .with_fix(fix),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::engine::lint;
    use crate::options::LintOptions;
    use crate::testing::*;
    use dockwise_syntax::FileKind;

    #[test]
    fn bad() {
        assert_eq!(
            spans(
                &RULE,
                "services:\n  web:\n    image: nginx:1.27\n    ports: [\"80:80\"]\n    image: nginx:1.26\n"
            ),
            ["image"]
        );
        // in a flow mapping too, and a service defined twice
        assert_eq!(
            spans(&RULE, "services:\n  a: {image: x:1, image: x:2}\n  b: {}\n  a: {}\n"),
            ["image", "a"]
        );
    }

    #[test]
    fn good() {
        silent(
            &RULE,
            "x-base: &base\n  restart: always\nservices:\n  a:\n    <<: *base\n    restart: \"no\"\n  b:\n    <<: *base\n",
        );
    }

    #[test]
    fn edge() {
        // two merge keys: Compose refuses them, the message says how to merge
        let r = run(
            &RULE,
            "x-a: &a {restart: always}\nx-b: &b {init: true}\nservices:\n  s:\n    <<: *a\n    <<: *b\n",
        );
        assert_eq!(r.len(), 1);
        assert!(r[0].message.contains("<<: [*a, *b]"), "{}", r[0].message);
        assert_eq!(r[0].related[0].message, "first written here");
        // the rest of the file is still checked, with the later value, and no syntax error
        let text = "services:\n  web:\n    image: nginx:1.27\n    privileged: false\n    privileged: true\n";
        let all = lint(
            text,
            &LintOptions {
                kind: Some(FileKind::Compose),
                ..Default::default()
            },
        );
        assert!(!all.has_syntax_errors());
        let ids: Vec<_> = all.findings.iter().map(|f| f.rule.id).collect();
        assert!(ids.contains(&"DW2030") && ids.contains(&"DW2002"), "{ids:?}");
    }

    #[test]
    fn fix() {
        assert_eq!(
            fixed(
                &RULE,
                "services:\n  web:\n    image: nginx:1.27\n    # old\n    ports:\n      - \"80:80\"\n    ports:\n      - \"8080:80\"\n"
            ),
            "services:\n  web:\n    image: nginx:1.27\n    # old\n    ports:\n      - \"8080:80\"\n"
        );
        // a service defined twice, and a key three times
        fix_converges(
            &RULE,
            "services:\n  a:\n    image: x:1\n  b:\n    image: y:1\n  a:\n    image: x:2\n    init: true\n    init: false\n    init: true\n",
        );
        // in a flow mapping, or two merge keys: no fix
        assert!(run(&RULE, "services:\n  a: {image: x:1, image: x:2}\n")[0]
            .fix
            .is_none());
        assert!(run(
            &RULE,
            "x-a: &a {restart: always}\nx-b: &b {init: true}\nservices:\n  s:\n    <<: *a\n    <<: *b\n"
        )[0]
        .fix
        .is_none());
    }
}
