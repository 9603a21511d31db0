// Completes the global environment LLRT and QuickJS give us with the parts of Node's that
// npm packages reach for. Evaluated once per worker, before any user code, as a plain
// script.
//
// 1. The global `process` gets what LLRT lacks: nextTick (readable-stream schedules
//    everything with it), emitWarning, the EventEmitter-style on/once/off (packages
//    register 'exit' or 'warning' listeners; a server process never emits them to
//    handlers, so they are kept but never fire), stdout/stderr writers, uptime, ...
// 2. V8's CallSite API: QuickJS-ng supports Error.captureStackTrace/prepareStackTrace but
//    its call sites lack isEval/getEvalOrigin/getTypeName/..., which `depd` (under
//    http-errors, raw-body, body-parser, express) calls at load time.
;(function completeProcess(process) {
  'use strict'
  if (typeof process !== 'object' || process === null) return
  const define = (name, value) => {
    if (process[name] === undefined) {
      Object.defineProperty(process, name, { value, writable: true, configurable: true, enumerable: true })
    }
  }
  // `Object.prototype.toString.call(process)` is '[object process]' in Node; axios picks
  // its Node (http) adapter by that test.
  if (!Object.prototype.hasOwnProperty.call(process, Symbol.toStringTag)) {
    Object.defineProperty(process, Symbol.toStringTag, { value: 'process', configurable: true })
  }
  const resolved = Promise.resolve()
  // A microtask, not a macrotask: Node runs nextTick callbacks before the next I/O turn,
  // and stream state machines rely on that ordering relative to promises well enough.
  define('nextTick', function nextTick(callback, ...args) {
    if (typeof callback !== 'function') {
      const err = new TypeError('The "callback" argument must be of type function. Received ' + typeof callback)
      err.code = 'ERR_INVALID_ARG_TYPE'
      throw err
    }
    resolved.then(() => callback(...args))
  })
  define('emitWarning', function emitWarning(warning, type) {
    const text = typeof warning === 'string' ? warning : warning && warning.message
    const kind = typeof type === 'string' ? type : (type && type.type) || (warning && warning.name) || 'Warning'
    console.warn(`(apiroutes) ${kind}: ${text}`)
  })
  const listeners = Object.create(null)
  define('on', function on(event, listener) {
    ;(listeners[event] || (listeners[event] = [])).push(listener)
    return process
  })
  define('addListener', process.on)
  define('once', process.on)
  define('prependListener', process.on)
  define('off', function off(event, listener) {
    const list = listeners[event]
    if (list) {
      const index = list.indexOf(listener)
      if (index >= 0) list.splice(index, 1)
    }
    return process
  })
  define('removeListener', process.off)
  define('removeAllListeners', function removeAllListeners(event) {
    if (event === undefined) for (const key of Object.keys(listeners)) delete listeners[key]
    else delete listeners[event]
    return process
  })
  define('listeners', (event) => (listeners[event] || []).slice())
  define('listenerCount', (event) => (listeners[event] || []).length)
  define('emit', () => false)
  define('setMaxListeners', () => process)
  define('getMaxListeners', () => 10)
  const writer = (log) => ({
    write(chunk, encoding, callback) {
      log(typeof chunk === 'string' ? chunk.replace(/\n$/, '') : String(chunk))
      const cb = typeof encoding === 'function' ? encoding : callback
      if (typeof cb === 'function') resolved.then(cb)
      return true
    },
    isTTY: false,
    columns: 80,
    fd: 1,
  })
  define('stdout', writer((text) => console.log(text)))
  define('stderr', writer((text) => console.error(text)))
  const started = Date.now()
  define('uptime', () => (Date.now() - started) / 1000)
  define('memoryUsage', Object.assign(() => ({ rss: 0, heapTotal: 0, heapUsed: 0, external: 0, arrayBuffers: 0 }), { rss: () => 0 }))
  define('cpuUsage', () => ({ user: 0, system: 0 }))
  define('pid', typeof process.id === 'number' ? process.id : 1)
  define('ppid', 0)
  define('title', 'apiroutes')
  define('execArgv', [])
  define('execPath', '/usr/local/bin/node')
  define('browser', false)
  define('features', {})
  define('config', { variables: {} })
  define('umask', () => 0o22)
  // Packages read the Node version to pick code paths (`process.version.slice(1)`,
  // semver checks); LLRT reports its own ("0.8.1-beta", node "0.0.0"). We present the
  // Node line whose behaviour we follow: Next.js 16 requires Node >= 20.
  const NODE_VERSION = '20.19.0'
  try {
    Object.defineProperty(process, 'version', { value: 'v' + NODE_VERSION, writable: true, configurable: true, enumerable: true })
    const versions = Object.assign({}, process.versions, { node: NODE_VERSION })
    Object.defineProperty(process, 'versions', { value: versions, writable: true, configurable: true, enumerable: true })
  } catch {
    // A read-only process object keeps LLRT's values.
  }
})(globalThis.process)

;(function completeCallSites() {
  'use strict'
  if (typeof Error.captureStackTrace !== 'function') return
  const previous = Error.prepareStackTrace
  let sites
  try {
    Error.prepareStackTrace = (_, stack) => stack
    const probe = {}
    Error.captureStackTrace(probe)
    sites = probe.stack
  } catch {
    sites = undefined
  } finally {
    Error.prepareStackTrace = previous
  }
  if (!Array.isArray(sites) || sites.length === 0) return
  const proto = Object.getPrototypeOf(sites[0])
  const missing = {
    isEval: () => false,
    getEvalOrigin: () => undefined,
    isToplevel() {
      return this.getFunction() === undefined
    },
    isConstructor: () => false,
    isAsync: () => false,
    isPromiseAll: () => false,
    getPromiseIndex: () => null,
    getTypeName: () => null,
    getMethodName() {
      return this.getFunctionName()
    },
    getThis: () => undefined,
    getScriptNameOrSourceURL() {
      return this.getFileName()
    },
    getScriptHash: () => '',
    getEnclosingColumnNumber() {
      return this.getColumnNumber()
    },
    getEnclosingLineNumber() {
      return this.getLineNumber()
    },
    getPosition: () => 0,
    toString() {
      const name = this.getFunctionName() || '<anonymous>'
      return `${name} (${this.getFileName() || '<anonymous>'}:${this.getLineNumber()}:${this.getColumnNumber()})`
    },
  }
  for (const name of Object.keys(missing)) {
    if (typeof proto[name] !== 'function') {
      Object.defineProperty(proto, name, { value: missing[name], writable: true, configurable: true })
    }
  }
})()
