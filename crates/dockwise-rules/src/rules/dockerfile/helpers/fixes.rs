//! Building fixes: where an edit goes so that the Dockerfile keeps meaning
//! what it meant (after a word of a RUN's command, at the end of a RUN's
//! shell text, before or after an instruction), whether a later RUN still
//! needs what a fix would clean away, and what a base image is known to
//! hold. A check builds a fix only when it reports the finding.

use crate::diagnostics::{Applicability, Edit, Fix};
use dockwise_syntax::dockerfile::{Args, Kind, Model, Stage};
use dockwise_syntax::shell::{Command, Sep, ShWord};
use dockwise_syntax::Span;

/// Is `span`, in the RUN at instruction `i`, shell text that can be edited
/// in place? In an exec-form RUN it must lie inside the `sh -c` string (not
/// be one of the array's strings), and that string must have no escapes.
pub fn in_shell_text(model: &Model, i: usize, span: Span) -> bool {
    match model.instructions().get(i).map(|ins| &ins.effective().args) {
        Some(Args::Exec(words)) => words
            .iter()
            .any(|w| w.span.start < span.start && span.end < w.span.end && !w.raw.contains('\\')),
        Some(_) => true,
        None => false,
    }
}

/// Inserts ` text` right after `w`, a word of a command of the RUN at
/// instruction `i` (a flag after the program or its subcommand).
pub fn insert_after_word(model: &Model, i: usize, w: &ShWord, text: &str) -> Option<Edit> {
    (w.span.text(model.source) == w.raw && in_shell_text(model, i, w.span))
        .then(|| Edit::insert(w.span.end, format!(" {text}")))
}

/// A safe fix that adds `flag` after `w`, a word (the program or its
/// subcommand) of a command of the RUN at instruction `i`.
pub fn add_flag(model: &Model, i: usize, w: Option<&ShWord>, flag: &str) -> Option<Fix> {
    Fix::safe(
        format!("add {flag}").as_str(),
        vec![insert_after_word(model, i, w?, flag)?],
    )
}

/// Deletes `w`, a word of a command of the RUN at instruction `i`, with the
/// blanks after it (or, at the end of a line, before it).
pub fn delete_word(model: &Model, i: usize, w: &ShWord) -> Option<Edit> {
    if w.span.text(model.source) != w.raw || !in_shell_text(model, i, w.span) {
        return None;
    }
    let src = model.source;
    let (start, end) = (w.span.start as usize, w.span.end as usize);
    let after = src[end..].len() - src[end..].trim_start_matches([' ', '\t']).len();
    let before = src[..start].len() - src[..start].trim_end_matches([' ', '\t']).len();
    let span = if after > 0 {
        Span::from_usize(start, end + after)
    } else {
        Span::from_usize(start - before, end)
    };
    Some(Edit::delete(span))
}

/// Can the text after a RUN's last command be left as it is when something
/// is appended to that command? Blanks, `;`, line continuations and
/// comments only: not `&`, `fi`, `done`, `}` or another command.
pub fn only_blanks_and_comments(tail: &str, escape: char) -> bool {
    let mut chars = tail.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            ' ' | '\t' | '\r' | '\n' | ';' => {}
            '#' => while chars.next_if(|&c| c != '\n').is_some() {},
            c if c == escape && matches!(chars.peek(), Some('\n' | '\r')) => {}
            _ => return false,
        }
    }
    true
}

/// Appends `&& command` to the RUN at instruction `i`, right after its last
/// top-level command, when only blanks, `;` and comments follow it (in its
/// shell text, heredoc body or `sh -c` string). A RUN written one command
/// per `\` line gets a line of its own, in the same style.
pub fn append_to_run(model: &Model, i: usize, command: &str) -> Option<Edit> {
    let ins = model.instructions().get(i)?.effective();
    let last = model
        .script(i)?
        .commands
        .iter()
        .filter(|c| c.depth == 0)
        .max_by_key(|c| c.span.end)?;
    let at = last.span.end;
    let heredoc = ins
        .heredocs
        .iter()
        .find(|h| h.content_span.start <= last.span.start && at <= h.content_span.end);
    let end = match (&ins.args, heredoc) {
        (Args::Shell(_), Some(h)) => h.content_span.end,
        (Args::Shell(w), None) => w.span.end,
        (Args::Exec(words), _) => {
            let w = words
                .iter()
                .find(|w| w.span.start < last.span.start && at < w.span.end && !w.raw.contains('\\'))?;
            w.span.end - 1
        }
        _ => return None,
    };
    let src = model.source;
    let escape = model.df.escape;
    if last.sep == Sep::Background || !only_blanks_and_comments(src.get(at as usize..end as usize)?, escape) {
        return None;
    }
    let text = match (&ins.args, heredoc) {
        (Args::Shell(_), None) => {
            let line = src[..last.span.start as usize].rfind('\n').map_or(0, |n| n + 1);
            let before = &src[line..last.span.start as usize];
            let indent = &before[..before.len() - before.trim_start().len()];
            let above = src[..line.saturating_sub(1)].trim_end();
            if before.trim() == "&&" {
                format!(" {escape}\n{indent}&& {command}")
            } else if before.trim().is_empty()
                && above.ends_with(escape)
                && above[..above.len() - escape.len_utf8()].trim_end().ends_with("&&")
            {
                format!(" && {escape}\n{indent}{command}")
            } else {
                format!(" && {command}")
            }
        }
        _ => format!(" && {command}"),
    };
    Some(Edit::insert(at, text))
}

/// Does a RUN after instruction `i` (in its stage or in a stage built on it,
/// ONBUILD RUN included) run a command for which `needs` holds before one
/// for which `refreshes` holds? A fix that cleans a cache away is unsafe
/// then; it is always unsafe in an ONBUILD RUN, whose later RUNs are in
/// images this file does not show. A refresh in the stage itself settles it
/// for every RUN after it, so the scan stops there.
pub fn used_later(
    model: &Model,
    i: usize,
    needs: &dyn Fn(&Command) -> bool,
    refreshes: &dyn Fn(&Command) -> bool,
) -> bool {
    if model.is_onbuild(i) {
        return true;
    }
    let stage = model.stage_of.get(i).copied().flatten();
    for (j, script) in model.scripts.iter().enumerate().skip(i + 1) {
        let Some(script) = script else { continue };
        let here = model.stage_of.get(j).copied().flatten();
        let built_on = match (stage, here) {
            (Some(s), Some(t)) if s != t => built_on(model, t, s),
            _ => here == stage,
        };
        if !built_on {
            continue;
        }
        match script.commands.iter().find(|c| refreshes(c) || needs(c)) {
            Some(c) if !refreshes(c) => return true,
            Some(_) if here == stage => return false,
            _ => {}
        }
    }
    false
}

/// Is stage `t` built on stage `s` (through any number of stages)?
pub fn built_on(model: &Model, t: usize, s: usize) -> bool {
    t == s
        || model
            .stages
            .get(t)
            .is_some_and(|stage| stage.parent.is_some() && model.lineage(stage).iter().any(|l| l.index == s))
}

/// Safe unless `unsafe_when`.
pub fn safe_unless(unsafe_when: bool) -> Applicability {
    if unsafe_when {
        Applicability::Unsafe
    } else {
        Applicability::Safe
    }
}

/// Keywords in the case most of the file's keywords use, so that an added
/// instruction does not break DW1009. The file is read once, on the first
/// keyword asked for: a check that builds many fixes keeps one of these.
#[derive(Default)]
pub struct Keywords(std::cell::OnceCell<bool>);

impl Keywords {
    /// `keyword`, given in upper case, in the file's case.
    pub fn get(&self, model: &Model, keyword: &str) -> String {
        let lower = *self.0.get_or_init(|| {
            let (mut upper, mut lower) = (0, 0);
            for ins in model.instructions().iter().filter(|i| i.kind != Kind::Unknown) {
                if ins.keyword.chars().all(|c| !c.is_lowercase()) {
                    upper += 1;
                } else if ins.keyword.chars().all(|c| !c.is_uppercase()) {
                    lower += 1;
                }
            }
            lower > upper
        });
        if lower {
            keyword.to_ascii_lowercase()
        } else {
            keyword.to_string()
        }
    }
}

/// `keyword`, given in upper case, in the file's case (for one fix).
pub fn keyword(model: &Model, keyword: &str) -> String {
    Keywords::default().get(model, keyword)
}

/// Start of the line holding `offset`.
fn line_start(src: &str, offset: usize) -> usize {
    src[..offset].rfind('\n').map_or(0, |n| n + 1)
}

/// Start of the comment lines directly above instruction `i` (its pragmas
/// and its description; never the parser directives), or of its own line.
fn head_of(model: &Model, i: usize) -> usize {
    let src = model.source;
    let mut at = model
        .instructions()
        .get(i)
        .map_or(src.len(), |ins| line_start(src, ins.span.start as usize));
    while at > 0 {
        let prev = line_start(src, at - 1);
        let directive = model
            .df
            .directives
            .iter()
            .any(|d| (prev..at).contains(&(d.span.start as usize)));
        if directive || !src[prev..at].trim_start().starts_with('#') {
            break;
        }
        at = prev;
    }
    at
}

/// Inserts `lines` (each ending with a line break) before instruction `i`
/// and the comments above it.
pub fn insert_before(model: &Model, i: usize, lines: &str) -> Edit {
    Edit::insert(head_of(model, i) as u32, lines)
}

/// Inserts `lines` (each ending with a line break) after instruction `i`.
pub fn insert_after(model: &Model, i: usize, lines: &str) -> Edit {
    let src = model.source;
    let end = model
        .instructions()
        .get(i)
        .map_or(src.len(), |ins| ins.span.end as usize);
    match src[end..].find('\n') {
        Some(n) => Edit::insert((end + n + 1) as u32, lines),
        None => Edit::insert(src.len() as u32, format!("\n{lines}")),
    }
}

/// Deletes instruction `i` with its line break, and the comment lines above
/// it when they are all pragmas (which would otherwise fall to the next
/// instruction).
pub fn delete_instruction(model: &Model, i: usize) -> Option<Edit> {
    let src = model.source;
    let ins = model.instructions().get(i)?;
    let own = line_start(src, ins.span.start as usize);
    let head = head_of(model, i);
    let pragmas = src[head..own].lines().all(|l| l.contains("ignore="));
    let start = if pragmas { head } else { own };
    let end = ins.span.end as usize;
    let end = src[end..].find('\n').map_or(src.len(), |n| end + n + 1);
    Some(Edit::delete(Span::from_usize(start, end)))
}

/// Where `lines` go in `stage` for a setting of the container (HEALTHCHECK,
/// USER): before its first CMD or ENTRYPOINT after instruction `after`, or
/// else after its last instruction.
pub fn insert_in_stage(model: &Model, stage: &Stage, after: usize, lines: &str) -> Edit {
    let mut last = stage.from;
    for (i, ins) in model.body(stage) {
        if i > after && matches!(ins.kind, Kind::Cmd | Kind::Entrypoint) {
            return insert_before(model, i, lines);
        }
        last = i;
    }
    insert_after(model, last, lines)
}

/// What a stage's base image is known to be built on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Base {
    /// Debian or Ubuntu: `/bin/sh` is dash, bash and `useradd` are there.
    Debian,
    /// Alpine: `/bin/sh` is BusyBox ash, with `adduser`.
    Alpine,
    /// Fedora, CentOS, Rocky, Alma, Amazon Linux, UBI: `/bin/sh` is bash.
    Rhel,
    /// Google's distroless images: no shell, a `nonroot` user (65532).
    Distroless,
}

/// Official images that are Debian or Ubuntu unless their tag says otherwise.
const DEBIAN_BASED: &[&str] = &[
    "python",
    "node",
    "golang",
    "ruby",
    "php",
    "perl",
    "rust",
    "buildpack-deps",
    "httpd",
    "nginx",
    "redis",
    "postgres",
    "gcc",
    "eclipse-temurin",
    "tomcat",
    "erlang",
    "elixir",
];

const DEBIAN_TAGS: &[&str] = &[
    "slim", "bookworm", "bullseye", "buster", "trixie", "jammy", "noble", "focal",
];

/// The base of `stage`: what the root of its lineage is built FROM, when
/// that is an image known well enough.
pub fn base_of(model: &Model, stage: &Stage) -> Option<Base> {
    let root = *model.lineage(stage).last()?;
    let img = model.base_image(root)?;
    if img.has_variables {
        return None;
    }
    let registry = img.registry.as_ref().map(|r| r.text.as_str());
    let name = img.name.text.to_ascii_lowercase();
    let tag = img
        .tag
        .as_ref()
        .map(|t| t.text.to_ascii_lowercase())
        .unwrap_or_default();
    match registry {
        Some("gcr.io") if name.starts_with("distroless/") => return Some(Base::Distroless),
        Some("registry.access.redhat.com" | "registry.redhat.io") if name.starts_with("ubi") => {
            return Some(Base::Rhel)
        }
        None | Some("docker.io" | "index.docker.io") => {}
        _ => return None,
    }
    let name = name.strip_prefix("library/").unwrap_or(&name);
    if name.contains('/') || ["windows", "nanoserver", "servercore"].iter().any(|w| tag.contains(w)) {
        return None;
    }
    if name == "alpine" || tag.contains("alpine") {
        return Some(Base::Alpine);
    }
    match name {
        "debian" | "ubuntu" => Some(Base::Debian),
        "fedora" | "centos" | "rockylinux" | "almalinux" | "amazonlinux" | "oraclelinux" => Some(Base::Rhel),
        _ if DEBIAN_BASED.contains(&name) || DEBIAN_TAGS.iter().any(|t| tag.contains(t)) => Some(Base::Debian),
        _ => None,
    }
}

/// Lines that switch `stage` to an unprivileged user, uid 10001, created
/// with the base's own tool where the base is known (a distroless image has
/// one: `nonroot`, 65532); elsewhere the USER comes with a reminder.
pub fn new_user(model: &Model, stage: &Stage) -> String {
    let (run, user) = (keyword(model, "RUN"), keyword(model, "USER"));
    match base_of(model, stage) {
        Some(Base::Debian) => format!("{run} useradd --uid 10001 --no-create-home app\n{user} 10001\n"),
        Some(Base::Alpine) => format!("{run} adduser -D -H -u 10001 app\n{user} 10001\n"),
        Some(Base::Distroless) => format!("{user} 65532\n"),
        _ => format!("# TODO: check that uid 10001 can read the app's files\n{user} 10001\n"),
    }
}

/// Where a USER goes in `stage`: after its last RUN or USER (every RUN keeps
/// its user), before the CMD or ENTRYPOINT after them, or at the stage's end.
pub fn insert_user(model: &Model, stage: &Stage, lines: &str) -> Edit {
    let after = model
        .body(stage)
        .rfind(|(_, i)| matches!(i.kind, Kind::Run | Kind::User))
        .map_or(stage.from, |(i, _)| i);
    insert_in_stage(model, stage, after, lines)
}

/// A HEALTHCHECK for `stage` that the user must adapt: a placeholder in
/// exec form, marked with a TODO (or `HEALTHCHECK NONE` in a stage that no
/// container runs: a builder the final image is not built on).
pub fn healthcheck_placeholder(model: &Model, stage: &Stage, keywords: &Keywords) -> Option<Fix> {
    let healthcheck = keywords.get(model, "HEALTHCHECK");
    let runs = model
        .final_stage()
        .is_some_and(|last| model.lineage(last).iter().any(|s| s.index == stage.index));
    let lines = if runs {
        format!("# TODO: a command that fails when the app cannot serve\n{healthcheck} CMD [\"/bin/app\", \"healthcheck\"]\n")
    } else {
        format!("{healthcheck} NONE\n")
    };
    Fix::unsafe_(
        "add a HEALTHCHECK to adapt",
        vec![insert_in_stage(model, stage, stage.from, &lines)],
    )
}

/// `text` as a double-quoted Dockerfile word whose value is `text` itself:
/// `"`, `$` and the escape character escaped as the Dockerfile's word
/// processing reads them (ENV, LABEL).
pub fn quote_literal(text: &str, escape: char) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    push_literal(&mut out, text, escape);
    out.push('"');
    out
}

/// Pushes `text` escaped for the inside of a double-quoted Dockerfile word.
pub fn push_literal(out: &mut String, text: &str, escape: char) {
    for c in text.chars() {
        if c == '"' || c == '$' || c == escape {
            out.push(escape);
        }
        out.push(c);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dockwise_syntax::dockerfile::parse;

    fn appended(src: &str, i: usize) -> Option<String> {
        let df = parse(src);
        let m = Model::new(src, &df);
        let e = append_to_run(&m, i, "rm -rf /x")?;
        crate::diagnostics::Fix::safe("t", vec![e])?.apply(src)
    }

    #[test]
    fn appending_to_a_run() {
        assert_eq!(
            appended("FROM a\nRUN a && b\n", 1).as_deref(),
            Some("FROM a\nRUN a && b && rm -rf /x\n")
        );
        // a comment or a `;` after the last command stays after it
        assert_eq!(
            appended("FROM a\nRUN a; b; # c\n", 1).as_deref(),
            Some("FROM a\nRUN a; b && rm -rf /x; # c\n")
        );
        // one command per line, in the file's style
        assert_eq!(
            appended("FROM a\nRUN a \\\n    && b\n", 1).as_deref(),
            Some("FROM a\nRUN a \\\n    && b \\\n    && rm -rf /x\n")
        );
        assert_eq!(
            appended("FROM a\nRUN a && \\\n  b\n", 1).as_deref(),
            Some("FROM a\nRUN a && \\\n  b && \\\n  rm -rf /x\n")
        );
        assert_eq!(
            appended("# escape=`\nFROM a\nRUN a && `\n  b\n", 1).as_deref(),
            Some("# escape=`\nFROM a\nRUN a && `\n  b && `\n  rm -rf /x\n")
        );
        // heredoc bodies and `sh -c` strings
        assert_eq!(
            appended("FROM a\nRUN <<EOF\na\nb # c\nEOF\n", 1).as_deref(),
            Some("FROM a\nRUN <<EOF\na\nb && rm -rf /x # c\nEOF\n")
        );
        assert_eq!(
            appended("FROM a\nRUN cat <<EOF > f\nbody\nEOF\n", 1).as_deref(),
            Some("FROM a\nRUN cat <<EOF > f && rm -rf /x\nbody\nEOF\n")
        );
        assert_eq!(
            appended("FROM a\nRUN [\"sh\", \"-c\", \"a && b\"]\n", 1).as_deref(),
            Some("FROM a\nRUN [\"sh\", \"-c\", \"a && b && rm -rf /x\"]\n")
        );
        // where `&& x` would land inside a compound command, or changes it
        for src in [
            "FROM a\nRUN if a; then b; fi\n",
            "FROM a\nRUN { a; b; }\n",
            "FROM a\nRUN (a; b)\n",
            "FROM a\nRUN a &\n",
            "FROM a\nRUN [\"a\", \"b\"]\n",
            "FROM a\nRUN [\"sh\", \"-c\", \"a \\\"b\\\"\"]\n",
            "FROM a\nRUN a # note \\\n && b\n",
        ] {
            assert_eq!(appended(src, 1), None, "{src}");
        }
    }

    #[test]
    fn bases() {
        let base = |img: &str| {
            let src = format!("FROM {img}\n");
            let df = parse(&src);
            let m = Model::new(&src, &df);
            base_of(&m, &m.stages[0])
        };
        assert_eq!(base("python:3.12-slim"), Some(Base::Debian));
        assert_eq!(base("docker.io/library/node:20"), Some(Base::Debian));
        assert_eq!(base("python:3.12-alpine"), Some(Base::Alpine));
        assert_eq!(base("alpine:3.20"), Some(Base::Alpine));
        assert_eq!(base("rockylinux:9"), Some(Base::Rhel));
        assert_eq!(base("gcr.io/distroless/static-debian12"), Some(Base::Distroless));
        assert_eq!(base("openjdk:21"), None);
        assert_eq!(base("myorg/app:1"), None);
        assert_eq!(base("$BASE"), None);
        assert_eq!(base("mcr.microsoft.com/windows/servercore:ltsc2022"), None);
    }

    #[test]
    fn quoting_a_literal() {
        assert_eq!(quote_literal(r#"a "b" $c \d"#, '\\'), r#""a \"b\" \$c \\d""#);
        assert_eq!(quote_literal(r#"a "b" \d"#, '`'), r#""a `"b`" \d""#);
    }

    #[test]
    fn instructions_go_above_their_comments() {
        let src = "# syntax=docker/dockerfile:1\nFROM a\n# run it\n# hadolint ignore=DL3025\nCMD x\n";
        let df = parse(src);
        let m = Model::new(src, &df);
        let e = insert_before(&m, 1, "USER 1\n");
        assert_eq!(
            &src[e.span.start as usize..],
            "# run it\n# hadolint ignore=DL3025\nCMD x\n"
        );
        // never above the parser directives
        let e = insert_before(&m, 0, "ARG X\n");
        assert_eq!(
            &src[e.span.start as usize..],
            "FROM a\n# run it\n# hadolint ignore=DL3025\nCMD x\n"
        );
        let e = insert_after(&m, 1, "USER 1\n");
        assert_eq!(e.span.start as usize, src.len());
        let src = "FROM a\nCMD x";
        let df = parse(src);
        let m = Model::new(src, &df);
        assert_eq!(insert_after(&m, 1, "USER 1\n").replacement, "\nUSER 1\n");
    }
}
