//! E-mail reminders through the outbox: the documenter of the day from the day after a
//! held meeting whose protocol is not published, and the group's leaders once it is
//! overdue. At most one message per person and day, claimed in the database so that
//! several servers sharing it send it once; a person turns them off in /profil.

use std::collections::{BTreeMap, HashMap};
use std::time::Duration;

use kollegium_shared::date::Date;
use kollegium_shared::ids::{GroupId, MunicipalityId, PersonId};
use kollegium_shared::meetings::{MeetingFacts, MeetingState, MeetingStatus};

use crate::store::Store;

/// How far back unpublished meetings are reminded of.
const LOOK_BACK_DAYS: i64 = 30;

/// One meeting a reminder names.
struct Line {
    group: String,
    day: String,
    overdue: bool,
}

/// Queues today's reminders; the number of messages queued.
pub async fn remind(store: &Store, today: &str) -> Result<usize, sqlx::Error> {
    let Some(day) = Date::parse(today) else {
        return Ok(0);
    };
    let since = day.add_days(-LOOK_BACK_DAYS).to_string();
    let meetings = store.unpublished_meetings(&since, today).await?;
    let mut lines: BTreeMap<(i64, i64), Vec<Line>> = BTreeMap::new();
    let mut rotation: HashMap<i64, Option<PersonId>> = HashMap::new();
    for mt in meetings {
        let state = MeetingFacts {
            status: MeetingStatus::from_code(&mt.status).unwrap_or(MeetingStatus::Planerad),
            starts_on: &mt.starts_on,
            attendance_taken: mt.marked > 0,
        }
        .state(today, mt.protocol_due_days);
        if !state.awaits_protocol() {
            continue;
        }
        let m = MunicipalityId(mt.municipality_id);
        let documenter = match mt.documenter_id {
            Some(d) => Some(PersonId(d)),
            None => match rotation.get(&mt.group_id) {
                Some(d) => *d,
                None => {
                    let next = store
                        .group(m, GroupId(mt.group_id))
                        .await?
                        .and_then(|g| g.next_documenter);
                    rotation.insert(mt.group_id, next);
                    next
                }
            },
        };
        let overdue = state == MeetingState::ProtocolMissing;
        let line = || Line {
            group: mt.group_name.clone(),
            day: mt.starts_on.clone(),
            overdue,
        };
        if let Some(d) = documenter {
            lines.entry((m.0, d.0)).or_default().push(line());
        }
        if overdue {
            for (leader, _) in store.reminded_leaders(GroupId(mt.group_id)).await? {
                if Some(PersonId(leader)) != documenter {
                    lines.entry((m.0, leader)).or_default().push(line());
                }
            }
        }
    }
    let mut queued = 0;
    for ((m, person), lines) in lines {
        let Some(email) = store.reminded_person(PersonId(person)).await? else {
            continue;
        };
        let mut body = String::from(
            "Hej!\n\nProtokollet saknas för de här träffarna. Skriv och publicera det under Träffar i Kollegium.\n\n",
        );
        for l in &lines {
            let late = if l.overdue { " (försenat)" } else { "" };
            body.push_str(&format!("- {} {}{late}\n", l.group, l.day));
        }
        body.push_str("\nDu kan stänga av påminnelserna under Profil.\n");
        let subject = if lines.len() == 1 {
            format!(
                "Påminnelse: protokoll för {} {}",
                lines[0].group, lines[0].day
            )
        } else {
            format!("Påminnelse: {} protokoll saknas", lines.len())
        };
        if store
            .queue_reminder(
                MunicipalityId(m),
                PersonId(person),
                today,
                &email,
                &subject,
                &body,
            )
            .await?
        {
            queued += 1;
        }
    }
    Ok(queued)
}

/// Queues reminders every `every` for as long as the server runs.
pub fn spawn(store: Store, every: Duration) {
    tokio::spawn(async move {
        let mut ticks = tokio::time::interval(every);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            ticks.tick().await;
            match remind(&store, &crate::context::today()).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(queued = n, "protocol reminders queued"),
                Err(e) => tracing::error!(error = %e, "protocol reminders failed"),
            }
        }
    });
}
