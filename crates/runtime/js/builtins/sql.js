// `apiroutes/sql` (also `apiroutes:sql`): the built-in SQL store as a tagged template,
// shaped like Bun's `SQL` and the `postgres` package where they agree.
//
//   import { sql, SQL } from 'apiroutes/sql'
//   const rows = await sql`SELECT * FROM users WHERE id = ${id}`      // values are bound
//   await sql`INSERT INTO users ${sql({ name, email })}`              // insert helper
//   await sql`UPDATE users SET ${sql(changes, 'name')} WHERE id = ${id}`
//   await sql`SELECT * FROM users WHERE id IN ${sql([1, 2, 3])}`
//   await sql.begin(async tx => { await tx`...`; await tx`...` })     // rolled back on throw
//   await sql.unsafe('SELECT * FROM users WHERE id = $1', [id])
//   const other = new SQL('sqlite:other.db')
//
// A query is lazy: it runs when awaited (or `.then`/`.execute()`), so a query written
// inside another template is a fragment of it. Results are arrays of row objects with
// `count`, `command` and `lastInsertRowid`; `.values()` gives rows as arrays.
// The statements run in src/sql.rs, off the JavaScript thread.

const natives = globalThis[Symbol.for('apiroutes.sql')]

function isTemplate(strings) {
  return Array.isArray(strings) && Array.isArray(strings.raw)
}

// Parameter values as the database takes them: Dates as ISO strings, plain objects as
// JSON; arrays as JSON text for SQLite and as array literals (`{1,2}`) for Postgres, as
// postgres.js sends them; bytes, numbers, BigInts, strings, booleans and null as they are.
function normalize(value, dialect) {
  if (value === undefined || value === null) return null
  if (value instanceof Date) return value.toISOString()
  if (typeof value === 'object') {
    if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return value
    if (Array.isArray(value) && dialect === 'postgres') return arrayLiteral(value)
    if (typeof value.toJSON === 'function') return normalize(value.toJSON(), dialect)
    return JSON.stringify(value)
  }
  return value
}

function arrayLiteral(values) {
  const items = values.map((value) => {
    if (value === undefined || value === null) return 'NULL'
    if (Array.isArray(value)) return arrayLiteral(value)
    const text = String(normalize(value, 'sqlite'))
    return '"' + text.replace(/\\/g, '\\\\').replace(/"/g, '\\"') + '"'
  })
  return '{' + items.join(',') + '}'
}

function escapeIdentifier(name) {
  return '"' + String(name).replace(/"/g, '""') + '"'
}

// `sql(value, ...columns)` outside a template position: rendered by where it is used.
class Helper {
  constructor(value, columns) {
    this.value = value
    this.columns = columns
  }
}

class Query {
  #client
  #strings
  #values
  #text
  #params
  #arrays = false
  #promise = null

  constructor(client, strings, values, text, params) {
    this.#client = client
    this.#strings = strings
    this.#values = values
    this.#text = text
    this.#params = params
  }

  // The text and parameters this query sends, with placeholders numbered from `state`.
  render(state) {
    if (this.#strings === null) {
      if (this.#params.length > 0 && state.params.length > 0) {
        throw new TypeError('sql.unsafe() with parameters cannot be nested in another query')
      }
      state.text += this.#text
      for (const value of this.#params) state.params.push(normalize(value, state.dialect))
      return
    }
    const strings = this.#strings
    state.text += strings[0]
    for (let i = 0; i < this.#values.length; i++) {
      renderValue(state, this.#values[i])
      state.text += strings[i + 1]
    }
  }

  #run() {
    if (this.#promise === null) {
      const state = { text: '', params: [], dialect: this.#client.dialect }
      try {
        this.render(state)
        this.#promise = natives.query(
          this.#client.key,
          state.text,
          state.params,
          this.#client.transaction,
          this.#arrays,
        )
      } catch (error) {
        this.#promise = Promise.reject(error)
      }
    }
    return this.#promise
  }

  // Rows as arrays of values instead of objects.
  values() {
    this.#arrays = true
    return this
  }

  // Sends the query now rather than when first awaited.
  execute() {
    this.#run()
    return this
  }

  then(onFulfilled, onRejected) {
    return this.#run().then(onFulfilled, onRejected)
  }

  catch(onRejected) {
    return this.#run().catch(onRejected)
  }

  finally(onFinally) {
    return this.#run().finally(onFinally)
  }

  get [Symbol.toStringTag]() {
    return 'Query'
  }
}

function placeholder(state, value) {
  state.params.push(normalize(value, state.dialect))
  return (state.dialect === 'postgres' ? '$' : '?') + state.params.length
}

function renderValue(state, value) {
  if (value instanceof Query) {
    value.render(state)
  } else if (value instanceof Helper) {
    renderHelper(state, value)
  } else {
    state.text += placeholder(state, value)
  }
}

function list(state, values) {
  return '(' + values.map((v) => placeholder(state, v)).join(', ') + ')'
}

function renderHelper(state, { value, columns }) {
  const before = state.text.trimEnd().toLowerCase()
  if (typeof value === 'string') {
    state.text += [value, ...columns].map(escapeIdentifier).join(', ')
    return
  }
  const rows = Array.isArray(value) ? value : [value]
  const objects = rows.length > 0 && rows.every((row) => row !== null && typeof row === 'object' && !(row instanceof Date) && !ArrayBuffer.isView(row))
  if (!objects || /\bin$/.test(before)) {
    if (rows.length === 0) throw new TypeError('sql(): an IN list needs at least one value')
    if (!/\bin$/.test(before) && rows.every((v) => typeof v === 'string')) {
      state.text += rows.map(escapeIdentifier).join(', ')
      return
    }
    state.text += list(state, rows)
    return
  }
  const names = columns.length > 0 ? columns.flat() : Object.keys(rows[0])
  if (names.length === 0) throw new TypeError('sql(): the object has no columns')
  if (/\bset$/.test(before)) {
    const row = rows[0]
    state.text += names.map((name) => escapeIdentifier(name) + ' = ' + placeholder(state, row[name])).join(', ')
    return
  }
  state.text +=
    '(' + names.map(escapeIdentifier).join(', ') + ') VALUES ' +
    rows.map((row) => list(state, names.map((name) => row[name]))).join(', ')
}

let savepoints = 0

function createClient(key, transaction) {
  const client = { key, transaction, dialect: natives.dialect(key) }

  function sql(strings, ...values) {
    if (isTemplate(strings)) return new Query(client, strings, values, null, null)
    return new Helper(strings, values)
  }

  sql.unsafe = (text, params = []) => {
    if (typeof text !== 'string') throw new TypeError('sql.unsafe(text, params): text must be a string')
    if (!Array.isArray(params)) throw new TypeError('sql.unsafe(text, params): params must be an array')
    return new Query(client, null, null, text, params)
  }

  // `sql.begin([options,] async tx => ...)`: one connection, committed when the function
  // settles, rolled back when it throws or rejects (and the error rethrown). Inside a
  // transaction it nests as a savepoint.
  sql.begin = async (options, fn) => {
    if (typeof options === 'function') fn = options
    if (typeof fn !== 'function') throw new TypeError('sql.begin(fn): fn must be a function')
    if (transaction !== undefined) return sql.savepoint(fn)
    const id = await natives.begin(key)
    const tx = createClient(key, id)
    let result
    try {
      result = await fn(tx)
      if (Array.isArray(result)) result = await Promise.all(result)
    } catch (error) {
      await natives.end(key, id, false).catch(() => {})
      throw error
    }
    await natives.end(key, id, true)
    return result
  }
  sql.transaction = sql.begin

  sql.savepoint = async (name, fn) => {
    if (typeof name === 'function') fn = name
    if (transaction === undefined) throw new TypeError('sql.savepoint() is only available inside sql.begin()')
    const point = 'apiroutes_sp' + ++savepoints
    await sql.unsafe('SAVEPOINT ' + point)
    try {
      const result = await fn(sql)
      await sql.unsafe('RELEASE SAVEPOINT ' + point)
      return result
    } catch (error) {
      await sql.unsafe('ROLLBACK TO SAVEPOINT ' + point)
      await sql.unsafe('RELEASE SAVEPOINT ' + point)
      throw error
    }
  }

  // The pool is shared by the whole process and lives as long as it: closing a client
  // is accepted and does nothing.
  sql.close = async () => {}
  sql.end = sql.close
  Object.defineProperty(sql, 'dialect', { value: client.dialect, enumerable: true })
  return sql
}

// `new SQL(url)`: a client for another database (`sqlite:PATH`, `sqlite::memory:`,
// `postgres://...`); without a URL, the project's own (`DATABASE_URL`).
export class SQL {
  constructor(url) {
    if (url !== undefined && url !== null && typeof url === 'object' && url.url !== undefined) url = url.url
    if (url === undefined || url === null || url === '') return createClient('', undefined)
    return createClient(natives.open(String(url)), undefined)
  }
}

export const sql = createClient('', undefined)
export default sql
