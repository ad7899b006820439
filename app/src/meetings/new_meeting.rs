//! A meeting a group adds itself besides the wheel's: the group's leaders (and the
//! steering group, for any group) choose the group, the day and time, the place, the
//! question and the agenda template.

use kollegium_shared::groups::Group;
use kollegium_shared::ids::{GroupId, TemplateId};
use kollegium_shared::meetings::NewMeeting;
use kollegium_shared::org::access::steers;
use leptos::prelude::*;

use crate::api::{ApiError, use_api};
use crate::components::{ErrorText, FieldErrors, TextField, load_failure};
use crate::i18n::{K, use_i18n};
use crate::meetings::text::MeetingsText;
use crate::session::use_session;

#[component]
pub(super) fn NewMeetingForm() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let session = use_session();
    let me = session.me.with_untracked(|m| m.as_ref().map(|m| m.id));
    let editor = session.may_untracked(steers);
    // The groups the person may add meetings to: those they lead, or every group.
    let groups = LocalResource::new(move || async move {
        let all: Vec<Group> = if editor {
            api.roster(None).await?.groups
        } else {
            api.my_groups().await?.groups
        };
        Ok::<_, ApiError>(
            all.into_iter()
                .filter(|g| editor || g.members.iter().any(|m| Some(m.id) == me && m.leader))
                .map(|g| (g.id, g.name))
                .collect::<Vec<_>>(),
        )
    });
    let listed = move || groups.get().and_then(Result::ok).unwrap_or_default();
    let templates = LocalResource::new(move || async move { api.agenda_templates().await });
    let errors = FieldErrors::default();
    let form_error = RwSignal::new(None::<String>);
    let group = RwSignal::new(String::new());
    let day = RwSignal::new(String::new());
    let start = RwSignal::new(String::new());
    let end = RwSignal::new(String::new());
    let place = RwSignal::new(String::new());
    let question = RwSignal::new(String::new());
    let template = RwSignal::new(String::new());
    let navigate = leptos_router::hooks::use_navigate();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(group_id) = group.get_untracked().parse::<GroupId>() else {
            errors.set(
                "group_id",
                i18n.t(MeetingsText::NewMeetingChooseGroup).to_owned(),
            );
            return;
        };
        let input = NewMeeting {
            group_id,
            starts_on: day.get_untracked().trim().to_owned(),
            start_time: Some(start.get_untracked()),
            end_time: Some(end.get_untracked()),
            place: place.get_untracked().trim().to_owned(),
            question: question.get_untracked().trim().to_owned(),
            // The template shown as chosen: the default until another is picked.
            template_id: template
                .get_untracked()
                .parse::<TemplateId>()
                .ok()
                .or_else(|| {
                    templates
                        .get_untracked()
                        .and_then(Result::ok)
                        .and_then(|list| list.into_iter().find(|t| t.is_default).map(|t| t.id))
                }),
        };
        if !errors.accept(&input, form_error) {
            return;
        }
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            match api.create_meeting(&input).await {
                Ok(m) => navigate(&format!("/traffar/{}", m.id), Default::default()),
                Err(e) => errors.show_api_error(&e, form_error),
            }
        });
    };
    view! {
        {load_failure(groups)}
        <Show when=move || !listed().is_empty()>
            <details class="card new-meeting">
                <summary><h2>{move || i18n.t(MeetingsText::NewMeeting)}</h2></summary>
                <form on:submit=submit.clone() novalidate>
                    <ErrorText message=form_error/>
                    <div class="field">
                        <label for="field-group_id">{move || i18n.t(MeetingsText::NewMeetingGroup)}</label>
                        <select id="field-group_id" on:change=move |ev| group.set(event_target_value(&ev))>
                            <option value="">"–"</option>
                            {move || listed().into_iter().map(|(id, name)| view! { <option value=id.to_string()>{name}</option> }).collect_view()}
                        </select>
                        <p class="field-error" aria-live="polite">{move || errors.get("group_id")}</p>
                    </div>
                    <div class="field-row">
                        <TextField name="starts_on" label=Signal::derive(move || i18n.t(MeetingsText::MeetingDay)) value=day errors=errors kind="date" required=true/>
                        <TextField name="start_time" label=Signal::derive(move || i18n.t(MeetingsText::MeetingStart)) value=start errors=errors kind="time"/>
                        <TextField name="end_time" label=Signal::derive(move || i18n.t(MeetingsText::MeetingEnd)) value=end errors=errors kind="time"/>
                    </div>
                    <TextField name="place" label=Signal::derive(move || i18n.t(MeetingsText::MeetingPlace)) value=place errors=errors/>
                    <div class="field">
                        <label for="field-new-question">{move || i18n.t(K::MeetingQuestion)}</label>
                        <textarea id="field-new-question" rows="2" prop:value=move || question.get() on:input=move |ev| question.set(event_target_value(&ev))></textarea>
                        <p class="field-error" aria-live="polite">{move || errors.get("question")}</p>
                    </div>
                    <div class="field">
                        <label for="field-template_id">{move || i18n.t(MeetingsText::AgendaFromTemplate)}</label>
                        <select id="field-template_id" on:change=move |ev| template.set(event_target_value(&ev))>
                            {move || templates.get().and_then(Result::ok).unwrap_or_default().into_iter().map(|t| {
                                let label = if t.is_default { format!("{} ({})", t.name, i18n.t(MeetingsText::TemplateDefault)) } else { t.name.clone() };
                                view! { <option value=t.id.to_string() selected=t.is_default>{label}</option> }
                            }).collect_view()}
                        </select>
                    </div>
                    {load_failure(templates)}
                    <div class="actions">
                        <button type="submit" class="button button-primary">{move || i18n.t(MeetingsText::NewMeetingAdd)}</button>
                    </div>
                </form>
            </details>
        </Show>
    }
}
