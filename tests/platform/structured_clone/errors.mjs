// structuredClone of Error objects, as Node 20 does it: the prototype comes from `name`
// among the standard error names, message/stack/cause are kept as non-enumerable own
// properties, everything else is dropped.
import { test } from '../harness.mjs'
import assert from 'node:assert'

const hidden = (value) => ({ value, writable: true, enumerable: false, configurable: true })

test('an Error keeps message and stack as hidden own properties', () => {
  const error = new Error('boom')
  const copy = structuredClone(error)
  assert.notStrictEqual(copy, error)
  assert.strictEqual(Object.getPrototypeOf(copy), Error.prototype)
  assert.deepStrictEqual(Object.getOwnPropertyDescriptor(copy, 'message'), hidden('boom'))
  assert.deepStrictEqual(Object.getOwnPropertyDescriptor(copy, 'stack'), hidden(error.stack))
  assert.strictEqual(Object.keys(copy).length, 0)
})
test('every standard error type keeps its prototype', () => {
  for (const Kind of [EvalError, RangeError, ReferenceError, SyntaxError, TypeError, URIError]) {
    const copy = structuredClone(new Kind('x'))
    assert.strictEqual(Object.getPrototypeOf(copy), Kind.prototype, Kind.name)
    assert.strictEqual(copy.name, Kind.name)
  }
})
test('the prototype follows the name, not the constructor', () => {
  const error = new Error('m')
  error.name = 'RangeError'
  assert.strictEqual(Object.getPrototypeOf(structuredClone(error)), RangeError.prototype)
  class Odd extends Error {}
  Odd.prototype.name = 'SyntaxError'
  assert.strictEqual(Object.getPrototypeOf(structuredClone(new Odd('m'))), SyntaxError.prototype)
})
test('a custom error becomes an Error, its stack kept and extra fields dropped', () => {
  class HttpError extends Error {
    constructor(message) {
      super(message)
      this.name = 'HttpError'
      this.status = 404
    }
  }
  const error = new HttpError('missing')
  const copy = structuredClone(error)
  assert.strictEqual(Object.getPrototypeOf(copy), Error.prototype)
  assert.strictEqual(copy.name, 'Error')
  assert.strictEqual(copy.message, 'missing')
  assert.strictEqual(copy.status, undefined)
  assert.strictEqual(copy.stack, error.stack)
  assert.ok(copy.stack.startsWith('HttpError: missing'))
})
test('a TypeError subclass clones into a TypeError', () => {
  class Bad extends TypeError {}
  assert.strictEqual(Object.getPrototypeOf(structuredClone(new Bad('x'))), TypeError.prototype)
})
test('AggregateError becomes an Error without its errors', () => {
  const copy = structuredClone(new AggregateError([new Error('a')], 'several'))
  assert.strictEqual(Object.getPrototypeOf(copy), Error.prototype)
  assert.strictEqual(copy.message, 'several')
  assert.strictEqual(copy.errors, undefined)
})
test('no own message: none on the clone either', () => {
  const copy = structuredClone(new Error())
  assert.strictEqual(Object.prototype.hasOwnProperty.call(copy, 'message'), false)
  assert.strictEqual(copy.message, '')
})
test('a message accessor is not copied', () => {
  const error = new Error('x')
  Object.defineProperty(error, 'message', { get: () => 'from getter' })
  const copy = structuredClone(error)
  assert.strictEqual(Object.prototype.hasOwnProperty.call(copy, 'message'), false)
})
test('a non-string message is converted to a string', () => {
  const error = new Error('x')
  error.message = 42
  assert.strictEqual(structuredClone(error).message, '42')
})
test('a non-string stack leaves the stack undefined', () => {
  const error = new Error('x')
  error.stack = 42
  const copy = structuredClone(error)
  assert.strictEqual(copy.stack, undefined)
  assert.strictEqual(copy.message, 'x')
})
test('name and message changed after creation: both follow', () => {
  const error = new Error('m')
  error.name = 'TypeError'
  error.message = 'changed'
  const copy = structuredClone(error)
  assert.ok(copy instanceof TypeError)
  assert.strictEqual(String(copy), 'TypeError: changed')
})
test('cause is deep-cloned as a hidden own property', () => {
  const inner = { reason: 'disk' }
  const copy = structuredClone(new Error('outer', { cause: inner }))
  assert.deepStrictEqual(Object.getOwnPropertyDescriptor(copy, 'cause'), hidden({ reason: 'disk' }))
  assert.notStrictEqual(copy.cause, inner)
})
test('an error cause keeps its own type', () => {
  const copy = structuredClone(new Error('outer', { cause: new RangeError('inner') }))
  assert.ok(copy.cause instanceof RangeError)
  assert.strictEqual(copy.cause.message, 'inner')
})
test('without a cause there is no cause property', () => {
  const copy = structuredClone(new Error('x'))
  assert.strictEqual('cause' in copy, false)
})
test('an undefined cause is still an own property', () => {
  const copy = structuredClone(new Error('x', { cause: undefined }))
  assert.strictEqual(Object.prototype.hasOwnProperty.call(copy, 'cause'), true)
  assert.strictEqual(copy.cause, undefined)
})
test('an uncloneable cause throws DataCloneError', () => {
  assert.throws(() => structuredClone(new Error('x', { cause: Symbol('c') })), {
    name: 'DataCloneError',
    message: 'Symbol(c) could not be cloned.',
  })
})
test('one error referenced twice stays one error', () => {
  const error = new Error('shared')
  const copy = structuredClone({ a: error, b: [error] })
  assert.strictEqual(copy.a, copy.b[0])
})
test('errors inside Maps and Sets', () => {
  const copy = structuredClone(new Map([['e', new URIError('bad uri')]]))
  assert.ok(copy.get('e') instanceof URIError)
  assert.strictEqual(copy.get('e').message, 'bad uri')
  const [inSet] = structuredClone(new Set([new EvalError('ev')]))
  assert.ok(inSet instanceof EvalError)
})
test('an object inheriting from Error.prototype is not an error', () => {
  const copy = structuredClone(Object.create(Error.prototype))
  assert.strictEqual(Object.getPrototypeOf(copy), Object.prototype)
  assert.deepStrictEqual(copy, {})
})
test('a symbol name is a TypeError', () => {
  const error = new Error('x')
  error.name = Symbol('n')
  assert.throws(() => structuredClone(error), TypeError)
})
