//! Live selling for viewers: what is live and coming up, the room (video, pinned card, bag),
//! the replay with the moments each product was shown, following a shop, notifications.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use farmgate_domain::access::{permits, Action};
use farmgate_domain::id::{LiveSessionId, ShopId};
use farmgate_domain::live::LiveStatus;
use farmgate_store::{LiveSessionSummary, NotificationKind};

use super::live_buy::{buy_sheet, BuySheet};
use super::live_console::status_label;
use super::priced;
use super::{render, PageContext};
use crate::error::WebError;
use crate::forms::PageForm;
use crate::state::AppState;
use crate::texts::Texts;
use crate::views::ProductCard;

/// A session in a listing.
pub struct SessionRow {
    pub id: String,
    pub shop_name: String,
    pub title: String,
    pub trailer: String,
    pub starts: String,
    pub status: &'static str,
    pub status_class: &'static str,
    pub cover: Option<String>,
}

pub fn session_row(state: &AppState, t: &Texts, s: &LiveSessionSummary) -> SessionRow {
    SessionRow {
        id: s.id.to_string(),
        shop_name: s.shop_name.clone(),
        title: s.title.clone(),
        trailer: s.trailer.clone(),
        starts: state.site.local_time(s.starts_at),
        status: if s.status == LiveStatus::Ended && s.has_replay {
            t.live.replay
        } else {
            status_label(t, s.status)
        },
        status_class: s.status.as_str(),
        cover: s.cover_file_id.clone(),
    }
}

#[derive(Template)]
#[template(path = "live_list.html")]
struct ListPage {
    page: PageContext,
    sessions: Vec<SessionRow>,
}

#[derive(Template)]
#[template(path = "live_room.html")]
struct RoomPage {
    page: PageContext,
    id: String,
    shop_id: String,
    shop_name: String,
    title: String,
    trailer: String,
    starts: String,
    status: &'static str,
    status_class: &'static str,
    /// The playlist the player opens: the live HLS or the replay; none before the stream.
    playlist: Option<String>,
    /// Replays are files and always play; a live stream needs the video server.
    playable: bool,
    pinned: Option<ProductCard>,
    bag: Vec<BagItem>,
    follow: FollowView,
    buy: BuySheet,
    /// Moderators (and the hosting shop) get remove and mute buttons and the block list.
    moderator: bool,
}

struct BagItem {
    card: ProductCard,
    /// Seconds into the replay where the product was shown, with the time as read.
    moments: Vec<(i64, String)>,
}

pub async fn list(State(state): State<AppState>, page: PageContext) -> Result<Response, WebError> {
    let sessions = state.services.live_listing(None).await?;
    let sessions = sessions
        .iter()
        .map(|s| session_row(&state, page.t, s))
        .collect();
    render(&ListPage { page, sessions })
}

pub async fn room(
    State(state): State<AppState>,
    page: PageContext,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let id = LiveSessionId::parse(&id).ok_or(WebError::NotFound)?;
    let room = state.services.live_room(&id).await?;
    let shop = state.services.shop(&room.shop_id).await?;
    let t = page.t;
    let pinned = match room
        .pinned
        .as_ref()
        .and_then(|p| room.bag.iter().find(|d| &d.product.id == p))
    {
        Some(detail) => Some(priced::card(&state, t, detail).await?),
        None => None,
    };
    let mut bag = Vec::with_capacity(room.bag.len());
    for detail in &room.bag {
        bag.push(BagItem {
            card: priced::card(&state, t, detail).await?,
            moments: room
                .moments
                .iter()
                .filter(|(product, _)| product == &detail.product.id)
                .map(|(_, ms)| (ms / 1000, clock_text(ms / 1000)))
                .collect(),
        });
    }
    let playlist = match room.status {
        LiveStatus::Live => Some(format!("/hls/{id}/index.m3u8")),
        LiveStatus::Ended => room
            .replay_playlist
            .as_ref()
            .map(|_| format!("/replays/{id}/index.m3u8")),
        LiveStatus::Scheduled | LiveStatus::Cancelled => None,
    };
    let follow = follow_view(&state, &page, &room.shop_id, format!("/live/{id}")).await?;
    let buy = buy_sheet(&state, &page, &id, &room.bag).await?;
    let moderator = page
        .user
        .as_ref()
        .is_some_and(|signed| permits(&signed.actor, &Action::ModerateLive(&room.shop_id)));
    let mut response = render(&RoomPage {
        id: id.to_string(),
        shop_id: shop.id.to_string(),
        shop_name: shop.name,
        title: room.title,
        trailer: room.trailer,
        starts: state.site.local_time(room.starts_at),
        status: status_label(t, room.status),
        status_class: room.status.as_str(),
        playlist,
        playable: room.status != LiveStatus::Live || state.site.video.enabled,
        pinned,
        bag,
        follow,
        buy,
        moderator,
        page,
    })?;
    crate::live_room::give_visitor_id(&headers, &mut response);
    Ok(response)
}

/// `1:02:05` or `2:05`: how video players show a position.
fn clock_text(seconds: i64) -> String {
    let (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

/// A shop's follow button and follower count, as `follow_form.html` draws them.
pub struct FollowView {
    pub(super) shop_id: String,
    pub(super) following: bool,
    pub(super) followers: i64,
    /// Where the button brings the visitor back to.
    pub(super) next: String,
}

pub async fn follow_view(
    state: &AppState,
    page: &PageContext,
    shop: &ShopId,
    next: String,
) -> Result<FollowView, WebError> {
    let following = match &page.user {
        Some(user) => state.services.is_following(&user.actor, shop).await?,
        None => false,
    };
    Ok(FollowView {
        shop_id: shop.to_string(),
        following,
        followers: state.services.follower_count(shop).await?,
        next,
    })
}

/// Follows or unfollows a shop, then goes back to where the button was.
pub async fn follow(
    State(state): State<AppState>,
    page: PageContext,
    Path(shop): Path<String>,
    PageForm(fields): PageForm<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let shop = ShopId::parse(&shop).ok_or(WebError::NotFound)?;
    let field = |name: &str| {
        fields
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    };
    let follow = field("follow") != Some("0");
    state
        .services
        .set_following(&page.signed()?.actor, &shop, follow)
        .await?;
    let back = field("next")
        .filter(|next| next.starts_with('/') && !next.starts_with("//"))
        .map_or_else(|| format!("/shops/{shop}"), ToOwned::to_owned);
    Ok(Redirect::to(&back).into_response())
}

#[derive(Template)]
#[template(path = "notifications.html")]
struct NotificationsPage {
    page: PageContext,
    notifications: Vec<NotificationRow>,
}

struct NotificationRow {
    title: String,
    /// A lucky draw's prize won, rather than a session gone live.
    won: bool,
    /// A batch in one of the account's orders was recalled.
    recall: bool,
    link: String,
    when: String,
    unread: bool,
}

pub async fn notifications(
    State(state): State<AppState>,
    page: PageContext,
) -> Result<Response, WebError> {
    let read = state
        .services
        .read_notifications(&page.signed()?.actor)
        .await?;
    let notifications = read
        .into_iter()
        .map(|n| NotificationRow {
            won: n.kind == NotificationKind::DrawWon,
            recall: n.kind == NotificationKind::Recall,
            title: n.title,
            link: n.link,
            when: state.site.local_time(n.created_at),
            unread: n.read_at.is_none(),
        })
        .collect();
    render(&NotificationsPage {
        page,
        notifications,
    })
}

#[cfg(test)]
mod tests {
    use super::clock_text;

    #[test]
    fn positions_read_like_a_player() {
        assert_eq!(clock_text(5), "0:05");
        assert_eq!(clock_text(125), "2:05");
        assert_eq!(clock_text(3725), "1:02:05");
    }
}
