// `crypto`: LLRT's native crypto (hashes, HMAC, random, webcrypto) plus the Node
// functions it lacks that webhook and auth code calls, timingSafeEqual first of all
// (signature checks of Stripe, GitHub, Slack webhooks); ciphers and scrypt come from
// crypto_cipher.js, keys and signatures from crypto_keys.js.
import llrt from 'apiroutes:llrt/crypto'
import * as kdf from 'apiroutes:native/kdf'
import * as keys from 'apiroutes:crypto-keys'
import * as ciphers from 'apiroutes:crypto-cipher'

export * from 'apiroutes:llrt/crypto'
export {
  KeyObject,
  createSecretKey,
  createPublicKey,
  createPrivateKey,
  generateKeyPair,
  generateKeyPairSync,
  generateKey,
  generateKeySync,
  Sign,
  Verify,
  createSign,
  createVerify,
  sign,
  verify,
  publicEncrypt,
  privateDecrypt,
  privateEncrypt,
  publicDecrypt,
  diffieHellman,
  constants,
} from 'apiroutes:crypto-keys'
export {
  Cipheriv,
  Decipheriv,
  createCipheriv,
  createDecipheriv,
  getCiphers,
  getCurves,
  getCipherInfo,
  scrypt,
  scryptSync,
} from 'apiroutes:crypto-cipher'

function toView(value, name) {
  if (value instanceof ArrayBuffer) return new Uint8Array(value)
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength)
  const err = new TypeError(
    `The "${name}" argument must be an instance of ArrayBuffer, Buffer, TypedArray, or DataView.`
  )
  err.code = 'ERR_INVALID_ARG_TYPE'
  throw err
}

// Compares every byte whatever the first difference, so the time taken does not tell
// an attacker how much of a guessed signature was right.
export function timingSafeEqual(a, b) {
  const left = toView(a, 'buf1')
  const right = toView(b, 'buf2')
  if (left.byteLength !== right.byteLength) {
    const err = new RangeError('Input buffers must have the same byte length')
    err.code = 'ERR_CRYPTO_TIMING_SAFE_EQUAL_LENGTH'
    throw err
  }
  let diff = 0
  for (let i = 0; i < left.byteLength; i++) diff |= left[i] ^ right[i]
  return diff === 0
}

// LLRT's createHmac takes bytes only; Node also takes a secret KeyObject (jsonwebtoken
// passes one from createSecretKey).
export function createHmac(algorithm, key, options) {
  if (keys.isKeyObject(key)) key = keys.secretBytes(key)
  return llrt.createHmac(algorithm, key, options)
}

// Node 20.12's one-shot digest.
export function hash(algorithm, data, outputEncoding = 'hex') {
  if (typeof data !== 'string' && !ArrayBuffer.isView(data)) {
    throw invalidArg('data', 'of type string or an instance of Buffer, TypedArray, or DataView', data)
  }
  const out = llrt.createHash(algorithm).update(data).digest()
  const buffer = Buffer.from(out)
  return outputEncoding === 'buffer' ? buffer : buffer.toString(outputEncoding)
}

// There is no FIPS provider here.
export function getFips() {
  return 0
}

export function setFips(enabled) {
  if (enabled) {
    const err = new Error('Cannot set FIPS mode in a non-FIPS build.')
    err.code = 'ERR_CRYPTO_FIPS_FORCED'
    throw err
  }
}

export function secureHeapUsed() {
  return { total: 0, min: 0, used: 0, utilization: 0 }
}

export function getHashes() {
  return ['md5', 'sha1', 'sha256', 'sha384', 'sha512']
}

function invalidArg(name, expected, value) {
  const err = new TypeError(`The "${name}" argument must be ${expected}. Received ${value === null ? 'null' : typeof value}`)
  err.code = 'ERR_INVALID_ARG_TYPE'
  return err
}

function keyBytes(value, name) {
  if (typeof value === 'string' || value instanceof ArrayBuffer || ArrayBuffer.isView(value)) return value
  if (value && typeof value === 'object' && typeof value.export === 'function') return value.export()
  throw invalidArg(name, 'of type string or an instance of ArrayBuffer, Buffer, TypedArray, or DataView', value)
}

function checkInt(value, name, min, max) {
  if (typeof value !== 'number') throw invalidArg(name, 'of type number', value)
  if (!Number.isInteger(value) || value < min || value > max) {
    const err = new RangeError(`The value of "${name}" is out of range. It must be >= ${min} && <= ${max}. Received ${value}`)
    err.code = 'ERR_OUT_OF_RANGE'
    throw err
  }
}

function digestError(digest) {
  const err = new TypeError(`Invalid digest: ${digest}`)
  err.code = 'ERR_CRYPTO_INVALID_DIGEST'
  return err
}

const DIGESTS = new Set(['sha1', 'sha224', 'sha256', 'sha384', 'sha512', 'md5'])

export function pbkdf2Sync(password, salt, iterations, keylen, digest) {
  password = keyBytes(password, 'password')
  salt = keyBytes(salt, 'salt')
  checkInt(iterations, 'iterations', 1, 2147483647)
  checkInt(keylen, 'keylen', 0, 2147483647)
  if (typeof digest !== 'string') throw invalidArg('digest', 'of type string', digest)
  if (!DIGESTS.has(digest.toLowerCase())) throw digestError(digest)
  const out = kdf.pbkdf2(password, salt, iterations, keylen, digest)
  return Buffer.from(out.buffer, out.byteOffset, out.byteLength)
}

export function pbkdf2(password, salt, iterations, keylen, digest, callback) {
  if (typeof callback !== 'function') throw invalidArg('callback', 'of type function', callback)
  const key = pbkdf2Sync(password, salt, iterations, keylen, digest)
  setImmediate(() => callback(null, key))
}

export function hkdfSync(digest, ikm, salt, info, keylen) {
  if (typeof digest !== 'string') throw invalidArg('digest', 'of type string', digest)
  if (!DIGESTS.has(digest.toLowerCase())) throw digestError(digest)
  ikm = keyBytes(ikm, 'ikm')
  salt = keyBytes(salt, 'salt')
  info = keyBytes(info, 'info')
  checkInt(keylen, 'keylen', 0, 2147483647)
  const out = kdf.hkdf(digest, ikm, salt, info, keylen)
  return out.buffer.slice(out.byteOffset, out.byteOffset + out.byteLength)
}

export function hkdf(digest, ikm, salt, info, keylen, callback) {
  if (typeof callback !== 'function') throw invalidArg('callback', 'of type function', callback)
  const key = hkdfSync(digest, ikm, salt, info, keylen)
  setImmediate(() => callback(null, key))
}

export const subtle = llrt.webcrypto ? llrt.webcrypto.subtle : globalThis.crypto && globalThis.crypto.subtle

const { isKeyObject, keyState, nodeError, invalidArgType, invalidArgValue, opensslError, toBuffer, isBytes, secretBytes, normalizeDigest, ...keyExports } = keys

export default {
  ...llrt,
  ...keyExports,
  ...ciphers,
  createHmac,
  hash,
  getFips,
  setFips,
  secureHeapUsed,
  timingSafeEqual,
  getHashes,
  subtle,
  pbkdf2,
  pbkdf2Sync,
  hkdf,
  hkdfSync,
}
