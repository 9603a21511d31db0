// `path/posix`: the POSIX half of `path` as a module of its own.
import path from 'path'
export const { resolve, normalize, isAbsolute, join, relative, toNamespacedPath, dirname, basename, extname, format, parse, sep, delimiter, posix, win32 } = path.posix
export default path.posix
