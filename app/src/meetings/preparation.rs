//! A meeting's preparation on its page: the task and the library material, a tick for
//! members, how many have prepared for the group's leaders, and the leaders' editor
//! (a collection, single items found by searching the library, the task).

use kollegium_shared::ids::{CollectionId, MeetingId};
use kollegium_shared::library::ItemRef;
use kollegium_shared::meetings::preparation::{Preparation, PreparationInput};
use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::{ApiError, use_api};
use crate::components::{ErrorText, FieldErrors, ItemPicker, LoadError, StatusText, load_failure};
use crate::i18n::{K, use_i18n};
use crate::meetings::text::MeetingsText;

/// An item as a link to the library.
fn item_link(item: &ItemRef, lang: kollegium_shared::i18n::Lang) -> impl IntoView + use<> {
    let href = crate::components::item_href(item.id.0);
    let title = item.title.clone();
    let kind = item.kind.label(lang);
    view! {
        <li>
            <A href=href>{title}</A>
            " "<span class="badge">{kind}</span>
        </li>
    }
}

#[component]
pub(super) fn PreparationSection(
    meeting_id: MeetingId,
    member: bool,
    leads: bool,
    /// Held already: there is nothing left to prepare, so no tick is offered.
    held: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let prep = RwSignal::new(None::<Result<Preparation, ApiError>>);
    let load = move || {
        leptos::task::spawn_local(async move {
            prep.set(Some(api.preparation(meeting_id).await));
        });
    };
    load();
    let tick_error = RwSignal::new(None::<String>);
    let tick = move |done: bool| {
        tick_error.set(None);
        leptos::task::spawn_local(async move {
            match api.set_prepared(meeting_id, done).await {
                Ok(p) => prep.set(Some(Ok(p))),
                Err(e) => tick_error.set(Some(e.message(i18n))),
            }
        });
    };
    let body = move |p: Preparation| {
        let lang = i18n.lang.get();
        let done = p.done;
        view! {
            {if p.is_empty() {
                view! { <p class="muted">{i18n.t(MeetingsText::PrepNothing)}</p> }.into_any()
            } else {
                view! {
                    {(!p.task.is_empty()).then(|| view! { <p class="pre-wrap">{p.task.clone()}</p> })}
                    {p.collection.clone().map(|c| view! {
                        <h3>{c.title.clone()}</h3>
                        {(!c.note.is_empty()).then(|| view! { <p class="muted">{c.note.clone()}</p> })}
                        <ul class="prep-items">{c.items.iter().map(|i| item_link(i, lang)).collect_view()}</ul>
                    })}
                    {(!p.items.is_empty()).then(|| view! {
                        <ul class="prep-items">{p.items.iter().map(|i| item_link(i, lang)).collect_view()}</ul>
                    })}
                }.into_any()
            }}
            {(member && !held).then(|| view! {
                <label class="check prep-tick">
                    <input type="checkbox" prop:checked=done on:change=move |ev| tick(event_target_checked(&ev))/>
                    <span>{i18n.t(K::PrepDone)}</span>
                </label>
                <ErrorText message=tick_error/>
            })}
            {p.prepared.map(|n| view! {
                <p class="prep-count" role="status">{i18n.count(MeetingsText::PrepCount, n, &[&n, &p.members])}</p>
            })}
            {leads.then(|| view! { <PreparationEditor meeting_id=meeting_id current=p.clone() on_saved=Callback::new(move |p| prep.set(Some(Ok(p))))/> })}
        }
    };
    view! {
        <section class="card" aria-labelledby="meeting-prep-heading">
            <h2 id="meeting-prep-heading" tabindex="-1">{move || i18n.t(K::MeetingPreparation)}</h2>
            {move || prep.get().map(|result| match result {
                Err(e) => view! { <LoadError error=e retry=Callback::new(move |()| load())/> }.into_any(),
                Ok(p) => body(p).into_any(),
            })}
        </section>
    }
}

/// The leaders' editor: the task, a collection, and single items searched for.
#[component]
fn PreparationEditor(
    meeting_id: MeetingId,
    current: Preparation,
    on_saved: Callback<Preparation>,
) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let errors = FieldErrors::default();
    let form_error = RwSignal::new(None::<String>);
    let flash = RwSignal::new(false);
    let task = RwSignal::new(current.task.clone());
    let collection = RwSignal::new(
        current
            .collection
            .as_ref()
            .map_or(String::new(), |c| c.id.to_string()),
    );
    let items = RwSignal::new(current.items.clone());
    let version = current.version;
    let collections =
        LocalResource::new(move || async move { api.library_front().await.map(|f| f.collections) });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        flash.set(false);
        let input = PreparationInput {
            task: task.get_untracked().trim().to_owned(),
            collection_id: collection.get_untracked().parse().ok().map(CollectionId),
            item_ids: items.get_untracked().iter().map(|i| i.id).collect(),
            version,
        };
        if !errors.accept(&input, form_error) {
            return;
        }
        leptos::task::spawn_local(async move {
            match api.set_preparation(meeting_id, &input).await {
                Ok(p) => {
                    flash.set(true);
                    on_saved.run(p);
                }
                Err(e) => errors.show_api_error(&e, form_error),
            }
        });
    };
    view! {
        <details class="prep-editor">
            <summary>{i18n.t(MeetingsText::PrepEdit)}</summary>
            <form on:submit=submit novalidate>
                <ErrorText message=form_error/>
                <div class="field">
                    <label for="prep-task">{i18n.t(MeetingsText::MeetingPreparationTask)}</label>
                    <textarea id="prep-task" rows="2" prop:value=move || task.get() on:input=move |ev| task.set(event_target_value(&ev))></textarea>
                    <p class="field-error" aria-live="polite">{move || errors.get("task")}</p>
                </div>
                <div class="field">
                    <label for="prep-collection">{i18n.t(MeetingsText::PrepCollection)}</label>
                    <select id="prep-collection" prop:value=move || collection.get() on:change=move |ev| collection.set(event_target_value(&ev))>
                        <option value="">{i18n.t(MeetingsText::PrepNoCollection)}</option>
                        {move || collections.get().and_then(Result::ok).unwrap_or_default().into_iter().map(|c| {
                            let value = c.id.to_string();
                            let selected = value == collection.get_untracked();
                            view! { <option value=value selected=selected>{c.title}</option> }
                        }).collect_view()}
                    </select>
                    <p class="field-error" aria-live="polite">{move || errors.get("collection_id")}</p>
                </div>
                {load_failure(collections)}
                <ItemPicker items=items id="prep" field="item_ids" errors=errors/>
                <div class="actions">
                    <button type="submit" class="button button-primary">{i18n.t(K::Save)}</button>
                </div>
                <StatusText message=Signal::derive(move || flash.get().then(|| i18n.t(K::Saved).to_owned()))/>
            </form>
        </details>
    }
}
