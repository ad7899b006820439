//! `/kollegor`: "Hitta kollega". Search as you type across every school of the
//! municipality, with filters for subject, stage and school.

use kollegium_shared::org::{StaffMember, Stage};
use leptos::prelude::*;
use leptos_router::components::A;

use super::{debounced_input, push_filters, subject_label};
use crate::api::use_api;
use crate::i18n::{K, use_i18n, use_title};

/// The first page size, and how many more "Visa fler" adds.
const PAGE: u32 = 30;

#[component]
pub fn DirectoryPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    use_title(K::DirectoryTitle);

    let typed = RwSignal::new(String::new());
    let q = RwSignal::new(String::new());
    let subject = RwSignal::new(String::new());
    let stage = RwSignal::new(String::new());
    let school = RwSignal::new(String::new());
    let shown = RwSignal::new(PAGE);

    let schools =
        LocalResource::new(move || async move { api.schools().await.unwrap_or_default() });
    let subjects =
        LocalResource::new(move || async move { api.subjects().await.unwrap_or_default() });
    let results = LocalResource::new(move || {
        let mut query = vec![format!("per_page={}", shown.get())];
        push_filters(
            &mut query,
            &[
                ("q", q.get()),
                ("subject", subject.get()),
                ("stage", stage.get()),
                ("school", school.get()),
            ],
        );
        let query = query.join("&");
        async move { api.staff(&query).await }
    });

    // The groups of the people shown, fetched once the page of results is there.
    let memberships = LocalResource::new(move || {
        let ids: Vec<i64> = results
            .get()
            .and_then(Result::ok)
            .map(|page| page.items.iter().map(|m| m.id.0).collect())
            .unwrap_or_default();
        async move {
            if ids.is_empty() {
                Vec::new()
            } else {
                api.memberships(&ids).await.unwrap_or_default()
            }
        }
    });
    let groups_of = move |person: i64| {
        let groups = memberships.with(|m| {
            m.as_ref()
                .and_then(|all| all.iter().find(|g| g.person_id.0 == person))
                .map(|g| g.groups.clone())
                .unwrap_or_default()
        });
        (!groups.is_empty()).then(|| {
            let last = groups.len() - 1;
            view! {
                <p class="person-groups">
                    {i18n.t(K::PersonGroups)}": "
                    {groups.into_iter().enumerate().map(|(i, g)| view! {
                        <A href=format!("/grupper/{}", g.id.0)>{g.name}</A>{(i < last).then_some(", ")}
                    }).collect_view()}
                </p>
            }
        })
    };

    let on_input = debounced_input(typed, q, move || shown.set(PAGE));
    let reset_paging = move || shown.set(PAGE);

    let label_of = move |code: &str| {
        subjects
            .with(|list| subject_label(list.as_deref().unwrap_or_default(), code, i18n.lang.get()))
    };

    let card = move |p: StaffMember| {
        let lang = i18n.lang.get();
        let schools = p
            .schools
            .iter()
            .map(|s| s.name.clone())
            .collect::<Vec<_>>()
            .join(", ");
        let subjects = p
            .subjects
            .iter()
            .map(|s| label_of(s))
            .collect::<Vec<_>>()
            .join(", ");
        let stages = p
            .stages
            .iter()
            .map(|s| s.label(lang))
            .collect::<Vec<_>>()
            .join(", ");
        let mailto = format!("mailto:{}", p.email);
        let id = p.id.0;
        let expertise = (!p.expertise.is_empty()).then(|| {
            view! { <p class="person-expertise">{i18n.t(K::ExpertiseLabel)}": "{p.expertise.join(", ")}</p> }
        });
        view! {
            <li class="person card">
                <h2 class="person-name">{p.name.clone()}</h2>
                {(!p.title.is_empty()).then(|| view! { <p class="person-title">{p.title.clone()}</p> })}
                <p class="person-school">{schools}</p>
                <p class="person-teaching">
                    {subjects}
                    {(!stages.is_empty()).then(|| view! { <span class="muted">" · "{stages.clone()}</span> })}
                </p>
                {expertise}
                {move || groups_of(id)}
                <p><a href=mailto>{p.email.clone()}</a></p>
            </li>
        }
    };

    view! {
        <section class="page directory">
            <h1>{move || i18n.t(K::DirectoryTitle)}</h1>
            <p class="lead">{move || i18n.t(K::DirectoryIntro)}</p>
            <form class="card directory-search" role="search" on:submit=|ev: leptos::ev::SubmitEvent| ev.prevent_default()>
                <div class="field field-wide">
                    <label for="directory-q">{move || i18n.t(K::DirectorySearch)}</label>
                    <input id="directory-q" type="search" autocomplete="off" prop:value=move || typed.get() on:input=on_input/>
                </div>
                <fieldset class="filters">
                    <legend>{move || i18n.t(K::DirectoryFilters)}</legend>
                    <div class="field">
                        <label for="filter-subject">{move || i18n.t(K::FilterSubject)}</label>
                        <select id="filter-subject" on:change=move |ev| { reset_paging(); subject.set(event_target_value(&ev)); }>
                            <option value="">{move || i18n.t(K::FilterAll)}</option>
                            {move || {
                                let en = i18n.lang.get() == kollegium_shared::i18n::Lang::En;
                                subjects.get().unwrap_or_default().into_iter().map(|s| {
                                    let label = if en { s.name_en } else { s.name };
                                    view! { <option value=s.code>{label}</option> }
                                }).collect_view()
                            }}
                        </select>
                    </div>
                    <div class="field">
                        <label for="filter-stage">{move || i18n.t(K::FilterStage)}</label>
                        <select id="filter-stage" on:change=move |ev| { reset_paging(); stage.set(event_target_value(&ev)); }>
                            <option value="">{move || i18n.t(K::FilterAll)}</option>
                            {move || Stage::ALL.iter().map(|s| view! { <option value=s.code()>{s.label(i18n.lang.get())}</option> }).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="filter-school">{move || i18n.t(K::FilterSchool)}</label>
                        <select id="filter-school" on:change=move |ev| { reset_paging(); school.set(event_target_value(&ev)); }>
                            <option value="">{move || i18n.t(K::FilterAll)}</option>
                            {move || schools.get().unwrap_or_default().into_iter().filter(|s| s.active)
                                .map(|s| view! { <option value=s.id.0.to_string()>{s.name}</option> }).collect_view()}
                        </select>
                    </div>
                </fieldset>
            </form>
            <Transition fallback=move || view! { <p class="loading" role="status">{i18n.t(K::Loading)}</p> }>
                {move || results.get().map(|result| match result {
                    Err(e) => view! { <p class="form-error" role="alert">{e.message(i18n)}</p> }.into_any(),
                    Ok(page) => {
                        let more = page.total > page.items.len() as u64;
                        let total = page.total;
                        view! {
                            <p class="result-count" role="status" aria-live="polite">
                                {if total == 0 { i18n.t(K::NoResults).to_owned() } else { format!("{total} {}", i18n.t(K::ResultsFound)) }}
                            </p>
                            <ul class="people">{page.items.into_iter().map(card).collect_view()}</ul>
                            {more.then(|| view! {
                                <button type="button" class="button button-secondary" on:click=move |_| shown.update(|n| *n += PAGE)>
                                    {i18n.t(K::ShowMore)}
                                </button>
                            })}
                        }.into_any()
                    }
                })}
            </Transition>
        </section>
    }
}
