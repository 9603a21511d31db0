// The seed's authentication idea as root middleware: every request under /api/secure
// needs `Authorization: Bearer my-secret-token`; others never reach the handlers.
import { NextResponse, type NextRequest } from 'next/server'

export function middleware(request: NextRequest) {
  if (request.headers.get('authorization') !== 'Bearer my-secret-token') {
    return NextResponse.json({ message: 'Unauthorized' }, { status: 401, headers: { 'www-authenticate': 'Bearer' } })
  }
  // Tell the handlers who is calling, through a request header only middleware can set.
  const headers = new Headers(request.headers)
  headers.set('x-user', 'token-holder')
  const response = NextResponse.next({ request: { headers } })
  response.headers.set('x-auth', 'ok')
  return response
}

export const config = {
  matcher: '/api/secure/:path*',
}
