//! `/admin/utkorg`: outgoing mail (published protocols) and whether it has gone, for
//! administrators: what waits, how often it was tried and why it failed.

use kollegium_shared::org::Role;
use leptos::prelude::*;

use crate::api::use_api;
use crate::i18n::{K, use_i18n, use_title};
use crate::session::use_session;

#[component]
pub fn OutboxPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let session = use_session();
    use_title(K::OutboxTitle);
    let is_admin = move || {
        session
            .me
            .with(|m| m.as_ref().is_some_and(|m| m.has_role(Role::Admin)))
    };
    let outbox = LocalResource::new(move || async move { api.outbox().await });
    let time = |t: &str| {
        t.replace('T', " ")
            .trim_end_matches('Z')
            .chars()
            .take(16)
            .collect::<String>()
    };
    view! {
        <section class="page outbox-page">
            <h1>{move || i18n.t(K::OutboxTitle)}</h1>
            <p class="lead">{move || i18n.t(K::OutboxIntro)}</p>
            <Show when=is_admin fallback=move || view! { <p class="notice" role="alert">{i18n.t(K::NotAllowed)}</p> }>
                {move || outbox.get().map(|result| match result {
                    Err(e) => view! { <p class="form-error" role="alert">{e.message(i18n)}</p> }.into_any(),
                    Ok(o) => view! {
                        {(!o.configured).then(|| view! { <p class="notice">{i18n.t(K::OutboxNotConfigured)}</p> })}
                        <table class="outbox">
                            <caption class="visually-hidden">{i18n.t(K::OutboxTitle)}</caption>
                            <thead><tr>
                                <th scope="col">{i18n.t(K::OutboxSubject)}</th>
                                <th scope="col">{i18n.t(K::OutboxRecipients)}</th>
                                <th scope="col">{i18n.t(K::OutboxCreated)}</th>
                                <th scope="col">{i18n.t(K::OutboxState)}</th>
                            </tr></thead>
                            <tbody>
                                {o.messages.into_iter().map(|m| {
                                    let state = match (&m.sent_at, &m.next_attempt_at) {
                                        (Some(at), _) => format!("{} {}", i18n.t(K::OutboxSent), time(at)),
                                        (None, Some(next)) => format!("{} {} ({} {})", i18n.t(K::OutboxWaiting), time(next), m.attempts, i18n.t(K::OutboxAttempts)),
                                        (None, None) => i18n.t(K::OutboxWaiting).to_owned(),
                                    };
                                    let failed = m.last_error.is_some();
                                    view! {
                                        <tr class:failed=failed>
                                            <td>{m.subject}</td>
                                            <td>{m.recipients.len()}</td>
                                            <td>{time(&m.created_at)}</td>
                                            <td>{state}{m.last_error.map(|e| view! { <br/><span class="muted">{e}</span> })}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any(),
                })}
            </Show>
        </section>
    }
}
