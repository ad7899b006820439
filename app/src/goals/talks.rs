//! `/malsamtal`: the caller's målsamtal of a school year: their own (with the
//! principal or the head of operations) with the free times to book; those they hold,
//! with their progress, the times they offer and a form to offer more; and, for the
//! steering group and heads of operations, counts per school. `/malsamtal/{id}`: one
//! conversation for its two parties: the preparation, looking back, the goals agreed,
//! the record and the marks that it was held.

use kollegium_shared::goals::access::may_lead_talks;
use kollegium_shared::goals::talks::{
    NewTalk, SlotOffer, Talk, TalkGoal, TalkKind, TalkLine, TalkPreparationInput, TalkProgress,
    TalkRecord, TalkRecordInput, TalkSlot, TalkState, TalkTime, YearTalks,
};
use kollegium_shared::goals::{GoalLevel, GoalStatus, NoteInput};
use kollegium_shared::i18n::Lang;
use kollegium_shared::ids::{GoalId, PersonId, SchoolYearId, TalkId};
use kollegium_shared::validation::Validate;
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};

use super::text::T;
use super::{GoalForm, after_save, status_badge};
use crate::api::use_api;
use crate::components::{
    ErrorText, FieldErrors, QueryYearPicker, StatusText, TextArea, TextField, loaded, year_in_query,
};
use crate::format::days_text;
use crate::i18n::{I18n, K, use_i18n, use_title};
use crate::session::use_session;

/// "22 sep, 13:00–13:30 · Rektors rum".
fn when(time: &TalkTime, lang: Lang) -> String {
    let day = days_text(&time.on, &time.on, Some((&time.start, &time.end)), lang);
    if time.place.is_empty() {
        day
    } else {
        format!("{day} · {}", time.place)
    }
}

fn state_label(state: TalkState) -> T {
    match state {
        TalkState::NotBooked => T::StateNotBooked,
        TalkState::Booked => T::StateBooked,
        TalkState::Held => T::StateHeld,
    }
}

fn state_badge(i18n: I18n, state: TalkState) -> impl IntoView {
    let class = match state {
        TalkState::NotBooked => "badge talk-state talk-not-booked",
        TalkState::Booked => "badge talk-state talk-booked",
        TalkState::Held => "badge talk-state talk-held",
    };
    view! { <span class=class>{i18n.t(state_label(state))}</span> }
}

/// Opens the year's conversation with `with` and goes to it.
fn open_with(i18n: I18n, year: SchoolYearId, with: PersonId, error: RwSignal<Option<String>>) {
    let api = use_api();
    let navigate = use_navigate();
    leptos::task::spawn_local(async move {
        match api
            .open_talk(&NewTalk {
                year: Some(year),
                with,
            })
            .await
        {
            Ok(t) => navigate(&format!("/malsamtal/{}", t.id), NavigateOptions::default()),
            Err(e) => error.set(Some(e.message(i18n))),
        }
    });
}

/// The link to a conversation, or a button that opens it.
fn open_button(
    i18n: I18n,
    year: SchoolYearId,
    line: &TalkLine,
    label: T,
    error: RwSignal<Option<String>>,
) -> impl IntoView + use<> {
    let with = line.with.id;
    let name = line.with.name.clone();
    match line.talk {
        Some(id) => view! {
            <A href=format!("/malsamtal/{id}") attr:aria-label=format!("{}: {name}", i18n.t(label))>{i18n.t(label)}</A>
        }
        .into_any(),
        None => view! {
            <button type="button" class="button button-secondary button-small" aria-label=format!("{}: {name}", i18n.t(label))
                on:click=move |_| open_with(i18n, year, with, error)>{i18n.t(label)}</button>
        }
        .into_any(),
    }
}

#[component]
pub(super) fn TalksPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let session = use_session();
    use_title(T::Title);
    let year = year_in_query();
    let data = LocalResource::new(move || {
        let y = year.get();
        async move { api.talks(y).await }
    });
    let status = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<String>);
    let book = move |slot: TalkSlot| {
        leptos::task::spawn_local(async move {
            match api.book_talk_slot(slot.id).await {
                Ok(t) => {
                    let lang = i18n.lang.get_untracked();
                    status.set(Some(i18n.fill(
                        T::Booked,
                        &[&t.time.as_ref().map(|w| when(w, lang)).unwrap_or_default()],
                    )));
                    error.set(None);
                    data.refetch();
                }
                Err(e) => {
                    error.set(Some(e.message(i18n)));
                    data.refetch();
                }
            }
        });
    };

    view! {
        <section class="page talks-page">
            <h1>{move || i18n.t(T::Title)}</h1>
            <p class="lead">{move || i18n.t(T::Intro)}</p>
            <div class="toolbar no-print"><QueryYearPicker id="talks-year" path="/malsamtal" current=Signal::derive(move || data.get().and_then(Result::ok).map(|v| v.year))/></div>
            <StatusText message=status/>
            <ErrorText message=error/>
            <Transition>
                {loaded(data, move |yt: YearTalks| {
                    let lang = i18n.lang.get();
                    let leads = session.may(may_lead_talks);
                    let year = yt.year;
                    let period = if yt.periods.is_empty() {
                        view! { <p class="notice">{i18n.t(T::NoPeriod)}</p> }.into_any()
                    } else {
                        let text = yt.periods.iter().map(|p| days_text(&p.starts_on, &p.ends_on, None, lang)).collect::<Vec<_>>().join(", ");
                        view! { <p class="talks-period">{i18n.fill(T::Period, &[&text])}</p> }.into_any()
                    };
                    let mine = (!yt.mine.is_empty() || !leads).then(|| {
                        let lines = yt.mine.clone();
                        let bookable = yt.bookable.clone();
                        view! {
                            <section class="talks-part" aria-labelledby="talks-mine-heading">
                                <h2 id="talks-mine-heading">{i18n.t(T::Mine)}</h2>
                                {lines.is_empty().then(|| view! { <p class="muted">{i18n.t(T::MineNone)}</p> })}
                                {lines.into_iter().map(|line| {
                                    let heading = match line.kind {
                                        TalkKind::Teacher => i18n.fill(T::WithPrincipal, &[&line.with.name]),
                                        TalkKind::Principal => i18n.fill(T::WithHead, &[&line.with.name]),
                                    };
                                    let free: Vec<TalkSlot> = bookable.iter().filter(|s| s.leader.id == line.with.id).cloned().collect();
                                    let booked = line.time.as_ref().map(|w| when(w, lang));
                                    view! {
                                        <article class="card talk-card">
                                            <h3>{heading}</h3>
                                            <p class="talk-meta">
                                                {state_badge(i18n, line.state)}
                                                <span>{line.school.name.clone()}</span>
                                                {booked.map(|b| view! { <span>{i18n.fill(T::Booked, &[&b])}</span> })}
                                            </p>
                                            <p>{open_button(i18n, year, &line, T::Prepare, error)}</p>
                                            {(line.state != TalkState::Held).then(|| view! {
                                                <h4>{i18n.t(T::Bookable)}</h4>
                                                {if free.iter().all(|s| s.taken) {
                                                    view! { <p class="muted">{i18n.t(T::NoTimes)}</p> }.into_any()
                                                } else {
                                                    view! {
                                                        <ul class="plain talk-slots">
                                                            {free.into_iter().filter(|s| !s.taken).map(|s| {
                                                                let label = when(&s.time, lang);
                                                                view! {
                                                                    <li><button type="button" class="button button-secondary talk-slot"
                                                                        aria-label=i18n.fill(T::Book, &[&label])
                                                                        on:click=move |_| book(s.clone())>{label.clone()}</button></li>
                                                                }
                                                            }).collect_view()}
                                                        </ul>
                                                    }.into_any()
                                                }}
                                            })}
                                        </article>
                                    }
                                }).collect_view()}
                            </section>
                        }
                    });
                    let leading = leads.then(|| {
                        let p = yt.progress;
                        view! {
                            <section class="talks-part" aria-labelledby="talks-leading-heading">
                                <h2 id="talks-leading-heading">{i18n.t(T::Leading)}</h2>
                                <p class="talks-progress"><strong>{i18n.count(T::Progress, p.total, &[&p.held, &p.total])}</strong>
                                    " · " {i18n.count(T::ProgressBooked, p.booked, &[&p.booked])} ", "
                                    {i18n.count(T::ProgressNotBooked, p.not_booked(), &[&p.not_booked()])}</p>
                                {if yt.leading.is_empty() {
                                    view! { <p class="muted">{i18n.t(T::LeadingNone)}</p> }.into_any()
                                } else {
                                    view! {
                                        <div class="table-scroll">
                                        <table class="table talks-table">
                                            <thead><tr>
                                                <th scope="col">{i18n.t(T::Name)}</th>
                                                <th scope="col">{i18n.t(T::School)}</th>
                                                <th scope="col">{i18n.t(T::State)}</th>
                                                <th scope="col">{i18n.t(T::Time)}</th>
                                                <th scope="col"><span class="visually-hidden">{i18n.t(T::Open)}</span></th>
                                            </tr></thead>
                                            <tbody>
                                                {yt.leading.iter().map(|l| view! {
                                                    <tr>
                                                        <th scope="row">{l.with.name.clone()}</th>
                                                        <td>{l.school.name.clone()}</td>
                                                        <td>{state_badge(i18n, l.state)}</td>
                                                        <td>{l.time.as_ref().map(|w| when(w, lang)).unwrap_or_default()}</td>
                                                        <td>{open_button(i18n, year, l, T::Open, error)}</td>
                                                    </tr>
                                                }).collect_view()}
                                            </tbody>
                                        </table>
                                        </div>
                                    }.into_any()
                                }}
                                <OfferForm year=year periods=!yt.periods.is_empty()
                                    done=Callback::new(move |n: usize| { status.set(Some(i18n.count(T::OfferedDone, n, &[&n]))); data.refetch(); })/>
                                <OfferedTimes slots=yt.offered.clone() changed=Callback::new(move |()| data.refetch())/>
                            </section>
                        }
                    });
                    let total = TalkProgress::sum(yt.counts.iter().map(|c| &c.progress));
                    let counts = (!yt.counts.is_empty()).then(|| view! {
                        <section class="talks-part" aria-labelledby="talks-counts-heading">
                            <h2 id="talks-counts-heading">{i18n.t(T::Counts)}</h2>
                            <p id="talks-counts-sentence">{i18n.t(T::CountsSentence)}</p>
                            <div class="table-scroll">
                            <table class="table talks-counts" aria-describedby="talks-counts-sentence">
                                <thead><tr>
                                    <th scope="col">{i18n.t(T::School)}</th>
                                    <th scope="col" class="num">{i18n.t(T::Teachers)}</th>
                                    <th scope="col" class="num">{i18n.t(T::Held)}</th>
                                    <th scope="col" class="num">{i18n.t(T::BookedCount)}</th>
                                    <th scope="col" class="num">{i18n.t(T::NotBooked)}</th>
                                </tr></thead>
                                <tbody>
                                    {yt.counts.iter().map(|c| view! {
                                        <tr>
                                            <th scope="row">{c.school.name.clone()}</th>
                                            <td class="num">{c.progress.total}</td>
                                            <td class="num">{c.progress.held}</td>
                                            <td class="num">{c.progress.booked}</td>
                                            <td class="num">{c.progress.not_booked()}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                                <tfoot>
                                    <tr>
                                        <th scope="row">{i18n.t(T::AllSchools)}</th>
                                        <td class="num">{total.total}</td>
                                        <td class="num">{total.held}</td>
                                        <td class="num">{total.booked}</td>
                                        <td class="num">{total.not_booked()}</td>
                                    </tr>
                                </tfoot>
                            </table>
                            </div>
                        </section>
                    });
                    view! { {period} {mine} {leading} {counts} }
                })}
            </Transition>
        </section>
    }
}

/// The times the caller offers, each with who booked it and a way to withdraw it.
#[component]
fn OfferedTimes(slots: Vec<TalkSlot>, changed: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let lang = i18n.lang.get_untracked();
    let error = RwSignal::new(None::<String>);
    let free = slots.iter().filter(|s| !s.taken).count();
    let summary = i18n.count(T::Offered, free, &[&slots.len(), &free]);
    view! {
        <details class="card talk-offered-list">
            <summary>{summary}</summary>
            <ErrorText message=error/>
            {if slots.is_empty() {
                view! { <p class="muted">{i18n.t(T::OfferedNone)}</p> }.into_any()
            } else {
                view! {
                    <ul class="plain talk-offered">
                        {slots.into_iter().map(|s| {
                            let label = when(&s.time, lang);
                            let who = s.booked_by.as_ref().map_or_else(|| i18n.t(T::Free).to_owned(), |p| p.name.clone());
                            let id = s.id;
                            let remove = move |_| {
                                if !window().confirm_with_message(i18n.t(T::WithdrawConfirm)).unwrap_or(false) {
                                    return;
                                }
                                leptos::task::spawn_local(async move {
                                    match api.withdraw_talk_slot(id).await {
                                        Ok(()) => changed.run(()),
                                        Err(e) => error.set(Some(e.message(i18n))),
                                    }
                                });
                            };
                            view! {
                                <li class:talk-taken=s.taken>
                                    <span>{label.clone()}</span>
                                    <span class="muted">{who}</span>
                                    <button type="button" class="button button-secondary button-small" aria-label=i18n.fill(T::Withdraw, &[&label])
                                        on:click=remove>{i18n.t(K::Remove)}</button>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </details>
    }
}

/// Offering times back to back on a day of the wheel's period.
#[component]
fn OfferForm(year: SchoolYearId, periods: bool, done: Callback<usize>) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let errors = FieldErrors::default();
    let form_error = RwSignal::new(None::<String>);
    let on = RwSignal::new(String::new());
    let start = RwSignal::new("13:00".to_owned());
    let end = RwSignal::new("16:00".to_owned());
    let minutes = RwSignal::new("45".to_owned());
    let place = RwSignal::new(String::new());
    let save = Action::new_local(move |offer: &SlotOffer| {
        let offer = offer.clone();
        async move { api.offer_talk_slots(&offer).await }
    });
    Effect::new(move |_| match save.value().get() {
        Some(Ok(slots)) => {
            errors.clear_all();
            form_error.set(None);
            done.run(slots.len());
        }
        Some(Err(e)) => errors.show_api_error(&e, form_error),
        None => {}
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let offer = SlotOffer {
            year: Some(year),
            on: on.get_untracked(),
            start: start.get_untracked(),
            end: end.get_untracked(),
            minutes: minutes.get_untracked().trim().parse().unwrap_or(0),
            place: place.get_untracked(),
        };
        match offer.times() {
            Ok(_) => {
                form_error.set(None);
                save.dispatch(offer);
            }
            Err(broken) => {
                errors.set_rules(&broken);
                form_error.set(Some(i18n.t(K::FormHasErrors).to_owned()));
            }
        }
    };
    view! {
        <details class="card talk-offer no-print" open=periods>
            <summary>{i18n.t(T::Offer)}</summary>
            <form class="form" on:submit=on_submit novalidate=true>
                <p class="field-hint">{i18n.t(T::OfferIntro)}</p>
                <ErrorText message=form_error/>
                <div class="talk-offer-fields">
                    <TextField name="on" kind="date" label=Signal::derive(move || i18n.t(T::OfferOn)) value=on errors=errors required=true/>
                    <TextField name="start" kind="time" label=Signal::derive(move || i18n.t(T::OfferStart)) value=start errors=errors required=true/>
                    <TextField name="end" kind="time" label=Signal::derive(move || i18n.t(T::OfferEnd)) value=end errors=errors required=true/>
                    <TextField name="minutes" kind="number" label=Signal::derive(move || i18n.t(T::OfferMinutes)) value=minutes errors=errors required=true/>
                    <TextField name="place" label=Signal::derive(move || i18n.t(T::OfferPlace)) value=place errors=errors/>
                </div>
                <div class="actions">
                    <button type="submit" class="button button-primary" disabled=move || save.pending().get()>{i18n.t(T::OfferDo)}</button>
                </div>
            </form>
        </details>
    }
}

/// `/malsamtal/{id}`: one conversation.
#[component]
pub(super) fn TalkPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let params = use_params_map();
    use_title(T::Title);
    let id =
        Memo::new(move |_| params.with(|p| p.get("id").and_then(|v| v.parse::<TalkId>().ok())));
    let data = LocalResource::new(move || {
        let id = id.get();
        async move {
            let talk = api.talk(id.unwrap_or_default()).await?;
            // The principal agrees the teacher's goals here: the school goals to serve.
            let goals = if talk.leading && talk.kind == TalkKind::Teacher {
                api.goals(Some(talk.year)).await.ok()
            } else {
                None
            };
            Ok::<_, crate::api::ApiError>((talk, goals))
        }
    });
    view! {
        <section class="page talk-page">
            <p class="no-print"><A href="/malsamtal">{move || i18n.t(T::Back)}</A></p>
            <Transition>
                {loaded(data, move |(talk, goals)| view! { <TalkView talk=talk goals=goals/> })}
            </Transition>
        </section>
    }
}

#[component]
fn TalkView(talk: Talk, goals: Option<kollegium_shared::goals::YearGoals>) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let lang = i18n.lang.get_untracked();
    let id = talk.id;
    let other = if talk.leading {
        talk.member.name.clone()
    } else {
        talk.leader.name.clone()
    };
    let time = RwSignal::new(talk.time.clone());
    let state = RwSignal::new(talk.state);
    let marks = RwSignal::new((talk.leader_held_on.clone(), talk.member_held_on.clone()));
    let agreed = RwSignal::new(talk.goals.clone());
    let adding = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let status = RwSignal::new(None::<String>);
    let apply = move |t: &Talk| {
        time.set(t.time.clone());
        state.set(t.state);
        marks.set((t.leader_held_on.clone(), t.member_held_on.clone()));
        agreed.set(t.goals.clone());
    };
    let unbook = move |_| {
        leptos::task::spawn_local(async move {
            match api.unbook_talk(id).await {
                Ok(t) => apply(&t),
                Err(e) => error.set(Some(e.message(i18n))),
            }
        });
    };
    let my_mark = move || {
        let (l, m) = marks.get();
        if talk.leading {
            l.is_some()
        } else {
            m.is_some()
        }
    };
    let set_held = move |ev: leptos::ev::Event| {
        let on = event_target_checked(&ev);
        leptos::task::spawn_local(async move {
            match api.set_talk_held(id, on).await {
                Ok(t) => apply(&t),
                Err(e) => error.set(Some(e.message(i18n))),
            }
        });
    };
    let leader_name = talk.leader.name.clone();
    let member_name = talk.member.name.clone();
    let member = talk.member.clone();
    let member_id = member.id;
    let school = talk.school.id;
    let goals_ctx = StoredValue::new(goals);
    // Outside the spring follow-up, which is drawn anew with the goals it saved.
    let spring_saved = RwSignal::new(None::<String>);
    let goal_done = Callback::new(move |saved: Option<GoalId>| {
        adding.set(false);
        if saved.is_some() {
            leptos::task::spawn_local(async move {
                if let Ok(t) = api.talk(id).await {
                    apply(&t);
                }
            });
        }
    });
    let goal_list = move |goals: Vec<TalkGoal>, none: T| {
        if goals.is_empty() {
            return view! { <p class="muted">{i18n.t(none)}</p> }.into_any();
        }
        view! {
            <ul class="plain talk-goals">
                {goals.into_iter().map(|g| view! {
                    <li>
                        <A href=format!("/mal/{}", g.id)>{g.title.clone()}</A>
                        " " {status_badge(g.status, lang)}
                        {g.serves.map(|s| view! { <span class="muted">{format!(" → {s}")}</span> })}
                    </li>
                }).collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <h1>{i18n.fill(T::TalkTitle, &[&talk.leader.name, &talk.member.name])}</h1>
        <p class="talk-meta">
            {move || state_badge(i18n, state.get())}
            <span>{talk.school.name.clone()}</span>
            {move || match time.get() {
                Some(w) => view! {
                    <span>{i18n.fill(T::Booked, &[&when(&w, lang)])}</span>
                    {(state.get() != TalkState::Held).then(|| view! {
                        <button type="button" class="button button-secondary button-small no-print" on:click=unbook>{i18n.t(T::Unbook)}</button>
                    })}
                }.into_any(),
                None => view! { <span class="muted">{i18n.t(T::NoTime)}</span> }.into_any(),
            }}
        </p>
        <StatusText message=status/>
        <ErrorText message=error/>
        <div class="talk-columns">
            <div>
                <PreparationForm id=id preparation=talk.preparation.clone() other=other.clone()/>
                {talk.shared_by_other.clone().map(|text| view! {
                    <section class="card talks-part" aria-labelledby="talk-shared-heading">
                        <h2 id="talk-shared-heading">{i18n.fill(T::SharedByOther, &[&other])}</h2>
                        <p class="talk-shared">{text}</p>
                    </section>
                })}
                <section class="talks-part" aria-labelledby="talk-back-heading">
                    <h2 id="talk-back-heading">{i18n.t(T::LookingBack)}</h2>
                    <h3>{i18n.t(T::LastYear)}</h3>
                    {goal_list(talk.last_year.clone(), T::LastYearNone)}
                    <h3>{i18n.t(T::Plans)}</h3>
                    {if talk.plans.is_empty() {
                        view! { <p class="muted">{i18n.t(T::PlansNone)}</p> }.into_any()
                    } else {
                        view! {
                            <ol class="plain talk-plans">
                                {talk.plans.iter().map(|p| view! {
                                    <li>
                                        <A href=format!("/traffar/{}#plan-heading", p.meeting)>{format!("{} · {}", p.on, p.group)}</A>
                                        {p.goal.clone().map(|g| view! { <span class="muted">{format!(" · {}", i18n.fill(T::PlanGoal, &[&g]))}</span> })}
                                        {p.focus.clone().map(|f| view! { <p>{f}</p> })}
                                    </li>
                                }).collect_view()}
                            </ol>
                        }.into_any()
                    }}
                </section>
            </div>
            <div>
                <section class="talks-part" aria-labelledby="talk-goals-heading">
                    <h2 id="talk-goals-heading">{i18n.t(T::Goals)}</h2>
                    {move || goal_list(agreed.get(), T::GoalsNone)}
                    {(talk.kind.goal_level() == GoalLevel::School).then(|| view! {
                        <p class="muted"><A href=format!("/mal?year={}", talk.year)>{i18n.t(T::GoalsSchool)}</A></p>
                    })}
                    {goals_ctx.get_value().map(|ctx| {
                        let label = i18n.fill(T::AddGoal, &[&member.name]);
                        let ctx = StoredValue::new(ctx);
                        view! {
                            <Show when=move || !adding.get() fallback=move || view! {
                                <GoalForm level=GoalLevel::Teacher context=ctx.get_value() existing=None
                                    owner=(member_id, school) done=goal_done/>
                            }>
                                <button type="button" class="button button-secondary no-print" on:click=move |_| adding.set(true)>{label.clone()}</button>
                            </Show>
                        }
                    })}
                </section>
                <RecordForm id=id record=talk.record.clone() version=talk.version/>
                {move || (state.get() == TalkState::Held && !agreed.with(Vec::is_empty)).then(|| view! {
                    <SpringFollowUp goals=agreed.get() saved=spring_saved done=goal_done/>
                })}
                <section class="talks-part" aria-labelledby="talk-held-heading">
                    <h2 id="talk-held-heading" class="visually-hidden">{i18n.t(T::StateHeld)}</h2>
                    <label class="check">
                        <input type="checkbox" prop:checked=my_mark on:change=set_held/>
                        <span>{i18n.t(T::MarkHeld)}</span>
                    </label>
                    {move || {
                        let (l, m) = marks.get();
                        view! {
                            {l.map(|on| view! { <p class="muted">{i18n.fill(T::HeldBy, &[&leader_name, &on])}</p> })}
                            {m.map(|on| view! { <p class="muted">{i18n.fill(T::HeldBy, &[&member_name, &on])}</p> })}
                        }
                    }}
                    {move || (state.get() != TalkState::Held).then(|| view! { <p class="field-hint">{i18n.t(T::HeldWaiting)}</p> })}
                </section>
            </div>
        </div>
    }
}

/// The caller's own preparation, shared with the other party or not.
#[component]
fn PreparationForm(
    id: TalkId,
    preparation: kollegium_shared::goals::talks::TalkPreparation,
    other: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let errors = FieldErrors::default();
    let form_error = RwSignal::new(None::<String>);
    let status = RwSignal::new(None::<String>);
    let text = RwSignal::new(preparation.text);
    let shared = RwSignal::new(preparation.shared);
    let version = RwSignal::new(preparation.version);
    let save = Action::new_local(move |input: &TalkPreparationInput| {
        let input = input.clone();
        async move { api.set_talk_preparation(id, &input).await }
    });
    after_save(save, errors, form_error, status, move |t: &Talk| {
        version.set(t.preparation.version);
        i18n.t(T::PreparationSaved).to_owned()
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        save.dispatch(TalkPreparationInput {
            text: text.get_untracked(),
            shared: shared.get_untracked(),
            version: version.get_untracked(),
        });
    };
    view! {
        <form class="card form talks-part" on:submit=on_submit novalidate=true aria-labelledby="talk-prep-heading">
            <h2 id="talk-prep-heading">{i18n.t(T::Preparation)}</h2>
            <ErrorText message=form_error/>
            <TextArea name="text" label=Signal::derive(move || i18n.t(T::PreparationText)) value=text errors=errors rows=5
                hint=Signal::derive(move || i18n.t(T::PreparationHint))/>
            <label class="check">
                <input type="checkbox" prop:checked=move || shared.get() on:change=move |ev| shared.set(event_target_checked(&ev))/>
                <span>{i18n.fill(T::Share, &[&other])}</span>
            </label>
            <div class="actions">
                <button type="submit" class="button button-primary" disabled=move || save.pending().get()>{i18n.t(T::SavePreparation)}</button>
            </div>
            <StatusText message=status/>
        </form>
    }
}

/// The record both parties write: wishes, work situation, agreements, the spring
/// follow-up.
#[component]
fn RecordForm(id: TalkId, record: TalkRecord, version: i64) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let errors = FieldErrors::default();
    let form_error = RwSignal::new(None::<String>);
    let status = RwSignal::new(None::<String>);
    let competence = RwSignal::new(record.competence);
    let assignment = RwSignal::new(record.assignment);
    let health = RwSignal::new(record.health);
    let collaboration = RwSignal::new(record.collaboration);
    let agreements = RwSignal::new(record.agreements);
    let follow_up_on = RwSignal::new(record.follow_up_on.unwrap_or_default());
    let follow_up = RwSignal::new(record.follow_up);
    let version = RwSignal::new(version);
    let save = Action::new_local(move |input: &TalkRecordInput| {
        let input = input.clone();
        async move { api.update_talk(id, &input).await }
    });
    after_save(save, errors, form_error, status, move |t: &Talk| {
        version.set(t.version);
        i18n.t(T::RecordSaved).to_owned()
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let on = follow_up_on.get_untracked();
        let input = TalkRecordInput {
            record: TalkRecord {
                competence: competence.get_untracked(),
                assignment: assignment.get_untracked(),
                health: health.get_untracked(),
                collaboration: collaboration.get_untracked(),
                agreements: agreements.get_untracked(),
                follow_up_on: (!on.trim().is_empty()).then(|| on.trim().to_owned()),
                follow_up: follow_up.get_untracked(),
            },
            version: version.get_untracked(),
        };
        if errors.accept(&input, form_error) {
            save.dispatch(input);
        }
    };
    view! {
        <form class="card form talks-part" on:submit=on_submit novalidate=true aria-labelledby="talk-record-heading">
            <h2 id="talk-record-heading">{i18n.t(T::Record)}</h2>
            <ErrorText message=form_error/>
            <TextArea name="competence" label=Signal::derive(move || i18n.t(T::Competence)) value=competence errors=errors rows=3/>
            <fieldset class="field field-wide">
                <legend>{i18n.t(T::WorkSituation)}</legend>
                <TextArea name="assignment" label=Signal::derive(move || i18n.t(T::Assignment)) value=assignment errors=errors rows=2/>
                <TextArea name="health" label=Signal::derive(move || i18n.t(T::Health)) value=health errors=errors rows=2/>
                <TextArea name="collaboration" label=Signal::derive(move || i18n.t(T::Collaboration)) value=collaboration errors=errors rows=2/>
            </fieldset>
            <TextArea name="agreements" label=Signal::derive(move || i18n.t(T::Agreements)) value=agreements errors=errors rows=3/>
            <TextField name="follow_up_on" kind="date" label=Signal::derive(move || i18n.t(T::FollowUpOn)) value=follow_up_on errors=errors/>
            <TextArea name="follow_up" label=Signal::derive(move || i18n.t(T::FollowUp)) value=follow_up errors=errors rows=3/>
            <div class="actions">
                <button type="submit" class="button button-primary" disabled=move || save.pending().get()>{i18n.t(T::SaveRecord)}</button>
            </div>
            <StatusText message=status/>
        </form>
    }
}

/// The spring follow-up of the goals agreed: each goal the caller may follow up gets
/// its status and a dated note (saved on the goal, against the version read).
#[component]
fn SpringFollowUp(
    goals: Vec<TalkGoal>,
    saved: RwSignal<Option<String>>,
    done: Callback<Option<GoalId>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.lang.get_untracked();
    let (mine, others): (Vec<TalkGoal>, Vec<TalkGoal>) =
        goals.into_iter().partition(|g| g.writable);
    view! {
        <section class="card talks-part" aria-labelledby="talk-spring-heading">
            <h2 id="talk-spring-heading">{i18n.t(T::Spring)}</h2>
            <p class="field-hint">{i18n.t(T::SpringIntro)}</p>
            <StatusText message=saved/>
            {mine.into_iter().map(|g| view! { <SpringGoal goal=g saved=saved done=done/> }).collect_view()}
            {(!others.is_empty()).then(|| view! {
                <p class="muted">{i18n.t(T::SpringOthers)}</p>
                <ul class="plain talk-goals">
                    {others.into_iter().map(|g| view! {
                        <li><A href=format!("/mal/{}", g.id)>{g.title}</A>" "{status_badge(g.status, lang)}</li>
                    }).collect_view()}
                </ul>
            })}
        </section>
    }
}

/// One goal's spring follow-up: its status and a note.
#[component]
fn SpringGoal(
    goal: TalkGoal,
    saved: RwSignal<Option<String>>,
    done: Callback<Option<GoalId>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let id = goal.id;
    let version = goal.version;
    let status = RwSignal::new(goal.status.code().to_owned());
    let text = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let (status_id, text_id, error_id) = (
        format!("spring-{id}-status"),
        format!("spring-{id}-text"),
        format!("spring-{id}-error"),
    );
    let (heading, labelled) = (
        format!("spring-{id}-heading"),
        format!("spring-{id}-heading"),
    );
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let note = NoteInput {
            on: None,
            text: text.get_untracked(),
            status: GoalStatus::from_code(&status.get_untracked()),
            version,
        };
        if let Some(e) = note.validate().first() {
            error.set(Some(e.msg.text(i18n.lang.get_untracked()).to_owned()));
            return;
        }
        leptos::task::spawn_local(async move {
            match api.add_goal_note(id, &note).await {
                Ok(_) => {
                    saved.set(Some(i18n.t(T::SpringSaved).to_owned()));
                    done.run(Some(id));
                }
                Err(e) => error.set(Some(e.message(i18n))),
            }
        });
    };
    view! {
        <form class="talk-spring" on:submit=on_submit novalidate=true aria-labelledby=labelled>
            <h3 id=heading>
                <A href=format!("/mal/{id}")>{goal.title.clone()}</A>
            </h3>
            <div class="field">
                <label for=status_id.clone()>{i18n.t(T::SpringStatus)}</label>
                <select id=status_id on:change=move |ev| status.set(event_target_value(&ev))>
                    {GoalStatus::ALL.into_iter().map(|s| {
                        let selected = s == goal.status;
                        view! { <option value=s.code() selected=selected>{s.label(i18n.lang.get_untracked())}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="field field-wide" class:field-invalid=move || error.with(Option::is_some)>
                <label for=text_id.clone()>{i18n.t(T::SpringNote)}</label>
                <textarea id=text_id rows=3 aria-describedby=error_id.clone()
                    aria-invalid=move || if error.with(Option::is_some) { "true" } else { "false" }
                    prop:value=move || text.get()
                    on:input=move |ev| { text.set(event_target_value(&ev)); error.set(None); }></textarea>
                <p class="field-error" id=error_id aria-live="polite">{move || error.get()}</p>
            </div>
            <button type="submit" class="button button-secondary">{i18n.t(T::SpringSave)}</button>
        </form>
    }
}
