// One post: GET reads it, DELETE removes it.
import { sql } from 'apiroutes/sql'
import { parseId, problem, type Post } from '../../../../lib/store'

type Context = { params: Promise<{ id: string }> }

export async function GET(_request: Request, { params }: Context): Promise<Response> {
  const id = parseId((await params).id)
  const [post] = id === null ? [] : await sql<Post[]>`SELECT * FROM posts WHERE id = ${id}`
  return post ? Response.json(post) : problem(404, 'no such post')
}

export async function DELETE(_request: Request, { params }: Context): Promise<Response> {
  const id = parseId((await params).id)
  const deleted = id === null ? null : await sql`DELETE FROM posts WHERE id = ${id}`
  return deleted && deleted.count > 0 ? new Response(null, { status: 204 }) : problem(404, 'no such post')
}
