//! Original source positions for the code [`crate::transform`] emits: a stack frame's
//! line and column in the regenerated JavaScript (TypeScript with its types stripped,
//! JSX turned into calls) mapped back to the file the user wrote, through the source map
//! of the same transform.

use std::path::Path;

use crate::{transform_with_options, TransformOptions};

/// The source map's tokens by generated line: `(generated column, source line, source
/// column)`, all 0-based, sorted by generated column.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PositionMap {
    lines: Vec<Vec<(u32, u32, u32)>>,
}

impl PositionMap {
    /// Reads a JSON source map (the first source is the file itself).
    pub fn from_source_map(json: &str) -> Option<Self> {
        let map = oxc_sourcemap::SourceMap::from_json_string(json).ok()?;
        let mut lines: Vec<Vec<(u32, u32, u32)>> = Vec::new();
        for token in map.get_tokens() {
            if token.get_source_id().is_none() {
                continue;
            }
            let line = token.get_dst_line() as usize;
            if lines.len() <= line {
                lines.resize_with(line + 1, Vec::new);
            }
            lines[line].push((
                token.get_dst_col(),
                token.get_src_line(),
                token.get_src_col(),
            ));
        }
        for line in &mut lines {
            line.sort_unstable();
        }
        Some(Self { lines })
    }

    /// The source position (1-based line and column, as stack traces print them) of a
    /// generated one: the nearest mapped token at or before the column on that line, or
    /// the line's first token when the column comes before all of them.
    pub fn original(&self, line: u32, column: u32) -> Option<(u32, u32)> {
        let tokens = self.lines.get(line.checked_sub(1)? as usize)?;
        let column = column.saturating_sub(1);
        let index = tokens.partition_point(|&(generated, _, _)| generated <= column);
        let &(_, source_line, source_column) = tokens.get(index.saturating_sub(1))?;
        Some((source_line + 1, source_column + 1))
    }
}

/// The position map of a file whose emitted code differs from its source (TypeScript,
/// JSX); `None` when the code runs as written (positions are already right) or the file
/// does not compile.
pub fn position_map(path: &Path, source: &str) -> Option<PositionMap> {
    let transformed =
        transform_with_options(path, source, &TransformOptions { source_map: true }).ok()?;
    PositionMap::from_source_map(transformed.source_map.as_deref()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typescript_positions_map_back_over_stripped_types() {
        let source = "interface A { x: number }\ntype B = string;\n\nfunction f(a: A): number {\n  const y: B = 'q';\n  if (a.x > 0) {\n    throw new Error('boom ' + y);\n  }\n  return 1;\n}\nf({ x: 1 });\n";
        let transformed = crate::transform(Path::new("t.ts"), source).expect("compiles");
        let map = position_map(Path::new("t.ts"), source).expect("a TypeScript file has a map");
        let (line_index, line_text) = transformed
            .code
            .lines()
            .enumerate()
            .find(|(_, text)| text.contains("throw"))
            .expect("the throw is emitted");
        let column = line_text.find("throw").unwrap() as u32 + 1;
        assert_eq!(map.original(line_index as u32 + 1, column), Some((7, 5)));
        let call = transformed
            .code
            .lines()
            .position(|text| text.starts_with("f("))
            .expect("the call is emitted");
        assert_eq!(map.original(call as u32 + 1, 1), Some((11, 1)));
    }

    #[test]
    fn javascript_runs_as_written_and_needs_no_map() {
        assert_eq!(
            position_map(Path::new("a.js"), "export const a = 1;\n"),
            None
        );
    }
}
