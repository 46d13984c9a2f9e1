//! The live room over a real WebSocket: snapshots, chat in sequence, who may speak, the rate
//! limit, moderation, bad input and resuming after a gap.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use farmgate_domain::live::LiveStatus;
use farmgate_domain::role::Role;
use farmgate_live::{RoomEvent, RESUME_RING};
use farmgate_store::LiveSessionRecord;
use serde_json::json;
use support::room_ws::RoomSocket;
use support::TestApp;
use tokio_tungstenite::tungstenite::Message;

/// A shop's scheduled session, whose room the tests open.
struct Live {
    app: TestApp,
    session: String,
}

/// The shop's owner signs in as `host@example.cn`.
async fn live() -> Live {
    let app = TestApp::spawn().await;
    let host = app.account("host@example.cn", &[Role::Buyer]).await;
    let shop = app.shop_for(&host, "直播农场").await;
    let now = app.services.clock.now();
    let session = LiveSessionRecord {
        id: farmgate_services::new_id(),
        shop_id: shop.id,
        host_id: host.id,
        title: "枸杞采摘直播".into(),
        trailer: String::new(),
        cover_file_id: None,
        starts_at: now,
        status: LiveStatus::Scheduled,
        stream_key: "fgl_test".into(),
        pinned_product: None,
        went_live_at: None,
        ended_at: None,
        replay_playlist: None,
        created_at: now,
        bag: Vec::new(),
    };
    app.services
        .store
        .insert_live_session(&session)
        .await
        .unwrap();
    Live {
        app,
        session: session.id.to_string(),
    }
}

impl Live {
    fn ws_url(&self, session: &str, query: &str) -> String {
        let base = self.app.base.replace("http", "ws");
        format!("{base}/live/{session}/ws{query}")
    }

    fn post(&self, event: RoomEvent) {
        self.app.services.rooms.post(&self.session, event);
    }
}

/// Joins the room, with the `fg_session` cookie when given.
async fn open(live: &Live, cookie: Option<String>, query: &str) -> RoomSocket {
    open_with(live, cookie, query, None).await
}

async fn open_with(
    live: &Live,
    cookie: Option<String>,
    query: &str,
    origin: Option<&str>,
) -> RoomSocket {
    let cookie = cookie.map(|cookie| format!("fg_session={cookie}"));
    let headers = [("cookie", cookie.as_deref()), ("origin", origin)];
    RoomSocket::open_with(&live.app, &live.session, query, &headers).await
}

async fn signed_in_cookie(live: &Live, email: &str, roles: &[Role]) -> String {
    live.app
        .signed_in(email, roles)
        .await
        .cookie("fg_session")
        .unwrap()
}

async fn cookie_of(live: &Live, email: &str) -> String {
    let visitor = live.app.visitor();
    visitor.sign_in(email).await;
    visitor.cookie("fg_session").unwrap()
}

#[tokio::test]
async fn a_viewer_joins_with_a_snapshot_and_sees_chat_in_sequence() {
    let live = live().await;
    live.post(RoomEvent::Pinned(json!({ "title": "黑枸杞" })));
    let mut watcher = open(&live, None, "").await;
    let snapshot = watcher.next().await;
    assert_eq!(snapshot["type"], "snapshot");
    assert_eq!(snapshot["pinned"]["title"], "黑枸杞");
    assert_eq!(snapshot["seq"], 1);

    let cookie = signed_in_cookie(&live, "talker@example.cn", &[Role::Buyer]).await;
    let mut talker = open(&live, Some(cookie), "").await;
    assert_eq!(talker.next().await["type"], "snapshot");
    talker.chat("<b>多少钱</b>").await;
    talker.chat("包邮吗").await;
    let first = watcher.next_of(&["chat"]).await;
    let second = watcher.next_of(&["chat"]).await;
    assert_eq!(first["text"], "<b>多少钱</b>", "text is carried as is");
    assert_eq!(first["name"], "测试用户");
    assert_eq!(second["text"], "包邮吗");
    assert!(second["seq"].as_u64() > first["seq"].as_u64());
    assert_eq!(talker.next_of(&["chat"]).await["seq"], first["seq"]);

    let viewers = watcher.next_of(&["viewers"]).await;
    assert_eq!(viewers["viewers"], 2, "anonymous viewers count too");
}

#[tokio::test]
async fn anonymous_viewers_watch_but_cannot_chat_or_like() {
    let live = live().await;
    let mut anonymous = open(&live, None, "").await;
    let snapshot = anonymous.next().await;
    assert_eq!(snapshot["live_state"]["state"], "scheduled");
    anonymous.chat("我也想说").await;
    let refused = anonymous.next_of(&["error"]).await;
    assert_eq!(refused["code"], "sign_in_required");
    assert_eq!(refused["message"], "请先登录再发言和点赞。");
    anonymous.send(json!({ "type": "like" })).await;
    assert_eq!(
        anonymous.next_of(&["error"]).await["code"],
        "sign_in_required"
    );
    anonymous.send(json!({ "type": "ping" })).await;
    anonymous.next_of(&["pong"]).await;

    // A page on another site using a signed-in visitor's cookie watches as anyone would.
    let cookie = signed_in_cookie(&live, "victim@example.cn", &[Role::Buyer]).await;
    let mut forged = open_with(&live, Some(cookie), "", Some("https://evil.example")).await;
    forged.chat("代人发言").await;
    assert_eq!(forged.next_of(&["error"]).await["code"], "sign_in_required");
    let mut late = open(&live, None, "").await;
    assert_eq!(late.next().await["chat"], json!([]), "nothing was said");
}

#[tokio::test]
async fn chat_is_rate_limited_and_the_refusal_goes_to_the_sender_only() {
    let live = live().await;
    let mut watcher = open(&live, None, "").await;
    watcher.next().await;
    let cookie = signed_in_cookie(&live, "fast@example.cn", &[Role::Buyer]).await;
    let mut fast = open(&live, Some(cookie), "").await;
    fast.next().await;
    for n in 0..6 {
        fast.chat(&format!("第{n}条")).await;
    }
    let refused = fast.next_of(&["error"]).await;
    assert_eq!(refused["code"], "rate_limited");
    for n in 0..5 {
        assert_eq!(
            watcher.next_of(&["chat", "error"]).await["text"],
            format!("第{n}条")
        );
    }
    watcher.send(json!({ "type": "ping" })).await;
    assert_eq!(
        watcher.next_of(&["chat", "error", "pong"]).await["type"],
        "pong"
    );
}

#[tokio::test]
async fn moderators_mute_remove_and_block_and_others_cannot() {
    let live = live().await;
    let cookie = signed_in_cookie(&live, "mod@example.cn", &[Role::Moderator]).await;
    let mut moderator = open(&live, Some(cookie), "").await;
    moderator.next().await;
    assert_eq!(
        moderator.next_of(&["blocked_words"]).await["words"],
        json!([])
    );
    let cookie = signed_in_cookie(&live, "buyer@example.cn", &[Role::Buyer]).await;
    let mut buyer = open(&live, Some(cookie), "").await;
    let buyer_id = live
        .app
        .services
        .store
        .account_by_email("buyer@example.cn")
        .await
        .unwrap()
        .unwrap()
        .id;
    buyer.next().await;

    buyer.send(json!({ "type": "block", "words": ["x"] })).await;
    assert_eq!(buyer.next_of(&["error"]).await["code"], "not_moderator");

    buyer.chat("难听的话").await;
    let line = moderator.next_of(&["chat"]).await;
    moderator
        .send(json!({ "type": "remove", "message": line["id"] }))
        .await;
    let removed = buyer.next_of(&["removed"]).await;
    assert_eq!(removed["message"], line["id"]);
    let mut late = open(&live, None, "").await;
    assert_eq!(
        late.next().await["chat"],
        json!([]),
        "the snapshot drops it"
    );

    moderator
        .send(json!({ "type": "block", "words": ["加微信"] }))
        .await;
    assert_eq!(
        moderator.next_of(&["blocked_words"]).await["words"],
        json!(["加微信"])
    );
    buyer.chat("便宜，加微信").await;
    assert_eq!(buyer.next_of(&["error", "chat"]).await["code"], "blocked");

    moderator
        .send(json!({ "type": "mute", "user": buyer_id.as_str(), "minutes": 5 }))
        .await;
    assert_eq!(moderator.next_of(&["muted"]).await["minutes"], 5);
    buyer.chat("我还能说话吗").await;
    let muted = buyer.next_of(&["error", "chat"]).await;
    assert_eq!(muted["code"], "muted");
    assert_eq!(muted["message"], "你已被禁言，还剩 5 分钟。");
    moderator.send(json!({ "type": "ping" })).await;
    assert_eq!(
        moderator.next_of(&["chat", "pong"]).await["type"],
        "pong",
        "neither the blocked line nor the muted one was broadcast"
    );
}

#[tokio::test]
async fn bad_input_gets_an_error_frame_and_the_connection_stays() {
    let live = live().await;
    let cookie = signed_in_cookie(&live, "junk@example.cn", &[Role::Buyer]).await;
    let mut ws = open(&live, Some(cookie), "").await;
    ws.next().await;
    let long = json!({ "type": "chat", "text": "长".repeat(1000) }).to_string();
    for (input, code) in [
        (long.as_str(), "too_large"),
        ("{not json", "invalid_message"),
        (r#"{"type":"dance"}"#, "invalid_message"),
        (
            r#"{"type":"mute","user":"x","minutes":"soon"}"#,
            "invalid_message",
        ),
        (r#"{"type":"chat","text":"   "}"#, "empty_chat"),
    ] {
        ws.send_message(Message::text(input)).await;
        assert_eq!(ws.next_of(&["error"]).await["code"], code, "{input}");
    }
    ws.send_message(Message::binary(vec![0xff, 0x00])).await;
    assert_eq!(ws.next_of(&["error"]).await["code"], "invalid_message");
    ws.send(json!({ "type": "ping" })).await;
    ws.next_of(&["pong"]).await;

    let unknown: String = farmgate_services::new_id();
    for session in ["not-a-session", unknown.as_str()] {
        match tokio_tungstenite::connect_async(live.ws_url(session, "")).await {
            Err(tokio_tungstenite::tungstenite::Error::Http(response)) => {
                assert_eq!(response.status(), 404, "{session}")
            }
            other => panic!("expected a 404, got {:?}", other.map(|_| ())),
        }
    }
}

#[tokio::test]
async fn a_client_resumes_after_a_gap_with_what_it_missed_or_a_snapshot() {
    let live = live().await;
    let mut ws = open(&live, None, "").await;
    let seen = ws.next().await["seq"].as_u64().unwrap();
    drop(ws);
    for n in 0..3 {
        live.post(RoomEvent::Purchase(json!({ "n": n })));
    }
    let mut resumed = open(&live, None, &format!("?after={seen}")).await;
    for n in 0..3 {
        let frame = resumed.next_of(&["purchase", "snapshot"]).await;
        assert_eq!(frame["type"], "purchase");
        assert_eq!(frame["data"]["n"], n);
    }

    let seen = live.app.services.rooms.room(&live.session).unwrap().seq();
    for n in 0..RESUME_RING + 1 {
        live.post(RoomEvent::Purchase(json!({ "n": n })));
    }
    let mut behind = open(&live, None, &format!("?after={seen}")).await;
    let frame = behind.next().await;
    assert_eq!(frame["type"], "snapshot");
    assert_eq!(frame["purchases"].as_array().unwrap().len(), 10);
}

#[tokio::test]
async fn the_hosting_shops_members_moderate_and_other_producers_do_not() {
    let live = live().await;
    let mut host = open(&live, Some(cookie_of(&live, "host@example.cn").await), "").await;
    assert_eq!(host.next().await["type"], "snapshot");
    assert_eq!(
        host.next().await["type"],
        "blocked_words",
        "told as a moderator"
    );
    host.send(json!({ "type": "block", "words": ["假货"] }))
        .await;
    assert_eq!(
        host.next_of(&["blocked_words", "error"]).await["words"],
        json!(["假货"])
    );

    let other = live.app.account("other@example.cn", &[Role::Buyer]).await;
    live.app.shop_for(&other, "别人的农场").await;
    let mut stranger = open(&live, Some(cookie_of(&live, "other@example.cn").await), "").await;
    stranger.next().await;
    stranger.send(json!({ "type": "block", "words": [] })).await;
    assert_eq!(
        stranger.next_of(&["blocked_words", "error"]).await["code"],
        "not_moderator"
    );
}

#[tokio::test]
async fn the_room_script_is_served_and_draws_with_text_only() {
    let live = live().await;
    let response = live.app.visitor().get("/assets/room.js").await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["content-type"],
        "text/javascript; charset=utf-8"
    );
    let script = response.text().await.unwrap();
    assert!(script.contains("export function connectRoom"));
    assert!(script.contains("?after="));
    assert!(!script.contains(".innerHTML"), "chat is drawn as text");
}
