// `timers` / `node:timers`: the global timer functions (implemented on tokio in Rust).
export const setTimeout = globalThis.setTimeout
export const clearTimeout = globalThis.clearTimeout
export const setInterval = globalThis.setInterval
export const clearInterval = globalThis.clearInterval
export const setImmediate = globalThis.setImmediate
export const clearImmediate = globalThis.clearImmediate
export default { setTimeout, clearTimeout, setInterval, clearInterval, setImmediate, clearImmediate }
