// `path`: Node 20's path module, written for this runtime. Two flavours live here:
// `posix` (the default export, since the runtime runs on POSIX hosts) and `win32`, each
// with resolve, normalize, isAbsolute, join, relative, toNamespacedPath, dirname,
// basename, extname, format, parse, sep and delimiter, and each linking to the other via
// `.posix` / `.win32`. The results match Node's, including its edge cases (UNC and
// drive-letter roots, reserved Windows device names, the `basename` suffix rules), and
// bad arguments throw Node's `ERR_INVALID_ARG_TYPE` TypeError. `resolve` reads
// `process.cwd()` (and, on win32, the `=X:` per-drive cwd variables in `process.env`).
// `matchesGlob` (experimental in Node) is not provided.

const SLASH = 0x2f
const BACKSLASH = 0x5c
const COLON = 0x3a
const DOT = 0x2e
const QUESTION = 0x3f

// ---------------------------------------------------------------------------------------
// Errors and argument checks
// ---------------------------------------------------------------------------------------

// How Node's ERR_INVALID_ARG_TYPE messages describe the value they received.
function describeReceived(value) {
  if (value === null) return 'null'
  if (value === undefined) return 'undefined'
  switch (typeof value) {
    case 'bigint':
      return `type bigint (${value}n)`
    case 'number':
      if (Object.is(value, -0)) return 'type number (-0)'
      return `type number (${value})`
    case 'boolean':
      return `type boolean (${value})`
    case 'symbol':
      return `type symbol (${String(value)})`
    case 'function':
      return `function ${value.name}`
    case 'string': {
      const shown = value.length > 28 ? `${value.slice(0, 25)}...` : value
      return shown.includes("'") ? `type string (${JSON.stringify(shown)})` : `type string ('${shown}')`
    }
    case 'object':
      if (value.constructor && 'name' in value.constructor) return `an instance of ${value.constructor.name}`
      return Object.getPrototypeOf(value) === null ? '[Object: null prototype] {}' : 'type object'
    default:
      return `type ${typeof value}`
  }
}

function invalidArgType(name, expected, value) {
  const error = new TypeError(`The "${name}" argument must be of type ${expected}. Received ${describeReceived(value)}`)
  error.code = 'ERR_INVALID_ARG_TYPE'
  Object.defineProperty(error, 'toString', {
    value() {
      return `${this.name} [${this.code}]: ${this.message}`
    },
    enumerable: false,
    configurable: true,
    writable: true,
  })
  return error
}

function requireString(value, name) {
  if (typeof value !== 'string') throw invalidArgType(name, 'string', value)
}

function requirePathObject(value) {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw invalidArgType('pathObject', 'object', value)
  }
}

// ---------------------------------------------------------------------------------------
// Shared helpers
// ---------------------------------------------------------------------------------------

const isPosixSep = (code) => code === SLASH
const isWinSep = (code) => code === SLASH || code === BACKSLASH
const isDriveLetter = (code) => (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a)
const hasDrivePrefix = (path) => path.length >= 2 && path.charCodeAt(1) === COLON && isDriveLetter(path.charCodeAt(0))

// Collapses separators runs, `.` segments and `..` segments of a root-less path and joins
// what remains with `sep`. A `..` that would climb above the start is kept only when
// `aboveRoot` allows it (relative paths); for absolute paths it is dropped.
function collapse(text, aboveRoot, sep, isSep) {
  const kept = []
  let from = 0
  for (let i = 0; i <= text.length; i++) {
    if (i < text.length && !isSep(text.charCodeAt(i))) continue
    const segment = text.slice(from, i)
    from = i + 1
    if (segment === '' || segment === '.') continue
    if (segment === '..') {
      if (kept.length > 0 && kept[kept.length - 1] !== '..') kept.pop()
      else if (aboveRoot) kept.push('..')
      continue
    }
    kept.push(segment)
  }
  return kept.join(sep)
}

// Locates the last path component at or after `floor`, ignoring trailing separators:
// `{ start, end }` with `end === -1` when only separators (or nothing) are there. `start`
// is `floor` when no separator precedes the component.
function lastComponent(path, floor, isSep) {
  let end = path.length
  while (end > floor && isSep(path.charCodeAt(end - 1))) end--
  if (end === floor) return { start: floor, end: -1 }
  let start = end
  while (start > floor && !isSep(path.charCodeAt(start - 1))) start--
  return { start, end }
}

// Where the extension of `component` starts, or -1 when it has none: the last dot, unless
// it is the component's first character (`.profile`) or the component is `..`.
function extensionStart(component) {
  if (component === '..') return -1
  const dot = component.lastIndexOf('.')
  return dot > 0 ? dot : -1
}

function basenameOf(path, suffix, floor, isSep) {
  if (suffix !== undefined) requireString(suffix, 'suffix')
  requireString(path, 'path')
  const { start, end } = lastComponent(path, floor, isSep)
  const useSuffix = suffix !== undefined && suffix.length > 0 && suffix.length <= path.length
  if (!useSuffix) return end === -1 ? '' : path.slice(start, end)
  if (suffix === path) return ''
  // Node quirk: with a suffix, an all-separator path comes back unchanged (after `floor`).
  if (end === -1) return path.slice(floor)
  const component = path.slice(start, end)
  if (component.endsWith(suffix)) {
    return component.length === suffix.length ? component : component.slice(0, component.length - suffix.length)
  }
  // Node quirk: a component that is itself a tail of the suffix keeps any trailing separators.
  if (suffix.endsWith(component)) return path.slice(start)
  return component
}

function extnameOf(path, floor, isSep) {
  requireString(path, 'path')
  const { start, end } = lastComponent(path, floor, isSep)
  if (end === -1) return ''
  const component = path.slice(start, end)
  const dot = extensionStart(component)
  return dot === -1 ? '' : component.slice(dot)
}

function formatWith(sep, pathObject) {
  requirePathObject(pathObject)
  const dir = pathObject.dir || pathObject.root
  let base = pathObject.base
  if (!base) {
    const ext = pathObject.ext ? `${pathObject.ext[0] === '.' ? '' : '.'}${pathObject.ext}` : ''
    base = `${pathObject.name || ''}${ext}`
  }
  if (!dir) return base
  return dir === pathObject.root ? `${dir}${base}` : `${dir}${sep}${base}`
}

// ---------------------------------------------------------------------------------------
// POSIX
// ---------------------------------------------------------------------------------------

function posixResolve(...paths) {
  let joined = ''
  let absolute = false
  for (let i = paths.length - 1; i >= 0 && !absolute; i--) {
    const part = paths[i]
    requireString(part, `paths[${i}]`)
    if (part.length === 0) continue
    joined = `${part}/${joined}`
    absolute = part.charCodeAt(0) === SLASH
  }
  if (!absolute) {
    const cwd = process.cwd()
    joined = `${cwd}/${joined}`
    absolute = cwd.charCodeAt(0) === SLASH
  }
  const tail = collapse(joined, !absolute, '/', isPosixSep)
  if (absolute) return `/${tail}`
  return tail.length > 0 ? tail : '.'
}

function posixNormalize(path) {
  requireString(path, 'path')
  if (path.length === 0) return '.'
  const absolute = path.charCodeAt(0) === SLASH
  const trailing = path.charCodeAt(path.length - 1) === SLASH
  let tail = collapse(path, !absolute, '/', isPosixSep)
  if (tail.length === 0) {
    if (absolute) return '/'
    return trailing ? './' : '.'
  }
  if (trailing) tail += '/'
  return absolute ? `/${tail}` : tail
}

function posixIsAbsolute(path) {
  requireString(path, 'path')
  return path.length > 0 && path.charCodeAt(0) === SLASH
}

function posixJoin(...paths) {
  const parts = []
  for (const part of paths) {
    requireString(part, 'path')
    if (part.length > 0) parts.push(part)
  }
  return parts.length === 0 ? '.' : posixNormalize(parts.join('/'))
}

function posixRelative(from, to) {
  requireString(from, 'from')
  requireString(to, 'to')
  if (from === to) return ''
  const fromParts = posixResolve(from).split('/').filter(Boolean)
  const toParts = posixResolve(to).split('/').filter(Boolean)
  let common = 0
  while (common < fromParts.length && common < toParts.length && fromParts[common] === toParts[common]) common++
  const up = new Array(fromParts.length - common).fill('..')
  return [...up, ...toParts.slice(common)].join('/')
}

function posixToNamespacedPath(path) {
  return path
}

function posixDirname(path) {
  requireString(path, 'path')
  if (path.length === 0) return '.'
  const rooted = path.charCodeAt(0) === SLASH
  let i = path.length - 1
  while (i >= 1 && path.charCodeAt(i) === SLASH) i-- // trailing separators
  while (i >= 1 && path.charCodeAt(i) !== SLASH) i-- // the last component
  if (i < 1) return rooted ? '/' : '.'
  if (rooted && i === 1) return '//'
  return path.slice(0, i)
}

function posixBasename(path, suffix) {
  return basenameOf(path, suffix, 0, isPosixSep)
}

function posixExtname(path) {
  return extnameOf(path, 0, isPosixSep)
}

function posixFormat(pathObject) {
  return formatWith('/', pathObject)
}

function posixParse(path) {
  requireString(path, 'path')
  const result = { root: '', dir: '', base: '', ext: '', name: '' }
  if (path.length === 0) return result
  const absolute = path.charCodeAt(0) === SLASH
  if (absolute) result.root = '/'
  const floor = absolute ? 1 : 0
  const { start, end } = lastComponent(path, floor, isPosixSep)
  // Did a separator (other than the root one) come before the last component?
  const afterSeparator = start > floor || (!absolute && start > 0)
  if (end !== -1) {
    const component = path.slice(start, end)
    result.base = component
    // Node quirk: `..` straight after the root splits like an ordinary name (`/..` → `.` + `.`).
    const dot = component === '..' && absolute && !afterSeparator ? 1 : extensionStart(component)
    if (dot === -1) {
      result.name = component
    } else {
      result.name = component.slice(0, dot)
      result.ext = component.slice(dot)
    }
  }
  if (afterSeparator) result.dir = path.slice(0, start - 1)
  else if (absolute) result.dir = '/'
  return result
}

// ---------------------------------------------------------------------------------------
// win32
// ---------------------------------------------------------------------------------------

// Matches the `\\server\share` head of a path that starts with two separators. Returns
// null unless a server name, separators and a share name are all present.
function matchUnc(path) {
  const len = path.length
  let j = 2
  while (j < len && !isWinSep(path.charCodeAt(j))) j++
  if (j === 2 || j === len) return null
  const server = path.slice(2, j)
  while (j < len && isWinSep(path.charCodeAt(j))) j++
  if (j === len) return null
  const shareStart = j
  while (j < len && !isWinSep(path.charCodeAt(j))) j++
  return { server, share: path.slice(shareStart, j), end: j }
}

const isDeviceNamespace = (server) => server === '.' || server === '?'

const RESERVED_DEVICE_NAMES = new Set([
  'CON', 'PRN', 'AUX', 'NUL',
  'COM1', 'COM2', 'COM3', 'COM4', 'COM5', 'COM6', 'COM7', 'COM8', 'COM9',
  'LPT1', 'LPT2', 'LPT3', 'LPT4', 'LPT5', 'LPT6', 'LPT7', 'LPT8', 'LPT9',
  'COM\xb9', 'COM\xb2', 'COM\xb3', 'LPT\xb9', 'LPT\xb2', 'LPT\xb3',
])

// Whether the text before `colonIndex` is a reserved device name. As in Node, a missing
// colon (-1) tests everything but the last character.
const isReservedName = (path, colonIndex) => RESERVED_DEVICE_NAMES.has(path.slice(0, colonIndex).toUpperCase())

// The root of a path as resolve() sees it: device (`C:`, `\\server\share`, `\\.`), where
// the rest starts, and whether it is absolute.
function win32ResolveRoot(path) {
  const len = path.length
  const first = path.charCodeAt(0)
  if (len > 0 && isWinSep(first)) {
    if (len > 1 && isWinSep(path.charCodeAt(1))) {
      const unc = matchUnc(path)
      if (unc === null) return { device: '', rootEnd: 0, absolute: true }
      if (isDeviceNamespace(unc.server)) return { device: `\\\\${unc.server}`, rootEnd: 4, absolute: true }
      return { device: `\\\\${unc.server}\\${unc.share}`, rootEnd: unc.end, absolute: true }
    }
    return { device: '', rootEnd: 1, absolute: true }
  }
  if (len > 1 && isDriveLetter(first) && path.charCodeAt(1) === COLON) {
    const absolute = len > 2 && isWinSep(path.charCodeAt(2))
    return { device: path.slice(0, 2), rootEnd: absolute ? 3 : 2, absolute }
  }
  return { device: '', rootEnd: 0, absolute: false }
}

function win32Resolve(...paths) {
  let device = ''
  let tail = ''
  let absolute = false
  for (let i = paths.length - 1; i >= -1; i--) {
    let path
    if (i >= 0) {
      path = paths[i]
      requireString(path, `paths[${i}]`)
      if (path.length === 0) continue
    } else if (device.length === 0) {
      path = process.cwd()
    } else {
      // A drive-relative path: use that drive's own cwd when the environment knows it,
      // else the process cwd, else the drive root.
      path = process.env[`=${device}`] || process.cwd()
      if (
        path === undefined ||
        (path.slice(0, 2).toLowerCase() !== device.toLowerCase() && path.charCodeAt(2) === BACKSLASH)
      ) {
        path = `${device}\\`
      }
    }

    const root = win32ResolveRoot(path)
    if (root.device.length > 0) {
      if (device.length === 0) device = root.device
      else if (root.device.toLowerCase() !== device.toLowerCase()) continue // another drive
    }
    if (absolute) {
      if (device.length > 0) break
    } else {
      tail = `${path.slice(root.rootEnd)}\\${tail}`
      absolute = root.absolute
      if (absolute && device.length > 0) break
    }
  }
  tail = collapse(tail, !absolute, '\\', isWinSep)
  return absolute ? `${device}\\${tail}` : `${device}${tail}` || '.'
}

function win32Normalize(path) {
  requireString(path, 'path')
  const len = path.length
  if (len === 0) return '.'
  if (len === 1) return path === '/' ? '\\' : path
  let rootEnd = 0
  let device
  let absolute = false
  const first = path.charCodeAt(0)
  if (isWinSep(first)) {
    absolute = true
    if (isWinSep(path.charCodeAt(1))) {
      const unc = matchUnc(path)
      if (unc !== null) {
        if (isDeviceNamespace(unc.server)) {
          device = `\\\\${unc.server}`
          rootEnd = 4
        } else if (unc.end === len) {
          return `\\\\${unc.server}\\${unc.share}\\` // a bare UNC root
        } else {
          device = `\\\\${unc.server}\\${unc.share}`
          rootEnd = unc.end
        }
      }
    } else {
      rootEnd = 1
    }
  } else {
    const colon = path.indexOf(':')
    if (colon === 1 && isDriveLetter(first)) {
      device = path.slice(0, 2)
      rootEnd = 2
      if (len > 2 && isWinSep(path.charCodeAt(2))) {
        absolute = true
        rootEnd = 3
      }
    } else if (colon > 0 && isReservedName(path, colon)) {
      device = path.slice(0, colon + 1)
      rootEnd = colon + 1
    }
  }

  let tail = rootEnd < len ? collapse(path.slice(rootEnd), !absolute, '\\', isWinSep) : ''
  if (tail.length === 0 && !absolute) tail = '.'
  if (tail.length > 0 && isWinSep(path.charCodeAt(len - 1))) tail += '\\'

  // A relative result must not turn into something Windows reads as a drive or a stream
  // (CVE-2024-36139): prefix `.\` when a colon could be misread.
  if (!absolute && device === undefined && path.includes(':')) {
    if (hasDrivePrefix(tail)) return `.\\${tail}`
    for (let at = path.indexOf(':'); at !== -1; at = path.indexOf(':', at + 1)) {
      if (at === len - 1 || isWinSep(path.charCodeAt(at + 1))) return `.\\${tail}`
    }
  }
  if (isReservedName(path, path.indexOf(':'))) return `.\\${device ?? ''}${tail}`
  if (device === undefined) return absolute ? `\\${tail}` : tail
  return absolute ? `${device}\\${tail}` : `${device}${tail}`
}

function win32IsAbsolute(path) {
  requireString(path, 'path')
  if (path.length === 0) return false
  const first = path.charCodeAt(0)
  if (isWinSep(first)) return true
  return path.length > 2 && isDriveLetter(first) && path.charCodeAt(1) === COLON && isWinSep(path.charCodeAt(2))
}

function win32Join(...paths) {
  const parts = []
  for (const part of paths) {
    requireString(part, 'path')
    if (part.length > 0) parts.push(part)
  }
  if (parts.length === 0) return '.'
  let joined = parts.join('\\')
  // Leading separators collapse to one, so normalize() does not take the result for a
  // UNC path, unless the first part clearly is one: exactly two separators, then a name.
  const first = parts[0]
  const meantUnc =
    first.length > 2 && isWinSep(first.charCodeAt(0)) && isWinSep(first.charCodeAt(1)) && !isWinSep(first.charCodeAt(2))
  if (!meantUnc) {
    let count = 0
    while (count < joined.length && isWinSep(joined.charCodeAt(count))) count++
    if (count >= 2) joined = `\\${joined.slice(count)}`
  }
  return win32Normalize(joined)
}

// Relative path by splitting on `\` (used when lower-casing changes string lengths, which
// rules out the character-by-character walk).
function win32RelativeBySegments(fromResolved, toResolved) {
  const fromParts = fromResolved.split('\\')
  const toParts = toResolved.split('\\')
  if (fromParts[fromParts.length - 1] === '') fromParts.pop()
  if (toParts[toParts.length - 1] === '') toParts.pop()
  const shorter = Math.min(fromParts.length, toParts.length)
  let i = 0
  while (i < shorter && fromParts[i].toLowerCase() === toParts[i].toLowerCase()) i++
  if (i === 0) return toResolved
  if (i === shorter) {
    if (toParts.length > shorter) return toParts.slice(i).join('\\')
    if (fromParts.length > shorter) return `${'..\\'.repeat(fromParts.length - 1 - i)}..`
    return ''
  }
  return '..\\'.repeat(fromParts.length - i) + toParts.slice(i).join('\\')
}

function win32Relative(from, to) {
  requireString(from, 'from')
  requireString(to, 'to')
  if (from === to) return ''
  const fromResolved = win32Resolve(from)
  const toResolved = win32Resolve(to)
  if (fromResolved === toResolved) return ''
  const a = fromResolved.toLowerCase()
  const b = toResolved.toLowerCase()
  if (a === b) return ''
  if (a.length !== fromResolved.length || b.length !== toResolved.length) {
    return win32RelativeBySegments(fromResolved, toResolved)
  }

  // Compare the two lower-cased paths without their leading backslashes (and without
  // trailing ones, which only UNC roots have), remembering the last shared separator.
  let aStart = 0
  while (aStart < a.length && a.charCodeAt(aStart) === BACKSLASH) aStart++
  let aEnd = a.length
  while (aEnd - 1 > aStart && a.charCodeAt(aEnd - 1) === BACKSLASH) aEnd--
  let bStart = 0
  while (bStart < b.length && b.charCodeAt(bStart) === BACKSLASH) bStart++
  let bEnd = b.length
  while (bEnd - 1 > bStart && b.charCodeAt(bEnd - 1) === BACKSLASH) bEnd--
  const aLen = aEnd - aStart
  const bLen = bEnd - bStart
  const shared = Math.min(aLen, bLen)

  let i = 0
  let lastSep = -1
  while (i < shared && a.charCodeAt(aStart + i) === b.charCodeAt(bStart + i)) {
    if (a.charCodeAt(aStart + i) === BACKSLASH) lastSep = i
    i++
  }

  if (i < shared) {
    if (lastSep === -1) return toResolved // nothing in common, not even the root
  } else {
    if (bLen > shared) {
      // `from` is an ancestor of `to` (or, at i === 2, the drive root).
      if (b.charCodeAt(bStart + i) === BACKSLASH) return toResolved.slice(bStart + i + 1)
      if (i === 2) return toResolved.slice(bStart + i)
    }
    if (aLen > shared) {
      if (a.charCodeAt(aStart + i) === BACKSLASH) lastSep = i // `to` is an ancestor of `from`
      else if (i === 2) lastSep = 3 // `to` is the drive root
    }
    if (lastSep === -1) lastSep = 0
  }

  // One `..` for each component of `from` beyond the shared part.
  let up = ''
  for (let k = aStart + lastSep + 1; k <= aEnd; k++) {
    if (k === aEnd || a.charCodeAt(k) === BACKSLASH) up += up.length === 0 ? '..' : '\\..'
  }
  let rest = bStart + lastSep
  if (up.length > 0) return `${up}${toResolved.slice(rest, bEnd)}`
  if (toResolved.charCodeAt(rest) === BACKSLASH) rest++
  return toResolved.slice(rest, bEnd)
}

function win32ToNamespacedPath(path) {
  if (typeof path !== 'string' || path.length === 0) return path
  const resolved = win32Resolve(path)
  if (resolved.length <= 2) return path
  if (resolved.charCodeAt(0) === BACKSLASH) {
    if (resolved.charCodeAt(1) === BACKSLASH) {
      const third = resolved.charCodeAt(2)
      if (third !== QUESTION && third !== DOT) return `\\\\?\\UNC\\${resolved.slice(2)}`
    }
  } else if (hasDrivePrefix(resolved) && resolved.charCodeAt(2) === BACKSLASH) {
    return `\\\\?\\${resolved}`
  }
  return resolved
}

// The root that dirname() and parse() keep: `\`, `C:`, `C:\`, `\\server\share\` (with its
// separator) or a bare `\\server\share`. `bare` marks a path that is a UNC root only.
function win32StaticRoot(path) {
  const len = path.length
  const first = path.charCodeAt(0)
  if (len > 0 && isWinSep(first)) {
    if (len > 1 && isWinSep(path.charCodeAt(1))) {
      const unc = matchUnc(path)
      if (unc !== null) return unc.end === len ? { rootEnd: len, bare: true } : { rootEnd: unc.end + 1, bare: false }
    }
    return { rootEnd: 1, bare: false }
  }
  if (len > 1 && isDriveLetter(first) && path.charCodeAt(1) === COLON) {
    return { rootEnd: len > 2 && isWinSep(path.charCodeAt(2)) ? 3 : 2, bare: false }
  }
  return { rootEnd: 0, bare: false }
}

function win32Dirname(path) {
  requireString(path, 'path')
  const len = path.length
  if (len === 0) return '.'
  if (len === 1) return isWinSep(path.charCodeAt(0)) ? path : '.'
  const { rootEnd, bare } = win32StaticRoot(path)
  if (bare) return path
  let i = len - 1
  while (i >= rootEnd && isWinSep(path.charCodeAt(i))) i-- // trailing separators
  while (i >= rootEnd && !isWinSep(path.charCodeAt(i))) i-- // the last component
  if (i < rootEnd) return rootEnd === 0 ? '.' : path.slice(0, rootEnd)
  return path.slice(0, i)
}

function win32Basename(path, suffix) {
  if (suffix !== undefined) requireString(suffix, 'suffix')
  requireString(path, 'path')
  return basenameOf(path, suffix, hasDrivePrefix(path) ? 2 : 0, isWinSep)
}

function win32Extname(path) {
  requireString(path, 'path')
  return extnameOf(path, hasDrivePrefix(path) ? 2 : 0, isWinSep)
}

function win32Format(pathObject) {
  return formatWith('\\', pathObject)
}

function win32Parse(path) {
  requireString(path, 'path')
  const result = { root: '', dir: '', base: '', ext: '', name: '' }
  const len = path.length
  if (len === 0) return result
  if (len === 1) {
    if (isWinSep(path.charCodeAt(0))) result.root = result.dir = path
    else result.base = result.name = path
    return result
  }
  const { rootEnd } = win32StaticRoot(path)
  // A drive alone (`C:` or `C:\`) is all root.
  if (hasDrivePrefix(path) && (len === 2 || (len === 3 && rootEnd === 3))) {
    result.root = result.dir = path
    return result
  }
  result.root = path.slice(0, rootEnd)
  const { start, end } = lastComponent(path, rootEnd, isWinSep)
  if (end !== -1) {
    const component = path.slice(start, end)
    const dot = extensionStart(component)
    result.base = component
    if (dot === -1) {
      result.name = component
    } else {
      result.name = component.slice(0, dot)
      result.ext = component.slice(dot)
    }
  }
  result.dir = start > 0 && start !== rootEnd ? path.slice(0, start - 1) : result.root
  return result
}

// ---------------------------------------------------------------------------------------
// The two flavours and the module's exports
// ---------------------------------------------------------------------------------------

export const win32 = {
  resolve: win32Resolve,
  normalize: win32Normalize,
  isAbsolute: win32IsAbsolute,
  join: win32Join,
  relative: win32Relative,
  toNamespacedPath: win32ToNamespacedPath,
  dirname: win32Dirname,
  basename: win32Basename,
  extname: win32Extname,
  format: win32Format,
  parse: win32Parse,
  sep: '\\',
  delimiter: ';',
  win32: null,
  posix: null,
  _makeLong: win32ToNamespacedPath,
}

export const posix = {
  resolve: posixResolve,
  normalize: posixNormalize,
  isAbsolute: posixIsAbsolute,
  join: posixJoin,
  relative: posixRelative,
  toNamespacedPath: posixToNamespacedPath,
  dirname: posixDirname,
  basename: posixBasename,
  extname: posixExtname,
  format: posixFormat,
  parse: posixParse,
  sep: '/',
  delimiter: ':',
  win32: null,
  posix: null,
  _makeLong: posixToNamespacedPath,
}

posix.win32 = win32.win32 = win32
posix.posix = win32.posix = posix

export {
  posixResolve as resolve,
  posixNormalize as normalize,
  posixIsAbsolute as isAbsolute,
  posixJoin as join,
  posixRelative as relative,
  posixToNamespacedPath as toNamespacedPath,
  posixDirname as dirname,
  posixBasename as basename,
  posixExtname as extname,
  posixFormat as format,
  posixParse as parse,
  posixToNamespacedPath as _makeLong,
}
export const sep = '/'
export const delimiter = ':'

export default posix
