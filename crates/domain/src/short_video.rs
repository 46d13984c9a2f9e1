//! A producer's short product video: what they say of it (a title, the products it shows) and
//! where its transcode stands. The file rules (format, size, length) are `farmgate-video`'s.

use crate::id::ProductId;
use crate::validation::{text_length, Problem, ValidationErrors};

/// Title length in characters: a line under the video on a phone.
pub const TITLE_CHARS: (usize, usize) = (2, 60);
/// Products one video may show as cards.
pub const MAX_PRODUCTS: usize = 6;

/// Where a video's transcode stands. Only a ready video is shown to buyers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VideoStatus {
    Processing,
    Ready,
    Failed,
}

impl VideoStatus {
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Processing => "processing",
            Self::Ready => "ready",
            Self::Failed => "failed",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        [Self::Processing, Self::Ready, Self::Failed]
            .into_iter()
            .find(|status| status.as_str() == text)
    }
}

/// A video's description as the producer gave it, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VideoDescription {
    pub title: String,
    /// In the order the cards show, without repeats.
    pub products: Vec<ProductId>,
}

impl VideoDescription {
    /// Checks the title and the products together; `products` are the ids the form sent,
    /// `owned` says whether the producer's shop sells one.
    pub fn parse(
        title: &str,
        products: &[String],
        owned: impl Fn(&ProductId) -> bool,
    ) -> Result<Self, ValidationErrors> {
        let mut errors = ValidationErrors::default();
        let (min, max) = TITLE_CHARS;
        let title = errors.check(text_length("title", title, min, max));
        let mut chosen: Vec<ProductId> = Vec::new();
        for text in products.iter().map(|t| t.trim()).filter(|t| !t.is_empty()) {
            match ProductId::parse(text).filter(|id| owned(id)) {
                Some(id) if !chosen.contains(&id) => chosen.push(id),
                Some(_) => {}
                None => {
                    errors.push("products", Problem::Invalid);
                    return Err(errors);
                }
            }
        }
        if chosen.is_empty() {
            errors.push("products", Problem::Required);
        } else if chosen.len() > MAX_PRODUCTS {
            errors.push("products", Problem::TooLong { max: MAX_PRODUCTS });
        }
        match title {
            Some(title) if errors.is_empty() => Ok(Self {
                title,
                products: chosen,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOJI: &str = "01937c3e-8f2a-7b3c-9d4e-5f6a7b8c9d0e";
    const YAK: &str = "01937c3e-8f2a-7b3c-9d4e-5f6a7b8c9d0f";
    const ELSEWHERE: &str = "01937c3e-8f2a-7b3c-9d4e-5f6a7b8c9d10";

    fn ours(id: &ProductId) -> bool {
        id.as_str() != ELSEWHERE
    }

    fn fields(errors: &ValidationErrors) -> Vec<(&'static str, Problem)> {
        errors.0.iter().map(|e| (e.field, e.problem)).collect()
    }

    #[test]
    fn a_title_and_the_shops_own_products_make_a_description() {
        let products = [
            GOJI.to_owned(),
            YAK.to_owned(),
            GOJI.to_owned(),
            " ".to_owned(),
        ];
        let made = VideoDescription::parse(" Picking goji at dawn ", &products, ours).unwrap();
        assert_eq!(made.title, "Picking goji at dawn");
        let ids: Vec<&str> = made.products.iter().map(ProductId::as_str).collect();
        assert_eq!(ids, [GOJI, YAK], "in order, each once");
    }

    #[test]
    fn every_problem_is_named_against_its_field() {
        let none = VideoDescription::parse("", &[], ours).unwrap_err();
        assert_eq!(
            fields(&none),
            [
                ("title", Problem::Required),
                ("products", Problem::Required)
            ]
        );
        let foreign = VideoDescription::parse("Goji", &[ELSEWHERE.to_owned()], ours).unwrap_err();
        assert_eq!(fields(&foreign), [("products", Problem::Invalid)]);
        let junk = VideoDescription::parse("Goji", &["../x".to_owned()], ours).unwrap_err();
        assert_eq!(fields(&junk), [("products", Problem::Invalid)]);
        let long = "枸".repeat(61);
        let too_long = VideoDescription::parse(&long, &[GOJI.to_owned()], ours).unwrap_err();
        assert_eq!(fields(&too_long), [("title", Problem::TooLong { max: 60 })]);
    }

    #[test]
    fn at_most_six_products_show_as_cards() {
        let many: Vec<String> = (0..7)
            .map(|i| format!("01937c3e-8f2a-7b3c-9d4e-5f6a7b8c9d2{i}"))
            .collect();
        let refused = VideoDescription::parse("Harvest", &many, ours).unwrap_err();
        assert_eq!(
            fields(&refused),
            [("products", Problem::TooLong { max: 6 })]
        );
        assert!(VideoDescription::parse("Harvest", &many[..6], ours).is_ok());
    }

    #[test]
    fn statuses_read_back_from_their_names() {
        for status in [
            VideoStatus::Processing,
            VideoStatus::Ready,
            VideoStatus::Failed,
        ] {
            assert_eq!(VideoStatus::parse(status.as_str()), Some(status));
        }
        assert_eq!(VideoStatus::parse("done"), None);
    }
}
