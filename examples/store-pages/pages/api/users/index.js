// Seed 000's users route on the built-in store: GET lists, POST creates.
import { sql } from 'apiroutes/sql'
import { methodNotAllowed, userProblem } from '../../../lib/http'

export default async function handler(req, res) {
  if (req.method === 'GET') {
    const limit = Math.min(Number(req.query.limit) || 100, 1000)
    const users = await sql`SELECT id, name, email, created_at FROM users ORDER BY id LIMIT ${limit}`
    return res.status(200).json(users)
  }
  if (req.method === 'POST') {
    const problem = userProblem(req.body)
    if (problem) return res.status(400).json({ error: problem })
    const { name, email } = req.body
    try {
      const [user] = await sql`INSERT INTO users ${sql({ name: name.trim(), email })} RETURNING *`
      return res.status(201).json(user)
    } catch (error) {
      if (error.code === 'SQLITE_CONSTRAINT_UNIQUE') {
        return res.status(409).json({ error: `a user with email ${email} exists` })
      }
      throw error
    }
  }
  methodNotAllowed(req, res, ['GET', 'POST'])
}
