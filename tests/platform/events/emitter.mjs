// events: the EventEmitter class as Node 20 has it: listeners, once, prepend, removal,
// errors (errorMonitor, ERR_UNHANDLED_ERROR), max listeners, captureRejections.
import { test } from '../harness.mjs'
import assert from 'node:assert'
import EventEmitter from 'node:events'
import * as events from 'node:events'

test('the default export is the class, also as .EventEmitter and a named export', () => {
  assert.strictEqual(typeof EventEmitter, 'function')
  assert.strictEqual(EventEmitter.EventEmitter, EventEmitter)
  assert.strictEqual(events.EventEmitter, EventEmitter)
  assert.strictEqual(events.default, EventEmitter)
  assert.strictEqual(EventEmitter.name, 'EventEmitter')
  assert.strictEqual(new EventEmitter().constructor, EventEmitter)
})
test('on + emit pass the arguments and `this`, emit reports listeners', () => {
  const emitter = new EventEmitter()
  const seen = []
  emitter.on('data', function (a, b) {
    seen.push([this, a, b])
  })
  assert.strictEqual(emitter.emit('data', 1, 2), true)
  assert.strictEqual(emitter.emit('nothing'), false)
  assert.deepStrictEqual(seen, [[emitter, 1, 2]])
})
test('listeners run in order; prependListener goes first', () => {
  const emitter = new EventEmitter()
  const order = []
  emitter.on('x', () => order.push('a'))
  emitter.on('x', () => order.push('b'))
  emitter.prependListener('x', () => order.push('first'))
  emitter.emit('x')
  assert.deepStrictEqual(order, ['first', 'a', 'b'])
})
test('once fires a single time; prependOnceListener too', () => {
  const emitter = new EventEmitter()
  const order = []
  emitter.once('x', (v) => order.push(`once ${v}`))
  emitter.prependOnceListener('x', (v) => order.push(`prepend ${v}`))
  emitter.emit('x', 1)
  emitter.emit('x', 2)
  assert.deepStrictEqual(order, ['prepend 1', 'once 1'])
  assert.strictEqual(emitter.listenerCount('x'), 0)
})
test('a once listener can be removed by the original function', () => {
  const emitter = new EventEmitter()
  const listener = () => assert.fail('must not run')
  emitter.once('x', listener)
  assert.deepStrictEqual(emitter.listeners('x'), [listener])
  assert.notStrictEqual(emitter.rawListeners('x')[0], listener)
  assert.strictEqual(emitter.rawListeners('x')[0].listener, listener)
  emitter.off('x', listener)
  assert.strictEqual(emitter.emit('x'), false)
})
test('removeListener removes the last added matching listener only', () => {
  const emitter = new EventEmitter()
  const calls = []
  const listener = (v) => calls.push(v)
  emitter.on('x', listener)
  emitter.on('x', listener)
  emitter.removeListener('x', listener)
  emitter.emit('x', 1)
  assert.deepStrictEqual(calls, [1])
})
test('removing during emit does not skip the current round', () => {
  const emitter = new EventEmitter()
  const calls = []
  const second = () => calls.push('second')
  emitter.on('x', () => {
    calls.push('first')
    emitter.off('x', second)
  })
  emitter.on('x', second)
  emitter.emit('x')
  emitter.emit('x')
  assert.deepStrictEqual(calls, ['first', 'second', 'first'])
})
test('newListener and removeListener events', () => {
  const emitter = new EventEmitter()
  const log = []
  emitter.on('newListener', (name, fn) => log.push(['new', name, typeof fn]))
  emitter.on('removeListener', (name) => log.push(['remove', name]))
  const listener = () => {}
  emitter.on('a', listener)
  emitter.off('a', listener)
  assert.deepStrictEqual(log, [['new', 'removeListener', 'function'], ['new', 'a', 'function'], ['remove', 'a']])
})
test('newListener runs before the listener is added', () => {
  const emitter = new EventEmitter()
  emitter.once('newListener', (name) => {
    if (name === 'x') emitter.on('x', () => order.push('added inside'))
  })
  const order = []
  emitter.on('x', () => order.push('outer'))
  emitter.emit('x')
  assert.deepStrictEqual(order, ['added inside', 'outer'])
})
test('removeAllListeners for one event or all', () => {
  const emitter = new EventEmitter()
  emitter.on('a', () => {})
  emitter.on('a', () => {})
  emitter.on('b', () => {})
  emitter.removeAllListeners('a')
  assert.deepStrictEqual(emitter.eventNames(), ['b'])
  emitter.removeAllListeners()
  assert.deepStrictEqual(emitter.eventNames(), [])
})
test('eventNames lists strings and symbols', () => {
  const emitter = new EventEmitter()
  const sym = Symbol('s')
  emitter.on('a', () => {})
  emitter.on(sym, () => {})
  assert.deepStrictEqual(emitter.eventNames(), ['a', sym])
})
test('listenerCount, with and without a listener', () => {
  const emitter = new EventEmitter()
  const listener = () => {}
  emitter.on('a', listener)
  emitter.once('a', listener)
  emitter.on('a', () => {})
  assert.strictEqual(emitter.listenerCount('a'), 3)
  assert.strictEqual(emitter.listenerCount('a', listener), 2)
  assert.strictEqual(emitter.listenerCount('none'), 0)
  assert.strictEqual(EventEmitter.listenerCount(emitter, 'a'), 3)
  assert.strictEqual(events.listenerCount(emitter, 'a'), 3)
})
test('a listener must be a function: ERR_INVALID_ARG_TYPE', () => {
  const emitter = new EventEmitter()
  const cases = [
    [1, 'Received type number (1)'],
    [undefined, 'Received undefined'],
    [null, 'Received null'],
    ['abcdefghijklmnopqrstuvwxyz0123', "Received type string ('abcdefghijklmnopqrstuvwxy...')"],
    [{}, 'Received an instance of Object'],
    [[1], 'Received an instance of Array'],
  ]
  for (const [value, tail] of cases) {
    for (const method of ['on', 'addListener', 'prependListener', 'once', 'prependOnceListener', 'removeListener', 'off']) {
      assert.throws(() => emitter[method]('x', value), {
        name: 'TypeError',
        code: 'ERR_INVALID_ARG_TYPE',
        message: `The "listener" argument must be of type function. ${tail}`,
      }, method)
    }
  }
})
test("an 'error' without listeners throws the Error itself", () => {
  const emitter = new EventEmitter()
  const error = new TypeError('bad')
  assert.throws(() => emitter.emit('error', error), (thrown) => thrown === error)
})
test("a non-Error 'error' without listeners: ERR_UNHANDLED_ERROR with context", () => {
  const emitter = new EventEmitter()
  const cases = [
    ['boom', "Unhandled error. ('boom')"],
    [42, 'Unhandled error. (42)'],
    [null, 'Unhandled error. (null)'],
    [{ a: 1, b: 'x' }, "Unhandled error. ({ a: 1, b: 'x' })"],
  ]
  for (const [value, message] of cases) {
    assert.throws(() => emitter.emit('error', value), (thrown) => {
      assert.strictEqual(thrown.code, 'ERR_UNHANDLED_ERROR')
      assert.strictEqual(thrown.message, message)
      assert.strictEqual(thrown.context, value)
      return thrown instanceof Error
    })
  }
  assert.throws(() => emitter.emit('error'), { code: 'ERR_UNHANDLED_ERROR', message: 'Unhandled error. (undefined)' })
})
test("an 'error' listener stops the throw", () => {
  const emitter = new EventEmitter()
  let got
  emitter.on('error', (error) => {
    got = error
  })
  assert.strictEqual(emitter.emit('error', 'soft'), true)
  assert.strictEqual(got, 'soft')
})
test('errorMonitor listeners run first and do not handle the error', () => {
  const emitter = new EventEmitter()
  const seen = []
  emitter.on(EventEmitter.errorMonitor, (error) => seen.push(['monitor', error.message]))
  const error = new Error('watched')
  assert.throws(() => emitter.emit('error', error), (thrown) => thrown === error)
  emitter.on('error', (e) => seen.push(['handler', e.message]))
  emitter.emit('error', error)
  assert.deepStrictEqual(seen, [['monitor', 'watched'], ['monitor', 'watched'], ['handler', 'watched']])
  assert.strictEqual(typeof events.errorMonitor, 'symbol')
  assert.strictEqual(events.errorMonitor, EventEmitter.errorMonitor)
})
test('setMaxListeners/getMaxListeners and defaultMaxListeners', () => {
  const emitter = new EventEmitter()
  assert.strictEqual(EventEmitter.defaultMaxListeners, 10)
  assert.strictEqual(emitter.getMaxListeners(), 10)
  assert.strictEqual(emitter.setMaxListeners(3), emitter)
  assert.strictEqual(emitter.getMaxListeners(), 3)
  assert.strictEqual(events.getMaxListeners(emitter), 3)
})
test('setMaxListeners validates: ERR_OUT_OF_RANGE / ERR_INVALID_ARG_TYPE', () => {
  const emitter = new EventEmitter()
  assert.throws(() => emitter.setMaxListeners(-1), {
    name: 'RangeError',
    code: 'ERR_OUT_OF_RANGE',
    message: 'The value of "setMaxListeners" is out of range. It must be >= 0. Received -1',
  })
  assert.throws(() => emitter.setMaxListeners(NaN), { code: 'ERR_OUT_OF_RANGE' })
  assert.throws(() => emitter.setMaxListeners('1'), {
    name: 'TypeError',
    code: 'ERR_INVALID_ARG_TYPE',
    message: `The "setMaxListeners" argument must be of type number. Received type string ('1')`,
  })
  assert.throws(() => {
    EventEmitter.defaultMaxListeners = -1
  }, { code: 'ERR_OUT_OF_RANGE', message: 'The value of "defaultMaxListeners" is out of range. It must be >= 0. Received -1' })
  assert.strictEqual(EventEmitter.defaultMaxListeners, 10)
})
test('going past the maximum emits one MaxListenersExceededWarning', async () => {
  class Pump extends EventEmitter {}
  const emitter = new Pump()
  emitter.setMaxListeners(1)
  const warnings = []
  const original = process.emitWarning
  process.emitWarning = (warning) => warnings.push(warning)
  try {
    emitter.on('tick', () => {})
    emitter.on('tick', () => {})
    emitter.on('tick', () => {})
  } finally {
    process.emitWarning = original
  }
  assert.strictEqual(warnings.length, 1)
  const [warning] = warnings
  assert.strictEqual(warning.name, 'MaxListenersExceededWarning')
  assert.strictEqual(
    warning.message,
    'Possible EventEmitter memory leak detected. 2 tick listeners added to [Pump]. MaxListeners is 1. Use emitter.setMaxListeners() to increase limit'
  )
  assert.strictEqual(warning.emitter, emitter)
  assert.strictEqual(warning.type, 'tick')
  assert.strictEqual(warning.count, 2)
})
test('a maximum of 0 means unlimited', () => {
  const emitter = new EventEmitter()
  emitter.setMaxListeners(0)
  const original = process.emitWarning
  let warned = false
  process.emitWarning = () => {
    warned = true
  }
  try {
    for (let i = 0; i < 20; i++) emitter.on('x', () => {})
  } finally {
    process.emitWarning = original
  }
  assert.strictEqual(warned, false)
})
test('subclasses with `class extends` and `EventEmitter.call(this)`', () => {
  class Job extends EventEmitter {
    run() {
      this.emit('done', 7)
    }
  }
  function Legacy() {
    EventEmitter.call(this)
  }
  Object.setPrototypeOf(Legacy.prototype, EventEmitter.prototype)
  const job = new Job()
  let got
  job.on('done', (v) => {
    got = v
  })
  job.run()
  assert.strictEqual(got, 7)
  const legacy = new Legacy()
  legacy.on('x', () => {})
  assert.strictEqual(legacy.listenerCount('x'), 1)
  assert.ok(legacy instanceof EventEmitter)
})
test('an instance has own _events, _eventsCount, _maxListeners', () => {
  const emitter = new EventEmitter()
  assert.strictEqual(Object.getPrototypeOf(emitter._events), null)
  assert.strictEqual(emitter._eventsCount, 0)
  assert.ok(Object.prototype.hasOwnProperty.call(emitter, '_maxListeners'))
  emitter.on('a', () => {})
  assert.strictEqual(emitter._eventsCount, 1)
  assert.strictEqual(typeof emitter._events.a, 'function')
})
test('captureRejections: a rejecting async listener becomes an error event', async () => {
  const emitter = new EventEmitter({ captureRejections: true })
  const caught = new Promise((resolve) => emitter.on('error', resolve))
  emitter.on('job', async () => {
    throw new Error('async failure')
  })
  emitter.emit('job')
  const error = await caught
  assert.strictEqual(error.message, 'async failure')
})
test('captureRejections: Symbol.for(nodejs.rejection) takes precedence', async () => {
  const emitter = new EventEmitter({ captureRejections: true })
  const got = new Promise((resolve) => {
    emitter[EventEmitter.captureRejectionSymbol] = (error, type, ...args) => resolve([error.message, type, args])
  })
  emitter.on('job', async () => Promise.reject(new Error('no')))
  emitter.emit('job', 1, 2)
  assert.deepStrictEqual(await got, ['no', 'job', [1, 2]])
  assert.strictEqual(EventEmitter.captureRejectionSymbol, Symbol.for('nodejs.rejection'))
  assert.strictEqual(events.captureRejectionSymbol, Symbol.for('nodejs.rejection'))
})
test('captureRejections must be a boolean', () => {
  assert.throws(() => new EventEmitter({ captureRejections: 1 }), {
    code: 'ERR_INVALID_ARG_TYPE',
    message: 'The "options.captureRejections" property must be of type boolean. Received type number (1)',
  })
  assert.throws(() => {
    EventEmitter.captureRejections = 'yes'
  }, { code: 'ERR_INVALID_ARG_TYPE' })
  assert.strictEqual(EventEmitter.captureRejections, false)
  assert.strictEqual(events.captureRejections, false)
})
test('without captureRejections a listener promise is ignored', async () => {
  const emitter = new EventEmitter()
  let errors = 0
  emitter.on('error', () => errors++)
  emitter.on('job', () => ({ then() {} }))
  assert.strictEqual(emitter.emit('job'), true)
  await new Promise((resolve) => setTimeout(resolve, 5))
  assert.strictEqual(errors, 0)
})
test('EventEmitterAsyncResource is an EventEmitter', () => {
  const resource = new events.EventEmitterAsyncResource({ name: 'Job' })
  assert.ok(resource instanceof EventEmitter)
  assert.strictEqual(typeof resource.asyncId, 'number')
  assert.strictEqual(typeof resource.triggerAsyncId, 'number')
  assert.strictEqual(typeof resource.emitDestroy, 'function')
  let got
  resource.on('x', (v) => {
    got = v
  })
  resource.emit('x', 3)
  assert.strictEqual(got, 3)
  assert.strictEqual(EventEmitter.EventEmitterAsyncResource, events.EventEmitterAsyncResource)
})
test('usingDomains is false, init is exported', () => {
  assert.strictEqual(EventEmitter.usingDomains, false)
  assert.strictEqual(events.usingDomains, false)
  assert.strictEqual(typeof events.init, 'function')
})
