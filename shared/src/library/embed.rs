//! Films from the common video hosts play in the page, through each host's
//! privacy-enhanced player (no cookies until the film is played, no tracking): YouTube
//! through youtube-nocookie.com and Vimeo with `dnt=1`. Other links open as links.

use serde::{Deserialize, Serialize};

/// A player to embed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Embed {
    /// "YouTube" or "Vimeo".
    pub host: String,
    /// The player's address, for an iframe.
    pub src: String,
}

/// The hosts whose players may be framed: also the server's `frame-src`.
pub const PLAYER_ORIGINS: &[&str] = &[
    "https://www.youtube-nocookie.com",
    "https://player.vimeo.com",
];

/// The privacy-enhanced player for a film's link, when it is on a known host.
pub fn embed_for(url: &str) -> Option<Embed> {
    let url = url.trim();
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let host = host.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    let host = host.strip_prefix("m.").unwrap_or(host);
    let (path, query) = path.split_once('?').unwrap_or((path, ""));
    let path = path.split('#').next().unwrap_or("");
    match host {
        "youtube.com" | "youtube-nocookie.com" => {
            let id = if path == "watch" {
                query
                    .split('&')
                    .find_map(|kv| kv.strip_prefix("v="))
                    .unwrap_or("")
            } else {
                path.strip_prefix("embed/")
                    .or_else(|| path.strip_prefix("shorts/"))
                    .or_else(|| path.strip_prefix("live/"))
                    .unwrap_or("")
            };
            youtube(id)
        }
        "youtu.be" => youtube(path),
        "vimeo.com" | "player.vimeo.com" => {
            let id = path.strip_prefix("video/").unwrap_or(path);
            let id = id.split('/').next().unwrap_or("");
            (!id.is_empty() && id.len() <= 12 && id.chars().all(|c| c.is_ascii_digit())).then(
                || Embed {
                    host: "Vimeo".into(),
                    src: format!("https://player.vimeo.com/video/{id}?dnt=1"),
                },
            )
        }
        _ => None,
    }
}

fn youtube(id: &str) -> Option<Embed> {
    let id = id.split(['/', '&', '#']).next().unwrap_or("");
    let valid = id.len() == 11
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    valid.then(|| Embed {
        host: "YouTube".into(),
        src: format!("https://www.youtube-nocookie.com/embed/{id}"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn youtube_links_of_every_shape_play_without_cookies() {
        let want = Some("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ".to_owned());
        for url in [
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
            "https://youtube.com/watch?feature=share&v=dQw4w9WgXcQ&t=10",
            "https://m.youtube.com/watch?v=dQw4w9WgXcQ",
            "https://youtu.be/dQw4w9WgXcQ?t=42",
            "https://www.youtube.com/embed/dQw4w9WgXcQ",
            "https://www.youtube.com/shorts/dQw4w9WgXcQ",
            "http://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
        ] {
            assert_eq!(embed_for(url).map(|e| e.src), want, "{url}");
        }
    }

    #[test]
    fn vimeo_links_play_with_do_not_track() {
        assert_eq!(
            embed_for("https://vimeo.com/76979871").map(|e| e.src),
            Some("https://player.vimeo.com/video/76979871?dnt=1".to_owned())
        );
        assert_eq!(
            embed_for("https://player.vimeo.com/video/76979871").map(|e| e.host),
            Some("Vimeo".to_owned())
        );
    }

    #[test]
    fn other_links_and_odd_ids_are_not_embedded() {
        for url in [
            "https://www.skolverket.se/film.mp4",
            "https://youtube.com/watch?v=short",
            "https://youtube.com/watch?v=dQw4w9WgXcQ\"onload=\"x",
            "https://vimeo.com/channels/staffpicks",
            "https://evil.example/youtube.com/watch?v=dQw4w9WgXcQ",
            "javascript:alert(1)//youtube.com/watch?v=dQw4w9WgXcQ",
            "https://youtube.com.evil.example/watch?v=dQw4w9WgXcQ",
        ] {
            assert_eq!(embed_for(url), None, "{url}");
        }
    }
}
