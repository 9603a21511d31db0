// One post: GET reads, PUT replaces the title/body, DELETE removes it.
// `params` is a Promise in Next 15+ route handlers.
import { NextResponse } from 'next/server'
import { notFound } from 'next/navigation'
import { findPost, posts } from '../store'

type Context = { params: Promise<{ id: string }> }

export async function GET(_request: Request, { params }: Context) {
  const { id } = await params
  const post = findPost(id)
  if (!post) notFound()
  return NextResponse.json(post)
}

export async function PUT(request: Request, { params }: Context) {
  const { id } = await params
  const post = findPost(id)
  if (!post) return NextResponse.json({ error: `post ${id} not found` }, { status: 404 })
  const data = await request.json()
  if (typeof data.title === 'string') post.title = data.title
  if (typeof data.body === 'string') post.body = data.body
  return NextResponse.json(post)
}

export async function DELETE(_request: Request, { params }: Context) {
  const { id } = await params
  const index = posts.findIndex((post) => String(post.id) === id)
  if (index === -1) return NextResponse.json({ error: `post ${id} not found` }, { status: 404 })
  posts.splice(index, 1)
  return new Response(null, { status: 204 })
}
