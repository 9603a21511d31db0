// In-memory storage shared by the two route files, as in the seed's pages/api/posts.js.
// Each apiroutes worker has its own copy: run with `--workers 1` to see one list.
export type Post = { id: number; title: string; body?: string }

export const posts: Post[] = []
let nextId = 1

export function addPost(data: Omit<Post, 'id'>): Post {
  const post = { ...data, id: nextId++ }
  posts.push(post)
  return post
}

export function findPost(id: string): Post | undefined {
  return posts.find((post) => String(post.id) === id)
}
