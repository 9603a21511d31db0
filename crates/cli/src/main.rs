//! The `apiroutes` binary: `dev`, `build` and `start`, mirroring `next`.
//!
//! `run` reads top-down: parse arguments, scan the project's routes, then serve them.
//! Errors end the process with one clear line and a non-zero exit status.

mod env_files;
mod lambda;
mod lambda_zip;
mod next_config;
mod supervisor;

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

#[derive(Parser)]
#[command(name = "apiroutes", version, about = "Next.js API routes without Node")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the project for development.
    Dev(ServeArgs),
    /// Serve the project for production.
    Start(ServeArgs),
    /// Compile every route and its imports to bytecode under DIR/.apiroutes (used by `start`).
    Build(BuildCommandArgs),
    /// Run one JavaScript or TypeScript file on the same platform, like `node FILE`.
    Run(RunArgs),
    /// Apply the pending `migrations/*.sql` of DIR to its database (`DATABASE_URL`).
    Migrate(BuildArgs),
    /// Serve the project as an AWS Lambda function (the Runtime API of `provided.al2023`).
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
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("APIROUTES_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .with_writer(std::io::stderr)
        .with_target(false)
        .without_time()
        .init();
    match run(
        Cli::parse_from(lambda::bootstrap_args(std::env::args_os())),
        started,
    ) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::FAILURE
        }
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
    let server = launch(&args, dev)?;
    let workers = worker_count(args.workers.as_deref())?;
    let host = match args.hostname.as_deref() {
        None | Some("0.0.0.0") | Some("::") => "localhost".to_string(),
        Some(host) if host.contains(':') => format!("[{host}]"),
        Some(host) => host.to_string(),
    };
    println!(
        "apiroutes {} ready on http://{host}:{} ({}, started in {} ms)",
        if dev { "dev" } else { "start" },
        server.local_addr.port(),
        if workers == 1 {
            "1 worker".to_string()
        } else {
            format!("{workers} workers; module state is per worker")
        },
        started.elapsed().as_millis()
    );
    server.wait();
    Ok(())
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
    let inherited = supervisor::inherited_listener();
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
            memory_limit: args.memory_limit_mb.max(8) * 1024 * 1024,
            cpu_budget,
            max_in_flight: args.max_in_flight.max(1),
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
            max_connections: args
                .max_connections
                .unwrap_or_else(apiroutes_server::connection::default_max_connections)
                .max(1),
        },
        max_body_memory: args.max_body_memory.saturating_mul(1024 * 1024),
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
                    tracing::error!("{message}");
                }
            }
        });
    }
    Ok(server)
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

/// Compiles one route file, returning every diagnostic as text.
fn check_file(file: &Path) -> std::result::Result<(), String> {
    let source = std::fs::read_to_string(file)
        .map_err(|err| format!("cannot read {}: {err}", file.display()))?;
    apiroutes_compiler::transform(file, &source)
        .map(|_| ())
        .map_err(|err| err.to_string())
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
    println!(
        "{:<40} {:<11} {:<34} {:>9}",
        "Route", "Kind", "Methods", "Size"
    );
    for route in project.routes.routes() {
        let module = built.get(route.file.as_path());
        let (kind, methods) = match route.kind {
            // A pages handler receives every method itself.
            apiroutes_router::RouteKind::PagesApi => ("pages/api", "any".to_string()),
            apiroutes_router::RouteKind::AppRoute => (
                "app route",
                app_route_methods(module.map(|m| m.exports.as_slice())),
            ),
        };
        let size = module.map_or(0, |m| m.size);
        println!(
            "{:<40} {:<11} {:<34} {:>7} B",
            route.pattern, kind, methods, size
        );
    }
    if let Some(middleware) = &project.middleware {
        let size = built.get(middleware.path.as_path()).map_or(0, |m| m.size);
        println!(
            "{:<40} {:<11} {:<34} {:>7} B",
            "(middleware)", "middleware", "-", size
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
