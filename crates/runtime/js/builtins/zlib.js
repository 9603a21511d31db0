// `zlib`: Node's compression module over the native whole-buffer codecs
// (`apiroutes:native/zlib`, flate2 and brotli). Sync functions, callback functions,
// `util.promisify`-able forms, and the stream classes (createGzip, createGunzip, ...).
// The streams are Transforms that compress or decompress what was written when they end
// (the output is identical; it is produced at the end rather than incrementally).
import * as native from 'apiroutes:native/zlib'
import { Transform } from 'stream'

const Z_ERRORS = {
  'incorrect header check': ['Z_DATA_ERROR', -3],
  'invalid stored block lengths': ['Z_DATA_ERROR', -3],
  'invalid block type': ['Z_DATA_ERROR', -3],
  'unexpected end of file': ['Z_BUF_ERROR', -5],
  'Decompression failed': ['ERR__ERROR_FORMAT_PADDING_1', -6],
}

export const constants = Object.freeze({
  Z_NO_FLUSH: 0, Z_PARTIAL_FLUSH: 1, Z_SYNC_FLUSH: 2, Z_FULL_FLUSH: 3, Z_FINISH: 4, Z_BLOCK: 5,
  Z_OK: 0, Z_STREAM_END: 1, Z_NEED_DICT: 2, Z_ERRNO: -1, Z_STREAM_ERROR: -2, Z_DATA_ERROR: -3,
  Z_MEM_ERROR: -4, Z_BUF_ERROR: -5, Z_VERSION_ERROR: -6, Z_NO_COMPRESSION: 0, Z_BEST_SPEED: 1,
  Z_BEST_COMPRESSION: 9, Z_DEFAULT_COMPRESSION: -1, Z_FILTERED: 1, Z_HUFFMAN_ONLY: 2, Z_RLE: 3,
  Z_FIXED: 4, Z_DEFAULT_STRATEGY: 0, ZLIB_VERNUM: 4865, DEFLATE: 1, INFLATE: 2, GZIP: 3,
  GUNZIP: 4, DEFLATERAW: 5, INFLATERAW: 6, UNZIP: 7, BROTLI_DECODE: 8, BROTLI_ENCODE: 9,
  Z_MIN_WINDOWBITS: 8, Z_MAX_WINDOWBITS: 15, Z_DEFAULT_WINDOWBITS: 15, Z_MIN_CHUNK: 64,
  Z_MAX_CHUNK: Infinity, Z_DEFAULT_CHUNK: 16384, Z_MIN_MEMLEVEL: 1, Z_MAX_MEMLEVEL: 9,
  Z_DEFAULT_MEMLEVEL: 8, Z_MIN_LEVEL: -1, Z_MAX_LEVEL: 9, Z_DEFAULT_LEVEL: -1,
  BROTLI_OPERATION_PROCESS: 0, BROTLI_OPERATION_FLUSH: 1, BROTLI_OPERATION_FINISH: 2,
  BROTLI_OPERATION_EMIT_METADATA: 3, BROTLI_PARAM_MODE: 0, BROTLI_MODE_GENERIC: 0,
  BROTLI_MODE_TEXT: 1, BROTLI_MODE_FONT: 2, BROTLI_DEFAULT_MODE: 0, BROTLI_PARAM_QUALITY: 1,
  BROTLI_MIN_QUALITY: 0, BROTLI_MAX_QUALITY: 11, BROTLI_DEFAULT_QUALITY: 11,
  BROTLI_PARAM_LGWIN: 2, BROTLI_MIN_WINDOW_BITS: 10, BROTLI_MAX_WINDOW_BITS: 24,
  BROTLI_DEFAULT_WINDOW: 22, BROTLI_PARAM_LGBLOCK: 3, BROTLI_PARAM_SIZE_HINT: 5,
})

function zlibError(error) {
  const message = String((error && error.message) || error)
  const known = Z_ERRORS[message]
  if (!known) return error
  const err = new Error(message)
  err.errno = known[1]
  err.code = known[0]
  return err
}

function levelOf(format, options) {
  if (!options) return -1
  if (format === 'brotli') {
    const params = options.params || {}
    const quality = params[constants.BROTLI_PARAM_QUALITY]
    return typeof quality === 'number' ? quality : -1
  }
  return typeof options.level === 'number' ? options.level : -1
}

function toBuffer(bytes) {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
}

function checkInput(buffer) {
  if (typeof buffer === 'string' || ArrayBuffer.isView(buffer) || buffer instanceof ArrayBuffer) return
  const err = new TypeError(
    'The "buffer" argument must be of type string or an instance of Buffer, TypedArray, DataView, or ArrayBuffer.' +
      ` Received ${buffer === null ? 'null' : typeof buffer}`
  )
  err.code = 'ERR_INVALID_ARG_TYPE'
  throw err
}

function runSync(format, compress, buffer, options) {
  checkInput(buffer)
  let out
  try {
    out = native.process(format, compress, buffer, levelOf(format, options))
  } catch (error) {
    throw zlibError(error)
  }
  const result = toBuffer(out)
  if (options && options.info) return { buffer: result, engine: null }
  return result
}

function runAsync(format, compress, buffer, options, callback) {
  if (typeof options === 'function') {
    callback = options
    options = undefined
  }
  if (typeof callback !== 'function') {
    const err = new TypeError('The "callback" argument must be of type function. Received ' + typeof callback)
    err.code = 'ERR_INVALID_ARG_TYPE'
    throw err
  }
  checkInput(buffer)
  setImmediate(() => {
    let result
    try {
      result = runSync(format, compress, buffer, options)
    } catch (error) {
      callback(error)
      return
    }
    callback(null, result)
  })
}

const kPromisify = Symbol.for('nodejs.util.promisify.custom')
function pair(format, compress) {
  const sync = (buffer, options) => runSync(format, compress, buffer, options)
  const callbackForm = (buffer, options, callback) => runAsync(format, compress, buffer, options, callback)
  Object.defineProperty(callbackForm, kPromisify, {
    value: (buffer, options) =>
      new Promise((resolve, reject) =>
        runAsync(format, compress, buffer, options, (err, out) => (err ? reject(err) : resolve(out)))
      ),
  })
  return [callbackForm, sync]
}

const gzipPair = pair('gzip', true)
export const gzip = gzipPair[0]
export const gzipSync = gzipPair[1]
const gunzipPair = pair('gzip', false)
export const gunzip = gunzipPair[0]
export const gunzipSync = gunzipPair[1]
const deflatePair = pair('deflate', true)
export const deflate = deflatePair[0]
export const deflateSync = deflatePair[1]
const inflatePair = pair('deflate', false)
export const inflate = inflatePair[0]
export const inflateSync = inflatePair[1]
const deflateRawPair = pair('deflateRaw', true)
export const deflateRaw = deflateRawPair[0]
export const deflateRawSync = deflateRawPair[1]
const inflateRawPair = pair('deflateRaw', false)
export const inflateRaw = inflateRawPair[0]
export const inflateRawSync = inflateRawPair[1]
const unzipPair = pair('unzip', false)
export const unzip = unzipPair[0]
export const unzipSync = unzipPair[1]
const brotliCompressPair = pair('brotli', true)
export const brotliCompress = brotliCompressPair[0]
export const brotliCompressSync = brotliCompressPair[1]
const brotliDecompressPair = pair('brotli', false)
export const brotliDecompress = brotliDecompressPair[0]
export const brotliDecompressSync = brotliDecompressPair[1]

// A Transform that collects its input and emits the (de)compressed bytes when it ends.
class ZlibBase extends Transform {
  constructor(format, compress, options) {
    super(options)
    this._format = format
    this._compress = compress
    this._options = options || {}
    this._chunks = []
    this.bytesWritten = 0
  }
  _transform(chunk, encoding, callback) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, encoding) : chunk
    this._chunks.push(bytes)
    this.bytesWritten += bytes.length
    callback()
  }
  _flush(callback) {
    let out
    try {
      out = runSync(this._format, this._compress, Buffer.concat(this._chunks), this._options)
    } catch (error) {
      callback(error)
      return
    }
    this._chunks = []
    callback(null, out)
  }
  flush(kind, callback) {
    if (typeof kind === 'function') callback = kind
    if (typeof callback === 'function') queueMicrotask(callback)
  }
  params(level, strategy, callback) {
    if (typeof callback === 'function') queueMicrotask(callback)
  }
  reset() {
    this._chunks = []
  }
  close(callback) {
    if (typeof callback === 'function') this.once('close', callback)
    this.destroy()
  }
}

function streamClass(name, format, compress) {
  const cls = {
    [name]: class extends ZlibBase {
      constructor(options) {
        super(format, compress, options)
      }
    },
  }[name]
  return cls
}

export const Gzip = streamClass('Gzip', 'gzip', true)
export const Gunzip = streamClass('Gunzip', 'gzip', false)
export const Deflate = streamClass('Deflate', 'deflate', true)
export const Inflate = streamClass('Inflate', 'deflate', false)
export const DeflateRaw = streamClass('DeflateRaw', 'deflateRaw', true)
export const InflateRaw = streamClass('InflateRaw', 'deflateRaw', false)
export const Unzip = streamClass('Unzip', 'unzip', false)
export const BrotliCompress = streamClass('BrotliCompress', 'brotli', true)
export const BrotliDecompress = streamClass('BrotliDecompress', 'brotli', false)

export const createGzip = (options) => new Gzip(options)
export const createGunzip = (options) => new Gunzip(options)
export const createDeflate = (options) => new Deflate(options)
export const createInflate = (options) => new Inflate(options)
export const createDeflateRaw = (options) => new DeflateRaw(options)
export const createInflateRaw = (options) => new InflateRaw(options)
export const createUnzip = (options) => new Unzip(options)
export const createBrotliCompress = (options) => new BrotliCompress(options)
export const createBrotliDecompress = (options) => new BrotliDecompress(options)

// CRC-32 (zlib.crc32, Node 20.15+), table-driven.
const CRC_TABLE = (() => {
  const table = new Uint32Array(256)
  for (let n = 0; n < 256; n++) {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    table[n] = c >>> 0
  }
  return table
})()
export function crc32(data, value = 0) {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data
  let crc = (value ^ 0xffffffff) >>> 0
  for (let i = 0; i < bytes.length; i++) crc = CRC_TABLE[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8)
  return (crc ^ 0xffffffff) >>> 0
}

export const codes = Object.freeze({
  Z_OK: 0, Z_STREAM_END: 1, Z_NEED_DICT: 2, Z_ERRNO: -1, Z_STREAM_ERROR: -2, Z_DATA_ERROR: -3,
  Z_MEM_ERROR: -4, Z_BUF_ERROR: -5, Z_VERSION_ERROR: -6,
  0: 'Z_OK', 1: 'Z_STREAM_END', 2: 'Z_NEED_DICT', '-1': 'Z_ERRNO', '-2': 'Z_STREAM_ERROR',
  '-3': 'Z_DATA_ERROR', '-4': 'Z_MEM_ERROR', '-5': 'Z_BUF_ERROR', '-6': 'Z_VERSION_ERROR',
})

export default {
  constants, codes, crc32,
  gzip, gzipSync, gunzip, gunzipSync, deflate, deflateSync, inflate, inflateSync,
  deflateRaw, deflateRawSync, inflateRaw, inflateRawSync, unzip, unzipSync,
  brotliCompress, brotliCompressSync, brotliDecompress, brotliDecompressSync,
  Gzip, Gunzip, Deflate, Inflate, DeflateRaw, InflateRaw, Unzip, BrotliCompress, BrotliDecompress,
  createGzip, createGunzip, createDeflate, createInflate, createDeflateRaw, createInflateRaw,
  createUnzip, createBrotliCompress, createBrotliDecompress,
}
