//! When the county sells: the year's shopping festivals (the New Year goods festival before
//! Spring Festival, 618, the farmers' harvest festival, Double 11 and Double 12), the week's
//! rhythm, each specialty's harvest months, and the county's growth. All in integers (per
//! mille), so a seed gives the same history on every machine.

use farmgate_domain::calendar::CivilDate;

use crate::Specialty;

/// Spring Festival (the first day of the lunar year), which moves between late January and
/// mid-February. Years outside the table simply have no New Year goods festival.
const SPRING_FESTIVALS: [(i64, u8, u8); 9] = [
    (2023, 1, 22),
    (2024, 2, 10),
    (2025, 1, 29),
    (2026, 2, 17),
    (2027, 2, 6),
    (2028, 1, 26),
    (2029, 2, 13),
    (2030, 2, 3),
    (2031, 1, 23),
];

/// The day the trend is 1,000 per mille.
const TREND_ANCHOR: (i64, u8, u8) = (2026, 1, 1);
/// Orders grow by this much per mille a year (linearly from the anchor), so each year is about
/// a quarter above the one before.
const GROWTH_PER_YEAR: i64 = 250;

/// The Spring Festival of `year`, when the table has it.
pub(crate) fn spring_festival(year: i64) -> Option<CivilDate> {
    SPRING_FESTIVALS
        .iter()
        .find(|(y, _, _)| *y == year)
        .and_then(|(y, m, d)| CivilDate::new(*y, *m, *d))
}

/// The county's growth on `day`, per mille of the anchor year's level; never below 200.
pub(crate) fn trend(day: CivilDate) -> i64 {
    let anchor = CivilDate::new(TREND_ANCHOR.0, TREND_ANCHOR.1, TREND_ANCHOR.2)
        .map_or(0, CivilDate::day_number);
    (1_000 + (day.day_number() - anchor) * GROWTH_PER_YEAR / 365).max(200)
}

/// Live commerce's share of orders, per mille: from about a tenth in early 2025 to over a
/// quarter by late 2026, so the live channel grows several times faster than the rest.
pub(crate) fn live_share(day: CivilDate) -> i64 {
    let anchor = CivilDate::new(TREND_ANCHOR.0, TREND_ANCHOR.1, TREND_ANCHOR.2)
        .map_or(0, CivilDate::day_number);
    (180 + (day.day_number() - anchor) * 90 / 365).clamp(40, 400)
}

/// Orders on each weekday, per mille, Monday first: weekends and Sunday evenings sell more.
const WEEKDAY: [i64; 7] = [980, 960, 955, 970, 1_010, 1_060, 1_065];

pub(crate) fn weekday(day: CivilDate) -> i64 {
    // 1970-01-01 was a Thursday.
    let index = (day.day_number() + 3).rem_euclid(7);
    WEEKDAY[usize::try_from(index).unwrap_or(0)]
}

/// A shopping festival on a day: how many times the usual orders it brings, per mille.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Festival {
    pub factor: i64,
}

/// The festival effect on `day` (1,000 on an ordinary day). Around Spring Festival itself
/// couriers stop, so the week of the holiday sells far less.
pub(crate) fn festival(day: CivilDate) -> Festival {
    let factor = new_year_goods(day)
        .or_else(|| calendar_festival(day))
        .unwrap_or(1_000);
    Festival { factor }
}

fn new_year_goods(day: CivilDate) -> Option<i64> {
    // The festival of the coming Spring Festival, or the holiday after this one.
    [day.year, day.year + 1].into_iter().find_map(|year| {
        let festival = spring_festival(year)?;
        let before = festival.day_number() - day.day_number();
        match before {
            // The goods festival: about three weeks, peaking ten days before.
            15..=24 => Some(1_300 + (24 - before) * 60),
            7..=14 => Some(2_100),
            4..=6 => Some(1_300),
            // Couriers go home: the holiday week sells little.
            -6..=3 => Some(350),
            -14..=-7 => Some(750),
            _ => None,
        }
    })
}

fn calendar_festival(day: CivilDate) -> Option<i64> {
    match (day.month.number(), day.day) {
        (11, 11) => Some(5_500),
        (11, 1..=10) => Some(1_350),
        (11, 12) => Some(1_600),
        (12, 12) => Some(2_600),
        (6, 18) => Some(2_400),
        (6, 1..=17) => Some(1_150),
        // 中国农民丰收节, on the autumn equinox.
        (9, 22..=23) => Some(1_800),
        _ => None,
    }
}

/// How much of a specialty sells in each month, per cent of its average month: harvests and
/// the slaughter season raise it, the New Year gift season too.
pub(crate) fn month_weight(specialty: Specialty, month: u8) -> i64 {
    let table: [i64; 12] = match specialty {
        Specialty::Goji => [90, 70, 60, 55, 60, 75, 140, 190, 180, 130, 85, 85],
        Specialty::BlackGoji => [95, 75, 60, 55, 55, 70, 110, 170, 190, 150, 90, 90],
        Specialty::YakMeat => [130, 85, 55, 50, 50, 55, 60, 70, 95, 150, 185, 170],
        Specialty::TibetanMutton => [130, 85, 55, 50, 50, 55, 65, 85, 115, 145, 170, 155],
        Specialty::HighlandBarley => [100, 80, 75, 75, 75, 75, 80, 110, 150, 145, 125, 110],
        Specialty::Quinoa => [95, 80, 80, 80, 80, 80, 80, 90, 140, 160, 125, 110],
        Specialty::RapeseedOil => [110, 85, 80, 75, 75, 75, 80, 110, 140, 135, 120, 115],
        Specialty::Honey => [95, 80, 75, 75, 80, 90, 125, 150, 140, 110, 90, 90],
        Specialty::Cordyceps => [110, 90, 80, 100, 170, 190, 120, 80, 70, 70, 85, 135],
        Specialty::SeaBuckthorn => [110, 85, 75, 70, 70, 70, 75, 85, 110, 150, 160, 140],
        Specialty::LakeSalt | Specialty::YakMilkPowder => {
            [105, 95, 95, 95, 95, 95, 95, 95, 100, 105, 110, 115]
        }
    };
    table[usize::from(month.clamp(1, 12) - 1)]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> CivilDate {
        CivilDate::parse(text).unwrap()
    }

    #[test]
    fn spring_festival_dates_are_the_real_ones() {
        assert_eq!(spring_festival(2025), Some(date("2025-01-29")));
        assert_eq!(spring_festival(2026), Some(date("2026-02-17")));
        assert_eq!(spring_festival(2027), Some(date("2027-02-06")));
        assert_eq!(spring_festival(2040), None);
    }

    #[test]
    fn festivals_peak_where_the_calendar_says() {
        assert_eq!(festival(date("2025-11-11")).factor, 5_500);
        assert_eq!(festival(date("2025-11-20")).factor, 1_000);
        assert!(festival(date("2025-12-12")).factor > 2_000);
        // Ten days before Spring Festival 2026 is the goods festival's peak; the holiday dips.
        assert_eq!(festival(date("2026-02-07")).factor, 2_100);
        assert!(festival(date("2026-02-18")).factor < 500);
        // The 2025 festival came in January.
        assert_eq!(festival(date("2025-01-19")).factor, 2_100);
    }

    #[test]
    fn the_week_and_the_trend_move_the_right_way() {
        assert_eq!(weekday(date("2026-11-23")), WEEKDAY[0], "a Monday");
        assert_eq!(weekday(date("2026-11-22")), WEEKDAY[6], "a Sunday");
        assert_eq!(trend(date("2026-01-01")), 1_000);
        assert!(trend(date("2025-06-01")) < trend(date("2026-06-01")));
        assert!(live_share(date("2025-03-01")) * 2 < live_share(date("2026-10-01")));
    }

    #[test]
    fn harvests_lead_their_specialty() {
        assert!(month_weight(Specialty::Goji, 8) > 2 * month_weight(Specialty::Goji, 4));
        assert!(month_weight(Specialty::YakMeat, 11) > 3 * month_weight(Specialty::YakMeat, 5));
        assert!(month_weight(Specialty::Cordyceps, 6) > month_weight(Specialty::Cordyceps, 9));
    }
}
