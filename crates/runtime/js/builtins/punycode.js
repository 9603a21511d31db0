// `punycode`: Node's (deprecated) punycode module, version 2.1.0 of its API, written for
// this runtime. Punycode (RFC 3492) is the Bootstring encoding IDNA uses to carry Unicode
// domain labels in ASCII (`mañana` ⇄ `maana-pta`, `xn--maana-pta` in a host name).
// `encode`/`decode` work on one label; `toASCII`/`toUnicode` work on whole domains or
// e-mail addresses (only the part after `@` is converted); `ucs2.decode`/`ucs2.encode`
// convert between JS strings and arrays of code points. Bad input throws a RangeError
// with Node's messages. The `url` module's domainToASCII/domainToUnicode build on this.

const MAX_INT = 0x7fffffff // the RFC's integers are 32-bit signed
const BASE = 36
const T_MIN = 1
const T_MAX = 26
const SKEW = 38
const DAMP = 700
const INITIAL_BIAS = 72
const INITIAL_N = 0x80
const DELIMITER = '-'

const MESSAGES = {
  overflow: 'Overflow: input needs wider integers to process',
  'not-basic': 'Illegal input >= 0x80 (not a basic code point)',
  'invalid-input': 'Invalid input',
}

function fail(kind) {
  throw new RangeError(MESSAGES[kind])
}

// ---------------------------------------------------------------------------------------
// UCS-2 (JS string) ⇄ code points
// ---------------------------------------------------------------------------------------

// A string's code points; a lone surrogate comes through as its own value.
function ucs2decode(string) {
  const points = []
  for (let i = 0; i < string.length; i++) {
    const unit = string.charCodeAt(i)
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < string.length) {
      const next = string.charCodeAt(i + 1)
      if ((next & 0xfc00) === 0xdc00) {
        points.push(((unit & 0x3ff) << 10) + (next & 0x3ff) + 0x10000)
        i++
        continue
      }
    }
    points.push(unit)
  }
  return points
}

function ucs2encode(codePoints) {
  const points = Array.isArray(codePoints) ? codePoints : [...codePoints]
  let out = ''
  // Chunked so that huge arrays do not overflow the argument list.
  for (let i = 0; i < points.length; i += 4096) out += String.fromCodePoint(...points.slice(i, i + 4096))
  return out
}

// ---------------------------------------------------------------------------------------
// Bootstring pieces (RFC 3492 §6)
// ---------------------------------------------------------------------------------------

// The digit value of a basic code point: a–z / A–Z are 0–25, 0–9 are 26–35; anything else
// is BASE (not a digit).
function digitOf(code) {
  if (code >= 0x30 && code <= 0x39) return code - 0x30 + 26
  if (code >= 0x41 && code <= 0x5a) return code - 0x41
  if (code >= 0x61 && code <= 0x7a) return code - 0x61
  return BASE
}

// The (lower-case) basic code point for a digit value.
function charOf(digit) {
  return String.fromCharCode(digit < 26 ? 0x61 + digit : 0x30 + digit - 26)
}

// The threshold t for position k of a variable-length integer.
function threshold(k, bias) {
  if (k <= bias) return T_MIN
  if (k >= bias + T_MAX) return T_MAX
  return k - bias
}

function adapt(delta, numPoints, firstTime) {
  delta = firstTime ? Math.floor(delta / DAMP) : delta >> 1
  delta += Math.floor(delta / numPoints)
  let k = 0
  while (delta > ((BASE - T_MIN) * T_MAX) >> 1) {
    delta = Math.floor(delta / (BASE - T_MIN))
    k += BASE
  }
  return Math.floor(k + ((BASE - T_MIN + 1) * delta) / (delta + SKEW))
}

// ---------------------------------------------------------------------------------------
// Labels
// ---------------------------------------------------------------------------------------

// Punycode (ASCII) label → Unicode string.
export function decode(input) {
  const output = []
  // Everything before the last delimiter is copied as-is and must be basic.
  const delimiterAt = Math.max(input.lastIndexOf(DELIMITER), 0)
  for (let j = 0; j < delimiterAt; j++) {
    const code = input.charCodeAt(j)
    if (code >= 0x80) fail('not-basic')
    output.push(code)
  }

  let n = INITIAL_N
  let bias = INITIAL_BIAS
  let i = 0
  let at = delimiterAt > 0 ? delimiterAt + 1 : 0
  while (at < input.length) {
    // Read one generalized variable-length integer and add it to i.
    const before = i
    let weight = 1
    for (let k = BASE; ; k += BASE) {
      if (at >= input.length) fail('invalid-input')
      const digit = digitOf(input.charCodeAt(at++))
      if (digit >= BASE) fail('invalid-input')
      if (digit > Math.floor((MAX_INT - i) / weight)) fail('overflow')
      i += digit * weight
      const t = threshold(k, bias)
      if (digit < t) break
      if (weight > Math.floor(MAX_INT / (BASE - t))) fail('overflow')
      weight *= BASE - t
    }
    const length = output.length + 1
    bias = adapt(i - before, length, before === 0)
    if (Math.floor(i / length) > MAX_INT - n) fail('overflow')
    n += Math.floor(i / length)
    i %= length
    output.splice(i, 0, n)
    i++
  }
  return ucs2encode(output)
}

// Unicode label → Punycode (ASCII) label, without the `xn--` prefix.
export function encode(input) {
  const points = ucs2decode(input)
  let output = ''
  for (const point of points) {
    if (point < 0x80) output += String.fromCharCode(point)
  }
  const basicCount = output.length
  if (basicCount > 0) output += DELIMITER

  let n = INITIAL_N
  let delta = 0
  let bias = INITIAL_BIAS
  let handled = basicCount
  while (handled < points.length) {
    // The smallest code point not yet handled.
    let next = MAX_INT
    for (const point of points) {
      if (point >= n && point < next) next = point
    }
    if (next - n > Math.floor((MAX_INT - delta) / (handled + 1))) fail('overflow')
    delta += (next - n) * (handled + 1)
    n = next

    for (const point of points) {
      if (point < n && ++delta > MAX_INT) fail('overflow')
      if (point !== n) continue
      // Write delta as a generalized variable-length integer.
      let q = delta
      for (let k = BASE; ; k += BASE) {
        const t = threshold(k, bias)
        if (q < t) break
        output += charOf(t + ((q - t) % (BASE - t)))
        q = Math.floor((q - t) / (BASE - t))
      }
      output += charOf(q)
      bias = adapt(delta, handled + 1, handled === basicCount)
      delta = 0
      handled++
    }
    delta++
    n++
  }
  return output
}

// ---------------------------------------------------------------------------------------
// Domains
// ---------------------------------------------------------------------------------------

const SEPARATORS = /[\x2E\u3002\uFF0E\uFF61]/g // the full stops RFC 3490 accepts
const NON_ASCII = /[^\0-\x7f]/

// Applies `convert` to every label of a domain (or of an e-mail address's domain part;
// as in Node, only the text between the first and second `@` counts as the domain).
function mapDomain(input, convert) {
  const parts = input.split('@')
  let prefix = ''
  let domain = input
  if (parts.length > 1) {
    prefix = `${parts[0]}@`
    domain = parts[1]
  }
  return prefix + domain.replace(SEPARATORS, '.').split('.').map(convert).join('.')
}

// Domain with Unicode labels → ASCII (`xn--` labels for the non-ASCII ones).
export function toASCII(input) {
  return mapDomain(input, (label) => (NON_ASCII.test(label) ? `xn--${encode(label)}` : label))
}

// Domain with `xn--` labels → Unicode.
export function toUnicode(input) {
  return mapDomain(input, (label) => (label.startsWith('xn--') ? decode(label.slice(4).toLowerCase()) : label))
}

export const ucs2 = { decode: ucs2decode, encode: ucs2encode }
export const version = '2.1.0'

export default { version, ucs2, decode, encode, toASCII, toUnicode }
