//! What an account is made of, each part constructed only when valid.

use crate::validation::{text_length, FieldError, Problem};

/// A lower-cased e-mail address: the sign-in name.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Email(String);

impl Email {
    pub const MAX_LEN: usize = 254;

    pub fn parse(value: &str) -> Result<Self, FieldError> {
        let invalid = |problem| FieldError {
            field: "email",
            problem,
        };
        let value = value.trim().to_lowercase();
        if value.is_empty() {
            return Err(invalid(Problem::Required));
        }
        if value.len() > Self::MAX_LEN {
            return Err(invalid(Problem::TooLong { max: Self::MAX_LEN }));
        }
        let Some((local, domain)) = value.split_once('@') else {
            return Err(invalid(Problem::Invalid));
        };
        let domain_ok = domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..");
        let clean = value
            .chars()
            .all(|c| !c.is_whitespace() && !c.is_control() && !matches!(c, '<' | '>' | ','));
        if local.is_empty() || !domain_ok || domain.contains('@') || !clean {
            return Err(invalid(Problem::Invalid));
        }
        Ok(Self(value))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The name shown to others: 1–40 characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DisplayName(String);

impl DisplayName {
    pub fn parse(value: &str) -> Result<Self, FieldError> {
        text_length("display_name", value, 1, 40).map(Self)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A new password as typed. Length is the rule that matters (NIST SP 800-63B): at least 8
/// characters, at most 128 so hashing cannot be abused; no composition rules.
pub struct NewPassword(String);

impl NewPassword {
    pub const MIN_CHARS: usize = 8;
    pub const MAX_CHARS: usize = 128;

    pub fn parse(value: &str) -> Result<Self, FieldError> {
        let chars = value.chars().count();
        let problem = if chars == 0 {
            Some(Problem::Required)
        } else if chars < Self::MIN_CHARS {
            Some(Problem::TooShort {
                min: Self::MIN_CHARS,
            })
        } else if chars > Self::MAX_CHARS {
            Some(Problem::TooLong {
                max: Self::MAX_CHARS,
            })
        } else {
            None
        };
        match problem {
            Some(problem) => Err(FieldError {
                field: "password",
                problem,
            }),
            None => Ok(Self(value.to_owned())),
        }
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("NewPassword(…)")
    }
}

/// A mainland China mobile number: 11 digits starting 13–19, with an optional +86.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phone(String);

impl Phone {
    pub fn parse(field: &'static str, value: &str) -> Result<Self, FieldError> {
        let digits: String = value
            .trim()
            .trim_start_matches("+86")
            .chars()
            .filter(|c| !matches!(c, ' ' | '-'))
            .collect();
        let valid = digits.len() == 11
            && digits.bytes().all(|b| b.is_ascii_digit())
            && digits.starts_with('1')
            && matches!(digits.as_bytes()[1], b'3'..=b'9');
        if valid {
            Ok(Self(digits))
        } else if value.trim().is_empty() {
            Err(FieldError {
                field,
                problem: Problem::Required,
            })
        } else {
            Err(FieldError {
                field,
                problem: Problem::Invalid,
            })
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn email_is_trimmed_lowercased_and_checked() {
        assert_eq!(
            Email::parse(" Zhuoma@Example.CN ").unwrap().as_str(),
            "zhuoma@example.cn"
        );
        for bad in [
            "",
            "no-at-sign",
            "@example.cn",
            "a@b",
            "a@.cn",
            "a b@c.cn",
            "a@b..cn",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad} should be rejected");
        }
        let long = format!("{}@example.cn", "a".repeat(250));
        assert_eq!(
            Email::parse(&long).unwrap_err().problem,
            Problem::TooLong { max: 254 }
        );
    }

    #[test]
    fn password_length_is_counted_in_characters() {
        assert!(NewPassword::parse("青稞青稞青稞青稞").is_ok());
        assert_eq!(
            NewPassword::parse("short").unwrap_err().problem,
            Problem::TooShort { min: 8 }
        );
        assert!(NewPassword::parse(&"x".repeat(129)).is_err());
        assert_eq!(
            format!("{:?}", NewPassword::parse("secret-secret").unwrap()),
            "NewPassword(…)"
        );
    }

    #[test]
    fn phone_accepts_mainland_mobiles() {
        assert_eq!(
            Phone::parse("phone", "+86 139-1234-5678").unwrap().as_str(),
            "13912345678"
        );
        assert!(Phone::parse("phone", "12912345678").is_err());
        assert!(Phone::parse("phone", "1391234567").is_err());
        assert!(Phone::parse("phone", "1391234567a").is_err());
    }
}
