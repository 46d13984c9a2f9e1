//! A lucky draw's entry box: while it is open, every signed-in viewer whose accepted chat line
//! holds the keyword (whatever the case) enters once. The room only collects; who wins is
//! picked by whoever closes the draw.

use std::collections::{HashMap, HashSet};
use std::time::Duration;

use tokio::time::Instant;

use crate::chat::Speaker;

/// Most entrants one draw keeps; later keyword lines are not entered.
pub const MAX_DRAW_ENTRANTS: usize = 100_000;

/// What a room needs to start collecting entries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DrawOpening {
    /// The caller's id for the draw, given back when it closes.
    pub id: String,
    pub keyword: String,
    /// Lines after this long no longer enter, even if nobody has closed the draw yet.
    pub open_for: Duration,
    /// Accounts that may not enter (the host's own people).
    pub excluded: Vec<String>,
}

/// One account in the draw, with the name it chatted under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entrant {
    pub id: String,
    pub name: String,
}

#[derive(Debug)]
pub(crate) struct DrawBox {
    id: String,
    /// Lower-cased.
    keyword: String,
    closes_at: Instant,
    excluded: HashSet<String>,
    /// Account id → name.
    entrants: HashMap<String, String>,
}

impl DrawBox {
    pub fn open(opening: DrawOpening, now: Instant) -> Self {
        DrawBox {
            id: opening.id,
            keyword: opening.keyword.trim().to_lowercase(),
            closes_at: now + opening.open_for,
            excluded: opening.excluded.into_iter().collect(),
            entrants: HashMap::new(),
        }
    }

    pub fn id(&self) -> &str {
        &self.id
    }

    pub fn entrant_count(&self) -> usize {
        self.entrants.len()
    }

    /// Enters the speaker of an accepted line if it holds the keyword; true when they entered
    /// now (not before).
    pub fn consider(&mut self, speaker: &Speaker, line: &str, now: Instant) -> bool {
        let open = now < self.closes_at && !self.keyword.is_empty();
        if !open
            || self.entrants.len() >= MAX_DRAW_ENTRANTS
            || self.entrants.contains_key(&speaker.id)
            || self.excluded.contains(&speaker.id)
            || !line.to_lowercase().contains(&self.keyword)
        {
            return false;
        }
        self.entrants
            .insert(speaker.id.clone(), speaker.name.clone());
        true
    }

    pub fn into_entrants(self) -> Vec<Entrant> {
        self.entrants
            .into_iter()
            .map(|(id, name)| Entrant { id, name })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn speaker(id: &str) -> Speaker {
        Speaker {
            id: id.into(),
            name: format!("{id}的名字"),
        }
    }

    fn draw(now: Instant) -> DrawBox {
        DrawBox::open(
            DrawOpening {
                id: "d1".into(),
                keyword: " Goji ".into(),
                open_for: Duration::from_secs(60),
                excluded: vec!["host".into()],
            },
            now,
        )
    }

    #[test]
    fn a_keyword_line_enters_its_speaker_once_whatever_the_case() {
        let now = Instant::now();
        let mut draw = draw(now);
        assert!(draw.consider(&speaker("a"), "我要GOJI！", now));
        assert!(!draw.consider(&speaker("a"), "goji goji", now), "once");
        assert!(!draw.consider(&speaker("b"), "枸杞", now), "no keyword");
        assert!(!draw.consider(&speaker("host"), "goji", now), "excluded");
        assert!(draw.consider(&speaker("c"), "goji", now));
        assert_eq!(draw.entrant_count(), 2);
        let mut entrants = draw.into_entrants();
        entrants.sort_by(|x, y| x.id.cmp(&y.id));
        assert_eq!(
            entrants[0],
            Entrant {
                id: "a".into(),
                name: "a的名字".into()
            }
        );
    }

    #[test]
    fn nobody_enters_after_the_window_or_beyond_the_cap() {
        let now = Instant::now();
        let mut late = draw(now);
        assert!(!late.consider(&speaker("a"), "goji", now + Duration::from_secs(60)));
        let mut full = draw(now);
        for n in 0..MAX_DRAW_ENTRANTS {
            full.entrants.insert(format!("u{n}"), String::new());
        }
        assert!(!full.consider(&speaker("a"), "goji", now));
        assert_eq!(full.entrant_count(), MAX_DRAW_ENTRANTS);
    }
}
