// assert: equality, deep equality (strict and loose), throws/rejects validation, errors.
import { test } from '../harness.mjs'
import assert from 'node:assert'
import strict from 'node:assert/strict'

const fails = (fn) => {
  try {
    fn()
  } catch (error) {
    return error
  }
  throw new Error('expected a failure')
}

test('ok passes truthy, fails falsy with ERR_ASSERTION', () => {
  assert.ok(1)
  assert(true)
  const error = fails(() => assert.ok(0))
  assert.strictEqual(error.code, 'ERR_ASSERTION')
  assert.strictEqual(error.name, 'AssertionError')
  assert.strictEqual(error.actual, 0)
  assert.strictEqual(error.expected, true)
  assert.strictEqual(error.operator, '==')
})
test('strictEqual message and properties', () => {
  const error = fails(() => assert.strictEqual(1, 2))
  assert.strictEqual(error.message, 'Expected values to be strictly equal:\n\n1 !== 2\n')
  assert.strictEqual(error.operator, 'strictEqual')
  assert.strictEqual(error.generatedMessage, true)
})
test('a custom message is used as is', () => {
  const error = fails(() => assert.strictEqual(1, 2, 'custom'))
  assert.ok(error.message.startsWith('custom'), error.message)
  assert.strictEqual(error.generatedMessage, false)
})
test('an Error message is thrown itself', () => {
  const mine = new RangeError('mine')
  assert.strictEqual(fails(() => assert.strictEqual(1, 2, mine)), mine)
})
test('equal is loose, strict.equal is strict', () => {
  assert.equal(1, '1')
  fails(() => strict.equal(1, '1'))
  assert.notEqual(1, 2)
  assert.equal(NaN, NaN)
})
test('deepEqual vs deepStrictEqual', () => {
  assert.deepEqual({ a: 1 }, { a: '1' })
  fails(() => assert.deepStrictEqual({ a: 1 }, { a: '1' }))
  assert.deepStrictEqual({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })
})
test('deepStrictEqual checks prototypes', () => {
  fails(() => assert.deepStrictEqual(Object.create(null), {}))
  assert.deepEqual(Object.create(null), {})
})
test('Maps and Sets compare by content', () => {
  assert.deepStrictEqual(new Map([[1, { x: 1 }]]), new Map([[1, { x: 1 }]]))
  assert.deepStrictEqual(new Set([{ a: 1 }, 2]), new Set([2, { a: 1 }]))
  fails(() => assert.deepStrictEqual(new Set([1]), new Set(['1'])))
})
test('Dates, RegExps, Errors, boxed primitives', () => {
  assert.deepStrictEqual(new Date(5), new Date(5))
  fails(() => assert.deepStrictEqual(new Date(5), new Date(6)))
  fails(() => assert.deepStrictEqual(/a/g, /a/i))
  fails(() => assert.deepStrictEqual(new Error('x'), new TypeError('x')))
  fails(() => assert.deepStrictEqual(new Number(1), new Number(2)))
})
test('typed arrays and Buffers', () => {
  assert.deepStrictEqual(Buffer.from('ab'), Buffer.from('ab'))
  fails(() => assert.deepStrictEqual(new Uint8Array([1]), new Uint16Array([1])))
  fails(() => assert.deepStrictEqual(new Uint8Array([1, 2]), new Uint8Array([1, 3])))
})
test('holes, -0 and NaN', () => {
  fails(() => assert.deepStrictEqual([1, , 3], [1, undefined, 3]))
  fails(() => assert.deepStrictEqual(0, -0))
  assert.deepStrictEqual(NaN, NaN)
  assert.deepEqual(0, -0)
})
test('symbol keys count in strict mode', () => {
  fails(() => assert.deepStrictEqual({ [Symbol.for('s')]: 1 }, {}))
})
test('cycles', () => {
  const a = { name: 'x' }
  a.self = a
  const b = { name: 'x' }
  b.self = b
  assert.deepStrictEqual(a, b)
})
test('notDeepStrictEqual', () => {
  assert.notDeepStrictEqual({ a: 1 }, { a: 2 })
  const error = fails(() => assert.notDeepStrictEqual({ a: 1 }, { a: 1 }))
  assert.strictEqual(error.operator, 'notDeepStrictEqual')
})
test('throws with a class, a RegExp, an object and a function', () => {
  const thrower = () => {
    const error = new TypeError('bad value')
    error.code = 'E_BAD'
    throw error
  }
  assert.throws(thrower, TypeError)
  assert.throws(thrower, /bad value/)
  assert.throws(thrower, { name: 'TypeError', code: 'E_BAD', message: /bad/ })
  assert.throws(thrower, (error) => error.code === 'E_BAD')
})
test('throws fails when nothing is thrown', () => {
  const error = fails(() => assert.throws(() => {}))
  assert.strictEqual(error.message, 'Missing expected exception.')
  assert.strictEqual(error.code, 'ERR_ASSERTION')
})
test('throws fails on a property mismatch', () => {
  const error = fails(() => assert.throws(() => { throw new Error('x') }, { message: 'y' }))
  assert.strictEqual(error.code, 'ERR_ASSERTION')
})
test('throws with a non-function is ERR_INVALID_ARG_TYPE', () => {
  assert.strictEqual(fails(() => assert.throws('nope')).code, 'ERR_INVALID_ARG_TYPE')
})
test('doesNotThrow', () => {
  assert.doesNotThrow(() => 1)
  const error = fails(() => assert.doesNotThrow(() => { throw new Error('boom') }))
  assert.strictEqual(error.code, 'ERR_ASSERTION')
})
test('rejects and doesNotReject', async () => {
  await assert.rejects(Promise.reject(new Error('no')), /no/)
  await assert.rejects(async () => { throw new TypeError('t') }, TypeError)
  await assert.doesNotReject(Promise.resolve(1))
  let failed = false
  try {
    await assert.rejects(Promise.resolve(1))
  } catch (error) {
    failed = error.code === 'ERR_ASSERTION' && error.message === 'Missing expected rejection.'
  }
  assert.ok(failed)
})
test('match and doesNotMatch', () => {
  assert.match('abc', /b/)
  assert.doesNotMatch('abc', /x/)
  fails(() => assert.match('abc', /x/))
  assert.strictEqual(fails(() => assert.match('abc', 'b')).code, 'ERR_INVALID_ARG_TYPE')
})
test('ifError', () => {
  assert.ifError(null)
  assert.ifError(undefined)
  const error = fails(() => assert.ifError(new Error('oops')))
  assert.strictEqual(error.message, 'ifError got unwanted exception: oops')
})
test('fail', () => {
  const error = fails(() => assert.fail('boom'))
  assert.strictEqual(error.message, 'boom')
  assert.strictEqual(error.code, 'ERR_ASSERTION')
  assert.strictEqual(fails(() => assert.fail()).message, 'Failed')
})
test('AssertionError constructor', () => {
  const error = new assert.AssertionError({ actual: 1, expected: 2, operator: 'strictEqual' })
  assert.ok(error instanceof Error)
  assert.strictEqual(error.code, 'ERR_ASSERTION')
  assert.strictEqual(error.actual, 1)
})
test('assert.strict is the strict variant', () => {
  assert.strictEqual(assert.strict, strict)
  assert.strictEqual(strict.strict, strict)
  assert.strictEqual(strict.deepEqual, strict.deepStrictEqual)
})
test('require("assert") works from CommonJS', async () => {
  const { createRequire } = await import('node:module')
  const require = createRequire(import.meta.url)
  const cjs = require('assert')
  assert.strictEqual(typeof cjs, 'function')
  assert.strictEqual(typeof cjs.deepStrictEqual, 'function')
})
