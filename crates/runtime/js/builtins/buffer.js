// `buffer`: LLRT's module (its `Buffer` completed by js/node_buffer.js) plus the rest of
// Node 20's exports: Blob, File, SlowBuffer, isUtf8, isAscii, transcode, kMaxLength,
// kStringMaxLength, INSPECT_MAX_BYTES, resolveObjectURL.
import llrt from 'apiroutes:llrt/buffer'

export const Buffer = llrt.Buffer
export const atob = llrt.atob ?? globalThis.atob
export const btoa = llrt.btoa ?? globalThis.btoa
export const Blob = globalThis.Blob
export const File = globalThis.File
export const kMaxLength = 2 ** 32
export const kStringMaxLength = 2 ** 29 - 24
export const constants = { ...llrt.constants, MAX_LENGTH: kMaxLength, MAX_STRING_LENGTH: kStringMaxLength }
export let INSPECT_MAX_BYTES = 50

function invalidInput(name, value) {
  const error = new TypeError(
    `The "${name}" argument must be an instance of ArrayBuffer, Buffer, or ArrayBufferView.` +
      (value === null || value === undefined ? ` Received ${value}` : ` Received type ${typeof value} (${String(value)})`),
  )
  error.code = 'ERR_INVALID_ARG_TYPE'
  return error
}

function bytesOf(input) {
  if (input instanceof ArrayBuffer || (typeof SharedArrayBuffer === 'function' && input instanceof SharedArrayBuffer)) {
    return new Uint8Array(input)
  }
  if (ArrayBuffer.isView(input)) return new Uint8Array(input.buffer, input.byteOffset, input.byteLength)
  throw invalidInput('input', input)
}

export function SlowBuffer(size) {
  return Buffer.allocUnsafeSlow(size)
}

const utf8Check = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })
export function isUtf8(input) {
  try {
    utf8Check.decode(bytesOf(input))
    return true
  } catch (error) {
    if (error instanceof TypeError && error.code === 'ERR_INVALID_ARG_TYPE') throw error
    return false
  }
}

export function isAscii(input) {
  const bytes = bytesOf(input)
  for (let i = 0; i < bytes.length; i++) if (bytes[i] > 0x7f) return false
  return true
}

// Node supports these encodings in transcode (ucs2 and utf16le are one).
const transcodable = new Set(['ascii', 'latin1', 'binary', 'ucs2', 'ucs-2', 'utf16le', 'utf-16le', 'utf8', 'utf-8'])
export function transcode(source, fromEncoding, toEncoding) {
  if (!(source instanceof Uint8Array)) {
    const error = new TypeError(`The "source" argument must be an instance of Buffer or Uint8Array.${source === null || source === undefined ? ` Received ${source}` : ` Received type ${typeof source} (${String(source)})`}`)
    error.code = 'ERR_INVALID_ARG_TYPE'
    throw error
  }
  if (source.length === 0) return Buffer.alloc(0)
  const from = String(fromEncoding).toLowerCase()
  const to = String(toEncoding).toLowerCase()
  if (!transcodable.has(from) || !transcodable.has(to)) {
    const error = new Error(`Unable to transcode Buffer [U_ILLEGAL_ARGUMENT_ERROR]`)
    error.code = 'U_ILLEGAL_ARGUMENT_ERROR'
    error.errno = 1
    throw error
  }
  const text = Buffer.from(source.buffer, source.byteOffset, source.byteLength).toString(from)
  // ICU replaces what the target cannot hold with '?'.
  const fitted = to === 'ascii' ? text.replace(/[^\x00-\x7f]/g, '?') : to === 'latin1' || to === 'binary' ? text.replace(/[^\x00-\xff]/g, '?') : text
  return Buffer.from(fitted, to)
}

export function resolveObjectURL(url) {
  const resolve = globalThis.URL && globalThis.URL[Symbol.for('apiroutes.resolveObjectURL')]
  return typeof resolve === 'function' ? resolve(String(url)) : undefined
}

export default {
  Buffer,
  atob,
  btoa,
  Blob,
  File,
  SlowBuffer,
  isUtf8,
  isAscii,
  transcode,
  resolveObjectURL,
  constants,
  kMaxLength,
  kStringMaxLength,
  get INSPECT_MAX_BYTES() {
    return INSPECT_MAX_BYTES
  },
  set INSPECT_MAX_BYTES(value) {
    INSPECT_MAX_BYTES = value
  },
}
