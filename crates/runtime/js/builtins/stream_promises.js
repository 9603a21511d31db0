// `stream/promises`: promise forms of pipeline and finished.
import { pipeline as pipelineCallback, finished as finishedCallback } from 'stream'
export function pipeline(...streams) {
  return new Promise((resolve, reject) => pipelineCallback(...streams, (err) => (err ? reject(err) : resolve())))
}
export function finished(stream, options) {
  return new Promise((resolve, reject) => finishedCallback(stream, options || {}, (err) => (err ? reject(err) : resolve())))
}
export default { pipeline, finished }
