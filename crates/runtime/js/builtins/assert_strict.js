// `assert/strict`: the strict variant of `assert` (`equal` is `strictEqual`, `deepEqual`
// is `deepStrictEqual`, ...), as its default export and as named exports.
import { strict } from 'assert'

export const {
  ok, fail, throws, rejects, doesNotThrow, doesNotReject, match, doesNotMatch, ifError, AssertionError,
  strictEqual, notStrictEqual, deepStrictEqual, notDeepStrictEqual, equal, notEqual, deepEqual, notDeepEqual,
} = strict
export { strict }
export default strict
