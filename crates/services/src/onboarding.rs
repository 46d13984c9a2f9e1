//! Producer onboarding: apply with documents, the hub reviews and decides. Approval opens the
//! shop and makes the applicant a producer, in one transaction.

use farmgate_domain::access::{authorize, Action, Actor};
use farmgate_domain::account::Phone;
use farmgate_domain::application::{
    decide, ApplicationStatus, Decision, DocumentFormat, DocumentKind,
};
use farmgate_domain::id::{ApplicationId, DocumentId};
use farmgate_domain::place::{AreaCode, PlaceLevel};
use farmgate_domain::shop::{shop_description, shop_name, ProducerKind};
use farmgate_domain::validation::{text_length, FieldError, Problem, ValidationErrors};
use farmgate_store::{
    ApplicationDecision, ApplicationRecord, DocumentRecord, NewDocument, Page, ShopRecord,
};

use crate::{new_id, ServiceError, ServiceResult, Services};

/// Most documents one application may carry.
pub const MAX_DOCUMENTS: usize = 5;

/// An application as submitted.
#[derive(Debug, Clone, Default)]
pub struct ApplicationForm {
    pub shop_name: String,
    pub kind: String,
    pub village: String,
    pub description: String,
    pub contact_phone: String,
    pub documents: Vec<UploadedDocument>,
}

#[derive(Debug, Clone)]
pub struct UploadedDocument {
    pub kind: String,
    pub file_name: String,
    pub content: Vec<u8>,
}

/// An application with the documents it carries.
#[derive(Debug, Clone)]
pub struct ApplicationDetail {
    pub application: ApplicationRecord,
    pub documents: Vec<DocumentRecord>,
    pub applicant_name: String,
    pub applicant_email: String,
}

impl Services {
    pub async fn apply_for_shop(
        &self,
        actor: &Actor,
        form: ApplicationForm,
    ) -> ServiceResult<ApplicationRecord> {
        authorize(actor, &Action::ApplyForShop)?;
        let mut errors = ValidationErrors::default();
        let name = errors.check(shop_name(&form.shop_name));
        let kind = errors.check(ProducerKind::parse(&form.kind).ok_or(invalid("kind", &form.kind)));
        let village = errors.check(self.village("village", &form.village).await?);
        let description = errors.check(shop_description(&form.description));
        let phone = errors.check(Phone::parse("contact_phone", &form.contact_phone));
        let now = self.clock.now();
        let application_id: ApplicationId = new_id();
        let documents = errors.check(documents(&application_id, form.documents, now));
        let (
            Some(name),
            Some(kind),
            Some(village),
            Some(description),
            Some(phone),
            Some(documents),
        ) = (name, kind, village, description, phone, documents)
        else {
            return Err(errors.into());
        };
        let pending = self.store.applications_of(&actor.account_id).await?;
        if pending
            .iter()
            .any(|application| application.status == ApplicationStatus::Pending)
        {
            return Err(ServiceError::Conflict(
                "an application is already pending review",
            ));
        }
        let application = ApplicationRecord {
            id: application_id,
            applicant: actor.account_id.clone(),
            shop_name: name,
            kind,
            village,
            description,
            contact_phone: phone.as_str().to_owned(),
            status: ApplicationStatus::Pending,
            reason: None,
            reviewed_by: None,
            created_at: now,
            decided_at: None,
        };
        self.store
            .insert_application(&application, &documents)
            .await?;
        Ok(application)
    }

    /// A village of this county, by its code; `field` names the input for the error.
    pub(crate) async fn village(
        &self,
        field: &'static str,
        code: &str,
    ) -> ServiceResult<Result<AreaCode, FieldError>> {
        let known = match AreaCode::parse(code.trim()) {
            Some(code) if code.level() == PlaceLevel::Village => {
                self.store.place(&code).await?.map(|place| place.code)
            }
            _ => None,
        };
        Ok(known.ok_or(invalid(field, code)))
    }

    pub async fn my_applications(&self, actor: &Actor) -> ServiceResult<Vec<ApplicationRecord>> {
        authorize(actor, &Action::ManageOwnAccount)?;
        Ok(self.store.applications_of(&actor.account_id).await?)
    }

    pub async fn applications_for_review(
        &self,
        actor: &Actor,
        status: Option<ApplicationStatus>,
        page: Page,
    ) -> ServiceResult<Vec<ApplicationRecord>> {
        authorize(actor, &Action::ReviewApplications)?;
        Ok(self.store.applications(status, page).await?)
    }

    /// The hub and the applicant see an application; to anyone else it does not exist.
    pub async fn application_detail(
        &self,
        actor: &Actor,
        id: &ApplicationId,
    ) -> ServiceResult<ApplicationDetail> {
        let application = self
            .store
            .application(id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        let action = Action::ViewApplicationDocument {
            application: id,
            applicant: &application.applicant,
        };
        authorize(actor, &action).map_err(|_| ServiceError::NotFound)?;
        let documents = self.store.documents_of(id).await?;
        let applicant = self
            .store
            .account(&application.applicant)
            .await?
            .ok_or(ServiceError::NotFound)?;
        Ok(ApplicationDetail {
            application,
            documents,
            applicant_name: applicant.display_name,
            applicant_email: applicant.email,
        })
    }

    pub async fn application_document(
        &self,
        actor: &Actor,
        id: &DocumentId,
    ) -> ServiceResult<(DocumentRecord, Vec<u8>)> {
        let (record, content) = self
            .store
            .document_content(id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        self.application_detail(actor, &record.application_id)
            .await?;
        Ok((record, content))
    }

    pub async fn decide_application(
        &self,
        actor: &Actor,
        id: &ApplicationId,
        decision: Decision,
    ) -> ServiceResult<ApplicationRecord> {
        authorize(actor, &Action::ReviewApplications)?;
        let mut application = self
            .store
            .application(id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        let outcome = decide(application.status, &decision)
            .map_err(|_| ServiceError::Conflict("application already decided"))?;
        let now = self.clock.now();
        let shop = (outcome == ApplicationStatus::Approved).then(|| ShopRecord {
            id: new_id(),
            name: application.shop_name.clone(),
            kind: application.kind,
            village: application.village.clone(),
            description: application.description.clone(),
            created_at: now,
        });
        let reason = match decision {
            Decision::Reject { reason } => Some(reason),
            Decision::Approve => None,
        };
        self.store
            .decide_application(
                &ApplicationDecision {
                    application: id.clone(),
                    outcome,
                    reason: reason.clone(),
                    reviewer: actor.account_id.clone(),
                    at: now,
                },
                shop.as_ref(),
            )
            .await?;
        if shop.is_some() {
            // The applicant now runs a shop: their tokens must act for it at once.
            self.accounts_changed();
            self.directory.invalidate();
        }
        application.status = outcome;
        application.reason = reason;
        application.reviewed_by = Some(actor.account_id.clone());
        application.decided_at = Some(now);
        Ok(application)
    }
}

fn invalid(field: &'static str, _value: &str) -> FieldError {
    FieldError {
        field,
        problem: Problem::Invalid,
    }
}

/// Checks every uploaded document and names it; format is sniffed from content.
fn documents(
    application: &ApplicationId,
    uploads: Vec<UploadedDocument>,
    now: farmgate_domain::time::Timestamp,
) -> Result<Vec<NewDocument>, FieldError> {
    let field = "documents";
    if uploads.is_empty() {
        return Err(FieldError {
            field,
            problem: Problem::Required,
        });
    }
    if uploads.len() > MAX_DOCUMENTS {
        return Err(FieldError {
            field,
            problem: Problem::TooLong { max: MAX_DOCUMENTS },
        });
    }
    uploads
        .into_iter()
        .map(|upload| {
            let kind = DocumentKind::parse(&upload.kind).ok_or(invalid(field, &upload.kind))?;
            let format = DocumentFormat::sniff(field, &upload.content)?;
            let file_name = text_length(field, &clean_file_name(&upload.file_name), 1, 120)?;
            let size_bytes = i64::try_from(upload.content.len()).map_err(|_| FieldError {
                field,
                problem: Problem::TooLarge {
                    max_bytes: DocumentFormat::MAX_BYTES,
                },
            })?;
            Ok(NewDocument {
                record: DocumentRecord {
                    id: new_id(),
                    application_id: application.clone(),
                    kind,
                    format,
                    file_name,
                    size_bytes,
                    created_at: now,
                },
                content: upload.content,
            })
        })
        .collect()
}

/// Keeps the last path segment of a client's file name, without control characters.
fn clean_file_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let cleaned: String = base.chars().filter(|c| !c.is_control()).collect();
    if cleaned.trim().is_empty() {
        "document".to_owned()
    } else {
        cleaned
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_lose_their_paths() {
        assert_eq!(
            clean_file_name("C:\\Users\\卓玛\\licence.pdf"),
            "licence.pdf"
        );
        assert_eq!(clean_file_name("../../etc/passwd"), "passwd");
        assert_eq!(clean_file_name("a\u{0}b.png"), "ab.png");
        assert_eq!(clean_file_name(""), "document");
    }
}
