//! Stack traces that point at the code the user wrote: QuickJS records positions in the
//! JavaScript it runs, which for TypeScript and JSX is the compiler's regenerated output.
//! Engine patch 0004 (`vendor/rquickjs-sys/patches`) asks this module to map each frame's
//! position while a trace is built (`error.stack`, `Error.prepareStackTrace` call sites);
//! the map comes from the compiler's source map of the same transform, computed the first
//! time a frame of that file is seen (no cost until something throws) and kept for the
//! life of the process, as the module it describes is (modules are loaded once).

use std::collections::HashMap;
use std::ffi::{c_char, c_int, c_void, CStr};
use std::path::Path;
use std::sync::{Arc, LazyLock, Mutex};

use apiroutes_compiler::PositionMap;
use rquickjs::{qjs, Ctx};

extern "C" {
    fn JS_SetBacktracePositionMapper(
        rt: *mut qjs::JSRuntime,
        mapper: Option<unsafe extern "C" fn(*mut c_void, *const c_char, *mut c_int, *mut c_int)>,
        opaque: *mut c_void,
    );
}

/// Extensions whose emitted code differs from the source (positions need a map).
const TRANSFORMED: [&str; 5] = ["ts", "tsx", "mts", "cts", "jsx"];

/// Per file, its map (`None`: positions are already right, or the file does not compile).
type Cache = HashMap<String, Option<Arc<PositionMap>>>;

static MAPS: LazyLock<Mutex<Cache>> = LazyLock::new(Mutex::default);

/// Makes this context's runtime map stack positions of transformed files.
pub fn install(ctx: &Ctx<'_>) {
    // SAFETY: the context is alive, so is its runtime; the mapper is a plain function
    // with no state (the opaque pointer is unused).
    unsafe {
        let runtime = qjs::JS_GetRuntime(ctx.as_raw().as_ptr());
        JS_SetBacktracePositionMapper(runtime, Some(map_position), std::ptr::null_mut());
    }
}

unsafe extern "C" fn map_position(
    _opaque: *mut c_void,
    filename: *const c_char,
    line: *mut c_int,
    column: *mut c_int,
) {
    if filename.is_null() || line.is_null() || column.is_null() {
        return;
    }
    // SAFETY: the engine passes a NUL-terminated name and pointers to its two ints,
    // valid for the duration of the call.
    let (name, generated_line, generated_column) =
        unsafe { (CStr::from_ptr(filename), *line, *column) };
    let Ok(name) = name.to_str() else { return };
    // Never unwind into C: a failure leaves the position as the engine had it.
    let mapped = std::panic::catch_unwind(|| original(name, generated_line, generated_column));
    if let Ok(Some((source_line, source_column))) = mapped {
        // SAFETY: as above.
        unsafe {
            *line = source_line;
            *column = source_column;
        }
    }
}

/// The source position of a generated one in `file`, when the file is transformed.
pub fn original(file: &str, line: i32, column: i32) -> Option<(i32, i32)> {
    let path = Path::new(file);
    let extension = path.extension()?.to_str()?;
    if !TRANSFORMED.contains(&extension) || line <= 0 {
        return None;
    }
    let cached = MAPS.lock().ok()?.get(file).cloned();
    let map = match cached {
        Some(map) => map,
        None => {
            let map = std::fs::read_to_string(path)
                .ok()
                .and_then(|source| apiroutes_compiler::position_map(path, &source))
                .map(Arc::new);
            MAPS.lock().ok()?.insert(file.to_string(), map.clone());
            map
        }
    }?;
    let (source_line, source_column) = map.original(line as u32, column.max(1) as u32)?;
    Some((source_line as i32, source_column as i32))
}
