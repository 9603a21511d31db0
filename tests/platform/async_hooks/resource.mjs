// async_hooks: AsyncResource (runInAsyncScope, bind, the static bind, ids), the static
// AsyncLocalStorage.bind / snapshot, EventEmitterAsyncResource, createHook and the id
// functions as Node 20 has them.
import { test } from '../harness.mjs'
import assert from 'node:assert'
import {
  AsyncLocalStorage,
  AsyncResource,
  createHook,
  executionAsyncId,
  triggerAsyncId,
} from 'node:async_hooks'
import { EventEmitterAsyncResource } from 'node:events'

test('runInAsyncScope runs in the context of the resource creation', () => {
  const als = new AsyncLocalStorage()
  const resource = als.run('created', () => new AsyncResource('TEST'))
  const result = als.run('other', () => resource.runInAsyncScope(function (a, b) {
    assert.strictEqual(this, 'this')
    return [als.getStore(), a, b]
  }, 'this', 1, 2))
  assert.deepStrictEqual(result, ['created', 1, 2])
})

test('bind keeps this when no thisArg is given, and sets length and asyncResource', () => {
  const als = new AsyncLocalStorage()
  const resource = als.run('bound', () => new AsyncResource('TEST'))
  const fn = resource.bind(function (a, b) {
    return [this, als.getStore(), a, b]
  })
  assert.strictEqual(fn.length, 2)
  assert.strictEqual(fn.asyncResource, resource)
  const target = { fn }
  assert.deepStrictEqual(target.fn(1, 2), [target, 'bound', 1, 2])
  const withThis = resource.bind(function () {
    return this
  }, 'fixed')
  assert.strictEqual(withThis.call('ignored'), 'fixed')
})

test('AsyncResource.bind and AsyncLocalStorage.bind capture the current context', () => {
  const als = new AsyncLocalStorage()
  const a = als.run('a', () => AsyncResource.bind(() => als.getStore()))
  const b = als.run('b', () => AsyncLocalStorage.bind(() => als.getStore()))
  assert.strictEqual(a(), 'a')
  assert.strictEqual(b(), 'b')
  assert.ok(a.asyncResource instanceof AsyncResource)
})

test('AsyncLocalStorage.snapshot runs a function in the captured context', async () => {
  const als = new AsyncLocalStorage()
  const runInSnapshot = als.run(123, () => AsyncLocalStorage.snapshot())
  assert.strictEqual(als.run(321, () => runInSnapshot((x) => [x, als.getStore()], 'arg'))[1], 123)
  assert.strictEqual(als.run(321, () => runInSnapshot(() => als.getStore())), 123)
  const later = await als.run(5, () => runInSnapshot(async () => {
    await new Promise((resolve) => setTimeout(resolve, 1))
    return als.getStore()
  }))
  assert.strictEqual(later, 123)
})

test('the constructor validates type and triggerAsyncId', () => {
  assert.throws(() => new AsyncResource(), { code: 'ERR_INVALID_ARG_TYPE', name: 'TypeError' })
  assert.throws(() => new AsyncResource('T', { triggerAsyncId: -2 }), { code: 'ERR_INVALID_ASYNC_ID', name: 'RangeError' })
  assert.throws(() => new AsyncResource('T').bind(5), { code: 'ERR_INVALID_ARG_TYPE' })
})

test('asyncId and triggerAsyncId are numbers; the resource sets them in its scope', () => {
  const resource = new AsyncResource('TEST', { triggerAsyncId: executionAsyncId() })
  assert.strictEqual(typeof resource.asyncId(), 'number')
  assert.strictEqual(resource.triggerAsyncId(), executionAsyncId())
  const other = new AsyncResource('TEST')
  assert.notStrictEqual(other.asyncId(), resource.asyncId())
  resource.runInAsyncScope(() => {
    assert.strictEqual(executionAsyncId(), resource.asyncId())
    assert.strictEqual(triggerAsyncId(), resource.triggerAsyncId())
  })
  assert.strictEqual(typeof executionAsyncId(), 'number')
  assert.strictEqual(typeof triggerAsyncId(), 'number')
  assert.strictEqual(resource.emitDestroy(), resource)
  const numeric = new AsyncResource('TEST', 7)
  assert.strictEqual(numeric.triggerAsyncId(), 7)
})

test('createHook validates the callbacks and returns an enable/disable pair', () => {
  const hook = createHook({ init() {} })
  assert.strictEqual(hook.enable(), hook)
  assert.strictEqual(hook.disable(), hook)
  assert.throws(() => createHook({ init: 1 }), { code: 'ERR_ASYNC_CALLBACK' })
})

test('EventEmitterAsyncResource runs listeners in the context of its creation', () => {
  const als = new AsyncLocalStorage()
  const emitter = als.run('made', () => new EventEmitterAsyncResource({ name: 'E' }))
  let seen
  emitter.on('x', () => {
    seen = als.getStore()
  })
  als.run('emitting', () => emitter.emit('x'))
  assert.strictEqual(seen, 'made')
  assert.ok(emitter.asyncResource instanceof AsyncResource)
  assert.strictEqual(emitter.asyncResource.eventEmitter, emitter)
  assert.strictEqual(typeof emitter.asyncId, 'number')
})
