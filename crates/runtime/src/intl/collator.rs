//! `Intl.Collator` and `String.prototype.localeCompare`: ICU4X's collator with the
//! ECMA-402 sensitivity (base → primary strength, accent → secondary, case → primary with
//! the case level, variant → tertiary), `numeric`, `caseFirst` and `ignorePunctuation`.
//! Collators are cached per locale and options, as a sort calls `compare` many times.

use std::cell::RefCell;
use std::collections::HashMap;

use icu_collator::options::{AlternateHandling, CaseLevel, CollatorOptions, Strength};
use icu_collator::preferences::{CollationCaseFirst, CollationNumericOrdering};
use icu_collator::{Collator, CollatorBorrowed, CollatorPreferences};
use rquickjs::{Ctx, Exception, Function, Object, Result};

thread_local! {
    static CACHE: RefCell<HashMap<String, CollatorBorrowed<'static>>> = RefCell::new(HashMap::new());
}

fn make(
    ctx: &Ctx<'_>,
    tag: &str,
    sensitivity: &str,
    numeric: bool,
    case_first: &str,
    ignore_punctuation: bool,
) -> Result<CollatorBorrowed<'static>> {
    let locale = super::locale::parse(ctx, tag)?;
    let mut prefs = CollatorPreferences::from(&locale);
    if numeric {
        prefs.numeric_ordering = Some(CollationNumericOrdering::True);
    }
    prefs.case_first = match case_first {
        "upper" => Some(CollationCaseFirst::Upper),
        "lower" => Some(CollationCaseFirst::Lower),
        "false" => Some(CollationCaseFirst::False),
        _ => prefs.case_first,
    };
    let mut options = CollatorOptions::default();
    options.strength = Some(match sensitivity {
        "base" | "case" => Strength::Primary,
        "accent" => Strength::Secondary,
        _ => Strength::Tertiary,
    });
    if sensitivity == "case" {
        options.case_level = Some(CaseLevel::On);
    }
    if ignore_punctuation {
        options.alternate_handling = Some(AlternateHandling::Shifted);
    }
    Collator::try_new(prefs, options).map_err(|e| Exception::throw_range(ctx, &e.to_string()))
}

/// Compares two strings; `options` is the collator's resolved options.
fn compare<'js>(
    ctx: Ctx<'js>,
    tag: String,
    options: Object<'js>,
    a: String,
    b: String,
) -> Result<i32> {
    let sensitivity: String = options.get("sensitivity")?;
    let numeric: bool = options.get("numeric")?;
    let case_first: String = options.get("caseFirst")?;
    let ignore_punctuation: bool = options.get("ignorePunctuation")?;
    let key =
        format!("{tag}\u{0}{sensitivity}\u{0}{numeric}\u{0}{case_first}\u{0}{ignore_punctuation}");
    let cached = CACHE.with(|cache| cache.borrow().get(&key).map(|c| c.compare(&a, &b)));
    let ordering = match cached {
        Some(ordering) => ordering,
        None => {
            let collator = make(
                &ctx,
                &tag,
                &sensitivity,
                numeric,
                &case_first,
                ignore_punctuation,
            )?;
            let ordering = collator.compare(&a, &b);
            CACHE.with(|cache| {
                let mut cache = cache.borrow_mut();
                if cache.len() > 64 {
                    cache.clear();
                }
                cache.insert(key, collator);
            });
            ordering
        }
    };
    Ok(ordering as i32)
}

pub fn install<'js>(ctx: &Ctx<'js>, native: &Object<'js>) -> Result<()> {
    native.set("compare", Function::new(ctx.clone(), compare)?)?;
    Ok(())
}
