// `http`: the parts of Node's http module that handler code and npm packages use: status
// texts, the method list, Agent, and the client (`request`/`get`, over fetch: see
// http_client.js). apiroutes owns the server, so there is no createServer.
import { ClientRequest, makeRequest, makeGet, setStatusCodes } from 'apiroutes:http-client'
export const STATUS_CODES = {
  100: 'Continue', 101: 'Switching Protocols', 102: 'Processing', 103: 'Early Hints',
  200: 'OK', 201: 'Created', 202: 'Accepted', 203: 'Non-Authoritative Information', 204: 'No Content',
  205: 'Reset Content', 206: 'Partial Content', 207: 'Multi-Status', 208: 'Already Reported', 226: 'IM Used',
  300: 'Multiple Choices', 301: 'Moved Permanently', 302: 'Found', 303: 'See Other', 304: 'Not Modified',
  305: 'Use Proxy', 307: 'Temporary Redirect', 308: 'Permanent Redirect',
  400: 'Bad Request', 401: 'Unauthorized', 402: 'Payment Required', 403: 'Forbidden', 404: 'Not Found',
  405: 'Method Not Allowed', 406: 'Not Acceptable', 407: 'Proxy Authentication Required', 408: 'Request Timeout',
  409: 'Conflict', 410: 'Gone', 411: 'Length Required', 412: 'Precondition Failed', 413: 'Payload Too Large',
  414: 'URI Too Long', 415: 'Unsupported Media Type', 416: 'Range Not Satisfiable', 417: 'Expectation Failed',
  418: "I'm a Teapot", 421: 'Misdirected Request', 422: 'Unprocessable Entity', 423: 'Locked',
  424: 'Failed Dependency', 425: 'Too Early', 426: 'Upgrade Required', 428: 'Precondition Required',
  429: 'Too Many Requests', 431: 'Request Header Fields Too Large', 451: 'Unavailable For Legal Reasons',
  500: 'Internal Server Error', 501: 'Not Implemented', 502: 'Bad Gateway', 503: 'Service Unavailable',
  504: 'Gateway Timeout', 505: 'HTTP Version Not Supported', 506: 'Variant Also Negotiates',
  507: 'Insufficient Storage', 508: 'Loop Detected', 509: 'Bandwidth Limit Exceeded', 510: 'Not Extended',
  511: 'Network Authentication Required',
}
export const METHODS = [
  'ACL', 'BIND', 'CHECKOUT', 'CONNECT', 'COPY', 'DELETE', 'GET', 'HEAD', 'LINK', 'LOCK', 'M-SEARCH', 'MERGE',
  'MKACTIVITY', 'MKCALENDAR', 'MKCOL', 'MOVE', 'NOTIFY', 'OPTIONS', 'PATCH', 'POST', 'PROPFIND', 'PROPPATCH',
  'PURGE', 'PUT', 'QUERY', 'REBIND', 'REPORT', 'SEARCH', 'SOURCE', 'SUBSCRIBE', 'TRACE', 'UNBIND', 'UNLINK',
  'UNLOCK', 'UNSUBSCRIBE',
]
const pages = globalThis[Symbol.for('apiroutes.pages')]
export const IncomingMessage = pages ? pages.IncomingMessage : class IncomingMessage {}
export const ServerResponse = pages ? pages.ServerResponse : class ServerResponse {}
export function createServer() {
  throw new Error('http.createServer is not available: apiroutes serves the project itself')
}
setStatusCodes(STATUS_CODES)
export const Agent = pages.Agent
export const globalAgent = new Agent({ keepAlive: true, scheduling: 'lifo', timeout: 5000 })
export const request = makeRequest('http:')
export const get = makeGet('http:')
export const maxHeaderSize = 16384
export { ClientRequest }
export function validateHeaderName(name) {
  if (typeof name !== 'string' || !/^[\^_`a-zA-Z\-0-9!#$%&'*+.|~]+$/.test(name)) {
    const error = new TypeError(`Header name must be a valid HTTP token ["${name}"]`)
    error.code = 'ERR_INVALID_HTTP_TOKEN'
    throw error
  }
}
export function validateHeaderValue(name, value) {
  if (value === undefined) {
    const error = new TypeError(`Invalid value "${value}" for header "${name}"`)
    error.code = 'ERR_HTTP_INVALID_HEADER_VALUE'
    throw error
  }
  if (/[^\t\x20-\x7e\x80-\xff]/.test(String(value))) {
    const error = new TypeError(`Invalid character in header content ["${name}"]`)
    error.code = 'ERR_INVALID_CHAR'
    throw error
  }
}
export default {
  STATUS_CODES, METHODS, IncomingMessage, ServerResponse, createServer, Agent, globalAgent, request, get,
  ClientRequest, maxHeaderSize, validateHeaderName, validateHeaderValue,
}
