// crypto: scryptSync/scrypt against Node 20 (defaults, N/r/p and their long names),
// Node's parameter checks and errors.
import { test } from '../harness.mjs'
import assert from 'node:assert'
import crypto from 'node:crypto'

const scrypt_default = "745731af4484f323968969eda289aeee005b5903ac561e64a5aca121797bf773"
const scrypt_N1024 = "fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b3731622eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640"
const scrypt_cost = "722af53bdb88259252012bd7764a5775"

test('scryptSync with the defaults (N=16384, r=8, p=1)', () => {
  assert.strictEqual(crypto.scryptSync('password', 'salt', 32).toString('hex'), scrypt_default)
})

test('scryptSync N=1024 r=8 p=16 (RFC 7914 parameters)', () => {
  assert.strictEqual(crypto.scryptSync('password', 'NaCl', 64, { N: 1024, r: 8, p: 16 }).toString('hex'), scrypt_N1024)
})

test('cost/blockSize/parallelization and Buffer inputs', () => {
  const key = crypto.scryptSync(Buffer.from('pw'), Buffer.from('s'), 16, { cost: 16, blockSize: 1, parallelization: 1 })
  assert.ok(Buffer.isBuffer(key))
  assert.strictEqual(key.toString('hex'), scrypt_cost)
})

test('scrypt callback form, with and without options', async () => {
  const a = await new Promise((resolve, reject) =>
    crypto.scrypt('password', 'salt', 32, (err, key) => (err ? reject(err) : resolve(key)))
  )
  assert.strictEqual(a.toString('hex'), scrypt_default)
  const b = await new Promise((resolve, reject) =>
    crypto.scrypt(Buffer.from('pw'), 's', 16, { N: 16, r: 1, p: 1 }, (err, key) => (err ? reject(err) : resolve(key)))
  )
  assert.strictEqual(b.toString('hex'), scrypt_cost)
})

test('keylen 0 gives an empty Buffer', () => {
  assert.strictEqual(crypto.scryptSync('a', 'b', 0, { N: 16 }).length, 0)
})

test('N not a power of two', () => {
  assert.throws(() => crypto.scryptSync('a', 'b', 16, { N: 3 }), {
    name: 'RangeError',
    code: 'ERR_CRYPTO_INVALID_SCRYPT_PARAMS',
    message: 'Invalid scrypt params',
  })
})

test('memory limit exceeded', () => {
  assert.throws(() => crypto.scryptSync('a', 'b', 16, { N: 2 ** 20 }), {
    code: 'ERR_CRYPTO_INVALID_SCRYPT_PARAMS',
    message: 'Invalid scrypt params: error:030000AC:digital envelope routines::memory limit exceeded',
  })
  assert.throws(() => crypto.scryptSync('a', 'b', 16, { N: 1024, maxmem: 1 }), { code: 'ERR_CRYPTO_INVALID_SCRYPT_PARAMS' })
})

test('both N and cost', () => {
  assert.throws(() => crypto.scryptSync('a', 'b', 16, { N: 1024, cost: 1024 }), { code: 'ERR_CRYPTO_SCRYPT_INVALID_PARAMETER' })
})

test('negative keylen', () => {
  assert.throws(() => crypto.scryptSync('a', 'b', -1), { name: 'RangeError', code: 'ERR_OUT_OF_RANGE' })
})

test('password of a wrong type', () => {
  assert.throws(() => crypto.scryptSync(5, 'b', 16), { name: 'TypeError', code: 'ERR_INVALID_ARG_TYPE' })
})

test('scrypt without a callback', () => {
  assert.throws(() => crypto.scrypt('a', 'b', 16), { code: 'ERR_INVALID_ARG_TYPE' })
})
