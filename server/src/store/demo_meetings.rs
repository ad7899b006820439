//! The demo's meetings: every learning group has held the first two meetings of the
//! year, each with a published protocol written by the documenter of the day and the
//! members' personal action plans, the second starting from the first's focus.

use kollegium_shared::groups::{GroupKind, SchoolYearId};
use kollegium_shared::i18n::Lang;
use kollegium_shared::library::CollectionId;
use kollegium_shared::meetings::records::{FieldText, Fields, PLAN_FIELDS, value};
use kollegium_shared::meetings::{ActionPlanInput, MeetingPatch, protocol_text};
use kollegium_shared::org::MunicipalityId;

use super::{OutgoingMail, Store, Update, with_db};

/// What the groups talked about at the first two meetings (theme: assessment).
const DISCUSSED: [[&str; 4]; 2] = [
    [
        "hur vi gör lärandemålen tydliga för eleverna i början av ett arbetsområde",
        "exit tickets som ett sätt att se vad eleverna har förstått",
        "skillnaden mellan återkoppling och bedömning",
        "hur kamratbedömning kan införas stegvis",
    ],
    [
        "vad som hände när vi provade exit tickets och tydliga mål",
        "elevexempel på återkoppling som förde lärandet framåt",
        "hur vi sambedömer elevtexter mot kunskapskraven",
        "hur bedömningsstödet i matematik kan användas under året",
    ],
];

/// The efforts teachers choose to focus on; the next plan starts from them.
const FOCUS: [&str; 8] = [
    "Skriva upp lektionens mål på tavlan och gå tillbaka till dem i slutet",
    "Exit tickets i slutet av varje mattelektion under tre veckor",
    "Ge skriftlig återkoppling med en sak som är bra och en sak att utveckla",
    "Låta eleverna bedöma en kamrats text med hjälp av en enkel checklista",
    "Använda mini-whiteboards för att se alla elevers svar samtidigt",
    "Låta eleverna formulera egna frågor inför ett nytt arbetsområde",
    "Samla elevexempel på bra svar och visa dem för klassen",
    "Planera in tid för eleverna att arbeta vidare med återkopplingen",
];

const LEARNED: [&str; 4] = [
    "eleverna blir tryggare när de vet vad som ska bedömas",
    "korta frågor i slutet av lektionen ger mig mer än ett prov efter fyra veckor",
    "återkopplingen måste följas av tid att använda den, annars händer inget",
    "de elever som sällan räcker upp handen har ofta förstått mer än jag trodde",
];

const STUDENTS: [&str; 3] = [
    "Hela klassen, men särskilt de fyra elever som ofta inte blir klara",
    "Gruppen i matematik som arbetar med bråk",
    "Två elever i 5B som behöver utmaningar",
];

fn plan_fields(seed: usize, tried: &str) -> Fields {
    PLAN_FIELDS
        .iter()
        .map(|(key, _, _)| {
            let text = match *key {
                "tried" => tried,
                "learned" => LEARNED[seed % LEARNED.len()],
                "focus" => FOCUS[seed % FOCUS.len()],
                "expected_change" => "Att fler elever kan säga vad de ska lära sig och hur de vet att de har lärt sig det",
                "students" => STUDENTS[seed % STUDENTS.len()],
                "problems" => "Det kan ta tid från genomgången; jag börjar med två lektioner i veckan",
                "helpers" => "Kollegorna i lärgruppen och förstelärarna på skolan",
                "do_less" => "Långa genomgångar i början av lektionen",
                _ => "",
            };
            FieldText::new(key, text)
        })
        .collect()
}

impl Store {
    /// Holds the first two learning-group meetings of the year in every learning group.
    pub(super) async fn seed_demo_meetings(
        &self,
        m: MunicipalityId,
        year: SchoolYearId,
    ) -> Result<(), sqlx::Error> {
        self.sync_meetings(m, year).await?;
        let meetings = self.meetings(m, year, None).await?;
        let learning: Vec<_> = self
            .groups(m, super::GroupFilter::Year(year))
            .await?
            .into_iter()
            .filter(|g| g.kind == GroupKind::Largrupp)
            .map(|g| g.id)
            .collect();
        let mut held: Vec<_> = meetings
            .iter()
            .filter(|mt| mt.starts_on.as_str() < "2026-10-31" && learning.contains(&mt.group_id))
            .collect();
        held.sort_by(|a, b| (a.group_id.0, &a.starts_on).cmp(&(b.group_id.0, &b.starts_on)));
        for (n, meeting) in held.into_iter().enumerate() {
            let Some(group) = self.group(m, meeting.group_id).await? else {
                continue;
            };
            let members: Vec<_> = group.members.iter().filter(|p| p.active).collect();
            let Some(documenter) = group.next_documenter.or(members.first().map(|p| p.id)) else {
                continue;
            };
            let round = usize::from(meeting.starts_on.as_str() >= "2026-10-01");
            // The plans first: the second meeting's start from the first's focus.
            for (i, person) in members.iter().enumerate() {
                let seed = person.id.0.unsigned_abs() as usize + round;
                let tried = match round {
                    0 => String::new(),
                    _ => self
                        .previous_plan(meeting.group_id, person.id, &meeting.starts_on)
                        .await?
                        .map(|f| value(&f, "focus").to_owned())
                        .unwrap_or_default(),
                };
                let input = ActionPlanInput {
                    fields: plan_fields(seed, &tried),
                    shared: i % 3 == 0,
                    version: 0,
                };
                self.save_action_plan(m, meeting.id, person.id, &input)
                    .await?;
            }
            let patch = MeetingPatch {
                place: Some(["Aulan, Ekbackeskolan", "Biblioteket, Tallåsskolan"][round].into()),
                documenter_id: Some(documenter),
                version: meeting.version,
                ..Default::default()
            };
            self.update_meeting(m, meeting, &patch).await?;
            let names: Vec<&str> = members.iter().map(|p| p.name.as_str()).collect();
            let discussed = DISCUSSED[round][n % 4];
            let fields: Fields = vec![
                FieldText::new("question", &meeting.question),
                FieldText::new("date", &meeting.starts_on),
                FieldText::new(
                    "purpose",
                    [
                        "att komma igång med formativ bedömning i vår undervisning",
                        "att följa upp vad vi provat sedan förra träffen",
                    ][round],
                ),
                FieldText::new("discussed", discussed),
                FieldText::new(
                    "reflections",
                    "Flera av oss har märkt att eleverna blir mer aktiva när målen är tydliga. Det är svårt att hinna med återkopplingen i stora klasser.",
                ),
                FieldText::new(
                    "conclusions",
                    "Små förändringar som görs varje lektion ger mer än stora projekt. Vi behöver dela exempel med varandra.",
                ),
                FieldText::new(
                    "next_time",
                    "Var och en tar med ett elevexempel och berättar vad som hände när vi provade vår insats.",
                ),
                FieldText::new(
                    "difficulties",
                    "Tiden räcker inte alltid till; några av oss hade svårt att komma igång innan lovet.",
                ),
                FieldText::new("participants", &names.join(", ")),
            ];
            if let Update::Done(()) = self
                .save_protocol(m, meeting.id, documenter, &fields, 0)
                .await?
            {
                let mail = OutgoingMail {
                    recipients: members.iter().map(|p| p.email.clone()).collect(),
                    subject: format!("Protokoll: {} {}", group.name, meeting.starts_on),
                    body: protocol_text(&fields, Lang::Sv),
                };
                self.publish_protocol(m, meeting.id, documenter, documenter, 1, &mail)
                    .await?;
            }
        }
        // The demo's meetings were held before it existed: their mail counts as sent.
        const SENT: &str =
            "UPDATE outbox SET sent_at = $1 WHERE municipality_id = $2 AND sent_at IS NULL";
        let now = chrono::Utc::now();
        with_db!(self, pool => sqlx::query(SENT).bind(now).bind(m.0).execute(pool).await.map(|_| ()))?;
        Ok(())
    }

    /// The researcher's collection is the preparation of every learning group's third
    /// meeting (the next one in the demo), with the collection's note as the task.
    pub(super) async fn seed_demo_preparation(
        &self,
        m: MunicipalityId,
        collection: CollectionId,
    ) -> Result<(), sqlx::Error> {
        const MEETINGS: &str = "SELECT mt.id, mt.group_id FROM meetings mt JOIN groups g ON g.id = mt.group_id \
             WHERE mt.municipality_id = $1 AND g.kind = 'largrupp' ORDER BY mt.group_id, mt.starts_on";
        const NOTE: &str = "SELECT note FROM library_collections WHERE id = $1";
        // Written with the meetings as made, so their version stays the first.
        const SET: &str =
            "UPDATE meetings SET collection_id = $1, preparation_task = $2 WHERE id = $3";
        let rows: Vec<(i64, i64)> =
            with_db!(self, pool => sqlx::query_as(MEETINGS).bind(m.0).fetch_all(pool).await)?;
        let note: String = with_db!(self, pool => sqlx::query_scalar(NOTE).bind(collection.0).fetch_one(pool).await)?;
        let mut third = Vec::new();
        for (i, (id, group)) in rows.iter().enumerate() {
            if i >= 2 && rows[i - 2].1 == *group && (i < 3 || rows[i - 3].1 != *group) {
                third.push(*id);
            }
        }
        for id in third {
            with_db!(self, pool => sqlx::query(SET).bind(collection.0).bind(&note).bind(id).execute(pool).await.map(|_| ()))?;
        }
        Ok(())
    }
}
