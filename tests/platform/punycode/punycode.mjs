// punycode (deprecated in Node, still shipped): encode/decode on the RFC 3492 sample
// strings, toASCII/toUnicode on domains and e-mail addresses, ucs2 helpers, version, and
// the RangeErrors with Node's messages.
import assert from 'node:assert'
import punycode, * as named from 'node:punycode'
import { test } from '../harness.mjs'

// RFC 3492 §7.1 sample strings: [label, Unicode, Punycode].
const samples = [
  ['Arabic (Egyptian)', '\u0644\u064A\u0647\u0645\u0627\u0628\u062A\u0643\u0644\u0645\u0648\u0634\u0639\u0631\u0628\u064A\u061F', 'egbpdaj6bu4bxfgehfvwxn'],
  ['Chinese (simplified)', '他们为什么不说中文', 'ihqwcrb4cv8a8dqg056pqjye'],
  ['Chinese (traditional)', '他們爲什麽不說中文', 'ihqwctvzc91f659drss3x8bo0yb'],
  ['Czech', 'Pročprostěnemluvíčesky', 'Proprostnemluvesky-uyb24dma41a'],
  ['Hebrew', 'למההםפשוטלאמדבריםעברית', '4dbcagdahymbxekheh6e0a7fei0b'],
  ['Hindi', 'यहलोगहिन्दीक्योंनहींबोलसकतेहैं', 'i1baa7eci9glrd9b2ae1bj0hfcgg6iyaf8o0a1dig0cd'],
  ['Japanese', 'なぜみんな日本語を話してくれないのか', 'n8jok5ay5dzabd5bym9f0cm5685rrjetr6pdxa'],
  ['Russian', 'почемужеонинеговорятпорусски', 'b1abfaaepdrnnbgefbadotcwatmq2g4l'],
  ['Spanish', 'PorquénopuedensimplementehablarenEspañol', 'PorqunopuedensimplementehablarenEspaol-fmd56a'],
  ['Vietnamese', 'TạisaohọkhôngthểchỉnóitiếngViệt', 'TisaohkhngthchnitingVit-kjcr8268qyxafd2f1b9g'],
  ['3年B組金八先生', '3年B組金八先生', '3B-ww4c5e180e575a65lsy2b'],
  ['安室奈美恵-with-SUPER-MONKEYS', '安室奈美恵-with-SUPER-MONKEYS', '-with-SUPER-MONKEYS-pc58ag80a8qai00g7n9n'],
  ['Hello-Another-Way-それぞれの場所', 'Hello-Another-Way-それぞれの場所', 'Hello-Another-Way--fc4qua05auwb3674vfr0b'],
  ['ひとつ屋根の下2', 'ひとつ屋根の下2', '2-u9tlzr9756bt3uc0v'],
  ['MajiでKoiする5秒前', 'MajiでKoiする5秒前', 'MajiKoi5-783gue6qz075azm5e'],
  ['パフィーdeルンバ', 'パフィーdeルンバ', 'de-jg4avhby1noc0d'],
  ['そのスピードで', 'そのスピードで', 'd9juau41awczczp'],
  ['ASCII only', '-> $1.00 <-', '-> $1.00 <--'],
]

for (const [label, unicode, encoded] of samples) {
  test(`encode: ${label}`, () => {
    assert.strictEqual(punycode.encode(unicode), encoded)
  })
  test(`decode: ${label}`, () => {
    assert.strictEqual(punycode.decode(encoded), unicode)
  })
}

const moreLabels = [
  ['', ''],
  ['a', 'a-'],
  ['ü', 'tda'],
  ['mañana', 'maana-pta'],
  ['bücher', 'bcher-kva'],
  ['💩', 'ls8h'],
  ['\u0080', 'a'],
]
for (const [unicode, encoded] of moreLabels) {
  test(`encode/decode ${JSON.stringify(unicode)} ⇄ ${JSON.stringify(encoded)}`, () => {
    assert.strictEqual(punycode.encode(unicode), encoded)
    assert.strictEqual(punycode.decode(encoded), unicode)
  })
}

test('decode() accepts upper-case digits', () => {
  assert.strictEqual(punycode.decode('MAANA-PTA'), 'MAñANA')
})

// --- domains -------------------------------------------------------------------------

const asciiDomains = [
  ['mañana.com', 'xn--maana-pta.com'],
  ['example.com', 'example.com'],
  ['☃-⌘.com', 'xn----dqo34k.com'],
  ['джумла@джpумлатест.bрфa', 'джумла@xn--p-8sbkgc5ag7bhce.xn--ba-lmcq'],
  ['ma\u3002ñana\uFF0Ecom\uFF61x', 'ma.xn--ana-6ma.com.x'],
  ['a@b@ü.com', 'a@b'],
  ['', ''],
  ['ÜBER.de', 'xn--BER-ska.de'], // no case folding,
]
for (const [input, expected] of asciiDomains) {
  test(`toASCII(${JSON.stringify(input)})`, () => {
    assert.strictEqual(punycode.toASCII(input), expected)
  })
}

const unicodeDomains = [
  ['xn--maana-pta.com', 'mañana.com'],
  ['example.com', 'example.com'],
  ['xn----dqo34k.com', '☃-⌘.com'],
  ['джумла@xn--p-8sbkgc5ag7bhce.xn--ba-lmcq', 'джумла@джpумлатест.bрфa'],
  ['XN--MAANA-PTA.com', 'XN--MAANA-PTA.com'],
  ['xn--MAANA-PTA.com', 'mañana.com'],
  ['a\u3002xn--tda', 'a.ü'],
]
for (const [input, expected] of unicodeDomains) {
  test(`toUnicode(${JSON.stringify(input)})`, () => {
    assert.strictEqual(punycode.toUnicode(input), expected)
  })
}

// --- ucs2 ------------------------------------------------------------------------------

test('ucs2.decode() splits into code points', () => {
  assert.deepStrictEqual(punycode.ucs2.decode('abc'), [0x61, 0x62, 0x63])
  assert.deepStrictEqual(punycode.ucs2.decode('\uD834\uDF06'), [0x1d306])
  assert.deepStrictEqual(punycode.ucs2.decode(''), [])
})

test('ucs2.decode() keeps lone surrogates', () => {
  assert.deepStrictEqual(punycode.ucs2.decode('\uD800'), [0xd800])
  assert.deepStrictEqual(punycode.ucs2.decode('\uD800\uD800\uDC00'), [0xd800, 0x10000])
  assert.deepStrictEqual(punycode.ucs2.decode('\uDC00a'), [0xdc00, 0x61])
})

test('ucs2.encode() joins code points', () => {
  assert.strictEqual(punycode.ucs2.encode([0x61, 0x1d306, 0x62]), 'a\uD834\uDF06b')
  assert.strictEqual(punycode.ucs2.encode([]), '')
  assert.strictEqual(punycode.ucs2.encode([0xd800]), '\uD800')
})

test('ucs2 round-trips', () => {
  const text = 'Iñtërnâtiônàlizætiøn☃💩'
  assert.strictEqual(punycode.ucs2.encode(punycode.ucs2.decode(text)), text)
})

// --- module shape and errors ------------------------------------------------------------

test('version is 2.1.0', () => {
  assert.strictEqual(punycode.version, '2.1.0')
  assert.strictEqual(named.version, '2.1.0')
})

test('named exports match the default export', () => {
  for (const name of ['decode', 'encode', 'toASCII', 'toUnicode', 'ucs2']) {
    assert.strictEqual(named[name], punycode[name], name)
  }
  assert.deepStrictEqual(Object.keys(punycode).sort(), ['decode', 'encode', 'toASCII', 'toUnicode', 'ucs2', 'version'])
})

test('decode() rejects a non-basic code point before the delimiter', () => {
  assert.throws(() => punycode.decode('ü-abc'), { name: 'RangeError', message: 'Illegal input >= 0x80 (not a basic code point)' })
})

test('decode() rejects an invalid digit', () => {
  assert.throws(() => punycode.decode('ab!c'), { name: 'RangeError', message: 'Invalid input' })
  assert.throws(() => punycode.decode('a-ü'), { name: 'RangeError', message: 'Invalid input' })
})

test('decode() rejects a truncated number', () => {
  assert.throws(() => punycode.decode('a-9'), { name: 'RangeError', message: 'Invalid input' })
})

test('decode() reports overflow', () => {
  assert.throws(() => punycode.decode('99999999999'), { name: 'RangeError', message: 'Overflow: input needs wider integers to process' })
})

test('toUnicode() passes decoding errors on', () => {
  assert.throws(() => punycode.toUnicode('xn--ab!c.com'), { name: 'RangeError', message: 'Invalid input' })
})

test('encode(decode(x)) is x for lower-case input', () => {
  for (const encoded of ['maana-pta', 'ls8h', 'egbpdaj6bu4bxfgehfvwxn', 'd9juau41awczczp']) {
    assert.strictEqual(punycode.encode(punycode.decode(encoded)), encoded)
  }
})
