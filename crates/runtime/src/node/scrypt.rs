//! `apiroutes:native/scrypt`: the scrypt key derivation of `crypto.scrypt(Sync)`, on
//! RustCrypto's `scrypt`.
//!
//! `scrypt(password, salt, logN, r, p, keylen)` returns a `Uint8Array`; `crypto.js`
//! checks Node's parameter rules (N a power of two, the `maxmem` limit) before calling.

use rquickjs::module::{Declarations, Exports, ModuleDef};
use rquickjs::{Ctx, Exception, Function, Result, Value};

use super::{bytes_arg, to_uint8_array};

/// The native module definition.
pub struct ScryptModule;

impl ModuleDef for ScryptModule {
    fn declare(declare: &Declarations) -> Result<()> {
        declare.declare("scrypt")?;
        Ok(())
    }

    fn evaluate<'js>(ctx: &Ctx<'js>, exports: &Exports<'js>) -> Result<()> {
        exports.export("scrypt", Function::new(ctx.clone(), scrypt)?)?;
        Ok(())
    }
}

fn scrypt<'js>(
    ctx: Ctx<'js>,
    password: Value<'js>,
    salt: Value<'js>,
    log_n: u8,
    r: u32,
    p: u32,
    keylen: usize,
) -> Result<Value<'js>> {
    let password = bytes_arg(&ctx, &password, "password")?;
    let salt = bytes_arg(&ctx, &salt, "salt")?;
    let invalid = || Exception::throw_range(&ctx, "Invalid scrypt params");
    let params = ::scrypt::Params::new(log_n, r, p).map_err(|_| invalid())?;
    let mut out = vec![0u8; keylen];
    if keylen > 0 {
        ::scrypt::scrypt(&password, &salt, &params, &mut out).map_err(|_| invalid())?;
    }
    to_uint8_array(&ctx, out)
}
