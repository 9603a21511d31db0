// One user: GET reads it with its posts, PATCH changes fields, DELETE removes it (and, by
// the foreign key, its posts).
import { sql } from 'apiroutes/sql'
import { EMAIL, isUniqueViolation, jsonObject, parseId, problem, type Post, type User } from '../../../../lib/store'

type Context = { params: Promise<{ id: string }> }

export async function GET(_request: Request, { params }: Context): Promise<Response> {
  const id = parseId((await params).id)
  const [user] = id === null ? [] : await sql<User[]>`SELECT * FROM users WHERE id = ${id}`
  if (!user) return problem(404, 'no such user')
  const posts = await sql<Pick<Post, 'id' | 'title' | 'created_at'>[]>`
    SELECT id, title, created_at FROM posts WHERE user_id = ${user.id} ORDER BY id`
  return Response.json({ ...user, posts })
}

export async function PATCH(request: Request, { params }: Context): Promise<Response> {
  const id = parseId((await params).id)
  if (id === null) return problem(404, 'no such user')
  const body = await jsonObject(request)
  if (body === null) return problem(400, 'send a JSON object')
  const changes: Partial<Pick<User, 'name' | 'email'>> = {}
  if (body.name !== undefined) {
    if (typeof body.name !== 'string' || body.name.trim() === '') return problem(400, 'name must be a non-empty string')
    changes.name = body.name.trim()
  }
  if (body.email !== undefined) {
    if (typeof body.email !== 'string' || !EMAIL.test(body.email)) return problem(400, 'email must be an email address')
    changes.email = body.email
  }
  if (Object.keys(changes).length === 0) return problem(400, 'nothing to change')
  try {
    const [user] = await sql<User[]>`UPDATE users SET ${sql(changes)} WHERE id = ${id} RETURNING *`
    return user ? Response.json(user) : problem(404, 'no such user')
  } catch (error) {
    if (isUniqueViolation(error)) return problem(409, 'email taken')
    throw error
  }
}

export async function DELETE(_request: Request, { params }: Context): Promise<Response> {
  const id = parseId((await params).id)
  const deleted = id === null ? null : await sql`DELETE FROM users WHERE id = ${id}`
  return deleted && deleted.count > 0 ? new Response(null, { status: 204 }) : problem(404, 'no such user')
}
