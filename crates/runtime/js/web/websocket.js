// The WHATWG `WebSocket` client global (as Node 22 and browsers have it), with
// `MessageEvent` and `CloseEvent` where missing, over the native connections of
// src/node/websocket.rs (installed as `__apiroutesWebSocket`, taken here and deleted).
// Validation and messages follow undici's implementation (Node's): SyntaxError and
// InvalidAccessError DOMExceptions, `Sent before connected.` for a send while CONNECTING.
// Messages are read by one pending native `recv` at a time, which also keeps a script
// alive while the socket is open; sends go out in call order (a Blob's bytes are awaited
// in turn), and `bufferedAmount` counts the bytes not yet written.
;(() => {
  if (typeof globalThis.WebSocket !== 'undefined' || typeof globalThis.__apiroutesWebSocket === 'undefined') return
  const native = globalThis.__apiroutesWebSocket
  delete globalThis.__apiroutesWebSocket

  function define(target, name, value) {
    Object.defineProperty(target, name, { value, writable: true, configurable: true, enumerable: false })
  }
  function tag(proto, name) {
    Object.defineProperty(proto, Symbol.toStringTag, { value: name, configurable: true })
  }

  if (typeof globalThis.MessageEvent === 'undefined') {
    class MessageEvent extends Event {
      #init
      constructor(type, init = {}) {
        super(type, init)
        this.#init = {
          data: init.data === undefined ? null : init.data,
          origin: init.origin === undefined ? '' : String(init.origin),
          lastEventId: init.lastEventId === undefined ? '' : String(init.lastEventId),
          source: init.source === undefined ? null : init.source,
          ports: init.ports === undefined ? [] : Array.from(init.ports),
        }
      }
      get data() { return this.#init.data }
      get origin() { return this.#init.origin }
      get lastEventId() { return this.#init.lastEventId }
      get source() { return this.#init.source }
      get ports() { return this.#init.ports }
    }
    tag(MessageEvent.prototype, 'MessageEvent')
    define(globalThis, 'MessageEvent', MessageEvent)
  }

  if (typeof globalThis.CloseEvent === 'undefined') {
    class CloseEvent extends Event {
      #init
      constructor(type, init = {}) {
        super(type, init)
        this.#init = {
          wasClean: Boolean(init.wasClean),
          code: init.code === undefined ? 0 : Number(init.code) & 0xffff,
          reason: init.reason === undefined ? '' : String(init.reason),
        }
      }
      get wasClean() { return this.#init.wasClean }
      get code() { return this.#init.code }
      get reason() { return this.#init.reason }
    }
    tag(CloseEvent.prototype, 'CloseEvent')
    define(globalThis, 'CloseEvent', CloseEvent)
  }

  const CONNECTING = 0
  const OPEN = 1
  const CLOSING = 2
  const CLOSED = 3
  const encoder = new TextEncoder()
  // RFC 7230 token characters, which a subprotocol name must consist of.
  const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/
  const HANDLERS = ['open', 'message', 'error', 'close']

  function syntaxError(message) {
    return new DOMException(message, 'SyntaxError')
  }

  function parseUrl(url) {
    let record
    try {
      record = new URL(String(url))
    } catch (error) {
      throw syntaxError(error && error.message ? error.message : String(error))
    }
    if (record.protocol === 'http:') record.protocol = 'ws:'
    else if (record.protocol === 'https:') record.protocol = 'wss:'
    if (record.protocol !== 'ws:' && record.protocol !== 'wss:') {
      throw syntaxError(`Expected a ws: or wss: protocol, got ${record.protocol}`)
    }
    if (record.hash || record.href.endsWith('#')) throw syntaxError('Got fragment')
    return record
  }

  function protocolList(protocols) {
    if (protocols === undefined || protocols === null) return []
    if (typeof protocols === 'object' && !Array.isArray(protocols) && typeof protocols[Symbol.iterator] !== 'function') {
      // undici also takes `{ protocols }` (its WebSocketInit).
      return protocolList(protocols.protocols === undefined ? [] : protocols.protocols)
    }
    const list = typeof protocols === 'string' ? [protocols] : Array.from(protocols, String)
    const seen = new Set()
    for (const name of list) {
      const lower = name.toLowerCase()
      if (!TOKEN.test(name) || seen.has(lower)) throw syntaxError('Invalid Sec-WebSocket-Protocol value')
      seen.add(lower)
    }
    return list
  }

  // WebIDL `[Clamp] unsigned short`.
  function clampShort(value) {
    let n = Number(value)
    if (Number.isNaN(n)) return 0
    n = Math.min(Math.max(n, 0), 65535)
    const floor = Math.floor(n)
    const rest = n - floor
    if (rest > 0.5 || (rest === 0.5 && floor % 2 === 1)) return floor + 1
    return floor
  }

  function byteView(data) {
    if (data instanceof ArrayBuffer) return new Uint8Array(data.slice(0))
    if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength))
    return null
  }

  class WebSocket extends EventTarget {
    #url
    #origin
    #state = CONNECTING
    #id = 0
    #protocol = ''
    #extensions = ''
    #binaryType = 'blob'
    #buffered = 0
    #handlers = { open: null, message: null, error: null, close: null }
    #tail = Promise.resolve()
    #closeAsked = false

    constructor(url, protocols = []) {
      super()
      if (arguments.length === 0) {
        throw new TypeError("Failed to construct 'WebSocket': 1 argument required, but only 0 present.")
      }
      const record = parseUrl(url)
      const list = protocolList(protocols)
      this.#url = record.href
      this.#origin = record.origin
      const secure = record.protocol === 'wss:'
      const port = record.port ? Number(record.port) : secure ? 443 : 80
      native.connect(record.href, record.hostname, port, secure, list).then(
        (opened) => this.#opened(opened),
        (error) => this.#failed(error),
      )
    }

    get url() { return this.#url }
    get readyState() { return this.#state }
    get bufferedAmount() { return this.#buffered }
    get protocol() { return this.#protocol }
    get extensions() { return this.#extensions }
    get binaryType() { return this.#binaryType }
    set binaryType(type) {
      if (type === 'blob' || type === 'arraybuffer') this.#binaryType = type
    }

    send(data) {
      if (arguments.length === 0) {
        throw new TypeError("Failed to execute 'send' on 'WebSocket': 1 argument required, but only 0 present.")
      }
      if (this.#state === CONNECTING) throw new DOMException('Sent before connected.', 'InvalidStateError')
      if (this.#state !== OPEN) return
      let text = false
      let bytes
      let size
      if (typeof Blob === 'function' && data instanceof Blob) {
        size = data.size
        bytes = data.arrayBuffer().then((buffer) => new Uint8Array(buffer))
      } else {
        bytes = byteView(data)
        if (bytes === null) {
          bytes = encoder.encode(String(data))
          text = true
        }
        size = bytes.byteLength
      }
      this.#buffered += size
      const id = this.#id
      this.#tail = this.#tail
        .then(() => bytes)
        .then((chunk) => native.send(id, text, chunk))
        .then(
          () => { this.#buffered -= size },
          (error) => { this.#buffered -= size; this.#abort(error) },
        )
    }

    close(code = undefined, reason = undefined) {
      if (code !== undefined) {
        code = clampShort(code)
        if (code !== 1000 && (code < 3000 || code > 4999)) throw new DOMException('invalid code', 'InvalidAccessError')
      }
      let reasonBytes = 0
      if (reason !== undefined) {
        reason = String(reason).toWellFormed()
        reasonBytes = encoder.encode(reason).byteLength
        if (reasonBytes > 123) throw syntaxError(`Reason must be less than 123 bytes; received ${reasonBytes}`)
      }
      if (this.#state === CLOSING || this.#state === CLOSED) return
      if (this.#state === CONNECTING) {
        // Fails the connection once the handshake settles: error, then close 1006.
        this.#closeAsked = true
        this.#state = CLOSING
        return
      }
      this.#state = CLOSING
      if (code === undefined && reasonBytes > 0) code = 1000
      const id = this.#id
      this.#tail = this.#tail.then(() => (code === undefined ? native.close(id) : native.close(id, code, reason ?? ''))).catch((error) => this.#abort(error))
    }

    #fire(event) {
      for (const name of ['target', 'currentTarget', 'srcElement']) {
        Object.defineProperty(event, name, { value: this, configurable: true })
      }
      this.dispatchEvent(event)
    }

    #opened(opened) {
      this.#id = opened.id
      if (this.#closeAsked) {
        native.drop(opened.id)
        this.#finish(false, 1006, '', true)
        return
      }
      this.#protocol = opened.protocol
      this.#extensions = opened.extensions
      this.#state = OPEN
      this.#fire(new Event('open'))
      this.#read()
    }

    #failed(_error) {
      this.#finish(false, 1006, '', true)
    }

    #abort(_error) {
      if (this.#state === CLOSED) return
      native.drop(this.#id)
      this.#finish(false, 1006, '', true)
    }

    #finish(wasClean, code, reason, withError) {
      if (this.#state === CLOSED) return
      this.#state = CLOSED
      if (withError) this.#fire(new Event('error'))
      this.#fire(new CloseEvent('close', { wasClean, code, reason }))
    }

    #read() {
      native.recv(this.#id).then(
        (item) => {
          if (item === undefined || this.#state === CLOSED) return
          if (item === null) {
            native.drop(this.#id)
            this.#finish(false, 1006, '', false)
            return
          }
          if (item[0] === 'close') {
            native.drop(this.#id)
            this.#state = CLOSING
            this.#finish(true, item[1], item[2], false)
            return
          }
          let data = item[1]
          if (item[0] === 'binary') {
            data = this.#binaryType === 'arraybuffer' ? data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) : new Blob([data])
          }
          if (this.#state === OPEN || this.#state === CLOSING) {
            this.#fire(new MessageEvent('message', { data, origin: this.#origin }))
          }
          this.#read()
        },
        (error) => this.#abort(error),
      )
    }

    static {
      for (const name of HANDLERS) {
        Object.defineProperty(this.prototype, `on${name}`, {
          configurable: true,
          enumerable: true,
          get() { return this.#handlers[name] },
          set(handler) {
            const old = this.#handlers[name]
            if (old) this.removeEventListener(name, old)
            this.#handlers[name] = typeof handler === 'function' || (handler !== null && typeof handler === 'object') ? handler : null
            if (this.#handlers[name]) this.addEventListener(name, this.#handlers[name])
          },
        })
      }
    }
  }

  for (const [name, value] of [['CONNECTING', CONNECTING], ['OPEN', OPEN], ['CLOSING', CLOSING], ['CLOSED', CLOSED]]) {
    Object.defineProperty(WebSocket, name, { value, enumerable: true })
    Object.defineProperty(WebSocket.prototype, name, { value, enumerable: true })
  }
  tag(WebSocket.prototype, 'WebSocket')
  define(globalThis, 'WebSocket', WebSocket)
})()
