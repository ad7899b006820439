//! The school-year choice of pages that show one year at a time (the roster, the wheel).

use kollegium_shared::groups::SchoolYear;
use leptos::prelude::*;

use crate::i18n::{K, use_i18n};

/// A select of the school years, shown when there is more than one to choose from.
#[component]
pub fn YearPicker(
    /// The element id, for the label.
    id: &'static str,
    years: Vec<SchoolYear>,
    /// The year shown now.
    current: Option<i64>,
    /// Called with the chosen year.
    on_change: Callback<Option<i64>>,
) -> impl IntoView {
    let i18n = use_i18n();
    (years.len() > 1).then(|| {
        view! {
            <div class="field">
                <label for=id>{i18n.t(K::SchoolYear)}</label>
                <select id=id on:change=move |ev| on_change.run(event_target_value(&ev).parse().ok())>
                    {years.into_iter().map(|y| view! {
                        <option value=y.id.0.to_string() selected=Some(y.id.0) == current>{y.name}</option>
                    }).collect_view()}
                </select>
            </div>
        }
    })
}
