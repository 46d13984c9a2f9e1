//! Lucky draws collected from chat, and the figures a host's dashboard reads from a room.

use std::time::Duration;

use crate::{DrawOpening, RoomHub, Speaker, COUNTS_TICK, ROOM_IDLE};

const ROOM: &str = "0190f3c2-0000-7000-8000-000000000002";

fn speaker(n: usize) -> Speaker {
    Speaker {
        id: format!("user-{n}"),
        name: format!("观众{n}"),
    }
}

fn opening(id: &str) -> DrawOpening {
    DrawOpening {
        id: id.into(),
        keyword: "枸杞".into(),
        open_for: Duration::from_secs(60),
        excluded: vec!["user-9".into()],
    }
}

fn ids(mut entrants: Vec<crate::Entrant>) -> Vec<String> {
    entrants.sort_by(|a, b| a.id.cmp(&b.id));
    entrants.into_iter().map(|e| e.id).collect()
}

#[tokio::test(start_paused = true)]
async fn accepted_keyword_lines_enter_once_and_refused_ones_do_not() {
    let hub = RoomHub::new();
    let _watching = hub.join(ROOM, None);
    let room = hub.room(ROOM).unwrap();
    room.set_blocked_words(&["加微信".to_owned()]).unwrap();
    room.mute("user-3", 5).unwrap();
    room.chat(&speaker(1), "枸杞 before the draw").unwrap();
    hub.open_draw(ROOM, opening("d1"));

    room.chat(&speaker(1), "我要枸杞").unwrap();
    room.chat(&speaker(1), "枸杞枸杞").unwrap();
    room.chat(&speaker(2), "枸杞，加微信").unwrap_err();
    room.chat(&speaker(3), "枸杞").unwrap_err();
    for n in 0..5 {
        room.chat(&speaker(4), &format!("hello {n}")).unwrap();
    }
    room.chat(&speaker(4), "枸杞").unwrap_err();
    room.chat(&speaker(9), "枸杞").unwrap();
    room.chat(&speaker(5), "没有关键词").unwrap();
    room.chat(&speaker(6), "枸杞!").unwrap();
    assert_eq!(room.draw_entrants("d1"), Some(2));
    assert_eq!(room.draw_entrants("other"), None);

    assert_eq!(hub.close_draw(ROOM, "other"), None);
    let entrants = hub.close_draw(ROOM, "d1").unwrap();
    assert_eq!(ids(entrants), ["user-1", "user-6"]);
    assert_eq!(
        hub.close_draw(ROOM, "d1"),
        None,
        "closing twice gives nothing"
    );
}

#[tokio::test(start_paused = true)]
async fn lines_after_the_window_do_not_enter_even_before_the_close() {
    let hub = RoomHub::new();
    hub.open_draw(ROOM, opening("d1"));
    let room = hub.room(ROOM).unwrap();
    room.chat(&speaker(1), "枸杞").unwrap();
    tokio::time::advance(Duration::from_secs(60)).await;
    room.chat(&speaker(2), "枸杞").unwrap();
    assert_eq!(ids(hub.close_draw(ROOM, "d1").unwrap()), ["user-1"]);
}

#[tokio::test(start_paused = true)]
async fn a_room_collecting_a_draw_or_kept_on_air_is_not_forgotten() {
    let hub = RoomHub::new();
    hub.open_draw(ROOM, opening("d1"));
    hub.keep("kept", true);
    tokio::time::sleep(ROOM_IDLE + COUNTS_TICK * 2).await;
    assert_eq!(hub.open_rooms(), 2);
    hub.close_draw(ROOM, "d1").unwrap();
    hub.keep("kept", false);
    tokio::time::sleep(ROOM_IDLE + COUNTS_TICK * 2).await;
    assert_eq!(hub.open_rooms(), 0);
}

#[tokio::test(start_paused = true)]
async fn figures_count_peak_and_distinct_visitors() {
    let hub = RoomHub::new();
    let first = hub.join(ROOM, None);
    let second = hub.join(ROOM, None);
    let room = hub.room(ROOM).unwrap();
    room.count_visitor("account-1");
    room.count_visitor("anon:abc");
    drop(first);
    drop(second);
    let _third = hub.join(ROOM, None);
    room.count_visitor("account-1");
    room.like();
    room.click("goji");
    let figures = hub.figures(ROOM).unwrap();
    assert_eq!(figures.viewers, 1);
    assert_eq!(figures.peak_viewers, 2);
    assert_eq!(figures.unique_viewers, 2);
    assert!(!figures.unique_capped);
    assert_eq!(figures.likes, 1);
    assert_eq!(figures.clicks, [("goji".to_owned(), 1)]);
    assert_eq!(hub.figures("unknown"), None);
}
