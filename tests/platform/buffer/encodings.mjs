// Buffer encodings as Node 20 does them: latin1/binary and ascii (one byte per char),
// lenient hex and base64 decoding, base64url, byte lengths, write with an encoding.
import { test } from '../harness.mjs'
import assert from 'node:assert/strict'

const text = '\u00ff\u0041\u20ac'
const bytes = [0xff, 0x41, 0xe2, 0x82, 0xac]

test('latin1 and binary keep the low byte of each char both ways', () => {
  for (const enc of ['latin1', 'binary', 'LATIN1']) {
    assert.deepEqual([...Buffer.from(text, enc)], [255, 65, 172])
    assert.equal(Buffer.from(bytes).toString(enc), '\u00ffA\u00e2\u0082\u00ac')
    assert.equal(Buffer.byteLength(text, enc), 3)
    assert.equal(Buffer.isEncoding(enc), true)
  }
})

test('ascii encodes like latin1 and decodes seven bits', () => {
  assert.deepEqual([...Buffer.from(text, 'ascii')], [255, 65, 172])
  assert.equal(Buffer.from(bytes).toString('ascii'), '\x7fAb\u0002,')
})

test('a binary string round-trips any bytes (as jsonwebtoken uses it)', () => {
  const all = Buffer.from(Array.from({ length: 256 }, (_, i) => i))
  const binary = all.toString('binary')
  assert.equal(binary.length, 256)
  assert.deepEqual(Buffer.from(binary, 'binary'), all)
})

test('toString with start and end', () => {
  assert.equal(Buffer.from(bytes).toString('latin1', 1, 2), 'A')
  assert.equal(Buffer.from(bytes).toString('latin1', 4, 2), '')
})

test('hex decoding stops at the first bad pair', () => {
  assert.deepEqual([...Buffer.from('abzz12', 'hex')], [0xab])
  assert.deepEqual([...Buffer.from('abc', 'hex')], [0xab])
  assert.equal(Buffer.from(bytes).toString('hex'), 'ff41e282ac')
  assert.equal(Buffer.byteLength('abc', 'hex'), 1)
})

test('base64 decoding skips foreign characters and takes missing padding', () => {
  assert.equal(Buffer.from('aGVsbG8', 'base64').toString(), 'hello')
  assert.equal(Buffer.from('aGV sbG8\n', 'base64').toString(), 'hello')
  assert.equal(Buffer.from('a', 'base64').length, 0)
  assert.equal(Buffer.from(text, 'base64').length, 0)
  assert.equal(Buffer.byteLength('aGVsbG8=', 'base64'), 5)
  assert.equal(Buffer.byteLength(text, 'base64'), 2)
})

test('base64url both ways', () => {
  assert.equal(Buffer.from([0xfb, 0xff]).toString('base64url'), '-_8')
  assert.deepEqual([...Buffer.from('-_8', 'base64url')], [0xfb, 0xff])
  assert.equal(Buffer.from('aGVsbG8=', 'base64url').toString(), 'hello')
  assert.equal(Buffer.byteLength('aGVsbG8', 'base64url'), 5)
})

test('UTF-16 byte length is two bytes per code unit', () => {
  assert.equal(Buffer.byteLength(text, 'utf16le'), 6)
  assert.equal(Buffer.byteLength(text, 'ucs2'), 6)
})

test('write with an encoding in each argument position', () => {
  const buf = Buffer.alloc(4)
  assert.equal(buf.write('\u00ffA', 'latin1'), 2)
  assert.deepEqual([...buf], [255, 65, 0, 0])
  assert.equal(buf.write('\u00fe', 2, 'latin1'), 1)
  assert.equal(buf.write('abcd', 1, 2, 'latin1'), 2)
  assert.deepEqual([...buf], [255, 97, 98, 0])
  assert.equal(buf.write('zzzzzz', 3, 'binary'), 1)
})
