//! What a rule's card shows besides its docs: the rules related to it (the
//! same concern in the other file kinds), the standard the advice comes from,
//! an analogy where one helps, and the bad → good example as a line diff.
//! Only the CLI's `rules --with-docs` output (the playground's `rules.json`)
//! uses these, so the browser's wasm does not carry them.

use super::{all, Rule, Tag};
use crate::engine::FileKind;

/// One concern, checked in several kinds of file.
struct Concern {
    rules: &'static [&'static str],
    standard: &'static str,
    analogy: &'static str,
}

const CIS: &str = "CIS Docker Benchmark";
const PSS: &str = "Kubernetes docs: Pod Security Standards";

static CONCERNS: &[Concern] = &[
    Concern {
        rules: &["DL3002", "DW1001", "DW2015", "DW3007"],
        standard: "CIS Docker Benchmark: create a user for the container; Kubernetes Pod Security Standards (restricted): run as non-root",
        analogy: "Running as root is like giving a bank clerk the master key to the whole building: fine until the day someone else gets hold of the clerk's key ring.",
    },
    Concern {
        rules: &["DL3007", "DL3006", "DW2006", "DW3017", "DW3018", "DW1017"],
        standard: "Docker docs: Dockerfile best practices (pin base image versions); Kubernetes docs: Images (image names and tags)",
        analogy: "A `latest` tag is like a shopping list that says \"whatever bread is on the shelf\": you get bread, but not the same bread twice.",
    },
    Concern {
        rules: &["DW2002", "DW3008", "DW2011", "DW3012", "DW2012", "DW3011", "DW3009", "DW2014"],
        standard: "CIS Docker Benchmark: restrict Linux kernel capabilities, do not use privileged containers; Kubernetes Pod Security Standards (baseline and restricted)",
        analogy: "Privileges are like keys on a key ring: each one opens another door, so carry only the ones the job needs.",
    },
    Concern {
        rules: &["DW2003", "DW3016"],
        standard: "CIS Docker Benchmark: do not mount the Docker socket inside any containers",
        analogy: "Handing a container the Docker socket is handing a guest the remote control of the whole building.",
    },
    Concern {
        rules: &["DW2010", "DW3013", "DW3014", "DW3015"],
        standard: "CIS Docker Benchmark: do not share the host's network, process or IPC namespace; Kubernetes Pod Security Standards (baseline)",
        analogy: "",
    },
    Concern {
        rules: &["DW2004", "DW3002", "DW3003", "DW1028"],
        standard: "CIS Docker Benchmark: limit memory usage and set CPU priority; Kubernetes docs: Resource Management for Pods and Containers",
        analogy: "Limits are like separate electricity meters in a shared house: one tenant's heater cannot black out everyone else.",
    },
    Concern {
        rules: &["DW1002", "DW2005", "DW3004", "DW3005", "DW3006"],
        standard: "Docker docs: HEALTHCHECK instruction; Kubernetes docs: Configure Liveness, Readiness and Startup Probes",
        analogy: "A health check is the window into a room: without it nobody sees that the person inside has fallen asleep at the desk.",
    },
    Concern {
        rules: &["DW4001", "DW4002", "DW4003", "DL3064", "DW2007", "DW2008", "DW3019"],
        standard: "Docker docs: Build secrets and Compose secrets; Kubernetes docs: Secrets (good practices)",
        analogy: "A secret baked into an image is a password written on the box the product ships in: everyone who ever handles the box can read it.",
    },
    Concern {
        rules: &["DW2013", "DW3010"],
        standard: "CIS Docker Benchmark: mount the container's root filesystem as read only",
        analogy: "A read-only filesystem is a museum display case: visitors can look, nobody can swap the exhibit.",
    },
    Concern {
        rules: &["DL3025", "DL3000"],
        standard: "Docker docs: Dockerfile reference (CMD and ENTRYPOINT, shell and exec form)",
        analogy: "Shell form puts a receptionist (`/bin/sh`) between the caller and the app, and this receptionist never passes on the message to hang up.",
    },
    Concern {
        rules: &["DW1005", "DW1027", "DW1023", "DW1004"],
        standard: "Docker docs: Multi-stage builds",
        analogy: "A multi-stage build is a workshop and a showroom: the tools stay in the workshop, only the finished piece goes on display.",
    },
    Concern {
        rules: &["DW1018", "DW2009"],
        standard: "Docker docs: Configure logging drivers; The Twelve-Factor App (XI. Logs)",
        analogy: "Logging to a file inside the container is keeping the flight recorder in the plane's overhead locker: it goes wherever the plane goes.",
    },
    Concern {
        rules: &["DW1025", "DW3028"],
        standard: "CIS Docker Benchmark: do not run sshd within containers",
        analogy: "",
    },
    Concern {
        rules: &["DL3008", "DL3013", "DL3016", "DL3018", "DL3028", "DL3033", "DL3037", "DL3041", "DL3062"],
        standard: "Docker docs: Dockerfile best practices (pin package versions)",
        analogy: "",
    },
    Concern {
        rules: &["DL3009", "DL3042", "DL3019", "DL3060", "DW1022", "DL3015"],
        standard: "Docker docs: Dockerfile best practices (minimise the number of layers and image size)",
        analogy: "",
    },
];

fn concern(rule: &Rule) -> Option<&'static Concern> {
    CONCERNS.iter().find(|c| c.rules.contains(&rule.id))
}

/// Rules about the same concern (up to four), else rules of the same kind
/// sharing the first tag.
pub fn related(rule: &Rule) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = concern(rule).map(|c| c.rules.iter().copied().filter(|id| *id != rule.id).collect()).unwrap_or_default();
    if out.is_empty() {
        let tag = rule.tags.first();
        out = all().filter(|r| r.id != rule.id && r.kind == rule.kind && r.tags.first() == tag && r.enabled_by_default).map(|r| r.id).take(3).collect();
    }
    out.truncate(4);
    out
}

/// The standard or documentation the advice comes from, by name.
pub fn standard(rule: &Rule) -> &'static str {
    if let Some(c) = concern(rule) {
        return c.standard;
    }
    let security = rule.tags.contains(&Tag::Security);
    match rule.kind {
        FileKind::Dockerfile if rule.id.starts_with("DL") => "Docker docs: Dockerfile best practices (as checked by hadolint)",
        FileKind::Dockerfile if matches!(rule.id, "DW1000" | "DW1006" | "DW1007" | "DW1008" | "DW1009" | "DW1010" | "DW1011" | "DW1012" | "DW1013" | "DW1014" | "DW1015" | "DW1016") => "Docker docs: Build checks (BuildKit)",
        FileKind::Dockerfile if security => CIS,
        FileKind::Dockerfile => "Docker docs: Dockerfile best practices",
        FileKind::Compose if security => CIS,
        FileKind::Compose => "Docker docs: Compose file reference (Compose Specification)",
        FileKind::Kubernetes if security => PSS,
        FileKind::Kubernetes => "Kubernetes docs: Workloads and configuration best practices",
    }
}

/// An analogy, where one helps (empty otherwise).
pub fn analogy(rule: &Rule) -> &'static str {
    concern(rule).map(|c| c.analogy).unwrap_or("")
}

/// The bad → good example as a line diff: (`' '` same, `'-'` removed, `'+'` added).
pub fn diff(bad: &str, good: &str) -> Vec<(char, String)> {
    let (a, b): (Vec<&str>, Vec<&str>) = (bad.lines().collect(), good.lines().collect());
    // longest common subsequence of lines
    let mut lcs = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i][j] = if a[i] == b[j] { lcs[i + 1][j + 1] + 1 } else { lcs[i + 1][j].max(lcs[i][j + 1]) };
        }
    }
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            out.push((' ', a[i].to_string()));
            i += 1;
            j += 1;
        } else if i < a.len() && (j == b.len() || lcs[i + 1][j] >= lcs[i][j + 1]) {
            // removals before additions, as diffs are read
            out.push(('-', a[i].to_string()));
            i += 1;
        } else {
            out.push(('+', b[j].to_string()));
            j += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn concerns_name_real_rules_and_cover_the_lesson_topics() {
        for c in CONCERNS {
            for id in c.rules {
                assert!(super::super::find(id).is_some(), "unknown rule {id}");
            }
        }
        let root = super::super::find("DW3007").unwrap();
        assert!(related(root).contains(&"DL3002"));
        assert!(standard(root).contains("Pod Security Standards"));
        assert!(!analogy(root).is_empty());
        // every rule gets a standard and related rules
        for r in all() {
            assert!(!standard(r).is_empty(), "{}", r.id);
        }
    }

    #[test]
    fn diff_of_examples() {
        let d = diff("FROM python:latest\nUSER 1001\n", "FROM python:3.12\nUSER 1001\n");
        assert_eq!(d, [('-', "FROM python:latest".into()), ('+', "FROM python:3.12".into()), (' ', "USER 1001".into())]);
        // every card's diff rebuilds both examples
        for r in all() {
            let d = diff(r.docs.bad, r.docs.good);
            let old: Vec<&str> = d.iter().filter(|(op, _)| *op != '+').map(|(_, l)| l.as_str()).collect();
            let new: Vec<&str> = d.iter().filter(|(op, _)| *op != '-').map(|(_, l)| l.as_str()).collect();
            assert_eq!(old, r.docs.bad.lines().collect::<Vec<_>>(), "{}", r.id);
            assert_eq!(new, r.docs.good.lines().collect::<Vec<_>>(), "{}", r.id);
        }
    }
}
