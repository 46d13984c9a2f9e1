//! The demo's live sessions: the first producer (the producer role account's shop) has one on
//! air, one announced for tomorrow with a trailer, and one from last week to watch again, so a
//! newcomer sees every state of a session from the first page.

use crate::{DemoLiveSession, DemoLiveState, DemoProduct};

/// Hours from the moment the demo is made to each session's start.
const LIVE_NOW_STARTED_HOURS: i64 = 0;
const TOMORROW_HOURS: i64 = 20;
const LAST_WEEK_HOURS: i64 = -6 * 24;

/// Sessions of producer 0 (and of the second producer for the announcement), with bags taken
/// from their own products.
pub(crate) fn sessions(products: &[DemoProduct]) -> Vec<DemoLiveSession> {
    let bag_of = |producer: usize, take: usize| -> Vec<usize> {
        products
            .iter()
            .enumerate()
            .filter(|(_, p)| p.producer == producer)
            .map(|(i, _)| i)
            .take(take)
            .collect()
    };
    let plan = [
        (
            0,
            "雪源县高原枸杞田间直播",
            "主播在枸杞田里现场采摘、讲解特级与一级的区别，直播间专享秒杀。",
            LIVE_NOW_STARTED_HOURS,
            DemoLiveState::Live,
        ),
        (
            1,
            "明天上午：牦牛肉与青稞新品预告",
            "明天上午十点开播，带你看高原牧场和青稞晾晒，关注店铺开播提醒不错过。",
            TOMORROW_HOURS,
            DemoLiveState::Scheduled,
        ),
        (
            0,
            "上周回放：枸杞晾晒与分级",
            "从晾晒到分级，一场讲透枸杞品质的直播。",
            LAST_WEEK_HOURS,
            DemoLiveState::Ended,
        ),
    ];
    plan.into_iter()
        .filter_map(|(producer, title, trailer, hours, state)| {
            let bag = bag_of(producer, 5);
            (!bag.is_empty()).then(|| DemoLiveSession {
                producer,
                title: title.to_owned(),
                trailer: trailer.to_owned(),
                starts_in_hours: hours,
                state,
                bag,
            })
        })
        .collect()
}
