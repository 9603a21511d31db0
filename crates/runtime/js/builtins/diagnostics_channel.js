// `diagnostics_channel`: named channels with subscribe/unsubscribe/publish, as Node has
// them (libraries such as undici, pino and fastify publish to them; with no subscriber
// publishing costs a check). `tracingChannel` gives the start/end/asyncStart/asyncEnd/error
// channel set with traceSync/tracePromise/traceCallback.
const channels = new Map()

export class Channel {
  constructor(name) {
    this.name = name
    this._subscribers = []
    this._stores = new Map()
  }
  get hasSubscribers() {
    return this._subscribers.length > 0 || this._stores.size > 0
  }
  subscribe(onMessage) {
    if (typeof onMessage !== 'function') {
      const err = new TypeError('The "subscription" argument must be of type function')
      err.code = 'ERR_INVALID_ARG_TYPE'
      throw err
    }
    this._subscribers.push(onMessage)
  }
  unsubscribe(onMessage) {
    const index = this._subscribers.indexOf(onMessage)
    if (index < 0) return false
    this._subscribers.splice(index, 1)
    return true
  }
  publish(message) {
    for (const subscriber of this._subscribers.slice()) {
      try {
        subscriber(message, this.name)
      } catch (error) {
        queueMicrotask(() => {
          throw error
        })
      }
    }
  }
  bindStore(store, transform) {
    this._stores.set(store, transform)
  }
  unbindStore(store) {
    return this._stores.delete(store)
  }
  runStores(data, fn, thisArg, ...args) {
    this.publish(data)
    return fn.apply(thisArg, args)
  }
}

export function channel(name) {
  if (typeof name !== 'string' && typeof name !== 'symbol') {
    const err = new TypeError('The "channel" argument must be of type string or symbol')
    err.code = 'ERR_INVALID_ARG_TYPE'
    throw err
  }
  let found = channels.get(name)
  if (!found) {
    found = new Channel(name)
    channels.set(name, found)
  }
  return found
}

export function hasSubscribers(name) {
  const found = channels.get(name)
  return found ? found.hasSubscribers : false
}

export function subscribe(name, onMessage) {
  channel(name).subscribe(onMessage)
}

export function unsubscribe(name, onMessage) {
  return channel(name).unsubscribe(onMessage)
}

class TracingChannel {
  constructor(nameOrChannels) {
    const names = ['start', 'end', 'asyncStart', 'asyncEnd', 'error']
    for (const kind of names) {
      this[kind] =
        typeof nameOrChannels === 'string' ? channel(`tracing:${nameOrChannels}:${kind}`) : nameOrChannels[kind]
    }
  }
  get hasSubscribers() {
    return this.start.hasSubscribers || this.end.hasSubscribers || this.asyncStart.hasSubscribers ||
      this.asyncEnd.hasSubscribers || this.error.hasSubscribers
  }
  subscribe(handlers) {
    for (const kind of Object.keys(handlers)) if (this[kind]) this[kind].subscribe(handlers[kind])
  }
  unsubscribe(handlers) {
    let all = true
    for (const kind of Object.keys(handlers)) if (this[kind] && !this[kind].unsubscribe(handlers[kind])) all = false
    return all
  }
  _failed(context, error) {
    context.error = error
    this.error.publish(context)
    return error
  }
  _settled(context) {
    this.asyncStart.publish(context)
    this.asyncEnd.publish(context)
  }
  traceSync(fn, context = {}, thisArg, ...args) {
    this.start.publish(context)
    try {
      const result = fn.apply(thisArg, args)
      context.result = result
      return result
    } catch (error) {
      throw this._failed(context, error)
    } finally {
      this.end.publish(context)
    }
  }
  tracePromise(fn, context = {}, thisArg, ...args) {
    this.start.publish(context)
    try {
      const promise = Promise.resolve(fn.apply(thisArg, args))
      return promise.then(
        (result) => {
          context.result = result
          this._settled(context)
          return result
        },
        (error) => {
          this._failed(context, error)
          this._settled(context)
          throw error
        }
      )
    } catch (error) {
      throw this._failed(context, error)
    } finally {
      this.end.publish(context)
    }
  }
  traceCallback(fn, position = -1, context = {}, thisArg, ...args) {
    const index = position < 0 ? args.length + position : position
    const callback = args[index]
    args[index] = (err, ...results) => {
      if (err) {
        this._failed(context, err)
      } else {
        context.result = results[0]
      }
      this.asyncStart.publish(context)
      try {
        return callback.call(thisArg, err, ...results)
      } finally {
        this.asyncEnd.publish(context)
      }
    }
    return this.traceSync(fn, context, thisArg, ...args)
  }
}

export function tracingChannel(nameOrChannels) {
  return new TracingChannel(nameOrChannels)
}

export default { channel, hasSubscribers, subscribe, unsubscribe, tracingChannel, Channel }
