// Intl.DateTimeFormat and Date.prototype.toLocaleString/DateString/TimeString: date and
// time styles, component options, hour12, IANA time zones and their names, formatToParts,
// resolvedOptions (the zone defaults to the process's: UTC here) and V8's errors.
// Expected strings are Node 20's.
import assert from 'node:assert'
import { test } from '../harness.mjs'

const date = new Date(Date.UTC(2026, 11, 3, 15, 4, 5, 123))
const summer = new Date(Date.UTC(2026, 6, 1, 12, 0, 0))
const dtf = (locale, options, value = date) => new Intl.DateTimeFormat(locale, options).format(value)

const cases = [
  ['en-US', {}, '12/3/2026'],
  ['en-US', { dateStyle: 'full' }, 'Thursday, December 3, 2026'],
  ['en-US', { dateStyle: 'long' }, 'December 3, 2026'],
  ['en-US', { dateStyle: 'medium' }, 'Dec 3, 2026'],
  ['en-US', { dateStyle: 'short' }, '12/3/26'],
  ['en-US', { timeStyle: 'full' }, '3:04:05 PM Coordinated Universal Time'],
  ['en-US', { timeStyle: 'long' }, '3:04:05 PM UTC'],
  ['en-US', { timeStyle: 'medium' }, '3:04:05 PM'],
  ['en-US', { timeStyle: 'short' }, '3:04 PM'],
  ['en-US', { dateStyle: 'long', timeStyle: 'short' }, 'December 3, 2026 at 3:04 PM'],
  ['en-US', { dateStyle: 'medium', timeStyle: 'medium' }, 'Dec 3, 2026, 3:04:05 PM'],
  ['en-US', { dateStyle: 'full', timeStyle: 'full', timeZone: 'America/New_York' }, 'Thursday, December 3, 2026 at 10:04:05 AM Eastern Standard Time'],
  ['de-DE', { dateStyle: 'full' }, 'Donnerstag, 3. Dezember 2026'],
  ['fr-FR', { dateStyle: 'long' }, '3 décembre 2026'],
  ['ja-JP', { dateStyle: 'long' }, '2026年12月3日'],
  ['en-GB', {}, '03/12/2026'],
  ['en-US', { year: 'numeric', month: 'long', day: 'numeric' }, 'December 3, 2026'],
  ['en-US', { month: 'short', day: 'numeric' }, 'Dec 3'],
  ['en-US', { weekday: 'long' }, 'Thursday'],
  ['en-US', { month: 'long' }, 'December'],
  ['en-US', { year: 'numeric', month: '2-digit', day: '2-digit' }, '12/03/2026'],
  ['en-US', { hour: 'numeric', minute: '2-digit' }, '3:04 PM'],
  ['en-US', { hour: '2-digit', minute: '2-digit', hour12: false }, '15:04'],
  ['en-US', { hour: 'numeric', minute: '2-digit', timeZoneName: 'short', timeZone: 'America/Los_Angeles' }, '7:04 AM PST'],
  ['en-US', { timeZone: 'Asia/Kolkata', timeZoneName: 'short' }, '12/3/2026, GMT+5:30'],
  ['en-US', { timeZone: 'Europe/Berlin', timeZoneName: 'long' }, '12/3/2026, Central European Standard Time'],
]
for (const [locale, options, expected] of cases) {
  test(`format ${locale} ${JSON.stringify(options)}`, () => {
    assert.strictEqual(dtf(locale, options), expected)
  })
}

test('time zones follow daylight saving time', () => {
  assert.strictEqual(dtf('en-US', { timeStyle: 'long', timeZone: 'America/New_York' }, summer), '8:00:00 AM EDT')
  assert.strictEqual(dtf('de-DE', { timeStyle: 'short', timeZone: 'Europe/Berlin' }, summer), '14:00')
  assert.strictEqual(dtf('en-US', { timeStyle: 'short', timeZone: 'Australia/Sydney' }, date), '2:04 AM')
})

test('Date.prototype.toLocale*String', () => {
  assert.strictEqual(date.toLocaleString(), '12/3/2026, 3:04:05 PM')
  assert.strictEqual(date.toLocaleString('en-US', { timeZone: 'UTC' }), '12/3/2026, 3:04:05 PM')
  assert.strictEqual(date.toLocaleDateString('en-US'), '12/3/2026')
  assert.strictEqual(date.toLocaleTimeString('en-US'), '3:04:05 PM')
  assert.strictEqual(date.toLocaleTimeString('de-DE'), '15:04:05')
  assert.strictEqual(date.toLocaleString('de-DE', { timeZone: 'Europe/Berlin', dateStyle: 'medium', timeStyle: 'short' }), '03.12.2026, 16:04')
  assert.strictEqual(date.toLocaleDateString('en-US', { weekday: 'short', month: 'short', day: 'numeric' }), 'Thu, Dec 3')
  assert.strictEqual(new Date(NaN).toLocaleString(), 'Invalid Date')
})

test('formatToParts keeps the narrow no-break space before AM/PM', () => {
  assert.deepStrictEqual(new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short' }).formatToParts(date), [
    { type: 'month', value: 'Dec' },
    { type: 'literal', value: ' ' },
    { type: 'day', value: '3' },
    { type: 'literal', value: ', ' },
    { type: 'year', value: '2026' },
    { type: 'literal', value: ', ' },
    { type: 'hour', value: '3' },
    { type: 'literal', value: ':' },
    { type: 'minute', value: '04' },
    { type: 'literal', value: '\u202f' },
    { type: 'dayPeriod', value: 'PM' },
  ])
})

test('resolvedOptions', () => {
  assert.deepStrictEqual(new Intl.DateTimeFormat('en-US', { hour: 'numeric', minute: '2-digit', timeZone: 'utc' }).resolvedOptions(), {
    locale: 'en-US',
    calendar: 'gregory',
    numberingSystem: 'latn',
    timeZone: 'UTC',
    hourCycle: 'h12',
    hour12: true,
    hour: 'numeric',
    minute: '2-digit',
  })
  assert.deepStrictEqual(new Intl.DateTimeFormat('en-US', { dateStyle: 'short' }).resolvedOptions(), {
    locale: 'en-US',
    calendar: 'gregory',
    numberingSystem: 'latn',
    timeZone: 'UTC',
    dateStyle: 'short',
  })
  assert.strictEqual(new Intl.DateTimeFormat().resolvedOptions().timeZone, 'UTC')
  assert.strictEqual(new Intl.DateTimeFormat('en', { timeZone: 'america/new_york' }).resolvedOptions().timeZone, 'America/New_York')
  assert.strictEqual(new Intl.DateTimeFormat('en', { timeZone: 'Etc/GMT' }).resolvedOptions().timeZone, 'UTC')
  assert.strictEqual(new Intl.DateTimeFormat('de', { hour: 'numeric' }).resolvedOptions().hourCycle, 'h23')
})

test('errors as V8 gives them', () => {
  assert.throws(() => new Intl.DateTimeFormat('en', { timeZone: 'Mars/Olympus' }), { name: 'RangeError', message: 'Invalid time zone specified: Mars/Olympus' })
  assert.throws(() => new Intl.DateTimeFormat('en').format(NaN), { name: 'RangeError', message: 'Invalid time value' })
  assert.throws(() => new Intl.DateTimeFormat('en', { dateStyle: 'long', month: 'long' }), { name: 'TypeError', message: "Can't set option month when dateStyle is used" })
  assert.throws(() => new Intl.DateTimeFormat('en', { month: 'longer' }), { name: 'RangeError', message: 'Value longer out of range for Intl.DateTimeFormat options property month' })
})

test('format is a bound getter and accepts numbers and no argument', () => {
  const format = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC' }).format
  assert.strictEqual(format(0), '1/1/1970')
  assert.strictEqual(typeof format(), 'string')
})
