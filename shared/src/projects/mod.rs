//! Projects: a process leader's value-creating project across schools and stages, with
//! its aim and vision, focus areas, the Agenda 2030 goals it works towards, the schools
//! and partners taking part and its project group; a dated process log written by the
//! process leader and the participants, searchable with the library's Swedish search;
//! and a public showcase of the entries the process leader has cleared for publishing.

pub mod access;
mod report;

use serde::{Deserialize, Serialize};

use crate::date::Date;
use crate::groups::GroupRef;
use crate::i18n::{Lang, Msg};
use crate::ids::{
    ActivityId, GroupId, ItemId, LogEntryId, LogFileId, MilestoneId, ProjectId, ReflectionId,
    SchoolId,
};
use crate::library::search::{match_quality, parse_query, stem, tokens};
use crate::library::{FileType, ItemRef, check_linked_items};
use crate::org::{PersonRef, SchoolRef, Stage};
use crate::validation::{FieldError, Validate, check_name};

pub use report::{ReportBlock, report_blocks, report_markdown};

/// The longest aim, vision, summary, partner's contribution or log entry accepted.
pub const MAX_TEXT_CHARS: usize = 4000;
/// The most rows of any of a project's lists (focus areas, goals, schools, partners).
pub const MAX_LIST: usize = 50;

/// The focus areas a new project starts with (the municipality adds its own).
pub const DEFAULT_FOCUS_AREAS: [(&str, &str); 4] = [
    ("Inkluderande lärmiljöer", "Inclusive learning environments"),
    (
        "Språk- och kunskapsutvecklande arbete",
        "Language- and knowledge-developing work",
    ),
    (
        "Samverkan med företag och organisationer",
        "Cooperation with companies and organisations",
    ),
    ("Digital kompetens", "Digital competence"),
];

/// Global goal `n` as people read it: "13 Bekämpa klimatförändringarna"; empty when
/// there is no such goal.
pub fn global_goal(n: u8, lang: Lang) -> String {
    let names = if lang == Lang::Sv {
        &crate::library::GOALS_SV
    } else {
        &crate::library::GOALS_EN
    };
    match names.get(usize::from(n).wrapping_sub(1)) {
        Some(name) => format!("{n} {name}"),
        None => String::new(),
    }
}

/// A company or organisation taking part.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Partner {
    pub name: String,
    /// Who to contact there (name, e-mail or phone, as written).
    #[serde(default)]
    pub contact: String,
    /// What they contribute.
    #[serde(default)]
    pub contributes: String,
}

/// A project as its page shows it: `GET /api/v1/projects/{id}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Project {
    pub id: ProjectId,
    pub name: String,
    pub aim: String,
    pub vision: String,
    pub focus_areas: Vec<String>,
    /// Numbers of the Agenda 2030 goals (1–17).
    pub global_goals: Vec<u8>,
    pub stages: Vec<Stage>,
    pub schools: Vec<SchoolRef>,
    /// The process leader: who created it.
    pub leader: PersonRef,
    /// The project group, whose members are the participants.
    pub group: Option<GroupRef>,
    pub partners: Vec<Partner>,
    pub showcase: Showcase,
    pub version: i64,
    /// What the caller may do here.
    pub may_edit: bool,
    pub may_write_log: bool,
}

/// The project's public page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Showcase {
    /// Whether anyone may open it, signed in or not.
    pub enabled: bool,
    /// What the page says of the project, above the entries.
    pub summary: String,
    /// The page's address: `/visa/{key}` in the app, `/api/v1/showcase/{key}`.
    pub key: String,
}

/// A project in the list: `GET /api/v1/projects`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProjectListItem {
    pub id: ProjectId,
    pub name: String,
    pub aim: String,
    pub leader: PersonRef,
    pub schools: Vec<SchoolRef>,
    pub stages: Vec<Stage>,
    /// Entries in the process log.
    pub entries: i64,
    pub showcase: bool,
}

/// A new project or a change: `POST /api/v1/projects`, `PUT /api/v1/projects/{id}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProjectInput {
    pub name: String,
    #[serde(default)]
    pub aim: String,
    #[serde(default)]
    pub vision: String,
    /// The four usual ones when left out of a new project.
    #[serde(default)]
    pub focus_areas: Option<Vec<String>>,
    #[serde(default)]
    pub global_goals: Vec<u8>,
    #[serde(default)]
    pub stages: Vec<Stage>,
    #[serde(default)]
    pub schools: Vec<SchoolId>,
    /// A group of kind `projektgrupp` of the municipality.
    #[serde(default)]
    pub group: Option<GroupId>,
    #[serde(default)]
    pub partners: Vec<Partner>,
    #[serde(default)]
    pub showcase_enabled: bool,
    #[serde(default)]
    pub showcase_summary: String,
    /// The version changed (a change only).
    #[serde(default)]
    pub version: Option<i64>,
}

fn check_long(value: &str, required: bool) -> Result<(), Msg> {
    if required {
        crate::validation::check_required(value)?;
    }
    crate::text::check_text(value, true)?;
    if value.chars().count() > MAX_TEXT_CHARS {
        return Err(Msg::GoalTextTooLong);
    }
    Ok(())
}

fn check_list<T>(list: &[T]) -> Result<(), Msg> {
    if list.len() > MAX_LIST {
        Err(Msg::ProjectListTooLong)
    } else {
        Ok(())
    }
}

fn check_goals(goals: &[u8]) -> Result<(), Msg> {
    check_list(goals)?;
    if goals.iter().any(|n| !(1..=17).contains(n)) {
        return Err(Msg::ProjectGlobalGoalInvalid);
    }
    Ok(())
}

impl From<&Project> for ProjectInput {
    /// The project as it stands, as a change to send (based on its version).
    fn from(p: &Project) -> ProjectInput {
        ProjectInput {
            name: p.name.clone(),
            aim: p.aim.clone(),
            vision: p.vision.clone(),
            focus_areas: Some(p.focus_areas.clone()),
            global_goals: p.global_goals.clone(),
            stages: p.stages.clone(),
            schools: p.schools.iter().map(|s| s.id).collect(),
            group: p.group.as_ref().map(|g| g.id),
            partners: p.partners.clone(),
            showcase_enabled: p.showcase.enabled,
            showcase_summary: p.showcase.summary.clone(),
            version: Some(p.version),
        }
    }
}

impl ProjectInput {
    /// The focus areas to store: those given (each once, trimmed, in the order given),
    /// or the four usual ones in Swedish.
    pub fn focus_areas_or_default(&self) -> Vec<String> {
        match &self.focus_areas {
            Some(areas) => distinct(areas.iter().map(|a| a.trim().to_owned())),
            None => DEFAULT_FOCUS_AREAS
                .iter()
                .map(|(sv, _)| (*sv).to_owned())
                .collect(),
        }
    }
}

impl Validate for ProjectInput {
    fn validate(&self) -> Vec<FieldError> {
        let mut out = Vec::new();
        let mut push = |field, r: Result<(), Msg>| {
            if let Err(m) = r {
                out.push(FieldError::new(field, m));
            }
        };
        push("name", check_name(&self.name));
        push("aim", check_long(&self.aim, false));
        push("vision", check_long(&self.vision, false));
        if let Some(areas) = &self.focus_areas {
            push(
                "focus_areas",
                check_list(areas).and(areas.iter().try_for_each(|a| check_name(a))),
            );
        }
        push("global_goals", check_goals(&self.global_goals));
        push("stages", check_list(&self.stages));
        push("schools", check_list(&self.schools));
        push(
            "partners",
            check_list(&self.partners).and(self.partners.iter().try_for_each(|p| {
                check_name(&p.name)?;
                check_long(&p.contact, false)?;
                check_long(&p.contributes, false)
            })),
        );
        push(
            "showcase_summary",
            check_long(&self.showcase_summary, false),
        );
        out
    }
}

/// One entry of the process log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LogEntry {
    pub id: LogEntryId,
    /// `YYYY-MM-DD`.
    pub date: String,
    pub author: PersonRef,
    pub text: String,
    pub focus_areas: Vec<String>,
    pub global_goals: Vec<u8>,
    /// Cleared by the process leader for the public showcase: no pupils' names or faces
    /// unless they may be shown.
    pub cleared: bool,
    /// Photos and files, in upload order.
    #[serde(default)]
    pub files: Vec<LogFile>,
    /// Library items the entry links (published ones only).
    #[serde(default)]
    pub items: Vec<ItemRef>,
    pub version: i64,
}

/// A photo or file of a log entry, stored as library files are.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LogFile {
    pub id: LogFileId,
    /// The name it was uploaded under, for showing and downloading.
    pub name: String,
    pub file_type: FileType,
    pub size: i64,
    /// Where to fetch it: a link signed for the reader that expires.
    #[serde(default)]
    pub url: String,
    /// Marked by the process leader as fit for the public page: no pupil can be
    /// recognised in it, or their guardians have consented. Shown publicly only when
    /// its entry is cleared too.
    pub cleared: bool,
}

impl LogFile {
    /// Whether the page shows it as a picture.
    pub fn is_image(&self) -> bool {
        matches!(
            self.file_type,
            FileType::Png | FileType::Jpeg | FileType::Gif | FileType::Webp
        )
    }
}

/// The mark of a photo or file as fit for the public page, or taking it back:
/// `PUT /api/v1/projects/{id}/log/{entry}/files/{file}/clearance`. `version` is the
/// entry's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FileClearanceInput {
    pub cleared: bool,
    pub version: i64,
}

/// A new log entry or a change: `POST /api/v1/projects/{id}/log`,
/// `PUT /api/v1/projects/{id}/log/{entry}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LogEntryInput {
    /// `YYYY-MM-DD`; today when left out.
    #[serde(default)]
    pub date: Option<String>,
    pub text: String,
    /// Among the project's own focus areas.
    #[serde(default)]
    pub focus_areas: Vec<String>,
    #[serde(default)]
    pub global_goals: Vec<u8>,
    /// Published library items to link, each once.
    #[serde(default)]
    pub items: Vec<ItemId>,
    /// The version changed (a change only).
    #[serde(default)]
    pub version: Option<i64>,
}

impl From<&LogEntry> for LogEntryInput {
    /// The entry as it stands, as a change to send (based on its version).
    fn from(e: &LogEntry) -> LogEntryInput {
        LogEntryInput {
            date: Some(e.date.clone()),
            text: e.text.clone(),
            focus_areas: e.focus_areas.clone(),
            global_goals: e.global_goals.clone(),
            items: e.items.iter().map(|i| i.id).collect(),
            version: Some(e.version),
        }
    }
}

impl Validate for LogEntryInput {
    fn validate(&self) -> Vec<FieldError> {
        let mut out = Vec::new();
        if let Some(date) = &self.date
            && Date::parse(date).is_none()
        {
            out.push(FieldError::new("date", Msg::DateInvalid));
        }
        if let Err(m) = check_long(&self.text, true) {
            out.push(FieldError::new("text", m));
        }
        if let Err(m) = check_list(&self.focus_areas) {
            out.push(FieldError::new("focus_areas", m));
        }
        if let Err(m) = check_goals(&self.global_goals) {
            out.push(FieldError::new("global_goals", m));
        }
        if let Err(m) = check_linked_items(&self.items) {
            out.push(FieldError::new("items", m));
        }
        out
    }
}

/// The tags of an entry that are not among the project's focus areas.
pub fn unknown_focus_areas<'a>(tags: &'a [String], project: &[String]) -> Vec<&'a str> {
    tags.iter()
        .map(String::as_str)
        .filter(|t| !project.iter().any(|p| p == t))
        .collect()
}

/// Whether a changed entry stays cleared for publishing: only when what would be shown
/// is unchanged (a new text must be cleared again, so nothing reaches the public page
/// unseen by the process leader).
pub fn stays_cleared(before: &LogEntry, text: &str, date: &str) -> bool {
    before.cleared && before.text == text && before.date == date
}

/// A clearance for the showcase, or taking it back:
/// `PUT /api/v1/projects/{id}/log/{entry}/clearance`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ClearanceInput {
    pub cleared: bool,
    pub version: i64,
}

/// A project's page with its log: `GET /api/v1/projects/{id}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProjectPage {
    pub project: Project,
    /// Newest first; empty for one who may not read the log.
    pub log: Vec<LogEntry>,
    /// The project group's meetings (agenda, protocol, action plans), in time order.
    #[serde(default)]
    pub meetings: Vec<crate::meetings::GroupMeeting>,
    /// The milestones, by date, with their follow-up and the participants' reflections
    /// (the reflections for those who read the log).
    #[serde(default)]
    pub milestones: Vec<Milestone>,
}

/// A milestone: a dated point of the project on the wheel's project ring, followed up
/// when it is reached (done, and what came of it), with the participants' reflections.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Milestone {
    pub id: MilestoneId,
    /// Its activity on the wheel (moved there, the milestone moves with it).
    pub activity: ActivityId,
    pub title: String,
    /// `YYYY-MM-DD`.
    pub due_on: String,
    pub done: bool,
    /// What came of it.
    pub outcome: String,
    /// Oldest first.
    pub reflections: Vec<Reflection>,
    pub version: i64,
}

/// A participant's reflection on a milestone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Reflection {
    pub id: ReflectionId,
    pub author: PersonRef,
    pub text: String,
    /// `YYYY-MM-DD`.
    pub written_on: String,
}

/// A new milestone or a change with its follow-up: `POST /api/v1/projects/{id}/milestones`,
/// `PUT /api/v1/projects/{id}/milestones/{milestone}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MilestoneInput {
    pub title: String,
    /// `YYYY-MM-DD`, within a school year of the municipality.
    pub due_on: String,
    #[serde(default)]
    pub done: bool,
    #[serde(default)]
    pub outcome: String,
    /// The version changed (a change only).
    #[serde(default)]
    pub version: Option<i64>,
}

impl From<&Milestone> for MilestoneInput {
    /// The milestone as it stands, as a change to send (based on its version).
    fn from(m: &Milestone) -> MilestoneInput {
        MilestoneInput {
            title: m.title.clone(),
            due_on: m.due_on.clone(),
            done: m.done,
            outcome: m.outcome.clone(),
            version: Some(m.version),
        }
    }
}

impl Validate for MilestoneInput {
    fn validate(&self) -> Vec<FieldError> {
        let mut out = Vec::new();
        if let Err(m) = check_name(&self.title) {
            out.push(FieldError::new("title", m));
        }
        if Date::parse(&self.due_on).is_none() {
            out.push(FieldError::new("due_on", Msg::DateInvalid));
        }
        if let Err(m) = check_long(&self.outcome, false) {
            out.push(FieldError::new("outcome", m));
        }
        out
    }
}

/// A reflection to add: `POST /api/v1/projects/{id}/milestones/{milestone}/reflections`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReflectionInput {
    pub text: String,
}

impl Validate for ReflectionInput {
    fn validate(&self) -> Vec<FieldError> {
        match check_long(&self.text, true) {
            Ok(()) => Vec::new(),
            Err(m) => vec![FieldError::new("text", m)],
        }
    }
}

/// Whether milestone `due_on` and `today` (`YYYY-MM-DD`) make it one to follow up: its
/// day has come and it is not marked done.
pub fn awaits_follow_up(m: &Milestone, today: &str) -> bool {
    !m.done && m.due_on.as_str() <= today
}

/// The public showcase: `GET /api/v1/showcase/{key}`, no sign-in. Only what the process
/// leader chose: the summary and the cleared entries, no authors' names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublicProject {
    pub name: String,
    pub municipality: String,
    pub summary: String,
    pub aim: String,
    pub vision: String,
    pub focus_areas: Vec<String>,
    pub global_goals: Vec<u8>,
    pub stages: Vec<Stage>,
    pub schools: Vec<String>,
    /// Partners by name, with what they contribute (no contact persons).
    pub partners: Vec<PublicPartner>,
    pub entries: Vec<PublicEntry>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublicPartner {
    pub name: String,
    pub contributes: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublicEntry {
    pub date: String,
    pub text: String,
    pub focus_areas: Vec<String>,
    pub global_goals: Vec<u8>,
    /// The photos and files marked as fit for the public page.
    #[serde(default)]
    pub files: Vec<PublicFile>,
}

/// A photo or file on the public page, by a link for anyone that expires.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublicFile {
    pub name: String,
    pub file_type: FileType,
    pub url: String,
}

impl PublicFile {
    /// Whether the page shows it as a picture.
    pub fn is_image(&self) -> bool {
        matches!(
            self.file_type,
            FileType::Png | FileType::Jpeg | FileType::Gif | FileType::Webp
        )
    }
}

/// The showcase made of a project and its log: the cleared entries only, newest first,
/// each with only its files marked as fit for the public page. `public_url` gives the
/// link for anyone of such a file (the signed-in reader's `url` never goes out).
pub fn public_project(
    project: &Project,
    municipality: &str,
    log: &[LogEntry],
    public_url: impl Fn(LogFileId) -> String,
) -> PublicProject {
    let mut entries: Vec<&LogEntry> = log.iter().filter(|e| e.cleared).collect();
    entries.sort_by(|a, b| b.date.cmp(&a.date).then(b.id.cmp(&a.id)));
    PublicProject {
        name: project.name.clone(),
        municipality: municipality.to_owned(),
        summary: project.showcase.summary.clone(),
        aim: project.aim.clone(),
        vision: project.vision.clone(),
        focus_areas: project.focus_areas.clone(),
        global_goals: project.global_goals.clone(),
        stages: project.stages.clone(),
        schools: project.schools.iter().map(|s| s.name.clone()).collect(),
        partners: project
            .partners
            .iter()
            .map(|p| PublicPartner {
                name: p.name.clone(),
                contributes: p.contributes.clone(),
            })
            .collect(),
        entries: entries
            .into_iter()
            .map(|e| PublicEntry {
                date: e.date.clone(),
                text: e.text.clone(),
                focus_areas: e.focus_areas.clone(),
                global_goals: e.global_goals.clone(),
                files: e
                    .files
                    .iter()
                    .filter(|f| f.cleared)
                    .map(|f| PublicFile {
                        name: f.name.clone(),
                        file_type: f.file_type,
                        url: public_url(f.id),
                    })
                    .collect(),
            })
            .collect(),
    }
}

/// Whether `entry` answers the search `query` with the library's Swedish search: every
/// word of the query (stemmed, the last one also as a prefix while typed) is a word of
/// its text, its author's name, its focus areas, its files' names or its linked items'
/// titles. An empty query finds everything.
pub fn entry_matches(entry: &LogEntry, query: &str) -> bool {
    let words = parse_query(query);
    if words.is_empty() {
        return true;
    }
    let mut text = format!("{} {}", entry.text, entry.author.name);
    let named = entry.focus_areas.iter().map(String::as_str);
    let named = named
        .chain(entry.files.iter().map(|f| f.name.as_str()))
        .chain(entry.items.iter().map(|i| i.title.as_str()));
    for name in named {
        text.push(' ');
        text.push_str(name);
    }
    let stems: Vec<String> = tokens(&text).iter().map(|t| stem(&t.word)).collect();
    words
        .iter()
        .all(|w| stems.iter().any(|s| match_quality(w, s).is_some()))
}

/// A showcase address part for a project: its name folded to letters, digits and
/// dashes, followed by `suffix` (random, made by the server) so it cannot be guessed.
pub fn showcase_key(name: &str, suffix: &str) -> String {
    let code = crate::org::code_from_name(name).replace('_', "-");
    let code: String = code.chars().take(40).collect();
    let code = code.trim_end_matches('-');
    if code.is_empty() {
        suffix.to_owned()
    } else {
        format!("{code}-{suffix}")
    }
}

/// Each value once, in first-seen order, blanks left out.
fn distinct(values: impl IntoIterator<Item = String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for v in values {
        if !v.is_empty() && !out.contains(&v) {
            out.push(v);
        }
    }
    out
}

#[cfg(test)]
mod tests;
