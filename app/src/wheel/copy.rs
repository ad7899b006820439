//! `/arshjul/kopiera`: the steering group copies a wheel to a later school year. The
//! copy is shown line by line (this year's days, the new days, what is left out and
//! why) and saved only as reviewed; if the wheel changes meanwhile the save is refused
//! and the copy is shown again.

use kollegium_shared::groups::SchoolYear;
use kollegium_shared::ids::SchoolYearId;
use kollegium_shared::wheel::copy::{CopiedActivity, CopyNote, CopyRequest, WheelCopy};
use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::{ApiError, use_api};
use crate::components::{ErrorText, NewYearForm, load_failure};
use crate::format::{activity_when, days_text};
use crate::i18n::{I18n, K, use_i18n, use_title};
use crate::reference::use_reference;
use crate::wheel::text::WheelText;

/// A note in words.
fn note_text(note: CopyNote, new_holiday: bool, i18n: I18n) -> &'static str {
    i18n.t(match note {
        CopyNote::Holiday if new_holiday => WheelText::CopyNoteNewHoliday,
        CopyNote::Holiday => WheelText::CopyNoteOldHoliday,
        CopyNote::OutsideYear => WheelText::CopyNoteOutside,
        CopyNote::AudienceWidened => WheelText::CopyNoteAudience,
        CopyNote::Milestone => WheelText::CopyNoteMilestone,
    })
}

#[component]
pub fn WheelCopyPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    use_title(WheelText::WheelCopyTitle);
    let navigate = leptos_router::hooks::use_navigate();
    let years = use_reference().school_years();
    let listed = move || years.get().and_then(Result::ok);
    // The current school year; none (404) when today is in none.
    let current = LocalResource::new(move || async move {
        match api.wheel(None).await {
            Ok(w) => Ok(Some(w.school_year.id)),
            Err(ApiError::Api { status: 404, .. }) => Ok(None),
            Err(e) => Err(e),
        }
    });
    let from = RwSignal::new(None::<SchoolYearId>);
    let to = RwSignal::new(None::<SchoolYearId>);
    // The current year, and the first one after it, until chosen otherwise.
    Effect::new(move |_| {
        let (Some(list), Some(Ok(Some(now)))) = (listed(), current.get()) else {
            return;
        };
        if from.get_untracked().is_none() {
            from.set(Some(now));
        }
        let start = |id: SchoolYearId| {
            list.iter()
                .find(|y| y.id == id)
                .map(|y| y.starts_on.clone())
        };
        if to.get_untracked().is_none() {
            let after = from.get_untracked().and_then(start);
            to.set(
                list.iter()
                    .filter(|y| Some(&y.starts_on) > after.as_ref())
                    .min_by(|a, b| a.starts_on.cmp(&b.starts_on))
                    .map(|y| y.id),
            );
        }
    });
    let copy = RwSignal::new(None::<WheelCopy>);
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let preview = move || {
        let (Some(f), Some(t)) = (from.get_untracked(), to.get_untracked()) else {
            return;
        };
        busy.set(true);
        leptos::task::spawn_local(async move {
            match api.wheel_copy(f, t).await {
                // A message from a refused save stays: it says why the copy is shown again.
                Ok(c) => copy.set(Some(c)),
                Err(e) => {
                    copy.set(None);
                    error.set(Some(e.message(i18n)));
                }
            }
            busy.set(false);
        });
    };
    let save = move |_| {
        let Some(c) = copy.get_untracked() else {
            return;
        };
        let request = CopyRequest {
            from_year: c.from.id,
            to_year: c.to.id,
            fingerprint: c.fingerprint.clone(),
        };
        let navigate = navigate.clone();
        busy.set(true);
        error.set(None);
        leptos::task::spawn_local(async move {
            match api.save_wheel_copy(&request).await {
                Ok(w) => navigate(
                    &format!("/arshjul?ar={}", w.school_year.id),
                    Default::default(),
                ),
                Err(e) => {
                    let stale = matches!(e, ApiError::Api { status: 409, .. });
                    error.set(Some(e.message(i18n)));
                    busy.set(false);
                    if stale {
                        preview();
                    } else {
                        copy.set(None);
                    }
                }
            }
        });
    };

    // The years to copy from (any) or to (those after the one copied from).
    let year_select = move |id: &'static str,
                            label: K,
                            value: RwSignal<Option<SchoolYearId>>,
                            later: bool| {
        let mut list: Vec<SchoolYear> = listed().unwrap_or_default();
        if later {
            let start = from
                .get()
                .and_then(|f| list.iter().find(|y| y.id == f).map(|y| y.starts_on.clone()));
            list.retain(|y| Some(&y.starts_on) > start.as_ref());
            if list.is_empty() {
                return None;
            }
            if !list.iter().any(|y| Some(y.id) == value.get_untracked()) {
                value.set(Some(list[0].id));
            }
        }
        Some(view! {
            <div class="field">
                <label for=id>{i18n.t(label)}</label>
                <select id=id on:change=move |ev| { value.set(event_target_value(&ev).parse().ok()); copy.set(None); }>
                    {list.into_iter().map(|y| view! {
                        <option value=y.id.to_string() selected=move || value.get() == Some(y.id)>{y.name}</option>
                    }).collect_view()}
                </select>
            </div>
        })
    };

    let review = move || {
        let c = copy.get()?;
        let lang = i18n.lang.get();
        let kept = c.activities.iter().filter(|l| l.copy.is_some()).count();
        let left = c.activities.len() - kept;
        let line = |l: CopiedActivity| {
            let title = l
                .copy
                .as_ref()
                .map(|i| i.title.clone())
                .or_else(|| l.source.as_ref().map(|s| s.title.clone()))
                .unwrap_or_default();
            let old = l
                .source
                .as_ref()
                .map(|s| activity_when(s, lang))
                .unwrap_or_else(|| "–".to_owned());
            let new = l
                .copy
                .as_ref()
                .map(|i| {
                    days_text(
                        &i.starts_on,
                        &i.ends_on,
                        i.start_time.as_deref().zip(i.end_time.as_deref()),
                        lang,
                    )
                })
                .unwrap_or_else(|| i18n.t(WheelText::CopyNotCopied).to_owned());
            let note = l.note.map(|n| note_text(n, l.source.is_none(), i18n));
            view! {
                <tr class:left-out=l.copy.is_none()>
                    <td>{title}</td>
                    <td class="nowrap">{old}</td>
                    <td class="nowrap">{new}</td>
                    <td>{note}</td>
                </tr>
            }
        };
        Some(view! {
            <section class="card" aria-labelledby="copy-review-heading">
                <h2 id="copy-review-heading">{format!("{} {} → {}", i18n.t(WheelText::CopyReview), c.from.name, c.to.name)}</h2>
                <p role="status">{format!("{kept} {} · {left} {}", i18n.t(WheelText::CopyKept), i18n.t(WheelText::CopyLeft))}</p>
                <div class="table-scroll">
                    <table class="staff-table copy-table">
                        <caption class="visually-hidden">{i18n.t(WheelText::CopyReview)}</caption>
                        <thead><tr>
                            <th scope="col">{i18n.t(K::WheelActivity)}</th>
                            <th scope="col">{c.from.name.clone()}</th>
                            <th scope="col">{c.to.name.clone()}</th>
                            <th scope="col">{i18n.t(WheelText::CopyNote)}</th>
                        </tr></thead>
                        <tbody>{c.activities.into_iter().map(line).collect_view()}</tbody>
                    </table>
                </div>
                <div class="form-actions">
                    <button type="button" class="button button-primary" disabled=move || busy.get() on:click=save.clone()>{i18n.t(WheelText::CopySave)}</button>
                </div>
            </section>
        })
    };

    view! {
        <section class="page wheel-copy-page">
            <div class="wheel-head">
                <h1>{move || i18n.t(WheelText::WheelCopyTitle)}</h1>
                <A href="/arshjul/lista" attr:class="button button-secondary">{move || i18n.t(WheelText::WheelListTitle)}</A>
            </div>
            <p class="lead">{move || i18n.t(WheelText::WheelCopyIntro)}</p>
            <div class="filters">
                {move || year_select("copy-from", K::CopyFrom, from, false)}
                {move || year_select("copy-to", K::CopyTo, to, true)}
                <button type="button" class="button button-secondary" disabled=move || busy.get() || to.get().is_none()
                    on:click=move |_| {
                        error.set(None);
                        preview();
                    }>{move || i18n.t(WheelText::CopyPreview)}</button>
            </div>
            <ErrorText message=error/>
            {load_failure(years)}
            {load_failure(current)}
            {move || {
                let list = listed()?;
                let start = from.get().and_then(|f| list.iter().find(|y| y.id == f).map(|y| y.starts_on.clone()));
                let later = list.iter().any(|y| Some(&y.starts_on) > start.as_ref());
                if !later {
                    to.set(None);
                }
                (!later).then(|| view! {
                    <p class="field-hint">{i18n.t(WheelText::CopyNoLaterYear)}</p>
                    <NewYearForm years=Signal::stored(list) added=Callback::new(move |id: SchoolYearId| { to.set(Some(id)); years.refetch(); })/>
                })
            }}
            {review}
        </section>
    }
}
