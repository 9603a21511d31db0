// `http2`: what npm packages import from Node's http2 module at load time (constants,
// sensitiveHeaders; axios imports it for its optional HTTP/2 transport). apiroutes
// serves h2c itself but has no HTTP/2 client or server API: connect/createServer throw.
export const constants = {
  NGHTTP2_SESSION_SERVER: 0, NGHTTP2_SESSION_CLIENT: 1,
  NGHTTP2_NO_ERROR: 0, NGHTTP2_PROTOCOL_ERROR: 1, NGHTTP2_INTERNAL_ERROR: 2, NGHTTP2_CANCEL: 8,
  HTTP2_HEADER_STATUS: ':status', HTTP2_HEADER_METHOD: ':method', HTTP2_HEADER_AUTHORITY: ':authority',
  HTTP2_HEADER_SCHEME: ':scheme', HTTP2_HEADER_PATH: ':path', HTTP2_HEADER_PROTOCOL: ':protocol',
  HTTP2_HEADER_CONTENT_TYPE: 'content-type', HTTP2_HEADER_CONTENT_LENGTH: 'content-length',
  HTTP2_HEADER_ACCEPT: 'accept', HTTP2_HEADER_ACCEPT_ENCODING: 'accept-encoding',
  HTTP2_HEADER_AUTHORIZATION: 'authorization', HTTP2_HEADER_COOKIE: 'cookie', HTTP2_HEADER_SET_COOKIE: 'set-cookie',
  HTTP2_HEADER_USER_AGENT: 'user-agent', HTTP2_HEADER_LOCATION: 'location', HTTP2_HEADER_HOST: 'host',
  HTTP2_METHOD_GET: 'GET', HTTP2_METHOD_POST: 'POST', HTTP2_METHOD_PUT: 'PUT', HTTP2_METHOD_DELETE: 'DELETE',
  HTTP2_METHOD_HEAD: 'HEAD', HTTP2_METHOD_OPTIONS: 'OPTIONS', HTTP2_METHOD_PATCH: 'PATCH',
  HTTP_STATUS_OK: 200, HTTP_STATUS_NO_CONTENT: 204, HTTP_STATUS_NOT_FOUND: 404, HTTP_STATUS_INTERNAL_SERVER_ERROR: 500,
}
export const sensitiveHeaders = Symbol('nodejs.http2.sensitiveHeaders')

function unavailable(what) {
  const error = new Error(`http2.${what} is not available in apiroutes`)
  error.code = 'ERR_NOT_AVAILABLE'
  return error
}
export function connect() {
  throw unavailable('connect')
}
export function createServer() {
  throw unavailable('createServer')
}
export function createSecureServer() {
  throw unavailable('createSecureServer')
}
export function getDefaultSettings() {
  return { headerTableSize: 4096, enablePush: true, initialWindowSize: 65535, maxFrameSize: 16384, maxConcurrentStreams: 4294967295, maxHeaderListSize: 65535, enableConnectProtocol: false }
}
export default { constants, sensitiveHeaders, connect, createServer, createSecureServer, getDefaultSettings }
