#!/usr/bin/env node
// Writes node-requests.json: the exact bytes that record.mjs (Node's http client) sends
// for every case of cases.json, captured by a raw TCP listener. The Rust harness
// (crates/cli/tests/compat.rs) checks that it builds byte-identical requests.
// Cases with a bodyRepeat body (megabytes) are left out. The listen port is written as {{PORT}}.
//
//   node capture-requests.mjs
import net from 'node:net'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { sendCase, loadCases } from './record.mjs'

const here = path.dirname(fileURLToPath(import.meta.url))
const cases = loadCases(path.join(here, 'cases.json'))
let received = []
const server = net.createServer((socket) => {
  const chunks = []
  let idle = null
  socket.on('data', (d) => {
    chunks.push(d)
    // Answer once the client has been quiet for a moment: the whole request has arrived.
    clearTimeout(idle)
    idle = setTimeout(() => {
      received.push(Buffer.concat(chunks))
      socket.end('HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n')
    }, 100)
  })
})
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
const port = server.address().port
const out = {}
for (const c of cases) {
  if (c.bodyRepeat) continue
  received = []
  await sendCase(`http://127.0.0.1:${port}`, { ...c, timeoutMs: 3000 })
  out[c.name] = received.map((b) => b.toString('latin1').split(String(port)).join('{{PORT}}')).join('')
}
server.close()
fs.writeFileSync(path.join(here, 'node-requests.json'), JSON.stringify({ node: process.version, requests: out }, null, 1) + '\n')
console.log(`captured ${Object.keys(out).length} requests`)
