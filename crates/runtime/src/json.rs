//! `JSON.stringify` in Rust, walking QuickJS values directly.
//!
//! `res.json()` / `res.send(object)` serialise every response body; QuickJS's own
//! `JSON.stringify` builds the text through its generic string buffer, re-quotes every
//! property key and goes through the `Object.keys` array, which makes it several times
//! slower than it needs to be. This module produces the same bytes by mirroring quickjs-ng's `js_json_check` /
//! `js_json_to_str` step for step, through the engine's public C API:
//!
//! * the same observable operations in the same order: `Get(value, "toJSON")` on every
//!   object and BigInt, the `toJSON` call with the property key, `ToString` / `ToNumber`
//!   on boxed strings and numbers, `Get(array, "length")` and an indexed `Get` per element
//!   (holes read through the prototype chain), `Object.keys` order for other objects
//!   (integer keys first, ascending, then insertion order) and one `Get` per key (getters
//!   and Proxy traps run exactly as in the engine);
//! * the same text: strings are escaped like `JS_ToQuotedString` (`\b\f\n\r\t`, other
//!   control characters and lone surrogates as lowercase `\u00xx` / `\udxxx`), and
//!   non-integer numbers follow ECMAScript's Number-to-String (ryu's shortest digits,
//!   checked against the engine's own `js_dtoa` over millions of doubles in the tests;
//!   powers of two, where the engine is not always shortest, call `js_dtoa` itself);
//! * the same errors: `TypeError: circular reference`, `TypeError: BigInt are forbidden in
//!   JSON.stringify`, and the engine's own stack-overflow `RangeError` for absurd nesting.
//!
//! The speed comes from what the engine does not need to do here: keys are escaped once
//! per call and cached by atom, ASCII strings are read in place, and the text is written
//! into one reused byte buffer that becomes a single JS string at the end. A `replacer` or
//! `space` argument is handed to the engine unchanged (those paths are rare and a fallback
//! to the engine is always exact).

use std::cell::RefCell;
use std::collections::HashMap;
use std::ffi::{c_char, c_int, c_void};
use std::hash::{BuildHasherDefault, Hasher};

use rquickjs::function::{Opt, This};
use rquickjs::{qjs, Array, Ctx, Function, Object, Value};

/// Engine values captured before any user code runs, so that a project overwriting
/// `Array.isArray` or `Boolean.prototype.valueOf` cannot change what the serializer sees
/// (the engine uses its internal equivalents).
pub struct Intrinsics<'js> {
    /// `Array.isArray`: `IsArray` for Proxy objects (which must see through to the
    /// target and throw when revoked); also a cheap native call used to let the engine
    /// check the stack depth.
    is_array: Function<'js>,
    /// `Boolean.prototype.valueOf`: reads a `new Boolean(...)`'s internal value without
    /// observable side effects, as the engine does.
    boolean_value_of: Function<'js>,
    classes: BoxClasses,
}

/// Class ids of the boxed primitives, read from real instances (the engine's class
/// enum is internal, so these are not hard-coded).
#[derive(Clone, Copy)]
struct BoxClasses {
    number: u32,
    string: u32,
    boolean: u32,
    bigint: u32,
}

const CAPTURE_SCRIPT: &str = "[Array.isArray, Boolean.prototype.valueOf, \
    new Number(0), new String(''), new Boolean(false), Object(0n)]";

impl<'js> Intrinsics<'js> {
    /// Reads the intrinsics from `ctx`; call it before user code runs.
    pub fn capture(ctx: &Ctx<'js>) -> rquickjs::Result<Self> {
        let list: rquickjs::Array = ctx.eval(CAPTURE_SCRIPT)?;
        let class_of = |index: usize| -> rquickjs::Result<u32> {
            let value: Value = list.get(index)?;
            // SAFETY: reading the class id of a live value has no preconditions.
            Ok(unsafe { qjs::JS_GetClassID(value.as_raw()) })
        };
        Ok(Self {
            is_array: list.get(0)?,
            boolean_value_of: list.get(1)?,
            classes: BoxClasses {
                number: class_of(2)?,
                string: class_of(3)?,
                boolean: class_of(4)?,
                bigint: class_of(5)?,
            },
        })
    }
}

impl<'js> Intrinsics<'js> {
    /// The JS values as an array a native function can carry as its bound `this` (see
    /// [`native_function`]), and the class ids, which are plain numbers.
    fn into_holder(self, ctx: &Ctx<'js>) -> rquickjs::Result<(Array<'js>, BoxClasses)> {
        let holder = Array::new(ctx.clone())?;
        holder.set(0, self.is_array)?;
        holder.set(1, self.boolean_value_of)?;
        Ok((holder, self.classes))
    }

    fn from_holder(holder: &Array<'js>, classes: BoxClasses) -> rquickjs::Result<Self> {
        Ok(Self {
            is_array: holder.get(0)?,
            boolean_value_of: holder.get(1)?,
            classes,
        })
    }
}

/// `function.bind(holder)`.
fn bind_holder<'js>(
    function: Function<'js>,
    holder: Array<'js>,
) -> rquickjs::Result<Function<'js>> {
    let bind: Function = function.get("bind")?;
    bind.call((This(function), holder))
}

/// Builds the `native.stringify(value[, replacer[, space]])` function: returns the JSON
/// text, or `undefined` exactly when `JSON.stringify` does.
///
/// The intrinsics travel as the bound `this` of the function rather than inside the Rust
/// closure: the garbage collector cannot see JS values held by a closure, and the cycle
/// they form with the context would keep the runtime from being freed.
pub fn native_function<'js>(ctx: &Ctx<'js>) -> rquickjs::Result<Function<'js>> {
    let (holder, classes) = Intrinsics::capture(ctx)?.into_holder(ctx)?;
    let function = Function::new(
        ctx.clone(),
        move |ctx: Ctx<'js>,
              holder: This<Array<'js>>,
              value: Value<'js>,
              replacer: Opt<Value<'js>>,
              space: Opt<Value<'js>>|
              -> rquickjs::Result<Value<'js>> {
            let intrinsics = Intrinsics::from_holder(&holder.0, classes)?;
            let replacer = replacer
                .0
                .unwrap_or_else(|| Value::new_undefined(ctx.clone()));
            let space = space.0.unwrap_or_else(|| Value::new_undefined(ctx.clone()));
            let text = stringify_with(&ctx, &intrinsics, &value, &replacer, &space)?;
            Ok(text.map_or_else(|| Value::new_undefined(ctx.clone()), |s| s.into_value()))
        },
    )?;
    bind_holder(function, holder)
}

/// `JSON.stringify(value)` as Rust bytes (valid UTF-8: lone surrogates are escaped), for
/// callers that send the text rather than hand it back to JavaScript; `None` where
/// `JSON.stringify` returns `undefined`.
pub fn stringify_to_bytes<'js>(
    ctx: &Ctx<'js>,
    intrinsics: &Intrinsics<'js>,
    value: &Value<'js>,
) -> rquickjs::Result<Option<Vec<u8>>> {
    let mut out = Vec::with_capacity(256);
    match write_json(ctx, intrinsics, value, &mut out) {
        Ok(true) => Ok(Some(out)),
        Ok(false) => Ok(None),
        Err(Pending) => Err(rquickjs::Error::Exception),
    }
}

/// Writes the JSON text of `value` into `out`; `Ok(false)` where `JSON.stringify`
/// returns `undefined`.
fn write_json<'js>(
    ctx: &Ctx<'js>,
    intrinsics: &Intrinsics<'js>,
    value: &Value<'js>,
    out: &mut Vec<u8>,
) -> Step<bool> {
    let raw_ctx = ctx.as_raw().as_ptr();
    let mut writer = Writer {
        ctx: raw_ctx,
        out,
        stack: Vec::new(),
        keys: KeyCache::default(),
        is_array: intrinsics.is_array.as_raw(),
        boolean_value_of: intrinsics.boolean_value_of.as_raw(),
        classes: intrinsics.classes,
        stack_base: stack_address(),
    };
    // SAFETY: `value` is a live value of this context; `dup` gives `check` its own
    // reference, which it consumes.
    let owned = unsafe { Owned::new(raw_ctx, qjs::JS_DupValue(raw_ctx, value.as_raw())) };
    writer.stringify_root(owned)
}

/// Builds a native function `(value, ...rest)` that receives `value` already serialised
/// by [`stringify_to_bytes`] (`None` for `undefined`) together with the other arguments.
/// The intrinsics travel as the bound `this`, as in [`native_function`].
pub fn native_function_with<'js, F>(ctx: &Ctx<'js>, handler: F) -> rquickjs::Result<Function<'js>>
where
    F: for<'a> Fn(&Ctx<'a>, Option<Vec<u8>>, Vec<Value<'a>>) -> rquickjs::Result<Value<'a>>
        + 'static,
{
    let (holder, classes) = Intrinsics::capture(ctx)?.into_holder(ctx)?;
    let function = Function::new(
        ctx.clone(),
        move |ctx: Ctx<'js>,
              holder: This<Array<'js>>,
              value: Value<'js>,
              rest: rquickjs::function::Rest<Value<'js>>|
              -> rquickjs::Result<Value<'js>> {
            let intrinsics = Intrinsics::from_holder(&holder.0, classes)?;
            let text = stringify_to_bytes(&ctx, &intrinsics, &value)?;
            handler(&ctx, text, rest.0)
        },
    )?;
    bind_holder(function, holder)
}

/// `JSON.stringify(value)`; `None` where it returns `undefined`.
pub fn stringify<'js>(
    ctx: &Ctx<'js>,
    intrinsics: &Intrinsics<'js>,
    value: &Value<'js>,
) -> rquickjs::Result<Option<rquickjs::String<'js>>> {
    let raw_ctx = ctx.as_raw().as_ptr();
    let mut out = take_buffer();
    let result = write_json(ctx, intrinsics, value, &mut out);
    let text = match result {
        Ok(true) => {
            // SAFETY: `out` is valid UTF-8 (lone surrogates were escaped), and the new
            // string value is owned by the returned wrapper.
            let raw = unsafe {
                qjs::JS_NewStringLen(
                    raw_ctx,
                    out.as_ptr().cast::<c_char>(),
                    out.len() as qjs::size_t,
                )
            };
            if unsafe { qjs::JS_IsException(raw) } {
                Err(rquickjs::Error::Exception)
            } else {
                // SAFETY: `raw` is an owned string of this context.
                let value = unsafe { Value::from_raw(ctx.clone(), raw) };
                value
                    .into_string()
                    .map(Some)
                    .ok_or(rquickjs::Error::Exception)
            }
        }
        Ok(false) => Ok(None),
        Err(Pending) => Err(rquickjs::Error::Exception),
    };
    give_back_buffer(out);
    text
}

/// `JSON.stringify(value, replacer, space)`: the engine handles a replacer or a gap
/// itself; plain calls go through [`stringify`].
pub fn stringify_with<'js>(
    ctx: &Ctx<'js>,
    intrinsics: &Intrinsics<'js>,
    value: &Value<'js>,
    replacer: &Value<'js>,
    space: &Value<'js>,
) -> rquickjs::Result<Option<rquickjs::String<'js>>> {
    if replacer.is_undefined() && space.is_undefined() {
        return stringify(ctx, intrinsics, value);
    }
    let raw_ctx = ctx.as_raw().as_ptr();
    // SAFETY: all three are live values of this context; the result is owned.
    let raw = unsafe {
        qjs::JS_JSONStringify(raw_ctx, value.as_raw(), replacer.as_raw(), space.as_raw())
    };
    if unsafe { qjs::JS_IsException(raw) } {
        return Err(rquickjs::Error::Exception);
    }
    // SAFETY: `raw` is owned and belongs to this context.
    let value = unsafe { Value::from_raw(ctx.clone(), raw) };
    Ok(value.into_string())
}

/// Installs `stringify` on `target` (used by the pages surface's natives object).
pub fn install<'js>(ctx: &Ctx<'js>, target: &Object<'js>, name: &str) -> rquickjs::Result<()> {
    target.set(name, native_function(ctx)?)
}

// ------------------------------------------------------------------ output buffer

/// Buffers above this size are not kept between calls (one huge response should not pin
/// its memory for the life of the worker).
const KEEP_BUFFER_CAPACITY: usize = 1 << 20;

thread_local! {
    /// The output buffer of the previous call, reused so a steady stream of responses
    /// allocates nothing for the text. `take` keeps it reentrant: a `toJSON` that calls
    /// `res.json` again simply gets a fresh buffer.
    static BUFFER: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

fn take_buffer() -> Vec<u8> {
    let mut buffer = BUFFER.with(|cell| std::mem::take(&mut *cell.borrow_mut()));
    buffer.clear();
    if buffer.capacity() == 0 {
        buffer.reserve(1024);
    }
    buffer
}

fn give_back_buffer(buffer: Vec<u8>) {
    if buffer.capacity() <= KEEP_BUFFER_CAPACITY {
        BUFFER.with(|cell| *cell.borrow_mut() = buffer);
    }
}

// ------------------------------------------------------------------ the walk

/// An exception is pending in the context (thrown by the engine or by us).
struct Pending;

type Step<T> = Result<T, Pending>;

/// Nesting past which every object level asks the engine whether the stack is exhausted
/// (a native call does that check); shallower levels cannot overflow.
const ENGINE_STACK_CHECK_DEPTH: usize = 32;

/// Rust stack this serializer may use on its own, whatever the engine's limit says (the
/// engine may have no limit; worker threads have 2 MiB stacks).
const OWN_STACK_LIMIT: usize = 512 * 1024;

/// One owned reference to a JS value, freed on drop.
struct Owned {
    ctx: *mut qjs::JSContext,
    value: qjs::JSValue,
}

impl Owned {
    /// # Safety
    /// `value` must be an owned reference (its count is decremented on drop).
    unsafe fn new(ctx: *mut qjs::JSContext, value: qjs::JSValue) -> Self {
        Self { ctx, value }
    }

    fn tag(&self) -> i32 {
        // SAFETY: reading the tag of a value has no preconditions.
        unsafe { qjs::JS_VALUE_GET_NORM_TAG(self.value) }
    }
}

impl Drop for Owned {
    fn drop(&mut self) {
        // SAFETY: the reference is owned (see `new`).
        unsafe {
            if qjs::JS_VALUE_HAS_REF_COUNT(self.value) {
                qjs::JS_FreeValue(self.ctx, self.value);
            }
        }
    }
}

/// The property key handed to `toJSON`, made into a JS string only when a `toJSON`
/// actually runs.
#[derive(Clone, Copy)]
enum Key {
    Root,
    Index(i64),
    Atom(qjs::JSAtom),
}

struct Writer<'a> {
    ctx: *mut qjs::JSContext,
    out: &'a mut Vec<u8>,
    /// Objects being serialised, for the circular-reference check (the engine's `stack`).
    stack: Vec<*mut c_void>,
    keys: KeyCache,
    is_array: qjs::JSValue,
    boolean_value_of: qjs::JSValue,
    classes: BoxClasses,
    stack_base: usize,
}

impl Writer<'_> {
    /// `JS_JSONStringify` without replacer or gap: `Ok(false)` for `undefined`.
    fn stringify_root(&mut self, value: Owned) -> Step<bool> {
        let value = self.check(value, Key::Root)?;
        match value {
            None => Ok(false),
            Some(value) => {
                self.serialize(value)?;
                Ok(true)
            }
        }
    }

    fn pending<T>(&self) -> Step<T> {
        Err(Pending)
    }

    /// `js_json_check`: applies `toJSON`, and turns what JSON cannot show (functions,
    /// symbols, `undefined`) into `None`.
    fn check(&mut self, value: Owned, key: Key) -> Step<Option<Owned>> {
        let mut value = value;
        let tag = value.tag();
        if tag == qjs::JS_TAG_OBJECT
            || tag == qjs::JS_TAG_BIG_INT
            || tag == qjs::JS_TAG_SHORT_BIG_INT
        {
            // SAFETY: live value; the result is owned.
            let to_json = unsafe {
                Owned::new(
                    self.ctx,
                    qjs::JS_GetProperty(self.ctx, value.value, qjs::JS_ATOM_toJSON as _),
                )
            };
            if unsafe { qjs::JS_IsException(to_json.value) } {
                return self.pending();
            }
            // SAFETY: live value.
            if unsafe { qjs::JS_IsFunction(self.ctx, to_json.value) } {
                let key_value = self.key_value(key)?;
                let mut args = [key_value.value];
                // SAFETY: all live; `args` outlives the call; the result is owned.
                let result = unsafe {
                    Owned::new(
                        self.ctx,
                        qjs::JS_Call(self.ctx, to_json.value, value.value, 1, args.as_mut_ptr()),
                    )
                };
                if unsafe { qjs::JS_IsException(result.value) } {
                    return self.pending();
                }
                value = result;
            }
        }
        let keep = match value.tag() {
            // SAFETY: live value.
            qjs::JS_TAG_OBJECT => unsafe { !qjs::JS_IsFunction(self.ctx, value.value) },
            qjs::JS_TAG_STRING
            | qjs::JS_TAG_INT
            | qjs::JS_TAG_FLOAT64
            | qjs::JS_TAG_BOOL
            | qjs::JS_TAG_NULL
            | qjs::JS_TAG_SHORT_BIG_INT
            | qjs::JS_TAG_BIG_INT => true,
            _ => false,
        };
        Ok(keep.then_some(value))
    }

    /// The key as the string `toJSON` receives.
    fn key_value(&mut self, key: Key) -> Step<Owned> {
        // SAFETY: each branch returns an owned value (or an exception, checked below).
        let raw = unsafe {
            match key {
                Key::Root => qjs::JS_NewStringLen(self.ctx, c"".as_ptr(), 0),
                Key::Index(index) => {
                    let mut digits = itoa_buffer();
                    let text = format_i64(&mut digits, index);
                    qjs::JS_NewStringLen(
                        self.ctx,
                        text.as_ptr().cast::<c_char>(),
                        text.len() as qjs::size_t,
                    )
                }
                Key::Atom(atom) => qjs::JS_AtomToValue(self.ctx, atom),
            }
        };
        // SAFETY: owned (see above).
        let owned = unsafe { Owned::new(self.ctx, raw) };
        if unsafe { qjs::JS_IsException(owned.value) } {
            return self.pending();
        }
        Ok(owned)
    }

    /// `js_json_to_str` for a value that passed `check`.
    fn serialize(&mut self, value: Owned) -> Step<()> {
        match value.tag() {
            qjs::JS_TAG_OBJECT => self.object(value),
            _ => self.primitive(&value),
        }
    }

    fn primitive(&mut self, value: &Owned) -> Step<()> {
        match value.tag() {
            qjs::JS_TAG_STRING => self.string(value.value),
            qjs::JS_TAG_INT => {
                // SAFETY: the tag says int.
                let number = unsafe { qjs::JS_VALUE_GET_INT(value.value) };
                let mut digits = itoa_buffer();
                self.out
                    .extend_from_slice(format_i64(&mut digits, i64::from(number)));
                Ok(())
            }
            qjs::JS_TAG_FLOAT64 => {
                // SAFETY: the tag says float64.
                let number = unsafe { qjs::JS_VALUE_GET_FLOAT64(value.value) };
                write_number(self.out, number);
                Ok(())
            }
            qjs::JS_TAG_BOOL => {
                // SAFETY: the tag says bool.
                let flag = unsafe { qjs::JS_VALUE_GET_BOOL(value.value) };
                self.out
                    .extend_from_slice(if flag { b"true" } else { b"false" });
                Ok(())
            }
            qjs::JS_TAG_NULL => {
                self.out.extend_from_slice(b"null");
                Ok(())
            }
            qjs::JS_TAG_BIG_INT | qjs::JS_TAG_SHORT_BIG_INT => self.throw_bigint(),
            // Only reachable through a boxed value whose conversion gave something odd;
            // the engine writes nothing then, and so do we.
            _ => Ok(()),
        }
    }

    fn throw_bigint<T>(&self) -> Step<T> {
        // SAFETY: a plain message without format directives.
        unsafe {
            qjs::JS_ThrowTypeError(self.ctx, c"BigInt are forbidden in JSON.stringify".as_ptr())
        };
        self.pending()
    }

    fn string(&mut self, value: qjs::JSValue) -> Step<()> {
        let mut len: qjs::size_t = 0;
        // SAFETY: `value` is a live string; the returned buffer (WTF-8: lone surrogates
        // kept as 3-byte sequences) stays valid until `JS_FreeCString`. ASCII strings are
        // returned in place, without a copy.
        let ptr = unsafe { qjs::JS_ToCStringLen2(self.ctx, &mut len, value, false) };
        if ptr.is_null() {
            return self.pending();
        }
        // SAFETY: `ptr` points at `len` readable bytes (see above).
        let bytes = unsafe { std::slice::from_raw_parts(ptr.cast::<u8>(), len as usize) };
        quote(self.out, bytes);
        // SAFETY: `ptr` came from `JS_ToCStringLen2` of this context.
        unsafe { qjs::JS_FreeCString(self.ctx, ptr) };
        Ok(())
    }

    fn class_of(&self, value: &Owned) -> u32 {
        // SAFETY: live value.
        unsafe { qjs::JS_GetClassID(value.value) }
    }

    fn object(&mut self, value: Owned) -> Step<()> {
        let class = self.class_of(&value);
        let classes = self.classes;
        if class == classes.string {
            // SAFETY: live value; the result is owned. `ToString` of a String object runs
            // its `toString`, as the engine does.
            let text = unsafe { Owned::new(self.ctx, qjs::JS_ToString(self.ctx, value.value)) };
            if unsafe { qjs::JS_IsException(text.value) } {
                return self.pending();
            }
            return self.primitive(&text);
        }
        if class == classes.number {
            // SAFETY: as above, with `ToNumber` (`valueOf`).
            let number = unsafe { Owned::new(self.ctx, qjs::JS_ToNumber(self.ctx, value.value)) };
            if unsafe { qjs::JS_IsException(number.value) } {
                return self.pending();
            }
            return self.primitive(&number);
        }
        if class == classes.boolean {
            let flag = self.call(self.boolean_value_of, value.value, &mut [])?;
            return self.primitive(&flag);
        }
        if class == classes.bigint {
            return self.throw_bigint();
        }

        self.check_stack()?;
        // SAFETY: the tag is object.
        let identity = unsafe { qjs::JS_VALUE_GET_PTR(value.value) };
        if self.stack.contains(&identity) {
            // SAFETY: a plain message without format directives.
            unsafe { qjs::JS_ThrowTypeError(self.ctx, c"circular reference".as_ptr()) };
            return self.pending();
        }
        self.stack.push(identity);
        if self.is_array(&value)? {
            self.array(&value)?;
        } else {
            self.plain_object(&value)?;
        }
        self.stack.pop();
        Ok(())
    }

    /// The engine checks its stack limit on every level; a native call performs the
    /// same check (and throws the same `RangeError`), so deep values fail where the
    /// engine's own `JSON.stringify` would, give or take frame sizes.
    fn check_stack(&mut self) -> Step<()> {
        if self.stack.len() < ENGINE_STACK_CHECK_DEPTH {
            return Ok(());
        }
        if self.stack_base.abs_diff(stack_address()) > OWN_STACK_LIMIT {
            // SAFETY: a plain message without format directives.
            unsafe {
                qjs::JS_ThrowRangeError(self.ctx, c"Maximum call stack size exceeded".as_ptr())
            };
            return self.pending();
        }
        self.call(self.is_array, qjs::JS_UNDEFINED, &mut [])
            .map(drop)
    }

    fn call(
        &self,
        function: qjs::JSValue,
        this: qjs::JSValue,
        args: &mut [qjs::JSValue],
    ) -> Step<Owned> {
        // SAFETY: all values live; `args` outlives the call; the result is owned.
        let result = unsafe {
            Owned::new(
                self.ctx,
                qjs::JS_Call(
                    self.ctx,
                    function,
                    this,
                    args.len() as c_int,
                    args.as_mut_ptr(),
                ),
            )
        };
        if unsafe { qjs::JS_IsException(result.value) } {
            return self.pending();
        }
        Ok(result)
    }

    /// `js_is_array`: plain arrays by class, Proxies through `Array.isArray` (which sees
    /// through to the target and throws for a revoked proxy).
    fn is_array(&mut self, value: &Owned) -> Step<bool> {
        // SAFETY: live value.
        if unsafe { qjs::JS_IsArray(value.value) } {
            return Ok(true);
        }
        if unsafe { !qjs::JS_IsProxy(value.value) } {
            return Ok(false);
        }
        let result = self.call(self.is_array, qjs::JS_UNDEFINED, &mut [value.value])?;
        Ok(result.tag() == qjs::JS_TAG_BOOL && unsafe { qjs::JS_VALUE_GET_BOOL(result.value) })
    }

    fn array(&mut self, value: &Owned) -> Step<()> {
        let mut len: i64 = 0;
        // SAFETY: live value; `Get(length)` + `ToLength`, like the engine.
        if unsafe { qjs::JS_GetLength(self.ctx, value.value, &mut len) } < 0 {
            return self.pending();
        }
        self.out.push(b'[');
        for index in 0..len {
            if index > 0 {
                self.out.push(b',');
            }
            // SAFETY: live value; the result is owned.
            let element = unsafe {
                Owned::new(
                    self.ctx,
                    qjs::JS_GetPropertyInt64(self.ctx, value.value, index),
                )
            };
            if unsafe { qjs::JS_IsException(element.value) } {
                return self.pending();
            }
            match self.check(element, Key::Index(index))? {
                Some(element) => self.serialize(element)?,
                None => self.out.extend_from_slice(b"null"),
            }
        }
        self.out.push(b']');
        Ok(())
    }

    fn plain_object(&mut self, value: &Owned) -> Step<()> {
        let mut tab: *mut qjs::JSPropertyEnum = std::ptr::null_mut();
        let mut count: u32 = 0;
        // SAFETY: live object. Own enumerable string keys in `Object.keys` order; for a
        // Proxy this runs `ownKeys` and `getOwnPropertyDescriptor` like `Object.keys`.
        let status = unsafe {
            qjs::JS_GetOwnPropertyNames(
                self.ctx,
                &mut tab,
                &mut count,
                value.value,
                (qjs::JS_GPN_STRING_MASK | qjs::JS_GPN_ENUM_ONLY) as c_int,
            )
        };
        if status < 0 {
            return self.pending();
        }
        let keys = PropertyEnum {
            ctx: self.ctx,
            tab,
            count,
        };
        self.out.push(b'{');
        let mut has_content = false;
        for atom in keys.atoms() {
            // SAFETY: live object and atom; the result is owned.
            let property =
                unsafe { Owned::new(self.ctx, qjs::JS_GetProperty(self.ctx, value.value, atom)) };
            if unsafe { qjs::JS_IsException(property.value) } {
                return self.pending();
            }
            let Some(property) = self.check(property, Key::Atom(atom))? else {
                continue;
            };
            if has_content {
                self.out.push(b',');
            }
            self.write_key(atom)?;
            self.serialize(property)?;
            has_content = true;
        }
        self.out.push(b'}');
        Ok(())
    }

    /// Writes `"key":`, escaping each distinct key once per call.
    fn write_key(&mut self, atom: qjs::JSAtom) -> Step<()> {
        if atom & ATOM_TAG_INT != 0 {
            // Integer atoms carry their value; no string exists for them.
            let mut digits = itoa_buffer();
            self.out.push(b'"');
            self.out
                .extend_from_slice(format_i64(&mut digits, i64::from(atom & !ATOM_TAG_INT)));
            self.out.extend_from_slice(b"\":");
            return Ok(());
        }
        if let Some(&(start, end)) = self.keys.spans.get(&atom) {
            self.out
                .extend_from_slice(&self.keys.text[start as usize..end as usize]);
            return Ok(());
        }
        // SAFETY: live atom; the string is owned.
        let name = unsafe { Owned::new(self.ctx, qjs::JS_AtomToString(self.ctx, atom)) };
        if unsafe { qjs::JS_IsException(name.value) } {
            return self.pending();
        }
        let start = self.out.len();
        self.string(name.value)?;
        self.out.push(b':');
        let written = &self.out[start..];
        if let (Ok(key_start), Ok(key_end)) = (
            u32::try_from(self.keys.text.len()),
            u32::try_from(self.keys.text.len() + written.len()),
        ) {
            self.keys.text.extend_from_slice(written);
            // The cache holds its own reference: a temporary object's key atom could be
            // freed and its number reused for another name within the same call.
            // SAFETY: live atom.
            let held = unsafe { qjs::JS_DupAtom(self.ctx, atom) };
            self.keys.held.push(held);
            self.keys.spans.insert(atom, (key_start, key_end));
        }
        Ok(())
    }
}

impl Drop for Writer<'_> {
    fn drop(&mut self) {
        for atom in self.keys.held.drain(..) {
            // SAFETY: each was duplicated in `write_key`.
            unsafe { qjs::JS_FreeAtom(self.ctx, atom) };
        }
    }
}

/// quickjs-ng's `JS_ATOM_TAG_INT`: atoms with this bit are array indices held inline.
const ATOM_TAG_INT: u32 = 1 << 31;

/// The keys of one object, freed on drop.
struct PropertyEnum {
    ctx: *mut qjs::JSContext,
    tab: *mut qjs::JSPropertyEnum,
    count: u32,
}

impl PropertyEnum {
    fn atoms(&self) -> impl Iterator<Item = qjs::JSAtom> + '_ {
        (0..self.count as usize).map(|index| {
            // SAFETY: `tab` holds `count` entries until drop.
            unsafe { (*self.tab.add(index)).atom }
        })
    }
}

impl Drop for PropertyEnum {
    fn drop(&mut self) {
        // SAFETY: `tab`/`count` came from `JS_GetOwnPropertyNames` (null with 0 is fine).
        unsafe { qjs::JS_FreePropertyEnum(self.ctx, self.tab, self.count) };
    }
}

/// Escaped `"key":` texts of the atoms met in one call.
#[derive(Default)]
struct KeyCache {
    spans: HashMap<qjs::JSAtom, (u32, u32), BuildHasherDefault<AtomHasher>>,
    text: Vec<u8>,
    held: Vec<qjs::JSAtom>,
}

/// Atoms are small distinct integers; one multiply spreads them well enough and costs a
/// fraction of SipHash.
#[derive(Default)]
struct AtomHasher(u64);

impl Hasher for AtomHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(byte)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }

    fn write_u32(&mut self, value: u32) {
        self.0 = u64::from(value).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

fn stack_address() -> usize {
    let marker = 0u8;
    std::hint::black_box(&marker) as *const u8 as usize
}

// ------------------------------------------------------------------ text

/// What follows a backslash for each byte, 0 for bytes copied as they are; `u` for
/// `\u00xx`; `S` for 0xED, the lead byte of a (WTF-8) surrogate, looked at further.
static ESCAPE: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut byte = 0;
    while byte < 0x20 {
        table[byte] = b'u';
        byte += 1;
    }
    table[0x08] = b'b';
    table[0x09] = b't';
    table[0x0a] = b'n';
    table[0x0c] = b'f';
    table[0x0d] = b'r';
    table[b'"' as usize] = b'"';
    table[b'\\' as usize] = b'\\';
    table[0xed] = b'S';
    table
};

const HEX: &[u8; 16] = b"0123456789abcdef";

/// `JS_ToQuotedString` over the WTF-8 text of a string.
fn quote(out: &mut Vec<u8>, bytes: &[u8]) {
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    let mut start = 0;
    let mut index = 0;
    while index < bytes.len() {
        let byte = bytes[index];
        let escape = ESCAPE[byte as usize];
        if escape == 0 {
            index += 1;
            continue;
        }
        if escape == b'S' {
            // 0xED 0xA0..=0xBF xx is a surrogate code unit U+D800..U+DFFF, which can only
            // be a lone one here (pairs were joined into 4-byte sequences). 0xED
            // 0x80..=0x9F is an ordinary character U+D000..U+D7FF.
            match (bytes.get(index + 1), bytes.get(index + 2)) {
                (Some(&second), Some(&third)) if second >= 0xa0 => {
                    out.extend_from_slice(&bytes[start..index]);
                    let unit = 0xd000 | (u32::from(second & 0x3f) << 6) | u32::from(third & 0x3f);
                    out.extend_from_slice(b"\\u");
                    for shift in [12, 8, 4, 0] {
                        out.push(HEX[((unit >> shift) & 0xf) as usize]);
                    }
                    index += 3;
                    start = index;
                }
                _ => index += 1,
            }
            continue;
        }
        out.extend_from_slice(&bytes[start..index]);
        out.push(b'\\');
        if escape == b'u' {
            out.extend_from_slice(b"u00");
            out.push(HEX[(byte >> 4) as usize]);
            out.push(HEX[(byte & 0xf) as usize]);
        } else {
            out.push(escape);
        }
        index += 1;
        start = index;
    }
    out.extend_from_slice(&bytes[start..]);
    out.push(b'"');
}

type ItoaBuffer = [u8; 20];

fn itoa_buffer() -> ItoaBuffer {
    [0u8; 20]
}

/// Decimal text of `value` written at the end of `buffer`.
fn format_i64(buffer: &mut ItoaBuffer, value: i64) -> &[u8] {
    let mut magnitude = value.unsigned_abs();
    let mut position = buffer.len();
    loop {
        position -= 1;
        buffer[position] = b'0' + (magnitude % 10) as u8;
        magnitude /= 10;
        if magnitude == 0 {
            break;
        }
    }
    if value < 0 {
        position -= 1;
        buffer[position] = b'-';
    }
    &buffer[position..]
}

/// A number as `JSON.stringify` writes it (`null` for NaN and the infinities).
fn write_number(out: &mut Vec<u8>, number: f64) {
    if !number.is_finite() {
        out.extend_from_slice(b"null");
        return;
    }
    // Integers below 2^53 print as their digits (and -0 as "0").
    if number.fract() == 0.0 && number.abs() < 9_007_199_254_740_992.0 {
        let mut digits = itoa_buffer();
        out.extend_from_slice(format_i64(&mut digits, number as i64));
        return;
    }
    if number.to_bits() & MANTISSA_BITS == 0 {
        // Powers of two have a closer lower neighbour; there the engine sometimes prints
        // 17 digits where a shorter text exists (2^-296 is `7.8545495444763625e-90`, not
        // ryu's `7.854549544476363e-90`), so these few values take the engine's path.
        write_engine_number(out, number);
        return;
    }
    write_js_number(out, number);
}

/// The stored fraction bits of an f64.
const MANTISSA_BITS: u64 = (1 << 52) - 1;

/// quickjs-ng's `JSDTOATempMem`.
#[repr(C)]
struct DtoaTempMem {
    mem: [u64; 37],
}

// quickjs-ng's Number-to-String (`dtoa.c`, compiled into the same static library as the
// engine by rquickjs-sys).
extern "C" {
    fn js_dtoa(
        buf: *mut c_char,
        d: f64,
        radix: c_int,
        n_digits: c_int,
        flags: c_int,
        tmp_mem: *mut DtoaTempMem,
    ) -> c_int;
}

/// `JS_DTOA_FORMAT_FREE`: the engine's `Number.prototype.toString()` format.
const DTOA_FORMAT_FREE: c_int = 0;

/// The engine's own text of a finite, non-zero `number`.
fn write_engine_number(out: &mut Vec<u8>, number: f64) {
    let mut buffer = [0u8; 128];
    let mut temp = DtoaTempMem { mem: [0; 37] };
    // SAFETY: radix 10 in free format needs at most ~25 bytes (the engine itself formats
    // into a 128-byte stack buffer); `temp` is the scratch memory the function expects.
    let len = unsafe {
        js_dtoa(
            buffer.as_mut_ptr().cast::<c_char>(),
            number,
            10,
            0,
            DTOA_FORMAT_FREE,
            &mut temp,
        )
    };
    let len = usize::try_from(len).unwrap_or(0).min(buffer.len());
    out.extend_from_slice(&buffer[..len]);
}

/// ECMAScript `Number::toString(number)` for a finite number: the shortest digits that
/// read back as the same double (closest, ties to even: what ryu computes), laid out with
/// the specification's rules for where the point goes and when to use an exponent. The
/// tests check it against the engine's own `js_dtoa` over millions of doubles (that
/// function is several times slower, which is why it is used only for powers of two).
fn write_js_number(out: &mut Vec<u8>, number: f64) {
    if number == 0.0 {
        out.push(b'0');
        return;
    }
    if number < 0.0 {
        out.push(b'-');
    }
    let mut ryu_buffer = ryu::Buffer::new();
    let text = ryu_buffer.format_finite(number.abs()).as_bytes();
    // ryu writes `123.45`, `0.000123`, `1.5e-7`, `1e21` or `1.0`: collect the
    // significant digits and where the decimal point sits relative to them.
    let (mantissa, exponent) = match text.iter().position(|&byte| byte == b'e') {
        Some(at) => (&text[..at], parse_exponent(&text[at + 1..])),
        None => (text, 0),
    };
    let mut digits = [0u8; 32];
    let mut count = 0usize;
    let mut point: i32 = 0;
    let mut seen_point = false;
    for &byte in mantissa {
        if byte == b'.' {
            seen_point = true;
            continue;
        }
        if count == 0 && byte == b'0' {
            // A leading zero after the point moves the first digit right of it.
            if seen_point {
                point -= 1;
            }
            continue;
        }
        if !seen_point {
            point += 1;
        }
        if count < digits.len() {
            digits[count] = byte;
            count += 1;
        }
    }
    while count > 1 && digits[count - 1] == b'0' {
        count -= 1;
    }
    let digits = &digits[..count];
    // `n` of the specification: the value is 0.d1d2... * 10^n; `k` digits.
    let n = point + exponent;
    let k = count as i32;
    if k <= n && n <= 21 {
        out.extend_from_slice(digits);
        out.extend(std::iter::repeat_n(b'0', (n - k) as usize));
    } else if 0 < n && n <= 21 {
        out.extend_from_slice(&digits[..n as usize]);
        out.push(b'.');
        out.extend_from_slice(&digits[n as usize..]);
    } else if -6 < n && n <= 0 {
        out.extend_from_slice(b"0.");
        out.extend(std::iter::repeat_n(b'0', (-n) as usize));
        out.extend_from_slice(digits);
    } else {
        out.push(digits[0]);
        if k > 1 {
            out.push(b'.');
            out.extend_from_slice(&digits[1..]);
        }
        out.push(b'e');
        let e = n - 1;
        out.push(if e < 0 { b'-' } else { b'+' });
        let mut buffer = itoa_buffer();
        out.extend_from_slice(format_i64(&mut buffer, i64::from(e.unsigned_abs())));
    }
}

fn parse_exponent(text: &[u8]) -> i32 {
    let (negative, digits) = match text.first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    let magnitude = digits.iter().fold(0i32, |value, &digit| {
        value
            .saturating_mul(10)
            .saturating_add(i32::from(digit.wrapping_sub(b'0')))
    });
    if negative {
        -magnitude
    } else {
        magnitude
    }
}

#[cfg(test)]
mod tests {
    //! `write_number` against the engine's own Number-to-String.

    fn engine_text(number: f64) -> String {
        let mut out = Vec::new();
        super::write_engine_number(&mut out, number);
        String::from_utf8_lossy(&out).into_owned()
    }

    fn ours(number: f64) -> String {
        let mut out = Vec::new();
        super::write_number(&mut out, number);
        String::from_utf8_lossy(&out).into_owned()
    }

    #[track_caller]
    fn check(number: f64) {
        if !number.is_finite() {
            return;
        }
        let expected = if number == 0.0 {
            // JSON shows -0 as "0", which is the engine's text without its sign flag.
            "0".to_string()
        } else {
            engine_text(number)
        };
        assert_eq!(ours(number), expected, "for bits {:#x}", number.to_bits());
    }

    /// xorshift64*: deterministic, so a failure is reproducible.
    fn next(state: &mut u64) -> u64 {
        *state ^= *state >> 12;
        *state ^= *state << 25;
        *state ^= *state >> 27;
        state.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    #[test]
    fn special_numbers_match_the_engine() {
        for number in [
            0.0,
            1.0,
            0.1,
            0.5,
            1.5e-7,
            1e-7,
            1e-6,
            1.234e-6,
            1e21,
            1e20,
            1.5e21,
            123456789.125,
            5e-324,
            f64::MAX,
            f64::MIN_POSITIVE,
            f64::EPSILON,
            9007199254740992.0,
            9007199254740994.0,
            18014398509481984.0,
            1e300,
            1.7e-300,
            0.30000000000000004,
            100.0,
            2.5,
            1e15,
            1e16,
            1e17,
            123e-20,
            4.35,
            0.000001,
            0.0000001,
            999999999999999900000.0,
            1e22,
            1.2345678901234567e-5,
        ] {
            check(number);
            check(-number);
        }
        for exponent in -330..310 {
            check(10f64.powi(exponent));
            check(1.5 * 10f64.powi(exponent));
        }
        // Every power of two, and its neighbours (the asymmetric-interval cases).
        for exponent in -1074..1024 {
            let power = 2f64.powi(exponent);
            check(power);
            check(f64::from_bits(power.to_bits() + 1));
            check(f64::from_bits(power.to_bits() - 1));
        }
    }

    #[test]
    fn random_doubles_match_the_engine() {
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        for _ in 0..2_000_000 {
            check(f64::from_bits(next(&mut state)));
        }
        // Short decimals (prices, ratios), where the choice of shortest digits matters.
        for _ in 0..1_000_000 {
            let raw = next(&mut state);
            let scale = 10f64.powi((raw % 12) as i32);
            let value = ((raw >> 8) % 10_000_000) as f64;
            check(value / scale);
            check(value * scale);
            check(-value / scale / 7.0);
        }
    }
}
