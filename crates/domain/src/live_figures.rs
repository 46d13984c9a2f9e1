//! The figures a host watches during a live session. Conversion is a ratio of counts, kept in
//! basis points (1/100 of a percent) so it never passes through a float.

/// Buyers per unique viewer, in basis points, rounded half up; `None` before anyone watched.
/// Above 100 % is possible (a buyer who never opened the room, say from a shared link).
pub fn conversion_basis_points(buyers: u64, unique_viewers: u64) -> Option<u64> {
    if unique_viewers == 0 {
        return None;
    }
    let scaled = u128::from(buyers) * 10_000 * 2 + u128::from(unique_viewers);
    let points = scaled / (2 * u128::from(unique_viewers));
    Some(u64::try_from(points).unwrap_or(u64::MAX))
}

/// Basis points as a percentage with one decimal, rounded half up: 1_234 → "12.3%".
pub fn percent_text(basis_points: u64) -> String {
    let tenths = basis_points.saturating_add(5) / 10;
    format!("{}.{}%", tenths / 10, tenths % 10)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conversion_is_buyers_over_unique_viewers_in_basis_points() {
        assert_eq!(conversion_basis_points(0, 0), None);
        assert_eq!(conversion_basis_points(1, 3), Some(3_333));
        assert_eq!(conversion_basis_points(2, 3), Some(6_667));
        assert_eq!(conversion_basis_points(3, 3), Some(10_000));
        assert_eq!(conversion_basis_points(0, 7), Some(0));
        assert_eq!(conversion_basis_points(u64::MAX, 1), Some(u64::MAX));
    }

    #[test]
    fn percentages_show_one_decimal() {
        assert_eq!(percent_text(3_333), "33.3%");
        assert_eq!(percent_text(6_667), "66.7%");
        assert_eq!(percent_text(5), "0.1%");
        assert_eq!(percent_text(4), "0.0%");
        assert_eq!(percent_text(10_000), "100.0%");
    }
}
