//! Inline pragmas, parsed once for all rules:
//!
//! - `# hadolint ignore=DL3008,DL3015` or `# dockwise ignore=...` on the
//!   line(s) before an instruction silences those rules on it;
//! - `# dockwise stage ignore=...` before a FROM silences them in that stage;
//! - `# dockwise global ignore=...` anywhere silences them in the whole file.
//!
//! Rules are named by id or kebab-case name. A `# reason` may follow the list.

use crate::rule::Rule;
use dockwise_syntax::dockerfile::Model;
use dockwise_syntax::span::Span;
use std::collections::HashSet;

#[derive(Debug, Default)]
pub struct Pragmas {
    global: Vec<String>,
    /// `global`, as [`lower_keys`].
    global_keys: HashSet<String>,
    /// (instruction index, rules)
    instruction: Vec<(usize, Vec<String>)>,
    /// (stage index, rules)
    stage: Vec<(usize, Vec<String>)>,
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
        for c in &model.df.comments {
            let Some((scope, rules)) = parse_comment(&c.text) else {
                continue;
            };
            // The instruction holding the comment (a comment line inside a
            // continued RUN), or else the next one. Instructions are in
            // source order and do not overlap: found by bisection.
            let before = instrs.partition_point(|i| i.span.start <= c.span.start);
            let holding = before.checked_sub(1).filter(|&i| instrs[i].span.contains(c.span.start));
            let target = holding.or_else(|| {
                let next = instrs.partition_point(|i| i.span.start < c.span.end);
                (next < instrs.len()).then_some(next)
            });
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
        p.stage.sort_by_key(|(s, _)| *s);
        p.global_keys = lower_keys(&p.global);
        p
    }

    /// True if a pragma silences `rule` for a finding at `span`.
    pub fn suppresses(&self, model: &Model, rule: &Rule, span: Span) -> bool {
        if names(&self.global_keys, rule) {
            return true;
        }
        let Some(idx) = model.instruction_at(span.start) else {
            return false;
        };
        if at(&self.instruction, idx).any(|rules| rules.iter().any(|k| rule.is(k))) {
            return true;
        }
        model.stage_of[idx].is_some_and(|stage| at(&self.stage, stage).any(|rules| rules.iter().any(|k| rule.is(k))))
    }
}

/// The rule lists of `sorted` (by index) at index `i`.
fn at(sorted: &[(usize, Vec<String>)], i: usize) -> impl Iterator<Item = &Vec<String>> {
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
