//! Postgres: a pool of connections per `DATABASE_URL` (deadpool-postgres over
//! tokio-postgres, TLS by rustls), shared by every worker of the process, and the value
//! conversions both ways.
//!
//! The pool and its connections live on a runtime of their own ([`runtime`]): a worker's
//! runtime is busy running JavaScript, so a connection driven there would stall every
//! other worker's queries. Workers await the query's task from their own loop.
//!
//! Parameters are sent as postgres.js sends them: in text form with the type left to the
//! server to infer from the statement (booleans typed `bool`, bytes `bytea`, sent in
//! binary). Results arrive in Postgres' binary format and are decoded by type here:
//! `int2`/`int4`/`oid` → integers, `int8` and `numeric` → decimal text (as Bun's `SQL`
//! returns them), `float4`/`float8` → reals, `bool`, `bytea` → bytes, `json`/`jsonb` →
//! JSON, `date`/`timestamp`/`timestamptz` → dates (a `timestamp` without zone as UTC),
//! `time`, `uuid`, `interval` and text-like types → text, arrays → arrays. Other types
//! are an error that says to cast the column to `text`.

use std::collections::HashMap;
use std::error::Error as StdError;
use std::fmt::Write as _;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use bytes::BytesMut;
use deadpool_postgres::{Manager, ManagerConfig, Object, RecyclingMethod};
use futures_util::{pin_mut, TryStreamExt};
use tokio_postgres::config::SslMode;
use tokio_postgres::error::ErrorPosition;
use tokio_postgres::types::{to_sql_checked, Format, FromSql, IsNull, Kind, ToSql, Type};
use tokio_postgres_rustls::MakeRustlsConnect;

use crate::redact;
use crate::value::{command_of, Params, QueryResult, SqlError, SqlValue};

/// Connections per database URL.
const POOL_SIZE: usize = 10;
/// How long connecting may take when the URL sets no `connect_timeout`.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// Milliseconds from the Unix epoch to Postgres' epoch, 2000-01-01.
const PG_EPOCH_MS: f64 = 946_684_800_000.0;

/// The runtime that drives every Postgres connection of the process.
pub fn runtime() -> &'static tokio::runtime::Runtime {
    static RUNTIME: OnceLock<tokio::runtime::Runtime> = OnceLock::new();
    RUNTIME.get_or_init(|| {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("apiroutes-postgres")
            .enable_all()
            .build()
            .expect("the Postgres runtime starts")
    })
}

/// Runs `work` on the Postgres runtime and waits for it from any runtime (or none).
async fn on_runtime<T: Send + 'static>(
    work: impl std::future::Future<Output = Result<T, SqlError>> + Send + 'static,
) -> Result<T, SqlError> {
    runtime()
        .spawn(work)
        .await
        .map_err(|err| SqlError::usage(format!("Postgres task failed: {err}")))?
}

/// Blocks the calling thread (outside any runtime's async code) on `work`.
pub fn block_on<T: Send + 'static>(
    work: impl std::future::Future<Output = Result<T, SqlError>> + Send + 'static,
) -> Result<T, SqlError> {
    let (sender, receiver) = std::sync::mpsc::channel();
    runtime().spawn(async move {
        let _ = sender.send(work.await);
    });
    receiver
        .recv()
        .map_err(|_| SqlError::usage("the Postgres task ended without an answer"))?
}

/// A parsed `postgres://` URL: the connection settings and the TLS to use.
pub struct Target {
    pub config: tokio_postgres::Config,
    pub tls: MakeRustlsConnect,
    /// The URL with its password hidden, for messages.
    pub shown: String,
}

/// Parses `url` the way libpq does where tokio-postgres does not: `sslmode` also takes
/// `allow`, `verify-ca` and `verify-full`, and `sslrootcert=FILE` adds trusted roots.
/// `disable` sends plain text; `allow`/`prefer` (the default) try TLS without checking
/// the certificate and fall back to plain; `require` insists on TLS without checking the
/// certificate (libpq's meaning); `verify-ca`/`verify-full` check it against the Web PKI
/// roots and `sslrootcert`, with the host name.
pub fn target(url: &str) -> Result<Target, SqlError> {
    let shown = redact(url);
    let bad = |why: String| SqlError::usage(format!("DATABASE_URL {shown}: {why}"));
    let (base, query) = url.split_once('?').unwrap_or((url, ""));
    let mut kept = Vec::new();
    let mut mode = "prefer".to_string();
    let mut root_cert = None;
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        match key {
            "sslmode" | "ssl" => mode = value.to_string(),
            "sslrootcert" => root_cert = Some(value.to_string()),
            _ => kept.push(pair),
        }
    }
    let (ssl_mode, verify) = match mode.as_str() {
        "disable" | "false" => (SslMode::Disable, false),
        "allow" | "prefer" => (SslMode::Prefer, false),
        "require" | "true" | "no-verify" => (SslMode::Require, false),
        "verify-ca" | "verify-full" => (SslMode::Require, true),
        other => return Err(bad(format!("unknown sslmode `{other}`"))),
    };
    let plain = if kept.is_empty() {
        base.to_string()
    } else {
        format!("{base}?{}", kept.join("&"))
    };
    let mut config: tokio_postgres::Config = plain.parse().map_err(|err| bad(format!("{err}")))?;
    config.ssl_mode(ssl_mode);
    if config.get_connect_timeout().is_none() {
        config.connect_timeout(CONNECT_TIMEOUT);
    }
    if config.get_application_name().is_none() {
        config.application_name("apiroutes");
    }
    let tls = tls_config(verify, root_cert.as_deref()).map_err(bad)?;
    Ok(Target {
        config,
        tls: MakeRustlsConnect::new(tls),
        shown,
    })
}

fn tls_config(verify: bool, root_cert: Option<&str>) -> Result<rustls::ClientConfig, String> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let builder = rustls::ClientConfig::builder_with_provider(provider.clone())
        .with_safe_default_protocol_versions()
        .map_err(|err| err.to_string())?;
    if !verify {
        return Ok(builder
            .dangerous()
            .with_custom_certificate_verifier(Arc::new(NoVerification(provider)))
            .with_no_client_auth());
    }
    let mut roots = rustls::RootCertStore::empty();
    roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
    if let Some(path) = root_cert {
        let pem = std::fs::read(path).map_err(|err| format!("sslrootcert {path}: {err}"))?;
        for cert in rustls_pemfile::certs(&mut pem.as_slice()) {
            let cert = cert.map_err(|err| format!("sslrootcert {path}: {err}"))?;
            roots
                .add(cert)
                .map_err(|err| format!("sslrootcert {path}: {err}"))?;
        }
    }
    Ok(builder.with_root_certificates(roots).with_no_client_auth())
}

/// `sslmode=require`: encrypted, the certificate not checked (as libpq does).
#[derive(Debug)]
struct NoVerification(Arc<rustls::crypto::CryptoProvider>);

impl rustls::client::danger::ServerCertVerifier for NoVerification {
    fn verify_server_cert(
        &self,
        _end_entity: &rustls::pki_types::CertificateDer<'_>,
        _intermediates: &[rustls::pki_types::CertificateDer<'_>],
        _server_name: &rustls::pki_types::ServerName<'_>,
        _ocsp: &[u8],
        _now: rustls::pki_types::UnixTime,
    ) -> Result<rustls::client::danger::ServerCertVerified, rustls::Error> {
        Ok(rustls::client::danger::ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &rustls::pki_types::CertificateDer<'_>,
        dss: &rustls::DigitallySignedStruct,
    ) -> Result<rustls::client::danger::HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &rustls::pki_types::CertificateDer<'_>,
        dss: &rustls::DigitallySignedStruct,
    ) -> Result<rustls::client::danger::HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<rustls::SignatureScheme> {
        self.0.signature_verification_algorithms.supported_schemes()
    }
}

/// Converts tokio-postgres' error: a server error keeps its SQLSTATE and fields; a
/// connection failure says which server (password hidden) could not be reached.
pub fn to_sql_error(err: &tokio_postgres::Error, shown: &str) -> SqlError {
    let Some(db) = err.as_db_error() else {
        let mut message = err.to_string();
        let mut source = err.source();
        while let Some(cause) = source {
            let text = cause.to_string();
            if !message.contains(&text) {
                let _ = write!(message, ": {text}");
            }
            source = cause.source();
        }
        let code = if err.is_closed() {
            "ERR_POSTGRES_CONNECTION_CLOSED"
        } else {
            "ERR_POSTGRES_CONNECTION_FAILED"
        };
        return SqlError {
            message: format!("Postgres at {shown}: {message}"),
            code: code.into(),
            postgres: true,
            ..SqlError::default()
        };
    };
    let mut fields: Vec<(&'static str, String)> = vec![("severity", db.severity().to_string())];
    let mut add = |name: &'static str, value: Option<&str>| {
        if let Some(value) = value {
            fields.push((name, value.to_string()));
        }
    };
    add("detail", db.detail());
    add("hint", db.hint());
    add("where", db.where_());
    add("schema", db.schema());
    add("table", db.table());
    add("column", db.column());
    add("dataType", db.datatype());
    add("constraint", db.constraint());
    add("file", db.file());
    add("routine", db.routine());
    if let Some(line) = db.line() {
        fields.push(("line", line.to_string()));
    }
    if let Some(ErrorPosition::Original(position)) = db.position() {
        fields.push(("position", position.to_string()));
    }
    SqlError {
        message: db.message().to_string(),
        code: db.code().code().to_string(),
        postgres: true,
        fields,
        ..SqlError::default()
    }
}

fn pool_error(err: deadpool_postgres::PoolError, shown: &str) -> SqlError {
    match err {
        deadpool_postgres::PoolError::Backend(err) => to_sql_error(&err, shown),
        other => SqlError {
            message: format!("Postgres at {shown}: {other}"),
            code: "ERR_POSTGRES_CONNECTION_FAILED".into(),
            postgres: true,
            ..SqlError::default()
        },
    }
}

/// A parameter, encoded for the type the server inferred.
struct Param<'a>(&'a SqlValue);

impl std::fmt::Debug for Param<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl ToSql for Param<'_> {
    fn to_sql(
        &self,
        ty: &Type,
        out: &mut BytesMut,
    ) -> Result<IsNull, Box<dyn StdError + Sync + Send>> {
        let text = match self.0 {
            SqlValue::Null => return Ok(IsNull::Yes),
            SqlValue::Blob(bytes) if *ty == Type::BYTEA => {
                out.extend_from_slice(bytes);
                return Ok(IsNull::No);
            }
            SqlValue::Blob(_) => {
                return Err(format!("bytes cannot be sent as a value of type {ty}").into())
            }
            SqlValue::Integer(v) => v.to_string(),
            SqlValue::Real(v) | SqlValue::Date(v) if v.is_nan() => "NaN".into(),
            SqlValue::Real(v) | SqlValue::Date(v) if v.is_infinite() => {
                if *v > 0.0 { "Infinity" } else { "-Infinity" }.into()
            }
            SqlValue::Real(v) | SqlValue::Date(v) => v.to_string(),
            SqlValue::Bool(v) => if *v { "t" } else { "f" }.into(),
            SqlValue::Text(v) | SqlValue::Json(v) => v.clone(),
            SqlValue::Array(_) => return Err("nested arrays are sent as text".into()),
        };
        out.extend_from_slice(text.as_bytes());
        Ok(IsNull::No)
    }

    fn accepts(_: &Type) -> bool {
        true
    }

    fn encode_format(&self, ty: &Type) -> Format {
        if matches!(self.0, SqlValue::Blob(_)) && *ty == Type::BYTEA {
            Format::Binary
        } else {
            Format::Text
        }
    }

    to_sql_checked!();
}

/// The type a parameter is declared with: left to the server, except booleans and bytes.
fn declared_type(value: &SqlValue) -> Type {
    match value {
        SqlValue::Bool(_) => Type::BOOL,
        SqlValue::Blob(_) => Type::BYTEA,
        _ => Type::new(String::new(), 0, Kind::Pseudo, String::new()),
    }
}

/// A column value, decoded from Postgres' binary format.
struct Cell(SqlValue);

impl<'a> FromSql<'a> for Cell {
    fn from_sql(ty: &Type, raw: &'a [u8]) -> Result<Self, Box<dyn StdError + Sync + Send>> {
        decode(ty, raw).map(Cell)
    }

    fn from_sql_null(_: &Type) -> Result<Self, Box<dyn StdError + Sync + Send>> {
        Ok(Cell(SqlValue::Null))
    }

    fn accepts(_: &Type) -> bool {
        true
    }
}

type DecodeResult = Result<SqlValue, Box<dyn StdError + Sync + Send>>;

fn be<const N: usize>(raw: &[u8], at: usize) -> Result<[u8; N], Box<dyn StdError + Sync + Send>> {
    raw.get(at..at + N)
        .and_then(|bytes| bytes.try_into().ok())
        .ok_or_else(|| "a value shorter than its type".into())
}

fn text(raw: &[u8]) -> DecodeResult {
    Ok(SqlValue::Text(String::from_utf8_lossy(raw).into_owned()))
}

fn decode(ty: &Type, raw: &[u8]) -> DecodeResult {
    match ty.kind() {
        Kind::Array(element) => return decode_array(element, raw),
        Kind::Domain(inner) => return decode(inner, raw),
        Kind::Enum(_) => return text(raw),
        _ => {}
    }
    Ok(match *ty {
        Type::BOOL => SqlValue::Bool(raw.first() == Some(&1)),
        Type::INT2 => SqlValue::Integer(i16::from_be_bytes(be(raw, 0)?).into()),
        Type::INT4 => SqlValue::Integer(i32::from_be_bytes(be(raw, 0)?).into()),
        Type::OID | Type::XID | Type::CID | Type::REGPROC | Type::REGCLASS | Type::REGTYPE => {
            SqlValue::Integer(u32::from_be_bytes(be(raw, 0)?).into())
        }
        Type::INT8 => SqlValue::Text(i64::from_be_bytes(be(raw, 0)?).to_string()),
        Type::FLOAT4 => SqlValue::Real(f32::from_be_bytes(be(raw, 0)?).into()),
        Type::FLOAT8 => SqlValue::Real(f64::from_be_bytes(be(raw, 0)?)),
        Type::NUMERIC => SqlValue::Text(numeric(raw)?),
        Type::BYTEA => SqlValue::Blob(raw.to_vec()),
        Type::JSON => SqlValue::Json(String::from_utf8_lossy(raw).into_owned()),
        Type::JSONB => SqlValue::Json(String::from_utf8_lossy(raw.get(1..).unwrap_or(&[])).into()),
        Type::DATE => match i32::from_be_bytes(be(raw, 0)?) {
            i32::MAX | i32::MIN => SqlValue::Date(f64::NAN),
            days => SqlValue::Date(PG_EPOCH_MS + f64::from(days) * 86_400_000.0),
        },
        Type::TIMESTAMP | Type::TIMESTAMPTZ => match i64::from_be_bytes(be(raw, 0)?) {
            i64::MAX | i64::MIN => SqlValue::Date(f64::NAN),
            micros => SqlValue::Date(PG_EPOCH_MS + micros.div_euclid(1000) as f64),
        },
        Type::TIME => SqlValue::Text(time_of_day(i64::from_be_bytes(be(raw, 0)?))),
        Type::TIMETZ => {
            let mut out = time_of_day(i64::from_be_bytes(be(raw, 0)?));
            let west = i32::from_be_bytes(be(raw, 8)?);
            let east = -west;
            let (sign, east) = if east < 0 { ('-', -east) } else { ('+', east) };
            let _ = write!(out, "{sign}{:02}", east / 3600);
            if east % 3600 != 0 {
                let _ = write!(out, ":{:02}", east % 3600 / 60);
            }
            SqlValue::Text(out)
        }
        Type::INTERVAL => SqlValue::Text(interval(
            i64::from_be_bytes(be(raw, 0)?),
            i32::from_be_bytes(be(raw, 8)?),
            i32::from_be_bytes(be(raw, 12)?),
        )),
        Type::UUID => {
            let hex: String = raw.iter().map(|b| format!("{b:02x}")).collect();
            if hex.len() != 32 {
                return Err("a uuid of the wrong length".into());
            }
            SqlValue::Text(format!(
                "{}-{}-{}-{}-{}",
                &hex[..8],
                &hex[8..12],
                &hex[12..16],
                &hex[16..20],
                &hex[20..]
            ))
        }
        Type::TEXT | Type::VARCHAR | Type::BPCHAR | Type::NAME | Type::CHAR | Type::UNKNOWN => {
            return text(raw)
        }
        Type::XML => return text(raw),
        _ if ty.name() == "citext" => return text(raw),
        _ => {
            return Err(format!(
                "values of type {} cannot be read yet; cast the column to text (::text)",
                ty.name()
            )
            .into())
        }
    })
}

/// A binary array: dimensions, then the elements in row-major order.
fn decode_array(element: &Type, raw: &[u8]) -> DecodeResult {
    let dimensions = i32::from_be_bytes(be(raw, 0)?).max(0) as usize;
    let mut lengths = Vec::with_capacity(dimensions);
    for d in 0..dimensions {
        lengths.push(i32::from_be_bytes(be(raw, 12 + d * 8)?).max(0) as usize);
    }
    let mut at = 12 + dimensions * 8;
    let total: usize = if dimensions == 0 {
        0
    } else {
        lengths.iter().product()
    };
    let mut flat = Vec::with_capacity(total);
    for _ in 0..total {
        let len = i32::from_be_bytes(be(raw, at)?);
        at += 4;
        if len < 0 {
            flat.push(SqlValue::Null);
            continue;
        }
        let end = at + len as usize;
        let bytes = raw.get(at..end).ok_or("an array shorter than its header")?;
        flat.push(decode(element, bytes)?);
        at = end;
    }
    fn nest(values: &mut std::vec::IntoIter<SqlValue>, lengths: &[usize]) -> SqlValue {
        match lengths {
            [] => values.next().unwrap_or(SqlValue::Null),
            [len] => SqlValue::Array(values.take(*len).collect()),
            [len, rest @ ..] => SqlValue::Array((0..*len).map(|_| nest(values, rest)).collect()),
        }
    }
    if dimensions == 0 {
        return Ok(SqlValue::Array(Vec::new()));
    }
    Ok(nest(&mut flat.into_iter(), &lengths))
}

/// `numeric` in binary (base-10000 digits, weight, sign, display scale) as decimal text.
fn numeric(raw: &[u8]) -> Result<String, Box<dyn StdError + Sync + Send>> {
    let count = u16::from_be_bytes(be(raw, 0)?) as usize;
    let weight = i16::from_be_bytes(be(raw, 2)?) as i64;
    let sign = u16::from_be_bytes(be(raw, 4)?);
    let scale = u16::from_be_bytes(be(raw, 6)?) as usize;
    match sign {
        0xC000 => return Ok("NaN".into()),
        0xD000 => return Ok("Infinity".into()),
        0xF000 => return Ok("-Infinity".into()),
        _ => {}
    }
    let mut digits = Vec::with_capacity(count);
    for i in 0..count {
        digits.push(i16::from_be_bytes(be(raw, 8 + i * 2)?));
    }
    let digit = |k: i64| -> i16 {
        usize::try_from(k)
            .ok()
            .and_then(|k| digits.get(k).copied())
            .unwrap_or(0)
    };
    let mut out = String::new();
    if sign == 0x4000 {
        out.push('-');
    }
    if weight < 0 {
        out.push('0');
    } else {
        for k in 0..=weight {
            if k == 0 {
                let _ = write!(out, "{}", digit(k));
            } else {
                let _ = write!(out, "{:04}", digit(k));
            }
        }
    }
    if scale > 0 {
        let mut fraction = String::new();
        let mut j = 1;
        while fraction.len() < scale {
            let _ = write!(fraction, "{:04}", digit(weight + j));
            j += 1;
        }
        fraction.truncate(scale);
        out.push('.');
        out.push_str(&fraction);
    }
    Ok(out)
}

/// Microseconds since midnight as Postgres prints a `time`: `HH:MM:SS[.ffffff]`.
fn time_of_day(micros: i64) -> String {
    let seconds = micros / 1_000_000;
    let mut out = format!(
        "{:02}:{:02}:{:02}",
        seconds / 3600,
        seconds % 3600 / 60,
        seconds % 60
    );
    let fraction = micros % 1_000_000;
    if fraction != 0 {
        let digits = format!("{fraction:06}");
        out.push('.');
        out.push_str(digits.trim_end_matches('0'));
    }
    out
}

/// An `interval` as Postgres prints it by default (`1 year 2 mons 3 days 04:05:06`).
fn interval(micros: i64, days: i32, months: i32) -> String {
    let mut parts = Vec::new();
    let plural = |n: i64, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let (years, months) = (i64::from(months) / 12, i64::from(months) % 12);
    if years != 0 {
        parts.push(plural(years, "year", "years"));
    }
    if months != 0 {
        parts.push(plural(months, "mon", "mons"));
    }
    if days != 0 {
        parts.push(plural(days.into(), "day", "days"));
    }
    if micros != 0 || parts.is_empty() {
        let sign = if micros < 0 { "-" } else { "" };
        parts.push(format!("{sign}{}", time_of_day(micros.abs())));
    }
    parts.join(" ")
}

/// Runs one statement on `client`: with parameters (or a single statement) through the
/// extended protocol, prepared once per connection; a parameterless script of several
/// statements through the simple protocol (the result is the last statement's).
async fn run(
    client: &Object,
    text: &str,
    params: &Params,
    shown: &str,
) -> Result<QueryResult, SqlError> {
    if !params.named.is_empty() {
        return Err(SqlError::usage(
            "Postgres takes positional parameters ($1, $2, ...) only",
        ));
    }
    if params.positional.is_empty() && split(text).len() > 1 {
        return simple(client, text, shown).await;
    }
    let types: Vec<Type> = params.positional.iter().map(declared_type).collect();
    let statement = client
        .prepare_typed_cached(text, &types)
        .await
        .map_err(|err| to_sql_error(&err, shown))?;
    if statement.params().len() != params.positional.len() {
        return Err(SqlError {
            message: format!(
                "the statement takes {} parameter(s), {} given",
                statement.params().len(),
                params.positional.len()
            ),
            code: "08P01".into(),
            postgres: true,
            ..SqlError::default()
        });
    }
    let columns: Vec<String> = statement
        .columns()
        .iter()
        .map(|c| c.name().to_string())
        .collect();
    let values: Vec<Param<'_>> = params.positional.iter().map(Param).collect();
    let stream = client
        .query_raw(&statement, values.iter())
        .await
        .map_err(|err| to_sql_error(&err, shown))?;
    pin_mut!(stream);
    let mut rows = Vec::new();
    while let Some(row) = stream
        .try_next()
        .await
        .map_err(|err| to_sql_error(&err, shown))?
    {
        let mut values = Vec::with_capacity(columns.len());
        for (i, column) in columns.iter().enumerate() {
            let cell: Cell = row.try_get(i).map_err(|err| {
                let why = err.source().map(|s| s.to_string()).unwrap_or_default();
                SqlError::usage(format!("column \"{column}\": {why}"))
            })?;
            values.push(cell.0);
        }
        rows.push(values);
    }
    let changes = stream.rows_affected().unwrap_or(0);
    Ok(QueryResult {
        columns,
        rows,
        changes,
        last_insert_rowid: 0,
        command: command_of(text),
    })
}

/// A parameterless script through the simple protocol.
async fn simple(client: &Object, text: &str, shown: &str) -> Result<QueryResult, SqlError> {
    let messages = client
        .simple_query(text)
        .await
        .map_err(|err| to_sql_error(&err, shown))?;
    let mut result = QueryResult {
        command: command_of(text),
        ..QueryResult::default()
    };
    for message in messages {
        match message {
            tokio_postgres::SimpleQueryMessage::RowDescription(columns) => {
                result.columns = columns.iter().map(|c| c.name().to_string()).collect();
                result.rows.clear();
            }
            tokio_postgres::SimpleQueryMessage::Row(row) => {
                let values = (0..row.len())
                    .map(|i| {
                        row.get(i)
                            .map_or(SqlValue::Null, |v| SqlValue::Text(v.to_string()))
                    })
                    .collect();
                result.rows.push(values);
            }
            tokio_postgres::SimpleQueryMessage::CommandComplete(changes) => {
                result.changes = changes;
            }
            _ => {}
        }
    }
    Ok(result)
}

/// Splits a script into statements at top-level semicolons (outside quotes, dollar
/// quotes and comments), each with the 1-based line its code starts on.
pub fn split(text: &str) -> Vec<(usize, &str)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    fn push<'a>(text: &'a str, from: usize, to: usize, out: &mut Vec<(usize, &'a str)>) {
        let chunk = &text[from..to];
        let code = crate::value::code_offset(chunk);
        let rest = chunk[code..].trim();
        if !rest.is_empty() && rest != ";" {
            let line = text[..from + code].matches('\n').count() + 1;
            out.push((line, chunk));
        }
    }
    while i < bytes.len() {
        match bytes[i] {
            b'\'' | b'"' => {
                let quote = bytes[i];
                i += 1;
                while i < bytes.len() {
                    if bytes[i] == quote {
                        if bytes.get(i + 1) == Some(&quote) {
                            i += 1;
                        } else {
                            break;
                        }
                    }
                    i += 1;
                }
            }
            b'-' if bytes.get(i + 1) == Some(&b'-') => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                let mut depth = 0;
                while i < bytes.len() {
                    if bytes[i..].starts_with(b"/*") {
                        depth += 1;
                        i += 1;
                    } else if bytes[i..].starts_with(b"*/") {
                        depth -= 1;
                        i += 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    i += 1;
                }
            }
            b'$' => {
                let tag_end = bytes[i + 1..]
                    .iter()
                    .position(|b| !(b.is_ascii_alphanumeric() || *b == b'_'))
                    .map(|n| i + 1 + n);
                let preceded_by_word =
                    i > 0 && (bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_');
                if let Some(end) = tag_end.filter(|&end| bytes[end] == b'$' && !preceded_by_word) {
                    let tag = &text[i..=end];
                    if !tag[1..tag.len() - 1].starts_with(|c: char| c.is_ascii_digit()) {
                        match text[end + 1..].find(tag) {
                            Some(close) => i = end + 1 + close + tag.len() - 1,
                            None => i = bytes.len(),
                        }
                    }
                }
            }
            b';' => {
                push(text, start, i + 1, &mut out);
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    push(text, start, bytes.len(), &mut out);
    out
}

/// A connection checked out for a transaction.
type Slot = Arc<tokio::sync::Mutex<Option<Object>>>;

/// The connections to one Postgres database, shared by every worker of the process.
pub struct Pool {
    pool: deadpool_postgres::Pool,
    shown: String,
    transactions: Mutex<HashMap<u64, Slot>>,
    next_transaction: AtomicU64,
}

impl Pool {
    /// Builds the pool; nothing connects until the first query.
    pub fn open(url: &str) -> Result<Self, SqlError> {
        let target = target(url)?;
        let manager = Manager::from_config(
            target.config,
            target.tls,
            ManagerConfig {
                recycling_method: RecyclingMethod::Fast,
            },
        );
        let pool = deadpool_postgres::Pool::builder(manager)
            .max_size(POOL_SIZE)
            .runtime(deadpool_postgres::Runtime::Tokio1)
            .build()
            .map_err(|err| SqlError::usage(format!("{}: {err}", target.shown)))?;
        Ok(Self {
            pool,
            shown: target.shown,
            transactions: Mutex::new(HashMap::new()),
            next_transaction: AtomicU64::new(1),
        })
    }

    async fn connection(&self) -> Result<Object, SqlError> {
        self.pool
            .get()
            .await
            .map_err(|err| pool_error(err, &self.shown))
    }

    /// One statement outside any transaction.
    pub async fn query(
        self: &Arc<Self>,
        text: String,
        params: Params,
    ) -> Result<QueryResult, SqlError> {
        let pool = self.clone();
        on_runtime(async move {
            let client = pool.connection().await?;
            run(&client, &text, &params, &pool.shown).await
        })
        .await
    }

    /// Starts a transaction on a connection of its own.
    pub async fn begin(self: &Arc<Self>) -> Result<u64, SqlError> {
        let pool = self.clone();
        on_runtime(async move {
            let client = pool.connection().await?;
            client
                .batch_execute("BEGIN")
                .await
                .map_err(|err| to_sql_error(&err, &pool.shown))?;
            let id = pool.next_transaction.fetch_add(1, Ordering::Relaxed);
            pool.transactions
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .insert(id, Arc::new(tokio::sync::Mutex::new(Some(client))));
            Ok(id)
        })
        .await
    }

    fn transaction(&self, id: u64) -> Result<Slot, SqlError> {
        self.transactions
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(&id)
            .cloned()
            .ok_or_else(|| SqlError::usage("the transaction has already ended"))
    }

    /// One statement inside transaction `id` (its statements run in turn).
    pub async fn query_in(
        self: &Arc<Self>,
        id: u64,
        text: String,
        params: Params,
    ) -> Result<QueryResult, SqlError> {
        let slot = self.transaction(id)?;
        let shown = self.shown.clone();
        on_runtime(async move {
            let guard = slot.lock().await;
            let client = guard
                .as_ref()
                .ok_or_else(|| SqlError::usage("the transaction has already ended"))?;
            run(client, &text, &params, &shown).await
        })
        .await
    }

    /// Commits (or rolls back) transaction `id` and returns its connection to the pool.
    pub async fn end(self: &Arc<Self>, id: u64, commit: bool) -> Result<(), SqlError> {
        let slot = self
            .transactions
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(&id)
            .ok_or_else(|| SqlError::usage("the transaction has already ended"))?;
        let shown = self.shown.clone();
        on_runtime(async move {
            let client = slot
                .lock()
                .await
                .take()
                .ok_or_else(|| SqlError::usage("the transaction has already ended"))?;
            let result = client
                .batch_execute(if commit { "COMMIT" } else { "ROLLBACK" })
                .await
                .map_err(|err| to_sql_error(&err, &shown));
            if result.is_err() {
                // Never hand a connection still inside a transaction back to the pool.
                if client.batch_execute("ROLLBACK").await.is_err() {
                    drop(Object::take(client));
                }
            }
            result
        })
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_at_top_level_semicolons_only() {
        let script = "-- a\nCREATE TABLE a (x text DEFAULT ';');\nCREATE FUNCTION f() RETURNS int AS $body$ SELECT 1; $body$ LANGUAGE sql;\n/* ; */ SELECT \"a;b\" FROM a;\nSELECT $1;";
        let parts = split(script);
        let lines: Vec<usize> = parts.iter().map(|(line, _)| *line).collect();
        assert_eq!(lines, [2, 3, 4, 5]);
        assert!(parts[1].1.contains("$body$ SELECT 1; $body$"));
    }

    #[test]
    fn numeric_text_keeps_its_scale() {
        // 12345.678 = digits [1, 2345, 6780], weight 1, scale 3.
        let raw = [0, 3, 0, 1, 0, 0, 0, 3, 0, 1, 0x09, 0x29, 0x1a, 0x7c];
        assert_eq!(numeric(&raw).unwrap(), "12345.678");
        // -0.05 = digits [500], weight -1, scale 2.
        let raw = [0, 1, 0xff, 0xff, 0x40, 0, 0, 2, 0x01, 0xf4];
        assert_eq!(numeric(&raw).unwrap(), "-0.05");
    }

    #[test]
    fn urls_take_libpq_ssl_modes() {
        let t =
            target("postgres://u:secret@db.example/app?sslmode=verify-full&sslrootcert=/nope.pem");
        assert!(t.is_err());
        let message = t.err().unwrap().message;
        assert!(message.contains("u:***@db.example"), "{message}");
        assert!(!message.contains("secret"), "{message}");
        let t = target("postgresql://u@localhost:5433/app?sslmode=disable").unwrap();
        assert_eq!(t.config.get_ssl_mode(), SslMode::Disable);
        assert_eq!(t.config.get_ports(), [5433]);
        assert!(target("postgres://localhost/app?sslmode=sometimes").is_err());
    }
}
