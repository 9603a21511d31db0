//! One path segment of a route (`users`, `[id]`, `[...slug]`, `[[...parts]]`),
//! parsed with the checks of Next's `sorted-routes.ts`, plus the
//! `decodeURIComponent` used to turn matched request segments into params.

use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS};

use crate::error::ConflictKind;

/// A parsed route segment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Segment {
    /// Literal text, compared with the still-encoded request segment.
    Static(String),
    /// `[name]`: exactly one non-empty segment.
    Dynamic(String),
    /// `[...name]`: one or more segments; must be last.
    CatchAll(String),
    /// `[[...name]]`: zero or more segments; must be last.
    OptionalCatchAll(String),
}

impl Segment {
    /// The parameter name, for dynamic segments.
    pub(crate) fn param_name(&self) -> Option<&str> {
        match self {
            Segment::Static(_) => None,
            Segment::Dynamic(name) | Segment::CatchAll(name) | Segment::OptionalCatchAll(name) => {
                Some(name)
            }
        }
    }

    pub(crate) fn is_catch_all(&self) -> bool {
        matches!(self, Segment::CatchAll(_) | Segment::OptionalCatchAll(_))
    }
}

/// Parses one file-system segment the way `UrlNode._insert` does.
pub(crate) fn parse_segment(raw: &str) -> Result<Segment, ConflictKind> {
    let Some(inner) = raw.strip_prefix('[').and_then(|s| s.strip_suffix(']')) else {
        return Ok(Segment::Static(raw.to_owned()));
    };
    let mut name = inner;
    let mut optional = false;
    if let Some(stripped) = name.strip_prefix('[').and_then(|s| s.strip_suffix(']')) {
        name = stripped;
        optional = true;
    }
    let mut catch_all = false;
    if let Some(stripped) = name.strip_prefix("...") {
        name = stripped;
        catch_all = true;
    }
    if name.starts_with('[') || name.ends_with(']') {
        return Err(ConflictKind::ExtraBrackets {
            name: name.to_owned(),
        });
    }
    if name.starts_with('.') {
        return Err(ConflictKind::ErroneousPeriod {
            name: name.to_owned(),
        });
    }
    match (catch_all, optional) {
        (true, true) => Ok(Segment::OptionalCatchAll(name.to_owned())),
        (true, false) => Ok(Segment::CatchAll(name.to_owned())),
        (false, true) => Err(ConflictKind::OptionalParameter {
            segment: raw.to_owned(),
        }),
        (false, false) => Ok(Segment::Dynamic(name.to_owned())),
    }
}

/// Checks a whole route path for the errors that Next raises while inserting
/// it, independent of other routes: catch-all not last, repeated names, names
/// differing only by non-word characters.
pub(crate) fn validate_route_segments(segments: &[Segment]) -> Result<(), ConflictKind> {
    let mut seen: Vec<&str> = Vec::new();
    for (index, segment) in segments.iter().enumerate() {
        if segment.is_catch_all() && index + 1 != segments.len() {
            return Err(ConflictKind::CatchAllNotLast);
        }
        let Some(name) = segment.param_name() else {
            continue;
        };
        for previous in &seen {
            if *previous == name {
                return Err(ConflictKind::RepeatedSlugName {
                    name: name.to_owned(),
                });
            }
            if word_chars(previous) == word_chars(name) {
                return Err(ConflictKind::SlugNamesDifferOnlyBySymbols {
                    first: (*previous).to_owned(),
                    second: name.to_owned(),
                });
            }
        }
        seen.push(name);
    }
    Ok(())
}

/// JavaScript's `s.replace(/\W/g, '')`: keeps ASCII letters, digits and `_`.
fn word_chars(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect()
}

/// Characters a client has to percent-encode in a path segment, so a static
/// file segment such as `a b` can still be reached as `a%20b`.
const SEGMENT_ENCODE_SET: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}')
    .add(b'%')
    .add(b'/');

/// The percent-encoded spelling of a static segment, when it differs from the
/// literal (non-ASCII or reserved characters in a file name).
pub(crate) fn encoded_alias(literal: &str) -> Option<String> {
    let encoded = utf8_percent_encode(literal, SEGMENT_ENCODE_SET).to_string();
    (encoded != literal).then_some(encoded)
}

/// JavaScript's `decodeURIComponent`: every `%XX` is decoded, the bytes must
/// form UTF-8, and a `%` not followed by two hex digits is an error.
pub(crate) fn decode_uri_component(input: &str) -> Option<String> {
    if !input.contains('%') {
        return Some(input.to_owned());
    }
    let bytes = input.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        if bytes[index] == b'%' {
            let high = bytes.get(index + 1).copied().and_then(hex_value)?;
            let low = bytes.get(index + 2).copied().and_then(hex_value)?;
            out.push(high * 16 + low);
            index += 3;
        } else {
            out.push(bytes[index]);
            index += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn hex_value(byte: u8) -> Option<u8> {
    match byte {
        b'0'..=b'9' => Some(byte - b'0'),
        b'a'..=b'f' => Some(byte - b'a' + 10),
        b'A'..=b'F' => Some(byte - b'A' + 10),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_segment_kind() {
        assert_eq!(parse_segment("users"), Ok(Segment::Static("users".into())));
        assert_eq!(parse_segment("[id]"), Ok(Segment::Dynamic("id".into())));
        assert_eq!(
            parse_segment("[...slug]"),
            Ok(Segment::CatchAll("slug".into()))
        );
        assert_eq!(
            parse_segment("[[...parts]]"),
            Ok(Segment::OptionalCatchAll("parts".into()))
        );
    }

    #[test]
    fn rejects_what_next_rejects() {
        assert_eq!(
            parse_segment("[[id]]"),
            Err(ConflictKind::OptionalParameter {
                segment: "[[id]]".into()
            })
        );
        assert_eq!(
            parse_segment("[.x]"),
            Err(ConflictKind::ErroneousPeriod { name: ".x".into() })
        );
        assert_eq!(
            parse_segment("[[x]"),
            Err(ConflictKind::ExtraBrackets { name: "[x".into() })
        );
        assert_eq!(
            parse_segment("[[[...x]]]"),
            Err(ConflictKind::ExtraBrackets {
                name: "[...x]".into()
            })
        );
    }

    #[test]
    fn validates_whole_paths() {
        let parse = |parts: &[&str]| -> Vec<Segment> {
            parts.iter().filter_map(|p| parse_segment(p).ok()).collect()
        };
        assert_eq!(
            validate_route_segments(&parse(&["[...a]", "x"])),
            Err(ConflictKind::CatchAllNotLast)
        );
        assert_eq!(
            validate_route_segments(&parse(&["[id]", "[id]"])),
            Err(ConflictKind::RepeatedSlugName { name: "id".into() })
        );
        assert_eq!(
            validate_route_segments(&parse(&["[a-b]", "[ab]"])),
            Err(ConflictKind::SlugNamesDifferOnlyBySymbols {
                first: "a-b".into(),
                second: "ab".into()
            })
        );
        assert_eq!(
            validate_route_segments(&parse(&["[a]", "b", "[...c]"])),
            Ok(())
        );
    }

    #[test]
    fn decodes_like_decode_uri_component() {
        assert_eq!(decode_uri_component("a%20b").as_deref(), Some("a b"));
        assert_eq!(decode_uri_component("c%2Fd").as_deref(), Some("c/d"));
        assert_eq!(decode_uri_component("%C3%A9").as_deref(), Some("é"));
        assert_eq!(decode_uri_component("a+b").as_deref(), Some("a+b"));
        assert_eq!(decode_uri_component("%zz"), None);
        assert_eq!(decode_uri_component("%4"), None);
        assert_eq!(decode_uri_component("%C3"), None);
        assert_eq!(decode_uri_component("%ED%A0%80"), None);
    }

    #[test]
    fn static_alias_only_when_encoding_changes_the_text() {
        assert_eq!(encoded_alias("hello"), None);
        assert_eq!(encoded_alias("a b").as_deref(), Some("a%20b"));
        assert_eq!(encoded_alias("é").as_deref(), Some("%C3%A9"));
    }
}
