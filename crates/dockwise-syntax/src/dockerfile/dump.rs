//! Prints a parsed Dockerfile the way BuildKit's `Node.Dump` does, so the
//! parser can be compared with BuildKit's own expected results.

use super::ast::*;

pub fn dump(df: &Dockerfile) -> String {
    let mut out = String::new();
    for i in &df.instructions {
        out.push('(');
        out.push_str(&instruction(i));
        out.push_str(")\n");
    }
    out.trim().to_string()
}

fn instruction(i: &Instruction) -> String {
    let mut s = i.keyword.to_ascii_lowercase();
    if !i.flags.is_empty() {
        let flags: Vec<String> = i.flags.iter().map(|f| go_quote(&f.text)).collect();
        s.push_str(&format!(" [{}]", flags.join(" ")));
    }
    let mut parts: Vec<String> = Vec::new();
    args(i, &i.args, &mut parts);
    for p in parts {
        s.push(' ');
        s.push_str(&p);
    }
    s.trim().to_string()
}

fn args(i: &Instruction, a: &Args, parts: &mut Vec<String>) {
    match a {
        Args::None | Args::Invalid => {}
        Args::Exec(w) => parts.extend(w.iter().map(|w| go_quote(&w.value))),
        Args::List(w) => parts.extend(w.iter().map(|w| go_quote(if i.json { &w.value } else { &w.raw }))),
        Args::Shell(w) | Args::Text(w) => parts.push(go_quote(&w.raw)),
        Args::From(f) => {
            parts.push(go_quote(&f.image.text));
            for w in f.as_keyword.iter().chain(f.alias.iter()).chain(f.extra.iter()) {
                parts.push(go_quote(&w.raw));
            }
        }
        Args::KeyValues(kvs) => {
            for kv in kvs {
                if i.kind == Kind::Arg {
                    parts.push(go_quote(&kv.raw.raw));
                } else {
                    parts.push(go_quote(&kv.key.raw));
                    parts.push(go_quote(kv.value.as_ref().map(|v| &*v.raw).unwrap_or("")));
                    parts.push(go_quote(if kv.legacy { "" } else { "=" }));
                }
            }
        }
        Args::Healthcheck { kind, cmd } => {
            parts.push(go_quote(&kind.raw));
            if let Some(c) = cmd {
                args(i, c, parts);
            }
        }
        Args::Onbuild(inner) => parts.push(format!("({})", instruction(inner))),
    }
}

/// Go's `strconv.Quote`.
pub fn go_quote(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{7}' => out.push_str("\\a"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{b}' => out.push_str("\\v"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => out.push_str(&format!("\\x{:02x}", c as u32)),
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
