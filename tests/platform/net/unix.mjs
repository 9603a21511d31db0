// net over Unix domain sockets: listen(path) and connect({ path }) / connect(path), the
// path as server.address(), no TCP addresses on the sockets, the file removed by close,
// and Node's errors (connect ENOENT, connect ECONNREFUSED, listen EADDRINUSE).
import { test } from '../harness.mjs'
import assert from 'node:assert'
import net from 'node:net'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { once } from 'node:events'

let counter = 0
function socketPath() {
  counter++
  return path.join(os.tmpdir(), `apiroutes-unix-${process.pid}-${counter}.sock`)
}

function listen(where, handler) {
  const server = net.createServer(handler)
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(where, () => resolve(server))
  })
}

test('echo over a Unix socket: address() is the path, sockets have no TCP address', async () => {
  const where = socketPath()
  let accepted
  const server = await listen(where, (socket) => {
    accepted = socket
    socket.pipe(socket)
  })
  assert.strictEqual(server.address(), where)
  assert.strictEqual(fs.existsSync(where), true)
  const socket = net.connect({ path: where })
  await once(socket, 'connect')
  assert.strictEqual(socket.remoteAddress, undefined)
  assert.strictEqual(socket.remotePort, undefined)
  socket.setEncoding('utf8')
  socket.end('over unix')
  let text = ''
  socket.on('data', (chunk) => (text += chunk))
  await once(socket, 'close')
  assert.strictEqual(text, 'over unix')
  assert.strictEqual(accepted.remoteAddress, undefined)
  await new Promise((resolve) => server.close(resolve))
  assert.strictEqual(fs.existsSync(where), false)
  // As Node's pipe servers: the name stays after close.
  assert.strictEqual(server.address(), where)
})

test('connect(path, listener) and listen({ path }) forms', async () => {
  const where = socketPath()
  const server = await listen({ path: where }, (socket) => socket.end('hi'))
  const chunks = []
  const socket = net.connect(where, () => chunks.push('connected'))
  socket.on('data', (chunk) => chunks.push(String(chunk)))
  await once(socket, 'end')
  assert.deepStrictEqual(chunks, ['connected', 'hi'])
  socket.destroy()
  await new Promise((resolve) => server.close(resolve))
})

test('connect to a missing path: ENOENT with the path', async () => {
  const where = socketPath()
  const socket = net.connect({ path: where })
  const [error] = await once(socket, 'error')
  assert.strictEqual(error.code, 'ENOENT')
  assert.strictEqual(error.errno, -2)
  assert.strictEqual(error.syscall, 'connect')
  assert.strictEqual(error.address, where)
  assert.strictEqual(error.message, `connect ENOENT ${where}`)
})

test('connect to a file nobody listens on: ECONNREFUSED', async () => {
  const where = socketPath()
  const server = await listen(where, () => {})
  // A socket file left behind without its server, as after a crash.
  const stale = socketPath()
  fs.writeFileSync(stale, '')
  await new Promise((resolve) => server.close(resolve))
  const socket = net.connect(where)
  const [error] = await once(socket, 'error')
  assert.strictEqual(error.code, 'ENOENT')
  const other = net.connect(stale)
  const [refused] = await once(other, 'error')
  assert.strictEqual(refused.code, 'ECONNREFUSED')
  assert.strictEqual(refused.message, `connect ECONNREFUSED ${stale}`)
  fs.unlinkSync(stale)
})

test('listen on a path in use: EADDRINUSE as Node words it', async () => {
  const where = socketPath()
  const first = await listen(where, () => {})
  const second = net.createServer()
  second.listen(where)
  const [error] = await once(second, 'error')
  assert.strictEqual(error.code, 'EADDRINUSE')
  assert.strictEqual(error.errno, -98)
  assert.strictEqual(error.syscall, 'listen')
  assert.strictEqual(error.address, where)
  assert.strictEqual(error.port, -1)
  assert.strictEqual(error.message, `listen EADDRINUSE: address already in use ${where}`)
  assert.strictEqual(second.listening, false)
  await new Promise((resolve) => first.close(resolve))
})

test('several clients on one Unix server, each answered in turn', async () => {
  const where = socketPath()
  const server = await listen(where, (socket) => {
    socket.setEncoding('utf8')
    socket.on('data', (name) => socket.end(`hello ${name}`))
  })
  const ask = (name) =>
    new Promise((resolve, reject) => {
      const socket = net.connect(where, () => socket.write(name))
      let text = ''
      socket.on('data', (chunk) => (text += chunk))
      socket.on('error', reject)
      socket.on('close', () => resolve(text))
    })
  const answers = await Promise.all(['a', 'b', 'c', 'd'].map(ask))
  assert.deepStrictEqual(answers, ['hello a', 'hello b', 'hello c', 'hello d'])
  await new Promise((resolve) => server.close(resolve))
})
