// `assert/strict`: the strict variant of `assert` (assert.strict). Its default export is
// the strict assert function; `equal` is strictEqual, `notEqual` notStrictEqual,
// `deepEqual` deepStrictEqual and `notDeepEqual` notDeepStrictEqual; everything else is
// the same function as in `assert`. Every method is also a named export.
import { strict } from 'assert'

export const {
  ok, fail, throws, rejects, doesNotThrow, doesNotReject, match, doesNotMatch, ifError, AssertionError,
  CallTracker, strictEqual, notStrictEqual, deepStrictEqual, notDeepStrictEqual, equal, notEqual, deepEqual,
  notDeepEqual,
} = strict
export { strict }
export default strict
