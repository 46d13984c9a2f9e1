//! Producer onboarding: a person applies to open a shop, with documents; the county hub reviews
//! the documents and approves or rejects with a reason. Only a pending application can be decided.

use serde::{Deserialize, Serialize};

use crate::validation::{text_length, FieldError, Problem};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ApplicationStatus {
    Pending,
    Approved,
    Rejected,
}

impl ApplicationStatus {
    pub const fn as_str(self) -> &'static str {
        match self {
            ApplicationStatus::Pending => "pending",
            ApplicationStatus::Approved => "approved",
            ApplicationStatus::Rejected => "rejected",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        [Self::Pending, Self::Approved, Self::Rejected]
            .into_iter()
            .find(|status| status.as_str() == value)
    }
}

/// The hub's verdict on an application.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    Approve,
    Reject { reason: String },
}

impl Decision {
    /// A rejection must tell the applicant why, in 2–500 characters.
    pub fn reject(reason: &str) -> Result<Self, FieldError> {
        text_length("reason", reason, 2, 500).map(|reason| Decision::Reject { reason })
    }

    pub fn outcome(&self) -> ApplicationStatus {
        match self {
            Decision::Approve => ApplicationStatus::Approved,
            Decision::Reject { .. } => ApplicationStatus::Rejected,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("this application was already {}", .0.as_str())]
pub struct AlreadyDecided(pub ApplicationStatus);

/// The status after applying `decision`, or why it cannot be applied.
pub fn decide(
    current: ApplicationStatus,
    decision: &Decision,
) -> Result<ApplicationStatus, AlreadyDecided> {
    match current {
        ApplicationStatus::Pending => Ok(decision.outcome()),
        done => Err(AlreadyDecided(done)),
    }
}

/// What a supporting document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    IdentityCard,
    BusinessLicence,
    Other,
}

impl DocumentKind {
    pub const fn as_str(self) -> &'static str {
        match self {
            DocumentKind::IdentityCard => "identity_card",
            DocumentKind::BusinessLicence => "business_licence",
            DocumentKind::Other => "other",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        [Self::IdentityCard, Self::BusinessLicence, Self::Other]
            .into_iter()
            .find(|kind| kind.as_str() == value)
    }
}

/// The file formats a document may have, recognised by content, never by the name a client sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentFormat {
    Jpeg,
    Png,
    Pdf,
}

impl DocumentFormat {
    pub const MAX_BYTES: usize = 5 * 1024 * 1024;

    pub const fn media_type(self) -> &'static str {
        match self {
            DocumentFormat::Jpeg => "image/jpeg",
            DocumentFormat::Png => "image/png",
            DocumentFormat::Pdf => "application/pdf",
        }
    }

    pub fn from_media_type(value: &str) -> Option<Self> {
        [Self::Jpeg, Self::Png, Self::Pdf]
            .into_iter()
            .find(|format| format.media_type() == value)
    }

    /// Checks an uploaded file's size and sniffs its format from its first bytes.
    pub fn sniff(field: &'static str, bytes: &[u8]) -> Result<Self, FieldError> {
        let problem = |problem| FieldError { field, problem };
        if bytes.is_empty() {
            return Err(problem(Problem::Required));
        }
        if bytes.len() > Self::MAX_BYTES {
            return Err(problem(Problem::TooLarge {
                max_bytes: Self::MAX_BYTES,
            }));
        }
        if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Ok(DocumentFormat::Jpeg)
        } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            Ok(DocumentFormat::Png)
        } else if bytes.starts_with(b"%PDF-") {
            Ok(DocumentFormat::Pdf)
        } else {
            Err(problem(Problem::UnsupportedFormat))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_pending_applications_can_be_decided() {
        let reject = Decision::reject("licence photo unreadable").unwrap();
        assert_eq!(
            decide(ApplicationStatus::Pending, &Decision::Approve),
            Ok(ApplicationStatus::Approved)
        );
        assert_eq!(
            decide(ApplicationStatus::Pending, &reject),
            Ok(ApplicationStatus::Rejected)
        );
        assert_eq!(
            decide(ApplicationStatus::Approved, &reject),
            Err(AlreadyDecided(ApplicationStatus::Approved))
        );
        assert!(decide(ApplicationStatus::Rejected, &Decision::Approve).is_err());
    }

    #[test]
    fn a_rejection_needs_a_reason() {
        assert_eq!(
            Decision::reject(" ").unwrap_err().problem,
            Problem::Required
        );
    }

    #[test]
    fn documents_are_recognised_by_content() {
        assert_eq!(
            DocumentFormat::sniff("doc", b"%PDF-1.7 ..."),
            Ok(DocumentFormat::Pdf)
        );
        assert_eq!(
            DocumentFormat::sniff("doc", &[0xFF, 0xD8, 0xFF, 0xE0]),
            Ok(DocumentFormat::Jpeg)
        );
        assert_eq!(
            DocumentFormat::sniff("doc", b"MZ\x90\x00")
                .unwrap_err()
                .problem,
            Problem::UnsupportedFormat
        );
        let huge = vec![0xFF; DocumentFormat::MAX_BYTES + 1];
        assert!(matches!(
            DocumentFormat::sniff("doc", &huge).unwrap_err().problem,
            Problem::TooLarge { .. }
        ));
    }
}
