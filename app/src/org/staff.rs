//! `/admin/personal`: administrators list, add, change and deactivate staff, and give
//! one-time passwords. Changes carry the version they were based on; a stale one is
//! refused by the server and said so here, never silently overwritten.

use kollegium_shared::ids::SchoolId;
use kollegium_shared::org::access::administers;
use kollegium_shared::org::{
    NewStaffMember, Role, School, StaffMember, StaffPatch, Stage, SubjectItem,
};
use leptos::prelude::*;

use crate::api::{ApiError, use_api};
use crate::components::{
    Allowed, ErrorText, FieldErrors, SelectField, TextField, debounced_input, load_failure, loaded,
    options_of, push_filters,
};
use crate::i18n::{K, use_i18n, use_title};
use crate::org::text::OrgText;
use crate::reference::use_reference;

const PER_PAGE: u32 = 25;

#[derive(Debug, Clone, PartialEq)]
enum Editing {
    New,
    Existing(StaffMember),
}

#[component]
pub fn StaffAdminPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let reference = use_reference();
    use_title(K::StaffTitle);

    let typed = RwSignal::new(String::new());
    let q = RwSignal::new(String::new());
    let role = RwSignal::new(String::new());
    let school = RwSignal::new(String::new());
    let inactive = RwSignal::new(false);
    let sort = RwSignal::new("name".to_owned());
    let page = RwSignal::new(1u32);
    let editing = RwSignal::new(None::<Editing>);

    let schools = reference.schools();
    let subjects = reference.subjects();
    let list = LocalResource::new(move || {
        let mut query = vec![
            format!("per_page={PER_PAGE}"),
            format!("page={}", page.get()),
            format!("sort={}", sort.get()),
        ];
        if inactive.get() {
            query.push("include_inactive=true".into());
        }
        push_filters(
            &mut query,
            &[
                ("q", q.get()),
                ("role", role.get()),
                ("school", school.get()),
            ],
        );
        let query = query.join("&");
        async move { api.staff(&query).await }
    });

    let on_input = debounced_input(typed, q, move || page.set(1));
    let done = Callback::new(move |()| {
        editing.set(None);
        list.refetch();
    });
    let first_page = Callback::new(move |_: String| page.set(1));
    let role_options = Signal::derive(move || {
        let lang = i18n.lang.get();
        Role::ALL
            .iter()
            .map(|r| (r.code().to_owned(), r.label(lang).to_owned()))
            .collect::<Vec<_>>()
    });
    let school_options = options_of(schools, |s| Some((s.id.to_string(), s.name)));
    let sort_options = Signal::derive(move || {
        [
            ("name", OrgText::SortNameAsc),
            ("name_desc", OrgText::SortNameDesc),
            ("email", OrgText::SortEmail),
        ]
        .into_iter()
        .map(|(v, k)| (v.to_owned(), i18n.t(k).to_owned()))
        .collect::<Vec<_>>()
    });

    let row = move |p: StaffMember| {
        let lang = i18n.lang.get();
        let schools = p
            .schools
            .iter()
            .map(|s| s.name.clone())
            .collect::<Vec<_>>()
            .join(", ");
        let roles = p
            .roles
            .iter()
            .map(|r| r.label(lang))
            .collect::<Vec<_>>()
            .join(", ");
        let status = if p.active {
            i18n.t(OrgText::Active)
        } else {
            i18n.t(K::Inactive)
        };
        let label = format!("{} {}", i18n.t(K::StaffEdit), p.name);
        let member = p.clone();
        view! {
            <tr class:inactive=!p.active>
                <td>{p.name.clone()}</td>
                <td>{p.email.clone()}</td>
                <td>{schools}</td>
                <td>{roles}</td>
                <td>{status}</td>
                <td>
                    <button type="button" class="button button-secondary button-small" aria-label=label
                        on:click=move |_| editing.set(Some(Editing::Existing(member.clone())))>
                        {i18n.t(K::StaffEdit)}
                    </button>
                </td>
            </tr>
        }
    };

    view! {
        <section class="page staff-admin">
            <h1>{move || i18n.t(K::StaffTitle)}</h1>
            <Allowed rule=administers>
                <p class="lead">{move || i18n.t(OrgText::StaffIntro)}</p>
                <div class="toolbar">
                    <button type="button" class="button button-primary" on:click=move |_| editing.set(Some(Editing::New))>
                        {move || i18n.t(OrgText::StaffAdd)}
                    </button>
                </div>
                {move || editing.get().map(|e| {
                    let member = match e { Editing::New => None, Editing::Existing(m) => Some(m) };
                    loaded(schools, move |schools| {
                        let member = member.clone();
                        loaded(subjects, move |subjects| view! {
                            <StaffForm member=member.clone() schools=schools.clone() subjects=subjects done=done/>
                        })
                    })
                })}
                <form class="card directory-search" role="search" on:submit=|ev: leptos::ev::SubmitEvent| ev.prevent_default()>
                    <div class="field field-wide">
                        <label for="staff-q">{move || i18n.t(OrgText::DirectorySearch)}</label>
                        <input id="staff-q" type="search" autocomplete="off" prop:value=move || typed.get() on:input=on_input/>
                    </div>
                    <fieldset class="filters filters-4">
                        <legend>{move || i18n.t(OrgText::DirectoryFilters)}</legend>
                        <SelectField id="staff-role" label=Signal::derive(move || i18n.t(OrgText::FilterRole)) value=role
                            options=role_options all=Signal::derive(move || i18n.t(K::FilterAll)) on_change=first_page/>
                        <SelectField id="staff-school" label=Signal::derive(move || i18n.t(K::FilterSchool)) value=school
                            options=school_options all=Signal::derive(move || i18n.t(K::FilterAll)) on_change=first_page/>
                        <SelectField id="staff-sort" label=Signal::derive(move || i18n.t(OrgText::StaffSort)) value=sort
                            options=sort_options on_change=first_page/>
                        <label class="check">
                            <input type="checkbox" prop:checked=move || inactive.get()
                                on:change=move |ev| { page.set(1); inactive.set(event_target_checked(&ev)); }/>
                            {move || i18n.t(OrgText::StaffIncludeInactive)}
                        </label>
                    </fieldset>
                    {load_failure(schools)}
                </form>
                <Transition>
                    {loaded(list, move |p| {
                        {
                            let pages = p.total.div_ceil(u64::from(p.per_page)).max(1);
                            let current = p.page;
                            let at_first = current <= 1;
                            let at_last = u64::from(current) >= pages;
                            view! {
                                <p class="result-count" role="status" aria-live="polite">{i18n.count(OrgText::ResultsFound, p.total, &[&p.total])}</p>
                                <div class="table-scroll">
                                    <table class="staff-table">
                                        <thead><tr>
                                            <th scope="col">{i18n.t(K::Name)}</th>
                                            <th scope="col">{i18n.t(K::Email)}</th>
                                            <th scope="col">{i18n.t(OrgText::Schools)}</th>
                                            <th scope="col">{i18n.t(OrgText::Roles)}</th>
                                            <th scope="col">{i18n.t(OrgText::Status)}</th>
                                            <th scope="col"><span class="visually-hidden">{i18n.t(K::StaffEdit)}</span></th>
                                        </tr></thead>
                                        <tbody>{p.items.into_iter().map(row).collect_view()}</tbody>
                                    </table>
                                </div>
                                <nav class="pager" aria-label=i18n.t(OrgText::PageOf)>
                                    <button type="button" class="button button-secondary" disabled=at_first
                                        on:click=move |_| page.update(|n| *n = n.saturating_sub(1).max(1))>{i18n.t(K::PagePrevious)}</button>
                                    <span>{format!("{} {current} / {pages}", i18n.t(OrgText::PageOf))}</span>
                                    <button type="button" class="button button-secondary" disabled=at_last
                                        on:click=move |_| page.update(|n| *n += 1)>{i18n.t(K::PageNext)}</button>
                                </nav>
                            }
                        }
                    })}
                </Transition>
            </Allowed>
        </section>
    }
}

/// A labelled group of checkboxes over `options` (value, label).
#[component]
pub(crate) fn CheckGroup(
    legend: Signal<&'static str>,
    name: &'static str,
    options: Vec<(String, String)>,
    selected: RwSignal<Vec<String>>,
    errors: FieldErrors,
) -> impl IntoView {
    let error_id = format!("field-{name}-error");
    let described_by = error_id.clone();
    view! {
        <fieldset class="check-group" aria-describedby=described_by>
            <legend>{move || legend.get()}</legend>
            <div class="check-grid">
                {options.into_iter().map(|(value, label)| {
                    let v = value.clone();
                    let checked = move || selected.with(|s| s.contains(&v));
                    let value2 = value.clone();
                    view! {
                        <label class="check">
                            <input type="checkbox" prop:checked=checked on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                errors.clear(name);
                                selected.update(|s| {
                                    s.retain(|x| *x != value2);
                                    if on { s.push(value2.clone()); }
                                });
                            }/>
                            {label}
                        </label>
                    }
                }).collect_view()}
            </div>
            <p class="field-error" id=error_id aria-live="polite">{move || errors.get(name)}</p>
        </fieldset>
    }
}

/// The form to add a person or change one.
#[component]
fn StaffForm(
    member: Option<StaffMember>,
    schools: Vec<School>,
    subjects: Vec<SubjectItem>,
    done: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let lang = i18n.lang.get_untracked();
    let existing = member.clone();
    let m = member.unwrap_or(StaffMember {
        id: kollegium_shared::ids::PersonId(0),
        name: String::new(),
        email: String::new(),
        title: String::new(),
        schools: vec![],
        subjects: vec![],
        stages: vec![],
        roles: vec![Role::Larare],
        expertise: vec![],
        active: true,
        version: 0,
    });
    let name = RwSignal::new(m.name.clone());
    let email = RwSignal::new(m.email.clone());
    let title = RwSignal::new(m.title.clone());
    let expertise = RwSignal::new(m.expertise.join(", "));
    let school_sel = RwSignal::new(
        m.schools
            .iter()
            .map(|s| s.id.0.to_string())
            .collect::<Vec<_>>(),
    );
    let subject_sel = RwSignal::new(m.subjects.clone());
    let stage_sel = RwSignal::new(
        m.stages
            .iter()
            .map(|s| s.code().to_owned())
            .collect::<Vec<_>>(),
    );
    let role_sel = RwSignal::new(
        m.roles
            .iter()
            .map(|r| r.code().to_owned())
            .collect::<Vec<_>>(),
    );
    let errors = FieldErrors::default();
    let form_error = RwSignal::new(None::<String>);
    let (id, version, active) = (m.id, m.version, m.active);
    let is_new = existing.is_none();

    let collect = move || {
        let schools: Vec<SchoolId> = school_sel
            .get_untracked()
            .iter()
            .filter_map(|s| s.parse::<SchoolId>().ok())
            .collect();
        let stages: Vec<Stage> = stage_sel
            .get_untracked()
            .iter()
            .filter_map(|s| Stage::from_code(s))
            .collect();
        let roles: Vec<Role> = role_sel
            .get_untracked()
            .iter()
            .filter_map(|r| Role::from_code(r))
            .collect();
        let expertise: Vec<String> = expertise
            .get_untracked()
            .split(',')
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_owned)
            .collect();
        NewStaffMember {
            name: name.get_untracked(),
            email: email.get_untracked(),
            title: title.get_untracked(),
            school_ids: schools,
            subjects: subject_sel.get_untracked(),
            stages,
            roles,
            expertise,
        }
    };

    let save = Action::new_local(move |change: &Option<bool>| {
        let change = *change;
        let new = collect();
        async move {
            if is_new {
                api.create_staff(&new).await.map(|_| ())
            } else {
                let patch = match change {
                    Some(active) => StaffPatch {
                        active: Some(active),
                        version,
                        ..Default::default()
                    },
                    None => StaffPatch {
                        name: Some(new.name),
                        email: Some(new.email),
                        title: Some(new.title),
                        school_ids: Some(new.school_ids),
                        subjects: Some(new.subjects),
                        stages: Some(new.stages),
                        roles: Some(new.roles),
                        expertise: Some(new.expertise),
                        active: None,
                        version,
                    },
                };
                api.patch_staff(id, &patch).await.map(|_| ())
            }
        }
    });
    let reset = Action::new_local(move |_: &()| async move {
        api.reset_password(id)
            .await
            .map(|r| Some(r.one_time_password))
    });
    let person_name = m.name.clone();

    let show_error = move |e: ApiError| errors.show_api_error(&e, form_error);
    Effect::new(move |_| match save.value().get() {
        Some(Ok(_)) => done.run(()),
        Some(Err(e)) => show_error(e),
        None => {}
    });

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if errors.accept(&collect(), form_error) {
            save.dispatch(None);
        }
    };

    let school_options: Vec<(String, String)> = schools
        .iter()
        .filter(|s| s.active)
        .map(|s| (s.id.0.to_string(), s.name.clone()))
        .collect();
    let subject_options: Vec<(String, String)> = subjects
        .iter()
        .map(|s| {
            (
                s.code.clone(),
                if lang == kollegium_shared::i18n::Lang::En {
                    s.name_en.clone()
                } else {
                    s.name.clone()
                },
            )
        })
        .collect();
    let stage_options: Vec<(String, String)> = Stage::ALL
        .iter()
        .map(|s| (s.code().to_owned(), s.label(lang).to_owned()))
        .collect();
    let role_options: Vec<(String, String)> = Role::ALL
        .iter()
        .map(|r| (r.code().to_owned(), r.label(lang).to_owned()))
        .collect();
    let heading = if is_new {
        OrgText::StaffNewHeading
    } else {
        OrgText::StaffEditHeading
    };

    view! {
        <form class="card form staff-form" on:submit=on_submit novalidate=true aria-labelledby="staff-form-heading">
            <h2 id="staff-form-heading">{move || i18n.t(heading)}</h2>
            <ErrorText message=form_error/>
            <div class="form-columns">
                <TextField name="name" label=Signal::derive(move || i18n.t(K::Name)) value=name errors=errors required=true autocomplete="name"/>
                <TextField name="email" label=Signal::derive(move || i18n.t(K::Email)) value=email errors=errors kind="email" required=true autocomplete="email"/>
                <TextField name="title" label=Signal::derive(move || i18n.t(OrgText::Title)) value=title errors=errors/>
                <TextField name="expertise" label=Signal::derive(move || i18n.t(OrgText::Expertise)) value=expertise errors=errors/>
            </div>
            <CheckGroup legend=Signal::derive(move || i18n.t(OrgText::Roles)) name="roles" options=role_options selected=role_sel errors=errors/>
            <CheckGroup legend=Signal::derive(move || i18n.t(OrgText::Schools)) name="school_ids" options=school_options selected=school_sel errors=errors/>
            <CheckGroup legend=Signal::derive(move || i18n.t(K::Stages)) name="stages" options=stage_options selected=stage_sel errors=errors/>
            <CheckGroup legend=Signal::derive(move || i18n.t(K::Subjects)) name="subjects" options=subject_options selected=subject_sel errors=errors/>
            <div class="actions">
                <button type="submit" class="button button-primary" disabled=move || save.pending().get()>
                    {move || if save.pending().get() { i18n.t(K::Saving) } else { i18n.t(K::Save) }}
                </button>
                <button type="button" class="button button-secondary" on:click=move |_| done.run(())>{move || i18n.t(K::Cancel)}</button>
                {(!is_new).then(|| view! {
                    <button type="button" class="button button-secondary" on:click=move |_| { save.dispatch(Some(!active)); }>
                        {move || if active { i18n.t(OrgText::Deactivate) } else { i18n.t(OrgText::Activate) }}
                    </button>
                    {active.then(|| view! { <ResetPassword name=person_name.clone() reset=reset/> })}
                })}
            </div>
        </form>
    }
}

/// "Återställ lösenord": asks first (the person is signed out everywhere), then shows
/// the one-time password in the same dialog with a button that copies it. The browser's
/// modal dialog keeps the focus inside, closes with Escape and returns the focus to the
/// button that opened it.
#[component]
fn ResetPassword(
    name: String,
    reset: Action<(), Result<Option<String>, ApiError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    let copied = RwSignal::new(None::<String>);
    // Once the password shows, the focus moves to its copy button.
    let copy_button = NodeRef::<leptos::html::Button>::new();
    Effect::new(move |_| {
        if let Some(b) = copy_button.get() {
            let _ = b.focus();
        }
    });
    let open = move |_| {
        reset.value().set(None);
        copied.set(None);
        if let Some(d) = dialog.get_untracked() {
            let _ = d.show_modal();
        }
    };
    let close = move |_| {
        if let Some(d) = dialog.get_untracked() {
            d.close();
        }
    };
    let copy = move |pw: String| {
        leptos::task::spawn_local(async move {
            let done = wasm_bindgen_futures::JsFuture::from(
                window().navigator().clipboard().write_text(&pw),
            )
            .await;
            copied.set(Some(
                i18n.t(if done.is_ok() {
                    OrgText::PasswordCopied
                } else {
                    OrgText::PasswordNotCopied
                })
                .to_owned(),
            ));
        });
    };
    let confirm = i18n.fill(OrgText::ResetConfirm, &[&name]);
    let shown = i18n.fill(OrgText::OneTimePassword, &[&name]);
    view! {
        <button type="button" class="button button-secondary" aria-haspopup="dialog" on:click=open>
            {move || i18n.t(OrgText::ResetPassword)}
        </button>
        <dialog class="card password-dialog" node_ref=dialog aria-labelledby="password-dialog-heading">
            <h2 id="password-dialog-heading">{move || i18n.t(OrgText::ResetPassword)}</h2>
            {move || match reset.value().get() {
                Some(Ok(Some(pw))) => {
                    let to_copy = pw.clone();
                    view! {
                        <p>{shown.clone()}</p>
                        <p class="one-time-password"><code>{pw}</code></p>
                        <p class="form-success" role="status">{move || copied.get()}</p>
                        <div class="actions">
                            <button type="button" class="button button-primary" node_ref=copy_button on:click=move |_| copy(to_copy.clone())>{i18n.t(OrgText::CopyPassword)}</button>
                            <button type="button" class="button button-secondary" on:click=close>{i18n.t(OrgText::Close)}</button>
                        </div>
                    }.into_any()
                }
                result => {
                    let error = match result {
                        Some(Err(e)) => Some(e.message(i18n)),
                        _ => None,
                    };
                    view! {
                        <p>{confirm.clone()}</p>
                        <p class="form-error" role="alert">{error}</p>
                        <div class="actions">
                            <button type="button" class="button button-primary" disabled=move || reset.pending().get()
                                on:click=move |_| { reset.dispatch(()); }>{i18n.t(OrgText::ResetDo)}</button>
                            <button type="button" class="button button-secondary" autofocus=true on:click=close>{i18n.t(K::Cancel)}</button>
                        </div>
                    }.into_any()
                }
            }}
        </dialog>
    }
}
