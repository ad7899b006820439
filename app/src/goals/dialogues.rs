//! `/resultat/dialoger`: the resultatdialoger the caller reads, newest first, and a new
//! one for a school they are a party for. `/resultat/dialoger/{id}`: one dialogue: the
//! figures as they stood that day, the last dialogue's insatser to follow up, the
//! analysis, the insatser (owner, time, goal), the decisions and the next date; written
//! by its two parties, read by the steering group.

use kollegium_shared::goals::YearGoals;
use kollegium_shared::goals::dialogues::{
    ActionInput, DialogueInput, Dialogues, GoalWork, NewDialogue, ResultDialogue,
};
use kollegium_shared::ids::{ActivityId, GoalId, PersonId, SchoolId};
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};

use super::after_save;
use super::results::{choice_label, value_text};
use super::text::D;
use crate::api::use_api;
use crate::components::{ErrorText, FieldErrors, StatusText, TextArea, TextField, loaded};
use crate::i18n::{I18n, K, use_i18n, use_title};
use crate::reference::use_reference;

#[component]
pub(super) fn DialoguesPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    use_title(D::Title);
    let data = LocalResource::new(move || async move { api.dialogues().await });
    view! {
        <section class="page dialogues-page">
            <p class="no-print"><A href="/resultat">{move || i18n.t(D::ToResults)}</A></p>
            <h1>{move || i18n.t(D::Title)}</h1>
            <p class="lead">{move || i18n.t(D::Intro)}</p>
            <Transition>
                {loaded(data, move |d: Dialogues| {
                    let list = if d.dialogues.is_empty() {
                        view! { <p class="muted">{i18n.t(D::None)}</p> }.into_any()
                    } else {
                        view! {
                            <div class="table-scroll">
                                <table class="results-table dialogues-table">
                                    <caption>{i18n.t(D::Title)}</caption>
                                    <thead><tr>
                                        <th scope="col">{i18n.t(D::Held)}</th>
                                        <th scope="col">{i18n.t(D::School)}</th>
                                        <th scope="col">{i18n.t(D::Period)}</th>
                                        <th scope="col" class="num">{i18n.t(D::Actions)}</th>
                                        <th scope="col">{i18n.t(D::Next)}</th>
                                    </tr></thead>
                                    <tbody>
                                        {d.dialogues.clone().into_iter().map(|l| view! {
                                            <tr>
                                                <th scope="row"><A href=format!("/resultat/dialoger/{}", l.id)>{l.held_on.clone()}</A></th>
                                                <td>{l.school.name}</td>
                                                <td>{l.period_title.unwrap_or_default()}</td>
                                                <td class="num">{l.actions}</td>
                                                <td>{l.next_on.unwrap_or_default()}</td>
                                            </tr>
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            </div>
                        }.into_any()
                    };
                    view! {
                        {list}
                        {(!d.schools.is_empty()).then(|| view! { <NewDialogueForm dialogues=d.clone()/> })}
                    }
                })}
            </Transition>
        </section>
    }
}

/// A new dialogue of one of the caller's schools.
#[component]
fn NewDialogueForm(dialogues: Dialogues) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let navigate = use_navigate();
    let errors = FieldErrors::default();
    let form_error = RwSignal::new(None::<String>);
    let school = RwSignal::new(dialogues.schools.first().map(|s| s.id));
    let period = RwSignal::new(dialogues.periods.first().map(|p| p.id));
    let held_on = RwSignal::new(
        dialogues
            .periods
            .first()
            .map(|p| p.starts_on.clone())
            .unwrap_or_else(crate::format::today),
    );
    let save = Action::new_local(move |input: &NewDialogue| {
        let input = input.clone();
        async move { api.create_dialogue(&input).await }
    });
    Effect::new(move |_| match save.value().get() {
        Some(Ok(d)) => navigate(
            &format!("/resultat/dialoger/{}", d.id),
            NavigateOptions::default(),
        ),
        Some(Err(e)) => errors.show_api_error(&e, form_error),
        None => {}
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(school) = school.get_untracked() else {
            return;
        };
        let input = NewDialogue {
            school,
            held_on: held_on.get_untracked(),
            period: period.get_untracked(),
        };
        if errors.accept(&input, form_error) {
            save.dispatch(input);
        }
    };
    view! {
        <form class="card form results-part no-print" on:submit=on_submit novalidate=true aria-labelledby="dialogue-new-heading">
            <h2 id="dialogue-new-heading">{i18n.t(D::New)}</h2>
            <p class="field-hint">{i18n.t(D::NewHint)}</p>
            <ErrorText message=form_error/>
            <div class="talk-offer-fields">
                <div class="field">
                    <label for="dialogue-school">{i18n.t(D::School)}</label>
                    <select id="dialogue-school" on:change=move |ev| school.set(event_target_value(&ev).parse::<SchoolId>().ok())>
                        {dialogues.schools.iter().map(|s| view! { <option value=s.id.to_string()>{s.name.clone()}</option> }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="dialogue-period">{i18n.t(D::Period)}</label>
                    <select id="dialogue-period" on:change=move |ev| period.set(event_target_value(&ev).parse::<ActivityId>().ok())>
                        {dialogues.periods.iter().map(|p| view! {
                            <option value=p.id.to_string()>{format!("{} ({}–{})", p.title, p.starts_on, p.ends_on)}</option>
                        }).collect_view()}
                        <option value="">{i18n.t(D::NoPeriod)}</option>
                    </select>
                </div>
                <TextField name="held_on" kind="date" label=Signal::derive(move || i18n.t(D::Held)) value=held_on errors=errors required=true/>
            </div>
            <div class="actions">
                <button type="submit" class="button button-primary" disabled=move || save.pending().get()>{i18n.t(D::Create)}</button>
            </div>
        </form>
    }
}

#[component]
pub(super) fn DialoguePage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    use_title(D::Title);
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").and_then(|v| v.parse().ok())));
    let data = LocalResource::new(move || {
        let id = id.get();
        async move {
            let d = api.dialogue(id.unwrap_or_default()).await?;
            // The goals an insats can serve: the municipality's and the school's.
            let goals = if d.writable {
                api.goals(None).await.ok()
            } else {
                None
            };
            Ok::<_, crate::api::ApiError>((d, goals))
        }
    });
    view! {
        <section class="page dialogue-page">
            <p class="no-print"><A href="/resultat/dialoger">{move || i18n.t(D::Back)}</A></p>
            <Transition>
                {loaded(data, move |(d, goals)| view! { <DialogueView dialogue=d goals=goals/> })}
            </Transition>
        </section>
    }
}

/// An insats being written.
#[derive(Clone)]
struct Row {
    key: usize,
    text: RwSignal<String>,
    owner: RwSignal<Option<PersonId>>,
    due: RwSignal<String>,
    goal: RwSignal<Option<GoalId>>,
}

#[component]
fn DialogueView(dialogue: ResultDialogue, goals: Option<YearGoals>) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let lang = i18n.lang.get_untracked();
    let subjects = use_reference().subjects();
    let subject_name = move |code: &str| {
        subjects
            .get_untracked()
            .and_then(Result::ok)
            .and_then(|all| all.into_iter().find(|s| s.code == code).map(|s| s.name))
            .unwrap_or_else(|| code.to_owned())
    };
    let d = dialogue;
    let writable = d.writable;
    let errors = FieldErrors::default();
    let form_error = RwSignal::new(None::<String>);
    let status = RwSignal::new(None::<String>);
    let analysis = RwSignal::new(d.analysis.clone());
    let decisions = RwSignal::new(d.decisions.clone());
    let follow_up = RwSignal::new(d.follow_up.clone());
    let next_on = RwSignal::new(d.next_on.clone().unwrap_or_default());
    let version = RwSignal::new(d.version);
    let next_key = StoredValue::new(d.actions.len());
    let rows = RwSignal::new(
        d.actions
            .iter()
            .enumerate()
            .map(|(key, a)| Row {
                key,
                text: RwSignal::new(a.text.clone()),
                owner: RwSignal::new(a.owner.as_ref().map(|o| o.id)),
                due: RwSignal::new(a.due.clone().unwrap_or_default()),
                goal: RwSignal::new(a.goal),
            })
            .collect::<Vec<_>>(),
    );
    let owners: Vec<(PersonId, String)> = d
        .principal
        .iter()
        .chain(d.head.iter())
        .map(|p| (p.id, p.name.clone()))
        .collect();
    let school = d.school.id;
    let goal_options: Vec<(GoalId, String)> = goals
        .map(|g| {
            g.municipality
                .iter()
                .chain(
                    g.schools
                        .iter()
                        .filter(|x| x.school.as_ref().is_some_and(|s| s.id == school)),
                )
                .map(|x| (x.id, x.title.clone()))
                .collect()
        })
        .unwrap_or_default();
    let save = Action::new_local(move |input: &DialogueInput| {
        let input = input.clone();
        async move { api.update_dialogue(d.id, &input).await }
    });
    after_save(
        save,
        errors,
        form_error,
        status,
        move |saved: &ResultDialogue| {
            version.set(saved.version);
            i18n.t(D::Saved).to_owned()
        },
    );
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = |s: RwSignal<String>| s.get_untracked().trim().to_owned();
        let input = DialogueInput {
            analysis: analysis.get_untracked(),
            actions: rows
                .get_untracked()
                .iter()
                .map(|r| ActionInput {
                    text: r.text.get_untracked(),
                    owner: r.owner.get_untracked(),
                    due: Some(text(r.due)).filter(|d| !d.is_empty()),
                    goal: r.goal.get_untracked(),
                })
                .collect(),
            decisions: decisions.get_untracked(),
            follow_up: follow_up.get_untracked(),
            next_on: Some(text(next_on)).filter(|d| !d.is_empty()),
            version: version.get_untracked(),
        };
        if errors.accept(&input, form_error) {
            save.dispatch(input);
        }
    };
    let add = move |_| {
        let key = next_key.get_value();
        next_key.set_value(key + 1);
        rows.update(|r| {
            r.push(Row {
                key,
                text: RwSignal::new(String::new()),
                owner: RwSignal::new(None),
                due: RwSignal::new(String::new()),
                goal: RwSignal::new(None),
            });
        });
    };
    let owners = StoredValue::new(owners);
    let goal_options = StoredValue::new(goal_options);
    let title = i18n.fill(D::DialogueTitle, &[&d.school.name, &d.held_on]);
    view! {
        <h1>{title}</h1>
        <p class="talk-meta">
            {d.period_title.clone().map(|p| view! { <span class="badge">{p}</span> })}
            {d.principal.clone().map(|p| view! { <span>{i18n.fill(D::Principal, &[&p.name])}</span> })}
            {d.head.clone().map(|h| view! { <span>{i18n.fill(D::Head, &[&h.name])}</span> })}
        </p>
        <section class="card results-part" aria-labelledby="dialogue-figures-heading">
            <h2 id="dialogue-figures-heading">{i18n.t(D::Figures)}</h2>
            <p id="dialogue-figures-sentence">{i18n.fill(D::FiguresSentence, &[&d.held_on])}</p>
            {if d.figures.is_empty() {
                view! { <p class="muted">{i18n.t(D::NoFigures)}</p> }.into_any()
            } else {
                view! {
                    <div class="table-scroll">
                        <table class="results-table" aria-describedby="dialogue-figures-sentence">
                            <thead><tr>
                                <th scope="col">{i18n.t(D::Figure)}</th>
                                <th scope="col">{i18n.t(D::Year)}</th>
                                <th scope="col" class="num">{i18n.t(D::Value)}</th>
                                <th scope="col" class="num">{i18n.t(D::Pupils)}</th>
                            </tr></thead>
                            <tbody>
                                {d.figures.iter().map(|f| view! {
                                    <tr>
                                        <th scope="row">{choice_label(&f.choice, lang, &subject_name)}</th>
                                        <td>{f.year.clone()}</td>
                                        <td class="num">{value_text(f.value, f.choice.figure, lang)}</td>
                                        <td class="num">{f.pupils}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
        </section>
        {d.previous.clone().map(|p| view! {
            <section class="card results-part" aria-labelledby="dialogue-previous-heading">
                <h2 id="dialogue-previous-heading">{i18n.fill(D::Previous, &[&p.held_on])}</h2>
                {if p.actions.is_empty() {
                    view! { <p class="muted">{i18n.t(D::PreviousNone)}</p> }.into_any()
                } else {
                    view! {
                        <ul class="plain talk-plans">
                            {p.actions.iter().map(|a| view! {
                                <li>
                                    <p>{a.text.clone()}</p>
                                    <p class="muted">{[a.owner.as_ref().map(|o| o.name.clone()), a.due.clone(), a.goal_title.clone()].into_iter().flatten().collect::<Vec<_>>().join(" · ")}</p>
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
                {(!d.goal_work.is_empty()).then(|| goal_work_view(i18n, d.goal_work.clone(), &p.held_on))}
            </section>
        })}
        <form class="card form results-part" on:submit=on_submit novalidate=true aria-labelledby="dialogue-record-heading">
            <h2 id="dialogue-record-heading">{i18n.t(D::Record)}</h2>
            <ErrorText message=form_error/>
            <fieldset class="field field-wide" disabled=!writable>
                <legend class="visually-hidden">{i18n.t(D::Record)}</legend>
                <TextArea name="follow_up" label=Signal::derive(move || i18n.t(D::FollowUp)) value=follow_up errors=errors rows=3/>
                <TextArea name="analysis" label=Signal::derive(move || i18n.t(D::Analysis)) value=analysis errors=errors rows=4/>
                <h3>{i18n.t(D::Actions)}</h3>
                <p class="field-error" id="field-actions-error" aria-live="polite">{move || errors.get("actions")}</p>
                <ol class="plain dialogue-actions">
                    <For each=move || rows.get() key=|r| r.key let:row>
                        <li class="card dialogue-action">
                            <div class="field field-wide">
                                <label for=format!("action-{}-text", row.key)>{i18n.t(D::ActionText)}</label>
                                <input id=format!("action-{}-text", row.key) type="text" aria-describedby="field-actions-error"
                                    prop:value=move || row.text.get() on:input=move |ev| { row.text.set(event_target_value(&ev)); errors.clear("actions"); }/>
                            </div>
                            <div class="talk-offer-fields">
                                <div class="field">
                                    <label for=format!("action-{}-owner", row.key)>{i18n.t(D::Owner)}</label>
                                    <select id=format!("action-{}-owner", row.key) on:change=move |ev| row.owner.set(event_target_value(&ev).parse().ok())>
                                        <option value="">{i18n.t(D::NoOwner)}</option>
                                        {owners.get_value().into_iter().map(|(id, name)| view! {
                                            <option value=id.to_string() selected=row.owner.get_untracked() == Some(id)>{name}</option>
                                        }).collect_view()}
                                    </select>
                                </div>
                                <div class="field">
                                    <label for=format!("action-{}-due", row.key)>{i18n.t(D::Due)}</label>
                                    <input id=format!("action-{}-due", row.key) type="date" prop:value=move || row.due.get()
                                        on:input=move |ev| row.due.set(event_target_value(&ev))/>
                                </div>
                                <div class="field">
                                    <label for=format!("action-{}-goal", row.key)>{i18n.t(D::Goal)}</label>
                                    <select id=format!("action-{}-goal", row.key) on:change=move |ev| row.goal.set(event_target_value(&ev).parse().ok())>
                                        <option value="">{i18n.t(D::NoGoal)}</option>
                                        {goal_options.get_value().into_iter().map(|(id, title)| view! {
                                            <option value=id.to_string() selected=row.goal.get_untracked() == Some(id)>{title}</option>
                                        }).collect_view()}
                                    </select>
                                </div>
                            </div>
                            {writable.then(|| {
                                let key = row.key;
                                view! {
                                    <button type="button" class="button button-secondary button-small"
                                        on:click=move |_| rows.update(|r| r.retain(|x| x.key != key))>{i18n.t(D::RemoveAction)}</button>
                                }
                            })}
                        </li>
                    </For>
                </ol>
                {writable.then(|| view! { <button type="button" class="button button-secondary" on:click=add>{i18n.t(D::AddAction)}</button> })}
                <TextArea name="decisions" label=Signal::derive(move || i18n.t(D::Decisions)) value=decisions errors=errors rows=3/>
                <TextField name="next_on" kind="date" label=Signal::derive(move || i18n.t(D::Next)) value=next_on errors=errors/>
            </fieldset>
            {writable.then(|| view! {
                <div class="actions">
                    <button type="submit" class="button button-primary" disabled=move || save.pending().get()>{i18n.t(K::Save)}</button>
                </div>
            })}
            <StatusText message=status/>
        </form>
    }
}

/// What the school's teachers did since the last dialogue for the goals its insatser
/// served: a table of counts, and the sentence saying what it shows.
fn goal_work_view(i18n: I18n, work: Vec<GoalWork>, since: &str) -> impl IntoView {
    let lang = i18n.lang.get_untracked();
    let statuses = |w: &GoalWork| {
        w.statuses
            .iter()
            .map(|c| format!("{} {}", c.count, c.status.label(lang).to_lowercase()))
            .collect::<Vec<_>>()
            .join(", ")
    };
    view! {
        <h3 id="dialogue-work-heading">{i18n.t(D::WorkTitle)}</h3>
        <p class="chart-caption">{i18n.fill(D::WorkSentence, &[&since])}</p>
        <div class="table-wrap" tabindex="0" role="group" aria-labelledby="dialogue-work-heading">
            <table class="results-table dialogue-work">
                <caption>{i18n.t(D::WorkTitle)}</caption>
                <thead><tr>
                    <th scope="col">{i18n.t(D::Goal)}</th>
                    <th scope="col">{i18n.t(D::WorkStatus)}</th>
                    <th scope="col" class="num">{i18n.t(D::WorkTeacherGoals)}</th>
                    <th scope="col">{i18n.t(D::WorkTheirStatus)}</th>
                    <th scope="col" class="num">{i18n.t(D::WorkPlans)}</th>
                    <th scope="col">{i18n.t(D::WorkGroups)}</th>
                </tr></thead>
                <tbody>
                    {work.into_iter().map(|w| {
                        let their = statuses(&w);
                        let note = w.note.map(|n| format!("{} {}", w.note_on.unwrap_or_default(), n));
                        let goals = format!("{} ({})", w.teacher_goals, w.teachers);
                        view! {
                            <tr>
                                <th scope="row">
                                    <A href=format!("/mal/{}", w.goal)>{w.title}</A>
                                    {note.map(|n| view! { <span class="muted dialogue-work-note">{n}</span> })}
                                </th>
                                <td>{w.status.label(lang)}</td>
                                <td class="num">{goals}</td>
                                <td>{their}</td>
                                <td class="num">{w.plans}</td>
                                <td>{w.groups.join(", ")}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
