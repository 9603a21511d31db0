// temporary profiling harness (not committed)
use apiroutes_runtime::json::{self, Intrinsics};
use rquickjs::{Context, Runtime, Value};
fn main() {
    let rt = Runtime::new().unwrap();
    let c = Context::full(&rt).unwrap();
    let float = std::env::args().nth(1).is_some();
    c.with(|ctx| {
        let i = Intrinsics::capture(&ctx).unwrap();
        let src = if float { "(() => { const TAGS = ['alpha', 'beta', 'gamma', 'delta', 'epsilon']; return Array.from({ length: 100 }, (_, i) => ({ id: i + 1, name: `item-${i + 1}`, score: i / 7, tags: [TAGS[i % 5], TAGS[(i * 3) % 5]], active: i % 2 === 0 })) })()" } else { "(() => { const TAGS = ['alpha', 'beta', 'gamma', 'delta', 'epsilon']; return Array.from({ length: 100 }, (_, i) => ({ id: i + 1, name: `item-${i + 1}`, score: (i * 37) % 1000, tags: [TAGS[i % 5], TAGS[(i * 3) % 5]], active: i % 2 === 0 })) })()" };
        let v: Value = ctx.eval(src).unwrap();
        let t = std::time::Instant::now();
        for _ in 0..50000 { std::hint::black_box(json::stringify(&ctx, &i, &v).unwrap()); }
        println!("{:.2} us", t.elapsed().as_secs_f64() * 1e6 / 50000.0);
    });
}
