//! `/profil`: the person's own profile, where they change their password and choose
//! whether to get e-mail reminders.

use kollegium_shared::auth::PasswordChange;
use kollegium_shared::validation::Validate;
use leptos::prelude::*;

use crate::api::use_api;
use crate::components::{ErrorText, FieldErrors, StatusText, TextField, loaded};
use crate::i18n::{K, use_i18n, use_title};
use crate::session::use_session;

#[component]
pub fn ProfilePage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let api = use_api();
    use_title(K::ProfileTitle);

    let current = RwSignal::new(String::new());
    let new = RwSignal::new(String::new());
    let repeat = RwSignal::new(String::new());
    let errors = FieldErrors::default();
    let form_error = RwSignal::new(None::<String>);
    let done = RwSignal::new(false);
    let navigate = leptos_router::hooks::use_navigate();

    let save = Action::new_local(move |request: &PasswordChange| {
        let request = request.clone();
        async move { api.change_password(&request).await }
    });

    Effect::new(move |_| {
        let Some(result) = save.value().get() else {
            return;
        };
        match result {
            Ok(response) => {
                current.set(String::new());
                new.set(String::new());
                repeat.set(String::new());
                done.set(true);
                let forced = session
                    .me
                    .with_untracked(|m| m.as_ref().is_some_and(|m| m.must_change_password));
                // The old token has stopped working: keep the session on the new one.
                session.sign_in(response);
                // A password chosen at the first sign-in leads on to the start page.
                if forced {
                    navigate("/", Default::default());
                }
            }
            Err(e) => match e.field() {
                Some(field) => errors.set(field, e.message(i18n)),
                None => form_error.set(Some(e.message(i18n))),
            },
        }
    });

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        form_error.set(None);
        done.set(false);
        let request = PasswordChange {
            current_password: current.get_untracked(),
            new_password: new.get_untracked(),
        };
        let broken = request.validate();
        errors.set_rules(&broken);
        let differs = new.get_untracked() != repeat.get_untracked();
        if differs {
            errors.set("repeat_password", i18n.t(K::PasswordsDiffer).to_owned());
        }
        if broken.is_empty() && !differs {
            save.dispatch(request);
        } else {
            form_error.set(Some(i18n.t(K::FormHasErrors).to_owned()));
        }
    };

    let must_change = move || {
        session
            .me
            .with(|m| m.as_ref().is_some_and(|m| m.must_change_password))
    };
    view! {
        <section class="page page-narrow">
            <h1>{move || i18n.t(K::ProfileTitle)}</h1>
            {move || session.me.get().map(|me| view! { <p class="lead">{me.name}" · "{me.email}</p> })}
            <Show when=must_change>
                <p class="notice" role="status">{move || i18n.t(K::MustChangePassword)}</p>
            </Show>
            <form class="card form" on:submit=on_submit novalidate=true>
                <h2>{move || i18n.t(K::ChangePassword)}</h2>
                <ErrorText message=form_error/>
                <p class="form-success" role="status">{move || done.get().then(|| i18n.t(K::PasswordChanged))}</p>
                <TextField
                    name="current_password"
                    label=Signal::derive(move || i18n.t(K::CurrentPassword))
                    value=current
                    errors=errors
                    kind="password"
                    autocomplete="current-password"
                    required=true
                />
                <TextField
                    name="new_password"
                    label=Signal::derive(move || i18n.t(K::NewPassword))
                    hint=Signal::derive(move || i18n.t(K::NewPasswordHint))
                    value=new
                    errors=errors
                    kind="password"
                    autocomplete="new-password"
                    required=true
                />
                <TextField
                    name="repeat_password"
                    label=Signal::derive(move || i18n.t(K::RepeatPassword))
                    value=repeat
                    errors=errors
                    kind="password"
                    autocomplete="new-password"
                    required=true
                />
                <button type="submit" class="button button-primary" disabled=move || save.pending().get()>
                    {move || if save.pending().get() { i18n.t(K::Saving) } else { i18n.t(K::SavePassword) }}
                </button>
            </form>
            <Reminders/>
        </section>
    }
}

/// E-mail reminders about missing protocols, on or off; saved when ticked.
#[component]
fn Reminders() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let setting = LocalResource::new(move || async move { api.reminders().await });
    let error = RwSignal::new(None::<String>);
    let saved = RwSignal::new(None::<String>);
    view! {
        <section class="card form" aria-labelledby="reminders-heading">
            <h2 id="reminders-heading">{move || i18n.t(K::RemindersTitle)}</h2>
            <Transition>
                {loaded(setting, move |s| {
                    let on = RwSignal::new(s.on);
                    view! {
                        <label class="check">
                            <input type="checkbox" prop:checked=move || on.get()
                                on:change=move |ev| {
                                    let value = event_target_checked(&ev);
                                    error.set(None);
                                    saved.set(None);
                                    leptos::task::spawn_local(async move {
                                        match api.set_reminders(value).await {
                                            Ok(s) => {
                                                on.set(s.on);
                                                saved.set(Some(i18n.t(K::FollowUpSaved).to_owned()));
                                            }
                                            Err(e) => {
                                                on.set(!value);
                                                error.set(Some(e.message(i18n)));
                                            }
                                        }
                                    });
                                }/>
                            <span>{i18n.t(K::RemindersLabel)}</span>
                        </label>
                    }
                })}
            </Transition>
            <StatusText message=saved/>
            <ErrorText message=error/>
        </section>
    }
}
