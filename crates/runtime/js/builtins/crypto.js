// `crypto`: LLRT's native crypto (hashes, HMAC, random, webcrypto) plus the Node
// functions it lacks that webhook and auth code calls, timingSafeEqual first of all
// (signature checks of Stripe, GitHub, Slack webhooks).
import llrt from 'apiroutes:llrt/crypto'

export * from 'apiroutes:llrt/crypto'

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

export function getHashes() {
  return ['md5', 'sha1', 'sha256', 'sha384', 'sha512']
}

export const subtle = llrt.webcrypto ? llrt.webcrypto.subtle : globalThis.crypto && globalThis.crypto.subtle

export default { ...llrt, timingSafeEqual, getHashes, subtle }
