// `stream/promises`: the promise forms of pipeline and finished, straight from the
// readable-stream port that backs our `stream` (see stream.js).
import { promises } from 'stream'
export const pipeline = promises.pipeline
export const finished = promises.finished
export default promises
