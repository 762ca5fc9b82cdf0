//! GitHub Actions workflow commands: one annotation per finding,
//! `::warning file=F,line=L,col=C,endLine=L,endColumn=C,title=RULE::message`
//! (`error`, `warning`, or `notice` for info and style). GitHub shows them
//! on the pull request's changed lines and in the run's summary.
//!
//! Escaping is GitHub's (`@actions/core`'s `escapeData` and
//! `escapeProperty`): in the message `%`, `\r` and `\n` become `%25`,
//! `%0D`, `%0A`; in a property value `:` and `,` also become `%3A`, `%2C`.
//! So no message or file name can end a command early or start another.
//! GitHub uses the columns only when the annotation is on one line, so a
//! finding over several lines has `line` and `endLine` only.

use super::ci::{relative_path, CheckedFile};
use super::Located;
use crate::diagnostics::Severity;
use std::io::{self, Write};

/// The workflow command's name for a severity.
pub fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Style => "notice",
    }
}

/// A command's message (its data).
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// A command's property value.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// The workflow command of one finding, without its line break.
pub fn command(f: &Located) -> String {
    let r = f.range;
    let mut props = format!("file={},line={}", escape_property(relative_path(&f.file)), r.line);
    if r.line == r.end_line {
        props.push_str(&format!(
            ",col={},endLine={},endColumn={}",
            r.column, r.end_line, r.end_column
        ));
    } else {
        props.push_str(&format!(",endLine={}", r.end_line));
    }
    props.push_str(&format!(",title={}", escape_property(f.rule.id)));
    format!(
        "::{} {}::{}",
        level(f.severity),
        props,
        escape_data(&format!("{} ({})", f.message, f.rule.name))
    )
}

/// Every finding of `files`, one command a line.
pub fn write(out: &mut impl Write, files: &[CheckedFile]) -> io::Result<()> {
    for f in files.iter().flat_map(|f| &f.findings) {
        writeln!(out, "{}", command(f))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::ci::tests::{checked, latest};

    fn out(files: &[CheckedFile]) -> String {
        let mut v = Vec::new();
        write(&mut v, files).unwrap();
        String::from_utf8(v).unwrap()
    }

    #[test]
    fn an_annotation_per_finding_with_its_place_and_level() {
        let f = checked("./Dockerfile", "FROM python:latest\nRUN apt-get update\n");
        let x = f.findings.iter().find(|x| x.rule.id == "DL3007").unwrap();
        let r = x.range;
        let text = out(std::slice::from_ref(&f));
        assert!(
            text.lines().any(|l| l
                == format!(
                    "::warning file=Dockerfile,line=1,col={},endLine=1,endColumn={},title=DL3007::{} (latest-tag)",
                    r.column, r.end_column, x.message
                )),
            "{text}"
        );
        assert_eq!(text.lines().count(), f.findings.len());
        assert!(text.lines().all(|l| l.starts_with("::")), "{text}");
        assert_eq!(level(Severity::Error), "error");
        assert_eq!(level(Severity::Warning), "warning");
        assert_eq!(level(Severity::Info), "notice");
        assert_eq!(level(Severity::Style), "notice");
    }

    #[test]
    fn messages_and_properties_cannot_break_out() {
        let mut f = latest("Dockerfile");
        let x = &mut f.findings[0];
        x.message = "100% sure\r\n::error file=x::forged, twice".into();
        x.file = "dir,a:b/%/Dockerfile".into();
        let line = command(x);
        assert_eq!(line.lines().count(), 1);
        assert!(
            line.starts_with("::warning file=dir%2Ca%3Ab/%25/Dockerfile,line=1,"),
            "{line}"
        );
        assert!(
            line.ends_with("::100%25 sure%0D%0A::error file=x::forged, twice (latest-tag)"),
            "{line}"
        );
        // the properties end at the first `::`: the forged text stays in the message
        let (head, _) = line[2..].split_once("::").unwrap();
        assert!(head.ends_with("title=DL3007"), "{head}");
    }

    #[test]
    fn a_finding_over_several_lines_has_no_columns() {
        let mut f = latest("Dockerfile");
        f.findings[0].range.end_line = 3;
        let line = command(&f.findings[0]);
        assert!(line.contains("line=1,endLine=3,title=DL3007::"), "{line}");
        assert!(!line.contains("col="));
    }

    #[test]
    fn no_findings_no_output() {
        assert_eq!(out(&[]), "");
        let clean = CheckedFile {
            name: "Dockerfile".into(),
            ..Default::default()
        };
        assert_eq!(out(&[clean]), "");
    }
}
