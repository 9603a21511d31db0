//! `Intl.Segmenter`: grapheme, word and sentence boundaries from `icu_segmenter`, as UTF-16
//! offsets the script slices the input with. Words use the rules for scripts written with
//! spaces only: the dictionaries and models for Thai, Khmer, Lao, Burmese, Chinese and
//! Japanese words would add some 8 MB to the binary.

use icu_segmenter::options::{SentenceBreakInvariantOptions, WordBreakInvariantOptions};
use icu_segmenter::{GraphemeClusterSegmenter, SentenceSegmenter, WordSegmenter};
use rquickjs::{Ctx, Function, Object, Result};

/// The segments of `input` as `[start, end, wordLike, ...]` (`wordLike` is 1 or 0).
fn segment(granularity: String, input: String) -> Result<Vec<i32>> {
    let utf16: Vec<u16> = input.encode_utf16().collect();
    let mut out = Vec::new();
    let mut previous = 0usize;
    let mut push = |end: usize, word_like: bool| {
        if end > previous {
            out.extend([previous as i32, end as i32, i32::from(word_like)]);
            previous = end;
        }
    };
    match granularity.as_str() {
        "word" => {
            let mut breaks =
                WordSegmenter::new_for_non_complex_scripts(WordBreakInvariantOptions::default())
                    .segment_utf16(&utf16);
            while let Some(end) = breaks.next() {
                push(end, breaks.is_word_like());
            }
        }
        "sentence" => {
            for end in SentenceSegmenter::new(SentenceBreakInvariantOptions::default())
                .segment_utf16(&utf16)
            {
                push(end, false);
            }
        }
        _ => {
            for end in GraphemeClusterSegmenter::new().segment_utf16(&utf16) {
                push(end, false);
            }
        }
    }
    Ok(out)
}

pub fn install<'js>(ctx: &Ctx<'js>, native: &Object<'js>) -> Result<()> {
    native.set("segment", Function::new(ctx.clone(), segment)?)?;
    Ok(())
}
