//! A POSIX shell model for RUN (and shell-form CMD/ENTRYPOINT/HEALTHCHECK):
//! the text is split into simple commands at `&&`, `||`, `;`, `|`, `&`,
//! newlines, subshells, `$(...)` and backticks, and every word keeps its span
//! in the Dockerfile (across `\` continuations). It is a model for linting,
//! not an interpreter: nothing is expanded, and it never fails: odd input
//! gives odd words, not an error.
//!
//! The parts: `words` holds the word and token types, `commands` a simple
//! command and its queries (with the wrapper tables), `lexer` the lexer that
//! builds a [`Script`]; this module holds [`Script`] and re-exports the rest.

mod commands;
mod expand;
mod lexer;
mod words;

pub use commands::Command;
pub use expand::{parts, Expansion, ExpansionKind, SingleQuoted, WordParts};
pub use lexer::MAX_NESTING;
pub use words::{Bang, Compound, ForLoop, Redirect, Sep, ShHeredoc, ShWord};

use crate::span::{OffsetMap, Span};

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Script<'s> {
    /// Every simple command, in source order (a substitution's commands come
    /// before the command that contains it).
    pub commands: Vec<Command<'s>>,
    pub heredocs: Vec<ShHeredoc>,
    /// Source offsets of every `|` pipe operator (also after `{ ...; }` or a
    /// subshell, where no simple command carries the pipe).
    pub pipes: Vec<u32>,
    /// The first `$(` or backtick nested deeper than [`MAX_NESTING`] levels:
    /// the commands inside it (and inside any other that deep) are not read.
    pub too_deep: Option<Span>,
    /// Every `for` loop header, in source order.
    pub loops: Vec<ForLoop<'s>>,
    /// Every `!` negating a pipeline, in source order.
    pub bangs: Vec<Bang>,
    /// Every compound command, in the order they end.
    pub compounds: Vec<Compound>,
}

impl<'s> Script<'s> {
    /// Parses `text`, which sits at logical offset `base` of `map`.
    pub fn parse(text: &'s str, map: &OffsetMap, base: usize) -> Script<'s> {
        lexer::parse(text, map, base)
    }

    /// Commands whose program is `name`.
    pub fn commands_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Command<'a>> + 'a {
        self.commands.iter().filter(move |c| c.name() == Some(name))
    }

    /// Commands that run `name` (as the program or through a wrapper).
    pub fn invoking<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Command<'a>> + 'a {
        self.commands.iter().filter(move |c| c.invokes(name))
    }

    pub fn uses(&self, name: &str) -> bool {
        self.invoking(name).next().is_some()
    }

    /// True if a pipe joins two commands anywhere in the script.
    pub fn has_pipe(&self) -> bool {
        !self.pipes.is_empty()
    }

    /// Commands of the same pipeline that come after `cmd`.
    pub fn piped_into<'a>(&'a self, cmd: &'a Command) -> impl Iterator<Item = &'a Command<'a>> + 'a {
        // where `cmd` sits, from its address: rules ask this for every
        // command, so a search would make them quadratic
        let size = std::mem::size_of::<Command>().max(1);
        let at = (cmd as *const Command as usize).wrapping_sub(self.commands.as_ptr() as usize) / size;
        let start = match self.commands.get(at) {
            Some(c) if std::ptr::eq(c, cmd) => at + 1,
            _ => self.commands.len(),
        };
        // pipeline numbers never decrease from one command to the next: the
        // pipeline ends at the first command with a greater one
        self.commands[start..]
            .iter()
            .take_while(move |c| c.pipeline <= cmd.pipeline)
            .filter(move |c| c.pipeline == cmd.pipeline && c.depth == cmd.depth)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Script<'_> {
        Script::parse(text, &OffsetMap::contiguous(0), 0)
    }

    fn names(s: &Script) -> Vec<String> {
        s.commands.iter().map(|c| c.name().unwrap_or("-").to_string()).collect()
    }

    #[test]
    fn splits_lists_and_pipelines() {
        let s = parse("set -eux; apt-get update && apt-get install -y curl || true | tee x & wait\nls");
        assert_eq!(names(&s), ["set", "apt-get", "apt-get", "true", "tee", "wait", "ls"]);
        assert_eq!(s.commands[2].sep, Sep::OrIf);
        assert_eq!(s.commands[3].sep, Sep::Pipe);
        assert_eq!(s.commands[3].pipeline, s.commands[4].pipeline);
        assert!(s.has_pipe());
        let s = parse("{ echo a; echo b; } | tee /x");
        assert!(s.has_pipe());
        assert_eq!(s.pipes.len(), 1);
    }

    #[test]
    fn pipeline_numbers_never_decrease() {
        for text in [
            "a | b $(c | d) | e; f `g | h` | i && (j | k) | l\nm <<EOF | n\nx\nEOF\no | p",
            "case x in a) q | r ;; esac | s; for i in $(t | u); do v | w; done",
            "{ a | b; } | c $(d $(e | f) | g) | h",
        ] {
            let s = parse(text);
            let p: Vec<u32> = s.commands.iter().map(|c| c.pipeline).collect();
            assert!(p.windows(2).all(|w| w[0] <= w[1]), "{text}: {p:?}");
            for (i, c) in s.commands.iter().enumerate() {
                let slow: Vec<_> = s.commands[i + 1..]
                    .iter()
                    .filter(|d| d.pipeline == c.pipeline && d.depth == c.depth)
                    .map(|d| d.name())
                    .collect();
                let fast: Vec<_> = s.piped_into(c).map(|d| d.name()).collect();
                assert_eq!(fast, slow, "{text}: after {:?}", c.name());
            }
        }
        // a command of another script is piped into nothing here
        let (a, b) = (parse("a | b"), parse("c | d"));
        assert_eq!(a.piped_into(&b.commands[0]).count(), 0);
    }

    #[test]
    fn resolves_wrappers_and_keeps_spans() {
        let text = "sudo -u app env DEBIAN_FRONTEND=noninteractive /usr/bin/apt-get install -y x";
        let s = parse(text);
        let c = &s.commands[0];
        assert_eq!(c.name(), Some("apt-get"));
        assert!(c.invokes("sudo"));
        assert_eq!(c.invocation("sudo").unwrap().span.text(text), "sudo");
        assert_eq!(c.subcommand(&[]).unwrap().value, "install");
        assert!(c.has_flag(&["-y", "--yes"]));
        assert_eq!(c.program_span().text(text), "/usr/bin/apt-get install -y x");
    }

    #[test]
    fn substitutions_subshells_and_control_flow() {
        let s =
            parse("if [ -f x ]; then (cd /tmp && make); fi; echo \"$(id -u)\" `whoami`; for f in a b; do rm $f; done");
        assert_eq!(names(&s), ["[", "cd", "make", "id", "whoami", "echo", "rm"]);
        let cd = &s.commands[1];
        assert_eq!(cd.depth, 1);
        let s = parse("case \"$x\" in a|b) apk add y ;; *) echo no ;; esac");
        assert_eq!(names(&s), ["apk", "echo"]);
    }

    #[test]
    fn loops_and_negations_are_recorded() {
        let text =
            "for u in a \"b c\" $(ls); do ! grep -q x $u; done; for p; do :; done; for ((i=0;i<2;i++)); do :; done";
        let s = parse(text);
        assert_eq!(s.loops.len(), 2);
        assert_eq!(s.loops[0].var.as_ref().unwrap().value, "u");
        let items: Vec<&str> = s.loops[0].items.as_ref().unwrap().iter().map(|w| w.raw).collect();
        assert_eq!(items, ["a", "\"b c\"", "$(ls)"]);
        assert!(s.loops[1].items.is_none());
        assert_eq!(s.bangs.len(), 1);
        assert!(!s.bangs[0].condition);
        let s = parse("if ! grep -q x f; then ! a; fi; while ! b; do c; done");
        let conditions: Vec<bool> = s.bangs.iter().map(|b| b.condition).collect();
        assert_eq!(conditions, [true, false, true]);
        // compounds and the separator after them
        let text = "for m in a; do if x; then cd /y; fi; done && (cd z; ls) || { a; }; case q in *) b ;; esac";
        let s = parse(text);
        let c: Vec<(&str, Sep)> = s.compounds.iter().map(|c| (c.span.text(text), c.sep)).collect();
        assert_eq!(
            c,
            [
                ("if x; then cd /y; fi", Sep::Semi),
                ("for m in a; do if x; then cd /y; fi; done", Sep::AndIf),
                ("(cd z; ls)", Sep::OrIf),
                ("{ a; }", Sep::Semi),
                ("case q in *) b ;; esac", Sep::End),
            ]
        );
    }

    #[test]
    fn for_lists_respect_quotes() {
        let s = parse("for u in 'https://x/?a=1&b=2' \"c;d\" e; do curl -fsSL \"$u\"; done; cd /src");
        assert_eq!(names(&s), ["curl", "cd"]);
    }

    #[test]
    fn quoting_and_assignments() {
        let s = parse("FOO=1 BAR=\"a b\" pip install --no-cache-dir 'requests==2.*' \\\n  x");
        let c = &s.commands[0];
        assert_eq!(c.assignments.len(), 2);
        assert_eq!(c.name(), Some("pip"));
        assert_eq!(c.args()[2].value, "requests==2.*");
        assert_eq!(c.args()[3].value, "x");
        let s = parse("echo 'it''s' \"a\\\"b\" c\\ d");
        let v: Vec<_> = s.commands[0].args().iter().map(|w| w.value.clone()).collect();
        assert_eq!(v, ["its", "a\"b", "c d"]);
    }

    #[test]
    fn redirects_and_heredocs() {
        let s = parse("cat <<EOF > /etc/x.conf\nkey=1\nEOF\napp --flag >> /var/log/app.log 2>&1");
        assert_eq!(names(&s), ["cat", "app"]);
        let cat = &s.commands[0];
        assert_eq!(cat.redirects.len(), 2);
        assert_eq!(s.heredocs[0].body, "key=1\n");
        let app = &s.commands[1];
        assert_eq!(app.redirects[0].op, ">>");
        assert_eq!(app.redirects[0].target.as_ref().unwrap().value, "/var/log/app.log");
        assert_eq!(app.redirects[1].fd, Some(2));
    }

    #[test]
    fn nesting_past_the_limit_is_skipped_and_recorded() {
        const N: usize = 100_000;
        let at = |s: &Script, text: &str| s.too_deep.map(|sp| (sp.start as usize, sp.text(text).to_string()));
        // `$(` 100,000 deep: the first 64 levels are read, the 65th is where it stops
        let text = format!("{}curl x | sh{}", "$(".repeat(N), ")".repeat(N));
        let s = parse(&text);
        assert_eq!(at(&s, &text), Some((2 * MAX_NESTING as usize, "$(".into())));
        assert!(!s.uses("curl"));
        assert_eq!(s.commands.len(), MAX_NESTING as usize + 1);
        // the same inside backticks, in double quotes, after subshells
        for (open, close) in [("`$(", ")`"), ("\"$(", ")\""), ("(", ")")] {
            let text = format!("echo {}$(ls){}", open.repeat(N), close.repeat(N));
            let s = parse(&text);
            assert!(s.too_deep.is_some(), "{open}");
            assert!(
                s.commands.len() <= 3 * MAX_NESTING as usize,
                "{open}: {}",
                s.commands.len()
            );
        }
        // 64 levels are read in full
        let text = format!("{}apt-get install x{}", "$(".repeat(64), ")".repeat(64));
        let s = parse(&text);
        assert_eq!(s.too_deep, None);
        assert_eq!(s.commands[0].name(), Some("apt-get"));
        assert_eq!(s.commands[0].depth, 64);
        // no recursion at all: subshells, groups, arithmetic, parameter
        // expansions, backticks in a row, heredocs; nothing recorded
        for text in [
            format!("{}ls{}", "( ".repeat(N), " )".repeat(N)),
            format!("{}ls; {}", "{ ".repeat(N), "}; ".repeat(N)),
            format!("echo {}1{}", "$((".repeat(N), "))".repeat(N)),
            format!("echo {}x{}", "${a:-".repeat(N), "}".repeat(N)),
            format!("echo {}", "`ls` ".repeat(N)),
            format!("cat {}\n", "<<EOF ".repeat(N)),
            format!("{}\n", "$(cat <<EOF ".repeat(N)),
            format!("{}\nEOF\n", "x $(cat <<EOF\n".repeat(N)),
        ] {
            let s = parse(&text);
            assert!(s.too_deep.is_none() || text.starts_with("$(cat"), "{}", &text[..20]);
        }
        // redirection targets are never read: not recorded as too deep
        assert_eq!(parse("echo > $(mktemp)").too_deep, None);
    }

    #[test]
    fn a_backslash_ending_a_case_pattern_stays_inside_the_text() {
        // found by the `shell` fuzz target: the pattern reader stepped past the end
        for text in [
            "$(case in<\\",
            "case x in a\\",
            "echo \"$(case x in *\\",
            "`case x in \\`",
        ] {
            let s = parse(text);
            for c in &s.commands {
                assert!(c.span.end as usize <= text.len(), "{text}");
            }
        }
    }

    #[test]
    fn odd_input_does_not_panic() {
        for t in [
            "$(",
            "`",
            "\"",
            "'",
            "((",
            "))",
            "case",
            "case x in",
            "a <<",
            "$((1+",
            "${",
            "\\",
            "a | | b",
            "for",
            "esac",
            "f() { :; }",
            "$((((((((((",
        ] {
            let _ = parse(t);
        }
        let deep = "$(".repeat(10_000);
        let _ = parse(&deep);
        let deep = "(".repeat(10_000);
        let _ = parse(&deep);
    }
}
