// GET one item by id on apiroutes' built-in store.
import { sql } from 'apiroutes/sql'

export default async function handler(req, res) {
  const [item] = await sql`SELECT id, title, body FROM items WHERE id = ${Number(req.query.id)}`
  if (!item) return res.status(404).json({ error: 'no such item' })
  res.status(200).json(item)
}
