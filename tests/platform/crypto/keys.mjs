// crypto: KeyObject — createSecretKey/createPublicKey/createPrivateKey from PEM (PKCS#8,
// SPKI, PKCS#1, SEC1, X.509), DER and JWK, public keys from private ones, type and
// details, export to every encoding, equals; keys made with Node 20 and its exports.
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
const RSA_PUB_PKCS1 = `-----BEGIN RSA PUBLIC KEY-----
MIGJAoGBAO7XWBKQcVACmBGGxEO8HHNSLBI1FkfzL8v2b/a60dNk1eecAlVhpyIq
REaGcEYHerxOqYVMLW4D6HmtbglmlR7baJZTvIQq4OuRGTe95SOKnMntutO8qwiT
4P0vPhg6+sGug33v1Ygk5dL27F42PTu+MsjvL4Nja5nTx8bwMKz9AgMBAAE=
-----END RSA PUBLIC KEY-----
`
const RSA_JWK = {"kty":"RSA","n":"7tdYEpBxUAKYEYbEQ7wcc1IsEjUWR_Mvy_Zv9rrR02TV55wCVWGnIipERoZwRgd6vE6phUwtbgPoea1uCWaVHttollO8hCrg65EZN73lI4qcye2607yrCJPg_S8-GDr6wa6Dfe_ViCTl0vbsXjY9O74yyO8vg2NrmdPHxvAwrP0","e":"AQAB","d":"yZ0qkXEw1dN6vsC-iFcQxSBGZ5A8oLveSxRaazJE0We7UWnWZnCqfyKiw83UlKjXqIHWg9lMOCRAaAZIbtMTaHlgPFwkazuqTGH-IKrHZBpg9wxjAivgnf05d5MaoDlAS2B5Q_lDSRE4rmld_WxVZhEXj0qS5wzNhrt3Tjdjmpk","p":"-Nqb4o6uL0NHFOKOYjfjC220_ifwyajWCjMq_RDG6wojltHHPqG8d8aIY6v73GzK4wFMJbf5piWiJ2FOnl1K4w","q":"9bMg8zT3DN59zr8VyM90OTr6G94UfvUoaeZwXBdxL83yHUM-t-gD0G5NWfiUuUsVxGQVDq76B89GgutrEDpOnw","dp":"uUFk0uAM47pd7DpMbOnV5-gf2SS6qCU8UhONaR9YNhkyLVC11vZoa3Isjqa1tH54-0039sxi2UEi2dYixNoGqQ","dq":"tx4GFL0I02KPSSNJTRywdmbqORLPG8ADmsnQPBKMnSBUrlKLz-zvyswqgj-uOFspofElcIggeOmWl8R1Subp6Q","qi":"BXXHyR7ALlVqgn_zCBkn9qsN3Hq91ZjDpqg-iRq4kYH2esu8AAxmKS6m2a8sCqqt20NgvPG31bUId6blTPFrJg"}
const EC_PKCS8 = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgW5c3D5yDme+Gsygh
MuLLpHdYvkTbro0f1vrOodhjqHihRANCAATd2R2C7fca8G6gRnqrKhtT4rcra1Yz
K+TWanCB97gTTOx8mQ/wguMPFucoJ+JgEIPSJmRprBh3ghsM61VcPlA9
-----END PRIVATE KEY-----
`
const EC_SEC1 = `-----BEGIN EC PRIVATE KEY-----
MHcCAQEEIFuXNw+cg5nvhrMoITLiy6R3WL5E266NH9b6zqHYY6h4oAoGCCqGSM49
AwEHoUQDQgAE3dkdgu33GvBuoEZ6qyobU+K3K2tWMyvk1mpwgfe4E0zsfJkP8ILj
DxbnKCfiYBCD0iZkaawYd4IbDOtVXD5QPQ==
-----END EC PRIVATE KEY-----
`
const EC_SPKI = `-----BEGIN PUBLIC KEY-----
MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE3dkdgu33GvBuoEZ6qyobU+K3K2tW
Myvk1mpwgfe4E0zsfJkP8ILjDxbnKCfiYBCD0iZkaawYd4IbDOtVXD5QPQ==
-----END PUBLIC KEY-----
`
const EC_JWK = {"kty":"EC","x":"3dkdgu33GvBuoEZ6qyobU-K3K2tWMyvk1mpwgfe4E0w","y":"7HyZD_CC4w8W5ygn4mAQg9ImZGmsGHeCGwzrVVw-UD0","crv":"P-256","d":"W5c3D5yDme-GsyghMuLLpHdYvkTbro0f1vrOodhjqHg"}
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
const ED_JWK = {"crv":"Ed25519","d":"XS2RPiAp6izKxvmEtJnJ7rWezwHwN5x0SOTXcSphNpY","x":"j5OYewD69Ds6KhoKaff9t_D5nn-xt2IgKKgI3i6CAY0","kty":"OKP"}
const X_PKCS8 = `-----BEGIN PRIVATE KEY-----
MC4CAQAwBQYDK2VuBCIEIDgwla50FLmGnAQg1+1Te+uyxqrvRhWlfJeR29c8s0J6
-----END PRIVATE KEY-----
`
const X_JWK = {"crv":"X25519","d":"ODCVrnQUuYacBCDX7VN767LGqu9GFaV8l5Hb1zyzQno","x":"1zFxqltLjZCBr2KOA0_wDbO9fCR4c7ElWDlGjqX8Ci8","kty":"OKP"}
const X_SPKI = `-----BEGIN PUBLIC KEY-----
MCowBQYDK2VuAyEA1zFxqltLjZCBr2KOA0/wDbO9fCR4c7ElWDlGjqX8Ci8=
-----END PUBLIC KEY-----
`
const RSA_DETAILS_N = `7tdYEpBxUAKYEYbEQ7wcc1IsEjUWR_Mvy_Zv9rrR02TV55wCVWGnIipERoZwRgd6vE6phUwtbgPoea1uCWaVHttollO8hCrg65EZN73lI4qcye2607yrCJPg_S8-GDr6wa6Dfe_ViCTl0vbsXjY9O74yyO8vg2NrmdPHxvAwrP0`
const CERT = `-----BEGIN CERTIFICATE-----
MIIBcjCCARmgAwIBAgIUFwoyQjWlZvK/fX9ux5sJteAg2MwwCgYIKoZIzj0EAwIw
DzENMAsGA1UEAwwEdGVzdDAeFw0yNjEyMDMwOTQ3MzFaFw0zNjExMzAwOTQ3MzFa
MA8xDTALBgNVBAMMBHRlc3QwWTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAATd2R2C
7fca8G6gRnqrKhtT4rcra1YzK+TWanCB97gTTOx8mQ/wguMPFucoJ+JgEIPSJmRp
rBh3ghsM61VcPlA9o1MwUTAdBgNVHQ4EFgQUvHatWpJ+4OSd7uYCL4/BmasEomUw
HwYDVR0jBBgwFoAUvHatWpJ+4OSd7uYCL4/BmasEomUwDwYDVR0TAQH/BAUwAwEB
/zAKBggqhkjOPQQDAgNHADBEAiALkMrOeHx6ijnXHfzhF/14Xp+njED/IPr4FAFZ
LWApTwIgZf9iBpdWxzShY5VpdBJ09+0HAaMHl84Lp4eobMlVULU=
-----END CERTIFICATE-----
`

const der = (pem) => Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ''), 'base64')

test('createPrivateKey: RSA PKCS#8 PEM', () => {
  const key = crypto.createPrivateKey(RSA_PKCS8)
  assert.ok(key instanceof crypto.KeyObject)
  assert.strictEqual(key.type, 'private')
  assert.strictEqual(key.asymmetricKeyType, 'rsa')
  assert.deepStrictEqual(key.asymmetricKeyDetails, { modulusLength: 1024, publicExponent: 65537n })
  assert.strictEqual(key.symmetricKeySize, undefined)
})

test('RSA: PKCS#1 and PKCS#8 exports match Node', () => {
  const key = crypto.createPrivateKey(RSA_PKCS1)
  assert.strictEqual(key.export({ type: 'pkcs8', format: 'pem' }), RSA_PKCS8)
  assert.strictEqual(crypto.createPrivateKey(RSA_PKCS8).export({ type: 'pkcs1', format: 'pem' }), RSA_PKCS1)
  assert.deepStrictEqual(key.export({ type: 'pkcs8', format: 'der' }), der(RSA_PKCS8))
})

test('RSA: public key from the private key, SPKI and PKCS#1 exports', () => {
  const pub = crypto.createPublicKey(RSA_PKCS8)
  assert.strictEqual(pub.type, 'public')
  assert.strictEqual(pub.export({ type: 'spki', format: 'pem' }), RSA_SPKI)
  assert.strictEqual(pub.export({ type: 'pkcs1', format: 'pem' }), RSA_PUB_PKCS1)
  assert.strictEqual(crypto.createPublicKey(RSA_PUB_PKCS1).export({ type: 'spki', format: 'pem' }), RSA_SPKI)
  assert.strictEqual(crypto.createPublicKey(crypto.createPrivateKey(RSA_PKCS1)).export({ type: 'spki', format: 'pem' }), RSA_SPKI)
})

test('RSA: JWK export and import', () => {
  assert.deepStrictEqual(crypto.createPrivateKey(RSA_PKCS8).export({ format: 'jwk' }), RSA_JWK)
  const { d, p, q, dp, dq, qi, ...pubJwk } = RSA_JWK
  assert.deepStrictEqual(crypto.createPublicKey(RSA_SPKI).export({ format: 'jwk' }), pubJwk)
  assert.strictEqual(pubJwk.n, RSA_DETAILS_N)
  const fromJwk = crypto.createPrivateKey({ key: RSA_JWK, format: 'jwk' })
  assert.strictEqual(fromJwk.export({ type: 'pkcs8', format: 'pem' }), RSA_PKCS8)
  assert.strictEqual(crypto.createPublicKey({ key: pubJwk, format: 'jwk' }).export({ type: 'spki', format: 'pem' }), RSA_SPKI)
})

test('DER input with format and type', () => {
  const key = crypto.createPrivateKey({ key: der(RSA_PKCS1), format: 'der', type: 'pkcs1' })
  assert.strictEqual(key.export({ type: 'pkcs8', format: 'pem' }), RSA_PKCS8)
  const pub = crypto.createPublicKey({ key: der(EC_SPKI), format: 'der', type: 'spki' })
  assert.strictEqual(pub.asymmetricKeyType, 'ec')
  const fromBase64 = crypto.createPublicKey({ key: der(EC_SPKI).toString('base64'), format: 'der', type: 'spki', encoding: 'base64' })
  assert.ok(fromBase64.equals(pub))
})

test('EC P-256: SEC1 and PKCS#8 round trips, details', () => {
  const key = crypto.createPrivateKey(EC_SEC1)
  assert.strictEqual(key.asymmetricKeyType, 'ec')
  assert.deepStrictEqual(key.asymmetricKeyDetails, { namedCurve: 'prime256v1' })
  assert.strictEqual(key.export({ type: 'pkcs8', format: 'pem' }), EC_PKCS8)
  assert.strictEqual(crypto.createPrivateKey(EC_PKCS8).export({ type: 'sec1', format: 'pem' }), EC_SEC1)
  assert.strictEqual(crypto.createPublicKey(EC_PKCS8).export({ type: 'spki', format: 'pem' }), EC_SPKI)
})

test('EC: JWK export and import', () => {
  assert.deepStrictEqual(crypto.createPrivateKey(EC_PKCS8).export({ format: 'jwk' }), EC_JWK)
  const { d, ...pubJwk } = EC_JWK
  assert.deepStrictEqual(crypto.createPublicKey(EC_SPKI).export({ format: 'jwk' }), pubJwk)
  assert.strictEqual(crypto.createPrivateKey({ key: EC_JWK, format: 'jwk' }).export({ type: 'pkcs8', format: 'pem' }), EC_PKCS8)
  assert.strictEqual(crypto.createPublicKey({ key: pubJwk, format: 'jwk' }).export({ type: 'spki', format: 'pem' }), EC_SPKI)
})

test('EC P-384 details and public key', () => {
  const key = crypto.createPrivateKey(EC384_PKCS8)
  assert.deepStrictEqual(key.asymmetricKeyDetails, { namedCurve: 'secp384r1' })
  assert.strictEqual(crypto.createPublicKey(key).export({ type: 'spki', format: 'pem' }), EC384_SPKI)
})

test('Ed25519: PKCS#8, SPKI, JWK', () => {
  const key = crypto.createPrivateKey(ED_PKCS8)
  assert.strictEqual(key.asymmetricKeyType, 'ed25519')
  assert.deepStrictEqual(key.asymmetricKeyDetails, {})
  assert.strictEqual(key.export({ type: 'pkcs8', format: 'pem' }), ED_PKCS8)
  assert.strictEqual(crypto.createPublicKey(key).export({ type: 'spki', format: 'pem' }), ED_SPKI)
  assert.deepStrictEqual(key.export({ format: 'jwk' }), ED_JWK)
  assert.strictEqual(crypto.createPrivateKey({ key: ED_JWK, format: 'jwk' }).export({ type: 'pkcs8', format: 'pem' }), ED_PKCS8)
  const { d, ...pubJwk } = ED_JWK
  assert.strictEqual(crypto.createPublicKey({ key: pubJwk, format: 'jwk' }).export({ type: 'spki', format: 'pem' }), ED_SPKI)
})

test('X25519: public key and JWK', () => {
  const key = crypto.createPrivateKey(X_PKCS8)
  assert.strictEqual(key.asymmetricKeyType, 'x25519')
  assert.deepStrictEqual(key.export({ format: 'jwk' }), X_JWK)
  assert.strictEqual(crypto.createPublicKey(key).export({ type: 'spki', format: 'pem' }), X_SPKI)
})

test('createPublicKey from an X.509 certificate', () => {
  const pub = crypto.createPublicKey(CERT)
  assert.strictEqual(pub.asymmetricKeyType, 'ec')
  assert.strictEqual(pub.export({ type: 'spki', format: 'pem' }), EC_SPKI)
})

test('PEM given as a Buffer and as { key }', () => {
  assert.strictEqual(crypto.createPrivateKey(Buffer.from(EC_PKCS8)).asymmetricKeyType, 'ec')
  assert.strictEqual(crypto.createPrivateKey({ key: EC_PKCS8 }).asymmetricKeyType, 'ec')
})

test('equals', () => {
  const a = crypto.createPublicKey(RSA_SPKI)
  const b = crypto.createPublicKey(RSA_PKCS8)
  assert.strictEqual(a.equals(b), true)
  assert.strictEqual(crypto.createPublicKey(EC_SPKI).equals(crypto.createPublicKey(EC384_SPKI)), false)
  assert.strictEqual(crypto.createPrivateKey(RSA_PKCS1).equals(crypto.createPrivateKey(RSA_PKCS8)), true)
  assert.throws(() => a.equals('x'), { code: 'ERR_INVALID_ARG_TYPE' })
})

test('createSecretKey: size, export, JWK, equals', () => {
  const key = crypto.createSecretKey(Buffer.from('abc'))
  assert.strictEqual(key.type, 'secret')
  assert.strictEqual(key.symmetricKeySize, 3)
  assert.strictEqual(key.asymmetricKeyType, undefined)
  assert.deepStrictEqual(key.export(), Buffer.from('abc'))
  assert.deepStrictEqual(key.export({ format: 'jwk' }), { kty: 'oct', k: 'YWJj' })
  assert.ok(key.equals(crypto.createSecretKey('abc')))
  assert.ok(key.equals(crypto.createSecretKey('616263', 'hex')))
  assert.ok(!key.equals(crypto.createSecretKey('abd')))
  assert.ok(!key.equals(crypto.createPublicKey(EC_SPKI)))
})

test('secret key: PEM export is refused', () => {
  assert.throws(() => crypto.createSecretKey(Buffer.from('abc')).export({ format: 'pem' }), {
    name: 'TypeError',
    code: 'ERR_INVALID_ARG_VALUE',
  })
})

test('garbage PEM', () => {
  assert.throws(() => crypto.createPrivateKey('garbage'), {
    code: 'ERR_OSSL_UNSUPPORTED',
    message: 'error:1E08010C:DECODER routines::unsupported',
  })
  assert.throws(() => crypto.createPublicKey('garbage'), { code: 'ERR_OSSL_UNSUPPORTED' })
})

test('createPrivateKey from a public key fails', () => {
  assert.throws(() => crypto.createPrivateKey(RSA_SPKI), { code: 'ERR_OSSL_UNSUPPORTED' })
})

test('export: missing or incompatible options', () => {
  const ed = crypto.createPrivateKey(ED_PKCS8)
  assert.throws(() => ed.export({ format: 'pem' }), { code: 'ERR_INVALID_ARG_VALUE' })
  assert.throws(() => ed.export({ format: 'pem', type: 'pkcs1' }), {
    code: 'ERR_CRYPTO_INCOMPATIBLE_KEY_OPTIONS',
    message: 'The selected key encoding pkcs1 can only be used for RSA keys.',
  })
  assert.throws(() => crypto.createPublicKey(ED_SPKI).export(), { code: 'ERR_INVALID_ARG_TYPE' })
})

test('JWK of an unknown kty', () => {
  assert.throws(() => crypto.createPrivateKey({ key: { kty: 'oct', k: 'abc' }, format: 'jwk' }), {
    code: 'ERR_INVALID_ARG_VALUE',
    message: "The property 'key.kty' must be one of: 'RSA', 'EC', 'OKP'. Received 'oct'",
  })
})

test('a key argument of a wrong type', () => {
  assert.throws(() => crypto.createPublicKey(5), { name: 'TypeError', code: 'ERR_INVALID_ARG_TYPE' })
})

test('createHmac takes a secret KeyObject', () => {
  const key = crypto.createSecretKey(Buffer.from('secret'))
  assert.strictEqual(
    crypto.createHmac('sha256', key).update('x').digest('hex'),
    crypto.createHmac('sha256', 'secret').update('x').digest('hex')
  )
  assert.throws(() => crypto.createHmac('sha256', crypto.createPublicKey(EC_SPKI)), { code: 'ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE' })
})

const X_PEER_SPKI = `-----BEGIN PUBLIC KEY-----
MCowBQYDK2VuAyEAiftn9L71fqpcTxcHay4dyOTfNw28+dT2HnC7PRFLHFo=
-----END PUBLIC KEY-----
`
const EC_PEER_SPKI = `-----BEGIN PUBLIC KEY-----
MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE6qlEn0gNnTsu0rJ+jZFa28x/PGoU
1MScRxnXl2YGbyrI0q6f70THgsez78G09ZqQjtCA7SSBLsnCvmaqVpnYyQ==
-----END PUBLIC KEY-----
`
const X_SHARED = '92aa32d56074b5b55dcad342b495862230311eca1bfe33ff1367556f14372313'
const EC_SHARED = '09d5b2cd8e05f4acce141d85a2e2c8670731199738db8ebeb527c983a4616d06'

test('diffieHellman: X25519 and P-256 secrets as Node computes them', () => {
  const x = crypto.diffieHellman({ privateKey: crypto.createPrivateKey(X_PKCS8), publicKey: crypto.createPublicKey(X_PEER_SPKI) })
  assert.strictEqual(x.toString('hex'), X_SHARED)
  const ec = crypto.diffieHellman({ privateKey: crypto.createPrivateKey(EC_PKCS8), publicKey: crypto.createPublicKey(EC_PEER_SPKI) })
  assert.strictEqual(ec.toString('hex'), EC_SHARED)
})

test('diffieHellman: keys of different types', () => {
  assert.throws(
    () => crypto.diffieHellman({ privateKey: crypto.createPrivateKey(X_PKCS8), publicKey: crypto.createPublicKey(EC_PEER_SPKI) }),
    { code: 'ERR_CRYPTO_INCOMPATIBLE_KEY', message: 'Incompatible key types for Diffie-Hellman: x25519 and ec' }
  )
})

test('crypto.hash one-shot digests', () => {
  assert.strictEqual(crypto.hash('sha1', 'abc'), 'a9993e364706816aba3e25717850c26c9cd0d89d')
  assert.strictEqual(crypto.hash('sha256', 'abc', 'base64'), 'ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=')
  assert.ok(Buffer.isBuffer(crypto.hash('sha256', Buffer.from('abc'), 'buffer')))
})
