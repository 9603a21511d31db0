// Intl.Collator (sensitivity, numeric, caseFirst) with String.prototype.localeCompare,
// Intl.PluralRules (cardinal, ordinal, fraction digits) and Intl.ListFormat (conjunction,
// disjunction, unit; long, short, narrow; formatToParts). Expected values are Node 20's.
import assert from 'node:assert'
import { test } from '../harness.mjs'

test('localeCompare orders by the locale', () => {
  assert.strictEqual('a'.localeCompare('b'), -1)
  assert.strictEqual('b'.localeCompare('a'), 1)
  assert.strictEqual('a'.localeCompare('a'), 0)
  assert.strictEqual('a'.localeCompare('B'), -1)
  assert.strictEqual('ä'.localeCompare('z', 'de'), -1)
  assert.strictEqual('ä'.localeCompare('z', 'sv'), 1)
  assert.strictEqual('résumé'.localeCompare('resume', 'en', { sensitivity: 'base' }), 0)
  assert.strictEqual('résumé'.localeCompare('resume', 'en', { sensitivity: 'accent' }), 1)
  assert.strictEqual('a'.localeCompare('A', 'en', { sensitivity: 'case' }), -1)
  assert.strictEqual('a'.localeCompare('á', 'en', { sensitivity: 'case' }), 0)
})

test('Collator sorts, numeric and caseFirst', () => {
  assert.deepStrictEqual(['z', 'ä', 'a', 'Z'].sort(new Intl.Collator('de').compare), ['a', 'ä', 'z', 'Z'])
  assert.deepStrictEqual(['z', 'ä', 'a'].sort(new Intl.Collator('sv').compare), ['a', 'z', 'ä'])
  assert.deepStrictEqual(['item10', 'item2', 'item1'].sort(new Intl.Collator('en', { numeric: true }).compare), ['item1', 'item2', 'item10'])
  assert.deepStrictEqual(['item10', 'item2', 'item1'].sort(new Intl.Collator('en').compare), ['item1', 'item10', 'item2'])
  assert.deepStrictEqual(['a', 'A', 'b', 'B'].sort(new Intl.Collator('en', { caseFirst: 'upper' }).compare), ['A', 'a', 'B', 'b'])
  assert.strictEqual(new Intl.Collator('en', { sensitivity: 'base' }).compare('a', 'A'), 0)
})

test('Collator resolvedOptions', () => {
  assert.deepStrictEqual(new Intl.Collator('en-US', { numeric: true }).resolvedOptions(), {
    locale: 'en-US',
    usage: 'sort',
    sensitivity: 'variant',
    ignorePunctuation: false,
    collation: 'default',
    numeric: true,
    caseFirst: 'false',
  })
})

test('PluralRules cardinal', () => {
  const en = new Intl.PluralRules('en-US')
  assert.deepStrictEqual([0, 1, 2, 1.5].map((n) => en.select(n)), ['other', 'one', 'other', 'other'])
  assert.strictEqual(new Intl.PluralRules('en', { minimumFractionDigits: 1 }).select(1), 'other')
  const ru = new Intl.PluralRules('ru')
  assert.deepStrictEqual([1, 2, 5, 21, 1.5].map((n) => ru.select(n)), ['one', 'few', 'many', 'one', 'other'])
  const ar = new Intl.PluralRules('ar')
  assert.deepStrictEqual([0, 1, 2, 3, 11, 100].map((n) => ar.select(n)), ['zero', 'one', 'two', 'few', 'many', 'other'])
  assert.strictEqual(new Intl.PluralRules('ja').select(1), 'other')
})

test('PluralRules ordinal', () => {
  const en = new Intl.PluralRules('en-US', { type: 'ordinal' })
  assert.deepStrictEqual([1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101].map((n) => en.select(n)), ['one', 'two', 'few', 'other', 'other', 'other', 'other', 'one', 'two', 'few', 'one'])
})

test('PluralRules resolvedOptions', () => {
  const options = new Intl.PluralRules('en').resolvedOptions()
  assert.strictEqual(options.locale, 'en')
  assert.strictEqual(options.type, 'cardinal')
  assert.deepStrictEqual(options.pluralCategories.sort(), ['one', 'other'])
  assert.deepStrictEqual(new Intl.PluralRules('en', { type: 'ordinal' }).resolvedOptions().pluralCategories.sort(), ['few', 'one', 'other', 'two'])
  assert.throws(() => Intl.PluralRules(), TypeError)
})

test('ListFormat', () => {
  const list = ['Motorcycle', 'Bus', 'Car']
  assert.strictEqual(new Intl.ListFormat('en', { style: 'long', type: 'conjunction' }).format(list), 'Motorcycle, Bus, and Car')
  assert.strictEqual(new Intl.ListFormat('en-GB').format(list), 'Motorcycle, Bus and Car')
  assert.strictEqual(new Intl.ListFormat('en', { style: 'short', type: 'disjunction' }).format(list), 'Motorcycle, Bus, or Car')
  assert.strictEqual(new Intl.ListFormat('en', { style: 'narrow', type: 'unit' }).format(list), 'Motorcycle Bus Car')
  assert.strictEqual(new Intl.ListFormat('de').format(list), 'Motorcycle, Bus und Car')
  assert.strictEqual(new Intl.ListFormat('en').format(['a', 'b']), 'a and b')
  assert.strictEqual(new Intl.ListFormat('en').format([]), '')
  assert.deepStrictEqual(new Intl.ListFormat('en').formatToParts(['a', 'b']), [
    { type: 'element', value: 'a' },
    { type: 'literal', value: ' and ' },
    { type: 'element', value: 'b' },
  ])
  assert.deepStrictEqual(new Intl.ListFormat('en').resolvedOptions(), { locale: 'en', type: 'conjunction', style: 'long' })
  assert.throws(() => new Intl.ListFormat('en').format([1]), TypeError)
})
