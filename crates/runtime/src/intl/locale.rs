//! Locale tags: parsing and canonicalizing BCP 47 tags the way `Intl.getCanonicalLocales`
//! does, with V8's error for a malformed tag; the subtags and likely-subtag expansion of
//! `Intl.Locale`; whether compiled data has a locale.

use icu_locale::LocaleCanonicalizer;
use icu_locale_core::Locale;
use rquickjs::{Ctx, Exception, Function, Object, Result};

/// Parses a tag and canonicalizes it (`en-us` → `en-US`, aliases replaced), or throws
/// V8's RangeError.
pub fn parse(ctx: &Ctx<'_>, tag: &str) -> Result<Locale> {
    let Ok(mut locale) = Locale::try_from_str(tag) else {
        return Err(Exception::throw_range(
            ctx,
            "Incorrect locale information provided",
        ));
    };
    LocaleCanonicalizer::new_extended().canonicalize(&mut locale);
    Ok(locale)
}

/// Whether ICU4X's compiled data has the locale's language (its decimal symbols resolve to
/// something other than the root locale), which is what `supportedLocalesOf` and the
/// locale negotiation of every service ask.
pub fn is_supported(locale: &Locale) -> bool {
    use icu_provider::prelude::*;
    let language = Locale::from(icu_locale_core::LanguageIdentifier::from((
        locale.id.language,
        locale.id.script,
        None,
    )));
    if language.id.language.is_unknown() {
        return false;
    }
    let data_locale = DataLocale::from(&language);
    let request = DataRequest {
        id: DataIdentifierBorrowed::for_locale(&data_locale),
        ..Default::default()
    };
    // Each marker is deduplicated against the root where a language shares it (Japanese
    // plural rules are the root's), so a language is known when any one is its own.
    fn own<M: DataMarker>(provider: &impl DataProvider<M>, request: DataRequest) -> bool {
        match provider.load(request) {
            Ok(response) => response
                .metadata
                .locale
                .is_none_or(|found| !found.is_unknown()),
            Err(_) => false,
        }
    }
    own::<icu_plurals::provider::PluralsCardinalV1>(&icu_plurals::provider::Baked, request)
        || own::<icu_list::provider::ListAndV1>(
            &icu_list::provider::Baked,
            DataRequest {
                id: DataIdentifierBorrowed::for_marker_attributes_and_locale(
                    icu_list::provider::ListFormatterPatterns::WIDE,
                    &data_locale,
                ),
                ..Default::default()
            },
        )
        || own::<icu_decimal::provider::DecimalSymbolsV1>(&icu_decimal::provider::Baked, request)
}

pub fn install<'js>(ctx: &Ctx<'js>, native: &Object<'js>) -> Result<()> {
    native.set("canonicalize", Function::new(ctx.clone(), canonicalize)?)?;
    native.set("isSupported", Function::new(ctx.clone(), supported)?)?;
    native.set("localeInfo", Function::new(ctx.clone(), locale_info)?)?;
    Ok(())
}

/// `Intl.Locale`'s fields: `[tag, baseName, language, script, region, maximized,
/// minimized]` (missing subtags are empty).
fn locale_info(ctx: Ctx<'_>, tag: String) -> Result<Vec<String>> {
    let locale = parse(&ctx, &tag)?;
    let id = &locale.id;
    let opt = |s: Option<String>| s.unwrap_or_default();
    let expander = icu_locale::LocaleExpander::new_extended();
    let mut max = id.clone();
    expander.maximize(&mut max);
    let mut min = id.clone();
    expander.minimize(&mut min);
    let with_extensions = |base: &icu_locale_core::LanguageIdentifier| {
        let mut full = locale.clone();
        full.id = base.clone();
        full.to_string()
    };
    Ok(vec![
        locale.to_string(),
        id.to_string(),
        id.language.to_string(),
        opt(id.script.map(|s| s.to_string())),
        opt(id.region.map(|r| r.to_string())),
        with_extensions(&max),
        with_extensions(&min),
    ])
}

fn canonicalize(ctx: Ctx<'_>, tag: String) -> Result<String> {
    Ok(parse(&ctx, &tag)?.to_string())
}

fn supported(ctx: Ctx<'_>, tag: String) -> Result<bool> {
    Ok(is_supported(&parse(&ctx, &tag)?))
}
