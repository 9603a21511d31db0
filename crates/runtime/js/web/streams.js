// The Web streams LLRT lacks, built on its ReadableStream and WritableStream:
// TransformStream (with TransformStreamDefaultController), TextEncoderStream and
// TextDecoderStream. Evaluated once per runtime, before user code, as a plain script; it
// defines only what is missing.
;(function webStreams(global) {
  'use strict'
  const { ReadableStream, WritableStream } = global
  if (typeof ReadableStream !== 'function' || typeof WritableStream !== 'function') return

  const kState = Symbol('transformState')

  class TransformStreamDefaultController {
    constructor(token) {
      if (token !== kState) throw new TypeError('Illegal constructor')
    }
    get desiredSize() {
      const state = this[kState]
      return state.readableController ? state.readableController.desiredSize : null
    }
    enqueue(chunk) {
      const state = this[kState]
      if (state.readableClosed) throw new TypeError('Invalid state: the readable side is closed')
      state.readableController.enqueue(chunk)
    }
    error(reason) {
      errorBoth(this[kState], reason)
    }
    terminate() {
      const state = this[kState]
      if (!state.readableClosed) {
        state.readableClosed = true
        try {
          state.readableController.close()
        } catch {}
      }
      const error = new TypeError('the TransformStream has been terminated')
      if (state.writableController) state.writableController.error(error)
    }
  }

  function errorBoth(state, reason) {
    if (!state.readableClosed) {
      state.readableClosed = true
      try {
        state.readableController.error(reason)
      } catch {}
    }
    if (state.writableController) {
      try {
        state.writableController.error(reason)
      } catch {}
    }
    releaseBackpressure(state)
  }

  function releaseBackpressure(state) {
    const waiting = state.backpressure
    state.backpressure = null
    if (waiting) waiting.resolve()
  }

  class TransformStream {
    constructor(transformer = {}, writableStrategy = {}, readableStrategy = {}) {
      if (transformer === null) transformer = {}
      if (transformer.readableType !== undefined) throw new RangeError('Invalid readableType')
      if (transformer.writableType !== undefined) throw new RangeError('Invalid writableType')
      const controller = new TransformStreamDefaultController(kState)
      const state = {
        readableController: null,
        writableController: null,
        readableClosed: false,
        backpressure: null,
      }
      controller[kState] = state
      const call = (name, ...args) => {
        const method = transformer[name]
        return typeof method === 'function' ? method.apply(transformer, args) : undefined
      }
      let startDone
      const started = new Promise((resolve) => (startDone = resolve))

      this.readable = new ReadableStream(
        {
          start(readableController) {
            state.readableController = readableController
          },
          pull() {
            releaseBackpressure(state)
          },
          cancel(reason) {
            state.readableClosed = true
            const result = call('cancel', reason)
            if (state.writableController) state.writableController.error(reason)
            return result
          },
        },
        readableStrategy
      )
      this.writable = new WritableStream(
        {
          start(writableController) {
            state.writableController = writableController
            return Promise.resolve(call('start', controller)).then(startDone, (error) => {
              errorBoth(state, error)
              startDone()
              throw error
            })
          },
          async write(chunk) {
            await started
            // Back-pressure: wait until the readable side wants more.
            if (state.readableController.desiredSize <= 0 && !state.readableClosed) {
              let resolve
              const promise = new Promise((r) => (resolve = r))
              state.backpressure = { promise, resolve }
              await promise
            }
            try {
              if (typeof transformer.transform === 'function') {
                await transformer.transform(chunk, controller)
              } else {
                controller.enqueue(chunk)
              }
            } catch (error) {
              errorBoth(state, error)
              throw error
            }
          },
          async close() {
            await started
            try {
              await call('flush', controller)
            } catch (error) {
              errorBoth(state, error)
              throw error
            }
            if (!state.readableClosed) {
              state.readableClosed = true
              state.readableController.close()
            }
          },
          abort(reason) {
            const result = call('cancel', reason)
            errorBoth(state, reason)
            return result
          },
        },
        writableStrategy
      )
    }
    get [Symbol.toStringTag]() {
      return 'TransformStream'
    }
  }

  class TextEncoderStream {
    constructor() {
      const encoder = new TextEncoder()
      let pendingHigh = ''
      const transform = new TransformStream({
        transform(chunk, controller) {
          let text = pendingHigh + String(chunk)
          pendingHigh = ''
          const last = text.charCodeAt(text.length - 1)
          if (last >= 0xd800 && last <= 0xdbff) {
            pendingHigh = text[text.length - 1]
            text = text.slice(0, -1)
          }
          if (text.length > 0) controller.enqueue(encoder.encode(text))
        },
        flush(controller) {
          if (pendingHigh) controller.enqueue(new Uint8Array([0xef, 0xbf, 0xbd]))
        },
      })
      this.readable = transform.readable
      this.writable = transform.writable
    }
    get encoding() {
      return 'utf-8'
    }
  }

  class TextDecoderStream {
    constructor(label = 'utf-8', options = {}) {
      const decoder = new TextDecoder(label, options)
      this._decoder = decoder
      const transform = new TransformStream({
        transform(chunk, controller) {
          const text = decoder.decode(chunk, { stream: true })
          if (text) controller.enqueue(text)
        },
        flush(controller) {
          const text = decoder.decode(new Uint8Array(0))
          if (text) controller.enqueue(text)
        },
      })
      this.readable = transform.readable
      this.writable = transform.writable
    }
    get encoding() {
      return this._decoder.encoding
    }
    get fatal() {
      return this._decoder.fatal
    }
    get ignoreBOM() {
      return this._decoder.ignoreBOM
    }
  }

  const define = (name, value) => {
    if (typeof global[name] !== 'function') {
      Object.defineProperty(global, name, { value, writable: true, configurable: true, enumerable: false })
    }
  }
  define('TransformStream', TransformStream)
  define('TransformStreamDefaultController', TransformStreamDefaultController)
  define('TextEncoderStream', TextEncoderStream)
  define('TextDecoderStream', TextDecoderStream)
})(globalThis)
