//! Writing a protocol or a personal action plan so that nothing typed is lost: every
//! change is kept in the browser at once and sent to the server a moment after typing
//! pauses or the field is left; without network the text waits in the browser ("inte
//! sparat ännu") and is sent when the network is back; a save based on an old version
//! is merged field by field with what the other writer saved, and a field both changed
//! is shown to the writer to choose, never overwritten.

use std::time::Duration;

use kollegium_shared::meetings::records::{self, FieldText, Fields};
use kollegium_shared::meetings::{ActionPlanInput, ProtocolInput};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::api::{Api, ApiError};
use crate::i18n::{I18n, K, use_i18n};
use crate::meetings::text::MeetingsText;
use crate::storage;
use kollegium_shared::ids::MeetingId;
use kollegium_shared::ids::PersonId;
use kollegium_shared::org::PersonRef;

/// How long typing must pause before the text is sent.
const PAUSE: Duration = Duration::from_millis(1500);
/// How often text that could not be sent is tried again.
const RETRY: Duration = Duration::from_secs(4);

/// Which record of a meeting is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Record {
    /// The caller's own personal action plan.
    Plan(MeetingId),
    /// The meeting's protocol.
    Protocol(MeetingId),
}

/// A record as the server holds it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stored {
    pub fields: Fields,
    pub version: i64,
    /// Whether a plan is shared with the group (always false for a protocol).
    pub shared: bool,
    /// Who saved it last (a plan's is always its writer's own).
    #[serde(default)]
    pub by: Option<PersonRef>,
}

impl Record {
    /// The questions or headings, in order.
    pub fn specs(self) -> &'static [(&'static str, &'static str, &'static str)] {
        match self {
            Record::Plan(_) => &records::PLAN_FIELDS,
            Record::Protocol(_) => &records::PROTOCOL_FIELDS,
        }
    }

    fn storage_key(self, person: PersonId) -> String {
        match self {
            Record::Plan(m) => format!("kollegium.draft.plan.{m}.{person}"),
            Record::Protocol(m) => format!("kollegium.draft.protocol.{m}.{person}"),
        }
    }

    async fn load(self, api: Api) -> Result<Stored, ApiError> {
        match self {
            Record::Plan(m) => api.plan(m).await.map(|p| Stored {
                fields: p.fields,
                version: p.version,
                shared: p.shared,
                by: None,
            }),
            Record::Protocol(m) => api.protocol(m).await.map(|p| Stored {
                fields: p.fields,
                version: p.version,
                shared: false,
                by: p.updated_by,
            }),
        }
    }

    async fn save(
        self,
        api: Api,
        fields: Fields,
        shared: bool,
        version: i64,
    ) -> Result<Stored, ApiError> {
        match self {
            Record::Plan(m) => api
                .save_plan(
                    m,
                    &ActionPlanInput {
                        fields,
                        shared,
                        version,
                    },
                )
                .await
                .map(|p| Stored {
                    fields: p.fields,
                    version: p.version,
                    shared: p.shared,
                    by: None,
                }),
            Record::Protocol(m) => api
                .save_protocol(m, &ProtocolInput { fields, version })
                .await
                .map(|p| Stored {
                    fields: p.fields,
                    version: p.version,
                    shared: false,
                    by: p.updated_by,
                }),
        }
    }
}

/// What the browser keeps until the server has it: the text typed, what it was based
/// on, and the writer's side of any field still to be chosen.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Draft {
    base: Stored,
    fields: Fields,
    shared: bool,
    #[serde(default)]
    conflicts: Fields,
}

/// Where the text stands, as the writer is told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveState {
    /// The server has all of it; when it was last saved here ("14:32").
    Saved(Option<String>),
    /// Typed, to be sent when typing pauses.
    Pending,
    Saving,
    /// Could not be sent: kept in the browser, tried again.
    Offline,
    /// Someone else saved meanwhile and changed the same field.
    Conflict,
    /// The server refused it (e.g. too long, or published meanwhile).
    Failed(String),
}

/// One record being written, with its autosave.
#[derive(Debug, Clone, Copy)]
pub struct Autosave {
    record: Record,
    api: Api,
    i18n: I18n,
    key: StoredValue<String>,
    /// The signed-in writer.
    me: PersonId,
    pub fields: RwSignal<Fields>,
    pub shared: RwSignal<bool>,
    /// What the server held when last heard from.
    base: StoredValue<Stored>,
    pub state: RwSignal<SaveState>,
    /// Fields both writers changed: this writer's text, waiting for a choice.
    pub conflicts: RwSignal<Fields>,
    /// The version now stored, for publishing.
    pub version: RwSignal<i64>,
    in_flight: StoredValue<bool>,
    again: StoredValue<bool>,
    typing: StoredValue<u32>,
}

impl Autosave {
    /// Starts writing `record` as the server holds it (`stored`) for the signed-in person; text left
    /// in the browser by an earlier visit that did not reach the server is taken up and
    /// sent (merged first when the server has moved on).
    pub fn new(record: Record, stored: &Stored, api: Api) -> Autosave {
        let person = crate::session::use_session()
            .me
            .with_untracked(|m| m.as_ref().map_or(PersonId(0), |m| m.id));
        let key = record.storage_key(person);
        let draft: Option<Draft> = storage::get(&key).and_then(|s| serde_json::from_str(&s).ok());
        let this = Autosave {
            record,
            api,
            i18n: use_i18n(),
            key: StoredValue::new(key),
            me: person,
            fields: RwSignal::new(stored.fields.clone()),
            shared: RwSignal::new(stored.shared),
            base: StoredValue::new(stored.clone()),
            state: RwSignal::new(SaveState::Saved(None)),
            conflicts: RwSignal::new(Vec::new()),
            version: RwSignal::new(stored.version),
            in_flight: StoredValue::new(false),
            again: StoredValue::new(false),
            typing: StoredValue::new(0),
        };
        if let Some(draft) = draft {
            let unsent = draft.fields != draft.base.fields
                || draft.shared != draft.base.shared
                || !draft.conflicts.is_empty();
            if unsent {
                if draft.base.version == stored.version {
                    this.fields.set(draft.fields);
                    this.shared.set(draft.shared);
                    this.conflicts.set(draft.conflicts);
                } else {
                    let merged = records::merge(&draft.base.fields, &draft.fields, &stored.fields);
                    let mut conflicts = draft.conflicts;
                    conflicts.extend(merged.conflicts);
                    this.fields.set(merged.fields);
                    this.shared.set(draft.shared);
                    this.conflicts.set(conflicts);
                }
                this.keep();
                this.save();
            } else {
                storage::remove(&this.key.get_value());
            }
        }
        // Try again when the network comes back, and now and then meanwhile.
        let online = window_event_listener(leptos::ev::online, move |_| this.retry());
        let interval = set_interval_with_handle(move || this.retry(), RETRY).ok();
        on_cleanup(move || {
            online.remove();
            if let Some(i) = interval {
                i.clear();
            }
        });
        this
    }

    fn set_base(self, stored: Stored) {
        self.version.set(stored.version);
        self.base.set_value(stored);
    }

    /// The writer changed field `key`.
    pub fn edit(self, key: &str, text: String) {
        self.fields
            .update(|fields| match fields.iter_mut().find(|f| f.key == key) {
                Some(f) => f.text = text,
                None => fields.push(FieldText {
                    key: key.to_owned(),
                    text,
                }),
            });
        self.changed();
    }

    /// The writer shares the plan with the group, or takes it back.
    pub fn set_shared(self, shared: bool) {
        self.shared.set(shared);
        self.keep();
        self.save();
    }

    /// The writer left a field: send what is typed now.
    pub fn flush(self) {
        if self.unsent() {
            self.save();
        }
    }

    /// Keeps the choice for a field both writers changed: this writer's text (`mine`)
    /// or the other's, as it stands.
    pub fn choose(self, key: &str, mine: bool) {
        let text = self
            .conflicts
            .with_untracked(|c| c.iter().find(|f| f.key == key).map(|f| f.text.clone()));
        self.conflicts.update(|c| c.retain(|f| f.key != key));
        match (mine, text) {
            (true, Some(text)) => self.edit(key, text),
            _ => self.changed(),
        }
        if self.conflicts.with_untracked(Vec::is_empty) {
            self.save();
        }
    }

    fn changed(self) {
        self.keep();
        if !matches!(
            self.state.get_untracked(),
            SaveState::Offline | SaveState::Conflict
        ) {
            self.state.set(SaveState::Pending);
        }
        let generation = self.typing.get_value().wrapping_add(1);
        self.typing.set_value(generation);
        set_timeout(
            move || {
                if self.typing.get_value() == generation {
                    self.save();
                }
            },
            PAUSE,
        );
    }

    fn unsent(self) -> bool {
        let (fields, shared) = (self.fields.get_untracked(), self.shared.get_untracked());
        self.base
            .with_value(|b| b.fields != fields || b.shared != shared)
    }

    /// Writes the text to the browser's storage, so a closed tab or a lost network
    /// loses nothing.
    fn keep(self) {
        let draft = Draft {
            base: self.base.get_value(),
            fields: self.fields.get_untracked(),
            shared: self.shared.get_untracked(),
            conflicts: self.conflicts.get_untracked(),
        };
        if let Ok(json) = serde_json::to_string(&draft) {
            storage::set(&self.key.get_value(), &json);
        }
    }

    fn retry(self) {
        if matches!(self.state.get_untracked(), SaveState::Offline) {
            self.save();
        }
    }

    fn save(self) {
        if !self.conflicts.with_untracked(Vec::is_empty) {
            self.state.set(SaveState::Conflict);
            return;
        }
        if self.in_flight.get_value() {
            self.again.set_value(true);
            return;
        }
        if !self.unsent() {
            storage::remove(&self.key.get_value());
            if !matches!(self.state.get_untracked(), SaveState::Saved(_)) {
                self.state
                    .set(SaveState::Saved(Some(crate::format::clock_now())));
            }
            return;
        }
        let fields = self.fields.get_untracked();
        let shared = self.shared.get_untracked();
        let version = self.base.with_value(|b| b.version);
        self.in_flight.set_value(true);
        if !matches!(self.state.get_untracked(), SaveState::Offline) {
            self.state.set(SaveState::Saving);
        }
        leptos::task::spawn_local(async move {
            let result = self
                .record
                .save(self.api, fields.clone(), shared, version)
                .await;
            self.in_flight.set_value(false);
            match result {
                Ok(stored) => {
                    self.set_base(stored);
                    if self.unsent() {
                        self.keep();
                        self.again.set_value(true);
                    } else {
                        storage::remove(&self.key.get_value());
                        self.state
                            .set(SaveState::Saved(Some(crate::format::clock_now())));
                    }
                }
                Err(ApiError::Network) => {
                    self.state.set(SaveState::Offline);
                    return;
                }
                Err(ApiError::Api { status: 409, .. }) => {
                    self.merge_with_server().await;
                }
                Err(e) => {
                    self.state.set(SaveState::Failed(e.message(self.i18n)));
                    return;
                }
            }
            if self.again.get_value() {
                self.again.set_value(false);
                self.save();
            }
        });
    }

    /// Who made the other text of a field to choose for: another person by name, or
    /// the writer on another device (a plan has no other writer).
    fn conflict_text(self) -> String {
        let by = self.base.with_value(|b| b.by.clone());
        match by {
            Some(p) if p.id != self.me => self.i18n.fill(MeetingsText::RecordConflict, &[&p.name]),
            _ => self.i18n.t(MeetingsText::RecordConflictMine).to_owned(),
        }
    }

    /// Someone else saved meanwhile: take what they saved as the new base and lay this
    /// writer's changes over it; a field both changed waits for the writer's choice.
    async fn merge_with_server(self) {
        let Ok(theirs) = self.record.load(self.api).await else {
            self.state.set(SaveState::Offline);
            return;
        };
        let base = self.base.get_value();
        let merged = records::merge(&base.fields, &self.fields.get_untracked(), &theirs.fields);
        self.set_base(theirs);
        self.fields.set(merged.fields);
        self.conflicts.update(|c| c.extend(merged.conflicts));
        self.keep();
        if self.conflicts.with_untracked(Vec::is_empty) {
            self.again.set_value(true);
        } else {
            self.state.set(SaveState::Conflict);
        }
    }
}

/// The fields of a record being written (all of them, or those of `part`), each a text
/// area under its heading, with any field to choose for.
#[component]
pub fn RecordFields(
    autosave: Autosave,
    id_prefix: &'static str,
    #[prop(optional)] part: Option<&'static [(&'static str, &'static str, &'static str)]>,
) -> impl IntoView {
    let i18n = use_i18n();
    let specs = autosave.record.specs();
    let shown = part.unwrap_or(specs);
    view! {
        <div class="record-fields">
            {shown.iter().map(|(key, _, _)| {
                let key: &'static str = key;
                let id = format!("{id_prefix}-{key}");
                let conflict = move || autosave.conflicts.with(|c| c.iter().find(|f| f.key == key).map(|f| f.text.clone()));
                // A date is a date field (as long as what is stored reads as one).
                let is_date = key == "date"
                    && autosave.fields.with_untracked(|f| {
                        let v = records::value(f, key);
                        v.is_empty() || kollegium_shared::date::Date::parse(v).is_some()
                    });
                let date = is_date.then(|| {
                    let id = id.clone();
                    view! {
                        <input id=id type="date"
                            prop:value=move || autosave.fields.with(|f| records::value(f, key).to_owned())
                            on:input=move |ev| autosave.edit(key, event_target_value(&ev))
                            on:blur=move |_| autosave.flush()/>
                    }
                });
                let text = (!is_date).then(|| {
                    let id = id.clone();
                    view! {
                        <textarea
                            id=id
                            rows="3"
                            maxlength="5000"
                            prop:value=move || autosave.fields.with(|f| records::value(f, key).to_owned())
                            on:input=move |ev| autosave.edit(key, event_target_value(&ev))
                            on:blur=move |_| autosave.flush()
                        ></textarea>
                    }
                });
                view! {
                    <div class="field record-field">
                        <label for=id.clone()>{move || records::heading(specs, key, i18n.lang.get())}</label>
                        {date}
                        {text}
                        {move || conflict().map(|mine| view! {
                            <div class="conflict" role="alert">
                                <p>{autosave.conflict_text()}</p>
                                <blockquote class="mine">{mine}</blockquote>
                                <div class="actions">
                                    <button type="button" class="button button-primary" on:click=move |_| autosave.choose(key, true)>{i18n.t(MeetingsText::RecordUseMine)}</button>
                                    <button type="button" class="button button-secondary" on:click=move |_| autosave.choose(key, false)>{i18n.t(MeetingsText::RecordKeepTheirs)}</button>
                                </div>
                            </div>
                        })}
                    </div>
                }
            }).collect_view()}
        </div>
    }
}

/// Where the text stands: "Sparat 14:32", "Sparar …", "Inte sparat ännu …".
#[component]
pub fn SaveStatus(autosave: Autosave) -> impl IntoView {
    let i18n = use_i18n();
    let text = move || match autosave.state.get() {
        SaveState::Saved(None) => String::new(),
        SaveState::Saved(Some(at)) => format!("{} {at}", i18n.t(MeetingsText::RecordSaved)),
        SaveState::Pending => i18n.t(MeetingsText::RecordPending).to_owned(),
        SaveState::Saving => i18n.t(K::Saving).to_owned(),
        SaveState::Offline => i18n.t(MeetingsText::RecordOffline).to_owned(),
        SaveState::Conflict => i18n.t(MeetingsText::RecordConflictState).to_owned(),
        SaveState::Failed(message) => message,
    };
    let class = move || match autosave.state.get() {
        SaveState::Offline | SaveState::Conflict | SaveState::Failed(_) => "save-state warn",
        _ => "save-state",
    };
    view! { <p class=class role="status" aria-live="polite">{text}</p> }
}

/// A record as read: each heading with its text, empty fields left out.
#[component]
pub fn RecordView(
    specs: &'static [(&'static str, &'static str, &'static str)],
    fields: Fields,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.lang.get_untracked();
    view! {
        <dl class="record">
            {specs.iter().filter_map(move |(key, _, _)| {
                let text = records::value(&fields, key).trim().to_owned();
                (!text.is_empty()).then(|| view! {
                    <dt>{records::heading(specs, key, lang)}</dt>
                    <dd>{text}</dd>
                })
            }).collect_view()}
        </dl>
    }
}
