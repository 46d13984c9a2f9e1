//! Field-level validation problems. The web layer turns each into a sentence in the reader's
//! language, so the domain names *what* is wrong, never how to say it.

use serde::Serialize;

/// What is wrong with one input field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum Problem {
    Required,
    TooShort { min: usize },
    TooLong { max: usize },
    Invalid,
    AlreadyTaken,
    NotAllowed,
    TooLarge { max_bytes: usize },
    UnsupportedFormat,
    CheckDigit { expected: u8 },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    pub field: &'static str,
    #[serde(flatten)]
    pub problem: Problem,
}

/// All the problems found in one submission, so a person can fix them in one go.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, thiserror::Error)]
#[error("invalid input: {0:?}")]
pub struct ValidationErrors(pub Vec<FieldError>);

impl ValidationErrors {
    pub fn single(field: &'static str, problem: Problem) -> Self {
        Self(vec![FieldError { field, problem }])
    }

    pub fn push(&mut self, field: &'static str, problem: Problem) {
        self.0.push(FieldError { field, problem });
    }

    /// Records the error of a parse result, keeping the value when it parsed.
    pub fn check<T>(&mut self, result: Result<T, FieldError>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(error) => {
                self.0.push(error);
                None
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `Ok(())` when nothing was wrong.
    pub fn into_result(self) -> Result<(), Self> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(self)
        }
    }
}

/// Checks a trimmed text's length in characters (not bytes: Chinese names are 3 bytes a char).
pub fn text_length(
    field: &'static str,
    value: &str,
    min: usize,
    max: usize,
) -> Result<String, FieldError> {
    let trimmed = value.trim();
    let chars = trimmed.chars().count();
    let problem = if chars == 0 && min > 0 {
        Some(Problem::Required)
    } else if chars < min {
        Some(Problem::TooShort { min })
    } else if chars > max {
        Some(Problem::TooLong { max })
    } else if trimmed.chars().any(|c| c.is_control()) {
        Some(Problem::Invalid)
    } else {
        None
    };
    match problem {
        Some(problem) => Err(FieldError { field, problem }),
        None => Ok(trimmed.to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_characters_not_bytes() {
        assert_eq!(
            text_length("name", " 青海枸杞 ", 1, 4),
            Ok("青海枸杞".into())
        );
        assert!(text_length("name", "青海枸杞园", 1, 4).is_err());
    }

    #[test]
    fn empty_is_required_and_control_characters_are_invalid() {
        let err = text_length("name", "  ", 1, 10).unwrap_err();
        assert_eq!(err.problem, Problem::Required);
        let err = text_length("name", "a\u{7}b", 1, 10).unwrap_err();
        assert_eq!(err.problem, Problem::Invalid);
    }
}
