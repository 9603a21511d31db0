// `stream` / `node:stream`: Node's streams (readable-stream, bundled in stream.js).
// The first load also hands the module to pages_api.js, which then links `req` and `res`
// to Readable/Stream: their stream prototypes are attached lazily, so that projects
// whose handlers never touch streams never parse this module.
import Stream from 'apiroutes:stream-impl'
export * from 'apiroutes:stream-impl'
export default Stream
const onLoad = globalThis[Symbol.for('apiroutes.streamLoaded')]
if (typeof onLoad === 'function') onLoad(Stream)
