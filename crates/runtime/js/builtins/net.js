// `net`: Node 20's TCP sockets and servers over tokio (the native half is
// `apiroutes:native/net`, src/node/net.rs). `Socket` is a Duplex (readable-stream):
// reads are pulled from the native connection while the stream wants data, writes resolve
// when the kernel took the bytes, so `write()` returns false past the high-water mark
// and 'drain' follows as in Node. Connections belong to the runtime, not to a request: a
// pool kept in module state is reused by later requests. Also isIP/isIPv4/isIPv6,
// BlockList and SocketAddress. `ref`/`unref` are accepted but do not change when
// `apiroutes run` exits (an open socket keeps it running, as a ref'd socket does in Node).
import * as native from 'apiroutes:native/net'
import { Duplex } from 'stream'
import { EventEmitter } from 'events'

const IPV4_PART = '(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])'
const IPV4 = `(?:${IPV4_PART}\\.){3}${IPV4_PART}`
const IPV4_RE = new RegExp(`^${IPV4}$`)
const H = '(?:[0-9a-fA-F]{1,4})'
const IPV6_RE = new RegExp(
  '^(?:' +
    `(?:${H}:){7}(?:${H}|:)|` +
    `(?:${H}:){6}(?:${IPV4}|:${H}|:)|` +
    `(?:${H}:){5}(?::${IPV4}|(?::${H}){1,2}|:)|` +
    `(?:${H}:){4}(?:(?::${H}){0,1}:${IPV4}|(?::${H}){1,3}|:)|` +
    `(?:${H}:){3}(?:(?::${H}){0,2}:${IPV4}|(?::${H}){1,4}|:)|` +
    `(?:${H}:){2}(?:(?::${H}){0,3}:${IPV4}|(?::${H}){1,5}|:)|` +
    `(?:${H}:){1}(?:(?::${H}){0,4}:${IPV4}|(?::${H}){1,6}|:)|` +
    `(?::(?:(?::${H}){0,5}:${IPV4}|(?::${H}){1,7}|:))` +
    ')(?:%[0-9a-zA-Z-.:]{1,})?$'
)

export function isIPv4(input) {
  return IPV4_RE.test(String(input))
}
export function isIPv6(input) {
  return IPV6_RE.test(String(input))
}
export function isIP(input) {
  if (isIPv4(input)) return 4
  if (isIPv6(input)) return 6
  return 0
}

function nodeError(Base, code, message) {
  const error = new Base(message)
  Object.defineProperty(error, 'code', { value: code, enumerable: true, writable: true, configurable: true })
  return error
}

function invalidArgType(name, expected, actual) {
  const received = actual === null ? 'null' : actual === undefined ? 'undefined' : `type ${typeof actual} (${String(actual)})`
  return nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', `The "${name}" argument must be ${expected}. Received ${received}`)
}

function badPort(port, name = 'Port') {
  const shown = typeof port === 'string' ? `type string ('${port}')` : `type ${typeof port} (${String(port)})`
  return nodeError(RangeError, 'ERR_SOCKET_BAD_PORT', `${name} should be >= 0 and < 65536. Received ${shown}.`)
}

function validPort(port, allowZero = true) {
  if ((typeof port !== 'number' && typeof port !== 'string') || (typeof port === 'string' && port.trim() === '')) {
    return -1
  }
  const n = +port
  if (!Number.isInteger(n) || n < 0 || n > 65535 || (!allowZero && n === 0)) return -1
  return n
}

// A native failure as Node's system error: `connect ECONNREFUSED 127.0.0.1:5432`.
function systemError(error, address, port) {
  if (!error || typeof error !== 'object' || !error.syscall) return error
  const out = new Error(`${error.syscall} ${error.code}${address !== undefined ? ' ' + address + (port !== undefined ? ':' + port : '') : ''}`)
  out.errno = error.errno
  out.code = error.code
  out.syscall = error.syscall
  if (address !== undefined) out.address = address
  if (port !== undefined) out.port = port
  return out
}

function lookupError(error, hostname) {
  const out = new Error(`getaddrinfo ${error.code || 'ENOTFOUND'} ${hostname}`)
  out.errno = error.errno ?? -3008
  out.code = error.code || 'ENOTFOUND'
  out.syscall = 'getaddrinfo'
  out.hostname = hostname
  return out
}

// Node's normalizeArgs: (options[, cb]), (port[, host][, cb]), (path[, cb]).
function normalizeConnectArgs(args) {
  let options = {}
  const first = args[0]
  if (first !== null && typeof first === 'object') options = { ...first }
  else if (typeof first === 'string' && validPort(first) === -1 && first !== '') options.path = first
  else {
    options.port = first
    if (typeof args[1] === 'string') options.host = args[1]
  }
  const cb = args[args.length - 1]
  return [options, typeof cb === 'function' ? cb : null]
}

const kId = Symbol('apiroutes.net.id')
const kPendingWrites = Symbol('apiroutes.net.pendingWrites')
const kReading = Symbol('apiroutes.net.reading')
const kWantRead = Symbol('apiroutes.net.wantRead')
const kTimer = Symbol('apiroutes.net.timer')
const kTimeout = Symbol('apiroutes.net.timeout')
const kDetached = Symbol('apiroutes.net.detached')
const kOptions = Symbol('apiroutes.net.options')
const kAdopt = Symbol('apiroutes.net.adopt')
const kDetach = Symbol('apiroutes.net.detach')

export class Socket extends Duplex {
  constructor(options = {}) {
    if (typeof options === 'number') options = { fd: options }
    super({
      allowHalfOpen: Boolean(options.allowHalfOpen),
      emitClose: false,
      autoDestroy: true,
      decodeStrings: true,
      readableHighWaterMark: options.readableHighWaterMark,
      writableHighWaterMark: options.writableHighWaterMark,
    })
    this.connecting = false
    this.allowHalfOpen = Boolean(options.allowHalfOpen)
    this.bytesRead = 0
    this._bytesWritten = 0
    this.remoteAddress = undefined
    this.remotePort = undefined
    this.remoteFamily = undefined
    this.localAddress = undefined
    this.localPort = undefined
    this.localFamily = undefined
    this._host = null
    this[kId] = null
    this[kPendingWrites] = []
    this[kReading] = false
    this[kWantRead] = false
    this[kTimer] = null
    this[kTimeout] = 0
    this[kDetached] = false
    this[kOptions] = { noDelay: Boolean(options.noDelay), keepAlive: Boolean(options.keepAlive), keepAliveInitialDelay: options.keepAliveInitialDelay || 0 }
    this._pauseOnCreate = Boolean(options.pauseOnCreate)
    if (options[kAdopt]) this[kAdopt](options[kAdopt])
    if (options.signal) {
      const signal = options.signal
      const abort = () => this.destroy(nodeError(Error, 'ABORT_ERR', 'The operation was aborted'))
      if (signal.aborted) queueMicrotask(abort)
      else signal.addEventListener('abort', abort, { once: true })
    }
  }

  get pending() {
    return this[kId] === null
  }

  get readyState() {
    if (this.connecting) return 'opening'
    if (this.readable && this.writable) return 'open'
    if (this.readable && !this.writable) return 'readOnly'
    if (!this.readable && this.writable) return 'writeOnly'
    return 'closed'
  }

  get bytesWritten() {
    return this._bytesWritten + (this.writableLength || 0)
  }

  get bufferSize() {
    return this.writableLength
  }

  get timeout() {
    return this[kTimeout] || undefined
  }

  address() {
    if (this.localAddress === undefined) return {}
    return { address: this.localAddress, family: this.localFamily, port: this.localPort }
  }

  connect(...args) {
    const [options, cb] = normalizeConnectArgs(args)
    if (this.destroyed) {
      // Node re-initialises a destroyed socket; a fresh one is what callers get here.
      throw nodeError(Error, 'ERR_SOCKET_CLOSED', 'Socket is closed')
    }
    if (options.path !== undefined) return this.#connectPath(options, cb)
    const port = validPort(options.port)
    if (options.port === undefined || port === -1) throw badPort(options.port)
    if (options.host !== undefined && typeof options.host !== 'string') {
      throw invalidArgType('options.host', 'of type string', options.host)
    }
    const host = options.host || 'localhost'
    if (cb) this.once('connect', cb)
    if (options.timeout) this.setTimeout(options.timeout)
    if (options.noDelay !== undefined) this[kOptions].noDelay = Boolean(options.noDelay)
    if (options.keepAlive) this[kOptions].keepAlive = true
    this.connecting = true
    this._host = host
    const family = options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : Number(options.family) || 0
    const addresses = (list) => this.#connectTo(list, port, 0, [])
    if (isIP(host)) {
      queueMicrotask(() => addresses([[host, isIP(host)]]))
    } else if (typeof options.lookup === 'function') {
      options.lookup(host, { family, all: true }, (error, list, fam) => {
        if (error) return this.destroy(error)
        const pairs = Array.isArray(list) ? list.map((a) => [a.address, a.family]) : [[list, fam]]
        this.emit('lookup', null, pairs[0][0], pairs[0][1], host)
        addresses(pairs)
      })
    } else {
      native.lookup(host, family).then(
        (list) => {
          if (this.destroyed) return
          this.emit('lookup', null, list[0][0], list[0][1], host)
          addresses(list)
        },
        (error) => {
          const failure = lookupError(error, host)
          this.emit('lookup', failure, undefined, undefined, host)
          this.destroy(failure)
        }
      )
    }
    return this
  }

  // A Unix domain socket: `connect ENOENT <path>` when nothing is there.
  #connectPath(options, cb) {
    const path = options.path
    if (typeof path !== 'string') throw invalidArgType('options.path', 'of type string', path)
    if (cb) this.once('connect', cb)
    if (options.timeout) this.setTimeout(options.timeout)
    this.connecting = true
    native.connectUnix(path).then(
      (info) => this.#connected(info),
      (error) => this.destroy(systemError(error, path))
    )
    return this
  }

  #connected(info) {
    if (this.destroyed) {
      native.close(info.id)
      return
    }
    this[kAdopt](info)
    this.connecting = false
    this.emit('connect')
    this.emit('ready')
  }

  #connectTo(list, port, index, errors) {
    if (this.destroyed) return
    const [address] = list[index]
    native.connect(address, port).then(
      (info) => this.#connected(info),
      (error) => {
        errors.push(systemError(error, address, port))
        if (index + 1 < list.length) return this.#connectTo(list, port, index + 1, errors)
        if (errors.length === 1) return this.destroy(errors[0])
        const aggregate = new AggregateError(errors)
        aggregate.code = errors[0].code
        this.destroy(aggregate)
      }
    )
  }

  // Takes over a native connection ({ id, local, remote }).
  [kAdopt](info) {
    this[kId] = info.id
    if (info.remote) {
      this.remoteAddress = info.remote.address
      this.remotePort = info.remote.port
      this.remoteFamily = info.remote.family
    }
    if (info.local) {
      this.localAddress = info.local.address
      this.localPort = info.local.port
      this.localFamily = info.local.family
    }
    const opts = this[kOptions]
    if (opts.noDelay) native.setNoDelay(info.id, true)
    if (opts.keepAlive) native.setKeepAlive(info.id, true, opts.keepAliveInitialDelay)
    const pending = this[kPendingWrites]
    this[kPendingWrites] = []
    for (const run of pending) run()
    if (this[kWantRead]) this.#pull()
    // As Node: reading starts at once (so the end of stream is seen and a socket nobody
    // reads from still closes), unless paused.
    else if (!this._pauseOnCreate && !this.isPaused()) this.read(0)
  }

  // Hands the native connection to a TLS socket: this one stops reading and will not
  // close it.
  [kDetach]() {
    const id = this[kId]
    this[kDetached] = true
    this[kId] = null
    this.#clearTimer()
    return id
  }

  _read() {
    this[kWantRead] = true
    if (this[kId] !== null && !this[kReading]) this.#pull()
  }

  #pull() {
    const id = this[kId]
    if (id === null || this[kReading] || this[kDetached]) return
    this[kReading] = true
    native.read(id).then(
      (chunk) => {
        this[kReading] = false
        if (chunk === undefined || this[kDetached] || this.destroyed) return
        if (chunk === null) {
          this[kWantRead] = false
          this.push(null)
          // As Node's onStreamRead: 'end' follows even when nobody reads.
          this.read(0)
          return
        }
        this.bytesRead += chunk.length
        this.#active()
        const more = this.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length))
        if (more) this.#pull()
        else this[kWantRead] = false
      },
      (error) => {
        this[kReading] = false
        this.destroy(systemError(error))
      }
    )
  }

  _write(chunk, encoding, cb) {
    const run = () => {
      if (this[kId] === null) return cb(nodeError(Error, 'EPIPE', 'This socket has been ended by the other party'))
      native.write(this[kId], chunk).then(
        () => {
          this._bytesWritten += chunk.length
          this.#active()
          cb()
        },
        (error) => cb(systemError(error))
      )
    }
    if (this.connecting || (this[kId] === null && !this[kDetached])) this[kPendingWrites].push(run)
    else run()
  }

  _final(cb) {
    const run = () => {
      if (this[kId] === null) return cb()
      native.shutdown(this[kId]).then(() => cb(), (error) => cb(systemError(error)))
    }
    if (this.connecting) this[kPendingWrites].push(run)
    else run()
  }

  _destroy(error, cb) {
    this.#clearTimer()
    this.connecting = false
    const id = this[kId]
    this[kId] = null
    if (id !== null && !this[kDetached]) native.close(id)
    cb(error)
    // Node emits 'close' from the handle's close callback, a turn of the loop later.
    setImmediate(() => this.emit('close', Boolean(error)))
  }

  end(...args) {
    return super.end(...args)
  }

  destroySoon() {
    if (this.writable) this.end()
    if (this.writableFinished) this.destroy()
    else this.once('finish', () => this.destroy())
  }

  resetAndDestroy() {
    return this.destroy()
  }

  setNoDelay(noDelay = true) {
    this[kOptions].noDelay = Boolean(noDelay)
    if (this[kId] !== null) native.setNoDelay(this[kId], Boolean(noDelay))
    return this
  }

  setKeepAlive(enable = false, initialDelay = 0) {
    this[kOptions].keepAlive = Boolean(enable)
    this[kOptions].keepAliveInitialDelay = initialDelay
    if (this[kId] !== null) native.setKeepAlive(this[kId], Boolean(enable), +initialDelay || 0)
    return this
  }

  setTimeout(ms, cb) {
    if (typeof ms !== 'number' || !(ms >= 0) || !Number.isFinite(ms)) {
      throw nodeError(RangeError, 'ERR_OUT_OF_RANGE', `The value of "msecs" is out of range. It must be a non-negative finite number. Received ${ms}`)
    }
    this[kTimeout] = ms
    if (ms === 0) {
      this.#clearTimer()
      if (cb) this.removeListener('timeout', cb)
    } else {
      if (cb) this.once('timeout', cb)
      this.#active()
    }
    return this
  }

  #clearTimer() {
    if (this[kTimer]) clearTimeout(this[kTimer])
    this[kTimer] = null
  }

  #active() {
    this.#clearTimer()
    if (this[kTimeout] > 0 && !this.destroyed) {
      this[kTimer] = setTimeout(() => {
        this[kTimer] = null
        this.emit('timeout')
      }, this[kTimeout])
    }
  }

  ref() {
    return this
  }

  unref() {
    return this
  }
}

export class Server extends EventEmitter {
  constructor(options, listener) {
    super()
    if (typeof options === 'function') {
      listener = options
      options = {}
    }
    options = options || {}
    this.allowHalfOpen = Boolean(options.allowHalfOpen)
    this.pauseOnConnect = Boolean(options.pauseOnConnect)
    this.noDelay = Boolean(options.noDelay)
    this.keepAlive = Boolean(options.keepAlive)
    this.maxConnections = undefined
    this.listening = false
    this._id = null
    this._address = null
    this._connections = new Set()
    if (listener) this.on('connection', listener)
  }

  listen(...args) {
    let options = {}
    let cb = typeof args[args.length - 1] === 'function' ? args.pop() : null
    if (args[0] !== null && typeof args[0] === 'object') options = { ...args[0] }
    else if (typeof args[0] === 'string' && validPort(args[0]) === -1) {
      options.path = args[0]
      if (typeof args[1] === 'number') options.backlog = args[1]
    } else {
      options.port = args[0]
      if (typeof args[1] === 'string') options.host = args[1]
      else if (typeof args[1] === 'number') options.backlog = args[1]
      if (typeof args[2] === 'number') options.backlog = args[2]
    }
    if (options.path !== undefined && options.port === undefined) return this.#listenPath(options, cb)
    const port = options.port === undefined || options.port === null ? 0 : validPort(options.port)
    if (port === -1) throw badPort(options.port, 'options.port')
    if (this.listening) throw nodeError(Error, 'ERR_SERVER_ALREADY_LISTEN', 'Listen method has been called more than once without closing.')
    if (cb) this.once('listening', cb)
    const host = options.host || '::'
    const bind = (h) => native.listen(h, port, options.backlog || 511)
    bind(host)
      .catch((error) => (options.host ? Promise.reject(error) : bind('0.0.0.0')))
      .then(
        (info) => {
          this._id = info.id
          this._address = { address: info.address, family: info.family, port: info.port }
          this.listening = true
          this.emit('listening')
          this.#accept()
        },
        (error) => {
          const failure = systemError(error, host === '::' && !options.host ? '::' : host, port)
          if (failure.code === 'EADDRINUSE') failure.message = `listen EADDRINUSE: address already in use ${failure.address}:${port}`
          if (failure.code === 'EACCES') failure.message = `listen EACCES: permission denied ${failure.address}:${port}`
          this.emit('error', failure)
        }
      )
    return this
  }

  // A Unix domain socket at a path (removed again by close); address() is the path.
  #listenPath(options, cb) {
    const path = options.path
    if (typeof path !== 'string') throw invalidArgType('options.path', 'of type string', path)
    if (this.listening) throw nodeError(Error, 'ERR_SERVER_ALREADY_LISTEN', 'Listen method has been called more than once without closing.')
    if (cb) this.once('listening', cb)
    native.listenUnix(path, options.backlog || 511).then(
      (info) => {
        this._id = info.id
        this._address = info.path
        this.listening = true
        this.emit('listening')
        this.#accept()
      },
      (error) => {
        // Node reports pipes with port -1 (listenInCluster(server, null, -1, -1)).
        const failure = systemError(error, path)
        if (failure.syscall === 'listen') failure.port = -1
        if (failure.code === 'EADDRINUSE') failure.message = `listen EADDRINUSE: address already in use ${path}`
        if (failure.code === 'EACCES') failure.message = `listen EACCES: permission denied ${path}`
        this.emit('error', failure)
      }
    )
    return this
  }

  #accept() {
    const id = this._id
    if (id === null) return
    native.accept(id).then(
      (info) => {
        if (info === null) return
        if (this._id === null) {
          native.close(info.id)
          return
        }
        this.#accept()
        if (this.maxConnections !== undefined && this._connections.size >= this.maxConnections) {
          native.close(info.id)
          return
        }
        this._incoming(info)
      },
      (error) => this.emit('error', systemError(error))
    )
  }

  // An accepted connection becomes a Socket ('connection'); tls.Server overrides it.
  _incoming(info) {
    const socket = new Socket({ allowHalfOpen: this.allowHalfOpen, noDelay: this.noDelay, keepAlive: this.keepAlive, pauseOnCreate: this.pauseOnConnect, [kAdopt]: info })
    this._track(socket)
    if (this.pauseOnConnect) socket.pause()
    this.emit('connection', socket)
  }

  _track(socket) {
    socket.server = this
    socket._server = this
    this._connections.add(socket)
    socket.once('close', () => {
      this._connections.delete(socket)
      this.#maybeClosed()
    })
  }

  #maybeClosed() {
    if (this._id === null && !this.listening && this._closing && this._connections.size === 0) {
      this._closing = false
      process.nextTick(() => this.emit('close'))
    }
  }

  address() {
    // A pipe server keeps its name after close, as Node's.
    if (typeof this._address === 'string') return this._address
    return this.listening ? { ...this._address } : null
  }

  close(cb) {
    if (!this.listening) {
      const error = nodeError(Error, 'ERR_SERVER_NOT_RUNNING', 'Server is not running.')
      if (cb) process.nextTick(() => cb(error))
      return this
    }
    if (cb) this.once('close', cb)
    native.closeServer(this._id)
    this._id = null
    this.listening = false
    this._closing = true
    this.#maybeClosed()
    return this
  }

  getConnections(cb) {
    const count = this._connections.size
    if (cb) process.nextTick(() => cb(null, count))
    return this
  }

  ref() {
    return this
  }

  unref() {
    return this
  }

  [Symbol.asyncDispose]() {
    return new Promise((resolve) => (this.listening ? this.close(() => resolve()) : resolve()))
  }
}

export function connect(...args) {
  const [options, cb] = normalizeConnectArgs(args)
  const socket = new Socket(options)
  if (options.timeout) socket.setTimeout(options.timeout)
  return socket.connect(options, cb || undefined)
}
export const createConnection = connect

export function createServer(options, listener) {
  return new Server(options, listener)
}

let autoSelectFamily = true
let autoSelectFamilyAttemptTimeout = 250
export function getDefaultAutoSelectFamily() {
  return autoSelectFamily
}
export function setDefaultAutoSelectFamily(value) {
  autoSelectFamily = Boolean(value)
}
export function getDefaultAutoSelectFamilyAttemptTimeout() {
  return autoSelectFamilyAttemptTimeout
}
export function setDefaultAutoSelectFamilyAttemptTimeout(value) {
  autoSelectFamilyAttemptTimeout = Math.max(10, Number(value) || 250)
}

// An address as bytes (IPv4 as 4, IPv6 as 16) for BlockList comparisons.
function addressBytes(address, family) {
  if (family === 'ipv4') return address.split('.').map(Number)
  let [head, tail] = address.split('::')
  const parse = (text) => (text ? text.split(':') : []).flatMap((part) => {
    if (part.includes('.')) {
      const [a, b, c, d] = part.split('.').map(Number)
      return [(a << 8) | b, (c << 8) | d]
    }
    return [parseInt(part, 16)]
  })
  const h = parse(head)
  const t = tail === undefined ? [] : parse(tail)
  const words = tail === undefined ? h : [...h, ...new Array(8 - h.length - t.length).fill(0), ...t]
  return words.flatMap((w) => [w >> 8, w & 255])
}

function normalizeFamily(family) {
  const f = String(family || 'ipv4').toLowerCase()
  if (f !== 'ipv4' && f !== 'ipv6') {
    throw nodeError(TypeError, 'ERR_INVALID_ARG_VALUE', `The argument 'family' must be one of: 'ipv4', 'ipv6'. Received '${family}'`)
  }
  return f
}

export class SocketAddress {
  #address
  #port
  #family
  #flowlabel
  constructor(options = {}) {
    const family = normalizeFamily(options.family)
    this.#family = family
    this.#address = options.address ?? (family === 'ipv4' ? '127.0.0.1' : '::')
    this.#port = options.port ?? 0
    this.#flowlabel = options.flowlabel ?? 0
    if ((family === 'ipv4' && !isIPv4(this.#address)) || (family === 'ipv6' && !isIPv6(this.#address))) {
      throw nodeError(TypeError, 'ERR_INVALID_ADDRESS', 'Invalid socket address')
    }
  }
  get address() {
    return this.#address
  }
  get port() {
    return this.#port
  }
  get family() {
    return this.#family
  }
  get flowlabel() {
    return this.#flowlabel
  }
  toJSON() {
    return { address: this.#address, port: this.#port, family: this.#family, flowlabel: this.#flowlabel }
  }
  static isSocketAddress(value) {
    return value instanceof SocketAddress
  }
}

function compareBytes(a, b) {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i]
  return 0
}

function inPrefix(bytes, net, prefix) {
  for (let bit = 0; bit < prefix; bit++) {
    const i = bit >> 3
    const mask = 0x80 >> (bit & 7)
    if ((bytes[i] & mask) !== (net[i] & mask)) return false
  }
  return true
}

export class BlockList {
  #rules = []
  addAddress(address, family = 'ipv4') {
    if (address instanceof SocketAddress) ({ address, family } = address)
    family = normalizeFamily(family)
    this.#rules.push({ type: 'address', family, address, bytes: addressBytes(address, family) })
  }
  addRange(start, end, family = 'ipv4') {
    if (start instanceof SocketAddress) ({ address: start, family } = start)
    if (end instanceof SocketAddress) end = end.address
    family = normalizeFamily(family)
    const from = addressBytes(start, family)
    const to = addressBytes(end, family)
    if (compareBytes(from, to) > 0) {
      throw nodeError(RangeError, 'ERR_INVALID_ARG_VALUE', `The argument 'start' must come before end. Received '${start}'`)
    }
    this.#rules.push({ type: 'range', family, start, end, from, to })
  }
  addSubnet(network, prefix, family = 'ipv4') {
    if (network instanceof SocketAddress) ({ address: network, family } = network)
    family = normalizeFamily(family)
    const max = family === 'ipv4' ? 32 : 128
    if (!Number.isInteger(prefix) || prefix < 0 || prefix > max) {
      throw nodeError(RangeError, 'ERR_OUT_OF_RANGE', `The value of "prefix" is out of range. It must be >= 0 && <= ${max}. Received ${prefix}`)
    }
    this.#rules.push({ type: 'subnet', family, network, prefix, bytes: addressBytes(network, family) })
  }
  check(address, family = 'ipv4') {
    if (address instanceof SocketAddress) ({ address, family } = address)
    family = normalizeFamily(family)
    if ((family === 'ipv4' && !isIPv4(address)) || (family === 'ipv6' && !isIPv6(address))) return false
    const bytes = addressBytes(address, family)
    const mapped = family === 'ipv4' ? [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 255, 255, ...bytes] : null
    return this.#rules.some((rule) => {
      const b = rule.family === family ? bytes : rule.family === 'ipv6' ? mapped : null
      if (!b) return false
      if (rule.type === 'address') return compareBytes(b, rule.bytes) === 0
      if (rule.type === 'range') return compareBytes(b, rule.from) >= 0 && compareBytes(b, rule.to) <= 0
      return inPrefix(b, rule.bytes, rule.prefix)
    })
  }
  get rules() {
    return this.#rules.map((rule) => {
      const fam = rule.family === 'ipv4' ? 'IPv4' : 'IPv6'
      if (rule.type === 'address') return `Address: ${fam} ${rule.address}`
      if (rule.type === 'range') return `Range: ${fam} ${rule.start}-${rule.end}`
      return `Subnet: ${fam} ${rule.network}/${rule.prefix}`
    }).reverse()
  }
  static isBlockList(value) {
    return value instanceof BlockList
  }
}

export const Stream = Socket
// What tls.js needs of a Socket's insides, out of `net`'s public names.
Object.defineProperty(Socket, Symbol.for('apiroutes.net.internals'), {
  value: Object.freeze({ kAdopt, kDetach, systemError, lookupError, nodeError, validPort, badPort }),
})

export default {
  isIP, isIPv4, isIPv6, Socket, Stream, Server, connect, createConnection, createServer,
  getDefaultAutoSelectFamily, setDefaultAutoSelectFamily, getDefaultAutoSelectFamilyAttemptTimeout,
  setDefaultAutoSelectFamilyAttemptTimeout, BlockList, SocketAddress,
}
