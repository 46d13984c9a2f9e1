//! Recall notices by text message. The outbox is the `recall_notices` rows, written in the
//! recall's own transaction: `send_recall_notices` — run by the background task beside the
//! pickup notices — sends each unsent one through the `Notifier` and marks it sent. If the
//! process dies between the two, the message is sent again on the next pass: at least once,
//! never lost.

use std::collections::BTreeMap;

use farmgate_domain::account::Phone;
use farmgate_domain::id::RecallId;
use farmgate_domain::trace::recall_notice_text;

use crate::down::{Notifier, TextMessage};
use crate::{ServiceResult, Services};

/// Notices sent in one pass, so one pass stays short.
const NOTICES_PER_PASS: i64 = 200;

impl Services {
    /// Sends the recall notices owed; how many were sent. A failed send is left for the next
    /// pass; a notice whose phone cannot be texted is marked so, never retried.
    pub async fn send_recall_notices(&self, notifier: &dyn Notifier) -> ServiceResult<usize> {
        let owed = self.store.unsent_recall_notices(NOTICES_PER_PASS).await?;
        let mut texts: BTreeMap<RecallId, String> = BTreeMap::new();
        let mut sent = 0;
        for notice in owed {
            if !texts.contains_key(&notice.recall) {
                texts.insert(
                    notice.recall.clone(),
                    self.recall_text(&notice.recall).await?,
                );
            }
            let Ok(to) = Phone::parse("phone", &notice.phone) else {
                self.store
                    .mark_recall_notice_sent(&notice, "unreachable", "", self.clock.now())
                    .await?;
                continue;
            };
            let message = TextMessage {
                to,
                text: texts[&notice.recall].clone(),
            };
            let reference = match notifier.send(&message).await {
                Ok(reference) => reference,
                Err(error) => {
                    tracing::warn!(recall = %notice.recall, order = %notice.order, %error,
                        "recall notice not sent");
                    continue;
                }
            };
            if self
                .store
                .mark_recall_notice_sent(&notice, notifier.provider(), &reference, self.clock.now())
                .await?
            {
                sent += 1;
            }
        }
        Ok(sent)
    }

    async fn recall_text(&self, id: &RecallId) -> ServiceResult<String> {
        let Some(recall) = self.store.recall(id).await? else {
            return Ok(String::new());
        };
        let (title, lot) = match self.store.batch(&recall.batch).await? {
            Some(batch) => (
                self.batch_product_title(&batch).await?,
                batch.lot.as_str().to_owned(),
            ),
            None => (String::new(), String::new()),
        };
        Ok(recall_notice_text(&title, &lot, &recall.reason))
    }
}
