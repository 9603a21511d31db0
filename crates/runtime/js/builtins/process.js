// `process`: Node's `require('process') === process`, so the module is the global object
// (LLRT's, completed by js/node_compat.js) plus the names ESM code imports from it.
const process = globalThis.process
export const env = process.env
export const argv = process.argv
export const platform = process.platform
export const arch = process.arch
export const version = process.version
export const versions = process.versions
export const release = process.release
export const pid = process.pid
export const cwd = (...args) => process.cwd(...args)
export const hrtime = process.hrtime
export const nextTick = (...args) => process.nextTick(...args)
export const emitWarning = (...args) => process.emitWarning(...args)
export const exit = (...args) => process.exit(...args)
export const uptime = (...args) => process.uptime(...args)
export const memoryUsage = process.memoryUsage
export const stdout = process.stdout
export const stderr = process.stderr
export default process
