//! `/kollegor`: "Hitta kollega". Search as you type across every school of the
//! municipality, with filters for subject, stage and school.

use kollegium_shared::i18n::Lang;
use kollegium_shared::ids::PersonId;
use kollegium_shared::org::{StaffMember, Stage};
use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::use_api;
use crate::components::{
    SelectField, debounced_input, load_failure, loaded, options_of, push_filters,
};
use crate::i18n::{K, use_i18n, use_title};
use crate::org::text::OrgText;
use crate::reference::{subject_label, use_reference};

/// The first page size, and how many more "Visa fler" adds.
const PAGE: u32 = 30;

#[component]
pub fn DirectoryPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    use_title(OrgText::DirectoryTitle);

    let typed = RwSignal::new(String::new());
    let q = RwSignal::new(String::new());
    let subject = RwSignal::new(String::new());
    let stage = RwSignal::new(String::new());
    let school = RwSignal::new(String::new());
    let shown = RwSignal::new(PAGE);

    let reference = use_reference();
    let schools = reference.schools();
    let subjects = reference.subjects();
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
        let ids: Vec<PersonId> = results
            .get()
            .and_then(Result::ok)
            .map(|page| page.items.iter().map(|m| m.id).collect())
            .unwrap_or_default();
        async move {
            if ids.is_empty() {
                Ok(Vec::new())
            } else {
                api.memberships(&ids).await
            }
        }
    });
    let groups_of = move |person: PersonId| {
        let groups = memberships.with(|m| {
            m.as_ref()
                .and_then(|all| all.as_ref().ok())
                .and_then(|all| all.iter().find(|g| g.person_id == person))
                .map(|g| g.groups.clone())
                .unwrap_or_default()
        });
        (!groups.is_empty()).then(|| {
            let last = groups.len() - 1;
            view! {
                <p class="person-groups">
                    {i18n.t(OrgText::PersonGroups)}": "
                    {groups.into_iter().enumerate().map(|(i, g)| view! {
                        <A href=format!("/grupper/{}", g.id.0)>{g.name}</A>{(i < last).then_some(", ")}
                    }).collect_view()}
                </p>
            }
        })
    };

    let on_input = debounced_input(typed, q, move || shown.set(PAGE));
    let reset_paging = Callback::new(move |_: String| shown.set(PAGE));

    let label_of =
        move |code: &str| subject_label(&reference.subject_list(), code, i18n.lang.get());
    let subject_options = options_of(subjects, move |s| {
        let label = if i18n.lang.get() == Lang::En {
            s.name_en
        } else {
            s.name
        };
        Some((s.code, label))
    });
    let stage_options = Signal::derive(move || {
        let lang = i18n.lang.get();
        Stage::ALL
            .iter()
            .map(|s| (s.code().to_owned(), s.label(lang).to_owned()))
            .collect::<Vec<_>>()
    });
    let school_options = options_of(schools, |s| s.active.then(|| (s.id.to_string(), s.name)));
    let all = Signal::derive(move || i18n.t(K::FilterAll));

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
        let id = p.id;
        let expertise = (!p.expertise.is_empty()).then(|| {
            view! { <p class="person-expertise">{i18n.t(OrgText::ExpertiseLabel)}": "{p.expertise.join(", ")}</p> }
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
            <h1>{move || i18n.t(OrgText::DirectoryTitle)}</h1>
            <p class="lead">{move || i18n.t(OrgText::DirectoryIntro)}</p>
            <form class="card directory-search" role="search" on:submit=|ev: leptos::ev::SubmitEvent| ev.prevent_default()>
                <div class="field field-wide">
                    <label for="directory-q">{move || i18n.t(OrgText::DirectorySearch)}</label>
                    <input id="directory-q" type="search" autocomplete="off" prop:value=move || typed.get() on:input=on_input/>
                </div>
                <fieldset class="filters">
                    <legend>{move || i18n.t(OrgText::DirectoryFilters)}</legend>
                    <SelectField id="filter-subject" label=Signal::derive(move || i18n.t(K::FilterSubject))
                        value=subject options=subject_options all=all on_change=reset_paging/>
                    <SelectField id="filter-stage" label=Signal::derive(move || i18n.t(K::FilterStage))
                        value=stage options=stage_options all=all on_change=reset_paging/>
                    <SelectField id="filter-school" label=Signal::derive(move || i18n.t(K::FilterSchool))
                        value=school options=school_options all=all on_change=reset_paging/>
                </fieldset>
                {load_failure(subjects)}
                {load_failure(schools)}
            </form>
            <Transition>
                {loaded(results, move |page| {
                    {
                        let more = page.total > page.items.len() as u64;
                        let total = page.total;
                        view! {
                            <p class="result-count" role="status" aria-live="polite">
                                {if total == 0 { i18n.t(OrgText::NoResults).to_owned() } else { i18n.count(OrgText::ResultsFound, total, &[&total]) }}
                            </p>
                            <ul class="people">{page.items.into_iter().map(card).collect_view()}</ul>
                            {more.then(|| view! {
                                <button type="button" class="button button-secondary" on:click=move |_| shown.update(|n| *n += PAGE)>
                                    {i18n.t(K::ShowMore)}
                                </button>
                            })}
                        }
                    }
                })}
            </Transition>
            {load_failure(memberships)}
        </section>
    }
}
