//! Numeric bounds for form and import input. One place decides how "out of range" is reported,
//! so a clearer `Problem` variant can replace `Invalid` here without touching every rule.

use crate::money::{Currency, Money};
use crate::validation::{FieldError, Problem};

/// Accepts `value` when `min <= value <= max`.
pub fn within(field: &'static str, value: i64, min: i64, max: i64) -> Result<i64, FieldError> {
    if (min..=max).contains(&value) {
        Ok(value)
    } else {
        Err(FieldError {
            field,
            problem: Problem::Invalid,
        })
    }
}

/// A whole number typed into a form, in `min..=max`: `Required` when left empty, `Invalid`
/// when it is no number or out of bounds.
pub fn whole_number(
    field: &'static str,
    text: &str,
    min: i64,
    max: i64,
) -> Result<i64, FieldError> {
    match text.trim() {
        "" => Err(FieldError {
            field,
            problem: Problem::Required,
        }),
        text => match text.parse::<i64>() {
            Ok(value) => within(field, value, min, max),
            Err(_) => Err(FieldError {
                field,
                problem: Problem::Invalid,
            }),
        },
    }
}

/// An amount in yuan typed into a form, from one fen to `max_fen`: `Required` when left
/// empty, `Invalid` when it is no amount or out of bounds.
pub fn yuan_amount(field: &'static str, text: &str, max_fen: i64) -> Result<Money, FieldError> {
    match Money::parse_major(text, Currency::Cny) {
        None if text.trim().is_empty() => Err(FieldError {
            field,
            problem: Problem::Required,
        }),
        Some(amount) if (1..=max_fen).contains(&amount.minor()) => Ok(amount),
        _ => Err(FieldError {
            field,
            problem: Problem::Invalid,
        }),
    }
}

/// Like [`within`] for a count that must also fit a `u32`.
pub fn within_u32(field: &'static str, value: i64, min: u32, max: u32) -> Result<u32, FieldError> {
    let value = within(field, value, i64::from(min), i64::from(max))?;
    u32::try_from(value).map_err(|_| FieldError {
        field,
        problem: Problem::Invalid,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds_are_inclusive() {
        assert_eq!(within("n", 1, 1, 3), Ok(1));
        assert_eq!(within("n", 3, 1, 3), Ok(3));
        assert_eq!(within("n", 0, 1, 3).unwrap_err().field, "n");
        assert!(within("n", 4, 1, 3).is_err());
        assert!(within("n", i64::MIN, 1, 3).is_err());
        assert_eq!(within_u32("n", 999, 1, 999), Ok(999));
        assert!(within_u32("n", -1, 0, 999).is_err());
    }

    #[test]
    fn whole_numbers_are_required_numbers_within_bounds() {
        assert_eq!(whole_number("n", " 7 ", 1, 9), Ok(7));
        assert_eq!(
            whole_number("n", "", 1, 9).unwrap_err().problem,
            Problem::Required
        );
        assert_eq!(
            whole_number("n", "x", 1, 9).unwrap_err().problem,
            Problem::Invalid
        );
        assert_eq!(
            whole_number("n", "10", 1, 9).unwrap_err().problem,
            Problem::Invalid
        );
    }
}
