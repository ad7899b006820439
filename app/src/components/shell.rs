//! The page shell (skip link, header with navigation and language switch, main area)
//! and the guard that sends signed-out visitors to the sign-in page and back.

use leptos::prelude::*;
use leptos_router::components::{A, Redirect};
use leptos_router::hooks::use_location;

use crate::api::use_api;
use crate::i18n::{K, use_i18n, use_title};
use crate::session::use_session;

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
                    <A href="/" exact=true>{move || i18n.t(K::NavHome)}</A>
                    <A href="/grupper/mina">{move || i18n.t(K::NavMyGroups)}</A>
                    <A href="/traffar">{move || i18n.t(K::NavMeetings)}</A>
                    <A href="/arshjul">{move || i18n.t(K::NavWheel)}</A>
                    <A href="/bibliotek">{move || i18n.t(K::NavLibrary)}</A>
                    <MoreMenu groups_href=Signal::derive(groups_href) is_admin=Signal::derive(is_admin)/>
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

/// The places beyond the main ones, behind a disclosure button so that the header keeps
/// to one row: Escape or a tap elsewhere closes the list and gives the focus back to the
/// button; following a link closes it. The button is marked while one of its places is
/// open.
#[component]
fn MoreMenu(groups_href: Signal<Option<&'static str>>, is_admin: Signal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let location = use_location();
    let open = RwSignal::new(false);
    let button = NodeRef::<leptos::html::Button>::new();
    let area = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        location.pathname.track();
        open.set(false);
    });
    let close = move |focus: bool| {
        open.set(false);
        if focus && let Some(b) = button.get_untracked() {
            let _ = b.focus();
        }
    };
    // A tap or click outside the list closes it.
    let outside = window_event_listener(leptos::ev::pointerdown, move |ev| {
        if !open.get_untracked() {
            return;
        }
        let inside = area.get_untracked().is_some_and(|a| {
            ev.target()
                .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Node>(t).ok())
                .is_some_and(|n| a.contains(Some(&n)))
        });
        if !inside {
            open.set(false);
        }
    });
    on_cleanup(move || outside.remove());
    let current = move || {
        let path = location.pathname.get();
        let under = |p: &str| path == p || path.starts_with(&format!("{p}/"));
        [
            "/kollegor",
            "/protokoll",
            "/min-roda-trad",
            "/mal",
            "/malsamtal",
            "/resultat",
            "/uppfoljning",
            "/admin",
            "/profil",
        ]
        .iter()
        .any(|p| under(p))
            || (under("/grupper") && !under("/grupper/mina"))
    };
    view! {
        <div class="nav-more" node_ref=area
            on:keydown=move |ev| if ev.key() == "Escape" && open.get_untracked() {
                ev.prevent_default();
                close(true);
            }>
            <button type="button" class="nav-more-button" node_ref=button
                class:nav-more-current=current
                aria-expanded=move || if open.get() { "true" } else { "false" }
                aria-controls="nav-more-list"
                on:click=move |_| open.update(|o| *o = !*o)>
                {move || i18n.t(K::NavMore)}<span class="nav-more-caret" aria-hidden="true">"▾"</span>
            </button>
            <Show when=move || open.get()>
                <ul id="nav-more-list" class="nav-more-list">
                    <li><A href="/kollegor">{move || i18n.t(K::NavDirectory)}</A></li>
                    {move || groups_href.get().map(|href| view! { <li><A href=href exact=true>{move || i18n.t(K::NavGroups)}</A></li> })}
                    <li><A href="/protokoll">{move || i18n.t(K::NavArchive)}</A></li>
                    <li><A href="/min-roda-trad">{move || i18n.t(K::NavThread)}</A></li>
                    <li><A href="/mal">{move || i18n.t(K::NavGoals)}</A></li>
                    <li><A href="/uppfoljning">{move || i18n.t(K::NavFollowUp)}</A></li>
                    <Show when=move || is_admin.get()>
                        <li><A href="/admin">{move || i18n.t(K::NavAdmin)}</A></li>
                    </Show>
                    <li><A href="/profil">{move || i18n.t(K::NavProfile)}</A></li>
                </ul>
            </Show>
        </div>
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
            <p><A href="/">{move || i18n.t(K::NavHome)}</A></p>
        </section>
    }
}
