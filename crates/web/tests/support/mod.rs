//! Starts the real application on port 0 with its own temporary SQLite store, and gives tests
//! a browser-like client (cookies kept) plus direct access to the use cases for set-up.

#![allow(dead_code)]

pub mod market;
pub mod network;
pub mod room_ws;
pub mod video;

use std::sync::Arc;
use std::time::Duration;

use farmgate_domain::account::{DisplayName, Email};
use farmgate_domain::place::{AreaCode, GeoPoint, Place, UrbanRuralCode};
use farmgate_domain::role::Role;
use farmgate_domain::shop::ProducerKind;
use farmgate_payments::sandbox::SandboxProvider;
use farmgate_services::payments::PaymentSetup;
use farmgate_services::photos::Photos;
use farmgate_services::search::Search;
use farmgate_services::Services;
use farmgate_store::sql::SqlStore;
use farmgate_store::{ShopRecord, Store};
use farmgate_video::VideoDir;
use farmgate_web::{AppState, SiteConfig, VideoSetup};
use reqwest::cookie::{CookieStore, Jar};
use reqwest::{Client, Url};
use tempfile::TempDir;

pub const PASSWORD: &str = "correct horse battery";
pub const VILLAGE: &str = "632830101201";

pub struct TestApp {
    pub base: String,
    pub services: Services,
    pub sandbox: Arc<SandboxProvider>,
    /// Live video, when the app was spawned with it.
    pub video: Option<video::TestVideo>,
    pub data: TempDir,
}

/// A person using the site: their own cookies, optionally signed in.
pub struct Visitor {
    pub client: Client,
    jar: Arc<Jar>,
    base: String,
}

impl TestApp {
    pub async fn spawn() -> TestApp {
        Self::start(None).await
    }

    /// The app with live video: nginx on a free port, calling back to it. `None`, after saying
    /// why, when the video tools are missing and may be.
    pub async fn spawn_with_video() -> Option<TestApp> {
        let tools = farmgate_video::testkit::video_tools_or_skip()?;
        Some(Self::start(Some(tools)).await)
    }

    async fn start(video_tools: Option<farmgate_video::Tools>) -> TestApp {
        let data = tempfile::tempdir().unwrap();
        let db = data.path().join("farmgate.db");
        let sql = Arc::new(SqlStore::open_sqlite(&db).await.unwrap());
        sql.migrate().await.unwrap();
        let store: Arc<dyn Store> = sql.clone();
        store.upsert_places(&places()).await.unwrap();
        let services = Services::new(store).with_reconnect_grace(Duration::ZERO);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = listener.local_addr().unwrap();
        let base = format!("http://{address}");
        let video_dir = VideoDir::in_data_folder(data.path());
        let (video_setup, video) = match video_tools {
            Some(tools) => video::start(tools, video_dir, data.path(), address).await,
            None => (VideoSetup::off(video_dir, data.path()), None),
        };
        let signer = services.sandbox_signer().await.unwrap();
        let sandbox = Arc::new(
            SandboxProvider::new(sql, signer, format!("{base}/sandbox/pay")).duplicating(0),
        );
        let photos = Photos::new(farmgate_media::PhotoStore::new(data.path().join("photos")));
        let search = Search::new(farmgate_search::SearchIndex::in_memory().unwrap());
        let services = services
            .with_search(search)
            .with_photos(photos)
            .with_payments(PaymentSetup {
                provider: sandbox.clone(),
                notify_url: format!("{base}/api/v1/payments/notify/sandbox"),
                public_url: base.clone(),
            });
        let state = AppState {
            services: services.clone(),
            sandbox: sandbox.clone(),
            site: Arc::new(SiteConfig {
                demo_accounts: Vec::new(),
                time_zone: jiff::tz::TimeZone::get("Asia/Shanghai").unwrap(),
                secure_cookies: false,
                video: video::site(video.as_ref()),
            }),
            metrics: farmgate_web::metrics_handle(),
            video: video_setup,
            label_font: Arc::new(farmgate_documents::LabelFont::embedded()),
        };
        tokio::spawn(farmgate_web::serve(
            listener,
            farmgate_web::app(state),
            std::future::pending(),
        ));
        TestApp {
            base,
            services,
            sandbox,
            video,
            data,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// A JSON GET with a bearer token, as an API client makes it.
    pub async fn api_get(&self, path: &str, token: &str) -> serde_json::Value {
        reqwest::Client::new()
            .get(self.url(path))
            .bearer_auth(token)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap()
    }

    pub fn visitor(&self) -> Visitor {
        let jar = Arc::new(Jar::default());
        let client = Client::builder()
            .cookie_provider(jar.clone())
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        Visitor {
            client,
            jar,
            base: self.base.clone(),
        }
    }

    /// An account holding `roles`, created directly through the use cases.
    pub async fn account(&self, email: &str, roles: &[Role]) -> farmgate_store::AccountRecord {
        self.services
            .create_account(
                &Email::parse(email).unwrap(),
                &DisplayName::parse("测试用户").unwrap(),
                PASSWORD,
                roles.to_vec(),
            )
            .await
            .unwrap()
    }

    /// A shop owned by the account, which thereby becomes a producer.
    pub async fn shop_for(&self, owner: &farmgate_store::AccountRecord, name: &str) -> ShopRecord {
        let shop = ShopRecord {
            id: farmgate_services::new_id(),
            name: name.to_owned(),
            kind: ProducerKind::FamilyFarm,
            village: AreaCode::parse(VILLAGE).unwrap(),
            description: "海拔三千米的枸杞园".to_owned(),
            created_at: self.services.clock.now(),
        };
        self.services
            .store
            .insert_shop_with_owner(&shop, &owner.id)
            .await
            .unwrap();
        shop
    }

    /// A visitor signed in as a new account with `roles`.
    pub async fn signed_in(&self, email: &str, roles: &[Role]) -> Visitor {
        self.account(email, roles).await;
        let visitor = self.visitor();
        visitor.sign_in(email).await;
        visitor
    }
}

impl Visitor {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(self.url(path)).send().await.unwrap()
    }

    /// A page this visitor may see: its HTML.
    pub async fn page(&self, path: &str) -> String {
        let response = self.get(path).await;
        assert_eq!(response.status(), 200, "{path}");
        response.text().await.unwrap()
    }

    /// The CSRF token the server handed this visitor (fetching a page first if needed).
    pub async fn csrf(&self) -> String {
        if let Some(token) = self.cookie("fg_csrf") {
            return token;
        }
        self.client.get(self.url("/signin")).send().await.unwrap();
        self.cookie("fg_csrf")
            .expect("the server sets a CSRF cookie")
    }

    pub fn cookie(&self, name: &str) -> Option<String> {
        let url = Url::parse(&self.base).unwrap();
        let header = self.jar.cookies(&url)?;
        header
            .to_str()
            .ok()?
            .split("; ")
            .find_map(|pair| pair.strip_prefix(&format!("{name}=")).map(str::to_owned))
    }

    pub async fn sign_in(&self, email: &str) {
        let csrf = self.csrf().await;
        let response = self
            .client
            .post(self.url("/signin"))
            .form(&[("email", email), ("password", PASSWORD), ("csrf", &csrf)])
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 303, "sign-in as {email} should redirect");
    }

    /// A page asked for in English: its status and body.
    pub async fn page_en(&self, path: &str) -> (u16, String) {
        let response = self
            .client
            .get(self.url(path))
            .header("accept-language", "en")
            .send()
            .await
            .unwrap();
        (response.status().as_u16(), response.text().await.unwrap())
    }

    /// A form posted in English with this visitor's CSRF token: the answer's status and body.
    pub async fn post_en(&self, path: &str, fields: &[(&str, &str)]) -> (u16, String) {
        let csrf = self.csrf().await;
        let mut fields = fields.to_vec();
        fields.push(("csrf", &csrf));
        let response = self
            .client
            .post(self.url(path))
            .header("accept-language", "en")
            .form(&fields)
            .send()
            .await
            .unwrap();
        (response.status().as_u16(), response.text().await.unwrap())
    }

    /// Posts a form with this visitor's CSRF token added.
    pub async fn post_form(&self, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
        let csrf = self.csrf().await;
        let mut fields = fields.to_vec();
        fields.push(("csrf", &csrf));
        self.client
            .post(self.url(path))
            .form(&fields)
            .send()
            .await
            .unwrap()
    }
}

fn places() -> Vec<Place> {
    let place = |code: &str, zh: &str, en: &str, ur: u16| Place {
        code: AreaCode::parse(code).unwrap(),
        name_zh: zh.into(),
        name_en: en.into(),
        urban_rural: UrbanRuralCode::parse(ur).unwrap(),
        location: GeoPoint::new(36_300_000, 98_100_000).unwrap(),
    };
    vec![
        place("632830000000", "雪源县", "Xueyuan County", 121),
        place("632830101000", "香日德镇", "Xiangride Town", 210),
        place(VILLAGE, "沟里村", "Gouli Village", 220),
    ]
}
