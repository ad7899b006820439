//! Choosing library material for another record (a meeting's preparation, a wheel
//! activity): the chosen items in order, each removable, and a search of the library
//! whose hits can be added.

use kollegium_shared::ids::ItemId;
use kollegium_shared::library::{ItemHit, ItemRef};
use leptos::prelude::*;

use crate::api::use_api;
use crate::components::FieldErrors;
use crate::i18n::{K, use_i18n};

/// What tells two items of one title apart: their kind (when `with_kind`), source
/// and year, "Gott exempel · Elin Sjöberg, Kyrkbacksskolan · 2025".
pub fn item_about(hit: &ItemHit, lang: kollegium_shared::i18n::Lang, with_kind: bool) -> String {
    [
        with_kind.then(|| hit.kind.label(lang).to_owned()),
        (!hit.source.is_empty()).then(|| hit.source.clone()),
        hit.year.map(|y| y.to_string()),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" · ")
}

/// The chosen items and a search to add more; `id` prefixes the controls' ids and
/// `field` is the input's field the server names in its errors.
#[component]
pub fn ItemPicker(
    items: RwSignal<Vec<ItemRef>>,
    id: &'static str,
    field: &'static str,
    errors: FieldErrors,
) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let query = RwSignal::new(String::new());
    let found = RwSignal::new(Vec::<ItemHit>::new());
    let searched = RwSignal::new(false);
    let search = move || {
        let q = query.get_untracked();
        if q.trim().is_empty() {
            return;
        }
        let encoded = String::from(js_sys::encode_uri_component(q.trim()));
        leptos::task::spawn_local(async move {
            if let Ok(page) = api.library_items(&format!("q={encoded}&per_page=8")).await {
                found.set(page.items);
                searched.set(true);
            }
        });
    };
    let search_id = format!("{id}-search");
    // An added hit leaves the list: the focus goes back to the search, not to nowhere.
    let search_ref = NodeRef::<leptos::html::Input>::new();
    let lang = i18n.lang.get_untracked();
    view! {
        <fieldset class="prep-items-editor">
            <legend>{i18n.t(K::PrepItems)}</legend>
            <ul class="plain">
                {move || items.get().into_iter().map(|item| {
                    let item_id: ItemId = item.id;
                    view! {
                        <li class="prep-chosen">
                            <span>{item.title.clone()}</span>
                            <button type="button" class="button button-secondary" on:click=move |_| items.update(|v| v.retain(|i| i.id != item_id))>
                                {i18n.t(K::Remove)}<span class="visually-hidden">{format!(": {}", item.title)}</span>
                            </button>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <div class="field-row search-row">
                <div class="field">
                    <label for=search_id.clone()>{i18n.t(K::PrepSearch)}</label>
                    <input id=search_id type="search" node_ref=search_ref prop:value=move || query.get()
                        on:input=move |ev| query.set(event_target_value(&ev))
                        on:keydown=move |ev| if ev.key() == "Enter" { ev.prevent_default(); search(); }/>
                </div>
                <button type="button" class="button button-secondary" on:click=move |_| search()>{i18n.t(K::Search)}</button>
            </div>
            <ul class="plain prep-found" aria-live="polite">
                {move || (searched.get() && found.with(Vec::is_empty)).then(|| view! { <li>{i18n.t(K::PickerNoHits)}</li> })}
                // What is already chosen is not offered again; source and year tell
                // two items of one title apart.
                {move || found.get().into_iter()
                    .filter(|hit| items.with(|v| !v.iter().any(|i| i.id == hit.id)))
                    .map(|hit| {
                    let title: String = hit.title.iter().map(|s| s.text.as_str()).collect();
                    let item = ItemRef { id: hit.id, title: title.clone(), kind: hit.kind };
                    let kind = hit.kind.label(lang);
                    let about = item_about(&hit, lang, false);
                    view! {
                        <li>
                            <button type="button" class="button button-secondary"
                                on:click=move |_| {
                                    items.update(|v| if !v.iter().any(|i| i.id == item.id) { v.push(item.clone()) });
                                    if let Some(input) = search_ref.get_untracked() {
                                        let _ = input.focus();
                                    }
                                }>
                                {i18n.t(K::PrepAdd)}<span class="visually-hidden">{format!(": {title}")}</span>
                            </button>
                            " "{title.clone()}" "<span class="badge">{kind}</span>
                            {(!about.is_empty()).then(|| view! { " "<span class="muted">{about}</span> })}
                        </li>
                    }
                }).collect_view()}
            </ul>
            <p class="field-error" aria-live="polite">{move || errors.get(field)}</p>
        </fieldset>
    }
}
