// path: posix and win32, as Node answers on a POSIX machine.
import { test } from '../harness.mjs'
import assert from 'node:assert'
import path from 'node:path'
import posix from 'node:path/posix'

const cases = [
  ['posix.join', () => path.posix.join('/a', 'b', '../c', './d'), '/a/c/d'],
  ['posix.join empty', () => path.posix.join(''), '.'],
  ['posix.normalize', () => path.posix.normalize('/a//b/../c/.'), '/a/c'],
  ['posix.normalize trailing slash', () => path.posix.normalize('a/b/'), 'a/b/'],
  ['posix.relative', () => path.posix.relative('/data/a/b', '/data/c'), '../../c'],
  ['posix.dirname', () => path.posix.dirname('/a/b/c.txt'), '/a/b'],
  ['posix.basename', () => path.posix.basename('/a/b/c.txt'), 'c.txt'],
  ['posix.basename ext', () => path.posix.basename('/a/b/c.txt', '.txt'), 'c'],
  ['posix.extname', () => path.posix.extname('x/y.tar.gz'), '.gz'],
  ['posix.extname dotfile', () => path.posix.extname('.bashrc'), ''],
  ['posix.isAbsolute', () => path.posix.isAbsolute('/x'), true],
  ['posix.format', () => path.posix.format({ dir: '/home', base: 'f.txt' }), '/home/f.txt'],
  ['win32.join', () => path.win32.join('C:\\a', '..', 'b'), 'C:\\b'],
  ['win32.normalize', () => path.win32.normalize('C:/a//b\\..\\c'), 'C:\\a\\c'],
  ['win32.isAbsolute', () => path.win32.isAbsolute('C:\\x'), true],
  ['win32.isAbsolute relative drive', () => path.win32.isAbsolute('C:x'), false],
  ['win32.basename', () => path.win32.basename('C:\\a\\b.txt'), 'b.txt'],
  ['win32.relative', () => path.win32.relative('C:\\a\\b', 'C:\\a\\c'), '..\\c'],
  ['win32.sep', () => path.win32.sep, '\\'],
  ['default is posix', () => path.sep, '/'],
  ['delimiter', () => path.delimiter, ':'],
  ['path/posix module', () => posix.join('a', 'b'), 'a/b'],
]
for (const [name, fn, expected] of cases) {
  test(name, () => assert.strictEqual(fn(), expected))
}
test('parse', () => {
  assert.deepStrictEqual(path.parse('/home/u/file.txt'), { root: '/', dir: '/home/u', base: 'file.txt', ext: '.txt', name: 'file' })
})
test('win32.parse', () => {
  assert.deepStrictEqual(path.win32.parse('C:\\d\\f.js'), { root: 'C:\\', dir: 'C:\\d', base: 'f.js', ext: '.js', name: 'f' })
})
test('resolve against cwd', () => {
  assert.strictEqual(path.resolve('x'), process.cwd() + '/x')
  assert.strictEqual(path.resolve('/a', 'b', '/c', 'd'), '/c/d')
})
test('posix.posix and win32.win32', () => {
  assert.strictEqual(path.posix.posix, path.posix)
  assert.strictEqual(path.win32.win32, path.win32)
  assert.strictEqual(path.posix.win32, path.win32)
})
test('a non-string argument is ERR_INVALID_ARG_TYPE', () => {
  assert.throws(() => path.join(1), { code: 'ERR_INVALID_ARG_TYPE', name: 'TypeError' })
  assert.throws(() => path.basename(null), { code: 'ERR_INVALID_ARG_TYPE' })
})
