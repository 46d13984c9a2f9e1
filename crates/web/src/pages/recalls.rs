//! Recalls: the quality officers' list with the form that opens one, the recall page with its
//! reach and acknowledgements, and the buyer's notice with its acknowledgement.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use farmgate_domain::id::RecallId;
use farmgate_services::trace::{BuyerRecall, RecallView};
use farmgate_services::ServiceError;
use serde::Deserialize;

use super::{render, PageContext};
use crate::error::WebError;
use crate::forms::{FieldErrors, PageForm};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "recalls.html")]
struct RecallsPage {
    page: PageContext,
    /// `(id, lot, reason, opened)`.
    recalls: Vec<(String, String, String, String)>,
    form: RecallForm,
    errors: FieldErrors,
}

#[derive(Template)]
#[template(path = "recall.html")]
struct RecallPage {
    page: PageContext,
    view: RecallView,
    opened: String,
}

#[derive(Template)]
#[template(path = "buyer_recall.html")]
struct BuyerRecallPage {
    page: PageContext,
    recall: BuyerRecall,
}

#[derive(Default, Deserialize)]
pub struct RecallForm {
    #[serde(default)]
    batch: String,
    #[serde(default)]
    reason: String,
}

pub async fn list(State(state): State<AppState>, page: PageContext) -> Result<Response, WebError> {
    render_list(&state, page, RecallForm::default(), FieldErrors::default()).await
}

pub async fn open(
    State(state): State<AppState>,
    page: PageContext,
    PageForm(form): PageForm<RecallForm>,
) -> Result<Response, WebError> {
    let user = page.signed()?;
    match state
        .services
        .open_recall(&user.actor, &form.batch, &form.reason)
        .await
    {
        Ok(recall) => Ok(Redirect::to(&format!("/quality/recalls/{}", recall.id)).into_response()),
        Err(ServiceError::Validation(errors)) => {
            let errors = FieldErrors::new(&errors, page.t);
            let body = render_list(&state, page, form, errors).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, body).into_response())
        }
        Err(other) => Err(other.into()),
    }
}

async fn render_list(
    state: &AppState,
    page: PageContext,
    form: RecallForm,
    errors: FieldErrors,
) -> Result<Response, WebError> {
    let user = page.signed()?;
    let recalls = state
        .services
        .recalls(&user.actor, 0)
        .await?
        .into_iter()
        .map(|(recall, batch)| {
            (
                recall.id.to_string(),
                batch.lot.to_string(),
                recall.reason,
                state.site.local_time(recall.opened_at),
            )
        })
        .collect();
    render(&RecallsPage {
        page,
        recalls,
        form,
        errors,
    })
}

pub async fn show(
    State(state): State<AppState>,
    page: PageContext,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let id = RecallId::parse(&id).ok_or(WebError::NotFound)?;
    let view = state
        .services
        .recall_view(&page.signed()?.actor, &id)
        .await?;
    let opened = state.site.local_time(view.recall.opened_at);
    render(&RecallPage { page, view, opened })
}

pub async fn buyer_show(
    State(state): State<AppState>,
    page: PageContext,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let id = RecallId::parse(&id).ok_or(WebError::NotFound)?;
    let recall = state
        .services
        .buyer_recall(&page.signed()?.actor, &id)
        .await?;
    render(&BuyerRecallPage { page, recall })
}

pub async fn acknowledge(
    State(state): State<AppState>,
    page: PageContext,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let id = RecallId::parse(&id).ok_or(WebError::NotFound)?;
    state
        .services
        .acknowledge_recall(&page.signed()?.actor, &id)
        .await?;
    Ok(Redirect::to(&format!("/recalls/{id}")).into_response())
}
