// `perf_hooks`: the global `performance` (now, timeOrigin, mark/measure where the
// platform has them) and a minimal `PerformanceObserver` that accepts observers.
const perf = globalThis.performance

export const performance = perf
export const constants = Object.freeze({
  NODE_PERFORMANCE_GC_MAJOR: 4,
  NODE_PERFORMANCE_GC_MINOR: 1,
  NODE_PERFORMANCE_GC_INCREMENTAL: 8,
  NODE_PERFORMANCE_GC_WEAKCB: 16,
})

export class PerformanceObserver {
  constructor(callback) {
    if (typeof callback !== 'function') {
      const err = new TypeError('The "callback" argument must be of type function')
      err.code = 'ERR_INVALID_ARG_TYPE'
      throw err
    }
    this._callback = callback
  }
  observe() {}
  disconnect() {}
  static get supportedEntryTypes() {
    return []
  }
}

export function monitorEventLoopDelay() {
  return {
    enable() {},
    disable() {},
    reset() {},
    percentile: () => 0,
    min: 0,
    max: 0,
    mean: 0,
    stddev: 0,
    exceeds: 0,
  }
}

export default { performance, PerformanceObserver, constants, monitorEventLoopDelay }
