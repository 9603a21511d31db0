//! `apiroutes:native/keys`: the asymmetric keys behind `crypto.KeyObject`
//! (`createPrivateKey`, `createPublicKey`, `export`, `generateKeyPair`), on RustCrypto.
//!
//! Keys cross into JavaScript as DER: a private key always as PKCS#8, a public key
//! always as SPKI, with its kind (`rsa`, `rsa-pss`, `ec`, `ed25519`, `x25519`). PEM
//! armour and base64url are the JavaScript side's; this module converts between the DER
//! encodings (PKCS#1, SEC1, PKCS#8, SPKI), JWK components and kinds, derives public keys,
//! reports `asymmetricKeyDetails` and generates keys:
//!
//! - `importPrivate(der, type)` / `importPublic(der, type)` → `[kind, pkcs8 | spki]`
//! - `publicFromPrivate(pkcs8)` → spki
//! - `details(der, isPrivate)` → `{ modulusLength, publicExponent, namedCurve }`
//! - `exportDer(der, isPrivate, type)` → the key as `pkcs1` or `sec1`
//! - `toJwk(der, isPrivate)` / `fromJwk(jwk, isPrivate)`: components as bytes
//! - `generate(kind, modulusLength, publicExponent, namedCurve)` → pkcs8
//!
//! Failures throw an `Error` with OpenSSL's wording, which `crypto.js` gives Node's codes.

use der::asn1::{AnyRef, BitStringRef, ObjectIdentifier, OctetStringRef, UintRef};
use der::{Decode, Encode};
use elliptic_curve::sec1::ToSec1Point;
use elliptic_curve::Generate;
use pkcs8::{DecodePrivateKey, EncodePrivateKey, PrivateKeyInfoRef};
use rquickjs::module::{Declarations, Exports, ModuleDef};
use rquickjs::{Ctx, Exception, Function, Object, Result, Value};
use rsa::pkcs1::{
    DecodeRsaPrivateKey, DecodeRsaPublicKey, EncodeRsaPrivateKey, EncodeRsaPublicKey,
};
use rsa::{BoxedUint, RsaPrivateKey, RsaPublicKey};
use spki::{AlgorithmIdentifierRef, DecodePublicKey, EncodePublicKey, SubjectPublicKeyInfoRef};

use super::{bytes_arg, bytes_of, to_uint8_array};

/// The native module definition.
pub struct KeysModule;

impl ModuleDef for KeysModule {
    fn declare(declare: &Declarations) -> Result<()> {
        for name in [
            "importPrivate",
            "importPublic",
            "publicFromPrivate",
            "details",
            "exportDer",
            "toJwk",
            "fromJwk",
            "generate",
        ] {
            declare.declare(name)?;
        }
        Ok(())
    }

    fn evaluate<'js>(ctx: &Ctx<'js>, exports: &Exports<'js>) -> Result<()> {
        exports.export("importPrivate", Function::new(ctx.clone(), import_private)?)?;
        exports.export("importPublic", Function::new(ctx.clone(), import_public)?)?;
        exports.export(
            "publicFromPrivate",
            Function::new(ctx.clone(), public_from_private)?,
        )?;
        exports.export("details", Function::new(ctx.clone(), details)?)?;
        exports.export("exportDer", Function::new(ctx.clone(), export_der)?)?;
        exports.export("toJwk", Function::new(ctx.clone(), to_jwk)?)?;
        exports.export("fromJwk", Function::new(ctx.clone(), from_jwk)?)?;
        exports.export("generate", Function::new(ctx.clone(), generate)?)?;
        Ok(())
    }
}

/// A failure, in OpenSSL's words where Node shows them.
pub(crate) type KeyResult<T> = std::result::Result<T, String>;

pub(crate) const OID_RSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
pub(crate) const OID_RSA_PSS: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.10");
const OID_EC: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");
const OID_P256: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.3.1.7");
const OID_P384: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.34");
const OID_P521: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.35");
const OID_SECP256K1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.10");
const OID_ED25519: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.112");
pub(crate) const OID_X25519: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.110");
const OID_ED448: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.113");
const OID_X448: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.111");

const DECODER: &str = "error:1E08010C:DECODER routines::unsupported";

fn kind_of(algorithm: &AlgorithmIdentifierRef<'_>) -> KeyResult<&'static str> {
    Ok(match algorithm.oid {
        OID_RSA => "rsa",
        OID_RSA_PSS => "rsa-pss",
        OID_EC => "ec",
        OID_ED25519 => "ed25519",
        OID_X25519 => "x25519",
        OID_ED448 => "ed448",
        OID_X448 => "x448",
        _ => return Err(DECODER.into()),
    })
}

/// The JWK name of an EC key's curve (`P-256`, ...), from its algorithm parameters.
pub(crate) fn curve_of(algorithm: &AlgorithmIdentifierRef<'_>) -> KeyResult<&'static str> {
    let oid = algorithm
        .parameters
        .and_then(|any| any.decode_as::<ObjectIdentifier>().ok())
        .ok_or_else(|| DECODER.to_string())?;
    curve_name(oid)
}

fn curve_name(oid: ObjectIdentifier) -> KeyResult<&'static str> {
    Ok(match oid {
        OID_P256 => "P-256",
        OID_P384 => "P-384",
        OID_P521 => "P-521",
        OID_SECP256K1 => "secp256k1",
        _ => return Err(DECODER.into()),
    })
}

fn curve_oid(name: &str) -> KeyResult<ObjectIdentifier> {
    Ok(match name {
        "P-256" => OID_P256,
        "P-384" => OID_P384,
        "P-521" => OID_P521,
        _ => return Err(format!("Unsupported curve: {name}")),
    })
}

/// Runs `$body` with `$c` naming the RustCrypto crate of the NIST curve `$name`.
macro_rules! with_curve {
    ($name:expr, $c:ident, $body:block) => {
        match $name {
            "P-256" => {
                use p256 as $c;
                $body
            }
            "P-384" => {
                use p384 as $c;
                $body
            }
            "P-521" => {
                use p521 as $c;
                $body
            }
            other => Err(format!("Unsupported curve: {other}")),
        }
    };
}
pub(crate) use with_curve;

fn err<E: std::fmt::Display>(_: E) -> String {
    DECODER.to_string()
}

fn okp_pkcs8(oid: ObjectIdentifier, secret: &[u8]) -> KeyResult<Vec<u8>> {
    let inner = OctetStringRef::new(secret)
        .map_err(err)?
        .to_der()
        .map_err(err)?;
    let info = PrivateKeyInfoRef {
        algorithm: AlgorithmIdentifierRef {
            oid,
            parameters: None,
        },
        private_key: OctetStringRef::new(&inner).map_err(err)?,
        public_key: None,
    };
    info.to_der().map_err(err)
}

fn spki_der(algorithm: AlgorithmIdentifierRef<'_>, key: &[u8]) -> KeyResult<Vec<u8>> {
    SubjectPublicKeyInfoRef {
        algorithm,
        subject_public_key: BitStringRef::from_bytes(key).map_err(err)?,
    }
    .to_der()
    .map_err(err)
}

/// The 32 secret bytes of an Ed25519/X25519 PKCS#8 key.
pub(crate) fn okp_secret(info: &PrivateKeyInfoRef<'_>) -> KeyResult<[u8; 32]> {
    let inner = <&OctetStringRef>::from_der(info.private_key.as_bytes()).map_err(err)?;
    <[u8; 32]>::try_from(inner.as_bytes()).map_err(err)
}

fn okp_public(kind: &str, secret: [u8; 32]) -> Vec<u8> {
    if kind == "ed25519" {
        ed25519_dalek::SigningKey::from_bytes(&secret)
            .verifying_key()
            .to_bytes()
            .to_vec()
    } else {
        curve25519_dalek::MontgomeryPoint::mul_base_clamped(secret)
            .to_bytes()
            .to_vec()
    }
}

/// A PKCS#8 private key of any supported encoding.
fn import_private_der(der: &[u8], ty: &str) -> KeyResult<(&'static str, Vec<u8>)> {
    match ty {
        "pkcs1" => {
            let key = RsaPrivateKey::from_pkcs1_der(der).map_err(err)?;
            Ok(("rsa", key.to_pkcs8_der().map_err(err)?.as_bytes().to_vec()))
        }
        "sec1" => {
            let parsed = sec1::EcPrivateKey::from_der(der).map_err(err)?;
            let oid = parsed
                .parameters
                .and_then(|p| p.named_curve())
                .ok_or_else(|| DECODER.to_string())?;
            let curve = curve_name(oid)?;
            let pkcs8 = with_curve!(curve, c, {
                let key = c::SecretKey::from_sec1_der(der).map_err(err)?;
                Ok(key.to_pkcs8_der().map_err(err)?.as_bytes().to_vec())
            })?;
            Ok(("ec", pkcs8))
        }
        _ => {
            let info = PrivateKeyInfoRef::from_der(der).map_err(err)?;
            let kind = kind_of(&info.algorithm)?;
            // Check that the key inside parses.
            match kind {
                "rsa" | "rsa-pss" => {
                    RsaPrivateKey::from_pkcs1_der(info.private_key.as_bytes()).map_err(err)?;
                }
                "ec" => {
                    let curve = curve_of(&info.algorithm)?;
                    if curve != "secp256k1" {
                        with_curve!(curve, c, {
                            c::SecretKey::from_pkcs8_der(der).map(|_| ()).map_err(err)
                        })?;
                    }
                }
                "ed25519" | "x25519" => {
                    okp_secret(&info)?;
                }
                _ => {}
            }
            Ok((kind, der.to_vec()))
        }
    }
}

fn import_public_der(der: &[u8], ty: &str) -> KeyResult<(&'static str, Vec<u8>)> {
    if ty == "pkcs1" {
        let key = RsaPublicKey::from_pkcs1_der(der).map_err(err)?;
        return Ok(("rsa", key.to_public_key_der().map_err(err)?.into_vec()));
    }
    let info = SubjectPublicKeyInfoRef::from_der(der).map_err(err)?;
    let kind = kind_of(&info.algorithm)?;
    match kind {
        "rsa" | "rsa-pss" => {
            RsaPublicKey::from_pkcs1_der(info.subject_public_key.raw_bytes()).map_err(err)?;
        }
        "ec" => {
            let curve = curve_of(&info.algorithm)?;
            if curve != "secp256k1" {
                with_curve!(curve, c, {
                    c::PublicKey::from_public_key_der(der)
                        .map(|_| ())
                        .map_err(err)
                })?;
            }
        }
        _ => {}
    }
    Ok((kind, der.to_vec()))
}

fn public_of(pkcs8: &[u8]) -> KeyResult<Vec<u8>> {
    let info = PrivateKeyInfoRef::from_der(pkcs8).map_err(err)?;
    match kind_of(&info.algorithm)? {
        "rsa" | "rsa-pss" => {
            let key = RsaPrivateKey::from_pkcs1_der(info.private_key.as_bytes()).map_err(err)?;
            let public = key.to_public_key().to_pkcs1_der().map_err(err)?;
            spki_der(info.algorithm, public.as_bytes())
        }
        "ec" => {
            let curve = curve_of(&info.algorithm)?;
            with_curve!(curve, c, {
                let key = c::SecretKey::from_pkcs8_der(pkcs8).map_err(err)?;
                Ok(key
                    .public_key()
                    .to_public_key_der()
                    .map_err(err)?
                    .into_vec())
            })
        }
        kind @ ("ed25519" | "x25519") => {
            let public = okp_public(kind, okp_secret(&info)?);
            spki_der(info.algorithm, &public)
        }
        _ => Err(DECODER.into()),
    }
}

fn throw(ctx: &Ctx<'_>, message: String) -> rquickjs::Error {
    Exception::throw_message(ctx, &message)
}

fn der_arg(ctx: &Ctx<'_>, value: &Value<'_>) -> Result<Vec<u8>> {
    bytes_arg(ctx, value, "key")
}

fn pair<'js>(ctx: &Ctx<'js>, kind: &str, der: Vec<u8>) -> Result<Vec<Value<'js>>> {
    Ok(vec![
        rquickjs::String::from_str(ctx.clone(), kind)?.into_value(),
        to_uint8_array(ctx, der)?,
    ])
}

fn import_private<'js>(ctx: Ctx<'js>, der: Value<'js>, ty: String) -> Result<Vec<Value<'js>>> {
    let der = der_arg(&ctx, &der)?;
    let (kind, pkcs8) = import_private_der(&der, &ty).map_err(|e| throw(&ctx, e))?;
    pair(&ctx, kind, pkcs8)
}

fn import_public<'js>(ctx: Ctx<'js>, der: Value<'js>, ty: String) -> Result<Vec<Value<'js>>> {
    let der = der_arg(&ctx, &der)?;
    let (kind, spki) = import_public_der(&der, &ty).map_err(|e| throw(&ctx, e))?;
    pair(&ctx, kind, spki)
}

fn public_from_private<'js>(ctx: Ctx<'js>, der: Value<'js>) -> Result<Value<'js>> {
    let der = der_arg(&ctx, &der)?;
    let spki = public_of(&der).map_err(|e| throw(&ctx, e))?;
    to_uint8_array(&ctx, spki)
}

/// `(algorithm, key bytes)` of a PKCS#8 or SPKI key.
fn split<'a>(der: &'a [u8], private: bool) -> KeyResult<(AlgorithmIdentifierRef<'a>, &'a [u8])> {
    if private {
        let info = PrivateKeyInfoRef::from_der(der).map_err(err)?;
        Ok((info.algorithm, info.private_key.as_bytes()))
    } else {
        let info = SubjectPublicKeyInfoRef::from_der(der).map_err(err)?;
        Ok((info.algorithm, info.subject_public_key.raw_bytes()))
    }
}

/// Modulus and public exponent (big-endian) of an RSA key.
fn rsa_numbers(key: &[u8], private: bool) -> KeyResult<(Vec<u8>, Vec<u8>)> {
    if private {
        let k = rsa::pkcs1::RsaPrivateKey::from_der(key).map_err(err)?;
        Ok((
            k.modulus.as_bytes().to_vec(),
            k.public_exponent.as_bytes().to_vec(),
        ))
    } else {
        let k = rsa::pkcs1::RsaPublicKey::from_der(key).map_err(err)?;
        Ok((
            k.modulus.as_bytes().to_vec(),
            k.public_exponent.as_bytes().to_vec(),
        ))
    }
}

fn bit_length(bytes: &[u8]) -> usize {
    let bytes: Vec<u8> = bytes.iter().copied().skip_while(|b| *b == 0).collect();
    match bytes.first() {
        Some(first) => bytes.len() * 8 - first.leading_zeros() as usize,
        None => 0,
    }
}

fn details<'js>(ctx: Ctx<'js>, der: Value<'js>, private: bool) -> Result<Object<'js>> {
    let der = der_arg(&ctx, &der)?;
    let out = Object::new(ctx.clone())?;
    let (algorithm, key) = split(&der, private).map_err(|e| throw(&ctx, e))?;
    match kind_of(&algorithm).map_err(|e| throw(&ctx, e))? {
        "rsa" | "rsa-pss" => {
            let (n, e) = rsa_numbers(key, private).map_err(|e| throw(&ctx, e))?;
            out.set("modulusLength", bit_length(&n))?;
            out.set("publicExponent", to_uint8_array(&ctx, e)?)?;
        }
        "ec" => {
            let curve = curve_of(&algorithm).map_err(|e| throw(&ctx, e))?;
            out.set("namedCurve", curve)?;
        }
        _ => {}
    }
    Ok(out)
}

fn export_der_bytes(der: &[u8], private: bool, ty: &str) -> KeyResult<Vec<u8>> {
    let (algorithm, key) = split(der, private)?;
    let kind = kind_of(&algorithm)?;
    match (ty, kind) {
        ("pkcs8" | "spki", _) => Ok(der.to_vec()),
        ("pkcs1", "rsa") => Ok(key.to_vec()),
        ("sec1", "ec") if private => {
            let curve = curve_of(&algorithm)?;
            with_curve!(curve, c, {
                let key = c::SecretKey::from_pkcs8_der(der).map_err(err)?;
                Ok(key.to_sec1_der().map_err(err)?.to_vec())
            })
        }
        _ => Err(format!(
            "The selected key encoding {ty} can only be used for {} keys.",
            if ty == "pkcs1" { "RSA" } else { "EC" }
        )),
    }
}

fn export_der<'js>(
    ctx: Ctx<'js>,
    der: Value<'js>,
    private: bool,
    ty: String,
) -> Result<Value<'js>> {
    let der = der_arg(&ctx, &der)?;
    let out = export_der_bytes(&der, private, &ty).map_err(|e| throw(&ctx, e))?;
    to_uint8_array(&ctx, out)
}

fn set_bytes<'js>(ctx: &Ctx<'js>, out: &Object<'js>, name: &str, bytes: &[u8]) -> Result<()> {
    out.set(name, to_uint8_array(ctx, bytes.to_vec())?)
}

fn to_jwk<'js>(ctx: Ctx<'js>, der: Value<'js>, private: bool) -> Result<Object<'js>> {
    let der = der_arg(&ctx, &der)?;
    let fail = |e: String| throw(&ctx, e);
    let out = Object::new(ctx.clone())?;
    let (algorithm, key) = split(&der, private).map_err(fail)?;
    match kind_of(&algorithm).map_err(fail)? {
        "rsa" => {
            out.set("kty", "RSA")?;
            if private {
                let k = rsa::pkcs1::RsaPrivateKey::from_der(key)
                    .map_err(err)
                    .map_err(fail)?;
                for (name, value) in [
                    ("n", k.modulus),
                    ("e", k.public_exponent),
                    ("d", k.private_exponent),
                    ("p", k.prime1),
                    ("q", k.prime2),
                    ("dp", k.exponent1),
                    ("dq", k.exponent2),
                    ("qi", k.coefficient),
                ] {
                    set_bytes(&ctx, &out, name, value.as_bytes())?;
                }
            } else {
                let (n, e) = rsa_numbers(key, false).map_err(fail)?;
                set_bytes(&ctx, &out, "n", &n)?;
                set_bytes(&ctx, &out, "e", &e)?;
            }
        }
        "ec" => {
            let curve = curve_of(&algorithm).map_err(fail)?;
            out.set("kty", "EC")?;
            out.set("crv", curve)?;
            let (point, d) = (|| -> KeyResult<(Vec<u8>, Option<Vec<u8>>)> {
                with_curve!(curve, c, {
                    if private {
                        let sk = c::SecretKey::from_pkcs8_der(&der).map_err(err)?;
                        let point = sk.public_key().to_sec1_point(false).as_bytes().to_vec();
                        Ok((point, Some(sk.to_bytes().to_vec())))
                    } else {
                        let pk = c::PublicKey::from_public_key_der(&der).map_err(err)?;
                        Ok((pk.to_sec1_point(false).as_bytes().to_vec(), None))
                    }
                })
            })()
            .map_err(fail)?;
            let half = (point.len() - 1) / 2;
            set_bytes(&ctx, &out, "x", &point[1..1 + half])?;
            set_bytes(&ctx, &out, "y", &point[1 + half..])?;
            if let Some(d) = d {
                set_bytes(&ctx, &out, "d", &d)?;
            }
        }
        kind @ ("ed25519" | "x25519") => {
            out.set("kty", "OKP")?;
            out.set(
                "crv",
                if kind == "ed25519" {
                    "Ed25519"
                } else {
                    "X25519"
                },
            )?;
            if private {
                let info = PrivateKeyInfoRef::from_der(&der)
                    .map_err(err)
                    .map_err(fail)?;
                let secret = okp_secret(&info).map_err(fail)?;
                set_bytes(&ctx, &out, "x", &okp_public(kind, secret))?;
                set_bytes(&ctx, &out, "d", &secret)?;
            } else {
                set_bytes(&ctx, &out, "x", key)?;
            }
        }
        _ => return Err(throw(&ctx, "Unsupported JWK key type".into())),
    }
    Ok(out)
}

fn jwk_bytes(jwk: &Object<'_>, name: &str) -> KeyResult<Vec<u8>> {
    let value: Value = jwk.get(name).map_err(err)?;
    bytes_of(&value).ok_or_else(|| format!("Invalid JWK {name}"))
}

fn from_jwk_der(jwk: &Object<'_>, private: bool) -> KeyResult<(&'static str, Vec<u8>)> {
    let kty: String = jwk.get("kty").map_err(err)?;
    match kty.as_str() {
        "RSA" => {
            let n = jwk_bytes(jwk, "n")?;
            let e = jwk_bytes(jwk, "e")?;
            let uint = |b: &[u8]| -> KeyResult<Vec<u8>> {
                Ok(b.iter().copied().skip_while(|x| *x == 0).collect())
            };
            let (n, e) = (uint(&n)?, uint(&e)?);
            let modulus = UintRef::new(&n).map_err(err)?;
            let public_exponent = UintRef::new(&e).map_err(err)?;
            if private {
                let parts: Vec<Vec<u8>> = ["d", "p", "q", "dp", "dq", "qi"]
                    .iter()
                    .map(|name| jwk_bytes(jwk, name).and_then(|b| uint(&b)))
                    .collect::<KeyResult<_>>()?;
                let key = rsa::pkcs1::RsaPrivateKey {
                    modulus,
                    public_exponent,
                    private_exponent: UintRef::new(&parts[0]).map_err(err)?,
                    prime1: UintRef::new(&parts[1]).map_err(err)?,
                    prime2: UintRef::new(&parts[2]).map_err(err)?,
                    exponent1: UintRef::new(&parts[3]).map_err(err)?,
                    exponent2: UintRef::new(&parts[4]).map_err(err)?,
                    coefficient: UintRef::new(&parts[5]).map_err(err)?,
                    other_prime_infos: None,
                };
                import_private_der(&key.to_der().map_err(err)?, "pkcs1")
            } else {
                let key = rsa::pkcs1::RsaPublicKey {
                    modulus,
                    public_exponent,
                };
                import_public_der(&key.to_der().map_err(err)?, "pkcs1")
            }
        }
        "EC" => {
            let crv: String = jwk.get("crv").map_err(err)?;
            let curve: &str = crv.as_str();
            curve_oid(curve)?;
            let der = with_curve!(curve, c, {
                if private {
                    let sk = c::SecretKey::from_slice(&jwk_bytes(jwk, "d")?).map_err(err)?;
                    Ok(sk.to_pkcs8_der().map_err(err)?.as_bytes().to_vec())
                } else {
                    let mut point = vec![4u8];
                    point.extend(jwk_bytes(jwk, "x")?);
                    point.extend(jwk_bytes(jwk, "y")?);
                    let pk = c::PublicKey::from_sec1_bytes(&point).map_err(err)?;
                    Ok(pk.to_public_key_der().map_err(err)?.into_vec())
                }
            })?;
            Ok(("ec", der))
        }
        "OKP" => {
            let crv: String = jwk.get("crv").map_err(err)?;
            let (kind, oid) = match crv.as_str() {
                "Ed25519" => ("ed25519", OID_ED25519),
                "X25519" => ("x25519", OID_X25519),
                _ => return Err("Unsupported JWK EC curve".into()),
            };
            if private {
                let d = jwk_bytes(jwk, "d")?;
                Ok((kind, okp_pkcs8(oid, &d)?))
            } else {
                let x = jwk_bytes(jwk, "x")?;
                let algorithm = AlgorithmIdentifierRef {
                    oid,
                    parameters: None::<AnyRef<'_>>,
                };
                Ok((kind, spki_der(algorithm, &x)?))
            }
        }
        _ => Err("Unsupported JWK key type".into()),
    }
}

fn from_jwk<'js>(ctx: Ctx<'js>, jwk: Object<'js>, private: bool) -> Result<Vec<Value<'js>>> {
    let (kind, der) = from_jwk_der(&jwk, private).map_err(|e| throw(&ctx, e))?;
    pair(&ctx, kind, der)
}

fn generate_der(kind: &str, bits: usize, exponent: u64, curve: &str) -> KeyResult<Vec<u8>> {
    let mut rng = rand::rng();
    match kind {
        "rsa" | "rsa-pss" => {
            let key = RsaPrivateKey::new_with_exp(&mut rng, bits, BoxedUint::from(exponent))
                .map_err(|e| e.to_string())?;
            if kind == "rsa" {
                Ok(key.to_pkcs8_der().map_err(err)?.as_bytes().to_vec())
            } else {
                let pkcs1 = key.to_pkcs1_der().map_err(err)?;
                let info = PrivateKeyInfoRef {
                    algorithm: AlgorithmIdentifierRef {
                        oid: OID_RSA_PSS,
                        parameters: None,
                    },
                    private_key: OctetStringRef::new(pkcs1.as_bytes()).map_err(err)?,
                    public_key: None,
                };
                info.to_der().map_err(err)
            }
        }
        "ec" => with_curve!(curve, c, {
            let key = c::SecretKey::try_generate_from_rng(&mut rng).map_err(err)?;
            Ok(key.to_pkcs8_der().map_err(err)?.as_bytes().to_vec())
        }),
        "ed25519" | "x25519" => {
            let secret = ed25519_dalek::SigningKey::generate(&mut rng).to_bytes();
            let oid = if kind == "ed25519" {
                OID_ED25519
            } else {
                OID_X25519
            };
            okp_pkcs8(oid, &secret)
        }
        _ => Err(format!("Unsupported key type: {kind}")),
    }
}

fn generate<'js>(
    ctx: Ctx<'js>,
    kind: String,
    bits: usize,
    exponent: f64,
    curve: String,
) -> Result<Value<'js>> {
    let der = generate_der(&kind, bits, exponent as u64, &curve).map_err(|e| throw(&ctx, e))?;
    to_uint8_array(&ctx, der)
}

/// The RSA private key inside a PKCS#8 key (`rsa` or `rsa-pss`).
pub(crate) fn rsa_private(pkcs8: &[u8]) -> KeyResult<RsaPrivateKey> {
    let info = PrivateKeyInfoRef::from_der(pkcs8).map_err(err)?;
    RsaPrivateKey::from_pkcs1_der(info.private_key.as_bytes()).map_err(err)
}

/// The RSA public key inside an SPKI key.
pub(crate) fn rsa_public(spki: &[u8]) -> KeyResult<RsaPublicKey> {
    let info = SubjectPublicKeyInfoRef::from_der(spki).map_err(err)?;
    RsaPublicKey::from_pkcs1_der(info.subject_public_key.raw_bytes()).map_err(err)
}
