//! A room's WebSocket as a test client: open it (optionally with a session cookie), send
//! messages, and take the room's frames one by one (unpacking its batches), skipping the counts
//! sent every second when asked to.

use std::collections::VecDeque;
use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use serde_json::Value;
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::http::HeaderValue;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

use super::TestApp;

pub struct RoomSocket {
    socket: WebSocketStream<MaybeTlsStream<TcpStream>>,
    /// Frames of a batch already read and not yet taken.
    unread: VecDeque<Value>,
}

impl RoomSocket {
    /// Joins the session's room, as the cookies' owner when `cookies` (a `Cookie` header) is given.
    pub async fn open(app: &TestApp, session: &str, cookies: Option<&str>) -> RoomSocket {
        Self::open_with(app, session, "", &[("cookie", cookies)]).await
    }

    /// Joins with a query (`?after=…`) and the given request headers, those that are `Some`.
    pub async fn open_with(
        app: &TestApp,
        session: &str,
        query: &str,
        headers: &[(&'static str, Option<&str>)],
    ) -> RoomSocket {
        let url = format!(
            "{}/live/{session}/ws{query}",
            app.base.replace("http", "ws")
        );
        let mut request = url.into_client_request().unwrap();
        for (name, value) in headers {
            if let Some(value) = value {
                let value = HeaderValue::from_str(value).unwrap();
                request.headers_mut().insert(*name, value);
            }
        }
        let (socket, _) = tokio_tungstenite::connect_async(request).await.unwrap();
        RoomSocket {
            socket,
            unread: VecDeque::new(),
        }
    }

    pub async fn send(&mut self, message: Value) {
        self.send_message(Message::text(message.to_string())).await;
    }

    pub async fn chat(&mut self, text: &str) {
        self.send(serde_json::json!({ "type": "chat", "text": text }))
            .await;
    }

    pub async fn send_message(&mut self, message: Message) {
        self.socket.send(message).await.unwrap();
    }

    /// The next frame, within five seconds.
    pub async fn next(&mut self) -> Value {
        loop {
            if let Some(frame) = self.unread.pop_front() {
                return frame;
            }
            let message = tokio::time::timeout(Duration::from_secs(5), self.socket.next())
                .await
                .expect("a frame within 5 s")
                .expect("the socket stays open")
                .unwrap();
            if let Message::Text(text) = message {
                match serde_json::from_str(text.as_str()).unwrap() {
                    Value::Array(frames) => self.unread.extend(frames),
                    frame => return frame,
                }
            }
        }
    }

    /// The next frame of one of `kinds`, within five seconds each.
    pub async fn next_of(&mut self, kinds: &[&str]) -> Value {
        loop {
            let frame = self.next().await;
            if kinds.iter().any(|kind| frame["type"] == *kind) {
                return frame;
            }
        }
    }

    /// Sends a ping and waits for its pong: everything sent before it has been handled.
    pub async fn settle(&mut self) {
        self.send(serde_json::json!({ "type": "ping" })).await;
        self.next_of(&["pong"]).await;
    }
}
