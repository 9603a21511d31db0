// `tls`: Node 20's TLS client and server sockets over rustls (the native half is in
// `apiroutes:native/net`, src/node/tls.rs). A TLSSocket is a net.Socket whose native
// connection was upgraded in place: `tls.connect({ host, port })` connects first,
// `tls.connect({ socket })` takes over an already connected socket (how `pg` does
// sslmode), `tls.createServer({ key, cert })` upgrades each accepted connection.
// Verification is webpki's against Mozilla's roots (`rootCertificates`) or `ca`;
// `rejectUnauthorized: false` goes on and reports `authorized`/`authorizationError`.
// Client certificates, session resumption and renegotiation are not available.
import * as native from 'apiroutes:native/net'
import { Socket, Server as NetServer, isIP } from 'net'

const { kAdopt, kDetach, systemError, nodeError, validPort, badPort } = Socket[Symbol.for('apiroutes.net.internals')]

export const DEFAULT_MIN_VERSION = 'TLSv1.2'
export const DEFAULT_MAX_VERSION = 'TLSv1.3'
export const DEFAULT_ECDH_CURVE = 'auto'
export const DEFAULT_CIPHERS =
  'TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_GCM_SHA256:ECDHE-RSA-AES128-GCM-SHA256:' +
  'ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-AES256-GCM-SHA384'
export const CLIENT_RENEG_LIMIT = 3
export const CLIENT_RENEG_WINDOW = 600

export const rootCertificates = Object.freeze(native.rootCertificates())

const kInfo = Symbol('apiroutes.tls.info')

function pemList(value) {
  if (value === undefined || value === null) return []
  const list = Array.isArray(value) ? value : [value]
  return list.map((item) => (typeof item === 'string' ? item : Buffer.from(item).toString('utf8')))
}

function pemText(value) {
  return pemList(value).join('\n')
}

export class SecureContext {
  constructor(options = {}) {
    this.options = { ...options }
    this.context = {}
  }
}

export function createSecureContext(options) {
  return new SecureContext(options || {})
}

export class TLSSocket extends Socket {
  constructor(socket, options = {}) {
    super({ allowHalfOpen: options.allowHalfOpen })
    this.encrypted = true
    this.authorized = false
    this.authorizationError = null
    this.alpnProtocol = false
    this.servername = options.servername || null
    this[kInfo] = {}
    this._tlsOptions = options
    this._parent = socket || null
  }

  getPeerCertificate(detailed) {
    const cert = this[kInfo].peerCertificate
    if (!cert) return this[kInfo].protocol ? {} : null
    const out = { ...cert, raw: Buffer.from(cert.raw) }
    if (detailed) out.issuerCertificate = out
    return out
  }

  getCertificate() {
    return null
  }

  getProtocol() {
    return this[kInfo].protocol || null
  }

  getCipher() {
    return this[kInfo].cipher || null
  }

  getEphemeralKeyInfo() {
    return {}
  }

  getSession() {
    return undefined
  }

  getTLSTicket() {
    return undefined
  }

  isSessionReused() {
    return false
  }

  setServername(name) {
    this.servername = String(name)
  }

  setMaxSendFragment() {
    return true
  }

  renegotiate(options, cb) {
    const error = nodeError(Error, 'ERR_TLS_RENEGOTIATION_DISABLED', 'TLS session renegotiation disabled for this socket')
    if (typeof cb === 'function') process.nextTick(() => cb(error))
    return false
  }

  exportKeyingMaterial() {
    throw nodeError(Error, 'ERR_NOT_AVAILABLE', 'exportKeyingMaterial is not available in apiroutes')
  }

  // The native connection of `raw` (connected) is taken over and handshaken.
  _startClient(raw, options, ownConnection) {
    const info = {
      id: raw[kDetach](),
      local: { address: raw.localAddress, port: raw.localPort, family: raw.localFamily },
      remote: { address: raw.remoteAddress, port: raw.remotePort, family: raw.remoteFamily },
    }
    const host = options.host || raw._host || 'localhost'
    const context = options.secureContext ? options.secureContext.options : {}
    const settings = {
      servername: options.servername || (isIP(host) ? host : host),
      rejectUnauthorized: options.rejectUnauthorized !== false,
      ca: pemList(options.ca ?? context.ca),
      ALPNProtocols: (options.ALPNProtocols || []).map((p) => (typeof p === 'string' ? p : Buffer.from(p).toString())),
    }
    if (options.servername) this.servername = options.servername
    else if (!isIP(host)) this.servername = host
    this.connecting = true
    native.tlsConnect(info.id, settings).then(
      (result) => {
        if (this.destroyed) {
          native.close(info.id)
          return
        }
        this[kInfo] = result
        this.authorized = result.authorized
        this.authorizationError = result.authorizationError || null
        this.alpnProtocol = result.alpnProtocol || false
        this.connecting = false
        this[kAdopt](info)
        if (ownConnection) this.emit('connect')
        this.emit('secure')
        this.emit('secureConnect')
        if (ownConnection) this.emit('ready')
      },
      (error) => {
        native.close(info.id)
        const failure = error && error.syscall ? systemError(error) : error
        if (failure && failure.syscall === '') delete failure.syscall
        if (failure && failure.errno === 0) delete failure.errno
        if (failure && failure.code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
          failure.message = `Hostname/IP does not match certificate's altnames: Host: ${host}. is not in the cert's altnames`
          failure.host = host
        }
        this.destroy(failure)
      }
    )
  }
}

// (options[, cb]), (port[, host][, options][, cb]).
function normalize(args) {
  const cb = typeof args[args.length - 1] === 'function' ? args.pop() : null
  let options = {}
  if (args[0] !== null && typeof args[0] === 'object') options = { ...args[0] }
  else {
    options.port = args[0]
    let next = 1
    if (typeof args[1] === 'string') {
      options.host = args[1]
      next = 2
    }
    if (args[next] && typeof args[next] === 'object') options = { ...args[next], ...options }
  }
  return [options, cb]
}

export function connect(...args) {
  const [options, cb] = normalize(args)
  const tlsSocket = new TLSSocket(options.socket, options)
  if (cb) tlsSocket.once('secureConnect', cb)
  if (options.timeout) tlsSocket.setTimeout(options.timeout)
  if (options.socket) {
    const raw = options.socket
    tlsSocket._host = options.host || raw._host
    const start = () => tlsSocket._startClient(raw, options, false)
    if (raw.connecting || raw.pending) {
      tlsSocket.connecting = true
      raw.once('connect', start)
      raw.once('error', (error) => tlsSocket.destroy(error))
    } else queueMicrotask(start)
    return tlsSocket
  }
  const port = validPort(options.port)
  if (options.port === undefined || port === -1) throw badPort(options.port)
  tlsSocket.connecting = true
  tlsSocket._host = options.host || 'localhost'
  const raw = new Socket()
  raw.once('lookup', (...lookup) => tlsSocket.emit('lookup', ...lookup))
  raw.once('error', (error) => tlsSocket.destroy(error))
  raw.connect({ host: options.host, port, family: options.family, lookup: options.lookup }, () =>
    tlsSocket._startClient(raw, options, true)
  )
  return tlsSocket
}

export class Server extends NetServer {
  constructor(options, listener) {
    if (typeof options === 'function') {
      listener = options
      options = {}
    }
    super(options)
    this._tlsOptions = options || {}
    if (listener) this.on('secureConnection', listener)
  }

  setSecureContext(options) {
    this._tlsOptions = { ...this._tlsOptions, ...options }
  }

  _incoming(info) {
    const options = this._tlsOptions
    const context = options.secureContext ? options.secureContext.options : {}
    const socket = new TLSSocket(null, { allowHalfOpen: this.allowHalfOpen })
    this._track(socket)
    const settings = {
      cert: pemText(options.cert ?? context.cert),
      key: pemText(options.key ?? context.key),
      ALPNProtocols: (options.ALPNProtocols || []).map((p) => (typeof p === 'string' ? p : Buffer.from(p).toString())),
    }
    native.tlsAccept(info.id, settings).then(
      (result) => {
        socket[kInfo] = result
        socket.alpnProtocol = result.alpnProtocol || false
        socket.servername = result.servername || false
        socket[kAdopt](info)
        this.emit('secureConnection', socket)
      },
      (error) => {
        native.close(info.id)
        socket.destroy()
        const failure = error && error.syscall ? systemError(error) : error
        this.emit('tlsClientError', failure, socket)
      }
    )
  }
}

export function createServer(options, listener) {
  return new Server(options, listener)
}

export function getCiphers() {
  return DEFAULT_CIPHERS.split(':').map((name) => name.toLowerCase())
}

export function checkServerIdentity(hostname, cert) {
  const names = []
  const ips = []
  const altNames = cert && cert.subjectaltname ? String(cert.subjectaltname).split(/,\s*/) : []
  for (const entry of altNames) {
    if (entry.startsWith('DNS:')) names.push(entry.slice(4))
    else if (entry.startsWith('IP Address:')) ips.push(entry.slice(11))
  }
  const host = String(hostname).toLowerCase()
  let matches
  if (isIP(host)) matches = ips.includes(host)
  else {
    if (names.length === 0 && cert && cert.subject && cert.subject.CN) names.push(cert.subject.CN)
    matches = names.some((pattern) => {
      pattern = pattern.toLowerCase()
      if (pattern === host) return true
      if (pattern.startsWith('*.')) {
        const rest = host.slice(host.indexOf('.') + 1)
        return host.includes('.') && rest === pattern.slice(2)
      }
      return false
    })
  }
  if (matches) return undefined
  const reason = isIP(host)
    ? `IP: ${hostname} is not in the cert's list: ${ips.join(', ')}`
    : `Host: ${hostname}. is not in the cert's altnames: ${altNames.join(', ')}`
  const error = new Error(`Hostname/IP does not match certificate's altnames: ${reason}`)
  error.code = 'ERR_TLS_CERT_ALTNAME_INVALID'
  error.reason = reason
  error.host = hostname
  error.cert = cert
  return error
}

export function convertALPNProtocols(protocols, out) {
  const list = Array.isArray(protocols) ? protocols : []
  const bytes = []
  for (const p of list) {
    const b = Buffer.from(p)
    bytes.push(b.length, ...b)
  }
  out.ALPNProtocols = Buffer.from(bytes)
}

export default {
  DEFAULT_MIN_VERSION, DEFAULT_MAX_VERSION, DEFAULT_ECDH_CURVE, DEFAULT_CIPHERS, CLIENT_RENEG_LIMIT,
  CLIENT_RENEG_WINDOW, rootCertificates, TLSSocket, Server, SecureContext, connect, createServer,
  createSecureContext, getCiphers, checkServerIdentity, convertALPNProtocols,
}
