//! DW3029: a key written twice in one mapping of a manifest.

use crate::diagnostics::{Diagnostic, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::rules::shared::fixes::{self, drop_earlier_duplicates};
use crate::rules::shared::line_of;
use crate::sources;
use dockwise_syntax::kubernetes::Manifests;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW3029",
    name: "k8s-duplicate-key",
    severity: Severity::Error,
    kind: FileKind::Kubernetes,
    title: text!("A key is written twice in the same mapping"),
    tags: &[Tag::Correctness],
    docs: docs! {
        what: "Flags the second occurrence of a key in one mapping (two `selector:` in a Deployment's spec, two \
            `env:` lists in a container), at the later key. Dockwise keeps the later value, as kubectl does, and \
            checks the rest of the file with it.",
        why: "kubectl converts YAML to JSON with a reader that keeps the last occurrence and drops the first without \
            a word (even with `--validate=strict`, which only sees the converted JSON), so half of what the file \
            says never reaches the cluster: the first `env:` list, the first set of volume mounts, the first \
            selector. Other tools disagree: kustomize and Compose refuse such a file, yamllint reports it.",
        bad: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\n\
            spec:\n  containers:\n  - name: api\n    image: myapi:2.0.1\n    env:\n    - name: LOG_LEVEL\n      value: info\n    env:\n    - name: WORKERS\n      value: \"4\"\n",
        good: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\n\
            spec:\n  containers:\n  - name: api\n    image: myapi:2.0.1\n    env:\n    - name: LOG_LEVEL\n      value: info\n    - name: WORKERS\n      value: \"4\"\n",
        fix: "Merge the two entries into one (both lists' items under one `env:`), or delete the one you did not \
            mean. For several YAML anchors, use one merge key with a list: `<<: [*a, *b]`.",
    },
    quiz: quiz! {
        question: "A container lists `envFrom:` twice, a ConfigMap in the first and a Secret in the second. What \
            does `kubectl apply` create?",
        choices: &[
            Choice {
                text: "Only the Secret's variables: the later key wins",
                correct: true,
                feedback: "kubectl's YAML reader keeps the last occurrence, so the ConfigMap's variables are missing \
                    and nothing says so.",
            },
            Choice {
                text: "Nothing: kubectl rejects the file as invalid YAML",
                correct: false,
                feedback: "It does not: the duplicate is dropped while the YAML is converted to JSON, before any \
                    validation sees it.",
            },
            Choice {
                text: "Both the ConfigMap's and the Secret's variables",
                correct: false,
                feedback: "A mapping holds each key once; the two lists are not merged. Put both sources under one \
                    `envFrom:`.",
            },
            Choice {
                text: "Only the ConfigMap's: the first key wins",
                correct: false,
                feedback: "kubectl's reader keeps the later occurrence, not the first.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Kubernetes(checker!(check)),
    standard: &[
        &sources::YAML_UNIQUE_KEYS,
        &sources::K8S_OBJECTS,
        &Source {
            title: text!("Kubernetes issue 99286: a second envFrom silently replaced the first"),
            url: text!("https://github.com/kubernetes/kubernetes/issues/99286"),
        },
    ],
    concern: None,
    fixes: Fixes::Unsafe,
    scope: Scope::Place,
};

fn check(m: &Context<Manifests>, out: &mut Reporter) {
    let edits = drop_earlier_duplicates(m.text, m.duplicates);
    for (d, edits) in m.duplicates.iter().zip(edits) {
        let line = line_of(m.text, d.first.start);
        let message = if d.merge {
            format!(
                "a second `<<` merge key in this mapping (the first is on line {line}): YAML readers disagree on it \
                 (kustomize refuses it); merge several sources with one key, `<<: [*a, *b]`"
            )
        } else {
            format!(
                "`{}` is written twice in this mapping (first on line {line}): kubectl keeps this later value and \
                 silently drops the first, and so does Dockwise",
                d.key
            )
        };
        // what is left is what kubectl applied, but the first may be the one meant
        let fix = || fixes::unsafe_(&format!("delete the first `{}`", d.key), edits);
        out.push(
            Diagnostic::new(d.span, message)
                .with_related(d.first, "first written here, ignored")
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

    const DEPLOYMENT: &str = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  selector:\n    matchLabels: {app: old}\n  replicas: 2\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers:\n      - {name: web, image: web:1.0}\n";

    #[test]
    fn bad() {
        assert_eq!(spans(&RULE, DEPLOYMENT), ["selector"]);
        let f = run(&RULE, DEPLOYMENT);
        assert!(f[0].message.contains("first on line 5"), "{}", f[0].message);
    }

    #[test]
    fn good() {
        silent(
            &RULE,
            "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: {x: \"1\"}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\ndata: {x: \"1\"}\n",
        );
    }

    #[test]
    fn edge() {
        // the later selector is the one checked: it matches the template, so DW3026 stays silent
        let all = lint(
            DEPLOYMENT,
            &LintOptions {
                kind: Some(FileKind::Kubernetes),
                ..Default::default()
            },
        );
        assert!(!all.has_syntax_errors());
        let ids: Vec<_> = all.findings.iter().map(|f| f.rule.id).collect();
        assert!(ids.contains(&"DW3029") && !ids.contains(&"DW3026"), "{ids:?}");
        // JSON (kubectl get -o json) has the same rule
        assert_eq!(
            spans(&RULE, "{\"apiVersion\": \"v1\", \"kind\": \"Pod\", \"kind\": \"Pod\"}"),
            ["\"kind\""]
        );
    }

    #[test]
    fn fix() {
        let pod = "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    image: x:1\n";
        assert_eq!(
            fixed(
                &RULE,
                &format!(
                    "{pod}    env:\n    - name: A\n      value: \"1\"\n    env:\n    - name: B\n      value: \"2\"\n"
                )
            ),
            format!("{pod}    env:\n    - name: B\n      value: \"2\"\n")
        );
        fix_converges(&RULE, "apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  name: b\nspec:\n  containers: []\n---\nkind: Pod\nkind: Pod\napiVersion: v1\n");
        assert!(
            run(&RULE, "apiVersion: v1\nkind: Pod\nmetadata: {name: a, name: b}\n")[0]
                .fix
                .is_none()
        );
    }
}
