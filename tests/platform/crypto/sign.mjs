// crypto: createSign/createVerify and one-shot sign/verify — RSA PKCS#1 v1.5 and PSS,
// ECDSA P-256/P-384 (DER and IEEE P1363), Ed25519 — both ways against Node 20: Node's
// signatures (NODE_*: made by Node) verify here, ours (OURS_*: made here, checked with
// Node's crypto.verify) verify here too; deterministic schemes must match byte for byte.
// Also publicEncrypt/privateDecrypt (OAEP) and the errors Node gives.
import { test } from '../harness.mjs'
import assert from 'node:assert'
import crypto from 'node:crypto'

const RSA_PKCS8 = `-----BEGIN PRIVATE KEY-----
MIICeAIBADANBgkqhkiG9w0BAQEFAASCAmIwggJeAgEAAoGBAO7XWBKQcVACmBGG
xEO8HHNSLBI1FkfzL8v2b/a60dNk1eecAlVhpyIqREaGcEYHerxOqYVMLW4D6Hmt
bglmlR7baJZTvIQq4OuRGTe95SOKnMntutO8qwiT4P0vPhg6+sGug33v1Ygk5dL2
7F42PTu+MsjvL4Nja5nTx8bwMKz9AgMBAAECgYEAyZ0qkXEw1dN6vsC+iFcQxSBG
Z5A8oLveSxRaazJE0We7UWnWZnCqfyKiw83UlKjXqIHWg9lMOCRAaAZIbtMTaHlg
PFwkazuqTGH+IKrHZBpg9wxjAivgnf05d5MaoDlAS2B5Q/lDSRE4rmld/WxVZhEX
j0qS5wzNhrt3TjdjmpkCQQD42pvijq4vQ0cU4o5iN+MLbbT+J/DJqNYKMyr9EMbr
CiOW0cc+obx3xohjq/vcbMrjAUwlt/mmJaInYU6eXUrjAkEA9bMg8zT3DN59zr8V
yM90OTr6G94UfvUoaeZwXBdxL83yHUM+t+gD0G5NWfiUuUsVxGQVDq76B89Ggutr
EDpOnwJBALlBZNLgDOO6Xew6TGzp1efoH9kkuqglPFITjWkfWDYZMi1Qtdb2aGty
LI6mtbR+ePtNN/bMYtlBItnWIsTaBqkCQQC3HgYUvQjTYo9JI0lNHLB2Zuo5Es8b
wAOaydA8EoydIFSuUovP7O/KzCqCP644Wymh8SVwiCB46ZaXxHVK5unpAkAFdcfJ
HsAuVWqCf/MIGSf2qw3cer3VmMOmqD6JGriRgfZ6y7wADGYpLqbZrywKqq3bQ2C8
8bfVtQh3puVM8Wsm
-----END PRIVATE KEY-----
`
const RSA_PKCS1 = `-----BEGIN RSA PRIVATE KEY-----
MIICXgIBAAKBgQDu11gSkHFQApgRhsRDvBxzUiwSNRZH8y/L9m/2utHTZNXnnAJV
YaciKkRGhnBGB3q8TqmFTC1uA+h5rW4JZpUe22iWU7yEKuDrkRk3veUjipzJ7brT
vKsIk+D9Lz4YOvrBroN979WIJOXS9uxeNj07vjLI7y+DY2uZ08fG8DCs/QIDAQAB
AoGBAMmdKpFxMNXTer7AvohXEMUgRmeQPKC73ksUWmsyRNFnu1Fp1mZwqn8iosPN
1JSo16iB1oPZTDgkQGgGSG7TE2h5YDxcJGs7qkxh/iCqx2QaYPcMYwIr4J39OXeT
GqA5QEtgeUP5Q0kROK5pXf1sVWYRF49KkucMzYa7d043Y5qZAkEA+Nqb4o6uL0NH
FOKOYjfjC220/ifwyajWCjMq/RDG6wojltHHPqG8d8aIY6v73GzK4wFMJbf5piWi
J2FOnl1K4wJBAPWzIPM09wzefc6/FcjPdDk6+hveFH71KGnmcFwXcS/N8h1DPrfo
A9BuTVn4lLlLFcRkFQ6u+gfPRoLraxA6Tp8CQQC5QWTS4Azjul3sOkxs6dXn6B/Z
JLqoJTxSE41pH1g2GTItULXW9mhrciyOprW0fnj7TTf2zGLZQSLZ1iLE2gapAkEA
tx4GFL0I02KPSSNJTRywdmbqORLPG8ADmsnQPBKMnSBUrlKLz+zvyswqgj+uOFsp
ofElcIggeOmWl8R1Subp6QJABXXHyR7ALlVqgn/zCBkn9qsN3Hq91ZjDpqg+iRq4
kYH2esu8AAxmKS6m2a8sCqqt20NgvPG31bUId6blTPFrJg==
-----END RSA PRIVATE KEY-----
`
const RSA_SPKI = `-----BEGIN PUBLIC KEY-----
MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDu11gSkHFQApgRhsRDvBxzUiwS
NRZH8y/L9m/2utHTZNXnnAJVYaciKkRGhnBGB3q8TqmFTC1uA+h5rW4JZpUe22iW
U7yEKuDrkRk3veUjipzJ7brTvKsIk+D9Lz4YOvrBroN979WIJOXS9uxeNj07vjLI
7y+DY2uZ08fG8DCs/QIDAQAB
-----END PUBLIC KEY-----
`
const EC_PKCS8 = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgW5c3D5yDme+Gsygh
MuLLpHdYvkTbro0f1vrOodhjqHihRANCAATd2R2C7fca8G6gRnqrKhtT4rcra1Yz
K+TWanCB97gTTOx8mQ/wguMPFucoJ+JgEIPSJmRprBh3ghsM61VcPlA9
-----END PRIVATE KEY-----
`
const EC_SPKI = `-----BEGIN PUBLIC KEY-----
MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE3dkdgu33GvBuoEZ6qyobU+K3K2tW
Myvk1mpwgfe4E0zsfJkP8ILjDxbnKCfiYBCD0iZkaawYd4IbDOtVXD5QPQ==
-----END PUBLIC KEY-----
`
const EC384_PKCS8 = `-----BEGIN PRIVATE KEY-----
MIG2AgEAMBAGByqGSM49AgEGBSuBBAAiBIGeMIGbAgEBBDBNoaAJnRy3cy/Z1fiy
1gsERhraNHXjpppBffbgqlg9SmeEtCx4eIAiGqYUTndovSmhZANiAARENGulzIhX
Q6GYTcm2o/XrZ8cMyqmxo88fK0XsAVJfsgkVtd2wEFGHJ+pbWbiEpGP1Q8aejWbU
lhhxkFC7WeZ+VecRxTbUqtqcdSdvifVAoTa/Z8jfyTNbM8Of/9Ti4WM=
-----END PRIVATE KEY-----
`
const EC384_SPKI = `-----BEGIN PUBLIC KEY-----
MHYwEAYHKoZIzj0CAQYFK4EEACIDYgAERDRrpcyIV0OhmE3JtqP162fHDMqpsaPP
HytF7AFSX7IJFbXdsBBRhyfqW1m4hKRj9UPGno1m1JYYcZBQu1nmflXnEcU21Kra
nHUnb4n1QKE2v2fI38kzWzPDn//U4uFj
-----END PUBLIC KEY-----
`
const ED_PKCS8 = `-----BEGIN PRIVATE KEY-----
MC4CAQAwBQYDK2VwBCIEIF0tkT4gKeosysb5hLSZye61ns8B8DecdEjk13EqYTaW
-----END PRIVATE KEY-----
`
const ED_SPKI = `-----BEGIN PUBLIC KEY-----
MCowBQYDK2VwAyEAj5OYewD69Ds6KhoKaff9t/D5nn+xt2IgKKgI3i6CAY0=
-----END PUBLIC KEY-----
`
const X_PKCS8 = `-----BEGIN PRIVATE KEY-----
MC4CAQAwBQYDK2VuBCIEIDgwla50FLmGnAQg1+1Te+uyxqrvRhWlfJeR29c8s0J6
-----END PRIVATE KEY-----
`
const NODE_RS256 = `hDXOgzXYQTbkj+apnTUlDl1hW8PSyBk9d6QG3JqcSooRgtkxAqvjP+OTw4wm0VMTglz2o1rQXgl/UE/Va5PBGfedhWbDDdqBhyv2vbkI7NcEXbqJP23hlbXqOo0aWas1xGnz545XtAtkywA07QRMhWcoKiYCk/DaDLeWSmnJa94=`
const NODE_RS512 = `cd13f7c75b40eb02cd69d10016273d9f00fa16efcad0084cc52d68c2e932d5e8a88be708d7bcaa6caaa0e42e8c103df342efcd4dbe50294a222ac584b1761fa7fa19ce6c37895e34766b63f6269c0fa97d6024fec741a6d84f248d422cb9d4c0f255ce8ff949e1353d8b6e670c0b57ba7baccb7479ec59244603309146faf721`
const NODE_PS256 = `Eu5MP1wH4HgCaifXPLdUagJQyDoJJqvXU/W9ZXjyIyTTycCqeGQ5vwIUxXrNLu39BULQ0Ry3NXrS+5x9FIqeMK8iELMp+79YKlqFg1Lkv+O87MwGxyuVZzGHTlmbPN6YP4uuMvj0uYVhVbUo2qLrS2PaIpYXoO9cI7DdYxn1UPM=`
const NODE_ES256_DER = `MEYCIQDYBOKuXFaOeVyq2+jFZyHywMW+hDTLmk1TlCoJ7Ylp4wIhAOkZkAUMkLKBEJMspXcPZZ1e8zSbZC9oY4Ns1+ufFIkA`
const NODE_ES256_P1363 = `PMvE3QwNE5TuXLDPDyyMg4/8Oo3P3Ky0va2cBLJXkjEP3DqtvoQJAgBav6LaDrtrIinPZaZU3jQ5qMTQDq4pgw==`
const NODE_ES384 = `MGYCMQCdhrPvGn6eQk6ywj6avOhbQ0/OklQIpg96+7rxDGYmBKHxiK4viYYdGoOas+ouBNsCMQCyKuY1kNkjKXv4+7QJV+UD+7IuxNPWJV2W16MGXF1F0lZbUNQ1qRgP5eWB3XhccI0=`
const NODE_ED = `nGqaGpTS4N2MtXK92HsS+f+4ClLXjlw69cZ1rcXgGmVlQ5mON5x+m/M6gGqtnoUxo8epRXTzGv+SpvSETcxRCQ==`
const OAEP_CT = `dE+KH/4yxFSFn3HguLIzzW9DSekqIgE6rzbJk4iYJ36xDcpu/wmOhZ+4MdWRpjfL/9cjMPHYVr1gEGUIxn57v40/wIiC6XwEiAgEeEToTWTRHb2ioRiuZi8NHe+n5TcHLVl7GZpXIAa3Pv8/b/7BTbLfYmwVjt0XW7GONM5CMX8=`
const OAEP1_CT = `wIDpDYDCkGa2CxCIfMQQDR4gLHLvM3VKhCLM/O8gKUboEaG1s9l1TL1jsYMpdwVgpu2+I+rrpLToLp7Ggg7W8M7+zujDj2Kxgxrm/zWKNttp1Yn7YyW886kZnpnE1yigOVxo32j13aCzY2u9T00OjQMwsLTJKfVhgHIP2j/Efe4=`
const OURS_ES256 = 'MEUCIAmK/l1NhAoIT8iVWRPMD7bI5p2lxD9f04L+XJx6NR4XAiEAm74Q26Cy3Gz2B4SS6CmcHdp0h/nPRmUT4yvUdTEh3Sg='
const OURS_ES256_P1363 = 'CYr+XU2ECghPyJVZE8wPtsjmnaXEP1/Tgv5cnHo1HhebvhDboLLcbPYHhJLoKZwd2nSH+c9GZRPjK9R1MSHdKA=='
const OURS_ES384 = 'MGYCMQD0kEUUjCsPoaeaz/vR4hyxAbahs1/QXv1wz5Gv3paTAm7DJKxSC7RMNUUdESYXrJsCMQDr7PdvOYbQPVcbD4KeYS/ERVwbquL3/ZS4a5xTnWEYFFpyjbZ9MnJth1vVyr6rfXU='
const OURS_PS256 = 'feK6+YIh49rdFCE7zzrMVgXaqoyRtB1+LxbpxNSCSjUbLu0gUWJU3XQzMW1OxmvsoAFPyZDkMmu/vCv9xYQrSiZt/eYxpuF1ANYkitCfNLXiOp5n4rSFvagDc3cBhX+8StvUi6LDMxMbtAkdTCQeIFYjRHBpkcNVfZW01925mZY='
const OURS_PS384_SALT20 = 'galCPef5W2PA+opzbdSEgGqJ8pQ94u5G4Hl1plSl82sA+3HZtWMaaLQQXGdhmIidIqhB29AKJ2mMOl/CqTKQyX863BrNRzVrjDWdtCodfkris7CFrFTsTyCzU5ssNLfkAKwv9+mBpjjhg5+zvXUF/WobY7Y1FRc7UybTjJKJjno='

const msg = Buffer.from('message to sign')
const b64 = (text) => Buffer.from(text, 'base64')

test('RS256: our signature is Node\'s, byte for byte', () => {
  assert.strictEqual(crypto.sign('sha256', msg, RSA_PKCS8).toString('base64'), NODE_RS256)
  assert.strictEqual(crypto.sign('sha256', msg, crypto.createPrivateKey(RSA_PKCS1)).toString('base64'), NODE_RS256)
})

test('RS512 via createSign(\'RSA-SHA512\'), hex output', () => {
  assert.strictEqual(crypto.createSign('RSA-SHA512').update(msg).sign(RSA_PKCS8, 'hex'), NODE_RS512)
  assert.ok(crypto.createVerify('sha512WithRSAEncryption').update(msg).verify(RSA_SPKI, NODE_RS512, 'hex'))
})

test('createSign with several updates and encodings', () => {
  const s = crypto.createSign('SHA256')
  s.update('message ')
  s.update(Buffer.from('to '))
  s.update('7369676e', 'hex')
  assert.strictEqual(s.sign(RSA_PKCS8, 'base64'), NODE_RS256)
})

test('RS256 verify: Node\'s signature, a tampered one, the wrong message', () => {
  assert.strictEqual(crypto.verify('sha256', msg, RSA_SPKI, b64(NODE_RS256)), true)
  const bad = b64(NODE_RS256)
  bad[10] ^= 1
  assert.strictEqual(crypto.verify('sha256', msg, RSA_SPKI, bad), false)
  assert.strictEqual(crypto.verify('sha256', Buffer.from('other'), RSA_SPKI, b64(NODE_RS256)), false)
  assert.strictEqual(crypto.verify('sha256', msg, RSA_SPKI, Buffer.alloc(3)), false)
})

test('verify with the private key', () => {
  assert.strictEqual(crypto.verify('sha256', msg, RSA_PKCS8, b64(NODE_RS256)), true)
  assert.strictEqual(crypto.createVerify('RSA-SHA256').update(msg).verify(crypto.createPrivateKey(RSA_PKCS8), NODE_RS256, 'base64'), true)
})

test('PSS: Node\'s signature verifies (salt 32, and detected)', () => {
  const sig = b64(NODE_PS256)
  assert.ok(crypto.verify('sha256', msg, { key: RSA_SPKI, padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }, sig))
  assert.ok(crypto.verify('sha256', msg, { key: RSA_SPKI, padding: crypto.constants.RSA_PKCS1_PSS_PADDING }, sig))
  assert.ok(!crypto.verify('sha256', msg, { key: RSA_SPKI, padding: 6, saltLength: 20 }, sig))
  assert.ok(!crypto.verify('sha256', msg, RSA_SPKI, sig))
})

test('PSS: ours verify (largest salt by default, explicit salt)', () => {
  assert.ok(crypto.verify('sha256', msg, { key: RSA_SPKI, padding: 6 }, b64(OURS_PS256)))
  assert.ok(crypto.verify('sha256', msg, { key: RSA_SPKI, padding: 6, saltLength: 94 }, b64(OURS_PS256)))
  assert.ok(crypto.verify('sha384', msg, { key: RSA_SPKI, padding: 6, saltLength: 20 }, b64(OURS_PS384_SALT20)))
  const fresh = crypto.sign('sha256', msg, { key: RSA_PKCS8, padding: 6, saltLength: crypto.constants.RSA_PSS_SALTLEN_DIGEST })
  assert.ok(crypto.verify('sha256', msg, { key: RSA_SPKI, padding: 6, saltLength: 32 }, fresh))
})

test('ES256: Node\'s DER and P1363 signatures verify', () => {
  assert.ok(crypto.verify('sha256', msg, EC_SPKI, b64(NODE_ES256_DER)))
  assert.ok(crypto.verify('sha256', msg, { key: EC_SPKI, dsaEncoding: 'ieee-p1363' }, b64(NODE_ES256_P1363)))
  assert.ok(!crypto.verify('sha256', msg, EC_SPKI, b64(NODE_ES256_P1363)))
  assert.ok(!crypto.verify('sha256', Buffer.from('x'), EC_SPKI, b64(NODE_ES256_DER)))
})

test('ES256: ours verify; fresh signatures are DER by default, 64 bytes in P1363', () => {
  assert.ok(crypto.verify('sha256', msg, EC_SPKI, b64(OURS_ES256)))
  assert.ok(crypto.verify('sha256', msg, { key: EC_SPKI, dsaEncoding: 'ieee-p1363' }, b64(OURS_ES256_P1363)))
  const der = crypto.sign('sha256', msg, EC_PKCS8)
  assert.strictEqual(der[0], 0x30)
  assert.ok(crypto.verify('sha256', msg, EC_SPKI, der))
  const raw = crypto.sign('sha256', msg, { key: crypto.createPrivateKey(EC_PKCS8), dsaEncoding: 'ieee-p1363' })
  assert.strictEqual(raw.length, 64)
  assert.ok(crypto.verify('sha256', msg, { key: crypto.createPublicKey(EC_SPKI), dsaEncoding: 'ieee-p1363' }, raw))
})

test('ES384 both ways', () => {
  assert.ok(crypto.createVerify('sha384').update(msg).verify(EC384_SPKI, NODE_ES384, 'base64'))
  assert.ok(crypto.createVerify('sha384').update(msg).verify(EC384_SPKI, OURS_ES384, 'base64'))
})

test('Ed25519: our signature is Node\'s, byte for byte', () => {
  assert.strictEqual(crypto.sign(null, msg, ED_PKCS8).toString('base64'), NODE_ED)
  assert.ok(crypto.verify(null, msg, ED_SPKI, b64(NODE_ED)))
  assert.ok(crypto.verify(undefined, msg, crypto.createPublicKey(ED_PKCS8), b64(NODE_ED)))
  assert.ok(!crypto.verify(null, Buffer.from('other'), ED_SPKI, b64(NODE_ED)))
})

test('Ed25519 with a digest name', () => {
  assert.throws(() => crypto.sign('sha256', msg, ED_PKCS8), {
    code: 'ERR_OSSL_INVALID_DIGEST',
    message: 'error:1C80007A:Provider routines::invalid digest',
  })
})

test('Ed25519 through createSign', () => {
  assert.throws(() => crypto.createSign('sha256').update(msg).sign(ED_PKCS8), {
    code: 'ERR_CRYPTO_UNSUPPORTED_OPERATION',
    message: 'Unsupported crypto operation',
  })
})

test('one-shot sign/verify with callbacks', async () => {
  const sig = await new Promise((resolve, reject) => crypto.sign('sha256', msg, RSA_PKCS8, (e, s) => (e ? reject(e) : resolve(s))))
  assert.strictEqual(sig.toString('base64'), NODE_RS256)
  const ok = await new Promise((resolve, reject) => crypto.verify('sha256', msg, RSA_SPKI, sig, (e, v) => (e ? reject(e) : resolve(v))))
  assert.strictEqual(ok, true)
})

test('unknown digest', () => {
  assert.throws(() => crypto.createSign('nope'), { name: 'TypeError', code: 'ERR_CRYPTO_INVALID_DIGEST', message: 'Invalid digest' })
})

test('signing with a bad key', () => {
  assert.throws(() => crypto.sign('sha256', msg, 'bad'), { code: 'ERR_OSSL_UNSUPPORTED' })
  assert.throws(() => crypto.sign('sha256', msg, crypto.createSecretKey(Buffer.from('k'))), {
    code: 'ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE',
    message: 'Invalid key object type secret, expected private.',
  })
  assert.throws(() => crypto.sign('sha256', msg, crypto.createPublicKey(RSA_SPKI)), { code: 'ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE' })
})

test('one-shot sign: string data is UTF-8, other types are refused', () => {
  assert.deepStrictEqual(crypto.sign('sha256', 'message to sign', RSA_PKCS8), b64(NODE_RS256))
  assert.throws(() => crypto.sign('sha256', 5, RSA_PKCS8), { name: 'TypeError', code: 'ERR_INVALID_ARG_TYPE' })
})

test('OAEP: Node\'s ciphertexts decrypt (sha256 and the sha1 default)', () => {
  assert.strictEqual(crypto.privateDecrypt({ key: RSA_PKCS8, oaepHash: 'sha256' }, b64(OAEP_CT)).toString(), 'oaep secret')
  assert.strictEqual(crypto.privateDecrypt(RSA_PKCS8, b64(OAEP1_CT)).toString(), 'oaep sha1')
})

test('OAEP: round trip with a label; a wrong hash fails', () => {
  const ct = crypto.publicEncrypt({ key: RSA_SPKI, oaepHash: 'sha256', oaepLabel: Buffer.from('L') }, Buffer.from('hi'))
  assert.strictEqual(ct.length, 128)
  assert.strictEqual(crypto.privateDecrypt({ key: RSA_PKCS8, oaepHash: 'sha256', oaepLabel: Buffer.from('L') }, ct).toString(), 'hi')
  assert.throws(() => crypto.privateDecrypt({ key: RSA_PKCS8, oaepHash: 'sha1' }, ct), { code: 'ERR_OSSL_RSA_OAEP_DECODING_ERROR' })
})

test('privateDecrypt with PKCS#1 v1.5 padding is refused (CVE-2023-46809)', () => {
  assert.throws(() => crypto.privateDecrypt({ key: RSA_PKCS8, padding: crypto.constants.RSA_PKCS1_PADDING }, Buffer.alloc(128)), {
    name: 'TypeError',
    code: 'ERR_INVALID_ARG_VALUE',
  })
})

test('constants', () => {
  assert.strictEqual(crypto.constants.RSA_PKCS1_PADDING, 1)
  assert.strictEqual(crypto.constants.RSA_PKCS1_OAEP_PADDING, 4)
  assert.strictEqual(crypto.constants.RSA_PKCS1_PSS_PADDING, 6)
  assert.strictEqual(crypto.constants.RSA_PSS_SALTLEN_DIGEST, -1)
  assert.strictEqual(crypto.constants.RSA_PSS_SALTLEN_AUTO, -2)
})
