//! `Intl.NumberFormat`: rounding (fraction or significant digits, half-expand as ECMA-402
//! rounds), integer padding and grouping on `fixed_decimal`, the digits and separators from
//! `icu_decimal`, and the affixes of percent, currency (symbol, narrow symbol, code, name)
//! and compact notation from `icu_decimal`'s compact formatter and `icu_experimental`.
//!
//! The result goes back to the script as the parts of `formatToParts`, a flat list
//! `[type, value, type, value, ...]`. The number's body is always ours (so the digit
//! options apply to every style); the percent and currency formatters only give the text
//! around it, taken from their output for the same signed value.

use fixed_decimal::{
    Decimal, FloatPrecision, Sign, SignDisplay, SignedRoundingMode, UnsignedRoundingMode,
};
use icu_decimal::options::{
    CompactDecimalFormatterOptions, DecimalFormatterOptions, GroupingStrategy,
};
use icu_decimal::{CompactDecimalFormatter, DecimalFormatter};
use icu_experimental::dimension::currency::formatter::CurrencyFormatter;
use icu_experimental::dimension::currency::CurrencyType;
use icu_experimental::dimension::percent::formatter::PercentFormatter;
use icu_locale_core::Locale;
use rquickjs::{Ctx, Exception, Function, Object, Result, Value};

/// The options `intl.js` resolved, as the native side needs them.
struct Options {
    style: String,
    currency: String,
    currency_display: String,
    notation: String,
    compact_display: String,
    grouping: Option<GroupingStrategy>,
    sign_display: SignDisplay,
    min_int: i16,
    min_frac: i16,
    max_frac: i16,
    min_sig: i16,
    max_sig: i16,
}

fn read_options(opts: &Object<'_>) -> Result<Options> {
    let text = |key: &str| -> Result<String> {
        Ok(opts.get::<_, Option<String>>(key)?.unwrap_or_default())
    };
    let int =
        |key: &str| -> Result<i16> { Ok(opts.get::<_, Option<i32>>(key)?.unwrap_or(0) as i16) };
    let grouping = match text("useGrouping")?.as_str() {
        "always" => Some(GroupingStrategy::Always),
        "min2" => Some(GroupingStrategy::Min2),
        "false" => Some(GroupingStrategy::Never),
        _ => Some(GroupingStrategy::Auto),
    };
    let sign_display = match text("signDisplay")?.as_str() {
        "never" => SignDisplay::Never,
        "always" => SignDisplay::Always,
        "exceptZero" => SignDisplay::ExceptZero,
        "negative" => SignDisplay::Negative,
        _ => SignDisplay::Auto,
    };
    Ok(Options {
        style: text("style")?,
        currency: text("currency")?,
        currency_display: text("currencyDisplay")?,
        notation: text("notation")?,
        compact_display: text("compactDisplay")?,
        grouping,
        sign_display,
        min_int: int("minimumIntegerDigits")?.max(1),
        min_frac: int("minimumFractionDigits")?,
        max_frac: int("maximumFractionDigits")?,
        min_sig: int("minimumSignificantDigits")?,
        max_sig: int("maximumSignificantDigits")?,
    })
}

const HALF_EXPAND: SignedRoundingMode =
    SignedRoundingMode::Unsigned(UnsignedRoundingMode::HalfExpand);

/// ECMA-402's rounding and padding of the magnitude (the sign is kept).
fn round(value: &mut Decimal, o: &Options) {
    if o.max_sig > 0 {
        let msd = if value.absolute.is_zero() {
            0
        } else {
            value.absolute.nonzero_magnitude_start()
        };
        value.round_with_mode(msd - o.max_sig + 1, HALF_EXPAND);
        value.absolute.trim_end();
        let msd = if value.absolute.is_zero() {
            0
        } else {
            value.absolute.nonzero_magnitude_start()
        };
        let min_sig = o.min_sig.max(1);
        value.absolute.pad_end((msd - min_sig + 1).min(0));
    } else {
        value.round_with_mode(-o.max_frac, HALF_EXPAND);
        value.absolute.trim_end();
        value.absolute.pad_end(-o.min_frac);
    }
    value.absolute.pad_start(o.min_int);
}

fn decimal_formatter(
    ctx: &Ctx<'_>,
    locale: &Locale,
    grouping: Option<GroupingStrategy>,
) -> Result<DecimalFormatter> {
    let mut options = DecimalFormatterOptions::default();
    options.grouping_strategy = grouping;
    DecimalFormatter::try_new(locale.into(), options)
        .map_err(|e| Exception::throw_range(ctx, &e.to_string()))
}

/// The locale's decimal and group separators, read off its formatting of 1234.5.
fn separators(ctx: &Ctx<'_>, locale: &Locale) -> Result<(String, String)> {
    let formatter = decimal_formatter(ctx, locale, Some(GroupingStrategy::Always))?;
    let text = formatter
        .format(&Decimal::try_from_str("1234.5").unwrap_or_default())
        .to_string();
    let chars: Vec<char> = text.chars().collect();
    let digit_at: Vec<usize> = chars
        .iter()
        .enumerate()
        .filter(|(_, c)| c.is_numeric())
        .map(|(i, _)| i)
        .collect();
    if digit_at.len() < 5 {
        return Ok((".".into(), ",".into()));
    }
    let between = |a: usize, b: usize| {
        chars[digit_at[a] + 1..digit_at[b]]
            .iter()
            .collect::<String>()
    };
    Ok((between(3, 4), between(0, 1)))
}

/// Splits a formatted string into what is before its first digit, and after its last.
fn affixes(text: &str) -> (String, String) {
    let first = text
        .char_indices()
        .find(|(_, c)| c.is_numeric())
        .map(|(i, _)| i);
    let last = text
        .char_indices()
        .rfind(|(_, c)| c.is_numeric())
        .map(|(i, c)| i + c.len_utf8());
    match (first, last) {
        (Some(first), Some(last)) => (text[..first].to_string(), text[last..].to_string()),
        _ => (String::new(), String::new()),
    }
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{a0}' || c == '\u{202f}'
}

fn is_sign(c: char) -> bool {
    matches!(
        c,
        '-' | '+' | '\u{2212}' | '\u{200e}' | '\u{200f}' | '\u{61c}'
    )
}

/// Classifies an affix: signs, then the spaces around it as literals, and what is left (the
/// currency, the percent sign, the compact suffix) as `kind`.
fn push_affix(parts: &mut Vec<(String, String)>, affix: &str, kind: &str) {
    let mut rest = affix;
    let mut tail: Vec<(String, String)> = Vec::new();
    // Leading signs and spaces.
    while let Some(c) = rest.chars().next() {
        if is_sign(c) {
            let sign = if c == '+' { "plusSign" } else { "minusSign" };
            push(parts, sign, &c.to_string());
        } else if is_space(c) {
            push(parts, "literal", &c.to_string());
        } else {
            break;
        }
        rest = &rest[c.len_utf8()..];
    }
    // Trailing signs and spaces, collected in reverse.
    while let Some(c) = rest.chars().next_back() {
        if is_sign(c) {
            let sign = if c == '+' { "plusSign" } else { "minusSign" };
            tail.push((sign.into(), c.to_string()));
        } else if is_space(c) {
            tail.push(("literal".into(), c.to_string()));
        } else {
            break;
        }
        rest = &rest[..rest.len() - c.len_utf8()];
    }
    if !rest.is_empty() {
        push(parts, kind, rest);
    }
    for (t, v) in tail.into_iter().rev() {
        push(parts, &t, &v);
    }
}

/// Appends a part, merging it into the previous one of the same type.
fn push(parts: &mut Vec<(String, String)>, kind: &str, value: &str) {
    if let Some(last) = parts.last_mut() {
        if last.0 == kind && kind != "literal" {
            last.1.push_str(value);
            return;
        }
    }
    parts.push((kind.to_string(), value.to_string()));
}

/// Classifies the number's body: digits before the decimal separator are `integer`, after
/// it `fraction`; the separators are `group` and `decimal`.
fn push_body(parts: &mut Vec<(String, String)>, body: &str, decimal: &str, group: &str) {
    let mut in_fraction = false;
    let mut rest = body;
    while let Some(c) = rest.chars().next() {
        if !decimal.is_empty() && rest.starts_with(decimal) && !in_fraction {
            push(parts, "decimal", decimal);
            in_fraction = true;
            rest = &rest[decimal.len()..];
            continue;
        }
        if !group.is_empty() && rest.starts_with(group) && !in_fraction {
            parts.push(("group".into(), group.into()));
            rest = &rest[group.len()..];
            continue;
        }
        if c.is_numeric() {
            push(
                parts,
                if in_fraction { "fraction" } else { "integer" },
                &c.to_string(),
            );
        } else if is_sign(c) {
            push(
                parts,
                if c == '+' { "plusSign" } else { "minusSign" },
                &c.to_string(),
            );
        } else {
            push(parts, "literal", &c.to_string());
        }
        rest = &rest[c.len_utf8()..];
    }
}

fn currency_type(ctx: &Ctx<'_>, code: &str) -> Result<CurrencyType> {
    CurrencyType::try_from_str(&code.to_ascii_lowercase())
        .map_err(|_| Exception::throw_range(ctx, &format!("Invalid currency code : {code}")))
}

fn currency_text(ctx: &Ctx<'_>, locale: &Locale, o: &Options, value: &Decimal) -> Result<String> {
    let code = currency_type(ctx, &o.currency)?;
    let err = |e: icu_provider::DataError| Exception::throw_range(ctx, &e.to_string());
    let prefs = locale.into();
    let formatter = match o.currency_display.as_str() {
        "code" => CurrencyFormatter::try_new_code(prefs, code, Default::default()),
        "name" => CurrencyFormatter::try_new_name(prefs, code),
        "narrowSymbol" => CurrencyFormatter::try_new_symbol_narrow(prefs, code, Default::default()),
        _ => CurrencyFormatter::try_new_symbol(prefs, code, Default::default()),
    }
    .map_err(err)?;
    let text = formatter.format_fixed_decimal(value).to_string();
    Ok(text)
}

fn format(
    ctx: &Ctx<'_>,
    locale: &Locale,
    o: &Options,
    mut value: Decimal,
) -> Result<Vec<(String, String)>> {
    let (decimal, group) = separators(ctx, locale)?;
    let mut parts = Vec::new();
    if o.notation == "compact" && o.style != "currency" {
        let prefs = locale.into();
        let mut options = CompactDecimalFormatterOptions::default();
        options.grouping_strategy = o.grouping;
        let formatter = if o.compact_display == "long" {
            CompactDecimalFormatter::try_new_long(prefs, options)
        } else {
            CompactDecimalFormatter::try_new_short(prefs, options)
        }
        .map_err(|e| Exception::throw_range(ctx, &e.to_string()))?;
        if o.style == "percent" {
            value.multiply_pow10(2);
        }
        value.apply_sign_display(o.sign_display);
        let text = formatter.format(&value).to_string();
        let (prefix, suffix) = affixes(&text);
        push_affix(&mut parts, &prefix, "compact");
        push_body(
            &mut parts,
            &text[prefix.len()..text.len() - suffix.len()],
            &decimal,
            &group,
        );
        push_affix(
            &mut parts,
            &suffix,
            if o.style == "percent" {
                "percentSign"
            } else {
                "compact"
            },
        );
        return Ok(parts);
    }
    if o.style == "percent" {
        value.multiply_pow10(2);
    }
    round(&mut value, o);
    value.apply_sign_display(o.sign_display);
    let body = decimal_formatter(ctx, locale, o.grouping)?
        .format(&Decimal::new(Sign::None, value.absolute.clone()))
        .to_string();
    match o.style.as_str() {
        "percent" => {
            let formatter = PercentFormatter::try_new(locale.into(), Default::default())
                .map_err(|e| Exception::throw_range(ctx, &e.to_string()))?;
            let text = formatter.format(&value).to_string();
            let (prefix, suffix) = affixes(&text);
            push_affix(&mut parts, &prefix, "percentSign");
            push_body(&mut parts, &body, &decimal, &group);
            push_affix(&mut parts, &suffix, "percentSign");
        }
        "currency" => {
            let text = currency_text(ctx, locale, o, &value)?;
            let (prefix, suffix) = affixes(&text);
            push_affix(&mut parts, &prefix, "currency");
            push_body(&mut parts, &body, &decimal, &group);
            push_affix(&mut parts, &suffix, "currency");
        }
        _ => {
            let text = decimal_formatter(ctx, locale, o.grouping)?
                .format(&value)
                .to_string();
            let (prefix, suffix) = affixes(&text);
            push_affix(&mut parts, &prefix, "literal");
            push_body(&mut parts, &body, &decimal, &group);
            push_affix(&mut parts, &suffix, "literal");
        }
    }
    Ok(parts)
}

fn to_decimal(ctx: &Ctx<'_>, value: &Value<'_>) -> Result<Decimal> {
    if let Some(text) = value.as_string() {
        let text = text.to_string()?;
        return Decimal::try_from_str(&text)
            .map_err(|_| Exception::throw_range(ctx, "Invalid number"));
    }
    let number = value.as_number().unwrap_or(f64::NAN);
    let mut decimal = Decimal::try_from_f64(number, FloatPrecision::RoundTrip)
        .map_err(|_| Exception::throw_range(ctx, "Invalid number"))?;
    if number == 0.0 && number.is_sign_negative() {
        decimal.sign = Sign::Negative;
    }
    Ok(decimal)
}

pub fn install<'js>(ctx: &Ctx<'js>, native: &Object<'js>) -> Result<()> {
    native.set("formatNumber", Function::new(ctx.clone(), format_number)?)?;
    native.set(
        "currencyDigits",
        Function::new(ctx.clone(), currency_digits)?,
    )?;
    Ok(())
}

fn format_number<'js>(
    ctx: Ctx<'js>,
    tag: String,
    opts: Object<'js>,
    value: Value<'js>,
) -> Result<Vec<String>> {
    let locale = super::locale::parse(&ctx, &tag)?;
    let options = read_options(&opts)?;
    let decimal = to_decimal(&ctx, &value)?;
    let parts = format(&ctx, &locale, &options, decimal)?;
    Ok(parts.into_iter().flat_map(|(t, v)| [t, v]).collect())
}

/// The currency's ISO 4217 minor digits (2 for USD, 0 for JPY, 3 for KWD), read off
/// ICU4X's formatting of 1 in it.
fn currency_digits(ctx: Ctx<'_>, code: String) -> Result<i32> {
    let locale = icu_locale_core::locale!("en");
    let options = Options {
        style: "currency".into(),
        currency: code,
        currency_display: "code".into(),
        notation: String::new(),
        compact_display: String::new(),
        grouping: None,
        sign_display: SignDisplay::Auto,
        min_int: 1,
        min_frac: 0,
        max_frac: 0,
        min_sig: 0,
        max_sig: 0,
    };
    let one = Decimal::try_from_str("1").unwrap_or_default();
    let text = currency_text(&ctx, &locale, &options, &one)?;
    let (prefix, suffix) = affixes(&text);
    let body = &text[prefix.len()..text.len() - suffix.len()];
    Ok(body
        .chars()
        .filter(|c| c.is_numeric())
        .count()
        .saturating_sub(1) as i32)
}
