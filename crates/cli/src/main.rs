//! The `apiroutes` binary: `dev`, `build` and `start`, mirroring `next`.
//!
//! `run` reads top-down: parse arguments, scan the project's routes, then serve them.
//! Errors end the process with one clear line and a non-zero exit status.

mod dev_loop;
mod env_files;
mod lambda;
mod lambda_zip;
mod next_config;
mod shutdown;
mod supervisor;
mod type_declarations;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use std::sync::Arc;

use anyhow::{bail, Context, Result};
use apiroutes_runtime::prebuilt::Prebuilt;
use apiroutes_runtime::WorkerConfig;
use apiroutes_server::connection::ConnectionLimits;
use apiroutes_server::ServerConfig;
use clap::{Args, Parser, Subcommand};

/// mimalloc: QuickJS allocates through Rust's allocator (rquickjs `rust-alloc`), and
/// building handler objects is measurably faster with it. Built with `no_thp`: with
/// transparent huge pages, each fresh arena was backed by 2 MiB pages zeroed on first
/// touch, which cost start-up time and inflated RSS for workers that need a few MiB.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `apiroutes --help`, laid out as `next --help` is.
const HELP_TEMPLATE: &str = "\
Usage: {usage}

{about}

Options:
{options}

Commands:
{subcommands}
";

#[derive(Parser)]
#[command(
    name = "apiroutes",
    version,
    about = "apiroutes serves a Next.js project's API routes (pages/api, app/**/route.*, middleware) from one binary, without Node.",
    disable_version_flag = true,
    disable_help_flag = true,
    help_template = HELP_TEMPLATE,
    subcommand_value_name = "command",
    override_usage = "apiroutes [options] [command]"
)]
struct Cli {
    #[arg(short = 'v', long = "version", action = clap::ArgAction::Version, help = "Outputs the apiroutes version.")]
    version: Option<bool>,
    #[arg(short = 'h', long = "help", action = clap::ArgAction::Help, global = true, help = "Displays this message.")]
    help: Option<bool>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Starts apiroutes in development mode (compiles from the sources on each start).
    Dev(ServeArgs),
    /// Starts apiroutes in production mode, from the output of `apiroutes build` when it is fresh.
    Start(ServeArgs),
    /// Compile every route and its imports to bytecode under DIR/.apiroutes (used by `start`).
    Build(BuildCommandArgs),
    /// Prints the route table: path, kind (pages/app/middleware), file and methods.
    Routes(BuildArgs),
    /// Run one JavaScript or TypeScript file on the same platform, like `node FILE`.
    Run(RunArgs),
    /// Applies the pending `migrations/*.sql` of DIR to its database (`DATABASE_URL`).
    Migrate(BuildArgs),
    /// Serves the project as an AWS Lambda function (the Runtime API of `provided.al2023`).
    Lambda(LambdaArgs),
}

#[derive(Args)]
struct LambdaArgs {
    #[command(flatten)]
    serve: ServeArgs,
    /// `buffered`, or `response-stream` for Function URLs with `InvokeMode: RESPONSE_STREAM`.
    #[arg(long, env = "APIROUTES_LAMBDA_INVOKE_MODE", default_value = "buffered")]
    invoke_mode: String,
}

#[derive(Args)]
struct RunArgs {
    /// The file to run (ESM or CommonJS, .js/.mjs/.cjs/.ts/.tsx).
    file: PathBuf,
    /// Arguments for the script (`process.argv.slice(2)`).
    #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
    args: Vec<String>,
    /// Heap limit of the script's JavaScript runtime, in MiB.
    #[arg(long, default_value_t = 1024)]
    memory_limit_mb: usize,
}

#[derive(Args, Clone)]
struct ServeArgs {
    /// The project directory (the one holding `pages/` or `app/`).
    #[arg(default_value = ".")]
    dir: PathBuf,
    /// Port to listen on.
    #[arg(short = 'p', long, env = "PORT", default_value_t = 3000)]
    port: u16,
    /// Hostname to listen on (default: all interfaces).
    #[arg(short = 'H', long)]
    hostname: Option<String>,
    /// JavaScript workers: a number, or `auto` for one per core. Default 1, so module state
    /// behaves as in one `next start` process; with more, module state is per worker.
    #[arg(long, env = "APIROUTES_WORKERS")]
    workers: Option<String>,
    /// Longest synchronous run of JavaScript, in seconds, before it is interrupted.
    #[arg(long, default_value_t = 10.0)]
    cpu_budget: f64,
    /// Answer 504 when a handler has not responded after this many seconds (default: never, as Next).
    #[arg(long)]
    max_duration: Option<f64>,
    /// Heap limit of each worker's JavaScript runtime, in MiB.
    #[arg(long, default_value_t = 256)]
    memory_limit_mb: usize,
    /// Requests in flight per worker before new ones get 503.
    #[arg(long, default_value_t = 1024)]
    max_in_flight: usize,
    /// An idle keep-alive connection is closed after this many seconds (Node's `keepAliveTimeout`).
    #[arg(long, default_value_t = 5.0)]
    keep_alive_timeout: f64,
    /// Seconds a client has to send a request head (Node's `headersTimeout`).
    #[arg(long, default_value_t = 60.0)]
    headers_timeout: f64,
    /// Seconds a request's body has to arrive before it gets 408 (Node's `requestTimeout`); 0 disables it.
    #[arg(long, default_value_t = 300.0)]
    request_timeout: f64,
    /// Largest request head in bytes; larger heads get 431 (Node's `maxHeaderSize`).
    #[arg(long, default_value_t = 16384)]
    max_header_size: usize,
    /// Open connections per process; more are closed at once (default: 10,000, or less
    /// when the open-files limit is lower).
    #[arg(long)]
    max_connections: Option<usize>,
    /// MiB of request bodies the process may hold buffered at once; a body that does not
    /// fit gets 413 (larger than all of it) or 503 (the budget is full for now).
    #[arg(long, default_value_t = 512)]
    max_body_memory: u64,
    /// Serve in this process instead of a supervised child process (by default a parent
    /// process holds the socket and restarts a server that crashes with a signal).
    #[arg(long)]
    no_supervisor: bool,
    /// `dev`: no log line per request.
    #[arg(long, short = 'q')]
    quiet: bool,
    /// On SIGTERM or Ctrl-C, seconds the requests in flight have to finish before their
    /// connections are closed (a second signal exits at once).
    #[arg(long, default_value_t = 10.0)]
    shutdown_timeout: f64,
    /// A static export to serve beside the API routes (the `out/` of `next build` with
    /// `output: 'export'`); default: DIR/out when it holds an index.html or 404.html.
    #[arg(long = "static", value_name = "STATIC_DIR")]
    static_dir: Option<PathBuf>,
    /// Write one JSON line per response on stdout (time, method, path, status,
    /// duration_ms, bytes, remote).
    #[arg(long)]
    access_log: bool,
    /// `text`, or `json`: the server's own log lines as JSON objects on stdout (tracing's
    /// JSON formatter), for log collectors.
    #[arg(long, env = "APIROUTES_LOG_FORMAT", default_value = "text", value_parser = ["text", "json"])]
    log_format: String,
}

#[derive(Args)]
struct BuildCommandArgs {
    #[command(flatten)]
    project: BuildArgs,
    /// `server` (the build only), or `lambda`: also a function zip for `provided.al2023`.
    #[arg(long, default_value = "server", value_parser = ["server", "lambda"])]
    target: String,
    /// Where `--target lambda` writes its zip (default: DIR/.apiroutes/function.zip).
    #[arg(long, short = 'o')]
    output: Option<PathBuf>,
}

#[derive(Args)]
struct BuildArgs {
    /// The project directory.
    #[arg(default_value = ".")]
    dir: PathBuf,
}

fn main() -> ExitCode {
    let started = Instant::now();
    let cli = Cli::parse_from(lambda::bootstrap_args(std::env::args_os()));
    init_logging(
        cli.command
            .serve_args()
            .map(|args| args.log_format.as_str())
            == Some("json"),
    );
    match run(cli, started) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::FAILURE
        }
    }
}

impl Command {
    fn serve_args(&self) -> Option<&ServeArgs> {
        match self {
            Command::Dev(args) | Command::Start(args) => Some(args),
            Command::Lambda(args) => Some(&args.serve),
            _ => None,
        }
    }
}

/// Log lines on stderr as text, or with `--log-format json` as JSON objects on stdout
/// (`timestamp`, `level`, `message` and the event's fields).
fn init_logging(json: bool) {
    let filter = tracing_subscriber::EnvFilter::try_from_env("APIROUTES_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    if json {
        tracing_subscriber::fmt()
            .json()
            .flatten_event(true)
            .with_current_span(false)
            .with_span_list(false)
            .with_env_filter(filter)
            .with_writer(std::io::stdout)
            .with_target(false)
            .init();
    } else {
        tracing_subscriber::fmt()
            .with_env_filter(filter)
            .with_writer(std::io::stderr)
            // Colours on a terminal only (a log file or pipe gets plain text).
            .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
            .with_target(false)
            .without_time()
            .init();
    }
}

fn run(cli: Cli, started: Instant) -> Result<()> {
    match cli.command {
        Command::Dev(args) => serve(args, true, started),
        Command::Start(args) => serve(args, false, started),
        Command::Build(args) => {
            let dir = build(&args.project.dir)?;
            if args.target == "lambda" {
                package_lambda(&dir, args.output)?;
            }
            Ok(())
        }
        Command::Routes(args) => print_routes(&args.dir),
        Command::Lambda(args) => serve_lambda(args),
        Command::Migrate(args) => {
            let dir = project_dir(&args.dir)?;
            load_env_files(&dir, env_files::Command::Start)?;
            let applied = migrate(&dir, &database_for(&dir)?)?;
            println!("{applied} migration(s) applied");
            Ok(())
        }
        Command::Run(args) => {
            let code = run_script(args)?;
            std::process::exit(code);
        }
    }
}

/// `apiroutes run FILE [ARGS...]`: one worker in script mode on this thread.
fn run_script(args: RunArgs) -> Result<i32> {
    let file = args
        .file
        .canonicalize()
        .with_context(|| format!("cannot find {}", args.file.display()))?;
    if !file.is_file() {
        bail!("{} is not a file", file.display());
    }
    // Modules and tsconfig resolve from the nearest folder with a package.json (as Node
    // finds node_modules), else the file's own folder.
    let folder = file.parent().unwrap_or(Path::new("/")).to_path_buf();
    let project_dir = folder
        .ancestors()
        .find(|dir| dir.join("package.json").is_file())
        .unwrap_or(&folder)
        .to_path_buf();
    load_env_files(&project_dir, env_files::Command::Run)?;
    let config = WorkerConfig {
        project_dir: project_dir.clone(),
        memory_limit: args.memory_limit_mb.max(8) * 1024 * 1024,
        // A script may compute for as long as it likes (Node has no such limit).
        cpu_budget: Duration::from_secs(60 * 60 * 24 * 365),
        max_in_flight: 1,
        preview_mode_id: preview_mode_id(),
        prebuilt: None,
        script_mode: true,
        database: database_for(&project_dir)?,
    };
    let exe = std::env::current_exe()
        .map(|path| path.to_string_lossy().into_owned())
        .unwrap_or_else(|_| "apiroutes".into());
    let mut argv = vec![exe, file.to_string_lossy().into_owned()];
    argv.extend(args.args);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("cannot start an I/O runtime")?;
    let local = tokio::task::LocalSet::new();
    local.block_on(&runtime, async move {
        let worker = apiroutes_runtime::Worker::new(config)
            .await
            .map_err(|message| anyhow::anyhow!("{message}"))?;
        let code = worker.run_main(&file, argv).await;
        // Freeing a runtime that still holds values (pending timers, module state)
        // asserts inside QuickJS; the process ends right after, so it is never freed.
        std::mem::forget(worker);
        Ok(code)
    })
}

fn project_dir(dir: &Path) -> Result<PathBuf> {
    if !dir.is_dir() {
        bail!("project directory {} does not exist", dir.display());
    }
    dir.canonicalize()
        .with_context(|| format!("cannot read {}", dir.display()))
}

/// The files a build starts from: every route and the middleware.
fn entry_files(project: &apiroutes_router::Project) -> Vec<PathBuf> {
    let mut entries: Vec<PathBuf> = project
        .routes
        .routes()
        .iter()
        .map(|route| route.file.clone())
        .collect();
    if let Some(middleware) = &project.middleware {
        entries.push(middleware.path.clone());
    }
    entries
}

/// `start` uses fresh build output; `dev` always compiles from the sources.
fn load_build_output(dir: &Path, entries: &[PathBuf], dev: bool) -> Option<Arc<Prebuilt>> {
    if dev {
        return None;
    }
    match Prebuilt::load_fresh(dir, entries) {
        Ok(Some(prebuilt)) => {
            tracing::info!(
                "using the build in .apiroutes ({} modules)",
                prebuilt.module_count()
            );
            Some(Arc::new(prebuilt))
        }
        Ok(None) => None,
        Err(reason) => {
            tracing::warn!(
                "not using the build in .apiroutes: {reason}; compiling from the sources"
            );
            None
        }
    }
}

fn serve(args: ServeArgs, dev: bool, started: Instant) -> Result<()> {
    // Set by the dev loop for the server processes it runs (read before any thread).
    let generation = if dev { dev_loop::generation() } else { None };
    // Before any thread starts, so that every thread inherits the mask and the main
    // thread alone takes the stop signals (shutdown.rs). The dev loop's server processes
    // take them in `serve_until_drained` instead (a stop drains them as a reload does).
    if generation.is_none() {
        shutdown::block_signals(&[]);
    }
    let grace = non_negative_seconds(args.shutdown_timeout, "--shutdown-timeout")?;
    let server = launch(&args, dev)?;
    let workers = worker_count(args.workers.as_deref())?;
    if let Some(generation) = generation {
        if generation == 0 {
            print_ready(&args, dev, &server, workers, started);
        }
        server.serve_until_drained(dev_loop::DRAIN_GRACE, dev_loop::report_ready);
        // Drained: a newer process serves now. The runtimes are not freed (see `run`).
        std::process::exit(0);
    }
    print_ready(&args, dev, &server, workers, started);
    server.open();
    let code = shutdown::serve_until_stopped(&server, grace);
    std::process::exit(code);
}

fn print_ready(
    args: &ServeArgs,
    dev: bool,
    server: &apiroutes_server::RunningServer,
    workers: usize,
    started: Instant,
) {
    let host = match args.hostname.as_deref() {
        None | Some("0.0.0.0") | Some("::") => "localhost".to_string(),
        Some(host) if host.contains(':') => format!("[{host}]"),
        Some(host) => host.to_string(),
    };
    let mode = if dev { "dev" } else { "start" };
    let port = server.local_addr.port();
    let elapsed_ms = started.elapsed().as_millis() as u64;
    if args.log_format == "json" {
        tracing::info!(
            url = format!("http://{host}:{port}"),
            workers,
            started_ms = elapsed_ms,
            "apiroutes {mode} ready"
        );
    } else {
        println!(
            "apiroutes {mode} ready on http://{host}:{port} ({}, started in {elapsed_ms} ms)",
            if workers == 1 {
                "1 worker".to_string()
            } else {
                format!("{workers} workers; module state is per worker")
            },
        );
    }
}

/// `apiroutes lambda`: the server on a private loopback port, fed by the Runtime API.
fn serve_lambda(args: LambdaArgs) -> Result<()> {
    let api = lambda::runtime_api()?;
    let mode = lambda::InvokeMode::parse(&args.invoke_mode)?;
    let mut serve_args = args.serve;
    serve_args.port = 0;
    serve_args.hostname = Some("127.0.0.1".into());
    // Lambda restarts a function that dies itself; a private port needs no held socket.
    serve_args.no_supervisor = true;
    let server = match launch(&serve_args, false) {
        Ok(server) => server,
        Err(err) => {
            lambda::report_init_error(&api, &err);
            return Err(err);
        }
    };
    server.open();
    lambda::run(&api, server.local_addr, mode)
}

/// Loads the project (environment, `next.config`, routes, database) and starts serving it.
fn launch(args: &ServeArgs, dev: bool) -> Result<apiroutes_server::RunningServer> {
    let dir = project_dir(&args.dir)?;
    let mut inherited = supervisor::inherited_listener();
    if inherited.is_none() && dev {
        // Once per `dev`, before the watcher starts: written by each server process, a
        // new file would set off one reload of its own.
        write_type_declarations(&dir);
        // `next dev` moves on to the next free port.
        let listener = dev_loop::bind(args.hostname.as_deref(), args.port)?;
        if !args.no_supervisor {
            let code = dev_loop::supervise(listener, &dir)?;
            std::process::exit(code);
        }
        inherited = Some(listener);
    }
    if inherited.is_none() && !args.no_supervisor {
        let code = supervisor::supervise(args.hostname.as_deref(), args.port)?;
        std::process::exit(code);
    }
    let command = if dev {
        env_files::Command::Dev
    } else {
        env_files::Command::Start
    };
    // First: it writes the environment, which no other thread may read meanwhile.
    load_env_files(&dir, command)?;
    // As `next start` / `next dev` (next/src/bin/next.ts); packages read it.
    std::env::set_var("NEXT_RUNTIME", "nodejs");
    std::thread::spawn(apiroutes_runtime::loader::warm_up);
    let next_config = load_next_config(&dir, dev.then_some(next_config::PHASE_DEVELOPMENT_SERVER))?;
    let project = apiroutes_router::scan_project(&dir).map_err(|err| anyhow::anyhow!("{err}"))?;
    let prebuilt = load_build_output(&dir, &entry_files(&project), dev);
    for warning in &project.warnings {
        tracing::warn!("{warning}");
    }
    if project.routes.routes().is_empty() {
        tracing::warn!(
            "no routes found in {} (looked for pages/api/** and app/**/route.*)",
            dir.display()
        );
    }
    let static_dir = static_export_dir(&dir, args.static_dir.as_deref())?;
    report_unserved_pages(project.unserved_pages, static_dir.as_deref());
    let workers = worker_count(args.workers.as_deref())?;
    let database = database_for(&dir)?;
    migrate(&dir, &database)?;
    let cpu_budget = positive_seconds(args.cpu_budget, "--cpu-budget")?;
    let max_duration = args
        .max_duration
        .map(|s| positive_seconds(s, "--max-duration"))
        .transpose()?;
    let config = ServerConfig {
        hostname: args.hostname.clone(),
        port: args.port,
        workers,
        worker: WorkerConfig {
            project_dir: dir.clone(),
            memory_limit: at_least(args.memory_limit_mb, 8, "--memory-limit-mb")? * 1024 * 1024,
            cpu_budget,
            max_in_flight: at_least(args.max_in_flight, 1, "--max-in-flight")?,
            preview_mode_id: preview_mode_id(),
            prebuilt,
            script_mode: false,
            database,
        },
        max_duration,
        middleware: project.middleware.clone(),
        next_config,
        limits: ConnectionLimits {
            keep_alive_timeout: positive_seconds(args.keep_alive_timeout, "--keep-alive-timeout")?,
            headers_timeout: positive_seconds(args.headers_timeout, "--headers-timeout")?,
            request_timeout: if args.request_timeout == 0.0 {
                None
            } else {
                Some(positive_seconds(args.request_timeout, "--request-timeout")?)
            },
            max_header_size: args.max_header_size,
            max_connections: match args.max_connections {
                Some(count) => at_least(count, 1, "--max-connections")?,
                None => apiroutes_server::connection::default_max_connections(),
            },
        },
        max_body_memory: at_least(args.max_body_memory, 1, "--max-body-memory")?
            .saturating_mul(1024 * 1024),
        dev,
        request_log: dev && !args.quiet,
        static_dir,
        access_log: args.access_log,
    };
    let route_files: Vec<PathBuf> = project
        .routes
        .routes()
        .iter()
        .map(|route| route.file.clone())
        .collect();
    let built = config.worker.prebuilt.is_some();
    let server = apiroutes_server::start_on(inherited, config, project.routes)?;
    // Without a build, modules compile lazily on first use; checking every route in the
    // background reports syntax errors (file, line, code frame) at start-up without
    // delaying the first answer. A fresh build was already checked, and its bytecode
    // needs no compiler at all.
    if !built {
        std::thread::spawn(move || {
            for file in route_files {
                if let Err(message) = check_file(&file) {
                    // `dev` prints each error once: a request to that route then names it.
                    if !dev || apiroutes_server::service::report_once(&message) {
                        tracing::error!("{message}");
                    }
                }
            }
        });
    }
    Ok(server)
}

/// The static export to serve: `--static DIR` (which must exist), else the project's
/// `out/` when it looks like the output of `next build` with `output: 'export'`.
fn static_export_dir(project: &Path, given: Option<&Path>) -> Result<Option<PathBuf>> {
    if let Some(dir) = given {
        if !dir.is_dir() {
            bail!("--static {}: no such directory", dir.display());
        }
        return Ok(Some(dir.to_path_buf()));
    }
    let out = project.join("out");
    Ok(apiroutes_server::static_export::StaticExport::looks_like_export(&out).then_some(out))
}

/// Says once, at start-up, that page files are not run, and what to do about it.
fn report_unserved_pages(pages: apiroutes_router::UnservedPages, export: Option<&Path>) {
    let mut kinds = Vec::new();
    if pages.pages > 0 {
        kinds.push(format!("{} page(s) in pages/", pages.pages));
    }
    if pages.app > 0 {
        kinds.push(format!("{} App Router page(s) (app/**/page.*)", pages.app));
    }
    if kinds.is_empty() {
        return;
    }
    let kinds = kinds.join(" and ");
    match export {
        Some(dir) => tracing::info!(
            "{kinds}: not rendered by apiroutes; the static export in {} is served for them (run `next build` again after changing them)",
            dir.display()
        ),
        None => tracing::warn!(
            "{kinds}: not served (apiroutes runs the API routes and middleware only). For the whole site, set `output: 'export'` in next.config and run `next build`: apiroutes then serves out/ beside the API (or pass --static DIR)"
        ),
    }
}

/// Loads `.env*` of `dir` (and sets `NODE_ENV`) as `next` does; names the files loaded.
/// Evaluates `next.config.*` (before any worker starts: its `env` is written into the
/// environment here) and logs its warnings; a config that throws stops start-up.
fn load_next_config(
    dir: &Path,
    phase: Option<&str>,
) -> Result<Arc<apiroutes_server::next_config::NextConfig>> {
    let phase = phase.unwrap_or(next_config::PHASE_PRODUCTION_SERVER);
    let Some(loaded) = next_config::load(dir, phase)? else {
        return Ok(Arc::default());
    };
    let name = loaded
        .file
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (config, warnings) = apiroutes_server::next_config::NextConfig::from_json(&loaded.json)
        .map_err(|message| anyhow::anyhow!("invalid {name}: {message}"))?;
    for warning in warnings {
        tracing::warn!("{name}: {warning}");
    }
    for (key, value) in &config.env {
        std::env::set_var(key, value);
    }
    // Next inlines it into server code; `request.nextUrl` reads it (app_route.js).
    if !config.base_path.is_empty() {
        std::env::set_var("__NEXT_ROUTER_BASEPATH", &config.base_path);
    }
    tracing::info!("loaded {name}");
    Ok(Arc::new(config))
}

fn load_env_files(dir: &Path, command: env_files::Command) -> Result<()> {
    let loaded = env_files::load(dir, command).map_err(|message| anyhow::anyhow!("{message}"))?;
    if !loaded.is_empty() && command != env_files::Command::Run {
        tracing::info!("environments: {}", loaded.join(", "));
    }
    Ok(())
}

/// The project's database as `DATABASE_URL` names it (the embedded SQLite file when unset).
fn database_for(dir: &Path) -> Result<apiroutes_store::Store> {
    let url = std::env::var("DATABASE_URL").ok();
    let url = apiroutes_store::DatabaseUrl::parse(url.as_deref(), dir)
        .map_err(|message| anyhow::anyhow!("{message}"))?;
    Ok(apiroutes_store::Store::shared(url))
}

/// Applies the project's pending `migrations/*.sql`; returns how many ran. A failing
/// migration stops here with its file, line and the database's message.
fn migrate(dir: &Path, database: &apiroutes_store::Store) -> Result<usize> {
    let migrations = dir.join("migrations");
    if !migrations.is_dir() {
        return Ok(0);
    }
    let applied = database
        .migrate(&migrations)
        .map_err(|message| anyhow::anyhow!("{message}"))?;
    for name in &applied {
        tracing::info!("applied migrations/{name}");
    }
    Ok(applied.len())
}

/// `--workers N` or `--workers auto` (one per core); 1 when unset.
fn worker_count(value: Option<&str>) -> Result<usize> {
    match value.map(str::trim) {
        None | Some("") => Ok(1),
        Some("auto") => Ok(std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)),
        Some(text) => match text.parse::<usize>() {
            Ok(count) if count >= 1 => Ok(count),
            _ => bail!("--workers must be a positive number or `auto`, got `{text}`"),
        },
    }
}

/// `value` when it is at least `min`, else the one-line refusal naming `flag`.
fn at_least<T: PartialOrd + std::fmt::Display>(value: T, min: T, flag: &str) -> Result<T> {
    if value < min {
        bail!("{flag} must be at least {min}, got {value}");
    }
    Ok(value)
}

fn non_negative_seconds(seconds: f64, flag: &str) -> Result<Duration> {
    if !(seconds.is_finite() && seconds >= 0.0) {
        bail!("{flag} must be a number of seconds (0 or more), got {seconds}");
    }
    Ok(Duration::from_secs_f64(seconds))
}

fn positive_seconds(seconds: f64, flag: &str) -> Result<Duration> {
    if !(seconds.is_finite() && seconds > 0.0) {
        bail!("{flag} must be a positive number of seconds, got {seconds}");
    }
    Ok(Duration::from_secs_f64(seconds))
}

/// The per-process secret in draft-mode cookies (Next generates one per build).
fn preview_mode_id() -> String {
    use std::collections::hash_map::RandomState;
    use std::hash::{BuildHasher, Hasher};
    let mut text = String::new();
    for _ in 0..2 {
        let mut hasher = RandomState::new().build_hasher();
        hasher.write_u128(Instant::now().elapsed().as_nanos());
        text.push_str(&format!("{:016x}", hasher.finish()));
    }
    text
}

/// The HTTP methods a route handler module exports, plus the ones Next answers for it
/// (HEAD with GET, OPTIONS always), as `next build` lists them.
fn app_route_methods(exports: Option<&[String]>) -> String {
    const METHODS: [&str; 7] = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];
    let exports = exports.unwrap_or_default();
    let has = |method: &str| exports.iter().any(|name| name == method);
    let listed: Vec<&str> = METHODS
        .into_iter()
        .filter(|method| has(method) || (*method == "HEAD" && has("GET")) || *method == "OPTIONS")
        .collect();
    listed.join(",")
}

/// One line of a route table.
struct RouteRow {
    path: String,
    kind: &'static str,
    methods: String,
    file: PathBuf,
}

/// The project's routes in table order, then its middleware; `exports` gives an ES
/// module's export names (the methods of a route handler).
fn route_rows(
    project: &apiroutes_router::Project,
    exports: impl Fn(&Path) -> Option<Vec<String>>,
) -> Vec<RouteRow> {
    let mut rows: Vec<RouteRow> = project
        .routes
        .routes()
        .iter()
        .map(|route| {
            let (kind, methods) = match route.kind {
                // A pages handler receives every method itself.
                apiroutes_router::RouteKind::PagesApi => ("pages/api", "any".to_string()),
                apiroutes_router::RouteKind::AppRoute => (
                    "app route",
                    app_route_methods(exports(&route.file).as_deref()),
                ),
            };
            RouteRow {
                path: route.pattern.clone(),
                kind,
                methods,
                file: route.file.clone(),
            }
        })
        .collect();
    if let Some(middleware) = &project.middleware {
        rows.push(RouteRow {
            path: "(middleware)".into(),
            kind: "middleware",
            methods: "-".into(),
            file: middleware.path.clone(),
        });
    }
    rows
}

/// `apiroutes routes [DIR]`: the route table, without building anything.
fn print_routes(dir: &Path) -> Result<()> {
    let dir = project_dir(dir)?;
    let project = apiroutes_router::scan_project(&dir).map_err(|err| anyhow::anyhow!("{err}"))?;
    for warning in &project.warnings {
        tracing::warn!("{warning}");
    }
    let rows = route_rows(&project, |file| {
        let source = std::fs::read_to_string(file).ok()?;
        let compiled = apiroutes_compiler::transform(file, &source).ok()?;
        Some(match compiled.kind {
            apiroutes_compiler::ModuleKind::Esm => compiled.esm_export_names,
            _ => compiled.cjs_export_names,
        })
    });
    println!("{:<40} {:<11} {:<34} File", "Route", "Kind", "Methods");
    for row in &rows {
        let file = row.file.strip_prefix(&dir).unwrap_or(&row.file);
        println!(
            "{:<40} {:<11} {:<34} {}",
            row.path,
            row.kind,
            row.methods,
            file.display()
        );
    }
    let pages = project.unserved_pages;
    println!(
        "{} routes{}{}",
        project.routes.routes().len(),
        if project.middleware.is_some() {
            ", with middleware"
        } else {
            ""
        },
        if pages.pages + pages.app > 0 {
            format!(
                "; {} page file(s) not served (see `apiroutes start`)",
                pages.pages + pages.app
            )
        } else {
            String::new()
        }
    );
    Ok(())
}

/// Compiles one route file, returning every diagnostic as text.
fn check_file(file: &Path) -> std::result::Result<(), String> {
    let source = std::fs::read_to_string(file)
        .map_err(|err| format!("cannot read {}: {err}", file.display()))?;
    apiroutes_compiler::transform(file, &source)
        .map(|_| ())
        .map_err(|err| err.to_string())
}

/// Writes `apiroutes-env.d.ts` into a TypeScript project (as Next writes `next-env.d.ts`).
fn write_type_declarations(dir: &Path) {
    if let Some(path) = type_declarations::write_for_typescript_project(dir) {
        let shown = path.strip_prefix(dir).unwrap_or(&path);
        tracing::info!("wrote {} (types of apiroutes/sql)", shown.display());
    }
}

/// `build --target lambda`: the function zip of a project just built.
fn package_lambda(dir: &Path, output: Option<PathBuf>) -> Result<()> {
    let started = Instant::now();
    let output =
        output.unwrap_or_else(|| apiroutes_runtime::prebuilt::output_dir(dir).join("function.zip"));
    let packaged = lambda_zip::package(dir, &output)?;
    println!(
        "wrote {} ({} files, {:.1} MiB) in {} ms: upload it as a provided.al2023 function",
        output.display(),
        packaged.files,
        packaged.bytes as f64 / (1024.0 * 1024.0),
        started.elapsed().as_millis()
    );
    Ok(())
}

/// `apiroutes build`: returns the project directory it built.
fn build(dir: &Path) -> Result<PathBuf> {
    let started = Instant::now();
    let dir = project_dir(dir)?;
    load_env_files(&dir, env_files::Command::Build)?;
    // As `next build`: a config that throws or is invalid fails the build.
    load_next_config(&dir, Some(next_config::PHASE_PRODUCTION_BUILD))?;
    write_type_declarations(&dir);
    let project = apiroutes_router::scan_project(&dir).map_err(|err| anyhow::anyhow!("{err}"))?;
    for warning in &project.warnings {
        tracing::warn!("{warning}");
    }
    let entries = entry_files(&project);
    let bar = indicatif::ProgressBar::new(entries.len() as u64);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{spinner} compiling {pos} modules {wide_msg}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
    );
    let report = apiroutes_runtime::prebuilt::build(&dir, &entries, |done, file| {
        bar.set_position(done as u64);
        bar.set_message(
            file.strip_prefix(&dir)
                .unwrap_or(file)
                .display()
                .to_string(),
        );
    });
    bar.finish_and_clear();
    if !report.errors.is_empty() {
        for error in &report.errors {
            eprintln!("{error}\n");
        }
        bail!(
            "build failed: {} error(s); nothing was written",
            report.errors.len()
        );
    }
    let built: std::collections::HashMap<&Path, &apiroutes_runtime::prebuilt::BuiltModule> = report
        .modules
        .iter()
        .map(|module| (module.path.as_path(), module))
        .collect();
    let rows = route_rows(&project, |file| {
        built.get(file).map(|module| module.exports.clone())
    });
    println!(
        "{:<40} {:<11} {:<34} {:>9}",
        "Route", "Kind", "Methods", "Size"
    );
    for row in &rows {
        let size = built.get(row.file.as_path()).map_or(0, |m| m.size);
        println!(
            "{:<40} {:<11} {:<34} {:>7} B",
            row.path, row.kind, row.methods, size
        );
    }
    println!(
        "built {} routes, {} modules into {} in {} ms",
        project.routes.routes().len(),
        report.modules.len(),
        apiroutes_runtime::prebuilt::output_dir(&dir).display(),
        started.elapsed().as_millis()
    );
    Ok(dir)
}
