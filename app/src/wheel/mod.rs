//! The årshjul: `/arshjul`, the year as a circle (rings as lanes, activities as arcs,
//! today and the terms marked; filter rings, zoom to a term or a month), and
//! `/arshjul/lista`, the same activities as a sortable, filterable table (the
//! accessible view). The steering group adds, changes and removes activities from a
//! form (also by tapping an empty spot on a ring), and may undo its last change; a
//! change based on an old version is refused and the wheel reloads. Everyone can make
//! a private calendar feed of what concerns them.

mod circle;
mod copy;
mod export;
mod form;
mod list;
mod rings;
pub(crate) mod text;

pub use circle::WheelPage;
pub use copy::WheelCopyPage;
pub use list::WheelListPage;

use kollegium_shared::ids::{ActivityId, RingId, SchoolYearId};
use kollegium_shared::wheel::access::may_edit_wheel;
use kollegium_shared::wheel::{Activity, ActivityInput, Audience, Ring, Wheel};
use leptos::prelude::*;
use leptos_router::components::A;
use wasm_bindgen::JsCast;

use crate::api::{ApiError, use_api};
use crate::components::{YearPicker, load_failure};
use crate::format::activity_when;
use crate::i18n::{I18n, K, use_i18n};
use crate::reference::use_reference;
use crate::session::use_session;
use text::WheelText;

/// What the undo button would do: the inverse of the last change.
#[derive(Debug, Clone, PartialEq)]
enum Undo {
    /// Remove what was created.
    Remove { id: ActivityId, version: i64 },
    /// Put back how it was (the version is the one after the change).
    Restore {
        id: ActivityId,
        before: Activity,
        version: i64,
    },
    /// Add again what was removed.
    Recreate(Activity),
}

/// What the form is editing.
#[derive(Debug, Clone, PartialEq)]
enum Editing {
    New { ring: RingId, date: String },
    Existing(Activity),
}

/// A page's view of the wheel and what the editor is doing with it.
#[derive(Clone, Copy)]
struct Planner {
    wheel: RwSignal<Option<Wheel>>,
    /// The wheel as loaded; refetched after every change.
    loaded: LocalResource<Result<Wheel, ApiError>>,
    selected: RwSignal<Option<ActivityId>>,
    editing: RwSignal<Option<Editing>>,
    hidden: RwSignal<Vec<RingId>>,
    undo: RwSignal<Option<Undo>>,
    status: RwSignal<String>,
    error: RwSignal<Option<ApiError>>,
    editor: bool,
    /// The school year shown (`?ar=`); the current one when none.
    year: RwSignal<Option<SchoolYearId>>,
    /// Only what concerns the signed-in person ("Mitt årshjul"), or the whole wheel.
    mine_only: RwSignal<bool>,
    /// Whether the details now selected were asked for (a tap, a key, a link), and so
    /// come into view with the focus; after a drag they show where they are.
    reveal: StoredValue<bool>,
}

impl Planner {
    /// Opens the details of activity `id`, asked for by the person.
    fn open(self, id: ActivityId) {
        self.reveal.set_value(true);
        self.selected.set(Some(id));
        self.editing.set(None);
    }

    /// Loads the current year's wheel and keeps it as it reloads.
    fn new() -> Planner {
        let api = use_api();
        let query = leptos_router::hooks::use_query_map();
        let editor = use_session().may_untracked(may_edit_wheel);
        // A link to one activity (`?aktivitet=`, from the library) opens its details.
        let linked = query.with_untracked(|q| {
            q.get("aktivitet")
                .and_then(|v| v.parse::<ActivityId>().ok())
        });
        let year = RwSignal::new(
            query.with_untracked(|q| q.get("ar").and_then(|v| v.parse::<SchoolYearId>().ok())),
        );
        let loaded = LocalResource::new(move || {
            let year = year.get();
            async move { api.wheel(year).await }
        });
        let planner = Planner {
            wheel: RwSignal::new(None),
            loaded,
            selected: RwSignal::new(linked),
            editing: RwSignal::new(None),
            hidden: RwSignal::new(Vec::new()),
            undo: RwSignal::new(None),
            status: RwSignal::new(String::new()),
            error: RwSignal::new(None),
            editor,
            year,
            // The steering group plans the whole year; everyone else starts from theirs,
            // unless they came for an activity that may not be theirs.
            mine_only: RwSignal::new(!editor && linked.is_none()),
            reveal: StoredValue::new(linked.is_some()),
        };
        Effect::new(move |_| match loaded.get() {
            Some(Ok(w)) => planner.wheel.set(Some(w)),
            Some(Err(e)) => planner.error.set(Some(e)),
            None => {}
        });
        planner
    }

    /// Whether an activity is shown: all of them, or only the caller's (tracked).
    fn shows(self, wheel: &Wheel, a: &Activity) -> bool {
        !self.mine_only.get() || wheel.mine.contains(&a.id)
    }

    /// As [`Planner::shows`], untracked: for building the circle, which is rebuilt as
    /// a whole when the choice changes.
    fn shows_untracked(self, wheel: &Wheel, a: &Activity) -> bool {
        !self.mine_only.get_untracked() || wheel.mine.contains(&a.id)
    }

    fn refresh(self) {
        self.loaded.refetch();
    }

    /// The activity with `id`, as loaded.
    fn activity(self, id: ActivityId) -> Option<Activity> {
        self.wheel
            .with(|w| w.as_ref()?.activities.iter().find(|a| a.id == id).cloned())
    }

    /// Moves an activity to new days (a drag on the circle), keeping everything else;
    /// the change can be undone, and a stale one is refused and reloads the wheel.
    fn reschedule(
        self,
        id: ActivityId,
        first: kollegium_shared::date::Date,
        last: kollegium_shared::date::Date,
    ) {
        let Some(before) = self.activity(id) else {
            return;
        };
        let api = use_api();
        let i18n = use_i18n();
        let mut input = input_of(&before);
        input.starts_on = first.to_string();
        input.ends_on = last.to_string();
        self.error.set(None);
        leptos::task::spawn_local(async move {
            match api.update_activity(id, &input).await {
                Ok(saved) => {
                    let lang = i18n.lang.get_untracked();
                    self.status
                        .set(format!("{}: {}", saved.title, activity_when(&saved, lang)));
                    self.undo.set(Some(Undo::Restore {
                        id,
                        before,
                        version: saved.version,
                    }));
                    self.selected.set(Some(id));
                }
                Err(e) => self.error.set(Some(e)),
            }
            self.refresh();
        });
    }

    /// Carries out the undo, if there is one.
    fn run_undo(self) {
        let Some(undo) = self.undo.get_untracked() else {
            return;
        };
        let api = use_api();
        let i18n = use_i18n();
        self.undo.set(None);
        leptos::task::spawn_local(async move {
            let result = match undo {
                Undo::Remove { id, version } => api.delete_activity(id, version).await,
                Undo::Restore {
                    id,
                    before,
                    version,
                } => {
                    let mut input = input_of(&before);
                    input.version = Some(version);
                    api.update_activity(id, &input).await.map(|_| ())
                }
                Undo::Recreate(a) => api.create_activity(&input_of(&a)).await.map(|_| ()),
            };
            match result {
                Ok(()) => self.status.set(i18n.t(WheelText::WheelUndone).to_owned()),
                Err(e) => self.error.set(Some(e)),
            }
            self.refresh();
        });
    }
}

/// The form's input for an activity as it stands.
fn input_of(a: &Activity) -> ActivityInput {
    ActivityInput {
        ring_id: a.ring_id,
        title: a.title.clone(),
        description: a.description.clone(),
        starts_on: a.starts_on.clone(),
        ends_on: a.ends_on.clone(),
        start_time: a.start_time.clone(),
        end_time: a.end_time.clone(),
        audience: a.audience.clone(),
        theme: a.theme.clone(),
        library_items: a.library.iter().map(|i| i.id).collect(),
        version: Some(a.version),
    }
}

/// Who an activity is for, in words.
fn audience_text(a: &Audience, i18n: I18n) -> String {
    let lang = i18n.lang.get_untracked();
    match a {
        Audience::Everyone => i18n.t(WheelText::AudienceEveryone).to_owned(),
        Audience::Role { role } => role.label(lang).to_owned(),
        Audience::GroupKind { group_kind } => group_kind.label(lang).to_owned(),
        Audience::Groups { groups } => {
            i18n.count(WheelText::AudienceGroups, groups.len(), &[&groups.len()])
        }
    }
}

/// The ring an activity is on.
fn ring_of(rings: &[Ring], id: RingId) -> Option<&Ring> {
    rings.iter().find(|r| r.id == id)
}

/// Which school year, and whether only what concerns me or the whole wheel.
#[component]
fn ViewChoice(planner: Planner) -> impl IntoView {
    let i18n = use_i18n();
    let years = use_reference().school_years();
    let year_picker = move || {
        let current = planner.wheel.with(|w| w.as_ref().map(|w| w.school_year.id));
        let list = years.get().and_then(Result::ok).unwrap_or_default();
        // The field is there from the start (one year shown, not chosen), so the panel
        // does not move when the years come.
        if list.len() < 2 {
            let name = planner
                .wheel
                .with(|w| w.as_ref().map(|w| w.school_year.name.clone()));
            return view! {
                {load_failure(years)}
                <div class="field">
                    <label for="wheel-year">{i18n.t(K::SchoolYear)}</label>
                    <select id="wheel-year" disabled=true><option>{name}</option></select>
                </div>
            }
            .into_any();
        }
        view! {
            {load_failure(years)}
            <YearPicker id="wheel-year" years=list current=current
                on_change=Callback::new(move |y| {
                    planner.selected.set(None);
                    planner.editing.set(None);
                    planner.undo.set(None);
                    planner.year.set(y);
                })/>
        }
        .into_any()
    };
    view! {
        {year_picker}
        <fieldset class="check-group scope-choice print-hidden">
            <legend>{move || i18n.t(WheelText::WheelScope)}</legend>
            <label>
                <input type="radio" name="wheel-scope" checked=move || planner.mine_only.get() on:change=move |_| planner.mine_only.set(true)/>
                {move || i18n.t(WheelText::WheelMine)}
            </label>
            <label>
                <input type="radio" name="wheel-scope" checked=move || !planner.mine_only.get() on:change=move |_| planner.mine_only.set(false)/>
                {move || i18n.t(WheelText::WheelEverything)}
            </label>
        </fieldset>
    }
}

/// The details of the selected activity, with edit and remove for the steering group.
#[component]
fn Details(planner: Planner) -> impl IntoView {
    let i18n = use_i18n();
    // What a tap opens comes into view and takes the focus, and closing it gives the
    // focus back to the arc.
    let card = NodeRef::<leptos::html::Section>::new();
    Effect::new(move |_| {
        if let Some(section) = card.get()
            && planner.reveal.get_value()
        {
            planner.reveal.set_value(false);
            crate::components::bring_into_view(&section, Some("h2"));
        }
    });
    let close = move || {
        let id = planner.selected.get_untracked();
        planner.selected.set(None);
        let arc = id.and_then(|id| {
            document()
                .query_selector(&format!(".activity[data-activity=\"{}\"]", id.0))
                .ok()
                .flatten()
        });
        if let Some(arc) = arc.and_then(|a| a.dyn_into::<web_sys::SvgElement>().ok()) {
            let _ = arc.focus();
        }
    };
    move || {
        let id = planner.selected.get()?;
        let a = planner.activity(id)?;
        let lang = i18n.lang.get();
        let ring = planner
            .wheel
            .with(|w| {
                w.as_ref().and_then(|w| {
                    ring_of(&w.rings, a.ring_id).map(|r| (r.name.clone(), r.colour.clone()))
                })
            })
            .unwrap_or_default();
        let edit = a.clone();
        let ics = format!("/api/v1/wheel/activities/{}/ics", a.id.0);
        Some(view! {
            <section class="card wheel-details" aria-labelledby="wheel-details-heading" node_ref=card>
                <h2 id="wheel-details-heading" tabindex="-1">{a.title.clone()}</h2>
                <p class="ring-label"><span class="swatch" style=format!("background:{}", ring.1)></span>{ring.0}</p>
                <dl class="facts">
                    <dt>{i18n.t(K::WheelWhen)}</dt><dd>{activity_when(&a, lang)}</dd>
                    <dt>{i18n.t(WheelText::WheelAudience)}</dt><dd>{audience_text(&a.audience, i18n)}</dd>
                    {a.theme.clone().map(|t| view! { <dt>{i18n.t(WheelText::WheelTheme)}</dt><dd>{t}</dd> })}
                </dl>
                {(!a.description.is_empty()).then(|| view! { <p class="wheel-description">{a.description.clone()}</p> })}
                {(!a.library.is_empty()).then(|| view! {
                    <h3 class="wheel-library-heading">{i18n.t(K::PrepItems)}</h3>
                    <ul class="plain wheel-library">
                        {a.library.clone().into_iter().map(|item| view! {
                            <li>
                                <A href=crate::components::item_href(item.id.0)>{item.title.clone()}</A>
                                " "<span class="badge">{item.kind.label(lang)}</span>
                            </li>
                        }).collect_view()}
                    </ul>
                })}
                <div class="form-actions">
                    <form::IcsLink path=ics/>
                    {planner.editor.then(|| view! {
                        <button type="button" class="button button-secondary" on:click=move |_| planner.editing.set(Some(Editing::Existing(edit.clone())))>
                            {i18n.t(K::StaffEdit)}
                        </button>
                    })}
                    <button type="button" class="button button-secondary" on:click=move |_| close()>{i18n.t(WheelText::Close)}</button>
                </div>
            </section>
        })
    }
}
