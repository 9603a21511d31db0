// `next/navigation` for route handlers: `redirect()`, `permanentRedirect()`,
// `notFound()`, `forbidden()` and `unauthorized()` throw Next's control-flow errors,
// which the route dispatcher in js/app_route.js turns into 307/308/404/403/401.
const api = globalThis[Symbol.for('apiroutes.next')]

export const redirect = api.redirect
export const permanentRedirect = api.permanentRedirect
export const notFound = api.notFound
export const forbidden = api.forbidden
export const unauthorized = api.unauthorized
export const RedirectType = { push: 'push', replace: 'replace' }
export default { redirect, permanentRedirect, notFound, forbidden, unauthorized, RedirectType }
