//! The load side of `bench room`: anonymous viewers that count the stamped frames they receive
//! (a tenth of them also keep each latency), chatters that send one stamped line a second, and
//! the in-process baseline: the same fan-out through the hub without sockets.

use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use anyhow::{bail, Context};
use farmgate_live::{Delivery, RoomEvent, RoomHub};
use futures_util::{SinkExt, StreamExt};
use serde_json::json;
use tokio::net::TcpStream;
use tokio::sync::{mpsc, watch, Barrier, Semaphore};
use tokio::task::JoinSet;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::http::HeaderValue;
use tokio_tungstenite::tungstenite::protocol::WebSocketConfig;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

/// A stamp is `bench@<microseconds>`.
const MARK_WORD: &str = "bench";
/// Connections opened at once while the room fills.
const CONNECTING_AT_ONCE: usize = 256;
/// Every this many viewers, one keeps every latency it sees.
const LATENCY_SAMPLE_EVERY: usize = 10;

pub type Socket = WebSocketStream<MaybeTlsStream<TcpStream>>;

pub fn wall_clock_micros() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|elapsed| u64::try_from(elapsed.as_micros()).unwrap_or(u64::MAX))
        .unwrap_or_default()
}

/// Marks a line with when it was sent.
pub fn stamp(micros: u64) -> String {
    format!("{MARK_WORD}@{micros}")
}

/// Every stamp in a message: one per stamped frame of a batch. It looks for the `@` (a `char`
/// pattern, found with `memchr`) and then checks the word before it, which costs the load
/// generator less than a substring search.
fn stamps_in(text: &str) -> impl Iterator<Item = u64> + '_ {
    text.match_indices('@')
        .filter(|(at, _)| text[..*at].ends_with(MARK_WORD))
        .filter_map(|(at, _)| {
            let digits = &text[at + 1..];
            let length = digits.bytes().take_while(u8::is_ascii_digit).count();
            digits[..length].parse().ok()
        })
}

/// A snapshot carries stamped lines too, but they are not deliveries. It comes alone, as
/// `{"seq":…,"type":"snapshot",…}`; batches are arrays.
fn is_snapshot(text: &str) -> bool {
    text.strip_prefix("{\"seq\":")
        .map(|rest| rest.trim_start_matches(|c: char| c.is_ascii_digit()))
        .is_some_and(|rest| rest.starts_with(",\"type\":\"snapshot\""))
}

#[derive(Default)]
pub struct ViewerTally {
    pub delivered: u64,
    pub latencies_us: Vec<u64>,
    pub snapshots: u64,
    pub closed: bool,
    pub last_delivery: Option<Instant>,
}

/// Opens a viewer: one WebSocket with small buffers, as a phone's would be.
async fn open(url: &str, token: Option<&str>) -> anyhow::Result<Socket> {
    let mut request = url.into_client_request()?;
    if let Some(token) = token {
        let bearer = HeaderValue::from_str(&format!("Bearer {token}"))?;
        request.headers_mut().insert("authorization", bearer);
    }
    let config = WebSocketConfig::default()
        .read_buffer_size(8 * 1024)
        .write_buffer_size(0);
    let (socket, _) = tokio_tungstenite::connect_async_with_config(request, Some(config), false)
        .await
        .with_context(|| format!("could not open {url}"))?;
    Ok(socket)
}

/// Fills the room with `count` viewers, each reading until `stop`; answers when all are in.
pub async fn fill_room(
    url: &str,
    count: usize,
    stop: watch::Receiver<bool>,
) -> anyhow::Result<JoinSet<anyhow::Result<ViewerTally>>> {
    let gate = Arc::new(Semaphore::new(CONNECTING_AT_ONCE));
    let (joined, mut joins) = mpsc::channel::<()>(count.max(1));
    let mut viewers = JoinSet::new();
    for index in 0..count {
        let (url, gate, joined, stop) =
            (url.to_owned(), gate.clone(), joined.clone(), stop.clone());
        viewers.spawn(async move {
            let permit = gate.acquire_owned().await?;
            let mut socket = open(&url, None).await?;
            let first = socket
                .next()
                .await
                .context("closed before its snapshot")??;
            if !first.to_text().is_ok_and(is_snapshot) {
                bail!("the first frame was not a snapshot: {first:?}");
            }
            drop(permit);
            joined.send(()).await.ok();
            Ok(watch(socket, stop, index % LATENCY_SAMPLE_EVERY == 0).await)
        });
    }
    drop(joined);
    for _ in 0..count {
        if joins.recv().await.is_none() {
            // A viewer failed before joining: its error says why.
            while let Some(result) = viewers.join_next().await {
                result??;
            }
            bail!("a viewer stopped before joining");
        }
    }
    Ok(viewers)
}

async fn watch(mut socket: Socket, mut stop: watch::Receiver<bool>, sample: bool) -> ViewerTally {
    let mut tally = ViewerTally::default();
    loop {
        tokio::select! {
            biased;
            _ = stop.changed() => break,
            message = socket.next() => match message {
                Some(Ok(Message::Text(text))) => {
                    if is_snapshot(&text) {
                        tally.snapshots += 1;
                        continue;
                    }
                    let arrived = sample.then(wall_clock_micros);
                    let before = tally.delivered;
                    for sent in stamps_in(&text) {
                        tally.delivered += 1;
                        if let Some(arrived) = arrived {
                            tally.latencies_us.push(arrived.saturating_sub(sent));
                        }
                    }
                    if tally.delivered > before {
                        tally.last_delivery = Some(Instant::now());
                    }
                }
                Some(Ok(Message::Close(_)) | Err(_)) | None => {
                    tally.closed = true;
                    break;
                }
                Some(Ok(_)) => {}
            }
        }
    }
    tally
}

/// The chatters' connections, one per token, opened before the load starts so that the chat
/// and the ticker run at the same time.
pub async fn connect_chatters(url: &str, tokens: &[String]) -> anyhow::Result<Vec<Socket>> {
    let mut sockets = Vec::with_capacity(tokens.len());
    for token in tokens {
        sockets.push(open(url, Some(token)).await?);
    }
    Ok(sockets)
}

/// Chatters, each sending a stamped line a second (spread over the second) until `seconds`
/// are up; answers the lines sent and the refusals received.
pub async fn chat(sockets: Vec<Socket>, seconds: f64) -> anyhow::Result<(u64, u64)> {
    let chatters_count = sockets.len();
    let started = tokio::time::Instant::now();
    let deadline = started + Duration::from_secs_f64(seconds);
    let mut chatters = JoinSet::new();
    for (index, mut socket) in sockets.into_iter().enumerate() {
        let offset = Duration::from_secs_f64(index as f64 / chatters_count.max(1) as f64);
        chatters.spawn(async move {
            let mut tick = tokio::time::interval_at(started + offset, Duration::from_secs(1));
            let (mut sent, mut refused) = (0u64, 0u64);
            loop {
                tokio::select! {
                    at = tick.tick() => {
                        if at >= deadline {
                            break;
                        }
                        let line = json!({ "type": "chat", "text": format!("多少钱？{}", stamp(wall_clock_micros())) });
                        socket.send(Message::text(line.to_string())).await?;
                        sent += 1;
                    }
                    message = socket.next() => match message {
                        Some(Ok(Message::Text(text))) if text.starts_with("{\"type\":\"error\"") => refused += 1,
                        Some(Ok(_)) => {}
                        _ => bail!("a chatter's connection closed"),
                    }
                }
            }
            anyhow::Ok((sent, refused))
        });
    }
    let (mut sent, mut refused) = (0, 0);
    while let Some(result) = chatters.join_next().await {
        let (s, r) = result??;
        sent += s;
        refused += r;
    }
    Ok((sent, refused))
}

/// The hub's own fan-out without sockets: `frames` ticker lines to `viewers` in-process
/// viewers, posted in rounds the viewers can hold, as fast as they are taken. Deliveries/s.
pub async fn in_process_fan_out(viewers: usize, frames: usize) -> anyhow::Result<f64> {
    const ROUND: usize = 256;
    let hub = RoomHub::new();
    let room = "baseline";
    let rounds = frames.div_ceil(ROUND);
    let barrier = Arc::new(Barrier::new(viewers + 1));
    let mut tasks = JoinSet::new();
    for _ in 0..viewers {
        let mut viewer = hub.join(room, None).viewer;
        let barrier = barrier.clone();
        tasks.spawn(async move {
            let mut delivered = 0u64;
            for _ in 0..rounds {
                let mut taken = 0;
                while taken < ROUND {
                    match viewer.next().await {
                        Delivery::Batch(batch) => {
                            let frames = batch.frames().iter();
                            taken += frames
                                .filter(|frame| stamps_in(frame.text()).next().is_some())
                                .count();
                        }
                        Delivery::Snapshot(_) | Delivery::TooSlow => {
                            bail!("a baseline viewer fell behind")
                        }
                    }
                }
                delivered += taken as u64;
                barrier.wait().await;
            }
            anyhow::Ok(delivered)
        });
    }
    let started = Instant::now();
    for _ in 0..rounds {
        for _ in 0..ROUND {
            let line = format!("有人从西宁买了 2 × 黑枸杞 {}", stamp(wall_clock_micros()));
            hub.post(room, RoomEvent::Purchase(json!({ "line": line })));
        }
        barrier.wait().await;
    }
    let elapsed = started.elapsed();
    let mut delivered = 0;
    while let Some(result) = tasks.join_next().await {
        delivered += result??;
    }
    Ok(delivered as f64 / elapsed.as_secs_f64().max(1e-9))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_stamped_frame_of_a_batch_is_found_but_snapshots_are_not_deliveries() {
        let chat = format!(
            r#"{{"seq":9,"type":"chat","text":"多少钱？{}"}}"#,
            stamp(42)
        );
        let ticker = format!(r#"{{"seq":10,"type":"purchase","data":"{}"}}"#, stamp(43));
        let batch = format!(r#"[{chat},{{"seq":11,"type":"like","likes":3}},{ticker}]"#);
        assert_eq!(stamps_in(&batch).collect::<Vec<_>>(), [42, 43]);
        assert!(!is_snapshot(&batch));
        assert!(is_snapshot(r#"{"seq":12345,"type":"snapshot","chat":[]}"#));
        assert_eq!(
            stamps_in(r#"[{"seq":1,"type":"like","likes":3}]"#).count(),
            0
        );
    }
}
