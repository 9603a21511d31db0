// Small helpers the routes share: method dispatch with Next's 405 and input checks.

// Answers 405 with `Allow` for a method the route does not handle, as Next's examples do.
export function methodNotAllowed(req, res, allowed) {
  res.setHeader('Allow', allowed)
  res.status(405).json({ error: `Method ${req.method} Not Allowed` })
}

// A positive integer id from the dynamic segment, or null.
export function parseId(value) {
  const id = Number(value)
  return Number.isSafeInteger(id) && id > 0 ? id : null
}

// The first problem with a user's fields, or null. `partial` allows missing fields (PATCH).
export function userProblem(body, partial = false) {
  if (body === null || typeof body !== 'object') return 'send a JSON object'
  const { name, email } = body
  if (!(partial && name === undefined) && (typeof name !== 'string' || name.trim() === '')) {
    return 'name must be a non-empty string'
  }
  if (!(partial && email === undefined) && (typeof email !== 'string' || !/^[^@\s]+@[^@\s]+$/.test(email))) {
    return 'email must be an email address'
  }
  return null
}
