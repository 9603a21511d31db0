// `structuredClone(value, { transfer })`: the HTML structured clone algorithm as Node 20
// applies it. Primitives (BigInt too), boxed primitives, Date, RegExp, ArrayBuffer, typed
// arrays and DataView (views of one buffer keep sharing one clone), Map, Set, arrays (holes
// and extra properties kept), plain objects (own enumerable string keys; prototype not kept),
// errors (name from the standard list, message, stack, cause), Blob/File, cycles and shared
// references. Functions, symbols, WeakMap/WeakSet, Promise and other host objects throw a
// `DataCloneError`. A transferred ArrayBuffer is detached with `ArrayBuffer.prototype.transfer`
// where the engine has it, else copied. Evaluated once per runtime as a plain script.
;(function structuredCloneScript(global) {
  'use strict'
  if (typeof global.structuredClone === 'function') return

  const ERROR_NAMES = new Set(['Error', 'EvalError', 'RangeError', 'ReferenceError', 'SyntaxError', 'TypeError', 'URIError'])
  const toTag = (value) => Object.prototype.toString.call(value).slice(8, -1)

  function cloneError(what) {
    const text = typeof what === 'symbol' ? what.toString() : typeof what === 'function' ? String(what) : `#<${toTag(what)}>`
    return new DOMException(`${text} could not be cloned.`, 'DataCloneError')
  }

  function structuredClone(value, options) {
    if (arguments.length === 0) {
      const err = new TypeError('The "value" argument must be specified')
      err.code = 'ERR_MISSING_ARGS'
      throw err
    }
    const memory = new Map()
    const transfer = options && options.transfer ? Array.from(options.transfer) : []
    for (const item of transfer) {
      if (!(item instanceof ArrayBuffer)) throw new DOMException('Value not transferable', 'DataCloneError')
    }
    const result = clone(value, memory)
    for (const buffer of transfer) {
      if (typeof buffer.transfer === 'function' && !memory.has(buffer)) buffer.transfer()
    }
    return result
  }

  function cloneBuffer(buffer, memory) {
    if (memory.has(buffer)) return memory.get(buffer)
    const copy = buffer.slice(0)
    memory.set(buffer, copy)
    return copy
  }

  function clone(value, memory) {
    const type = typeof value
    if (type === 'symbol' || type === 'function') throw cloneError(value)
    if (value === null || type !== 'object') return value
    if (memory.has(value)) return memory.get(value)
    const tag = toTag(value)
    let out
    switch (tag) {
      case 'Boolean':
      case 'Number':
      case 'String':
      case 'BigInt':
        out = Object(value.valueOf())
        memory.set(value, out)
        return out
      case 'Symbol':
        throw cloneError(value)
      case 'Date':
        out = new Date(value.getTime())
        memory.set(value, out)
        return out
      case 'RegExp':
        out = new RegExp(value.source, value.flags)
        memory.set(value, out)
        return out
      case 'ArrayBuffer':
        return cloneBuffer(value, memory)
      case 'Map':
        out = new Map()
        memory.set(value, out)
        for (const [key, item] of value) out.set(clone(key, memory), clone(item, memory))
        return out
      case 'Set':
        out = new Set()
        memory.set(value, out)
        for (const item of value) out.add(clone(item, memory))
        return out
      case 'WeakMap':
      case 'WeakSet':
      case 'WeakRef':
      case 'Promise':
      case 'Proxy':
        throw cloneError(value)
      default:
        break
    }
    if (ArrayBuffer.isView(value)) {
      const buffer = cloneBuffer(value.buffer, memory)
      if (value instanceof DataView) out = new DataView(buffer, value.byteOffset, value.byteLength)
      else {
        // Node's Buffer clones into a plain Uint8Array.
        const isBuffer = typeof Buffer === 'function' && value instanceof Buffer
        const View = isBuffer ? Uint8Array : typeof global[tag] === 'function' ? global[tag] : Uint8Array
        out = new View(buffer, value.byteOffset, value.length)
      }
      memory.set(value, out)
      return out
    }
    if (value instanceof Error || tag === 'Error') {
      const name = ERROR_NAMES.has(value.name) ? value.name : 'Error'
      out = new global[name](value.message)
      memory.set(value, out)
      if (value.stack !== undefined) Object.defineProperty(out, 'stack', { value: String(value.stack), writable: true, configurable: true })
      if ('cause' in value) Object.defineProperty(out, 'cause', { value: clone(value.cause, memory), writable: true, configurable: true })
      return out
    }
    if (typeof global.File === 'function' && value instanceof global.File) {
      out = new global.File([value], value.name, { type: value.type, lastModified: value.lastModified })
      memory.set(value, out)
      return out
    }
    if (typeof global.Blob === 'function' && value instanceof global.Blob) {
      out = value.slice(0, value.size, value.type)
      memory.set(value, out)
      return out
    }
    if (Array.isArray(value)) {
      out = new Array(value.length)
      memory.set(value, out)
      for (const key of Object.keys(value)) out[key] = clone(value[key], memory)
      return out
    }
    if (tag !== 'Object' && tag !== 'Arguments' && Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) {
      // Class instances are cloned as plain objects of their own enumerable data, as
      // browsers and Node do; host objects with internal slots are not cloneable.
      if (typeof value.constructor === 'function' && /\[native code\]/.test(Function.prototype.toString.call(value.constructor)) && value.constructor !== Object) {
        throw cloneError(value)
      }
    }
    out = {}
    memory.set(value, out)
    for (const key of Object.keys(value)) out[key] = clone(value[key], memory)
    return out
  }

  Object.defineProperty(global, 'structuredClone', { value: structuredClone, writable: true, configurable: true, enumerable: true })
})(globalThis)
