//! Compile diagnostics: turning oxc's span-based diagnostics into `path:line:col: message`
//! records with a Babel-style code frame, and the [`CompileError`] that carries them.

use std::fmt;
use std::path::PathBuf;

use oxc::diagnostics::{OxcDiagnostic, Severity};

/// Lines of context printed above and below the offending line in a code frame.
const FRAME_LINES_ABOVE: usize = 2;
const FRAME_LINES_BELOW: usize = 2;

/// One problem found in a source file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The human readable message, e.g. `Unexpected token`.
    pub message: String,
    /// Extra advice oxc attaches to some diagnostics.
    pub help: Option<String>,
    /// 1-based line of the primary location; 0 when oxc gave no location.
    pub line: u32,
    /// 1-based column (in Unicode scalar values) of the primary location; 0 when unknown.
    pub column: u32,
    /// A few source lines around the location with a `>` marker and carets under the
    /// offending text; empty when the location is unknown.
    pub code_frame: String,
}

/// A file that could not be compiled; `Display` prints every diagnostic with its frame.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct CompileError {
    /// The file the diagnostics belong to, as passed to `transform`.
    pub file: PathBuf,
    /// All errors found (parse, semantic and transform), in the order oxc reported them.
    pub diagnostics: Vec<Diagnostic>,
}

impl fmt::Display for CompileError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (index, diagnostic) in self.diagnostics.iter().enumerate() {
            if index > 0 {
                writeln!(formatter)?;
            }
            write!(
                formatter,
                "{}:{}:{}: {}",
                self.file.display(),
                diagnostic.line,
                diagnostic.column,
                diagnostic.message
            )?;
            if let Some(help) = &diagnostic.help {
                write!(formatter, "\n  help: {help}")?;
            }
            if !diagnostic.code_frame.is_empty() {
                write!(formatter, "\n{}", diagnostic.code_frame)?;
            }
        }
        Ok(())
    }
}

/// Whether an oxc diagnostic should fail the compile (warnings and advice do not).
pub(crate) fn is_error(diagnostic: &OxcDiagnostic) -> bool {
    matches!(diagnostic.severity, Severity::Error)
}

/// Converts oxc diagnostics to [`Diagnostic`]s, resolving spans against `source`.
pub(crate) fn convert_all(source: &str, diagnostics: &[OxcDiagnostic]) -> Vec<Diagnostic> {
    if diagnostics.is_empty() {
        return Vec::new();
    }
    let lines = LineIndex::new(source);
    diagnostics
        .iter()
        .map(|diagnostic| convert(source, &lines, diagnostic))
        .collect()
}

fn convert(source: &str, lines: &LineIndex, diagnostic: &OxcDiagnostic) -> Diagnostic {
    // Without a primary label the last one is the offending spot: oxc lists earlier context
    // first (e.g. "`a` has already been declared here", then "can not be redeclared here").
    let label = diagnostic
        .labels
        .iter()
        .find(|label| label.primary())
        .or_else(|| diagnostic.labels.last());
    let help = diagnostic.help.as_ref().map(|help| help.to_string());
    let message = diagnostic.message.to_string();
    let Some(label) = label else {
        return Diagnostic {
            message,
            help,
            line: 0,
            column: 0,
            code_frame: String::new(),
        };
    };
    let start = clamp_to_char_boundary(source, label.offset() as usize);
    let end = clamp_to_char_boundary(source, start + label.len() as usize);
    let (line_index, column) = lines.position(source, start);
    let code_frame = code_frame(source, lines, line_index, start, end, label.label());
    Diagnostic {
        message,
        help,
        line: saturating_u32(line_index + 1),
        column: saturating_u32(column + 1),
        code_frame,
    }
}

fn saturating_u32(value: usize) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}

/// Moves `offset` back onto a UTF-8 boundary inside `source` so slicing cannot panic even
/// if a span is out of range.
fn clamp_to_char_boundary(source: &str, offset: usize) -> usize {
    let mut offset = offset.min(source.len());
    while !source.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// Byte offsets where each line starts; lines end at `\n`, `\r\n` or `\r`.
struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    fn new(source: &str) -> Self {
        let bytes = source.as_bytes();
        let mut starts = vec![0];
        let mut index = 0;
        while index < bytes.len() {
            match bytes[index] {
                b'\n' => starts.push(index + 1),
                b'\r' if bytes.get(index + 1) != Some(&b'\n') => starts.push(index + 1),
                _ => {}
            }
            index += 1;
        }
        Self { starts }
    }

    /// 0-based line and character column of byte `offset`.
    fn position(&self, source: &str, offset: usize) -> (usize, usize) {
        let line = self
            .starts
            .partition_point(|&start| start <= offset)
            .saturating_sub(1);
        let column = source[self.starts[line]..offset].chars().count();
        (line, column)
    }

    /// The last line worth printing: the empty "line" after a trailing newline is not.
    fn last_visible_line(&self, source: &str) -> usize {
        let last = self.starts.len() - 1;
        if last > 0 && self.starts[last] == source.len() {
            last - 1
        } else {
            last
        }
    }

    /// The text of 0-based `line` without its line terminator.
    fn line_text<'s>(&self, source: &'s str, line: usize) -> &'s str {
        let start = self.starts[line];
        let end = self.starts.get(line + 1).copied().unwrap_or(source.len());
        source[start..end].trim_end_matches(['\n', '\r'])
    }
}

/// Babel-style frame:
/// ```text
///   1 | const a = 1;
/// > 2 | let b = ;
///     |         ^ label
///   3 | foo();
/// ```
fn code_frame(
    source: &str,
    lines: &LineIndex,
    error_line: usize,
    start: usize,
    end: usize,
    label: Option<&str>,
) -> String {
    let first = error_line.saturating_sub(FRAME_LINES_ABOVE);
    let last =
        (error_line + FRAME_LINES_BELOW).min(lines.last_visible_line(source).max(error_line));
    let gutter_width = (last + 1).to_string().len();
    let error_line_start = lines.starts[error_line];
    let error_line_text = lines.line_text(source, error_line);
    let mut frame = String::new();
    for line in first..=last {
        let marker = if line == error_line { '>' } else { ' ' };
        let text = lines.line_text(source, line);
        let separator = if text.is_empty() { " |" } else { " | " };
        frame.push_str(&format!(
            "{marker} {:>gutter_width$}{separator}{text}\n",
            line + 1
        ));
        if line == error_line {
            frame.push_str(&caret_line(
                error_line_text,
                start - error_line_start,
                end.saturating_sub(error_line_start),
                gutter_width,
                label,
            ));
            frame.push('\n');
        }
    }
    frame.truncate(frame.trim_end().len());
    frame
}

/// The `    |     ^^^` line: keeps tabs of the source line so the carets line up.
fn caret_line(
    line_text: &str,
    start_in_line: usize,
    end_in_line: usize,
    gutter_width: usize,
    label: Option<&str>,
) -> String {
    let start_in_line = clamp_to_char_boundary(line_text, start_in_line);
    let end_in_line = clamp_to_char_boundary(line_text, end_in_line.max(start_in_line));
    let padding: String = line_text[..start_in_line]
        .chars()
        .map(|character| if character == '\t' { '\t' } else { ' ' })
        .collect();
    let caret_count = line_text[start_in_line..end_in_line].chars().count().max(1);
    let mut caret = format!(
        "  {:>gutter_width$} | {padding}{}",
        "",
        "^".repeat(caret_count)
    );
    if let Some(label) = label.filter(|label| !label.is_empty()) {
        caret.push(' ');
        caret.push_str(label);
    }
    caret
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxc::diagnostics::LabeledSpan;

    fn error_at(message: &'static str, offset: u32, length: u32) -> OxcDiagnostic {
        OxcDiagnostic::error(message).with_label(LabeledSpan::new(None, offset, length))
    }

    #[test]
    fn position_is_one_based_and_counts_characters() {
        let source = "const a = 1;\nlet é = ;\n";
        // `;` after `= ` on line 2: byte offset accounts for the two-byte `é`.
        let offset = source
            .find("= ;")
            .map(|index| index + 2)
            .unwrap_or_default();
        let diagnostics = convert_all(source, &[error_at("Unexpected token", offset as u32, 1)]);
        assert_eq!(diagnostics.len(), 1);
        assert_eq!(diagnostics[0].line, 2);
        assert_eq!(diagnostics[0].column, 9);
        assert!(diagnostics[0].code_frame.contains("> 2 | let é = ;"));
        assert!(diagnostics[0].code_frame.contains("|         ^"));
    }

    #[test]
    fn frame_shows_context_lines_and_span_width() {
        let source = "a\nb\nc\nbad thing\nd\ne\nf\n";
        let offset = source.find("thing").unwrap_or_default() as u32;
        let diagnostics = convert_all(source, &[error_at("boom", offset, 5)]);
        let frame = &diagnostics[0].code_frame;
        assert!(frame.contains("  2 | b"), "{frame}");
        assert!(frame.contains("> 4 | bad thing"), "{frame}");
        assert!(frame.contains("    |     ^^^^^"), "{frame}");
        assert!(frame.contains("  6 | e"), "{frame}");
        assert!(!frame.contains("| a"), "{frame}");
        assert!(!frame.contains("| f"), "{frame}");
    }

    #[test]
    fn out_of_range_span_does_not_panic() {
        let diagnostics = convert_all("x", &[error_at("late", 50, 10)]);
        assert_eq!(diagnostics[0].line, 1);
        assert_eq!(diagnostics[0].column, 2);
    }

    #[test]
    fn display_lists_every_diagnostic() {
        let error = CompileError {
            file: PathBuf::from("pages/api/x.ts"),
            diagnostics: vec![
                Diagnostic {
                    message: "first".into(),
                    help: None,
                    line: 1,
                    column: 2,
                    code_frame: "> 1 | x".into(),
                },
                Diagnostic {
                    message: "second".into(),
                    help: Some("try this".into()),
                    line: 3,
                    column: 4,
                    code_frame: String::new(),
                },
            ],
        };
        let printed = error.to_string();
        assert!(
            printed.contains("pages/api/x.ts:1:2: first\n> 1 | x"),
            "{printed}"
        );
        assert!(
            printed.contains("pages/api/x.ts:3:4: second\n  help: try this"),
            "{printed}"
        );
    }
}
