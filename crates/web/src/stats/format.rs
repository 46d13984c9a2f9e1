//! Numbers the local way, in one place: Chinese reads large sums in 万 and 亿
//! (1.28亿元, 3,456.7万元), English with thousands separators and every fen (¥12,790,000.00).
//! Integer arithmetic throughout, rounded half away from zero, so a figure never drifts.

use farmgate_domain::stats::Growth;

use crate::i18n::Lang;
use crate::texts::Texts;

const FEN_PER_WAN: u64 = 1_000_000;
const FEN_PER_YI: u64 = 10_000_000_000;

/// Money in fen as a reader of `lang` expects it.
pub fn money(lang: Lang, fen: i64) -> String {
    let sign = if fen < 0 { "-" } else { "" };
    let abs = fen.unsigned_abs();
    match lang {
        Lang::En => format!("{sign}¥{}.{:02}", grouped(abs / 100), abs % 100),
        Lang::Zh if abs < FEN_PER_WAN => format!("{sign}{}.{:02}元", grouped(abs / 100), abs % 100),
        Lang::Zh => {
            // The unit is chosen after rounding, so 9,999.99999万 shows as 1.00亿, not 10,000.0万.
            let wan_tenths = rounded(abs, FEN_PER_WAN / 10);
            if wan_tenths < 100_000 {
                format!("{sign}{}万元", decimal(wan_tenths, 1))
            } else {
                format!("{sign}{}亿元", decimal(rounded(abs, FEN_PER_YI / 100), 2))
            }
        }
    }
}

/// A count (orders, buyers, producers): 万 and 亿 from ten thousand in Chinese.
pub fn count(lang: Lang, n: i64) -> String {
    let sign = if n < 0 { "-" } else { "" };
    let abs = n.unsigned_abs();
    match lang {
        Lang::Zh if abs >= 100_000_000 => {
            format!("{sign}{}亿", decimal(rounded(abs, 1_000_000), 2))
        }
        Lang::Zh if abs >= 10_000 => format!("{sign}{}万", decimal(rounded(abs, 1_000), 1)),
        _ => format!("{sign}{}", grouped(abs)),
    }
}

/// Basis points as a percentage with one decimal: `2310` is `23.1%`.
pub fn rate(basis_points: i64) -> String {
    let sign = if basis_points < 0 { "-" } else { "" };
    let tenths = rounded(basis_points.unsigned_abs(), 10);
    format!("{sign}{}%", decimal(tenths, 1))
}

/// `part` of `whole` in basis points; `None` when the whole is nothing.
pub fn share_bp(part: i64, whole: i64) -> Option<i64> {
    if whole <= 0 {
        return None;
    }
    let scaled = i128::from(part) * 10_000;
    let whole = i128::from(whole);
    let rounded = (scaled.abs() * 2 + whole) / (whole * 2) * scaled.signum();
    i64::try_from(rounded).ok()
}

/// Growth as a percentage, or in words when the base is nothing or too small.
pub fn growth(t: &Texts, growth: Growth) -> String {
    match growth {
        Growth::NoBase => t.stats.growth_new.to_owned(),
        Growth::SmallBase => t.stats.growth_small_base.to_owned(),
        Growth::Percent { .. } => growth.percent_text().unwrap_or_default(),
    }
}

/// `value / per`, rounded half away from zero.
fn rounded(value: u64, per: u64) -> u64 {
    (value + per / 2) / per
}

/// `units` in steps of 10^-`places`, with thousands separators: `(34567, 1)` is `3,456.7`.
fn decimal(units: u64, places: u32) -> String {
    let per = 10u64.pow(places);
    let width = usize::try_from(places).unwrap_or(0);
    format!("{}.{:0width$}", grouped(units / per), units % per)
}

/// `1234567` as `1,234,567`.
pub fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::texts::{EN, ZH};

    #[test]
    fn chinese_money_reads_in_wan_and_yi() {
        // 1.279 billion yuan, as the bureau writes it.
        assert_eq!(money(Lang::Zh, 127_900_000_000), "12.79亿元");
        assert_eq!(money(Lang::Zh, 12_800_000_000), "1.28亿元");
        assert_eq!(money(Lang::Zh, 3_456_700_000), "3,456.7万元");
        assert_eq!(money(Lang::Zh, 1_000_000), "1.0万元");
        assert_eq!(money(Lang::Zh, 999_999), "9,999.99元");
        assert_eq!(money(Lang::Zh, 12_345), "123.45元");
        assert_eq!(money(Lang::Zh, 0), "0.00元");
        assert_eq!(money(Lang::Zh, -2_500_000), "-2.5万元");
        // Just under 1亿 rounds into 亿 rather than showing 10,000.0万.
        assert_eq!(money(Lang::Zh, 9_999_999_999), "1.00亿元");
    }

    #[test]
    fn english_money_shows_every_fen_with_separators() {
        assert_eq!(money(Lang::En, 1_279_000_000), "¥12,790,000.00");
        assert_eq!(money(Lang::En, 5), "¥0.05");
        assert_eq!(money(Lang::En, -123_456), "-¥1,234.56");
    }

    #[test]
    fn counts_rates_and_shares() {
        assert_eq!(count(Lang::En, 1_234_567), "1,234,567");
        assert_eq!(count(Lang::Zh, 9_999), "9,999");
        assert_eq!(count(Lang::Zh, 123_456), "12.3万");
        assert_eq!(count(Lang::Zh, 250_000_000), "2.50亿");
        assert_eq!(rate(2_310), "23.1%");
        assert_eq!(rate(-45), "-0.5%");
        assert_eq!(share_bp(1, 3), Some(3_333));
        assert_eq!(share_bp(2, 3), Some(6_667));
        assert_eq!(share_bp(5, 0), None);
    }

    #[test]
    fn growth_over_nothing_is_said_in_words() {
        assert_eq!(growth(&EN, Growth::of(500_000, 0, 100_000)), "new");
        assert_eq!(
            growth(&EN, Growth::of(500_000, 10, 100_000)),
            "base too small"
        );
        assert_eq!(growth(&ZH, Growth::NoBase), "新增");
        assert_eq!(growth(&EN, Growth::of(123_100, 100_000, 1)), "+23.1%");
    }
}
