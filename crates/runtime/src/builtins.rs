//! The platform a handler sees: LLRT's native Node/Web modules and globals, plus the
//! built-in JavaScript modules of ours (`js/builtins/*.js`).
//!
//! LLRT's timers are deliberately not registered (see PINS.md: one throwing callback
//! stops every timer of the runtime, and dropping a runtime with a pending timer aborts);
//! ours live in `platform.rs` on tokio.

use rquickjs::loader::ModuleLoader;
use rquickjs::{Ctx, Result};

/// Native modules provided by LLRT, by canonical (unprefixed) name.
pub const NATIVE_MODULES: &[&str] = &[
    // LLRT's buffer under an internal name: `buffer` is js/builtins/buffer.js.
    "apiroutes:llrt/buffer",
    "console",
    // LLRT's crypto, fs and util under internal names: `crypto`, `fs` and `util`
    // themselves are js/builtins/*.js, which re-export them and add what Node has.
    "apiroutes:llrt/crypto",
    "apiroutes:llrt/fs",
    "apiroutes:llrt/util",
    "fs/promises",
    "string_decoder",
    "apiroutes:native/zlib",
    "apiroutes:native/kdf",
    "apiroutes:native/sqlite",
    "apiroutes:native/scrypt",
    "apiroutes:native/cipher",
    "apiroutes:native/keys",
    "apiroutes:native/sign",
    "apiroutes:native/net",
];

/// Our JavaScript built-ins, by canonical name.
pub fn js_source(name: &str) -> Option<&'static str> {
    Some(match name {
        "next" => include_str!("../js/builtins/next.js"),
        "next/server" => include_str!("../js/builtins/next_server.js"),
        "next/headers" => include_str!("../js/builtins/next_headers.js"),
        "next/navigation" => include_str!("../js/builtins/next_navigation.js"),
        "timers" => include_str!("../js/builtins/timers.js"),
        "timers/promises" => include_str!("../js/builtins/timers_promises.js"),
        "http" => include_str!("../js/builtins/http.js"),
        // Node's http(s) client (`request`/`get`) carried over fetch, shared by both.
        "apiroutes:http-client" => include_str!("../js/builtins/http_client.js"),
        "https" => include_str!("../js/builtins/https.js"),
        "http2" => include_str!("../js/builtins/http2.js"),
        "net" => include_str!("../js/builtins/net.js"),
        "tls" => include_str!("../js/builtins/tls.js"),
        "dns" => include_str!("../js/builtins/dns.js"),
        "dns/promises" => include_str!("../js/builtins/dns_promises.js"),
        "querystring" => include_str!("../js/builtins/querystring.js"),
        "buffer" => include_str!("../js/builtins/buffer.js"),
        // `stream` is a thin entry over the bundled readable-stream: loading it also gives
        // `req`/`res` their stream prototypes (pages_api.js), which are lazy so that a
        // worker does not parse 160 KB of streams before its first `res.json`.
        "stream" => include_str!("../js/builtins/stream_entry.js"),
        "apiroutes:stream-impl" => include_str!("../js/builtins/stream.js"),
        "stream/promises" => include_str!("../js/builtins/stream_promises.js"),
        "module" => include_str!("../js/builtins/module.js"),
        // Node's EventEmitter (vendored `events` package, see regenerate-stream.sh):
        // LLRT's native one cannot be inherited with `EventEmitter.call(this)` and lacks
        // listenerCount/removeAllListeners/setMaxListeners, which streams and many
        // CommonJS packages use.
        "apiroutes:events-impl" => include_str!("../js/builtins/events.js"),
        // Node 20's `events` over that package: once/on, static helpers, Node's errors.
        "events" => include_str!("../js/builtins/events_node.js"),
        // The global `process` (LLRT's, completed by js/node_compat.js) as a module.
        "process" => include_str!("../js/builtins/process.js"),
        // LLRT's fs plus Node's callback API and file streams.
        "fs" => include_str!("../js/builtins/fs.js"),
        "os" => include_str!("../js/builtins/os.js"),
        // LLRT's crypto plus timingSafeEqual and friends.
        "crypto" => include_str!("../js/builtins/crypto.js"),
        // Its KeyObject, signatures and key generation; its ciphers and scrypt.
        "apiroutes:crypto-keys" => include_str!("../js/builtins/crypto_keys.js"),
        "apiroutes:crypto-cipher" => include_str!("../js/builtins/crypto_cipher.js"),
        // LLRT's util plus promisify, inspect, deprecate, types, ...
        "util" => include_str!("../js/builtins/util.js"),
        "apiroutes:util-node" => include_str!("../js/builtins/util_node.js"),
        // Node's zlib over the native codecs (src/node/zlib.rs).
        "zlib" => include_str!("../js/builtins/zlib.js"),
        // The Web stream classes, ours and LLRT's (LLRT's own `stream/web` lacks
        // TransformStream).
        "stream/web" => include_str!("../js/builtins/stream_web.js"),
        "perf_hooks" => include_str!("../js/builtins/perf_hooks.js"),
        // AsyncLocalStorage and AsyncResource over the engine's async context slot
        // (src/async_context.rs).
        "async_hooks" => include_str!("../js/builtins/async_hooks.js"),
        "diagnostics_channel" => include_str!("../js/builtins/diagnostics_channel.js"),
        "tty" => include_str!("../js/builtins/tty.js"),
        "assert" => include_str!("../js/builtins/assert.js"),
        "assert/strict" => include_str!("../js/builtins/assert_strict.js"),
        // Node's deep-equality rules, shared by `assert` (and `util.isDeepStrictEqual`).
        "apiroutes:internal/deep-equal" => include_str!("../js/builtins/internal_deep_equal.js"),
        // Node's path with its posix and win32 halves (LLRT's has no win32).
        "path" => include_str!("../js/builtins/path.js"),
        "path/posix" => include_str!("../js/builtins/path_posix.js"),
        "path/win32" => include_str!("../js/builtins/path_win32.js"),
        "punycode" => include_str!("../js/builtins/punycode.js"),
        // WHATWG URL globals plus the legacy parse/format/resolve and file-URL helpers.
        "url" => include_str!("../js/builtins/url_legacy.js"),
        "util/types" => include_str!("../js/builtins/util_types.js"),
        // The built-in SQL store (src/sql.rs) and Node 22's synchronous SQLite
        // (src/node_sqlite.rs; only as `node:sqlite`, see ModuleResolution::builtin_name).
        "apiroutes/sql" | "apiroutes:sql" => include_str!("../js/builtins/sql.js"),
        "sqlite" => include_str!("../js/builtins/node_sqlite.js"),
        _ => return None,
    })
}

/// The loader for LLRT's native module definitions.
pub fn native_loader() -> ModuleLoader {
    ModuleLoader::default()
        .with_module("apiroutes:llrt/buffer", llrt_modules::buffer::BufferModule)
        .with_module("console", llrt_modules::console::ConsoleModule)
        .with_module("apiroutes:llrt/crypto", llrt_modules::crypto::CryptoModule)
        .with_module("apiroutes:llrt/fs", llrt_modules::fs::FsModule)
        .with_module("fs/promises", llrt_modules::fs::FsPromisesModule)
        .with_module(
            "string_decoder",
            llrt_modules::string_decoder::StringDecoderModule,
        )
        .with_module("apiroutes:llrt/util", llrt_modules::util::UtilModule)
        .with_module("apiroutes:native/zlib", crate::node::zlib::ZlibModule)
        .with_module("apiroutes:native/kdf", crate::node::kdf::KdfModule)
        .with_module("apiroutes:native/sqlite", crate::node_sqlite::SqliteModule)
        .with_module("apiroutes:native/scrypt", crate::node::scrypt::ScryptModule)
        .with_module("apiroutes:native/cipher", crate::node::cipher::CipherModule)
        .with_module("apiroutes:native/keys", crate::node::keys::KeysModule)
        .with_module("apiroutes:native/sign", crate::node::sign::SignModule)
        .with_module("apiroutes:native/net", crate::node::net::NetModule)
}

/// Installs LLRT's Web and Node globals (`Buffer`, `console`, `crypto`, `URL`, `fetch`,
/// `AbortController`, `process`, `TextEncoder`, streams, `structuredClone`, ...).
pub fn install_native_globals(ctx: &Ctx<'_>) -> Result<()> {
    llrt_modules::exceptions::init(ctx)?;
    crate::async_context::install(ctx)?;
    crate::source_positions::install(ctx);
    llrt_modules::abort::init(ctx)?;
    llrt_modules::buffer::init(ctx)?;
    llrt_modules::console::init(ctx)?;
    llrt_modules::crypto::init(ctx)?;
    llrt_modules::events::init(ctx)?;
    llrt_modules::navigator::init(ctx)?;
    llrt_modules::process::init(ctx)?;
    ctx.eval::<(), _>(include_str!("../js/node_compat.js"))?;
    ctx.eval::<(), _>(include_str!("../js/node_buffer.js"))?;
    llrt_modules::stream_web::init(ctx)?;
    llrt_modules::url::init(ctx)?;
    llrt_modules::util::init(ctx)?;
    llrt_fetch::init(ctx)?;
    crate::intl::install(ctx)?;
    crate::node::websocket::install(ctx)?;
    for (name, source) in WEB_SCRIPTS {
        ctx.eval_with_options::<(), _>(*source, script_options(name))?;
    }
    Ok(())
}

/// Web platform pieces of ours (`js/web/*.js`), evaluated as plain scripts after LLRT's
/// globals; each defines only what is still missing.
const WEB_SCRIPTS: &[(&str, &str)] = &[
    ("streams.js", include_str!("../js/web/streams.js")),
    ("request.js", include_str!("../js/web/request.js")),
    (
        "structured_clone.js",
        include_str!("../js/web/structured_clone.js"),
    ),
    ("intl.js", include_str!("../js/web/intl.js")),
    ("websocket.js", include_str!("../js/web/websocket.js")),
];

fn script_options(name: &str) -> rquickjs::context::EvalOptions {
    let mut options = rquickjs::context::EvalOptions::default();
    options.global = true;
    options.strict = false;
    options.filename = Some(format!("apiroutes:{name}"));
    options
}
