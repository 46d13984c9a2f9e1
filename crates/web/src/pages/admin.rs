//! The admin page: accounts and the roles they hold.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use farmgate_domain::id::AccountId;
use farmgate_domain::role::Role;
use farmgate_store::Page;
use serde::Deserialize;

use super::{render, PageContext};
use crate::error::WebError;
use crate::forms::PageForm;
use crate::state::AppState;

const ACCOUNTS_PER_PAGE: i64 = 50;

#[derive(Template)]
#[template(path = "admin.html")]
struct AdminPage {
    page: PageContext,
    accounts: Vec<AccountRow>,
    grantable: Vec<(&'static str, &'static str)>,
    page_number: i64,
    has_more: bool,
}

struct AccountRow {
    id: String,
    name: String,
    email: String,
    roles: Vec<&'static str>,
}

#[derive(Deserialize)]
pub struct AdminQuery {
    page: Option<i64>,
}

pub async fn accounts(
    State(state): State<AppState>,
    page: PageContext,
    Query(query): Query<AdminQuery>,
) -> Result<Response, WebError> {
    let user = page.signed()?;
    let page_number = query.page.unwrap_or(1).clamp(1, 100_000);
    let accounts = state
        .services
        .accounts(
            &user.actor,
            Page {
                limit: ACCOUNTS_PER_PAGE + 1,
                offset: (page_number - 1) * ACCOUNTS_PER_PAGE,
            },
        )
        .await?;
    let has_more = accounts.len() as i64 > ACCOUNTS_PER_PAGE;
    let grantable = Role::ALL
        .iter()
        .filter(|r| **r != Role::Producer)
        .map(|r| (r.as_str(), page.t.role(*r)))
        .collect();
    render(&AdminPage {
        accounts: accounts
            .iter()
            .take(ACCOUNTS_PER_PAGE as usize)
            .map(|a| AccountRow {
                id: a.id.to_string(),
                name: a.display_name.clone(),
                email: a.email.clone(),
                roles: a.roles.iter().map(|r| r.as_str()).collect(),
            })
            .collect(),
        grantable,
        page_number,
        has_more,
        page,
    })
}

pub async fn set_roles(
    State(state): State<AppState>,
    page: PageContext,
    Path(id): Path<String>,
    PageForm(form): PageForm<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let id = AccountId::parse(&id).ok_or(WebError::NotFound)?;
    let user = page.signed()?;
    let roles: Vec<Role> = form
        .iter()
        .filter(|(name, _)| name == "role")
        .filter_map(|(_, value)| Role::parse(value))
        .collect();
    state.services.set_roles(&user.actor, &id, &roles).await?;
    Ok(Redirect::to("/admin").into_response())
}
