//! Meetings of the groups: their agendas (the 90-minute model by default), the live
//! meeting's clock, the protocol and the personal action plans.

pub mod access;
pub mod agenda;
pub mod archive;
pub mod preparation;
pub mod records;
pub mod state;

use serde::{Deserialize, Serialize};

use crate::i18n::Lang;
use crate::ids::{ActivityId, GroupId, MeetingId, TemplateId};

pub use agenda::AgendaStep;
pub use state::{MeetingFacts, MeetingState};

/// Where a meeting stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum MeetingStatus {
    Planerad,
    Pagar,
    Genomford,
    ProtokollPublicerat,
}

impl MeetingStatus {
    pub const ALL: [MeetingStatus; 4] = [
        MeetingStatus::Planerad,
        MeetingStatus::Pagar,
        MeetingStatus::Genomford,
        MeetingStatus::ProtokollPublicerat,
    ];

    pub fn code(self) -> &'static str {
        match self {
            MeetingStatus::Planerad => "planerad",
            MeetingStatus::Pagar => "pagar",
            MeetingStatus::Genomford => "genomford",
            MeetingStatus::ProtokollPublicerat => "protokoll_publicerat",
        }
    }

    pub fn from_code(code: &str) -> Option<MeetingStatus> {
        MeetingStatus::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (MeetingStatus::Planerad, Lang::Sv) => "Planerad",
            (MeetingStatus::Planerad, Lang::En) => "Planned",
            (MeetingStatus::Pagar, Lang::Sv) => "Pågår",
            (MeetingStatus::Pagar, Lang::En) => "In progress",
            (MeetingStatus::Genomford, Lang::Sv) => "Genomförd",
            (MeetingStatus::Genomford, Lang::En) => "Held",
            (MeetingStatus::ProtokollPublicerat, Lang::Sv) => "Protokoll publicerat",
            (MeetingStatus::ProtokollPublicerat, Lang::En) => "Protocol published",
        }
    }
}

/// A meeting: `GET /api/v1/meetings/{id}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Meeting {
    pub id: MeetingId,
    pub group_id: GroupId,
    pub group_name: String,
    /// The wheel's slot the meeting follows, if any.
    pub activity_id: Option<ActivityId>,
    /// YYYY-MM-DD, and HH:MM Swedish time.
    pub starts_on: String,
    pub start_time: Option<String>,
    pub end_time: Option<String>,
    pub place: String,
    pub video_link: Option<String>,
    pub status: MeetingStatus,
    /// Where the meeting stands today, the calendar read too (not held, protocol
    /// missing).
    pub state: MeetingState,
    pub agenda: Vec<AgendaStep>,
    /// The question of the meeting (frågeställning), from the wheel.
    pub question: String,
    pub theme: Option<String>,
    /// What members do before the meeting.
    pub preparation_task: String,
    /// The documenter of the day, when set (else the rotation's next).
    pub documenter_id: Option<crate::ids::PersonId>,
    pub version: i64,
}

impl Meeting {
    /// Whether the meeting is still ahead on `today` (`YYYY-MM-DD`): planned or in
    /// progress, and not on a day already past.
    pub fn is_ahead(&self, today: &str) -> bool {
        self.starts_on.as_str() >= today
            && matches!(self.status, MeetingStatus::Planerad | MeetingStatus::Pagar)
    }
}

/// A meeting in the list of one group's meetings (a network's, a project group's).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GroupMeeting {
    pub id: MeetingId,
    /// `YYYY-MM-DD`, and `HH:MM` when set.
    pub starts_on: String,
    pub start_time: Option<String>,
    pub place: String,
    pub question: String,
    /// Still ahead (planned or in progress, not on a past day).
    pub ahead: bool,
}

impl GroupMeeting {
    /// `meeting` as a group's list shows it on `today` (`YYYY-MM-DD`).
    pub fn of(meeting: &Meeting, today: &str) -> GroupMeeting {
        GroupMeeting {
            id: meeting.id,
            starts_on: meeting.starts_on.clone(),
            start_time: meeting.start_time.clone(),
            place: meeting.place.clone(),
            question: meeting.question.clone(),
            ahead: meeting.is_ahead(today),
        }
    }
}

/// A leader's change to one meeting: `PATCH /api/v1/meetings/{id}`. Fields left out
/// stay as they are.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MeetingPatch {
    /// Day and times: only for a meeting a leader added (the wheel's move with it).
    pub starts_on: Option<String>,
    /// An empty time removes it.
    pub start_time: Option<String>,
    pub end_time: Option<String>,
    pub place: Option<String>,
    /// An empty link removes it.
    pub video_link: Option<String>,
    pub agenda: Option<Vec<AgendaStep>>,
    pub question: Option<String>,
    pub preparation_task: Option<String>,
    pub documenter_id: Option<crate::ids::PersonId>,
    pub version: i64,
}

impl crate::validation::Validate for MeetingPatch {
    fn validate(&self) -> Vec<crate::validation::FieldError> {
        use crate::i18n::Msg;
        use crate::validation::FieldError;
        let mut out = Vec::new();
        if let Some(day) = &self.starts_on
            && crate::date::Date::parse(day.trim()).is_none()
        {
            out.push(FieldError::new("starts_on", Msg::DateInvalid));
        }
        for (field, time) in [
            ("start_time", &self.start_time),
            ("end_time", &self.end_time),
        ] {
            if let Some(t) = time.as_deref().map(str::trim)
                && !t.is_empty()
                && crate::date::parse_time(t).is_none()
            {
                out.push(FieldError::new(field, Msg::TimeInvalid));
            }
        }
        if self
            .place
            .as_ref()
            .is_some_and(|p| p.trim().chars().count() > 200)
        {
            out.push(FieldError::new("place", Msg::NameTooLong));
        }
        if let Some(link) = self
            .video_link
            .as_deref()
            .map(str::trim)
            .filter(|l| !l.is_empty())
        {
            let web = crate::library::markdown::safe_url(link)
                .is_some_and(|u| !u.to_ascii_lowercase().starts_with("mailto:"));
            if !web {
                out.push(FieldError::new("video_link", Msg::UrlInvalid));
            }
        }
        if let Some(steps) = &self.agenda {
            let agenda = agenda::AgendaInput {
                name: "–".into(),
                steps: steps.clone(),
                version: None,
            };
            out.extend(
                agenda
                    .validate()
                    .into_iter()
                    .filter(|e| e.field == "steps")
                    .map(|_| FieldError::new("agenda", Msg::AgendaInvalid)),
            );
        }
        for (field, text) in [
            ("question", &self.question),
            ("preparation_task", &self.preparation_task),
        ] {
            if text.as_ref().is_some_and(|t| t.chars().count() > 2000) {
                out.push(FieldError::new(field, Msg::TextTooLong));
            }
        }
        out
    }
}

/// A meeting a leader adds to their group besides the wheel's: `POST /api/v1/meetings`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewMeeting {
    pub group_id: GroupId,
    /// YYYY-MM-DD.
    pub starts_on: String,
    /// HH:MM, Swedish time.
    pub start_time: Option<String>,
    pub end_time: Option<String>,
    #[serde(default)]
    pub place: String,
    #[serde(default)]
    pub question: String,
    /// The agenda template to start from; the municipality's default when left out.
    pub template_id: Option<TemplateId>,
}

/// Checks a meeting's times (minutes after midnight) on its day: the end after the
/// start, and each happening exactly once that day in Sweden (not in the hour the
/// clocks skip or repeat).
pub fn check_times(
    day: crate::date::Date,
    start: Option<u32>,
    end: Option<u32>,
) -> Vec<crate::validation::FieldError> {
    use crate::i18n::Msg;
    use crate::validation::FieldError;
    let mut out = Vec::new();
    for (field, time) in [("start_time", start), ("end_time", end)] {
        if let Some(Err(msg)) = time.map(|t| crate::date::check_local_time(day, t)) {
            out.push(FieldError::new(field, msg));
        }
    }
    if let (Some(s), Some(e)) = (start, end)
        && e <= s
    {
        out.push(FieldError::new("end_time", Msg::MeetingEndBeforeStart));
    }
    out
}

impl crate::validation::Validate for NewMeeting {
    fn validate(&self) -> Vec<crate::validation::FieldError> {
        use crate::date::{Date, parse_time};
        use crate::i18n::Msg;
        use crate::validation::FieldError;
        let mut out = Vec::new();
        if self.starts_on.trim().is_empty() {
            out.push(FieldError::new("starts_on", Msg::FieldRequired));
        } else if Date::parse(self.starts_on.trim()).is_none() {
            out.push(FieldError::new("starts_on", Msg::DateInvalid));
        }
        let time = |t: &Option<String>| match t.as_deref().map(str::trim) {
            None | Some("") => Ok(None),
            Some(t) => parse_time(t).map(Some).ok_or(Msg::TimeInvalid),
        };
        let start = time(&self.start_time);
        let end = time(&self.end_time);
        if let Err(msg) = start {
            out.push(FieldError::new("start_time", msg));
        }
        if let Err(msg) = end {
            out.push(FieldError::new("end_time", msg));
        }
        if let (Some(day), Ok(start), Ok(end)) = (Date::parse(self.starts_on.trim()), start, end) {
            out.extend(check_times(day, start, end));
        }
        if self.place.trim().chars().count() > 200 {
            out.push(FieldError::new("place", Msg::NameTooLong));
        }
        if self.question.chars().count() > 2000 {
            out.push(FieldError::new("question", Msg::TextTooLong));
        }
        out
    }
}

/// A personal action plan: `GET/PUT /api/v1/meetings/{id}/plan`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ActionPlan {
    pub meeting_id: MeetingId,
    /// The plan's answers, in the order of `records::PLAN_FIELDS`.
    pub fields: records::Fields,
    /// Shared with the group (its members and leader may read it); private otherwise.
    pub shared: bool,
    /// 0 for a plan not yet saved (a draft started from the previous plan's focus).
    pub version: i64,
    /// RFC 3339; none before the first save.
    pub updated_at: Option<String>,
    /// The author's own goal the plan's focus serves, if they named one.
    #[serde(default)]
    pub goal: Option<crate::ids::GoalId>,
}

/// `PUT /api/v1/meetings/{id}/plan/goal`: the author's own goal the plan's focus
/// serves, or none.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlanGoal {
    pub goal: Option<crate::ids::GoalId>,
}

/// A plan as saved: `PUT /api/v1/meetings/{id}/plan`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ActionPlanInput {
    pub fields: records::Fields,
    #[serde(default)]
    pub shared: bool,
    /// The version the text was based on; 0 for the first save.
    pub version: i64,
}

/// The longest answer in a plan or a protocol field.
pub const MAX_ANSWER_CHARS: usize = 5000;

impl crate::validation::Validate for ActionPlanInput {
    fn validate(&self) -> Vec<crate::validation::FieldError> {
        let known = |k: &str| records::PLAN_FIELDS.iter().any(|(key, _, _)| *key == k);
        let bad = self
            .fields
            .iter()
            .any(|f| !known(&f.key) || f.text.chars().count() > MAX_ANSWER_CHARS);
        let mut keys: Vec<&str> = self.fields.iter().map(|f| f.key.as_str()).collect();
        keys.sort_unstable();
        let twice = keys.windows(2).any(|w| w[0] == w[1]);
        if bad || twice {
            vec![crate::validation::FieldError::new(
                "fields",
                crate::i18n::Msg::PlanFieldsInvalid,
            )]
        } else {
            Vec::new()
        }
    }
}

/// Who has written a plan for a meeting, for its leader: names, and the text only of
/// plans shared with the group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlanOverview {
    pub written: u32,
    pub members: u32,
    /// Filled for the group's leader and members; empty for those who see counts only.
    pub people: Vec<PlanOfMember>,
}

/// One member's plan as the group sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlanOfMember {
    pub person_id: crate::ids::PersonId,
    pub name: String,
    pub written: bool,
    /// The answers, when the author shared the plan.
    pub shared_fields: Option<records::Fields>,
}

/// A meeting's protocol: `GET /api/v1/meetings/{id}/protocol`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Protocol {
    pub meeting_id: MeetingId,
    /// Every field of `records::PROTOCOL_FIELDS`, in order.
    pub fields: records::Fields,
    /// 0 before the first save.
    pub version: i64,
    /// RFC 3339, once published (then read-only; corrections are amendments).
    pub published_at: Option<String>,
    pub published_by: Option<String>,
    pub amendments: Vec<Amendment>,
    /// Whether the caller writes it (the documenter of the day or a leader).
    pub writer: bool,
    /// Who saved it last; none before the first save.
    pub updated_by: Option<crate::org::PersonRef>,
}

/// A correction to a published protocol, kept visible with who and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Amendment {
    pub field: String,
    pub text: String,
    pub by: String,
    /// RFC 3339.
    pub at: String,
}

/// A protocol as saved: `PUT /api/v1/meetings/{id}/protocol`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProtocolInput {
    pub fields: records::Fields,
    /// The version the text was based on; 0 for the first save.
    pub version: i64,
}

impl crate::validation::Validate for ProtocolInput {
    fn validate(&self) -> Vec<crate::validation::FieldError> {
        let known = |k: &str| records::PROTOCOL_FIELDS.iter().any(|(key, _, _)| *key == k);
        let bad = self
            .fields
            .iter()
            .any(|f| !known(&f.key) || f.text.chars().count() > MAX_ANSWER_CHARS);
        let mut keys: Vec<&str> = self.fields.iter().map(|f| f.key.as_str()).collect();
        keys.sort_unstable();
        if bad || keys.windows(2).any(|w| w[0] == w[1]) {
            vec![crate::validation::FieldError::new(
                "fields",
                crate::i18n::Msg::ProtocolFieldsInvalid,
            )]
        } else {
            Vec::new()
        }
    }
}

/// Publishing: `POST /api/v1/meetings/{id}/protocol/publish`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublishRequest {
    pub version: i64,
}

/// A correction: `POST /api/v1/meetings/{id}/protocol/amendments`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AmendmentInput {
    pub field: String,
    pub text: String,
}

impl crate::validation::Validate for AmendmentInput {
    fn validate(&self) -> Vec<crate::validation::FieldError> {
        let mut out = Vec::new();
        if !records::PROTOCOL_FIELDS
            .iter()
            .any(|(key, _, _)| *key == self.field)
        {
            out.push(crate::validation::FieldError::new(
                "field",
                crate::i18n::Msg::ProtocolFieldsInvalid,
            ));
        }
        if let Err(msg) = crate::validation::check_required(&self.text) {
            out.push(crate::validation::FieldError::new("text", msg));
        } else if self.text.chars().count() > MAX_ANSWER_CHARS {
            out.push(crate::validation::FieldError::new(
                "text",
                crate::i18n::Msg::TextTooLong,
            ));
        }
        out
    }
}

/// A protocol's fields as one text, for e-mail and export: each heading and its text.
pub fn protocol_text(fields: &records::Fields, lang: Lang) -> String {
    let mut out = String::new();
    for (key, _, _) in records::PROTOCOL_FIELDS {
        out.push_str(records::heading(&records::PROTOCOL_FIELDS, key, lang));
        out.push('\n');
        out.push_str(records::value(fields, key).trim());
        out.push_str("\n\n");
    }
    out.trim_end().to_owned()
}

#[cfg(test)]
mod tests {
    use super::records::FieldText;
    use super::*;
    use crate::validation::Validate;

    #[test]
    fn a_plan_holds_only_its_questions_each_once_and_not_too_long() {
        let plan = |fields: Vec<FieldText>| ActionPlanInput {
            fields,
            shared: false,
            version: 0,
        };
        assert!(
            plan(vec![
                FieldText::new("tried", "x"),
                FieldText::new("focus", "y")
            ])
            .validate()
            .is_empty()
        );
        for bad in [
            vec![FieldText::new("password", "x")],
            vec![FieldText::new("focus", "a"), FieldText::new("focus", "b")],
            vec![FieldText::new("focus", &"x".repeat(MAX_ANSWER_CHARS + 1))],
        ] {
            assert_eq!(plan(bad).validate()[0].field, "fields");
        }
    }

    #[test]
    fn meeting_times_follow_each_other_and_happen_once_that_day() {
        let day = crate::date::Date::parse("2027-03-28").expect("date");
        let fields = |start, end| -> Vec<(&str, crate::i18n::Msg)> {
            check_times(day, start, end)
                .into_iter()
                .map(|e| (e.field, e.msg))
                .collect()
        };
        assert_eq!(fields(Some(15 * 60), Some(16 * 60)), vec![]);
        assert_eq!(
            fields(Some(150), Some(200)),
            vec![("start_time", crate::i18n::Msg::LocalTimeSkipped)]
        );
        assert_eq!(
            fields(Some(16 * 60), Some(15 * 60)),
            vec![("end_time", crate::i18n::Msg::MeetingEndBeforeStart)]
        );
        assert_eq!(fields(None, None), vec![]);
    }

    #[test]
    fn a_member_sees_their_own_mark_and_the_count_only() {
        use crate::ids::PersonId;
        let live = LiveState {
            meeting_id: MeetingId(1),
            status: MeetingStatus::Pagar,
            step: Some(0),
            running: true,
            elapsed: 0,
            agenda: Vec::new(),
            attendance: [(1, Some(true)), (2, Some(false)), (3, None)]
                .map(|(id, present)| Attendee {
                    person_id: PersonId(id),
                    name: format!("P{id}"),
                    present,
                })
                .to_vec(),
            present_count: 1,
            documenter_id: None,
            version: 1,
        };
        let member = live.clone().for_viewer(PersonId(2), false);
        let marks: Vec<Option<bool>> = member.attendance.iter().map(|a| a.present).collect();
        assert_eq!(marks, [None, Some(false), None]);
        assert_eq!(member.present_count, 1);
        assert_eq!(live.clone().for_viewer(PersonId(2), true), live);
    }

    #[test]
    fn a_meeting_is_ahead_until_its_day_has_passed_or_it_was_held() {
        let meeting = |starts_on: &str, status| Meeting {
            id: MeetingId(1),
            group_id: GroupId(1),
            group_name: String::new(),
            activity_id: None,
            starts_on: starts_on.into(),
            start_time: None,
            end_time: None,
            place: String::new(),
            video_link: None,
            status,
            state: MeetingState::Planned,
            agenda: Vec::new(),
            question: String::new(),
            theme: None,
            preparation_task: String::new(),
            documenter_id: None,
            version: 1,
        };
        assert!(meeting("2026-12-01", MeetingStatus::Planerad).is_ahead("2026-12-01"));
        assert!(meeting("2026-12-01", MeetingStatus::Pagar).is_ahead("2026-12-01"));
        assert!(!meeting("2026-12-01", MeetingStatus::Genomford).is_ahead("2026-12-01"));
        assert!(!meeting("2026-11-30", MeetingStatus::Planerad).is_ahead("2026-12-01"));
        assert!(meeting("2027-01-10", MeetingStatus::Planerad).is_ahead("2026-12-01"));
    }

    #[test]
    fn statuses_have_stable_codes() {
        for s in MeetingStatus::ALL {
            assert_eq!(MeetingStatus::from_code(s.code()), Some(s));
        }
        assert_eq!(
            MeetingStatus::ProtokollPublicerat.label(Lang::Sv),
            "Protokoll publicerat"
        );
    }

    #[test]
    fn a_meeting_change_names_each_bad_field() {
        let patch = MeetingPatch {
            place: Some("Rum 12".into()),
            video_link: Some("https://meet.example/abc".into()),
            agenda: Some(agenda::default_steps()),
            version: 1,
            ..MeetingPatch::default()
        };
        assert!(patch.validate().is_empty());
        let bad = MeetingPatch {
            place: Some("x".repeat(201)),
            video_link: Some("javascript:alert(1)".into()),
            agenda: Some(Vec::new()),
            question: Some("x".repeat(2001)),
            version: 1,
            ..MeetingPatch::default()
        };
        let fields: Vec<&str> = bad.validate().iter().map(|e| e.field).collect();
        assert_eq!(fields, vec!["place", "video_link", "agenda", "question"]);
        let clear = MeetingPatch {
            video_link: Some(String::new()),
            version: 1,
            ..MeetingPatch::default()
        };
        assert!(clear.validate().is_empty());
    }

    #[test]
    fn a_protocol_reads_as_its_headings_and_texts() {
        let fields = vec![
            FieldText::new("purpose", "Att dela erfarenheter"),
            FieldText::new("participants", "Elin, Omar"),
        ];
        let text = protocol_text(&fields, Lang::Sv);
        assert!(text.starts_with("Frågeställning\n"), "{text}");
        assert!(
            text.contains("Syftet med träffen var …\nAtt dela erfarenheter\n"),
            "{text}"
        );
        assert!(text.ends_with("Deltagare\nElin, Omar"), "{text}");
        let bad = ProtocolInput {
            fields: vec![
                FieldText::new("purpose", "a"),
                FieldText::new("purpose", "b"),
            ],
            version: 0,
        };
        assert_eq!(bad.validate()[0].field, "fields");
        let amend = AmendmentInput {
            field: "datum".into(),
            text: " ".into(),
        };
        let fields: Vec<&str> = amend.validate().iter().map(|e| e.field).collect();
        assert_eq!(fields, vec!["field", "text"]);
    }
}

/// Where a live meeting stands: `GET /api/v1/meetings/{id}/live`, and each event of
/// `GET /api/v1/meetings/{id}/events`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LiveState {
    pub meeting_id: MeetingId,
    pub status: MeetingStatus,
    /// The agenda step on now (0-based); none before the start and after the end.
    pub step: Option<usize>,
    /// Whether the step's clock runs (false while paused).
    pub running: bool,
    /// Seconds spent in the step so far, pauses not counted, as of the answer.
    pub elapsed: i64,
    pub agenda: Vec<AgendaStep>,
    /// The group's members in rotation order, and who is here (to a member who does
    /// not lead, only their own mark: see [`LiveState::for_viewer`]).
    pub attendance: Vec<Attendee>,
    /// How many are marked present.
    #[serde(default)]
    pub present_count: usize,
    /// The documenter of the day (absentees skipped).
    pub documenter_id: Option<crate::ids::PersonId>,
    pub version: i64,
}

impl LiveState {
    /// The state as `viewer` may see it: who is marked how is for those who lead or
    /// follow up (`sees_marks`); anyone else sees their own mark and the count.
    pub fn for_viewer(mut self, viewer: crate::ids::PersonId, sees_marks: bool) -> LiveState {
        if !sees_marks {
            for a in &mut self.attendance {
                if a.person_id != viewer {
                    a.present = None;
                }
            }
        }
        self
    }
}

/// A member and whether they are at the meeting (none: not marked yet).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Attendee {
    pub person_id: crate::ids::PersonId,
    pub name: String,
    pub present: Option<bool>,
}

/// What the leader does to a live meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum LiveAction {
    /// Begin at the first step.
    Start,
    Pause,
    Resume,
    /// On to the next step (after the last, the meeting is held).
    Next,
    /// Back one step.
    Previous,
    /// The meeting is held.
    Finish,
}

/// `POST /api/v1/meetings/{id}/live`: `version` is the meeting's as the leader saw it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LiveCommand {
    pub action: LiveAction,
    pub version: i64,
}

/// `PUT /api/v1/meetings/{id}/attendance`: one member here or not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AttendanceInput {
    pub person_id: crate::ids::PersonId,
    pub present: bool,
}

/// A short-lived ticket for following a live meeting with the browser's `EventSource`,
/// which cannot send a sign-in header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LiveTicket {
    pub ticket: String,
}

/// The live clock after `action`, given where it stood: (step, running, elapsed
/// seconds), with `now_elapsed` the seconds spent in the step up to now. `None` for
/// the step means the meeting is over.
pub fn live_step(
    action: LiveAction,
    step: Option<usize>,
    running: bool,
    now_elapsed: i64,
    steps: usize,
) -> (Option<usize>, bool, i64) {
    match (action, step) {
        (LiveAction::Start, _) => (Some(0).filter(|_| steps > 0), steps > 0, 0),
        (LiveAction::Pause, Some(s)) => (Some(s), false, now_elapsed),
        (LiveAction::Resume, Some(s)) => (Some(s), true, now_elapsed),
        (LiveAction::Next, Some(s)) if s + 1 < steps => (Some(s + 1), running, 0),
        (LiveAction::Next, Some(_)) | (LiveAction::Finish, _) => (None, false, 0),
        (LiveAction::Previous, Some(s)) => (Some(s.saturating_sub(1)), running, 0),
        (_, None) => (None, false, 0),
    }
}

#[cfg(test)]
mod live_tests {
    use super::*;

    #[test]
    fn the_leader_moves_through_the_steps_and_pauses_keep_the_time() {
        assert_eq!(
            live_step(LiveAction::Start, None, false, 0, 6),
            (Some(0), true, 0)
        );
        assert_eq!(
            live_step(LiveAction::Pause, Some(0), true, 130, 6),
            (Some(0), false, 130)
        );
        assert_eq!(
            live_step(LiveAction::Resume, Some(0), false, 130, 6),
            (Some(0), true, 130)
        );
        assert_eq!(
            live_step(LiveAction::Next, Some(0), true, 300, 6),
            (Some(1), true, 0)
        );
        assert_eq!(
            live_step(LiveAction::Next, Some(1), false, 10, 6),
            (Some(2), false, 0),
            "a paused meeting stays paused on the next step"
        );
        assert_eq!(
            live_step(LiveAction::Previous, Some(0), true, 5, 6),
            (Some(0), true, 0)
        );
        assert_eq!(
            live_step(LiveAction::Next, Some(5), true, 5, 6),
            (None, false, 0)
        );
        assert_eq!(
            live_step(LiveAction::Finish, Some(2), true, 5, 6),
            (None, false, 0)
        );
        assert_eq!(
            live_step(LiveAction::Next, None, false, 0, 6),
            (None, false, 0)
        );
        assert_eq!(
            live_step(LiveAction::Start, None, false, 0, 0),
            (None, false, 0)
        );
    }
}

/// The outbox as an administrator sees it: `GET /api/v1/outbox`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Outbox {
    /// Whether an SMTP server is configured; without one, messages wait.
    pub configured: bool,
    pub messages: Vec<OutboxMessage>,
}

/// One message of the outbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OutboxMessage {
    pub id: i64,
    pub recipients: Vec<String>,
    pub subject: String,
    pub attempts: i64,
    /// Why the last attempt failed, if it did.
    pub last_error: Option<String>,
    /// RFC 3339.
    pub created_at: String,
    /// RFC 3339; when it will be tried (again), while unsent.
    pub next_attempt_at: Option<String>,
    /// RFC 3339; when the SMTP server accepted it.
    pub sent_at: Option<String>,
}

/// One step of a teacher's red thread: a meeting and the plan written at it.
/// `GET /api/v1/plans/mine` lists them in time order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ThreadEntry {
    pub meeting: Meeting,
    pub plan: ActionPlan,
}
