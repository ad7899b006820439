//! `/logga-in`: the sign-in form. Rules are checked in the browser first (the same
//! rules the server applies); the server's answer is shown beside the field it names.

use kollegium_shared::auth::LoginRequest;
use kollegium_shared::validation::Validate;
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::api::use_api;
use crate::components::{ErrorText, FieldErrors, TextField};
use crate::i18n::{K, use_i18n, use_title};
use crate::session::use_session;

/// Only same-site paths are followed after signing in.
fn safe_next(next: Option<String>) -> String {
    next.filter(|n| n.starts_with('/') && !n.starts_with("//") && !n.starts_with("/logga-in"))
        .unwrap_or_else(|| "/".into())
}

#[component]
pub fn LoginPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let api = use_api();
    let navigate = use_navigate();
    let query = use_query_map();
    use_title(K::LoginTitle);

    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let municipality = RwSignal::new(String::new());
    let show_municipality = RwSignal::new(false);
    let errors = FieldErrors::default();
    let form_error = RwSignal::new(None::<String>);
    let email_ref = NodeRef::<leptos::html::Input>::new();

    let next = move || safe_next(query.with_untracked(|q| q.get("next")));

    // Someone already signed in has nothing to do here.
    let nav = navigate.clone();
    Effect::new(move |_| {
        if session.signed_in() && session.me.with(Option::is_some) {
            nav(
                &next(),
                NavigateOptions {
                    replace: true,
                    ..Default::default()
                },
            );
        }
    });

    let submit = Action::new_local(move |request: &LoginRequest| {
        let request = request.clone();
        async move { api.login(&request).await }
    });

    Effect::new(move |_| {
        let Some(result) = submit.value().get() else {
            return;
        };
        match result {
            Ok(response) => {
                let must_change = response.me.must_change_password;
                session.sign_in(response);
                let target = if must_change {
                    "/profil".to_owned()
                } else {
                    next()
                };
                navigate(
                    &target,
                    NavigateOptions {
                        replace: true,
                        ..Default::default()
                    },
                );
            }
            Err(e) => {
                if e.field() == Some("municipality") {
                    show_municipality.set(true);
                }
                match e.field() {
                    Some(field) => errors.set(field, e.message(i18n)),
                    None => form_error.set(Some(e.message(i18n))),
                }
            }
        }
    });

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        form_error.set(None);
        let municipality = municipality.get_untracked();
        let request = LoginRequest {
            email: email.get_untracked(),
            password: password.get_untracked(),
            municipality: (!municipality.trim().is_empty()).then(|| municipality.trim().to_owned()),
        };
        let broken = request.validate();
        if broken.is_empty() {
            errors.clear_all();
            submit.dispatch(request);
        } else {
            errors.set_rules(&broken);
            form_error.set(Some(i18n.t(K::FormHasErrors).to_owned()));
            if broken[0].field == "email"
                && let Some(input) = email_ref.get()
            {
                let _ = input.focus();
            }
        }
    };

    view! {
        <section class="page page-narrow login">
            <h1>{move || i18n.t(K::LoginTitle)}</h1>
            <p class="lead">{move || i18n.t(K::LoginIntro)}</p>
            <Show when=move || session.expired.get()>
                <p class="notice" role="status">{move || i18n.t(K::SessionExpired)}</p>
            </Show>
            <form class="card form" on:submit=on_submit novalidate=true>
                <ErrorText message=form_error/>
                <TextField
                    name="email"
                    label=Signal::derive(move || i18n.t(K::Email))
                    value=email
                    errors=errors
                    kind="email"
                    autocomplete="username"
                    required=true
                    node_ref=email_ref
                />
                <TextField
                    name="password"
                    label=Signal::derive(move || i18n.t(K::Password))
                    value=password
                    errors=errors
                    kind="password"
                    autocomplete="current-password"
                    required=true
                />
                <Show when=move || show_municipality.get()>
                    <TextField
                        name="municipality"
                        label=Signal::derive(move || i18n.t(K::Municipality))
                        value=municipality
                        errors=errors
                    />
                </Show>
                <button type="submit" class="button button-primary" disabled=move || submit.pending().get()>
                    {move || if submit.pending().get() { i18n.t(K::LoggingIn) } else { i18n.t(K::LoginButton) }}
                </button>
            </form>
        </section>
    }
}
