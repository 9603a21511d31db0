//! `apiroutes:native/sqlite`: the synchronous SQLite connections behind `node:sqlite`'s
//! `DatabaseSync` (js/builtins/node_sqlite.js). As in Node, statements run on the
//! calling (JavaScript) thread; the connection closes with `close()` or when its
//! handle is garbage-collected.
//!
//! `open(path, readOnly, foreignKeys, doubleQuotedStrings)` returns a handle with
//! `exec(sql)`, `prepare(sql)` (checks the statement), `query(sql, named, anonymous,
//! mode, readBigInts, allowBareNamed)` where mode is `all`, `get`, `run` or `expand`,
//! `close()`, `isOpen()` and `inTransaction()`. Errors carry Node's `code`
//! (`ERR_SQLITE_ERROR`), `errcode` and `errstr`.

use std::cell::RefCell;
use std::path::Path;
use std::rc::Rc;

use apiroutes_store::sqlite::{errstr, open, run_statement, to_sql_error};
use apiroutes_store::{Params, SqlError, SqlValue};
use rquickjs::module::{Declarations, Exports, ModuleDef};
use rquickjs::{Array, Ctx, Exception, Function, Object, Result, Value};
use rusqlite::Connection;

use crate::sql::{integer_to_js, row_object, sql_value, throw_node_error, Integers};

/// The native module definition.
pub struct SqliteModule;

impl ModuleDef for SqliteModule {
    fn declare(declare: &Declarations) -> Result<()> {
        declare.declare("open")?;
        Ok(())
    }

    fn evaluate<'js>(ctx: &Ctx<'js>, exports: &Exports<'js>) -> Result<()> {
        exports.export("open", Function::new(ctx.clone(), open_database)?)?;
        Ok(())
    }
}

/// A database error the way `node:sqlite` throws it.
fn throw_sqlite_error(ctx: &Ctx<'_>, err: &SqlError) -> rquickjs::Error {
    let build = || -> Result<Value<'_>> {
        let error = Exception::from_message(ctx.clone(), &err.message)?;
        if err.errno != 0 {
            error.set("code", "ERR_SQLITE_ERROR")?;
            error.set("errcode", err.errno)?;
            error.set("errstr", errstr(err.errno))?;
        } else {
            error.set("code", err.code.as_str())?;
        }
        Ok(error.into_value())
    };
    match build() {
        Ok(value) => ctx.throw(value),
        Err(other) => other,
    }
}

fn closed(ctx: &Ctx<'_>) -> rquickjs::Error {
    throw_node_error(ctx, "Error", "ERR_INVALID_STATE", "database is not open")
}

/// A value as a parameter, or Node's TypeError for a value SQLite cannot hold.
fn bindable(ctx: &Ctx<'_>, value: &Value<'_>, position: usize) -> Result<SqlValue> {
    let allowed = value.is_null()
        || value.is_number()
        || value.is_big_int()
        || value.is_string()
        || (value.is_object() && !value.is_function() && !value.is_array());
    match sql_value(value).filter(|_| allowed) {
        Some(v) => Ok(v),
        None => Err(throw_node_error(
            ctx,
            "TypeError",
            "ERR_INVALID_ARG_TYPE",
            &format!("Provided value cannot be bound to SQLite parameter {position}."),
        )),
    }
}

fn params_of<'js>(
    ctx: &Ctx<'js>,
    named: Option<Object<'js>>,
    anonymous: Array<'js>,
    allow_bare_named: bool,
) -> Result<Params> {
    let mut params = Params {
        allow_bare_named,
        ..Params::default()
    };
    if let Some(named) = named {
        for (i, entry) in named.props::<String, Value>().enumerate() {
            let (key, value) = entry?;
            params.named.push((key, bindable(ctx, &value, i + 1)?));
        }
    }
    for (i, value) in anonymous.iter::<Value>().enumerate() {
        params.positional.push(bindable(ctx, &value?, i + 1)?);
    }
    Ok(params)
}

type Handle = Rc<RefCell<Option<Connection>>>;

fn with_conn<'js, T>(
    ctx: &Ctx<'js>,
    handle: &Handle,
    work: impl FnOnce(&Connection) -> Result<T>,
) -> Result<T> {
    let guard = handle.borrow();
    let conn = guard.as_ref().ok_or_else(|| closed(ctx))?;
    work(conn)
}

fn open_database<'js>(
    ctx: Ctx<'js>,
    path: String,
    read_only: bool,
    foreign_keys: bool,
    double_quoted_strings: bool,
) -> Result<Object<'js>> {
    let conn = open(Path::new(&path), read_only).map_err(|err| throw_sqlite_error(&ctx, &err))?;
    let pragmas = format!(
        "PRAGMA foreign_keys = {};",
        if foreign_keys { "ON" } else { "OFF" }
    );
    conn.execute_batch(&pragmas)
        .map_err(|err| throw_sqlite_error(&ctx, &to_sql_error(err)))?;
    conn.set_db_config(
        rusqlite::config::DbConfig::SQLITE_DBCONFIG_DQS_DML,
        double_quoted_strings,
    )
    .and_then(|_| {
        conn.set_db_config(
            rusqlite::config::DbConfig::SQLITE_DBCONFIG_DQS_DDL,
            double_quoted_strings,
        )
    })
    .map_err(|err| throw_sqlite_error(&ctx, &to_sql_error(err)))?;
    let handle: Handle = Rc::new(RefCell::new(Some(conn)));
    let object = Object::new(ctx.clone())?;

    let h = handle.clone();
    object.set(
        "exec",
        Function::new(ctx.clone(), move |ctx: Ctx<'js>, sql: String| {
            with_conn(&ctx, &h, |conn| {
                conn.execute_batch(&sql)
                    .map_err(|err| throw_sqlite_error(&ctx, &to_sql_error(err)))
            })
        })?,
    )?;

    let h = handle.clone();
    object.set(
        "prepare",
        Function::new(ctx.clone(), move |ctx: Ctx<'js>, sql: String| {
            with_conn(&ctx, &h, |conn| {
                conn.prepare_cached(&sql)
                    .map(drop)
                    .map_err(|err| throw_sqlite_error(&ctx, &to_sql_error(err)))
            })
        })?,
    )?;

    let h = handle.clone();
    object.set(
        "query",
        Function::new(
            ctx.clone(),
            move |ctx: Ctx<'js>,
                  sql: String,
                  named: Option<Object<'js>>,
                  anonymous: Array<'js>,
                  mode: String,
                  read_big_ints: bool,
                  allow_bare_named: bool|
                  -> Result<Value<'js>> {
                let params = params_of(&ctx, named, anonymous, allow_bare_named)?;
                let integers = if read_big_ints {
                    Integers::BigInt
                } else {
                    Integers::Number
                };
                with_conn(&ctx, &h, |conn| {
                    let fail = |err: SqlError| throw_sqlite_error(&ctx, &err);
                    let mut stmt = conn
                        .prepare_cached(&sql)
                        .map_err(|err| fail(to_sql_error(err)))?;
                    if mode == "expand" {
                        stmt.clear_bindings();
                        apiroutes_store::sqlite::bind(&mut stmt, &params).map_err(fail)?;
                        return rquickjs::IntoJs::into_js(
                            stmt.expanded_sql().unwrap_or_default(),
                            &ctx,
                        );
                    }
                    let result =
                        run_statement(conn, &mut stmt, &params, mode == "get").map_err(fail)?;
                    match mode.as_str() {
                        "run" => {
                            let info = Object::new(ctx.clone())?;
                            info.set(
                                "changes",
                                integer_to_js(&ctx, result.changes as i64, integers)?,
                            )?;
                            info.set(
                                "lastInsertRowid",
                                integer_to_js(&ctx, result.last_insert_rowid, integers)?,
                            )?;
                            Ok(info.into_value())
                        }
                        "get" => match result.rows.into_iter().next() {
                            Some(row) => {
                                Ok(row_object(&ctx, &result.columns, row, integers, true)?
                                    .into_value())
                            }
                            None => Ok(Value::new_undefined(ctx.clone())),
                        },
                        _ => {
                            let rows = Array::new(ctx.clone())?;
                            for (i, row) in result.rows.into_iter().enumerate() {
                                rows.set(
                                    i,
                                    row_object(&ctx, &result.columns, row, integers, true)?,
                                )?;
                            }
                            Ok(rows.into_value())
                        }
                    }
                })
            },
        )?,
    )?;

    let h = handle.clone();
    object.set(
        "close",
        Function::new(ctx.clone(), move |ctx: Ctx<'js>| -> Result<()> {
            let conn = h.borrow_mut().take().ok_or_else(|| closed(&ctx))?;
            conn.close()
                .map_err(|(_, err)| throw_sqlite_error(&ctx, &to_sql_error(err)))
        })?,
    )?;

    let h = handle.clone();
    object.set(
        "isOpen",
        Function::new(ctx.clone(), move || h.borrow().is_some())?,
    )?;

    let h = handle;
    object.set(
        "inTransaction",
        Function::new(ctx.clone(), move || {
            h.borrow()
                .as_ref()
                .is_some_and(|conn| !conn.is_autocommit())
        })?,
    )?;
    Ok(object)
}
