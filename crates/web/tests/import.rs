//! A producer imports products from a file: a file with errors imports nothing and shows each
//! row's problem; ticking "import the valid rows" imports the good products whole; a clean
//! file (even GBK from Chinese Excel, with village names) imports all; unreadable files say why.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use farmgate_domain::listing::ListingStatus;
use farmgate_domain::role::Role;
use farmgate_store::{Page, ShopRecord};
use reqwest::multipart::{Form, Part};
use support::{TestApp, Visitor, VILLAGE};

const HEADER: &str =
    "title,category,grade,origin village,variant,unit,net weight (g),price (yuan),stock";

/// Two products: goji in rows 2 and 4 (row 4's price is wrong), quinoa in row 3.
fn file_with_one_bad_row() -> String {
    format!(
        "{HEADER}\n\
         柴达木黑枸杞,fruit,特级,{VILLAGE},250g 袋装,g,250,68.00,10\n\
         高原藜麦,grain,一级,{VILLAGE},1kg 袋装,kg,1000,\"¥30\",5\n\
         柴达木黑枸杞,fruit,特级,{VILLAGE},500g 罐装,g,500,12.345,3\n"
    )
}

async fn upload(
    visitor: &Visitor,
    shop: &ShopRecord,
    name: &str,
    bytes: Vec<u8>,
    import_valid: bool,
) -> (u16, String) {
    let mut form = Form::new()
        .text("csrf", visitor.csrf().await)
        .part("file", Part::bytes(bytes).file_name(name.to_owned()));
    if import_valid {
        form = form.text("import_valid", "1");
    }
    let response = visitor
        .client
        .post(visitor.url(&format!("/console/shops/{}/products/import", shop.id)))
        .header("accept-language", "en")
        .multipart(form)
        .send()
        .await
        .unwrap();
    (response.status().as_u16(), response.text().await.unwrap())
}

async fn products(app: &TestApp, shop: &ShopRecord) -> Vec<farmgate_store::ProductDetail> {
    app.services
        .store
        .products_of_shop(&shop.id, Page::first(100))
        .await
        .unwrap()
}

async fn producer(app: &TestApp) -> (Visitor, ShopRecord) {
    let owner = app.account("zhuoma@example.cn", &[Role::Buyer]).await;
    let shop = app.shop_for(&owner, "卓玛家庭农场").await;
    let visitor = app.visitor();
    visitor.sign_in("zhuoma@example.cn").await;
    (visitor, shop)
}

#[tokio::test]
async fn a_file_with_errors_imports_nothing_unless_the_valid_rows_are_asked_for() {
    let app = TestApp::spawn().await;
    let (visitor, shop) = producer(&app).await;
    let file = file_with_one_bad_row().into_bytes();

    let (status, page) = upload(&visitor, &shop, "goods.csv", file.clone(), false).await;
    assert_eq!(status, 422);
    assert!(
        page.contains("Rows read: 3; products in them: 2."),
        "{page}"
    );
    assert!(
        page.contains(r#"data-row="4"><td>4</td><td>price (yuan)</td><td>Price: is not valid"#),
        "{page}"
    );
    assert_eq!(page.matches("class=\"import-error\"").count(), 1);
    assert!(page.contains("Nothing was imported"));
    assert!(products(&app, &shop).await.is_empty(), "nothing was stored");

    let (status, page) = upload(&visitor, &shop, "goods.csv", file, true).await;
    assert_eq!(status, 200);
    assert!(
        page.contains("Products imported: 1; variants: 1."),
        "{page}"
    );
    assert!(page.contains("left out whole"));
    let stored = products(&app, &shop).await;
    assert_eq!(stored.len(), 1, "the goji with a bad row is left out whole");
    assert_eq!(stored[0].product.title, "高原藜麦");
    assert_eq!(stored[0].skus[0].price.minor(), 3_000);
    assert_eq!(stored[0].product.status, ListingStatus::PendingReview);

    let hub = app.signed_in("hub@example.cn", &[Role::HubOperator]).await;
    let queue = hub.get("/hub/listings").await.text().await.unwrap();
    assert!(
        queue.contains(&format!("listing-{}", stored[0].product.id)),
        "in the hub's queue"
    );
}

#[tokio::test]
async fn a_clean_gbk_file_from_chinese_excel_imports_every_product_with_its_variants() {
    let app = TestApp::spawn().await;
    let (visitor, shop) = producer(&app).await;
    let text = "商品标题,分类,等级,产地村,规格名称,单位,净重(克),价格(元),库存,上市月份\r\n\
                柴达木黑枸杞,果品,特级,沟里村,250g 袋装,克,250,68,10,8-10\r\n\
                柴达木黑枸杞,,,,500g 罐装,克,500,128.5,4,\r\n\
                牦牛肉干,加工食品,一级,沟里村,\"200g, 五香\",盒,200,45.00,20,\r\n";
    let (gbk, _, _) = encoding_rs::GBK.encode(text);

    let (status, page) = upload(&visitor, &shop, "商品.CSV", gbk.into_owned(), false).await;
    assert_eq!(status, 200, "{page}");
    assert!(
        page.contains("Products imported: 2; variants: 3."),
        "{page}"
    );
    let stored = products(&app, &shop).await;
    let titled = |title: &str| stored.iter().find(|p| p.product.title == title).unwrap();
    let goji = titled("柴达木黑枸杞");
    assert_eq!(
        goji.product.origin.as_str(),
        VILLAGE,
        "the village by its name"
    );
    assert_eq!(
        goji.skus
            .iter()
            .map(|s| s.price.minor())
            .collect::<Vec<_>>(),
        [6_800, 12_850]
    );
    assert!(!goji
        .product
        .season
        .contains(farmgate_domain::calendar::Month::new(7).unwrap()));
    assert_eq!(titled("牦牛肉干").skus[0].name, "200g, 五香");
}

#[tokio::test]
async fn the_template_imports_as_it_is() {
    let app = TestApp::spawn().await;
    let (visitor, shop) = producer(&app).await;
    let response = visitor
        .get(&format!(
            "/console/shops/{}/products/import/template.csv",
            shop.id
        ))
        .await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["content-type"],
        "text/csv; charset=utf-8"
    );
    let template = response.bytes().await.unwrap().to_vec();
    assert!(
        template.starts_with("\u{feff}商品标题,".as_bytes()),
        "Chinese by default, with a BOM"
    );
    assert!(
        String::from_utf8_lossy(&template).contains("沟里村"),
        "the shop's own village"
    );

    let (status, page) = upload(&visitor, &shop, "template.csv", template, false).await;
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("Products imported: 1; variants: 1."));
    let page = visitor
        .get(&format!("/console/shops/{}/products/import", shop.id))
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("import-template-link"));
}

#[tokio::test]
async fn unreadable_files_are_refused_with_a_reason() {
    let app = TestApp::spawn().await;
    let (visitor, shop) = producer(&app).await;
    let cases: [(&str, Vec<u8>, &str); 5] = [
        ("empty.csv", Vec::new(), "The file has no products"),
        (
            "short.csv",
            b"title,price\n\xe6\x9e\xb8\xe6\x9d\x9e,68\n".to_vec(),
            "lacks these required columns: category, grade, origin village, variant, unit.",
        ),
        (
            "old.xls",
            b"\xD0\xCF\x11\xE0".to_vec(),
            "Only CSV (.csv) and Excel (.xlsx)",
        ),
        (
            "broken.csv",
            b"title\n\xFF\xFE\xFF\n".to_vec(),
            "cannot be read",
        ),
        (
            "huge.csv",
            vec![b'a'; farmgate_services::import::MAX_FILE_BYTES + 1],
            "The file is too large: at most 5 MB.",
        ),
    ];
    for (name, bytes, message) in cases {
        let (status, page) = upload(&visitor, &shop, name, bytes, true).await;
        assert_eq!(status, 422, "{name}");
        assert!(page.contains(message), "{name}: {page}");
    }
    let (status, page) = upload(
        &visitor,
        &shop,
        "over.csv",
        vec![b'a'; 6 * 1024 * 1024],
        true,
    )
    .await;
    assert_eq!(
        (status, page.contains("at most 5 MB")),
        (422, true),
        "over the body limit too"
    );
    assert!(products(&app, &shop).await.is_empty());
}

#[tokio::test]
async fn another_shop_cannot_import_into_mine() {
    let app = TestApp::spawn().await;
    let (_, shop) = producer(&app).await;
    let other = app.account("tashi@example.cn", &[Role::Buyer]).await;
    app.shop_for(&other, "扎西合作社").await;
    let stranger = app.visitor();
    stranger.sign_in("tashi@example.cn").await;
    let (status, _) = upload(
        &stranger,
        &shop,
        "goods.csv",
        file_with_one_bad_row().into_bytes(),
        true,
    )
    .await;
    assert_eq!(status, 403);
    assert!(products(&app, &shop).await.is_empty());
}
