//! `dockwise input` and `dockwise lint --policy`: the input document in
//! both forms, policy findings merged with the rules' in every format, the
//! lessons' Rego v0 policy read as it is, and policy errors with their place.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "../../../tests/support/cli.rs"]
mod cli_support;

use cli_support::dockwise_in;
use serde_json::Value;
use std::path::{Path, PathBuf};

const BAD: &str = "FROM python:latest\nWORKDIR /app\nCOPY . .\nCMD [\"python\", \"app.py\"]\n";
const HARDENED: &str = "FROM python:3.12-slim\nRUN useradd --uid 10001 app\nWORKDIR /app\nCOPY . .\nUSER 10001\n\
HEALTHCHECK CMD python -c \"import urllib.request; urllib.request.urlopen('http://localhost:8000/')\"\n\
CMD [\"python\", \"app.py\"]\n";

const LESSONS_V0: &str = "package docker.security\n\ndeny[msg] {\n    input.User == \"root\"\n    \
msg := \"Container cannot run as root user\"\n}\n\ndeny[msg] {\n    input.Image.tag == \"latest\"\n    \
msg := \"Image must use specific version tags, not 'latest'\"\n}\n\ndeny[msg] {\n    not input.HealthCheck\n    \
msg := \"Container must define a health check\"\n}\n";

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("dockwise-policy-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("policy")).unwrap();
    dir
}

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).unwrap();
}

fn stdout(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn input_prints_the_image_configuration() {
    let dir = scratch("input");
    write(&dir, "Dockerfile", BAD);
    let o = dockwise_in(&dir, &["input", "Dockerfile"], None);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["User"], "root");
    assert_eq!(v["Image"]["tag"], "latest");
    assert!(v.get("HealthCheck").is_none());
    assert_eq!(v["Stages"][0]["Instructions"][3]["Cmd"], "cmd");
    // conftest's form: the instruction list
    let o = dockwise_in(&dir, &["input", "--input-format", "conftest", "-"], Some(BAD));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v[0]["Cmd"], "from");
    assert_eq!(v[0]["Value"][0], "python:latest");
    // a compose file from standard input, named for its kind
    let o = dockwise_in(
        &dir,
        &["input", "--stdin-name", "compose.yaml", "-"],
        Some("services:\n  web:\n    image: nginx\n"),
    );
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["services"]["web"]["image"], "nginx");
    let o = dockwise_in(&dir, &["input", "--input-format", "yaml", "Dockerfile"], None);
    assert_eq!(o.status.code(), Some(2));
    // conftest's form of a YAML stream: its documents
    let o = dockwise_in(
        &dir,
        &["input", "--input-format", "conftest", "--kind", "kubernetes", "-"],
        Some("kind: Service\n---\nkind: Pod\n"),
    );
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(
        (v[0]["kind"].as_str(), v[1]["kind"].as_str()),
        (Some("Service"), Some("Pod"))
    );
}

#[test]
fn conftest_policies_work_unchanged() {
    let dir = scratch("conftest");
    write(&dir, "Dockerfile", BAD);
    // a policy written for conftest's Dockerfile form (package main: a list
    // of instructions with Cmd and Value)
    write(
        &dir.join("policy"),
        "base.rego",
        "package main\n\nblocked := {\"python\"}\n\ndeny contains msg if {\n\tsome instr in input\n\tinstr.Cmd == \"from\"\n\tsome image in instr.Value\n\tsome name in blocked\n\tstartswith(image, name)\n\tmsg := sprintf(\"base image %s is not allowed\", [image])\n}\n",
    );
    write(
        &dir,
        "k8s.yaml",
        "apiVersion: v1\nkind: Service\nmetadata:\n  name: s\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n\
         spec:\n  template:\n    spec:\n      containers:\n      - name: app\n        image: nginx:1.27\n",
    );
    write(
        &dir.join("policy"),
        "k8s.rego",
        "package main\n\nwarn contains {\"msg\": sprintf(\"%s must set runAsNonRoot\", [input.metadata.name]), \"path\": \"metadata.name\"} if {\n\t         input.kind == \"Deployment\"\n\tnot input.spec.template.spec.securityContext.runAsNonRoot\n}\n",
    );
    let o = dockwise_in(
        &dir,
        &[
            "lint",
            "--policy",
            "policy",
            "--input-format",
            "conftest",
            "-f",
            "json",
            "Dockerfile",
            "--kind",
            "dockerfile",
        ],
        None,
    );
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let main: Vec<&Value> = v.as_array().unwrap().iter().filter(|f| f["rule"] == "main").collect();
    assert_eq!(main.len(), 1, "{v}");
    assert!(main[0]["message"].as_str().unwrap().starts_with("base image python"));
    let o = dockwise_in(
        &dir,
        &[
            "lint",
            "--policy",
            "policy",
            "--input-format",
            "conftest",
            "--kind",
            "kubernetes",
            "-f",
            "json",
            "k8s.yaml",
        ],
        None,
    );
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let main: Vec<&Value> = v.as_array().unwrap().iter().filter(|f| f["rule"] == "main").collect();
    assert_eq!(main.len(), 1, "{v}");
    assert_eq!(
        (main[0]["message"].as_str(), main[0]["line"].as_u64()),
        (Some("web must set runAsNonRoot"), Some(9))
    );
}

#[test]
fn the_lessons_policy_in_every_format() {
    let dir = scratch("lessons");
    write(&dir, "Dockerfile", BAD);
    write(&dir, "hardened.Dockerfile", HARDENED);
    write(&dir.join("policy"), "lessons.rego", LESSONS_V0);
    let o = dockwise_in(&dir, &["lint", "--policy", "policy", "-f", "json", "Dockerfile"], None);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let mut policy: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "docker.security")
        .map(|f| f["message"].as_str().unwrap())
        .collect();
    policy.sort();
    assert_eq!(
        policy,
        [
            "Container cannot run as root user",
            "Container must define a health check",
            "Image must use specific version tags, not 'latest'",
        ]
    );
    // the rules' findings are still there
    assert!(v.as_array().unwrap().iter().any(|f| f["rule"] == "DL3007"));
    let o = dockwise_in(
        &dir,
        &["lint", "--policy", "policy", "-f", "json", "hardened.Dockerfile"],
        None,
    );
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert!(
        !v.as_array().unwrap().iter().any(|f| f["rule"] == "docker.security"),
        "{v}"
    );
    // the other formats carry them too
    let o = dockwise_in(&dir, &["lint", "--policy", "policy", "Dockerfile"], None);
    assert!(
        stdout(&o).contains("error[docker.security] Container cannot run as root user"),
        "{}",
        stdout(&o)
    );
    let o = dockwise_in(&dir, &["lint", "--policy", "policy", "-f", "sarif", "Dockerfile"], None);
    let sarif: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let run = &sarif["runs"][0];
    assert!(run["results"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["ruleId"] == "docker.security"));
    assert!(run["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["id"] == "docker.security"));
    for format in ["checkstyle", "github", "gitlab"] {
        let o = dockwise_in(&dir, &["lint", "--policy", "policy", "-f", format, "Dockerfile"], None);
        assert!(stdout(&o).contains("docker.security"), "{format}: {}", stdout(&o));
    }
    // v1 is refused when asked for
    let o = dockwise_in(
        &dir,
        &["lint", "--policy", "policy", "--rego-version", "v1", "Dockerfile"],
        None,
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("lessons.rego:3:"), "{}", stderr(&o));
}

#[test]
fn a_path_places_the_finding_on_its_words() {
    let dir = scratch("path");
    write(&dir, "Dockerfile", BAD);
    write(
        &dir.join("policy"),
        "tag.rego",
        "package tags\n\nwarn contains {\"msg\": \"no latest\", \"path\": \"Image.tag\"} if input.Image.tag == \"latest\"\n",
    );
    write(
        &dir,
        "compose.yaml",
        "services:\n  web:\n    image: nginx:1.27\n    privileged: true\n",
    );
    write(
        &dir.join("policy"),
        "compose.rego",
        "package compose.rules\n\ndeny contains {\"msg\": name, \"path\": sprintf(\"services.%s.privileged\", [name])} if {\n  \
         some name, s in input.services\n  s.privileged\n}\n",
    );
    let o = dockwise_in(
        &dir,
        &["lint", "--policy", "policy", "-f", "json", "Dockerfile", "compose.yaml"],
        None,
    );
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let find = |rule: &str| {
        v.as_array()
            .unwrap()
            .iter()
            .find(|f| f["rule"] == rule)
            .unwrap_or_else(|| panic!("{rule}: {v}"))
            .clone()
    };
    let tag = find("tags");
    // OPA's regex built-ins (the CLI has them)
    write(
        &dir.join("policy"),
        "regex.rego",
        "package regexes\n\nwarn contains \"python base\" if regex.match(`^py[a-z]+$`, input.Image.name)\n",
    );
    let o = dockwise_in(&dir, &["lint", "--policy", "policy", "-f", "json", "Dockerfile"], None);
    assert!(stdout(&o).contains("python base"), "{}{}", stdout(&o), stderr(&o));
    assert_eq!(
        (tag["severity"].as_str(), tag["line"].as_u64(), tag["column"].as_u64()),
        (Some("warning"), Some(1), Some(13))
    );
    let privileged = find("compose.rules");
    assert_eq!(
        (privileged["line"].as_u64(), privileged["column"].as_u64()),
        (Some(4), Some(17))
    );
    assert_eq!(privileged["message"], "web");
}

#[test]
fn policy_errors_name_file_line_and_column() {
    let dir = scratch("errors");
    write(&dir, "Dockerfile", BAD);
    write(
        &dir.join("policy"),
        "broken.rego",
        "package broken\n\ndeny contains msg if {\n  msg := \n}\n",
    );
    let o = dockwise_in(&dir, &["lint", "--policy", "policy", "Dockerfile"], None);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("broken.rego:4:7:") && err.contains("policy error"),
        "{err}"
    );
    assert!(stdout(&o).is_empty(), "nothing is checked with a broken policy");
    let o = dockwise_in(&dir, &["lint", "--policy", "nowhere", "Dockerfile"], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("nowhere"));
}
