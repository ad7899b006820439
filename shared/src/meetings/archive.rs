//! The archive of published protocols, readable by everyone in the municipality and
//! searched with the library's Swedish search; protocols as Markdown; the addresses
//! every published protocol also goes to.

use serde::{Deserialize, Serialize};

use super::records::{self, PROTOCOL_FIELDS};
use super::{Meeting, Protocol};
use crate::date::Date;
use crate::i18n::{Lang, Msg};
use crate::ids::{GroupId, MeetingId};
use crate::library::search::Segment;
use crate::org::Stage;
use crate::validation::{FieldError, Validate, check_email, normalize_email};

/// The archive's page size.
pub const PER_PAGE: u32 = 20;

/// A search of the archive: `GET /api/v1/protocols`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams, utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct ArchiveQuery {
    /// Words to search for; empty lists the newest first.
    pub q: Option<String>,
    pub group: Option<GroupId>,
    /// A subject code: the group's subject.
    pub subject: Option<String>,
    /// One of the group's stages.
    pub stage: Option<Stage>,
    pub theme: Option<String>,
    /// Meetings on or after this day (YYYY-MM-DD).
    pub from: Option<String>,
    /// Meetings on or before this day (YYYY-MM-DD).
    pub to: Option<String>,
    pub page: Option<u32>,
}

impl ArchiveQuery {
    pub fn page(&self) -> u32 {
        self.page.unwrap_or(1).max(1)
    }
}

impl Validate for ArchiveQuery {
    fn validate(&self) -> Vec<FieldError> {
        let mut out = Vec::new();
        for (field, value) in [("from", &self.from), ("to", &self.to)] {
            if value
                .as_deref()
                .is_some_and(|d| !d.is_empty() && Date::parse(d).is_none())
            {
                out.push(FieldError::new(field, Msg::DateInvalid));
            }
        }
        if self.q.as_ref().is_some_and(|q| q.chars().count() > 200) {
            out.push(FieldError::new("q", Msg::TextTooLong));
        }
        out
    }
}

/// A published protocol as the archive lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ArchiveHit {
    pub meeting_id: MeetingId,
    pub group_id: GroupId,
    pub group_name: String,
    pub subject: Option<String>,
    pub stages: Vec<Stage>,
    /// YYYY-MM-DD.
    pub starts_on: String,
    pub theme: Option<String>,
    pub question: String,
    /// A piece of the protocol, the query's words marked.
    pub snippet: Vec<Segment>,
}

/// One page of the archive.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ArchivePage {
    pub hits: Vec<ArchiveHit>,
    pub total: u64,
    pub page: u32,
    pub per_page: u32,
    /// The query as searched, when a word was corrected.
    pub corrected: Option<String>,
    /// The themes of the published protocols, for the filter.
    pub themes: Vec<String>,
}

/// Where every published protocol also goes: `GET/PUT /api/v1/meetings/settings`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProtocolSettings {
    /// E-mail addresses besides the group's members (e.g. the steering group's
    /// shared mailbox, the head of education).
    pub recipients: Vec<String>,
    pub version: i64,
}

/// The most extra recipients a municipality may configure.
pub const MAX_RECIPIENTS: usize = 50;

impl ProtocolSettings {
    /// The addresses trimmed, lower-cased and without repeats, in order.
    pub fn normalized(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for r in &self.recipients {
            let e = normalize_email(r);
            if !e.is_empty() && !out.contains(&e) {
                out.push(e);
            }
        }
        out
    }
}

impl Validate for ProtocolSettings {
    fn validate(&self) -> Vec<FieldError> {
        let bad = self
            .recipients
            .iter()
            .filter(|r| !r.trim().is_empty())
            .any(|r| check_email(r.trim()).is_err());
        if bad {
            vec![FieldError::new("recipients", Msg::EmailInvalid)]
        } else if self.normalized().len() > MAX_RECIPIENTS {
            vec![FieldError::new("recipients", Msg::TooManyRecipients)]
        } else {
            Vec::new()
        }
    }
}

/// A protocol as a Markdown document: the meeting, every field with text, and the
/// amendments with who and when.
pub fn protocol_markdown(meeting: &Meeting, protocol: &Protocol, lang: Lang) -> String {
    let (title, amendments) = match lang {
        Lang::Sv => ("Protokoll", "Rättelser"),
        Lang::En => ("Protocol", "Amendments"),
    };
    let mut out = format!(
        "# {title}: {} {}\n",
        md_line(&meeting.group_name),
        meeting.starts_on
    );
    if let Some(theme) = &meeting.theme {
        out.push_str(&format!("\n*{}*\n", md_line(theme)));
    }
    for (key, _, _) in PROTOCOL_FIELDS {
        let text = records::value(&protocol.fields, key).trim();
        if !text.is_empty() {
            out.push_str(&format!(
                "\n## {}\n\n{text}\n",
                records::heading(&PROTOCOL_FIELDS, key, lang)
            ));
        }
    }
    if !protocol.amendments.is_empty() {
        out.push_str(&format!("\n## {amendments}\n"));
        for a in &protocol.amendments {
            let day = a.at.get(..10).unwrap_or(&a.at);
            out.push_str(&format!(
                "\n- **{}** ({}, {day}): {}\n",
                records::heading(&PROTOCOL_FIELDS, &a.field, lang),
                md_line(&a.by),
                a.text.trim()
            ));
        }
    }
    out
}

/// A one-line text with Markdown's emphasis and heading characters escaped.
pub fn md_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '*' | '_' | '#' | '[' | ']' | '`' | '\\') {
            out.push('\\');
        }
        out.push(if c == '\n' { ' ' } else { c });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::meetings::records::FieldText;
    use crate::meetings::{Amendment, MeetingStatus, agenda};

    fn meeting() -> Meeting {
        Meeting {
            id: MeetingId(7),
            group_id: GroupId(3),
            group_name: "Matematik F–3 *A*".into(),
            activity_id: None,
            starts_on: "2026-09-10".into(),
            start_time: Some("15:00".into()),
            end_time: Some("16:30".into()),
            place: String::new(),
            video_link: None,
            status: MeetingStatus::ProtokollPublicerat,
            state: crate::meetings::MeetingState::ProtocolPublished,
            agenda: agenda::default_steps(),
            question: String::new(),
            theme: Some("Bedömning och betyg".into()),
            preparation_task: String::new(),
            documenter_id: None,
            version: 1,
        }
    }

    #[test]
    fn a_protocol_in_markdown_has_its_fields_and_amendments() {
        let protocol = Protocol {
            meeting_id: MeetingId(7),
            fields: vec![
                FieldText::new("discussed", "Exit tickets i åk 2."),
                FieldText::new("purpose", ""),
                FieldText::new("participants", "Anna, Bo"),
            ],
            version: 3,
            published_at: Some("2026-09-10T16:30:00Z".into()),
            published_by: Some("Anna".into()),
            amendments: vec![Amendment {
                field: "participants".into(),
                text: "Även Cecilia.".into(),
                by: "Bo".into(),
                at: "2026-09-11T08:00:00Z".into(),
            }],
            writer: false,
            updated_by: None,
        };
        let md = protocol_markdown(&meeting(), &protocol, Lang::Sv);
        assert!(md.starts_with("# Protokoll: Matematik F–3 \\*A\\* 2026-09-10\n"));
        assert!(md.contains("*Bedömning och betyg*"));
        assert!(md.contains("## Vi pratade om …\n\nExit tickets i åk 2.\n"));
        assert!(
            !md.contains("Syftet med träffen"),
            "empty fields are left out"
        );
        let discussed = md.find("Vi pratade om").expect("discussed");
        let participants = md.find("## Deltagare").expect("participants");
        assert!(discussed < participants, "fields keep the protocol's order");
        assert!(md.contains("## Rättelser\n\n- **Deltagare** (Bo, 2026-09-11): Även Cecilia.\n"));
    }

    #[test]
    fn recipients_are_checked_and_tidied() {
        let mut s = ProtocolSettings {
            recipients: vec![
                " Styrgrupp@Kommun.se ".into(),
                String::new(),
                "styrgrupp@kommun.se".into(),
            ],
            version: 1,
        };
        assert!(s.validate().is_empty());
        assert_eq!(s.normalized(), vec!["styrgrupp@kommun.se".to_owned()]);
        s.recipients.push("inte en adress".into());
        assert_eq!(s.validate()[0].field, "recipients");
        s.recipients = (0..51).map(|i| format!("p{i}@kommun.se")).collect();
        assert_eq!(s.validate()[0].msg, Msg::TooManyRecipients);
    }

    #[test]
    fn archive_dates_must_be_dates() {
        let mut q = ArchiveQuery {
            from: Some("2026-08-01".into()),
            to: Some(String::new()),
            ..ArchiveQuery::default()
        };
        assert!(q.validate().is_empty());
        q.to = Some("31/12".into());
        assert_eq!(q.validate()[0].field, "to");
    }
}
