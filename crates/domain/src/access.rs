//! Who may do what. Every use case asks `authorize` once, here, so the rules live in one place
//! and can be tested as a whole matrix of actors and actions.

use crate::id::{AccountId, ApplicationId, ShopId};
use crate::role::Role;

/// The signed-in person a request acts for, with what they hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub account_id: AccountId,
    pub roles: Vec<Role>,
    /// Shops this account is a member of.
    pub shops: Vec<ShopId>,
}

impl Actor {
    pub fn has(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }

    pub fn is_member_of(&self, shop: &ShopId) -> bool {
        self.shops.contains(shop)
    }

    fn is_hub(&self) -> bool {
        self.has(Role::HubOperator) || self.has(Role::Admin)
    }
}

/// Everything that needs a permission. Anything not listed is public.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action<'a> {
    /// Tokens, language, own applications: any signed-in account.
    ManageOwnAccount,
    ApplyForShop,
    ViewProducerConsole,
    /// Edit a shop's profile: its members, and the hub that aggregates its producers.
    ManageShop(&'a ShopId),
    ViewHubConsole,
    ReviewApplications,
    /// Approve or reject product listings against the grade standards.
    ReviewListings,
    /// Commission rates and shipping fees for the county.
    ManageMarketplaceSettings,
    /// A document belongs to its applicant and is seen by the hub, nobody else.
    ViewApplicationDocument {
        application: &'a ApplicationId,
        applicant: &'a AccountId,
    },
    ManageRoles,
    /// Rule on after-sales requests a buyer escalated after the producer said no.
    ResolveDisputes,
    /// Set where a shop's payouts go: its members only. The hub may edit a shop's profile but
    /// never redirect its money.
    ManageShopPayee(&'a ShopId),
    /// Pay producers what they are owed.
    RunPayouts,
    /// Schedule, stream and run a shop's live sessions: its members, the hub and live hosts.
    HostLive(&'a ShopId),
    /// Mute, remove chat lines and set the block list in the room of a session the shop hosts:
    /// the moderators, the hub and the shop's members.
    ModerateLive(&'a ShopId),
    /// The county's logistics network: warehouses, stations, village points, carriers and
    /// vehicles.
    ManageNetwork,
    /// Take parcels in, scan them along their path, hand them over at village points and to
    /// carriers, and plan the day's route runs: logistics staff and the hub.
    HandleParcels,
    /// Read the network's measures (co-distribution, cost per parcel, on time, villages
    /// served): the hub, logistics staff, and analysts who monitor the county.
    ViewNetworkMeasures,
    /// Record a shop's batches, print their labels and tie packed units to them: the shop's
    /// members and the hub.
    ManageBatches(&'a ShopId),
    /// Inspections, certificates and recalls, and reading every batch: quality officers and
    /// the hub.
    SuperviseQuality,
    /// The county's commerce figures, every shop and place: the bureau's analysts and the hub.
    ViewCountyStats,
    /// One shop's own commerce figures: its members, and whoever sees the county's.
    ViewShopStats(&'a ShopId),
    /// Make an account a village e-commerce leader, or stop it being one: the hub.
    AppointLeaders,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not allowed")]
pub struct Forbidden;

pub fn permits(actor: &Actor, action: &Action<'_>) -> bool {
    match action {
        Action::ManageOwnAccount | Action::ApplyForShop => true,
        Action::ViewProducerConsole => actor.has(Role::Producer) || !actor.shops.is_empty(),
        Action::ManageShop(shop) => actor.is_member_of(shop) || actor.is_hub(),
        Action::ViewHubConsole
        | Action::ReviewApplications
        | Action::ReviewListings
        | Action::ManageMarketplaceSettings
        | Action::ResolveDisputes
        | Action::AppointLeaders => actor.is_hub(),
        Action::ViewApplicationDocument { applicant, .. } => {
            &&actor.account_id == applicant || actor.is_hub()
        }
        Action::ManageRoles => actor.has(Role::Admin),
        Action::ManageShopPayee(shop) => actor.is_member_of(shop),
        Action::RunPayouts => actor.is_hub(),
        // The county's live hosts present any shop's products, as a village e-commerce
        // leader does for the farms around; the role is granted by an admin, never taken.
        Action::HostLive(shop) => {
            actor.is_member_of(shop) || actor.is_hub() || actor.has(Role::LiveHost)
        }
        Action::ModerateLive(host) => {
            actor.has(Role::Moderator) || actor.is_hub() || actor.is_member_of(host)
        }
        Action::ManageNetwork => actor.is_hub(),
        Action::HandleParcels => actor.is_hub() || actor.has(Role::Logistics),
        Action::ViewNetworkMeasures => {
            actor.is_hub() || actor.has(Role::Logistics) || actor.has(Role::Analyst)
        }
        Action::ManageBatches(shop) => actor.is_member_of(shop) || actor.is_hub(),
        Action::SuperviseQuality => actor.is_hub() || actor.has(Role::QualityOfficer),
        Action::ViewCountyStats => actor.is_hub() || actor.has(Role::Analyst),
        Action::ViewShopStats(shop) => {
            actor.is_member_of(shop) || actor.is_hub() || actor.has(Role::Analyst)
        }
    }
}

pub fn authorize(actor: &Actor, action: &Action<'_>) -> Result<(), Forbidden> {
    if permits(actor, action) {
        Ok(())
    } else {
        Err(Forbidden)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor(roles: &[Role], shops: &[&str]) -> Actor {
        Actor {
            account_id: AccountId::new("a"),
            roles: roles.to_vec(),
            shops: shops.iter().map(|s| ShopId::new(*s)).collect(),
        }
    }

    #[test]
    fn a_producer_manages_only_their_own_shops() {
        let producer = actor(&[Role::Buyer, Role::Producer], &["mine"]);
        assert!(permits(
            &producer,
            &Action::ManageShop(&ShopId::new("mine"))
        ));
        assert!(!permits(
            &producer,
            &Action::ManageShop(&ShopId::new("theirs"))
        ));
        assert!(permits(&producer, &Action::ViewProducerConsole));
        assert!(!permits(&producer, &Action::ReviewApplications));
    }

    #[test]
    fn the_hub_oversees_every_shop_but_cannot_grant_roles() {
        let hub = actor(&[Role::HubOperator], &[]);
        assert!(permits(&hub, &Action::ManageShop(&ShopId::new("any"))));
        assert!(permits(&hub, &Action::ReviewApplications));
        assert!(!permits(&hub, &Action::ManageRoles));
        assert!(!permits(&hub, &Action::ViewProducerConsole));
        assert!(permits(&hub, &Action::ManageNetwork));
        for role in [Role::Buyer, Role::Producer, Role::LiveHost, Role::Moderator] {
            assert!(!permits(&actor(&[role], &["s"]), &Action::ManageNetwork));
        }
    }

    #[test]
    fn county_figures_are_the_bureau_s_and_the_hub_s_a_shop_s_also_its_own() {
        for role in [Role::HubOperator, Role::Analyst] {
            assert!(permits(&actor(&[role], &[]), &Action::ViewCountyStats));
            assert!(permits(
                &actor(&[role], &[]),
                &Action::ViewShopStats(&ShopId::new("s"))
            ));
        }
        let producer = actor(&[Role::Producer], &["s"]);
        assert!(!permits(&producer, &Action::ViewCountyStats));
        assert!(permits(
            &producer,
            &Action::ViewShopStats(&ShopId::new("s"))
        ));
        assert!(!permits(
            &producer,
            &Action::ViewShopStats(&ShopId::new("t"))
        ));
        assert!(!permits(
            &actor(&[Role::Logistics], &[]),
            &Action::ViewCountyStats
        ));
    }

    #[test]
    fn network_measures_are_read_by_the_hub_logistics_staff_and_analysts() {
        for role in [Role::HubOperator, Role::Logistics, Role::Analyst] {
            assert!(permits(&actor(&[role], &[]), &Action::ViewNetworkMeasures));
        }
        assert!(!permits(
            &actor(&[Role::Analyst], &[]),
            &Action::HandleParcels
        ));
        for role in [Role::Buyer, Role::Producer, Role::LiveHost] {
            assert!(!permits(
                &actor(&[role], &["s"]),
                &Action::ViewNetworkMeasures
            ));
        }
    }

    #[test]
    fn parcels_are_handled_by_logistics_staff_and_the_hub_only() {
        let logistics = actor(&[Role::Logistics], &[]);
        assert!(permits(&logistics, &Action::HandleParcels));
        assert!(!permits(&logistics, &Action::ManageNetwork));
        assert!(permits(
            &actor(&[Role::HubOperator], &[]),
            &Action::HandleParcels
        ));
        for role in [
            Role::Buyer,
            Role::Producer,
            Role::LiveHost,
            Role::QualityOfficer,
        ] {
            assert!(!permits(&actor(&[role], &["s"]), &Action::HandleParcels));
        }
    }

    #[test]
    fn batches_are_kept_by_their_shop_and_supervised_by_quality_officers() {
        let shop = ShopId::new("s");
        let member = actor(&[Role::Producer], &["s"]);
        assert!(permits(&member, &Action::ManageBatches(&shop)));
        assert!(!permits(&member, &Action::SuperviseQuality));
        let other = actor(&[Role::Producer], &["t"]);
        assert!(!permits(&other, &Action::ManageBatches(&shop)));
        let officer = actor(&[Role::QualityOfficer], &[]);
        assert!(permits(&officer, &Action::SuperviseQuality));
        assert!(!permits(&officer, &Action::ManageBatches(&shop)));
        let hub = actor(&[Role::HubOperator], &[]);
        assert!(permits(&hub, &Action::ManageBatches(&shop)));
        assert!(permits(&hub, &Action::SuperviseQuality));
        for role in [Role::Buyer, Role::Logistics, Role::LiveHost, Role::Analyst] {
            assert!(!permits(&actor(&[role], &[]), &Action::SuperviseQuality));
        }
    }

    #[test]
    fn documents_are_seen_by_their_applicant_and_the_hub_only() {
        let application = ApplicationId::new("app");
        let applicant = AccountId::new("a");
        let other = AccountId::new("b");
        let buyer = actor(&[Role::Buyer], &[]);
        let admin = actor(&[Role::Admin], &[]);
        for (who, viewer, expected) in [
            (&applicant, &buyer, true),
            (&other, &buyer, false),
            (&other, &admin, true),
        ] {
            let action = Action::ViewApplicationDocument {
                application: &application,
                applicant: who,
            };
            assert_eq!(permits(viewer, &action), expected);
        }
    }

    #[test]
    fn only_members_say_where_a_shops_money_goes_and_only_the_hub_pays_out() {
        let mine = ShopId::new("mine");
        let producer = actor(&[Role::Producer], &["mine"]);
        let hub = actor(&[Role::HubOperator], &[]);
        assert!(permits(&producer, &Action::ManageShopPayee(&mine)));
        assert!(!permits(
            &producer,
            &Action::ManageShopPayee(&ShopId::new("theirs"))
        ));
        assert!(!permits(&hub, &Action::ManageShopPayee(&mine)));
        assert!(permits(&hub, &Action::RunPayouts));
        assert!(permits(&actor(&[Role::Admin], &[]), &Action::RunPayouts));
        assert!(!permits(&producer, &Action::RunPayouts));
    }

    #[test]
    fn moderators_the_hub_and_the_hosts_moderate_a_live_room() {
        let host = ShopId::new("host");
        let room = Action::ModerateLive(&host);
        assert!(permits(&actor(&[Role::Moderator], &[]), &room));
        assert!(permits(&actor(&[Role::HubOperator], &[]), &room));
        assert!(permits(&actor(&[Role::Producer], &["host"]), &room));
        assert!(!permits(&actor(&[Role::Producer], &["other"]), &room));
        assert!(!permits(&actor(&[Role::Buyer, Role::LiveHost], &[]), &room));
    }

    #[test]
    fn only_admins_manage_roles() {
        for role in Role::ALL {
            let expected = role == Role::Admin;
            assert_eq!(
                permits(&actor(&[role], &[]), &Action::ManageRoles),
                expected
            );
        }
    }
}
