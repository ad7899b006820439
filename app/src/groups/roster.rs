//! `/grupper`: the whole roster of a school year for the steering group, filterable by
//! text, kind of group and school, with the warnings (groups outside the size bounds,
//! teachers in no learning group), print (A4) and CSV export.
//!
//! Moving a teacher: drag them by the handle to another group (Pointer Events, so a
//! finger on an iPad and a mouse work alike), or use "Flytta…" to choose the group from
//! a list (keyboard and screen readers). Each move carries both groups' versions; if
//! someone else changed either group meanwhile the server refuses (409), the message
//! says so and the roster is reloaded, so nothing is overwritten unseen.

use kollegium_shared::groups::access::{may_edit_groups, may_read_roster};
use kollegium_shared::groups::{Group, GroupKind, Merge, Move, NewGroup, Roster, RosterWarning};
use kollegium_shared::ids::{GroupId, PersonId, SchoolId, SchoolYearId};
use kollegium_shared::org::SubjectItem;
use kollegium_shared::text::fold;
use leptos::prelude::*;
use leptos_router::components::A;
use wasm_bindgen::JsCast;

use super::{group_subtitle, member_schools, print_page};
use crate::api::{ApiError, use_api};
use crate::components::{
    ErrorText, FieldErrors, SelectField, TextField, YearPicker, load_failure, options_of, save_file,
};
use crate::groups::text::GroupsText;
use crate::i18n::{K, use_i18n, use_title};
use crate::reference::use_reference;
use crate::session::use_session;

/// A teacher being dragged.
#[derive(Debug, Clone, PartialEq)]
struct Drag {
    person: PersonId,
    name: String,
    from: GroupId,
    kind: GroupKind,
    x: i32,
    y: i32,
    /// The group under the finger or pointer, if it is one the teacher may move to.
    over: Option<GroupId>,
}

/// The roster page's shared state.
#[derive(Clone, Copy)]
struct Board {
    roster: RwSignal<Option<Roster>>,
    drag: RwSignal<Option<Drag>>,
    menu: RwSignal<Option<(GroupId, PersonId)>>,
    /// The group whose "Slå ihop med …" menu is open.
    merge_menu: RwSignal<Option<GroupId>>,
    status: RwSignal<String>,
    error: RwSignal<Option<ApiError>>,
    /// The roster as loaded; refetched after every move.
    loaded: LocalResource<Result<Roster, ApiError>>,
    editor: bool,
}

impl Board {
    /// Moves `person` from group `from` to group `to`, with the versions as shown.
    fn move_person(self, person: PersonId, from: GroupId, to: GroupId) {
        let i18n = use_i18n();
        let api = use_api();
        let Some((from_version, to_version, person_name, to_name)) =
            self.roster.with_untracked(|r| {
                let groups = &r.as_ref()?.groups;
                let from_g = groups.iter().find(|g| g.id == from)?;
                let to_g = groups.iter().find(|g| g.id == to)?;
                let name = from_g.members.iter().find(|m| m.id == person)?.name.clone();
                Some((from_g.version, to_g.version, name, to_g.name.clone()))
            })
        else {
            return;
        };
        self.error.set(None);
        self.status.set(i18n.t(K::Working).to_owned());
        let request = Move {
            person_id: person,
            to_group_id: to,
            from_version,
            to_version,
        };
        leptos::task::spawn_local(async move {
            match api.move_member(from, &request).await {
                Ok(_) => self.status.set(format!(
                    "{person_name} {} {to_name}.",
                    i18n.t(GroupsText::MovedTo)
                )),
                Err(e) => {
                    self.status.set(String::new());
                    self.error.set(Some(e));
                }
            }
            self.loaded.refetch();
        });
    }
}

impl Board {
    /// Merges group `from` into group `into`, with the versions as shown.
    fn merge(self, from: GroupId, into: GroupId) {
        let i18n = use_i18n();
        let api = use_api();
        let Some((version, into_version, from_name, into_name)) = self.roster.with_untracked(|r| {
            let groups = &r.as_ref()?.groups;
            let a = groups.iter().find(|g| g.id == from)?;
            let b = groups.iter().find(|g| g.id == into)?;
            Some((a.version, b.version, a.name.clone(), b.name.clone()))
        }) else {
            return;
        };
        self.error.set(None);
        self.status.set(i18n.t(K::Working).to_owned());
        let request = Merge {
            into_group_id: into,
            version,
            into_version,
        };
        leptos::task::spawn_local(async move {
            match api.merge_group(from, &request).await {
                Ok(_) => self.status.set(format!(
                    "{from_name} {} {into_name}.",
                    i18n.t(GroupsText::MergedInto)
                )),
                Err(e) => {
                    self.status.set(String::new());
                    self.error.set(Some(e));
                }
            }
            self.loaded.refetch();
        });
    }
}

#[component]
pub fn RosterPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    use_title(GroupsText::RosterTitle);
    // The roster is the steering group's and the administrators'; nothing is fetched
    // for anyone else.
    if !use_session().may_untracked(may_read_roster) {
        return view! {
            <section class="page roster-page">
                <h1>{move || i18n.t(GroupsText::RosterTitle)}</h1>
                <p class="notice" role="alert">{i18n.t(K::NotAllowed)}</p>
            </section>
        }
        .into_any();
    }
    // `?ar=` names the school year; the current one without it.
    let query = leptos_router::hooks::use_query_map();
    let year = RwSignal::new(
        query.with_untracked(|q| q.get("ar").and_then(|v| v.parse::<SchoolYearId>().ok())),
    );
    let loaded = LocalResource::new(move || {
        let year = year.get();
        async move { api.roster(year).await }
    });
    let board = Board {
        roster: RwSignal::new(None),
        drag: RwSignal::new(None),
        menu: RwSignal::new(None),
        merge_menu: RwSignal::new(None),
        status: RwSignal::new(String::new()),
        error: RwSignal::new(None),
        loaded,
        editor: use_session().may_untracked(may_edit_groups),
    };
    Effect::new(move |_| {
        if let Some(Ok(r)) = loaded.get() {
            board.roster.set(Some(r));
        }
    });
    let reference = use_reference();
    let years = reference.school_years();
    let schools = reference.schools();
    let subjects = reference.subjects();
    let school_options = options_of(schools, |s| Some((s.id.to_string(), s.name)));

    let q = RwSignal::new(String::new());
    let kind = RwSignal::new(String::new());
    let school = RwSignal::new(String::new());
    let warnings_only = RwSignal::new(false);
    let csv_error = RwSignal::new(None::<String>);
    let creating = RwSignal::new(false);

    let download_csv = move |_| {
        let year_id = board.roster.with_untracked(|r| {
            r.as_ref()
                .map(|r| (r.school_year.id, r.school_year.name.clone()))
        });
        let Some((id, name)) = year_id else { return };
        leptos::task::spawn_local(async move {
            match api
                .get_bytes(&format!("/groups/roster.csv?year={id}"))
                .await
            {
                Ok(bytes) => {
                    let file = format!("lärgrupper-{}.csv", name.replace('/', "-"));
                    if save_file(&bytes, "text/csv;charset=utf-8", &file).is_err() {
                        csv_error.set(Some(i18n.t(K::DownloadFailed).to_owned()));
                    }
                }
                Err(e) => csv_error.set(Some(e.message(i18n))),
            }
        });
    };

    let year_picker = move || {
        let current = board.roster.with(|r| r.as_ref().map(|r| r.school_year.id));
        view! {
            <YearPicker id="roster-year" years=years.get().and_then(Result::ok).unwrap_or_default() current=current
                on_change=Callback::new(move |y| year.set(y))/>
        }
    };

    view! {
        <section class="page roster-page">
            <h1>{move || i18n.t(GroupsText::RosterTitle)}</h1>
            <p class="lead print-hidden">{move || i18n.t(if board.editor { GroupsText::RosterIntroEditor } else { GroupsText::RosterIntro })}</p>
            <div class="toolbar print-hidden">
                {board.editor.then(|| view! {
                    <A href="/grupper/bilda" attr:class="button button-primary">{move || i18n.t(GroupsText::FormationTitle)}</A>
                    <button type="button" class="button button-secondary" aria-expanded=move || if creating.get() { "true" } else { "false" }
                        on:click=move |_| creating.update(|c| *c = !*c)>{move || i18n.t(GroupsText::GroupNew)}</button>
                })}
                <A href="/grupper/skola" attr:class="button button-secondary">{move || i18n.t(GroupsText::SchoolRosterTitle)}</A>
                <button type="button" class="button button-secondary" on:click=move |_| print_page()>{move || i18n.t(K::Print)}</button>
                <button type="button" class="button button-secondary" on:click=download_csv>{move || i18n.t(GroupsText::ExportCsv)}</button>
            </div>
            <ErrorText message=csv_error/>
            {move || (creating.get() && board.editor).then(|| {
                board.roster.with(|r| r.as_ref().map(|r| r.school_year.id)).map(|year| view! {
                    <NewGroupForm year=year cancel=Callback::new(move |()| creating.set(false))/>
                })
            })}
            <div class="filters print-hidden" role="search">
                {year_picker}
                <div class="field">
                    <label for="roster-q">{move || i18n.t(GroupsText::RosterSearch)}</label>
                    <input id="roster-q" type="search" prop:value=move || q.get() on:input=move |ev| q.set(event_target_value(&ev))/>
                </div>
                <div class="field">
                    <label for="roster-kind">{move || i18n.t(GroupsText::GroupKindLabel)}</label>
                    <select id="roster-kind" on:change=move |ev| kind.set(event_target_value(&ev))>
                        <option value="">{move || i18n.t(K::FilterAll)}</option>
                        {GroupKind::ALL.iter().map(|k| view! { <option value=k.code()>{move || k.label(i18n.lang.get())}</option> }).collect_view()}
                    </select>
                </div>
                <SelectField id="roster-school" label=Signal::derive(move || i18n.t(K::FilterSchool)) value=school
                    options=school_options all=Signal::derive(move || i18n.t(K::FilterAll))/>
                <div class="field field-check">
                    <input id="roster-warnings" type="checkbox" on:change=move |ev| warnings_only.set(event_target_checked(&ev))/>
                    <label for="roster-warnings">{move || i18n.t(GroupsText::RosterWarningsOnly)}</label>
                </div>
            </div>
            {load_failure(years)}
            {load_failure(schools)}
            {load_failure(subjects)}
            <p class="visually-hidden" role="status" aria-live="polite">{move || board.status.get()}</p>
            <p class="flash print-hidden" aria-hidden="true">{move || board.status.get()}</p>
            {move || board.error.get().map(|e| view! { <p class="form-error" role="alert">{e.message(i18n)}</p> })}
            {load_failure(loaded)}
            {move || board.roster.get().map(|roster| {
                let subjects = reference.subject_list();
                let lang = i18n.lang.get();
                let needle = fold(&q.get());
                let kind_filter = GroupKind::from_code(&kind.get());
                let school_filter: Option<SchoolId> = school.get().parse().ok();
                let only_warned = warnings_only.get();
                let warned = |g: &Group| roster.warnings.iter().any(|w| matches!(w,
                    RosterWarning::TooSmall { group_id, .. } | RosterWarning::TooLarge { group_id, .. } if *group_id == g.id));
                let shown: Vec<Group> = roster.groups.iter().filter(|g| {
                    kind_filter.is_none_or(|k| g.kind == k)
                        && school_filter.is_none_or(|s| g.members.iter().any(|m| m.schools.iter().any(|x| x.id == s)))
                        && (needle.is_empty() || fold(&g.name).contains(&needle)
                            || g.members.iter().any(|m| fold(&m.name).contains(&needle)))
                        && (!only_warned || warned(g))
                }).cloned().collect();
                let warnings: Vec<String> = roster.warnings.iter().map(|w| {
                    let group_name = match w {
                        RosterWarning::TooSmall { group_id, .. } | RosterWarning::TooLarge { group_id, .. } =>
                            roster.groups.iter().find(|g| g.id == *group_id).map(|g| g.name.clone()).unwrap_or_default(),
                        RosterWarning::Ungrouped { .. } => String::new(),
                    };
                    w.text(lang, &group_name)
                }).collect();
                let count = shown.len();
                let bounds = roster.bounds;
                view! {
                    <h2 class="roster-year">{format!("{} {} · {}–{} {}", i18n.t(K::SchoolYear), roster.school_year.name, bounds.min, bounds.max, i18n.t(GroupsText::RosterPerGroup))}</h2>
                    {(!warnings.is_empty()).then(|| view! {
                        <details class="card warnings" open=true>
                            <summary>{format!("{} {}", warnings.len(), i18n.t(GroupsText::RosterWarnings))}</summary>
                            // Focusable, so that the list scrolls with the keyboard too.
                            <ul tabindex="0" aria-label=i18n.t(GroupsText::RosterWarningsList)>{warnings.into_iter().map(|w| view! { <li>{w}</li> }).collect_view()}</ul>
                        </details>
                    })}
                    <p class="muted print-hidden">{format!("{count} {}", i18n.t(GroupsText::RosterGroupsShown))}</p>
                    <div class="roster-grid">
                        {shown.into_iter().map(|g| {
                            let warn = warned(&g);
                            let all = roster.groups.clone();
                            view! { <RosterGroup group=g all=all warn=warn board=board subjects=subjects.clone() min=bounds.min max=bounds.max/> }
                        }).collect_view()}
                    </div>
                }
            })}
            {move || board.drag.get().map(|d| view! {
                <div class="drag-ghost" aria-hidden="true" style=format!("left:{}px;top:{}px", d.x, d.y)>{d.name}</div>
            })}
        </section>
    }
    .into_any()
}

/// A group made by hand (a project, principals' or ICT group; a learning group the
/// formation did not make); its members are added on its page.
#[component]
fn NewGroupForm(year: SchoolYearId, cancel: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let navigate = leptos_router::hooks::use_navigate();
    let kind = RwSignal::new(GroupKind::Projektgrupp);
    let name = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let errors = FieldErrors::default();
    let form_error = RwSignal::new(None::<String>);
    let collect = move || NewGroup {
        school_year_id: year,
        kind: Some(kind.get_untracked()),
        name: name.get_untracked(),
        description: description.get_untracked(),
        ..Default::default()
    };
    let save = Action::new_local(move |new: &NewGroup| {
        let new = new.clone();
        async move { api.create_group(&new).await }
    });
    Effect::new(move |_| match save.value().get() {
        Some(Ok(group)) => navigate(&format!("/grupper/{}", group.id.0), Default::default()),
        Some(Err(e)) => errors.show_api_error(&e, form_error),
        None => {}
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let new = collect();
        if errors.accept(&new, form_error) {
            save.dispatch(new);
        }
    };
    let kinds = GroupKind::ALL.into_iter().filter(|k| k.members_editable());
    view! {
        <form class="card form new-group print-hidden" novalidate=true on:submit=on_submit aria-labelledby="new-group-heading">
            <h2 id="new-group-heading">{i18n.t(GroupsText::GroupNew)}</h2>
            <ErrorText message=form_error/>
            <div class="field">
                <label for="new-group-kind">{i18n.t(GroupsText::GroupKindLabel)}</label>
                <select id="new-group-kind" on:change=move |ev| {
                    if let Some(k) = GroupKind::from_code(&event_target_value(&ev)) { kind.set(k); }
                }>
                    {kinds.map(|k| view! { <option value=k.code() selected=k == GroupKind::Projektgrupp>{k.label(i18n.lang.get_untracked())}</option> }).collect_view()}
                </select>
            </div>
            <TextField name="name" label=Signal::derive(move || i18n.t(K::Name)) value=name errors=errors required=true/>
            <div class="field">
                <label for="new-group-description">{i18n.t(K::GroupDescription)}</label>
                <textarea id="new-group-description" rows="3" prop:value=move || description.get()
                    on:input=move |ev| description.set(event_target_value(&ev))></textarea>
            </div>
            <div class="form-actions">
                <button type="submit" class="button button-primary">{i18n.t(GroupsText::GroupCreate)}</button>
                <button type="button" class="button button-secondary" on:click=move |_| cancel.run(())>{i18n.t(K::Cancel)}</button>
            </div>
        </form>
    }
}

/// A choice of another group, opened from a button: the list gets the focus, so the
/// keyboard goes straight on (arrows, Tab to the confirming button, Enter).
#[component]
fn GroupChoice(
    id: String,
    label: String,
    targets: Vec<(GroupId, String)>,
    confirm: K,
    hint: Option<K>,
    chosen: Callback<GroupId>,
    cancel: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let choice = RwSignal::new(targets.first().map(|(g, _)| *g).unwrap_or_default());
    let select_ref = NodeRef::<leptos::html::Select>::new();
    Effect::new(move |_| {
        if let Some(select) = select_ref.get() {
            let _ = select.focus();
        }
    });
    view! {
        <div class="move-menu">
            <label for=id.clone()>{label}</label>
            <select id=id node_ref=select_ref on:change=move |ev| choice.set(event_target_value(&ev).parse().unwrap_or_default())>
                {targets.into_iter().map(|(g, n)| view! { <option value=g.to_string()>{n}</option> }).collect_view()}
            </select>
            {hint.map(|h| view! { <p class="field-hint">{i18n.t(h)}</p> })}
            <button type="button" class="button button-primary button-small" on:click=move |_| chosen.run(choice.get_untracked())>
                {i18n.t(confirm)}
            </button>
            <button type="button" class="button button-secondary button-small" on:click=move |_| cancel.run(())>
                {i18n.t(K::Cancel)}
            </button>
        </div>
    }
}

/// The group id under the point, from the nearest element with `data-group-id`.
fn group_at(x: i32, y: i32) -> Option<GroupId> {
    let element = document().element_from_point(x as f32, y as f32)?;
    let card = element.closest("[data-group-id]").ok()??;
    card.get_attribute("data-group-id")?.parse().ok()
}

/// Scrolls the window while a drag is near its top or bottom edge.
fn scroll_near_edge(y: i32) {
    let height = window()
        .inner_height()
        .ok()
        .and_then(|h| h.as_f64())
        .unwrap_or(0.0) as i32;
    let edge = 48;
    if y < edge {
        window().scroll_by_with_x_and_y(0.0, -16.0);
    } else if y > height - edge {
        window().scroll_by_with_x_and_y(0.0, 16.0);
    }
}

#[component]
fn RosterGroup(
    group: Group,
    all: Vec<Group>,
    warn: bool,
    board: Board,
    subjects: Vec<SubjectItem>,
    min: u32,
    max: u32,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.lang.get_untracked();
    let id = group.id;
    let kind = group.kind;
    let movable = board.editor && kind.members_editable();
    let heading_id = format!("roster-group-{id}");
    let size = group.members.iter().filter(|m| m.active).count();
    let size_text = if kind == GroupKind::Largrupp {
        format!("{size} ({min}–{max})")
    } else {
        size.to_string()
    };
    // Where a member of this group may be moved: other groups of the same kind.
    let targets: Vec<(GroupId, String)> = all
        .iter()
        .filter(|g| g.kind == kind && g.id != id)
        .map(|g| (g.id, g.name.clone()))
        .collect();
    let is_target = move || {
        board
            .drag
            .with(|d| d.as_ref().is_some_and(|d| d.over == Some(id)))
    };
    let can_drop = move || {
        board
            .drag
            .with(|d| d.as_ref().is_some_and(|d| d.kind == kind && d.from != id))
    };
    let members = group
        .members
        .iter()
        .map(|m| {
            let person = m.id;
            let name = m.name.clone();
            let targets = targets.clone();
            let detail = member_schools(m);
            let menu_open = move || board.menu.get() == Some((id, person));
            let drag_name = name.clone();
            let on_down = move |ev: leptos::ev::PointerEvent| {
                if !movable || !ev.is_primary() {
                    return;
                }
                ev.prevent_default();
                if let Some(target) = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) {
                    let _ = target.set_pointer_capture(ev.pointer_id());
                }
                board.menu.set(None);
                board.drag.set(Some(Drag {
                    person,
                    name: drag_name.clone(),
                    from: id,
                    kind,
                    x: ev.client_x(),
                    y: ev.client_y(),
                    over: None,
                }));
            };
            let on_move = move |ev: leptos::ev::PointerEvent| {
                if board.drag.with_untracked(Option::is_none) {
                    return;
                }
                let (x, y) = (ev.client_x(), ev.client_y());
                scroll_near_edge(y);
                let over = group_at(x, y);
                board.drag.update(|d| {
                    if let Some(d) = d {
                        d.x = x;
                        d.y = y;
                        d.over = over.filter(|g| {
                            *g != d.from && board.roster.with_untracked(|r| r.as_ref().is_some_and(|r| r.groups.iter().any(|x| x.id == *g && x.kind == d.kind)))
                        });
                    }
                });
            };
            let on_up = move |_ev: leptos::ev::PointerEvent| {
                if let Some(d) = board.drag.get_untracked() {
                    board.drag.set(None);
                    if let Some(to) = d.over {
                        board.move_person(d.person, d.from, to);
                    }
                }
            };
            let on_cancel = move |_ev: leptos::ev::PointerEvent| board.drag.set(None);
            let select_id = format!("move-{id}-{}", person.0);
            let menu_name = name.clone();
            let button_label = format!("{} {name}", i18n.t(GroupsText::MoveToLabel));
            view! {
                <li class="roster-member" class:inactive=!m.active class:dragging=move || board.drag.with(|d| d.as_ref().is_some_and(|d| d.person == person))>
                    {movable.then(|| view! {
                        <span class="drag-handle" aria-hidden="true" title=i18n.t(GroupsText::DragHint)
                            on:pointerdown=on_down on:pointermove=on_move on:pointerup=on_up on:pointercancel=on_cancel>"⠿"</span>
                    })}
                    <span class="member-name">
                        {name.clone()}
                        {m.leader.then(|| view! { <span class="badge">{i18n.t(GroupsText::GroupLeader)}</span> })}
                    </span>
                    " "<span class="member-detail">{detail}</span>
                    {(movable && !targets.is_empty()).then(|| view! {
                        <button type="button" class="button button-secondary button-small print-hidden"
                            aria-label=button_label aria-expanded=move || if menu_open() { "true" } else { "false" }
                            on:click=move |_| board.menu.set(if menu_open() { None } else { Some((id, person)) })>
                            {i18n.t(GroupsText::MoveTo)}
                        </button>
                    })}
                    {move || menu_open().then(|| view! {
                        <GroupChoice id=select_id.clone() label=format!("{} {menu_name} {}", i18n.t(GroupsText::MoveLabelPrefix), i18n.t(GroupsText::MoveLabelSuffix))
                            targets=targets.clone() confirm=K::MoveConfirm hint=None
                            chosen=Callback::new(move |to: GroupId| { board.menu.set(None); board.move_person(person, id, to); })
                            cancel=Callback::new(move |()| board.menu.set(None))/>
                    })}
                </li>
            }
        })
        .collect_view();
    let title = group.name.clone();
    let subtitle = group_subtitle(&group, &subjects, lang);
    let labelled_by = heading_id.clone();
    let merge_open = move || board.merge_menu.get() == Some(id);
    let merge_label = format!("{} {}", i18n.t(GroupsText::MergeWith), group.name);
    let merge_select = format!("merge-{id}");
    let merge_targets = targets.clone();
    let merge_menu = move || {
        merge_open().then(|| view! {
            <GroupChoice id=merge_select.clone() label=i18n.t(GroupsText::MergeLabel).to_owned() targets=merge_targets.clone()
                confirm=K::MergeConfirm hint=Some(K::MergeHint)
                chosen=Callback::new(move |into: GroupId| { board.merge_menu.set(None); board.merge(id, into); })
                cancel=Callback::new(move |()| board.merge_menu.set(None))/>
        })
    };
    let can_merge = movable && !targets.is_empty();
    view! {
        <section class="card roster-group" data-group-id=id.to_string() aria-labelledby=labelled_by
            class:warn=warn class:drop-target=is_target class:drop-possible=can_drop>
            <header class="roster-group-head">
                <h3 id=heading_id><A href=format!("/grupper/{id}")>{title}</A></h3>
                <span class="size" class:warn=warn>{size_text}</span>
            </header>
            <p class="muted">{subtitle}</p>
            {can_merge.then(|| view! {
                <button type="button" class="button button-secondary button-small print-hidden merge-button"
                    aria-label=merge_label aria-expanded=move || if merge_open() { "true" } else { "false" }
                    on:click=move |_| board.merge_menu.set(if merge_open() { None } else { Some(id) })>
                    {i18n.t(GroupsText::MergeWithShort)}
                </button>
            })}
            {merge_menu}
            <ul class="roster-members">{members}</ul>
        </section>
    }
}
