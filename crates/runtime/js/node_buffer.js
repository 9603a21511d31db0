// Completes LLRT's global `Buffer` to Node 20's, evaluated once per worker as a plain
// script after LLRT installs it.
//
// 1. LLRT's native readers and writers (`readUInt32BE`, `writeInt16LE`, ..., `indexOf`,
//    `includes`, `lastIndexOf`, `fill`, `write`) ignore a view's `byteOffset`: on
//    `buf.subarray(5)` they read and write the parent's first bytes. Every binary
//    protocol parser that walks a buffer with `subarray` (postgres.js, mysql2, msgpack,
//    protobufjs) got garbage. They are replaced here by JavaScript over the view's own
//    bytes, with Node's argument checks and error codes (lib/internal/buffer.js).
// 2. What LLRT lacks: `equals`, `compare` (and `Buffer.compare`), `swap16/32/64`, the
//    variable-width `readUIntBE`/`readIntLE`/`writeUIntBE`/... (and their `Uint` aliases),
//    `readBigUInt64*` (LLRT throws "Uint64 is not supported"), the `latin1Slice`/
//    `utf8Write`-style methods some packages call, `offset`/`parent`,
//    `inspect`, `Buffer.poolSize`, `Buffer.of`, `Buffer.copyBytesFrom`.
;(function completeBuffer(Buffer) {
  'use strict'
  if (typeof Buffer !== 'function' || Buffer.prototype === undefined) return
  const proto = Buffer.prototype
  const U8 = Uint8Array.prototype
  const u8Fill = U8.fill
  const u8Set = U8.set
  const u8IndexOf = U8.indexOf
  const u8LastIndexOf = U8.lastIndexOf

  // ---------------------------------------------------------------- Node's errors
  const describe = (value) => {
    if (value === null || value === undefined) return ` Received ${value}`
    if (typeof value === 'function') return ` Received function ${value.name}`
    if (typeof value === 'object') {
      const name = value.constructor && value.constructor.name
      return name ? ` Received an instance of ${name}` : ` Received ${typeof value}`
    }
    let shown = typeof value === 'bigint' ? `${value}n` : typeof value === 'string' ? `'${value.length > 28 ? value.slice(0, 25) + '...' : value}'` : String(value)
    if (typeof value === 'symbol') shown = String(value)
    return ` Received type ${typeof value} (${shown})`
  }
  const coded = (Type, code, message) => {
    const error = new Type(message)
    Object.defineProperty(error, 'code', { value: code, writable: true, enumerable: true, configurable: true })
    return error
  }
  const invalidArgType = (name, expected, value) =>
    coded(TypeError, 'ERR_INVALID_ARG_TYPE', `The "${name}" argument must be ${expected}.${describe(value)}`)
  const separated = (text) => {
    let result = ''
    let i = text.length
    const start = text[0] === '-' ? 1 : 0
    for (; i >= start + 4; i -= 3) result = `_${text.slice(i - 3, i)}${result}`
    return `${text.slice(0, i)}${result}`
  }
  const outOfRange = (name, range, value) => {
    let received
    if (Number.isInteger(value) && Math.abs(value) > 2 ** 32) received = separated(String(value))
    else if (typeof value === 'bigint') {
      received = String(value)
      if (value > 2n ** 32n || value < -(2n ** 32n)) received = separated(received)
      received += 'n'
    } else received = typeof value === 'string' ? `'${value}'` : String(value)
    return coded(RangeError, 'ERR_OUT_OF_RANGE', `The value of "${name}" is out of range. It must be ${range}. Received ${received}`)
  }
  const outOfBounds = () => coded(RangeError, 'ERR_BUFFER_OUT_OF_BOUNDS', 'Attempt to access memory outside buffer bounds')
  const validateNumber = (value, name) => {
    if (typeof value !== 'number') throw invalidArgType(name, 'of type number', value)
  }
  function boundsError(value, length, type) {
    if (Math.floor(value) !== value) {
      validateNumber(value, type || 'offset')
      throw outOfRange(type || 'offset', 'an integer', value)
    }
    if (length < 0) throw outOfBounds()
    throw outOfRange(type || 'offset', `>= ${type ? 1 : 0} and <= ${length}`, value)
  }
  // The offset of a `size`-byte access, checked as Node checks it.
  function checkedOffset(buf, offset, size) {
    if (offset === undefined) offset = 0
    else validateNumber(offset, 'offset')
    if (!(offset >= 0 && offset + size <= buf.length && Math.floor(offset) === offset)) boundsError(offset, buf.length - size)
    return offset
  }
  function checkInt(value, min, max, buf, offset, size) {
    if (value > max || value < min) {
      const n = typeof min === 'bigint' ? 'n' : ''
      let range
      if (size > 4) {
        range = min === 0 || min === 0n ? `>= 0${n} and < 2${n} ** ${size * 8}${n}` : `>= -(2${n} ** ${size * 8 - 1}${n}) and < 2 ** ${size * 8 - 1}${n}`
      } else {
        range = `>= ${min}${n} and <= ${max}${n}`
      }
      throw outOfRange('value', range, value)
    }
    return checkedOffset(buf, offset, size)
  }
  const view = (buf) => new DataView(buf.buffer, buf.byteOffset, buf.byteLength)
  const define = (name, value) =>
    Object.defineProperty(proto, name, { value, writable: true, enumerable: true, configurable: true })

  // ---------------------------------------------------------------- fixed-width numbers
  const numbers = [
    // name, size, DataView getter/setter, signed min, max (undefined: a float)
    ['UInt8', 1, 'Uint8', 0, 0xff],
    ['Int8', 1, 'Int8', -0x80, 0x7f],
    ['UInt16', 2, 'Uint16', 0, 0xffff],
    ['Int16', 2, 'Int16', -0x8000, 0x7fff],
    ['UInt32', 4, 'Uint32', 0, 0xffffffff],
    ['Int32', 4, 'Int32', -0x80000000, 0x7fffffff],
    ['Float', 4, 'Float32'],
    ['Double', 8, 'Float64'],
    ['BigUInt64', 8, 'BigUint64', 0n, 0xffffffffffffffffn],
    ['BigInt64', 8, 'BigInt64', -(2n ** 63n), 2n ** 63n - 1n],
  ]
  for (const [name, size, dataView, min, max] of numbers) {
    const ends = size === 1 ? [['', false]] : [['BE', false], ['LE', true]]
    for (const [end, little] of ends) {
      const get = DataView.prototype[`get${dataView}`]
      const set = DataView.prototype[`set${dataView}`]
      const read = {
        [`read${name}${end}`](offset) {
          offset = checkedOffset(this, offset, size)
          return get.call(view(this), offset, little)
        },
      }[`read${name}${end}`]
      const write = {
        [`write${name}${end}`](value, offset) {
          if (min === undefined) {
            value = +value
            offset = checkedOffset(this, offset, size)
          } else if (typeof min === 'bigint') {
            if (typeof value !== 'bigint') throw new TypeError('Cannot mix BigInt and other types, use explicit conversions')
            offset = checkInt(value, min, max, this, offset, size)
          } else {
            value = +value
            offset = checkInt(value, min, max, this, offset, size)
          }
          set.call(view(this), offset, value, little)
          return offset + size
        },
      }[`write${name}${end}`]
      define(read.name, read)
      define(write.name, write)
      const alias = name.replace('UInt', 'Uint')
      if (alias !== name) {
        define(`read${alias}${end}`, read)
        define(`write${alias}${end}`, write)
      }
    }
  }

  // ---------------------------------------------------------------- variable widths (1 to 6 bytes)
  function checkByteLength(byteLength) {
    if (byteLength === undefined) throw invalidArgType('byteLength', 'of type number', byteLength)
    if (!(byteLength >= 1 && byteLength <= 6 && Math.floor(byteLength) === byteLength)) boundsError(byteLength, 6, 'byteLength')
  }
  function readVariable(buf, offset, byteLength, little, signed) {
    checkByteLength(byteLength)
    offset = checkedOffset(buf, offset, byteLength)
    let value = 0
    for (let i = 0; i < byteLength; i++) {
      const byte = buf[little ? offset + byteLength - 1 - i : offset + i]
      value = value * 256 + byte
    }
    if (signed && value >= 2 ** (8 * byteLength - 1)) value -= 2 ** (8 * byteLength)
    return value
  }
  function writeVariable(buf, value, offset, byteLength, little, signed) {
    checkByteLength(byteLength)
    value = +value
    const max = signed ? 2 ** (8 * byteLength - 1) - 1 : 2 ** (8 * byteLength) - 1
    const min = signed ? -(2 ** (8 * byteLength - 1)) : 0
    offset = checkInt(value, min, max, buf, offset, byteLength)
    let rest = value < 0 ? value + 2 ** (8 * byteLength) : value
    rest = Math.trunc(rest)
    for (let i = 0; i < byteLength; i++) {
      buf[little ? offset + i : offset + byteLength - 1 - i] = rest % 256
      rest = Math.floor(rest / 256)
    }
    return offset + byteLength
  }
  for (const [end, little] of [['BE', false], ['LE', true]]) {
    for (const [kind, signed] of [['UInt', false], ['Int', true]]) {
      const read = function (offset, byteLength) {
        return readVariable(this, offset, byteLength, little, signed)
      }
      const write = function (value, offset, byteLength) {
        return writeVariable(this, value, offset, byteLength, little, signed)
      }
      for (const spelled of kind === 'UInt' ? ['UInt', 'Uint'] : ['Int']) {
        define(`read${spelled}${end}`, read)
        define(`write${spelled}${end}`, write)
      }
    }
  }

  // ---------------------------------------------------------------- comparing
  const isUint8Array = (value) => ArrayBuffer.isView(value) && Object.prototype.toString.call(value) === '[object Uint8Array]'
  function compareBytes(a, aStart, aEnd, b, bStart, bEnd) {
    const length = Math.min(aEnd - aStart, bEnd - bStart)
    for (let i = 0; i < length; i++) {
      const x = a[aStart + i]
      const y = b[bStart + i]
      if (x !== y) return x < y ? -1 : 1
    }
    const left = aEnd - aStart
    const right = bEnd - bStart
    return left < right ? -1 : left > right ? 1 : 0
  }
  define('equals', function equals(otherBuffer) {
    if (!isUint8Array(otherBuffer)) throw invalidArgType('otherBuffer', 'an instance of Buffer or Uint8Array', otherBuffer)
    if (this === otherBuffer) return true
    if (this.length !== otherBuffer.length) return false
    return compareBytes(this, 0, this.length, otherBuffer, 0, otherBuffer.length) === 0
  })
  const rangeArgument = (value, name, fallback, limit) => {
    if (value === undefined) return fallback
    validateNumber(value, name)
    if (!Number.isInteger(value)) throw outOfRange(name, 'an integer', value)
    if (value < 0 || value > limit) throw outOfRange(name, `>= 0 and <= ${limit}`, value)
    return value
  }
  define('compare', function compare(target, targetStart, targetEnd, sourceStart, sourceEnd) {
    if (!isUint8Array(target)) throw invalidArgType('target', 'an instance of Buffer or Uint8Array', target)
    // As Node: the starts are checked against kMaxLength only, the ends against the lengths.
    targetStart = rangeArgument(targetStart, 'targetStart', 0, 2 ** 32)
    targetEnd = rangeArgument(targetEnd, 'targetEnd', target.length, target.length)
    sourceStart = rangeArgument(sourceStart, 'sourceStart', 0, 2 ** 32)
    sourceEnd = rangeArgument(sourceEnd, 'sourceEnd', this.length, this.length)
    if (sourceStart >= sourceEnd) return targetStart >= targetEnd ? 0 : -1
    if (targetStart >= targetEnd) return 1
    return compareBytes(this, sourceStart, sourceEnd, target, targetStart, targetEnd)
  })
  Object.defineProperty(Buffer, 'compare', {
    value: function compare(buf1, buf2) {
      if (!isUint8Array(buf1)) throw invalidArgType('buf1', 'an instance of Buffer or Uint8Array', buf1)
      if (!isUint8Array(buf2)) throw invalidArgType('buf2', 'an instance of Buffer or Uint8Array', buf2)
      if (buf1 === buf2) return 0
      return compareBytes(buf1, 0, buf1.length, buf2, 0, buf2.length)
    },
    writable: true,
    enumerable: true,
    configurable: true,
  })

  // ---------------------------------------------------------------- searching
  function searchValue(buf, value, encoding) {
    if (typeof value === 'string') return Buffer.from(value, encoding)
    if (isUint8Array(value)) return value
    throw invalidArgType('value', 'one of type number or string or an instance of Buffer or Uint8Array', value)
  }
  // Where a search starts (Node's src/node_buffer.cc IndexOfOffset), or -1 for none.
  function startOffset(length, offset, needleLength, forward) {
    if (offset < 0) {
      if (offset + length >= 0) return length + offset
      return forward || needleLength === 0 ? 0 : -1
    }
    if (offset + needleLength <= length) return offset
    if (needleLength === 0) return length
    return forward ? -1 : length - 1
  }
  // Node's bidirectionalIndexOf (lib/buffer.js) and its native half.
  function search(buf, value, byteOffset, encoding, forward) {
    if (typeof byteOffset === 'string') {
      encoding = byteOffset
      byteOffset = undefined
    } else if (byteOffset > 0x7fffffff) byteOffset = 0x7fffffff
    else if (byteOffset < -0x80000000) byteOffset = -0x80000000
    byteOffset = +byteOffset
    if (Number.isNaN(byteOffset)) byteOffset = forward ? 0 : buf.length
    byteOffset = Math.trunc(byteOffset)
    if (typeof value === 'number') {
      const from = startOffset(buf.length, byteOffset, 1, forward)
      if (from === -1 || buf.length === 0) return -1
      return forward ? u8IndexOf.call(buf, (value >>> 0) & 0xff, from) : u8LastIndexOf.call(buf, (value >>> 0) & 0xff, from)
    }
    const needle = searchValue(buf, value, encoding)
    let from = startOffset(buf.length, byteOffset, needle.length, forward)
    if (needle.length === 0) return from
    if (buf.length === 0 || from <= -1) return -1
    const last = buf.length - needle.length
    if (forward) {
      for (let i = from; i <= last; i++) {
        if (buf[i] === needle[0] && compareBytes(buf, i, i + needle.length, needle, 0, needle.length) === 0) return i
      }
      return -1
    }
    for (let i = Math.min(from, last); i >= 0; i--) {
      if (buf[i] === needle[0] && compareBytes(buf, i, i + needle.length, needle, 0, needle.length) === 0) return i
    }
    return -1
  }
  define('indexOf', function indexOf(value, byteOffset, encoding) {
    return search(this, value, byteOffset, encoding, true)
  })
  define('lastIndexOf', function lastIndexOf(value, byteOffset, encoding) {
    return search(this, value, byteOffset, encoding, false)
  })
  define('includes', function includes(value, byteOffset, encoding) {
    return search(this, value, byteOffset, encoding, true) !== -1
  })

  // ---------------------------------------------------------------- fill and write
  define('fill', function fill(value, offset, end, encoding) {
    if (typeof offset === 'string') {
      encoding = offset
      offset = 0
      end = this.length
    } else if (typeof end === 'string') {
      encoding = end
      end = this.length
    }
    if (encoding !== undefined && typeof encoding !== 'string') throw invalidArgType('encoding', 'of type string', encoding)
    if (encoding !== undefined && !Buffer.isEncoding(encoding)) {
      throw coded(TypeError, 'ERR_UNKNOWN_ENCODING', `Unknown encoding: ${encoding}`)
    }
    offset = offset === undefined ? 0 : offset
    end = end === undefined ? this.length : end
    validateNumber(offset, 'offset')
    if (offset < 0 || offset > this.length || !Number.isInteger(offset)) throw outOfRange('offset', `>= 0 and <= ${this.length}`, offset)
    validateNumber(end, 'end')
    if (end < 0 || end > this.length || !Number.isInteger(end)) throw outOfRange('end', `>= 0 and <= ${this.length}`, end)
    if (offset >= end) return this
    if (typeof value === 'number' || typeof value === 'boolean') {
      u8Fill.call(this, Number(value) & 0xff, offset, end)
      return this
    }
    let bytes
    if (typeof value === 'string') {
      if (value.length === 0) {
        u8Fill.call(this, 0, offset, end)
        return this
      }
      bytes = Buffer.from(value, encoding)
      if (bytes.length === 0) {
        throw coded(TypeError, 'ERR_INVALID_ARG_VALUE', `The argument 'value' is invalid. Received '${value}'`)
      }
    } else if (ArrayBuffer.isView(value)) {
      bytes = new Uint8Array(value.buffer, value.byteOffset, value.byteLength)
      if (bytes.length === 0) {
        throw coded(TypeError, 'ERR_INVALID_ARG_VALUE', `The argument 'value' is invalid. Received ${Object.prototype.toString.call(value).slice(8, -1)} []`)
      }
    } else {
      u8Fill.call(this, Number(value) & 0xff, offset, end)
      return this
    }
    if (bytes.length === 1) {
      u8Fill.call(this, bytes[0], offset, end)
      return this
    }
    for (let at = offset; at < end; at += bytes.length) {
      const room = end - at
      u8Set.call(this, room >= bytes.length ? bytes : bytes.subarray(0, room), at)
    }
    return this
  })

  // Bytes of `string` that fit in `room`, never a partial character (as Node writes them).
  function fitted(bytes, room, encoding) {
    if (bytes.length <= room) return bytes
    let length = room
    const enc = String(encoding || 'utf8').toLowerCase()
    if (enc === 'utf8' || enc === 'utf-8') {
      while (length > 0 && (bytes[length] & 0xc0) === 0x80) length--
    } else if (enc === 'ucs2' || enc === 'ucs-2' || enc === 'utf16le' || enc === 'utf-16le') {
      length -= length % 2
    }
    return bytes.subarray(0, length)
  }
  define('write', function write(string, offset, length, encoding) {
    if (typeof string !== 'string') throw invalidArgType('argument', 'of type string', string)
    if (offset === undefined) {
      offset = 0
      length = this.length
    } else if (typeof offset === 'string') {
      encoding = offset
      offset = 0
      length = this.length
    } else {
      validateNumber(offset, 'offset')
      if (offset < 0 || offset > this.length || !Number.isInteger(offset)) throw outOfRange('offset', `>= 0 and <= ${this.length}`, offset)
      if (typeof length === 'string') {
        encoding = length
        length = this.length - offset
      } else if (length === undefined) {
        length = this.length - offset
      } else {
        validateNumber(length, 'length')
        if (length < 0 || length > this.length || !Number.isInteger(length)) throw outOfRange('length', `>= 0 and <= ${this.length}`, length)
        length = Math.min(length, this.length - offset)
      }
    }
    if (encoding !== undefined && !Buffer.isEncoding(encoding)) {
      throw coded(TypeError, 'ERR_UNKNOWN_ENCODING', `Unknown encoding: ${encoding}`)
    }
    const bytes = fitted(Buffer.from(string, encoding), length, encoding)
    u8Set.call(this, bytes, offset)
    return bytes.length
  })

  // ---------------------------------------------------------------- the rest
  for (const [size, name] of [[2, 'swap16'], [4, 'swap32'], [8, 'swap64']]) {
    define(name, {
      [name]() {
        if (this.length % size !== 0) {
          throw coded(RangeError, 'ERR_INVALID_BUFFER_SIZE', `Invalid buffer size: Buffer size must be a multiple of ${size * 8}-bits`)
        }
        for (let i = 0; i < this.length; i += size) {
          for (let j = 0; j < size / 2; j++) {
            const t = this[i + j]
            this[i + j] = this[i + size - 1 - j]
            this[i + size - 1 - j] = t
          }
        }
        return this
      },
    }[name])
  }
  for (const encoding of ['ascii', 'base64', 'base64url', 'hex', 'latin1', 'ucs2', 'utf8']) {
    define(`${encoding}Slice`, function (start = 0, end = this.length) {
      return this.toString(encoding, start, end)
    })
    define(`${encoding}Write`, function (string, offset = 0, length = this.length - offset) {
      return this.write(string, offset, length, encoding)
    })
  }
  define('toLocaleString', proto.toString)
  for (const [name, get] of [['offset', (b) => b.byteOffset], ['parent', (b) => b.buffer]]) {
    Object.defineProperty(proto, name, {
      get() {
        return ArrayBuffer.isView(this) ? get(this) : undefined
      },
      enumerable: true,
      configurable: true,
    })
  }
  // Node's `buf.inspect()` (what util.inspect shows for a Buffer), with its 50-byte cap.
  define('inspect', function inspect() {
    const max = 50
    let text = ''
    for (let i = 0; i < Math.min(max, this.length); i++) text += (i === 0 ? '' : ' ') + (this[i] < 16 ? '0' : '') + this[i].toString(16)
    const remaining = this.length - max
    if (remaining > 0) text += ` ... ${remaining} more byte${remaining > 1 ? 's' : ''}`
    return `<${this.constructor.name}${text === '' ? '' : ' '}${text}>`
  })
  // Own, so that it makes Buffers (the inherited Uint8Array.of makes Uint8Arrays).
  Object.defineProperty(Buffer, 'of', {
    value: function of(...items) {
      return Buffer.from(items)
    },
    writable: true,
    enumerable: true,
    configurable: true,
  })
  const statics = {
    poolSize: 8192,
    copyBytesFrom(view, offset, length) {
      if (!ArrayBuffer.isView(view) || view instanceof DataView) throw invalidArgType('view', 'an instance of TypedArray', view)
      const unit = view.BYTES_PER_ELEMENT
      const start = offset === undefined ? 0 : Math.min(rangeArgument(offset, 'offset', 0, Infinity), view.length)
      const end = length === undefined ? view.length : Math.min(start + rangeArgument(length, 'length', 0, Infinity), view.length)
      if (end <= start) return Buffer.alloc(0)
      return Buffer.from(new Uint8Array(view.buffer, view.byteOffset + start * unit, (end - start) * unit))
    },
  }
  for (const [name, value] of Object.entries(statics)) {
    if (Buffer[name] === undefined) Object.defineProperty(Buffer, name, { value, writable: true, enumerable: true, configurable: true })
  }
})(globalThis.Buffer)
