// dns: lookup (family, all, verbatim, IP literals), dns.promises and dns/promises, and
// Node's errors (getaddrinfo ENOTFOUND, argument checks).
import { test } from '../harness.mjs'
import assert from 'node:assert'
import dns from 'node:dns'
import dnsPromises from 'node:dns/promises'
import { promisify } from 'node:util'

const lookup = (host, options) =>
  new Promise((resolve, reject) =>
    dns.lookup(host, options || {}, (error, address, family) => (error ? reject(error) : resolve([address, family])))
  )

test('lookup localhost as IPv4', async () => {
  const [address, family] = await lookup('localhost', { family: 4 })
  assert.strictEqual(address, '127.0.0.1')
  assert.strictEqual(family, 4)
})

test('lookup with all: a list of { address, family }', async () => {
  const [list] = await lookup('localhost', { all: true, family: 4 })
  assert.ok(Array.isArray(list))
  assert.deepStrictEqual(list[0], { address: '127.0.0.1', family: 4 })
})

test('lookup of an IP literal answers it as is', async () => {
  assert.deepStrictEqual(await lookup('127.0.0.1'), ['127.0.0.1', 4])
  assert.deepStrictEqual(await lookup('::1'), ['::1', 6])
  assert.deepStrictEqual(await lookup('10.1.2.3', 6), ['10.1.2.3', 4])
})

test('lookup with a number as family', async () => {
  assert.deepStrictEqual(await lookup('localhost', 4), ['127.0.0.1', 4])
})

test('ENOTFOUND with Node fields', async () => {
  const error = await lookup('no-such-host.invalid').then(() => null, (e) => e)
  assert.strictEqual(error.code, 'ENOTFOUND')
  assert.strictEqual(error.errno, -3008)
  assert.strictEqual(error.syscall, 'getaddrinfo')
  assert.strictEqual(error.hostname, 'no-such-host.invalid')
  assert.strictEqual(error.message, 'getaddrinfo ENOTFOUND no-such-host.invalid')
})

test('argument errors', () => {
  assert.throws(() => dns.lookup(1, () => {}), { code: 'ERR_INVALID_ARG_TYPE', name: 'TypeError' })
  assert.throws(() => dns.lookup('localhost', { family: 5 }, () => {}), { code: 'ERR_INVALID_ARG_VALUE' })
  assert.throws(() => dns.lookup('localhost', { all: 1 }, () => {}), { code: 'ERR_INVALID_ARG_TYPE' })
  assert.throws(() => dns.lookup('localhost'), { code: 'ERR_INVALID_ARG_TYPE' })
})

test('dns.promises.lookup and dns/promises', async () => {
  assert.deepStrictEqual(await dns.promises.lookup('localhost', { family: 4 }), { address: '127.0.0.1', family: 4 })
  assert.deepStrictEqual(await dnsPromises.lookup('127.0.0.1', { all: true }), [{ address: '127.0.0.1', family: 4 }])
  await assert.rejects(dnsPromises.lookup('no-such-host.invalid'), { code: 'ENOTFOUND' })
})

test('util.promisify(dns.lookup) resolves { address, family }', async () => {
  assert.deepStrictEqual(await promisify(dns.lookup)('127.0.0.1'), { address: '127.0.0.1', family: 4 })
})

test('resolve4 of an unknown name: queryA ENOTFOUND', async () => {
  const error = await new Promise((resolve) => dns.resolve4('no-such-host.invalid', (e) => resolve(e)))
  assert.strictEqual(error.code, 'ENOTFOUND')
  assert.strictEqual(error.syscall, 'queryA')
  assert.strictEqual(error.message, 'queryA ENOTFOUND no-such-host.invalid')
})

test('result order setting', () => {
  assert.strictEqual(dns.getDefaultResultOrder(), 'verbatim')
  dns.setDefaultResultOrder('ipv4first')
  assert.strictEqual(dns.getDefaultResultOrder(), 'ipv4first')
  dns.setDefaultResultOrder('verbatim')
  assert.throws(() => dns.setDefaultResultOrder('nope'), { code: 'ERR_INVALID_ARG_VALUE' })
})

test('constants and Resolver', () => {
  assert.strictEqual(dns.NOTFOUND, 'ENOTFOUND')
  assert.strictEqual(dns.ADDRCONFIG, 32)
  assert.strictEqual(typeof new dns.Resolver().resolve4, 'function')
  assert.strictEqual(typeof new dns.promises.Resolver().resolve4, 'function')
})
