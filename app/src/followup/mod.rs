//! `/uppfoljning`: what the meetings of a period came to, for the caller's scope, with
//! filters in the address (so a school or group opens from a link, and back goes
//! back): charts with their tables per school, per group and over the year's meetings,
//! the missing protocols, one group's meetings, the caller's own figures; print on A4
//! and CSV. The steering group also sets when a protocol counts as missing.

mod text;

use kollegium_shared::followup::access::{may_set_protocol_due_days, sees_groups};
use kollegium_shared::followup::{
    Figures, FollowUp, FollowUpSettings, GroupLine, MeetingLine, SchoolGoals, SchoolLine, Scope,
    SlotLine, percent,
};
use kollegium_shared::groups::GroupKind;
use kollegium_shared::org::Stage;
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::api::use_api;
use crate::components::{
    Bar, BarChart, ErrorText, SelectField, StatusText, YearPicker, loaded, push_filters, save_file,
};
use crate::format::days_text;
use crate::i18n::{I18n, K, use_i18n, use_title};
use crate::reference::use_reference;
use crate::session::use_session;
use text::F;

/// The filters the page keeps in its address.
const FILTERS: [&str; 9] = [
    "year", "term", "from", "to", "school", "subject", "stage", "kind", "group",
];

fn share(part: i64, of: i64) -> String {
    percent(part, of).map_or_else(|| "–".to_owned(), |p| format!("{p} %"))
}

#[component]
pub fn FollowUpPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let session = use_session();
    use_title(F::Title);
    let query = use_query_map();
    let navigate = use_navigate();
    let reference = use_reference();
    // The page's query string as the API takes it.
    let query_string = Memo::new(move |_| {
        let map = query.get();
        let mut parts = Vec::new();
        let filters: Vec<(&str, String)> = FILTERS
            .iter()
            .map(|k| (*k, map.get(k).unwrap_or_default()))
            .collect();
        push_filters(&mut parts, &filters);
        parts.join("&")
    });
    let value = move |key: &str| query.with(|m| m.get(key).unwrap_or_default());
    // Changing a filter replaces it in the address; a group asked for is dropped unless
    // it is what changed.
    let set_filter = {
        let navigate = navigate.clone();
        move |key: &'static str, v: String| {
            let map = query.get_untracked();
            let mut filters: Vec<(&str, String)> = FILTERS
                .iter()
                .filter(|k| **k != key && (**k != "group" || key == "group"))
                .map(|k| (*k, map.get(k).unwrap_or_default()))
                .collect();
            filters.push((key, v));
            let mut parts = Vec::new();
            push_filters(&mut parts, &filters);
            navigate(
                &format!("/uppfoljning?{}", parts.join("&")),
                NavigateOptions::default(),
            );
        }
    };
    let figures = LocalResource::new(move || {
        let q = query_string.get();
        async move { api.follow_up(&q).await }
    });
    let csv_error = RwSignal::new(None::<String>);
    let download = move |_| {
        let q = query_string.get_untracked();
        leptos::task::spawn_local(async move {
            match api.follow_up_csv(&q).await {
                Ok(bytes) => {
                    if save_file(&bytes, "text/csv;charset=utf-8", "uppfoljning.csv").is_err() {
                        csv_error.set(Some(i18n.t(K::DownloadFailed).to_owned()));
                    }
                }
                Err(e) => csv_error.set(Some(e.message(i18n))),
            }
        });
    };

    let years = reference.school_years();
    let select_filter = set_filter.clone();
    let filter_select = move |id: &'static str,
                              label: F,
                              all: F,
                              options: Signal<Vec<(String, String)>>| {
        let set_filter = select_filter.clone();
        let v = RwSignal::new(value(id));
        Effect::new(move |_| v.set(value(id)));
        view! {
            <SelectField id=id label=Signal::derive(move || i18n.t(label)) value=v options=options
                all=Signal::derive(move || i18n.t(all))
                on_change=Callback::new(move |x: String| set_filter(id, x))/>
        }
    };
    let term_options = Signal::derive(move || {
        vec![
            (
                "autumn".to_owned(),
                kollegium_shared::groups::Term::Autumn
                    .label(i18n.lang.get())
                    .to_owned(),
            ),
            (
                "spring".to_owned(),
                kollegium_shared::groups::Term::Spring
                    .label(i18n.lang.get())
                    .to_owned(),
            ),
        ]
    });
    let school_options = Signal::derive(move || reference.school_options());
    let subject_options = Signal::derive(move || reference.subject_options(i18n.lang.get()));
    let stage_options = Signal::derive(move || {
        let lang = i18n.lang.get();
        Stage::ALL
            .into_iter()
            .map(|s| (s.code().to_owned(), s.label(lang).to_owned()))
            .collect::<Vec<_>>()
    });
    let kind_options = Signal::derive(move || {
        let lang = i18n.lang.get();
        GroupKind::ALL
            .into_iter()
            .map(|k| (k.code().to_owned(), k.label(lang).to_owned()))
            .collect::<Vec<_>>()
    });
    let date_field = {
        let set_filter = set_filter.clone();
        move |id: &'static str, label: F| {
            let set_filter = set_filter.clone();
            view! {
                <div class="field">
                    <label for=format!("followup-{id}")>{move || i18n.t(label)}</label>
                    <input id=format!("followup-{id}") type="date" prop:value=move || value(id)
                        on:change=move |ev| set_filter(id, event_target_value(&ev))/>
                </div>
            }
        }
    };
    let year_picker = {
        let set_filter = set_filter.clone();
        move || {
            let set_filter = set_filter.clone();
            let current = value("year").parse().ok();
            view! {
                <YearPicker id="followup-year" years=years.get().and_then(Result::ok).unwrap_or_default()
                    current=current
                    on_change=Callback::new(move |y: Option<kollegium_shared::ids::SchoolYearId>| {
                        set_filter("year", y.map(|y| y.to_string()).unwrap_or_default());
                    })/>
            }
        }
    };
    let clear = {
        let navigate = navigate.clone();
        move |_| navigate("/uppfoljning", NavigateOptions::default())
    };

    view! {
        <section class="page followup-page">
            <h1>{move || i18n.t(F::Title)}</h1>
            <p class="lead">{move || i18n.t(F::Intro)}</p>
            <details class="card followup-filters no-print" open=true>
                <summary>{move || i18n.t(F::Filters)}</summary>
                <div class="filter-row">
                    {year_picker}
                    {filter_select("term", F::Term, F::WholeYear, term_options)}
                    {date_field("from", F::From)}
                    {date_field("to", F::To)}
                    {filter_select("school", F::School, F::AllSchools, school_options)}
                    {filter_select("subject", F::Subject, F::AllSubjects, subject_options)}
                    {filter_select("stage", F::Stage, F::AllStages, stage_options)}
                    {filter_select("kind", F::Kind, F::AllKinds, kind_options)}
                </div>
                <p class="actions">
                    <button type="button" class="button button-secondary" on:click=clear>{move || i18n.t(F::Clear)}</button>
                </p>
            </details>
            <Transition>
                {loaded(figures, move |f: FollowUp| {
                    let groups_seen = sees_groups(f.scope);
                    view! {
                        <p class="followup-period">
                            {i18n.fill(F::Period, &[&f.from, &f.to])}" · "
                            {scope_text(i18n, f.scope)}
                        </p>
                        {groups_seen.then(|| view! {
                            <p class="actions no-print">
                                <button type="button" class="button button-secondary" on:click=move |_| { let _ = window().print(); }>
                                    {move || i18n.t(F::Print)}
                                </button>
                                <button type="button" class="button button-secondary" on:click=download>
                                    {move || i18n.t(F::Csv)}
                                </button>
                            </p>
                            <ErrorText message=csv_error/>
                        })}
                        <OwnCard f=f.clone()/>
                        {groups_seen.then(|| view! {
                            <Summary total=f.total/>
                            <Missing f=f.clone()/>
                            {(!f.meetings.is_empty()).then(|| view! { <MeetingsTable lines=f.meetings.clone()/> })}
                            {(!f.schools.is_empty()).then(|| view! { <SchoolsPart lines=f.schools.clone()/> })}
                            {(!f.goals.is_empty()).then(|| view! { <GoalsPart lines=f.goals.clone()/> })}
                            {(!f.groups.is_empty()).then(|| view! { <GroupsPart lines=f.groups.clone()/> })}
                            {(!f.slots.is_empty()).then(|| view! { <SlotsPart lines=f.slots.clone()/> })}
                        })}
                    }
                })}
            </Transition>
            {move || session.may(may_set_protocol_due_days).then(|| view! { <DueDaysForm/> })}
        </section>
    }
}

fn scope_text(i18n: I18n, scope: Scope) -> &'static str {
    i18n.t(match scope {
        Scope::Municipality => F::ScopeMunicipality,
        Scope::Schools => F::ScopeSchools,
        Scope::Groups => F::ScopeGroups,
        Scope::Own => F::ScopeOwn,
    })
}

#[component]
fn OwnCard(f: FollowUp) -> impl IntoView {
    let i18n = use_i18n();
    let own = f.own;
    view! {
        <section class="card followup-own" aria-labelledby="followup-own-heading">
            <h2 id="followup-own-heading">{i18n.t(F::OwnTitle)}</h2>
            {if own.held == 0 {
                view! { <p class="muted">{i18n.t(F::OwnNone)}</p> }.into_any()
            } else {
                view! {
                    <p>{i18n.count(F::OwnPlans, own.plans_of, &[&own.plans, &own.plans_of])}</p>
                    <p>{i18n.count(F::OwnPresent, own.held, &[&own.present, &own.held])}</p>
                }.into_any()
            }}
        </section>
    }
}

#[component]
fn Summary(total: Figures) -> impl IntoView {
    let i18n = use_i18n();
    let t = total;
    let awaited = t.protocols_published + t.protocols_missing;
    view! {
        <section class="card" aria-labelledby="followup-summary-heading">
            <h2 id="followup-summary-heading">{i18n.t(F::Summary)}</h2>
            <ul class="plain followup-tiles">
                <li>{i18n.count(F::HeldOf, t.meetings(), &[&t.held, &t.meetings()])}</li>
                <li>{i18n.count(F::NotHeld, t.not_held, &[&t.not_held])}</li>
                <li>{i18n.count(F::PlannedCount, t.planned, &[&t.planned])}</li>
                <li class:followup-alert={t.protocols_missing > 0}>{i18n.count(F::MissingOf, awaited, &[&t.protocols_missing, &awaited])}</li>
                <li>{i18n.fill(F::Attendance, &[&share(t.present, t.attendance_of)])}</li>
                <li>{i18n.fill(F::PlansShare, &[&share(t.plans, t.plans_of)])}</li>
                <li>{i18n.fill(F::PreparedShare, &[&share(t.prepared, t.prepared_of)])}</li>
            </ul>
        </section>
    }
}

#[component]
fn Missing(f: FollowUp) -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.lang.get_untracked();
    view! {
        <section class="card" aria-labelledby="followup-missing-heading">
            <h2 id="followup-missing-heading">{i18n.t(F::MissingTitle)}</h2>
            {if f.missing.is_empty() {
                view! { <p class="muted">{i18n.t(F::MissingNone)}</p> }.into_any()
            } else {
                view! {
                    <ul class="plain followup-missing">
                        {f.missing.into_iter().map(|m| view! {
                            <li>
                                <A href=format!("/traffar/{}", m.meeting_id)>{format!("{} · {}", days_text(&m.starts_on, &m.starts_on, None, lang), m.group_name)}</A>
                                <span class="muted">{format!(" · {}", i18n.fill(F::DueOn, &[&days_text(&m.due_on, &m.due_on, None, lang)]))}</span>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}

/// The figures' table header cells after the name (and date) column.
fn figure_headers(i18n: I18n) -> impl IntoView {
    [
        F::ColHeld,
        F::ColNotHeld,
        F::ColPublished,
        F::ColMissing,
        F::ColAttendance,
        F::ColPlans,
        F::ColPrepared,
    ]
    .map(|k| view! { <th scope="col">{i18n.t(k)}</th> })
    .collect_view()
}

fn figure_cells(i18n: I18n, f: &Figures) -> impl IntoView {
    let of = |a: i64, b: i64| i18n.fill(F::OfShort, &[&a, &b]);
    view! {
        <td>{of(f.held, f.meetings())}</td>
        <td>{f.not_held}</td>
        <td>{f.protocols_published}</td>
        <td class:followup-alert={f.protocols_missing > 0}>{f.protocols_missing}</td>
        <td>{format!("{} ({})", of(f.present, f.attendance_of), share(f.present, f.attendance_of))}</td>
        <td>{of(f.plans, f.plans_of)}</td>
        <td>{of(f.prepared, f.prepared_of)}</td>
    }
}

/// One row of a part: its name (a link when it drills down) and its figures.
struct Row {
    name: String,
    href: Option<String>,
    figures: Figures,
}

/// A part of the follow-up: its heading, the sentence saying what the chart shows, the
/// chart of one share per row, and the table of every figure beside it.
#[component]
fn Part(
    /// `schools`, `groups` or `slots`: the ids of the heading and the sentence.
    id: &'static str,
    heading: F,
    sentence: F,
    name_column: F,
    rows: Vec<Row>,
    share: fn(&Figures) -> Option<i64>,
) -> impl IntoView {
    let i18n = use_i18n();
    let heading_id = format!("followup-{id}-heading");
    let (section_label, table_label) = (heading_id.clone(), heading_id.clone());
    let chart_id: &'static str = match id {
        "schools" => "followup-schools-chart",
        "groups" => "followup-groups-chart",
        _ => "followup-slots-chart",
    };
    let bars = rows
        .iter()
        .map(|r| Bar {
            label: r.name.clone(),
            percent: share(&r.figures),
            value: None,
        })
        .collect();
    view! {
        <section class="card followup-part" aria-labelledby=section_label>
            <h2 id=heading_id>{i18n.t(heading)}</h2>
            <p id=chart_id class="chart-caption">{i18n.t(sentence)}</p>
            <div class="followup-figure">
                <BarChart bars=bars labelled_by=chart_id/>
                <div class="table-wrap" tabindex="0" role="group" aria-labelledby=table_label>
                    <table class="followup-table">
                        <caption>{i18n.t(heading)}</caption>
                        <thead><tr><th scope="col">{i18n.t(name_column)}</th>{figure_headers(i18n)}</tr></thead>
                        <tbody>
                            {rows.into_iter().map(|r| view! {
                                <tr>
                                    <th scope="row">{match r.href {
                                        Some(href) => view! { <A href=href>{r.name}</A> }.into_any(),
                                        None => r.name.into_any(),
                                    }}</th>
                                    {figure_cells(i18n, &r.figures)}
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            </div>
        </section>
    }
}

fn attendance(f: &Figures) -> Option<i64> {
    percent(f.present, f.attendance_of)
}

fn protocols(f: &Figures) -> Option<i64> {
    percent(f.protocols_published, f.held)
}

#[component]
fn SchoolsPart(lines: Vec<SchoolLine>) -> impl IntoView {
    let rows = lines
        .into_iter()
        .map(|s| Row {
            href: Some(format!("/uppfoljning?school={}", s.school_id)),
            name: s.name,
            figures: s.figures,
        })
        .collect();
    view! {
        <Part id="schools" heading=F::SchoolsTitle sentence=F::SchoolsChart
            name_column=F::School rows=rows share=attendance/>
    }
}

/// Per school, its teachers with goals of their own and their målsamtal held: a bar
/// of the share with goals beside the table of every count.
#[component]
fn GoalsPart(lines: Vec<SchoolGoals>) -> impl IntoView {
    let i18n = use_i18n();
    let bars = lines
        .iter()
        .map(|l| Bar {
            label: l.name.clone(),
            percent: percent(l.with_goals, l.teachers),
            value: Some(share(l.with_goals, l.teachers)),
        })
        .collect();
    let of = move |part: i64, all: i64| {
        format!(
            "{} ({})",
            i18n.fill(F::OfShort, &[&part, &all]),
            share(part, all)
        )
    };
    view! {
        <section class="card followup-part" aria-labelledby="followup-goals-heading">
            <h2 id="followup-goals-heading">{i18n.t(F::GoalsTitle)}</h2>
            <p id="followup-goals-chart" class="chart-caption">{i18n.t(F::GoalsChart)}</p>
            <div class="followup-figure">
                <BarChart bars=bars labelled_by="followup-goals-chart"/>
                <div class="table-wrap" tabindex="0" role="group" aria-labelledby="followup-goals-heading">
                    <table class="followup-table">
                        <caption>{i18n.t(F::GoalsTitle)}</caption>
                        <thead><tr>
                            <th scope="col">{i18n.t(F::School)}</th>
                            <th scope="col">{i18n.t(F::ColTeachers)}</th>
                            <th scope="col">{i18n.t(F::ColWithGoals)}</th>
                            <th scope="col">{i18n.t(F::ColTalksHeld)}</th>
                            <th scope="col">{i18n.t(F::ColTalksBooked)}</th>
                        </tr></thead>
                        <tbody>
                            {lines.into_iter().map(|l| view! {
                                <tr>
                                    <th scope="row">{l.name}</th>
                                    <td>{l.teachers}</td>
                                    <td>{of(l.with_goals, l.teachers)}</td>
                                    <td>{of(l.talks_held, l.teachers)}</td>
                                    <td>{l.talks_booked}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            </div>
        </section>
    }
}

#[component]
fn GroupsPart(lines: Vec<GroupLine>) -> impl IntoView {
    // A group's link keeps the rest of the filters.
    let map = use_query_map().get_untracked();
    let link = |id: kollegium_shared::ids::GroupId| {
        let mut filters: Vec<(&str, String)> = FILTERS
            .iter()
            .filter(|k| **k != "group")
            .map(|k| (*k, map.get(k).unwrap_or_default()))
            .collect();
        filters.push(("group", id.to_string()));
        let mut parts = Vec::new();
        push_filters(&mut parts, &filters);
        format!("/uppfoljning?{}", parts.join("&"))
    };
    let rows = lines
        .into_iter()
        .map(|g| Row {
            href: Some(link(g.group_id)),
            name: g.name,
            figures: g.figures,
        })
        .collect();
    view! {
        <Part id="groups" heading=F::GroupsTitle sentence=F::GroupsChart
            name_column=F::ColName rows=rows share=protocols/>
    }
}

#[component]
fn SlotsPart(lines: Vec<SlotLine>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.lang.get_untracked();
    let rows = lines
        .into_iter()
        .map(|s| Row {
            name: match &s.title {
                Some(t) => format!(
                    "{} {}",
                    days_text(&s.starts_on, &s.starts_on, None, lang),
                    t
                ),
                None => i18n.t(F::OwnMeetings).to_owned(),
            },
            href: None,
            figures: s.figures,
        })
        .collect();
    view! {
        <Part id="slots" heading=F::SlotsTitle sentence=F::SlotsChart
            name_column=F::ColName rows=rows share=attendance/>
    }
}

#[component]
fn MeetingsTable(lines: Vec<MeetingLine>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.lang.get_untracked();
    let of = move |a: i64, b: i64| i18n.fill(F::OfShort, &[&a, &b]);
    view! {
        <section class="card" aria-labelledby="followup-meetings-heading">
            <h2 id="followup-meetings-heading">{i18n.t(F::MeetingsTitle)}</h2>
            <div class="table-wrap" tabindex="0" role="group" aria-labelledby="followup-meetings-heading">
                <table class="followup-table">
                    <caption>{lines.first().map(|l| l.group_name.clone())}</caption>
                    <thead><tr>
                        <th scope="col">{i18n.t(F::ColDate)}</th>
                        <th scope="col">{i18n.t(F::ColState)}</th>
                        <th scope="col">{i18n.t(F::ColAttendance)}</th>
                        <th scope="col">{i18n.t(F::ColPlans)}</th>
                        <th scope="col">{i18n.t(F::ColPrepared)}</th>
                    </tr></thead>
                    <tbody>
                        {lines.into_iter().map(|m| {
                            let held = m.state.was_held();
                            view! {
                                <tr>
                                    <th scope="row"><A href=format!("/traffar/{}", m.meeting_id)>{days_text(&m.starts_on, &m.starts_on, None, lang)}</A></th>
                                    <td><span class=format!("badge state-{}", m.state.code())>{m.state.label(lang)}</span></td>
                                    <td>{held.then(|| of(m.people.present, m.people.members))}</td>
                                    <td>{held.then(|| of(m.people.plans, m.people.members - m.people.absent))}</td>
                                    <td>{of(m.people.prepared, m.people.members)}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}

/// The steering group's setting: days until a protocol counts as missing.
#[component]
fn DueDaysForm() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let settings = LocalResource::new(move || async move { api.follow_up_settings().await });
    let days = RwSignal::new(String::new());
    let status = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<String>);
    view! {
        <section class="card no-print" aria-labelledby="followup-settings-heading">
            <h2 id="followup-settings-heading">{move || i18n.t(F::SettingsTitle)}</h2>
            <Transition>
                {loaded(settings, move |s: FollowUpSettings| {
                    days.set(s.protocol_due_days.to_string());
                    let save = move |ev: leptos::ev::SubmitEvent| {
                        ev.prevent_default();
                        status.set(None);
                        error.set(None);
                        let Ok(n) = days.get_untracked().trim().parse::<i64>() else {
                            error.set(Some(kollegium_shared::i18n::Msg::ProtocolDueDaysRange.text(i18n.lang.get_untracked()).to_owned()));
                            return;
                        };
                        let input = FollowUpSettings { protocol_due_days: n, version: s.version };
                        leptos::task::spawn_local(async move {
                            match api.set_follow_up_settings(&input).await {
                                Ok(_) => {
                                    status.set(Some(i18n.t(K::FollowUpSaved).to_owned()));
                                    settings.refetch();
                                }
                                Err(e) => error.set(Some(e.message(i18n))),
                            }
                        });
                    };
                    view! {
                        <form class="followup-settings" on:submit=save>
                            <div class="field">
                                <label for="followup-due-days">{i18n.t(F::DueDays)}</label>
                                <input id="followup-due-days" type="number" inputmode="numeric" min="0" max="60"
                                    aria-describedby="followup-due-days-hint"
                                    prop:value=move || days.get() on:input=move |ev| days.set(event_target_value(&ev))/>
                                <p class="hint" id="followup-due-days-hint">{i18n.t(F::DueDaysHint)}</p>
                            </div>
                            <button type="submit" class="button">{i18n.t(F::Save)}</button>
                            <StatusText message=status/>
                            <ErrorText message=error/>
                        </form>
                    }
                })}
            </Transition>
        </section>
    }
}
