// The App Router surface: a Web `Response` whose body can stream, `NextRequest` /
// `NextResponse` / `NextURL`, Next's request and response cookie jars, the per-request
// store behind `next/headers`, and the two dispatchers Rust calls: one for route handlers
// (`app/**/route.*`, SPEC 11) and one for root middleware / proxy (SPEC 12).
//
// Evaluated once per worker as a function expression; Rust calls it with the same native
// bindings as pages_api.js (`head`, `write`, `end`, `abort`, `readBody`) and keeps
// `dispatchRoute` and `dispatchMiddleware`. The built-in modules `next/server`,
// `next/headers` and `next/navigation` re-export what this file puts on
// `globalThis[Symbol.for('apiroutes.next')]`, so they share one set of classes.
(function appRoute(native) {
  'use strict'

  const LlrtResponse = globalThis.Response
  const LlrtRequest = globalThis.Request
  const HeadersCtor = globalThis.Headers
  const encoder = new TextEncoder()
  const decoder = new TextDecoder()

  // ---------------------------------------------------------------- bodies

  function concatBytes(chunks) {
    let total = 0
    for (const chunk of chunks) total += chunk.byteLength
    const out = new Uint8Array(total)
    let offset = 0
    for (const chunk of chunks) {
      out.set(chunk, offset)
      offset += chunk.byteLength
    }
    return out
  }

  function toBytes(chunk) {
    if (chunk instanceof Uint8Array) return chunk
    if (typeof chunk === 'string') return encoder.encode(chunk)
    if (chunk instanceof ArrayBuffer) return new Uint8Array(chunk)
    if (ArrayBuffer.isView(chunk)) return new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength)
    throw new TypeError('Received non-Uint8Array chunk')
  }

  // A body is one of: nothing, known bytes, a ReadableStream, or an async producer of all
  // its bytes (a Blob, an LLRT fetch response). `chunks()` yields it piece by piece, which
  // is how a streamed Response reaches the client as it is produced.
  class Body {
    constructor(kind, value) {
      this.kind = kind
      this.value = value
      this.used = false
    }
    static empty() {
      return new Body('none', null)
    }
    async *chunks() {
      if (this.used) throw new TypeError('Body is unusable: Body has already been read')
      this.used = true
      yield* sourceChunks(this.kind, this.value)
    }
    async bytes() {
      const parts = []
      for await (const chunk of this.chunks()) parts.push(chunk)
      return parts.length === 1 ? parts[0] : concatBytes(parts)
    }
    // The body as a ReadableStream: one stream for the body's lifetime, as the fetch
    // spec's `body` getter answers (reading `response.body` twice gives the same
    // stream, and `text()` after it reads that stream).
    stream() {
      if (this.kind === 'stream') return this.value
      if (this.kind === 'none') return null
      // Already read through text()/json()/...: the body is a disturbed stream (reading it fails).
      const iterator = this.used ? usedChunks() : sourceChunks(this.kind, this.value)
      const body = this
      this.kind = 'stream'
      this.value = new ReadableStream({
        async pull(controller) {
          body.used = true
          const { value, done } = await iterator.next()
          if (done) controller.close()
          else controller.enqueue(value)
        },
        cancel() {
          return iterator.return(undefined)
        },
      })
      return this.value
    }
  }

  async function* usedChunks() {
    throw new TypeError('Body is unusable: Body has already been read')
  }

  // The chunks of a body's source, by kind (see Body).
  async function* sourceChunks(kind, value) {
    if (kind === 'bytes') {
      if (value.byteLength > 0) yield value
    } else if (kind === 'lazy') {
      const bytes = toBytes(await value())
      if (bytes.byteLength > 0) yield bytes
    } else if (kind === 'stream') {
      const reader = value.getReader()
      let finished = false
      try {
        for (;;) {
          const { value: chunk, done } = await reader.read()
          if (done) break
          if (chunk !== undefined && chunk !== null) yield toBytes(chunk)
        }
        finished = true
      } finally {
        // Stopped early (the client went away): tell the source, so an endless SSE
        // stream's `cancel()` can clear its timers.
        if (!finished) reader.cancel().then(undefined, () => {})
        try {
          reader.releaseLock()
        } catch {
          // the reader may already be released when the stream errored
        }
      }
    } else if (kind === 'native') {
      for (;;) {
        const chunk = await native.readBody(value)
        if (chunk === null || chunk === undefined) break
        if (chunk === false) {
          // Cut short (the connection closed mid-body, a malformed chunk): an error,
          // never a clean end, as Node's request stream reports it.
          const err = new Error('aborted')
          err.code = 'ECONNRESET'
          throw err
        }
        yield chunk
      }
    }
  }

  let boundaryCounter = 0

  // Body and default Content-Type for a BodyInit (fetch spec "extract a body").
  function extractBody(init) {
    if (init === null || init === undefined) return [Body.empty(), null]
    if (typeof init === 'string') return [new Body('bytes', encoder.encode(init)), 'text/plain;charset=UTF-8']
    if (init instanceof ArrayBuffer || ArrayBuffer.isView(init)) return [new Body('bytes', toBytes(init).slice()), null]
    if (init instanceof URLSearchParams) {
      return [new Body('bytes', encoder.encode(init.toString())), 'application/x-www-form-urlencoded;charset=UTF-8']
    }
    if (typeof Blob === 'function' && init instanceof Blob) {
      return [new Body('lazy', () => init.arrayBuffer()), init.type || null]
    }
    if (typeof FormData === 'function' && init instanceof FormData) {
      boundaryCounter += 1
      const boundary = `----apiroutesFormBoundary${Date.now().toString(16)}${boundaryCounter}`
      return [new Body('lazy', () => serializeMultipart(init, boundary)), `multipart/form-data; boundary=${boundary}`]
    }
    if (typeof ReadableStream === 'function' && init instanceof ReadableStream) return [new Body('stream', init), null]
    if (init instanceof Body) return [init, null]
    if (typeof init === 'object' && typeof init[Symbol.asyncIterator] === 'function') {
      // An async iterable of chunks (a Node Readable such as `req`), as undici takes it
      // (ReadableStream.from); @whatwg-node/server passes the pages `req` this way.
      const iterator = init[Symbol.asyncIterator]()
      const stream = new ReadableStream({
        async pull(controller) {
          const { value, done } = await iterator.next()
          if (done) controller.close()
          else controller.enqueue(toBytes(value))
        },
        async cancel(reason) {
          if (typeof iterator.return === 'function') await iterator.return(reason)
        },
      })
      return [new Body('stream', stream), null]
    }
    return [new Body('bytes', encoder.encode(String(init))), 'text/plain;charset=UTF-8']
  }

  async function serializeMultipart(form, boundary) {
    const parts = []
    const escape = (name) => String(name).replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
    for (const [name, value] of form.entries()) {
      if (typeof value === 'string') {
        parts.push(encoder.encode(`--${boundary}\r\nContent-Disposition: form-data; name="${escape(name)}"\r\n\r\n${value}\r\n`))
      } else {
        const filename = value.name === undefined ? 'blob' : value.name
        parts.push(
          encoder.encode(
            `--${boundary}\r\nContent-Disposition: form-data; name="${escape(name)}"; filename="${escape(filename)}"\r\n` +
              `Content-Type: ${value.type || 'application/octet-stream'}\r\n\r\n`
          )
        )
        parts.push(new Uint8Array(await value.arrayBuffer()))
        parts.push(encoder.encode('\r\n'))
      }
    }
    parts.push(encoder.encode(`--${boundary}--\r\n`))
    return concatBytes(parts)
  }

  function indexOfBytes(haystack, needle, from) {
    outer: for (let i = from; i <= haystack.length - needle.length; i++) {
      for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer
      return i
    }
    return -1
  }

  function parseMultipart(bytes, boundary) {
    const form = new FormData()
    const delimiter = encoder.encode(`--${boundary}`)
    let position = indexOfBytes(bytes, delimiter, 0)
    if (position < 0) throw new TypeError('Failed to parse body as FormData.')
    for (;;) {
      position += delimiter.length
      if (bytes[position] === 45 && bytes[position + 1] === 45) break // `--`: the last part
      if (bytes[position] === 13) position += 2
      const next = indexOfBytes(bytes, delimiter, position)
      if (next < 0) throw new TypeError('Failed to parse body as FormData.')
      const part = bytes.subarray(position, next - 2) // without the CRLF before the delimiter
      const split = indexOfBytes(part, encoder.encode('\r\n\r\n'), 0)
      if (split < 0) throw new TypeError('Failed to parse body as FormData.')
      const head = decoder.decode(part.subarray(0, split))
      const content = part.subarray(split + 4)
      const disposition = /content-disposition:[^\r\n]*/i.exec(head)
      const name = disposition && /;\s*name="([^"]*)"/i.exec(disposition[0])
      const filename = disposition && /;\s*filename="([^"]*)"/i.exec(disposition[0])
      const type = /content-type:\s*([^\r\n]*)/i.exec(head)
      if (name) {
        if (filename) {
          form.append(name[1], new File([content.slice()], filename[1], { type: type ? type[1].trim() : 'application/octet-stream' }))
        } else {
          form.append(name[1], decoder.decode(content))
        }
      }
      position = next
    }
    return form
  }

  function mediaType(contentType) {
    return String(contentType || '').split(';')[0].trim().toLowerCase()
  }

  async function bodyToFormData(bytes, contentType) {
    const type = mediaType(contentType)
    if (type === 'application/x-www-form-urlencoded') {
      const form = new FormData()
      for (const [key, value] of new URLSearchParams(decoder.decode(bytes))) form.append(key, value)
      return form
    }
    if (type === 'multipart/form-data') {
      const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(String(contentType))
      if (!boundary) throw new TypeError('Failed to parse body as FormData.')
      return parseMultipart(bytes, (boundary[1] || boundary[2]).trim())
    }
    throw new TypeError('Failed to parse body as FormData.')
  }

  // The body-reading methods shared by Response and NextRequest.
  const bodyMethods = {
    async arrayBuffer() {
      const bytes = await this._body.bytes()
      return bytes.buffer.byteLength === bytes.byteLength ? bytes.buffer : bytes.slice().buffer
    },
    async bytes() {
      return this._body.bytes()
    },
    async text() {
      return decoder.decode(await this._body.bytes())
    },
    async json() {
      return JSON.parse(decoder.decode(await this._body.bytes()))
    },
    async blob() {
      const bytes = await this._body.bytes()
      return new Blob([bytes], { type: this.headers.get('content-type') || '' })
    },
    async formData() {
      return bodyToFormData(await this._body.bytes(), this.headers.get('content-type'))
    },
  }

  // ---------------------------------------------------------------- Response

  const REASONS = {
    200: 'OK', 201: 'Created', 202: 'Accepted', 204: 'No Content', 301: 'Moved Permanently',
    302: 'Found', 303: 'See Other', 304: 'Not Modified', 307: 'Temporary Redirect',
    308: 'Permanent Redirect', 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden',
    404: 'Not Found', 405: 'Method Not Allowed', 409: 'Conflict', 418: "I'm a Teapot",
    422: 'Unprocessable Entity', 429: 'Too Many Requests', 500: 'Internal Server Error',
    502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout',
  }
  const NULL_BODY_STATUS = new Set([101, 103, 204, 205, 304])
  const REDIRECT_STATUS = new Set([301, 302, 303, 307, 308])

  // LLRT's Response cannot carry a ReadableStream body, and its Response.json adds a
  // charset Next does not send; this one follows the fetch spec closely enough for
  // route handlers and middleware, and streams.
  class Response {
    constructor(body, init) {
      init = init || {}
      const status = init.status === undefined ? 200 : Number(init.status)
      if (!Number.isInteger(status) || status < 200 || status > 599) {
        throw new RangeError(`init["status"] must be in the range of 200 to 599, inclusive.`)
      }
      const [extracted, contentType] = extractBody(body)
      if (extracted.kind !== 'none' && NULL_BODY_STATUS.has(status)) {
        throw new TypeError('Response constructor: Invalid response status code ' + status)
      }
      this._body = extracted
      this.status = status
      this.statusText = init.statusText === undefined ? '' : String(init.statusText)
      this.headers = new HeadersCtor(init.headers || undefined)
      if (contentType !== null && !this.headers.has('content-type')) this.headers.set('content-type', contentType)
      this.type = 'default'
      this.url = ''
      this.redirected = false
    }
    get ok() {
      return this.status >= 200 && this.status <= 299
    }
    get body() {
      return this._body.stream()
    }
    get bodyUsed() {
      return this._body.used
    }
    clone() {
      if (this._body.used) throw new TypeError('Response.clone: Body has already been consumed.')
      const copy = Object.create(Object.getPrototypeOf(this))
      Object.assign(copy, this)
      copy.headers = new HeadersCtor(this.headers)
      if (this._body.kind === 'stream') {
        const [a, b] = this._body.value.tee()
        this._body = new Body('stream', a)
        copy._body = new Body('stream', b)
      } else {
        copy._body = new Body(this._body.kind, this._body.value)
      }
      if (copy._cookies) copy._cookies = undefined
      return copy
    }
    static json(data, init) {
      const text = JSON.stringify(data)
      if (text === undefined) throw new TypeError('Value is not JSON serializable')
      init = init || {}
      const headers = new HeadersCtor(init.headers || undefined)
      if (!headers.has('content-type')) headers.set('content-type', 'application/json')
      return new this(text, { ...init, headers })
    }
    static redirect(url, status) {
      status = status === undefined ? 302 : status
      if (!REDIRECT_STATUS.has(status)) throw new RangeError('Invalid status code ' + status)
      return new this(null, { status, headers: { location: String(new URL(String(url))) } })
    }
    static error() {
      const response = new this(null, { status: 200 })
      response.status = 0
      response.type = 'error'
      return response
    }
    static [Symbol.hasInstance](value) {
      if (Function.prototype[Symbol.hasInstance].call(this, value)) return true
      // fetch() still answers with LLRT's own Response objects.
      return this === Response && typeof LlrtResponse === 'function' && value instanceof LlrtResponse
    }
    get [Symbol.toStringTag]() {
      return 'Response'
    }
  }
  Object.assign(Response.prototype, bodyMethods)
  globalThis.Response = Response

  // An LLRT fetch() response as one of ours (its body is read whole when first needed).
  function adoptResponse(value) {
    if (typeof LlrtResponse === 'function' && value instanceof LlrtResponse) {
      const adopted = new Response(null, { status: value.status === 0 ? 200 : value.status, headers: value.headers })
      adopted._body = new Body('lazy', () => value.arrayBuffer())
      return adopted
    }
    return value
  }

  // `fetch` as Node's (undici) answers: a Response of ours (so `response.body` is a
  // ReadableStream and `instanceof Response` holds), and network failures rejected as
  // `TypeError: fetch failed` whose `cause` carries the system error (`code`, `syscall`,
  // `address`, `port`). An abort rejects with the signal's reason, as in Node.
  const llrtFetch = globalThis.fetch
  const SYSTEM_ERRORS = [
    [/connection refused/i, 'ECONNREFUSED', 'connect'],
    [/connection reset/i, 'ECONNRESET', 'read'],
    [/timed out/i, 'ETIMEDOUT', 'connect'],
    [/dns error|failed to lookup|name or service not known|no address/i, 'ENOTFOUND', 'getaddrinfo'],
    [/unreachable/i, 'EHOSTUNREACH', 'connect'],
    [/certificate|tls|handshake/i, 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'tls'],
  ]
  const connectError = globalThis[Symbol.for('apiroutes.connectError')]
  async function fetchCause(error, url) {
    const message = String((error && error.message) || error)
    if (/^Invalid port in URL/.test(message)) return new Error('bad port')
    const cause = new Error(message)
    let host = ''
    let port = ''
    try {
      const parsed = new URL(url)
      host = parsed.hostname
      port = parsed.port || (parsed.protocol === 'https:' ? '443' : '80')
    } catch {}
    let found = null
    if (/\(Connect\)/.test(message) && host && typeof connectError === 'function') {
      const probed = await connectError(host, Number(port))
      if (probed) found = probed
    }
    if (found === null) {
      for (const [pattern, code, syscall] of SYSTEM_ERRORS) {
        if (pattern.test(message)) {
          found = [code, syscall]
          break
        }
      }
    }
    if (found !== null) {
      const [code, syscall] = found
      cause.code = code
      cause.syscall = syscall
      if (syscall === 'getaddrinfo') {
        cause.hostname = host
        cause.message = `getaddrinfo ${code} ${host}`
      } else {
        cause.address = host
        cause.port = Number(port)
        cause.message = `${syscall} ${code} ${host}:${port}`
      }
    }
    return cause
  }
  function isAbort(error, init) {
    const signal = init && init.signal
    if (signal && signal.aborted && error === signal.reason) return true
    return error && (error.name === 'AbortError' || error.name === 'TimeoutError')
  }
  if (typeof llrtFetch === 'function') {
    const fetch = async function fetch(input, init) {
      const url = typeof input === 'string' ? input : input && (input.href || input.url)
      if (typeof input === 'string' || input instanceof URL) {
        try {
          new URL(String(input))
        } catch (error) {
          throw new TypeError(`Failed to parse URL from ${input}`, { cause: error })
        }
      }
      if (init && init.signal && init.signal.aborted) throw init.signal.reason
      if (input instanceof Request) {
        // The body lives in our Request, not in LLRT's: hand it over as bytes.
        const bodyInit = input._body.kind === 'none' ? undefined : await input._body.bytes()
        init = { method: input.method, headers: input.headers, signal: input.signal, body: bodyInit, ...(init || {}) }
        input = input.url
      }
      if (init && init.body !== undefined && init.body !== null && typeof init.body === 'object' && !ArrayBuffer.isView(init.body) && !(init.body instanceof ArrayBuffer) && !(init.body instanceof URLSearchParams)) {
        // ReadableStream, Blob, FormData: LLRT's fetch takes strings and bytes only.
        const [extracted, contentType] = extractBody(init.body)
        const headers = new HeadersCtor(init.headers || undefined)
        if (contentType && !headers.has('content-type')) headers.set('content-type', contentType)
        init = { ...init, headers, body: extracted.kind === 'none' ? undefined : await extracted.bytes() }
      }
      let response
      try {
        response = await llrtFetch(input instanceof URL ? input.href : input, init)
      } catch (error) {
        if (isAbort(error, init)) throw error
        if (error instanceof TypeError && /^(Invalid|Unsupported) scheme/.test(error.message)) {
          throw new TypeError('fetch failed', { cause: new Error('unknown scheme') })
        }
        throw new TypeError('fetch failed', { cause: await fetchCause(error, url) })
      }
      const adopted = new Response(null, {
        status: response.status === 0 ? 200 : response.status,
        statusText: response.statusText,
        headers: response.headers,
      })
      adopted._body = NULL_BODY_STATUS.has(response.status) ? Body.empty() : new Body('lazy', () => response.arrayBuffer())
      adopted.url = response.url || url || ''
      adopted.redirected = Boolean(response.redirected)
      adopted.type = 'basic'
      return adopted
    }
    Object.defineProperty(globalThis, 'fetch', { value: fetch, writable: true, configurable: true, enumerable: true })
  }

  // ---------------------------------------------------------------- cookies

  function parseCookieHeader(header) {
    const map = new Map()
    for (const pair of String(header || '').split(/; */)) {
      if (!pair) continue
      const split = pair.indexOf('=')
      if (split === -1) {
        map.set(pair, 'true')
        continue
      }
      const key = pair.slice(0, split)
      const value = pair.slice(split + 1)
      try {
        map.set(key, decodeURIComponent(value))
      } catch {
        // a malformed escape skips the pair, as @edge-runtime/cookies does
      }
    }
    return map
  }

  // @edge-runtime/cookies `stringifyCookie`, attribute for attribute.
  function stringifyCookie(c) {
    const attrs = [
      c.path ? `Path=${c.path}` : '',
      c.expires || c.expires === 0
        ? `Expires=${(typeof c.expires === 'number' ? new Date(c.expires) : c.expires).toUTCString()}`
        : '',
      typeof c.maxAge === 'number' ? `Max-Age=${c.maxAge}` : '',
      c.domain ? `Domain=${c.domain}` : '',
      c.secure ? 'Secure' : '',
      c.httpOnly ? 'HttpOnly' : '',
      c.sameSite ? `SameSite=${c.sameSite}` : '',
      c.partitioned ? 'Partitioned' : '',
      c.priority ? `Priority=${c.priority}` : '',
    ].filter(Boolean)
    const text = `${c.name}=${encodeURIComponent(c.value === undefined || c.value === null ? '' : c.value)}`
    return attrs.length === 0 ? text : `${text}; ${attrs.join('; ')}`
  }

  function normalizeCookie(cookie) {
    if (typeof cookie.expires === 'number') cookie.expires = new Date(cookie.expires)
    if (cookie.maxAge) cookie.expires = new Date(Date.now() + cookie.maxAge * 1000)
    if (cookie.path === null || cookie.path === undefined) cookie.path = '/'
    return cookie
  }

  function cookieArgs(args) {
    if (args.length === 1 && args[0] !== null && typeof args[0] === 'object') return args[0]
    return { ...(args[2] || {}), name: args[0], value: args[1] }
  }

  // `request.cookies`: a view of the Cookie request header.
  class RequestCookies {
    constructor(headers) {
      this._headers = headers
      this._parsed = parseCookieHeader(headers.get('cookie'))
    }
    get size() {
      return this._parsed.size
    }
    get(...args) {
      const name = typeof args[0] === 'string' ? args[0] : args[0].name
      return this._parsed.has(name) ? { name, value: this._parsed.get(name) } : undefined
    }
    getAll(...args) {
      const all = [...this._parsed].map(([name, value]) => ({ name, value }))
      if (args.length === 0) return all
      const name = typeof args[0] === 'string' ? args[0] : args[0].name
      return all.filter((cookie) => cookie.name === name)
    }
    has(name) {
      return this._parsed.has(name)
    }
    set(...args) {
      const { name, value } = cookieArgs(args)
      this._parsed.set(name, value)
      this._write()
      return this
    }
    delete(names) {
      const list = Array.isArray(names) ? names : [names]
      const result = list.map((name) => this._parsed.delete(name))
      this._write()
      return Array.isArray(names) ? result : result[0]
    }
    clear() {
      this._parsed.clear()
      this._write()
      return this
    }
    _write() {
      const text = [...this._parsed].map(([name, value]) => `${name}=${encodeURIComponent(value)}`).join('; ')
      if (text) this._headers.set('cookie', text)
      else this._headers.delete('cookie')
    }
    [Symbol.iterator]() {
      return [...this._parsed].map(([name, value]) => [name, { name, value }])[Symbol.iterator]()
    }
    toString() {
      return [...this._parsed].map(([name, value]) => `${name}=${encodeURIComponent(value)}`).join('; ')
    }
  }

  function cookieNameOf(setCookie) {
    const split = setCookie.indexOf('=')
    return split === -1 ? setCookie.trim() : setCookie.slice(0, split).trim()
  }

  function parseSetCookie(text) {
    const [pair, ...attributes] = text.split(/; */)
    const split = pair.indexOf('=')
    const cookie = { name: split === -1 ? pair : pair.slice(0, split), value: '' }
    try {
      cookie.value = decodeURIComponent(split === -1 ? '' : pair.slice(split + 1))
    } catch {
      cookie.value = split === -1 ? '' : pair.slice(split + 1)
    }
    for (const attribute of attributes) {
      const at = attribute.indexOf('=')
      const key = (at === -1 ? attribute : attribute.slice(0, at)).toLowerCase()
      const value = at === -1 ? true : attribute.slice(at + 1)
      if (key === 'path') cookie.path = value
      else if (key === 'domain') cookie.domain = value
      else if (key === 'max-age') cookie.maxAge = Number(value)
      else if (key === 'expires') cookie.expires = new Date(value)
      else if (key === 'httponly') cookie.httpOnly = true
      else if (key === 'secure') cookie.secure = true
      else if (key === 'samesite') cookie.sameSite = String(value).toLowerCase()
      else if (key === 'partitioned') cookie.partitioned = true
      else if (key === 'priority') cookie.priority = String(value).toLowerCase()
    }
    return cookie
  }

  // `response.cookies` / the mutable `cookies()` of a route handler: every change
  // rewrites the Set-Cookie headers from the jar, one header per cookie name.
  class ResponseCookies {
    constructor(headers) {
      this._headers = headers
      this._parsed = new Map()
      const existing = typeof headers.getSetCookie === 'function' ? headers.getSetCookie() : []
      for (const text of existing) this._parsed.set(cookieNameOf(text), { raw: text })
    }
    get(...args) {
      const name = typeof args[0] === 'string' ? args[0] : args[0].name
      const entry = this._parsed.get(name)
      return entry === undefined ? undefined : entry.raw !== undefined ? parseSetCookie(entry.raw) : entry
    }
    getAll(...args) {
      const all = [...this._parsed.values()].map((entry) => (entry.raw !== undefined ? parseSetCookie(entry.raw) : entry))
      if (args.length === 0) return all
      const name = typeof args[0] === 'string' ? args[0] : args[0].name
      return all.filter((cookie) => cookie.name === name)
    }
    has(name) {
      return this._parsed.has(name)
    }
    set(...args) {
      const cookie = normalizeCookie({ ...cookieArgs(args) })
      this._parsed.set(cookie.name, cookie)
      this._write()
      return this
    }
    delete(...args) {
      const options = typeof args[0] === 'string' ? { name: args[0] } : args[0]
      return this.set({ ...options, value: '', expires: new Date(0) })
    }
    _write() {
      this._headers.delete('set-cookie')
      for (const entry of this._parsed.values()) {
        this._headers.append('set-cookie', entry.raw !== undefined ? entry.raw : stringifyCookie(entry))
      }
    }
    toString() {
      return [...this._parsed.values()].map((entry) => (entry.raw !== undefined ? entry.raw : stringifyCookie(entry))).join('; ')
    }
  }

  // ---------------------------------------------------------------- NextURL

  // `request.nextUrl`: a URL whose `search` is re-serialised from its searchParams, as
  // Next's NextURL prints it (`%20` → `+`, `%zz` → `%25zz`).
  class NextURL {
    constructor(input, base) {
      this._url = base === undefined ? new URL(String(input)) : new URL(String(input), String(base))
      this.basePath = ''
      this.buildId = undefined
      this.locale = ''
      this.defaultLocale = undefined
      this.domainLocale = undefined
    }
    get searchParams() {
      return this._url.searchParams
    }
    get search() {
      const text = this._url.searchParams.toString()
      return text ? `?${text}` : ''
    }
    set search(value) {
      this._url.search = value
    }
    get href() {
      const path = this.basePath
        ? this.basePath + (this._url.pathname === '/' ? '' : this._url.pathname)
        : this._url.pathname
      return `${this._url.protocol}//${this._url.host}${path}${this.search}${this._url.hash}`
    }
    // next.config `basePath` (NextURL's getNextPathnameInfo): taken off `pathname`,
    // kept in `href`. The server exports it as Next inlines it.
    _stripBasePath(basePath) {
      const pathname = this._url.pathname
      if (!basePath || (pathname !== basePath && !pathname.startsWith(basePath + '/'))) return
      this.basePath = basePath
      this._url.pathname = pathname.slice(basePath.length) || '/'
    }
    set href(value) {
      this._url = new URL(String(value))
    }
    get origin() {
      return this._url.origin
    }
    get protocol() {
      return this._url.protocol
    }
    set protocol(value) {
      this._url.protocol = value
    }
    get host() {
      return this._url.host
    }
    set host(value) {
      this._url.host = value
    }
    get hostname() {
      return this._url.hostname
    }
    set hostname(value) {
      this._url.hostname = value
    }
    get port() {
      return this._url.port
    }
    set port(value) {
      this._url.port = value
    }
    get pathname() {
      return this._url.pathname
    }
    set pathname(value) {
      this._url.pathname = value
    }
    get hash() {
      return this._url.hash
    }
    set hash(value) {
      this._url.hash = value
    }
    get username() {
      return this._url.username
    }
    get password() {
      return this._url.password
    }
    clone() {
      const copy = new NextURL(this.href)
      copy._stripBasePath(this.basePath)
      return copy
    }
    toString() {
      return this.href
    }
    toJSON() {
      return this.href
    }
  }

  function urlText(value) {
    return value instanceof NextURL ? value.href : String(value)
  }

  // ---------------------------------------------------------------- Request

  // The global Web Request: LLRT's for URL, method, headers and signal, with the body
  // held here, so that any BodyInit works as in Node (a ReadableStream with
  // `duplex: 'half'`, as graphql-yoga and tRPC build them; a Blob; FormData) and
  // `body`/`bodyUsed`/`text()`/`json()`... read it. The body of a request the server
  // dispatched is read from the socket on demand (never buffered or size-limited by us).
  class Request extends LlrtRequest {
    constructor(input, init) {
      init = init || {}
      const url = input instanceof LlrtRequest ? input.url : urlText(input)
      const nativeId = init[NATIVE_BODY]
      const plain = { ...init }
      delete plain[NATIVE_BODY]
      if (input instanceof LlrtRequest && plain.headers === undefined) plain.headers = input.headers
      if (input instanceof LlrtRequest && plain.method === undefined) plain.method = input.method
      if (input instanceof LlrtRequest && plain.signal === undefined) plain.signal = input.signal
      const method = String(plain.method || 'GET').toUpperCase()
      let body = null
      if (nativeId !== undefined) {
        delete plain.body
        body = new Body('native', nativeId)
      } else if (input instanceof Request && plain.body === undefined) {
        body = input._body
      } else if (plain.body !== undefined && plain.body !== null) {
        if (method === 'GET' || method === 'HEAD') {
          throw new TypeError("Failed to construct 'Request': Request with GET/HEAD method cannot have body.")
        }
        const [extracted, contentType] = extractBody(plain.body)
        body = extracted
        delete plain.body
        const headers = new HeadersCtor(plain.headers || undefined)
        if (contentType && !headers.has('content-type')) headers.set('content-type', contentType)
        plain.headers = headers
      }
      super(url, plain)
      this._body = body || Body.empty()
    }
    get body() {
      return this._body.stream()
    }
    get bodyUsed() {
      return this._body.used
    }
    clone() {
      const Ctor = this instanceof NextRequest ? NextRequest : Request
      const copy = new Ctor(this.url, { method: this.method, headers: new HeadersCtor(this.headers), signal: this.signal })
      if (this._body.kind === 'native') {
        // Both copies read the same socket: tee it through a stream.
        const [a, b] = this._body.stream().tee()
        this._body = new Body('stream', a)
        copy._body = new Body('stream', b)
      } else if (this._body.kind === 'stream') {
        const [a, b] = this._body.value.tee()
        this._body = new Body('stream', a)
        copy._body = new Body('stream', b)
      } else {
        copy._body = new Body(this._body.kind, this._body.value)
      }
      return copy
    }
    get [Symbol.toStringTag]() {
      return 'Request'
    }
  }
  Object.assign(Request.prototype, bodyMethods)
  globalThis.Request = Request

  // ---------------------------------------------------------------- NextRequest

  // A Web Request with Next's additions.
  class NextRequest extends Request {
    constructor(input, init) {
      super(input, init)
      this._nextUrl = new NextURL(this.url)
      this._nextUrl._stripBasePath(process.env.__NEXT_ROUTER_BASEPATH)
      this._cookies = undefined
    }
    get nextUrl() {
      return this._nextUrl
    }
    get cookies() {
      if (this._cookies === undefined) this._cookies = new RequestCookies(this.headers)
      return this._cookies
    }
    get geo() {
      return {}
    }
    get ip() {
      return undefined
    }
    get page() {
      return undefined
    }
    get ua() {
      return undefined
    }
    get [Symbol.toStringTag]() {
      return 'NextRequest'
    }
  }
  const NATIVE_BODY = Symbol('apiroutes.nativeBody')

  // ---------------------------------------------------------------- NextResponse

  function handleMiddlewareField(init, headers) {
    const requestHeaders = init && init.request && init.request.headers
    if (!requestHeaders) return
    if (!(requestHeaders instanceof HeadersCtor)) throw new Error('request.headers must be an instance of Headers')
    const keys = []
    for (const [key, value] of requestHeaders) {
      headers.set('x-middleware-request-' + key, value)
      keys.push(key)
    }
    headers.set('x-middleware-override-headers', keys.join(','))
  }

  class NextResponse extends Response {
    constructor(body, init) {
      super(body, init)
      this._cookies = undefined
    }
    get cookies() {
      if (this._cookies === undefined) this._cookies = new ResponseCookies(this.headers)
      return this._cookies
    }
    static redirect(url, init) {
      const status = typeof init === 'number' ? init : (init && init.status) || 307
      if (!REDIRECT_STATUS.has(status)) {
        throw new RangeError('Failed to execute "redirect" on "response": Invalid status code')
      }
      const options = typeof init === 'object' && init !== null ? init : {}
      const headers = new HeadersCtor(options.headers || undefined)
      headers.set('Location', String(new URL(urlText(url))))
      return new NextResponse(null, { ...options, headers, status })
    }
    static rewrite(destination, init) {
      const headers = new HeadersCtor((init && init.headers) || undefined)
      headers.set('x-middleware-rewrite', String(new URL(urlText(destination))))
      handleMiddlewareField(init, headers)
      return new NextResponse(null, { ...(init || {}), headers })
    }
    static next(init) {
      const headers = new HeadersCtor((init && init.headers) || undefined)
      headers.set('x-middleware-next', '1')
      handleMiddlewareField(init, headers)
      return new NextResponse(null, { ...(init || {}), headers })
    }
    get [Symbol.toStringTag]() {
      return 'NextResponse'
    }
  }

  function userAgent(request) {
    const ua = (request && request.headers && request.headers.get('user-agent')) || ''
    return {
      ua,
      isBot: /bot|crawler|spider|crawling|slurp|facebookexternalhit|preview/i.test(ua),
      browser: {},
      device: {},
      engine: {},
      os: {},
      cpu: {},
    }
  }

  // ---------------------------------------------------------------- request store

  // Which request `cookies()` / `headers()` / `draftMode()` / `after()` belong to: the
  // store rides in the engine's async context (src/async_context.rs, the same slot
  // AsyncLocalStorage uses), under a key of its own. A handler's call runs with the store
  // in the context; every promise reaction, await continuation, microtask and timer
  // created from there carries it, so the store is found after any number of awaits,
  // with any number of requests in flight on the worker.
  const asyncContext = globalThis[Symbol.for('apiroutes.asyncContext')]
  const STORE_KEY = {}

  function findStore() {
    const context = asyncContext.get()
    if (context === undefined) return null
    const store = context.get(STORE_KEY)
    return store === undefined ? null : store
  }

  function activeStore(what) {
    const store = findStore()
    if (store !== null) return store
    throw new Error(
      `\`${what}\` was called outside a request scope. Read more: https://nextjs.org/docs/messages/next-dynamic-api-wrong-context`
    )
  }

  // Runs `run` with `store` added to the current context (contexts are immutable maps).
  function withStore(store, run) {
    const previous = asyncContext.get()
    const next = previous === undefined ? new Map() : new Map(previous)
    next.set(STORE_KEY, store)
    asyncContext.set(next)
    try {
      return run()
    } finally {
      asyncContext.set(previous)
    }
  }

  // Next 16: `cookies()`, `headers()` and `draftMode()` return a plain Promise (the
  // synchronous access Next 15 still allowed, with a warning, is gone).
  function thenable(value) {
    return Promise.resolve(value)
  }

  function cookies() {
    const store = activeStore('cookies')
    if (store.cookieJar === undefined) {
      const requestCookies = store.request.cookies
      const responseCookies = store.responseCookies
      // Route handlers and middleware may set cookies: they go out as Set-Cookie.
      store.cookieJar = {
        get: (...args) => requestCookies.get(...args),
        getAll: (...args) => requestCookies.getAll(...args),
        has: (name) => requestCookies.has(name),
        get size() {
          return requestCookies.size
        },
        set(...args) {
          const cookie = cookieArgs(args)
          responseCookies.set(...args)
          requestCookies.set(cookie.name, cookie.value)
          return this
        },
        delete(...args) {
          const name = typeof args[0] === 'string' ? args[0] : args[0].name
          responseCookies.delete(...args)
          requestCookies.delete(name)
          return this
        },
        toString: () => requestCookies.toString(),
        [Symbol.iterator]: () => requestCookies[Symbol.iterator](),
      }
    }
    return thenable(store.cookieJar)
  }

  function headers() {
    const store = activeStore('headers')
    if (store.readonlyHeaders === undefined) {
      const copy = new HeadersCtor(store.request.headers)
      const refuse = () => {
        throw new Error('Headers cannot be modified. Read more: https://nextjs.org/docs/app/api-reference/functions/headers')
      }
      copy.set = refuse
      copy.append = refuse
      copy.delete = refuse
      store.readonlyHeaders = copy
    }
    return thenable(store.readonlyHeaders)
  }

  function after(task) {
    const store = findStore()
    const run = () => {
      try {
        const result = typeof task === 'function' ? task() : task
        if (result && typeof result.then === 'function') result.then(undefined, reportError)
      } catch (err) {
        reportError(err)
      }
    }
    if (store === null) setTimeout(run, 0)
    else store.afterTasks.push(run)
  }

  function draftMode() {
    activeStore('draftMode')
    return thenable({ isEnabled: false, enable() {}, disable() {} })
  }

  function connection() {
    return Promise.resolve()
  }

  // ---------------------------------------------------------------- navigation errors

  function navigationError(digest, message) {
    const error = new Error(message)
    error.digest = digest
    return error
  }

  function redirect(url, type) {
    throw navigationError(`NEXT_REDIRECT;${type || 'replace'};${url};307;`, 'NEXT_REDIRECT')
  }
  function permanentRedirect(url, type) {
    throw navigationError(`NEXT_REDIRECT;${type || 'replace'};${url};308;`, 'NEXT_REDIRECT')
  }
  function notFound() {
    throw navigationError('NEXT_HTTP_ERROR_FALLBACK;404', 'NEXT_HTTP_ERROR_FALLBACK;404')
  }
  function forbidden() {
    throw navigationError('NEXT_HTTP_ERROR_FALLBACK;403', 'NEXT_HTTP_ERROR_FALLBACK;403')
  }
  function unauthorized() {
    throw navigationError('NEXT_HTTP_ERROR_FALLBACK;401', 'NEXT_HTTP_ERROR_FALLBACK;401')
  }

  // `{ status, location }` for a redirect()/notFound() error, or null.
  function navigationOutcome(err) {
    const digest = err && typeof err === 'object' && typeof err.digest === 'string' ? err.digest : ''
    if (digest.startsWith('NEXT_REDIRECT;')) {
      const parts = digest.split(';')
      const status = Number(parts[parts.length - 2])
      const location = parts.slice(2, -2).join(';')
      return { status: status === 308 ? 308 : 307, location }
    }
    if (digest.startsWith('NEXT_HTTP_ERROR_FALLBACK;')) {
      return { status: Number(digest.split(';')[1]) || 404, location: null }
    }
    return null
  }

  // ---------------------------------------------------------------- dispatch

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

  function flatHeaders(headers) {
    const flat = []
    for (const [name, value] of headers) flat.push(name, value)
    return flat
  }

  function buildRequestHeaders(raw) {
    const headers = new HeadersCtor()
    for (let i = 0; i < raw.length; i += 2) {
      try {
        headers.append(raw[i], raw[i + 1])
      } catch {
        // a value the Headers class refuses is dropped rather than failing the request
      }
    }
    return headers
  }

  // Requests in flight by slot id: the AbortController behind `request.signal` and,
  // while a streamed body is being sent, its reader (see clientGone).
  const live = new Map()

  function track(id) {
    const entry = { controller: new AbortController(), reader: null }
    live.set(id, entry)
    return entry
  }

  // The client of request `id` went away: `request.signal` aborts with the AbortError
  // Node's fetch gives, and a streamed response body is cancelled (its source's
  // `cancel()` runs, so an SSE stream can clear its timers).
  function clientGone(id) {
    const entry = live.get(id)
    if (entry === undefined) return
    live.delete(id)
    const reason = new DOMException('This operation was aborted', 'AbortError')
    if (!entry.controller.signal.aborted) entry.controller.abort(reason)
    if (entry.reader !== null) entry.reader.cancel(reason).then(undefined, () => {})
  }

  // Head first, then the body chunk by chunk as the Response produces it.
  async function sendResponse(id, response, extraHeaders, skipBody) {
    const flat = flatHeaders(response.headers)
    for (let i = 0; i < extraHeaders.length; i++) flat.push(extraHeaders[i])
    native.head(id, response.status, undefined, flat, false)
    if (skipBody) {
      native.end(id)
      return
    }
    const body = response._body
    try {
      if (body.kind === 'stream') {
        await sendStream(id, body)
      } else {
        for await (const chunk of body.chunks()) {
          if (!native.isOpen(id)) return clientGone(id)
          if (chunk.byteLength > 0) native.write(id, chunk)
        }
      }
      native.end(id)
    } catch (err) {
      reportError(err)
      native.abort(id)
    }
  }

  // A ReadableStream body, read here so that a client going away can cancel the read
  // that is waiting (an endless SSE stream may never produce another chunk).
  async function sendStream(id, body) {
    if (body.used) throw new TypeError('Body is unusable: Body has already been read')
    body.used = true
    const reader = body.value.getReader()
    const entry = live.get(id)
    if (entry !== undefined) entry.reader = reader
    try {
      for (;;) {
        const { value, done } = await reader.read()
        if (done) return
        if (!native.isOpen(id)) {
          // The client left before we were told: abort the signal, cancel the stream.
          clientGone(id)
          return
        }
        if (value === undefined || value === null) continue
        const chunk = toBytes(value)
        if (chunk.byteLength > 0) native.write(id, chunk)
      }
    } finally {
      if (entry !== undefined) entry.reader = null
      try {
        reader.releaseLock()
      } catch {
        // a cancelled or errored stream may already be released
      }
    }
  }

  function sendEmpty(id, status, flat) {
    native.head(id, status, undefined, flat || [], false)
    native.end(id)
  }

  function setCookieHeaders(store) {
    const flat = []
    if (store.responseHeaders !== undefined) {
      for (const value of store.responseHeaders.getSetCookie()) flat.push('set-cookie', value)
    }
    return flat
  }

  function newStore(request) {
    const store = { request, cookieJar: undefined, readonlyHeaders: undefined, afterTasks: [], responseHeaders: undefined }
    Object.defineProperty(store, 'responseCookies', {
      get() {
        if (store.responseHeaders === undefined) store.responseHeaders = new HeadersCtor()
        if (store._responseCookies === undefined) store._responseCookies = new ResponseCookies(store.responseHeaders)
        return store._responseCookies
      },
    })
    return store
  }

  // after() tasks run once the response is sent, still inside the request's scope (Next
  // lets them read cookies() and headers()).
  function finishStore(store) {
    for (const task of store.afterTasks) withStore(store, () => Promise.resolve().then(task))
  }

  const ROUTE_METHODS = ['GET', 'HEAD', 'OPTIONS', 'POST', 'PUT', 'DELETE', 'PATCH', 'PROPFIND', 'PROPPATCH', 'REPORT', 'MKCOL']

  function paramsObject(flat) {
    const params = {}
    for (let i = 0; i < flat.length; i += 2) {
      const value = flat[i + 1]
      // An optional catch-all at its root has no key at all.
      if (Array.isArray(value) && value.length === 0) continue
      params[flat[i]] = value
    }
    return params
  }

  // Runs one route handler (SPEC 11): method selection, the call, the Response.
  async function dispatchRoute(mod, id, method, url, rawHeaders, params, isDynamic) {
    if (!ROUTE_METHODS.includes(method)) return sendEmpty(id, 400)
    let handler = typeof mod[method] === 'function' ? mod[method] : undefined
    if (handler === undefined && method === 'HEAD' && typeof mod.GET === 'function') handler = mod.GET
    if (handler === undefined && method === 'OPTIONS') {
      const allow = ROUTE_METHODS.filter((name) => typeof mod[name] === 'function')
      if (!allow.includes('OPTIONS')) allow.push('OPTIONS')
      if (allow.includes('GET') && !allow.includes('HEAD')) allow.push('HEAD')
      return sendEmpty(id, 204, ['allow', allow.sort().join(', ')])
    }
    if (handler === undefined) return sendEmpty(id, 405)

    // GET and HEAD requests have no body (Next's NextRequestAdapter passes none).
    const bodyless = method === 'GET' || method === 'HEAD'
    const tracked = track(id)
    const request = new NextRequest(url, {
      method,
      headers: buildRequestHeaders(rawHeaders),
      signal: tracked.controller.signal,
      [NATIVE_BODY]: bodyless ? undefined : id,
    })
    const store = newStore(request)
    const context = { params: isDynamic ? Promise.resolve(paramsObject(params)) : undefined }
    try {
      let result = withStore(store, () => handler(request, context))
      result = adoptResponse(await result)
      if (!(result instanceof Response)) {
        reportError(new Error(`No response is returned from route handler '${url}'. Ensure you return a \`Response\` or a \`NextResponse\` in all branches of your handler.`))
        return sendEmpty(id, 500)
      }
      if (result.headers.has('x-middleware-rewrite') || result.headers.has('x-middleware-next')) {
        reportError(new Error('NextResponse.rewrite() and NextResponse.next() are only supported in middleware'))
        return sendEmpty(id, 500)
      }
      await sendResponse(id, result, setCookieHeaders(store), method === 'HEAD')
    } catch (err) {
      const outcome = navigationOutcome(err)
      if (outcome !== null) {
        const flat = setCookieHeaders(store)
        if (outcome.location !== null) flat.unshift('location', outcome.location)
        return sendEmpty(id, outcome.status, flat)
      }
      reportError(err)
      sendEmpty(id, 500)
    } finally {
      live.delete(id)
      finishStore(store)
    }
  }

  // Runs a pages/api route with `export const config = { runtime: 'edge' }` as Next's
  // edge adapter does (web/adapter.ts): `handler(request, event)`, where `request` is a
  // NextRequest (the route params are in its query) and `event` a NextFetchEvent; the
  // handler returns a Response. A throw, or anything but a Response, is a 500.
  async function dispatchEdgeApi(handler, id, method, url, rawHeaders) {
    const bodyless = method === 'GET' || method === 'HEAD'
    const tracked = track(id)
    const request = new NextRequest(url, {
      method,
      headers: buildRequestHeaders(rawHeaders),
      signal: tracked.controller.signal,
      [NATIVE_BODY]: bodyless ? undefined : id,
    })
    const store = newStore(request)
    const event = fetchEvent()
    try {
      let result = withStore(store, () => handler(request, event))
      result = adoptResponse(await result)
      if (!(result instanceof Response)) {
        throw new Error('Expected an instance of Response to be returned from the edge API route')
      }
      await sendResponse(id, result, setCookieHeaders(store), method === 'HEAD')
    } catch (err) {
      reportError(err)
      sendEmpty(id, 500)
    } finally {
      live.delete(id)
      finishStore(store)
    }
  }

  // Next's NextFetchEvent: `waitUntil` keeps work going after the response (a rejection
  // is reported); `request` and `respondWith` are the deprecated parts that throw.
  function fetchEvent() {
    return {
      waitUntil(promise) {
        Promise.resolve(promise).then(undefined, reportError)
      },
      passThroughOnException() {},
      get request() {
        throw new Error('The `request` property of the fetch event is deprecated: use the first argument of the handler')
      },
      respondWith() {
        throw new Error('`event.respondWith()` is deprecated: return a Response from the handler')
      },
    }
  }

  // Runs middleware / proxy (SPEC 12). Rust reads the decision from the head: the
  // `x-middleware-next` / `x-middleware-rewrite` / `location` headers as Next does, or a
  // full response; a throw is reported with a private marker header.
  async function dispatchMiddleware(fn, id, method, url, rawHeaders) {
    const tracked = track(id)
    const request = new NextRequest(url, { method, headers: buildRequestHeaders(rawHeaders), signal: tracked.controller.signal })
    const store = newStore(request)
    const event = fetchEvent()
    try {
      let result = withStore(store, () => fn(request, event))
      result = adoptResponse(await result)
      if (result === undefined || result === null) result = NextResponse.next()
      if (!(result instanceof Response)) {
        throw new Error('Expected an instance of Response to be returned from the middleware')
      }
      await sendResponse(id, result, setCookieHeaders(store), method === 'HEAD')
    } catch (err) {
      reportError(err)
      native.head(id, 500, undefined, ['x-apiroutes-middleware-error', '1'], true)
    } finally {
      live.delete(id)
      finishStore(store)
    }
  }

  const api = {
    Response,
    NextRequest,
    NextResponse,
    NextURL,
    RequestCookies,
    ResponseCookies,
    userAgent,
    after,
    cookies,
    headers,
    draftMode,
    connection,
    redirect,
    permanentRedirect,
    notFound,
    forbidden,
    unauthorized,
    dispatchRoute,
    dispatchEdgeApi,
    dispatchMiddleware,
    clientGone,
  }
  Object.defineProperty(globalThis, Symbol.for('apiroutes.next'), { value: api })
  return api
})
