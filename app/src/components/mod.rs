//! Reusable widgets and what pages repeat: the page shell, form fields with their
//! errors (text, select, text area), loading and load errors with a retry, messages, a
//! block for some roles only, school years, search as you type, file uploads, bar charts,
//! the library picker that other records use and links to library items that remember
//! where they came from.

mod alert;
mod chart;
mod field;
mod gate;
mod item_picker;
mod links;
mod load;
mod search;
mod shell;
mod upload;
mod year;

pub use alert::{ErrorText, StatusText};
pub use chart::{Bar, BarChart};
pub use field::{FieldErrors, SelectField, TextArea, TextField, check_list, field_name};
pub use gate::Allowed;
pub use item_picker::{ItemPicker, item_about};
pub use links::{BackTo, back_target, item_href, keep_library_place, library_place};
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
        // Parts above the target may still be loading: come back to it until the
        // person has moved on (the focus elsewhere than the page or the target).
        let active = document().active_element();
        let target = document().get_element_by_id(id);
        let free = active
            .as_ref()
            .is_none_or(|a| a.tag_name() == "BODY" || Some(a) == target.as_ref());
        if free {
            jump_to(id);
        }
    }
    leptos::prelude::request_animation_frame(scroll);
    for ms in [300, 800, 1600] {
        leptos::prelude::set_timeout(scroll, std::time::Duration::from_millis(ms));
    }
}

/// Scrolls as little as needed to show `el` whole (what a tap opened), and gives the
/// focus to `focus` inside it when there is one.
pub fn bring_into_view(el: &web_sys::Element, focus: Option<&str>) {
    let options = web_sys::ScrollIntoViewOptions::new();
    options.set_block(web_sys::ScrollLogicalPosition::Nearest);
    el.scroll_into_view_with_scroll_into_view_options(&options);
    let target = focus.and_then(|selector| el.query_selector(selector).ok().flatten());
    if let Some(t) = target.and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = t.focus();
    }
}

/// Brings the element `id` to the top of the view and gives it the focus (a heading
/// has `tabindex="-1"` for this), so that keyboard and screen-reader users go on from
/// there too.
pub fn jump_to(id: &str) {
    let Some(el) = document().get_element_by_id(id) else {
        return;
    };
    el.scroll_into_view();
    if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
        let options = web_sys::FocusOptions::new();
        options.set_prevent_scroll(true);
        let _ = el.focus_with_options(&options);
    }
}
