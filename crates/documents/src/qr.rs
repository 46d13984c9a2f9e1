//! QR codes drawn as vector rectangles (one per run of dark modules in a row), sharp at any
//! printer resolution, with their quiet zone inside the box they are given.

use qrcode::{Color, EcLevel, QrCode};

use crate::canvas::Page;
use crate::DocumentError;

/// Light modules a reader needs around the code (ISO/IEC 18004).
pub(crate) const QUIET_ZONE: usize = 4;

/// A QR code as runs of dark modules, in module units from its top-left corner (quiet zone
/// not included): what a PDF fills as rectangles and an SVG as one path.
pub(crate) struct Modules {
    /// Modules along a side.
    pub width: usize,
    /// `(row, first module, length)`.
    pub runs: Vec<(usize, usize, usize)>,
}

pub(crate) fn modules(content: &str, level: EcLevel) -> Result<Modules, DocumentError> {
    let code = QrCode::with_error_correction_level(content, level).map_err(|error| {
        DocumentError::QrCode {
            content: content.to_owned(),
            reason: error.to_string(),
        }
    })?;
    let width = code.width();
    let colors = code.to_colors();
    let runs = colors
        .chunks(width)
        .enumerate()
        .flat_map(|(row, colors)| {
            dark_runs(colors).map(move |(start, length)| (row, start, length))
        })
        .collect();
    Ok(Modules { width, runs })
}

/// Draws `content` in the square of `size` mm at (`x`, `top`), quiet zone included.
pub(crate) fn draw(
    page: &mut Page,
    content: &str,
    level: EcLevel,
    (x, top): (f32, f32),
    size: f32,
) -> Result<(), DocumentError> {
    let code = modules(content, level)?;
    let module = size / (code.width + 2 * QUIET_ZONE) as f32;
    let origin = (
        x + QUIET_ZONE as f32 * module,
        top + QUIET_ZONE as f32 * module,
    );
    page.fill_rects(code.runs.iter().map(|&(row, start, length)| {
        [
            origin.0 + start as f32 * module,
            origin.1 + row as f32 * module,
            length as f32 * module,
            module,
        ]
    }));
    Ok(())
}

/// `(first module, length)` of each run of dark modules in a row.
fn dark_runs(row: &[Color]) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut column = 0;
    std::iter::from_fn(move || {
        let start = column + row[column..].iter().position(|&c| c == Color::Dark)?;
        let length = row[start..]
            .iter()
            .take_while(|&&c| c == Color::Dark)
            .count();
        column = start + length;
        Some((start, length))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_cover_exactly_the_dark_modules() {
        use Color::{Dark as D, Light as L};
        let row = [D, D, L, D, L, L, D, D, D];
        assert_eq!(
            dark_runs(&row).collect::<Vec<_>>(),
            [(0, 2), (3, 1), (6, 3)]
        );
        assert_eq!(dark_runs(&[L, L]).count(), 0);
        assert_eq!(dark_runs(&[]).count(), 0);
    }

    #[test]
    fn content_too_long_for_any_code_is_an_error() {
        let mut page = Page::new(100.0, 100.0);
        let error = draw(&mut page, &"x".repeat(5000), EcLevel::M, (0.0, 0.0), 50.0);
        assert!(matches!(error, Err(DocumentError::QrCode { .. })));
    }
}
