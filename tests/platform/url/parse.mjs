// url.parse(): the legacy parser's fields for a table of inputs (every field is
// compared), then parseQueryString, slashesDenoteHost, and its errors.
import assert from 'node:assert'
import url from 'node:url'
import { test } from '../harness.mjs'

const fields = (parsed) => Object.fromEntries(Object.keys(new url.Url()).map((key) => [key, parsed[key]]))

const parses = [
  ['http://user:pass@host.com:8080/p/a/t/h?query=string#hash', { protocol: 'http:', slashes: true, auth: 'user:pass', host: 'host.com:8080', port: '8080', hostname: 'host.com', hash: '#hash', search: '?query=string', query: 'query=string', pathname: '/p/a/t/h', path: '/p/a/t/h?query=string', href: 'http://user:pass@host.com:8080/p/a/t/h?query=string#hash' }],
  ['HTTP://EXAMPLE.COM/Path', { protocol: 'http:', slashes: true, auth: null, host: 'example.com', port: null, hostname: 'example.com', hash: null, search: null, query: null, pathname: '/Path', path: '/Path', href: 'http://example.com/Path' }],
  ['https://example.com', { protocol: 'https:', slashes: true, auth: null, host: 'example.com', port: null, hostname: 'example.com', hash: null, search: null, query: null, pathname: '/', path: '/', href: 'https://example.com/' }],
  ['http://example.com:/x', { protocol: 'http:', slashes: true, auth: null, host: 'example.com', port: null, hostname: 'example.com', hash: null, search: null, query: null, pathname: '/x', path: '/x', href: 'http://example.com/x' }],
  ['//example.com/a', { protocol: null, slashes: null, auth: null, host: null, port: null, hostname: null, hash: null, search: null, query: null, pathname: '//example.com/a', path: '//example.com/a', href: '//example.com/a' }],
  ['/just/a/path?x=1', { protocol: null, slashes: null, auth: null, host: null, port: null, hostname: null, hash: null, search: '?x=1', query: 'x=1', pathname: '/just/a/path', path: '/just/a/path?x=1', href: '/just/a/path?x=1' }],
  ['/path#frag', { protocol: null, slashes: null, auth: null, host: null, port: null, hostname: null, hash: '#frag', search: null, query: null, pathname: '/path', path: '/path', href: '/path#frag' }],
  ['relative/path', { protocol: null, slashes: null, auth: null, host: null, port: null, hostname: null, hash: null, search: null, query: null, pathname: 'relative/path', path: 'relative/path', href: 'relative/path' }],
  ['?q=1', { protocol: null, slashes: null, auth: null, host: null, port: null, hostname: null, hash: null, search: '?q=1', query: 'q=1', pathname: null, path: '?q=1', href: '?q=1' }],
  ['#only', { protocol: null, slashes: null, auth: null, host: null, port: null, hostname: null, hash: '#only', search: null, query: null, pathname: null, path: null, href: '#only' }],
  ['', { protocol: null, slashes: null, auth: null, host: null, port: null, hostname: null, hash: null, search: null, query: null, pathname: null, path: null, href: '' }],
  ['   http://trim.me/  ', { protocol: 'http:', slashes: true, auth: null, host: 'trim.me', port: null, hostname: 'trim.me', hash: null, search: null, query: null, pathname: '/', path: '/', href: 'http://trim.me/' }],
  ['http://x.com\\a\\b?c\\d', { protocol: 'http:', slashes: true, auth: null, host: 'x.com', port: null, hostname: 'x.com', hash: null, search: '?c%5Cd', query: 'c%5Cd', pathname: '/a/b', path: '/a/b?c%5Cd', href: 'http://x.com/a/b?c%5Cd' }],
  ['http://[::1]:3000/a', { protocol: 'http:', slashes: true, auth: null, host: '[::1]:3000', port: '3000', hostname: '::1', hash: null, search: null, query: null, pathname: '/a', path: '/a', href: 'http://[::1]:3000/a' }],
  ['http://[fe80::1]', { protocol: 'http:', slashes: true, auth: null, host: '[fe80::1]', port: null, hostname: 'fe80::1', hash: null, search: null, query: null, pathname: '/', path: '/', href: 'http://[fe80::1]/' }],
  ['mailto:someone@example.com', { protocol: 'mailto:', slashes: null, auth: 'someone', host: 'example.com', port: null, hostname: 'example.com', hash: null, search: null, query: null, pathname: null, path: null, href: 'mailto:someone@example.com' }],
  ['mailto:someone@example.com?subject=hi', { protocol: 'mailto:', slashes: null, auth: 'someone', host: 'example.com', port: null, hostname: 'example.com', hash: null, search: '?subject=hi', query: 'subject=hi', pathname: null, path: '?subject=hi', href: 'mailto:someone@example.com?subject=hi' }],
  ['javascript:alert(1)', { protocol: 'javascript:', slashes: null, auth: null, host: null, port: null, hostname: null, hash: null, search: null, query: null, pathname: 'alert(1)', path: 'alert(1)', href: 'javascript:alert(1)' }],
  ['javascript://comment%0Aalert(1)', { protocol: 'javascript:', slashes: null, auth: null, host: null, port: null, hostname: null, hash: null, search: null, query: null, pathname: '//comment%0Aalert(1)', path: '//comment%0Aalert(1)', href: 'javascript://comment%0Aalert(1)' }],
  ['xmpp:user@host', { protocol: 'xmpp:', slashes: null, auth: 'user', host: 'host', port: null, hostname: 'host', hash: null, search: null, query: null, pathname: null, path: null, href: 'xmpp:user@host' }],
  ['file:///etc/passwd', { protocol: 'file:', slashes: true, auth: null, host: '', port: null, hostname: '', hash: null, search: null, query: null, pathname: '/etc/passwd', path: '/etc/passwd', href: 'file:///etc/passwd' }],
  ['file://localhost/etc/hosts', { protocol: 'file:', slashes: true, auth: null, host: 'localhost', port: null, hostname: 'localhost', hash: null, search: null, query: null, pathname: '/etc/hosts', path: '/etc/hosts', href: 'file://localhost/etc/hosts' }],
  ['file:/x/y', { protocol: 'file:', slashes: null, auth: null, host: null, port: null, hostname: null, hash: null, search: null, query: null, pathname: '/x/y', path: '/x/y', href: 'file:///x/y' }],
  ['http://a@b@c/d', { protocol: 'http:', slashes: true, auth: 'a@b', host: 'c', port: null, hostname: 'c', hash: null, search: null, query: null, pathname: '/d', path: '/d', href: 'http://a%40b@c/d' }],
  ['http://a@b?@c', { protocol: 'http:', slashes: true, auth: 'a', host: 'b', port: null, hostname: 'b', hash: null, search: '?@c', query: '@c', pathname: '/', path: '/?@c', href: 'http://a@b/?@c' }],
  ['http://ex.com/a b<c>"d"', { protocol: 'http:', slashes: true, auth: null, host: 'ex.com', port: null, hostname: 'ex.com', hash: null, search: null, query: null, pathname: '/a%20b%3Cc%3E%22d%22', path: '/a%20b%3Cc%3E%22d%22', href: 'http://ex.com/a%20b%3Cc%3E%22d%22' }],
  ['http://ex.com/it\'s', { protocol: 'http:', slashes: true, auth: null, host: 'ex.com', port: null, hostname: 'ex.com', hash: null, search: null, query: null, pathname: '/it%27s', path: '/it%27s', href: 'http://ex.com/it%27s' }],
  ['http://ex.com/{x}|y^z`', { protocol: 'http:', slashes: true, auth: null, host: 'ex.com', port: null, hostname: 'ex.com', hash: null, search: null, query: null, pathname: '/%7Bx%7D%7Cy%5Ez%60', path: '/%7Bx%7D%7Cy%5Ez%60', href: 'http://ex.com/%7Bx%7D%7Cy%5Ez%60' }],
  ['http://ex.com/%zz', { protocol: 'http:', slashes: true, auth: null, host: 'ex.com', port: null, hostname: 'ex.com', hash: null, search: null, query: null, pathname: '/%zz', path: '/%zz', href: 'http://ex.com/%zz' }],
  ['http://español.com/ñ', { protocol: 'http:', slashes: true, auth: null, host: 'xn--espaol-zwa.com', port: null, hostname: 'xn--espaol-zwa.com', hash: null, search: null, query: null, pathname: '/ñ', path: '/ñ', href: 'http://xn--espaol-zwa.com/ñ' }],
  ['http://user%20name:p%40ss@h/', { protocol: 'http:', slashes: true, auth: 'user name:p@ss', host: 'h', port: null, hostname: 'h', hash: null, search: null, query: null, pathname: '/', path: '/', href: 'http://user%20name:p%40ss@h/' }],
  ['http://h\t\n.com/a', { protocol: 'http:', slashes: true, auth: null, host: 'h.com', port: null, hostname: 'h.com', hash: null, search: null, query: null, pathname: '/a', path: '/a', href: 'http://h.com/a' }],
  ['git+ssh://git@github.com:owner/repo.git', { protocol: 'git+ssh:', slashes: true, auth: 'git', host: 'github.com', port: null, hostname: 'github.com', hash: null, search: null, query: null, pathname: '/:owner/repo.git', path: '/:owner/repo.git', href: 'git+ssh://git@github.com/:owner/repo.git' }],
  ['foo:bar', { protocol: 'foo:', slashes: null, auth: null, host: 'bar', port: null, hostname: 'bar', hash: null, search: null, query: null, pathname: null, path: null, href: 'foo:bar' }],
  ['HTTP:x', { protocol: 'http:', slashes: null, auth: null, host: 'x', port: null, hostname: 'x', hash: null, search: null, query: null, pathname: '/', path: '/', href: 'http://x/' }],
  ['http:x', { protocol: 'http:', slashes: null, auth: null, host: null, port: null, hostname: null, hash: null, search: null, query: null, pathname: 'x', path: 'x', href: 'http:x' }],
  ['urn:isbn:0451450523', { protocol: 'urn:', slashes: null, auth: null, host: 'isbn:0451450523', port: '0451450523', hostname: 'isbn', hash: null, search: null, query: null, pathname: null, path: null, href: 'urn:isbn:0451450523' }],
  ['data:text/plain,hi', { protocol: 'data:', slashes: null, auth: null, host: 'text', port: null, hostname: 'text', hash: null, search: null, query: null, pathname: '/plain,hi', path: '/plain,hi', href: 'data:text/plain,hi' }],
  ['http://x.com?a=1&a=2', { protocol: 'http:', slashes: true, auth: null, host: 'x.com', port: null, hostname: 'x.com', hash: null, search: '?a=1&a=2', query: 'a=1&a=2', pathname: '/', path: '/?a=1&a=2', href: 'http://x.com/?a=1&a=2' }],
  ['http://x.com#a?b', { protocol: 'http:', slashes: true, auth: null, host: 'x.com', port: null, hostname: 'x.com', hash: '#a?b', search: null, query: null, pathname: '/', path: '/', href: 'http://x.com/#a?b' }],
  ['http://x.com/a?b#c?d#e', { protocol: 'http:', slashes: true, auth: null, host: 'x.com', port: null, hostname: 'x.com', hash: '#c?d#e', search: '?b', query: 'b', pathname: '/a', path: '/a?b', href: 'http://x.com/a?b#c?d#e' }],
  ['http://ex.com:65536/', { protocol: 'http:', slashes: true, auth: null, host: 'ex.com:65536', port: '65536', hostname: 'ex.com', hash: null, search: null, query: null, pathname: '/', path: '/', href: 'http://ex.com:65536/' }],
  ['ws://h:80/s', { protocol: 'ws:', slashes: true, auth: null, host: 'h:80', port: '80', hostname: 'h', hash: null, search: null, query: null, pathname: '/s', path: '/s', href: 'ws://h:80/s' }],
  ['http://a.b;c/d', { protocol: 'http:', slashes: true, auth: null, host: 'a.b', port: null, hostname: 'a.b', hash: null, search: null, query: null, pathname: ';c/d', path: ';c/d', href: 'http://a.b/;c/d' }],
  ['http://a_b.com/', { protocol: 'http:', slashes: true, auth: null, host: 'a_b.com', port: null, hostname: 'a_b.com', hash: null, search: null, query: null, pathname: '/', path: '/', href: 'http://a_b.com/' }],
]

for (const [input, expected] of parses) {
  test(`parse(${JSON.stringify(input)})`, () => {
    const parsed = url.parse(input)
    assert.ok(parsed instanceof url.Url)
    assert.deepStrictEqual(fields(parsed), expected)
  })
}

// parseQueryString = true: [input, query, search]
const queries = [
  ['http://x.com/?a=1&b=2&a=3', { a: ['1', '3'], b: '2' }, '?a=1&b=2&a=3'],
  ['/p?x=%41%20b+c&y', { x: 'A b c', y: '' }, '?x=%41%20b+c&y'],
  ['/p', {}, null],
  ['http://h/?=v&&k=', { '': 'v', k: '' }, '?=v&&k='],
  ['/p?%zz=1&e=%C3%A9', { '%zz': '1', e: 'é' }, '?%zz=1&e=%C3%A9'],
]

for (const [input, query, search] of queries) {
  test(`parse(${JSON.stringify(input)}, true).query`, () => {
    const parsed = url.parse(input, true)
    assert.deepStrictEqual({ ...parsed.query }, query)
    assert.strictEqual(Object.getPrototypeOf(parsed.query), null)
    assert.strictEqual(parsed.search, search)
  })
}

// slashesDenoteHost = true
const slashed = [
  ['//host/p', { protocol: null, slashes: true, auth: null, host: 'host', port: null, hostname: 'host', hash: null, search: null, query: null, pathname: '/p', path: '/p', href: '//host/p' }],
  ['//u@host:1/p?q', { protocol: null, slashes: true, auth: 'u', host: 'host:1', port: '1', hostname: 'host', hash: null, search: '?q', query: 'q', pathname: '/p', path: '/p?q', href: '//u@host:1/p?q' }],
  ['x/y', { protocol: null, slashes: null, auth: null, host: null, port: null, hostname: null, hash: null, search: null, query: null, pathname: 'x/y', path: 'x/y', href: 'x/y' }],
  ['//', { protocol: null, slashes: true, auth: null, host: '', port: null, hostname: '', hash: null, search: null, query: null, pathname: null, path: null, href: '//' }],
]

for (const [input, expected] of slashed) {
  test(`parse(${JSON.stringify(input)}, false, true)`, () => {
    assert.deepStrictEqual(fields(url.parse(input, false, true)), expected)
  })
}

test('Url starts with every field null', () => {
  const blank = new url.Url()
  assert.deepStrictEqual(Object.keys(blank), ['protocol', 'slashes', 'auth', 'host', 'port', 'hostname', 'hash', 'search', 'query', 'pathname', 'path', 'href'])
  for (const key of Object.keys(blank)) assert.strictEqual(blank[key], null, key)
})

test('parse() hands a Url straight back', () => {
  const parsed = url.parse('http://a/b')
  assert.strictEqual(url.parse(parsed), parsed)
})

test('Url.prototype.parse fills in an instance', () => {
  const target = new url.Url()
  assert.strictEqual(target.parse('https://h/p?q'), target)
  assert.strictEqual(target.href, 'https://h/p?q')
})

test('an over-long host name is dropped', () => {
  const parsed = url.parse(`http://${'a'.repeat(256)}/p`)
  assert.strictEqual(parsed.hostname, '')
  assert.strictEqual(parsed.href, 'http:///p')
})

test('a 255-character host name is kept', () => {
  const name = 'a'.repeat(255)
  assert.strictEqual(url.parse(`http://${name}/`).hostname, name)
})

test('parse() wants a string', () => {
  assert.throws(() => url.parse(5), {
    name: 'TypeError',
    code: 'ERR_INVALID_ARG_TYPE',
    message: 'The "url" argument must be of type string. Received type number (5)',
  })
  assert.throws(() => url.parse(), { code: 'ERR_INVALID_ARG_TYPE', message: /Received undefined$/ })
})

test('an invalid punycode host is ERR_INVALID_URL', () => {
  assert.throws(() => url.parse('http://xn--abc/'), { name: 'TypeError', code: 'ERR_INVALID_URL', message: 'Invalid URL' })
})

test('an IPv6 host with forbidden characters is ERR_INVALID_URL', () => {
  assert.throws(() => url.parse('http://[a<b]/'), { code: 'ERR_INVALID_URL', input: 'http://[a<b]/' })
})

test('a malformed escape in the credentials throws URIError', () => {
  assert.throws(() => url.parse('http://%zz@host/'), URIError)
})
