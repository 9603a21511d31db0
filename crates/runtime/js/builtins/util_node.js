// Node 20's `util` functions that our `util` (util.js, over LLRT's native util) re-exports
// from here: `inspect` (Node's output: quoting, line breaking at breakLength 80 with
// compact 3, array grouping, depth, colors, sorted, getters, showHidden, circular
// references, custom inspectors, Buffers as `<Buffer 01 02>`), `format` and
// `formatWithOptions` (%s %d %i %f %j %o %O %c %%), `parseArgs` (with its
// ERR_PARSE_ARGS_* errors), `styleText`, `types`, `toUSVString`,
// `stripVTControlCharacters`, `getSystemErrorName`/`getSystemErrorMap` (Linux libuv
// codes) and `aborted`.
//
// Our own implementation of Node's documented behaviour, checked against Node 20 by
// tests/platform/util. What an engine without V8's internals cannot show: a Promise's
// state (`Promise { <unknown> }`), the entries of a Map/Set iterator, and Proxies (they
// are inspected through their traps, `types.isProxy` is always false).
const kCustom = Symbol.for('nodejs.util.inspect.custom')

// ---------------------------------------------------------------------------------------
// Brand checks: a cheap tag guess, confirmed by a call that throws without the slot.

const objectToString = Object.prototype.toString
const hasOwn = (object, key) => Object.prototype.hasOwnProperty.call(object, key)
const isEnumerable = (object, key) => Object.prototype.propertyIsEnumerable.call(object, key)
const uncurry = (fn) => (self, ...args) => fn.apply(self, args)
const getterOf = (proto, key) => {
  const desc = proto && Object.getOwnPropertyDescriptor(proto, key)
  return desc && typeof desc.get === 'function' ? uncurry(desc.get) : undefined
}
const TypedArray = Object.getPrototypeOf(Uint8Array)
const typedArrayTag = getterOf(TypedArray.prototype, Symbol.toStringTag)
const dateGetTime = uncurry(Date.prototype.getTime)
const regExpSource = getterOf(RegExp.prototype, 'source')
const mapSize = getterOf(Map.prototype, 'size')
const setSize = getterOf(Set.prototype, 'size')
const weakMapHas = uncurry(WeakMap.prototype.has)
const weakSetHas = uncurry(WeakSet.prototype.has)
const arrayBufferByteLength = getterOf(ArrayBuffer.prototype, 'byteLength')
const sharedByteLength = typeof SharedArrayBuffer === 'function' ? getterOf(SharedArrayBuffer.prototype, 'byteLength') : undefined
const dataViewBuffer = getterOf(DataView.prototype, 'buffer')
const numberValueOf = uncurry(Number.prototype.valueOf)
const stringValueOf = uncurry(String.prototype.valueOf)
const booleanValueOf = uncurry(Boolean.prototype.valueOf)
const bigIntValueOf = uncurry(BigInt.prototype.valueOf)
const symbolValueOf = uncurry(Symbol.prototype.valueOf)
const functionToString = uncurry(Function.prototype.toString)

const tagOf = (value) => objectToString.call(value).slice(8, -1)
const isObjectLike = (value) => value !== null && typeof value === 'object'
function confirmed(value, tag, Ctor, check) {
  if (!isObjectLike(value)) return false
  if (tagOf(value) !== tag && !(Ctor !== undefined && value instanceof Ctor)) return false
  if (check === undefined) return true
  try {
    check(value, {})
    return true
  } catch {
    return false
  }
}

const isDate = (v) => confirmed(v, 'Date', Date, dateGetTime)
const isRegExp = (v) => v !== RegExp.prototype && confirmed(v, 'RegExp', RegExp, regExpSource)
const isMap = (v) => confirmed(v, 'Map', Map, mapSize)
const isSet = (v) => confirmed(v, 'Set', Set, setSize)
const isWeakMap = (v) => confirmed(v, 'WeakMap', WeakMap, weakMapHas)
const isWeakSet = (v) => confirmed(v, 'WeakSet', WeakSet, weakSetHas)
const isArrayBuffer = (v) => confirmed(v, 'ArrayBuffer', ArrayBuffer, arrayBufferByteLength)
const isSharedArrayBuffer = (v) =>
  sharedByteLength !== undefined && confirmed(v, 'SharedArrayBuffer', SharedArrayBuffer, sharedByteLength)
const isAnyArrayBuffer = (v) => isArrayBuffer(v) || isSharedArrayBuffer(v)
const isDataView = (v) => confirmed(v, 'DataView', DataView, dataViewBuffer)
const isTypedArray = (v) => isObjectLike(v) && typedArrayTag(v) !== undefined
const isNumberObject = (v) => confirmed(v, 'Number', Number, numberValueOf)
const isStringObject = (v) => confirmed(v, 'String', String, stringValueOf)
const isBooleanObject = (v) => confirmed(v, 'Boolean', Boolean, booleanValueOf)
const isBigIntObject = (v) => confirmed(v, 'BigInt', BigInt, bigIntValueOf)
const isSymbolObject = (v) => confirmed(v, 'Symbol', Symbol, symbolValueOf)
const isBoxedPrimitive = (v) =>
  isNumberObject(v) || isStringObject(v) || isBooleanObject(v) || isBigIntObject(v) || isSymbolObject(v)
// No side-effect-free brand check exists for promises: the tag and the prototype chain.
const isPromise = (v) => isObjectLike(v) && v instanceof Promise && tagOf(v) === 'Promise'
const isNativeError = (v) =>
  typeof Error.isError === 'function' ? Error.isError(v) : isObjectLike(v) && tagOf(v) === 'Error'
const isArgumentsObject = (v) => isObjectLike(v) && tagOf(v) === 'Arguments'
const isMapIterator = (v) => isObjectLike(v) && tagOf(v) === 'Map Iterator'
const isSetIterator = (v) => isObjectLike(v) && tagOf(v) === 'Set Iterator'
const isGeneratorObject = (v) => isObjectLike(v) && (tagOf(v) === 'Generator' || tagOf(v) === 'AsyncGenerator')
const isAsyncFunction = (v) =>
  typeof v === 'function' && (tagOf(v) === 'AsyncFunction' || tagOf(v) === 'AsyncGeneratorFunction')
const isGeneratorFunction = (v) =>
  typeof v === 'function' && (tagOf(v) === 'GeneratorFunction' || tagOf(v) === 'AsyncGeneratorFunction')
function isModuleNamespaceObject(v) {
  if (!isObjectLike(v) || Object.getPrototypeOf(v) !== null || Object.isExtensible(v)) return false
  const desc = Object.getOwnPropertyDescriptor(v, Symbol.toStringTag)
  return desc !== undefined && desc.value === 'Module' && desc.writable === false && desc.enumerable === false
}
const typedArrayIs = (name) => (v) => isObjectLike(v) && typedArrayTag(v) === name

export const types = {
  isAnyArrayBuffer,
  isArrayBuffer,
  isArrayBufferView: (v) => ArrayBuffer.isView(v),
  isArgumentsObject,
  isAsyncFunction,
  isBigInt64Array: typedArrayIs('BigInt64Array'),
  isBigIntObject,
  isBigUint64Array: typedArrayIs('BigUint64Array'),
  isBooleanObject,
  isBoxedPrimitive,
  isCryptoKey: (v) => typeof globalThis.CryptoKey === 'function' && v instanceof globalThis.CryptoKey,
  isDataView,
  isDate,
  isExternal: () => false,
  isFloat32Array: typedArrayIs('Float32Array'),
  isFloat64Array: typedArrayIs('Float64Array'),
  isGeneratorFunction,
  isGeneratorObject,
  isInt8Array: typedArrayIs('Int8Array'),
  isInt16Array: typedArrayIs('Int16Array'),
  isInt32Array: typedArrayIs('Int32Array'),
  // crypto_keys.js marks every KeyObject it makes.
  isKeyObject: (v) => v != null && typeof v === 'object' && v[Symbol.for('apiroutes.crypto.KeyObject')] === true,
  isMap,
  isMapIterator,
  isModuleNamespaceObject,
  isNativeError,
  isNumberObject,
  isPromise,
  isProxy: () => false,
  isRegExp,
  isSet,
  isSetIterator,
  isSharedArrayBuffer,
  isStringObject,
  isSymbolObject,
  isTypedArray,
  isUint8Array: typedArrayIs('Uint8Array'),
  isUint8ClampedArray: typedArrayIs('Uint8ClampedArray'),
  isUint16Array: typedArrayIs('Uint16Array'),
  isUint32Array: typedArrayIs('Uint32Array'),
  isWeakMap,
  isWeakSet,
}

// ---------------------------------------------------------------------------------------
// Node's error shapes.

function nodeError(Base, code, message) {
  const error = new Base(message)
  Object.defineProperty(error, 'code', { value: code, writable: true, enumerable: true, configurable: true })
  return error
}
function describeReceived(value) {
  if (value == null) return `Received ${value}`
  if (typeof value === 'function' && value.name) return `Received function ${value.name}`
  if (typeof value === 'object') {
    const ctor = value.constructor
    if (typeof ctor === 'function' && ctor.name) return `Received an instance of ${ctor.name}`
    return `Received ${inspect(value, { depth: -1 })}`
  }
  let shown = typeof value === 'string' && value.length > 25 ? inspect(`${value.slice(0, 25)}...`) : inspect(value, { colors: false })
  if (shown.length > 28) shown = `${shown.slice(0, 25)}...`
  return `Received type ${typeof value} (${shown})`
}
const LOWER_TYPES = ['string', 'function', 'number', 'object', 'boolean', 'bigint', 'symbol']
// ERR_INVALID_ARG_TYPE: expected = type names ('string'), class names ('Array') or other
// descriptions.
function invalidArgType(name, expected, actual) {
  const kind = name.includes('.') ? 'property' : 'argument'
  const list = [].concat(expected)
  const typeNames = list.filter((e) => LOWER_TYPES.includes(e))
  const classes = list.filter((e) => !LOWER_TYPES.includes(e) && /^([A-Z][a-z0-9]*)+$/.test(e))
  const other = list.filter((e) => !LOWER_TYPES.includes(e) && !/^([A-Z][a-z0-9]*)+$/.test(e))
  const parts = []
  const orList = (items) =>
    items.length > 2 ? `${items.slice(0, -1).join(', ')}, or ${items[items.length - 1]}` : items.join(' or ')
  if (typeNames.length) parts.push(`${typeNames.length > 1 ? 'one of type' : 'of type'} ${orList(typeNames)}`)
  if (classes.length) parts.push(`an instance of ${orList(classes)}`)
  if (other.length) parts.push(other.length > 1 ? `one of ${orList(other)}` : other[0])
  return nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', `The "${name}" ${kind} must be ${parts.join(' or ')}. ${describeReceived(actual)}`)
}
function invalidArgValue(name, value, reason = 'is invalid') {
  let shown = inspect(value)
  if (shown.length > 128) shown = `${shown.slice(0, 128)}...`
  const kind = name.includes('.') ? 'property' : 'argument'
  return nodeError(TypeError, 'ERR_INVALID_ARG_VALUE', `The ${kind} '${name}' ${reason}. Received ${shown}`)
}
function outOfRange(name, range, value) {
  return nodeError(RangeError, 'ERR_OUT_OF_RANGE', `The value of "${name}" is out of range. It must be ${range}. Received ${String(value)}`)
}
function validateString(value, name) {
  if (typeof value !== 'string') throw invalidArgType(name, 'string', value)
}
function validateBoolean(value, name) {
  if (typeof value !== 'boolean') throw invalidArgType(name, 'boolean', value)
}
function validateArray(value, name) {
  if (!Array.isArray(value)) throw invalidArgType(name, 'Array', value)
}
function validatePlainObject(value, name) {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw invalidArgType(name, 'object', value)
}

// ---------------------------------------------------------------------------------------
// inspect

const inspectDefaultOptions = {
  showHidden: false,
  depth: 2,
  colors: false,
  customInspect: true,
  showProxy: false,
  maxArrayLength: 100,
  maxStringLength: 10000,
  breakLength: 80,
  compact: 3,
  sorted: false,
  getters: false,
  numericSeparator: false,
}

// ANSI codes by name; the aliases are non-enumerable, as in Node.
const colors = Object.assign(Object.create(null), {
  reset: [0, 0],
  bold: [1, 22],
  dim: [2, 22],
  italic: [3, 23],
  underline: [4, 24],
  blink: [5, 25],
  inverse: [7, 27],
  hidden: [8, 28],
  strikethrough: [9, 29],
  doubleunderline: [21, 24],
  black: [30, 39],
  red: [31, 39],
  green: [32, 39],
  yellow: [33, 39],
  blue: [34, 39],
  magenta: [35, 39],
  cyan: [36, 39],
  white: [37, 39],
  bgBlack: [40, 49],
  bgRed: [41, 49],
  bgGreen: [42, 49],
  bgYellow: [43, 49],
  bgBlue: [44, 49],
  bgMagenta: [45, 49],
  bgCyan: [46, 49],
  bgWhite: [47, 49],
  framed: [51, 54],
  overlined: [53, 55],
  gray: [90, 39],
  redBright: [91, 39],
  greenBright: [92, 39],
  yellowBright: [93, 39],
  blueBright: [94, 39],
  magentaBright: [95, 39],
  cyanBright: [96, 39],
  whiteBright: [97, 39],
  bgGray: [100, 49],
  bgRedBright: [101, 49],
  bgGreenBright: [102, 49],
  bgYellowBright: [103, 49],
  bgBlueBright: [104, 49],
  bgMagentaBright: [105, 49],
  bgCyanBright: [106, 49],
  bgWhiteBright: [107, 49],
})
for (const [alias, name] of [
  ['grey', 'gray'], ['blackBright', 'gray'], ['bgGrey', 'bgGray'], ['bgBlackBright', 'bgGray'], ['faint', 'dim'],
  ['crossedout', 'strikethrough'], ['strikeThrough', 'strikethrough'], ['crossedOut', 'strikethrough'],
  ['conceal', 'hidden'], ['swapColors', 'inverse'], ['swapcolors', 'inverse'], ['doubleUnderline', 'doubleunderline'],
]) {
  Object.defineProperty(colors, alias, {
    get() {
      return this[name]
    },
    set(value) {
      Object.defineProperty(this, alias, { value, configurable: true, writable: true, enumerable: true })
    },
    configurable: true,
    enumerable: false,
  })
}
const styles = Object.assign(Object.create(null), {
  special: 'cyan',
  number: 'yellow',
  bigint: 'yellow',
  boolean: 'yellow',
  undefined: 'grey',
  null: 'bold',
  string: 'green',
  symbol: 'green',
  date: 'magenta',
  regexp: 'red',
  module: 'underline',
})

function stylizeWithColor(text, styleType) {
  const style = styles[styleType]
  if (style !== undefined) {
    const code = colors[style]
    if (code !== undefined) return `\u001b[${code[0]}m${text}\u001b[${code[1]}m`
  }
  return text
}
function stylizeNoColor(text) {
  return text
}

// eslint-disable-next-line no-control-regex
const ansiRegExp = /[\u001B\u009B][[\]()#;?]*(?:(?:(?:(?:;[-a-zA-Z\d/#&.:=?%@~_]+)*|[a-zA-Z\d]+(?:;[-a-zA-Z\d/#&.:=?%@~_]*)*)?\u0007)|(?:(?:\d{1,4}(?:;\d{0,4})*)?[\dA-PR-TZcf-ntqry=><~]))/g
const removeColors = (text) => String(text).replace(ansiRegExp, '')

// String escaping, as Node quotes: single quotes unless the text has one (then double
// quotes, or backticks when it has both), control characters as \n \xNN, lone surrogates
// as \uXXXX.
const ESCAPES = { 8: '\\b', 9: '\\t', 10: '\\n', 12: '\\f', 13: '\\r', 92: '\\\\' }
function escapeChar(code) {
  if (ESCAPES[code] !== undefined) return ESCAPES[code]
  return `\\x${code.toString(16).toUpperCase().padStart(2, '0')}`
}
function strEscape(text) {
  let quote = "'"
  if (text.includes("'")) {
    if (!text.includes('"')) quote = '"'
    else if (!text.includes('`') && !text.includes('${')) quote = '`'
  }
  const quoteCode = quote.charCodeAt(0)
  let out = ''
  let last = 0
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code === quoteCode || code === 92 || code < 32 || (code > 126 && code < 160)) {
      out += text.slice(last, i) + (code === quoteCode ? `\\${quote}` : escapeChar(code))
      last = i + 1
    } else if (code >= 0xd800 && code <= 0xdfff) {
      if (code <= 0xdbff && i + 1 < text.length) {
        const next = text.charCodeAt(i + 1)
        if (next >= 0xdc00 && next <= 0xdfff) {
          i++
          continue
        }
      }
      out += `${text.slice(last, i)}\\u${code.toString(16)}`
      last = i + 1
    }
  }
  return quote + out + text.slice(last) + quote
}
// Only control characters are escaped in keys' and symbols' descriptions shown raw.
function escapeControls(text) {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\x00-\x1f\x27\x5c\x7f-\x9f]/g, (ch) => (ch === "'" ? "\\'" : escapeChar(ch.charCodeAt(0))))
}

function addNumericSeparator(integer) {
  let result = ''
  let i = integer.length
  const start = integer.startsWith('-') ? 1 : 0
  for (; i >= start + 4; i -= 3) result = `_${integer.slice(i - 3, i)}${result}`
  return i === integer.length ? integer : `${integer.slice(0, i)}${result}`
}
function addNumericSeparatorEnd(fraction) {
  let result = ''
  let i = 0
  for (; i < fraction.length - 3; i += 3) result += `${fraction.slice(i, i + 3)}_`
  return i === 0 ? fraction : `${result}${fraction.slice(i)}`
}
function formatNumber(stylize, number, separator) {
  if (!separator) return stylize(Object.is(number, -0) ? '-0' : `${number}`, 'number')
  const integer = Math.trunc(number)
  const text = String(integer)
  if (integer === number) {
    if (!Number.isFinite(number) || text.includes('e')) return stylize(text, 'number')
    return stylize(addNumericSeparator(text), 'number')
  }
  if (Number.isNaN(number)) return stylize(text, 'number')
  return stylize(`${addNumericSeparator(text)}.${addNumericSeparatorEnd(String(number).slice(text.length + 1))}`, 'number')
}
function formatBigInt(stylize, bigint, separator) {
  const text = String(bigint)
  return stylize(`${separator ? addNumericSeparator(text) : text}n`, 'bigint')
}
function formatPrimitive(stylize, value, ctx) {
  switch (typeof value) {
    case 'string': {
      let trailer = ''
      if (value.length > ctx.maxStringLength) {
        const remaining = value.length - ctx.maxStringLength
        value = value.slice(0, ctx.maxStringLength)
        trailer = `... ${remaining} more character${remaining > 1 ? 's' : ''}`
      }
      if (ctx.compact !== true && value.length > 16 && value.length > ctx.breakLength - ctx.indentationLvl - 4) {
        return value
          .split(/(?<=\n)/)
          .map((line) => stylize(strEscape(line), 'string'))
          .join(` +\n${' '.repeat(ctx.indentationLvl + 2)}`) + trailer
      }
      return stylize(strEscape(value), 'string') + trailer
    }
    case 'number':
      return formatNumber(stylize, value, ctx.numericSeparator)
    case 'bigint':
      return formatBigInt(stylize, value, ctx.numericSeparator)
    case 'boolean':
      return stylize(`${value}`, 'boolean')
    case 'undefined':
      return stylize('undefined', 'undefined')
    default:
      return stylize(Symbol.prototype.toString.call(value), 'symbol')
  }
}

// The name of the nearest constructor whose prototype the value inherits (null for a
// null-prototype chain).
function getConstructorName(object, ctx, recurseTimes) {
  let firstProto
  const original = object
  while (object !== null && object !== undefined) {
    const desc = Object.getOwnPropertyDescriptor(object, 'constructor')
    if (desc !== undefined && typeof desc.value === 'function' && desc.value.name !== '' && isInstanceof(original, desc.value)) {
      return String(desc.value.name)
    }
    object = Object.getPrototypeOf(object)
    if (firstProto === undefined) firstProto = object
  }
  if (firstProto === null) return null
  const fallback = tagOf(original)
  if (recurseTimes > ctx.depth && ctx.depth !== null) return `${fallback} <Complex prototype>`
  const protoName = getConstructorName(firstProto, ctx, recurseTimes + 1)
  if (protoName === null) {
    return `${fallback} <${inspect(firstProto, { ...ctx, customInspect: false, depth: -1 })}>`
  }
  return `${fallback} <${protoName}>`
}
function isInstanceof(object, ctor) {
  try {
    return object instanceof ctor
  } catch {
    return false
  }
}
function getPrefix(constructor, tag, fallback, size = '') {
  if (constructor === null) {
    if (tag !== '' && fallback !== tag) return `[${fallback}${size}: null prototype] [${tag}] `
    return `[${fallback}${size}: null prototype] `
  }
  if (tag !== '' && constructor !== tag) return `${constructor}${size} [${tag}] `
  return `${constructor}${size} `
}

function isIndexKey(key) {
  if (typeof key !== 'string' || key === '') return false
  const n = Number(key)
  return Number.isInteger(n) && n >= 0 && n < 4294967295 && String(n) === key
}
function getKeys(value, showHidden) {
  const symbols = Object.getOwnPropertySymbols(value)
  let keys
  if (showHidden) {
    keys = Object.getOwnPropertyNames(value)
    keys.push(...symbols)
  } else {
    try {
      keys = Object.keys(value)
    } catch {
      keys = Object.getOwnPropertyNames(value) // a namespace with uninitialized bindings
    }
    for (const symbol of symbols) if (isEnumerable(value, symbol)) keys.push(symbol)
  }
  return keys
}
function getNonIndexKeys(value, showHidden) {
  return Reflect.ownKeys(value).filter((key) => !isIndexKey(key) && (showHidden || isEnumerable(value, key)))
}

// formatProperty's kinds: an object's key, an array element (no key shown), an array's
// extra key.
const kObjectType = 0
const kArrayType = 1
const kArrayExtrasType = 2

function formatValue(ctx, value, recurseTimes, typedArray) {
  if (typeof value !== 'object' && typeof value !== 'function') return formatPrimitive(ctx.stylize, value, ctx)
  if (value === null) return ctx.stylize('null', 'null')

  if (ctx.customInspect) {
    let custom
    try {
      custom = value[kCustom]
    } catch {
      custom = undefined
    }
    if (typeof custom === 'function' && custom !== inspect && !(value.constructor && value.constructor.prototype === value)) {
      const depth = ctx.depth === null ? null : ctx.depth - recurseTimes
      const result = custom.call(value, depth, userOptions(ctx), inspect)
      if (result !== value) {
        if (typeof result !== 'string') return formatValue(ctx, result, recurseTimes)
        return result.replaceAll('\n', `\n${' '.repeat(ctx.indentationLvl)}`)
      }
    }
  }

  if (ctx.seen.includes(value)) {
    let index = 1
    if (ctx.circular === undefined) {
      ctx.circular = new Map([[value, index]])
    } else {
      index = ctx.circular.get(value)
      if (index === undefined) {
        index = ctx.circular.size + 1
        ctx.circular.set(value, index)
      }
    }
    return ctx.stylize(`[Circular *${index}]`, 'special')
  }
  return formatRaw(ctx, value, recurseTimes, typedArray)
}

function userOptions(ctx) {
  const options = { stylize: ctx.stylize }
  for (const key of Object.keys(inspectDefaultOptions)) options[key] = ctx[key]
  return ctx.userOptions === undefined ? options : { ...options, ...ctx.userOptions }
}

function formatRaw(ctx, value, recurseTimes, typedArray) {
  let keys
  const constructor = getConstructorName(value, ctx, recurseTimes)
  let tag
  try {
    tag = value[Symbol.toStringTag]
  } catch {
    tag = undefined
  }
  if (typeof tag !== 'string' || (tag !== '' && (ctx.showHidden ? hasOwn : isEnumerable)(value, Symbol.toStringTag))) tag = ''

  let base = ''
  let formatter = () => []
  let braces
  let noIterator = true
  let extrasType = kObjectType

  if (Symbol.iterator in value || constructor === null) {
    noIterator = false
    if (Array.isArray(value)) {
      const prefix = constructor !== 'Array' || tag !== '' ? getPrefix(constructor, tag, 'Array', `(${value.length})`) : ''
      keys = getNonIndexKeys(value, ctx.showHidden)
      braces = [`${prefix}[`, ']']
      if (value.length === 0 && keys.length === 0) return `${braces[0]}]`
      extrasType = kArrayExtrasType
      formatter = formatArray
    } else if (isSet(value)) {
      const size = setSize(value)
      const prefix = getPrefix(constructor, tag, 'Set', `(${size})`)
      keys = getKeys(value, ctx.showHidden)
      formatter = (c, v, r) => formatSet(c, Set.prototype.values.call(v), size, r)
      if (size === 0 && keys.length === 0) return `${prefix}{}`
      braces = [`${prefix}{`, '}']
    } else if (isMap(value)) {
      const size = mapSize(value)
      const prefix = getPrefix(constructor, tag, 'Map', `(${size})`)
      keys = getKeys(value, ctx.showHidden)
      formatter = (c, v, r) => formatMap(c, Map.prototype.entries.call(v), size, r)
      if (size === 0 && keys.length === 0) return `${prefix}{}`
      braces = [`${prefix}{`, '}']
    } else if (isTypedArray(value)) {
      keys = getNonIndexKeys(value, ctx.showHidden)
      const kind = typedArrayTag(value)
      const length = value.length
      const prefix = getPrefix(constructor, tag, constructor === null ? kind : '', `(${length})`)
      braces = [`${prefix}[`, ']']
      if (isBuffer(value) && !(typeof value[kCustom] === 'function')) {
        return formatBuffer(ctx, value, keys)
      }
      if (length === 0 && keys.length === 0 && !ctx.showHidden) return `${braces[0]}]`
      formatter = (c, v, r) => formatTypedArray(c, v, length, r)
      extrasType = kArrayExtrasType
    } else if (isMapIterator(value) || isSetIterator(value)) {
      keys = getKeys(value, ctx.showHidden)
      const kind = isMapIterator(value) ? 'Map' : 'Set'
      braces = [`[${tag || `${kind} Iterator`}] {`, '}']
      formatter = (c) => [c.stylize('<items unknown>', 'special')]
    } else {
      noIterator = true
    }
  }

  if (noIterator) {
    keys = getKeys(value, ctx.showHidden)
    braces = ['{', '}']
    if (typeof value === 'function') {
      base = getFunctionBase(value, constructor, tag)
      if (keys.length === 0) return ctx.stylize(base, 'special')
    } else if (constructor === 'Object') {
      if (isArgumentsObject(value)) braces[0] = '[Arguments] {'
      else if (tag !== '') braces[0] = `${getPrefix(constructor, tag, 'Object')}{`
      if (keys.length === 0) return `${braces[0]}}`
    } else if (isRegExp(value)) {
      base = RegExp.prototype.toString.call(constructor !== null ? value : new RegExp(value))
      const prefix = getPrefix(constructor, tag, 'RegExp')
      if (prefix !== 'RegExp ') base = `${prefix}${base}`
      if (keys.length === 0 || (recurseTimes > ctx.depth && ctx.depth !== null)) return ctx.stylize(base, 'regexp')
    } else if (isDate(value)) {
      base = Number.isNaN(dateGetTime(value)) ? Date.prototype.toString.call(value) : Date.prototype.toISOString.call(value)
      const prefix = getPrefix(constructor, tag, 'Date')
      if (prefix !== 'Date ') base = `${prefix}${base}`
      if (keys.length === 0) return ctx.stylize(base, 'date')
    } else if (isNativeError(value) || value instanceof Error) {
      base = formatError(value, constructor, tag, ctx, keys)
      if (keys.length === 0) return base
    } else if (isAnyArrayBuffer(value)) {
      const prefix = getPrefix(constructor, tag, isArrayBuffer(value) ? 'ArrayBuffer' : 'SharedArrayBuffer')
      if (typedArray === undefined) {
        formatter = formatArrayBuffer
      } else if (keys.length === 0) {
        return `${prefix}{ byteLength: ${formatNumber(ctx.stylize, value.byteLength, false)} }`
      }
      braces[0] = `${prefix}{`
      keys.unshift('byteLength')
    } else if (isDataView(value)) {
      braces[0] = `${getPrefix(constructor, tag, 'DataView')}{`
      keys.unshift('byteLength', 'byteOffset', 'buffer')
    } else if (isPromise(value)) {
      braces[0] = `${getPrefix(constructor, tag, 'Promise')}{`
      formatter = (c) => [c.stylize('<unknown>', 'special')]
    } else if (isWeakSet(value) || isWeakMap(value)) {
      braces[0] = `${getPrefix(constructor, tag, isWeakSet(value) ? 'WeakSet' : 'WeakMap')}{`
      formatter = (c) => [c.stylize('<items unknown>', 'special')]
    } else if (isModuleNamespaceObject(value)) {
      braces[0] = `${getPrefix(constructor, tag, 'Module')}{`
      const namespaceKeys = keys
      keys = []
      formatter = (c, v, r) => formatNamespaceObject(namespaceKeys, c, v, r)
    } else if (isBoxedPrimitive(value)) {
      base = getBoxedBase(value, ctx, keys, constructor, tag)
      if (keys.length === 0) return base
    } else {
      if (keys.length === 0) return `${getPrefix(constructor, tag, 'Object')}{}`
      braces[0] = `${getPrefix(constructor, tag, 'Object')}{`
    }
  }

  if (recurseTimes > ctx.depth && ctx.depth !== null) {
    let name = getPrefix(constructor, tag, 'Object').slice(0, -1)
    if (constructor !== null) name = `[${name}]`
    return ctx.stylize(name, 'special')
  }
  recurseTimes += 1
  ctx.seen.push(value)
  ctx.currentDepth = recurseTimes
  let output
  const indentationLvl = ctx.indentationLvl
  try {
    output = formatter(ctx, value, recurseTimes)
    for (const key of keys) output.push(formatProperty(ctx, value, recurseTimes, key, extrasType))
  } catch (error) {
    if (!isStackOverflow(error)) throw error
    ctx.seen.pop()
    ctx.indentationLvl = indentationLvl
    const name = getPrefix(constructor, tag, 'Object').slice(0, -1)
    return ctx.stylize(`[${name}: Inspection interrupted prematurely. Maximum call stack size exceeded.]`, 'special')
  }
  if (ctx.circular !== undefined) {
    const index = ctx.circular.get(value)
    if (index !== undefined) {
      const reference = ctx.stylize(`<ref *${index}>`, 'special')
      if (ctx.compact !== true) base = base === '' ? reference : `${reference} ${base}`
      else braces[0] = `${reference} ${braces[0]}`
    }
  }
  ctx.seen.pop()
  if (ctx.sorted) {
    const comparator = ctx.sorted === true ? undefined : ctx.sorted
    if (extrasType === kObjectType) {
      output.sort(comparator)
    } else if (keys.length > 1) {
      const tail = output.slice(output.length - keys.length).sort(comparator)
      output.splice(output.length - keys.length, keys.length, ...tail)
    }
  }
  return reduceToSingleString(ctx, output, base, braces, extrasType, recurseTimes, value)
}

function isStackOverflow(error) {
  return (
    error !== null &&
    typeof error === 'object' &&
    (error.name === 'RangeError' || error.name === 'InternalError') &&
    /call stack|stack overflow/i.test(String(error.message))
  )
}

function isBuffer(value) {
  const B = globalThis.Buffer
  return typeof B === 'function' && typeof B.isBuffer === 'function' && B.isBuffer(value)
}
// Node's Buffer inspects itself as `<Buffer 01 02>` (at most 50 bytes).
function formatBuffer(ctx, value, keys) {
  const max = 50
  const shown = Math.min(max, value.length)
  let text = ''
  for (let i = 0; i < shown; i++) text += `${i === 0 ? '' : ' '}${value[i].toString(16).padStart(2, '0')}`
  const remaining = value.length - max
  if (remaining > 0) text += ` ... ${remaining} more byte${remaining > 1 ? 's' : ''}`
  if (keys.length > 0) {
    const extras = Object.create(null)
    for (const key of keys) extras[key] = value[key]
    if (value.length !== 0) text += ', '
    text += inspect(extras, { ...userOptions(ctx), breakLength: Infinity, compact: true }).slice(27, -2)
  }
  const name = (value.constructor && value.constructor.name) || 'Buffer'
  return `<${name} ${text}>`
}

function getFunctionBase(value, constructor, tag) {
  let source = ''
  try {
    source = functionToString(value)
  } catch {}
  if (source.startsWith('class') && source.endsWith('}')) {
    const body = source.slice(5, -1)
    const brace = body.indexOf('{')
    if (
      brace !== -1 &&
      (!body.slice(0, brace).includes('(') ||
        /^(\s+[^(]*?)\s*{/.test(body.replace(/(\/\/.*?\n)|(\/\*(.|\n)*?\*\/)/g, '')))
    ) {
      return getClassBase(value, constructor, tag)
    }
  }
  let type = 'Function'
  if (isGeneratorFunction(value)) type = `Generator${type}`
  if (isAsyncFunction(value)) type = `Async${type}`
  let base = `[${type}`
  if (constructor === null) base += ' (null prototype)'
  base += value.name === '' ? ' (anonymous)' : `: ${value.name}`
  base += ']'
  if (constructor !== type && constructor !== null) base += ` ${constructor}`
  if (tag !== '' && constructor !== tag) base += ` [${tag}]`
  return base
}
function getClassBase(value, constructor, tag) {
  const name = (hasOwn(value, 'name') && value.name) || '(anonymous)'
  let base = `class ${name}`
  if (constructor !== 'Function' && constructor !== null) base += ` [${constructor}]`
  if (tag !== '' && constructor !== tag) base += ` [${tag}]`
  if (constructor !== null) {
    const superName = Object.getPrototypeOf(value).name
    if (superName) base += ` extends ${superName}`
  } else {
    base += ' extends [null prototype]'
  }
  return `[${base}]`
}

function getBoxedBase(value, ctx, keys, constructor, tag) {
  let type
  let primitive
  if (isNumberObject(value)) {
    type = 'Number'
    primitive = numberValueOf(value)
  } else if (isStringObject(value)) {
    type = 'String'
    primitive = stringValueOf(value)
    keys.splice(0, primitive.length) // the index keys of the characters
  } else if (isBooleanObject(value)) {
    type = 'Boolean'
    primitive = booleanValueOf(value)
  } else if (isBigIntObject(value)) {
    type = 'BigInt'
    primitive = bigIntValueOf(value)
  } else {
    type = 'Symbol'
    primitive = symbolValueOf(value)
  }
  let base = `[${type}`
  if (type !== constructor) base += constructor === null ? ' (null prototype)' : ` (${constructor})`
  base += `: ${formatPrimitive(stylizeNoColor, primitive, ctx)}]`
  if (tag !== '' && tag !== constructor) base += ` [${tag}]`
  if (keys.length !== 0 || ctx.stylize === stylizeNoColor) return base
  return ctx.stylize(base, type.toLowerCase())
}

function stackOf(error) {
  try {
    return error.stack ? String(error.stack) : Error.prototype.toString.call(error)
  } catch {
    return '[Error]'
  }
}
function formatError(error, constructor, tag, ctx, keys) {
  const name = error.name != null ? String(error.name) : 'Error'
  let stack = stackOf(error)
  // Keys whose value the stack already shows are not repeated.
  if (!ctx.showHidden && keys.length !== 0) {
    for (const key of ['name', 'message', 'stack']) {
      const index = keys.indexOf(key)
      if (index !== -1 && stack.includes(error[key])) keys.splice(index, 1)
    }
  }
  if ('cause' in error && !keys.includes('cause')) keys.push('cause')
  if (Array.isArray(error.errors) && !keys.includes('errors')) keys.push('errors')
  stack = improveStack(stack, constructor, name, tag)

  let pos = (error.message && stack.indexOf(error.message)) || -1
  if (pos !== -1) pos += error.message.length
  const stackStart = stack.indexOf('\n    at', pos)
  if (stackStart === -1) {
    stack = `[${stack}]`
  } else {
    const head = stack.slice(0, stackStart)
    const frames = stackFrames(ctx, error, stack.slice(stackStart + 1))
    if (ctx.colors) {
      const lines = frames.map((line) => {
        if (/^ {4}at (?:[^/\\(]+ \(|)node:(.+):\d+:\d+\)?$/.test(line)) return ctx.stylize(line, 'undefined')
        return line.replace(/node_modules\/([^/]+)/g, (all, mod) => `node_modules/${ctx.stylize(mod, 'module')}`)
      })
      stack = `${head}\n${lines.join('\n')}`
    } else {
      stack = `${head}\n${frames.join('\n')}`
    }
  }
  if (ctx.indentationLvl !== 0) stack = stack.replace(/\n/g, `\n${' '.repeat(ctx.indentationLvl)}`)
  return stack
}
// Errors that "look normal" get their constructor's name in front when the name hides it.
function improveStack(stack, constructor, name, tag) {
  let length = name.length
  if (
    constructor === null ||
    (name.endsWith('Error') && stack.startsWith(name) && (stack.length === length || stack[length] === ':' || stack[length] === '\n'))
  ) {
    let fallback = 'Error'
    if (constructor === null) {
      const start = /^([A-Z][a-z_ A-Z0-9[\]()-]+)(?::|\n\s+at)/.exec(stack) || /^([a-z_A-Z0-9-]*Error)$/.exec(stack)
      fallback = (start && start[1]) || ''
      length = fallback.length
      fallback = fallback || 'Error'
    }
    const prefix = getPrefix(constructor, tag, fallback).slice(0, -1)
    if (name !== prefix) {
      if (prefix.includes(name)) stack = length === 0 ? `${prefix}: ${stack}` : `${prefix}${stack.slice(length)}`
      else stack = `${prefix} [${name}]${stack.slice(length)}`
    }
  }
  return stack
}
// The frames the cause repeats are folded into one line.
function stackFrames(ctx, error, text) {
  const frames = text.split('\n')
  let cause
  try {
    cause = error.cause
  } catch {}
  if (cause != null && (isNativeError(cause) || cause instanceof Error)) {
    const causeStack = stackOf(cause)
    const start = causeStack.indexOf('\n    at')
    if (start !== -1) {
      const causeFrames = causeStack.slice(start + 1).split('\n')
      const { length, offset } = identicalSequence(frames, causeFrames)
      if (length > 0) {
        const skipped = length - 2
        frames.splice(offset + 1, skipped, ctx.stylize(`    ... ${skipped} lines matching cause stack trace ...`, 'undefined'))
      }
    }
  }
  return frames
}
function identicalSequence(a, b) {
  for (let i = 0; i < a.length - 3; i++) {
    const pos = b.indexOf(a[i])
    if (pos === -1) continue
    const rest = b.length - pos
    if (rest <= 3) continue
    let length = 1
    const maxLength = Math.min(a.length - i, rest)
    while (maxLength > length && a[i + length] === b[pos + length]) length++
    if (length > 3) return { length, offset: i }
  }
  return { length: 0, offset: 0 }
}

function remainingText(remaining) {
  return `... ${remaining} more item${remaining > 1 ? 's' : ''}`
}
function formatArray(ctx, value, recurseTimes) {
  const length = value.length
  const max = Math.min(Math.max(0, ctx.maxArrayLength), length)
  const output = []
  for (let i = 0; i < max; i++) {
    if (!hasOwn(value, i)) return formatSparseArray(ctx, value, recurseTimes, max, output, i)
    output.push(formatProperty(ctx, value, recurseTimes, i, kArrayType))
  }
  if (length - max > 0) output.push(remainingText(length - max))
  return output
}
// Holes are shown as `<N empty items>`, each run counting as one entry.
function formatSparseArray(ctx, value, recurseTimes, max, output, from) {
  const indices = Object.keys(value).filter(isIndexKey).map(Number)
  let index = from
  let k = indices.findIndex((n) => n >= from)
  if (k === -1) k = indices.length
  const holes = (count) => ctx.stylize(`<${count} empty item${count > 1 ? 's' : ''}>`, 'undefined')
  for (; k < indices.length && output.length < max; k++) {
    const key = indices[k]
    if (key !== index) {
      output.push(holes(key - index))
      index = key
      if (output.length === max) break
    }
    output.push(formatProperty(ctx, value, recurseTimes, key, kArrayType))
    index++
  }
  const remaining = value.length - index
  if (output.length !== max) {
    if (remaining > 0) output.push(holes(remaining))
  } else if (remaining > 0) {
    output.push(remainingText(remaining))
  }
  return output
}
function formatTypedArray(ctx, value, length, recurseTimes) {
  const max = Math.min(Math.max(0, ctx.maxArrayLength), length)
  const remaining = value.length - max
  const output = []
  for (let i = 0; i < max; i++) {
    const item = value[i]
    output.push(typeof item === 'number' ? formatNumber(ctx.stylize, item, ctx.numericSeparator) : formatBigInt(ctx.stylize, item, ctx.numericSeparator))
  }
  if (remaining > 0) output.push(remainingText(remaining))
  if (ctx.showHidden) {
    ctx.indentationLvl += 2
    for (const key of ['BYTES_PER_ELEMENT', 'length', 'byteLength', 'byteOffset', 'buffer']) {
      output.push(`[${key}]: ${formatValue(ctx, value[key], recurseTimes, true)}`)
    }
    ctx.indentationLvl -= 2
  }
  return output
}
function formatArrayBuffer(ctx, value) {
  let bytes
  try {
    bytes = new Uint8Array(value)
  } catch {
    return [ctx.stylize('(detached)', 'special')]
  }
  const shown = Math.min(ctx.maxArrayLength, bytes.length)
  let text = ''
  for (let i = 0; i < shown; i++) text += `${i === 0 ? '' : ' '}${bytes[i].toString(16).padStart(2, '0')}`
  const remaining = bytes.length - ctx.maxArrayLength
  if (remaining > 0) text += ` ... ${remaining} more byte${remaining > 1 ? 's' : ''}`
  return [`${ctx.stylize('[Uint8Contents]', 'special')}: <${text}>`]
}
function formatSet(ctx, iterator, size, recurseTimes) {
  const max = Math.min(Math.max(0, ctx.maxArrayLength), size)
  const output = []
  ctx.indentationLvl += 2
  for (const item of iterator) {
    if (output.length >= max) break
    output.push(formatValue(ctx, item, recurseTimes))
  }
  if (size - max > 0) output.push(remainingText(size - max))
  ctx.indentationLvl -= 2
  return output
}
function formatMap(ctx, iterator, size, recurseTimes) {
  const max = Math.min(Math.max(0, ctx.maxArrayLength), size)
  const output = []
  ctx.indentationLvl += 2
  for (const [key, item] of iterator) {
    if (output.length >= max) break
    output.push(`${formatValue(ctx, key, recurseTimes)} => ${formatValue(ctx, item, recurseTimes)}`)
  }
  if (size - max > 0) output.push(remainingText(size - max))
  ctx.indentationLvl -= 2
  return output
}
function formatNamespaceObject(keys, ctx, value, recurseTimes) {
  const output = []
  for (const key of keys) {
    try {
      output.push(formatProperty(ctx, value, recurseTimes, key, kObjectType))
    } catch (error) {
      if (!(error instanceof ReferenceError)) throw error
      // An uninitialized binding (a cycle of imports still evaluating).
      const name = formatProperty(ctx, { [key]: '' }, recurseTimes, key, kObjectType).split(':')[0]
      output.push(`${name}: ${ctx.stylize('<uninitialized>', 'special')}`)
    }
  }
  return output
}

function formatProperty(ctx, value, recurseTimes, key, type) {
  let str
  let extra = ' '
  const desc = Object.getOwnPropertyDescriptor(value, key) || { value: value[key], enumerable: true }
  if (desc.value !== undefined) {
    const diff = ctx.compact !== true || type !== kObjectType ? 2 : 3
    ctx.indentationLvl += diff
    str = formatValue(ctx, desc.value, recurseTimes)
    if (diff === 3 && ctx.breakLength < removeColors(str).length) extra = `\n${' '.repeat(ctx.indentationLvl)}`
    ctx.indentationLvl -= diff
  } else if (desc.get !== undefined) {
    const label = desc.set !== undefined ? 'Getter/Setter' : 'Getter'
    const s = ctx.stylize
    const wanted =
      ctx.getters &&
      (ctx.getters === true || (ctx.getters === 'get' && desc.set === undefined) || (ctx.getters === 'set' && desc.set !== undefined))
    if (wanted) {
      try {
        const got = desc.get.call(value)
        ctx.indentationLvl += 2
        if (got === null) str = `${s(`[${label}:`, 'special')} ${s('null', 'null')}${s(']', 'special')}`
        else if (typeof got === 'object') str = `${s(`[${label}]`, 'special')} ${formatValue(ctx, got, recurseTimes)}`
        else str = `${s(`[${label}:`, 'special')} ${formatPrimitive(s, got, ctx)}${s(']', 'special')}`
        ctx.indentationLvl -= 2
      } catch (error) {
        str = `${s(`[${label}:`, 'special')} <Inspection threw (${error && error.message})>${s(']', 'special')}`
      }
    } else {
      str = s(`[${label}]`, 'special')
    }
  } else if (desc.set !== undefined) {
    str = ctx.stylize('[Setter]', 'special')
  } else {
    str = ctx.stylize('undefined', 'undefined')
  }
  if (type === kArrayType) return str
  let name
  if (typeof key === 'symbol') {
    name = `[${ctx.stylize(escapeControls(key.toString()), 'symbol')}]`
  } else if (key === '__proto__') {
    name = "['__proto__']"
  } else if (desc.enumerable === false) {
    name = `[${escapeControls(String(key))}]`
  } else if (/^[a-zA-Z_][a-zA-Z_0-9]*$/.test(key)) {
    name = ctx.stylize(key, 'name')
  } else {
    name = ctx.stylize(strEscape(String(key)), 'string')
  }
  return `${name}:${extra}${str}`
}

// Arrays of more than six short entries are laid out in aligned columns.
function groupArrayElements(ctx, output, value) {
  let totalLength = 0
  let maxLength = 0
  let outputLength = output.length
  if (ctx.maxArrayLength < output.length) outputLength-- // not the "... more items" entry
  const separatorSpace = 2
  const dataLength = new Array(outputLength)
  for (let i = 0; i < outputLength; i++) {
    const length = ctx.colors ? removeColors(output[i]).length : output[i].length
    dataLength[i] = length
    totalLength += length + separatorSpace
    if (maxLength < length) maxLength = length
  }
  const actualMax = maxLength + separatorSpace
  if (actualMax * 3 + ctx.indentationLvl < ctx.breakLength && (totalLength / actualMax > 5 || maxLength <= 6)) {
    const averageBias = Math.sqrt(actualMax - totalLength / output.length)
    const biasedMax = Math.max(actualMax - 3 - averageBias, 1)
    const columns = Math.min(
      Math.round(Math.sqrt(2.5 * biasedMax * outputLength) / biasedMax),
      Math.floor((ctx.breakLength - ctx.indentationLvl) / actualMax),
      ctx.compact * 4,
      15
    )
    if (columns <= 1) return output
    const maxLineLength = []
    for (let i = 0; i < columns; i++) {
      let lineLength = 0
      for (let j = i; j < output.length; j += columns) if (dataLength[j] > lineLength) lineLength = dataLength[j]
      maxLineLength.push(lineLength + separatorSpace)
    }
    let padStart = true
    if (value !== undefined) {
      for (let i = 0; i < output.length; i++) {
        if (typeof value[i] !== 'number' && typeof value[i] !== 'bigint') {
          padStart = false
          break
        }
      }
    }
    const grouped = []
    for (let i = 0; i < outputLength; i += columns) {
      const max = Math.min(i + columns, outputLength)
      let line = ''
      let j = i
      for (; j < max - 1; j++) {
        const padding = maxLineLength[j - i] + output[j].length - dataLength[j]
        line += padStart ? `${output[j]}, `.padStart(padding, ' ') : `${output[j]}, `.padEnd(padding, ' ')
      }
      if (padStart) {
        const padding = maxLineLength[j - i] + output[j].length - dataLength[j] - separatorSpace
        line += output[j].padStart(padding, ' ')
      } else {
        line += output[j]
      }
      grouped.push(line)
    }
    if (ctx.maxArrayLength < output.length) grouped.push(output[outputLength])
    output = grouped
  }
  return output
}

function isBelowBreakLength(ctx, output, start, base) {
  let totalLength = output.length + start
  if (totalLength + output.length > ctx.breakLength) return false
  for (const entry of output) {
    totalLength += ctx.colors ? removeColors(entry).length : entry.length
    if (totalLength > ctx.breakLength) return false
  }
  return base === '' || !base.includes('\n')
}

function reduceToSingleString(ctx, output, base, braces, extrasType, recurseTimes, value) {
  if (ctx.compact !== true) {
    if (typeof ctx.compact === 'number' && ctx.compact >= 1) {
      const entries = output.length
      if (extrasType === kArrayExtrasType && entries > 6) output = groupArrayElements(ctx, output, value)
      // Up to `compact` inner levels are joined on one line when short enough.
      if (ctx.currentDepth - recurseTimes < ctx.compact && entries === output.length) {
        const start = output.length + ctx.indentationLvl + braces[0].length + base.length + 10
        if (isBelowBreakLength(ctx, output, start, base)) {
          const joined = output.join(', ')
          if (!joined.includes('\n')) return `${base ? `${base} ` : ''}${braces[0]} ${joined} ${braces[1]}`
        }
      }
    }
    const indentation = `\n${' '.repeat(ctx.indentationLvl)}`
    return `${base ? `${base} ` : ''}${braces[0]}${indentation}  ${output.join(`,${indentation}  `)}${indentation}${braces[1]}`
  }
  if (isBelowBreakLength(ctx, output, 0, base)) {
    return `${braces[0]}${base ? ` ${base}` : ''} ${output.join(', ')} ${braces[1]}`
  }
  const indentation = ' '.repeat(ctx.indentationLvl)
  const separator = base === '' && braces[0].length === 1 ? ' ' : `${base ? ` ${base}` : ''}\n${indentation}  `
  return `${braces[0]}${separator}${output.join(`,\n${indentation}  `)} ${braces[1]}`
}

export function inspect(value, options) {
  const ctx = {
    budget: {},
    indentationLvl: 0,
    seen: [],
    currentDepth: 0,
    stylize: stylizeNoColor,
    ...inspectDefaultOptions,
  }
  if (arguments.length > 1) {
    // The legacy signature: inspect(value, showHidden, depth, colors).
    if (arguments.length > 2) {
      if (arguments[2] !== undefined) ctx.depth = arguments[2]
      if (arguments.length > 3 && arguments[3] !== undefined) ctx.colors = arguments[3]
    }
    if (typeof options === 'boolean') {
      ctx.showHidden = options
    } else if (options) {
      for (const key of Object.keys(options)) {
        if (hasOwn(inspectDefaultOptions, key) || key === 'stylize') ctx[key] = options[key]
        else if (ctx.userOptions === undefined) ctx.userOptions = options
      }
    }
  }
  if (ctx.colors) ctx.stylize = stylizeWithColor
  if (ctx.maxArrayLength === null) ctx.maxArrayLength = Infinity
  if (ctx.maxStringLength === null) ctx.maxStringLength = Infinity
  return formatValue(ctx, value, 0)
}
inspect.custom = kCustom
Object.defineProperty(inspect, 'defaultOptions', {
  get() {
    return inspectDefaultOptions
  },
  set(options) {
    if (options === null || typeof options !== 'object') throw invalidArgType('options', 'object', options)
    Object.assign(inspectDefaultOptions, options)
  },
})
inspect.colors = colors
inspect.styles = styles

// ---------------------------------------------------------------------------------------
// format

const builtInObjects = new Set(
  Object.getOwnPropertyNames(globalThis).filter((name) => /^[A-Z][a-zA-Z0-9]+$/.test(name))
)
// Whether String(value) would only give the built-in "[object X]"-like text, so that %s
// inspects instead.
function hasBuiltInToString(value) {
  let owner = value
  while (owner !== null && !hasOwn(owner, Symbol.toPrimitive)) owner = Object.getPrototypeOf(owner)
  if (owner !== null && typeof owner[Symbol.toPrimitive] === 'function') {
    const desc = Object.getOwnPropertyDescriptor(owner, 'constructor')
    if (!(desc !== undefined && typeof desc.value === 'function' && builtInObjects.has(desc.value.name))) return false
  }
  if (typeof value.toString !== 'function') return true
  if (hasOwn(value, 'toString')) return false
  let pointer = value
  do {
    pointer = Object.getPrototypeOf(pointer)
  } while (!hasOwn(pointer, 'toString'))
  const desc = Object.getOwnPropertyDescriptor(pointer, 'constructor')
  return desc !== undefined && typeof desc.value === 'function' && builtInObjects.has(desc.value.name)
}
let circularMessage
function tryStringify(value) {
  try {
    return JSON.stringify(value)
  } catch (error) {
    if (circularMessage === undefined) {
      try {
        const a = {}
        a.a = a
        JSON.stringify(a)
      } catch (circular) {
        circularMessage = String(circular.message).split('\n')[0]
      }
    }
    if (error.name === 'TypeError' && String(error.message).split('\n')[0] === circularMessage) return '[Circular]'
    throw error
  }
}

function formatWithOptionsInternal(inspectOptions, args) {
  const first = args[0]
  let a = 0
  let str = ''
  let join = ''
  if (typeof first === 'string') {
    if (args.length === 1) return first
    let lastPos = 0
    let chunk
    for (let i = 0; i < first.length - 1; i++) {
      if (first.charCodeAt(i) !== 37) continue // '%'
      const next = first.charCodeAt(++i)
      if (a + 1 !== args.length) {
        switch (next) {
          case 115: {
            // 's'
            const arg = args[++a]
            if (typeof arg === 'number') chunk = formatNumber(stylizeNoColor, arg, false)
            else if (typeof arg === 'bigint') chunk = formatBigInt(stylizeNoColor, arg, false)
            else if (typeof arg !== 'object' || arg === null || !hasBuiltInToString(arg)) chunk = String(arg)
            else chunk = inspect(arg, { ...inspectOptions, depth: 0, colors: false, compact: 3 })
            break
          }
          case 106: // 'j'
            chunk = tryStringify(args[++a])
            break
          case 100: {
            // 'd'
            const arg = args[++a]
            if (typeof arg === 'bigint') chunk = formatBigInt(stylizeNoColor, arg, false)
            else if (typeof arg === 'symbol') chunk = 'NaN'
            else chunk = formatNumber(stylizeNoColor, Number(arg), false)
            break
          }
          case 79: // 'O'
            chunk = inspect(args[++a], inspectOptions)
            break
          case 111: // 'o'
            chunk = inspect(args[++a], { ...inspectOptions, showHidden: true, showProxy: true, depth: 4 })
            break
          case 105: {
            // 'i'
            const arg = args[++a]
            if (typeof arg === 'bigint') chunk = formatBigInt(stylizeNoColor, arg, false)
            else if (typeof arg === 'symbol') chunk = 'NaN'
            else chunk = formatNumber(stylizeNoColor, Number.parseInt(arg), false)
            break
          }
          case 102: {
            // 'f'
            const arg = args[++a]
            chunk = typeof arg === 'symbol' ? 'NaN' : formatNumber(stylizeNoColor, Number.parseFloat(arg), false)
            break
          }
          case 99: // 'c': CSS, consumed and dropped
            a += 1
            chunk = ''
            break
          case 37: // '%%'
            str += first.slice(lastPos, i)
            lastPos = i + 1
            continue
          default:
            continue
        }
        if (lastPos !== i - 1) str += first.slice(lastPos, i - 1)
        str += chunk
        lastPos = i + 1
      } else if (next === 37) {
        str += first.slice(lastPos, i)
        lastPos = i + 1
      }
    }
    if (lastPos !== 0) {
      a++
      join = ' '
      if (lastPos < first.length) str += first.slice(lastPos)
    }
  }
  while (a < args.length) {
    const value = args[a]
    str += join
    str += typeof value !== 'string' ? inspect(value, inspectOptions) : value
    join = ' '
    a++
  }
  return str
}

export function format(...args) {
  return formatWithOptionsInternal(undefined, args)
}
export function formatWithOptions(inspectOptions, ...args) {
  if (inspectOptions === null || typeof inspectOptions !== 'object') {
    throw invalidArgType('inspectOptions', 'object', inspectOptions)
  }
  return formatWithOptionsInternal(inspectOptions, args)
}

// ---------------------------------------------------------------------------------------
// parseArgs

function ownValue(object, key) {
  return hasOwn(object, key) ? object[key] : undefined
}
function optionConfigValue(options, longOption, key) {
  return hasOwn(options, longOption) ? ownValue(options[longOption], key) : undefined
}
function longOptionForShort(short, options) {
  for (const name of Object.keys(options)) if (ownValue(options[name], 'short') === short) return name
  return short
}
const isOptionValue = (value) => value != null
const isOptionLikeValue = (value) => value != null && value.length > 1 && value[0] === '-'
const isLoneShortOption = (arg) => arg.length === 2 && arg[0] === '-' && arg[1] !== '-'
const isLoneLongOption = (arg) => arg.length > 2 && arg.startsWith('--') && !arg.includes('=', 3)
const isLongOptionAndValue = (arg) => arg.length > 2 && arg.startsWith('--') && arg.includes('=', 3)
function startsShortGroup(arg) {
  return arg.length > 2 && arg[0] === '-' && arg[1] !== '-'
}

function argsToTokens(args, options) {
  const tokens = []
  let index = -1
  let groupCount = 0
  const remaining = args.slice()
  while (remaining.length > 0) {
    const arg = remaining.shift()
    const next = remaining[0]
    if (groupCount > 0) groupCount--
    else index++

    if (arg === '--') {
      tokens.push({ kind: 'option-terminator', index })
      for (const positional of remaining) tokens.push({ kind: 'positional', index: ++index, value: positional })
      break
    }
    if (isLoneShortOption(arg)) {
      const short = arg[1]
      const name = longOptionForShort(short, options)
      let value
      let inlineValue
      if (optionConfigValue(options, name, 'type') === 'string' && isOptionValue(next)) {
        value = remaining.shift()
        inlineValue = false
      }
      tokens.push({ kind: 'option', name, rawName: arg, index, value, inlineValue })
      if (value != null) ++index
      continue
    }
    if (startsShortGroup(arg)) {
      const firstName = longOptionForShort(arg[1], options)
      if (optionConfigValue(options, firstName, 'type') !== 'string') {
        // -abc: -a -b -c; a string option inside takes the rest as its value (-afFILE).
        const expanded = []
        for (let i = 1; i < arg.length; i++) {
          const short = arg[i]
          const name = longOptionForShort(short, options)
          if (optionConfigValue(options, name, 'type') !== 'string' || i === arg.length - 1) {
            expanded.push(`-${short}`)
          } else {
            expanded.push(`-${arg.slice(i)}`)
            break
          }
        }
        remaining.unshift(...expanded)
        groupCount = expanded.length
        continue
      }
      // -fVALUE for a string option.
      tokens.push({ kind: 'option', name: firstName, rawName: `-${arg[1]}`, index, value: arg.slice(2), inlineValue: true })
      continue
    }
    if (isLoneLongOption(arg)) {
      const name = arg.slice(2)
      let value
      let inlineValue
      if (optionConfigValue(options, name, 'type') === 'string' && isOptionValue(next)) {
        value = remaining.shift()
        inlineValue = false
      }
      tokens.push({ kind: 'option', name, rawName: arg, index, value, inlineValue })
      if (value != null) ++index
      continue
    }
    if (isLongOptionAndValue(arg)) {
      const equals = arg.indexOf('=')
      const name = arg.slice(2, equals)
      tokens.push({ kind: 'option', name, rawName: `--${name}`, index, value: arg.slice(equals + 1), inlineValue: true })
      continue
    }
    tokens.push({ kind: 'positional', index, value: arg })
  }
  return tokens
}

function parseArgsError(code, message) {
  return nodeError(TypeError, code, message)
}
function checkOptionUsage(config, token) {
  if (!hasOwn(config.options, token.name)) {
    const hint = config.allowPositionals
      ? `. To specify a positional argument starting with a '-', place it at the end of the command after '--', as in '-- ${JSON.stringify(token.rawName)}`
      : ''
    throw parseArgsError('ERR_PARSE_ARGS_UNKNOWN_OPTION', `Unknown option '${token.rawName}'${hint}`)
  }
  const short = optionConfigValue(config.options, token.name, 'short')
  const shortAndLong = `${short ? `-${short}, ` : ''}--${token.name}`
  const type = optionConfigValue(config.options, token.name, 'type')
  if (type === 'string' && typeof token.value !== 'string') {
    throw parseArgsError('ERR_PARSE_ARGS_INVALID_OPTION_VALUE', `Option '${shortAndLong} <value>' argument missing`)
  }
  if (type === 'boolean' && token.value != null) {
    throw parseArgsError('ERR_PARSE_ARGS_INVALID_OPTION_VALUE', `Option '${shortAndLong}' does not take an argument`)
  }
}
function checkOptionLikeValue(token) {
  if (!token.inlineValue && isOptionLikeValue(token.value)) {
    const example = token.rawName.startsWith('--')
      ? `'${token.rawName}=-XYZ'`
      : `'--${token.name}=-XYZ' or '${token.rawName}-XYZ'`
    throw parseArgsError(
      'ERR_PARSE_ARGS_INVALID_OPTION_VALUE',
      `Option '${token.rawName}' argument is ambiguous.\nDid you forget to specify the option argument for '${token.rawName}'?\nTo specify an option argument starting with a dash use ${example}.`
    )
  }
}
function storeOption(name, value, options, values) {
  if (name === '__proto__') return
  const stored = value ?? true
  if (optionConfigValue(options, name, 'multiple')) {
    if (values[name]) values[name].push(stored)
    else values[name] = [stored]
  } else {
    values[name] = stored
  }
}

export function parseArgs(config = {}) {
  const args = ownValue(config, 'args') ?? (globalThis.process && Array.isArray(process.argv) ? process.argv.slice(2) : [])
  const strict = ownValue(config, 'strict') ?? true
  const allowPositionals = ownValue(config, 'allowPositionals') ?? !strict
  const returnTokens = ownValue(config, 'tokens') ?? false
  const options = ownValue(config, 'options') ?? Object.create(null)

  validateArray(args, 'args')
  validateBoolean(strict, 'strict')
  validateBoolean(allowPositionals, 'allowPositionals')
  validateBoolean(returnTokens, 'tokens')
  validatePlainObject(options, 'options')
  for (const [name, optionConfig] of Object.entries(options)) {
    validatePlainObject(optionConfig, `options.${name}`)
    const type = ownValue(optionConfig, 'type')
    if (type !== 'string' && type !== 'boolean') {
      throw invalidArgType(`options.${name}.type`, "('string|boolean')", type)
    }
    if (hasOwn(optionConfig, 'short')) {
      const short = optionConfig.short
      validateString(short, `options.${name}.short`)
      if (short.length !== 1) throw invalidArgValue(`options.${name}.short`, short, 'must be a single character')
    }
    const multiple = ownValue(optionConfig, 'multiple')
    if (hasOwn(optionConfig, 'multiple')) validateBoolean(multiple, `options.${name}.multiple`)
    const defaultValue = ownValue(optionConfig, 'default')
    if (defaultValue !== undefined) {
      const check = type === 'string' ? validateString : validateBoolean
      if (multiple) {
        validateArray(defaultValue, `options.${name}.default`)
        defaultValue.forEach((item, i) => check(item, `options.${name}.default[${i}]`))
      } else {
        check(defaultValue, `options.${name}.default`)
      }
    }
  }

  const tokens = argsToTokens(args, options)
  const result = { values: Object.create(null), positionals: [] }
  if (returnTokens) result.tokens = tokens
  const parseConfig = { args, strict, options, allowPositionals }
  for (const token of tokens) {
    if (token.kind === 'option') {
      if (strict) {
        checkOptionUsage(parseConfig, token)
        checkOptionLikeValue(token)
      }
      storeOption(token.name, token.value, options, result.values)
    } else if (token.kind === 'positional') {
      if (!allowPositionals) {
        throw parseArgsError(
          'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL',
          `Unexpected argument '${token.value}'. This command does not take positional arguments`
        )
      }
      result.positionals.push(token.value)
    }
  }
  for (const [name, optionConfig] of Object.entries(options)) {
    const defaultValue = ownValue(optionConfig, 'default')
    if (defaultValue !== undefined && result.values[name] === undefined && name !== '__proto__') {
      result.values[name] = defaultValue
    }
  }
  return result
}

// ---------------------------------------------------------------------------------------
// styleText, and the small ones.

function isStreamLike(stream) {
  if (stream === null || typeof stream !== 'object') return false
  if (stream._readableState || stream._writableState) return true
  if (typeof stream.write === 'function' || typeof stream.pipe === 'function') return true
  if (typeof stream.getReader === 'function' || typeof stream.getWriter === 'function') return true
  return false
}
function shouldColorize(stream) {
  const env = (globalThis.process && globalThis.process.env) || {}
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false'
  if (env.NO_COLOR !== undefined || env.NODE_DISABLE_COLORS !== undefined) return false
  return Boolean(stream && stream.isTTY && (typeof stream.getColorDepth === 'function' ? stream.getColorDepth() > 2 : true))
}
function styleCodes(key) {
  const codes = colors[key]
  if (codes == null) {
    const allowed = Object.keys(colors).map((name) => `'${name}'`).join(', ')
    throw invalidArgValue('format', key, `must be one of: ${allowed}`)
  }
  return codes
}
// styleText(format, text, { validateStream, stream }): as Node 20, a single format is only
// applied when the stream takes colors; an array of formats always is.
export function styleText(format, text, { validateStream = true, stream = globalThis.process && globalThis.process.stdout } = {}) {
  validateString(text, 'text')
  validateBoolean(validateStream, 'options.validateStream')
  const isDefaultStream = globalThis.process && (stream === globalThis.process.stdout || stream === globalThis.process.stderr)
  if (validateStream && !isDefaultStream && !isStreamLike(stream)) {
    throw invalidArgType('stream', ['ReadableStream', 'WritableStream', 'Stream'], stream)
  }
  if (Array.isArray(format)) {
    let left = ''
    let right = ''
    for (const key of format) {
      const codes = styleCodes(key)
      left += `\u001b[${codes[0]}m`
      right = `\u001b[${codes[1]}m${right}`
    }
    return `${left}${text}${right}`
  }
  const codes = styleCodes(format)
  if (validateStream && (!stream || !shouldColorize(stream))) return text
  return `\u001b[${codes[0]}m${text}\u001b[${codes[1]}m`
}

export function stripVTControlCharacters(str) {
  validateString(str, 'str')
  return str.replace(ansiRegExp, '')
}

export function toUSVString(input) {
  const text = `${input}`
  if (typeof text.toWellFormed === 'function') return text.toWellFormed()
  return text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')
}

// libuv's error codes on Linux: -errno, then its own EAI_* and friends.
const SYSTEM_ERRORS = `1 EPERM operation not permitted|2 ENOENT no such file or directory|3 ESRCH no such process|
4 EINTR interrupted system call|5 EIO i/o error|6 ENXIO no such device or address|7 E2BIG argument list too long|
9 EBADF bad file descriptor|11 EAGAIN resource temporarily unavailable|12 ENOMEM not enough memory|
13 EACCES permission denied|14 EFAULT bad address in system call argument|16 EBUSY resource busy or locked|
17 EEXIST file already exists|18 EXDEV cross-device link not permitted|19 ENODEV no such device|
20 ENOTDIR not a directory|21 EISDIR illegal operation on a directory|22 EINVAL invalid argument|
23 ENFILE file table overflow|24 EMFILE too many open files|25 ENOTTY inappropriate ioctl for device|
26 ETXTBSY text file is busy|27 EFBIG file too large|28 ENOSPC no space left on device|29 ESPIPE invalid seek|
30 EROFS read-only file system|31 EMLINK too many links|32 EPIPE broken pipe|34 ERANGE result too large|
36 ENAMETOOLONG name too long|38 ENOSYS function not implemented|39 ENOTEMPTY directory not empty|
40 ELOOP too many symbolic links encountered|49 EUNATCH protocol driver not attached|61 ENODATA no data available|
64 ENONET machine is not on the network|71 EPROTO protocol error|75 EOVERFLOW value too large for defined data type|
84 EILSEQ illegal byte sequence|88 ENOTSOCK socket operation on non-socket|89 EDESTADDRREQ destination address required|
90 EMSGSIZE message too long|91 EPROTOTYPE protocol wrong type for socket|92 ENOPROTOOPT protocol not available|
93 EPROTONOSUPPORT protocol not supported|94 ESOCKTNOSUPPORT socket type not supported|
95 ENOTSUP operation not supported on socket|97 EAFNOSUPPORT address family not supported|
98 EADDRINUSE address already in use|99 EADDRNOTAVAIL address not available|100 ENETDOWN network is down|
101 ENETUNREACH network is unreachable|103 ECONNABORTED software caused connection abort|
104 ECONNRESET connection reset by peer|105 ENOBUFS no buffer space available|106 EISCONN socket is already connected|
107 ENOTCONN socket is not connected|108 ESHUTDOWN cannot send after transport endpoint shutdown|
110 ETIMEDOUT connection timed out|111 ECONNREFUSED connection refused|112 EHOSTDOWN host is down|
113 EHOSTUNREACH host is unreachable|114 EALREADY connection already in progress|121 EREMOTEIO remote I/O error|
125 ECANCELED operation canceled|3000 EAI_ADDRFAMILY address family not supported|
3001 EAI_AGAIN temporary failure|3002 EAI_BADFLAGS bad ai_flags value|3003 EAI_CANCELED request canceled|
3004 EAI_FAIL permanent failure|3005 EAI_FAMILY ai_family not supported|3006 EAI_MEMORY out of memory|
3007 EAI_NODATA no address|3008 EAI_NONAME unknown node or service|3009 EAI_OVERFLOW argument buffer overflow|
3010 EAI_SERVICE service not available for socket type|3011 EAI_SOCKTYPE socket type not supported|
3013 EAI_BADHINTS invalid value for hints|3014 EAI_PROTOCOL resolved protocol is unknown|
4028 EFTYPE inappropriate file type or format|4080 ECHARSET invalid Unicode character|4094 UNKNOWN unknown error|
4095 EOF end of file`
let systemErrorMap
export function getSystemErrorMap() {
  if (systemErrorMap === undefined) {
    systemErrorMap = new Map()
    for (const entry of SYSTEM_ERRORS.split(/\|\n?/)) {
      const [, code, name, message] = /^(\d+) (\S+) (.*)$/.exec(entry.trim())
      systemErrorMap.set(-Number(code), [name, message])
    }
  }
  return systemErrorMap
}
export function getSystemErrorName(err) {
  if (typeof err !== 'number') throw invalidArgType('err', 'number', err)
  if (err >= 0 || !Number.isSafeInteger(err)) throw outOfRange('err', 'a negative integer', err)
  const entry = getSystemErrorMap().get(err)
  return entry ? entry[0] : `Unknown system error ${err}`
}

// aborted(signal, resource): a promise that settles when the signal aborts (with the
// abort event; with undefined when it already had).
export async function aborted(signal, resource) {
  if (signal === undefined) throw invalidArgType('signal', 'AbortSignal', signal)
  if (signal === null || typeof signal !== 'object' || !('aborted' in signal)) throw invalidArgType('signal', 'AbortSignal', signal)
  if (resource === null || (typeof resource !== 'object' && typeof resource !== 'function')) {
    throw invalidArgType('resource', 'object', resource)
  }
  if (signal.aborted) return undefined
  return new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }))
}

export default {
  inspect, format, formatWithOptions, parseArgs, styleText, types, toUSVString, stripVTControlCharacters,
  getSystemErrorName, getSystemErrorMap, aborted,
}
