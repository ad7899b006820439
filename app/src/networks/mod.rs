//! `/natverk`: the year's networks, the municipality's digital tools (kept by the ICT
//! strategist) and each school's ICT group with its notes; `/natverk/{id}`: one
//! network with its members, meetings and good examples, where members submit library
//! material and the ICT strategist approves or declines it.

mod text;

use kollegium_shared::ids::{GroupId, SchoolId};
use kollegium_shared::library::ItemRef;
use kollegium_shared::networks::{
    DigitalTool, Example, ExampleInput, ExampleReview, ExampleStatus, IctGroup, IctGroupInput,
    IctMember, IctMemberInput, IctNoteInput, IctPart, NetworkPage, NetworksFront, ToolInput,
};
use kollegium_shared::org::{PersonRef, Stage};
use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::use_api;
use crate::components::{
    ErrorText, FieldErrors, ItemPicker, SelectField, StatusText, TextArea, TextField, check_list,
    field_name, item_href, loaded, use_id_param,
};
use crate::format::date_text;
use crate::i18n::{use_i18n, use_title};
use crate::session::use_session;
use text::N;

/// Brings what a tap opened into view.
fn reveal(id: &str) {
    if let Some(el) = document().get_element_by_id(id) {
        el.scroll_into_view();
    }
}

fn stages_text(stages: &[Stage], lang: kollegium_shared::i18n::Lang) -> String {
    stages
        .iter()
        .map(|s| s.label(lang))
        .collect::<Vec<_>>()
        .join(", ")
}

#[component]
pub fn NetworksPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    use_title(N::Title);
    let front = LocalResource::new(move || async move { api.networks().await });
    view! {
        <section class="page networks-page">
            <h1>{move || i18n.t(N::Title)}</h1>
            <p class="lead">{move || i18n.t(N::Intro)}</p>
            <Transition>
                {loaded(front, |f| view! { <NetworksView front=f/> })}
            </Transition>
        </section>
    }
}

#[component]
fn NetworksView(front: NetworksFront) -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.lang.get_untracked();
    let networks = front.networks;
    let tools = RwSignal::new(front.tools);
    let may_edit = front.may_edit_tools;
    view! {
        <section aria-labelledby="networks-heading">
            <h2 id="networks-heading">{i18n.t(N::Networks)}</h2>
            {if networks.is_empty() {
                view! { <p class="muted">{i18n.t(N::NoNetworks)}</p> }.into_any()
            } else {
                view! {
                    <ul class="network-list">
                        {networks.into_iter().map(|n| {
                            let forms = n.school_forms.iter().map(|f| f.label(lang)).collect::<Vec<_>>().join(", ");
                            let leaders = n.leaders.iter().map(|p| p.name.clone()).collect::<Vec<_>>().join(", ");
                            let members = n.members as i64;
                            let examples = n.examples as i64;
                            view! {
                                <li class="card network-card">
                                    <h3><A href=format!("/natverk/{}", n.group.id)>{n.group.name.clone()}</A></h3>
                                    <p class="muted">{n.group.kind.label(lang)}{(!forms.is_empty()).then(|| format!(" · {forms}"))}</p>
                                    {(!leaders.is_empty()).then(|| view! { <p>{i18n.fill(N::LedBy, &[&leaders])}</p> })}
                                    <p class="muted">
                                        {i18n.count(N::Members, members, &[&members])}" · "
                                        {i18n.count(N::ExampleCount, examples, &[&examples])}
                                    </p>
                                    <p>{match &n.next_meeting {
                                        Some(d) => i18n.fill(N::NextMeeting, &[&date_text(d, lang)]),
                                        None => i18n.t(N::NoMeetingAhead).to_owned(),
                                    }}</p>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }
                .into_any()
            }}
        </section>
        <ToolsSection tools=tools may_edit=may_edit/>
        <section aria-labelledby="ict-groups-heading">
            <h2 id="ict-groups-heading">{i18n.t(N::Schools)}</h2>
            <p class="muted">{i18n.t(N::SchoolsSentence)}</p>
            <div class="ict-groups">
                {front.schools.into_iter().map(|g| view! { <IctGroupCard group=g/> }).collect_view()}
            </div>
        </section>
    }
}

#[component]
fn ToolsSection(tools: RwSignal<Vec<DigitalTool>>, may_edit: bool) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let lang = i18n.lang.get_untracked();
    // The tool being changed (`Some(None)`: a new one), whose form shows below the list.
    let editing = RwSignal::new(None::<Option<DigitalTool>>);
    let status = RwSignal::new(None::<String>);
    let form_error = RwSignal::new(None::<String>);
    let edit = move |tool: Option<DigitalTool>| {
        status.set(None);
        editing.set(Some(tool));
        request_animation_frame(|| reveal("tool-form"));
    };
    let remove = move |tool: DigitalTool| {
        status.set(None);
        form_error.set(None);
        leptos::task::spawn_local(async move {
            match api.delete_tool(tool.id, tool.version).await {
                Ok(()) => {
                    tools.update(|l| l.retain(|t| t.id != tool.id));
                    status.set(Some(i18n.t(N::ToolRemoved).to_owned()));
                }
                Err(e) => form_error.set(Some(e.message(i18n))),
            }
        });
    };
    let saved = Callback::new(move |tool: DigitalTool| {
        tools.update(|l| {
            l.retain(|t| t.id != tool.id);
            l.push(tool);
            l.sort_by(|a, b| kollegium_shared::collate::swedish_cmp(&a.name, &b.name));
        });
        editing.set(None);
        status.set(Some(i18n.t(N::ToolSaved).to_owned()));
    });
    view! {
        <section aria-labelledby="tools-heading">
            <h2 id="tools-heading">{i18n.t(N::Tools)}</h2>
            <p class="muted">{i18n.t(N::ToolsSentence)}</p>
            <StatusText message=status/>
            <ErrorText message=form_error/>
            {move || {
                let list = tools.get();
                if list.is_empty() {
                    return view! { <p class="muted">{i18n.t(N::NoTools)}</p> }.into_any();
                }
                view! {
                    <div class="table-scroll">
                        <table class="tools-table">
                            <thead>
                                <tr>
                                    <th scope="col">{i18n.t(N::ToolName)}</th>
                                    <th scope="col">{i18n.t(N::ToolPurpose)}</th>
                                    <th scope="col">{i18n.t(N::ToolStages)}</th>
                                    <th scope="col">{i18n.t(N::ToolGuide)}</th>
                                    <th scope="col">{i18n.t(N::ToolOpen)}</th>
                                    {may_edit.then(|| view! { <th scope="col"><span class="visually-hidden">{i18n.t(N::EditTool)}</span></th> })}
                                </tr>
                            </thead>
                            <tbody>
                                {list.into_iter().map(|t| {
                                    let stages = if t.stages.is_empty() { i18n.t(N::AllStages).to_owned() } else { stages_text(&t.stages, lang) };
                                    let (for_edit, for_remove) = (t.clone(), t.clone());
                                    let name = t.name.clone();
                                    view! {
                                        <tr>
                                            <th scope="row">{t.name.clone()}</th>
                                            <td>{t.purpose.clone()}</td>
                                            <td>{stages}</td>
                                            <td>{t.guide.clone().map(|g| view! { <a href=item_href(g.id)>{g.title}</a> })}</td>
                                            <td>{t.url.clone().map(|u| view! {
                                                <a href=u target="_blank" rel="noopener noreferrer" aria-label=i18n.fill(N::OpenTool, &[&name])>{i18n.t(N::ToolOpen)}</a>
                                            })}</td>
                                            {may_edit.then(|| view! {
                                                <td class="row-actions">
                                                    <button type="button" class="button button-secondary" aria-label=i18n.fill(N::EditToolNamed, &[&t.name])
                                                        on:click=move |_| edit(Some(for_edit.clone()))>{i18n.t(N::EditTool)}</button>
                                                    <button type="button" class="button button-secondary" aria-label=i18n.fill(N::RemoveToolNamed, &[&t.name])
                                                        on:click=move |_| remove(for_remove.clone())>{i18n.t(N::RemoveTool)}</button>
                                                </td>
                                            })}
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }
                .into_any()
            }}
            {may_edit.then(|| view! {
                <button type="button" class="button button-secondary" on:click=move |_| edit(None)>{i18n.t(N::NewTool)}</button>
                {move || editing.get().map(|tool| view! { <ToolForm tool=tool saved=saved cancel=Callback::new(move |()| editing.set(None))/> })}
            })}
        </section>
    }
}

/// Adding a tool (`tool` none) or changing one.
#[component]
fn ToolForm(
    tool: Option<DigitalTool>,
    saved: Callback<DigitalTool>,
    cancel: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let lang = i18n.lang.get_untracked();
    let existing = tool.as_ref().map(|t| (t.id, t.version));
    let name = RwSignal::new(tool.as_ref().map(|t| t.name.clone()).unwrap_or_default());
    let purpose = RwSignal::new(tool.as_ref().map(|t| t.purpose.clone()).unwrap_or_default());
    let stages = RwSignal::new(tool.as_ref().map(|t| t.stages.clone()).unwrap_or_default());
    let url = RwSignal::new(
        tool.as_ref()
            .and_then(|t| t.url.clone())
            .unwrap_or_default(),
    );
    let guide = RwSignal::new(
        tool.as_ref()
            .and_then(|t| t.guide.clone())
            .into_iter()
            .collect::<Vec<ItemRef>>(),
    );
    // One guide: a newly chosen one replaces the one before.
    Effect::new(move |_| {
        if guide.with(|g| g.len() > 1) {
            guide.update(|g| {
                let last = g.pop();
                g.clear();
                g.extend(last);
            });
        }
    });
    let errors = FieldErrors::default();
    let form_error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let input = ToolInput {
            name: name.get_untracked(),
            purpose: purpose.get_untracked(),
            stages: stages.get_untracked(),
            guide: guide.with_untracked(|g| g.first().map(|i| i.id)),
            url: Some(url.get_untracked()),
            version: existing.map(|(_, v)| v),
        };
        if !errors.accept(&input, form_error) {
            return;
        }
        busy.set(true);
        leptos::task::spawn_local(async move {
            let answer = match existing {
                Some((id, _)) => api.update_tool(id, &input).await,
                None => api.create_tool(&input).await,
            };
            busy.set(false);
            match answer {
                Ok(t) => saved.run(t),
                Err(e) => errors.show_api_error_in(&e, form_error, i18n),
            }
        });
    };
    let stage_choices: Vec<(Stage, String)> = Stage::ALL
        .iter()
        .map(|s| (*s, s.label(lang).to_owned()))
        .collect();
    let heading = match &tool {
        Some(t) => i18n.fill(N::EditToolNamed, &[&t.name]),
        None => i18n.t(N::NewTool).to_owned(),
    };
    view! {
        <form id="tool-form" class="card tool-form" on:submit=submit novalidate>
            <h3>{heading}</h3>
            <TextField name="name" label=move || i18n.t(N::ToolName) value=name errors=errors required=true/>
            <TextArea name="purpose" label=move || i18n.t(N::ToolPurpose) value=purpose errors=errors rows=2/>
            {check_list(i18n.t(N::ToolStages), "stages", stage_choices, stages, errors)}
            <p class="hint">{i18n.t(N::ToolGuideHint)}</p>
            <ItemPicker items=guide id="tool-guide" field="guide" errors=errors/>
            <TextField name="url" kind="url" label=move || i18n.t(N::ToolUrl) value=url errors=errors/>
            <ErrorText message=form_error/>
            <div class="actions">
                <button type="submit" class="button button-primary" disabled=move || busy.get()>{i18n.t(N::SaveTool)}</button>
                <button type="button" class="button button-secondary" on:click=move |_| cancel.run(())>{i18n.t(crate::i18n::K::Cancel)}</button>
            </div>
        </form>
    }
}

#[component]
fn IctGroupCard(group: IctGroup) -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.lang.get_untracked();
    let heading_id = format!("ict-heading-{}", group.school.id);
    let labelled_by = heading_id.clone();
    let school = group.school.id;
    let group = RwSignal::new(group);
    view! {
        <section class="card ict-group" aria-labelledby=labelled_by>
            <h3 id=heading_id>{move || group.with(|g| g.school.name.clone())}</h3>
            {move || {
                let members = group.with(|g| g.members.clone());
                if members.is_empty() {
                    return view! { <p class="muted">{i18n.t(N::NoIctMembers)}</p> }.into_any();
                }
                view! {
                    <ul class="ict-members">
                        {members.into_iter().map(|m| view! { <li><span class="muted">{m.part.label(lang)}": "</span>{m.person.name}</li> }).collect_view()}
                    </ul>
                }
                .into_any()
            }}
            <Show when=move || group.with(|g| g.may_edit)>
                <IctGroupEditor group=group school=school/>
            </Show>
            {move || {
                let notes = group.with(|g| g.notes.clone());
                if notes.is_empty() {
                    return view! { <p class="muted">{i18n.t(N::NoNotes)}</p> }.into_any();
                }
                view! {
                    <ul class="ict-notes">
                        {notes.into_iter().map(|n| view! {
                            <li>
                                <p class="log-meta"><strong>{date_text(&n.date, lang)}</strong>" · "{n.author.name}</p>
                                <p class="prose">{n.text}</p>
                            </li>
                        }).collect_view()}
                    </ul>
                }
                .into_any()
            }}
            <Show when=move || group.with(|g| g.may_write)>
                <NoteForm group=group school=school/>
            </Show>
        </section>
    }
}

/// Naming the ICT group: its people and their parts, chosen among the school's staff.
#[component]
fn IctGroupEditor(group: RwSignal<IctGroup>, school: SchoolId) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let lang = i18n.lang.get_untracked();
    let draft = RwSignal::new(group.with_untracked(|g| g.members.clone()));
    let opened = RwSignal::new(false);
    let staff = LocalResource::new(move || async move {
        if !opened.get() {
            return Ok(Vec::new());
        }
        api.staff(&format!("school={school}&per_page=200"))
            .await
            .map(|page| page.items)
    });
    let person = RwSignal::new(String::new());
    let part = RwSignal::new(IctPart::IktPedagog.code().to_owned());
    let errors = FieldErrors::default();
    let form_error = RwSignal::new(None::<String>);
    let status = RwSignal::new(None::<String>);
    let ids = format!("ict-{school}");
    let person_id: &'static str = field_name(format!("{ids}-person"));
    let part_id: &'static str = field_name(format!("{ids}-part"));
    let options = Signal::derive(move || {
        let chosen: Vec<_> = draft.with(|d| d.iter().map(|m| m.person.id).collect());
        staff
            .get()
            .and_then(Result::ok)
            .unwrap_or_default()
            .into_iter()
            .filter(|p| !chosen.contains(&p.id))
            .map(|p| (p.id.to_string(), p.name))
            .collect::<Vec<_>>()
    });
    let part_options = Signal::derive(move || {
        IctPart::ALL
            .iter()
            .map(|p| (p.code().to_owned(), p.label(lang).to_owned()))
            .collect::<Vec<_>>()
    });
    let add = move |_| {
        let Ok(id) = person.get_untracked().parse() else {
            errors.set(person_id, i18n.t(N::ChoosePerson).to_owned());
            return;
        };
        errors.clear(person_id);
        let name = staff
            .get_untracked()
            .and_then(Result::ok)
            .and_then(|l| l.into_iter().find(|p| p.id == id))
            .map(|p| p.name)
            .unwrap_or_default();
        let part = IctPart::from_code(&part.get_untracked()).unwrap_or(IctPart::IktPedagog);
        draft.update(|d| {
            d.push(IctMember {
                person: PersonRef { id, name },
                part,
            })
        });
        person.set(String::new());
    };
    let save = move |_| {
        let input = IctGroupInput {
            members: draft.with_untracked(|d| {
                d.iter()
                    .map(|m| IctMemberInput {
                        person: m.person.id,
                        part: m.part,
                    })
                    .collect()
            }),
            version: group.with_untracked(|g| g.version),
        };
        if !errors.accept(&input, form_error) {
            return;
        }
        status.set(None);
        leptos::task::spawn_local(async move {
            match api.set_ict_group(school, &input).await {
                Ok(saved) => {
                    draft.set(saved.members.clone());
                    group.set(saved);
                    status.set(Some(i18n.t(N::GroupSaved).to_owned()));
                }
                Err(e) => errors.show_api_error_in(&e, form_error, i18n),
            }
        });
    };
    view! {
        <details class="ict-edit" on:toggle=move |ev| {
            let open = event_target::<web_sys::HtmlDetailsElement>(&ev).open();
            if open && !opened.get_untracked() {
                opened.set(true);
            }
        }>
            <summary>{i18n.t(N::EditGroup)}</summary>
            <ul class="ict-draft">
                {move || draft.get().into_iter().map(|m| {
                    let id = m.person.id;
                    view! {
                        <li>
                            <span>{m.part.label(lang)}": "{m.person.name.clone()}</span>
                            <button type="button" class="button button-secondary" aria-label=i18n.fill(N::RemoveMember, &[&m.person.name])
                                on:click=move |_| draft.update(|d| d.retain(|x| x.person.id != id))>"×"</button>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <div class="ict-add">
                <SelectField id=person_id label=move || i18n.t(N::Person) value=person options=options all=move || i18n.t(N::ChoosePerson) errors=errors/>
                <SelectField id=part_id label=move || i18n.t(N::Part) value=part options=part_options/>
                <button type="button" class="button button-secondary" on:click=add>{i18n.t(N::AddMember)}</button>
            </div>
            <p class="field-error" role="alert">{move || errors.get("members")}</p>
            <ErrorText message=form_error/>
            <StatusText message=status/>
            <button type="button" class="button button-primary" on:click=save>{i18n.t(N::SaveGroup)}</button>
        </details>
    }
}

/// Writing what the ICT group brought to the work teams.
#[component]
fn NoteForm(group: RwSignal<IctGroup>, school: SchoolId) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let date = RwSignal::new(crate::format::today());
    let text = RwSignal::new(String::new());
    let errors = FieldErrors::default();
    let form_error = RwSignal::new(None::<String>);
    let status = RwSignal::new(None::<String>);
    let date_name: &'static str = field_name(format!("note-{school}-date"));
    let text_name: &'static str = field_name(format!("note-{school}-text"));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let input = IctNoteInput {
            date: Some(date.get_untracked()),
            text: text.get_untracked(),
            version: None,
        };
        // The shared rules name `date` and `text`; this form's fields carry the school.
        let rules = kollegium_shared::validation::Validate::validate(&input);
        errors.clear_all();
        form_error.set(None);
        if !rules.is_empty() {
            for e in rules {
                let name = if e.field == "date" {
                    date_name
                } else {
                    text_name
                };
                errors.set(name, e.msg.text(i18n.lang.get_untracked()).to_owned());
            }
            return;
        }
        leptos::task::spawn_local(async move {
            match api.add_ict_note(school, &input).await {
                Ok(note) => {
                    group.update(|g| {
                        g.notes.insert(0, note);
                        g.notes
                            .sort_by(|a, b| b.date.cmp(&a.date).then(b.id.cmp(&a.id)));
                    });
                    text.set(String::new());
                    status.set(Some(i18n.t(N::NoteSaved).to_owned()));
                }
                Err(e) => errors.show_api_error_in(&e, form_error, i18n),
            }
        });
    };
    view! {
        <form class="ict-note-form" on:submit=submit novalidate>
            <h4>{i18n.t(N::WriteNote)}</h4>
            <TextField name=date_name kind="date" label=move || i18n.t(N::NoteDate) value=date errors=errors/>
            <TextArea name=text_name label=move || i18n.t(N::NoteText) value=text errors=errors rows=2/>
            <ErrorText message=form_error/>
            <StatusText message=status/>
            <button type="submit" class="button button-secondary">{i18n.t(N::SaveNote)}</button>
        </form>
    }
}

#[component]
pub fn NetworkPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    use_title(N::Title);
    let id = use_id_param::<GroupId>();
    let page = LocalResource::new(move || {
        let id = id();
        async move { api.network(id).await }
    });
    view! {
        <section class="page network-page">
            <p class="breadcrumb"><A href="/natverk">{move || i18n.t(N::Title)}</A></p>
            <Transition>
                {loaded(page, |p| view! { <NetworkView page=p/> })}
            </Transition>
        </section>
    }
}

#[component]
fn NetworkView(page: NetworkPage) -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.lang.get_untracked();
    let network = page.network;
    let group = network.group.id;
    let examples = RwSignal::new(page.examples);
    let forms = network
        .school_forms
        .iter()
        .map(|f| f.label(lang))
        .collect::<Vec<_>>()
        .join(", ");
    let may_review = page.may_review;
    let reviewed = RwSignal::new(None::<String>);
    view! {
        <h1>{network.group.name.clone()}</h1>
        <p class="lead">{network.group.kind.label(lang)}{(!forms.is_empty()).then(|| format!(" · {forms}"))}</p>
        {(!network.description.is_empty()).then(|| view! { <p class="prose">{network.description.clone()}</p> })}
        <div class="network-parts">
            <div class="network-main">
                <section class="card" aria-labelledby="examples-heading">
                    <h2 id="examples-heading">{i18n.t(N::Examples)}</h2>
                    <p class="muted">{i18n.t(N::ExamplesSentence)}</p>
                    <StatusText message=reviewed/>
                    {move || {
                        let list = examples.get();
                        if list.is_empty() {
                            return view! { <p class="muted">{i18n.t(N::NoExamples)}</p> }.into_any();
                        }
                        view! {
                            <ul class="examples">
                                {list.into_iter().map(|e| view! { <ExampleItem example=e group=group examples=examples may_review=may_review reviewed=reviewed/> }).collect_view()}
                            </ul>
                        }
                        .into_any()
                    }}
                </section>
                {page.may_submit.then(|| view! { <SubmitForm group=group examples=examples/> })}
            </div>
            <div class="network-side">
                <section class="card" aria-labelledby="members-heading">
                    <h2 id="members-heading">{i18n.t(N::MembersHeading)}</h2>
                    <ul class="network-members">
                        {page.members.into_iter().map(|m| {
                            let schools = m.schools.iter().map(|s| s.name.clone()).collect::<Vec<_>>().join(", ");
                            view! {
                                <li>
                                    {m.person.name.clone()}
                                    {m.leader.then(|| view! { " " <span class="badge">{i18n.t(N::Leader)}</span> })}
                                    {(!schools.is_empty()).then(|| view! { <span class="muted">" · "{schools}</span> })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </section>
                <section class="card" aria-labelledby="meetings-heading">
                    <h2 id="meetings-heading">{i18n.t(N::Meetings)}</h2>
                    <p class="muted">{i18n.t(N::MeetingsSentence)}</p>
                    {if page.meetings.is_empty() {
                        view! { <p class="muted">{i18n.t(N::NoMeetings)}</p> }.into_any()
                    } else {
                        view! {
                            <ul class="network-meetings">
                                {page.meetings.into_iter().map(|m| {
                                    let when = match &m.start_time {
                                        Some(t) => format!("{} {t}", date_text(&m.starts_on, lang)),
                                        None => date_text(&m.starts_on, lang),
                                    };
                                    view! {
                                        <li>
                                            <A href=format!("/traffar/{}", m.id)>{when}</A>
                                            " "<span class="badge">{if m.ahead { i18n.t(N::Ahead) } else { i18n.t(N::Past) }}</span>
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
            </div>
        </div>
    }
}

#[component]
fn ExampleItem(
    example: Example,
    group: GroupId,
    examples: RwSignal<Vec<Example>>,
    may_review: bool,
    reviewed: RwSignal<Option<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let lang = i18n.lang.get_untracked();
    // The school is the submitter's: it says where the material was made only when the
    // one who made it sent it in.
    let own = example.made_by.id == example.submitted_by.id;
    let on = date_text(&example.submitted_on, lang);
    let (made, submitted) = match &example.school {
        Some(s) if own => (
            i18n.fill(N::MadeAt, &[&example.made_by.name, &s.name]),
            i18n.fill(N::SubmittedOn, &[&on, &example.submitted_by.name]),
        ),
        Some(s) => (
            i18n.fill(N::MadeBy, &[&example.made_by.name]),
            i18n.fill(
                N::SubmittedOnAt,
                &[&on, &example.submitted_by.name, &s.name],
            ),
        ),
        None => (
            i18n.fill(N::MadeBy, &[&example.made_by.name]),
            i18n.fill(N::SubmittedOn, &[&on, &example.submitted_by.name]),
        ),
    };
    let comment = RwSignal::new(String::new());
    let errors = FieldErrors::default();
    let form_error = RwSignal::new(None::<String>);
    let comment_name: &'static str = field_name(format!("example-{}-comment", example.id));
    let (id, version) = (example.id, example.version);
    let review = move |status: ExampleStatus| {
        let input = ExampleReview {
            status,
            comment: comment.get_untracked(),
            version,
        };
        let rules = kollegium_shared::validation::Validate::validate(&input);
        errors.clear_all();
        if let Some(e) = rules.first() {
            errors.set(
                comment_name,
                e.msg.text(i18n.lang.get_untracked()).to_owned(),
            );
            return;
        }
        leptos::task::spawn_local(async move {
            match api.review_example(group, id, &input).await {
                Ok(saved) => {
                    examples.update(|l| {
                        if let Some(e) = l.iter_mut().find(|e| e.id == saved.id) {
                            *e = saved;
                        }
                    });
                    reviewed.set(Some(i18n.t(N::Reviewed).to_owned()));
                }
                Err(e) => errors.show_api_error_in(&e, form_error, i18n),
            }
        });
    };
    let title = example.item.title.clone();
    let waiting = example.status == ExampleStatus::Submitted;
    view! {
        <li class="example" class:example-waiting=example.status != ExampleStatus::Approved>
            <h3><a href=item_href(example.item.id)>{example.item.title.clone()}</a></h3>
            <p class="muted">{example.item.kind.label(lang)}" · "{made}</p>
            {(!example.note.is_empty()).then(|| view! { <p class="prose">{example.note.clone()}</p> })}
            <p class="muted">{submitted}</p>
            {(example.status != ExampleStatus::Approved).then(|| view! {
                <p><span class="badge">{example.status.label(lang)}</span></p>
            })}
            {(!example.review_comment.is_empty()).then(|| view! { <p class="hint">{example.review_comment.clone()}</p> })}
            {(may_review && waiting).then(|| view! {
                <div class="example-review">
                    <TextArea name=comment_name label=move || i18n.t(N::Comment) value=comment errors=errors rows=2/>
                    <ErrorText message=form_error/>
                    <div class="actions">
                        <button type="button" class="button button-primary" aria-label=i18n.fill(N::ApproveNamed, &[&title])
                            on:click=move |_| review(ExampleStatus::Approved)>{i18n.t(N::Approve)}</button>
                        <button type="button" class="button button-secondary" aria-label=i18n.fill(N::DeclineNamed, &[&title])
                            on:click=move |_| review(ExampleStatus::Declined)>{i18n.t(N::Decline)}</button>
                    </div>
                </div>
            })}
        </li>
    }
}

#[component]
fn SubmitForm(group: GroupId, examples: RwSignal<Vec<Example>>) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let session = use_session();
    let items = RwSignal::new(Vec::<ItemRef>::new());
    let school = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let errors = FieldErrors::default();
    let form_error = RwSignal::new(None::<String>);
    let status = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let schools = Signal::derive(move || {
        session.me.with(|m| {
            m.as_ref()
                .map(|m| {
                    m.schools
                        .iter()
                        .map(|s| (s.id.to_string(), s.name.clone()))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    // The first of one's schools, to start with.
    Effect::new(move |_| {
        if school.get_untracked().is_empty()
            && let Some((id, _)) = schools.get().first()
        {
            school.set(id.clone());
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let input = ExampleInput {
            items: items.with_untracked(|l| l.iter().map(|i| i.id).collect()),
            school: school.get_untracked().parse().ok(),
            note: note.get_untracked(),
        };
        status.set(None);
        if !errors.accept(&input, form_error) {
            return;
        }
        busy.set(true);
        leptos::task::spawn_local(async move {
            match api.submit_examples(group, &input).await {
                Ok(new) => {
                    examples.update(|l| l.extend(new));
                    items.set(Vec::new());
                    note.set(String::new());
                    status.set(Some(i18n.t(N::Sent).to_owned()));
                }
                Err(e) => errors.show_api_error_in(&e, form_error, i18n),
            }
            busy.set(false);
        });
    };
    view! {
        <form class="card example-form" on:submit=submit novalidate aria-labelledby="submit-heading">
            <h2 id="submit-heading">{i18n.t(N::Submit)}</h2>
            <p class="hint">{i18n.t(N::SubmitHint)}</p>
            <ItemPicker items=items id="example" field="items" errors=errors/>
            <SelectField id="school" label=move || i18n.t(N::School) value=school options=schools all=move || i18n.t(N::NoSchool) errors=errors/>
            <TextArea name="note" label=move || i18n.t(N::Note) value=note errors=errors rows=3/>
            <ErrorText message=form_error/>
            <StatusText message=status/>
            <button type="submit" class="button button-primary" disabled=move || busy.get()>{i18n.t(N::Send)}</button>
        </form>
    }
}
