//! `/admin/utkorg`: outgoing mail (published protocols) and whether it has gone, for
//! administrators: what waits, how often it was tried and why it failed.

use kollegium_shared::meetings::access::may_manage_mail;
use kollegium_shared::meetings::archive::ProtocolSettings;
use leptos::prelude::*;

use crate::api::use_api;
use crate::components::{Allowed, ErrorText, FieldErrors, LoadError, StatusText, loaded};
use crate::i18n::{K, use_i18n, use_title};
use crate::meetings::text::MeetingsText;

#[component]
pub fn OutboxPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    use_title(K::OutboxTitle);
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
            <p class="lead">{move || i18n.t(MeetingsText::OutboxIntro)}</p>
            <Allowed rule=may_manage_mail>
                <RecipientsForm/>
                {loaded(outbox, move |o| view! {
                        {(!o.configured).then(|| view! { <p class="notice">{i18n.t(MeetingsText::OutboxNotConfigured)}</p> })}
                        <table class="outbox">
                            <caption class="visually-hidden">{i18n.t(K::OutboxTitle)}</caption>
                            <thead><tr>
                                <th scope="col">{i18n.t(MeetingsText::OutboxSubject)}</th>
                                <th scope="col">{i18n.t(MeetingsText::OutboxRecipients)}</th>
                                <th scope="col">{i18n.t(MeetingsText::OutboxCreated)}</th>
                                <th scope="col">{i18n.t(MeetingsText::OutboxState)}</th>
                            </tr></thead>
                            <tbody>
                                {o.messages.into_iter().map(|m| {
                                    let state = match (&m.sent_at, &m.next_attempt_at) {
                                        (Some(at), _) => format!("{} {}", i18n.t(MeetingsText::OutboxSent), time(at)),
                                        (None, Some(next)) => format!("{} {} ({} {})", i18n.t(MeetingsText::OutboxWaiting), time(next), m.attempts, i18n.t(MeetingsText::OutboxAttempts)),
                                        (None, None) => i18n.t(MeetingsText::OutboxWaiting).to_owned(),
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
                })}
            </Allowed>
        </section>
    }
}

/// The addresses every published protocol also goes to, one per line.
#[component]
fn RecipientsForm() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let errors = FieldErrors::default();
    let form_error = RwSignal::new(None::<String>);
    let flash = RwSignal::new(false);
    let text = RwSignal::new(String::new());
    let version = RwSignal::new(0i64);
    // The field is editable once the stored addresses are in, so nothing typed before
    // is replaced by them.
    let loaded = RwSignal::new(false);
    let stored = LocalResource::new(move || async move { api.protocol_settings().await });
    Effect::new(move |_| {
        if let Some(Ok(s)) = stored.get() {
            text.set(s.recipients.join("\n"));
            version.set(s.version);
            loaded.set(true);
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        flash.set(false);
        let settings = ProtocolSettings {
            recipients: text
                .get_untracked()
                .split(['\n', ',', ';'])
                .map(str::trim)
                .filter(|r| !r.is_empty())
                .map(str::to_owned)
                .collect(),
            version: version.get_untracked(),
        };
        if !errors.accept(&settings, form_error) {
            return;
        }
        leptos::task::spawn_local(async move {
            match api.set_protocol_settings(&settings).await {
                Ok(s) => {
                    text.set(s.recipients.join("\n"));
                    version.set(s.version);
                    flash.set(true);
                }
                Err(e) => errors.show_api_error(&e, form_error),
            }
        });
    };
    view! {
        <form class="card recipients" on:submit=submit novalidate>
            <h2>{move || i18n.t(MeetingsText::RecipientsTitle)}</h2>
            <ErrorText message=form_error/>
            {move || match stored.get() {
                Some(Err(e)) => Some(view! { <LoadError error=e retry=Callback::new(move |()| stored.refetch())/> }),
                _ => None,
            }}
            <div class="field">
                <label for="field-recipients">{move || i18n.t(MeetingsText::RecipientsLabel)}</label>
                <p class="hint" id="field-recipients-hint">{move || i18n.t(MeetingsText::RecipientsHint)}</p>
                <textarea id="field-recipients" rows="3" aria-describedby="field-recipients-hint field-recipients-error" disabled=move || !loaded.get()
                    prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev))></textarea>
                <p class="field-error" id="field-recipients-error" aria-live="polite">{move || errors.get("recipients")}</p>
            </div>
            <div class="actions"><button type="submit" class="button button-primary" disabled=move || !loaded.get()>{move || i18n.t(K::Save)}</button></div>
            <StatusText message=Signal::derive(move || flash.get().then(|| i18n.t(K::Saved).to_owned()))/>
        </form>
    }
}
