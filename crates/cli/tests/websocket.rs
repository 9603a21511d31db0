//! The `WebSocket` global through `apiroutes run`: scripts connect to echo servers this
//! test runs (tungstenite, plain, and over rustls with the repository's self-signed
//! localhost certificate, which a wss:// client must refuse), and check the WHATWG API as Node 22 gives it: events and attributes,
//! text/binary/Blob messages, `binaryType`, `bufferedAmount`, the closing handshake from
//! either side, the spec's validation errors, a refused connection, and that the script
//! stays alive exactly while a socket is open.

use std::io::ErrorKind;
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::Arc;
use std::thread;
use std::time::{Duration, Instant};

use tungstenite::handshake::server::{Request, Response};
use tungstenite::protocol::frame::coding::CloseCode;
use tungstenite::protocol::CloseFrame;
use tungstenite::Message;

fn repo_root() -> PathBuf {
    let manifest = std::env::var_os("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR");
    Path::new(&manifest).join("../..")
}

/// Echoes each message; `close-me` makes the server close with 4001 "bye", `ping-me`
/// sends a ping before answering `pinged`, `drop-me` drops the TCP connection without
/// a close frame. Picks `chat` when the client offers it.
// tungstenite's handshake callback returns its own (large) error response type.
#[allow(clippy::result_large_err)]
fn serve<S: std::io::Read + std::io::Write>(stream: S) {
    let pick = |request: &Request, mut response: Response| {
        let offered = request
            .headers()
            .get("sec-websocket-protocol")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string();
        if offered.split(',').any(|p| p.trim() == "chat") {
            response
                .headers_mut()
                .insert("sec-websocket-protocol", "chat".parse().unwrap());
        }
        Ok(response)
    };
    let Ok(mut socket) = tungstenite::accept_hdr(stream, pick) else {
        return;
    };
    loop {
        let message = match socket.read() {
            Ok(message) => message,
            Err(_) => return,
        };
        let reply = match message {
            Message::Text(text) if text.as_str() == "close-me" => {
                let _ = socket.close(Some(CloseFrame {
                    code: CloseCode::from(4001),
                    reason: "bye".into(),
                }));
                continue;
            }
            Message::Text(text) if text.as_str() == "drop-me" => return,
            Message::Text(text) if text.as_str() == "ping-me" => {
                let _ = socket.send(Message::Ping(vec![7u8].into()));
                Message::text("pinged")
            }
            Message::Text(_) | Message::Binary(_) => message,
            Message::Close(_) => continue,
            _ => continue,
        };
        if socket.send(reply).is_err() {
            return;
        }
    }
}

fn start_plain() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            thread::spawn(move || serve(stream));
        }
    });
    port
}

fn start_tls() -> u16 {
    let dir = repo_root().join("tests/platform/tls");
    let cert = std::fs::read(dir.join("localhost.crt")).unwrap();
    let key = std::fs::read(dir.join("localhost.key")).unwrap();
    use rustls::pki_types::pem::PemObject;
    let certs: Vec<_> = rustls::pki_types::CertificateDer::pem_slice_iter(&cert)
        .flatten()
        .collect();
    let key = rustls::pki_types::PrivateKeyDer::from_pem_slice(&key).unwrap();
    let config = rustls::ServerConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .unwrap()
    .with_no_client_auth()
    .with_single_cert(certs, key)
    .unwrap();
    let config = Arc::new(config);
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let config = config.clone();
            thread::spawn(move || {
                let Ok(conn) = rustls::ServerConnection::new(config) else {
                    return;
                };
                serve(rustls::StreamOwned::new(conn, stream));
            });
        }
    });
    port
}

/// A port nothing listens on.
fn closed_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    match TcpStream::connect(("127.0.0.1", port)) {
        Err(e) if e.kind() == ErrorKind::ConnectionRefused => port,
        _ => 1,
    }
}

fn run_script(name: &str, source: &str, envs: &[(&str, String)]) -> (Output, Duration) {
    let dir = std::env::temp_dir().join(format!("apiroutes-ws-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join(format!("{name}.mjs"));
    std::fs::write(&file, source).unwrap();
    let started = Instant::now();
    let mut command = Command::new(env!("CARGO_BIN_EXE_apiroutes"));
    command.arg("run").arg(&file).stdin(Stdio::null());
    for (key, value) in envs {
        command.env(key, value);
    }
    let output = command.output().expect("apiroutes run");
    (output, started.elapsed())
}

fn lines(output: &Output) -> Vec<String> {
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "exit {:?}\nstdout:\n{stdout}\nstderr:\n{}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    stdout.lines().map(str::to_string).collect()
}

const CONVERSATION: &str = r#"
const url = process.env.WS_URL
const log = (...a) => console.log(a.join(' '))
const ws = new WebSocket(url, ['chat', 'superchat'])
log('initial', ws.readyState, ws.url === url, ws.binaryType, ws.bufferedAmount, JSON.stringify(ws.protocol))
try { ws.send('early') } catch (e) { log('early', e.name, e.message) }
const events = []
let received = []
const next = () => new Promise((resolve) => received.push(resolve))
ws.onmessage = (e) => { events.push('attr') }
ws.addEventListener('message', (e) => { const r = received.shift(); if (r) r(e) })
await new Promise((resolve, reject) => { ws.onopen = resolve; ws.onerror = reject })
log('open', ws.readyState, ws.protocol, JSON.stringify(ws.extensions), WebSocket.OPEN, ws.OPEN)
let p = next(); ws.send('hello'); let e = await p
log('text', e.data, e instanceof MessageEvent, e.type, e.origin === new URL(url).origin, e.target === ws)
p = next(); ws.send('héllo ✓'); log('utf8', (await p).data)
ws.binaryType = 'nonsense'; log('binaryType', ws.binaryType)
p = next(); ws.send(new Uint8Array([1, 2, 3])); e = await p
log('blob', e.data instanceof Blob, e.data.size, Array.from(new Uint8Array(await e.data.arrayBuffer())).join(','))
ws.binaryType = 'arraybuffer'
p = next(); ws.send(new Uint16Array([258, 772]).subarray(1)); e = await p
log('arraybuffer', e.data instanceof ArrayBuffer, Array.from(new Uint8Array(e.data)).join(','))
p = next(); ws.send(new Blob(['from a blob'])); e = await p
log('sent blob', new TextDecoder().decode(e.data))
p = next(); ws.send(new Uint8Array(8).buffer); log('sent buffer', (await p).data.byteLength)
const big = 'x'.repeat(1 << 20)
p = next(); ws.send(big); const during = ws.bufferedAmount; e = await p
log('big', during, e.data.length, ws.bufferedAmount)
p = next(); ws.send('ping-me'); log('ping', (await p).data)
log('attr calls', events.length)
for (const [code, reason] of [[999], [1001], [5000], [2999], [1000, 'x'.repeat(124)]]) {
  try { ws.close(code, reason) } catch (e) { log('close', code, e.name, e instanceof DOMException, e.message) }
}
const closed = new Promise((resolve) => { ws.onclose = resolve })
ws.close(4000, 'done')
log('closing', ws.readyState)
try { ws.send('late'); log('late send ignored', ws.bufferedAmount) } catch (e) { log('late', e.message) }
e = await closed
log('closed', e instanceof CloseEvent, e.wasClean, e.code, e.reason, ws.readyState)
"#;

#[test]
fn conversation_over_ws() {
    let port = start_plain();
    let url = format!("ws://127.0.0.1:{port}/path?q=1");
    let (output, _) = run_script("conversation", CONVERSATION, &[("WS_URL", url)]);
    let got = lines(&output);
    let expected = [
        "initial 0 true blob 0 \"\"",
        "early InvalidStateError Sent before connected.",
        "open 1 chat \"\" 1 1",
        "text hello true message true true",
        "utf8 héllo ✓",
        "binaryType blob",
        "blob true 3 1,2,3",
        "arraybuffer true 4,3",
        "sent blob from a blob",
        "sent buffer 8",
        "big 1048576 1048576 0",
        "ping pinged",
        "attr calls 8",
        "close 999 InvalidAccessError true invalid code",
        "close 1001 InvalidAccessError true invalid code",
        "close 5000 InvalidAccessError true invalid code",
        "close 2999 InvalidAccessError true invalid code",
        "close 1000 SyntaxError true Reason must be less than 123 bytes; received 124",
        "closing 2",
        "late send ignored 0",
        "closed true true 4000 done 3",
    ];
    assert_eq!(got, expected);
}

#[test]
fn untrusted_certificate_fails_the_connection() {
    let port = start_tls();
    let script = r#"
const ws = new WebSocket(`wss://localhost:${process.env.PORT}/`)
ws.onerror = (e) => console.log('error', e.type, ws.readyState)
ws.onclose = (e) => console.log('close', e.code, e.wasClean, ws.readyState)
ws.onopen = () => console.log('opened?')
"#;
    let (output, _) = run_script("untrusted", script, &[("PORT", port.to_string())]);
    assert_eq!(lines(&output), ["error error 3", "close 1006 false 3"]);
}

#[test]
fn server_close_refusal_drop_and_validation() {
    let port = start_plain();
    let refused = closed_port();
    let script = r#"
const log = (...a) => console.log(a.join(' '))
const base = `ws://127.0.0.1:${process.env.PORT}`
for (const [url, protocols] of [['ftp://x/'], ['ws://x/#frag'], ['not a url'], [base, ['a', 'a']], [base, ['bad name']], [base, 'a,b']]) {
  try { new WebSocket(url, protocols); log('accepted', url) } catch (e) { log(e.name, e instanceof DOMException, e.message.startsWith('Expected') || e.message === 'Got fragment' || e.message === 'Invalid Sec-WebSocket-Protocol value' || 'other') }
}
const h = new WebSocket(`http://127.0.0.1:${process.env.PORT}/x`)
log('http becomes', h.url.slice(0, 5))
h.close()
log(typeof WebSocket, WebSocket.CONNECTING, WebSocket.CLOSING, WebSocket.CLOSED, Object.prototype.toString.call(WebSocket.prototype))

const once = (ws, type) => new Promise((resolve) => ws.addEventListener(type, resolve, { once: true }))
const a = new WebSocket(base)
await once(a, 'open')
const closedA = once(a, 'close')
a.send('close-me')
const ea = await closedA
log('server close', ea.wasClean, ea.code, ea.reason, a.readyState)

const b = new WebSocket(base)
await once(b, 'open')
let errored = false
b.onerror = () => { errored = true }
const closedB = once(b, 'close')
b.send('drop-me')
const eb = await closedB
log('dropped', eb.wasClean, eb.code, errored)

const c = new WebSocket(`ws://127.0.0.1:${process.env.REFUSED}/`)
const order = []
c.onerror = (e) => order.push(e.type + ':' + c.readyState)
c.onclose = (e) => { order.push(`close:${e.code}:${e.wasClean}`); log('refused', order.join(' ')) }

const d = new WebSocket(base)
d.onopen = () => log('opened after close?')
d.onerror = () => order.push('d-error')
d.onclose = (e) => log('closed while connecting', e.code, e.wasClean, d.readyState, order.includes('d-error'))
d.close()
log('d state', d.readyState)
"#;
    let (output, elapsed) = run_script(
        "lifecycle",
        script,
        &[("PORT", port.to_string()), ("REFUSED", refused.to_string())],
    );
    let mut got = lines(&output);
    // The refused connection and the one closed while connecting settle in either order.
    let tail = got.split_off(got.len() - 2);
    assert_eq!(
        got,
        [
            "SyntaxError true true",
            "SyntaxError true true",
            "SyntaxError true other",
            "SyntaxError true true",
            "SyntaxError true true",
            "SyntaxError true true",
            "http becomes ws://",
            "function 0 2 3 [object WebSocket]",
            "server close true 4001 bye 3",
            "dropped false 1006 true",
            "d state 2",
        ]
    );
    let mut tail_sorted = tail.clone();
    tail_sorted.sort();
    assert_eq!(
        tail_sorted,
        [
            "closed while connecting 1006 false 3 true",
            "refused error:3 close:1006:false",
        ],
        "{tail:?}"
    );
    assert!(elapsed < Duration::from_secs(10), "{elapsed:?}");
}

#[test]
fn an_open_socket_keeps_the_script_alive() {
    let port = start_plain();
    // The socket is closed from a timer 300 ms later: the script must still be running
    // to see the close, and must exit once it is closed (no pending read left behind).
    let script = r#"
const ws = new WebSocket(`ws://127.0.0.1:${process.env.PORT}/`)
ws.onopen = () => { console.log('open'); setTimeout(() => ws.close(), 300) }
ws.onclose = (e) => console.log('close', e.code, e.wasClean)
"#;
    let (output, elapsed) = run_script("alive", script, &[("PORT", port.to_string())]);
    assert_eq!(lines(&output), ["open", "close 1005 true"]);
    assert!(elapsed >= Duration::from_millis(300), "{elapsed:?}");
    assert!(elapsed < Duration::from_secs(5), "{elapsed:?}");
}
