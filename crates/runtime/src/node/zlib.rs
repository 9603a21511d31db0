//! `apiroutes:native/zlib`: whole-buffer compression for `zlib` (gzip, zlib deflate, raw
//! deflate, brotli, and `unzip`'s auto-detection), on flate2 and the brotli crate.
//!
//! `process(format, compress, data, level, windowBits)` returns the output bytes, or
//! throws an `Error` whose message is zlib's (`incorrect header check`, ...); the
//! JavaScript side adds Node's `code`/`errno` and builds the callback, promise and stream
//! forms on top.

use std::io::{Read, Write};

use flate2::read::{DeflateDecoder, GzDecoder, MultiGzDecoder, ZlibDecoder};
use flate2::write::{DeflateEncoder, GzEncoder, ZlibEncoder};
use flate2::Compression;
use rquickjs::module::{Declarations, Exports, ModuleDef};
use rquickjs::prelude::Opt;
use rquickjs::{Ctx, Exception, Function, Result, Value};

use super::{bytes_of, to_uint8_array};

/// The native module definition.
pub struct ZlibModule;

impl ModuleDef for ZlibModule {
    fn declare(declare: &Declarations) -> Result<()> {
        declare.declare("process")?;
        Ok(())
    }

    fn evaluate<'js>(ctx: &Ctx<'js>, exports: &Exports<'js>) -> Result<()> {
        exports.export("process", Function::new(ctx.clone(), process)?)?;
        Ok(())
    }
}

fn process<'js>(
    ctx: Ctx<'js>,
    format: String,
    compress: bool,
    data: Value<'js>,
    level: Opt<i32>,
) -> Result<Value<'js>> {
    let input = bytes_of(&data).ok_or_else(|| {
        Exception::throw_type(
            &ctx,
            "The \"buffer\" argument must be of type string or an instance of Buffer, TypedArray, DataView, or ArrayBuffer.",
        )
    })?;
    let level = level.0.unwrap_or(-1);
    let result = if compress {
        compress_bytes(&format, &input, level)
    } else {
        decompress_bytes(&format, &input)
    };
    match result {
        Ok(bytes) => to_uint8_array(&ctx, bytes),
        Err(message) => Err(Exception::throw_message(&ctx, &message)),
    }
}

fn deflate_level(level: i32) -> Compression {
    if (0..=9).contains(&level) {
        Compression::new(level as u32)
    } else {
        Compression::default()
    }
}

fn compress_bytes(format: &str, input: &[u8], level: i32) -> std::result::Result<Vec<u8>, String> {
    let io = |err: std::io::Error| err.to_string();
    match format {
        "gzip" => {
            let mut encoder = GzEncoder::new(Vec::new(), deflate_level(level));
            encoder.write_all(input).map_err(io)?;
            encoder.finish().map_err(io)
        }
        "deflate" => {
            let mut encoder = ZlibEncoder::new(Vec::new(), deflate_level(level));
            encoder.write_all(input).map_err(io)?;
            encoder.finish().map_err(io)
        }
        "deflateRaw" => {
            let mut encoder = DeflateEncoder::new(Vec::new(), deflate_level(level));
            encoder.write_all(input).map_err(io)?;
            encoder.finish().map_err(io)
        }
        "brotli" => {
            // Node's defaults: quality 11, window 22.
            let quality = if (0..=11).contains(&level) {
                level as u32
            } else {
                11
            };
            let mut out = Vec::new();
            {
                let mut writer = brotli::CompressorWriter::new(&mut out, 4096, quality, 22);
                writer.write_all(input).map_err(io)?;
                writer.flush().map_err(io)?;
            }
            Ok(out)
        }
        other => Err(format!("unknown compression format {other}")),
    }
}

fn decompress_bytes(format: &str, input: &[u8]) -> std::result::Result<Vec<u8>, String> {
    let mut out = Vec::new();
    let outcome = match format {
        // Node's gunzip reads concatenated members, as `MultiGzDecoder` does.
        "gzip" => MultiGzDecoder::new(input).read_to_end(&mut out),
        "deflate" => ZlibDecoder::new(input).read_to_end(&mut out),
        "deflateRaw" => DeflateDecoder::new(input).read_to_end(&mut out),
        "unzip" => {
            if input.starts_with(&[0x1f, 0x8b]) {
                GzDecoder::new(input).read_to_end(&mut out)
            } else {
                ZlibDecoder::new(input).read_to_end(&mut out)
            }
        }
        "brotli" => brotli::Decompressor::new(input, 4096).read_to_end(&mut out),
        other => return Err(format!("unknown compression format {other}")),
    };
    match outcome {
        Ok(_) => Ok(out),
        Err(error) => Err(zlib_message(format, input, &error)),
    }
}

/// zlib's own wording for the common failures, which packages and tests match on.
fn zlib_message(format: &str, input: &[u8], error: &std::io::Error) -> String {
    if input.is_empty() {
        return "unexpected end of file".into();
    }
    if format == "gzip" && !input.starts_with(&[0x1f, 0x8b]) {
        return "incorrect header check".into();
    }
    if error.kind() == std::io::ErrorKind::UnexpectedEof {
        return "unexpected end of file".into();
    }
    match format {
        "deflate" | "unzip" => {
            let header_ok = input.len() >= 2
                && input[0] & 0x0f == 8
                && (u16::from(input[0]) << 8 | u16::from(input[1])) % 31 == 0;
            if header_ok {
                "invalid stored block lengths".into()
            } else {
                "incorrect header check".into()
            }
        }
        "brotli" => "Decompression failed".into(),
        _ => "invalid block type".into(),
    }
}
