// node:sqlite (Node 22's DatabaseSync / StatementSync): opening, exec, prepared statements
// with positional and named parameters, value types, BigInt reads, errors with Node's codes.
// Node 20 has no node:sqlite, so these cases follow Node 22's documentation and tests.
import { test } from '../harness.mjs'
import assert from 'node:assert/strict'
import { DatabaseSync, StatementSync } from 'node:sqlite'
import { mkdtempSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import { tmpdir } from 'node:os'

const fresh = () => new DatabaseSync(':memory:')

test('opens in memory and reports isOpen; close twice throws ERR_INVALID_STATE', () => {
  const db = fresh()
  assert.equal(db.isOpen, true)
  db.close()
  assert.equal(db.isOpen, false)
  assert.throws(() => db.close(), { code: 'ERR_INVALID_STATE', message: 'database is not open' })
  assert.throws(() => db.exec('SELECT 1'), { code: 'ERR_INVALID_STATE' })
})

test('open: false defers opening; open() twice throws', () => {
  const db = new DatabaseSync(':memory:', { open: false })
  assert.equal(db.isOpen, false)
  db.open()
  assert.throws(() => db.open(), { code: 'ERR_INVALID_STATE', message: 'database is already open' })
  db.close()
})

test('a file database is created and keeps its rows across connections', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sqlite-'))
  const file = join(dir, 'a.db')
  const db = new DatabaseSync(file)
  db.exec('CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1), (2);')
  db.close()
  assert.ok(existsSync(file))
  const again = new DatabaseSync(file, { readOnly: true })
  assert.deepEqual(again.prepare('SELECT sum(x) AS s FROM t').get(), { __proto__: null, s: 3 })
  assert.throws(() => again.exec('INSERT INTO t VALUES (3)'), { code: 'ERR_SQLITE_ERROR', errstr: 'attempt to write a readonly database' })
  again.close()
})

test('the path must be a string, Uint8Array or URL', () => {
  assert.throws(() => new DatabaseSync(42), { code: 'ERR_INVALID_ARG_TYPE', name: 'TypeError' })
  assert.throws(() => new DatabaseSync(':memory:', { readOnly: 'yes' }), { code: 'ERR_INVALID_ARG_TYPE' })
  const db = new DatabaseSync(new TextEncoder().encode(':memory:'))
  assert.equal(db.isOpen, true)
})

test('run returns changes and lastInsertRowid', () => {
  const db = fresh()
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)')
  const insert = db.prepare('INSERT INTO t (v) VALUES (?)')
  assert.deepEqual(insert.run('a'), { changes: 1, lastInsertRowid: 1 })
  assert.deepEqual(insert.run('b'), { changes: 1, lastInsertRowid: 2 })
  assert.deepEqual(db.prepare('UPDATE t SET v = ?').run('z'), { changes: 2, lastInsertRowid: 2 })
})

test('all and get return null-prototype rows; get of no row is undefined', () => {
  const db = fresh()
  db.exec("CREATE TABLE t (k TEXT, v INTEGER); INSERT INTO t VALUES ('a', 1), ('b', 2)")
  const rows = db.prepare('SELECT k, v FROM t ORDER BY v').all()
  assert.equal(rows.length, 2)
  assert.equal(Object.getPrototypeOf(rows[0]), null)
  assert.deepEqual({ ...rows[1] }, { k: 'b', v: 2 })
  assert.equal(db.prepare('SELECT * FROM t WHERE v > ?').get(5), undefined)
  assert.deepEqual(db.prepare('SELECT * FROM t WHERE v > ?').all(5), [])
})

test('named parameters bind with their prefix or bare', () => {
  const db = fresh()
  const stmt = db.prepare('SELECT :a AS a, @b AS b, $c AS c')
  assert.deepEqual({ ...stmt.get({ a: 1, b: 2, c: 3 }) }, { a: 1, b: 2, c: 3 })
  assert.deepEqual({ ...stmt.get({ ':a': 1, '@b': 2, $c: 3 }) }, { a: 1, b: 2, c: 3 })
  stmt.setAllowBareNamedParameters(false)
  assert.throws(() => stmt.get({ a: 1 }), { code: 'ERR_INVALID_STATE', message: "Unknown named parameter 'a'" })
})

test('named and anonymous parameters together', () => {
  const db = fresh()
  const stmt = db.prepare('SELECT :x AS x, ? AS y')
  assert.deepEqual({ ...stmt.get({ x: 'named' }, 'anon') }, { x: 'named', y: 'anon' })
})

test('value types round-trip: null, numbers, bigint, strings, bytes', () => {
  const db = fresh()
  const row = db.prepare('SELECT ? AS n, ? AS i, ? AS r, ? AS b, ? AS s, ? AS u').get(null, 7, 1.25, 5n, 'text', new Uint8Array([1, 2]))
  assert.equal(row.n, null)
  assert.equal(row.i, 7)
  assert.equal(row.r, 1.25)
  assert.equal(row.b, 5)
  assert.equal(row.s, 'text')
  assert.ok(row.u instanceof Uint8Array)
  assert.deepEqual([...row.u], [1, 2])
})

test('booleans, undefined and functions cannot be bound; an array is read as named parameters', () => {
  const db = fresh()
  const stmt = db.prepare('SELECT ? AS x')
  for (const value of [true, undefined, () => 1]) {
    assert.throws(() => stmt.get(value), { name: 'TypeError', code: 'ERR_INVALID_ARG_TYPE', message: 'Provided value cannot be bound to SQLite parameter 1.' })
  }
  assert.throws(() => stmt.get([1]), { code: 'ERR_INVALID_STATE', message: "Unknown named parameter '0'" })
})

test('integers past 2^53 throw unless setReadBigInts(true)', () => {
  const db = fresh()
  const stmt = db.prepare('SELECT 9007199254740993 AS big, 1 AS one')
  assert.throws(() => stmt.get(), { name: 'RangeError', code: 'ERR_OUT_OF_RANGE', message: 'Value is too large to be represented as a JavaScript number: 9007199254740993' })
  stmt.setReadBigInts(true)
  const row = stmt.get()
  assert.equal(row.big, 9007199254740993n)
  assert.equal(row.one, 1n)
  assert.throws(() => stmt.setReadBigInts('yes'), { code: 'ERR_INVALID_ARG_TYPE' })
})

test('run with setReadBigInts gives BigInt changes and rowid', () => {
  const db = fresh()
  db.exec('CREATE TABLE t (x)')
  const stmt = db.prepare('INSERT INTO t VALUES (?)')
  stmt.setReadBigInts(true)
  assert.deepEqual(stmt.run(1), { changes: 1n, lastInsertRowid: 1n })
})

test('a syntax error throws at prepare with SQLite code and text', () => {
  const db = fresh()
  assert.throws(() => db.prepare('SELEC 1'), (error) => {
    assert.equal(error.code, 'ERR_SQLITE_ERROR')
    assert.equal(error.errcode, 1)
    assert.equal(error.errstr, 'SQL logic error')
    assert.equal(error.message, 'near "SELEC": syntax error')
    return true
  })
})

test('constraint violations carry the extended code', () => {
  const db = fresh()
  db.exec('CREATE TABLE t (x UNIQUE)')
  const insert = db.prepare('INSERT INTO t VALUES (?)')
  insert.run(1)
  assert.throws(() => insert.run(1), { code: 'ERR_SQLITE_ERROR', errcode: 2067, errstr: 'constraint failed', message: 'UNIQUE constraint failed: t.x' })
})

test('foreign keys are enforced by default and can be turned off', () => {
  const schema = 'CREATE TABLE p (id INTEGER PRIMARY KEY); CREATE TABLE c (p INTEGER REFERENCES p(id));'
  const db = fresh()
  db.exec(schema)
  assert.throws(() => db.exec('INSERT INTO c VALUES (1)'), { errstr: 'constraint failed' })
  const loose = new DatabaseSync(':memory:', { enableForeignKeyConstraints: false })
  loose.exec(schema)
  loose.exec('INSERT INTO c VALUES (1)')
})

test('double-quoted strings are identifiers only, unless enabled', () => {
  assert.throws(() => fresh().prepare('SELECT "nope"'), { code: 'ERR_SQLITE_ERROR', message: /^no such column: "nope"/ })
  const lax = new DatabaseSync(':memory:', { enableDoubleQuotedStringLiterals: true })
  assert.equal(lax.prepare('SELECT "yes" AS v').get().v, 'yes')
})

test('too many anonymous values is a range error', () => {
  assert.throws(() => fresh().prepare('SELECT ?').get(1, 2), { code: 'ERR_SQLITE_ERROR', errstr: 'column index out of range' })
})

test('iterate yields every row', () => {
  const db = fresh()
  db.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1), (2), (3)')
  const seen = []
  for (const row of db.prepare('SELECT x FROM t ORDER BY x').iterate()) seen.push(row.x)
  assert.deepEqual(seen, [1, 2, 3])
})

test('sourceSQL and expandedSQL', () => {
  const db = fresh()
  const stmt = db.prepare('SELECT ? AS a, ? AS b')
  stmt.get(1, 'x')
  assert.equal(stmt.sourceSQL, 'SELECT ? AS a, ? AS b')
  assert.equal(stmt.expandedSQL, "SELECT 1 AS a, 'x' AS b")
})

test('isTransaction follows BEGIN and COMMIT', () => {
  const db = fresh()
  assert.equal(db.isTransaction, false)
  db.exec('BEGIN')
  assert.equal(db.isTransaction, true)
  db.exec('COMMIT')
  assert.equal(db.isTransaction, false)
})

test('StatementSync cannot be constructed directly', () => {
  assert.throws(() => new StatementSync(), { name: 'TypeError', code: 'ERR_ILLEGAL_CONSTRUCTOR', message: 'Illegal constructor' })
})

test('exec and prepare need a string', () => {
  const db = fresh()
  assert.throws(() => db.exec(1), { code: 'ERR_INVALID_ARG_TYPE' })
  assert.throws(() => db.prepare(null), { code: 'ERR_INVALID_ARG_TYPE' })
})

test('bare `sqlite` is not a built-in (as in Node)', async () => {
  await assert.rejects(import('sqlite'), (error) => /sqlite/.test(String(error)))
})
