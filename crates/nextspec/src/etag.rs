//! Next's strong ETag (packages/next/src/server/lib/etag.ts): a 52-bit FNV-1a hash
//! and the length, both over UTF-16 code units, each printed in base 36.
//!
//! The JS original works on 16-bit limbs so that every intermediate value stays
//! inside a double's exact-integer range; the same limb arithmetic is reproduced
//! here on `u64` so the result matches bit for bit.

/// Next's `fnv1a52` over UTF-16 code units (JS `charCodeAt`).
pub fn fnv1a52_utf16(units: &[u16]) -> u64 {
    fnv1a52(units.iter().copied())
}

/// The hash itself. The JS original multiplies 16-bit limbs by 435 and adds the `<< 8`
/// terms so every intermediate stays an exact double: that is 64-bit FNV-1a (prime
/// 2^40 + 435) computed modulo 2^64, which one wrapping multiply per unit does here.
/// The result keeps the low 52 bits, with the low limb folded with the top limb's high
/// 12 bits, as `(v3 & 15) * 2^48 + v2 * 2^32 + v1 * 2^16 + (v0 ^ (v3 >> 4))` does.
fn fnv1a52(units: impl Iterator<Item = u16>) -> u64 {
    const OFFSET_BASIS: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = (1 << 40) + 435;
    let mut hash = OFFSET_BASIS;
    for unit in units {
        hash ^= u64::from(unit);
        hash = hash.wrapping_mul(PRIME);
    }
    let top_limb = hash >> 48;
    (hash & 0x000f_ffff_ffff_ffff) ^ (top_limb >> 4)
}

/// Formats `value` in base 36 with lowercase digits, like JS `Number#toString(36)`
/// for non-negative integers.
pub fn to_base36(mut value: u64) -> String {
    const DIGITS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    if value == 0 {
        return "0".to_owned();
    }
    let mut reversed = Vec::new();
    while value > 0 {
        // `value % 36` is below 36, so the index is always in range.
        reversed.push(DIGITS[(value % 36) as usize]);
        value /= 36;
    }
    reversed
        .iter()
        .rev()
        .map(|&digit| char::from(digit))
        .collect()
}

/// Next's `generateETag(payload)` for a payload given as UTF-16 code units:
/// `"` + base36(fnv1a52) + base36(length) + `"` (strong, quotes included).
pub fn strong_etag_utf16(units: &[u16]) -> String {
    format!(
        "\"{}{}\"",
        to_base36(fnv1a52_utf16(units)),
        to_base36(units.len() as u64)
    )
}

/// Next's `generateETag(payload)` for a Rust string; it is hashed as the JS string
/// with the same characters (UTF-16 code units, so non-BMP characters count twice).
pub fn strong_etag(payload: &str) -> String {
    // ASCII text (most JSON) has one UTF-16 unit per byte: hash the bytes directly.
    let (hash, length) = if payload.is_ascii() {
        (fnv1a52(payload.bytes().map(u16::from)), payload.len())
    } else {
        (
            fnv1a52(payload.encode_utf16()),
            payload.encode_utf16().count(),
        )
    };
    format!("\"{}{}\"", to_base36(hash), to_base36(length as u64))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Next's limb arithmetic, transcribed: the reference the fast hash must equal.
    fn fnv1a52_limbs(units: &[u16]) -> u64 {
        let (mut v0, mut v1, mut v2, mut v3): (u64, u64, u64, u64) =
            (0x2325, 0x8422, 0x9ce4, 0xcbf2);
        for &unit in units {
            v0 ^= u64::from(unit);
            let t0 = v0 * 435;
            let mut t1 = v1 * 435;
            let mut t2 = v2 * 435;
            let mut t3 = v3 * 435;
            t2 += v0 << 8;
            t3 += v1 << 8;
            t1 += t0 >> 16;
            v0 = t0 & 0xffff;
            t2 += t1 >> 16;
            v1 = t1 & 0xffff;
            v3 = (t3 + (t2 >> 16)) & 0xffff;
            v2 = t2 & 0xffff;
        }
        (v3 & 15) * (1 << 48) + v2 * (1 << 32) + v1 * (1 << 16) + (v0 ^ (v3 >> 4))
    }

    #[test]
    fn wrapping_multiply_equals_the_limb_arithmetic() {
        let mut seed: u32 = 12345;
        for length in 0..300 {
            let units: Vec<u16> = (0..length)
                .map(|_| {
                    seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12345);
                    (seed >> 8) as u16
                })
                .collect();
            assert_eq!(
                fnv1a52_utf16(&units),
                fnv1a52_limbs(&units),
                "length {length}"
            );
        }
        for text in [
            "",
            "a",
            "{\"hello\":\"world\"}",
            "héllo wörld",
            "emoji 😀 here",
        ] {
            let units: Vec<u16> = text.encode_utf16().collect();
            assert_eq!(strong_etag(text), strong_etag_utf16(&units), "{text}");
            assert_eq!(fnv1a52_utf16(&units), fnv1a52_limbs(&units), "{text}");
        }
    }

    #[test]
    fn spec_examples() {
        assert_eq!(strong_etag(r#"{"hello":"world"}"#), "\"kxl31zjxesh\"");
        assert_eq!(strong_etag("hello from send"), "\"uomkzxe67f\"");
    }

    #[test]
    fn corpus_bodies() {
        // Bodies and ETags recorded from `next start` (expected-next16.json).
        let recorded = [
            (r#"{"route":"/api","query":{}}"#, "\"79jklnmdxur\""),
            (r#"{"a":1,"b":[true,null]}"#, "\"zvtkrgyk5bn\""),
            (r#"[1,"two"]"#, "\"o9q6cxxfki9\""),
            ("42", "\"145yod55ra52\""),
            ("false", "\"u64e2dhd7r5\""),
            ("<h1>hi</h1>", "\"178mu364r34b\""),
            ("created", "\"1m3x7ngbtt7\""),
            (r#"{"received":100}"#, "\"a1bmgkqmofg\""),
            (
                r#"{"cookies":{"a":"1","b":"hello world","c":"quoted"},"count":3}"#,
                "\"fycmofxesu1q\"",
            ),
            (
                r#"{"method":"GET","url":"/api/echo?s=a+b+c&u=%C3%A9&amp=%26","query":{"s":"a b c","u":"é","amp":"&"},"bodyType":"string","body":"","contentType":null,"cookies":{}}"#,
                "\"tmhv11n0bt4h\"",
            ),
        ];
        for (body, etag) in recorded {
            assert_eq!(strong_etag(body), etag, "body {body}");
        }
    }

    #[test]
    fn buffer_etag_is_over_its_json_form() {
        // send-buffer: Buffer.from('binary-ish data') hashed as JSON.stringify(buffer).
        let bytes = b"binary-ish data";
        let data: Vec<String> = bytes.iter().map(|b| b.to_string()).collect();
        let json = format!(r#"{{"type":"Buffer","data":[{}]}}"#, data.join(","));
        assert_eq!(strong_etag(&json), "\"z547lg02sk28\"");
    }

    #[test]
    fn hashes_utf16_units_not_bytes() {
        // Values computed with Next's etag.js under Node 20.
        assert_eq!(strong_etag(""), "\"78p3gz236i0\"");
        assert_eq!(strong_etag("é"), "\"c66t4pa6oi1\"");
        assert_eq!(strong_etag("😀"), "\"c26v2dkjuu2\"");
        assert_eq!(strong_etag("é"), strong_etag_utf16(&[0xe9]));
        assert_eq!(strong_etag("😀"), strong_etag_utf16(&[0xd83d, 0xde00]));
        assert!(strong_etag("😀").ends_with("2\""));
    }

    #[test]
    fn base36() {
        assert_eq!(to_base36(0), "0");
        assert_eq!(to_base36(35), "z");
        assert_eq!(to_base36(36), "10");
        assert_eq!(to_base36((1 << 52) - 1), "18ce53un18f");
    }
}
