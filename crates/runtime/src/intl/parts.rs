//! A `writeable::PartsWrite` sink that collects ICU4X's annotated output as the
//! `{ type, value }` parts of `formatToParts`: the outermost part names each piece, text
//! outside every part is a `literal`.

use std::fmt;
use writeable::{Part, PartsWrite, Writeable};

#[derive(Default)]
pub struct Parts {
    pub parts: Vec<(String, String)>,
    depth: usize,
    /// Split a part where another one is nested in it (the `group` separators inside
    /// ICU4X's `integer`), instead of naming everything after the outermost.
    split_nested: bool,
    /// The names of the parts open at each depth (with `split_nested`).
    open: Vec<String>,
    /// Whether the last entry is a literal written outside every part (so the next piece
    /// of literal text joins it).
    open_literal: bool,
}

impl fmt::Write for Parts {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        if self.depth > 0 || self.open_literal {
            if let Some(last) = self.parts.last_mut() {
                last.1.push_str(s);
            }
        } else if !s.is_empty() {
            self.parts.push(("literal".into(), s.into()));
            self.open_literal = true;
        }
        Ok(())
    }
}

impl PartsWrite for Parts {
    type SubPartsWrite = Self;

    fn with_part(
        &mut self,
        part: Part,
        mut f: impl FnMut(&mut Self::SubPartsWrite) -> fmt::Result,
    ) -> fmt::Result {
        if self.depth == 0 || self.split_nested {
            self.parts.push((part.value.into(), String::new()));
            self.open_literal = false;
        }
        self.depth += 1;
        self.open.push(part.value.into());
        let result = f(self);
        self.open.pop();
        self.depth -= 1;
        if self.split_nested && self.depth > 0 {
            // Back in the enclosing part: what follows is its text again.
            let outer = self.open.last().cloned().unwrap_or_default();
            self.parts.push((outer, String::new()));
        }
        result
    }
}

/// The parts of a formatted value.
pub fn collect(value: &impl Writeable) -> Vec<(String, String)> {
    let mut sink = Parts::default();
    let _ = value.write_to_parts(&mut sink);
    sink.parts.retain(|(_, v)| !v.is_empty());
    sink.parts
}

/// The parts of a formatted value, nested parts split out of the part around them
/// (`1,234` is `integer` `1`, `group` `,`, `integer` `234`, as ECMA-402 lists them).
pub fn collect_split(value: &impl Writeable) -> Vec<(String, String)> {
    let mut sink = Parts {
        split_nested: true,
        ..Parts::default()
    };
    let _ = value.write_to_parts(&mut sink);
    sink.parts.retain(|(_, v)| !v.is_empty());
    sink.parts
}

/// Flattens parts into `[type, value, type, value, ...]` for the script.
pub fn flat(parts: Vec<(String, String)>) -> Vec<String> {
    parts.into_iter().flat_map(|(t, v)| [t, v]).collect()
}
