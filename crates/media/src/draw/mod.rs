//! Product photos painted from code for the demo county: no fonts, no downloads, the same
//! picture for the same seed. Each subject is a small still life — a heap, a bottle, a cut on a
//! board — lit from one side with soft shadows, so cards look like a shop, not clip art.

mod backdrop;
mod berries;
mod canvas;
mod dairy;
mod garnish;
mod grains;
mod meat;
mod pile;
mod props;
mod rng;
mod salt;
mod shapes;
mod textile;
mod vessels;

use image::RgbImage;

use crate::process::render;
use crate::{PhotoError, ProcessedPhoto, Rendition};
use canvas::Canvas;
use rng::Rng;

/// What a drawn photo shows: the county's specialties and its handicrafts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Subject {
    Goji,
    BlackGoji,
    LakeSalt,
    YakMeat,
    TibetanMutton,
    HighlandBarley,
    Quinoa,
    RapeseedOil,
    Honey,
    Cordyceps,
    YakMilkPowder,
    SeaBuckthorn,
    Handicraft,
}

impl Subject {
    pub const ALL: [Subject; 13] = [
        Subject::Goji,
        Subject::BlackGoji,
        Subject::LakeSalt,
        Subject::YakMeat,
        Subject::TibetanMutton,
        Subject::HighlandBarley,
        Subject::Quinoa,
        Subject::RapeseedOil,
        Subject::Honey,
        Subject::Cordyceps,
        Subject::YakMilkPowder,
        Subject::SeaBuckthorn,
        Subject::Handicraft,
    ];

    /// The same keys as the demo's specialties (`black_goji`), so one maps onto the other.
    pub const fn slug(self) -> &'static str {
        match self {
            Subject::Goji => "goji",
            Subject::BlackGoji => "black_goji",
            Subject::LakeSalt => "lake_salt",
            Subject::YakMeat => "yak_meat",
            Subject::TibetanMutton => "tibetan_mutton",
            Subject::HighlandBarley => "highland_barley",
            Subject::Quinoa => "quinoa",
            Subject::RapeseedOil => "rapeseed_oil",
            Subject::Honey => "honey",
            Subject::Cordyceps => "cordyceps",
            Subject::YakMilkPowder => "yak_milk_powder",
            Subject::SeaBuckthorn => "sea_buckthorn",
            Subject::Handicraft => "handicraft",
        }
    }

    /// Parses a slug; hyphens and capitals are accepted too (`Black-Goji`).
    pub fn from_slug(slug: &str) -> Option<Subject> {
        let key = slug.trim().to_ascii_lowercase().replace('-', "_");
        Subject::ALL.into_iter().find(|s| s.slug() == key)
    }

    fn paint(self, canvas: &mut Canvas, rng: &mut Rng) {
        match self {
            Subject::Goji => berries::goji(canvas, rng),
            Subject::BlackGoji => berries::black_goji(canvas, rng),
            Subject::SeaBuckthorn => berries::sea_buckthorn(canvas, rng),
            Subject::HighlandBarley => grains::highland_barley(canvas, rng),
            Subject::Quinoa => grains::quinoa(canvas, rng),
            Subject::Cordyceps => grains::cordyceps(canvas, rng),
            Subject::LakeSalt => salt::lake_salt(canvas, rng),
            Subject::YakMeat => meat::yak_meat(canvas, rng),
            Subject::TibetanMutton => meat::tibetan_mutton(canvas, rng),
            Subject::RapeseedOil => vessels::rapeseed_oil(canvas, rng),
            Subject::Honey => vessels::honey(canvas, rng),
            Subject::YakMilkPowder => dairy::yak_milk_powder(canvas, rng),
            Subject::Handicraft => textile::handicraft(canvas, rng),
        }
    }
}

/// Largest picture drawn; bigger requests are drawn at this size (the buffer is 12 bytes a
/// pixel, so this caps it at 48 MB; renditions never need more than 1280).
const MAX_DRAW_SIZE: u32 = 2048;

/// Paints a square picture of `subject`, `size` pixels a side (clamped to 16..=2048). The same
/// subject, seed and size always give the same pixels; seeds vary arrangement and tint.
pub fn draw_product(subject: Subject, seed: u64, size: u32) -> RgbImage {
    let mut canvas = Canvas::new(size.clamp(16, MAX_DRAW_SIZE));
    // Mixing in the subject keeps one seed from giving every subject the same arrangement.
    let mut rng = Rng::new(seed ^ (subject as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15));
    subject.paint(&mut canvas, &mut rng);
    canvas.into_image(0.18, rng.noise_seed())
}

/// A demo product photo with every rendition, drawn at the large size and rendered by the same
/// code as uploads, so demo and real photos are stored and served alike.
pub fn demo_photo(subject: Subject, seed: u64) -> Result<ProcessedPhoto, PhotoError> {
    render(&draw_product(
        subject,
        seed,
        Rendition::Large.longest_side(),
    ))
}

#[cfg(test)]
#[path = "tests.rs"]
mod tests;
