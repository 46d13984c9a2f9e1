//! Identifiers: time-ordered text (UUIDv7), one newtype per kind of thing so an account id can
//! never be passed where a shop id is meant. Generating them needs a clock and randomness, so that
//! happens in the services; here they are only parsed and carried.

macro_rules! id_type {
    ($($name:ident),* $(,)?) => {$(
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            /// Wraps an id read from storage or made by the id generator.
            pub fn new(value: impl Into<String>) -> Self {
                Self(value.into())
            }

            /// Accepts only the canonical UUID text form, so junk from a URL never reaches storage.
            pub fn parse(value: &str) -> Option<Self> {
                is_uuid_text(value).then(|| Self(value.to_ascii_lowercase()))
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl From<String> for $name {
            fn from(value: String) -> Self {
                Self(value)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }
    )*};
}

id_type!(
    AccountId,
    ShopId,
    ApplicationId,
    DocumentId,
    TokenId,
    ProductId,
    SkuId,
    PhotoId,
    OrderId,
    CheckoutId,
    PaymentId,
    RefundId,
    AfterSaleId,
    PostingId,
    AddressId,
    PayoutId,
    PayoutRunId,
    LiveSessionId,
    FlashSaleId,
    GroupBuyId,
    TeamId,
    CouponId,
    CouponClaimId,
    LiveDrawId,
    NetworkNodeId,
    CarrierId,
    VehicleId,
    ParcelId,
    RouteRunId,
    BatchId,
    BatchEventId,
    InspectionId,
    CertificateId,
    RecallId,
    ShortVideoId,
    CampaignId,
    CampaignCouponId,
    CampaignClaimId,
);

/// `8-4-4-4-12` hexadecimal groups.
pub fn is_uuid_text(value: &str) -> bool {
    let bytes = value.as_bytes();
    bytes.len() == 36
        && bytes.iter().enumerate().all(|(i, b)| match i {
            8 | 13 | 18 | 23 => *b == b'-',
            _ => b.is_ascii_hexdigit(),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_only_uuid_text() {
        assert!(ShopId::parse("01937c3e-8f2a-7b3c-9d4e-5f6a7b8c9d0e").is_some());
        assert!(ShopId::parse("01937c3e-8f2a-7b3c-9d4e-5f6a7b8c9d0").is_none());
        assert!(ShopId::parse("../../etc/passwd").is_none());
        assert!(ShopId::parse("01937c3e_8f2a-7b3c-9d4e-5f6a7b8c9d0e").is_none());
    }

    #[test]
    fn parsing_normalises_case() {
        let id = AccountId::parse("01937C3E-8F2A-7B3C-9D4E-5F6A7B8C9D0E");
        assert_eq!(
            id.map(|id| id.to_string()),
            Some("01937c3e-8f2a-7b3c-9d4e-5f6a7b8c9d0e".to_owned())
        );
    }
}
