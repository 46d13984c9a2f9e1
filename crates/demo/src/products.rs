//! The county's products, about three a shop: each producer lists two to four from its own
//! specialties, its main one first, in the grades, flavours and pack sizes its neighbours
//! sell, with prices and stock. A few are sold out or nearly, and a few seasonal ones are
//! pre-sales of the coming harvest. The showcase farm always lists the same three goji
//! products, so the start page's producer account shows a special-grade black goji.

use crate::catalog::{self, GradeSpec, Line, Text};
use crate::places::{County, Village};
use crate::prices;
use crate::product_text::{self, Origin, TitleParts};
use crate::rng::Rng;
use crate::specialties::Specialty;
use crate::{DemoProducer, DemoProduct, DemoSku};

/// Shops list two to four products: 30% two, 40% three, the rest four, dealt out as fixed
/// shares (like producer kinds) so every seed gives about 600 products for 200 shops.
const TWO_PERCENT: usize = 30;
const THREE_PERCENT: usize = 40;

/// The pack the showcase's black goji is sold in, so the producer account shows the
/// catalogue's textbook listing, "黑枸杞 特级 250g罐装".
const SHOWCASE_BLACK_GOJI_NET_G: u32 = 250;

/// Products offer one to three of their line's pack sizes.
const SKUS_PER_PRODUCT: &[(usize, u32)] = &[(1, 35), (2, 40), (3, 25)];

/// About 3% of products are pre-sales, drawn from those sold in a season.
const PRESALE_PERCENT: usize = 3;

/// Stock: about 5% of SKUs are sold out and 4% nearly so (one to five left).
const SOLD_OUT_PERCENT: u32 = 5;
const LOW_STOCK_PERCENT: u32 = 4;

/// How often a shop's titles lead with its origin; the rest start with the product word.
const ORIGIN_PERCENT: u32 = 80;

/// Redraws allowed per product before a shop settles for fewer.
const ATTEMPTS: usize = 16;

/// A product before its text is written: what it is and what it costs.
struct Draft {
    producer: usize,
    specialty: Specialty,
    choice: Choice,
    origin: Option<Origin>,
    skus: Vec<(&'static catalog::Pack, DemoSku)>,
    presale: bool,
}

/// Which line, grade and style a product is; two products of a shop never share all three
/// where the title shows them.
#[derive(Debug, Clone, Copy)]
struct Choice {
    line: &'static Line,
    grade: GradeSpec,
    style: Option<Text>,
    /// A pack fixed in advance (the showcase's black goji jar) instead of drawn ones.
    pack: Option<usize>,
}

impl Choice {
    fn draw(rng: &mut Rng, line: &'static Line) -> Self {
        let grade = *rng.pick(line.grades);
        let style = (!line.styles.is_empty()).then(|| *rng.pick(line.styles));
        Self {
            line,
            grade,
            style,
            pack: None,
        }
    }

    /// Whether a buyer would see the two as the same listing.
    fn same_listing(&self, other: &Choice) -> bool {
        std::ptr::eq(self.line, other.line)
            && self.style == other.style
            && (self.grade == other.grade || !self.line.grade_in_title)
    }
}

pub(crate) fn products(
    rng: &mut Rng,
    county: &County,
    producers: &[DemoProducer],
) -> Vec<DemoProduct> {
    let mut drafts = Vec::new();
    let mut sizes = shop_sizes(rng, producers.len().saturating_sub(1)).into_iter();
    for (index, producer) in producers.iter().enumerate() {
        let Some(village) = county.villages.iter().find(|v| v.code == producer.village) else {
            continue;
        };
        let showcase = index == 0;
        let choices = if showcase {
            showcase_choices(rng)
        } else {
            let wanted = sizes.next().unwrap_or(3);
            shop_choices(rng, &producer.specialties, wanted)
        };
        let origin = product_text::origin(rng, village);
        for (specialty, choice) in choices {
            let origin = rng.chance(ORIGIN_PERCENT).then(|| origin.clone());
            let skus = skus(rng, &choice, showcase);
            drafts.push(Draft {
                producer: index,
                specialty,
                choice,
                origin,
                skus,
                presale: false,
            });
        }
    }
    open_presales(rng, &mut drafts);
    drafts
        .into_iter()
        .filter_map(|draft| {
            let village = producers
                .get(draft.producer)
                .and_then(|p| county.villages.iter().find(|v| v.code == p.village))?;
            Some(finish(rng, draft, village))
        })
        .collect()
}

/// How many products each shop after the showcase lists, in fixed shares, shuffled.
fn shop_sizes(rng: &mut Rng, shops: usize) -> Vec<usize> {
    let twos = shops * TWO_PERCENT / 100;
    let threes = shops * THREE_PERCENT / 100;
    let mut sizes: Vec<usize> = std::iter::repeat_n(2, twos)
        .chain(std::iter::repeat_n(3, threes))
        .chain(std::iter::repeat(4))
        .take(shops)
        .collect();
    rng.shuffle(&mut sizes);
    sizes
}

/// `wanted` products (fewer only if the shop runs out of distinct listings): the first from
/// the main specialty, the rest from any of the shop's specialties (the main one a little more
/// often), each line at most once unless the shop has run out of lines, and never the same
/// listing twice.
fn shop_choices(
    rng: &mut Rng,
    specialties: &[Specialty],
    wanted: usize,
) -> Vec<(Specialty, Choice)> {
    let main = specialties.first().copied().unwrap_or(Specialty::HEADLINE);
    let weights: Vec<(Specialty, u32)> = specialties
        .iter()
        .map(|s| (*s, if *s == main { 3 } else { 2 }))
        .collect();
    let mut chosen: Vec<(Specialty, Choice)> = Vec::with_capacity(wanted);
    for slot in 0..wanted {
        for _ in 0..ATTEMPTS {
            let specialty = if slot == 0 || weights.is_empty() {
                main
            } else {
                *rng.weighted(&weights)
            };
            let line = pick_line(rng, specialty, &chosen);
            let choice = Choice::draw(rng, line);
            if !chosen.iter().any(|(_, c)| c.same_listing(&choice)) {
                chosen.push((specialty, choice));
                break;
            }
        }
    }
    chosen
}

/// A line of `specialty` by weight, preferring those the shop does not list yet.
fn pick_line(rng: &mut Rng, specialty: Specialty, chosen: &[(Specialty, Choice)]) -> &'static Line {
    let all = catalog::lines(specialty);
    let listed = |line: &Line| chosen.iter().any(|(_, c)| std::ptr::eq(c.line, line));
    let mut fresh: Vec<(&'static Line, u32)> = all
        .iter()
        .filter(|line| !listed(line))
        .map(|line| (line, line.weight))
        .collect();
    if fresh.is_empty() {
        fresh = all.iter().map(|line| (line, line.weight)).collect();
    }
    let line: &&'static Line = rng.weighted(&fresh);
    line
}

/// The showcase farm's three goji products: its dried red goji, a special-grade black goji,
/// and one more goji line. Each specialty's first line is its staple, which the tests check.
fn showcase_choices(rng: &mut Rng) -> Vec<(Specialty, Choice)> {
    let goji = catalog::lines(Specialty::Goji);
    let black = catalog::lines(Specialty::BlackGoji);
    let mut chosen = Vec::with_capacity(3);
    if let Some(red) = goji.first() {
        chosen.push((Specialty::Goji, Choice::draw(rng, red)));
    }
    if let Some(line) = black.first() {
        let jar = line
            .packs
            .iter()
            .position(|p| p.net_g == Some(SHOWCASE_BLACK_GOJI_NET_G));
        let choice = Choice {
            grade: GradeSpec::Special,
            pack: jar,
            ..Choice::draw(rng, line)
        };
        chosen.push((Specialty::BlackGoji, choice));
    }
    let others: Vec<(&'static Line, u32)> = goji
        .iter()
        .skip(1)
        .map(|line| (line, line.weight))
        .collect();
    if !others.is_empty() {
        let line = *rng.weighted(&others);
        chosen.push((Specialty::Goji, Choice::draw(rng, line)));
    }
    chosen
}

/// One to three of the line's packs, smallest first, priced at one position for the product
/// and stocked independently. The showcase farm is never short of stock.
fn skus(rng: &mut Rng, choice: &Choice, showcase: bool) -> Vec<(&'static catalog::Pack, DemoSku)> {
    let packs = choice.line.packs;
    let wanted = (*rng.weighted(SKUS_PER_PRODUCT)).min(packs.len());
    let mut picked: Vec<usize> = (0..packs.len()).collect();
    rng.shuffle(&mut picked);
    picked.truncate(wanted);
    picked.sort_unstable();
    if let Some(fixed) = choice.pack {
        picked = vec![fixed];
    }
    let position = prices::position(rng, choice.grade.tier());
    picked
        .into_iter()
        .filter_map(|i| packs.get(i))
        .map(|pack| {
            let sku = DemoSku {
                name: pack.name.to_owned(),
                unit: pack.unit,
                net_weight_g: pack.net_g.map(i64::from),
                shipping_weight_g: Some(i64::from(pack.ship_g)),
                price_fen: prices::price_fen(pack, position),
                stock: stock(rng, choice.line.stock_max, showcase),
            };
            (pack, sku)
        })
        .collect()
}

fn stock(rng: &mut Rng, max: u32, showcase: bool) -> i64 {
    let roll = rng.between(1, 100);
    let plenty = i64::from(rng.between(6, max.max(6)));
    if showcase || roll > SOLD_OUT_PERCENT + LOW_STOCK_PERCENT {
        plenty
    } else if roll <= SOLD_OUT_PERCENT {
        0
    } else {
        plenty % 5 + 1
    }
}

/// Turns about 3% of all products into pre-sales, chosen among seasonal lines outside the
/// showcase farm. A pre-sale sells the coming harvest, so none of its SKUs is sold out.
fn open_presales(rng: &mut Rng, drafts: &mut [Draft]) {
    let wanted = (drafts.len() * PRESALE_PERCENT + 50) / 100;
    let mut seasonal: Vec<usize> = drafts
        .iter()
        .enumerate()
        .filter(|(_, d)| d.producer != 0 && !d.choice.line.season.is_empty())
        .map(|(i, _)| i)
        .collect();
    rng.shuffle(&mut seasonal);
    for index in seasonal.into_iter().take(wanted) {
        if let Some(draft) = drafts.get_mut(index) {
            draft.presale = true;
            for (_, sku) in &mut draft.skus {
                if sku.stock < 20 {
                    sku.stock = i64::from(rng.between(20, draft.choice.line.stock_max.max(20)));
                }
            }
        }
    }
}

fn finish(rng: &mut Rng, draft: Draft, village: &Village) -> DemoProduct {
    let Choice {
        line, grade, style, ..
    } = draft.choice;
    let single = match draft.skus.as_slice() {
        [(pack, _)] => Some(*pack),
        _ => None,
    };
    let parts = TitleParts {
        origin: draft.origin.as_ref(),
        line,
        style,
        grade,
        pack: single,
        presale: draft.presale,
    };
    DemoProduct {
        producer: draft.producer,
        title: product_text::title_zh(&parts),
        title_en: product_text::title_en(&parts),
        description: product_text::describe(rng, line, grade, village, draft.presale),
        category: line.category,
        grade: grade.grade(),
        specialty: draft.specialty,
        season_months: line.season.to_vec(),
        presale: draft.presale,
        skus: draft.skus.into_iter().map(|(_, sku)| sku).collect(),
    }
}
