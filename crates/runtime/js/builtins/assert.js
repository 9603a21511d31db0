// `assert`: Node 20's assert module, our own implementation. The default export is the
// `assert` function itself (the same function as `assert.ok`) carrying every method;
// every method is also a named export, and `strict` is the strict variant (see
// assert_strict.js, which serves `assert/strict`).
//
// Behaviour follows Node's documentation and Node 20.20: the same checks, operators,
// error codes (ERR_ASSERTION, ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE,
// ERR_MISSING_ARGS, ERR_AMBIGUOUS_ARGUMENT, ERR_INVALID_RETURN_VALUE) and, for the cases
// tests usually match on, the same message texts. Deep comparison lives in
// internal_deep_equal.js. Values are rendered by a small local `inspect` that imitates
// what Node's assert prints (util.inspect with compact: false, sorted keys, getters
// shown, no depth limit).
//
// Knowingly simplified compared with Node:
// - assert.ok / assert(value) with a falsy value and no message: Node reads the call's
//   source text ("assert(x === 1)"); we print the value instead:
//   "The expression evaluated to a falsy value:\n\n  assert.ok(false)\n".
// - The "+ actual - expected" diffs of strictEqual/deepStrictEqual are a line diff of
//   our own (longest common subsequence, lines differing only by a trailing comma count
//   as equal, long equal stretches folded into "..."), so for larger values the lines
//   shown may differ from Node's; short single-line cases ("1 !== 2") are exact.
// - The rendering of values: errors print as "[Name: message]" (no stack frames),
//   promises as "<unknown>" (their state cannot be read from JavaScript), proxies as
//   their target; no custom inspect hooks (neither does Node's assert).
// - ifError does not splice the original error's stack into the AssertionError's.
// - No colours, whatever the terminal.
import { isDeepEqual, isDeepStrictEqual } from 'apiroutes:internal/deep-equal'

// ---------------------------------------------------------------------------------
// Rendering values (a small util.inspect)
// ---------------------------------------------------------------------------------

const { hasOwnProperty, propertyIsEnumerable, toString: objectToString } = Object.prototype
const typedArrayTag = Object.getOwnPropertyDescriptor(
  Object.getPrototypeOf(Uint8Array.prototype),
  Symbol.toStringTag
).get
const functionToString = Function.prototype.toString

function tryCall(fn, receiver) {
  if (typeof fn !== 'function') return undefined
  try {
    return { value: fn.call(receiver) }
  } catch {
    return undefined
  }
}

function brandGetter(proto, name) {
  const desc = proto && Object.getOwnPropertyDescriptor(proto, name)
  return desc && desc.get
}

const mapSizeGetter = brandGetter(Map.prototype, 'size')
const setSizeGetter = brandGetter(Set.prototype, 'size')
const regExpSourceGetter = brandGetter(RegExp.prototype, 'source')
const arrayBufferLengthGetter = brandGetter(ArrayBuffer.prototype, 'byteLength')
const sharedArrayBufferLengthGetter =
  typeof SharedArrayBuffer === 'function' ? brandGetter(SharedArrayBuffer.prototype, 'byteLength') : undefined
const dataViewLengthGetter = brandGetter(DataView.prototype, 'byteLength')

function isRegExp(value) {
  return (
    typeof value === 'object' &&
    value !== null &&
    value !== RegExp.prototype &&
    tryCall(regExpSourceGetter, value) !== undefined
  )
}

function isDate(value) {
  return typeof value === 'object' && value !== null && tryCall(Date.prototype.getTime, value) !== undefined
}

function isError(value) {
  if (typeof Error.isError === 'function' && Error.isError(value)) return true
  return value instanceof Error
}

function isPromiseLike(value) {
  return (
    value instanceof Promise ||
    (value !== null &&
      typeof value === 'object' &&
      typeof value.then === 'function' &&
      typeof value.catch === 'function')
  )
}

const boxedKinds = [
  ['Number', Number.prototype.valueOf],
  ['String', String.prototype.valueOf],
  ['Boolean', Boolean.prototype.valueOf],
  ['BigInt', typeof BigInt === 'function' ? BigInt.prototype.valueOf : undefined],
  ['Symbol', Symbol.prototype.valueOf],
]

function unbox(value) {
  for (const [kind, valueOf] of boxedKinds) {
    const result = tryCall(valueOf, value)
    if (result !== undefined) return { kind, value: result.value }
  }
  return null
}

// Node's choice of quotes: single, else double if the string has single quotes, else
// backticks if it has both; control characters and lone surrogates escaped.
function quote(str) {
  let q = "'"
  if (str.includes("'")) {
    if (!str.includes('"')) q = '"'
    else if (!str.includes('`') && !str.includes('${')) q = '`'
  }
  let out = q
  for (let i = 0; i < str.length; i++) {
    const ch = str[i]
    const code = str.charCodeAt(i)
    if (ch === q || ch === '\\') out += '\\' + ch
    else if (ch === '\n') out += '\\n'
    else if (ch === '\t') out += '\\t'
    else if (ch === '\r') out += '\\r'
    else if (ch === '\b') out += '\\b'
    else if (ch === '\f') out += '\\f'
    else if (code < 0x20 || code === 0x7f) out += '\\x' + code.toString(16).toUpperCase().padStart(2, '0')
    else if (code >= 0xd800 && code <= 0xdfff) {
      const next = str.charCodeAt(i + 1)
      if (code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        out += ch + str[i + 1]
        i++
      } else {
        out += '\\u' + code.toString(16)
      }
    } else out += ch
  }
  return out + q
}

function formatPrimitive(value) {
  switch (typeof value) {
    case 'string':
      return quote(value)
    case 'number':
      return Object.is(value, -0) ? '-0' : String(value)
    case 'bigint':
      return `${value}n`
    case 'symbol':
      return value.toString()
    default:
      return String(value)
  }
}

function formatKey(key) {
  if (typeof key === 'symbol') return `[${key.toString()}]`
  return /^[a-zA-Z_][a-zA-Z_0-9]*$/.test(key) ? key : quote(key)
}

function constructorName(obj) {
  let proto = obj
  while (proto !== null && proto !== undefined) {
    const desc = Object.getOwnPropertyDescriptor(proto, 'constructor')
    if (desc && typeof desc.value === 'function' && desc.value.name !== '') {
      try {
        if (obj instanceof desc.value) return desc.value.name
      } catch {
        // a constructor with a throwing Symbol.hasInstance
      }
    }
    proto = Object.getPrototypeOf(proto)
  }
  return null
}

function getPrefix(ctor, tag, fallback, size = '') {
  if (ctor === null) {
    if (tag !== '' && fallback !== tag) return `[${fallback}${size}: null prototype] [${tag}] `
    return `[${fallback}${size}: null prototype] `
  }
  if (tag !== '' && ctor !== tag) return `${ctor}${size} [${tag}] `
  return `${ctor}${size} `
}

function isIndexKey(key) {
  return typeof key === 'string' && /^(0|[1-9][0-9]*)$/.test(key) && Number(key) < 4294967295
}

// Own enumerable keys (strings, then symbols), optionally without array indices.
function ownKeys(obj, skipIndices) {
  const keys = []
  for (const key of Reflect.ownKeys(obj)) {
    if (skipIndices && isIndexKey(key)) continue
    if (propertyIsEnumerable.call(obj, key)) keys.push(key)
  }
  return keys
}

function formatFunctionBase(fn, ctor) {
  let source = ''
  try {
    source = functionToString.call(fn)
  } catch {
    // not inspectable
  }
  if (/^class[\s{]/.test(source)) {
    let base = `[class ${fn.name || '(anonymous)'}`
    const superClass = Object.getPrototypeOf(fn)
    if (typeof superClass === 'function' && superClass.name) base += ` extends ${superClass.name}`
    return base + ']'
  }
  const tag = objectToString.call(fn).slice(8, -1)
  let type = 'Function'
  if (tag === 'AsyncFunction' || tag === 'GeneratorFunction' || tag === 'AsyncGeneratorFunction') type = tag
  let base = `[${type}`
  if (ctor === null) base += ' (null prototype)'
  base += fn.name ? `: ${fn.name}` : ' (anonymous)'
  base += ']'
  if (ctor !== null && ctor !== type && ctor !== 'Function') base += ` ${ctor}`
  return base
}

function hexBytes(bytes) {
  const shown = Math.min(bytes.length, 50)
  let out = ''
  for (let i = 0; i < shown; i++) out += (i ? ' ' : '') + bytes[i].toString(16).padStart(2, '0')
  if (bytes.length > shown) out += ` ... ${bytes.length - shown} more byte${bytes.length - shown > 1 ? 's' : ''}`
  return `<${out}>`
}

function formatValue(ctx, value, recurseTimes, indent) {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return formatPrimitive(value)
  if (ctx.seen.includes(value)) {
    let index = ctx.circular.get(value)
    if (index === undefined) {
      index = ctx.circular.size + 1
      ctx.circular.set(value, index)
    }
    return `[Circular *${index}]`
  }
  ctx.seen.push(value)
  let result
  try {
    result = formatRaw(ctx, value, recurseTimes, indent)
  } finally {
    ctx.seen.pop()
  }
  const index = ctx.circular.get(value)
  if (index !== undefined) result = `<ref *${index}> ${result}`
  return result
}

function formatPropertyValue(ctx, obj, key, recurseTimes, indent) {
  const desc = Object.getOwnPropertyDescriptor(obj, key) || { value: obj[key] }
  if ('value' in desc || (desc.get === undefined && desc.set === undefined)) {
    return formatValue(ctx, desc.value, recurseTimes + 1, indent + 2)
  }
  if (desc.get === undefined) return '[Setter]'
  // Like Node's assert (util.inspect with getters: true), the getter is called.
  const label = desc.set !== undefined ? 'Getter/Setter' : 'Getter'
  try {
    const got = desc.get.call(obj)
    if (got !== null && (typeof got === 'object' || typeof got === 'function')) {
      return `[${label}] ${formatValue(ctx, got, recurseTimes + 1, indent + 2)}`
    }
    return `[${label}: ${formatPrimitive(got)}]`
  } catch (err) {
    return `[${label}: <Inspection threw (${err?.message})>]`
  }
}

function formatProperty(ctx, obj, key, recurseTimes, indent) {
  return `${formatKey(key)}: ${formatPropertyValue(ctx, obj, key, recurseTimes, indent)}`
}

function formatRaw(ctx, value, recurseTimes, indent) {
  const ctor = constructorName(value)
  let tag = value[Symbol.toStringTag]
  if (typeof tag !== 'string' || (tag !== '' && propertyIsEnumerable.call(value, Symbol.toStringTag))) tag = ''
  let keys
  let base = ''
  let braces
  const entries = [] // formatted entries that are not properties (elements, map entries, ...)
  let sortAll = true // whether entries are sorted together with the properties
  const ctxName = () => (ctor === null ? getPrefix(ctor, tag, 'Object').slice(0, -1) : `[${ctor || tag || 'Object'}]`)
  const exceeded = recurseTimes > ctx.depth

  if (Array.isArray(value)) {
    keys = ownKeys(value, true)
    const prefix = ctor !== 'Array' || tag !== '' ? getPrefix(ctor, tag, 'Array', `(${value.length})`) : ''
    braces = [`${prefix}[`, ']']
    if (value.length === 0 && keys.length === 0) return `${braces[0]}]`
    if (exceeded) return ctor === null ? ctxName() : `[${ctor || 'Array'}]`
    sortAll = false
    let holes = 0
    const flushHoles = () => {
      if (holes > 0) entries.push(`<${holes} empty item${holes > 1 ? 's' : ''}>`)
      holes = 0
    }
    for (let i = 0; i < value.length; i++) {
      if (!hasOwnProperty.call(value, i)) {
        holes++
        continue
      }
      flushHoles()
      entries.push(formatPropertyValue(ctx, value, String(i), recurseTimes, indent))
    }
    flushHoles()
  } else if (typeof value === 'function') {
    keys = ownKeys(value, false)
    base = formatFunctionBase(value, ctor)
    if (keys.length === 0) return base
    if (exceeded) return '[Function]'
    braces = ['{', '}']
  } else if (tryCall(typedArrayTag, value)?.value !== undefined) {
    const name = typedArrayTag.call(value)
    keys = ownKeys(value, true)
    const prefix = getPrefix(ctor, ctor === name ? '' : name, name, `(${value.length})`)
    braces = [`${prefix}[`, ']']
    if (value.length === 0 && keys.length === 0) return `${braces[0]}]`
    if (exceeded) return ctxName()
    sortAll = false
    for (let i = 0; i < value.length; i++) entries.push(formatPrimitive(value[i]))
  } else if (tryCall(setSizeGetter, value) !== undefined) {
    keys = ownKeys(value, false)
    braces = [`${getPrefix(ctor, tag, 'Set', `(${value.size})`)}{`, '}']
    if (value.size === 0 && keys.length === 0) return `${braces[0]}}`
    if (exceeded) return ctxName()
    for (const item of value) entries.push(formatValue(ctx, item, recurseTimes + 1, indent + 2))
  } else if (tryCall(mapSizeGetter, value) !== undefined) {
    keys = ownKeys(value, false)
    braces = [`${getPrefix(ctor, tag, 'Map', `(${value.size})`)}{`, '}']
    if (value.size === 0 && keys.length === 0) return `${braces[0]}}`
    if (exceeded) return ctxName()
    for (const [k, v] of value) {
      entries.push(
        `${formatValue(ctx, k, recurseTimes + 1, indent + 2)} => ${formatValue(ctx, v, recurseTimes + 1, indent + 2)}`
      )
    }
  } else {
    keys = ownKeys(value, false)
    const objectTag = objectToString.call(value)
    braces = ['{', '}']
    if (objectTag === '[object Arguments]') {
      braces[0] = '[Arguments] {'
    } else if (isRegExp(value)) {
      base = RegExp.prototype.toString.call(value)
      const prefix = getPrefix(ctor, tag, 'RegExp')
      if (prefix !== 'RegExp ') base = `${prefix}${base}`
      if (keys.length === 0) return base
    } else if (isDate(value)) {
      const time = Date.prototype.getTime.call(value)
      base = Number.isNaN(time) ? 'Invalid Date' : Date.prototype.toISOString.call(value)
      const prefix = getPrefix(ctor, tag, 'Date')
      if (prefix !== 'Date ') base = `${prefix}${base}`
      if (keys.length === 0) return base
    } else if (isError(value)) {
      const name = String(value.name ?? 'Error')
      const message = String(value.message ?? '')
      base = `[${message ? `${name}: ${message}` : name}]`
      if (ctor !== null && ctor !== name && !name.startsWith(ctor) && ctor !== 'Error') base += ` ${ctor}`
      for (const extra of ['cause', 'errors']) {
        if (hasOwnProperty.call(value, extra) && !propertyIsEnumerable.call(value, extra)) {
          entries.push(`[${extra}]: ${formatValue(ctx, value[extra], recurseTimes + 1, indent + 2)}`)
        }
      }
      if (keys.length === 0 && entries.length === 0) return base
    } else if (
      tryCall(arrayBufferLengthGetter, value) !== undefined ||
      tryCall(sharedArrayBufferLengthGetter, value) !== undefined
    ) {
      braces[0] = `${getPrefix(ctor, tag, objectTag.slice(8, -1))}{`
      if (exceeded) return ctxName()
      entries.push(`[Uint8Contents]: ${hexBytes(new Uint8Array(value))}`, `byteLength: ${value.byteLength}`)
    } else if (tryCall(dataViewLengthGetter, value) !== undefined) {
      braces[0] = `${getPrefix(ctor, tag, 'DataView')}{`
      if (exceeded) return ctxName()
      entries.push(
        `byteLength: ${value.byteLength}`,
        `byteOffset: ${value.byteOffset}`,
        `buffer: ${formatValue(ctx, value.buffer, recurseTimes + 1, indent + 2)}`
      )
    } else if (value instanceof Promise) {
      braces[0] = `${getPrefix(ctor, tag, 'Promise')}{`
      if (exceeded) return ctxName()
      entries.push('<unknown>')
    } else if (
      (typeof WeakMap === 'function' && tryCall(WeakMap.prototype.has, value) !== undefined) ||
      (typeof WeakSet === 'function' && tryCall(WeakSet.prototype.has, value) !== undefined)
    ) {
      braces[0] = `${getPrefix(ctor, tag, objectTag.slice(8, -1))}{`
      if (exceeded) return ctxName()
      entries.push('<items unknown>')
    } else {
      const boxed = unbox(value)
      if (boxed !== null) {
        base = `[${boxed.kind}`
        if (ctor !== boxed.kind) base += ctor === null ? ' (null prototype)' : ` (${ctor})`
        base += `: ${formatPrimitive(boxed.value)}]`
        if (boxed.kind === 'String') keys = keys.filter((key) => !isIndexKey(key))
        if (keys.length === 0) return base
      } else if (ctor === 'Object') {
        if (tag !== '') braces[0] = `${getPrefix(ctor, tag, 'Object')}{`
      } else {
        braces[0] = `${getPrefix(ctor, tag, 'Object')}{`
      }
    }
    if (keys.length === 0 && entries.length === 0) return `${braces[0]}}`
  }

  if (exceeded) return ctxName()
  const props = keys.map((key) => formatProperty(ctx, value, key, recurseTimes, indent))
  const output = sortAll ? entries.concat(props).sort() : entries.concat(props.sort())
  const pad = ' '.repeat(indent)
  return `${base ? `${base} ` : ''}${braces[0]}\n${pad}  ${output.join(`,\n${pad}  `)}\n${pad}${braces[1]}`
}

// What Node's assert uses to render values in its messages: every level, every key on
// its own line, keys sorted.
function inspectValue(value) {
  return formatValue({ seen: [], circular: new Map(), depth: 1000 }, value, 0, 0)
}

// util.inspect(value, { depth: -1 }): objects with contents shown as [Object], [Array], ...
function inspectShallow(value) {
  return formatValue({ seen: [], circular: new Map(), depth: -1 }, value, 0, 0)
}

// ---------------------------------------------------------------------------------
// Node's internal errors
// ---------------------------------------------------------------------------------

function nodeError(Ctor, code, message) {
  const err = new Ctor(message)
  err.code = code
  if (typeof Error.captureStackTrace === 'function') Error.captureStackTrace(err, nodeError)
  return err
}

// Node's rendering of a wrong argument after "Received".
function describeReceived(value) {
  if (value == null) return String(value)
  if (typeof value === 'function' && value.name) return `function ${value.name}`
  if (typeof value === 'object') {
    const name = value.constructor?.name
    if (name) return `an instance of ${name}`
    return inspectShallow(value)
  }
  let shown = typeof value === 'function' ? inspectShallow(value) : formatPrimitive(value)
  if (shown.length > 28) shown = `${shown.slice(0, 25)}...`
  return `type ${typeof value} (${shown})`
}

const kTypes = ['string', 'function', 'number', 'object', 'Function', 'Object', 'boolean', 'bigint', 'symbol']

function listWords(words, joiner) {
  if (words.length > 2) return `${words.slice(0, -1).join(', ')}, ${joiner} ${words[words.length - 1]}`
  return words.join(` ${joiner} `)
}

function invalidArgType(name, expected, actual) {
  const list = Array.isArray(expected) ? expected : [expected]
  const types = []
  const instances = []
  for (const entry of list) {
    if (kTypes.includes(entry)) types.push(entry.toLowerCase())
    else instances.push(entry)
  }
  if (instances.length > 0 && types.includes('object')) {
    types.splice(types.indexOf('object'), 1)
    instances.push('Object')
  }
  let msg = `The "${name}" ${name.includes('.') ? 'property' : 'argument'} must be `
  if (types.length > 0) {
    msg += types.length > 1 ? `one of type ${listWords(types, 'or')}` : `of type ${types[0]}`
    if (instances.length > 0) msg += ' or '
  }
  if (instances.length > 0) msg += `an instance of ${listWords(instances, 'or')}`
  msg += `. Received ${describeReceived(actual)}`
  return nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', msg)
}

// A value on one line, as util.inspect prints short values ("{ a: 1 }").
function inspectOneLine(value) {
  return inspectValue(value)
    .split('\n')
    .map((line, i) => (i === 0 ? line : line.trim()))
    .join(' ')
}

function invalidArgValue(name, value, reason) {
  let shown = inspectOneLine(value)
  if (shown.length > 128) shown = `${shown.slice(0, 128)}...`
  return nodeError(
    TypeError,
    'ERR_INVALID_ARG_VALUE',
    `The ${name.includes('.') ? 'property' : 'argument'} '${name}' ${reason}. Received ${shown}`
  )
}

function missingArgs(...names) {
  const quoted = names.map((name) => `"${name}"`)
  return nodeError(
    TypeError,
    'ERR_MISSING_ARGS',
    `The ${listWords(quoted, 'and')} argument${names.length > 1 ? 's' : ''} must be specified`
  )
}

function ambiguousArgument(name, reason) {
  return nodeError(TypeError, 'ERR_AMBIGUOUS_ARGUMENT', `The "${name}" argument is ambiguous. ${reason}`)
}

function invalidReturnValue(input, name, value) {
  return nodeError(
    TypeError,
    'ERR_INVALID_RETURN_VALUE',
    `Expected ${input} to be returned from the "${name}" function but got ${describeReceived(value)}.`
  )
}

// ---------------------------------------------------------------------------------
// AssertionError and its generated messages
// ---------------------------------------------------------------------------------

const kReadableOperator = {
  deepStrictEqual: 'Expected values to be strictly deep-equal:',
  strictEqual: 'Expected values to be strictly equal:',
  strictEqualObject: 'Expected "actual" to be reference-equal to "expected":',
  deepEqual: 'Expected values to be loosely deep-equal:',
  notDeepStrictEqual: 'Expected "actual" not to be strictly deep-equal to:',
  notStrictEqual: 'Expected "actual" to be strictly unequal to:',
  notStrictEqualObject: 'Expected "actual" not to be reference-equal to "expected":',
  notDeepEqual: 'Expected "actual" not to be loosely deep-equal to:',
  notIdentical: 'Values have same structure but are not reference-equal:',
  notDeepEqualUnequal: 'Expected values not to be loosely deep-equal:',
}

const kMaxShortLength = 12
const kMaxDiffLines = 50

function isObjectLike(value) {
  return typeof value === 'object' && value !== null
}

function withoutComma(line) {
  return line.endsWith(',') ? line.slice(0, -1) : line
}

// The operations turning `a` into `b`: [' ', line] kept, ['+', line] only in a,
// ['-', line] only in b. Lines differing only by a trailing comma count as equal.
function diffLines(a, b) {
  const same = (x, y) => x === y || withoutComma(x) === withoutComma(y)
  let start = 0
  while (start < a.length && start < b.length && same(a[start], b[start])) start++
  let endA = a.length
  let endB = b.length
  while (endA > start && endB > start && same(a[endA - 1], b[endB - 1])) {
    endA--
    endB--
  }
  const midA = a.slice(start, endA)
  const midB = b.slice(start, endB)
  const ops = []
  const keep = (line, other) => ops.push([' ', line.endsWith(',') || !other.endsWith(',') ? line : other])
  for (let i = 0; i < start; i++) keep(a[i], b[i])
  const n = midA.length
  const m = midB.length
  if (n * m > 4_000_000) {
    // Too large for a table: show the middle parts as replaced wholesale.
    for (const line of midA) ops.push(['+', line])
    for (const line of midB) ops.push(['-', line])
  } else {
    // lcs[i * width + j]: length of the longest common subsequence of midA[i..], midB[j..].
    const width = m + 1
    const lcs = new Uint32Array((n + 1) * width)
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        lcs[i * width + j] = same(midA[i], midB[j])
          ? lcs[(i + 1) * width + j + 1] + 1
          : Math.max(lcs[(i + 1) * width + j], lcs[i * width + j + 1])
      }
    }
    let i = 0
    let j = 0
    let plus = []
    let minus = []
    const flush = () => {
      for (const line of plus) ops.push(['+', line])
      for (const line of minus) ops.push(['-', line])
      plus = []
      minus = []
    }
    while (i < n || j < m) {
      if (i < n && j < m && same(midA[i], midB[j])) {
        flush()
        keep(midA[i], midB[j])
        i++
        j++
      } else if (j >= m || (i < n && lcs[(i + 1) * width + j] >= lcs[i * width + j + 1])) {
        plus.push(midA[i++])
      } else {
        minus.push(midB[j++])
      }
    }
    flush()
  }
  for (let i = endA; i < a.length; i++) keep(a[i], b[i - endA + endB])
  return ops
}

// `title` (a custom message) replaces the operator's heading line.
function createErrDiff(actual, expected, operator, title) {
  const actualLines = inspectValue(actual).split('\n')
  const expectedLines = inspectValue(expected).split('\n')
  let indicator = ''
  if (
    operator === 'strictEqual' &&
    ((isObjectLike(actual) && isObjectLike(expected)) ||
      (typeof actual === 'function' && typeof expected === 'function'))
  ) {
    operator = 'strictEqualObject'
  }
  const heading = title ?? kReadableOperator[operator]

  if (actualLines.length === 1 && expectedLines.length === 1 && actualLines[0] !== expectedLines[0]) {
    const inputLength = actualLines[0].length + expectedLines[0].length
    if (inputLength <= kMaxShortLength) {
      if (!isObjectLike(actual) && !isObjectLike(expected) && (actual !== 0 || expected !== 0)) {
        return `${heading}\n\n${actualLines[0]} !== ${expectedLines[0]}\n`
      }
    } else if (operator !== 'strictEqualObject' && inputLength < 80) {
      // Point at the first differing character of two short one-liners.
      let i = 0
      while (actualLines[0][i] === expectedLines[0][i]) i++
      if (i > 2) indicator = `\n  ${' '.repeat(i)}^`
    }
  }

  const ops = diffLines(actualLines, expectedLines)
  if (ops.every(([kind]) => kind === ' ')) {
    let lines = actualLines
    if (lines.length > kMaxDiffLines) lines = [...lines.slice(0, 46), '...']
    return `${kReadableOperator.notIdentical}\n\n${lines.join('\n')}\n`
  }

  // Fold long stretches of equal lines: keep the two lines at each end of a stretch,
  // replace the rest by "...".
  const out = []
  let skipped = false
  let k = 0
  while (k < ops.length) {
    if (ops[k][0] !== ' ') {
      out.push(`${ops[k][0]} ${ops[k][1]}`)
      k++
      continue
    }
    let end = k
    while (end < ops.length && ops[end][0] === ' ') end++
    const run = ops.slice(k, end).map(([, line]) => `  ${line}`)
    if (run.length > 5) {
      out.push(run[0], run[1], '...', run[run.length - 2], run[run.length - 1])
      skipped = true
    } else {
      out.push(...run)
    }
    k = end
  }
  let body = out
  if (body.length > kMaxDiffLines) {
    body = [...body.slice(0, kMaxDiffLines), '...']
    skipped = true
  }
  const header = `${heading}\n+ actual - expected${skipped ? ' ... Lines skipped' : ''}`
  return `${header}\n\n${body.join('\n')}${indicator}`
}

function generateMessage(actual, expected, operator) {
  if (operator === 'notDeepStrictEqual' || operator === 'notStrictEqual') {
    let base = kReadableOperator[operator]
    let lines = inspectValue(actual).split('\n')
    if (operator === 'notStrictEqual' && (isObjectLike(actual) || typeof actual === 'function')) {
      base = kReadableOperator.notStrictEqualObject
    }
    if (lines.length > kMaxDiffLines) lines = [...lines.slice(0, 46), '...']
    if (lines.length === 1) return `${base}${lines[0].length > 5 ? '\n\n' : ' '}${lines[0]}`
    return `${base}\n\n${lines.join('\n')}\n`
  }
  let res = inspectValue(actual)
  let other = inspectValue(expected)
  const known = kReadableOperator[operator]
  if (operator === 'notDeepEqual' && res === other) {
    res = `${known}\n\n${res}`
    if (res.length > 1024) res = `${res.slice(0, 1021)}...`
    return res
  }
  if (res.length > 512) res = `${res.slice(0, 509)}...`
  if (other.length > 512) other = `${other.slice(0, 509)}...`
  if (operator === 'deepEqual') {
    res = `${known}\n\n${res}\n\nshould loosely deep-equal\n\n`
  } else {
    const unequal = kReadableOperator[`${operator}Unequal`]
    if (unequal) res = `${unequal}\n\n${res}\n\nshould not loosely deep-equal\n\n`
    else other = ` ${operator} ${other}`
  }
  return `${res}${other}`
}

export class AssertionError extends Error {
  constructor(options) {
    if (options === null || typeof options !== 'object' || Array.isArray(options)) {
      throw invalidArgType('options', 'Object', options)
    }
    const { message, operator, stackStartFn, actual, expected, details } = options
    let text
    if (operator === 'strictEqual' || operator === 'deepStrictEqual') {
      // As Node 20.20: a custom message replaces only the heading of the diff.
      text = createErrDiff(actual, expected, operator, message != null && message !== '' ? String(message) : undefined)
    } else {
      text = message != null ? String(message) : generateMessage(actual, expected, operator)
    }
    super(text)
    this.generatedMessage = !message
    // The stack's first line reads "AssertionError [ERR_ASSERTION]: ...", as in Node.
    Object.defineProperty(this, 'name', {
      value: 'AssertionError [ERR_ASSERTION]',
      enumerable: false,
      writable: true,
      configurable: true,
    })
    this.code = 'ERR_ASSERTION'
    if (Array.isArray(details)) {
      // CallTracker.verify(): one set of numbered properties per failed expectation.
      this.actual = undefined
      this.expected = undefined
      this.operator = undefined
      details.forEach((detail, i) => {
        this[`message ${i}`] = detail.message
        this[`actual ${i}`] = detail.actual
        this[`expected ${i}`] = detail.expected
        this[`operator ${i}`] = detail.operator
        this[`stack trace ${i}`] = detail.stack
      })
    } else {
      this.actual = actual
      this.expected = expected
      this.operator = operator
    }
    if (typeof Error.captureStackTrace === 'function') {
      Error.captureStackTrace(this, typeof stackStartFn === 'function' ? stackStartFn : AssertionError)
    }
    void this.stack
    this.name = 'AssertionError'
  }

  toString() {
    return `${this.name} [${this.code}]: ${this.message}`
  }
}

function innerFail(obj) {
  if (obj.message instanceof Error) throw obj.message
  throw new AssertionError(obj)
}

// ---------------------------------------------------------------------------------
// The assertions
// ---------------------------------------------------------------------------------

function innerOk(fn, argLen, value, message) {
  if (value) return
  let generatedMessage = false
  if (argLen === 0) {
    generatedMessage = true
    message = 'No value argument passed to `assert.ok()`'
  } else if (message == null) {
    generatedMessage = true
    // Node quotes the call's source text here; we cannot, so we show the value.
    message = `The expression evaluated to a falsy value:\n\n  assert.ok(${inspectValue(value)})\n`
  } else if (message instanceof Error) {
    throw message
  }
  const err = new AssertionError({ actual: value, expected: true, message, operator: '==', stackStartFn: fn })
  err.generatedMessage = generatedMessage
  throw err
}

// `assert(value[, message])` and `assert.ok(value[, message])`: the same function.
export function ok(...args) {
  innerOk(ok, args.length, ...args)
}
const assert = ok

let failWarned = false

export function fail(actual, expected, message, operator, stackStartFn) {
  const argsLen = arguments.length
  let internalMessage = false
  if (actual == null && argsLen <= 1) {
    internalMessage = true
    message = 'Failed'
  } else if (argsLen === 1) {
    message = actual
    actual = undefined
  } else {
    if (!failWarned) {
      failWarned = true
      if (typeof process !== 'undefined' && typeof process.emitWarning === 'function') {
        process.emitWarning(
          'assert.fail() with more than one argument is deprecated. ' +
            'Please use assert.strictEqual() instead or only pass a message.',
          'DeprecationWarning',
          'DEP0094'
        )
      }
    }
    if (argsLen === 2) operator = '!='
  }
  if (message instanceof Error) throw message
  const err = new AssertionError({
    actual,
    expected,
    operator: operator === undefined ? 'fail' : operator,
    stackStartFn: stackStartFn || fail,
    message,
  })
  if (internalMessage) err.generatedMessage = true
  throw err
}

export function equal(actual, expected, message) {
  if (arguments.length < 2) throw missingArgs('actual', 'expected')
  // eslint-disable-next-line eqeqeq
  if (actual != expected && (!Number.isNaN(actual) || !Number.isNaN(expected))) {
    innerFail({ actual, expected, message, operator: '==', stackStartFn: equal })
  }
}

export function notEqual(actual, expected, message) {
  if (arguments.length < 2) throw missingArgs('actual', 'expected')
  // eslint-disable-next-line eqeqeq
  if (actual == expected || (Number.isNaN(actual) && Number.isNaN(expected))) {
    innerFail({ actual, expected, message, operator: '!=', stackStartFn: notEqual })
  }
}

export function deepEqual(actual, expected, message) {
  if (arguments.length < 2) throw missingArgs('actual', 'expected')
  if (!isDeepEqual(actual, expected)) {
    innerFail({ actual, expected, message, operator: 'deepEqual', stackStartFn: deepEqual })
  }
}

export function notDeepEqual(actual, expected, message) {
  if (arguments.length < 2) throw missingArgs('actual', 'expected')
  if (isDeepEqual(actual, expected)) {
    innerFail({ actual, expected, message, operator: 'notDeepEqual', stackStartFn: notDeepEqual })
  }
}

export function deepStrictEqual(actual, expected, message) {
  if (arguments.length < 2) throw missingArgs('actual', 'expected')
  if (!isDeepStrictEqual(actual, expected)) {
    innerFail({ actual, expected, message, operator: 'deepStrictEqual', stackStartFn: deepStrictEqual })
  }
}

export function notDeepStrictEqual(actual, expected, message) {
  if (arguments.length < 2) throw missingArgs('actual', 'expected')
  if (isDeepStrictEqual(actual, expected)) {
    innerFail({ actual, expected, message, operator: 'notDeepStrictEqual', stackStartFn: notDeepStrictEqual })
  }
}

export function strictEqual(actual, expected, message) {
  if (arguments.length < 2) throw missingArgs('actual', 'expected')
  if (!Object.is(actual, expected)) {
    innerFail({ actual, expected, message, operator: 'strictEqual', stackStartFn: strictEqual })
  }
}

export function notStrictEqual(actual, expected, message) {
  if (arguments.length < 2) throw missingArgs('actual', 'expected')
  if (Object.is(actual, expected)) {
    innerFail({ actual, expected, message, operator: 'notStrictEqual', stackStartFn: notStrictEqual })
  }
}

// Stand-in for "nothing was thrown" (anything, undefined included, can be thrown).
const NO_EXCEPTION = {}

// The object shown in the diff when an error does not match a validation object: the
// compared keys only, and strings matched by a RegExp shown as the matched string.
class Comparison {
  constructor(obj, keys, actual) {
    for (const key of keys) {
      if (key in obj) {
        if (
          actual !== undefined &&
          typeof actual[key] === 'string' &&
          isRegExp(obj[key]) &&
          obj[key].exec(actual[key]) !== null
        ) {
          this[key] = actual[key]
        } else {
          this[key] = obj[key]
        }
      }
    }
  }
}

function compareExceptionKey(actual, expected, key, message, keys, fn) {
  if (!(key in actual) || !isDeepStrictEqual(actual[key], expected[key])) {
    if (!message) {
      const a = new Comparison(actual, keys)
      const b = new Comparison(expected, keys, actual)
      const err = new AssertionError({ actual: a, expected: b, operator: 'deepStrictEqual', stackStartFn: fn })
      err.actual = actual
      err.expected = expected
      err.operator = fn.name
      throw err
    }
    innerFail({ actual, expected, message, operator: fn.name, stackStartFn: fn })
  }
}

function isErrorSubclass(fn) {
  return Object.prototype.isPrototypeOf.call(Error, fn)
}

// Checks a caught error against the `error` argument of throws/rejects.
function expectedException(actual, expected, message, fn) {
  let generatedMessage = false
  if (typeof expected !== 'function') {
    if (isRegExp(expected)) {
      const str = String(actual)
      if (expected.exec(str) !== null) return
      if (!message) {
        generatedMessage = true
        message =
          `The input did not match the regular expression ${inspectValue(expected)}. ` +
          `Input:\n\n${inspectValue(str)}\n`
      }
    } else if (!isObjectLike(actual)) {
      const err = new AssertionError({ actual, expected, message, operator: 'deepStrictEqual', stackStartFn: fn })
      err.operator = fn.name
      throw err
    } else {
      // A validation object: every own key must match deeply (RegExp values may match
      // string properties); an Error instance also compares name and message.
      const keys = Object.keys(expected)
      if (expected instanceof Error) keys.push('name', 'message')
      else if (keys.length === 0) throw invalidArgValue('error', expected, 'may not be an empty object')
      for (const key of keys) {
        if (typeof actual[key] === 'string' && isRegExp(expected[key]) && expected[key].exec(actual[key]) !== null) {
          continue
        }
        compareExceptionKey(actual, expected, key, message, keys, fn)
      }
      return
    }
  } else if (expected.prototype !== undefined && actual instanceof expected) {
    return
  } else if (isErrorSubclass(expected)) {
    if (!message) {
      generatedMessage = true
      message = `The error is expected to be an instance of "${expected.name}". Received `
      if (isError(actual)) {
        const name = actual.constructor?.name || actual.name
        if (expected.name === name) message += 'an error with identical name but a different prototype.'
        else message += `"${name}"`
        if (actual.message) message += `\n\nError message:\n\n${actual.message}`
      } else {
        message += `"${inspectShallow(actual)}"`
      }
    }
  } else {
    // A validation function: must return exactly true.
    const res = Reflect.apply(expected, {}, [actual])
    if (res === true) return
    if (!message) {
      generatedMessage = true
      const name = expected.name ? `"${expected.name}" ` : ''
      message = `The ${name}validation function is expected to return "true". Received ${inspectValue(res)}`
      if (isError(actual)) message += `\n\nCaught error:\n\n${actual}`
    }
  }
  const err = new AssertionError({ actual, expected, message, operator: fn.name, stackStartFn: fn })
  err.generatedMessage = generatedMessage
  throw err
}

function getActual(fn) {
  if (typeof fn !== 'function') throw invalidArgType('fn', 'Function', fn)
  try {
    fn()
  } catch (e) {
    return e
  }
  return NO_EXCEPTION
}

async function waitForActual(promiseFn) {
  let resultPromise
  if (typeof promiseFn === 'function') {
    resultPromise = promiseFn()
    if (!isPromiseLike(resultPromise)) throw invalidReturnValue('instance of Promise', 'promiseFn', resultPromise)
  } else if (isPromiseLike(promiseFn)) {
    resultPromise = promiseFn
  } else {
    throw invalidArgType('promiseFn', ['Function', 'Promise'], promiseFn)
  }
  try {
    await resultPromise
  } catch (e) {
    return e
  }
  return NO_EXCEPTION
}

function expectsError(stackStartFn, actual, error, message) {
  if (typeof error === 'string') {
    if (arguments.length === 4) throw invalidArgType('error', ['Object', 'Error', 'Function', 'RegExp'], error)
    if (isObjectLike(actual)) {
      if (actual.message === error) {
        throw ambiguousArgument('error/message', `The error message "${actual.message}" is identical to the message.`)
      }
    } else if (actual === error) {
      throw ambiguousArgument('error/message', `The error "${actual}" is identical to the message.`)
    }
    message = error
    error = undefined
  } else if (error != null && typeof error !== 'object' && typeof error !== 'function') {
    throw invalidArgType('error', ['Object', 'Error', 'Function', 'RegExp'], error)
  }

  if (actual === NO_EXCEPTION) {
    let details = ''
    if (error && error.name) details += ` (${error.name})`
    details += message ? `: ${message}` : '.'
    const kind = stackStartFn === rejects ? 'rejection' : 'exception'
    innerFail({
      actual: undefined,
      expected: error,
      operator: stackStartFn.name,
      message: `Missing expected ${kind}${details}`,
      stackStartFn,
    })
  }
  if (!error) return
  expectedException(actual, error, message, stackStartFn)
}

function hasMatchingError(actual, expected) {
  if (typeof expected !== 'function') {
    if (isRegExp(expected)) return expected.exec(String(actual)) !== null
    throw invalidArgType('expected', ['Function', 'RegExp'], expected)
  }
  if (expected.prototype !== undefined && actual instanceof expected) return true
  if (isErrorSubclass(expected)) return false
  return Reflect.apply(expected, {}, [actual]) === true
}

function expectsNoError(stackStartFn, actual, error, message) {
  if (actual === NO_EXCEPTION) return
  if (typeof error === 'string') {
    message = error
    error = undefined
  }
  if (!error || hasMatchingError(actual, error)) {
    const details = message ? `: ${message}` : '.'
    const kind = stackStartFn === doesNotReject ? 'rejection' : 'exception'
    innerFail({
      actual,
      expected: error,
      operator: stackStartFn.name,
      message: `Got unwanted ${kind}${details}\nActual message: "${actual?.message}"`,
      stackStartFn,
    })
  }
  throw actual
}

export function throws(promiseFn, ...args) {
  expectsError(throws, getActual(promiseFn), ...args)
}

export async function rejects(promiseFn, ...args) {
  expectsError(rejects, await waitForActual(promiseFn), ...args)
}

export function doesNotThrow(fn, ...args) {
  expectsNoError(doesNotThrow, getActual(fn), ...args)
}

export async function doesNotReject(fn, ...args) {
  expectsNoError(doesNotReject, await waitForActual(fn), ...args)
}

export function ifError(err) {
  if (err === null || err === undefined) return
  let message = 'ifError got unwanted exception: '
  if (typeof err === 'object' && typeof err.message === 'string') {
    if (err.message.length === 0 && err.constructor) message += err.constructor.name
    else message += err.message
  } else {
    message += inspectValue(err)
  }
  throw new AssertionError({ actual: err, expected: null, operator: 'ifError', message, stackStartFn: ifError })
}

function internalMatch(string, regexp, message, fn) {
  if (!isRegExp(regexp)) throw invalidArgType('regexp', 'RegExp', regexp)
  const wantMatch = fn === match
  if (typeof string !== 'string' || (regexp.exec(string) !== null) !== wantMatch) {
    if (message instanceof Error) throw message
    const generatedMessage = !message
    if (!message) {
      if (typeof string !== 'string') {
        message =
          'The "string" argument must be of type string. Received type ' +
          `${typeof string} (${inspectValue(string)})`
      } else {
        message =
          (wantMatch
            ? 'The input did not match the regular expression '
            : 'The input was expected to not match the regular expression ') +
          `${inspectValue(regexp)}. Input:\n\n${inspectValue(string)}\n`
      }
    }
    const err = new AssertionError({ actual: string, expected: regexp, message, operator: fn.name, stackStartFn: fn })
    err.generatedMessage = generatedMessage
    throw err
  }
}

export function match(string, regexp, message) {
  internalMatch(string, regexp, message, match)
}

export function doesNotMatch(string, regexp, message) {
  internalMatch(string, regexp, message, doesNotMatch)
}

// assert.CallTracker (deprecated in Node 20, kept for code that still uses it).
export class CallTracker {
  #tracked = new Map() // wrapper -> { name, expected, calls, stackTrace }

  calls(fn, exact = 1) {
    if (typeof fn === 'number') {
      exact = fn
      fn = () => {}
    } else if (fn === undefined) {
      fn = () => {}
    }
    if (typeof fn !== 'function') throw invalidArgType('fn', 'Function', fn)
    const context = { name: fn.name || 'calls', expected: exact, calls: [], stackTrace: new Error() }
    const wrapper = function (...args) {
      context.calls.push({ thisArg: this, arguments: args })
      return new.target ? Reflect.construct(fn, args, new.target) : Reflect.apply(fn, this, args)
    }
    Object.defineProperty(wrapper, 'length', { value: fn.length })
    Object.defineProperty(wrapper, 'name', { value: fn.name })
    this.#tracked.set(wrapper, context)
    return wrapper
  }

  #context(fn) {
    const context = this.#tracked.get(fn)
    if (context === undefined) throw invalidArgValue('tracked', fn, 'is not a tracked function')
    return context
  }

  getCalls(fn) {
    return this.#context(fn).calls.map(({ thisArg, arguments: args }) => ({ thisArg, arguments: args }))
  }

  reset(fn) {
    if (fn === undefined) {
      for (const context of this.#tracked.values()) context.calls = []
    } else {
      this.#context(fn).calls = []
    }
  }

  report() {
    const errors = []
    for (const context of this.#tracked.values()) {
      if (context.calls.length !== context.expected) {
        errors.push({
          message:
            `Expected the ${context.name} function to be executed ${context.expected} time(s) but was ` +
            `executed ${context.calls.length} time(s).`,
          actual: context.calls.length,
          expected: context.expected,
          operator: context.name,
          stack: context.stackTrace,
        })
      }
    }
    return errors
  }

  verify() {
    const errors = this.report()
    if (errors.length === 0) return
    const message = errors.length === 1 ? errors[0].message : 'Functions were not called the expected number of times'
    throw new AssertionError({ message, details: errors, stackStartFn: this.verify })
  }
}

// The strict variant: `assert.strict` / `assert/strict`, where equal is strictEqual,
// deepEqual is deepStrictEqual and so on.
export function strict(...args) {
  innerOk(strict, args.length, ...args)
}

Object.assign(assert, {
  fail,
  AssertionError,
  ok,
  equal,
  notEqual,
  deepEqual,
  notDeepEqual,
  deepStrictEqual,
  notDeepStrictEqual,
  strictEqual,
  notStrictEqual,
  throws,
  rejects,
  doesNotThrow,
  doesNotReject,
  ifError,
  match,
  doesNotMatch,
  CallTracker,
})

Object.assign(strict, assert, {
  equal: strictEqual,
  deepEqual: deepStrictEqual,
  notEqual: notStrictEqual,
  notDeepEqual: notDeepStrictEqual,
})
assert.strict = strict
strict.strict = strict

export default assert
