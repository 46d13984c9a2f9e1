//! Sign up, sign in, sign out.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::CookieJar;
use farmgate_services::accounts::SignUp;
use farmgate_services::ServiceError;
use serde::Deserialize;

use super::share::claim_kept_click;
use super::{render, PageContext};
use crate::auth::{removal_cookie, session_cookie, SESSION_COOKIE};
use crate::error::WebError;
use crate::forms::{FieldErrors, PageForm};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "signup.html")]
struct SignUpPage {
    page: PageContext,
    display_name: String,
    email: String,
    errors: FieldErrors,
}

#[derive(Template)]
#[template(path = "signin.html")]
struct SignInPage {
    page: PageContext,
    email: String,
    next: String,
    failed: bool,
}

#[derive(Deserialize)]
pub struct SignUpForm {
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
}

#[derive(Deserialize)]
pub struct SignInForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    next: String,
}

#[derive(Deserialize)]
pub struct NextQuery {
    #[serde(default)]
    next: String,
}

pub async fn signup_page(page: PageContext) -> Result<Response, WebError> {
    render(&SignUpPage {
        page,
        display_name: String::new(),
        email: String::new(),
        errors: FieldErrors::default(),
    })
}

pub async fn signup(
    State(state): State<AppState>,
    page: PageContext,
    jar: CookieJar,
    PageForm(form): PageForm<SignUpForm>,
) -> Result<Response, WebError> {
    let request = SignUp {
        display_name: form.display_name.clone(),
        email: form.email.clone(),
        password: form.password,
    };
    match state.services.sign_up(&request).await {
        Ok(session) => {
            let jar = claim_kept_click(&state, jar, &session.account.id).await?;
            let jar = jar.add(session_cookie(session.secret, state.site.secure_cookies));
            Ok((jar, Redirect::to("/")).into_response())
        }
        Err(ServiceError::Validation(errors)) => {
            let errors = FieldErrors::new(&errors, page.t);
            let body = render(&SignUpPage {
                page,
                display_name: form.display_name,
                email: form.email,
                errors,
            })?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, body).into_response())
        }
        Err(other) => Err(other.into()),
    }
}

pub async fn signin_page(
    page: PageContext,
    Query(query): Query<NextQuery>,
) -> Result<Response, WebError> {
    render(&SignInPage {
        page,
        email: String::new(),
        next: local_path(&query.next).to_owned(),
        failed: false,
    })
}

pub async fn signin(
    State(state): State<AppState>,
    page: PageContext,
    jar: CookieJar,
    PageForm(form): PageForm<SignInForm>,
) -> Result<Response, WebError> {
    let next = local_path(&form.next).to_owned();
    match state.services.sign_in(&form.email, &form.password).await {
        Ok(session) => {
            let jar = claim_kept_click(&state, jar, &session.account.id).await?;
            let jar = jar.add(session_cookie(session.secret, state.site.secure_cookies));
            let target = if next.is_empty() { "/" } else { next.as_str() };
            Ok((jar, Redirect::to(target)).into_response())
        }
        Err(ServiceError::Unauthenticated) => {
            let body = render(&SignInPage {
                page,
                email: form.email,
                next,
                failed: true,
            })?;
            Ok((StatusCode::UNAUTHORIZED, body).into_response())
        }
        Err(other) => Err(other.into()),
    }
}

pub async fn signout(State(state): State<AppState>, jar: CookieJar) -> Result<Response, WebError> {
    if let Some(cookie) = jar.get(SESSION_COOKIE) {
        state.services.sign_out(cookie.value()).await?;
    }
    Ok((jar.remove(removal_cookie()), Redirect::to("/")).into_response())
}

/// Only a path on this site, so `next` cannot send someone to another site after signing in.
pub fn local_path(next: &str) -> &str {
    let local = next.starts_with('/') && !next.starts_with("//") && !next.contains('\\');
    if local {
        next
    } else {
        ""
    }
}

#[cfg(test)]
mod tests {
    use super::local_path;

    #[test]
    fn next_stays_on_this_site() {
        assert_eq!(local_path("/console"), "/console");
        assert_eq!(local_path("//evil.example/x"), "");
        assert_eq!(local_path("https://evil.example"), "");
        assert_eq!(local_path("/\\evil.example"), "");
        assert_eq!(local_path(""), "");
    }
}
