//! `/bibliotek/samlingar/{id}` and `/bibliotek/samlingar/ny`: a collection of items in
//! order with a note, e.g. the preparation for a learning-group meeting. Everyone reads
//! it; its owner and the ICT strategist change it: rename, write the note, add items by
//! searching, move them up and down, remove them.

use kollegium_shared::ids::{CollectionId, ItemId};
use kollegium_shared::library::{Collection, CollectionInput, ItemHit};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};

use super::item_list;
use crate::api::{ApiError, use_api};
use crate::components::{
    ErrorText, FieldErrors, TextArea, TextField, debounced_input, load_failure, marked,
};
use crate::i18n::{use_i18n, use_title};
use crate::library::text::LibraryText;

#[component]
pub fn CollectionPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let navigate = StoredValue::new_local(use_navigate());
    use_title(LibraryText::LibraryCollections);
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|v| v.parse::<CollectionId>().ok()));

    let loaded = RwSignal::new(None::<Collection>);
    let editing = RwSignal::new(false);
    let title = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let items = RwSignal::new(Vec::<ItemHit>::new());
    let errors = FieldErrors::default();
    let form_error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let typed = RwSignal::new(String::new());
    let q = RwSignal::new(String::new());

    let fill = move |c: &Collection| {
        title.set(c.title.clone());
        note.set(c.note.clone());
        items.set(c.items.clone());
    };
    // The collection shown (none for a new one), put into the form when it arrives.
    let fetched = LocalResource::new(move || {
        let id = id();
        async move {
            match id {
                Some(id) => api.collection(id).await.map(Some),
                None => Ok(None),
            }
        }
    });
    Effect::new(move |_| match fetched.get() {
        Some(Ok(Some(c))) => {
            fill(&c);
            loaded.set(Some(c));
        }
        Some(Ok(None)) => editing.set(true),
        _ => {}
    });
    let found = LocalResource::new(move || {
        let q = q.get();
        async move {
            if q.trim().is_empty() {
                return Ok(Vec::new());
            }
            let query = format!(
                "per_page=8&q={}",
                String::from(js_sys::encode_uri_component(&q))
            );
            api.library_items(&query).await.map(|p| p.items)
        }
    });
    let on_input = debounced_input(typed, q, || {});

    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = CollectionInput {
            title: title.get_untracked(),
            note: note.get_untracked(),
            items: items.get_untracked().iter().map(|i| i.id).collect(),
            version: loaded.get_untracked().map(|c| c.version),
        };
        if !errors.accept(&body, form_error) {
            return;
        }
        busy.set(true);
        leptos::task::spawn_local(async move {
            let result = match id() {
                Some(id) => api.update_collection(id, &body).await,
                None => api.create_collection(&body).await,
            };
            busy.set(false);
            match result {
                Ok(c) => {
                    let new = id().is_none();
                    fill(&c);
                    let cid = c.id;
                    loaded.set(Some(c));
                    editing.set(false);
                    if new {
                        navigate.with_value(|n| {
                            n(&format!("/bibliotek/samlingar/{cid}"), Default::default())
                        });
                    }
                }
                Err(ApiError::Api { status: 409, .. }) => {
                    form_error.set(Some(i18n.t(LibraryText::ItemConflict).to_owned()))
                }
                Err(e) => errors.show_api_error(&e, form_error),
            }
        });
    };
    let delete = move |_| {
        let Some(c) = loaded.get_untracked() else {
            return;
        };
        leptos::task::spawn_local(async move {
            match api.delete_collection(c.id, c.version).await {
                Ok(()) => navigate.with_value(|n| n("/bibliotek", Default::default())),
                Err(e) => form_error.set(Some(e.message(i18n))),
            }
        });
    };
    let shift = move |index: usize, up: bool| {
        items.update(|list| {
            let other = if up {
                index.checked_sub(1)
            } else {
                Some(index + 1).filter(|i| *i < list.len())
            };
            if let Some(other) = other {
                list.swap(index, other);
            }
        });
    };
    let add = move |hit: ItemHit| {
        items.update(|list| {
            if !list.iter().any(|i| i.id == hit.id) {
                list.push(hit);
            }
        });
        errors.clear("items");
    };
    let remove = move |item: ItemId| items.update(|list| list.retain(|i| i.id != item));

    let viewer = move || {
        let c = loaded.get()?;
        Some(view! {
            <h1>{c.title.clone()}</h1>
            <p class="muted">{format!("{} {}", i18n.t(LibraryText::CollectionBy), c.owner.name)}</p>
            <div class="summary" inner_html=c.note_html.clone()></div>
            <h2>{i18n.t(LibraryText::CollectionItems)}</h2>
            {item_list(c.items.clone(), i18n)}
            {c.editable.then(|| view! {
                <div class="actions">
                    <button type="button" class="button button-secondary" on:click=move |_| editing.set(true)>{i18n.t(LibraryText::ItemEdit)}</button>
                </div>
            })}
        })
    };

    let editor = move || {
        view! {
            <h1>{move || if id().is_some() { i18n.t(LibraryText::ItemEdit) } else { i18n.t(LibraryText::CollectionNew) }}</h1>
            <form class="card form" on:submit=save novalidate>
                <TextField name="title" label=Signal::derive(move || i18n.t(LibraryText::CollectionTitleLabel)) value=title errors=errors required=true/>
                <TextArea name="note" label=Signal::derive(move || i18n.t(LibraryText::CollectionNoteLabel)) value=note errors=errors rows=4/>
                <fieldset class="collection-items">
                    <legend>{move || i18n.t(LibraryText::CollectionItems)}</legend>
                    <ol class="ordered-items">
                        {move || {
                            let list = items.get();
                            let last = list.len().saturating_sub(1);
                            list.into_iter().enumerate().map(|(index, hit)| {
                                let name = hit.title_text();
                                let item = hit.id;
                                view! {
                                    <li>
                                        <span class="ordered-title">{name.clone()}</span>
                                        <span class="ordered-actions">
                                            <button type="button" class="button button-small" disabled=index == 0 on:click=move |_| shift(index, true)
                                                aria-label=format!("{}: {name}", i18n.t(LibraryText::CollectionUp))>"↑"</button>
                                            <button type="button" class="button button-small" disabled=index == last on:click=move |_| shift(index, false)
                                                aria-label=format!("{}: {}", i18n.t(LibraryText::CollectionDown), hit.title_text())>"↓"</button>
                                            <button type="button" class="button button-small" on:click=move |_| remove(item)
                                                aria-label=format!("{}: {}", i18n.t(LibraryText::CollectionRemove), hit.title_text())>
                                                {i18n.t(LibraryText::CollectionRemove)}
                                            </button>
                                        </span>
                                    </li>
                                }
                            }).collect_view()
                        }}
                    </ol>
                    <p class="field-error" aria-live="polite">{move || errors.get("items")}</p>
                    <div class="field field-wide">
                        <label for="collection-find">{move || i18n.t(LibraryText::CollectionFind)}</label>
                        <input id="collection-find" type="search" autocomplete="off" prop:value=move || typed.get() on:input=on_input/>
                    </div>
                    {load_failure(found)}
                    <ul class="plain find-results">
                        {move || found.get().and_then(Result::ok).unwrap_or_default().into_iter()
                            // What is already in the collection is not offered again.
                            .filter(|hit| items.with(|chosen| !chosen.iter().any(|c| c.id == hit.id)))
                            .map(|hit| {
                            let label = hit.title_text();
                            let title_view = marked(hit.title.clone());
                            let about = crate::components::item_about(&hit, i18n.lang.get_untracked(), true);
                            view! {
                                <li>
                                    <span>{title_view}" "<span class="muted">{about}</span></span>
                                    <button type="button" class="button button-small" on:click=move |_| add(hit.clone())
                                        aria-label=format!("{}: {label}", i18n.t(LibraryText::CollectionAddItem))>
                                        {i18n.t(LibraryText::CollectionAddItem)}
                                    </button>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </fieldset>
                <ErrorText message=form_error/>
                <div class="actions">
                    <button type="submit" class="button button-primary" disabled=move || busy.get()>{move || i18n.t(LibraryText::ItemSave)}</button>
                    {move || loaded.get().is_some().then(|| view! {
                        <button type="button" class="button button-danger" on:click=delete>{i18n.t(LibraryText::CollectionDelete)}</button>
                    })}
                </div>
            </form>
        }
    };

    view! {
        <section class="page collection-page">
            <p><A href="/bibliotek">{move || i18n.t(LibraryText::ItemBack)}</A></p>
            {load_failure(fetched)}
            {move || if editing.get() { editor().into_any() } else {
                view! {
                    <ErrorText message=form_error/>
                    {viewer}
                }.into_any()
            }}
        </section>
    }
}
