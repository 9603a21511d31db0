//! `Intl.PluralRules`: ICU4X's cardinal and ordinal rules, applied to the number as the
//! resolved digit options round it (so `1.0` with one fraction digit is `other` in English).

use fixed_decimal::{Decimal, FloatPrecision, SignedRoundingMode, UnsignedRoundingMode};
use icu_plurals::{PluralCategory, PluralRuleType, PluralRules, PluralRulesOptions};
use rquickjs::{Ctx, Exception, Function, Object, Result};

fn name(category: PluralCategory) -> &'static str {
    match category {
        PluralCategory::Zero => "zero",
        PluralCategory::One => "one",
        PluralCategory::Two => "two",
        PluralCategory::Few => "few",
        PluralCategory::Many => "many",
        PluralCategory::Other => "other",
    }
}

fn rules(ctx: &Ctx<'_>, tag: &str, ordinal: bool) -> Result<PluralRules> {
    let locale = super::locale::parse(ctx, tag)?;
    let kind = if ordinal {
        PluralRuleType::Ordinal
    } else {
        PluralRuleType::Cardinal
    };
    PluralRules::try_new(
        (&locale).into(),
        PluralRulesOptions::default().with_type(kind),
    )
    .map_err(|e| Exception::throw_range(ctx, &e.to_string()))
}

fn select(
    ctx: Ctx<'_>,
    tag: String,
    ordinal: bool,
    value: f64,
    min_frac: i32,
    max_frac: i32,
    max_sig: i32,
) -> Result<String> {
    if !value.is_finite() {
        return Ok("other".into());
    }
    let mut decimal = Decimal::try_from_f64(value, FloatPrecision::RoundTrip)
        .map_err(|_| Exception::throw_range(&ctx, "Invalid number"))?;
    let half_expand = SignedRoundingMode::Unsigned(UnsignedRoundingMode::HalfExpand);
    if max_sig > 0 {
        let msd = if decimal.absolute.is_zero() {
            0
        } else {
            decimal.absolute.nonzero_magnitude_start()
        };
        decimal.round_with_mode(msd - max_sig as i16 + 1, half_expand);
        decimal.absolute.trim_end();
    } else {
        decimal.round_with_mode(-(max_frac as i16), half_expand);
        decimal.absolute.trim_end();
        decimal.absolute.pad_end(-(min_frac as i16));
    }
    Ok(name(rules(&ctx, &tag, ordinal)?.category_for(&decimal)).into())
}

fn categories(ctx: Ctx<'_>, tag: String, ordinal: bool) -> Result<Vec<String>> {
    let rules = rules(&ctx, &tag, ordinal)?;
    Ok(rules.categories().map(|c| name(c).to_string()).collect())
}

pub fn install<'js>(ctx: &Ctx<'js>, native: &Object<'js>) -> Result<()> {
    native.set("pluralSelect", Function::new(ctx.clone(), select)?)?;
    native.set("pluralCategories", Function::new(ctx.clone(), categories)?)?;
    Ok(())
}
