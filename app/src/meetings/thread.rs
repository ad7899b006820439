//! `/min-roda-trad`: "Min röda tråd", a teacher's personal action plans of the year as a
//! timeline, each with its meeting and theme; printable, and saved as Markdown.

use kollegium_shared::i18n::Lang;
use kollegium_shared::meetings::ThreadEntry;
use kollegium_shared::meetings::records::{self, PLAN_FIELDS};
use leptos::prelude::*;
use leptos_router::components::A;

use super::record::RecordView;
use crate::api::use_api;
use crate::format::meeting_when;
use crate::i18n::{K, use_i18n, use_title};
use crate::meetings::text::MeetingsText;

/// The thread as a Markdown document.
fn markdown(entries: &[ThreadEntry], lang: Lang, title: &str) -> String {
    let mut out = format!("# {title}\n");
    for e in entries {
        out.push_str(&format!(
            "\n## {} – {}\n",
            e.meeting.starts_on, e.meeting.group_name
        ));
        if let Some(theme) = &e.meeting.theme {
            out.push_str(&format!("\n*{theme}*\n"));
        }
        for (key, _, _) in PLAN_FIELDS {
            let text = records::value(&e.plan.fields, key).trim();
            if !text.is_empty() {
                out.push_str(&format!(
                    "\n**{}**\n\n{text}\n",
                    records::heading(&PLAN_FIELDS, key, lang)
                ));
            }
        }
    }
    out
}

#[component]
pub fn ThreadPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    use_title(MeetingsText::ThreadTitle);
    let thread = LocalResource::new(move || async move { api.my_thread().await });
    let export = move |_| {
        let Some(Ok(entries)) = thread.get_untracked() else {
            return;
        };
        let lang = i18n.lang.get_untracked();
        let text = markdown(&entries, lang, i18n.t(MeetingsText::ThreadTitle));
        let _ = crate::components::save_file(text.as_bytes(), "text/markdown", "min-roda-trad.md");
    };
    view! {
        <section class="page thread-page">
            <h1>{move || i18n.t(MeetingsText::ThreadTitle)}</h1>
            <p class="lead">{move || i18n.t(MeetingsText::ThreadIntro)}</p>
            <div class="actions no-print">
                <button type="button" class="button button-secondary" on:click=move |_| { let _ = window().print(); }>{move || i18n.t(MeetingsText::ThreadPrint)}</button>
                <button type="button" class="button button-secondary" on:click=export>{move || i18n.t(MeetingsText::ThreadExport)}</button>
            </div>
            <Transition fallback=move || view! { <p class="loading" role="status">{i18n.t(K::Loading)}</p> }>
                {move || thread.get().map(|result| match result {
                    Err(e) => view! { <p class="form-error" role="alert">{e.message(i18n)}</p> }.into_any(),
                    Ok(entries) if entries.is_empty() => view! { <p class="muted">{i18n.t(MeetingsText::ThreadEmpty)}</p> }.into_any(),
                    Ok(entries) => {
                        let lang = i18n.lang.get();
                        view! {
                            <ol class="thread">
                                {entries.into_iter().map(|e| view! {
                                    <li class="card thread-entry">
                                        <h2>
                                            <A href=format!("/traffar/{}", e.meeting.id)>{format!("{} · {}", meeting_when(&e.meeting, lang), e.meeting.group_name)}</A>
                                        </h2>
                                        {e.meeting.theme.clone().map(|t| view! { <p class="muted">{i18n.t(MeetingsText::MeetingTheme)}": "{t}</p> })}
                                        <RecordView specs=&PLAN_FIELDS fields=e.plan.fields/>
                                    </li>
                                }).collect_view()}
                            </ol>
                        }.into_any()
                    }
                })}
            </Transition>
        </section>
    }
}
