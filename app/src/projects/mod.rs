//! `/projekt`: the municipality's projects, and starting one; `/projekt/{id}`: one
//! project with its aim, focus areas, Agenda 2030 goals, schools, partners, process
//! log (written and searched here, entries cleared for publishing by the process
//! leader) and its public page's switch; `/visa/{key}`: the public page itself, which
//! needs no sign-in.

mod milestones;
mod text;

use kollegium_shared::i18n::Lang;
use kollegium_shared::ids::ProjectId;
use kollegium_shared::projects::access::may_create_project;
use kollegium_shared::projects::{
    ClearanceInput, FileClearanceInput, LogEntry, LogEntryInput, LogFile, Partner, Project,
    ProjectInput, ProjectPage, PublicFile, PublicProject, entry_matches, global_goal,
    report_markdown,
};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};

use crate::api::use_api;
use crate::components::{
    ErrorText, FieldErrors, ItemPicker, StatusText, TextArea, TextField, check_list as checks,
    loaded, use_id_param,
};
use crate::format::date_text as day;
use crate::i18n::{I18n, K, use_i18n, use_title};
use crate::session::use_session;
use text::P;

/// The focus areas and goals as tags.
fn tags(areas: &[String], goals: &[u8], lang: Lang) -> impl IntoView {
    let goals: Vec<String> = goals.iter().map(|g| global_goal(*g, lang)).collect();
    view! {
        <ul class="tags">
            {areas.iter().map(|a| view! { <li class="tag">{a.clone()}</li> }).collect_view()}
            {goals.into_iter().map(|g| view! { <li class="tag tag-goal">{g}</li> }).collect_view()}
        </ul>
    }
}

#[component]
pub fn ProjectsPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let session = use_session();
    use_title(P::Title);
    let list = LocalResource::new(move || async move { api.projects().await });
    let lang = move || i18n.lang.get();
    view! {
        <section class="page projects-page">
            <h1>{move || i18n.t(P::Title)}</h1>
            <p class="lead">{move || i18n.t(P::Intro)}</p>
            <Show when=move || session.may(may_create_project)>
                <NewProject/>
            </Show>
            <Transition>
                {loaded(list, move |projects| {
                    if projects.is_empty() {
                        return view! { <p class="muted">{i18n.t(P::None)}</p> }.into_any();
                    }
                    view! {
                        <ul class="project-list">
                            {projects.into_iter().map(|p| {
                                let schools = p.schools.iter().map(|s| s.name.clone()).collect::<Vec<_>>().join(", ");
                                let stages = p.stages.iter().map(|s| s.label(lang())).collect::<Vec<_>>().join(", ");
                                view! {
                                    <li class="card project-card">
                                        <h2><A href=format!("/projekt/{}", p.id)>{p.name.clone()}</A></h2>
                                        <p>{p.aim.clone()}</p>
                                        <p class="muted">{i18n.fill(P::LedBy, &[&p.leader.name])}</p>
                                        <p class="muted">{schools}{(!stages.is_empty()).then(|| format!(" · {stages}"))}</p>
                                        <p class="muted">
                                            {i18n.count(P::Entries, p.entries, &[&p.entries])}
                                            {p.showcase.then(|| view! { " · "<span class="badge">{i18n.t(P::Public)}</span> })}
                                        </p>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }
                    .into_any()
                })}
            </Transition>
        </section>
    }
}

/// Starting a project: its name and aim; the rest is filled in on its page.
#[component]
fn NewProject() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let navigate = use_navigate();
    let name = RwSignal::new(String::new());
    let aim = RwSignal::new(String::new());
    let errors = FieldErrors::default();
    let form_error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let input = ProjectInput {
            name: name.get_untracked(),
            aim: aim.get_untracked(),
            ..ProjectInput::default()
        };
        if !errors.accept(&input, form_error) {
            return;
        }
        busy.set(true);
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            match api.create_project(&input).await {
                Ok(page) => navigate(&format!("/projekt/{}", page.project.id), Default::default()),
                Err(e) => {
                    busy.set(false);
                    errors.show_api_error_in(&e, form_error, i18n);
                }
            }
        });
    };
    view! {
        <details class="card new-project">
            <summary><h2>{move || i18n.t(P::New)}</h2></summary>
            <form on:submit=submit novalidate>
                <TextField name="name" label=move || i18n.t(P::Name) value=name errors=errors required=true/>
                <TextArea name="aim" label=move || i18n.t(P::Aim) value=aim errors=errors rows=3/>
                <ErrorText message=form_error/>
                <button type="submit" class="button button-primary" disabled=move || busy.get()>{move || i18n.t(P::Create)}</button>
            </form>
        </details>
    }
}

#[component]
pub fn ProjectPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    use_title(P::Title);
    let id = use_id_param::<ProjectId>();
    let page = LocalResource::new(move || {
        let id = id();
        async move { api.project(id).await }
    });
    view! {
        <section class="page project-page">
            <p class="breadcrumb"><A href="/projekt">{move || i18n.t(P::Title)}</A></p>
            <Transition>
                {loaded(page, |p| view! { <ProjectView page=p/> })}
            </Transition>
        </section>
    }
}

#[component]
fn ProjectView(page: ProjectPage) -> impl IntoView {
    let i18n = use_i18n();
    let project = RwSignal::new(page.project);
    let log = RwSignal::new(page.log);
    let milestones = RwSignal::new(page.milestones);
    let meetings = page.meetings;
    let reads_log = project.with_untracked(|p| p.may_edit || p.may_write_log)
        || !log.with_untracked(Vec::is_empty);
    let none = move || view! { <p class="muted">{i18n.t(P::NoneChosen)}</p> };
    // The report: the description, the partners, the milestones and the log as the
    // reader may read them.
    let export = move |_| {
        let text = report_markdown(
            &project.get_untracked(),
            &milestones.get_untracked(),
            &log.get_untracked(),
            i18n.lang.get_untracked(),
        );
        let name = format!("{}.md", project.with_untracked(|p| p.showcase.key.clone()));
        let _ = crate::components::save_file(text.as_bytes(), "text/markdown", &name);
    };
    // The same report as an accessible PDF, written by the server.
    let api = use_api();
    let pdf_error = RwSignal::new(None::<String>);
    let save_pdf = move |_| {
        let (id, key) = project.with_untracked(|p| (p.id, p.showcase.key.clone()));
        pdf_error.set(None);
        leptos::task::spawn_local(async move {
            match api.get_bytes(&format!("/projects/{id}/report.pdf")).await {
                Ok(bytes) => {
                    let _ = crate::components::save_file(
                        &bytes,
                        "application/pdf",
                        &format!("{key}.pdf"),
                    );
                }
                Err(e) => pdf_error.set(Some(e.message(i18n))),
            }
        });
    };
    view! {
        <h1>{move || project.with(|p| p.name.clone())}</h1>
        <p class="lead">{move || project.with(|p| i18n.fill(P::LedBy, &[&p.leader.name]))}</p>
        <div class="actions no-print">
            <button type="button" class="button button-secondary" on:click=move |_| { let _ = window().print(); }>{i18n.t(P::Print)}</button>
            <button type="button" class="button button-secondary" on:click=save_pdf>{i18n.t(P::ExportPdf)}</button>
            <button type="button" class="button button-secondary" on:click=export>{i18n.t(P::Export)}</button>
        </div>
        <ErrorText message=pdf_error/>
        <div class="project-parts">
            <div class="project-main">
                <section class="card" aria-labelledby="project-aim-heading">
                    <h2 id="project-aim-heading">{i18n.t(P::AimHeading)}</h2>
                    {move || {
                        let p = project.get();
                        view! {
                            <h3>{i18n.t(P::Aim)}</h3>
                            {if p.aim.is_empty() { none().into_any() } else { view! { <p class="prose">{p.aim}</p> }.into_any() }}
                            {(!p.vision.is_empty()).then(|| view! { <h3>{i18n.t(P::Vision)}</h3><p class="prose">{p.vision}</p> })}
                        }
                    }}
                    <Show when=move || project.with(|p| p.may_edit)>
                        <ProjectEditor project=project/>
                    </Show>
                </section>
                <milestones::MilestonesSection project=project milestones=milestones reads=reads_log/>
                <LogSection project=project log=log reads=reads_log/>
            </div>
            <div class="project-side">
                <section class="card" aria-labelledby="project-focus-heading">
                    <h2 id="project-focus-heading">{i18n.t(P::Focus)}</h2>
                    {move || {
                        let p = project.get();
                        let lang = i18n.lang.get();
                        let schools = p.schools.iter().map(|s| s.name.clone()).collect::<Vec<_>>().join(", ");
                        let stages = p.stages.iter().map(|s| s.label(lang)).collect::<Vec<_>>().join(", ");
                        let goals: Vec<String> = p.global_goals.iter().map(|g| global_goal(*g, lang)).collect();
                        view! {
                            <ul>{p.focus_areas.iter().map(|a| view! { <li>{a.clone()}</li> }).collect_view()}</ul>
                            <h3>{i18n.t(P::Goals)}</h3>
                            {if goals.is_empty() { none().into_any() } else {
                                view! { <ul>{goals.into_iter().map(|g| view! { <li>{g}</li> }).collect_view()}</ul> }.into_any()
                            }}
                            <h3>{i18n.t(P::Schools)}</h3>
                            {if schools.is_empty() { none().into_any() } else { view! { <p>{schools}</p> }.into_any() }}
                            {(!stages.is_empty()).then(|| view! { <p class="muted">{stages}</p> })}
                            <h3>{i18n.t(P::Group)}</h3>
                            {match p.group {
                                Some(g) => view! { <p><A href=format!("/grupper/{}", g.id)>{g.name}</A></p> }.into_any(),
                                None => view! { <p class="muted">{i18n.t(P::NoGroup)}</p> }.into_any(),
                            }}
                        }
                    }}
                </section>
                <section class="card" aria-labelledby="project-meetings-heading">
                    <h2 id="project-meetings-heading">{i18n.t(P::Meetings)}</h2>
                    <p class="muted">{i18n.t(P::MeetingsSentence)}</p>
                    {if meetings.is_empty() {
                        view! { <p class="muted">{i18n.t(P::NoMeetings)}</p> }.into_any()
                    } else {
                        let lang = i18n.lang.get_untracked();
                        view! {
                            <ul class="project-meetings">
                                {meetings.into_iter().map(|m| {
                                    let when = match &m.start_time {
                                        Some(t) => format!("{} {t}", day(&m.starts_on, lang)),
                                        None => day(&m.starts_on, lang),
                                    };
                                    view! {
                                        <li>
                                            <A href=format!("/traffar/{}", m.id)>{when}</A>
                                            {(!m.place.is_empty()).then(|| view! { <p class="muted">{m.place.clone()}</p> })}
                                            {(!m.question.is_empty()).then(|| view! { <p>{m.question.clone()}</p> })}
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        }
                        .into_any()
                    }}
                </section>
                <PartnersSection project=project/>
                <Show when=move || project.with(|p| p.may_edit)>
                    <ShowcaseSection project=project/>
                </Show>
            </div>
        </div>
    }
}

/// Changing the project's description: name, aim, vision, focus areas, Agenda 2030
/// goals, stages, schools and project group.
#[component]
fn ProjectEditor(project: RwSignal<Project>) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let lang = i18n.lang.get_untracked();
    let reference = crate::reference::use_reference();
    let p = project.get_untracked();
    let name = RwSignal::new(p.name.clone());
    let aim = RwSignal::new(p.aim.clone());
    let vision = RwSignal::new(p.vision.clone());
    let focus = RwSignal::new(p.focus_areas.join("\n"));
    let goals = RwSignal::new(p.global_goals.clone());
    let stages = RwSignal::new(p.stages.clone());
    let schools = RwSignal::new(p.schools.iter().map(|s| s.id).collect::<Vec<_>>());
    let group = RwSignal::new(
        p.group
            .as_ref()
            .map(|g| g.id.to_string())
            .unwrap_or_default(),
    );
    let current_group = p.group.clone();
    let groups = LocalResource::new(move || async move { api.my_groups().await });
    let group_options = Signal::derive(move || {
        let mut out: Vec<(String, String)> = groups
            .get()
            .and_then(Result::ok)
            .map(|g| g.groups)
            .unwrap_or_default()
            .into_iter()
            .filter(|g| g.kind == kollegium_shared::groups::GroupKind::Projektgrupp)
            .map(|g| (g.id.to_string(), g.name))
            .collect();
        if let Some(g) = &current_group
            && !out.iter().any(|(id, _)| *id == g.id.to_string())
        {
            out.insert(0, (g.id.to_string(), g.name.clone()));
        }
        out
    });
    let form = ProjectForm::new();
    let (errors, form_error, status) = (form.errors, form.error, form.status);
    let details = NodeRef::<leptos::html::Details>::new();
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut input = project.with_untracked(|p: &Project| ProjectInput::from(p));
        input.name = name.get_untracked();
        input.aim = aim.get_untracked();
        input.vision = vision.get_untracked();
        input.focus_areas = Some(
            focus
                .get_untracked()
                .lines()
                .map(|l| l.trim().to_owned())
                .filter(|l| !l.is_empty())
                .collect(),
        );
        input.global_goals = goals.get_untracked();
        input.stages = stages.get_untracked();
        input.schools = schools.get_untracked();
        input.group = group.get_untracked().parse().ok();
        form.save(project, input, i18n, move || {
            if let Some(d) = details.get_untracked() {
                d.set_open(false);
            }
        });
    };
    let goal_choices: Vec<(u8, String)> = (1..=17).map(|g| (g, global_goal(g, lang))).collect();
    let stage_choices: Vec<(kollegium_shared::org::Stage, String)> =
        kollegium_shared::org::Stage::ALL
            .iter()
            .map(|s| (*s, s.label(lang).to_owned()))
            .collect();
    view! {
        <details class="project-edit no-print" node_ref=details>
            <summary>{i18n.t(P::Edit)}</summary>
            <form on:submit=save novalidate>
                <TextField name="name" label=move || i18n.t(P::Name) value=name errors=errors required=true/>
                <TextArea name="aim" label=move || i18n.t(P::Aim) value=aim errors=errors rows=3/>
                <TextArea name="vision" label=move || i18n.t(P::Vision) value=vision errors=errors rows=3/>
                <TextArea name="focus_areas" label=move || i18n.t(P::FocusLines) value=focus errors=errors rows=4/>
                {checks(i18n.t(P::Goals), "global_goals", goal_choices, goals, errors)}
                {checks(i18n.t(P::Stages), "stages", stage_choices, stages, errors)}
                {move || {
                    let choices: Vec<(kollegium_shared::ids::SchoolId, String)> = reference
                        .schools()
                        .get()
                        .and_then(Result::ok)
                        .unwrap_or_default()
                        .into_iter()
                        .filter(|s| s.active)
                        .map(|s| (s.id, s.name))
                        .collect();
                    checks(i18n.t(P::SchoolsLegend), "schools", choices, schools, errors)
                }}
                <crate::components::SelectField id="group" label=move || i18n.t(P::Group) value=group
                    options=group_options all=move || i18n.t(P::NoGroupOption) errors=errors/>
                <ErrorText message=form_error/>
                <button type="submit" class="button button-primary">{i18n.t(P::SaveProject)}</button>
            </form>
        </details>
        <StatusText message=status/>
    }
}

/// A form that changes the project: its fields' errors, its own error and its status.
#[derive(Debug, Clone, Copy)]
struct ProjectForm {
    errors: FieldErrors,
    error: RwSignal<Option<String>>,
    status: RwSignal<Option<String>>,
}

impl ProjectForm {
    fn new() -> ProjectForm {
        ProjectForm {
            errors: FieldErrors::default(),
            error: RwSignal::new(None),
            status: RwSignal::new(None),
        }
    }

    /// Checks `input` with the shared rules and saves it as the project's new state; the
    /// answer replaces it and `done` runs. False when a rule refused it (nothing sent).
    fn save(
        self,
        project: RwSignal<Project>,
        input: ProjectInput,
        i18n: I18n,
        done: impl Fn() + 'static,
    ) -> bool {
        let ProjectForm {
            errors,
            error,
            status,
        } = self;
        if !errors.accept(&input, error) {
            return false;
        }
        let api = use_api();
        let id = project.with_untracked(|p| p.id);
        leptos::task::spawn_local(async move {
            match api.update_project(id, &input).await {
                Ok(saved) => {
                    project.set(saved);
                    status.set(Some(i18n.t(P::Saved).to_owned()));
                    done();
                }
                Err(e) => {
                    status.set(None);
                    errors.show_api_error_in(&e, error, i18n);
                }
            }
        });
        true
    }
}

#[component]
fn PartnersSection(project: RwSignal<Project>) -> impl IntoView {
    let i18n = use_i18n();
    let name = RwSignal::new(String::new());
    let contact = RwSignal::new(String::new());
    let contributes = RwSignal::new(String::new());
    let form = ProjectForm::new();
    let (errors, form_error, status) = (form.errors, form.error, form.status);
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut input = project.with_untracked(|p: &Project| ProjectInput::from(p));
        input.partners.push(Partner {
            name: name.get_untracked(),
            contact: contact.get_untracked(),
            contributes: contributes.get_untracked(),
        });
        let sent = form.save(project, input, i18n, move || {
            name.set(String::new());
            contact.set(String::new());
            contributes.set(String::new());
        });
        // The partner's own fields name the problem better than the list.
        if !sent && errors.get("partners").is_some() {
            errors.clear("partners");
            errors.set("partner_name", i18n.t(K::FormHasErrors).to_owned());
        }
    };
    view! {
        <section class="card" aria-labelledby="project-partners-heading">
            <h2 id="project-partners-heading">{i18n.t(P::Partners)}</h2>
            <p class="muted">{i18n.t(P::PartnersSentence)}</p>
            {move || {
                let partners = project.with(|p| p.partners.clone());
                if partners.is_empty() {
                    return view! { <p class="muted">{i18n.t(P::PartnersNone)}</p> }.into_any();
                }
                view! {
                    <ul class="partners">
                        {partners.into_iter().map(|p| view! {
                            <li>
                                <strong>{p.name}</strong>
                                {(!p.contributes.is_empty()).then(|| view! { <p>{p.contributes}</p> })}
                                {(!p.contact.is_empty()).then(|| view! { <p class="muted">{i18n.t(P::PartnerContact)}": "{p.contact}</p> })}
                            </li>
                        }).collect_view()}
                    </ul>
                }
                .into_any()
            }}
            <Show when=move || project.with(|p| p.may_edit)>
                <form class="partner-form no-print" on:submit=add novalidate>
                    <h3>{i18n.t(P::NewPartner)}</h3>
                    <TextField name="partner_name" label=move || i18n.t(P::PartnerName) value=name errors=errors required=true/>
                    <TextField name="partner_contact" label=move || i18n.t(P::PartnerContact) value=contact errors=errors/>
                    <TextArea name="partner_contributes" label=move || i18n.t(P::PartnerContributes) value=contributes errors=errors rows=2/>
                    <ErrorText message=form_error/>
                    <StatusText message=status/>
                    <button type="submit" class="button button-secondary">{i18n.t(P::AddPartner)}</button>
                </form>
            </Show>
        </section>
    }
}

#[component]
fn ShowcaseSection(project: RwSignal<Project>) -> impl IntoView {
    let i18n = use_i18n();
    let on = RwSignal::new(project.with_untracked(|p| p.showcase.enabled));
    let summary = RwSignal::new(project.with_untracked(|p| p.showcase.summary.clone()));
    let form = ProjectForm::new();
    let (errors, form_error, status) = (form.errors, form.error, form.status);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut input = project.with_untracked(|p: &Project| ProjectInput::from(p));
        input.showcase_enabled = on.get_untracked();
        input.showcase_summary = summary.get_untracked();
        form.save(project, input, i18n, || {});
    };
    let address = move || project.with(|p| format!("/visa/{}", p.showcase.key));
    view! {
        <section class="card no-print" aria-labelledby="project-showcase-heading">
            <h2 id="project-showcase-heading">{i18n.t(P::Showcase)}</h2>
            <p class="hint">{i18n.t(P::ShowcaseHint)}</p>
            <form on:submit=save novalidate>
                <label class="check">
                    <input type="checkbox" prop:checked=move || on.get() on:change=move |ev| on.set(event_target_checked(&ev))/>
                    {i18n.t(P::ShowcaseOn)}
                </label>
                <TextArea name="showcase_summary" label=move || i18n.t(P::Summary) value=summary errors=errors rows=4/>
                <ErrorText message=form_error/>
                <StatusText message=status/>
                <button type="submit" class="button button-secondary">{i18n.t(P::SaveShowcase)}</button>
            </form>
            {move || if project.with(|p| p.showcase.enabled) {
                view! {
                    <p><a href=address rel="external" target="_blank">{i18n.t(P::OpenShowcase)}</a></p>
                    <p class="muted">{move || i18n.fill(P::ShowcaseAddress, &[&address()])}</p>
                }
                .into_any()
            } else {
                view! { <p class="muted">{i18n.t(P::ShowcaseOff)}</p> }.into_any()
            }}
        </section>
    }
}

#[component]
fn LogSection(
    project: RwSignal<Project>,
    log: RwSignal<Vec<LogEntry>>,
    reads: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let query = RwSignal::new(String::new());
    let shown = Memo::new(move |_| {
        let q = query.get();
        log.with(|l| {
            l.iter()
                .filter(|e| entry_matches(e, &q))
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    view! {
        <section class="card" aria-labelledby="project-log-heading">
            <h2 id="project-log-heading">{i18n.t(P::Log)}</h2>
            {if !reads {
                view! { <p class="muted">{i18n.t(P::LogClosed)}</p> }.into_any()
            } else {
                view! {
                    <p class="muted">{i18n.t(P::LogIntro)}</p>
                    <Show when=move || project.with(|p| p.may_write_log)>
                        <WriteEntry project=project log=log/>
                    </Show>
                    <Show when=move || project.with(|p| p.may_edit)>
                        <p class="hint" id="clear-hint">{i18n.t(P::ClearHint)}</p>
                    </Show>
                    <div class="field no-print">
                        <label for="log-search">{i18n.t(P::Search)}</label>
                        <input id="log-search" type="search" autocomplete="off"
                            prop:value=move || query.get()
                            on:input=move |ev| query.set(event_target_value(&ev))/>
                    </div>
                    <p class="muted" role="status">{move || {
                        let n = shown.with(Vec::len);
                        (!query.with(String::is_empty)).then(|| i18n.count(P::Found, n, &[&n]))
                    }}</p>
                    <ol class="log-entries">
                        <For each=move || shown.get() key=|e| (e.id, e.version) let:entry>
                            <LogEntryView project=project log=log entry=entry/>
                        </For>
                    </ol>
                }
                .into_any()
            }}
        </section>
    }
}

/// Puts `saved` in place of the entry it is in `log`.
fn replace_entry(log: RwSignal<Vec<LogEntry>>, saved: LogEntry) {
    log.update(|l| {
        if let Some(e) = l.iter_mut().find(|e| e.id == saved.id) {
            *e = saved;
        }
    });
}

#[component]
fn LogEntryView(
    project: RwSignal<Project>,
    log: RwSignal<Vec<LogEntry>>,
    entry: LogEntry,
) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let session = use_session();
    let lang = i18n.lang.get_untracked();
    let error = RwSignal::new(None::<String>);
    let (id, version, cleared) = (entry.id, entry.version, entry.cleared);
    let me = session.me.with_untracked(|m| m.as_ref().map(|m| m.id));
    let (edits, writes) = project.with_untracked(|p| (p.may_edit, p.may_write_log));
    // Its author in the project, or one who edits the project, adds and removes files.
    let changes = edits || (writes && me == Some(entry.author.id));
    let clear = move |on: bool| {
        let project_id = project.with_untracked(|p| p.id);
        leptos::task::spawn_local(async move {
            match api
                .set_clearance(
                    project_id,
                    id,
                    &ClearanceInput {
                        cleared: on,
                        version,
                    },
                )
                .await
            {
                Ok(saved) => replace_entry(log, saved),
                Err(e) => error.set(Some(e.message(i18n))),
            }
        });
    };
    let files = entry.files.clone();
    let has_files = !files.is_empty();
    let items = entry.items.clone();
    view! {
        <li class="log-entry" class:log-cleared=cleared>
            <p class="log-meta">
                <strong>{day(&entry.date, lang)}</strong>" · "{entry.author.name.clone()}
                " · "<span class=if cleared { "badge badge-ok" } else { "badge" }>{i18n.t(if cleared { P::Cleared } else { P::NotCleared })}</span>
            </p>
            <p class="log-text">{entry.text.clone()}</p>
            {tags(&entry.focus_areas, &entry.global_goals, lang)}
            {(!items.is_empty()).then(|| view! {
                <p class="log-items">
                    <span class="muted">{i18n.t(P::FromLibrary)}" "</span>
                    {items.into_iter().enumerate().map(|(n, item)| view! {
                        {(n > 0).then_some(" · ")}
                        <A href=format!("/bibliotek/{}", item.id)>{item.title.clone()}</A>
                    }).collect_view()}
                </p>
            })}
            {has_files.then(|| view! {
                <ul class="log-files" aria-label=i18n.t(P::Files)>
                    {files.into_iter().map(|f| view! {
                        <LogFileView project=project log=log entry=id version=version file=f changes=changes/>
                    }).collect_view()}
                </ul>
            })}
            {changes.then(|| view! { <AddFile project=project log=log entry=id/> })}
            <Show when=move || project.with(|p| p.may_edit)>
                <label class="check">
                    <input type="checkbox" prop:checked=cleared aria-describedby="clear-hint"
                        on:change=move |ev| clear(event_target_checked(&ev))/>
                    {i18n.t(P::Clear)}
                </label>
            </Show>
            <ErrorText message=error/>
        </li>
    }
}

/// A photo (shown) or another file (a link) of an entry; the process leader marks it
/// as fit for the public page, and whoever changes the entry may remove it.
#[component]
fn LogFileView(
    project: RwSignal<Project>,
    log: RwSignal<Vec<LogEntry>>,
    entry: kollegium_shared::ids::LogEntryId,
    version: i64,
    file: LogFile,
    changes: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let error = RwSignal::new(None::<String>);
    let (project_id, edits) = project.with_untracked(|p| (p.id, p.may_edit));
    let file_id = file.id;
    let reload = move || {
        leptos::task::spawn_local(async move {
            if let Ok(page) = api.project(project_id).await {
                log.set(page.log);
            }
        });
    };
    let mark = move |on: bool| {
        leptos::task::spawn_local(async move {
            let input = FileClearanceInput {
                cleared: on,
                version,
            };
            match api
                .set_file_clearance(project_id, entry, file_id, &input)
                .await
            {
                Ok(saved) => replace_entry(log, saved),
                Err(e) => error.set(Some(e.message(i18n))),
            }
        });
    };
    let remove = move |_| {
        leptos::task::spawn_local(async move {
            match api.delete_log_file(project_id, entry, file_id).await {
                Ok(()) => reload(),
                Err(e) => error.set(Some(e.message(i18n))),
            }
        });
    };
    let hint = format!("file-hint-{}", file.id);
    let shown = if file.is_image() {
        view! {
            <figure class="log-photo">
                <img src=file.url.clone() alt=file.name.clone() loading="lazy" width="240" height="180"/>
                <figcaption>{file.name.clone()}</figcaption>
            </figure>
        }
        .into_any()
    } else {
        view! { <a href=file.url.clone() class="log-file-link">{file.name.clone()}</a> }.into_any()
    };
    let name = file.name.clone();
    view! {
        <li class="log-file" class:log-file-public=file.cleared>
            {shown}
            {(file.cleared && !edits).then(|| view! { <span class="badge badge-ok">{i18n.t(P::FilePublic)}</span> })}
            {edits.then(|| view! {
                <label class="check">
                    <input type="checkbox" prop:checked=file.cleared aria-describedby=hint.clone()
                        aria-label=format!("{}: {name}", i18n.t(P::FileClear))
                        on:change=move |ev| mark(event_target_checked(&ev))/>
                    {i18n.t(P::FileClear)}
                </label>
                <p class="hint" id=hint>{i18n.t(P::FileClearHint)}</p>
            })}
            {changes.then(|| view! {
                <button type="button" class="button button-secondary button-small" on:click=remove
                    aria-label=format!("{}: {}", i18n.t(K::Remove), file.name)>
                    {i18n.t(K::Remove)}
                </button>
            })}
            <ErrorText message=error/>
        </li>
    }
}

/// Adding a photo or file to an entry.
#[component]
fn AddFile(
    project: RwSignal<Project>,
    log: RwSignal<Vec<LogEntry>>,
    entry: kollegium_shared::ids::LogEntryId,
) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let file_ref = NodeRef::<leptos::html::Input>::new();
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let input_id = format!("log-file-{entry}");
    let add = move |_| {
        let Some(input) = file_ref.get_untracked() else {
            return;
        };
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            error.set(Some(i18n.t(K::ImportChooseFile).to_owned()));
            return;
        };
        let project_id = project.with_untracked(|p| p.id);
        busy.set(true);
        error.set(None);
        leptos::task::spawn_local(async move {
            match api.upload_log_file(project_id, entry, &file).await {
                // The entry's version moved with the upload: read it again.
                Ok(_) => {
                    if let Ok(page) = api.project(project_id).await {
                        log.set(page.log);
                    }
                }
                Err(e) => error.set(Some(e.message(i18n))),
            }
            busy.set(false);
        });
    };
    view! {
        <details class="log-add-file no-print">
            <summary>{i18n.t(P::AddFile)}</summary>
            <div class="log-add-file-row">
                <div class="field">
                    <label for=input_id.clone()>{i18n.t(P::ChooseFile)}</label>
                    <input id=input_id type="file" node_ref=file_ref accept=ACCEPTED/>
                </div>
                <button type="button" class="button button-secondary" disabled=move || busy.get() on:click=add>
                    {move || i18n.t(if busy.get() { P::Uploading } else { P::Upload })}
                </button>
            </div>
            <ErrorText message=error/>
        </details>
    }
}

/// The files a log entry takes, as the file chooser offers them (the server tells
/// them by content).
const ACCEPTED: &str =
    "image/png,image/jpeg,image/gif,image/webp,.pdf,.docx,.xlsx,.pptx,.odt,.ods,.odp,.mp4,.webm";

#[component]
fn WriteEntry(project: RwSignal<Project>, log: RwSignal<Vec<LogEntry>>) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let lang = i18n.lang.get_untracked();
    let date = RwSignal::new(crate::format::today());
    let text = RwSignal::new(String::new());
    let areas = RwSignal::new(Vec::<String>::new());
    let goals = RwSignal::new(Vec::<u8>::new());
    let items = RwSignal::new(Vec::<kollegium_shared::library::ItemRef>::new());
    let photo_ref = NodeRef::<leptos::html::Input>::new();
    let errors = FieldErrors::default();
    let form_error = RwSignal::new(None::<String>);
    let status = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let input = LogEntryInput {
            date: Some(date.get_untracked()).filter(|d| !d.is_empty()),
            text: text.get_untracked(),
            focus_areas: areas.get_untracked(),
            global_goals: goals.get_untracked(),
            items: items.with_untracked(|l| l.iter().map(|i| i.id).collect()),
            version: None,
        };
        let photo = photo_ref
            .get_untracked()
            .and_then(|el| el.files())
            .and_then(|f| f.get(0));
        status.set(None);
        if !errors.accept(&input, form_error) {
            return;
        }
        busy.set(true);
        let id = project.with_untracked(|p| p.id);
        leptos::task::spawn_local(async move {
            match api.add_log_entry(id, &input).await {
                Ok(mut entry) => {
                    // The photo goes with the entry once it is saved; if it is refused,
                    // the entry stands and says why.
                    let mut posted = i18n.t(P::Posted).to_owned();
                    if let Some(photo) = photo {
                        match api.upload_log_file(id, entry.id, &photo).await {
                            Ok(_) => {
                                if let Ok(page) = api.project(id).await
                                    && let Some(e) = page.log.into_iter().find(|e| e.id == entry.id)
                                {
                                    entry = e;
                                }
                            }
                            Err(e) => {
                                posted = format!("{posted} {}", e.message(i18n));
                            }
                        }
                    }
                    log.update(|l| {
                        l.push(entry);
                        l.sort_by(|a, b| b.date.cmp(&a.date).then(b.id.cmp(&a.id)));
                    });
                    text.set(String::new());
                    areas.set(Vec::new());
                    goals.set(Vec::new());
                    items.set(Vec::new());
                    if let Some(el) = photo_ref.get_untracked() {
                        el.set_value("");
                    }
                    status.set(Some(posted));
                }
                Err(e) => errors.show_api_error_in(&e, form_error, i18n),
            }
            busy.set(false);
        });
    };
    let (project_areas, project_goals) =
        project.with_untracked(|p| (p.focus_areas.clone(), p.global_goals.clone()));
    view! {
        <form class="log-form no-print" on:submit=submit novalidate>
            <h3>{i18n.t(P::Write)}</h3>
            <div class="field">
                <label for="field-date">{i18n.t(P::Date)}</label>
                <input id="field-date" type="date" prop:value=move || date.get() on:input=move |ev| date.set(event_target_value(&ev))/>
                <p class="field-error" role="alert">{move || errors.get("date")}</p>
            </div>
            <TextArea name="text" label=move || i18n.t(P::Text) value=text errors=errors rows=4/>
            <fieldset class="checks">
                <legend>{i18n.t(P::Tags)}</legend>
                {project_areas.into_iter().map(|a| {
                    let value = a.clone();
                    let has = a.clone();
                    view! {
                        <label class="check">
                            <input type="checkbox" prop:checked=move || areas.with(|l| l.contains(&has))
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    let value = value.clone();
                                    areas.update(|l| if on { l.push(value) } else { l.retain(|x| *x != value) });
                                }/>
                            {a}
                        </label>
                    }
                }).collect_view()}
            </fieldset>
            <fieldset class="checks">
                <legend>{i18n.t(P::GoalTags)}</legend>
                {project_goals.into_iter().map(|g| {
                    view! {
                        <label class="check">
                            <input type="checkbox" prop:checked=move || goals.with(|l| l.contains(&g))
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    goals.update(|l| if on { l.push(g) } else { l.retain(|x| *x != g) });
                                }/>
                            {global_goal(g, lang)}
                        </label>
                    }
                }).collect_view()}
            </fieldset>
            <ItemPicker items=items id="entry-items" field="items" errors=errors/>
            <div class="field">
                <label for="entry-photo">{i18n.t(P::Photo)}</label>
                <p class="field-hint" id="entry-photo-hint">{i18n.t(P::PhotoHint)}</p>
                <input id="entry-photo" type="file" accept=ACCEPTED aria-describedby="entry-photo-hint" node_ref=photo_ref/>
            </div>
            <ErrorText message=form_error/>
            <StatusText message=status/>
            <button type="submit" class="button button-primary" disabled=move || busy.get()>{i18n.t(P::Post)}</button>
        </form>
    }
}

/// A photo or file on the public page.
fn public_file(f: &PublicFile) -> impl IntoView + use<> {
    let shown = if f.is_image() {
        view! {
            <figure class="log-photo">
                <img src=f.url.clone() alt=f.name.clone() loading="lazy" width="240" height="180"/>
            </figure>
        }
        .into_any()
    } else {
        view! { <a href=f.url.clone() class="log-file-link">{f.name.clone()}</a> }.into_any()
    };
    view! { <li class="log-file">{shown}</li> }
}

/// `/visa/{key}`: the public page, for anyone.
#[component]
pub fn ShowcasePage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let params = use_params_map();
    let key = move || params.with(|p| p.get("key").unwrap_or_default());
    let page = LocalResource::new(move || {
        let key = key();
        async move { api.showcase(&key).await }
    });
    view! {
        <section class="page showcase-page">
            <Transition>
                {move || match page.get() {
                    None => view! { <p class="muted">{i18n.t(K::Loading)}</p> }.into_any(),
                    Some(Err(_)) => view! {
                        <h1>{i18n.t(P::Showcase)}</h1>
                        <p>{i18n.t(P::PublicMissing)}</p>
                    }
                    .into_any(),
                    Some(Ok(p)) => view! { <Showcase project=p/> }.into_any(),
                }}
            </Transition>
        </section>
    }
}

#[component]
fn Showcase(project: PublicProject) -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.lang.get_untracked();
    document().set_title(&format!("{} – {}", project.name, project.municipality));
    let stages = project
        .stages
        .iter()
        .map(|s| s.label(lang))
        .collect::<Vec<_>>()
        .join(", ");
    let goals: Vec<String> = project
        .global_goals
        .iter()
        .map(|g| global_goal(*g, lang))
        .collect();
    view! {
        <h1>{project.name.clone()}</h1>
        <p class="lead">{i18n.fill(P::PublicFrom, &[&project.municipality])}</p>
        {(!project.summary.is_empty()).then(|| view! { <p class="showcase-summary">{project.summary.clone()}</p> })}
        <div class="project-parts">
            <div class="project-main">
                <section class="card" aria-labelledby="showcase-entries-heading">
                    <h2 id="showcase-entries-heading">{i18n.t(P::PublicEntries)}</h2>
                    {if project.entries.is_empty() {
                        view! { <p class="muted">{i18n.t(P::PublicNone)}</p> }.into_any()
                    } else {
                        view! {
                            <ol class="log-entries">
                                {project.entries.iter().map(|e| view! {
                                    <li class="log-entry">
                                        <p class="log-meta"><strong>{day(&e.date, lang)}</strong></p>
                                        <p class="log-text">{e.text.clone()}</p>
                                        {tags(&e.focus_areas, &e.global_goals, lang)}
                                        {(!e.files.is_empty()).then(|| view! {
                                            <ul class="log-files">{e.files.iter().map(public_file).collect_view()}</ul>
                                        })}
                                    </li>
                                }).collect_view()}
                            </ol>
                        }
                        .into_any()
                    }}
                </section>
            </div>
            <div class="project-side">
                <section class="card" aria-labelledby="showcase-aim-heading">
                    <h2 id="showcase-aim-heading">{i18n.t(P::AimHeading)}</h2>
                    <p>{project.aim.clone()}</p>
                    {(!project.vision.is_empty()).then(|| view! { <p>{project.vision.clone()}</p> })}
                    <h3>{i18n.t(P::Focus)}</h3>
                    <ul>{project.focus_areas.iter().map(|a| view! { <li>{a.clone()}</li> }).collect_view()}</ul>
                    <h3>{i18n.t(P::Goals)}</h3>
                    <ul>{goals.into_iter().map(|g| view! { <li>{g}</li> }).collect_view()}</ul>
                    <h3>{i18n.t(P::Schools)}</h3>
                    <p>{project.schools.join(", ")}</p>
                    <p class="muted">{stages}</p>
                </section>
                <section class="card" aria-labelledby="showcase-partners-heading">
                    <h2 id="showcase-partners-heading">{i18n.t(P::Partners)}</h2>
                    <ul class="partners">
                        {project.partners.iter().map(|p| view! {
                            <li><strong>{p.name.clone()}</strong>{(!p.contributes.is_empty()).then(|| view! { <p>{p.contributes.clone()}</p> })}</li>
                        }).collect_view()}
                    </ul>
                </section>
            </div>
        </div>
    }
}
