// tls: a client and a server on loopback with the committed self-signed localhost
// certificate: verification against `ca`, `rejectUnauthorized`, authorizationError codes,
// upgrading a connected net.Socket, ALPN, the peer certificate, rootCertificates.
import { test } from '../harness.mjs'
import assert from 'node:assert'
import fs from 'node:fs'
import net from 'node:net'
import tls from 'node:tls'
import { once } from 'node:events'
import { fileURLToPath } from 'node:url'

const here = (name) => fileURLToPath(new URL(name, import.meta.url))
const cert = fs.readFileSync(here('localhost.crt'), 'utf8')
const key = fs.readFileSync(here('localhost.key'), 'utf8')

function serve(options = {}) {
  const server = tls.createServer({ key, cert, ...options }, (socket) => {
    socket.on('data', (d) => socket.write('echo:' + d))
    socket.on('end', () => socket.end())
  })
  server.on('tlsClientError', () => {})
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)))
}

function roundTrip(socket, text) {
  return new Promise((resolve, reject) => {
    let got = ''
    socket.setEncoding('utf8')
    socket.on('data', (d) => {
      got += d
      if (got.length >= text.length + 5) {
        socket.end()
        resolve(got)
      }
    })
    socket.on('error', reject)
    socket.write(text)
  })
}

test('connect with ca: authorized, secureConnect, echo', async () => {
  const server = await serve()
  const socket = tls.connect({ host: '127.0.0.1', port: server.address().port, servername: 'localhost', ca: cert })
  await once(socket, 'secureConnect')
  assert.strictEqual(socket.authorized, true)
  assert.strictEqual(socket.authorizationError, null)
  assert.strictEqual(socket.encrypted, true)
  assert.match(socket.getProtocol(), /^TLSv1\.[23]$/)
  assert.strictEqual(await roundTrip(socket, 'hi'), 'echo:hi')
  await once(socket, 'close')
  server.close()
})

test('self-signed without ca: rejected with DEPTH_ZERO_SELF_SIGNED_CERT', async () => {
  const server = await serve()
  const socket = tls.connect(server.address().port, 'localhost')
  const [error] = await once(socket, 'error')
  assert.strictEqual(error.code, 'DEPTH_ZERO_SELF_SIGNED_CERT')
  assert.strictEqual(error.message, 'self-signed certificate')
  server.close()
})

test('rejectUnauthorized false: connects, authorizationError says why', async () => {
  const server = await serve()
  const socket = tls.connect({ port: server.address().port, host: 'localhost', rejectUnauthorized: false })
  await once(socket, 'secureConnect')
  assert.strictEqual(socket.authorized, false)
  assert.strictEqual(socket.authorizationError, 'DEPTH_ZERO_SELF_SIGNED_CERT')
  assert.strictEqual(await roundTrip(socket, 'x'), 'echo:x')
  server.close()
})

test('upgrading a connected net.Socket (tls.connect({ socket }))', async () => {
  const server = await serve()
  const plain = net.connect(server.address().port, '127.0.0.1')
  await once(plain, 'connect')
  const socket = tls.connect({ socket: plain, servername: 'localhost', ca: [cert] })
  await once(socket, 'secureConnect')
  assert.strictEqual(socket.authorized, true)
  assert.strictEqual(await roundTrip(socket, 'upgraded'), 'echo:upgraded')
  server.close()
})

test('upgrading a socket that is still connecting', async () => {
  const server = await serve()
  const plain = net.connect(server.address().port, '127.0.0.1')
  const socket = tls.connect({ socket: plain, servername: 'localhost', ca: cert })
  await once(socket, 'secureConnect')
  assert.strictEqual(await roundTrip(socket, 'early'), 'echo:early')
  server.close()
})

test('ALPN negotiation', async () => {
  const server = await serve({ ALPNProtocols: ['h2', 'http/1.1'] })
  const socket = tls.connect({ port: server.address().port, host: 'localhost', ca: cert, ALPNProtocols: ['http/1.1'] })
  await once(socket, 'secureConnect')
  assert.strictEqual(socket.alpnProtocol, 'http/1.1')
  socket.end()
  server.close()
})

test('getPeerCertificate: subject, issuer, altnames, fingerprints', async () => {
  const server = await serve()
  const socket = tls.connect({ port: server.address().port, host: 'localhost', ca: cert })
  await once(socket, 'secureConnect')
  const peer = socket.getPeerCertificate()
  assert.strictEqual(peer.subject.CN, 'localhost')
  assert.strictEqual(peer.subject.O, 'apiroutes test')
  assert.strictEqual(peer.issuer.CN, 'localhost')
  assert.strictEqual(peer.subjectaltname, 'DNS:localhost, IP Address:127.0.0.1')
  assert.match(peer.fingerprint256, /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/)
  assert.match(peer.valid_to, /^[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d \d{4} GMT$/)
  assert.ok(Buffer.isBuffer(peer.raw))
  assert.strictEqual(peer.raw[0], 0x30)
  assert.strictEqual(tls.checkServerIdentity('localhost', peer), undefined)
  assert.strictEqual(tls.checkServerIdentity('other.example', peer).code, 'ERR_TLS_CERT_ALTNAME_INVALID')
  socket.end()
  server.close()
})

test('wrong host name: ERR_TLS_CERT_ALTNAME_INVALID', async () => {
  const server = await serve()
  const socket = tls.connect({ port: server.address().port, host: '127.0.0.1', servername: 'wrong.example', ca: cert })
  const [error] = await once(socket, 'error')
  assert.strictEqual(error.code, 'ERR_TLS_CERT_ALTNAME_INVALID')
  server.close()
})

test('rootCertificates and createSecureContext', () => {
  assert.ok(tls.rootCertificates.length > 100)
  assert.ok(tls.rootCertificates.every((pem) => pem.startsWith('-----BEGIN CERTIFICATE-----\n')))
  assert.ok(Object.isFrozen(tls.rootCertificates))
  const context = tls.createSecureContext({ ca: cert })
  assert.strictEqual(typeof context, 'object')
  assert.ok(context.context)
  assert.strictEqual(tls.DEFAULT_MIN_VERSION, 'TLSv1.2')
})
