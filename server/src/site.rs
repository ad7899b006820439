//! The built single-page app: static files with precompressed variants, cache
//! lifetimes by kind of file, and `index.html` for every other path so that deep links
//! and reloads work.

use std::path::Path;

use axum::Router;
use axum::extract::Request;
use axum::http::{HeaderValue, header};
use axum::middleware::{self, Next};
use axum::response::Response;
use tower_http::services::{ServeDir, ServeFile};

/// The router serving `site_dir`.
pub fn router(site_dir: &Path) -> Router {
    let index = ServeFile::new(site_dir.join("index.html"))
        .precompressed_br()
        .precompressed_gzip();
    let files = ServeDir::new(site_dir)
        .precompressed_br()
        .precompressed_gzip()
        .append_index_html_on_directories(true)
        .fallback(index);
    Router::new()
        .fallback_service(files)
        .layer(middleware::from_fn(cache_headers))
}

/// Whether a file name, or the directory it is in, carries a content hash
/// (`name-0123456789abcdef.ext`, `split-0123456789abcdef/part.wasm`), written by the
/// site build: such a file never changes, so it may be cached for a year.
fn is_hashed(path: &str) -> bool {
    path.split('/').any(|segment| {
        let stem = segment.split('.').next().unwrap_or(segment);
        stem.rsplit_once('-').is_some_and(|(_, hash)| {
            hash.len() == 16 && hash.bytes().all(|b| b.is_ascii_hexdigit())
        })
    })
}

async fn cache_headers(request: Request, next: Next) -> Response {
    let path = request.uri().path().to_owned();
    let mut response = next.run(request).await;
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("text/html"));
    let policy = if is_html {
        "no-cache"
    } else if is_hashed(&path) && response.status().is_success() {
        "public, max-age=31536000, immutable"
    } else {
        "public, max-age=3600"
    };
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static(policy));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_hashed_names() {
        assert!(is_hashed("/kollegium-app-0123456789abcdef.wasm"));
        assert!(is_hashed("/style-fedcba9876543210.css"));
        assert!(!is_hashed("/index.html"));
        assert!(!is_hashed("/icon-192.png"));
        assert!(!is_hashed("/kollegium-app-0123456789abcdeg.wasm"));
        assert!(is_hashed("/split-0123456789abcdef/split_groups.wasm"));
        assert!(!is_hashed("/split-0123/split_groups.wasm"));
    }
}
