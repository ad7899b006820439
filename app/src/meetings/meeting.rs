//! `/traffar/{id}`: one meeting. Everyone who may see it reads when and where, the
//! question, the agenda and the preparation; members write their personal action plan;
//! the documenter of the day (or a leader) writes and publishes the protocol; the
//! group sees who has written a plan, and the text of plans shared with it.

use kollegium_shared::groups::Group;
use kollegium_shared::ids::{GoalId, MeetingId, PersonId};
use kollegium_shared::meetings::agenda::total_minutes;
use kollegium_shared::meetings::records::{self, PROTOCOL_FIELDS, PlanPart};
use kollegium_shared::meetings::{
    AmendmentInput, Meeting, MeetingPatch, MeetingStatus, PlanOverview, Protocol,
};
use leptos::prelude::*;
use leptos_router::components::A;

use super::record::{Autosave, Record, RecordFields, RecordView, SaveState, SaveStatus, Stored};
use crate::api::{ApiError, use_api};
use crate::components::{
    ErrorText, FieldErrors, StatusText, TextField, load_failure, loaded, use_id_param,
};
use crate::format::meeting_when;
use crate::i18n::{K, use_i18n, use_title};
use crate::meetings::text::MeetingsText;
use crate::session::use_session;
use kollegium_shared::meetings::access::may_lead;

#[component]
pub fn MeetingPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    use_title(MeetingsText::MeetingTitle);
    let id = use_id_param::<MeetingId>();
    let meeting = LocalResource::new(move || {
        let id = id();
        async move {
            let meeting = api.meeting(id).await?;
            let group = api.group(meeting.group_id).await?;
            Ok::<_, ApiError>((meeting, group))
        }
    });
    view! {
        <section class="page meeting-page">
            <p class="breadcrumb"><A href="/traffar">{move || i18n.t(MeetingsText::MeetingsTitle)}</A></p>
            <Transition>
                {loaded(meeting, |(m, g)| view! { <MeetingView meeting=m group=g/> })}
            </Transition>
        </section>
    }
}

/// The name of member `id` of `group`.
fn member_name(group: &Group, id: Option<PersonId>) -> Option<String> {
    let id = id?;
    group
        .members
        .iter()
        .find(|m| m.id == id)
        .map(|m| m.name.clone())
}

#[component]
fn MeetingView(meeting: Meeting, group: Group) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let lang = i18n.lang.get_untracked();
    // "Att göra" and the live meeting link straight to the plan or the protocol.
    crate::components::scroll_to_hash();
    let me = session.me.with_untracked(|m| m.as_ref().map(|m| m.id));
    let member = group.members.iter().any(|m| Some(m.id) == me);
    let leads_group = group.members.iter().any(|m| Some(m.id) == me && m.leader);
    let leads = session
        .me
        .with_untracked(|m| m.as_ref().is_some_and(|m| may_lead(&m.roles, leads_group)));
    let documenter_id = meeting.documenter_id.or(group.next_documenter);
    let documenter = member_name(&group, documenter_id);
    let agenda_total = total_minutes(&meeting.agenda);
    let video = meeting.video_link.clone().filter(|v| !v.is_empty());
    // The page is arranged by what the person does now: before the meeting its
    // question and preparation come first; once held, the protocol and the plan.
    let held = matches!(
        meeting.status,
        MeetingStatus::Genomford | MeetingStatus::ProtokollPublicerat
    );
    let question = view! {
        <section class="card" aria-labelledby="meeting-question-heading">
            <h2 id="meeting-question-heading" tabindex="-1">{i18n.t(K::MeetingQuestion)}</h2>
            {if meeting.question.is_empty() {
                view! { <p class="muted">{i18n.t(MeetingsText::MeetingNoQuestion)}</p> }.into_any()
            } else {
                view! { <p class="question">{meeting.question.clone()}</p> }.into_any()
            }}
            {meeting.theme.clone().map(|t| view! { <p class="muted">{i18n.t(MeetingsText::MeetingTheme)}": "{t}</p> })}
            <p>{i18n.t(MeetingsText::MeetingDocumenter)}": "<strong>{documenter.clone().unwrap_or_else(|| i18n.t(K::NoneYet).to_owned())}</strong></p>
        </section>
    };
    let agenda = view! {
        <section class="card" aria-labelledby="meeting-agenda-heading">
            <h2 id="meeting-agenda-heading" tabindex="-1">{i18n.t(MeetingsText::MeetingAgenda)}" ("{agenda_total}" min)"</h2>
            <ol class="agenda">
                {meeting.agenda.iter().map(|s| view! {
                    <li>
                        <span class="step-title">{s.title.clone()}</span>
                        <span class="step-minutes">{format!("{} min", s.minutes)}</span>
                        {(!s.guidance.is_empty()).then(|| view! { <p class="muted">{s.guidance.clone()}</p> })}
                    </li>
                }).collect_view()}
            </ol>
        </section>
    };
    let preparation = view! { <super::preparation::PreparationSection meeting_id=meeting.id member=member leads=leads held=held/> };
    let editor =
        leads.then(|| view! { <MeetingEditor meeting=meeting.clone() group=group.clone()/> });
    let plan = member.then(|| view! { <PlanSection meeting_id=meeting.id held=held/> });
    let protocol = view! { <ProtocolSection meeting_id=meeting.id documenter=documenter amends=leads || documenter_id == me/> };
    let plans = view! { <PlansSection meeting_id=meeting.id/> };
    // In-page jumps, in the order the parts stand.
    let jump = move |id: &'static str, text: MeetingsText| {
        view! {
            <li><a href=format!("#{id}") on:click=move |ev| { ev.prevent_default(); crate::components::jump_to(id); }>{i18n.t(text)}</a></li>
        }
    };
    let jumps = if held {
        view! {
            {jump("protocol-heading", MeetingsText::JumpProtocol)}
            {member.then(|| jump("plan-heading", MeetingsText::JumpPlan))}
            {jump("plans-heading", MeetingsText::JumpPlans)}
            {jump("meeting-question-heading", MeetingsText::JumpQuestion)}
        }
        .into_any()
    } else {
        view! {
            {jump("meeting-question-heading", MeetingsText::JumpQuestion)}
            {jump("meeting-prep-heading", MeetingsText::JumpPreparation)}
            {jump("meeting-agenda-heading", MeetingsText::JumpAgenda)}
            {member.then(|| jump("plan-heading", MeetingsText::JumpPlan))}
            {jump("protocol-heading", MeetingsText::JumpProtocol)}
        }
        .into_any()
    };
    let parts = if held {
        view! {
            <div class="meeting-main">{protocol}{plan}{plans}</div>
            <div class="meeting-side">{question}{agenda}{preparation}{editor}</div>
        }
        .into_any()
    } else {
        view! {
            <div class="meeting-main">{preparation}{plan}{protocol}{plans}</div>
            <div class="meeting-side">{question}{agenda}{editor}</div>
        }
        .into_any()
    };
    view! {
        <h1>{meeting.group_name.clone()}</h1>
        <p class="lead">
            {meeting_when(&meeting, lang)}
            {(!meeting.place.is_empty()).then(|| format!(" · {}", meeting.place))}
            " "<span class=format!("badge state-{}", meeting.state.code())>{meeting.state.label(lang)}</span>
        </p>
        <p><a class="button button-primary" href=format!("/traffar/{}/live", meeting.id)>{i18n.t(MeetingsText::MeetingOpenLive)}</a></p>
        {video.map(|v| view! { <p><a href=v.clone() rel="noopener noreferrer" target="_blank">{i18n.t(MeetingsText::MeetingVideoLink)}</a></p> })}
        <nav class="meeting-jumps" aria-label=i18n.t(MeetingsText::JumpsLabel)><ul>{jumps}</ul></nav>
        <div class="meeting-parts" class:meeting-held=held>{parts}</div>
    }
}

/// My personal action plan for the meeting, in two parts: looking back is written before
/// the meeting and looking forward after it, so the part of now comes first and the
/// other waits behind a disclosure.
#[component]
fn PlanSection(meeting_id: MeetingId, held: bool) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let plan = LocalResource::new(move || async move { api.plan(meeting_id).await });
    view! {
        <section class="card plan" aria-labelledby="plan-heading">
            <h2 id="plan-heading" tabindex="-1">{i18n.t(MeetingsText::PlanHeading)}</h2>
            <p class="muted">{i18n.t(MeetingsText::PlanIntro)}</p>
            {loaded(plan, move |p| view! {
                <PlanEditor meeting_id=meeting_id held=held stored=Stored { fields: p.fields, version: p.version, shared: p.shared, by: None }/>
                <PlanGoalPicker meeting_id=meeting_id goal=p.goal/>
            })}
        </section>
    }
}

#[component]
fn PlanEditor(meeting_id: MeetingId, held: bool, stored: Stored) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let autosave = Autosave::new(Record::Plan(meeting_id), &stored, api);
    let [now, later] = records::plan_parts(held);
    let texts = |part| match part {
        PlanPart::LookingBack => (
            "plan-back",
            MeetingsText::PlanBackHeading,
            MeetingsText::PlanBackHint,
        ),
        PlanPart::LookingForward => (
            "plan-forward",
            MeetingsText::PlanForwardHeading,
            MeetingsText::PlanForwardHint,
        ),
    };
    let (now_id, now_heading, now_hint) = texts(now);
    let (later_id, later_heading, later_hint) = texts(later);
    let later_fields = records::plan_fields(later);
    // The other part opens by itself when one of its fields waits for a choice (and
    // stays as the writer leaves it otherwise).
    let later = NodeRef::<leptos::html::Details>::new();
    Effect::new(move || {
        let waits = autosave.conflicts.with(|c| {
            c.iter()
                .any(|f| later_fields.iter().any(|(k, _, _)| *k == f.key))
        });
        if let (true, Some(d)) = (waits, later.get()) {
            d.set_open(true);
        }
    });
    let later_answered = move || {
        let (done, of) = autosave.fields.with(|f| records::answered(later_fields, f));
        i18n.fill(MeetingsText::PlanPartAnswered, &[&done, &of])
    };
    view! {
        <div class="plan-part" role="group" aria-labelledby=format!("{now_id}-heading")>
            <h3 id=format!("{now_id}-heading")>{i18n.t(now_heading)}</h3>
            <p class="hint">{i18n.t(now_hint)}</p>
            <RecordFields autosave=autosave id_prefix="plan" part=records::plan_fields(now)/>
        </div>
        <details class="plan-part plan-later" node_ref=later>
            <summary id=format!("{later_id}-heading")>
                <span class="summary-title">{i18n.t(later_heading)}</span>
                " "<span class="muted">{later_answered}</span>
            </summary>
            <p class="hint">{i18n.t(later_hint)}</p>
            <RecordFields autosave=autosave id_prefix="plan" part=later_fields/>
        </details>
        <label class="check">
            <input
                type="checkbox"
                prop:checked=move || autosave.shared.get()
                on:change=move |ev| autosave.set_shared(event_target_checked(&ev))
            />
            {i18n.t(MeetingsText::PlanShare)}
        </label>
        <SaveStatus autosave=autosave/>
    }
}

/// Which of my own goals the plan's focus serves (the goal then lists the plan).
#[component]
fn PlanGoalPicker(meeting_id: MeetingId, goal: Option<GoalId>) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let session = use_session();
    let goals = LocalResource::new(move || async move {
        match session.me.get_untracked() {
            Some(me) => api.own_goals(me.id).await,
            None => Ok(Vec::new()),
        }
    });
    let status = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<String>);
    let choose = move |value: String| {
        let chosen = value.parse::<GoalId>().ok();
        leptos::task::spawn_local(async move {
            match api.set_plan_goal(meeting_id, chosen).await {
                Ok(_) => {
                    error.set(None);
                    let done = if chosen.is_some() {
                        MeetingsText::PlanGoalSaved
                    } else {
                        MeetingsText::PlanGoalCleared
                    };
                    status.set(Some(i18n.t(done).to_owned()));
                }
                Err(e) => {
                    status.set(None);
                    error.set(Some(e.message(i18n)));
                }
            }
        });
    };
    move || {
        let own = goals.get().and_then(Result::ok).unwrap_or_default();
        (!own.is_empty()).then(|| view! {
            <div class="field plan-goal">
                <label for="plan-goal">{i18n.t(MeetingsText::PlanGoal)}</label>
                <select id="plan-goal" aria-describedby="plan-goal-hint" on:change=move |ev| choose(event_target_value(&ev))>
                    <option value="" selected=goal.is_none()>{i18n.t(MeetingsText::PlanGoalNone)}</option>
                    {own.into_iter().map(|(id, title)| view! {
                        <option value=id.to_string() selected=goal == Some(id)>{title}</option>
                    }).collect_view()}
                </select>
                <p class="hint" id="plan-goal-hint">{i18n.t(MeetingsText::PlanGoalHint)}</p>
                <StatusText message=status/>
                <ErrorText message=error/>
            </div>
        })
    }
}

/// The protocol: written here by its writers until published, read by the group
/// meanwhile, and by everyone once published.
#[component]
fn ProtocolSection(
    meeting_id: MeetingId,
    documenter: Option<String>,
    amends: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let protocol = LocalResource::new(move || async move { api.protocol(meeting_id).await });
    let reload = Callback::new(move |()| protocol.refetch());
    let documenter = StoredValue::new(documenter);
    view! {
        <section class="card protocol" aria-labelledby="protocol-heading">
            <h2 id="protocol-heading" tabindex="-1">{i18n.t(MeetingsText::ProtocolHeading)}</h2>
            {loaded(protocol, move |p| match p {
                p if p.published_at.is_some() => view! {
                    <p class="no-print"><A href=format!("/protokoll/{meeting_id}")>{i18n.t(MeetingsText::ProtocolPrintView)}</A></p>
                    <PublishedProtocol protocol=p/>
                    {amends.then(|| view! { <AmendmentForm meeting_id=meeting_id on_added=reload/> })}
                }.into_any(),
                p if p.writer => view! {
                    <ProtocolEditor meeting_id=meeting_id protocol=p on_published=reload/>
                }.into_any(),
                p => view! {
                    <p class="muted">{format!("{} {}", i18n.t(MeetingsText::ProtocolWrittenBy), documenter.get_value().unwrap_or_default())}</p>
                    <RecordView specs=&PROTOCOL_FIELDS fields=p.fields/>
                }.into_any(),
            })}
        </section>
    }
}

#[component]
fn ProtocolEditor(
    meeting_id: MeetingId,
    protocol: Protocol,
    on_published: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let stored = Stored {
        fields: protocol.fields,
        version: protocol.version,
        shared: false,
        by: protocol.updated_by,
    };
    let autosave = Autosave::new(Record::Protocol(meeting_id), &stored, api);
    let confirming = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let ready =
        move || matches!(autosave.state.get(), SaveState::Saved(_)) && autosave.version.get() > 0;
    let publish = move |_| {
        busy.set(true);
        error.set(None);
        let version = autosave.version.get_untracked();
        leptos::task::spawn_local(async move {
            match api.publish_protocol(meeting_id, version).await {
                Ok(_) => on_published.run(()),
                Err(e) => error.set(Some(e.message(i18n))),
            }
            busy.set(false);
            confirming.set(false);
        });
    };
    view! {
        <p class="muted">{i18n.t(MeetingsText::ProtocolIntro)}</p>
        <RecordFields autosave=autosave id_prefix="protocol"/>
        <SaveStatus autosave=autosave/>
        <ErrorText message=error/>
        {move || if confirming.get() {
            view! {
                <div class="confirm" role="group" aria-labelledby="publish-confirm-text">
                    <p id="publish-confirm-text">{i18n.t(MeetingsText::ProtocolPublishConfirm)}</p>
                    <div class="actions">
                        <button type="button" class="button button-primary" disabled=move || busy.get() on:click=publish>{i18n.t(MeetingsText::ProtocolPublishNow)}</button>
                        <button type="button" class="button button-secondary" on:click=move |_| confirming.set(false)>{i18n.t(K::Cancel)}</button>
                    </div>
                </div>
            }.into_any()
        } else {
            view! {
                <div class="actions">
                    <button type="button" class="button button-primary" disabled=move || !ready() aria-describedby="publish-why"
                        on:click=move |_| confirming.set(true)>{i18n.t(MeetingsText::ProtocolPublish)}</button>
                </div>
                // A button that cannot be used says why.
                <p class="field-hint" id="publish-why">{move || (!ready()).then(|| i18n.t(match autosave.state.get() {
                    SaveState::Conflict => MeetingsText::PublishWhyConflict,
                    _ if autosave.version.get() == 0 => MeetingsText::PublishWhyEmpty,
                    _ => MeetingsText::PublishWhySaving,
                }))}</p>
            }.into_any()
        }}
    }
}

#[component]
pub(super) fn PublishedProtocol(protocol: Protocol) -> impl IntoView {
    let i18n = use_i18n();
    let published = protocol
        .published_at
        .clone()
        .map(|at| at.chars().take(10).collect::<String>())
        .unwrap_or_default();
    let by = protocol.published_by.clone().unwrap_or_default();
    view! {
        <p class="muted">{format!("{} {published} {} {by}", i18n.t(MeetingsText::ProtocolPublishedOn), i18n.t(MeetingsText::By))}</p>
        <RecordView specs=&PROTOCOL_FIELDS fields=protocol.fields/>
        {(!protocol.amendments.is_empty()).then(|| view! {
            <h3>{i18n.t(MeetingsText::ProtocolAmendments)}</h3>
            <ul class="amendments">
                {protocol.amendments.into_iter().map(|a| {
                    let heading = kollegium_shared::meetings::records::heading(&PROTOCOL_FIELDS, &a.field, i18n.lang.get_untracked());
                    view! {
                        <li>
                            <strong>{heading}</strong>": "{a.text}
                            <span class="muted">{format!(" ({}, {})", a.by, a.at.chars().take(10).collect::<String>())}</span>
                        </li>
                    }
                }).collect_view()}
            </ul>
        })}
    }
}

/// Who has written a plan: names and shared plans for the group, counts for those who
/// follow it up.
#[component]
fn PlansSection(meeting_id: MeetingId) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let overview = LocalResource::new(move || async move { api.plan_overview(meeting_id).await });
    let body = move |o: PlanOverview| {
        view! {
            <p>{i18n.count(MeetingsText::PlansWritten, o.written, &[&o.written, &o.members])}</p>
            {(!o.people.is_empty()).then(|| view! {
                <ul class="plain plan-people">
                    {o.people.into_iter().map(|p| {
                        let state = if p.written { MeetingsText::PlanWritten } else { MeetingsText::PlanNotWritten };
                        view! {
                            <li>
                                <span>{p.name.clone()}</span>" "
                                <span class=if p.written { "badge done" } else { "badge" }>{i18n.t(state)}</span>
                                {p.shared_fields.map(|fields| view! {
                                    <details>
                                        <summary>{format!("{} {}", i18n.t(MeetingsText::PlanSharedBy), p.name)}</summary>
                                        <RecordView specs=&kollegium_shared::meetings::records::PLAN_FIELDS fields=fields/>
                                    </details>
                                })}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            })}
        }
    };
    view! {
        <section class="card" aria-labelledby="plans-heading">
            <h2 id="plans-heading" tabindex="-1">{i18n.t(MeetingsText::PlansHeading)}</h2>
            {loaded(overview, body)}
        </section>
    }
}

/// The group's leader (or the steering group) sets the meeting's place, video link,
/// question, preparation task and documenter of the day.
#[component]
fn MeetingEditor(meeting: Meeting, group: Group) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let errors = FieldErrors::default();
    let form_error = RwSignal::new(None::<String>);
    let flash = RwSignal::new(false);
    let version = RwSignal::new(meeting.version);
    let id = meeting.id;
    let place = RwSignal::new(meeting.place.clone());
    let video = RwSignal::new(meeting.video_link.clone().unwrap_or_default());
    let question = RwSignal::new(meeting.question.clone());
    let task = RwSignal::new(meeting.preparation_task.clone());
    let documenter = RwSignal::new(
        meeting
            .documenter_id
            .or(group.next_documenter)
            .map_or(String::new(), |p| p.to_string()),
    );
    let agenda = RwSignal::new(meeting.agenda.clone());
    let templates = LocalResource::new(move || async move { api.agenda_templates().await });
    let template = RwSignal::new(String::new());
    let use_template = move |_| {
        let chosen = template.get_untracked();
        if let Some(t) = templates
            .get_untracked()
            .and_then(Result::ok)
            .unwrap_or_default()
            .into_iter()
            .find(|t| t.id.to_string() == chosen)
        {
            agenda.set(t.steps);
        }
    };
    // A meeting the group added itself is moved here; the wheel's move in the wheel.
    let own = meeting.activity_id.is_none();
    let day = RwSignal::new(meeting.starts_on.clone());
    let start = RwSignal::new(meeting.start_time.clone().unwrap_or_default());
    let end = RwSignal::new(meeting.end_time.clone().unwrap_or_default());
    let navigate = leptos_router::hooks::use_navigate();
    let remove = move |_| {
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            match api.delete_meeting(id, version.get_untracked()).await {
                Ok(()) => navigate("/traffar", Default::default()),
                Err(e) => errors.show_api_error(&e, form_error),
            }
        });
    };
    let busy = RwSignal::new(false);
    let members: Vec<(PersonId, String)> = group
        .members
        .iter()
        .filter(|m| m.active)
        .map(|m| (m.id, m.name.clone()))
        .collect();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        flash.set(false);
        let patch = MeetingPatch {
            starts_on: own.then(|| day.get_untracked().trim().to_owned()),
            start_time: own.then(|| start.get_untracked().trim().to_owned()),
            end_time: own.then(|| end.get_untracked().trim().to_owned()),
            place: Some(place.get_untracked().trim().to_owned()),
            video_link: Some(video.get_untracked().trim().to_owned()),
            agenda: Some(agenda.get_untracked()),
            question: Some(question.get_untracked().trim().to_owned()),
            preparation_task: Some(task.get_untracked().trim().to_owned()),
            documenter_id: documenter.get_untracked().parse::<PersonId>().ok(),
            version: version.get_untracked(),
        };
        if !errors.accept(&patch, form_error) {
            return;
        }
        busy.set(true);
        leptos::task::spawn_local(async move {
            match api.patch_meeting(id, &patch).await {
                Ok(m) => {
                    version.set(m.version);
                    flash.set(true);
                }
                Err(e) => errors.show_api_error(&e, form_error),
            }
            busy.set(false);
        });
    };
    view! {
        <details class="card meeting-editor">
            <summary><h2>{i18n.t(MeetingsText::MeetingEdit)}</h2></summary>
            <form on:submit=submit novalidate>
                <ErrorText message=form_error/>
                {own.then(|| view! {
                    <div class="field-row">
                        <TextField name="starts_on" label=Signal::derive(move || i18n.t(MeetingsText::MeetingDay)) value=day errors=errors kind="date"/>
                        <TextField name="start_time" label=Signal::derive(move || i18n.t(MeetingsText::MeetingStart)) value=start errors=errors kind="time"/>
                        <TextField name="end_time" label=Signal::derive(move || i18n.t(MeetingsText::MeetingEnd)) value=end errors=errors kind="time"/>
                    </div>
                })}
                <div class="field-row">
                    <TextField name="place" label=Signal::derive(move || i18n.t(MeetingsText::MeetingPlace)) value=place errors=errors/>
                    <TextField name="video_link" label=Signal::derive(move || i18n.t(MeetingsText::MeetingVideo)) value=video errors=errors kind="url"/>
                </div>
                <div class="field">
                    <label for="field-question">{i18n.t(K::MeetingQuestion)}</label>
                    <textarea id="field-question" rows="2" prop:value=move || question.get() on:input=move |ev| question.set(event_target_value(&ev))></textarea>
                    <p class="field-error" aria-live="polite">{move || errors.get("question")}</p>
                </div>
                <div class="field">
                    <label for="field-preparation">{i18n.t(MeetingsText::MeetingPreparationTask)}</label>
                    <textarea id="field-preparation" rows="2" prop:value=move || task.get() on:input=move |ev| task.set(event_target_value(&ev))></textarea>
                    <p class="field-error" aria-live="polite">{move || errors.get("preparation_task")}</p>
                </div>
                <div class="field">
                    <label for="field-documenter">{i18n.t(MeetingsText::MeetingDocumenter)}</label>
                    <select id="field-documenter" prop:value=move || documenter.get() on:change=move |ev| documenter.set(event_target_value(&ev))>
                        {members.into_iter().map(|(pid, name)| view! { <option value=pid.to_string()>{name}</option> }).collect_view()}
                    </select>
                    <p class="field-error" aria-live="polite">{move || errors.get("documenter_id")}</p>
                </div>
                <fieldset class="agenda-editor">
                    <legend>{i18n.t(MeetingsText::MeetingAgenda)}</legend>
                    <div class="field-row search-row">
                        <div class="field">
                            <label for="field-template">{i18n.t(MeetingsText::AgendaFromTemplate)}</label>
                            <select id="field-template" on:change=move |ev| template.set(event_target_value(&ev))>
                                <option value="">"–"</option>
                                {move || templates.get().and_then(Result::ok).unwrap_or_default().into_iter().map(|t| view! { <option value=t.id.to_string()>{t.name}</option> }).collect_view()}
                            </select>
                        </div>
                        {load_failure(templates)}
                        <button type="button" class="button button-secondary" on:click=use_template>{i18n.t(MeetingsText::AgendaUseTemplate)}</button>
                    </div>
                    <super::agenda::StepsEditor steps=agenda id_prefix="meeting-agenda"/>
                    <p class="field-error" aria-live="polite">{move || errors.get("agenda")}</p>
                </fieldset>
                <div class="actions">
                    <button type="submit" class="button button-primary" disabled=move || busy.get()>{i18n.t(K::Save)}</button>
                    {own.then(|| view! {
                        <button type="button" class="button button-secondary" on:click=remove>{i18n.t(MeetingsText::MeetingRemove)}</button>
                    })}
                </div>
                <StatusText message=Signal::derive(move || flash.get().then(|| i18n.t(K::Saved).to_owned()))/>
            </form>
        </details>
    }
}

/// A correction to a published protocol, kept beside it with who and when.
#[component]
fn AmendmentForm(meeting_id: MeetingId, on_added: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let field = RwSignal::new(PROTOCOL_FIELDS[2].0.to_owned());
    let text = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let input = AmendmentInput {
            field: field.get_untracked(),
            text: text.get_untracked().trim().to_owned(),
        };
        leptos::task::spawn_local(async move {
            match api.amend_protocol(meeting_id, &input).await {
                Ok(_) => on_added.run(()),
                Err(e) => error.set(Some(e.message(i18n))),
            }
        });
    };
    let lang = i18n.lang.get_untracked();
    view! {
        <form class="amend" on:submit=submit>
            <h3>{i18n.t(MeetingsText::ProtocolAmend)}</h3>
            <ErrorText message=error/>
            <div class="field">
                <label for="amend-field">{i18n.t(MeetingsText::ProtocolAmendField)}</label>
                <select id="amend-field" on:change=move |ev| field.set(event_target_value(&ev))>
                    {PROTOCOL_FIELDS.iter().map(|(key, sv, en)| {
                        let label = if lang == kollegium_shared::i18n::Lang::Sv { *sv } else { *en };
                        view! { <option value=*key selected=*key == PROTOCOL_FIELDS[2].0>{label}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="amend-text">{i18n.t(MeetingsText::ProtocolAmendText)}</label>
                <textarea id="amend-text" rows="2" prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev))></textarea>
            </div>
            <div class="actions"><button type="submit" class="button button-primary">{i18n.t(MeetingsText::ProtocolAmendAdd)}</button></div>
        </form>
    }
}
