//! Upload processing: formats accepted, every refusal, rendition sizes, metadata stripped, and
//! no panic on hostile input.

use super::*;
use image::codecs::png::PngEncoder;
use image::codecs::webp::WebPEncoder;
use image::{ImageEncoder, Rgb, Rgba, RgbaImage};

/// A gradient with a red square, so a wrong rotation or channel order would show.
fn picture(width: u32, height: u32) -> RgbImage {
    RgbImage::from_fn(width, height, |x, y| {
        if x < width / 4 && y < height / 4 {
            Rgb([220, 30, 30])
        } else {
            Rgb([(x * 255 / width) as u8, (y * 255 / height) as u8, 128])
        }
    })
}

fn jpeg(image: &RgbImage) -> Vec<u8> {
    let mut out = Vec::new();
    JpegEncoder::new_with_quality(&mut out, 90)
        .encode_image(image)
        .unwrap();
    out
}

fn png(image: &RgbImage) -> Vec<u8> {
    let mut out = Vec::new();
    PngEncoder::new(&mut out)
        .write_image(
            image,
            image.width(),
            image.height(),
            image::ExtendedColorType::Rgb8,
        )
        .unwrap();
    out
}

fn webp(image: &RgbaImage) -> Vec<u8> {
    let mut out = Vec::new();
    WebPEncoder::new_lossless(&mut out)
        .write_image(
            image,
            image.width(),
            image.height(),
            image::ExtendedColorType::Rgba8,
        )
        .unwrap();
    out
}

fn decoded(bytes: &[u8]) -> DynamicImage {
    image::load_from_memory_with_format(bytes, ImageFormat::Jpeg).unwrap()
}

fn sizes(photo: &ProcessedPhoto) -> Vec<(Rendition, (u32, u32))> {
    photo
        .renditions
        .iter()
        .map(|(r, bytes)| {
            let image = decoded(bytes);
            (*r, (image.width(), image.height()))
        })
        .collect()
}

#[test]
fn a_jpeg_gets_three_renditions_with_the_aspect_ratio_kept() {
    let photo = process_upload(&jpeg(&picture(1500, 1000))).unwrap();
    assert_eq!((photo.width, photo.height), (1500, 1000));
    assert_eq!(
        sizes(&photo),
        vec![
            (Rendition::Thumb, (240, 160)),
            (Rendition::Card, (640, 427)),
            (Rendition::Large, (1280, 853)),
        ]
    );
    assert!(photo.rendition(Rendition::Thumb).unwrap().len() < 30_000);
}

#[test]
fn a_portrait_png_is_sized_by_its_height() {
    let photo = process_upload(&png(&picture(700, 1400))).unwrap();
    assert_eq!(
        sizes(&photo),
        vec![
            (Rendition::Thumb, (120, 240)),
            (Rendition::Card, (320, 640)),
            (Rendition::Large, (640, 1280)),
        ]
    );
}

#[test]
fn a_small_photo_is_never_upscaled() {
    let photo = process_upload(&png(&picture(500, 300))).unwrap();
    assert_eq!(
        sizes(&photo),
        vec![
            (Rendition::Thumb, (240, 144)),
            (Rendition::Card, (500, 300)),
            (Rendition::Large, (500, 300)),
        ]
    );
}

#[test]
fn a_transparent_webp_is_laid_on_white() {
    let clear = RgbaImage::from_pixel(400, 400, Rgba([0, 0, 0, 0]));
    let photo = process_upload(&webp(&clear)).unwrap();
    let thumb = decoded(photo.rendition(Rendition::Thumb).unwrap()).into_rgb8();
    assert!(thumb.pixels().all(|p| p.0.iter().all(|&c| c > 245)));
}

#[test]
fn colours_survive_the_round_trip() {
    let photo = process_upload(&png(&picture(800, 800))).unwrap();
    let card = decoded(photo.rendition(Rendition::Card).unwrap()).into_rgb8();
    let [r, g, b] = card.get_pixel(40, 40).0;
    assert!(
        r > 190 && g < 70 && b < 70,
        "top-left should stay red: {r},{g},{b}"
    );
}

#[test]
fn files_over_the_limit_are_refused_before_parsing() {
    let mut big = jpeg(&picture(300, 300));
    big.resize(MAX_UPLOAD_BYTES + 1, 0);
    assert_eq!(
        process_upload(&big),
        Err(PhotoError::TooLarge {
            max_bytes: MAX_UPLOAD_BYTES
        })
    );
}

#[test]
fn tiny_images_are_refused() {
    let one_pixel = png(&RgbImage::new(1, 1));
    assert_eq!(
        process_upload(&one_pixel),
        Err(PhotoError::TooSmall {
            width: 1,
            height: 1,
            min_side: MIN_SIDE
        })
    );
    assert!(matches!(
        process_upload(&jpeg(&picture(1000, 150))),
        Err(PhotoError::TooSmall { height: 150, .. })
    ));
}

#[test]
fn other_formats_and_garbage_are_unsupported() {
    let svg = br#"<svg xmlns="http://www.w3.org/2000/svg" width="400" height="400"></svg>"#;
    let gif = b"GIF89a\x90\x01\x90\x01\x00\x00\x00;";
    let heic = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic";
    let webp_lookalike = b"RIFF\x00\x00\x00\x00WAVEfmt ";
    for bytes in [
        &svg[..],
        gif,
        heic,
        webp_lookalike,
        b"",
        b"\xFF\xD8",
        b"hello",
    ] {
        assert_eq!(process_upload(bytes), Err(PhotoError::UnsupportedFormat));
    }
}

#[test]
fn truncated_files_are_invalid() {
    let png = png(&picture(400, 400));
    let webp = webp(&RgbaImage::from_fn(400, 400, |x, y| {
        Rgba([x as u8, y as u8, (x ^ y) as u8, 255])
    }));
    for whole in [&png, &webp] {
        for cut in [12, 40, whole.len() / 2, whole.len() - 10] {
            assert!(
                matches!(process_upload(&whole[..cut]), Err(PhotoError::Invalid(_))),
                "cut at {cut} of {}",
                whole.len()
            );
        }
    }
    let jpeg = jpeg(&picture(400, 400));
    assert!(matches!(
        process_upload(&jpeg[..20]),
        Err(PhotoError::Invalid(_))
    ));
}

#[test]
fn hostile_input_never_panics() {
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    let mut noise = |n: usize| -> Vec<u8> {
        (0..n)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                state as u8
            })
            .collect()
    };
    let jpeg = jpeg(&picture(200, 200));
    for prefix in [
        &b"\xFF\xD8\xFF\xE0"[..],
        b"\x89PNG\r\n\x1a\n",
        b"RIFF\0\0\0\0WEBPVP8 ",
        b"",
    ] {
        for len in [0, 1, 7, 100, 5000] {
            let mut bytes = prefix.to_vec();
            bytes.extend(noise(len));
            let _ = process_upload(&bytes);
        }
    }
    // Truncations of a real JPEG all through the file, and the same JPEG with bytes flipped.
    for cut in (0..jpeg.len()).step_by(jpeg.len() / 23 + 1) {
        let _ = process_upload(&jpeg[..cut]);
    }
    let mut flipped = jpeg.clone();
    for i in (200..flipped.len()).step_by(53) {
        flipped[i] ^= 0x5A;
    }
    let _ = process_upload(&flipped);
}

/// A PNG whose header claims the given size, with no pixel data to speak of.
fn png_header(width: u32, height: u32, bit_depth: u8, colour_type: u8) -> Vec<u8> {
    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = !0u32;
        for &byte in bytes {
            crc ^= u32::from(byte);
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
    let mut chunk = b"IHDR".to_vec();
    chunk.extend(width.to_be_bytes());
    chunk.extend(height.to_be_bytes());
    chunk.extend([bit_depth, colour_type, 0, 0, 0]);
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    out.extend(13u32.to_be_bytes());
    out.extend(&chunk);
    out.extend(crc32(&chunk).to_be_bytes());
    // A first (empty) data chunk: decoders read up to it before reporting the header.
    out.extend(2u32.to_be_bytes());
    out.extend(b"IDAT\x78\x9c");
    out.extend(crc32(b"IDAT\x78\x9c").to_be_bytes());
    out.extend(0u32.to_be_bytes());
    out.extend(b"IEND");
    out.extend(crc32(b"IEND").to_be_bytes());
    out
}

#[test]
fn decompression_bombs_are_refused_without_allocating() {
    let too_wide = png_header(100_000, 300, 8, 2);
    let too_deep = png_header(8000, 8000, 16, 6); // 512 MB of RGBA16 from a 60-byte file
    for bomb in [too_wide, too_deep] {
        assert_eq!(
            process_upload(&bomb),
            Err(PhotoError::TooManyPixels { max_side: MAX_SIDE })
        );
    }
}

/// Adds an APP1 Exif segment saying "rotate 90° clockwise" (orientation 6) and a GPS-looking
/// string, right after the JPEG's start-of-image marker.
fn with_exif_orientation_6(jpeg: &[u8]) -> Vec<u8> {
    let mut tiff = b"Exif\0\0MM\0\x2A\0\0\0\x08".to_vec();
    tiff.extend([0, 1]); // one IFD entry
    tiff.extend([0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0]); // Orientation, SHORT, 1, = 6
    tiff.extend([0, 0, 0, 0]); // no next IFD
    tiff.extend(b"GPS 36.4N 94.9E secret-farm-location");
    let mut out = jpeg[..2].to_vec();
    out.extend([0xFF, 0xE1]);
    out.extend(u16::try_from(tiff.len() + 2).unwrap().to_be_bytes());
    out.extend(&tiff);
    out.extend(&jpeg[2..]);
    out
}

#[test]
fn exif_orientation_is_applied_and_metadata_is_stripped() {
    let upload = with_exif_orientation_6(&jpeg(&picture(600, 300)));
    assert!(upload.windows(4).any(|w| w == b"Exif"));
    let photo = process_upload(&upload).unwrap();
    assert_eq!(
        (photo.width, photo.height),
        (300, 600),
        "rotated to portrait"
    );
    for (_, bytes) in &photo.renditions {
        assert!(!bytes.windows(4).any(|w| w == b"Exif"));
        assert!(!bytes.windows(6).any(|w| w == b"secret"));
    }
    // Rotated clockwise, the red top-left corner is now top-right.
    let card = decoded(photo.rendition(Rendition::Card).unwrap()).into_rgb8();
    let [r, g, _] = card.get_pixel(card.width() - 20, 20).0;
    assert!(r > 180 && g < 80, "expected red at top-right, got {r},{g}");
}

#[test]
fn renditions_have_stable_names() {
    for r in Rendition::ALL {
        assert_eq!(Rendition::parse(r.name()), Some(r));
        assert_eq!(r.file_name(), format!("{}.jpg", r.name()));
    }
    assert_eq!(Rendition::parse("../etc"), None);
}
