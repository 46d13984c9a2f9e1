//! Lucky draws (抽奖) in a live session: the host names a keyword, a prize and how many win;
//! viewers who comment the keyword while the draw is open enter, and winners are drawn among
//! them. These are the terms a host may set, how a draw ends, and how a winner is shown.

use crate::range::whole_number;
use crate::time::Timestamp;
use crate::validation::{text_length, ValidationErrors};

/// Longest keyword, in characters.
pub const MAX_KEYWORD_CHARS: usize = 20;
/// Longest prize text, in characters.
pub const MAX_PRIZE_CHARS: usize = 60;
/// Most winners one draw may have.
pub const MAX_WINNERS: i64 = 50;
/// How long a draw takes entries: 30 s to 30 min.
pub const WINDOW_SECONDS: (i64, i64) = (30, 30 * 60);

/// What a host typed, before any checking.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DrawInput<'a> {
    pub keyword: &'a str,
    pub prize: &'a str,
    pub winners: &'a str,
    pub window_seconds: &'a str,
}

/// Valid terms of a draw, its window starting at `now`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DrawTerms {
    pub keyword: String,
    pub prize: String,
    pub winners: i64,
    pub opens_at: Timestamp,
    pub closes_at: Timestamp,
}

impl DrawTerms {
    /// Checks every field at once and reports each problem against its field.
    pub fn parse(input: &DrawInput<'_>, now: Timestamp) -> Result<Self, ValidationErrors> {
        let mut errors = ValidationErrors::default();
        let keyword = errors.check(text_length("keyword", input.keyword, 1, MAX_KEYWORD_CHARS));
        let prize = errors.check(text_length("prize", input.prize, 1, MAX_PRIZE_CHARS));
        let mut count =
            |field, text: &str, min, max| errors.check(whole_number(field, text, min, max));
        let winners = count("winners", input.winners, 1, MAX_WINNERS);
        let (min, max) = WINDOW_SECONDS;
        let window = count("window_seconds", input.window_seconds, min, max);
        match (keyword, prize, winners, window) {
            (Some(keyword), Some(prize), Some(winners), Some(window)) if errors.is_empty() => {
                Ok(Self {
                    keyword,
                    prize,
                    winners,
                    opens_at: now,
                    closes_at: now.plus_millis(window * 1_000),
                })
            }
            _ => Err(errors),
        }
    }
}

/// Where a draw stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DrawStatus {
    /// Taking entries.
    Open,
    /// Winners drawn (possibly none, when nobody entered).
    Drawn,
    /// The server restarted while it was open: its entries were in memory and are gone, so
    /// nobody was drawn rather than winners made up.
    Interrupted,
}

impl DrawStatus {
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Drawn => "drawn",
            Self::Interrupted => "interrupted",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        [Self::Open, Self::Drawn, Self::Interrupted]
            .into_iter()
            .find(|status| status.as_str() == text)
    }
}

/// A winner's name as the room shows it: the first character and one star ("小*"), so
/// viewers see someone won without the whole name going out to everyone.
pub fn masked_name(name: &str) -> String {
    let mut chars = name.trim().chars();
    match chars.next() {
        Some(first) => format!("{first}*"),
        None => "*".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validation::Problem;

    const NOW: Timestamp = Timestamp::from_millis(1_800_000_000_000);

    fn fields(errors: &ValidationErrors) -> Vec<(&str, Problem)> {
        errors.0.iter().map(|e| (e.field, e.problem)).collect()
    }

    #[test]
    fn good_terms_open_now_for_the_window() {
        let input = DrawInput {
            keyword: " 枸杞 ",
            prize: "黑枸杞一盒",
            winners: "3",
            window_seconds: "120",
        };
        let terms = DrawTerms::parse(&input, NOW).unwrap();
        assert_eq!(terms.keyword, "枸杞");
        assert_eq!(terms.winners, 3);
        assert_eq!(terms.closes_at, NOW.plus_millis(120_000));
    }

    #[test]
    fn every_problem_is_reported_against_its_field() {
        let long_prize = "奖".repeat(61);
        let input = DrawInput {
            keyword: "",
            prize: &long_prize,
            winners: "51",
            window_seconds: "29",
        };
        let errors = DrawTerms::parse(&input, NOW).unwrap_err();
        assert_eq!(
            fields(&errors),
            [
                ("keyword", Problem::Required),
                ("prize", Problem::TooLong { max: 60 }),
                ("winners", Problem::Invalid),
                ("window_seconds", Problem::Invalid),
            ]
        );
        let long_keyword = "字".repeat(21);
        let input = DrawInput {
            keyword: &long_keyword,
            prize: "x",
            winners: "zero",
            window_seconds: "1801",
        };
        let errors = DrawTerms::parse(&input, NOW).unwrap_err();
        assert_eq!(fields(&errors).len(), 3);
    }

    #[test]
    fn names_are_masked_after_the_first_character() {
        assert_eq!(masked_name("小王"), "小*");
        assert_eq!(masked_name(" Zhuoma "), "Z*");
        assert_eq!(masked_name(""), "*");
    }

    #[test]
    fn statuses_read_back() {
        for status in [DrawStatus::Open, DrawStatus::Drawn, DrawStatus::Interrupted] {
            assert_eq!(DrawStatus::parse(status.as_str()), Some(status));
        }
        assert_eq!(DrawStatus::parse("won"), None);
    }
}
