//! Groups and rosters: school years, the kinds of groups collegial learning runs in
//! (learning groups, the leaders' group, principals' groups, ICT networks, the steering
//! group, project groups), their members and leaders, the automatic formation of
//! learning groups and the documenter rotation.

pub mod access;
pub mod formation;
pub mod rotation;

use serde::{Deserialize, Serialize};

use crate::date::Date;
use crate::i18n::{Lang, Msg};
use crate::ids::{GroupId, PersonId, SchoolYearId};
use crate::org::{SchoolRef, Stage};
use crate::validation::{FieldError, Validate, check_name, collect};

/// A calendar date as `YYYY-MM-DD`, the form the API and `<input type=date>` use.
pub type IsoDate = String;

/// A school year, e.g. 2026/27 from mid-August to mid-June, with an autumn term (HT)
/// and a spring term (VT).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SchoolYear {
    pub id: SchoolYearId,
    /// E.g. "2026/27".
    pub name: String,
    /// The first day of the autumn term.
    pub starts_on: IsoDate,
    /// The first day of the spring term.
    pub spring_starts_on: IsoDate,
    /// The last day of the spring term.
    pub ends_on: IsoDate,
    pub version: i64,
}

impl SchoolYear {
    /// The term a date falls in, if it is within the year.
    pub fn term_of(&self, date: &str) -> Option<Term> {
        if date < self.starts_on.as_str() || date > self.ends_on.as_str() {
            None
        } else if date < self.spring_starts_on.as_str() {
            Some(Term::Autumn)
        } else {
            Some(Term::Spring)
        }
    }
}

/// A term of a school year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Term {
    /// Höstterminen (HT).
    Autumn,
    /// Vårterminen (VT).
    Spring,
}

impl Term {
    /// "HT" or "VT" (the same in English use at Swedish schools: "autumn"/"spring").
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Term::Autumn, Lang::Sv) => "HT",
            (Term::Spring, Lang::Sv) => "VT",
            (Term::Autumn, Lang::En) => "Autumn",
            (Term::Spring, Lang::En) => "Spring",
        }
    }
}

/// A new school year: `POST /api/v1/school-years`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewSchoolYear {
    pub name: String,
    pub starts_on: IsoDate,
    pub spring_starts_on: IsoDate,
    pub ends_on: IsoDate,
}

impl NewSchoolYear {
    /// The usual shape of the school year that starts in the autumn of `year`: from
    /// mid-August to mid-June, the spring term from the second week of January.
    pub fn suggest(year: i32) -> NewSchoolYear {
        NewSchoolYear {
            name: format!("{year}/{:02}", (year + 1) % 100),
            starts_on: format!("{year}-08-17"),
            spring_starts_on: format!("{}-01-08", year + 1),
            ends_on: format!("{}-06-12", year + 1),
        }
    }
}

/// The most days a school year spans, its first and last day counted: a year, a leap
/// year's day included.
pub const SCHOOL_YEAR_MAX_DAYS: i64 = 366;

impl SchoolYear {
    /// Whether the year shares a day with the one from `starts_on` to `ends_on`.
    pub fn overlaps(&self, starts_on: &str, ends_on: &str) -> bool {
        self.starts_on.as_str() <= ends_on && starts_on <= self.ends_on.as_str()
    }
}

/// Whether `s` is a real calendar date written `YYYY-MM-DD`.
pub fn is_iso_date(s: &str) -> bool {
    crate::date::Date::parse(s).is_some_and(|d| (1900..=2200).contains(&d.year))
}

impl Validate for NewSchoolYear {
    fn validate(&self) -> Vec<FieldError> {
        let date = |v: &str| {
            if v.trim().is_empty() {
                Err(Msg::FieldRequired)
            } else if is_iso_date(v) {
                Ok(())
            } else {
                Err(Msg::DateInvalid)
            }
        };
        let mut errors = collect([
            ("name", check_name(&self.name)),
            ("starts_on", date(&self.starts_on)),
            ("spring_starts_on", date(&self.spring_starts_on)),
            ("ends_on", date(&self.ends_on)),
        ]);
        if errors.is_empty() {
            if self.spring_starts_on <= self.starts_on {
                errors.push(FieldError::new("spring_starts_on", Msg::SpringBeforeAutumn));
            } else if self.ends_on <= self.spring_starts_on {
                errors.push(FieldError::new("ends_on", Msg::EndBeforeStart));
            } else if let (Some(start), Some(end)) =
                (Date::parse(&self.starts_on), Date::parse(&self.ends_on))
                && start.days_until(end) >= SCHOOL_YEAR_MAX_DAYS
            {
                errors.push(FieldError::new("ends_on", Msg::SchoolYearTooLong));
            }
        }
        errors
    }
}

/// The kind of a group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum GroupKind {
    /// A learning group of teachers of one subject and stage.
    Largrupp,
    /// The leaders of the year's learning groups (kept in step automatically).
    Ledargrupp,
    /// Principals.
    Rektorsgrupp,
    /// ICT pedagogues, per school form.
    IktNatverk,
    /// The steering group.
    Styrgrupp,
    /// A cross-school project with a process leader.
    Projektgrupp,
    /// Another network the municipality runs (the förstelärare's, say).
    Natverk,
}

impl GroupKind {
    /// Every kind, in the order they are listed.
    pub const ALL: [GroupKind; 7] = [
        GroupKind::Largrupp,
        GroupKind::Ledargrupp,
        GroupKind::Rektorsgrupp,
        GroupKind::IktNatverk,
        GroupKind::Styrgrupp,
        GroupKind::Projektgrupp,
        GroupKind::Natverk,
    ];

    /// The stable code used in the API and the database.
    pub fn code(self) -> &'static str {
        match self {
            GroupKind::Largrupp => "largrupp",
            GroupKind::Ledargrupp => "ledargrupp",
            GroupKind::Rektorsgrupp => "rektorsgrupp",
            GroupKind::IktNatverk => "ikt_natverk",
            GroupKind::Styrgrupp => "styrgrupp",
            GroupKind::Projektgrupp => "projektgrupp",
            GroupKind::Natverk => "natverk",
        }
    }

    /// Parses a stable code.
    pub fn from_code(code: &str) -> Option<GroupKind> {
        GroupKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The name shown to people.
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (GroupKind::Largrupp, Lang::Sv) => "Lärgrupp",
            (GroupKind::Largrupp, Lang::En) => "Learning group",
            (GroupKind::Ledargrupp, Lang::Sv) => "Ledargrupp",
            (GroupKind::Ledargrupp, Lang::En) => "Leaders' group",
            (GroupKind::Rektorsgrupp, Lang::Sv) => "Rektorsgrupp",
            (GroupKind::Rektorsgrupp, Lang::En) => "Principals' group",
            (GroupKind::IktNatverk, Lang::Sv) => "IKT-nätverk",
            (GroupKind::IktNatverk, Lang::En) => "ICT network",
            (GroupKind::Styrgrupp, Lang::Sv) => "Styrgrupp",
            (GroupKind::Styrgrupp, Lang::En) => "Steering group",
            (GroupKind::Projektgrupp, Lang::Sv) => "Projektgrupp",
            (GroupKind::Projektgrupp, Lang::En) => "Project group",
            (GroupKind::Natverk, Lang::Sv) => "Nätverk",
            (GroupKind::Natverk, Lang::En) => "Network",
        }
    }

    /// Whether the steering group edits its members by hand (the leaders' group follows
    /// the learning groups' leaders instead).
    pub fn members_editable(self) -> bool {
        self != GroupKind::Ledargrupp
    }

    /// Whether groups of this kind are networks (`/natverk`).
    pub fn is_network(self) -> bool {
        matches!(self, GroupKind::IktNatverk | GroupKind::Natverk)
    }
}

/// A member of a group, as the roster shows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GroupMember {
    pub id: PersonId,
    pub name: String,
    /// Null to those who may not see it: see `access::sees_member_emails`.
    pub email: Option<String>,
    pub schools: Vec<SchoolRef>,
    /// Subject codes, the priority subject first.
    pub subjects: Vec<String>,
    pub leader: bool,
    /// Why the formation placed them here ("Matematik 4–6, fler skolor i gruppen");
    /// empty for people added by hand.
    pub reason: String,
    /// Deactivated people stay in the history but are marked.
    pub active: bool,
}

/// A group with its members in documenter rotation order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Group {
    pub id: GroupId,
    pub school_year_id: SchoolYearId,
    pub kind: GroupKind,
    pub name: String,
    /// A subject code, for learning groups.
    pub subject: Option<String>,
    /// The stages (or, for an ICT network, the school form) the group is for.
    pub stages: Vec<Stage>,
    /// The size the group should have, if any.
    pub target_size: Option<u32>,
    pub description: String,
    /// Members in documenter rotation order.
    pub members: Vec<GroupMember>,
    /// Who documents the next meeting when nobody is absent.
    pub next_documenter: Option<PersonId>,
    pub version: i64,
}

impl Group {
    /// The group's leaders.
    pub fn leaders(&self) -> impl Iterator<Item = &GroupMember> {
        self.members.iter().filter(|m| m.leader)
    }
}

/// A new group: `POST /api/v1/groups`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewGroup {
    pub school_year_id: SchoolYearId,
    pub kind: Option<GroupKind>,
    pub name: String,
    #[serde(default)]
    pub subject: Option<String>,
    #[serde(default)]
    pub stages: Vec<Stage>,
    #[serde(default)]
    pub target_size: Option<u32>,
    #[serde(default)]
    pub description: String,
    /// Members, in rotation order.
    #[serde(default)]
    pub members: Vec<PersonId>,
    #[serde(default)]
    pub leaders: Vec<PersonId>,
}

/// The longest description kept.
pub const DESCRIPTION_MAX_CHARS: usize = 2000;

fn check_description(value: &str) -> Result<(), Msg> {
    if value.chars().count() > DESCRIPTION_MAX_CHARS {
        Err(Msg::TextTooLong)
    } else {
        Ok(())
    }
}

fn check_target(value: Option<u32>) -> Result<(), Msg> {
    match value {
        Some(n) if !(2..=200).contains(&n) => Err(Msg::TargetSizeOutOfRange),
        _ => Ok(()),
    }
}

impl Validate for NewGroup {
    fn validate(&self) -> Vec<FieldError> {
        collect([
            ("name", check_name(&self.name)),
            (
                "kind",
                match self.kind {
                    None => Err(Msg::FieldRequired),
                    Some(GroupKind::Ledargrupp) => Err(Msg::LeadersGroupAutomatic),
                    Some(_) => Ok(()),
                },
            ),
            ("target_size", check_target(self.target_size)),
            ("description", check_description(&self.description)),
            (
                "leaders",
                if self.leaders.iter().all(|l| self.members.contains(l)) {
                    Ok(())
                } else {
                    Err(Msg::LeaderNotMember)
                },
            ),
        ])
    }
}

/// A change to a group: `PATCH /api/v1/groups/{id}`. Absent fields stay as they are.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GroupPatch {
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub target_size: Option<Option<u32>>,
    /// The leaders (each must be a member).
    #[serde(default)]
    pub leaders: Option<Vec<PersonId>>,
    /// The documenter rotation: every member exactly once, in the new order.
    #[serde(default)]
    pub rotation: Option<Vec<PersonId>>,
    /// The version the change is based on.
    pub version: i64,
}

impl Validate for GroupPatch {
    fn validate(&self) -> Vec<FieldError> {
        collect([
            ("name", self.name.as_deref().map_or(Ok(()), check_name)),
            (
                "description",
                self.description
                    .as_deref()
                    .map_or(Ok(()), check_description),
            ),
            ("target_size", check_target(self.target_size.flatten())),
        ])
    }
}

/// Move a person from one group to another: `POST /api/v1/groups/{id}/moves`, where
/// `{id}` is the group they leave. Both groups' versions must be current.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Move {
    pub person_id: PersonId,
    pub to_group_id: GroupId,
    pub from_version: i64,
    pub to_version: i64,
}

/// Merge a group into another of the same kind and year: `POST /api/v1/groups/{id}/merge`,
/// where `{id}` is the group that ends. Its members join the other group, after that
/// group's own in the rotation, and keep their leader marks. Both versions must be
/// current.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Merge {
    pub into_group_id: GroupId,
    pub version: i64,
    pub into_version: i64,
}

/// Add a person to a group: `POST /api/v1/groups/{id}/members`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewMember {
    pub person_id: PersonId,
    pub version: i64,
}

/// A person's groups for "Mina grupper": `GET /api/v1/groups/mine`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MyGroups {
    pub school_year: Option<SchoolYear>,
    pub groups: Vec<Group>,
    /// The subject the person chose to meet colleagues in (see [`LearningSubject`]).
    #[serde(default)]
    pub learning_subject: Option<String>,
}

/// One teacher of a school and their groups, for a principal's roster.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SchoolRosterRow {
    pub person_id: PersonId,
    pub name: String,
    pub subjects: Vec<String>,
    /// (group id, kind, name) of each group the person is in this year.
    pub groups: Vec<GroupRef>,
}

/// A group named in a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GroupRef {
    pub id: GroupId,
    pub kind: GroupKind,
    pub name: String,
}

/// The groups one person is in: `GET /api/v1/groups/memberships?people=…`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PersonGroups {
    pub person_id: PersonId,
    pub groups: Vec<GroupRef>,
}

/// A warning about the roster as it stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RosterWarning {
    /// A learning group with fewer members than the lower bound.
    TooSmall {
        group_id: GroupId,
        size: u32,
        min: u32,
    },
    /// A learning group with more members than the upper bound.
    TooLarge {
        group_id: GroupId,
        size: u32,
        max: u32,
    },
    /// A teacher in no learning group this year.
    Ungrouped { person_id: PersonId, name: String },
}

impl RosterWarning {
    /// A sentence for the steering group. `group_name` names the group warned about.
    pub fn text(&self, lang: Lang, group_name: &str) -> String {
        match (self, lang) {
            (RosterWarning::TooSmall { size, min, .. }, Lang::Sv) => {
                format!("{group_name} har {size} medlemmar, färre än {min}.")
            }
            (RosterWarning::TooSmall { size, min, .. }, Lang::En) => {
                format!("{group_name} has {size} members, fewer than {min}.")
            }
            (RosterWarning::TooLarge { size, max, .. }, Lang::Sv) => {
                format!("{group_name} har {size} medlemmar, fler än {max}.")
            }
            (RosterWarning::TooLarge { size, max, .. }, Lang::En) => {
                format!("{group_name} has {size} members, more than {max}.")
            }
            (RosterWarning::Ungrouped { name, .. }, Lang::Sv) => {
                format!("{name} är inte med i någon lärgrupp.")
            }
            (RosterWarning::Ungrouped { name, .. }, Lang::En) => {
                format!("{name} is in no learning group.")
            }
        }
    }
}

/// The whole roster of a year for the steering group: `GET /api/v1/groups?year=…`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Roster {
    pub school_year: SchoolYear,
    pub bounds: formation::Bounds,
    pub groups: Vec<Group>,
    pub warnings: Vec<RosterWarning>,
}

/// The warnings for a year's learning groups: sizes outside `bounds`, and teachers in none.
pub fn roster_warnings(
    groups: &[Group],
    bounds: formation::Bounds,
    teachers: &[(PersonId, String)],
) -> Vec<RosterWarning> {
    let learning = || groups.iter().filter(|g| g.kind == GroupKind::Largrupp);
    let mut warnings = Vec::new();
    for g in learning() {
        let size = g.members.iter().filter(|m| m.active).count() as u32;
        if size < bounds.min {
            warnings.push(RosterWarning::TooSmall {
                group_id: g.id,
                size,
                min: bounds.min,
            });
        } else if size > bounds.max {
            warnings.push(RosterWarning::TooLarge {
                group_id: g.id,
                size,
                max: bounds.max,
            });
        }
    }
    let placed: std::collections::BTreeSet<PersonId> = learning()
        .flat_map(|g| g.members.iter().map(|m| m.id))
        .collect();
    for (id, name) in teachers {
        if !placed.contains(id) {
            warnings.push(RosterWarning::Ungrouped {
                person_id: *id,
                name: name.clone(),
            });
        }
    }
    warnings
}

/// Which school year and settings a formation is for: `POST /api/v1/groups/formation`
/// (and `/preview`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FormationRequest {
    pub school_year_id: SchoolYearId,
    pub settings: formation::Settings,
    /// The preview's fingerprint; a save is refused (409) when the input has changed
    /// since. Left out, the save takes the input as it is.
    #[serde(default)]
    pub fingerprint: Option<String>,
}

/// A person named in a formation preview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PersonName {
    pub id: PersonId,
    pub name: String,
    /// The person's first school, or empty.
    pub school: String,
}

/// Everything the browser needs to preview a formation itself, live, as the bounds
/// change: `GET /api/v1/groups/formation/input?year=…`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FormationInput {
    pub school_year: SchoolYear,
    /// The municipality's bounds, as last saved.
    pub bounds: formation::Bounds,
    pub candidates: Vec<formation::Candidate>,
    pub existing: Vec<formation::ExistingGroup>,
    pub people: Vec<PersonName>,
}

/// A formation as the server computed it: `POST /api/v1/groups/formation/preview`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FormationPreview {
    pub plan: formation::Plan,
    /// The name of each planned group (existing groups keep theirs), in plan order.
    pub names: Vec<String>,
    pub mix: formation::MixReport,
}

/// The subject a person chose to meet colleagues in: `PUT /api/v1/me/learning-subject`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LearningSubject {
    /// One of the person's subject codes; none for their first subject.
    pub subject: Option<String>,
}

/// Who documents next: `GET /api/v1/groups/{id}/next-documenter?absent=…`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NextDocumenter {
    pub person_id: Option<PersonId>,
}

/// Who documented a meeting: `POST /api/v1/groups/{id}/documenter`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DocumenterRecord {
    pub person_id: PersonId,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_school_year_lasts_at_most_a_year_and_knows_its_overlaps() {
        let year = |starts_on: &str, ends_on: &str| NewSchoolYear {
            name: "2026/27".into(),
            starts_on: starts_on.into(),
            spring_starts_on: "2027-01-08".into(),
            ends_on: ends_on.into(),
        };
        let fields = |y: NewSchoolYear| -> Vec<(&str, Msg)> {
            y.validate().into_iter().map(|e| (e.field, e.msg)).collect()
        };
        assert_eq!(fields(NewSchoolYear::suggest(2026)), vec![]);
        assert_eq!(fields(year("2026-07-01", "2027-06-30")), vec![]);
        // From 2026-08-16 to 2027-08-16 is 366 days, both counted: the most.
        assert_eq!(fields(year("2026-08-16", "2027-08-16")), vec![]);
        assert_eq!(
            fields(year("2026-08-16", "2027-08-17")),
            vec![("ends_on", Msg::SchoolYearTooLong)]
        );
        assert_eq!(
            fields(year("2026-08-17", "2126-06-12")),
            vec![("ends_on", Msg::SchoolYearTooLong)]
        );
        let existing = SchoolYear {
            id: SchoolYearId(1),
            name: "2026/27".into(),
            starts_on: "2026-08-17".into(),
            spring_starts_on: "2027-01-08".into(),
            ends_on: "2027-06-12".into(),
            version: 1,
        };
        assert!(existing.overlaps("2027-06-12", "2028-06-10"));
        assert!(existing.overlaps("2025-08-18", "2026-08-17"));
        assert!(existing.overlaps("2026-09-01", "2026-10-01"));
        assert!(!existing.overlaps("2027-06-13", "2028-06-10"));
        assert!(!existing.overlaps("2025-08-18", "2026-06-12"));
    }

    #[test]
    fn dates_are_checked_for_real() {
        assert!(is_iso_date("2026-08-17"));
        assert!(is_iso_date("2028-02-29"));
        assert!(!is_iso_date("2027-02-29"));
        assert!(!is_iso_date("2026-13-01"));
        assert!(!is_iso_date("2026-8-17"));
        assert!(!is_iso_date("17/08/2026"));
    }

    #[test]
    fn a_suggested_year_is_valid_and_terms_split_it() {
        let new = NewSchoolYear::suggest(2026);
        assert_eq!(new.name, "2026/27");
        assert!(new.validate().is_empty());
        let year = SchoolYear {
            id: SchoolYearId(1),
            name: new.name,
            starts_on: new.starts_on,
            spring_starts_on: new.spring_starts_on,
            ends_on: new.ends_on,
            version: 1,
        };
        assert_eq!(year.term_of("2026-10-01"), Some(Term::Autumn));
        assert_eq!(year.term_of("2027-03-01"), Some(Term::Spring));
        assert_eq!(year.term_of("2027-07-01"), None);
    }

    #[test]
    fn terms_in_the_wrong_order_name_the_field() {
        let mut new = NewSchoolYear::suggest(2026);
        new.spring_starts_on = "2026-08-01".into();
        let errors = new.validate();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].field, "spring_starts_on");
        let mut new = NewSchoolYear::suggest(2026);
        new.ends_on = "2026-12-01".into();
        assert_eq!(new.validate()[0].field, "ends_on");
    }

    #[test]
    fn a_leader_must_be_a_member_and_the_leaders_group_is_not_made_by_hand() {
        let new = NewGroup {
            kind: Some(GroupKind::Ledargrupp),
            name: "Ledare".into(),
            members: vec![PersonId(1)],
            leaders: vec![PersonId(2)],
            ..Default::default()
        };
        let fields: Vec<&str> = new.validate().iter().map(|e| e.field).collect();
        assert_eq!(fields, ["kind", "leaders"]);
    }

    #[test]
    fn kind_codes_round_trip() {
        for k in GroupKind::ALL {
            assert_eq!(GroupKind::from_code(k.code()), Some(k));
            assert_eq!(serde_json::to_value(k).expect("serialises"), k.code());
        }
    }
}
