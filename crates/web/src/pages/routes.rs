//! Every page's route: which handler answers each path and method.

use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use axum::Router;

use super::*;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(public::home))
        .route("/shops/{id}", get(public::shop))
        .route("/products/{id}", get(product::product))
        .route("/search", get(search::search))
        .route("/feed", get(feed::show))
        .route("/campaigns/{id}", get(campaign_landing::show))
        .route("/campaigns/{id}/banner.svg", get(campaign_landing::banner))
        .route("/campaigns/{id}/claim", post(campaign_landing::claim))
        .route(
            "/hub/campaigns/{id}/coupons",
            get(campaign_coupons::show).post(campaign_coupons::issue),
        )
        .route(
            "/hub/campaigns",
            get(campaigns::show).post(campaigns::create),
        )
        .route("/hub/campaigns/{id}/end", post(campaigns::end))
        .route(
            "/console/shops/{shop}/products",
            get(listing::shop_products).post(listing::create_product),
        )
        .route(
            "/console/shops/{shop}/products/new",
            get(listing::new_product),
        )
        .route(
            "/console/products/{product}/skus/{sku}/stock",
            post(listing::set_stock),
        )
        .route("/console/products/{product}/delist", post(listing::delist))
        .route(
            "/console/products/{product}/submit",
            post(listing::resubmit),
        )
        .route("/cart", get(cart::cart).post(buying::add))
        .route("/cart/{sku}", post(buying::set_quantity))
        .route("/checkout", post(buying::checkout))
        .route("/orders", get(buying::orders))
        .route("/orders/pay/{checkout}", post(buying::pay))
        .route("/orders/{order}/confirm", post(buying::confirm))
        .route("/console/shops/{shop}/orders", get(fulfilment::orders))
        .route("/console/orders/{order}/ship", post(fulfilment::ship))
        .route("/photos/{file}/{rendition}", get(photos::photo))
        .route(
            "/console/products/{product}/photos",
            post(photos::upload).layer(DefaultBodyLimit::max(crate::UPLOAD_LIMIT)),
        )
        .route("/hub/settings", get(settings::show))
        .route("/hub/settings/commission", post(settings::set_commission))
        .route("/hub/settings/shipping", post(settings::set_shipping))
        .route("/hub/listings", get(review::queue))
        .route("/hub/listings/{id}/approve", post(review::approve))
        .route("/hub/listings/{id}/reject", post(review::reject))
        .route("/signup", get(auth::signup_page).post(auth::signup))
        .route("/signin", get(auth::signin_page).post(auth::signin))
        .route("/signout", post(auth::signout))
        .route("/lang", post(language::switch))
        .route("/console", get(console::console))
        .route("/console/shops/{id}", post(console::update_shop))
        .route(
            "/apply",
            get(onboarding::apply_page)
                .post(onboarding::apply)
                .layer(DefaultBodyLimit::max(crate::UPLOAD_LIMIT)),
        )
        .route("/applications/documents/{id}", get(onboarding::document))
        .route("/hub", get(hub::hub))
        .route("/hub/applications/{id}", get(hub::application))
        .route("/hub/applications/{id}/approve", post(hub::approve))
        .route("/hub/applications/{id}/reject", post(hub::reject))
        .route("/account", get(account::account))
        .route("/account/tokens", post(account::create_token))
        .route("/account/tokens/{id}/revoke", post(account::revoke_token))
        .route("/sandbox/pay/{provider_ref}", get(sandbox::cashier))
        .route("/sandbox/pay/{provider_ref}/pay", post(sandbox::pay))
        .route("/sandbox/pay/{provider_ref}/fail", post(sandbox::fail))
        .route("/admin", get(admin::accounts))
        .route("/admin/accounts/{id}/roles", post(admin::set_roles))
        // After-sales (issue 3): the buyer's requests, the shop's answers, the hub's disputes.
        .route(
            "/orders/{order}/after-sales/new",
            get(after_sales::new_request),
        )
        .route(
            "/orders/{order}/after-sales",
            post(after_sales::create).layer(DefaultBodyLimit::max(crate::UPLOAD_LIMIT)),
        )
        .route("/after-sales/{id}/return", post(after_sales::ship_return))
        .route("/after-sales/{id}/escalate", post(after_sales::escalate))
        .route("/after-sales/{id}/withdraw", post(after_sales::withdraw))
        .route(
            "/console/shops/{shop}/after-sales",
            get(after_sales_console::list),
        )
        .route(
            "/console/after-sales/{id}/approve",
            post(after_sales_console::approve),
        )
        .route(
            "/console/after-sales/{id}/reject",
            post(after_sales_console::reject),
        )
        .route(
            "/console/after-sales/{id}/receive",
            post(after_sales_console::receive),
        )
        .route("/hub/disputes", get(disputes::queue))
        .route("/hub/disputes/{id}/rule", post(disputes::rule))
        .route("/hub/payouts", get(payouts::show).post(payouts::run))
        .route("/console/shops/{shop}/earnings", get(earnings::show))
        .route("/console/shops/{shop}/payee", post(earnings::set_payee))
        // Product import and editing (issue 3).
        .route(
            "/console/shops/{shop}/products/import",
            get(import::import_page)
                .post(import::import_file)
                .layer(DefaultBodyLimit::max(import::IMPORT_BODY_LIMIT)),
        )
        .route(
            "/console/shops/{shop}/products/import/template.csv",
            get(import::template),
        )
        .route(
            "/console/products/{product}/edit",
            get(product_edit::edit_page).post(product_edit::save),
        )
        // Live sessions (issue 4).
        .route("/live", get(live::list))
        .route("/live/{id}", get(live::room))
        .route("/shops/{shop}/follow", post(live::follow))
        .route("/notifications", get(live::notifications))
        .route(
            "/console/shops/{shop}/live",
            get(live_console::shop_sessions).post(live_console::schedule),
        )
        .route(
            "/console/live/{id}",
            get(live_console::manage).post(live_console::edit),
        )
        .route("/console/live", get(live_console::host))
        .route("/console/live/shop", get(live_console::pick_shop))
        .route("/console/live/{id}/pin", post(live_console::pin))
        .route("/console/live/{id}/cancel", post(live_console::cancel))
        .route("/console/live/{session}/cover", post(live_cover::upload))
        // Flash sales in live sessions (issue 4).
        .route(
            "/console/live/{session}/flash-sales/new",
            get(flash_sales::new_page),
        )
        .route(
            "/console/live/{session}/flash-sales",
            post(flash_sales::start),
        )
        // Live coupons (issue 4).
        .route(
            "/console/live/{session}/coupons",
            get(coupons::session_page).post(coupons::drop_coupon),
        )
        .route(
            "/console/coupons/{coupon}/withdraw",
            post(coupons::withdraw),
        )
        .route("/account/coupons", get(coupons::mine))
        .route("/assets/live_coupon.js", get(coupons::script))
        // Lucky draws and the host's live dashboard (issue 4).
        .route(
            "/console/live/{session}/draws",
            get(live_draws::show).post(live_draws::start),
        )
        .route(
            "/console/live/{session}/draws/{draw}/close",
            post(live_draws::close),
        )
        .route(
            "/console/live/{session}/dashboard",
            get(live_dashboard::show),
        )
        .merge(logistics_routes::routes())
        .merge(recall_routes::routes())
        // GS1 codes: the hub's company prefix and products' trace settings (issue 6).
        .merge(gs1_routes::routes())
        .merge(quality_routes::routes())
        // Village e-commerce leaders and group-buys (issue 8).
        .route("/hub/leaders", get(leaders::show).post(leaders::appoint))
        .route("/hub/leaders/terms", post(leaders::set_terms))
        .route("/hub/leaders/{account}/pay", post(leaders::pay))
        .route("/leader", get(leader_home::show))
        .route(
            "/hub/leaders/{account}/stand-down",
            post(leaders::stand_down),
        )
        .route("/group-buys/{id}", get(group_buys::show))
        .route("/group-buys/{id}/teams", post(group_buys::open))
        .route("/teams/{id}", get(teams::show))
        .route("/teams/{id}/seats", post(teams::join))
        .route("/teams/{id}/poster.svg", get(teams::poster))
        .route("/products/{id}/poster.svg", get(product::poster))
        .route(
            "/console/products/{product}/group-buys",
            get(group_buy_console::show).post(group_buy_console::create),
        )
        .route(
            "/console/group-buys/{id}/close",
            post(group_buy_console::close),
        )
        // Short videos (issue 8). An upload is the one body larger than `UPLOAD_LIMIT`.
        .route(
            crate::VIDEO_UPLOAD_PATH,
            get(short_videos::show)
                .post(short_videos::upload)
                .layer(DefaultBodyLimit::max(crate::VIDEO_UPLOAD_LIMIT)),
        )
        .route(
            "/console/shops/{shop}/videos/{id}/progress",
            get(short_videos::progress),
        )
        .route(
            "/console/shops/{shop}/videos/{id}/delete",
            post(short_videos::delete),
        )
        .route("/videos/{id}", get(video_page::show))
        .route("/videos/{id}/{file}", get(video_page::file))
        // Commerce figures (issue 7).
        .route("/stats", get(stats::show))
        .route("/stats/export.csv", get(stats_export::csv))
        .route("/stats/export.xlsx", get(stats_export::xlsx))
}
