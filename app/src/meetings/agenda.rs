//! Agendas: the step editor (title, minutes, guidance; add, remove, move) used for one
//! meeting's agenda and for templates, and `/traffar/dagordningar`, where the steering
//! group keeps the municipality's templates and chooses the default.

use kollegium_shared::meetings::agenda::{AgendaInput, AgendaStep, AgendaTemplate, total_minutes};
use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::{ApiError, use_api};
use crate::components::{ErrorText, FieldErrors, LoadError, TextField};
use crate::i18n::{K, use_i18n, use_title};
use crate::meetings::text::MeetingsText;
use crate::session::use_session;
use kollegium_shared::meetings::access::may_edit_templates;

/// A change to the list of steps (add, remove, move).
type StepsChange = Box<dyn Fn(&mut Vec<AgendaStep>)>;

/// The steps of an agenda, editable: each step's title, minutes and guidance, moved up
/// and down or removed with buttons (no dragging needed, on touch or keyboard).
#[component]
pub(super) fn StepsEditor(
    steps: RwSignal<Vec<AgendaStep>>,
    id_prefix: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    // The rows are drawn again only when steps are added, removed, moved or replaced,
    // so typing in a field never loses its focus; the summary follows every change.
    let edits = RwSignal::new(0u32);
    let count = move || steps.with_untracked(Vec::len);
    let set = move |i: usize, f: Box<dyn Fn(&mut AgendaStep)>| {
        steps.update_untracked(|v| {
            if let Some(s) = v.get_mut(i) {
                f(s);
            }
        });
        edits.update(|n| *n += 1);
    };
    let restructure = move |f: StepsChange| {
        steps.update(|v| f(v));
    };
    view! {
        <div class="steps-editor">
            <p class="muted" role="status">{move || { steps.track(); edits.track(); format!("{} {} · {} min", count(), i18n.t(MeetingsText::AgendaSteps), total_minutes(&steps.get_untracked())) }}</p>
            <ol class="plain steps">
                {move || { steps.track(); (0..count()).map(|i| {
                    let step = steps.with_untracked(|v| v[i].clone());
                    let n = i + 1;
                    view! {
                        <li class="step-row">
                            <fieldset>
                                <legend>{format!("{} {n}", i18n.t(MeetingsText::AgendaStep))}</legend>
                                <div class="field-row">
                                    <div class="field grow">
                                        <label for=format!("{id_prefix}-title-{i}")>{i18n.t(MeetingsText::AgendaStepTitle)}</label>
                                        <input id=format!("{id_prefix}-title-{i}") type="text" prop:value=step.title.clone()
                                            on:change=move |ev| { let v = event_target_value(&ev); set(i, Box::new(move |s| s.title = v.clone())); }/>
                                    </div>
                                    <div class="field minutes">
                                        <label for=format!("{id_prefix}-minutes-{i}")>{i18n.t(MeetingsText::AgendaMinutes)}</label>
                                        <input id=format!("{id_prefix}-minutes-{i}") type="number" min="1" max="240" inputmode="numeric" prop:value=step.minutes.to_string()
                                            on:change=move |ev| { let v = event_target_value(&ev).parse().unwrap_or(0); set(i, Box::new(move |s| s.minutes = v)); }/>
                                    </div>
                                </div>
                                <div class="field">
                                    <label for=format!("{id_prefix}-guidance-{i}")>{i18n.t(MeetingsText::AgendaGuidance)}</label>
                                    <textarea id=format!("{id_prefix}-guidance-{i}") rows="2" prop:value=step.guidance.clone()
                                        on:change=move |ev| { let v = event_target_value(&ev); set(i, Box::new(move |s| s.guidance = v.clone())); }></textarea>
                                </div>
                                <div class="actions step-actions">
                                    <button type="button" class="button button-secondary" disabled={i == 0}
                                        on:click=move |_| restructure(Box::new(move |v| v.swap(i - 1, i)))>{i18n.t(K::MoveUp)}<span class="visually-hidden">{format!(" {} {n}", i18n.t(MeetingsText::AgendaStepLower))}</span></button>
                                    <button type="button" class="button button-secondary" disabled={i + 1 >= count()}
                                        on:click=move |_| restructure(Box::new(move |v| v.swap(i, i + 1)))>{i18n.t(K::MoveDown)}<span class="visually-hidden">{format!(" {} {n}", i18n.t(MeetingsText::AgendaStepLower))}</span></button>
                                    <button type="button" class="button button-secondary" disabled={count() <= 1}
                                        on:click=move |_| restructure(Box::new(move |v| { v.remove(i); }))>{i18n.t(K::Remove)}<span class="visually-hidden">{format!(" {} {n}", i18n.t(MeetingsText::AgendaStepLower))}</span></button>
                                </div>
                            </fieldset>
                        </li>
                    }
                }).collect_view() }}
            </ol>
            <button type="button" class="button button-secondary"
                on:click=move |_| restructure(Box::new(|v| v.push(AgendaStep { title: String::new(), minutes: 10, guidance: String::new() })))>
                {i18n.t(MeetingsText::AgendaAddStep)}
            </button>
        </div>
    }
}

#[component]
pub fn TemplatesPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    use_title(MeetingsText::TemplatesTitle);
    let templates = RwSignal::new(None::<Result<Vec<AgendaTemplate>, ApiError>>);
    let reload = move || {
        leptos::task::spawn_local(async move {
            templates.set(Some(api.agenda_templates().await));
        });
    };
    reload();
    let editing = RwSignal::new(None::<Option<AgendaTemplate>>);
    let error = RwSignal::new(None::<String>);
    let make_default = move |t: AgendaTemplate| {
        error.set(None);
        leptos::task::spawn_local(async move {
            match api.default_agenda_template(t.id, t.version).await {
                Ok(list) => templates.set(Some(Ok(list))),
                Err(e) => error.set(Some(e.message(i18n))),
            }
        });
    };
    let remove = move |t: AgendaTemplate| {
        error.set(None);
        leptos::task::spawn_local(async move {
            match api.delete_agenda_template(t.id, t.version).await {
                Ok(()) => reload(),
                Err(e) => error.set(Some(e.message(i18n))),
            }
        });
    };
    let editor = use_session().may_untracked(may_edit_templates);
    view! {
        <section class="page templates-page">
            <p class="breadcrumb"><A href="/traffar">{move || i18n.t(MeetingsText::MeetingsTitle)}</A></p>
            <h1>{move || i18n.t(MeetingsText::TemplatesTitle)}</h1>
            <p class="lead">{move || i18n.t(MeetingsText::TemplatesIntro)}</p>
            <ErrorText message=error/>
            {editor.then(|| view! {
                <p><button type="button" class="button button-primary" on:click=move |_| editing.set(Some(None))>{move || i18n.t(MeetingsText::TemplateNew)}</button></p>
            })}
            {move || editing.get().map(|t| view! {
                <TemplateForm template=t on_done=Callback::new(move |changed: bool| { editing.set(None); if changed { reload(); } })/>
            })}
            {move || templates.get().map(|result| match result {
                Err(e) => view! { <LoadError error=e retry=Callback::new(move |()| reload())/> }.into_any(),
                Ok(list) => view! {
                    <ul class="plain templates">
                        {list.into_iter().map(|t| {
                            let (a, b, c) = (t.clone(), t.clone(), t.clone());
                            let heading = format!("template-{}", t.id.0);
                            view! {
                                <li class="card">
                                    <h2 id=heading>{t.name.clone()}" "{t.is_default.then(|| view! { <span class="badge done">{i18n.t(MeetingsText::TemplateDefault)}</span> })}</h2>
                                    <p class="muted">{format!("{} {} · {} min", t.steps.len(), i18n.t(MeetingsText::AgendaSteps), total_minutes(&t.steps))}</p>
                                    <ol class="agenda">
                                        {t.steps.iter().map(|s| view! { <li><span class="step-title">{s.title.clone()}</span><span class="step-minutes">{format!("{} min", s.minutes)}</span></li> }).collect_view()}
                                    </ol>
                                    {editor.then(|| view! {
                                        <div class="actions">
                                            <button type="button" class="button button-secondary" on:click=move |_| editing.set(Some(Some(a.clone())))>{i18n.t(MeetingsText::Edit)}<span class="visually-hidden">{format!(": {}", t.name)}</span></button>
                                            {(!t.is_default).then(|| view! {
                                                <button type="button" class="button button-secondary" on:click=move |_| make_default(b.clone())>{i18n.t(MeetingsText::TemplateMakeDefault)}</button>
                                                <button type="button" class="button button-secondary" on:click=move |_| remove(c.clone())>{i18n.t(K::Remove)}</button>
                                            })}
                                        </div>
                                    })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any(),
            })}
        </section>
    }
}

/// A new template (`None`) or a change to one.
#[component]
fn TemplateForm(template: Option<AgendaTemplate>, on_done: Callback<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let errors = FieldErrors::default();
    let form_error = RwSignal::new(None::<String>);
    let name = RwSignal::new(template.as_ref().map_or(String::new(), |t| t.name.clone()));
    let steps = RwSignal::new(
        template
            .as_ref()
            .map_or_else(kollegium_shared::meetings::agenda::default_steps, |t| {
                t.steps.clone()
            }),
    );
    let existing = template.as_ref().map(|t| (t.id, t.version));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let input = AgendaInput {
            name: name.get_untracked().trim().to_owned(),
            steps: steps.get_untracked(),
            version: existing.map(|(_, v)| v),
        };
        if !errors.accept(&input, form_error) {
            return;
        }
        leptos::task::spawn_local(async move {
            let result = match existing {
                Some((id, _)) => api.update_agenda_template(id, &input).await,
                None => api.create_agenda_template(&input).await,
            };
            match result {
                Ok(_) => on_done.run(true),
                Err(e) => errors.show_api_error(&e, form_error),
            }
        });
    };
    view! {
        <form class="card template-form" on:submit=submit novalidate>
            <h2>{if existing.is_some() { i18n.t(MeetingsText::TemplateEdit) } else { i18n.t(MeetingsText::TemplateNew) }}</h2>
            <ErrorText message=form_error/>
            <TextField name="name" label=Signal::derive(move || i18n.t(MeetingsText::TemplateName)) value=name errors=errors required=true/>
            <StepsEditor steps=steps id_prefix="template"/>
            <p class="field-error" aria-live="polite">{move || errors.get("steps")}</p>
            <div class="actions">
                <button type="submit" class="button button-primary">{i18n.t(K::Save)}</button>
                <button type="button" class="button button-secondary" on:click=move |_| on_done.run(false)>{i18n.t(K::Cancel)}</button>
            </div>
        </form>
    }
}
