// Intl.RelativeTimeFormat: the eight units (singular or plural), long/short/narrow,
// numeric 'auto' phrases, the number as NumberFormat prints it, formatToParts with `unit`,
// resolvedOptions and the errors. Expected values are Node 20's.
import assert from 'node:assert'
import { test } from '../harness.mjs'

const cases = [
  ["en", {}, -1, "day", "1 day ago"],
  ["en", {"numeric": "auto"}, -1, "day", "yesterday"],
  ["en", {"numeric": "auto"}, 0, "day", "today"],
  ["en", {"numeric": "auto"}, 1, "day", "tomorrow"],
  ["en", {"numeric": "auto"}, 2, "days", "in 2 days"],
  ["en", {}, 3, "hours", "in 3 hours"],
  ["en", {"style": "short"}, 3, "hours", "in 3 hr."],
  ["en", {"style": "narrow"}, 3, "hours", "in 3h"],
  ["en", {}, -1.5, "week", "1.5 weeks ago"],
  ["en", {}, 1234567.891, "seconds", "in 1,234,567.891 seconds"],
  ["en", {}, -0, "minute", "0 minutes ago"],
  ["en", {}, 0, "minute", "in 0 minutes"],
  ["en", {"numeric": "auto"}, -1, "year", "last year"],
  ["en", {"numeric": "auto"}, 1, "quarter", "next quarter"],
  ["de", {}, -2, "month", "vor 2 Monaten"],
  ["de", {"numeric": "auto"}, -1, "day", "gestern"],
  ["de", {"numeric": "auto"}, -2, "day", "vorgestern"],
  ["fr", {}, 5, "minutes", "dans 5 minutes"],
  ["es", {"numeric": "auto"}, 1, "day", "mañana"],
  ["ja", {}, -3, "day", "3 日前"],
  ["en", {}, 1.23456, "day", "in 1.235 days"],
  ["en", {"numeric": "auto"}, 1, "month", "next month"],
  ["en", {"style": "short"}, -1, "month", "1 mo. ago"],
]

test('format in every style, unit and locale', () => {
  for (const [locale, options, value, unit, expected] of cases) {
    assert.strictEqual(new Intl.RelativeTimeFormat(locale, options).format(value, unit), expected, JSON.stringify([locale, options, value, unit]))
  }
  // -0 is in the past, +0 in the future
  assert.strictEqual(new Intl.RelativeTimeFormat('en').format(-0, 'minute'), '0 minutes ago')
})

test('formatToParts carries the unit on the number parts', () => {
  assert.deepStrictEqual(new Intl.RelativeTimeFormat('en').formatToParts(-1234.5, 'day'), [{"type":"integer","value":"1","unit":"day"},{"type":"group","value":",","unit":"day"},{"type":"integer","value":"234","unit":"day"},{"type":"decimal","value":".","unit":"day"},{"type":"fraction","value":"5","unit":"day"},{"type":"literal","value":" days ago"}])
  assert.deepStrictEqual(new Intl.RelativeTimeFormat('en', { numeric: 'auto' }).formatToParts(-1, 'day'), [{"type":"literal","value":"yesterday"}])
  assert.deepStrictEqual(new Intl.RelativeTimeFormat('en').formatToParts(100, 'days'), [{"type":"literal","value":"in "},{"type":"integer","value":"100","unit":"day"},{"type":"literal","value":" days"}])
})

test('resolvedOptions, errors and the constructor', () => {
  assert.deepStrictEqual(new Intl.RelativeTimeFormat('en-US', { style: 'short' }).resolvedOptions(), {"locale":"en-US","style":"short","numeric":"always","numberingSystem":"latn"})
  assert.throws(() => new Intl.RelativeTimeFormat('en').format(1, 'decade'), { name: 'RangeError', message: "Invalid unit argument for Intl.RelativeTimeFormat.prototype.format() 'decade'" })
  assert.throws(() => new Intl.RelativeTimeFormat('en').format(Infinity, 'day'), { name: 'RangeError', message: 'Value need to be finite number for Intl.RelativeTimeFormat.prototype.format()' })
  assert.throws(() => new Intl.RelativeTimeFormat('en', { style: 'tiny' }), { name: 'RangeError', message: 'Value tiny out of range for Intl.RelativeTimeFormat options property style' })
  assert.throws(() => Intl.RelativeTimeFormat('en'), TypeError)
  assert.strictEqual(Object.prototype.toString.call(new Intl.RelativeTimeFormat()), '[object Intl.RelativeTimeFormat]')
  assert.strictEqual(Intl.RelativeTimeFormat.length, 0)
  assert.deepStrictEqual(Intl.RelativeTimeFormat.supportedLocalesOf(['de-DE']), ['de-DE'])
})

test('the Intl constructors have ECMA-402 lengths', () => {
  for (const name of ['NumberFormat', 'DateTimeFormat', 'Collator', 'PluralRules', 'ListFormat', 'RelativeTimeFormat', 'Segmenter']) {
    assert.strictEqual(Intl[name].length, 0, name)
  }
  assert.strictEqual(Intl.Locale.length, 1)
})
