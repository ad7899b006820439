//! The page shell (skip link, header with navigation and language switch, main area)
//! and the guard that sends signed-out visitors to the sign-in page and back.

use leptos::prelude::*;
use leptos_router::components::{A, Redirect};
use leptos_router::hooks::use_location;

use crate::api::use_api;
use crate::i18n::{K, use_i18n, use_title};
use crate::session::use_session;

/// A link of the header: one shape for all of them, so that the browser app carries the
/// code of one.
fn nav_link(href: &'static str, text: K, exact: bool) -> impl IntoView {
    let i18n = use_i18n();
    view! { <A href=href exact=exact>{move || i18n.t(text)}</A> }
}

/// The frame around every page.
#[component]
pub fn Shell(children: Children) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let is_admin = move || {
        session.me.with(|m| {
            m.as_ref()
                .is_some_and(|m| m.has_role(kollegium_shared::org::Role::Admin))
        })
    };
    // The steering group and administrators get the whole roster; a principal the
    // roster of their school.
    let groups_href = move || {
        use kollegium_shared::groups::access::{may_read_roster, may_read_school_rosters};
        if session.may(may_read_roster) {
            Some("/grupper")
        } else if session.may(may_read_school_rosters) {
            Some("/grupper/skola")
        } else {
            None
        }
    };
    // "Mer": Escape closes it and gives the focus back to its summary; a tap elsewhere
    // (on the summary's backdrop, see layout.css) or following a link closes it.
    let more = NodeRef::<leptos::html::Details>::new();
    let close_more = move |focus: bool| {
        let Some(d) = more.get_untracked() else {
            return;
        };
        if !d.open() {
            return;
        }
        d.set_open(false);
        if focus
            && let Some(summary) = d.first_element_child()
            && let Ok(summary) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(summary)
        {
            let _ = summary.focus();
        }
    };
    let other_lang = move || {
        if i18n.lang.get() == kollegium_shared::i18n::Lang::Sv {
            "en"
        } else {
            "sv"
        }
    };
    view! {
        <a class="skip-link" href="#main" rel="external">{move || i18n.t(K::SkipToContent)}</a>
        <header class="site-header">
            <div class="brand">
                <span class="brand-name">{move || i18n.t(K::AppName)}</span>
                {move || session.me.get().map(|me| view! { <span class="brand-municipality">{me.municipality.name}</span> })}
            </div>
            <Show when=move || session.signed_in()>
                <nav class="main-nav" aria-label=move || i18n.t(K::MainNav)>
                    {nav_link("/", K::NavHome, true)}
                    {nav_link("/grupper/mina", K::NavMyGroups, false)}
                    {nav_link("/traffar", K::NavMeetings, false)}
                    {nav_link("/arshjul", K::NavWheel, false)}
                    {nav_link("/bibliotek", K::NavLibrary, false)}
                    // The places beyond the main ones, behind the browser's own disclosure
                    // so that the header keeps to one row.
                    <details class="nav-more" node_ref=more
                        on:keydown=move |ev| if ev.key() == "Escape" {
                            close_more(true);
                        }>
                        <summary class="nav-more-button">
                            {move || i18n.t(K::NavMore)}<span aria-hidden="true">"▾"</span>
                        </summary>
                        // Only links are inside: following one closes the list.
                        <div id="nav-more-list" class="nav-more-list" on:click=move |_| close_more(false)>
                            {nav_link("/kollegor", K::NavDirectory, false)}
                            {move || groups_href().map(|href| nav_link(href, K::NavGroups, true))}
                            {nav_link("/protokoll", K::NavArchive, false)}
                            {nav_link("/min-roda-trad", K::NavThread, false)}
                            {nav_link("/mal", K::NavGoals, false)}
                            {nav_link("/uppfoljning", K::NavFollowUp, false)}
                            {nav_link("/projekt", K::NavProjects, false)}
                            {nav_link("/natverk", K::NavNetworks, false)}
                            <Show when=is_admin>
                                {nav_link("/admin", K::NavAdmin, false)}
                            </Show>
                            {nav_link("/profil", K::NavProfile, false)}
                        </div>
                    </details>
                </nav>
            </Show>
            <div class="header-actions">
                <button
                    type="button"
                    class="button button-quiet"
                    lang=other_lang
                    on:click=move |_| i18n.toggle()
                >
                    {move || i18n.t(K::SwitchLanguage)}
                </button>
                <Show when=move || session.signed_in()>
                    <button type="button" class="button button-quiet" on:click=move |_| session.sign_out()>
                        {move || i18n.t(K::SignOut)}
                    </button>
                </Show>
            </div>
        </header>
        <main id="main" tabindex="-1">{children()}</main>
    }
}

/// Shows `children` to a signed-in person; others go to the sign-in page, which
/// brings them back here afterwards.
#[component]
pub fn RequireAuth(children: ChildrenFn) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let api = use_api();
    let location = use_location();

    // Load the person behind a remembered token (after a reload).
    Effect::new(move |_| {
        if session.signed_in() && session.me.with_untracked(Option::is_none) {
            leptos::task::spawn_local(async move {
                if let Ok(me) = api.me().await {
                    session.me.set(Some(me));
                }
            });
        }
    });

    // Re-render only when the gate's state changes, not on every change to the person.
    let gate = Memo::new(move |_| {
        if !session.signed_in() {
            Gate::SignedOut
        } else if session.me.with(Option::is_none) {
            Gate::Loading
        } else if session
            .me
            .with(|m| m.as_ref().is_some_and(|m| m.must_change_password))
            && location.pathname.get() != "/profil"
        {
            Gate::MustChangePassword
        } else {
            Gate::Open
        }
    });
    move || match gate.get() {
        Gate::SignedOut => {
            let here = format!(
                "{}{}",
                location.pathname.get_untracked(),
                location.search.get_untracked()
            );
            let target = format!("/logga-in?next={}", js_sys::encode_uri_component(&here));
            view! { <Redirect path=target/> }.into_any()
        }
        Gate::Loading => {
            view! { <p class="loading" role="status">{move || i18n.t(K::Loading)}</p> }.into_any()
        }
        Gate::MustChangePassword => view! { <Redirect path="/profil"/> }.into_any(),
        Gate::Open => children().into_any(),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Gate {
    SignedOut,
    Loading,
    MustChangePassword,
    Open,
}

/// The page for paths that match no route.
#[component]
pub fn NotFound() -> impl IntoView {
    let i18n = use_i18n();
    use_title(K::NotFoundTitle);
    view! {
        <section class="page">
            <h1>{move || i18n.t(K::NotFoundTitle)}</h1>
            <p>{move || i18n.t(K::NotFoundText)}</p>
            <p>{nav_link("/", K::NavHome, false)}</p>
        </section>
    }
}
