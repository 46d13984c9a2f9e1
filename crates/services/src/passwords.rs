//! Password hashing with argon2id (OWASP's first choice), run off the async threads because a
//! hash takes tens of milliseconds on purpose.

use argon2::password_hash::{rand_core::OsRng, PasswordHash, PasswordVerifier, SaltString};
use argon2::{Argon2, PasswordHasher as _};

use crate::error::{ServiceError, ServiceResult};

#[derive(Clone, Default)]
pub struct PasswordHasher;

impl PasswordHasher {
    pub async fn hash(&self, password: &str) -> ServiceResult<String> {
        let password = password.to_owned();
        tokio::task::spawn_blocking(move || hash_now(&password))
            .await
            .map_err(|error| ServiceError::Internal(error.to_string()))?
    }

    /// `false` for a wrong password or an unreadable hash alike.
    pub async fn verify(&self, password: &str, hash: &str) -> ServiceResult<bool> {
        let password = password.to_owned();
        let hash = hash.to_owned();
        tokio::task::spawn_blocking(move || verify_now(&password, &hash))
            .await
            .map_err(|error| ServiceError::Internal(error.to_string()))
    }
}

fn hash_now(password: &str) -> ServiceResult<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|error| ServiceError::Internal(error.to_string()))
}

fn verify_now(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash)
        .map(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn hashes_with_argon2id_and_verifies() {
        let hasher = PasswordHasher;
        let hash = hasher.hash("青稞 highland barley").await.unwrap();
        assert!(hash.starts_with("$argon2id$"));
        assert!(hasher.verify("青稞 highland barley", &hash).await.unwrap());
        assert!(!hasher.verify("wrong password", &hash).await.unwrap());
        assert!(!hasher.verify("anything", "not a hash").await.unwrap());
    }
}
