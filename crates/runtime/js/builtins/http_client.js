// `http.request` / `https.request` / `get` (Node 20's client API) carried over the
// runtime's `fetch`: a ClientRequest (a Writable collecting the body) and, when the
// answer arrives, an IncomingMessage (a Readable of the body). There is no socket layer
// below (no `net`/`tls`), so: redirects are not followed (as Node's client), the body is
// sent once `end()` is called and the answer's body arrives whole; `fetch` decodes
// gzip/deflate/br itself, so such answers come without `content-encoding` and
// `content-length` (what a client that decompresses would see). Agents are accepted
// and only keep their options. Used by axios's Node adapter, node-fetch, stripe, ...
import { Writable, Readable } from 'stream'
import { EventEmitter } from 'events'

const pages = globalThis[Symbol.for('apiroutes.pages')]
let statusCodes = {}

// http.js hands over its STATUS_CODES (for `statusMessage`) without an import cycle.
export function setStatusCodes(codes) {
  statusCodes = codes
}

export const Agent = pages.Agent
export const HttpsAgent = pages.HttpsAgent

const DECODED_ENCODINGS = new Set(['gzip', 'x-gzip', 'deflate', 'br', 'zstd'])
const INVALID_HEADER = /[^\t\x20-\x7e\x80-\xff]/
const TOKEN = /^[\^_`a-zA-Z\-0-9!#$%&'*+.|~]+$/

function nodeError(message, code, Ctor = Error) {
  const error = new Ctor(message)
  error.code = code
  return error
}

// A stand-in for the request's socket: the events and methods clients call on it.
class FakeSocket extends EventEmitter {
  constructor(secure) {
    super()
    this.encrypted = secure || undefined
    this.remoteAddress = undefined
    this.remotePort = undefined
    this.connecting = false
    this.destroyed = false
    this.writable = true
    this.readable = true
  }
  setKeepAlive() {
    return this
  }
  setNoDelay() {
    return this
  }
  setTimeout(ms, callback) {
    if (callback) this.once('timeout', callback)
    return this
  }
  ref() {
    return this
  }
  unref() {
    return this
  }
  address() {
    return {}
  }
  destroy(error) {
    if (this.destroyed) return this
    this.destroyed = true
    if (error) this.emit('error', error)
    this.emit('close', Boolean(error))
    return this
  }
  end() {
    return this
  }
}

export class IncomingMessage extends Readable {
  constructor(socket) {
    super()
    this.socket = socket
    this.connection = socket
    this.httpVersion = '1.1'
    this.httpVersionMajor = 1
    this.httpVersionMinor = 1
    this.headers = {}
    this.headersDistinct = {}
    this.rawHeaders = []
    this.trailers = {}
    this.rawTrailers = []
    this.statusCode = null
    this.statusMessage = null
    this.url = ''
    this.method = null
    this.complete = false
    this.aborted = false
  }
  _read() {}
  setTimeout(ms, callback) {
    if (callback) this.on('timeout', callback)
    return this
  }
}

function urlToOptions(url) {
  return {
    protocol: url.protocol,
    hostname: url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname,
    hash: url.hash,
    search: url.search,
    pathname: url.pathname,
    path: `${url.pathname || ''}${url.search || ''}`,
    href: url.href,
    port: url.port === '' ? undefined : Number(url.port),
    auth: url.username || url.password ? `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}` : undefined,
  }
}

export class ClientRequest extends Writable {
  constructor(input, options, callback, defaultProtocol) {
    // Node's ClientRequest stays usable after `end()` until the answer is read: no
    // auto-destroy at 'finish', and 'close' is emitted when the exchange is over.
    super({ autoDestroy: false, emitClose: false })
    if (typeof input === 'string') input = urlToOptions(new URL(input))
    else if (input instanceof URL) input = urlToOptions(input)
    else {
      callback = options
      options = input
      input = null
    }
    if (typeof options === 'function') {
      callback = options
      options = input || {}
    } else {
      options = Object.assign({}, input || {}, options || {})
    }
    const agent = options.agent
    const protocol = options.protocol || (agent && agent.protocol) || defaultProtocol
    if (protocol !== defaultProtocol) {
      throw nodeError(`Protocol "${protocol}" not supported. Expected "${defaultProtocol}"`, 'ERR_INVALID_PROTOCOL', TypeError)
    }
    const method = String(options.method || 'GET').toUpperCase()
    if (!TOKEN.test(method)) throw nodeError(`Method must be a valid HTTP token ["${options.method}"]`, 'ERR_INVALID_HTTP_TOKEN', TypeError)
    const path = options.path || '/'
    if (/[\u0000-\u0020]/.test(path)) throw nodeError('Request path contains unescaped characters', 'ERR_UNESCAPED_CHARACTERS', TypeError)
    const host = options.hostname || (options.host ? String(options.host).replace(/:\d+$/, '') : 'localhost')
    const defaultPort = options.defaultPort || (agent && agent.defaultPort) || (defaultProtocol === 'https:' ? 443 : 80)
    const port = options.port ? Number(options.port) : defaultPort
    this.method = method
    this.path = path
    this.host = host
    this.protocol = protocol
    this.agent = agent
    this.reusedSocket = false
    this.aborted = false
    this.timeoutCb = null
    this.finished = false
    this.headersSent = false
    this.maxHeadersCount = null
    this._headers = new Map()
    this._chunks = []
    this._signal = options.signal
    this._timeoutMs = options.timeout
    const hostText = host.includes(':') ? `[${host}]` : host
    this._url = `${protocol}//${hostText}${port === defaultPort ? '' : ':' + port}${path.startsWith('/') ? path : '/' + path}`
    const headers = options.headers
    if (Array.isArray(headers)) {
      for (let i = 0; i + 1 < headers.length; i += 2) this.appendHeader(headers[i], headers[i + 1])
    } else if (headers) {
      for (const name of Object.keys(headers)) if (headers[name] !== undefined) this.setHeader(name, headers[name])
    }
    if (options.auth && !this.hasHeader('authorization')) {
      this.setHeader('Authorization', 'Basic ' + Buffer.from(String(options.auth)).toString('base64'))
    }
    this.socket = new FakeSocket(protocol === 'https:')
    this.connection = this.socket
    if (callback) this.once('response', callback)
    if (this._signal) {
      if (this._signal.aborted) process.nextTick(() => this.destroy(abortError(this._signal)))
      else this._signal.addEventListener('abort', () => this.destroy(abortError(this._signal)), { once: true })
    }
    if (this._timeoutMs) this.setTimeout(this._timeoutMs)
    process.nextTick(() => {
      if (!this.destroyed) this.emit('socket', this.socket)
    })
  }
  setHeader(name, value) {
    if (this.headersSent) throw nodeError('Cannot set headers after they are sent to the client', 'ERR_HTTP_HEADERS_SENT')
    name = String(name)
    if (!TOKEN.test(name)) throw nodeError(`Header name must be a valid HTTP token ["${name}"]`, 'ERR_INVALID_HTTP_TOKEN', TypeError)
    if (value === undefined) throw nodeError(`Invalid value "undefined" for header "${name}"`, 'ERR_HTTP_INVALID_HEADER_VALUE', TypeError)
    const values = Array.isArray(value) ? value.map(String) : [String(value)]
    for (const v of values) if (INVALID_HEADER.test(v)) throw nodeError(`Invalid character in header content ["${name}"]`, 'ERR_INVALID_CHAR', TypeError)
    this._headers.set(name.toLowerCase(), { name, value: Array.isArray(value) ? values : values[0] })
    return this
  }
  appendHeader(name, value) {
    const existing = this.getHeader(name)
    if (existing === undefined) return this.setHeader(name, value)
    return this.setHeader(name, [].concat(existing, value))
  }
  getHeader(name) {
    const entry = this._headers.get(String(name).toLowerCase())
    return entry && entry.value
  }
  getHeaders() {
    const out = Object.create(null)
    for (const [key, entry] of this._headers) out[key] = entry.value
    return out
  }
  getHeaderNames() {
    return [...this._headers.keys()]
  }
  getRawHeaderNames() {
    return [...this._headers.values()].map((entry) => entry.name)
  }
  hasHeader(name) {
    return this._headers.has(String(name).toLowerCase())
  }
  removeHeader(name) {
    if (this.headersSent) throw nodeError('Cannot remove headers after they are sent to the client', 'ERR_HTTP_HEADERS_SENT')
    this._headers.delete(String(name).toLowerCase())
  }
  flushHeaders() {}
  setNoDelay() {}
  setSocketKeepAlive() {}
  setTimeout(ms, callback) {
    if (callback) this.once('timeout', callback)
    clearTimeout(this._timer)
    if (ms > 0) {
      this._timer = setTimeout(() => {
        this.emit('timeout')
        this.socket.emit('timeout')
      }, ms)
    }
    return this
  }
  abort() {
    if (this.aborted) return
    this.aborted = true
    process.nextTick(() => this.emit('abort'))
    this.destroy()
  }
  _write(chunk, encoding, callback) {
    this._chunks.push(typeof chunk === 'string' ? Buffer.from(chunk, encoding) : Buffer.from(chunk))
    callback()
  }
  _final(callback) {
    this.finished = true
    this.headersSent = true
    callback()
    this._send()
  }
  _destroy(error, callback) {
    clearTimeout(this._timer)
    if (this._controller) this._controller.abort()
    if (this.res && !this.res.complete) {
      this.res.aborted = true
      this.res.destroy(error || nodeError('aborted', 'ECONNRESET'))
    }
    // Destroyed before an answer: Node reports the hung-up socket, unless abort() did it.
    if (!this.res && !error && !this.aborted) error = nodeError('socket hang up', 'ECONNRESET')
    callback(error || null)
    process.nextTick(() => {
      this.socket.destroy()
      this.emit('close')
    })
  }
  async _send() {
    const headers = []
    for (const entry of this._headers.values()) {
      for (const value of [].concat(entry.value)) headers.push([entry.name, value])
    }
    const body = this._chunks.length === 0 ? undefined : Buffer.concat(this._chunks)
    this._controller = new AbortController()
    let response
    try {
      response = await fetch(this._url, {
        method: this.method,
        headers,
        body: this.method === 'GET' || this.method === 'HEAD' ? undefined : body,
        redirect: 'manual',
        signal: this._controller.signal,
      })
    } catch (error) {
      if (this.destroyed) return
      const cause = error && error.cause && error.cause.code ? error.cause : error
      this.destroy(cause)
      return
    }
    if (this.destroyed) return
    clearTimeout(this._timer)
    const res = new IncomingMessage(this.socket)
    res.req = this
    res.statusCode = response.status
    res.statusMessage = response.statusText || STATUS_TEXT(response.status)
    const encoding = String(response.headers.get('content-encoding') || '').trim().toLowerCase()
    const decoded = DECODED_ENCODINGS.has(encoding)
    for (const [name, value] of response.headers) {
      if (decoded && (name === 'content-encoding' || name === 'content-length')) continue
      const values = name === 'set-cookie' && typeof response.headers.getSetCookie === 'function' ? response.headers.getSetCookie() : [value]
      for (const item of values) {
        res.rawHeaders.push(name, item)
        ;(res.headersDistinct[name] = res.headersDistinct[name] || []).push(item)
        if (name === 'set-cookie') (res.headers[name] = res.headers[name] || []).push(item)
        else if (res.headers[name] === undefined) res.headers[name] = item
        else res.headers[name] += ', ' + item
      }
    }
    this.res = res
    this.emit('response', res)
    let bytes
    try {
      bytes = this.method === 'HEAD' ? new Uint8Array(0) : new Uint8Array(await response.arrayBuffer())
    } catch (error) {
      res.destroy(error)
      return
    }
    if (bytes.byteLength > 0) res.push(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength))
    res.complete = true
    res.push(null)
    res.once('end', () => {
      this.socket.destroy()
      if (!this.destroyed) this.emit('close')
    })
  }
}

function STATUS_TEXT(code) {
  return statusCodes[code] || ''
}

function abortError(signal) {
  const error = new Error('The operation was aborted')
  error.name = 'AbortError'
  error.code = 'ABORT_ERR'
  error.cause = signal.reason
  return error
}

export function makeRequest(defaultProtocol) {
  return function request(input, options, callback) {
    return new ClientRequest(input, options, callback, defaultProtocol)
  }
}

export function makeGet(defaultProtocol) {
  return function get(input, options, callback) {
    const req = new ClientRequest(input, options, callback, defaultProtocol)
    req.end()
    return req
  }
}
