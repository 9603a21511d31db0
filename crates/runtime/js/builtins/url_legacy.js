// `url` (legacy half): Node 20's original URL API, written for this runtime, plus the
// file-URL and domain helpers. Our `url` module re-exports everything here.
//
//   - `Url` and `parse(urlStr, parseQueryString, slashesDenoteHost)`: the lenient
//     pre-WHATWG parser (protocol/host lower-casing, auto-escaping of unsafe characters,
//     IPv6 hosts, IDNA host names, `javascript:` and other hostless protocols).
//   - `format(urlObject | URL | string, options)`, `resolve(from, to)`, `resolveObject`.
//   - `fileURLToPath`, `pathToFileURL` (POSIX by default; `{ windows: true }` as in Node),
//     `urlToHttpOptions`, `domainToASCII`, `domainToUnicode`.
//   - `URL` and `URLSearchParams`, which are the runtime's WHATWG globals.
//
// Host names go through the WHATWG `URL` host parser (which does the UTS #46 mapping and
// validation) and fall back to plain punycode when that parser leaves non-ASCII behind.
// Query strings are parsed and serialized by a small local copy of `querystring`'s
// default behaviour. Errors carry Node's `code`s (ERR_INVALID_ARG_TYPE, ERR_INVALID_URL,
// ERR_INVALID_URL_SCHEME, ERR_INVALID_FILE_URL_HOST, ERR_INVALID_FILE_URL_PATH, ...).

import { posix as posixPath, win32 as win32Path } from 'path'
import { toASCII as punycodeToASCII, toUnicode as punycodeToUnicode } from 'punycode'

export const URL = globalThis.URL
export const URLSearchParams = globalThis.URLSearchParams

// ---------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------

function nodeError(Base, code, message, extra) {
  const error = new Base(message)
  error.code = code
  if (extra) Object.assign(error, extra)
  Object.defineProperty(error, 'toString', {
    value() {
      return `${this.name} [${this.code}]: ${this.message}`
    },
    enumerable: false,
    configurable: true,
    writable: true,
  })
  return error
}

// How Node's error messages describe a received value.
function describeReceived(value) {
  if (value === null) return 'null'
  if (value === undefined) return 'undefined'
  switch (typeof value) {
    case 'bigint':
      return `type bigint (${value}n)`
    case 'number':
      return Object.is(value, -0) ? 'type number (-0)' : `type number (${value})`
    case 'boolean':
      return `type boolean (${value})`
    case 'symbol':
      return `type symbol (${String(value)})`
    case 'function':
      return `function ${value.name}`
    case 'string': {
      const shown = value.length > 28 ? `${value.slice(0, 25)}...` : value
      return shown.includes("'") ? `type string (${JSON.stringify(shown)})` : `type string ('${shown}')`
    }
    case 'object':
      if (value.constructor && 'name' in value.constructor) return `an instance of ${value.constructor.name}`
      return Object.getPrototypeOf(value) === null ? '[Object: null prototype] {}' : 'type object'
    default:
      return `type ${typeof value}`
  }
}

// A string the way util.inspect shows it (for ERR_INVALID_ARG_VALUE messages).
function inspectString(text) {
  const quote = !text.includes("'") ? "'" : !text.includes('"') ? '"' : !text.includes('`') ? '`' : "'"
  let out = quote
  for (const ch of text) {
    const code = ch.charCodeAt(0)
    if (ch === quote || ch === '\\') out += `\\${ch}`
    else if (ch === '\n') out += '\\n'
    else if (ch === '\t') out += '\\t'
    else if (ch === '\r') out += '\\r'
    else if (ch === '\b') out += '\\b'
    else if (ch === '\f') out += '\\f'
    else if (ch === '\v') out += '\\v'
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).toUpperCase().padStart(2, '0')}`
    else out += ch
  }
  return out + quote
}

const argTypeError = (name, expected, value) =>
  nodeError(
    TypeError,
    'ERR_INVALID_ARG_TYPE',
    `The "${name}" argument must be ${expected}. Received ${describeReceived(value)}`,
  )

function requireString(value, name) {
  if (typeof value !== 'string') throw argTypeError(name, 'of type string', value)
}

function requireOptionsObject(value, name) {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw argTypeError(name, 'of type object', value)
  }
}

const invalidUrl = (input) => nodeError(TypeError, 'ERR_INVALID_URL', 'Invalid URL', { input })
const invalidFilePath = (why) => nodeError(TypeError, 'ERR_INVALID_FILE_URL_PATH', `File URL path ${why}`)

// `new URL(input)` with Node's ERR_INVALID_URL on failure, whatever the engine throws.
function parseWhatwg(input) {
  try {
    return new URL(input)
  } catch {
    throw invalidUrl(input)
  }
}

// ---------------------------------------------------------------------------------------
// Percent-encoding and a local `querystring` (default separators only)
// ---------------------------------------------------------------------------------------

const HEX = Array.from({ length: 256 }, (_, byte) => `%${byte < 16 ? '0' : ''}${byte.toString(16).toUpperCase()}`)

// ASCII characters left as they are: A–Z a–z 0–9 and these marks.
const QUERY_SAFE = "!'()*-._~"
const AUTH_SAFE = "!'()*-._~:"

// Percent-encodes `text` as UTF-8, keeping ASCII letters, digits and `safe`. Like Node, a
// surrogate is paired with whatever unit follows it, and one at the very end throws.
function percentEncode(text, safe) {
  let out = ''
  for (let i = 0; i < text.length; i++) {
    let code = text.charCodeAt(i)
    if (code < 0x80) {
      const ch = text[i]
      const plain =
        (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a) || safe.includes(ch)
      out += plain ? ch : HEX[code]
    } else if (code < 0x800) {
      out += HEX[0xc0 | (code >> 6)] + HEX[0x80 | (code & 0x3f)]
    } else if (code < 0xd800 || code >= 0xe000) {
      out += HEX[0xe0 | (code >> 12)] + HEX[0x80 | ((code >> 6) & 0x3f)] + HEX[0x80 | (code & 0x3f)]
    } else {
      i++
      if (i >= text.length) throw nodeError(URIError, 'ERR_INVALID_URI', 'URI malformed')
      code = 0x10000 + (((code & 0x3ff) << 10) | (text.charCodeAt(i) & 0x3ff))
      out +=
        HEX[0xf0 | (code >> 18)] +
        HEX[0x80 | ((code >> 12) & 0x3f)] +
        HEX[0x80 | ((code >> 6) & 0x3f)] +
        HEX[0x80 | (code & 0x3f)]
    }
  }
  return out
}

function utf8Decode(bytes) {
  if (typeof Buffer === 'function') return Buffer.from(bytes).toString('utf8')
  return new TextDecoder().decode(bytes)
}

// querystring's lenient unescape: decodeURIComponent, or, when that fails, decode just the
// well-formed `%XX` bytes (other characters keep only their low byte, as in Node) and read
// the bytes as UTF-8 with replacement characters.
function lenientUnescape(text) {
  try {
    return decodeURIComponent(text)
  } catch {
    const bytes = new Uint8Array(text.length)
    let n = 0
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i)
      if (code === 0x25 && i < text.length - 2) {
        const hi = hexValue(text.charCodeAt(i + 1))
        const lo = hi < 0 ? -1 : hexValue(text.charCodeAt(i + 2))
        if (hi >= 0 && lo >= 0) {
          bytes[n++] = hi * 16 + lo
          i += 2
          continue
        }
      }
      bytes[n++] = code & 0xff
    }
    return utf8Decode(bytes.subarray(0, n))
  }
}

function hexValue(code) {
  if (code >= 0x30 && code <= 0x39) return code - 0x30
  if (code >= 0x41 && code <= 0x46) return code - 0x41 + 10
  if (code >= 0x61 && code <= 0x66) return code - 0x61 + 10
  return -1
}

const isHexCode = (code) => hexValue(code) >= 0

// Which halves of one `key=value` pair querystring.parse decodes. It watches for `%XX`
// with a small state machine whose quirks decide real results: `+` is skipped inside a
// value's `%XX` (`%4+1` counts), and once the key is known to be encoded its remaining
// characters are watched on behalf of the value.
function escapesIn(part, eq) {
  let check = 0
  let keyEncoded = false
  let valueEncoded = false
  const watchValue = (code) => {
    if (valueEncoded) return
    if (code === 0x25) check = 1
    else if (check > 0) {
      if (!isHexCode(code)) check = 0
      else if (++check === 3) valueEncoded = true
    }
  }
  for (let i = 0; i < part.length; i++) {
    const code = part.charCodeAt(i)
    if (eq === -1 || i < eq) {
      if (!keyEncoded) {
        if (code === 0x25) {
          check = 1
          continue
        }
        if (check > 0) {
          if (isHexCode(code)) {
            if (++check === 3) keyEncoded = true
            continue
          }
          check = 0
        }
      }
      if (code === 0x2b) continue
      watchValue(code)
    } else if (i === eq) {
      check = 0
    } else if (code !== 0x2b) {
      watchValue(code)
    }
  }
  return { keyEncoded, valueEncoded }
}

// querystring.parse(text) with `&`, `=` and the default 1000-pair limit (empty pairs
// count towards it). `+` means a space.
function parseQuery(text) {
  const result = { __proto__: null }
  if (typeof text !== 'string' || text.length === 0) return result
  const decodePart = (raw, encoded) => {
    const spaced = raw.replace(/\+/g, ' ')
    return encoded && spaced.length > 0 ? lenientUnescape(spaced) : spaced
  }
  const parts = text.split('&')
  for (let i = 0; i < parts.length && i < 1000; i++) {
    const part = parts[i]
    if (part === '') continue
    const eq = part.indexOf('=')
    const { keyEncoded, valueEncoded } = escapesIn(part, eq)
    const key = decodePart(eq === -1 ? part : part.slice(0, eq), keyEncoded)
    const value = eq === -1 ? '' : decodePart(part.slice(eq + 1), valueEncoded)
    const existing = result[key]
    if (existing === undefined) result[key] = value
    else if (existing.pop) existing.push(value)
    else result[key] = [existing, value]
  }
  return result
}

function stringifyQueryValue(value) {
  if (typeof value === 'string') return value.length > 0 ? percentEncode(value, QUERY_SAFE) : ''
  if (typeof value === 'number' && Number.isFinite(value)) {
    return Math.abs(value) < 1e21 ? `${value}` : percentEncode(`${value}`, QUERY_SAFE)
  }
  if (typeof value === 'bigint') return `${value}`
  if (typeof value === 'boolean') return value ? 'true' : 'false'
  return ''
}

// querystring.stringify(object) with `&` and `=`.
function stringifyQuery(object) {
  const fields = []
  for (const key of Object.keys(object)) {
    const value = object[key]
    const prefix = `${stringifyQueryValue(key)}=`
    if (Array.isArray(value)) {
      for (const item of value) fields.push(prefix + stringifyQueryValue(item))
    } else {
      fields.push(prefix + stringifyQueryValue(value))
    }
  }
  return fields.join('&')
}

// ---------------------------------------------------------------------------------------
// Domains
// ---------------------------------------------------------------------------------------

const NON_ASCII = /[^\0-\x7f]/

// The WHATWG host parser's verdict on `domain` ('' when it is not a valid host), read
// through a `ws:` URL's hostname setter, which leaves the URL alone on failure.
function whatwgHost(domain) {
  const probe = (placeholder) => {
    const url = new URL(`ws://${placeholder}`)
    url.hostname = domain
    return url.hostname
  }
  let host = probe('a.invalid')
  if (host === 'a.invalid' && probe('b.invalid') === 'b.invalid') host = ''
  return host
}

export function domainToASCII(domain) {
  if (arguments.length < 1) throw nodeError(TypeError, 'ERR_MISSING_ARGS', 'The "domain" argument must be specified')
  const text = `${domain}`
  if (typeof URL !== 'function') {
    try {
      return punycodeToASCII(text.toLowerCase())
    } catch {
      return ''
    }
  }
  const host = whatwgHost(text)
  if (!NON_ASCII.test(host)) return host
  // The URL implementation did no IDNA processing: punycode what is left.
  try {
    return punycodeToASCII(host.toLowerCase())
  } catch {
    return ''
  }
}

export function domainToUnicode(domain) {
  if (arguments.length < 1) throw nodeError(TypeError, 'ERR_MISSING_ARGS', 'The "domain" argument must be specified')
  const ascii = domainToASCII(`${domain}`)
  if (ascii === '') return ''
  try {
    return punycodeToUnicode(ascii)
  } catch {
    return ''
  }
}

// IDNA for a legacy-parsed host name (already lower-cased): only names with non-ASCII or
// `xn--` labels need work; the rest stay as they are (no IPv4 rewriting, as in Node).
function hostnameToASCII(hostname) {
  if (!NON_ASCII.test(hostname) && !/(^|\.)xn--/.test(hostname)) return hostname
  return domainToASCII(hostname)
}

// ---------------------------------------------------------------------------------------
// The legacy parser
// ---------------------------------------------------------------------------------------

// Protocols whose URLs never have a host, that may hold unsafe characters, or that always
// take `//`.
const HOSTLESS = new Set(['javascript', 'javascript:'])
const UNSAFE = new Set(['javascript', 'javascript:'])
const SLASHED = new Set(
  ['http', 'https', 'ftp', 'gopher', 'file', 'ws', 'wss'].flatMap((name) => [name, `${name}:`]),
)

const PROTOCOL = /^[a-z0-9.+-]+:/i
const PORT = /:[0-9]*$/
const AUTH_THEN_HOST = /^\/\/[^@/]+@[^@/]+/
const SIMPLE_PATH = /^(\/\/?(?!\/)[^?\s]*)(\?[^\s]*)?$/
const HOSTNAME_MAX = 255

// Characters RFC 2396 never allows in a host name: they end it (and start the path).
const NOT_IN_HOST = new Set([' ', '"', '%', "'", ';', '<', '>', '\\', '^', '`', '{', '|', '}'])
// Characters that may not survive IDNA conversion of a host (spoofing guards).
const FORBIDDEN_HOST = /[\0\t\n\r #%/:<>?@[\\\]^|]/
const FORBIDDEN_IPV6_HOST = /[\0\t\n\r #%/<>?@\\^|]/

// What the parser escapes in the part after the host (unless the protocol is unsafe).
const AUTO_ESCAPE = {
  '\t': '%09', '\n': '%0A', '\r': '%0D', ' ': '%20', '"': '%22', "'": '%27', '<': '%3C',
  '>': '%3E', '\\': '%5C', '^': '%5E', '`': '%60', '{': '%7B', '|': '%7C', '}': '%7D',
}
const AUTO_ESCAPE_CHARS = /[\t\n\r "'<>\\^`{|}]/g

const isWhitespace = (code) => code < 33 || code === 0xa0 || code === 0xfeff
const isIpv6Hostname = (hostname) => hostname.startsWith('[') && hostname.endsWith(']')

let invalidPortWarned = false
function warnInvalidPort(input) {
  if (invalidPortWarned) return
  invalidPortWarned = true
  const emit = globalThis.process && globalThis.process.emitWarning
  if (typeof emit === 'function') {
    emit.call(
      globalThis.process,
      `The URL ${input} is invalid. Future versions of Node.js will throw an error.`,
      'DeprecationWarning',
      'DEP0170',
    )
  }
}

export function Url() {
  this.protocol = null
  this.slashes = null
  this.auth = null
  this.host = null
  this.port = null
  this.hostname = null
  this.hash = null
  this.search = null
  this.query = null
  this.pathname = null
  this.path = null
  this.href = null
}

// Trims surrounding whitespace and turns backslashes into slashes up to the first `?` or
// `#`, noting whether a `#` occurs at all and an `@` occurs before that point.
function prepareInput(input) {
  let start = 0
  while (start < input.length && isWhitespace(input.charCodeAt(start))) start++
  let end = input.length
  while (end > start && isWhitespace(input.charCodeAt(end - 1))) end--
  const text = input.slice(start, end)
  let split = text.search(/[?#]/)
  if (split === -1) split = text.length
  const head = text.slice(0, split)
  return {
    rest: head.replace(/\\/g, '/') + text.slice(split),
    hasHash: text.includes('#'),
    hasAt: head.includes('@'),
  }
}

Url.prototype.parse = function parse(input, parseQueryString, slashesDenoteHost) {
  requireString(input, 'url')
  let { rest, hasHash, hasAt } = prepareInput(input)

  // Plain paths (with an optional query) need none of the work below.
  if (!slashesDenoteHost && !hasHash && !hasAt) {
    const simple = SIMPLE_PATH.exec(rest)
    if (simple) {
      this.path = rest
      this.href = rest
      this.pathname = simple[1]
      if (simple[2]) {
        this.search = simple[2]
        this.query = parseQueryString ? parseQuery(this.search.slice(1)) : this.search.slice(1)
      } else if (parseQueryString) {
        this.search = null
        this.query = { __proto__: null }
      }
      return this
    }
  }

  const protocolMatch = PROTOCOL.exec(rest)
  const proto = protocolMatch ? protocolMatch[0] : undefined
  const lowerProto = proto === undefined ? undefined : proto.toLowerCase()
  if (proto !== undefined) {
    this.protocol = lowerProto
    rest = rest.slice(proto.length)
  }

  // `//` introduces a host; so does `user@server` even without it.
  let slashes = false
  if (slashesDenoteHost || proto !== undefined || AUTH_THEN_HOST.test(rest)) {
    slashes = rest.startsWith('//')
    if (slashes && !(proto !== undefined && HOSTLESS.has(lowerProto))) {
      rest = rest.slice(2)
      this.slashes = true
    }
  }

  // (The case-sensitive `proto` check is Node's: `HTTP:x` takes a host, `http:x` not.)
  if (!HOSTLESS.has(lowerProto) && (slashes || (proto !== undefined && !SLASHED.has(proto)))) {
    rest = parseAuthority(this, rest, input)
  }

  if (!UNSAFE.has(lowerProto)) rest = rest.replace(AUTO_ESCAPE_CHARS, (ch) => AUTO_ESCAPE[ch])

  const hashAt = rest.indexOf('#')
  if (hashAt !== -1) this.hash = rest.slice(hashAt)
  const beforeHash = hashAt === -1 ? rest : rest.slice(0, hashAt)
  const queryAt = beforeHash.indexOf('?')
  if (queryAt !== -1) {
    this.search = beforeHash.slice(queryAt)
    this.query = beforeHash.slice(queryAt + 1)
    if (parseQueryString) this.query = parseQuery(this.query)
  } else if (parseQueryString) {
    this.search = null
    this.query = { __proto__: null }
  }

  const pathEnd = queryAt !== -1 ? queryAt : hashAt
  if (pathEnd === -1) {
    if (rest.length > 0) this.pathname = rest
  } else if (pathEnd > 0) {
    this.pathname = rest.slice(0, pathEnd)
  }
  if (SLASHED.has(lowerProto) && this.hostname && !this.pathname) this.pathname = '/'

  if (this.pathname || this.search) this.path = (this.pathname || '') + (this.search || '')
  this.href = this.format()
  return this
}

// Reads `[auth@]host[:port]` off the front of `rest` into `url` and returns what
// follows. Tabs and newlines in that stretch are dropped, as the WHATWG parser does.
function parseAuthority(url, rest, input) {
  // The host ends at the first `/`, `?` or `#`; anything RFC 2396 forbids in a host also
  // ends it, unless an `@` follows (then it was part of the credentials).
  let atSign = -1
  let nonHost = -1
  for (let i = 0; i < rest.length; i++) {
    const ch = rest[i]
    if (ch === '\t' || ch === '\n' || ch === '\r') {
      rest = rest.slice(0, i) + rest.slice(i + 1)
      i--
    } else if (NOT_IN_HOST.has(ch)) {
      if (nonHost === -1) nonHost = i
    } else if (ch === '#' || ch === '/' || ch === '?') {
      if (nonHost === -1) nonHost = i
      break
    } else if (ch === '@') {
      atSign = i
      nonHost = -1
    }
  }
  let hostStart = 0
  if (atSign !== -1) {
    url.auth = decodeURIComponent(rest.slice(0, atSign))
    hostStart = atSign + 1
  }
  if (nonHost === -1) {
    url.host = rest.slice(hostStart)
    rest = ''
  } else {
    url.host = rest.slice(hostStart, nonHost)
    rest = rest.slice(nonHost)
  }

  url.parseHost()
  // There is a host, so even an empty one is a string.
  if (typeof url.hostname !== 'string') url.hostname = ''
  const ipv6 = isIpv6Hostname(url.hostname)

  if (!ipv6) {
    // Anything from the first `/ \ # ? :` on moves over to the path.
    const cut = url.hostname.search(/[/\\#?:]/)
    if (cut !== -1) {
      if (url.hostname[cut] === ':') warnInvalidPort(input)
      rest = `/${url.hostname.slice(cut)}${rest}`
      url.hostname = url.hostname.slice(0, cut)
    }
  }

  url.hostname = url.hostname.length > HOSTNAME_MAX ? '' : url.hostname.toLowerCase()
  if (url.hostname !== '') {
    if (ipv6) {
      if (FORBIDDEN_IPV6_HOST.test(url.hostname)) throw invalidUrl(input)
    } else {
      url.hostname = hostnameToASCII(url.hostname)
      if (url.hostname === '' || FORBIDDEN_HOST.test(url.hostname)) throw invalidUrl(input)
    }
  }

  url.host = url.hostname + (url.port ? `:${url.port}` : '')
  if (ipv6) {
    // `host` keeps the brackets, `hostname` does not.
    url.hostname = url.hostname.slice(1, -1)
    if (rest[0] !== '/') rest = `/${rest}`
  }
  return rest
}

Url.prototype.parseHost = function parseHost() {
  let host = this.host
  const port = PORT.exec(host)
  if (port) {
    if (port[0] !== ':') this.port = port[0].slice(1)
    host = host.slice(0, host.length - port[0].length)
  }
  if (host) this.hostname = host
}

Url.prototype.format = function format() {
  let auth = this.auth || ''
  if (auth) {
    if (typeof auth === 'string') auth = percentEncode(auth, AUTH_SAFE)
    auth += '@'
  }
  let protocol = this.protocol || ''
  let pathname = this.pathname || ''
  let hash = this.hash || ''
  let host = ''
  if (this.host) {
    host = auth + this.host
  } else if (this.hostname) {
    const name = this.hostname
    host = auth + (name.includes(':') && !isIpv6Hostname(name) ? `[${name}]` : name)
    if (this.port) host += `:${this.port}`
  }

  const query = this.query !== null && typeof this.query === 'object' ? stringifyQuery(this.query) : ''
  let search = this.search || (query && `?${query}`) || ''

  if (protocol && protocol.charCodeAt(protocol.length - 1) !== 0x3a) protocol += ':'
  if (typeof pathname === 'string') pathname = pathname.replace(/[#?]/g, (ch) => (ch === '#' ? '%23' : '%3F'))

  // Only slashed protocols get `//` (mailto:, xmpp: and such only if they had it).
  if (this.slashes || SLASHED.has(protocol)) {
    if (this.slashes || host) {
      if (pathname && pathname.charCodeAt(0) !== 0x2f) pathname = `/${pathname}`
      host = `//${host}`
    } else if (protocol.startsWith('file')) {
      host = '//'
    }
  }

  search = search.replace(/#/g, '%23')
  if (hash && hash.charCodeAt(0) !== 0x23) hash = `#${hash}`
  if (search && search.charCodeAt(0) !== 0x3f) search = `?${search}`
  return protocol + host + pathname + search + hash
}

Url.prototype.resolve = function resolve(relative) {
  return this.resolveObject(urlParse(relative, false, true)).format()
}

const removeAt = (list, index) => list.splice(index, 1)

// Splits `user@host` left in a host field by hostless-style resolution.
function moveAuthOutOfHost(result) {
  if (result.host && result.host.indexOf('@') > 0) {
    const [auth, host] = result.host.split('@')
    result.auth = auth
    result.host = result.hostname = host
  }
}

Url.prototype.resolveObject = function resolveObject(relative) {
  if (typeof relative === 'string') {
    const parsed = new Url()
    parsed.parse(relative, false, true)
    relative = parsed
  }

  const result = new Url()
  Object.assign(result, this)
  // The hash always comes from the relative URL, even an empty one.
  result.hash = relative.hash

  if (relative.href === '') {
    result.href = result.format()
    return result
  }

  // `//host/path` keeps only the protocol.
  if (relative.slashes && !relative.protocol) {
    for (const key of Object.keys(relative)) {
      if (key !== 'protocol') result[key] = relative[key]
    }
    if (SLASHED.has(result.protocol) && result.hostname && !result.pathname) result.path = result.pathname = '/'
    result.href = result.format()
    return result
  }

  if (relative.protocol && relative.protocol !== result.protocol) {
    // A different, non-slashed protocol: the relative URL stands on its own.
    if (!SLASHED.has(relative.protocol)) {
      Object.assign(result, relative)
      result.href = result.format()
      return result
    }
    // A slashed protocol needs a host: take the first path segment when there is none.
    result.protocol = relative.protocol
    if (!relative.host && !/^file:?$/.test(relative.protocol) && !HOSTLESS.has(relative.protocol)) {
      const segments = (relative.pathname || '').split('/')
      while (segments.length && !(relative.host = segments.shift()));
      if (!relative.host) relative.host = ''
      if (!relative.hostname) relative.hostname = ''
      if (segments[0] !== '') segments.unshift('')
      if (segments.length < 2) segments.unshift('')
      result.pathname = segments.join('/')
    } else {
      result.pathname = relative.pathname
    }
    result.search = relative.search
    result.query = relative.query
    result.host = relative.host || ''
    result.auth = relative.auth
    result.hostname = relative.hostname || relative.host
    result.port = relative.port
    if (result.pathname || result.search) result.path = (result.pathname || '') + (result.search || '')
    result.slashes = result.slashes || relative.slashes
    result.href = result.format()
    return result
  }

  const sourceAbsolute = result.pathname && result.pathname.charAt(0) === '/'
  const relativeAbsolute = relative.host || (relative.pathname && relative.pathname.charAt(0) === '/')
  let mustEndAbsolute = relativeAbsolute || sourceAbsolute || (result.host && relative.pathname)
  const removeAllDots = mustEndAbsolute
  let sourcePath = (result.pathname && result.pathname.split('/')) || []
  const relativePath = (relative.pathname && relative.pathname.split('/')) || []
  const hostInPath = result.protocol && !SLASHED.has(result.protocol)

  // Non-slashed URLs (mailto: and such) treat the host as the first path segment, so
  // that `..` can climb into it; it is put back at the end.
  if (hostInPath) {
    result.hostname = ''
    result.port = null
    if (result.host) {
      if (sourcePath[0] === '') sourcePath[0] = result.host
      else sourcePath.unshift(result.host)
    }
    result.host = ''
    if (relative.protocol) {
      relative.hostname = null
      relative.port = null
      result.auth = null
      if (relative.host) {
        if (relativePath[0] === '') relativePath[0] = relative.host
        else relativePath.unshift(relative.host)
      }
      relative.host = null
    }
    mustEndAbsolute = mustEndAbsolute && (relativePath[0] === '' || sourcePath[0] === '')
  }

  if (relativeAbsolute) {
    if (relative.host || relative.host === '') {
      if (result.host !== relative.host) result.auth = null
      result.host = relative.host
      result.port = relative.port
    }
    if (relative.hostname || relative.hostname === '') {
      if (result.hostname !== relative.hostname) result.auth = null
      result.hostname = relative.hostname
    }
    result.search = relative.search
    result.query = relative.query
    sourcePath = relativePath
  } else if (relativePath.length) {
    // Replace the last segment (the "file") with the relative path.
    sourcePath.pop()
    sourcePath = sourcePath.concat(relativePath)
    result.search = relative.search
    result.query = relative.query
  } else if (relative.search !== null && relative.search !== undefined) {
    // Only a new query (`?x`).
    if (hostInPath) {
      result.hostname = result.host = sourcePath.shift()
      moveAuthOutOfHost(result)
    }
    result.search = relative.search
    result.query = relative.query
    if (result.pathname !== null || result.search !== null) {
      result.path = (result.pathname ? result.pathname : '') + (result.search ? result.search : '')
    }
    result.href = result.format()
    return result
  }

  if (!sourcePath.length) {
    result.pathname = null
    result.path = result.search ? `/${result.search}` : null
    result.href = result.format()
    return result
  }

  // A path ending in `.` or `..` (or empty) gets a trailing slash; others do not.
  let last = sourcePath[sourcePath.length - 1]
  const trailingSlash =
    ((result.host || relative.host || sourcePath.length > 1) && (last === '.' || last === '..')) || last === ''

  // Drop `.` segments and let each `..` eat the segment before it; `up` counts the
  // `..`s left over above the start.
  let up = 0
  for (let i = sourcePath.length - 1; i >= 0; i--) {
    last = sourcePath[i]
    if (last === '.') {
      removeAt(sourcePath, i)
    } else if (last === '..') {
      removeAt(sourcePath, i)
      up++
    } else if (up) {
      removeAt(sourcePath, i)
      up--
    }
  }
  if (!mustEndAbsolute && !removeAllDots) {
    for (; up > 0; up--) sourcePath.unshift('..')
  }

  if (mustEndAbsolute && sourcePath[0] !== '' && (!sourcePath[0] || sourcePath[0].charAt(0) !== '/')) {
    sourcePath.unshift('')
  }
  if (trailingSlash && sourcePath.join('/').slice(-1) !== '/') sourcePath.push('')

  const absolute = sourcePath[0] === '' || (sourcePath[0] && sourcePath[0].charAt(0) === '/')

  if (hostInPath) {
    result.hostname = result.host = absolute ? '' : sourcePath.length ? sourcePath.shift() : ''
    moveAuthOutOfHost(result)
  }

  mustEndAbsolute = mustEndAbsolute || (result.host && sourcePath.length)
  if (mustEndAbsolute && !absolute) sourcePath.unshift('')

  if (sourcePath.length) {
    result.pathname = sourcePath.join('/')
  } else {
    result.pathname = null
    result.path = null
  }
  if (result.pathname !== null || result.search !== null) {
    result.path = (result.pathname ? result.pathname : '') + (result.search ? result.search : '')
  }
  result.auth = relative.auth || result.auth
  result.slashes = result.slashes || relative.slashes
  result.href = result.format()
  return result
}

// ---------------------------------------------------------------------------------------
// Module functions
// ---------------------------------------------------------------------------------------

function urlParse(input, parseQueryString, slashesDenoteHost) {
  if (input instanceof Url) return input
  const url = new Url()
  url.parse(input, parseQueryString, slashesDenoteHost)
  return url
}

// Serializes a WHATWG URL, optionally without credentials, query or fragment, or with a
// Unicode host.
function formatWhatwg(url, options) {
  let fragment = true
  let unicode = false
  let search = true
  let auth = true
  if (options) {
    requireOptionsObject(options, 'options')
    if (options.fragment != null) fragment = Boolean(options.fragment)
    if (options.unicode != null) unicode = Boolean(options.unicode)
    if (options.search != null) search = Boolean(options.search)
    if (options.auth != null) auth = Boolean(options.auth)
  }
  const copy = new URL(url.href)
  if (!fragment) copy.hash = ''
  if (!search) copy.search = ''
  if (!auth) {
    copy.username = ''
    copy.password = ''
  }
  let href = copy.href
  if (unicode && copy.hostname) {
    const credentials =
      copy.username || copy.password ? `${copy.username}${copy.password ? `:${copy.password}` : ''}@` : ''
    const head = `${copy.protocol}//${credentials}`
    if (href.startsWith(head + copy.hostname)) {
      let shown = copy.hostname
      try {
        shown = punycodeToUnicode(copy.hostname)
      } catch {
        // keep the ASCII form
      }
      href = head + shown + href.slice(head.length + copy.hostname.length)
    }
  }
  return href
}

function urlFormat(urlObject, options) {
  if (typeof urlObject === 'string') {
    urlObject = urlParse(urlObject)
  } else if (typeof urlObject !== 'object' || urlObject === null) {
    throw argTypeError('urlObject', 'one of type object or string', urlObject)
  } else if (typeof URL === 'function' && urlObject instanceof URL) {
    return formatWhatwg(urlObject, options)
  }
  return Url.prototype.format.call(urlObject)
}

function urlResolve(source, relative) {
  return urlParse(source, false, true).resolve(relative)
}

function urlResolveObject(source, relative) {
  if (!source) return relative
  return urlParse(source, false, true).resolveObject(relative)
}

export { urlParse as parse, urlFormat as format, urlResolve as resolve, urlResolveObject as resolveObject }

// ---------------------------------------------------------------------------------------
// File URLs and http options
// ---------------------------------------------------------------------------------------

// Node's duck-typed URL check: an href and a protocol, but not a legacy Url.
const isURLLike = (value) =>
  Boolean(value?.href && value.protocol && value.auth === undefined && value.path === undefined)

const currentPlatform = () => (globalThis.process && globalThis.process.platform) || 'linux'

function pathFromPosixURL(url) {
  if (url.hostname !== '') {
    throw nodeError(
      TypeError,
      'ERR_INVALID_FILE_URL_HOST',
      `File URL host must be "localhost" or empty on ${currentPlatform()}`,
    )
  }
  const pathname = url.pathname
  if (/%2f/i.test(pathname)) throw invalidFilePath('must not include encoded / characters')
  return decodeURIComponent(pathname)
}

function pathFromWin32URL(url) {
  const hostname = url.hostname
  let pathname = url.pathname
  if (/%(2f|5c)/i.test(pathname)) throw invalidFilePath('must not include encoded \\ or / characters')
  pathname = decodeURIComponent(pathname.replace(/\//g, '\\'))
  // With a host it is a UNC path.
  if (hostname !== '') return `\\\\${domainToUnicode(hostname)}${pathname}`
  const letter = pathname.codePointAt(1) | 0x20
  if (letter < 0x61 || letter > 0x7a || pathname.charAt(2) !== ':') throw invalidFilePath('must be absolute')
  return pathname.slice(1)
}

export function fileURLToPath(path, options) {
  const windows = options?.windows
  if (typeof path === 'string') path = parseWhatwg(path)
  else if (!isURLLike(path)) throw argTypeError('path', 'of type string or an instance of URL', path)
  if (path.protocol !== 'file:') throw nodeError(TypeError, 'ERR_INVALID_URL_SCHEME', 'The URL must be of scheme file')
  return windows ? pathFromWin32URL(path) : pathFromPosixURL(path)
}

// Characters a file path may hold that would mean something else in a URL.
const PATH_ESCAPES = [
  ['%', '%25'], ['\t', '%09'], ['\n', '%0A'], ['\r', '%0D'], [' ', '%20'], ['"', '%22'], ['#', '%23'],
  ['?', '%3F'], ['[', '%5B'], ['\\', '%5C'], [']', '%5D'], ['^', '%5E'], ['|', '%7C'], ['~', '%7E'],
]

function encodePathChars(path, windows) {
  for (const [ch, escaped] of PATH_ESCAPES) {
    // On Windows a backslash is a separator, not a character to keep.
    if (windows && ch === '\\') continue
    if (path.includes(ch)) path = path.split(ch).join(escaped)
  }
  return path
}

function uncPathToFileURL(path) {
  const extended = path.startsWith('\\\\?\\UNC\\')
  const hostStart = extended ? 8 : 2
  const hostEnd = path.indexOf('\\', hostStart)
  const badPath = (reason) =>
    nodeError(TypeError, 'ERR_INVALID_ARG_VALUE', `The argument 'path' ${reason}. Received ${inspectString(path)}`)
  if (hostEnd === -1) throw badPath('Missing UNC resource path')
  if (hostEnd === 2) throw badPath('Empty UNC servername')
  const url = new URL('file://')
  url.hostname = domainToASCII(path.slice(hostStart, hostEnd))
  url.pathname = encodePathChars(path.slice(hostEnd).replace(/\\/g, '/'), true)
  return url
}

export function pathToFileURL(path, options) {
  requireString(path, 'path')
  const windows = options?.windows ?? false
  if (windows && path.startsWith('\\\\')) return uncPathToFileURL(path)
  let resolved = windows ? win32Path.resolve(path) : posixPath.resolve(path)
  // resolve() drops a trailing slash; keep the caller's.
  const last = path.charCodeAt(path.length - 1)
  if ((last === 0x2f || (windows && last === 0x5c)) && resolved[resolved.length - 1] !== '/') resolved += '/'
  return new URL(`file://${encodePathChars(resolved, windows)}`)
}

// A WHATWG URL as the options object http.request() takes.
export function urlToHttpOptions(url) {
  const { hostname, pathname, port, username, password, search } = url
  const options = {
    __proto__: null,
    ...url,
    protocol: url.protocol,
    hostname: hostname && hostname[0] === '[' ? hostname.slice(1, -1) : hostname,
    hash: url.hash,
    search,
    pathname,
    path: `${pathname || ''}${search || ''}`,
    href: url.href,
  }
  if (port !== '') options.port = Number(port)
  if (username || password) options.auth = `${decodeURIComponent(username)}:${decodeURIComponent(password)}`
  return options
}

export default {
  Url,
  parse: urlParse,
  resolve: urlResolve,
  resolveObject: urlResolveObject,
  format: urlFormat,
  URL,
  URLSearchParams,
  domainToASCII,
  domainToUnicode,
  pathToFileURL,
  fileURLToPath,
  urlToHttpOptions,
}
