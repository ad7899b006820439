//! `/protokoll`: the archive of published protocols, searched as you type (Swedish word
//! forms, as in the library) and filtered by subject, stage, theme, group and dates;
//! `/protokoll/{id}`: one protocol as an A4 document, printed, or saved as PDF or
//! Markdown.

use kollegium_shared::ids::{GroupId, MeetingId};
use kollegium_shared::meetings::archive::{ArchiveHit, protocol_markdown};
use kollegium_shared::meetings::records::PROTOCOL_FIELDS;
use kollegium_shared::org::Stage;
use leptos::prelude::*;
use leptos_router::components::A;

use super::record::RecordView;
use crate::api::{ApiError, use_api};
use crate::components::{
    LoadError, Loading, debounced_input, load_failure, loaded, marked, push_filters, use_id_param,
};
use crate::format::{day_of, meeting_when};
use crate::i18n::{K, use_i18n, use_title};
use crate::meetings::text::MeetingsText;
use crate::reference::{subject_label, use_reference};

#[component]
pub fn ArchivePage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    use_title(K::ArchiveTitle);
    let typed = RwSignal::new(String::new());
    let q = RwSignal::new(String::new());
    let subject = RwSignal::new(String::new());
    let stage = RwSignal::new(String::new());
    let theme = RwSignal::new(String::new());
    let group = RwSignal::new(None::<(GroupId, String)>);
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let page = RwSignal::new(1u32);
    let reference = use_reference();
    let subjects = reference.subjects();
    let themes = RwSignal::new(Vec::<String>::new());
    // Only the latest answer is shown, however the answers arrive.
    let asked = StoredValue::new(0u64);
    let results = LocalResource::new(move || {
        let mut query = vec![format!("page={}", page.get())];
        push_filters(
            &mut query,
            &[
                ("q", q.get()),
                ("subject", subject.get()),
                ("stage", stage.get()),
                ("theme", theme.get()),
                (
                    "group",
                    group.get().map(|g| g.0.to_string()).unwrap_or_default(),
                ),
                ("from", from.get()),
                ("to", to.get()),
            ],
        );
        let n = asked.get_value() + 1;
        asked.set_value(n);
        let query = query.join("&");
        async move {
            let found = api.protocols(&query).await;
            if let Ok(p) = &found {
                themes.set(p.themes.clone());
            }
            (asked.get_value() == n).then_some(found)
        }
    });
    let on_input = debounced_input(typed, q, move || page.set(1));
    let changed = move |signal: RwSignal<String>| {
        move |ev: leptos::ev::Event| {
            page.set(1);
            signal.set(event_target_value(&ev));
        }
    };
    let hit_view = move |h: ArchiveHit| {
        let lang = i18n.lang.get_untracked();
        let subject_name = h
            .subject
            .as_deref()
            .map(|s| subject_label(&reference.subject_list(), s, lang));
        let stages = h
            .stages
            .iter()
            .map(|s| s.label(lang))
            .collect::<Vec<_>>()
            .join(", ");
        let group_filter = (h.group_id, h.group_name.clone());
        view! {
            <li class="card archive-hit">
                <h2><A href=format!("/protokoll/{}", h.meeting_id.0)>{format!("{} · {}", h.group_name, h.starts_on)}</A></h2>
                <p class="muted">
                    {[subject_name, (!stages.is_empty()).then_some(stages), h.theme.clone()].into_iter().flatten().collect::<Vec<_>>().join(" · ")}
                </p>
                {(!h.question.is_empty()).then(|| view! { <p class="question">{h.question.clone()}</p> })}
                <p class="snippet">{marked(h.snippet)}</p>
                <button type="button" class="button button-secondary" on:click=move |_| { page.set(1); group.set(Some(group_filter.clone())); }>
                    {i18n.t(MeetingsText::ArchiveOnlyGroup)}<span class="visually-hidden">{format!(": {}", h.group_name)}</span>
                </button>
            </li>
        }
    };
    view! {
        <section class="page archive-page">
            <p class="breadcrumb"><A href="/traffar">{move || i18n.t(MeetingsText::MeetingsTitle)}</A></p>
            <h1>{move || i18n.t(K::ArchiveTitle)}</h1>
            <p class="lead">{move || i18n.t(MeetingsText::ArchiveIntro)}</p>
            <form class="archive-filters" role="search" on:submit=|ev| ev.prevent_default()>
                <div class="field">
                    <label for="archive-q">{move || i18n.t(MeetingsText::ArchiveSearch)}</label>
                    <input id="archive-q" type="search" autocomplete="off" prop:value=move || typed.get() on:input=on_input/>
                </div>
                <div class="field-row">
                    <div class="field">
                        <label for="archive-subject">{move || i18n.t(K::YourSubjects)}</label>
                        <select id="archive-subject" on:change=changed(subject)>
                            <option value="">{move || i18n.t(K::FilterAll)}</option>
                            {move || subjects.get().and_then(Result::ok).unwrap_or_default().into_iter().map(|s| {
                                let label = if i18n.lang.get() == kollegium_shared::i18n::Lang::En { s.name_en.clone() } else { s.name.clone() };
                                view! { <option value=s.code.clone() selected=subject.get_untracked() == s.code>{label}</option> }
                            }).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="archive-stage">{move || i18n.t(K::YourStages)}</label>
                        <select id="archive-stage" on:change=changed(stage)>
                            <option value="">{move || i18n.t(K::FilterAll)}</option>
                            {move || Stage::ALL.into_iter().map(|s| view! { <option value=s.code() selected=stage.get_untracked() == s.code()>{s.label(i18n.lang.get())}</option> }).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="archive-theme">{move || i18n.t(MeetingsText::MeetingTheme)}</label>
                        <select id="archive-theme" on:change=changed(theme)>
                            <option value="">{move || i18n.t(K::FilterAll)}</option>
                            {move || themes.get().into_iter().map(|t| view! { <option value=t.clone() selected=theme.get_untracked() == t>{t.clone()}</option> }).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="archive-from">{move || i18n.t(MeetingsText::ArchiveFrom)}</label>
                        <input id="archive-from" type="date" prop:value=move || from.get() on:change=changed(from)/>
                    </div>
                    <div class="field">
                        <label for="archive-to">{move || i18n.t(MeetingsText::ArchiveTo)}</label>
                        <input id="archive-to" type="date" prop:value=move || to.get() on:change=changed(to)/>
                    </div>
                </div>
                {move || group.get().map(|(_, name)| view! {
                    <p class="chosen-filter">
                        {format!("{}: {name} ", i18n.t(MeetingsText::ArchiveGroup))}
                        <button type="button" class="button button-secondary" on:click=move |_| { page.set(1); group.set(None); }>{i18n.t(MeetingsText::ArchiveAllGroups)}</button>
                    </p>
                })}
                {load_failure(subjects)}
            </form>
            {move || results.get().flatten().map(|result| match result {
                Err(e) => view! { <LoadError error=e retry=Callback::new(move |()| results.refetch())/> }.into_any(),
                Ok(p) => {
                    let pages = p.total.div_ceil(u64::from(p.per_page)).max(1);
                    view! {
                        <p role="status" class="result-count">
                            {i18n.count(MeetingsText::ArchiveFound, p.total, &[&p.total])}
                            {p.corrected.clone().map(|c| format!(" · {} ”{c}”", i18n.t(MeetingsText::SearchCorrected)))}
                        </p>
                        <ol class="plain archive-hits">{p.hits.into_iter().map(hit_view).collect_view()}</ol>
                        {(pages > 1).then(|| view! {
                            <nav class="pager" aria-label=i18n.t(MeetingsText::ArchivePages)>
                                <button type="button" class="button button-secondary" disabled={p.page <= 1} on:click=move |_| page.update(|n| *n -= 1)>{i18n.t(K::PagePrevious)}</button>
                                <span>{format!("{} / {pages}", p.page)}</span>
                                <button type="button" class="button button-secondary" disabled={u64::from(p.page) >= pages} on:click=move |_| page.update(|n| *n += 1)>{i18n.t(K::PageNext)}</button>
                            </nav>
                        })}
                    }.into_any()
                }
            })}
        </section>
    }
}

/// One published protocol as a document for reading, printing and saving.
#[component]
pub fn ProtocolDocumentPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    use_title(MeetingsText::ProtocolHeading);
    let id = use_id_param::<MeetingId>();
    let doc = LocalResource::new(move || {
        let id = id();
        async move {
            let meeting = api.meeting(id).await?;
            let protocol = api.protocol(id).await?;
            Ok::<_, ApiError>((meeting, protocol))
        }
    });
    let save = move |_| {
        let Some(Ok((meeting, protocol))) = doc.get_untracked() else {
            return;
        };
        let text = protocol_markdown(&meeting, &protocol, i18n.lang.get_untracked());
        let name = format!("protokoll-{}-{}.md", meeting.starts_on, meeting.id);
        let _ = crate::components::save_file(text.as_bytes(), "text/markdown", &name);
    };
    let pdf_error = RwSignal::new(None::<String>);
    let save_pdf = move |_| {
        let id = id();
        pdf_error.set(None);
        leptos::task::spawn_local(async move {
            match api.get_bytes(&format!("/meetings/{id}/protocol.pdf")).await {
                Ok(bytes) => {
                    let name = format!("protokoll-{id}.pdf");
                    let _ = crate::components::save_file(&bytes, "application/pdf", &name);
                }
                Err(e) => pdf_error.set(Some(e.message(i18n))),
            }
        });
    };
    view! {
        <section class="page protocol-document">
            <p class="breadcrumb no-print"><A href="/protokoll">{move || i18n.t(K::ArchiveTitle)}</A></p>
            <Transition fallback=move || view! { <Loading/> }>
                {loaded(doc, move |(m, p)| match (m, p) {
                    (m, p) if p.published_at.is_none() => view! {
                        <h1>{format!("{} · {}", m.group_name, m.starts_on)}</h1>
                        <p class="notice">{i18n.t(MeetingsText::ArchiveNotPublished)}</p>
                    }.into_any(),
                    (m, p) => {
                        let lang = i18n.lang.get_untracked();
                        let published = day_of(p.published_at.as_deref().unwrap_or_default());
                        view! {
                            <article class="a4">
                                <h1>{format!("{}: {}", i18n.t(MeetingsText::ProtocolHeading), m.group_name)}</h1>
                                <p class="lead">
                                    {meeting_when(&m, lang)}
                                    {(!m.place.is_empty()).then(|| format!(" · {}", m.place))}
                                    {m.theme.clone().map(|t| format!(" · {t}"))}
                                </p>
                                <p class="muted">{format!("{} {published} {} {}", i18n.t(MeetingsText::ProtocolPublishedOn), i18n.t(MeetingsText::By), p.published_by.clone().unwrap_or_default())}</p>
                                <RecordView specs=&PROTOCOL_FIELDS fields=p.fields.clone()/>
                                {(!p.amendments.is_empty()).then(|| view! {
                                    <h2>{i18n.t(MeetingsText::ProtocolAmendments)}</h2>
                                    <ul class="amendments">
                                        {p.amendments.iter().map(|a| view! {
                                            <li>
                                                <strong>{kollegium_shared::meetings::records::heading(&PROTOCOL_FIELDS, &a.field, lang)}</strong>": "{a.text.clone()}
                                                <span class="muted">{format!(" ({}, {})", a.by, day_of(&a.at))}</span>
                                            </li>
                                        }).collect_view()}
                                    </ul>
                                })}
                            </article>
                            <div class="actions no-print">
                                <button type="button" class="button button-primary" on:click=move |_| { let _ = window().print(); }>{i18n.t(MeetingsText::ProtocolPrint)}</button>
                                <button type="button" class="button button-secondary" on:click=save_pdf>{i18n.t(MeetingsText::ProtocolSavePdf)}</button>
                                <button type="button" class="button button-secondary" on:click=save>{i18n.t(MeetingsText::ProtocolSaveMarkdown)}</button>
                            </div>
                            <p class="form-error no-print" role="alert">{move || pdf_error.get()}</p>
                        }.into_any()
                    }
                })}
            </Transition>
        </section>
    }
}
