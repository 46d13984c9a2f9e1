//! What nginx-rtmp posts to Farmgate's callbacks (`notify_method post`, form-encoded). It sends
//! more fields (`flashver`, `tcurl`, `clientid`, …); only these are read.

use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
pub struct Notification {
    /// `publish`, `publish_done` or `record_done`.
    pub call: String,
    /// The stream's name: the stream key in `publish` (from the ingest application), the
    /// session id in `publish_done` and `record_done` (from the session application).
    pub name: String,
    /// The RTMP application the event happened in.
    #[serde(default)]
    pub app: String,
}
