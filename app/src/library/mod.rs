//! The research-material library: the front page with search (`/bibliotek`), an item
//! (`/bibliotek/{id}`), adding and changing material (`/bibliotek/ny`,
//! `/bibliotek/{id}/andra`), collections (`/bibliotek/samlingar/{id}`) and import and
//! export (`/bibliotek/import`).

mod collections;
mod edit;
mod front;
mod item;
pub(crate) mod text;
mod transfer;

pub use collections::CollectionPage;
pub use edit::ItemEditPage;
pub use front::LibraryPage;
pub use item::ItemPage;
pub use transfer::LibraryTransferPage;

use kollegium_shared::i18n::Lang;
use kollegium_shared::library::{ItemHit, ItemKind, ItemStatus};
use kollegium_shared::org::Stage;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::marked;
use crate::i18n::{I18n, K};
use text::LibraryText;

/// The words a status is shown with.
pub(crate) fn status_label(status: ItemStatus) -> K {
    match status {
        ItemStatus::Submitted => K::ItemStatusSubmitted,
        ItemStatus::Returned => K::ItemStatusReturned,
        ItemStatus::Published => K::ItemStatusPublished,
        ItemStatus::Rejected => K::ItemStatusRejected,
        ItemStatus::Archived => K::ItemStatusArchived,
    }
}

/// The stages of an item as one short line ("Åk 1–3, Åk 4–6").
pub(crate) fn stages_text(stages: &[Stage], lang: Lang) -> String {
    stages
        .iter()
        .map(|s| s.label(lang))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A CSS class per kind, for its badge.
fn kind_class(kind: ItemKind) -> &'static str {
    match kind {
        ItemKind::Film => "kind kind-film",
        ItemKind::GottExempel => "kind kind-example",
        ItemKind::Forskningssammanfattning => "kind kind-research",
        _ => "kind",
    }
}

/// One item in a list: kind, title (a link), snippet, tags; its status when not
/// published.
pub(crate) fn item_card(hit: ItemHit, i18n: I18n) -> impl IntoView {
    let lang = i18n.lang.get_untracked();
    let href = format!("/bibliotek/{}", hit.id.0);
    let meta: Vec<String> = [
        (!hit.source.is_empty()).then(|| hit.source.clone()),
        hit.year.map(|y| y.to_string()),
        (!hit.tags.stages.is_empty()).then(|| stages_text(&hit.tags.stages, lang)),
    ]
    .into_iter()
    .flatten()
    .collect();
    let status = (hit.status != ItemStatus::Published).then(|| {
        view! { <span class="status-badge">{i18n.t(status_label(hit.status))}</span> }
    });
    view! {
        <li class="library-item card">
            <p class="item-kind">
                <span class=kind_class(hit.kind)>{hit.kind.label(lang)}</span>
                {hit.featured.then(|| view! { <span class="featured-badge">{i18n.t(LibraryText::ItemFeaturedBadge)}</span> })}
                {status}
            </p>
            <h3 class="item-title"><A href=href>{marked(hit.title)}</A></h3>
            {(!hit.snippet.is_empty()).then(|| view! { <p class="item-snippet">{marked(hit.snippet)}</p> })}
            {(!meta.is_empty()).then(|| view! { <p class="item-meta muted">{meta.join(" · ")}</p> })}
        </li>
    }
}

/// A list of items, or a line saying there are none.
pub(crate) fn item_list(items: Vec<ItemHit>, i18n: I18n) -> impl IntoView {
    if items.is_empty() {
        view! { <p class="muted">{i18n.t(LibraryText::LibraryEmpty)}</p> }.into_any()
    } else {
        view! { <ul class="library-items">{items.into_iter().map(|h| item_card(h, i18n)).collect_view()}</ul> }.into_any()
    }
}
