//! Producer applications and their documents. A decision is a compare-and-set on the pending
//! status, so two reviewers deciding at once cannot both win, and an approval opens the shop in
//! the same transaction.

use async_trait::async_trait;
use farmgate_domain::application::ApplicationStatus;
use farmgate_domain::id::{AccountId, ApplicationId, DocumentId};
use farmgate_domain::time::Timestamp;
use sqlx::AnyConnection;

use super::errors::refused;
use super::rows::{
    application_columns, document_columns, records, ApplicationRow, DocumentRow,
    DocumentWithContentRow,
};
use super::shops::insert_shop;
use super::{bounds, SqlStore};
use crate::{
    ApplicationDecision, ApplicationRecord, Applications, DocumentRecord, NewDocument, Page,
    ShopRecord, StoreError, StoreResult,
};

#[async_trait]
impl Applications for SqlStore {
    async fn insert_application(
        &self,
        application: &ApplicationRecord,
        documents: &[NewDocument],
    ) -> StoreResult<()> {
        if documents
            .iter()
            .any(|doc| doc.record.application_id != application.id)
        {
            return Err(StoreError::Conflict(
                "document belongs to another application",
            ));
        }
        let mut tx = self.writer.begin().await?;
        insert_application_row(&mut tx, application).await?;
        for document in documents {
            insert_document(&mut tx, document).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    async fn application(&self, id: &ApplicationId) -> StoreResult<Option<ApplicationRecord>> {
        let row: Option<ApplicationRow> = sqlx::query_as(concat!(
            "SELECT ",
            application_columns!(),
            " FROM producer_applications WHERE id = $1"
        ))
        .bind(id.as_str())
        .fetch_optional(&self.reader)
        .await?;
        row.map(ApplicationRecord::try_from).transpose()
    }

    async fn applications(
        &self,
        status: Option<ApplicationStatus>,
        page: Page,
    ) -> StoreResult<Vec<ApplicationRecord>> {
        let (limit, offset) = bounds(page);
        let rows: Vec<ApplicationRow> = match status {
            Some(status) => sqlx::query_as(concat!(
                "SELECT ",
                application_columns!(),
                " FROM producer_applications WHERE status = $1 \
                 ORDER BY created_at, id LIMIT $2 OFFSET $3"
            ))
            .bind(status.as_str()),
            None => sqlx::query_as(concat!(
                "SELECT ",
                application_columns!(),
                " FROM producer_applications ORDER BY created_at, id LIMIT $1 OFFSET $2"
            )),
        }
        .bind(limit)
        .bind(offset)
        .fetch_all(&self.reader)
        .await?;
        records(rows)
    }

    /// Oldest first, like `applications`.
    async fn applications_of(&self, applicant: &AccountId) -> StoreResult<Vec<ApplicationRecord>> {
        let rows: Vec<ApplicationRow> = sqlx::query_as(concat!(
            "SELECT ",
            application_columns!(),
            " FROM producer_applications WHERE applicant = $1 ORDER BY created_at, id"
        ))
        .bind(applicant.as_str())
        .fetch_all(&self.reader)
        .await?;
        records(rows)
    }

    async fn documents_of(&self, application: &ApplicationId) -> StoreResult<Vec<DocumentRecord>> {
        let rows: Vec<DocumentRow> = sqlx::query_as(concat!(
            "SELECT ",
            document_columns!(),
            " FROM application_documents WHERE application_id = $1 ORDER BY created_at, id"
        ))
        .bind(application.as_str())
        .fetch_all(&self.reader)
        .await?;
        records(rows)
    }

    async fn document_content(
        &self,
        id: &DocumentId,
    ) -> StoreResult<Option<(DocumentRecord, Vec<u8>)>> {
        let row: Option<DocumentWithContentRow> = sqlx::query_as(concat!(
            "SELECT ",
            document_columns!(),
            ", content FROM application_documents WHERE id = $1"
        ))
        .bind(id.as_str())
        .fetch_optional(&self.reader)
        .await?;
        row.map(|row| Ok((DocumentRecord::try_from(row.record)?, row.content)))
            .transpose()
    }

    async fn decide_application(
        &self,
        decision: &ApplicationDecision,
        shop: Option<&ShopRecord>,
    ) -> StoreResult<()> {
        check_decision(decision, shop)?;
        let mut tx = self.writer.begin().await?;
        // The `status = 'pending'` condition is the guard: of concurrent deciders, PostgreSQL
        // re-checks it after the first commits, and SQLite runs them one at a time anyway.
        let applicant: Option<String> = sqlx::query_scalar(
            "UPDATE producer_applications \
             SET status = $2, reason = $3, reviewed_by = $4, decided_at = $5 \
             WHERE id = $1 AND status = 'pending' RETURNING applicant",
        )
        .bind(decision.application.as_str())
        .bind(decision.outcome.as_str())
        .bind(decision.reason.as_deref())
        .bind(decision.reviewer.as_str())
        .bind(decision.at.millis())
        .fetch_optional(&mut *tx)
        .await
        .map_err(refused("application already decided"))?;
        let Some(applicant) = applicant else {
            let exists: Option<i64> =
                sqlx::query_scalar("SELECT 1 FROM producer_applications WHERE id = $1")
                    .bind(decision.application.as_str())
                    .fetch_optional(&mut *tx)
                    .await?;
            return Err(match exists {
                Some(_) => StoreError::Conflict("application already decided"),
                None => StoreError::NotFound,
            });
        };
        if let Some(shop) = shop {
            insert_shop(&mut tx, shop, &AccountId::new(applicant)).await?;
        }
        tx.commit().await?;
        Ok(())
    }
}

/// An approval must bring the shop it opens and a rejection must not: anything else would leave
/// an approved producer without a shop, or a shop nobody approved.
fn check_decision(decision: &ApplicationDecision, shop: Option<&ShopRecord>) -> StoreResult<()> {
    match (decision.outcome, shop) {
        (ApplicationStatus::Approved, Some(_)) | (ApplicationStatus::Rejected, None) => Ok(()),
        (ApplicationStatus::Approved, None) => {
            Err(StoreError::Conflict("an approval must open a shop"))
        }
        (ApplicationStatus::Rejected, Some(_)) => {
            Err(StoreError::Conflict("a rejection cannot open a shop"))
        }
        (ApplicationStatus::Pending, _) => {
            Err(StoreError::Conflict("a decision must approve or reject"))
        }
    }
}

async fn insert_application_row(
    conn: &mut AnyConnection,
    application: &ApplicationRecord,
) -> StoreResult<()> {
    sqlx::query(concat!(
        "INSERT INTO producer_applications (",
        application_columns!(),
        ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)"
    ))
    .bind(application.id.as_str())
    .bind(application.applicant.as_str())
    .bind(application.shop_name.as_str())
    .bind(application.kind.as_str())
    .bind(application.village.as_str())
    .bind(application.description.as_str())
    .bind(application.contact_phone.as_str())
    .bind(application.status.as_str())
    .bind(application.reason.as_deref())
    .bind(application.reviewed_by.as_ref().map(AccountId::as_str))
    .bind(application.created_at.millis())
    .bind(application.decided_at.map(Timestamp::millis))
    .execute(&mut *conn)
    .await
    .map_err(refused("application already exists"))?;
    Ok(())
}

async fn insert_document(conn: &mut AnyConnection, document: &NewDocument) -> StoreResult<()> {
    let record = &document.record;
    sqlx::query(concat!(
        "INSERT INTO application_documents (",
        document_columns!(),
        ", content) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
    ))
    .bind(record.id.as_str())
    .bind(record.application_id.as_str())
    .bind(record.kind.as_str())
    .bind(record.format.media_type())
    .bind(record.file_name.as_str())
    .bind(record.size_bytes)
    .bind(record.created_at.millis())
    .bind(document.content.as_slice())
    .execute(&mut *conn)
    .await
    .map_err(refused("document already exists"))?;
    Ok(())
}
