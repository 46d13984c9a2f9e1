//! Drawn photos: deterministic, distinct, and of the colours their subjects have, so a goji
//! card is red at a glance and a salt card is white.

use super::*;
use crate::process_upload;

/// The share of pixels for which `pick` holds, colours given in [0, 1].
fn share(image: &RgbImage, pick: impl Fn(f32, f32, f32) -> bool) -> f32 {
    let hits = image
        .pixels()
        .filter(|p| {
            let [r, g, b] = p.0.map(|c| f32::from(c) / 255.0);
            pick(r, g, b)
        })
        .count();
    hits as f32 / (image.width() * image.height()) as f32
}

fn mean_difference(a: &RgbImage, b: &RgbImage) -> f32 {
    let total: u64 = a
        .as_raw()
        .iter()
        .zip(b.as_raw())
        .map(|(x, y)| u64::from(x.abs_diff(*y)))
        .sum();
    total as f32 / a.as_raw().len() as f32
}

fn red(r: f32, g: f32, b: f32) -> bool {
    r > 0.4 && r > 2.0 * g && r > 2.0 * b
}

fn orange(r: f32, g: f32, b: f32) -> bool {
    r > 0.6 && g > 0.3 * r && g < 0.75 * r && b < 0.35 * r
}

fn yellow(r: f32, g: f32, b: f32) -> bool {
    r > 0.6 && g > 0.7 * r && b < 0.55 * g
}

fn light(r: f32, g: f32, b: f32) -> bool {
    r.min(g).min(b) > 0.7 && r.max(g).max(b) - r.min(g).min(b) < 0.15
}

fn dark_purple(r: f32, g: f32, b: f32) -> bool {
    r.max(b) < 0.4 && b > g * 1.2 && r > g * 1.2
}

fn golden(r: f32, g: f32, b: f32) -> bool {
    r > 0.45 && g > 0.6 * r && g < 0.9 * r && b < 0.6 * g
}

fn pink(r: f32, g: f32, b: f32) -> bool {
    r > 0.6 && g > 0.25 * r && g < 0.65 * r && b > 0.25 * r && b < 0.7 * r
}

#[test]
fn slugs_round_trip() {
    for s in Subject::ALL {
        assert_eq!(Subject::from_slug(s.slug()), Some(s));
    }
    assert_eq!(Subject::from_slug("Black-Goji"), Some(Subject::BlackGoji));
    assert_eq!(
        Subject::from_slug(" yak-milk-powder "),
        Some(Subject::YakMilkPowder)
    );
    assert_eq!(Subject::from_slug("durian"), None);
}

#[test]
fn the_same_seed_draws_the_same_picture() {
    for subject in Subject::ALL {
        let first = draw_product(subject, 42, 96);
        assert_eq!(first.dimensions(), (96, 96));
        assert!(first == draw_product(subject, 42, 96), "{subject:?}");
    }
}

#[test]
fn seeds_vary_the_picture_and_subjects_differ() {
    let pictures: Vec<RgbImage> = Subject::ALL
        .iter()
        .map(|s| draw_product(*s, 1, 96))
        .collect();
    for (subject, picture) in Subject::ALL.iter().zip(&pictures) {
        let other_seed = draw_product(*subject, 2, 96);
        assert!(
            mean_difference(picture, &other_seed) > 2.0,
            "{subject:?} ignores its seed"
        );
    }
    for (i, a) in pictures.iter().enumerate() {
        for (j, b) in pictures.iter().enumerate().skip(i + 1) {
            let d = mean_difference(a, b);
            assert!(
                d > 15.0,
                "{:?} and {:?} look alike ({d})",
                Subject::ALL[i],
                Subject::ALL[j]
            );
        }
    }
}

#[test]
fn each_subject_has_its_colours() {
    type Pick = fn(f32, f32, f32) -> bool;
    let expectations: [(Subject, Pick, f32); 12] = [
        (Subject::Goji, red, 0.12),
        (Subject::BlackGoji, dark_purple, 0.14),
        (Subject::LakeSalt, light, 0.5),
        (Subject::SeaBuckthorn, orange, 0.08),
        (Subject::YakMeat, red, 0.05),
        (Subject::TibetanMutton, pink, 0.035),
        (Subject::HighlandBarley, golden, 0.1),
        (Subject::RapeseedOil, yellow, 0.18),
        (Subject::Honey, orange, 0.1),
        (Subject::Cordyceps, red, 0.5),
        (Subject::YakMilkPowder, light, 0.55),
        (Subject::Handicraft, golden, 0.15),
    ];
    for (subject, pick, least) in expectations {
        for seed in [3, 11] {
            let found = share(&draw_product(subject, seed, 128), pick);
            assert!(
                found >= least,
                "{subject:?} seed {seed}: {found:.3} < {least}"
            );
        }
    }
    // Quinoa is three colours: pale, red and near-black grains all show.
    let quinoa = draw_product(Subject::Quinoa, 5, 256);
    assert!(share(&quinoa, |r, g, b| r > 0.75 && g > 0.68 && b > 0.5) > 0.01);
    assert!(share(&quinoa, |r, g, b| r < 0.22 && g < 0.2 && b < 0.2) > 0.01);
    assert!(share(&quinoa, red) > 0.005);
}

#[test]
fn odd_sizes_are_clamped_not_refused() {
    assert_eq!(draw_product(Subject::Honey, 0, 0).dimensions(), (16, 16));
    assert_eq!(draw_product(Subject::Honey, 0, 17).dimensions(), (17, 17));
}

#[test]
fn a_demo_photo_has_every_rendition_and_passes_upload_checks() {
    let photo = demo_photo(Subject::Goji, 9).unwrap();
    assert_eq!((photo.width, photo.height), (1280, 1280));
    for (rendition, bytes) in &photo.renditions {
        let image = image::load_from_memory(bytes).unwrap();
        let side = rendition.longest_side();
        assert_eq!((image.width(), image.height()), (side, side));
    }
    let large = photo.rendition(Rendition::Large).unwrap();
    assert!(
        large.len() < 400_000,
        "large rendition is {} bytes",
        large.len()
    );
    let reprocessed = process_upload(large).unwrap();
    assert_eq!((reprocessed.width, reprocessed.height), (1280, 1280));
}
