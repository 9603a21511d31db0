//! The native half of the WHATWG `WebSocket` global (js/web/websocket.js): client
//! connections over ws:// and wss:// with tokio-tungstenite, on our own TCP connect
//! (`net::resolve`, in getaddrinfo's order) and rustls (`tls::provider`, Mozilla's roots
//! plus the PEM file of `NODE_EXTRA_CA_CERTS`, as Node reads it).
//!
//! Installed as the hidden global `__apiroutesWebSocket` (taken and deleted by the
//! script). As in `net.rs`, every operation is a future spawned on the worker's runtime
//! (`Promise::wrap_future`) and driven by its one driver task; a connection lives in a
//! per-runtime table by id, its sending and receiving halves each behind an async mutex
//! so one send and one receive can be in flight together. A pending `recv` is what keeps
//! a script alive while a socket is open; `drop` removes the connection and interrupts it.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::Arc;
use std::time::Duration;

use futures_util::stream::{SplitSink, SplitStream};
use futures_util::{SinkExt, StreamExt};
use rquickjs::prelude::Opt;
use rquickjs::{Array, Ctx, Exception, Function, Object, Promise, Result, Value};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName};
use rustls::RootCertStore;
use tokio::sync::{Mutex, Notify};
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode;
use tokio_tungstenite::tungstenite::protocol::CloseFrame;
use tokio_tungstenite::tungstenite::{Error as WsError, Message};
use tokio_tungstenite::WebSocketStream;

use super::net::{resolve, Io};
use super::{bytes_arg, to_uint8_array};

type Stream = WebSocketStream<Box<dyn Io>>;

/// One open connection.
struct Conn {
    sink: Mutex<SplitSink<Stream, Message>>,
    stream: Mutex<SplitStream<Stream>>,
    interrupt: Notify,
    dropped: Cell<bool>,
}

#[derive(Default)]
struct Table {
    next_id: Cell<u32>,
    conns: RefCell<HashMap<u32, Rc<Conn>>>,
}

impl Table {
    fn get(&self, id: u32) -> Option<Rc<Conn>> {
        self.conns.borrow().get(&id).cloned()
    }
}

/// Installs `__apiroutesWebSocket` with `connect`, `send`, `recv`, `close` and `drop`.
pub fn install<'js>(ctx: &Ctx<'js>) -> Result<()> {
    let native = Object::new(ctx.clone())?;
    let table = Rc::new(Table::default());
    let t = table.clone();
    native.set(
        "connect",
        Function::new(
            ctx.clone(),
            move |ctx: Ctx<'js>, url, host, port, secure, protocols| {
                connect(ctx, t.clone(), url, host, port, secure, protocols)
            },
        )?,
    )?;
    let t = table.clone();
    native.set(
        "send",
        Function::new(
            ctx.clone(),
            move |ctx: Ctx<'js>, id: u32, text: bool, data: Value<'js>| {
                let bytes = bytes_arg(&ctx, &data, "data")?;
                let message = if text {
                    Message::text(String::from_utf8_lossy(&bytes).into_owned())
                } else {
                    Message::binary(bytes)
                };
                outgoing(ctx, t.get(id), message)
            },
        )?,
    )?;
    let t = table.clone();
    native.set(
        "close",
        Function::new(
            ctx.clone(),
            move |ctx: Ctx<'js>, id: u32, code: Opt<u16>, reason: Opt<String>| {
                let frame = code.0.map(|code| CloseFrame {
                    code: CloseCode::from(code),
                    reason: reason.0.unwrap_or_default().into(),
                });
                outgoing(ctx, t.get(id), Message::Close(frame))
            },
        )?,
    )?;
    let t = table.clone();
    native.set(
        "recv",
        Function::new(ctx.clone(), move |ctx: Ctx<'js>, id: u32| {
            recv(ctx, t.get(id))
        })?,
    )?;
    native.set(
        "drop",
        Function::new(ctx.clone(), move |id: u32| {
            if let Some(conn) = table.conns.borrow_mut().remove(&id) {
                conn.dropped.set(true);
                conn.interrupt.notify_waiters();
            }
        })?,
    )?;
    ctx.globals().set("__apiroutesWebSocket", native)
}

fn failure(ctx: &Ctx<'_>, message: &str) -> rquickjs::Error {
    match Exception::from_message(ctx.clone(), message) {
        Ok(error) => ctx.throw(error.into_value()),
        Err(other) => other,
    }
}

/// Mozilla's roots, plus the certificates of `NODE_EXTRA_CA_CERTS` when it names a file.
fn roots() -> Arc<RootCertStore> {
    let base = super::tls::default_roots();
    let Some(path) = std::env::var_os("NODE_EXTRA_CA_CERTS") else {
        return base;
    };
    let Ok(text) = std::fs::read(path) else {
        return base;
    };
    let mut store = (*base).clone();
    let extra: Vec<CertificateDer<'static>> =
        CertificateDer::pem_slice_iter(&text).flatten().collect();
    store.add_parsable_certificates(extra);
    Arc::new(store)
}

/// TCP to the first address of `host` that answers, then TLS for wss://.
async fn transport(
    host: &str,
    port: u16,
    secure: bool,
) -> std::result::Result<Box<dyn Io>, String> {
    let addresses = resolve(host, 0)
        .await
        .map_err(|error| format!("getaddrinfo ENOTFOUND {host}: {error}"))?;
    if addresses.is_empty() {
        return Err(format!("getaddrinfo ENOTFOUND {host}"));
    }
    let mut last = String::new();
    let mut tcp = None;
    for ip in addresses {
        match tokio::net::TcpStream::connect((ip, port)).await {
            Ok(stream) => {
                tcp = Some(stream);
                break;
            }
            Err(error) => last = format!("connect {ip}:{port}: {error}"),
        }
    }
    let Some(tcp) = tcp else { return Err(last) };
    let _ = tcp.set_nodelay(true);
    if !secure {
        return Ok(Box::new(tcp));
    }
    let config = rustls::ClientConfig::builder_with_provider(super::tls::provider())
        .with_safe_default_protocol_versions()
        .map_err(|error| error.to_string())?
        .with_root_certificates(roots())
        .with_no_client_auth();
    let name = host
        .trim_start_matches('[')
        .trim_end_matches(']')
        .to_string();
    let server_name = ServerName::try_from(name).map_err(|error| error.to_string())?;
    let connector = tokio_rustls::TlsConnector::from(Arc::new(config));
    let tls = connector
        .connect(server_name, tcp)
        .await
        .map_err(|error| error.to_string())?;
    Ok(Box::new(tls))
}

/// `connect(url, host, port, secure, protocols)`: the opening handshake; resolves
/// `{ id, protocol, extensions }` or rejects with the reason it failed.
fn connect<'js>(
    ctx: Ctx<'js>,
    table: Rc<Table>,
    url: String,
    host: String,
    port: u16,
    secure: bool,
    protocols: Vec<String>,
) -> Result<Promise<'js>> {
    let task = ctx.clone();
    Promise::wrap_future(&ctx, async move {
        let fail = |message: String| failure(&task, &message);
        let mut request = url
            .as_str()
            .into_client_request()
            .map_err(|error| fail(error.to_string()))?;
        if !protocols.is_empty() {
            let value = protocols
                .join(", ")
                .parse()
                .map_err(|_| fail("invalid subprotocol".into()))?;
            request
                .headers_mut()
                .insert("Sec-WebSocket-Protocol", value);
        }
        let io = transport(&host, port, secure).await.map_err(fail)?;
        let (socket, response) = tokio_tungstenite::client_async(request, io)
            .await
            .map_err(|error| fail(error.to_string()))?;
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|value| value.to_str().ok())
                .unwrap_or("")
                .to_string()
        };
        let (sink, stream) = socket.split();
        let id = table.next_id.get().wrapping_add(1).max(1);
        table.next_id.set(id);
        table.conns.borrow_mut().insert(
            id,
            Rc::new(Conn {
                sink: Mutex::new(sink),
                stream: Mutex::new(stream),
                interrupt: Notify::new(),
                dropped: Cell::new(false),
            }),
        );
        let out = Object::new(task.clone())?;
        out.set("id", id)?;
        out.set("protocol", header("sec-websocket-protocol"))?;
        out.set("extensions", header("sec-websocket-extensions"))?;
        Ok::<_, rquickjs::Error>(out)
    })
}

/// Sends one message (data or close); resolves once it was written out.
fn outgoing<'js>(ctx: Ctx<'js>, conn: Option<Rc<Conn>>, message: Message) -> Result<Promise<'js>> {
    let task = ctx.clone();
    Promise::wrap_future(&ctx, async move {
        let Some(conn) = conn else { return Ok(()) };
        let interrupted = conn.interrupt.notified();
        let mut sink = conn.sink.lock().await;
        let sent = tokio::select! {
            sent = sink.send(message) => sent,
            _ = interrupted => Ok(()),
        };
        match sent {
            Ok(()) | Err(WsError::ConnectionClosed | WsError::AlreadyClosed) => Ok(()),
            Err(error) => Err(failure(&task, &error.to_string())),
        }
    })
}

/// `recv(id)`: the next message as `['text', string]`, `['binary', Uint8Array]` or
/// `['close', code, reason]` (the server's close frame, after the closing handshake;
/// code 1005 when it had none), `null` when the connection ended without one, and
/// `undefined` once dropped. Pings are answered by tungstenite while it reads.
fn recv<'js>(ctx: Ctx<'js>, conn: Option<Rc<Conn>>) -> Result<Promise<'js>> {
    let task = ctx.clone();
    Promise::wrap_future(&ctx, async move {
        let undefined = Value::new_undefined(task.clone());
        let Some(conn) = conn else {
            return Ok(undefined);
        };
        let interrupted = conn.interrupt.notified();
        if conn.dropped.get() {
            return Ok(undefined);
        }
        let mut stream = conn.stream.lock().await;
        let next = async {
            loop {
                match stream.next().await {
                    Some(Ok(Message::Ping(_) | Message::Pong(_) | Message::Frame(_))) => continue,
                    other => return other,
                }
            }
        };
        let item = tokio::select! {
            item = next => item,
            _ = interrupted => return Ok(undefined),
        };
        let list = Array::new(task.clone())?;
        match item {
            Some(Ok(Message::Text(text))) => {
                list.set(0, "text")?;
                list.set(1, text.as_str())?;
            }
            Some(Ok(Message::Binary(bytes))) => {
                list.set(0, "binary")?;
                list.set(1, to_uint8_array(&task, bytes.to_vec())?)?;
            }
            Some(Ok(Message::Close(frame))) => {
                // Reading on sends tungstenite's reply and sees the server close the TCP
                // connection (bounded: a server that never does is left behind).
                let rest = async { while let Some(Ok(_)) = stream.next().await {} };
                let _ = tokio::time::timeout(Duration::from_secs(5), rest).await;
                list.set(0, "close")?;
                match frame {
                    Some(frame) => {
                        list.set(1, u16::from(frame.code))?;
                        list.set(2, frame.reason.as_str())?;
                    }
                    None => {
                        list.set(1, 1005)?;
                        list.set(2, "")?;
                    }
                }
            }
            // (Pings, pongs and raw frames never get here: the loop above skips them.)
            Some(Ok(Message::Ping(_) | Message::Pong(_) | Message::Frame(_)))
            | None
            | Some(Err(WsError::ConnectionClosed | WsError::AlreadyClosed)) => {
                return Ok(Value::new_null(task.clone()))
            }
            Some(Err(error)) => return Err(failure(&task, &error.to_string())),
        }
        Ok(list.into_value())
    })
}
