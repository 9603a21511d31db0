// Posts as a route handler: GET lists (newest first, `?user=ID` to filter, `?before=ID`
// to page), POST creates a post for a user in one transaction.
import { sql } from 'apiroutes/sql'
import { jsonObject, parseId, problem, type Post } from '../../../lib/store'

type Listed = Omit<Post, 'user_id'> & { author: string }

export async function GET(request: Request): Promise<Response> {
  const query = new URL(request.url).searchParams
  const user = parseId(query.get('user'))
  const before = parseId(query.get('before'))
  const posts = await sql<Listed[]>`
    SELECT posts.id, posts.title, posts.body, posts.created_at, users.name AS author
    FROM posts JOIN users ON users.id = posts.user_id
    WHERE 1 = 1
      ${user === null ? sql`` : sql`AND posts.user_id = ${user}`}
      ${before === null ? sql`` : sql`AND posts.id < ${before}`}
    ORDER BY posts.id DESC
    LIMIT 50`
  return Response.json(posts)
}

export async function POST(request: Request): Promise<Response> {
  const body = await jsonObject(request)
  if (body === null) return problem(400, 'send a JSON object')
  const userId = parseId(String(body.userId))
  const { title, body: text = '' } = body
  if (userId === null) return problem(400, 'userId must be a user id')
  if (typeof title !== 'string' || title.trim() === '') return problem(400, 'title must be a non-empty string')
  if (typeof text !== 'string') return problem(400, 'body must be a string')
  const post = await sql.begin(async (tx) => {
    const [author] = await tx`SELECT id FROM users WHERE id = ${userId}`
    if (!author) return null
    const [created] = await tx<Post[]>`INSERT INTO posts ${sql({ user_id: userId, title: title.trim(), body: text })} RETURNING *`
    return created
  })
  return post ? Response.json(post, { status: 201 }) : problem(404, 'no such user')
}
