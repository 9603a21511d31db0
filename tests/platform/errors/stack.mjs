// Error.prototype.stack as V8 builds it: "Name: message" then the frames, the header
// formatted when `stack` is first read (so a subclass's `this.name = ...` shows), the
// frames of a subclass's constructors left out, no trailing newline.
import { test } from '../harness.mjs'
import assert from 'node:assert'

const lines = (error) => error.stack.split('\n')

test('the stack starts with the name and message', () => {
  assert.strictEqual(lines(new TypeError('boom'))[0], 'TypeError: boom')
  assert.strictEqual(lines(new Error())[0], 'Error')
  assert.match(lines(new RangeError('r'))[1], /^ {4}at /)
  assert.ok(!new Error('x').stack.endsWith('\n'))
})
test('errors the engine throws carry the header too', () => {
  try {
    null.x
  } catch (error) {
    assert.match(lines(error)[0], /^TypeError: /)
  }
  try {
    JSON.parse('{')
  } catch (error) {
    assert.match(lines(error)[0], /^SyntaxError: /)
  }
})
test('a name set in a subclass constructor shows in the header', () => {
  class ValidationError extends Error {
    constructor(message) {
      super(message)
      this.name = 'ValidationError'
    }
  }
  const error = new ValidationError('bad input')
  assert.strictEqual(lines(error)[0], 'ValidationError: bad input')
  assert.strictEqual(String(error), 'ValidationError: bad input')
})
test("the subclass's constructor frames are not in the stack", () => {
  class Outer extends Error {}
  class Inner extends Outer {
    constructor() {
      super('inner')
    }
  }
  function makeIt() {
    return new Inner()
  }
  const frames = lines(makeIt()).slice(1)
  assert.match(frames[0], /at makeIt /)
  assert.ok(!frames.some((frame) => /at (new )?(Inner|Outer) /.test(frame)), frames.join('\n'))
})
test('the header is read once: later changes do not show', () => {
  const error = new Error('first')
  const before = error.stack
  error.message = 'second'
  assert.strictEqual(error.stack, before)
  const late = new Error('a')
  late.message = 'b'
  assert.strictEqual(lines(late)[0], 'Error: b')
})
test('stack is writable, configurable and not enumerable', () => {
  const error = new Error('x')
  assert.deepStrictEqual(Object.keys(error), [])
  error.stack = 'replaced'
  assert.strictEqual(error.stack, 'replaced')
  const descriptor = Object.getOwnPropertyDescriptor(error, 'stack')
  assert.strictEqual(descriptor.value, 'replaced')
  assert.strictEqual(descriptor.enumerable, false)
  assert.ok(delete error.stack)
  assert.strictEqual(Object.prototype.hasOwnProperty.call(error, 'stack'), false)
})
test('an empty name leaves the message, an empty message the name', () => {
  const unnamed = new Error('only message')
  unnamed.name = ''
  assert.strictEqual(lines(unnamed)[0], 'only message')
  const named = new Error()
  named.name = 'Named'
  assert.strictEqual(lines(named)[0], 'Named')
})
test('stackTraceLimit 0 leaves the header alone', () => {
  const limit = Error.stackTraceLimit
  Error.stackTraceLimit = 0
  try {
    assert.strictEqual(new RangeError('r').stack, 'RangeError: r')
  } finally {
    Error.stackTraceLimit = limit
  }
})
test('captureStackTrace gives a plain object a stack with a header', () => {
  const target = {}
  Error.captureStackTrace(target)
  assert.strictEqual(lines(target)[0], 'Error')
  const described = { name: 'Trace', message: 'here' }
  function hidden() {
    Error.captureStackTrace(described, hidden)
  }
  hidden()
  assert.strictEqual(lines(described)[0], 'Trace: here')
  assert.ok(!lines(described).some((frame) => /at hidden /.test(frame)))
})
test('prepareStackTrace still receives the call sites', () => {
  const previous = Error.prepareStackTrace
  Error.prepareStackTrace = (error, sites) => `${error.name}|${sites.length > 0}`
  try {
    assert.strictEqual(new TypeError('t').stack, 'TypeError|true')
  } finally {
    Error.prepareStackTrace = previous
  }
})
