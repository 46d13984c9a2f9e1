//! Lucky draws and the host's dashboard over HTTP and the room's real WebSocket: viewers enter
//! by commenting the keyword, winners are drawn once, stored and told; the dashboard counts
//! viewers, likes, clicks and paid sales, and keeps its figures after the session ends.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::sync::Arc;

use farmgate_domain::live_draw::DrawStatus;
use farmgate_domain::role::Role;
use farmgate_services::checkout::AddressForm;
use farmgate_services::flash_sale::{FlashPurchaseRequest, FlashSaleForm};
use farmgate_services::{FixedClock, Services};
use farmgate_store::{LiveSessionRecord, NotificationKind};
use serde_json::{json, Value};
use support::market::{as_actor, on_air, stall, Http, Stall};
use support::room_ws::RoomSocket;
use support::TestApp;

/// A live session of the stall's shop, with its product in the bag, and the host's API token.
struct Studio {
    app: TestApp,
    stall: Stall,
    session: LiveSessionRecord,
    host_token: String,
}

async fn studio() -> Studio {
    let app = TestApp::spawn().await;
    let stall = stall(&app, "zhuoma@example.cn", "黑枸杞", "68.00").await;
    let session = on_air(&app, &stall).await;
    let host_token = app
        .services
        .create_api_token(&stall.producer, "host")
        .await
        .unwrap()
        .secret;
    Studio {
        app,
        stall,
        session,
        host_token,
    }
}

impl Studio {
    async fn api(&self, post: Option<Value>, path: &str, token: &str) -> (u16, Value) {
        let client = reqwest::Client::new();
        let url = self.app.url(path);
        let request = match post {
            Some(body) => client.post(url).json(&body),
            None => client.get(url),
        };
        let response = request.bearer_auth(token).send().await.unwrap();
        let status = response.status().as_u16();
        (status, response.json().await.unwrap_or(Value::Null))
    }

    async fn dashboard(&self) -> Value {
        let path = format!("/api/v1/live/{}/dashboard", self.session.id);
        let (status, figures) = self.api(None, &path, &self.host_token).await;
        assert_eq!(status, 200, "{figures}");
        figures
    }

    /// A socket of a new signed-in viewer, and their account.
    async fn viewer(&self, email: &str) -> (RoomSocket, farmgate_store::AccountRecord) {
        let visitor = self.app.signed_in(email, &[Role::Buyer]).await;
        let cookie = format!("fg_session={}", visitor.cookie("fg_session").unwrap());
        let socket = RoomSocket::open(&self.app, self.session.id.as_str(), Some(&cookie)).await;
        let account = self
            .app
            .services
            .store
            .account_by_email(email)
            .await
            .unwrap()
            .unwrap();
        (socket, account)
    }
}

#[tokio::test]
async fn a_draw_picks_winners_among_viewers_who_commented_the_keyword() {
    let studio = studio().await;
    let mut sockets = Vec::new();
    let mut accounts = Vec::new();
    for n in 0..4 {
        let (socket, account) = studio.viewer(&format!("viewer{n}@example.cn")).await;
        sockets.push(socket);
        accounts.push(account);
    }
    let host = studio.app.visitor();
    host.sign_in("zhuoma@example.cn").await;
    let host_cookie = format!("fg_session={}", host.cookie("fg_session").unwrap());
    let mut host_socket =
        RoomSocket::open(&studio.app, studio.session.id.as_str(), Some(&host_cookie)).await;

    let draws = format!("/api/v1/live/{}/draws", studio.session.id);
    let terms =
        json!({ "keyword": "Goji", "prize": "黑枸杞一盒", "winners": 2, "window_seconds": 60 });
    let (status, draw) = studio
        .api(Some(terms.clone()), &draws, &studio.host_token)
        .await;
    assert_eq!(status, 201, "{draw}");
    let (status, again) = studio.api(Some(terms), &draws, &studio.host_token).await;
    assert_eq!(status, 409, "one draw at a time: {again}");
    for socket in &mut sockets {
        let opened = socket.next_of(&["draw"]).await;
        assert_eq!(opened["data"]["state"], "open");
        assert_eq!(opened["data"]["keyword"], "Goji");
    }

    for (n, socket) in sockets.iter_mut().enumerate() {
        let lines = if n < 3 {
            ["我要 goji！", "GOJI again"]
        } else {
            ["多少钱？", "还有吗"]
        };
        for text in lines {
            socket.send(json!({ "type": "chat", "text": text })).await;
        }
        socket.settle().await;
    }
    host_socket
        .send(json!({ "type": "chat", "text": "goji" }))
        .await;
    host_socket.settle().await;

    let close = format!("{draws}/{}/close", draw["id"].as_str().unwrap());
    let (status, closed) = studio
        .api(Some(json!({})), &close, &studio.host_token)
        .await;
    assert_eq!(status, 200, "{closed}");
    assert_eq!(closed["status"], "drawn");
    assert_eq!(
        closed["entrants"], 3,
        "once each; not the host, not without the keyword"
    );
    assert_eq!(closed["winners"].as_array().unwrap().len(), 2);
    let announced = sockets[0].next_of(&["draw"]).await;
    assert_eq!(announced["data"]["state"], "drawn");
    assert_eq!(announced["data"]["entrants"], 3);
    assert_eq!(announced["data"]["winners"], json!(["测*", "测*"]));

    let stored = studio
        .app
        .services
        .store
        .draws_of(&studio.session.id)
        .await
        .unwrap();
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].status, DrawStatus::Drawn);
    let mut told = 0;
    for account in &accounts {
        let notes = studio
            .app
            .services
            .store
            .notifications(&account.id, 10)
            .await
            .unwrap();
        let won = stored[0].won.iter().any(|w| w.account_id == account.id);
        assert_eq!(
            notes.iter().any(|n| n.kind == NotificationKind::DrawWon),
            won
        );
        told += usize::from(won);
    }
    assert_eq!(told, 2, "every winner is a viewer who commented, told once");
    let (status, repeated) = studio
        .api(Some(json!({})), &close, &studio.host_token)
        .await;
    assert_eq!((status, &repeated["winners"]), (200, &closed["winners"]));
}

#[tokio::test]
async fn only_the_host_runs_draws_and_reads_the_dashboard() {
    let studio = studio().await;
    let stranger = studio
        .app
        .account("stranger@example.cn", &[Role::Buyer])
        .await;
    let token = studio
        .app
        .services
        .create_api_token(&as_actor(&stranger), "phone")
        .await
        .unwrap()
        .secret;
    let id = &studio.session.id;
    let path = format!("/api/v1/live/{id}/dashboard");
    assert_eq!(studio.api(None, &path, &token).await.0, 403);
    let terms = json!({ "keyword": "goji", "prize": "枸杞", "winners": 1, "window_seconds": 30 });
    let path = format!("/api/v1/live/{id}/draws");
    assert_eq!(studio.api(Some(terms), &path, &token).await.0, 403);
    let (status, _) = studio
        .api(
            None,
            "/api/v1/live/not-a-session/dashboard",
            &studio.host_token,
        )
        .await;
    assert_eq!(status, 404);
}

/// One paid flash-sale order of `quantity` by a new buyer; the buyer's account.
async fn flash_purchase(studio: &Studio, quantity: i64) -> farmgate_store::AccountRecord {
    let app = &studio.app;
    let mut earlier: Services = app.services.clone();
    earlier.clock = Arc::new(FixedClock::new(
        app.services.clock.now().plus_millis(-11_000),
    ));
    let form = FlashSaleForm {
        sku: studio.stall.item.sku.to_string(),
        price: "19.90".into(),
        stock_limit: "5".into(),
        per_buyer_limit: "3".into(),
        countdown_seconds: "10".into(),
        duration_minutes: "30".into(),
    };
    let sale = earlier
        .start_flash_sale(&studio.stall.producer, &studio.session.id, &form)
        .await
        .unwrap();
    let buyer = app.account("buyer@example.cn", &[Role::Buyer]).await;
    let request = FlashPurchaseRequest {
        quantity,
        address: AddressForm {
            recipient: "王芳".into(),
            phone: "13800138000".into(),
            province: "63".into(),
            city: "西宁市".into(),
            county: "城西区".into(),
            detail: "五四大街 8 号".into(),
        },
        idempotency_key: "dashboard-purchase".into(),
    };
    let actor = as_actor(&buyer);
    let bought = app
        .services
        .buy_flash_sale(&actor, &sale.id, &request)
        .await
        .unwrap();
    let cashier = app
        .services
        .pay_checkout(&actor, &bought.checkout)
        .await
        .unwrap();
    let now = app.services.clock.now();
    let provider_ref = cashier.rsplit('/').next().unwrap();
    app.sandbox.complete(provider_ref, true, now).await.unwrap();
    app.sandbox.deliver_due(&Http, now).await.unwrap();
    buyer
}

#[tokio::test]
async fn the_dashboard_counts_viewers_clicks_and_paid_sales_and_keeps_them_after_the_end() {
    let studio = studio().await;
    flash_purchase(&studio, 2).await;
    let product = studio.stall.item.product.to_string();
    let session = studio.session.id.as_str();
    let mut anonymous = RoomSocket::open(&studio.app, session, None).await;
    let mut another = RoomSocket::open(&studio.app, session, None).await;
    let visitor = studio.app.visitor();
    visitor.sign_in("buyer@example.cn").await;
    let cookie = format!("fg_session={}", visitor.cookie("fg_session").unwrap());
    let mut buyer = RoomSocket::open(&studio.app, session, Some(&cookie)).await;
    let mut buyer_again = RoomSocket::open(&studio.app, session, Some(&cookie)).await;
    for _ in 0..2 {
        anonymous
            .send(json!({ "type": "click", "product": product }))
            .await;
    }
    anonymous
        .send(json!({ "type": "click", "product": "junk" }))
        .await;
    buyer.send(json!({ "type": "like" })).await;
    for socket in [&mut anonymous, &mut another, &mut buyer, &mut buyer_again] {
        socket.settle().await;
    }

    let figures = studio.dashboard().await;
    assert_eq!(figures["status"], "live");
    assert_eq!(figures["viewers_now"], 4);
    assert_eq!(figures["peak_viewers"], 4);
    assert_eq!(
        figures["unique_viewers"], 3,
        "the buyer's two tabs are one viewer"
    );
    assert_eq!(figures["likes"], 1);
    assert_eq!(
        (figures["orders"].clone(), figures["buyers"].clone()),
        (json!(1), json!(1))
    );
    assert_eq!(figures["gmv_fen"], 3_980);
    assert_eq!(figures["conversion_bp"], 3_333);
    assert_eq!(figures["conversion_text"], "33.3%");
    let row = &figures["products"][0];
    assert_eq!(row["product_id"], product.as_str());
    assert_eq!(
        (row["clicks"].clone(), row["units"].clone()),
        (json!(2), json!(2))
    );
    assert_eq!(row["sales_fen"], 3_980);
    assert_eq!(
        figures["products"].as_array().unwrap().len(),
        1,
        "junk is not a product"
    );

    drop((anonymous, another, buyer, buyer_again));
    studio
        .app
        .services
        .live_stream_ended(&studio.session.id)
        .await
        .unwrap();
    let after = studio.dashboard().await;
    assert_eq!(after["status"], "ended");
    assert_eq!(after["viewers_now"], 0);
    assert_eq!(
        (
            after["peak_viewers"].clone(),
            after["unique_viewers"].clone()
        ),
        (json!(4), json!(3))
    );
    assert_eq!(after["products"][0]["clicks"], 2);
    let saved = studio
        .app
        .services
        .store
        .room_figures(&studio.session.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((saved.peak_viewers, saved.likes), (4, 1));

    let host = studio.app.visitor();
    host.sign_in("zhuoma@example.cn").await;
    let page = host
        .page(&format!("/console/live/{}/dashboard", studio.session.id))
        .await;
    assert!(page.contains("33.3%") && page.contains("¥39.80"), "{page}");
}

#[tokio::test]
async fn a_draw_open_at_a_restart_is_closed_as_interrupted_not_drawn() {
    let studio = studio().await;
    let form = farmgate_services::live_draws::DrawForm {
        keyword: "枸杞".into(),
        prize: "一盒".into(),
        winners: "1".into(),
        window_seconds: "30".into(),
    };
    let draw = studio
        .app
        .services
        .start_draw(&studio.stall.producer, &studio.session.id, &form)
        .await
        .unwrap();
    let restarted = Services::new(studio.app.services.store.clone());
    assert_eq!(restarted.interrupt_lost_draws().await.unwrap(), 1);
    assert_eq!(restarted.interrupt_lost_draws().await.unwrap(), 0);
    let stored = studio
        .app
        .services
        .store
        .draw(&draw.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.status, DrawStatus::Interrupted);
    assert!(stored.won.is_empty());
    let host = studio.app.visitor();
    host.sign_in("zhuoma@example.cn").await;
    let page = host
        .page(&format!("/console/live/{}", studio.session.id))
        .await;
    assert!(
        page.contains("参与记录已丢失"),
        "the host is told why: {page}"
    );
}
