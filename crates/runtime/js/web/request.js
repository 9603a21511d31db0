// `Request.prototype.signal` as Node 20 (undici) has it: every Request carries an
// AbortSignal, one of its own that follows the `signal` given in the init (or the input
// Request's), so packages that combine it (`AbortSignal.any([req.signal, ...])`, tRPC's
// resolveResponse) or listen to it work. LLRT's Request answers `undefined` without an
// init signal and is otherwise kept as it is. A plain script, evaluated once per runtime
// after LLRT's globals, before user code.
;(function requestSignal() {
  'use strict'
  const Base = globalThis.Request
  const AbortControllerCtor = globalThis.AbortController
  if (typeof Base !== 'function' || typeof AbortControllerCtor !== 'function') return
  const baseSignal = Object.getOwnPropertyDescriptor(Base.prototype, 'signal')
  if (!baseSignal || typeof baseSignal.get !== 'function') return
  const FOLLOWED = Symbol('apiroutes.request.followedSignal')
  const OWN = Symbol('apiroutes.request.signal')

  class Request extends Base {
    constructor(input, init) {
      super(input, init)
      const given = init !== undefined && init !== null && init.signal != null ? init.signal : undefined
      const inherited = given === undefined && input instanceof Base ? input.signal : undefined
      Object.defineProperty(this, FOLLOWED, { value: given !== undefined ? given : inherited, writable: true })
    }
    get signal() {
      if (this[OWN] === undefined) {
        const controller = new AbortControllerCtor()
        const followed = this[FOLLOWED]
        if (followed !== undefined && followed !== null) {
          if (followed.aborted) controller.abort(followed.reason)
          else followed.addEventListener('abort', () => controller.abort(followed.reason), { once: true })
        }
        Object.defineProperty(this, OWN, { value: controller.signal })
      }
      return this[OWN]
    }
    clone() {
      const copy = super.clone()
      Object.setPrototypeOf(copy, Object.getPrototypeOf(this))
      Object.defineProperty(copy, FOLLOWED, { value: this.signal, writable: true })
      return copy
    }
  }
  Object.defineProperty(Request, 'name', { value: 'Request' })
  globalThis.Request = Request
})()
