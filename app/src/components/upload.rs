//! Uploading a file from the browser: its bytes, and the errors an import found in it
//! by line and column.

use kollegium_shared::org::import::ImportError;
use leptos::prelude::*;

use crate::i18n::{I18n, K};

/// The bytes of the file chosen in `input`, if any.
pub async fn read_file(input: &web_sys::HtmlInputElement) -> Option<Vec<u8>> {
    let file = input.files()?.get(0)?;
    let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
        .await
        .ok()?;
    Some(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// The errors of an import file, with their lines and columns; nothing when there are none.
pub fn import_errors(errors: Vec<ImportError>, i18n: I18n) -> impl IntoView {
    (!errors.is_empty()).then(|| {
        view! {
            <h3>{i18n.t(K::ImportErrorsHeading)}" ("{errors.len()}")"</h3>
            <p>{i18n.t(K::ImportErrorsHelp)}</p>
            <div class="table-scroll">
                <table class="import-errors">
                    <thead><tr>
                        <th scope="col">{i18n.t(K::ImportLine)}</th>
                        <th scope="col">{i18n.t(K::ImportColumn)}</th>
                        <th scope="col">{i18n.t(K::ImportMessage)}</th>
                    </tr></thead>
                    <tbody>
                        {errors.into_iter().map(|e| view! {
                            <tr>
                                <td>{e.line}</td>
                                <td>{e.column.unwrap_or_default()}</td>
                                <td>{e.message}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        }
    })
}
