//! Granting roles: an admin's job, except the village e-commerce leader, whom the hub appoints.
//! Producer is not granted here; it comes with shop membership.

use farmgate_domain::access::{authorize, Action, Actor};
use farmgate_domain::account::Email;
use farmgate_domain::id::AccountId;
use farmgate_domain::role::Role;
use farmgate_domain::validation::{Problem, ValidationErrors};
use farmgate_store::{AccountRecord, Page};

use crate::{ServiceError, ServiceResult, Services};

/// Why an appointment by email found nobody.
pub const NO_SUCH_ACCOUNT: &str = "no account has that email address";
/// Leaders the hub's list shows, at most.
const LEADERS_LISTED: i64 = 500;

impl Services {
    pub async fn accounts(&self, actor: &Actor, page: Page) -> ServiceResult<Vec<AccountRecord>> {
        authorize(actor, &Action::ManageRoles)?;
        Ok(self.store.list_accounts(page).await?)
    }

    /// Sets an account's roles. Whether it is a producer follows its shops and is kept as is.
    pub async fn set_roles(
        &self,
        actor: &Actor,
        account: &AccountId,
        roles: &[Role],
    ) -> ServiceResult<AccountRecord> {
        authorize(actor, &Action::ManageRoles)?;
        if roles.contains(&Role::Producer) {
            return Err(ValidationErrors::single("roles", Problem::NotAllowed).into());
        }
        if account == &actor.account_id && !roles.contains(&Role::Admin) {
            // An admin removing their own admin role could leave the county with none.
            return Err(ServiceError::Conflict(
                "an admin cannot remove their own admin role",
            ));
        }
        let mut target = self
            .store
            .account(account)
            .await?
            .ok_or(ServiceError::NotFound)?;
        let mut new_roles: Vec<Role> = roles.to_vec();
        if target.roles.contains(&Role::Producer) {
            new_roles.push(Role::Producer);
        }
        new_roles.sort();
        new_roles.dedup();
        self.store.set_roles(account, &new_roles).await?;
        self.accounts_changed();
        target.roles = new_roles;
        Ok(target)
    }

    /// Makes the account a village e-commerce leader (`leader`), or stops it being one; its
    /// other roles stay as they are.
    pub async fn appoint_leader(
        &self,
        actor: &Actor,
        account: &AccountId,
        leader: bool,
    ) -> ServiceResult<AccountRecord> {
        authorize(actor, &Action::AppointLeaders)?;
        let mut target = self
            .store
            .account(account)
            .await?
            .ok_or(ServiceError::NotFound)?;
        target.roles.retain(|role| *role != Role::Leader);
        if leader {
            target.roles.push(Role::Leader);
        }
        target.roles.sort();
        self.store.set_roles(account, &target.roles).await?;
        self.accounts_changed();
        self.caches.leaders.remove(account);
        Ok(target)
    }

    /// The county's village e-commerce leaders, by name.
    pub async fn leaders(&self, actor: &Actor) -> ServiceResult<Vec<AccountRecord>> {
        authorize(actor, &Action::AppointLeaders)?;
        let page = Page::first(LEADERS_LISTED);
        Ok(self.store.accounts_with_role(Role::Leader, page).await?)
    }

    /// Appoints the account with this email address a leader: how the hub names one.
    pub async fn appoint_leader_by_email(
        &self,
        actor: &Actor,
        email: &str,
    ) -> ServiceResult<AccountRecord> {
        authorize(actor, &Action::AppointLeaders)?;
        let email = Email::parse(email)?;
        let account = self
            .store
            .account_by_email(email.as_str())
            .await?
            .ok_or(ServiceError::Conflict(NO_SUCH_ACCOUNT))?;
        self.appoint_leader(actor, &account.id, true).await
    }
}
