//! `apiroutes:native/kdf`: key derivation for `crypto.pbkdf2(Sync)` and
//! `crypto.hkdf(Sync)`, on the RustCrypto crates LLRT's crypto already links.
//!
//! `pbkdf2(password, salt, iterations, keylen, digest)` and
//! `hkdf(digest, ikm, salt, info, keylen)` return a `Uint8Array`; an unknown digest
//! throws a `TypeError` that the JavaScript side turns into Node's `ERR_CRYPTO_INVALID_DIGEST`.

use rquickjs::module::{Declarations, Exports, ModuleDef};
use rquickjs::{Ctx, Exception, Function, Result, Value};

use super::{bytes_arg, to_uint8_array};

/// The native module definition.
pub struct KdfModule;

impl ModuleDef for KdfModule {
    fn declare(declare: &Declarations) -> Result<()> {
        declare.declare("pbkdf2")?;
        declare.declare("hkdf")?;
        Ok(())
    }

    fn evaluate<'js>(ctx: &Ctx<'js>, exports: &Exports<'js>) -> Result<()> {
        exports.export("pbkdf2", Function::new(ctx.clone(), pbkdf2)?)?;
        exports.export("hkdf", Function::new(ctx.clone(), hkdf)?)?;
        Ok(())
    }
}

fn invalid_digest(ctx: &Ctx<'_>, digest: &str) -> rquickjs::Error {
    Exception::throw_type(ctx, &format!("Invalid digest: {digest}"))
}

fn pbkdf2<'js>(
    ctx: Ctx<'js>,
    password: Value<'js>,
    salt: Value<'js>,
    iterations: u32,
    keylen: usize,
    digest: String,
) -> Result<Value<'js>> {
    let password = bytes_arg(&ctx, &password, "password")?;
    let salt = bytes_arg(&ctx, &salt, "salt")?;
    let mut out = vec![0u8; keylen];
    match digest.to_ascii_lowercase().as_str() {
        "sha1" => pbkdf2::pbkdf2_hmac::<sha1::Sha1>(&password, &salt, iterations, &mut out),
        "sha224" => pbkdf2::pbkdf2_hmac::<sha2::Sha224>(&password, &salt, iterations, &mut out),
        "sha256" => pbkdf2::pbkdf2_hmac::<sha2::Sha256>(&password, &salt, iterations, &mut out),
        "sha384" => pbkdf2::pbkdf2_hmac::<sha2::Sha384>(&password, &salt, iterations, &mut out),
        "sha512" => pbkdf2::pbkdf2_hmac::<sha2::Sha512>(&password, &salt, iterations, &mut out),
        "md5" => pbkdf2::pbkdf2_hmac::<md5::Md5>(&password, &salt, iterations, &mut out),
        _ => return Err(invalid_digest(&ctx, &digest)),
    }
    to_uint8_array(&ctx, out)
}

fn hkdf<'js>(
    ctx: Ctx<'js>,
    digest: String,
    ikm: Value<'js>,
    salt: Value<'js>,
    info: Value<'js>,
    keylen: usize,
) -> Result<Value<'js>> {
    let ikm = bytes_arg(&ctx, &ikm, "ikm")?;
    let salt = bytes_arg(&ctx, &salt, "salt")?;
    let info = bytes_arg(&ctx, &info, "info")?;
    let mut out = vec![0u8; keylen];
    let expanded = match digest.to_ascii_lowercase().as_str() {
        "sha1" => hkdf::Hkdf::<sha1::Sha1>::new(Some(&salt), &ikm).expand(&info, &mut out),
        "sha224" => hkdf::Hkdf::<sha2::Sha224>::new(Some(&salt), &ikm).expand(&info, &mut out),
        "sha256" => hkdf::Hkdf::<sha2::Sha256>::new(Some(&salt), &ikm).expand(&info, &mut out),
        "sha384" => hkdf::Hkdf::<sha2::Sha384>::new(Some(&salt), &ikm).expand(&info, &mut out),
        "sha512" => hkdf::Hkdf::<sha2::Sha512>::new(Some(&salt), &ikm).expand(&info, &mut out),
        "md5" => hkdf::Hkdf::<md5::Md5>::new(Some(&salt), &ikm).expand(&info, &mut out),
        _ => return Err(invalid_digest(&ctx, &digest)),
    };
    if expanded.is_err() {
        return Err(Exception::throw_range(&ctx, "Invalid key length"));
    }
    to_uint8_array(&ctx, out)
}
