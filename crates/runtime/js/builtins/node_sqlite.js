// `node:sqlite` as in Node 22: `DatabaseSync` and `StatementSync`, synchronous, over the
// native connections of src/node_sqlite.rs. Rows are null-prototype objects; integers
// past 2^53 throw unless `setReadBigInts(true)`; named parameters bind with or without
// their prefix (`setAllowBareNamedParameters`). `iterate()` reads the rows first and
// then iterates them. Not here: user functions (`db.function`), aggregates, sessions,
// extensions, backups.

import { open as openNative } from 'apiroutes:native/sqlite'
import { fileURLToPath } from 'url'

const kToken = Symbol('StatementSync')

function nodeError(Base, code, message) {
  const error = new Base(message)
  error.code = code
  return error
}

function invalidArgType(name, expected, value) {
  let received
  if (value === null || value === undefined) received = ` Received ${value}`
  else if (typeof value === 'function') received = ` Received function ${value.name}`
  else if (typeof value === 'object') received = ' Received an instance of ' + (value.constructor?.name ?? 'Object')
  else received = ` Received type ${typeof value} (${String(value).slice(0, 25)})`
  return nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', `The "${name}" argument must be ${expected}.${received}`)
}

function notOpen() {
  return nodeError(Error, 'ERR_INVALID_STATE', 'database is not open')
}

function locationOf(location) {
  if (typeof location === 'string') {
    if (!location.includes('\0')) return location
  } else if (location instanceof URL) {
    if (location.protocol === 'file:') return fileURLToPath(location)
  } else if (location instanceof Uint8Array) {
    const text = new TextDecoder().decode(location)
    if (!text.includes('\0')) return text
  }
  throw invalidArgType('path', 'a string, Uint8Array, or URL without null bytes', location)
}

function booleanOption(options, name, fallback) {
  const value = options[name]
  if (value === undefined) return fallback
  if (typeof value !== 'boolean') throw invalidArgType(`options.${name}`, 'of type boolean', value)
  return value
}

export class DatabaseSync {
  #handle = null
  #location
  #options

  constructor(location, options) {
    this.#location = locationOf(location)
    if (options === undefined) options = {}
    if (options === null || typeof options !== 'object') throw invalidArgType('options', 'an object', options)
    this.#options = {
      readOnly: booleanOption(options, 'readOnly', false),
      enableForeignKeyConstraints: booleanOption(options, 'enableForeignKeyConstraints', true),
      enableDoubleQuotedStringLiterals: booleanOption(options, 'enableDoubleQuotedStringLiterals', false),
    }
    booleanOption(options, 'allowExtension', false)
    if (booleanOption(options, 'open', true)) this.open()
  }

  open() {
    if (this.#handle !== null) throw nodeError(Error, 'ERR_INVALID_STATE', 'database is already open')
    const o = this.#options
    this.#handle = openNative(this.#location, o.readOnly, o.enableForeignKeyConstraints, o.enableDoubleQuotedStringLiterals)
  }

  close() {
    if (this.#handle === null) throw notOpen()
    this.#handle.close()
    this.#handle = null
  }

  get isOpen() {
    return this.#handle !== null
  }

  get isTransaction() {
    if (this.#handle === null) throw notOpen()
    return this.#handle.inTransaction()
  }

  exec(sql) {
    if (this.#handle === null) throw notOpen()
    if (typeof sql !== 'string') throw invalidArgType('sql', 'a string', sql)
    this.#handle.exec(sql)
  }

  prepare(sql) {
    if (this.#handle === null) throw notOpen()
    if (typeof sql !== 'string') throw invalidArgType('sql', 'a string', sql)
    this.#handle.prepare(sql)
    return new StatementSync(kToken, this, this.#handle, sql)
  }

  [Symbol.dispose]() {
    if (this.#handle !== null) this.close()
  }
}

export class StatementSync {
  #database
  #handle
  #sql
  #readBigInts = false
  #allowBareNamed = true
  #last = [null, []]

  constructor(token, database, handle, sql) {
    if (token !== kToken) throw nodeError(TypeError, 'ERR_ILLEGAL_CONSTRUCTOR', 'Illegal constructor')
    this.#database = database
    this.#handle = handle
    this.#sql = sql
  }

  #query(mode, args) {
    if (!this.#database.isOpen) throw notOpen()
    let named = null
    let start = 0
    const first = args[0]
    if (first !== null && typeof first === 'object' && !ArrayBuffer.isView(first)) {
      named = first
      start = 1
    }
    const anonymous = args.slice(start)
    this.#last = [named, anonymous]
    return this.#handle.query(this.#sql, named, anonymous, mode, this.#readBigInts, this.#allowBareNamed)
  }

  all(...params) {
    return this.#query('all', params)
  }

  get(...params) {
    return this.#query('get', params)
  }

  run(...params) {
    return this.#query('run', params)
  }

  *iterate(...params) {
    yield* this.#query('all', params)
  }

  get sourceSQL() {
    return this.#sql
  }

  get expandedSQL() {
    if (!this.#database.isOpen) throw notOpen()
    const [named, anonymous] = this.#last
    return this.#handle.query(this.#sql, named, anonymous, 'expand', false, this.#allowBareNamed)
  }

  setReadBigInts(enabled) {
    if (typeof enabled !== 'boolean') throw invalidArgType('readBigInts', 'of type boolean', enabled)
    this.#readBigInts = enabled
  }

  setAllowBareNamedParameters(enabled) {
    if (typeof enabled !== 'boolean') throw invalidArgType('allowBareNamedParameters', 'of type boolean', enabled)
    this.#allowBareNamed = enabled
  }
}

export const constants = {
  SQLITE_CHANGESET_OMIT: 0,
  SQLITE_CHANGESET_REPLACE: 1,
  SQLITE_CHANGESET_ABORT: 2,
}

export default { DatabaseSync, StatementSync, constants }
