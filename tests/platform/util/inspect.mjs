// util.inspect: Node 20's output for the common kinds of values and its options (depth,
// compact, breakLength, colors, sorted, getters, showHidden, maxArrayLength, ...).
import { test } from '../harness.mjs'
import assert from 'node:assert'
import util, { inspect } from 'node:util'

const is = (value, expected, options) => assert.strictEqual(options ? inspect(value, options) : inspect(value), expected)
// Errors get a fixed stack so that the output does not depend on the engine's frames.
const withStack = (error, stack) => Object.assign(error, { stack })

test('inspect is util.inspect; inspect.custom is the shared symbol', () => {
  assert.strictEqual(util.inspect, inspect)
  assert.strictEqual(inspect.custom, Symbol.for('nodejs.util.inspect.custom'))
})
test('primitives', () => {
  is('a', "'a'")
  is(42, '42')
  is(-0, '-0')
  is(10n, '10n')
  is(true, 'true')
  is(null, 'null')
  is(undefined, 'undefined')
  is(Symbol('s'), 'Symbol(s)')
  is(NaN, 'NaN')
})
test('string quoting and escapes', () => {
  is("it's", `"it's"`)
  is(`it's "q"`, "`it's \"q\"`")
  is('a\nb\tc', "'a\\nb\\tc'")
  is('\x01\x7f', "'\\x01\\x7F'")
  is('back\\slash', "'back\\\\slash'")
})
test('plain objects and arrays on one line', () => {
  is({ a: 1, b: [1, 2] }, '{ a: 1, b: [ 1, 2 ] }')
  is({}, '{}')
  is([], '[]')
  is([1, 'two', null, undefined, true], "[ 1, 'two', null, undefined, true ]")
})
test('keys that are not identifiers are quoted; symbols in brackets', () => {
  is({ 'a-b': 1, a$: 2, _x: 3, 1: 4 }, "{ '1': 4, 'a-b': 1, 'a$': 2, _x: 3 }")
  is({ [Symbol('k')]: 1, n: 2 }, '{ n: 2, [Symbol(k)]: 1 }')
  is(JSON.parse('{"__proto__": 1}'), "{ ['__proto__']: 1 }")
})
test('depth 2 by default: deeper levels are [Object] / [Array]', () => {
  is({ a: { b: { c: { d: 1 } } } }, '{ a: { b: { c: [Object] } } }')
  is([[[[1]]]], '[ [ [ [Array] ] ] ]')
  is({ a: { b: { c: new Map() } } }, '{ a: { b: { c: Map(0) {} } } }')
  is({ a: { b: { c: new Map([[1, 2]]) } } }, '{ a: { b: { c: [Map] } } }')
})
test('the depth option, including null and 0', () => {
  is({ a: { b: { c: { d: { e: 1 } } } } }, '{\n  a: {\n    b: { c: { d: { e: 1 } } }\n  }\n}', { depth: null })
  is({ a: { b: 1 }, c: [1] }, '{ a: [Object], c: [Array] }', { depth: 0 })
  class Point {
    constructor() {
      this.x = 1
    }
  }
  is({ p: new Point(), n: Object.create(null) }, '{ p: [Point], n: [Object: null prototype] {} }', { depth: 0 })
})
test('lines break past breakLength 80 (72 characters of entries)', () => {
  is({ description: 'a fairly long string value here', another: 'and another long one', third: 12345 },
    "{\n  description: 'a fairly long string value here',\n  another: 'and another long one',\n  third: 12345\n}")
  is({ a: 'x'.repeat(60) }, `{ a: '${'x'.repeat(60)}' }`)
  is({ a: 'x'.repeat(70) }, `{\n  a: '${'x'.repeat(70)}'\n}`)
})
test('more than six short array entries are grouped in columns', () => {
  is(Array.from({ length: 30 }, (_, i) => i * 3),
    '[\n   0,  3,  6,  9, 12, 15, 18, 21, 24,\n  27, 30, 33, 36, 39, 42, 45, 48, 51,\n  54, 57, 60, 63, 66, 69, 72, 75, 78,\n  81, 84, 87\n]')
  is(['a', 'bb', 'ccc', 'dddd', 'eeeee', 'ffffff', 'ggggggg'],
    "[\n  'a',       'bb',\n  'ccc',     'dddd',\n  'eeeee',   'ffffff',\n  'ggggggg'\n]")
})
test('more than 100 items: ... N more items', () => {
  const text = inspect(Array.from({ length: 120 }, (_, i) => i))
  assert.ok(text.endsWith('  96, 97, 98, 99,\n  ... 20 more items\n]'), text)
  is([1, 2, 3, 4], '[ 1, 2, ... 2 more items ]', { maxArrayLength: 2 })
  is(new Set([1, 2, 3]), 'Set(3) { 1, ... 2 more items }', { maxArrayLength: 1 })
  is('abcdefgh', "'abc'... 5 more characters", { maxStringLength: 3 })
})
test('array holes and extra properties', () => {
  is([1, , 3, , , 6], '[ 1, <1 empty item>, 3, <2 empty items>, 6 ]')
  is(new Array(5), '[ <5 empty items> ]')
  is(Object.assign([1, 2, 3], { x: 'y' }), "[ 1, 2, 3, x: 'y' ]")
})
test('Map and Set', () => {
  is(new Map([['a', 1]]), "Map(1) { 'a' => 1 }")
  is(new Map([[{ k: 1 }, [1, 2]]]), 'Map(1) { { k: 1 } => [ 1, 2 ] }')
  is(new Set([1, 'a']), "Set(2) { 1, 'a' }")
  is(new Map(), 'Map(0) {}')
  is(new Set(), 'Set(0) {}')
  class Registry extends Map {}
  is(new Registry([[1, 2]]), 'Registry(1) [Map] { 1 => 2 }')
})
test('class instances and null prototypes', () => {
  class Foo {
    constructor() {
      this.x = 1
    }
  }
  class Empty {}
  is(new Foo(), 'Foo { x: 1 }')
  is(new Empty(), 'Empty {}')
  is(Object.create(null), '[Object: null prototype] {}')
  is(Object.assign(Object.create(null), { a: 1 }), '[Object: null prototype] { a: 1 }')
  class Tagged {
    get [Symbol.toStringTag]() {
      return 'Tag'
    }
  }
  is(new Tagged(), 'Tagged [Tag] {}')
})
test('Date, RegExp, boxed primitives', () => {
  is(new Date(0), '1970-01-01T00:00:00.000Z')
  is(new Date(NaN), 'Invalid Date')
  is(/a+/gi, '/a+/gi')
  is(Object.assign(/x/, { k: 1 }), '/x/ { k: 1 }')
  is(new Number(3), '[Number: 3]')
  is(new String('ab'), "[String: 'ab']")
  is(new Boolean(true), '[Boolean: true]')
  is(Object(5n), '[BigInt: 5n]')
  is(Object(Symbol('s')), '[Symbol: Symbol(s)]')
})
test('functions and classes', () => {
  is(function named() {}, '[Function: named]')
  is(() => {}, '[Function (anonymous)]')
  is({ f() {}, async g() {}, *h() {} }, '{ f: [Function: f], g: [AsyncFunction: g], h: [GeneratorFunction: h] }')
  class X {}
  class Y extends Map {}
  is(X, '[class X]')
  is(Y, '[class Y extends Map]')
  is(Object.assign(function withProps() {}, { a: 1 }), '[Function: withProps] { a: 1 }')
})
test('getters and setters', () => {
  is({ get a() { return 1 }, set b(v) {}, get c() { return 1 }, set c(v) {} }, '{ a: [Getter], b: [Setter], c: [Getter/Setter] }')
  is({ get a() { return 1 }, get o() { return { x: 1 } } }, '{ a: [Getter: 1], o: [Getter] { x: 1 } }', { getters: true })
})
test('circular references get <ref *N> and [Circular *N]', () => {
  const object = { name: 'o' }
  object.self = object
  is(object, "<ref *1> { name: 'o', self: [Circular *1] }")
  const a = { n: 'a' }
  const b = { n: 'b', a }
  a.b = b
  is([a, b], "[\n  <ref *1> { n: 'a', b: { n: 'b', a: [Circular *1] } },\n  <ref *2> { n: 'b', a: <ref *1> { n: 'a', b: [Circular *2] } }\n]")
})
test('typed arrays, ArrayBuffer, DataView, Buffer', () => {
  is(new Uint8Array([1, 2, 3]), 'Uint8Array(3) [ 1, 2, 3 ]')
  is(new Float64Array(0), 'Float64Array(0) []')
  is(new BigInt64Array([1n]), 'BigInt64Array(1) [ 1n ]')
  is(new ArrayBuffer(3), 'ArrayBuffer { [Uint8Contents]: <00 00 00>, byteLength: 3 }')
  is(new DataView(new ArrayBuffer(2)), 'DataView {\n  byteLength: 2,\n  byteOffset: 0,\n  buffer: ArrayBuffer { [Uint8Contents]: <00 00>, byteLength: 2 }\n}')
  is(Buffer.from([1, 2, 255]), '<Buffer 01 02 ff>')
  is(Buffer.alloc(0), '<Buffer >')
  assert.ok(inspect(Buffer.alloc(60)).endsWith(' 00 ... 10 more bytes>'))
})
test('errors: the stack, [brackets] without frames, extra keys after it', () => {
  is(withStack(new Error('x'), 'Error: x'), '[Error: x]')
  is(withStack(new Error('x'), 'Error: x\n    at f (a.js:1:1)'), 'Error: x\n    at f (a.js:1:1)')
  is(Object.assign(withStack(new Error('x'), 'Error: x'), { code: 'E_X' }), "[Error: x] { code: 'E_X' }")
  is(Object.assign(withStack(new Error('y'), 'Error: y\n    at f (a.js:1:1)'), { code: 'E' }), "Error: y\n    at f (a.js:1:1) {\n  code: 'E'\n}")
})
test('errors: subclass names, cause, nesting indentation', () => {
  class MyErr extends Error {}
  is(withStack(new MyErr('y'), 'Error: y\n    at f (a.js:1:1)'), 'MyErr [Error]: y\n    at f (a.js:1:1)')
  const outer = withStack(new Error('outer', { cause: 'why' }), 'Error: outer\n    at g (b.js:1:1)')
  is(outer, "Error: outer\n    at g (b.js:1:1) {\n  [cause]: 'why'\n}")
  is({ e: outer }, "{\n  e: Error: outer\n      at g (b.js:1:1) {\n    [cause]: 'why'\n  }\n}")
})
test('inspect.custom: called with depth, options and inspect', () => {
  const custom = { [inspect.custom]: (depth, options, fn) => `custom ${depth} ${options.breakLength} ${fn === inspect}` }
  is(custom, 'custom 2 80 true')
  is({ x: { [inspect.custom]: () => ({ replaced: true }) } }, '{ x: { replaced: true } }')
  is({ nested: { [inspect.custom]: () => 'a\nb' } }, '{\n  nested: a\n  b\n}')
  is({ [inspect.custom]: () => 'skipped' }, '{\n  [Symbol(nodejs.util.inspect.custom)]: [Function: [nodejs.util.inspect.custom]]\n}', { customInspect: false })
})
test('compact: false, true and numbers', () => {
  is({ a: 1, b: { c: 2 } }, '{\n  a: 1,\n  b: {\n    c: 2\n  }\n}', { compact: false })
  is({ a: 1, b: { c: 2 } }, '{ a: 1, b: { c: 2 } }', { compact: true })
  is({ a: { b: { c: 1 } } }, '{\n  a: {\n    b: { c: 1 }\n  }\n}', { compact: 1 })
})
test('breakLength', () => {
  is({ aaa: 1, bbb: 2, ccc: 3 }, '{\n  aaa: 1,\n  bbb: 2,\n  ccc: 3\n}', { breakLength: 10 })
  is({ description: 'a fairly long string value here', another: 'and another long one' },
    "{ description: 'a fairly long string value here', another: 'and another long one' }", { breakLength: Infinity })
})
test('sorted keys', () => {
  is({ b: 1, a: 2, c: [3, 1] }, '{ a: 2, b: 1, c: [ 3, 1 ] }', { sorted: true })
  is(Object.assign([3, 1], { z: 1, y: 2 }), '[ 3, 1, y: 2, z: 1 ]', { sorted: true })
})
test('colors: ANSI codes by type', () => {
  is({ a: 1, s: 'x', n: null, u: undefined, b: true }, "{ a: \u001b[33m1\u001b[39m, s: \u001b[32m'x'\u001b[39m, n: \u001b[1mnull\u001b[22m, u: \u001b[90mundefined\u001b[39m, b: \u001b[33mtrue\u001b[39m }", { colors: true })
  is([new Date(0), /x/], '[ \u001b[35m1970-01-01T00:00:00.000Z\u001b[39m, \u001b[31m/x/\u001b[39m ]', { colors: true })
  is(() => {}, '\u001b[36m[Function (anonymous)]\u001b[39m', { colors: true })
})
test('showHidden shows non-enumerable properties', () => {
  is(Object.defineProperty({ a: 1 }, 'hidden', { value: 2, enumerable: false }), '{ a: 1, [hidden]: 2 }', { showHidden: true })
  is([1, 2], '[ 1, 2, [length]: 2 ]', { showHidden: true })
})
test('numericSeparator', () => {
  is([1234567.891, -1234567, 123n], '[ 1_234_567.891, -1_234_567, 123n ]', { numericSeparator: true })
})
test('the legacy signature inspect(value, showHidden, depth, colors)', () => {
  assert.strictEqual(inspect({ a: { b: { c: {} } } }, false, 1), '{ a: { b: [Object] } }')
})
test('inspect.defaultOptions and inspect.colors', () => {
  assert.strictEqual(inspect.defaultOptions.depth, 2)
  assert.strictEqual(inspect.defaultOptions.breakLength, 80)
  assert.strictEqual(inspect.defaultOptions.compact, 3)
  assert.deepStrictEqual(inspect.colors.red, [31, 39])
  assert.strictEqual(inspect.styles.string, 'green')
  const saved = inspect.defaultOptions.depth
  try {
    inspect.defaultOptions = { depth: 0 }
    assert.strictEqual(inspect({ a: { b: 1 } }), '{ a: [Object] }')
  } finally {
    inspect.defaultOptions = { depth: saved }
  }
})
test('arguments, WeakMap, namespace-like objects', () => {
  is((function () {
    return arguments
  })(1, 2), "[Arguments] { '0': 1, '1': 2 }")
  is(new WeakMap(), 'WeakMap { <items unknown> }')
  is(Math.max, '[Function: max]')
})
