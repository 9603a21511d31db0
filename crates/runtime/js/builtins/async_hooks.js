// `async_hooks`: Node 20's AsyncLocalStorage and AsyncResource over the engine's async
// context slot (vendor/rquickjs-sys patch 0002, crates/runtime/src/async_context.rs).
//
// The slot holds the current *context*: `undefined` or an immutable Map from a storage's
// key to its store. Every promise reaction captures the context when `then`/`await`
// registers it, `queueMicrotask` and `process.nextTick` callbacks when they are queued,
// and our timers when they are scheduled; each runs with its context restored. So a store
// follows a request through any number of awaits, `.then`s and timers, and a promise
// created in one context and awaited in another continues in the awaiting one, as in
// Node. A Map in the slot is never changed: `run` and `enterWith` install a new one.
//
// Event emitters do not propagate context (as in Node): a listener runs in the context
// of whoever calls `emit`, unless the emitter is an EventEmitterAsyncResource.
//
// Left out, documented: `createHook` returns a hook whose enable/disable do nothing (the
// engine has no init/before/after/destroy events); `executionAsyncId`/`triggerAsyncId`
// and `AsyncResource#asyncId` are plain counters: ids of AsyncResource scopes entered
// with `runInAsyncScope`, 1 and 0 at the top level, not one per promise or timer.

const slot = globalThis[Symbol.for('apiroutes.asyncContext')]
const getContext = slot.get
const setContext = slot.set

function invalidArgType(name, expected, actual) {
  let received
  if (actual === null || actual === undefined) received = ` Received ${actual}`
  else if (typeof actual === 'function') received = ` Received function ${actual.name}`
  else if (typeof actual === 'object') received = ' Received an instance of ' + (actual.constructor?.name || 'Object')
  else {
    let shown = String(actual)
    if (shown.length > 25) shown = shown.slice(0, 25) + '...'
    if (typeof actual === 'string') shown = `'${shown}'`
    received = ` Received type ${typeof actual} (${shown})`
  }
  const err = new TypeError(`The "${name}" argument must be of type ${expected}.${received}`)
  err.code = 'ERR_INVALID_ARG_TYPE'
  return err
}

function validateFunction(value, name) {
  if (typeof value !== 'function') throw invalidArgType(name, 'function', value)
}

// The context with `key` mapped to `store` (or removed when `remove`).
function withEntry(context, key, store, remove) {
  const next = context === undefined ? new Map() : new Map(context)
  if (remove) next.delete(key)
  else next.set(key, store)
  return next.size === 0 ? undefined : next
}

function runInContext(context, fn, thisArg, args) {
  const previous = getContext()
  setContext(context)
  try {
    return Reflect.apply(fn, thisArg, args)
  } finally {
    setContext(previous)
  }
}

// ------------------------------------------------------------------ async ids

let nextAsyncId = 2
let currentAsyncId = 1
let currentTriggerId = 0

export function executionAsyncId() {
  return currentAsyncId
}

export function triggerAsyncId() {
  return currentTriggerId
}

const topLevelResource = {}
let currentResource = topLevelResource

export function executionAsyncResource() {
  return currentResource
}

export function createHook(callbacks) {
  if (callbacks === null || typeof callbacks !== 'object') throw invalidArgType('callbacks', 'object', callbacks)
  for (const name of ['init', 'before', 'after', 'destroy', 'promiseResolve']) {
    if (callbacks[name] !== undefined && typeof callbacks[name] !== 'function') {
      const err = new TypeError(`hook.${name} must be a function`)
      err.code = 'ERR_ASYNC_CALLBACK'
      throw err
    }
  }
  // The engine emits no resource events: enabling the hook is accepted and does nothing.
  return {
    enable() {
      return this
    },
    disable() {
      return this
    },
  }
}

export const asyncWrapProviders = Object.freeze({ __proto__: null, NONE: 0 })

// ------------------------------------------------------------------ AsyncResource

const kContext = Symbol('kContext')
const kAsyncId = Symbol('asyncId')
const kTriggerAsyncId = Symbol('triggerAsyncId')

export class AsyncResource {
  constructor(type, opts = {}) {
    if (typeof type !== 'string') throw invalidArgType('type', 'string', type)
    let triggerId = currentAsyncId
    if (typeof opts === 'number') triggerId = opts
    else if (opts !== null && typeof opts === 'object' && opts.triggerAsyncId !== undefined) triggerId = opts.triggerAsyncId
    if (!Number.isSafeInteger(triggerId) || triggerId < -1) {
      const err = new RangeError(`Invalid triggerAsyncId value: ${triggerId}`)
      err.code = 'ERR_INVALID_ASYNC_ID'
      throw err
    }
    this[kContext] = getContext()
    this[kAsyncId] = nextAsyncId++
    this[kTriggerAsyncId] = triggerId
  }

  runInAsyncScope(fn, thisArg, ...args) {
    const savedId = currentAsyncId
    const savedTrigger = currentTriggerId
    const savedResource = currentResource
    currentAsyncId = this[kAsyncId]
    currentTriggerId = this[kTriggerAsyncId]
    currentResource = this
    try {
      return runInContext(this[kContext], fn, thisArg, args)
    } finally {
      currentAsyncId = savedId
      currentTriggerId = savedTrigger
      currentResource = savedResource
    }
  }

  emitDestroy() {
    return this
  }

  asyncId() {
    return this[kAsyncId]
  }

  triggerAsyncId() {
    return this[kTriggerAsyncId]
  }

  bind(fn, thisArg) {
    validateFunction(fn, 'fn')
    let bound
    if (thisArg === undefined) {
      const resource = this
      bound = function (...args) {
        return resource.runInAsyncScope(fn, this, ...args)
      }
    } else {
      bound = this.runInAsyncScope.bind(this, fn, thisArg)
    }
    let self = this
    Object.defineProperties(bound, {
      length: { configurable: true, enumerable: false, value: fn.length, writable: false },
      asyncResource: {
        configurable: true,
        enumerable: true,
        get() {
          return self
        },
        set(value) {
          self = value
        },
      },
    })
    return bound
  }

  static bind(fn, type, thisArg) {
    type = type || fn.name || 'bound-anonymous-fn'
    return new AsyncResource(type).bind(fn, thisArg)
  }
}

// ------------------------------------------------------------------ AsyncLocalStorage

export class AsyncLocalStorage {
  #key = Symbol('AsyncLocalStorage')
  #enabled = false

  static bind(fn) {
    return AsyncResource.bind(fn)
  }

  static snapshot() {
    const context = getContext()
    return function runInAsyncScope(fn, ...args) {
      return runInContext(context, fn, null, args)
    }
  }

  disable() {
    // getStore answers undefined until run or enterWith enables the storage again; as in
    // Node 20, work scheduled before disable() sees its store again once re-enabled.
    this.#enabled = false
  }

  getStore() {
    if (!this.#enabled) return undefined
    const context = getContext()
    return context === undefined ? undefined : context.get(this.#key)
  }

  enterWith(store) {
    this.#enabled = true
    setContext(withEntry(getContext(), this.#key, store, false))
  }

  run(store, callback, ...args) {
    this.#enabled = true
    return runInContext(withEntry(getContext(), this.#key, store, false), callback, null, args)
  }

  exit(callback, ...args) {
    if (!this.#enabled) return Reflect.apply(callback, null, args)
    return runInContext(withEntry(getContext(), this.#key, undefined, true), callback, null, args)
  }
}

export default {
  AsyncLocalStorage,
  AsyncResource,
  asyncWrapProviders,
  createHook,
  executionAsyncId,
  executionAsyncResource,
  triggerAsyncId,
}
