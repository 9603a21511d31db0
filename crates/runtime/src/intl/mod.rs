//! `Intl` on ICU4X with compiled data: the native halves of the services that
//! `js/web/intl.js` builds the ECMA-402 classes from (option reading, defaults and the
//! class shapes are there; locale data and formatting are here).
//!
//! Installed as the global `__apiroutesIntl`, which the script takes and deletes. One file
//! per service: `locale.rs` (tags), `number.rs` (`Intl.NumberFormat`), `datetime.rs`
//! (`Intl.DateTimeFormat`, time zones), `collator.rs` (`Intl.Collator`), `plural.rs`
//! (`Intl.PluralRules`), `list.rs` (`Intl.ListFormat`), `relative_time.rs`
//! (`Intl.RelativeTimeFormat`), `segmenter.rs` (`Intl.Segmenter`);
//! `parts.rs` collects annotated
//! output as parts.

mod collator;
mod datetime;
mod list;
mod locale;
mod number;
mod parts;
mod plural;
mod relative_time;
mod segmenter;

use rquickjs::{Ctx, Object, Result};

/// Defines `__apiroutesIntl` with the native functions `js/web/intl.js` uses.
pub fn install(ctx: &Ctx<'_>) -> Result<()> {
    let native = Object::new(ctx.clone())?;
    locale::install(ctx, &native)?;
    number::install(ctx, &native)?;
    datetime::install(ctx, &native)?;
    collator::install(ctx, &native)?;
    plural::install(ctx, &native)?;
    list::install(ctx, &native)?;
    relative_time::install(ctx, &native)?;
    segmenter::install(ctx, &native)?;
    ctx.globals().set("__apiroutesIntl", native)?;
    Ok(())
}
