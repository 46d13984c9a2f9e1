//! Flash sales (秒杀), the engine: the host starts one on a variant of a live session's bag;
//! buyers buy through an in-memory gate per sale (`gate.rs`) and a group-commit writer
//! (`writer.rs`); the room reads each sale's state from its gate.
//!
//! The database stays the authority: its constraints refuse whatever a gate let through wrongly,
//! and a gate is rebuilt from the database at start-up (`warm_flash_sales`) or when a sale is
//! first asked about. With several nodes on one PostgreSQL database each node keeps its own
//! gate per sale; every node's batches go through the same guarded `UPDATE` of the sale's row,
//! so the sale still never sells more than its units or a buyer more than the limit — a node
//! whose gate was too hopeful has its buyers told no and its gate corrected. Nodes do not tell
//! each other about units that come back from unpaid orders: another node's gate learns of
//! them when it is rebuilt. (Owning each sale on one node, by a lease, is left for later.)

mod buy;
mod gate;
mod host;
mod room;
mod writer;

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use farmgate_domain::flash_sale::FlashSalePhase;
use farmgate_domain::id::{FlashSaleId, LiveSessionId, ProductId, SkuId};
use farmgate_domain::money::Money;
use farmgate_domain::time::Timestamp;
use farmgate_store::{FlashRefusal, FlashReturn};
use tokio::sync::OnceCell;

use crate::{ServiceError, ServiceResult, Services};
use gate::Gate;
use writer::Writer;

pub use buy::{FlashPurchase, FlashPurchaseRequest};
pub use host::FlashSaleForm;

pub const SOLD_OUT: &str = "this flash sale is sold out";
pub const TOO_FEW_LEFT: &str = "fewer units are left in this flash sale than you asked for";
pub const OVER_LIMIT: &str = "that would take you over this flash sale's limit per buyer";
pub const NOT_OPEN: &str = "this flash sale has not opened yet";
pub const CLOSED: &str = "this flash sale is over";
pub const NOT_LIVE: &str = "a flash sale can only be started while the session is live";

/// The gates of the sales this node has been asked about, and the writer they share.
#[derive(Default)]
pub(crate) struct FlashEngine {
    gates: Mutex<HashMap<FlashSaleId, Arc<OnceCell<Arc<Gate>>>>>,
    writer: Writer,
}

impl FlashEngine {
    fn cell(&self, id: &FlashSaleId) -> Arc<OnceCell<Arc<Gate>>> {
        let mut gates = self.gates.lock().unwrap_or_else(PoisonError::into_inner);
        gates.entry(id.clone()).or_default().clone()
    }

    fn loaded(&self, id: &FlashSaleId) -> Option<Arc<Gate>> {
        let gates = self.gates.lock().unwrap_or_else(PoisonError::into_inner);
        gates.get(id).and_then(|cell| cell.get().cloned())
    }

    /// Drops the sale's gate, whichever it is.
    fn drop_gate(&self, id: &FlashSaleId) {
        let mut gates = self.gates.lock().unwrap_or_else(PoisonError::into_inner);
        gates.remove(id);
    }

    /// Drops the sale's gate, but only the one `cell` names: a gate loaded meanwhile stays.
    fn forget(&self, id: &FlashSaleId, cell: &Arc<OnceCell<Arc<Gate>>>) {
        let mut gates = self.gates.lock().unwrap_or_else(PoisonError::into_inner);
        if gates.get(id).is_some_and(|held| Arc::ptr_eq(held, cell)) {
            gates.remove(id);
        }
    }
}

/// A sale as anyone may see it, and as the room shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlashSaleState {
    pub id: FlashSaleId,
    pub session_id: LiveSessionId,
    pub product_id: ProductId,
    pub sku_id: SkuId,
    pub title: String,
    pub sku_name: String,
    pub price: Money,
    /// The variant's everyday price, to show the saving.
    pub regular_price: Money,
    pub stock_limit: i64,
    pub remaining: i64,
    pub per_buyer_limit: i64,
    pub opens_at: Timestamp,
    pub closes_at: Timestamp,
    pub phase: FlashSalePhase,
}

impl Services {
    /// A sale's public state, from its gate: what the room shows and pushes.
    pub async fn flash_sale_state(&self, id: &FlashSaleId) -> ServiceResult<FlashSaleState> {
        let gate = self.flash_gate(id).await?;
        Ok(state_of(&gate, self.clock.now()))
    }

    /// Every sale of a session, oldest first.
    pub async fn live_flash_sales(
        &self,
        session: &LiveSessionId,
    ) -> ServiceResult<Vec<FlashSaleState>> {
        let sales = self.store.flash_sales_of_session(session).await?;
        let mut states = Vec::with_capacity(sales.len());
        for sale in sales {
            states.push(self.flash_sale_state(&sale.id).await?);
        }
        Ok(states)
    }

    /// Builds the gate of every sale not yet settled, so the first buyers after a restart
    /// do not wait for it; returns how many were built. A sale whose gate cannot be built now
    /// is left to be built when it is first asked about.
    pub async fn warm_flash_sales(&self) -> ServiceResult<usize> {
        let mut built = 0;
        for id in self.store.unsettled_flash_sales().await? {
            match self.flash_gate(&id).await {
                Ok(_) => built += 1,
                Err(error) => tracing::warn!(sale = %id, %error, "flash-sale gate not built"),
            }
        }
        Ok(built)
    }

    /// Gives the unsold units of sales that have closed back to their SKUs.
    pub async fn settle_flash_sales(&self) -> ServiceResult<usize> {
        let settled = self.store.settle_flash_sales(self.clock.now()).await?;
        let mut products = Vec::with_capacity(settled.len());
        for id in &settled {
            self.flash.drop_gate(id);
            if let Some(sale) = self.store.flash_sale(id).await? {
                products.push(sale.product_id);
            }
        }
        self.catalogue_changed(products);
        Ok(settled.len())
    }

    /// Units of expired orders went back to their sales: their gates may sell them again.
    pub(crate) fn flash_units_returned(&self, returns: &[FlashReturn]) {
        for returned in returns {
            if let Some(gate) = self.flash.loaded(&returned.sale) {
                gate.units_returned(&returned.buyer, returned.quantity);
            }
        }
    }

    /// The sale's gate, built from the database on first use. A settled sale's gate is not
    /// kept: it only answers "closed" and replays.
    async fn flash_gate(&self, id: &FlashSaleId) -> ServiceResult<Arc<Gate>> {
        let cell = self.flash.cell(id);
        let loaded = cell
            .get_or_try_init(|| async {
                let book = self
                    .store
                    .flash_sale_book(id)
                    .await?
                    .ok_or(ServiceError::NotFound)?;
                let product = self
                    .store
                    .product(&book.sale.product_id)
                    .await?
                    .ok_or(ServiceError::NotFound)?;
                Ok::<_, ServiceError>(Arc::new(Gate::new(book, Arc::new(product))))
            })
            .await
            .cloned();
        if loaded
            .as_ref()
            .map_or(true, |gate| gate.sale.settled_at.is_some())
        {
            self.flash.forget(id, &cell);
        }
        loaded
    }
}

fn state_of(gate: &Gate, now: Timestamp) -> FlashSaleState {
    let sale = &gate.sale;
    let sku = gate.product.skus.iter().find(|sku| sku.id == sale.sku_id);
    FlashSaleState {
        id: sale.id.clone(),
        session_id: sale.session_id.clone(),
        product_id: sale.product_id.clone(),
        sku_id: sale.sku_id.clone(),
        title: gate.product.product.title.clone(),
        sku_name: sku.map(|sku| sku.name.clone()).unwrap_or_default(),
        price: sale.price,
        regular_price: sku.map_or(sale.price, |sku| sku.price),
        stock_limit: sale.stock_limit,
        remaining: gate.remaining(),
        per_buyer_limit: sale.per_buyer_limit,
        opens_at: sale.opens_at,
        closes_at: sale.closes_at,
        phase: gate.phase(now),
    }
}

/// What a buyer is told when the gate or the database says no.
fn refused(why: FlashRefusal) -> ServiceError {
    ServiceError::Conflict(match why {
        FlashRefusal::SoldOut => SOLD_OUT,
        FlashRefusal::TooFewLeft => TOO_FEW_LEFT,
        FlashRefusal::OverLimit => OVER_LIMIT,
        FlashRefusal::NotOpen => NOT_OPEN,
        FlashRefusal::Closed => CLOSED,
    })
}
