//! `apiroutes:native/net`: the TCP (and, through `tls.rs`, TLS) connections behind
//! `net.Socket`, `net.Server`, `tls.connect` and `dns.lookup` (js/builtins/net.js,
//! tls.js, dns.js).
//!
//! Every operation is a future spawned on the worker's runtime (`Promise::wrap_future`),
//! so it is driven by the worker's one driver task like timers and fetch: nothing here
//! has a waker of its own. A connection lives in the module's table by numeric id, its
//! read and write halves each behind an async mutex, so one read and one write can be in
//! flight together. `close` removes it and interrupts whatever is pending on it; a TLS
//! upgrade suspends reading, takes both halves back and puts the encrypted stream in
//! their place under the same id. Connections belong to the runtime, not to a request:
//! a handler may keep one in module state (a pool) across requests.
//!
//! Failures reject with an `Error` carrying Node's `code`, `errno` and `syscall`
//! (`connect ECONNREFUSED`); the JavaScript side adds `address`/`port` and the message's
//! tail as Node words it.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::rc::Rc;

use rquickjs::module::{Declarations, Exports, ModuleDef};
use rquickjs::prelude::Opt;
use rquickjs::{Array, Ctx, Exception, Function, Object, Promise, Result, Value};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, ReadHalf, WriteHalf};
use tokio::sync::{Mutex, Notify};

use super::{bytes_arg, to_uint8_array};

/// A byte stream a connection carries: plain TCP, or TLS over it.
pub(crate) trait Io: AsyncRead + AsyncWrite + Unpin {}
impl<T: AsyncRead + AsyncWrite + Unpin> Io for T {}

/// The reading and writing halves of a connection's stream.
pub(crate) type Halves = (ReadHalf<Box<dyn Io>>, WriteHalf<Box<dyn Io>>);

/// One connection: its halves, the raw socket (for options) and its interruption.
pub(crate) struct Conn {
    pub(crate) reader: Mutex<Option<ReadHalf<Box<dyn Io>>>>,
    pub(crate) writer: Mutex<Option<WriteHalf<Box<dyn Io>>>>,
    socket: socket2::Socket,
    closed: Cell<bool>,
    /// Set while a TLS upgrade takes the stream: reads give up without reading.
    pub(crate) suspended: Cell<bool>,
    /// Woken by `close`: every pending operation gives up.
    pub(crate) interrupt: Notify,
    /// Woken when a TLS upgrade starts: a pending read gives up (unread bytes stay).
    pub(crate) pause_reads: Notify,
}

impl Conn {
    fn new<S: Io + std::os::fd::AsFd + 'static>(stream: S) -> std::io::Result<Self> {
        let socket = socket2::SockRef::from(&stream).try_clone()?;
        let boxed: Box<dyn Io> = Box::new(stream);
        let (reader, writer) = tokio::io::split(boxed);
        Ok(Self {
            reader: Mutex::new(Some(reader)),
            writer: Mutex::new(Some(writer)),
            socket,
            closed: Cell::new(false),
            suspended: Cell::new(false),
            interrupt: Notify::new(),
            pause_reads: Notify::new(),
        })
    }

    /// Replaces the stream (after a TLS handshake); the caller holds both halves' locks.
    pub(crate) fn halves(stream: Box<dyn Io>) -> Halves {
        tokio::io::split(stream)
    }
}

/// The connections and listeners of one runtime.
#[derive(Default)]
pub(crate) struct Table {
    next_id: Cell<u32>,
    pub(crate) conns: RefCell<HashMap<u32, Rc<Conn>>>,
    listeners: RefCell<HashMap<u32, Rc<Listener>>>,
}

struct Listener {
    listener: Bound,
    closed: Cell<bool>,
    interrupt: Notify,
}

/// A listening socket: TCP, or a Unix domain socket at a path (unlinked on close, as
/// libuv does).
enum Bound {
    Tcp(tokio::net::TcpListener),
    Unix(tokio::net::UnixListener, std::path::PathBuf),
}

impl Table {
    fn id(&self) -> u32 {
        let id = self.next_id.get().wrapping_add(1).max(1);
        self.next_id.set(id);
        id
    }

    pub(crate) fn conn(&self, ctx: &Ctx<'_>, id: u32) -> Result<Rc<Conn>> {
        self.conns.borrow().get(&id).cloned().ok_or_else(|| {
            node_error(
                ctx,
                "EBADF",
                -9,
                "write",
                "This socket has been ended by the other party",
            )
        })
    }
}

/// The native module definition.
pub struct NetModule;

impl ModuleDef for NetModule {
    fn declare(declare: &Declarations) -> Result<()> {
        for name in EXPORTS {
            declare.declare(*name)?;
        }
        Ok(())
    }

    fn evaluate<'js>(ctx: &Ctx<'js>, exports: &Exports<'js>) -> Result<()> {
        let table = Rc::new(Table::default());
        let export = |name: &str, f: Function<'js>| exports.export(name, f);
        let f = |ctx: &Ctx<'js>| ctx.clone();
        export(
            "lookup",
            Function::new(f(ctx), |ctx: Ctx<'js>, host: String, family: Opt<u8>| {
                lookup(ctx, host, family.0.unwrap_or(0))
            })?,
        )?;
        let t = table.clone();
        let connect_fn =
            move |ctx: Ctx<'js>, address: String, port: u16| connect(ctx, t.clone(), address, port);
        export("connect", Function::new(f(ctx), connect_fn)?)?;
        let t = table.clone();
        let read_fn = move |ctx: Ctx<'js>, id: u32| read(ctx, t.clone(), id);
        export("read", Function::new(f(ctx), read_fn)?)?;
        let t = table.clone();
        let write_fn =
            move |ctx: Ctx<'js>, id: u32, data: Value<'js>| write(ctx, t.clone(), id, data);
        export("write", Function::new(f(ctx), write_fn)?)?;
        let t = table.clone();
        let shutdown_fn = move |ctx: Ctx<'js>, id: u32| shutdown(ctx, t.clone(), id);
        export("shutdown", Function::new(f(ctx), shutdown_fn)?)?;
        let t = table.clone();
        let close_fn = move |id: u32| {
            if let Some(conn) = t.conns.borrow_mut().remove(&id) {
                conn.closed.set(true);
                conn.interrupt.notify_waiters();
            }
        };
        export("close", Function::new(f(ctx), close_fn)?)?;
        let t = table.clone();
        let no_delay_fn = move |id: u32, on: bool| {
            if let Some(conn) = t.conns.borrow().get(&id) {
                let _ = conn.socket.set_tcp_nodelay(on);
            }
        };
        export("setNoDelay", Function::new(f(ctx), no_delay_fn)?)?;
        let t = table.clone();
        let keep_alive_fn = move |id: u32, on: bool, delay_ms: Opt<f64>| {
            if let Some(conn) = t.conns.borrow().get(&id) {
                let _ = conn.socket.set_keepalive(on);
                let delay = delay_ms.0.unwrap_or(0.0);
                if on && delay >= 1000.0 {
                    let keepalive = socket2::TcpKeepalive::new()
                        .with_time(std::time::Duration::from_millis(delay as u64));
                    let _ = conn.socket.set_tcp_keepalive(&keepalive);
                }
            }
        };
        export("setKeepAlive", Function::new(f(ctx), keep_alive_fn)?)?;
        let t = table.clone();
        let connect_unix_fn = move |ctx: Ctx<'js>, path: String| connect_unix(ctx, t.clone(), path);
        export("connectUnix", Function::new(f(ctx), connect_unix_fn)?)?;
        let t = table.clone();
        let listen_unix_fn = move |ctx: Ctx<'js>, path: String, backlog: Opt<i32>| {
            listen_unix(ctx, t.clone(), path, backlog.0.unwrap_or(511))
        };
        export("listenUnix", Function::new(f(ctx), listen_unix_fn)?)?;
        let t = table.clone();
        let listen_fn = move |ctx: Ctx<'js>, host: String, port: u16, backlog: Opt<i32>| {
            listen(ctx, t.clone(), host, port, backlog.0.unwrap_or(511))
        };
        export("listen", Function::new(f(ctx), listen_fn)?)?;
        let t = table.clone();
        let accept_fn = move |ctx: Ctx<'js>, id: u32| accept(ctx, t.clone(), id);
        export("accept", Function::new(f(ctx), accept_fn)?)?;
        let t = table.clone();
        let close_server_fn = move |id: u32| {
            if let Some(listener) = t.listeners.borrow_mut().remove(&id) {
                listener.closed.set(true);
                listener.interrupt.notify_waiters();
                if let Bound::Unix(_, path) = &listener.listener {
                    let _ = std::fs::remove_file(path);
                }
            }
        };
        export("closeServer", Function::new(f(ctx), close_server_fn)?)?;
        super::tls::export(ctx, exports, table)
    }
}

const EXPORTS: &[&str] = &[
    "lookup",
    "connect",
    "connectUnix",
    "listenUnix",
    "read",
    "write",
    "shutdown",
    "close",
    "setNoDelay",
    "setKeepAlive",
    "listen",
    "accept",
    "closeServer",
    "tlsConnect",
    "tlsAccept",
    "rootCertificates",
];

/// Node's name for a system error number (Linux numbering, as Node reports it there).
fn errno_name(errno: i32) -> &'static str {
    match errno {
        1 => "EPERM",
        2 => "ENOENT",
        9 => "EBADF",
        13 => "EACCES",
        22 => "EINVAL",
        32 => "EPIPE",
        98 => "EADDRINUSE",
        99 => "EADDRNOTAVAIL",
        100 => "ENETDOWN",
        101 => "ENETUNREACH",
        103 => "ECONNABORTED",
        104 => "ECONNRESET",
        107 => "ENOTCONN",
        110 => "ETIMEDOUT",
        111 => "ECONNREFUSED",
        113 => "EHOSTUNREACH",
        _ => "EIO",
    }
}

/// An `Error` with Node's system-error fields; message `"<syscall> <code>"` (the
/// JavaScript side appends the address when Node does).
pub(crate) fn node_error(
    ctx: &Ctx<'_>,
    code: &str,
    errno: i32,
    syscall: &str,
    message: &str,
) -> rquickjs::Error {
    let build = || -> Result<Value<'_>> {
        let text = if message.is_empty() {
            format!("{syscall} {code}")
        } else {
            message.to_string()
        };
        let error = Exception::from_message(ctx.clone(), &text)?;
        error.set("code", code)?;
        error.set("errno", errno)?;
        error.set("syscall", syscall)?;
        Ok(error.into_value())
    };
    match build() {
        Ok(error) => ctx.throw(error),
        Err(other) => other,
    }
}

/// An I/O error as Node's system error for `syscall`.
pub(crate) fn io_error(ctx: &Ctx<'_>, error: &std::io::Error, syscall: &str) -> rquickjs::Error {
    let errno = error.raw_os_error().unwrap_or(match error.kind() {
        std::io::ErrorKind::ConnectionReset => 104,
        std::io::ErrorKind::BrokenPipe => 32,
        std::io::ErrorKind::TimedOut => 110,
        std::io::ErrorKind::ConnectionRefused => 111,
        _ => 5,
    });
    node_error(ctx, errno_name(errno), -errno, syscall, "")
}

/// `lookup(host, family)`: every address of `host` (getaddrinfo, in its order) as
/// `[address, family]` pairs, only of `family` (4 or 6) when given.
fn lookup<'js>(ctx: Ctx<'js>, host: String, family: u8) -> Result<Promise<'js>> {
    let task = ctx.clone();
    Promise::wrap_future(&ctx, async move {
        let found = resolve(&host, family).await;
        let addresses = match found {
            Ok(list) if !list.is_empty() => list,
            _ => {
                return Err(node_error(
                    &task,
                    "ENOTFOUND",
                    -3008,
                    "getaddrinfo",
                    &format!("getaddrinfo ENOTFOUND {host}"),
                ))
            }
        };
        let list = Array::new(task.clone())?;
        for (i, ip) in addresses.iter().enumerate() {
            let pair = Array::new(task.clone())?;
            pair.set(0, ip.to_string())?;
            pair.set(1, if ip.is_ipv4() { 4 } else { 6 })?;
            list.set(i, pair)?;
        }
        Ok(list)
    })
}

/// The addresses of `host`, deduplicated, in getaddrinfo's order.
pub(crate) async fn resolve(host: &str, family: u8) -> std::io::Result<Vec<IpAddr>> {
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    let mut out: Vec<IpAddr> = Vec::new();
    if let Ok(ip) = bare.parse::<IpAddr>() {
        out.push(ip);
    } else {
        for address in tokio::net::lookup_host((bare, 0)).await? {
            if !out.contains(&address.ip()) {
                out.push(address.ip());
            }
        }
    }
    out.retain(|ip| match family {
        4 => ip.is_ipv4(),
        6 => ip.is_ipv6(),
        _ => true,
    });
    Ok(out)
}

/// The `{ address, family, port }` of a socket address.
fn address_object<'js>(ctx: &Ctx<'js>, address: SocketAddr) -> Result<Object<'js>> {
    let out = Object::new(ctx.clone())?;
    out.set("address", address.ip().to_string())?;
    out.set("family", if address.is_ipv4() { "IPv4" } else { "IPv6" })?;
    out.set("port", address.port())?;
    Ok(out)
}

/// A new connection in the table, as `{ id, local, remote }`.
fn register<'js>(
    ctx: &Ctx<'js>,
    table: &Table,
    stream: tokio::net::TcpStream,
) -> Result<Object<'js>> {
    let local = stream.local_addr().ok();
    let remote = stream.peer_addr().ok();
    register_any(ctx, table, stream, local, remote)
}

/// A new connection of any kind in the table; Unix sockets have no addresses (Node
/// leaves `remoteAddress` and the others undefined).
fn register_any<'js, S: Io + std::os::fd::AsFd + 'static>(
    ctx: &Ctx<'js>,
    table: &Table,
    stream: S,
    local: Option<SocketAddr>,
    remote: Option<SocketAddr>,
) -> Result<Object<'js>> {
    let conn = Conn::new(stream).map_err(|error| io_error(ctx, &error, "connect"))?;
    let id = table.id();
    table.conns.borrow_mut().insert(id, Rc::new(conn));
    let out = Object::new(ctx.clone())?;
    out.set("id", id)?;
    if let Some(local) = local {
        out.set("local", address_object(ctx, local)?)?;
    }
    if let Some(remote) = remote {
        out.set("remote", address_object(ctx, remote)?)?;
    }
    Ok(out)
}

/// `connect(ip, port)`: a TCP connection to one address.
fn connect<'js>(
    ctx: Ctx<'js>,
    table: Rc<Table>,
    address: String,
    port: u16,
) -> Result<Promise<'js>> {
    let task = ctx.clone();
    Promise::wrap_future(&ctx, async move {
        let ip: IpAddr = address
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse()
            .map_err(|_| node_error(&task, "EINVAL", -22, "connect", ""))?;
        match tokio::net::TcpStream::connect((ip, port)).await {
            Ok(stream) => register(&task, &table, stream),
            Err(error) => Err(io_error(&task, &error, "connect")),
        }
    })
}

/// `connectUnix(path)`: a connection to the Unix domain socket at `path`.
fn connect_unix<'js>(ctx: Ctx<'js>, table: Rc<Table>, path: String) -> Result<Promise<'js>> {
    let task = ctx.clone();
    Promise::wrap_future(&ctx, async move {
        match tokio::net::UnixStream::connect(&path).await {
            Ok(stream) => register_any(&task, &table, stream, None, None),
            Err(error) => Err(io_error(&task, &error, "connect")),
        }
    })
}

/// `listenUnix(path, backlog)`: a Unix domain socket listening at `path`, as
/// `{ id, path }`; a path that exists already is Node's `EADDRINUSE`.
fn listen_unix<'js>(
    ctx: Ctx<'js>,
    table: Rc<Table>,
    path: String,
    backlog: i32,
) -> Result<Promise<'js>> {
    let task = ctx.clone();
    Promise::wrap_future(&ctx, async move {
        let bound = bind_unix(&path, backlog).map_err(|error| io_error(&task, &error, "listen"))?;
        let id = table.id();
        table.listeners.borrow_mut().insert(
            id,
            Rc::new(Listener {
                listener: Bound::Unix(bound, path.clone().into()),
                closed: Cell::new(false),
                interrupt: Notify::new(),
            }),
        );
        let out = Object::new(task.clone())?;
        out.set("id", id)?;
        out.set("path", path)?;
        Ok::<_, rquickjs::Error>(out)
    })
}

fn bind_unix(path: &str, backlog: i32) -> std::io::Result<tokio::net::UnixListener> {
    let socket = socket2::Socket::new(socket2::Domain::UNIX, socket2::Type::STREAM, None)?;
    socket.bind(&socket2::SockAddr::unix(path)?)?;
    socket.listen(backlog.max(1))?;
    socket.set_nonblocking(true)?;
    tokio::net::UnixListener::from_std(socket.into())
}

/// `read(id)`: the next bytes (a `Uint8Array`), `null` at end of stream, `undefined`
/// when the connection was closed or handed to TLS meanwhile.
fn read<'js>(ctx: Ctx<'js>, table: Rc<Table>, id: u32) -> Result<Promise<'js>> {
    let task = ctx.clone();
    let conn = table.conns.borrow().get(&id).cloned();
    Promise::wrap_future(&ctx, async move {
        let Some(conn) = conn else {
            return Result::<Value<'js>>::Ok(Value::new_undefined(task.clone()));
        };
        let interrupted = conn.interrupt.notified();
        let paused = conn.pause_reads.notified();
        if conn.closed.get() || conn.suspended.get() {
            return Ok(Value::new_undefined(task.clone()));
        }
        let mut buffer = vec![0u8; 64 * 1024];
        let outcome = {
            let mut guard = conn.reader.lock().await;
            let Some(reader) = guard.as_mut() else {
                return Ok(Value::new_undefined(task.clone()));
            };
            tokio::select! {
                result = reader.read(&mut buffer) => Some(result),
                _ = interrupted => None,
                _ = paused => None,
            }
        };
        match outcome {
            None => Ok(Value::new_undefined(task.clone())),
            Some(Ok(0)) => Ok(Value::new_null(task.clone())),
            Some(Ok(n)) => {
                buffer.truncate(n);
                to_uint8_array(&task, buffer)
            }
            Some(Err(_)) if conn.closed.get() => Ok(Value::new_undefined(task.clone())),
            Some(Err(error)) => Err(io_error(&task, &error, "read")),
        }
    })
}

/// `write(id, bytes)`: resolves once every byte was handed to the kernel.
fn write<'js>(ctx: Ctx<'js>, table: Rc<Table>, id: u32, data: Value<'js>) -> Result<Promise<'js>> {
    let bytes = bytes_arg(&ctx, &data, "data")?;
    let conn = table.conn(&ctx, id)?;
    let task = ctx.clone();
    Promise::wrap_future(&ctx, async move {
        let interrupted = conn.interrupt.notified();
        let mut guard = conn.writer.lock().await;
        let Some(writer) = guard.as_mut() else {
            return Err(node_error(&task, "EPIPE", -32, "write", ""));
        };
        let result = tokio::select! {
            result = async { writer.write_all(&bytes).await?; writer.flush().await } => result,
            _ = interrupted => Err(std::io::ErrorKind::BrokenPipe.into()),
        };
        result.map_err(|error| io_error(&task, &error, "write"))
    })
}

/// `shutdown(id)`: ends the writing side (TCP FIN, or TLS close_notify then FIN).
fn shutdown<'js>(ctx: Ctx<'js>, table: Rc<Table>, id: u32) -> Result<Promise<'js>> {
    let conn = table.conns.borrow().get(&id).cloned();
    let task = ctx.clone();
    Promise::wrap_future(&ctx, async move {
        let Some(conn) = conn else { return Ok(()) };
        let mut guard = conn.writer.lock().await;
        match guard.as_mut() {
            Some(writer) => writer
                .shutdown()
                .await
                .or_else(|error| match error.kind() {
                    std::io::ErrorKind::NotConnected => Ok(()),
                    _ => Err(error),
                })
                .map_err(|error| io_error(&task, &error, "shutdown")),
            None => Ok(()),
        }
    })
}

/// `listen(host, port, backlog)`: a listening socket, as `{ id, address, family, port }`.
fn listen<'js>(
    ctx: Ctx<'js>,
    table: Rc<Table>,
    host: String,
    port: u16,
    backlog: i32,
) -> Result<Promise<'js>> {
    let task = ctx.clone();
    Promise::wrap_future(&ctx, async move {
        let ips = resolve(&host, 0).await.map_err(|_| {
            node_error(
                &task,
                "ENOTFOUND",
                -3008,
                "getaddrinfo",
                &format!("getaddrinfo ENOTFOUND {host}"),
            )
        })?;
        let Some(ip) = ips.first().copied() else {
            return Err(node_error(
                &task,
                "ENOTFOUND",
                -3008,
                "getaddrinfo",
                &format!("getaddrinfo ENOTFOUND {host}"),
            ));
        };
        let bound = bind(SocketAddr::new(ip, port), backlog)
            .map_err(|error| io_error(&task, &error, "listen"))?;
        let local = bound
            .local_addr()
            .map_err(|error| io_error(&task, &error, "listen"))?;
        let id = table.id();
        table.listeners.borrow_mut().insert(
            id,
            Rc::new(Listener {
                listener: Bound::Tcp(bound),
                closed: Cell::new(false),
                interrupt: Notify::new(),
            }),
        );
        let out = address_object(&task, local)?;
        out.set("id", id)?;
        Ok(out)
    })
}

fn bind(address: SocketAddr, backlog: i32) -> std::io::Result<tokio::net::TcpListener> {
    let domain = socket2::Domain::for_address(address);
    let socket = socket2::Socket::new(domain, socket2::Type::STREAM, None)?;
    socket.set_reuse_address(true)?;
    if address.is_ipv6() {
        // `::` accepts IPv4 too, as in Node.
        let _ = socket.set_only_v6(false);
    }
    socket.bind(&address.into())?;
    socket.listen(backlog.max(1))?;
    socket.set_nonblocking(true)?;
    tokio::net::TcpListener::from_std(socket.into())
}

/// `accept(serverId)`: the next connection (`{ id, local, remote }`), or `null` once the
/// server closed.
fn accept<'js>(ctx: Ctx<'js>, table: Rc<Table>, id: u32) -> Result<Promise<'js>> {
    let listener = table.listeners.borrow().get(&id).cloned();
    let task = ctx.clone();
    Promise::wrap_future(&ctx, async move {
        let Some(listener) = listener else {
            return Result::<Value<'js>>::Ok(Value::new_null(task.clone()));
        };
        loop {
            let interrupted = listener.interrupt.notified();
            if listener.closed.get() {
                return Ok(Value::new_null(task.clone()));
            }
            let accepted = tokio::select! {
                result = accept_one(&listener.listener) => Some(result),
                _ = interrupted => None,
            };
            match accepted {
                None => return Ok(Value::new_null(task.clone())),
                Some(Ok(Accepted::Tcp(stream))) => {
                    return Ok(register(&task, &table, stream)?.into_value())
                }
                Some(Ok(Accepted::Unix(stream))) => {
                    return Ok(register_any(&task, &table, stream, None, None)?.into_value())
                }
                // A connection reset before it was accepted: wait for the next one.
                Some(Err(_)) => continue,
            }
        }
    })
}

enum Accepted {
    Tcp(tokio::net::TcpStream),
    Unix(tokio::net::UnixStream),
}

async fn accept_one(bound: &Bound) -> std::io::Result<Accepted> {
    match bound {
        Bound::Tcp(listener) => Ok(Accepted::Tcp(listener.accept().await?.0)),
        Bound::Unix(listener, _) => Ok(Accepted::Unix(listener.accept().await?.0)),
    }
}
