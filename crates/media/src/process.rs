//! Turns an uploaded photo into the renditions the shop pages serve: checks size and real
//! format, decodes under a decompression-bomb guard, applies the camera's orientation, and
//! re-encodes as JPEG (which also drops EXIF, GPS and every other metadata segment).

use std::borrow::Cow;
use std::io::Cursor;

use image::codecs::jpeg::JpegEncoder;
use image::imageops::{self, FilterType};
use image::{DynamicImage, ImageDecoder, ImageError, ImageFormat, ImageReader, Limits, RgbImage};

use crate::PhotoError;

/// Largest upload accepted; phones' full-size JPEGs are 2–8 MB.
pub const MAX_UPLOAD_BYTES: usize = 10 * 1024 * 1024;
/// Largest width or height decoded (a 64-megapixel camera is ~9000×7000, rare on farm phones).
pub const MAX_SIDE: u32 = 8000;
/// Most memory a decoder may ask for: a tiny file can claim enormous dimensions.
pub const MAX_DECODE_BYTES: u64 = 256 * 1024 * 1024;
/// Smallest width or height accepted: below this a card picture is visibly blurry.
pub const MIN_SIDE: u32 = 200;
/// Good-looking product pictures at about a tenth of the upload's size.
const JPEG_QUALITY: u8 = 82;

/// One of the sizes a product photo is served in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Rendition {
    /// Lists, carts and order lines.
    Thumb,
    /// Category and search result cards.
    Card,
    /// The product page.
    Large,
}

impl Rendition {
    /// Every rendition, largest last, in the order they are produced.
    pub const ALL: [Rendition; 3] = [Rendition::Thumb, Rendition::Card, Rendition::Large];

    /// The longest side in pixels; smaller originals are kept at their own size, never upscaled.
    pub const fn longest_side(self) -> u32 {
        match self {
            Rendition::Thumb => 240,
            Rendition::Card => 640,
            Rendition::Large => 1280,
        }
    }

    /// A stable key for URLs (`/photos/{id}/card`).
    pub const fn name(self) -> &'static str {
        match self {
            Rendition::Thumb => "thumb",
            Rendition::Card => "card",
            Rendition::Large => "large",
        }
    }

    /// The file this rendition is stored in.
    pub const fn file_name(self) -> &'static str {
        match self {
            Rendition::Thumb => "thumb.jpg",
            Rendition::Card => "card.jpg",
            Rendition::Large => "large.jpg",
        }
    }

    /// The rendition named `name` (as in `name()`), for routes.
    pub fn parse(name: &str) -> Option<Rendition> {
        Rendition::ALL.into_iter().find(|r| r.name() == name)
    }
}

/// An accepted photo: the size of the (oriented) original and its JPEG renditions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProcessedPhoto {
    pub width: u32,
    pub height: u32,
    /// One entry per `Rendition::ALL`, in that order.
    pub renditions: Vec<(Rendition, Vec<u8>)>,
}

impl ProcessedPhoto {
    /// The encoded JPEG of one rendition.
    pub fn rendition(&self, which: Rendition) -> Option<&[u8]> {
        self.renditions
            .iter()
            .find(|(r, _)| *r == which)
            .map(|(_, bytes)| bytes.as_slice())
    }
}

/// Checks, decodes and renders an uploaded photo. CPU-bound (tens of milliseconds for a phone
/// photo): call it from a blocking thread.
pub fn process_upload(bytes: &[u8]) -> Result<ProcessedPhoto, PhotoError> {
    if bytes.len() > MAX_UPLOAD_BYTES {
        return Err(PhotoError::TooLarge {
            max_bytes: MAX_UPLOAD_BYTES,
        });
    }
    let format = sniff(bytes).ok_or(PhotoError::UnsupportedFormat)?;
    let image = decode(bytes, format)?;
    let (width, height) = (image.width(), image.height());
    if width < MIN_SIDE || height < MIN_SIDE {
        return Err(PhotoError::TooSmall {
            width,
            height,
            min_side: MIN_SIDE,
        });
    }
    render(&flatten(image))
}

/// Produces every rendition of an RGB picture; shared by uploads and drawn demo photos.
pub(crate) fn render(original: &RgbImage) -> Result<ProcessedPhoto, PhotoError> {
    // Each size is made from the next larger one: far cheaper than three resizes of a
    // 12-megapixel original, and the filter keeps the steps sharp.
    let large = shrink(Cow::Borrowed(original), Rendition::Large.longest_side());
    let card = shrink(
        Cow::Borrowed(large.as_ref()),
        Rendition::Card.longest_side(),
    );
    let thumb = shrink(
        Cow::Borrowed(card.as_ref()),
        Rendition::Thumb.longest_side(),
    );
    Ok(ProcessedPhoto {
        width: original.width(),
        height: original.height(),
        renditions: vec![
            (Rendition::Thumb, encode_jpeg(&thumb)?),
            (Rendition::Card, encode_jpeg(&card)?),
            (Rendition::Large, encode_jpeg(&large)?),
        ],
    })
}

/// The format by its magic bytes; the file name and the browser's content type are not trusted.
fn sniff(bytes: &[u8]) -> Option<ImageFormat> {
    const PNG: &[u8] = b"\x89PNG\r\n\x1a\n";
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(ImageFormat::Jpeg)
    } else if bytes.starts_with(PNG) {
        Some(ImageFormat::Png)
    } else if bytes.get(0..4) == Some(b"RIFF") && bytes.get(8..12) == Some(b"WEBP") {
        Some(ImageFormat::WebP)
    } else {
        None
    }
}

fn decode(bytes: &[u8], format: ImageFormat) -> Result<DynamicImage, PhotoError> {
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_DECODE_BYTES);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(from_image_error)?;
    let (width, height) = decoder.dimensions();
    // Not every decoder enforces every limit, so check before allocating the pixels.
    if width > MAX_SIDE || height > MAX_SIDE || decoder.total_bytes() > MAX_DECODE_BYTES {
        return Err(PhotoError::TooManyPixels { max_side: MAX_SIDE });
    }
    // A broken EXIF block should not cost the producer their photo: show it as stored.
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut image = DynamicImage::from_decoder(decoder).map_err(from_image_error)?;
    image.apply_orientation(orientation);
    Ok(image)
}

fn from_image_error(error: ImageError) -> PhotoError {
    match error {
        ImageError::Limits(_) => PhotoError::TooManyPixels { max_side: MAX_SIDE },
        ImageError::Unsupported(_) => PhotoError::UnsupportedFormat,
        ImageError::Encoding(e) => PhotoError::Encode(e.to_string()),
        other => PhotoError::Invalid(other.to_string()),
    }
}

/// Drops transparency by laying the picture on white, as a product photo on a white page.
fn flatten(image: DynamicImage) -> RgbImage {
    if !image.color().has_alpha() {
        return image.into_rgb8();
    }
    let rgba = image.into_rgba8();
    RgbImage::from_fn(rgba.width(), rgba.height(), |x, y| {
        let [r, g, b, a] = rgba.get_pixel(x, y).0;
        let over_white = |c: u8| {
            let (c, a) = (u32::from(c), u32::from(a));
            // (c·a + 255·(255−a)) / 255, rounded; never exceeds 255.
            ((c * a + 255 * (255 - a) + 127) / 255) as u8
        };
        image::Rgb([over_white(r), over_white(g), over_white(b)])
    })
}

/// Scales down so the longest side is at most `longest`, keeping the aspect ratio.
fn shrink(image: Cow<'_, RgbImage>, longest: u32) -> Cow<'_, RgbImage> {
    let (w, h) = image.dimensions();
    let current = w.max(h);
    if current <= longest {
        return image;
    }
    let scale = f64::from(longest) / f64::from(current);
    let fit = |side: u32| ((f64::from(side) * scale).round() as u32).clamp(1, longest);
    Cow::Owned(imageops::resize(
        image.as_ref(),
        fit(w),
        fit(h),
        FilterType::CatmullRom,
    ))
}

fn encode_jpeg(image: &RgbImage) -> Result<Vec<u8>, PhotoError> {
    let mut out = Vec::with_capacity(image.as_raw().len() / 8);
    JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY)
        .encode_image(image)
        .map_err(|e| PhotoError::Encode(e.to_string()))?;
    Ok(out)
}

#[cfg(test)]
#[path = "process_tests.rs"]
mod tests;
