//! Checkstyle XML, which Jenkins (Warnings Next Generation), Azure
//! Pipelines plug-ins, reviewdog and many other CI tools read:
//!
//! ```xml
//! <?xml version="1.0" encoding="UTF-8"?>
//! <checkstyle version="4.3">
//!   <file name="Dockerfile">
//!     <error line="1" column="6" severity="warning" message="..." source="DL3007"/>
//!   </file>
//! </checkstyle>
//! ```
//!
//! Every checked file has its `<file>` element, with or without findings.
//! Severity is `error`, `warning` or `info` (info and style findings);
//! `source` is the rule's id. Attribute values are escaped for XML (`&`,
//! `<`, `>`, `"`, `'`, and tab, CR and LF as character references so they
//! survive attribute normalisation); the control characters XML 1.0 cannot
//! carry at all are written as `\x1b`-style text.

use super::ci::CheckedFile;
use super::Located;
use crate::diagnostics::Severity;
use std::io::{self, Write};

/// The checkstyle severity of a finding.
pub fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Style => "info",
    }
}

/// `s` as an XML attribute value (without the quotes).
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            // not allowed in XML 1.0, not even as a character reference
            '\u{0}'..='\u{1f}' => out.push_str(&format!("\\x{:02x}", u32::from(c))),
            '\u{fffe}' | '\u{ffff}' => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
            c => out.push(c),
        }
    }
    out
}

fn error(out: &mut impl Write, f: &Located) -> io::Result<()> {
    writeln!(
        out,
        "    <error line=\"{}\" column=\"{}\" severity=\"{}\" message=\"{}\" source=\"{}\"/>",
        f.range.line,
        f.range.column,
        severity(f.severity),
        escape(&f.message),
        escape(f.rule.id)
    )
}

/// The checkstyle document of `files`.
pub fn write(out: &mut impl Write, files: &[CheckedFile]) -> io::Result<()> {
    writeln!(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>")?;
    writeln!(out, "<checkstyle version=\"4.3\">")?;
    for file in files {
        if file.findings.is_empty() {
            writeln!(out, "  <file name=\"{}\"/>", escape(&file.name))?;
            continue;
        }
        writeln!(out, "  <file name=\"{}\">", escape(&file.name))?;
        for f in &file.findings {
            error(out, f)?;
        }
        writeln!(out, "  </file>")?;
    }
    writeln!(out, "</checkstyle>")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::ci::tests::latest;

    fn out(files: &[CheckedFile]) -> String {
        let mut v = Vec::new();
        write(&mut v, files).unwrap();
        String::from_utf8(v).unwrap()
    }

    #[test]
    fn a_file_element_per_file_and_an_error_per_finding() {
        let f = latest("Dockerfile");
        let x = f.findings.iter().find(|x| x.rule.id == "DL3007").unwrap();
        let want = format!(
            "    <error line=\"1\" column=\"{}\" severity=\"warning\" message=\"{}\" source=\"DL3007\"/>",
            x.range.column,
            escape(&x.message)
        );
        let clean = CheckedFile {
            name: "b/compose.yaml".into(),
            ..Default::default()
        };
        let text = out(&[f.clone(), clean]);
        assert!(text.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n"));
        assert!(text.lines().any(|l| l == want), "{text}");
        assert!(text.contains("  <file name=\"b/compose.yaml\"/>\n"), "{text}");
        assert!(text.ends_with("</checkstyle>\n"));
        assert_eq!(text.matches("<error ").count(), f.findings.len());
    }

    #[test]
    fn severities() {
        assert_eq!(severity(Severity::Error), "error");
        assert_eq!(severity(Severity::Warning), "warning");
        assert_eq!(severity(Severity::Info), "info");
        assert_eq!(severity(Severity::Style), "info");
    }

    #[test]
    fn values_are_escaped() {
        assert_eq!(
            escape("a<b>&\"c\" 'd'\n\te\u{1b}é\u{ffff}"),
            "a&lt;b&gt;&amp;&quot;c&quot; &apos;d&apos;&#10;&#9;e\\x1bé\\u{ffff}"
        );
        let mut f = latest("x&\"<y>.Dockerfile");
        f.findings[0].message = "</checkstyle><!-- & \"".into();
        let text = out(&[f]);
        assert!(
            text.contains("<file name=\"x&amp;&quot;&lt;y&gt;.Dockerfile\">"),
            "{text}"
        );
        assert!(
            text.contains("message=\"&lt;/checkstyle&gt;&lt;!-- &amp; &quot;\""),
            "{text}"
        );
        assert_eq!(text.matches("</checkstyle>").count(), 1);
    }

    #[test]
    fn an_empty_run() {
        assert_eq!(
            out(&[]),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n</checkstyle>\n"
        );
    }
}
