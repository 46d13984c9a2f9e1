//! Payments: one interface every provider implements, and a built-in sandbox provider that
//! behaves like the real ones (WeChat Pay v3, Alipay): a cashier page, an asynchronous callback
//! that is signed, delivered at least once, sometimes twice and not always in order, a query
//! endpoint for when the callback is late, and refunds through the same channel.
//!
//! Amounts stay integer fen inside Farmgate; a provider converts only at its own boundary.

mod notification;
mod provider;
pub mod sandbox;
mod signature;

pub use notification::{Notification, NotificationError, PaymentOutcome, RefundOutcome};
pub use provider::{
    PaymentProvider, PaymentRequest, ProviderError, ProviderPayment, ProviderRefund, RefundRequest,
};
pub use signature::{SignatureError, SignedHeaders, Signer};
