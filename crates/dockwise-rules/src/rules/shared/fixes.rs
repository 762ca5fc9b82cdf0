//! Fixes for YAML files (Compose and Kubernetes): the YAML editor's edits
//! (`dockwise_syntax::yaml::edit`) made into a [`Fix`], and the removal of
//! the first entry of a key written twice, offered only when what is left
//! reads exactly as the lenient reading read the file.

use crate::diagnostics::{Applicability, Edit, Fix};
use dockwise_syntax::span::Span;
use dockwise_syntax::yaml::edit::{same_value, Editor};
use dockwise_syntax::yaml::{parse_lenient, Duplicate, Parsed};

/// Placeholders written by fixes carry this comment, so a reader sees the
/// value is a guess to replace.
pub const PLACEHOLDER: &str = "# placeholder: measure and adjust";

/// A fix from the editor's edits (None when it had none).
pub fn fix(applicability: Applicability, title: &str, edits: Option<Vec<(Span, String)>>) -> Option<Fix> {
    let edits = edits?
        .into_iter()
        .map(|(span, text)| Edit::replace(span, text))
        .collect();
    Fix::new(applicability, title, edits)
}

/// A safe fix from the editor's edits.
pub fn safe(title: &str, edits: Option<Vec<(Span, String)>>) -> Option<Fix> {
    fix(Applicability::Safe, title, edits)
}

/// An unsafe fix from the editor's edits.
pub fn unsafe_(title: &str, edits: Option<Vec<(Span, String)>>) -> Option<Fix> {
    fix(Applicability::Unsafe, title, edits)
}

/// At most this many duplicate keys get a fix per run (each is checked by
/// reading the file again; the next run offers the next ones).
const MAX_DUPLICATE_FIXES: usize = 16;

/// Deletes the lines of the first entry of each duplicate key (the entry
/// the lenient reading, like kubectl, ignored), in the order of
/// `duplicates`: the edits for the first [`MAX_DUPLICATE_FIXES`], each
/// offered only when the file without those lines reads as the same
/// documents with one duplicate less. Merge keys (`<<` twice) get none.
pub fn drop_earlier_duplicates(text: &str, duplicates: &[Duplicate]) -> Vec<Option<Vec<(Span, String)>>> {
    let mut out: Vec<Option<Vec<(Span, String)>>> = vec![None; duplicates.len()];
    let Some(before) = (!duplicates.is_empty()).then(|| parse_lenient(text).ok()).flatten() else {
        return out;
    };
    let ed = Editor::new(text);
    for (d, slot) in duplicates.iter().zip(out.iter_mut()).take(MAX_DUPLICATE_FIXES) {
        if d.merge {
            continue;
        }
        let Some(lines) = ed.entry_lines(d.first) else { continue };
        let (s, e) = (lines.start as usize, lines.end as usize);
        let after = format!("{}{}", &text[..s], &text[e..]);
        if reads_the_same(&before, &after) {
            *slot = Some(vec![(lines, String::new())]);
        }
    }
    out
}

fn reads_the_same(before: &Parsed, after: &str) -> bool {
    let Ok(fixed) = parse_lenient(after) else { return false };
    fixed.docs.len() == before.docs.len()
        && fixed.duplicates.len() + 1 == before.duplicates.len()
        && fixed.docs.iter().zip(&before.docs).all(|(a, b)| same_value(a, b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_earlier_duplicate_goes_when_nothing_else_changes() {
        let text = "a:\n  env: 1\n  b: 2\n  env: 3\nc: {x: 1, x: 2}\n";
        let p = parse_lenient(text).unwrap();
        let fixes = drop_earlier_duplicates(text, &p.duplicates);
        assert_eq!(fixes.len(), 2);
        let (span, r) = &fixes[0].as_ref().unwrap()[0];
        assert_eq!((span.text(text), r.as_str()), ("  env: 1\n", ""));
        // inside a flow mapping: no lines of its own
        assert!(fixes[1].is_none());
        // a fix built from edits
        let f = unsafe_("t", fixes[0].clone()).unwrap();
        assert_eq!(f.apply(text).unwrap(), "a:\n  b: 2\n  env: 3\nc: {x: 1, x: 2}\n");
        assert!(safe("t", None).is_none());
    }
}
