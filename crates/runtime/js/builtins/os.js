// `os`: what npm packages read from Node's os module (tmpdir for uploads, EOL, platform
// facts). Values come from LLRT's process and the environment; apiroutes exposes no
// host inspection beyond that, so cpus/network report a minimal, honest picture.
const process = globalThis.process
const env = process.env || {}

export const EOL = '\n'
export const devNull = '/dev/null'
export function tmpdir() {
  let dir = env.TMPDIR || env.TMP || env.TEMP || '/tmp'
  if (dir.length > 1 && dir.endsWith('/')) dir = dir.slice(0, -1)
  return dir
}
export function homedir() {
  return env.HOME || '/'
}
export function platform() {
  return process.platform
}
export function type() {
  return process.platform === 'darwin' ? 'Darwin' : process.platform === 'win32' ? 'Windows_NT' : 'Linux'
}
export function arch() {
  return process.arch
}
export function release() {
  return ''
}
export function version() {
  return ''
}
export function machine() {
  return process.arch === 'x64' ? 'x86_64' : process.arch
}
export function hostname() {
  return env.HOSTNAME || 'localhost'
}
export function endianness() {
  return 'LE'
}
export function uptime() {
  return typeof process.uptime === 'function' ? process.uptime() : 0
}
export function loadavg() {
  return [0, 0, 0]
}
export function totalmem() {
  return 0
}
export function freemem() {
  return 0
}
export function availableParallelism() {
  return 1
}
export function cpus() {
  return [{ model: 'unknown', speed: 0, times: { user: 0, nice: 0, sys: 0, idle: 0, irq: 0 } }]
}
export function networkInterfaces() {
  return {}
}
export function userInfo() {
  return { uid: -1, gid: -1, username: env.USER || '', homedir: homedir(), shell: env.SHELL || null }
}
export const constants = { signals: {}, errno: {}, priority: {} }
export default {
  EOL, devNull, tmpdir, homedir, platform, type, arch, release, version, machine, hostname, endianness, uptime,
  loadavg, totalmem, freemem, availableParallelism, cpus, networkInterfaces, userInfo, constants,
}
