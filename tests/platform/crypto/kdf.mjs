// crypto: pbkdf2 and hkdf, sync and callback, against RFC/Node vectors.
import { test } from '../harness.mjs'
import assert from 'node:assert'
import crypto from 'node:crypto'

test('pbkdf2Sync sha256 (Node vector)', () => {
  assert.strictEqual(
    crypto.pbkdf2Sync('pw', 'salt', 1000, 32, 'sha256').toString('hex'),
    '0a38253555ce37f5c72a6b703f996814ebf241f203af146e93dcdeb031c5567e'
  )
})

test('pbkdf2Sync sha1 (RFC 6070, c=2)', () => {
  assert.strictEqual(
    crypto.pbkdf2Sync('password', 'salt', 2, 20, 'sha1').toString('hex'),
    'ea6c014dc72d6f8ccd1ed92ace1d41f0d8de8957'
  )
})

test('pbkdf2Sync sha512 returns a Buffer of keylen', () => {
  const key = crypto.pbkdf2Sync(Buffer.from('secret'), Buffer.from('salt'), 10, 64, 'sha512')
  assert.ok(Buffer.isBuffer(key))
  assert.strictEqual(key.length, 64)
})

test('pbkdf2 callback form', async () => {
  const key = await new Promise((resolve, reject) =>
    crypto.pbkdf2('password', 'salt', 2, 20, 'sha1', (err, out) => (err ? reject(err) : resolve(out)))
  )
  assert.strictEqual(key.toString('hex'), 'ea6c014dc72d6f8ccd1ed92ace1d41f0d8de8957')
})

test('pbkdf2Sync: unknown digest', () => {
  assert.throws(() => crypto.pbkdf2Sync('a', 'b', 1, 8, 'nope'), {
    name: 'TypeError',
    code: 'ERR_CRYPTO_INVALID_DIGEST',
  })
})

test('pbkdf2Sync: iterations out of range', () => {
  assert.throws(() => crypto.pbkdf2Sync('a', 'b', 0, 8, 'sha256'), { code: 'ERR_OUT_OF_RANGE' })
})

test('pbkdf2Sync: non-number keylen', () => {
  assert.throws(() => crypto.pbkdf2Sync('a', 'b', 1, '8', 'sha256'), { code: 'ERR_INVALID_ARG_TYPE' })
})

test('hkdfSync sha256 (RFC 5869 case 1)', () => {
  const ikm = Buffer.from('0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b', 'hex')
  const salt = Buffer.from('000102030405060708090a0b0c', 'hex')
  const info = Buffer.from('f0f1f2f3f4f5f6f7f8f9', 'hex')
  const key = crypto.hkdfSync('sha256', ikm, salt, info, 42)
  assert.ok(key instanceof ArrayBuffer)
  assert.strictEqual(
    Buffer.from(key).toString('hex'),
    '3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865'
  )
})

test('hkdf callback form', async () => {
  const key = await new Promise((resolve, reject) =>
    crypto.hkdf('sha256', 'key', 'salt', 'info', 16, (err, out) => (err ? reject(err) : resolve(out)))
  )
  assert.strictEqual(Buffer.from(key).toString('hex'), '9ca0d662557439e3b83365f2da4626d3')
})

test('hkdfSync: unknown digest', () => {
  assert.throws(() => crypto.hkdfSync('nope', 'a', 'b', 'c', 8), { code: 'ERR_CRYPTO_INVALID_DIGEST' })
})

test('createHash and createHmac still work', () => {
  assert.strictEqual(
    crypto.createHash('sha256').update('a').digest('hex'),
    'ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb'
  )
  assert.strictEqual(crypto.createHmac('sha256', 'k').update('a').digest('base64'), 'eNqRUR5nVYf1ud94vt669VYNoqu4gWLuh13N90SVHZ4=')
})

test('timingSafeEqual', () => {
  assert.strictEqual(crypto.timingSafeEqual(Buffer.from('ab'), Buffer.from('ab')), true)
  assert.strictEqual(crypto.timingSafeEqual(Buffer.from('ab'), Buffer.from('ac')), false)
  assert.throws(() => crypto.timingSafeEqual(Buffer.from('a'), Buffer.from('ab')), { code: 'ERR_CRYPTO_TIMING_SAFE_EQUAL_LENGTH' })
})
