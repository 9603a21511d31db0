#!/usr/bin/env python3
# bench/reload.py: save -> first response from the new code, for `apiroutes dev` and
# (when Next can be installed with npm from bench/app's lockfile) `next dev`, side by side.
#
# Copies bench/app (the seed-like fixture: hello, users/[id], echo, items) into a scratch
# folder outside the repository, starts each dev server on a loopback port, then ROUNDS
# times rewrites pages/api/hello.js with a new marker and polls GET /api/hello (a fresh
# connection each time, every 2 ms) until the marker is served. Prints the median, p90
# and max per server. Servers are stopped by their PID. A benchmark, not a test.
#
# As run.sh, it runs in its own session (autogroup) with autogroup nice NICE (-15; 0
# leaves priorities alone), which the servers share: other sessions on this 2-core
# machine then disturb both servers less.
#
#   bench/reload.py [ROUNDS]      APIROUTES_BIN=... SCRATCH=... SKIP_NEXT=1 NICE=-15
import http.client
import os
import shutil
import signal
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
ROUNDS = int(sys.argv[1]) if len(sys.argv) > 1 else 20
SCRATCH = os.environ.get("SCRATCH", os.path.join(os.environ.get("TMPDIR", "/tmp"), "apiroutes-reload"))
APIROUTES = os.environ.get(
    "APIROUTES_BIN",
    os.path.join(os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target")), "release", "apiroutes"),
)
NICE = int(os.environ.get("NICE", "-15"))
HANDLER = "export default function handler(req, res) {{\n  res.status(200).json({{ message: '{marker}' }});\n}}\n"


def get(port):
    try:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        conn.request("GET", "/api/hello")
        body = conn.getresponse().read().decode()
        conn.close()
        return body
    except OSError:
        return None


def wait_up(port, proc, limit=120):
    started = time.time()
    while time.time() - started < limit:
        if proc.poll() is not None:
            return False
        if get(port) is not None:
            return True
        time.sleep(0.05)
    return False


def measure(name, app, port):
    route = os.path.join(app, "pages", "api", "hello.js")
    times = []
    for round in range(ROUNDS + 1):
        marker = f"{name}-{round}-{time.time_ns()}"
        saved = time.perf_counter()
        with open(route, "w") as f:
            f.write(HANDLER.format(marker=marker))
        while True:
            body = get(port)
            if body is not None and marker in body:
                break
            if time.perf_counter() - saved > 30:
                raise SystemExit(f"{name}: the change was not served within 30 s")
            time.sleep(0.002)
        took = (time.perf_counter() - saved) * 1000
        if round > 0:  # the first round warms both servers up (next dev compiles the route)
            times.append(took)
        time.sleep(0.3)
    return times


def report(name, times):
    times = sorted(times)
    p90 = times[int(len(times) * 0.9) - 1] if len(times) >= 10 else times[-1]
    print(f"{name:<14} median {statistics.median(times):7.1f} ms   p90 {p90:7.1f} ms   max {times[-1]:7.1f} ms   ({len(times)} saves)")


def start(cmd, app, port, env=None):
    log = open(os.path.join(SCRATCH, f"server-{port}.log"), "w")
    return subprocess.Popen(
        cmd, cwd=app, env=env, stdin=subprocess.DEVNULL, stdout=log, stderr=log,
        preexec_fn=os.setpgrp,  # its own group (stopped as one), in our autogroup
    )


def stop(proc):
    try:
        os.killpg(proc.pid, signal.SIGTERM)  # the process group this script started for it
    except ProcessLookupError:
        pass
    proc.wait()


def own_session():
    """Forks into a new session and sets its autogroup's nice (a group leader cannot setsid)."""
    if NICE == 0:
        return "default"
    pid = os.fork()
    if pid:
        _, status = os.waitpid(pid, 0)
        sys.exit(os.waitstatus_to_exitcode(status))
    os.setsid()
    try:
        with open("/proc/self/autogroup", "w") as f:
            f.write(str(NICE))
        return f"own session, autogroup nice {NICE}"
    except OSError:
        return "default (could not set the autogroup nice)"


def main():
    print(f"priority: {own_session()}; load average {os.getloadavg()[0]:.1f}")
    os.makedirs(SCRATCH, exist_ok=True)
    results = {}
    ours = os.path.join(SCRATCH, "apiroutes-app")
    shutil.rmtree(ours, ignore_errors=True)
    shutil.copytree(os.path.join(HERE, "app"), ours)
    proc = start([APIROUTES, "dev", ours, "-p", "39411", "-H", "127.0.0.1", "--quiet"], ours, 39411)
    try:
        if not wait_up(39411, proc):
            raise SystemExit("apiroutes dev did not start")
        results["apiroutes dev"] = measure("apiroutes", ours, 39411)
    finally:
        stop(proc)
    if not os.environ.get("SKIP_NEXT") and shutil.which("npm"):
        theirs = os.path.join(SCRATCH, "next-app")
        if not os.path.isdir(os.path.join(theirs, "node_modules", "next")):
            shutil.rmtree(theirs, ignore_errors=True)
            shutil.copytree(os.path.join(HERE, "app"), theirs)
            quiet = dict(cwd=theirs, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            # As run.sh: npm 11's `npm ci` refuses this lockfile (it lacks the other
            # platforms' optional @next/swc-* packages); `npm install` from it then.
            installed = (subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], **quiet).returncode == 0
                         or subprocess.run(["npm", "install", "--no-audit", "--no-fund"], **quiet).returncode == 0)
            if not installed:
                print("next dev: npm could not install Next; measured apiroutes only")
        if os.path.isdir(os.path.join(theirs, "node_modules", "next")):
            # A `next dev` stopped by a signal leaves its lock in .next/ behind.
            shutil.rmtree(os.path.join(theirs, ".next"), ignore_errors=True)
            env = dict(os.environ, NEXT_TELEMETRY_DISABLED="1")
            nxt = os.path.join(theirs, "node_modules", ".bin", "next")
            proc = start([nxt, "dev", "-p", "39412", "-H", "127.0.0.1"], theirs, 39412, env)
            try:
                if wait_up(39412, proc):
                    results["next dev"] = measure("next", theirs, 39412)
                else:
                    print(f"next dev did not start (see {SCRATCH}/server-39412.log); measured apiroutes only")
            finally:
                stop(proc)
    for name, times in results.items():
        report(name, times)


if __name__ == "__main__":
    main()
