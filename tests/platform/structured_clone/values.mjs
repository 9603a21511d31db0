// structuredClone: what each kind of value clones into (Node 20's serializer is the
// reference): primitives, boxed primitives, Date, RegExp, buffers and views, Map, Set,
// arrays, plain objects, class instances, cycles and shared references, Blob.
import { test } from '../harness.mjs'
import assert from 'node:assert'

test('BigInt, NaN, -0 and strings come back as they are', () => {
  assert.strictEqual(structuredClone(2n ** 70n), 1180591620717411303424n)
  assert.ok(Number.isNaN(structuredClone(NaN)))
  assert.ok(Object.is(structuredClone({ z: -0 }).z, -0))
  assert.strictEqual(structuredClone('text'), 'text')
})
test('undefined and null survive inside objects', () => {
  const copy = structuredClone({ u: undefined, n: null })
  assert.ok('u' in copy)
  assert.strictEqual(copy.u, undefined)
  assert.strictEqual(copy.n, null)
  assert.strictEqual(structuredClone(undefined), undefined)
})
test('boxed primitives stay boxed, extra properties dropped', () => {
  const number = Object(5)
  number.extra = 1
  const copy = structuredClone(number)
  assert.strictEqual(typeof copy, 'object')
  assert.strictEqual(copy.valueOf(), 5)
  assert.strictEqual(copy.extra, undefined)
  assert.strictEqual(structuredClone(Object('ab')).valueOf(), 'ab')
  assert.strictEqual(structuredClone(Object(false)).valueOf(), false)
  assert.strictEqual(structuredClone(Object(10n)).valueOf(), 10n)
  assert.ok(structuredClone(Object(10n)) instanceof BigInt)
})
test('Date keeps its time, not its extra properties', () => {
  const date = new Date(86400000)
  date.extra = 1
  const copy = structuredClone(date)
  assert.ok(copy instanceof Date)
  assert.notStrictEqual(copy, date)
  assert.strictEqual(copy.toISOString(), '1970-01-02T00:00:00.000Z')
  assert.strictEqual(copy.extra, undefined)
})
test('an invalid Date stays an invalid Date', () => {
  const copy = structuredClone(new Date(NaN))
  assert.ok(copy instanceof Date)
  assert.ok(Number.isNaN(copy.getTime()))
})
test('a Date subclass clones into a Date', () => {
  class Day extends Date {}
  const copy = structuredClone(new Day(5))
  assert.strictEqual(Object.getPrototypeOf(copy), Date.prototype)
  assert.strictEqual(copy.getTime(), 5)
})
test('RegExp keeps source and flags, lastIndex resets', () => {
  const regexp = /a+b/gimsy
  regexp.lastIndex = 3
  regexp.extra = true
  const copy = structuredClone(regexp)
  assert.ok(copy instanceof RegExp)
  assert.strictEqual(copy.source, 'a+b')
  assert.strictEqual(copy.flags, 'gimsy')
  assert.strictEqual(copy.lastIndex, 0)
  assert.strictEqual(copy.extra, undefined)
  assert.strictEqual(structuredClone(/\u{1F600}/u).unicode, true)
})
test('an ArrayBuffer is copied, not shared', () => {
  const buffer = new Uint8Array([1, 2, 3]).buffer
  buffer.extra = 1
  const copy = structuredClone(buffer)
  assert.ok(copy instanceof ArrayBuffer)
  assert.notStrictEqual(copy, buffer)
  assert.deepStrictEqual([...new Uint8Array(copy)], [1, 2, 3])
  new Uint8Array(copy)[0] = 9
  assert.strictEqual(new Uint8Array(buffer)[0], 1)
  assert.strictEqual(copy.extra, undefined)
})
test('a resizable ArrayBuffer stays resizable', () => {
  if (!('resizable' in ArrayBuffer.prototype)) return
  const copy = structuredClone(new ArrayBuffer(2, { maxByteLength: 8 }))
  assert.strictEqual(copy.resizable, true)
  assert.strictEqual(copy.maxByteLength, 8)
  assert.strictEqual(copy.byteLength, 2)
})
test('every typed array kind keeps its kind and contents', () => {
  const kinds = [Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array, Float32Array, Float64Array]
  for (const Kind of kinds) {
    const copy = structuredClone(new Kind([1, 2, 3]))
    assert.strictEqual(Object.getPrototypeOf(copy), Kind.prototype, Kind.name)
    assert.deepStrictEqual([...copy], [1, 2, 3])
  }
  assert.deepStrictEqual([...structuredClone(new BigInt64Array([-1n]))], [-1n])
  assert.deepStrictEqual([...structuredClone(new BigUint64Array([2n ** 64n - 1n]))], [2n ** 64n - 1n])
})
test('a view keeps its offset and length over a copy of the whole buffer', () => {
  const view = new Uint32Array(new ArrayBuffer(16), 4, 2)
  view[0] = 7
  const copy = structuredClone(view)
  assert.strictEqual(copy.byteOffset, 4)
  assert.strictEqual(copy.length, 2)
  assert.strictEqual(copy[0], 7)
  assert.strictEqual(copy.buffer.byteLength, 16)
})
test('DataView keeps offset and length', () => {
  const view = new DataView(new ArrayBuffer(6), 1, 4)
  view.setUint16(0, 0xbeef)
  const copy = structuredClone(view)
  assert.ok(copy instanceof DataView)
  assert.strictEqual(copy.byteOffset, 1)
  assert.strictEqual(copy.byteLength, 4)
  assert.strictEqual(copy.getUint16(0), 0xbeef)
})
test('a buffer and its views keep sharing one clone', () => {
  const buffer = new ArrayBuffer(8)
  const copy = structuredClone([buffer, new Uint8Array(buffer), new DataView(buffer, 2)])
  assert.strictEqual(copy[1].buffer, copy[0])
  assert.strictEqual(copy[2].buffer, copy[0])
  copy[1][2] = 5
  assert.strictEqual(copy[2].getUint8(0), 5)
})
test('a Buffer keeps offset and bytes, as a Uint8Array', () => {
  const source = Buffer.from('hey')
  const copy = structuredClone(source)
  assert.strictEqual(copy.constructor, Uint8Array)
  assert.strictEqual(copy.byteOffset, source.byteOffset)
  assert.strictEqual(copy.buffer.byteLength, source.buffer.byteLength)
  assert.deepStrictEqual([...copy], [104, 101, 121])
})
test('typed array subclasses and extra properties are not kept', () => {
  class Bytes extends Uint8Array {}
  const bytes = new Bytes(2)
  bytes.extra = 1
  const copy = structuredClone(bytes)
  assert.strictEqual(Object.getPrototypeOf(copy), Uint8Array.prototype)
  assert.strictEqual(copy.extra, undefined)
})
test('Map: entries in order, keys and values deep-copied', () => {
  const key = { k: 1 }
  const map = new Map([[key, key], ['b', [2]], [3, 'c']])
  const copy = structuredClone(map)
  assert.ok(copy instanceof Map)
  assert.strictEqual(copy.size, 3)
  const [[copyKey, copyValue], [second, list]] = copy
  assert.notStrictEqual(copyKey, key)
  assert.strictEqual(copyKey, copyValue)
  assert.deepStrictEqual(copyKey, { k: 1 })
  assert.strictEqual(second, 'b')
  assert.deepStrictEqual(list, [2])
  assert.deepStrictEqual([...copy.keys()].slice(1), ['b', 3])
})
test('Map and Set subclasses clone into Map and Set, without extra properties', () => {
  class Registry extends Map {}
  class Bag extends Set {}
  const registry = new Registry([[1, 2]])
  registry.extra = 1
  const copy = structuredClone(registry)
  assert.strictEqual(Object.getPrototypeOf(copy), Map.prototype)
  assert.strictEqual(copy.get(1), 2)
  assert.strictEqual(copy.extra, undefined)
  assert.strictEqual(Object.getPrototypeOf(structuredClone(new Bag([1]))), Set.prototype)
})
test('Set: values in order, objects deep-copied', () => {
  const inner = { a: 1 }
  const copy = structuredClone(new Set(['x', inner, 2]))
  assert.ok(copy instanceof Set)
  const values = [...copy]
  assert.strictEqual(values[0], 'x')
  assert.notStrictEqual(values[1], inner)
  assert.deepStrictEqual(values[1], inner)
  assert.strictEqual(values[2], 2)
})
test('arrays keep holes, length and extra properties', () => {
  const array = [1, , 3]
  array[10] = 'ten'
  array.label = 'extra'
  const copy = structuredClone(array)
  assert.ok(Array.isArray(copy))
  assert.strictEqual(copy.length, 11)
  assert.strictEqual(1 in copy, false)
  assert.strictEqual(copy[10], 'ten')
  assert.strictEqual(copy.label, 'extra')
  assert.deepStrictEqual(Object.keys(copy), ['0', '2', '10', 'label'])
})
test('an empty array with a length keeps the length', () => {
  const array = []
  array.length = 5
  const copy = structuredClone(array)
  assert.strictEqual(copy.length, 5)
  assert.deepStrictEqual(Object.keys(copy), [])
})
test('array index getters are read; non-enumerable indices become holes', () => {
  const array = [1, 2, 3]
  Object.defineProperty(array, 0, { get: () => 9, enumerable: true })
  Object.defineProperty(array, 1, { value: 5, enumerable: false })
  const copy = structuredClone(array)
  assert.strictEqual(copy[0], 9)
  assert.strictEqual(1 in copy, false)
  assert.strictEqual(copy[2], 3)
})
test('an Array subclass clones into an Array', () => {
  class List extends Array {}
  const list = List.from([1, 2])
  const copy = structuredClone(list)
  assert.strictEqual(Object.getPrototypeOf(copy), Array.prototype)
  assert.deepStrictEqual(copy, [1, 2])
})
test('plain objects keep own enumerable string keys in order', () => {
  const object = { b: 1, 2: 'two', a: 2, 1: 'one' }
  Object.defineProperty(object, 'hidden', { value: 1, enumerable: false })
  object[Symbol('s')] = 1
  const copy = structuredClone(object)
  assert.deepStrictEqual(Object.keys(copy), ['1', '2', 'b', 'a'])
  assert.strictEqual(Object.getOwnPropertySymbols(copy).length, 0)
  assert.strictEqual('hidden' in copy, false)
})
test('getters are invoked once and become data properties', () => {
  let calls = 0
  const copy = structuredClone({ get value() { calls++; return 7 } })
  assert.strictEqual(calls, 1)
  assert.deepStrictEqual(Object.getOwnPropertyDescriptor(copy, 'value'), { value: 7, writable: true, enumerable: true, configurable: true })
})
test('a key deleted by an earlier getter is skipped, a key added is not cloned', () => {
  const source = { a: 1, get b() { delete source.c; source.d = 4; return 2 }, c: 3 }
  assert.deepStrictEqual(structuredClone(source), { a: 1, b: 2 })
})
test('class instances lose their prototype and its accessors', () => {
  class Point {
    constructor() {
      this.x = 1
    }
    get y() {
      return 2
    }
    norm() {
      return 0
    }
  }
  const copy = structuredClone(new Point())
  assert.strictEqual(Object.getPrototypeOf(copy), Object.prototype)
  assert.deepStrictEqual(Object.keys(copy), ['x'])
  assert.strictEqual(copy.y, undefined)
})
test('a null-prototype object clones into an ordinary object', () => {
  const source = Object.create(null)
  source.a = 1
  const copy = structuredClone(source)
  assert.strictEqual(Object.getPrototypeOf(copy), Object.prototype)
  assert.strictEqual(copy.a, 1)
})
test('an own __proto__ key stays an own key', () => {
  const copy = structuredClone(JSON.parse('{"__proto__": {"x": 1}, "a": 2}'))
  assert.deepStrictEqual(Object.keys(copy), ['__proto__', 'a'])
  assert.strictEqual(Object.getPrototypeOf(copy), Object.prototype)
  assert.strictEqual(copy.x, undefined)
})
test('namespace-like built-ins (Math, JSON) clone into empty objects', () => {
  assert.deepStrictEqual(structuredClone(Math), {})
  assert.deepStrictEqual(structuredClone(JSON), {})
})
test('self references in objects, arrays, Maps and Sets', () => {
  const object = { name: 'root' }
  object.self = object
  object.list = [object]
  const copy = structuredClone(object)
  assert.notStrictEqual(copy, object)
  assert.strictEqual(copy.self, copy)
  assert.strictEqual(copy.list[0], copy)
  const map = new Map()
  map.set(map, map)
  const [[key, value]] = structuredClone(map)
  assert.strictEqual(key, value)
  const set = new Set()
  set.add(set)
  const setCopy = structuredClone(set)
  assert.strictEqual([...setCopy][0], setCopy)
})
test('shared references stay shared across containers', () => {
  const shared = { s: 1 }
  const copy = structuredClone({ list: [shared], map: new Map([['k', shared]]), set: new Set([shared]), direct: shared })
  assert.strictEqual(copy.list[0], copy.direct)
  assert.strictEqual(copy.map.get('k'), copy.direct)
  assert.strictEqual([...copy.set][0], copy.direct)
  assert.notStrictEqual(copy.direct, shared)
})
test('a JSON-shaped document round-trips', () => {
  const doc = { id: 1, tags: ['a', 'b'], nested: { deep: [{ x: null, y: true, z: 1.5 }] }, empty: {} }
  assert.deepStrictEqual(structuredClone(doc), doc)
})
test('Blob clones into a Blob of the same bytes and type', async () => {
  if (typeof Blob !== 'function') return
  const copy = structuredClone(new Blob(['hello'], { type: 'text/plain' }))
  assert.ok(copy instanceof Blob)
  assert.strictEqual(copy.size, 5)
  assert.strictEqual(copy.type, 'text/plain')
  assert.strictEqual(await copy.text(), 'hello')
})
test('File clones into a Blob of the same bytes and type (as in Node 20)', async () => {
  if (typeof File !== 'function') return
  const copy = structuredClone({ file: new File(['ab'], 'a.txt', { type: 'text/plain' }) }).file
  assert.strictEqual(copy.constructor, Blob)
  assert.strictEqual(copy.type, 'text/plain')
  assert.strictEqual(await copy.text(), 'ab')
})
