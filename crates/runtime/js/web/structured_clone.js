// `structuredClone(value, { transfer })`: the HTML structured clone algorithm, as Node 20
// behaves (its V8 ValueSerializer underneath), for runtimes whose globals lack it. A plain
// script, evaluated once per runtime before user code; it defines the global only when it
// is missing.
//
// What clones: primitives (BigInt included), boxed primitives, Date, RegExp (lastIndex is
// not kept), ArrayBuffer (resizable ones stay resizable), typed arrays and DataView (views
// that share a buffer share one cloned buffer; a Node Buffer becomes a plain Uint8Array),
// Map, Set, Array (holes and extra properties kept), Error and its standard subclasses
// (prototype chosen from `name` among the standard list; message, stack and cause as
// Node 20 keeps them), Blob/File when they are globals (both become a Blob of the same
// bytes and type, like Node 20), and every other object as a plain object of its own
// enumerable string-keyed properties (getters are invoked, the prototype is not kept).
// Cycles and shared references are preserved. Functions, symbols, Promise, WeakMap,
// WeakSet, WeakRef, FinalizationRegistry, generators, iterators, `arguments` and module
// namespaces throw a DOMException named DataCloneError with Node's message
// (`function () {} could not be cloned.`, `#<Promise> could not be cloned.`, ...).
//
// `transfer`: only ArrayBuffers are transferable. The clone gets its own buffer holding
// the transferred bytes and the original is detached afterwards with
// `ArrayBuffer.prototype.transfer(0)`; engines without `transfer` cannot detach from
// JavaScript, so there the original is left intact (the transfer degrades to a copy).
// SharedArrayBuffers are returned as they are (the memory stays shared, as it is between
// the agents of one cluster).
;(function () {
  'use strict'
  if (typeof globalThis.structuredClone === 'function') return

  const { getPrototypeOf, keys: objectKeys, defineProperty, getOwnPropertyDescriptor, prototype: ObjectPrototype } =
    Object
  const hasOwn = Object.hasOwn || ((o, k) => ObjectPrototype.hasOwnProperty.call(o, k))
  const objectToString = ObjectPrototype.toString
  const functionToString = Function.prototype.toString
  const symbolToString = Symbol.prototype.toString
  const uncurry = (fn) => (self, ...args) => fn.apply(self, args)
  const getter = (proto, name) => {
    const desc = proto && getOwnPropertyDescriptor(proto, name)
    return desc && desc.get ? uncurry(desc.get) : undefined
  }

  const TypedArray = getPrototypeOf(Uint8Array)
  const typedArrayTag = getter(TypedArray.prototype, Symbol.toStringTag)
  const typedArrayBuffer = getter(TypedArray.prototype, 'buffer')
  const typedArrayByteOffset = getter(TypedArray.prototype, 'byteOffset')
  const typedArrayLength = getter(TypedArray.prototype, 'length')
  const dataViewBuffer = getter(DataView.prototype, 'buffer')
  const dataViewByteOffset = getter(DataView.prototype, 'byteOffset')
  const dataViewByteLength = getter(DataView.prototype, 'byteLength')
  const arrayBufferByteLength = getter(ArrayBuffer.prototype, 'byteLength')
  const arrayBufferResizable = getter(ArrayBuffer.prototype, 'resizable')
  const arrayBufferMaxByteLength = getter(ArrayBuffer.prototype, 'maxByteLength')
  const arrayBufferDetached = getter(ArrayBuffer.prototype, 'detached')
  const arrayBufferSlice = uncurry(ArrayBuffer.prototype.slice)
  const arrayBufferTransfer =
    typeof ArrayBuffer.prototype.transfer === 'function' ? uncurry(ArrayBuffer.prototype.transfer) : undefined
  const SAB = typeof SharedArrayBuffer === 'function' ? SharedArrayBuffer : undefined
  const sharedByteLength = SAB && getter(SAB.prototype, 'byteLength')
  const mapSize = getter(Map.prototype, 'size')
  const mapEntries = uncurry(Map.prototype.entries)
  const mapSet = uncurry(Map.prototype.set)
  const setSize = getter(Set.prototype, 'size')
  const setValues = uncurry(Set.prototype.values)
  const setAdd = uncurry(Set.prototype.add)
  const dateGetTime = uncurry(Date.prototype.getTime)
  const regExpSource = getter(RegExp.prototype, 'source')
  const regExpFlags = getter(RegExp.prototype, 'flags')
  const numberValueOf = uncurry(Number.prototype.valueOf)
  const stringValueOf = uncurry(String.prototype.valueOf)
  const booleanValueOf = uncurry(Boolean.prototype.valueOf)
  const bigIntValueOf = typeof BigInt === 'function' ? uncurry(BigInt.prototype.valueOf) : undefined
  const arrayIsArray = Array.isArray
  const BlobCtor = typeof globalThis.Blob === 'function' ? globalThis.Blob : undefined
  const blobSlice = BlobCtor && uncurry(BlobCtor.prototype.slice)
  const FileCtor = typeof globalThis.File === 'function' ? globalThis.File : undefined
  const fileSlice = FileCtor && typeof FileCtor.prototype.slice === 'function' ? uncurry(FileCtor.prototype.slice) : blobSlice
  const DOMExceptionCtor = globalThis.DOMException
  const IteratorPrototype = getPrototypeOf(getPrototypeOf([][Symbol.iterator]()))

  const typedArrayCtors = { __proto__: null }
  for (const name of [
    'Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array', 'Int32Array', 'Uint32Array',
    'Float16Array', 'Float32Array', 'Float64Array', 'BigInt64Array', 'BigUint64Array',
  ]) {
    if (typeof globalThis[name] === 'function') typedArrayCtors[name] = globalThis[name]
  }
  // V8 keeps these error prototypes (chosen by the error's `name`); any other is Error.
  const errorCtors = { __proto__: null }
  for (const C of [EvalError, RangeError, ReferenceError, SyntaxError, TypeError, URIError]) errorCtors[C.name] = C
  // Built-in tags of the objects V8 refuses to serialize.
  const uncloneableTags = new Set([
    'Promise', 'WeakMap', 'WeakSet', 'WeakRef', 'FinalizationRegistry', 'Generator', 'AsyncGenerator',
    'Arguments', 'Symbol', 'Module', 'Map Iterator', 'Set Iterator', 'Array Iterator', 'String Iterator',
    'RegExp String Iterator', 'Iterator Helper', 'Async-from-Sync Iterator',
  ])

  const attempt = (fn, value) => {
    try {
      fn(value)
      return true
    } catch {
      return false
    }
  }
  const isError = typeof Error.isError === 'function' ? Error.isError : () => true

  // A property read that runs no user code (V8's GetDataProperty): undefined for getters.
  // (Engines with iterator helpers make Iterator.prototype.constructor an accessor; it is
  // looked through, so that iterators read `#<Object>` as in Node 20.)
  function dataProperty(object, key) {
    for (let o = object; o !== null; o = getPrototypeOf(o)) {
      const desc = getOwnPropertyDescriptor(o, key)
      if (desc === undefined || (o === IteratorPrototype && key === 'constructor' && !('value' in desc))) continue
      return 'value' in desc ? desc.value : undefined
    }
    return undefined
  }
  // How V8 names a value in "X could not be cloned." (Object::NoSideEffectsToString).
  function describe(value) {
    if (typeof value === 'symbol') return symbolToString.call(value)
    if (typeof value === 'function') {
      try {
        return functionToString.call(value)
      } catch {
        return 'function () { [native code] }'
      }
    }
    try {
      if (dataProperty(value, 'toString') === objectToString) {
        const ctor = dataProperty(value, 'constructor')
        if (typeof ctor === 'function') {
          const name = dataProperty(ctor, 'name')
          if (typeof name === 'string' && name !== '') return `#<${name}>`
        }
      }
      const tag = dataProperty(value, Symbol.toStringTag)
      return `[object ${typeof tag === 'string' ? tag : builtinTag(value)}]`
    } catch {
      return '[object Object]'
    }
  }
  function builtinTag(value) {
    return objectToString.call(value).slice(8, -1)
  }

  function dataCloneError(message) {
    if (typeof DOMExceptionCtor === 'function') return new DOMExceptionCtor(message, 'DataCloneError')
    const error = new Error(message)
    error.name = 'DataCloneError'
    error.code = 25
    return error
  }
  function nodeTypeError(message, code) {
    const error = new TypeError(message)
    defineProperty(error, 'code', { value: code, writable: true, enumerable: true, configurable: true })
    return error
  }

  // What kind of object this is, by its internal slots: the built-in tag guesses, a
  // brand check (a call that throws without the slot) confirms.
  function kindOf(value) {
    if (BlobCtor !== undefined && value instanceof BlobCtor) return 'Blob'
    if (FileCtor !== undefined && value instanceof FileCtor) return 'File'
    if (arrayIsArray(value)) return 'Array'
    let tag = builtinTag(value)
    if (tag === 'Object') return 'Object'
    if (tag.startsWith('Intl.')) return 'Uncloneable'
    // An own or inherited Symbol.toStringTag may hide the built-in kind.
    const candidates = [tag]
    if (!KINDS.has(tag) && !uncloneableTags.has(tag) && typedArrayCtors[tag] === undefined) {
      // Without Error.isError, only the built-in tag shows [[ErrorData]] (an instance of an
      // Error subclass with its own tag, like Node's DOMException, clones as an object).
      if (typeof Error.isError === 'function' && Error.isError(value)) candidates.push('Error')
      if (value instanceof Date) candidates.push('Date')
      if (value instanceof RegExp) candidates.push('RegExp')
      if (value instanceof Map) candidates.push('Map')
      if (value instanceof Set) candidates.push('Set')
      if (value instanceof ArrayBuffer) candidates.push('ArrayBuffer')
      if (value instanceof DataView) candidates.push('DataView')
      if (value instanceof TypedArray) candidates.push('TypedArray')
    }
    for (tag of candidates) {
      if (typedArrayCtors[tag] !== undefined || tag === 'TypedArray') {
        const name = typedArrayTag(value)
        if (name !== undefined) return 'TypedArray'
        continue
      }
      if (uncloneableTags.has(tag)) return 'Uncloneable'
      const check = BRAND_CHECKS[tag]
      if (check !== undefined && attempt(check, value)) return tag
    }
    return 'Object'
  }
  const BRAND_CHECKS = {
    __proto__: null,
    Date: dateGetTime,
    RegExp: (v) => {
      if (v === RegExp.prototype) throw new TypeError()
      regExpSource(v)
    },
    Map: mapSize,
    Set: setSize,
    ArrayBuffer: arrayBufferByteLength,
    SharedArrayBuffer: sharedByteLength,
    DataView: dataViewBuffer,
    Number: numberValueOf,
    String: stringValueOf,
    Boolean: booleanValueOf,
    BigInt: bigIntValueOf,
    Error: (v) => {
      if (!isError(v)) throw new TypeError()
    },
  }
  const KINDS = new Set(objectKeys(BRAND_CHECKS))

  function cloneArrayBuffer(buffer) {
    if (arrayBufferDetached !== undefined && arrayBufferDetached(buffer)) {
      throw dataCloneError('An ArrayBuffer is detached and could not be cloned.')
    }
    if (arrayBufferResizable !== undefined && arrayBufferResizable(buffer)) {
      const copy = new ArrayBuffer(arrayBufferByteLength(buffer), { maxByteLength: arrayBufferMaxByteLength(buffer) })
      new Uint8Array(copy).set(new Uint8Array(buffer))
      return copy
    }
    return arrayBufferSlice(buffer, 0)
  }

  function cloneError(error, memory) {
    // Read in V8's order: own message/cause descriptors, then name, then stack.
    const messageDesc = getOwnPropertyDescriptor(error, 'message')
    const causeDesc = getOwnPropertyDescriptor(error, 'cause')
    const name = `${error.name}`
    const Ctor = errorCtors[name] || Error
    const out = new Ctor()
    memory.set(error, out)
    const hasMessage = messageDesc !== undefined && 'value' in messageDesc
    const message = hasMessage ? `${messageDesc.value}` : undefined
    const stack = error.stack
    if (hasOwn(out, 'message')) setHidden(out, 'message', undefined, true)
    setHidden(out, 'stack', typeof stack === 'string' ? stack : undefined)
    if (hasMessage) setHidden(out, 'message', message)
    if (causeDesc !== undefined && 'value' in causeDesc) setHidden(out, 'cause', clone(causeDesc.value, memory))
    return out
  }
  // An own, non-enumerable data property (replacing one the engine's constructor made, so
  // that the order is stack, message, cause as in Node); `remove` only deletes.
  function setHidden(object, key, value, remove = false) {
    const desc = getOwnPropertyDescriptor(object, key)
    if (desc !== undefined && !desc.configurable) {
      if (!remove && desc.writable) object[key] = value
      return
    }
    if (desc !== undefined) delete object[key]
    if (!remove) defineProperty(object, key, { value, writable: true, enumerable: false, configurable: true })
  }

  function setProperty(out, key, value) {
    if (key === '__proto__') defineProperty(out, key, { value, writable: true, enumerable: true, configurable: true })
    else out[key] = value
  }
  function copyProperties(value, out, memory) {
    for (const key of objectKeys(value)) {
      // A getter that ran before may have deleted a later key: skip it, like the spec.
      if (!hasOwn(value, key)) continue
      setProperty(out, key, clone(value[key], memory))
    }
    return out
  }

  function clone(value, memory) {
    const type = typeof value
    if (type === 'function' || type === 'symbol') throw dataCloneError(`${describe(value)} could not be cloned.`)
    if (type !== 'object' || value === null) return value
    const seen = memory.get(value)
    if (seen !== undefined) return seen

    let out
    switch (kindOf(value)) {
      case 'Object':
        out = {}
        memory.set(value, out)
        return copyProperties(value, out, memory)
      case 'Array':
        out = new Array(value.length)
        memory.set(value, out)
        return copyProperties(value, out, memory)
      case 'Date':
        out = new Date(dateGetTime(value))
        break
      case 'RegExp':
        out = new RegExp(regExpSource(value), regExpFlags(value))
        break
      case 'Number':
        out = Object(numberValueOf(value))
        break
      case 'String':
        out = Object(stringValueOf(value))
        break
      case 'Boolean':
        out = Object(booleanValueOf(value))
        break
      case 'BigInt':
        out = Object(bigIntValueOf(value))
        break
      case 'ArrayBuffer':
        out = cloneArrayBuffer(value)
        break
      case 'SharedArrayBuffer':
        out = value
        break
      case 'TypedArray': {
        const Ctor = typedArrayCtors[typedArrayTag(value)]
        const buffer = clone(typedArrayBuffer(value), memory)
        out = new Ctor(buffer, typedArrayByteOffset(value), typedArrayLength(value))
        break
      }
      case 'DataView': {
        const buffer = clone(dataViewBuffer(value), memory)
        out = new DataView(buffer, dataViewByteOffset(value), dataViewByteLength(value))
        break
      }
      case 'Map': {
        out = new Map()
        memory.set(value, out)
        const entries = [...mapEntries(value)]
        for (const [k, v] of entries) {
          const ck = clone(k, memory)
          mapSet(out, ck, clone(v, memory))
        }
        return out
      }
      case 'Set': {
        out = new Set()
        memory.set(value, out)
        const values = [...setValues(value)]
        for (const v of values) setAdd(out, clone(v, memory))
        return out
      }
      case 'Error':
        return cloneError(value, memory)
      case 'Blob':
        out = blobSlice(value, 0, value.size, value.type)
        break
      case 'File':
        // (Only where File is not a Blob subclass; slice makes a Blob all the same.)
        out = fileSlice(value, 0, value.size, value.type)
        break
      default:
        throw dataCloneError(`${describe(value)} could not be cloned.`)
    }
    memory.set(value, out)
    return out
  }

  function transferList(options) {
    if (options === undefined || options === null) return []
    if (typeof options !== 'object' && typeof options !== 'function') {
      throw nodeTypeError('The options argument must be either an object or undefined', 'ERR_INVALID_ARG_TYPE')
    }
    const transfer = options.transfer
    if (transfer === undefined || transfer === null) return []
    if (typeof transfer !== 'object' && typeof transfer !== 'function') {
      throw nodeTypeError('Optional transferList argument must be an iterable', 'ERR_INVALID_ARG_TYPE')
    }
    // Node ignores an object that is not iterable.
    if (typeof transfer[Symbol.iterator] !== 'function') return []
    const list = []
    for (const item of transfer) {
      const isBuffer = typeof item === 'object' && item !== null && attempt(arrayBufferByteLength, item)
      if (!isBuffer) throw nodeTypeError('Found invalid object in transferList', 'ERR_INVALID_TRANSFER_OBJECT')
      if (list.includes(item)) throw dataCloneError('Transfer list contains duplicate ArrayBuffer')
      list.push(item)
    }
    return list
  }

  // (`...args`: Node's structuredClone has length 0.)
  function structuredClone(...args) {
    const [value, options] = args
    if (args.length === 0) throw nodeTypeError('The value argument must be specified', 'ERR_MISSING_ARGS')
    const transfers = transferList(options)
    const memory = new Map()
    // A transferred buffer's clone is a fresh buffer of its size, filled (and the
    // original detached) only once the whole value has cloned.
    const moved = []
    for (const buffer of transfers) {
      const length = arrayBufferByteLength(buffer)
      const target =
        arrayBufferResizable !== undefined && arrayBufferResizable(buffer)
          ? new ArrayBuffer(length, { maxByteLength: arrayBufferMaxByteLength(buffer) })
          : new ArrayBuffer(length)
      memory.set(buffer, target)
      moved.push([buffer, target])
    }
    const result = clone(value, memory)
    for (const [buffer, target] of moved) {
      new Uint8Array(target).set(new Uint8Array(buffer, 0, Math.min(arrayBufferByteLength(buffer), target.byteLength)))
      if (arrayBufferTransfer !== undefined) arrayBufferTransfer(buffer, 0)
    }
    return result
  }

  defineProperty(globalThis, 'structuredClone', {
    value: structuredClone,
    writable: true,
    enumerable: true,
    configurable: true,
  })
})()
