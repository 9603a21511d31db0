//! `apiroutes:native/sign`: signatures and RSA encryption for `crypto.sign`/`verify`,
//! `createSign`/`createVerify` and `publicEncrypt`/`privateDecrypt`, on RustCrypto.
//!
//! Keys come as DER from `keys.rs`'s conventions (private: PKCS#8, public: SPKI) with
//! their kind:
//!
//! - `sign(digest, data, kind, pkcs8, padding, saltLength, dsaEncoding)` → signature
//! - `verify(digest, data, kind, spki, signature, padding, saltLength, dsaEncoding)` → bool
//! - `encrypt(spki, padding, oaepHash, label, data)` / `decrypt(pkcs8, ...)` → bytes
//! - `diffieHellman(pkcs8, spki)` → the ECDH (P-256/384/521) or X25519 shared secret
//!
//! RSA signs PKCS#1 v1.5 (padding 1) or PSS (padding 6; salt length -1 = digest size,
//! -2 = the largest when signing, detected when verifying); ECDSA signatures are DER
//! unless `dsaEncoding` is `ieee-p1363`; Ed25519 signs the message itself.

use ecdsa::signature::hazmat::{PrehashSigner, PrehashVerifier};
use pkcs8::{DecodePrivateKey, PrivateKeyInfoRef};
use rquickjs::module::{Declarations, Exports, ModuleDef};
use rquickjs::{Ctx, Exception, Function, Object, Result, Value};
use rsa::{Oaep, Pkcs1v15Encrypt, Pkcs1v15Sign, Pss};
use sha2::Digest;
use spki::{DecodePublicKey, SubjectPublicKeyInfoRef};

use super::keys::{curve_of, okp_secret, rsa_private, rsa_public, with_curve, KeyResult};
use super::{bytes_arg, to_uint8_array};
use der::Decode;

/// The native module definition.
pub struct SignModule;

impl ModuleDef for SignModule {
    fn declare(declare: &Declarations) -> Result<()> {
        for name in ["sign", "verify", "encrypt", "decrypt", "diffieHellman"] {
            declare.declare(name)?;
        }
        Ok(())
    }

    fn evaluate<'js>(ctx: &Ctx<'js>, exports: &Exports<'js>) -> Result<()> {
        exports.export("sign", Function::new(ctx.clone(), sign)?)?;
        exports.export("verify", Function::new(ctx.clone(), verify)?)?;
        exports.export("encrypt", Function::new(ctx.clone(), encrypt)?)?;
        exports.export("decrypt", Function::new(ctx.clone(), decrypt)?)?;
        exports.export("diffieHellman", Function::new(ctx.clone(), diffie_hellman)?)?;
        Ok(())
    }
}

/// Runs `$body` with `$d` the digest type named `$name`.
macro_rules! with_digest {
    ($name:expr, $d:ident, $body:block) => {
        match $name {
            "md5" => {
                type $d = md5::Md5;
                $body
            }
            "sha1" => {
                type $d = sha1::Sha1;
                $body
            }
            "sha224" => {
                type $d = sha2::Sha224;
                $body
            }
            "sha256" => {
                type $d = sha2::Sha256;
                $body
            }
            "sha384" => {
                type $d = sha2::Sha384;
                $body
            }
            "sha512" => {
                type $d = sha2::Sha512;
                $body
            }
            other => Err(format!("Invalid digest: {other}")),
        }
    };
}

/// The DER `DigestInfo` prefix PKCS#1 v1.5 signatures put before the hash.
fn digest_info_prefix(digest: &str) -> &'static [u8] {
    match digest {
        "md5" => &[
            0x30, 0x20, 0x30, 0x0c, 0x06, 0x08, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x02, 0x05,
            0x05, 0x00, 0x04, 0x10,
        ],
        "sha1" => &[
            0x30, 0x21, 0x30, 0x09, 0x06, 0x05, 0x2b, 0x0e, 0x03, 0x02, 0x1a, 0x05, 0x00, 0x04,
            0x14,
        ],
        "sha224" => &[
            0x30, 0x2d, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02,
            0x04, 0x05, 0x00, 0x04, 0x1c,
        ],
        "sha256" => &[
            0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02,
            0x01, 0x05, 0x00, 0x04, 0x20,
        ],
        "sha384" => &[
            0x30, 0x41, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02,
            0x02, 0x05, 0x00, 0x04, 0x30,
        ],
        _ => &[
            0x30, 0x51, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02,
            0x03, 0x05, 0x00, 0x04, 0x40,
        ],
    }
}

fn hash(digest: &str, data: &[u8]) -> KeyResult<Vec<u8>> {
    with_digest!(digest, D, { Ok(D::digest(data).to_vec()) })
}

const PSS_PADDING: i32 = 6;
const OAEP_PADDING: i32 = 4;
const PKCS1_PADDING: i32 = 1;

/// The DER `SEQUENCE { INTEGER r, INTEGER s }` of a fixed-width `r || s` signature.
fn p1363_to_der(sig: &[u8]) -> Vec<u8> {
    let (r, s) = sig.split_at(sig.len() / 2);
    let mut body = Vec::new();
    for half in [r, s] {
        let trimmed: Vec<u8> = half.iter().copied().skip_while(|b| *b == 0).collect();
        let mut int = Vec::new();
        if trimmed.is_empty() || trimmed[0] & 0x80 != 0 {
            int.push(0);
        }
        int.extend(trimmed);
        body.push(0x02);
        push_len(&mut body, int.len());
        body.extend(int);
    }
    let mut out = vec![0x30];
    push_len(&mut out, body.len());
    out.extend(body);
    out
}

fn push_len(out: &mut Vec<u8>, len: usize) {
    if len < 0x80 {
        out.push(len as u8);
    } else {
        out.push(0x81);
        out.push(len as u8);
    }
}

fn read_tlv(input: &[u8], tag: u8) -> Option<(&[u8], &[u8])> {
    if input.first() != Some(&tag) {
        return None;
    }
    let (len, start) = match *input.get(1)? {
        n if n < 0x80 => (n as usize, 2),
        0x81 => (*input.get(2)? as usize, 3),
        0x82 => (
            ((*input.get(2)? as usize) << 8) | *input.get(3)? as usize,
            4,
        ),
        _ => return None,
    };
    let body = input.get(start..start + len)?;
    Some((body, &input[start + len..]))
}

/// The fixed-width `r || s` of a DER ECDSA signature, `None` when malformed.
fn der_to_p1363(der: &[u8], width: usize) -> Option<Vec<u8>> {
    let (body, rest) = read_tlv(der, 0x30)?;
    if !rest.is_empty() {
        return None;
    }
    let (r, body) = read_tlv(body, 0x02)?;
    let (s, body) = read_tlv(body, 0x02)?;
    if !body.is_empty() {
        return None;
    }
    let mut out = Vec::with_capacity(width * 2);
    for int in [r, s] {
        let trimmed: Vec<u8> = int.iter().copied().skip_while(|b| *b == 0).collect();
        if trimmed.len() > width {
            return None;
        }
        out.extend(std::iter::repeat_n(0, width - trimmed.len()));
        out.extend(trimmed);
    }
    Some(out)
}

fn pss_salt(key_bits: usize, digest_len: usize, salt: i32) -> KeyResult<usize> {
    let em_len = (key_bits - 1).div_ceil(8);
    match salt {
        -1 => Ok(digest_len),
        -2 | -3 => em_len
            .checked_sub(digest_len + 2)
            .ok_or_else(|| "error:1C8000A5:Provider routines::digest too big for rsa key".into()),
        n if n >= 0 => Ok(n as usize),
        _ => Err("error:1C800066:Provider routines::invalid salt length".into()),
    }
}

struct Options<'a> {
    digest: &'a str,
    padding: i32,
    salt: i32,
    p1363: bool,
}

fn sign_bytes(kind: &str, der: &[u8], data: &[u8], o: &Options<'_>) -> KeyResult<Vec<u8>> {
    match kind {
        "rsa" | "rsa-pss" => {
            let key = rsa_private(der)?;
            let hashed = hash(o.digest, data)?;
            let bits = rsa::traits::PublicKeyParts::n(&key).bits() as usize;
            let result = if o.padding == PSS_PADDING || kind == "rsa-pss" {
                let salt = pss_salt(bits, hashed.len(), o.salt)?;
                with_digest!(o.digest, D, {
                    key.sign_with_rng(&mut rand::rng(), Pss::<D>::new_with_salt(salt), &hashed)
                        .map_err(|e| e.to_string())
                })
            } else {
                let scheme = Pkcs1v15Sign {
                    hash_len: Some(hashed.len()),
                    prefix: digest_info_prefix(o.digest).into(),
                };
                key.sign(scheme, &hashed).map_err(|e| e.to_string())
            };
            result
                .map_err(|_| "error:1C8000A5:Provider routines::digest too big for rsa key".into())
        }
        "ec" => {
            let info = PrivateKeyInfoRef::from_der(der).map_err(|e| e.to_string())?;
            let curve = curve_of(&info.algorithm)?;
            let hashed = hash(o.digest, data)?;
            let raw = with_curve!(curve, c, {
                let key = c::ecdsa::SigningKey::from_pkcs8_der(der).map_err(|e| e.to_string())?;
                let sig: c::ecdsa::Signature =
                    key.sign_prehash(&hashed).map_err(|e| e.to_string())?;
                Ok(sig.to_bytes().to_vec())
            })?;
            Ok(if o.p1363 { raw } else { p1363_to_der(&raw) })
        }
        "ed25519" => {
            use ed25519_dalek::Signer;
            let info = PrivateKeyInfoRef::from_der(der).map_err(|e| e.to_string())?;
            let key = ed25519_dalek::SigningKey::from_bytes(&okp_secret(&info)?);
            Ok(key.sign(data).to_bytes().to_vec())
        }
        _ => {
            Err("error:1C8000A6:Provider routines::operation not supported for this keytype".into())
        }
    }
}

fn verify_bytes(
    kind: &str,
    der: &[u8],
    data: &[u8],
    sig: &[u8],
    o: &Options<'_>,
) -> KeyResult<bool> {
    match kind {
        "rsa" | "rsa-pss" => {
            let key = rsa_public(der)?;
            let hashed = hash(o.digest, data)?;
            if o.padding == PSS_PADDING || kind == "rsa-pss" {
                let salt = match o.salt {
                    -2 | -3 => None,
                    -1 => Some(hashed.len()),
                    n if n >= 0 => Some(n as usize),
                    _ => return Err("error:1C800066:Provider routines::invalid salt length".into()),
                };
                with_digest!(o.digest, D, {
                    let mut scheme = Pss::<D>::new();
                    scheme.salt_len = salt;
                    Ok(key.verify(scheme, &hashed, sig).is_ok())
                })
            } else {
                let scheme = Pkcs1v15Sign {
                    hash_len: Some(hashed.len()),
                    prefix: digest_info_prefix(o.digest).into(),
                };
                Ok(key.verify(scheme, &hashed, sig).is_ok())
            }
        }
        "ec" => {
            let info = SubjectPublicKeyInfoRef::from_der(der).map_err(|e| e.to_string())?;
            let curve = curve_of(&info.algorithm)?;
            let hashed = hash(o.digest, data)?;
            with_curve!(curve, c, {
                let key =
                    c::ecdsa::VerifyingKey::from_public_key_der(der).map_err(|e| e.to_string())?;
                let width = (info.subject_public_key.raw_bytes().len() - 1) / 2;
                let raw = if o.p1363 {
                    Some(sig.to_vec())
                } else {
                    der_to_p1363(sig, width)
                };
                let Some(raw) = raw else { return Ok(false) };
                let Ok(sig) = c::ecdsa::Signature::from_slice(&raw) else {
                    return Ok(false);
                };
                Ok(key.verify_prehash(&hashed, &sig).is_ok())
            })
        }
        "ed25519" => {
            let info = SubjectPublicKeyInfoRef::from_der(der).map_err(|e| e.to_string())?;
            let bytes = <[u8; 32]>::try_from(info.subject_public_key.raw_bytes())
                .map_err(|e| e.to_string())?;
            let key = ed25519_dalek::VerifyingKey::from_bytes(&bytes).map_err(|e| e.to_string())?;
            let Ok(sig) = ed25519_dalek::Signature::from_slice(sig) else {
                return Ok(false);
            };
            Ok(key.verify_strict(data, &sig).is_ok())
        }
        _ => {
            Err("error:1C8000A6:Provider routines::operation not supported for this keytype".into())
        }
    }
}

fn options(opts: &Object<'_>) -> Result<(i32, i32, bool)> {
    let dsa: String = opts.get("dsaEncoding")?;
    Ok((
        opts.get("padding")?,
        opts.get("saltLength")?,
        dsa == "ieee-p1363",
    ))
}

fn sign<'js>(
    ctx: Ctx<'js>,
    digest: String,
    data: Value<'js>,
    kind: String,
    der: Value<'js>,
    opts: Object<'js>,
) -> Result<Value<'js>> {
    let (padding, salt, p1363) = options(&opts)?;
    let data = bytes_arg(&ctx, &data, "data")?;
    let der = bytes_arg(&ctx, &der, "key")?;
    let options = Options {
        digest: &digest,
        padding,
        salt,
        p1363,
    };
    let out =
        sign_bytes(&kind, &der, &data, &options).map_err(|e| Exception::throw_message(&ctx, &e))?;
    to_uint8_array(&ctx, out)
}

fn verify<'js>(
    ctx: Ctx<'js>,
    digest: String,
    data: Value<'js>,
    kind: String,
    der: Value<'js>,
    signature: Value<'js>,
    opts: Object<'js>,
) -> Result<bool> {
    let (padding, salt, p1363) = options(&opts)?;
    let data = bytes_arg(&ctx, &data, "data")?;
    let der = bytes_arg(&ctx, &der, "key")?;
    let signature = bytes_arg(&ctx, &signature, "signature")?;
    let options = Options {
        digest: &digest,
        padding,
        salt,
        p1363,
    };
    verify_bytes(&kind, &der, &data, &signature, &options)
        .map_err(|e| Exception::throw_message(&ctx, &e))
}

fn label_of(label: &[u8]) -> Option<Box<[u8]>> {
    (!label.is_empty()).then(|| label.into())
}

fn encrypt<'js>(
    ctx: Ctx<'js>,
    spki: Value<'js>,
    padding: i32,
    oaep_hash: String,
    label: Value<'js>,
    data: Value<'js>,
) -> Result<Value<'js>> {
    let spki = bytes_arg(&ctx, &spki, "key")?;
    let label = bytes_arg(&ctx, &label, "oaepLabel")?;
    let data = bytes_arg(&ctx, &data, "buffer")?;
    let result = (|| -> KeyResult<Vec<u8>> {
        let key = rsa_public(&spki)?;
        let mut rng = rand::rng();
        match padding {
            OAEP_PADDING => with_digest!(oaep_hash.as_str(), D, {
                let mut scheme = Oaep::<D>::new();
                scheme.label = label_of(&label);
                key.encrypt(&mut rng, scheme, &data)
                    .map_err(|_| "error:0200006E:rsa routines::data too large for key size".into())
            }),
            PKCS1_PADDING => key
                .encrypt(&mut rng, Pkcs1v15Encrypt, &data)
                .map_err(|_| "error:0200006E:rsa routines::data too large for key size".into()),
            _ => Err("error:1C8000A6:Provider routines::unknown padding type".into()),
        }
    })();
    let out = result.map_err(|e| Exception::throw_message(&ctx, &e))?;
    to_uint8_array(&ctx, out)
}

fn decrypt<'js>(
    ctx: Ctx<'js>,
    pkcs8: Value<'js>,
    padding: i32,
    oaep_hash: String,
    label: Value<'js>,
    data: Value<'js>,
) -> Result<Value<'js>> {
    let pkcs8 = bytes_arg(&ctx, &pkcs8, "key")?;
    let label = bytes_arg(&ctx, &label, "oaepLabel")?;
    let data = bytes_arg(&ctx, &data, "buffer")?;
    let result = (|| -> KeyResult<Vec<u8>> {
        let key = rsa_private(&pkcs8)?;
        match padding {
            OAEP_PADDING => with_digest!(oaep_hash.as_str(), D, {
                let mut scheme = Oaep::<D>::new();
                scheme.label = label_of(&label);
                key.decrypt(scheme, &data)
                    .map_err(|_| "error:02000079:rsa routines::oaep decoding error".into())
            }),
            PKCS1_PADDING => key
                .decrypt(Pkcs1v15Encrypt, &data)
                .map_err(|_| "error:02000072:rsa routines::padding check failed".into()),
            _ => Err("error:1C8000A6:Provider routines::unknown padding type".into()),
        }
    })();
    let out = result.map_err(|e| Exception::throw_message(&ctx, &e))?;
    to_uint8_array(&ctx, out)
}

fn shared_secret(pkcs8: &[u8], spki: &[u8]) -> KeyResult<Vec<u8>> {
    let private = PrivateKeyInfoRef::from_der(pkcs8).map_err(|e| e.to_string())?;
    let public = SubjectPublicKeyInfoRef::from_der(spki).map_err(|e| e.to_string())?;
    if private.algorithm.oid != public.algorithm.oid {
        return Err("error:03000065:digital envelope routines::different key types".into());
    }
    if private.algorithm.oid == super::keys::OID_X25519 {
        let point = <[u8; 32]>::try_from(public.subject_public_key.raw_bytes())
            .map_err(|e| e.to_string())?;
        let shared = curve25519_dalek::MontgomeryPoint(point).mul_clamped(okp_secret(&private)?);
        return Ok(shared.to_bytes().to_vec());
    }
    let curve = curve_of(&private.algorithm)?;
    if curve_of(&public.algorithm)? != curve {
        return Err("error:1C8000B6:Provider routines::mismatching domain parameters".into());
    }
    with_curve!(curve, c, {
        let secret = c::SecretKey::from_pkcs8_der(pkcs8).map_err(|e| e.to_string())?;
        let public = c::PublicKey::from_public_key_der(spki).map_err(|e| e.to_string())?;
        let shared =
            elliptic_curve::ecdh::diffie_hellman(secret.to_nonzero_scalar(), public.as_affine());
        Ok(shared.raw_secret_bytes().to_vec())
    })
}

fn diffie_hellman<'js>(ctx: Ctx<'js>, pkcs8: Value<'js>, spki: Value<'js>) -> Result<Value<'js>> {
    let pkcs8 = bytes_arg(&ctx, &pkcs8, "privateKey")?;
    let spki = bytes_arg(&ctx, &spki, "publicKey")?;
    let out = shared_secret(&pkcs8, &spki).map_err(|e| Exception::throw_message(&ctx, &e))?;
    to_uint8_array(&ctx, out)
}
