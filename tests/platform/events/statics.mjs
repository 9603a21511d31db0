// events: the module functions of Node 20: once, on, addAbortListener, getEventListeners,
// getMaxListeners, setMaxListeners (for EventEmitters and EventTargets).
import { test } from '../harness.mjs'
import assert from 'node:assert'
import EventEmitter, { once, on, addAbortListener, getEventListeners, getMaxListeners, setMaxListeners } from 'node:events'

const abortError = (cause) => (error) => {
  assert.strictEqual(error.name, 'AbortError')
  assert.strictEqual(error.code, 'ABORT_ERR')
  assert.strictEqual(error.message, 'The operation was aborted')
  if (cause !== undefined) assert.strictEqual(error.cause, cause)
  return error instanceof Error
}

test('the functions are statics of EventEmitter too', () => {
  assert.strictEqual(EventEmitter.once, once)
  assert.strictEqual(EventEmitter.on, on)
  assert.strictEqual(EventEmitter.addAbortListener, addAbortListener)
  assert.strictEqual(EventEmitter.getEventListeners, getEventListeners)
  assert.strictEqual(EventEmitter.getMaxListeners, getMaxListeners)
  assert.strictEqual(EventEmitter.setMaxListeners, setMaxListeners)
})
test('once resolves with the arguments and cleans up', async () => {
  const emitter = new EventEmitter()
  const pending = once(emitter, 'ready')
  assert.strictEqual(emitter.listenerCount('error'), 1)
  emitter.emit('ready', 1, 'two')
  assert.deepStrictEqual(await pending, [1, 'two'])
  assert.strictEqual(emitter.listenerCount('ready'), 0)
  assert.strictEqual(emitter.listenerCount('error'), 0)
})
test("once rejects on 'error' and removes its listener", async () => {
  const emitter = new EventEmitter()
  const pending = once(emitter, 'ready')
  emitter.emit('error', new Error('bad'))
  await assert.rejects(pending, { message: 'bad' })
  assert.strictEqual(emitter.listenerCount('ready'), 0)
})
test("once(emitter, 'error') resolves with the error", async () => {
  const emitter = new EventEmitter()
  const pending = once(emitter, 'error')
  emitter.emit('error', new Error('as value'))
  const [error] = await pending
  assert.strictEqual(error.message, 'as value')
})
test('once works on an EventTarget', async () => {
  const target = new EventTarget()
  const pending = once(target, 'ping')
  target.dispatchEvent(new Event('ping'))
  const [event] = await pending
  assert.strictEqual(event.type, 'ping')
})
test('once with an aborted signal rejects with AbortError', async () => {
  const emitter = new EventEmitter()
  const signal = AbortSignal.abort('why')
  await assert.rejects(once(emitter, 'x', { signal }), abortError('why'))
})
test('once aborted while waiting rejects and removes its listeners', async () => {
  const emitter = new EventEmitter()
  const controller = new AbortController()
  const pending = once(emitter, 'never', { signal: controller.signal })
  controller.abort()
  await assert.rejects(pending, abortError())
  assert.strictEqual(emitter.listenerCount('never'), 0)
  assert.strictEqual(emitter.listenerCount('error'), 0)
})
test('once validates the signal (as a rejection)', async () => {
  await assert.rejects(once(new EventEmitter(), 'x', { signal: 1 }), {
    name: 'TypeError',
    code: 'ERR_INVALID_ARG_TYPE',
    message: 'The "options.signal" property must be an instance of AbortSignal. Received type number (1)',
  })
})
test('once of something that is no emitter rejects', async () => {
  await assert.rejects(once({}, 'x'), {
    code: 'ERR_INVALID_ARG_TYPE',
    message: 'The "emitter" argument must be an instance of EventEmitter. Received an instance of Object',
  })
})
test('on iterates buffered and later events', async () => {
  const emitter = new EventEmitter()
  const iterator = on(emitter, 'data')
  emitter.emit('data', 1)
  emitter.emit('data', 2, 3)
  setTimeout(() => emitter.emit('data', 4), 1)
  const seen = []
  for await (const args of iterator) {
    seen.push(args)
    if (seen.length === 3) break
  }
  assert.deepStrictEqual(seen, [[1], [2, 3], [4]])
  assert.strictEqual(emitter.listenerCount('data'), 0)
  assert.strictEqual(emitter.listenerCount('error'), 0)
})
test('on: an error rejects after the buffered events, then the iterator is done', async () => {
  const emitter = new EventEmitter()
  const iterator = on(emitter, 'data')
  emitter.emit('data', 'a')
  emitter.emit('error', new Error('E'))
  emitter.emit('data', 'lost')
  const seen = []
  await assert.rejects(async () => {
    for await (const [value] of iterator) seen.push(value)
  }, { message: 'E' })
  assert.deepStrictEqual(seen, ['a'])
  assert.deepStrictEqual(await iterator.next(), { value: undefined, done: true })
})
test('on: an error rejects a pending next()', async () => {
  const emitter = new EventEmitter()
  const iterator = on(emitter, 'data')
  const pending = iterator.next()
  emitter.emit('error', new Error('while waiting'))
  await assert.rejects(pending, { message: 'while waiting' })
})
test('on: return() removes the listeners and settles pending next() as done', async () => {
  const emitter = new EventEmitter()
  const iterator = on(emitter, 'data')
  const pending = iterator.next()
  assert.deepStrictEqual(await iterator.return(), { value: undefined, done: true })
  assert.deepStrictEqual(await pending, { value: undefined, done: true })
  assert.strictEqual(emitter.listenerCount('data'), 0)
  assert.strictEqual(emitter.listenerCount('error'), 0)
})
test('on: the close option ends the iteration', async () => {
  const emitter = new EventEmitter()
  const iterator = on(emitter, 'data', { close: ['end'] })
  emitter.emit('data', 1)
  emitter.emit('end')
  emitter.emit('data', 2)
  const seen = []
  for await (const [value] of iterator) seen.push(value)
  assert.deepStrictEqual(seen, [1])
  assert.strictEqual(emitter.listenerCount('end'), 0)
})
test('on: abort rejects with AbortError', async () => {
  const emitter = new EventEmitter()
  const controller = new AbortController()
  const iterator = on(emitter, 'data', { signal: controller.signal })
  const pending = iterator.next()
  controller.abort()
  await assert.rejects(pending, abortError())
  assert.strictEqual(emitter.listenerCount('data'), 0)
})
test('on: an already aborted signal throws at once', () => {
  assert.throws(() => on(new EventEmitter(), 'x', { signal: AbortSignal.abort() }), abortError())
})
test('on: the iterator is an async iterator with next/return/throw', () => {
  const iterator = on(new EventEmitter(), 'x')
  const AsyncIteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf(async function* () {}).prototype)
  assert.strictEqual(Object.getPrototypeOf(iterator), AsyncIteratorPrototype)
  assert.deepStrictEqual(Object.keys(iterator), ['next', 'return', 'throw'])
  assert.strictEqual(iterator[Symbol.asyncIterator](), iterator)
  iterator.return()
})
test('on: throw() needs an Error and ends the iteration with it', async () => {
  const emitter = new EventEmitter()
  const iterator = on(emitter, 'x')
  assert.throws(() => iterator.throw(1), {
    code: 'ERR_INVALID_ARG_TYPE',
    message: 'The "EventEmitter.AsyncIterator" property must be an instance of Error. Received type number (1)',
  })
  assert.strictEqual(iterator.throw(new Error('thrown')), undefined)
  assert.strictEqual(emitter.listenerCount('x'), 0)
  await assert.rejects(iterator.next(), { message: 'thrown' })
  assert.deepStrictEqual(await iterator.next(), { value: undefined, done: true })
})
test('on: watermark options are validated', () => {
  const emitter = new EventEmitter()
  assert.throws(() => on(emitter, 'x', { highWaterMark: 0 }), {
    name: 'RangeError',
    code: 'ERR_OUT_OF_RANGE',
    message: 'The value of "options.highWaterMark" is out of range. It must be >= 1 && <= 9007199254740991. Received 0',
  })
  assert.throws(() => on(emitter, 'x', { lowWaterMark: 1.5 }), {
    code: 'ERR_OUT_OF_RANGE',
    message: 'The value of "options.lowWaterMark" is out of range. It must be an integer. Received 1.5',
  })
  assert.throws(() => on(emitter, 'x', { highWaterMark: '1' }), { code: 'ERR_INVALID_ARG_TYPE' })
  assert.throws(() => on(emitter, 'x', { signal: {} }), {
    code: 'ERR_INVALID_ARG_TYPE',
    message: 'The "options.signal" property must be an instance of AbortSignal. Received an instance of Object',
  })
})
test('on: past highWaterMark the emitter is paused, below lowWaterMark resumed', async () => {
  const emitter = new EventEmitter()
  const log = []
  emitter.pause = () => log.push('pause')
  emitter.resume = () => log.push('resume')
  const iterator = on(emitter, 'data', { highWaterMark: 2, lowWaterMark: 1 })
  emitter.emit('data', 1)
  emitter.emit('data', 2)
  emitter.emit('data', 3)
  assert.deepStrictEqual(log, ['pause'])
  await iterator.next()
  await iterator.next()
  assert.deepStrictEqual(log, ['pause'])
  await iterator.next()
  assert.deepStrictEqual(log, ['pause', 'resume'])
  await iterator.return()
})
test('on of something that is no emitter throws', () => {
  assert.throws(() => on({}, 'x'), {
    code: 'ERR_INVALID_ARG_TYPE',
    message: 'The "emitter" argument must be an instance of EventEmitter. Received an instance of Object',
  })
})
test('addAbortListener runs the listener on abort with the event; dispose removes it', async () => {
  const controller = new AbortController()
  const calls = []
  addAbortListener(controller.signal, (event) => calls.push(event.type))
  const disposable = addAbortListener(controller.signal, () => calls.push('removed'))
  const dispose = disposable[Symbol.dispose || Symbol.for('nodejs.dispose')]
  assert.strictEqual(typeof dispose, 'function')
  dispose.call(disposable)
  controller.abort()
  assert.deepStrictEqual(calls, ['abort'])
})
test('addAbortListener on an aborted signal runs on a microtask, without arguments', async () => {
  let args
  addAbortListener(AbortSignal.abort(), (...received) => {
    args = received
  })
  assert.strictEqual(args, undefined)
  await Promise.resolve()
  await Promise.resolve()
  assert.deepStrictEqual(args, [])
})
test('addAbortListener validates', () => {
  assert.throws(() => addAbortListener(undefined, () => {}), {
    code: 'ERR_INVALID_ARG_TYPE',
    message: 'The "signal" argument must be an instance of AbortSignal. Received undefined',
  })
  assert.throws(() => addAbortListener({}, () => {}), { code: 'ERR_INVALID_ARG_TYPE' })
  assert.throws(() => addAbortListener(new AbortController().signal, 1), {
    code: 'ERR_INVALID_ARG_TYPE',
    message: 'The "listener" argument must be of type function. Received type number (1)',
  })
})
test('getEventListeners of an emitter', () => {
  const emitter = new EventEmitter()
  const a = () => {}
  const b = () => {}
  emitter.on('x', a)
  emitter.once('x', b)
  assert.deepStrictEqual(getEventListeners(emitter, 'x'), [a, b])
  assert.deepStrictEqual(getEventListeners(emitter, 'none'), [])
  assert.throws(() => getEventListeners({}, 'x'), {
    code: 'ERR_INVALID_ARG_TYPE',
    message: 'The "emitter" argument must be an instance of EventEmitter or EventTarget. Received an instance of Object',
  })
})
test('setMaxListeners(n, ...targets) for emitters and EventTargets', () => {
  const one = new EventEmitter()
  const two = new EventEmitter()
  const target = new EventTarget()
  assert.strictEqual(getMaxListeners(target), 10)
  setMaxListeners(4, one, two, target)
  assert.strictEqual(one.getMaxListeners(), 4)
  assert.strictEqual(getMaxListeners(two), 4)
  assert.strictEqual(getMaxListeners(target), 4)
  assert.strictEqual(EventEmitter.defaultMaxListeners, 10)
  assert.throws(() => getMaxListeners({}), { code: 'ERR_INVALID_ARG_TYPE' })
})
test('setMaxListeners(n) without targets sets the default', () => {
  try {
    setMaxListeners(20)
    assert.strictEqual(EventEmitter.defaultMaxListeners, 20)
    assert.strictEqual(new EventEmitter().getMaxListeners(), 20)
  } finally {
    EventEmitter.defaultMaxListeners = 10
  }
})
test('setMaxListeners validates n and the targets', () => {
  assert.throws(() => setMaxListeners(-1), {
    code: 'ERR_OUT_OF_RANGE',
    message: 'The value of "setMaxListeners" is out of range. It must be >= 0. Received -1',
  })
  assert.throws(() => setMaxListeners(1, {}), {
    code: 'ERR_INVALID_ARG_TYPE',
    message: 'The "eventTargets" argument must be an instance of EventEmitter or EventTarget. Received an instance of Object',
  })
  assert.throws(() => setMaxListeners(1, 5), {
    message: 'The "eventTargets" argument must be an instance of EventEmitter or EventTarget. Received type number (5)',
  })
})
