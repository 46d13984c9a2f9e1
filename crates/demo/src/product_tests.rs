//! Properties of the demo's products: counts, validity, spread, prices and determinism.

#![allow(clippy::unwrap_used)]

use std::collections::{BTreeMap, HashSet};

use farmgate_domain::availability::Season;
use farmgate_domain::catalogue::{limits, ProductDescription, ProductTitle};
use farmgate_domain::money::Money;
use farmgate_domain::sku::{SkuInput, SkuSpec};

use super::*;

const SEEDS: [u64; 5] = [DEFAULT_SEED, 0, 1, 7, u64::MAX];

fn spec(sku: &DemoSku) -> SkuSpec {
    let input = SkuInput {
        name: &sku.name,
        price_fen: sku.price_fen,
        unit: sku.unit.as_str(),
        net_weight_g: sku.net_weight_g,
        shipping_weight_g: sku.shipping_weight_g,
        stock: sku.stock,
    };
    match SkuSpec::parse(&input) {
        Ok(spec) => spec,
        Err(errors) => panic!("{sku:?}: {errors:?}"),
    }
}

fn by_producer(plan: &DemoPlan) -> Vec<Vec<&DemoProduct>> {
    let mut shops = vec![Vec::new(); plan.producers.len()];
    for product in &plan.products {
        shops[product.producer].push(product);
    }
    shops
}

#[test]
fn the_same_seed_gives_the_same_products_and_another_seed_others() {
    let (a, b) = (plan(DEFAULT_SEED), plan(DEFAULT_SEED));
    assert_eq!(a.products, b.products);
    let other = plan(DEFAULT_SEED + 1);
    assert_ne!(a.products, other.products);
}

#[test]
fn about_600_products_two_to_four_a_shop_from_its_own_specialties() {
    for seed in SEEDS {
        let plan = plan(seed);
        let count = plan.products.len();
        assert!(
            (550..=650).contains(&count),
            "seed {seed}: {count} products"
        );
        for (index, shop) in by_producer(&plan).iter().enumerate() {
            let producer = &plan.producers[index];
            assert!(
                (2..=4).contains(&shop.len()),
                "{} lists {}",
                producer.shop_name,
                shop.len()
            );
            assert_eq!(
                shop[0].specialty, producer.specialties[0],
                "main specialty first"
            );
            for product in shop {
                // The showcase farm lists black goji whatever its drawn specialties say.
                let goji_family =
                    matches!(product.specialty, Specialty::Goji | Specialty::BlackGoji);
                assert!(
                    producer.specialties.contains(&product.specialty)
                        || (index == 0 && goji_family),
                    "{}: {:?}",
                    product.title,
                    producer.specialties
                );
            }
        }
        let order: Vec<usize> = plan.products.iter().map(|p| p.producer).collect();
        assert!(order.windows(2).all(|w| w[0] <= w[1]), "in producer order");
    }
}

#[test]
fn the_showcase_farm_lists_three_goji_products_with_a_special_black_goji() {
    for seed in SEEDS {
        let plan = plan(seed);
        let shop: Vec<_> = plan.products.iter().filter(|p| p.producer == 0).collect();
        assert_eq!(shop.len(), 3, "seed {seed}");
        assert!(shop
            .iter()
            .all(|p| matches!(p.specialty, Specialty::Goji | Specialty::BlackGoji)));
        assert!(shop.iter().all(|p| p.title.contains("枸杞")));
        let black = shop
            .iter()
            .find(|p| p.specialty == Specialty::BlackGoji)
            .unwrap();
        assert_eq!(black.grade, farmgate_domain::catalogue::Grade::Special);
        assert!(
            black.title.ends_with("黑枸杞 特级 250g罐装"),
            "{}",
            black.title
        );
        assert_eq!(black.skus.len(), 1);
        assert_eq!(black.skus[0].net_weight_g, Some(250));
        let skus = shop.iter().flat_map(|p| &p.skus);
        assert!(
            skus.clone().all(|sku| sku.stock >= 6),
            "the showcase is never short"
        );
        assert!(shop.iter().all(|p| !p.presale));
    }
}

#[test]
fn every_product_passes_the_catalogue_validators() {
    for seed in SEEDS {
        let plan = plan(seed);
        for product in &plan.products {
            let title = ProductTitle::parse(&product.title).unwrap();
            assert_eq!(title.as_str(), product.title);
            assert!(!product.title_en.is_empty() && product.title_en.len() <= 80);
            assert!(product.title_en.is_ascii(), "{}", product.title_en);
            let description = ProductDescription::parse(&product.description).unwrap();
            assert_eq!(description.as_str(), product.description);
            let grade = String::from(product.grade.clone());
            assert_eq!(
                farmgate_domain::catalogue::Grade::parse(&grade),
                Ok(product.grade.clone())
            );
            if !product.season_months.is_empty() {
                assert!(Season::from_months(&product.season_months).is_ok());
            }
            assert!(
                (1..=3).contains(&product.skus.len()) && product.skus.len() <= limits::MAX_SKUS
            );
            let names: HashSet<_> = product.skus.iter().map(|s| &s.name).collect();
            assert_eq!(names.len(), product.skus.len(), "{}", product.title);
            for sku in &product.skus {
                let spec = spec(sku);
                assert_eq!(spec.name.as_str(), sku.name);
                assert!((0..=500).contains(&sku.stock));
            }
            let prices: Vec<i64> = product.skus.iter().map(|s| s.price_fen).collect();
            assert!(
                prices.windows(2).all(|w| w[0] < w[1]),
                "{}: {prices:?}",
                product.title
            );
        }
    }
}

#[test]
fn titles_are_unique_within_a_shop_and_name_the_product() {
    for seed in SEEDS {
        let plan = plan(seed);
        for shop in by_producer(&plan) {
            let titles: HashSet<&str> = shop.iter().map(|p| p.title.as_str()).collect();
            assert_eq!(
                titles.len(),
                shop.len(),
                "{:?}",
                shop.iter().map(|p| &p.title).collect::<Vec<_>>()
            );
        }
        for product in &plan.products {
            let word = match product.specialty {
                Specialty::Goji => "枸杞",
                Specialty::BlackGoji => "黑枸杞",
                Specialty::LakeSalt => "湖盐",
                Specialty::YakMeat | Specialty::YakMilkPowder => "牦牛",
                Specialty::TibetanMutton => "藏羊",
                Specialty::HighlandBarley => "青稞",
                Specialty::Quinoa => "藜麦",
                Specialty::RapeseedOil => "菜籽油",
                Specialty::Honey => "蜂",
                Specialty::Cordyceps => "冬虫夏草",
                Specialty::SeaBuckthorn => "沙棘",
            };
            assert!(
                product.title.contains(word),
                "{} lacks {word}",
                product.title
            );
        }
    }
}

#[test]
fn descriptions_name_the_village_and_its_altitude() {
    let plan = plan(DEFAULT_SEED);
    for product in &plan.products {
        let village = &plan.producers[product.producer].village;
        let place = plan.places.iter().find(|p| &p.code == village).unwrap();
        assert!(
            product.description.contains(&place.name_zh),
            "{}",
            product.description
        );
        assert!(product.description.contains("海拔"));
        assert!((2..=4).contains(&product.description.matches('。').count()));
    }
}

#[test]
fn categories_spread_and_handicrafts_appear() {
    for seed in SEEDS {
        let plan = plan(seed);
        let categories: HashSet<_> = plan.products.iter().map(|p| p.category).collect();
        assert!(categories.len() >= 8, "seed {seed}: {categories:?}");
    }
    let plan = plan(DEFAULT_SEED);
    let mut counts: BTreeMap<Category, usize> = BTreeMap::new();
    for product in &plan.products {
        *counts.entry(product.category).or_default() += 1;
    }
    for category in [
        Category::Fruit,
        Category::Meat,
        Category::Grain,
        Category::Handicrafts,
    ] {
        assert!(
            counts.get(&category).copied().unwrap_or(0) > 0,
            "{category:?}"
        );
    }
}

#[test]
fn a_few_presales_and_a_few_sold_out() {
    for seed in SEEDS {
        let plan = plan(seed);
        let total = plan.products.len();
        let presales: Vec<_> = plan.products.iter().filter(|p| p.presale).collect();
        assert!(
            (total / 50..=total / 20).contains(&presales.len()),
            "{} presales",
            presales.len()
        );
        for product in &presales {
            assert!(!product.season_months.is_empty() && product.title.starts_with("预售 "));
            assert!(product.skus.iter().all(|s| s.stock >= 20));
        }
        let skus: Vec<_> = plan.products.iter().flat_map(|p| &p.skus).collect();
        let sold_out = skus.iter().filter(|s| s.stock == 0).count();
        let low = skus.iter().filter(|s| (1..=5).contains(&s.stock)).count();
        assert!(
            (skus.len() / 50..=skus.len() / 10).contains(&sold_out),
            "{sold_out} sold out"
        );
        assert!(low > 0 && low <= skus.len() / 10, "{low} nearly sold out");
    }
}

/// The figures the product brief names, per 500 g, per pack or per gram.
#[test]
fn prices_are_what_the_county_charges_in_2026() {
    let yuan = |fen: i64| fen as f64 / 100.0;
    for seed in SEEDS {
        let plan = plan(seed);
        for product in &plan.products {
            for sku in &product.skus {
                let price = yuan(sku.price_fen);
                let per_500g = spec(sku).price_per_500g().map(|m: Money| yuan(m.minor()));
                let net = sku.net_weight_g.unwrap_or(0);
                let within = |low: f64, high: f64, value: f64| {
                    assert!(
                        (low..=high).contains(&value),
                        "{} {}: {value} not in {low}–{high}",
                        product.title,
                        sku.name
                    )
                };
                match (product.specialty, product.category) {
                    (_, Category::Handicrafts) => within(80.0, 2000.0, price),
                    (Specialty::BlackGoji, Category::Fruit) if net == 250 => {
                        within(80.0, 300.0, price);
                        if product.grade == farmgate_domain::catalogue::Grade::Special {
                            assert!(
                                price >= 180.0,
                                "{}: special grade at ¥{price}",
                                product.title
                            );
                        }
                    }
                    (Specialty::Goji, Category::Fruit)
                        if product.title.contains("红枸杞") && net == 500 =>
                    {
                        within(30.0, 80.0, price)
                    }
                    (Specialty::LakeSalt, _) => within(8.0, 25.0, price),
                    (Specialty::YakMeat, Category::Meat) => within(90.0, 160.0, per_500g.unwrap()),
                    (Specialty::TibetanMutton, Category::Meat) => {
                        within(60.0, 100.0, per_500g.unwrap())
                    }
                    (Specialty::YakMilkPowder, _) if product.title.contains("奶粉") => {
                        within(80.0, 200.0, price)
                    }
                    (Specialty::HighlandBarley, Category::Grain) => {
                        within(6.0, 20.0, per_500g.unwrap())
                    }
                    (Specialty::Quinoa, Category::Grain) => within(10.0, 30.0, per_500g.unwrap()),
                    (Specialty::RapeseedOil, _) if sku.name.starts_with("5L") => {
                        within(60.0, 120.0, price)
                    }
                    (Specialty::Honey, Category::Honey) if product.title.contains("蜂蜜") => {
                        within(50.0, 150.0, price)
                    }
                    (Specialty::SeaBuckthorn, Category::Processed) => within(40.0, 120.0, price),
                    (Specialty::Cordyceps, _) if product.grade.label_zh().contains("根/克") => {
                        within(200.0, 600.0, price / net as f64)
                    }
                    _ => within(0.01, 100_000.0, price),
                }
            }
        }
    }
}
