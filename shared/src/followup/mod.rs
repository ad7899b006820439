//! Follow-up across groups and schools: what the meetings of a period came to (held
//! or not, protocols out or missing, attendance, action plans written, preparation
//! ticked), per school, per group and per slot of the wheel; and what needs each
//! person now ("Att göra"). The database counts people per meeting; the rules here
//! turn those counts into figures, so both engines give the same answer.

pub mod access;
pub mod todo;

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::{Deserialize, Serialize};

use crate::collate::swedish_cmp;
use crate::date::Date;
use crate::groups::{GroupKind, SchoolYear, Term};
use crate::i18n::Msg;
use crate::ids::{ActivityId, GroupId, MeetingId, SchoolId};
use crate::meetings::state::protocol_due_on;
use crate::meetings::{MeetingFacts, MeetingState, MeetingStatus};
use crate::org::Stage;
use crate::validation::FieldError;

/// The figures of a set of meetings. People are counted at held meetings only: who
/// was there of the members, who wrote an action plan of those not marked absent, who
/// ticked their preparation.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Figures {
    /// Meetings still to come.
    pub planned: i64,
    pub in_progress: i64,
    /// Meetings that took place, whatever became of their protocol.
    pub held: i64,
    /// Meetings whose day passed with nothing to show they were held.
    pub not_held: i64,
    pub protocols_published: i64,
    /// Held meetings whose protocol was due and is not published.
    pub protocols_missing: i64,
    /// Held meetings whose protocol is not published and not yet due.
    pub protocols_pending: i64,
    /// Members present at held meetings, of `attendance_of` members in all.
    pub present: i64,
    pub attendance_of: i64,
    /// Action plans written for held meetings, of `plans_of` members not marked absent.
    pub plans: i64,
    pub plans_of: i64,
    /// Members who ticked "Jag har förberett mig" for held meetings, of `prepared_of`.
    pub prepared: i64,
    pub prepared_of: i64,
}

impl Figures {
    /// All meetings counted.
    pub fn meetings(&self) -> i64 {
        self.planned + self.in_progress + self.held + self.not_held
    }

    fn count(&mut self, state: MeetingState, people: &People) {
        match state {
            MeetingState::Planned => self.planned += 1,
            MeetingState::InProgress => self.in_progress += 1,
            MeetingState::NotHeld => self.not_held += 1,
            MeetingState::Held => self.protocols_pending += 1,
            MeetingState::ProtocolMissing => self.protocols_missing += 1,
            MeetingState::ProtocolPublished => self.protocols_published += 1,
        }
        if state.was_held() {
            self.held += 1;
            self.present += people.present;
            self.attendance_of += people.members;
            self.plans += people.plans;
            self.plans_of += people.members - people.absent;
            self.prepared += people.prepared;
            self.prepared_of += people.members;
        }
    }
}

/// A whole percentage of `part` in `of`, none when there is nothing to count.
pub fn percent(part: i64, of: i64) -> Option<i64> {
    (of > 0).then(|| (part * 100 + of / 2) / of)
}

/// Members of a meeting's group as the database counted them (all of them, or those
/// of one school).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct People {
    pub members: i64,
    /// Marked present.
    pub present: i64,
    /// Marked absent.
    pub absent: i64,
    /// Who wrote an action plan for the meeting, of those not marked absent.
    pub plans: i64,
    /// Who ticked their preparation.
    pub prepared: i64,
}

/// One meeting of the period, counted by the database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingTally {
    pub meeting_id: MeetingId,
    pub group_id: GroupId,
    /// The wheel's slot, and its title.
    pub activity_id: Option<ActivityId>,
    pub slot_title: Option<String>,
    pub starts_on: String,
    pub status: MeetingStatus,
    /// Attendance marks of any kind.
    pub marked: i64,
    pub people: People,
}

impl MeetingTally {
    pub fn state(&self, today: &str, due_days: i64) -> MeetingState {
        MeetingFacts {
            status: self.status,
            starts_on: &self.starts_on,
            attendance_taken: self.marked > 0,
        }
        .state(today, due_days)
    }
}

/// The members of one school at one meeting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchoolTally {
    pub meeting_id: MeetingId,
    pub school_id: SchoolId,
    pub people: People,
}

/// The caller at one meeting of their own groups.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OwnTally {
    pub meeting_id: MeetingId,
    pub starts_on: String,
    pub status: MeetingStatus,
    pub marked: i64,
    /// How the caller was marked, if at all.
    pub present: Option<bool>,
    pub plan: bool,
    pub prepared: bool,
}

/// A group of the year, as the follow-up filters and names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupInfo {
    pub id: GroupId,
    pub name: String,
    pub kind: GroupKind,
    pub subject: Option<String>,
    pub stages: Vec<Stage>,
    /// The schools its members work at.
    pub schools: Vec<SchoolId>,
}

/// What to narrow the follow-up to, besides the period.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    pub school: Option<SchoolId>,
    pub subject: Option<String>,
    pub stage: Option<Stage>,
    pub kind: Option<GroupKind>,
    pub group: Option<GroupId>,
}

impl Filter {
    pub fn admits(&self, g: &GroupInfo) -> bool {
        self.school.is_none_or(|s| g.schools.contains(&s))
            && self
                .subject
                .as_deref()
                .is_none_or(|s| g.subject.as_deref() == Some(s))
            && self.stage.is_none_or(|s| g.stages.contains(&s))
            && self.kind.is_none_or(|k| g.kind == k)
            && self.group.is_none_or(|id| g.id == id)
    }
}

/// Whose figures the caller sees.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// Every group and school (the steering group, administrators).
    Municipality,
    /// Their schools' teachers and the groups those are in, and the groups they lead.
    Schools,
    /// The groups they lead.
    Groups,
    /// Only their own.
    Own,
}

/// The follow-up of a period: `GET /api/v1/follow-up`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FollowUp {
    /// The period, `YYYY-MM-DD` both ends included.
    pub from: String,
    pub to: String,
    /// The day the states were read on.
    pub today: String,
    /// Days after a held meeting before its protocol counts as missing.
    pub protocol_due_days: i64,
    pub scope: Scope,
    /// Every meeting in the caller's scope and the filter.
    pub total: Figures,
    /// Per school, counting that school's teachers (a cross-school group's meeting
    /// counts at each school it has members from).
    pub schools: Vec<SchoolLine>,
    pub groups: Vec<GroupLine>,
    /// Per slot of the wheel, in time order; a group's own meetings last.
    pub slots: Vec<SlotLine>,
    /// Held meetings whose protocol is missing, oldest first.
    pub missing: Vec<MissingProtocol>,
    /// One line per meeting, when one group is asked for.
    pub meetings: Vec<MeetingLine>,
    /// The caller's own part.
    pub own: OwnFigures,
    /// Per school the caller follows up, its teachers' goals and målsamtal of the
    /// year: counts only.
    #[serde(default)]
    pub goals: Vec<SchoolGoals>,
}

/// A school's active teachers of the year: how many have goals of their own and how
/// many had their målsamtal (held, booked).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SchoolGoals {
    pub school_id: SchoolId,
    pub name: String,
    pub teachers: i64,
    /// Teachers with at least one goal of the year at the school.
    pub with_goals: i64,
    /// Teachers whose målsamtal both parties marked held.
    pub talks_held: i64,
    /// Teachers with a time booked, not yet held.
    pub talks_booked: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SchoolLine {
    pub school_id: SchoolId,
    pub name: String,
    pub figures: Figures,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GroupLine {
    pub group_id: GroupId,
    pub name: String,
    pub kind: GroupKind,
    pub figures: Figures,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SlotLine {
    /// None for the meetings groups added themselves.
    pub activity_id: Option<ActivityId>,
    pub title: Option<String>,
    /// The slot's first meeting day.
    pub starts_on: String,
    pub figures: Figures,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MissingProtocol {
    pub meeting_id: MeetingId,
    pub group_id: GroupId,
    pub group_name: String,
    pub starts_on: String,
    /// The day it was due.
    pub due_on: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MeetingLine {
    pub meeting_id: MeetingId,
    pub group_id: GroupId,
    pub group_name: String,
    pub starts_on: String,
    pub state: MeetingState,
    /// Counts only, never whose.
    pub people: PeopleCounts,
}

/// [`People`] on the wire.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PeopleCounts {
    pub members: i64,
    pub present: i64,
    pub absent: i64,
    pub plans: i64,
    pub prepared: i64,
}

impl From<People> for PeopleCounts {
    fn from(p: People) -> PeopleCounts {
        PeopleCounts {
            members: p.members,
            present: p.present,
            absent: p.absent,
            plans: p.plans,
            prepared: p.prepared,
        }
    }
}

/// The caller's own figures ("Du har skrivit 4 av 5 handlingsplaner").
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OwnFigures {
    /// Held meetings of the caller's groups.
    pub held: i64,
    /// Of those, where the caller was marked present.
    pub present: i64,
    /// Plans written, of the held meetings the caller was not marked absent from.
    pub plans: i64,
    pub plans_of: i64,
    pub prepared: i64,
}

/// The period asked for: a term of the year, or dates (within the year when one is
/// given alone), or the whole year.
pub fn period(
    year: &SchoolYear,
    term: Option<Term>,
    from: Option<&str>,
    to: Option<&str>,
) -> Result<(String, String), FieldError> {
    let (mut start, mut end) = match term {
        None => (year.starts_on.clone(), year.ends_on.clone()),
        Some(Term::Autumn) => (
            year.starts_on.clone(),
            Date::parse(&year.spring_starts_on)
                .map(|d| d.add_days(-1).to_string())
                .unwrap_or_else(|| year.spring_starts_on.clone()),
        ),
        Some(Term::Spring) => (year.spring_starts_on.clone(), year.ends_on.clone()),
    };
    if let Some(f) = from {
        let d = Date::parse(f.trim()).ok_or(FieldError::new("from", Msg::DateInvalid))?;
        start = d.to_string();
    }
    if let Some(t) = to {
        let d = Date::parse(t.trim()).ok_or(FieldError::new("to", Msg::DateInvalid))?;
        end = d.to_string();
    }
    if end < start {
        return Err(FieldError::new("to", Msg::EndBeforeStart));
    }
    Ok((start, end))
}

/// Everything [`summarise`] reads.
#[derive(Debug, Clone, Default)]
pub struct Input {
    pub from: String,
    pub to: String,
    pub today: String,
    pub due_days: i64,
    pub scope: Option<Scope>,
    /// The groups the caller may see, already narrowed by the filter.
    pub groups: Vec<GroupInfo>,
    /// The schools whose lines the caller may see, with their names.
    pub schools: Vec<(SchoolId, String)>,
    /// The school asked for, if any: the only school line then.
    pub school: Option<SchoolId>,
    pub meetings: Vec<MeetingTally>,
    pub school_tallies: Vec<SchoolTally>,
    pub own: Vec<OwnTally>,
    /// Whether to list each meeting (one group asked for).
    pub each_meeting: bool,
}

type SlotKey = (bool, String, Option<ActivityId>);

/// The figures of the period from the database's counts. Meetings of groups outside
/// `groups` are left out, whatever the counts hold.
pub fn summarise(input: Input) -> FollowUp {
    let Input {
        from,
        to,
        today,
        due_days,
        scope,
        groups,
        schools,
        school,
        meetings,
        school_tallies,
        own,
        each_meeting,
    } = input;
    let in_period = |day: &str| day >= from.as_str() && day <= to.as_str();
    let group_of: HashMap<GroupId, &GroupInfo> = groups.iter().map(|g| (g.id, g)).collect();
    let mut total = Figures::default();
    let mut per_group: HashMap<GroupId, Figures> = HashMap::new();
    // Keyed so that the wheel's slots come in time order and own meetings last.
    let mut per_slot: BTreeMap<SlotKey, (Option<String>, Figures)> = BTreeMap::new();
    let mut missing = Vec::new();
    let mut lines = Vec::new();
    let mut states: HashMap<MeetingId, MeetingState> = HashMap::new();
    let mut slot_start: HashMap<Option<ActivityId>, String> = HashMap::new();
    let counted: Vec<&MeetingTally> = meetings
        .iter()
        .filter(|t| group_of.contains_key(&t.group_id) && in_period(&t.starts_on))
        .collect();
    for t in &counted {
        let first = slot_start
            .entry(t.activity_id)
            .or_insert_with(|| t.starts_on.clone());
        if t.starts_on < *first {
            *first = t.starts_on.clone();
        }
    }
    for t in counted {
        let state = t.state(&today, due_days);
        states.insert(t.meeting_id, state);
        total.count(state, &t.people);
        per_group
            .entry(t.group_id)
            .or_default()
            .count(state, &t.people);
        let key = (
            t.activity_id.is_none(),
            slot_start[&t.activity_id].clone(),
            t.activity_id,
        );
        per_slot
            .entry(key)
            .or_insert_with(|| (t.slot_title.clone(), Figures::default()))
            .1
            .count(state, &t.people);
        let group_name = group_of[&t.group_id].name.clone();
        if state == MeetingState::ProtocolMissing {
            missing.push(MissingProtocol {
                meeting_id: t.meeting_id,
                group_id: t.group_id,
                group_name: group_name.clone(),
                starts_on: t.starts_on.clone(),
                due_on: protocol_due_on(&t.starts_on, due_days),
            });
        }
        if each_meeting {
            lines.push(MeetingLine {
                meeting_id: t.meeting_id,
                group_id: t.group_id,
                group_name,
                starts_on: t.starts_on.clone(),
                state,
                people: t.people.into(),
            });
        }
    }
    let wanted: HashSet<SchoolId> = schools
        .iter()
        .map(|(id, _)| *id)
        .filter(|id| school.is_none_or(|s| s == *id))
        .collect();
    let mut per_school: HashMap<SchoolId, Figures> = HashMap::new();
    for t in &school_tallies {
        if let Some(state) = states.get(&t.meeting_id)
            && wanted.contains(&t.school_id)
        {
            per_school
                .entry(t.school_id)
                .or_default()
                .count(*state, &t.people);
        }
    }
    let mut school_lines: Vec<SchoolLine> = schools
        .into_iter()
        .filter(|(id, _)| wanted.contains(id))
        .map(|(id, name)| SchoolLine {
            school_id: id,
            name,
            figures: per_school.remove(&id).unwrap_or_default(),
        })
        .collect();
    school_lines
        .sort_by(|a, b| swedish_cmp(&a.name, &b.name).then(a.school_id.0.cmp(&b.school_id.0)));
    let mut group_lines: Vec<GroupLine> = groups
        .iter()
        .map(|g| GroupLine {
            group_id: g.id,
            name: g.name.clone(),
            kind: g.kind,
            figures: per_group.remove(&g.id).unwrap_or_default(),
        })
        .collect();
    // Every order is total (ids break the ties), so that it never follows the order in
    // which the database happened to hand the rows over.
    group_lines.sort_by(|a, b| swedish_cmp(&a.name, &b.name).then(a.group_id.0.cmp(&b.group_id.0)));
    missing.sort_by(|a, b| {
        (&a.starts_on, &a.group_name, a.meeting_id.0).cmp(&(
            &b.starts_on,
            &b.group_name,
            b.meeting_id.0,
        ))
    });
    lines.sort_by(|a, b| {
        (&a.starts_on, &a.group_name, a.meeting_id.0).cmp(&(
            &b.starts_on,
            &b.group_name,
            b.meeting_id.0,
        ))
    });
    let slots = per_slot
        .into_iter()
        .map(|((_, starts_on, activity_id), (title, figures))| SlotLine {
            activity_id,
            title,
            starts_on,
            figures,
        })
        .collect();
    let mut mine = OwnFigures::default();
    for t in own.iter().filter(|t| in_period(&t.starts_on)) {
        let state = MeetingFacts {
            status: t.status,
            starts_on: &t.starts_on,
            attendance_taken: t.marked > 0,
        }
        .state(&today, due_days);
        if !state.was_held() {
            continue;
        }
        mine.held += 1;
        mine.present += i64::from(t.present == Some(true));
        if t.present != Some(false) {
            mine.plans_of += 1;
            mine.plans += i64::from(t.plan);
        }
        mine.prepared += i64::from(t.prepared);
    }
    FollowUp {
        from,
        to,
        today,
        protocol_due_days: due_days,
        scope: scope.unwrap_or(Scope::Own),
        total,
        schools: school_lines,
        groups: group_lines,
        slots,
        missing,
        meetings: lines,
        own: mine,
        goals: Vec::new(),
    }
}

#[cfg(test)]
mod tests;

/// The municipality's follow-up settings: `GET`/`PUT /api/v1/follow-up/settings`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FollowUpSettings {
    /// Days after a held meeting before its protocol counts as missing (0–60).
    pub protocol_due_days: i64,
    pub version: i64,
}

impl crate::validation::Validate for FollowUpSettings {
    fn validate(&self) -> Vec<FieldError> {
        let range = 0..=crate::meetings::state::MAX_PROTOCOL_DUE_DAYS;
        if range.contains(&self.protocol_due_days) {
            Vec::new()
        } else {
            vec![FieldError::new(
                "protocol_due_days",
                Msg::ProtocolDueDaysRange,
            )]
        }
    }
}

/// Whether a person gets e-mail reminders: `GET`/`PUT /api/v1/follow-up/reminders`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReminderSetting {
    pub on: bool,
}
