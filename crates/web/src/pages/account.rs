//! The account page: who you are, and your personal API tokens.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use farmgate_domain::id::TokenId;
use farmgate_services::ServiceError;
use serde::Deserialize;

use super::{render, PageContext};
use crate::error::WebError;
use crate::forms::{FieldErrors, PageForm};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "account.html")]
struct AccountPage {
    page: PageContext,
    email: String,
    roles: Vec<&'static str>,
    tokens: Vec<TokenRow>,
    new_token: Option<String>,
    errors: FieldErrors,
}

struct TokenRow {
    id: String,
    name: String,
    created: String,
    last_used: String,
    revoked: bool,
}

#[derive(Deserialize)]
pub struct TokenForm {
    #[serde(default)]
    name: String,
}

pub async fn account(
    State(state): State<AppState>,
    page: PageContext,
) -> Result<Response, WebError> {
    render_account(&state, page, None, FieldErrors::default()).await
}

async fn render_account(
    state: &AppState,
    page: PageContext,
    new_token: Option<String>,
    errors: FieldErrors,
) -> Result<Response, WebError> {
    let user = page.signed()?;
    let tokens = state.services.api_tokens(&user.actor).await?;
    let never = page.t.never;
    render(&AccountPage {
        email: user.account.email.clone(),
        roles: user.account.roles.iter().map(|r| page.t.role(*r)).collect(),
        tokens: tokens
            .iter()
            .map(|token| TokenRow {
                id: token.id.to_string(),
                name: token.name.clone(),
                created: state.site.local_time(token.created_at),
                last_used: token
                    .last_used_at
                    .map_or_else(|| never.to_owned(), |at| state.site.local_time(at)),
                revoked: token.revoked_at.is_some(),
            })
            .collect(),
        new_token,
        errors,
        page,
    })
}

pub async fn create_token(
    State(state): State<AppState>,
    page: PageContext,
    PageForm(form): PageForm<TokenForm>,
) -> Result<Response, WebError> {
    let user = page.signed()?;
    match state
        .services
        .create_api_token(&user.actor, &form.name)
        .await
    {
        Ok(created) => {
            let body =
                render_account(&state, page, Some(created.secret), FieldErrors::default()).await?;
            Ok((StatusCode::CREATED, body).into_response())
        }
        Err(ServiceError::Validation(errors)) => {
            let errors = FieldErrors::new(&errors, page.t);
            let body = render_account(&state, page, None, errors).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, body).into_response())
        }
        Err(other) => Err(other.into()),
    }
}

pub async fn revoke_token(
    State(state): State<AppState>,
    page: PageContext,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let id = TokenId::parse(&id).ok_or(WebError::NotFound)?;
    let user = page.signed()?;
    state.services.revoke_api_token(&user.actor, &id).await?;
    Ok(Redirect::to("/account").into_response())
}
