//! Produce going up: a producer sends a paid order (or other produce) through the county
//! network from the village point serving the shop's village. The order ships when its parcel
//! is declared — the producer's part is done and the buyer can follow the parcel by its code —
//! and takes the carrier's own number when the warehouse hands the parcel over.

mod handover;
mod path;

use farmgate_domain::access::{authorize, Action, Actor};
use farmgate_domain::account::Phone;
use farmgate_domain::id::{CarrierId, OrderId, ShopId};
use farmgate_domain::network::{point_for_village, Carrier, NetworkNode};
use farmgate_domain::order::OrderStatus;
use farmgate_domain::parcel::{Direction, Parcel, ParcelCode, ParcelEvent, ParcelStage, Villager};
use farmgate_domain::parcel_up::{
    order_weight_g, parse_weight_kg, validate_produce, ProduceForm, NETWORK_CARRIER,
};
use farmgate_domain::validation::{FieldError, Problem};
use farmgate_store::{
    OrderDeclared, ParcelFilter, ProduceRecipientRecord, ShipmentRecord, ONLY_PAID_ORDERS_GO_UP,
};
use rand::RngCore;

pub use handover::{
    HandedOver, Handover, HandoverQueue, QueuedParcel, NOT_RECEIVED, ONLY_UP_PARCELS,
};
pub use path::{ParcelPath, PathStep, PublicPath};

use crate::trace::JourneyStep;
use crate::{new_id, ServiceError, ServiceResult, Services};

/// What the producer adds when sending an order up: its weight when the order's items do not
/// say, and the phone the village point calls (empty: the one on the shop's application).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DeclareOrder {
    pub weight_kg: String,
    pub contact_phone: String,
    /// The network carrier's id the producer wants it handed to; empty for any.
    pub carrier_wanted: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Declared {
    pub parcel: Parcel,
    /// `false` when the order had gone up before: this is the parcel it went in.
    pub new: bool,
}

pub const NO_VILLAGE_POINT: &str =
    "no village point serves this shop's village yet; ask the hub to add one";

impl Services {
    /// Sends a paid order of the actor's shop up through the network. Twice is the same parcel.
    pub async fn declare_order(
        &self,
        actor: &Actor,
        order: &OrderId,
        form: &DeclareOrder,
    ) -> ServiceResult<Declared> {
        let detail = self.managed_order(actor, order).await?;
        if let Some(parcel) = self.order_parcel(order).await? {
            return Ok(Declared { parcel, new: false });
        }
        if detail.order.status != OrderStatus::Paid {
            return Err(ServiceError::Conflict(ONLY_PAID_ORDERS_GO_UP));
        }
        let point = self.shop_point(&detail.order.shop_id).await?;
        let weight_g = if form.weight_kg.trim().is_empty() {
            order_weight_g(detail.lines.iter().map(|line| line.weight_g)).ok_or(FieldError {
                field: "weight",
                problem: Problem::Required,
            })?
        } else {
            parse_weight_kg("weight", &form.weight_kg)?
        };
        let villager = self.producer_contact(actor, &form.contact_phone).await?;
        let (mut parcel, event) = self.new_up_parcel(actor, &point, villager, weight_g);
        parcel.order = Some(order.clone());
        parcel.carrier = self.carrier_wanted(&form.carrier_wanted).await?;
        let shipment = ShipmentRecord {
            carrier: NETWORK_CARRIER.to_owned(),
            tracking_no: parcel.code.as_str().to_owned(),
            shipped_at: parcel.created_at,
        };
        match self
            .store
            .declare_order_parcel(&parcel, &event, &shipment)
            .await?
        {
            OrderDeclared::New => {
                let shipped = JourneyStep::Shipped {
                    parcel: Some(parcel.id.clone()),
                };
                self.record_journey(order, shipped, Some(&actor.account_id))
                    .await;
                Ok(Declared { parcel, new: true })
            }
            OrderDeclared::Existing(parcel) => Ok(Declared {
                parcel: *parcel,
                new: false,
            }),
        }
    }

    /// Sends produce that is not a Farmgate order up, for the named recipient.
    pub async fn declare_produce(
        &self,
        actor: &Actor,
        shop: &ShopId,
        form: &ProduceForm,
        contact_phone: &str,
    ) -> ServiceResult<Parcel> {
        authorize(actor, &Action::ManageShop(shop))?;
        let (recipient, weight_g) = validate_produce(form)?;
        let point = self.shop_point(shop).await?;
        let villager = self.producer_contact(actor, contact_phone).await?;
        let (mut parcel, event) = self.new_up_parcel(actor, &point, villager, weight_g);
        parcel.carrier = self.carrier_wanted(&form.carrier_wanted).await?;
        let record = ProduceRecipientRecord {
            name: recipient.name,
            phone: recipient.phone.as_str().to_owned(),
            destination: recipient.destination,
        };
        self.store
            .declare_produce_parcel(&parcel, &event, &record)
            .await?;
        Ok(parcel)
    }

    /// The phone on the actor's latest shop application, to fill in the contact for them.
    pub async fn producer_phone(&self, actor: &Actor) -> ServiceResult<String> {
        let applications = self.store.applications_of(&actor.account_id).await?;
        Ok(applications
            .iter()
            .max_by_key(|a| a.created_at)
            .map(|a| a.contact_phone.clone())
            .unwrap_or_default())
    }

    /// The carriers a producer may ask for, by name.
    pub async fn carriers_to_ask_for(&self) -> ServiceResult<Vec<Carrier>> {
        Ok(self.store.carriers().await?)
    }

    /// The carrier asked for by its id; `None` for any.
    async fn carrier_wanted(&self, id: &str) -> ServiceResult<Option<CarrierId>> {
        if id.trim().is_empty() {
            return Ok(None);
        }
        let invalid = || FieldError {
            field: "carrier",
            problem: Problem::Invalid,
        };
        let id = CarrierId::parse(id.trim()).ok_or_else(invalid)?;
        match self.store.carrier(&id).await? {
            Some(carrier) => Ok(Some(carrier.id)),
            None => Err(invalid().into()),
        }
    }

    /// An order's up parcel, if it went up.
    pub(crate) async fn order_parcel(&self, order: &OrderId) -> ServiceResult<Option<Parcel>> {
        let filter = ParcelFilter {
            order: Some(order.clone()),
            ..ParcelFilter::default()
        };
        Ok(self.store.parcels(&filter).await?.into_iter().next())
    }

    async fn shop_point(&self, shop: &ShopId) -> ServiceResult<NetworkNode> {
        let shop = self.store.shop(shop).await?.ok_or(ServiceError::NotFound)?;
        let nodes = self.store.network_nodes().await?;
        point_for_village(&nodes, &shop.village)
            .cloned()
            .ok_or(ServiceError::Conflict(NO_VILLAGE_POINT))
    }

    /// The producer as the village point knows them: their name, and the phone given or the
    /// one on their application.
    async fn producer_contact(&self, actor: &Actor, phone: &str) -> ServiceResult<Villager> {
        let account = self
            .store
            .account(&actor.account_id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        let phone = if phone.trim().is_empty() {
            self.producer_phone(actor).await?
        } else {
            phone.to_owned()
        };
        Ok(Villager {
            name: account.display_name,
            phone: Phone::parse("contact_phone", &phone)?,
        })
    }

    fn new_up_parcel(
        &self,
        actor: &Actor,
        point: &NetworkNode,
        villager: Villager,
        weight_g: i64,
    ) -> (Parcel, ParcelEvent) {
        let now = self.clock.now();
        let parcel = Parcel {
            id: new_id(),
            code: ParcelCode::from_number(rand::rngs::OsRng.next_u64()),
            direction: Direction::Up,
            carrier: None,
            carrier_tracking: None,
            point: point.id.clone(),
            villager,
            weight_g,
            order: None,
            stage: ParcelStage::Declared,
            run: None,
            pickup_code: None,
            wrong_pickup_codes: 0,
            created_at: now,
        };
        let event = ParcelEvent {
            parcel: parcel.id.clone(),
            stage: ParcelStage::Declared,
            at: now,
            node: Some(point.id.clone()),
            run: None,
            by: Some(actor.account_id.clone()),
            recorded_at: now,
        };
        (parcel, event)
    }
}
