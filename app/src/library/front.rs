//! `/bibliotek`: one search box with filters, searched as you type (a pause of a few
//! hundred milliseconds, and answers to older keystrokes dropped); without a search,
//! the front page: featured, new, new for my subjects and stages, my submissions, the
//! review queue (curators) and the collections.

use kollegium_shared::i18n::Lang;
use kollegium_shared::library::access::{collects, curates, publishes};
use kollegium_shared::library::{Area, GOALS_EN, GOALS_SV, ItemKind};
use kollegium_shared::org::Stage;
use leptos::prelude::*;
use leptos_router::components::A;

use super::item_list;
use crate::api::use_api;
use crate::components::{
    LoadError, debounced_input, keep_library_place, library_place, load_failure, loaded,
    push_filters,
};
use crate::format::this_year;
use crate::i18n::{K, use_i18n, use_title};
use crate::library::text::LibraryText;
use crate::reference::use_reference;
use crate::session::use_session;
use wasm_bindgen::JsCast;

/// How many results a page shows, and how many more "Visa fler" adds.
const PAGE: u32 = 20;

#[component]
pub fn LibraryPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let session = use_session();
    use_title(LibraryText::LibraryTitle);

    // The search, the filters and how many are shown live in the address, so that
    // Back, a reload or a shared link finds the library as it was.
    let address = leptos_router::hooks::use_query_map();
    let from_address = |key: &str| address.with_untracked(|a| a.get(key).unwrap_or_default());
    let typed = RwSignal::new(from_address("q"));
    let q = RwSignal::new(from_address("q"));
    let kind = RwSignal::new(from_address("kind"));
    let subject = RwSignal::new(from_address("subject"));
    let stage = RwSignal::new(from_address("stage"));
    let theme = RwSignal::new(from_address("theme"));
    let area = RwSignal::new(from_address("area"));
    let goal = RwSignal::new(from_address("goal"));
    let year = RwSignal::new(from_address("year"));
    let shown = RwSignal::new(
        from_address("n")
            .parse::<u32>()
            .map_or(PAGE, |n| n.clamp(PAGE, 10 * PAGE)),
    );
    let filtered = [&kind, &subject, &stage, &theme, &area, &goal, &year]
        .iter()
        .any(|f| !f.get_untracked().is_empty());

    let roles = move || session.me.get().map(|m| m.roles).unwrap_or_default();
    let is_curator = move || curates(&roles());
    let subjects = use_reference().subjects();
    // The themes of the year's wheel, for the theme filter (none without a current
    // school year).
    let themes = LocalResource::new(move || async move {
        let mut themes: Vec<String> = match api.wheel(None).await {
            Ok(w) => w.activities.into_iter().filter_map(|a| a.theme).collect(),
            Err(crate::api::ApiError::Api { status: 404, .. }) => Vec::new(),
            Err(e) => return Err(e),
        };
        themes.sort();
        themes.dedup();
        Ok(themes)
    });
    let front = LocalResource::new(move || async move { api.library_front().await });
    let waiting = LocalResource::new(move || {
        let curates = is_curator();
        async move {
            if curates {
                api.library_items("status=submitted&per_page=50")
                    .await
                    .map(Some)
            } else {
                Ok(None)
            }
        }
    });

    let filters = move || {
        vec![
            ("q", q.get()),
            ("kind", kind.get()),
            ("subject", subject.get()),
            ("stage", stage.get()),
            ("theme", theme.get()),
            ("area", area.get()),
            ("goal", goal.get()),
            ("year", year.get()),
        ]
    };
    let searching = move || filters().iter().any(|(_, v)| !v.trim().is_empty());
    let navigate = leptos_router::hooks::use_navigate();
    let url = move || {
        let mut query = Vec::new();
        push_filters(&mut query, &filters());
        if shown.get() != PAGE {
            query.push(format!("n={}", shown.get()));
        }
        if query.is_empty() {
            "/bibliotek".to_owned()
        } else {
            format!("/bibliotek?{}", query.join("&"))
        }
    };
    Effect::new(move |before: Option<String>| {
        let now = url();
        if before.is_some_and(|b| b != now) {
            navigate(
                &now,
                leptos_router::NavigateOptions {
                    replace: true,
                    scroll: false,
                    ..Default::default()
                },
            );
        }
        now
    });
    // Leaving for an item keeps the place; coming back to the same address scrolls
    // there once the list has come.
    let url_untracked = move || untrack(url);
    let keep_place = move |ev: leptos::ev::MouseEvent| {
        let on_link = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|e| e.closest("a").ok().flatten())
            .is_some();
        if on_link {
            keep_library_place(&url_untracked(), window().scroll_y().unwrap_or(0.0));
        }
    };
    let restore = StoredValue::new(
        library_place()
            .filter(|(place, _)| *place == untrack(url))
            .map(|(_, y)| y),
    );
    let restore_when_shown = move || {
        if let Some(y) = restore.get_value() {
            restore.set_value(None);
            request_animation_frame(move || window().scroll_to_with_x_and_y(0.0, y));
        }
    };
    // Each search carries a number; an answer to an older one is dropped.
    let asked = StoredValue::new(0u64);
    let results = LocalResource::new(move || {
        let mut query = vec![format!("per_page={}", shown.get())];
        push_filters(&mut query, &filters());
        let active = searching();
        let n = asked.get_value() + 1;
        asked.set_value(n);
        let query = query.join("&");
        async move {
            if !active {
                return None;
            }
            let page = api.library_items(&query).await;
            (asked.get_value() == n).then_some(page)
        }
    });

    let on_input = debounced_input(typed, q, move || shown.set(PAGE));
    let select = move |id: &'static str,
                       label: K,
                       value: RwSignal<String>,
                       options: Vec<(String, String)>| {
        view! {
            <div class="field">
                <label for=id>{move || i18n.t(label)}</label>
                <select id=id on:change=move |ev| { shown.set(PAGE); value.set(event_target_value(&ev)); }>
                    <option value="">{move || i18n.t(K::FilterAll)}</option>
                    {options.into_iter().map(|(v, l)| {
                        let selected = value.get_untracked() == v;
                        view! { <option value=v selected=selected>{l}</option> }
                    }).collect_view()}
                </select>
            </div>
        }
    };

    let section =
        move |heading: K, id: &'static str, items: Vec<kollegium_shared::library::ItemHit>| {
            view! {
                <section class="library-section" aria-labelledby=id>
                    <h2 id=id>{i18n.t(heading)}</h2>
                    {item_list(items, i18n)}
                </section>
            }
        };

    let front_view = move || {
        loaded(front, move |f| {
            restore_when_shown();
            let queue = waiting.get().and_then(Result::ok).flatten().map(|page| {
                view! {
                    <section class="library-section library-queue" aria-labelledby="queue-heading">
                        <h2 id="queue-heading">{i18n.t(LibraryText::LibraryWaiting)}" ("{page.total}")"</h2>
                        {item_list(page.items, i18n)}
                    </section>
                }
            });
            let collections = f.collections.clone();
            let lang = i18n.lang.get_untracked();
            let uses = f.my_material_use.clone();
            let material = (!uses.is_empty()).then(move || view! {
                <section class="library-section" aria-labelledby="material-use-heading">
                    <h2 id="material-use-heading">{i18n.t(LibraryText::MaterialUse)}</h2>
                    <p class="muted">{i18n.t(LibraryText::MaterialUseSentence)}</p>
                    <ul class="material-use">
                        {uses.into_iter().map(|u| view! {
                                <li class="card">
                                <A href=format!("/bibliotek/{}", u.item.0)>{u.title}</A>
                                <ul>
                                    {u.meetings.into_iter().map(|m| view! {
                                        <li>
                                            {m.group_name.clone()}" · "
                                            {crate::format::days_text(&m.starts_on, &m.starts_on, None, lang)}" · "
                                            {i18n.fill(LibraryText::MaterialPrepared, &[&m.prepared, &m.members])}
                                        </li>
                                    }).collect_view()}
                                </ul>
                            </li>
                        }).collect_view()}
                    </ul>
                </section>
            });
            view! {
                {queue}
                {(!f.my_submissions.is_empty()).then(|| section(K::LibraryMySubmissions, "mine-heading", f.my_submissions.clone()))}
                {material}
                {(!f.featured.is_empty()).then(|| section(K::LibraryFeatured, "featured-heading", f.featured.clone()))}
                {(!f.for_me.is_empty()).then(|| section(K::LibraryForMe, "for-me-heading", f.for_me.clone()))}
                {section(K::LibraryLatest, "latest-heading", f.latest.clone())}
                <section class="library-section" aria-labelledby="collections-heading">
                    <h2 id="collections-heading">{i18n.t(LibraryText::LibraryCollections)}</h2>
                    <ul class="collection-list">
                        {collections.into_iter().map(|c| view! {
                            <li class="card">
                                <A href=format!("/bibliotek/samlingar/{}", c.id.0)>{c.title}</A>
                                <span class="muted">{format!(" · {} · {} {}", i18n.count(LibraryText::CollectionItemCount, c.items, &[&c.items]), i18n.t(LibraryText::CollectionBy), c.owner)}</span>
                            </li>
                        }).collect_view()}
                    </ul>
                </section>
            }
        })
    };

    view! {
        <section class="page library">
            <div class="page-head">
                <h1>{move || i18n.t(LibraryText::LibraryTitle)}</h1>
                <div class="page-actions">
                    <A href="/bibliotek/ny" attr:class="button button-primary">
                        {move || if publishes(&roles()) { i18n.t(LibraryText::LibraryAdd) } else { i18n.t(LibraryText::LibrarySubmit) }}
                    </A>
                    {move || collects(&roles()).then(|| view! {
                        <A href="/bibliotek/samlingar/ny" attr:class="button button-secondary">{i18n.t(LibraryText::CollectionNew)}</A>
                    })}
                    {move || is_curator().then(|| view! {
                        <A href="/bibliotek/import" attr:class="button button-secondary">{i18n.t(LibraryText::LibraryImportLink)}</A>
                    })}
                </div>
            </div>
            <p class="lead">{move || i18n.t(LibraryText::LibraryIntro)}</p>
            <form class="card library-search" role="search" on:submit=|ev: leptos::ev::SubmitEvent| ev.prevent_default()>
                <div class="field field-wide">
                    <label for="library-q">{move || i18n.t(LibraryText::LibrarySearch)}</label>
                    <input id="library-q" type="search" autocomplete="off" prop:value=move || typed.get() on:input=on_input/>
                </div>
                <details class="filters-more" open=filtered>
                    <summary>{move || i18n.t(LibraryText::LibraryFilters)}</summary>
                    <div class="filters">
                        {move || {
                            let lang = i18n.lang.get();
                            let en = lang == Lang::En;
                            let subject_options: Vec<(String, String)> = subjects.get().and_then(Result::ok).unwrap_or_default().into_iter()
                                .map(|s| (s.code, if en { s.name_en } else { s.name })).collect();
                            let theme_options: Vec<(String, String)> = themes.get().and_then(Result::ok).unwrap_or_default().into_iter().map(|t| (t.clone(), t)).collect();
                            let goals = if en { &GOALS_EN } else { &GOALS_SV };
                            let this_year = this_year();
                            view! {
                                {select("filter-kind", K::FilterKind, kind, ItemKind::ALL.iter().map(|k| (k.code().to_owned(), k.label(lang).to_owned())).collect())}
                                {select("filter-subject", K::FilterSubject, subject, subject_options)}
                                {select("filter-stage", K::FilterStage, stage, Stage::ALL.iter().map(|s| (s.code().to_owned(), s.label(lang).to_owned())).collect())}
                                {select("filter-theme", K::FilterTheme, theme, theme_options)}
                                {select("filter-area", K::FilterArea, area, Area::ALL.iter().map(|a| (a.code().to_owned(), a.label(lang).to_owned())).collect())}
                                {select("filter-goal", K::FilterGoal, goal, goals.iter().enumerate().map(|(i, g)| ((i + 1).to_string(), format!("{} {g}", i + 1))).collect())}
                                {select("filter-year", K::FilterYear, year, (2000..=this_year + 1).rev().map(|y| (y.to_string(), y.to_string())).collect())}
                            }
                        }}
                    </div>
                    {load_failure(subjects)}
                    {load_failure(themes)}
                </details>
            </form>
            {load_failure(waiting)}
            <div on:click=keep_place>
            {move || if searching() {
                results.get().flatten().map(|result| match result {
                    Err(e) => view! { <LoadError error=e retry=Callback::new(move |()| results.refetch())/> }.into_any(),
                    Ok(page) => {
                        restore_when_shown();
                        let more = page.total > page.items.len() as u64;
                        let total = page.total;
                        view! {
                            <p class="result-count" role="status" aria-live="polite">
                                {if total == 0 { i18n.t(LibraryText::LibraryNoHits).to_owned() } else { i18n.count(LibraryText::LibraryHits, total, &[&total]) }}
                            </p>
                            {page.corrected.map(|c| view! { <p class="corrected">{i18n.t(LibraryText::LibraryCorrected)}" "<strong>{c}</strong></p> })}
                            {item_list(page.items, i18n)}
                            {more.then(|| view! {
                                <button type="button" class="button button-secondary" on:click=move |_| shown.update(|n| *n += PAGE)>
                                    {i18n.t(K::ShowMore)}
                                </button>
                            })}
                        }.into_any()
                    }
                }).into_any()
            } else {
                front_view().into_any()
            }}
            </div>
        </section>
    }
}
