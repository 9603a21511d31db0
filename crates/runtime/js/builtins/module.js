// `module`: createRequire for ESM code that needs CommonJS packages.
const createRequire = globalThis[Symbol.for('apiroutes.createRequire')]
export const builtinModules = [
  'buffer', 'console', 'crypto', 'events', 'fs', 'fs/promises', 'http', 'module', 'os', 'path', 'process',
  'querystring', 'stream', 'stream/promises', 'stream/web', 'string_decoder', 'timers', 'timers/promises',
  'url', 'util',
]
export function isBuiltin(name) {
  return builtinModules.includes(String(name).replace(/^node:/, ''))
}
export { createRequire }
export default { createRequire, builtinModules, isBuiltin }
