#!/usr/bin/env python3
"""bench/report.py: turn one run of bench/run.sh (results/<stamp>/*.tsv) into bench/RESULTS.md.

usage: report.py OUT_MD RAW_DIR [MORE_RAW_DIRS...]

The first RAW_DIR is the run just made (its machine, versions and commands head the
report); samples of further RAW_DIRs are pooled into the medians (only do that for
runs of the same build on the same machine). Medians leave out runs during which
other processes used more than OTHER_MAX_PCT % of the CPUs whenever cleaner samples
of the same cell exist. A hand-written block between <!-- notes:begin --> and
<!-- notes:end --> in an existing OUT_MD is carried over unchanged.
"""
import csv
import math
import os
import re
import statistics
import sys

if len(sys.argv) < 3:
    sys.exit(__doc__)
OUT, RAWS = sys.argv[1], sys.argv[2:]

ROUTES = ["hello", "users", "echo", "items"]
ROUTE_LABEL = {
    "hello": "GET /api/hello",
    "users": "GET /api/users/42",
    "echo": "POST /api/echo (216 B JSON)",
    "items": "GET /api/items (100 objects)",
}
ORDER = ["apiroutes", "next", "ceiling"]
SERVER_NOTE = {
    "apiroutes": "this project: `apiroutes start` (QuickJS workers)",
    "next": "Next.js `next start` on Node, after `next build`",
    "ceiling": "bench/ceiling: bare hyper 1.x on multi-thread tokio, same bodies",
}
# Issue 4's targets: (figure, route or key, limit). CPU and p99 are ratios to the
# ceiling measured in the same run; cold start and RSS are absolute.
CPU_TARGETS = [("hello", 1.6), ("users", 1.7), ("echo", 1.5), ("items", 3.0)]
P99_TARGET = 2.0
COLD_TARGET_MS = 15.0
RSS_IDLE_MIB, RSS_AFTER_MIB = 12.0, 24.0
BUILD_SPEEDUP = 50.0


def read_tsv(raw, name):
    path = os.path.join(raw, name)
    if not os.path.exists(path):
        return []
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    for r in rows:
        r["run"] = os.path.basename(raw.rstrip("/"))
    return rows


def read_meta(raw):
    meta = {}
    with open(os.path.join(raw, "meta.tsv")) as f:
        for line in f:
            k, _, v = line.rstrip("\n").partition("\t")
            meta[k] = v
    return meta


metas = [read_meta(r) for r in RAWS]
meta = metas[0]
wrk = [r for raw in RAWS for r in read_tsv(raw, "wrk.tsv")]
cold = [r for raw in RAWS for r in read_tsv(raw, "cold.tsv")]
rss = [r for raw in RAWS for r in read_tsv(raw, "rss.tsv")]
builds = [r for raw in RAWS for r in read_tsv(raw, "build.tsv")]
checks = [r for raw in RAWS for r in read_tsv(raw, "checks.tsv")]
errors = [r for raw in RAWS for r in read_tsv(raw, "errors.tsv")]
OTHER_MAX = float(meta.get("other_max_pct") or 10)

present = {r["server"] for r in wrk} | {r["server"] for r in cold} | set(meta.get("servers", "").split())
servers = [s for s in ORDER if s in present] + sorted(present - set(ORDER))
NAN = float("nan")


def med(xs):
    xs = [x for x in xs if x is not None and not math.isnan(x)]
    return statistics.median(xs) if xs else NAN


def ok(x):
    return x is not None and not math.isnan(x)


def f_int(x):
    return f"{x:,.0f}" if ok(x) else "-"


def f_ms(x):
    return "-" if not ok(x) else (f"{x:.2f}" if x < 10 else f"{x:.1f}")


def f_x(x):
    return f"{x:.2f}×" if ok(x) else "-"


def other_pct(r):
    try:
        return float(r["other_cpu_pct"])
    except (KeyError, TypeError, ValueError):
        return None


def clean_rows(rows):
    """The rows measured while the rest of the machine was quiet, if there are any."""
    clean = [x for x in rows if other_pct(x) is not None and other_pct(x) <= OTHER_MAX]
    return (clean, True) if clean else (rows, False)


def cpu_us(r):
    try:
        return float(r["server_cpu_ms"]) * 1000.0 / float(r["requests"])
    except (KeyError, TypeError, ValueError, ZeroDivisionError):
        return None


by = {}
for r in wrk:
    by.setdefault((r["server"], r["route"]), []).append(r)


def cell(server, route):
    """Medians of one server x route: dict of rps, p50, p99, cpu, plus bookkeeping."""
    allrows = by.get((server, route), [])
    rows, is_clean = clean_rows(allrows)
    rps = [float(x["rps"]) for x in rows]
    return {
        "rps": med(rps), "rps_min": min(rps) if rps else NAN, "rps_max": max(rps) if rps else NAN,
        "p50": med([float(x["p50_ms"]) for x in rows]), "p99": med([float(x["p99_ms"]) for x in rows]),
        "cpu": med([cpu_us(x) for x in rows]), "used": len(rows), "taken": len(allrows), "clean": is_clean,
        "other": med([other_pct(x) for x in rows]),
        "errs": (sum(int(x["non2xx"]) for x in rows), sum(int(x["socket_errors"]) for x in rows)),
    }


cells = {(s, rt): cell(s, rt) for s in servers for rt in ROUTES}


def cold_med(s):
    return med([float(x["cold_ms"]) for x in cold if x["server"] == s])


def rss_med(s, key):
    return med([float(x[key]) / 1024.0 for x in rss if x["server"] == s])


def build_med(tool):
    return med([float(x["wall_ms"]) for x in builds if x["tool"] == tool and x["exit"] == "0"])


def build_failed(tool):
    return any(x["exit"] != "0" for x in builds if x["tool"] == tool)


wrong = {s: [x for x in checks if x["server"] == s] for s in servers}
lines = []
w = lines.append

# ---------------------------------------------------------------- header
w("# apiroutes benchmark: results")
w("")
w(f"Generated by `bench/run.sh` (then `bench/report.py`) on **{meta.get('date_utc', '?')}**; the run took "
  f"{meta.get('elapsed_s', '?')} s and waited {meta.get('quiet_wait_s', '?')} s for other work on the machine "
  f"to stop. Raw data: " + ", ".join(f"`bench/results/{os.path.basename(r.rstrip('/'))}/`" for r in RAWS)
  + " (git-ignored).")
if meta.get("quick") == "1":
    w("")
    w("> **QUICK run** (`QUICK=1`: 1 round, 3 s per route): a development check, noisier than a full run.")
w("")
w("The machine is shared and noisy: compare servers measured in this run (the ratios), not "
  "against figures of another run. apiroutes is being optimised in parallel, so this file is a "
  "snapshot of the build named under *Machine and versions*.")
w("")

# ---------------------------------------------------------------- targets
w("## Issue 4's targets (this run)")
w("")
w("| figure | next start | ceiling | apiroutes | apiroutes ÷ ceiling | apiroutes vs next | goal | met? |")
w("| --- | ---: | ---: | ---: | ---: | ---: | --- | --- |")
ar_wrong = bool(wrong.get("apiroutes"))


def verdict(good, route=None):
    """good: True/False, or None when a figure is missing. With a route, the verdict
    says when one of the cells it compares has only noisy samples."""
    if good is None:
        return "not measured"
    v = "**met**" if good else "not met"
    if route and not all(cells.get((s, route), {}).get("clean", True) for s in ("apiroutes", "ceiling")):
        v += " (noisy samples)"
    return v + (" (but wrong answers, see below)" if ar_wrong and good else "")


for rt, limit in CPU_TARGETS:
    n, c, a = (cells.get((s, rt), {}).get("cpu", NAN) for s in ("next", "ceiling", "apiroutes"))
    ratio = a / c if ok(a) and ok(c) and c else NAN
    vs_next = f"{n / a:.1f}× less CPU" if ok(a) and ok(n) and a else "-"
    w(f"| {ROUTE_LABEL[rt]}, server CPU µs/req | {f_int(n)} | {f_int(c)} | {f_int(a)} | {f_x(ratio)} | {vs_next} "
      f"| ≤ {limit:g}× the ceiling's | {verdict(None if not ok(ratio) else ratio <= limit, rt)} |")
n, c, a = (cells.get((s, "hello"), {}).get("p99", NAN) for s in ("next", "ceiling", "apiroutes"))
ratio = a / c if ok(a) and ok(c) and c else NAN
w(f"| p99 of hello under `wrk -t{meta.get('threads', '?')} -c{meta.get('conns', '?')}`, ms "
  f"| {f_ms(n)} | {f_ms(c)} | {f_ms(a)} | {f_x(ratio)} | {f'{n / a:.1f}× lower' if ok(a) and ok(n) and a else '-'} "
  f"| ≤ {P99_TARGET:g}× the ceiling's | {verdict(None if not ok(ratio) else ratio <= P99_TARGET, 'hello')} |")
n, c, a = cold_med("next"), cold_med("ceiling"), cold_med("apiroutes")
w(f"| cold start, spawn → first 200, ms | {f_ms(n)} | {f_ms(c)} | {f_ms(a)} | {f_x(a / c if ok(a) and ok(c) and c else NAN)} "
  f"| {f'{n / a:.1f}× faster' if ok(a) and ok(n) and a else '-'} | ≤ {COLD_TARGET_MS:g} ms "
  f"| {verdict(None if not ok(a) else a <= COLD_TARGET_MS)} |")
ni, ci, ai = rss_med("next", "idle_rss_kb"), rss_med("ceiling", "idle_rss_kb"), rss_med("apiroutes", "idle_rss_kb")
na, ca, aa = rss_med("next", "after_rss_kb"), rss_med("ceiling", "after_rss_kb"), rss_med("apiroutes", "after_rss_kb")
threads = med([float(x["threads"]) for x in rss if x["server"] == "apiroutes" and x.get("threads")])


def f_mib(x):
    return f"{x:.1f}" if ok(x) else "-"


w(f"| RSS idle → after load, MiB | {f_mib(ni)} → {f_mib(na)} | {f_mib(ci)} → {f_mib(ca)} | {f_mib(ai)} → {f_mib(aa)} "
  f"| - | {f'{ni / ai:.1f}× / {na / aa:.1f}× smaller' if ok(ai) and ok(aa) and ai and aa else '-'} "
  f"| ≤ {RSS_IDLE_MIB:g} → ≤ {RSS_AFTER_MIB:g} (2 workers) "
  f"| idle {verdict(None if not ok(ai) else ai <= RSS_IDLE_MIB)}, after load "
  f"{verdict(None if not ok(aa) else aa <= RSS_AFTER_MIB)} |")
bn, ba = build_med("next"), build_med("apiroutes")
speed = bn / ba if ok(bn) and ok(ba) and ba else NAN
bverdict = "not met (`apiroutes build` failed)" if build_failed("apiroutes") else verdict(None if not ok(speed) else speed >= BUILD_SPEEDUP)
w(f"| build of the compat app ({meta.get('compat_app', '?')}), wall ms | {f_int(bn)} | - | {f_int(ba)} | - "
  f"| {f'{speed:,.0f}× faster' if ok(speed) else '-'} | ≥ {BUILD_SPEEDUP:g}× faster than `next build` | {bverdict} |")
w("")
w("*CPU µs/req* is the server process tree's utime+stime during the measured wrk run divided by the "
  "requests wrk completed: the server's own cost per request, the fairest figure on a 2-core box shared "
  "with the load generator. RSS is compared in MiB (the anchor figures' \"MB\").")
w("")

if any(wrong.values()) or errors:
    w("## Wrong answers and failures")
    w("")
    w("Each round checks every route's status and body before loading it (hello and users exactly, echo "
      "against the body sent, items for 100 objects). A server with wrong answers is still measured, but its "
      "figures do not count as met targets.")
    w("")
    for s in servers:
        for x in wrong.get(s, []):
            w(f"- **{s}** round {x['round']}: {x['problem']}")
    for x in errors:
        w(f"- **{x['server']}** ({x['round']}): {x['error']}")
    w("")

# ---------------------------------------------------------------- throughput
w("## Throughput, latency and CPU per request (medians)")
w("")
w("| server | route | req/s | p50 ms | p99 ms | server CPU µs/req | CPU ÷ ceiling | next's CPU ÷ this | req/s ÷ next | req/s min-max | samples used / taken | other CPU % | non-2xx / socket errors |")
w("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | --- |")
for s in servers:
    for rt in ROUTES:
        c = cells[(s, rt)]
        if not c["taken"]:
            continue
        ce, nx = cells.get(("ceiling", rt)), cells.get(("next", rt))
        r_ceil = c["cpu"] / ce["cpu"] if ce and ok(ce["cpu"]) and ce["cpu"] and s != "ceiling" else NAN
        r_next = nx["cpu"] / c["cpu"] if nx and ok(nx["cpu"]) and ok(c["cpu"]) and c["cpu"] and s != "next" else NAN
        rps_next = c["rps"] / nx["rps"] if nx and ok(nx["rps"]) and nx["rps"] and s != "next" else NAN
        oth = (f"{c['other']:.0f}" if ok(c["other"]) else "?") + ("" if c["clean"] else " (noisy!)")
        w(f"| {s} | {ROUTE_LABEL[rt]} | {f_int(c['rps'])} | {f_ms(c['p50'])} | {f_ms(c['p99'])} | "
          f"{f_int(c['cpu'])} | {f_x(r_ceil)} | {f_x(r_next)} | {f_x(rps_next)} | "
          f"{f_int(c['rps_min'])}-{f_int(c['rps_max'])} | {c['used']} / {c['taken']} | {oth} | "
          f"{c['errs'][0]} / {c['errs'][1]} |")
w("")

# ---------------------------------------------------------------- cold start
w("## Cold start (spawn → first 200 from GET /api/hello)")
w("")
w("| server | median ms | min ms | max ms | samples | the server's own start-up line (median) |")
w("| --- | ---: | ---: | ---: | ---: | --- |")
for s in servers:
    xs = [float(x["cold_ms"]) for x in cold if x["server"] == s]
    if not xs:
        continue
    own = []
    for x in cold:
        if x["server"] == s and x.get("ready_line"):
            m = re.search(r"([0-9.]+) ?(ms|s)", x["ready_line"])
            if m:
                own.append(float(m.group(1)) * (1000 if m.group(2) == "s" else 1))
    label = ("\"Ready in\" " if s == "next" else "\"started in\" ") if own else ""
    w(f"| {s} | {f_ms(med(xs))} | {f_ms(min(xs))} | {f_ms(max(xs))} | {len(xs)} | "
      f"{label + f'{med(own):.0f} ms' if own else '-'} |")
w("")

# ---------------------------------------------------------------- memory
w("## Memory (RSS of the server process tree, MiB)")
w("")
w("| server | idle (1 s after the first 200) | after load (1 s after the last run) | peak (VmHWM) | processes | threads | per round idle / after |")
w("| --- | ---: | ---: | ---: | ---: | ---: | --- |")
for s in servers:
    rows = [x for x in rss if x["server"] == s]
    if not rows:
        continue
    per = "; ".join(f"{float(x['idle_rss_kb']) / 1024:.1f} / {float(x['after_rss_kb']) / 1024:.1f}" for x in rows)
    w(f"| {s} | {rss_med(s, 'idle_rss_kb'):.1f} | {rss_med(s, 'after_rss_kb'):.1f} | {rss_med(s, 'peak_hwm_kb'):.1f} | "
      f"{rows[0]['nprocs']} | {rows[0].get('threads', '?')} | {per} |")
w("")

# ---------------------------------------------------------------- builds
w(f"## Build of the compat app ({meta.get('compat_app', '?')}), cold each time")
w("")
w("| tool | median wall ms | min-max ms | median CPU ms | runs (exit codes) |")
w("| --- | ---: | --- | ---: | --- |")
for tool in ["apiroutes", "next"]:
    rows = [x for x in builds if x["tool"] == tool]
    if not rows:
        continue
    walls = [float(x["wall_ms"]) for x in rows]
    w(f"| `{tool} build` | {f_int(build_med(tool))} | {f_int(min(walls))}-{f_int(max(walls))} | "
      f"{f_int(med([float(x['cpu_ms']) for x in rows]))} | {len(rows)} ({', '.join(x['exit'] for x in rows)}) |")
w("")
w("Each build starts without the previous build's output (`.apiroutes/`, `.next/` with its cache are removed); "
  "both run on scratch copies of the app (Next's with its `node_modules`).")
w("")

# ---------------------------------------------------------------- machine and commands
w("## Machine and versions")
w("")
w("| item | value |")
w("| --- | --- |")
for k in ["os", "kernel", "cpu", "mem", "load_at_start", "apiroutes", "node", "next", "wrk", "rustc",
          "ceiling hyper / tokio", "priority", "knobs"]:
    vals = sorted({re.sub(r"/autogroup-\d+ ", "autogroup ", m.get(k, "")) for m in metas})
    w(f"| {k} | {' / '.join(v.replace('|', '/') for v in vals)} |")
w("")
w("## Commands")
w("")
w("The whole run: `bench/run.sh` (knobs above; `QUICK=1 bench/run.sh` for a quick one). It builds with "
  "`cargo build --release` (repository root and `bench/ceiling`), installs Next with `npm ci` into "
  "`$SCRATCH` (default `${TMPDIR:-/tmp}/apiroutes-bench`, outside the repository), runs `next build` "
  "there, copies `target/release/apiroutes` to `$SCRATCH/bin/apiroutes` (other engineers rebuild `target/` "
  "during a run: the copy keeps every round on one binary) and runs `apiroutes build bench/app`, then starts "
  "each server (env `NEXT_TELEMETRY_DISABLED=1`):")
w("")
for s in servers:
    w(f"- **{s}** ({SERVER_NOTE.get(s, '')}): `{meta.get('cmd_' + s, '?')}`")
w("")
w("Load, from loopback, each measured run after a thrown-away warm-up run of the same route (client and "
  "server share the 2 cores; nothing is pinned):")
w("")
for r in ROUTES:
    w(f"- `{meta.get('wrk_' + r, '')}`")
w("")
w("Builds timed:")
w("")
for t in ["apiroutes", "next"]:
    if meta.get("build_cmd_" + t):
        w(f"- `{meta['build_cmd_' + t]}`")
w("")
w("*Cold start*: wall time from spawning the server (from an already running Python) to the first "
  f"HTTP 200 from `GET /api/hello`, probed over a raw socket every {meta.get('poll_ms', '?')} ms; "
  "`COLD_REPS` spawns per server plus one per round; OS file cache warm. *RSS*: sum of VmRSS over the server's "
  "process tree. *Other CPU %*: machine-wide busy time during a run less the server's and wrk's, as a share "
  f"of all CPUs; runs over {OTHER_MAX:.0f} % are left out of the medians when cleaner samples of the same "
  "cell exist (\"(noisy!)\" when none do).")
w("")

# ---------------------------------------------------------------- raw
w("## Every measured run")
w("")
w("| run | server | round | route | req/s | p50 ms | p99 ms | server CPU µs/req | wrk CPU ms | other CPU % | non-2xx | socket errors |")
w("| --- | --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
rank = {s: i for i, s in enumerate(servers)}
for r in sorted(wrk, key=lambda r: (rank.get(r["server"], 99), ROUTES.index(r["route"]), r["run"], int(r["round"]))):
    c = cpu_us(r)
    w(f"| {r['run']} | {r['server']} | {r['round']} | {r['route']} | {f_int(float(r['rps']))} | "
      f"{f_ms(float(r['p50_ms']))} | {f_ms(float(r['p99_ms']))} | {'-' if c is None else f'{c:.1f}'} | "
      f"{r.get('wrk_cpu_ms') or '-'} | {r.get('other_cpu_pct') or '?'} | {r['non2xx']} | {r['socket_errors']} |")
w("")
w("Cold-start samples (ms): " + "; ".join(
    f"{s}: " + ", ".join(f"{float(x['cold_ms']):.1f}" for x in cold if x["server"] == s) for s in servers))
w("")

# ---------------------------------------------------------------- notes carried over
notes = "<!-- notes:begin -->\n## Notes\n\n(none yet)\n<!-- notes:end -->"
if os.path.exists(OUT):
    m = re.search(r"<!-- notes:begin -->.*?<!-- notes:end -->", open(OUT).read(), re.S)
    if m:
        notes = m.group(0)
w(notes)
w("")

with open(OUT, "w") as f:
    f.write("\n".join(lines))
