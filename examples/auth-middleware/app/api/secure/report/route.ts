// An App Router route behind the same middleware.
import { headers } from 'next/headers'

export async function GET() {
  const h = await headers()
  return Response.json({ report: 'quarterly', user: h.get('x-user') })
}
