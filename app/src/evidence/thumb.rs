//! Thumbnails of image evidence: decoded under limits (no image wider or taller than
//! [`MAX_SIDE`], no decode needing more than [`MAX_ALLOC`]: a small file that would unpack to
//! gigabytes is refused), turned upright by its EXIF orientation, fitted in 320 × 320 and written
//! as JPEG. CPU work: callers run it in `spawn_blocking`.
use image::{codecs::jpeg::JpegEncoder, DynamicImage, ImageDecoder, ImageReader, Limits};
use std::io::Cursor;

/// The widest or tallest image thumbnailed, in pixels.
pub const MAX_SIDE: u32 = 12_000;
/// The most memory one decode may take.
pub const MAX_ALLOC: u64 = 256 * 1024 * 1024;
/// The thumbnail's box.
pub const SIZE: u32 = 320;

/// The JPEG thumbnail of `bytes` (an image), or why there is none.
pub fn thumbnail(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_ALLOC);
    let mut reader = ImageReader::new(Cursor::new(bytes)).with_guessed_format().map_err(|e| e.to_string())?;
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(|e| e.to_string())?;
    let (w, h) = decoder.dimensions();
    if w > MAX_SIDE || h > MAX_SIDE {
        return Err(format!("{w} × {h} px is over the {MAX_SIDE} px limit"));
    }
    if decoder.total_bytes() > MAX_ALLOC {
        return Err(format!("{w} × {h} px needs more memory than allowed"));
    }
    let orientation = decoder.orientation().unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut img = DynamicImage::from_decoder(decoder).map_err(|e| e.to_string())?;
    img.apply_orientation(orientation);
    let small = DynamicImage::ImageRgb8(img.thumbnail(SIZE, SIZE).to_rgb8());
    let mut out = Vec::new();
    JpegEncoder::new_with_quality(&mut out, 80).encode_image(&small).map_err(|e| e.to_string())?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(w: u32, h: u32) -> Vec<u8> {
        let img = DynamicImage::ImageRgb8(image::RgbImage::from_pixel(w, h, image::Rgb([200, 30, 30])));
        let mut out = Cursor::new(Vec::new());
        img.write_to(&mut out, image::ImageFormat::Png).unwrap();
        out.into_inner()
    }

    #[test]
    fn a_picture_becomes_a_small_jpeg_keeping_its_shape() {
        let jpeg = thumbnail(&png(1000, 500)).unwrap();
        assert_eq!(&jpeg[..3], b"\xFF\xD8\xFF");
        let back = image::load_from_memory(&jpeg).unwrap();
        assert_eq!((back.width(), back.height()), (320, 160));
    }

    #[test]
    fn a_decompression_bomb_and_garbage_are_refused() {
        // A PNG header claiming 100,000 × 100,000 px (a few bytes that would decode to 30 GB).
        let mut bomb = png(1, 1);
        bomb[16..20].copy_from_slice(&100_000u32.to_be_bytes());
        bomb[20..24].copy_from_slice(&100_000u32.to_be_bytes());
        assert!(thumbnail(&bomb).is_err());
        assert!(thumbnail(b"\x89PNG\r\n\x1a\nnot really").is_err());
        assert!(thumbnail(&png(MAX_SIDE + 1, 1)).is_err(), "over the side limit");
        assert!(thumbnail(&png(2000, 1500)).is_ok(), "a real photo's size is fine");
    }
}
