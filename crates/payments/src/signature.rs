//! Signing and checking callbacks. Like WeChat Pay v3 the signature covers the timestamp, a
//! nonce and the exact body bytes, so neither can be swapped; the sandbox uses HMAC-SHA256 with a
//! shared key where WeChat uses RSA. A stale timestamp is refused, which bounds replays.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::Sha256;
use subtle::ConstantTimeEq;

/// How far a callback's timestamp may be from now, either way (WeChat uses five minutes).
pub const MAX_CLOCK_SKEW_SECS: i64 = 300;

/// The headers a signed callback carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedHeaders {
    /// Unix seconds when the callback was signed.
    pub timestamp: i64,
    pub nonce: String,
    /// Base64 of HMAC-SHA256 over `"{timestamp}\n{nonce}\n{body}\n"`.
    pub signature: String,
}

impl SignedHeaders {
    pub const TIMESTAMP: &'static str = "sandbox-timestamp";
    pub const NONCE: &'static str = "sandbox-nonce";
    pub const SIGNATURE: &'static str = "sandbox-signature";
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum SignatureError {
    #[error("the signature does not match")]
    Mismatch,
    #[error("the timestamp is too far from now")]
    Stale,
    #[error("the signature headers are missing or malformed")]
    Malformed,
}

#[derive(Clone)]
pub struct Signer {
    key: Vec<u8>,
}

impl std::fmt::Debug for Signer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Signer(…)")
    }
}

impl Signer {
    pub fn new(key: &[u8]) -> Self {
        Self { key: key.to_vec() }
    }

    /// A fresh random key, base64, for a new installation.
    pub fn generate_key() -> String {
        let mut key = [0u8; 32];
        rand::rngs::OsRng.fill_bytes(&mut key);
        STANDARD.encode(key)
    }

    pub fn sign(&self, timestamp: i64, nonce: &str, body: &[u8]) -> SignedHeaders {
        SignedHeaders {
            timestamp,
            nonce: nonce.to_owned(),
            signature: STANDARD.encode(self.mac(timestamp, nonce, body)),
        }
    }

    /// Signs with a fresh nonce.
    pub fn sign_now(&self, now_secs: i64, body: &[u8]) -> SignedHeaders {
        let mut nonce = [0u8; 16];
        rand::rngs::OsRng.fill_bytes(&mut nonce);
        let nonce: String = nonce.iter().map(|b| format!("{b:02x}")).collect();
        self.sign(now_secs, &nonce, body)
    }

    pub fn verify(
        &self,
        headers: &SignedHeaders,
        body: &[u8],
        now_secs: i64,
    ) -> Result<(), SignatureError> {
        let sent = STANDARD
            .decode(headers.signature.as_bytes())
            .map_err(|_| SignatureError::Malformed)?;
        let expected = self.mac(headers.timestamp, &headers.nonce, body);
        if !bool::from(sent.ct_eq(&expected)) {
            return Err(SignatureError::Mismatch);
        }
        if (now_secs - headers.timestamp).abs() > MAX_CLOCK_SKEW_SECS {
            return Err(SignatureError::Stale);
        }
        Ok(())
    }

    fn mac(&self, timestamp: i64, nonce: &str, body: &[u8]) -> Vec<u8> {
        // HMAC accepts keys of any length, so this cannot fail.
        let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(&self.key) else {
            return Vec::new();
        };
        mac.update(format!("{timestamp}\n{nonce}\n").as_bytes());
        mac.update(body);
        mac.update(b"\n");
        mac.finalize().into_bytes().to_vec()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_790_000_000;

    #[test]
    fn a_signed_body_verifies_and_any_change_does_not() {
        let signer = Signer::new(b"shared secret");
        let body = br#"{"out_trade_no":"p1","amount":1250}"#;
        let headers = signer.sign(NOW, "abc", body);
        assert_eq!(signer.verify(&headers, body, NOW + 10), Ok(()));

        let tampered = br#"{"out_trade_no":"p1","amount":1}"#;
        assert_eq!(
            signer.verify(&headers, tampered, NOW),
            Err(SignatureError::Mismatch)
        );
        let other_nonce = SignedHeaders {
            nonce: "abd".into(),
            ..headers.clone()
        };
        assert_eq!(
            signer.verify(&other_nonce, body, NOW),
            Err(SignatureError::Mismatch)
        );
        let other_key = Signer::new(b"another secret");
        assert_eq!(
            other_key.verify(&headers, body, NOW),
            Err(SignatureError::Mismatch)
        );
        let garbage = SignedHeaders {
            signature: "%%%".into(),
            ..headers
        };
        assert_eq!(
            signer.verify(&garbage, body, NOW),
            Err(SignatureError::Malformed)
        );
    }

    #[test]
    fn stale_callbacks_are_refused_even_when_signed() {
        let signer = Signer::new(b"k");
        let headers = signer.sign(NOW, "n", b"{}");
        assert_eq!(
            signer.verify(&headers, b"{}", NOW + MAX_CLOCK_SKEW_SECS),
            Ok(())
        );
        assert_eq!(
            signer.verify(&headers, b"{}", NOW + MAX_CLOCK_SKEW_SECS + 1),
            Err(SignatureError::Stale)
        );
        assert_eq!(
            signer.verify(&headers, b"{}", NOW - 301),
            Err(SignatureError::Stale)
        );
    }

    #[test]
    fn fresh_nonces_and_keys_differ() {
        let signer = Signer::new(b"k");
        assert_ne!(
            signer.sign_now(NOW, b"x").nonce,
            signer.sign_now(NOW, b"x").nonce
        );
        assert_ne!(Signer::generate_key(), Signer::generate_key());
        assert_eq!(format!("{signer:?}"), "Signer(…)");
    }
}
