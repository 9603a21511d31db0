//! `Intl.ListFormat`: ICU4X's conjunction, disjunction and unit lists in the long, short
//! and narrow widths, with the `element` and `literal` parts.

use icu_list::options::{ListFormatterOptions, ListLength};
use icu_list::ListFormatter;
use rquickjs::{Ctx, Exception, Function, Object, Result};

fn format_list(
    ctx: Ctx<'_>,
    tag: String,
    kind: String,
    style: String,
    items: Vec<String>,
) -> Result<Vec<String>> {
    let locale = super::locale::parse(&ctx, &tag)?;
    let length = match style.as_str() {
        "short" => ListLength::Short,
        "narrow" => ListLength::Narrow,
        _ => ListLength::Wide,
    };
    let options = ListFormatterOptions::default().with_length(length);
    let prefs = (&locale).into();
    let formatter = match kind.as_str() {
        "disjunction" => ListFormatter::try_new_or(prefs, options),
        "unit" => ListFormatter::try_new_unit(prefs, options),
        _ => ListFormatter::try_new_and(prefs, options),
    }
    .map_err(|e| Exception::throw_range(&ctx, &e.to_string()))?;
    let parts = super::parts::collect(&formatter.format(items.iter().map(|s| s.as_str())));
    Ok(super::parts::flat(parts))
}

pub fn install<'js>(ctx: &Ctx<'js>, native: &Object<'js>) -> Result<()> {
    native.set("formatList", Function::new(ctx.clone(), format_list)?)?;
    Ok(())
}
