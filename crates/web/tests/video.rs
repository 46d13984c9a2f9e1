//! Live video through the real app: nginx asks the app about a push with a session's stream key,
//! viewers get the HLS over HTTP, the end of the push ends the session and its recording becomes
//! the replay. The files are served with HLS types and caching, and nothing outside them.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use farmgate_domain::id::LiveSessionId;
use farmgate_domain::live::LiveStatus;
use farmgate_services::live::LiveForm;
use farmgate_store::LiveSessionRecord;
use farmgate_video::testkit::{codecs, duration, eventually, first_segment, push, pushed};
use reqwest::StatusCode;
use support::market::stall;
use support::TestApp;

const SESSION: &str = "0190f1a2-7b3c-7d4e-8f00-112233445566";

async fn scheduled(app: &TestApp) -> LiveSessionRecord {
    let goji = stall(app, "zhuoma@example.cn", "黑枸杞", "68.00").await;
    let form = LiveForm {
        title: "高原枸杞采摘直播".into(),
        trailer: "田间直播".into(),
        starts_at: Some(app.services.clock.now().plus_days(1)),
        products: vec![goji.item.product.to_string()],
    };
    app.services
        .schedule_live(&goji.producer, &goji.shop, &form)
        .await
        .unwrap()
}

async fn status(app: &TestApp, session: &LiveSessionId) -> LiveStatus {
    app.services.live_room(session).await.unwrap().status
}

async fn get(app: &TestApp, path: &str) -> reqwest::Response {
    reqwest::get(app.url(path)).await.unwrap()
}

fn header<'a>(response: &'a reqwest::Response, name: &str) -> &'a str {
    response.headers()[name].to_str().unwrap()
}

#[tokio::test]
async fn a_push_with_the_key_takes_the_session_live_and_its_end_leaves_a_replay() {
    let Some(app) = TestApp::spawn_with_video().await else {
        return;
    };
    let rtmp = app.video.as_ref().unwrap().rtmp;
    let session = scheduled(&app).await;
    let id = session.id.clone();

    let taken = pushed(push(rtmp, "fgl_not-the-key", 2).unwrap())
        .await
        .unwrap();
    assert!(!taken, "nginx took a push with a wrong key");
    assert_eq!(status(&app, &id).await, LiveStatus::Scheduled);

    let pushing = push(rtmp, &session.stream_key, 6).unwrap();
    let live = format!("/hls/{id}/index.m3u8");
    let playlist = eventually(15, || async {
        let response = get(&app, &live).await;
        if response.status() != StatusCode::OK {
            return None;
        }
        assert_eq!(
            header(&response, "content-type"),
            "application/vnd.apple.mpegurl"
        );
        assert_eq!(header(&response, "cache-control"), "no-cache");
        let text = response.text().await.unwrap();
        first_segment(&text).is_some().then_some(text)
    })
    .await
    .expect("a live playlist with a segment");
    assert_eq!(status(&app, &id).await, LiveStatus::Live);
    assert!(!playlist.contains(&session.stream_key));
    let room = get(&app, &format!("/live/{id}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(room.contains(&format!(r#"data-src="{live}""#)), "{room}");
    let segment = format!("/hls/{id}/{}", first_segment(&playlist).unwrap());
    let response = get(&app, &segment).await;
    assert_eq!(header(&response, "content-type"), "video/mp2t");
    assert_eq!(codecs(&app.url(&segment)).await.unwrap(), ["aac", "h264"]);

    assert!(pushed(pushing).await.unwrap());
    let replay = eventually(20, || async {
        app.services.live_room(&id).await.unwrap().replay_playlist
    })
    .await
    .expect("a replay");
    assert_eq!(replay, format!("replays/{id}/index.m3u8"));
    assert_eq!(status(&app, &id).await, LiveStatus::Ended);
    let response = get(&app, &format!("/{replay}")).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.text().await.unwrap().contains("#EXT-X-ENDLIST"));
    let room = get(&app, &format!("/live/{id}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(room.contains(&format!(r#"data-src="/{replay}""#)), "{room}");
    let replay_url = app.url(&format!("/{replay}"));
    assert_eq!(codecs(&replay_url).await.unwrap(), ["aac", "h264"]);
    assert!(duration(&replay_url).await.unwrap() >= 3.0);
}

#[tokio::test]
async fn hls_files_are_served_with_their_types_and_caching_and_nothing_else() {
    let app = TestApp::spawn().await;
    let video = app.data.path().join("video");
    let live = video.join("hls").join(SESSION);
    let replay = video.join("replays").join(SESSION);
    std::fs::create_dir_all(&live).unwrap();
    std::fs::create_dir_all(&replay).unwrap();
    std::fs::write(live.join("index.m3u8"), "#EXTM3U\n3.ts\n").unwrap();
    std::fs::write(live.join("3.ts"), [0x47u8; 188]).unwrap();
    std::fs::write(replay.join("index.m3u8"), "#EXTM3U\n").unwrap();
    std::fs::write(replay.join("1700000000000-0000.ts"), [0x47u8; 188]).unwrap();
    std::fs::write(video.join("nginx.conf"), "secret").unwrap();

    for (path, content_type, cache) in [
        (
            format!("/hls/{SESSION}/index.m3u8"),
            "application/vnd.apple.mpegurl",
            "no-cache",
        ),
        (
            format!("/hls/{SESSION}/3.ts"),
            "video/mp2t",
            "public, max-age=60",
        ),
        (
            format!("/replays/{SESSION}/index.m3u8"),
            "application/vnd.apple.mpegurl",
            "no-cache",
        ),
        (
            format!("/replays/{SESSION}/1700000000000-0000.ts"),
            "video/mp2t",
            "public, max-age=31536000, immutable",
        ),
    ] {
        let response = get(&app, &path).await;
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        assert_eq!(header(&response, "content-type"), content_type, "{path}");
        assert_eq!(header(&response, "cache-control"), cache, "{path}");
    }
    for path in [
        format!("/hls/{SESSION}/..%2F..%2Fnginx.conf"),
        "/hls/..%2F..%2F/nginx.conf".to_owned(),
        "/hls/..%2F/nginx.conf".to_owned(),
        format!("/hls/{SESSION}/nginx.conf"),
        format!("/hls/{SESSION}/4.ts"),
        format!("/replays/{SESSION}/3.ts"),
        format!("/replays/{SESSION}%2F..%2F..%2Fhls%2F{SESSION}/index.m3u8"),
        "/replays/x/index.m3u8".to_owned(),
    ] {
        assert_eq!(
            get(&app, &path).await.status(),
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
}

#[tokio::test]
async fn nginx_callbacks_are_refused_through_a_proxy_and_unanswered_without_video() {
    let app = TestApp::spawn().await;
    let client = reqwest::Client::new();
    let form = [("call", "publish"), ("name", "fgl_any"), ("app", "live")];
    let through_proxy = client
        .post(app.url("/internal/video/publish"))
        .header("x-forwarded-for", "203.0.113.9")
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(through_proxy.status(), StatusCode::FORBIDDEN);
    for path in [
        "/internal/video/publish",
        "/internal/video/publish-done",
        "/internal/video/record-done",
    ] {
        let response = client.post(app.url(path)).form(&form).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{path}");
    }
}

#[tokio::test]
async fn hls_js_is_served() {
    let app = TestApp::spawn().await;
    let response = get(&app, farmgate_web::HLS_JS).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(header(&response, "content-type").starts_with("text/javascript"));
    assert_eq!(header(&response, "cache-control"), "public, max-age=604800");
    let script = response.text().await.unwrap();
    assert!(script.len() > 100_000 && script.contains("Hls"));
}
