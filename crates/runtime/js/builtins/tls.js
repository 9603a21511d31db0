// `tls`: what npm packages read from Node's tls module at import time (constants,
// rootCertificates, checkServerIdentity). TLS is spoken by fetch underneath the http(s)
// client; raw TLS sockets (`connect`, `createServer`) are not available and say so.
import { Socket } from 'net'

export const DEFAULT_MIN_VERSION = 'TLSv1.2'
export const DEFAULT_MAX_VERSION = 'TLSv1.3'
export const DEFAULT_ECDH_CURVE = 'auto'
export const DEFAULT_CIPHERS =
  'TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_GCM_SHA256:ECDHE-RSA-AES128-GCM-SHA256:' +
  'ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-AES256-GCM-SHA384'
// fetch verifies against its own bundled roots; the PEM list is not exposed.
export const rootCertificates = Object.freeze([])

function unavailable(what) {
  const error = new Error(`tls.${what} is not available in apiroutes (TLS is handled by fetch)`)
  error.code = 'ERR_NOT_AVAILABLE'
  return error
}

export class TLSSocket extends Socket {
  constructor() {
    super()
    this.encrypted = true
    this.authorized = false
  }
}
export function connect() {
  throw unavailable('connect')
}
export function createServer() {
  throw unavailable('createServer')
}
export function createSecureContext(options) {
  return { context: {}, options: options || {} }
}
export function getCiphers() {
  return DEFAULT_CIPHERS.split(':').map((name) => name.toLowerCase())
}
export function checkServerIdentity(hostname, cert) {
  const names = []
  const altNames = cert && cert.subjectaltname ? String(cert.subjectaltname).split(/,\s*/) : []
  for (const entry of altNames) if (entry.startsWith('DNS:')) names.push(entry.slice(4))
  if (names.length === 0 && cert && cert.subject && cert.subject.CN) names.push(cert.subject.CN)
  const host = String(hostname).toLowerCase()
  const matches = names.some((pattern) => {
    pattern = pattern.toLowerCase()
    if (pattern === host) return true
    if (pattern.startsWith('*.')) {
      const rest = host.slice(host.indexOf('.') + 1)
      return host.includes('.') && rest === pattern.slice(2)
    }
    return false
  })
  if (matches) return undefined
  const error = new Error(`Hostname/IP does not match certificate's altnames: Host: ${hostname}. is not in the cert's altnames: ${altNames.join(', ')}`)
  error.code = 'ERR_TLS_CERT_ALTNAME_INVALID'
  error.reason = `Host: ${hostname}. is not in the cert's altnames: ${altNames.join(', ')}`
  error.host = hostname
  error.cert = cert
  return error
}
export default {
  DEFAULT_MIN_VERSION, DEFAULT_MAX_VERSION, DEFAULT_ECDH_CURVE, DEFAULT_CIPHERS, rootCertificates, TLSSocket,
  connect, createServer, createSecureContext, getCiphers, checkServerIdentity,
}
