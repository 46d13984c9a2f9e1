//! What each specialty is sold as: the product lines a county shop lists (dried goji in jars,
//! fresh yak meat in chilled boxes, cordyceps by the gram), with their category, grades, pack
//! sizes, retail price ranges and how they are made. The tables are split by where the produce
//! comes from; this module holds the shapes and the lookup.

mod fields;
mod fruit;
mod pasture;
mod wild;

use farmgate_domain::catalogue::{Category, Grade};
use farmgate_domain::unit::SellingUnit;

use crate::specialties::Specialty;

/// A Chinese text with its English counterpart.
pub(crate) type Text = (&'static str, &'static str);

/// One kind of product a producer of a specialty lists.
#[derive(Debug)]
pub(crate) struct Line {
    /// The product's name in a title, with the specialty's word in it so search finds it:
    /// ("黑枸杞", "black goji").
    pub name: Text,
    pub category: Category,
    /// The grades it is sold in; one is drawn per product.
    pub grades: &'static [GradeSpec],
    /// Whether shops put the grade in the title (特级, 3根/克) or leave it to the page.
    pub grade_in_title: bool,
    /// Flavours or cuts, one drawn per product when there are any (五香味, 羊排).
    pub styles: &'static [Text],
    /// The pack sizes a product picks its SKUs from, smallest first.
    pub packs: &'static [Pack],
    /// The months it can be bought (fresh goods); empty for all year. Only seasonal lines are
    /// offered as pre-sales of the coming harvest.
    pub season: &'static [u8],
    /// Shipped chilled or frozen, which the description says.
    pub chilled: bool,
    /// How it is harvested and made, as a description sentence; one is drawn.
    pub made: &'static [&'static str],
    /// The most of one SKU a shop keeps in stock.
    pub stock_max: u32,
    /// How often shops of the specialty list it, relative to the specialty's other lines.
    pub weight: u32,
}

/// What most lines share, so the tables spell out only what differs: sold all year, graded
/// first, the grade in the title, a middling stock.
pub(crate) const LINE: Line = Line {
    name: ("", ""),
    category: Category::Other,
    grades: &[GradeSpec::First],
    grade_in_title: true,
    styles: &[],
    packs: &[],
    season: &[],
    chilled: false,
    made: &[],
    stock_max: 300,
    weight: 1,
};

/// The usual national-standard grades, best first.
pub(crate) const GRADED: &[GradeSpec] = &[GradeSpec::Special, GradeSpec::First, GradeSpec::Second];

/// A grade as a product line uses it, with where in the line's price range it sells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum GradeSpec {
    Special,
    First,
    Second,
    /// The product's own standard, in Chinese and English (3根/克, "3 per gram").
    Own(Text, Tier),
}

/// Where a grade sits in a line's price range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tier {
    Top,
    Middle,
    Low,
}

impl Tier {
    /// The share of a pack's price range, in percent, that products of this tier sell at:
    /// the bands overlap a little, as real shops' prices do.
    pub(crate) const fn band(self) -> (u32, u32) {
        match self {
            Tier::Top => (60, 100),
            Tier::Middle => (30, 70),
            Tier::Low => (0, 35),
        }
    }
}

impl GradeSpec {
    pub(crate) fn grade(self) -> Grade {
        match self {
            GradeSpec::Special => Grade::Special,
            GradeSpec::First => Grade::First,
            GradeSpec::Second => Grade::Second,
            GradeSpec::Own((zh, _), _) => Grade::Own(zh.to_owned()),
        }
    }

    pub(crate) const fn tier(self) -> Tier {
        match self {
            GradeSpec::Special => Tier::Top,
            GradeSpec::First => Tier::Middle,
            GradeSpec::Second => Tier::Low,
            GradeSpec::Own(_, tier) => tier,
        }
    }

    pub(crate) const fn label(self) -> Text {
        match self {
            GradeSpec::Special => ("特级", "special grade"),
            GradeSpec::First => ("一级", "first grade"),
            GradeSpec::Second => ("二级", "second grade"),
            GradeSpec::Own(text, _) => text,
        }
    }
}

/// A pack size and its retail price range across grades, in whole yuan.
#[derive(Debug)]
pub(crate) struct Pack {
    /// As the buyer picks it: "250g 罐装".
    pub name: &'static str,
    pub name_en: &'static str,
    pub unit: SellingUnit,
    pub net_g: Option<u32>,
    /// With packaging (jar, ice packs, foam box): what shipping is charged on.
    pub ship_g: u32,
    pub yuan: (u32, u32),
}

/// Sold by weight in grams.
pub(crate) const fn grams(name: Text, net: u32, ship: u32, yuan: (u32, u32)) -> Pack {
    weighed(name, SellingUnit::Gram, net, ship, yuan)
}

/// Sold by the kilogram.
pub(crate) const fn kilos(name: Text, net: u32, ship: u32, yuan: (u32, u32)) -> Pack {
    weighed(name, SellingUnit::Kilogram, net, ship, yuan)
}

/// Sold by the jin (500 g), as buyers think of meat and grain.
pub(crate) const fn jin(name: Text, net: u32, ship: u32, yuan: (u32, u32)) -> Pack {
    weighed(name, SellingUnit::Jin, net, ship, yuan)
}

/// A box with a known net content (a gift box of juice sachets).
pub(crate) const fn boxed(name: Text, net: u32, ship: u32, yuan: (u32, u32)) -> Pack {
    counted(name, SellingUnit::Box, Some(net), ship, yuan)
}

/// One piece: a jug of oil, a whole lamb (with net weight), a scarf (without).
pub(crate) const fn piece(name: Text, net: Option<u32>, ship: u32, yuan: (u32, u32)) -> Pack {
    counted(name, SellingUnit::Piece, net, ship, yuan)
}

const fn weighed(name: Text, unit: SellingUnit, net: u32, ship: u32, yuan: (u32, u32)) -> Pack {
    counted(name, unit, Some(net), ship, yuan)
}

const fn counted(
    name: Text,
    unit: SellingUnit,
    net_g: Option<u32>,
    ship_g: u32,
    yuan: (u32, u32),
) -> Pack {
    Pack {
        name: name.0,
        name_en: name.1,
        unit,
        net_g,
        ship_g,
        yuan,
    }
}

/// The lines of a specialty. Every specialty has several, which the tests check.
pub(crate) fn lines(specialty: Specialty) -> &'static [Line] {
    match specialty {
        Specialty::Goji => fruit::GOJI,
        Specialty::BlackGoji => fruit::BLACK_GOJI,
        Specialty::SeaBuckthorn => fruit::SEA_BUCKTHORN,
        Specialty::HighlandBarley => fields::HIGHLAND_BARLEY,
        Specialty::Quinoa => fields::QUINOA,
        Specialty::RapeseedOil => fields::RAPESEED_OIL,
        Specialty::YakMeat => pasture::YAK_MEAT,
        Specialty::TibetanMutton => pasture::TIBETAN_MUTTON,
        Specialty::YakMilkPowder => pasture::YAK_MILK_POWDER,
        Specialty::LakeSalt => wild::LAKE_SALT,
        Specialty::Cordyceps => wild::CORDYCEPS,
        Specialty::Honey => wild::HONEY,
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use farmgate_domain::availability::Season;
    use farmgate_domain::catalogue::limits;
    use farmgate_domain::unit::PackSize;

    use super::*;

    #[test]
    fn every_specialty_has_lines_with_packs_grades_and_text() {
        let mut names = HashSet::new();
        for specialty in Specialty::ALL {
            let lines = lines(specialty);
            assert!(lines.len() >= 3, "{specialty:?} has {} lines", lines.len());
            for line in lines {
                assert!(names.insert(line.name.0), "{} listed twice", line.name.0);
                assert!(line.name.1.is_ascii(), "{}", line.name.1);
                assert!(!line.grades.is_empty() && !line.made.is_empty());
                assert!((1..=limits::MAX_SKUS).contains(&line.packs.len()));
                assert!(line.stock_max >= 6 && line.stock_max <= 500 && line.weight > 0);
                assert_eq!(
                    line.season.is_empty(),
                    Season::from_months(line.season).is_err()
                );
                for (zh, en) in line.styles {
                    assert!(!zh.is_empty() && en.is_ascii());
                }
                for grade in line.grades {
                    let (zh, en) = grade.label();
                    assert!(Grade::own(zh).is_ok() && en.is_ascii(), "{zh}");
                }
                for made in line.made {
                    assert!(
                        !made.contains('。'),
                        "{made}: the sentence ends where it is used"
                    );
                }
                for pack in line.packs {
                    let net = pack.net_g.map(i64::from);
                    let size = PackSize::new(pack.unit, net, Some(i64::from(pack.ship_g)));
                    assert!(size.is_ok(), "{} {}", line.name.0, pack.name);
                    assert!(
                        pack.yuan.0 >= 1 && pack.yuan.0 < pack.yuan.1,
                        "{}",
                        pack.name
                    );
                    assert!(pack.name_en.is_ascii(), "{}", pack.name_en);
                }
            }
        }
    }

    #[test]
    fn grades_map_to_the_domain_and_to_price_bands() {
        assert_eq!(GradeSpec::Special.grade(), Grade::Special);
        assert_eq!(GradeSpec::Second.tier(), Tier::Low);
        let own = GradeSpec::Own(("3根/克", "3 per gram"), Tier::Top);
        assert_eq!(own.grade(), Grade::Own("3根/克".into()));
        for tier in [Tier::Top, Tier::Middle, Tier::Low] {
            let (low, high) = tier.band();
            assert!(low < high && high <= 100);
        }
    }
}
