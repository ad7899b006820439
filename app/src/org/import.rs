//! `/admin/import`: an administrator uploads the staff CSV, previews what it would do
//! and every error with line and column, and imports it once it is free of errors.

use kollegium_shared::org::access::administers;
use kollegium_shared::org::import::ImportPreview;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::api::{ApiError, use_api};
use crate::components::{Allowed, ErrorText, import_errors, read_file};
use crate::i18n::{K, use_i18n, use_title};
use crate::org::text::OrgText;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    Preview,
    Commit,
}

#[component]
pub fn ImportPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    use_title(K::ImportTitle);

    let file_ref = NodeRef::<leptos::html::Input>::new();
    let preview = RwSignal::new(None::<ImportPreview>);
    let done = RwSignal::new(None::<ImportPreview>);
    let error = RwSignal::new(None::<String>);

    let run = Action::new_local(move |step: &Step| {
        let step = *step;
        async move {
            let Some(input) = file_ref.get_untracked() else {
                return Err(None);
            };
            let input: web_sys::HtmlInputElement = input.unchecked_into();
            let Some(bytes) = read_file(&input).await else {
                return Err(None);
            };
            let result = match step {
                Step::Preview => api.import_preview(&bytes).await,
                Step::Commit => api.import_commit(&bytes).await,
            };
            result.map(|p| (step, p)).map_err(Some)
        }
    });

    Effect::new(move |_| {
        let Some(result) = run.value().get() else {
            return;
        };
        match result {
            Ok((Step::Preview, p)) => {
                error.set(None);
                preview.set(Some(p));
            }
            Ok((Step::Commit, p)) => {
                error.set(None);
                preview.set(None);
                done.set(Some(p));
            }
            Err(None) => error.set(Some(i18n.t(K::ImportChooseFile).to_owned())),
            Err(Some(e)) => error.set(Some(ApiError::message(&e, i18n))),
        }
    });

    let on_change = move |_| {
        preview.set(None);
        done.set(None);
        error.set(None);
    };
    let can_commit = move || {
        preview.with(|p| p.as_ref().is_some_and(|p| p.errors.is_empty())) && !run.pending().get()
    };

    view! {
        <section class="page import">
            <h1>{move || i18n.t(K::ImportTitle)}</h1>
            <Allowed rule=administers>
                <p class="lead">{move || i18n.t(OrgText::ImportIntro)}</p>
                <form class="card form" on:submit=move |ev: leptos::ev::SubmitEvent| { ev.prevent_default(); run.dispatch(Step::Preview); }>
                    <ErrorText message=error/>
                    <div class="field">
                        <label for="import-file">{move || i18n.t(K::ImportFile)}</label>
                        <input id="import-file" type="file" accept=".csv,.txt,.tsv,text/csv,text/plain,text/tab-separated-values" node_ref=file_ref on:change=on_change/>
                    </div>
                    <div class="actions">
                        <button type="submit" class="button button-secondary" disabled=move || run.pending().get()>
                            {move || if run.pending().get() { i18n.t(K::Working) } else { i18n.t(K::ImportPreviewButton) }}
                        </button>
                        <button type="button" class="button button-primary" disabled=move || !can_commit()
                            on:click=move |_| { run.dispatch(Step::Commit); }>
                            {move || i18n.t(K::ImportCommitButton)}
                        </button>
                    </div>
                </form>
                <div role="status" aria-live="polite">
                    {move || done.get().map(|d| view! {
                        <p class="form-success">
                            {i18n.t(K::ImportDone)}" "
                            {format!("{}: {}, {}: {}, {}: {}.", i18n.t(OrgText::ImportCreated), d.created, i18n.t(OrgText::ImportUpdated), d.updated, i18n.t(OrgText::ImportUnchanged), d.unchanged)}
                        </p>
                    })}
                </div>
                {move || preview.get().map(|p| view! {
                    <section class="card import-preview" aria-labelledby="preview-heading">
                        <h2 id="preview-heading">{i18n.t(K::ImportPreviewHeading)}</h2>
                        <dl class="counts">
                            <div><dt>{i18n.t(OrgText::ImportCreated)}</dt><dd>{p.created}</dd></div>
                            <div><dt>{i18n.t(OrgText::ImportUpdated)}</dt><dd>{p.updated}</dd></div>
                            <div><dt>{i18n.t(OrgText::ImportUnchanged)}</dt><dd>{p.unchanged}</dd></div>
                        </dl>
                        {(!p.encoding.is_empty()).then(|| {
                            let separator = if p.separator == "\t" {
                                i18n.t(OrgText::ImportSeparatorTab).to_owned()
                            } else {
                                format!("\"{}\"", p.separator)
                            };
                            view! {
                                <p class="muted">{format!("{} · {}: {separator}", p.encoding, i18n.t(OrgText::ImportSeparator))}</p>
                            }
                        })}
                        {import_errors(p.errors.clone(), i18n)}
                    </section>
                })}
            </Allowed>
        </section>
    }
}
