//! Searching as you type: an `input` handler that waits for typing to pause, filters
//! added to a query string, and search hits with their matches marked.

use std::time::Duration;

use kollegium_shared::library::Segment;
use leptos::prelude::*;

/// How long typing must pause before a search is sent.
const SEARCH_PAUSE: Duration = Duration::from_millis(250);

/// An `input` handler for search as you type: `typed` follows every keystroke, and
/// `query` is set (after `on_settle`) only once typing pauses, so there is no request
/// per keystroke.
pub fn debounced_input(
    typed: RwSignal<String>,
    query: RwSignal<String>,
    on_settle: impl Fn() + Copy + 'static,
) -> impl Fn(leptos::ev::Event) + Copy + 'static {
    move |ev| {
        let value = event_target_value(&ev);
        typed.set(value.clone());
        set_timeout(
            move || {
                if typed.get_untracked() == value {
                    on_settle();
                    query.set(value);
                }
            },
            SEARCH_PAUSE,
        );
    }
}

/// Adds `key=value` to a query string for each filter that is not blank, encoded.
pub fn push_filters(query: &mut Vec<String>, filters: &[(&str, String)]) {
    for (key, value) in filters {
        if !value.trim().is_empty() {
            query.push(format!(
                "{key}={}",
                String::from(js_sys::encode_uri_component(value.trim()))
            ));
        }
    }
}

/// Text with its matches marked.
pub fn marked(segments: Vec<Segment>) -> impl IntoView {
    segments
        .into_iter()
        .map(|s| {
            if s.hit {
                view! { <mark>{s.text}</mark> }.into_any()
            } else {
                s.text.into_any()
            }
        })
        .collect_view()
}
