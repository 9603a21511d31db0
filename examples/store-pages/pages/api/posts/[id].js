// One post: GET reads it, DELETE removes it.
import { sql } from 'apiroutes/sql'
import { methodNotAllowed, parseId } from '../../../lib/http'

export default async function handler(req, res) {
  const id = parseId(req.query.id)
  if (id === null) return res.status(404).json({ error: 'no such post' })
  if (req.method === 'GET') {
    const [post] = await sql`SELECT * FROM posts WHERE id = ${id}`
    return post ? res.status(200).json(post) : res.status(404).json({ error: 'no such post' })
  }
  if (req.method === 'DELETE') {
    const deleted = await sql`DELETE FROM posts WHERE id = ${id}`
    return deleted.count === 0 ? res.status(404).json({ error: 'no such post' }) : res.status(204).end()
  }
  methodNotAllowed(req, res, ['GET', 'DELETE'])
}
