// buffer: the base64url encoding in from/toString/byteLength/isEncoding/write.
import { test } from '../harness.mjs'
import assert from 'node:assert'

test('from base64url', () => {
  assert.strictEqual(Buffer.from('aGVsbG8_-w', 'base64url').toString('hex'), '68656c6c6f3ffb')
})
test('to base64url has no padding and URL-safe characters', () => {
  assert.strictEqual(Buffer.from([0xfb, 0xff]).toString('base64url'), '-_8')
})
test('round trip of random bytes', () => {
  const bytes = Buffer.from(Array.from({ length: 100 }, (_, i) => (i * 37) & 255))
  assert.deepStrictEqual(Buffer.from(bytes.toString('base64url'), 'base64url'), bytes)
})
test('padding is accepted when decoding', () => {
  assert.strictEqual(Buffer.from('aGk=', 'base64url').toString(), 'hi')
})
test('isEncoding knows base64url', () => {
  assert.strictEqual(Buffer.isEncoding('base64url'), true)
  assert.strictEqual(Buffer.isEncoding('nope'), false)
})
test('byteLength of base64url', () => {
  assert.strictEqual(Buffer.byteLength('aGVsbG8', 'base64url'), 5)
})
test('JWT segment decoding', () => {
  const header = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url')
  assert.strictEqual(header, 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9')
  assert.deepStrictEqual(JSON.parse(Buffer.from(header, 'base64url').toString()), { alg: 'HS256', typ: 'JWT' })
})
test('other encodings are untouched', () => {
  assert.strictEqual(Buffer.from('hi').toString('hex'), '6869')
  assert.strictEqual(Buffer.from('6869', 'hex').toString(), 'hi')
  assert.strictEqual(Buffer.from('aGk=', 'base64').toString('utf8'), 'hi')
})
test('TextEncoder.encodeInto', () => {
  const target = new Uint8Array(10)
  assert.deepStrictEqual(new TextEncoder().encodeInto('héllo', target), { read: 5, written: 6 })
})
