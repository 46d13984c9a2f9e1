//! One viewer's connection: writes what the room sends (its batches, each one WebSocket message,
//! and all that are waiting in one write) and answers what the client sends. A client that
//! does not read is closed rather than queued for.

use std::time::Duration;

use axum::extract::ws::{CloseFrame, Message, Utf8Bytes, WebSocket};
use bytes::Bytes;
use farmgate_live::{private_frame, Delivery, Joined, Member, Refusal, Reply, Room, Viewer};
use futures_util::SinkExt;
use serde_json::json;

use crate::texts::Texts;

/// Messages sent in one write at most.
const MAX_MESSAGES_PER_WRITE: usize = 16;
/// A write not done within this closes the connection.
const WRITE_TIMEOUT: Duration = Duration::from_secs(10);
/// "Try again later": the client reconnects with `?after=`.
const CLOSE_TOO_SLOW: u16 = 1013;

pub(super) async fn run(
    mut socket: WebSocket,
    joined: Joined,
    member: Option<Member>,
    texts: &'static Texts,
) {
    let Joined { mut viewer, first } = joined;
    let mut opening: Vec<Bytes> = first.iter().map(|frame| frame.bytes()).collect();
    if member.as_ref().is_some_and(|member| member.moderator) {
        opening.extend(Reply::BlockedWords(viewer.room().blocked_words()).frame());
    }
    if send(&mut socket, opening).await.is_err() {
        return;
    }
    loop {
        tokio::select! {
            delivery = viewer.next() => {
                let (messages, too_slow) = gather(delivery, &mut viewer);
                if send(&mut socket, messages).await.is_err() {
                    return;
                }
                if too_slow {
                    close_too_slow(socket).await;
                    return;
                }
            }
            incoming = socket.recv() => {
                let reply = match incoming {
                    Some(Ok(Message::Text(text))) => {
                        answer(viewer.room(), member.as_ref(), text.as_str(), texts)
                    }
                    Some(Ok(Message::Binary(_))) => Some(refusal(&Refusal::InvalidMessage, texts)),
                    Some(Ok(Message::Ping(_) | Message::Pong(_))) => None,
                    Some(Ok(Message::Close(_)) | Err(_)) | None => return,
                };
                if let Some(reply) = reply {
                    if send(&mut socket, vec![reply]).await.is_err() {
                        return;
                    }
                }
            }
        }
    }
}

/// The delivery and whatever else is already waiting, up to one write; true when the viewer
/// is to be let go after it.
fn gather(first: Delivery, viewer: &mut Viewer) -> (Vec<Bytes>, bool) {
    let mut messages = Vec::new();
    let mut next = Some(first);
    while let Some(delivery) = next.take() {
        match delivery {
            Delivery::Batch(batch) => messages.push(batch.bytes()),
            Delivery::Snapshot(frame) => messages.push(frame.bytes()),
            Delivery::TooSlow => return (messages, true),
        }
        if messages.len() < MAX_MESSAGES_PER_WRITE {
            next = viewer.try_next();
        }
    }
    (messages, false)
}

fn answer(room: &Room, member: Option<&Member>, text: &str, texts: &Texts) -> Option<Bytes> {
    match room.receive(member, text) {
        Ok(reply) => reply.frame(),
        Err(refused) => Some(refusal(&refused, texts)),
    }
}

fn refusal(refusal: &Refusal, texts: &Texts) -> Bytes {
    private_frame(
        "error",
        json!({ "code": refusal.code(), "message": texts.live_room.refusal(refusal) }),
    )
}

async fn send(socket: &mut WebSocket, frames: Vec<Bytes>) -> Result<(), ()> {
    let write = async {
        for frame in frames {
            // Frames are made from JSON text, so this never fails.
            if let Ok(text) = Utf8Bytes::try_from(frame) {
                socket.feed(Message::Text(text)).await?;
            }
        }
        socket.flush().await
    };
    match tokio::time::timeout(WRITE_TIMEOUT, write).await {
        Ok(Ok(())) => Ok(()),
        _ => Err(()),
    }
}

async fn close_too_slow(mut socket: WebSocket) {
    let close = Message::Close(Some(CloseFrame {
        code: CLOSE_TOO_SLOW,
        reason: Utf8Bytes::from_static("too slow"),
    }));
    let _ = tokio::time::timeout(WRITE_TIMEOUT, socket.send(close)).await;
}
