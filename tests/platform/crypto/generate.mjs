// crypto: generateKeyPairSync/generateKeyPair (rsa, rsa-pss, ec P-256/P-384, ed25519,
// x25519) as KeyObjects or encoded, generateKeySync/generateKey (hmac, aes), and the
// errors of Node 20. Keys made here must sign and verify with each other.
import { test } from '../harness.mjs'
import assert from 'node:assert'
import crypto from 'node:crypto'
import { promisify } from 'node:util'

const msg = Buffer.from('generated')

test('rsa 1024 as KeyObjects: details, sign/verify', () => {
  const { publicKey, privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 1024 })
  assert.strictEqual(publicKey.type, 'public')
  assert.strictEqual(privateKey.type, 'private')
  assert.strictEqual(privateKey.asymmetricKeyType, 'rsa')
  assert.deepStrictEqual(publicKey.asymmetricKeyDetails, { modulusLength: 1024, publicExponent: 65537n })
  assert.ok(crypto.verify('sha256', msg, publicKey, crypto.sign('sha256', msg, privateKey)))
})

test('rsa with encodings gives PEM strings', () => {
  const { publicKey, privateKey } = crypto.generateKeyPairSync('rsa', {
    modulusLength: 1024,
    publicExponent: 3,
    publicKeyEncoding: { type: 'pkcs1', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  })
  assert.match(publicKey, /^-----BEGIN RSA PUBLIC KEY-----\n/)
  assert.match(privateKey, /^-----BEGIN PRIVATE KEY-----\n/)
  assert.strictEqual(crypto.createPublicKey(publicKey).asymmetricKeyDetails.publicExponent, 3n)
  const sig = crypto.createSign('sha256').update(msg).sign(privateKey)
  assert.ok(crypto.createVerify('sha256').update(msg).verify(publicKey, sig))
})

test('rsa-pss keys sign with PSS', () => {
  const { publicKey, privateKey } = crypto.generateKeyPairSync('rsa-pss', { modulusLength: 1024 })
  assert.strictEqual(privateKey.asymmetricKeyType, 'rsa-pss')
  assert.strictEqual(publicKey.asymmetricKeyType, 'rsa-pss')
  assert.ok(crypto.verify('sha256', msg, publicKey, crypto.sign('sha256', msg, privateKey)))
})

for (const curve of ['P-256', 'prime256v1', 'P-384', 'secp384r1']) {
  test(`ec ${curve}`, () => {
    const { publicKey, privateKey } = crypto.generateKeyPairSync('ec', { namedCurve: curve })
    const named = curve.includes('256') ? 'prime256v1' : 'secp384r1'
    assert.deepStrictEqual(privateKey.asymmetricKeyDetails, { namedCurve: named })
    const digest = curve.includes('256') ? 'sha256' : 'sha384'
    assert.ok(crypto.verify(digest, msg, publicKey, crypto.sign(digest, msg, privateKey)))
  })
}

test('ec with DER encodings', () => {
  const { publicKey, privateKey } = crypto.generateKeyPairSync('ec', {
    namedCurve: 'P-256',
    publicKeyEncoding: { type: 'spki', format: 'der' },
    privateKeyEncoding: { type: 'sec1', format: 'der' },
  })
  assert.ok(Buffer.isBuffer(publicKey))
  assert.strictEqual(publicKey.length, 91)
  const key = crypto.createPrivateKey({ key: privateKey, format: 'der', type: 'sec1' })
  assert.ok(crypto.createPublicKey(key).equals(crypto.createPublicKey({ key: publicKey, format: 'der', type: 'spki' })))
})

test('ed25519 and x25519', () => {
  const ed = crypto.generateKeyPairSync('ed25519')
  assert.strictEqual(ed.privateKey.asymmetricKeyType, 'ed25519')
  assert.strictEqual(ed.publicKey.export({ type: 'spki', format: 'der' }).length, 44)
  assert.ok(crypto.verify(null, msg, ed.publicKey, crypto.sign(null, msg, ed.privateKey)))
  const x = crypto.generateKeyPairSync('x25519', { publicKeyEncoding: { format: 'jwk' } })
  assert.strictEqual(x.publicKey.crv, 'X25519')
  assert.strictEqual(x.privateKey.asymmetricKeyType, 'x25519')
})

test('generateKeyPair callback and promisified forms', async () => {
  const viaCallback = await new Promise((resolve, reject) =>
    crypto.generateKeyPair('ed25519', {}, (err, publicKey, privateKey) => (err ? reject(err) : resolve({ publicKey, privateKey })))
  )
  assert.strictEqual(viaCallback.publicKey.type, 'public')
  const { publicKey, privateKey } = await promisify(crypto.generateKeyPair)('ec', { namedCurve: 'P-256' })
  assert.strictEqual(publicKey.asymmetricKeyType, 'ec')
  assert.strictEqual(privateKey.type, 'private')
})

test('generateKeyPairSync errors', () => {
  assert.throws(() => crypto.generateKeyPairSync('ec', { namedCurve: 'nope' }), {
    name: 'TypeError',
    code: 'ERR_CRYPTO_INVALID_CURVE',
    message: 'Invalid EC curve name',
  })
  assert.throws(() => crypto.generateKeyPairSync('rsa', {}), {
    code: 'ERR_INVALID_ARG_TYPE',
    message: 'The "options.modulusLength" property must be of type number. Received undefined',
  })
  assert.throws(() => crypto.generateKeyPairSync('foo', {}), {
    code: 'ERR_INVALID_ARG_VALUE',
    message: "The argument 'type' must be a supported key type. Received 'foo'",
  })
})

test('generateKeySync hmac and aes', () => {
  const hmac = crypto.generateKeySync('hmac', { length: 100 })
  assert.strictEqual(hmac.type, 'secret')
  assert.strictEqual(hmac.symmetricKeySize, 12)
  const aes = crypto.generateKeySync('aes', { length: 256 })
  assert.strictEqual(aes.symmetricKeySize, 32)
  const c = crypto.createCipheriv('aes-256-gcm', aes, Buffer.alloc(12))
  assert.strictEqual(Buffer.concat([c.update('x'), c.final()]).length, 1)
  assert.notDeepStrictEqual(crypto.generateKeySync('aes', { length: 128 }).export(), crypto.generateKeySync('aes', { length: 128 }).export())
})

test('generateKeySync errors', () => {
  assert.throws(() => crypto.generateKeySync('aes', { length: 100 }), {
    code: 'ERR_INVALID_ARG_VALUE',
    message: "The property 'options.length' must be one of: 128, 192, 256. Received 100",
  })
})

test('generateKey callback', async () => {
  const key = await new Promise((resolve, reject) =>
    crypto.generateKey('hmac', { length: 256 }, (err, k) => (err ? reject(err) : resolve(k)))
  )
  assert.strictEqual(key.symmetricKeySize, 32)
})
