#!/usr/bin/env bash
# Rebuilds vendor/rquickjs-sys from the crates.io package rquickjs-sys 0.11.0 (as cargo
# downloaded it into its registry cache) and applies patches/*.patch in order.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
version=0.11.0
src="$(ls -d "${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/rquickjs-sys-$version 2>/dev/null | head -n1)"
if [ -z "$src" ]; then
  echo "rquickjs-sys $version is not in the cargo registry cache; run 'cargo fetch' without the [patch.crates-io] entry first" >&2
  exit 1
fi
keep_files="builtin-array-fromasync.h dtoa.h libregexp-opcode.h libregexp.h libunicode-table.h libunicode.h list.h quickjs-atom.h quickjs-opcode.h quickjs-c-atomics.h quickjs.h cutils.h libregexp.c libunicode.c cutils.c quickjs.c dtoa.c LICENSE"
rm -rf "$here/src" "$here/quickjs"
mkdir -p "$here/quickjs"
cp "$src/Cargo.toml" "$src/build.rs" "$src/quickjs.bind.h" "$src/README.md" "$here/"
cp -r "$src/src" "$here/src"
for file in $keep_files; do cp "$src/quickjs/$file" "$here/quickjs/"; done
for patch in "$here"/patches/*.patch; do
  patch -d "$here" -p1 < "$patch"
done
