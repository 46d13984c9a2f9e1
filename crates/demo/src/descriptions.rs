//! Shop descriptions in the voice of each kind of producer: where they are, how high, what they
//! grow or raise and how much, and why it is good — in one to three Chinese sentences.

use farmgate_domain::shop::ProducerKind;

use crate::places::Village;
use crate::rng::Rng;
use crate::specialties::Specialty;

/// How many times a household's scale a cooperative works at.
const COOPERATIVE_SCALE: u32 = 6;

/// Closing promises, the way listings on county platforms phrase them.
const SERVICES: &[&str] = &[
    "下单后48小时内发货",
    "由县电商服务中心统一打包发货",
    "支持顺丰和邮政发货",
    "常在直播间里带大家看现场",
    "欢迎来村里参观",
    "每批都附检测报告",
];

pub(crate) fn describe(
    rng: &mut Rng,
    kind: ProducerKind,
    village: &Village,
    specialties: &[Specialty],
) -> String {
    let Some((&main, others)) = specialties.split_first() else {
        return String::new();
    };
    let text = main.text();
    let place = format!("{}{}", village.township.name_zh(), village.name_zh());
    let altitude = village.altitude_m / 10 * 10;
    let service = rng.pick(SERVICES);
    let mut description = match kind {
        ProducerKind::Individual => format!(
            "家住{place}，海拔{altitude}米。{}，{}。",
            practice(rng, main, 1),
            text.quality
        ),
        ProducerKind::FamilyFarm => format!(
            "农场在{place}，海拔{altitude}米，{}。{}，{service}。",
            practice(rng, main, 1),
            text.quality
        ),
        ProducerKind::Cooperative => format!(
            "合作社由{place}{}户农牧民组成，海拔{altitude}米，{}。统一标准、统一分级、统一包装，{}。",
            rng.between(12, 86),
            practice(rng, main, COOPERATIVE_SCALE),
            text.quality
        ),
        ProducerKind::Workshop => {
            let process = match text.workshop {
                Some((_, process)) => process.to_owned(),
                None => practice(rng, main, 1),
            };
            format!(
                "{place}的村级加工工坊，海拔{altitude}米，{process}。{}，{service}。",
                text.quality
            )
        }
    };
    if !others.is_empty() {
        let names: Vec<&str> = others.iter().map(|s| s.name_zh()).collect();
        description.push_str(&format!("另有自产{}。", names.join("、")));
    }
    description
}

/// The practice sentence with a scale drawn for this household (or cooperative).
fn practice(rng: &mut Rng, specialty: Specialty, factor: u32) -> String {
    let text = specialty.text();
    if !text.practice.contains("{n}") {
        return text.practice.to_owned();
    }
    let amount = rng.between(text.scale.0, text.scale.1) * factor;
    text.practice.replace("{n}", &amount.to_string())
}

#[cfg(test)]
mod tests {
    use farmgate_domain::shop::shop_description;

    use super::*;
    use crate::places::county;

    #[test]
    fn descriptions_are_valid_short_and_mention_the_altitude() {
        let county = county();
        let mut rng = Rng::new(2);
        for (i, village) in county.villages.iter().enumerate() {
            for kind in ProducerKind::ALL {
                let main = Specialty::ALL[i % Specialty::ALL.len()];
                let description = describe(&mut rng, kind, village, &[main, Specialty::Honey]);
                assert_eq!(shop_description(&description).as_ref(), Ok(&description));
                assert!(description.contains("海拔") && description.contains(village.name.0));
                assert!(!description.contains("{n}"), "{description}");
                let sentences = description.matches('。').count();
                assert!((1..=3).contains(&sentences), "{description}");
            }
        }
    }
}
