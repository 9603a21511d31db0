// zlib: every format round-trips through the sync, callback, promisified and stream forms.
import { test } from '../harness.mjs'
import assert from 'node:assert'
import zlib from 'node:zlib'
import { promisify } from 'node:util'

const text = 'hello zlib '.repeat(50)
const input = Buffer.from(text)
const pairs = [
  ['gzip', 'gunzip'],
  ['deflate', 'inflate'],
  ['deflateRaw', 'inflateRaw'],
  ['brotliCompress', 'brotliDecompress'],
  ['gzip', 'unzip'],
  ['deflate', 'unzip'],
]

for (const [compress, decompress] of pairs) {
  test(`${compress}Sync → ${decompress}Sync`, () => {
    const packed = zlib[`${compress}Sync`](input)
    assert.ok(Buffer.isBuffer(packed))
    assert.ok(packed.length < input.length)
    assert.strictEqual(zlib[`${decompress}Sync`](packed).toString(), text)
  })
  test(`${compress} → ${decompress} (callbacks)`, async () => {
    const packed = await new Promise((resolve, reject) =>
      zlib[compress](input, (err, out) => (err ? reject(err) : resolve(out)))
    )
    const out = await new Promise((resolve, reject) =>
      zlib[decompress](packed, (err, res) => (err ? reject(err) : resolve(res)))
    )
    assert.strictEqual(out.toString(), text)
  })
  test(`${compress} → ${decompress} (promisify)`, async () => {
    const packed = await promisify(zlib[compress])(input)
    assert.strictEqual((await promisify(zlib[decompress])(packed)).toString(), text)
  })
}

test('strings are compressed as UTF-8', () => {
  assert.strictEqual(zlib.gunzipSync(zlib.gzipSync('héllo')).toString(), 'héllo')
})

test('gzip output starts with the gzip magic bytes', () => {
  const packed = zlib.gzipSync(input)
  assert.strictEqual(packed[0], 0x1f)
  assert.strictEqual(packed[1], 0x8b)
})

test('deflate output has a zlib header', () => {
  const packed = zlib.deflateSync(input)
  assert.strictEqual(packed[0], 0x78)
  assert.strictEqual(((packed[0] << 8) | packed[1]) % 31, 0)
})

test('levels are honoured (level 0 stores)', () => {
  assert.ok(zlib.deflateSync(input, { level: 0 }).length > input.length)
  assert.ok(zlib.deflateSync(input, { level: 9 }).length < input.length)
})

test('an empty input round-trips', () => {
  assert.strictEqual(zlib.gunzipSync(zlib.gzipSync(Buffer.alloc(0))).length, 0)
  assert.strictEqual(zlib.inflateSync(zlib.deflateSync('')).length, 0)
})

test('concatenated gzip members are all decoded', () => {
  const both = Buffer.concat([zlib.gzipSync('one '), zlib.gzipSync('two')])
  assert.strictEqual(zlib.gunzipSync(both).toString(), 'one two')
})

test('createGzip / createGunzip streams', async () => {
  const packed = await new Promise((resolve, reject) => {
    const gzip = zlib.createGzip()
    const chunks = []
    gzip.on('data', (chunk) => chunks.push(chunk))
    gzip.on('end', () => resolve(Buffer.concat(chunks)))
    gzip.on('error', reject)
    gzip.write(input.subarray(0, 100))
    gzip.end(input.subarray(100))
  })
  const out = await new Promise((resolve, reject) => {
    const gunzip = zlib.createGunzip()
    const chunks = []
    gunzip.on('data', (chunk) => chunks.push(chunk))
    gunzip.on('end', () => resolve(Buffer.concat(chunks).toString()))
    gunzip.on('error', reject)
    gunzip.end(packed)
  })
  assert.strictEqual(out, text)
})

test('pipeline through createDeflate and createInflate', async () => {
  const { pipeline, Readable, Writable } = await import('node:stream')
  const chunks = []
  await new Promise((resolve, reject) =>
    pipeline(
      Readable.from([input.subarray(0, 10), input.subarray(10)]),
      zlib.createDeflate(),
      zlib.createInflate(),
      new Writable({
        write(chunk, _enc, callback) {
          chunks.push(chunk)
          callback()
        },
      }),
      (err) => (err ? reject(err) : resolve())
    )
  )
  assert.strictEqual(Buffer.concat(chunks).toString(), text)
})

test('constants are exported', () => {
  assert.strictEqual(zlib.constants.Z_BEST_COMPRESSION, 9)
  assert.strictEqual(zlib.constants.BROTLI_PARAM_QUALITY, 1)
  assert.strictEqual(zlib.constants.Z_SYNC_FLUSH, 2)
})

test('named ESM exports', async () => {
  const { gzipSync, gunzipSync } = await import('node:zlib')
  assert.strictEqual(gunzipSync(gzipSync('x')).toString(), 'x')
})
