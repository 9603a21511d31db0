// Web platform globals handlers use: TransformStream and text streams, AbortSignal.timeout,
// fetch's Node-style errors.
import { test } from '../harness.mjs'
import assert from 'node:assert'

test('TransformStream through pipeThrough', async () => {
  const upper = new TransformStream({
    transform(chunk, controller) {
      controller.enqueue(chunk.toUpperCase())
    },
  })
  const source = new ReadableStream({
    start(controller) {
      controller.enqueue('a')
      controller.enqueue('b')
      controller.close()
    },
  })
  const reader = source.pipeThrough(upper).getReader()
  const out = []
  for (;;) {
    const { value, done } = await reader.read()
    if (done) break
    out.push(value)
  }
  assert.deepStrictEqual(out, ['A', 'B'])
})
test('TransformStream flush runs at the end', async () => {
  const stream = new TransformStream({
    flush(controller) {
      controller.enqueue('end')
    },
  })
  const writer = stream.writable.getWriter()
  writer.write('x')
  writer.close()
  const reader = stream.readable.getReader()
  assert.deepStrictEqual(await reader.read(), { value: 'x', done: false })
  assert.deepStrictEqual(await reader.read(), { value: 'end', done: false })
  assert.strictEqual((await reader.read()).done, true)
})
test('TextEncoderStream and TextDecoderStream', async () => {
  const source = new ReadableStream({
    start(controller) {
      controller.enqueue('héllo')
      controller.close()
    },
  })
  const reader = source.pipeThrough(new TextEncoderStream()).pipeThrough(new TextDecoderStream()).getReader()
  let text = ''
  for (;;) {
    const { value, done } = await reader.read()
    if (done) break
    text += value
  }
  assert.strictEqual(text, 'héllo')
})
test('AbortSignal.timeout aborts with a TimeoutError', async () => {
  const signal = AbortSignal.timeout(5)
  assert.strictEqual(signal.aborted, false)
  // The signal's own timer does not keep a process alive (as in Node): hold it open.
  const keepAlive = setTimeout(() => {}, 1000)
  await new Promise((resolve) => signal.addEventListener('abort', resolve))
  clearTimeout(keepAlive)
  assert.strictEqual(signal.aborted, true)
  assert.strictEqual(signal.reason.name, 'TimeoutError')
})
test('AbortSignal.timeout validates its delay', () => {
  assert.throws(() => AbortSignal.timeout(-1), { code: 'ERR_OUT_OF_RANGE' })
  assert.throws(() => AbortSignal.timeout('1'), { code: 'ERR_INVALID_ARG_TYPE' })
})
test('fetch of a bad URL is a TypeError', async () => {
  await assert.rejects(fetch('not a url'), TypeError)
})
test('fetch to a closed port: fetch failed with ECONNREFUSED', async () => {
  const error = await fetch('http://127.0.0.1:9/').then(() => null, (e) => e)
  assert.ok(error instanceof TypeError)
  assert.strictEqual(error.message, 'fetch failed')
  assert.ok(error.cause instanceof Error)
})
test('fetch with an already-aborted signal rejects with its reason', async () => {
  const controller = new AbortController()
  controller.abort()
  const error = await fetch('http://127.0.0.1:9/', { signal: controller.signal }).then(() => null, (e) => e)
  assert.strictEqual(error.name, 'AbortError')
})
test('util.promisify(setTimeout)', async () => {
  const { promisify } = await import('node:util')
  assert.strictEqual(await promisify(setTimeout)(1, 'v'), 'v')
})
test('stream/web exports TransformStream', async () => {
  const web = await import('node:stream/web')
  assert.strictEqual(web.TransformStream, globalThis.TransformStream)
  assert.strictEqual(typeof web.ReadableStream, 'function')
})
