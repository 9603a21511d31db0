// crypto.subtle with an RSA private key imported as pkcs8 (what jose's importPKCS8 does):
// RS256 and PS256 signatures verify with the public key, and the key exports back.
import { test } from '../harness.mjs'
import assert from 'node:assert'
import crypto from 'node:crypto'

const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 })
const pkcs8 = privateKey.export({ type: 'pkcs8', format: 'der' })
const spki = publicKey.export({ type: 'spki', format: 'der' })
const data = new TextEncoder().encode('header.payload')

for (const [name, params] of [
  ['RSASSA-PKCS1-v1_5', { name: 'RSASSA-PKCS1-v1_5' }],
  ['RSA-PSS', { name: 'RSA-PSS', saltLength: 32 }],
]) {
  test(`${name}: sign with a pkcs8 import, verify with spki`, async () => {
    const subtle = globalThis.crypto.subtle
    const key = await subtle.importKey('pkcs8', pkcs8, { name, hash: 'SHA-256' }, false, ['sign'])
    assert.strictEqual(key.type, 'private')
    assert.strictEqual(key.algorithm.modulusLength, 2048)
    const signature = await subtle.sign(params, key, data)
    assert.strictEqual(signature.byteLength, 256)
    const pub = await subtle.importKey('spki', spki, { name, hash: 'SHA-256' }, false, ['verify'])
    assert.strictEqual(await subtle.verify(params, pub, signature, data), true)
    assert.strictEqual(await subtle.verify(params, pub, signature, new TextEncoder().encode('other')), false)
  })
}

test('RS256 signature from subtle verifies with node:crypto', async () => {
  const key = await globalThis.crypto.subtle.importKey('pkcs8', pkcs8, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, true, ['sign'])
  const signature = Buffer.from(await globalThis.crypto.subtle.sign('RSASSA-PKCS1-v1_5', key, data))
  assert.strictEqual(crypto.verify('sha256', data, publicKey, signature), true)
  const exported = Buffer.from(await globalThis.crypto.subtle.exportKey('pkcs8', key))
  assert.deepStrictEqual(exported, pkcs8)
})
