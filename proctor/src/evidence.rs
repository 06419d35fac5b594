//! Evidence snapshots (webcam or screen; JPEG, PNG, WebP): checked against explicit limits
//! before any pixel is decoded, so a decompression bomb or a corrupt file is refused with a
//! clear error; a PNG thumbnail is re-encoded; the original is addressed by its SHA-256.

use base64::Engine as _;
use image::{ImageFormat, ImageReader, Limits};
use ring::digest;
use std::io::Cursor;
use thiserror::Error;

/// The limits every evidence image is decoded under.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EvidenceLimits {
    /// Encoded size.
    pub max_bytes: usize,
    pub max_width: u32,
    pub max_height: u32,
    /// What the decoder may allocate in all.
    pub max_alloc: u64,
    /// The thumbnail's longer side.
    pub thumbnail_px: u32,
}

impl Default for EvidenceLimits {
    /// 4 MiB encoded, 4096 × 4096 pixels, 128 MiB of decoder memory (a 4096² RGBA frame is
    /// 64 MiB, twice that leaves room for the decoder's own buffers), 320 px thumbnails.
    /// A webcam or screen snapshot is far inside all of them.
    fn default() -> Self {
        EvidenceLimits {
            max_bytes: 4 * 1024 * 1024,
            max_width: 4096,
            max_height: 4096,
            max_alloc: 128 * 1024 * 1024,
            thumbnail_px: 320,
        }
    }
}

/// A decoded, accepted snapshot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence {
    /// Lowercase hex SHA-256 of the original bytes: the content address.
    pub sha256: String,
    /// `image/jpeg`, `image/png` or `image/webp`.
    pub mime: &'static str,
    pub width: u32,
    pub height: u32,
    /// A PNG no larger than `thumbnail_px` on its longer side.
    pub thumbnail_png: Vec<u8>,
}

/// Why a snapshot was refused (HTTP 413 for size, 422 for the rest: see `status_hint`).
#[derive(Debug, Error, PartialEq, Eq)]
pub enum EvidenceError {
    #[error("image is {len} bytes, over the {limit}-byte limit")]
    TooLarge { len: usize, limit: usize },
    #[error("not a JPEG, PNG or WebP image")]
    UnsupportedFormat,
    #[error("image is {width}×{height}, over the {max_width}×{max_height} limit")]
    TooManyPixels {
        width: u32,
        height: u32,
        max_width: u32,
        max_height: u32,
    },
    #[error("image would need more memory to decode than the limit allows")]
    TooMuchMemory,
    #[error("image is corrupt: {0}")]
    Corrupt(String),
    #[error("evidence is not valid base64")]
    BadBase64,
}

impl EvidenceError {
    pub fn status_hint(&self) -> u16 {
        match self {
            EvidenceError::TooLarge { .. } => 413,
            _ => 422,
        }
    }
}

/// Decode base64 evidence (as sent inside JSON), refusing oversize text before decoding it.
pub fn decode_base64(text: &str, limits: &EvidenceLimits) -> Result<Evidence, EvidenceError> {
    let approx = text.len() / 4 * 3;
    if approx > limits.max_bytes + 3 {
        return Err(EvidenceError::TooLarge {
            len: approx,
            limit: limits.max_bytes,
        });
    }
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(text.trim())
        .map_err(|_| EvidenceError::BadBase64)?;
    decode(&bytes, limits)
}

/// Check and decode one snapshot.
pub fn decode(bytes: &[u8], limits: &EvidenceLimits) -> Result<Evidence, EvidenceError> {
    if bytes.len() > limits.max_bytes {
        return Err(EvidenceError::TooLarge {
            len: bytes.len(),
            limit: limits.max_bytes,
        });
    }
    let format = image::guess_format(bytes).map_err(|_| EvidenceError::UnsupportedFormat)?;
    let mime = match format {
        ImageFormat::Jpeg => "image/jpeg",
        ImageFormat::Png => "image/png",
        ImageFormat::WebP => "image/webp",
        _ => return Err(EvidenceError::UnsupportedFormat),
    };
    let reader = || ImageReader::with_format(Cursor::new(bytes), format);
    // The header alone first: a bomb is refused by its declared size, before any allocation.
    let (width, height) = reader()
        .into_dimensions()
        .map_err(|e| EvidenceError::Corrupt(e.to_string()))?;
    if width > limits.max_width || height > limits.max_height || width == 0 || height == 0 {
        return Err(EvidenceError::TooManyPixels {
            width,
            height,
            max_width: limits.max_width,
            max_height: limits.max_height,
        });
    }
    let mut image_limits = Limits::default();
    image_limits.max_image_width = Some(limits.max_width);
    image_limits.max_image_height = Some(limits.max_height);
    image_limits.max_alloc = Some(limits.max_alloc);
    let mut r = reader();
    r.limits(image_limits);
    let img = r.decode().map_err(|e| match e {
        image::ImageError::Limits(_) => EvidenceError::TooMuchMemory,
        other => EvidenceError::Corrupt(other.to_string()),
    })?;
    let mut thumbnail_png = Vec::new();
    img.thumbnail(limits.thumbnail_px, limits.thumbnail_px)
        .write_to(&mut Cursor::new(&mut thumbnail_png), ImageFormat::Png)
        .map_err(|e| EvidenceError::Corrupt(e.to_string()))?;
    Ok(Evidence {
        sha256: hex::encode(digest::digest(&digest::SHA256, bytes).as_ref()),
        mime,
        width,
        height,
        thumbnail_png,
    })
}

#[cfg(test)]
#[path = "evidence_tests.rs"]
mod tests;
