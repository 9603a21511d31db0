// `next/server`: NextRequest, NextResponse and friends. The classes live in
// js/app_route.js (installed once per worker) so that the dispatcher and user code share
// them; this module only re-exports them.
const api = globalThis[Symbol.for('apiroutes.next')]

export const NextRequest = api.NextRequest
export const NextResponse = api.NextResponse
export const NextURL = api.NextURL
export const userAgent = api.userAgent
export const after = api.after
export const connection = api.connection
export const RequestCookies = api.RequestCookies
export const ResponseCookies = api.ResponseCookies
// Middleware receives a NextFetchEvent as its second argument; the class exists for
// `instanceof` checks and type-only imports that survive transpilation.
export class NextFetchEvent {
  waitUntil() {}
  passThroughOnException() {}
}
export function userAgentFromString(ua) {
  return api.userAgent({ headers: new Headers({ 'user-agent': ua || '' }) })
}
export function unstable_after(task) {
  return api.after(task)
}
export default { NextRequest, NextResponse, NextURL, userAgent, after, connection }
