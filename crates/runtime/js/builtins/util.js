// `util`: LLRT's native util (format, inherits, TextEncoder/TextDecoder) plus the Node
// functions npm packages use that LLRT lacks: promisify/callbackify, deprecate,
// debuglog, inspect, isDeepStrictEqual and util.types.
import llrt from 'apiroutes:llrt/util'
import node from 'apiroutes:util-node'
import { isDeepStrictEqual } from 'apiroutes:internal/deep-equal'

export * from 'apiroutes:llrt/util'
// Node's inspect/format/parseArgs/styleText/types/... (util_node.js) and deep equality
// (internal_deep_equal.js, shared with assert).
export {
  inspect, format, formatWithOptions, parseArgs, styleText, types, toUSVString, stripVTControlCharacters,
  getSystemErrorName, getSystemErrorMap, aborted,
} from 'apiroutes:util-node'
export { isDeepStrictEqual }

const kCustomPromisify = Symbol.for('nodejs.util.promisify.custom')

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

export const isArray = Array.isArray
export function isError(value) {
  return value instanceof Error
}

export default {
  ...llrt, ...node, promisify, callbackify, deprecate, debuglog, debug, isDeepStrictEqual, isArray, isError,
}
