//! DL3028: `gem install` without versions.

use crate::diagnostics::{Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::sources;
use dockwise_syntax::dockerfile::Model;
use dockwise_syntax::shell::ShWord;
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DL3028",
    name: "gem-pin-versions",
    severity: Severity::Warning,
    kind: FileKind::Dockerfile,
    title: text!("`gem install` without pinned versions"),
    tags: &[Tag::Reliability],
    docs: docs! {
        what: "Flags `gem install` (or `gem i`) with a gem that names no version (`rails:7.1.3`), unless \
            `-v`/`--version` is given. The words after `--` are build options for native extensions, not gems.",
        why: "An unpinned gem installs the newest release at build time, so rebuilding the same Dockerfile later can \
            pull a new major version and break the app.",
        bad: "FROM ruby:3.3-slim\nRUN gem install bundler\n",
        good: "FROM ruby:3.3-slim\nRUN gem install bundler:2.5.11\n",
        fix: "Pin with `gem install name:version` or `gem install name -v version`. For an app, prefer a Gemfile.lock \
            and `bundle install`.",
    },
    quiz: quiz! {
        question: "Which command pins the gem?",
        choices: &[
            Choice {
                text: "`gem install rails -v 7.1.3`",
                correct: true,
                feedback: "`-v` names the exact version (so does `rails:7.1.3`).",
            },
            Choice {
                text: "`gem install rails --no-document`",
                correct: false,
                feedback: "That only skips the documentation; the newest rails is still installed.",
            },
            Choice {
                text: "`gem install rails --minimal-deps`",
                correct: false,
                feedback: "That changes how dependencies are resolved, not which rails is installed.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Dockerfile(checker!(check)),
    standard: &[
        &sources::DOCKER_PIN_APT,
        &Source {
            title: text!("hadolint wiki: DL3028 (pin versions in gem install)"),
            url: text!("https://github.com/hadolint/hadolint/wiki/DL3028"),
        },
    ],
    concern: Some(&sources::PINNED_PACKAGES),
    fixes: Fixes::No,
    scope: Scope::Place,
};

fn check(cx: &Context<Model>, out: &mut Reporter) {
    const VALUE_FLAGS: &[&str] = &[
        "-i",
        "--install-dir",
        "-n",
        "--bindir",
        "-s",
        "--source",
        "-P",
        "--trust-policy",
        "--platform",
    ];
    for (_, cmd) in cx.commands(true) {
        // `gem i` is gem's short `install`
        let sub = cmd.subcommand(VALUE_FLAGS);
        if cmd.name() != Some("gem") || sub.is_none_or(|w| w.value != "install" && w.value != "i") {
            continue;
        }
        if cmd.has_flag(&["-v", "--version"]) {
            continue;
        }
        // the words after `--` are build options for the gems' native
        // extensions (`-- --use-system-libraries`), not gems
        let args = cmd.args();
        let options_end = args.iter().position(|w| w.value == "--").unwrap_or(args.len());
        let before_end = |w: &&ShWord| args[..options_end].iter().any(|a| std::ptr::eq(a, *w));
        if let Some(w) = cmd
            .positionals(VALUE_FLAGS)
            .into_iter()
            .skip(1)
            .filter(before_end)
            .find(|w| !w.value.contains(':'))
        {
            out.report(
                w.span,
                format!("`{}` has no version: `gem install {}:<version>`", w.value, w.value),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::*;

    #[test]
    fn bad() {
        assert_eq!(spans(&RULE, "FROM r:1\nRUN gem install rails\n"), ["rails"]);
    }

    #[test]
    fn good() {
        silent(&RULE, "FROM r:1\nRUN gem install rails:7.1\n");
    }

    #[test]
    fn edge() {
        silent(
            &RULE,
            "FROM r:1\nRUN gem install rails -v 7.1 && gem install bundler --version=2\n",
        );
        silent(&RULE, "FROM r:1\nRUN gem update --system\n");
        silent(&RULE, "FROM r:1\nRUN gem install bundler --version '2.0.1'\n");
        // gem's short `install`
        assert_eq!(spans(&RULE, "FROM r:1\nRUN gem i bundler\n"), ["bundler"]);
        assert_eq!(spans(&RULE, "FROM r:1\nRUN gem i bunlder:1 nokogiri\n"), ["nokogiri"]);
        silent(&RULE, "FROM r:1\nRUN gem i bundler:1 nokogiri:1\n");
    }

    #[test]
    fn build_options_after_double_dash() {
        // after `--` come the native extension's build options, not gems
        silent(
            &RULE,
            "FROM r:1\nRUN gem install bundler:2.0.1 -- --use-system-libraries=true\n",
        );
        silent(
            &RULE,
            "FROM r:1\nRUN gem install bundler:2.0.1 -- --use-system-libraries true\n",
        );
        silent(
            &RULE,
            "FROM r:1\nRUN gem install bundler:2.0.1 --use-system-libraries=true\n",
        );
        silent(
            &RULE,
            "FROM r:1\nRUN gem install nokogiri:1.16.5 -- --use-system-libraries --with-xml2-include=/usr/include/libxml2\n",
        );
        // the gems before `--` are still checked
        assert_eq!(
            spans(&RULE, "FROM r:1\nRUN gem install nokogiri -- --use-system-libraries\n"),
            ["nokogiri"]
        );
    }

    #[test]
    fn snippets_without_from() {
        fires(&RULE, "RUN gem i bundler\n");
        silent(&RULE, "RUN gem install bundler:2.0.1 -- --use-system-libraries=true\n");
    }
}
