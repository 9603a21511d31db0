// assert basics: the module's shape, ok/equal/strictEqual and their negations, fail,
// ifError, match/doesNotMatch, AssertionError and the generated messages Node 20 prints
// for simple values. Results are checked with local helpers, not with assert itself.
import { test } from '../harness.mjs'
import assert, * as named from 'node:assert'
import strict, * as strictNamed from 'node:assert/strict'

const { AssertionError } = assert

function show(value) {
  try {
    return typeof value === 'string' ? JSON.stringify(value) : String(value)
  } catch {
    return Object.prototype.toString.call(value)
  }
}

function same(actual, expected, label = 'value') {
  if (!Object.is(actual, expected)) throw new Error(`${label}: expected ${show(expected)}, got ${show(actual)}`)
}

function caught(fn) {
  try {
    fn()
  } catch (error) {
    return error
  }
  throw new Error('expected a throw')
}

// Checks an AssertionError and the given properties of it.
function assertionError(error, props = {}) {
  if (!(error instanceof AssertionError)) throw new Error(`not an AssertionError: ${show(error)}`)
  same(error instanceof Error, true, 'instanceof Error')
  same(error.code, 'ERR_ASSERTION', 'code')
  same(error.name, 'AssertionError', 'name')
  for (const [key, value] of Object.entries(props)) same(error[key], value, key)
  return error
}

function typeError(error, code, message) {
  if (!(error instanceof TypeError)) throw new Error(`not a TypeError: ${show(error)}`)
  same(error.code, code, 'code')
  if (message !== undefined) same(error.message, message, 'message')
}

test('default export is assert.ok, carrying every method', () => {
  same(typeof assert, 'function')
  same(assert.ok, assert, 'assert.ok')
  for (const name of [
    'ok', 'equal', 'notEqual', 'strictEqual', 'notStrictEqual', 'deepEqual', 'notDeepEqual', 'deepStrictEqual',
    'notDeepStrictEqual', 'throws', 'doesNotThrow', 'rejects', 'doesNotReject', 'match', 'doesNotMatch', 'fail',
    'ifError', 'AssertionError', 'strict',
  ]) {
    same(typeof assert[name], 'function', `assert.${name}`)
    same(named[name], assert[name], `named export ${name}`)
  }
  same(named.default, assert, 'default')
})

test('assert.strict is assert/strict, and strict.strict is itself', () => {
  same(assert.strict, strict, 'assert.strict')
  same(strict.strict, strict, 'strict.strict')
  same(strictNamed.default, strict, 'default')
  same(strictNamed.strict, strict, 'named strict')
  same(strict.AssertionError, AssertionError, 'AssertionError')
})

test('strict variant maps the loose methods to the strict ones', () => {
  same(strict.equal, assert.strictEqual, 'equal')
  same(strict.notEqual, assert.notStrictEqual, 'notEqual')
  same(strict.deepEqual, assert.deepStrictEqual, 'deepEqual')
  same(strict.notDeepEqual, assert.notDeepStrictEqual, 'notDeepEqual')
  same(strict.throws, assert.throws, 'throws')
  same(strict.ok, assert.ok, 'ok')
  same(strictNamed.equal, assert.strictEqual, 'named equal')
  same(strictNamed.deepEqual, assert.deepStrictEqual, 'named deepEqual')
})

test('ok passes truthy values', () => {
  for (const value of [1, 'a', {}, [], true, -1, 1n, Symbol('s'), () => {}]) assert.ok(value)
  assert(true)
  same(assert.ok(1), undefined, 'return value')
})

test('ok fails falsy values with ERR_ASSERTION', () => {
  for (const value of [0, '', null, undefined, false, NaN, -0, 0n]) {
    const error = assertionError(caught(() => assert.ok(value)), {
      actual: value,
      expected: true,
      operator: '==',
      generatedMessage: true,
    })
    same(error.message.startsWith('The expression evaluated to a falsy value'), true, 'message')
  }
  assertionError(caught(() => assert(false)), { operator: '==' })
})

test('ok with no argument', () => {
  assertionError(caught(() => assert.ok()), {
    message: 'No value argument passed to `assert.ok()`',
    generatedMessage: true,
    actual: undefined,
  })
})

test('ok with a message, and with an Error as message', () => {
  assertionError(caught(() => assert.ok(false, 'boom')), { message: 'boom', generatedMessage: false })
  const mine = new RangeError('mine')
  same(caught(() => assert(0, mine)), mine)
})

test('equal is ==, with NaN equal to NaN', () => {
  assert.equal(1, '1')
  assert.equal(null, undefined)
  assert.equal(NaN, NaN)
  assert.equal(0, false)
  assert.equal(1n, 1)
  const error = assertionError(caught(() => assert.equal(1, 2)), {
    message: '1 == 2',
    operator: '==',
    actual: 1,
    expected: 2,
    generatedMessage: true,
  })
  same(Object.keys(error).join(), 'generatedMessage,code,actual,expected,operator', 'own keys')
  assertionError(caught(() => assert.equal('a', 'b')), { message: "'a' == 'b'" })
  assertionError(caught(() => assert.equal({}, {})), { operator: '==' })
})

test('notEqual is !=', () => {
  assert.notEqual(1, 2)
  assert.notEqual({}, {})
  assertionError(caught(() => assert.notEqual(1, '1')), { message: "1 != '1'", operator: '!=' })
  assertionError(caught(() => assert.notEqual(NaN, NaN)), { operator: '!=' })
})

test('strictEqual is Object.is', () => {
  assert.strictEqual(1, 1)
  assert.strictEqual(NaN, NaN)
  const o = {}
  assert.strictEqual(o, o)
  assertionError(caught(() => assert.strictEqual(-0, 0)), { operator: 'strictEqual' })
  const error = assertionError(caught(() => assert.strictEqual(0, -0)))
  same(error.actual, 0, 'actual')
  same(error.expected, -0, 'expected')
  assertionError(caught(() => assert.strictEqual(1, '1')), {
    message: "Expected values to be strictly equal:\n\n1 !== '1'\n",
  })
})

test('strictEqual messages for short values', () => {
  assertionError(caught(() => assert.strictEqual(1, 2)), {
    message: 'Expected values to be strictly equal:\n\n1 !== 2\n',
    operator: 'strictEqual',
    actual: 1,
    expected: 2,
    generatedMessage: true,
  })
  assertionError(caught(() => assert.strictEqual('a', 'b')), {
    message: "Expected values to be strictly equal:\n\n'a' !== 'b'\n",
  })
  assertionError(caught(() => assert.strictEqual('a\nb', 'a\nc')), {
    message: "Expected values to be strictly equal:\n\n'a\\nb' !== 'a\\nc'\n",
  })
})

test('strictEqual message for longer one-liners points at the difference', () => {
  assertionError(caught(() => assert.strictEqual('hello world', 'hello there')), {
    message:
      "Expected values to be strictly equal:\n+ actual - expected\n\n+ 'hello world'\n- 'hello there'\n         ^",
  })
  assertionError(caught(() => assert.strictEqual(-0, 0)), {
    message: 'Expected values to be strictly equal:\n+ actual - expected\n\n+ -0\n- 0',
  })
})

test('strictEqual on distinct objects', () => {
  assertionError(caught(() => assert.strictEqual({ a: 1 }, { a: 1 })), {
    message: 'Values have same structure but are not reference-equal:\n\n{\n  a: 1\n}\n',
  })
  assertionError(caught(() => assert.strictEqual({}, [])), {
    message: 'Expected "actual" to be reference-equal to "expected":\n+ actual - expected\n\n+ {}\n- []',
  })
})

test('notStrictEqual', () => {
  assert.notStrictEqual(1, '1')
  assert.notStrictEqual(-0, 0)
  assert.notStrictEqual({}, {})
  assertionError(caught(() => assert.notStrictEqual(1, 1)), {
    message: 'Expected "actual" to be strictly unequal to: 1',
    operator: 'notStrictEqual',
  })
  assertionError(caught(() => assert.notStrictEqual(NaN, NaN)), {
    message: 'Expected "actual" to be strictly unequal to: NaN',
  })
  assertionError(caught(() => assert.notStrictEqual('abcdef', 'abcdef')), {
    message: "Expected \"actual\" to be strictly unequal to:\n\n'abcdef'",
  })
  const o = { a: 1 }
  assertionError(caught(() => assert.notStrictEqual(o, o)), {
    message: 'Expected "actual" not to be reference-equal to "expected":\n\n{\n  a: 1\n}\n',
  })
})

test('deepEqual and notDeepEqual messages', () => {
  assertionError(caught(() => assert.deepEqual({ a: 1 }, { a: 2 })), {
    message: 'Expected values to be loosely deep-equal:\n\n{\n  a: 1\n}\n\nshould loosely deep-equal\n\n{\n  a: 2\n}',
    operator: 'deepEqual',
  })
  assertionError(caught(() => assert.notDeepEqual({ a: 1 }, { a: 1 })), {
    message: 'Expected "actual" not to be loosely deep-equal to:\n\n{\n  a: 1\n}',
    operator: 'notDeepEqual',
  })
  assertionError(caught(() => assert.notDeepEqual([1], ['1'])), {
    message:
      "Expected values not to be loosely deep-equal:\n\n[\n  1\n]\n\nshould not loosely deep-equal\n\n[\n  '1'\n]",
  })
})

test('deepStrictEqual and notDeepStrictEqual messages', () => {
  assertionError(caught(() => assert.deepStrictEqual({ a: 1 }, { a: 2 })), {
    message: 'Expected values to be strictly deep-equal:\n+ actual - expected\n\n  {\n+   a: 1\n-   a: 2\n  }',
    operator: 'deepStrictEqual',
    generatedMessage: true,
  })
  assertionError(caught(() => assert.deepStrictEqual(1, 2)), {
    message: 'Expected values to be strictly deep-equal:\n\n1 !== 2\n',
  })
  assertionError(caught(() => assert.deepStrictEqual([1, 2, 3], [1, 2, 4])), {
    message:
      'Expected values to be strictly deep-equal:\n+ actual - expected\n\n  [\n    1,\n    2,\n+   3\n-   4\n  ]',
  })
  assertionError(caught(() => assert.deepStrictEqual(Object.create(null), {})), {
    message: 'Expected values to be strictly deep-equal:\n+ actual - expected\n\n+ [Object: null prototype] {}\n- {}',
  })
  assertionError(caught(() => assert.notDeepStrictEqual({ a: 1 }, { a: 1 })), {
    message: 'Expected "actual" not to be strictly deep-equal to:\n\n{\n  a: 1\n}\n',
    operator: 'notDeepStrictEqual',
  })
})

test('deepStrictEqual of values that print the same', () => {
  assertionError(caught(() => assert.deepStrictEqual({ a: Symbol() }, { a: Symbol() })), {
    message: 'Values have same structure but are not reference-equal:\n\n{\n  a: Symbol()\n}\n',
  })
})

test('comparison methods need both arguments', () => {
  const message = 'The "actual" and "expected" arguments must be specified'
  for (const method of ['equal', 'notEqual', 'strictEqual', 'notStrictEqual', 'deepEqual', 'notDeepEqual',
    'deepStrictEqual', 'notDeepStrictEqual']) {
    typeError(caught(() => assert[method](1)), 'ERR_MISSING_ARGS', message)
  }
  typeError(caught(() => assert.strictEqual()), 'ERR_MISSING_ARGS', message)
  assert.strictEqual(undefined, undefined)
})

test('a custom message replaces the generated one', () => {
  // (strictEqual and deepStrictEqual keep their diff below a custom message in Node 20.20.)
  const error = assertionError(caught(() => assert.strictEqual(1, 2, 'custom')), { generatedMessage: false })
  same(error.message.startsWith('custom'), true, 'message start')
  const deep = assertionError(caught(() => assert.deepStrictEqual({}, [], 'mine')), { operator: 'deepStrictEqual' })
  same(deep.message.startsWith('mine'), true, 'deep message start')
  assertionError(caught(() => assert.notEqual(1, 1, 'nope')), { message: 'nope', operator: '!=' })
  assertionError(caught(() => assert.notStrictEqual(1, 1, 'nope')), { message: 'nope', generatedMessage: false })
  assertionError(caught(() => assert.deepEqual(1, 2, 'loose')), { message: 'loose', operator: 'deepEqual' })
})

test('an Error given as message is thrown itself', () => {
  const mine = new TypeError('mine')
  same(caught(() => assert.equal(1, 2, mine)), mine, 'equal')
  same(caught(() => assert.strictEqual(1, 2, mine)), mine, 'strictEqual')
  same(caught(() => assert.notStrictEqual(1, 1, mine)), mine, 'notStrictEqual')
  same(caught(() => assert.deepStrictEqual({}, [], mine)), mine, 'deepStrictEqual')
  same(caught(() => assert.deepEqual(1, 2, mine)), mine, 'deepEqual')
  same(caught(() => assert.match('a', /b/, mine)), mine, 'match')
})

test('fail', () => {
  assertionError(caught(() => assert.fail()), { message: 'Failed', operator: 'fail', generatedMessage: true })
  assertionError(caught(() => assert.fail('boom')), { message: 'boom', operator: 'fail', generatedMessage: false })
  const mine = new RangeError('r')
  same(caught(() => assert.fail(mine)), mine)
})

test('ifError', () => {
  assert.ifError(null)
  assert.ifError(undefined)
  const err = new Error('boom')
  assertionError(caught(() => assert.ifError(err)), {
    message: 'ifError got unwanted exception: boom',
    operator: 'ifError',
    actual: err,
    expected: null,
    generatedMessage: false,
  })
  assertionError(caught(() => assert.ifError('boom')), { message: "ifError got unwanted exception: 'boom'" })
  assertionError(caught(() => assert.ifError(0)), { message: 'ifError got unwanted exception: 0' })
  assertionError(caught(() => assert.ifError(false)), { message: 'ifError got unwanted exception: false' })
  assertionError(caught(() => assert.ifError(new TypeError(''))), { message: 'ifError got unwanted exception: TypeError' })
})

test('match', () => {
  assert.match('abc', /b/)
  assertionError(caught(() => assert.match('abc', /x/)), {
    message: "The input did not match the regular expression /x/. Input:\n\n'abc'\n",
    operator: 'match',
    actual: 'abc',
    generatedMessage: true,
  })
  assertionError(caught(() => assert.match(123, /x/)), {
    message: 'The "string" argument must be of type string. Received type number (123)',
    operator: 'match',
  })
  assertionError(caught(() => assert.match('abc', /x/, 'mine')), { message: 'mine', generatedMessage: false })
})

test('match needs a RegExp', () => {
  typeError(
    caught(() => assert.match('abc', 'x')),
    'ERR_INVALID_ARG_TYPE',
    "The \"regexp\" argument must be an instance of RegExp. Received type string ('x')"
  )
  typeError(
    caught(() => assert.doesNotMatch('abc')),
    'ERR_INVALID_ARG_TYPE',
    'The "regexp" argument must be an instance of RegExp. Received undefined'
  )
})

test('doesNotMatch', () => {
  assert.doesNotMatch('abc', /x/)
  const re = /b/
  assertionError(caught(() => assert.doesNotMatch('abc', re)), {
    message: "The input was expected to not match the regular expression /b/. Input:\n\n'abc'\n",
    operator: 'doesNotMatch',
    expected: re,
  })
  assertionError(caught(() => assert.doesNotMatch(1, /b/)), {
    message: 'The "string" argument must be of type string. Received type number (1)',
  })
})

test('AssertionError built by hand', () => {
  const error = new AssertionError({ actual: 1, expected: 2, operator: 'strictEqual' })
  assertionError(error, {
    message: 'Expected values to be strictly equal:\n\n1 !== 2\n',
    generatedMessage: true,
    actual: 1,
    expected: 2,
    operator: 'strictEqual',
  })
  same(String(error), 'AssertionError [ERR_ASSERTION]: Expected values to be strictly equal:\n\n1 !== 2\n')
  same(Object.keys(error).join(), 'generatedMessage,code,actual,expected,operator', 'own keys')
  const nameDesc = Object.getOwnPropertyDescriptor(error, 'name')
  same(nameDesc && nameDesc.enumerable, false, 'name is not enumerable')
  same(typeof error.stack, 'string', 'stack')
})

test('AssertionError with a message, or a custom operator', () => {
  assertionError(new AssertionError({ message: 'hi' }), { message: 'hi', generatedMessage: false, operator: undefined })
  assertionError(new AssertionError({ actual: 1, expected: 2, operator: '>=' }), { message: '1 >= 2' })
})

test('AssertionError needs an options object', () => {
  typeError(
    caught(() => new AssertionError()),
    'ERR_INVALID_ARG_TYPE',
    'The "options" argument must be of type object. Received undefined'
  )
  typeError(
    caught(() => new AssertionError('x')),
    'ERR_INVALID_ARG_TYPE',
    "The \"options\" argument must be of type object. Received type string ('x')"
  )
})

test('strict: equal, deepEqual and their negations are the strict ones', () => {
  assertionError(caught(() => strict.equal(1, '1')), {
    message: "Expected values to be strictly equal:\n\n1 !== '1'\n",
    operator: 'strictEqual',
  })
  assertionError(caught(() => strict.deepEqual({ a: 1 }, { a: '1' })), { operator: 'deepStrictEqual' })
  assertionError(caught(() => strict.notEqual(1, 1)), { operator: 'notStrictEqual' })
  assertionError(caught(() => strict.notDeepEqual({ a: 1 }, { a: 1 })), { operator: 'notDeepStrictEqual' })
  strict.equal(NaN, NaN)
  strict.notEqual(1, '1')
  strict.deepEqual(new Set([1]), new Set([1]))
})

test('strict() itself is ok', () => {
  strict(1)
  assertionError(caught(() => strict(0)), { operator: '==', actual: 0, expected: true })
  assertionError(caught(() => strictNamed.ok('')), { operator: '==' })
})
