//! Turns the county table into `Place`s (statistical area codes, urban–rural codes, coordinates)
//! and keeps, for each village, what the producer generator needs to know about it.

use farmgate_domain::place::{AreaCode, GeoPoint, Place, UrbanRuralCode};

use crate::county::{Township, COUNTY_CODE, COUNTY_NAME, COUNTY_NAME_EN, TOWNSHIPS};
use crate::rng::Rng;
use crate::specialties::Word;

/// A village with its township and altitude, which descriptions mention.
#[derive(Debug)]
pub(crate) struct Village {
    pub code: AreaCode,
    pub name: Word,
    pub township: &'static Township,
    pub altitude_m: u32,
}

impl Village {
    pub(crate) fn name_zh(&self) -> String {
        format!("{}村", self.name.0)
    }

    pub(crate) fn name_py(&self) -> String {
        format!("{} Cun", self.name.1)
    }

    pub(crate) fn name_en(&self) -> String {
        format!("{} Village", self.name.1)
    }

    /// A postal-style address in English, for documents.
    pub(crate) fn address_en(&self) -> String {
        format!(
            "{}, {}, {}, Qinghai",
            self.name_en(),
            self.township.name_en(),
            COUNTY_NAME_EN
        )
    }
}

pub(crate) struct County {
    /// The county, then each township followed by its villages.
    pub places: Vec<Place>,
    pub villages: Vec<Village>,
}

/// The map is drawn from its own fixed seed, so every demo shows the same county.
const GEOGRAPHY_SEED: u64 = 0x0058_5545_5955_414E; // "XUEYUAN" in ASCII

/// How far a village lies from its township seat, in micro-degrees: up to about 6 km north or
/// south and 6 km east or west (a degree of longitude is about 90 km at this latitude).
const VILLAGE_LAT_SPREAD: (u32, u32) = (10_000, 55_000);
const VILLAGE_LON_SPREAD: u32 = 70_000;

pub(crate) fn county() -> County {
    let mut rng = Rng::new(GEOGRAPHY_SEED);
    let mut places = Vec::new();
    let mut villages = Vec::new();
    let seat = TOWNSHIPS
        .first()
        .map_or((36_300_000, 98_100_000), |t| t.centre);
    // The county itself is located at its seat, a town centre (121).
    places.extend(place(
        format!("{COUNTY_CODE}000000"),
        COUNTY_NAME.0.to_owned(),
        COUNTY_NAME_EN.to_owned(),
        UrbanRuralCode::TOWN_CENTRE,
        seat,
    ));
    for township in TOWNSHIPS {
        let urban_rural = if township.is_seat() {
            UrbanRuralCode::TOWN_CENTRE
        } else {
            UrbanRuralCode::TOWNSHIP_CENTRE
        };
        places.extend(place(
            format!("{COUNTY_CODE}{:03}000", township.number),
            township.name_zh(),
            township.name_en(),
            urban_rural,
            township.centre,
        ));
        for (number, name) in (201..).zip(township.villages) {
            let Some(code) =
                AreaCode::parse(&format!("{COUNTY_CODE}{:03}{number:03}", township.number))
            else {
                continue;
            };
            let village = Village {
                code,
                name: *name,
                township,
                altitude_m: (township.altitude_m + rng.between(0, 200)).saturating_sub(50),
            };
            places.extend(place(
                village.code.to_string(),
                village.name_zh(),
                village.name_en(),
                UrbanRuralCode::VILLAGE,
                village_location(&mut rng, township.centre),
            ));
            villages.push(village);
        }
    }
    County { places, villages }
}

/// A village sits a few kilometres from its township seat, never on top of it.
fn village_location(rng: &mut Rng, (lat, lon): (i32, i32)) -> (i32, i32) {
    let north = i32::try_from(rng.between(VILLAGE_LAT_SPREAD.0, VILLAGE_LAT_SPREAD.1)).unwrap_or(0);
    let north = if rng.chance(50) { north } else { -north };
    (lat + north, lon + rng.offset(VILLAGE_LON_SPREAD))
}

/// Codes and coordinates here come from the constant tables, so `None` never happens; the
/// tests check every place is present.
fn place(
    code: String,
    name_zh: String,
    name_en: String,
    urban_rural: UrbanRuralCode,
    (lat_e6, lon_e6): (i32, i32),
) -> Option<Place> {
    Some(Place {
        code: AreaCode::parse(&code)?,
        name_zh,
        name_en,
        urban_rural,
        location: GeoPoint::new(lat_e6, lon_e6)?,
    })
}

#[cfg(test)]
mod tests {
    use farmgate_domain::place::PlaceLevel;

    use super::*;

    #[test]
    fn every_place_is_present_with_its_level_and_class() {
        let county = county();
        assert_eq!(county.places.len(), 1 + 8 + 60);
        assert_eq!(county.villages.len(), 60);
        let count = |level| county.places.iter().filter(|p| p.level() == level).count();
        assert_eq!(count(PlaceLevel::County), 1);
        assert_eq!(count(PlaceLevel::Township), 8);
        assert_eq!(count(PlaceLevel::Village), 60);
        for place in &county.places {
            let expected = match (place.level(), place.code.as_str()) {
                (PlaceLevel::Village, _) => 220,
                (PlaceLevel::County, _) | (_, "632830100000") => 121,
                _ => 210,
            };
            assert_eq!(place.urban_rural.value(), expected, "{}", place.name_zh);
        }
    }

    #[test]
    fn villages_lie_near_their_township_and_the_county_spans_about_100_km() {
        let county = county();
        let find = |code: &AreaCode| county.places.iter().find(|p| &p.code == code);
        for village in county
            .places
            .iter()
            .filter(|p| p.level() == PlaceLevel::Village)
        {
            let township = village
                .parent()
                .and_then(|code| find(&code))
                .map(|p| p.location);
            let Some(township) = township else {
                panic!("{} has no township", village.name_zh);
            };
            assert!((village.location.lat_e6 - township.lat_e6).abs() <= 60_000);
            assert!((village.location.lon_e6 - township.lon_e6).abs() <= 75_000);
            assert_ne!(village.location, township);
        }
        let lats = county.places.iter().map(|p| p.location.lat_e6);
        let span = lats.clone().max().unwrap_or(0) - lats.min().unwrap_or(0);
        assert!(
            (600_000..=1_100_000).contains(&span),
            "latitude span {span}"
        );
    }

    #[test]
    fn village_altitudes_follow_their_township() {
        for village in county().villages {
            let base = village.township.altitude_m;
            assert!(village.altitude_m + 50 >= base && village.altitude_m <= base + 150);
        }
    }
}
