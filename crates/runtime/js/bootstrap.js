// Per-worker platform set-up that is easier to express in JavaScript than in Rust:
// Node-style timer objects over the native tokio timers, and CommonJS `require`.
//
// Evaluated once per worker as a function expression and called with native bindings:
//   timer(ms, callback, repeat) -> id, clearTimer(id)
//   resolve(specifier, fromDir, style) -> { builtin: name } | { file: path }
//   compile(path) -> { kind: 'esm' | 'cjs' | 'json', code }
//   evalScript(code, filename) -> value
//   importSync(name) -> module namespace
(function bootstrap(native) {
  'use strict'

  // ------------------------------------------------------------------ timers
  class Timeout {
    constructor(id) {
      this._id = id
    }
    ref() {
      return this
    }
    unref() {
      return this
    }
    hasRef() {
      return true
    }
    refresh() {
      return this
    }
    close() {
      native.clearTimer(this._id)
      return this
    }
    [Symbol.toPrimitive]() {
      return this._id
    }
  }

  function timerId(handle) {
    if (handle === null || handle === undefined) return undefined
    return typeof handle === 'object' ? handle._id : Number(handle)
  }

  function schedule(callback, ms, args, repeat) {
    if (typeof callback !== 'function') {
      const err = new TypeError('The "callback" argument must be of type function. Received ' + typeof callback)
      err.code = 'ERR_INVALID_ARG_TYPE'
      throw err
    }
    let delay = Number(ms)
    if (!(delay >= 1 && delay <= 2147483647)) delay = 1
    const run = args.length === 0 ? callback : () => callback(...args)
    return new Timeout(native.timer(delay, run, repeat))
  }

  globalThis.setTimeout = (callback, ms, ...args) => schedule(callback, ms, args, false)
  globalThis.setInterval = (callback, ms, ...args) => schedule(callback, ms, args, true)
  globalThis.setImmediate = (callback, ...args) => {
    const handle = schedule(callback, 0, args, false)
    handle._immediate = true
    return handle
  }
  globalThis.clearTimeout = (handle) => {
    const id = timerId(handle)
    if (id !== undefined) native.clearTimer(id)
  }
  globalThis.clearInterval = globalThis.clearTimeout
  globalThis.clearImmediate = globalThis.clearTimeout
  if (typeof globalThis.queueMicrotask !== 'function') {
    globalThis.queueMicrotask = (callback) => {
      Promise.resolve().then(callback)
    }
  }
  if (typeof globalThis.global === 'undefined') globalThis.global = globalThis

  // Node's Buffer serialises as { type: 'Buffer', data: [...] } (Next hashes that for ETags).
  const BufferProto = globalThis.Buffer && globalThis.Buffer.prototype
  if (BufferProto && !Object.prototype.hasOwnProperty.call(BufferProto, 'toJSON')) {
    Object.defineProperty(BufferProto, 'toJSON', {
      value: function toJSON() {
        return { type: 'Buffer', data: Array.from(this) }
      },
      writable: true,
      configurable: true,
    })
  }

  // ------------------------------------------------------------------ CommonJS
  const cache = Object.create(null)
  const builtinCache = Object.create(null)

  function dirname(path) {
    const index = path.lastIndexOf('/')
    return index <= 0 ? '/' : path.slice(0, index)
  }

  function loadBuiltin(name) {
    let value = builtinCache[name]
    if (value === undefined) {
      const namespace = native.importSync(name)
      // LLRT's native modules and ours export a default object that carries everything.
      const fallback = namespace.default
      value = fallback !== undefined && fallback !== null && (typeof fallback === 'object' || typeof fallback === 'function')
        ? fallback
        : namespace
      builtinCache[name] = value
    }
    return value
  }

  function loadFile(path) {
    const cached = cache[path]
    if (cached !== undefined) return cached.exports
    const compiled = native.compile(path)
    const module = {
      id: path,
      filename: path,
      path: dirname(path),
      loaded: false,
      exports: {},
      children: [],
      paths: [],
      require: undefined,
    }
    cache[path] = module
    try {
      if (compiled.kind === 'json') {
        module.exports = JSON.parse(compiled.code)
      } else if (compiled.kind === 'esm') {
        module.exports = native.importSync(path)
      } else {
        const wrapper = native.evalScript(
          '(function (exports, require, module, __filename, __dirname) {' + compiled.code + '\n})',
          path
        )
        const require = makeRequire(module.path)
        module.require = require
        wrapper.call(module.exports, module.exports, require, module, path, module.path)
      }
    } catch (err) {
      delete cache[path]
      throw err
    }
    module.loaded = true
    return module.exports
  }

  function requireFrom(specifier, fromDir) {
    if (typeof specifier !== 'string' || specifier.length === 0) {
      const err = new TypeError('The "id" argument must be a non-empty string')
      err.code = 'ERR_INVALID_ARG_VALUE'
      throw err
    }
    const target = native.resolve(specifier, fromDir, 'require')
    if (target.builtin !== undefined) return loadBuiltin(target.builtin)
    return loadFile(target.file)
  }

  function makeRequire(fromDir) {
    const require = (specifier) => requireFrom(specifier, fromDir)
    require.resolve = (specifier) => {
      const target = native.resolve(specifier, fromDir, 'require')
      return target.builtin !== undefined ? target.builtin : target.file
    }
    require.cache = cache
    require.main = undefined
    return require
  }

  function createRequire(from) {
    let path = String(from)
    if (path.startsWith('file://')) path = decodeURIComponent(path.slice(7))
    return makeRequire(path.endsWith('/') ? path.slice(0, -1) : dirname(path))
  }

  Object.defineProperty(globalThis, Symbol.for('apiroutes.require'), { value: loadFile })
  Object.defineProperty(globalThis, Symbol.for('apiroutes.createRequire'), { value: createRequire })
})
