//! Password hashing with argon2id (the crate's defaults follow OWASP's recommendation:
//! 19 MiB, two passes, one lane).
//!
//! A hash needs its 19 MiB for the tens of milliseconds it runs. Allocated afresh for
//! every sign-in, on whichever blocking thread runs it, those blocks land in the memory
//! allocator's per-thread arenas and stay with the process: a sign-in storm left it at
//! 800 MB. Here as many hashes run at once as there are cores (more would not finish
//! sooner), each on a work area allocated once and reused; further sign-ins wait their
//! turn in order instead of failing.

use std::sync::{Mutex, OnceLock, PoisonError};

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{Output, PasswordHash, SaltString};
use argon2::{Algorithm, Argon2, Block, Params, Version};

/// The largest work area a stored hash may ask for (256 MiB); a hash asking for more is
/// not ours and never matches.
const MAX_BLOCKS: usize = 256 * 1024;

/// Hashes `password` into a PHC string with a fresh random salt.
pub fn hash(password: &str) -> anyhow::Result<String> {
    hash_with(password, &mut Vec::new())
}

/// Whether `password` matches the PHC string `phc`; an unreadable hash never matches.
pub fn verify(password: &str, phc: &str) -> bool {
    verify_with(password, phc, &mut Vec::new())
}

/// [`hash`] in the work area `blocks`, grown to the size it needs and kept.
fn hash_with(password: &str, blocks: &mut Vec<Block>) -> anyhow::Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    let params = Params::default();
    let mut raw = [0_u8; 64];
    let salt_bytes = salt
        .decode_b64(&mut raw)
        .map_err(|e| anyhow::anyhow!("a salt: {e}"))?;
    let mut out = vec![0_u8; params.output_len().unwrap_or(Params::DEFAULT_OUTPUT_LEN)];
    let context = Argon2::new(Algorithm::Argon2id, Version::V0x13, params.clone());
    context
        .hash_password_into_with_memory(
            password.as_bytes(),
            salt_bytes,
            &mut out,
            area(blocks, params.block_count()),
        )
        .map_err(|e| anyhow::anyhow!("hashing a password: {e}"))?;
    // The PHC string is written by the crate itself, from the same inputs, so that it
    // reads back exactly as `verify` expects; its output is checked against ours.
    let phc = PasswordHash {
        algorithm: Algorithm::Argon2id.ident(),
        version: Some(Version::V0x13.into()),
        params: (&params)
            .try_into()
            .map_err(|e| anyhow::anyhow!("the parameters: {e}"))?,
        salt: Some(salt.as_salt()),
        hash: Some(Output::new(&out).map_err(|e| anyhow::anyhow!("the output: {e}"))?),
    };
    Ok(phc.to_string())
}

/// [`verify`] in the work area `blocks`.
fn verify_with(password: &str, phc: &str, blocks: &mut Vec<Block>) -> bool {
    let Ok(parsed) = PasswordHash::new(phc) else {
        return false;
    };
    let (Some(salt), Some(expected)) = (parsed.salt, parsed.hash) else {
        return false;
    };
    let Ok(algorithm) = Algorithm::try_from(parsed.algorithm) else {
        return false;
    };
    let version = match parsed.version.map(Version::try_from) {
        None => Version::default(),
        Some(Ok(v)) => v,
        Some(Err(_)) => return false,
    };
    let Ok(params) = Params::try_from(&parsed) else {
        return false;
    };
    if params.block_count() > MAX_BLOCKS {
        return false;
    }
    let mut raw = [0_u8; 64];
    let Ok(salt_bytes) = salt.decode_b64(&mut raw) else {
        return false;
    };
    let mut out = vec![0_u8; expected.len()];
    let count = params.block_count();
    Argon2::new(algorithm, version, params)
        .hash_password_into_with_memory(password.as_bytes(), salt_bytes, &mut out, area(blocks, count))
        .is_ok()
        // `Output`'s comparison takes the same time wherever the bytes differ.
        && Output::new(&out).is_ok_and(|computed| computed == expected)
}

/// The first `count` blocks of `blocks`, grown when it is smaller.
fn area(blocks: &mut Vec<Block>, count: usize) -> &mut [Block] {
    if blocks.len() < count {
        blocks.resize(count, Block::default());
    }
    &mut blocks[..count]
}

/// The hashing slots: as many as the machine has cores, each a work area kept between
/// uses, and the queue in front of them.
struct Slots {
    queue: tokio::sync::Semaphore,
    areas: Mutex<Vec<Vec<Block>>>,
}

fn slots() -> &'static Slots {
    static SLOTS: OnceLock<Slots> = OnceLock::new();
    SLOTS.get_or_init(|| {
        let cores = std::thread::available_parallelism().map_or(2, usize::from);
        Slots {
            queue: tokio::sync::Semaphore::new(cores),
            areas: Mutex::new(Vec::with_capacity(cores)),
        }
    })
}

/// Runs `work` with a slot's work area on a blocking thread, after waiting in order for
/// a free slot.
async fn in_slot<T: Send + 'static>(
    work: impl FnOnce(&mut Vec<Block>) -> T + Send + 'static,
) -> anyhow::Result<T> {
    let slots = slots();
    let _turn = slots.queue.acquire().await?;
    let mut blocks = slots
        .areas
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .pop()
        .unwrap_or_default();
    let (result, blocks) = tokio::task::spawn_blocking(move || {
        let result = work(&mut blocks);
        (result, blocks)
    })
    .await?;
    slots
        .areas
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .push(blocks);
    Ok(result)
}

/// [`hash`] off the async workers, in a hashing slot.
pub async fn hash_blocking(password: String) -> anyhow::Result<String> {
    in_slot(move |blocks| hash_with(&password, blocks)).await?
}

/// [`verify`] off the async workers, in a hashing slot.
pub async fn verify_blocking(password: String, phc: String) -> anyhow::Result<bool> {
    in_slot(move |blocks| verify_with(&password, &phc, blocks)).await
}

#[cfg(test)]
mod tests {
    use argon2::password_hash::{PasswordHasher, PasswordVerifier};

    use super::*;

    #[test]
    fn a_hash_verifies_only_its_password() {
        let h = hash("rätt lösenord").expect("hashes");
        assert!(h.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        assert!(verify("rätt lösenord", &h));
        assert!(!verify("fel lösenord", &h));
        assert!(!verify("rätt lösenord", "not a hash"));
    }

    #[test]
    fn hashes_agree_with_the_crates_own_hashing_and_checking() {
        // Made by the crate's own `hash_password`, as stored hashes before were.
        let salt = SaltString::generate(&mut OsRng);
        let theirs = Argon2::default()
            .hash_password("lösenord".as_bytes(), &salt)
            .expect("hashes")
            .to_string();
        let mut area = Vec::new();
        assert!(verify_with("lösenord", &theirs, &mut area));
        assert!(!verify_with("lösenord!", &theirs, &mut area));
        // Ours, checked by the crate, in the same reused area.
        let ours = hash_with("lösenord", &mut area).expect("hashes");
        let parsed = PasswordHash::new(&ours).expect("reads back");
        assert!(
            Argon2::default()
                .verify_password("lösenord".as_bytes(), &parsed)
                .is_ok()
        );
        assert_eq!(area.len(), Params::default().block_count());
        // Other parameters (a cheaper hash someone stored) still verify.
        let cheap = Argon2::new(
            Algorithm::Argon2id,
            Version::V0x13,
            Params::new(8 * 1024, 1, 1, None).expect("params"),
        )
        .hash_password("kort".as_bytes(), &salt)
        .expect("hashes")
        .to_string();
        assert!(verify_with("kort", &cheap, &mut area));
        assert!(!verify_with("lång", &cheap, &mut area));
    }

    #[test]
    fn a_hash_asking_for_more_memory_than_allowed_never_matches() {
        let salt = "c2FsdHNhbHRzYWx0";
        let greedy = format!("$argon2id$v=19$m=4194304,t=2,p=1${salt}$AAAAAAAAAAAAAAAAAAAAAA");
        assert!(!verify("x", &greedy));
    }

    #[tokio::test]
    async fn hashes_wait_for_a_slot_and_the_areas_are_kept() {
        let many: Vec<_> = (0..6)
            .map(|i| tokio::spawn(hash_blocking(format!("lösenord {i}"))))
            .collect();
        for (i, task) in many.into_iter().enumerate() {
            let h = task.await.expect("joins").expect("hashes");
            assert!(
                verify_blocking(format!("lösenord {i}"), h.clone())
                    .await
                    .expect("runs")
            );
            assert!(
                !verify_blocking(format!("lösenord {}", i + 1), h)
                    .await
                    .expect("runs")
            );
        }
        let kept = slots().areas.lock().expect("lock").len();
        let cores = std::thread::available_parallelism().map_or(2, usize::from);
        assert!(
            (1..=cores).contains(&kept),
            "{kept} areas kept for {cores} cores"
        );
    }
}
