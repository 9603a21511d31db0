// Deep equality as Node 20 defines it, shared by `assert` (deepEqual, deepStrictEqual,
// the object form of throws/rejects) and usable by `util.isDeepStrictEqual`:
//
//   isDeepEqual(a, b)        the loose comparison of assert.deepEqual
//   isDeepStrictEqual(a, b)  the strict comparison of assert.deepStrictEqual
//
// Our own implementation of the behaviour Node documents (and that Node 20.20 shows):
// primitives by Object.is (strict) or == (loose, NaN equal to NaN); in strict mode the
// prototypes must be the same; in both modes the Object.prototype.toString tags must be
// the same. Then by kind: Date by time value, RegExp by source, flags and lastIndex,
// boxed primitives by their primitive (Object.is), URL by href, errors by name,
// message, cause and errors, typed arrays / DataView / Buffer / ArrayBuffer byte-wise
// (loose Float32/64 arrays element-wise: -0 equals 0, NaN differs), Map and Set
// order-independently with object keys/elements matched deeply, and for every object
// its own enumerable string keys (plus enumerable symbol keys in strict mode) compared
// value by value.
// Array holes differ from `undefined`. Functions, WeakMap, WeakSet and Promise have no
// comparable contents: functions are equal only by reference, the others compare only
// their own enumerable properties. Cycles are handled by treating a pair of objects
// that is already being compared further up as equal.
//
// Node's native type checks are replaced by brand checks through built-in getters and
// methods (they throw for objects of another kind), so faked Symbol.toStringTag values
// cannot pass an object off as a Date, Map, typed array, ...
// No imports: it depends on nothing but the language.

const { hasOwnProperty, propertyIsEnumerable, toString: objectToString } = Object.prototype

function hasOwn(obj, key) {
  return hasOwnProperty.call(obj, key)
}

function isEnumerable(obj, key) {
  return propertyIsEnumerable.call(obj, key)
}

function getter(proto, name) {
  const desc = proto && Object.getOwnPropertyDescriptor(proto, name)
  return desc && desc.get
}

// Calls `fn` with `value` as receiver; true when it does not throw (a brand check).
function brand(fn, value, ...args) {
  if (typeof fn !== 'function') return false
  try {
    fn.apply(value, args)
    return true
  } catch {
    return false
  }
}

const dateGetTime = Date.prototype.getTime
const regExpSource = getter(RegExp.prototype, 'source')
const mapSize = getter(Map.prototype, 'size')
const setSize = getter(Set.prototype, 'size')
const arrayBufferByteLength = getter(ArrayBuffer.prototype, 'byteLength')
const sharedArrayBufferByteLength =
  typeof SharedArrayBuffer === 'function' ? getter(SharedArrayBuffer.prototype, 'byteLength') : undefined
const typedArrayTag = getter(Object.getPrototypeOf(Uint8Array.prototype), Symbol.toStringTag)

function isDate(v) {
  return brand(dateGetTime, v)
}

function isRegExp(v) {
  // The source getter also answers for RegExp.prototype itself, which is no regexp.
  return v !== RegExp.prototype && brand(regExpSource, v)
}

function isMap(v) {
  return brand(mapSize, v)
}

function isSet(v) {
  return brand(setSize, v)
}

function isAnyArrayBuffer(v) {
  return brand(arrayBufferByteLength, v) || brand(sharedArrayBufferByteLength, v)
}

// The name of the typed array class of `v` ("Uint8Array", ...) or undefined (also for
// DataView).
function typedArrayName(v) {
  return typedArrayTag.call(v)
}

function isURL(v) {
  return typeof URL === 'function' && v instanceof URL
}

function isError(v) {
  if (typeof Error.isError === 'function' && Error.isError(v)) return true
  return v instanceof Error
}

const boxedKinds = [
  [Number.prototype.valueOf, 'number'],
  [String.prototype.valueOf, 'string'],
  [Boolean.prototype.valueOf, 'boolean'],
  typeof BigInt === 'function' ? [BigInt.prototype.valueOf, 'bigint'] : null,
  [Symbol.prototype.valueOf, 'symbol'],
].filter(Boolean)

// [kind, primitive] for a boxed primitive (new Number(1), Object('a'), ...), else null.
function unbox(v) {
  for (const [valueOf, kind] of boxedKinds) {
    try {
      return [kind, valueOf.call(v)]
    } catch {
      // not this kind
    }
  }
  return null
}

function isIndexKey(key) {
  if (typeof key !== 'string' || key.length === 0 || key.length > 10) return false
  if (key === '0') return true
  if (key.charCodeAt(0) < 49 || key.charCodeAt(0) > 57) return false
  for (let i = 1; i < key.length; i++) {
    const c = key.charCodeAt(i)
    if (c < 48 || c > 57) return false
  }
  return Number(key) < 4294967295
}

// Own enumerable keys that are not array indices; symbols only in strict mode.
function nonIndexKeys(obj, strict) {
  const keys = []
  for (const key of Reflect.ownKeys(obj)) {
    if (typeof key === 'symbol' ? !strict : isIndexKey(key)) continue
    if (isEnumerable(obj, key)) keys.push(key)
  }
  return keys
}

function enumerableSymbols(obj) {
  return Object.getOwnPropertySymbols(obj).filter((key) => isEnumerable(obj, key))
}

function bytesOf(view) {
  return new Uint8Array(view.buffer, view.byteOffset, view.byteLength)
}

function sameBytes(a, b) {
  if (a.byteLength !== b.byteLength) return false
  for (let i = 0; i < a.byteLength; i++) if (a[i] !== b[i]) return false
  return true
}

function sameElements(a, b) {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

const ITER_NONE = 0
const ITER_ARRAY = 1
const ITER_SET = 2
const ITER_MAP = 3

function innerDeepEqual(a, b, strict, memo) {
  if (a === b) return a !== 0 || !strict || Object.is(a, b)

  if (strict) {
    if (typeof a !== 'object') return typeof a === 'number' && Number.isNaN(a) && Number.isNaN(b)
    if (typeof b !== 'object' || a === null || b === null) return false
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

  const tag = objectToString.call(a)
  if (tag !== objectToString.call(b)) return false

  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false
    const keysA = nonIndexKeys(a, strict)
    const keysB = nonIndexKeys(b, strict)
    if (keysA.length !== keysB.length) return false
    return keyCheck(a, b, strict, memo, ITER_ARRAY, keysA)
  }
  if (isURL(a) || isURL(b)) {
    // URL keeps its state internally (no own properties): compare what it stands for.
    // Checked before the plain-object case, as a URL class may lack a 'URL' tag.
    if (!isURL(a) || !isURL(b) || a.href !== b.href) return false
    return keyCheck(a, b, strict, memo, ITER_NONE)
  }
  if (tag === '[object Object]') {
    return keyCheck(a, b, strict, memo, ITER_NONE)
  }
  if (isDate(a)) {
    if (!isDate(b) || dateGetTime.call(a) !== dateGetTime.call(b)) return false
  } else if (isRegExp(a)) {
    if (!isRegExp(b) || a.source !== b.source || a.flags !== b.flags || a.lastIndex !== b.lastIndex) {
      return false
    }
  } else if (isError(a)) {
    if (!isError(b) || a.message !== b.message || a.name !== b.name) return false
    if (!innerDeepEqual(a.cause, b.cause, strict, memo)) return false
    if (!innerDeepEqual(a.errors, b.errors, strict, memo)) return false
  } else if (ArrayBuffer.isView(a)) {
    if (!ArrayBuffer.isView(b)) return false
    const name = typedArrayName(a)
    if (name !== typedArrayName(b)) return false
    if (!strict && (name === 'Float32Array' || name === 'Float64Array')) {
      if (!sameElements(a, b)) return false
    } else if (!sameBytes(bytesOf(a), bytesOf(b))) {
      return false
    }
    const keysA = nonIndexKeys(a, strict)
    const keysB = nonIndexKeys(b, strict)
    if (keysA.length !== keysB.length) return false
    return keyCheck(a, b, strict, memo, ITER_NONE, keysA)
  } else if (isSet(a)) {
    if (!isSet(b) || a.size !== b.size) return false
    return keyCheck(a, b, strict, memo, ITER_SET)
  } else if (isMap(a)) {
    if (!isMap(b) || a.size !== b.size) return false
    return keyCheck(a, b, strict, memo, ITER_MAP)
  } else if (isAnyArrayBuffer(a)) {
    if (!isAnyArrayBuffer(b) || !sameBytes(new Uint8Array(a), new Uint8Array(b))) return false
  } else {
    const boxedA = unbox(a)
    if (boxedA !== null) {
      const boxedB = unbox(b)
      if (boxedB === null || boxedA[0] !== boxedB[0] || !Object.is(boxedA[1], boxedB[1])) return false
    } else if (
      Array.isArray(b) ||
      ArrayBuffer.isView(b) ||
      isSet(b) ||
      isMap(b) ||
      isDate(b) ||
      isRegExp(b) ||
      isAnyArrayBuffer(b) ||
      isError(b) ||
      unbox(b) !== null
    ) {
      return false
    }
  }
  return keyCheck(a, b, strict, memo, ITER_NONE)
}

// Compares the own enumerable keys (given for arrays and typed arrays: the non-index
// ones), then the contents for arrays, sets and maps, then the values of the keys.
function keyCheck(a, b, strict, memo, iteration, keysA) {
  let keys = keysA
  if (keys === undefined) {
    keys = Object.keys(a)
    if (keys.length !== Object.keys(b).length) return false
    if (strict) {
      const symbolsA = enumerableSymbols(a)
      if (symbolsA.length !== enumerableSymbols(b).length) return false
      for (const key of symbolsA) keys.push(key)
    }
  }
  for (const key of keys) {
    if (!isEnumerable(b, key)) return false
  }

  if (
    keys.length === 0 &&
    (iteration === ITER_NONE || (iteration === ITER_ARRAY && a.length === 0) || a.size === 0)
  ) {
    return true
  }

  // A pair already being compared further up is taken as equal: if it is not, the
  // comparison in progress finds the difference elsewhere.
  if (memo === undefined) memo = new Map()
  let partners = memo.get(a)
  if (partners === undefined) {
    partners = new Set()
    memo.set(a, partners)
  } else if (partners.has(b)) {
    return true
  }
  partners.add(b)
  try {
    return contentsEqual(a, b, strict, keys, memo, iteration)
  } finally {
    partners.delete(b)
    if (partners.size === 0) memo.delete(a)
  }
}

function contentsEqual(a, b, strict, keys, memo, iteration) {
  if (iteration === ITER_SET) {
    if (!setEquiv(a, b, strict, memo)) return false
  } else if (iteration === ITER_MAP) {
    if (!mapEquiv(a, b, strict, memo)) return false
  } else if (iteration === ITER_ARRAY) {
    for (let i = 0; i < a.length; i++) {
      if (hasOwn(a, i)) {
        if (!hasOwn(b, i) || !innerDeepEqual(a[i], b[i], strict, memo)) return false
      } else if (hasOwn(b, i)) {
        return false
      } else {
        // Sparse: compare the remaining own keys rather than walking every hole.
        const restA = Object.keys(a)
        const restB = Object.keys(b)
        if (restA.length !== restB.length) return false
        for (const key of restA) {
          if (!hasOwn(b, key) || !innerDeepEqual(a[key], b[key], strict, memo)) return false
        }
        for (const key of keys) {
          if (typeof key === 'symbol' && !innerDeepEqual(a[key], b[key], strict, memo)) return false
        }
        return true
      }
    }
  }
  for (const key of keys) {
    if (!innerDeepEqual(a[key], b[key], strict, memo)) return false
  }
  return true
}

function isObjectLike(v) {
  return typeof v === 'object' && v !== null
}

// Loose mode: for a primitive missing from the other collection, whether some other
// primitive could still be loosely equal to it. Returns true/false, or the one
// alternative (null for undefined, undefined for null) to look up.
function looseAlternative(prim) {
  switch (typeof prim) {
    case 'undefined':
      return { alt: null }
    case 'object':
      return { alt: undefined }
    case 'symbol':
      return false
    case 'string':
      return !Number.isNaN(+prim)
    case 'number':
      return !Number.isNaN(prim)
    default:
      return true
  }
}

function takeEqualElement(pending, value, strict, memo) {
  for (const candidate of pending) {
    if (innerDeepEqual(candidate, value, strict, memo)) {
      pending.delete(candidate)
      return true
    }
  }
  return false
}

function setEquiv(a, b, strict, memo) {
  let pending = null
  for (const value of a) {
    if (isObjectLike(value)) {
      if (pending === null) pending = new Set()
      pending.add(value)
    } else if (!b.has(value)) {
      if (strict) return false
      const alt = looseAlternative(value)
      if (alt === false) return false
      if (alt !== true && !(b.has(alt.alt) && !a.has(alt.alt))) return false
      if (pending === null) pending = new Set()
      pending.add(value)
    }
  }
  if (pending === null) return true
  for (const value of b) {
    if (isObjectLike(value)) {
      if (!takeEqualElement(pending, value, strict, memo)) return false
    } else if (!strict && !a.has(value) && !takeEqualElement(pending, value, strict, memo)) {
      return false
    }
  }
  return pending.size === 0
}

// Finds among the pending keys of map `a` one deep-equal to `key` whose value is
// deep-equal to `value`, and removes it.
function takeEqualEntry(pending, a, key, value, strict, memo) {
  for (const candidate of pending) {
    if (innerDeepEqual(candidate, key, strict, memo) && innerDeepEqual(a.get(candidate), value, strict, memo)) {
      pending.delete(candidate)
      return true
    }
  }
  return false
}

function mapEquiv(a, b, strict, memo) {
  let pending = null
  for (const [key, valueA] of a) {
    if (isObjectLike(key)) {
      if (pending === null) pending = new Set()
      pending.add(key)
      continue
    }
    const valueB = b.get(key)
    if ((valueB === undefined && !b.has(key)) || !innerDeepEqual(valueA, valueB, strict, memo)) {
      if (strict) return false
      const alt = looseAlternative(key)
      if (alt === false) return false
      if (alt !== true) {
        const other = b.get(alt.alt)
        if ((other === undefined && !b.has(alt.alt)) || a.has(alt.alt)) return false
        if (!innerDeepEqual(valueA, other, false, memo)) return false
      }
      if (pending === null) pending = new Set()
      pending.add(key)
    }
  }
  if (pending === null) return true
  for (const [key, valueB] of b) {
    if (isObjectLike(key)) {
      if (!takeEqualEntry(pending, a, key, valueB, strict, memo)) return false
    } else if (
      !strict &&
      (!a.has(key) || !innerDeepEqual(a.get(key), valueB, false, memo)) &&
      !takeEqualEntry(pending, a, key, valueB, false, memo)
    ) {
      return false
    }
  }
  return pending.size === 0
}

export function isDeepEqual(a, b) {
  return innerDeepEqual(a, b, false, undefined)
}

export function isDeepStrictEqual(a, b) {
  return innerDeepEqual(a, b, true, undefined)
}

export default { isDeepEqual, isDeepStrictEqual }
