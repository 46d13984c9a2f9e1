//! Every protected endpoint against every role (and no one), including a producer reaching for
//! another producer's shop. One table, so a new endpoint is one more row.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use farmgate_domain::application::Decision;
use farmgate_domain::role::Role;
use farmgate_services::catalogue::{ProductForm, SkuForm};
use farmgate_services::onboarding::{ApplicationForm, UploadedDocument};
use reqwest::Method;
use support::{TestApp, Visitor, VILLAGE};

#[derive(Clone, Copy, PartialEq, Debug)]
enum Who {
    Anonymous,
    Role(Role),
}

/// Who may: the status for those allowed, and for everyone else.
struct Row {
    method: Method,
    path: String,
    body: Option<serde_json::Value>,
    api: bool,
    allowed: &'static [Role],
    ok: u16,
    refused: u16,
}

fn row(method: Method, path: String, allowed: &'static [Role], ok: u16, refused: u16) -> Row {
    Row {
        api: path.starts_with("/api/"),
        method,
        path,
        body: None,
        allowed,
        ok,
        refused,
    }
}

const HUB: &[Role] = &[Role::HubOperator, Role::Admin];
const EVERYONE: &[Role] = &Role::ALL;
const HOSTS: &[Role] = &[Role::HubOperator, Role::Admin, Role::LiveHost];
const LOGISTICS: &[Role] = &[Role::HubOperator, Role::Admin, Role::Logistics];
const MEASURES: &[Role] = &[
    Role::HubOperator,
    Role::Admin,
    Role::Logistics,
    Role::Analyst,
];
const QUALITY: &[Role] = &[Role::HubOperator, Role::Admin, Role::QualityOfficer];
/// The county's commerce figures: the hub and the bureau's analysts.
const FIGURES: &[Role] = &[Role::HubOperator, Role::Admin, Role::Analyst];
/// A well-formed id that names nothing.
const NO_SUCH_ID: &str = "0193a5b2-0000-7000-8000-000000000000";

#[tokio::test]
async fn every_protected_endpoint_answers_every_role_as_the_rules_say() {
    let app = TestApp::spawn().await;
    let other_owner = app
        .account("other-producer@example.cn", &[Role::Buyer])
        .await;
    let other_shop = app.shop_for(&other_owner, "别人的农场").await;
    let (pending, document, decided) = applications(&app).await;
    let other_product = product_of(&app, &other_owner, &other_shop).await;
    let other_batch = batch_of(&app, &other_owner, &other_product).await;
    let (scheduled, cancelled) =
        live_sessions(&app, &other_owner, &other_shop, &other_product).await;

    let mut visitors = Vec::new();
    for role in Role::ALL {
        let email = format!("{}@example.cn", role.as_str().replace('_', "-"));
        let account = app.account(&email, &[role]).await;
        if role == Role::Producer {
            app.shop_for(&account, "自己的农场").await;
        }
        let visitor = app.visitor();
        visitor.sign_in(&email).await;
        let token = app
            .services
            .create_api_token(&actor(&app, &account).await, "matrix")
            .await
            .unwrap();
        visitors.push((Who::Role(role), visitor, Some(token.secret)));
    }
    visitors.push((Who::Anonymous, app.visitor(), None));

    let session = live_session(&app, &other_owner, &other_shop, &other_product).await;
    let (withdrawable, claimable) = coupons(&app, &other_owner, &session).await;
    let target = app.account("target@example.cn", &[Role::Buyer]).await;
    let (order, case) = after_sale(&app).await;
    let profile = serde_json::json!({ "name": "改名的农场", "description": "" });
    let (batch, inspection) = inspected_batch(&app, &other_product).await;
    let rows = vec![
        row(Method::GET, "/console".into(), &[Role::Producer], 200, 403),
        row(Method::GET, "/hub".into(), HUB, 200, 403),
        row(
            Method::GET,
            format!("/hub/applications/{pending}"),
            HUB,
            200,
            404,
        ),
        row(
            Method::GET,
            format!("/applications/documents/{document}"),
            HUB,
            200,
            404,
        ),
        row(Method::GET, "/admin".into(), &[Role::Admin], 200, 403),
        row(Method::GET, "/hub/listings".into(), HUB, 200, 403),
        row(Method::GET, "/hub/settings".into(), HUB, 200, 403),
        row(Method::GET, "/hub/leaders".into(), HUB, 200, 403),
        // Empty terms: the hub is told what is missing; nobody else gets that far.
        row(Method::POST, "/hub/leaders/terms".into(), HUB, 422, 403),
        row(Method::GET, "/leader".into(), &[Role::Leader], 200, 403),
        // Nothing is owed to the target: the hub is told so.
        row(
            Method::POST,
            format!("/hub/leaders/{}/pay", target.id),
            HUB,
            409,
            403,
        ),
        row(
            Method::POST,
            format!("/hub/leaders/{}/stand-down", target.id),
            HUB,
            303,
            403,
        ),
        row(
            Method::GET,
            format!("/console/shops/{}/products", other_shop.id),
            HUB,
            200,
            403,
        ),
        row(
            Method::GET,
            format!("/console/shops/{}/products/new", other_shop.id),
            HUB,
            200,
            403,
        ),
        row(Method::GET, "/account".into(), EVERYONE, 200, 403),
        row(Method::GET, "/apply".into(), EVERYONE, 200, 403),
        row(
            Method::POST,
            format!("/console/shops/{}", other_shop.id),
            HUB,
            303,
            403,
        ),
        row(Method::GET, "/api/v1/me".into(), EVERYONE, 200, 403),
        row(Method::GET, "/api/v1/tokens".into(), EVERYONE, 200, 403),
        Row {
            body: Some(profile.clone()),
            ..row(
                Method::PATCH,
                format!("/api/v1/shops/{}", other_shop.id),
                HUB,
                200,
                403,
            )
        },
        row(Method::GET, "/api/v1/applications".into(), HUB, 200, 403),
        row(
            Method::GET,
            format!("/api/v1/applications/{pending}"),
            HUB,
            200,
            404,
        ),
        Row {
            body: Some(serde_json::json!({ "decision": "approve" })),
            ..row(
                Method::POST,
                format!("/api/v1/applications/{decided}/decision"),
                HUB,
                409,
                403,
            )
        },
        row(
            Method::GET,
            "/api/v1/accounts".into(),
            &[Role::Admin],
            200,
            403,
        ),
        row(Method::GET, "/hub/disputes".into(), HUB, 200, 403),
        row(
            Method::GET,
            format!("/console/shops/{}/after-sales", case.shop_id),
            HUB,
            200,
            403,
        ),
        // Allowed, but no reason given / not awaiting a return: refused by the rules, not access.
        row(
            Method::POST,
            format!("/console/after-sales/{}/reject", case.id),
            HUB,
            422,
            403,
        ),
        row(
            Method::POST,
            format!("/console/after-sales/{}/receive", case.id),
            HUB,
            409,
            403,
        ),
        row(
            Method::POST,
            format!("/hub/disputes/{}/rule", case.id),
            HUB,
            422,
            403,
        ),
        // Only the order's buyer, who is none of these.
        row(
            Method::GET,
            format!("/orders/{order}/after-sales/new"),
            &[],
            200,
            404,
        ),
        row(
            Method::POST,
            format!("/orders/{order}/after-sales"),
            &[],
            303,
            404,
        ),
        row(
            Method::POST,
            format!("/after-sales/{}/escalate", case.id),
            &[],
            303,
            404,
        ),
        row(
            Method::POST,
            format!("/after-sales/{}/withdraw", case.id),
            &[],
            303,
            404,
        ),
        row(
            Method::POST,
            format!("/after-sales/{}/return", case.id),
            &[],
            303,
            404,
        ),
        Row {
            body: Some(serde_json::json!({ "roles": ["buyer", "analyst"] })),
            ..row(
                Method::PUT,
                format!("/api/v1/accounts/{}/roles", target.id),
                &[Role::Admin],
                200,
                403,
            )
        },
        row(Method::GET, "/hub/payouts".into(), HUB, 200, 403),
        // The matrix's form has no run key: the hub gets as far as validation.
        row(Method::POST, "/hub/payouts".into(), HUB, 422, 403),
        row(
            Method::GET,
            format!("/console/shops/{}/earnings", other_shop.id),
            HUB,
            200,
            403,
        ),
        // Only a shop's own members say where its money goes, not even the hub.
        row(
            Method::POST,
            format!("/console/shops/{}/payee", other_shop.id),
            &[],
            303,
            403,
        ),
        // Product import and editing: the hub may act for any shop; a producer only for theirs.
        row(
            Method::GET,
            format!("/console/shops/{}/products/import", other_shop.id),
            HUB,
            200,
            403,
        ),
        row(
            Method::GET,
            format!(
                "/console/shops/{}/products/import/template.csv",
                other_shop.id
            ),
            HUB,
            200,
            403,
        ),
        // The matrix posts a plain form, which is no upload: past the door it is a 400.
        row(
            Method::POST,
            format!("/console/shops/{}/products/import", other_shop.id),
            HUB,
            400,
            403,
        ),
        row(
            Method::GET,
            format!("/console/products/{other_product}/edit"),
            HUB,
            200,
            403,
        ),
        // The matrix's form is no product: past the door it is refused as invalid.
        row(
            Method::POST,
            format!("/console/products/{other_product}/edit"),
            HUB,
            422,
            403,
        ),
        // Live sessions: the shop's members, the hub and the county's live hosts host; anyone signed in follows.
        row(
            Method::GET,
            format!("/console/shops/{}/live", other_shop.id),
            HOSTS,
            200,
            403,
        ),
        row(
            Method::POST,
            format!("/console/shops/{}/live", other_shop.id),
            HOSTS,
            422,
            403,
        ),
        row(
            Method::GET,
            format!("/console/live/{scheduled}"),
            HOSTS,
            200,
            403,
        ),
        row(
            Method::POST,
            format!("/console/live/{scheduled}"),
            HOSTS,
            422,
            403,
        ),
        // Not live yet: nothing can be pinned (or unpinned).
        row(
            Method::POST,
            format!("/console/live/{scheduled}/pin"),
            HOSTS,
            409,
            403,
        ),
        row(
            Method::POST,
            format!("/console/live/{cancelled}/cancel"),
            HOSTS,
            409,
            403,
        ),
        row(
            Method::POST,
            format!("/shops/{}/follow", other_shop.id),
            EVERYONE,
            303,
            403,
        ),
        row(Method::GET, "/notifications".into(), EVERYONE, 200, 403),
        row(
            Method::GET,
            "/console/live".into(),
            &[
                Role::Producer,
                Role::HubOperator,
                Role::Admin,
                Role::LiveHost,
            ],
            200,
            403,
        ),
        // Flash sales: the shop's members, the hub and live hosts start them; any account buys.
        row(
            Method::GET,
            format!("/console/live/{session}/flash-sales/new"),
            HOSTS,
            200,
            403,
        ),
        // The matrix's form names no variant: past the door it is refused as invalid.
        row(
            Method::POST,
            format!("/console/live/{session}/flash-sales"),
            HOSTS,
            422,
            403,
        ),
        Row {
            body: Some(
                serde_json::json!({ "sku": "none", "price_fen": 100, "stock_limit": 1,
                "per_buyer_limit": 1, "countdown_seconds": 10, "duration_minutes": 1 }),
            ),
            ..row(
                Method::POST,
                format!("/api/v1/live/{session}/flash-sales"),
                HOSTS,
                422,
                403,
            )
        },
        // Without an Idempotency-Key every signed-in buyer gets as far as validation.
        Row {
            body: Some(serde_json::json!({ "quantity": 1, "address": {
                "recipient": "王芳", "phone": "13800138000", "province": "63",
                "city": "西宁市", "county": "城西区", "detail": "五四大街 8 号" } })),
            ..row(
                Method::POST,
                "/api/v1/flash-sales/0193a5b2-0000-7000-8000-000000000000/purchases".into(),
                EVERYONE,
                422,
                403,
            )
        },
        // Buying in a live room: an empty cart gets every signed-in buyer as far as validation;
        // a checkout that is not one's own is not found.
        Row {
            body: Some(serde_json::json!({ "items": [], "address": {
                "recipient": "王芳", "phone": "13800138000", "province": "63",
                "city": "西宁市", "county": "城西区", "detail": "五四大街 8 号" } })),
            ..row(
                Method::POST,
                "/api/v1/checkouts/quote".into(),
                EVERYONE,
                422,
                403,
            )
        },
        row(
            Method::GET,
            "/api/v1/checkouts/0193a5b2-0000-7000-8000-000000000000".into(),
            EVERYONE,
            404,
            403,
        ),
        // A session's cover: past the door, a body that is no multipart form is a bad request.
        row(
            Method::POST,
            format!("/console/live/{session}/cover"),
            HOSTS,
            400,
            403,
        ),
        // Live coupons: hosts drop and withdraw them; any account claims and lists its own.
        row(
            Method::GET,
            format!("/console/live/{session}/coupons"),
            HOSTS,
            200,
            403,
        ),
        // The matrix's empty form: past the door it is refused as invalid.
        row(
            Method::POST,
            format!("/console/live/{session}/coupons"),
            HOSTS,
            422,
            403,
        ),
        Row {
            body: Some(
                serde_json::json!({ "amount_off_fen": 500, "minimum_spend_fen": 500,
                "quantity": 1, "per_buyer_limit": 1 }),
            ),
            ..row(
                Method::POST,
                format!("/api/v1/live/{session}/coupons"),
                HOSTS,
                422,
                403,
            )
        },
        row(
            Method::POST,
            format!("/console/coupons/{withdrawable}/withdraw"),
            HOSTS,
            303,
            403,
        ),
        row(
            Method::POST,
            format!("/api/v1/coupons/{claimable}/claims"),
            EVERYONE,
            201,
            403,
        ),
        row(Method::GET, "/api/v1/me/coupons".into(), EVERYONE, 200, 403),
        row(Method::GET, "/account/coupons".into(), EVERYONE, 200, 403),
        // Lucky draws and the dashboard: the shop's members, the hub and live hosts. Forms
        // without terms are refused as invalid past the door; an unknown draw is not found.
        row(
            Method::GET,
            format!("/console/live/{session}/dashboard"),
            HOSTS,
            200,
            403,
        ),
        row(
            Method::GET,
            format!("/api/v1/live/{session}/dashboard"),
            HOSTS,
            200,
            403,
        ),
        row(
            Method::GET,
            format!("/console/live/{session}/draws"),
            HOSTS,
            200,
            403,
        ),
        row(
            Method::POST,
            format!("/console/live/{session}/draws"),
            HOSTS,
            422,
            403,
        ),
        Row {
            body: Some(
                serde_json::json!({ "keyword": "", "prize": "奖品", "winners": 1,
                "window_seconds": 60 }),
            ),
            ..row(
                Method::POST,
                format!("/api/v1/live/{session}/draws"),
                HOSTS,
                422,
                403,
            )
        },
        row(
            Method::POST,
            format!("/console/live/{session}/draws/0193a5b2-0000-7000-8000-000000000000/close"),
            HOSTS,
            404,
            403,
        ),
        row(
            Method::POST,
            format!("/api/v1/live/{session}/draws/0193a5b2-0000-7000-8000-000000000000/close"),
            HOSTS,
            404,
            403,
        ),
        // The logistics network: the hub only. Empty forms are refused as invalid past the
        // door; a plain form is no upload, so the import answers 400 past it.
        row(Method::GET, "/hub/network".into(), HUB, 200, 403),
        row(Method::POST, "/hub/network/import".into(), HUB, 400, 403),
        row(Method::GET, "/hub/network/nodes/new".into(), HUB, 200, 403),
        row(Method::POST, "/hub/network/nodes/new".into(), HUB, 422, 403),
        row(
            Method::GET,
            "/hub/network/carriers/new".into(),
            HUB,
            200,
            403,
        ),
        row(
            Method::POST,
            "/hub/network/carriers/new".into(),
            HUB,
            422,
            403,
        ),
        row(
            Method::GET,
            "/hub/network/vehicles/new".into(),
            HUB,
            200,
            403,
        ),
        row(
            Method::POST,
            "/hub/network/vehicles/new".into(),
            HUB,
            422,
            403,
        ),
        row(Method::GET, "/api/v1/network".into(), HUB, 200, 403),
        // Produce going up: the shop's people (and the hub) send an order or produce up —
        // refused past the door here, as the county has no village point; logistics staff
        // and the hub hand parcels over (no such parcel past the door).
        row(
            Method::POST,
            format!("/console/orders/{order}/send-up"),
            HUB,
            409,
            403,
        ),
        row(
            Method::POST,
            format!("/console/shops/{}/produce", other_shop.id),
            HUB,
            422,
            403,
        ),
        row(
            Method::GET,
            "/logistics/handover".into(),
            LOGISTICS,
            200,
            403,
        ),
        row(
            Method::POST,
            "/logistics/handover".into(),
            LOGISTICS,
            404,
            403,
        ),
        // Route runs and the driver's pages: logistics staff and the hub. A plain form is no
        // upload (400); an unknown run is not found; an empty detour is refused as invalid.
        row(Method::GET, "/logistics/runs".into(), LOGISTICS, 200, 403),
        row(
            Method::POST,
            "/logistics/runs/plan".into(),
            LOGISTICS,
            400,
            403,
        ),
        row(Method::POST, "/logistics/runs/detour".into(), HUB, 422, 403),
        row(Method::GET, "/api/v1/runs".into(), LOGISTICS, 200, 403),
        // The network's measures: the hub, logistics staff and analysts.
        row(
            Method::GET,
            "/logistics/measures".into(),
            MEASURES,
            200,
            403,
        ),
        row(
            Method::GET,
            "/api/v1/logistics/measures".into(),
            MEASURES,
            200,
            403,
        ),
        // Commerce figures (issue 7): the county's, and another producer's shop's.
        row(Method::GET, "/stats".into(), FIGURES, 200, 403),
        row(
            Method::GET,
            format!("/stats?shop={}", other_shop.id),
            FIGURES,
            200,
            403,
        ),
        row(
            Method::GET,
            "/stats/export.csv?table=channels".into(),
            FIGURES,
            200,
            403,
        ),
        row(
            Method::GET,
            format!("/stats/export.xlsx?table=all&shop={}", other_shop.id),
            FIGURES,
            200,
            403,
        ),
        row(
            Method::GET,
            "/api/v1/stats/summary".into(),
            FIGURES,
            200,
            403,
        ),
        row(
            Method::GET,
            format!("/api/v1/stats/dashboard?shop={}", other_shop.id),
            FIGURES,
            200,
            403,
        ),
        row(Method::GET, "/driver".into(), LOGISTICS, 200, 403),
        row(
            Method::GET,
            format!("/driver/runs/{NO_SUCH_ID}"),
            LOGISTICS,
            404,
            403,
        ),
        row(
            Method::GET,
            format!("/driver/runs/{NO_SUCH_ID}/load"),
            LOGISTICS,
            404,
            403,
        ),
        row(
            Method::POST,
            format!("/driver/runs/{NO_SUCH_ID}/stops/1"),
            LOGISTICS,
            404,
            403,
        ),
        row(
            Method::POST,
            format!("/driver/runs/{NO_SUCH_ID}/stops/1/done"),
            LOGISTICS,
            404,
            403,
        ),
        // The down flow: logistics staff and the hub; carrier tokens the hub only. A plain form
        // is no upload (400); an empty counter form is invalid (422); the rest find nothing (404).
        row(Method::GET, "/logistics".into(), LOGISTICS, 200, 403),
        row(Method::GET, "/logistics/intake".into(), LOGISTICS, 200, 403),
        row(
            Method::POST,
            "/logistics/intake".into(),
            LOGISTICS,
            422,
            403,
        ),
        row(
            Method::POST,
            "/logistics/intake/manifest".into(),
            LOGISTICS,
            400,
            403,
        ),
        row(
            Method::GET,
            "/logistics/receiving".into(),
            LOGISTICS,
            200,
            403,
        ),
        row(
            Method::POST,
            "/logistics/receiving".into(),
            LOGISTICS,
            404,
            403,
        ),
        row(
            Method::GET,
            "/logistics/sorting".into(),
            LOGISTICS,
            200,
            403,
        ),
        row(Method::GET, "/logistics/points".into(), LOGISTICS, 200, 403),
        row(
            Method::GET,
            format!("/logistics/points/{NO_SUCH_ID}"),
            LOGISTICS,
            404,
            403,
        ),
        row(
            Method::POST,
            format!("/logistics/points/{NO_SUCH_ID}/collect"),
            LOGISTICS,
            404,
            403,
        ),
        row(
            Method::GET,
            "/logistics/notices".into(),
            LOGISTICS,
            200,
            403,
        ),
        row(Method::GET, "/logistics/carriers".into(), HUB, 200, 403),
        row(
            Method::POST,
            format!("/logistics/carriers/{NO_SUCH_ID}/token"),
            HUB,
            404,
            403,
        ),
        row(
            Method::POST,
            format!("/logistics/carriers/{NO_SUCH_ID}/revoke"),
            HUB,
            404,
            403,
        ),
        // Only a carrier's token opens the intake API: a person's token is no carrier's.
        Row {
            body: Some(serde_json::json!({ "parcels": [] })),
            ..row(Method::POST, "/api/v1/intake/parcels".into(), &[], 200, 401)
        },
        // Printed run sheets and labels: logistics staff and the hub; nothing by these names.
        row(
            Method::GET,
            format!("/logistics/runs/{NO_SUCH_ID}/sheet.pdf"),
            LOGISTICS,
            404,
            403,
        ),
        row(
            Method::GET,
            format!("/logistics/runs/{NO_SUCH_ID}/labels.pdf"),
            LOGISTICS,
            404,
            403,
        ),
        row(
            Method::GET,
            "/logistics/parcels/000000000/label.pdf".into(),
            LOGISTICS,
            404,
            403,
        ),
        // Traceability — recall (issue 6): packing is the shop's (and the hub's; nothing
        // chosen unpacks the line); recalls are the quality officers' (and the hub's); a
        // recall notice is only its buyers'.
        row(
            Method::GET,
            format!("/console/orders/{order}/packing"),
            HUB,
            200,
            403,
        ),
        row(
            Method::POST,
            format!("/console/orders/{order}/packing/0"),
            HUB,
            303,
            403,
        ),
        row(Method::GET, "/quality/recalls".into(), QUALITY, 200, 403),
        row(Method::POST, "/quality/recalls".into(), QUALITY, 422, 403),
        row(
            Method::GET,
            format!("/quality/recalls/{NO_SUCH_ID}"),
            QUALITY,
            404,
            403,
        ),
        row(
            Method::GET,
            format!("/recalls/{NO_SUCH_ID}"),
            EVERYONE,
            404,
            404,
        ),
        row(
            Method::POST,
            format!("/recalls/{NO_SUCH_ID}/acknowledge"),
            EVERYONE,
            404,
            404,
        ),
        // Traceability (issue 6): a batch's EPCIS document for its shop, the hub and quality
        // officers (to anyone else it does not exist); the export for producers (their own
        // shop's), the hub and quality officers; a product's trace settings for its shop and
        // the hub.
        row(
            Method::GET,
            format!("/api/v1/batches/{other_batch}/epcis"),
            QUALITY,
            200,
            404,
        ),
        row(
            Method::GET,
            "/api/v1/epcis".into(),
            &[
                Role::Producer,
                Role::HubOperator,
                Role::Admin,
                Role::QualityOfficer,
            ],
            200,
            403,
        ),
        row(
            Method::GET,
            format!("/api/v1/products/{other_product}/trace"),
            HUB,
            200,
            403,
        ),
        row(Method::GET, "/hub/settings/gs1".into(), HUB, 200, 403),
        // An empty prefix clears it.
        row(Method::POST, "/hub/settings/gs1".into(), HUB, 303, 403),
        row(
            Method::GET,
            format!("/console/products/{other_product}/trace"),
            HUB,
            200,
            403,
        ),
        row(
            Method::POST,
            format!("/console/products/{other_product}/trace"),
            HUB,
            303,
            403,
        ),
        Row {
            body: Some(serde_json::json!({ "passed_batches_only": true })),
            ..row(
                Method::PUT,
                format!("/api/v1/products/{other_product}/trace"),
                HUB,
                200,
                403,
            )
        },
        // Quality and traceability (issue 6): a batch of another shop, inspected with a report.
        // Its product has no GTIN, so its labels are a conflict even for the hub; an empty
        // form is invalid (422); a plain form is no upload (400).
        row(
            Method::GET,
            format!("/console/shops/{}/batches", other_shop.id),
            HUB,
            200,
            403,
        ),
        row(
            Method::GET,
            format!("/console/products/{other_product}/batches/new"),
            HUB,
            200,
            404,
        ),
        row(
            Method::POST,
            format!("/console/products/{other_product}/batches"),
            HUB,
            422,
            403,
        ),
        row(
            Method::GET,
            format!("/console/batches/{batch}"),
            QUALITY,
            200,
            404,
        ),
        row(
            Method::POST,
            format!("/console/batches/{batch}/photos"),
            HUB,
            400,
            404,
        ),
        row(
            Method::GET,
            format!("/console/batches/{batch}/labels.pdf"),
            HUB,
            409,
            404,
        ),
        row(
            Method::GET,
            format!("/console/products/{other_product}/compliance"),
            HUB,
            200,
            404,
        ),
        row(
            Method::POST,
            format!("/console/products/{other_product}/compliance"),
            HUB,
            422,
            403,
        ),
        row(Method::GET, "/quality".into(), QUALITY, 200, 403),
        row(
            Method::GET,
            format!("/quality/batches/{batch}/inspect"),
            QUALITY,
            200,
            403,
        ),
        row(
            Method::POST,
            format!("/quality/batches/{batch}/inspect"),
            QUALITY,
            400,
            403,
        ),
        row(
            Method::GET,
            format!("/quality/inspections/{inspection}/report"),
            QUALITY,
            200,
            404,
        ),
        row(
            Method::GET,
            format!("/quality/certificates/new?shop={}", other_shop.id),
            QUALITY,
            200,
            403,
        ),
        row(
            Method::POST,
            format!("/quality/certificates?shop={}", other_shop.id),
            QUALITY,
            422,
            403,
        ),
    ];

    let mut failures = Vec::new();
    for row in &rows {
        for (who, visitor, token) in &visitors {
            let expected = match who {
                Who::Role(role) if row.allowed.contains(role) => row.ok,
                Who::Role(_) => row.refused,
                Who::Anonymous if row.api => 401,
                Who::Anonymous => 303,
            };
            let status = send(visitor, token.as_deref(), row).await;
            if status != expected {
                failures.push(format!(
                    "{} {} as {who:?}: got {status}, expected {expected}",
                    row.method, row.path
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "authorisation matrix:\n{}",
        failures.join("\n")
    );
}

#[tokio::test]
async fn a_producer_cannot_touch_another_producers_shop_but_can_edit_their_own() {
    let app = TestApp::spawn().await;
    let mine = app.account("mine@example.cn", &[Role::Buyer]).await;
    let my_shop = app.shop_for(&mine, "卓玛家庭农场").await;
    let theirs = app.account("theirs@example.cn", &[Role::Buyer]).await;
    let their_shop = app.shop_for(&theirs, "扎西合作社").await;
    let visitor = app.visitor();
    visitor.sign_in("mine@example.cn").await;
    let listing_url = app.url("/api/v1/shops");
    let names = || async {
        let listing: serde_json::Value = reqwest::get(&listing_url)
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        listing["shops"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["name"].as_str().unwrap().to_owned())
            .collect::<Vec<_>>()
    };
    assert!(names().await.contains(&"卓玛家庭农场".to_owned()));

    let refused = visitor
        .post_form(
            &format!("/console/shops/{}", their_shop.id),
            &[("shop_name", "Hijacked"), ("description", "")],
        )
        .await;
    assert_eq!(refused.status(), 403);
    let unchanged = app.services.shop(&their_shop.id).await.unwrap();
    assert_eq!(unchanged.name, "扎西合作社");

    let allowed = visitor
        .post_form(
            &format!("/console/shops/{}", my_shop.id),
            &[("shop_name", "卓玛的枸杞园"), ("description", "柴达木")],
        )
        .await;
    assert_eq!(allowed.status(), 303);
    assert_eq!(
        app.services.shop(&my_shop.id).await.unwrap().name,
        "卓玛的枸杞园"
    );
    assert!(
        names().await.contains(&"卓玛的枸杞园".to_owned()),
        "the cached listing was refreshed"
    );
}

async fn send(visitor: &Visitor, token: Option<&str>, row: &Row) -> u16 {
    let mut request = visitor
        .client
        .request(row.method.clone(), visitor.url(&row.path));
    if row.api {
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        if let Some(body) = &row.body {
            request = request.json(body);
        }
    } else if row.method != Method::GET {
        let csrf = visitor.csrf().await;
        request = request.form(&[
            ("csrf", csrf.as_str()),
            ("shop_name", "改名的农场"),
            ("description", ""),
        ]);
    }
    request.send().await.unwrap().status().as_u16()
}

async fn actor(
    app: &TestApp,
    account: &farmgate_store::AccountRecord,
) -> farmgate_domain::access::Actor {
    let shops = app.services.store.shops_of(&account.id).await.unwrap();
    farmgate_domain::access::Actor {
        account_id: account.id.clone(),
        roles: account.roles.clone(),
        shops: shops.into_iter().map(|s| s.id).collect(),
    }
}

/// A batch of the product, recorded by its shop's owner.
async fn batch_of(app: &TestApp, owner: &farmgate_store::AccountRecord, product: &str) -> String {
    let form = farmgate_domain::trace::BatchForm {
        harvested_on: "2026-08-15".into(),
        village: VILLAGE.into(),
        units: "100".into(),
        grade: "special".into(),
        ..Default::default()
    };
    let product = farmgate_domain::id::ProductId::parse(product).unwrap();
    let batch = app
        .services
        .record_batch(&actor(app, owner).await, &product, &form)
        .await
        .unwrap();
    batch.id.to_string()
}

/// A pending application with a document, and one already approved.
async fn applications(app: &TestApp) -> (String, String, String) {
    let mut ids = Vec::new();
    for email in ["applicant-one@example.cn", "applicant-two@example.cn"] {
        let account = app.account(email, &[Role::Buyer]).await;
        let form = ApplicationForm {
            shop_name: "高原青稞合作社".into(),
            kind: "cooperative".into(),
            village: VILLAGE.into(),
            description: "青稞和藜麦".into(),
            contact_phone: "13912345678".into(),
            documents: vec![UploadedDocument {
                kind: "business_licence".into(),
                file_name: "licence.pdf".into(),
                content: b"%PDF-1.4\n%%EOF\n".to_vec(),
            }],
        };
        let application = app
            .services
            .apply_for_shop(&actor(app, &account).await, form)
            .await
            .unwrap();
        ids.push(application.id);
    }
    let admin = app.account("setup-admin@example.cn", &[Role::Admin]).await;
    app.services
        .decide_application(&actor(app, &admin).await, &ids[1], Decision::Approve)
        .await
        .unwrap();
    let documents = app.services.store.documents_of(&ids[0]).await.unwrap();
    (
        ids[0].to_string(),
        documents[0].id.to_string(),
        ids[1].to_string(),
    )
}

/// A paid order in a shop of its own, with a refund request waiting for the shop.
async fn after_sale(app: &TestApp) -> (String, farmgate_store::AfterSaleRecord) {
    let stall = support::market::stall(app, "case-farm@example.cn", "枸杞", "30.00").await;
    let account = app.account("case-buyer@example.cn", &[Role::Buyer]).await;
    let buyer = support::market::as_actor(&account);
    let order = support::market::paid_order(app, &account, &stall, 2).await;
    let form = farmgate_services::after_sales::AfterSaleForm {
        kind: "refund_only".into(),
        reason: "no_longer_wanted".into(),
        ..Default::default()
    };
    let case = app
        .services
        .open_after_sale(&buyer, &order.id, &form, vec![])
        .await
        .unwrap();
    (order.id.to_string(), case)
}

/// A live session of `shop` with `product` in its bag.
/// Two coupons dropped in the live session: one to withdraw, one to claim.
async fn coupons(
    app: &TestApp,
    owner: &farmgate_store::AccountRecord,
    session: &str,
) -> (String, String) {
    let session = farmgate_domain::id::LiveSessionId::parse(session).unwrap();
    let form = farmgate_services::coupons::CouponForm {
        amount_off: "5".into(),
        minimum_spend: "49".into(),
        quantity: "100".into(),
        per_buyer_limit: "1".into(),
        valid_days: "7".into(),
    };
    let host = actor(app, owner).await;
    let mut ids = Vec::new();
    for _ in 0..2 {
        let coupon = app
            .services
            .drop_coupon(&host, &session, &form)
            .await
            .unwrap();
        ids.push(coupon.id.to_string());
    }
    (ids.remove(0), ids.remove(0))
}

async fn live_session(
    app: &TestApp,
    owner: &farmgate_store::AccountRecord,
    shop: &farmgate_store::ShopRecord,
    product: &str,
) -> String {
    let form = farmgate_services::live::LiveForm {
        title: "别人的直播".into(),
        trailer: String::new(),
        starts_at: Some(app.services.clock.now()),
        products: vec![product.to_owned()],
    };
    let session = app
        .services
        .schedule_live(&actor(app, owner).await, &shop.id, &form)
        .await
        .unwrap();
    app.services
        .live_publish_authorized(&session.stream_key)
        .await
        .unwrap();
    session.id.to_string()
}

/// A product listed in `shop` by its owner.
async fn product_of(
    app: &TestApp,
    owner: &farmgate_store::AccountRecord,
    shop: &farmgate_store::ShopRecord,
) -> String {
    let form = ProductForm {
        title: "别人的枸杞".into(),
        category: "fruit".into(),
        grade: "特级".into(),
        origin: VILLAGE.into(),
        skus: vec![SkuForm {
            name: "250g".into(),
            price: "68".into(),
            unit: "g".into(),
            net_weight_g: "250".into(),
            ..SkuForm::default()
        }],
        ..ProductForm::default()
    };
    let detail = app
        .services
        .create_product(&actor(app, owner).await, &shop.id, &form)
        .await
        .unwrap();
    detail.product.id.to_string()
}

/// A scheduled session of the shop's, and a cancelled one.
async fn live_sessions(
    app: &TestApp,
    owner: &farmgate_store::AccountRecord,
    shop: &farmgate_store::ShopRecord,
    product: &str,
) -> (String, String) {
    let host = actor(app, owner).await;
    let form = farmgate_services::live::LiveForm {
        title: "别人的直播".into(),
        trailer: String::new(),
        starts_at: Some(app.services.clock.now().plus_days(1)),
        products: vec![product.to_owned()],
    };
    let mut ids = Vec::new();
    for _ in 0..2 {
        let session = app
            .services
            .schedule_live(&host, &shop.id, &form)
            .await
            .unwrap();
        ids.push(session.id);
    }
    app.services.cancel_live(&host, &ids[1]).await.unwrap();
    (ids[0].to_string(), ids[1].to_string())
}

/// A batch of the product recorded by the hub, inspected with a lab report: (batch, inspection).
async fn inspected_batch(app: &TestApp, product: &str) -> (String, String) {
    let hub = app
        .account("batch-hub@example.cn", &[Role::HubOperator])
        .await;
    let hub = actor(app, &hub).await;
    let product = farmgate_domain::id::ProductId::parse(product).unwrap();
    let form = farmgate_domain::trace::BatchForm {
        harvested_on: "2024-08-15".into(),
        village: VILLAGE.into(),
        units: "10".into(),
        grade: "special".into(),
        ..Default::default()
    };
    let batch = app
        .services
        .record_batch(&hub, &product, &form)
        .await
        .unwrap();
    let inspection = farmgate_domain::trace::InspectionForm {
        kind: "moisture".into(),
        lab: "检测中心".into(),
        inspected_on: "2024-09-01".into(),
        measurements: vec![farmgate_domain::trace::MeasurementForm {
            name: "水分".into(),
            value: "10".into(),
            limit: "13".into(),
            unit: "%".into(),
        }],
    };
    let report = farmgate_services::trace::UploadedReport {
        file_name: "report.pdf".into(),
        content: b"%PDF-1.7 report".to_vec(),
    };
    let inspection = app
        .services
        .record_inspection(&hub, &batch.id, &inspection, Some(report))
        .await
        .unwrap();
    (batch.id.to_string(), inspection.id.to_string())
}
