// `stream`: a minimal placeholder until the full Node streams port lands.
import { EventEmitter } from 'events'
export class Stream extends EventEmitter {}
export class Readable extends Stream {}
export class Writable extends Stream {}
export class Duplex extends Stream {}
export class Transform extends Duplex {}
export class PassThrough extends Transform {}
export function pipeline() {
  throw new Error('stream.pipeline is not implemented yet')
}
export function finished() {
  throw new Error('stream.finished is not implemented yet')
}
export default Stream
