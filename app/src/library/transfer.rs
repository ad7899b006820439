//! `/bibliotek/import`: the ICT strategist imports a CSV list of links after a preview
//! (what would be added, what is already there, every error with line and column), and
//! exports the library as CSV or JSON.

use kollegium_shared::library::access::curates;
use kollegium_shared::library::import::LibraryImportPreview;
use leptos::prelude::*;
use leptos_router::components::A;
use wasm_bindgen::JsCast;

use crate::api::use_api;
use crate::components::{ErrorText, import_errors, read_file, save_file};
use crate::i18n::{K, use_i18n, use_title};
use crate::library::text::LibraryText;
use crate::session::use_session;

#[component]
pub fn LibraryTransferPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let session = use_session();
    use_title(LibraryText::LibraryImportTitle);

    let file_ref = NodeRef::<leptos::html::Input>::new();
    let preview = RwSignal::new(None::<LibraryImportPreview>);
    let done = RwSignal::new(None::<LibraryImportPreview>);
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);

    let run = move |commit: bool| {
        let Some(input) = file_ref.get_untracked() else {
            return;
        };
        let input: web_sys::HtmlInputElement = input.unchecked_into();
        busy.set(true);
        leptos::task::spawn_local(async move {
            let Some(bytes) = read_file(&input).await else {
                error.set(Some(i18n.t(K::ImportChooseFile).to_owned()));
                busy.set(false);
                return;
            };
            let result = if commit {
                api.library_import(&bytes).await
            } else {
                api.library_import_preview(&bytes).await
            };
            busy.set(false);
            match result {
                Ok(p) if commit => {
                    error.set(None);
                    preview.set(None);
                    done.set(Some(p));
                }
                Ok(p) => {
                    error.set(None);
                    done.set(None);
                    preview.set(Some(p));
                }
                Err(e) => error.set(Some(e.message(i18n))),
            }
        });
    };
    let export = move |path: &'static str, mime: &'static str, name: &'static str| {
        leptos::task::spawn_local(async move {
            match api.get_bytes(path).await {
                Ok(bytes) => {
                    let _ = save_file(&bytes, mime, name);
                }
                Err(e) => error.set(Some(e.message(i18n))),
            }
        });
    };
    let can_commit = move || {
        preview.with(|p| {
            p.as_ref()
                .is_some_and(|p| p.errors.is_empty() && p.created > 0)
        }) && !busy.get()
    };
    let allowed = move || session.may(curates);

    view! {
        <section class="page import">
            <p><A href="/bibliotek">{move || i18n.t(LibraryText::ItemBack)}</A></p>
            <h1>{move || i18n.t(LibraryText::LibraryImportTitle)}</h1>
            <Show when=allowed fallback=move || view! { <p class="notice" role="alert">{i18n.t(K::NotAllowed)}</p> }>
                <p class="lead">{move || i18n.t(LibraryText::LibraryImportIntro)}</p>
                <form class="card form" on:submit=move |ev: leptos::ev::SubmitEvent| { ev.prevent_default(); run(false); }>
                    <ErrorText message=error/>
                    <div class="field">
                        <label for="library-import-file">{move || i18n.t(K::ImportFile)}</label>
                        <input id="library-import-file" type="file" accept=".csv,.txt,.tsv,text/csv,text/plain,text/tab-separated-values" node_ref=file_ref
                            on:change=move |_| { preview.set(None); done.set(None); error.set(None); }/>
                    </div>
                    <div class="actions">
                        <button type="submit" class="button button-secondary" disabled=move || busy.get()>
                            {move || if busy.get() { i18n.t(K::Working) } else { i18n.t(K::ImportPreviewButton) }}
                        </button>
                        <button type="button" class="button button-primary" disabled=move || !can_commit() on:click=move |_| run(true)>
                            {move || i18n.t(K::ImportCommitButton)}
                        </button>
                    </div>
                </form>
                <div role="status" aria-live="polite">
                    {move || done.get().map(|d| view! {
                        <p class="form-success">{i18n.t(K::ImportDone)}" "
                            {format!("{}: {}, {}: {}.", i18n.t(LibraryText::LibraryImportNew), d.created, i18n.t(LibraryText::LibraryImportSkipped), d.unchanged)}</p>
                    })}
                </div>
                {move || preview.get().map(|p| view! {
                    <section class="card import-preview" aria-labelledby="preview-heading">
                        <h2 id="preview-heading">{i18n.t(K::ImportPreviewHeading)}</h2>
                        <dl class="counts">
                            <div><dt>{i18n.t(LibraryText::LibraryImportNew)}</dt><dd>{p.created}</dd></div>
                            <div><dt>{i18n.t(LibraryText::LibraryImportSkipped)}</dt><dd>{p.unchanged}</dd></div>
                        </dl>
                        {(!p.titles.is_empty()).then(|| view! {
                            <ul class="plain import-titles">{p.titles.iter().map(|t| view! { <li>{t.clone()}</li> }).collect_view()}</ul>
                        })}
                        {import_errors(p.errors.clone(), i18n)}
                    </section>
                })}
                <section class="card">
                    <div class="actions">
                        <button type="button" class="button button-secondary"
                            on:click=move |_| export("/library/export.csv", "text/csv;charset=utf-8", "bibliotek.csv")>
                            {move || i18n.t(LibraryText::LibraryExportCsv)}
                        </button>
                        <button type="button" class="button button-secondary"
                            on:click=move |_| export("/library/export.json", "application/json", "bibliotek.json")>
                            {move || i18n.t(LibraryText::LibraryExportJson)}
                        </button>
                    </div>
                </section>
            </Show>
        </section>
    }
}
