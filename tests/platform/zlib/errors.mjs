// zlib: corrupt input fails with zlib's message and Node's code/errno; bad arguments
// are ERR_INVALID_ARG_TYPE.
import { test } from '../harness.mjs'
import assert from 'node:assert'
import zlib from 'node:zlib'

test('gunzip of non-gzip data: incorrect header check', () => {
  assert.throws(() => zlib.gunzipSync(Buffer.from('definitely not gzip')), {
    message: 'incorrect header check',
    code: 'Z_DATA_ERROR',
    errno: -3,
  })
})

test('inflate of non-zlib data: incorrect header check', () => {
  assert.throws(() => zlib.inflateSync(Buffer.from('definitely not zlib')), {
    message: 'incorrect header check',
    code: 'Z_DATA_ERROR',
  })
})

test('truncated gzip: unexpected end of file', () => {
  const packed = zlib.gzipSync('some text that is long enough to compress')
  assert.throws(() => zlib.gunzipSync(packed.subarray(0, packed.length - 10)), {
    message: 'unexpected end of file',
    code: 'Z_BUF_ERROR',
    errno: -5,
  })
})

test('the callback form reports the error', async () => {
  const err = await new Promise((resolve) => zlib.gunzip(Buffer.from('xx'), (e) => resolve(e)))
  assert.ok(err instanceof Error)
  assert.strictEqual(err.code, 'Z_DATA_ERROR')
})

test('a number is not a buffer', () => {
  assert.throws(() => zlib.gzipSync(42), { code: 'ERR_INVALID_ARG_TYPE', name: 'TypeError' })
})

test('a missing callback throws', () => {
  assert.throws(() => zlib.gzip(Buffer.from('x')), { code: 'ERR_INVALID_ARG_TYPE' })
})
