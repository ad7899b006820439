//! `/bibliotek/{id}`: one item. The film plays in the page (privacy-enhanced player),
//! the link opens, the files download or open; the summary as rendered by the server
//! (safe HTML); the tags, where the item is used. The author sees the status and the
//! reviewer's comment; the ICT strategist reviews submissions, features and archives.

use kollegium_shared::ids::ItemId;
use kollegium_shared::library::access::curates;
use kollegium_shared::library::{Item, ItemState, ItemStatus, Review, ReviewDecision, goal_label};
use kollegium_shared::org::Subject;
use leptos::prelude::*;
use leptos_router::components::A;

use super::{stages_text, status_label};
use crate::api::{ApiError, use_api};
use crate::components::{BackTo, ErrorText, LoadError, Loading, back_target, use_id_param};
use crate::format::days_text;
use crate::i18n::{K, use_i18n, use_title};
use crate::library::text::LibraryText;
use crate::session::use_session;

/// A size in bytes as people read it.
fn size_text(bytes: i64) -> String {
    let b = bytes as f64;
    if b >= 1024.0 * 1024.0 {
        format!("{:.1} MB", b / (1024.0 * 1024.0))
    } else if b >= 1024.0 {
        format!("{:.0} kB", b / 1024.0)
    } else {
        format!("{bytes} B")
    }
}

#[component]
pub fn ItemPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let session = use_session();
    use_title(LibraryText::LibraryTitle);
    let id = use_id_param::<ItemId>();

    let item = RwSignal::new(None::<Result<Item, ApiError>>);
    // "Back" leads where the item was opened from: a meeting, the wheel, the start
    // page, or the library as it was left.
    let (back, back_to) =
        back_target(leptos_router::hooks::use_query_map().with_untracked(|q| q.get("fran")));
    let fetch = move |id: ItemId| {
        leptos::task::spawn_local(async move { item.set(Some(api.library_item(id).await)) });
    };
    Effect::new(move |_| fetch(id()));
    let retry = Callback::new(move |()| {
        item.set(None);
        fetch(id());
    });
    let comment = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let is_curator = move || session.may(curates);

    let apply = move |result: Result<Item, ApiError>| {
        busy.set(false);
        match result {
            Ok(i) => {
                error.set(None);
                item.set(Some(Ok(i)));
            }
            Err(e) => error.set(Some(e.message(i18n))),
        }
    };
    let review = move |decision: ReviewDecision| {
        let Some(Ok(current)) = item.get_untracked() else {
            return;
        };
        let body = Review {
            decision,
            comment: comment.get_untracked(),
            version: current.version,
        };
        busy.set(true);
        leptos::task::spawn_local(async move {
            apply(api.review_library_item(current.id, &body).await)
        });
    };
    let change_state = move |archived: Option<bool>, featured: Option<bool>| {
        let Some(Ok(current)) = item.get_untracked() else {
            return;
        };
        let body = ItemState {
            archived,
            featured,
            version: current.version,
        };
        busy.set(true);
        leptos::task::spawn_local(async move {
            apply(api.set_library_item_state(current.id, &body).await)
        });
    };

    let details = move |it: Item| {
        let lang = i18n.lang.get();
        let subjects: Vec<String> = it
            .tags
            .subjects
            .iter()
            .map(|c| Subject::by_code(c).map_or(c.clone(), |s| s.label(lang).to_owned()))
            .collect();
        let mut tags: Vec<String> = subjects;
        if !it.tags.stages.is_empty() {
            tags.push(stages_text(&it.tags.stages, lang));
        }
        tags.extend(it.tags.themes.iter().cloned());
        tags.extend(it.tags.areas.iter().map(|a| a.label(lang).to_owned()));
        tags.extend(
            it.tags
                .goals
                .iter()
                .map(|g| format!("{} {g}: {}", i18n.t(K::FilterGoal), goal_label(*g, lang))),
        );
        tags.extend(it.tags.keywords.iter().cloned());
        // A theme and an area often share a name: show it once.
        let mut seen = std::collections::HashSet::new();
        tags.retain(|t| seen.insert(t.to_lowercase()));
        let language = match (it.language.as_str(), lang) {
            ("sv", kollegium_shared::i18n::Lang::Sv) => "Svenska".to_owned(),
            ("sv", _) => "Swedish".to_owned(),
            ("en", kollegium_shared::i18n::Lang::Sv) => "Engelska".to_owned(),
            ("en", _) => "English".to_owned(),
            (code, _) => code.to_owned(),
        };
        let status = it.status;
        let featured = it.featured;
        let edit_href = format!("/bibliotek/{}/andra", it.id.0);
        let review_comment = it
            .review_comment
            .clone()
            .filter(|_| status != ItemStatus::Published);
        view! {
            <article class="library-detail">
                <p class="item-kind">
                    <span class="kind">{it.kind.label(lang)}</span>
                    {featured.then(|| view! { <span class="featured-badge">{i18n.t(LibraryText::ItemFeaturedBadge)}</span> })}
                    {(status != ItemStatus::Published).then(|| view! { <span class="status-badge">{i18n.t(status_label(status))}</span> })}
                </p>
                <h1>{it.title.clone()}</h1>
                {review_comment.map(|c| view! {
                    <div class="notice" role="note">
                        <strong>{i18n.t(LibraryText::ItemReviewComment)}": "</strong>{c}
                    </div>
                })}
                {it.embed.clone().map(|e| view! {
                    <div class="film">
                        <iframe allow="encrypted-media; picture-in-picture; fullscreen"
                            referrerpolicy="strict-origin-when-cross-origin"
                            src=e.src title=format!("{}: {}", i18n.t(LibraryText::ItemFilm), it.title)></iframe>
                    </div>
                })}
                {it.url.clone().map(|u| view! {
                    <p><a class="button button-secondary" href=u rel="noopener noreferrer" target="_blank">{i18n.t(LibraryText::ItemOpenLink)}</a></p>
                })}
                <div class="summary" inner_html=it.summary_html.clone()></div>
                {(!it.files.is_empty()).then(|| view! {
                    <h2>{i18n.t(LibraryText::ItemFiles)}</h2>
                    <ul class="file-list">
                        {it.files.clone().into_iter().map(|f| view! {
                            <li><a href=f.url.clone() target="_blank" rel="noopener">{f.name.clone()}</a>
                                <span class="muted">{format!(" · {}", size_text(f.size))}</span></li>
                        }).collect_view()}
                    </ul>
                })}
                <dl class="facts">
                    {(!it.source.is_empty()).then(|| view! { <dt>{i18n.t(LibraryText::ItemSource)}</dt><dd>{it.source.clone()}</dd> })}
                    {it.year.map(|y| view! { <dt>{i18n.t(LibraryText::ItemYear)}</dt><dd>{y}</dd> })}
                    <dt>{i18n.t(LibraryText::ItemLanguage)}</dt><dd>{language}</dd>
                    <dt>{i18n.t(LibraryText::ItemAuthor)}</dt><dd>{it.author.name.clone()}</dd>
                    {(!tags.is_empty()).then(|| view! {
                        <dt>{i18n.t(LibraryText::ItemTags)}</dt>
                        <dd><ul class="tags">{tags.into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}</ul></dd>
                    })}
                    {(!it.used_in.is_empty()).then(|| view! {
                        <dt>{i18n.t(LibraryText::ItemUsedIn)}</dt>
                        <dd><ul class="plain">{it.used_in.clone().into_iter().map(|c| view! {
                            <li><A href=format!("/bibliotek/samlingar/{}", c.id.0)>{c.title.clone()}</A></li>
                        }).collect_view()}</ul></dd>
                    })}
                    {(!it.used_in_wheel.is_empty()).then(|| view! {
                        <dt>{i18n.t(LibraryText::ItemUsedInWheel)}</dt>
                        <dd><ul class="plain">{it.used_in_wheel.clone().into_iter().map(|a| {
                            let href = format!("/arshjul?ar={}&aktivitet={}", a.school_year_id.0, a.id.0);
                            let when = days_text(&a.starts_on, &a.ends_on, None, lang);
                            view! { <li><A href=href>{a.title.clone()}</A>{format!(" · {when}")}</li> }
                        }).collect_view()}</ul></dd>
                    })}
                    {(!it.used_in_meetings.is_empty()).then(|| view! {
                        <dt>{i18n.t(LibraryText::ItemUsedInMeetings)}</dt>
                        <dd><ul class="plain">{it.used_in_meetings.clone().into_iter().map(|m| {
                            let when = days_text(&m.starts_on, &m.starts_on, None, lang);
                            view! { <li><A href=format!("/traffar/{}", m.id.0)>{format!("{}, {when}", m.group)}</A></li> }
                        }).collect_view()}</ul></dd>
                    })}
                </dl>
                <div class="actions">
                    {it.editable.then(|| view! { <A href=edit_href attr:class="button button-secondary">{i18n.t(LibraryText::ItemEdit)}</A> })}
                    {move || (is_curator() && status == ItemStatus::Published).then(|| view! {
                        <button type="button" class="button button-secondary" disabled=move || busy.get()
                            on:click=move |_| change_state(None, Some(!featured))>
                            {i18n.t(if featured { LibraryText::ItemUnfeature } else { LibraryText::ItemFeature })}
                        </button>
                    })}
                    {move || (is_curator() && matches!(status, ItemStatus::Published | ItemStatus::Archived)).then(|| {
                        let archive = status == ItemStatus::Published;
                        view! {
                            <button type="button" class="button button-secondary" disabled=move || busy.get()
                                on:click=move |_| change_state(Some(archive), None)>
                                {i18n.t(if archive { LibraryText::ItemArchive } else { LibraryText::ItemRestore })}
                            </button>
                        }
                    })}
                </div>
                {move || (is_curator() && status == ItemStatus::Submitted).then(|| view! {
                    <section class="card review" aria-labelledby="review-heading">
                        <h2 id="review-heading">{i18n.t(LibraryText::ReviewHeading)}</h2>
                        <div class="field field-wide">
                            <label for="review-comment">{i18n.t(LibraryText::ReviewComment)}</label>
                            <textarea id="review-comment" rows="3" prop:value=move || comment.get()
                                on:input=move |ev| comment.set(event_target_value(&ev))></textarea>
                        </div>
                        <div class="actions">
                            <button type="button" class="button button-primary" disabled=move || busy.get()
                                on:click=move |_| review(ReviewDecision::Approve)>{i18n.t(LibraryText::ReviewApprove)}</button>
                            <button type="button" class="button button-secondary" disabled=move || busy.get()
                                on:click=move |_| review(ReviewDecision::Return)>{i18n.t(LibraryText::ReviewReturn)}</button>
                            <button type="button" class="button button-danger" disabled=move || busy.get()
                                on:click=move |_| review(ReviewDecision::Reject)>{i18n.t(LibraryText::ReviewReject)}</button>
                        </div>
                    </section>
                })}
            </article>
        }
    };

    view! {
        <section class="page library-item-page">
            <p><A href=back.clone()>{move || i18n.t(match back_to {
                BackTo::Library => LibraryText::ItemBack,
                BackTo::Meeting => LibraryText::ItemBackMeeting,
                BackTo::Wheel => LibraryText::ItemBackWheel,
                BackTo::Home => LibraryText::ItemBackHome,
                BackTo::Other => LibraryText::ItemBackOther,
            })}</A></p>
            <ErrorText message=error/>
            {move || match item.get() {
                None => view! { <Loading/> }.into_any(),
                Some(Err(e)) => view! { <LoadError error=e retry=retry/> }.into_any(),
                Some(Ok(it)) => details(it).into_any(),
            }}
        </section>
    }
}
