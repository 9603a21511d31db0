// `stream/web`: the Web stream classes (LLRT's readable/writable ones plus our
// TransformStream and text streams from js/web/streams.js), as Node exports them.
const g = globalThis
export const ReadableStream = g.ReadableStream
export const ReadableStreamDefaultReader = g.ReadableStreamDefaultReader
export const ReadableStreamBYOBReader = g.ReadableStreamBYOBReader
export const ReadableStreamBYOBRequest = g.ReadableStreamBYOBRequest
export const ReadableByteStreamController = g.ReadableByteStreamController
export const ReadableStreamDefaultController = g.ReadableStreamDefaultController
export const WritableStream = g.WritableStream
export const WritableStreamDefaultWriter = g.WritableStreamDefaultWriter
export const WritableStreamDefaultController = g.WritableStreamDefaultController
export const TransformStream = g.TransformStream
export const TransformStreamDefaultController = g.TransformStreamDefaultController
export const ByteLengthQueuingStrategy = g.ByteLengthQueuingStrategy
export const CountQueuingStrategy = g.CountQueuingStrategy
export const TextEncoderStream = g.TextEncoderStream
export const TextDecoderStream = g.TextDecoderStream
export default {
  ReadableStream, ReadableStreamDefaultReader, ReadableStreamBYOBReader, ReadableStreamBYOBRequest,
  ReadableByteStreamController, ReadableStreamDefaultController, WritableStream,
  WritableStreamDefaultWriter, WritableStreamDefaultController, TransformStream,
  TransformStreamDefaultController, ByteLengthQueuingStrategy, CountQueuingStrategy,
  TextEncoderStream, TextDecoderStream,
}
