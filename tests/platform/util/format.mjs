// util.format / util.formatWithOptions: Node 20's placeholders (%s %d %i %f %j %o %O %c %%)
// and how the remaining arguments are appended.
import { test } from '../harness.mjs'
import assert from 'node:assert'
import util, { format, formatWithOptions } from 'node:util'

const is = (expected, ...args) => assert.strictEqual(format(...args), expected)

test('%s: strings, numbers, bigints, symbols, -0', () => {
  is('a b', '%s %s', 'a', 'b')
  is('42 5n Symbol(q) -0', '%s %s %s %s', 42, 5n, Symbol('q'), -0)
  is('null undefined', '%s %s', null, undefined)
})
test('%s: objects are inspected at depth 0 unless they have their own toString', () => {
  is('{ a: [Object] }', '%s', { a: { b: 1 } })
  is('[ 1, [Array] ]', '%s', [1, [2, [3]]])
  is('1970-01-01T00:00:00.000Z', '%s', new Date(0))
  class Named {
    toString() {
      return 'Named!'
    }
  }
  is('Named!', '%s', new Named())
  is('own', '%s', { toString: () => 'own' })
  is('prim', '%s', { [Symbol.toPrimitive]: () => 'prim' })
  is('[Object: null prototype] {}', '%s', Object.create(null))
})
test('%d and %i: numbers, bigints, NaN', () => {
  is('42 1.5 -0 5n NaN', '%d %d %d %d %d', '42', 1.5, -0, 5n, {})
  is('42 3n NaN', '%i %i %i', '42.9x', 3n, Symbol())
  is('16 16', '%d %i', '0x10', '0x10')
})
test('%f: parseFloat', () => {
  is('1500 NaN', '%f %f', '1.5e3', 'abc')
  is('NaN', '%f', Symbol())
})
test('%j: JSON, [Circular] for cycles', () => {
  is('{"a":1} "str" undefined', '%j %j %j', { a: 1 }, 'str', undefined)
  const cyclic = {}
  cyclic.self = cyclic
  is('[Circular]', '%j', cyclic)
  is('"j"', '%j', { toJSON: () => 'j' })
})
test('%o: showHidden, depth 4; %O: inspect', () => {
  is('[ 1, 2, [length]: 2 ]', '%o', [1, 2])
  is("{\n  a: [ 1, 2, [length]: 2 ],\n  f: [Function: f] { [length]: 0, [name]: 'f' }\n}", '%o', { a: [1, 2], f() {} })
  is('{ a: { b: { c: [Object] } } }', '%O', { a: { b: { c: { d: 1 } } } })
  is("'str'", '%O', 'str')
})
test('%c is consumed and dropped; %% is a percent sign', () => {
  is(' a ', '%c a %c', 'color: red', 'x')
  is('100% x', '100%% %s', 'x')
  is('x%', '%s%%', 'x')
  is('100%%', '100%%')
  is('%s 1', '%%s', 1)
})
test('placeholders without arguments stay; unknown ones stay', () => {
  is('only %s', '%s %s', 'only')
  is('%x a', '%x %s', 'a')
  is('a% 1', 'a%', 1)
  is('a:%s', '%s:%s', 'a')
})
test('extra arguments are appended, inspected unless strings', () => {
  is('a b { c: 1 } d', '%s', 'a', 'b', { c: 1 }, 'd')
  is('no placeholders 1 two [ 3 ]', 'no placeholders', 1, 'two', [3])
  is("1 a { b: 2 }", 1, 'a', { b: 2 })
  is('{ a: 1 } { b: 2 }', { a: 1 }, { b: 2 })
  is('', )
  is('x y', 'x', 'y')
})
test('formatWithOptions passes the inspect options', () => {
  assert.strictEqual(formatWithOptions({ colors: true }, '%O and', { a: 1 }, 'str', 5), '{ a: \u001b[33m1\u001b[39m } and str \u001b[33m5\u001b[39m')
  assert.strictEqual(formatWithOptions({ depth: 0 }, { a: { b: 1 } }), '{ a: [Object] }')
  assert.strictEqual(formatWithOptions({ breakLength: 10 }, { aaa: 1, bbb: 2 }), '{\n  aaa: 1,\n  bbb: 2\n}')
})
test('formatWithOptions needs an options object', () => {
  assert.throws(() => formatWithOptions(1, 'x'), {
    name: 'TypeError',
    code: 'ERR_INVALID_ARG_TYPE',
    message: 'The "inspectOptions" argument must be of type object. Received type number (1)',
  })
  assert.strictEqual(util.format, format)
})
