//! Reusable widgets and what pages repeat: the page shell, form fields with their
//! errors (text, select, text area), loading and load errors with a retry, messages, a
//! block for some roles only, school years, search as you type, file uploads, bar charts and
//! the library picker that other records use.

mod alert;
mod chart;
mod field;
mod gate;
mod item_picker;
mod load;
mod search;
mod shell;
mod upload;
mod year;

pub use alert::{ErrorText, StatusText};
pub use chart::{Bar, BarChart};
pub use field::{FieldErrors, SelectField, TextArea, TextField};
pub use gate::Allowed;
pub use item_picker::ItemPicker;
pub use load::{LoadError, Loading, load_failure, loaded, options_of};
pub use search::{debounced_input, marked, push_filters};
pub use shell::{NotFound, RequireAuth, Shell};
pub use upload::{import_errors, read_file};
pub use year::{NewYearForm, QueryYearPicker, YearPicker, year_in_query};

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

/// The route's `:id` as the typed id it names (id 0, which nothing has, when missing or
/// not a number), reactive.
pub fn use_id_param<T>() -> impl Fn() -> T + Copy + Send + Sync + 'static
where
    T: std::str::FromStr + Default + 'static,
{
    let params = leptos_router::hooks::use_params_map();
    move || {
        leptos::prelude::Read::read(&params)
            .get("id")
            .and_then(|s| s.parse::<T>().ok())
            .unwrap_or_default()
    }
}

/// Brings the element the address's `#fragment` names into view, once the page's data
/// has drawn it (the router does not, as the element comes after the route): at once,
/// and again when the parts that load on their own have settled above it.
pub fn scroll_to_hash() {
    fn scroll() {
        let hash = leptos::prelude::window()
            .location()
            .hash()
            .unwrap_or_default();
        let Some(id) = hash.strip_prefix('#').filter(|h| !h.is_empty()) else {
            return;
        };
        if let Some(el) = document().get_element_by_id(id) {
            el.scroll_into_view();
        }
    }
    leptos::prelude::request_animation_frame(scroll);
    leptos::prelude::set_timeout(scroll, std::time::Duration::from_millis(700));
}
