//! Inline pragmas, parsed once for all rules:
//!
//! - `# hadolint ignore=DL3008,DL3015` or `# dockwise ignore=...` on the
//!   line(s) before an instruction silences those rules on it;
//! - `# dockwise stage ignore=...` before a FROM silences them in that stage;
//! - `# dockwise global ignore=...` anywhere silences them in the whole file.
//!
//! Rules are named by id or kebab-case name. A `# reason` may follow the list.
//!
//! BuildKit's `# check=` directive works too ([`CheckOptions`]): at the top of
//! the file, `skip=` (names, or `all` for every BuildKit check), `error=true`
//! (BuildKit checks' findings become errors) and `experimental=` (switches on
//! BuildKit checks that are off by default); in a comment above an
//! instruction, `skip=` and `experimental=` for that instruction alone.

use crate::diagnostics::Severity;
use crate::rule::Rule;
use dockwise_syntax::dockerfile::check::{self, CheckOptions};
use dockwise_syntax::dockerfile::Model;
use dockwise_syntax::span::Span;
use std::collections::HashSet;

/// The checks of BuildKit (`docker build --check`), by BuildKit's names. A
/// rule that answers one carries its name as an alias.
pub const BUILDKIT_CHECKS: &[&str] = &[
    "StageNameCasing",
    "FromAsCasing",
    "NoEmptyContinuation",
    "ConsistentInstructionCasing",
    "DuplicateStageName",
    "ReservedStageName",
    "JSONArgsRecommended",
    "MaintainerDeprecated",
    "UndefinedArgInFrom",
    "WorkdirRelativePath",
    "UndefinedVar",
    "MultipleInstructionsDisallowed",
    "LegacyKeyValueFormat",
    "InvalidBaseImagePlatform",
    "RedundantTargetPlatform",
    "SecretsUsedInArgOrEnv",
    "InvalidDefaultArgInFrom",
    "FromPlatformFlagConstDisallowed",
    "CopyIgnoredFile",
    "InvalidDefinitionDescription",
    "ExposeProtoCasing",
    "ExposeInvalidFormat",
];

/// Does `rule` answer one of BuildKit's checks?
pub fn is_buildkit_check(rule: &Rule) -> bool {
    rule.kind == dockwise_syntax::FileKind::Dockerfile && rule.aliases.iter().any(|a| BUILDKIT_CHECKS.contains(a))
}

/// BuildKit's experimental checks run only when `experimental=` names them,
/// and `skip=` does not reach them: here, the BuildKit checks that are off
/// by default.
fn is_experimental(rule: &Rule) -> bool {
    !rule.enabled_by_default && is_buildkit_check(rule)
}

/// Does a `# check=` directive or comment skip `rule`? `skip=all` skips the
/// BuildKit checks; a named rule (BuildKit name, id or name) is skipped
/// whatever it is. Experimental checks are never skipped.
fn check_skips(o: &CheckOptions, rule: &Rule) -> bool {
    !is_experimental(rule) && ((o.skip_all && is_buildkit_check(rule)) || o.skip.iter().any(|k| rule.is(k)))
}

/// Does a `# check=` directive or comment switch `rule` on?
fn check_enables(o: &CheckOptions, rule: &Rule) -> bool {
    is_experimental(rule) && (o.experimental_all || o.experimental.iter().any(|k| rule.is(k)))
}

#[derive(Debug, Default)]
pub struct Pragmas {
    global: Vec<String>,
    /// `global`, as [`lower_keys`].
    global_keys: HashSet<String>,
    /// (instruction index, rules)
    instruction: Vec<(usize, Vec<String>)>,
    /// (stage index, rules)
    stage: Vec<(usize, Vec<String>)>,
    /// The file's `# check=` directive.
    check: CheckOptions,
    /// (instruction index, the `# check=` comment above it)
    checks: Vec<(usize, CheckOptions)>,
}

#[derive(Debug, PartialEq, Eq)]
pub enum Scope {
    Next,
    Stage,
    Global,
}

/// Parses a comment's text (after `#`): scope and rule list.
pub fn parse_comment(text: &str) -> Option<(Scope, Vec<String>)> {
    let mut rest = text.trim();
    let tool = rest.split_whitespace().next()?;
    if !tool.eq_ignore_ascii_case("hadolint") && !tool.eq_ignore_ascii_case("dockwise") {
        return None;
    }
    rest = rest[tool.len()..].trim_start();
    let mut scope = Scope::Next;
    for (word, s) in [("global", Scope::Global), ("stage", Scope::Stage)] {
        if rest.len() > word.len()
            && rest[..word.len()].eq_ignore_ascii_case(word)
            && rest[word.len()..].starts_with(char::is_whitespace)
        {
            rest = rest[word.len()..].trim_start();
            scope = s;
            break;
        }
    }
    let after = rest
        .strip_prefix("ignore")
        .or_else(|| rest.strip_prefix("IGNORE"))?
        .trim_start();
    let list = after.strip_prefix('=')?;
    let list = list.split('#').next().unwrap_or("");
    let rules: Vec<String> = list
        .split(',')
        .filter_map(|item| item.split_whitespace().next())
        .map(str::to_string)
        .collect();
    (!rules.is_empty()).then_some((scope, rules))
}

impl Pragmas {
    pub fn collect(model: &Model) -> Pragmas {
        let mut p = Pragmas::default();
        let instrs = model.instructions();
        let file_check = check::file_directive(model.source);
        if let Some(o) = file_check.and_then(|(value, _)| CheckOptions::parse(value).ok()) {
            p.check = o;
        }
        let comments = &model.df.comments;
        // the next line holding only `#` at or after each comment, worked out
        // (backwards, once) when a `# check=` comment first needs it
        let mut next_bare: Vec<Option<u32>> = Vec::new();
        for (n, c) in comments.iter().enumerate() {
            // The instruction holding the comment (a comment line inside a
            // continued RUN), or else the next one. Instructions are in
            // source order and do not overlap: found by bisection.
            let target = || {
                let before = instrs.partition_point(|i| i.span.start <= c.span.start);
                let holding = before.checked_sub(1).filter(|&i| instrs[i].span.contains(c.span.start));
                holding.or_else(|| {
                    let next = instrs.partition_point(|i| i.span.start < c.span.end);
                    (next < instrs.len()).then_some(next)
                })
            };
            // `# check=` above an instruction (not the file's directive, nor a
            // parser directive, nor a line inside a continued instruction)
            if !c.inside_instruction && !model.df.directives.iter().any(|d| d.span == c.span) {
                if let Some(o) = CheckOptions::from_comment(&c.text) {
                    if next_bare.is_empty() {
                        next_bare = vec![None; comments.len() + 1];
                        for i in (0..comments.len()).rev() {
                            let bare = comments[i].text.is_empty() && !comments[i].inside_instruction;
                            next_bare[i] = if bare {
                                Some(comments[i].span.start)
                            } else {
                                next_bare[i + 1]
                            };
                        }
                    }
                    // a line holding only `#` ends the comments BuildKit keeps
                    // above an instruction
                    let target = target().filter(|&t| next_bare[n + 1].is_none_or(|at| at >= instrs[t].span.start));
                    if file_check.is_none_or(|(_, at)| at != c.span) {
                        p.checks.extend(target.map(|t| (t, o)));
                    }
                    continue;
                }
            }
            let Some((scope, rules)) = parse_comment(&c.text) else {
                continue;
            };
            let target = target();
            match scope {
                Scope::Global => p.global.extend(rules),
                Scope::Next => {
                    if let Some(t) = target {
                        p.instruction.push((t, rules));
                    }
                }
                Scope::Stage => {
                    let stage = target.and_then(|t| model.stage_of[t]);
                    if let Some(s) = stage {
                        p.stage.push((s, rules));
                    }
                }
            }
        }
        // looked up for every finding: sorted (stably) for bisection, and the
        // global list as a set of lower-cased keys
        p.instruction.sort_by_key(|(i, _)| *i);
        p.checks.sort_by_key(|(i, _)| *i);
        p.stage.sort_by_key(|(s, _)| *s);
        p.global_keys = lower_keys(&p.global);
        p
    }

    /// True if a pragma silences `rule` for a finding at `span`.
    pub fn suppresses(&self, model: &Model, rule: &Rule, span: Span) -> bool {
        if names(&self.global_keys, rule) || check_skips(&self.check, rule) {
            return true;
        }
        let Some(idx) = model.instruction_at(span.start) else {
            return false;
        };
        if at(&self.instruction, idx).any(|rules| rules.iter().any(|k| rule.is(k)))
            || at(&self.checks, idx).any(|o| check_skips(o, rule))
        {
            return true;
        }
        model.stage_of[idx].is_some_and(|stage| at(&self.stage, stage).any(|rules| rules.iter().any(|k| rule.is(k))))
    }

    /// Does a `# check=experimental=` directive or comment anywhere in the
    /// file switch `rule` on? (Then it runs, and [`Pragmas::enables`] keeps
    /// the findings where the switch applies.)
    pub fn may_enable(&self, rule: &Rule) -> bool {
        check_enables(&self.check, rule) || self.checks.iter().any(|(_, o)| check_enables(o, rule))
    }

    /// Does the file's `# check=experimental=`, or the `# check=` comment
    /// above the finding's instruction, switch `rule` on at `span`?
    pub fn enables(&self, model: &Model, rule: &Rule, span: Span) -> bool {
        check_enables(&self.check, rule)
            || model
                .instruction_at(span.start)
                .is_some_and(|idx| at(&self.checks, idx).any(|o| check_enables(o, rule)))
    }

    /// The severity the file's `# check=error=true` gives `rule`'s findings:
    /// BuildKit then fails the build on any of its checks.
    pub fn severity(&self, rule: &Rule) -> Option<Severity> {
        (self.check.error && is_buildkit_check(rule)).then_some(Severity::Error)
    }
}

/// The entries of `sorted` (by index) at index `i`.
fn at<T>(sorted: &[(usize, T)], i: usize) -> impl Iterator<Item = &T> {
    let from = sorted.partition_point(|(j, _)| *j < i);
    sorted[from..]
        .iter()
        .take_while(move |(j, _)| *j == i)
        .map(|(_, rules)| rules)
}

/// The keys of a rule list, trimmed and lower-cased (as [`Rule::is`] compares them).
fn lower_keys(keys: &[String]) -> HashSet<String> {
    keys.iter().map(|k| k.trim().to_ascii_lowercase()).collect()
}

/// Does a set of [`lower_keys`] name `rule` (by id, name or alias)? The
/// same answer as [`Rule::is`] on each key, without a pass over the keys.
fn names(keys: &HashSet<String>, rule: &Rule) -> bool {
    !keys.is_empty()
        && [rule.id, rule.name]
            .iter()
            .chain(rule.aliases)
            .any(|k| keys.contains(&k.to_ascii_lowercase()))
}

/// Pragmas of a YAML file (compose, Kubernetes), by line: a comment on its
/// own line applies to the next line with content, a trailing comment to its
/// own line. Understood: `# dockwise ignore=...`, `# dockwise global
/// ignore=...`, and dclint's `# dclint disable-line [rules]`, `# dclint
/// disable [rules]` and `# dclint disable-file`.
#[derive(Debug, Default)]
pub struct LinePragmas {
    global: Vec<String>,
    /// `global`, as [`lower_keys`].
    global_keys: HashSet<String>,
    /// (0-based line, rules; empty: every rule)
    lines: Vec<(usize, Vec<String>)>,
}

/// The comment of a YAML line, if any: (text after `#`, is the whole line a comment).
fn yaml_comment(line: &str) -> Option<(&str, bool)> {
    let (mut single, mut double, mut prev_blank) = (false, false, true);
    for (i, c) in line.char_indices() {
        match c {
            '\'' if !double => single = !single,
            '"' if !single => double = !double,
            '#' if !single && !double && prev_blank => return Some((&line[i + 1..], line[..i].trim().is_empty())),
            _ => {}
        }
        prev_blank = c == ' ' || c == '\t';
    }
    None
}

impl LinePragmas {
    pub fn collect(text: &str) -> LinePragmas {
        let mut p = LinePragmas::default();
        let lines: Vec<&str> = text.lines().collect();
        // the next line with content after each line, worked out (backwards,
        // once) when a comment on its own line first needs it
        let mut next_content: Vec<Option<usize>> = Vec::new();
        for (n, line) in lines.iter().enumerate() {
            let Some((comment, own_line)) = yaml_comment(line) else {
                continue;
            };
            let mut target = || {
                if !own_line {
                    return Some(n);
                }
                if next_content.is_empty() {
                    let mut next = None;
                    next_content = vec![None; lines.len()];
                    for i in (0..lines.len()).rev() {
                        next_content[i] = next;
                        let t = lines[i].trim();
                        if !t.is_empty() && !t.starts_with('#') {
                            next = Some(i);
                        }
                    }
                }
                next_content.get(n).copied().flatten()
            };
            if let Some((scope, rules)) = parse_comment(comment) {
                match scope {
                    Scope::Global => p.global.extend(rules),
                    _ => p.lines.extend(target().map(|t| (t, rules))),
                }
                continue;
            }
            let mut words = comment.split_whitespace();
            if words.next() != Some("dclint") {
                continue;
            }
            let directive = words.next().unwrap_or("");
            let rules: Vec<String> = words
                .flat_map(|w| w.split(','))
                .filter(|w| !w.is_empty())
                .map(str::to_string)
                .collect();
            match directive {
                "disable-file" => p.global.push("*".into()),
                "disable" if rules.is_empty() => p.global.push("*".into()),
                "disable" => p.global.extend(rules),
                "disable-line" => p.lines.extend(target().map(|t| (t, rules))),
                _ => {}
            }
        }
        // looked up for every finding: sorted (stably) for bisection
        p.lines.sort_by_key(|(l, _)| *l);
        p.global_keys = lower_keys(&p.global);
        p
    }

    /// True if a pragma silences `rule` for a finding starting on `line` (0-based).
    pub fn suppresses(&self, rule: &Rule, line: usize) -> bool {
        let named = |rules: &Vec<String>| rules.is_empty() || rules.iter().any(|k| k == "*" || rule.is(k));
        self.global_keys.contains("*") || names(&self.global_keys, rule) || at(&self.lines, line).any(named)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_pragmas() {
        let text = "services:\n  # dockwise ignore=DW2002\n  a:\n    privileged: true # dclint disable-line DW2003\n    image: 'x # not a comment'\n";
        let p = LinePragmas::collect(text);
        let r = |id| crate::rules::find(id).unwrap();
        assert!(p.suppresses(r("DW2002"), 2));
        assert!(!p.suppresses(r("DW2002"), 3));
        assert!(p.suppresses(r("DW2003"), 3));
        assert!(!p.suppresses(r("DW2003"), 4));
        let g = LinePragmas::collect("# dclint disable-file\nservices: {}\n");
        assert!(g.suppresses(r("DW2002"), 1));
    }

    #[test]
    fn parses_pragma_forms() {
        assert_eq!(
            parse_comment(" hadolint ignore=DL3008,DL3015"),
            Some((Scope::Next, vec!["DL3008".into(), "DL3015".into()]))
        );
        assert_eq!(
            parse_comment("dockwise ignore = DL3007, no-root-user # base image runs as app"),
            Some((Scope::Next, vec!["DL3007".into(), "no-root-user".into()]))
        );
        assert_eq!(
            parse_comment("dockwise global ignore=DL3006"),
            Some((Scope::Global, vec!["DL3006".into()]))
        );
        assert_eq!(
            parse_comment("hadolint stage ignore=DL3002"),
            Some((Scope::Stage, vec!["DL3002".into()]))
        );
        assert_eq!(parse_comment("just a comment about hadolint"), None);
        assert_eq!(parse_comment("hadolint shell=powershell"), None);
    }
}
