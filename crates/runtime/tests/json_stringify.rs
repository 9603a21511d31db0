//! The Rust `JSON.stringify` (`apiroutes_runtime::json`) against QuickJS's own.
//!
//! Every case builds a value inside a real QuickJS context and compares our text (or
//! error) with the engine's `JSON.stringify` of the same value. A property test generates
//! random nested values; unit tests pin each rule (key order, escaping, numbers, toJSON,
//! boxed primitives, BigInt, cycles, holes, typed arrays, Map/Set, getters, Proxy) and the
//! order of observable side effects. `bench_items` (ignored) prints the timings of the
//! bench's `items` payload.

use std::time::Instant;

use apiroutes_runtime::json::{self, Intrinsics};
use proptest::prelude::*;
use rquickjs::{CatchResultExt, Context, Ctx, Function, Runtime, Value};

/// What a stringify call produced.
#[derive(Debug, PartialEq, Eq)]
enum Outcome {
    Text(String),
    Undefined,
    /// `String(error)` of the thrown value, e.g. `TypeError: circular reference`.
    Thrown(String),
}

fn with_context<R>(f: impl FnOnce(&Ctx<'_>) -> R) -> R {
    let runtime = Runtime::new().expect("runtime");
    // The workers' setting, so deep-nesting behaviour matches production.
    runtime.set_max_stack_size(1024 * 1024);
    let context = Context::full(&runtime).expect("context");
    context.with(|ctx| f(&ctx))
}

fn thrown_text<'js>(ctx: &Ctx<'js>) -> String {
    let error = ctx.catch();
    let describe: Function = ctx.eval("(e) => String(e)").expect("describe");
    describe
        .call::<_, String>((error,))
        .unwrap_or_else(|_| "<unprintable>".into())
}

fn text_outcome<'js>(
    result: rquickjs::Result<Option<rquickjs::String<'js>>>,
    ctx: &Ctx<'js>,
) -> Outcome {
    match result {
        Ok(Some(text)) => Outcome::Text(text.to_string().expect("JSON text is UTF-8")),
        Ok(None) => Outcome::Undefined,
        Err(rquickjs::Error::Exception) => Outcome::Thrown(thrown_text(ctx)),
        Err(other) => Outcome::Thrown(format!("rust error: {other}")),
    }
}

fn ours<'js>(ctx: &Ctx<'js>, intrinsics: &Intrinsics<'js>, value: &Value<'js>) -> Outcome {
    text_outcome(json::stringify(ctx, intrinsics, value), ctx)
}

fn engines<'js>(ctx: &Ctx<'js>, value: &Value<'js>) -> Outcome {
    let stringify: Function = ctx.eval("JSON.stringify").expect("JSON.stringify");
    match stringify.call::<_, Value>((value.clone(),)) {
        Ok(result) if result.is_undefined() => Outcome::Undefined,
        Ok(result) => Outcome::Text(
            result
                .as_string()
                .expect("JSON.stringify returns a string")
                .to_string()
                .expect("JSON text is UTF-8"),
        ),
        Err(rquickjs::Error::Exception) => Outcome::Thrown(thrown_text(ctx)),
        Err(other) => Outcome::Thrown(format!("rust error: {other}")),
    }
}

fn eval_value<'js>(ctx: &Ctx<'js>, source: &str) -> Value<'js> {
    match ctx.eval::<Value, _>(format!("({source})")).catch(ctx) {
        Ok(value) => value,
        Err(error) => panic!("cannot evaluate {source}: {error}"),
    }
}

/// Our outcome and the engine's for the value of `source` (evaluated once per side,
/// so values with side effects start fresh for each).
fn compare(source: &str) -> (Outcome, Outcome) {
    with_context(|ctx| {
        // Captured before the case's code runs, as the worker does at start-up.
        let intrinsics = Intrinsics::capture(ctx).expect("intrinsics");
        let value = eval_value(ctx, source);
        let mine = ours(ctx, &intrinsics, &value);
        let value = eval_value(ctx, source);
        let theirs = engines(ctx, &value);
        (mine, theirs)
    })
}

#[track_caller]
fn assert_same(source: &str) -> Outcome {
    let (mine, theirs) = compare(source);
    assert_eq!(mine, theirs, "for {source}");
    mine
}

#[track_caller]
fn assert_text(source: &str, expected: &str) {
    assert_eq!(
        assert_same(source),
        Outcome::Text(expected.into()),
        "for {source}"
    );
}

// ------------------------------------------------------------------ unit tests

#[test]
fn primitives_and_top_level_undefined() {
    assert_text("null", "null");
    assert_text("true", "true");
    assert_text("false", "false");
    assert_text("42", "42");
    assert_text("'hi'", "\"hi\"");
    assert_eq!(assert_same("undefined"), Outcome::Undefined);
    assert_eq!(assert_same("function () {}"), Outcome::Undefined);
    assert_eq!(assert_same("Symbol('s')"), Outcome::Undefined);
    assert_eq!(
        assert_same("{ toJSON() { return undefined } }"),
        Outcome::Undefined
    );
}

#[test]
fn key_order_is_object_keys_order() {
    assert_text(
        "{ b: 1, 2: 2, a: 3, 1: 4, '-1': 5, '01': 6, 4294967294: 7, 4294967295: 8, 2147483648: 9 }",
        r#"{"1":4,"2":2,"2147483648":9,"4294967294":7,"b":1,"a":3,"-1":5,"01":6,"4294967295":8}"#,
    );
    // Deleting and re-adding moves a key to the end, as in the engine.
    assert_same("(() => { const o = { a: 1, b: 2, c: 3 }; delete o.a; o.a = 4; return o })()");
    // Inherited, non-enumerable and symbol keys are not shown.
    assert_text(
        "(() => { const o = Object.create({ inherited: 1 }); o.own = 2; \
         Object.defineProperty(o, 'hidden', { value: 3, enumerable: false }); \
         o[Symbol('s')] = 4; return o })()",
        r#"{"own":2}"#,
    );
    // The same key names in many objects (the key cache) and keys of temporary objects.
    assert_same(
        "Array.from({ length: 50 }, (_, i) => ({ id: i, ['k' + (i % 7)]: i, \
         t: { toJSON() { return { ['tmp' + i]: i, id: -i } } } }))",
    );
}

#[test]
fn string_escaping() {
    assert_text(r#"'"\\/'"#, r#""\"\\/""#);
    assert_text(
        r"'\b\f\n\r\t\v\0\x1f\x7f'",
        "\"\\b\\f\\n\\r\\t\\u000b\\u0000\\u001f\u{7f}\"",
    );
    // Lone surrogates are escaped (well-formed JSON.stringify); pairs are kept.
    assert_text(r"'\ud800'", r#""\ud800""#);
    assert_text(r"'a\udfffb'", r#""a\udfffb""#);
    assert_text(r"'\udc00\ud800'", r#""\udc00\ud800""#);
    assert_text(r"'\ud83d\ude00'", "\"\u{1F600}\"");
    assert_text(
        r"'\ud7ff\ue000\u2028\u00e9\u00ff\u0100'",
        "\"\u{d7ff}\u{e000}\u{2028}éÿĀ\"",
    );
    assert_text(r"'\ud000\ud7ff'", "\"\u{d000}\u{d7ff}\"");
    // Keys are escaped the same way.
    assert_text(r#"{ ['"\n\ud800\u00e9']: 1 }"#, r#"{"\"\n\ud800é":1}"#);
    // Long strings (and concatenations, which the engine may keep as ropes).
    assert_same("'x'.repeat(5000) + '\\u00e9'.repeat(300) + '\\n'");
    assert_same("['a'.repeat(100), 'b'.repeat(100)].join('\\u2028')");
}

#[test]
fn numbers() {
    assert_text("-0", "0");
    assert_text("[NaN, Infinity, -Infinity]", "[null,null,null]");
    assert_text("1e21", "1e+21");
    assert_text("1e20", "100000000000000000000");
    assert_text("1.5e-7", "1.5e-7");
    assert_text("0.000001", "0.000001");
    assert_text("0.1 + 0.2", "0.30000000000000004");
    assert_text("-1.5", "-1.5");
    assert_text("2 ** 53", "9007199254740992");
    assert_text("2 ** 53 + 2", "9007199254740994");
    assert_text("-(2 ** 31)", "-2147483648");
    assert_text("5e-324", "5e-324");
    assert_text("1.7976931348623157e308", "1.7976931348623157e+308");
    assert_text("123456789.125", "123456789.125");
}

#[test]
fn to_json_dates_and_buffers() {
    assert_text("new Date(0)", r#""1970-01-01T00:00:00.000Z""#);
    assert_text("{ d: new Date(NaN) }", r#"{"d":null}"#);
    // toJSON receives the property key (array indices as strings, "" at the top).
    assert_text(
        "(() => { const k = { toJSON(key) { return typeof key + ':' + key } }; \
         return [k, { a: k, 7: k }, k] })()",
        r#"["string:0",{"7":"string:7","a":"string:a"},"string:2"]"#,
    );
    assert_text("{ toJSON(key) { return 'root:' + key } }", r#""root:""#);
    // A toJSON result is not asked for toJSON again, but its members are.
    assert_same("{ toJSON() { return { toJSON() { return 1 }, x: { toJSON() { return 2 } } } } }");
    // An inherited toJSON, a getter toJSON and a non-function toJSON.
    assert_same(
        "(() => { class P { toJSON() { return 'p' } }; return [new P(), { toJSON: 5 }] })()",
    );
    assert_same("{ get toJSON() { return () => 'g' } }");
    // A Node-style Buffer: a toJSON returning { type, data }.
    assert_text(
        "(() => { class Buffer extends Uint8Array { toJSON() { \
         return { type: 'Buffer', data: Array.from(this) } } }; \
         return { b: new Buffer([104, 105]) } })()",
        r#"{"b":{"type":"Buffer","data":[104,105]}}"#,
    );
}

#[test]
fn boxed_primitives() {
    assert_text(
        "[new String('s'), new Number(1.5), new Boolean(false), new Boolean(true), Object('x')]",
        r#"["s",1.5,false,true,"x"]"#,
    );
    // Boxes convert through toString / valueOf, as the engine does.
    assert_same(
        "(() => { const s = new String('s'); s.toString = () => 'over'; \
         const n = new Number(1); n.valueOf = () => 7; return [s, n] })()",
    );
    // ...but a Boolean box reads its internal value even when valueOf is replaced.
    assert_same(
        "(() => { Boolean.prototype.valueOf = () => 'bad'; return [new Boolean(true)] })()",
    );
    assert_text("new Number(-0)", "0");
}

#[test]
fn bigint_throws_type_error() {
    let outcome = assert_same("{ a: 1n }");
    assert_eq!(
        outcome,
        Outcome::Thrown("TypeError: BigInt are forbidden in JSON.stringify".into())
    );
    assert_same("[2n ** 100n]");
    assert_same("Object(3n)");
    // A BigInt.prototype.toJSON is honoured, as in the engine.
    assert_same("(() => { BigInt.prototype.toJSON = function () { return this.toString() }; return [1n, Object(2n)] })()");
}

#[test]
fn cycles_throw_type_error() {
    let outcome = assert_same("(() => { const o = { a: [] }; o.a.push(o); return o })()");
    assert_eq!(
        outcome,
        Outcome::Thrown("TypeError: circular reference".into())
    );
    assert_same("(() => { const a = []; a.push(a); return a })()");
    // The same object twice, not nested, is no cycle.
    assert_text(
        "(() => { const o = { x: 1 }; return [o, o, { o }] })()",
        r#"[{"x":1},{"x":1},{"o":{"x":1}}]"#,
    );
}

#[test]
fn arrays_holes_and_array_likes() {
    assert_text("[1, , 3, ,]", "[1,null,3,null]");
    assert_text("[undefined, function () {}, Symbol()]", "[null,null,null]");
    assert_text(
        "{ u: undefined, f() {}, s: Symbol(), n: null }",
        r#"{"n":null}"#,
    );
    assert_same("(() => { const a = [1, 2]; a.length = 5; a[7] = 'x'; return a })()");
    // Holes read through the prototype chain.
    assert_same("(() => { Array.prototype[1] = 'proto'; const a = [0, , 2]; return a })()");
    assert_text("new Uint8Array([1, 2, 3])", r#"{"0":1,"1":2,"2":3}"#);
    assert_same("new Float64Array([0.5, -0, NaN])");
    assert_text(
        "{ length: 2, 0: 'a', 1: 'b' }",
        r#"{"0":"a","1":"b","length":2}"#,
    );
    assert_same("(function () { return arguments })(1, 'two', [3])");
    assert_text(
        "[new Map([[1, 2]]), new Set([1]), new WeakMap(), /re/g, new Error('e')]",
        "[{},{},{},{},{}]",
    );
    assert_same("(() => { const e = new Error('x'); e.code = 'E'; return e })()");
    assert_same("(() => { const a = [1, 2]; a.extra = 3; return a })()");
}

#[test]
fn getters_run_once_in_engine_order() {
    // The log of observable steps must be the same for both serializers.
    let source = "(() => { const log = []; \
        const o = { get a() { log.push('a'); return 1 }, b: { toJSON(k) { log.push('toJSON ' + k); return [ { get c() { log.push('c'); return 2 } } ] } }, \
        get d() { log.push('d'); delete this.e; return 3 }, e: 4, get f() { log.push('f'); return undefined } }; \
        return { o, log } })()";
    with_context(|ctx| {
        let intrinsics = Intrinsics::capture(ctx).expect("intrinsics");
        let mut logs = Vec::new();
        for side in 0..2 {
            let pair = eval_value(ctx, source);
            let pair = pair.as_object().expect("object").clone();
            let value: Value = pair.get("o").expect("o");
            let outcome = if side == 0 {
                ours(ctx, &intrinsics, &value)
            } else {
                engines(ctx, &value)
            };
            let log: Vec<String> = pair.get("log").expect("log");
            logs.push((outcome, log));
        }
        assert_eq!(logs[0], logs[1]);
        assert_eq!(logs[0].1, ["a", "toJSON b", "c", "d", "f"]);
    });
}

#[test]
fn proxies_behave_like_the_engine() {
    let traps = "(() => { const log = []; const handler = { \
        get(t, k, r) { log.push('get ' + String(k)); return Reflect.get(t, k, r) }, \
        ownKeys(t) { log.push('ownKeys'); return Reflect.ownKeys(t) }, \
        getOwnPropertyDescriptor(t, k) { log.push('gopd ' + String(k)); return Reflect.getOwnPropertyDescriptor(t, k) }, \
        has(t, k) { log.push('has ' + String(k)); return Reflect.has(t, k) } }; \
        const value = { o: new Proxy({ b: 1, a: [1, 2], [Symbol('s')]: 1, 3: 'x' }, handler), \
                        l: new Proxy([1, , { z: 1 }], handler) }; \
        return { value, log } })()";
    with_context(|ctx| {
        let intrinsics = Intrinsics::capture(ctx).expect("intrinsics");
        let mut logs = Vec::new();
        for side in 0..2 {
            let pair = eval_value(ctx, traps);
            let pair = pair.as_object().expect("object").clone();
            let value: Value = pair.get("value").expect("value");
            let outcome = if side == 0 {
                ours(ctx, &intrinsics, &value)
            } else {
                engines(ctx, &value)
            };
            let log: Vec<String> = pair.get("log").expect("log");
            logs.push((outcome, log));
        }
        assert_eq!(logs[0], logs[1]);
        assert!(!logs[0].1.is_empty());
    });
    assert_same("(() => { const p = Proxy.revocable({}, {}); p.revoke(); return [p.proxy] })()");
    assert_same(
        "(() => { const p = Proxy.revocable([], {}); p.revoke(); return { p: p.proxy } })()",
    );
    assert_same("new Proxy(function () {}, {})");
    assert_same("new Proxy(new Proxy([1, [2]], {}), {})");
}

#[test]
fn errors_thrown_by_user_code_propagate() {
    let outcome = assert_same("{ a: { toJSON() { throw new RangeError('mine') } } }");
    assert_eq!(outcome, Outcome::Thrown("RangeError: mine".into()));
    assert_same("{ get a() { throw new Error('getter') } }");
    assert_same("new Proxy({}, { ownKeys() { throw new TypeError('keys') } })");
}

#[test]
fn deep_nesting() {
    // Moderate depth works; absurd depth throws the engine's RangeError, not a crash.
    assert_same(
        "(() => { let v = 1; for (let i = 0; i < 500; i++) v = i % 2 ? [v] : { v }; return v })()",
    );
    let (mine, theirs) =
        compare("(() => { let v = 1; for (let i = 0; i < 200000; i++) v = [v]; return v })()");
    assert_eq!(
        mine,
        Outcome::Thrown("RangeError: Maximum call stack size exceeded".into())
    );
    assert_eq!(mine, theirs);
}

#[test]
fn replacer_and_space_use_the_engine() {
    with_context(|ctx| {
        let intrinsics = Intrinsics::capture(ctx).expect("intrinsics");
        let value = eval_value(ctx, "{ a: [1, { b: 2 }], c: 'x' }");
        let space = eval_value(ctx, "2");
        let replacer = eval_value(ctx, "['a', 'b']");
        let undefined = Value::new_undefined(ctx.clone());
        let spaced = json::stringify_with(ctx, &intrinsics, &value, &undefined, &space)
            .expect("stringify")
            .expect("text")
            .to_string()
            .expect("utf-8");
        assert_eq!(
            spaced,
            "{\n  \"a\": [\n    1,\n    {\n      \"b\": 2\n    }\n  ],\n  \"c\": \"x\"\n}"
        );
        let filtered = json::stringify_with(ctx, &intrinsics, &value, &replacer, &undefined)
            .expect("stringify")
            .expect("text")
            .to_string()
            .expect("utf-8");
        assert_eq!(filtered, r#"{"a":[1,{"b":2}]}"#);
    });
}

#[test]
fn native_function_matches_json_stringify() {
    with_context(|ctx| {
        let native = json::native_function(ctx).expect("native");
        ctx.globals()
            .set("nativeStringify", native)
            .expect("global");
        let checks: bool = ctx
            .eval(
                "[{ a: 1 }, [1, 'x'], 'str', 1.5, true, null, undefined, () => 1, new Date(5)]\
                 .every((v) => nativeStringify(v) === JSON.stringify(v)) && \
                 nativeStringify({ a: [1] }, null, 1) === JSON.stringify({ a: [1] }, null, 1) && \
                 (() => { try { nativeStringify(1n); return false } catch (e) { return e instanceof TypeError } })()",
            )
            .expect("eval");
        assert!(checks);
    });
}

// ------------------------------------------------------------------ property test

/// A JS string literal for the UTF-16 code units `units` (every unit escaped, so lone
/// surrogates and controls survive the source text).
fn js_string_literal(units: &[u16]) -> String {
    let mut literal = String::with_capacity(units.len() * 6 + 2);
    literal.push('"');
    for unit in units {
        match *unit {
            unit @ (0x30..=0x39 | 0x41..=0x5a | 0x61..=0x7a) => {
                literal.push(char::from(unit as u8))
            }
            unit => literal.push_str(&format!("\\u{unit:04x}")),
        }
    }
    literal.push('"');
    literal
}

fn code_unit() -> impl Strategy<Value = u16> {
    prop_oneof![
        4 => 0x20u16..0x7f,
        2 => 0u16..0x20,
        1 => Just(u16::from(b'"')),
        1 => Just(u16::from(b'\\')),
        1 => 0x7fu16..0x100,
        1 => 0x100u16..0xd800,
        2 => 0xd800u16..0xe000,
        1 => 0xe000u16..=0xffff,
    ]
}

fn js_string() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => prop::collection::vec(code_unit(), 0..12),
        // A valid surrogate pair inside text.
        1 => (0xd800u16..0xdc00, 0xdc00u16..0xe000).prop_map(|(high, low)| vec![0x61, high, low, 0x62]),
    ]
    .prop_map(|units| js_string_literal(&units))
}

fn js_key() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(vec!["a", "b", "id", "name", "toString", "__proto__", "length", "constructor"])
            .prop_map(|key| js_string_literal(&key.encode_utf16().collect::<Vec<_>>())),
        2 => prop::sample::select(vec!["0", "1", "2", "10", "9", "01", "-1", "1.5", "4294967294", "4294967295", "2147483647", "2147483648"])
            .prop_map(|key| js_string_literal(&key.encode_utf16().collect::<Vec<_>>())),
        2 => js_string(),
    ]
}

fn js_number() -> impl Strategy<Value = String> {
    let special = prop::sample::select(vec![
        "0",
        "-0",
        "NaN",
        "Infinity",
        "-Infinity",
        "1e21",
        "1e-7",
        "1.5e-7",
        "0.1",
        "123e-20",
        "5e-324",
        "1.7976931348623157e308",
        "9007199254740993",
        "2**53",
        "-(2**31)",
        "2**31",
        "4294967295",
        "0.000001",
        "1e20",
        "999999999999999900000",
        "1.2345678901234567",
    ])
    .prop_map(str::to_string);
    prop_oneof![
        2 => any::<i32>().prop_map(|n| format!("({n})")),
        3 => any::<u64>().prop_map(|bits| {
            let number = f64::from_bits(bits);
            if number.is_nan() {
                "NaN".to_string()
            } else if number.is_infinite() {
                if number > 0.0 { "Infinity".into() } else { "(-Infinity)".into() }
            } else {
                // Rust's `{:e}` is the shortest round-trip text; JS reads it back exactly.
                format!("({number:e})")
            }
        }),
        2 => (-1_000_000i64..1_000_000, 0u32..8).prop_map(|(n, scale)| format!("({n} / {})", 10u64.pow(scale))),
        1 => special,
    ]
}

fn js_leaf() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => js_number(),
        4 => js_string(),
        1 => prop::sample::select(vec![
            "null", "true", "false", "undefined", "Symbol('s')", "(function () {})",
            "new Map([[1, 2]])", "new Set([1])", "/x/", "new Boolean(true)", "new Boolean(false)",
            "new Date(NaN)", "new Uint8Array([1, 2, 250])", "new Float32Array([0.1, -0])",
            "new String('box\\u0000')", "new Number(-0)", "new Number(1e21)",
            "({ toJSON(k) { return 'k=' + k } })", "({ toJSON() { return undefined } })",
            "Object.create({ inherited: 1 })",
        ]).prop_map(str::to_string),
        1 => (-8_640_000_000_000_000i64..8_640_000_000_000_000).prop_map(|ms| format!("new Date({ms})")),
    ]
}

fn js_value() -> impl Strategy<Value = String> {
    js_leaf().prop_recursive(4, 64, 8, |inner| {
        prop_oneof![
            // Arrays, with holes (`None`); a trailing hole needs an extra comma.
            3 => prop::collection::vec(prop::option::weighted(0.85, inner.clone()), 0..8).prop_map(|items| {
                let trailing_hole = matches!(items.last(), Some(None));
                let body: Vec<String> = items.into_iter().map(Option::unwrap_or_default).collect();
                format!("[{}{}]", body.join(", "), if trailing_hole { "," } else { "" })
            }),
            // Objects with computed keys (so "__proto__" is an own property).
            3 => prop::collection::vec((js_key(), inner.clone()), 0..8).prop_map(|entries| {
                let body: Vec<String> = entries.into_iter().map(|(key, value)| format!("[{key}]: {value}")).collect();
                format!("({{ {} }})", body.join(", "))
            }),
            // A getter, a toJSON returning a value, a Proxy, a String box of a value.
            1 => (js_key(), inner.clone()).prop_map(|(key, value)| format!("({{ get [{key}]() {{ return {value} }} }})")),
            1 => inner.clone().prop_map(|value| format!("({{ toJSON(k) {{ return [k, {value}] }} }})")),
            1 => inner.clone().prop_map(|value| format!("new Proxy({{ v: {value}, w: [{value}] }}, {{}})")),
            1 => inner.prop_map(|value| format!("new Proxy([{value}, , 1], {{}})")),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn random_values_match_json_stringify(source in js_value()) {
        let (mine, theirs) = compare(&source);
        prop_assert_eq!(mine, theirs, "for {}", source);
    }

    #[test]
    fn random_doubles_match_the_engine(bits in any::<u64>()) {
        let number = f64::from_bits(bits);
        let source = if number.is_nan() {
            "NaN".to_string()
        } else if number.is_infinite() {
            if number > 0.0 { "Infinity".into() } else { "-Infinity".into() }
        } else {
            format!("[{number:e}, -({number:e}), {number:e} / 3, {number:e} * 1e10]")
        };
        let (mine, theirs) = compare(&source);
        prop_assert_eq!(mine, theirs, "for {}", source);
    }
}

// ------------------------------------------------------------------ benchmark

const ITEMS: &str = "(() => { const TAGS = ['alpha', 'beta', 'gamma', 'delta', 'epsilon']; \
    return Array.from({ length: 100 }, (_, i) => ({ id: i + 1, name: `item-${i + 1}`, \
    score: (i * 37) % 1000, tags: [TAGS[i % 5], TAGS[(i * 3) % 5]], active: i % 2 === 0 })) })()";

/// `cargo test --release -p apiroutes-runtime --test json_stringify -- --ignored --nocapture`
#[test]
#[ignore = "benchmark: prints timings"]
fn bench_items() {
    with_context(|ctx| {
        let intrinsics = Intrinsics::capture(ctx).expect("intrinsics");
        let engine: Function = ctx.eval("JSON.stringify").expect("JSON.stringify");
        let scored =
            "(() => { const v = ITEMS; v.forEach((o, i) => { o.score = i / 7 }); return v })()";
        for (label, source) in [
            ("items", ITEMS.to_string()),
            ("items, float scores", scored.replace("ITEMS", ITEMS)),
        ] {
            let value = eval_value(ctx, &source);
            let expected: String = engine.call((value.clone(),)).expect("engine");
            let mine = json::stringify(ctx, &intrinsics, &value)
                .expect("ours")
                .expect("text");
            assert_eq!(mine.to_string().expect("utf-8"), expected);
            let rounds = 20_000;
            for _ in 0..1000 {
                let _ = json::stringify(ctx, &intrinsics, &value);
                let _: Value = engine.call((value.clone(),)).expect("engine");
            }
            let start = Instant::now();
            for _ in 0..rounds {
                let _ = std::hint::black_box(json::stringify(ctx, &intrinsics, &value));
            }
            let ours_us = start.elapsed().as_secs_f64() * 1e6 / f64::from(rounds);
            let start = Instant::now();
            for _ in 0..rounds {
                let _: Value = std::hint::black_box(engine.call((value.clone(),)).expect("engine"));
            }
            let engine_us = start.elapsed().as_secs_f64() * 1e6 / f64::from(rounds);
            println!(
                "{label} ({} bytes): apiroutes json::stringify {ours_us:.2} µs/call, QuickJS JSON.stringify {engine_us:.2} µs/call ({:.1}x)",
                expected.len(),
                engine_us / ours_us
            );
        }
    });
}
