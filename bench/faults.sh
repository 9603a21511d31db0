#!/usr/bin/env bash
# Runs the fault suite (crates/cli/tests/faults.rs) and writes its table to
# bench/FAULTS.md: per fault, what the fault request got, the normal requests that
# failed meanwhile (collateral), their worst wait, and recovery. About 20 s.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/apiroutes/target}"
APIROUTES_FAULTS_REPORT=1 cargo test --release -p apiroutes --test faults -- --nocapture
echo "wrote bench/FAULTS.md"
