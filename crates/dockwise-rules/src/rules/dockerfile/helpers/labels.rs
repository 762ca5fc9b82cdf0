//! Shared by the label-schema rules (DL3049-DL3058): the schema comes from
//! the config (`label-schema`), each rule checks one aspect.

use crate::diagnostics::Reporter;
use crate::options::LabelType;
use crate::rule::Context;
use dockwise_syntax::dockerfile::{KeyValue, Kind, Model};

/// Every LABEL pair in the file with its instruction index.
pub fn label_pairs<'a>(model: &'a Model) -> impl Iterator<Item = (usize, &'a KeyValue<'a>)> + 'a {
    model
        .instructions()
        .iter()
        .enumerate()
        .filter(|(_, i)| i.kind == Kind::Label)
        .flat_map(|(i, ins)| ins.key_values().iter().map(move |kv| (i, kv)))
}

/// Reports schema labels of type `ty` whose value `valid` rejects.
pub fn check_type(cx: &Context<Model>, out: &mut Reporter, ty: LabelType, valid: fn(&str) -> bool, what: &str) {
    let schema = &cx.options.label_schema;
    for (_, kv) in label_pairs(cx) {
        let Some(value) = &kv.value else { continue };
        let typed = schema.iter().any(|(name, t)| *t == ty && name == &kv.key.value);
        if typed && !value.value.is_empty() && !valid(&value.value) {
            out.report(
                value.span,
                format!("label `{}` must be {what}; `{}` is not", kv.key.value, value.value),
            );
        }
    }
}

pub fn is_url(v: &str) -> bool {
    let Some((scheme, rest)) = v.split_once("://") else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = host.rsplit('@').next().unwrap_or(host);
    !scheme.is_empty()
        && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme.chars().all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c))
        && !host.is_empty()
        && !v.contains(char::is_whitespace)
}

fn digits(s: &str, n: usize) -> Option<u32> {
    (s.len() == n && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

/// RFC 3339 date-time: `2024-05-01T12:30:00Z`, `...T12:30:00.5+02:00`.
pub fn is_rfc3339(v: &str) -> bool {
    let Some((date, time)) = v.split_once(['T', 't', ' ']) else {
        return false;
    };
    let d: Vec<&str> = date.split('-').collect();
    let (Some(y), Some(m), Some(day)) = (
        d.first().and_then(|s| digits(s, 4)),
        d.get(1).and_then(|s| digits(s, 2)),
        d.get(2).and_then(|s| digits(s, 2)),
    ) else {
        return false;
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = [31, if leap { 29 } else { 28 }, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    if d.len() != 3 || !(1..=12).contains(&m) || day == 0 || day > days[(m - 1) as usize] {
        return false;
    }
    let (clock, zone) = if let Some(c) = time.strip_suffix(['Z', 'z']) {
        (c, "")
    } else if let Some(i) = time.rfind(['+', '-']) {
        (&time[..i], &time[i..])
    } else {
        return false;
    };
    let clock = clock.split('.').next().unwrap_or("");
    let t: Vec<&str> = clock.split(':').collect();
    let ok_clock = t.len() == 3
        && t.first().and_then(|s| digits(s, 2)).is_some_and(|h| h < 24)
        && t.get(1).and_then(|s| digits(s, 2)).is_some_and(|m| m < 60)
        && t.get(2).and_then(|s| digits(s, 2)).is_some_and(|s| s <= 60);
    let ok_zone = zone.is_empty() || {
        let z: Vec<&str> = zone[1..].split(':').collect();
        z.len() == 2
            && z[0].len() == 2
            && digits(z[0], 2).is_some_and(|h| h < 24)
            && digits(z[1], 2).is_some_and(|m| m < 60)
    };
    ok_clock && ok_zone
}

/// Common SPDX license identifiers (the full list has hundreds; these cover
/// what images ship). `LicenseRef-*` and `A OR B` / `A AND B` expressions of
/// known ids are accepted too.
const SPDX: &[&str] = &[
    "0BSD",
    "AFL-3.0",
    "AGPL-3.0",
    "AGPL-3.0-only",
    "AGPL-3.0-or-later",
    "Apache-1.1",
    "Apache-2.0",
    "Artistic-2.0",
    "BSD-1-Clause",
    "BSD-2-Clause",
    "BSD-2-Clause-Patent",
    "BSD-3-Clause",
    "BSD-3-Clause-Clear",
    "BSD-4-Clause",
    "BSL-1.0",
    "BUSL-1.1",
    "CC-BY-4.0",
    "CC-BY-SA-4.0",
    "CC0-1.0",
    "CDDL-1.0",
    "CDDL-1.1",
    "CPL-1.0",
    "ECL-2.0",
    "EPL-1.0",
    "EPL-2.0",
    "EUPL-1.1",
    "EUPL-1.2",
    "FSL-1.1-Apache-2.0",
    "FSL-1.1-MIT",
    "GPL-2.0",
    "GPL-2.0-only",
    "GPL-2.0-or-later",
    "GPL-3.0",
    "GPL-3.0-only",
    "GPL-3.0-or-later",
    "ISC",
    "LGPL-2.0-only",
    "LGPL-2.1",
    "LGPL-2.1-only",
    "LGPL-2.1-or-later",
    "LGPL-3.0",
    "LGPL-3.0-only",
    "LGPL-3.0-or-later",
    "MIT",
    "MIT-0",
    "MPL-1.1",
    "MPL-2.0",
    "MS-PL",
    "MS-RL",
    "NCSA",
    "ODbL-1.0",
    "OFL-1.1",
    "OpenSSL",
    "PHP-3.01",
    "PostgreSQL",
    "Python-2.0",
    "Ruby",
    "SSPL-1.0",
    "Unicode-DFS-2016",
    "Unlicense",
    "UPL-1.0",
    "W3C",
    "WTFPL",
    "X11",
    "Zlib",
    "ZPL-2.1",
];

pub fn is_spdx(v: &str) -> bool {
    let v = v.trim().trim_start_matches('(').trim_end_matches(')');
    v.split(" OR ").flat_map(|p| p.split(" AND ")).all(|id| {
        let id = id
            .trim()
            .trim_start_matches('(')
            .trim_end_matches(')')
            .trim_end_matches('+');
        let id = id.split(" WITH ").next().unwrap_or(id).trim();
        SPDX.iter().any(|s| s.eq_ignore_ascii_case(id)) || id.starts_with("LicenseRef-")
    })
}

/// A git commit hash: 7 to 40 hex digits (or a 64-digit SHA-256 object id).
pub fn is_hash(v: &str) -> bool {
    (7..=40).contains(&v.len()) || v.len() == 64
}

pub fn is_hex_hash(v: &str) -> bool {
    is_hash(v) && v.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Semantic Versioning 2.0: `1.2.3`, `1.2.3-rc.1+build.5`.
pub fn is_semver(v: &str) -> bool {
    let (core, build) = match v.split_once('+') {
        Some((c, b)) => (c, Some(b)),
        None => (v, None),
    };
    let (nums, pre) = match core.split_once('-') {
        Some((n, p)) => (n, Some(p)),
        None => (core, None),
    };
    // a numeric identifier has no leading zero
    let leading_zero = |p: &str| p.len() > 1 && p.starts_with('0') && p.chars().all(|c| c.is_ascii_digit());
    let ident_ok = |s: &str, numeric_rule: bool| {
        !s.is_empty()
            && s.split('.').all(|p| {
                !p.is_empty()
                    && p.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                    && !(numeric_rule && leading_zero(p))
            })
    };
    let parts: Vec<&str> = nums.split('.').collect();
    parts.len() == 3
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()) && !(p.len() > 1 && p.starts_with('0')))
        && pre.is_none_or(|p| ident_ok(p, true))
        && build.is_none_or(|b| ident_ok(b, false))
}

/// A plain e-mail address (`name@example.com`, optionally `Name <...>`).
pub fn is_email(v: &str) -> bool {
    let v = v.trim();
    let addr = match (v.rfind('<'), v.ends_with('>')) {
        (Some(i), true) => &v[i + 1..v.len() - 1],
        _ => v,
    };
    let Some((local, domain)) = addr.rsplit_once('@') else {
        return false;
    };
    !local.is_empty()
        && local
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+/=?^_`{|}~.-".contains(c))
        && domain.contains('.')
        && domain
            .split('.')
            .all(|l| !l.is_empty() && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validators() {
        assert!(
            is_url("https://example.com/x")
                && is_url("http://localhost:8080/x")
                && !is_url("notaurl")
                && !is_url("https://")
        );
        assert!(is_rfc3339("2020-01-01T00:00:00Z") && is_rfc3339("2024-02-29T23:59:59.5+02:00"));
        assert!(
            !is_rfc3339("2020-13-01T00:00:00Z") && !is_rfc3339("2020-01-01") && !is_rfc3339("2023-02-29T00:00:00Z")
        );
        assert!(
            is_spdx("MIT")
                && is_spdx("Apache-2.0 OR MIT")
                && is_spdx("LicenseRef-Proprietary")
                && !is_spdx("NOTALICENSE")
        );
        assert!(
            is_hex_hash("abc1234") && is_hex_hash("0123456789abcdef0123456789abcdef01234567") && !is_hex_hash("xyz")
        );
        assert!(is_semver("1.2.3") && is_semver("1.2.3-rc.1+build.5") && !is_semver("1.2") && !is_semver("01.2.3"));
        assert!(is_email("a@b.c") && is_email("Jane <jane@example.com>") && !is_email("bob") && !is_email("a@b"));
    }
}
