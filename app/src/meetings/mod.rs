//! Meetings of my groups: `/traffar` lists them, `/traffar/{id}` is one meeting with its
//! agenda, preparation, my personal action plan and the protocol.

mod agenda;
mod archive;
mod live;
mod meeting;
mod new_meeting;
mod outbox;
mod preparation;
mod record;
pub(crate) mod text;
mod thread;

use kollegium_shared::meetings::Meeting;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::use_api;
use crate::components::loaded;
use crate::format::meeting_when;
use crate::i18n::{K, use_i18n, use_title};
use text::MeetingsText;

pub use agenda::TemplatesPage;
pub use archive::{ArchivePage, ProtocolDocumentPage};
pub use live::LivePage;
pub use meeting::MeetingPage;
pub use outbox::OutboxPage;
pub use thread::ThreadPage;

#[component]
pub fn MeetingsPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    use_title(MeetingsText::MeetingsTitle);
    let meetings = LocalResource::new(move || async move { api.meetings().await });
    let list = move |items: Vec<Meeting>, heading: K, id: &'static str| {
        let lang = i18n.lang.get();
        view! {
            <section class="card" aria-labelledby=id>
                <h2 id=id>{i18n.t(heading)}</h2>
                {if items.is_empty() {
                    view! { <p class="muted">{i18n.t(K::MeetingsNone)}</p> }.into_any()
                } else {
                    view! {
                        <ol class="plain meetings">
                            {items.into_iter().map(|m| {
                                let when = meeting_when(&m, lang);
                                let state = m.state;
                                view! {
                                <li class="meeting-row">
                                    <A href=format!("/traffar/{}", m.id.0)>
                                        <span class="meeting-when">{when}</span>
                                        <span class="meeting-group">{m.group_name}</span>
                                    </A>
                                    {m.theme.map(|t| view! { <span class="muted">{t}</span> })}
                                    <span class=format!("badge state-{}", state.code())>{state.label(lang)}</span>
                                </li>
                            }}).collect_view()}
                        </ol>
                    }.into_any()
                }}
            </section>
        }
    };
    view! {
        <section class="page meetings-page">
            <h1>{move || i18n.t(MeetingsText::MeetingsTitle)}</h1>
            <p class="lead">{move || i18n.t(MeetingsText::MeetingsIntro)}</p>
            <p class="actions">
                <A href="/protokoll" attr:class="button button-secondary">{move || i18n.t(K::ArchiveTitle)}</A>
                <A href="/traffar/dagordningar" attr:class="button button-secondary">{move || i18n.t(MeetingsText::TemplatesTitle)}</A>
                <A href="/uppfoljning" attr:class="button button-secondary">{move || i18n.t(MeetingsText::FollowUpLink)}</A>
            </p>
            <new_meeting::NewMeetingForm/>
            <Transition>
                {loaded(meetings, move |all| {
                    {
                        // Those not held are "held" no more: they are past, and say so.
                        let (coming, held): (Vec<Meeting>, Vec<Meeting>) =
                            all.into_iter().partition(|m| m.state.is_ahead());
                        let mut held = held;
                        held.reverse();
                        view! {
                            {list(coming, K::MeetingsComing, "meetings-coming")}
                            {list(held, K::MeetingsHeld, "meetings-held")}
                        }
                    }
                })}
            </Transition>
        </section>
    }
}
