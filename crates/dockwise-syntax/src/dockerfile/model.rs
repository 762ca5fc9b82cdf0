//! What rules ask about a parsed Dockerfile: its stages, which stage builds on
//! which, the shell in effect, and each RUN's commands.

use super::ast::*;
use crate::image::ImageRef;
use crate::shell::{Command, Script, Sep, ShWord};
use crate::span::{LineIndex, OffsetMap, Span};
use std::borrow::Cow;
use std::collections::HashMap;

#[derive(Clone, Debug)]
pub struct Stage {
    /// Position in `Model::stages`; `PREAMBLE` for the preamble.
    pub index: usize,
    /// Index of the stage's FROM in `Dockerfile::instructions` (for the
    /// preamble, which has none, its first instruction).
    pub from: usize,
    /// Indices of the instructions after the FROM, up to the next FROM (for
    /// the preamble, every instruction before the first FROM).
    pub body: std::ops::Range<usize>,
    /// The `AS` name, lower-cased.
    pub name: Option<String>,
    /// The earlier stage this one is built `FROM`, if any.
    pub parent: Option<usize>,
}

/// `Stage::index` of the preamble.
pub const PREAMBLE: usize = usize::MAX;

/// How many stages a lineage holds at most: a stage and 63 built on one
/// another. Rules ask each stage's lineage, so an unbounded walk made a
/// chain of N stages cost N² (a hostile 10,000-stage chain took 35 s in a
/// debug build); real files chain a handful. Past it, what a stage inherits
/// from further back is not seen.
pub const MAX_LINEAGE: usize = 64;

impl Stage {
    /// Is this the preamble (the instructions before the first FROM)?
    pub fn is_preamble(&self) -> bool {
        self.index == PREAMBLE
    }
}

pub struct Model<'a> {
    pub source: &'a str,
    pub df: &'a Dockerfile<'a>,
    pub lines: LineIndex,
    pub stages: Vec<Stage>,
    /// The instructions before the first FROM (all of them in a file without
    /// FROM, such as a lesson's `RUN pip install flask`), as a stage of their
    /// own with no FROM, no name and no parent, as hadolint checks them. Not
    /// in `stages` and not in `stage_of`: only the checks that ask for it
    /// (`sections`, `final_section`) see it.
    pub preamble: Option<Stage>,
    /// Stage index of each instruction (None before the first FROM).
    pub stage_of: Vec<Option<usize>>,
    /// Whether each instruction runs under a POSIX shell (SHELL not changed to
    /// PowerShell or cmd, no `# hadolint shell=` pragma saying otherwise).
    pub posix: Vec<bool>,
    /// The commands of each RUN (ONBUILD RUN included), in POSIX shells.
    pub scripts: Vec<Option<Script<'a>>>,
    /// The first and the latest stage of each name: looked up, not searched,
    /// for every `FROM` and `--from` (a file may hold thousands of stages).
    named: HashMap<String, (usize, usize)>,
}

const POSIX_SHELLS: &[&str] = &["sh", "bash", "ash", "dash", "zsh", "ksh", "mksh", "busybox"];

pub fn is_posix_shell(program: &str) -> bool {
    let base = program
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or(program)
        .trim_end_matches(".exe");
    POSIX_SHELLS.contains(&base)
}

/// One port word of an EXPOSE (ONBUILD EXPOSE included): `80`, `8080/tcp`,
/// `3000-3005/udp`.
#[derive(Clone, Copy, Debug)]
pub struct ExposedPort<'w, 'a> {
    pub word: &'w Word<'a>,
    /// The text before the `/`: a port, a range, a variable.
    pub port: &'w str,
    /// The text after the `/`, as written.
    pub protocol: Option<&'w str>,
}

impl<'a> Model<'a> {
    pub fn new(source: &'a str, df: &'a Dockerfile) -> Self {
        let n = df.instructions.len();
        let mut stages: Vec<Stage> = Vec::new();
        let mut stage_of = vec![None; n];
        let mut named: HashMap<String, (usize, usize)> = HashMap::new();
        for (i, ins) in df.instructions.iter().enumerate() {
            if ins.kind == Kind::From {
                if let Some(last) = stages.last_mut() {
                    last.body.end = i;
                }
                let f = ins.from_args();
                let name = f.and_then(|f| f.alias.as_ref()).map(|a| a.value.to_ascii_lowercase());
                // the latest stage of that name so far
                let parent = f.and_then(|f| named.get(&f.image.text.to_ascii_lowercase()).map(|&(_, last)| last));
                if let Some(name) = &name {
                    let index = stages.len();
                    named
                        .entry(name.clone())
                        .and_modify(|(_, last)| *last = index)
                        .or_insert((index, index));
                }
                stages.push(Stage {
                    index: stages.len(),
                    from: i,
                    body: i + 1..n,
                    name,
                    parent,
                });
            }
            stage_of[i] = stages.len().checked_sub(1);
        }

        // The shell in effect: SHELL changes it for the rest of the stage and
        // for stages built on it.
        let shell_pragma_non_posix = df.comments.iter().any(|c| {
            let t = c.text.to_ascii_lowercase();
            t.starts_with("hadolint shell=") && !is_posix_shell(t.trim_start_matches("hadolint shell=").trim())
        });
        let mut posix = vec![!shell_pragma_non_posix; n];
        let mut stage_posix: Vec<bool> = Vec::new();
        let mut preamble_posix = !shell_pragma_non_posix;
        for (i, ins) in df.instructions.iter().enumerate() {
            if ins.kind == Kind::From {
                let inherited = stage_of[i]
                    .and_then(|s| stages[s].parent)
                    .and_then(|p| stage_posix.get(p).copied());
                stage_posix.push(inherited.unwrap_or(!shell_pragma_non_posix));
            }
            if let (Kind::Shell, Args::Exec(words)) = (ins.kind, &ins.args) {
                let p = words.first().is_some_and(|w| is_posix_shell(&w.value));
                *stage_posix.last_mut().unwrap_or(&mut preamble_posix) = p;
            }
            posix[i] = stage_posix.last().copied().unwrap_or(preamble_posix);
        }

        let scripts = df
            .instructions
            .iter()
            .enumerate()
            .map(|(i, ins)| {
                let eff = ins.effective();
                (eff.kind == Kind::Run && posix[i]).then(|| run_script(eff))
            })
            .collect();

        let first_from = stages.first().map_or(n, |s| s.from);
        let preamble = (first_from > 0).then_some(Stage {
            index: PREAMBLE,
            from: 0,
            body: 0..first_from,
            name: None,
            parent: None,
        });

        Model {
            source,
            df,
            lines: LineIndex::new(source),
            stages,
            preamble,
            stage_of,
            posix,
            scripts,
            named,
        }
    }

    pub fn instructions(&self) -> &'a [Instruction<'a>] {
        &self.df.instructions
    }

    pub fn final_stage(&self) -> Option<&Stage> {
        self.stages.last()
    }

    /// The preamble (if any), then every stage: for the checks hadolint runs
    /// stage by stage on every instruction, those before the first FROM
    /// included.
    pub fn sections(&self) -> impl Iterator<Item = &Stage> {
        self.preamble.iter().chain(&self.stages)
    }

    /// The final stage or, in a file without FROM (a snippet), the preamble:
    /// what a snippet's RUNs leave behind is what its image would keep.
    pub fn final_section(&self) -> Option<&Stage> {
        self.stages.last().or(self.preamble.as_ref())
    }

    pub fn from_of(&self, stage: &Stage) -> &'a Instruction<'a> {
        &self.df.instructions[stage.from]
    }

    pub fn base_image(&self, stage: &Stage) -> Option<&'a ImageRef> {
        self.from_of(stage).from_args().map(|f| &f.image)
    }

    /// The instructions of a stage after its FROM, with their indices.
    pub fn body(&self, stage: &Stage) -> impl DoubleEndedIterator<Item = (usize, &'a Instruction<'a>)> + 'a {
        let range = stage.body.clone();
        let instrs = &self.df.instructions;
        range.map(move |i| (i, &instrs[i]))
    }

    /// The stage and those it is built on, nearest first (at most
    /// [`MAX_LINEAGE`] of them).
    pub fn lineage(&self, stage: &Stage) -> Vec<&Stage> {
        if stage.is_preamble() {
            return self.preamble.iter().collect();
        }
        let mut out = vec![&self.stages[stage.index]];
        let mut cur = stage.parent;
        while let Some(p) = cur {
            // a parent is always an earlier stage: this ends, without a search
            if out.last().is_some_and(|s| p >= s.index) || out.len() >= MAX_LINEAGE {
                break;
            }
            out.push(&self.stages[p]);
            cur = self.stages[p].parent;
        }
        out
    }

    /// The last instruction of `kind` in the stage or, failing that, in the
    /// stages it is built on (USER, WORKDIR, HEALTHCHECK, CMD... inherit).
    pub fn last_in_lineage(&self, stage: &Stage, kind: Kind) -> Option<(usize, &'a Instruction<'a>)> {
        self.lineage(stage)
            .into_iter()
            .find_map(|s| self.body(s).rev().find(|(_, i)| i.kind == kind))
    }

    /// Does `name` (lower-cased) name a stage defined before stage `before`?
    pub fn earlier_stage_named(&self, name: &str, before: usize) -> Option<&Stage> {
        let (first, _) = *self.named.get(&name.to_ascii_lowercase())?;
        (first < before).then(|| self.stages.get(first)).flatten()
    }

    /// Stage indices the final image depends on (the final stage, its
    /// ancestors, and stages copied or mounted from), transitively.
    pub fn stages_in_final_image(&self) -> Vec<usize> {
        let Some(last) = self.stages.last() else {
            return Vec::new();
        };
        let mut wanted = vec![last.index];
        let mut seen = vec![false; self.stages.len()];
        seen[last.index] = true;
        let mut i = 0;
        while i < wanted.len() {
            let s = &self.stages[wanted[i]];
            let mut add = |idx: usize| {
                if !std::mem::replace(&mut seen[idx], true) {
                    wanted.push(idx);
                }
            };
            if let Some(p) = s.parent {
                add(p);
            }
            for (_, ins) in self.body(s) {
                for f in ins.flags.iter() {
                    let from = match f.name.as_str() {
                        "from" => f.value.clone(),
                        "mount" => f.value.as_deref().and_then(mount_from),
                        _ => None,
                    };
                    if let Some(r) = from.and_then(|v| self.stage_ref(&v, s.index)) {
                        add(r);
                    }
                }
            }
            i += 1;
        }
        wanted
    }

    /// A `--from` value naming a stage (by name or index) before `before`.
    pub fn stage_ref(&self, value: &str, before: usize) -> Option<usize> {
        if let Ok(n) = value.parse::<usize>() {
            return (n < before).then_some(n);
        }
        self.earlier_stage_named(value, before).map(|s| s.index)
    }

    /// The commands of a RUN at instruction index `i` (None outside POSIX shells).
    pub fn script(&self, i: usize) -> Option<&Script<'a>> {
        self.scripts.get(i).and_then(Option::as_ref)
    }

    /// Is instruction `i` an ONBUILD (whose RUN runs in child images' builds)?
    /// Every port word of every EXPOSE, ONBUILD EXPOSE included.
    pub fn exposed_ports(&self) -> impl Iterator<Item = ExposedPort<'_, 'a>> + '_ {
        self.instructions()
            .iter()
            .map(|i| i.effective())
            .filter(|i| i.kind == Kind::Expose)
            .flat_map(|ins| {
                ins.words().iter().map(|word| {
                    let (port, protocol) = match word.value.split_once('/') {
                        Some((p, proto)) => (p, Some(proto)),
                        None => (&*word.value, None),
                    };
                    ExposedPort { word, port, protocol }
                })
            })
    }

    pub fn is_onbuild(&self, i: usize) -> bool {
        self.df.instructions.get(i).is_some_and(|ins| ins.kind == Kind::Onbuild)
    }

    /// The RUNs of a stage with their commands; `onbuild`: also `ONBUILD RUN`.
    pub fn runs(
        &self,
        stage: &Stage,
        onbuild: bool,
    ) -> impl Iterator<Item = (usize, &'a Instruction<'a>, &Script<'a>)> + '_ {
        self.body(stage)
            .filter(move |(i, _)| onbuild || !self.is_onbuild(*i))
            .filter_map(move |(i, ins)| self.script(i).map(|s| (i, ins, s)))
    }

    /// The RUN scripts of the file with their instruction index; `onbuild`:
    /// also those of `ONBUILD RUN`.
    pub fn scripts(&self, onbuild: bool) -> impl Iterator<Item = (usize, &Script<'a>)> + '_ {
        self.scripts
            .iter()
            .enumerate()
            .filter(move |(i, _)| onbuild || !self.is_onbuild(*i))
            .filter_map(|(i, s)| s.as_ref().map(|s| (i, s)))
    }

    /// Every command of every RUN in the file, with its instruction index;
    /// `onbuild`: also the commands of `ONBUILD RUN`.
    pub fn commands(&self, onbuild: bool) -> impl Iterator<Item = (usize, &Command<'a>)> + '_ {
        self.scripts(onbuild)
            .flat_map(|(i, s)| s.commands.iter().map(move |c| (i, c)))
    }

    /// Index of the instruction whose span holds `offset` (or starts there).
    pub fn instruction_at(&self, offset: u32) -> Option<usize> {
        let instrs = &self.df.instructions;
        let i = instrs.partition_point(|i| i.span.start <= offset).checked_sub(1)?;
        (instrs[i].span.contains(offset) || instrs[i].span.start == offset).then_some(i)
    }

    /// 1-based line of a byte offset.
    pub fn line(&self, offset: u32) -> u32 {
        self.lines.line_of(offset) as u32 + 1
    }
}

/// A `$NAME`, `${NAME}` or `${NAME:-default}` reference in a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VarRef {
    pub name: String,
    /// Byte range of the whole reference in the text.
    pub start: usize,
    pub end: usize,
    /// `${NAME:-x}`, `${NAME-x}`, `${NAME:+x}`...: the reference has a fallback.
    pub has_default: bool,
    /// The default's text for `:-`/`-` forms.
    pub default: Option<String>,
}

/// Variable references the way the Dockerfile frontend sees them: `\$` (or
/// the escape character) before `$` escapes it, and single quotes protect.
pub fn variable_refs(text: &str, escape: char) -> Vec<VarRef> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    let mut in_single = false;
    while i < b.len() {
        let c = b[i];
        if c == b'\'' {
            in_single = !in_single;
            i += 1;
            continue;
        }
        if (c as char) == escape {
            i += 2;
            continue;
        }
        if c != b'$' || in_single {
            i += 1;
            continue;
        }
        let start = i;
        i += 1;
        if b.get(i) == Some(&b'{') {
            let Some(close) = text[i..].find('}').map(|p| i + p) else {
                break;
            };
            let inner = &text[i + 1..close];
            let name_len = inner
                .bytes()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == b'_')
                .count();
            let (name, rest) = inner.split_at(name_len);
            if !name.is_empty() {
                let default = rest
                    .strip_prefix(":-")
                    .or_else(|| rest.strip_prefix('-'))
                    .map(str::to_string);
                out.push(VarRef {
                    name: name.to_string(),
                    start,
                    end: close + 1,
                    has_default: !rest.is_empty(),
                    default,
                });
            }
            i = close + 1;
        } else {
            let n = b[i..]
                .iter()
                .take_while(|c| c.is_ascii_alphanumeric() || **c == b'_')
                .count();
            if n > 0 && !b[i].is_ascii_digit() {
                out.push(VarRef {
                    name: text[i..i + n].to_string(),
                    start,
                    end: i + n,
                    has_default: false,
                    default: None,
                });
            }
            i += n.max(1);
        }
    }
    out
}

/// ARGs that BuildKit defines without a declaration (platform and proxies).
pub const PREDEFINED_ARGS: &[&str] = &[
    "TARGETPLATFORM",
    "TARGETOS",
    "TARGETARCH",
    "TARGETVARIANT",
    "BUILDPLATFORM",
    "BUILDOS",
    "BUILDARCH",
    "BUILDVARIANT",
    "HTTP_PROXY",
    "http_proxy",
    "HTTPS_PROXY",
    "https_proxy",
    "FTP_PROXY",
    "ftp_proxy",
    "NO_PROXY",
    "no_proxy",
    "ALL_PROXY",
    "all_proxy",
];

/// The `from=` of a `--mount=type=cache,from=stage,...` value.
pub fn mount_from(value: &str) -> Option<String> {
    value
        .split(',')
        .find_map(|kv| kv.strip_prefix("from="))
        .map(str::to_string)
}

/// The options of each `--mount` flag of an instruction, as key/value pairs.
pub fn mounts(ins: &Instruction) -> Vec<Vec<(String, String)>> {
    ins.flags_named("mount")
        .filter_map(|f| f.value.as_deref())
        .map(|v| {
            v.split(',')
                .map(|kv| match kv.split_once('=') {
                    Some((k, v)) => (k.trim().to_ascii_lowercase(), v.trim().to_string()),
                    None => (kv.trim().to_ascii_lowercase(), String::from("true")),
                })
                .collect()
        })
        .collect()
}

/// The commands of a CMD, ENTRYPOINT or `HEALTHCHECK CMD` (what runs when a
/// container starts, or to check it): shell form parsed as shell, exec form
/// as one command (or as shell for `["sh", "-c", ...]`).
pub fn startup_script<'i>(ins: &'i Instruction<'_>) -> Option<Script<'i>> {
    let args = match (&ins.kind, &ins.args) {
        (Kind::Cmd | Kind::Entrypoint, a) => a,
        (Kind::Healthcheck, Args::Healthcheck { cmd: Some(c), .. }) => c.as_ref(),
        _ => return None,
    };
    match args {
        Args::Shell(w) => Some(Script::parse(&w.raw, &ins.map, logical_offset(ins, w))),
        Args::Exec(words) => Some(exec_script(words)),
        _ => None,
    }
}

/// Logical offset of a shell-form word inside its instruction's text.
fn logical_offset(ins: &Instruction, w: &Word) -> usize {
    // the shell text of CMD/ENTRYPOINT is the instruction's argument text, or
    // for HEALTHCHECK the part after `CMD`
    let base = ins.args_offset as usize;
    base + ins.args_text.find(&*w.raw).unwrap_or(0)
}

/// The commands a RUN runs: its shell text, heredoc scripts, or exec form.
fn run_script<'i>(ins: &'i Instruction<'_>) -> Script<'i> {
    match &ins.args {
        Args::Shell(w) => {
            // markers name their heredocs in order: the next one is tried
            // first, so thousands of markers are not each searched for
            let mut next = 0;
            let only_markers = !ins.heredocs.is_empty()
                && super::words::split_whitespace(&w.raw).iter().all(|&(a, b)| {
                    let t = &w.raw[a..b];
                    let names = |h: &Heredoc| t.contains(h.name.as_str());
                    t.trim_start_matches(|c: char| c.is_ascii_digit()).starts_with("<<")
                        && (ins.heredocs.get(next).is_some_and(names) && {
                            next += 1;
                            true
                        } || ins.heredocs.iter().any(names))
                });
            if only_markers {
                // `RUN <<EOF`: the body is the script (unless a shebang says otherwise).
                let mut script = Script::default();
                for h in &ins.heredocs {
                    let first = h.content.lines().next().unwrap_or("");
                    if first.starts_with("#!")
                        && !first.split_whitespace().any(is_posix_shell)
                        && !first.contains("/sh")
                    {
                        continue;
                    }
                    append(
                        &mut script,
                        Script::parse(&h.content, &OffsetMap::contiguous(h.content_span.start), 0),
                    );
                }
                return script;
            }
            let mut script = Script::parse(&w.raw, &ins.map, ins.args_offset as usize);
            // `RUN bash <<EOF`: a shell reads its script from the heredoc.
            let mut extra = Script::default();
            for c in &script.commands {
                let is_shell = c.name().is_some_and(is_posix_shell) && !c.args().iter().any(|a| a.value == "-c");
                if !is_shell {
                    continue;
                }
                for r in c.redirects.iter().filter(|r| r.op.starts_with("<<") && r.op != "<<<") {
                    let Some(t) = &r.target else { continue };
                    if let Some(h) = ins.heredocs.iter().find(|h| h.name == t.value) {
                        append(
                            &mut extra,
                            Script::parse(&h.content, &OffsetMap::contiguous(h.content_span.start), 0),
                        );
                    }
                }
            }
            append(&mut script, extra);
            script
        }
        Args::Exec(words) => exec_script(words),
        _ => Script::default(),
    }
}

/// Exec form: `["sh", "-c", "script"]` is parsed as shell; anything else is
/// one command whose words are the array's strings.
pub fn exec_script<'i>(words: &'i [Word<'_>]) -> Script<'i> {
    if words.len() >= 3 && is_posix_shell(&words[0].value) {
        if let Some(ci) = words.iter().position(|w| {
            w.value == "-c" || (w.value.starts_with('-') && !w.value.starts_with("--") && w.value.ends_with('c'))
        }) {
            if let Some(script) = words.get(ci + 1) {
                // The literal's text equals its value when it has no escapes:
                // then spans are exact, otherwise they point at the literal.
                let exact = !script.raw.contains('\\');
                let map = if exact {
                    OffsetMap::contiguous(script.span.start + 1)
                } else {
                    OffsetMap::contiguous(script.span.start)
                };
                let mut s = Script::parse(&script.value, &map, 0);
                if !exact {
                    for c in &mut s.commands {
                        c.span = script.span;
                        for w in &mut c.words {
                            w.span = script.span;
                        }
                    }
                }
                return s;
            }
        }
    }
    let sh_words: Vec<ShWord> = words
        .iter()
        .map(|w| ShWord {
            raw: &w.raw,
            value: Cow::Borrowed(&w.value),
            span: w.span,
            quoted: true,
            dynamic: false,
        })
        .collect();
    if sh_words.is_empty() {
        return Script::default();
    }
    let span = sh_words[0].span.cover(sh_words[sh_words.len() - 1].span);
    Script {
        commands: vec![Command {
            assignments: vec![],
            words: sh_words,
            redirects: vec![],
            program: Some(0),
            sep: Sep::End,
            depth: 0,
            pipeline: 0,
            span,
        }],
        heredocs: vec![],
        pipes: vec![],
        too_deep: None,
        loops: vec![],
        bangs: vec![],
        compounds: vec![],
    }
}

fn append<'s>(into: &mut Script<'s>, from: Script<'s>) {
    let offset = into.heredocs.len();
    // pipeline numbers never decrease: the last command has the greatest
    let pipe_offset = into.commands.last().map_or(0, |c| c.pipeline + 1);
    for mut c in from.commands {
        c.pipeline += pipe_offset;
        for r in &mut c.redirects {
            r.heredoc = r.heredoc.map(|h| h + offset);
        }
        into.commands.push(c);
    }
    into.heredocs.extend(from.heredocs);
    into.pipes.extend(from.pipes);
    into.too_deep = into.too_deep.or(from.too_deep);
    into.loops.extend(from.loops);
    into.bangs.extend(from.bangs);
    into.compounds.extend(from.compounds);
}

/// Span helper for rules: the whole instruction line(s) without heredoc bodies.
pub fn head_span(ins: &Instruction) -> Span {
    match ins.heredocs.first() {
        Some(h) => Span::new(
            ins.span.start,
            h.marker_span.end.max(ins.args_span.end).min(ins.span.end),
        ),
        None => ins.span,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dockerfile::parse;

    #[test]
    fn stages_and_lineage() {
        let src = "ARG V=1\nFROM golang:1.22 AS build\nRUN go build\nFROM build AS test\nRUN go test\nFROM gcr.io/distroless/static\nCOPY --from=build /app /app\n";
        let df = parse(src);
        let m = Model::new(src, &df);
        assert_eq!(m.stages.len(), 3);
        assert_eq!(m.stage_of[0], None);
        assert_eq!(m.stages[1].parent, Some(0));
        assert_eq!(m.lineage(&m.stages[1]).len(), 2);
        let mut used = m.stages_in_final_image();
        used.sort();
        assert_eq!(used, [0, 2]);
    }

    #[test]
    fn preamble_is_a_section_of_its_own() {
        let src = "ARG V=1\nENV PIP_NO_CACHE_DIR=1\nRUN pip install x\nFROM a:$V AS a\nRUN y\n";
        let df = parse(src);
        let m = Model::new(src, &df);
        let pre = m.preamble.as_ref().unwrap();
        assert!(pre.is_preamble());
        assert_eq!(pre.body, 0..3);
        assert_eq!(m.stage_of[2], None);
        assert_eq!(m.lineage(pre).len(), 1);
        assert_eq!(m.body(pre).count(), 3);
        assert_eq!(m.sections().count(), 2);
        assert_eq!(m.final_section().map(|s| s.index), Some(0));
        assert!(m.base_image(pre).is_none());

        // a snippet: the preamble is everything, and the final section
        let src = "RUN apt-get update\nSHELL [\"pwsh\", \"-c\"]\nRUN Get-Item x\n";
        let df = parse(src);
        let m = Model::new(src, &df);
        assert!(m.final_section().is_some_and(Stage::is_preamble));
        assert_eq!(m.final_stage().map(|s| s.index), None);
        assert!(m.script(0).is_some());
        assert!(
            m.script(2).is_none(),
            "a SHELL in the preamble holds for the rest of it"
        );

        // a file that starts with FROM has none
        let src = "FROM a:1\nRUN x\n";
        let df = parse(src);
        assert!(Model::new(src, &df).preamble.is_none());
    }

    #[test]
    fn scripts_from_shell_exec_and_heredocs() {
        let src = "FROM x\nRUN apt-get update\nRUN [\"sh\", \"-c\", \"apk add curl\"]\nRUN <<EOF\nset -e\npip install y\nEOF\nRUN bash -ex <<'S'\nmake\nS\n";
        let df = parse(src);
        let m = Model::new(src, &df);
        let name = |i: usize, k: usize| m.script(i).unwrap().commands[k].name().unwrap().to_string();
        assert_eq!(name(1, 0), "apt-get");
        assert_eq!(name(2, 0), "apk");
        assert_eq!(m.script(2).unwrap().commands[0].words[0].span.text(src), "apk");
        assert_eq!(name(3, 1), "pip");
        assert_eq!(m.script(3).unwrap().commands[1].words[0].span.text(src), "pip");
        assert_eq!(name(4, 1), "make");
    }

    #[test]
    fn startup_scripts_have_exact_spans() {
        let src = "FROM x\nCMD app --log-file /var/log/a.log\nHEALTHCHECK --interval=5s CMD curl -f http://x/ || exit 1\nENTRYPOINT [\"sh\", \"-c\", \"exec app\"]\n";
        let df = parse(src);
        let s = startup_script(&df.instructions[1]).unwrap();
        assert_eq!(s.commands[0].args()[1].span.text(src), "/var/log/a.log");
        let s = startup_script(&df.instructions[2]).unwrap();
        assert_eq!(s.commands[0].name_word().unwrap().span.text(src), "curl");
        let s = startup_script(&df.instructions[3]).unwrap();
        assert_eq!(s.commands[0].name(), Some("app"));
    }

    #[test]
    fn variable_references() {
        let v = variable_refs(r#"$A ${B} ${C:-x} \$D '$E' $1 ${F:+y}"#, '\\');
        let names: Vec<_> = v.iter().map(|r| (r.name.as_str(), r.has_default)).collect();
        assert_eq!(names, [("A", false), ("B", false), ("C", true), ("F", true)]);
        assert_eq!(v[2].default.as_deref(), Some("x"));
    }

    #[test]
    fn powershell_turns_shell_model_off() {
        let src = "FROM mcr.microsoft.com/windows/servercore\nSHELL [\"powershell\", \"-Command\"]\nRUN Invoke-WebRequest x\nFROM x\nRUN ls\n";
        let df = parse(src);
        let m = Model::new(src, &df);
        assert!(m.script(2).is_none());
        assert!(m.script(4).is_some());
    }
}
