//! The steering group's activity form, the undo of the last change, the .ics download
//! of one activity and the private calendar feed.

use kollegium_shared::groups::GroupKind;
use kollegium_shared::ids::{GroupId, RingId};
use kollegium_shared::org::Role;
use kollegium_shared::wheel::{ActivityInput, Audience};
use leptos::prelude::*;

use super::{Editing, Planner, Undo, input_of};
use crate::api::{ApiError, use_api};
use crate::components::{ErrorText, FieldErrors, ItemPicker, TextField, load_failure, save_file};
use crate::i18n::{K, use_i18n};
use crate::wheel::text::WheelText;

/// The audience choice that names groups.
const GROUPS: &str = "groups";

/// The audience choices of the form: a code and the audience it stands for.
fn audience_choices() -> Vec<(String, Audience)> {
    let mut out = vec![("everyone".to_owned(), Audience::Everyone)];
    for role in [
        Role::Larare,
        Role::Rektor,
        Role::Styrgrupp,
        Role::IktStrateg,
    ] {
        out.push((format!("role:{}", role.code()), Audience::Role { role }));
    }
    for kind in GroupKind::ALL {
        out.push((
            format!("kind:{}", kind.code()),
            Audience::GroupKind { group_kind: kind },
        ));
    }
    out
}

/// The activity form, fetched the first time the steering group opens it: its code
/// (with the library search for material) stays out of the wheel's pages, which
/// teachers open only to read.
#[lazy]
pub(super) fn activity_form(planner: Planner, editing: Editing) -> AnyView {
    view! { <ActivityForm planner=planner editing=editing/> }.into_any()
}

#[component]
fn ActivityForm(planner: Planner, editing: Editing) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let lang = i18n.lang.get_untracked();
    let (existing, input, linked) = match editing {
        Editing::Existing(a) => {
            let input = input_of(&a);
            let linked = a.library.clone();
            (Some(a), input, linked)
        }
        Editing::New { ring, date } => (
            None,
            ActivityInput {
                ring_id: ring,
                title: String::new(),
                description: String::new(),
                starts_on: date.clone(),
                ends_on: date,
                start_time: None,
                end_time: None,
                audience: Audience::Everyone,
                theme: None,
                library_items: Vec::new(),
                version: None,
            },
            Vec::new(),
        ),
    };
    let library = RwSignal::new(linked);
    let ring = RwSignal::new(input.ring_id);
    let title = RwSignal::new(input.title.clone());
    let starts_on = RwSignal::new(input.starts_on.clone());
    let ends_on = RwSignal::new(input.ends_on.clone());
    let start_time = RwSignal::new(input.start_time.clone().unwrap_or_default());
    let end_time = RwSignal::new(input.end_time.clone().unwrap_or_default());
    let theme = RwSignal::new(input.theme.clone().unwrap_or_default());
    let description = RwSignal::new(input.description.clone());
    let choices = audience_choices();
    let audience = RwSignal::new(match &input.audience {
        Audience::Groups { .. } => GROUPS.to_owned(),
        other => choices
            .iter()
            .find(|(_, a)| a == other)
            .map_or_else(|| "everyone".to_owned(), |(k, _)| k.clone()),
    });
    let named = RwSignal::new(match &input.audience {
        Audience::Groups { groups } => groups.clone(),
        _ => Vec::<GroupId>::new(),
    });
    // The year's groups, for an audience of named groups.
    let year = planner
        .wheel
        .with_untracked(|w| w.as_ref().map(|w| w.school_year.id));
    let groups = LocalResource::new(move || async move {
        let mut list = api.roster(year).await?.groups;
        list.sort_by(|a, b| kollegium_shared::collate::swedish_cmp(&a.name, &b.name));
        Ok::<_, ApiError>(list)
    });
    let errors = FieldErrors::default();
    let form_error = RwSignal::new(None::<String>);
    let version = input.version;
    let blank = |s: String| (!s.trim().is_empty()).then(|| s.trim().to_owned());
    let collect = move || ActivityInput {
        ring_id: ring.get_untracked(),
        title: title.get_untracked(),
        description: description.get_untracked(),
        starts_on: starts_on.get_untracked(),
        ends_on: ends_on.get_untracked(),
        start_time: blank(start_time.get_untracked()),
        end_time: blank(end_time.get_untracked()),
        audience: if audience.get_untracked() == GROUPS {
            Audience::Groups {
                groups: named.get_untracked(),
            }
        } else {
            audience_choices()
                .into_iter()
                .find(|(k, _)| *k == audience.get_untracked())
                .map_or(Audience::Everyone, |(_, a)| a)
        },
        theme: blank(theme.get_untracked()),
        library_items: library.get_untracked().iter().map(|i| i.id).collect(),
        version,
    };
    let existing_id = existing.as_ref().map(|a| a.id);
    let before = existing.clone();
    let save = Action::new_local(move |input: &ActivityInput| {
        let input = input.clone();
        async move {
            match existing_id {
                Some(id) => api.update_activity(id, &input).await,
                None => api.create_activity(&input).await,
            }
        }
    });
    let remove = Action::new_local(move |(): &()| async move {
        match (existing_id, version) {
            (Some(id), Some(v)) => api.delete_activity(id, v).await,
            _ => Ok(()),
        }
    });
    Effect::new(move |_| match save.value().get() {
        Some(Ok(saved)) => {
            planner.undo.set(Some(match &before {
                Some(b) => Undo::Restore {
                    id: saved.id,
                    before: b.clone(),
                    version: saved.version,
                },
                None => Undo::Remove {
                    id: saved.id,
                    version: saved.version,
                },
            }));
            planner.status.set(i18n.t(K::Saved).to_owned());
            planner.open(saved.id);
            planner.editing.set(None);
            planner.refresh();
        }
        Some(Err(e)) => conflict_or_field(e, errors, form_error, planner),
        None => {}
    });
    let removed = existing.clone();
    Effect::new(move |_| match remove.value().get() {
        Some(Ok(())) => {
            planner.undo.set(removed.clone().map(Undo::Recreate));
            planner
                .status
                .set(i18n.t(WheelText::WheelRemoved).to_owned());
            planner.selected.set(None);
            planner.editing.set(None);
            planner.refresh();
        }
        Some(Err(e)) => conflict_or_field(e, errors, form_error, planner),
        None => {}
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let input = collect();
        if errors.accept(&input, form_error) {
            save.dispatch(input);
        }
    };
    // The rings follow the wheel: the form may open while the wheel is being fetched
    // again (another year appeared), and a new activity then gets the first ring.
    let rings = move || {
        planner
            .wheel
            .with(|w| w.as_ref().map(|w| w.rings.clone()))
            .unwrap_or_default()
    };
    Effect::new(move |_| {
        let first = planner
            .wheel
            .with(|w| w.as_ref().and_then(|w| w.rings.first().map(|r| r.id)));
        if ring.get_untracked() == RingId(0)
            && let Some(first) = first
        {
            ring.set(first);
        }
    });
    let heading = if existing.is_some() {
        WheelText::WheelEditActivity
    } else {
        WheelText::WheelNewActivity
    };
    // The form opened by a tap comes into view with the focus in its first field.
    let form_ref = NodeRef::<leptos::html::Form>::new();
    Effect::new(move |_| {
        if let Some(form) = form_ref.get() {
            crate::components::bring_into_view(&form, Some("#field-title"));
        }
    });
    view! {
        <form class="card form activity-form" novalidate=true on:submit=on_submit aria-labelledby="activity-form-heading" node_ref=form_ref>
            <h2 id="activity-form-heading">{i18n.t(heading)}</h2>
            <ErrorText message=form_error/>
            <TextField name="title" label=Signal::derive(move || i18n.t(WheelText::WheelActivityTitle)) value=title errors=errors required=true/>
            <div class="field">
                <label for="activity-ring">{i18n.t(K::WheelRing)}</label>
                <select id="activity-ring" on:change=move |ev| ring.set(event_target_value(&ev).parse().unwrap_or_default())>
                    {move || rings().into_iter().map(|r| view! { <option value=r.id.to_string() selected=r.id == ring.get_untracked()>{r.name}</option> }).collect_view()}
                </select>
            </div>
            <div class="field-row">
                <TextField name="starts_on" kind="date" label=Signal::derive(move || i18n.t(WheelText::WheelStarts)) value=starts_on errors=errors required=true/>
                <TextField name="ends_on" kind="date" label=Signal::derive(move || i18n.t(WheelText::WheelEnds)) value=ends_on errors=errors required=true/>
            </div>
            <div class="field-row">
                <TextField name="start_time" kind="time" label=Signal::derive(move || i18n.t(WheelText::WheelStartTime)) value=start_time errors=errors/>
                <TextField name="end_time" kind="time" label=Signal::derive(move || i18n.t(WheelText::WheelEndTime)) value=end_time errors=errors/>
            </div>
            <div class="field">
                <label for="activity-audience">{i18n.t(WheelText::WheelAudience)}</label>
                <select id="activity-audience" on:change=move |ev| audience.set(event_target_value(&ev))>
                    {choices.into_iter().map(|(k, a)| {
                        let label = match &a {
                            Audience::Everyone => i18n.t(WheelText::AudienceEveryone).to_owned(),
                            Audience::Role { role } => role.label(lang).to_owned(),
                            Audience::GroupKind { group_kind } => format!("{} ({})", group_kind.label(lang), i18n.t(WheelText::AudienceAllOfKind)),
                            Audience::Groups { .. } => String::new(),
                        };
                        view! { <option value=k.clone() selected=k == audience.get_untracked()>{label}</option> }
                    }).collect_view()}
                    <option value=GROUPS selected=audience.get_untracked() == GROUPS>{i18n.t(WheelText::AudienceNamedGroups)}</option>
                </select>
                <p class="field-error" id="field-audience-error" aria-live="polite">{move || errors.get("audience")}</p>
            </div>
            {move || (audience.get() == GROUPS).then(|| view! {
                <fieldset class="check-group named-groups">
                    <legend>{i18n.t(WheelText::AudienceChooseGroups)}</legend>
                    {load_failure(groups)}
                    <ul class="check-list">
                        {move || groups.get().and_then(Result::ok).unwrap_or_default().into_iter().map(|g| {
                            let id = g.id;
                            let field = format!("audience-group-{id}");
                            view! {
                                <li>
                                    <input type="checkbox" id=field.clone() checked=move || named.with(|n| n.contains(&id))
                                        on:change=move |ev| {
                                            let on = event_target_checked(&ev);
                                            named.update(|n| { n.retain(|x| *x != id); if on { n.push(id); } });
                                            errors.clear("audience");
                                        }/>
                                    <label for=field>{g.name.clone()}</label>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </fieldset>
            })}
            <TextField name="theme" label=Signal::derive(move || i18n.t(WheelText::WheelTheme)) value=theme errors=errors/>
            <ItemPicker items=library id="activity-library" field="library_items" errors=errors/>
            <div class="field">
                <label for="activity-description">{i18n.t(K::GroupDescription)}</label>
                <textarea id="activity-description" rows="3" prop:value=move || description.get()
                    on:input=move |ev| description.set(event_target_value(&ev))></textarea>
            </div>
            <div class="form-actions">
                <button type="submit" class="button button-primary">{i18n.t(K::Save)}</button>
                {existing.is_some().then(|| view! {
                    <button type="button" class="button button-secondary" on:click=move |_| { remove.dispatch(()); }>{i18n.t(K::MemberRemove)}</button>
                })}
                <button type="button" class="button button-secondary" on:click=move |_| planner.editing.set(None)>{i18n.t(K::Cancel)}</button>
            </div>
        </form>
    }
}

/// A refused change: a conflict reloads the wheel (showing the other person's version)
/// and says so; anything else is shown on the form.
fn conflict_or_field(
    e: ApiError,
    errors: FieldErrors,
    form_error: RwSignal<Option<String>>,
    planner: Planner,
) {
    if matches!(e, ApiError::Api { status: 409, .. }) {
        planner.editing.set(None);
        planner.error.set(Some(e));
        planner.refresh();
    } else {
        errors.show_api_error(&e, form_error);
    }
}

/// "Ångra" for the last change made on this page. The bar stays in place while its
/// text changes, so a finger already on its way to the button still finds it.
#[component]
pub(super) fn UndoBar(planner: Planner) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Show when=move || planner.undo.with(Option::is_some)>
            <p class="undo-bar">
                <span>{move || planner.status.get()}</span>
                <button type="button" class="button button-secondary button-small" on:click=move |_| planner.run_undo()>{i18n.t(WheelText::WheelUndo)}</button>
            </p>
        </Show>
    }
}

/// Downloads one activity as an .ics file (fetched with the session).
#[component]
pub(super) fn IcsLink(path: String) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let failed = RwSignal::new(false);
    let download = move |_| {
        let path = path.trim_start_matches("/api/v1").to_owned();
        leptos::task::spawn_local(async move {
            let ok = match api.get_bytes(&path).await {
                Ok(bytes) => {
                    save_file(&bytes, "text/calendar;charset=utf-8", "aktivitet.ics").is_ok()
                }
                Err(_) => false,
            };
            failed.set(!ok);
        });
    };
    view! {
        <button type="button" class="button button-secondary" on:click=download>{i18n.t(WheelText::WheelAddToCalendar)}</button>
        {move || failed.get().then(|| view! { <span class="form-error" role="alert">{i18n.t(K::DownloadFailed)}</span> })}
    }
}

/// The private calendar feed: make a link for the calendar app, or stop it.
#[component]
pub(super) fn FeedSection() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let state =
        LocalResource::new(move || async move { api.calendar_feed().await.map(|f| f.active) });
    let active = move || state.get().and_then(Result::ok).unwrap_or(false);
    let url = RwSignal::new(None::<String>);
    let make = Action::new_local(move |(): &()| async move { api.make_calendar_feed().await });
    let revoke = Action::new_local(move |(): &()| async move { api.revoke_calendar_feed().await });
    Effect::new(move |_| {
        if let Some(Ok(feed)) = make.value().get() {
            let origin = window().location().origin().unwrap_or_default();
            url.set(feed.url.map(|u| format!("{origin}{u}")));
            state.refetch();
        }
    });
    Effect::new(move |_| {
        if let Some(Ok(())) = revoke.value().get() {
            url.set(None);
            state.refetch();
        }
    });
    view! {
        <section class="card feed-section print-hidden" aria-labelledby="feed-heading">
            <h2 id="feed-heading">{move || i18n.t(WheelText::FeedHeading)}</h2>
            <p class="field-hint">{move || i18n.t(WheelText::FeedHint)}</p>
            {load_failure(state)}
            {move || url.get().map(|u| {
                let webcal = u.replacen("https://", "webcal://", 1).replacen("http://", "webcal://", 1);
                view! {
                    <div class="field">
                        <label for="feed-url">{i18n.t(WheelText::FeedUrl)}</label>
                        <input id="feed-url" type="text" readonly=true value=u.clone() on:focus=move |ev| {
                            if let Some(input) = event_target::<web_sys::HtmlInputElement>(&ev).into() { input.select(); }
                        }/>
                    </div>
                    <p><a href=webcal rel="external">{i18n.t(WheelText::FeedOpen)}</a></p>
                }
            })}
            <div class="form-actions">
                <button type="button" class="button button-primary" on:click=move |_| { make.dispatch(()); }>
                    {move || i18n.t(if active() { WheelText::FeedRenew } else { WheelText::FeedMake })}
                </button>
                {move || active().then(|| view! {
                    <button type="button" class="button button-secondary" on:click=move |_| { revoke.dispatch(()); }>{i18n.t(WheelText::FeedRevoke)}</button>
                })}
            </div>
        </section>
    }
}
