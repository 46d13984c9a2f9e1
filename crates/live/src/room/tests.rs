use std::time::Duration;

use serde_json::{json, Value};

use crate::viewer::{Delivery, Viewer, MAX_LAGS};
use crate::{
    Refusal, RoomEvent, RoomHub, Speaker, BATCH_WINDOW, COUNTS_TICK, RESUME_RING, ROOM_IDLE,
    SNAPSHOT_CHAT_LINES, VIEWER_QUEUE,
};

const ROOM: &str = "0190f3c2-0000-7000-8000-000000000001";

fn speaker(n: usize) -> Speaker {
    Speaker {
        id: format!("user-{n}"),
        name: format!("观众{n}"),
    }
}

fn parse(frame: &crate::Frame) -> Value {
    serde_json::from_str(frame.text()).unwrap()
}

/// Everything posted for the viewer so far (its batch sent now, not at the window's end), as
/// JSON.
fn waiting(viewer: &mut Viewer) -> Vec<Value> {
    viewer.room().flush();
    let mut frames = Vec::new();
    while let Some(delivery) = viewer.try_next() {
        match delivery {
            Delivery::Batch(batch) => frames.extend(batch.frames().iter().map(parse)),
            Delivery::Snapshot(frame) => frames.push(parse(&frame)),
            Delivery::TooSlow => panic!("dropped"),
        }
    }
    frames
}

fn of_type<'a>(frames: &'a [Value], kind: &str) -> Vec<&'a Value> {
    frames.iter().filter(|f| f["type"] == kind).collect()
}

fn snapshot_of(hub: &RoomHub) -> Value {
    let joined = hub.join(ROOM, None);
    assert_eq!(joined.first.len(), 1);
    parse(&joined.first[0])
}

#[tokio::test(start_paused = true)]
async fn a_snapshot_shows_the_latest_state_the_last_lines_and_the_counts() {
    let hub = RoomHub::new();
    hub.post(ROOM, RoomEvent::LiveState(json!({ "state": "live" })));
    hub.post(ROOM, RoomEvent::Pinned(json!({ "title": "黑枸杞" })));
    hub.post(ROOM, RoomEvent::Pinned(json!({ "title": "牦牛肉干" })));
    hub.post(ROOM, RoomEvent::Sale(json!({ "remaining": 12 })));
    for n in 0..12 {
        hub.post(ROOM, RoomEvent::Purchase(json!({ "n": n })));
    }
    let room = hub.room(ROOM).unwrap();
    for n in 0..SNAPSHOT_CHAT_LINES + 5 {
        room.chat(&speaker(n), &format!("第{n}句")).unwrap();
    }
    room.like();
    room.like();
    let _watching = hub.join(ROOM, None);
    tokio::time::sleep(COUNTS_TICK).await;

    let snapshot = snapshot_of(&hub);
    assert_eq!(snapshot["type"], "snapshot");
    assert_eq!(snapshot["seq"], room.seq());
    assert_eq!(snapshot["live_state"]["state"], "live");
    assert_eq!(snapshot["pinned"]["title"], "牦牛肉干");
    assert_eq!(snapshot["sale"]["remaining"], 12);
    assert_eq!(snapshot["coupon"], Value::Null);
    let purchases = snapshot["purchases"].as_array().unwrap();
    assert_eq!(purchases.len(), 10);
    assert_eq!(purchases[9]["n"], 11);
    let chat = snapshot["chat"].as_array().unwrap();
    assert_eq!(chat.len(), SNAPSHOT_CHAT_LINES);
    assert_eq!(chat[SNAPSHOT_CHAT_LINES - 1]["text"], "第54句");
    assert_eq!(chat[0]["text"], "第5句");
    assert_eq!(chat[0]["name"], "观众5");
    assert_eq!(snapshot["likes"], 2);
    // The one watching and the one joining, who sees themselves counted.
    assert_eq!(snapshot["viewers"], 2);
}

#[tokio::test(start_paused = true)]
async fn chat_reaches_every_viewer_in_sequence_and_its_id_is_its_seq() {
    let hub = RoomHub::new();
    let mut first = hub.join(ROOM, None).viewer;
    let mut second = hub.join(ROOM, None).viewer;
    let room = hub.room(ROOM).unwrap();
    let a = room.chat(&speaker(1), "  你好  ").unwrap();
    let b = room.chat(&speaker(2), "多少钱").unwrap();
    assert!(b > a);
    for viewer in [&mut first, &mut second] {
        let frames = waiting(viewer);
        let chat = of_type(&frames, "chat");
        assert_eq!(chat.len(), 2);
        assert_eq!(chat[0]["text"], "你好");
        assert_eq!(chat[0]["id"], a);
        assert_eq!(chat[0]["seq"], a);
        assert_eq!(chat[1]["seq"], b);
        assert_eq!(chat[1]["user"], "user-2");
    }
    assert_eq!(room.chat(&speaker(1), " \n "), Err(Refusal::EmptyChat));
    assert_eq!(
        room.chat(&speaker(1), &"长".repeat(201)),
        Err(Refusal::ChatTooLong)
    );
}

#[tokio::test(start_paused = true)]
async fn chat_is_rate_limited_per_user() {
    let hub = RoomHub::new();
    let mut viewer = hub.join(ROOM, None).viewer;
    let room = hub.room(ROOM).unwrap();
    for n in 0..5 {
        room.chat(&speaker(1), &format!("{n}")).unwrap();
    }
    let refused = room.chat(&speaker(1), "again");
    assert!(
        matches!(refused, Err(Refusal::RateLimited { retry_after }) if retry_after <= Duration::from_secs(1))
    );
    // Someone else is not held back by it.
    room.chat(&speaker(2), "我也来").unwrap();
    assert_eq!(of_type(&waiting(&mut viewer), "chat").len(), 6);
    tokio::time::advance(Duration::from_secs(1)).await;
    room.chat(&speaker(1), "again").unwrap();
}

#[tokio::test(start_paused = true)]
async fn blocked_words_are_refused_to_the_sender_and_never_broadcast() {
    let hub = RoomHub::new();
    let mut viewer = hub.join(ROOM, None).viewer;
    let room = hub.room(ROOM).unwrap();
    room.set_blocked_words(&["加微信".to_owned()]).unwrap();
    assert_eq!(room.blocked_words(), ["加微信"]);
    assert_eq!(
        room.chat(&speaker(1), "便宜卖，加微信"),
        Err(Refusal::Blocked)
    );
    assert!(of_type(&waiting(&mut viewer), "chat").is_empty());
    assert!(snapshot_of(&hub)["chat"].as_array().unwrap().is_empty());
    let too_many: Vec<String> = (0..201).map(|n| format!("w{n}")).collect();
    assert_eq!(
        room.set_blocked_words(&too_many),
        Err(Refusal::BlockListTooLong)
    );
}

#[tokio::test(start_paused = true)]
async fn a_muted_user_may_chat_again_when_the_mute_ends() {
    let hub = RoomHub::new();
    let room = {
        hub.post(ROOM, RoomEvent::LiveState(json!("live")));
        hub.room(ROOM).unwrap()
    };
    room.mute("user-1", 2).unwrap();
    let refused = room.chat(&speaker(1), "我被禁言了吗");
    assert_eq!(
        refused,
        Err(Refusal::Muted {
            remaining: Duration::from_secs(120)
        })
    );
    room.chat(&speaker(2), "我没有").unwrap();
    tokio::time::advance(Duration::from_secs(119)).await;
    assert!(room.chat(&speaker(1), "还不行").is_err());
    tokio::time::advance(Duration::from_secs(1)).await;
    room.chat(&speaker(1), "可以了").unwrap();
    assert_eq!(room.mute("user-1", 0), Err(Refusal::InvalidMute));
    assert_eq!(room.mute("user-1", 24 * 60 + 1), Err(Refusal::InvalidMute));
}

#[tokio::test(start_paused = true)]
async fn a_removed_line_is_announced_and_leaves_the_snapshot() {
    let hub = RoomHub::new();
    let mut viewer = hub.join(ROOM, None).viewer;
    let room = hub.room(ROOM).unwrap();
    let kept = room.chat(&speaker(1), "好").unwrap();
    let bad = room.chat(&speaker(2), "坏话").unwrap();
    room.remove(bad).unwrap();
    let frames = waiting(&mut viewer);
    let removed = of_type(&frames, "removed");
    assert_eq!(removed.len(), 1);
    assert_eq!(removed[0]["message"], bad);
    let snapshot = snapshot_of(&hub);
    let ids: Vec<&Value> = snapshot["chat"]
        .as_array()
        .unwrap()
        .iter()
        .map(|line| &line["id"])
        .collect();
    assert_eq!(ids, [&json!(kept)]);
    assert_eq!(room.remove(bad), Err(Refusal::UnknownMessage));
    assert_eq!(room.remove(9_999), Err(Refusal::UnknownMessage));
}

#[tokio::test(start_paused = true)]
async fn likes_and_viewer_counts_are_sent_at_most_once_a_tick() {
    let hub = RoomHub::new();
    let mut viewer = hub.join(ROOM, None).viewer;
    let others: Vec<_> = (0..4).map(|_| hub.join(ROOM, None).viewer).collect();
    let room = hub.room(ROOM).unwrap();
    for _ in 0..100 {
        room.like();
    }
    tokio::time::sleep(COUNTS_TICK / 2).await;
    let frames = waiting(&mut viewer);
    assert_eq!(of_type(&frames, "like").len(), 1);
    assert_eq!(of_type(&frames, "like")[0]["likes"], 100);
    assert_eq!(of_type(&frames, "viewers").len(), 1);
    assert_eq!(of_type(&frames, "viewers")[0]["viewers"], 5);

    for _ in 0..50 {
        room.like();
    }
    drop(others);
    assert!(waiting(&mut viewer).is_empty(), "nothing before the tick");
    tokio::time::sleep(COUNTS_TICK).await;
    let frames = waiting(&mut viewer);
    assert_eq!(of_type(&frames, "like")[0]["likes"], 150);
    assert_eq!(of_type(&frames, "viewers")[0]["viewers"], 1);
    assert_eq!(frames.len(), 2);
    tokio::time::sleep(COUNTS_TICK * 3).await;
    assert!(
        waiting(&mut viewer).is_empty(),
        "unchanged counts are not sent"
    );
}

#[tokio::test(start_paused = true)]
async fn a_client_resumes_from_the_ring_or_else_gets_a_snapshot() {
    let hub = RoomHub::new();
    for n in 0..10 {
        hub.post(ROOM, RoomEvent::Purchase(json!({ "n": n })));
    }
    let missed = hub.join(ROOM, Some(6)).first;
    let seqs: Vec<u64> = missed.iter().map(|f| f.seq()).collect();
    assert_eq!(seqs, [7, 8, 9, 10]);
    assert_eq!(parse(&missed[0])["data"]["n"], 6);
    assert!(hub.join(ROOM, Some(10)).first.is_empty());
    // From a room this server never numbered that far: a snapshot.
    assert_eq!(
        parse(&hub.join(ROOM, Some(99)).first[0])["type"],
        "snapshot"
    );

    for n in 0..RESUME_RING {
        hub.post(ROOM, RoomEvent::Purchase(json!({ "n": n })));
    }
    let first = hub.join(ROOM, Some(6)).first;
    assert_eq!(first.len(), 1);
    assert_eq!(parse(&first[0])["type"], "snapshot");
    assert_eq!(first[0].seq(), (10 + RESUME_RING) as u64);
    let oldest_kept = (10 + 1) as u64;
    assert_eq!(
        hub.join(ROOM, Some(oldest_kept - 1)).first.len(),
        RESUME_RING
    );
}

#[tokio::test(start_paused = true)]
async fn a_viewer_that_falls_behind_gets_a_snapshot_and_then_is_let_go() {
    let hub = RoomHub::new();
    let mut slow = hub.join(ROOM, None).viewer;
    let room = hub.room(ROOM).unwrap();
    let flood = |n: usize| {
        for i in 0..n {
            hub.post(ROOM, RoomEvent::Purchase(json!({ "i": i })));
            room.flush();
        }
    };
    flood(VIEWER_QUEUE + 10);
    let seq = room.seq();
    match slow.next().await {
        Delivery::Snapshot(snapshot) => assert_eq!(snapshot.seq(), seq),
        other => panic!("expected a snapshot, got {other:?}"),
    }
    hub.post(ROOM, RoomEvent::Pinned(json!({ "title": "新品" })));
    match slow.next().await {
        Delivery::Batch(batch) => assert_eq!(batch.frames()[0].seq(), seq + 1),
        other => panic!("expected the next frame, got {other:?}"),
    }
    for _ in 1..MAX_LAGS {
        flood(VIEWER_QUEUE + 1);
        assert!(matches!(slow.next().await, Delivery::Snapshot(_)));
    }
    flood(VIEWER_QUEUE + 1);
    assert_eq!(slow.next().await, Delivery::TooSlow);
}

#[tokio::test(start_paused = true)]
async fn an_empty_idle_room_is_forgotten_and_a_watched_one_is_not() {
    let hub = RoomHub::new();
    let viewer = hub.join(ROOM, None);
    hub.post("other", RoomEvent::LiveState(json!("live")));
    assert_eq!(hub.open_rooms(), 2);
    tokio::time::sleep(ROOM_IDLE + COUNTS_TICK * 2).await;
    assert_eq!(hub.open_rooms(), 1, "the unwatched room goes");
    assert_eq!(hub.room(ROOM).unwrap().viewers(), 1);
    drop(viewer);
    tokio::time::sleep(ROOM_IDLE + COUNTS_TICK * 2).await;
    assert_eq!(hub.open_rooms(), 0);
}

#[tokio::test(start_paused = true)]
async fn frames_posted_within_a_window_arrive_as_one_batch_and_a_joiner_gets_none_twice() {
    let hub = RoomHub::new();
    let mut early = hub.join(ROOM, None).viewer;
    let purchase = |n: u64| hub.post(ROOM, RoomEvent::Purchase(json!({ "n": n })));
    purchase(0);
    purchase(1);
    let joined = hub.join(ROOM, None);
    assert_eq!(joined.first[0].seq(), 2, "its snapshot has both purchases");
    let mut late = joined.viewer;
    purchase(2);
    assert!(early.try_next().is_none(), "held until the window ends");

    let started = tokio::time::Instant::now();
    let Delivery::Batch(batch) = early.next().await else {
        panic!("expected a batch");
    };
    assert!(started.elapsed() <= BATCH_WINDOW, "sent by the room's task");
    let frames: Vec<Value> = batch.frames().iter().map(parse).collect();
    let purchases: Vec<&Value> = of_type(&frames, "purchase");
    let numbers: Vec<&Value> = purchases.iter().map(|f| &f["data"]["n"]).collect();
    assert_eq!(numbers, [0, 1, 2], "one batch, in order");
    let parsed: Value = serde_json::from_slice(&batch.bytes()).unwrap();
    assert_eq!(
        parsed.as_array().unwrap().len(),
        frames.len(),
        "one JSON array"
    );

    let Delivery::Batch(batch) = late.next().await else {
        panic!("expected a batch");
    };
    assert_eq!(batch.frames()[0].seq(), 3, "nothing its snapshot had");
}
