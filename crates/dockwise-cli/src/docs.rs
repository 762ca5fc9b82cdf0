//! `dockwise rule ID`: a rule's docs as text, from the same fields the
//! playground's card shows, escaped for a terminal like every text output.

use dockwise_rules::report::terminal::escape as esc;
use dockwise_rules::Rule;

/// An example line: tabs as four spaces (as the lint report shows them).
fn example(l: &str) -> String {
    esc(&l.replace('\t', "    ")).into_owned()
}

pub fn render(r: &Rule) -> String {
    let mut s = String::new();
    let tags: Vec<&str> = r.tags.iter().map(|t| t.as_str()).collect();
    s.push_str(&format!(
        "{} {} ({}, {})\n{}\n",
        r.id,
        esc(r.name),
        r.severity.as_str(),
        r.kind.as_str(),
        esc(r.title)
    ));
    if !tags.is_empty() {
        s.push_str(&format!("Protects: {}\n", tags.join(", ")));
    }
    s.push_str(&format!("\nWhat it checks\n  {}\n", esc(r.docs.what)));
    s.push_str(&format!("\nWhy it matters\n  {}\n", esc(r.docs.why)));
    s.push_str("\nBefore\n");
    for l in r.docs.bad.lines() {
        s.push_str(&format!("  | {}\n", example(l)));
    }
    s.push_str("\nAfter\n");
    for l in r.docs.good.lines() {
        s.push_str(&format!("  | {}\n", example(l)));
    }
    s.push_str(&format!("\nHow to fix\n  {}\n", esc(r.docs.fix)));
    if !r.standard.is_empty() {
        s.push_str("\nSources\n");
        for src in r.standard {
            s.push_str(&format!("  {} <{}>\n", esc(src.title), esc(src.url)));
        }
    }
    s.push_str(&format!("\nQuick check: {}\n", esc(r.quiz.question)));
    // dealt in a new order each time, as the playground does: the answer has no fixed place
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(0);
    let order = dockwise_rules::learn::shuffled(r.quiz.choices.len(), seed);
    for (place, c) in order.iter().filter_map(|&i| r.quiz.choices.get(i)).enumerate() {
        s.push_str(&format!("  {}) {}\n", (b'a' + place as u8) as char, esc(c.text)));
    }
    s.push_str(&format!(
        "\nSilence it on one instruction with `# dockwise ignore={}` on the line above.\n",
        r.id
    ));
    s
}
