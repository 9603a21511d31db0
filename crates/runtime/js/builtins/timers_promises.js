// `timers/promises`: promise forms of the timer functions.
export function setTimeout(ms, value) {
  return new Promise((resolve) => globalThis.setTimeout(() => resolve(value), ms))
}
export function setImmediate(value) {
  return new Promise((resolve) => globalThis.setImmediate(() => resolve(value)))
}
export async function* setInterval(ms, value) {
  for (;;) {
    await setTimeout(ms)
    yield value
  }
}
export default { setTimeout, setImmediate, setInterval }
