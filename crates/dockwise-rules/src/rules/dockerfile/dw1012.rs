//! DW1012: `ENV key value` / `LABEL key value` (BuildKit's LegacyKeyValueFormat).

use super::helpers::fixes::push_literal;
use crate::diagnostics::{Diagnostic, Edit, Fix, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use dockwise_syntax::dockerfile::{Kind, Model, Word};
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW1012",
    name: "legacy-key-value-format",
    severity: Severity::Info,
    kind: FileKind::Dockerfile,
    title: text!("ENV or LABEL in the legacy `key value` form"),
    tags: &[Tag::Correctness],
    docs: docs! {
        what: "Flags `ENV key value` and `LABEL key value` written with a space instead of `=` (BuildKit's \
            LegacyKeyValueFormat).",
        why: "In the legacy form everything after the first space is the value, so `ENV A 1 B 2` sets A to `1 B 2`, \
            not two variables. The `key=value` form is unambiguous, allows several pairs per line, and the old form \
            is deprecated.",
        bad: "FROM alpine:3.20\nENV APP_HOME /srv/app\n",
        good: "FROM alpine:3.20\nENV APP_HOME=/srv/app\n",
        fix: "Write `key=value` (quote values with spaces: `ENV GREETING=\"hello world\"`).",
    },
    quiz: quiz! {
        question: "What does `ENV A 1 B 2` set?",
        choices: &[
            Choice {
                text: "One variable, A, with the value `1 B 2`",
                correct: true,
                feedback: "In the legacy form only the first word is a key and everything after the first space is \
                    its value: B is not set at all.",
            },
            Choice {
                text: "Two variables: A=1 and B=2",
                correct: false,
                feedback: "That needs `ENV A=1 B=2`; in the legacy form only the first word is a key.",
            },
            Choice {
                text: "A=1; the rest is dropped with a warning",
                correct: false,
                feedback: "Nothing is dropped: the rest of the line becomes A's value. The LegacyKeyValueFormat \
                    warning is about the form, not about lost words.",
            },
            Choice {
                text: "Nothing: the build fails with a syntax error",
                correct: false,
                feedback: "It parses, which is the trap: BuildKit only warns about the legacy form.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &["LegacyKeyValueFormat"],
    check: Check::Dockerfile(checker!(check)),
    standard: &[&Source {
        title: text!("Docker docs: Build checks: LegacyKeyValueFormat"),
        url: text!("https://docs.docker.com/reference/build-checks/legacy-key-value-format/"),
    }],
    concern: None,
    fixes: Fixes::Safe,
    scope: Scope::Place,
};

fn check(cx: &Context<Model>, out: &mut Reporter) {
    for ins in cx.instructions().iter().map(|i| i.effective()) {
        if !matches!(ins.kind, Kind::Env | Kind::Label) {
            continue;
        }
        for kv in ins.key_values().iter().filter(|kv| kv.legacy) {
            let fix = || {
                kv.value
                    .as_ref()
                    .and_then(|v| double_quoted(layout(cx, v), cx.df.escape))
                    .and_then(|v| {
                        Fix::safe(
                            "use key=value",
                            vec![Edit::replace(kv.raw.span, format!("{}={v}", kv.key.raw))],
                        )
                    })
            };
            out.push(
                Diagnostic::new(
                    kv.raw.span,
                    format!(
                        "legacy form: write `{} {}={}`",
                        ins.kind.keyword(),
                        kv.key.raw,
                        kv.value.as_ref().map(|v| &*v.raw).unwrap_or("")
                    ),
                )
                .with_fix(fix),
            );
        }
    }
}

/// The value's source text when it differs from the value only by line
/// continuations (kept, so that a value written on several lines stays so),
/// else the value as BuildKit reads it.
fn layout<'a>(cx: &'a Model, v: &'a Word) -> &'a str {
    let source = v.span.text(cx.source);
    let esc = cx.df.escape;
    let joined = source
        .replace(&format!("{esc}\r\n"), "")
        .replace(&format!("{esc}\n"), "");
    if joined == *v.raw {
        source
    } else {
        &v.raw
    }
}

/// The legacy form's value (the rest of the line, as written) as one
/// double-quoted word that BuildKit's word processing turns into the same
/// value: quoted parts and escapes resolved as it resolves them, `$NAME` and
/// `${NAME}` kept for expansion, literal `"`, `$` and escape characters
/// escaped. None where that is not certain (an unclosed quote, an escape at
/// the end, quotes or escapes inside `${...}`).
fn double_quoted(raw: &str, escape: char) -> Option<String> {
    let mut out = String::with_capacity(raw.len() + 2);
    out.push('"');
    let mut chars = raw.chars();
    let mut buf = [0u8; 4];
    while let Some(c) = chars.next() {
        match c {
            // already double-quoted: the same inside ours
            '"' => loop {
                match chars.next()? {
                    '"' => break,
                    c if c == escape => {
                        out.push(c);
                        out.push(chars.next()?);
                    }
                    c => out.push(c),
                }
            },
            '\'' => loop {
                match chars.next()? {
                    '\'' => break,
                    c if c == escape && continues(&mut chars, &mut out, c) => {}
                    c => push_literal(&mut out, c.encode_utf8(&mut buf), escape),
                }
            },
            '$' => {
                out.push('$');
                if chars.as_str().starts_with('{') {
                    loop {
                        let c = chars.next()?;
                        if c == '"' || c == '\'' || c == escape {
                            return None;
                        }
                        out.push(c);
                        if c == '}' {
                            break;
                        }
                    }
                }
            }
            c if c == escape && continues(&mut chars, &mut out, c) => {}
            c if c == escape => push_literal(&mut out, chars.next()?.encode_utf8(&mut buf), escape),
            c => out.push(c),
        }
    }
    out.push('"');
    Some(out)
}

/// A line continuation (the escape character, then the line break) is the
/// Dockerfile's, read before any quoting: it stays as written.
fn continues(chars: &mut std::str::Chars, out: &mut String, escape: char) -> bool {
    let rest = chars.as_str();
    let n = if rest.starts_with('\n') {
        1
    } else if rest.starts_with("\r\n") {
        2
    } else {
        return false;
    };
    out.push(escape);
    out.extend(chars.take(n));
    true
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::*;

    #[test]
    fn bad() {
        assert_eq!(spans(&RULE, "FROM a:1\nENV A 1\n"), ["A 1"]);
        fires(&RULE, "FROM a:1\nLABEL maintainer Jane\n");
    }

    #[test]
    fn good() {
        silent(&RULE, "FROM a:1\nENV A=1 B=\"two words\"\n");
    }

    #[test]
    fn edge() {
        silent(&RULE, "FROM a:1\nARG A\n");
    }

    /// The value the Dockerfile's word processing gives ENV `key` in `src`.
    fn value_of(src: &str) -> String {
        let df = dockwise_syntax::dockerfile::parse(src);
        df.instructions[1].key_values()[0]
            .value
            .as_ref()
            .map(|v| v.value.to_string())
            .unwrap_or_default()
    }

    #[test]
    fn fix() {
        assert_eq!(fix_converges(&RULE, "FROM a:1\nENV A 1\n"), "FROM a:1\nENV A=\"1\"\n");
        assert_eq!(
            fix_converges(&RULE, "FROM a:1\nLABEL maintainer Jane Doe\n"),
            "FROM a:1\nLABEL maintainer=\"Jane Doe\"\n"
        );
        for (src, fixed) in [
            (
                "FROM a:1\nENV PATH $PATH:/opt/bin\n",
                "FROM a:1\nENV PATH=\"$PATH:/opt/bin\"\n",
            ),
            (
                "FROM a:1\nENV A \"two  words\" 'it''s'\n",
                "FROM a:1\nENV A=\"two  words its\"\n",
            ),
            (
                "FROM a:1\nENV A 'say \"hi\" $x'\n",
                "FROM a:1\nENV A=\"say \\\"hi\\\" \\$x\"\n",
            ),
            (
                "FROM a:1\nENV A a\\ b \\$c ${D:-x}\n",
                "FROM a:1\nENV A=\"a b \\$c ${D:-x}\"\n",
            ),
            ("FROM a:1\nENV A \"x \\\" y\"\n", "FROM a:1\nENV A=\"x \\\" y\"\n"),
            (
                "# escape=`\nFROM a:1\nENV A C:\\dir `\"q`\"\n",
                "# escape=`\nFROM a:1\nENV A=\"C:\\dir `\"q`\"\"\n",
            ),
        ] {
            assert_eq!(fix_converges(&RULE, src), fixed, "{src}");
            if !src.starts_with('#') {
                assert_eq!(value_of(fixed), value_of(src), "{src}");
            }
        }
        // a value on several lines keeps its lines
        let src = "FROM a:1\nENV DEPS \\\n\t\tautoconf \\\n\t\t'g++' \\\n\t\tmake\n";
        let fixed = fix_converges(&RULE, src);
        assert_eq!(fixed, "FROM a:1\nENV DEPS=\"autoconf \\\n\t\tg++ \\\n\t\tmake\"\n");
        assert_eq!(value_of(&fixed), value_of(src));
        // ... unless a comment line sits inside: then on one line
        let src = "FROM a:1\nENV DEPS a \\\n# why\n  b\n";
        assert_eq!(fix_converges(&RULE, src), "FROM a:1\nENV DEPS=\"a   b\"\n");
        // not certain what BuildKit makes of these: no fix
        for src in ["FROM a:1\nENV A 'open\n", "FROM a:1\nENV A ${B:-\"x\"}\n"] {
            assert!(run(&RULE, src)[0].fix.is_none(), "{src}");
        }
    }
}
