//! Times of day as minutes since midnight, and opening hours as the windows of a day a site is
//! open ("08:00-12:00 14:00-18:30"). Routing reads them as time windows, so they must be sorted
//! and must not overlap.

use serde::{Deserialize, Serialize};

use crate::validation::{FieldError, Problem};

/// Minutes in a day; `24:00` is allowed as the end of a window.
pub const DAY_MINUTES: u16 = 24 * 60;
/// Windows per day: more is a typing mistake, not a timetable.
pub const MAX_WINDOWS: usize = 6;

/// A time of day, `0..=1440` minutes after midnight.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct MinuteOfDay(u16);

impl MinuteOfDay {
    pub fn new(minutes: u16) -> Option<Self> {
        (minutes <= DAY_MINUTES).then_some(Self(minutes))
    }

    /// Reads `H:MM` or `HH:MM` (`24:00` included).
    pub fn parse(text: &str) -> Option<Self> {
        let (hours, minutes) = text.trim().split_once(':')?;
        if hours.is_empty() || hours.len() > 2 || minutes.len() != 2 {
            return None;
        }
        let hours: u16 = hours.parse().ok()?;
        let minutes: u16 = minutes.parse().ok()?;
        if hours > 24 || minutes > 59 {
            return None;
        }
        Self::new(hours * 60 + minutes)
    }

    pub const fn minutes(self) -> u16 {
        self.0
    }
}

impl std::fmt::Display for MinuteOfDay {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:02}:{:02}", self.0 / 60, self.0 % 60)
    }
}

/// A part of a day, start before end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DayWindow {
    pub start: MinuteOfDay,
    pub end: MinuteOfDay,
}

impl DayWindow {
    pub fn new(start: MinuteOfDay, end: MinuteOfDay) -> Option<Self> {
        (start < end).then_some(Self { start, end })
    }

    /// Reads `08:00-12:00`.
    pub fn parse(text: &str) -> Option<Self> {
        let (start, end) = text.split_once('-')?;
        Self::new(MinuteOfDay::parse(start)?, MinuteOfDay::parse(end)?)
    }
}

impl std::fmt::Display for DayWindow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}-{}", self.start, self.end)
    }
}

/// The windows of a day a site is open: at least one, sorted, none overlapping.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct OpeningHours(Vec<DayWindow>);

impl OpeningHours {
    /// Reads windows separated by spaces, commas or semicolons (`，` and `；` too), in any
    /// order; touching windows (`08:00-12:00 12:00-14:00`) are fine, overlapping ones are not.
    pub fn parse(field: &'static str, text: &str) -> Result<Self, FieldError> {
        let invalid = FieldError {
            field,
            problem: Problem::Invalid,
        };
        let parts: Vec<&str> = text
            .split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '，' | '；'))
            .filter(|part| !part.is_empty())
            .collect();
        if parts.is_empty() {
            return Err(FieldError {
                field,
                problem: Problem::Required,
            });
        }
        if parts.len() > MAX_WINDOWS {
            return Err(FieldError {
                field,
                problem: Problem::TooLong { max: MAX_WINDOWS },
            });
        }
        let mut windows = parts
            .iter()
            .map(|part| DayWindow::parse(part))
            .collect::<Option<Vec<_>>>()
            .ok_or(invalid.clone())?;
        windows.sort_by_key(|window| window.start);
        if windows.windows(2).any(|pair| pair[1].start < pair[0].end) {
            return Err(invalid);
        }
        Ok(Self(windows))
    }

    pub fn windows(&self) -> &[DayWindow] {
        &self.0
    }
}

impl std::fmt::Display for OpeningHours {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (position, window) in self.0.iter().enumerate() {
            if position > 0 {
                f.write_str(" ")?;
            }
            write!(f, "{window}")?;
        }
        Ok(())
    }
}

impl TryFrom<String> for OpeningHours {
    type Error = String;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        OpeningHours::parse("hours", &value).map_err(|_| format!("not opening hours: {value}"))
    }
}

impl From<OpeningHours> for String {
    fn from(hours: OpeningHours) -> String {
        hours.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_several_windows_in_any_order_and_writes_them_sorted() {
        let hours = OpeningHours::parse("hours", "14:00-18:30，8:00-12:00").unwrap();
        assert_eq!(hours.to_string(), "08:00-12:00 14:00-18:30");
        assert_eq!(hours.windows()[0].start.minutes(), 480);
        let touching = OpeningHours::parse("hours", "08:00-12:00;12:00-24:00").unwrap();
        assert_eq!(touching.windows()[1].end.minutes(), DAY_MINUTES);
    }

    #[test]
    fn refuses_malformed_backwards_and_overlapping_windows() {
        for bad in [
            "8-12",
            "08:00-08:00",
            "12:00-08:00",
            "08:00-25:00",
            "08:60-09:00",
            "08:00-12:00 11:00-13:00",
            "08:00",
        ] {
            assert_eq!(
                OpeningHours::parse("hours", bad).unwrap_err().problem,
                Problem::Invalid,
                "{bad}"
            );
        }
        assert_eq!(
            OpeningHours::parse("hours", "  ").unwrap_err().problem,
            Problem::Required
        );
        let many =
            "01:00-02:00 03:00-04:00 05:00-06:00 07:00-08:00 09:00-10:00 11:00-12:00 13:00-14:00";
        assert_eq!(
            OpeningHours::parse("hours", many).unwrap_err().problem,
            Problem::TooLong { max: MAX_WINDOWS }
        );
    }
}
