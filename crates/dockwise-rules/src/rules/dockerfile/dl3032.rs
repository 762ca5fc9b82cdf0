//! DL3032: `yum install` without `yum clean all` afterwards.

use super::helpers::{has_arg, missing_clean, removes_any};
use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::sources;
use dockwise_syntax::dockerfile::Model;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DL3032",
    name: "yum-clean",
    severity: Severity::Warning,
    kind: FileKind::Dockerfile,
    title: text!("`yum install` without `yum clean all` in the same RUN"),
    tags: &[Tag::Size],
    docs: docs! {
        what: "Flags a RUN with `yum install` and no `yum clean all` (or removal of `/var/cache/yum`) after it.",
        why: "yum keeps repository metadata (and, with `keepcache`, downloaded packages) in `/var/cache/yum`, files \
            nothing uses at runtime. Cleaning in a later RUN does not help: the files are already frozen in the \
            earlier layer.",
        bad: "FROM centos:7\nRUN yum install -y httpd-2.4.6\n",
        good: "FROM centos:7\nRUN yum install -y httpd-2.4.6 && yum clean all\n",
        fix: "End the same RUN with `&& yum clean all` (or `rm -rf /var/cache/yum`).",
    },
    quiz: quiz! {
        question: "Why must `yum clean all` be in the same RUN as the install?",
        choices: &[
            Choice {
                text: "A later RUN cannot shrink the install's layer",
                correct: true,
                feedback: "Each RUN is a layer; cleaning only shrinks the layer it runs in.",
            },
            Choice {
                text: "yum refuses to clean a cache from an earlier RUN",
                correct: false,
                feedback: "It cleans fine; the files just stay in the earlier layer.",
            },
            Choice {
                text: "It does not matter: Docker keeps only the final files",
                correct: false,
                feedback: "An image ships every layer; files deleted later are only hidden.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Dockerfile(checker!(check)),
    standard: &[
        &sources::DOCKER_APT_CLEANUP,
        &Source {
            title: text!("hadolint wiki: DL3032 (yum clean all missing)"),
            url: text!("https://github.com/hadolint/hadolint/wiki/DL3032"),
        },
        &sources::DNF_CLEAN_COMMAND,
    ],
    concern: Some(&sources::IMAGE_SIZE),
    fixes: Fixes::Contextual,
    scope: Scope::Place,
};

fn check(cx: &Context<Model>, out: &mut Reporter) {
    missing_clean(
        cx,
        out,
        |c| c.name() == Some("yum") && has_arg(c, "install"),
        |c| (c.name() == Some("yum") && has_arg(c, "clean")) || removes_any(c, &["/var/cache/yum"]),
        &["/var/cache/yum"],
        "yum's cache stays in this layer: end the RUN with `yum clean all`",
        "clean all",
    );
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::*;

    #[test]
    fn bad() {
        assert_eq!(
            spans(&RULE, "FROM c:1\nRUN yum install -y x-1\n"),
            ["yum install -y x-1"]
        );
        // a clean before the install does not count
        fires(&RULE, "FROM c:1\nRUN yum clean all && yum install -y x-1\n");
    }

    #[test]
    fn good() {
        silent(&RULE, "FROM c:1\nRUN yum install -y x-1 && yum clean all\n");
        silent(&RULE, "FROM c:1\nRUN yum install -y x-1 && rm -rf /var/cache/yum/*\n");
    }

    #[test]
    fn edge() {
        fires(&RULE, "FROM c:1\nRUN yum module install -y nodejs:18\n");
        silent(&RULE, "FROM c:1\nRUN yum remove -y x\n");
    }

    #[test]
    fn fix() {
        use crate::diagnostics::Applicability;
        let applicability = |src: &str| run(&RULE, src)[0].fix.as_ref().map(|f| f.applicability);
        assert_eq!(
            fix_converges(&RULE, "FROM c:7\nRUN yum install -y httpd-2.4.6\n"),
            "FROM c:7\nRUN yum install -y httpd-2.4.6 && yum clean all\n"
        );
        assert_eq!(
            applicability("FROM c:7\nRUN yum install -y httpd-2.4.6\n"),
            Some(Applicability::Safe)
        );
        // unsafe when a later RUN installs again: the cache would be gone
        let later = concat!(
            "FROM c:7\nRUN yum install -y httpd-2.4.6\n",
            "RUN yum install -y mod_ssl-2.4.6 && yum clean all\n"
        );
        assert_eq!(applicability(later), Some(Applicability::Unsafe));
        fix_converges(&RULE, later);
    }
}
