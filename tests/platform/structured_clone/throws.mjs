// structuredClone: what cannot be cloned (DataCloneError with Node's messages), bad
// arguments (Node's TypeError codes), and `transfer` of ArrayBuffers.
import { test } from '../harness.mjs'
import assert from 'node:assert'
import * as harness from '../harness.mjs'

const dataClone = (message) => (error) => {
  assert.ok(error instanceof DOMException, 'a DOMException')
  assert.strictEqual(error.name, 'DataCloneError')
  assert.strictEqual(error.code, 25)
  assert.strictEqual(error.message, message)
  return true
}

test('a function: its source in the message', () => {
  assert.throws(() => structuredClone(function () {}), dataClone('function () {} could not be cloned.'))
  assert.throws(() => structuredClone(() => 1), dataClone('() => 1 could not be cloned.'))
})
test('a class and an async function', () => {
  assert.throws(() => structuredClone(class A {}), dataClone('class A {} could not be cloned.'))
  assert.throws(() => structuredClone(async function af() {}), dataClone('async function af() {} could not be cloned.'))
})
test('a method inside an object', () => {
  assert.throws(() => structuredClone({ data: 1, a() {} }), dataClone('a() {} could not be cloned.'))
})
test('symbols, alone and nested', () => {
  assert.throws(() => structuredClone(Symbol('x')), dataClone('Symbol(x) could not be cloned.'))
  assert.throws(() => structuredClone(Symbol()), dataClone('Symbol() could not be cloned.'))
  assert.throws(() => structuredClone([1, { s: Symbol.iterator }]), dataClone('Symbol(Symbol.iterator) could not be cloned.'))
})
test('Promise, WeakMap, WeakSet, WeakRef', () => {
  assert.throws(() => structuredClone(Promise.resolve(1)), dataClone('#<Promise> could not be cloned.'))
  assert.throws(() => structuredClone(new WeakMap()), dataClone('#<WeakMap> could not be cloned.'))
  assert.throws(() => structuredClone(new WeakSet()), dataClone('#<WeakSet> could not be cloned.'))
  assert.throws(() => structuredClone(new WeakRef({})), dataClone('#<WeakRef> could not be cloned.'))
})
test('subclasses are named by their constructor', () => {
  class Deferred extends Promise {}
  class Cache extends WeakMap {}
  assert.throws(() => structuredClone(Deferred.resolve()), dataClone('#<Deferred> could not be cloned.'))
  assert.throws(() => structuredClone(new Cache()), dataClone('#<Cache> could not be cloned.'))
})
test('generators and async generators', () => {
  assert.throws(() => structuredClone((function* () {})()), dataClone('[object Generator] could not be cloned.'))
  assert.throws(() => structuredClone((async function* () {})()), dataClone('[object AsyncGenerator] could not be cloned.'))
})
test('a boxed Symbol', () => {
  assert.throws(() => structuredClone(Object(Symbol('q'))), dataClone('[object Symbol] could not be cloned.'))
})
test('arguments objects and iterators', () => {
  const args = (function () {
    return arguments
  })(1, 2)
  assert.throws(() => structuredClone(args), dataClone('#<Object> could not be cloned.'))
  assert.throws(() => structuredClone(new Map().keys()), dataClone('#<Object> could not be cloned.'))
  assert.throws(() => structuredClone(new Set().values()), dataClone('#<Object> could not be cloned.'))
  assert.throws(() => structuredClone([].values()), dataClone('#<Object> could not be cloned.'))
})
test('a module namespace object', () => {
  assert.throws(() => structuredClone(harness), dataClone('[object Module] could not be cloned.'))
})
test('the first uncloneable value in key order is the one reported', () => {
  assert.throws(() => structuredClone({ a: 1, b: Symbol('first'), c: () => 0 }), dataClone('Symbol(first) could not be cloned.'))
})
test('uncloneable values inside a Map or Set', () => {
  assert.throws(() => structuredClone(new Map([[1, Symbol('m')]])), dataClone('Symbol(m) could not be cloned.'))
  assert.throws(() => structuredClone(new Set([Promise.resolve()])), dataClone('#<Promise> could not be cloned.'))
})
test('a throwing getter propagates its own error', () => {
  assert.throws(() => structuredClone({ get a() { throw new RangeError('inner') } }), { name: 'RangeError', message: 'inner' })
})
test('no argument at all: ERR_MISSING_ARGS', () => {
  assert.throws(() => structuredClone(), { name: 'TypeError', code: 'ERR_MISSING_ARGS', message: 'The value argument must be specified' })
})
test('options must be an object, null or undefined', () => {
  assert.strictEqual(structuredClone(1, null), 1)
  assert.strictEqual(structuredClone(1, undefined), 1)
  assert.strictEqual(structuredClone(1, {}), 1)
  for (const options of [1, 'x', true]) {
    assert.throws(() => structuredClone(1, options), {
      name: 'TypeError',
      code: 'ERR_INVALID_ARG_TYPE',
      message: 'The options argument must be either an object or undefined',
    })
  }
})
test('transfer must be iterable when it is a primitive', () => {
  for (const transfer of [1, 'ab', true]) {
    assert.throws(() => structuredClone(1, { transfer }), {
      name: 'TypeError',
      code: 'ERR_INVALID_ARG_TYPE',
      message: 'Optional transferList argument must be an iterable',
    })
  }
  assert.strictEqual(structuredClone(1, { transfer: null }), 1)
  assert.strictEqual(structuredClone(1, { transfer: {} }), 1)
})
test('only ArrayBuffers can be transferred', () => {
  for (const item of [1, {}, new Uint8Array(1), 'x']) {
    assert.throws(() => structuredClone(1, { transfer: [item] }), {
      name: 'TypeError',
      code: 'ERR_INVALID_TRANSFER_OBJECT',
      message: 'Found invalid object in transferList',
    })
  }
})
test('a buffer listed twice is a DataCloneError', () => {
  const buffer = new ArrayBuffer(4)
  assert.throws(() => structuredClone(buffer, { transfer: [buffer, buffer] }), dataClone('Transfer list contains duplicate ArrayBuffer'))
})
// Node 20 detaches transferred buffers natively; our runtime detaches through
// ArrayBuffer.prototype.transfer, and an engine without it can only copy.
const detached = (buffer) => buffer.byteLength === 0 || typeof ArrayBuffer.prototype.transfer !== 'function'
test('a transferred ArrayBuffer moves into the clone', () => {
  const buffer = new Uint8Array([1, 2, 3]).buffer
  const copy = structuredClone(buffer, { transfer: [buffer] })
  assert.ok(copy instanceof ArrayBuffer)
  assert.notStrictEqual(copy, buffer)
  assert.deepStrictEqual([...new Uint8Array(copy)], [1, 2, 3])
  assert.ok(detached(buffer))
})
test('transferring the buffer of a view in the value', () => {
  const view = new Uint8Array([4, 5, 6])
  const copy = structuredClone({ view }, { transfer: [view.buffer] })
  assert.deepStrictEqual([...copy.view], [4, 5, 6])
  assert.ok(detached(view.buffer))
})
test('a transfer list can be any iterable', () => {
  const buffer = new ArrayBuffer(3)
  const copy = structuredClone(buffer, { transfer: new Set([buffer]) })
  assert.strictEqual(copy.byteLength, 3)
  assert.ok(detached(buffer))
})
test('a transferred buffer absent from the value is still detached', () => {
  const buffer = new ArrayBuffer(3)
  assert.strictEqual(structuredClone('v', { transfer: [buffer] }), 'v')
  assert.ok(detached(buffer))
})
test('a failed clone detaches nothing', () => {
  const buffer = new ArrayBuffer(3)
  assert.throws(() => structuredClone({ buffer, f() {} }, { transfer: [buffer] }), { name: 'DataCloneError' })
  assert.strictEqual(buffer.byteLength, 3)
})
test('structuredClone is an enumerable, writable global of length 0', () => {
  const desc = Object.getOwnPropertyDescriptor(globalThis, 'structuredClone')
  assert.strictEqual(typeof desc.value, 'function')
  assert.strictEqual(desc.writable, true)
  assert.strictEqual(desc.enumerable, true)
  assert.strictEqual(desc.configurable, true)
  assert.strictEqual(structuredClone.length, 0)
  assert.strictEqual(structuredClone.name, 'structuredClone')
})
