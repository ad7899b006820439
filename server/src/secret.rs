//! The secret that signs sign-in tokens: from configuration, or generated once and kept
//! in the data directory (readable by the owner only).

use std::path::Path;

use anyhow::Context;
use rand::RngCore;

/// The shortest secret accepted (HS256 wants at least 256 bits).
const MIN_SECRET_BYTES: usize = 32;

/// The configured secret, or the one kept in `data_dir`, created when missing.
pub fn resolve(configured: Option<&str>, data_dir: &Path) -> anyhow::Result<Vec<u8>> {
    if let Some(secret) = configured {
        anyhow::ensure!(
            secret.len() >= MIN_SECRET_BYTES,
            "KOLLEGIUM_JWT_SECRET must be at least {MIN_SECRET_BYTES} bytes long"
        );
        return Ok(secret.as_bytes().to_vec());
    }
    let path = data_dir.join("jwt-secret");
    if let Ok(existing) = std::fs::read_to_string(&path) {
        let existing = existing.trim();
        anyhow::ensure!(
            existing.len() >= MIN_SECRET_BYTES,
            "{} is too short",
            path.display()
        );
        return Ok(existing.as_bytes().to_vec());
    }
    std::fs::create_dir_all(data_dir)
        .with_context(|| format!("creating {}", data_dir.display()))?;
    let mut bytes = [0u8; 48];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let secret: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    write_private(&path, &secret).with_context(|| format!("writing {}", path.display()))?;
    tracing::warn!(
        path = %path.display(),
        "KOLLEGIUM_JWT_SECRET is not set: generated a signing secret and kept it in the data directory; \
         set KOLLEGIUM_JWT_SECRET when running more than one server"
    );
    Ok(secret.into_bytes())
}

#[cfg(unix)]
fn write_private(path: &Path, contents: &str) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)?;
    file.write_all(contents.as_bytes())
}

#[cfg(not(unix))]
fn write_private(path: &Path, contents: &str) -> std::io::Result<()> {
    std::fs::write(path, contents)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generates_once_and_then_reuses() {
        let dir = tempfile::tempdir().expect("tempdir");
        let first = resolve(None, dir.path()).expect("generates");
        let second = resolve(None, dir.path()).expect("reads");
        assert_eq!(first, second);
        assert!(first.len() >= MIN_SECRET_BYTES);
    }

    #[test]
    fn a_short_configured_secret_is_refused() {
        let dir = tempfile::tempdir().expect("tempdir");
        assert!(resolve(Some("short"), dir.path()).is_err());
        assert!(resolve(Some(&"x".repeat(32)), dir.path()).is_ok());
    }
}
