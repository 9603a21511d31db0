// `https`: Node's https client API (`request`/`get`, Agent) over fetch, which speaks TLS
// itself (see http_client.js); apiroutes owns the server, so there is no createServer.
import { makeRequest, makeGet, HttpsAgent } from 'apiroutes:http-client'

export const Agent = HttpsAgent
export const globalAgent = new Agent({ keepAlive: true, scheduling: 'lifo', timeout: 5000 })
export const request = makeRequest('https:')
export const get = makeGet('https:')
export function createServer() {
  throw new Error('https.createServer is not available: apiroutes serves the project itself')
}
export default { Agent, globalAgent, request, get, createServer }
