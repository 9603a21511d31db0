// Intl.Segmenter: grapheme clusters (emoji sequences, combining marks), words with
// isWordLike, sentences, containing() and resolvedOptions. Expected values are Node 20's.
import assert from 'node:assert'
import { test } from '../harness.mjs'

const segments = (granularity, text) => [...new Intl.Segmenter('en', { granularity }).segment(text)].map((s) => s.segment)

test('graphemes', () => {
  assert.deepStrictEqual(segments('grapheme', 'ae\u0301👨‍👩‍👧🇩🇪'), ['a', 'e\u0301', '👨‍👩‍👧', '🇩🇪'])
  assert.deepStrictEqual(segments(undefined, 'abc'), ['a', 'b', 'c'])
})

test('words', () => {
  const words = [...new Intl.Segmenter('en', { granularity: 'word' }).segment("Hello, world! It's 3.5")]
  assert.deepStrictEqual(words.map((s) => s.segment), ['Hello', ',', ' ', 'world', '!', ' ', "It's", ' ', '3.5'])
  assert.deepStrictEqual(words.filter((s) => s.isWordLike).map((s) => s.segment), ['Hello', 'world', "It's", '3.5'])
  assert.deepStrictEqual(words[3], { segment: 'world', index: 7, input: "Hello, world! It's 3.5", isWordLike: true })
})

test('sentences', () => {
  assert.deepStrictEqual(segments('sentence', 'One. Two? Three!'), ['One. ', 'Two? ', 'Three!'])
})

test('containing and resolvedOptions', () => {
  const segmenter = new Intl.Segmenter('en', { granularity: 'word' })
  assert.deepStrictEqual(segmenter.segment('ab cd').containing(4), { segment: 'cd', index: 3, input: 'ab cd', isWordLike: true })
  assert.strictEqual(segmenter.segment('ab').containing(5), undefined)
  assert.deepStrictEqual(segmenter.resolvedOptions(), { locale: 'en', granularity: 'word' })
  assert.throws(() => new Intl.Segmenter('en', { granularity: 'line' }), RangeError)
})
