// `crypto` keys and signatures (internal module `apiroutes:crypto-keys`): Node 20's
// KeyObject (createSecretKey/createPublicKey/createPrivateKey from PEM, DER and JWK;
// export; equals), generateKeyPair(Sync)/generateKey(Sync), createSign/createVerify,
// one-shot sign/verify, publicEncrypt/privateDecrypt and `constants`. The DER work is
// native (src/node/keys.rs, src/node/sign.rs); PEM armour, JWK base64url, option
// checks and Node's errors are here.
import * as native from 'apiroutes:native/keys'
import * as signer from 'apiroutes:native/sign'

export const constants = Object.freeze(
  Object.assign(Object.create(null), {
    OPENSSL_VERSION_NUMBER: 805306672,
    RSA_PKCS1_PADDING: 1,
    RSA_NO_PADDING: 3,
    RSA_PKCS1_OAEP_PADDING: 4,
    RSA_X931_PADDING: 5,
    RSA_PKCS1_PSS_PADDING: 6,
    RSA_PSS_SALTLEN_DIGEST: -1,
    RSA_PSS_SALTLEN_MAX_SIGN: -2,
    RSA_PSS_SALTLEN_AUTO: -2,
    POINT_CONVERSION_COMPRESSED: 2,
    POINT_CONVERSION_UNCOMPRESSED: 4,
    POINT_CONVERSION_HYBRID: 6,
    TLS1_VERSION: 769,
    TLS1_1_VERSION: 770,
    TLS1_2_VERSION: 771,
    TLS1_3_VERSION: 772,
  })
)

// ---- errors -------------------------------------------------------------------------

export function nodeError(Ctor, code, message) {
  const err = new Ctor(message)
  err.code = code
  return err
}

function describe(value) {
  if (value == null) return ` Received ${value}`
  if (typeof value === 'function') return ` Received function ${value.name}`
  if (typeof value === 'object') {
    if (value.constructor && value.constructor.name) return ` Received an instance of ${value.constructor.name}`
    return ' Received an instance of Object'
  }
  let shown = typeof value === 'string' ? `'${value.length > 25 ? value.slice(0, 25) + '...' : value}'` : String(value)
  if (typeof value === 'bigint') shown += 'n'
  return ` Received type ${typeof value} (${shown})`
}

export function invalidArgType(name, expected, value) {
  const what = name.includes('.') ? 'property' : 'argument'
  return nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', `The "${name}" ${what} must be ${expected}.${describe(value)}`)
}

export function invalidArgValue(name, value, reason = 'is invalid') {
  const what = name.includes('.') ? 'property' : 'argument'
  let shown
  try {
    shown = typeof value === 'string' ? `'${value}'` : value === undefined ? 'undefined' : JSON.stringify(value)
  } catch {
    shown = String(value)
  }
  return nodeError(TypeError, 'ERR_INVALID_ARG_VALUE', `The ${what} '${name}' ${reason}. Received ${shown}`)
}

// A native failure "error:1E08010C:DECODER routines::unsupported" as Node reports OpenSSL's.
export function opensslError(error) {
  const message = error && error.message ? error.message : String(error)
  const match = /^error:[0-9A-F]+:([^:]*)::(.*)$/.exec(message)
  if (!match) return error instanceof Error ? error : new Error(message)
  const err = new Error(message)
  err.library = match[1]
  err.reason = match[2]
  // Node prefixes the library for some (rsa routines: RSA_, digital envelope: EVP_).
  const prefix = { 'rsa routines': 'RSA_', 'digital envelope routines': 'EVP_' }[match[1]] || ''
  err.code = 'ERR_OSSL_' + prefix + match[2].toUpperCase().replace(/[^A-Z0-9]+/g, '_')
  return err
}

function native_(fn) {
  try {
    return fn()
  } catch (error) {
    throw opensslError(error)
  }
}

// ---- bytes --------------------------------------------------------------------------

export function isBytes(value) {
  return value instanceof ArrayBuffer || ArrayBuffer.isView(value)
}

export function toBuffer(value, encoding) {
  if (typeof value === 'string') return Buffer.from(value, encoding && encoding !== 'buffer' ? encoding : 'utf8')
  if (Buffer.isBuffer(value)) return value
  if (value instanceof ArrayBuffer) return Buffer.from(value)
  if (ArrayBuffer.isView(value)) return Buffer.from(value.buffer, value.byteOffset, value.byteLength)
  return null
}

function asBuffer(bytes) {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
}

function b64url(bytes) {
  return asBuffer(bytes).toString('base64').replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_')
}

function fromB64url(text, name) {
  if (typeof text !== 'string') throw invalidArgType(name, 'of type string', text)
  return Buffer.from(text.replace(/-/g, '+').replace(/_/g, '/'), 'base64')
}

// ---- PEM ----------------------------------------------------------------------------

const PEM_TYPES = {
  'PRIVATE KEY': ['private', 'pkcs8'],
  'RSA PRIVATE KEY': ['private', 'pkcs1'],
  'EC PRIVATE KEY': ['private', 'sec1'],
  'PUBLIC KEY': ['public', 'spki'],
  'RSA PUBLIC KEY': ['public', 'pkcs1'],
  CERTIFICATE: ['public', 'x509'],
  'ENCRYPTED PRIVATE KEY': ['private', 'encrypted'],
}

function decoderError() {
  return opensslError(new Error('error:1E08010C:DECODER routines::unsupported'))
}

function parsePem(text) {
  const re = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g
  let match
  while ((match = re.exec(text))) {
    const label = match[1]
    if (!PEM_TYPES[label]) continue
    let body = match[2]
    if (/Proc-Type:\s*4,ENCRYPTED/.test(body)) {
      return { kind: 'private', type: 'encrypted' }
    }
    body = body.replace(/^[A-Za-z-]+:.*$/gm, '').replace(/\s+/g, '')
    const [kind, type] = PEM_TYPES[label]
    return { kind, type, der: Buffer.from(body, 'base64') }
  }
  throw decoderError()
}

function toPem(der, label) {
  const lines = asBuffer(der).toString('base64').match(/.{1,64}/g) || []
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`
}

// The SPKI inside an X.509 certificate (tbsCertificate's seventh field, or sixth
// without the explicit version).
function readTlv(bytes, pos) {
  const tag = bytes[pos]
  let len = bytes[pos + 1]
  let start = pos + 2
  if (len & 0x80) {
    const n = len & 0x7f
    len = 0
    for (let i = 0; i < n; i++) len = len * 256 + bytes[pos + 2 + i]
    start += n
  }
  return { tag, start, end: start + len }
}

function spkiOfCertificate(der) {
  try {
    const cert = readTlv(der, 0)
    const tbs = readTlv(der, cert.start)
    let pos = tbs.start
    let field = readTlv(der, pos)
    if (field.tag === 0xa0) {
      pos = field.end
      field = readTlv(der, pos)
    }
    // serial, signature, issuer, validity, subject
    for (let i = 0; i < 5; i++) {
      field = readTlv(der, pos)
      pos = field.end
    }
    const spki = readTlv(der, pos)
    return der.subarray(pos, spki.end)
  } catch {
    throw decoderError()
  }
}

// ---- KeyObject ----------------------------------------------------------------------

const kKey = Symbol('kKeyObject')
const CURVE_NAMES = { 'P-256': 'prime256v1', 'P-384': 'secp384r1', 'P-521': 'secp521r1', secp256k1: 'secp256k1' }

export class KeyObject {
  constructor(type, handle) {
    if (type !== 'secret' && type !== 'public' && type !== 'private') {
      throw invalidArgValue('type', type)
    }
    if (!handle || !handle[kKey]) throw invalidArgType('handle', 'of type object', handle)
    Object.defineProperty(this, kKey, { value: handle[kKey] })
  }

  get type() {
    return this[kKey].type
  }

  static from(key) {
    throw invalidArgType('key', 'an instance of CryptoKey', key)
  }

  equals(otherKeyObject) {
    if (!(otherKeyObject instanceof KeyObject)) {
      throw invalidArgType('otherKeyObject', 'an instance of KeyObject', otherKeyObject)
    }
    const a = this[kKey]
    const b = otherKeyObject[kKey]
    if (a.type !== b.type) return false
    const x = a.type === 'secret' ? a.bytes : a.der
    const y = b.type === 'secret' ? b.bytes : b.der
    if (a.type !== 'secret' && a.kind !== b.kind) return false
    if (a.type === 'private') return bytesEqual(keyObjectPublicDer(a), keyObjectPublicDer(b))
    return bytesEqual(x, y)
  }
}

function bytesEqual(x, y) {
  if (x.byteLength !== y.byteLength) return false
  for (let i = 0; i < x.byteLength; i++) if (x[i] !== y[i]) return false
  return true
}

function keyObjectPublicDer(state) {
  if (!state.publicDer) state.publicDer = native_(() => native.publicFromPrivate(state.der))
  return state.publicDer
}

// A brand `util.types.isKeyObject` can test without loading this module.
Object.defineProperty(KeyObject.prototype, Symbol.for('apiroutes.crypto.KeyObject'), { value: true })

class SecretKeyObject extends KeyObject {
  get symmetricKeySize() {
    return this[kKey].bytes.byteLength
  }

  export(options) {
    if (options !== undefined && (options === null || typeof options !== 'object')) {
      throw invalidArgType('options', 'of type object', options)
    }
    const format = options && options.format
    if (format === 'jwk') return { kty: 'oct', k: b64url(this[kKey].bytes) }
    if (format !== undefined && format !== 'buffer') {
      throw invalidArgValue('options.format', format, "must be one of: undefined, 'buffer', 'jwk'")
    }
    return Buffer.from(this[kKey].bytes)
  }
}

class AsymmetricKeyObject extends KeyObject {
  get asymmetricKeyType() {
    return this[kKey].kind
  }

  get asymmetricKeyDetails() {
    const state = this[kKey]
    if (!state.details) {
      const raw = native_(() => native.details(state.der, state.type === 'private'))
      const details = {}
      if (raw.modulusLength !== undefined) {
        details.modulusLength = raw.modulusLength
        details.publicExponent = BigInt('0x' + (asBuffer(raw.publicExponent).toString('hex') || '0'))
      }
      if (raw.namedCurve !== undefined) details.namedCurve = CURVE_NAMES[raw.namedCurve] || raw.namedCurve
      state.details = details
    }
    return { ...state.details }
  }
}

class PublicKeyObject extends AsymmetricKeyObject {
  export(options) {
    return exportAsymmetric(this[kKey], options)
  }
}

class PrivateKeyObject extends AsymmetricKeyObject {
  export(options) {
    return exportAsymmetric(this[kKey], options)
  }
}

function makeKey(state) {
  const handle = { [kKey]: state }
  if (state.type === 'secret') return new SecretKeyObject('secret', handle)
  if (state.type === 'public') return new PublicKeyObject('public', handle)
  return new PrivateKeyObject('private', handle)
}

export function isKeyObject(value) {
  return value instanceof KeyObject
}

export function keyState(key) {
  return key[kKey]
}

function exportAsymmetric(state, options) {
  if (options === null || typeof options !== 'object') throw invalidArgType('options', 'of type object', options)
  const isPrivate = state.type === 'private'
  const { format = 'pem', type, cipher, passphrase } = options
  if (format === 'jwk') {
    const raw = native_(() => native.toJwk(state.der, isPrivate))
    const jwk = {}
    // Node's member order.
    const order = {
      RSA: ['kty', 'n', 'e', 'd', 'p', 'q', 'dp', 'dq', 'qi'],
      EC: ['kty', 'x', 'y', 'crv', 'd'],
      OKP: ['crv', 'd', 'x', 'kty'],
    }[raw.kty]
    for (const name of order) {
      if (raw[name] === undefined) continue
      jwk[name] = typeof raw[name] === 'string' ? raw[name] : b64url(raw[name])
    }
    return jwk
  }
  if (format !== 'pem' && format !== 'der') {
    throw invalidArgValue('options.format', format, "must be one of: 'pem', 'der', 'jwk'")
  }
  const types = isPrivate ? ['pkcs8', 'pkcs1', 'sec1'] : ['spki', 'pkcs1']
  if (!types.includes(type)) throw invalidArgValue('options.type', type)
  if (type === 'pkcs1' && state.kind !== 'rsa') {
    throw nodeError(Error, 'ERR_CRYPTO_INCOMPATIBLE_KEY_OPTIONS', 'The selected key encoding pkcs1 can only be used for RSA keys.')
  }
  if (type === 'sec1' && state.kind !== 'ec') {
    throw nodeError(Error, 'ERR_CRYPTO_INCOMPATIBLE_KEY_OPTIONS', 'The selected key encoding sec1 can only be used for EC keys.')
  }
  if (cipher !== undefined || passphrase !== undefined) {
    throw nodeError(Error, 'ERR_FEATURE_UNAVAILABLE_ON_PLATFORM', 'Encrypted private key export is not supported')
  }
  const der = type === 'pkcs8' || type === 'spki' ? state.der : native_(() => native.exportDer(state.der, isPrivate, type))
  if (format === 'der') return Buffer.from(der)
  const label = {
    pkcs8: 'PRIVATE KEY',
    spki: 'PUBLIC KEY',
    sec1: 'EC PRIVATE KEY',
    pkcs1: isPrivate ? 'RSA PRIVATE KEY' : 'RSA PUBLIC KEY',
  }[type]
  return toPem(der, label)
}

// ---- creating keys ------------------------------------------------------------------

const KEY_TYPES = 'of type string or an instance of ArrayBuffer, Buffer, TypedArray, DataView, KeyObject, or CryptoKey'

export function createSecretKey(key, encoding) {
  const bytes = toBuffer(key, encoding)
  if (!bytes) {
    throw invalidArgType('key', 'of type string or an instance of ArrayBuffer, Buffer, TypedArray, or DataView', key)
  }
  return makeKey({ type: 'secret', bytes: Buffer.from(bytes) })
}

function importJwk(jwk, wantPrivate) {
  if (jwk === null || typeof jwk !== 'object') throw invalidArgType('key.key', 'of type object', jwk)
  const { kty } = jwk
  if (kty !== 'RSA' && kty !== 'EC' && kty !== 'OKP') {
    throw invalidArgValue('key.kty', kty, "must be one of: 'RSA', 'EC', 'OKP'")
  }
  const isPrivate = wantPrivate || jwk.d !== undefined
  if (wantPrivate && jwk.d === undefined) throw nodeError(TypeError, 'ERR_CRYPTO_INVALID_JWK', 'Invalid JWK private key')
  const parts = { kty }
  if (jwk.crv !== undefined) parts.crv = jwk.crv
  const names = kty === 'RSA' ? ['n', 'e', 'd', 'p', 'q', 'dp', 'dq', 'qi'] : ['x', 'y', 'd']
  for (const name of names) if (jwk[name] !== undefined) parts[name] = fromB64url(jwk[name], `key.${name}`)
  let result
  try {
    result = native.fromJwk(parts, isPrivate)
  } catch (error) {
    const message = String(error && error.message)
    if (/curve/i.test(message)) throw nodeError(TypeError, 'ERR_CRYPTO_INVALID_JWK', 'Unsupported JWK EC curve: ' + jwk.crv)
    throw nodeError(TypeError, 'ERR_CRYPTO_INVALID_JWK', `Invalid JWK ${kty} key`)
  }
  const [kind, der] = result
  return { type: isPrivate ? 'private' : 'public', kind, der }
}

// Parses the input of createPrivateKey/createPublicKey into `{ type, kind, der }`.
function parseKeyInput(input, wantPrivate) {
  let data = input
  let format = 'pem'
  let type
  let encoding
  if (input !== null && typeof input === 'object' && !isBytes(input) && !isKeyObject(input)) {
    data = input.key
    format = input.format === undefined ? 'pem' : input.format
    type = input.type
    encoding = input.encoding
    if (input.passphrase !== undefined && format !== 'jwk') {
      // Unencrypted keys ignore a passphrase, as OpenSSL does.
    }
  }
  if (isKeyObject(data)) return data
  if (format === 'jwk') return importJwk(data, wantPrivate)
  if (typeof data !== 'string' && !isBytes(data)) throw invalidArgType('key', KEY_TYPES, data)
  if (format === 'pem') {
    const text = typeof data === 'string' ? data : toBuffer(data).toString('utf8')
    const pem = parsePem(text)
    if (pem.type === 'encrypted') {
      throw nodeError(TypeError, 'ERR_MISSING_PASSPHRASE', 'Passphrase required for encrypted key')
    }
    return importDer(pem.der, pem.kind, pem.type, wantPrivate)
  }
  if (format !== 'der') throw invalidArgValue('key.format', format)
  const der = toBuffer(data, encoding)
  const privateTypes = ['pkcs8', 'pkcs1', 'sec1']
  const publicTypes = ['spki', 'pkcs1']
  if (wantPrivate) {
    if (!privateTypes.includes(type)) throw invalidArgValue('key.type', type)
    return importDer(der, 'private', type, true)
  }
  if (publicTypes.includes(type)) {
    try {
      return importDer(der, 'public', type, false)
    } catch (error) {
      if (type !== 'pkcs1') throw error
    }
  }
  if (privateTypes.includes(type)) return importDer(der, 'private', type, false)
  throw invalidArgValue('key.type', type)
}

function importDer(der, kind, type, wantPrivate) {
  if (kind === 'private') {
    const [keyKind, pkcs8] = native_(() => native.importPrivate(der, type))
    return { type: 'private', kind: keyKind, der: pkcs8 }
  }
  if (wantPrivate) throw decoderError()
  const spki = type === 'x509' ? spkiOfCertificate(der) : der
  const [keyKind, out] = native_(() => native.importPublic(spki, type === 'x509' ? 'spki' : type))
  return { type: 'public', kind: keyKind, der: out }
}

export function createPrivateKey(key) {
  const parsed = parseKeyInput(key, true)
  if (isKeyObject(parsed)) {
    if (parsed.type !== 'private') {
      throw nodeError(TypeError, 'ERR_INVALID_ARG_VALUE', `The argument 'key' must be a private key. Received ${parsed.type}`)
    }
    return parsed
  }
  return makeKey(parsed)
}

export function createPublicKey(key) {
  const parsed = parseKeyInput(key, false)
  if (isKeyObject(parsed)) {
    const state = parsed[kKey]
    if (state.type === 'secret') {
      throw nodeError(TypeError, 'ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE', 'Invalid key object type secret, expected private.')
    }
    if (state.type === 'public') return parsed
    return makeKey({ type: 'public', kind: state.kind, der: keyObjectPublicDer(state) })
  }
  if (parsed.type === 'private') {
    return makeKey({ type: 'public', kind: parsed.kind, der: native_(() => native.publicFromPrivate(parsed.der)) })
  }
  return makeKey(parsed)
}

// The key state for signing (`private`) or verifying/encrypting (`public`).
function asymmetricState(key, wantPrivate) {
  if (isKeyObject(key) || (key && typeof key === 'object' && isKeyObject(key.key))) {
    const object = isKeyObject(key) ? key : key.key
    const state = object[kKey]
    if (state.type === 'secret') {
      throw nodeError(
        TypeError,
        'ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE',
        `Invalid key object type secret, expected ${wantPrivate ? 'private' : 'public'}.`
      )
    }
    if (!wantPrivate && state.type === 'private') return { type: 'public', kind: state.kind, der: keyObjectPublicDer(state) }
    if (wantPrivate && state.type !== 'private') {
      throw nodeError(TypeError, 'ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE', `Invalid key object type ${state.type}, expected private.`)
    }
    return state
  }
  if (key === null || key === undefined || (typeof key !== 'string' && typeof key !== 'object')) {
    throw invalidArgType('key', KEY_TYPES, key)
  }
  return (wantPrivate ? createPrivateKey(key) : createPublicKey(key))[kKey]
}

// ---- generating keys ----------------------------------------------------------------

const EC_CURVES = {
  'P-256': 'P-256',
  prime256v1: 'P-256',
  secp256r1: 'P-256',
  'P-384': 'P-384',
  secp384r1: 'P-384',
  'P-521': 'P-521',
  secp521r1: 'P-521',
}

function encodeGenerated(key, encoding, name) {
  if (encoding === undefined) return key
  if (encoding === null || typeof encoding !== 'object') throw invalidArgType(`options.${name}`, 'of type object', encoding)
  return key.export(encoding)
}

export function generateKeyPairSync(type, options) {
  if (typeof type !== 'string') throw invalidArgType('type', 'of type string', type)
  if (options !== undefined && (options === null || typeof options !== 'object')) {
    throw invalidArgType('options', 'of type object', options)
  }
  options = options || {}
  let der
  if (type === 'rsa' || type === 'rsa-pss') {
    const { modulusLength, publicExponent = 0x10001 } = options
    if (typeof modulusLength !== 'number') throw invalidArgType('options.modulusLength', 'of type number', modulusLength)
    if (!Number.isInteger(modulusLength) || modulusLength < 0 || modulusLength > 2 ** 32 - 1) {
      throw nodeError(RangeError, 'ERR_OUT_OF_RANGE', `The value of "options.modulusLength" is out of range. It must be >= 0 && <= 4294967295. Received ${modulusLength}`)
    }
    if (typeof publicExponent !== 'number') throw invalidArgType('options.publicExponent', 'of type number', publicExponent)
    der = native_(() => native.generate(type, modulusLength, publicExponent, ''))
  } else if (type === 'ec') {
    const { namedCurve } = options
    if (typeof namedCurve !== 'string') throw invalidArgType('options.namedCurve', 'of type string', namedCurve)
    const curve = EC_CURVES[namedCurve]
    if (!curve) throw nodeError(TypeError, 'ERR_CRYPTO_INVALID_CURVE', 'Invalid EC curve name')
    der = native_(() => native.generate('ec', 0, 0, curve))
  } else if (type === 'ed25519' || type === 'x25519') {
    der = native_(() => native.generate(type, 0, 0, ''))
  } else {
    throw invalidArgValue('type', type, 'must be a supported key type')
  }
  const privateKey = makeKey({ type: 'private', kind: type, der })
  const publicKey = createPublicKey(privateKey)
  return {
    publicKey: encodeGenerated(publicKey, options.publicKeyEncoding, 'publicKeyEncoding'),
    privateKey: encodeGenerated(privateKey, options.privateKeyEncoding, 'privateKeyEncoding'),
  }
}

export function generateKeyPair(type, options, callback) {
  if (typeof options === 'function') {
    callback = options
    options = undefined
  }
  if (typeof callback !== 'function') throw invalidArgType('callback', 'of type function', callback)
  const { publicKey, privateKey } = generateKeyPairSync(type, options)
  setImmediate(() => callback(null, publicKey, privateKey))
}

Object.defineProperty(generateKeyPair, Symbol.for('nodejs.util.promisify.custom'), {
  value: (type, options) =>
    new Promise((resolve, reject) => {
      try {
        generateKeyPair(type, options, (err, publicKey, privateKey) => (err ? reject(err) : resolve({ publicKey, privateKey })))
      } catch (error) {
        reject(error)
      }
    }),
})

export function generateKeySync(type, options) {
  if (typeof type !== 'string') throw invalidArgType('type', 'of type string', type)
  if (options === null || typeof options !== 'object') throw invalidArgType('options', 'of type object', options)
  const { length } = options
  if (typeof length !== 'number') throw invalidArgType('options.length', 'of type number', length)
  let bytes
  if (type === 'hmac') {
    if (!Number.isInteger(length) || length < 8 || length > 2 ** 31 - 1) {
      throw nodeError(RangeError, 'ERR_OUT_OF_RANGE', `The value of "options.length" is out of range. It must be >= 8 && <= 2147483647. Received ${length}`)
    }
    bytes = Math.floor(length / 8)
  } else if (type === 'aes') {
    if (length !== 128 && length !== 192 && length !== 256) {
      throw invalidArgValue('options.length', length, 'must be one of: 128, 192, 256')
    }
    bytes = length / 8
  } else {
    throw invalidArgValue('type', type, "must be one of: 'hmac', 'aes'")
  }
  const out = Buffer.alloc(bytes)
  globalThis.crypto.getRandomValues(out)
  return createSecretKey(out)
}

export function generateKey(type, options, callback) {
  if (typeof callback !== 'function') throw invalidArgType('callback', 'of type function', callback)
  const key = generateKeySync(type, options)
  setImmediate(() => callback(null, key))
}

// ---- signatures ---------------------------------------------------------------------

const DIGESTS = new Set(['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512'])

// OpenSSL's digest names as createSign/crypto.sign take them: 'RSA-SHA256', 'SHA256',
// 'sha256WithRSAEncryption', 'ecdsa-with-SHA256', 'sha-256'.
export function normalizeDigest(name) {
  let n = String(name).toLowerCase()
  n = n.replace(/^rsa-/, '').replace(/^ecdsa-with-/, '').replace(/withrsaencryption$/, '')
  n = n.replace(/^sha-(\d+)$/, 'sha$1')
  if (n === 'sha2-256') n = 'sha256'
  return DIGESTS.has(n) ? n : null
}

function signOptions(key, state) {
  const options = key && typeof key === 'object' && !isBytes(key) && !isKeyObject(key) ? key : {}
  let padding = options.padding
  if (padding === undefined) padding = state.kind === 'rsa-pss' ? constants.RSA_PKCS1_PSS_PADDING : constants.RSA_PKCS1_PADDING
  if (padding !== 1 && padding !== 6) {
    throw nodeError(Error, 'ERR_OSSL_ILLEGAL_OR_UNSUPPORTED_PADDING_MODE', 'error:1C8000A5:Provider routines::illegal or unsupported padding mode')
  }
  let saltLength = options.saltLength
  if (saltLength !== undefined && typeof saltLength !== 'number') {
    throw invalidArgValue('options.saltLength', saltLength)
  }
  const dsaEncoding = options.dsaEncoding === undefined ? 'der' : options.dsaEncoding
  if (dsaEncoding !== 'der' && dsaEncoding !== 'ieee-p1363') {
    throw invalidArgValue('options.dsaEncoding', dsaEncoding)
  }
  return { padding, saltLength, dsaEncoding }
}

function pickDigest(algorithm, state, oneShot) {
  if (state.kind === 'ed25519' || state.kind === 'ed448') {
    if (!oneShot) throw nodeError(Error, 'ERR_CRYPTO_UNSUPPORTED_OPERATION', 'Unsupported crypto operation')
    if (algorithm !== null && algorithm !== undefined) {
      throw opensslError(new Error('error:1C80007A:Provider routines::invalid digest'))
    }
    return 'none'
  }
  if (state.kind === 'x25519' || state.kind === 'x448') {
    throw opensslError(new Error('error:1C8000A6:Provider routines::operation not supported for this keytype'))
  }
  if (algorithm === null || algorithm === undefined) return 'sha256'
  const digest = normalizeDigest(algorithm)
  if (!digest) throw nodeError(TypeError, 'ERR_CRYPTO_INVALID_DIGEST', `Invalid digest: ${algorithm}`)
  return digest
}

function doSign(algorithm, data, key, oneShot) {
  const state = asymmetricState(key, true)
  const digest = pickDigest(algorithm, state, oneShot)
  const { padding, saltLength, dsaEncoding } = signOptions(key, state)
  const salt = saltLength === undefined ? constants.RSA_PSS_SALTLEN_MAX_SIGN : saltLength
  return Buffer.from(native_(() => signer.sign(digest, data, state.kind, state.der, { padding, saltLength: salt, dsaEncoding })))
}

function doVerify(algorithm, data, key, signature, oneShot) {
  const state = asymmetricState(key, false)
  const digest = pickDigest(algorithm, state, oneShot)
  const { padding, saltLength, dsaEncoding } = signOptions(key, state)
  const salt = saltLength === undefined ? constants.RSA_PSS_SALTLEN_AUTO : saltLength
  return native_(() => signer.verify(digest, data, state.kind, state.der, signature, { padding, saltLength: salt, dsaEncoding }))
}

function dataArg(data, name, encoding) {
  const bytes = toBuffer(data, encoding)
  if (!bytes) throw invalidArgType(name, 'an instance of Buffer, TypedArray, or DataView', data)
  return bytes
}

export function sign(algorithm, data, key, callback) {
  if (algorithm !== null && algorithm !== undefined && typeof algorithm !== 'string') {
    throw invalidArgType('algorithm', 'of type string', algorithm)
  }
  if (typeof data !== 'string' && !isBytes(data)) throw invalidArgType('data', 'an instance of Buffer, TypedArray, or DataView', data)
  if (callback !== undefined && typeof callback !== 'function') throw invalidArgType('callback', 'of type function', callback)
  if (callback) {
    let result
    try {
      result = doSign(algorithm, toBuffer(data), key, true)
    } catch (error) {
      setImmediate(() => callback(error))
      return
    }
    setImmediate(() => callback(null, result))
    return
  }
  return doSign(algorithm, toBuffer(data), key, true)
}

export function verify(algorithm, data, key, signature, callback) {
  if (algorithm !== null && algorithm !== undefined && typeof algorithm !== 'string') {
    throw invalidArgType('algorithm', 'of type string', algorithm)
  }
  if (typeof data !== 'string' && !isBytes(data)) throw invalidArgType('data', 'an instance of Buffer, TypedArray, or DataView', data)
  if (!isBytes(signature)) throw invalidArgType('signature', 'an instance of ArrayBuffer, Buffer, TypedArray, or DataView', signature)
  if (callback !== undefined && typeof callback !== 'function') throw invalidArgType('callback', 'of type function', callback)
  const run = () => doVerify(algorithm, toBuffer(data), key, toBuffer(signature), true)
  if (callback) {
    let result
    try {
      result = run()
    } catch (error) {
      setImmediate(() => callback(error))
      return
    }
    setImmediate(() => callback(null, result))
    return
  }
  return run()
}

class Accumulator {
  constructor(algorithm) {
    if (typeof algorithm !== 'string') throw invalidArgType('algorithm', 'of type string', algorithm)
    if (!normalizeDigest(algorithm)) throw nodeError(TypeError, 'ERR_CRYPTO_INVALID_DIGEST', 'Invalid digest')
    this._algorithm = algorithm
    this._chunks = []
  }

  update(data, encoding) {
    if (typeof data !== 'string' && !isBytes(data)) {
      throw invalidArgType('data', 'of type string or an instance of Buffer, TypedArray, or DataView', data)
    }
    this._chunks.push(Buffer.from(toBuffer(data, encoding)))
    return this
  }

  write(chunk, encoding, callback) {
    if (typeof encoding === 'function') {
      callback = encoding
      encoding = undefined
    }
    this.update(chunk, encoding)
    if (typeof callback === 'function') setImmediate(callback)
    return true
  }

  end(chunk, encoding, callback) {
    if (typeof chunk === 'function') {
      callback = chunk
      chunk = undefined
    }
    if (chunk !== undefined && chunk !== null) this.update(chunk, encoding)
    if (typeof callback === 'function') setImmediate(callback)
    return this
  }

  _data() {
    return Buffer.concat(this._chunks)
  }
}

export class Sign extends Accumulator {
  sign(privateKey, outputEncoding) {
    if (!privateKey) throw nodeError(Error, 'ERR_CRYPTO_SIGN_KEY_REQUIRED', 'No key provided to sign')
    const out = doSign(this._algorithm, this._data(), privateKey, false)
    return outputEncoding && outputEncoding !== 'buffer' ? out.toString(outputEncoding) : out
  }
}

export class Verify extends Accumulator {
  verify(object, signature, signatureEncoding) {
    const sig = toBuffer(signature, signatureEncoding)
    if (!sig) throw invalidArgType('signature', 'of type string or an instance of ArrayBuffer, Buffer, TypedArray, or DataView', signature)
    return doVerify(this._algorithm, this._data(), object, sig, false)
  }
}

export function createSign(algorithm, options) {
  return new Sign(algorithm, options)
}

export function createVerify(algorithm, options) {
  return new Verify(algorithm, options)
}

// ---- RSA encryption -----------------------------------------------------------------

function encryptOptions(key) {
  const options = key && typeof key === 'object' && !isBytes(key) && !isKeyObject(key) ? key : {}
  const padding = options.padding === undefined ? constants.RSA_PKCS1_OAEP_PADDING : options.padding
  const oaepHash = options.oaepHash === undefined ? 'sha1' : options.oaepHash
  if (typeof oaepHash !== 'string') throw invalidArgType('key.oaepHash', 'of type string', oaepHash)
  const digest = normalizeDigest(oaepHash)
  if (!digest) throw nodeError(TypeError, 'ERR_OSSL_EVP_INVALID_DIGEST', 'Invalid digest used')
  const label = options.oaepLabel === undefined ? Buffer.alloc(0) : toBuffer(options.oaepLabel)
  if (!label) throw invalidArgType('key.oaepLabel', 'an instance of Buffer, TypedArray, or DataView', options.oaepLabel)
  return { padding, digest, label }
}

export function publicEncrypt(key, buffer) {
  const state = asymmetricState(key, false)
  const { padding, digest, label } = encryptOptions(key)
  const data = dataArg(buffer, 'buffer')
  return Buffer.from(native_(() => signer.encrypt(state.der, padding, digest, label, data)))
}

export function privateDecrypt(key, buffer) {
  const state = asymmetricState(key, true)
  const { padding, digest, label } = encryptOptions(key)
  if (padding === constants.RSA_PKCS1_PADDING) {
    throw nodeError(
      TypeError,
      'ERR_INVALID_ARG_VALUE',
      'RSA_PKCS1_PADDING is no longer supported for private decryption, this can be reverted with --security-revert=CVE-2023-46809'
    )
  }
  const data = dataArg(buffer, 'buffer')
  return Buffer.from(native_(() => signer.decrypt(state.der, padding, digest, label, data)))
}

function unsupportedRsa(name) {
  return () => {
    throw nodeError(Error, 'ERR_FEATURE_UNAVAILABLE_ON_PLATFORM', `crypto.${name} is not supported`)
  }
}

export const privateEncrypt = unsupportedRsa('privateEncrypt')
export const publicDecrypt = unsupportedRsa('publicDecrypt')

// ---- key agreement ------------------------------------------------------------------

export function diffieHellman(options) {
  if (options === null || typeof options !== 'object') throw invalidArgType('options', 'of type object', options)
  const { privateKey, publicKey } = options
  if (!isKeyObject(privateKey)) throw invalidArgValue('options.privateKey', privateKey)
  if (!isKeyObject(publicKey)) throw invalidArgValue('options.publicKey', publicKey)
  const a = privateKey[kKey]
  const b = publicKey[kKey]
  if (a.type !== 'private') throw invalidArgValue('options.privateKey', a.type)
  if (b.type === 'secret') throw invalidArgValue('options.publicKey', b.type)
  if (a.kind !== b.kind) {
    throw nodeError(Error, 'ERR_CRYPTO_INCOMPATIBLE_KEY', `Incompatible key types for Diffie-Hellman: ${a.kind} and ${b.kind}`)
  }
  if (a.kind !== 'ec' && a.kind !== 'x25519') {
    throw nodeError(Error, 'ERR_CRYPTO_INCOMPATIBLE_KEY', `Incompatible key types for Diffie-Hellman: ${a.kind} and ${b.kind}`)
  }
  const spki = b.type === 'private' ? keyObjectPublicDer(b) : b.der
  return Buffer.from(native_(() => signer.diffieHellman(a.der, spki)))
}

// The raw bytes of a secret key argument (cipher keys, HMAC keys).
export function secretBytes(key, name = 'key') {
  if (isKeyObject(key)) {
    const state = key[kKey]
    if (state.type !== 'secret') {
      throw nodeError(TypeError, 'ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE', `Invalid key object type ${state.type}, expected secret.`)
    }
    return state.bytes
  }
  const bytes = toBuffer(key)
  if (!bytes) throw invalidArgType(name, KEY_TYPES, key)
  return bytes
}
