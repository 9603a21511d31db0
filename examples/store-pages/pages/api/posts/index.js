// Seed 001's posts route on the built-in store: GET lists (newest first, `?user=ID` to
// filter, `?before=ID` to page), POST creates a post for a user in one transaction.
import { sql } from 'apiroutes/sql'
import { methodNotAllowed, parseId } from '../../../lib/http'

export default async function handler(req, res) {
  if (req.method === 'GET') {
    const user = parseId(req.query.user)
    const before = parseId(req.query.before)
    const posts = await sql`
      SELECT posts.id, posts.title, posts.body, posts.created_at, users.name AS author
      FROM posts JOIN users ON users.id = posts.user_id
      WHERE 1 = 1
        ${user === null ? sql`` : sql`AND posts.user_id = ${user}`}
        ${before === null ? sql`` : sql`AND posts.id < ${before}`}
      ORDER BY posts.id DESC
      LIMIT 50`
    return res.status(200).json(posts)
  }
  if (req.method === 'POST') {
    const { userId, title, body = '' } = req.body ?? {}
    if (parseId(userId) === null) return res.status(400).json({ error: 'userId must be a user id' })
    if (typeof title !== 'string' || title.trim() === '') return res.status(400).json({ error: 'title must be a non-empty string' })
    if (typeof body !== 'string') return res.status(400).json({ error: 'body must be a string' })
    const post = await sql.begin(async (tx) => {
      const [author] = await tx`SELECT id FROM users WHERE id = ${userId}`
      if (!author) return null
      const [created] = await tx`INSERT INTO posts ${sql({ user_id: userId, title: title.trim(), body })} RETURNING *`
      return created
    })
    if (post === null) return res.status(404).json({ error: 'no such user' })
    return res.status(201).json(post)
  }
  methodNotAllowed(req, res, ['GET', 'POST'])
}
