//! `/traffar/{id}/live`: the meeting as it happens, made for the leader's iPad: the step
//! on now in large type with its countdown and the next step, start, pause and next
//! with large touch targets, attendance by tapping names, and the documenter of the
//! day. Members who open it follow the leader within a second or two (server-sent
//! events).

use std::time::Duration;

use kollegium_shared::ids::{MeetingId, PersonId};
use kollegium_shared::meetings::agenda::{clock, countdown_text};
use kollegium_shared::meetings::{
    AttendanceInput, LiveAction, LiveCommand, LiveState, MeetingPatch, MeetingStatus,
};
use leptos::prelude::*;
use leptos_router::components::A;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

use kollegium_shared::meetings::access::may_lead;

use crate::api::{Api, use_api};
use crate::components::{ErrorText, load_failure, use_id_param};
use crate::i18n::{K, use_i18n, use_title};
use crate::meetings::text::MeetingsText;
use crate::session::use_session;

/// The live state and when it arrived (milliseconds of `performance.now()`), so the
/// clock runs between events.
#[derive(Debug, Clone)]
struct Received {
    live: LiveState,
    at: f64,
}

fn now_ms() -> f64 {
    window().performance().map_or(0.0, |p| p.now())
}

/// A connection to the meeting's events, kept so it can be closed.
struct Connection {
    source: web_sys::EventSource,
    _on_live: Closure<dyn FnMut(web_sys::MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
}

/// Follows meeting `id`: every `live` event replaces `state`; a closed connection (the
/// ticket expired, the server restarted) is opened again with a new ticket.
fn follow(
    api: Api,
    id: MeetingId,
    state: RwSignal<Option<Received>>,
    connection: StoredValue<Option<Connection>, LocalStorage>,
) {
    leptos::task::spawn_local(async move {
        let Ok(ticket) = api.live_ticket(id).await else {
            set_timeout(
                move || follow(api, id, state, connection),
                Duration::from_secs(3),
            );
            return;
        };
        let url = format!(
            "/api/v1/meetings/{id}/events?ticket={}",
            String::from(js_sys::encode_uri_component(&ticket.ticket))
        );
        let Ok(source) = web_sys::EventSource::new(&url) else {
            return;
        };
        let on_live =
            Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
                if let Some(text) = ev.data().as_string()
                    && let Ok(live) = serde_json::from_str::<LiveState>(&text)
                {
                    state.set(Some(Received { live, at: now_ms() }));
                }
            });
        let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
            let closed = connection.with_value(|c| {
                c.as_ref()
                    .is_some_and(|c| c.source.ready_state() == web_sys::EventSource::CLOSED)
            });
            if closed {
                set_timeout(
                    move || follow(api, id, state, connection),
                    Duration::from_secs(2),
                );
            }
        });
        let _ = source.add_event_listener_with_callback("live", on_live.as_ref().unchecked_ref());
        source.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        let old = connection.try_update_value(|c| {
            c.replace(Connection {
                source,
                _on_live: on_live,
                _on_error: on_error,
            })
        });
        if let Some(Some(old)) = old {
            old.source.close();
        }
    });
}

#[component]
pub fn LivePage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let session = use_session();
    use_title(MeetingsText::LiveTitle);
    let id = use_id_param::<MeetingId>();
    let state = RwSignal::new(None::<Received>);
    let error = RwSignal::new(None::<String>);
    let meeting = LocalResource::new(move || {
        let id = id();
        async move {
            let meeting = api.meeting(id).await?;
            let group = api.group(meeting.group_id).await?;
            Ok::<_, crate::api::ApiError>((meeting, group))
        }
    });
    let connection = StoredValue::new_local(None::<Connection>);
    Effect::new(move |_| {
        let id = id();
        leptos::task::spawn_local(async move {
            match api.live(id).await {
                Ok(live) => state.set(Some(Received { live, at: now_ms() })),
                Err(e) => error.set(Some(e.message(i18n))),
            }
        });
        follow(api, id, state, connection);
    });
    on_cleanup(move || {
        connection.try_update_value(|c| {
            if let Some(c) = c.take() {
                c.source.close();
            }
        });
    });
    // The clock ticks every half second between events.
    let tick = RwSignal::new(now_ms());
    let timer =
        set_interval_with_handle(move || tick.set(now_ms()), Duration::from_millis(500)).ok();
    on_cleanup(move || {
        if let Some(t) = timer {
            t.clear();
        }
    });

    let me = move || session.me.with(|m| m.as_ref().map(|m| m.id));
    let leads = move || {
        let leads_group = meeting
            .get()
            .and_then(Result::ok)
            .is_some_and(|(_, g)| g.members.iter().any(|m| Some(m.id) == me() && m.leader));
        session
            .me
            .with(|m| m.as_ref().is_some_and(|m| may_lead(&m.roles, leads_group)))
    };
    let busy = RwSignal::new(false);
    // "Avsluta mötet" asks first.
    let confirming = RwSignal::new(false);
    let act = move |action: LiveAction| {
        confirming.set(false);
        let Some(version) = state.with_untracked(|s| s.as_ref().map(|s| s.live.version)) else {
            return;
        };
        busy.set(true);
        error.set(None);
        let id = id();
        leptos::task::spawn_local(async move {
            match api.live_command(id, &LiveCommand { action, version }).await {
                Ok(live) => state.set(Some(Received { live, at: now_ms() })),
                Err(e) => {
                    error.set(Some(e.message(i18n)));
                    if let Ok(live) = api.live(id).await {
                        state.set(Some(Received { live, at: now_ms() }));
                    }
                }
            }
            busy.set(false);
        });
    };
    let mark = move |person: PersonId, present: bool| {
        let id = id();
        leptos::task::spawn_local(async move {
            match api
                .attendance(
                    id,
                    &AttendanceInput {
                        person_id: person,
                        present,
                    },
                )
                .await
            {
                Ok(live) => state.set(Some(Received { live, at: now_ms() })),
                Err(e) => error.set(Some(e.message(i18n))),
            }
        });
    };
    let reassign = move |person: String| {
        let Ok(person) = person.parse::<PersonId>() else {
            return;
        };
        let Some(version) = state.with_untracked(|s| s.as_ref().map(|s| s.live.version)) else {
            return;
        };
        let id = id();
        leptos::task::spawn_local(async move {
            let patch = MeetingPatch {
                documenter_id: Some(person),
                version,
                ..Default::default()
            };
            if let Err(e) = api.patch_meeting(id, &patch).await {
                error.set(Some(e.message(i18n)));
            }
            if let Ok(live) = api.live(id).await {
                state.set(Some(Received { live, at: now_ms() }));
            }
        });
    };

    let clock_view = move || {
        let r = state.get()?;
        let live = r.live;
        let Some(step) = live.step else {
            if matches!(live.status, MeetingStatus::Planerad) {
                return Some(
                    view! { <p class="live-idle">{i18n.t(MeetingsText::LiveNotStarted)}</p> }
                        .into_any(),
                );
            }
            // Held: on to the protocol (its writers) and everyone's own plan.
            let meeting = id();
            let writes = leads() || (live.documenter_id.is_some() && live.documenter_id == me());
            return Some(view! {
                <div class="live-ended" role="status">
                    <h2 class="live-step">{i18n.t(MeetingsText::LiveEndedTitle)}</h2>
                    <p class="live-after">
                        {writes.then(|| view! {
                            <a class="button button-primary live-button" href=format!("/traffar/{meeting}#protocol-heading")>{i18n.t(MeetingsText::LiveWriteProtocol)}</a>
                        })}
                        <a class=if writes { "button button-secondary live-button" } else { "button button-primary live-button" }
                            href=format!("/traffar/{meeting}#plan-heading")>{i18n.t(MeetingsText::LiveWritePlan)}</a>
                    </p>
                </div>
            }.into_any());
        };
        let running_ms = if live.running { tick.get() - r.at } else { 0.0 };
        let elapsed = live.elapsed + (running_ms / 1000.0).floor() as i64;
        let c = clock(&live.agenda, step, elapsed);
        let current = live.agenda.get(step).cloned();
        let next = c.next.and_then(|n| live.agenda.get(n).cloned());
        let over = c.remaining < 0;
        Some(view! {
            <p class="live-step-count">{format!("{} {} {} {}", i18n.t(MeetingsText::LiveStep), step + 1, i18n.t(MeetingsText::PlansOf), live.agenda.len())}</p>
            <h2 class="live-step" id="live-step">{current.as_ref().map(|s| s.title.clone())}</h2>
            <p class="live-clock" class:over=over role="timer" aria-live="off">{countdown_text(c.remaining)}</p>
            {(!live.running).then(|| view! { <p class="live-paused">{i18n.t(MeetingsText::LivePaused)}</p> })}
            {current.filter(|s| !s.guidance.is_empty()).map(|s| view! { <p class="live-guidance">{s.guidance}</p> })}
            <p class="live-next">{match next {
                Some(n) => format!("{} {} ({} min)", i18n.t(MeetingsText::LiveNext), n.title, n.minutes),
                None => i18n.t(MeetingsText::LiveLastStep).to_owned(),
            }}</p>
        }.into_any())
    };

    let controls = move || {
        if !leads() {
            return None;
        }
        let live = state.get()?.live;
        let started = live.step.is_some();
        let held = !started && !matches!(live.status, MeetingStatus::Planerad);
        Some(view! {
            <div class="live-controls" role="group" aria-label=move || i18n.t(MeetingsText::LiveControls)>
                {(!started).then(|| view! {
                    <button type="button" class=if held { "button button-secondary live-restart" } else { "button button-primary live-button" }
                        disabled=move || busy.get()
                        on:click=move |_| act(LiveAction::Start)>{if held { i18n.t(MeetingsText::LiveRestart) } else { i18n.t(MeetingsText::LiveStart) }}</button>
                })}
                {started.then(|| view! {
                    <button type="button" class="button button-secondary live-button" disabled=move || busy.get()
                        on:click=move |_| act(LiveAction::Previous)>{i18n.t(MeetingsText::LivePrevious)}</button>
                    {if live.running {
                        view! { <button type="button" class="button button-secondary live-button" disabled=move || busy.get()
                            on:click=move |_| act(LiveAction::Pause)>{i18n.t(MeetingsText::LivePause)}</button> }.into_any()
                    } else {
                        view! { <button type="button" class="button button-secondary live-button" disabled=move || busy.get()
                            on:click=move |_| act(LiveAction::Resume)>{i18n.t(MeetingsText::LiveResume)}</button> }.into_any()
                    }}
                    <button type="button" class="button button-primary live-button" disabled=move || busy.get()
                        on:click=move |_| act(LiveAction::Next)>{i18n.t(MeetingsText::LiveNextButton)}</button>
                    <button type="button" class="button button-secondary live-button" disabled=move || busy.get()
                        aria-expanded=move || if confirming.get() { "true" } else { "false" }
                        aria-controls="live-end-confirm"
                        on:click=move |_| {
                            confirming.set(true);
                            // What the tap opened comes into view, with the focus on it.
                            request_animation_frame(|| {
                                if let Some(el) = document().get_element_by_id("live-end-yes")
                                    .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok())
                                {
                                    let _ = el.focus();
                                }
                            });
                        }>{i18n.t(MeetingsText::LiveFinish)}</button>
                })}
            </div>
            {(started && confirming.get()).then(|| {
                let unmarked = live.attendance.iter().filter(|a| a.present.is_none()).count();
                view! {
                    <div class="card live-confirm" id="live-end-confirm" role="group" aria-labelledby="live-end-heading">
                        <h2 id="live-end-heading">{i18n.t(MeetingsText::LiveEndConfirm)}</h2>
                        {(unmarked > 0).then(|| view! { <p class="notice">{i18n.count(MeetingsText::LiveEndUnmarked, unmarked, &[&unmarked])}</p> })}
                        <p class="actions">
                            <button type="button" class="button button-primary live-button" id="live-end-yes" disabled=move || busy.get()
                                on:click=move |_| act(LiveAction::Finish)>{i18n.t(MeetingsText::LiveEndYes)}</button>
                            <button type="button" class="button button-secondary live-button"
                                on:click=move |_| confirming.set(false)>{i18n.t(MeetingsText::LiveEndNo)}</button>
                        </p>
                    </div>
                }
            })}
        })
    };

    let people = move || {
        let live = state.get()?.live;
        let leader = leads();
        let documenter = live.documenter_id;
        let documenter_name = live
            .attendance
            .iter()
            .find(|a| Some(a.person_id) == documenter)
            .map(|a| a.name.clone())
            .unwrap_or_else(|| i18n.t(K::NoneYet).to_owned());
        let here = live.present_count;
        let options = live.attendance.clone();
        Some(view! {
            <section class="card live-people" aria-labelledby="live-people-heading">
                <div class="live-people-head">
                    <h2 id="live-people-heading">{format!("{} ({here}/{})", i18n.t(MeetingsText::LiveAttendance), live.attendance.len())}</h2>
                    <p class="live-documenter">{i18n.t(MeetingsText::LiveDocumenter)}": "<strong>{documenter_name}</strong></p>
                    {leader.then(|| view! {
                        <div class="field">
                            <label for="live-documenter">{i18n.t(MeetingsText::LiveReassign)}</label>
                            <select id="live-documenter" on:change=move |ev| reassign(event_target_value(&ev))>
                                {options.into_iter().map(|a| view! {
                                    <option value=a.person_id.0.to_string() selected=Some(a.person_id) == documenter>{a.name}</option>
                                }).collect_view()}
                            </select>
                        </div>
                    })}
                </div>
                <ul class="plain attendance">
                    {live.attendance.into_iter().map(|a| {
                        let state_text = match a.present {
                            Some(true) => i18n.t(MeetingsText::LiveHere),
                            Some(false) => i18n.t(MeetingsText::LiveAbsent),
                            None => i18n.t(MeetingsText::LiveUnmarked),
                        };
                        let class = match a.present {
                            Some(true) => "attendee here",
                            Some(false) => "attendee absent",
                            None => "attendee",
                        };
                        let person = a.person_id;
                        let present = a.present == Some(true);
                        view! {
                            <li>
                                {if leader {
                                    view! {
                                        <button type="button" class=class aria-pressed=if present { "true" } else { "false" }
                                            on:click=move |_| mark(person, !present)>
                                            <span class="attendee-name">{a.name.clone()}</span>
                                            <span class="attendee-state">{state_text}</span>
                                        </button>
                                    }.into_any()
                                } else if Some(person) == me() {
                                    view! { <span class=class><span class="attendee-name">{a.name.clone()}</span><span class="attendee-state">{state_text}</span></span> }.into_any()
                                } else {
                                    // Who is marked how is the leaders'; a member sees names.
                                    view! { <span class="attendee"><span class="attendee-name">{a.name.clone()}</span></span> }.into_any()
                                }}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </section>
        })
    };

    view! {
        <section class="page live-page">
            <p class="breadcrumb">
                <A href=move || format!("/traffar/{}", id())>{move || {
                    meeting.get().and_then(Result::ok).map_or_else(|| i18n.t(MeetingsText::MeetingTitle).to_owned(), |(m, _)| m.group_name)
                }}</A>
            </p>
            <h1 class="visually-hidden">{move || i18n.t(MeetingsText::LiveTitle)}</h1>
            <ErrorText message=error/>
            {load_failure(meeting)}
            <section class="card live-now" aria-label=move || i18n.t(MeetingsText::LiveNow)>
                {clock_view}
                {controls}
            </section>
            {people}
        </section>
    }
}
