//! The Kollegium browser app: a client-side rendered Leptos app talking to `/api/v1`.
//!
//! Where things live: a module per domain (`auth`, `org`, `groups`, `wheel`,
//! `library`, `meetings`, and `home`, the start page), none importing another; the
//! typed client in `api` (a file per domain); what pages repeat in `components`;
//! reference data shared by pages in `reference`; dates in `format`; the session,
//! the message catalog and browser storage in `session`, `i18n` and `storage`; the
//! lazily loaded routes in `pages`.

mod api;
mod auth;
mod components;
mod followup;
mod format;
mod goals;
mod groups;
mod home;
mod i18n;
mod library;
mod meetings;
mod networks;
mod org;
mod pages;
mod projects;
mod reference;
mod session;
mod storage;
mod wheel;

use leptos::prelude::*;
use leptos_router::Lazy;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::components::{NotFound, RequireAuth, Shell};

#[component]
fn App() -> impl IntoView {
    i18n::I18n::provide();
    session::Session::provide();
    reference::Reference::provide();
    view! {
        <Router>
            <Shell>
                <Routes fallback=NotFound>
                    <Route path=path!("/logga-in") view=auth::LoginPage/>
                    <Route path=path!("/") view=|| view! { <RequireAuth><home::HomePage/></RequireAuth> }/>
                    <Route path=path!("/profil") view={Lazy::<pages::Profile>::new()}/>
                    <Route path=path!("/kollegor") view={Lazy::<pages::Directory>::new()}/>
                    <Route path=path!("/grupper") view={Lazy::<pages::Roster>::new()}/>
                    <Route path=path!("/grupper/mina") view={Lazy::<pages::MyGroups>::new()}/>
                    <Route path=path!("/grupper/bilda") view={Lazy::<pages::Formation>::new()}/>
                    <Route path=path!("/grupper/skola") view={Lazy::<pages::SchoolRoster>::new()}/>
                    <Route path=path!("/grupper/:id") view={Lazy::<pages::GroupDetail>::new()}/>
                    <Route path=path!("/arshjul") view={Lazy::<pages::WheelCircle>::new()}/>
                    <Route path=path!("/arshjul/lista") view={Lazy::<pages::WheelList>::new()}/>
                    <Route path=path!("/arshjul/kopiera") view={Lazy::<pages::WheelCopy>::new()}/>
                    <Route path=path!("/traffar") view={Lazy::<pages::Meetings>::new()}/>
                    <Route path=path!("/traffar/dagordningar") view={Lazy::<pages::Templates>::new()}/>
                    <Route path=path!("/traffar/:id") view={Lazy::<pages::MeetingDetail>::new()}/>
                    <Route path=path!("/uppfoljning") view={Lazy::<pages::FollowUp>::new()}/>
                    <Route path=path!("/mal") view={Lazy::<pages::Goals>::new()}/>
                    <Route path=path!("/mal/:id") view={Lazy::<pages::Goals>::new()}/>
                    <Route path=path!("/malsamtal") view={Lazy::<pages::Goals>::new()}/>
                    <Route path=path!("/malsamtal/:id") view={Lazy::<pages::Goals>::new()}/>
                    <Route path=path!("/resultat") view={Lazy::<pages::Goals>::new()}/>
                    <Route path=path!("/resultat/dialoger") view={Lazy::<pages::Goals>::new()}/>
                    <Route path=path!("/resultat/dialoger/:id") view={Lazy::<pages::Goals>::new()}/>
                    <Route path=path!("/protokoll") view={Lazy::<pages::Archive>::new()}/>
                    <Route path=path!("/protokoll/:id") view={Lazy::<pages::ProtocolDocument>::new()}/>
                    <Route path=path!("/traffar/:id/live") view={Lazy::<pages::MeetingLive>::new()}/>
                    <Route path=path!("/bibliotek") view={Lazy::<pages::Library>::new()}/>
                    <Route path=path!("/bibliotek/ny") view={Lazy::<pages::LibraryEdit>::new()}/>
                    <Route path=path!("/bibliotek/import") view={Lazy::<pages::LibraryTransfer>::new()}/>
                    <Route path=path!("/bibliotek/samlingar/ny") view={Lazy::<pages::Collection>::new()}/>
                    <Route path=path!("/bibliotek/samlingar/:id") view={Lazy::<pages::Collection>::new()}/>
                    <Route path=path!("/bibliotek/:id") view={Lazy::<pages::LibraryItem>::new()}/>
                    <Route path=path!("/bibliotek/:id/andra") view={Lazy::<pages::LibraryEdit>::new()}/>
                    <Route path=path!("/admin") view={Lazy::<pages::Admin>::new()}/>
                    <Route path=path!("/admin/amnen") view={Lazy::<pages::SubjectsAdmin>::new()}/>
                    <Route path=path!("/admin/personal") view={Lazy::<pages::StaffAdmin>::new()}/>
                    <Route path=path!("/admin/skolor") view={Lazy::<pages::SchoolsAdmin>::new()}/>
                    <Route path=path!("/admin/import") view={Lazy::<pages::Import>::new()}/>
                    <Route path=path!("/admin/utkorg") view={Lazy::<pages::OutboxAdmin>::new()}/>
                    <Route path=path!("/projekt") view={Lazy::<pages::Projects>::new()}/>
                    <Route path=path!("/projekt/:id") view={Lazy::<pages::ProjectDetail>::new()}/>
                    <Route path=path!("/natverk") view={Lazy::<pages::Networks>::new()}/>
                    <Route path=path!("/natverk/:id") view={Lazy::<pages::NetworkDetail>::new()}/>
                    <Route path=path!("/visa/:key") view={Lazy::<pages::Showcase>::new()}/>
                    <Route path=path!("/min-roda-trad") view={Lazy::<pages::Thread>::new()}/>
                </Routes>
            </Shell>
        </Router>
    }
}

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(App);
}
