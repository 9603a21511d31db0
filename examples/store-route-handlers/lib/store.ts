// The rows of the store and the checks the route handlers share.
import type { SQLiteError } from 'apiroutes/sql'

export interface User {
  id: number
  name: string
  email: string
  created_at: string
}

export interface Post {
  id: number
  user_id: number
  title: string
  body: string
  created_at: string
}

/** A JSON error answer with the given status. */
export function problem(status: number, error: string): Response {
  return Response.json({ error }, { status })
}

/** A positive integer id from a dynamic segment, or null. */
export function parseId(value: string | null | undefined): number | null {
  const id = Number(value)
  return Number.isSafeInteger(id) && id > 0 ? id : null
}

/** The request's JSON object body, or null when it is not one. */
export async function jsonObject(request: Request): Promise<Record<string, unknown> | null> {
  const body: unknown = await request.json().catch(() => null)
  return body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : null
}

/** True when the error is SQLite refusing a duplicate of a UNIQUE column. */
export function isUniqueViolation(error: unknown): error is SQLiteError {
  return (error as SQLiteError)?.code === 'SQLITE_CONSTRAINT_UNIQUE'
}

export const EMAIL = /^[^@\s]+@[^@\s]+$/
