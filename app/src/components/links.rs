//! Links to a library item that remember where they were followed from, so that the
//! item's "back" leads there (a meeting, the wheel, the start page) and not to the
//! library; and the library's own place (search, filters, scroll), so that coming back
//! to it finds it as it was.

use std::fmt::Display;

use kollegium_shared::validation::is_local_path;

use crate::storage;

/// Where the library keeps its last address (search and filters) and scroll position.
const LIBRARY_PLACE: &str = "kollegium.library.place";

/// Where an item's "back" leads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BackTo {
    Library,
    Meeting,
    Wheel,
    Home,
    Other,
}

/// `/bibliotek/{id}`, with `?fran=` the page it is followed from unless that is the
/// library itself (whose place is kept by [`keep_library_place`]).
pub fn item_href(id: impl Display) -> String {
    let here = leptos::prelude::window()
        .location()
        .pathname()
        .unwrap_or_default();
    if here.starts_with("/bibliotek") {
        format!("/bibliotek/{id}")
    } else {
        let from = String::from(js_sys::encode_uri_component(&here));
        format!("/bibliotek/{id}?fran={from}")
    }
}

/// Where an item's "back" leads: `from` when it is a path of this site (never another
/// site's address), else the library as it was last left.
pub fn back_target(from: Option<String>) -> (String, BackTo) {
    match from.filter(|f| is_local_path(f)) {
        Some(f) => {
            let to = if f.starts_with("/traffar/") {
                BackTo::Meeting
            } else if f.starts_with("/arshjul") {
                BackTo::Wheel
            } else if f == "/" {
                BackTo::Home
            } else if f.starts_with("/bibliotek") {
                BackTo::Library
            } else {
                BackTo::Other
            };
            (f, to)
        }
        None => (
            library_place().map_or_else(|| "/bibliotek".to_owned(), |(url, _)| url),
            BackTo::Library,
        ),
    }
}

/// Remembers the library's address and scroll position.
pub fn keep_library_place(url: &str, scroll: f64) {
    storage::set(LIBRARY_PLACE, &format!("{}|{url}", scroll.round()));
}

/// The library's last address and scroll position.
pub fn library_place() -> Option<(String, f64)> {
    let stored = storage::get(LIBRARY_PLACE)?;
    let (scroll, url) = stored.split_once('|')?;
    is_local_path(url).then(|| (url.to_owned(), scroll.parse().unwrap_or(0.0)))
}
