//! The shape of the code, checked: within each crate the top-level modules
//! form no cycle (read from the `crate::` paths of the non-test code), no
//! rule file imports another rule file, and the syntax crate knows nothing
//! of rules. Cargo already forbids cycles between crates.

// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

/// The code of a file without its tests (by convention the `#[cfg(test)]`
/// module comes last) and without comments.
fn non_test_code(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    let code = match text.find("#[cfg(test)]") {
        Some(i) => &text[..i],
        None => &text[..],
    };
    code.lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The first path segments named after `crate::` in `code`, including
/// grouped imports (`use crate::{a::b, c};`).
fn crate_references(code: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let ident = |s: &str| {
        s.chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect::<String>()
    };
    let mut rest = code;
    while let Some(i) = rest.find("crate::") {
        let after = &rest[i + "crate::".len()..];
        let preceded_by_ident = rest[..i]
            .chars()
            .last()
            .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$');
        if !preceded_by_ident {
            if let Some(group) = after.strip_prefix('{') {
                let end = group.find('}').unwrap_or(group.len());
                for item in group[..end].split(',') {
                    let name = ident(item.trim());
                    if !name.is_empty() {
                        out.insert(name);
                    }
                }
            } else {
                let name = ident(after);
                if !name.is_empty() {
                    out.insert(name);
                }
            }
        }
        rest = after;
    }
    out
}

/// The top-level modules of a crate and what each refers to.
fn module_graph(src: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let root = ["lib.rs", "main.rs"]
        .iter()
        .map(|f| src.join(f))
        .find(|p| p.is_file())
        .unwrap();
    let root_text = std::fs::read_to_string(&root).unwrap();
    // modules declared for tests only are test code
    let test_only: BTreeSet<String> = root_text
        .split("#[cfg(test)]")
        .skip(1)
        .filter_map(|after| {
            after
                .trim_start()
                .strip_prefix("mod ")?
                .split(';')
                .next()
                .map(|m| m.trim().to_string())
        })
        .collect();
    let mut graph = BTreeMap::new();
    let mut entries: Vec<PathBuf> = std::fs::read_dir(src).unwrap().map(|e| e.unwrap().path()).collect();
    entries.sort();
    for p in entries {
        let name = p.file_stem().unwrap().to_string_lossy().to_string();
        if p == root || test_only.contains(&name) {
            continue;
        }
        let mut files = Vec::new();
        if p.is_dir() {
            rust_files(&p, &mut files);
        } else if p.extension().is_some_and(|e| e == "rs") {
            files.push(p.clone());
        } else {
            continue;
        }
        let refs: BTreeSet<String> = files
            .iter()
            .flat_map(|f| crate_references(&non_test_code(f)))
            .filter(|r| *r != name)
            .collect();
        graph.insert(name, refs);
    }
    // keep only edges to modules of this crate
    let names: BTreeSet<String> = graph.keys().cloned().collect();
    for refs in graph.values_mut() {
        refs.retain(|r| names.contains(r));
    }
    graph
}

/// A cycle in the graph, as the list of modules along it, if there is one.
fn find_cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        n: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        state: &mut BTreeMap<String, u8>,
        path: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        state.insert(n.to_string(), 1);
        path.push(n.to_string());
        for m in graph.get(n).into_iter().flatten() {
            match state.get(m.as_str()).copied().unwrap_or(0) {
                1 => {
                    let start = path.iter().position(|p| p == m).unwrap();
                    let mut cycle = path[start..].to_vec();
                    cycle.push(m.clone());
                    return Some(cycle);
                }
                0 => {
                    if let Some(c) = visit(m, graph, state, path) {
                        return Some(c);
                    }
                }
                _ => {}
            }
        }
        path.pop();
        state.insert(n.to_string(), 2);
        None
    }
    let mut state = BTreeMap::new();
    for n in graph.keys() {
        if state.get(n.as_str()).copied().unwrap_or(0) == 0 {
            if let Some(c) = visit(n, graph, &mut state, &mut Vec::new()) {
                return Some(c);
            }
        }
    }
    None
}

#[test]
fn the_cycle_finder_finds_cycles() {
    let g = |edges: &[(&str, &str)]| {
        let mut g: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (a, b) in edges {
            g.entry(a.to_string()).or_default().insert(b.to_string());
            g.entry(b.to_string()).or_default();
        }
        g
    };
    assert_eq!(find_cycle(&g(&[("a", "b"), ("b", "c")])), None);
    assert_eq!(
        find_cycle(&g(&[("a", "b"), ("b", "c"), ("c", "a")])).unwrap(),
        ["a", "b", "c", "a"]
    );
    assert!(find_cycle(&g(&[("engine", "rules"), ("rules", "engine"), ("x", "engine")])).is_some());
    let refs =
        crate_references("use crate::{a::b, c};\nuse crate::d::E;\nlet x = $crate::rule::Docs;\nf(crate::e(1));");
    assert_eq!(refs.into_iter().collect::<Vec<_>>(), ["a", "c", "d", "e"]);
}

#[test]
fn no_crate_has_a_cycle_among_its_top_level_modules() {
    let mut checked = 0;
    for krate in [
        "dockwise-syntax",
        "dockwise-rules",
        "dockwise-cli",
        "dockwise-web",
        "dockwise-lsp",
    ] {
        let graph = module_graph(&repo().join("crates").join(krate).join("src"));
        assert!(!graph.is_empty(), "{krate}: no modules found");
        if let Some(cycle) = find_cycle(&graph) {
            panic!(
                "{krate}: the modules {} depend on each other in a cycle",
                cycle.join(" -> ")
            );
        }
        checked += graph.len();
    }
    assert!(checked > 20, "only {checked} modules found");
    // the leaf modules import nothing of their crate but each other's leaves
    let rules = module_graph(&repo().join("crates/dockwise-rules/src"));
    assert!(
        rules["diagnostics"].is_empty(),
        "diagnostics: {:?}",
        rules["diagnostics"]
    );
    assert_eq!(rules["options"].iter().collect::<Vec<_>>(), ["diagnostics"]);
    let syntax = module_graph(&repo().join("crates/dockwise-syntax/src"));
    assert!(syntax["span"].is_empty() && syntax["kind"].is_empty());
    assert!(
        !rules.contains_key("testing"),
        "test-only modules are not part of the graph"
    );
}

#[test]
fn no_rule_file_imports_another_rule_file() {
    let mut files = Vec::new();
    rust_files(&repo().join("crates/dockwise-rules/src/rules"), &mut files);
    let is_rule = |name: &str| {
        let b = name.as_bytes();
        name.len() == 6 && (name.starts_with("dl") || name.starts_with("dw")) && b[2..].iter().all(u8::is_ascii_digit)
    };
    let mut rule_files = 0;
    for f in &files {
        let name = f.file_stem().unwrap().to_string_lossy().to_string();
        // registries (mod.rs) list the rule modules; everything else may not name one
        if name == "mod"
            && f.parent()
                .is_some_and(|p| p.ends_with("rules") || p.parent().is_some_and(|pp| pp.ends_with("rules")))
        {
            continue;
        }
        rule_files += usize::from(is_rule(&name));
        let code = non_test_code(f);
        for word in code.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_')) {
            assert!(
                !(is_rule(word) && word != name),
                "{} refers to the rule module {word}: shared logic belongs in a helpers module",
                f.display()
            );
        }
    }
    assert!(rule_files > 150, "only {rule_files} rule files found");
}

#[test]
fn the_syntax_crate_knows_nothing_of_rules() {
    let manifest = std::fs::read_to_string(repo().join("crates/dockwise-syntax/Cargo.toml")).unwrap();
    assert!(
        !manifest.contains("dockwise-rules"),
        "dockwise-syntax must not depend on dockwise-rules"
    );
    let mut files = Vec::new();
    rust_files(&repo().join("crates/dockwise-syntax/src"), &mut files);
    for f in files {
        let code = non_test_code(&f);
        for word in ["dockwise_rules", "LintOptions", "Finding", "Reporter", "Severity"] {
            assert!(!code.contains(word), "{} mentions {word}", f.display());
        }
    }
}
