// POST inserts an item, GET lists 100, on apiroutes' built-in store (DATABASE_URL).
import { sql } from 'apiroutes/sql'

export default async function handler(req, res) {
  if (req.method === 'POST') {
    const [item] = await sql`INSERT INTO items (title, body) VALUES (${req.body.title}, ${req.body.body}) RETURNING id, title, body`
    return res.status(201).json(item)
  }
  res.status(200).json(await sql`SELECT id, title, body FROM items ORDER BY id LIMIT 100`)
}
