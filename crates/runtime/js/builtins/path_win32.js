// `path/win32`: the Windows half of `path` as a module of its own.
import path from 'path'
export const { resolve, normalize, isAbsolute, join, relative, toNamespacedPath, dirname, basename, extname, format, parse, sep, delimiter, posix, win32 } = path.win32
export default path.win32
