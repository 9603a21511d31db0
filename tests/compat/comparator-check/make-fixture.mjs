#!/usr/bin/env node
// Builds the comparator cross-check fixture: takes a recording of real `next start`
// (made with ../record.mjs), applies one deterministic mutation per case (a different
// status, a missing or extra header, reordered cookies, a lying content-length, another
// body, a timeout, ...; some mutations must still compare equal), writes it to
// mutated.json, and writes what ../compare.mjs prints for it to compare-output.txt.
// crates/cli/tests/compat.rs checks that its Rust comparator prints the same lines.
//
//   node ../record.mjs http://127.0.0.1:3456 /tmp/next.json   # against `next start`
//   node make-fixture.mjs /tmp/next.json
import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'
import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const here = path.dirname(fileURLToPath(import.meta.url))
const source = process.argv[2]
if (!source) {
  console.error('usage: node make-fixture.mjs <recording.json>')
  process.exit(2)
}
const doc = JSON.parse(fs.readFileSync(source, 'utf8'))
const names = Object.keys(doc.results)

const mutations = [
  (r) => r, // untouched
  (r) => { r.status = r.status === 200 ? 201 : 200 },
  (r) => { r.statusMessage = 'Something Else' },
  (r) => { const k = Object.keys(r.headers).find((h) => h !== 'content-length'); if (k) delete r.headers[k] },
  (r) => { r.headers['x-extra'] = 'yes' },
  (r) => { r.headers['x-nextjs-cache'] = 'HIT'; r.headers['x-powered-by'] = 'Next.js'; r.headers.vary = r.headers.vary ? `rsc, ${r.headers.vary}, Next-Router-State-Tree` : 'RSC, next-url' },
  (r) => { r.headers['set-cookie'] = ['b=2; Path=/', 'a=1; Path=/'] },
  (r) => { r.headers['content-length'] = String((r.bodyLength ?? 0) + 3) },
  (r) => { if ('content-length' in r.headers) delete r.headers['content-length']; else r.headers['content-length'] = String(r.bodyLength ?? 0) },
  (r) => { if (r.body !== undefined) { r.body = r.body + ' changed'; r.bodyLength = Buffer.byteLength(r.body) } },
  (r) => { for (const k of Object.keys(r)) delete r[k]; r.timedOut = true },
  (r) => { for (const k of Object.keys(r)) delete r[k]; r.error = 'ECONNRESET' },
  (r) => { r.headers['x-multi'] = ['1', '2']; r.headers['content-type'] = [].concat(r.headers['content-type'] ?? 'text/plain', 'x') },
  (r) => { if (r.body !== undefined) { r.body = r.body.slice(0, 3); r.bodyLength = Buffer.byteLength(r.body); r.originNormalized = true } },
  (r) => { if (r.bodyBase64 !== undefined) { const plain = zlib.gunzipSync(Buffer.from(r.bodyBase64, 'base64')); r.bodyBase64 = zlib.gzipSync(plain, { level: 1 }).toString('base64') } else { r.bodyBase64 = Buffer.from([0xff, 0xfe, 0x00]).toString('base64'); delete r.body } },
  (r) => { r.headers['content-encoding'] = 'gzip'; r.bodyBase64 = Buffer.from('not gzip').toString('base64'); delete r.body },
]

const mutated = { meta: { ...doc.meta, server: 'mutated recording of next start' }, results: {} }
names.forEach((name, i) => {
  const r = JSON.parse(JSON.stringify(doc.results[name]))
  if (r.headers) mutations[i % mutations.length](r)
  mutated.results[name] = r
})
fs.writeFileSync(path.join(here, 'mutated.json'), JSON.stringify(mutated, null, 1) + '\n')
let output
try {
  output = execFileSync('node', [path.join(here, '..', 'compare.mjs'), path.join(here, '..', 'expected-next16.json'), path.join(here, 'mutated.json')], { encoding: 'utf8' })
} catch (e) {
  output = e.stdout // exit status 1 when some cases fail, which is the point
}
fs.writeFileSync(path.join(here, 'compare-output.txt'), output)
console.log(output.trim().split('\n').pop())
