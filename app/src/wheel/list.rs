//! `/arshjul/lista`: the wheel's activities as a table, sortable and filterable by ring,
//! month and audience; the accessible view of the wheel, and printable.

use kollegium_shared::date::Date;
use kollegium_shared::ids::RingId;
use kollegium_shared::wheel::{Activity, ChangeAction};
use leptos::prelude::*;
use leptos_router::components::A;

use super::form::{self, UndoBar};
use super::rings::RingEditor;
use super::{Details, Planner, ViewChoice, audience_text, ring_of};
use crate::components::load_failure;
use crate::format::{activity_when as when, local_time, month_short};
use crate::i18n::{K, use_i18n, use_title};
use crate::wheel::text::WheelText;

/// The column a table is sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sort {
    Date,
    Title,
    Ring,
}

#[component]
pub fn WheelListPage() -> impl IntoView {
    let i18n = use_i18n();
    use_title(WheelText::WheelListTitle);
    let planner = Planner::new();
    let ring = RwSignal::new(String::new());
    let month = RwSignal::new(String::new());
    let audience = RwSignal::new(String::new());
    let sort = RwSignal::new((Sort::Date, true));

    let header = move |column: Sort, label: K| {
        let state = move || {
            let (c, up) = sort.get();
            if c != column {
                "none"
            } else if up {
                "ascending"
            } else {
                "descending"
            }
        };
        view! {
            <th scope="col" aria-sort=state>
                <button type="button" class="sort-button" on:click=move |_| sort.update(|(c, up)| {
                    if *c == column { *up = !*up } else { *c = column; *up = true; }
                })>{move || i18n.t(label)}</button>
            </th>
        }
    };

    let rows = move || {
        let lang = i18n.lang.get();
        planner.wheel.with(|w| {
            let w = w.as_ref()?;
            let ring_filter: Option<RingId> = ring.get().parse().ok();
            let month_filter: Option<u32> = month.get().parse().ok();
            let audience_filter = audience.get();
            let mut list: Vec<&Activity> = w
                .activities
                .iter()
                .filter(|a| planner.shows(w, a))
                .filter(|a| ring_filter.is_none_or(|r| a.ring_id == r))
                .filter(|a| {
                    month_filter.is_none_or(|m| {
                        // Any day of the activity in the month.
                        match (Date::parse(&a.starts_on), Date::parse(&a.ends_on)) {
                            (Some(s), Some(e)) => {
                                let mut d = s;
                                while d <= e {
                                    if d.month == m {
                                        return true;
                                    }
                                    d = d.add_days(1);
                                }
                                false
                            }
                            _ => false,
                        }
                    })
                })
                .filter(|a| audience_filter.is_empty() || audience_key(&a.audience) == audience_filter)
                .collect();
            let ring_name = |a: &Activity| ring_of(&w.rings, a.ring_id).map(|r| r.name.clone()).unwrap_or_default();
            let (column, up) = sort.get();
            list.sort_by(|a, b| {
                let order = match column {
                    Sort::Date => (&a.starts_on, &a.start_time).cmp(&(&b.starts_on, &b.start_time)),
                    Sort::Title => kollegium_shared::collate::swedish_cmp(&a.title, &b.title),
                    Sort::Ring => kollegium_shared::collate::swedish_cmp(&ring_name(a), &ring_name(b)),
                };
                if up { order } else { order.reverse() }
            });
            Some(
                list.into_iter()
                    .map(|a| {
                        let id = a.id;
                        let r = ring_of(&w.rings, a.ring_id);
                        let colour = r.map(|r| r.colour.clone()).unwrap_or_default();
                        view! {
                            <tr class:selected=move || planner.selected.get() == Some(id)>
                                <td class="nowrap">{when(a, lang)}</td>
                                <td><button type="button" class="link-button" on:click=move |_| planner.open(id)>{a.title.clone()}</button></td>
                                <td><span class="swatch" style=format!("background:{colour}")></span>{ring_name(a)}</td>
                                <td>{audience_text(&a.audience, i18n)}</td>
                                <td>{a.theme.clone()}</td>
                            </tr>
                        }
                    })
                    .collect_view(),
            )
        })
    };

    view! {
        <section class="page wheel-list-page">
            <div class="wheel-head">
                <h1>{move || i18n.t(WheelText::WheelListTitle)}</h1>
                <A href="/arshjul" attr:class="button button-secondary print-hidden">{move || i18n.t(WheelText::WheelAsCircle)}</A>
                <button type="button" class="button button-secondary print-hidden" on:click=move |_| { let _ = window().print(); }>{move || i18n.t(K::Print)}</button>
            </div>
            {move || planner.error.get().map(|e| view! { <p class="form-error" role="alert">{e.message(i18n)}</p> })}
            <p class="visually-hidden" role="status" aria-live="polite">{move || planner.status.get()}</p>
            <div class="filters view-choice print-hidden">
                <ViewChoice planner=planner/>
            </div>
            <div class="filters print-hidden">
                <div class="field">
                    <label for="list-ring">{move || i18n.t(K::WheelRing)}</label>
                    <select id="list-ring" on:change=move |ev| ring.set(event_target_value(&ev))>
                        <option value="">{move || i18n.t(K::FilterAll)}</option>
                        {move || planner.wheel.with(|w| w.as_ref().map(|w| w.rings.iter().map(|r| view! {
                            <option value=r.id.to_string()>{r.name.clone()}</option>
                        }).collect_view()))}
                    </select>
                </div>
                <div class="field">
                    <label for="list-month">{move || i18n.t(WheelText::WheelMonth)}</label>
                    <select id="list-month" on:change=move |ev| month.set(event_target_value(&ev))>
                        <option value="">{move || i18n.t(K::FilterAll)}</option>
                        {move || [8, 9, 10, 11, 12, 1, 2, 3, 4, 5, 6, 7].into_iter().map(|m| view! {
                            <option value=m.to_string()>{month_short(m, i18n.lang.get())}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="list-audience">{move || i18n.t(WheelText::WheelAudience)}</label>
                    <select id="list-audience" on:change=move |ev| audience.set(event_target_value(&ev))>
                        <option value="">{move || i18n.t(K::FilterAll)}</option>
                        {move || planner.wheel.with(|w| {
                            let mut keys: Vec<(String, String)> = w.as_ref().map(|w| w.activities.iter()
                                .map(|a| (audience_key(&a.audience), audience_text(&a.audience, i18n))).collect()).unwrap_or_default();
                            keys.sort();
                            keys.dedup();
                            keys.into_iter().map(|(k, label)| view! { <option value=k>{label}</option> }).collect_view()
                        })}
                    </select>
                </div>
            </div>
            <UndoBar planner=planner/>
            {move || planner.editing.get().map(|e| Suspend::new(form::activity_form(planner, e)))}
            <Details planner=planner/>
            <div class="table-scroll">
                <table class="staff-table wheel-table">
                    <caption class="visually-hidden">{move || i18n.t(WheelText::WheelListTitle)}</caption>
                    <thead><tr>
                        {header(Sort::Date, K::WheelWhen)}
                        {header(Sort::Title, K::WheelActivity)}
                        {header(Sort::Ring, K::WheelRing)}
                        <th scope="col">{move || i18n.t(WheelText::WheelAudience)}</th>
                        <th scope="col">{move || i18n.t(WheelText::WheelTheme)}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            {planner.editor.then(|| view! {
                <History planner=planner/>
                <RingEditor planner=planner/>
                <section class="card print-hidden" aria-labelledby="copy-heading">
                    <h2 id="copy-heading">{move || i18n.t(WheelText::WheelCopyTitle)}</h2>
                    <p class="field-hint">{move || i18n.t(WheelText::WheelCopyIntro)}</p>
                    <A href="/arshjul/kopiera" attr:class="button button-secondary">{move || i18n.t(WheelText::WheelCopyStart)}</A>
                </section>
                <PublicFeedSection/>
            })}
        </section>
    }
}

/// A key that tells audiences apart, for the filter.
fn audience_key(a: &kollegium_shared::wheel::Audience) -> String {
    serde_json::to_string(a).unwrap_or_default()
}

/// Who changed what and when, newest first (the steering group's view).
#[component]
fn History(planner: Planner) -> impl IntoView {
    let i18n = use_i18n();
    let api = crate::api::use_api();
    // Read again whenever the wheel is (after every change).
    let changes = LocalResource::new(move || {
        let year = planner.wheel.with(|w| w.as_ref().map(|w| w.school_year.id));
        async move {
            match year {
                Some(y) => api.wheel_history(y).await,
                None => Ok(Vec::new()),
            }
        }
    });
    view! {
        <details class="card wheel-history print-hidden">
            <summary>{move || i18n.t(WheelText::WheelHistory)}</summary>
            {load_failure(changes)}
            <ul class="plain-list">
                {move || {
                    let lang = i18n.lang.get();
                    changes.get().and_then(Result::ok).unwrap_or_default().into_iter().map(|c| {
                        let action = match c.action {
                            ChangeAction::Created => i18n.t(WheelText::WheelCreatedBy),
                            ChangeAction::Changed => i18n.t(WheelText::WheelChangedBy),
                            ChangeAction::Deleted => i18n.t(WheelText::WheelDeletedBy),
                        };
                        let at = local_time(&c.at, lang);
                        let moved = match (&c.before, &c.after) {
                            (Some(b), Some(a)) if when(b, lang) != when(a, lang) => format!(" ({} → {})", when(b, lang), when(a, lang)),
                            _ => String::new(),
                        };
                        view! { <li><span class="muted">{at}</span>" · "{c.who}" "{action}" "<strong>{c.title}</strong>{moved}</li> }
                    }).collect_view()
                }}
            </ul>
        </details>
    }
}

/// The steering group switches the public calendar of the whole wheel on or off.
#[component]
fn PublicFeedSection() -> impl IntoView {
    let i18n = use_i18n();
    let api = crate::api::use_api();
    let feed = LocalResource::new(move || async move { api.public_feed().await.map(|f| f.active) });
    let active = move || feed.get().and_then(Result::ok).unwrap_or(false);
    let url = RwSignal::new(None::<String>);
    let switch = Action::new_local(move |on: &bool| {
        let on = *on;
        async move { api.set_public_feed(on).await }
    });
    let feed_reload = move |()| feed.refetch();
    Effect::new(move |_| {
        if let Some(Ok(feed)) = switch.value().get() {
            let origin = window().location().origin().unwrap_or_default();
            url.set(feed.url.map(|u| format!("{origin}{u}")));
            feed_reload(());
        }
    });
    view! {
        <section class="card feed-section print-hidden" aria-labelledby="public-feed-heading">
            <h2 id="public-feed-heading">{move || i18n.t(WheelText::PublicFeedHeading)}</h2>
            <p class="field-hint">{move || i18n.t(WheelText::PublicFeedHint)}</p>
            {load_failure(feed)}
            {move || url.get().map(|u| view! {
                <div class="field">
                    <label for="public-feed-url">{i18n.t(WheelText::PublicFeedUrl)}</label>
                    <input id="public-feed-url" type="text" readonly=true value=u/>
                </div>
            })}
            <div class="form-actions">
                <button type="button" class="button button-primary" on:click=move |_| { switch.dispatch(true); }>
                    {move || i18n.t(if active() { WheelText::FeedRenew } else { WheelText::PublicFeedOn })}
                </button>
                {move || active().then(|| view! {
                    <button type="button" class="button button-secondary" on:click=move |_| { url.set(None); switch.dispatch(false); }>
                        {i18n.t(WheelText::PublicFeedOff)}
                    </button>
                })}
            </div>
        </section>
    }
}
