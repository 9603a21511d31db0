// The store benchmark's database for next start: better-sqlite3 on SQLITE_FILE (WAL,
// synchronous=NORMAL, as apiroutes' built-in store), or a pg Pool of 10 on DATABASE_URL
// (as apiroutes' pool), picked by BENCH_DB.
const postgres = process.env.BENCH_DB === 'postgres'
let pool
let sqlite

function open() {
  if (postgres) {
    if (!pool) {
      const { Pool } = require('pg')
      pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10 })
    }
  } else if (!sqlite) {
    const Database = require('better-sqlite3')
    sqlite = new Database(process.env.SQLITE_FILE)
    sqlite.pragma('journal_mode = WAL')
    sqlite.pragma('synchronous = NORMAL')
    sqlite.statements = {
      insert: sqlite.prepare('INSERT INTO items (title, body) VALUES (?, ?) RETURNING id, title, body'),
      get: sqlite.prepare('SELECT id, title, body FROM items WHERE id = ?'),
      list: sqlite.prepare('SELECT id, title, body FROM items ORDER BY id LIMIT 100'),
    }
  }
}

export async function insertItem(title, body) {
  open()
  if (postgres) {
    const { rows } = await pool.query('INSERT INTO items (title, body) VALUES ($1, $2) RETURNING id, title, body', [title, body])
    return rows[0]
  }
  return sqlite.statements.insert.get(title, body)
}

export async function getItem(id) {
  open()
  if (postgres) return (await pool.query('SELECT id, title, body FROM items WHERE id = $1', [id])).rows[0]
  return sqlite.statements.get.get(id)
}

export async function listItems() {
  open()
  if (postgres) return (await pool.query('SELECT id, title, body FROM items ORDER BY id LIMIT 100')).rows
  return sqlite.statements.list.all()
}
