// `querystring`: Node's legacy query-string module (decode/parse, encode/stringify).
function unescapeComponent(text) {
  try {
    return decodeURIComponent(text)
  } catch {
    return text.replace(/%([0-9a-fA-F]{2})/g, (match, hex) => String.fromCharCode(parseInt(hex, 16)))
  }
}

export function unescape(text) {
  return unescapeComponent(text)
}

export function escape(text) {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase())
}

export function parse(qs, sep = '&', eq = '=', options) {
  const out = Object.create(null)
  if (typeof qs !== 'string' || qs.length === 0) return out
  const maxKeys = options && typeof options.maxKeys === 'number' ? options.maxKeys : 1000
  const decode = (options && options.decodeURIComponent) || unescape
  let parts = qs.split(sep)
  if (maxKeys > 0) parts = parts.slice(0, maxKeys)
  for (const part of parts) {
    if (part.length === 0) continue
    const index = part.indexOf(eq)
    const rawKey = index >= 0 ? part.slice(0, index) : part
    const rawValue = index >= 0 ? part.slice(index + eq.length) : ''
    const key = decode(rawKey.replace(/\+/g, ' '))
    const value = decode(rawValue.replace(/\+/g, ' '))
    const existing = out[key]
    if (existing === undefined) out[key] = value
    else if (Array.isArray(existing)) existing.push(value)
    else out[key] = [existing, value]
  }
  return out
}

function stringifyPrimitive(value) {
  if (typeof value === 'string') return value
  if ((typeof value === 'number' && isFinite(value)) || typeof value === 'bigint') return String(value)
  if (typeof value === 'boolean') return value ? 'true' : 'false'
  return ''
}

export function stringify(obj, sep = '&', eq = '=', options) {
  const encode = (options && options.encodeURIComponent) || escape
  if (obj === null || typeof obj !== 'object') return ''
  const fields = []
  for (const key of Object.keys(obj)) {
    const value = obj[key]
    const ks = encode(stringifyPrimitive(key)) + eq
    if (Array.isArray(value)) {
      for (const item of value) fields.push(ks + encode(stringifyPrimitive(item)))
    } else {
      fields.push(ks + encode(stringifyPrimitive(value)))
    }
  }
  return fields.join(sep)
}

export const decode = parse
export const encode = stringify
export default { parse, stringify, decode, encode, escape, unescape }
