// One user: GET reads it with its posts, PATCH changes fields, DELETE removes it (and, by
// the foreign key, its posts).
import { sql } from 'apiroutes/sql'
import { methodNotAllowed, parseId, userProblem } from '../../../lib/http'

export default async function handler(req, res) {
  const id = parseId(req.query.id)
  if (id === null) return res.status(404).json({ error: 'no such user' })

  if (req.method === 'GET') {
    const [user] = await sql`SELECT id, name, email, created_at FROM users WHERE id = ${id}`
    if (!user) return res.status(404).json({ error: 'no such user' })
    user.posts = await sql`SELECT id, title, created_at FROM posts WHERE user_id = ${id} ORDER BY id`
    return res.status(200).json(user)
  }
  if (req.method === 'PATCH') {
    const problem = userProblem(req.body, true)
    if (problem) return res.status(400).json({ error: problem })
    const changes = {}
    if (req.body.name !== undefined) changes.name = req.body.name.trim()
    if (req.body.email !== undefined) changes.email = req.body.email
    if (Object.keys(changes).length === 0) return res.status(400).json({ error: 'nothing to change' })
    try {
      const [user] = await sql`UPDATE users SET ${sql(changes)} WHERE id = ${id} RETURNING *`
      if (!user) return res.status(404).json({ error: 'no such user' })
      return res.status(200).json(user)
    } catch (error) {
      if (error.code === 'SQLITE_CONSTRAINT_UNIQUE') return res.status(409).json({ error: 'email taken' })
      throw error
    }
  }
  if (req.method === 'DELETE') {
    const deleted = await sql`DELETE FROM users WHERE id = ${id}`
    if (deleted.count === 0) return res.status(404).json({ error: 'no such user' })
    return res.status(204).end()
  }
  methodNotAllowed(req, res, ['GET', 'PATCH', 'DELETE'])
}
