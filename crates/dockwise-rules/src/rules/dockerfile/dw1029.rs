//! DW1029: TLS certificate or package signature checks switched off.

use super::helpers::fixes::delete_word;
use crate::diagnostics::{Diagnostic, Fix, Reporter, Severity, Tag};
use crate::rule::{Check, Context, Fixes, Rule, Scope, Source};
use crate::sources;
use dockwise_syntax::dockerfile::{Kind, Model};
use dockwise_syntax::FileKind;

pub static RULE: Rule = Rule {
    id: "DW1029",
    name: "verification-disabled",
    severity: Severity::Warning,
    kind: FileKind::Dockerfile,
    title: text!("TLS or package signature verification is switched off"),
    tags: &[Tag::Security],
    docs: docs! {
        what: "Flags switches that turn verification off: `curl -k`/`--insecure`, `wget --no-check-certificate`, `pip \
            --trusted-host`, `apk --allow-untrusted`, `apt-get --allow-unauthenticated`, `yum`/`dnf --nogpgcheck`, \
            `rpm --nosignature`/`--nodigest`, `npm`/`yarn config set strict-ssl false`, `git config http.sslVerify \
            false`, and ENV settings `NODE_TLS_REJECT_UNAUTHORIZED=0`, `PYTHONHTTPSVERIFY=0`, \
            `NPM_CONFIG_STRICT_SSL=false`, `GIT_SSL_NO_VERIFY`, `PIP_TRUSTED_HOST`.",
        why: "TLS verification stops anyone between you and the server (a hostile network, a rogue proxy) from \
            substituting what you download, and package signatures stop a compromised mirror from serving altered \
            packages. Turning them off usually works around a certificate or key problem once, and then stays in the \
            file, silently, for every build.",
        bad: "FROM debian:12-slim\nRUN curl -k -fsSLo /tmp/tool.tgz https://example.com/tool.tgz\n",
        good: "FROM debian:12-slim\nRUN curl -fsSLo /tmp/tool.tgz https://example.com/tool.tgz\n",
        fix: "Fix the trust problem instead: install the corporate CA into the image (`COPY ca.crt \
            /usr/local/share/ca-certificates/ && update-ca-certificates`), or point the tool at it (`--cacert`, \
            `PIP_CERT`, `NODE_EXTRA_CA_CERTS`).",
    },
    quiz: quiz! {
        question: "A build behind a company proxy fails with certificate errors. What is the right fix?",
        choices: &[
            Choice {
                text: "Add the company's CA to the image's trust store",
                correct: true,
                feedback: "Install the CA (`update-ca-certificates`) or point the tool at it (`--cacert`, \
                    `PIP_CERT`, `NODE_EXTRA_CA_CERTS`): verification stays on, and the proxy is trusted explicitly.",
            },
            Choice {
                text: "Skip verification, but only for the proxy's host",
                correct: false,
                feedback: "Whoever can intercept that traffic can then serve anything; trusting the proxy's CA keeps \
                    verification on.",
            },
            Choice {
                text: "Switch the download URLs from https to http",
                correct: false,
                feedback: "Plain HTTP removes the check the proxy failed, and every other protection of TLS with it.",
            },
        ],
    },
    enabled_by_default: true,
    aliases: &[],
    check: Check::Dockerfile(checker!(check)),
    standard: &[
        &sources::CIS_VERIFIED_PACKAGES,
        &Source {
            title: text!("curl manual: -k, --insecure"),
            url: text!("https://curl.se/docs/manpage.html#-k"),
        },
    ],
    concern: None,
    fixes: Fixes::Unsafe,
    scope: Scope::Place,
};

fn check(cx: &Context<Model>, out: &mut Reporter) {
    for (i, c) in cx.commands(true) {
        let flag = match c.name() {
            Some("curl") => c.find_flag(&["-k", "--insecure"]),
            Some("wget") => c.find_flag(&["--no-check-certificate"]),
            Some("pip" | "pip3") => c.find_flag(&["--trusted-host"]),
            Some("apk") => c.find_flag(&["--allow-untrusted"]),
            Some("apt-get" | "apt") => c.find_flag(&["--allow-unauthenticated", "--allow-insecure-repositories"]),
            Some("yum" | "dnf" | "microdnf" | "tdnf") => c.find_flag(&["--nogpgcheck"]),
            Some("rpm") => c.find_flag(&["--nosignature", "--nodigest", "--noverify", "--nofiledigest"]),
            _ => None,
        };
        if let Some(f) = flag {
            // a flag of its own that takes no value (not `-kfsSL`, not
            // `--trusted-host x`): unsafe, the download fails until the CA is trusted
            let alone = f.value.starts_with("--") || f.value.len() == 2;
            let fix = || {
                (alone && f.value != "--trusted-host")
                    .then(|| delete_word(cx, i, f))
                    .flatten()
                    .and_then(|e| Fix::unsafe_(format!("remove {}", f.value).as_str(), vec![e]))
            };
            out.push(
                Diagnostic::new(
                    f.span,
                    format!("`{}` switches off verification: trust the right CA instead", f.value),
                )
                .with_fix(fix),
            );
            continue;
        }
        let config_off = match c.name() {
            Some("npm" | "yarn" | "pnpm" | "git") => {
                let args: Vec<&str> = c.args().iter().map(|w| &*w.value).collect();
                match c.name() {
                    Some("git") => {
                        args.iter().any(|a| a.eq_ignore_ascii_case("http.sslVerify")) && args.contains(&"false")
                    }
                    _ => args.windows(2).any(|w| w[0] == "strict-ssl" && w[1] == "false"),
                }
            }
            _ => false,
        };
        if config_off {
            out.report(
                c.program_span(),
                "this switches off TLS verification: trust the right CA instead",
            );
        }
    }
    for ins in cx
        .instructions()
        .iter()
        .map(|i| i.effective())
        .filter(|i| i.kind == Kind::Env)
    {
        for kv in ins.key_values() {
            let v = kv.value.as_ref().map_or("", |v| &*v.value);
            let off = match &*kv.key.value {
                "NODE_TLS_REJECT_UNAUTHORIZED" | "PYTHONHTTPSVERIFY" => v == "0",
                "NPM_CONFIG_STRICT_SSL" | "npm_config_strict_ssl" => v.eq_ignore_ascii_case("false"),
                "GIT_SSL_NO_VERIFY" | "PIP_TRUSTED_HOST" => !v.is_empty(),
                _ => false,
            };
            if off {
                out.report(kv.raw.span, format!("`{}` switches off TLS verification", kv.key.value));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::testing::*;

    #[test]
    fn bad() {
        assert_eq!(
            spans(&RULE, "FROM a:1\nRUN wget --no-check-certificate https://x\n"),
            ["--no-check-certificate"]
        );
        fires(&RULE, "FROM a:1\nENV NODE_TLS_REJECT_UNAUTHORIZED=0\n");
        fires(&RULE, "FROM a:1\nRUN npm config set strict-ssl false\n");
        fires(&RULE, "FROM a:1\nRUN curl -fsSLk https://x\n");
    }

    #[test]
    fn good() {
        silent(
            &RULE,
            "FROM a:1\nRUN curl -fsSL --cacert /etc/ssl/ca.pem https://x\nENV NODE_EXTRA_CA_CERTS=/etc/ssl/ca.pem\n",
        );
    }

    #[test]
    fn edge() {
        silent(
            &RULE,
            "FROM a:1\nENV NODE_TLS_REJECT_UNAUTHORIZED=1\nRUN dnf install -y --nodocs x\n",
        );
    }

    #[test]
    fn fix() {
        assert_eq!(
            fix_converges(
                &RULE,
                "FROM d:1\nRUN curl -k -fsSLo /t https://x && wget https://y --no-check-certificate\n"
            ),
            "FROM d:1\nRUN curl -fsSLo /t https://x && wget https://y\n"
        );
        // a flag inside a cluster, or one that takes a value: no fix
        let fixes = |src: &str| run(&RULE, src).iter().filter(|f| f.fix.is_some()).count();
        assert_eq!(fixes("FROM d:1\nRUN curl -fsSLk https://x\n"), 0);
        assert_eq!(fixes("FROM d:1\nRUN pip install --trusted-host pypi.org x\n"), 0);
    }
}
