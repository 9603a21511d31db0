// `crypto` ciphers and scrypt (internal module `apiroutes:crypto-cipher`): Node 20's
// createCipheriv/createDecipheriv for AES-128/192/256 in CBC, ECB, CTR and GCM and for
// ChaCha20-Poly1305 (update/final with encodings, setAAD, getAuthTag/setAuthTag,
// setAutoPadding, OpenSSL's errors), getCiphers/getCurves, and scrypt(Sync). The block
// and stream primitives are native and stateless (src/node/cipher.rs); the chaining
// state lives here between `update` calls.
import * as native from 'apiroutes:native/cipher'
import * as scryptNative from 'apiroutes:native/scrypt'
import { StringDecoder } from 'string_decoder'
import { nodeError, invalidArgType, invalidArgValue, opensslError, toBuffer, isBytes, secretBytes } from 'apiroutes:crypto-keys'

const CIPHERS = {}
for (const bits of [128, 192, 256]) {
  for (const mode of ['cbc', 'ecb', 'ctr', 'gcm']) {
    CIPHERS[`aes-${bits}-${mode}`] = { mode, keyLength: bits / 8, ivLength: mode === 'ecb' ? 0 : mode === 'gcm' ? 12 : 16 }
  }
  CIPHERS[`aes${bits}`] = CIPHERS[`aes-${bits}-cbc`]
  CIPHERS[`id-aes${bits}-gcm`] = CIPHERS[`aes-${bits}-gcm`]
}
CIPHERS['chacha20-poly1305'] = { mode: 'chacha', keyLength: 32, ivLength: 12 }
// AES key wrap (RFC 3394), as JOSE's A128KW/A192KW/A256KW use it.
for (const bits of [128, 192, 256]) {
  CIPHERS[`id-aes${bits}-wrap`] = { mode: 'wrap', keyLength: bits / 8, ivLength: 8 }
  CIPHERS[`aes${bits}-wrap`] = CIPHERS[`id-aes${bits}-wrap`]
}

export function getCiphers() {
  return Object.keys(CIPHERS).sort()
}

export function getCurves() {
  return ['prime256v1', 'secp384r1', 'secp521r1']
}

export function getCipherInfo(nameOrNid) {
  const spec = typeof nameOrNid === 'string' ? CIPHERS[nameOrNid.toLowerCase()] : undefined
  if (!spec) return undefined
  const name = Object.keys(CIPHERS).find((key) => CIPHERS[key] === spec && !/^aes\d+$|^id-/.test(key))
  const info = { mode: spec.mode === 'chacha' ? 'stream' : spec.mode, name, keyLength: spec.keyLength }
  if (spec.ivLength) info.ivLength = spec.ivLength
  if (spec.mode === 'cbc' || spec.mode === 'ecb') info.blockSize = 16
  else info.blockSize = 1
  return info
}

// RFC 3394 §2.2: six rounds over the 64-bit blocks of `data`, one AES block per step.
function keyWrap(key, iv, data, encrypt) {
  const n = data.length / 8 - (encrypt ? 0 : 1)
  let a = Buffer.from(encrypt ? iv : data.subarray(0, 8))
  const r = []
  for (let i = 0; i < n; i++) r.push(Buffer.from(data.subarray((encrypt ? 0 : 8) + i * 8, (encrypt ? 8 : 16) + i * 8)))
  const xorT = (block, t) => {
    for (let k = 7; k >= 0 && t > 0; k--) {
      block[k] ^= t & 0xff
      t = Math.floor(t / 256)
    }
  }
  if (encrypt) {
    for (let j = 0; j <= 5; j++) {
      for (let i = 0; i < n; i++) {
        const b = Buffer.from(native.aesBlocks('ecb', true, key, null, Buffer.concat([a, r[i]])))
        a = b.subarray(0, 8)
        xorT(a, n * j + i + 1)
        r[i] = b.subarray(8)
      }
    }
    return Buffer.concat([a, ...r])
  }
  for (let j = 5; j >= 0; j--) {
    for (let i = n - 1; i >= 0; i--) {
      const x = Buffer.from(a)
      xorT(x, n * j + i + 1)
      const b = Buffer.from(native.aesBlocks('ecb', false, key, null, Buffer.concat([x, r[i]])))
      a = b.subarray(0, 8)
      r[i] = b.subarray(8)
    }
  }
  let diff = 0
  for (let k = 0; k < 8; k++) diff |= a[k] ^ iv[k]
  if (diff !== 0) throw new Error('Trying to add data in unsupported state')
  return Buffer.concat(r)
}

function concat(a, b) {
  if (a.length === 0) return b
  if (b.length === 0) return a
  return Buffer.concat([a, b])
}

function unsupportedState() {
  return new Error('Unsupported state or unable to authenticate data')
}

function validTagLength(mode, length) {
  if (mode === 'gcm') return length === 4 || length === 8 || (length >= 12 && length <= 16)
  return length >= 1 && length <= 16
}

function invalidTag(length) {
  return nodeError(TypeError, 'ERR_CRYPTO_INVALID_AUTH_TAG', `Invalid authentication tag length: ${length}`)
}

class CipherBase {
  constructor(encrypt, cipher, key, iv, options) {
    if (typeof cipher !== 'string') throw invalidArgType('cipher', 'of type string', cipher)
    const spec = CIPHERS[cipher.toLowerCase()]
    const keyBytes = secretBytes(key)
    if (iv !== null && iv !== undefined && typeof iv !== 'string' && !isBytes(iv)) {
      throw invalidArgType('iv', 'of type string or an instance of ArrayBuffer, Buffer, TypedArray, or DataView', iv)
    }
    if (!spec) throw nodeError(Error, 'ERR_CRYPTO_UNKNOWN_CIPHER', 'Unknown cipher')
    const ivBytes = iv === null || iv === undefined ? Buffer.alloc(0) : toBuffer(iv)
    if (keyBytes.byteLength !== spec.keyLength) throw nodeError(RangeError, 'ERR_CRYPTO_INVALID_KEYLEN', 'Invalid key length')
    const ivOk =
      spec.mode === 'ecb'
        ? ivBytes.length === 0
        : spec.mode === 'gcm'
          ? ivBytes.length > 0
          : ivBytes.length === spec.ivLength
    if (!ivOk || ((iv === null || iv === undefined) && spec.mode !== 'ecb')) {
      throw nodeError(TypeError, 'ERR_CRYPTO_INVALID_IV', 'Invalid initialization vector')
    }
    let tagLength = 16
    if (options && options.authTagLength !== undefined && (spec.mode === 'gcm' || spec.mode === 'chacha')) {
      tagLength = options.authTagLength
      if (!validTagLength(spec.mode, tagLength)) throw invalidTag(tagLength)
    }
    this._decoder = null
    this._options = options
    this._state = {
      encrypt,
      mode: spec.mode,
      key: Buffer.from(keyBytes),
      iv: Buffer.from(ivBytes),
      chain: Buffer.from(ivBytes),
      pending: Buffer.alloc(0),
      offset: 0,
      padding: true,
      aad: Buffer.alloc(0),
      ciphertext: [],
      tag: null,
      tagLength,
      done: false,
      started: false,
    }
  }

  _transformBytes(input) {
    const s = this._state
    s.started = true
    switch (s.mode) {
      case 'cbc':
      case 'ecb': {
        const data = concat(s.pending, input)
        let take = data.length - (data.length % 16)
        if (!s.encrypt && s.padding && take === data.length && take > 0) take -= 16
        s.pending = Buffer.from(data.subarray(take))
        if (take === 0) return Buffer.alloc(0)
        const block = data.subarray(0, take)
        const out = Buffer.from(native.aesBlocks(s.mode, s.encrypt, s.key, s.chain, block))
        if (s.mode === 'cbc') s.chain = Buffer.from((s.encrypt ? out : block).subarray(take - 16, take))
        return out
      }
      case 'wrap': {
        // As with OpenSSL, each update wraps (or unwraps) one whole key; a bad length
        // or integrity check fails the update.
        if (input.length % 8 !== 0 || input.length < (s.encrypt ? 16 : 24)) {
          throw new Error('Trying to add data in unsupported state')
        }
        return keyWrap(s.key, s.iv, input, s.encrypt)
      }
      case 'ctr': {
        const out = Buffer.from(native.aesCtr(s.key, s.iv, s.offset, input))
        s.offset += input.length
        return out
      }
      case 'gcm':
      case 'chacha': {
        const fn = s.mode === 'gcm' ? native.gcmCtr : native.chachaXor
        const out = Buffer.from(fn(s.key, s.iv, s.offset, input))
        s.offset += input.length
        s.ciphertext.push(Buffer.from(s.encrypt ? out : input))
        return out
      }
    }
    return Buffer.alloc(0)
  }

  _finalBytes() {
    const s = this._state
    switch (s.mode) {
      case 'cbc':
      case 'ecb': {
        if (s.encrypt) {
          if (s.padding) {
            const pad = 16 - s.pending.length
            s.pending = concat(s.pending, Buffer.alloc(pad, pad))
          } else if (s.pending.length !== 0) {
            throw opensslError(new Error('error:1C80006B:Provider routines::wrong final block length'))
          }
          if (s.pending.length === 0) return Buffer.alloc(0)
          return Buffer.from(native.aesBlocks(s.mode, true, s.key, s.chain, s.pending))
        }
        if (!s.padding) {
          if (s.pending.length !== 0) throw opensslError(new Error('error:1C80006B:Provider routines::wrong final block length'))
          return Buffer.alloc(0)
        }
        if (s.pending.length !== 16) throw opensslError(new Error('error:1C80006B:Provider routines::wrong final block length'))
        const last = Buffer.from(native.aesBlocks(s.mode, false, s.key, s.chain, s.pending))
        const pad = last[15]
        let ok = pad >= 1 && pad <= 16
        for (let i = 16 - pad; ok && i < 16; i++) if (last[i] !== pad) ok = false
        if (!ok) throw opensslError(new Error('error:1C800064:Provider routines::bad decrypt'))
        return last.subarray(0, 16 - pad)
      }
      case 'gcm':
      case 'chacha': {
        const fn = s.mode === 'gcm' ? native.gcmTag : native.chachaTag
        const full = Buffer.from(fn(s.key, s.iv, s.aad, Buffer.concat(s.ciphertext)))
        if (s.encrypt) {
          s.tag = full.subarray(0, s.tagLength)
        } else {
          if (!s.tag) throw unsupportedState()
          let diff = 0
          for (let i = 0; i < s.tag.length; i++) diff |= s.tag[i] ^ full[i]
          if (diff !== 0) throw unsupportedState()
        }
        return Buffer.alloc(0)
      }
    }
    return Buffer.alloc(0)
  }

  update(data, inputEncoding, outputEncoding) {
    if (this._state.done) throw new Error('Trying to add data in unsupported state')
    if (typeof data !== 'string' && !isBytes(data)) {
      throw invalidArgType('data', 'of type string or an instance of Buffer, TypedArray, or DataView', data)
    }
    const input = toBuffer(data, typeof data === 'string' ? inputEncoding : undefined)
    const out = this._transformBytes(input)
    if (outputEncoding && outputEncoding !== 'buffer') {
      this._decoder = this._decoder || new StringDecoder(outputEncoding)
      return this._decoder.write(out)
    }
    return out
  }

  final(outputEncoding) {
    if (this._state.done) throw nodeError(Error, 'ERR_CRYPTO_INVALID_STATE', 'Invalid state')
    this._state.done = true
    const out = this._finalBytes()
    if (outputEncoding && outputEncoding !== 'buffer') {
      this._decoder = this._decoder || new StringDecoder(outputEncoding)
      return this._decoder.end(out)
    }
    return out
  }

  setAutoPadding(autoPadding) {
    if (this._state.done) throw nodeError(Error, 'ERR_CRYPTO_INVALID_STATE', 'Invalid state for operation setAutoPadding')
    this._state.padding = autoPadding === undefined ? true : !!autoPadding
    return this
  }

  setAAD(buffer, options) {
    const s = this._state
    const bytes = isBytes(buffer) ? toBuffer(buffer) : null
    if (!bytes) throw invalidArgType('buffer', 'an instance of ArrayBuffer, Buffer, TypedArray, or DataView', buffer)
    if ((s.mode !== 'gcm' && s.mode !== 'chacha') || s.started || s.done) {
      throw nodeError(Error, 'ERR_CRYPTO_INVALID_STATE', 'Invalid state for operation setAAD')
    }
    void options
    s.aad = concat(s.aad, Buffer.from(bytes))
    return this
  }

  // Pipe-friendly Writable/Readable-ish surface: write/end push through update/final
  // and deliver output to 'data' listeners, enough for `cipher.end(data); cipher.read()`.
  write(chunk, encoding, callback) {
    if (typeof encoding === 'function') {
      callback = encoding
      encoding = undefined
    }
    const out = this.update(chunk, encoding)
    this._push(out)
    if (typeof callback === 'function') setImmediate(callback)
    return true
  }

  end(chunk, encoding, callback) {
    if (typeof chunk === 'function') {
      callback = chunk
      chunk = undefined
    }
    if (chunk !== undefined && chunk !== null) this.write(chunk, encoding)
    this._push(this.final())
    const listeners = this._listeners
    setImmediate(() => {
      if (listeners && listeners.end) for (const fn of listeners.end) fn()
      if (typeof callback === 'function') callback()
    })
    return this
  }

  _push(bytes) {
    if (!bytes.length) return
    this._readable = concat(this._readable || Buffer.alloc(0), bytes)
    if (this._listeners && this._listeners.data) {
      const out = this._readable
      this._readable = Buffer.alloc(0)
      for (const fn of this._listeners.data) fn(out)
    }
  }

  read() {
    const out = this._readable && this._readable.length ? this._readable : null
    this._readable = Buffer.alloc(0)
    return out
  }

  on(event, listener) {
    this._listeners = this._listeners || {}
    ;(this._listeners[event] = this._listeners[event] || []).push(listener)
    if (event === 'data' && this._readable && this._readable.length) this._push(Buffer.alloc(0))
    return this
  }

  once(event, listener) {
    const wrapped = (...args) => {
      this._listeners[event] = this._listeners[event].filter((fn) => fn !== wrapped)
      listener(...args)
    }
    return this.on(event, wrapped)
  }
}

export class Cipheriv extends CipherBase {
  constructor(cipher, key, iv, options) {
    super(true, cipher, key, iv, options)
  }

  getAuthTag() {
    const s = this._state
    if ((s.mode !== 'gcm' && s.mode !== 'chacha') || !s.done || !s.tag) {
      throw nodeError(Error, 'ERR_CRYPTO_INVALID_STATE', 'Invalid state for operation getAuthTag')
    }
    return Buffer.from(s.tag)
  }
}

export class Decipheriv extends CipherBase {
  constructor(cipher, key, iv, options) {
    super(false, cipher, key, iv, options)
  }

  setAuthTag(tagbuf, encoding) {
    const s = this._state
    const tag = toBuffer(tagbuf, encoding)
    if (!tag) throw invalidArgType('buffer', 'an instance of Buffer, TypedArray, or DataView', tagbuf)
    if ((s.mode !== 'gcm' && s.mode !== 'chacha') || s.done || s.tag) {
      throw nodeError(Error, 'ERR_CRYPTO_INVALID_STATE', 'Invalid state for operation setAuthTag')
    }
    if (!validTagLength(s.mode, tag.length)) throw invalidTag(tag.length)
    if (this._options && this._options.authTagLength !== undefined && this._options.authTagLength !== tag.length) {
      throw invalidTag(tag.length)
    }
    s.tag = Buffer.from(tag)
    return this
  }
}

export function createCipheriv(cipher, key, iv, options) {
  return new Cipheriv(cipher, key, iv, options)
}

export function createDecipheriv(cipher, key, iv, options) {
  return new Decipheriv(cipher, key, iv, options)
}

// ---- scrypt -------------------------------------------------------------------------

const SCRYPT_DEFAULTS = { N: 16384, r: 8, p: 1, maxmem: 32 << 20 }

function scryptParams(keylen, options) {
  if (typeof keylen !== 'number') throw invalidArgType('keylen', 'of type number', keylen)
  if (!Number.isInteger(keylen) || keylen < 0 || keylen > 2147483647) {
    throw nodeError(RangeError, 'ERR_OUT_OF_RANGE', `The value of "keylen" is out of range. It must be >= 0 && <= 2147483647. Received ${keylen}`)
  }
  let { N, r, p, maxmem } = SCRYPT_DEFAULTS
  if (options && options !== SCRYPT_DEFAULTS) {
    const pairs = [
      ['N', 'cost'],
      ['r', 'blockSize'],
      ['p', 'parallelization'],
    ]
    const values = {}
    for (const [short, long] of pairs) {
      const a = options[short]
      const b = options[long]
      if (a !== undefined && b !== undefined) {
        throw nodeError(Error, 'ERR_CRYPTO_SCRYPT_INVALID_PARAMETER', 'Invalid scrypt parameter')
      }
      const value = a !== undefined ? a : b
      if (value !== undefined) {
        const name = a !== undefined ? short : long
        if (typeof value !== 'number') throw invalidArgType(name, 'of type number', value)
        if (!Number.isInteger(value) || value < 0 || value > 2 ** 32 - 1) {
          throw nodeError(RangeError, 'ERR_OUT_OF_RANGE', `The value of "${name}" is out of range. It must be >= 0 && <= 4294967295. Received ${value}`)
        }
        values[short] = value
      }
    }
    if (values.N !== undefined) N = values.N
    if (values.r !== undefined) r = values.r
    if (values.p !== undefined) p = values.p
    if (options.maxmem !== undefined) {
      maxmem = options.maxmem
      if (typeof maxmem !== 'number') throw invalidArgType('maxmem', 'of type number', maxmem)
    }
  }
  if (N < 2 || (N & (N - 1)) !== 0 || r < 1 || p < 1 || p * r > 0x3fffffff) {
    throw nodeError(RangeError, 'ERR_CRYPTO_INVALID_SCRYPT_PARAMS', 'Invalid scrypt params')
  }
  // OpenSSL's memory bound: 128 * r * (N + p + 2) bytes.
  if (128 * r * (N + p + 2) > maxmem) {
    throw nodeError(
      RangeError,
      'ERR_CRYPTO_INVALID_SCRYPT_PARAMS',
      'Invalid scrypt params: error:030000AC:digital envelope routines::memory limit exceeded'
    )
  }
  return { logN: Math.log2(N), r, p }
}

function scryptInput(value, name) {
  const bytes = isBytes(value) || typeof value === 'string' ? toBuffer(value) : null
  if (!bytes) throw invalidArgType(name, 'of type string or an instance of ArrayBuffer, Buffer, TypedArray, or DataView', value)
  return bytes
}

export function scryptSync(password, salt, keylen, options) {
  const pw = scryptInput(password, 'password')
  const s = scryptInput(salt, 'salt')
  const { logN, r, p } = scryptParams(keylen, options)
  const out = scryptNative.scrypt(pw, s, logN, r, p, keylen)
  return Buffer.from(out.buffer, out.byteOffset, out.byteLength)
}

export function scrypt(password, salt, keylen, options, callback) {
  if (typeof options === 'function') {
    callback = options
    options = undefined
  }
  if (typeof callback !== 'function') throw invalidArgType('callback', 'of type function', callback)
  const key = scryptSync(password, salt, keylen, options)
  setImmediate(() => callback(null, key))
}
