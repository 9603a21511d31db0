// net: TCP sockets and servers on loopback: echo, events, addresses, counters, half-close,
// back-pressure, timeouts, destroy, and Node's errors (ECONNREFUSED, ENOTFOUND, bad ports).
import { test } from '../harness.mjs'
import assert from 'node:assert'
import net from 'node:net'
import { once } from 'node:events'

function listen(handler, options) {
  const server = net.createServer(options || {}, handler)
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve(server))
  })
}

function closed(server) {
  return new Promise((resolve) => server.close(() => resolve()))
}

test('echo round trip with connect listener, ready and close', async () => {
  const server = await listen((socket) => socket.pipe(socket))
  const { port } = server.address()
  const events = []
  const socket = net.connect(port, '127.0.0.1', () => events.push('connect'))
  assert.strictEqual(socket.readyState, 'opening')
  assert.strictEqual(socket.connecting, true)
  socket.on('ready', () => events.push('ready'))
  await once(socket, 'ready')
  assert.strictEqual(socket.readyState, 'open')
  socket.setEncoding('utf8')
  socket.write('hello ')
  socket.end('world')
  let text = ''
  socket.on('data', (chunk) => (text += chunk))
  const [hadError] = await once(socket, 'close')
  assert.strictEqual(hadError, false)
  assert.strictEqual(text, 'hello world')
  assert.deepStrictEqual(events, ['connect', 'ready'])
  assert.strictEqual(socket.readyState, 'closed')
  assert.strictEqual(socket.bytesRead, 11)
  assert.strictEqual(socket.bytesWritten, 11)
  await closed(server)
})

test('addresses and ports on both ends', async () => {
  let serverSide
  const server = await listen((socket) => {
    serverSide = socket
    socket.end()
  })
  const { port, address, family } = server.address()
  assert.strictEqual(address, '127.0.0.1')
  assert.strictEqual(family, 'IPv4')
  assert.ok(port > 0)
  const socket = net.createConnection({ port, host: '127.0.0.1' })
  await once(socket, 'connect')
  assert.strictEqual(socket.remoteAddress, '127.0.0.1')
  assert.strictEqual(socket.remotePort, port)
  assert.strictEqual(socket.remoteFamily, 'IPv4')
  assert.strictEqual(socket.localAddress, '127.0.0.1')
  assert.strictEqual(typeof socket.localPort, 'number')
  assert.deepStrictEqual(socket.address(), { address: '127.0.0.1', family: 'IPv4', port: socket.localPort })
  socket.resume()
  await once(socket, 'close')
  assert.strictEqual(serverSide.remotePort, socket.localPort)
  await closed(server)
})

test('lookup event for a host name', async () => {
  const server = await listen((socket) => socket.end())
  const socket = net.connect({ port: server.address().port, host: 'localhost', family: 4 })
  const [error, address, family, host] = await once(socket, 'lookup')
  assert.strictEqual(error, null)
  assert.strictEqual(address, '127.0.0.1')
  assert.strictEqual(family, 4)
  assert.strictEqual(host, 'localhost')
  socket.resume()
  await once(socket, 'close')
  await closed(server)
})

test('allowHalfOpen keeps the writable side after the peer ends', async () => {
  const server = await listen((socket) => {
    let got = ''
    socket.setEncoding('utf8')
    socket.on('data', (d) => (got += d))
    socket.on('end', () => socket.end('got:' + got))
  }, { allowHalfOpen: true })
  const socket = net.connect({ port: server.address().port, host: '127.0.0.1', allowHalfOpen: true })
  socket.setEncoding('utf8')
  socket.end('abc')
  let reply = ''
  socket.on('data', (d) => (reply += d))
  await once(socket, 'end')
  assert.strictEqual(reply, 'got:abc')
  await once(socket, 'close')
  await closed(server)
})

test('write back-pressure: false past the high-water mark, then drain', async () => {
  let received = 0
  const total = 4 * 1024 * 1024
  const done = new Promise((resolve) => {
    listen((socket) => {
      socket.on('data', (d) => (received += d.length))
      socket.on('end', () => {
        socket.end()
        resolve()
      })
    }).then((server) => {
      const socket = net.connect(server.address().port, '127.0.0.1')
      const ok = socket.write(Buffer.alloc(total, 1))
      assert.strictEqual(ok, false)
      socket.once('drain', () => {
        socket.end()
        socket.resume()
        socket.on('close', () => server.close())
      })
    })
  })
  await done
  assert.strictEqual(received, total)
})

test('setTimeout emits timeout on an idle socket, destroy closes it', async () => {
  const server = await listen(() => {})
  const socket = net.connect(server.address().port, '127.0.0.1')
  socket.setTimeout(50)
  assert.strictEqual(socket.timeout, 50)
  const started = Date.now()
  await once(socket, 'timeout')
  assert.ok(Date.now() - started >= 40)
  socket.destroy()
  assert.strictEqual(socket.destroyed, true)
  await once(socket, 'close')
  server.close()
  for (const s of server._connections || []) s.destroy()
})

test('options setters return the socket', async () => {
  const server = await listen((socket) => socket.end())
  const socket = net.connect(server.address().port, '127.0.0.1')
  assert.strictEqual(socket.setNoDelay(true), socket)
  assert.strictEqual(socket.setKeepAlive(true, 1000), socket)
  assert.strictEqual(socket.ref(), socket)
  assert.strictEqual(socket.unref(), socket)
  socket.resume()
  await once(socket, 'close')
  await closed(server)
})

test('ECONNREFUSED has Node fields', async () => {
  const server = await listen(() => {})
  const { port } = server.address()
  await closed(server)
  const socket = net.connect(port, '127.0.0.1')
  const [error] = await once(socket, 'error')
  assert.strictEqual(error.code, 'ECONNREFUSED')
  assert.strictEqual(error.errno, -111)
  assert.strictEqual(error.syscall, 'connect')
  assert.strictEqual(error.address, '127.0.0.1')
  assert.strictEqual(error.port, port)
  assert.strictEqual(error.message, `connect ECONNREFUSED 127.0.0.1:${port}`)
  const [hadError] = await once(socket, 'close')
  assert.strictEqual(hadError, true)
})

test('ENOTFOUND for an unknown host', async () => {
  const socket = net.connect(80, 'no-such-host.invalid')
  const [error] = await once(socket, 'error')
  assert.strictEqual(error.code, 'ENOTFOUND')
  assert.strictEqual(error.syscall, 'getaddrinfo')
  assert.strictEqual(error.hostname, 'no-such-host.invalid')
  assert.strictEqual(error.message, 'getaddrinfo ENOTFOUND no-such-host.invalid')
})

test('bad ports throw ERR_SOCKET_BAD_PORT', () => {
  assert.throws(() => net.connect(70000, '127.0.0.1'), { code: 'ERR_SOCKET_BAD_PORT', name: 'RangeError' })
  assert.throws(() => net.connect({ port: -1 }), { code: 'ERR_SOCKET_BAD_PORT' })
  assert.throws(() => net.createServer().listen(65536), { code: 'ERR_SOCKET_BAD_PORT' })
})

test('server: EADDRINUSE, close when not running, getConnections', async () => {
  const server = await listen(() => {})
  const { port } = server.address()
  const other = net.createServer()
  other.listen(port, '127.0.0.1')
  const [error] = await once(other, 'error')
  assert.strictEqual(error.code, 'EADDRINUSE')
  assert.strictEqual(error.syscall, 'listen')
  assert.strictEqual(error.port, port)
  const count = await new Promise((resolve) => server.getConnections((e, n) => resolve(n)))
  assert.strictEqual(count, 0)
  await closed(server)
  assert.strictEqual(server.address(), null)
  const notRunning = await new Promise((resolve) => server.close(resolve))
  assert.strictEqual(notRunning.code, 'ERR_SERVER_NOT_RUNNING')
})

test('server close waits for open connections', async () => {
  let serverSide
  const server = await listen((socket) => (serverSide = socket))
  const socket = net.connect(server.address().port, '127.0.0.1')
  await once(socket, 'connect')
  await new Promise((r) => setTimeout(r, 20))
  let closedAt = 0
  server.close(() => (closedAt = Date.now()))
  await new Promise((r) => setTimeout(r, 30))
  assert.strictEqual(closedAt, 0)
  const ended = Date.now()
  serverSide.end()
  socket.resume()
  await once(socket, 'close')
  await new Promise((r) => setTimeout(r, 30))
  assert.ok(closedAt >= ended)
})

test('pause stops data events, resume delivers them', async () => {
  const server = await listen((socket) => socket.end('payload'))
  const socket = net.connect(server.address().port, '127.0.0.1')
  socket.pause()
  let got = ''
  socket.on('data', (d) => (got += d))
  socket.pause()
  await new Promise((r) => setTimeout(r, 50))
  assert.strictEqual(got, '')
  socket.resume()
  await once(socket, 'end')
  assert.strictEqual(got, 'payload')
  await closed(server)
})

test('isIP, isIPv4, isIPv6', () => {
  assert.strictEqual(net.isIP('127.0.0.1'), 4)
  assert.strictEqual(net.isIP('::1'), 6)
  assert.strictEqual(net.isIP('fe80::1%eth0'), 6)
  assert.strictEqual(net.isIP('localhost'), 0)
  assert.strictEqual(net.isIPv4('256.0.0.1'), false)
  assert.strictEqual(net.isIPv6('2001:db8::ff00:42:8329'), true)
})

test('BlockList and SocketAddress', () => {
  const list = new net.BlockList()
  list.addAddress('10.0.0.1')
  list.addRange('192.168.0.10', '192.168.0.20')
  list.addSubnet('8592:757c:efae:4e45::', 64, 'ipv6')
  assert.strictEqual(list.check('10.0.0.1'), true)
  assert.strictEqual(list.check('10.0.0.2'), false)
  assert.strictEqual(list.check('192.168.0.15'), true)
  assert.strictEqual(list.check('192.168.0.21'), false)
  assert.strictEqual(list.check('8592:757c:efae:4e45:f::', 'ipv6'), true)
  assert.strictEqual(list.check('8592:757c:efae:4e46::', 'ipv6'), false)
  assert.deepStrictEqual(list.rules, [
    'Subnet: IPv6 8592:757c:efae:4e45::/64',
    'Range: IPv4 192.168.0.10-192.168.0.20',
    'Address: IPv4 10.0.0.1',
  ])
  const address = new net.SocketAddress({ address: '::1', family: 'ipv6', port: 80 })
  assert.strictEqual(address.address, '::1')
  assert.strictEqual(address.port, 80)
  assert.strictEqual(address.family, 'ipv6')
})
