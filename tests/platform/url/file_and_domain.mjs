// The url module's helpers: fileURLToPath / pathToFileURL (POSIX, and the
// `{ windows: true }` forms), urlToHttpOptions, domainToASCII / domainToUnicode, and the
// module's exports (URL and URLSearchParams are the globals).
import assert from 'node:assert'
import url, * as named from 'node:url'
import { test } from '../harness.mjs'

const cwd = process.cwd()

// --- exports --------------------------------------------------------------------------

test('URL and URLSearchParams are the globals', () => {
  assert.strictEqual(url.URL, globalThis.URL)
  assert.strictEqual(url.URLSearchParams, globalThis.URLSearchParams)
  assert.strictEqual(named.URL, globalThis.URL)
  assert.strictEqual(named.URLSearchParams, globalThis.URLSearchParams)
})

test('named exports match the default export', () => {
  for (const name of ['Url', 'parse', 'resolve', 'resolveObject', 'format', 'domainToASCII', 'domainToUnicode', 'pathToFileURL', 'fileURLToPath', 'urlToHttpOptions']) {
    assert.strictEqual(typeof named[name], 'function', name)
    assert.strictEqual(named[name], url[name], name)
  }
})

// --- fileURLToPath ----------------------------------------------------------------------

const toPath = [
  ['file:///etc/passwd', '/etc/passwd'],
  ['file:///a%20b/c%23d', '/a b/c#d'],
  ['file:///%E4%B8%AD', '/中'],
  ['file://localhost/x/y', '/x/y'],
  ['file:///dir/', '/dir/'],
  ['file:///a%5Cb', '/a\\b'],
  ['file:///C:/x', '/C:/x'],
]
for (const [input, expected] of toPath) {
  test(`fileURLToPath(${JSON.stringify(input)})`, () => {
    assert.strictEqual(url.fileURLToPath(input), expected)
    assert.strictEqual(url.fileURLToPath(new URL(input)), expected)
  })
}

test('fileURLToPath() accepts URL-like objects', () => {
  assert.strictEqual(url.fileURLToPath({ href: 'file:///x', protocol: 'file:', hostname: '', pathname: '/x%20y' }), '/x y')
})

test('fileURLToPath() wants the file scheme', () => {
  assert.throws(() => url.fileURLToPath('https://example.com/x'), {
    name: 'TypeError',
    code: 'ERR_INVALID_URL_SCHEME',
    message: 'The URL must be of scheme file',
  })
})

test('fileURLToPath() rejects a host on POSIX', () => {
  assert.throws(() => url.fileURLToPath('file://server/share'), {
    name: 'TypeError',
    code: 'ERR_INVALID_FILE_URL_HOST',
    message: `File URL host must be "localhost" or empty on ${process.platform}`,
  })
})

test('fileURLToPath() rejects an encoded slash', () => {
  for (const input of ['file:///a%2fb', 'file:///a%2Fb']) {
    assert.throws(() => url.fileURLToPath(input), {
      name: 'TypeError',
      code: 'ERR_INVALID_FILE_URL_PATH',
      message: 'File URL path must not include encoded / characters',
    })
  }
})

test('fileURLToPath() of an unparsable string is ERR_INVALID_URL', () => {
  assert.throws(() => url.fileURLToPath('not a url'), { name: 'TypeError', code: 'ERR_INVALID_URL' })
})

test('fileURLToPath() wants a string or URL', () => {
  assert.throws(() => url.fileURLToPath(5), {
    name: 'TypeError',
    code: 'ERR_INVALID_ARG_TYPE',
    message: 'The "path" argument must be of type string or an instance of URL. Received type number (5)',
  })
  assert.throws(() => url.fileURLToPath(url.parse('file:///x')), { code: 'ERR_INVALID_ARG_TYPE' })
})

test('fileURLToPath() with { windows: true }', () => {
  assert.strictEqual(url.fileURLToPath('file:///C:/a%20b/c', { windows: true }), 'C:\\a b\\c')
  assert.strictEqual(url.fileURLToPath('file://srv/share/f', { windows: true }), '\\\\srv\\share\\f')
  assert.throws(() => url.fileURLToPath('file:///no-drive', { windows: true }), {
    code: 'ERR_INVALID_FILE_URL_PATH',
    message: 'File URL path must be absolute',
  })
  assert.throws(() => url.fileURLToPath('file:///C:/a%5cb', { windows: true }), {
    code: 'ERR_INVALID_FILE_URL_PATH',
    message: 'File URL path must not include encoded \\ or / characters',
  })
})

// --- pathToFileURL ----------------------------------------------------------------------

const toURL = [
  ['/etc/passwd', 'file:///etc/passwd'],
  ['/dir/', 'file:///dir/'],
  ['/a b', 'file:///a%20b'],
  ['/100%', 'file:///100%25'],
  ['/a#b?c', 'file:///a%23b%3Fc'],
  ['/back\\slash', 'file:///back%5Cslash'],
  ['/line\nfeed\r\ttab', 'file:///line%0Afeed%0D%09tab'],
  ['/q"[x]^|~', 'file:///q%22%5Bx%5D%5E%7C%7E'],
  ['/中', 'file:///%E4%B8%AD'],
  ['/a/../b/./c', 'file:///b/c'],
  ['/', 'file:///'],
]
for (const [input, expected] of toURL) {
  test(`pathToFileURL(${JSON.stringify(input)})`, () => {
    const result = url.pathToFileURL(input)
    assert.ok(result instanceof URL)
    assert.strictEqual(result.href, expected)
  })
}

test('pathToFileURL() resolves relative paths against the cwd', () => {
  assert.strictEqual(url.pathToFileURL('rel/x').href, new URL(`file://${cwd}/rel/x`).href)
  assert.strictEqual(url.pathToFileURL('rel/').href, new URL(`file://${cwd}/rel/`).href)
  assert.strictEqual(url.pathToFileURL('').href, new URL(`file://${cwd}`).href)
})

test('pathToFileURL() and fileURLToPath() round-trip', () => {
  for (const p of ['/tmp/a b/c%d#e?f', '/x/ü/\\', '/end/']) {
    assert.strictEqual(url.fileURLToPath(url.pathToFileURL(p)), p)
  }
})

test('pathToFileURL() wants a string', () => {
  assert.throws(() => url.pathToFileURL(5), {
    name: 'TypeError',
    code: 'ERR_INVALID_ARG_TYPE',
    message: 'The "path" argument must be of type string. Received type number (5)',
  })
})

test('pathToFileURL() with { windows: true }', () => {
  assert.strictEqual(url.pathToFileURL('C:\\a b\\c', { windows: true }).href, 'file:///C:/a%20b/c')
  assert.strictEqual(url.pathToFileURL('\\\\server\\share\\f.txt', { windows: true }).href, 'file://server/share/f.txt')
  assert.throws(() => url.pathToFileURL('\\\\server', { windows: true }), {
    name: 'TypeError',
    code: 'ERR_INVALID_ARG_VALUE',
    message: "The argument 'path' Missing UNC resource path. Received '\\\\\\\\server'",
  })
})

// --- urlToHttpOptions -------------------------------------------------------------------

test('urlToHttpOptions() of a full URL', () => {
  const options = url.urlToHttpOptions(new URL('https://a%20b:c@[::1]:8443/p/q?x=1#h'))
  assert.deepStrictEqual({ ...options }, {
    protocol: 'https:',
    hostname: '::1',
    hash: '#h',
    search: '?x=1',
    pathname: '/p/q',
    path: '/p/q?x=1',
    href: 'https://a%20b:c@[::1]:8443/p/q?x=1#h',
    port: 8443,
    auth: 'a b:c',
  })
  assert.strictEqual(Object.getPrototypeOf(options), null)
})

test('urlToHttpOptions() leaves out an empty port and auth', () => {
  const options = url.urlToHttpOptions(new URL('http://example.com/'))
  assert.strictEqual('port' in options, false)
  assert.strictEqual('auth' in options, false)
  assert.strictEqual(options.path, '/')
  assert.strictEqual(options.hostname, 'example.com')
})

// --- domains ------------------------------------------------------------------------------

const domains = [
  ['example.com', 'example.com', 'example.com'],
  ['EXAMPLE.com', 'example.com', 'example.com'],
  ['español.com', 'xn--espaol-zwa.com', 'español.com'],
  ['xn--espaol-zwa.com', 'xn--espaol-zwa.com', 'español.com'],
  ['中文.com', 'xn--fiq228c.com', '中文.com'],
  ['xn--ls8h.la', 'xn--ls8h.la', '💩.la'],
  ['xn--iñvalid.com', '', ''],
  ['', '', ''],
  ['a b', '', ''],
]
for (const [input, ascii, unicode] of domains) {
  test(`domainToASCII / domainToUnicode(${JSON.stringify(input)})`, () => {
    assert.strictEqual(url.domainToASCII(input), ascii)
    assert.strictEqual(url.domainToUnicode(input), unicode)
  })
}

test('domainToASCII() / domainToUnicode() need an argument', () => {
  for (const fn of [url.domainToASCII, url.domainToUnicode]) {
    assert.throws(() => fn(), { name: 'TypeError', code: 'ERR_MISSING_ARGS', message: 'The "domain" argument must be specified' })
  }
})

test('parse() punycodes a Unicode host and format(URL, unicode) undoes it', () => {
  const parsed = url.parse('http://mañana.com/x')
  assert.strictEqual(parsed.hostname, 'xn--maana-pta.com')
  assert.strictEqual(url.format(new URL(parsed.href), { unicode: true }), 'http://mañana.com/x')
})
