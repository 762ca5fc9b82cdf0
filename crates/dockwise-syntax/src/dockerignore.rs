//! `.dockerignore` matching, as Docker does it: patterns are cleaned
//! relative paths; `*` and `?` do not cross `/`, `**` matches any number of
//! path segments, `[...]` is a character class, `!` re-includes; the last
//! matching pattern wins, and a path is excluded when it or any of its
//! parent directories matches.

#[derive(Clone, Debug, PartialEq, Eq)]
struct Pattern {
    segments: Vec<String>,
    exclusion: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DockerIgnore {
    patterns: Vec<Pattern>,
}

/// `filepath.Clean` for relative paths: drops `.` segments, resolves `..`,
/// removes leading and doubled slashes.
pub fn clean(path: &str) -> String {
    let mut out: Vec<&str> = Vec::new();
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                out.pop();
            }
            s => out.push(s),
        }
    }
    out.join("/")
}

impl DockerIgnore {
    pub fn parse(text: &str) -> DockerIgnore {
        let mut patterns = Vec::new();
        for line in text.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (exclusion, p) = match line.strip_prefix('!') {
                Some(rest) => (true, rest.trim()),
                None => (false, line),
            };
            let c = clean(p);
            if c.is_empty() {
                continue;
            }
            patterns.push(Pattern {
                segments: c.split('/').map(str::to_string).collect(),
                exclusion,
            });
        }
        DockerIgnore { patterns }
    }

    /// Is the context path `path` left out of the build context?
    pub fn excludes(&self, path: &str) -> bool {
        let p = clean(path);
        if p.is_empty() {
            return false;
        }
        let segs: Vec<&str> = p.split('/').collect();
        let mut excluded = false;
        for pat in &self.patterns {
            // the path itself or any of its parents
            let hit = (1..=segs.len()).any(|n| match_segments(&pat.segments, &segs[..n]));
            if hit {
                excluded = !pat.exclusion;
            }
        }
        excluded
    }
}

fn match_segments(pat: &[String], path: &[&str]) -> bool {
    match pat.split_first() {
        None => path.is_empty(),
        Some((first, rest)) if first == "**" => (0..=path.len()).any(|skip| match_segments(rest, &path[skip..])),
        Some((first, rest)) => match path.split_first() {
            Some((p, prest)) => glob(first.as_bytes(), p.as_bytes()) && match_segments(rest, prest),
            None => false,
        },
    }
}

/// One path segment against `*`, `?`, `[...]`, `\x` (Go's filepath.Match).
fn glob(p: &[u8], s: &[u8]) -> bool {
    let (mut pi, mut si) = (0, 0);
    let (mut star, mut mark) = (None, 0);
    while si < s.len() {
        if pi < p.len() {
            match p[pi] {
                b'*' => {
                    star = Some(pi);
                    mark = si;
                    pi += 1;
                    continue;
                }
                b'?' => {
                    pi += 1;
                    si += 1;
                    continue;
                }
                b'[' => {
                    if let Some((ok, next)) = class(&p[pi..], s[si]) {
                        if ok {
                            pi += next;
                            si += 1;
                            continue;
                        }
                    }
                }
                b'\\' if pi + 1 < p.len() && p[pi + 1] == s[si] => {
                    pi += 2;
                    si += 1;
                    continue;
                }
                c if c == s[si] => {
                    pi += 1;
                    si += 1;
                    continue;
                }
                _ => {}
            }
        }
        match star {
            Some(st) => {
                pi = st + 1;
                mark += 1;
                si = mark;
            }
            None => return false,
        }
    }
    p[pi..].iter().all(|&c| c == b'*')
}

/// A `[...]` class at the start of `p`: (matches `c`, length of the class).
fn class(p: &[u8], c: u8) -> Option<(bool, usize)> {
    let mut i = 1;
    let negate = matches!(p.get(i), Some(b'^' | b'!'));
    if negate {
        i += 1;
    }
    let mut matched = false;
    let mut first = true;
    while i < p.len() && (p[i] != b']' || first) {
        first = false;
        let lo = p[i];
        if p.get(i + 1) == Some(&b'-') && p.get(i + 2).is_some_and(|&h| h != b']') {
            let hi = p[i + 2];
            matched |= lo <= c && c <= hi;
            i += 3;
        } else {
            matched |= lo == c;
            i += 1;
        }
    }
    (i < p.len()).then_some((matched != negate, i + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn docker_semantics() {
        let d = DockerIgnore::parse(
            "# comment\nnode_modules\n*.log\n**/*.pyc\n/secrets/\n.env*\n!.env.example\nbuild/[a-c]?\n",
        );
        assert!(d.excludes("node_modules"));
        assert!(d.excludes("node_modules/x/y.js"));
        assert!(d.excludes("app.log"));
        assert!(!d.excludes("logs/app.log"), "* does not cross /");
        assert!(d.excludes("a/b/c.pyc"));
        assert!(d.excludes("secrets/key.pem"));
        assert!(d.excludes(".env"));
        assert!(d.excludes("./.env.local"));
        assert!(!d.excludes(".env.example"));
        assert!(d.excludes("build/b1"));
        assert!(!d.excludes("build/d1"));
        assert!(!d.excludes("."));
        assert!(!d.excludes("src/main.rs"));
    }
}
