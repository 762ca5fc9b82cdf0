//! Secret detection shared by the secret rules of every file kind: names that
//! say "this holds a credential", values that have the shape of one,
//! passwords inside URLs, and the fallback of a `${VAR:-fallback}` reference
//! (which is what ships when the variable is unset, so it is judged like a
//! literal). Messages never print a secret: they show [`MASK`] instead.

use dockwise_syntax::span::Span;

/// What messages show in place of a secret's value.
pub const MASK: &str = "****";

/// Words in a variable name that mean it holds a credential.
const SECRET_WORDS: &[&str] = &[
    "PASSWORD",
    "PASSWD",
    "PASS",
    "SECRET",
    "TOKEN",
    "APIKEY",
    "CREDENTIAL",
    "CREDENTIALS",
    "KEY",
    "PASSPHRASE",
    "SALT",
];

/// Words that turn a secret-looking name into something else: a file that
/// holds the secret, a public part, an identifier, a setting about it.
const NOT_SECRET_WORDS: &[&str] = &[
    "FILE",
    "PATH",
    "DIR",
    "URL",
    "URI",
    "HOST",
    "PORT",
    "VERSION",
    "PUBLIC",
    "ID",
    "NAME",
    "USER",
    "USERNAME",
    "TYPE",
    "LENGTH",
    "SIZE",
    "HEADER",
    "FINGERPRINT",
    "GPG",
    "PGP",
    "KEYRING",
    "KEYSERVER",
    "EXPIRY",
    "EXPIRES",
    "TTL",
    "ENABLED",
    "REQUIRED",
    "FIELD",
    "METHOD",
    "MODE",
    "PREFIX",
    "FORMAT",
    "ALGORITHM",
    "ALG",
    "REF",
    "SECRETS",
    "POLICY",
    "PROVIDER",
    "TIMEOUT",
    "LOCATION",
    "STORE",
    "KEYS",
    "PROMPT",
    "RESET",
    "MIN",
    "MAX",
    "ROTATION",
    "ISSUER",
    "AUDIENCE",
    "ENDPOINT",
    "ROLE",
    "ROLES",
    "SCOPE",
    "SCOPES",
];

/// Words that name a credential only as the last word: `REDIS_AUTH` and
/// `BASIC_AUTH` hold one, `GF_AUTH_ANONYMOUS_ORG_ROLE` and
/// `AUTH_ALLOWED_DOMAINS` are settings of the auth feature.
const LAST_WORD_SECRETS: &[&str] = &["AUTH"];

/// Does this variable name look like it holds a credential?
/// `DB_PASSWORD`, `apiKey`, `GITHUB_TOKEN`, `REDIS_AUTH` yes; `PASSWORD_FILE`,
/// `GPG_KEY`, `TOKEN_URL`, `GF_AUTH_ANONYMOUS_ORG_ROLE` no.
pub fn is_secret_name(name: &str) -> bool {
    let words = name_words(name);
    let has = |w: &str| words.iter().any(|x| x == w);
    let last = words.last().map(String::as_str);
    let secret = SECRET_WORDS.iter().any(|w| has(w))
        || (has("API") && has("KEY"))
        || (has("ACCESS") && has("KEY"))
        || last.is_some_and(|l| LAST_WORD_SECRETS.contains(&l));
    secret && !NOT_SECRET_WORDS.iter().any(|w| has(w))
}

/// Splits `dbPassword`, `DB_PASSWORD`, `db-password`, `db.password` into upper-case words.
fn name_words(name: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut cur = String::new();
    let mut prev_lower = false;
    for c in name.chars() {
        if c == '_' || c == '-' || c == '.' {
            if !cur.is_empty() {
                words.push(std::mem::take(&mut cur));
            }
            prev_lower = false;
            continue;
        }
        if c.is_uppercase() && prev_lower && !cur.is_empty() {
            words.push(std::mem::take(&mut cur));
        }
        prev_lower = c.is_lowercase() || c.is_ascii_digit();
        cur.extend(c.to_uppercase());
    }
    if !cur.is_empty() {
        words.push(cur);
    }
    words
}

/// Is this a literal value worth calling a secret (not empty, not a
/// variable reference, not a path to a mounted secret file, not a placeholder)?
pub fn is_literal_secret_value(value: &str) -> bool {
    let v = value.trim();
    if v.is_empty() || v.starts_with('$') || v.starts_with("/run/secrets") || v.starts_with("/var/run/secrets") {
        return false;
    }
    let lower = v.to_ascii_lowercase();
    let placeholder = matches!(
        lower.as_str(),
        "true" | "false" | "yes" | "no" | "none" | "null" | "0" | "1" | "\"\"" | "''" | "-"
    );
    let template = (v.starts_with("{{") && v.ends_with("}}")) || (v.starts_with('<') && v.ends_with('>'));
    // `****`, `xxxxxxxx`, `...`: a value left to fill in
    let mask = v.chars().all(|c| matches!(c, '*' | 'x' | 'X' | '.'));
    !(placeholder || template || mask)
}

/// The fallback of a value that is one `${NAME:-fallback}` reference (also
/// `${NAME-fallback}`, `:=` and `=`; nested references are followed), as a
/// byte range of `value`: what ships when the variable is unset. None when
/// the value is not such a reference, or when its fallback is only another
/// variable (`${A:-${B}}`).
pub fn fallback_of(value: &str) -> Option<(usize, usize)> {
    let lead = value.len() - value.trim_start().len();
    let inner = value.trim().strip_prefix("${")?.strip_suffix('}')?;
    let name = inner
        .bytes()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == b'_')
        .count();
    let rest = &inner[name..];
    let op = if rest.starts_with(":-") || rest.starts_with(":=") {
        2
    } else if rest.starts_with('-') || rest.starts_with('=') {
        1
    } else {
        return None;
    };
    let fallback = &rest[op..];
    // the final `}` must close the opening `${`: the fallback's braces balance
    let mut depth = 0i32;
    for c in fallback.bytes() {
        match c {
            b'{' => depth += 1,
            b'}' if depth == 0 => return None,
            b'}' => depth -= 1,
            _ => {}
        }
    }
    if name == 0 || depth != 0 {
        return None;
    }
    let start = lead + 2 + name + op;
    if let Some((a, b)) = fallback_of(fallback) {
        return Some((start + a, start + b));
    }
    if fallback.trim_start().starts_with('$') {
        return None;
    }
    Some((start, start + fallback.len()))
}

/// The span of bytes `from..to` of `value`, a string written at `span` of
/// `source` as is or in quotes; the whole span when escapes change it.
pub fn value_sub_span(source: &str, span: Span, value: &str, from: usize, to: usize) -> Span {
    let (s, e) = (span.start as usize, span.end as usize);
    let raw = source.get(s..e).unwrap_or("");
    let base = if raw == value {
        s
    } else if raw.len() == value.len() + 2 && raw.get(1..raw.len() - 1) == Some(value) {
        s + 1
    } else {
        return span;
    };
    Span::from_usize(base + from.min(value.len()), base + to.min(value.len()))
}

/// A credential found in text: byte range and what it looks like.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: &'static str,
}

fn run_len(b: &[u8], from: usize, ok: impl Fn(u8) -> bool) -> usize {
    b[from.min(b.len())..].iter().take_while(|&&c| ok(c)).count()
}

fn alnum(c: u8) -> bool {
    c.is_ascii_alphanumeric()
}

fn b64url(c: u8) -> bool {
    B64URL[c as usize]
}

/// The base64url alphabet (letters, digits, `-`, `_`), as a table: the scan
/// asks for every byte of the text.
const B64URL: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        t[c] = b.is_ascii_alphanumeric() || b == b'-' || b == b'_';
        c += 1;
    }
    t
};

/// A prefix-based token format: (prefix, kind, minimum body length, body charset).
type Prefixed = (&'static str, &'static str, usize, fn(u8) -> bool);

const PREFIXED: &[Prefixed] = &[
    ("ghp_", "a GitHub personal access token", 36, alnum),
    ("gho_", "a GitHub OAuth token", 36, alnum),
    ("ghu_", "a GitHub user token", 36, alnum),
    ("ghs_", "a GitHub app token", 36, alnum),
    ("ghr_", "a GitHub refresh token", 36, alnum),
    ("github_pat_", "a GitHub fine-grained token", 40, b64url),
    ("glpat-", "a GitLab access token", 20, b64url),
    ("xoxb-", "a Slack bot token", 20, b64url),
    ("xoxp-", "a Slack user token", 20, b64url),
    ("xoxa-", "a Slack token", 20, b64url),
    ("sk_live_", "a Stripe secret key", 20, alnum),
    ("rk_live_", "a Stripe restricted key", 20, alnum),
    ("sk-proj-", "an OpenAI API key", 20, b64url),
    ("sk-ant-", "an Anthropic API key", 20, b64url),
    ("AIza", "a Google API key", 35, b64url),
    ("npm_", "an npm access token", 36, alnum),
    ("hf_", "a Hugging Face token", 30, alnum),
    ("AKIA", "an AWS access key id", 16, |c| {
        c.is_ascii_uppercase() || c.is_ascii_digit()
    }),
    ("ASIA", "an AWS temporary access key id", 16, |c| {
        c.is_ascii_uppercase() || c.is_ascii_digit()
    }),
];

/// The first bytes of the prefixed tokens (and of SendGrid's `SG.`).
const PREFIX_START: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < PREFIXED.len() {
        t[PREFIXED[i].0.as_bytes()[0] as usize] = true;
        i += 1;
    }
    t[b'S' as usize] = true;
    t
};

/// Finds credentials in `text` by their shape, in order of position. Tokens
/// start at a word start (after a byte that cannot be part of one), so the
/// scan jumps from word to word. (Passwords in URLs are
/// [`find_url_credentials`]'s.)
pub fn find_tokens(text: &str) -> Vec<Token> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if !b64url(c) {
            i += 1;
            continue;
        }
        // a word starts at i (ASCII, so a char boundary)
        let found = match c {
            b'e' if b[i..].starts_with(b"eyJ") => jwt_at(text, i),
            _ if PREFIX_START[c as usize] => prefixed_at(text, i),
            _ => None,
        };
        match found {
            Some(t) => {
                i = t.end;
                out.push(t);
            }
            None => i += 1 + run_len(b, i + 1, b64url),
        }
    }
    // a private key can follow anything, even `\n` written inside a string
    for (i, _) in text.match_indices("-----BEGIN ") {
        let rest = &text[i..];
        let line_end = rest.find('\n').unwrap_or(rest.len());
        if rest[..line_end].contains("PRIVATE KEY") {
            let end = rest.find("PRIVATE KEY-----").map(|e| e + 16).unwrap_or(line_end);
            out.push(Token {
                start: i,
                end: i + end,
                kind: "a private key",
            });
        }
    }
    out.sort_by_key(|t| (t.start, t.end));
    out.dedup_by(|a, b| a.start < b.end);
    out
}

fn prefixed_at(text: &str, i: usize) -> Option<Token> {
    let b = text.as_bytes();
    let rest = &b[i..];
    for (prefix, kind, min, ok) in PREFIXED {
        if rest.first() == prefix.as_bytes().first() && rest.starts_with(prefix.as_bytes()) {
            let n = run_len(b, i + prefix.len(), *ok);
            let is_aws = prefix.starts_with("AKIA") || prefix.starts_with("ASIA");
            if (is_aws && n == *min) || (!is_aws && n >= *min) {
                return Some(Token {
                    start: i,
                    end: i + prefix.len() + n,
                    kind,
                });
            }
        }
    }
    if rest.starts_with(b"SG.") {
        let p1 = run_len(b, i + 3, b64url);
        if p1 == 22 && b.get(i + 3 + p1) == Some(&b'.') {
            let p2 = run_len(b, i + 4 + p1, b64url);
            if p2 == 43 {
                return Some(Token {
                    start: i,
                    end: i + 4 + p1 + p2,
                    kind: "a SendGrid API key",
                });
            }
        }
    }
    None
}

/// A JSON Web Token: three base64url parts, the first two JSON objects.
fn jwt_at(text: &str, i: usize) -> Option<Token> {
    let b = text.as_bytes();
    let p1 = run_len(b, i, b64url);
    if p1 >= 10 && b.get(i + p1) == Some(&b'.') && text[i + p1 + 1..].starts_with("eyJ") {
        let p2 = run_len(b, i + p1 + 1, b64url);
        if p2 >= 10 && b.get(i + p1 + 1 + p2) == Some(&b'.') {
            let p3 = run_len(b, i + p1 + 2 + p2, b64url);
            if p3 >= 10 {
                return Some(Token {
                    start: i,
                    end: i + p1 + 2 + p2 + p3,
                    kind: "a JSON Web Token",
                });
            }
        }
    }
    None
}

/// A password written inside a URL (`scheme://user:password@host`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UrlCredential {
    /// Byte range of the password in the text (of its fallback, for
    /// `user:${PASSWORD:-fallback}@host`).
    pub start: usize,
    pub end: usize,
    /// The URL's scheme: `postgres`, `https`...
    pub scheme: String,
    /// The password is the fallback of a `${VAR:-...}` reference.
    pub fallback: bool,
}

/// Finds passwords written inside URLs, in order of position: a userinfo
/// `user:password@` (the user may be empty: `redis://:password@host`) whose
/// password is literal, or a `${VAR:-fallback}` reference whose fallback is.
/// A password that is only a reference (`${DB_PASSWORD}`, `$(PASSWORD)`,
/// `{{ .Values.pw }}`), mixes one with text, or is a placeholder (`****`,
/// `xxx`, `<password>`) is not one.
pub fn find_url_credentials(text: &str) -> Vec<UrlCredential> {
    let mut out = Vec::new();
    for (sep, _) in text.match_indices("://") {
        if let Some(c) = url_credential(text, sep) {
            out.push(c);
        }
    }
    out
}

/// The password of the URL whose `://` is at `sep`, if it holds one.
fn url_credential(text: &str, sep: usize) -> Option<UrlCredential> {
    let b = text.as_bytes();
    let scheme_ok = |c: u8| c.is_ascii_alphanumeric() || c == b'+' || c == b'.' || c == b'-';
    let mut start = sep;
    while start > 0 && scheme_ok(b[start - 1]) && sep - start < 64 {
        start -= 1;
    }
    if start == sep || !b[start].is_ascii_alphabetic() {
        return None;
    }
    // the authority ends at `/`, `?`, `#`, a quote or a blank outside `${...}`;
    // the userinfo at its last `@`, the user at the userinfo's first `:`
    let from = sep + 3;
    let (mut depth, mut at, mut colon) = (0usize, None, None);
    let mut i = from;
    while i < b.len() && i - from < 2048 {
        match b[i] {
            b'$' if b.get(i + 1) == Some(&b'{') => {
                depth += 1;
                i += 1;
            }
            b'}' if depth > 0 => depth -= 1,
            _ if depth > 0 => {}
            b'/' | b'?' | b'#' | b'"' | b'\'' | b'\\' => break,
            c if c.is_ascii_whitespace() => break,
            b'@' => at = Some(i),
            b':' if at.is_none() && colon.is_none() => colon = Some(i),
            _ => {}
        }
        i += 1;
    }
    let at = at?;
    let colon = colon.filter(|&c| c < at)?;
    let password = &text[colon + 1..at];
    let (rel, fallback) = match fallback_of(password) {
        Some(range) => (range, true),
        None => ((0, password.len()), false),
    };
    let judged = &password[rel.0..rel.1];
    let unescaped = judged.replace("$$", "");
    let placeholder = judged.is_empty()
        || unescaped.contains('$')
        || judged.contains("{{")
        || (judged.starts_with('<') && judged.ends_with('>'))
        || judged.chars().all(|c| matches!(c, '*' | 'x' | 'X' | '.'));
    if placeholder {
        return None;
    }
    Some(UrlCredential {
        start: colon + 1 + rel.0,
        end: colon + 1 + rel.1,
        scheme: text[start..sep].to_string(),
        fallback,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        for n in [
            "DB_PASSWORD",
            "API_KEY",
            "apiKey",
            "GITHUB_TOKEN",
            "AWS_SECRET_ACCESS_KEY",
            "SECRET",
            "MYSQL_ROOT_PASSWORD",
            "dbPass",
            "ENCRYPTION_KEY",
            "NPM_AUTH_TOKEN",
            "REDIS_AUTH",
            "GF_AUTH_GENERIC_OAUTH_CLIENT_SECRET",
        ] {
            assert!(is_secret_name(n), "{n}");
        }
        for n in [
            "PASSWORD_FILE",
            "GPG_KEY",
            "TOKEN_URL",
            "API_KEY_FILE",
            "PATH",
            "PWD",
            "KEYCLOAK_URL",
            "AWS_ACCESS_KEY_ID",
            "PUBLIC_KEY",
            "NODE_VERSION",
            "PASSWORD_MIN_LENGTH",
            "SECRET_KEY_BASE_DIR",
            // Grafana's role and auth settings are not credentials
            "GF_USERS_AUTO_ASSIGN_ORG_ROLE",
            "GF_AUTH_ANONYMOUS_ORG_ROLE",
            "GF_AUTH_ANONYMOUS_ENABLED",
            "GF_AUTH_GOOGLE_ALLOWED_DOMAINS",
            "AUTH_PROVIDER",
        ] {
            assert!(!is_secret_name(n), "{n}");
        }
    }

    #[test]
    fn url_credentials() {
        let found = |t: &str| {
            find_url_credentials(t)
                .into_iter()
                .map(|c| (t[c.start..c.end].to_string(), c.scheme, c.fallback))
                .collect::<Vec<_>>()
        };
        let one = |t: &str, pw: &str, scheme: &str, fallback: bool| {
            assert_eq!(found(t), [(pw.to_string(), scheme.to_string(), fallback)], "{t}");
        };
        one("postgres://app:s3cr3t@db:5432/app", "s3cr3t", "postgres", false);
        one(
            "DATABASE_URL=postgresql+psycopg://app:pw@db/app",
            "pw",
            "postgresql+psycopg",
            false,
        );
        one("redis://:hunter2@cache:6379/0", "hunter2", "redis", false);
        one(
            "https://deploy:glpat-abcdefghij0123456789@gitlab.example.com/x.git",
            "glpat-abcdefghij0123456789",
            "https",
            false,
        );
        one("mongodb://root:p@ss@mongo/admin", "p@ss", "mongodb", false);
        // the fallback of a reference is what ships when the variable is unset
        one(
            "postgres://app:${DB_PASSWORD:-hunter2}@db/app",
            "hunter2",
            "postgres",
            true,
        );
        one(
            "postgres://${DB_USER}:${DB_PASSWORD:-a/b}@db/app",
            "a/b",
            "postgres",
            true,
        );
        one("amqp://u:pa$$word@mq", "pa$$word", "amqp", false);
        // a reference, a placeholder, no password, no userinfo
        for t in [
            "postgres://app:${DB_PASSWORD}@db/app",
            "postgres://app:${DB_PASSWORD:-}@db/app",
            "postgres://app:${DB_PASSWORD:?set it}@db/app",
            "postgres://app:$(DB_PASSWORD)@db/app",
            "postgres://app:$DB_PASSWORD@db/app",
            "postgres://app:{{ .Values.pw }}@db/app",
            "postgres://app:pre${X}@db/app",
            "postgres://user:****@db/app",
            "postgres://user:<password>@db/app",
            "postgres://app@db:5432/app",
            "ssh://git@github.com/org/repo",
            "https://example.com:8443/path?u=a:b@c",
            "http://localhost:8080",
            "://x:y@z",
            "1http://x:y@z",
        ] {
            assert!(found(t).is_empty(), "{t}: {:?}", found(t));
        }
        // two URLs, and text that never closes
        assert_eq!(found("a=http://u:p1@h b=ftp://v:p2@i").len(), 2);
        assert!(found("x://a:${b@c").is_empty());
        let long = format!("x://{}@h", ":".repeat(10_000));
        let _ = found(&long);
    }

    #[test]
    fn fallbacks() {
        let fb = |v: &str| fallback_of(v).map(|(a, b)| v[a..b].to_string());
        assert_eq!(fb("${DB_PASSWORD:-hunter2}").as_deref(), Some("hunter2"));
        assert_eq!(fb(" ${PW-x} ").as_deref(), Some("x"));
        assert_eq!(fb("${PW:=s3cret}").as_deref(), Some("s3cret"));
        assert_eq!(fb("${A:-${B:-deep}}").as_deref(), Some("deep"));
        assert_eq!(fb("${CONF:-{\"a\":1}}").as_deref(), Some("{\"a\":1}"));
        assert_eq!(fb("${PW:-}").as_deref(), Some(""));
        for v in [
            "${PW}",
            "${PW:?required}",
            "${PW:+alt}",
            "$PW",
            "x${PW:-a}",
            "${A:-${B}}",
            "${A:-x}${B:-y}",
            "${:-x}",
        ] {
            assert_eq!(fb(v), None, "{v}");
        }
    }

    #[test]
    fn values() {
        assert!(is_literal_secret_value("hunter2"));
        assert!(!is_literal_secret_value("$DB_PASSWORD"));
        assert!(!is_literal_secret_value("${TOKEN}"));
        assert!(!is_literal_secret_value("/run/secrets/db"));
        assert!(!is_literal_secret_value(""));
        assert!(!is_literal_secret_value("<your token>"));
        assert!(!is_literal_secret_value("********"));
        assert!(!is_literal_secret_value("xxxxxxxx"));
    }

    #[test]
    fn tokens() {
        let kinds = |t: &str| find_tokens(t).into_iter().map(|k| k.kind).collect::<Vec<_>>();
        assert_eq!(
            kinds("token ghp_0123456789abcdefghijklmnopqrstuvwxyzAB here"),
            ["a GitHub personal access token"]
        );
        assert_eq!(kinds("AKIAIOSFODNN7EXAMPLE"), ["an AWS access key id"]);
        assert_eq!(kinds("-----BEGIN OPENSSH PRIVATE KEY-----\nabc"), ["a private key"]);
        // passwords in URLs are not tokens: find_url_credentials finds them
        assert!(kinds("postgres://app:s3cr3t@db:5432/app").is_empty());
        assert!(kinds("https://example.com/x?ghp_short").is_empty());
        assert!(kinds("xAKIAIOSFODNN7EXAMPLE").is_empty());
        assert!(kinds("é ☃ 😀 AKIA").is_empty());
        assert_eq!(
            kinds("clé=ghp_0123456789abcdefghijklmnopqrstuvwxyzAB"),
            ["a GitHub personal access token"]
        );
        // a key written with `\n` escapes inside a string value
        assert_eq!(
            kinds(r#"ENV KEY="x\n-----BEGIN RSA PRIVATE KEY-----\nMIIE""#),
            ["a private key"]
        );
        assert!(kinds("every word here is plain: set -eux; rm -rf /var/lib/apt/lists/*").is_empty());
        assert_eq!(
            kinds("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U"),
            ["a JSON Web Token"]
        );
    }
}
