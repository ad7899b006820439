//! `/mal`: a school year's goals as the chain from the municipality's goals through the
//! schools' to how many teachers' goals serve each; the caller's own goals and, for a
//! principal, their teachers'; adding goals of the levels the caller sets; carrying
//! the year's goals to a later one. `/mal/{id}`: one goal with what it serves, its
//! dated follow-up, changes and removal.

mod dialogues;
mod results;
mod talks;
mod text;

use kollegium_shared::goals::access::may_set_municipality_goals;
use kollegium_shared::goals::{
    CarryPreview, CarryRequest, Goal, GoalInput, GoalLevel, GoalStatus, Measure, NoteInput,
    YearGoals, chain,
};
use kollegium_shared::i18n::Lang;
use kollegium_shared::ids::{GoalId, PersonId, SchoolId, SchoolYearId};
use kollegium_shared::library::{Area, goal_label};
use kollegium_shared::org::{Role, SchoolRef};
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};

use crate::api::use_api;
use crate::components::{
    ErrorText, FieldErrors, QueryYearPicker, StatusText, TextArea, TextField, loaded, year_in_query,
};
use crate::i18n::{I18n, K, use_i18n, use_title};
use crate::reference::use_reference;
use crate::session::use_session;
use text::G;

/// Follows a form's save: once saved, the errors go, `saved` is told what was stored
/// and its answer is said in `status`; a refusal stands beside its field (or as the
/// form's error).
pub(super) fn after_save<I, T>(
    save: Action<I, Result<T, crate::api::ApiError>>,
    errors: FieldErrors,
    form_error: RwSignal<Option<String>>,
    status: RwSignal<Option<String>>,
    saved: impl Fn(&T) -> String + 'static,
) where
    I: 'static,
    T: Clone + Send + Sync + 'static,
{
    Effect::new(move |_| match save.value().get() {
        Some(Ok(value)) => {
            errors.clear_all();
            form_error.set(None);
            status.set(Some(saved(&value)));
        }
        Some(Err(e)) => {
            status.set(None);
            errors.show_api_error(&e, form_error);
        }
        None => {}
    });
}

/// A number as people write it: no decimals when whole, a decimal comma in Swedish.
fn number(n: f64, lang: Lang) -> String {
    let s = if n.fract() == 0.0 {
        format!("{n:.0}")
    } else {
        format!("{n}")
    };
    if lang == Lang::Sv {
        s.replace('.', ",")
    } else {
        s
    }
}

/// How a goal will be known, in one line.
fn measure_text(i18n: I18n, m: &Measure) -> String {
    match m {
        Measure::KeyFigure {
            figure,
            target,
            unit,
        } => {
            let unit = if unit.is_empty() {
                String::new()
            } else {
                format!(" {unit}")
            };
            let value = format!("{}{unit}", number(*target, i18n.lang.get_untracked()));
            i18n.fill(G::KeyFigureLine, &[figure, &value])
        }
        Measure::Evidence { text } => text.clone(),
    }
}

/// "12 lärarmål från 9 lärare".
fn teacher_goals(i18n: I18n, goals: u32, teachers: u32) -> String {
    format!(
        "{} {}",
        i18n.count(G::TeacherGoals, goals, &[&goals]),
        i18n.count(G::TeacherGoalsFrom, teachers, &[&teachers])
    )
}

fn level_label(level: GoalLevel) -> G {
    match level {
        GoalLevel::Municipality => G::LevelMunicipality,
        GoalLevel::School => G::LevelSchool,
        GoalLevel::Teacher => G::LevelTeacher,
    }
}

fn status_badge(status: GoalStatus, lang: Lang) -> impl IntoView {
    view! { <span class=format!("badge goal-status goal-{}", status.code())>{status.label(lang)}</span> }
}

/// The goal's link and title.
fn goal_link(g: &Goal) -> impl IntoView + use<> {
    let href = format!("/mal/{}", g.id);
    let title = g.title.clone();
    view! { <A href=href>{title}</A> }
}

/// `/mal`, `/mal/{id}`, `/malsamtal`, `/malsamtal/{id}`, `/resultat`,
/// `/resultat/dialoger` and `/resultat/dialoger/{id}`: one lazily loaded part for all (a part of its own for each would add to the first download of
/// every page).
#[component]
pub fn GoalsRoute() -> impl IntoView {
    let params = use_params_map();
    let location = leptos_router::hooks::use_location();
    let page = Memo::new(move |_| {
        let one = params.with(|p| p.get("id").is_some());
        let part = location.pathname.with(|p| {
            if p.starts_with("/malsamtal") {
                1
            } else if p.starts_with("/resultat/dialoger") {
                3
            } else if p.starts_with("/resultat") {
                2
            } else {
                0
            }
        });
        (part, one)
    });
    move || match page.get() {
        (0, true) => view! { <GoalPage/> }.into_any(),
        (0, false) => view! { <GoalsPage/> }.into_any(),
        (1, true) => view! { <talks::TalkPage/> }.into_any(),
        (1, false) => view! { <talks::TalksPage/> }.into_any(),
        (3, true) => view! { <dialogues::DialoguePage/> }.into_any(),
        (3, false) => view! { <dialogues::DialoguesPage/> }.into_any(),
        _ => view! { <results::ResultsPage/> }.into_any(),
    }
}

#[component]
fn GoalsPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let session = use_session();
    use_title(G::Title);
    let year = year_in_query();
    let goals = LocalResource::new(move || {
        let y = year.get();
        async move { api.goals(y).await }
    });
    let creating = RwSignal::new(None::<GoalLevel>);
    let status = RwSignal::new(None::<String>);
    let done = Callback::new(move |saved: Option<GoalId>| {
        creating.set(None);
        if saved.is_some() {
            status.set(Some(i18n.t(G::Saved).to_owned()));
            goals.refetch();
        }
    });

    view! {
        <section class="page goals-page">
            <h1>{move || i18n.t(G::Title)}</h1>
            <p class="lead">{move || i18n.t(G::Intro)}</p>
            <nav class="goals-places no-print" aria-label=move || i18n.t(G::Places)>
                <A href="/malsamtal">{move || i18n.t(G::Talks)}</A>
                <A href="/resultat">{move || i18n.t(G::Results)}</A>
            </nav>
            <div class="toolbar no-print"><QueryYearPicker id="goals-year" path="/mal" current=Signal::derive(move || goals.get().and_then(Result::ok).map(|v| v.year))/></div>
            <StatusText message=status/>
            <Transition>
                {loaded(goals, move |year_goals: YearGoals| {
                    let lang = i18n.lang.get();
                    let me = session.me.get().map(|m| m.id);
                    let steers = session.may(may_set_municipality_goals);
                    let has_schools = !year_goals.my_schools.is_empty();
                    // Teachers write goals of their own (a principal's come with their
                    // målsamtal with the head of operations).
                    let teaches = session.me.get().is_some_and(|m| m.has_role(Role::Larare) && !m.schools.is_empty())
                        || year_goals.teachers.iter().any(|g| Some(g.owner.id) == me);
                    let context = StoredValue::new(year_goals.clone());
                    let form = move || creating.get().map(|level| view! {
                        <GoalForm level=level context=context.get_value() existing=None done=done/>
                    });
                    let (links, loose) = chain(&year_goals);
                    let mine: Vec<Goal> = year_goals.teachers.iter().filter(|g| Some(g.owner.id) == me).cloned().collect();
                    let theirs: Vec<Goal> = year_goals.teachers.iter().filter(|g| Some(g.owner.id) != me).cloned().collect();
                    let title_of = |id: GoalId| {
                        year_goals.municipality.iter().chain(&year_goals.schools).find(|g| g.id == id).map(|g| g.title.clone()).unwrap_or_default()
                    };
                    let serves_line = |g: &Goal| {
                        g.serves.iter().map(|id| title_of(*id)).collect::<Vec<_>>().join(" · ")
                    };
                    let chain_view = if links.is_empty() {
                        view! { <p class="muted">{i18n.t(G::ChainNone)}</p> }.into_any()
                    } else {
                        links.into_iter().map(|link| {
                            let g = link.goal;
                            view! {
                                <article class="card goal-card goal-municipality">
                                    <h3>{goal_link(g)}</h3>
                                    <p class="goal-meta">
                                        {status_badge(g.status, lang)}
                                        <span>{measure_text(i18n, &g.measure)}</span>
                                    </p>
                                    <p class="goal-count">{i18n.count(G::TeacherGoalsTotal, link.teacher_goals, &[&link.teacher_goals])}</p>
                                    {(!link.schools.is_empty()).then(|| view! {
                                        <ul class="plain goal-schools">
                                            {link.schools.into_iter().map(|(s, count)| view! {
                                                <li>
                                                    <span class="goal-school">{s.school.as_ref().map(|s| s.name.clone()).unwrap_or_default()}</span>
                                                    {goal_link(s)}
                                                    {status_badge(s.status, lang)}
                                                    <span class="muted">{teacher_goals(i18n, count.teacher_goals, count.teachers)}</span>
                                                </li>
                                            }).collect_view()}
                                        </ul>
                                    })}
                                </article>
                            }
                        }).collect_view().into_any()
                    };
                    let loose_view = (!loose.is_empty()).then(|| view! {
                        <h3>{i18n.t(G::Loose)}</h3>
                        <ul class="plain goal-schools">
                            {loose.into_iter().map(|s| view! {
                                <li>
                                    <span class="goal-school">{s.school.as_ref().map(|s| s.name.clone()).unwrap_or_default()}</span>
                                    {goal_link(s)}
                                </li>
                            }).collect_view()}
                        </ul>
                    });
                    let mine_view = if mine.is_empty() {
                        view! { <p class="muted">{i18n.t(G::MineNone)}</p> }.into_any()
                    } else {
                        view! {
                            <ul class="plain goal-list">
                                {mine.iter().map(|g| view! {
                                    <li class="card goal-card">
                                        <h3>{goal_link(g)}</h3>
                                        <p class="goal-meta">{status_badge(g.status, lang)}<span>{measure_text(i18n, &g.measure)}</span></p>
                                        <p><span class="muted">{format!("{}: ", i18n.t(G::Serves))}</span>{serves_line(g)}</p>
                                    </li>
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    };
                    let teachers_view = has_schools.then(|| view! {
                        <section class="goals-part" aria-labelledby="goals-teachers-heading">
                            <h2 id="goals-teachers-heading">{i18n.t(G::MyTeachers)}</h2>
                            {if theirs.is_empty() {
                                view! { <p class="muted">{i18n.t(G::MyTeachersNone)}</p> }.into_any()
                            } else {
                                view! {
                                    <div class="table-wrap">
                                        <table class="goals-table">
                                            <thead><tr>
                                                <th scope="col">{i18n.t(G::Owner)}</th>
                                                <th scope="col">{i18n.t(G::GoalTitle)}</th>
                                                <th scope="col">{i18n.t(G::Status)}</th>
                                                <th scope="col">{i18n.t(G::Serves)}</th>
                                            </tr></thead>
                                            <tbody>
                                                {theirs.iter().map(|g| view! {
                                                    <tr>
                                                        <td>{g.owner.name.clone()}</td>
                                                        <td>{goal_link(g)}</td>
                                                        <td>{g.status.label(lang)}</td>
                                                        <td>{serves_line(g)}</td>
                                                    </tr>
                                                }).collect_view()}
                                            </tbody>
                                        </table>
                                    </div>
                                }.into_any()
                            }}
                        </section>
                    });
                    let from = year_goals.year;
                    view! {
                        <div class="toolbar no-print goals-actions">
                            {steers.then(|| view! {
                                <button type="button" class="button button-secondary" on:click=move |_| creating.set(Some(GoalLevel::Municipality))>{i18n.t(G::NewMunicipality)}</button>
                            })}
                            {has_schools.then(|| view! {
                                <button type="button" class="button button-secondary" on:click=move |_| creating.set(Some(GoalLevel::School))>{i18n.t(G::NewSchool)}</button>
                            })}
                            {teaches.then(|| view! {
                                <button type="button" class="button button-secondary" on:click=move |_| creating.set(Some(GoalLevel::Teacher))>{i18n.t(G::NewOwn)}</button>
                            })}
                        </div>
                        {form}
                        {teaches.then(|| view! {
                            <section class="goals-part" aria-labelledby="goals-mine-heading">
                                <h2 id="goals-mine-heading">{i18n.t(G::Mine)}</h2>
                                {mine_view}
                            </section>
                        })}
                        {teachers_view}
                        <section class="goals-part" aria-labelledby="goals-chain-heading">
                            <h2 id="goals-chain-heading">{i18n.t(G::Chain)}</h2>
                            <p class="muted">{i18n.t(G::ChainSentence)}</p>
                            {chain_view}
                            {loose_view}
                        </section>
                        <CarrySection from=from/>
                    }
                })}
            </Transition>
        </section>
    }
}

/// The form of a new goal of `level`, or of a change to `existing`.
#[component]
fn GoalForm(
    level: GoalLevel,
    /// The year's goals, for what the goal can serve.
    context: YearGoals,
    existing: Option<Goal>,
    /// With the goal's id once saved, `None` when cancelled.
    done: Callback<Option<GoalId>>,
    /// A teacher goal a principal writes for one of their teachers (in the målsamtal):
    /// the teacher and the school whose goals it can serve.
    #[prop(optional)]
    owner: Option<(PersonId, SchoolId)>,
) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let session = use_session();
    let lang = i18n.lang.get_untracked();
    let errors = FieldErrors::default();
    let form_error = RwSignal::new(None::<String>);
    let e = existing.clone();
    let title = RwSignal::new(e.as_ref().map(|g| g.title.clone()).unwrap_or_default());
    let description = RwSignal::new(
        e.as_ref()
            .map(|g| g.description.clone())
            .unwrap_or_default(),
    );
    let (kind0, figure0, target0, unit0, evidence0) = match e.as_ref().map(|g| &g.measure) {
        Some(Measure::KeyFigure {
            figure,
            target,
            unit,
        }) => (
            "key_figure",
            figure.clone(),
            number(*target, lang),
            unit.clone(),
            String::new(),
        ),
        Some(Measure::Evidence { text }) => (
            "evidence",
            String::new(),
            String::new(),
            String::new(),
            text.clone(),
        ),
        None if level == GoalLevel::Teacher => (
            "evidence",
            String::new(),
            String::new(),
            String::new(),
            String::new(),
        ),
        None => (
            "key_figure",
            String::new(),
            String::new(),
            "%".to_owned(),
            String::new(),
        ),
    };
    let kind = RwSignal::new(kind0.to_owned());
    let figure = RwSignal::new(figure0);
    let target = RwSignal::new(target0);
    let unit = RwSignal::new(unit0);
    let evidence = RwSignal::new(evidence0);
    let area = RwSignal::new(
        e.as_ref()
            .and_then(|g| g.area)
            .map(|a| a.code().to_owned())
            .unwrap_or_default(),
    );
    let agenda = RwSignal::new(e.as_ref().map(|g| g.agenda2030.clone()).unwrap_or_default());
    let status = RwSignal::new(e.as_ref().map_or(GoalStatus::NotStarted, |g| g.status));
    let serves = RwSignal::new(e.as_ref().map(|g| g.serves.clone()).unwrap_or_default());
    let school = RwSignal::new(
        e.as_ref()
            .and_then(|g| g.school.as_ref().map(|s| s.id))
            .or_else(|| context.my_schools.first().map(|s| s.id)),
    );
    let year = e.as_ref().map_or(context.year, |g| g.year);
    let id = e.as_ref().map(|g| g.id);
    let version = e.as_ref().map(|g| g.version);

    // What the goal can serve: the municipality's goals for a school goal; for a
    // teacher goal the goals of the teacher's (or the goal's) school.
    let my_schools: Vec<SchoolId> = match (&e, owner) {
        (Some(g), _) => g.school.iter().map(|s| s.id).collect(),
        (None, Some((_, school))) => vec![school],
        (None, None) => session
            .me
            .get_untracked()
            .map(|m| m.schools.iter().map(|s| s.id).collect())
            .unwrap_or_default(),
    };
    let options: Vec<(GoalId, String)> = match level {
        GoalLevel::Municipality => Vec::new(),
        GoalLevel::School => context
            .municipality
            .iter()
            .map(|g| (g.id, g.title.clone()))
            .collect(),
        GoalLevel::Teacher => context
            .schools
            .iter()
            .filter(|g| {
                g.school
                    .as_ref()
                    .is_some_and(|s| my_schools.contains(&s.id))
            })
            .map(|g| {
                let school = g
                    .school
                    .as_ref()
                    .map(|s| s.name.as_str())
                    .unwrap_or_default();
                (g.id, format!("{} ({school})", g.title))
            })
            .collect(),
    };

    let collect = move || {
        let measure = if kind.get_untracked() == "key_figure" {
            Measure::KeyFigure {
                figure: figure.get_untracked(),
                target: target
                    .get_untracked()
                    .trim()
                    .replace(',', ".")
                    .replace(' ', "")
                    .parse()
                    .unwrap_or(f64::NAN),
                unit: unit.get_untracked().trim().to_owned(),
            }
        } else {
            Measure::Evidence {
                text: evidence.get_untracked(),
            }
        };
        GoalInput {
            year: Some(year),
            level: Some(level),
            school: (level == GoalLevel::School)
                .then(|| school.get_untracked())
                .flatten(),
            owner: owner.map(|(p, _)| p),
            title: title.get_untracked(),
            description: description.get_untracked(),
            measure,
            area: Area::from_code(&area.get_untracked()),
            agenda2030: agenda.get_untracked(),
            status: status.get_untracked(),
            serves: serves.get_untracked(),
            version,
        }
    };
    let save = Action::new_local(move |input: &GoalInput| {
        let input = input.clone();
        async move {
            match id {
                Some(id) => api.update_goal(id, &input).await,
                None => api.create_goal(&input).await,
            }
        }
    });
    Effect::new(move |_| match save.value().get() {
        Some(Ok(goal)) => done.run(Some(goal.id)),
        Some(Err(e)) => errors.show_api_error(&e, form_error),
        None => {}
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let input = collect();
        let broken: Vec<_> = input
            .check(level)
            .into_iter()
            .filter(|e| e.field != "school" || id.is_none())
            .collect();
        errors.set_rules(&broken);
        form_error.set((!broken.is_empty()).then(|| i18n.t(K::FormHasErrors).to_owned()));
        if broken.is_empty() {
            save.dispatch(input);
        }
    };
    let heading = match (id.is_some(), level) {
        (true, _) => G::EditGoal,
        (false, GoalLevel::Municipality) => G::NewMunicipality,
        (false, GoalLevel::School) => G::NewSchool,
        (false, GoalLevel::Teacher) if owner.is_some() => G::NewForTeacher,
        (false, GoalLevel::Teacher) => G::NewOwn,
    };
    let form_ref = NodeRef::<leptos::html::Form>::new();
    Effect::new(move |_| {
        if let Some(f) = form_ref.get() {
            f.scroll_into_view_with_bool(true);
            if let Ok(Some(input)) = f.query_selector("input") {
                use wasm_bindgen::JsCast;
                if let Ok(input) = input.dyn_into::<web_sys::HtmlElement>() {
                    let _ = input.focus();
                }
            }
        }
    });
    let schools_choice: Vec<SchoolRef> = context.my_schools.clone();
    let serves_error = move || errors.get("serves");

    view! {
        <form class="card form goal-form" node_ref=form_ref on:submit=on_submit novalidate=true aria-labelledby="goal-form-heading">
            <h2 id="goal-form-heading">{i18n.t(heading)}</h2>
            <ErrorText message=form_error/>
            {(level == GoalLevel::School && id.is_none() && schools_choice.len() > 1).then(|| view! {
                <div class="field">
                    <label for="goal-school">{i18n.t(G::School)}</label>
                    <select id="goal-school" on:change=move |ev| school.set(event_target_value(&ev).parse().ok())>
                        {schools_choice.iter().map(|s| view! {
                            <option value=s.id.to_string() selected=school.get_untracked() == Some(s.id)>{s.name.clone()}</option>
                        }).collect_view()}
                    </select>
                </div>
            })}
            <TextField name="title" label=Signal::derive(move || i18n.t(G::GoalTitle)) value=title errors=errors required=true/>
            <TextArea name="description" label=Signal::derive(move || i18n.t(G::Description)) value=description errors=errors rows=3/>
            {match level {
                GoalLevel::Municipality => None,
                GoalLevel::School => Some(view! {
                    <fieldset class="field field-wide" aria-describedby="field-serves-error">
                        <legend>{i18n.t(G::ServesMunicipality)}</legend>
                        {options.into_iter().map(|(gid, label)| {
                            let checked = serves.get_untracked().contains(&gid);
                            view! {
                                <label class="check">
                                    <input type="checkbox" checked=checked on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        errors.clear("serves");
                                        serves.update(|s| { s.retain(|g| *g != gid); if on { s.push(gid); } });
                                    }/>
                                    <span>{label}</span>
                                </label>
                            }
                        }).collect_view()}
                        <p class="field-error" id="field-serves-error" aria-live="polite">{serves_error}</p>
                    </fieldset>
                }.into_any()),
                GoalLevel::Teacher => Some(if options.is_empty() {
                    view! { <p class="notice">{i18n.t(G::NoSchoolGoals)}</p> }.into_any()
                } else {
                    view! {
                        <div class="field field-wide">
                            <label for="goal-serves">{i18n.t(G::ServesSchool)}</label>
                            <select id="goal-serves" aria-describedby="field-serves-error" on:change=move |ev| {
                                errors.clear("serves");
                                serves.set(event_target_value(&ev).parse::<GoalId>().ok().into_iter().collect());
                            }>
                                <option value="">{i18n.t(G::ChooseSchoolGoal)}</option>
                                {options.into_iter().map(|(gid, label)| view! {
                                    <option value=gid.to_string() selected=serves.get_untracked().contains(&gid)>{label}</option>
                                }).collect_view()}
                            </select>
                            <p class="field-error" id="field-serves-error" aria-live="polite">{serves_error}</p>
                        </div>
                    }.into_any()
                }),
            }}
            <fieldset class="field field-wide">
                <legend>{i18n.t(G::HowWeKnow)}</legend>
                <label class="check">
                    <input type="radio" name="goal-measure" value="key_figure" checked=kind0 == "key_figure" on:change=move |_| kind.set("key_figure".into())/>
                    <span>{i18n.t(G::ByKeyFigure)}</span>
                </label>
                <label class="check">
                    <input type="radio" name="goal-measure" value="evidence" checked=kind0 == "evidence" on:change=move |_| kind.set("evidence".into())/>
                    <span>{i18n.t(G::ByEvidence)}</span>
                </label>
            </fieldset>
            <Show when=move || kind.get() == "key_figure" fallback=move || view! {
                <TextArea name="measure.text" label=Signal::derive(move || i18n.t(G::Evidence)) value=evidence errors=errors rows=2/>
            }>
                <div class="goal-figure">
                    <TextField name="measure.figure" label=Signal::derive(move || i18n.t(G::Figure)) value=figure errors=errors/>
                    <TextField name="measure.target" label=Signal::derive(move || i18n.t(G::Target)) value=target errors=errors/>
                    <TextField name="measure.unit" label=Signal::derive(move || i18n.t(G::Unit)) value=unit errors=errors/>
                </div>
            </Show>
            {(level == GoalLevel::Municipality).then(|| view! {
                <div class="field">
                    <label for="goal-area">{i18n.t(G::Area)}</label>
                    <select id="goal-area" on:change=move |ev| area.set(event_target_value(&ev))>
                        <option value="">{i18n.t(G::NoArea)}</option>
                        {Area::ALL.into_iter().map(|a| view! {
                            <option value=a.code() selected=area.get_untracked() == a.code()>{a.label(lang)}</option>
                        }).collect_view()}
                    </select>
                </div>
                <details class="field-wide goal-agenda">
                    <summary>{i18n.t(G::Agenda)}</summary>
                    <fieldset class="field">
                        <legend class="visually-hidden">{i18n.t(G::Agenda)}</legend>
                        {(1..=17u8).map(|n| view! {
                            <label class="check">
                                <input type="checkbox" checked=agenda.get_untracked().contains(&n) on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    agenda.update(|a| { a.retain(|x| *x != n); if on { a.push(n); a.sort_unstable(); } });
                                }/>
                                <span>{format!("{n}. {}", goal_label(n, lang))}</span>
                            </label>
                        }).collect_view()}
                    </fieldset>
                </details>
            })}
            {id.is_some().then(|| view! {
                <div class="field">
                    <label for="goal-status">{i18n.t(G::Status)}</label>
                    <select id="goal-status" on:change=move |ev| {
                        if let Some(s) = GoalStatus::from_code(&event_target_value(&ev)) { status.set(s); }
                    }>
                        {GoalStatus::ALL.into_iter().map(|s| view! {
                            <option value=s.code() selected=status.get_untracked() == s>{s.label(lang)}</option>
                        }).collect_view()}
                    </select>
                </div>
            })}
            <div class="actions">
                <button type="submit" class="button button-primary" disabled=move || save.pending().get()>
                    {move || if save.pending().get() { i18n.t(K::Saving) } else { i18n.t(K::Save) }}
                </button>
                <button type="button" class="button button-secondary" on:click=move |_| done.run(None)>{i18n.t(K::Cancel)}</button>
            </div>
        </form>
    }
}

/// Carrying the year's goals the caller set to a later year, after review (the year
/// shown is left as it was).
#[component]
fn CarrySection(from: SchoolYearId) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let years = use_reference().school_years();
    let to = RwSignal::new(None::<SchoolYearId>);
    let preview = RwSignal::new(None::<CarryPreview>);
    let chosen = RwSignal::new(Vec::<GoalId>::new());
    let error = RwSignal::new(None::<String>);
    let status = RwSignal::new(None::<String>);
    let later = move || {
        let all = years.get().and_then(Result::ok).unwrap_or_default();
        let start = all
            .iter()
            .find(|y| y.id == from)
            .map(|y| y.starts_on.clone());
        all.into_iter()
            .filter(|y| {
                start
                    .as_ref()
                    .is_some_and(|s| y.starts_on.as_str() > s.as_str())
            })
            .rev()
            .collect::<Vec<_>>()
    };
    let show = move || {
        let Some(to) = to.get_untracked().or_else(|| later().first().map(|y| y.id)) else {
            return;
        };
        leptos::task::spawn_local(async move {
            match api.carry_preview(from, to).await {
                Ok(p) => {
                    chosen.set(
                        p.lines
                            .iter()
                            .filter(|l| !l.carried && !l.blocked)
                            .map(|l| l.goal)
                            .collect(),
                    );
                    preview.set(Some(p));
                    error.set(None);
                }
                Err(e) => error.set(Some(e.message(i18n))),
            }
        });
    };
    let carry = move |_| {
        let Some(p) = preview.get_untracked() else {
            return;
        };
        let request = CarryRequest {
            from,
            to: p.to,
            goals: chosen.get_untracked(),
        };
        leptos::task::spawn_local(async move {
            match api.carry_goals(&request).await {
                Ok(r) => {
                    status.set(Some(i18n.count(
                        G::CarryDone,
                        r.created.len(),
                        &[&r.created.len()],
                    )));
                    preview.set(None);
                }
                Err(e) => error.set(Some(e.message(i18n))),
            }
        });
    };
    view! {
        <details class="card goals-carry no-print">
            <summary>{move || i18n.t(G::Carry)}</summary>
            <p>{move || i18n.t(G::CarryIntro)}</p>
            <StatusText message=status/>
            <ErrorText message=error/>
            {move || {
                let later = later();
                if later.is_empty() {
                    return view! { <p class="muted">{i18n.t(G::CarryNoLater)}</p> }.into_any();
                }
                view! {
                    <div class="toolbar">
                        <div class="field">
                            <label for="goals-carry-to">{i18n.t(G::CarryTo)}</label>
                            <select id="goals-carry-to" on:change=move |ev| { to.set(event_target_value(&ev).parse().ok()); preview.set(None); }>
                                {later.into_iter().map(|y| view! { <option value=y.id.to_string()>{y.name}</option> }).collect_view()}
                            </select>
                        </div>
                        <button type="button" class="button button-secondary" on:click=move |_| show()>{i18n.t(G::CarryShow)}</button>
                    </div>
                }.into_any()
            }}
            {move || preview.get().map(|p| {
                let lang = i18n.lang.get();
                if p.lines.is_empty() {
                    return view! { <p class="muted">{i18n.t(G::CarryNone)}</p> }.into_any();
                }
                view! {
                    <fieldset class="field field-wide">
                        <legend>{i18n.t(G::Carry)}</legend>
                        {p.lines.into_iter().map(|l| {
                            let open = !l.carried && !l.blocked;
                            let goal = l.goal;
                            let why = if l.carried { Some(i18n.t(G::Carried)) } else if l.blocked { Some(i18n.t(G::Blocked)) } else { None };
                            view! {
                                <label class="check">
                                    <input type="checkbox" disabled=!open checked=move || chosen.with(|c| c.contains(&goal)) on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        chosen.update(|c| { c.retain(|g| *g != goal); if on { c.push(goal); } });
                                    }/>
                                    <span>{format!("{} – {} ({})", i18n.t(level_label(l.level)), l.title, l.status.label(lang))}</span>
                                    {why.map(|w| view! { <span class="muted">{format!(" · {w}")}</span> })}
                                </label>
                            }
                        }).collect_view()}
                    </fieldset>
                    <button type="button" class="button button-primary" disabled=move || chosen.with(Vec::is_empty) on:click=carry>{i18n.t(G::CarryDo)}</button>
                }.into_any()
            })}
        </details>
    }
}

/// `/mal/{id}`: one goal.
#[component]
fn GoalPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let params = use_params_map();
    let navigate = use_navigate();
    use_title(G::Title);
    let id =
        Memo::new(move |_| params.with(|p| p.get("id").and_then(|v| v.parse::<GoalId>().ok())));
    let data = LocalResource::new(move || {
        let id = id.get();
        async move {
            let goal = api.goal(id.unwrap_or_default()).await?;
            let year = api.goals(Some(goal.year)).await?;
            Ok::<_, crate::api::ApiError>((goal, year))
        }
    });
    let editing = RwSignal::new(false);
    let status = RwSignal::new(None::<String>);
    let done = Callback::new(move |saved: Option<GoalId>| {
        editing.set(false);
        if saved.is_some() {
            status.set(Some(i18n.t(G::Saved).to_owned()));
            data.refetch();
        }
    });
    view! {
        <section class="page goal-page">
            <Transition>
                {loaded(data, move |(goal, year): (Goal, YearGoals)| {
                    let lang = i18n.lang.get();
                    let navigate = navigate.clone();
                    let title_of = |gid: GoalId| {
                        year.municipality.iter().chain(&year.schools).find(|g| g.id == gid).map(|g| g.title.clone())
                    };
                    // What it serves, and what that serves in turn (a teacher goal's
                    // school goal and its municipality goals).
                    let above = |gid: GoalId| {
                        year.schools.iter().find(|g| g.id == gid).map(|g| g.serves.iter().filter_map(|m| title_of(*m)).collect::<Vec<_>>().join(" · ")).unwrap_or_default()
                    };
                    let serves: Vec<(GoalId, String, String)> = goal.serves.iter().filter_map(|g| title_of(*g).map(|t| (*g, t, above(*g)))).collect();
                    let served_by: Vec<Goal> = year.schools.iter().chain(&year.teachers).filter(|g| g.serves.contains(&goal.id)).cloned().collect();
                    let count = year.served_by.iter().find(|c| c.goal == goal.id).copied();
                    let writable = may_write(&goal, &year);
                    let context = StoredValue::new(year.clone());
                    let g = StoredValue::new(goal.clone());
                    let remove_error = RwSignal::new(None::<String>);
                    let remove = move |_| {
                        let ok = window().confirm_with_message(i18n.t(G::RemoveConfirm)).unwrap_or(false);
                        if !ok {
                            return;
                        }
                        let (gid, version, year) = g.with_value(|g| (g.id, g.version, g.year));
                        let navigate = navigate.clone();
                        leptos::task::spawn_local(async move {
                            match api.delete_goal(gid, version).await {
                                Ok(()) => navigate(&format!("/mal?year={year}"), NavigateOptions::default()),
                                Err(e) => remove_error.set(Some(e.message(i18n))),
                            }
                        });
                    };
                    view! {
                        <p class="no-print"><A href=format!("/mal?year={}", goal.year)>{i18n.t(G::BackToGoals)}</A></p>
                        <h1>{goal.title.clone()}</h1>
                        <p class="goal-meta">
                            <span class="badge">{i18n.t(level_label(goal.level))}</span>
                            {goal.school.as_ref().map(|s| view! { <span>{s.name.clone()}</span> })}
                            {status_badge(goal.status, lang)}
                            <span class="muted">{format!("{}: {}", i18n.t(G::Owner), goal.owner.name)}</span>
                        </p>
                        <StatusText message=status/>
                        {(!goal.description.is_empty()).then(|| view! { <p class="goal-description">{goal.description.clone()}</p> })}
                        <dl class="goal-facts">
                            <dt>{i18n.t(G::HowWeKnow)}</dt>
                            <dd>{measure_text(i18n, &goal.measure)}</dd>
                            {goal.area.map(|a| view! { <dt>{i18n.t(G::Area)}</dt><dd>{a.label(lang)}</dd> })}
                            {(!goal.agenda2030.is_empty()).then(|| view! {
                                <dt>{i18n.t(G::Agenda)}</dt>
                                <dd>{goal.agenda2030.iter().map(|n| format!("{n}. {}", goal_label(*n, lang))).collect::<Vec<_>>().join(", ")}</dd>
                            })}
                            {(!serves.is_empty()).then(|| view! {
                                <dt>{i18n.t(G::Serves)}</dt>
                                <dd><ul class="plain">{serves.into_iter().map(|(gid, t, up)| view! {
                                    <li>
                                        <A href=format!("/mal/{gid}")>{t}</A>
                                        {(!up.is_empty()).then(|| view! { <span class="muted">{format!(" → {up}")}</span> })}
                                    </li>
                                }).collect_view()}</ul></dd>
                            })}
                            {(goal.level == GoalLevel::School).then(|| count.map(|c| view! {
                                <dt>{i18n.t(G::LevelTeacher)}</dt>
                                <dd>{teacher_goals(i18n, c.teacher_goals, c.teachers)}</dd>
                            }))}
                        </dl>
                        {(!served_by.is_empty()).then(|| view! {
                            <h2>{i18n.t(G::ServedBy)}</h2>
                            <ul class="plain goal-schools">
                                {served_by.iter().map(|s| view! {
                                    <li>
                                        <span class="goal-school">{s.school.as_ref().map(|x| x.name.clone()).unwrap_or_else(|| s.owner.name.clone())}</span>
                                        {goal_link(s)}
                                        {status_badge(s.status, lang)}
                                    </li>
                                }).collect_view()}
                            </ul>
                        })}
                        {(goal.level == GoalLevel::Teacher).then(|| view! {
                            <section class="goals-part" aria-labelledby="goal-evidence-heading">
                                <h2 id="goal-evidence-heading">{i18n.t(G::EvidenceTitle)}</h2>
                                {if goal.evidence.is_empty() {
                                    view! { <p class="muted">{i18n.t(G::EvidenceNone)}</p> }.into_any()
                                } else {
                                    view! {
                                        <ol class="plain goal-notes goal-evidence">
                                            {goal.evidence.iter().map(|e| view! {
                                                <li>
                                                    <p class="muted">
                                                        <A href=format!("/traffar/{}#plan-heading", e.meeting)>{format!("{} · {}", e.on, e.group)}</A>
                                                    </p>
                                                    {e.focus.clone().map(|f| view! { <p>{f}</p> })}
                                                </li>
                                            }).collect_view()}
                                        </ol>
                                    }.into_any()
                                }}
                            </section>
                        })}
                        <section class="goals-part" aria-labelledby="goal-notes-heading">
                            <h2 id="goal-notes-heading">{i18n.t(G::Notes)}</h2>
                            {if goal.notes.is_empty() {
                                view! { <p class="muted">{i18n.t(G::NotesNone)}</p> }.into_any()
                            } else {
                                view! {
                                    <ol class="plain goal-notes">
                                        {goal.notes.iter().map(|n| view! {
                                            <li><p class="muted">{format!("{} · {}", n.on, n.author.name)}</p><p>{n.text.clone()}</p></li>
                                        }).collect_view()}
                                    </ol>
                                }.into_any()
                            }}
                            {writable.then(|| view! { <NoteForm goal=g.get_value() done=Callback::new(move |()| { status.set(Some(i18n.t(G::NoteSaved).to_owned())); data.refetch(); })/> })}
                        </section>
                        {writable.then(|| view! {
                            <div class="toolbar no-print">
                                <button type="button" class="button button-secondary" on:click=move |_| editing.set(true)>{i18n.t(G::EditGoal)}</button>
                                <button type="button" class="button button-secondary" on:click=remove>{i18n.t(G::Remove)}</button>
                            </div>
                            <ErrorText message=remove_error/>
                        })}
                        {move || editing.get().then(|| view! {
                            <GoalForm level=g.with_value(|g| g.level) context=context.get_value() existing=Some(g.get_value()) done=done/>
                        })}
                    }
                })}
            </Transition>
        </section>
    }
}

/// Whether the reader may change `goal`, as the server decides it: the steering group
/// the municipality's goals; a school's goals and its teachers' goals, the principal
/// (a school the reader sets goals of); a teacher's goal, the teacher.
fn may_write(goal: &Goal, year: &YearGoals) -> bool {
    let session = use_session();
    let me = session.me.get_untracked().map(|m| m.id);
    let principal = goal
        .school
        .as_ref()
        .is_some_and(|s| year.my_schools.iter().any(|m| m.id == s.id));
    match goal.level {
        GoalLevel::Municipality => session.may_untracked(may_set_municipality_goals),
        GoalLevel::School => principal,
        GoalLevel::Teacher => Some(goal.owner.id) == me || principal,
    }
}

/// A dated follow-up note, with a new status if one is chosen.
#[component]
fn NoteForm(goal: Goal, done: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let lang = i18n.lang.get_untracked();
    let errors = FieldErrors::default();
    let form_error = RwSignal::new(None::<String>);
    let on = RwSignal::new(crate::format::today());
    let text = RwSignal::new(String::new());
    let status = RwSignal::new(String::new());
    let (id, version) = (goal.id, goal.version);
    let save = Action::new_local(move |note: &NoteInput| {
        let note = note.clone();
        async move { api.add_goal_note(id, &note).await }
    });
    Effect::new(move |_| match save.value().get() {
        Some(Ok(_)) => {
            text.set(String::new());
            done.run(());
        }
        Some(Err(e)) => errors.show_api_error(&e, form_error),
        None => {}
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let note = NoteInput {
            on: Some(on.get_untracked()),
            text: text.get_untracked(),
            status: GoalStatus::from_code(&status.get_untracked()),
            version,
        };
        if errors.accept(&note, form_error) {
            save.dispatch(note);
        }
    };
    view! {
        <form class="card form goal-note-form no-print" on:submit=on_submit novalidate=true aria-labelledby="goal-note-heading">
            <h3 id="goal-note-heading">{i18n.t(G::NoteAdd)}</h3>
            <ErrorText message=form_error/>
            <div class="goal-figure">
                <TextField name="on" kind="date" label=Signal::derive(move || i18n.t(G::NoteOn)) value=on errors=errors/>
                <div class="field">
                    <label for="goal-note-status">{i18n.t(G::NoteStatus)}</label>
                    <select id="goal-note-status" on:change=move |ev| status.set(event_target_value(&ev))>
                        <option value="">{i18n.t(G::KeepStatus)}</option>
                        {GoalStatus::ALL.into_iter().map(|s| view! { <option value=s.code()>{s.label(lang)}</option> }).collect_view()}
                    </select>
                </div>
            </div>
            <TextArea name="text" label=Signal::derive(move || i18n.t(G::NoteText)) value=text errors=errors rows=3/>
            <div class="actions">
                <button type="submit" class="button button-primary" disabled=move || save.pending().get()>
                    {move || if save.pending().get() { i18n.t(K::Saving) } else { i18n.t(K::Save) }}
                </button>
            </div>
        </form>
    }
}
