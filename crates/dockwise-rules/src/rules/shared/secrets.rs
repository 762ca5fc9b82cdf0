//! Secret detection shared by the DW4xxx rules of every file kind: names that
//! say "this holds a credential", and values that have the shape of one.

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
    "AUTH",
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
];

/// Does this variable name look like it holds a credential?
/// `DB_PASSWORD`, `apiKey`, `GITHUB_TOKEN` yes; `PASSWORD_FILE`, `GPG_KEY`, `TOKEN_URL` no.
pub fn is_secret_name(name: &str) -> bool {
    let words = name_words(name);
    let has = |w: &str| words.iter().any(|x| x == w);
    let secret = SECRET_WORDS.iter().any(|w| has(w)) || (has("API") && has("KEY")) || (has("ACCESS") && has("KEY"));
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
    !(placeholder || template)
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
/// scan jumps from word to word; passwords in URLs are found at `://`.
pub fn find_tokens(text: &str) -> Vec<Token> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if !b64url(c) {
            if c == b':' && b[i + 1..].starts_with(b"//") {
                out.extend(url_credentials(text, i));
            }
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

/// `scheme://user:password@host` with a literal password; `sep` is the
/// position of `://`.
fn url_credentials(text: &str, sep: usize) -> Option<Token> {
    let b = text.as_bytes();
    let scheme_ok = |c: u8| c.is_ascii_alphanumeric() || c == b'+' || c == b'.' || c == b'-';
    let mut start = sep;
    while start > 0 && scheme_ok(b[start - 1]) {
        start -= 1;
    }
    if start == sep || !b[start].is_ascii_alphabetic() {
        return None;
    }
    let auth_start = sep + 3;
    let rest = &text[auth_start..];
    let end = rest
        .find(|c: char| c.is_whitespace() || c == '/' || c == '"' || c == '\'' || c == '?' || c == '#')
        .unwrap_or(rest.len());
    let authority = &rest[..end];
    let at = authority.rfind('@')?;
    let (user, pass) = authority[..at].split_once(':')?;
    if user.is_empty()
        || pass.len() < 3
        || pass.contains('$')
        || pass.contains('{')
        || pass.chars().all(|c| c == '*' || c == 'x' || c == 'X')
    {
        return None;
    }
    let pstart = auth_start + user.len() + 1;
    Some(Token {
        start: pstart,
        end: pstart + pass.len(),
        kind: "a password inside a URL",
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
        ] {
            assert!(!is_secret_name(n), "{n}");
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
        assert_eq!(kinds("postgres://app:s3cr3t@db:5432/app"), ["a password inside a URL"]);
        let t = "postgres://app:s3cr3t@db:5432/app";
        let k = &find_tokens(t)[0];
        assert_eq!(&t[k.start..k.end], "s3cr3t");
        assert!(kinds("postgres://app:${DB_PASSWORD}@db/app").is_empty());
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
