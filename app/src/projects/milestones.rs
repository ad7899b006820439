//! A project's milestones on its page: each a day on the wheel's project ring, followed
//! up when reached (done, and what came of it) by the process leader, with the
//! participants' reflections. One form is open at a time, so the fields' ids stay
//! unique on the page.

use kollegium_shared::ids::MilestoneId;
use kollegium_shared::projects::{
    Milestone, MilestoneInput, Project, ReflectionInput, awaits_follow_up,
};
use leptos::prelude::*;
use leptos_router::components::A;

use super::text::P;
use crate::api::use_api;
use crate::components::{ErrorText, FieldErrors, StatusText, TextArea, TextField};
use crate::format::date_text as day;
use crate::i18n::use_i18n;

/// What is open: nothing, the new milestone's form, one's follow-up, or one's
/// reflection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Open {
    Nothing,
    New,
    FollowUp(MilestoneId),
    Reflect(MilestoneId),
}

/// Puts `saved` in place of the milestone it is, or adds it; by date.
fn keep(milestones: RwSignal<Vec<Milestone>>, saved: Milestone) {
    milestones.update(|list| {
        match list.iter_mut().find(|m| m.id == saved.id) {
            Some(m) => *m = saved,
            None => list.push(saved),
        }
        list.sort_by(|a, b| a.due_on.cmp(&b.due_on).then(a.id.cmp(&b.id)));
    });
}

#[component]
pub fn MilestonesSection(
    project: RwSignal<Project>,
    milestones: RwSignal<Vec<Milestone>>,
    /// Whether the reader reads the participants' reflections.
    reads: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let open = RwSignal::new(Open::Nothing);
    let today = crate::format::today();
    let (edits, writes) = project.with_untracked(|p| (p.may_edit, p.may_write_log));
    view! {
        <section class="card" aria-labelledby="project-milestones-heading">
            <h2 id="project-milestones-heading">{i18n.t(P::Milestones)}</h2>
            <p class="muted">{i18n.t(P::MilestonesSentence)}" "<A href="/arshjul">{i18n.t(P::OnTheWheel)}</A></p>
            {move || {
                let list = milestones.get();
                if list.is_empty() {
                    return view! { <p class="muted">{i18n.t(P::NoMilestones)}</p> }.into_any();
                }
                let lang = i18n.lang.get();
                let today = today.clone();
                view! {
                    <ol class="milestones">
                        {list.into_iter().map(|m| {
                            let id = m.id;
                            let (label, class) = if m.done {
                                (P::MilestoneDone, "badge badge-ok")
                            } else if awaits_follow_up(&m, &today) {
                                (P::MilestoneDue, "badge badge-warn")
                            } else {
                                (P::MilestoneAhead, "badge")
                            };
                            let reflections = m.reflections.clone();
                            view! {
                                <li class="milestone">
                                    <h3>{m.title.clone()}</h3>
                                    <p class="log-meta"><strong>{day(&m.due_on, lang)}</strong>" · "<span class=class>{i18n.t(label)}</span></p>
                                    {(!m.outcome.is_empty()).then(|| view! {
                                        <p class="milestone-outcome"><span class="muted">{i18n.t(P::Outcome)}": "</span>{m.outcome.clone()}</p>
                                    })}
                                    {(reads && !reflections.is_empty()).then(|| view! {
                                        <h4>{i18n.t(P::Reflections)}</h4>
                                        <ul class="reflections">
                                            {reflections.into_iter().map(|r| view! {
                                                <li><p class="log-text">{r.text}</p><p class="muted">{r.author.name}" · "{day(&r.written_on, lang)}</p></li>
                                            }).collect_view()}
                                        </ul>
                                    })}
                                    <div class="actions no-print">
                                        {edits.then(|| view! {
                                            <button type="button" class="button button-secondary"
                                                aria-expanded=move || (open.get() == Open::FollowUp(id)).to_string()
                                                aria-label=format!("{}: {}", i18n.t(P::FollowUp), m.title)
                                                on:click=move |_| open.update(|o| *o = if *o == Open::FollowUp(id) { Open::Nothing } else { Open::FollowUp(id) })>
                                                {i18n.t(P::FollowUp)}
                                            </button>
                                        })}
                                        {writes.then(|| view! {
                                            <button type="button" class="button button-secondary"
                                                aria-expanded=move || (open.get() == Open::Reflect(id)).to_string()
                                                aria-label=format!("{}: {}", i18n.t(P::Reflect), m.title)
                                                on:click=move |_| open.update(|o| *o = if *o == Open::Reflect(id) { Open::Nothing } else { Open::Reflect(id) })>
                                                {i18n.t(P::Reflect)}
                                            </button>
                                        })}
                                    </div>
                                    {move || match open.get() {
                                        Open::FollowUp(o) if o == id => {
                                            let m = milestones.with_untracked(|l| l.iter().find(|m| m.id == id).cloned());
                                            m.map(|m| view! { <MilestoneForm project=project milestones=milestones open=open editing=Some(m)/> }.into_any())
                                        }
                                        Open::Reflect(o) if o == id => {
                                            Some(view! { <ReflectionForm project=project milestones=milestones open=open milestone=id/> }.into_any())
                                        }
                                        _ => None,
                                    }}
                                </li>
                            }
                        }).collect_view()}
                    </ol>
                }
                .into_any()
            }}
            {edits.then(|| view! {
                <div class="no-print">
                    <button type="button" class="button button-secondary"
                        aria-expanded=move || (open.get() == Open::New).to_string()
                        on:click=move |_| open.update(|o| *o = if *o == Open::New { Open::Nothing } else { Open::New })>
                        {i18n.t(P::NewMilestone)}
                    </button>
                    <Show when=move || open.get() == Open::New>
                        <MilestoneForm project=project milestones=milestones open=open editing=None/>
                    </Show>
                </div>
            })}
        </section>
    }
}

/// A new milestone, or one's follow-up and its title and day.
#[component]
fn MilestoneForm(
    project: RwSignal<Project>,
    milestones: RwSignal<Vec<Milestone>>,
    open: RwSignal<Open>,
    editing: Option<Milestone>,
) -> impl IntoView {
    const PREFIX: &str = "milestone-";
    let i18n = use_i18n();
    let api = use_api();
    let base = editing
        .as_ref()
        .map(MilestoneInput::from)
        .unwrap_or_default();
    let id = editing.as_ref().map(|m| m.id);
    let title = RwSignal::new(base.title.clone());
    let due_on = RwSignal::new(base.due_on.clone());
    let done = RwSignal::new(base.done);
    let outcome = RwSignal::new(base.outcome.clone());
    let errors = FieldErrors::default();
    let form_error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let form_ref = NodeRef::<leptos::html::Form>::new();
    // What a tap opens comes into view, its first field ready.
    Effect::new(move |_| {
        if let Some(form) = form_ref.get() {
            form.scroll_into_view_with_bool(false);
            if let Ok(Some(first)) = form.query_selector("input") {
                use wasm_bindgen::JsCast;
                if let Ok(input) = first.dyn_into::<web_sys::HtmlElement>() {
                    let _ = input.focus();
                }
            }
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let input = MilestoneInput {
            title: title.get_untracked(),
            due_on: due_on.get_untracked(),
            done: done.get_untracked(),
            outcome: outcome.get_untracked(),
            version: base.version,
        };
        if !errors.accept_as(&input, form_error, PREFIX) {
            return;
        }
        let project_id = project.with_untracked(|p| p.id);
        busy.set(true);
        leptos::task::spawn_local(async move {
            let saved = match id {
                Some(id) => api.update_milestone(project_id, id, &input).await,
                None => api.add_milestone(project_id, &input).await,
            };
            busy.set(false);
            match saved {
                Ok(m) => {
                    keep(milestones, m);
                    open.set(Open::Nothing);
                }
                Err(e) => errors.show_api_error_as(&e, form_error, i18n, PREFIX),
            }
        });
    };
    let heading = if id.is_some() {
        P::FollowUp
    } else {
        P::NewMilestone
    };
    view! {
        <form class="milestone-form no-print" node_ref=form_ref on:submit=submit novalidate>
            <h4>{i18n.t(heading)}</h4>
            <TextField name="milestone-title" label=move || i18n.t(P::MilestoneTitle) value=title errors=errors/>
            <TextField name="milestone-due_on" kind="date" label=move || i18n.t(P::MilestoneDay) value=due_on errors=errors/>
            {id.is_some().then(|| view! {
                <label class="check">
                    <input type="checkbox" prop:checked=move || done.get() on:change=move |ev| done.set(event_target_checked(&ev))/>
                    {i18n.t(P::MarkDone)}
                </label>
                <TextArea name="milestone-outcome" label=move || i18n.t(P::Outcome) value=outcome errors=errors rows=3/>
            })}
            <ErrorText message=form_error/>
            <div class="actions">
                <button type="submit" class="button button-primary" disabled=move || busy.get()>{i18n.t(P::SaveMilestone)}</button>
                <button type="button" class="button button-secondary" on:click=move |_| open.set(Open::Nothing)>{i18n.t(P::Cancel)}</button>
            </div>
        </form>
    }
}

/// A participant's reflection on a milestone.
#[component]
fn ReflectionForm(
    project: RwSignal<Project>,
    milestones: RwSignal<Vec<Milestone>>,
    open: RwSignal<Open>,
    milestone: MilestoneId,
) -> impl IntoView {
    const PREFIX: &str = "reflection-";
    let i18n = use_i18n();
    let api = use_api();
    let text = RwSignal::new(String::new());
    let errors = FieldErrors::default();
    let form_error = RwSignal::new(None::<String>);
    let status = RwSignal::new(None::<String>);
    let form_ref = NodeRef::<leptos::html::Form>::new();
    Effect::new(move |_| {
        if let Some(form) = form_ref.get() {
            form.scroll_into_view_with_bool(false);
            if let Ok(Some(first)) = form.query_selector("textarea") {
                use wasm_bindgen::JsCast;
                if let Ok(area) = first.dyn_into::<web_sys::HtmlElement>() {
                    let _ = area.focus();
                }
            }
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let input = ReflectionInput {
            text: text.get_untracked(),
        };
        if !errors.accept_as(&input, form_error, PREFIX) {
            return;
        }
        let project_id = project.with_untracked(|p| p.id);
        leptos::task::spawn_local(async move {
            match api.add_reflection(project_id, milestone, &input).await {
                Ok(r) => {
                    milestones.update(|list| {
                        if let Some(m) = list.iter_mut().find(|m| m.id == milestone) {
                            m.reflections.push(r);
                        }
                    });
                    status.set(Some(i18n.t(P::Saved).to_owned()));
                    open.set(Open::Nothing);
                }
                Err(e) => errors.show_api_error_as(&e, form_error, i18n, PREFIX),
            }
        });
    };
    view! {
        <form class="milestone-form no-print" node_ref=form_ref on:submit=submit novalidate>
            <TextArea name="reflection-text" label=move || i18n.t(P::YourReflection) value=text errors=errors rows=3/>
            <ErrorText message=form_error/>
            <StatusText message=status/>
            <div class="actions">
                <button type="submit" class="button button-primary">{i18n.t(P::SaveReflection)}</button>
                <button type="button" class="button button-secondary" on:click=move |_| open.set(Open::Nothing)>{i18n.t(P::Cancel)}</button>
            </div>
        </form>
    }
}
