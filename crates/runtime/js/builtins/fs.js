// `fs`: LLRT's native fs (its sync functions and `promises`) completed with the parts of
// Node's fs that npm packages import by name and LLRT lacks: the callback API,
// existsSync/unlink/appendFile/copyFile, and createReadStream/createWriteStream as real
// `stream` Readable/Writable over a FileHandle (formidable writes uploads through
// createWriteStream, for example). Named imports of a missing export would make the
// whole importing module fail to link, so every name is exported even where LLRT lacks
// the feature.
import llrt from 'apiroutes:llrt/fs'
import { Readable, Writable } from 'stream'
import { Buffer } from 'buffer'

export const promises = llrt.promises
export const constants = llrt.constants || promises.constants || { F_OK: 0, R_OK: 4, W_OK: 2, X_OK: 1 }
export const F_OK = constants.F_OK
export const R_OK = constants.R_OK
export const W_OK = constants.W_OK
export const X_OK = constants.X_OK

export const accessSync = llrt.accessSync
export const mkdirSync = llrt.mkdirSync
export const mkdtempSync = llrt.mkdtempSync
export const readdirSync = llrt.readdirSync
export const readFileSync = llrt.readFileSync
export const rmdirSync = llrt.rmdirSync
export const rmSync = llrt.rmSync
export const statSync = llrt.statSync
export const lstatSync = llrt.lstatSync
export const writeFileSync = llrt.writeFileSync
export const chmodSync = llrt.chmodSync
export const renameSync = llrt.renameSync
export const symlinkSync = llrt.symlinkSync

export function existsSync(path) {
  try {
    llrt.accessSync(String(path))
    return true
  } catch {
    return false
  }
}
export function unlinkSync(path) {
  llrt.rmSync(String(path))
}
export function appendFileSync(path, data, options) {
  const previous = existsSync(path) ? llrt.readFileSync(path) : Buffer.alloc(0)
  const encoding = typeof options === 'string' ? options : options && options.encoding
  const added = typeof data === 'string' ? Buffer.from(data, encoding || 'utf8') : Buffer.from(data)
  llrt.writeFileSync(path, Buffer.concat([previous, added]))
}
export function copyFileSync(from, to) {
  llrt.writeFileSync(to, llrt.readFileSync(from))
}
export function realpathSync(path) {
  llrt.accessSync(String(path))
  return String(path)
}
realpathSync.native = realpathSync

// Callback forms: the promise function, its result to `callback(err, value)`.
function callbackify(fn, name) {
  const wrapped = function (...args) {
    const callback = args.pop()
    if (typeof callback !== 'function') {
      const err = new TypeError('The "cb" argument must be of type function. Received ' + typeof callback)
      err.code = 'ERR_INVALID_ARG_TYPE'
      throw err
    }
    fn(...args).then(
      (value) => callback(null, value),
      (err) => callback(err)
    )
  }
  Object.defineProperty(wrapped, 'name', { value: name })
  return wrapped
}
const unlinkAsync = (path) => promises.rm(String(path))
const appendFileAsync = async (path, data, options) => appendFileSync(path, data, options)
const copyFileAsync = async (from, to) => promises.writeFile(to, await promises.readFile(from))
const realpathAsync = async (path) => realpathSync(path)
export const access = callbackify(promises.access, 'access')
export const readFile = callbackify(promises.readFile, 'readFile')
export const writeFile = callbackify(promises.writeFile, 'writeFile')
export const rename = callbackify(promises.rename, 'rename')
export const readdir = callbackify(promises.readdir, 'readdir')
export const mkdir = callbackify(promises.mkdir, 'mkdir')
export const mkdtemp = callbackify(promises.mkdtemp, 'mkdtemp')
export const rm = callbackify(promises.rm, 'rm')
export const rmdir = callbackify(promises.rmdir, 'rmdir')
export const stat = callbackify(promises.stat, 'stat')
export const lstat = callbackify(promises.lstat, 'lstat')
export const chmod = callbackify(promises.chmod, 'chmod')
export const symlink = callbackify(promises.symlink, 'symlink')
export const unlink = callbackify(unlinkAsync, 'unlink')
export const appendFile = callbackify(appendFileAsync, 'appendFile')
export const copyFile = callbackify(copyFileAsync, 'copyFile')
export const realpath = callbackify(realpathAsync, 'realpath')
export function exists(path, callback) {
  promises.access(String(path)).then(
    () => callback(true),
    () => callback(false)
  )
}

// ---------------------------------------------------------------- streams

function streamOptions(options) {
  return typeof options === 'string' ? { encoding: options } : options || {}
}

export class ReadStream extends Readable {
  constructor(path, options) {
    const opts = streamOptions(options)
    super({ highWaterMark: opts.highWaterMark || 64 * 1024, encoding: opts.encoding, signal: opts.signal })
    this.path = String(path)
    this.flags = opts.flags || 'r'
    this.start = opts.start
    this.end = opts.end === undefined ? Infinity : opts.end
    this.pos = this.start || 0
    this.bytesRead = 0
    this.pending = true
    this._handle = null
  }
  _construct(callback) {
    promises.open(this.path, this.flags).then(
      (handle) => {
        this._handle = handle
        this.pending = false
        this.emit('open', 0)
        this.emit('ready')
        callback()
      },
      (err) => callback(err)
    )
  }
  _read(size) {
    const remaining = this.end - this.pos + 1
    const length = Math.min(size, remaining)
    if (length <= 0) {
      this.push(null)
      return
    }
    const buffer = Buffer.alloc(length)
    this._handle.read(buffer, 0, length, this.pos).then(
      (result) => {
        const bytes = result.bytesRead
        if (bytes === 0) {
          this.push(null)
          return
        }
        this.pos += bytes
        this.bytesRead += bytes
        this.push(bytes === length ? buffer : buffer.subarray(0, bytes))
      },
      (err) => this.destroy(err)
    )
  }
  _destroy(err, callback) {
    const handle = this._handle
    this._handle = null
    if (!handle) return callback(err)
    handle.close().then(
      () => callback(err),
      (closeErr) => callback(err || closeErr)
    )
  }
  close(callback) {
    if (typeof callback === 'function') this.once('close', () => callback())
    this.destroy()
  }
}

export class WriteStream extends Writable {
  constructor(path, options) {
    const opts = streamOptions(options)
    super({ highWaterMark: opts.highWaterMark, decodeStrings: true, signal: opts.signal })
    this.path = String(path)
    this.flags = opts.flags || 'w'
    this.bytesWritten = 0
    this.pending = true
    this._handle = null
  }
  _construct(callback) {
    promises.open(this.path, this.flags).then(
      (handle) => {
        this._handle = handle
        this.pending = false
        this.emit('open', 0)
        this.emit('ready')
        callback()
      },
      (err) => callback(err)
    )
  }
  _write(chunk, encoding, callback) {
    this._handle.write(chunk).then(
      () => {
        this.bytesWritten += chunk.length
        callback()
      },
      (err) => callback(err)
    )
  }
  // LLRT's FileHandle writes through tokio, which completes a write before the bytes
  // reach the file; closing waits for them. So 'finish' (what formidable waits for
  // before it reports a file) comes only once the file is complete on disk.
  _final(callback) {
    const handle = this._handle
    this._handle = null
    if (!handle) return callback()
    handle.close().then(
      () => callback(),
      (err) => callback(err)
    )
  }
  _destroy(err, callback) {
    const handle = this._handle
    this._handle = null
    if (!handle) return callback(err)
    handle.close().then(
      () => callback(err),
      (closeErr) => callback(err || closeErr)
    )
  }
  close(callback) {
    if (typeof callback === 'function') this.once('close', () => callback())
    if (this.writableEnded) this.destroy()
    else this.end()
  }
}

export function createReadStream(path, options) {
  return new ReadStream(path, options)
}
export function createWriteStream(path, options) {
  return new WriteStream(path, options)
}

export default {
  ...llrt, promises, constants, F_OK, R_OK, W_OK, X_OK, existsSync, unlinkSync, appendFileSync, copyFileSync,
  realpathSync, access, readFile, writeFile, rename, readdir, mkdir, mkdtemp, rm, rmdir, stat, lstat, chmod, symlink,
  unlink, appendFile, copyFile, realpath, exists, ReadStream, WriteStream, createReadStream, createWriteStream,
}
