//! Native halves of our Node built-ins, one file per capability, each a QuickJS native
//! module under an internal name that the JavaScript built-in (`js/builtins/*.js`) imports:
//!
//! | native module | file | used by |
//! |---|---|---|
//! | `apiroutes:native/zlib` | `zlib.rs` | `zlib` |
//! | `apiroutes:native/kdf` | `kdf.rs` | `crypto` (`pbkdf2`, `hkdf`) |
//! | `apiroutes:native/scrypt` | `scrypt.rs` | `crypto` (`scrypt`) |
//! | `apiroutes:native/cipher` | `cipher.rs` | `crypto` (`createCipheriv`, `createDecipheriv`) |
//! | `apiroutes:native/keys` | `keys.rs` | `crypto` (`KeyObject`, `generateKeyPair`) |
//! | `apiroutes:native/sign` | `sign.rs` | `crypto` (`sign`, `verify`, `publicEncrypt`, ...) |
//! | `apiroutes:native/net` | `net.rs`, `tls.rs` | `net`, `tls`, `dns` |
//! | global `__apiroutesWebSocket` | `websocket.rs` | the `WebSocket` global (`js/web/websocket.js`) |

pub mod cipher;
pub mod kdf;
pub mod keys;
pub mod net;
pub mod scrypt;
pub mod sign;
pub mod tls;
pub mod websocket;
pub mod zlib;

use rquickjs::{Ctx, Result, TypedArray, Value};

/// Bytes of a string (UTF-8), ArrayBuffer, Buffer or other typed array argument.
pub(crate) fn bytes_of(value: &Value<'_>) -> Option<Vec<u8>> {
    if let Some(text) = value.as_string() {
        return text.to_string().ok().map(String::into_bytes);
    }
    if let Ok(array) = TypedArray::<u8>::from_value(value.clone()) {
        return array.as_bytes().map(<[u8]>::to_vec);
    }
    if let Some(object) = value.as_object() {
        if let Some(buffer) = object.as_array_buffer() {
            return buffer.as_bytes().map(<[u8]>::to_vec);
        }
        // Other views (DataView, Uint16Array, ...): read their bytes through a Uint8Array.
        let buffer: Option<rquickjs::ArrayBuffer> = object.get("buffer").ok();
        let offset: usize = object.get("byteOffset").unwrap_or(0);
        let length: usize = object.get("byteLength").unwrap_or(0);
        if let Some(bytes) = buffer.as_ref().and_then(|b| b.as_bytes()) {
            return bytes.get(offset..offset + length).map(<[u8]>::to_vec);
        }
    }
    None
}

/// The bytes of argument `name`, or Node's `ERR_INVALID_ARG_TYPE` text as a TypeError
/// (the JavaScript side validates first; this guards the native boundary).
pub(crate) fn bytes_arg(ctx: &Ctx<'_>, value: &Value<'_>, name: &str) -> Result<Vec<u8>> {
    bytes_of(value).ok_or_else(|| {
        rquickjs::Exception::throw_type(
            ctx,
            &format!("The \"{name}\" argument must be of type string or an instance of ArrayBuffer, Buffer, TypedArray, or DataView."),
        )
    })
}

/// A `Uint8Array` holding `bytes`.
pub(crate) fn to_uint8_array<'js>(ctx: &Ctx<'js>, bytes: Vec<u8>) -> Result<Value<'js>> {
    Ok(TypedArray::<u8>::new(ctx.clone(), bytes)?.into_value())
}
