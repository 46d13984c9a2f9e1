//! Draws every subject (a few seeds each) into one contact sheet, to look at the drawings:
//! `cargo run --release -p farmgate-media --example contact_sheet -- /tmp/sheet.png [size] [seeds]`.

use std::time::Instant;

use farmgate_media::{draw_product, Subject};
use image::{imageops, RgbImage};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let out = args
        .next()
        .unwrap_or_else(|| "media_contact_sheet.png".into());
    let size: u32 = args.next().map(|s| s.parse()).transpose()?.unwrap_or(320);
    let seeds: u32 = args.next().map(|s| s.parse()).transpose()?.unwrap_or(3);
    let only = args.next().and_then(|s| Subject::from_slug(&s));
    let subjects: Vec<Subject> = match only {
        Some(s) => vec![s],
        None => Subject::ALL.to_vec(),
    };
    let mut sheet = RgbImage::new(size * seeds, size * subjects.len() as u32);
    let started = Instant::now();
    for (row, subject) in subjects.iter().enumerate() {
        for seed in 0..seeds {
            let picture = draw_product(*subject, u64::from(seed), size);
            imageops::replace(
                &mut sheet,
                &picture,
                i64::from(seed * size),
                row as i64 * i64::from(size),
            );
        }
    }
    let per = started.elapsed() / (seeds * subjects.len() as u32);
    eprintln!("{per:?} per {size}px drawing");
    sheet.save(&out)?;
    Ok(())
}
