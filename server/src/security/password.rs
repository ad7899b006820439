//! Password hashing with argon2id (the crate's defaults follow OWASP's recommendation).

use argon2::Argon2;
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};

/// Hashes `password` into a PHC string with a fresh random salt.
pub fn hash(password: &str) -> anyhow::Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| anyhow::anyhow!("hashing a password: {e}"))
}

/// Whether `password` matches the PHC string `phc`; an unreadable hash never matches.
pub fn verify(password: &str, phc: &str) -> bool {
    match PasswordHash::new(phc) {
        Ok(parsed) => Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok(),
        Err(_) => false,
    }
}

/// How many hashes run at once. Each takes tens of milliseconds of CPU and about 19 MB
/// (argon2id's memory cost) for its moment: a sign-in storm (a whole school at 8:00)
/// queues here instead of occupying every blocking thread and allocating for all of them
/// at once; more at once would not finish sooner on a machine of a few cores.
static HASHING: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(4);

/// Hashing is CPU-bound for tens of milliseconds: keep it off the async workers, a few
/// at a time.
pub async fn hash_blocking(password: String) -> anyhow::Result<String> {
    let _permit = HASHING.acquire().await?;
    tokio::task::spawn_blocking(move || hash(&password)).await?
}

/// [`verify`] on a blocking thread, a few at a time.
pub async fn verify_blocking(password: String, phc: String) -> anyhow::Result<bool> {
    let _permit = HASHING.acquire().await?;
    Ok(tokio::task::spawn_blocking(move || verify(&password, &phc)).await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_verifies_only_its_password() {
        let h = hash("rätt lösenord").expect("hashes");
        assert!(h.starts_with("$argon2id$"));
        assert!(verify("rätt lösenord", &h));
        assert!(!verify("fel lösenord", &h));
        assert!(!verify("rätt lösenord", "not a hash"));
    }
}
