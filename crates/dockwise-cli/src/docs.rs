//! `dockwise rule ID`: a rule's docs as text, from the same fields the
//! playground's card shows.

use dockwise_rules::Rule;

pub fn render(r: &Rule) -> String {
    let mut s = String::new();
    let tags: Vec<&str> = r.tags.iter().map(|t| t.as_str()).collect();
    s.push_str(&format!(
        "{} {} ({}, {})\n{}\n",
        r.id,
        r.name,
        r.severity.as_str(),
        r.kind.as_str(),
        r.title
    ));
    if !tags.is_empty() {
        s.push_str(&format!("Protects: {}\n", tags.join(", ")));
    }
    s.push_str(&format!("\nWhat it checks\n  {}\n", r.docs.what));
    s.push_str(&format!("\nWhy it matters\n  {}\n", r.docs.why));
    s.push_str("\nBefore\n");
    for l in r.docs.bad.lines() {
        s.push_str(&format!("  | {l}\n"));
    }
    s.push_str("\nAfter\n");
    for l in r.docs.good.lines() {
        s.push_str(&format!("  | {l}\n"));
    }
    s.push_str(&format!("\nHow to fix\n  {}\n", r.docs.fix));
    s.push_str(&format!("\nQuick check: {}\n", r.quiz.question));
    for (i, c) in r.quiz.choices.iter().enumerate() {
        s.push_str(&format!("  {}) {}\n", (b'a' + i as u8) as char, c.text));
    }
    s.push_str(&format!(
        "\nSilence it on one instruction with `# dockwise ignore={}` on the line above.\n",
        r.id
    ));
    s
}
