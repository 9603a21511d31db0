//! The HTTP server: worker threads, the shared listening socket, and the request path.
//!
//! Each worker thread owns a current-thread tokio runtime, one JavaScript [`Worker`] and
//! the connections it accepted. All threads accept from one listening socket, so a thread
//! busy in JavaScript simply stops taking new connections; a request is parsed, routed
//! and run on the thread that accepted it (no cross-thread hand-off on the hot path).
//! hyper types stay in this crate; rquickjs types stay in the runtime crate.

pub mod access_log;
pub mod app_routes;
pub mod body;
pub mod body_budget;
pub mod compression;
pub mod connection;
pub mod error_pages;
pub mod middleware;
pub mod next_config;
pub mod proxy;
pub mod public_files;
pub mod request_body;
pub mod request_log;
pub mod service;
pub mod static_export;
pub mod strict_http1;

use std::net::{SocketAddr, TcpListener};
use std::rc::Rc;
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

use apiroutes_router::RouteTable;
use apiroutes_runtime::{Worker, WorkerConfig};
use hyper::service::service_fn;
use hyper_util::rt::{TokioIo, TokioTimer};

use crate::connection::{
    Activity, ConnectionLimits, InFlight, OpenConnections, TrackedBody, Watched,
};
use crate::service::App;
use crate::strict_http1::StrictHttp1;

/// Everything `start`/`dev` configure.
#[derive(Debug, Clone)]
pub struct ServerConfig {
    /// `None`: all interfaces, as `next start`.
    pub hostname: Option<String>,
    pub port: u16,
    pub workers: usize,
    pub worker: WorkerConfig,
    /// `--max-duration`: answer 504 when a handler has not responded in time.
    pub max_duration: Option<Duration>,
    /// The project's root `middleware.*` / `proxy.*`, run before routing.
    pub middleware: Option<apiroutes_router::MiddlewareFile>,
    /// The project's `next.config.*`, evaluated at start-up.
    pub next_config: Arc<next_config::NextConfig>,
    /// Timeouts, head size and the connection cap (Node's defaults).
    pub limits: ConnectionLimits,
    /// `--max-body-memory`: bytes of buffered request bodies the process may hold.
    pub max_body_memory: u64,
    /// `dev`: a route module that fails to load is answered with its error (file, line,
    /// code frame) instead of a bare 500.
    pub dev: bool,
    /// `dev` without `--quiet`: one line per request on stderr.
    pub request_log: bool,
    /// A static export (`out/` or `--static DIR`) served beside the API routes.
    pub static_dir: Option<std::path::PathBuf>,
    /// `--access-log`: a JSON line per response on stdout.
    pub access_log: bool,
}

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    #[error("port {port} is already in use on {host} (another server is listening there; pick another with --port)")]
    PortInUse { host: String, port: u16 },
    #[error("cannot listen on {host}:{port}: {source}")]
    Bind {
        host: String,
        port: u16,
        source: std::io::Error,
    },
    #[error("a worker failed to start: {0}")]
    Worker(String),
}

/// A started server: its address and its worker threads.
pub struct RunningServer {
    pub local_addr: SocketAddr,
    /// They serve until the process ends.
    _threads: Vec<JoinHandle<()>>,
    /// Opened by [`RunningServer::open`]: the workers are ready but accept nothing before
    /// (connections wait in the queue), so the start-up line is out before any answer.
    gate: tokio::sync::watch::Sender<bool>,
    /// Set by [`RunningServer::begin_shutdown`]: the workers stop accepting and close each
    /// connection after its current response.
    stopping: tokio::sync::watch::Sender<bool>,
    /// A handle on the listening socket, to stop it listening for every process at once.
    listener: TcpListener,
    open_connections: OpenConnections,
}

impl RunningServer {
    /// Lets the workers accept connections (the start-up line is out).
    pub fn open(&self) {
        let _ = self.gate.send(true);
    }

    /// Starts a graceful shutdown: the socket stops listening (new connections are
    /// refused, also in a supervisor that holds the same socket), idle connections close,
    /// busy ones close after their current response (HTTP/1.1 `Connection: close`,
    /// HTTP/2 GOAWAY). [`RunningServer::open_connections`] then counts down to 0.
    pub fn begin_shutdown(&self) {
        // shutdown(SHUT_RD) on a listening socket stops it listening on Linux; queued
        // connections that were never accepted are reset.
        if let Err(err) = socket2::SockRef::from(&self.listener).shutdown(std::net::Shutdown::Read)
        {
            tracing::debug!("shutting the listener down: {err}");
        }
        let _ = self.stopping.send(true);
    }

    /// Connections still open (each one busy with a response, or about to close).
    pub fn open_connections(&self) -> usize {
        self.open_connections.count()
    }

    /// `dev`'s reload: serves until SIGUSR2 (or SIGTERM/SIGINT/SIGHUP), then drains (stops
    /// accepting, lets the requests in flight finish, closes every connection after its
    /// response) and
    /// returns once no connection is left or after `grace`. The caller then ends the
    /// process (the worker threads are never joined: their runtimes are not freed).
    /// `ready` runs once the signal is armed and the workers accept.
    pub fn serve_until_drained(self, grace: Duration, ready: impl FnOnce()) {
        // SIGUSR2 (a newer process serves now) or a stop signal the dev loop passes on:
        // both drain.
        use tokio::signal::unix::{signal, SignalKind};
        let armed = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .and_then(|runtime| {
                let signals = runtime.block_on(async {
                    Ok::<_, std::io::Error>([
                        signal(SignalKind::user_defined2())?,
                        signal(SignalKind::terminate())?,
                        signal(SignalKind::interrupt())?,
                        signal(SignalKind::hangup())?,
                    ])
                })?;
                Ok((runtime, signals))
            });
        let (runtime, [mut reload, mut terminate, mut interrupt, mut hangup]) = match armed {
            Ok(armed) => armed,
            Err(err) => {
                tracing::error!("cannot wait for the reload signal: {err}");
                // Serve on without reloads; the default signal actions end the process.
                self.open();
                ready();
                loop {
                    std::thread::park();
                }
            }
        };
        self.open();
        ready();
        runtime.block_on(async {
            tokio::select! {
                _ = reload.recv() => {}
                _ = terminate.recv() => {}
                _ = interrupt.recv() => {}
                _ = hangup.recv() => {}
            }
        });
        // This process only: the socket keeps listening for the new server.
        let _ = self.stopping.send(true);
        let deadline = std::time::Instant::now() + grace;
        while self.open_connections.count() > 0 && std::time::Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(2));
        }
    }
}

/// Binds the socket and starts the workers; returns once every worker is ready.
pub fn start(config: ServerConfig, routes: RouteTable) -> Result<RunningServer, ServerError> {
    start_on(None, config, routes)
}

/// Binds the listening socket without listening yet: the supervisor holds it, and the
/// server process it runs listens once its routes are scanned ([`start_on`]), so a
/// server that fails to start refuses connections instead of queueing them forever.
pub fn bind_for_supervisor(hostname: Option<&str>, port: u16) -> Result<TcpListener, ServerError> {
    bind(hostname, port, false)
}

/// [`start`] on a socket bound by the supervisor (`inherited`), or on a fresh one.
pub fn start_on(
    inherited: Option<TcpListener>,
    config: ServerConfig,
    routes: RouteTable,
) -> Result<RunningServer, ServerError> {
    let listener = match inherited {
        Some(listener) => listen_on(listener).map_err(|source| ServerError::Bind {
            host: display_host(config.hostname.as_deref()),
            port: config.port,
            source,
        })?,
        None => bind(config.hostname.as_deref(), config.port, true)?,
    };
    let local_addr = listener.local_addr().map_err(|source| ServerError::Bind {
        host: display_host(config.hostname.as_deref()),
        port: config.port,
        source,
    })?;
    let routes = Arc::new(routes);
    let public = Arc::new(public_files::PublicFiles::scan(&config.worker.project_dir));
    if !public.is_empty() {
        tracing::info!("serving {} files from public/", public.len());
    }
    let static_export = config
        .static_dir
        .as_deref()
        .and_then(static_export::StaticExport::scan)
        .map(Arc::new);
    if let Some(export) = &static_export {
        tracing::info!(
            "serving the static export in {} ({} files) beside the API routes",
            export.dir.display(),
            export.len()
        );
    }
    let (ready_sender, ready_receiver) = std::sync::mpsc::channel::<Result<(), String>>();
    let (gate, opened) = tokio::sync::watch::channel(false);
    let (stopping, stop_receiver) = tokio::sync::watch::channel(false);
    let mut threads = Vec::new();
    let open = OpenConnections::default();
    let body_budget = body_budget::BodyBudget::new(config.max_body_memory);
    for index in 0..config.workers.max(1) {
        let listener = listener.try_clone().map_err(|source| ServerError::Bind {
            host: display_host(config.hostname.as_deref()),
            port: config.port,
            source,
        })?;
        let routes = routes.clone();
        let worker_config = config.worker.clone();
        let max_duration = config.max_duration;
        let middleware = config.middleware.clone();
        let origin_host = origin_host(config.hostname.as_deref(), local_addr.port());
        let ready = ready_sender.clone();
        let public = public.clone();
        let static_export = static_export.clone();
        let access_log = config.access_log;
        let next_config = config.next_config.clone();
        let limits = Arc::new(config.limits.clone());
        let open = open.clone();
        let body_budget = body_budget.clone();
        let opened = opened.clone();
        let stopping = stop_receiver.clone();
        let dev = config.dev;
        let request_log = config.request_log;
        let thread = std::thread::Builder::new()
            .name(format!("apiroutes-worker-{index}"))
            .spawn(move || {
                let extras = WorkerExtras {
                    public,
                    static_export,
                    access_log,
                    max_duration,
                    middleware,
                    origin_host,
                    next_config,
                    limits,
                    open,
                    body_budget,
                    stopping,
                    dev,
                    request_log,
                };
                worker_thread(listener, routes, worker_config, extras, ready, opened)
            })
            .map_err(|err| ServerError::Worker(err.to_string()))?;
        threads.push(thread);
    }
    drop(ready_sender);
    for _ in 0..threads.len() {
        match ready_receiver.recv() {
            Ok(Ok(())) => {}
            Ok(Err(message)) => return Err(ServerError::Worker(message)),
            Err(_) => {
                return Err(ServerError::Worker(
                    "a worker thread stopped during start-up".into(),
                ))
            }
        }
    }
    let listener = listener.try_clone().map_err(|source| ServerError::Bind {
        host: display_host(config.hostname.as_deref()),
        port: config.port,
        source,
    })?;
    Ok(RunningServer {
        local_addr,
        _threads: threads,
        gate,
        stopping,
        listener,
        open_connections: open,
    })
}

fn display_host(hostname: Option<&str>) -> String {
    hostname.unwrap_or("0.0.0.0").to_string()
}

/// Binds like `next start`: the given hostname, or every interface (IPv6 dual-stack when
/// the machine has it, IPv4 otherwise).
fn bind(hostname: Option<&str>, port: u16, listen: bool) -> Result<TcpListener, ServerError> {
    let candidates: Vec<SocketAddr> = match hostname {
        Some(host) => {
            use std::net::ToSocketAddrs;
            (host, port)
                .to_socket_addrs()
                .map_err(|source| ServerError::Bind {
                    host: host.to_string(),
                    port,
                    source,
                })?
                .collect()
        }
        None => vec![
            SocketAddr::from(([0u16; 8], port)),
            SocketAddr::from(([0u8; 4], port)),
        ],
    };
    let mut last_error = None;
    for address in candidates {
        match bind_one(address, listen) {
            Ok(listener) => return Ok(listener),
            Err(err) if err.kind() == std::io::ErrorKind::AddrInUse => {
                return Err(ServerError::PortInUse {
                    host: display_host(hostname),
                    port,
                })
            }
            Err(err) => last_error = Some(err),
        }
    }
    Err(ServerError::Bind {
        host: display_host(hostname),
        port,
        source: last_error.unwrap_or_else(|| std::io::Error::other("no address to bind")),
    })
}

fn bind_one(address: SocketAddr, listen: bool) -> std::io::Result<TcpListener> {
    use socket2::{Domain, Socket, Type};
    let socket = Socket::new(Domain::for_address(address), Type::STREAM, None)?;
    socket.set_reuse_address(true)?;
    if address.is_ipv6() {
        socket.set_only_v6(false)?;
    }
    socket.bind(&address.into())?;
    if listen {
        socket.listen(LISTEN_BACKLOG)?;
    }
    socket.set_nonblocking(true)?;
    Ok(socket.into())
}

/// Connections the kernel queues while every worker is busy, or while the supervisor
/// restarts a crashed server process.
const LISTEN_BACKLOG: i32 = 1024;

/// Listens on an inherited socket (again, after a restart: the queue is kept).
fn listen_on(listener: TcpListener) -> std::io::Result<TcpListener> {
    let socket = socket2::Socket::from(listener);
    socket.listen(LISTEN_BACKLOG)?;
    socket.set_nonblocking(true)?;
    Ok(socket.into())
}

/// `host:port` that `request.url` uses: the listen name, `localhost` for a loopback or
/// wildcard listener (SPEC 11.1: Next uses its own hostname, never the Host header).
fn origin_host(hostname: Option<&str>, port: u16) -> String {
    match hostname {
        None | Some("0.0.0.0" | "::" | "127.0.0.1" | "::1" | "localhost" | "[::1]" | "[::]") => {
            format!("localhost:{port}")
        }
        Some(host) if host.contains(':') && !host.starts_with('[') => format!("[{host}]:{port}"),
        Some(host) => format!("{host}:{port}"),
    }
}

/// Per-server settings every worker thread gets besides its JavaScript worker config.
#[derive(Clone)]
struct WorkerExtras {
    public: Arc<public_files::PublicFiles>,
    static_export: Option<Arc<static_export::StaticExport>>,
    access_log: bool,
    max_duration: Option<Duration>,
    middleware: Option<apiroutes_router::MiddlewareFile>,
    origin_host: String,
    next_config: Arc<next_config::NextConfig>,
    limits: Arc<ConnectionLimits>,
    open: OpenConnections,
    body_budget: Arc<body_budget::BodyBudget>,
    /// Becomes `true` when the server shuts down gracefully.
    stopping: tokio::sync::watch::Receiver<bool>,
    dev: bool,
    request_log: bool,
}

fn worker_thread(
    listener: TcpListener,
    routes: Arc<RouteTable>,
    worker_config: WorkerConfig,
    extras: WorkerExtras,
    ready: std::sync::mpsc::Sender<Result<(), String>>,
    mut opened: tokio::sync::watch::Receiver<bool>,
) {
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(err) => {
            let _ = ready.send(Err(format!("cannot start an I/O runtime: {err}")));
            return;
        }
    };
    let local = tokio::task::LocalSet::new();
    local.block_on(&runtime, async move {
        let listener = match tokio::net::TcpListener::from_std(listener) {
            Ok(listener) => listener,
            Err(err) => {
                let _ = ready.send(Err(format!("cannot register the listener: {err}")));
                return;
            }
        };
        let host = match AppHost::start(routes, worker_config, extras).await {
            Ok(host) => host,
            Err(message) => {
                let _ = ready.send(Err(message));
                return;
            }
        };
        let _ = ready.send(Ok(()));
        if opened.wait_for(|open| *open).await.is_err() {
            return;
        }
        accept_loop(listener, host).await;
        // Shutting down: the connections of this thread finish their responses while the
        // main thread waits for them (and then ends the process).
        std::future::pending::<()>().await;
    });
}

/// Builds one generation of a worker thread's [`App`]: a fresh JavaScript worker with the
/// middleware loaded on it.
async fn build_app(
    routes: Arc<RouteTable>,
    worker_config: WorkerConfig,
    extras: WorkerExtras,
) -> Result<App, String> {
    let started = std::time::Instant::now();
    let worker = Worker::new(worker_config).await?;
    tracing::debug!("worker runtime ready in {:?}", started.elapsed());
    let middleware = match &extras.middleware {
        Some(file) => Some(middleware::ActiveMiddleware::load(&worker, file).await?),
        None => None,
    };
    let has_app_routes = routes
        .routes()
        .iter()
        .any(|route| route.kind == apiroutes_router::RouteKind::AppRoute);
    Ok(App {
        worker,
        routes,
        middleware,
        origin_host: extras.origin_host,
        public: extras.public,
        static_export: extras.static_export,
        has_app_routes,
        max_duration: extras.max_duration,
        next_config: extras.next_config,
        request_timeout: extras.limits.request_timeout,
        body_budget: extras.body_budget,
        dev: extras.dev,
    })
}

/// The current [`App`] of a worker thread, rebuilt when its worker panics.
///
/// A request takes the current generation when it starts and keeps it to the end. A
/// panic (in a native function on the request path, or in the driver task) fails that
/// worker's requests in flight with 500, and the next requests run on a fresh worker;
/// the other worker threads never notice. The abandoned generation is kept, never
/// dropped: freeing a QuickJS runtime that still holds values asserts, and a panic
/// leaves such values behind. That costs its memory once per panic (logged).
struct AppHost {
    current: std::cell::RefCell<Rc<App>>,
    generation: std::cell::Cell<u64>,
    routes: Arc<RouteTable>,
    worker_config: WorkerConfig,
    extras: WorkerExtras,
    abandoned: std::cell::RefCell<Vec<Rc<App>>>,
}

impl AppHost {
    async fn start(
        routes: Arc<RouteTable>,
        worker_config: WorkerConfig,
        extras: WorkerExtras,
    ) -> Result<Rc<AppHost>, String> {
        let app = build_app(routes.clone(), worker_config.clone(), extras.clone()).await?;
        let host = Rc::new(AppHost {
            current: std::cell::RefCell::new(Rc::new(app)),
            generation: std::cell::Cell::new(0),
            routes,
            worker_config,
            extras,
            abandoned: std::cell::RefCell::new(Vec::new()),
        });
        host.watch_driver();
        Ok(host)
    }

    fn current(&self) -> (Rc<App>, u64) {
        (self.current.borrow().clone(), self.generation.get())
    }

    /// Rebuilds the worker if its driver task panics.
    fn watch_driver(self: &Rc<Self>) {
        let Some(crashed) = self.current.borrow().worker.take_crash_signal() else {
            return;
        };
        let generation = self.generation.get();
        let host = self.clone();
        tokio::task::spawn_local(async move {
            if let Ok(message) = crashed.await {
                tracing::error!("a worker must be rebuilt: {message}");
                host.recycle(generation).await;
            }
        });
    }

    /// Replaces generation `generation` (if it is still current) with a fresh worker.
    async fn recycle(self: &Rc<Self>, generation: u64) {
        if self.generation.get() != generation {
            return;
        }
        self.generation.set(generation + 1);
        let old = self.current.borrow().clone();
        old.worker.abandon();
        match build_app(
            self.routes.clone(),
            self.worker_config.clone(),
            self.extras.clone(),
        )
        .await
        {
            Ok(app) => {
                *self.current.borrow_mut() = Rc::new(app);
                self.watch_driver();
                tracing::warn!("worker rebuilt after a crash (modules reloaded); its requests in flight got 500");
            }
            Err(message) => {
                tracing::error!("the worker could not be rebuilt after a crash: {message}");
            }
        }
        self.abandoned.borrow_mut().push(old);
    }

    /// Answers one request on the current generation; a panic fails it with 500 and
    /// rebuilds the worker.
    async fn respond(
        self: Rc<Self>,
        request: http::Request<hyper::body::Incoming>,
        in_flight: InFlight,
        remote: std::net::SocketAddr,
    ) -> Result<http::Response<TrackedBody>, std::convert::Infallible> {
        let (app, generation) = self.current();
        let label = format!("{} {}", request.method(), request.uri().path());
        let logged = self.extras.request_log.then(|| {
            request_log::Pending::new(
                request.method(),
                request
                    .uri()
                    .path_and_query()
                    .map_or("/", |target| target.as_str()),
            )
        });
        let mut access = self
            .extras
            .access_log
            .then(|| access_log::AccessEntry::new(request.method(), request.uri().path(), remote));
        let response =
            match apiroutes_runtime::panic_guard::CatchPanic::new(service::respond(app, request))
                .await
            {
                Ok(Ok(response)) => response,
                Ok(Err(never)) => match never {},
                Err(message) => {
                    tracing::error!("{label}: the request crashed its worker: {message}");
                    let host = self.clone();
                    tokio::task::spawn_local(async move { host.recycle(generation).await });
                    service::internal_error()
                }
            };
        if let Some(logged) = logged {
            logged.finish(response.status());
        }
        if let Some(access) = access.as_mut() {
            access.set_status(response.status().as_u16());
        }
        Ok(response.map(|body| TrackedBody::new(body, in_flight, access)))
    }
}

/// hyper refuses a read buffer below this (it panics).
const MIN_HEAD_BUFFER: usize = 8192;

async fn accept_loop(listener: tokio::net::TcpListener, host: Rc<AppHost>) {
    let limits = host.extras.limits.clone();
    let open = host.extras.open.clone();
    let mut stopping = host.extras.stopping.clone();
    loop {
        let accepted = tokio::select! {
            biased;
            _ = stopping.wait_for(|stop| *stop) => return,
            accepted = listener.accept() => accepted,
        };
        let (stream, remote) = match accepted {
            Ok(accepted) => accepted,
            Err(_) if *stopping.borrow() => return,
            Err(err) => {
                // Out of file descriptors and the like: back off instead of spinning.
                tracing::warn!("accept failed: {err}");
                tokio::time::sleep(Duration::from_millis(10)).await;
                continue;
            }
        };
        // Past the cap a connection is closed at once (never queued, never a crash).
        let Some(admitted) = open.admit(limits.max_connections) else {
            drop(stream);
            tracing::debug!("refused a connection: {} are open", limits.max_connections);
            continue;
        };
        let _ = stream.set_nodelay(true);
        let host = host.clone();
        let limits = limits.clone();
        let mut stopping = stopping.clone();
        tokio::task::spawn_local(async move {
            let _admitted = admitted;
            // A connection that never sends a byte is closed like one that never finishes
            // its head (hyper's header timeout starts only once the HTTP/1 or HTTP/2
            // sniffing below has read something), or at once when the server stops.
            let mut first = [0u8; 1];
            let peeked = tokio::select! {
                biased;
                _ = stopping.wait_for(|stop| *stop) => return,
                peeked = tokio::time::timeout(limits.headers_timeout, stream.peek(&mut first)) => peeked,
            };
            match peeked {
                Ok(Ok(n)) if n > 0 => {}
                _ => return,
            }
            let activity = Activity::new();
            let watched = activity.clone();
            let service = service_fn(move |request: http::Request<hyper::body::Incoming>| {
                if request.version() == http::Version::HTTP_2 {
                    watched.mark_http2();
                }
                host.clone()
                    .respond(request, InFlight::new(&watched), remote)
            });
            // HTTP/1.1, or h2c when the client opens with the HTTP/2 preface (prior
            // knowledge); both are served on this thread.
            let mut builder = hyper_util::server::conn::auto::Builder::new(LocalExec);
            builder
                .http1()
                .timer(TokioTimer::new())
                .header_read_timeout(limits.headers_timeout)
                // A head past this gets 431, as Node's `maxHeaderSize`.
                .max_buf_size(limits.max_header_size.max(MIN_HEAD_BUFFER));
            // HTTP/2 limits, stated rather than left to defaults: streams a client resets
            // before we accept them (rapid reset, CVE-2023-44487) and streams we reset for
            // its errors end the connection with GOAWAY past these counts.
            builder
                .http2()
                .timer(TokioTimer::new())
                .max_concurrent_streams(200)
                .max_pending_accept_reset_streams(20)
                .max_local_error_reset_streams(1024)
                .max_header_list_size(
                    u32::try_from(limits.max_header_size.max(MIN_HEAD_BUFFER)).unwrap_or(u32::MAX),
                );
            let io = TokioIo::new(StrictHttp1::new(Watched::new(stream, activity.clone())));
            let connection = builder.serve_connection(io, service);
            let expired =
                connection::expired(activity, limits.keep_alive_timeout, limits.headers_timeout);
            tokio::pin!(connection, expired);
            let mut closing = false;
            loop {
                tokio::select! {
                    result = connection.as_mut() => {
                        if let Err(err) = result {
                            tracing::debug!("connection ended with an error: {err}");
                        }
                        break;
                    }
                    () = &mut expired => {
                        tracing::debug!("closed an idle connection or one whose head stalled");
                        break;
                    }
                    // Shutting down: an idle connection closes now, a busy one after its
                    // current response (`Connection: close` / GOAWAY).
                    _ = stopping.wait_for(|stop| *stop), if !closing => {
                        closing = true;
                        connection.as_mut().graceful_shutdown();
                    }
                }
            }
        });
    }
}

/// Runs HTTP/2 stream tasks on the worker's own thread: our service futures hold
/// JavaScript-side state and are not `Send`.
#[derive(Clone, Copy)]
struct LocalExec;

impl<F> hyper::rt::Executor<F> for LocalExec
where
    F: std::future::Future + 'static,
{
    fn execute(&self, future: F) {
        tokio::task::spawn_local(future);
    }
}
