// `events` / `node:events`: Node 20's events module, built on the vendored `events` npm
// package (3.3, registered as 'apiroutes:events-impl', see regenerate-stream.sh), whose
// EventEmitter prototype (listeners kept in `_events` as a function or an array, exactly
// Node's layout, which readable-stream pokes at) is completed here rather than rewritten:
//
// - the EventEmitter constructor is a new function over the SAME prototype, so that
//   `new EventEmitter({ captureRejections })` reaches `init` (the package drops options),
//   and instances read `EventEmitter { ... }` (the bundler renamed the package's);
// - `emit` as Node's: errorMonitor listeners first, ERR_UNHANDLED_ERROR for an unhandled
//   non-Error 'error', and captureRejections (a listener's rejected promise becomes an
//   'error' emission or a call of `emitter[Symbol.for('nodejs.rejection')]`);
// - addListener/on/prependListener/once/prependOnceListener/removeListener/off validate
//   with Node's ERR_INVALID_ARG_TYPE; adding past the maximum emits Node's
//   MaxListenersExceededWarning through process.emitWarning; setMaxListeners and
//   defaultMaxListeners validate with Node's codes; listenerCount(type, listener);
// - the statics and named exports: once, on (async iterator with buffering, `close`
//   events, highWaterMark/lowWaterMark pause/resume), setMaxListeners(n, ...targets),
//   getEventListeners, getMaxListeners, addAbortListener, errorMonitor,
//   captureRejectionSymbol, captureRejections, defaultMaxListeners, listenerCount,
//   usingDomains, init, EventEmitterAsyncResource (listeners run in
//   its AsyncResource's scope), kMaxEventTargetListeners; plus the globals EventTarget, Event and CustomEvent.
//
// Left out: getEventListeners on an EventTarget sees no listeners (the native EventTarget
// does not expose its list), and EventTargets get no MaxListenersExceededWarning.
import Impl from 'apiroutes:events-impl'
import { AsyncResource } from 'async_hooks'

const proto = Impl.prototype
const baseRemoveListener = proto.removeListener

const kCapture = Symbol('kCapture')
const kShapeMode = Symbol('shapeMode')
const kRejection = Symbol.for('nodejs.rejection')
const errorMonitor = typeof Impl.errorMonitor === 'symbol' ? Impl.errorMonitor : Symbol('events.errorMonitor')
const kMaxEventTargetListeners = Symbol('events.maxEventTargetListeners')
const kMaxEventTargetListenersWarned = Symbol('events.maxEventTargetListenersWarned')
const kWatermarkData = Symbol.for('nodejs.watermarkData')
const SymbolDispose = Symbol.dispose || Symbol.for('nodejs.dispose')
const AsyncIteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf(async function* () {}).prototype)

// ---------------------------------------------------------------------------------------
// Node's error shapes (ERR_INVALID_ARG_TYPE, ERR_OUT_OF_RANGE, ERR_UNHANDLED_ERROR, AbortError).

// Quoted as util.inspect does: single quotes, else double quotes, else backticks.
function quote(text) {
  let q = "'"
  if (text.includes("'")) q = !text.includes('"') ? '"' : !text.includes('`') && !text.includes('${') ? '`' : "'"
  const body = text
    .replace(/\\/g, '\\\\')
    .replace(/\n/g, '\\n')
    .replace(/\t/g, '\\t')
    .replace(q === "'" ? /'/g : /(?!)/g, "\\'")
  return q + body + q
}
// A short, side-effect-light rendering in the style of util.inspect (enough for messages).
function show(value, depth = 1) {
  switch (typeof value) {
    case 'string':
      return quote(value)
    case 'bigint':
      return `${value}n`
    case 'symbol':
      return value.toString()
    case 'number':
      return Object.is(value, -0) ? '-0' : String(value)
    case 'function':
      return value.name ? `[Function: ${value.name}]` : '[Function (anonymous)]'
    case 'object': {
      if (value === null) return 'null'
      const ctor = value.constructor
      const name = typeof ctor === 'function' && ctor.name ? ctor.name : Object.getPrototypeOf(value) === null ? '[Object: null prototype]' : 'Object'
      if (value instanceof Error) return value.stack || `${value.name}: ${value.message}`
      if (depth < 0) return `[${name}]`
      if (Array.isArray(value)) {
        if (value.length === 0) return '[]'
        return depth === 0 ? '[Array]' : `[ ${value.map((item) => show(item, depth - 1)).join(', ')} ]`
      }
      const keys = Object.keys(value)
      const prefix = name === 'Object' ? '' : `${name} `
      if (keys.length === 0) return `${prefix}{}`
      if (depth === 0) return `[${name}]`
      const body = keys.map((key) => `${/^[A-Za-z_$][\w$]*$/.test(key) ? key : quote(key)}: ${show(value[key], depth - 1)}`)
      return `${prefix}{ ${body.join(', ')} }`
    }
    default:
      return String(value)
  }
}
function received(value) {
  if (value == null) return ` Received ${value}`
  if (typeof value === 'function') return ` Received function ${value.name}`
  if (typeof value === 'object') {
    const ctor = value.constructor
    if (typeof ctor === 'function' && ctor.name) return ` Received an instance of ${ctor.name}`
    return ` Received ${show(value, -1)}`
  }
  let shown
  if (typeof value === 'string') {
    shown = show(value.length > 25 ? `${value.slice(0, 25)}...` : value)
  } else {
    shown = show(value)
    if (shown.length > 28) shown = `${shown.slice(0, 25)}...`
  }
  return ` Received type ${typeof value} (${shown})`
}
function nodeError(Base, code, message) {
  const error = new Base(message)
  Object.defineProperty(error, 'code', { value: code, writable: true, enumerable: true, configurable: true })
  return error
}
// expected: 'function' | 'number' | 'boolean' | 'object' (a type) or class names.
function invalidArgType(name, expected, value) {
  const kind = name.includes('.') ? 'property' : 'argument'
  const types = [].concat(expected)
  const what = /^[a-z]/.test(types[0]) ? `of type ${types.join(' or ')}` : `an instance of ${types.join(' or ')}`
  return nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', `The "${name}" ${kind} must be ${what}.${received(value)}`)
}
function outOfRange(name, range, value) {
  return nodeError(RangeError, 'ERR_OUT_OF_RANGE', `The value of "${name}" is out of range. It must be ${range}. Received ${String(value)}`)
}
function validateFunction(value, name) {
  if (typeof value !== 'function') throw invalidArgType(name, 'function', value)
}
function validateNumber(value, name, min) {
  if (typeof value !== 'number') throw invalidArgType(name, 'number', value)
  if (value < min || Number.isNaN(value)) throw outOfRange(name, `>= ${min}`, value)
}
function validateInteger(value, name, min) {
  const max = Number.MAX_SAFE_INTEGER
  if (typeof value !== 'number') throw invalidArgType(name, 'number', value)
  if (!Number.isInteger(value)) throw outOfRange(name, 'an integer', value)
  if (value < min || value > max) throw outOfRange(name, `>= ${min} && <= ${max}`, value)
}
function validateBoolean(value, name) {
  if (typeof value !== 'boolean') throw invalidArgType(name, 'boolean', value)
}
function validateAbortSignal(signal, name) {
  if (signal !== undefined && (signal === null || typeof signal !== 'object' || !('aborted' in signal))) {
    throw invalidArgType(name, 'AbortSignal', signal)
  }
}
class AbortError extends Error {
  constructor(message = 'The operation was aborted', options = undefined) {
    super(message, options)
    this.code = 'ABORT_ERR'
    this.name = 'AbortError'
  }
}
const nextTick = (fn, ...args) =>
  globalThis.process && typeof globalThis.process.nextTick === 'function'
    ? globalThis.process.nextTick(fn, ...args)
    : queueMicrotask(() => fn(...args))

function isEventTarget(value) {
  if (value === null || typeof value !== 'object') return false
  if (typeof globalThis.EventTarget === 'function' && value instanceof globalThis.EventTarget) return true
  return typeof value.addEventListener === 'function' && typeof value.removeEventListener === 'function' &&
    typeof value.dispatchEvent === 'function'
}

// ---------------------------------------------------------------------------------------
// The constructor and its statics.

function EventEmitter(opts) {
  EventEmitter.init.call(this, opts)
}
EventEmitter.prototype = proto
Object.defineProperty(proto, 'constructor', { value: EventEmitter, writable: true, enumerable: false, configurable: true })
Object.setPrototypeOf(EventEmitter, Object.getPrototypeOf(Impl))
proto[kCapture] = false
proto[kShapeMode] = false

EventEmitter.init = function init(opts) {
  if (this._events === undefined || this._events === Object.getPrototypeOf(this)._events) {
    this._events = Object.create(null)
    this._eventsCount = 0
    this[kShapeMode] = false
  } else {
    this[kShapeMode] = true
  }
  this._maxListeners = this._maxListeners || undefined
  if (opts && opts.captureRejections) {
    validateBoolean(opts.captureRejections, 'options.captureRejections')
    this[kCapture] = Boolean(opts.captureRejections)
  } else {
    this[kCapture] = EventEmitter.prototype[kCapture]
  }
}
// The package's own constructor (if anyone still reaches it) shares the same init.
Impl.init = EventEmitter.init

// The package keeps the default maximum in a closure behind its own accessor (which its
// getMaxListeners reads): ours validates like Node and writes through.
Object.defineProperty(EventEmitter, 'defaultMaxListeners', {
  enumerable: true,
  get() {
    return Impl.defaultMaxListeners
  },
  set(value) {
    validateNumber(value, 'defaultMaxListeners', 0)
    Impl.defaultMaxListeners = value
    defaultMaxListeners = value
  },
})
Object.defineProperty(EventEmitter, 'captureRejections', {
  enumerable: true,
  get() {
    return EventEmitter.prototype[kCapture]
  },
  set(value) {
    validateBoolean(value, 'EventEmitter.captureRejections')
    EventEmitter.prototype[kCapture] = value
    captureRejections = value
  },
})
Object.defineProperty(EventEmitter, 'errorMonitor', { value: errorMonitor, writable: false, enumerable: true, configurable: false })
Object.defineProperty(EventEmitter, 'captureRejectionSymbol', { value: kRejection, writable: false, enumerable: true, configurable: false })
EventEmitter.kMaxEventTargetListeners = kMaxEventTargetListeners
EventEmitter.kMaxEventTargetListenersWarned = kMaxEventTargetListenersWarned
EventEmitter.usingDomains = false
EventEmitter.EventEmitter = EventEmitter
Impl.EventEmitter = EventEmitter

function maxListenersOf(target) {
  return target._maxListeners === undefined ? EventEmitter.defaultMaxListeners : target._maxListeners
}

// ---------------------------------------------------------------------------------------
// The prototype, completed to Node 20.

proto.setMaxListeners = function setMaxListeners(n) {
  validateNumber(n, 'setMaxListeners', 0)
  this._maxListeners = n
  return this
}
proto.getMaxListeners = function getMaxListeners() {
  return maxListenersOf(this)
}

proto.emit = function emit(type, ...args) {
  let doError = type === 'error'
  const events = this._events
  if (events !== undefined) {
    if (doError && events[errorMonitor] !== undefined) this.emit(errorMonitor, ...args)
    doError = doError && events.error === undefined
  } else if (!doError) {
    return false
  }
  if (doError) {
    const er = args.length > 0 ? args[0] : undefined
    if (er instanceof Error) throw er // Unhandled 'error' event
    let shown
    try {
      shown = show(er)
    } catch {
      shown = er
    }
    const err = nodeError(Error, 'ERR_UNHANDLED_ERROR', `Unhandled error. (${shown})`)
    err.context = er
    throw err // Unhandled 'error' event
  }
  const handler = events[type]
  if (handler === undefined) return false
  if (typeof handler === 'function') {
    const result = handler.apply(this, args)
    if (result !== undefined && result !== null) catchRejection(this, result, type, args)
  } else {
    const listeners = handler.slice()
    for (let i = 0; i < listeners.length; i++) {
      const result = listeners[i].apply(this, args)
      if (result !== undefined && result !== null) catchRejection(this, result, type, args)
    }
  }
  return true
}

// captureRejections: a listener's rejected promise is reported on the emitter.
function catchRejection(emitter, promise, type, args) {
  if (!emitter[kCapture]) return
  try {
    const then = promise.then
    if (typeof then === 'function') {
      then.call(promise, undefined, (err) => nextTick(reportRejection, emitter, err, type, args))
    }
  } catch (err) {
    emitter.emit('error', err)
  }
}
function reportRejection(emitter, err, type, args) {
  if (typeof emitter[kRejection] === 'function') {
    emitter[kRejection](err, type, ...args)
    return
  }
  // No capture while the 'error' listeners run, so a rejecting one cannot loop.
  const previous = emitter[kCapture]
  try {
    emitter[kCapture] = false
    emitter.emit('error', err)
  } finally {
    emitter[kCapture] = previous
  }
}

function addListener(target, type, listener, prepend) {
  validateFunction(listener, 'listener')
  let events = target._events
  let existing
  if (events === undefined) {
    events = target._events = Object.create(null)
    target._eventsCount = 0
  } else {
    if (events.newListener !== undefined) {
      target.emit('newListener', type, listener.listener ?? listener)
      // A 'newListener' listener may have replaced the table.
      events = target._events
    }
    existing = events[type]
  }
  if (existing === undefined) {
    events[type] = listener
    target._eventsCount++
    return target
  }
  if (typeof existing === 'function') {
    existing = events[type] = prepend ? [listener, existing] : [existing, listener]
  } else if (prepend) {
    existing.unshift(listener)
  } else {
    existing.push(listener)
  }
  const max = maxListenersOf(target)
  if (max > 0 && existing.length > max && !existing.warned) {
    existing.warned = true
    warnLeak(target, type, existing.length, max)
  }
  return target
}
function warnLeak(target, type, count, max) {
  const warning = new Error(
    `Possible EventEmitter memory leak detected. ${count} ${String(type)} listeners added to ${show(target, -1)}. ` +
      `MaxListeners is ${max}. Use emitter.setMaxListeners() to increase limit`
  )
  warning.name = 'MaxListenersExceededWarning'
  warning.emitter = target
  warning.type = type
  warning.count = count
  const process = globalThis.process
  if (process && typeof process.emitWarning === 'function') process.emitWarning(warning)
  else console.warn(`${warning.name}: ${warning.message}`)
}

proto.addListener = function addListener_(type, listener) {
  return addListener(this, type, listener, false)
}
proto.on = proto.addListener
proto.prependListener = function prependListener(type, listener) {
  return addListener(this, type, listener, true)
}

function onceWrap(target, type, listener) {
  const state = { fired: false, wrapFn: undefined, target, type, listener }
  function onceWrapper(...args) {
    if (state.fired) return undefined
    state.target.removeListener(state.type, state.wrapFn)
    state.fired = true
    return state.listener.apply(state.target, args)
  }
  onceWrapper.listener = listener
  state.wrapFn = onceWrapper
  return onceWrapper
}
proto.once = function once(type, listener) {
  validateFunction(listener, 'listener')
  this.on(type, onceWrap(this, type, listener))
  return this
}
proto.prependOnceListener = function prependOnceListener(type, listener) {
  validateFunction(listener, 'listener')
  this.prependListener(type, onceWrap(this, type, listener))
  return this
}
proto.removeListener = function removeListener(type, listener) {
  validateFunction(listener, 'listener')
  return baseRemoveListener.call(this, type, listener)
}
proto.off = proto.removeListener

proto.listenerCount = function listenerCount(type, listener) {
  const events = this._events
  if (events === undefined) return 0
  const entry = events[type]
  if (entry === undefined) return 0
  if (typeof entry === 'function') {
    if (listener == null) return 1
    return entry === listener || entry.listener === listener ? 1 : 0
  }
  if (listener == null) return entry.length
  let matching = 0
  for (const item of entry) if (item === listener || item.listener === listener) matching++
  return matching
}

// Deprecated in Node, still there.
EventEmitter.listenerCount = function listenerCount(emitter, type) {
  if (typeof emitter.listenerCount === 'function') return emitter.listenerCount(type)
  return proto.listenerCount.call(emitter, type)
}

// ---------------------------------------------------------------------------------------
// Module functions.

function addAgnostic(emitter, name, listener, flags) {
  if (typeof emitter.on === 'function') {
    if (flags && flags.once) emitter.once(name, listener)
    else emitter.on(name, listener)
  } else if (typeof emitter.addEventListener === 'function') {
    emitter.addEventListener(name, listener, flags)
  } else {
    throw invalidArgType('emitter', 'EventEmitter', emitter)
  }
}
function removeAgnostic(emitter, name, listener, flags) {
  if (typeof emitter.removeListener === 'function') emitter.removeListener(name, listener)
  else if (typeof emitter.removeEventListener === 'function') emitter.removeEventListener(name, listener, flags)
  else throw invalidArgType('emitter', 'EventEmitter', emitter)
}

// once(emitter, name, { signal }): a promise of the arguments of the next `name` event;
// rejects on 'error' (EventEmitters only) and on abort.
export async function once(emitter, name, options = {}) {
  const signal = options?.signal
  validateAbortSignal(signal, 'options.signal')
  if (signal?.aborted) throw new AbortError(undefined, { cause: signal.reason })
  return new Promise((resolve, reject) => {
    const onError = (err) => {
      emitter.removeListener(name, onEvent)
      if (signal != null) removeAgnostic(signal, 'abort', onAbort)
      reject(err)
    }
    const onEvent = (...args) => {
      if (typeof emitter.removeListener === 'function') emitter.removeListener('error', onError)
      if (signal != null) removeAgnostic(signal, 'abort', onAbort)
      resolve(args)
    }
    const onAbort = () => {
      removeAgnostic(emitter, name, onEvent)
      if (typeof emitter.removeListener === 'function') emitter.removeListener('error', onError)
      reject(new AbortError(undefined, { cause: signal?.reason }))
    }
    addAgnostic(emitter, name, onEvent, { once: true })
    // EventTargets have no 'error' semantics: only EventEmitters are watched for it.
    if (name !== 'error' && typeof emitter.once === 'function') emitter.once('error', onError)
    if (signal != null) addAgnostic(signal, 'abort', onAbort, { once: true })
  })
}

// on(emitter, name, options): an async iterator of the argument arrays of `name` events.
export function on(emitter, event, options = {}) {
  const signal = options.signal
  validateAbortSignal(signal, 'options.signal')
  if (signal?.aborted) throw new AbortError(undefined, { cause: signal.reason })
  const high = options.highWaterMark ?? options.highWatermark ?? Number.MAX_SAFE_INTEGER
  validateInteger(high, 'options.highWaterMark', 1)
  const low = options.lowWaterMark ?? options.lowWatermark ?? 1
  validateInteger(low, 'options.lowWaterMark', 1)

  const events = [] // buffered argument arrays, oldest first
  const waiting = [] // pending next() promises, oldest first
  const attached = [] // [target, name, listener]
  let paused = false
  let error = null
  let finished = false
  let abortDisposable = null

  const result = (value, done) => ({ value, done })
  function listen(target, name, listener) {
    addAgnostic(target, name, listener)
    attached.push([target, name, listener])
  }
  function onEvent(args) {
    if (waiting.length > 0) {
      waiting.shift().resolve(result(args, false))
      return
    }
    events.push(args)
    if (!paused && events.length > high && typeof emitter.pause === 'function') {
      paused = true
      emitter.pause()
    }
  }
  function onError(err) {
    if (waiting.length > 0) waiting.shift().reject(err)
    else error = err
    close()
  }
  function close() {
    if (abortDisposable) {
      abortDisposable[SymbolDispose]()
      abortDisposable = null
    }
    for (const [target, name, listener] of attached.splice(0)) removeAgnostic(target, name, listener)
    finished = true
    const done = result(undefined, true)
    for (const pending of waiting.splice(0)) pending.resolve(done)
    return Promise.resolve(done)
  }

  const iterator = Object.setPrototypeOf(
    {
      next() {
        if (events.length > 0) {
          const value = events.shift()
          if (paused && events.length < low) {
            paused = false
            emitter.resume()
          }
          return Promise.resolve(result(value, false))
        }
        if (error) {
          const rejected = Promise.reject(error)
          error = null
          return rejected
        }
        if (finished) return close()
        return new Promise((resolve, reject) => waiting.push({ resolve, reject }))
      },
      return() {
        return close()
      },
      throw(err) {
        if (!err || !(err instanceof Error)) throw invalidArgType('EventEmitter.AsyncIterator', 'Error', err)
        onError(err)
      },
      [Symbol.asyncIterator]() {
        return this
      },
    },
    AsyncIteratorPrototype
  )
  Object.defineProperty(iterator, kWatermarkData, {
    enumerable: true,
    value: {
      get size() {
        return events.length
      },
      get low() {
        return low
      },
      get high() {
        return high
      },
      get isPaused() {
        return paused
      },
    },
  })

  listen(emitter, event, (...args) => onEvent(args))
  if (event !== 'error' && typeof emitter.on === 'function') listen(emitter, 'error', onError)
  const closeEvents = options?.close
  if (closeEvents?.length) for (const name of closeEvents) listen(emitter, name, close)
  if (signal) abortDisposable = addAbortListener(signal, () => onError(new AbortError(undefined, { cause: signal?.reason })))
  return iterator
}

// addAbortListener(signal, listener): runs `listener` once on abort (on a microtask if the
// signal is already aborted); the returned disposable removes it.
export function addAbortListener(signal, listener) {
  if (signal === undefined) throw invalidArgType('signal', 'AbortSignal', signal)
  validateAbortSignal(signal, 'signal')
  validateFunction(listener, 'listener')
  let remove
  if (signal.aborted) {
    queueMicrotask(() => listener())
  } else {
    signal.addEventListener('abort', listener, { once: true })
    remove = () => signal.removeEventListener('abort', listener)
  }
  return {
    __proto__: null,
    [SymbolDispose]() {
      remove?.()
    },
  }
}

export function getEventListeners(emitterOrTarget, type) {
  if (emitterOrTarget != null && typeof emitterOrTarget.listeners === 'function') return emitterOrTarget.listeners(type)
  if (isEventTarget(emitterOrTarget)) return []
  throw invalidArgType('emitter', ['EventEmitter', 'EventTarget'], emitterOrTarget)
}

export function getMaxListeners(emitterOrTarget) {
  if (emitterOrTarget != null && typeof emitterOrTarget.getMaxListeners === 'function') return maxListenersOf(emitterOrTarget)
  if (isEventTarget(emitterOrTarget)) return emitterOrTarget[kMaxEventTargetListeners] ?? EventEmitter.defaultMaxListeners
  throw invalidArgType('emitter', ['EventEmitter', 'EventTarget'], emitterOrTarget)
}

export function setMaxListeners(n = EventEmitter.defaultMaxListeners, ...eventTargets) {
  validateNumber(n, 'setMaxListeners', 0)
  if (eventTargets.length === 0) {
    EventEmitter.defaultMaxListeners = n
    return
  }
  for (const target of eventTargets) {
    if (isEventTarget(target)) {
      target[kMaxEventTargetListeners] = n
      target[kMaxEventTargetListenersWarned] = false
    } else if (target != null && typeof target.setMaxListeners === 'function') {
      target.setMaxListeners(n)
    } else {
      throw invalidArgType('eventTargets', ['EventEmitter', 'EventTarget'], target)
    }
  }
}

// Node's: the emitter owns an AsyncResource created with it, and `emit` runs the
// listeners inside that resource's scope, so they see the async context of the emitter's
// creation (plain emitters run listeners in the context of the `emit` call).
class EventEmitterReferencingAsyncResource extends AsyncResource {
  #eventEmitter
  constructor(emitter, type, options) {
    super(type, options)
    this.#eventEmitter = emitter
  }
  get eventEmitter() {
    return this.#eventEmitter
  }
}

export class EventEmitterAsyncResource extends EventEmitter {
  #resource
  constructor(options = undefined) {
    let name
    if (typeof options === 'string') {
      name = options
      options = undefined
    } else {
      name = options?.name || new.target.name
    }
    super(options)
    this.#resource = new EventEmitterReferencingAsyncResource(this, name, options)
  }
  emit(event, ...args) {
    return this.#resource.runInAsyncScope(super.emit, this, event, ...args)
  }
  emitDestroy() {
    this.#resource.emitDestroy()
  }
  get asyncId() {
    return this.#resource.asyncId()
  }
  get triggerAsyncId() {
    return this.#resource.triggerAsyncId()
  }
  get asyncResource() {
    return this.#resource
  }
}

EventEmitter.once = once
EventEmitter.on = on
EventEmitter.addAbortListener = addAbortListener
EventEmitter.getEventListeners = getEventListeners
EventEmitter.getMaxListeners = getMaxListeners
EventEmitter.setMaxListeners = setMaxListeners
EventEmitter.EventEmitterAsyncResource = EventEmitterAsyncResource

export { EventEmitter, errorMonitor, kRejection as captureRejectionSymbol }
export const init = EventEmitter.init
export const listenerCount = EventEmitter.listenerCount
export const usingDomains = false
// Kept in step with the static accessors above.
export let defaultMaxListeners = EventEmitter.defaultMaxListeners
export let captureRejections = EventEmitter.captureRejections
// Not in Node's module, for convenience: the Web event classes when the runtime has them.
export const EventTarget = globalThis.EventTarget
export const Event = globalThis.Event
export const CustomEvent = globalThis.CustomEvent
export default EventEmitter
