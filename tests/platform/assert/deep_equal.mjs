// assert.deepEqual / deepStrictEqual (and their negations): Node 20's comparison rules
// for primitives, prototypes, arrays and holes, Dates, RegExps, boxed primitives, errors,
// typed arrays and buffers, Maps and Sets, symbol keys, cycles and the objects that only
// compare by their properties (functions by reference). Each case states the outcome in
// both modes.
import { test } from '../harness.mjs'
import assert from 'node:assert'

// Whether the two values are equal in the strict and in the loose mode.
function outcome(a, b) {
  const result = (fn) => {
    try {
      fn(a, b)
      return true
    } catch (error) {
      if (!(error instanceof assert.AssertionError)) throw error
      return false
    }
  }
  const strict = result(assert.deepStrictEqual)
  const loose = result(assert.deepEqual)
  // The negations must always disagree with the positive forms.
  if (result(assert.notDeepStrictEqual) === strict) throw new Error('notDeepStrictEqual agrees with deepStrictEqual')
  if (result(assert.notDeepEqual) === loose) throw new Error('notDeepEqual agrees with deepEqual')
  return { strict, loose }
}

// expect(a, b, strictEqual, looseEqual), checked both ways round.
function expect(a, b, strict, loose, label = '') {
  for (const [x, y, way] of [[a, b, 'a,b'], [b, a, 'b,a']]) {
    const got = outcome(x, y)
    if (got.strict !== strict || got.loose !== loose) {
      throw new Error(`${label} (${way}): expected strict=${strict} loose=${loose}, got strict=${got.strict} loose=${got.loose}`)
    }
  }
}

const args = function () {
  return arguments
}

test('primitives: Object.is when strict, == when loose', () => {
  expect(1, 1, true, true, '1 1')
  expect(1, '1', false, true, "1 '1'")
  expect(NaN, NaN, true, true, 'NaN')
  expect(-0, 0, false, true, '-0 0')
  expect(null, undefined, false, true, 'null undefined')
  expect('', 0, false, true, "'' 0")
  expect(1n, 1, false, true, '1n 1')
  expect(true, 1, false, true, 'true 1')
  expect('a', 'b', false, false, 'a b')
  expect(Symbol.for('x'), Symbol.for('x'), true, true, 'registered symbol')
  expect(Symbol('x'), Symbol('x'), false, false, 'distinct symbols')
})

test('a primitive never equals an object', () => {
  expect(1, {}, false, false, '1 {}')
  expect(1, new Number(1), false, false, '1 Number(1)')
  expect('a', new String('a'), false, false, "'a' String('a')")
  expect(null, {}, false, false, 'null {}')
})

test('plain objects: own enumerable keys in any order', () => {
  expect({ a: 1, b: 2 }, { b: 2, a: 1 }, true, true, 'order')
  expect({ a: 1 }, { a: 1, b: 2 }, false, false, 'extra key')
  expect({ a: undefined }, {}, false, false, 'undefined vs missing')
  expect({ a: undefined }, { b: undefined }, false, false, 'different keys')
  expect({ 1: 'a' }, { '1': 'a' }, true, true, 'numeric keys')
  expect({ a: { b: [1, { c: 'x' }] } }, { a: { b: [1, { c: 'x' }] } }, true, true, 'nested')
  expect({ a: { b: [1, { c: 'x' }] } }, { a: { b: [1, { c: 'y' }] } }, false, false, 'nested difference')
  expect({ a: 1 }, { a: '1' }, false, true, 'loose values')
})

test('non-enumerable properties are ignored, getters compare by value', () => {
  const hidden = {}
  Object.defineProperty(hidden, 'x', { value: 1, enumerable: false })
  expect(hidden, {}, true, true, 'non-enumerable')
  expect({ get a() { return 1 } }, { a: 1 }, true, true, 'getter')
  expect({ get a() { return 1 } }, { get a() { return 2 } }, false, false, 'getters differ')
})

test('prototypes matter only when strict', () => {
  expect(Object.create(null), {}, false, true, 'null prototype')
  class Point {
    constructor() {
      this.x = 1
    }
  }
  expect(new Point(), { x: 1 }, false, true, 'class instance vs plain')
  expect(new Point(), new Point(), true, true, 'two instances')
  class A extends Array {}
  expect(A.from([1]), [1], false, true, 'Array subclass')
})

test('the toString tag matters in both modes', () => {
  expect({}, { [Symbol.toStringTag]: 'X' }, false, false, 'toStringTag')
  expect([], {}, false, false, '[] {}')
  expect([1], { 0: 1, length: 1 }, false, false, 'array-like')
  expect(args(1), [1], false, false, 'arguments vs array')
  expect(args(1), { 0: 1 }, false, false, 'arguments vs object')
  expect(args(1, 2), args(1, 2), true, true, 'arguments vs arguments')
})

test('arrays: length, elements, extra properties', () => {
  expect([1, 2, 3], [1, 2, 3], true, true, 'same')
  expect([1], [1, 2], false, false, 'length')
  expect([1, 2], [2, 1], false, false, 'order')
  const withProp = [1]
  withProp.x = 1
  expect(withProp, [1], false, false, 'extra string key')
  expect([null], [undefined], false, true, 'null undefined element')
  expect([0], [false], false, true, '0 false element')
  expect([-0], [0], false, true, '-0 element')
  expect([NaN], [NaN], true, true, 'NaN element')
})

test('array holes differ from undefined in both modes', () => {
  expect([1, , 3], [1, undefined, 3], false, false, 'hole vs undefined')
  expect([1, , 3], [1, , 3], true, true, 'holes in the same place')
  expect([, 1], [1, ,], false, false, 'holes elsewhere')
  expect(new Array(100000), new Array(100000), true, true, 'large sparse')
  const a = new Array(5)
  a[3] = 1
  const b = new Array(5)
  b[3] = '1'
  expect(a, b, false, true, 'sparse with values')
})

test('symbol keys count only when strict', () => {
  const s = Symbol.for('k')
  expect({ [s]: 1 }, { [s]: 2 }, false, true, 'symbol values differ')
  expect({ [s]: 1 }, { [s]: 1 }, true, true, 'symbol values same')
  expect({}, { [Symbol('only')]: 1 }, false, true, 'symbol on one side')
  const hidden = {}
  Object.defineProperty(hidden, s, { value: 1, enumerable: false })
  expect(hidden, {}, true, true, 'non-enumerable symbol')
  const arr = [1]
  arr[s] = 1
  expect(arr, [1], false, true, 'symbol on an array')
})

test('Dates compare their time value and their properties', () => {
  expect(new Date(0), new Date(0), true, true, 'same time')
  expect(new Date(0), new Date(1), false, false, 'different time')
  expect(new Date(NaN), new Date(NaN), false, false, 'invalid dates')
  const withProp = new Date(0)
  withProp.x = 1
  expect(withProp, new Date(0), false, false, 'extra property')
  class MyDate extends Date {}
  expect(new MyDate(0), new Date(0), false, true, 'Date subclass')
  expect(new Date(0), {}, false, false, 'Date vs object')
})

test('RegExps compare source, flags and lastIndex', () => {
  expect(/a/g, /a/g, true, true, 'same')
  expect(/a/g, /a/i, false, false, 'flags')
  expect(/a/, /b/, false, false, 'source')
  const moved = /a/g
  moved.lastIndex = 3
  expect(/a/g, moved, false, false, 'lastIndex')
  const withProp = /a/
  withProp.x = 1
  expect(withProp, /a/, false, false, 'extra property')
  expect(/a/, {}, false, false, 'RegExp vs object')
})

test('boxed primitives compare their primitive with Object.is', () => {
  expect(new Number(1), new Number(1), true, true, 'Number')
  expect(new Number(1), new Number(2), false, false, 'Number differs')
  expect(new Number(-0), new Number(0), false, false, 'Number -0 even loose')
  expect(new Number(NaN), new Number(NaN), true, true, 'Number NaN')
  expect(new String('ab'), new String('ab'), true, true, 'String')
  expect(new String('1'), new Number(1), false, false, 'String vs Number')
  expect(new Boolean(false), new Boolean(false), true, true, 'Boolean')
  expect(Object(1n), Object(1n), true, true, 'BigInt')
  expect(Object(Symbol.iterator), Object(Symbol.iterator), true, true, 'Symbol')
  const withProp = new String('ab')
  withProp.x = 1
  expect(withProp, new String('ab'), false, false, 'extra property')
})

test('errors compare name, message and own enumerable properties', () => {
  expect(new Error('a'), new Error('a'), true, true, 'same')
  expect(new Error('a'), new Error('b'), false, false, 'message')
  expect(new TypeError('a'), new Error('a'), false, false, 'name')
  const coded = Object.assign(new Error('x'), { code: 1 })
  expect(coded, Object.assign(new Error('x'), { code: 2 }), false, false, 'property differs')
  expect(coded, Object.assign(new Error('x'), { code: '1' }), false, true, 'property loosely equal')
  expect(new Error('a'), { name: 'Error', message: 'a' }, false, false, 'error vs object')
  class MyError extends Error {}
  expect(new MyError('a'), new Error('a'), false, true, 'subclass with the same name: prototype, strict only')
})

test('errors compare cause and errors', () => {
  expect(new Error('a', { cause: 1 }), new Error('a', { cause: 2 }), false, false, 'cause differs')
  expect(new Error('a', { cause: 1 }), new Error('a', { cause: '1' }), false, true, 'cause loosely equal')
  expect(new Error('a', { cause: { x: [1] } }), new Error('a', { cause: { x: [1] } }), true, true, 'cause deep')
  expect(new Error('a', { cause: 1 }), new Error('a'), false, false, 'cause on one side')
  expect(new AggregateError([1, { a: 2 }], 'm'), new AggregateError([1, { a: 2 }], 'm'), true, true, 'errors same')
  expect(new AggregateError([1], 'm'), new AggregateError([2], 'm'), false, false, 'errors differ')
})

test('typed arrays compare their bytes and type', () => {
  expect(new Uint8Array([1, 2]), new Uint8Array([1, 2]), true, true, 'same')
  expect(new Uint8Array([1, 2]), new Uint8Array([1, 3]), false, false, 'bytes differ')
  expect(new Uint8Array(2), new Uint8Array(3), false, false, 'length')
  expect(new Int8Array(1), new Uint8Array(1), false, false, 'type')
  expect(new Uint16Array([1]), new Uint8Array([1, 0]), false, false, 'same bytes, other type')
  expect(new BigInt64Array([1n]), new BigInt64Array([1n]), true, true, 'BigInt64Array')
  const big = new Uint8Array([9, 1, 2])
  expect(big.subarray(1), new Uint8Array([1, 2]), true, true, 'views by content')
  const withProp = new Uint8Array(1)
  withProp.x = 1
  expect(withProp, new Uint8Array(1), false, false, 'extra property')
})

test('float arrays: bytes when strict, values when loose', () => {
  expect(new Float64Array([-0]), new Float64Array([0]), false, true, '-0')
  expect(new Float64Array([NaN]), new Float64Array([NaN]), true, false, 'NaN')
  expect(new Float32Array([1.5]), new Float32Array([1.5]), true, true, 'same')
})

test('Buffers: by content, and a Buffer is not a Uint8Array when strict', () => {
  expect(Buffer.from('ab'), Buffer.from('ab'), true, true, 'same')
  expect(Buffer.from('ab'), Buffer.from('ac'), false, false, 'differ')
  expect(Buffer.from([1]), new Uint8Array([1]), false, true, 'Buffer vs Uint8Array')
})

test('ArrayBuffer and DataView compare bytes', () => {
  expect(new ArrayBuffer(2), new ArrayBuffer(2), true, true, 'ArrayBuffer')
  expect(new Uint8Array([1]).buffer, new Uint8Array([2]).buffer, false, false, 'ArrayBuffer bytes')
  expect(new ArrayBuffer(1), new ArrayBuffer(2), false, false, 'ArrayBuffer length')
  expect(new DataView(new ArrayBuffer(2)), new DataView(new ArrayBuffer(2)), true, true, 'DataView')
  expect(new DataView(new Uint8Array([1]).buffer), new DataView(new Uint8Array([2]).buffer), false, false, 'DataView bytes')
  expect(new DataView(new ArrayBuffer(1)), new ArrayBuffer(1), false, false, 'DataView vs ArrayBuffer')
})

test('Maps: entries in any order, values compared deeply', () => {
  expect(new Map([[1, 'a'], [2, 'b']]), new Map([[2, 'b'], [1, 'a']]), true, true, 'order')
  expect(new Map([[1, { x: 1 }]]), new Map([[1, { x: 1 }]]), true, true, 'deep values')
  expect(new Map([[1, -0]]), new Map([[1, 0]]), false, true, 'value -0')
  expect(new Map([[1, 'a']]), new Map([['1', 'a']]), false, true, 'loose key')
  expect(new Map([[1, undefined]]), new Map([[2, undefined]]), false, false, 'different keys, undefined values')
  expect(new Map([[NaN, 1]]), new Map([[NaN, 1]]), true, true, 'NaN key')
  expect(new Map([[1, 1]]), new Map([[1, 1], [2, 2]]), false, false, 'size')
  const withProp = new Map()
  withProp.x = 1
  expect(withProp, new Map(), false, false, 'extra property')
})

test('Maps with object keys match them deeply', () => {
  expect(new Map([[{ a: 1 }, 1]]), new Map([[{ a: 1 }, 1]]), true, true, 'object key')
  expect(new Map([[{ a: 1 }, 1]]), new Map([[{ a: 1 }, 2]]), false, false, 'object key, other value')
  expect(new Map([[{}, 'a'], [{}, 'b']]), new Map([[{}, 'b'], [{}, 'a']]), true, true, 'all candidates tried')
  expect(new Map([[[1], 'x']]), new Map([[['1'], 'x']]), false, true, 'loose object key')
})

test('Sets: elements in any order, objects matched deeply', () => {
  expect(new Set([1, 2]), new Set([2, 1]), true, true, 'order')
  expect(new Set([1]), new Set(['1']), false, true, 'loose primitive')
  expect(new Set([1, 2]), new Set(['1', '2']), false, true, 'loose primitives')
  expect(new Set([1, 2]), new Set(['1', 3]), false, false, 'one missing')
  expect(new Set([{ a: 1 }, { b: 2 }]), new Set([{ b: 2 }, { a: 1 }]), true, true, 'objects')
  expect(new Set([{ a: 1 }, { a: '1' }]), new Set([{ a: '1' }, { a: 1 }]), true, true, 'objects, each matched')
  expect(new Set([{ a: 1 }, 'x']), new Set([{ a: '1' }, 'x']), false, true, 'objects, loose')
  expect(new Set([NaN]), new Set([NaN]), true, true, 'NaN')
  expect(new Set([-0]), new Set([0]), true, true, '-0 (SameValueZero)')
  expect(new Set([null]), new Set([undefined]), false, true, 'null undefined')
  expect(new Set([[1]]), new Set([[1], [2]]), false, false, 'size')
})

test('cycles', () => {
  const a = { x: 1 }
  a.self = a
  const b = { x: 1 }
  b.self = b
  expect(a, b, true, true, 'self reference')
  const c = { x: 1 }
  c.self = { x: 1, self: c }
  expect(a, c, true, true, 'same shape, longer period')
  const d = { x: {} }
  d.x.y = d
  const e = { x: {} }
  e.x.y = e.x
  expect(d, e, false, false, 'different cycles')
  const arr1 = [1]
  arr1.push(arr1)
  const arr2 = [1]
  arr2.push(arr2)
  expect(arr1, arr2, true, true, 'array cycle')
  const m1 = new Map()
  m1.set('m', m1)
  const m2 = new Map()
  m2.set('m', m2)
  expect(m1, m2, true, true, 'Map cycle')
})

test('functions compare by reference', () => {
  const f = () => 1
  expect(f, f, true, true, 'same function')
  expect(() => 1, () => 1, false, false, 'same source')
  expect({ f }, { f }, true, true, 'in objects')
  expect({ f: Math.max }, { f: Math.min }, false, false, 'different functions in objects')
})

test('WeakMap, WeakSet and Promise compare only their properties', () => {
  expect(new WeakMap(), new WeakMap([[{}, 1]]), true, true, 'WeakMap')
  expect(new WeakSet(), new WeakSet([{}]), true, true, 'WeakSet')
  expect(Promise.resolve(1), Promise.resolve(2), true, true, 'Promise')
  expect(Promise.resolve(), {}, false, false, 'Promise vs object (tag)')
  expect(Object.assign(new WeakMap(), { a: 1 }), new WeakMap(), false, false, 'WeakMap property')
})

test('URLs compare by href', () => {
  expect(new URL('http://a.example/x'), new URL('http://a.example/x'), true, true, 'same')
  expect(new URL('http://a.example/'), new URL('http://b.example/'), false, false, 'different')
})

test('the failure carries actual, expected and operator', () => {
  const actual = { a: [1] }
  const expected = { a: [2] }
  let error
  try {
    assert.deepStrictEqual(actual, expected)
  } catch (e) {
    error = e
  }
  if (!(error instanceof assert.AssertionError)) throw new Error('no AssertionError')
  if (error.actual !== actual || error.expected !== expected) throw new Error('actual/expected not kept')
  if (error.operator !== 'deepStrictEqual' || error.code !== 'ERR_ASSERTION') throw new Error('operator/code')
  try {
    assert.notDeepEqual(actual, { a: [1] })
  } catch (e) {
    error = e
  }
  if (error.operator !== 'notDeepEqual' || error.generatedMessage !== true) throw new Error('notDeepEqual error')
})
