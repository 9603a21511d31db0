// `next/headers`: `cookies()`, `headers()` and `draftMode()` of the request being
// handled; the request store lives in js/app_route.js.
const api = globalThis[Symbol.for('apiroutes.next')]

export const cookies = api.cookies
export const headers = api.headers
export const draftMode = api.draftMode
export default { cookies, headers, draftMode }
