//! Request-body charsets as iconv-lite (bundled in Next's raw-body) names and decodes
//! them. Names and single-byte code pages come from iconv-lite itself (see
//! `charset_table.rs`); multi-byte Asian encodings are decoded with encoding_rs, whose
//! WHATWG tables differ from iconv-lite's only in rare code points.

use crate::charset_table::{CHARSETS, SINGLE_BYTE_TABLES};

/// A decoder iconv-lite knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Charset {
    /// UTF-8; invalid sequences become U+FFFD.
    Utf8,
    /// CESU-8 (UTF-8 with surrogates encoded one by one).
    Cesu8,
    /// UTF-16 little endian (`ucs2`, `utf16le`).
    Utf16Le,
    /// UTF-16 big endian.
    Utf16Be,
    /// `utf16`: byte order from a BOM, else guessed from where the zero bytes are.
    Utf16Detect,
    /// `binary`: each byte is the code point with that value.
    Latin1,
    /// `base64`: the text is the base64 encoding of the bytes.
    Base64,
    /// `hex`: the text is the lowercase hex encoding of the bytes.
    Hex,
    /// A single-byte code page; the index is into the generated table.
    SingleByte(usize),
    /// Shift_JIS family.
    ShiftJis,
    /// EUC-JP.
    EucJp,
    /// GBK / cp936 / GB2312.
    Gbk,
    /// GB18030.
    Gb18030,
    /// EUC-KR / cp949.
    EucKr,
    /// Big5 / Big5-HKSCS / cp950.
    Big5,
    /// UTF-7 (not implemented here).
    Utf7,
    /// UTF-7 IMAP variant (not implemented here).
    Utf7Imap,
}

/// Why bytes could not be decoded with a charset.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CharsetError {
    /// iconv-lite does not know this name (Next answers 400 "Invalid body").
    #[error("unsupported charset {0:?}")]
    Unsupported(String),
    /// iconv-lite knows this name but this crate has no decoder for it (UTF-7);
    /// Next would decode the body.
    #[error("charset {0:?} is not implemented")]
    Unimplemented(String),
}

/// iconv-lite's name normalisation: lowercase, drop a trailing `:NNNN`, keep only
/// `[0-9a-z]` (`"UTF-8"` → `"utf8"`, `"ISO_8859-1"` → `"iso88591"`).
pub fn canonical_name(label: &str) -> String {
    let lower = label.to_lowercase();
    let bytes = lower.as_bytes();
    let has_year_suffix = bytes.len() >= 5
        && bytes[bytes.len() - 5] == b':'
        && bytes[bytes.len() - 4..].iter().all(u8::is_ascii_digit);
    let stem = if has_year_suffix {
        &lower[..lower.len() - 5]
    } else {
        &lower[..]
    };
    stem.chars()
        .filter(|c| c.is_ascii_digit() || c.is_ascii_lowercase())
        .collect()
}

/// The charset iconv-lite uses for `label`, if it knows one.
pub fn lookup(label: &str) -> Option<Charset> {
    let name = canonical_name(label);
    CHARSETS
        .binary_search_by(|(candidate, _)| (*candidate).cmp(name.as_str()))
        .ok()
        .map(|index| CHARSETS[index].1)
}

/// Decodes `bytes` with the charset named `label` as raw-body does through
/// iconv-lite, including its BOM handling (a leading U+FEFF is dropped for the UTF
/// encodings). Lone UTF-16 surrogates, which JS strings can hold, become U+FFFD.
pub fn decode(label: &str, bytes: &[u8]) -> Result<String, CharsetError> {
    let charset = lookup(label).ok_or_else(|| CharsetError::Unsupported(label.to_owned()))?;
    decode_with(charset, bytes).ok_or_else(|| CharsetError::Unimplemented(label.to_owned()))
}

/// Decodes with a known charset; `None` when this crate has no decoder for it.
pub fn decode_with(charset: Charset, bytes: &[u8]) -> Option<String> {
    let text = match charset {
        Charset::Utf8 => strip_bom(String::from_utf8_lossy(bytes).into_owned()),
        Charset::Cesu8 => strip_bom(String::from_utf16_lossy(&decode_cesu8(bytes))),
        Charset::Utf16Le => strip_bom(decode_utf16(bytes, u16::from_le_bytes)),
        Charset::Utf16Be => strip_bom(decode_utf16(bytes, u16::from_be_bytes)),
        Charset::Utf16Detect => {
            let decoded = if utf16_looks_big_endian(bytes) {
                decode_utf16(bytes, u16::from_be_bytes)
            } else {
                decode_utf16(bytes, u16::from_le_bytes)
            };
            strip_bom(decoded)
        }
        Charset::Latin1 => bytes.iter().map(|&b| char::from(b)).collect(),
        Charset::Base64 => encode_base64(bytes),
        Charset::Hex => bytes.iter().map(|b| format!("{b:02x}")).collect(),
        Charset::SingleByte(table) => {
            let table = SINGLE_BYTE_TABLES.get(table)?;
            bytes
                .iter()
                .map(|&b| char::from_u32(u32::from(table[usize::from(b)])).unwrap_or('\u{fffd}'))
                .collect()
        }
        Charset::ShiftJis => decode_whatwg(encoding_rs::SHIFT_JIS, bytes),
        Charset::EucJp => decode_whatwg(encoding_rs::EUC_JP, bytes),
        Charset::Gbk => decode_whatwg(encoding_rs::GBK, bytes),
        Charset::Gb18030 => decode_whatwg(encoding_rs::GB18030, bytes),
        Charset::EucKr => decode_whatwg(encoding_rs::EUC_KR, bytes),
        Charset::Big5 => decode_whatwg(encoding_rs::BIG5, bytes),
        Charset::Utf7 | Charset::Utf7Imap => return None,
    };
    Some(text)
}

/// iconv-lite's StripBOM wrapper: drops one leading U+FEFF.
fn strip_bom(text: String) -> String {
    match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_owned(),
        None => text,
    }
}

/// UTF-16 code units from byte pairs; an odd trailing byte is dropped, as Node's
/// StringDecoder does at the end of input.
fn decode_utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> String {
    let units: Vec<u16> = bytes
        .chunks_exact(2)
        .map(|pair| unit([pair[0], pair[1]]))
        .collect();
    String::from_utf16_lossy(&units)
}

/// iconv-lite's `utf16` guess: a BOM decides; otherwise, over the first 100 code
/// units, big endian wins when more units look like `00 xx` than `xx 00`. (iconv-lite
/// looks only at the first chunks it receives; the whole start of the body is used
/// here.)
fn utf16_looks_big_endian(bytes: &[u8]) -> bool {
    match bytes {
        [0xff, 0xfe, ..] => return false,
        [0xfe, 0xff, ..] => return true,
        _ => {}
    }
    let (mut ascii_big_endian, mut ascii_little_endian) = (0, 0);
    for pair in bytes.chunks_exact(2).take(100) {
        if pair[0] == 0 && pair[1] != 0 {
            ascii_big_endian += 1;
        }
        if pair[0] != 0 && pair[1] == 0 {
            ascii_little_endian += 1;
        }
    }
    ascii_big_endian > ascii_little_endian
}

/// iconv-lite's CESU-8 decoder, as UTF-16 code units.
fn decode_cesu8(bytes: &[u8]) -> Vec<u16> {
    const REPLACEMENT: u16 = 0xfffd;
    let mut units = Vec::with_capacity(bytes.len());
    let (mut accumulator, mut pending, mut seen) = (0u32, 0u8, 0u8);
    for &byte in bytes {
        if byte & 0xc0 != 0x80 {
            if pending > 0 {
                units.push(REPLACEMENT);
                pending = 0;
            }
            match byte {
                0x00..=0x7f => units.push(u16::from(byte)),
                0x80..=0xdf => {
                    accumulator = u32::from(byte & 0x1f);
                    (pending, seen) = (1, 1);
                }
                0xe0..=0xef => {
                    accumulator = u32::from(byte & 0x0f);
                    (pending, seen) = (2, 1);
                }
                _ => units.push(REPLACEMENT),
            }
        } else if pending > 0 {
            accumulator = (accumulator << 6) | u32::from(byte & 0x3f);
            pending -= 1;
            seen += 1;
            if pending == 0 {
                let overlong = (seen == 2 && accumulator < 0x80 && accumulator > 0)
                    || (seen == 3 && accumulator < 0x800);
                // At most 16 bits were accumulated, so the conversion cannot fail.
                units.push(if overlong {
                    REPLACEMENT
                } else {
                    u16::try_from(accumulator).unwrap_or(REPLACEMENT)
                });
            }
        } else {
            units.push(REPLACEMENT);
        }
    }
    if pending > 0 {
        units.push(REPLACEMENT);
    }
    units
}

/// Decodes with a WHATWG encoding, without BOM sniffing (iconv-lite's DBCS codecs are
/// not BOM-aware).
fn decode_whatwg(encoding: &'static encoding_rs::Encoding, bytes: &[u8]) -> String {
    encoding.decode_without_bom_handling(bytes).0.into_owned()
}

/// Standard base64 with padding, as Node's `buffer.toString('base64')`.
fn encode_base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for (position, shift) in [18u32, 12, 6, 0].into_iter().enumerate() {
            if position <= chunk.len() {
                out.push(char::from(ALPHABET[((n >> shift) & 0x3f) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code_points(text: &str) -> Vec<u32> {
        text.chars().map(u32::from).collect()
    }

    fn decoded(bytes: &[u8], label: &str) -> Vec<u32> {
        code_points(&decode(label, bytes).expect("charset should decode"))
    }

    // Expected values from Next's compiled raw-body (iconv-lite) under Node 20.
    #[test]
    fn utf_family() {
        assert_eq!(decoded(&[0xef, 0xbb, 0xbf, 0x41], "utf-8"), [0x41]);
        assert_eq!(decoded(&[0xef, 0xbb, 0xbf, 0x41], "UTF8"), [0x41]);
        assert_eq!(
            decoded(&[0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf, 0x41], "utf-8"),
            [0xfeff, 0x41]
        );
        assert_eq!(
            decoded(&[0xe9, 0x41, 0xed, 0xa0, 0x80], "utf-8"),
            [0xfffd, 0x41, 0xfffd, 0xfffd, 0xfffd]
        );
        assert_eq!(decoded(&[0xf0, 0x9f, 0x98], "utf-8"), [0xfffd]);
        assert_eq!(decoded(&[0x41], "utf-8:2000"), [0x41]);
        assert_eq!(decoded(&[0x41], "Utf_8"), [0x41]);
        assert_eq!(decoded(&[0xff, 0xfe, 0x41, 0x00], "utf-16le"), [0x41]);
        assert_eq!(decoded(&[0x41, 0x00, 0x42], "utf-16le"), [0x41]);
        assert_eq!(decoded(&[0x41, 0x00], "ucs2"), [0x41]);
        assert_eq!(decoded(&[0x41, 0x00], "ucs-2"), [0x41]);
        assert_eq!(decoded(&[0x00, 0x41], "utf-16be"), [0x41]);
        assert_eq!(decoded(&[0xfe, 0xff, 0x00, 0x41], "utf-16"), [0x41]);
        assert_eq!(decoded(&[0x41, 0x00], "utf-16"), [0x41]);
        assert_eq!(decoded(&[0x00, 0x41, 0x00, 0x42], "utf-16"), [0x41, 0x42]);
        assert_eq!(decoded(&[0x41, 0x00, 0x42, 0x00], "utf-16"), [0x41, 0x42]);
        assert_eq!(decoded(&[0xff, 0xfe, 0xff, 0xfe], "utf-16le"), [0xfeff]);
    }

    #[test]
    fn cesu8() {
        assert_eq!(decoded(&[0xef, 0xbb, 0xbf, 0x41], "cesu8"), [0x41]);
        assert_eq!(
            decoded(&[0xed, 0xa0, 0xbd, 0xed, 0xb8, 0x80], "cesu8"),
            [0x1f600]
        );
        assert_eq!(decoded(&[0xf0, 0x9f, 0x98, 0x80], "cesu8"), [0xfffd; 4]);
        assert_eq!(decoded(&[0xc0, 0x80], "cesu8"), [0]);
        assert_eq!(decoded(&[0xe9, 0x41], "cesu8"), [0xfffd, 0x41]);
        assert_eq!(decoded(&[0xe2, 0x82], "cesu8"), [0xfffd]);
    }

    #[test]
    fn single_byte() {
        assert_eq!(decoded(&[0xe9, 0x80, 0x9f], "latin1"), [0xe9, 0x80, 0x9f]);
        assert_eq!(decoded(&[0xe9, 0x80], "iso-8859-1"), [0xe9, 0x80]);
        assert_eq!(decoded(&[0xe9, 0x80], "binary"), [0xe9, 0x80]);
        assert_eq!(decoded(&[0xe9, 0x41], "latin-1"), [0xe9, 0x41]);
        assert_eq!(decoded(&[0xe9], "l1"), [0xe9]);
        assert_eq!(
            decoded(&[0xe9, 0x80, 0x41], "ascii"),
            [0xfffd, 0xfffd, 0x41]
        );
        assert_eq!(
            decoded(&[0xe9, 0x80, 0x41], "us-ascii"),
            [0xfffd, 0xfffd, 0x41]
        );
        assert_eq!(
            decoded(&[0x80, 0x81, 0x8d, 0x9f], "windows-1252"),
            [0x20ac, 0xfffd, 0xfffd, 0x178]
        );
        assert_eq!(decoded(&[0x80, 0x81], "win1252"), [0x20ac, 0xfffd]);
        assert_eq!(decoded(&[0xa4], "iso-8859-15"), [0x20ac]);
        assert_eq!(decoded(&[0xb1], "iso-8859-2"), [0x105]);
        assert_eq!(decoded(&[0x80, 0xff], "koi8-r"), [0x2500, 0x42a]);
        assert_eq!(decoded(&[0x80, 0xff], "cp866"), [0x410, 0xa0]);
        assert_eq!(decoded(&[0x81, 0x90], "windows-1251"), [0x403, 0x452]);
    }

    #[test]
    fn byte_encodings_and_multibyte() {
        assert_eq!(decode("base64", b"A").as_deref(), Ok("QQ=="));
        assert_eq!(decode("base64", b"hello").as_deref(), Ok("aGVsbG8="));
        assert_eq!(decode("base64", b"abc").as_deref(), Ok("YWJj"));
        assert_eq!(decode("hex", b"A\xff").as_deref(), Ok("41ff"));
        assert_eq!(decoded(&[0x82, 0xa0], "shift_jis"), [0x3042]);
        assert_eq!(decoded(&[0xb0, 0xa1], "gbk"), [0x554a]);
        assert_eq!(decoded(&[0x5c, 0x7e], "shift_jis"), [0x5c, 0x7e]);
        assert_eq!(decoded(&[0xa1, 0x40], "big5"), [0x3000]);
        assert_eq!(decoded(&[0x81, 0x41], "cp949"), [0xac02]);
        assert_eq!(decoded(&[0x8e, 0xa1], "euc-jp"), [0xff61]);
    }

    #[test]
    fn unknown_and_unimplemented() {
        assert_eq!(
            decode("klingon", b"qapla"),
            Err(CharsetError::Unsupported("klingon".into()))
        );
        assert_eq!(
            decode("utf-32", b"A\0\0\0"),
            Err(CharsetError::Unsupported("utf-32".into()))
        );
        assert_eq!(
            decode("utf7", b"a"),
            Err(CharsetError::Unimplemented("utf7".into()))
        );
    }

    #[test]
    fn names() {
        assert_eq!(canonical_name("ISO_8859-1"), "iso88591");
        assert_eq!(canonical_name("utf-8:2000"), "utf8");
        assert_eq!(canonical_name("x:12345"), "x12345");
        assert!(
            CHARSETS.windows(2).all(|pair| pair[0].0 < pair[1].0),
            "table must be sorted"
        );
    }
}
