// The `pages/api` contract: Node-style `req`/`res` objects with Next.js's helpers
// (packages/next/src/server/api-utils/node/api-resolver.ts), written in our own words.
//
// This file is evaluated once per worker as a function expression. Rust calls it with an
// object of native bindings and keeps the returned `dispatch` function. The native side
// owns the socket: `head` sends the status line and headers, `write` a body chunk, `end`
// finishes; `etag` and `isFresh` give `res.send` its ETag and 304 decisions.
(function pagesApi(native) {
  'use strict'

  const EventEmitter = native.EventEmitter
  // `req`/`res` inherit EventEmitter's methods without running its constructor per
  // request: the vendored `events` creates `_events` on first listener, so most
  // requests (no listeners) never allocate it.
  function NoInitEmitter() {}
  NoInitEmitter.prototype = EventEmitter.prototype
  const BufferCtor = globalThis.Buffer
  // Node streams (our `stream` built-in, readable-stream). `req` is a Readable and `res`
  // a legacy Stream with Writable's surface, as in Node, so pipeline/pipe/for-await and
  // Express-style packages work. The module is big (160 KB): it is loaded the first time
  // a handler touches a stream method of `req`/`res`, or when any module imports
  // `stream` (whose entry calls `linkStreams`), so `instanceof Readable` holds for every
  // code that can name Readable. Per request, a Readable's state is only built when a
  // handler first uses it.
  let NodeStream = null
  let ReadableState = null
  const requireFromRoot = globalThis[Symbol.for('apiroutes.createRequire')]('/')
  function ensureStreams() {
    if (NodeStream === null) requireFromRoot('stream')
    if (NodeStream === null) linkStreams(requireFromRoot('apiroutes:stream-impl'))
    return NodeStream
  }

  // Node's req.headers: duplicates of these are dropped, `set-cookie` becomes an array,
  // `cookie` is joined with "; ", everything else with ", " (lib/_http_incoming.js).
  const SINGLE_VALUE = new Set([
    'content-type', 'content-length', 'user-agent', 'referer', 'host', 'authorization',
    'proxy-authorization', 'if-modified-since', 'if-unmodified-since', 'from', 'location',
    'max-forwards', 'retry-after', 'etag', 'last-modified', 'server', 'age', 'expires',
  ])

  function buildHeaders(raw) {
    const headers = {}
    for (let i = 0; i < raw.length; i += 2) {
      const name = raw[i]
      const value = raw[i + 1]
      const existing = headers[name]
      if (existing === undefined) {
        headers[name] = name === 'set-cookie' ? [value] : value
      } else if (name === 'set-cookie') {
        existing.push(value)
      } else if (SINGLE_VALUE.has(name)) {
        // first wins
      } else if (name === 'cookie') {
        headers[name] = existing + '; ' + value
      } else {
        headers[name] = existing + ', ' + value
      }
    }
    return headers
  }

  function addQueryPair(query, key, value) {
    const existing = query[key]
    if (existing === undefined) query[key] = value
    else if (Array.isArray(existing)) existing.push(value)
    else query[key] = [existing, value]
  }

  // Node's error for a request cut short (lib/_http_server.js abortIncoming): the
  // connection closed before the body ended, a malformed chunk, the client went away.
  function connReset() {
    const err = new Error('aborted')
    err.code = 'ECONNRESET'
    return err
  }

  // ServerResponse by slot id, for the responses still open after the handler's first
  // synchronous run: `clientGone` finds them when their client goes away.
  const live = new Map()

  // ---------------------------------------------------------------- request

  class IncomingMessage extends NoInitEmitter {
    constructor(id, method, url, rawHeaders, queryPairs, params) {
      super()
      this._id = id
      this.method = method
      this.url = url
      this.rawHeaders = rawHeaders
      this._queryPairs = queryPairs
      this._params = params
    }

    get headers() {
      if (this._headers === undefined) this._headers = buildHeaders(this.rawHeaders)
      return this._headers
    }
    set headers(value) {
      this._headers = value
    }

    get query() {
      if (this._query === undefined) {
        const query = {}
        const pairs = this._queryPairs
        for (let i = 0; i < pairs.length; i += 2) addQueryPair(query, pairs[i], pairs[i + 1])
        const params = this._params
        for (let i = 0; i < params.length; i += 2) query[params[i]] = params[i + 1]
        this._query = query
      }
      return this._query
    }
    set query(value) {
      this._query = value
    }

    get cookies() {
      if (this._cookies === undefined) {
        const header = this.headers.cookie
        this._cookies = header ? native.parseCookies(header) : {}
      }
      return this._cookies
    }
    set cookies(value) {
      this._cookies = value
    }

    // ---- Node Readable surface: Readable.prototype (see below) does the rest.
    setTimeout() {
      return this
    }
    // Pulls the next body chunk from the native request stream; `null` is the end.
    _read() {
      if (this._pulling) return
      this._pulling = true
      native.readBody(this._id).then(
        (chunk) => {
          this._pulling = false
          if (chunk === false) {
            this.destroy(connReset())
          } else if (chunk === null || chunk === undefined) {
            this.complete = true
            this.push(null)
          } else {
            this.push(BufferCtor.from(chunk.buffer, chunk.byteOffset, chunk.byteLength))
          }
        },
        (err) => {
          this._pulling = false
          this.destroy(err)
        }
      )
    }
    // Node's IncomingMessage._destroy: destroyed before its end means aborted, and the
    // error reaches 'error' listeners only (an unheard 'error' is not a crash).
    _destroy(err, cb) {
      if ((!this.readableEnded || !this.complete) && !this.aborted) {
        this.aborted = true
        this.emit('aborted')
      }
      cb(err && this.listenerCount('error') > 0 ? err : null)
    }
  }

  // `req instanceof stream.Readable` and every Readable method, while `super()` above
  // stays the cheap EventEmitter constructor: the ReadableState (about thirty fields) is
  // created on first access, so `res.json()` handlers never pay for it. Until streams
  // are loaded, LAZY_READABLE stands where Readable.prototype goes: its stubs load
  // streams, relink, and call the real method.
  const LAZY_READABLE = Object.create(EventEmitter.prototype)
  const LAZY_STREAM = Object.create(EventEmitter.prototype)
  const READABLE_METHODS = [
    'on', 'addListener', 'once', 'prependListener', 'prependOnceListener', 'removeListener', 'off',
    'removeAllListeners', 'pipe', 'unpipe', 'read', 'resume', 'pause', 'isPaused', 'setEncoding',
    'unshift', 'wrap', 'destroy', 'push', 'iterator', 'map', 'filter', 'forEach', 'toArray', 'some',
    'find', 'every', 'flatMap', 'drop', 'take', 'reduce', 'asIndexedPairs', 'compose', '_destroy',
    '_undestroy', Symbol.asyncIterator,
  ]
  const READABLE_PROPERTIES = [
    'readable', 'readableEnded', 'readableFlowing', 'readableHighWaterMark', 'readableLength',
    'readableObjectMode', 'readableEncoding', 'readableAborted', 'readableDidRead', 'destroyed',
    'errored', 'closed',
  ]
  function installStubs(target, methods, properties) {
    for (const key of methods) {
      Object.defineProperty(target, key, {
        configurable: true,
        writable: true,
        value: function streamStub(...args) {
          ensureStreams()
          return this[key](...args)
        },
      })
    }
    for (const key of properties) {
      Object.defineProperty(target, key, {
        configurable: true,
        get() {
          ensureStreams()
          return this[key]
        },
        set(value) {
          ensureStreams()
          this[key] = value
        },
      })
    }
  }
  installStubs(LAZY_READABLE, READABLE_METHODS, READABLE_PROPERTIES)
  installStubs(LAZY_STREAM, ['pipe'], [])

  function linkStreams(Stream) {
    if (NodeStream !== null) return
    NodeStream = Stream
    ReadableState = Stream.Readable.ReadableState
    for (const key of Reflect.ownKeys(LAZY_READABLE)) delete LAZY_READABLE[key]
    for (const key of Reflect.ownKeys(LAZY_STREAM)) delete LAZY_STREAM[key]
    Object.setPrototypeOf(LAZY_READABLE, Stream.Readable.prototype)
    Object.setPrototypeOf(LAZY_STREAM, Stream.prototype)
  }
  Object.defineProperty(globalThis, Symbol.for('apiroutes.streamLoaded'), { value: linkStreams })

  Object.setPrototypeOf(IncomingMessage.prototype, LAZY_READABLE)
  Object.defineProperty(IncomingMessage.prototype, '_readableState', {
    configurable: true,
    get() {
      ensureStreams()
      const state = new ReadableState({}, this, false)
      if (this._bodyParsed) {
        // As Node leaves a request raw-body has read: ended, 'end' emitted, auto-destroyed
        // and closed (so `for await` over it ends at once).
        state.ended = true
        state.endEmitted = true
        state.destroyed = true
        state.closed = true
        state.closeEmitted = true
      }
      Object.defineProperty(this, '_readableState', { value: state, writable: true, configurable: true })
      return state
    },
    set(value) {
      Object.defineProperty(this, '_readableState', { value, writable: true, configurable: true })
    },
  })

  // ---------------------------------------------------------------- response

  // Header names a handler sets are few and repeat on every request: remember the ones
  // already validated and their lower-case form instead of a regex and toLowerCase per call.
  const KNOWN_NAMES = new Map()
  const TOKEN = /^[\^_`a-zA-Z\-0-9!#$%&'*+.|~]+$/

  function checkHeaderName(name) {
    if (KNOWN_NAMES.has(name)) return
    if (typeof name !== 'string' || name.length === 0 || !TOKEN.test(name)) {
      const err = new TypeError(`Header name must be a valid HTTP token ["${name}"]`)
      err.code = 'ERR_INVALID_HTTP_TOKEN'
      throw err
    }
    if (KNOWN_NAMES.size < 1024) KNOWN_NAMES.set(name, name.toLowerCase())
  }

  function lowerName(name) {
    const known = KNOWN_NAMES.get(name)
    return known !== undefined ? known : String(name).toLowerCase()
  }

  // Node's validateHeaderValue: a value outside Latin-1 (or with control characters)
  // throws, so the handler fails with 500 instead of sending a mangled header.
  const INVALID_HEADER_CHAR = /[^\t\x20-\x7e\x80-\xff]/
  function checkHeaderValue(name, value) {
    if (value === undefined) {
      const err = new TypeError(`Invalid value "${value}" for header "${name}"`)
      err.code = 'ERR_HTTP_INVALID_HEADER_VALUE'
      throw err
    }
    if (INVALID_HEADER_CHAR.test(Array.isArray(value) ? value.join(',') : String(value))) {
      const err = new TypeError(`Invalid character in header content ["${name}"]`)
      err.code = 'ERR_INVALID_CHAR'
      throw err
    }
  }

  function chunkToBytes(chunk, encoding) {
    if (typeof chunk === 'string') return encoding && encoding !== 'utf8' && encoding !== 'utf-8' ? BufferCtor.from(chunk, encoding) : chunk
    if (chunk instanceof Uint8Array) return chunk
    if (chunk instanceof ArrayBuffer) return new Uint8Array(chunk)
    throw new TypeError('The "chunk" argument must be of type string or an instance of Buffer or Uint8Array')
  }

  function byteLength(body) {
    return typeof body === 'string' ? BufferCtor.byteLength(body) : body.byteLength
  }

  class ServerResponse extends NoInitEmitter {
    constructor(id, req) {
      super()
      this._id = id
      this.req = req
      this.statusCode = 200
      this._headerMap = Object.create(null)
    }

    // ---- Node ServerResponse
    setHeader(name, value) {
      if (this.headersSent) {
        const err = new Error('Cannot set headers after they are sent to the client')
        err.code = 'ERR_HTTP_HEADERS_SENT'
        throw err
      }
      checkHeaderName(name)
      checkHeaderValue(name, value)
      const key = lowerName(name)
      // Next patches setHeader (patchSetHeaderWithCookieSupport): Set-Cookie is always
      // kept as a de-duplicated array.
      if (key === 'set-cookie') {
        value = [...new Set(typeof value === 'string' ? [value] : Array.isArray(value) ? value : [])]
      }
      this._headerMap[key] = [name, value]
      return this
    }
    appendHeader(name, value) {
      const key = lowerName(name)
      const existing = this._headerMap[key]
      if (!existing) return this.setHeader(name, value)
      checkHeaderValue(name, value)
      const merged = [].concat(existing[1], value)
      this._headerMap[key] = [existing[0], merged]
      return this
    }
    getHeader(name) {
      const entry = this._headerMap[lowerName(name)]
      return entry === undefined ? undefined : entry[1]
    }
    getHeaders() {
      const out = Object.create(null)
      for (const key in this._headerMap) out[key] = this._headerMap[key][1]
      return out
    }
    getHeaderNames() {
      return Object.keys(this._headerMap)
    }
    getRawHeaderNames() {
      return Object.values(this._headerMap).map((entry) => entry[0])
    }
    hasHeader(name) {
      return lowerName(name) in this._headerMap
    }
    removeHeader(name) {
      if (this.headersSent) {
        const err = new Error('Cannot remove headers after they are sent to the client')
        err.code = 'ERR_HTTP_HEADERS_SENT'
        throw err
      }
      delete this._headerMap[lowerName(name)]
    }
    flushHeaders() {
      if (!this.headersSent) this._sendHead(false, undefined)
    }
    writeHead(statusCode, reason, headers) {
      if (this.headersSent) {
        const err = new Error('Cannot write headers after they are sent to the client')
        err.code = 'ERR_HTTP_HEADERS_SENT'
        throw err
      }
      if (typeof reason !== 'string') {
        headers = reason
        reason = undefined
      }
      statusCode |= 0
      if (statusCode < 100 || statusCode > 999) {
        const err = new RangeError(`Invalid status code: ${statusCode}`)
        err.code = 'ERR_HTTP_INVALID_STATUS_CODE'
        throw err
      }
      this.statusCode = statusCode
      if (reason !== undefined) this.statusMessage = reason
      if (Array.isArray(headers)) {
        for (let i = 0; i < headers.length; i += 2) this.appendHeader(headers[i], headers[i + 1])
      } else if (headers) {
        for (const key of Object.keys(headers)) {
          if (headers[key] !== undefined) this.setHeader(key, headers[key])
        }
      }
      return this
    }
    _flatHeaders() {
      const flat = []
      for (const key in this._headerMap) {
        const entry = this._headerMap[key]
        const value = entry[1]
        if (Array.isArray(value)) {
          for (const v of value) flat.push(key, String(v))
        } else {
          flat.push(key, String(value))
        }
      }
      return flat
    }
    _sendHead(complete, body) {
      const status = this.statusCode
      if (status < 100 || status > 999) {
        const err = new RangeError(`Invalid status code: ${status}`)
        err.code = 'ERR_HTTP_INVALID_STATUS_CODE'
        throw err
      }
      this.headersSent = true
      native.head(this._id, status, this.statusMessage, this._flatHeaders(), complete, body)
    }
    write(chunk, encoding, callback) {
      if (typeof encoding === 'function') {
        callback = encoding
        encoding = undefined
      }
      if (this.writableEnded) {
        const err = new Error('write after end')
        err.code = 'ERR_STREAM_WRITE_AFTER_END'
        if (callback) Promise.resolve().then(() => callback(err))
        this.emit('error', err)
        return false
      }
      if (chunk === undefined || chunk === null) {
        throw new TypeError('The "chunk" argument must be of type string or an instance of Buffer or Uint8Array')
      }
      if (this.destroyed) {
        // Node: the client is gone; the callback gets the error, 'error' is not emitted.
        const err = new Error('Cannot call write after a stream was destroyed')
        err.code = 'ERR_STREAM_DESTROYED'
        if (callback) Promise.resolve().then(() => callback(err))
        return false
      }
      if (!this.headersSent) this._sendHead(false, undefined)
      const bytes = chunkToBytes(chunk, encoding)
      if (byteLength(bytes) > 0 && !native.write(this._id, bytes)) {
        // The client left before we were told: learn it now.
        clientGone(this._id)
        this.destroyed = true
        return this.write(chunk, encoding, callback)
      }
      if (callback) Promise.resolve().then(() => callback())
      return true
    }
    end(chunk, encoding, callback) {
      if (typeof chunk === 'function') {
        callback = chunk
        chunk = undefined
      } else if (typeof encoding === 'function') {
        callback = encoding
        encoding = undefined
      }
      if (this.writableEnded) {
        if (callback) Promise.resolve().then(() => callback())
        return this
      }
      if (this.destroyed) {
        // As Node: ended, but 'finish' (and the callback waiting for it) never comes.
        this.writableEnded = true
        this.finished = true
        this.writableFinished = true
        return this
      }
      live.delete(this._id)
      const bytes = chunk === undefined || chunk === null ? undefined : chunkToBytes(chunk, encoding)
      if (!this.headersSent) {
        this._sendHead(true, bytes)
      } else {
        if (bytes !== undefined && byteLength(bytes) > 0) native.write(this._id, bytes)
        native.end(this._id)
      }
      this.writableEnded = true
      this.finished = true
      this.writableFinished = true
      // Most handlers never listen: skip the microtask (a promise and a job) then.
      if (callback || this._eventsCount > 0) {
        Promise.resolve().then(() => {
          this.emit('prefinish')
          this.emit('finish')
          this.emit('close')
          if (callback) callback()
        })
      }
      return this
    }
    setTimeout() {
      return this
    }
    cork() {}
    uncork() {}
    // ---- Writable surface (Node's OutgoingMessage is a legacy Stream that mimics it):
    // what stream.pipeline/finished and readable.pipe look at.
    get writable() {
      return !this.writableEnded && !this.destroyed
    }
    get writableCorked() {
      return 0
    }
    get writableLength() {
      return 0
    }
    get writableHighWaterMark() {
      return 16384
    }
    get writableObjectMode() {
      return false
    }
    get writableNeedDrain() {
      return false
    }
    pipe() {
      // Node: OutgoingMessage.prototype.pipe
      const err = new Error('Cannot pipe, not readable')
      err.code = 'ERR_STREAM_CANNOT_PIPE'
      this.emit('error', err)
    }
    destroy(err) {
      if (this.destroyed) return this
      this.destroyed = true
      live.delete(this._id)
      // The socket's close is what Node's response reports (end() already emitted it);
      // the error, if any, belongs to the socket too, so it is not re-emitted here.
      void err
      if (!this.writableEnded) {
        this.writableEnded = true
        native.abort(this._id)
        Promise.resolve().then(() => this.emit('close'))
      }
      return this
    }

    // ---- Next.js helpers (api-utils/node/api-resolver.ts)
    status(statusCode) {
      this.statusCode = statusCode
      return this
    }
    send(body) {
      sendData(this, body)
      return this
    }
    json(body) {
      this.setHeader('Content-Type', 'application/json; charset=utf-8')
      const status = this.statusCode
      if (status === 204 || status === 304 || status < 100 || status > 999 || this.writableEnded) {
        // native.stringify is JSON.stringify done in Rust (same text, errors and
        // side effects; several times faster): see crates/runtime/src/json.rs.
        sendData(this, native.stringify(body))
        return this
      }
      // The common case in one native call: serialise, ETag, 304 decision,
      // Content-Length and head (see send_json in worker.rs). Afterwards the object
      // reflects what was sent, as sendData would have left it.
      live.delete(this._id)
      const sent = native.sendJson(body, this._id, status, this.statusMessage, this._flatHeaders())
      this.headersSent = true
      this.writableEnded = true
      this.finished = true
      this.writableFinished = true
      if (sent !== undefined) {
        this._headerMap.etag = ['ETag', sent[0]]
        if (sent.length === 1) this.statusCode = 304
        else this._headerMap['content-length'] = ['Content-Length', sent[1]]
      }
      if (this._eventsCount > 0) {
        Promise.resolve().then(() => {
          this.emit('prefinish')
          this.emit('finish')
          this.emit('close')
        })
      }
      return this
    }
    redirect(statusOrUrl, url) {
      if (typeof statusOrUrl === 'string') {
        url = statusOrUrl
        statusOrUrl = 307
      }
      if (typeof statusOrUrl !== 'number' || typeof url !== 'string') {
        throw new Error(
          `Invalid redirect arguments. Please use a single argument URL, e.g. res.redirect('/destination') or use a status code and URL, e.g. res.redirect(307, '/destination').`
        )
      }
      this.writeHead(statusOrUrl, { Location: url })
      this.write(url)
      this.end()
      return this
    }
    async revalidate(urlPath, opts) {
      if (typeof urlPath !== 'string' || !urlPath.startsWith('/')) {
        throw new Error(`Invalid urlPath provided to revalidate(), must be a path e.g. /blog/post-1, received ${urlPath}`)
      }
      // On-demand ISR has nothing to revalidate here: API routes are never cached.
      void opts
    }
    setDraftMode(options) {
      return setDraftCookie(this, options && options.enable)
    }
    setPreviewData(data) {
      void data
      return setDraftCookie(this, true)
    }
    clearPreviewData() {
      return setDraftCookie(this, false)
    }
  }

  // `res instanceof stream.Stream`, with Stream's EventEmitter methods underneath ours
  // (through LAZY_STREAM until streams are loaded).
  Object.setPrototypeOf(ServerResponse.prototype, LAZY_STREAM)

  function setDraftCookie(res, enable) {
    const cookie = enable
      ? `__prerender_bypass=${native.previewModeId}; Path=/; HttpOnly; Secure; SameSite=None`
      : `__prerender_bypass=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; Secure; SameSite=None`
    const previous = res.getHeader('Set-Cookie')
    const list = previous === undefined ? [] : [].concat(previous)
    list.push(cookie)
    res.setHeader('Set-Cookie', list)
    return res
  }

  function isNodeStream(body) {
    return body !== null && typeof body === 'object' && typeof body.pipe === 'function' && typeof body.on === 'function'
  }

  // Next's sendData (api-utils/node/api-resolver.ts), step for step: the ETag is set and
  // freshness decided before the body's own Content-Type / Content-Length are added.
  function sendData(res, body) {
    if (body === null || body === undefined) {
      res.end()
      return
    }
    if (res.statusCode === 204 || res.statusCode === 304) {
      res.removeHeader('Content-Type')
      res.removeHeader('Content-Length')
      res.removeHeader('Transfer-Encoding')
      res.end()
      return
    }
    const contentType = res.getHeader('Content-Type')
    const isBuffer = BufferCtor.isBuffer(body)
    if (!isBuffer && isNodeStream(body)) {
      if (!contentType) res.setHeader('Content-Type', 'application/octet-stream')
      body.pipe(res)
      return
    }
    const type = typeof body
    const isJsonLike = type === 'object' || type === 'number' || type === 'boolean'
    const text = isJsonLike ? native.stringify(body) : body
    const etag = native.etag(String(text))
    res.setHeader('ETag', etag)
    if (native.isFresh(res._id, etag)) {
      res.statusCode = 304
      res.end()
      return
    }
    if (isBuffer) {
      if (!contentType) res.setHeader('Content-Type', 'application/octet-stream')
      res.setHeader('Content-Length', body.length)
      res.end(body)
      return
    }
    if (isJsonLike) res.setHeader('Content-Type', 'application/json; charset=utf-8')
    res.setHeader('Content-Length', BufferCtor.byteLength(text))
    res.end(text)
  }

  // Per-request constants live on the prototypes: every own property a constructor sets
  // costs a shape transition in QuickJS, on every request.
  const SOCKET = Object.freeze({ remoteAddress: '127.0.0.1', encrypted: false, destroy() {} })
  Object.assign(IncomingMessage.prototype, {
    // Built on first read (the getters above).
    _headers: undefined,
    _query: undefined,
    _cookies: undefined,
    httpVersion: '1.1',
    httpVersionMajor: 1,
    httpVersionMinor: 1,
    complete: false,
    aborted: false,
    _pulling: false,
    socket: SOCKET,
    connection: SOCKET,
  })
  Object.assign(ServerResponse.prototype, {
    statusMessage: undefined,
    headersSent: false,
    finished: false,
    writableEnded: false,
    writableFinished: false,
    destroyed: false,
    sendDate: true,
    socket: SOCKET,
    connection: SOCKET,
  })

  // ---------------------------------------------------------------- dispatch

  function sendError(res, statusCode, message) {
    // Next's sendError: status, reason phrase = message, body = message.
    if (res.writableEnded) return
    if (!res.headersSent) {
      res.statusCode = statusCode
      res.statusMessage = message
    }
    res.end(message)
  }

  // Logs a handler's error once, with its request and route (src/failure_log.rs names
  // out-of-memory, which the engine throws as null).
  const reportFailure = globalThis[Symbol.for('apiroutes.reportFailure')]
  function reportError(err) {
    try {
      reportFailure(err)
    } catch {
      // logging must never turn a handled error into a crash
    }
  }

  function dispatch(handler, id, method, url, rawHeaders, queryPairs, params, body, hasBody) {
    const req = new IncomingMessage(id, method, url, rawHeaders, queryPairs, params)
    if (hasBody) {
      // Next's body parser has read the whole stream (raw-body) before the handler runs:
      // `req.body` holds the result and the request reads as ended, which is what
      // adapters such as tRPC's check (`req.body`, then `req.readableEnded`).
      req.body = body
      req.complete = true
      req._bodyParsed = true
    }
    const res = new ServerResponse(id, req)
    let result
    try {
      result = handler(req, res)
    } catch (err) {
      reportError(err)
      sendError(res, 500, 'Internal Server Error')
      return
    }
    if (!res.writableEnded && !res.destroyed) live.set(id, res)
    if (result !== null && typeof result === 'object' && typeof result.then === 'function') {
      result.then(undefined, (err) => {
        reportError(err)
        sendError(res, 500, 'Internal Server Error')
      })
    }
  }

  // The client of request `id` went away before its response ended (Rust's disconnect
  // task, or a write that found the response closed), in Node's order: `req` 'aborted'
  // (its body had not been read to the end), `res` 'close' (destroyed), then `req`
  // 'error' (ECONNRESET, to listeners only) and 'close'.
  function clientGone(id) {
    const res = live.get(id)
    if (res === undefined) return
    live.delete(id)
    const req = res.req
    res.destroyed = true
    // Streams are loaded as soon as anything listens on `req` or reads it.
    const streams = NodeStream !== null
    const ended = req._bodyParsed || (streams && req._readableState.endEmitted)
    const aborted = !ended || !req.complete
    if (aborted && !req.aborted) {
      req.aborted = true
      if (req._eventsCount > 0) req.emit('aborted')
    }
    if (res._eventsCount > 0) res.emit('close')
    if (!streams) return
    if (aborted && !req._readableState.destroyed) {
      req.destroy(connReset())
    } else if (req._eventsCount > 0 && (req._bodyParsed || !req._readableState.closeEmitted)) {
      Promise.resolve().then(() => req.emit('close'))
    }
  }

  // `http.Agent` / `https.Agent`: the options a client passes are kept; apiroutes'
  // client (http_client.js) rides on fetch, which pools its own connections. Here, not in
  // http.js, because `next start` creates both agents before any module loads.
  class Agent extends NoInitEmitter {
    constructor(options) {
      super()
      this.options = { path: null, ...options }
      this.keepAlive = Boolean(this.options.keepAlive)
      this.keepAliveMsecs = this.options.keepAliveMsecs || 1000
      this.maxSockets = this.options.maxSockets || Infinity
      this.maxFreeSockets = this.options.maxFreeSockets || 256
      this.maxTotalSockets = this.options.maxTotalSockets || Infinity
      this.scheduling = this.options.scheduling || 'lifo'
      this.totalSocketCount = 0
      this.sockets = Object.create(null)
      this.freeSockets = Object.create(null)
      this.requests = Object.create(null)
      this.defaultPort = 80
      this.protocol = 'http:'
    }
    getName(options = {}) {
      let name = options.host || 'localhost'
      name += ':'
      if (options.port) name += options.port
      name += ':'
      if (options.localAddress) name += options.localAddress
      if (options.family === 4 || options.family === 6) name += `:${options.family}`
      return name
    }
    destroy() {}
  }
  class HttpsAgent extends Agent {
    constructor(options) {
      super(options)
      this.defaultPort = 443
      this.protocol = 'https:'
      this.maxCachedSessions = this.options.maxCachedSessions === undefined ? 100 : this.options.maxCachedSessions
    }
  }

  // What `next start` puts on globalThis before serving (setHttpClientAndAgentOptions,
  // with Next's default `httpAgentOptions: { keepAlive: true }`); packages such as
  // @whatwg-node/fetch (graphql-yoga) read it to know they run inside Next and use the
  // platform's fetch. Called for `start`/`dev` only, not for `apiroutes run`.
  function installNextServerGlobals() {
    const options = { keepAlive: true }
    globalThis.__NEXT_HTTP_AGENT_OPTIONS = options
    globalThis.__NEXT_HTTP_AGENT = new Agent(options)
    globalThis.__NEXT_HTTPS_AGENT = new HttpsAgent(options)
  }

  const api = { dispatch, clientGone, IncomingMessage, ServerResponse, Agent, HttpsAgent, installNextServerGlobals }
  Object.defineProperty(globalThis, Symbol.for('apiroutes.pages'), { value: api })
  return api
})
