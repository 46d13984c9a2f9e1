//! The demo leader's attributed sales (planned in `farmgate_demo::leader_sales`), made the way
//! they happen: the leader's signed link for the product, opened by a neighbour, then the
//! neighbour's checkout paid at the sandbox cashier, shipped by the producer and confirmed by
//! the buyer — each at the moment the plan says. So the commission is attributed, booked on
//! delivery and pending otherwise, by the same code as any sale. Once per store, after the
//! group-buys (whose neighbours buy here too).

use farmgate_demo::{DemoLeaderSale, DemoPlan, SaleFate, EMAIL_DOMAIN};
use farmgate_domain::access::Actor;
use farmgate_domain::time::Timestamp;
use farmgate_payments::sandbox::SandboxProvider;

use crate::checkout::{CartItem, CheckoutRequest};
use crate::demo_group_buys::{address, buyer_actor};
use crate::share_links::Shared;
use crate::{ServiceError, ServiceResult, Services};

const DEMO_LEADER_SALES_KEY: &str = "demo_leader_sales";
const HOUR: i64 = 3_600_000;

/// What every sale of one seeding shares.
struct SaleRun<'a> {
    plan: &'a DemoPlan,
    leader: &'a Actor,
    sandbox: &'a SandboxProvider,
    now: Timestamp,
}

impl Services {
    /// Seeds the demo leader's sales unless this store has them; how many orders it placed.
    pub async fn seed_demo_leader_sales(
        &self,
        plan: &DemoPlan,
        sandbox: &SandboxProvider,
    ) -> ServiceResult<usize> {
        let Some(seed) = self.demo_step_due(DEMO_LEADER_SALES_KEY).await? else {
            return Ok(0);
        };
        let Some(leader) = self.demo_account_actor("leader").await? else {
            return Ok(0);
        };
        let now = self.clock.now();
        let run = SaleRun {
            plan,
            leader: &leader,
            sandbox,
            now,
        };
        let members = farmgate_demo::group_buys(plan, seed, now).members;
        let demo = farmgate_demo::leader_sales(plan, seed);
        for (n, sale) in demo.sales.iter().enumerate() {
            let member = members.get(sale.buyer).ok_or(ServiceError::NotFound)?;
            let buyer = self
                .store
                .account_by_email(&member.email)
                .await?
                .ok_or(ServiceError::NotFound)?;
            let buyer = buyer_actor(buyer.id);
            let request = CheckoutRequest {
                address: address(member),
                idempotency_key: format!("demo-leader-sale-{n}"),
                ..CheckoutRequest::default()
            };
            self.seed_sale(&run, &buyer, sale, request).await?;
        }
        for (product, hours_ago) in &demo.idle_clicks {
            let (_, product, _) = self.demo_variant(plan, *product, 0).await?;
            let at = self.at(now.plus_millis(-hours_ago * HOUR));
            let shared = Shared::Product(product);
            let token = at.share_token(&leader, &shared).await?;
            at.follow_share_link(&token, &shared, None).await?;
        }
        self.store.set_meta(DEMO_LEADER_SALES_KEY, "1").await?;
        Ok(demo.sales.len())
    }

    async fn seed_sale(
        &self,
        run: &SaleRun<'_>,
        buyer: &Actor,
        sale: &DemoLeaderSale,
        mut request: CheckoutRequest,
    ) -> ServiceResult<()> {
        let (producer, product, sku) = self.demo_variant(run.plan, sale.product, sale.sku).await?;
        let clicked = run.now.plus_millis(-sale.clicked_hours_ago * HOUR);
        let shared = Shared::Product(product.clone());
        let token = self.at(clicked).share_token(run.leader, &shared).await?;
        self.at(clicked)
            .follow_share_link(&token, &shared, Some(&buyer.account_id))
            .await?;
        let ordered = clicked.plus_millis(sale.ordered_after_hours * HOUR);
        request.items = vec![CartItem {
            product,
            sku,
            quantity: sale.quantity,
            video: None,
        }];
        let placed = self.at(ordered).checkout(buyer, &request).await?;
        self.at(ordered.plus_millis(HOUR / 60))
            .pay_at_sandbox(buyer, &placed.checkout, run.sandbox)
            .await?;
        if sale.fate == SaleFate::Paid {
            return Ok(());
        }
        let shipped = self.at(ordered.plus_millis(20 * HOUR));
        for order in &placed.orders {
            let id = &order.order.id;
            let tracking = format!("SF{}", 1_000_000_000_000 + ordered.millis() % 1_000_000_000);
            shipped.ship_order(&producer, id, "顺丰", &tracking).await?;
            if sale.fate == SaleFate::Delivered {
                let arrived = self.at(ordered.plus_millis(3 * 24 * HOUR));
                arrived.confirm_receipt(buyer, id).await?;
            }
        }
        Ok(())
    }
}

impl Services {
    /// The demo account `local@…` as an actor with its roles (shops are not needed by the
    /// demo steps that act as hub or leader); `None` when the store lacks it.
    pub(crate) async fn demo_account_actor(&self, local: &str) -> ServiceResult<Option<Actor>> {
        let email = format!("{local}@{EMAIL_DOMAIN}");
        Ok(self
            .store
            .account_by_email(&email)
            .await?
            .map(|account| Actor {
                account_id: account.id,
                roles: account.roles,
                shops: Vec::new(),
            }))
    }
}
