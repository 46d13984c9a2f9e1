//! The demo's people: names drawn from the tables in `names`, each person distinct, so that
//! searching the demo for a name finds one account.

use std::collections::HashSet;

use crate::names::{
    GIVEN_NAMES, HAN_SURNAMES, HUI_GIVEN_NAMES, HUI_SURNAMES, MONGOLIAN_NAMES, SHORT_GIVEN_NAMES,
    TIBETAN_NAMES,
};
use crate::rng::Rng;
use crate::specialties::Word;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ethnicity {
    Han,
    Hui,
    Tibetan,
    Mongolian,
}

impl Ethnicity {
    pub(crate) const fn name_en(self) -> &'static str {
        match self {
            Ethnicity::Han => "Han",
            Ethnicity::Hui => "Hui",
            Ethnicity::Tibetan => "Tibetan",
            Ethnicity::Mongolian => "Mongolian",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Person {
    pub zh: String,
    pub py: String,
    /// Only Han and Hui names have a family name, which shop names like 马记枸杞 use.
    pub surname: Option<Word>,
    pub ethnicity: Ethnicity,
}

/// The names already given out. Draws that collide are redrawn a bounded number of times.
#[derive(Debug, Default)]
pub(crate) struct Names {
    used: HashSet<String>,
}

/// Enough redraws that a collision surviving them is practically impossible with these tables.
const ATTEMPTS: usize = 24;

impl Names {
    /// Keeps a fixed name (a role account's) from being drawn for anyone else.
    pub(crate) fn reserve(&mut self, name: &str) {
        self.used.insert(name.to_owned());
    }

    /// A new person whose background follows a township's mix. The small Mongolian table runs
    /// out first; then the draw falls back to the much larger Han one.
    pub(crate) fn draw(&mut self, rng: &mut Rng, mix: &[(Ethnicity, u32)]) -> Person {
        let ethnicity = *rng.weighted(mix);
        let mut person = draw_person(rng, ethnicity);
        for attempt in 0..ATTEMPTS * 2 {
            if !self.used.contains(&person.zh) {
                break;
            }
            let fallback = if attempt < ATTEMPTS {
                ethnicity
            } else {
                Ethnicity::Han
            };
            person = draw_person(rng, fallback);
        }
        self.used.insert(person.zh.clone());
        person
    }
}

fn draw_person(rng: &mut Rng, ethnicity: Ethnicity) -> Person {
    match ethnicity {
        Ethnicity::Han => family_name(rng, ethnicity, HAN_SURNAMES, GIVEN_NAMES),
        Ethnicity::Hui if rng.chance(50) => {
            family_name(rng, ethnicity, HUI_SURNAMES, HUI_GIVEN_NAMES)
        }
        Ethnicity::Hui => family_name(rng, ethnicity, HUI_SURNAMES, GIVEN_NAMES),
        Ethnicity::Tibetan => {
            let first = *rng.pick(TIBETAN_NAMES);
            let second = *rng.pick(TIBETAN_NAMES);
            if rng.chance(30) || first == second {
                personal_name(first, ethnicity)
            } else {
                Person {
                    zh: format!("{}{}", first.0, second.0),
                    py: format!("{} {}", first.1, second.1),
                    surname: None,
                    ethnicity,
                }
            }
        }
        Ethnicity::Mongolian => personal_name(*rng.pick(MONGOLIAN_NAMES), ethnicity),
    }
}

/// Surname then given name; one in five given names has a single character.
fn family_name(
    rng: &mut Rng,
    ethnicity: Ethnicity,
    surnames: &[Word],
    given_names: &[Word],
) -> Person {
    let surname = *rng.pick(surnames);
    let given = if rng.chance(20) {
        *rng.pick(SHORT_GIVEN_NAMES)
    } else {
        *rng.pick(given_names)
    };
    Person {
        zh: format!("{}{}", surname.0, given.0),
        py: format!("{} {}", surname.1, given.1),
        surname: Some(surname),
        ethnicity,
    }
}

fn personal_name(name: Word, ethnicity: Ethnicity) -> Person {
    Person {
        zh: name.0.to_owned(),
        py: name.1.to_owned(),
        surname: None,
        ethnicity,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draws_are_distinct_and_follow_the_mix() {
        let mut names = Names::default();
        names.reserve("卓玛");
        let mut rng = Rng::new(3);
        let mut seen = HashSet::new();
        for _ in 0..300 {
            let person = names.draw(&mut rng, &[(Ethnicity::Tibetan, 1)]);
            assert!(seen.insert(person.zh.clone()), "{} drawn twice", person.zh);
            assert_ne!(person.zh, "卓玛");
            assert!(person.py.is_ascii());
        }
        let han = names.draw(&mut rng, &[(Ethnicity::Han, 1)]);
        assert_eq!(han.ethnicity, Ethnicity::Han);
        assert!(han.surname.is_some());
    }

    #[test]
    fn an_exhausted_table_falls_back_instead_of_repeating() {
        let mut names = Names::default();
        let mut rng = Rng::new(5);
        let drawn: HashSet<String> = (0..MONGOLIAN_NAMES.len() + 10)
            .map(|_| names.draw(&mut rng, &[(Ethnicity::Mongolian, 1)]).zh)
            .collect();
        assert_eq!(drawn.len(), MONGOLIAN_NAMES.len() + 10);
    }
}
