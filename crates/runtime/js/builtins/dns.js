// `dns`: Node 20's `lookup` (getaddrinfo, on tokio's blocking pool through
// `apiroutes:native/net`) with `family`, `all`, `verbatim`/`order`, Node's errors
// (`getaddrinfo ENOTFOUND host`), and `dns.promises`. There is no DNS protocol client:
// `resolve`, `resolve4` and `resolve6` answer from getaddrinfo too (so /etc/hosts names
// such as `localhost` resolve, where Node's c-ares would ask a DNS server), and the
// other record types (MX, TXT, SRV, ...) and `reverse`/`lookupService` fail with
// `ENOTIMP`.
import * as native from 'apiroutes:native/net'

export const ADDRCONFIG = 32
export const ALL = 16
export const V4MAPPED = 8
export const NODATA = 'ENODATA'
export const FORMERR = 'EFORMERR'
export const SERVFAIL = 'ESERVFAIL'
export const NOTFOUND = 'ENOTFOUND'
export const NOTIMP = 'ENOTIMP'
export const REFUSED = 'EREFUSED'
export const BADQUERY = 'EBADQUERY'
export const BADNAME = 'EBADNAME'
export const BADFAMILY = 'EBADFAMILY'
export const BADRESP = 'EBADRESP'
export const CONNREFUSED = 'ECONNREFUSED'
export const TIMEOUT = 'ETIMEOUT'
export const EOF = 'EOF'
export const FILE = 'EFILE'
export const NOMEM = 'ENOMEM'
export const DESTRUCTION = 'EDESTRUCTION'
export const BADSTR = 'EBADSTR'
export const BADFLAGS = 'EBADFLAGS'
export const NONAME = 'ENONAME'
export const BADHINTS = 'EBADHINTS'
export const NOTINITIALIZED = 'ENOTINITIALIZED'
export const LOADIPHLPAPI = 'ELOADIPHLPAPI'
export const ADDRGETNETWORKPARAMS = 'EADDRGETNETWORKPARAMS'
export const CANCELLED = 'ECANCELLED'

let defaultOrder = 'verbatim'
export function getDefaultResultOrder() {
  return defaultOrder
}
export function setDefaultResultOrder(order) {
  if (order !== 'verbatim' && order !== 'ipv4first' && order !== 'ipv6first') {
    const error = new TypeError(`The argument 'dnsOrder' must be one of: 'verbatim', 'ipv4first'. Received '${order}'`)
    error.code = 'ERR_INVALID_ARG_VALUE'
    throw error
  }
  defaultOrder = order
}

function argError(Base, code, message) {
  const error = new Base(message)
  error.code = code
  return error
}

function received(value) {
  if (value === null || value === undefined) return String(value)
  if (typeof value === 'function') return `function ${value.name}`
  if (typeof value === 'object') return 'an instance of ' + (value.constructor ? value.constructor.name : 'Object')
  const shown = typeof value === 'string' ? `'${value}'` : String(value)
  return `type ${typeof value} (${shown})`
}

function validateCallback(callback) {
  if (typeof callback !== 'function') {
    throw argError(TypeError, 'ERR_INVALID_ARG_TYPE', `The "callback" argument must be of type function. Received ${received(callback)}`)
  }
}

function ipFamily(text) {
  if (/^(\d{1,3})(\.\d{1,3}){3}$/.test(text) && text.split('.').every((p) => +p <= 255)) return 4
  if (text.includes(':') && /^[0-9a-fA-F:.]+(%.+)?$/.test(text)) return 6
  return 0
}

// Node's lookup option checks; the settled { family, all, order }.
function lookupOptions(hostname, options) {
  if (typeof hostname !== 'string') {
    throw argError(TypeError, 'ERR_INVALID_ARG_TYPE', `The "hostname" argument must be of type string. Received ${received(hostname)}`)
  }
  let family = 0
  let all = false
  let order = defaultOrder
  if (typeof options === 'number' || typeof options === 'string') options = { family: options }
  if (options !== null && typeof options === 'object') {
    if (options.family !== undefined && options.family !== null) {
      const f = options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : options.family
      if (f !== 0 && f !== 4 && f !== 6) {
        throw argError(TypeError, 'ERR_INVALID_ARG_VALUE', `The property 'options.family' must be one of: 0, 4, 6. Received ${received(options.family).replace(/^type \w+ \((.*)\)$/, '$1')}`)
      }
      family = f
    }
    if (options.all !== undefined) {
      if (typeof options.all !== 'boolean') {
        throw argError(TypeError, 'ERR_INVALID_ARG_TYPE', `The "options.all" property must be of type boolean. Received ${received(options.all)}`)
      }
      all = options.all
    }
    if (options.verbatim !== undefined) {
      if (typeof options.verbatim !== 'boolean') {
        throw argError(TypeError, 'ERR_INVALID_ARG_TYPE', `The "options.verbatim" property must be of type boolean. Received ${received(options.verbatim)}`)
      }
      order = options.verbatim ? 'verbatim' : 'ipv4first'
    }
    if (options.order !== undefined) order = options.order
  }
  return { family, all, order }
}

function lookupError(error, hostname) {
  const code = (error && error.code) || 'ENOTFOUND'
  const out = new Error(`getaddrinfo ${code} ${hostname}`)
  out.errno = error && error.errno !== undefined ? error.errno : -3008
  out.code = code
  out.syscall = 'getaddrinfo'
  out.hostname = hostname
  return out
}

function ordered(list, order) {
  if (order === 'verbatim') return list
  const first = order === 'ipv6first' ? 6 : 4
  return [...list.filter((a) => a.family === first), ...list.filter((a) => a.family !== first)]
}

// The addresses of `hostname` as [{ address, family }], in the order asked for.
export function lookupAll(hostname, settled) {
  if (!hostname) return Promise.resolve([])
  const literal = ipFamily(hostname)
  if (literal) return Promise.resolve([{ address: hostname, family: literal }])
  return native.lookup(hostname, settled.family).then(
    (pairs) => ordered(pairs.map(([address, family]) => ({ address, family })), settled.order),
    (error) => Promise.reject(lookupError(error, hostname))
  )
}

export function lookup(hostname, options, callback) {
  if (typeof options === 'function') {
    callback = options
    options = {}
  }
  validateCallback(callback)
  const settled = lookupOptions(hostname, options)
  lookupAll(hostname, settled).then(
    (list) => {
      if (settled.all) callback(null, list)
      else if (list.length === 0) callback(null, null, settled.family === 6 ? 6 : 4)
      else callback(null, list[0].address, list[0].family)
    },
    (error) => callback(error)
  )
  return {}
}
Object.defineProperty(lookup, Symbol.for('nodejs.util.promisify.custom'), {
  value: (hostname, options) => lookupPromise(hostname, options),
})

export function lookupPromise(hostname, options) {
  const settled = lookupOptions(hostname, options)
  return lookupAll(hostname, settled).then((list) => {
    if (settled.all) return list
    if (list.length === 0) return { address: null, family: settled.family === 6 ? 6 : 4 }
    return list[0]
  })
}

function notImplemented(syscall, name) {
  const error = new Error(`${syscall} ${NOTIMP} ${name}`)
  error.code = NOTIMP
  error.syscall = syscall
  error.hostname = name
  return error
}

const QUERIES = { A: 'queryA', AAAA: 'queryAaaa', ANY: 'queryAny', CAA: 'queryCaa', CNAME: 'queryCname', MX: 'queryMx', NAPTR: 'queryNaptr', NS: 'queryNs', PTR: 'queryPtr', SOA: 'querySoa', SRV: 'querySrv', TXT: 'queryTxt' }

// resolve(host, rrtype) as a promise: A and AAAA from getaddrinfo.
export function resolvePromise(hostname, rrtype = 'A', options = {}) {
  if (typeof hostname !== 'string') {
    return Promise.reject(argError(TypeError, 'ERR_INVALID_ARG_TYPE', `The "name" argument must be of type string. Received ${received(hostname)}`))
  }
  const syscall = QUERIES[rrtype]
  if (!syscall) {
    return Promise.reject(argError(TypeError, 'ERR_INVALID_ARG_VALUE', `The argument 'rrtype' is invalid. Received '${rrtype}'`))
  }
  if (rrtype !== 'A' && rrtype !== 'AAAA') return Promise.reject(notImplemented(syscall, hostname))
  const family = rrtype === 'A' ? 4 : 6
  const literal = ipFamily(hostname)
  const found = literal
    ? Promise.resolve(literal === family ? [[hostname, family]] : [])
    : native.lookup(hostname, family).catch(() => [])
  return found.then((pairs) => {
    if (pairs.length === 0) {
      const error = new Error(`${syscall} ${NOTFOUND} ${hostname}`)
      error.code = NOTFOUND
      error.syscall = syscall
      error.hostname = hostname
      throw error
    }
    return pairs.map(([address]) => (options && options.ttl ? { address, ttl: 0 } : address))
  })
}

function callbackForm(run) {
  return function (hostname, ...rest) {
    const callback = rest.pop()
    validateCallback(callback)
    run(hostname, ...rest).then((value) => callback(null, value), (error) => callback(error))
    return {}
  }
}

export const resolve = callbackForm((hostname, rrtype) => resolvePromise(hostname, typeof rrtype === 'string' ? rrtype : 'A'))
export const resolve4 = callbackForm((hostname, options) => resolvePromise(hostname, 'A', options))
export const resolve6 = callbackForm((hostname, options) => resolvePromise(hostname, 'AAAA', options))
function unsupported(rrtype) {
  return callbackForm((hostname) => resolvePromise(hostname, rrtype))
}
export const resolveAny = unsupported('ANY')
export const resolveCaa = unsupported('CAA')
export const resolveCname = unsupported('CNAME')
export const resolveMx = unsupported('MX')
export const resolveNaptr = unsupported('NAPTR')
export const resolveNs = unsupported('NS')
export const resolvePtr = unsupported('PTR')
export const resolveSoa = unsupported('SOA')
export const resolveSrv = unsupported('SRV')
export const resolveTxt = unsupported('TXT')
export const reverse = callbackForm((ip) => Promise.reject(notImplemented('getHostByAddr', ip)))
export const lookupService = callbackForm((address) => Promise.reject(notImplemented('getnameinfo', address)))

let servers = []
export function getServers() {
  return [...servers]
}
export function setServers(list) {
  servers = [...list].map(String)
}

export const promiseApi = {
  lookup: lookupPromise,
  lookupService: (address) => Promise.reject(notImplemented('getnameinfo', address)),
  resolve: resolvePromise,
  resolve4: (hostname, options) => resolvePromise(hostname, 'A', options),
  resolve6: (hostname, options) => resolvePromise(hostname, 'AAAA', options),
  reverse: (ip) => Promise.reject(notImplemented('getHostByAddr', ip)),
  getServers,
  setServers,
  getDefaultResultOrder,
  setDefaultResultOrder,
}
for (const rrtype of ['Any', 'Caa', 'Cname', 'Mx', 'Naptr', 'Ns', 'Ptr', 'Soa', 'Srv', 'Txt']) {
  promiseApi[`resolve${rrtype}`] = (hostname) => resolvePromise(hostname, rrtype.toUpperCase())
}

export class Resolver {
  constructor() {
    this._servers = []
  }
  cancel() {}
  getServers() {
    return [...this._servers]
  }
  setServers(list) {
    this._servers = [...list].map(String)
  }
  setLocalAddress() {}
}
const CALLBACK_METHODS = { resolve, resolve4, resolve6, resolveAny, resolveCaa, resolveCname, resolveMx, resolveNaptr, resolveNs, resolvePtr, resolveSoa, resolveSrv, resolveTxt, reverse }
for (const [name, fn] of Object.entries(CALLBACK_METHODS)) Resolver.prototype[name] = fn

export class PromiseResolver extends Resolver {}
for (const [name, fn] of Object.entries(promiseApi)) {
  if (name.startsWith('resolve') || name === 'reverse') PromiseResolver.prototype[name] = fn
}
promiseApi.Resolver = PromiseResolver

export const promises = promiseApi

export default {
  lookup, lookupService, Resolver, getDefaultResultOrder, setDefaultResultOrder, setServers, getServers,
  ADDRCONFIG, ALL, V4MAPPED, NODATA, FORMERR, SERVFAIL, NOTFOUND, NOTIMP, REFUSED, BADQUERY, BADNAME,
  BADFAMILY, BADRESP, CONNREFUSED, TIMEOUT, EOF, FILE, NOMEM, DESTRUCTION, BADSTR, BADFLAGS, NONAME,
  BADHINTS, NOTINITIALIZED, LOADIPHLPAPI, ADDRGETNETWORKPARAMS, CANCELLED, resolve, resolve4, resolve6,
  resolveAny, resolveCaa, resolveCname, resolveMx, resolveNaptr, resolveNs, resolvePtr, resolveSoa,
  resolveSrv, resolveTxt, reverse, promises,
}
