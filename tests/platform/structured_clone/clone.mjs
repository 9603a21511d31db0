// structuredClone: the structured clone algorithm as Node 20 applies it.
import { test } from '../harness.mjs'
import assert from 'node:assert'

test('primitives come back as they are', () => {
  for (const value of [1, 'a', true, null, undefined, 10n, NaN, -0]) assert.ok(Object.is(structuredClone(value), value))
})
test('plain objects and arrays are deep copies', () => {
  const input = { a: [1, { b: 2 }], c: 'x' }
  const copy = structuredClone(input)
  assert.deepStrictEqual(copy, input)
  assert.notStrictEqual(copy.a, input.a)
  assert.notStrictEqual(copy.a[1], input.a[1])
})
test('Date, RegExp, Map, Set', () => {
  const date = new Date(123)
  assert.strictEqual(structuredClone(date).getTime(), 123)
  const regexp = structuredClone(/ab+c/gi)
  assert.strictEqual(regexp.source, 'ab+c')
  assert.strictEqual(regexp.flags, 'gi')
  const map = structuredClone(new Map([[1, { x: 1 }]]))
  assert.deepStrictEqual(map, new Map([[1, { x: 1 }]]))
  assert.deepStrictEqual(structuredClone(new Set([1, 'a'])), new Set([1, 'a']))
})
test('cycles and shared references are preserved', () => {
  const shared = { s: 1 }
  const input = { one: shared, two: shared }
  input.self = input
  const copy = structuredClone(input)
  assert.strictEqual(copy.self, copy)
  assert.strictEqual(copy.one, copy.two)
  assert.notStrictEqual(copy.one, shared)
})
test('typed arrays and ArrayBuffers are copied', () => {
  const bytes = new Uint8Array([1, 2, 3])
  const copy = structuredClone(bytes)
  assert.deepStrictEqual(copy, bytes)
  copy[0] = 9
  assert.strictEqual(bytes[0], 1)
  const floats = structuredClone(new Float64Array([1.5]))
  assert.ok(floats instanceof Float64Array)
  assert.strictEqual(structuredClone(new ArrayBuffer(4)).byteLength, 4)
})
test('views of one buffer share one cloned buffer', () => {
  const buffer = new ArrayBuffer(8)
  const copy = structuredClone({ a: new Uint8Array(buffer), b: new Uint16Array(buffer, 2, 2) })
  assert.strictEqual(copy.a.buffer, copy.b.buffer)
  assert.strictEqual(copy.b.byteOffset, 2)
})
test('a Buffer clones into a plain Uint8Array', () => {
  const copy = structuredClone(Buffer.from('hi'))
  assert.strictEqual(Object.getPrototypeOf(copy), Uint8Array.prototype)
  assert.deepStrictEqual([...copy], [104, 105])
})
test('errors keep name, message and cause', () => {
  const copy = structuredClone(new RangeError('bad', { cause: 'why' }))
  assert.ok(copy instanceof RangeError)
  assert.strictEqual(copy.message, 'bad')
  assert.strictEqual(copy.cause, 'why')
})
test('class instances become plain objects', () => {
  class Point {
    constructor() {
      this.x = 1
    }
  }
  const copy = structuredClone(new Point())
  assert.strictEqual(Object.getPrototypeOf(copy), Object.prototype)
  assert.deepStrictEqual(copy, { x: 1 })
})
test('array holes and boxed primitives', () => {
  const copy = structuredClone([1, , 3])
  assert.strictEqual(1 in copy, false)
  assert.strictEqual(copy.length, 3)
  assert.strictEqual(typeof structuredClone(new Number(3)), 'object')
  assert.strictEqual(structuredClone(new String('s')).valueOf(), 's')
})
test('functions, symbols, WeakMaps and Promises throw DataCloneError', () => {
  for (const value of [() => {}, Symbol('s'), new WeakMap(), Promise.resolve(), { f() {} }]) {
    assert.throws(() => structuredClone(value), (error) => error.name === 'DataCloneError' && error instanceof DOMException)
  }
})
test('no argument is a TypeError', () => {
  assert.throws(() => structuredClone(), TypeError)
})
test('getters are read, not copied', () => {
  const copy = structuredClone({ get value() { return 42 } })
  assert.strictEqual(Object.getOwnPropertyDescriptor(copy, 'value').value, 42)
})
