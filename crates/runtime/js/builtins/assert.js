// `assert` and `assert/strict`: Node 20's assertion module. Deep equality follows Node's
// comparison rules (strict: prototypes, Object.is, symbol keys, holes; loose: == on
// primitives); `throws`/`rejects` validate with a class, a RegExp, a function or an object
// of expected properties. Generated messages follow Node's first lines ("Expected values to
// be strictly equal:") without its line-by-line diff.

const kStrict = true
const kLoose = false

function tagOf(value) {
  return Object.prototype.toString.call(value)
}

function isBoxed(value) {
  return (
    value instanceof Number || value instanceof String || value instanceof Boolean ||
    (typeof BigInt === 'function' && value instanceof BigInt) || value instanceof Symbol
  )
}

function ownEnumerable(value, strict) {
  const keys = Object.keys(value)
  if (strict) {
    for (const symbol of Object.getOwnPropertySymbols(value)) {
      if (Object.prototype.propertyIsEnumerable.call(value, symbol)) keys.push(symbol)
    }
  }
  return keys
}

function compareKeys(a, b, strict, memo, skipIndexes) {
  let keysA = ownEnumerable(a, strict)
  let keysB = ownEnumerable(b, strict)
  if (skipIndexes) {
    const isIndex = (key) => typeof key === 'string' && /^(0|[1-9][0-9]*)$/.test(key)
    keysA = keysA.filter((key) => !isIndex(key))
    keysB = keysB.filter((key) => !isIndex(key))
  }
  if (keysA.length !== keysB.length) return false
  for (const key of keysA) {
    if (!Object.prototype.propertyIsEnumerable.call(b, key)) return false
    if (!innerDeepEqual(a[key], b[key], strict, memo)) return false
  }
  return true
}

function bytesEqual(a, b) {
  if (a.byteLength !== b.byteLength) return false
  const left = new Uint8Array(a.buffer || a, a.byteOffset || 0, a.byteLength)
  const right = new Uint8Array(b.buffer || b, b.byteOffset || 0, b.byteLength)
  for (let i = 0; i < left.length; i++) if (left[i] !== right[i]) return false
  return true
}

function setEqual(a, b, strict, memo) {
  if (a.size !== b.size) return false
  const pending = []
  for (const value of a) {
    if (typeof value === 'object' && value !== null) pending.push(value)
    else if (!b.has(value)) {
      if (strict) return false
      // loose: a primitive may match another primitive loosely (1 and '1')
      let found = false
      for (const other of b) {
        if ((typeof other !== 'object' || other === null) && other == value) {
          found = true
          break
        }
      }
      if (!found) return false
    }
  }
  if (pending.length === 0) return true
  const candidates = []
  for (const value of b) if (typeof value === 'object' && value !== null && !a.has(value)) candidates.push(value)
  for (const value of pending) {
    if (b.has(value)) continue
    const index = candidates.findIndex((other) => innerDeepEqual(value, other, strict, memo))
    if (index < 0) return false
    candidates.splice(index, 1)
  }
  return true
}

function mapEqual(a, b, strict, memo) {
  if (a.size !== b.size) return false
  const pending = []
  for (const [key, value] of a) {
    if (typeof key === 'object' && key !== null) {
      pending.push([key, value])
    } else if (b.has(key)) {
      if (!innerDeepEqual(value, b.get(key), strict, memo)) return false
    } else {
      if (strict) return false
      let found = false
      for (const [otherKey, otherValue] of b) {
        if ((typeof otherKey !== 'object' || otherKey === null) && otherKey == key &&
          innerDeepEqual(value, otherValue, strict, memo)) {
          found = true
          break
        }
      }
      if (!found) return false
    }
  }
  if (pending.length === 0) return true
  const candidates = []
  for (const entry of b) if (typeof entry[0] === 'object' && entry[0] !== null) candidates.push(entry)
  for (const [key, value] of pending) {
    const index = candidates.findIndex(
      ([otherKey, otherValue]) => innerDeepEqual(key, otherKey, strict, memo) && innerDeepEqual(value, otherValue, strict, memo)
    )
    if (index < 0) return false
    candidates.splice(index, 1)
  }
  return true
}

function innerDeepEqual(a, b, strict, memo) {
  if (a === b) return a !== 0 || !strict || Object.is(a, b)
  if (strict) {
    if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
      return typeof a === 'number' && typeof b === 'number' && Number.isNaN(a) && Number.isNaN(b)
    }
    if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false
  } else {
    if (a === null || typeof a !== 'object') {
      if (b === null || typeof b !== 'object') {
        // eslint-disable-next-line eqeqeq
        return a == b || (Number.isNaN(a) && Number.isNaN(b))
      }
      return false
    }
    if (b === null || typeof b !== 'object') return false
  }
  const tag = tagOf(a)
  if (tag !== tagOf(b)) return false
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false
    const pair = memoPair(memo, a, b)
    if (pair === true) return true
    for (let i = 0; i < a.length; i++) {
      if (Object.prototype.hasOwnProperty.call(a, i) !== Object.prototype.hasOwnProperty.call(b, i)) return false
      if (!innerDeepEqual(a[i], b[i], strict, memo)) return false
    }
    return compareKeys(a, b, strict, memo, true)
  }
  if (tag === '[object Date]') {
    if (a.getTime() !== b.getTime() && !(Number.isNaN(a.getTime()) && Number.isNaN(b.getTime()))) return false
  } else if (tag === '[object RegExp]') {
    if (a.source !== b.source || a.flags !== b.flags || a.lastIndex !== b.lastIndex) return false
  } else if (a instanceof Error || tag === '[object Error]') {
    if (a.message !== b.message || a.name !== b.name) return false
    if ('cause' in a !== 'cause' in b || !innerDeepEqual(a.cause, b.cause, strict, memo)) return false
    if ('errors' in a !== 'errors' in b || !innerDeepEqual(a.errors, b.errors, strict, memo)) return false
  } else if (ArrayBuffer.isView(a)) {
    if (!ArrayBuffer.isView(b)) return false
    if (!strict && (a instanceof Float32Array || a instanceof Float64Array)) {
      if (a.length !== b.length) return false
      for (let i = 0; i < a.length; i++) if (a[i] != b[i]) return false
    } else if (!bytesEqual(a, b)) {
      return false
    }
    return compareKeys(a, b, strict, memo, true)
  } else if (tag === '[object ArrayBuffer]' || tag === '[object SharedArrayBuffer]') {
    if (!bytesEqual(new Uint8Array(a), new Uint8Array(b))) return false
  } else if (isBoxed(a)) {
    if (!isBoxed(b) || !Object.is(a.valueOf(), b.valueOf())) return false
  } else if (tag === '[object WeakMap]' || tag === '[object WeakSet]' || tag === '[object Promise]') {
    return false
  } else if (typeof a === 'function' || typeof b === 'function') {
    return false
  }
  const pair = memoPair(memo, a, b)
  if (pair === true) return true
  if (a instanceof Set || tag === '[object Set]') {
    if (!setEqual(a, b, strict, memo)) return false
  } else if (a instanceof Map || tag === '[object Map]') {
    if (!mapEqual(a, b, strict, memo)) return false
  }
  return compareKeys(a, b, strict, memo, false)
}

// Cycles: a pair already being compared counts as equal (Node's memo of visited pairs).
function memoPair(memo, a, b) {
  let seen = memo.get(a)
  if (seen === undefined) {
    seen = new Set()
    memo.set(a, seen)
  }
  if (seen.has(b)) return true
  seen.add(b)
  return false
}

export function isDeepStrictEqual(a, b) {
  return innerDeepEqual(a, b, kStrict, new Map())
}

export function isDeepEqual(a, b) {
  return innerDeepEqual(a, b, kLoose, new Map())
}

// ------------------------------------------------------------------ messages

function show(value, depth = 0) {
  if (typeof value === 'string') return `'${value.replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`
  if (typeof value === 'bigint') return `${value}n`
  if (typeof value === 'symbol') return value.toString()
  if (typeof value === 'function') return value.name ? `[Function: ${value.name}]` : '[Function (anonymous)]'
  if (value === null || typeof value !== 'object') return Object.is(value, -0) ? '-0' : String(value)
  if (depth > 2) return Array.isArray(value) ? '[Array]' : '[Object]'
  if (value instanceof Error) return value.stack ? String(value.stack).split('\n')[0] : `${value.name}: ${value.message}`
  if (value instanceof Date) return value.toISOString()
  if (value instanceof RegExp) return String(value)
  if (Array.isArray(value)) return `[ ${value.map((item) => show(item, depth + 1)).join(', ')} ]`.replace('[  ]', '[]')
  if (value instanceof Map) return `Map(${value.size}) { ${[...value].map(([k, v]) => `${show(k, depth + 1)} => ${show(v, depth + 1)}`).join(', ')} }`
  if (value instanceof Set) return `Set(${value.size}) { ${[...value].map((v) => show(v, depth + 1)).join(', ')} }`
  const keys = Object.keys(value)
  if (keys.length === 0) return '{}'
  return `{ ${keys.map((key) => `${/^[A-Za-z_$][\w$]*$/.test(key) ? key : show(key)}: ${show(value[key], depth + 1)}`).join(', ')} }`
}

const OPERATOR_MESSAGES = {
  deepStrictEqual: 'Expected values to be strictly deep-equal:',
  strictEqual: 'Expected values to be strictly equal:',
  deepEqual: 'Expected values to be loosely deep-equal:',
  equal: 'Expected values to be loosely equal:',
  notDeepStrictEqual: 'Expected "actual" not to be strictly deep-equal to:',
  notStrictEqual: 'Expected "actual" to be strictly unequal to:',
  notDeepEqual: 'Expected "actual" not to be loosely deep-equal to:',
  notEqual: 'Expected "actual" to be loosely unequal to:',
}

export class AssertionError extends Error {
  constructor(options) {
    if (typeof options !== 'object' || options === null) {
      const err = new TypeError('The "options" argument must be of type object. Received ' + typeof options)
      err.code = 'ERR_INVALID_ARG_TYPE'
      throw err
    }
    const { message, actual, expected, operator } = options
    let text = message
    if (text === undefined || text === null) {
      const head = OPERATOR_MESSAGES[operator]
      if (head && operator.startsWith('not')) text = `${head}\n\n${show(expected)}\n`
      else if (head) text = `${head}\n\n${show(actual)} !== ${show(expected)}\n`
      else text = `${show(actual)} ${operator} ${show(expected)}`
    }
    super(String(text))
    this.generatedMessage = message === undefined || message === null
    this.code = 'ERR_ASSERTION'
    this.actual = actual
    this.expected = expected
    this.operator = operator
    Object.defineProperty(this, 'name', { value: 'AssertionError', enumerable: false, writable: true, configurable: true })
  }
  toString() {
    return `${this.name} [${this.code}]: ${this.message}`
  }
}

function fail(actual, expected, message, operator, stackStart) {
  if (message instanceof Error) throw message
  const error = new AssertionError({ actual, expected, message, operator })
  if (typeof Error.captureStackTrace === 'function' && stackStart) Error.captureStackTrace(error, stackStart)
  throw error
}

function argType(name, expected, value) {
  const received = value === null ? 'null' : typeof value === 'function' ? `function ${value.name}` : typeof value
  const err = new TypeError(`The "${name}" argument must be ${expected}. Received ${received}`)
  err.code = 'ERR_INVALID_ARG_TYPE'
  return err
}

// ------------------------------------------------------------------ assertions

function innerOk(fn, argLength, value, message) {
  if (argLength === 0) {
    fail(undefined, true, 'No value argument passed to `assert.ok()`', '==', fn)
  }
  if (!value) {
    if (message instanceof Error) throw message
    const error = new AssertionError({
      actual: value,
      expected: true,
      message: message === undefined ? 'The expression evaluated to a falsy value:\n\n  assert(' + show(value) + ')\n' : message,
      operator: '==',
    })
    error.generatedMessage = message === undefined
    throw error
  }
}

export function ok(...args) {
  innerOk(ok, args.length, ...args)
}

export function equal(actual, expected, message) {
  // eslint-disable-next-line eqeqeq
  if (!(actual == expected || (Number.isNaN(actual) && Number.isNaN(expected)))) fail(actual, expected, message, '==', equal)
}
export function notEqual(actual, expected, message) {
  // eslint-disable-next-line eqeqeq
  if (actual == expected || (Number.isNaN(actual) && Number.isNaN(expected))) fail(actual, expected, message, '!=', notEqual)
}
export function strictEqual(actual, expected, message) {
  if (!Object.is(actual, expected)) fail(actual, expected, message, 'strictEqual', strictEqual)
}
export function notStrictEqual(actual, expected, message) {
  if (Object.is(actual, expected)) fail(actual, expected, message, 'notStrictEqual', notStrictEqual)
}
export function deepEqual(actual, expected, message) {
  if (!isDeepEqual(actual, expected)) fail(actual, expected, message, 'deepEqual', deepEqual)
}
export function notDeepEqual(actual, expected, message) {
  if (isDeepEqual(actual, expected)) fail(actual, expected, message, 'notDeepEqual', notDeepEqual)
}
export function deepStrictEqual(actual, expected, message) {
  if (!isDeepStrictEqual(actual, expected)) fail(actual, expected, message, 'deepStrictEqual', deepStrictEqual)
}
export function notDeepStrictEqual(actual, expected, message) {
  if (isDeepStrictEqual(actual, expected)) fail(actual, expected, message, 'notDeepStrictEqual', notDeepStrictEqual)
}

export function match(string, regexp, message) {
  if (!(regexp instanceof RegExp)) throw argType('regexp', 'an instance of RegExp', regexp)
  if (typeof string !== 'string' || !regexp.test(string)) {
    fail(string, regexp, message !== undefined ? message : typeof string !== 'string'
      ? `The "string" argument must be of type string. Received type ${typeof string} (${show(string)})`
      : `The input did not match the regular expression ${regexp}. Input:\n\n${show(string)}\n`, 'match', match)
  }
}
export function doesNotMatch(string, regexp, message) {
  if (!(regexp instanceof RegExp)) throw argType('regexp', 'an instance of RegExp', regexp)
  if (typeof string !== 'string' || regexp.test(string)) {
    fail(string, regexp, message !== undefined ? message : typeof string !== 'string'
      ? `The "string" argument must be of type string. Received type ${typeof string} (${show(string)})`
      : `The input was expected to not match the regular expression ${regexp}. Input:\n\n${show(string)}\n`, 'doesNotMatch', doesNotMatch)
  }
}

export function ifError(value) {
  if (value !== null && value !== undefined) {
    let text = 'ifError got unwanted exception: '
    text += typeof value === 'object' && typeof value.message === 'string' ? value.message || value.constructor.name : show(value)
    const error = new AssertionError({ actual: value, expected: null, operator: 'ifError', message: text })
    error.generatedMessage = false
    throw error
  }
}

export function failAssert(message = 'Failed') {
  if (message instanceof Error) throw message
  const error = new AssertionError({ message, operator: 'fail' })
  error.generatedMessage = message === 'Failed'
  throw error
}

const NO_EXCEPTION = Symbol('no exception')

function getActual(fn) {
  if (typeof fn !== 'function') throw argType('fn', 'of type function', fn)
  try {
    fn()
  } catch (error) {
    return error
  }
  return NO_EXCEPTION
}

async function waitActual(promiseFn) {
  let promise
  if (typeof promiseFn === 'function') {
    promise = promiseFn()
    if (!promise || typeof promise.then !== 'function') {
      const err = new TypeError(`Expected instance of Promise to be returned from the "promiseFn" function but got ${promise === null ? 'null' : typeof promise}.`)
      err.code = 'ERR_INVALID_RETURN_VALUE'
      throw err
    }
  } else if (promiseFn && typeof promiseFn.then === 'function') {
    promise = promiseFn
  } else {
    throw argType('promiseFn', 'of type function or an instance of Promise', promiseFn)
  }
  try {
    await promise
  } catch (error) {
    return error
  }
  return NO_EXCEPTION
}

function expectedMatches(actual, expected, message, fn) {
  if (expected === undefined) return
  if (typeof expected === 'function') {
    if (expected.prototype !== undefined && actual instanceof expected) return
    if (Error.isPrototypeOf(expected) || expected === Error) {
      if (message instanceof Error) throw message
      const error = new AssertionError({
        actual,
        expected,
        operator: fn.name,
        message: message || `The error is expected to be an instance of "${expected.name}". Received "${actual && actual.constructor ? actual.constructor.name : typeof actual}"\n\nError message:\n\n${actual && actual.message}`,
      })
      error.generatedMessage = !message
      throw error
    }
    const result = expected.call({}, actual)
    if (result !== true) {
      if (message instanceof Error) throw message
      const error = new AssertionError({
        actual,
        expected,
        operator: fn.name,
        message: message || `The ${expected.name ? `"${expected.name}" validation function` : 'validation function'} is expected to return "true". Received ${show(result)}\n\nCaught error:\n\n${actual}`,
      })
      error.generatedMessage = !message
      throw error
    }
    return
  }
  if (expected instanceof RegExp) {
    if (expected.test(String(actual))) return
    fail(actual, expected, message || `The input did not match the regular expression ${expected}. Input:\n\n${show(String(actual))}\n`, fn.name, fn)
  }
  if (typeof expected !== 'object' || expected === null) {
    throw argType('error', 'of type function or an instance of Error, RegExp, or Object', expected)
  }
  const keys = Object.keys(expected)
  if (expected instanceof Error) keys.push('name', 'message')
  else if (keys.length === 0) {
    const err = new TypeError("The argument 'error' may not be an empty object. Received {}")
    err.code = 'ERR_INVALID_ARG_VALUE'
    throw err
  }
  for (const key of keys) {
    const want = expected[key]
    const have = actual === null || actual === undefined ? undefined : actual[key]
    if (typeof have === 'string' && want instanceof RegExp && want.test(have)) continue
    if (!(key in Object(actual)) || !isDeepStrictEqual(have, want)) {
      fail(actual, expected, message || `Expected values to be strictly deep-equal:\n\n${show(have)} !== ${show(want)}\n`, fn.name, fn)
    }
  }
}

function checkThrown(fn, actual, error, message) {
  if (typeof error === 'string') {
    if (message !== undefined) throw argType('error', 'of type function or an instance of Error, RegExp, or Object', error)
    message = error
    error = undefined
  }
  if (actual === NO_EXCEPTION) {
    let details = ''
    if (error && error.name) details += ` (${error.name})`
    details += message ? `: ${message}` : '.'
    const kind = fn.name === 'rejects' ? 'rejection' : 'exception'
    fail(undefined, error, message instanceof Error ? message : `Missing expected ${kind}${details}`, fn.name, fn)
  }
  expectedMatches(actual, error, message, fn)
}

function checkNotThrown(fn, actual, error, message) {
  if (actual === NO_EXCEPTION) return
  if (typeof error === 'string') {
    message = error
    error = undefined
  }
  if (!error || (typeof error === 'function' && actual instanceof error) || (error instanceof RegExp && error.test(String(actual)))) {
    const kind = fn.name === 'doesNotReject' ? 'rejection' : 'exception'
    fail(actual, error, `Got unwanted ${kind}${message ? `: ${message}` : '.'}\nActual message: "${actual && actual.message}"`, fn.name, fn)
  }
  throw actual
}

export function throws(fn, error, message) {
  checkThrown(throws, getActual(fn), error, message)
}
export async function rejects(promiseFn, error, message) {
  checkThrown(rejects, await waitActual(promiseFn), error, message)
}
export function doesNotThrow(fn, error, message) {
  checkNotThrown(doesNotThrow, getActual(fn), error, message)
}
export async function doesNotReject(promiseFn, error, message) {
  checkNotThrown(doesNotReject, await waitActual(promiseFn), error, message)
}

function build(strictMode) {
  function assert(...args) {
    innerOk(assert, args.length, ...args)
  }
  Object.assign(assert, {
    ok, fail: failAssert, throws, rejects, doesNotThrow, doesNotReject, match, doesNotMatch, ifError,
    AssertionError, strictEqual, notStrictEqual, deepStrictEqual, notDeepStrictEqual,
    equal: strictMode ? strictEqual : equal,
    notEqual: strictMode ? notStrictEqual : notEqual,
    deepEqual: strictMode ? deepStrictEqual : deepEqual,
    notDeepEqual: strictMode ? notDeepStrictEqual : notDeepEqual,
  })
  return assert
}

export const strict = build(true)
strict.strict = strict
const assert = build(false)
assert.strict = strict
export { failAssert as fail }
export default assert
