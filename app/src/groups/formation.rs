//! `/grupper/bilda`: the steering group forms the year's learning groups. The formation
//! runs here in the browser (the same code as on the server), so the preview follows
//! the size bounds and the grouping as they are changed; saving sends the preview's
//! fingerprint, and the server refuses (409) if staff or groups changed since.
//! Teachers already in a group stay where they are; only those in none are placed.

use std::collections::HashMap;

use kollegium_shared::groups::access::may_edit_groups;
use kollegium_shared::groups::formation::{self, Bounds, Grouping, Plan, PlannedGroup, Settings};
use kollegium_shared::groups::{FormationInput, FormationRequest, SchoolYear};
use kollegium_shared::ids::{GroupId, PersonId, SchoolYearId};
use kollegium_shared::org::SubjectItem;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

use crate::api::{ApiError, use_api};
use crate::components::{LoadError, Loading, NewYearForm, load_failure, loaded};
use crate::format::today;
use crate::groups::text::GroupsText;
use crate::i18n::{K, use_i18n, use_title};
use crate::reference::{subject_label, use_reference};
use crate::session::use_session;

/// The year holding today, else the latest.
fn pick_year(years: &[SchoolYear]) -> Option<SchoolYearId> {
    let today = today();
    years
        .iter()
        .find(|y| y.starts_on <= today && today <= y.ends_on)
        .or_else(|| years.iter().max_by(|a, b| a.starts_on.cmp(&b.starts_on)))
        .map(|y| y.id)
}

/// Milliseconds since the page started, for timing the preview.
fn now_ms() -> f64 {
    window().performance().map_or(0.0, |p| p.now())
}

#[component]
pub fn FormationPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    use_title(GroupsText::FormationTitle);
    let editor = use_session().may_untracked(may_edit_groups);
    let year = RwSignal::new(None::<SchoolYearId>);
    let reference = use_reference();
    let years = reference.school_years();
    let year_added = Callback::new(move |id: SchoolYearId| {
        year.set(Some(id));
        years.refetch();
    });
    Effect::new(move |_| {
        if year.get_untracked().is_none()
            && let Some(Ok(list)) = years.get()
        {
            year.set(pick_year(&list));
        }
    });
    let input = LocalResource::new(move || {
        let year = year.get();
        async move {
            match year {
                Some(y) => Some(api.formation_input(y).await),
                None => None,
            }
        }
    });
    let names = LocalResource::new(move || {
        let year = year.get();
        async move {
            let Some(y) = year else {
                return Ok(HashMap::new());
            };
            api.roster(Some(y))
                .await
                .map(|r| r.groups.into_iter().map(|g| (g.id, g.name)).collect())
        }
    });
    let subjects = reference.subjects();
    let reload = Callback::new(move |()| {
        input.refetch();
        names.refetch();
    });

    view! {
        <section class="page formation-page">
            <p class="breadcrumb"><A href="/grupper">{move || i18n.t(GroupsText::RosterTitle)}</A></p>
            <h1>{move || i18n.t(GroupsText::FormationTitle)}</h1>
            {if editor {
                view! {
                    <p class="lead">{move || i18n.t(GroupsText::FormationIntro)}</p>
                    {move || years.get().map(|r| match r {
                        Ok(list) if list.is_empty() => view! { <p class="notice">{i18n.t(GroupsText::NoSchoolYear)}</p> }.into_any(),
                        Ok(list) => (list.len() > 1).then(|| view! {
                            <div class="field">
                                <label for="formation-year">{i18n.t(K::SchoolYear)}</label>
                                <select id="formation-year" on:change=move |ev| year.set(event_target_value(&ev).parse().ok())>
                                    {list.into_iter().map(|y| view! {
                                        <option value=y.id.to_string() prop:selected=move || Some(y.id) == year.get()>{y.name}</option>
                                    }).collect_view()}
                                </select>
                            </div>
                        }).into_any(),
                        Err(e) => view! { <LoadError error=e retry=Callback::new(move |()| years.refetch())/> }.into_any(),
                    })}
                    <NewYearForm years=Signal::derive(move || years.get().and_then(Result::ok).unwrap_or_default()) added=year_added/>
                    {load_failure(subjects)}
                    <Transition fallback=move || view! { <Loading/> }>
                        {move || input.get().flatten().map(|r| match r {
                            Err(e) => view! { <LoadError error=e retry=reload/> }.into_any(),
                            Ok(data) => loaded(names, move |names| view! {
                                <Former data=data.clone() names=names subjects=reference.subject_list() reload=reload/>
                            }).into_any(),
                        })}
                    </Transition>
                }.into_any()
            } else {
                view! { <p class="notice" role="alert">{move || i18n.t(K::NotAllowed)}</p> }.into_any()
            }}
        </section>
    }
}

/// A size bound: a number field with its error.
#[component]
fn BoundInput(
    name: &'static str,
    label: K,
    value: RwSignal<String>,
    error: Signal<Option<&'static str>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = format!("formation-{name}");
    let error_id = format!("formation-{name}-error");
    view! {
        <div class="field" class:field-invalid=move || error.get().is_some()>
            <label for=id.clone()>{move || i18n.t(label)}</label>
            <input id=id type="number" inputmode="numeric" min="2" max="200" aria-describedby=error_id.clone()
                aria-invalid=move || if error.get().is_some() { "true" } else { "false" }
                prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))/>
            <p class="field-error" id=error_id aria-live="polite">{move || error.get()}</p>
        </div>
    }
}

#[component]
fn Former(
    data: FormationInput,
    names: HashMap<GroupId, String>,
    subjects: Vec<SubjectItem>,
    reload: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let navigate = use_navigate();
    let min = RwSignal::new(data.bounds.min.to_string());
    let max = RwSignal::new(data.bounds.max.to_string());
    let grouping = RwSignal::new(Grouping::default());
    let year_id = data.school_year.id;
    let data = StoredValue::new(data);
    let people: StoredValue<HashMap<PersonId, (String, String)>> =
        StoredValue::new(data.with_value(|d| {
            d.people
                .iter()
                .map(|p| (p.id, (p.name.clone(), p.school.clone())))
                .collect()
        }));
    let subjects = StoredValue::new(subjects);
    let names = StoredValue::new(names);

    // The bounds as typed, or the field that is wrong.
    let bounds = Memo::new(move |_| {
        let lo = min.get().trim().parse::<u32>();
        let hi = max.get().trim().parse::<u32>();
        match (lo, hi) {
            (Ok(lo), Ok(hi)) => {
                let b = Bounds { min: lo, max: hi };
                b.check().map(|()| b).map_err(|m| ("max", m))
            }
            (Err(_), _) => Err(("min", kollegium_shared::i18n::Msg::BoundsInvalid)),
            (_, Err(_)) => Err(("max", kollegium_shared::i18n::Msg::BoundsInvalid)),
        }
    });
    // The plan and how long it took to compute, in milliseconds.
    let timed = Memo::new(move |_| {
        let bounds = bounds.get().ok()?;
        let settings = Settings {
            bounds,
            grouping: grouping.get(),
        };
        let started = now_ms();
        let plan = data.with_value(|d| formation::form(&d.candidates, &d.existing, settings));
        Some((plan, now_ms() - started))
    });
    let plan = Memo::new(move |_| timed.get().map(|(p, _)| p));
    let elapsed = move || timed.with(|t| t.as_ref().map_or(0.0, |(_, ms)| *ms));

    let save = Action::new_local(move |(): &()| {
        let request = FormationRequest {
            school_year_id: year_id,
            settings: Settings {
                bounds: bounds.get_untracked().unwrap_or_default(),
                grouping: grouping.get_untracked(),
            },
            fingerprint: plan.with_untracked(|p| p.as_ref().map(|p| p.fingerprint.clone())),
        };
        async move { api.save_formation(&request).await }
    });
    Effect::new(move |_| {
        if let Some(Ok(_)) = save.value().get() {
            navigate(&format!("/grupper?ar={}", year_id.0), Default::default());
        }
    });
    let save_error = move || {
        save.value().get().and_then(|r| r.err()).map(|e: ApiError| {
            let conflict = matches!(e, ApiError::Api { status: 409, .. });
            view! {
                <div class="form-error" role="alert">
                    <p>{e.message(i18n)}</p>
                    {conflict.then(|| view! {
                        <button type="button" class="button button-secondary" on:click=move |_| reload.run(())>{i18n.t(GroupsText::Reload)}</button>
                    })}
                </div>
            }
        })
    };
    let bound_error = move |field: &'static str| {
        bounds
            .get()
            .err()
            .filter(|(f, _)| *f == field)
            .map(|(_, m)| m.text(i18n.lang.get()))
    };
    let label_of = move |code: &str| {
        subjects.with_value(|s| subject_label(s, code, i18n.lang.get_untracked()))
    };

    let summary = move || {
        plan.get().map(|plan: Plan| {
            let lang = i18n.lang.get();
            let mix = formation::mix_report(&plan);
            let placed = plan.groups.iter().map(|g| g.members.len()).sum::<usize>();
            let new_groups = plan.groups.iter().filter(|g| g.existing.is_none()).count();
            let flagged = plan.flagged().count();
            let rule = if mix.rule_holds { GroupsText::MixRuleHolds } else { GroupsText::MixRuleBroken };
            let mean = format!("{:.1}", mix.mean_schools_per_group).replace('.', if lang == kollegium_shared::i18n::Lang::Sv { "," } else { "." });
            view! {
                <section class="card formation-summary" aria-labelledby="formation-summary-heading" data-ms=format!("{:.2}", elapsed())>
                    <h2 id="formation-summary-heading">{i18n.t(GroupsText::FormationSummary)}</h2>
                    <dl class="facts">
                        <dt>{i18n.t(GroupsText::FormationGroups)}</dt>
                        <dd>{format!("{} ({} {})", plan.groups.len(), new_groups, i18n.t(GroupsText::FormationNew))}</dd>
                        <dt>{i18n.t(GroupsText::FormationTeachers)}</dt>
                        <dd>{placed}</dd>
                        <dt>{i18n.t(GroupsText::FormationFlagged)}</dt>
                        <dd>{flagged}</dd>
                        <dt>{i18n.t(GroupsText::MixHeading)}</dt>
                        <dd>{format!("{} {} {}; {} {}", i18n.t(rule), i18n.t(GroupsText::MixMaxSame), mix.max_same_school, i18n.t(GroupsText::MixMeanSchools), mean)}</dd>
                    </dl>
                    <p class="field-hint">{i18n.t(GroupsText::MixRuleText)}</p>
                </section>
            }
        })
    };

    let group_card = move |g: PlannedGroup| {
        let lang = i18n.lang.get();
        let name = g
            .existing
            .and_then(|id| names.with_value(|n| n.get(&id).cloned()))
            .unwrap_or_else(|| g.name(lang, &label_of));
        let size = g.members.len();
        let schools = g.school_count();
        let added = g.members.iter().filter(|m| !m.reason.kept).count();
        let status = match (g.existing.is_some(), g.needs_decision) {
            (_, true) => Some(i18n.t(GroupsText::NeedsDecision)),
            (true, false) if added > 0 => Some(i18n.t(GroupsText::FormationJoined)),
            (true, false) => Some(i18n.t(GroupsText::FormationKept)),
            _ => None,
        };
        let rows = g
            .members
            .iter()
            .map(|p| {
                let (person, school) = people.with_value(|m| m.get(&p.person).cloned()).unwrap_or_default();
                let reason = g.reason_text(p, lang, &label_of);
                view! { <li><span class="member-name">{person}</span>" "<span class="member-detail">{school}</span>" "<span class="reason">{reason}</span></li> }
            })
            .collect_view();
        view! {
            <li class="card planned-group" class:warn=g.needs_decision>
                <div class="roster-group-head">
                    <h3>{name}</h3>
                    <span class="size" class:warn=g.needs_decision>{format!("{} · {}", i18n.count(GroupsText::FormationSize, size, &[&size]), i18n.count(GroupsText::FormationSchools, schools, &[&schools]))}</span>
                </div>
                {status.map(|s| view! { <p class="badge">{s}</p> })}
                <details>
                    <summary>{i18n.t(GroupsText::FormationShowMembers)}</summary>
                    <ul class="planned-members">{rows}</ul>
                </details>
            </li>
        }
    };

    view! {
        <form class="card form formation-form" novalidate=true on:submit=move |ev| { ev.prevent_default(); if plan.with_untracked(Option::is_some) { save.dispatch(()); } }>
            <h2>{move || format!("{} {}", i18n.t(K::SchoolYear), data.with_value(|d| d.school_year.name.clone()))}</h2>
            <div class="field-row">
                <BoundInput name="min" label=K::BoundsMin value=min error=Signal::derive(move || bound_error("min"))/>
                <BoundInput name="max" label=K::BoundsMax value=max error=Signal::derive(move || bound_error("max"))/>
                <div class="field">
                    <label for="formation-grouping">{move || i18n.t(GroupsText::GroupingLabel)}</label>
                    <select id="formation-grouping" on:change=move |ev| {
                        let index = event_target_value(&ev).parse::<usize>().unwrap_or_default();
                        grouping.set(Grouping::ALL.get(index).copied().unwrap_or_default());
                    }>
                        {Grouping::ALL.into_iter().enumerate().map(|(i, g)| view! {
                            <option value=i.to_string() selected=g == Grouping::default()>{move || g.label(i18n.lang.get())}</option>
                        }).collect_view()}
                    </select>
                </div>
            </div>
            <div class="form-actions">
                <button type="submit" class="button button-primary" disabled=move || plan.with(Option::is_none) || save.pending().get()>
                    {move || i18n.t(if save.pending().get() { K::Saving } else { K::FormationSave })}
                </button>
                <span class="muted" role="status">{move || plan.with(|p| p.is_some()).then(|| {
                    // Browsers that round the clock to a millisecond (WebKit) measure a
                    // fast proposal as 0: say "under a millisecond" rather than "0,0 ms".
                    let ms = elapsed();
                    if ms < 1.0 {
                        return i18n.t(GroupsText::FormationFast).to_owned();
                    }
                    let ms = format!("{ms:.1}");
                    let ms = if i18n.lang.get() == kollegium_shared::i18n::Lang::Sv { ms.replace('.', ",") } else { ms };
                    format!("{} {ms} ms", i18n.t(GroupsText::FormationComputed))
                })}</span>
            </div>
            {save_error}
        </form>
        {summary}
        <ol class="planned-groups">
            {move || plan.get().map(|p| p.groups.into_iter().map(group_card).collect_view())}
        </ol>
    }
}
