// Intl.NumberFormat and Number/BigInt.prototype.toLocaleString: decimal, percent, currency
// (every currencyDisplay), the digit options, grouping, sign display, compact notation,
// formatToParts, resolvedOptions, supportedLocalesOf and V8's errors. Expected strings are
// Node 20's.
import assert from 'node:assert'
import { test } from '../harness.mjs'

const nf = (locale, options, value) => new Intl.NumberFormat(locale, options).format(value)

test('Intl is an object with NumberFormat', () => {
  assert.strictEqual(typeof Intl, 'object')
  assert.strictEqual(Object.prototype.toString.call(Intl), '[object Intl]')
  assert.strictEqual(typeof Intl.NumberFormat, 'function')
  assert.strictEqual(Object.prototype.toString.call(new Intl.NumberFormat()), '[object Intl.NumberFormat]')
  assert.ok(Intl.NumberFormat('en') instanceof Intl.NumberFormat)
})

const decimals = [
  ['en-US', {}, 1234567.891, '1,234,567.891'],
  ['en-US', {}, 0.1 + 0.2, '0.3'],
  ['en-US', {}, -1234.5, '-1,234.5'],
  ['en-US', {}, 1e21, '1,000,000,000,000,000,000,000'],
  ['en-US', {}, 0.0000001, '0'],
  ['en-US', {}, -0, '-0'],
  ['en-US', {}, 2.5, '2.5'],
  ['en-US', { maximumFractionDigits: 0 }, 2.5, '3'],
  ['en-US', { maximumFractionDigits: 0 }, -2.5, '-3'],
  ['en-US', { maximumFractionDigits: 2 }, 1.005, '1.01'],
  ['en-US', { minimumFractionDigits: 2 }, 5, '5.00'],
  ['en-US', { minimumIntegerDigits: 3 }, 5, '005'],
  ['en-US', { maximumSignificantDigits: 3 }, 123456, '123,000'],
  ['en-US', { maximumSignificantDigits: 3 }, 0.0012345, '0.00123'],
  ['en-US', { minimumSignificantDigits: 5 }, 1.5, '1.5000'],
  ['en-US', { useGrouping: false }, 1234567, '1234567'],
  ['en-US', { signDisplay: 'always' }, 5, '+5'],
  ['en-US', { signDisplay: 'exceptZero' }, 0, '0'],
  ['en-US', { signDisplay: 'never' }, -5, '5'],
  ['de-DE', {}, 1234567.891, '1.234.567,891'],
  ['fr-FR', {}, 1234567.891, '1\u202f234\u202f567,891'],
  ['es-ES', {}, 1234, '1234'],
  ['es-ES', {}, 12345, '12.345'],
  ['en-IN', {}, 12345678, '1,23,45,678'],
  ['de-CH', {}, 1234567.5, "1'234'567.5"],
  ['ja-JP', {}, 1234567.891, '1,234,567.891'],
  ['ar-EG', {}, 1234.5, '١٬٢٣٤٫٥'],
  ['en-u-nu-arab', {}, 12, '١٢'],
]
for (const [locale, options, value, expected] of decimals) {
  test(`decimal ${locale} ${JSON.stringify(options)} ${Object.is(value, -0) ? '-0' : value}`, () => {
    assert.strictEqual(nf(locale, options, value), expected)
  })
}

const styled = [
  ['en-US', { style: 'percent' }, 0.256, '26%'],
  ['en-US', { style: 'percent', maximumFractionDigits: 1 }, 0.2567, '25.7%'],
  ['de-DE', { style: 'percent' }, 0.5, '50\u00a0%'],
  ['fr-FR', { style: 'percent' }, -0.5, '-50\u00a0%'],
  ['en-US', { style: 'currency', currency: 'USD' }, 9.5, '$9.50'],
  ['en-US', { style: 'currency', currency: 'USD' }, -1234.567, '-$1,234.57'],
  ['en-US', { style: 'currency', currency: 'EUR' }, 10, '€10.00'],
  ['en-US', { style: 'currency', currency: 'JPY' }, 1234.5, '¥1,235'],
  ['de-DE', { style: 'currency', currency: 'EUR' }, 1234.5, '1.234,50\u00a0€'],
  ['fr-FR', { style: 'currency', currency: 'EUR' }, 1234.5, '1\u202f234,50\u00a0€'],
  ['en-GB', { style: 'currency', currency: 'GBP' }, 99, '£99.00'],
  ['en-US', { style: 'currency', currency: 'USD', currencyDisplay: 'code' }, 9.5, 'USD\u00a09.50'],
  ['en-US', { style: 'currency', currency: 'USD', currencyDisplay: 'name' }, 9.5, '9.50 US dollars'],
  ['en-US', { style: 'currency', currency: 'CAD' }, 5, 'CA$5.00'],
  ['en-US', { style: 'currency', currency: 'CAD', currencyDisplay: 'narrowSymbol' }, 5, '$5.00'],
  ['en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 }, 9.5, '$10'],
  ['en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 0 }, 9, '$9'],
  ['en-US', { style: 'currency', currency: 'KWD' }, 1.5, 'KWD\u00a01.500'],
  ['en-US', { notation: 'compact' }, 1234, '1.2K'],
  ['en-US', { notation: 'compact' }, 1500000, '1.5M'],
  ['en-US', { notation: 'compact' }, 999, '999'],
  ['en-US', { notation: 'compact', compactDisplay: 'long' }, 1234567, '1.2 million'],
  ['de-DE', { notation: 'compact' }, 1234567, '1,2\u00a0Mio.'],
]
for (const [locale, options, value, expected] of styled) {
  test(`${options.notation || options.style} ${locale} ${JSON.stringify(options)} ${value}`, () => {
    assert.strictEqual(nf(locale, options, value), expected)
  })
}

test('NaN and infinities', () => {
  assert.strictEqual(nf('en-US', {}, NaN), 'NaN')
  assert.strictEqual(nf('en-US', {}, Infinity), '∞')
  assert.strictEqual(nf('en-US', {}, -Infinity), '-∞')
  assert.strictEqual(nf('en-US', { style: 'currency', currency: 'USD' }, -Infinity), '-$∞')
})

test('formatToParts: currency', () => {
  assert.deepStrictEqual(new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).formatToParts(-1234.5), [
    { type: 'minusSign', value: '-' },
    { type: 'currency', value: '$' },
    { type: 'integer', value: '1' },
    { type: 'group', value: ',' },
    { type: 'integer', value: '234' },
    { type: 'decimal', value: '.' },
    { type: 'fraction', value: '50' },
  ])
  assert.deepStrictEqual(new Intl.NumberFormat('de', { style: 'currency', currency: 'EUR' }).formatToParts(5), [
    { type: 'integer', value: '5' },
    { type: 'decimal', value: ',' },
    { type: 'fraction', value: '00' },
    { type: 'literal', value: '\u00a0' },
    { type: 'currency', value: '€' },
  ])
})

test('formatToParts: percent, compact, name', () => {
  assert.deepStrictEqual(new Intl.NumberFormat('en', { style: 'percent' }).formatToParts(0.5), [
    { type: 'integer', value: '50' },
    { type: 'percentSign', value: '%' },
  ])
  assert.deepStrictEqual(new Intl.NumberFormat('en', { notation: 'compact' }).formatToParts(1234), [
    { type: 'integer', value: '1' },
    { type: 'decimal', value: '.' },
    { type: 'fraction', value: '2' },
    { type: 'compact', value: 'K' },
  ])
  assert.deepStrictEqual(new Intl.NumberFormat('en', { style: 'currency', currency: 'USD', currencyDisplay: 'name' }).formatToParts(1), [
    { type: 'integer', value: '1' },
    { type: 'decimal', value: '.' },
    { type: 'fraction', value: '00' },
    { type: 'literal', value: ' ' },
    { type: 'currency', value: 'US dollars' },
  ])
})

test('format is a bound getter', () => {
  const format = new Intl.NumberFormat('en-US').format
  assert.strictEqual([1000, 2000].map(format).join(' '), '1,000 2,000')
})

test('resolvedOptions', () => {
  assert.deepStrictEqual(new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'eur' }).resolvedOptions(), {
    locale: 'de-DE',
    numberingSystem: 'latn',
    style: 'currency',
    currency: 'EUR',
    currencyDisplay: 'symbol',
    currencySign: 'standard',
    minimumIntegerDigits: 1,
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
    useGrouping: 'auto',
    notation: 'standard',
    signDisplay: 'auto',
    roundingMode: 'halfExpand',
    roundingIncrement: 1,
    trailingZeroDisplay: 'auto',
    roundingPriority: 'auto',
  })
  const sig = new Intl.NumberFormat('en', { maximumSignificantDigits: 3 }).resolvedOptions()
  assert.strictEqual(sig.minimumSignificantDigits, 1)
  assert.strictEqual(sig.maximumSignificantDigits, 3)
  assert.strictEqual(sig.minimumFractionDigits, undefined)
  assert.strictEqual(new Intl.NumberFormat('en-us').resolvedOptions().locale, 'en-US')
  assert.strictEqual(new Intl.NumberFormat('xx').resolvedOptions().locale, 'en-US')
  assert.strictEqual(new Intl.NumberFormat().resolvedOptions().locale, 'en-US')
  assert.strictEqual(new Intl.NumberFormat('en', { notation: 'compact' }).resolvedOptions().useGrouping, 'min2')
  assert.strictEqual(new Intl.NumberFormat('en', { useGrouping: true }).resolvedOptions().useGrouping, 'always')
})

test('supportedLocalesOf and getCanonicalLocales', () => {
  assert.deepStrictEqual(Intl.NumberFormat.supportedLocalesOf(['en-US', 'xx', 'de']), ['en-US', 'de'])
  assert.deepStrictEqual(Intl.getCanonicalLocales(['EN-us', 'zh-hant-tw', 'en-US']), ['en-US', 'zh-Hant-TW'])
  assert.deepStrictEqual(Intl.getCanonicalLocales('de'), ['de'])
})

test('errors as V8 gives them', () => {
  assert.throws(() => new Intl.NumberFormat('en_US'), { name: 'RangeError', message: 'Incorrect locale information provided' })
  assert.throws(() => new Intl.NumberFormat('en', { style: 'currency', currency: 'US' }), { name: 'RangeError', message: 'Invalid currency code : US' })
  assert.throws(() => new Intl.NumberFormat('en', { style: 'currency' }), { name: 'TypeError', message: 'Currency code is required with currency style.' })
  assert.throws(() => new Intl.NumberFormat('en', { style: 'bogus' }), { name: 'RangeError', message: 'Value bogus out of range for Intl.NumberFormat options property style' })
  assert.throws(() => new Intl.NumberFormat('en', { minimumFractionDigits: 5, maximumFractionDigits: 2 }), { name: 'RangeError', message: 'maximumFractionDigits value is out of range.' })
})

test('Number.prototype.toLocaleString', () => {
  assert.strictEqual((1234.5).toLocaleString(), '1,234.5')
  assert.strictEqual((1234.5).toLocaleString('de-DE'), '1.234,5')
  assert.strictEqual((9.5).toLocaleString('en-US', { style: 'currency', currency: 'USD' }), '$9.50')
  assert.strictEqual((0.75).toLocaleString(undefined, { style: 'percent' }), '75%')
})

test('BigInt.prototype.toLocaleString', () => {
  assert.strictEqual(12345678901234567890n.toLocaleString(), '12,345,678,901,234,567,890')
  assert.strictEqual((-1234n).toLocaleString('de-DE'), '-1.234')
  assert.strictEqual(new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(5n), '$5.00')
})
