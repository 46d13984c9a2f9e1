//! A room's WebSocket as a test client: open it (optionally with a session cookie), send
//! messages, and wait for frames of a kind, skipping the counts sent every second.

use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use serde_json::Value;
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::http::HeaderValue;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

use super::TestApp;

pub struct RoomSocket(WebSocketStream<MaybeTlsStream<TcpStream>>);

impl RoomSocket {
    /// Joins the session's room, as the cookies' owner when `cookies` (a `Cookie` header) is given.
    pub async fn open(app: &TestApp, session: &str, cookies: Option<&str>) -> RoomSocket {
        let url = format!("{}/live/{session}/ws", app.base.replace("http", "ws"));
        let mut request = url.into_client_request().unwrap();
        if let Some(cookies) = cookies {
            let value = HeaderValue::from_str(cookies).unwrap();
            request.headers_mut().insert("cookie", value);
        }
        let (socket, _) = tokio_tungstenite::connect_async(request).await.unwrap();
        RoomSocket(socket)
    }

    pub async fn send(&mut self, message: Value) {
        self.0
            .send(Message::text(message.to_string()))
            .await
            .unwrap();
    }

    /// The next frame of one of `kinds`, within five seconds.
    pub async fn next_of(&mut self, kinds: &[&str]) -> Value {
        loop {
            let message = tokio::time::timeout(Duration::from_secs(5), self.0.next())
                .await
                .expect("a frame within 5 s")
                .expect("the socket stays open")
                .unwrap();
            if let Message::Text(text) = message {
                let frame: Value = serde_json::from_str(text.as_str()).unwrap();
                if kinds.iter().any(|kind| frame["type"] == *kind) {
                    return frame;
                }
            }
        }
    }

    /// Sends a ping and waits for its pong: everything sent before it has been handled.
    pub async fn settle(&mut self) {
        self.send(serde_json::json!({ "type": "ping" })).await;
        self.next_of(&["pong"]).await;
    }
}
