// assert.throws / doesNotThrow / rejects / doesNotReject: the validation argument (a
// class, a RegExp, a validation function, an object or an Error whose keys are compared),
// the messages Node 20 generates, an Error given as message, and the argument errors
// (ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE, ERR_AMBIGUOUS_ARGUMENT,
// ERR_INVALID_RETURN_VALUE). Results are checked with local helpers.
import { test } from '../harness.mjs'
import assert from 'node:assert'

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

async function rejected(promise) {
  try {
    await promise
  } catch (error) {
    return error
  }
  throw new Error('expected a rejection')
}

function assertionError(error, props = {}) {
  if (!(error instanceof AssertionError)) throw new Error(`not an AssertionError: ${show(error)}`)
  same(error.code, 'ERR_ASSERTION', 'code')
  for (const [key, value] of Object.entries(props)) same(error[key], value, key)
  return error
}

function typeError(error, code, message) {
  if (!(error instanceof TypeError)) throw new Error(`not a TypeError: ${show(error)}`)
  same(error.code, code, 'code')
  if (message !== undefined) same(error.message, message, 'message')
  return error
}

const throwing = (error) => () => {
  throw error
}

test('throws passes when the function throws, and returns undefined', () => {
  same(assert.throws(throwing(new Error('x'))), undefined)
  assert.throws(throwing(undefined))
  assert.throws(throwing('a string'))
})

test('throws without an exception', () => {
  assertionError(caught(() => assert.throws(() => {})), {
    message: 'Missing expected exception.',
    operator: 'throws',
    actual: undefined,
    generatedMessage: false,
  })
  assertionError(caught(() => assert.throws(() => {}, 'why')), { message: 'Missing expected exception: why' })
  assertionError(caught(() => assert.throws(() => {}, TypeError)), {
    message: 'Missing expected exception (TypeError).',
    expected: TypeError,
  })
  assertionError(caught(() => assert.throws(() => {}, TypeError, 'why')), {
    message: 'Missing expected exception (TypeError): why',
  })
  assertionError(caught(() => assert.throws(() => {}, /x/)), { message: 'Missing expected exception.' })
  assertionError(caught(() => assert.throws(() => {}, { name: 'RangeError' })), {
    message: 'Missing expected exception (RangeError).',
  })
})

test('throws with a class checks instanceof', () => {
  assert.throws(throwing(new TypeError('t')), TypeError)
  assert.throws(throwing(new TypeError('t')), Error)
  class MyError extends Error {}
  assert.throws(throwing(new MyError('m')), MyError)
  assert.throws(throwing(new MyError('m')), Error)
})

test('throws with the wrong class', () => {
  const thrown = new Error('e')
  assertionError(caught(() => assert.throws(throwing(thrown), TypeError)), {
    message: 'The error is expected to be an instance of "TypeError". Received "Error"\n\nError message:\n\ne',
    operator: 'throws',
    actual: thrown,
    expected: TypeError,
    generatedMessage: true,
  })
  assertionError(caught(() => assert.throws(throwing(thrown), TypeError, 'mine')), {
    message: 'mine',
    generatedMessage: false,
  })
})

test('throws with the wrong class and a non-error thrown', () => {
  assertionError(caught(() => assert.throws(throwing(1), TypeError)), {
    message: 'The error is expected to be an instance of "TypeError". Received "1"',
  })
  assertionError(caught(() => assert.throws(throwing({ a: 1 }), TypeError)), {
    message: 'The error is expected to be an instance of "TypeError". Received "[Object]"',
  })
})

test('throws with a class of the same name but another prototype', () => {
  class TypeError2 extends Error {}
  Object.defineProperty(TypeError2, 'name', { value: 'TypeError' })
  assertionError(caught(() => assert.throws(throwing(new TypeError2('m')), TypeError)), {
    message:
      'The error is expected to be an instance of "TypeError". Received an error with identical name but a different prototype.\n\nError message:\n\nm',
  })
})

test('throws with a RegExp tests String(error)', () => {
  assert.throws(throwing(new Error('boom')), /^Error: boom$/)
  assert.throws(throwing('plain'), /lai/)
  const thrown = new Error('e')
  assertionError(caught(() => assert.throws(throwing(thrown), /x/)), {
    message: "The input did not match the regular expression /x/. Input:\n\n'Error: e'\n",
    operator: 'throws',
    actual: thrown,
    generatedMessage: true,
  })
  assertionError(caught(() => assert.throws(throwing(thrown), /x/, 'mine')), { message: 'mine' })
})

test('throws with a validation function', () => {
  assert.throws(throwing(new Error('v')), (err) => err.message === 'v')
  assertionError(caught(() => assert.throws(throwing(new Error('e')), (err) => false)), {
    message: 'The validation function is expected to return "true". Received false\n\nCaught error:\n\nError: e',
    operator: 'throws',
  })
  function check() {
    return 1
  }
  assertionError(caught(() => assert.throws(throwing(new Error('q')), check)), {
    message: 'The "check" validation function is expected to return "true". Received 1\n\nCaught error:\n\nError: q',
  })
  assertionError(caught(() => assert.throws(throwing(new Error('q')), check, 'custom')), {
    message: 'custom',
    generatedMessage: false,
  })
})

test('a validation function must return exactly true', () => {
  const error = caught(() => assert.throws(throwing(new Error('q')), () => 'yes'))
  assertionError(error, { operator: 'throws' })
  same(error.message.startsWith('The validation function is expected to return "true". Received \'yes\''), true)
})

test('throws with an object compares every key deeply', () => {
  const thrown = Object.assign(new TypeError('bad thing'), { code: 'E_BAD', info: { list: [1, 2] } })
  assert.throws(throwing(thrown), { name: 'TypeError', message: 'bad thing', code: 'E_BAD' })
  assert.throws(throwing(thrown), { info: { list: [1, 2] } })
  assert.throws(throwing(thrown), { message: /bad/, code: /^E_/ })
  assert.throws(throwing({ status: 404 }), { status: 404 })
})

test('throws with an object: a mismatch', () => {
  const thrown = new Error('e')
  const expected = { message: 'f' }
  assertionError(caught(() => assert.throws(throwing(thrown), expected)), {
    message: "Expected values to be strictly deep-equal:\n+ actual - expected\n\n  Comparison {\n+   message: 'e'\n-   message: 'f'\n  }",
    operator: 'throws',
    actual: thrown,
    expected,
    generatedMessage: true,
  })
  assertionError(caught(() => assert.throws(throwing(thrown), { message: /f/ })), {
    message: "Expected values to be strictly deep-equal:\n+ actual - expected\n\n  Comparison {\n+   message: 'e'\n-   message: /f/\n  }",
  })
})

test('throws with an object: a missing key, and strictness of values', () => {
  assertionError(caught(() => assert.throws(throwing(new Error('e')), { code: 'X' })), {
    message: "Expected values to be strictly deep-equal:\n+ actual - expected\n\n+ Comparison {}\n- Comparison {\n-   code: 'X'\n- }",
    operator: 'throws',
  })
  const thrown = Object.assign(new Error('e'), { info: { a: [1] } })
  assertionError(caught(() => assert.throws(throwing(thrown), { info: { a: ['1'] } })), { operator: 'throws' })
  assertionError(caught(() => assert.throws(throwing(new Error('e')), { message: 'f' }, 'mine')), {
    message: 'mine',
    generatedMessage: false,
  })
})

test('throws with an object when a primitive was thrown', () => {
  const error = assertionError(caught(() => assert.throws(throwing('str'), { message: 'x' })), {
    operator: 'throws',
    actual: 'str',
  })
  same(error.message.startsWith('Expected values to be strictly deep-equal:'), true, 'message')
  assertionError(caught(() => assert.throws(throwing(null), { message: 'x' })), { operator: 'throws', actual: null })
})

test('throws with an Error instance compares its name and message too', () => {
  assert.throws(throwing(new TypeError('x')), new TypeError('x'))
  assertionError(caught(() => assert.throws(throwing(new TypeError('x')), new RangeError('x'))), {
    message:
      "Expected values to be strictly deep-equal:\n+ actual - expected\n\n  Comparison {\n    message: 'x',\n+   name: 'TypeError'\n-   name: 'RangeError'\n  }",
  })
  assertionError(caught(() => assert.throws(throwing(new TypeError('x')), new TypeError('y'))), { operator: 'throws' })
})

test('throws rejects an empty validation object', () => {
  typeError(
    caught(() => assert.throws(throwing(new Error('foo')), {})),
    'ERR_INVALID_ARG_VALUE',
    "The argument 'error' may not be an empty object. Received {}"
  )
})

test('throws needs a function', () => {
  typeError(
    caught(() => assert.throws(1)),
    'ERR_INVALID_ARG_TYPE',
    'The "fn" argument must be of type function. Received type number (1)'
  )
  typeError(
    caught(() => assert.throws()),
    'ERR_INVALID_ARG_TYPE',
    'The "fn" argument must be of type function. Received undefined'
  )
})

test('throws rejects an invalid error argument', () => {
  const message = 'The "error" argument must be of type function or an instance of Error, RegExp, or Object.'
  typeError(caught(() => assert.throws(throwing(1), 1)), 'ERR_INVALID_ARG_TYPE', `${message} Received type number (1)`)
  typeError(
    caught(() => assert.throws(throwing(1), Symbol())),
    'ERR_INVALID_ARG_TYPE',
    `${message} Received type symbol (Symbol())`
  )
  typeError(
    caught(() => assert.throws(throwing(new Error('q')), 'a', 'b')),
    'ERR_INVALID_ARG_TYPE',
    `${message} Received type string ('a')`
  )
})

test('throws with a message equal to the error is ambiguous', () => {
  typeError(
    caught(() => assert.throws(throwing(new Error('foo')), 'foo')),
    'ERR_AMBIGUOUS_ARGUMENT',
    'The "error/message" argument is ambiguous. The error message "foo" is identical to the message.'
  )
  typeError(
    caught(() => assert.throws(throwing('q'), 'q')),
    'ERR_AMBIGUOUS_ARGUMENT',
    'The "error/message" argument is ambiguous. The error "q" is identical to the message.'
  )
})

test('throws with an Error as message', () => {
  const mine = new RangeError('rr')
  same(caught(() => assert.throws(throwing(new Error('e')), { message: 'f' }, mine)), mine, 'on a mismatch')
  // Node quirk: for a missing exception or the wrong class, the Error only becomes (part
  // of) the message of an AssertionError.
  assertionError(caught(() => assert.throws(() => {}, TypeError, mine)), {
    message: 'Missing expected exception (TypeError): RangeError: rr',
  })
  assertionError(caught(() => assert.throws(throwing(new Error('e')), TypeError, mine)), {
    message: 'RangeError: rr',
    operator: 'throws',
  })
})

test('doesNotThrow', () => {
  same(assert.doesNotThrow(() => 1), undefined)
  const thrown = new Error('boom')
  assertionError(caught(() => assert.doesNotThrow(throwing(thrown))), {
    message: 'Got unwanted exception.\nActual message: "boom"',
    operator: 'doesNotThrow',
    actual: thrown,
    generatedMessage: false,
  })
  assertionError(caught(() => assert.doesNotThrow(throwing(thrown), 'why')), {
    message: 'Got unwanted exception: why\nActual message: "boom"',
  })
  assertionError(caught(() => assert.doesNotThrow(throwing('x'))), {
    message: 'Got unwanted exception.\nActual message: "undefined"',
  })
})

test('doesNotThrow with a class, RegExp or function: matching errors fail, others are rethrown', () => {
  assertionError(caught(() => assert.doesNotThrow(throwing(new TypeError('boom')), TypeError)), {
    message: 'Got unwanted exception.\nActual message: "boom"',
    expected: TypeError,
  })
  const other = new TypeError('boom')
  same(caught(() => assert.doesNotThrow(throwing(other), RangeError)), other, 'rethrown')
  assertionError(caught(() => assert.doesNotThrow(throwing(new Error('boom')), /boom/, 'mm')), {
    message: 'Got unwanted exception: mm\nActual message: "boom"',
  })
  same(caught(() => assert.doesNotThrow(throwing(other), /nomatch/)), other, 'RegExp not matching')
  assertionError(caught(() => assert.doesNotThrow(throwing(new Error('e')), () => true)), { operator: 'doesNotThrow' })
  same(caught(() => assert.doesNotThrow(throwing(other), () => false)), other, 'function false')
})

test('doesNotThrow argument errors', () => {
  typeError(
    caught(() => assert.doesNotThrow(throwing(new Error('e')), {})),
    'ERR_INVALID_ARG_TYPE',
    'The "expected" argument must be of type function or an instance of RegExp. Received an instance of Object'
  )
  typeError(
    caught(() => assert.doesNotThrow(1)),
    'ERR_INVALID_ARG_TYPE',
    'The "fn" argument must be of type function. Received type number (1)'
  )
})

test('rejects returns a promise and accepts a promise or a function', async () => {
  const p = assert.rejects(Promise.reject(new Error('z')))
  same(p instanceof Promise, true, 'returns a promise')
  same(await p, undefined, 'resolves to undefined')
  await assert.rejects(() => Promise.reject(new Error('z')), Error)
  await assert.rejects(async () => {
    throw new TypeError('q')
  }, { name: 'TypeError', message: 'q' })
  await assert.rejects(Promise.reject(new Error('abc')), /abc/)
})

test('rejects accepts thenables', async () => {
  const thenable = {
    then(resolve, reject) {
      reject(new Error('t'))
    },
    catch() {},
  }
  await assert.rejects(thenable, /t/)
})

test('rejects without a rejection', async () => {
  assertionError(await rejected(assert.rejects(Promise.resolve(1))), {
    message: 'Missing expected rejection.',
    operator: 'rejects',
  })
  assertionError(await rejected(assert.rejects(async () => 1, TypeError, 'mm')), {
    message: 'Missing expected rejection (TypeError): mm',
  })
})

test('rejects with the wrong error', async () => {
  const thrown = new Error('z')
  assertionError(await rejected(assert.rejects(Promise.reject(thrown), TypeError)), {
    message: 'The error is expected to be an instance of "TypeError". Received "Error"\n\nError message:\n\nz',
    operator: 'rejects',
    actual: thrown,
  })
  assertionError(await rejected(assert.rejects(Promise.reject(thrown), { message: 'y' })), { operator: 'rejects' })
})

test('rejects: argument errors become rejections', async () => {
  const bad = assert.rejects(1)
  same(bad instanceof Promise, true, 'still a promise')
  typeError(
    await rejected(bad),
    'ERR_INVALID_ARG_TYPE',
    'The "promiseFn" argument must be of type function or an instance of Promise. Received type number (1)'
  )
  typeError(
    await rejected(assert.rejects(() => 1)),
    'ERR_INVALID_RETURN_VALUE',
    'Expected instance of Promise to be returned from the "promiseFn" function but got type number (1).'
  )
  typeError(
    await rejected(assert.rejects(() => null)),
    'ERR_INVALID_RETURN_VALUE',
    'Expected instance of Promise to be returned from the "promiseFn" function but got null.'
  )
  typeError(
    await rejected(assert.rejects(() => ({}))),
    'ERR_INVALID_RETURN_VALUE',
    'Expected instance of Promise to be returned from the "promiseFn" function but got an instance of Object.'
  )
})

test('doesNotReject', async () => {
  same(await assert.doesNotReject(Promise.resolve(1)), undefined)
  await assert.doesNotReject(async () => 1)
  const thrown = new Error('z')
  assertionError(await rejected(assert.doesNotReject(Promise.reject(thrown))), {
    message: 'Got unwanted rejection.\nActual message: "z"',
    operator: 'doesNotReject',
    actual: thrown,
  })
  assertionError(await rejected(assert.doesNotReject(() => Promise.reject(thrown), 'mm')), {
    message: 'Got unwanted rejection: mm\nActual message: "z"',
  })
  const other = new TypeError('t')
  same(await rejected(assert.doesNotReject(Promise.reject(other), RangeError)), other, 'non-matching rethrown')
  typeError(
    await rejected(assert.doesNotReject(5)),
    'ERR_INVALID_ARG_TYPE',
    'The "promiseFn" argument must be of type function or an instance of Promise. Received type number (5)'
  )
})
