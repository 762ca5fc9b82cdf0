//! The lessons' OPA policy (`package docker.security`, Rego v0), run
//! verbatim: three findings on a Dockerfile that breaks its three gates,
//! none on the hardened one. The policy is read from `../shared/lessons`
//! (or `$DOCKWISE_SHARED/lessons`) when it is there; the copy below is the
//! same text, for checkouts without it.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use dockwise_policy::{input, Format, Policy, Syntax, STARTERS};
use dockwise_syntax::FileKind;
use std::path::PathBuf;

const LESSONS_POLICY: &str = r#"package docker.security

deny[msg] {
    input.User == "root"
    msg := "Container cannot run as root user"
}

deny[msg] {
    input.Image.tag == "latest"
    msg := "Image must use specific version tags, not 'latest'"
}

deny[msg] {
    not input.HealthCheck
    msg := "Container must define a health check"
}
"#;

const BAD: &str =
    "FROM python:latest\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\nCMD [\"python\", \"app.py\"]\n";

const HARDENED: &str = "FROM python:3.11.6-slim\nRUN useradd --uid 10001 --no-create-home appuser\nWORKDIR /app\n\
COPY --chown=appuser . .\nRUN pip install --no-cache-dir -r requirements.txt\nUSER appuser\n\
HEALTHCHECK --interval=30s --timeout=10s --retries=3 CMD curl -f http://localhost:8000/health || exit 1\n\
CMD [\"python\", \"app.py\"]\n";

fn shared() -> PathBuf {
    std::env::var_os("DOCKWISE_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared"))
}

/// The policy as the lessons print it: from `package docker.security` to
/// the last line of its rules.
fn policy_from_lessons() -> Option<String> {
    let dir = std::fs::read_dir(shared().join("lessons")).ok()?;
    for entry in dir.flatten() {
        let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
        let Some(start) = text.find("package docker.security") else {
            continue;
        };
        let mut out = String::new();
        for line in text[start..].lines() {
            let rule_line = line.is_empty()
                || line.starts_with("package ")
                || line.starts_with("deny")
                || line.starts_with(' ')
                || line.starts_with('\t')
                || line == "}";
            if !rule_line {
                break;
            }
            out.push_str(line);
            out.push('\n');
        }
        return Some(out);
    }
    None
}

fn findings(policy: &str, dockerfile: &str) -> Vec<String> {
    let mut p = Policy::compile(&[("lessons.rego".into(), policy.into())], Syntax::Auto).unwrap();
    assert_eq!(p.syntaxes[0].1, Syntax::V0, "the lessons write Rego v0");
    let input = input(FileKind::Dockerfile, dockerfile, Format::Dockwise);
    let mut got: Vec<String> = p
        .evaluate(&input, dockerfile, "Dockerfile")
        .unwrap()
        .into_iter()
        .map(|f| {
            assert_eq!(f.package, "docker.security");
            f.message
        })
        .collect();
    got.sort();
    got
}

#[test]
fn the_lessons_policy_verbatim() {
    let from_lessons = policy_from_lessons();
    if let Some(text) = &from_lessons {
        assert_eq!(
            text.split_whitespace().collect::<Vec<_>>(),
            LESSONS_POLICY.split_whitespace().collect::<Vec<_>>(),
            "the lessons' policy changed"
        );
    }
    let policy = from_lessons.as_deref().unwrap_or(LESSONS_POLICY);
    assert_eq!(
        findings(policy, BAD),
        [
            "Container cannot run as root user",
            "Container must define a health check",
            "Image must use specific version tags, not 'latest'",
        ]
    );
    assert!(findings(policy, HARDENED).is_empty());
}

#[test]
fn the_starter_policies_say_the_same_in_v1() {
    let files: Vec<(String, String)> = STARTERS.iter().map(|(n, t)| (n.to_string(), t.to_string())).collect();
    let mut p = Policy::compile(&files, Syntax::V1).unwrap();
    let run = |p: &mut Policy, text: &str| {
        let input = input(FileKind::Dockerfile, text, Format::Dockwise);
        let mut got: Vec<(String, String)> = p
            .evaluate(&input, text, "Dockerfile")
            .unwrap()
            .into_iter()
            .filter(|f| f.package == "docker.security")
            .map(|f| (f.message, f.span.text(text).to_string()))
            .collect();
        got.sort();
        got
    };
    assert_eq!(
        run(&mut p, BAD),
        [
            (
                "Container cannot run as root user".to_string(),
                "python:latest".to_string()
            ),
            (
                "Container must define a health check".to_string(),
                "FROM python:latest".to_string()
            ),
            (
                "Image must use specific version tags, not 'latest'".to_string(),
                "latest".to_string()
            ),
        ]
    );
    assert!(run(&mut p, HARDENED).is_empty());
}

#[test]
fn compose_and_kubernetes_starters() {
    let files: Vec<(String, String)> = STARTERS.iter().map(|(n, t)| (n.to_string(), t.to_string())).collect();
    let mut p = Policy::compile(&files, Syntax::V1).unwrap();
    let text = "services:\n  web:\n    image: nginx:1.27\n    privileged: true\n";
    let input_doc = input(FileKind::Compose, text, Format::Dockwise);
    let f = p.evaluate(&input_doc, text, "compose.yaml").unwrap();
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(
        (f[0].package.as_str(), f[0].span.text(text)),
        ("compose.security", "true")
    );
    let text = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: app\n    image: x:1\n";
    let input_doc = input(FileKind::Kubernetes, text, Format::Dockwise);
    let f = p.evaluate(&input_doc, text, "pod.yaml").unwrap();
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].span.text(text), "name: app");
}
