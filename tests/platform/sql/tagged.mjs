// apiroutes/sql on an in-memory SQLite: the tagged template binds values (never splices
// them), helpers for inserts, updates and IN lists, transactions and savepoints, errors.
import { test } from '../harness.mjs'
import assert from 'node:assert/strict'
import { SQL } from 'apiroutes/sql'
import defaultSql, { sql as namedSql } from 'apiroutes:sql'

const sql = new SQL('sqlite::memory:')
// (No top-level await: the harness starts its cases on the first timer tick.)

test('a table is created', async () => {
  const result = await sql`CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, age INTEGER, meta TEXT)`
  assert.equal(result.command, 'CREATE')
  assert.equal(result.length, 0)
})

test('the module has a default client, the same under both names', () => {
  assert.equal(typeof defaultSql, 'function')
  assert.equal(defaultSql, namedSql)
  assert.equal(defaultSql.dialect, 'sqlite')
})

test('values are bound, so quotes in them are just data', async () => {
  const name = "Robert'); DROP TABLE users;--"
  await sql`INSERT INTO users (name, age) VALUES (${name}, ${30})`
  const [row] = await sql`SELECT name, age FROM users WHERE name = ${name}`
  assert.deepEqual(row, { name, age: 30 })
  const [{ n }] = await sql`SELECT count(*) AS n FROM users`
  assert.equal(n, 1)
})

test('insert helper with one object, many objects, and picked columns', async () => {
  const one = await sql`INSERT INTO users ${sql({ name: 'ada', age: 36 })}`
  assert.equal(one.count, 1)
  assert.equal(one.command, 'INSERT')
  assert.equal(typeof one.lastInsertRowid, 'number')
  await sql`INSERT INTO users ${sql([{ name: 'bob', age: 20 }, { name: 'cy', age: 40 }])}`
  await sql`INSERT INTO users ${sql({ name: 'dee', age: 50, ignored: 'x' }, 'name', 'age')}`
  const rows = await sql`SELECT name FROM users WHERE name IN ${sql(['ada', 'bob', 'cy', 'dee'])} ORDER BY name`
  assert.deepEqual(rows.map((r) => r.name), ['ada', 'bob', 'cy', 'dee'])
  assert.equal(rows.count, 4)
})

test('update helper after SET', async () => {
  await sql`UPDATE users SET ${sql({ age: 37, meta: { admin: true } })} WHERE name = ${'ada'}`
  const [row] = await sql`SELECT age, meta FROM users WHERE name = 'ada'`
  assert.deepEqual(row, { age: 37, meta: '{"admin":true}' })
})

test('identifiers are escaped', async () => {
  const rows = await sql`SELECT ${sql('name')} FROM ${sql('users')} WHERE name = 'ada'`
  assert.deepEqual(rows, [{ name: 'ada' }])
})

test('fragments compose and number their placeholders in order', async () => {
  const older = (age) => sql`age > ${age}`
  const rows = await sql`SELECT name FROM users WHERE ${older(35)} AND name <> ${'cy'} ORDER BY name`
  assert.deepEqual(rows.map((r) => r.name), ['ada', 'dee'])
})

test('values() gives rows as arrays', async () => {
  const rows = await sql`SELECT name, age FROM users WHERE name = ${'bob'}`.values()
  assert.deepEqual(rows, [['bob', 20]])
})

test('a query is lazy: nothing runs until it is awaited', async () => {
  const pending = sql`INSERT INTO users (name) VALUES (${'lazy'})`
  const [{ n }] = await sql`SELECT count(*) AS n FROM users WHERE name = 'lazy'`
  assert.equal(n, 0)
  await pending
  const [{ m }] = await sql`SELECT count(*) AS m FROM users WHERE name = 'lazy'`
  assert.equal(m, 1)
})

test('errors carry the database message and code', async () => {
  await assert.rejects(sql`INSERT INTO users (name) VALUES (${'ada'})`, {
    name: 'SQLiteError',
    code: 'SQLITE_CONSTRAINT_UNIQUE',
    errno: 2067,
    message: 'UNIQUE constraint failed: users.name',
  })
  await assert.rejects(sql`SELECT * FROM nowhere`, { code: 'SQLITE_ERROR', message: 'no such table: nowhere' })
  await assert.rejects(sql`SELEC 1`, { message: 'near "SELEC": syntax error' })
})

test('a value SQL cannot hold is a TypeError', async () => {
  await assert.rejects(sql`SELECT ${() => 1} AS f`, { name: 'TypeError' })
  await assert.rejects(sql`SELECT ${Symbol('s')} AS f`, { name: 'TypeError' })
})

test('integers past 2^53 come back as BigInt, BLOBs as Uint8Array', async () => {
  const [row] = await sql`SELECT ${2n ** 62n} AS big, ${new Uint8Array([9, 8])} AS bytes, ${Buffer.from('hi')} AS buf`
  assert.equal(row.big, 2n ** 62n)
  assert.ok(row.bytes instanceof Uint8Array)
  assert.deepEqual([...row.bytes], [9, 8])
  assert.equal(new TextDecoder().decode(row.buf), 'hi')
})

test('begin commits what the function did', async () => {
  const result = await sql.begin(async (tx) => {
    await tx`INSERT INTO users (name) VALUES (${'tx1'})`
    const [{ n }] = await tx`SELECT count(*) AS n FROM users WHERE name = 'tx1'`
    return n
  })
  assert.equal(result, 1)
  assert.equal((await sql`SELECT * FROM users WHERE name = 'tx1'`).length, 1)
})

test('begin rolls back on a throw and rethrows it', async () => {
  await assert.rejects(
    sql.begin(async (tx) => {
      await tx`INSERT INTO users (name) VALUES (${'tx2'})`
      throw new Error('boom')
    }),
    { message: 'boom' },
  )
  assert.equal((await sql`SELECT * FROM users WHERE name = 'tx2'`).length, 0)
})

test('begin rolls back when a statement of it fails', async () => {
  await assert.rejects(
    sql.begin(async (tx) => {
      await tx`INSERT INTO users (name) VALUES (${'tx3'})`
      await tx`INSERT INTO users (name) VALUES (${'ada'})`
    }),
    { code: 'SQLITE_CONSTRAINT_UNIQUE' },
  )
  assert.equal((await sql`SELECT * FROM users WHERE name = 'tx3'`).length, 0)
})

test('a transaction function may return an array of queries', async () => {
  const [a, b] = await sql.begin((tx) => [tx`SELECT 1 AS one`, tx`SELECT 2 AS two`])
  assert.deepEqual([a[0], b[0]], [{ one: 1 }, { two: 2 }])
})

test('savepoints roll back only their part', async () => {
  await sql.begin(async (tx) => {
    await tx`INSERT INTO users (name) VALUES (${'outer'})`
    await assert.rejects(
      tx.savepoint(async (sp) => {
        await sp`INSERT INTO users (name) VALUES (${'inner'})`
        throw new Error('inner fails')
      }),
      { message: 'inner fails' },
    )
  })
  const names = (await sql`SELECT name FROM users WHERE name IN ('outer', 'inner')`).map((r) => r.name)
  assert.deepEqual(names, ['outer'])
})

test('a transaction that ended cannot be used', async () => {
  let leaked
  await sql.begin(async (tx) => {
    leaked = tx
  })
  await assert.rejects(leaked`SELECT 1`, { message: 'the transaction has already ended' })
})

test('unsafe takes text and parameters as they are', async () => {
  const rows = await sql.unsafe('SELECT name FROM users WHERE name = $1 OR name = ?2 ORDER BY name', ['bob', 'cy'])
  assert.deepEqual(rows.map((r) => r.name), ['bob', 'cy'])
  await sql.unsafe('CREATE TABLE scratch (x); INSERT INTO scratch VALUES (1); INSERT INTO scratch VALUES (2);')
  const [{ s }] = await sql.unsafe('SELECT sum(x) AS s FROM scratch')
  assert.equal(s, 3)
  await assert.rejects(sql.unsafe('SELECT 1; SELECT ?', [1]), { message: /several statements/ })
})

test('new SQL rejects a URL it does not know', () => {
  assert.throws(() => new SQL('mysql://localhost/db'), { name: 'TypeError', message: /not a database URL/ })
})

test('a postgres URL connects on first use; a server that is down rejects with the password hidden', async () => {
  // Port 1 on loopback: nothing listens there, the connection is refused.
  const pg = new SQL('postgres://user:secret@127.0.0.1:1/db?sslmode=disable')
  assert.equal(pg.dialect, 'postgres')
  await assert.rejects(pg`SELECT 1`, (error) => {
    assert.equal(error.name, 'PostgresError')
    assert.equal(error.code, 'ERR_POSTGRES_CONNECTION_FAILED')
    assert.match(error.message, /postgres:\/\/user:\*\*\*@127\.0\.0\.1:1\/db/)
    assert.doesNotMatch(error.message, /secret/)
    return true
  })
})
