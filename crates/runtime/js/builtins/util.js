// `util`: LLRT's native util (format, inherits, TextEncoder/TextDecoder) plus the Node
// functions npm packages use that LLRT lacks: promisify/callbackify, deprecate,
// debuglog, inspect, isDeepStrictEqual and util.types.
import llrt from 'apiroutes:llrt/util'

export * from 'apiroutes:llrt/util'

const kCustomPromisify = Symbol.for('nodejs.util.promisify.custom')
const kCustomInspect = Symbol.for('nodejs.util.inspect.custom')

export function promisify(original) {
  if (typeof original !== 'function') {
    const err = new TypeError('The "original" argument must be of type function')
    err.code = 'ERR_INVALID_ARG_TYPE'
    throw err
  }
  if (typeof original[kCustomPromisify] === 'function') return original[kCustomPromisify]
  function promisified(...args) {
    return new Promise((resolve, reject) => {
      original.call(this, ...args, (err, ...values) => {
        if (err) reject(err)
        else resolve(values.length > 1 ? values : values[0])
      })
    })
  }
  Object.setPrototypeOf(promisified, Object.getPrototypeOf(original))
  Object.defineProperty(promisified, kCustomPromisify, { value: promisified })
  return Object.defineProperties(promisified, Object.getOwnPropertyDescriptors(original))
}
promisify.custom = kCustomPromisify

export function callbackify(original) {
  return function callbackified(...args) {
    const callback = args.pop()
    original.apply(this, args).then(
      (value) => queueMicrotask(() => callback(null, value)),
      (reason) => {
        const err = reason || Object.assign(new Error('Promise was rejected with a falsy value'), { reason })
        queueMicrotask(() => callback(err))
      }
    )
  }
}

const warned = new Set()
export function deprecate(fn, message, code) {
  return function deprecated(...args) {
    const key = code || message
    if (!warned.has(key)) {
      warned.add(key)
      globalThis.process.emitWarning(message, 'DeprecationWarning')
    }
    return new.target ? Reflect.construct(fn, args, new.target) : fn.apply(this, args)
  }
}

// debuglog(section): logs only when NODE_DEBUG names the section, like Node.
export function debuglog(section) {
  const wanted = String((globalThis.process.env || {}).NODE_DEBUG || '')
    .split(/[\s,]+/)
    .some((name) => name && (name === '*' || name.toUpperCase() === String(section).toUpperCase()))
  const log = wanted ? (...args) => console.error(`${String(section).toUpperCase()}:`, ...args) : () => {}
  log.enabled = wanted
  return log
}
export const debug = debuglog

function isPlainKey(key) {
  return /^[A-Za-z_$][\w$]*$/.test(key)
}
function inspectValue(value, depth, seen, options) {
  if (value === null) return 'null'
  const type = typeof value
  if (type === 'string') return depth === 0 && options.top ? value : `'${value.replace(/'/g, "\\'")}'`
  if (type === 'bigint') return `${value}n`
  if (type === 'symbol') return value.toString()
  if (type === 'function') return `[Function: ${value.name || '(anonymous)'}]`
  if (type !== 'object') return String(value)
  if (typeof value[kCustomInspect] === 'function') {
    return String(value[kCustomInspect](options.depth - depth, options, inspect))
  }
  if (seen.includes(value)) return '[Circular *1]'
  if (value instanceof Error) return value.stack || `${value.name}: ${value.message}`
  if (value instanceof Date) return value.toISOString()
  if (value instanceof RegExp) return String(value)
  if (depth > options.depth) return Array.isArray(value) ? '[Array]' : '[Object]'
  const next = [...seen, value]
  const inner = (v) => inspectValue(v, depth + 1, next, options)
  if (Array.isArray(value)) return value.length === 0 ? '[]' : `[ ${value.map(inner).join(', ')} ]`
  if (value instanceof Map) {
    return `Map(${value.size}) { ${[...value].map(([k, v]) => `${inner(k)} => ${inner(v)}`).join(', ')} }`
  }
  if (value instanceof Set) return `Set(${value.size}) { ${[...value].map(inner).join(', ')} }`
  if (ArrayBuffer.isView(value)) {
    const name = (value.constructor && value.constructor.name) || 'TypedArray'
    return `${name}(${value.length}) [ ${Array.from(value.slice(0, 50)).join(', ')}${value.length > 50 ? ', ...' : ''} ]`
  }
  const keys = Object.keys(value)
  const ctor = value.constructor && value.constructor !== Object ? `${value.constructor.name} ` : ''
  if (keys.length === 0) return `${ctor}{}`
  const body = keys.map((key) => `${isPlainKey(key) ? key : `'${key}'`}: ${inner(value[key])}`).join(', ')
  return `${ctor}{ ${body} }`
}
export function inspect(value, options) {
  const opts = typeof options === 'object' && options !== null ? options : {}
  return inspectValue(value, 0, [], { depth: opts.depth === undefined ? 2 : opts.depth === null ? Infinity : opts.depth })
}
inspect.custom = kCustomInspect
inspect.defaultOptions = { depth: 2 }

export function isDeepStrictEqual(a, b) {
  if (Object.is(a, b)) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false
  if (a instanceof Date) return a.getTime() === b.getTime()
  if (a instanceof RegExp) return String(a) === String(b)
  if (a instanceof Map || a instanceof Set) {
    if (a.size !== b.size) return false
    for (const [key, value] of a.entries()) {
      if (!b.has(key) || (a instanceof Map && !isDeepStrictEqual(value, b.get(key)))) return false
    }
    return true
  }
  const keysA = Object.keys(a)
  const keysB = Object.keys(b)
  if (keysA.length !== keysB.length) return false
  return keysA.every((key) => Object.prototype.hasOwnProperty.call(b, key) && isDeepStrictEqual(a[key], b[key]))
}

const tag = (value) => Object.prototype.toString.call(value).slice(8, -1)
const AsyncFunction = (async () => {}).constructor
const GeneratorFunction = function* () {}.constructor
const TypedArray = Object.getPrototypeOf(Uint8Array)
export const types = {
  isPromise: (v) => v instanceof Promise,
  isDate: (v) => v instanceof Date,
  isRegExp: (v) => v instanceof RegExp,
  isMap: (v) => v instanceof Map,
  isSet: (v) => v instanceof Set,
  isWeakMap: (v) => v instanceof WeakMap,
  isWeakSet: (v) => v instanceof WeakSet,
  isNativeError: (v) => v instanceof Error,
  isArrayBuffer: (v) => v instanceof ArrayBuffer,
  isAnyArrayBuffer: (v) => v instanceof ArrayBuffer || tag(v) === 'SharedArrayBuffer',
  isSharedArrayBuffer: (v) => tag(v) === 'SharedArrayBuffer',
  isArrayBufferView: (v) => ArrayBuffer.isView(v),
  isDataView: (v) => v instanceof DataView,
  isTypedArray: (v) => v instanceof TypedArray,
  isUint8Array: (v) => v instanceof Uint8Array,
  isAsyncFunction: (v) => v instanceof AsyncFunction,
  isGeneratorFunction: (v) => v instanceof GeneratorFunction,
  isGeneratorObject: (v) => tag(v) === 'Generator',
  isBoxedPrimitive: (v) => ['Number', 'String', 'Boolean', 'BigInt', 'Symbol'].includes(tag(v)) && typeof v === 'object',
  isProxy: () => false,
}

export const isArray = Array.isArray
export function isError(value) {
  return value instanceof Error
}
export function stripVTControlCharacters(text) {
  // eslint-disable-next-line no-control-regex
  return String(text).replace(/\u001b\[[0-9;]*[A-Za-z]/g, '')
}
export function toUSVString(text) {
  return String(text).toWellFormed ? String(text).toWellFormed() : String(text)
}
export function formatWithOptions(options, ...args) {
  return llrt.format(...args)
}

export default {
  ...llrt, promisify, callbackify, deprecate, debuglog, debug, inspect, isDeepStrictEqual, types, isArray, isError,
  stripVTControlCharacters, toUSVString, formatWithOptions,
}
