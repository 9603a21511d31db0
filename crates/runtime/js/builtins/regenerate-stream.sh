#!/usr/bin/env bash
# Regenerates the two vendored built-ins of apiroutes from their npm packages:
#   stream.js  <- readable-stream (Node's own streams, ported to user land; MIT)
#   events.js  <- events (Node's EventEmitter, ported to user land; MIT) + the newer
#                 statics Node has since added (on, errorMonitor, addAbortListener, ...)
#
# Why vendored: LLRT's native `events` has no listenerCount/removeAllListeners/
# setMaxListeners and cannot be called as `EventEmitter.call(this)` (the way
# readable-stream, and many CommonJS packages, inherit from it), and LLRT has no Node
# `stream` at all. Both are bundled with esbuild into ONE self-contained ES module each;
# `buffer` and `string_decoder` stay imports of LLRT's native modules, `events` in the
# stream bundle is our events.js, `process` and `abort-controller` become the globals.
#
# Usage: bash crates/runtime/js/builtins/regenerate-stream.sh   (needs node + npm)
set -euo pipefail

READABLE_STREAM_VERSION=4.8.0
EVENTS_VERSION=3.3.0
ESBUILD_VERSION=0.28.2

out_dir="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"

npm init -y >/dev/null
npm install --no-audit --no-fund --ignore-scripts --save-exact \
  "readable-stream@$READABLE_STREAM_VERSION" "events@$EVENTS_VERSION" "esbuild@$ESBUILD_VERSION" >/dev/null

mkdir apiroutes-shims
# `process` for readable-stream is only ever asked for nextTick.
cat > apiroutes-shims/process.cjs <<'EOF'
module.exports = { nextTick: (fn, ...args) => globalThis.process.nextTick(fn, ...args) }
EOF
# AbortController/AbortSignal are LLRT globals.
cat > apiroutes-shims/abort-controller.cjs <<'EOF'
module.exports = { AbortController: globalThis.AbortController, AbortSignal: globalThis.AbortSignal }
EOF
# Native modules stay ESM imports: a CommonJS `require` of an external would become a
# `__require` that throws in a module without `require`.
cat > apiroutes-shims/buffer.mjs <<'EOF'
export { Buffer } from 'buffer'
export const Blob = globalThis.Blob
EOF
cat > apiroutes-shims/string_decoder.mjs <<'EOF'
export { StringDecoder } from 'string_decoder'
EOF
cat > apiroutes-shims/events.mjs <<'EOF'
export { EventEmitter, addAbortListener } from 'events'
EOF

cat > stream-entry.mjs <<'EOF'
import Stream from 'readable-stream/lib/stream.js'
const {
  Readable, Writable, Duplex, Transform, PassThrough, pipeline, finished, addAbortSignal, compose, destroy,
  isDisturbed, isErrored, isReadable, isDestroyed, isWritable, getDefaultHighWaterMark, setDefaultHighWaterMark,
  _isUint8Array, _uint8ArrayToBuffer,
} = Stream
// lib/stream.js already hangs the promise API on Stream.promises (a getter).
const promises = Stream.promises
export {
  Stream, Readable, Writable, Duplex, Transform, PassThrough, pipeline, finished, addAbortSignal, compose, destroy,
  isDisturbed, isErrored, isReadable, isDestroyed, isWritable, getDefaultHighWaterMark, setDefaultHighWaterMark,
  _isUint8Array, _uint8ArrayToBuffer, promises,
}
export default Stream
EOF

cat > events-entry.mjs <<'EOF'
import EventEmitter from 'events/events.js'
// Node >= 12 additions that the `events` package predates.
const kRejection = Symbol.for('nodejs.rejection')
const errorMonitor = Symbol('events.errorMonitor')
EventEmitter.captureRejectionSymbol = kRejection
EventEmitter.captureRejections = false
EventEmitter.errorMonitor = errorMonitor
const baseEmit = EventEmitter.prototype.emit
EventEmitter.prototype.emit = function emit(type, ...args) {
  if (type === 'error' && this._events !== undefined && this._events[errorMonitor] !== undefined) {
    baseEmit.call(this, errorMonitor, ...args)
  }
  return baseEmit.call(this, type, ...args)
}
function getEventListeners(target, type) {
  if (target && typeof target.listeners === 'function') return target.listeners(type)
  return []
}
function setMaxListeners(n = EventEmitter.defaultMaxListeners, ...targets) {
  if (targets.length === 0) EventEmitter.defaultMaxListeners = n
  for (const target of targets) if (target && typeof target.setMaxListeners === 'function') target.setMaxListeners(n)
}
function addAbortListener(signal, listener) {
  if (signal === undefined || signal === null) throw new TypeError('The "signal" argument must be an AbortSignal')
  let removed = false
  const run = () => {
    if (!removed) {
      removed = true
      listener({ type: 'abort', target: signal })
    }
  }
  if (signal.aborted) queueMicrotask(run)
  else signal.addEventListener('abort', run, { once: true })
  const dispose = () => {
    removed = true
    signal.removeEventListener('abort', run)
  }
  return { [Symbol.dispose || Symbol.for('nodejs.dispose')]: dispose, dispose }
}
// events.on(emitter, name): an async iterator of the argument arrays of each emit.
function on(emitter, event, options = {}) {
  const queue = []
  const waiting = []
  let error = null
  let done = false
  const signal = options.signal
  const push = (...args) => {
    const next = waiting.shift()
    if (next) next.resolve({ value: args, done: false })
    else queue.push(args)
  }
  const fail = (err) => {
    done = true
    const next = waiting.shift()
    if (next) next.reject(err)
    else error = err
    cleanup()
  }
  const cleanup = () => {
    emitter.removeListener(event, push)
    if (event !== 'error') emitter.removeListener('error', fail)
    for (const w of waiting.splice(0)) w.resolve({ value: undefined, done: true })
  }
  emitter.on(event, push)
  if (event !== 'error') emitter.on('error', fail)
  if (signal) signal.addEventListener('abort', () => fail(Object.assign(new Error('The operation was aborted'), { name: 'AbortError', code: 'ABORT_ERR' })), { once: true })
  return {
    next() {
      if (queue.length) return Promise.resolve({ value: queue.shift(), done: false })
      if (error) {
        const err = error
        error = null
        return Promise.reject(err)
      }
      if (done) return Promise.resolve({ value: undefined, done: true })
      return new Promise((resolve, reject) => waiting.push({ resolve, reject }))
    },
    return() {
      done = true
      cleanup()
      return Promise.resolve({ value: undefined, done: true })
    },
    throw(err) {
      fail(err)
      return Promise.reject(err)
    },
    [Symbol.asyncIterator]() {
      return this
    },
  }
}
EventEmitter.on = on
EventEmitter.getEventListeners = getEventListeners
EventEmitter.setMaxListeners = setMaxListeners
EventEmitter.addAbortListener = addAbortListener
const once = EventEmitter.once
const listenerCount = EventEmitter.listenerCount
export {
  EventEmitter, once, on, errorMonitor, kRejection as captureRejectionSymbol, getEventListeners, setMaxListeners,
  addAbortListener, listenerCount,
}
export default EventEmitter
EOF

cat > build.mjs <<'EOF'
import { build } from 'esbuild'
import { resolve } from 'node:path'
const shim = (file) => ({ path: resolve('apiroutes-shims', file) })
const nativeImports = {
  name: 'apiroutes-builtins',
  setup(b) {
    b.onResolve({ filter: /^(process\/?|abort-controller|buffer|string_decoder\/?|events)$/ }, (args) => {
      // Inside the shims, the bare names are the runtime's own modules.
      if (args.importer.includes('/apiroutes-shims/')) return { path: args.path, external: true }
      const name = args.path.replace(/\/$/, '')
      return shim({ process: 'process.cjs', 'abort-controller': 'abort-controller.cjs', buffer: 'buffer.mjs',
        string_decoder: 'string_decoder.mjs', events: 'events.mjs' }[name])
    })
  },
}
const common = { bundle: true, format: 'esm', platform: 'neutral', target: 'es2022', legalComments: 'none',
  mainFields: ['main'], minifySyntax: true, minifyWhitespace: false, minifyIdentifiers: false }
await build({ ...common, entryPoints: ['stream-entry.mjs'], outfile: 'out/stream.js', plugins: [nativeImports] })
await build({ ...common, entryPoints: ['events-entry.mjs'], outfile: 'out/events.js' })
EOF
node build.mjs

header() {
  cat <<EOF
// \`$1\` built-in of apiroutes: GENERATED, do not edit by hand.
// $2 v$3 (MIT licence, $4), bundled into one ES module with esbuild v$ESBUILD_VERSION
// by regenerate-stream.sh beside this file; rerun it to update.
EOF
}
licence() {
  echo '//'
  echo "// The licence of $1, as the MIT licence asks:"
  sed 's#^#//   #; s#[[:space:]]*$##' "node_modules/$1/LICENSE"
}
{
  header stream 'readable-stream' "$READABLE_STREAM_VERSION" 'Copyright Node.js contributors and readable-stream contributors'
  licence readable-stream
  cat out/stream.js
} > "$out_dir/stream.js"
{
  header events 'events' "$EVENTS_VERSION" 'Copyright Joyent, Inc. and other Node contributors'
  echo '// with the newer Node statics (on, errorMonitor, addAbortListener, ...) added in the entry of the script.'
  licence events
  cat out/events.js
} > "$out_dir/events.js"
echo "wrote $out_dir/stream.js and $out_dir/events.js"
