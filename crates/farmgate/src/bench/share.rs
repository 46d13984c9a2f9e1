//! `farmgate bench share`: what a leader's share link costs. Starts Farmgate with the demo
//! county, then loads `/healthz` (the ceiling), a product's page, and visits through the demo
//! leader's marked link to it — signed out (the click is written and kept in a cookie) and
//! signed in (the click is written for the buyer) — each a 303 on to the page. Every visit
//! writes a click, so this is the write a link shared into a busy village chat group costs.

use anyhow::Context;
use farmgate_domain::access::Actor;
use farmgate_services::share_links::Shared;
use farmgate_store::Page;

use super::http::{measure, print_table, sign_in, Scenario};
use super::server::BenchServer;
use super::DemoCounty;
use crate::cli::HttpBenchArgs;

/// A marked visit must serve at least this share of the ceiling's rate.
const VISIT_TARGET: f64 = 0.25;

pub async fn run(args: HttpBenchArgs) -> anyhow::Result<()> {
    let data = tempfile::tempdir()?;
    let DemoCounty {
        sql,
        store,
        services,
        plan,
    } = DemoCounty::seed(data.path()).await?;
    let leader = store
        .account_by_email("leader@demo.farmgate.test")
        .await?
        .context("the demo has a leader")?;
    let shop = store
        .list_shops(&Default::default(), Page::first(1))
        .await?;
    let shop = shop.first().context("the demo has shops")?;
    let products = store.products_of_shop(&shop.id, Page::first(1)).await?;
    let product = &products
        .first()
        .context("the shop has products")?
        .product
        .id;
    let leader = Actor {
        account_id: leader.id,
        roles: leader.roles,
        shops: Vec::new(),
    };
    let token = services
        .share_token(&leader, &Shared::Product(product.clone()))
        .await?;
    let buyer = sign_in(&services, "buyer@demo.farmgate.test").await?;
    let demo = crate::seed::demo_accounts(&plan);
    let server = BenchServer::start(sql, services, demo, data.path(), None).await?;

    let page = format!("/products/{product}");
    let marked = format!("{page}?via={token}");
    let scenarios = [
        Scenario::new("/healthz (ceiling)", "/healthz", None),
        Scenario::new("product page, anonymous", page, None),
        Scenario {
            redirects: true,
            ..Scenario::new("marked visit, signed out", marked.clone(), None)
        },
        Scenario {
            redirects: true,
            ..Scenario::new("marked visit, signed-in buyer", marked, Some(buyer))
        },
    ];
    println!("farmgate bench share: a leader's link to one product, demo county");
    let samples = measure(&server.base, &scenarios, &args, "demo county").await?;
    server.stop().await?;
    print_table(&scenarios, &samples)?;
    let clicks = store.leader_figures(&leader.account_id).await?.clicks;
    println!("clicks recorded, warm-up included: {clicks}");
    let ceiling = samples[0].requests_per_second();
    let visit = samples[2..]
        .iter()
        .map(|s| s.requests_per_second() / ceiling)
        .fold(f64::INFINITY, f64::min);
    let verdict = if visit >= VISIT_TARGET {
        "met"
    } else {
        "NOT met"
    };
    println!(
        "target: marked visits >= {:.0}% of the ceiling's rate: {verdict} ({:.1}%)",
        VISIT_TARGET * 100.0,
        visit * 100.0
    );
    Ok(())
}
