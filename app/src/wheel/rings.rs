//! The steering group's rings: rename and recolour any ring, move it a lane out or in,
//! remove a ring it added once the ring is empty, and add a ring of its own.

use kollegium_shared::validation::Validate;
use kollegium_shared::wheel::{Ring, RingInput, RingKind, RingMove};
use leptos::prelude::*;

use super::Planner;
use crate::api::{ApiError, use_api};
use crate::components::{ErrorText, FieldErrors, TextField};
use crate::i18n::{I18n, K, use_i18n};
use crate::wheel::text::WheelText;

/// What a change to a ring did, for the section's status line.
fn outcome(
    planner: Planner,
    error: RwSignal<Option<String>>,
    i18n: I18n,
    result: Result<(), ApiError>,
) {
    match result {
        Ok(()) => {
            error.set(None);
            planner.status.set(i18n.t(K::Saved).to_owned());
        }
        Err(e) => error.set(Some(e.message(i18n))),
    }
    planner.refresh();
}

/// The first broken rule of a ring's input, as "Field: message".
fn first_error(input: &RingInput, i18n: I18n) -> Option<String> {
    let lang = i18n.lang.get_untracked();
    input.validate().first().map(|e| {
        let field = if e.field == "colour" {
            WheelText::RingColour
        } else {
            WheelText::RingName
        };
        format!("{}: {}", i18n.t(field), e.msg.text(lang))
    })
}

#[component]
pub(super) fn RingEditor(planner: Planner) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let error = RwSignal::new(None::<String>);
    let rows = move || {
        let rings: Vec<Ring> = planner
            .wheel
            .with(|w| w.as_ref().map(|w| w.rings.clone()))
            .unwrap_or_default();
        let count = rings.len();
        rings
            .into_iter()
            .enumerate()
            .map(|(i, ring)| {
                let id = ring.id;
                let version = ring.version;
                let name = RwSignal::new(ring.name.clone());
                let colour = RwSignal::new(ring.colour.clone());
                let save = move |_| {
                    let input = RingInput {
                        year: None,
                        name: name.get_untracked(),
                        colour: colour.get_untracked(),
                        version: Some(version),
                    };
                    if let Some(message) = first_error(&input, i18n) {
                        error.set(Some(message));
                        return;
                    }
                    leptos::task::spawn_local(async move {
                        let result = api.update_ring(id, &input).await.map(|_| ());
                        outcome(planner, error, i18n, result);
                    });
                };
                let shift = move |outward: bool| {
                    leptos::task::spawn_local(async move {
                        let result = api.move_ring(id, &RingMove { outward, version }).await.map(|_| ());
                        outcome(planner, error, i18n, result);
                    });
                };
                let remove = move |_| {
                    leptos::task::spawn_local(async move {
                        let result = api.delete_ring(id, version).await;
                        outcome(planner, error, i18n, result);
                    });
                };
                let label = ring.name.clone();
                let name_id = format!("ring-name-{id}");
                let colour_id = format!("ring-colour-{id}");
                view! {
                    <li class="ring-row">
                        <input type="color" id=colour_id.clone() class="ring-colour" prop:value=move || colour.get()
                            on:input=move |ev| colour.set(event_target_value(&ev))
                            aria-label=format!("{} {label}", i18n.t(WheelText::RingColour))/>
                        <input type="text" id=name_id class="ring-name" prop:value=move || name.get()
                            on:input=move |ev| name.set(event_target_value(&ev))
                            aria-label=format!("{} {}", i18n.t(WheelText::RingName), ring.name)/>
                        <button type="button" class="button button-secondary button-small" on:click=save
                            aria-label=format!("{} {}", i18n.t(K::Save), ring.name)>{i18n.t(K::Save)}</button>
                        <button type="button" class="button button-secondary button-small" disabled=i == 0
                            on:click=move |_| shift(true) aria-label=format!("{} {}", i18n.t(WheelText::RingOutward), ring.name)>"↑"</button>
                        <button type="button" class="button button-secondary button-small" disabled=i + 1 == count
                            on:click=move |_| shift(false) aria-label=format!("{} {}", i18n.t(WheelText::RingInward), ring.name)>"↓"</button>
                        {(ring.kind == RingKind::Other).then(|| view! {
                            <button type="button" class="button button-secondary button-small" on:click=remove
                                aria-label=format!("{} {}", i18n.t(K::MemberRemove), ring.name)>{i18n.t(K::MemberRemove)}</button>
                        })}
                    </li>
                }
            })
            .collect_view()
    };

    // A new ring.
    let new_name = RwSignal::new(String::new());
    let new_colour = RwSignal::new(RingKind::Other.default_colour().to_owned());
    let errors = FieldErrors::default();
    let form_error = RwSignal::new(None::<String>);
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let input = RingInput {
            year: planner
                .wheel
                .with_untracked(|w| w.as_ref().map(|w| w.school_year.id)),
            name: new_name.get_untracked(),
            colour: new_colour.get_untracked(),
            version: None,
        };
        if !errors.accept(&input, form_error) {
            return;
        }
        leptos::task::spawn_local(async move {
            match api.create_ring(&input).await {
                Ok(_) => {
                    new_name.set(String::new());
                    form_error.set(None);
                    planner.status.set(i18n.t(K::Saved).to_owned());
                    planner.refresh();
                }
                Err(e) => errors.show_api_error(&e, form_error),
            }
        });
    };
    view! {
        <section class="card ring-editor print-hidden" aria-labelledby="ring-editor-heading">
            <h2 id="ring-editor-heading">{move || i18n.t(WheelText::RingEditorTitle)}</h2>
            <p class="field-hint">{move || i18n.t(WheelText::RingEditorHint)}</p>
            <ErrorText message=error/>
            <ol class="ring-rows">{rows}</ol>
            <form class="form ring-new" novalidate=true on:submit=add aria-labelledby="ring-new-heading">
                <h3 id="ring-new-heading">{move || i18n.t(WheelText::RingNew)}</h3>
                <ErrorText message=form_error/>
                <div class="field-row">
                    <TextField name="name" label=Signal::derive(move || i18n.t(WheelText::RingName)) value=new_name errors=errors required=true/>
                    <TextField name="colour" kind="color" label=Signal::derive(move || i18n.t(WheelText::RingColour)) value=new_colour errors=errors/>
                </div>
                <button type="submit" class="button button-primary">{move || i18n.t(WheelText::RingAdd)}</button>
            </form>
        </section>
    }
}
