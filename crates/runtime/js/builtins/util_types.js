// `util/types`: `util.types` as a module of its own.
import util from 'util'
const types = util.types || {}
export default types
export const {
  isDate, isRegExp, isPromise, isMap, isSet, isWeakMap, isWeakSet, isTypedArray, isUint8Array,
  isArrayBuffer, isAnyArrayBuffer, isDataView, isAsyncFunction, isGeneratorFunction,
  isGeneratorObject, isBoxedPrimitive, isNativeError, isProxy, isSymbolObject, isNumberObject,
  isStringObject, isBooleanObject, isBigIntObject, isArgumentsObject, isMapIterator, isSetIterator,
} = types
