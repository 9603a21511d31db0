#!/usr/bin/env bash
# bench/run.sh: the project's own benchmark (issue 4). One run:
#   1. builds apiroutes (`cargo build --release` at the repository root) and the
#      ceiling (bench/ceiling, a bare hyper server answering the same bytes);
#   2. installs Next.js with `npm ci` into a scratch folder outside the repository
#      (bench/app's package-lock.json; tests/compat/app's for the build comparison)
#      and runs `next build` on the copy of bench/app;
#   3. hands over to bench/measure.py, which, for each server (apiroutes start,
#      next start, ceiling), measures cold start (spawn -> first 200, polled every
#      POLL_MS), RSS idle and after load, and with `wrk -tTHREADS -cCONNS` on the four
#      routes: req/s, p50/p99 and the server's CPU µs per request; then times
#      `apiroutes build` against `next build` on the compat app;
#   4. runs bench/report.py, which writes bench/RESULTS.md (raw data stays under
#      bench/results/<UTC stamp>/, git-ignored).
#
# It is a benchmark, not a test: nothing in `cargo test` or CI runs it.
# Traffic goes to 127.0.0.1 only; every wrk run is bounded by -d and a timeout; the
# servers are children of measure.py and are stopped by their PID only.
#
# Usage: bench/run.sh            full run (about 12 minutes with the defaults)
#        QUICK=1 bench/run.sh    1 round, 3 s per route (development; about 3 minutes)
# Knobs (environment):
ROUNDS=${ROUNDS:-3}          # rounds; each starts a fresh server process per server
DURATION=${DURATION:-10}     # seconds of each measured wrk run
WARMUP=${WARMUP:-2}          # seconds of the thrown-away wrk run before each measured one
THREADS=${THREADS:-1}        # wrk -t
CONNS=${CONNS:-32}           # wrk -c
COLD_REPS=${COLD_REPS:-5}    # extra spawns per server measuring cold start only
POLL_MS=${POLL_MS:-2}        # cold-start probe interval
BUILD_REPS=${BUILD_REPS:-3}  # `apiroutes build` / `next build` repetitions
SERVERS=${SERVERS:-"apiroutes next ceiling"}
APIROUTES_ARGS=${APIROUTES_ARGS:---workers auto}   # extra flags for `apiroutes start` (one worker per core, as measured before)
NICE=${NICE:--15}            # autogroup nice of this run (0 = leave priorities alone)
QUIET_PCT=${QUIET_PCT:-10}   # wait (bounded) until other work uses less than this % of the CPUs
QUIET_WAIT_MAX=${QUIET_WAIT_MAX:-20}  # ... at most this many seconds per wait
QUIET_BUDGET=${QUIET_BUDGET:-90}      # ... and this many seconds in all
OTHER_MAX_PCT=${OTHER_MAX_PCT:-10}    # runs with more "other" CPU are left out of medians when cleaner ones exist
SCRATCH=${SCRATCH:-${TMPDIR:-/tmp}/apiroutes-bench}  # npm installs and build copies (outside the repo)
SKIP_CARGO=${SKIP_CARGO:-0}  # 1 = use the binaries already built
OUT=${OUT:-}                 # the report (default bench/RESULTS.md)
if [ "${QUICK:-0}" = 1 ]; then
  ROUNDS=1 DURATION=3 WARMUP=1 COLD_REPS=2 BUILD_REPS=1
fi

set -euo pipefail
# The whole script is one { } block, which bash parses before running any of it, so
# editing this file during a run cannot derail that run.
{

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$BENCH_DIR/.." && pwd)
export LC_ALL=C NEXT_TELEMETRY_DISABLED=1 PYTHONDONTWRITEBYTECODE=1

log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# Other sessions share this 2-core machine. With autogroup scheduling (Debian's
# default) a plain renice does nothing against another session's processes, so the
# script re-runs itself in a new session (its own autogroup) and sets that
# autogroup's nice; the servers and wrk it starts share it.
if [ "$NICE" != 0 ] && [ -z "${BENCH_IN_OWN_SESSION:-}" ] && command -v setsid >/dev/null \
   && [ "$(cat /proc/sys/kernel/sched_autogroup_enabled 2>/dev/null)" = 1 ]; then
  export BENCH_IN_OWN_SESSION=1
  # Not exec: a Ctrl-C reaches this process only (the new session has no terminal),
  # so it forwards SIGTERM to the run, which stops its server by PID and exits.
  # (This script is no process-group leader when it starts setsid in the background,
  # so setsid does not fork and $! is the new session's bash.)
  setsid -w bash "${BASH_SOURCE[0]}" "$@" &
  RUN_PID=$!
  trap 'kill -TERM "$RUN_PID" 2>/dev/null || true' INT TERM
  RC=0; wait "$RUN_PID" || RC=$?
  while kill -0 "$RUN_PID" 2>/dev/null; do RC=0; wait "$RUN_PID" || RC=$?; done
  exit "$RC"
fi
PRIORITY=default
if [ "$NICE" != 0 ]; then
  if [ -n "${BENCH_IN_OWN_SESSION:-}" ] && echo "$NICE" 2>/dev/null >"/proc/$$/autogroup"; then
    PRIORITY="own session, $(cat "/proc/$$/autogroup")"
  elif renice -n "$NICE" -p $$ >/dev/null 2>&1; then
    PRIORITY="renice $NICE (no autogroup)"
  else
    log "could not raise the priority; running at the default one"
  fi
fi

# ---------------------------------------------------------------- tools
command -v wrk >/dev/null || die "wrk is required: install it with 'apt-get install -y wrk' (Debian package wrk)"
for t in python3 cargo node npm; do command -v "$t" >/dev/null || die "$t is required"; done

# One run at a time: two runs on 2 cores measure each other, and they share the
# scratch folder (next build output, the apiroutes copy).
mkdir -p "$SCRATCH"
exec 9>"$SCRATCH/.run.lock"
flock -n 9 || die "another bench/run.sh is running (it holds $SCRATCH/.run.lock); wait for it to finish"
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
RAW="$BENCH_DIR/results/$STAMP"
mkdir -p "$RAW"
log "raw data: $RAW; scratch: $SCRATCH; priority: $PRIORITY"

# ---------------------------------------------------------------- builds
TARGET_DIR=${CARGO_TARGET_DIR:-$REPO/target}
APIROUTES_BIN="$TARGET_DIR/release/apiroutes"
CEILING_BIN="$BENCH_DIR/ceiling/target/release/ceiling"
if [ "$SKIP_CARGO" != 1 ]; then
  log "cargo build --release (apiroutes)"
  (cd "$REPO" && cargo build --release) >"$RAW/cargo-build-apiroutes.log" 2>&1 \
    || die "cargo build of apiroutes failed (see $RAW/cargo-build-apiroutes.log)"
  log "cargo build --release (bench/ceiling)"
  (cd "$BENCH_DIR/ceiling" && cargo build --release) >"$RAW/cargo-build-ceiling.log" 2>&1 \
    || die "cargo build of the ceiling failed (see $RAW/cargo-build-ceiling.log)"
fi
[ -x "$APIROUTES_BIN" ] || die "no $APIROUTES_BIN"
# Other engineers rebuild target/release while this runs: measure a private copy, so
# every round runs the same binary (its checksum goes into the report).
mkdir -p "$SCRATCH/bin"
cp "$APIROUTES_BIN" "$SCRATCH/bin/apiroutes.tmp" && mv "$SCRATCH/bin/apiroutes.tmp" "$SCRATCH/bin/apiroutes"
APIROUTES_BUILT="$(date -u -r "$APIROUTES_BIN" '+%Y-%m-%d %H:%M:%S UTC')"
APIROUTES_BIN="$SCRATCH/bin/apiroutes"
[ -x "$CEILING_BIN" ] || die "no $CEILING_BIN"

# ---------------------------------------------------------------- Next.js in scratch
# copy_app SRC DEST: the app's sources (no node_modules, no build output) into DEST,
# then `npm ci` there unless DEST already has node_modules from the same lockfile.
copy_app() {
  local src=$1 dest=$2 name
  name=$(basename "$dest")
  mkdir -p "$dest"
  # Replace the sources wholesale (a file removed from the app must disappear too)
  # while keeping node_modules, which is slow to reinstall.
  find "$dest" -mindepth 1 -maxdepth 1 ! -name node_modules ! -name .lock-sha -exec rm -rf {} +
  (cd "$src" && tar --exclude=./node_modules --exclude=./.next --exclude=./.apiroutes -cf - .) | (cd "$dest" && tar -xf -)
  local sha; sha=$(sha256sum "$dest/package-lock.json" | cut -d' ' -f1)
  if [ ! -d "$dest/node_modules" ] || [ "$(cat "$dest/.lock-sha" 2>/dev/null)" != "$sha" ]; then
    log "npm ci in $dest"
    # npm 11's `npm ci` refuses a lockfile that lacks the other platforms' optional
    # packages (@next/swc-darwin-*, written by an older npm on Linux). `npm install`
    # then installs the same locked versions, completing the scratch copy's lockfile.
    if ! (cd "$dest" && npm ci --no-audit --no-fund) >"$RAW/npm-ci-$name.log" 2>&1; then
      log "npm ci refused the lockfile (see $RAW/npm-ci-$name.log); npm install from the same lockfile"
      (cd "$dest" && npm install --no-audit --no-fund) >>"$RAW/npm-ci-$name.log" 2>&1 \
        || die "npm install failed in $dest (see $RAW/npm-ci-$name.log)"
    fi
    echo "$sha" >"$dest/.lock-sha"
  fi
}
NEXT_APP="$SCRATCH/next-app"
copy_app "$BENCH_DIR/app" "$NEXT_APP"
log "next build (bench app, for next start)"
(cd "$NEXT_APP" && ./node_modules/.bin/next build) >"$RAW/next-build-app.log" 2>&1 \
  || die "next build failed (see $RAW/next-build-app.log)"

COMPAT_SRC="$REPO/tests/compat/app"
if [ ! -f "$COMPAT_SRC/package.json" ]; then
  # Fallback for checkouts without the vendored copy: the recorded corpus beside the repo.
  COMPAT_SRC="$REPO/../shared/compat/app"
fi
[ -f "$COMPAT_SRC/package.json" ] || die "no compat app (tests/compat/app) to time the builds on"
COMPAT_NEXT="$SCRATCH/compat-next"   # `next build` here (with node_modules)
COMPAT_AR="$SCRATCH/compat-apiroutes" # `apiroutes build` here (sources only, as in the repo)
copy_app "$COMPAT_SRC" "$COMPAT_NEXT"
rm -rf "$COMPAT_AR" && mkdir -p "$COMPAT_AR"
(cd "$COMPAT_SRC" && tar --exclude=./node_modules --exclude=./.next --exclude=./.apiroutes -cf - .) | (cd "$COMPAT_AR" && tar -xf -)

# ---------------------------------------------------------------- measure + report
export ROUNDS DURATION WARMUP THREADS CONNS COLD_REPS POLL_MS BUILD_REPS SERVERS APIROUTES_ARGS \
  QUIET_PCT QUIET_WAIT_MAX QUIET_BUDGET OTHER_MAX_PCT PRIORITY NICE
export BENCH_RAW=$RAW BENCH_APP="$BENCH_DIR/app" BENCH_NEXT_APP=$NEXT_APP \
  BENCH_COMPAT_NEXT=$COMPAT_NEXT BENCH_COMPAT_APIROUTES=$COMPAT_AR \
  BENCH_COMPAT_LABEL="$([ "$COMPAT_SRC" = "$REPO/tests/compat/app" ] && echo tests/compat/app || echo shared/compat/app)" \
  APIROUTES_BIN APIROUTES_BUILT CEILING_BIN BENCH_QUICK=${QUICK:-0}
# In the background + wait, so that a SIGTERM to this script runs the trap at once;
# measure.py then stops the server it is running (by PID) and exits.
python3 "$BENCH_DIR/measure.py" &
MEASURE_PID=$!
trap 'kill -TERM "$MEASURE_PID" 2>/dev/null || true' INT TERM
RC=0; wait "$MEASURE_PID" || RC=$?
while kill -0 "$MEASURE_PID" 2>/dev/null; do RC=0; wait "$MEASURE_PID" || RC=$?; done
trap - INT TERM
[ "$RC" = 0 ] || die "measure.py exited with status $RC"
OUT=${OUT:-$BENCH_DIR/RESULTS.md}
python3 "$BENCH_DIR/report.py" "$OUT" "$RAW"
log "wrote $OUT (raw data in $RAW)"
exit 0
}
