// crypto: createCipheriv/createDecipheriv (AES CBC/ECB/CTR/GCM, ChaCha20-Poly1305)
// against vectors made with Node 20, streaming updates, encodings, auth tags, Node's errors.
import { test } from '../harness.mjs'
import assert from 'node:assert'
import crypto from 'node:crypto'

const key32 = Buffer.from('000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f', 'hex')
const iv = Buffer.from('0f0e0d0c0b0a09080706050403020100', 'hex')
const pt = 'The quick brown fox jumps over the lazy dog, twice over.'
const V = {
  "aes-128-cbc": "6f40de04ce96f3426280fc4c87d9209aa2112afaf1970696d85445e1ff6817dbb44e6ba96640837d9488c1e2b1ab0eaf43b8f679ce74e9266d75cd5c6be1e459",
  "aes-128-ecb": "f7021c01de43c8147cd2477a7eba55b3698dc29f6db0d5eda4eec682b3393abb3d5cd35cb62ada8ef8f1db0550f85b357864467ff2d6a22e09cfed0c4bbd5314",
  "aes-128-ctr": "74c19cb2c539328b6f3f9eae03d9f74a21c9dc851f2b0d341d92fe9a2c4b212bd3bad8d08fb9109ab5acd27350f803fc25abbf3a8ab3ba88",
  "aes-192-cbc": "08a953a6e082502c67e268241382b0754e080e67b3763d03bedc55a34752a48f163dce8764354f819c91b0abdac7e9270ae300bd423f917ae6f998006f1fefd1",
  "aes-192-ecb": "1b552b0889c43585651a0457afa907f021c3a4a95e85042d230671311c748b2f5fc807e62450029ce51701be33a8ff7a8ef16857d63020eb34ca64d84722937d",
  "aes-192-ctr": "7ecf4400be2dec9879b6cd0235fcd9b84a1e1053f2808ee55da00f3326791c31df5cccc79de440613843dd0f0d755a69ec06053cd8336fd1",
  "aes-256-cbc": "925c81ee81fae7d66040fade898963245afeab7af7697a0762fe3f72ebfe8a351e6a34a2e0a3b3182f677f9a2150ab1b34a453f9bdc457f197679a05fb41aa6c",
  "aes-256-ecb": "bce46469e2f7ab6b7ea767bd3252529afc8479b8d96cc17664e5f0b76b9550ea953e45c8c27e2e7149ba2dd995a6eab99497f8948fa58214f8461cdc6dc65beb",
  "aes-256-ctr": "26d986183d062648188aa6b8e535eb818912390aaba1aa8748cb112386aeaa95664273fa5fb6dd36933f714eaf47530e2fd70515c16410cf",
  "aes-128-gcm": "760cb07ebd4b55000e07a4ca6e7a9c547ac3394f2a3451b3209e7b1ab20fb0e83df45da93c7f5691586125c1a46974e2f262af2dc6246b56",
  "aes-128-gcm-tag": "bbd8b605f776be2df9d4b6b0c03d9370",
  "aes-256-gcm": "f058d47c2aa2c6cd80ffd32d57ede7210f096740a52c9c142569c1895778905e6cefe32c4a3302ae44da4bc1b3785f6c7465d53e1ed82cc5",
  "aes-256-gcm-tag": "43d89038977459b91a4b3ee34ceba3dd",
  "gcm-iv16": "cacd261a8b88c5c1c717090105932f72c59780d5b90dbcd30b9e5e03b7f342c2ee4f815026b7811f3758c394c06c67d505b590c3f6a65380",
  "gcm-iv16-tag": "b0d1b37809fcffab",
  "chacha": "059030a582b78b1c3160ea942c495f8fab2b393f3d4bbeeaf04151c56d1a0e22e2181ff0324666d8bf28a720d7af106560db1f6761e3ac0c",
  "chacha-tag": "09340fa2283e75cb5ca3a12013f65003",
  "ctr-wrap": "3c441f32ce07822364d7a2990e50bb13c6a13b37878f5b826f4f8162a1c8d8797346139595c0b41e",
  "cbc-nopad": "3729a36cafe984ff46227042ee2483f6da48db6a353ffe0901d84726ca09895b",
  "scrypt_default": "745731af4484f323968969eda289aeee005b5903ac561e64a5aca121797bf773",
  "scrypt_N1024": "fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b3731622eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640",
  "scrypt_cost": "722af53bdb88259252012bd7764a5775"
}

for (const bits of [128, 192, 256]) {
  for (const mode of ['cbc', 'ecb', 'ctr']) {
    const name = `aes-${bits}-${mode}`
    const k = key32.subarray(0, bits / 8)
    const v = mode === 'ecb' ? null : iv
    test(`${name} encrypts as Node does`, () => {
      const c = crypto.createCipheriv(name, k, v)
      assert.strictEqual(c.update(pt, 'utf8', 'hex') + c.final('hex'), V[name])
    })
    test(`${name} decrypts in odd-sized pieces`, () => {
      const d = crypto.createDecipheriv(name, k, v)
      const ct = Buffer.from(V[name], 'hex')
      const parts = []
      for (let i = 0; i < ct.length; i += 7) parts.push(d.update(ct.subarray(i, i + 7)))
      parts.push(d.final())
      assert.strictEqual(Buffer.concat(parts).toString('utf8'), pt)
    })
  }
}

for (const bits of [128, 256]) {
  const name = `aes-${bits}-gcm`
  const k = key32.subarray(0, bits / 8)
  test(`${name} with AAD: ciphertext and tag as Node's`, () => {
    const c = crypto.createCipheriv(name, k, iv.subarray(0, 12))
    c.setAAD(Buffer.from('header'))
    const out = Buffer.concat([c.update(pt.slice(0, 10)), c.update(pt.slice(10)), c.final()])
    assert.strictEqual(out.toString('hex'), V[name])
    assert.strictEqual(c.getAuthTag().toString('hex'), V[name + '-tag'])
  })
  test(`${name} decrypts and authenticates`, () => {
    const d = crypto.createDecipheriv(name, k, iv.subarray(0, 12))
    d.setAAD(Buffer.from('header'))
    d.setAuthTag(Buffer.from(V[name + '-tag'], 'hex'))
    assert.strictEqual(d.update(V[name], 'hex', 'utf8') + d.final('utf8'), pt)
  })
}

test('aes-128-gcm with a 16-byte IV and an 8-byte tag', () => {
  const c = crypto.createCipheriv('aes-128-gcm', key32.subarray(0, 16), iv, { authTagLength: 8 })
  assert.strictEqual(c.update(pt, 'utf8', 'hex') + c.final('hex'), V['gcm-iv16'])
  assert.strictEqual(c.getAuthTag().toString('hex'), V['gcm-iv16-tag'])
})

test('gcm: a wrong tag fails final', () => {
  const d = crypto.createDecipheriv('aes-256-gcm', key32, iv.subarray(0, 12))
  d.setAAD(Buffer.from('header'))
  const tag = Buffer.from(V['aes-256-gcm-tag'], 'hex')
  tag[0] ^= 1
  d.setAuthTag(tag)
  d.update(V['aes-256-gcm'], 'hex')
  assert.throws(() => d.final(), { name: 'Error', message: 'Unsupported state or unable to authenticate data' })
})

test('gcm: final without a tag fails', () => {
  const d = crypto.createDecipheriv('aes-128-gcm', key32.subarray(0, 16), iv.subarray(0, 12))
  d.update(Buffer.alloc(5))
  assert.throws(() => d.final(), { message: 'Unsupported state or unable to authenticate data' })
})

test('gcm: wrong AAD fails', () => {
  const d = crypto.createDecipheriv('aes-256-gcm', key32, iv.subarray(0, 12))
  d.setAAD(Buffer.from('HEADER'))
  d.setAuthTag(Buffer.from(V['aes-256-gcm-tag'], 'hex'))
  d.update(V['aes-256-gcm'], 'hex')
  assert.throws(() => d.final(), /unable to authenticate/)
})

test('gcm: setAuthTag with a bad length', () => {
  const d = crypto.createDecipheriv('aes-128-gcm', key32.subarray(0, 16), iv.subarray(0, 12))
  assert.throws(() => d.setAuthTag(Buffer.alloc(3)), {
    name: 'TypeError',
    code: 'ERR_CRYPTO_INVALID_AUTH_TAG',
    message: 'Invalid authentication tag length: 3',
  })
})

test('gcm: getAuthTag before final', () => {
  const c = crypto.createCipheriv('aes-128-gcm', key32.subarray(0, 16), iv.subarray(0, 12))
  assert.throws(() => c.getAuthTag(), { code: 'ERR_CRYPTO_INVALID_STATE', message: 'Invalid state for operation getAuthTag' })
})

test('chacha20-poly1305 as Node does', () => {
  const c = crypto.createCipheriv('chacha20-poly1305', key32, iv.subarray(0, 12))
  c.setAAD(Buffer.from('header'))
  assert.strictEqual(c.update(pt, 'utf8', 'hex') + c.final('hex'), V.chacha)
  assert.strictEqual(c.getAuthTag().toString('hex'), V['chacha-tag'])
  const d = crypto.createDecipheriv('chacha20-poly1305', key32, iv.subarray(0, 12))
  d.setAAD(Buffer.from('header'))
  d.setAuthTag(Buffer.from(V['chacha-tag'], 'hex'))
  assert.strictEqual(d.update(V.chacha, 'hex', 'utf8') + d.final('utf8'), pt)
})

test('aes-128-ctr: the counter wraps all 128 bits', () => {
  const c = crypto.createCipheriv('aes-128-ctr', key32.subarray(0, 16), Buffer.alloc(16, 0xff))
  assert.strictEqual(c.update(Buffer.alloc(40)).toString('hex') + c.final('hex'), V['ctr-wrap'])
})

test('cbc without auto padding', () => {
  const c = crypto.createCipheriv('aes-128-cbc', key32.subarray(0, 16), iv)
  assert.strictEqual(c.setAutoPadding(false), c)
  assert.strictEqual(c.update(Buffer.alloc(32, 7)).toString('hex') + c.final('hex'), V['cbc-nopad'])
})

test('cbc without padding: a partial block fails final', () => {
  const c = crypto.createCipheriv('aes-128-cbc', key32.subarray(0, 16), iv)
  c.setAutoPadding(false)
  c.update(Buffer.alloc(15))
  assert.throws(() => c.final(), {
    code: 'ERR_OSSL_WRONG_FINAL_BLOCK_LENGTH',
    message: 'error:1C80006B:Provider routines::wrong final block length',
  })
})

test('cbc: bad padding is a bad decrypt', () => {
  const d = crypto.createDecipheriv('aes-128-cbc', Buffer.alloc(16), Buffer.alloc(16))
  d.update(Buffer.alloc(16))
  assert.throws(() => d.final(), {
    code: 'ERR_OSSL_BAD_DECRYPT',
    message: 'error:1C800064:Provider routines::bad decrypt',
    reason: 'bad decrypt',
  })
})

test('cbc: wrong key gives bad decrypt or garbage, never the plaintext', () => {
  const d = crypto.createDecipheriv('aes-256-cbc', Buffer.alloc(32, 9), iv)
  let out = null
  try {
    out = d.update(V['aes-256-cbc'], 'hex', 'utf8') + d.final('utf8')
  } catch (error) {
    assert.strictEqual(error.code, 'ERR_OSSL_BAD_DECRYPT')
  }
  assert.notStrictEqual(out, pt)
})

test('ciphertext length not a block multiple', () => {
  const d = crypto.createDecipheriv('aes-128-cbc', Buffer.alloc(16), Buffer.alloc(16))
  d.update(Buffer.alloc(15))
  assert.throws(() => d.final(), { code: 'ERR_OSSL_WRONG_FINAL_BLOCK_LENGTH' })
})

test('bad key length', () => {
  assert.throws(() => crypto.createCipheriv('aes-256-cbc', Buffer.alloc(10), iv), {
    name: 'RangeError',
    code: 'ERR_CRYPTO_INVALID_KEYLEN',
    message: 'Invalid key length',
  })
})

test('bad IV length', () => {
  assert.throws(() => crypto.createCipheriv('aes-256-cbc', key32, Buffer.alloc(10)), {
    name: 'TypeError',
    code: 'ERR_CRYPTO_INVALID_IV',
    message: 'Invalid initialization vector',
  })
  assert.throws(() => crypto.createCipheriv('aes-256-gcm', key32, Buffer.alloc(0)), { code: 'ERR_CRYPTO_INVALID_IV' })
  assert.throws(() => crypto.createCipheriv('chacha20-poly1305', key32, Buffer.alloc(8)), { code: 'ERR_CRYPTO_INVALID_IV' })
  assert.throws(() => crypto.createCipheriv('aes-128-ecb', key32.subarray(0, 16), iv), { code: 'ERR_CRYPTO_INVALID_IV' })
})

test('unknown cipher', () => {
  assert.throws(() => crypto.createCipheriv('nope', key32, iv), { code: 'ERR_CRYPTO_UNKNOWN_CIPHER', message: 'Unknown cipher' })
})

test('key of a wrong type', () => {
  assert.throws(() => crypto.createCipheriv('aes-128-cbc', 5, iv), { name: 'TypeError', code: 'ERR_INVALID_ARG_TYPE' })
})

test('cipher names are case-insensitive; a secret KeyObject is a key', () => {
  const key = crypto.createSecretKey(key32.subarray(0, 16))
  const c = crypto.createCipheriv('AES-128-CBC', key, iv)
  assert.strictEqual(c.update(pt, 'utf8', 'hex') + c.final('hex'), V['aes-128-cbc'])
})

test('update after final, final twice', () => {
  const c = crypto.createCipheriv('aes-128-cbc', key32.subarray(0, 16), iv)
  c.final()
  assert.throws(() => c.update('x'), { message: 'Trying to add data in unsupported state' })
  assert.throws(() => c.final(), { code: 'ERR_CRYPTO_INVALID_STATE' })
})

test('base64 output split across updates', () => {
  const c = crypto.createCipheriv('aes-128-ctr', key32.subarray(0, 16), iv)
  let out = ''
  for (const ch of pt) out += c.update(ch, 'utf8', 'base64')
  out += c.final('base64')
  assert.strictEqual(Buffer.from(out, 'base64').toString('hex'), V['aes-128-ctr'])
})

test('getCiphers lists the supported ciphers', () => {
  const list = crypto.getCiphers()
  for (const name of ['aes-128-cbc', 'aes-256-gcm', 'aes-192-ctr', 'aes-128-ecb', 'chacha20-poly1305']) {
    assert.ok(list.includes(name), name)
  }
  assert.ok(crypto.getCurves().includes('prime256v1'))
  assert.ok(crypto.getHashes().includes('sha256'))
})

test('AES key wrap: the RFC 3394 vector and Node\'s output', () => {
  const kek = Buffer.from('000102030405060708090A0B0C0D0E0F', 'hex')
  const iv = Buffer.alloc(8, 0xa6)
  const w = crypto.createCipheriv('id-aes128-wrap', kek, iv)
  const wrapped = Buffer.concat([w.update(Buffer.from('00112233445566778899AABBCCDDEEFF', 'hex')), w.final()])
  assert.strictEqual(wrapped.toString('hex'), '1fa68b0a8112b447aef34bd8fb5a7b829d3e862371d2cfe5')
  const y = crypto.createCipheriv('aes256-wrap', Buffer.alloc(32, 5), iv)
  const out = Buffer.concat([y.update(Buffer.alloc(32, 9)), y.final()])
  assert.strictEqual(out.toString('hex'), 'dd9ee85c19443ca2615a634d0fed9447f953734ac2cb2c58dc4994cbb39638604f0800c077dc6345')
  const u = crypto.createDecipheriv('aes256-wrap', Buffer.alloc(32, 5), iv)
  assert.deepStrictEqual(Buffer.concat([u.update(out), u.final()]), Buffer.alloc(32, 9))
})

test('AES key unwrap: a failed integrity check, a bad IV', () => {
  const d = crypto.createDecipheriv('aes256-wrap', Buffer.alloc(32, 5), Buffer.alloc(8, 0xa6))
  assert.throws(() => d.update(Buffer.alloc(40, 1)), { message: 'Trying to add data in unsupported state' })
  assert.throws(() => crypto.createCipheriv('aes256-wrap', Buffer.alloc(32), Buffer.alloc(3)), { code: 'ERR_CRYPTO_INVALID_IV' })
  assert.ok(crypto.getCiphers().includes('aes256-wrap'))
})
