//! What every handler can reach: the store, the sign-in keys and limits, where library
//! files live, the live meetings' broadcast and whether mail can be sent.

use std::sync::Arc;

use crate::security::AuthState;
use crate::store::Store;

/// The state every handler is given (cheap to clone: handles and `Arc`s).
#[derive(Debug, Clone)]
pub struct AppState {
    pub store: Store,
    pub auth: Arc<AuthState>,
    /// Where library files are kept and how large they may be.
    pub files: Arc<FileSettings>,
    /// Tells those following live meetings which meeting changed.
    pub live: tokio::sync::broadcast::Sender<i64>,
    /// Whether an SMTP server is configured (else mail waits in the outbox).
    pub mail_configured: bool,
}

/// Where uploaded files are stored (a directory or an object store, one folder per
/// municipality under `prefix`), and the largest accepted. Made by [`crate::files::open`].
#[derive(Debug, Clone)]
pub struct FileSettings {
    /// The store itself: a local directory or an S3-compatible bucket.
    pub store: Arc<dyn object_store::ObjectStore>,
    /// Where in the store this server's files begin (the bucket's prefix).
    pub prefix: object_store::path::Path,
    /// The largest file accepted, in bytes.
    pub max_bytes: u64,
}
