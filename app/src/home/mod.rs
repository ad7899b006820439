//! `/`: the start page "Min översikt": first what needs the person now ("Att göra"),
//! then their next meeting, the library's news for them, and who they are.

use kollegium_shared::followup::todo::{TodoItem, TodoKind};
use kollegium_shared::i18n::Lang;
use kollegium_shared::meetings::{Meeting, MeetingStatus};
use kollegium_shared::org::{Stage, Subject};
use leptos::prelude::*;

use crate::api::{ApiError, use_api};
use crate::components::{LoadError, Loading, load_failure};
use crate::format::{days_text, meeting_when};
use crate::i18n::{I18n, K, use_i18n, use_title};
use crate::session::use_session;

#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    use_title(K::HomeTitle);
    let api = use_api();
    // The latest in the library for my subjects and stages.
    let library =
        LocalResource::new(move || async move { api.library_front().await.map(|f| f.for_me) });
    let library_view = move || {
        let items = library.get()?.ok()?;
        (!items.is_empty()).then(|| {
            let lang = i18n.lang.get();
            view! {
                <section class="card" aria-labelledby="home-library-heading">
                    <h2 id="home-library-heading">{i18n.t(K::HomeLibrary)}</h2>
                    <ul class="plain home-library">
                        {items.into_iter().take(5).map(|hit| {
                            let title: String = hit.title_text();
                            view! {
                                <li>
                                    <a href=crate::components::item_href(hit.id)>{title}</a>
                                    <span class="muted">{format!(" · {}", hit.kind.label(lang))}</span>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </section>
            }
        })
    };

    // What needs me; the next meeting of my own learning group (else of any of my
    // groups), whether I document it; the latest protocols.
    let meetings = LocalResource::new(move || async move {
        let todo = api.todo().await?;
        let all = api.meetings().await?;
        let next = todo.next_meeting.clone();
        let documenter = match &next {
            Some(m) => match m.documenter_id {
                Some(d) => Some(d),
                None => api.group(m.group_id).await?.next_documenter,
            },
            None => None,
        };
        let preparation = match &next {
            Some(m) => Some(api.preparation(m.id).await?),
            None => None,
        };
        let mut published: Vec<Meeting> = all
            .into_iter()
            .filter(|m| m.status == MeetingStatus::ProtokollPublicerat)
            .collect();
        published.reverse();
        published.truncate(3);
        Ok::<_, ApiError>((todo.items, next, documenter, published, preparation))
    });
    let todo_view = move || {
        let Some(Ok((items, ..))) = meetings.get() else {
            return None;
        };
        let lang = i18n.lang.get();
        Some(view! {
            <section class="card home-todo" aria-labelledby="home-todo-heading">
                <h2 id="home-todo-heading">{i18n.t(K::TodoTitle)}</h2>
                {if items.is_empty() {
                    view! { <p class="muted">{i18n.t(K::TodoNone)}</p> }.into_any()
                } else {
                    view! {
                        <ul class="plain todo-list">
                            {items.into_iter().map(|item| {
                                let (href, text) = todo_link(i18n, &item, lang);
                                view! { <li class=format!("todo-item todo-{}", todo_class(item.kind))><a href=href>{text}</a></li> }
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            </section>
        })
    };
    let ready = Memo::new(move |_| meetings.with(Option::is_some) && library.with(Option::is_some));
    let prepared = RwSignal::new(None::<bool>);
    let meetings_view = move || {
        let (_, next, documenter, published, preparation) = match meetings.get()? {
            Ok(loaded) => loaded,
            Err(e) => {
                return Some(
                    view! { <LoadError error=e retry=Callback::new(move |()| meetings.refetch())/> }
                        .into_any(),
                );
            }
        };
        let lang = i18n.lang.get();
        let me = session.me.with(|m| m.as_ref().map(|m| m.id));
        Some(view! {
            <section class="card" aria-labelledby="home-next-heading">
                <h2 id="home-next-heading">{i18n.t(K::HomeNextMeeting)}</h2>
                {match next {
                    None => view! { <p class="muted">{i18n.t(K::MeetingsNone)}</p> }.into_any(),
                    Some(m) => {
                        let mine = documenter.is_some() && documenter == me;
                        view! {
                            <p class="next-meeting">
                                <a href=format!("/traffar/{}", m.id)>{format!("{} · {}", meeting_when(&m, lang), m.group_name)}</a>
                                {m.theme.clone().map(|t| view! { <span class="muted">{format!(" · {t}")}</span> })}
                            </p>
                            {(!m.question.is_empty()).then(|| view! { <p>{i18n.t(K::MeetingQuestion)}": "{m.question.clone()}</p> })}
                            {preparation.filter(|p| !p.is_empty()).map(|p| {
                                let id = m.id;
                                let done = p.done;
                                let material = p.collection.iter().flat_map(|c| c.items.iter()).chain(p.items.iter()).map(|i| view! {
                                    <li><a href=crate::components::item_href(i.id)>{i.title.clone()}</a></li>
                                }).collect_view();
                                view! {
                                    <div class="home-prep">
                                        <h3>{i18n.t(K::MeetingPreparation)}</h3>
                                        {(!p.task.is_empty()).then(|| view! { <p class="pre-wrap">{p.task.clone()}</p> })}
                                        <ul class="prep-items">{material}</ul>
                                        <label class="check prep-tick">
                                            <input type="checkbox" prop:checked=move || prepared.get().unwrap_or(done)
                                                on:change=move |ev| {
                                                    let value = event_target_checked(&ev);
                                                    leptos::task::spawn_local(async move {
                                                        if let Ok(p) = api.set_prepared(id, value).await {
                                                            prepared.set(Some(p.done));
                                                        }
                                                    });
                                                }/>
                                            <span>{i18n.t(K::PrepDone)}</span>
                                        </label>
                                    </div>
                                }
                            })}
                            {mine.then(|| view! { <p class="notice">{i18n.t(K::HomeYouDocument)}</p> })}
                            <p><a href=format!("/traffar/{}#plan-heading", m.id)>{i18n.t(K::HomeOpenPlan)}</a></p>
                        }.into_any()
                    }
                }}
                <p><a href="/min-roda-trad">{i18n.t(K::HomeThread)}</a></p>
                <p><a href="/mal">{i18n.t(K::HomeGoals)}</a></p>
                {(!published.is_empty()).then(|| view! {
                    <h3>{i18n.t(K::HomeLatestProtocols)}</h3>
                    <ul class="plain">
                        {published.into_iter().map(|m| view! {
                            <li><a href=format!("/traffar/{}#protocol-heading", m.id)>{format!("{} · {}", meeting_when(&m, lang), m.group_name)}</a></li>
                        }).collect_view()}
                    </ul>
                })}
                <p><a href="/protokoll">{i18n.t(K::ArchiveTitle)}</a></p>
            </section>
        }.into_any())
    };

    let list_or_none = move |items: Vec<String>| {
        if items.is_empty() {
            view! { <span class="muted">{i18n.t(K::NoneYet)}</span> }.into_any()
        } else {
            view! { <ul class="tags">{items.into_iter().map(|i| view! { <li>{i}</li> }).collect_view()}</ul> }.into_any()
        }
    };

    move || {
        let me = session.me.get()?;
        let lang = i18n.lang.get();
        let schools: Vec<String> = me.schools.iter().map(|s| s.name.clone()).collect();
        let roles: Vec<String> = me.roles.iter().map(|r| r.label(lang).to_owned()).collect();
        let subjects: Vec<String> = me
            .subjects
            .iter()
            .map(|code| Subject::by_code(code).map_or(code.clone(), |s| s.label(lang).to_owned()))
            .collect();
        let stages: Vec<String> = me
            .stages
            .iter()
            .map(|s: &Stage| s.label(lang).to_owned())
            .collect();
        Some(view! {
            <section class="page home">
                <h1>{i18n.t(K::HomeTitle)}</h1>
                <p class="lead">{format!("{}, {}!", i18n.t(K::Hello), me.name)}</p>
                // The cards show together once what they need has come, so nothing
                // that is already shown moves as the rest arrives.
                {move || (!ready.get()).then(|| view! { <Loading/> })}
                {move || ready.get().then(todo_view)}
                {move || ready.get().then(meetings_view)}
                {load_failure(library)}
                {move || ready.get().then(library_view)}
                <section class="card" aria-labelledby="about-heading" hidden=move || !ready.get()>
                    <h2 id="about-heading">{i18n.t(K::AboutYou)}</h2>
                    <dl class="facts">
                        <dt>{i18n.t(K::YourMunicipality)}</dt>
                        <dd>{me.municipality.name.clone()}</dd>
                        <dt>{i18n.t(K::YourSchools)}</dt>
                        <dd>{list_or_none(schools)}</dd>
                        <dt>{i18n.t(K::YourRoles)}</dt>
                        <dd>{list_or_none(roles)}</dd>
                        <dt>{i18n.t(K::YourSubjects)}</dt>
                        <dd>{list_or_none(subjects)}</dd>
                        <dt>{i18n.t(K::YourStages)}</dt>
                        <dd>{list_or_none(stages)}</dd>
                        {(!me.title.is_empty()).then(|| view! {
                            <dt>{i18n.t(K::YourTitle)}</dt>
                            <dd>{me.title.clone()}</dd>
                        })}
                    </dl>
                </section>
            </section>
        })
    }
}

/// Where an item of "Att göra" leads, and what it says.
fn todo_link(i18n: I18n, item: &TodoItem, lang: Lang) -> (String, String) {
    let meeting = item.meeting_id.map(|m| m.0).unwrap_or_default();
    let on = item
        .on
        .as_deref()
        .map(|d| days_text(d, d, None, lang))
        .unwrap_or_default();
    let count = item.count.unwrap_or_default();
    let title = item.title.as_str();
    match item.kind {
        TodoKind::ProtocolOwed => (
            format!("/traffar/{meeting}#protocol-heading"),
            i18n.fill(K::TodoProtocolOwed, &[&title, &on]),
        ),
        TodoKind::PlanToWrite => (
            format!("/traffar/{meeting}#plan-heading"),
            i18n.fill(K::TodoPlanToWrite, &[&title, &on]),
        ),
        TodoKind::Prepare => (
            format!("/traffar/{meeting}#meeting-prep-heading"),
            i18n.fill(K::TodoPrepare, &[&title, &on]),
        ),
        TodoKind::LeadSoon => (
            format!("/traffar/{meeting}"),
            i18n.fill(K::TodoLeadSoon, &[&title, &on]),
        ),
        TodoKind::GroupProtocolMissing => (
            format!("/traffar/{meeting}#protocol-heading"),
            i18n.fill(K::TodoGroupProtocolMissing, &[&title, &on]),
        ),
        TodoKind::ExampleReturned => (
            format!(
                "/bibliotek/{}",
                item.item_id.map(|i| i.0).unwrap_or_default()
            ),
            i18n.fill(K::TodoExampleReturned, &[&title]),
        ),
        TodoKind::ReviewQueue => (
            "/bibliotek#queue-heading".to_owned(),
            i18n.count(K::TodoReviewQueue, count, &[&count]),
        ),
        TodoKind::ProtocolsMissing => (
            "/uppfoljning".to_owned(),
            i18n.count(K::TodoProtocolsMissing, count, &[&count]),
        ),
    }
}

/// What others wait for stands out.
fn todo_class(kind: TodoKind) -> &'static str {
    match kind {
        TodoKind::ProtocolOwed | TodoKind::GroupProtocolMissing | TodoKind::ProtocolsMissing => {
            "urgent"
        }
        _ => "own",
    }
}
