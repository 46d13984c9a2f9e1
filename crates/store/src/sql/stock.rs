//! Taking a batch of checkouts' stock inside their transaction. The SKUs' stock is read once
//! (and locked, on PostgreSQL), each checkout in turn takes every line or nothing, and what
//! was taken is written back in one statement: a few round trips to the database for the
//! whole batch, where a statement per checkout each waited its turn for the database's thread
//! on a busy CPU.

use std::collections::{BTreeMap, BTreeSet};

use sqlx::AnyConnection;

use super::{for_update, param, params};
use crate::{Backend, NewCheckout, StoreResult};

/// SKUs per statement at most; chunks are padded to a power of two (repeating the last SKU,
/// which changes nothing), so a handful of statement shapes stay prepared.
const SKUS_PER_STATEMENT: usize = 512;

/// The stock of a batch's SKUs as the batch's checkouts take it.
#[derive(Debug, Default)]
pub(super) struct BatchStock {
    stock: BTreeMap<String, i64>,
    taken: BTreeSet<String>,
}

impl BatchStock {
    /// Takes every line of a checkout, or nothing when a line is short (or its SKU is gone);
    /// answers whether it took.
    pub(super) fn take<'a>(&mut self, lines: impl IntoIterator<Item = (&'a str, i64)>) -> bool {
        let mut wanted: BTreeMap<&str, i64> = BTreeMap::new();
        for (sku, quantity) in lines {
            *wanted.entry(sku).or_default() += quantity;
        }
        let enough = wanted.iter().all(|(sku, quantity)| {
            *quantity > 0 && self.stock.get(*sku).is_some_and(|left| left >= quantity)
        });
        if enough {
            for (sku, quantity) in wanted {
                if let Some(left) = self.stock.get_mut(sku) {
                    *left -= quantity;
                }
                self.taken.insert(sku.to_owned());
            }
        }
        enough
    }

    /// The SKUs whose stock went down, with what is left of it.
    fn changed(&self) -> Vec<(&str, i64)> {
        self.taken
            .iter()
            .filter_map(|sku| self.stock.get(sku).map(|left| (sku.as_str(), *left)))
            .collect()
    }
}

/// Each line of the checkout's orders as its SKU and quantity.
pub(super) fn lines(checkout: &NewCheckout) -> impl Iterator<Item = (&str, i64)> {
    checkout
        .orders
        .iter()
        .flat_map(|detail| &detail.lines)
        .map(|line| (line.sku_id.as_str(), line.quantity))
}

/// Reads (and on PostgreSQL locks, in id order) the stock of every SKU the checkouts buy.
pub(super) async fn read_stock(
    conn: &mut AnyConnection,
    backend: Backend,
    checkouts: &[&NewCheckout],
) -> StoreResult<BatchStock> {
    let skus: BTreeSet<&str> = checkouts
        .iter()
        .flat_map(|checkout| lines(checkout))
        .map(|(sku, _)| sku)
        .collect();
    let skus: Vec<&str> = skus.into_iter().collect();
    let lock = for_update(backend);
    let mut stock = BatchStock::default();
    for chunk in skus.chunks(SKUS_PER_STATEMENT) {
        let chunk = padded(chunk);
        let sql = format!(
            "SELECT id, stock FROM skus WHERE id IN ({}) ORDER BY id{lock}",
            params(backend, 1, chunk.len())
        );
        let mut query = sqlx::query_as::<_, (String, i64)>(&sql);
        for sku in &chunk {
            query = query.bind(*sku);
        }
        stock.stock.extend(query.fetch_all(&mut *conn).await?);
    }
    Ok(stock)
}

/// Writes back the stock of every SKU a checkout took from.
pub(super) async fn write_stock(
    conn: &mut AnyConnection,
    backend: Backend,
    stock: &BatchStock,
) -> StoreResult<()> {
    let changed = stock.changed();
    for chunk in changed.chunks(SKUS_PER_STATEMENT) {
        let chunk = padded(chunk);
        let sql = format!("UPDATE skus SET stock = {}", by_id(backend, chunk.len()));
        let mut query = sqlx::query(&sql);
        for (sku, left) in &chunk {
            query = query.bind(*sku).bind(*left);
        }
        for (sku, _) in &chunk {
            query = query.bind(*sku);
        }
        query.execute(&mut *conn).await?;
    }
    Ok(())
}

/// `items` with its last item repeated up to the next power of two.
fn padded<T: Copy>(items: &[T]) -> Vec<T> {
    let mut padded = items.to_vec();
    if let Some(&last) = items.last() {
        padded.resize(items.len().next_power_of_two(), last);
    }
    padded
}

/// `CASE id WHEN ? THEN ? … END WHERE id IN (…)` for `n` rows: bind each row's id and value in
/// turn, then the ids again. One statement sets a value per row.
pub(super) fn by_id(backend: Backend, n: usize) -> String {
    let cases = (0..n)
        .map(|i| {
            let (id, value) = (param(backend, 2 * i + 1), param(backend, 2 * i + 2));
            format!("WHEN {id} THEN CAST({value} AS BIGINT)")
        })
        .collect::<Vec<_>>()
        .join(" ");
    format!(
        "CASE id {cases} END WHERE id IN ({})",
        params(backend, 2 * n + 1, n)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stock(skus: &[(&str, i64)]) -> BatchStock {
        BatchStock {
            stock: skus.iter().map(|(s, n)| (s.to_string(), *n)).collect(),
            taken: BTreeSet::new(),
        }
    }

    #[test]
    fn checkouts_take_in_turn_and_a_short_one_takes_nothing() {
        let mut stock = stock(&[("a", 5), ("b", 1)]);
        assert!(stock.take([("a", 3), ("b", 1)]));
        assert!(!stock.take([("a", 1), ("b", 1)]));
        assert!(!stock.take([("a", 3)]));
        assert!(stock.take([("a", 1), ("a", 1)]));
        assert_eq!(stock.changed(), [("a", 0), ("b", 0)]);
    }

    #[test]
    fn an_unknown_sku_or_a_quantity_below_one_takes_nothing() {
        let mut stock = stock(&[("a", 5)]);
        assert!(!stock.take([("a", 1), ("gone", 1)]));
        assert!(!stock.take([("a", 0)]));
        assert!(!stock.take([("a", -2)]));
        assert!(stock.changed().is_empty());
    }

    #[test]
    fn chunks_pad_to_a_power_of_two_with_their_last_item() {
        assert_eq!(padded(&[1, 2, 3]), [1, 2, 3, 3]);
        assert_eq!(padded(&[1, 2]), [1, 2]);
        assert!(padded::<i32>(&[]).is_empty());
    }
}
