//! A labelled text input whose error stands beside it and is announced to screen readers.

use kollegium_shared::validation::FieldError;
use leptos::prelude::*;

use crate::i18n::use_i18n;

/// Errors by field name, for a form: set from the shared rules or the server's answer.
#[derive(Debug, Clone, Copy)]
pub struct FieldErrors {
    errors: RwSignal<Vec<(String, String)>>,
}

impl Default for FieldErrors {
    fn default() -> Self {
        FieldErrors {
            errors: RwSignal::new(Vec::new()),
        }
    }
}

impl FieldErrors {
    /// The message for `field` (reactive).
    pub fn get(self, field: &str) -> Option<String> {
        self.errors
            .with(|e| e.iter().find(|(f, _)| f == field).map(|(_, m)| m.clone()))
    }

    /// Replaces every error with the broken rules of a shared validation.
    pub fn set_rules(self, rules: &[FieldError]) {
        let lang = use_i18n().lang.get_untracked();
        self.errors.set(
            rules
                .iter()
                .map(|e| (e.field.to_owned(), e.msg.text(lang).to_owned()))
                .collect(),
        );
    }

    /// Sets one field's error.
    pub fn set(self, field: &str, message: String) {
        self.errors.update(|e| {
            e.retain(|(f, _)| f != field);
            e.push((field.to_owned(), message));
        });
    }

    /// Clears one field's error (when the user edits it).
    pub fn clear(self, field: &str) {
        self.errors.update(|e| e.retain(|(f, _)| f != field));
    }

    /// Checks `value` by the shared rules before it is sent: shows every broken rule
    /// beside its field (and a summary in `form_error`) and says whether it may be sent.
    pub fn accept<T: kollegium_shared::validation::Validate>(
        self,
        value: &T,
        form_error: RwSignal<Option<String>>,
    ) -> bool {
        let broken = value.validate();
        self.set_rules(&broken);
        form_error.set(
            (!broken.is_empty()).then(|| use_i18n().t(crate::i18n::K::FormHasErrors).to_owned()),
        );
        broken.is_empty()
    }

    /// Shows a failed save: beside its field when the server named one (with a summary
    /// in `form_error`), else as the form's error.
    pub fn show_api_error(self, e: &crate::api::ApiError, form_error: RwSignal<Option<String>>) {
        self.show_api_error_in(e, form_error, use_i18n());
    }

    /// As [`FieldErrors::show_api_error`], with the catalog given: for a task that
    /// outlived its context (after an `await` in `spawn_local`).
    pub fn show_api_error_in(
        self,
        e: &crate::api::ApiError,
        form_error: RwSignal<Option<String>>,
        i18n: crate::i18n::I18n,
    ) {
        match e.field() {
            Some(field) => {
                self.set(field, e.message(i18n));
                form_error.set(Some(i18n.t(crate::i18n::K::FormHasErrors).to_owned()));
            }
            None => form_error.set(Some(e.message(i18n))),
        }
    }

    /// As [`FieldErrors::accept`], for a form whose fields are named `{prefix}{field}`
    /// (so that two kinds of form on one page never share an element id).
    pub fn accept_as<T: kollegium_shared::validation::Validate>(
        self,
        value: &T,
        form_error: RwSignal<Option<String>>,
        prefix: &str,
    ) -> bool {
        let lang = use_i18n().lang.get_untracked();
        let broken = value.validate();
        self.errors.set(
            broken
                .iter()
                .map(|e| (format!("{prefix}{}", e.field), e.msg.text(lang).to_owned()))
                .collect(),
        );
        form_error.set(
            (!broken.is_empty()).then(|| use_i18n().t(crate::i18n::K::FormHasErrors).to_owned()),
        );
        broken.is_empty()
    }

    /// As [`FieldErrors::show_api_error_in`], for a form whose fields are named
    /// `{prefix}{field}`.
    pub fn show_api_error_as(
        self,
        e: &crate::api::ApiError,
        form_error: RwSignal<Option<String>>,
        i18n: crate::i18n::I18n,
        prefix: &str,
    ) {
        match e.field() {
            Some(field) => {
                self.set(&format!("{prefix}{field}"), e.message(i18n));
                form_error.set(Some(i18n.t(crate::i18n::K::FormHasErrors).to_owned()));
            }
            None => form_error.set(Some(e.message(i18n))),
        }
    }

    /// Clears every error.
    pub fn clear_all(self) {
        self.errors.set(Vec::new());
    }
}

/// The element ids of field `name`: its control, its error and its hint.
fn field_ids(name: &str) -> (String, String, String) {
    (
        format!("field-{name}"),
        format!("field-{name}-error"),
        format!("field-{name}-hint"),
    )
}

/// What a field's control is described by: its hint, if any, and its error when shown.
fn described_by(
    name: &'static str,
    has_hint: bool,
    errors: FieldErrors,
) -> impl Fn() -> Option<String> + Send + Sync + 'static {
    let (_, error_id, hint_id) = field_ids(name);
    move || {
        let mut ids = Vec::new();
        if has_hint {
            ids.push(hint_id.clone());
        }
        if errors.get(name).is_some() {
            ids.push(error_id.clone());
        }
        (!ids.is_empty()).then(|| ids.join(" "))
    }
}

/// A labelled input. `name` is the field's name in the request, used for its errors.
#[component]
pub fn TextField(
    /// The field's name in the request and the basis of its element ids.
    name: &'static str,
    /// The visible label.
    #[prop(into)]
    label: Signal<&'static str>,
    /// The value, two-way.
    value: RwSignal<String>,
    errors: FieldErrors,
    #[prop(default = "text")] kind: &'static str,
    #[prop(default = "off")] autocomplete: &'static str,
    /// A hint below the label, if any.
    #[prop(optional, into)]
    hint: Option<Signal<&'static str>>,
    #[prop(optional)] required: bool,
    #[prop(optional)] node_ref: NodeRef<leptos::html::Input>,
) -> impl IntoView {
    let (id, error_id, hint_id) = field_ids(name);
    let described_by = described_by(name, hint.is_some(), errors);
    view! {
        <div class="field" class:field-invalid=move || errors.get(name).is_some()>
            <label for=id.clone()>{move || label.get()}</label>
            {hint.map(|h| view! { <p class="field-hint" id=hint_id.clone()>{move || h.get()}</p> })}
            <input
                id=id
                name=name
                type=kind
                autocomplete=autocomplete
                required=required
                aria-invalid=move || if errors.get(name).is_some() { "true" } else { "false" }
                aria-describedby=described_by
                prop:value=move || value.get()
                on:input=move |ev| {
                    value.set(event_target_value(&ev));
                    errors.clear(name);
                }
                node_ref=node_ref
            />
            <p class="field-error" id=error_id aria-live="polite">
                {move || errors.get(name)}
            </p>
        </div>
    }
}

/// A labelled select. `options` are (value, label) pairs; `all`, when given, is a first
/// option with the empty value (e.g. "Alla"). The value is two-way.
#[component]
pub fn SelectField(
    /// The element id (and the field's name in errors, when `errors` is given).
    id: &'static str,
    #[prop(into)] label: Signal<&'static str>,
    value: RwSignal<String>,
    #[prop(into)] options: Signal<Vec<(String, String)>>,
    /// The label of a first option that stands for "any".
    #[prop(optional, into)]
    all: Option<Signal<&'static str>>,
    #[prop(optional)] errors: Option<FieldErrors>,
    /// Called after the value changed (e.g. to go back to the first page).
    #[prop(optional)]
    on_change: Option<Callback<String>>,
) -> impl IntoView {
    let error = move || errors.and_then(|e| e.get(id));
    let error_id = format!("{id}-error");
    view! {
        <div class="field" class:field-invalid=move || error().is_some()>
            <label for=id>{move || label.get()}</label>
            <select
                id=id
                aria-invalid=move || if error().is_some() { "true" } else { "false" }
                aria-describedby=error_id.clone()
                on:change=move |ev| {
                    let v = event_target_value(&ev);
                    value.set(v.clone());
                    if let Some(e) = errors {
                        e.clear(id);
                    }
                    if let Some(f) = on_change {
                        f.run(v);
                    }
                }
            >
                {all.map(|a| view! { <option value="" selected=move || value.with(String::is_empty)>{move || a.get()}</option> })}
                {move || options.get().into_iter().map(|(v, text)| {
                    let selected = value.with(|current| *current == v);
                    view! { <option value=v selected=selected>{text}</option> }
                }).collect_view()}
            </select>
            <p class="field-error" id=error_id aria-live="polite">{error}</p>
        </div>
    }
}

/// A labelled text area whose error stands beside it.
#[component]
pub fn TextArea(
    /// The field's name in the request and the basis of its element ids.
    name: &'static str,
    #[prop(into)] label: Signal<&'static str>,
    value: RwSignal<String>,
    errors: FieldErrors,
    #[prop(default = 4)] rows: u32,
    /// A hint below the label, if any.
    #[prop(optional, into)]
    hint: Option<Signal<&'static str>>,
) -> impl IntoView {
    let (id, error_id, hint_id) = field_ids(name);
    let described_by = described_by(name, hint.is_some(), errors);
    view! {
        <div class="field field-wide" class:field-invalid=move || errors.get(name).is_some()>
            <label for=id.clone()>{move || label.get()}</label>
            {hint.map(|h| view! { <p class="field-hint" id=hint_id.clone()>{move || h.get()}</p> })}
            <textarea
                id=id
                name=name
                rows=rows
                aria-invalid=move || if errors.get(name).is_some() { "true" } else { "false" }
                aria-describedby=described_by
                prop:value=move || value.get()
                on:input=move |ev| {
                    value.set(event_target_value(&ev));
                    errors.clear(name);
                }
            ></textarea>
            <p class="field-error" id=error_id aria-live="polite">{move || errors.get(name)}</p>
        </div>
    }
}

/// A list of checkboxes, one per choice, kept in `chosen`.
pub fn check_list<T: Clone + PartialEq + Send + Sync + 'static>(
    legend: &'static str,
    field: &'static str,
    choices: Vec<(T, String)>,
    chosen: RwSignal<Vec<T>>,
    errors: FieldErrors,
) -> impl IntoView {
    let error_id = format!("field-{field}-error");
    let described = error_id.clone();
    view! {
        <fieldset class="checks checks-columns" aria-describedby=described>
            <legend>{legend}</legend>
            {choices.into_iter().map(|(value, label)| {
                let has = value.clone();
                view! {
                    <label class="check">
                        <input type="checkbox" prop:checked=move || chosen.with(|l| l.contains(&has))
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                let value = value.clone();
                                chosen.update(|l| if on { if !l.contains(&value) { l.push(value) } } else { l.retain(|x| *x != value) });
                            }/>
                        {label}
                    </label>
                }
            }).collect_view()}
            <p class="field-error" id=error_id role="alert">{move || errors.get(field)}</p>
        </fieldset>
    }
}

thread_local! {
    static NAMES: std::cell::RefCell<std::collections::HashSet<&'static str>> =
        std::cell::RefCell::new(std::collections::HashSet::new());
}

/// A field name made at run time (one form per row of a list: `note-7-text`) as the
/// `&'static str` the fields take. Each distinct name is kept once for the page's life,
/// so showing a list again costs nothing new.
pub fn field_name(name: String) -> &'static str {
    NAMES.with(|names| {
        let mut names = names.borrow_mut();
        if let Some(found) = names.get(name.as_str()) {
            return *found;
        }
        let kept: &'static str = Box::leak(name.into_boxed_str());
        names.insert(kept);
        kept
    })
}
