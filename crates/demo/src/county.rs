//! The demo county on paper: 雪源县 (Xueyuan County), a fictional county of the Qaidam basin in
//! Haixi, Qinghai, with its eight townships and sixty villages. The geography does not depend on
//! the seed: a county keeps its map whoever lives in it.

use crate::people::Ethnicity::{self, Han, Hui, Mongolian, Tibetan};
use crate::specialties::Specialty::{self, *};
use crate::specialties::Word;

/// Qinghai is 63 and Haixi prefecture 28; no real county holds 632830, so the demo's figures can
/// never be mistaken for a real county's statistics.
pub(crate) const COUNTY_CODE: &str = "632830";
pub(crate) const COUNTY_NAME: Word = ("雪源县", "Xueyuan Xian");
pub(crate) const COUNTY_NAME_EN: &str = "Xueyuan County";

/// A township as the statistical code list has it, with what the demo needs to people it.
#[derive(Debug)]
pub(crate) struct Township {
    /// The 3-digit township group of the area code: 100–199 are towns (镇), 200–399 townships (乡).
    pub number: u16,
    pub name: Word,
    pub altitude_m: u32,
    /// The township seat, in micro-degrees (lat, lon).
    pub centre: (i32, i32),
    /// What its households mostly produce, weighted.
    pub specialties: &'static [(Specialty, u32)],
    /// Who lives there, weighted: farming towns are mostly Han and Hui, pastures Tibetan.
    pub people: &'static [(Ethnicity, u32)],
    /// Village names without the 村 suffix.
    pub villages: &'static [Word],
}

impl Township {
    pub(crate) const fn is_town(&self) -> bool {
        self.number < 200
    }

    /// The county seat is the first town.
    pub(crate) const fn is_seat(&self) -> bool {
        self.number == 100
    }

    pub(crate) fn name_zh(&self) -> String {
        format!(
            "{}{}",
            self.name.0,
            if self.is_town() { "镇" } else { "乡" }
        )
    }

    pub(crate) fn name_py(&self) -> String {
        format!(
            "{} {}",
            self.name.1,
            if self.is_town() { "Zhen" } else { "Xiang" }
        )
    }

    pub(crate) fn name_en(&self) -> String {
        format!(
            "{} {}",
            self.name.1,
            if self.is_town() { "Town" } else { "Township" }
        )
    }
}

/// The townships, spread over about 90 km of basin and mountain around 36.3° N, 98.1° E: the
/// towns on the basin floor around 2,800–3,050 m, the pastoral townships in the hills to the south.
pub(crate) const TOWNSHIPS: &[Township] = &[
    Township {
        number: 100,
        name: ("雪源", "Xueyuan"),
        altitude_m: 2980,
        centre: (36_300_000, 98_100_000),
        specialties: &[
            (Goji, 3),
            (Quinoa, 2),
            (RapeseedOil, 2),
            (Honey, 2),
            (YakMilkPowder, 1),
            (HighlandBarley, 1),
        ],
        people: &[(Han, 5), (Hui, 3), (Tibetan, 1), (Mongolian, 1)],
        villages: &[
            ("城东", "Chengdong"),
            ("城西", "Chengxi"),
            ("新华", "Xinhua"),
            ("团结", "Tuanjie"),
            ("河滩", "Hetan"),
            ("红柳", "Hongliu"),
            ("沙柳泉", "Shaliuquan"),
            ("金光", "Jinguang"),
        ],
    },
    Township {
        number: 101,
        name: ("察汗诺", "Chahannuo"),
        altitude_m: 2880,
        centre: (36_520_000, 97_800_000),
        specialties: &[(Goji, 4), (BlackGoji, 4), (SeaBuckthorn, 1), (Quinoa, 1)],
        people: &[(Mongolian, 3), (Han, 3), (Hui, 2), (Tibetan, 1)],
        villages: &[
            ("察汗", "Chahan"),
            ("巴彦", "Bayan"),
            ("苏木图", "Sumutu"),
            ("乌兰格", "Wulange"),
            ("枸杞滩", "Gouqitan"),
            ("戈壁", "Gebi"),
            ("新源", "Xinyuan"),
            ("塔温", "Tawen"),
        ],
    },
    Township {
        number: 102,
        name: ("巴音塔拉", "Bayintala"),
        altitude_m: 3050,
        centre: (36_180_000, 98_350_000),
        specialties: &[
            (HighlandBarley, 3),
            (Quinoa, 3),
            (RapeseedOil, 3),
            (Honey, 2),
            (Goji, 1),
        ],
        people: &[(Han, 4), (Hui, 3), (Mongolian, 2), (Tibetan, 1)],
        villages: &[
            ("塔拉", "Tala"),
            ("青稞滩", "Qingketan"),
            ("上庄", "Shangzhuang"),
            ("下庄", "Xiazhuang"),
            ("油菜湾", "Youcaiwan"),
            ("东风", "Dongfeng"),
            ("联合", "Lianhe"),
            ("宝音", "Baoyin"),
        ],
    },
    Township {
        number: 103,
        name: ("诺木达", "Nuomuda"),
        altitude_m: 2790,
        centre: (36_680_000, 98_020_000),
        specialties: &[(LakeSalt, 5), (BlackGoji, 3), (Goji, 2), (SeaBuckthorn, 1)],
        people: &[(Mongolian, 3), (Han, 2), (Hui, 2), (Tibetan, 1)],
        villages: &[
            ("盐湖", "Yanhu"),
            ("诺木", "Nuomu"),
            ("白沙", "Baisha"),
            ("达布逊", "Dabuxun"),
            ("银滩", "Yintan"),
            ("红崖", "Hongya"),
            ("希望", "Xiwang"),
        ],
    },
    Township {
        number: 200,
        name: ("热格", "Rege"),
        altitude_m: 3400,
        centre: (35_960_000, 98_020_000),
        specialties: &[
            (YakMeat, 4),
            (TibetanMutton, 4),
            (YakMilkPowder, 2),
            (Cordyceps, 2),
        ],
        people: &[(Tibetan, 6), (Mongolian, 2), (Han, 1)],
        villages: &[
            ("热格", "Rege"),
            ("曲麻", "Quma"),
            ("拉格", "Lage"),
            ("江仓", "Jiangcang"),
            ("香毛", "Xiangmao"),
            ("多让", "Duorang"),
            ("然果", "Ranguo"),
            ("尕日", "Gari"),
        ],
    },
    Township {
        number: 201,
        name: ("夏隆", "Xialong"),
        altitude_m: 3250,
        centre: (36_080_000, 97_720_000),
        specialties: &[
            (TibetanMutton, 3),
            (HighlandBarley, 3),
            (YakMeat, 2),
            (SeaBuckthorn, 2),
            (Honey, 1),
        ],
        people: &[(Tibetan, 4), (Han, 2), (Hui, 1), (Mongolian, 1)],
        villages: &[
            ("夏隆", "Xialong"),
            ("沙棘沟", "Shajigou"),
            ("查那", "Chana"),
            ("日干", "Rigan"),
            ("加措", "Jiacuo"),
            ("索日", "Suori"),
            ("秀日", "Xiuri"),
        ],
    },
    Township {
        number: 202,
        name: ("沟果", "Gouguo"),
        altitude_m: 3600,
        centre: (35_900_000, 98_480_000),
        specialties: &[
            (Cordyceps, 4),
            (YakMeat, 3),
            (YakMilkPowder, 2),
            (TibetanMutton, 2),
        ],
        people: &[(Tibetan, 8), (Mongolian, 1)],
        villages: &[
            ("沟果", "Gouguo"),
            ("达日", "Dari"),
            ("玛日", "Mari"),
            ("雪山", "Xueshan"),
            ("昂索", "Angsuo"),
            ("措卡", "Cuoka"),
            ("牧场", "Muchang"),
        ],
    },
    Township {
        number: 203,
        name: ("尕海滩", "Gahaitan"),
        altitude_m: 3100,
        centre: (36_450_000, 98_560_000),
        specialties: &[
            (SeaBuckthorn, 3),
            (Honey, 2),
            (RapeseedOil, 2),
            (HighlandBarley, 2),
            (TibetanMutton, 1),
            (Goji, 1),
        ],
        people: &[(Han, 3), (Tibetan, 3), (Hui, 2), (Mongolian, 1)],
        villages: &[
            ("尕海", "Gahai"),
            ("海滩", "Haitan"),
            ("上塘", "Shangtang"),
            ("下塘", "Xiatang"),
            ("花园", "Huayuan"),
            ("沙珠", "Shazhu"),
            ("幸福", "Xingfu"),
        ],
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_county_has_eight_townships_and_sixty_villages() {
        assert_eq!(TOWNSHIPS.len(), 8);
        let villages: usize = TOWNSHIPS.iter().map(|t| t.villages.len()).sum();
        assert_eq!(villages, 60);
        assert_eq!(TOWNSHIPS.iter().filter(|t| t.is_seat()).count(), 1);
        for township in TOWNSHIPS {
            assert!(!township.specialties.is_empty() && !township.people.is_empty());
            assert!(township.villages.len() <= 99, "village numbers are 201–299");
            let mut names: Vec<_> = township.villages.iter().map(|v| v.0).collect();
            names.sort_unstable();
            names.dedup();
            assert_eq!(names.len(), township.villages.len(), "{}", township.name.0);
        }
    }
}
