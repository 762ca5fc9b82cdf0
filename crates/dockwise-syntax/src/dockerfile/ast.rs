//! The Dockerfile syntax tree. Every node carries the byte span of the text it
//! came from, so a finding can underline exactly the word it is about.

use crate::image::ImageRef;
use crate::span::{OffsetMap, Span};
use std::borrow::Cow;

#[derive(Clone, Debug, Default)]
pub struct Dockerfile<'a> {
    /// Parser directives at the top of the file (`# syntax=`, `# escape=`, `# check=`).
    pub directives: Vec<Directive>,
    /// The escape character: `\` unless `# escape=`` ` changed it.
    pub escape: char,
    pub instructions: Vec<Instruction<'a>>,
    /// Every comment line, including those inside continued instructions.
    pub comments: Vec<Comment>,
    /// Errors that make the file (or one instruction) unparsable.
    pub errors: Vec<SyntaxError>,
    /// Blank lines inside a `\` continuation (BuildKit warns: NoEmptyContinuation).
    pub empty_continuation_lines: Vec<Span>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Directive {
    /// Lower-cased name: `syntax`, `escape` or `check`.
    pub name: String,
    pub value: String,
    pub span: Span,
    pub value_span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Comment {
    /// The text after `#`, trimmed.
    pub text: String,
    pub span: Span,
    /// True for comment lines inside a continued instruction.
    pub inside_instruction: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    pub message: String,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    Add,
    Arg,
    Cmd,
    Copy,
    Entrypoint,
    Env,
    Expose,
    From,
    Healthcheck,
    Label,
    Maintainer,
    Onbuild,
    Run,
    Shell,
    Stopsignal,
    User,
    Volume,
    Workdir,
    /// Anything else: BuildKit rejects it as an unknown instruction.
    Unknown,
}

impl Kind {
    pub const ALL: [Kind; 18] = [
        Kind::Add,
        Kind::Arg,
        Kind::Cmd,
        Kind::Copy,
        Kind::Entrypoint,
        Kind::Env,
        Kind::Expose,
        Kind::From,
        Kind::Healthcheck,
        Kind::Label,
        Kind::Maintainer,
        Kind::Onbuild,
        Kind::Run,
        Kind::Shell,
        Kind::Stopsignal,
        Kind::User,
        Kind::Volume,
        Kind::Workdir,
    ];

    pub fn from_keyword(word: &str) -> Kind {
        Kind::ALL
            .into_iter()
            .find(|k| k.keyword().eq_ignore_ascii_case(word))
            .unwrap_or(Kind::Unknown)
    }

    /// The instruction keyword in upper case.
    pub fn keyword(self) -> &'static str {
        match self {
            Kind::Add => "ADD",
            Kind::Arg => "ARG",
            Kind::Cmd => "CMD",
            Kind::Copy => "COPY",
            Kind::Entrypoint => "ENTRYPOINT",
            Kind::Env => "ENV",
            Kind::Expose => "EXPOSE",
            Kind::From => "FROM",
            Kind::Healthcheck => "HEALTHCHECK",
            Kind::Label => "LABEL",
            Kind::Maintainer => "MAINTAINER",
            Kind::Onbuild => "ONBUILD",
            Kind::Run => "RUN",
            Kind::Shell => "SHELL",
            Kind::Stopsignal => "STOPSIGNAL",
            Kind::User => "USER",
            Kind::Volume => "VOLUME",
            Kind::Workdir => "WORKDIR",
            Kind::Unknown => "",
        }
    }
}

/// A word of an instruction: its text as written (`raw`, continuations
/// removed), its value with quotes and escapes removed (variables are kept as
/// written), and where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word<'a> {
    pub raw: Cow<'a, str>,
    pub value: Cow<'a, str>,
    pub span: Span,
}

/// A `--name=value` flag before an instruction's arguments.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Flag {
    /// The flag as BuildKit sees it, quotes removed: `--from=build`.
    pub text: String,
    /// The name without dashes: `from`.
    pub name: String,
    pub value: Option<String>,
    pub span: Span,
    pub name_span: Span,
    pub value_span: Option<Span>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyValue<'a> {
    /// The whole `key=value` (or `key value` in the legacy form).
    pub raw: Word<'a>,
    pub key: Word<'a>,
    pub value: Option<Word<'a>>,
    /// `ENV key value` instead of `ENV key=value`.
    pub legacy: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FromArgs<'a> {
    pub image: ImageRef,
    /// The `AS` keyword as written, if present.
    pub as_keyword: Option<Word<'a>>,
    pub alias: Option<Word<'a>>,
    /// Words that do not fit `FROM image [AS name]`.
    pub extra: Vec<Word<'a>>,
}

// `From` is the largest variant; boxing it would add an allocation to every
// FROM for no gain (an instruction holds one `Args`).
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Args<'a> {
    /// No arguments at all.
    None,
    /// JSON (exec) form: `["a", "b"]`, each string decoded.
    Exec(Vec<Word<'a>>),
    /// Shell form: the text after the keyword and flags.
    Shell(Word<'a>),
    /// Whitespace-separated words (COPY, ADD, VOLUME, EXPOSE; also their JSON form).
    List(Vec<Word<'a>>),
    From(FromArgs<'a>),
    /// ENV, LABEL, ARG.
    KeyValues(Vec<KeyValue<'a>>),
    /// The whole argument text (USER, WORKDIR, MAINTAINER, STOPSIGNAL, and
    /// an ONBUILD inside an ONBUILD).
    Text(Word<'a>),
    /// `HEALTHCHECK [flags] CMD ...` or `HEALTHCHECK NONE`.
    Healthcheck {
        kind: Word<'a>,
        cmd: Option<Box<Args<'a>>>,
    },
    /// The instruction an ONBUILD wraps. When that is itself an ONBUILD
    /// (which BuildKit refuses), its arguments are kept as [`Args::Text`],
    /// unparsed: the tree is never deeper than one ONBUILD.
    Onbuild(Box<Instruction<'a>>),
    /// The arguments could not be parsed; a syntax error was recorded.
    Invalid,
}

/// A `<<EOF` here-document attached to RUN, COPY or ADD.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Heredoc {
    pub name: String,
    /// `<<-EOF`: leading tabs are stripped.
    pub chomp: bool,
    /// False when the name was quoted (`<<'EOF'`): no variable expansion.
    pub expand: bool,
    pub fd: Option<u32>,
    /// The `<<EOF` word on the instruction line.
    pub marker_span: Span,
    /// The body, every line with its line break.
    pub content: String,
    pub content_span: Span,
    /// The terminating line.
    pub terminator_span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Instruction<'a> {
    pub kind: Kind,
    /// The keyword as written (`from`, `Run`, `FROMM`).
    pub keyword: String,
    pub keyword_span: Span,
    /// From the keyword to the end of the instruction, heredoc bodies included.
    pub span: Span,
    pub flags: Vec<Flag>,
    pub args: Args<'a>,
    /// The text after keyword and flags, in logical form, and its span.
    pub args_text: String,
    pub args_span: Span,
    /// Offset of `args_text` inside the logical text (for `map`).
    pub args_offset: u32,
    /// True when the arguments were written as a JSON array.
    pub json: bool,
    pub heredocs: Vec<Heredoc>,
    /// Logical → source offsets for this instruction's text.
    pub map: OffsetMap,
}

impl<'a> Instruction<'a> {
    pub fn flag(&self, name: &str) -> Option<&Flag> {
        self.flags.iter().find(|f| f.name.eq_ignore_ascii_case(name))
    }

    pub fn flags_named<'f>(&'f self, name: &'f str) -> impl Iterator<Item = &'f Flag> + 'f {
        self.flags.iter().filter(move |f| f.name.eq_ignore_ascii_case(name))
    }

    pub fn from_args(&self) -> Option<&FromArgs<'a>> {
        match &self.args {
            Args::From(f) => Some(f),
            _ => None,
        }
    }

    pub fn key_values(&self) -> &[KeyValue<'a>] {
        match &self.args {
            Args::KeyValues(kv) => kv,
            _ => &[],
        }
    }

    /// The words of a list-like instruction (COPY/ADD/VOLUME/EXPOSE) or exec form.
    pub fn words(&self) -> &[Word<'a>] {
        match &self.args {
            Args::List(w) | Args::Exec(w) => w,
            _ => &[],
        }
    }

    /// The single text argument of USER, WORKDIR, MAINTAINER, STOPSIGNAL.
    pub fn text(&self) -> Option<&Word<'a>> {
        match &self.args {
            Args::Text(w) => Some(w),
            _ => None,
        }
    }

    /// The instruction an ONBUILD wraps, or the instruction itself.
    pub fn effective(&self) -> &Instruction<'a> {
        match &self.args {
            Args::Onbuild(inner) => inner,
            _ => self,
        }
    }
}
