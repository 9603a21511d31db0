// util.parseArgs as Node 20 documents it: options, short groups, inline values,
// positionals, defaults, multiple, tokens, strict mode and its error codes.
import { test } from '../harness.mjs'
import assert from 'node:assert'
import { parseArgs } from 'node:util'

const parse = (config) => {
  const result = parseArgs(config)
  // `values` has a null prototype; compare it as a plain object.
  return { ...result, values: { ...result.values } }
}

test('booleans and strings, long and short', () => {
  const options = { force: { type: 'boolean', short: 'f' }, out: { type: 'string', short: 'o' } }
  assert.deepStrictEqual(parse({ args: ['-f', '--out', 'a.txt'], options }), { values: { force: true, out: 'a.txt' }, positionals: [] })
  assert.deepStrictEqual(parse({ args: ['--force', '-o', 'b'], options }).values, { force: true, out: 'b' })
})
test('values has a null prototype', () => {
  assert.strictEqual(Object.getPrototypeOf(parseArgs({ args: [], options: {} }).values), null)
})
test('inline values: --name=value, -nVALUE, --name= (empty)', () => {
  const options = { bar: { type: 'string', short: 'b' } }
  assert.strictEqual(parse({ args: ['--bar=x=y'], options }).values.bar, 'x=y')
  assert.strictEqual(parse({ args: ['-bVAL'], options }).values.bar, 'VAL')
  assert.strictEqual(parse({ args: ['--bar='], options }).values.bar, '')
  assert.strictEqual(parse({ args: ['--bar=-x'], options }).values.bar, '-x')
})
test('short option groups, with a string option taking the rest', () => {
  const options = { a: { type: 'boolean' }, b: { type: 'boolean' }, f: { type: 'string' } }
  assert.deepStrictEqual(parse({ args: ['-ab'], options }).values, { a: true, b: true })
  assert.deepStrictEqual(parse({ args: ['-abfFILE'], options }).values, { a: true, b: true, f: 'FILE' })
  assert.deepStrictEqual(parse({ args: ['-abf', 'FILE'], options }).values, { a: true, b: true, f: 'FILE' })
})
test('positionals when allowed, and after --', () => {
  assert.deepStrictEqual(parse({ args: ['a', '-', 'b'], allowPositionals: true }).positionals, ['a', '-', 'b'])
  const result = parse({ args: ['--', '--not-an-option', 'x'], allowPositionals: true })
  assert.deepStrictEqual(result.positionals, ['--not-an-option', 'x'])
  assert.deepStrictEqual(result.values, {})
})
test('multiple collects every occurrence, booleans too', () => {
  const options = { inc: { type: 'string', short: 'i', multiple: true }, v: { type: 'boolean', multiple: true } }
  assert.deepStrictEqual(parse({ args: ['-i', 'a', '--inc', 'b', '-v', '-v'], options }).values, { inc: ['a', 'b'], v: [true, true] })
})
test('defaults fill missing options only', () => {
  const options = { a: { type: 'string', default: 'x' }, b: { type: 'boolean', default: false }, c: { type: 'string', multiple: true, default: ['y'] } }
  assert.deepStrictEqual(parse({ args: [], options }).values, { a: 'x', b: false, c: ['y'] })
  assert.deepStrictEqual(parse({ args: ['--a', 'given', '--b'], options }).values, { a: 'given', b: true, c: ['y'] })
})
test('tokens describe every argument', () => {
  const options = { a: { type: 'boolean' }, b: { type: 'boolean' }, c: { type: 'string' }, x: { type: 'string' } }
  const { tokens } = parseArgs({ args: ['-abc', 'val', '--x=1', '--', '-p'], options, tokens: true, allowPositionals: true })
  assert.deepStrictEqual(tokens, [
    { kind: 'option', name: 'a', rawName: '-a', index: 0, value: undefined, inlineValue: undefined },
    { kind: 'option', name: 'b', rawName: '-b', index: 0, value: undefined, inlineValue: undefined },
    { kind: 'option', name: 'c', rawName: '-c', index: 0, value: 'val', inlineValue: false },
    { kind: 'option', name: 'x', rawName: '--x', index: 2, value: '1', inlineValue: true },
    { kind: 'option-terminator', index: 3 },
    { kind: 'positional', index: 4, value: '-p' },
  ])
  assert.strictEqual('tokens' in parseArgs({ args: [] }), false)
})
test('non-strict mode keeps unknown options and positionals', () => {
  const result = parse({ args: ['--unknown', '--u2=v', '-xy', 'pos', '--bar'], options: { bar: { type: 'string' } }, strict: false })
  assert.deepStrictEqual(result, { values: { unknown: true, u2: 'v', x: true, y: true, bar: true }, positionals: ['pos'] })
})
test('__proto__ is never stored', () => {
  const result = parseArgs({ args: ['--__proto__'], strict: false })
  assert.strictEqual(Object.keys(result.values).length, 0)
  assert.strictEqual(Object.getPrototypeOf(result.values), null)
})
test('ERR_PARSE_ARGS_UNKNOWN_OPTION', () => {
  assert.throws(() => parseArgs({ args: ['--nope'], options: {} }), {
    name: 'TypeError',
    code: 'ERR_PARSE_ARGS_UNKNOWN_OPTION',
    message: "Unknown option '--nope'",
  })
  assert.throws(() => parseArgs({ args: ['-n'] }), { code: 'ERR_PARSE_ARGS_UNKNOWN_OPTION', message: "Unknown option '-n'" })
  assert.throws(() => parseArgs({ args: ['--nope'], allowPositionals: true }), {
    code: 'ERR_PARSE_ARGS_UNKNOWN_OPTION',
    message: `Unknown option '--nope'. To specify a positional argument starting with a '-', place it at the end of the command after '--', as in '-- "--nope"`,
  })
})
test('ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL', () => {
  assert.throws(() => parseArgs({ args: ['file'] }), {
    name: 'TypeError',
    code: 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL',
    message: "Unexpected argument 'file'. This command does not take positional arguments",
  })
})
test('ERR_PARSE_ARGS_INVALID_OPTION_VALUE: missing value, unwanted value', () => {
  assert.throws(() => parseArgs({ args: ['--bar'], options: { bar: { type: 'string', short: 'b' } } }), {
    code: 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE',
    message: "Option '-b, --bar <value>' argument missing",
  })
  assert.throws(() => parseArgs({ args: ['--bar'], options: { bar: { type: 'string' } } }), { message: "Option '--bar <value>' argument missing" })
  assert.throws(() => parseArgs({ args: ['--foo=1'], options: { foo: { type: 'boolean', short: 'f' } } }), {
    code: 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE',
    message: "Option '-f, --foo' does not take an argument",
  })
})
test('ERR_PARSE_ARGS_INVALID_OPTION_VALUE: a value that looks like an option', () => {
  assert.throws(() => parseArgs({ args: ['--bar', '-x'], options: { bar: { type: 'string' } } }), {
    code: 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE',
    message: "Option '--bar' argument is ambiguous.\nDid you forget to specify the option argument for '--bar'?\nTo specify an option argument starting with a dash use '--bar=-XYZ'.",
  })
  assert.throws(() => parseArgs({ args: ['-b', '-x'], options: { bar: { type: 'string', short: 'b' } } }), {
    message: "Option '-b' argument is ambiguous.\nDid you forget to specify the option argument for '-b'?\nTo specify an option argument starting with a dash use '--bar=-XYZ' or '-b-XYZ'.",
  })
})
test('configuration errors: ERR_INVALID_ARG_TYPE / ERR_INVALID_ARG_VALUE', () => {
  const cases = [
    [{ args: 'x' }, 'ERR_INVALID_ARG_TYPE', `The "args" argument must be an instance of Array. Received type string ('x')`],
    [{ args: [], strict: 1 }, 'ERR_INVALID_ARG_TYPE', 'The "strict" argument must be of type boolean. Received type number (1)'],
    [{ args: [], options: 1 }, 'ERR_INVALID_ARG_TYPE', 'The "options" argument must be of type object. Received type number (1)'],
    [{ args: [], options: { a: 1 } }, 'ERR_INVALID_ARG_TYPE', 'The "options.a" property must be of type object. Received type number (1)'],
    [{ args: [], options: { bar: { type: 'number' } } }, 'ERR_INVALID_ARG_TYPE', `The "options.bar.type" property must be ('string|boolean'). Received type string ('number')`],
    [{ args: [], options: { bar: {} } }, 'ERR_INVALID_ARG_TYPE', `The "options.bar.type" property must be ('string|boolean'). Received undefined`],
    [{ args: [], options: { bar: { type: 'string', short: 'ab' } } }, 'ERR_INVALID_ARG_VALUE', "The property 'options.bar.short' must be a single character. Received 'ab'"],
    [{ args: [], options: { bar: { type: 'string', multiple: 1 } } }, 'ERR_INVALID_ARG_TYPE', 'The "options.bar.multiple" property must be of type boolean. Received type number (1)'],
    [{ args: [], options: { bar: { type: 'string', default: 1 } } }, 'ERR_INVALID_ARG_TYPE', 'The "options.bar.default" property must be of type string. Received type number (1)'],
    [{ args: [], options: { bar: { type: 'string', multiple: true, default: ['a', 1] } } }, 'ERR_INVALID_ARG_TYPE', 'The "options.bar.default[1]" property must be of type string. Received type number (1)'],
  ]
  for (const [config, code, message] of cases) assert.throws(() => parseArgs(config), { name: 'TypeError', code, message })
})
