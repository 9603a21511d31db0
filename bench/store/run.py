#!/usr/bin/env python3
"""bench/store/run.py: the built-in store against Next with the usual drivers, side by side.

Same CRUD routes (POST insert, GET point select by id, GET a list of 100) served by
  * apiroutes start on its embedded SQLite   (DATABASE_URL=sqlite:FILE)
  * next start with better-sqlite3            (same schema, WAL, synchronous=NORMAL)
  * apiroutes start on Postgres               (DATABASE_URL=postgres://...)
  * next start with pg (a Pool of 10)         (the same private Postgres cluster)
each loaded with wrk from loopback. Reports req/s, p99 and the server's CPU µs per
request (utime+stime of its process tree; Postgres' own CPU separately) into
bench/STORE.md. A benchmark, not a test: CI never runs it.

Needs wrk, node/npm (Next, better-sqlite3 and pg are installed into SCRATCH, never into
the repository), python3, Debian's postgresql (initdb, pg_ctl) and the release binary.
Every process it starts is stopped by its PID.
"""
import glob
import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from proc_tree import tree_cpu_ticks  # noqa: E402  (bench/proc_tree.py)

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
E = os.environ
DURATION = int(E.get("DURATION", "8"))
WARMUP = int(E.get("WARMUP", "2"))
CONNS = int(E.get("CONNS", "32"))
SCRATCH = E.get("SCRATCH", os.path.join(E.get("TMPDIR", "/tmp"), "apiroutes-bench-store"))
TARGET = E.get("CARGO_TARGET_DIR", os.path.join(REPO, "target"))
APIROUTES = os.path.join(TARGET, "release", "apiroutes")
OUT = E.get("OUT", os.path.join(REPO, "bench", "STORE.md"))
CLK_TCK = os.sysconf("SC_CLK_TCK")
HOST = "127.0.0.1"
ROUTES = [  # name, path, wrk script
    ("insert", "/api/items", "insert.lua"),
    ("point select", "/api/items/1", "point.lua"),
    ("list 100", "/api/items", None),
]
SCHEMA = {
    "sqlite": "CREATE TABLE items (id INTEGER PRIMARY KEY AUTOINCREMENT, title TEXT NOT NULL, body TEXT NOT NULL)",
    "postgres": "CREATE TABLE items (id SERIAL PRIMARY KEY, title TEXT NOT NULL, body TEXT NOT NULL)",
}


def log(message):
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def free_port():
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def wait_http(port, timeout=60):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            with socket.create_connection((HOST, port), timeout=1) as s:
                s.sendall(f"GET /api/items/1 HTTP/1.1\r\nHost: {HOST}\r\nConnection: close\r\n\r\n".encode())
                if s.recv(64).startswith(b"HTTP/1.1 200"):
                    return
        except OSError:
            pass
        time.sleep(0.05)
    raise RuntimeError(f"no 200 from port {port} within {timeout} s")


def run(cmd, **kwargs):
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, **kwargs)


def stop(proc):
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def install_next():
    app = os.path.join(SCRATCH, "next-app")
    stamp = os.path.join(app, ".next", "BUILD_ID")
    lock = os.path.join(HERE, "next-app", "package-lock.json")
    if os.path.exists(stamp) and os.path.getmtime(stamp) > os.path.getmtime(lock):
        return app
    shutil.rmtree(app, ignore_errors=True)
    shutil.copytree(os.path.join(HERE, "next-app"), app)
    log("npm ci (next, better-sqlite3, pg) in the scratch folder")
    run(["npm", "ci", "--no-audit", "--no-fund"], cwd=app)
    log("next build")
    run(["npx", "next", "build"], cwd=app, env={**E, "NEXT_TELEMETRY_DISABLED": "1"})
    return app


class Postgres:
    """A private cluster in the scratch folder, on a free loopback port."""

    def __init__(self):
        bins = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
        if not bins:
            raise RuntimeError("Debian's postgresql is required: apt-get install -y postgresql")
        self.bin = os.path.dirname(bins[-1])
        self.data = os.path.join(SCRATCH, "pgdata")
        shutil.rmtree(self.data, ignore_errors=True)
        run([f"{self.bin}/initdb", "-D", self.data, "-U", "bench", "--auth=trust"], **self.as_postgres())
        self.port = free_port()
        run([f"{self.bin}/pg_ctl", "-D", self.data, "-l", os.path.join(SCRATCH, "pg.log"), "-w", "start",
             "-o", f"-p {self.port} -k {SCRATCH} -c listen_addresses={HOST} -c max_connections=100"],
            **self.as_postgres())
        self.url = f"postgres://bench@{HOST}:{self.port}/postgres?sslmode=disable"
        self.pid = int(open(os.path.join(self.data, "postmaster.pid")).readline())

    @staticmethod
    def as_postgres():
        # initdb refuses to run as root; run the cluster as the `postgres` user then.
        if os.geteuid() != 0:
            return {}
        os.chmod(SCRATCH, 0o777)
        return {"user": "postgres"}

    def psql(self, command):
        run([f"{self.bin}/psql", self.url, "-q", "-v", "ON_ERROR_STOP=1", "-c", command])

    def stop(self):
        subprocess.run([f"{self.bin}/pg_ctl", "-D", self.data, "-m", "fast", "stop"],
                       stdout=subprocess.DEVNULL, **self.as_postgres())


def seed(kind, pg, sqlite_file):
    rows = ", ".join(f"('item {n}', 'seeded row {n}')" for n in range(1, 1001))
    if kind == "postgres":
        pg.psql("DROP TABLE IF EXISTS items")
        pg.psql(SCHEMA["postgres"])
        pg.psql(f"INSERT INTO items (title, body) VALUES {rows}")
        pg.psql("VACUUM ANALYZE items")
        return
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(sqlite_file + suffix):
            os.remove(sqlite_file + suffix)
    db = sqlite3.connect(sqlite_file)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute(SCHEMA["sqlite"])
    db.execute(f"INSERT INTO items (title, body) VALUES {rows}")
    db.commit()
    db.close()
    if os.geteuid() == 0:
        os.chmod(sqlite_file, 0o666)


def wrk(port, path, script, seconds):
    cmd = ["wrk", "-t1", f"-c{CONNS}", f"-d{seconds}s", "--latency"]
    if script:
        cmd += ["-s", os.path.join(HERE, script)]
    out = subprocess.run(cmd + [f"http://{HOST}:{port}{path}"], check=True, capture_output=True, text=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", out)
    p99_ms = float(p99.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[p99.group(2)]
    total = int(re.search(r"(\d+) requests in", out).group(1))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = int(bad.group(1)) if bad else 0
    socket_errors = re.search(r"Socket errors: (.*)", out)
    return rps, p99_ms, total, errors, socket_errors.group(1) if socket_errors else ""


def measure(name, kind, cmd, cwd, env, pg):
    port = free_port()
    proc = subprocess.Popen(cmd + ["-p", str(port)], cwd=cwd, env={**E, **env},
                            stdout=open(os.path.join(SCRATCH, f"{name}.log"), "w"), stderr=subprocess.STDOUT)
    results = []
    try:
        wait_http(port)
        for route, path, script in ROUTES:
            wrk(port, path, script, WARMUP)
            before, pg_before = tree_cpu_ticks(proc.pid), tree_cpu_ticks(pg.pid)
            rps, p99, total, errors, socket_errors = wrk(port, path, script, DURATION)
            ticks, pg_ticks = tree_cpu_ticks(proc.pid) - before, tree_cpu_ticks(pg.pid) - pg_before
            cpu_us = ticks / CLK_TCK * 1e6 / max(total, 1)
            db_us = pg_ticks / CLK_TCK * 1e6 / max(total, 1) if kind == "postgres" else None
            results.append((route, rps, p99, cpu_us, db_us, errors, socket_errors))
            log(f"  {name:<22} {route:<13} {rps:>9.0f} req/s  p99 {p99:7.2f} ms  {cpu_us:7.1f} µs CPU/req  errors {errors} {socket_errors}")
    finally:
        stop(proc)
    return results


def main():
    for tool in ("wrk", "node", "npm"):
        if not shutil.which(tool):
            sys.exit(f"{tool} is required")
    if not os.access(APIROUTES, os.X_OK):
        sys.exit(f"no {APIROUTES}: run cargo build --release first")
    os.makedirs(SCRATCH, exist_ok=True)
    next_app = install_next()
    pg = Postgres()
    sqlite_file = os.path.join(SCRATCH, "store.db")
    ours = os.path.join(HERE, "apiroutes-app")
    next_bin = os.path.join(next_app, "node_modules", ".bin", "next")
    configs = [
        ("apiroutes sqlite", "sqlite", [APIROUTES, "start", ours, "-H", HOST], {"DATABASE_URL": f"sqlite:{sqlite_file}"}),
        ("next better-sqlite3", "sqlite", [next_bin, "start", "-H", HOST], {"BENCH_DB": "sqlite", "SQLITE_FILE": sqlite_file}),
        ("apiroutes postgres", "postgres", [APIROUTES, "start", ours, "-H", HOST], {"DATABASE_URL": pg.url}),
        ("next pg", "postgres", [next_bin, "start", "-H", HOST], {"BENCH_DB": "postgres", "DATABASE_URL": pg.url}),
    ]
    table = {}
    try:
        for name, kind, cmd, env in configs:
            seed(kind, pg, sqlite_file)
            table[name] = measure(name, kind, cmd, next_app if name.startswith("next") else ours, env, pg)
    finally:
        pg.stop()
    write_report(table)


def write_report(table):
    lines = [
        "# Store benchmark: the built-in store against next start with better-sqlite3 and pg",
        "",
        f"Written by `bench/store/run.py` on {time.strftime('%Y-%m-%d')}: wrk -t1 -c{CONNS}, {DURATION} s per",
        "route after a warm-up, one server at a time on loopback, each on a freshly seeded table of",
        "1000 rows. apiroutes runs its default single worker, as `next start` is one process.",
        "CPU is the server's process tree (utime+stime) per request; for Postgres the database",
        "server's own CPU per request is the last column. Same machine, same run: compare the",
        "ratios, not the absolute figures across runs.",
        "",
        "| server | route | req/s | p99 ms | server CPU µs/req | Postgres CPU µs/req | errors |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, rows in table.items():
        for route, rps, p99, cpu, db, errors, socket_errors in rows:
            db_text = f"{db:.0f}" if db is not None else ""
            lines.append(f"| {name} | {route} | {rps:.0f} | {p99:.2f} | {cpu:.0f} | {db_text} | {errors}{' ' + socket_errors if socket_errors else ''} |")
    lines += ["", "apiroutes against next start, same backend:", "", "| backend | route | req/s (apiroutes ÷ next) | server CPU per request (next ÷ apiroutes) |", "| --- | --- | ---: | ---: |"]
    for backend, ours, theirs in (("SQLite", "apiroutes sqlite", "next better-sqlite3"), ("Postgres", "apiroutes postgres", "next pg")):
        if ours in table and theirs in table:
            for a, b in zip(table[ours], table[theirs]):
                lines.append(f"| {backend} | {a[0]} | {a[1] / b[1]:.2f}× more | {b[3] / a[3]:.1f}× less |")
    with open(OUT, "w") as f:
        f.write("\n".join(lines) + "\n")
    log(f"wrote {OUT}")


if __name__ == "__main__":
    main()
