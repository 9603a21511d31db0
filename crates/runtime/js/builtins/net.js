// `net`: the address helpers npm packages import from Node's net module (isIP, isIPv4,
// isIPv6, BlockList-free). apiroutes has no raw TCP sockets: connect/createConnection
// and createServer throw a clear error, and Socket exists for `instanceof` checks.
import { EventEmitter } from 'events'

const IPV4_PART = '(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])'
const IPV4 = `(?:${IPV4_PART}\\.){3}${IPV4_PART}`
const IPV4_RE = new RegExp(`^${IPV4}$`)
const H = '(?:[0-9a-fA-F]{1,4})'
const IPV6_RE = new RegExp(
  '^(?:' +
    `(?:${H}:){7}(?:${H}|:)|` +
    `(?:${H}:){6}(?:${IPV4}|:${H}|:)|` +
    `(?:${H}:){5}(?::${IPV4}|(?::${H}){1,2}|:)|` +
    `(?:${H}:){4}(?:(?::${H}){0,1}:${IPV4}|(?::${H}){1,3}|:)|` +
    `(?:${H}:){3}(?:(?::${H}){0,2}:${IPV4}|(?::${H}){1,4}|:)|` +
    `(?:${H}:){2}(?:(?::${H}){0,3}:${IPV4}|(?::${H}){1,5}|:)|` +
    `(?:${H}:){1}(?:(?::${H}){0,4}:${IPV4}|(?::${H}){1,6}|:)|` +
    `(?::(?:(?::${H}){0,5}:${IPV4}|(?::${H}){1,7}|:))` +
    ')(?:%[0-9a-zA-Z-.:]{1,})?$'
)

export function isIPv4(input) {
  return IPV4_RE.test(String(input))
}
export function isIPv6(input) {
  return IPV6_RE.test(String(input))
}
export function isIP(input) {
  if (isIPv4(input)) return 4
  if (isIPv6(input)) return 6
  return 0
}

function unavailable(what) {
  const error = new Error(`net.${what} is not available in apiroutes (no raw TCP sockets)`)
  error.code = 'ERR_NOT_AVAILABLE'
  return error
}

export class Socket extends EventEmitter {
  constructor() {
    super()
    this.connecting = false
    this.destroyed = false
  }
  connect() {
    throw unavailable('Socket.connect')
  }
  setKeepAlive() {
    return this
  }
  setNoDelay() {
    return this
  }
  setTimeout() {
    return this
  }
  destroy() {
    this.destroyed = true
    return this
  }
}
export class Server extends EventEmitter {
  constructor() {
    super()
    throw unavailable('Server')
  }
}
export function connect() {
  throw unavailable('connect')
}
export const createConnection = connect
export function createServer() {
  throw unavailable('createServer')
}
export function getDefaultAutoSelectFamily() {
  return true
}
export function setDefaultAutoSelectFamily() {}
export default {
  isIP, isIPv4, isIPv6, Socket, Server, connect, createConnection, createServer,
  getDefaultAutoSelectFamily, setDefaultAutoSelectFamily,
}
