// Users as a route handler on the built-in store: GET lists, POST creates.
import { sql } from 'apiroutes/sql'
import { EMAIL, isUniqueViolation, jsonObject, problem, type User } from '../../../lib/store'

export async function GET(request: Request): Promise<Response> {
  const limit = Math.min(Number(new URL(request.url).searchParams.get('limit')) || 100, 1000)
  const users = await sql<User[]>`SELECT id, name, email, created_at FROM users ORDER BY id LIMIT ${limit}`
  return Response.json(users)
}

export async function POST(request: Request): Promise<Response> {
  const body = await jsonObject(request)
  if (body === null) return problem(400, 'send a JSON object')
  const { name, email } = body
  if (typeof name !== 'string' || name.trim() === '') return problem(400, 'name must be a non-empty string')
  if (typeof email !== 'string' || !EMAIL.test(email)) return problem(400, 'email must be an email address')
  try {
    const [user] = await sql<User[]>`INSERT INTO users ${sql({ name: name.trim(), email })} RETURNING *`
    return Response.json(user, { status: 201 })
  } catch (error) {
    if (isUniqueViolation(error)) return problem(409, `a user with email ${email} exists`)
    throw error
  }
}
