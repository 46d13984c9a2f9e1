//! Today's down parcels in the demo county: about 150 parcels of the three carriers for the
//! served village points, as the carriers' manifests list them. Most are already received at
//! the warehouse, some only announced, a few are at their point waiting (with a pickup code
//! and its notice) and a couple collected. Destinations are named as carriers do, by the
//! point's code or by the village's area code.

use farmgate_domain::network::CarrierForm;
use farmgate_domain::network::NodeForm;

use crate::rng::Rng;
use crate::DemoNetwork;

pub(crate) const DOWN_PARCELS: usize = 150;

/// How far along the demo's parcels are, in the down path's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DemoDownStage {
    Announced,
    Received,
    AtPoint,
    Collected,
}

/// One line of a carrier's manifest, and how far the parcel has come today.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoDownParcel {
    pub carrier: String,
    pub tracking: String,
    /// A village point's code or a village's area code.
    pub destination: String,
    pub villager_name: String,
    pub villager_phone: String,
    pub weight_g: String,
    pub stage: DemoDownStage,
}

const SURNAMES: [&str; 10] = ["马", "李", "韩", "王", "张", "祁", "冶", "赵", "陈", "杨"];
const GIVEN: [&str; 12] = [
    "秀兰", "海燕", "永福", "国梁", "桂英", "文静", "建华", "玉梅", "德明", "小军", "春花", "志强",
];
const TIBETAN: [&str; 10] = [
    "卓玛", "才让", "多杰", "拉毛", "索南", "央金", "更登", "扎西", "措吉", "尼玛",
];

/// Share of stages, in parcels of `DOWN_PARCELS`.
const STAGES: [(DemoDownStage, u32); 4] = [
    (DemoDownStage::Announced, 18),
    (DemoDownStage::Received, 118),
    (DemoDownStage::AtPoint, 10),
    (DemoDownStage::Collected, 4),
];

pub(crate) fn down_parcels(rng: &mut Rng, network: &DemoNetwork) -> Vec<DemoDownParcel> {
    let points: Vec<&NodeForm> = network
        .nodes
        .iter()
        .filter(|node| node.kind == "village_point")
        .collect();
    if points.is_empty() || network.carriers.is_empty() {
        return Vec::new();
    }
    let mut stages: Vec<DemoDownStage> = STAGES
        .iter()
        .flat_map(|(stage, n)| std::iter::repeat_n(*stage, *n as usize))
        .collect();
    rng.shuffle(&mut stages);
    stages
        .into_iter()
        .take(DOWN_PARCELS)
        .enumerate()
        .map(|(index, stage)| {
            let carrier: &CarrierForm = rng.pick(&network.carriers);
            let point = rng.pick(&points);
            let destination = if rng.chance(30) {
                point.village.clone()
            } else {
                point.code.clone()
            };
            let villager_name = if rng.chance(40) {
                rng.pick(&TIBETAN).to_string()
            } else {
                format!("{}{}", rng.pick(&SURNAMES), rng.pick(&GIVEN))
            };
            // Mostly small parcels: clothes, phones, seeds; now and then a heavy sack.
            let weight_g = if rng.chance(10) {
                rng.between(8_000, 30_000)
            } else {
                rng.between(150, 4_000)
            };
            DemoDownParcel {
                tracking: format!(
                    "{}{:04}{:08}",
                    carrier.code,
                    index,
                    rng.between(0, 99_999_999)
                ),
                carrier: carrier.code.clone(),
                destination,
                villager_name,
                villager_phone: format!(
                    "1{}{}{:04}{:04}",
                    rng.between(3, 9),
                    rng.between(0, 9),
                    rng.between(0, 9999),
                    rng.between(0, 9999)
                ),
                weight_g: weight_g.to_string(),
                stage,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use farmgate_domain::parcel::{validate_intake, IntakeForm};

    use super::*;

    #[test]
    fn todays_parcels_pass_the_intake_rules_with_every_stage_and_carrier() {
        let plan = crate::plan(crate::DEFAULT_SEED);
        let parcels = &plan.down_parcels;
        assert_eq!(parcels.len(), DOWN_PARCELS);
        for parcel in parcels {
            let form = IntakeForm {
                tracking: parcel.tracking.clone(),
                destination: parcel.destination.clone(),
                villager_name: parcel.villager_name.clone(),
                villager_phone: parcel.villager_phone.clone(),
                weight_g: parcel.weight_g.clone(),
            };
            assert!(validate_intake(&form).is_ok(), "{parcel:?}");
        }
        let trackings: HashSet<&str> = parcels.iter().map(|p| p.tracking.as_str()).collect();
        assert_eq!(trackings.len(), DOWN_PARCELS);
        let carriers: HashSet<&str> = parcels.iter().map(|p| p.carrier.as_str()).collect();
        assert_eq!(carriers.len(), 3);
        let collected = parcels
            .iter()
            .filter(|p| p.stage == DemoDownStage::Collected)
            .count();
        assert_eq!(collected, 4);
        assert_eq!(
            plan.down_parcels,
            crate::plan(crate::DEFAULT_SEED).down_parcels
        );
    }
}
