//! Short videos over the real server and the real ffmpeg: a producer uploads a phone clip, the
//! console shows it being made, then buyers watch it (by byte range), see it in the feed, and
//! buy from its cards in the short-video channel, counted for the video. Uploads that are not
//! videos, lack a title or products, or come from outside the shop keep nothing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::path::Path;
use std::time::Duration;

use farmgate_domain::id::{CheckoutId, ShortVideoId};
use farmgate_domain::role::Role;
use farmgate_services::checkout::AddressForm;
use reqwest::multipart::{Form, Part};
use support::market::{as_actor, checkout_request, pay_now, stall, Stall};
use support::{TestApp, Visitor};

/// A 2-second portrait clip with sound, as a phone records one.
fn phone_clip(dir: &Path) -> Vec<u8> {
    let tools = farmgate_video::testkit::video_tools_or_skip().unwrap();
    let path = dir.join("clip.mp4");
    let made = std::process::Command::new(&tools.ffmpeg)
        .args(["-nostdin", "-loglevel", "error", "-y", "-f", "lavfi", "-i"])
        .args([
            "testsrc=size=360x640:rate=25:duration=2",
            "-f",
            "lavfi",
            "-i",
        ])
        .args([
            "sine=frequency=440:duration=2",
            "-c:v",
            "libx264",
            "-preset",
        ])
        .args([
            "ultrafast",
            "-pix_fmt",
            "yuv420p",
            "-c:a",
            "aac",
            "-shortest",
        ])
        .arg(&path)
        .status()
        .unwrap();
    assert!(made.success());
    std::fs::read(path).unwrap()
}

/// Posts the upload form as the console's script does, the CSRF token in its header.
async fn upload(
    who: &Visitor,
    shop: &str,
    title: &str,
    products: &[String],
    file: Vec<u8>,
) -> (u16, String) {
    let csrf = who.csrf().await;
    let mut form = Form::new().text("title", title.to_owned());
    for product in products {
        form = form.text("products", product.clone());
    }
    let form = form.part("video", Part::bytes(file).file_name("VID_0001.mp4"));
    let response = who
        .client
        .post(who.url(&format!("/console/shops/{shop}/videos")))
        .header("x-csrf-token", csrf)
        .header("accept-language", "en")
        .multipart(form)
        .send()
        .await
        .unwrap();
    (response.status().as_u16(), response.text().await.unwrap())
}

/// The ids of the videos a page lists, in its order.
fn videos_of(page: &str) -> Vec<String> {
    page.split(r#"data-video=""#)
        .skip(1)
        .map(|rest| rest[..rest.find('"').unwrap()].to_owned())
        .collect()
}

/// Polls the console's progress until the video is no longer being made.
async fn wait_until_made(producer: &Visitor, stall: &Stall, id: &str) -> serde_json::Value {
    let path = format!("/console/shops/{}/videos/{id}/progress", stall.shop);
    for _ in 0..300 {
        let progress: serde_json::Value = producer.get(&path).await.json().await.unwrap();
        if progress["status"] != "processing" {
            return progress;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the video was not made within 30 s");
}

fn files_left(app: &TestApp) -> Vec<String> {
    let folder = app.data.path().join("short-videos");
    let Ok(entries) = std::fs::read_dir(folder) else {
        return Vec::new();
    };
    entries
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect()
}

#[tokio::test]
async fn an_uploaded_clip_becomes_a_video_buyers_watch_and_buy_from() {
    if farmgate_video::testkit::video_tools_or_skip().is_none() {
        return;
    }
    let app = TestApp::spawn().await;
    let goji = stall(&app, "zhuoma@example.cn", "黑枸杞", "68.00").await;
    let other = stall(&app, "other@example.cn", "青稞", "18.00").await;
    let (product, sku) = goji.ids();
    let producer = app.visitor();
    producer.sign_in("zhuoma@example.cn").await;
    let shop = goji.shop.to_string();

    let clip = phone_clip(app.data.path());
    let (status, _) = upload(
        &producer,
        &shop,
        "Picking goji at dawn",
        std::slice::from_ref(&product),
        clip,
    )
    .await;
    assert_eq!(status, 303, "back to the console");
    let console = producer
        .page(&format!("/console/shops/{shop}/videos"))
        .await;
    let ids = videos_of(&console);
    assert_eq!(ids.len(), 1);
    let id = &ids[0];
    let made = wait_until_made(&producer, &goji, id).await;
    assert_eq!(made["status"], "ready", "{made}");
    assert_eq!(made["progress"], 100);
    assert!(files_left(&app).iter().all(|f| !f.starts_with(".upload")));

    let buyer = app.signed_in("wang@example.cn", &[Role::Buyer]).await;
    let page = buyer.page(&format!("/videos/{id}")).await;
    assert!(page.contains("Picking goji at dawn"));
    assert!(page.contains(&format!("/products/{product}?video={id}")));
    let range = buyer
        .client
        .get(buyer.url(&format!("/videos/{id}/video.mp4")))
        .header("range", "bytes=0-99")
        .send()
        .await
        .unwrap();
    assert_eq!(range.status(), 206);
    assert_eq!(range.headers()["content-type"], "video/mp4");
    assert!(range.headers()["content-range"]
        .to_str()
        .unwrap()
        .starts_with("bytes 0-99/"));
    let head = range.bytes().await.unwrap();
    assert_eq!((head.len(), &head[4..8]), (100, &b"ftyp"[..]));
    let poster = buyer.get(&format!("/videos/{id}/poster.jpg")).await;
    assert_eq!(poster.status(), 200);
    assert_eq!(&poster.bytes().await.unwrap()[..2], &[0xFF, 0xD8]);
    let feed = app.visitor().page("/feed").await;
    assert!(
        feed.contains(&format!(r#"data-video="{id}""#)),
        "in the feed"
    );

    let product_page = buyer.page(&format!("/products/{product}?video={id}")).await;
    assert!(product_page.contains(&format!(r#"name="video" value="{id}""#)));
    let added = buyer
        .post_form(
            "/cart",
            &[
                ("product", &product),
                ("sku", &sku),
                ("quantity", "2"),
                ("video", id),
            ],
        )
        .await;
    assert_eq!(added.status(), 303);
    // A mark for a product the video does not show is dropped: a shelf sale.
    let (other_product, other_sku) = other.ids();
    buyer
        .post_form(
            "/cart",
            &[
                ("product", &other_product),
                ("sku", &other_sku),
                ("quantity", "1"),
                ("video", id),
            ],
        )
        .await;
    let wang = app
        .services
        .store
        .account_by_email("wang@example.cn")
        .await
        .unwrap()
        .unwrap();
    let actor = as_actor(&wang);
    let address: AddressForm = checkout_request(&goji, 1).address;
    let placed = app
        .services
        .checkout_cart(&actor, address, "video-checkout-1".into(), Vec::new(), None)
        .await
        .unwrap();
    pay_now(&app, &actor, &placed.checkout).await;
    let channels = orders_by_shop(&app, &placed.checkout).await;
    assert_eq!(
        channels,
        [
            (
                goji.shop.to_string(),
                "short_video".to_owned(),
                Some(id.clone())
            ),
            (other.shop.to_string(), "shelf".to_owned(), None),
        ]
    );
    let console = producer
        .page(&format!("/console/shops/{shop}/videos"))
        .await;
    assert!(
        console.contains(r#"<b class="video-orders">1</b>"#),
        "{console}"
    );
}

/// Each order of the checkout: its shop, channel and video, in shop order as `stall` made them.
async fn orders_by_shop(
    app: &TestApp,
    checkout: &CheckoutId,
) -> Vec<(String, String, Option<String>)> {
    let mut orders: Vec<_> = app
        .services
        .store
        .orders_of_checkout(checkout)
        .await
        .unwrap()
        .into_iter()
        .map(|o| {
            let video = o.order.short_video_id.as_ref().map(ShortVideoId::to_string);
            (o.order.shop_id.to_string(), o.order.channel, video)
        })
        .collect();
    orders.sort_by_key(|(shop, channel, _)| (channel != "short_video", shop.clone()));
    orders
}

#[tokio::test]
async fn uploads_that_cannot_be_videos_keep_nothing_and_say_why() {
    if farmgate_video::testkit::video_tools_or_skip().is_none() {
        return;
    }
    let app = TestApp::spawn().await;
    let goji = stall(&app, "zhuoma@example.cn", "黑枸杞", "68.00").await;
    let (product, _) = goji.ids();
    let shop = goji.shop.to_string();
    let producer = app.visitor();
    producer.sign_in("zhuoma@example.cn").await;
    let products = [product.clone()];

    let (status, page) = upload(&producer, &shop, "Goji", &products, b"GIF89a".to_vec()).await;
    assert_eq!(status, 422);
    assert!(page.contains("Only MP4 and MOV videos can be uploaded."));
    let clip = phone_clip(app.data.path());
    let (status, page) = upload(&producer, &shop, "", &[], clip.clone()).await;
    assert_eq!(status, 422);
    assert!(page.contains(r#"data-field="title""#) && page.contains(r#"data-field="products""#));
    assert!(page.contains(r#"id="video-error""#));
    let stranger = app.signed_in("stranger@example.cn", &[Role::Buyer]).await;
    let (status, _) = upload(&stranger, &shop, "Goji", &products, clip).await;
    assert_eq!(status, 403);
    let console = producer
        .page(&format!("/console/shops/{shop}/videos"))
        .await;
    assert!(videos_of(&console).is_empty(), "nothing stored");
    assert!(
        files_left(&app).is_empty(),
        "no file kept: {:?}",
        files_left(&app)
    );

    // An MP4's first bytes and nothing a video is made of: taken, then failed in words.
    let mut broken = b"\0\0\0\x18ftypmp42".to_vec();
    broken.extend(std::iter::repeat_n(7u8, 4_000));
    let (status, _) = upload(&producer, &shop, "Goji", &products, broken).await;
    assert_eq!(status, 303);
    let console = producer
        .page(&format!("/console/shops/{shop}/videos"))
        .await;
    let id = videos_of(&console).remove(0);
    assert_eq!(
        wait_until_made(&producer, &goji, &id).await["status"],
        "failed"
    );
    let (_, console) = producer
        .page_en(&format!("/console/shops/{shop}/videos"))
        .await;
    assert!(console.contains("this file could not be read as a video"));
    let (status, _) = app.visitor().page_en(&format!("/videos/{id}")).await;
    assert_eq!(status, 404, "a failed video is not shown");
}
