#!/usr/bin/env python3
"""bench/measure.py: the measuring half of bench/run.sh (which sets its environment).

For each server in SERVERS (apiroutes, next, ceiling) it:
  * spawns the server COLD_REPS times and measures cold start: wall time from the
    spawn to the first HTTP 200 from GET /api/hello, probed over a raw socket every
    POLL_MS ms (python is already running, so no interpreter start-up is counted);
  * for each of ROUNDS rounds, spawns a fresh server (one more cold-start sample),
    reads its RSS 1 s after the first 200 (idle), checks every route's body, then for
    each route runs a thrown-away wrk warm-up and a measured `wrk -tTHREADS -cCONNS
    -dDURATION --latency`, recording req/s, p50, p99, errors, and the server process
    tree's utime+stime during the measured run; RSS again 1 s after the last route;
and finally times `apiroutes build` against `next build` on the compat app.

The methods are those of the anchor run (shared bench/run-anchors.sh): sums over the
server's process tree, machine-wide busy ticks to estimate how much CPU other work
took during a run, and a bounded wait for the machine to go quiet before measuring.

Writes TSVs into BENCH_RAW: meta.tsv, cold.tsv, rss.tsv, wrk.tsv, build.tsv,
checks.tsv, plus the raw wrk outputs and server logs. Every server is a child of
this process and is stopped by its PID (SIGTERM, then SIGKILL after 10 s); an
exception or a signal stops the one that is running.
"""
import hashlib
import json
import os
import platform
import re
import resource
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import time

from proc_tree import tree_cpu_ticks, tree_pids

E = os.environ
RAW = E["BENCH_RAW"]
ROUNDS = int(E.get("ROUNDS", "3"))
DURATION = int(E.get("DURATION", "10"))
WARMUP = int(E.get("WARMUP", "2"))
THREADS = int(E.get("THREADS", "1"))
CONNS = int(E.get("CONNS", "32"))
COLD_REPS = int(E.get("COLD_REPS", "5"))
POLL_MS = float(E.get("POLL_MS", "2"))
BUILD_REPS = int(E.get("BUILD_REPS", "3"))
SERVERS = E.get("SERVERS", "apiroutes next ceiling").split()
APIROUTES_ARGS = shlex.split(E.get("APIROUTES_ARGS", ""))
QUIET_PCT = float(E.get("QUIET_PCT", "10"))
QUIET_WAIT_MAX = float(E.get("QUIET_WAIT_MAX", "20"))
QUIET_BUDGET = float(E.get("QUIET_BUDGET", "90"))
OTHER_MAX_PCT = E.get("OTHER_MAX_PCT", "10")
APP = E["BENCH_APP"]
NEXT_APP = E["BENCH_NEXT_APP"]
COMPAT_NEXT = E["BENCH_COMPAT_NEXT"]
COMPAT_AR = E["BENCH_COMPAT_APIROUTES"]
APIROUTES_BIN = E["APIROUTES_BIN"]
CEILING_BIN = E["CEILING_BIN"]
BENCH_DIR = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(BENCH_DIR)
LUA_ECHO = os.path.join(BENCH_DIR, "wrk", "post-echo.lua")
HOST = "127.0.0.1"
ROUTES = ["hello", "users", "echo", "items"]
PATHS = {"hello": "/api/hello", "users": "/api/users/42", "echo": "/api/echo", "items": "/api/items"}
CLK_TCK = os.sysconf("SC_CLK_TCK")
NCPU = os.cpu_count() or 1
T_START = time.time()


def log(msg):
    print(f"[{time.strftime('%H:%M:%S', time.gmtime())}] {msg}", file=sys.stderr, flush=True)


def rel(path):
    """Paths in the report are relative to the repository (no machine paths)."""
    path = str(path)
    if path.startswith(REPO + "/"):
        return path[len(REPO) + 1:]
    scratch = os.path.dirname(NEXT_APP)
    if path.startswith(scratch + "/"):
        return "$SCRATCH/" + path[len(scratch) + 1:]
    return path


# ---------------------------------------------------------------- the server table
ECHO_BODY = re.search(r"^wrk\.body = '(.*)'$", open(LUA_ECHO).read(), re.M).group(1)


def server_cmd(name, port):
    """(argv, cwd) of each server; cwd None = inherit."""
    if name == "apiroutes":
        return [APIROUTES_BIN, "start", APP, "--port", str(port), "--hostname", HOST] + APIROUTES_ARGS, None
    if name == "next":
        # Relative to cwd (the child changes directory before exec), as a user types it.
        return ["./node_modules/.bin/next", "start", "-p", str(port), "-H", HOST], NEXT_APP
    if name == "ceiling":
        return [CEILING_BIN, f"{HOST}:{port}"], None
    raise SystemExit(f"unknown server {name}")


def wrk_args(route, secs, url_base):
    extra = ["-s", LUA_ECHO] if route == "echo" else []
    return ["wrk", f"-t{THREADS}", f"-c{CONNS}", f"-d{secs}s", "--latency", *extra, url_base + PATHS[route]]


def free_port():
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


# ---------------------------------------------------------------- /proc helpers
def tree_status_kb(root, field):
    total = 0
    for p in tree_pids(root):
        try:
            for line in open(f"/proc/{p}/status"):
                if line.startswith(field + ":"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total


def machine_busy_ticks():
    with open("/proc/stat") as f:
        v = f.readline().split()[1:]
    # user nice system idle iowait irq softirq steal
    return sum(int(v[i]) for i in (0, 1, 2, 5, 6, 7))


QUIET_SPENT = 0.0


def wait_for_quiet():
    """Bounded wait for other work on the machine (another session's build) to stop."""
    global QUIET_SPENT
    waited = 0.0
    while True:
        a = machine_busy_ticks()
        time.sleep(0.5)
        busy = 100.0 * (machine_busy_ticks() - a) / (0.5 * NCPU * CLK_TCK)
        if busy <= QUIET_PCT:
            if waited:
                log(f"  quiet again after {waited:.0f} s")
            return
        if waited >= QUIET_WAIT_MAX or QUIET_SPENT >= QUIET_BUDGET:
            log(f"  machine still {busy:.0f}% busy with other work; measuring anyway (runs are flagged)")
            return
        if not waited:
            log(f"  machine {busy:.0f}% busy with other work; waiting for it to go quiet")
        waited += 0.5
        QUIET_SPENT += 0.5


# ---------------------------------------------------------------- HTTP helpers
def http(port, method, path, body=None, headers=None, timeout=5.0):
    """One HTTP/1.1 request on a fresh connection: (status, body bytes). Raises on errors."""
    head = f"{method} {path} HTTP/1.1\r\nHost: {HOST}:{port}\r\nConnection: close\r\n"
    for k, v in (headers or {}).items():
        head += f"{k}: {v}\r\n"
    if body is not None:
        head += f"Content-Length: {len(body)}\r\n"
    data = head.encode() + b"\r\n" + (body or b"")
    with socket.create_connection((HOST, port), timeout=timeout) as s:
        s.sendall(data)
        chunks = []
        while True:
            c = s.recv(65536)
            if not c:
                break
            chunks.append(c)
    resp = b"".join(chunks)
    head_b, _, rest = resp.partition(b"\r\n\r\n")
    lines = head_b.split(b"\r\n")
    status = int(lines[0].split()[1])
    hdrs = {}
    for line in lines[1:]:
        k, _, v = line.partition(b":")
        hdrs[k.strip().lower()] = v.strip()
    if hdrs.get(b"transfer-encoding", b"").lower() == b"chunked":
        out, buf = b"", rest
        while buf:
            size_s, _, buf = buf.partition(b"\r\n")
            size = int(size_s.split(b";")[0], 16)
            if size == 0:
                break
            out, buf = out + buf[:size], buf[size + 2:]
        rest = out
    return status, rest


def probe(port):
    """Status of GET /api/hello, or None while nothing accepts on the port."""
    try:
        return http(port, "GET", "/api/hello", timeout=2.0)[0]
    except (OSError, ValueError, IndexError):
        return None


def check_routes(name, port):
    """Every route's body must be the expected one; returns a list of problems."""
    problems = []
    try:
        st, b = http(port, "GET", "/api/hello")
        if (st, b) != (200, b'{"message":"Hello, world!"}'):
            problems.append(f"hello: {st} {b[:120]!r}")
        st, b = http(port, "GET", "/api/users/42")
        if (st, b) != (200, b'{"id":"42","method":"GET"}'):
            problems.append(f"users: {st} {b[:120]!r}")
        st, b = http(port, "POST", "/api/echo", ECHO_BODY.encode(), {"Content-Type": "application/json"})
        if (st, b) != (200, ECHO_BODY.encode()):
            problems.append(f"echo: {st} {b[:120]!r}")
        st, b = http(port, "GET", "/api/items")
        ok = False
        try:
            d = json.loads(b)
            ok = st == 200 and len(d) == 100 and d[99]["name"] == "item-100"
        except (ValueError, TypeError, KeyError, IndexError):
            pass
        if not ok:
            problems.append(f"items: {st} {b[:120]!r}")
        with open(os.path.join(RAW, f"items-{name}.json"), "wb") as f:
            f.write(b)
    except (OSError, ValueError, IndexError) as e:
        problems.append(f"request failed: {e}")
    return problems


# ---------------------------------------------------------------- servers
RUNNING = []  # Popen objects this script started and has not reaped yet


def stop(proc):
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            log(f"pid {proc.pid} ignored SIGTERM for 10 s; sending SIGKILL")
            proc.kill()
            proc.wait()
    if proc in RUNNING:
        RUNNING.remove(proc)


def stop_all(*_):
    for p in list(RUNNING):
        stop(p)
    if _:
        sys.exit(130)


signal.signal(signal.SIGTERM, stop_all)
signal.signal(signal.SIGINT, stop_all)


class ServerDied(Exception):
    pass


def start(name, logname):
    """Spawn NAME on a free port; wait for the first 200. Returns (proc, port, cold_ms)."""
    port = free_port()
    if probe(port) is not None:
        raise ServerDied(f"port {port} already answers")
    argv, cwd = server_cmd(name, port)
    logf = open(os.path.join(RAW, logname), "wb")
    t0 = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=cwd, stdin=subprocess.DEVNULL, stdout=logf, stderr=subprocess.STDOUT)
    RUNNING.append(proc)
    deadline = t0 + 60
    while True:
        st = probe(port)
        if st == 200:
            cold = (time.perf_counter() - t0) * 1000
            return proc, port, cold
        if proc.poll() is not None:
            RUNNING.remove(proc)
            raise ServerDied(f"{name} exited with status {proc.returncode} during start-up (see {logname})")
        if time.perf_counter() > deadline:
            stop(proc)
            raise ServerDied(f"{name}: no 200 from /api/hello within 60 s (last status {st})")
        time.sleep(POLL_MS / 1000)


def ready_line(logname):
    try:
        text = open(os.path.join(RAW, logname), errors="replace").read()
    except OSError:
        return ""
    m = re.search(r"Ready in [0-9.]+m?s|started in [0-9.]+ ms", text)
    return m.group(0) if m else ""


# ---------------------------------------------------------------- wrk
def to_ms(v):
    m = re.match(r"([0-9.]+)(us|ms|s|m)$", v)
    if not m:
        return float("nan")
    n = float(m.group(1))
    return n * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[m.group(2)]


def parse_wrk(text):
    def grab(pat, default="0"):
        m = re.search(pat, text, re.M)
        return m.group(1) if m else default

    sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    return {
        "rps": float(grab(r"^Requests/sec:\s+([0-9.]+)", "nan")),
        "requests": int(grab(r"^\s*(\d+) requests in")),
        "p50_ms": to_ms(grab(r"^\s+50%\s+(\S+)", "")),
        "p99_ms": to_ms(grab(r"^\s+99%\s+(\S+)", "")),
        "non2xx": int(grab(r"Non-2xx or 3xx responses:\s+(\d+)")),
        "socket_errors": sum(int(x) for x in sock.groups()) if sock else 0,
    }


def run_wrk(route, secs, port, outname):
    """Run wrk; returns (output text, wrk's own CPU ms)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    r = subprocess.run(wrk_args(route, secs, f"http://{HOST}:{port}"), capture_output=True, text=True,
                       timeout=secs + 20)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    text = r.stdout + r.stderr
    with open(os.path.join(RAW, outname), "w") as f:
        f.write(text)
    if r.returncode != 0:
        raise ServerDied(f"wrk exited {r.returncode} (see {outname})")
    cpu = (after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000
    return text, cpu


# ---------------------------------------------------------------- the run
def tsv(name, header):
    path = os.path.join(RAW, name)
    with open(path, "w") as f:
        f.write("\t".join(header) + "\n")

    def add(*vals):
        with open(path, "a") as f:
            # Error messages may hold tabs or newlines: keep one row per line.
            f.write("\t".join(re.sub(r"\s+", " ", str(v)) for v in vals) + "\n")
    return add


def version(argv, cwd=None):
    try:
        r = subprocess.run(argv, cwd=cwd, capture_output=True, text=True, timeout=30)
        return (r.stdout or r.stderr).strip().splitlines()[0]
    except (OSError, IndexError, subprocess.TimeoutExpired):
        return "unavailable"


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def lock_version(lock, crate):
    try:
        m = re.search(rf'name = "{crate}"\nversion = "([^"]+)"', open(lock).read())
        return m.group(1) if m else "?"
    except OSError:
        return "?"


def write_meta():
    cpu = "?"
    for line in open("/proc/cpuinfo"):
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    mem = next(int(line.split()[1]) for line in open("/proc/meminfo") if line.startswith("MemTotal"))
    osname = "?"
    try:
        osname = re.search(r'^PRETTY_NAME="?([^"\n]*)', open("/etc/os-release").read(), re.M).group(1)
    except (OSError, AttributeError):
        pass
    git = version(["git", "-C", REPO, "describe", "--always", "--dirty", "--exclude", "*"])
    meta = {
        "date_utc": time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime()),
        "quick": E.get("BENCH_QUICK", "0"),
        "os": osname,
        "kernel": f"{platform.system()} {platform.release()}",
        "cpu": f"{cpu} x {NCPU}",
        "mem": f"{mem / 1048576:.1f} GiB",
        "load_at_start": open("/proc/loadavg").read().split()[0:3],
        "apiroutes": version([APIROUTES_BIN, "--version"]) + f" (tree: git {git}; binary built "
        f"{E.get('APIROUTES_BUILT', '?')}, sha256 {sha256(APIROUTES_BIN)[:12]})",
        "node": version(["node", "--version"]),
        "next": version(["node", "-p", 'require("next/package.json").version'], cwd=NEXT_APP),
        "wrk": version(["wrk", "-v"]).split(" [")[0],
        "rustc": version(["rustc", "--version"]),
        "ceiling hyper / tokio": lock_version(os.path.join(BENCH_DIR, "ceiling", "Cargo.lock"), "hyper") + " / "
        + lock_version(os.path.join(BENCH_DIR, "ceiling", "Cargo.lock"), "tokio"),
        "priority": E.get("PRIORITY", "default"),
        "knobs": f"ROUNDS={ROUNDS} DURATION={DURATION}s WARMUP={WARMUP}s THREADS={THREADS} CONNS={CONNS} "
                 f"COLD_REPS={COLD_REPS} POLL_MS={POLL_MS:g} BUILD_REPS={BUILD_REPS} NICE={E.get('NICE', '0')} "
                 f"QUIET_PCT={QUIET_PCT:g} QUIET_BUDGET={QUIET_BUDGET:g}s OTHER_MAX_PCT={OTHER_MAX_PCT}"
                 + (f" APIROUTES_ARGS='{' '.join(APIROUTES_ARGS)}'" if APIROUTES_ARGS else ""),
        "other_max_pct": OTHER_MAX_PCT,
        "threads": THREADS,
        "conns": CONNS,
        "poll_ms": f"{POLL_MS:g}",
        "servers": " ".join(SERVERS),
        "compat_app": E.get("BENCH_COMPAT_LABEL", "tests/compat/app"),
    }
    for s in SERVERS:
        argv, cwd = server_cmd(s, 0)
        cmd = " ".join(rel(a) for a in argv).replace("--port 0", "--port <port>")
        cmd = cmd.replace("-p 0", "-p <port>").replace(f"{HOST}:0", f"{HOST}:<port>")
        meta[f"cmd_{s}"] = (f"(cd {rel(cwd)} && {cmd})" if cwd else cmd)
    for r in ROUTES:
        meta[f"wrk_{r}"] = " ".join(rel(a) for a in wrk_args(r, DURATION, f"http://{HOST}:<port>"))
    with open(os.path.join(RAW, "meta.tsv"), "w") as f:
        for k, v in meta.items():
            if isinstance(v, list):
                v = " ".join(v)
            f.write(f"{k}\t{v}\n")


def measure_servers():
    add_cold = tsv("cold.tsv", ["server", "phase", "rep", "cold_ms", "ready_line"])
    add_rss = tsv("rss.tsv", ["server", "round", "idle_rss_kb", "after_rss_kb", "peak_hwm_kb", "nprocs", "threads"])
    add_wrk = tsv("wrk.tsv", ["server", "round", "route", "rps", "p50_ms", "p99_ms", "non2xx", "socket_errors",
                              "requests", "server_cpu_ms", "wrk_cpu_ms", "other_cpu_pct", "elapsed_s"])
    add_check = tsv("checks.tsv", ["server", "round", "problem"])
    add_err = tsv("errors.tsv", ["server", "round", "error"])

    if "apiroutes" in SERVERS:
        # `apiroutes start` uses fresh build output when there is some (issue 4), as
        # `next start` uses `next build`'s: build first so both start from their build.
        r = subprocess.run([APIROUTES_BIN, "build", APP], capture_output=True, text=True, timeout=300)
        with open(os.path.join(RAW, "apiroutes-build-app.log"), "w") as f:
            f.write(r.stdout + r.stderr)
        if r.returncode != 0:
            # Not fatal: `start` then compiles from the sources, but the report says so.
            last = (r.stdout + r.stderr).strip().splitlines()[-1:] or ["(no output)"]
            log(f"apiroutes build of bench/app failed ({r.returncode}): {last[0]}")
            add_err("apiroutes", "build", f"`apiroutes build bench/app` exited {r.returncode}: {last[0]} "
                    "(see apiroutes-build-app.log); start compiled from the sources")

    log(f"cold starts: {COLD_REPS} per server ({' '.join(SERVERS)})")
    for s in SERVERS:
        wait_for_quiet()
        for rep in range(1, COLD_REPS + 1):
            lf = f"cold-{s}-{rep}.log"
            try:
                proc, _, cold = start(s, lf)
            except ServerDied as e:
                log(f"  {s}: {e}")
                add_err(s, "cold", e)
                break
            stop(proc)
            add_cold(s, "cold", rep, f"{cold:.2f}", ready_line(lf))
            log(f"  {s} cold start #{rep}: {cold:.1f} ms")

    for rnd in range(1, ROUNDS + 1):
        for s in SERVERS:
            lf = f"server-{s}-round{rnd}.log"
            wait_for_quiet()
            try:
                proc, port, cold = start(s, lf)
            except ServerDied as e:
                log(f"  {s}: {e}")
                add_err(s, rnd, e)
                continue
            try:
                add_cold(s, "round", rnd, f"{cold:.2f}", ready_line(lf))
                time.sleep(1)
                idle = tree_status_kb(proc.pid, "VmRSS")
                for p in check_routes(s, port):
                    log(f"  {s}: WRONG ANSWER {p}")
                    add_check(s, rnd, p)
                log(f"round {rnd}/{ROUNDS} {s} (pid {proc.pid}): cold {cold:.1f} ms, idle RSS {idle / 1024:.1f} MiB")
                for r in ROUTES:
                    wait_for_quiet()
                    run_wrk(r, WARMUP, port, f"warmup-{s}-{r}-round{rnd}.txt")
                    c0, m0, e0 = tree_cpu_ticks(proc.pid), machine_busy_ticks(), time.time()
                    text, wcpu = run_wrk(r, DURATION, port, f"wrk-{s}-{r}-round{rnd}.txt")
                    c1, m1, e1 = tree_cpu_ticks(proc.pid), machine_busy_ticks(), time.time()
                    if proc.poll() is not None:
                        raise ServerDied(f"{s} exited with status {proc.returncode} during the {r} run")
                    cpu_ms = (c1 - c0) * 1000 / CLK_TCK
                    busy_ms = (m1 - m0) * 1000 / CLK_TCK
                    other = max(0.0, 100 * (busy_ms - cpu_ms - wcpu) / ((e1 - e0) * 1000 * NCPU))
                    w = parse_wrk(text)
                    add_wrk(s, rnd, r, w["rps"], f"{w['p50_ms']:.3f}", f"{w['p99_ms']:.3f}", w["non2xx"],
                            w["socket_errors"], w["requests"], f"{cpu_ms:.0f}", f"{wcpu:.0f}", f"{other:.0f}",
                            f"{e1 - e0:.2f}")
                    us = cpu_ms * 1000 / w["requests"] if w["requests"] else float("nan")
                    log(f"  {s} {r}: {w['rps']:,.0f} req/s, p50 {w['p50_ms']:.2f} ms, p99 {w['p99_ms']:.2f} ms, "
                        f"{us:.1f} µs CPU/req, non-2xx {w['non2xx']}, socket errors {w['socket_errors']}, "
                        f"other {other:.0f}%")
                time.sleep(1)
                after = tree_status_kb(proc.pid, "VmRSS")
                peak = tree_status_kb(proc.pid, "VmHWM")
                pids = tree_pids(proc.pid)
                threads = tree_status_kb(proc.pid, "Threads")
                add_rss(s, rnd, idle, after, peak, len(pids), threads)
                log(f"  {s} RSS after load {after / 1024:.1f} MiB (peak {peak / 1024:.1f} MiB, "
                    f"{len(pids)} process(es), {threads} threads)")
            except (ServerDied, subprocess.TimeoutExpired) as e:
                log(f"  {s}: {e}")
                add_err(s, rnd, e)
            finally:
                stop(proc)


def measure_builds():
    """Wall time of `apiroutes build` vs `next build` on the compat app, cold each time."""
    add = tsv("build.tsv", ["tool", "rep", "wall_ms", "exit", "cpu_ms"])
    tools = [
        ("apiroutes", [APIROUTES_BIN, "build", COMPAT_AR], None, os.path.join(COMPAT_AR, ".apiroutes")),
        ("next", ["./node_modules/.bin/next", "build"], COMPAT_NEXT,
         os.path.join(COMPAT_NEXT, ".next")),
    ]
    with open(os.path.join(RAW, "meta.tsv"), "a") as f:
        for name, argv, cwd, _ in tools:
            cmd = " ".join(rel(a) for a in argv)
            f.write(f"build_cmd_{name}\t{f'(cd {rel(cwd)} && {cmd})' if cwd else cmd}\n")
    log(f"builds of the compat app: {BUILD_REPS} each")
    for rep in range(1, BUILD_REPS + 1):
        for name, argv, cwd, out in tools:
            # A cold build each time: the previous build's output (and Next's cache) goes.
            shutil.rmtree(out, ignore_errors=True)
            wait_for_quiet()
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            t0 = time.perf_counter()
            r = subprocess.run(argv, cwd=cwd, capture_output=True, text=True, timeout=600)
            wall = (time.perf_counter() - t0) * 1000
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = (after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000
            with open(os.path.join(RAW, f"build-{name}-{rep}.log"), "w") as f:
                f.write(r.stdout + r.stderr)
            add(name, rep, f"{wall:.1f}", r.returncode, f"{cpu:.0f}")
            log(f"  {name} build #{rep}: {wall:.0f} ms wall, {cpu:.0f} ms CPU, exit {r.returncode}")


def main():
    write_meta()
    try:
        measure_servers()
        measure_builds()
    finally:
        stop_all()
    with open(os.path.join(RAW, "meta.tsv"), "a") as f:
        f.write(f"elapsed_s\t{time.time() - T_START:.0f}\n")
        f.write(f"quiet_wait_s\t{QUIET_SPENT:.0f}\n")


if __name__ == "__main__":
    main()
