//! Shop names as a county's producers really choose them: a farmer's own name (卓玛家的青稞),
//! a family farm registered under the owner's name (马福海家庭农场), a cooperative registered
//! with its place and an auspicious word (察汗诺镇富民枸杞种植专业合作社), a village workshop.
//! Every name is built in Chinese and pinyin together, and no name is given twice.

use std::collections::HashSet;

use farmgate_domain::shop::ProducerKind;

use crate::county::COUNTY_NAME;
use crate::names::BRAND_WORDS;
use crate::people::Person;
use crate::places::Village;
use crate::rng::Rng;
use crate::specialties::{Specialty, Word};

/// A name in Chinese and in pinyin (for documents, which standard PDF fonts print in ASCII).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Label {
    pub zh: String,
    pub py: String,
}

impl Label {
    fn of(parts: &[(&str, &str)]) -> Self {
        Self {
            zh: parts.iter().map(|part| part.0).collect(),
            py: parts
                .iter()
                .map(|part| part.1)
                .filter(|py| !py.is_empty())
                .collect::<Vec<_>>()
                .join(" "),
        }
    }
}

/// The shop names given out so far, across producers and applicants.
#[derive(Debug, Default)]
pub(crate) struct ShopNames {
    used: HashSet<String>,
}

const ATTEMPTS: usize = 32;

impl ShopNames {
    /// A name no other shop has. Popular patterns collide (two 卓玛家庭农场), so a collision is
    /// redrawn; if every redraw collides, the village name and then a branch number make it unique.
    pub(crate) fn draw(
        &mut self,
        rng: &mut Rng,
        kind: ProducerKind,
        owner: &Person,
        village: &Village,
        main: Specialty,
    ) -> Label {
        let mut label = candidate(rng, kind, owner, village, main);
        for _ in 0..ATTEMPTS {
            if !self.used.contains(&label.zh) {
                break;
            }
            label = candidate(rng, kind, owner, village, main);
        }
        if self.used.contains(&label.zh) {
            let village_name = (village.name_zh(), village.name_py());
            label = Label::of(&[(&village_name.0, &village_name.1), (&label.zh, &label.py)]);
        }
        let base = label.clone();
        let mut branch = 2;
        while self.used.contains(&label.zh) {
            let number = (format!("{branch}号店"), format!("{branch} Hao Dian"));
            label = Label::of(&[(&base.zh, &base.py), (&number.0, &number.1)]);
            branch += 1;
        }
        self.used.insert(label.zh.clone());
        label
    }
}

fn candidate(
    rng: &mut Rng,
    kind: ProducerKind,
    owner: &Person,
    village: &Village,
    main: Specialty,
) -> Label {
    let text = main.text();
    let short = text.short;
    let who = (owner.zh.as_str(), owner.py.as_str());
    let village_name = (village.name_zh(), village.name_py());
    let village_name = (village_name.0.as_str(), village_name.1.as_str());
    let village_base = village.name;
    let township = (village.township.name_zh(), village.township.name_py());
    let township = (township.0.as_str(), township.1.as_str());
    let brand = *rng.pick(BRAND_WORDS);
    match kind {
        ProducerKind::Individual => match (rng.below(4), owner.surname) {
            (0, Some(surname)) => Label::of(&[surname, ("记", "Ji"), short]),
            (1, Some(surname)) => Label::of(&[("老", "Lao"), surname, ("家", "Jia"), short]),
            (2, _) => Label::of(&[village_base, short, ("小铺", "Xiaopu")]),
            (3, _) => Label::of(&[who, short, ("小店", "Xiaodian")]),
            _ => Label::of(&[who, ("家的", "Jia De"), short]),
        },
        ProducerKind::FamilyFarm => {
            let farm: Word = if text.livestock {
                ("家庭牧场", "Jiating Muchang")
            } else {
                ("家庭农场", "Jiating Nongchang")
            };
            match rng.below(4) {
                0 => Label::of(&[COUNTY_NAME, who, farm]),
                1 => Label::of(&[brand, short, farm]),
                2 => Label::of(&[village_base, short, farm]),
                _ => Label::of(&[who, farm]),
            }
        }
        ProducerKind::Cooperative => match rng.below(3) {
            0 => Label::of(&[COUNTY_NAME, brand, text.cooperative]),
            1 => Label::of(&[township, brand, text.cooperative]),
            _ => Label::of(&[village_name, text.cooperative]),
        },
        ProducerKind::Workshop => {
            let workshop = text.workshop.map_or(("加工坊", "Jiagongfang"), |w| w.0);
            match (rng.below(4), owner.surname) {
                (0, Some(surname)) => Label::of(&[surname, ("家", "Jia"), workshop]),
                (1, _) => Label::of(&[brand, workshop]),
                (2, _) => Label::of(&[village.township.name, workshop]),
                _ => Label::of(&[village_name, workshop]),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use farmgate_domain::shop::shop_name;

    use super::*;
    use crate::people::{Ethnicity, Names};
    use crate::places::county;

    #[test]
    fn names_are_valid_unique_and_romanised() {
        let county = county();
        let mut rng = Rng::new(9);
        let mut people = Names::default();
        let mut shops = ShopNames::default();
        let mut seen = HashSet::new();
        for i in 0..2_000 {
            let village = &county.villages[i % county.villages.len()];
            let kind = ProducerKind::ALL[i % 4];
            let owner = people.draw(&mut rng, &[(Ethnicity::Hui, 1), (Ethnicity::Tibetan, 1)]);
            let main = if kind == ProducerKind::Workshop {
                Specialty::LakeSalt
            } else {
                Specialty::ALL[i % Specialty::ALL.len()]
            };
            let label = shops.draw(&mut rng, kind, &owner, village, main);
            assert_eq!(shop_name(&label.zh).as_ref(), Ok(&label.zh));
            assert!(label.py.is_ascii() && !label.py.is_empty(), "{}", label.py);
            assert!(seen.insert(label.zh.clone()), "{} given twice", label.zh);
        }
    }

    #[test]
    fn livestock_family_farms_are_ranches() {
        let county = county();
        let mut rng = Rng::new(1);
        let owner = Names::default().draw(&mut rng, &[(Ethnicity::Tibetan, 1)]);
        let mut shops = ShopNames::default();
        let village = &county.villages[0];
        let label = shops.draw(
            &mut rng,
            ProducerKind::FamilyFarm,
            &owner,
            village,
            Specialty::YakMeat,
        );
        assert!(label.zh.ends_with("家庭牧场"), "{}", label.zh);
    }
}
