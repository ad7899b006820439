//! Networks: the ICT networks (and the municipality's other networks, such as the
//! förstelärare's) by school form, led by the ICT strategist. A network is a group of
//! kind `ikt_natverk` or `natverk` with its members and meetings; this module adds its
//! page of good examples (library items members submit and the ICT strategist reviews),
//! the municipality's digital tools and each school's ICT group with its dated notes.

pub mod access;

use serde::{Deserialize, Serialize};

use crate::date::Date;
use crate::groups::GroupRef;
use crate::i18n::{Lang, Msg};
use crate::ids::{ExampleId, IctNoteId, ItemId, PersonId, SchoolId, ToolId};
use crate::library::{ItemRef, URL_MAX_CHARS, check_linked_items, markdown};
use crate::meetings::GroupMeeting;
use crate::org::{PersonRef, SchoolRef, Stage};
use crate::validation::{FieldError, Validate, check_name};

/// The longest note, purpose or review comment accepted.
pub const MAX_NOTE_CHARS: usize = 2000;
/// The most people in one school's ICT group.
pub const MAX_ICT_MEMBERS: usize = 30;

/// The school forms a network serves, from its stages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SchoolForm {
    Forskola,
    Grundskola,
    Gymnasieskola,
}

impl SchoolForm {
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (SchoolForm::Forskola, Lang::Sv) => "Förskola",
            (SchoolForm::Forskola, Lang::En) => "Preschool",
            (SchoolForm::Grundskola, Lang::Sv) => "Grundskola",
            (SchoolForm::Grundskola, Lang::En) => "Compulsory school",
            (SchoolForm::Gymnasieskola, Lang::Sv) => "Gymnasieskola",
            (SchoolForm::Gymnasieskola, Lang::En) => "Upper secondary school",
        }
    }

    /// The school form a stage belongs to: förskoleklass, fritidshem and anpassad
    /// grundskola go with the compulsory school.
    pub fn of(stage: Stage) -> SchoolForm {
        match stage {
            Stage::Forskola => SchoolForm::Forskola,
            Stage::Gymnasieskola => SchoolForm::Gymnasieskola,
            Stage::Forskoleklass
            | Stage::Ak1_3
            | Stage::Ak4_6
            | Stage::Ak7_9
            | Stage::Fritidshem
            | Stage::AnpassadGrundskola => SchoolForm::Grundskola,
        }
    }
}

/// The school forms of `stages`, youngest first, each once.
pub fn school_forms(stages: &[Stage]) -> Vec<SchoolForm> {
    let mut out: Vec<SchoolForm> = stages.iter().map(|s| SchoolForm::of(*s)).collect();
    out.sort();
    out.dedup();
    out
}

/// A network in the list: `GET /api/v1/networks`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NetworkSummary {
    pub group: GroupRef,
    pub description: String,
    pub school_forms: Vec<SchoolForm>,
    pub leaders: Vec<PersonRef>,
    pub members: usize,
    /// Good examples approved for the network.
    pub examples: usize,
    /// The next meeting's day, `YYYY-MM-DD`, if one is ahead.
    pub next_meeting: Option<String>,
}

/// A member of a network, with the schools they work at.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NetworkMember {
    pub person: PersonRef,
    pub schools: Vec<SchoolRef>,
    pub leader: bool,
}

/// Where a submitted good example stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ExampleStatus {
    /// Waiting for the ICT strategist.
    Submitted,
    /// On the network's page.
    Approved,
    /// Not taken; the comment says why.
    Declined,
}

impl ExampleStatus {
    pub const ALL: [ExampleStatus; 3] = [
        ExampleStatus::Submitted,
        ExampleStatus::Approved,
        ExampleStatus::Declined,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ExampleStatus::Submitted => "submitted",
            ExampleStatus::Approved => "approved",
            ExampleStatus::Declined => "declined",
        }
    }

    pub fn from_code(code: &str) -> Option<ExampleStatus> {
        ExampleStatus::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (ExampleStatus::Submitted, Lang::Sv) => "Väntar på granskning",
            (ExampleStatus::Submitted, Lang::En) => "Waiting for review",
            (ExampleStatus::Approved, Lang::Sv) => "Godkänt",
            (ExampleStatus::Approved, Lang::En) => "Approved",
            (ExampleStatus::Declined, Lang::Sv) => "Inte med",
            (ExampleStatus::Declined, Lang::En) => "Not taken",
        }
    }
}

/// A library item submitted as a good example for a network.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Example {
    pub id: ExampleId,
    pub item: ItemRef,
    /// Who made the material: the library item's author.
    pub made_by: PersonRef,
    /// The school where it was made, as the one who submitted it said.
    pub school: Option<SchoolRef>,
    pub submitted_by: PersonRef,
    /// `YYYY-MM-DD`.
    pub submitted_on: String,
    /// Why it is a good example, in the submitter's words.
    pub note: String,
    pub status: ExampleStatus,
    /// The ICT strategist's comment (why it was not taken).
    pub review_comment: String,
    pub version: i64,
}

/// Good examples for a network: `POST /api/v1/networks/{group}/examples`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExampleInput {
    /// Published library items, each once.
    pub items: Vec<ItemId>,
    /// One of the submitter's schools: where the material was made.
    #[serde(default)]
    pub school: Option<SchoolId>,
    #[serde(default)]
    pub note: String,
}

fn check_note(value: &str) -> Result<(), Msg> {
    crate::text::check_text(value, true)?;
    if value.chars().count() > MAX_NOTE_CHARS {
        return Err(Msg::TextTooLong);
    }
    Ok(())
}

impl Validate for ExampleInput {
    fn validate(&self) -> Vec<FieldError> {
        let mut out = Vec::new();
        if self.items.is_empty() {
            out.push(FieldError::new("items", Msg::ExampleItemsRequired));
        } else if let Err(m) = check_linked_items(&self.items) {
            out.push(FieldError::new("items", m));
        }
        if let Err(m) = check_note(&self.note) {
            out.push(FieldError::new("note", m));
        }
        out
    }
}

/// The ICT strategist's review of a good example:
/// `PUT /api/v1/networks/{group}/examples/{example}/review`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExampleReview {
    pub status: ExampleStatus,
    /// Needed when declining, so the member knows why.
    #[serde(default)]
    pub comment: String,
    pub version: i64,
}

impl Validate for ExampleReview {
    fn validate(&self) -> Vec<FieldError> {
        let mut out = Vec::new();
        if let Err(m) = check_note(&self.comment) {
            out.push(FieldError::new("comment", m));
        } else if self.status == ExampleStatus::Declined && self.comment.trim().is_empty() {
            out.push(FieldError::new("comment", Msg::ExampleDeclineReason));
        }
        out
    }
}

/// What the network's page shows of its examples to `reader`: the approved ones to
/// everyone; the ones waiting or declined to those who review and to whoever
/// submitted them. Approved first, then by day, newest first.
pub fn visible_examples(examples: Vec<Example>, reader: PersonId, reviews: bool) -> Vec<Example> {
    let mut out: Vec<Example> = examples
        .into_iter()
        .filter(|e| e.status == ExampleStatus::Approved || reviews || e.submitted_by.id == reader)
        .collect();
    out.sort_by(|a, b| {
        (a.status != ExampleStatus::Approved)
            .cmp(&(b.status != ExampleStatus::Approved))
            .then_with(|| b.submitted_on.cmp(&a.submitted_on))
            .then_with(|| b.id.cmp(&a.id))
    });
    out
}

/// One network's page: `GET /api/v1/networks/{group}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NetworkPage {
    pub network: NetworkSummary,
    pub members: Vec<NetworkMember>,
    /// Its meetings, through the meetings (agenda, protocol, action plans), in time order.
    pub meetings: Vec<GroupMeeting>,
    /// See [`visible_examples`].
    pub examples: Vec<Example>,
    pub may_submit: bool,
    pub may_review: bool,
}

/// One of the municipality's digital tools.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DigitalTool {
    pub id: ToolId,
    pub name: String,
    /// What it is for.
    pub purpose: String,
    pub stages: Vec<Stage>,
    /// A guide or film in the library.
    pub guide: Option<ItemRef>,
    /// Where to open it.
    pub url: Option<String>,
    pub version: i64,
}

/// A new tool or a change: `POST /api/v1/networks/tools`, `PUT …/tools/{id}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ToolInput {
    pub name: String,
    #[serde(default)]
    pub purpose: String,
    #[serde(default)]
    pub stages: Vec<Stage>,
    /// A published library item.
    #[serde(default)]
    pub guide: Option<ItemId>,
    /// `https://…` (or `http://`).
    #[serde(default)]
    pub url: Option<String>,
    /// The version changed (a change only).
    #[serde(default)]
    pub version: Option<i64>,
}

impl ToolInput {
    /// The address as stored: trimmed, none when blank.
    pub fn link(&self) -> Option<&str> {
        self.url.as_deref().map(str::trim).filter(|u| !u.is_empty())
    }
}

impl Validate for ToolInput {
    fn validate(&self) -> Vec<FieldError> {
        let mut out = Vec::new();
        if let Err(m) = check_name(&self.name) {
            out.push(FieldError::new("name", m));
        }
        if let Err(m) = check_note(&self.purpose) {
            out.push(FieldError::new("purpose", m));
        }
        if let Some(url) = self.link() {
            let web = url.len() <= URL_MAX_CHARS
                && markdown::safe_url(url).is_some_and(|u| {
                    let u = u.to_ascii_lowercase();
                    u.starts_with("https://") || u.starts_with("http://")
                });
            if !web {
                out.push(FieldError::new("url", Msg::UrlInvalid));
            }
        }
        out
    }
}

/// One's part in a school's ICT group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum IctPart {
    Rektor,
    Administrator,
    IktPedagog,
}

impl IctPart {
    pub const ALL: [IctPart; 3] = [IctPart::Rektor, IctPart::Administrator, IctPart::IktPedagog];

    pub fn code(self) -> &'static str {
        match self {
            IctPart::Rektor => "rektor",
            IctPart::Administrator => "administrator",
            IctPart::IktPedagog => "ikt_pedagog",
        }
    }

    pub fn from_code(code: &str) -> Option<IctPart> {
        IctPart::ALL.into_iter().find(|p| p.code() == code)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (IctPart::Rektor, Lang::Sv) => "Rektor",
            (IctPart::Rektor, Lang::En) => "Principal",
            (IctPart::Administrator, Lang::Sv) => "Administratör",
            (IctPart::Administrator, Lang::En) => "Administrator",
            (IctPart::IktPedagog, Lang::Sv) => "IKT-pedagog",
            (IctPart::IktPedagog, Lang::En) => "ICT pedagogue",
        }
    }
}

/// A person in a school's ICT group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IctMember {
    pub person: PersonRef,
    pub part: IctPart,
}

/// What the ICT group has brought to the work teams.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IctNote {
    pub id: IctNoteId,
    /// `YYYY-MM-DD`.
    pub date: String,
    pub text: String,
    pub author: PersonRef,
    pub version: i64,
}

/// A school's ICT group: `GET /api/v1/networks` lists every school's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IctGroup {
    pub school: SchoolRef,
    /// Principal first, then administrators, then ICT pedagogues.
    pub members: Vec<IctMember>,
    /// Newest first.
    pub notes: Vec<IctNote>,
    /// 0 while nobody has named its members.
    pub version: i64,
    pub may_edit: bool,
    pub may_write: bool,
}

/// A member to name in a school's ICT group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IctMemberInput {
    pub person: PersonId,
    pub part: IctPart,
}

/// The ICT group's members: `PUT /api/v1/networks/schools/{school}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IctGroupInput {
    pub members: Vec<IctMemberInput>,
    /// The group's version (0 for one not named yet).
    pub version: i64,
}

impl Validate for IctGroupInput {
    fn validate(&self) -> Vec<FieldError> {
        let mut people: Vec<PersonId> = self.members.iter().map(|m| m.person).collect();
        people.sort_unstable();
        people.dedup();
        if people.len() != self.members.len() {
            vec![FieldError::new("members", Msg::IctMemberTwice)]
        } else if self.members.len() > MAX_ICT_MEMBERS {
            vec![FieldError::new("members", Msg::ProjectListTooLong)]
        } else {
            Vec::new()
        }
    }
}

/// The members in the order the group shows them: by part, then as given.
pub fn ordered_members(mut members: Vec<IctMember>) -> Vec<IctMember> {
    members.sort_by_key(|m| m.part);
    members
}

/// A note of what the ICT group brought to the work teams:
/// `POST /api/v1/networks/schools/{school}/notes`, `PUT …/notes/{note}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IctNoteInput {
    /// `YYYY-MM-DD`; today when left out.
    #[serde(default)]
    pub date: Option<String>,
    pub text: String,
    /// The version changed (a change only).
    #[serde(default)]
    pub version: Option<i64>,
}

impl Validate for IctNoteInput {
    fn validate(&self) -> Vec<FieldError> {
        let mut out = Vec::new();
        if let Some(date) = &self.date
            && Date::parse(date).is_none()
        {
            out.push(FieldError::new("date", Msg::DateInvalid));
        }
        let text = crate::validation::check_required(&self.text).and(check_note(&self.text));
        if let Err(m) = text {
            out.push(FieldError::new("text", m));
        }
        out
    }
}

/// The networks page: `GET /api/v1/networks`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NetworksFront {
    /// The current school year's networks, by school form and name.
    pub networks: Vec<NetworkSummary>,
    /// The municipality's digital tools, by name.
    pub tools: Vec<DigitalTool>,
    /// Every active school's ICT group, by school.
    pub schools: Vec<IctGroup>,
    /// Whether the caller keeps the tools list (the ICT strategist).
    pub may_edit_tools: bool,
}

#[cfg(test)]
mod tests;
