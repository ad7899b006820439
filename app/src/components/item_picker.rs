//! Choosing library material for another record (a meeting's preparation, a wheel
//! activity): the chosen items in order, each removable, and a search of the library
//! whose hits can be added.

use kollegium_shared::ids::ItemId;
use kollegium_shared::library::ItemRef;
use leptos::prelude::*;

use crate::api::use_api;
use crate::components::FieldErrors;
use crate::i18n::{K, use_i18n};

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
    let found = RwSignal::new(Vec::<ItemRef>::new());
    let searched = RwSignal::new(false);
    let search = move || {
        let q = query.get_untracked();
        if q.trim().is_empty() {
            return;
        }
        let encoded = String::from(js_sys::encode_uri_component(q.trim()));
        leptos::task::spawn_local(async move {
            if let Ok(page) = api.library_items(&format!("q={encoded}&per_page=8")).await {
                found.set(
                    page.items
                        .into_iter()
                        .map(|h| ItemRef {
                            id: h.id,
                            title: h.title.into_iter().map(|s| s.text).collect(),
                            kind: h.kind,
                        })
                        .collect(),
                );
                searched.set(true);
            }
        });
    };
    let search_id = format!("{id}-search");
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
                    <input id=search_id type="search" prop:value=move || query.get()
                        on:input=move |ev| query.set(event_target_value(&ev))
                        on:keydown=move |ev| if ev.key() == "Enter" { ev.prevent_default(); search(); }/>
                </div>
                <button type="button" class="button button-secondary" on:click=move |_| search()>{i18n.t(K::Search)}</button>
            </div>
            <ul class="plain prep-found" aria-live="polite">
                {move || (searched.get() && found.with(Vec::is_empty)).then(|| view! { <li>{i18n.t(K::PickerNoHits)}</li> })}
                {move || found.get().into_iter().map(|item| {
                    let chosen = items.with(|v| v.iter().any(|i| i.id == item.id));
                    let title = item.title.clone();
                    let label = item.title.clone();
                    let kind = item.kind.label(lang);
                    view! {
                        <li>
                            <button type="button" class="button button-secondary" disabled=chosen
                                on:click=move |_| items.update(|v| if !v.iter().any(|i| i.id == item.id) { v.push(item.clone()) })>
                                {i18n.t(K::PrepAdd)}<span class="visually-hidden">{format!(": {title}")}</span>
                            </button>
                            " "{label}" "<span class="badge">{kind}</span>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <p class="field-error" aria-live="polite">{move || errors.get(field)}</p>
        </fieldset>
    }
}
