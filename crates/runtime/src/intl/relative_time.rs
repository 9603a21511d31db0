//! `Intl.RelativeTimeFormat` on ICU4X's relative-time data (`icu_experimental`): the long,
//! short and narrow patterns of the eight units, `numeric: 'auto'` phrases ("yesterday",
//! "next month"), and the number inside as `Intl.NumberFormat` prints it by default (at
//! most three fraction digits, rounded half away from zero), with its parts.

use fixed_decimal::{Decimal, FloatPrecision, Sign, SignedRoundingMode, UnsignedRoundingMode};
use icu_experimental::relativetime::options::Numeric;
use icu_experimental::relativetime::{RelativeTimeFormatter, RelativeTimeFormatterOptions};
use rquickjs::{Ctx, Exception, Function, Object, Result};

type Constructor = fn(
    icu_experimental::relativetime::RelativeTimeFormatterPreferences,
    RelativeTimeFormatterOptions,
) -> std::result::Result<RelativeTimeFormatter, icu_provider::DataError>;

/// The compiled-data constructor for a unit (singular, as the script normalises it) and style.
fn constructor(unit: &str, style: &str) -> Option<Constructor> {
    use RelativeTimeFormatter as F;
    let by_style = |long: Constructor, short: Constructor, narrow: Constructor| match style {
        "short" => short,
        "narrow" => narrow,
        _ => long,
    };
    Some(match unit {
        "second" => by_style(
            F::try_new_long_second,
            F::try_new_short_second,
            F::try_new_narrow_second,
        ),
        "minute" => by_style(
            F::try_new_long_minute,
            F::try_new_short_minute,
            F::try_new_narrow_minute,
        ),
        "hour" => by_style(
            F::try_new_long_hour,
            F::try_new_short_hour,
            F::try_new_narrow_hour,
        ),
        "day" => by_style(
            F::try_new_long_day,
            F::try_new_short_day,
            F::try_new_narrow_day,
        ),
        "week" => by_style(
            F::try_new_long_week,
            F::try_new_short_week,
            F::try_new_narrow_week,
        ),
        "month" => by_style(
            F::try_new_long_month,
            F::try_new_short_month,
            F::try_new_narrow_month,
        ),
        "quarter" => by_style(
            F::try_new_long_quarter,
            F::try_new_short_quarter,
            F::try_new_narrow_quarter,
        ),
        "year" => by_style(
            F::try_new_long_year,
            F::try_new_short_year,
            F::try_new_narrow_year,
        ),
        _ => return None,
    })
}

/// Formats `value` `unit`s from now; returns `[type, value, type, value, ...]` parts.
fn format_relative_time(
    ctx: Ctx<'_>,
    tag: String,
    style: String,
    numeric: String,
    unit: String,
    value: f64,
) -> Result<Vec<String>> {
    let locale = super::locale::parse(&ctx, &tag)?;
    let Some(make) = constructor(&unit, &style) else {
        return Err(Exception::throw_range(
            &ctx,
            &format!(
                "Invalid unit argument for Intl.RelativeTimeFormat.prototype.format() '{unit}'"
            ),
        ));
    };
    let numeric = if numeric == "auto" {
        Numeric::Auto
    } else {
        Numeric::Always
    };
    let options = RelativeTimeFormatterOptions::default().with_numeric(numeric);
    let formatter = make((&locale).into(), options)
        .map_err(|e| Exception::throw_range(&ctx, &e.to_string()))?;
    let mut decimal =
        Decimal::try_from_f64(value.abs(), FloatPrecision::RoundTrip).map_err(|_| {
            Exception::throw_range(
                &ctx,
                "Value need to be finite number for Intl.RelativeTimeFormat.prototype.format()",
            )
        })?;
    decimal.round_with_mode(
        -3,
        SignedRoundingMode::Unsigned(UnsignedRoundingMode::HalfExpand),
    );
    decimal.absolute.trim_end();
    // The past patterns for negative values, -0 included (as ECMA-402's `FormatRelativeTime`).
    let negative = value.is_sign_negative();
    decimal.sign = if negative { Sign::Negative } else { Sign::None };
    let parts = super::parts::collect_split(&formatter.format(decimal));
    Ok(super::parts::flat(parts))
}

pub fn install<'js>(ctx: &Ctx<'js>, native: &Object<'js>) -> Result<()> {
    native.set(
        "formatRelativeTime",
        Function::new(ctx.clone(), format_relative_time)?,
    )?;
    Ok(())
}
