// `dns/promises`: the promise half of js/builtins/dns.js.
import { promises } from 'dns'

export const {
  lookup, lookupService, resolve, resolve4, resolve6, resolveAny, resolveCaa, resolveCname, resolveMx,
  resolveNaptr, resolveNs, resolvePtr, resolveSoa, resolveSrv, resolveTxt, reverse, getServers,
  setServers, getDefaultResultOrder, setDefaultResultOrder, Resolver,
} = promises
export default promises
