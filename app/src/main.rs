//! The Kollegium browser app: a client-side rendered Leptos app talking to `/api/v1`.

mod api;
mod auth;
mod components;
mod home;
mod i18n;
mod org;
mod session;
mod storage;

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::components::{NotFound, RequireAuth, Shell};

#[component]
fn App() -> impl IntoView {
    i18n::I18n::provide();
    session::Session::provide();
    view! {
        <Router>
            <Shell>
                <Routes fallback=NotFound>
                    <Route path=path!("/logga-in") view=auth::LoginPage/>
                    <Route path=path!("/") view=|| view! { <RequireAuth><home::HomePage/></RequireAuth> }/>
                    <Route path=path!("/profil") view=|| view! { <RequireAuth><auth::ProfilePage/></RequireAuth> }/>
                    <Route path=path!("/kollegor") view=|| view! { <RequireAuth><org::DirectoryPage/></RequireAuth> }/>
                    <Route path=path!("/admin") view=|| view! { <RequireAuth><org::AdminPage/></RequireAuth> }/>
                    <Route path=path!("/admin/amnen") view=|| view! { <RequireAuth><org::SubjectsAdminPage/></RequireAuth> }/>
                    <Route path=path!("/admin/personal") view=|| view! { <RequireAuth><org::StaffAdminPage/></RequireAuth> }/>
                    <Route path=path!("/admin/skolor") view=|| view! { <RequireAuth><org::SchoolsAdminPage/></RequireAuth> }/>
                    <Route path=path!("/admin/import") view=|| view! { <RequireAuth><org::ImportPage/></RequireAuth> }/>
                </Routes>
            </Shell>
        </Router>
    }
}

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(App);
}
