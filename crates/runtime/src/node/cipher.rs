//! `apiroutes:native/cipher`: the block and stream primitives under
//! `crypto.createCipheriv`/`createDecipheriv`, on RustCrypto's `aes`, `ghash`, `chacha20`
//! and `poly1305`.
//!
//! The functions are stateless; `crypto.js` keeps each cipher's state (chaining value,
//! byte offset, buffered partial block, AAD, ciphertext for the tag) between `update`
//! calls:
//!
//! - `aesBlocks(mode, encrypt, key, iv, data)`: ECB or CBC over whole 16-byte blocks
//! - `aesCtr(key, iv, offset, data)`: CTR with a 128-bit big-endian counter, from byte `offset`
//! - `gcmCtr(key, iv, offset, data)` / `gcmTag(key, iv, aad, ciphertext)`: AES-GCM (any IV size)
//! - `chachaXor(key, nonce, offset, data)` / `chachaTag(key, nonce, aad, ciphertext)`:
//!   ChaCha20-Poly1305 (RFC 8439)

use aes::cipher::{
    BlockCipherDecrypt, BlockCipherEncrypt, KeyInit, KeyIvInit, StreamCipher, StreamCipherSeek,
};
use aes::{Aes128, Aes192, Aes256, Block};
use ghash::universal_hash::UniversalHash;
use rquickjs::module::{Declarations, Exports, ModuleDef};
use rquickjs::{Ctx, Exception, Function, Result, Value};

use super::{bytes_arg, to_uint8_array};

/// The native module definition.
pub struct CipherModule;

impl ModuleDef for CipherModule {
    fn declare(declare: &Declarations) -> Result<()> {
        for name in [
            "aesBlocks",
            "aesCtr",
            "gcmCtr",
            "gcmTag",
            "chachaXor",
            "chachaTag",
        ] {
            declare.declare(name)?;
        }
        Ok(())
    }

    fn evaluate<'js>(ctx: &Ctx<'js>, exports: &Exports<'js>) -> Result<()> {
        exports.export("aesBlocks", Function::new(ctx.clone(), aes_blocks)?)?;
        exports.export("aesCtr", Function::new(ctx.clone(), aes_ctr)?)?;
        exports.export("gcmCtr", Function::new(ctx.clone(), gcm_ctr)?)?;
        exports.export("gcmTag", Function::new(ctx.clone(), gcm_tag)?)?;
        exports.export("chachaXor", Function::new(ctx.clone(), chacha_xor)?)?;
        exports.export("chachaTag", Function::new(ctx.clone(), chacha_tag)?)?;
        Ok(())
    }
}

/// AES with any of its three key sizes.
enum AnyAes {
    A128(Aes128),
    A192(Aes192),
    A256(Aes256),
}

impl AnyAes {
    fn new(key: &[u8]) -> Option<Self> {
        match key.len() {
            16 => Aes128::new_from_slice(key).ok().map(Self::A128),
            24 => Aes192::new_from_slice(key).ok().map(Self::A192),
            32 => Aes256::new_from_slice(key).ok().map(Self::A256),
            _ => None,
        }
    }

    fn encrypt(&self, block: &mut Block) {
        match self {
            Self::A128(c) => c.encrypt_block(block),
            Self::A192(c) => c.encrypt_block(block),
            Self::A256(c) => c.encrypt_block(block),
        }
    }

    fn decrypt(&self, block: &mut Block) {
        match self {
            Self::A128(c) => c.decrypt_block(block),
            Self::A192(c) => c.decrypt_block(block),
            Self::A256(c) => c.decrypt_block(block),
        }
    }

    fn encrypt_bytes(&self, bytes: [u8; 16]) -> [u8; 16] {
        let mut block = Block::from(bytes);
        self.encrypt(&mut block);
        block.into()
    }
}

fn bytes(ctx: &Ctx<'_>, value: &Value<'_>) -> Result<Vec<u8>> {
    bytes_arg(ctx, value, "data")
}

fn aes(ctx: &Ctx<'_>, key: &[u8]) -> Result<AnyAes> {
    AnyAes::new(key).ok_or_else(|| Exception::throw_range(ctx, "Invalid key length"))
}

fn aes_blocks<'js>(
    ctx: Ctx<'js>,
    mode: String,
    encrypt: bool,
    key: Value<'js>,
    iv: Value<'js>,
    data: Value<'js>,
) -> Result<Value<'js>> {
    let cipher = aes(&ctx, &bytes(&ctx, &key)?)?;
    let mut chain: [u8; 16] = if mode == "cbc" {
        bytes(&ctx, &iv)?
            .try_into()
            .map_err(|_| Exception::throw_range(&ctx, "Invalid initialization vector"))?
    } else {
        [0; 16]
    };
    let mut data = bytes(&ctx, &data)?;
    for chunk in data.chunks_exact_mut(16) {
        let input: [u8; 16] = chunk.try_into().unwrap_or([0; 16]);
        let mut block = Block::from(input);
        if encrypt {
            if mode == "cbc" {
                block.iter_mut().zip(chain).for_each(|(b, c)| *b ^= c);
            }
            cipher.encrypt(&mut block);
            chain = block.into();
        } else {
            cipher.decrypt(&mut block);
            if mode == "cbc" {
                block.iter_mut().zip(chain).for_each(|(b, c)| *b ^= c);
            }
            chain = input;
        }
        chunk.copy_from_slice(&block);
    }
    to_uint8_array(&ctx, data)
}

/// XORs `data` with the keystream of counter blocks starting `offset` bytes after
/// `counter`, incrementing the whole block (`bits = 128`) or its last 32 bits (GCM).
fn ctr_xor(cipher: &AnyAes, counter: [u8; 16], offset: u64, bits: u32, data: &mut [u8]) {
    let start = u128::from_be_bytes(counter);
    let mut index = offset / 16;
    let mut skip = (offset % 16) as usize;
    let mut pos = 0;
    while pos < data.len() {
        let value = if bits == 128 {
            start.wrapping_add(index as u128)
        } else {
            let low = (start as u32).wrapping_add(index as u32);
            (start & !0xffff_ffffu128) | low as u128
        };
        let stream = cipher.encrypt_bytes(value.to_be_bytes());
        for byte in &stream[skip..] {
            if pos == data.len() {
                break;
            }
            data[pos] ^= byte;
            pos += 1;
        }
        skip = 0;
        index += 1;
    }
}

fn aes_ctr<'js>(
    ctx: Ctx<'js>,
    key: Value<'js>,
    iv: Value<'js>,
    offset: f64,
    data: Value<'js>,
) -> Result<Value<'js>> {
    let cipher = aes(&ctx, &bytes(&ctx, &key)?)?;
    let iv: [u8; 16] = bytes(&ctx, &iv)?
        .try_into()
        .map_err(|_| Exception::throw_range(&ctx, "Invalid initialization vector"))?;
    let mut data = bytes(&ctx, &data)?;
    ctr_xor(&cipher, iv, offset as u64, 128, &mut data);
    to_uint8_array(&ctx, data)
}

fn ghash(h: [u8; 16], a: &[u8], c: &[u8]) -> [u8; 16] {
    let mut hasher = ghash::GHash::new(&h.into());
    hasher.update_padded(a);
    hasher.update_padded(c);
    let mut lengths = [0u8; 16];
    lengths[..8].copy_from_slice(&((a.len() as u64) * 8).to_be_bytes());
    lengths[8..].copy_from_slice(&((c.len() as u64) * 8).to_be_bytes());
    hasher.update_padded(&lengths);
    hasher.finalize().into()
}

/// GCM's hash key and pre-counter block `J0` for `iv`.
fn gcm_setup(cipher: &AnyAes, iv: &[u8]) -> ([u8; 16], [u8; 16]) {
    let h = cipher.encrypt_bytes([0; 16]);
    let j0 = if iv.len() == 12 {
        let mut j0 = [0u8; 16];
        j0[..12].copy_from_slice(iv);
        j0[15] = 1;
        j0
    } else {
        ghash(h, &[], iv)
    };
    (h, j0)
}

fn gcm_ctr<'js>(
    ctx: Ctx<'js>,
    key: Value<'js>,
    iv: Value<'js>,
    offset: f64,
    data: Value<'js>,
) -> Result<Value<'js>> {
    let cipher = aes(&ctx, &bytes(&ctx, &key)?)?;
    let (_, j0) = gcm_setup(&cipher, &bytes(&ctx, &iv)?);
    let mut data = bytes(&ctx, &data)?;
    // Data starts at inc32(J0): one block past J0.
    ctr_xor(&cipher, j0, offset as u64 + 16, 32, &mut data);
    to_uint8_array(&ctx, data)
}

fn gcm_tag<'js>(
    ctx: Ctx<'js>,
    key: Value<'js>,
    iv: Value<'js>,
    aad: Value<'js>,
    ciphertext: Value<'js>,
) -> Result<Value<'js>> {
    let cipher = aes(&ctx, &bytes(&ctx, &key)?)?;
    let (h, j0) = gcm_setup(&cipher, &bytes(&ctx, &iv)?);
    let mut tag = ghash(h, &bytes(&ctx, &aad)?, &bytes(&ctx, &ciphertext)?);
    let mask = cipher.encrypt_bytes(j0);
    tag.iter_mut().zip(mask).for_each(|(t, m)| *t ^= m);
    to_uint8_array(&ctx, tag.to_vec())
}

fn chacha(ctx: &Ctx<'_>, key: &Value<'_>, nonce: &Value<'_>) -> Result<chacha20::ChaCha20> {
    let key = bytes(ctx, key)?;
    let nonce = bytes(ctx, nonce)?;
    chacha20::ChaCha20::new_from_slices(&key, &nonce)
        .map_err(|_| Exception::throw_range(ctx, "Invalid key length"))
}

fn chacha_xor<'js>(
    ctx: Ctx<'js>,
    key: Value<'js>,
    nonce: Value<'js>,
    offset: f64,
    data: Value<'js>,
) -> Result<Value<'js>> {
    let mut cipher = chacha(&ctx, &key, &nonce)?;
    // Block 0 makes the Poly1305 key; the data starts at block 1.
    cipher.seek(64 + offset as u64);
    let mut data = bytes(&ctx, &data)?;
    cipher.apply_keystream(&mut data);
    to_uint8_array(&ctx, data)
}

fn chacha_tag<'js>(
    ctx: Ctx<'js>,
    key: Value<'js>,
    nonce: Value<'js>,
    aad: Value<'js>,
    ciphertext: Value<'js>,
) -> Result<Value<'js>> {
    let mut cipher = chacha(&ctx, &key, &nonce)?;
    let mut poly_key = [0u8; 32];
    cipher.apply_keystream(&mut poly_key);
    let aad = bytes(&ctx, &aad)?;
    let ciphertext = bytes(&ctx, &ciphertext)?;
    let mut mac = poly1305::Poly1305::new_from_slice(&poly_key)
        .map_err(|_| Exception::throw_range(&ctx, "Invalid key length"))?;
    mac.update_padded(&aad);
    mac.update_padded(&ciphertext);
    let mut lengths = [0u8; 16];
    lengths[..8].copy_from_slice(&(aad.len() as u64).to_le_bytes());
    lengths[8..].copy_from_slice(&(ciphertext.len() as u64).to_le_bytes());
    mac.update_padded(&lengths);
    to_uint8_array(&ctx, mac.finalize().to_vec())
}
