// The path module as a whole: its exports (default = posix, named exports, the
// posix/win32 cross links, sep/delimiter), results that depend on process.cwd(), format(),
// and Node's ERR_INVALID_ARG_TYPE errors for bad arguments.
import assert from 'node:assert'
import path, * as named from 'node:path'
import { test } from '../harness.mjs'

const cwd = process.cwd()
const { posix, win32 } = path

// --- exports --------------------------------------------------------------------------

test('default export is posix on a POSIX host', () => {
  assert.strictEqual(path, posix)
  assert.strictEqual(path.sep, '/')
  assert.strictEqual(path.delimiter, ':')
})

test('posix and win32 link to each other', () => {
  assert.strictEqual(posix.posix, posix)
  assert.strictEqual(posix.win32, win32)
  assert.strictEqual(win32.win32, win32)
  assert.strictEqual(win32.posix, posix)
})

test('win32 separators', () => {
  assert.strictEqual(win32.sep, '\\')
  assert.strictEqual(win32.delimiter, ';')
})

test('named exports are the posix functions', () => {
  for (const name of ['resolve', 'normalize', 'isAbsolute', 'join', 'relative', 'toNamespacedPath', 'dirname', 'basename', 'extname', 'format', 'parse']) {
    assert.strictEqual(typeof named[name], 'function', name)
    assert.strictEqual(named[name], posix[name], name)
    assert.strictEqual(typeof win32[name], 'function', name)
  }
  assert.strictEqual(named.posix, posix)
  assert.strictEqual(named.win32, win32)
  assert.strictEqual(named.sep, '/')
  assert.strictEqual(named.delimiter, ':')
})

test('functions work when detached from the object', () => {
  const { join, basename } = path
  const { join: winJoin } = win32
  assert.strictEqual(join('a', 'b'), 'a/b')
  assert.strictEqual(basename('/x/y.z', '.z'), 'y')
  assert.strictEqual(winJoin('a', 'b'), 'a\\b')
})

// --- process.cwd() --------------------------------------------------------------------

test('resolve() with no arguments is the cwd', () => {
  assert.strictEqual(posix.resolve(), cwd)
  assert.strictEqual(posix.resolve(''), cwd)
})

test('resolve() of relative paths starts at the cwd', () => {
  assert.strictEqual(posix.resolve('a/b', '../c'), posix.join(cwd, 'a/c'))
  assert.strictEqual(posix.resolve('.'), cwd)
})

test('relative() of relative paths is against the cwd', () => {
  assert.strictEqual(posix.relative('a', 'b'), '../b')
  assert.strictEqual(posix.relative('', 'x/y'), 'x/y')
  assert.strictEqual(posix.relative(cwd, 'x'), 'x')
})

test('win32.resolve() of a relative path on a POSIX host uses the cwd as a rooted path', () => {
  assert.strictEqual(win32.resolve('a'), cwd.replace(/\//g, '\\') + '\\a')
})

test('toNamespacedPath is the identity on posix', () => {
  assert.strictEqual(posix.toNamespacedPath('a/b'), 'a/b')
  assert.strictEqual(posix.toNamespacedPath(42), 42)
  assert.strictEqual(win32.toNamespacedPath(42), 42)
})

// --- format ---------------------------------------------------------------------------

const formats = [
  [posix, { root: '/', dir: '/home/u', base: 'f.txt' }, '/home/u/f.txt'],
  [posix, { root: '/', base: 'f.txt', ext: 'ignored' }, '/f.txt'],
  [posix, { root: '/', name: 'f', ext: '.txt' }, '/f.txt'],
  [posix, { name: 'f', ext: 'txt' }, 'f.txt'],
  [posix, { dir: 'a', name: 'f' }, 'a/f'],
  [posix, { dir: '/', base: 'x' }, '//x'],
  [posix, { root: '/', dir: '/', base: 'x' }, '/x'],
  [posix, {}, ''],
  [posix, { ext: '.js' }, '.js'],
  [posix, Object.create(null), ''],
  [win32, { dir: 'C:\\path\\dir', base: 'file.txt' }, 'C:\\path\\dir\\file.txt'],
  [win32, { root: 'C:\\', name: 'f', ext: 'md' }, 'C:\\f.md'],
  [win32, { root: '\\\\srv\\sh\\', base: 'a' }, '\\\\srv\\sh\\a'],
]
for (const [flavour, object, expected] of formats) {
  const label = flavour === posix ? 'posix' : 'win32'
  test(`${label}.format(${JSON.stringify(object)})`, () => {
    assert.strictEqual(flavour.format(object), expected)
  })
}

test('format(parse(p)) gives p back', () => {
  for (const p of ['/a/b/c.d', 'a/b', '/x', 'f.tar.gz']) assert.strictEqual(posix.format(posix.parse(p)), p)
  for (const p of ['C:\\a\\b.c', '\\\\srv\\sh\\f', 'C:\\']) assert.strictEqual(win32.format(win32.parse(p)), p)
})

// --- errors ---------------------------------------------------------------------------

const typeError = (message) => ({ name: 'TypeError', code: 'ERR_INVALID_ARG_TYPE', message })

const received = [
  [null, 'null'],
  [undefined, 'undefined'],
  [42, 'type number (42)'],
  [-0, 'type number (-0)'],
  [NaN, 'type number (NaN)'],
  [true, 'type boolean (true)'],
  [10n, 'type bigint (10n)'],
  [Symbol('s'), 'type symbol (Symbol(s))'],
  [{}, 'an instance of Object'],
  [[], 'an instance of Array'],
  [new Date(0), 'an instance of Date'],
  [function named() {}, 'function named'],
]
for (const [value, description] of received) {
  test(`normalize() rejects ${description}`, () => {
    assert.throws(() => posix.normalize(value), typeError(`The "path" argument must be of type string. Received ${description}`))
  })
}

test('every string function validates "path"', () => {
  for (const flavour of [posix, win32]) {
    for (const fn of ['normalize', 'isAbsolute', 'dirname', 'basename', 'extname', 'parse']) {
      assert.throws(() => flavour[fn](1), typeError('The "path" argument must be of type string. Received type number (1)'), fn)
    }
    assert.throws(() => flavour.join('a', null), typeError('The "path" argument must be of type string. Received null'))
  }
})

test('resolve() names the offending position', () => {
  assert.throws(() => posix.resolve('a', 5), typeError('The "paths[1]" argument must be of type string. Received type number (5)'))
  assert.throws(() => win32.resolve(undefined), typeError('The "paths[0]" argument must be of type string. Received undefined'))
})

test('resolve() stops validating left of an absolute path', () => {
  assert.strictEqual(posix.resolve(5, '/abs'), '/abs')
  assert.strictEqual(win32.resolve(5, 'C:\\abs'), 'C:\\abs')
})

test('relative() validates "from" and "to"', () => {
  assert.throws(() => posix.relative(1, 'a'), typeError('The "from" argument must be of type string. Received type number (1)'))
  assert.throws(() => win32.relative('a', {}), typeError('The "to" argument must be of type string. Received an instance of Object'))
})

test('basename() validates "suffix"', () => {
  assert.throws(() => posix.basename('a', 1), typeError('The "suffix" argument must be of type string. Received type number (1)'))
  assert.throws(() => win32.basename('a', null), typeError('The "suffix" argument must be of type string. Received null'))
})

test('format() wants an object', () => {
  assert.throws(() => posix.format(null), typeError('The "pathObject" argument must be of type object. Received null'))
  assert.throws(() => posix.format('/a'), typeError("The \"pathObject\" argument must be of type object. Received type string ('/a')"))
  assert.throws(() => win32.format([]), typeError('The "pathObject" argument must be of type object. Received an instance of Array'))
})

test('long strings are cut in the message', () => {
  assert.throws(
    () => posix.format('x'.repeat(40)),
    typeError(`The "pathObject" argument must be of type object. Received type string ('${'x'.repeat(25)}...')`),
  )
})

test('the error prints its code', () => {
  try {
    posix.join(7)
    assert.fail('no error')
  } catch (error) {
    assert.ok(error instanceof TypeError)
    assert.strictEqual(String(error), 'TypeError [ERR_INVALID_ARG_TYPE]: The "path" argument must be of type string. Received type number (7)')
  }
})
