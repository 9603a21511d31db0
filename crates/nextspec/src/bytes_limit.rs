//! Body size limits in the `bytes` package's syntax (`'1mb'`, `'100b'`, `20`), parsed
//! as Next 16's bundled copy does, and the limit check raw-body applies with them.

/// Byte multipliers of the units the `bytes` regex accepts. `b` is not among them:
/// `"100b"` falls back to `parseInt`, which gives the same number.
const UNITS: [(&str, f64); 5] = [
    ("kb", 1024.0),
    ("mb", 1_048_576.0),
    ("gb", 1_073_741_824.0),
    ("tb", 1_099_511_627_776.0),
    ("pb", 1_125_899_906_842_624.0),
];

/// `bytes.parse(limit)` for a string: `<number> *<unit>` with a unit of kb, mb, gb, tb
/// or pb (any case) gives `floor(number * unit)`; anything else is read with JS
/// `parseInt(limit, 10)` as bytes (`"100b"` → 100, `"1.5"` → 1, `" 1mb"` → 1).
///
/// `None` stands for JS `NaN` (`"abc"`, `""`, `".5mb"`), with which raw-body enforces
/// no limit at all. Negative limits are possible (`"-1mb"`) and reject every body.
/// Values beyond `i64` saturate.
pub fn parse(limit: &str) -> Option<i64> {
    if let Some(bytes) = parse_with_unit(limit) {
        return Some(bytes);
    }
    js_parse_int(limit)
}

/// `bytes.parse(limit)` for a number (a `sizeLimit: 20` config): the number itself.
/// Fractions are floored, which gives the same accept/reject decisions for whole
/// byte counts; `NaN` and infinities mean no limit (`None`).
pub fn from_number(limit: f64) -> Option<i64> {
    if limit.is_finite() {
        // `as` saturates for values beyond i64, which is what a limit should do.
        Some(limit.floor() as i64)
    } else {
        None
    }
}

/// raw-body's check: whether `received` bytes (or a declared Content-Length) is over
/// the limit. With no limit (`None`, JS `NaN`) nothing is ever over it.
pub fn exceeds(limit: Option<i64>, received: u64) -> bool {
    match limit {
        Some(limit) => i128::from(received) > i128::from(limit),
        None => false,
    }
}

/// The `^((-|\+)?(\d+(?:\.\d+)?)) *(kb|mb|gb|tb|pb)$`i branch of `bytes.parse`.
fn parse_with_unit(limit: &str) -> Option<i64> {
    let lower = limit.to_ascii_lowercase();
    let (multiplier, number) = UNITS.iter().find_map(|(unit, multiplier)| {
        lower
            .strip_suffix(unit)
            .map(|number| (*multiplier, number.trim_end_matches(' ')))
    })?;
    let unsigned = number.strip_prefix(['-', '+']).unwrap_or(number);
    let (whole, fraction) = match unsigned.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (unsigned, None),
    };
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !all_digits(whole) || fraction.is_some_and(|f| !all_digits(f)) {
        return None;
    }
    let value: f64 = number.parse().ok()?;
    Some((value * multiplier).floor() as i64)
}

/// JS `parseInt(s, 10)`: leading JS whitespace, an optional sign, then as many
/// decimal digits as there are; `None` (NaN) without any digit.
fn js_parse_int(s: &str) -> Option<i64> {
    let trimmed = s.trim_start_matches(crate::js::is_js_whitespace);
    let (negative, digits) = match trimmed.as_bytes().first() {
        Some(b'-') => (true, &trimmed[1..]),
        Some(b'+') => (false, &trimmed[1..]),
        _ => (false, trimmed),
    };
    let digit_count = digits.bytes().take_while(u8::is_ascii_digit).count();
    if digit_count == 0 {
        return None;
    }
    // Saturate instead of failing on huge numbers: JS would give a huge double.
    let magnitude = digits[..digit_count].parse::<i64>().unwrap_or(i64::MAX);
    Some(if negative { -magnitude } else { magnitude })
}

#[cfg(test)]
mod tests {
    use super::*;

    // Expected values from Next's compiled `bytes` under Node 20.
    #[test]
    fn parses_like_bytes() {
        let cases: [(&str, Option<i64>); 26] = [
            ("1mb", Some(1_048_576)),
            ("100b", Some(100)),
            ("500kb", Some(512_000)),
            ("2.5mb", Some(2_621_440)),
            ("1gb", Some(1_073_741_824)),
            ("20", Some(20)),
            ("1MB", Some(1_048_576)),
            (" 1mb", Some(1)),
            ("1 mb", Some(1_048_576)),
            ("1.5b", Some(1)),
            ("abc", None),
            ("-1mb", Some(-1_048_576)),
            ("+1kb", Some(1024)),
            ("1.0000001kb", Some(1024)),
            ("0.5kb", Some(512)),
            ("1tb", Some(1_099_511_627_776)),
            ("1pb", Some(1_125_899_906_842_624)),
            ("1e3", Some(1)),
            ("12abc", Some(12)),
            ("", None),
            ("1.5", Some(1)),
            ("0x10", Some(0)),
            ("1.mb", Some(1)),
            (".5mb", None),
            ("1kb ", Some(1)),
            ("  20", Some(20)),
        ];
        for (input, expected) in cases {
            assert_eq!(parse(input), expected, "input {input:?}");
        }
    }

    #[test]
    fn limit_check_matches_corpus() {
        // body-default-limit-413: exactly 1 MiB passes, one more byte does not.
        let default = parse("1mb");
        assert!(!exceeds(default, 1_048_576));
        assert!(exceeds(default, 1_048_577));
        // body-custom-limit-ok / body-custom-limit-413 with sizeLimit '100b'.
        assert!(!exceeds(parse("100b"), 100));
        assert!(exceeds(parse("100b"), 101));
        assert!(!exceeds(None, u64::MAX));
        assert!(exceeds(parse("-1mb"), 0));
    }

    #[test]
    fn numbers() {
        assert_eq!(from_number(20.0), Some(20));
        assert_eq!(from_number(20.7), Some(20));
        assert_eq!(from_number(f64::NAN), None);
        assert_eq!(from_number(f64::INFINITY), None);
    }
}
