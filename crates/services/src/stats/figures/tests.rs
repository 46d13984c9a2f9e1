use super::*;

fn sums(paid: i64, refunded: i64, orders: i64) -> RollupFigures {
    RollupFigures {
        paid_minor: paid,
        refunded_minor: refunded,
        orders,
        units: orders,
    }
}

fn row(key: &str, figures: RollupFigures) -> (String, RollupFigures) {
    (key.to_owned(), figures)
}

fn headline(all: &[Headline], id: FigureId) -> Figure {
    all.iter().find(|h| h.id == id).unwrap().figure
}

#[test]
fn agricultural_products_are_split_from_the_rest_and_refunds_subtract() {
    let now = vec![
        row("fruit", sums(5_000_000, 500_000, 40)),
        row("processed", sums(2_000_000, 0, 10)),
        row("handicrafts", sums(1_000_000, 0, 2)),
    ];
    let last_year = vec![row("fruit", sums(4_000_000, 0, 30))];
    let headlines = headlines(
        &[now, last_year, Vec::new()],
        &[sums(8_000_000, 500_000, 52)],
        Some([0, 0, 0]),
        None,
        Figure::counted(3, 2, 0),
    );
    let total = headline(&headlines, FigureId::OnlineRetailSales);
    assert_eq!((total.now, total.last_year), (7_500_000, 4_000_000));
    assert_eq!(
        total.year_on_year,
        Growth::Percent {
            basis_points: 8_750
        }
    );
    assert_eq!(
        total.on_previous,
        Growth::NoBase,
        "nothing before: new, not grown"
    );
    let agricultural = headline(&headlines, FigureId::AgriculturalSales);
    assert_eq!(
        agricultural.now, 6_500_000,
        "handicrafts are not agricultural"
    );
    assert_eq!(
        headline(&headlines, FigureId::AgriculturalPrimarySales).now,
        4_500_000
    );
    assert_eq!(
        headline(&headlines, FigureId::AgriculturalProcessedSales).now,
        2_000_000
    );
    assert_eq!(headline(&headlines, FigureId::Orders).now, 52);
    assert_eq!(
        headline(&headlines, FigureId::AverageOrderValue).now,
        8_000_000 / 52
    );
    assert_eq!(headline(&headlines, FigureId::Refunds).now, 500_000);
    assert!(
        headlines.iter().all(|h| h.id != FigureId::Buyers),
        "not counted here"
    );
}

#[test]
fn a_small_base_says_so_instead_of_a_percentage() {
    let figure = Figure::money(5_000_000, 50_000, 0);
    assert_eq!(figure.year_on_year, Growth::SmallBase);
    assert_eq!(
        Figure::counted(3, 1, 3).year_on_year,
        Growth::Percent {
            basis_points: 20_000
        }
    );
}

#[test]
fn rows_join_by_key_largest_first() {
    let joined: Vec<(Category, Figure)> = joined(&[
        vec![row("honey", sums(100, 0, 1)), row("fruit", sums(300, 0, 1))],
        vec![row("grain", sums(700, 0, 1))],
        vec![row("fruit", sums(200, 0, 1))],
    ]);
    let keys: Vec<Category> = joined.iter().map(|(k, _)| *k).collect();
    assert_eq!(keys, [Category::Fruit, Category::Honey, Category::Grain]);
    assert_eq!((joined[0].1.now, joined[0].1.previous), (300, 200));
    assert_eq!((joined[2].1.now, joined[2].1.last_year), (0, 700));
}

#[test]
fn quarters_gather_their_months_in_both_years() {
    let months = [
        (202_501, 10),
        (202_503, 5),
        (202_512, 7),
        (202_602, 20),
        (202_611, 4),
    ];
    assert_eq!(
        quarters(&months, 2026),
        [(1, 20, 15), (2, 0, 0), (3, 0, 0), (4, 4, 7)]
    );
}

#[test]
fn buyers_are_counted_only_for_calendar_periods() {
    let day = farmgate_domain::calendar::CivilDate::parse("2026-11-23").unwrap();
    assert_eq!(
        buyer_period(Period::quarter_of(day)),
        Some(BuyerPeriod::Quarter(20_264))
    );
    assert_eq!(
        buyer_period(Period::month_of(day)),
        Some(BuyerPeriod::Month(202_611))
    );
    assert_eq!(buyer_period(Period::week_of(day)), None);
    let [buyers, rate] = buyer_figures(&[
        BuyerCounts {
            buyers: 200,
            repeat_buyers: 50,
        },
        BuyerCounts {
            buyers: 100,
            repeat_buyers: 10,
        },
    ]);
    assert_eq!(
        (buyers.now, buyers.last_year, buyers.previous),
        (200, 100, 0)
    );
    assert_eq!((rate.now, rate.last_year), (2_500, 1_000));
}

#[test]
fn goods_down_are_left_out_where_destinations_cannot_follow_the_filter() {
    let now = vec![row("fruit", sums(5_000_000, 0, 4))];
    let narrowed = headlines(
        std::slice::from_ref(&now),
        &[],
        None,
        None,
        Figure::counted(1, 0, 0),
    );
    assert!(narrowed.iter().all(|h| h.id != FigureId::DownSales));
    let county = headlines(&[now], &[], Some([7, 0, 0]), None, Figure::counted(1, 0, 0));
    assert_eq!(headline(&county, FigureId::DownSales).now, 7);
}
