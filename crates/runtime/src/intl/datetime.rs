//! `Intl.DateTimeFormat`: the ECMA-402 options become an ICU4X `DateTimeFieldBag` (the
//! date and time styles as the fields Node's patterns show), the instant becomes a
//! `jiff::Zoned` in the IANA zone from the built-in time zone database, and ICU4X's
//! Gregorian formatter writes the annotated parts. Time zone names are validated and
//! canonicalized here too, and the process's zone is `TZ` (UTC when unset or unknown).

use icu_datetime::fieldbag::field::{
    Day, Era, FractionalSecondDigits, Hour, HourKind, Minute, Month, Second, TimeZoneName, Weekday,
    Year,
};
use icu_datetime::fieldbag::DateTimeFieldBag;
use icu_datetime::fieldsets::enums::CompositeFieldSet;
use icu_datetime::{DateTimeFormatter, DateTimeFormatterPreferences};
use icu_locale_core::preferences::extensions::unicode::keywords::HourCycle;
use rquickjs::{Ctx, Exception, Function, Object, Result};

/// The IANA zone for a name (any case; the UTC aliases are `UTC`), or V8's RangeError.
fn time_zone(ctx: &Ctx<'_>, name: &str) -> Result<(String, jiff::tz::TimeZone)> {
    let upper = name.to_ascii_uppercase();
    if matches!(
        upper.as_str(),
        "UTC"
            | "ETC/UTC"
            | "ETC/GMT"
            | "GMT"
            | "ETC/UCT"
            | "UCT"
            | "ETC/ZULU"
            | "ZULU"
            | "ETC/UNIVERSAL"
            | "UNIVERSAL"
            | "ETC/GREENWICH"
            | "GREENWICH"
            | "ETC/GMT0"
            | "GMT0"
            | "ETC/GMT+0"
            | "ETC/GMT-0"
            | "GMT+0"
            | "GMT-0"
    ) {
        return Ok(("UTC".into(), jiff::tz::TimeZone::UTC));
    }
    match jiff::tz::db().get(name) {
        Ok(zone) => {
            let canonical = zone.iana_name().unwrap_or(name).to_string();
            Ok((canonical, zone))
        }
        Err(_) => Err(Exception::throw_range(
            ctx,
            &format!("Invalid time zone specified: {name}"),
        )),
    }
}

fn canonical_time_zone(ctx: Ctx<'_>, name: String) -> Result<String> {
    Ok(time_zone(&ctx, &name)?.0)
}

/// The process's zone: `TZ` when it names one (a leading `:` allowed), else UTC.
fn default_time_zone(ctx: Ctx<'_>) -> Result<String> {
    let tz = std::env::var("TZ").unwrap_or_default();
    let tz = tz.trim_start_matches(':');
    if tz.is_empty() {
        return Ok("UTC".into());
    }
    Ok(time_zone(&ctx, tz)
        .map(|(name, _)| name)
        .unwrap_or_else(|_| "UTC".into()))
}

fn bag(opts: &Object<'_>) -> Result<(DateTimeFieldBag, Option<bool>)> {
    let text = |key: &str| -> Result<String> {
        Ok(opts.get::<_, Option<String>>(key)?.unwrap_or_default())
    };
    let mut bag = DateTimeFieldBag::default();
    let date_style = text("dateStyle")?;
    let time_style = text("timeStyle")?;
    if !date_style.is_empty() || !time_style.is_empty() {
        match date_style.as_str() {
            "full" => {
                bag.weekday = Some(Weekday::Long);
                bag.year = Some(Year::Numeric);
                bag.month = Some(Month::Long);
                bag.day = Some(Day::Numeric);
            }
            "long" => {
                bag.year = Some(Year::Numeric);
                bag.month = Some(Month::Long);
                bag.day = Some(Day::Numeric);
            }
            "medium" => {
                bag.year = Some(Year::Numeric);
                bag.month = Some(Month::Short);
                bag.day = Some(Day::Numeric);
            }
            "short" => {
                bag.year = Some(Year::TwoDigit);
                bag.month = Some(Month::Numeric);
                bag.day = Some(Day::Numeric);
            }
            _ => {}
        }
        if !time_style.is_empty() {
            bag.hour = Some(Hour::Numeric);
            bag.minute = Some(Minute::TwoDigit);
            if time_style != "short" {
                bag.second = Some(Second::TwoDigit);
            }
            match time_style.as_str() {
                "full" => bag.time_zone_name = Some(TimeZoneName::LongSpecific),
                "long" => bag.time_zone_name = Some(TimeZoneName::ShortSpecific),
                _ => {}
            }
        }
    } else {
        let two = |v: &str| v == "2-digit";
        bag.era = match text("era")?.as_str() {
            "long" => Some(Era::Long),
            "short" => Some(Era::Short),
            "narrow" => Some(Era::Narrow),
            _ => None,
        };
        bag.year = match text("year")?.as_str() {
            "" => None,
            v if two(v) => Some(Year::TwoDigit),
            _ => Some(Year::Numeric),
        };
        bag.month = match text("month")?.as_str() {
            "" => None,
            "2-digit" => Some(Month::TwoDigit),
            "long" => Some(Month::Long),
            "short" => Some(Month::Short),
            "narrow" => Some(Month::Narrow),
            _ => Some(Month::Numeric),
        };
        bag.day = match text("day")?.as_str() {
            "" => None,
            v if two(v) => Some(Day::TwoDigit),
            _ => Some(Day::Numeric),
        };
        bag.weekday = match text("weekday")?.as_str() {
            "long" => Some(Weekday::Long),
            "short" => Some(Weekday::Short),
            "narrow" => Some(Weekday::Narrow),
            _ => None,
        };
        bag.hour = match text("hour")?.as_str() {
            "" => None,
            v if two(v) => Some(Hour::TwoDigit),
            _ => Some(Hour::Numeric),
        };
        bag.minute = match text("minute")?.as_str() {
            "" => None,
            v if two(v) => Some(Minute::TwoDigit),
            _ => Some(Minute::Numeric),
        };
        bag.second = match text("second")?.as_str() {
            "" => None,
            v if two(v) => Some(Second::TwoDigit),
            _ => Some(Second::Numeric),
        };
        bag.fractional_second_digits = match opts.get::<_, Option<i32>>("fractionalSecondDigits")? {
            Some(1) => Some(FractionalSecondDigits::F1),
            Some(2) => Some(FractionalSecondDigits::F2),
            Some(3) => Some(FractionalSecondDigits::F3),
            _ => None,
        };
        bag.time_zone_name = match text("timeZoneName")?.as_str() {
            "short" => Some(TimeZoneName::ShortSpecific),
            "long" => Some(TimeZoneName::LongSpecific),
            "shortOffset" => Some(TimeZoneName::ShortOffset),
            "longOffset" => Some(TimeZoneName::LongOffset),
            "shortGeneric" => Some(TimeZoneName::ShortGeneric),
            "longGeneric" => Some(TimeZoneName::LongGeneric),
            _ => None,
        };
    }
    let hour12 = opts.get::<_, Option<bool>>("hour12")?;
    if bag.hour.is_some() {
        bag.hour_kind = hour12.map(|h12| {
            if h12 {
                HourKind::Clock12
            } else {
                HourKind::Clock24
            }
        });
    }
    Ok((bag, hour12))
}

fn format_date_time<'js>(
    ctx: Ctx<'js>,
    tag: String,
    opts: Object<'js>,
    epoch_ms: f64,
) -> Result<Vec<String>> {
    if !epoch_ms.is_finite() {
        return Err(Exception::throw_range(&ctx, "Invalid time value"));
    }
    let locale = super::locale::parse(&ctx, &tag)?;
    let zone_name = opts
        .get::<_, Option<String>>("timeZone")?
        .unwrap_or_else(|| "UTC".into());
    let (_, zone) = time_zone(&ctx, &zone_name)?;
    let (bag, hour12) = bag(&opts)?;
    let mut prefs = DateTimeFormatterPreferences::from(&locale);
    if let Some(h12) = hour12 {
        prefs.hour_cycle = Some(if h12 { HourCycle::H12 } else { HourCycle::H23 });
    }
    let field_set: CompositeFieldSet = bag.to_composite_field_set();
    let formatter = DateTimeFormatter::<CompositeFieldSet>::try_new(prefs, field_set)
        .map_err(|e| Exception::throw_range(&ctx, &e.to_string()))?;
    let timestamp = jiff::Timestamp::from_millisecond(epoch_ms as i64)
        .map_err(|_| Exception::throw_range(&ctx, "Invalid time value"))?;
    let zoned = timestamp.to_zoned(zone);
    let parts = super::parts::collect(&formatter.format(&zoned));
    Ok(super::parts::flat(parts))
}

pub fn install<'js>(ctx: &Ctx<'js>, native: &Object<'js>) -> Result<()> {
    native.set(
        "formatDateTime",
        Function::new(ctx.clone(), format_date_time)?,
    )?;
    native.set(
        "canonicalTimeZone",
        Function::new(ctx.clone(), canonical_time_zone)?,
    )?;
    native.set(
        "defaultTimeZone",
        Function::new(ctx.clone(), default_time_zone)?,
    )?;
    Ok(())
}
