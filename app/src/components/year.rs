//! School years in a page: the choice of pages that show one year at a time (the
//! roster, the wheel, the formation) and the form that adds the next year.

use kollegium_shared::groups::{NewSchoolYear, SchoolYear};
use kollegium_shared::ids::SchoolYearId;
use leptos::prelude::*;

use crate::api::use_api;
use crate::components::{ErrorText, FieldErrors, StatusText, TextField};
use crate::i18n::{K, use_i18n};

/// A select of the school years, shown when there is more than one to choose from.
#[component]
pub fn YearPicker(
    /// The element id, for the label.
    id: &'static str,
    years: Vec<SchoolYear>,
    /// The year shown now.
    current: Option<SchoolYearId>,
    /// Called with the chosen year.
    on_change: Callback<Option<SchoolYearId>>,
) -> impl IntoView {
    let i18n = use_i18n();
    (years.len() > 1).then(|| {
        view! {
            <div class="field">
                <label for=id>{i18n.t(K::SchoolYear)}</label>
                <select id=id on:change=move |ev| on_change.run(event_target_value(&ev).parse().ok())>
                    {years.into_iter().map(|y| view! {
                        <option value=y.id.to_string() selected=Some(y.id) == current>{y.name}</option>
                    }).collect_view()}
                </select>
            </div>
        }
    })
}

/// The school year a page shows by its address (`?year=`); none for the current one.
pub fn year_in_query() -> Memo<Option<SchoolYearId>> {
    let query = leptos_router::hooks::use_query_map();
    Memo::new(move |_| query.with(|q| q.get("year").and_then(|y| y.parse().ok())))
}

/// A [`YearPicker`] of the municipality's years that goes to `path?year=` (or to
/// `path` for the current year) when another is chosen.
#[component]
pub fn QueryYearPicker(
    id: &'static str,
    path: &'static str,
    /// The year shown now, once known.
    #[prop(into)]
    current: Signal<Option<SchoolYearId>>,
) -> impl IntoView {
    let years = crate::reference::use_reference().school_years();
    let navigate = leptos_router::hooks::use_navigate();
    move || {
        let navigate = navigate.clone();
        view! {
            <YearPicker id=id years=years.get().and_then(Result::ok).unwrap_or_default()
                current=current.get()
                on_change=Callback::new(move |y: Option<SchoolYearId>| {
                    let to = y.map_or_else(|| path.to_owned(), |y| format!("{path}?year={y}"));
                    navigate(&to, leptos_router::NavigateOptions::default());
                })/>
        }
    }
}

/// Adds a school year, suggested as the one after the latest. Once added, the form
/// closes, says which year was added and suggests the one after.
#[component]
pub fn NewYearForm(
    /// The municipality's years so far.
    #[prop(into)]
    years: Signal<Vec<SchoolYear>>,
    added: Callback<SchoolYearId>,
) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let suggestion = Memo::new(move |_| {
        let next = years.with(|list| {
            list.iter()
                .filter_map(|y| y.starts_on.get(..4)?.parse::<i32>().ok())
                .max()
                .map_or_else(crate::format::this_year, |y| y + 1)
        });
        NewSchoolYear::suggest(next)
    });
    let name = RwSignal::new(String::new());
    let starts_on = RwSignal::new(String::new());
    let spring_starts_on = RwSignal::new(String::new());
    let ends_on = RwSignal::new(String::new());
    Effect::new(move |_| {
        let s = suggestion.get();
        name.set(s.name);
        starts_on.set(s.starts_on);
        spring_starts_on.set(s.spring_starts_on);
        ends_on.set(s.ends_on);
    });
    let errors = FieldErrors::default();
    let form_error = RwSignal::new(None::<String>);
    let done = RwSignal::new(None::<String>);
    let details = NodeRef::<leptos::html::Details>::new();
    let collect = move || NewSchoolYear {
        name: name.get_untracked(),
        starts_on: starts_on.get_untracked(),
        spring_starts_on: spring_starts_on.get_untracked(),
        ends_on: ends_on.get_untracked(),
    };
    let save = Action::new_local(move |new: &NewSchoolYear| {
        let new = new.clone();
        async move { api.create_school_year(&new).await }
    });
    Effect::new(move |_| match save.value().get() {
        Some(Ok(year)) => {
            if let Some(d) = details.get_untracked() {
                d.set_open(false);
            }
            done.set(Some(i18n.fill(K::SchoolYearAdded, &[&year.name])));
            added.run(year.id);
        }
        Some(Err(e)) => errors.show_api_error(&e, form_error),
        None => {}
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let new = collect();
        if errors.accept(&new, form_error) {
            done.set(None);
            save.dispatch(new);
        }
    };
    view! {
        <StatusText message=done/>
        <details class="card new-year" node_ref=details>
            <summary>{move || i18n.t(K::SchoolYearAdd)}</summary>
            <form class="form" novalidate=true on:submit=on_submit>
                <ErrorText message=form_error/>
                <div class="field-row">
                    <TextField name="name" label=Signal::derive(move || i18n.t(K::SchoolYearName)) value=name errors=errors required=true/>
                    <TextField name="starts_on" kind="date" label=Signal::derive(move || i18n.t(K::SchoolYearStarts)) value=starts_on errors=errors required=true/>
                    <TextField name="spring_starts_on" kind="date" label=Signal::derive(move || i18n.t(K::SchoolYearSpring)) value=spring_starts_on errors=errors required=true/>
                    <TextField name="ends_on" kind="date" label=Signal::derive(move || i18n.t(K::SchoolYearEnds)) value=ends_on errors=errors required=true/>
                </div>
                <button type="submit" class="button button-secondary">{move || i18n.t(K::SchoolYearAdd)}</button>
            </form>
        </details>
    }
}
