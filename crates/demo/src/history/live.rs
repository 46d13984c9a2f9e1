//! The evening live sessions of a day in the history: every shop that sold through the live
//! channel that day streamed once, from just before seven in the evening until a little after its
//! last sale, and its live orders were bought there. Viewers scale with the buyers, so
//! conversion lands between about 2 % and 6 %, as field streams of farm produce do.

use std::collections::BTreeSet;

use farmgate_domain::calendar::CivilDate;
use farmgate_domain::stats::Channel;
use farmgate_domain::time::Timestamp;

use super::DemoOrder;
use crate::rng::Rng;
use crate::DemoPlan;

const MINUTE: i64 = 60_000;

/// How live orders spread over the evening, per hour: the sessions' hours.
pub(super) const LIVE_HOURS: [(i64, u32); 4] = [(19, 30), (20, 45), (21, 40), (22, 15)];

/// A session that has ended, with what its room counted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PastLiveSession {
    /// Index into [`DemoPlan::producers`].
    pub producer: usize,
    pub title: String,
    pub went_live_at: Timestamp,
    pub ended_at: Timestamp,
    pub peak_viewers: i64,
    pub unique_viewers: i64,
    pub likes: i64,
}

/// The day's sessions, numbered from `first`; each live order is given its shop's session.
pub(super) fn sessions_of_day(
    date: CivilDate,
    plan: &DemoPlan,
    orders: &mut [DemoOrder],
    first: usize,
    rng: &mut Rng,
) -> Vec<PastLiveSession> {
    let mut sessions: Vec<PastLiveSession> = Vec::new();
    let mut buyers: Vec<BTreeSet<usize>> = Vec::new();
    // On air between 18:40 and 19:00, before the first of the evening's orders.
    let evening = date.start_in_china().plus_millis((18 * 60 + 40) * MINUTE);
    for order in orders.iter_mut().filter(|o| o.channel == Channel::Live) {
        let index = match sessions.iter().position(|s| s.producer == order.producer) {
            Some(index) => index,
            None => {
                let shop = plan
                    .producers
                    .get(order.producer)
                    .map_or("", |p| p.shop_name.as_str());
                sessions.push(PastLiveSession {
                    producer: order.producer,
                    title: format!("{shop}·晚间田头直播"),
                    went_live_at: evening.plus_millis(i64::from(rng.between(0, 20)) * MINUTE),
                    ended_at: evening,
                    peak_viewers: 0,
                    unique_viewers: 0,
                    likes: 0,
                });
                buyers.push(BTreeSet::new());
                sessions.len() - 1
            }
        };
        let session = &mut sessions[index];
        session.ended_at = session.ended_at.max(order.paid_at.plus_millis(10 * MINUTE));
        buyers[index].insert(order.buyer);
        order.live_session = Some(first + index);
    }
    for (session, buyers) in sessions.iter_mut().zip(&buyers) {
        let buyers = i64::try_from(buyers.len()).unwrap_or(0);
        session.unique_viewers =
            buyers * i64::from(rng.between(17, 50)) + i64::from(rng.between(0, 30));
        session.peak_viewers = session.unique_viewers * i64::from(rng.between(30, 60)) / 100;
        session.likes = session.unique_viewers * i64::from(rng.between(1, 6));
    }
    sessions
}
