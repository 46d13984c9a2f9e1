//! Signing up, signing in and out, and turning a session into the actor a request acts for.

use farmgate_domain::access::Actor;
use farmgate_domain::account::{DisplayName, Email, NewPassword};
use farmgate_domain::id::AccountId;
use farmgate_domain::role::Role;
use farmgate_domain::validation::{Problem, ValidationErrors};
use farmgate_store::{AccountRecord, Member, SessionRecord};

use crate::secrets::{hash_secret, new_secret};
use crate::{new_id, ServiceError, ServiceResult, Services};

/// How long a sign-in lasts.
pub const SESSION_DAYS: i64 = 30;

/// A session just opened: the secret goes into the cookie and is never stored.
#[derive(Debug)]
pub struct OpenedSession {
    pub secret: String,
    pub account: AccountRecord,
}

/// A sign-up form as typed.
#[derive(Debug, Clone, Default)]
pub struct SignUp {
    pub display_name: String,
    pub email: String,
    pub password: String,
}

impl Services {
    /// Creates a buyer account and signs it in.
    pub async fn sign_up(&self, form: &SignUp) -> ServiceResult<OpenedSession> {
        let mut errors = ValidationErrors::default();
        let name = errors.check(DisplayName::parse(&form.display_name));
        let email = errors.check(Email::parse(&form.email));
        let password = errors.check(NewPassword::parse(&form.password));
        if let Some(email) = &email {
            // Said with the other problems; the insert below still guards against a race.
            if self.store.account_by_email(email.as_str()).await?.is_some() {
                errors.push("email", Problem::AlreadyTaken);
            }
        }
        let (Some(name), Some(email), Some(password)) = (name, email, password) else {
            return Err(errors.into());
        };
        errors.into_result()?;
        let account = self
            .create_account(&email, &name, password.expose(), vec![Role::Buyer])
            .await?;
        self.open_session(account).await
    }

    /// Stores a new account; an e-mail already in use is a field error, not a server error.
    pub async fn create_account(
        &self,
        email: &Email,
        name: &DisplayName,
        password: &str,
        roles: Vec<Role>,
    ) -> ServiceResult<AccountRecord> {
        let password_hash = self.passwords.hash(password).await?;
        self.insert_account(email, name, password_hash, roles).await
    }

    /// Stores an account whose password hash the caller already has (the demo reuses one).
    pub async fn insert_account(
        &self,
        email: &Email,
        name: &DisplayName,
        password_hash: String,
        roles: Vec<Role>,
    ) -> ServiceResult<AccountRecord> {
        let account = AccountRecord {
            id: new_id(),
            email: email.as_str().to_owned(),
            display_name: name.as_str().to_owned(),
            password_hash,
            roles,
            created_at: self.clock.now(),
        };
        match self.store.insert_account(&account).await {
            Ok(()) => Ok(account),
            Err(farmgate_store::StoreError::Conflict(_)) => {
                Err(ValidationErrors::single("email", Problem::AlreadyTaken).into())
            }
            Err(other) => Err(other.into()),
        }
    }

    /// Checks the password and opens a session. Unknown e-mail and wrong password answer alike,
    /// and take as long, so neither reveals which accounts exist.
    pub async fn sign_in(&self, email: &str, password: &str) -> ServiceResult<OpenedSession> {
        let account = match Email::parse(email) {
            Ok(email) => self.store.account_by_email(email.as_str()).await?,
            Err(_) => None,
        };
        let hash = account.as_ref().map_or(UNKNOWN_ACCOUNT_HASH, |account| {
            account.password_hash.as_str()
        });
        let matches = self.passwords.verify(password, hash).await?;
        match account {
            Some(account) if matches => self.open_session(account).await,
            _ => Err(ServiceError::Unauthenticated),
        }
    }

    async fn open_session(&self, account: AccountRecord) -> ServiceResult<OpenedSession> {
        let secret = new_secret();
        let now = self.clock.now();
        self.store
            .insert_session(&SessionRecord {
                token_hash: hash_secret(&secret),
                account_id: account.id.clone(),
                created_at: now,
                expires_at: now.plus_days(SESSION_DAYS),
            })
            .await?;
        Ok(OpenedSession { secret, account })
    }

    pub async fn sign_out(&self, session_secret: &str) -> ServiceResult<()> {
        Ok(self
            .store
            .delete_session(&hash_secret(session_secret))
            .await?)
    }

    /// The account behind a session cookie, if the session is live.
    pub async fn session_account(&self, session_secret: &str) -> ServiceResult<Option<Signed>> {
        let now = self.clock.now();
        let member = self
            .store
            .session_member(&hash_secret(session_secret), now)
            .await?;
        Ok(member.map(Signed::from))
    }

    /// The account with what it may do, for authorisation.
    pub(crate) async fn signed(&self, id: &AccountId) -> ServiceResult<Option<Signed>> {
        Ok(self.store.member(id).await?.map(Signed::from))
    }
}

/// A signed-in account and the actor it acts as.
#[derive(Debug, Clone)]
pub struct Signed {
    pub account: AccountRecord,
    pub actor: Actor,
}

impl From<Member> for Signed {
    fn from(member: Member) -> Self {
        let actor = Actor {
            account_id: member.account.id.clone(),
            roles: member.account.roles.clone(),
            shops: member.shops,
        };
        Signed {
            account: member.account,
            actor,
        }
    }
}

/// A real argon2id hash of a random password, verified against when the e-mail is unknown.
const UNKNOWN_ACCOUNT_HASH: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$0vQ9pQ2uV7vHp1pJvOa2m6yDq9Z6bLzJk8n5qg3X5Zs";
