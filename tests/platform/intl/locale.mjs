// Intl.Locale (subtags, keywords, maximize/minimize, toString) and Intl.getCanonicalLocales,
// and the RangeError for a malformed tag. Expected values are Node 20's.
import assert from 'node:assert'
import { test } from '../harness.mjs'

test('Intl.Locale subtags', () => {
  const locale = new Intl.Locale('en-Latn-US')
  assert.strictEqual(locale.language, 'en')
  assert.strictEqual(locale.script, 'Latn')
  assert.strictEqual(locale.region, 'US')
  assert.strictEqual(locale.baseName, 'en-Latn-US')
  assert.strictEqual(locale.toString(), 'en-Latn-US')
  assert.strictEqual(new Intl.Locale('de').region, undefined)
  assert.strictEqual(String(new Intl.Locale('EN-gb')), 'en-GB')
})

test('Intl.Locale keywords and options', () => {
  const locale = new Intl.Locale('en-US-u-ca-buddhist-nu-thai')
  assert.strictEqual(locale.calendar, 'buddhist')
  assert.strictEqual(locale.numberingSystem, 'thai')
  assert.strictEqual(locale.baseName, 'en-US')
  assert.strictEqual(new Intl.Locale('en', { region: 'GB' }).toString(), 'en-GB')
  assert.strictEqual(new Intl.Locale('en', { hourCycle: 'h23' }).hourCycle, 'h23')
})

test('maximize and minimize', () => {
  assert.strictEqual(new Intl.Locale('en').maximize().toString(), 'en-Latn-US')
  assert.strictEqual(new Intl.Locale('zh-TW').maximize().toString(), 'zh-Hant-TW')
  assert.strictEqual(new Intl.Locale('en-Latn-US').minimize().toString(), 'en')
  assert.strictEqual(new Intl.Locale('de-Latn-DE').minimize().baseName, 'de')
})

test('locales as Intl.Locale objects', () => {
  assert.deepStrictEqual(Intl.getCanonicalLocales(new Intl.Locale('en-us')), ['en-US'])
  assert.strictEqual(new Intl.NumberFormat(new Intl.Locale('de-DE')).format(1234.5), '1.234,5')
})

test('errors', () => {
  assert.throws(() => new Intl.Locale('en_US'), { name: 'RangeError', message: 'Incorrect locale information provided' })
  assert.throws(() => Intl.getCanonicalLocales(['en', '']), { name: 'RangeError', message: 'Incorrect locale information provided' })
  assert.throws(() => Intl.Locale('en'), TypeError)
})
