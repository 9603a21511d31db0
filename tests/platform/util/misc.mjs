// util.types, styleText, stripVTControlCharacters, toUSVString, getSystemErrorName and
// aborted, as in Node 20.
import { test } from '../harness.mjs'
import assert from 'node:assert'
import util, { types, styleText, stripVTControlCharacters, toUSVString, getSystemErrorName, aborted } from 'node:util'

const args = (function () {
  return arguments
})()

test('types: Date, RegExp, Map, Set, WeakMap, WeakSet, Promise', () => {
  assert.strictEqual(types.isDate(new Date()), true)
  assert.strictEqual(types.isDate(Object.create(Date.prototype)), false)
  assert.strictEqual(types.isRegExp(/x/), true)
  assert.strictEqual(types.isRegExp({ [Symbol.toStringTag]: 'RegExp' }), false)
  assert.strictEqual(types.isMap(new Map()), true)
  assert.strictEqual(types.isMap(new Set()), false)
  assert.strictEqual(types.isSet(new Set()), true)
  assert.strictEqual(types.isWeakMap(new WeakMap()), true)
  assert.strictEqual(types.isWeakSet(new WeakSet()), true)
  assert.strictEqual(types.isWeakSet(new WeakMap()), false)
  assert.strictEqual(types.isPromise(Promise.resolve()), true)
  assert.strictEqual(types.isPromise({ then() {} }), false)
})
test('types: buffers and views', () => {
  assert.strictEqual(types.isTypedArray(new Uint8Array()), true)
  assert.strictEqual(types.isTypedArray(new DataView(new ArrayBuffer(1))), false)
  assert.strictEqual(types.isTypedArray([]), false)
  assert.strictEqual(types.isUint8Array(new Uint8Array()), true)
  assert.strictEqual(types.isUint8Array(Buffer.alloc(1)), true)
  assert.strictEqual(types.isUint8Array(new Int8Array()), false)
  assert.strictEqual(types.isArrayBuffer(new ArrayBuffer(1)), true)
  assert.strictEqual(types.isArrayBuffer(new Uint8Array(1)), false)
  assert.strictEqual(types.isAnyArrayBuffer(new ArrayBuffer(1)), true)
  assert.strictEqual(types.isDataView(new DataView(new ArrayBuffer(1))), true)
  assert.strictEqual(types.isDataView(new Uint8Array(1)), false)
  assert.strictEqual(types.isFloat64Array(new Float64Array()), true)
  assert.strictEqual(types.isBigInt64Array(new BigInt64Array()), true)
  assert.strictEqual(types.isArrayBufferView(new DataView(new ArrayBuffer(1))), true)
})
test('types: functions and generators', () => {
  assert.strictEqual(types.isAsyncFunction(async () => {}), true)
  assert.strictEqual(types.isAsyncFunction(async function* () {}), true)
  assert.strictEqual(types.isAsyncFunction(() => {}), false)
  assert.strictEqual(types.isGeneratorFunction(function* () {}), true)
  assert.strictEqual(types.isGeneratorFunction(async function* () {}), true)
  assert.strictEqual(types.isGeneratorFunction(function () {}), false)
  assert.strictEqual(types.isGeneratorObject((function* () {})()), true)
  assert.strictEqual(types.isGeneratorObject((async function* () {})()), true)
  assert.strictEqual(types.isGeneratorObject({ next() {} }), false)
})
test('types: boxed primitives', () => {
  assert.strictEqual(types.isBoxedPrimitive(Object(1)), true)
  assert.strictEqual(types.isBoxedPrimitive(1), false)
  assert.strictEqual(types.isNumberObject(new Number(1)), true)
  assert.strictEqual(types.isNumberObject(1), false)
  assert.strictEqual(types.isStringObject(new String('')), true)
  assert.strictEqual(types.isBooleanObject(new Boolean(false)), true)
  assert.strictEqual(types.isBigIntObject(Object(1n)), true)
  assert.strictEqual(types.isSymbolObject(Object(Symbol())), true)
  assert.strictEqual(types.isSymbolObject(Symbol()), false)
})
test('types: errors, arguments, iterators, namespaces, proxies', async () => {
  assert.strictEqual(types.isNativeError(new TypeError()), true)
  assert.strictEqual(types.isNativeError(new (class E extends Error {})()), true)
  assert.strictEqual(types.isNativeError({ name: 'Error', message: '' }), false)
  assert.strictEqual(types.isArgumentsObject(args), true)
  assert.strictEqual(types.isArgumentsObject([]), false)
  assert.strictEqual(types.isMapIterator(new Map().keys()), true)
  assert.strictEqual(types.isMapIterator(new Set().keys()), false)
  assert.strictEqual(types.isSetIterator(new Set().values()), true)
  assert.strictEqual(types.isModuleNamespaceObject(await import('../harness.mjs')), true)
  assert.strictEqual(types.isModuleNamespaceObject({}), false)
  assert.strictEqual(types.isProxy({}), false)
  assert.strictEqual(util.types, types)
})
test('styleText with validateStream: false', () => {
  assert.strictEqual(styleText('red', 'x', { validateStream: false }), '\u001b[31mx\u001b[39m')
  assert.strictEqual(styleText('grey', 'x', { validateStream: false }), '\u001b[90mx\u001b[39m')
  assert.strictEqual(styleText(['bold', 'italic'], 'x', { validateStream: false }), '\u001b[1m\u001b[3mx\u001b[23m\u001b[22m')
  assert.strictEqual(styleText(['red'], 'x'), '\u001b[31mx\u001b[39m')
})
test('styleText validates the format and the text', () => {
  assert.throws(() => styleText('nope', 'x'), (error) => {
    assert.strictEqual(error.name, 'TypeError')
    assert.strictEqual(error.code, 'ERR_INVALID_ARG_VALUE')
    assert.ok(error.message.startsWith("The argument 'format' must be one of: 'reset', 'bold', 'dim', 'italic',"), error.message)
    assert.ok(error.message.endsWith("'bgWhiteBright'. Received 'nope'"), error.message)
    return true
  })
  assert.throws(() => styleText('red', 1), {
    code: 'ERR_INVALID_ARG_TYPE',
    message: 'The "text" argument must be of type string. Received type number (1)',
  })
  assert.throws(() => styleText('red', 'x', { validateStream: 1 }), { code: 'ERR_INVALID_ARG_TYPE' })
  assert.throws(() => styleText('red', 'x', { stream: {} }), {
    code: 'ERR_INVALID_ARG_TYPE',
    message: 'The "stream" argument must be an instance of ReadableStream, WritableStream, or Stream. Received an instance of Object',
  })
})
test('stripVTControlCharacters removes ANSI sequences', () => {
  assert.strictEqual(stripVTControlCharacters('\u001b[31mred\u001b[39m \u001b[1mbold\u001b[22m'), 'red bold')
  assert.strictEqual(stripVTControlCharacters('\u001b]8;;http://x\u0007link\u001b]8;;\u0007'), 'link')
  assert.strictEqual(stripVTControlCharacters('plain'), 'plain')
  assert.throws(() => stripVTControlCharacters(1), {
    code: 'ERR_INVALID_ARG_TYPE',
    message: 'The "str" argument must be of type string. Received type number (1)',
  })
})
test('toUSVString replaces lone surrogates', () => {
  assert.strictEqual(toUSVString('a\ud800b'), 'a\ufffdb')
  assert.strictEqual(toUSVString('\udc00'), '\ufffd')
  assert.strictEqual(toUSVString('ok \ud83d\ude00'), 'ok \ud83d\ude00')
})
test('getSystemErrorName', () => {
  assert.strictEqual(getSystemErrorName(-2), 'ENOENT')
  assert.strictEqual(getSystemErrorName(-13), 'EACCES')
  assert.strictEqual(getSystemErrorName(-98), 'EADDRINUSE')
  assert.strictEqual(getSystemErrorName(-111), 'ECONNREFUSED')
  assert.strictEqual(getSystemErrorName(-3008), 'EAI_NONAME')
  assert.strictEqual(getSystemErrorName(-4095), 'EOF')
  assert.strictEqual(getSystemErrorName(-99999), 'Unknown system error -99999')
})
test('getSystemErrorName validates', () => {
  assert.throws(() => getSystemErrorName(2), {
    name: 'RangeError',
    code: 'ERR_OUT_OF_RANGE',
    message: 'The value of "err" is out of range. It must be a negative integer. Received 2',
  })
  assert.throws(() => getSystemErrorName('x'), {
    code: 'ERR_INVALID_ARG_TYPE',
    message: `The "err" argument must be of type number. Received type string ('x')`,
  })
})
test('aborted resolves when the signal aborts', async () => {
  const controller = new AbortController()
  let done = false
  const pending = aborted(controller.signal, {}).then(() => {
    done = true
  })
  await Promise.resolve()
  assert.strictEqual(done, false)
  controller.abort()
  await pending
  assert.strictEqual(done, true)
  assert.strictEqual(await aborted(AbortSignal.abort(), {}), undefined)
})
test('aborted validates (as rejections)', async () => {
  await assert.rejects(aborted(undefined, {}), {
    code: 'ERR_INVALID_ARG_TYPE',
    message: 'The "signal" argument must be an instance of AbortSignal. Received undefined',
  })
  await assert.rejects(aborted(new AbortController().signal, 1), {
    code: 'ERR_INVALID_ARG_TYPE',
    message: 'The "resource" argument must be of type object. Received type number (1)',
  })
})
