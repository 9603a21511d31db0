// url.format() for legacy objects (host vs hostname+port, search vs query, slashes,
// escaping), for strings and for WHATWG URLs with the auth/fragment/search/unicode
// options; url.resolve() and url.resolveObject().
import assert from 'node:assert'
import url from 'node:url'
import { test } from '../harness.mjs'

const objects = [
  [{ protocol: 'http', host: 'example.com', pathname: '/a' }, 'http://example.com/a'],
  [{ protocol: 'https:', hostname: 'example.com', port: 8443, pathname: 'x' }, 'https://example.com:8443/x'],
  [{ protocol: 'http:', host: 'h.com:1', hostname: 'ignored', port: 2 }, 'http://h.com:1'],
  [{ protocol: 'http:', hostname: '::1', port: '80', pathname: '/' }, 'http://[::1]:80/'],
  [{ protocol: 'http:', hostname: '[::1]', pathname: '/' }, 'http://[::1]/'],
  [{ protocol: 'http:', host: 'h', search: '?a=1', query: { b: 2 } }, 'http://h?a=1'],
  [{ protocol: 'http:', host: 'h', query: { b: 2, c: ['x', 'y z'] } }, 'http://h?b=2&c=x&c=y%20z'],
  [{ protocol: 'http:', host: 'h', query: 'ignored=1' }, 'http://h'],
  [{ protocol: 'http:', host: 'h', search: 'no-mark' }, 'http://h?no-mark'],
  [{ protocol: 'http:', host: 'h', hash: 'frag' }, 'http://h#frag'],
  [{ protocol: 'http:', host: 'h', pathname: '/a#b?c' }, 'http://h/a%23b%3Fc'],
  [{ protocol: 'http:', host: 'h', search: '?a#b' }, 'http://h?a%23b'],
  [{ protocol: 'http:', auth: 'user:p@ss w', host: 'h' }, 'http://user:p%40ss%20w@h'],
  [{ protocol: 'mailto', auth: 'me', host: 'example.com' }, 'mailto:me@example.com'],
  [{ protocol: 'mailto:', slashes: true, host: 'x' }, 'mailto://x'],
  [{ protocol: 'file', pathname: '/etc/hosts' }, 'file:///etc/hosts'],
  [{ protocol: 'file:', host: '', pathname: 'rel' }, 'file://rel'],
  [{ protocol: 'http:', pathname: '/p' }, 'http:/p'],
  [{ slashes: true, host: 'h', pathname: 'p' }, '//h/p'],
  [{ pathname: '/only', search: '?s', hash: '#h' }, '/only?s#h'],
  [{ query: { 'a b': 'ü', n: 1e21, f: false, z: null, e: [] } }, '?a%20b=%C3%BC&n=1e%2B21&f=false&z='],
  [{ query: { safe: "!'()*-._~", esc: '&=+/' } }, "?safe=!'()*-._~&esc=%26%3D%2B%2F"],
  [{}, ''],
]

for (const [object, expected] of objects) {
  test(`format(${JSON.stringify(object)})`, () => {
    assert.strictEqual(url.format(object), expected)
  })
}

test('format() of a string parses then formats it', () => {
  assert.strictEqual(url.format('HTTP://EXAMPLE.com/a b'), 'http://example.com/a%20b')
  assert.strictEqual(url.format('/x?y#z'), '/x?y#z')
})

test('format(parse(x)) round-trips', () => {
  for (const input of ['http://u:p@h.com:81/a/b?c=d#e', 'mailto:a@b.c', '//h/p', 'file:///x']) {
    assert.strictEqual(url.format(url.parse(input)), input)
  }
})

test('Url.prototype.format is the same as format()', () => {
  const parsed = url.parse('https://h.com/p?q=1#f')
  assert.strictEqual(parsed.format(), url.format(parsed))
})

test('format() rejects non-objects', () => {
  for (const [value, description] of [[5, 'type number (5)'], [null, 'null'], [undefined, 'undefined'], [true, 'type boolean (true)']]) {
    assert.throws(() => url.format(value), {
      name: 'TypeError',
      code: 'ERR_INVALID_ARG_TYPE',
      message: `The "urlObject" argument must be one of type object or string. Received ${description}`,
    })
  }
})

test('format() throws ERR_INVALID_URI for a lone surrogate in auth', () => {
  assert.throws(() => url.format({ auth: '\ud800', host: 'h' }), { name: 'URIError', code: 'ERR_INVALID_URI', message: 'URI malformed' })
})

// --- WHATWG URL objects ---------------------------------------------------------------

const whatwg = new URL('http://user:pw@xn--espaol-zwa.com:8080/p/a?x=1#frag')

test('format(URL) is its href by default', () => {
  assert.strictEqual(url.format(whatwg), whatwg.href)
  assert.strictEqual(url.format(whatwg, {}), whatwg.href)
})

test('format(URL, { auth: false })', () => {
  assert.strictEqual(url.format(whatwg, { auth: false }), 'http://xn--espaol-zwa.com:8080/p/a?x=1#frag')
})

test('format(URL, { fragment: false })', () => {
  assert.strictEqual(url.format(whatwg, { fragment: false }), 'http://user:pw@xn--espaol-zwa.com:8080/p/a?x=1')
})

test('format(URL, { search: false })', () => {
  assert.strictEqual(url.format(whatwg, { search: false }), 'http://user:pw@xn--espaol-zwa.com:8080/p/a#frag')
})

test('format(URL, { unicode: true })', () => {
  assert.strictEqual(url.format(whatwg, { unicode: true }), 'http://user:pw@español.com:8080/p/a?x=1#frag')
})

test('format(URL) with every option off', () => {
  assert.strictEqual(url.format(whatwg, { auth: false, fragment: false, search: false, unicode: true }), 'http://español.com:8080/p/a')
})

test('format(URL) options are coerced, null/undefined mean the default', () => {
  assert.strictEqual(url.format(whatwg, { auth: 0, fragment: '', search: null, unicode: undefined }), 'http://xn--espaol-zwa.com:8080/p/a?x=1')
})

test('format(URL) leaves an IPv6 host alone with unicode', () => {
  assert.strictEqual(url.format(new URL('http://[::1]:3000/x'), { unicode: true }), 'http://[::1]:3000/x')
})

test('format(URL) does not change the URL', () => {
  const target = new URL('https://a:b@h/p?q#f')
  url.format(target, { auth: false, search: false, fragment: false })
  assert.strictEqual(target.href, 'https://a:b@h/p?q#f')
})

test('format(URL, options) wants an options object', () => {
  assert.throws(() => url.format(whatwg, 5), {
    code: 'ERR_INVALID_ARG_TYPE',
    message: 'The "options" argument must be of type object. Received type number (5)',
  })
  assert.throws(() => url.format(whatwg, []), { code: 'ERR_INVALID_ARG_TYPE', message: /Received an instance of Array$/ })
})

// --- resolve ----------------------------------------------------------------------------

const resolves = [
  ['/one/two/three', 'four', '/one/two/four'],
  ['http://example.com/', '/one', 'http://example.com/one'],
  ['http://example.com/one', '/two', 'http://example.com/two'],
  ['http://example.com/a/b/c', '../d', 'http://example.com/a/d'],
  ['http://example.com/a/b/c', '../../../../d', 'http://example.com/d'],
  ['http://example.com/a/b/', './', 'http://example.com/a/b/'],
  ['http://example.com/a/b', '.', 'http://example.com/a/'],
  ['http://example.com/a', '?q=1', 'http://example.com/a?q=1'],
  ['http://example.com/a?x', '#h', 'http://example.com/a?x#h'],
  ['http://example.com/a#old', '', 'http://example.com/a'],
  ['http://example.com/a', '//other.org/x', 'http://other.org/x'],
  ['http://u:p@example.com/a', '//other.org', 'http://other.org/'],
  ['http://example.com/a', 'https://secure.org/b', 'https://secure.org/b'],
  ['http://example.com/a', 'mailto:x@y.z', 'mailto:x@y.z'],
  ['mailto:a@b.c', 'd@e.f', 'mailto:d@e.f'],
  ['http://example.com/a/b', 'https:c', 'https://c/'],
  ['http://example.com/a/b', 'http:c', 'http://example.com/a/c'],
  ['http://example.com', 'a/b', 'http://example.com/a/b'],
  ['file:///a/b', '../c', 'file:///c'],
  ['file:///a/b', 'file:d', 'file:///a/d'],
  ['a/b/c', '../../d', 'd'],
  ['a/b', '../../../x', '../../x'],
  ['http://h/a/b/c/d;p?q', 'g;x=1/../y', 'http://h/a/b/c/y'],
  ['http://h/a/b/c/d;p?q', 'g/./h/..', 'http://h/a/b/c/g/'],
  ['http://h/', 'javascript:void(0)', 'javascript:void(0)'],
  ['http://h/x', 'HTTP://OTHER/Y', 'http://other/Y'],
  ['', 'x', 'x'],
  ['http://h/a/', '..', 'http://h/'],
]

for (const [from, to, expected] of resolves) {
  test(`resolve(${JSON.stringify(from)}, ${JSON.stringify(to)})`, () => {
    assert.strictEqual(url.resolve(from, to), expected)
  })
}

test('resolveObject() returns a Url', () => {
  const result = url.resolveObject('http://h.com/a/b', '../c?d#e')
  assert.ok(result instanceof url.Url)
  assert.strictEqual(result.href, 'http://h.com/c?d#e')
  assert.strictEqual(result.pathname, '/c')
  assert.strictEqual(result.search, '?d')
  assert.strictEqual(result.hash, '#e')
  assert.strictEqual(result.path, '/c?d')
})

test('resolveObject() with no source hands back the relative', () => {
  assert.strictEqual(url.resolveObject('', 'x/y'), 'x/y')
})

test('Url.prototype.resolve and resolveObject', () => {
  const base = url.parse('http://h.com/a/b')
  assert.strictEqual(base.resolve('c'), 'http://h.com/a/c')
  assert.strictEqual(base.resolveObject(url.parse('/z')).href, 'http://h.com/z')
  assert.strictEqual(base.href, 'http://h.com/a/b')
})

test('resolveObject() moves auth out of a mailto host', () => {
  const result = url.resolveObject('mailto:local1@domain1', 'local2@domain2')
  assert.strictEqual(result.auth, 'local2')
  assert.strictEqual(result.host, 'domain2')
  assert.strictEqual(result.href, 'mailto:local2@domain2')
})
