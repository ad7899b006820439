//! Reusable widgets: form fields with their errors, and the page shell.

mod field;
mod shell;
mod year;

pub use field::{FieldErrors, TextField};
pub use shell::{NotFound, RequireAuth, Shell};
pub use year::YearPicker;

use leptos::prelude::document;
use wasm_bindgen::JsCast;

/// Offers `bytes` to the user as a file download.
pub fn save_file(bytes: &[u8], mime: &str, name: &str) -> Result<(), wasm_bindgen::JsValue> {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let link: web_sys::HtmlAnchorElement = document().create_element("a")?.dyn_into()?;
    link.set_href(&url);
    link.set_download(name);
    link.click();
    web_sys::Url::revoke_object_url(&url)?;
    Ok(())
}

/// The route's `:id` as a number (0 when missing or not a number), reactive.
pub fn use_id_param() -> impl Fn() -> i64 + Copy + Send + Sync + 'static {
    let params = leptos_router::hooks::use_params_map();
    move || {
        leptos::prelude::Read::read(&params)
            .get("id")
            .and_then(|s| s.parse::<i64>().ok())
            .unwrap_or(0)
    }
}
