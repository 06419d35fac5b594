//! Tests of evidence decoding: a real PNG, a decompression bomb, a corrupt file, limits.

use super::*;
use image::{ImageBuffer, Rgb};

fn png(width: u32, height: u32) -> Vec<u8> {
    let img = ImageBuffer::from_fn(width, height, |x, y| Rgb([x as u8, y as u8, 7]));
    let mut out = Vec::new();
    img.write_to(&mut Cursor::new(&mut out), ImageFormat::Png)
        .unwrap();
    out
}

/// A PNG whose header declares `width`×`height` but whose pixel data is tiny: the IHDR
/// chunk of a real 1×1 PNG is rewritten (with its CRC) to claim the big size.
fn bomb(width: u32, height: u32) -> Vec<u8> {
    let mut bytes = png(1, 1);
    // signature (8) + length (4) + "IHDR" (4), then width and height.
    bytes[16..20].copy_from_slice(&width.to_be_bytes());
    bytes[20..24].copy_from_slice(&height.to_be_bytes());
    let crc = crc32(&bytes[12..29]);
    bytes[29..33].copy_from_slice(&crc.to_be_bytes());
    bytes
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for b in data {
        crc ^= u32::from(*b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

#[test]
fn a_png_is_decoded_addressed_and_thumbnailed() {
    let bytes = png(640, 480);
    let ev = decode(&bytes, &EvidenceLimits::default()).unwrap();
    assert_eq!((ev.mime, ev.width, ev.height), ("image/png", 640, 480));
    assert_eq!(
        ev.sha256,
        hex::encode(digest::digest(&digest::SHA256, &bytes).as_ref())
    );
    let thumb = image::load_from_memory(&ev.thumbnail_png).unwrap();
    assert_eq!((thumb.width(), thumb.height()), (320, 240));
}

#[test]
fn base64_evidence_decodes_and_bad_base64_is_refused() {
    let text = base64::engine::general_purpose::STANDARD.encode(png(8, 8));
    assert_eq!(
        decode_base64(&text, &EvidenceLimits::default())
            .unwrap()
            .width,
        8
    );
    assert_eq!(
        decode_base64("not*base64", &EvidenceLimits::default()),
        Err(EvidenceError::BadBase64)
    );
}

#[test]
fn a_decompression_bomb_is_refused_by_its_header() {
    let bytes = bomb(100_000, 100_000);
    assert!(bytes.len() < 100);
    let e = decode(&bytes, &EvidenceLimits::default()).unwrap_err();
    assert!(
        matches!(
            e,
            EvidenceError::TooManyPixels {
                width: 100_000,
                height: 100_000,
                ..
            }
        ),
        "{e:?}"
    );
}

#[test]
fn a_bomb_within_the_dimensions_is_refused_by_the_memory_limit() {
    let limits = EvidenceLimits {
        max_alloc: 1024 * 1024,
        ..EvidenceLimits::default()
    };
    let e = decode(&bomb(4000, 4000), &limits).unwrap_err();
    assert_eq!(e, EvidenceError::TooMuchMemory);
}

#[test]
fn a_corrupt_image_is_refused() {
    let mut bytes = png(32, 32);
    let n = bytes.len();
    bytes.truncate(n - 30);
    let e = decode(&bytes, &EvidenceLimits::default()).unwrap_err();
    assert!(matches!(e, EvidenceError::Corrupt(_)), "{e:?}");
    assert_eq!(e.status_hint(), 422);
}

#[test]
fn other_formats_and_oversize_files_are_refused() {
    assert_eq!(
        decode(b"GIF89a....", &EvidenceLimits::default()),
        Err(EvidenceError::UnsupportedFormat)
    );
    let limits = EvidenceLimits {
        max_bytes: 10,
        ..EvidenceLimits::default()
    };
    let e = decode(&png(4, 4), &limits).unwrap_err();
    assert!(matches!(e, EvidenceError::TooLarge { limit: 10, .. }));
    assert_eq!(e.status_hint(), 413);
}
