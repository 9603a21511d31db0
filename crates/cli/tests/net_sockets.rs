//! `node:net` from a real route handler: a pages API route talks to a local line-protocol
//! service (a tiny Redis-like key-value store the test runs) over one pooled `net.Socket`
//! kept in module state, as `ioredis` and `pg.Pool` keep theirs, across requests and
//! under concurrency; a service that is down is Node's `ECONNREFUSED`.

mod support;

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

use support::Server;

const HANDLER: &str = r#"import net from 'net'

let conn = null
let buffer = ''
const waiting = []

function fail(error) {
  for (const entry of waiting.splice(0)) entry.reject(error)
}

function client() {
  if (conn && !conn.destroyed) return conn
  const socket = net.connect({ port: Number(process.env.KV_PORT), host: '127.0.0.1' })
  conn = socket
  conn.setEncoding('utf8')
  conn.setNoDelay(true)
  conn.on('data', (chunk) => {
    buffer += chunk
    let end
    while ((end = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, end)
      buffer = buffer.slice(end + 1)
      waiting.shift().resolve(line)
    }
  })
  conn.on('error', fail)
  // A failed socket's 'close' comes a tick after its 'error': by then the next request
  // may wait on a new socket, which it must not fail.
  conn.on('close', () => {
    if (conn !== socket) return
    conn = null
    fail(new Error('connection closed'))
  })
  return conn
}

function command(line) {
  return new Promise((resolve, reject) => {
    waiting.push({ resolve, reject })
    client().write(line + '\n')
  })
}

export default async function handler(req, res) {
  try {
    const reply = await command(String(req.query.cmd))
    res.json({ reply, remotePort: conn && conn.remotePort })
  } catch (error) {
    res.status(502).json({ code: error.code, syscall: error.syscall, message: error.message })
  }
}
"#;

/// The service: `SET k v` → `OK`, `GET k` → the value or `NIL`; answers in order on each
/// connection. Returns its port and the count of connections it accepted.
fn start_service() -> (u16, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let accepted = Arc::new(AtomicUsize::new(0));
    let store: Arc<Mutex<HashMap<String, String>>> = Arc::default();
    let count = accepted.clone();
    thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(stream) = stream else { continue };
            count.fetch_add(1, Ordering::SeqCst);
            let store = store.clone();
            thread::spawn(move || {
                let mut writer = stream.try_clone().unwrap();
                for line in BufReader::new(stream).lines() {
                    let Ok(line) = line else { break };
                    let parts: Vec<&str> = line.splitn(3, ' ').collect();
                    let reply = match parts.as_slice() {
                        ["SET", key, value] => {
                            store
                                .lock()
                                .unwrap()
                                .insert(key.to_string(), value.to_string());
                            "OK".to_string()
                        }
                        ["GET", key] => store
                            .lock()
                            .unwrap()
                            .get(*key)
                            .cloned()
                            .unwrap_or_else(|| "NIL".into()),
                        _ => "ERR".into(),
                    };
                    if writer.write_all(format!("{reply}\n").as_bytes()).is_err() {
                        break;
                    }
                }
            });
        }
    });
    (port, accepted)
}

fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let api = dir.path().join("pages/api");
    std::fs::create_dir_all(&api).unwrap();
    std::fs::write(api.join("kv.js"), HANDLER).unwrap();
    dir
}

/// The project served on one worker, its route talking to the service on `port`.
fn serve(port: u16) -> (tempfile::TempDir, Server) {
    let dir = project();
    let port_text = port.to_string();
    let server = Server::start_with_env(
        dir.path(),
        &["--workers", "1"],
        &[("KV_PORT", port_text.as_str())],
    );
    (dir, server)
}

fn reply(server: &Server, cmd: &str) -> (u16, serde_json::Value) {
    let path = format!("/api/kv?cmd={}", cmd.replace(' ', "+"));
    let response = server.send("GET", &path, &[], None, Duration::from_secs(10));
    let body = serde_json::from_str(&response.body_text()).unwrap_or(serde_json::Value::Null);
    (response.status, body)
}

#[test]
fn a_pooled_socket_in_module_state_serves_many_requests() {
    let (port, accepted) = start_service();
    let (_dir, server) = serve(port);
    let (status, body) = reply(&server, "SET greeting hello");
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["reply"], "OK");
    assert_eq!(body["remotePort"], port);
    let (_, body) = reply(&server, "GET greeting");
    assert_eq!(body["reply"], "hello");
    let (_, body) = reply(&server, "GET missing");
    assert_eq!(body["reply"], "NIL");

    // Concurrent requests share the one connection, each getting its own answer.
    let server = Arc::new(server);
    let workers: Vec<_> = (0..16)
        .map(|i| {
            let server = server.clone();
            thread::spawn(move || {
                let (status, body) = reply(&server, &format!("SET key{i} value{i}"));
                assert_eq!(status, 200, "{body}");
                let (_, body) = reply(&server, &format!("GET key{i}"));
                assert_eq!(body["reply"], format!("value{i}"));
            })
        })
        .collect();
    for worker in workers {
        worker.join().unwrap();
    }
    assert_eq!(
        accepted.load(Ordering::SeqCst),
        1,
        "every request reused the pooled connection"
    );
}

#[test]
fn a_service_that_is_down_is_econnrefused() {
    // Port 1 (tcpmux) has no listener here; a port freed by the test could be taken at
    // once by the server's own listener or the other test's service.
    let port = 1;
    let (_dir, server) = serve(port);
    for _ in 0..2 {
        let (status, body) = reply(&server, "GET anything");
        assert_eq!(status, 502, "{body}");
        assert_eq!(body["code"], "ECONNREFUSED");
        assert_eq!(body["syscall"], "connect");
        assert_eq!(
            body["message"],
            format!("connect ECONNREFUSED 127.0.0.1:{port}")
        );
    }
    assert!(server.output().is_empty() || !server.output().contains("panic"));
}
