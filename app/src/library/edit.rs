//! `/bibliotek/ny` and `/bibliotek/{id}/andra`: adding and changing material. The ICT
//! strategist, administrators and researchers choose any kind and publish at once; a
//! teacher submits a good example, which waits for review (and, when returned with a
//! comment, is changed here and sent again). Files are uploaded once the item exists.

use kollegium_shared::i18n::Lang;
use kollegium_shared::ids::{FileId, ItemId};
use kollegium_shared::library::access::publishes;
use kollegium_shared::library::markdown;
use kollegium_shared::library::{
    Area, GOALS_EN, GOALS_SV, Item, ItemFile, ItemInput, ItemKind, ItemStatus, Tags,
};
use kollegium_shared::org::Stage;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};

use crate::api::{ApiError, use_api};
use crate::components::{ErrorText, FieldErrors, TextField, load_failure};
use crate::i18n::{K, use_i18n, use_title};
use crate::library::text::LibraryText;
use crate::reference::use_reference;
use crate::session::use_session;

fn split_list(text: &str) -> Vec<String> {
    text.split(',')
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect()
}

/// A group of checkboxes over `options`, bound to the chosen values.
fn checkboxes<T: Clone + PartialEq + Send + Sync + 'static>(
    id: &'static str,
    legend: String,
    options: Vec<(T, String)>,
    chosen: RwSignal<Vec<T>>,
    error: Option<Signal<Option<String>>>,
) -> impl IntoView {
    view! {
        <fieldset class="checks" id=id>
            <legend>{legend}</legend>
            <div class="check-grid">
                {options.into_iter().enumerate().map(|(i, (value, label))| {
                    let input_id = format!("{id}-{i}");
                    let v = value.clone();
                    let checked = move || chosen.with(|c| c.contains(&v));
                    let value = value.clone();
                    view! {
                        <label class="check" for=input_id.clone()>
                            <input type="checkbox" id=input_id.clone() prop:checked=checked on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                let value = value.clone();
                                chosen.update(|c| {
                                    c.retain(|x| *x != value);
                                    if on { c.push(value); }
                                });
                            }/>
                            {label}
                        </label>
                    }
                }).collect_view()}
            </div>
            {error.map(|e| view! { <p class="field-error" aria-live="polite">{move || e.get()}</p> })}
        </fieldset>
    }
}

#[component]
pub fn ItemEditPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let session = use_session();
    let navigate = use_navigate();
    use_title(LibraryText::ItemNewHeading);
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|v| v.parse::<ItemId>().ok()));

    let publisher = move || session.may(publishes);
    let kind = RwSignal::new(ItemKind::GottExempel);
    let title = RwSignal::new(String::new());
    let summary = RwSignal::new(String::new());
    let source = RwSignal::new(String::new());
    let year = RwSignal::new(String::new());
    let language = RwSignal::new("sv".to_owned());
    let url = RwSignal::new(String::new());
    let subjects = RwSignal::new(Vec::<String>::new());
    let stages = RwSignal::new(Vec::<Stage>::new());
    let areas = RwSignal::new(Vec::<Area>::new());
    let goals = RwSignal::new(Vec::<u8>::new());
    let themes = RwSignal::new(String::new());
    let keywords = RwSignal::new(String::new());
    let preview = RwSignal::new(false);
    let loaded = RwSignal::new(None::<Item>);
    let files = RwSignal::new(Vec::<ItemFile>::new());
    let errors = FieldErrors::default();
    let form_error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let uploading = RwSignal::new(false);
    let file_ref = NodeRef::<leptos::html::Input>::new();

    let subject_list = use_reference().subjects();

    // A title the library already has is pointed out (not refused): once typing
    // pauses, the library is searched for the same title.
    let settled = RwSignal::new(String::new());
    Effect::new(move |_| {
        let typed = title.get();
        set_timeout(
            move || {
                if title.get_untracked() == typed {
                    settled.set(typed);
                }
            },
            std::time::Duration::from_millis(400),
        );
    });
    let same_title = LocalResource::new(move || {
        let wanted = settled.get().trim().to_lowercase();
        let me = id();
        async move {
            if wanted.chars().count() < 3 {
                return None;
            }
            let q = String::from(js_sys::encode_uri_component(&wanted));
            let page = api
                .library_items(&format!("q={q}&per_page=10"))
                .await
                .ok()?;
            page.items
                .into_iter()
                .find(|h| Some(h.id) != me && h.title_text().trim().to_lowercase() == wanted)
        }
    });

    // A change loads the item into the form.
    let fetched = LocalResource::new(move || {
        let id = id();
        async move {
            match id {
                Some(id) => api.library_item(id).await.map(Some),
                None => Ok(None),
            }
        }
    });
    Effect::new(move |_| {
        if let Some(Ok(Some(it))) = fetched.get() {
            {
                {
                    kind.set(it.kind);
                    title.set(it.title.clone());
                    summary.set(it.summary.clone());
                    source.set(it.source.clone());
                    year.set(it.year.map(|y| y.to_string()).unwrap_or_default());
                    language.set(it.language.clone());
                    url.set(it.url.clone().unwrap_or_default());
                    subjects.set(it.tags.subjects.clone());
                    stages.set(it.tags.stages.clone());
                    areas.set(it.tags.areas.clone());
                    goals.set(it.tags.goals.clone());
                    themes.set(it.tags.themes.join(", "));
                    keywords.set(it.tags.keywords.join(", "));
                    files.set(it.files.clone());
                    loaded.set(Some(it));
                }
            }
        }
    });
    Effect::new(move |_| {
        if id().is_none() && publisher() {
            kind.set(ItemKind::Film);
        }
    });

    let input = move || ItemInput {
        kind: kind.get_untracked(),
        title: title.get_untracked(),
        summary: summary.get_untracked(),
        source: source.get_untracked(),
        year: year.get_untracked().trim().parse().ok(),
        language: Some(language.get_untracked()),
        url: Some(url.get_untracked()),
        tags: Tags {
            subjects: subjects.get_untracked(),
            stages: stages.get_untracked(),
            themes: split_list(&themes.get_untracked()),
            areas: areas.get_untracked(),
            goals: goals.get_untracked(),
            keywords: split_list(&keywords.get_untracked()),
        },
        version: loaded.get_untracked().map(|i| i.version),
    };

    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = input();
        if !year.get_untracked().trim().is_empty() && body.year.is_none() {
            errors.set(
                "year",
                kollegium_shared::i18n::Msg::YearInvalid
                    .text(i18n.lang.get_untracked())
                    .to_owned(),
            );
            return;
        }
        if !errors.accept(&body, form_error) {
            return;
        }
        busy.set(true);
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            let result = match id() {
                Some(id) => api.update_library_item(id, &body).await,
                None => api.create_library_item(&body).await,
            };
            busy.set(false);
            match result {
                Ok(it) => navigate(&format!("/bibliotek/{}", it.id), Default::default()),
                Err(ApiError::Api { status: 409, .. }) => {
                    form_error.set(Some(i18n.t(LibraryText::ItemConflict).to_owned()))
                }
                Err(e) => errors.show_api_error(&e, form_error),
            }
        });
    };

    let upload = move |_| {
        let (Some(id), Some(input)) = (id(), file_ref.get_untracked()) else {
            return;
        };
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            errors.set("file", i18n.t(K::ImportChooseFile).to_owned());
            return;
        };
        uploading.set(true);
        errors.clear("file");
        leptos::task::spawn_local(async move {
            match api.upload_library_file(id, &file).await {
                Ok(f) => {
                    files.update(|list| list.push(f));
                    if let Some(el) = file_ref.get_untracked() {
                        el.set_value("");
                    }
                    // The item's version moved with the upload.
                    if let Ok(it) = api.library_item(id).await {
                        loaded.set(Some(it));
                    }
                }
                Err(e) => errors.set("file", e.message(i18n)),
            }
            uploading.set(false);
        });
    };
    let remove_file = move |file: FileId| {
        let Some(id) = id() else { return };
        leptos::task::spawn_local(async move {
            match api.delete_library_file(file).await {
                Ok(()) => {
                    files.update(|list| list.retain(|f| f.id != file));
                    if let Ok(it) = api.library_item(id).await {
                        loaded.set(Some(it));
                    }
                }
                Err(e) => errors.set("file", e.message(i18n)),
            }
        });
    };

    let heading = move || {
        if id().is_some() {
            LibraryText::ItemEditHeading
        } else if publisher() {
            LibraryText::ItemNewHeading
        } else {
            LibraryText::ItemNewExampleHeading
        }
    };
    let button = move || {
        let status = loaded.get().map(|i| i.status);
        if publisher() {
            LibraryText::ItemSave
        } else if status == Some(ItemStatus::Returned) {
            LibraryText::ItemResubmit
        } else {
            LibraryText::ItemSubmitSave
        }
    };

    view! {
        <section class="page library-edit">
            <p><A href="/bibliotek">{move || i18n.t(LibraryText::ItemBack)}</A></p>
            <h1>{move || i18n.t(heading())}</h1>
            {load_failure(fetched)}
            {load_failure(subject_list)}
            {move || (!publisher()).then(|| view! { <p class="lead">{i18n.t(LibraryText::ItemSubmittedInfo)}</p> })}
            {move || loaded.get().and_then(|i| i.review_comment.filter(|_| i.status == ItemStatus::Returned)).map(|c| view! {
                <div class="notice" role="note"><strong>{i18n.t(LibraryText::ItemReviewComment)}": "</strong>{c}</div>
            })}
            <form class="card form" on:submit=save novalidate>
                {move || publisher().then(|| view! {
                    <div class="field">
                        <label for="field-kind">{i18n.t(LibraryText::ItemKindLabel)}</label>
                        <select id="field-kind" on:change=move |ev| {
                            if let Some(k) = ItemKind::parse(&event_target_value(&ev)) { kind.set(k); }
                        }>
                            {ItemKind::ALL.iter().map(|k| {
                                let k = *k;
                                view! { <option value=k.code() selected=move || kind.get() == k>{k.label(i18n.lang.get())}</option> }
                            }).collect_view()}
                        </select>
                    </div>
                })}
                <TextField name="title" label=Signal::derive(move || i18n.t(LibraryText::ItemTitleLabel)) value=title errors=errors required=true/>
                <p class="field-warning" role="status">{move || same_title.get().flatten().map(|hit| {
                    let lang = i18n.lang.get();
                    let about = crate::components::item_about(&hit, lang, true);
                    view! {
                        {i18n.t(LibraryText::ItemSameTitle)}" "
                        <A href=format!("/bibliotek/{}", hit.id.0) attr:target="_blank">{hit.title_text()}</A>
                        {format!(" ({about}). ")}{i18n.t(LibraryText::ItemSameTitleSave)}
                    }
                })}</p>
                <div class="field field-wide" class:field-invalid=move || errors.get("summary").is_some()>
                    <label for="field-summary">{move || i18n.t(LibraryText::ItemSummaryLabel)}</label>
                    <p class="field-hint" id="field-summary-hint">{move || i18n.t(LibraryText::ItemSummaryHint)}</p>
                    <textarea id="field-summary" rows="8" aria-describedby="field-summary-hint"
                        prop:value=move || summary.get() on:input=move |ev| { summary.set(event_target_value(&ev)); errors.clear("summary"); }></textarea>
                    <p class="field-error" aria-live="polite">{move || errors.get("summary")}</p>
                    <label class="check" for="summary-preview">
                        <input type="checkbox" id="summary-preview" prop:checked=move || preview.get()
                            on:change=move |ev| preview.set(event_target_checked(&ev))/>
                        {move || i18n.t(LibraryText::ItemPreview)}
                    </label>
                    {move || preview.get().then(|| view! {
                        <div class="summary summary-preview" inner_html=markdown::to_html(&summary.get())></div>
                    })}
                </div>
                <TextField name="url" kind="url" label=Signal::derive(move || i18n.t(LibraryText::ItemUrlLabel))
                    hint=Signal::derive(move || i18n.t(LibraryText::ItemUrlHint)) value=url errors=errors/>
                <div class="form-row">
                    <TextField name="source" label=Signal::derive(move || i18n.t(LibraryText::ItemSourceLabel)) value=source errors=errors/>
                    <TextField name="year" kind="number" label=Signal::derive(move || i18n.t(LibraryText::ItemYearLabel)) value=year errors=errors/>
                    <TextField name="language" label=Signal::derive(move || i18n.t(LibraryText::ItemLanguageLabel)) value=language errors=errors/>
                </div>
                {move || {
                    let lang = i18n.lang.get();
                    let en = lang == Lang::En;
                    let subject_options: Vec<(String, String)> = subject_list.get().and_then(Result::ok).unwrap_or_default().into_iter()
                        .map(|s| (s.code, if en { s.name_en } else { s.name })).collect();
                    let goal_names = if en { &GOALS_EN } else { &GOALS_SV };
                    view! {
                        {checkboxes("field-subjects", i18n.t(K::Subjects).to_owned(), subject_options, subjects,
                            Some(Signal::derive(move || errors.get("subjects"))))}
                        {checkboxes("field-stages", i18n.t(K::Stages).to_owned(),
                            Stage::ALL.iter().map(|s| (*s, s.label(lang).to_owned())).collect(), stages, None)}
                        {checkboxes("field-areas", i18n.t(K::FilterArea).to_owned(),
                            Area::ALL.iter().map(|a| (*a, a.label(lang).to_owned())).collect(), areas, None)}
                        <details class="goals">
                            <summary>{i18n.t(K::FilterGoal)}</summary>
                            {checkboxes("field-goals", i18n.t(K::FilterGoal).to_owned(),
                                goal_names.iter().enumerate().map(|(i, g)| ((i + 1) as u8, format!("{} {g}", i + 1))).collect(), goals,
                                Some(Signal::derive(move || errors.get("goals"))))}
                        </details>
                    }
                }}
                <TextField name="themes" label=Signal::derive(move || i18n.t(LibraryText::ItemThemesLabel)) value=themes errors=errors/>
                <TextField name="keywords" label=Signal::derive(move || i18n.t(LibraryText::ItemKeywordsLabel)) value=keywords errors=errors/>
                <ErrorText message=form_error/>
                <button type="submit" class="button button-primary" disabled=move || busy.get()>
                    {move || if busy.get() { i18n.t(K::Saving) } else { i18n.t(button()) }}
                </button>
            </form>
            <section class="card" aria-labelledby="files-heading">
                <h2 id="files-heading">{move || i18n.t(LibraryText::ItemFiles)}</h2>
                {move || if id().is_none() {
                    view! { <p class="muted">{i18n.t(LibraryText::ItemFilesAfterSave)}</p> }.into_any()
                } else {
                    view! {
                        <ul class="file-list">
                            {move || files.get().into_iter().map(|f| {
                                let fid = f.id;
                                view! {
                                    <li>
                                        <a href=f.url.clone() target="_blank" rel="noopener">{f.name.clone()}</a>" "
                                        <button type="button" class="button button-small" on:click=move |_| remove_file(fid)
                                            aria-label=format!("{}: {}", i18n.t(LibraryText::ItemRemoveFile), f.name)>
                                            {i18n.t(LibraryText::ItemRemoveFile)}
                                        </button>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                        <div class="field" class:field-invalid=move || errors.get("file").is_some()>
                            <label for="field-file">{i18n.t(LibraryText::ItemUpload)}</label>
                            <p class="field-hint" id="field-file-hint">{i18n.t(LibraryText::ItemUploadHint)}</p>
                            <input id="field-file" type="file" aria-describedby="field-file-hint" node_ref=file_ref
                                accept=".pdf,.png,.jpg,.jpeg,.gif,.webp,.docx,.xlsx,.pptx,.odt,.ods,.odp,.doc,.xls,.ppt,.mp4,.webm"/>
                            <p class="field-error" aria-live="polite">{move || errors.get("file")}</p>
                        </div>
                        <button type="button" class="button button-secondary" disabled=move || uploading.get() on:click=upload>
                            {move || if uploading.get() { i18n.t(LibraryText::ItemUploading) } else { i18n.t(LibraryText::ItemUpload) }}
                        </button>
                    }.into_any()
                }}
            </section>
        </section>
    }
}
