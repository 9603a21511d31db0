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

  // For the fetch wrapper in app_route.js: the system error of a failed connection.
  Object.defineProperty(globalThis, Symbol.for('apiroutes.connectError'), { value: native.connectError })

  // util.promisify(setTimeout) / promisify(setImmediate) give the timers/promises forms,
  // as in Node (they carry util.promisify.custom).
  const kPromisifyCustom = Symbol.for('nodejs.util.promisify.custom')
  Object.defineProperty(globalThis.setTimeout, kPromisifyCustom, {
    value: (ms, value) => new Promise((resolve) => globalThis.setTimeout(() => resolve(value), ms)),
  })
  Object.defineProperty(globalThis.setImmediate, kPromisifyCustom, {
    value: (value) => new Promise((resolve) => globalThis.setImmediate(() => resolve(value))),
  })

  // AbortSignal.timeout on our timers. LLRT's own schedules through LLRT's timer module,
  // which we never initialise (PINS.md), and dereferenced its missing state: one
  // `fetch(url, { signal: AbortSignal.timeout(100) })` crashed the process with SIGSEGV.
  const AbortSignalCtor = globalThis.AbortSignal
  if (typeof AbortSignalCtor === 'function') {
    Object.defineProperty(AbortSignalCtor, 'timeout', {
      configurable: true,
      writable: true,
      value: function timeout(delay) {
        if (typeof delay !== 'number' || !Number.isInteger(delay) || delay < 0 || delay > 4294967295) {
          const err = new (typeof delay === 'number' ? RangeError : TypeError)(
            typeof delay === 'number'
              ? `The value of "delay" is out of range. It must be >= 0 && <= 4294967295. Received ${delay}`
              : `The "delay" argument must be of type number. Received ${delay === null ? 'null' : typeof delay}`
          )
          err.code = typeof delay === 'number' ? 'ERR_OUT_OF_RANGE' : 'ERR_INVALID_ARG_TYPE'
          throw err
        }
        const controller = new AbortController()
        const timer = schedule(
          () => controller.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError')),
          delay,
          [],
          false
        )
        // Like Node's, the timer does not keep a script alive by itself.
        timer.unref()
        return controller.signal
      },
    })
  }
  if (typeof globalThis.queueMicrotask !== 'function') {
    globalThis.queueMicrotask = (callback) => {
      Promise.resolve().then(callback)
    }
  }
  if (typeof globalThis.global === 'undefined') globalThis.global = globalThis

  // Encodings LLRT's Buffer gets wrong or refuses, done here as Node does them:
  // `base64url`; `latin1`/`binary` and `ascii` (LLRT treats them as UTF-8, which breaks
  // jsonwebtoken's signatures); lenient `hex` and `base64` decoding (Node stops at the
  // first bad hex pair and skips characters outside the base64 alphabet, LLRT throws);
  // the byte length of UTF-16 text.
  const BufferCtor = globalThis.Buffer
  if (typeof BufferCtor === 'function') {
    const originalFrom = BufferCtor.from
    const originalToString = BufferCtor.prototype.toString
    const originalByteLength = BufferCtor.byteLength
    const originalIsEncoding = BufferCtor.isEncoding
    const originalWrite = BufferCtor.prototype.write
    const toBase64 = (text) => String(text).replace(/-/g, '+').replace(/_/g, '/').replace(/[^A-Za-z0-9+/]/g, '')
    const fromBase64 = (text) => text.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
    // Node's base64ByteLength: from the raw length, less trailing padding.
    const base64Length = (text) => {
      let bytes = text.length
      if (text.charCodeAt(bytes - 1) === 0x3d) bytes--
      if (bytes > 1 && text.charCodeAt(bytes - 1) === 0x3d) bytes--
      return (bytes * 3) >>> 2
    }
    // The alphabet's characters only, cut to whole bytes and padded, as LLRT decodes it.
    const base64Bytes = (text) => {
      let clean = toBase64(text)
      if (clean.length % 4 === 1) clean = clean.slice(0, -1)
      while (clean.length % 4 !== 0) clean += '='
      return clean.length === 0 ? new Uint8Array(0) : originalFrom.call(BufferCtor, clean, 'base64')
    }
    const latin1Bytes = (text) => {
      const out = new Uint8Array(text.length)
      for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i) & 0xff
      return out
    }
    const bytesToText = (bytes, mask) => {
      let out = ''
      for (let i = 0; i < bytes.length; i += 8192) {
        const part = bytes.subarray(i, Math.min(i + 8192, bytes.length))
        out += String.fromCharCode.apply(null, mask === 0xff ? part : Array.from(part, (b) => b & mask))
      }
      return out
    }
    const hexBytes = (text) => {
      const out = new Uint8Array(text.length >>> 1)
      let n = 0
      for (; n < out.length; n++) {
        const pair = text.slice(n * 2, n * 2 + 2)
        if (!/^[0-9a-fA-F]{2}$/.test(pair)) break
        out[n] = parseInt(pair, 16)
      }
      return out.subarray(0, n)
    }
    const native = (encoding) => (bytes) => originalToString.call(bytes, encoding)
    const latin1 = { encode: latin1Bytes, decode: (b) => bytesToText(b, 0xff), length: (t) => t.length }
    const utf16 = { length: (t) => t.length * 2 }
    const custom = {
      base64url: {
        encode: base64Bytes,
        decode: (b) => fromBase64(originalToString.call(b, 'base64')),
        length: base64Length,
      },
      base64: { encode: base64Bytes, decode: native('base64'), length: base64Length },
      hex: { encode: hexBytes, decode: native('hex'), length: (t) => t.length >>> 1 },
      latin1,
      binary: latin1,
      ascii: { encode: latin1Bytes, decode: (b) => bytesToText(b, 0x7f), length: (t) => t.length },
      utf16le: utf16,
      'utf-16le': utf16,
      ucs2: utf16,
      'ucs-2': utf16,
    }
    const lookup = (encoding) => (typeof encoding === 'string' ? custom[encoding.toLowerCase()] : undefined)
    BufferCtor.from = function from(value, ...rest) {
      const codec = typeof value === 'string' ? lookup(rest[0]) : undefined
      if (codec && codec.encode) return originalFrom.call(this, codec.encode(value))
      return originalFrom.call(this, value, ...rest)
    }
    // Node's argument rules (lib/buffer.js): `toString(undefined)` is utf8, `start`/`end`
    // are truncated and clamped, `end <= start` is ''. LLRT's refuses an undefined
    // encoding and panics on `start > end`, so the slice is taken here.
    BufferCtor.prototype.toString = function toString(encoding, start, end) {
      if (arguments.length === 0) return originalToString.call(this)
      const length = this.length
      if (start <= 0) start = 0
      else if (start >= length) return ''
      else start = Math.trunc(start) || 0
      if (end === undefined || end > length) end = length
      else end = Math.trunc(end) || 0
      if (end <= start) return ''
      if (encoding === undefined) encoding = 'utf8'
      else if (typeof encoding !== 'string') {
        const error = new TypeError(`Unknown encoding: ${encoding}`)
        error.code = 'ERR_UNKNOWN_ENCODING'
        throw error
      }
      const view = start === 0 && end === length ? this : this.subarray(start, end)
      const codec = lookup(encoding)
      if (codec && codec.decode) return codec.decode(view)
      return originalToString.call(view, encoding)
    }
    BufferCtor.byteLength = function byteLength(value, encoding) {
      const codec = typeof value === 'string' ? lookup(encoding) : undefined
      if (codec && codec.length) return codec.length(value)
      return originalByteLength.apply(this, arguments)
    }
    BufferCtor.isEncoding = function isEncoding(encoding) {
      return lookup(encoding) !== undefined || (typeof originalIsEncoding === 'function' && originalIsEncoding.call(this, encoding))
    }
    if (typeof originalWrite === 'function') {
      // write(string[, offset[, length]][, encoding])
      BufferCtor.prototype.write = function write(text, offset, length, encoding) {
        if (typeof offset === 'string') [encoding, offset, length] = [offset, undefined, undefined]
        else if (typeof length === 'string') [encoding, length] = [length, undefined]
        const codec = lookup(encoding)
        if (!codec || !codec.encode) return originalWrite.apply(this, arguments)
        const at = offset === undefined ? 0 : offset >>> 0
        const bytes = codec.encode(String(text))
        const room = Math.min(this.length - at, length === undefined ? Infinity : length >>> 0)
        const n = Math.max(0, Math.min(bytes.length, room))
        this.set(bytes.subarray(0, n), at)
        return n
      }
    }
  }

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

  // ------------------------------------------------------------------ console
  // Node's console over LLRT's writers: every method formats as Node's does, with
  // util.formatWithOptions and util.inspect (LLRT's own formatter prints Maps, functions and
  // errors differently), and the methods LLRT lacks are there (dir, time/timeEnd/timeLog,
  // count/countReset, group/groupEnd, table, trace with a stack). log/info/debug/dir/table
  // write to stdout, warn/error/trace/assert to stderr, as in Node. `util` is loaded on
  // the first call, so a worker that never logs does not pay for it.
  installNodeConsole(globalThis.console)

  function installNodeConsole(console) {
    if (console === null || typeof console !== 'object') return
    const writeOut = console.log
    const writeErr = console.error
    if (typeof writeOut !== 'function' || typeof writeErr !== 'function') return
    let util
    const utilities = () => (util ??= loadBuiltin('util'))
    let indent = ''
    const times = new Map()
    const counts = new Map()
    const warn = (message) => globalThis.process.emitWarning(message)
    const write = (toStderr, text) => {
      if (indent !== '') text = indent + text.replace(/\n/g, '\n' + indent)
      // Through '%s', so that LLRT's writer never reads format directives in the text.
      ;(toStderr ? writeErr : writeOut).call(console, '%s', text)
    }
    const format = (args) => utilities().formatWithOptions({}, ...args)
    const methods = {
      log(...args) {
        write(false, format(args))
      },
      warn(...args) {
        write(true, format(args))
      },
      dir(object, options) {
        write(false, utilities().inspect(object, { customInspect: false, ...options }))
      },
      time(label = 'default') {
        label = `${label}`
        if (times.has(label)) return warn(`Label '${label}' already exists for console.time()`)
        times.set(label, performance.now())
      },
      timeEnd(label = 'default') {
        label = `${label}`
        if (timeLog('timeEnd', label)) times.delete(label)
      },
      timeLog(label = 'default', ...data) {
        timeLog('timeLog', `${label}`, data)
      },
      trace: function trace(...args) {
        const err = { name: 'Trace', message: format(args) }
        Error.captureStackTrace(err, trace)
        write(true, err.stack)
      },
      assert(expression, ...args) {
        if (!expression) {
          args[0] = `Assertion failed${args.length === 0 ? '' : `: ${args[0]}`}`
          methods.warn(...args)
        }
      },
      clear() {},
      count(label = 'default') {
        label = `${label}`
        const count = (counts.get(label) ?? 0) + 1
        counts.set(label, count)
        methods.log(`${label}: ${count}`)
      },
      countReset(label = 'default') {
        label = `${label}`
        if (!counts.has(label)) return warn(`Count for '${label}' does not exist`)
        counts.delete(label)
      },
      group(...data) {
        if (data.length > 0) methods.log(...data)
        indent += '  '
      },
      groupEnd() {
        indent = indent.slice(0, indent.length - 2)
      },
      table(data, properties) {
        if (properties !== undefined && !Array.isArray(properties)) {
          const err = new TypeError(`The "properties" argument must be an instance of Array.${utilities().format(' Received %O', properties)}`)
          err.code = 'ERR_INVALID_ARG_TYPE'
          throw err
        }
        if (data === null || typeof data !== 'object') return methods.log(data)
        methods.log(renderTable(utilities(), data, properties))
      },
    }
    methods.debug = methods.info = methods.dirxml = methods.log
    methods.error = methods.warn
    methods.groupCollapsed = methods.group

    function timeLog(name, label, data) {
      const started = times.get(label)
      if (started === undefined) {
        warn(`No such label '${label}' for console.${name}()`)
        return false
      }
      methods.log('%s: %s', label, formatTime(performance.now() - started), ...(data ?? []))
      return true
    }

    for (const [name, method] of Object.entries(methods)) {
      Object.defineProperty(console, name, { value: method, writable: true, enumerable: true, configurable: true })
    }
  }

  // Node's lib/internal/console/constructor.js formatTime.
  function formatTime(ms) {
    let hours = 0
    let minutes = 0
    let seconds = 0
    if (ms >= 1000) {
      if (ms >= 60000) {
        if (ms >= 3600000) {
          hours = Math.floor(ms / 3600000)
          ms %= 3600000
        }
        minutes = Math.floor(ms / 60000)
        ms %= 60000
      }
      seconds = ms / 1000
    }
    if (hours !== 0 || minutes !== 0) {
      const [whole, fraction] = seconds.toFixed(3).split('.')
      const pad = (value) => `${value}`.padStart(2, '0')
      const head = hours !== 0 ? `${hours}:${pad(minutes)}` : minutes
      return `${head}:${pad(whole)}.${fraction} (${hours !== 0 ? 'h:m' : ''}m:ss.mmm)`
    }
    if (seconds !== 0) return `${seconds.toFixed(3)}s`
    return `${Number(ms.toFixed(3))}ms`
  }

  // console.table as Node 20 renders it (lib/internal/console/constructor.js and
  // lib/internal/cli_table.js; cells left-aligned): an index column, one column per key, "Values" for
  // primitive rows; Maps as (iteration index)/Key/Values, Sets and iterators as
  // (iteration index)/Values. (Iterators are consumed: Node previews them instead.)
  function renderTable(util, data, properties) {
    const isArrayish = (v) => Array.isArray(v) || ArrayBuffer.isView(v)
    const cell = (v) => {
      const depth = v !== null && typeof v === 'object' && !isArrayish(v) && Object.keys(v).length > 2 ? -1 : 0
      return util.inspect(v, { depth, maxArrayLength: 3, breakLength: Infinity })
    }
    const indexes = (length) => Array.from({ length }, (_, i) => cell(i))
    const types = util.types
    if (types.isMap(data) || types.isMapIterator(data)) {
      const entries = types.isMap(data) ? [...data] : [...data].map((v) => (Array.isArray(v) ? v : [v, undefined]))
      if (types.isMap(data)) {
        return drawTable(['(iteration index)', 'Key', 'Values'], [indexes(entries.length), entries.map((e) => cell(e[0])), entries.map((e) => cell(e[1]))])
      }
    }
    if (types.isSet(data) || types.isSetIterator(data) || types.isMapIterator(data)) {
      const values = [...data].map(cell)
      return drawTable(['(iteration index)', 'Values'], [indexes(values.length), values])
    }
    const columns = {}
    let hasPrimitives = false
    const primitiveValues = []
    const rowKeys = Object.keys(data)
    for (let i = 0; i < rowKeys.length; i++) {
      const item = data[rowKeys[i]]
      const primitive = item === null || (typeof item !== 'function' && typeof item !== 'object')
      if (properties === undefined && primitive) {
        hasPrimitives = true
        primitiveValues[i] = cell(item)
      } else {
        for (const key of properties || Object.keys(item)) {
          columns[key] ??= []
          columns[key][i] = (primitive && properties) || !Object.prototype.hasOwnProperty.call(item, key) ? '' : cell(item[key])
        }
      }
    }
    const head = Object.keys(columns)
    const values = Object.values(columns)
    if (hasPrimitives) {
      head.push('Values')
      values.push(primitiveValues)
    }
    head.unshift('(index)')
    values.unshift(rowKeys)
    return drawTable(head, values)
  }

  function drawTable(head, columns) {
    const width = (text) => {
      let n = 0
      for (const ch of String(text).replace(/\u001b\[[0-9;]*m/g, '')) {
        const code = ch.codePointAt(0)
        if (code < 0x20 || (code >= 0x300 && code < 0x370) || code === 0x200b) continue
        const wide = (code >= 0x1100 && code <= 0x115f) || (code >= 0x2e80 && code <= 0xa4cf) || (code >= 0xac00 && code <= 0xd7a3) ||
          (code >= 0xf900 && code <= 0xfaff) || (code >= 0xfe30 && code <= 0xfe4f) || (code >= 0xff00 && code <= 0xff60) ||
          (code >= 0xffe0 && code <= 0xffe6) || (code >= 0x1f300 && code <= 0x1faff) || (code >= 0x20000 && code <= 0x3fffd)
        n += wide ? 2 : 1
      }
      return n
    }
    const rows = []
    const widths = head.map(width)
    const longest = columns.reduce((n, column) => Math.max(n, column.length), 0)
    for (let i = 0; i < head.length; i++) {
      for (let j = 0; j < longest; j++) {
        rows[j] ??= []
        const value = (rows[j][i] = Object.prototype.hasOwnProperty.call(columns[i], j) ? columns[i][j] : '')
        widths[i] = Math.max(widths[i] || 0, width(value))
      }
    }
    const renderRow = (row) => {
      let out = '│ '
      for (let i = 0; i < row.length; i++) {
        out += row[i] + ' '.repeat(widths[i] - width(row[i]))
        if (i !== row.length - 1) out += ' │ '
      }
      return out + ' │'
    }
    const divider = widths.map((w) => '─'.repeat(w + 2))
    let result = `┌${divider.join('┬')}┐\n${renderRow(head)}\n├${divider.join('┼')}┤\n`
    for (const row of rows) result += `${renderRow(row)}\n`
    return result + `└${divider.join('┴')}┘`
  }

  Object.defineProperty(globalThis, Symbol.for('apiroutes.require'), { value: loadFile })
  Object.defineProperty(globalThis, Symbol.for('apiroutes.createRequire'), { value: createRequire })
})
