//! Certificates: quality officers record green food, organic and geographical-indication
//! certificates for a shop or a product; a producer issues their own compliance certificate
//! (承诺达标合格证) for their product, with the shop as issuer and contact.

use farmgate_domain::access::{authorize, Action, Actor};
use farmgate_domain::calendar::CivilDate;
use farmgate_domain::id::{ProductId, ShopId};
use farmgate_domain::trace::{
    validate_certificate, Certificate, CertificateForm, CertificateHolder, CertificateKind,
};
use farmgate_store::Page;

use super::batches::actor_may_read;
use crate::{new_id, ServiceError, ServiceResult, Services};

/// Certificates one listing shows at most.
pub const CERTIFICATE_PAGE: i64 = 100;

impl Services {
    pub async fn record_certificate(
        &self,
        actor: &Actor,
        holder: &CertificateHolder,
        form: &CertificateForm,
    ) -> ServiceResult<Certificate> {
        let (shop, for_product) = match holder {
            CertificateHolder::Shop(shop) => (shop.clone(), false),
            CertificateHolder::Product(product) => {
                let detail = self
                    .store
                    .product(product)
                    .await?
                    .ok_or(ServiceError::NotFound)?;
                (detail.product.shop_id, true)
            }
        };
        let record = self
            .store
            .shop(&shop)
            .await?
            .ok_or(ServiceError::NotFound)?;
        let self_issued =
            CertificateKind::parse(form.kind.trim()).is_some_and(CertificateKind::self_issued);
        if self_issued {
            authorize(actor, &Action::ManageBatches(&shop))?;
        } else {
            authorize(actor, &Action::SuperviseQuality)?;
        }
        let draft = validate_certificate(form, for_product)?;
        let certificate = Certificate {
            id: new_id(),
            holder: holder.clone(),
            shop,
            kind: draft.kind,
            number: draft.number,
            issuer: if draft.kind.self_issued() {
                record.name
            } else {
                draft.issuer
            },
            valid_from: draft.valid_from,
            valid_to: draft.valid_to,
            promise: draft.promise,
            recorded_by: actor.account_id.clone(),
            recorded_at: self.clock.now(),
        };
        self.store.add_certificate(&certificate).await?;
        self.traces_changed();
        Ok(certificate)
    }

    /// One shop's certificates for its members, or every one for quality officers and the hub.
    pub async fn certificates(
        &self,
        actor: &Actor,
        shop: Option<&ShopId>,
    ) -> ServiceResult<Vec<Certificate>> {
        match shop {
            Some(shop) if actor_may_read(actor, shop) => {}
            None => authorize(actor, &Action::SuperviseQuality)?,
            Some(_) => return Err(ServiceError::Forbidden),
        }
        Ok(self
            .store
            .certificates(shop, Page::first(CERTIFICATE_PAGE))
            .await?)
    }

    /// What anyone sees on a product's page: the product's and its shop's certificates.
    pub async fn product_certificates(
        &self,
        shop: &ShopId,
        product: &ProductId,
    ) -> ServiceResult<Vec<Certificate>> {
        let all = self
            .store
            .certificates(Some(shop), Page::first(CERTIFICATE_PAGE))
            .await?;
        Ok(all
            .into_iter()
            .filter(|certificate| match &certificate.holder {
                CertificateHolder::Shop(_) => true,
                CertificateHolder::Product(held) => held == product,
            })
            .collect())
    }

    /// Today in the county, for telling valid certificates from expired ones.
    pub fn today(&self) -> CivilDate {
        CivilDate::in_china(self.clock.now())
    }
}
