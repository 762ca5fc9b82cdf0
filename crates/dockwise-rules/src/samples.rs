//! Built-in sample files for the playground: a deliberately bad file, a
//! hardened one, and the examples of the lessons Dockwise serves. Each
//! sample is a plain file in `samples/`; the table below is its manifest:
//! what the sample is meant to show, which rules it must not trigger, and
//! whether it is clean. One generic test walks the manifest, so a sample
//! cannot drift away from the lesson it illustrates.

use dockwise_syntax::FileKind;

/// A sample file's text: kept with the `docs` feature, empty without it (the
/// browser build fetches `samples.json` when a sample is picked instead).
macro_rules! sample_text {
    ($file:literal) => {
        if cfg!(feature = "docs") {
            include_str!(concat!("../samples/", $file))
        } else {
            ""
        }
    };
}

pub struct Sample {
    pub id: &'static str,
    pub title: &'static str,
    pub kind: FileKind,
    pub text: &'static str,
    /// Rules the sample is meant to show: each must fire on it.
    pub shows: &'static [&'static str],
    /// Rules the sample shows done right: none may fire on it.
    pub avoids: &'static [&'static str],
    /// (rule, text): the rule's findings are exactly these, each on a span
    /// starting with the text.
    pub exactly: &'static [(&'static str, &'static str)],
    /// The sample is a model answer: no rule fires on it.
    pub clean: bool,
}

pub static SAMPLES: &[Sample] = &[
    Sample {
        id: "insecure",
        title: "Insecure web app (many problems)",
        kind: FileKind::Dockerfile,
        text: sample_text!("insecure.Dockerfile"),
        shows: &[
            "DL3007", "DL4000", "DW4001", "DL3020", "DL3003", "DL3042", "DW1003", "DL3004", "DL3014", "DL3025",
            "DW1001", "DW1002", "DW1004", "DW1005",
        ],
        avoids: &[],
        exactly: &[],
        clean: false,
    },
    Sample {
        id: "hardened",
        title: "Hardened web app (no findings)",
        kind: FileKind::Dockerfile,
        text: sample_text!("hardened.Dockerfile"),
        shows: &[],
        avoids: &[],
        exactly: &[],
        clean: true,
    },
    Sample {
        id: "lesson-base-images",
        title: "Lesson: choosing a base image",
        kind: FileKind::Dockerfile,
        text: sample_text!("lesson-base-images.Dockerfile"),
        shows: &["DW1004"],
        avoids: &[],
        exactly: &[],
        clean: false,
    },
    Sample {
        id: "lesson-non-root",
        title: "Lesson: non-root user",
        kind: FileKind::Dockerfile,
        text: sample_text!("lesson-non-root.Dockerfile"),
        shows: &["DL3042"],
        avoids: &["DW1001"],
        exactly: &[],
        clean: false,
    },
    Sample {
        id: "lesson-secrets",
        title: "Lesson: secrets baked into the image",
        kind: FileKind::Dockerfile,
        text: sample_text!("lesson-secrets.Dockerfile"),
        shows: &["DW4001"],
        avoids: &[],
        exactly: &[],
        clean: false,
    },
    Sample {
        id: "lesson-multi-stage",
        title: "Lesson: multi-stage Node.js build",
        kind: FileKind::Dockerfile,
        text: sample_text!("lesson-multi-stage.Dockerfile"),
        shows: &[],
        avoids: &["DW1001"],
        exactly: &[],
        clean: false,
    },
    Sample {
        id: "lesson-layers",
        title: "Lesson: one RUN per step (layer bloat)",
        kind: FileKind::Dockerfile,
        text: sample_text!("lesson-layers.Dockerfile"),
        shows: &["DW1003"],
        avoids: &[],
        exactly: &[],
        clean: false,
    },
    Sample {
        id: "lesson-health-exec",
        title: "Lesson: health check and graceful shutdown",
        kind: FileKind::Dockerfile,
        text: sample_text!("lesson-health-exec.Dockerfile"),
        shows: &[],
        avoids: &["DW1002"],
        exactly: &[("DL3025", "curl -f")],
        clean: false,
    },
    Sample {
        id: "lesson-test-stages",
        title: "Lesson: test and production stages",
        kind: FileKind::Dockerfile,
        text: sample_text!("lesson-test-stages.Dockerfile"),
        shows: &[],
        avoids: &[],
        exactly: &[],
        clean: false,
    },
    Sample {
        id: "lesson-image-size",
        title: "Lesson: image size, before and after",
        kind: FileKind::Dockerfile,
        text: sample_text!("lesson-image-size.Dockerfile"),
        shows: &["DW1005"],
        avoids: &["DW1024"],
        exactly: &[],
        clean: false,
    },
    Sample {
        id: "compose-insecure",
        title: "Insecure Compose stack (many problems)",
        kind: FileKind::Compose,
        text: sample_text!("compose-insecure.yaml"),
        shows: &[
            "DW2002", "DW2003", "DW2006", "DW2007", "DW2008", "DW2009", "DW2010", "DW2015", "DW2016", "DW2017",
        ],
        avoids: &[],
        exactly: &[],
        clean: false,
    },
    Sample {
        id: "compose-hardened",
        title: "Hardened Compose stack (no findings)",
        kind: FileKind::Compose,
        text: sample_text!("compose-hardened.yaml"),
        shows: &[],
        avoids: &[],
        exactly: &[],
        clean: true,
    },
    Sample {
        id: "lesson-monitoring",
        title: "Lesson: monitoring stack (Compose)",
        kind: FileKind::Compose,
        text: sample_text!("lesson-monitoring.yaml"),
        shows: &["DW2006", "DW2008", "DW2016", "DW2018"],
        avoids: &[],
        exactly: &[],
        clean: false,
    },
    Sample {
        id: "lesson-compose-limits",
        title: "Lesson: resource limits and log rotation (Compose)",
        kind: FileKind::Compose,
        text: sample_text!("lesson-compose-limits.yaml"),
        shows: &[],
        avoids: &["DW2009"],
        exactly: &[],
        clean: false,
    },
    Sample {
        id: "lesson-compose-secrets",
        title: "Lesson: secrets handling (Compose)",
        kind: FileKind::Compose,
        text: sample_text!("lesson-compose-secrets.yaml"),
        shows: &[],
        avoids: &[],
        exactly: &[],
        clean: false,
    },
    Sample {
        id: "k8s-insecure",
        title: "Insecure Kubernetes Deployment (many problems)",
        kind: FileKind::Kubernetes,
        text: sample_text!("k8s-insecure.yaml"),
        shows: &[
            "DW3007", "DW3008", "DW3013", "DW3016", "DW3017", "DW3019", "DW3023", "DW3032",
        ],
        avoids: &[],
        exactly: &[],
        clean: false,
    },
    Sample {
        id: "k8s-hardened",
        title: "Hardened Kubernetes Deployment (no findings)",
        kind: FileKind::Kubernetes,
        text: sample_text!("k8s-hardened.yaml"),
        shows: &[],
        avoids: &[],
        exactly: &[],
        clean: true,
    },
    Sample {
        id: "lesson-deployment-probes",
        title: "Lesson: Deployment with probes (Kubernetes)",
        kind: FileKind::Kubernetes,
        text: sample_text!("lesson-deployment-probes.yaml"),
        shows: &["DW3025"],
        avoids: &["DW3004", "DW3005", "DW3006"],
        exactly: &[],
        clean: false,
    },
];

pub fn find(id: &str) -> Option<&'static Sample> {
    SAMPLES.iter().find(|s| s.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::lint;
    use crate::options::LintOptions;

    /// Walks the manifest: every sample parses, is detected as its kind,
    /// and shows (or avoids) what it says.
    #[test]
    fn every_sample_shows_what_it_teaches() {
        for s in SAMPLES {
            assert!(!s.text.is_empty(), "{}: empty", s.id);
            let detected = lint(s.text, &LintOptions::default());
            assert_eq!(detected.kind, s.kind, "{}: detected as another kind", s.id);
            assert!(
                !detected.has_syntax_errors(),
                "{}: {:?}",
                s.id,
                detected.findings.first()
            );
            let r = lint(
                s.text,
                &LintOptions {
                    kind: Some(s.kind),
                    ..Default::default()
                },
            );
            let fired = |id: &'static str| r.findings.iter().filter(move |f| f.rule.id == id);
            for id in s.shows {
                assert!(
                    fired(id).next().is_some(),
                    "{} should show {id}: {:?}",
                    s.id,
                    r.findings.iter().map(|f| f.rule.id).collect::<Vec<_>>()
                );
            }
            for id in s.avoids {
                assert!(fired(id).next().is_none(), "{} should not trigger {id}", s.id);
            }
            for &(id, _) in s.exactly {
                let want: Vec<&str> = s.exactly.iter().filter(|(i, _)| *i == id).map(|(_, t)| *t).collect();
                let got: Vec<&str> = fired(id).map(|f| f.span.text(s.text)).collect();
                assert_eq!(got.len(), want.len(), "{}: {id} fired {got:?}", s.id);
                assert!(
                    got.iter().zip(&want).all(|(g, w)| g.starts_with(w)),
                    "{}: {id} fired {got:?}",
                    s.id
                );
            }
            if s.clean {
                assert!(
                    r.findings.is_empty(),
                    "{}: {:?}",
                    s.id,
                    r.findings.iter().map(|f| f.rule.id).collect::<Vec<_>>()
                );
            }
        }
    }

    #[test]
    fn the_manifest_names_real_rules_and_files() {
        let mut ids = std::collections::HashSet::new();
        for s in SAMPLES {
            assert!(ids.insert(s.id), "duplicate sample {}", s.id);
            for id in s.shows.iter().chain(s.avoids).chain(s.exactly.iter().map(|(id, _)| id)) {
                assert!(crate::rules::find(id).is_some(), "{}: unknown rule {id}", s.id);
            }
        }
        // the first sample is the one a first visit opens
        assert_eq!(SAMPLES[0].id, "insecure");
    }
}
