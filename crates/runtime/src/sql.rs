//! The native half of `apiroutes/sql` (js/builtins/sql.js): statements go to the
//! process-wide store (`apiroutes_store`), run on blocking threads and settle a promise,
//! so a query never blocks the worker's JavaScript. Also the value conversions that
//! `node:sqlite` (node/sqlite.rs) shares.
//!
//! Values: `null`/`undefined` → NULL, booleans → booleans (0/1 in SQLite), numbers →
//! INTEGER when whole and safe, else REAL, BigInt → INTEGER, strings → TEXT, typed
//! arrays and ArrayBuffers → BLOB/`bytea` (js/builtins/sql.js turns Dates into ISO
//! strings and objects into JSON first). Back: INTEGER → number, or BigInt past 2^53;
//! REAL → number; TEXT → string; BLOB → `Uint8Array`; NULL → `null`; and from Postgres
//! booleans, parsed JSON, `Date`s and arrays (the store decodes the column types).
//!
//! Errors are `SQLiteError`s or `PostgresError`s (Bun's names) with the database's
//! `code` (Postgres: the SQLSTATE, also as `errno`) and Postgres' other fields.

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::PathBuf;
use std::rc::Rc;

use apiroutes_store::{DatabaseUrl, Params, QueryResult, SqlError, SqlValue, Store};
use rquickjs::object::Property;
use rquickjs::{Array, BigInt, Ctx, Exception, Function, IntoJs, Object, Result, Value};

/// Largest integer a JavaScript number holds exactly.
const MAX_SAFE_INTEGER: i64 = (1 << 53) - 1;

/// A JavaScript value as a SQL parameter; `None` for a value SQL cannot hold.
pub(crate) fn sql_value(value: &Value<'_>) -> Option<SqlValue> {
    if value.is_null() || value.is_undefined() {
        return Some(SqlValue::Null);
    }
    if let Some(v) = value.as_bool() {
        return Some(SqlValue::Bool(v));
    }
    if let Some(v) = value.as_int() {
        return Some(SqlValue::Integer(i64::from(v)));
    }
    if let Some(v) = value.as_float() {
        let whole = v.fract() == 0.0 && v.abs() <= MAX_SAFE_INTEGER as f64;
        return Some(if whole {
            SqlValue::Integer(v as i64)
        } else {
            SqlValue::Real(v)
        });
    }
    if value.is_big_int() {
        let big = value.clone().into_big_int()?;
        return big.to_i64().ok().map(SqlValue::Integer);
    }
    if let Some(text) = value.as_string() {
        return text.to_string().ok().map(SqlValue::Text);
    }
    if value.is_object() && !value.is_function() {
        return crate::node::bytes_of(value).map(SqlValue::Blob);
    }
    None
}

/// How INTEGER columns become JavaScript values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Integers {
    /// A number when safe, else a BigInt (`apiroutes/sql`).
    Auto,
    /// Always a BigInt (`node:sqlite`'s `setReadBigInts(true)`).
    BigInt,
    /// A number; past 2^53 a `RangeError` (`node:sqlite`'s default).
    Number,
}

/// An INTEGER as JavaScript, per `mode`.
pub(crate) fn integer_to_js<'js>(ctx: &Ctx<'js>, v: i64, mode: Integers) -> Result<Value<'js>> {
    let safe = (-MAX_SAFE_INTEGER..=MAX_SAFE_INTEGER).contains(&v);
    match mode {
        Integers::BigInt => Ok(BigInt::from_i64(ctx.clone(), v)?.into_value()),
        Integers::Auto if !safe => Ok(BigInt::from_i64(ctx.clone(), v)?.into_value()),
        Integers::Number if !safe => Err(throw_node_error(
            ctx,
            "RangeError",
            "ERR_OUT_OF_RANGE",
            &format!("Value is too large to be represented as a JavaScript number: {v}"),
        )),
        _ => Ok(Value::new_number(ctx.clone(), v as f64)),
    }
}

/// Throws a `constructor` (`TypeError`, `RangeError`, ...) error with Node's `code`.
pub(crate) fn throw_node_error(
    ctx: &Ctx<'_>,
    constructor: &str,
    code: &str,
    message: &str,
) -> rquickjs::Error {
    let build = || -> Result<Value<'_>> {
        let error = Exception::from_message(ctx.clone(), message)?;
        error.set("code", code)?;
        let constructor: Function = ctx.globals().get(constructor)?;
        let prototype: Object = constructor.get("prototype")?;
        error.set_prototype(Some(&prototype))?;
        Ok(error.into_value())
    };
    match build() {
        Ok(error) => ctx.throw(error),
        Err(other) => other,
    }
}

/// A column value as JavaScript.
pub(crate) fn value_to_js<'js>(
    ctx: &Ctx<'js>,
    value: SqlValue,
    integers: Integers,
) -> Result<Value<'js>> {
    Ok(match value {
        SqlValue::Null => Value::new_null(ctx.clone()),
        SqlValue::Integer(v) => integer_to_js(ctx, v, integers)?,
        SqlValue::Real(v) => Value::new_number(ctx.clone(), v),
        SqlValue::Text(v) => v.into_js(ctx)?,
        SqlValue::Blob(v) => crate::node::to_uint8_array(ctx, v)?,
        SqlValue::Bool(v) => Value::new_bool(ctx.clone(), v),
        SqlValue::Json(v) => ctx.json_parse(v)?,
        SqlValue::Date(ms) => {
            let date: rquickjs::function::Constructor = ctx.globals().get("Date")?;
            date.construct((ms,))?
        }
        SqlValue::Array(values) => {
            let array = Array::new(ctx.clone())?;
            for (i, value) in values.into_iter().enumerate() {
                array.set(i, value_to_js(ctx, value, integers)?)?;
            }
            array.into_value()
        }
    })
}

/// One row as an object keyed by column name (a later column of the same name wins).
pub(crate) fn row_object<'js>(
    ctx: &Ctx<'js>,
    columns: &[String],
    row: Vec<SqlValue>,
    integers: Integers,
    null_prototype: bool,
) -> Result<Object<'js>> {
    let object = Object::new(ctx.clone())?;
    if null_prototype {
        object.set_prototype(None)?;
    }
    for (name, value) in columns.iter().zip(row) {
        object.set(name.as_str(), value_to_js(ctx, value, integers)?)?;
    }
    Ok(object)
}

/// One row as an array of values in column order.
fn row_array<'js>(ctx: &Ctx<'js>, row: Vec<SqlValue>) -> Result<Value<'js>> {
    let array = Array::new(ctx.clone())?;
    for (i, value) in row.into_iter().enumerate() {
        array.set(i, value_to_js(ctx, value, Integers::Auto)?)?;
    }
    Ok(array.into_value())
}

/// A database error as a thrown JavaScript error: `name` as Bun names it
/// (`SQLiteError`, or `PostgresError` for Postgres' errors), the database's message,
/// `code` and `errno` (Postgres: the SQLSTATE for both), and Postgres' other fields.
pub(crate) fn throw_sql_error(ctx: &Ctx<'_>, err: &SqlError, name: &str) -> rquickjs::Error {
    match Exception::from_message(ctx.clone(), &err.message) {
        Ok(exception) => {
            let _ = exception.set("name", if err.postgres { "PostgresError" } else { name });
            let _ = exception.set("code", err.code.as_str());
            if err.postgres {
                let _ = exception.set("errno", err.code.as_str());
            } else {
                let _ = exception.set("errno", err.errno);
            }
            for (key, value) in &err.fields {
                let _ = exception.set(*key, value.as_str());
            }
            ctx.throw(exception.into_value())
        }
        Err(other) => other,
    }
}

/// The settled value of a query: rows (objects, or arrays for `.values()`) with
/// `count`, `command` and `lastInsertRowid`.
struct Settled {
    outcome: std::result::Result<QueryResult, SqlError>,
    arrays: bool,
}

impl<'js> IntoJs<'js> for Settled {
    fn into_js(self, ctx: &Ctx<'js>) -> Result<Value<'js>> {
        let result = match self.outcome {
            Ok(result) => result,
            Err(err) => return Err(throw_sql_error(ctx, &err, "SQLiteError")),
        };
        let rows = Array::new(ctx.clone())?;
        let count = if result.columns.is_empty() {
            result.changes as usize
        } else {
            result.rows.len()
        };
        for (i, row) in result.rows.into_iter().enumerate() {
            let row = if self.arrays {
                row_array(ctx, row)?
            } else {
                row_object(ctx, &result.columns, row, Integers::Auto, false)?.into_value()
            };
            rows.set(i, row)?;
        }
        // Not enumerable, so that spreading, `Object.keys` and printing see the rows only.
        let object = rows.as_object();
        let hidden = |value: Value<'js>| Property::from(value).writable().configurable();
        object.prop("count", hidden(count.into_js(ctx)?))?;
        object.prop("command", hidden(result.command.into_js(ctx)?))?;
        object.prop(
            "lastInsertRowid",
            hidden(integer_to_js(
                ctx,
                result.last_insert_rowid,
                Integers::Auto,
            )?),
        )?;
        Ok(rows.into_value())
    }
}

/// The stores a worker has named: `""` is the project's (`DATABASE_URL`), others come
/// from `new SQL(url)` and are shared process-wide by URL.
struct Stores {
    default: Store,
    project_dir: PathBuf,
    by_url: HashMap<String, Store>,
}

impl Stores {
    fn get(&self, key: &str) -> std::result::Result<Store, SqlError> {
        if key.is_empty() {
            return Ok(self.default.clone());
        }
        self.by_url
            .get(key)
            .cloned()
            .ok_or_else(|| SqlError::usage("this SQL client has been closed"))
    }
}

/// Converts the parameter array of a query.
fn params_of(ctx: &Ctx<'_>, values: Array<'_>) -> Result<Params> {
    let mut positional = Vec::with_capacity(values.len());
    for (i, value) in values.iter::<Value>().enumerate() {
        let value = value?;
        match sql_value(&value) {
            Some(v) => positional.push(v),
            None => {
                return Err(Exception::throw_type(
                    ctx,
                    &format!(
                        "parameter {} ({}) cannot be sent to the database",
                        i + 1,
                        value.type_name()
                    ),
                ))
            }
        }
    }
    Ok(Params::positional(positional))
}

/// Installs `globalThis[Symbol.for('apiroutes.sql')]`, the natives of js/builtins/sql.js.
pub fn install<'js>(ctx: &Ctx<'js>, default: Store, project_dir: PathBuf) -> Result<()> {
    let stores = Rc::new(RefCell::new(Stores {
        default,
        project_dir,
        by_url: HashMap::new(),
    }));
    let natives = Object::new(ctx.clone())?;

    let opened = stores.clone();
    natives.set(
        "open",
        Function::new(
            ctx.clone(),
            move |ctx: Ctx<'_>, url: String| -> Result<String> {
                let mut stores = opened.borrow_mut();
                let parsed = DatabaseUrl::parse(Some(&url), &stores.project_dir)
                    .map_err(|message| Exception::throw_type(&ctx, &message))?;
                stores
                    .by_url
                    .entry(url.clone())
                    .or_insert_with(|| Store::shared(parsed));
                Ok(url)
            },
        )?,
    )?;

    let dialects = stores.clone();
    natives.set(
        "dialect",
        Function::new(
            ctx.clone(),
            move |ctx: Ctx<'_>, key: String| -> Result<String> {
                let store = dialects
                    .borrow()
                    .get(&key)
                    .map_err(|err| throw_sql_error(&ctx, &err, "SQLiteError"))?;
                Ok(store.url().dialect().to_string())
            },
        )?,
    )?;

    let queries = stores.clone();
    natives.set(
        "query",
        Function::new(
            ctx.clone(),
            move |ctx: Ctx<'js>,
                  key: String,
                  text: String,
                  values: Array<'js>,
                  transaction: Option<f64>,
                  arrays: Option<bool>|
                  -> Result<rquickjs::Promise<'js>> {
                let params = params_of(&ctx, values)?;
                let store = queries.borrow().get(&key);
                let arrays = arrays.unwrap_or(false);
                rquickjs::Promise::wrap_future(&ctx, async move {
                    let outcome = match store {
                        Ok(store) => {
                            store
                                .query(text, params, transaction.map(|id| id as u64))
                                .await
                        }
                        Err(err) => Err(err),
                    };
                    Settled { outcome, arrays }
                })
            },
        )?,
    )?;

    let begins = stores.clone();
    natives.set(
        "begin",
        Function::new(
            ctx.clone(),
            move |ctx: Ctx<'js>, key: String| -> Result<rquickjs::Promise<'js>> {
                let store = begins.borrow().get(&key);
                rquickjs::Promise::wrap_future(&ctx, async move {
                    Outcome(match store {
                        Ok(store) => store.begin().await.map(|id| id as f64),
                        Err(err) => Err(err),
                    })
                })
            },
        )?,
    )?;

    let ends = stores;
    natives.set(
        "end",
        Function::new(
            ctx.clone(),
            move |ctx: Ctx<'js>,
                  key: String,
                  transaction: f64,
                  commit: bool|
                  -> Result<rquickjs::Promise<'js>> {
                let store = ends.borrow().get(&key);
                rquickjs::Promise::wrap_future(&ctx, async move {
                    Outcome(match store {
                        Ok(store) => store.end(transaction as u64, commit).await,
                        Err(err) => Err(err),
                    })
                })
            },
        )?,
    )?;

    let key: rquickjs::Symbol = ctx.eval("Symbol.for('apiroutes.sql')")?;
    ctx.globals().set(key, natives)?;
    Ok(())
}

/// A transaction step's outcome: its value, or a rejection as a `SQLiteError`.
struct Outcome<T>(std::result::Result<T, SqlError>);

impl<'js, T: IntoJs<'js>> IntoJs<'js> for Outcome<T> {
    fn into_js(self, ctx: &Ctx<'js>) -> Result<Value<'js>> {
        match self.0 {
            Ok(value) => value.into_js(ctx),
            Err(err) => Err(throw_sql_error(ctx, &err, "SQLiteError")),
        }
    }
}
