// The seed's posts CRUD as an App Router route handler: GET lists, POST creates.
// Other methods get Next's automatic 405 (and OPTIONS its automatic Allow answer).
import { NextResponse, type NextRequest } from 'next/server'
import { addPost, posts } from './store'

export async function GET() {
  return NextResponse.json(posts)
}

export async function POST(request: NextRequest) {
  let data: { title?: unknown; body?: unknown }
  try {
    data = await request.json()
  } catch {
    return NextResponse.json({ error: 'Invalid JSON' }, { status: 400 })
  }
  if (typeof data.title !== 'string' || data.title.length === 0) {
    return NextResponse.json({ error: 'title is required' }, { status: 422 })
  }
  const post = addPost({ title: data.title, body: typeof data.body === 'string' ? data.body : undefined })
  return NextResponse.json(post, { status: 201, headers: { location: `/api/posts/${post.id}` } })
}
