// `events` built-in of apiroutes: GENERATED, do not edit by hand.
// events v3.3.0 (MIT licence, Copyright Joyent, Inc. and other Node contributors), bundled into one ES module with esbuild v0.28.2
// by regenerate-stream.sh beside this file; rerun it to update.
// with the newer Node statics (on, errorMonitor, addAbortListener, ...) added in the entry of the script.
//
// The licence of events, as the MIT licence asks:
//   MIT
//
//   Copyright Joyent, Inc. and other Node contributors.
//
//   Permission is hereby granted, free of charge, to any person obtaining a
//   copy of this software and associated documentation files (the
//   "Software"), to deal in the Software without restriction, including
//   without limitation the rights to use, copy, modify, merge, publish,
//   distribute, sublicense, and/or sell copies of the Software, and to permit
//   persons to whom the Software is furnished to do so, subject to the
//   following conditions:
//
//   The above copyright notice and this permission notice shall be included
//   in all copies or substantial portions of the Software.
//
//   THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS
//   OR IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF
//   MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN
//   NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM,
//   DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR
//   OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE
//   USE OR OTHER DEALINGS IN THE SOFTWARE.
var __create = Object.create;
var __defProp = Object.defineProperty;
var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __getProtoOf = Object.getPrototypeOf, __hasOwnProp = Object.prototype.hasOwnProperty;
var __commonJS = (cb, mod) => function() {
  try {
    return mod || (0, cb[__getOwnPropNames(cb)[0]])((mod = { exports: {} }).exports, mod), mod.exports;
  } catch (e) {
    throw mod = 0, e;
  }
};
var __copyProps = (to, from, except, desc) => {
  if (from && typeof from == "object" || typeof from == "function")
    for (let key of __getOwnPropNames(from))
      !__hasOwnProp.call(to, key) && key !== except && __defProp(to, key, { get: () => from[key], enumerable: !(desc = __getOwnPropDesc(from, key)) || desc.enumerable });
  return to;
};
var __toESM = (mod, isNodeMode, target) => (target = mod != null ? __create(__getProtoOf(mod)) : {}, __copyProps(
  // If the importer is in node compatibility mode or this is not an ESM
  // file that has been converted to a CommonJS file using a Babel-
  // compatible transform (i.e. "__esModule" has not been set), then set
  // "default" to the CommonJS "module.exports" for node compatibility.
  isNodeMode || !mod || !mod.__esModule ? __defProp(target, "default", { value: mod, enumerable: !0 }) : target,
  mod
));

// node_modules/events/events.js
var require_events = __commonJS({
  "node_modules/events/events.js"(exports, module) {
    "use strict";
    var R = typeof Reflect == "object" ? Reflect : null, ReflectApply = R && typeof R.apply == "function" ? R.apply : function(target, receiver, args) {
      return Function.prototype.apply.call(target, receiver, args);
    }, ReflectOwnKeys;
    R && typeof R.ownKeys == "function" ? ReflectOwnKeys = R.ownKeys : Object.getOwnPropertySymbols ? ReflectOwnKeys = function(target) {
      return Object.getOwnPropertyNames(target).concat(Object.getOwnPropertySymbols(target));
    } : ReflectOwnKeys = function(target) {
      return Object.getOwnPropertyNames(target);
    };
    function ProcessEmitWarning(warning) {
      console && console.warn && console.warn(warning);
    }
    var NumberIsNaN = Number.isNaN || function(value) {
      return value !== value;
    };
    function EventEmitter2() {
      EventEmitter2.init.call(this);
    }
    module.exports = EventEmitter2;
    module.exports.once = once2;
    EventEmitter2.EventEmitter = EventEmitter2;
    EventEmitter2.prototype._events = void 0;
    EventEmitter2.prototype._eventsCount = 0;
    EventEmitter2.prototype._maxListeners = void 0;
    var defaultMaxListeners = 10;
    function checkListener(listener) {
      if (typeof listener != "function")
        throw new TypeError('The "listener" argument must be of type Function. Received type ' + typeof listener);
    }
    Object.defineProperty(EventEmitter2, "defaultMaxListeners", {
      enumerable: !0,
      get: function() {
        return defaultMaxListeners;
      },
      set: function(arg) {
        if (typeof arg != "number" || arg < 0 || NumberIsNaN(arg))
          throw new RangeError('The value of "defaultMaxListeners" is out of range. It must be a non-negative number. Received ' + arg + ".");
        defaultMaxListeners = arg;
      }
    });
    EventEmitter2.init = function() {
      (this._events === void 0 || this._events === Object.getPrototypeOf(this)._events) && (this._events = /* @__PURE__ */ Object.create(null), this._eventsCount = 0), this._maxListeners = this._maxListeners || void 0;
    };
    EventEmitter2.prototype.setMaxListeners = function(n) {
      if (typeof n != "number" || n < 0 || NumberIsNaN(n))
        throw new RangeError('The value of "n" is out of range. It must be a non-negative number. Received ' + n + ".");
      return this._maxListeners = n, this;
    };
    function _getMaxListeners(that) {
      return that._maxListeners === void 0 ? EventEmitter2.defaultMaxListeners : that._maxListeners;
    }
    EventEmitter2.prototype.getMaxListeners = function() {
      return _getMaxListeners(this);
    };
    EventEmitter2.prototype.emit = function(type) {
      for (var args = [], i = 1; i < arguments.length; i++) args.push(arguments[i]);
      var doError = type === "error", events = this._events;
      if (events !== void 0)
        doError = doError && events.error === void 0;
      else if (!doError)
        return !1;
      if (doError) {
        var er;
        if (args.length > 0 && (er = args[0]), er instanceof Error)
          throw er;
        var err = new Error("Unhandled error." + (er ? " (" + er.message + ")" : ""));
        throw err.context = er, err;
      }
      var handler = events[type];
      if (handler === void 0)
        return !1;
      if (typeof handler == "function")
        ReflectApply(handler, this, args);
      else
        for (var len = handler.length, listeners = arrayClone(handler, len), i = 0; i < len; ++i)
          ReflectApply(listeners[i], this, args);
      return !0;
    };
    function _addListener(target, type, listener, prepend) {
      var m, events, existing;
      if (checkListener(listener), events = target._events, events === void 0 ? (events = target._events = /* @__PURE__ */ Object.create(null), target._eventsCount = 0) : (events.newListener !== void 0 && (target.emit(
        "newListener",
        type,
        listener.listener ? listener.listener : listener
      ), events = target._events), existing = events[type]), existing === void 0)
        existing = events[type] = listener, ++target._eventsCount;
      else if (typeof existing == "function" ? existing = events[type] = prepend ? [listener, existing] : [existing, listener] : prepend ? existing.unshift(listener) : existing.push(listener), m = _getMaxListeners(target), m > 0 && existing.length > m && !existing.warned) {
        existing.warned = !0;
        var w = new Error("Possible EventEmitter memory leak detected. " + existing.length + " " + String(type) + " listeners added. Use emitter.setMaxListeners() to increase limit");
        w.name = "MaxListenersExceededWarning", w.emitter = target, w.type = type, w.count = existing.length, ProcessEmitWarning(w);
      }
      return target;
    }
    EventEmitter2.prototype.addListener = function(type, listener) {
      return _addListener(this, type, listener, !1);
    };
    EventEmitter2.prototype.on = EventEmitter2.prototype.addListener;
    EventEmitter2.prototype.prependListener = function(type, listener) {
      return _addListener(this, type, listener, !0);
    };
    function onceWrapper() {
      if (!this.fired)
        return this.target.removeListener(this.type, this.wrapFn), this.fired = !0, arguments.length === 0 ? this.listener.call(this.target) : this.listener.apply(this.target, arguments);
    }
    function _onceWrap(target, type, listener) {
      var state = { fired: !1, wrapFn: void 0, target, type, listener }, wrapped = onceWrapper.bind(state);
      return wrapped.listener = listener, state.wrapFn = wrapped, wrapped;
    }
    EventEmitter2.prototype.once = function(type, listener) {
      return checkListener(listener), this.on(type, _onceWrap(this, type, listener)), this;
    };
    EventEmitter2.prototype.prependOnceListener = function(type, listener) {
      return checkListener(listener), this.prependListener(type, _onceWrap(this, type, listener)), this;
    };
    EventEmitter2.prototype.removeListener = function(type, listener) {
      var list, events, position, i, originalListener;
      if (checkListener(listener), events = this._events, events === void 0)
        return this;
      if (list = events[type], list === void 0)
        return this;
      if (list === listener || list.listener === listener)
        --this._eventsCount === 0 ? this._events = /* @__PURE__ */ Object.create(null) : (delete events[type], events.removeListener && this.emit("removeListener", type, list.listener || listener));
      else if (typeof list != "function") {
        for (position = -1, i = list.length - 1; i >= 0; i--)
          if (list[i] === listener || list[i].listener === listener) {
            originalListener = list[i].listener, position = i;
            break;
          }
        if (position < 0)
          return this;
        position === 0 ? list.shift() : spliceOne(list, position), list.length === 1 && (events[type] = list[0]), events.removeListener !== void 0 && this.emit("removeListener", type, originalListener || listener);
      }
      return this;
    };
    EventEmitter2.prototype.off = EventEmitter2.prototype.removeListener;
    EventEmitter2.prototype.removeAllListeners = function(type) {
      var listeners, events, i;
      if (events = this._events, events === void 0)
        return this;
      if (events.removeListener === void 0)
        return arguments.length === 0 ? (this._events = /* @__PURE__ */ Object.create(null), this._eventsCount = 0) : events[type] !== void 0 && (--this._eventsCount === 0 ? this._events = /* @__PURE__ */ Object.create(null) : delete events[type]), this;
      if (arguments.length === 0) {
        var keys = Object.keys(events), key;
        for (i = 0; i < keys.length; ++i)
          key = keys[i], key !== "removeListener" && this.removeAllListeners(key);
        return this.removeAllListeners("removeListener"), this._events = /* @__PURE__ */ Object.create(null), this._eventsCount = 0, this;
      }
      if (listeners = events[type], typeof listeners == "function")
        this.removeListener(type, listeners);
      else if (listeners !== void 0)
        for (i = listeners.length - 1; i >= 0; i--)
          this.removeListener(type, listeners[i]);
      return this;
    };
    function _listeners(target, type, unwrap) {
      var events = target._events;
      if (events === void 0)
        return [];
      var evlistener = events[type];
      return evlistener === void 0 ? [] : typeof evlistener == "function" ? unwrap ? [evlistener.listener || evlistener] : [evlistener] : unwrap ? unwrapListeners(evlistener) : arrayClone(evlistener, evlistener.length);
    }
    EventEmitter2.prototype.listeners = function(type) {
      return _listeners(this, type, !0);
    };
    EventEmitter2.prototype.rawListeners = function(type) {
      return _listeners(this, type, !1);
    };
    EventEmitter2.listenerCount = function(emitter, type) {
      return typeof emitter.listenerCount == "function" ? emitter.listenerCount(type) : listenerCount2.call(emitter, type);
    };
    EventEmitter2.prototype.listenerCount = listenerCount2;
    function listenerCount2(type) {
      var events = this._events;
      if (events !== void 0) {
        var evlistener = events[type];
        if (typeof evlistener == "function")
          return 1;
        if (evlistener !== void 0)
          return evlistener.length;
      }
      return 0;
    }
    EventEmitter2.prototype.eventNames = function() {
      return this._eventsCount > 0 ? ReflectOwnKeys(this._events) : [];
    };
    function arrayClone(arr, n) {
      for (var copy = new Array(n), i = 0; i < n; ++i)
        copy[i] = arr[i];
      return copy;
    }
    function spliceOne(list, index) {
      for (; index + 1 < list.length; index++)
        list[index] = list[index + 1];
      list.pop();
    }
    function unwrapListeners(arr) {
      for (var ret = new Array(arr.length), i = 0; i < ret.length; ++i)
        ret[i] = arr[i].listener || arr[i];
      return ret;
    }
    function once2(emitter, name) {
      return new Promise(function(resolve, reject) {
        function errorListener(err) {
          emitter.removeListener(name, resolver), reject(err);
        }
        function resolver() {
          typeof emitter.removeListener == "function" && emitter.removeListener("error", errorListener), resolve([].slice.call(arguments));
        }
        eventTargetAgnosticAddListener(emitter, name, resolver, { once: !0 }), name !== "error" && addErrorHandlerIfEventEmitter(emitter, errorListener, { once: !0 });
      });
    }
    function addErrorHandlerIfEventEmitter(emitter, handler, flags) {
      typeof emitter.on == "function" && eventTargetAgnosticAddListener(emitter, "error", handler, flags);
    }
    function eventTargetAgnosticAddListener(emitter, name, listener, flags) {
      if (typeof emitter.on == "function")
        flags.once ? emitter.once(name, listener) : emitter.on(name, listener);
      else if (typeof emitter.addEventListener == "function")
        emitter.addEventListener(name, function wrapListener(arg) {
          flags.once && emitter.removeEventListener(name, wrapListener), listener(arg);
        });
      else
        throw new TypeError('The "emitter" argument must be of type EventEmitter. Received type ' + typeof emitter);
    }
  }
});

// events-entry.mjs
var import_events = __toESM(require_events(), 1), kRejection = /* @__PURE__ */ Symbol.for("nodejs.rejection"), errorMonitor = /* @__PURE__ */ Symbol("events.errorMonitor");
import_events.default.captureRejectionSymbol = kRejection;
import_events.default.captureRejections = !1;
import_events.default.errorMonitor = errorMonitor;
var baseEmit = import_events.default.prototype.emit;
import_events.default.prototype.emit = function(type, ...args) {
  return type === "error" && this._events !== void 0 && this._events[errorMonitor] !== void 0 && baseEmit.call(this, errorMonitor, ...args), baseEmit.call(this, type, ...args);
};
function getEventListeners(target, type) {
  return target && typeof target.listeners == "function" ? target.listeners(type) : [];
}
function setMaxListeners(n = import_events.default.defaultMaxListeners, ...targets) {
  targets.length === 0 && (import_events.default.defaultMaxListeners = n);
  for (let target of targets) target && typeof target.setMaxListeners == "function" && target.setMaxListeners(n);
}
function addAbortListener(signal, listener) {
  if (signal == null) throw new TypeError('The "signal" argument must be an AbortSignal');
  let removed = !1, run = () => {
    removed || (removed = !0, listener({ type: "abort", target: signal }));
  };
  signal.aborted ? queueMicrotask(run) : signal.addEventListener("abort", run, { once: !0 });
  let dispose = () => {
    removed = !0, signal.removeEventListener("abort", run);
  };
  return { [Symbol.dispose || /* @__PURE__ */ Symbol.for("nodejs.dispose")]: dispose, dispose };
}
function on(emitter, event, options = {}) {
  let queue = [], waiting = [], error = null, done = !1, signal = options.signal, push = (...args) => {
    let next = waiting.shift();
    next ? next.resolve({ value: args, done: !1 }) : queue.push(args);
  }, fail = (err) => {
    done = !0;
    let next = waiting.shift();
    next ? next.reject(err) : error = err, cleanup();
  }, cleanup = () => {
    emitter.removeListener(event, push), event !== "error" && emitter.removeListener("error", fail);
    for (let w of waiting.splice(0)) w.resolve({ value: void 0, done: !0 });
  };
  return emitter.on(event, push), event !== "error" && emitter.on("error", fail), signal && signal.addEventListener("abort", () => fail(Object.assign(new Error("The operation was aborted"), { name: "AbortError", code: "ABORT_ERR" })), { once: !0 }), {
    next() {
      if (queue.length) return Promise.resolve({ value: queue.shift(), done: !1 });
      if (error) {
        let err = error;
        return error = null, Promise.reject(err);
      }
      return done ? Promise.resolve({ value: void 0, done: !0 }) : new Promise((resolve, reject) => waiting.push({ resolve, reject }));
    },
    return() {
      return done = !0, cleanup(), Promise.resolve({ value: void 0, done: !0 });
    },
    throw(err) {
      return fail(err), Promise.reject(err);
    },
    [Symbol.asyncIterator]() {
      return this;
    }
  };
}
import_events.default.on = on;
import_events.default.getEventListeners = getEventListeners;
import_events.default.setMaxListeners = setMaxListeners;
import_events.default.addAbortListener = addAbortListener;
var once = import_events.default.once, listenerCount = import_events.default.listenerCount;
var events_entry_default = import_events.default;
var export_EventEmitter = import_events.default;
export {
  export_EventEmitter as EventEmitter,
  addAbortListener,
  kRejection as captureRejectionSymbol,
  events_entry_default as default,
  errorMonitor,
  getEventListeners,
  listenerCount,
  on,
  once,
  setMaxListeners
};
