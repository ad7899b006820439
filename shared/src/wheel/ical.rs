//! iCalendar (RFC 5545) feeds that Apple Calendar, Google Calendar and Outlook accept:
//! CRLF lines folded at 75 octets, escaped text, stable UIDs, DTSTAMP, SEQUENCE,
//! all-day events as DATE values (the end is the day after), timed events in
//! Europe/Stockholm with its VTIMEZONE.

use crate::date::Date;

/// One event of a feed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// Stable across changes, unique across calendars ("activity-17@kollegium").
    pub uid: String,
    /// Raised on each change, so calendars replace the old copy.
    pub sequence: i64,
    pub summary: String,
    pub description: String,
    pub first: Date,
    /// The last day (inclusive).
    pub last: Date,
    /// Minutes after midnight, Swedish time; none for all day.
    pub start_minutes: Option<u32>,
    pub end_minutes: Option<u32>,
    /// Where to open the event in Kollegium.
    pub url: Option<String>,
}

/// Escapes a TEXT value: backslash, semicolon, comma and line breaks.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line at 75 octets (never inside a UTF-8 character) and ends it
/// with CRLF.
fn push_line(out: &mut String, line: &str) {
    let mut width = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
}

fn date_value(d: Date) -> String {
    format!("{:04}{:02}{:02}", d.year, d.month, d.day)
}

fn local_value(d: Date, minutes: u32) -> String {
    format!("{}T{:02}{:02}00", date_value(d), minutes / 60, minutes % 60)
}

/// Europe/Stockholm: CET in winter, CEST from the last Sunday of March to the last
/// Sunday of October.
const STOCKHOLM: &[&str] = &[
    "BEGIN:VTIMEZONE",
    "TZID:Europe/Stockholm",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "TZNAME:CEST",
    "DTSTART:19700329T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "TZNAME:CET",
    "DTSTART:19701025T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
];

/// A whole calendar. `stamp` is the time the feed was written, UTC, `YYYYMMDDTHHMMSSZ`.
pub fn calendar(name: &str, events: &[Event], stamp: &str) -> String {
    let mut out = String::new();
    for line in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Kollegium//Årshjul//SV",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ] {
        push_line(&mut out, line);
    }
    push_line(&mut out, &format!("X-WR-CALNAME:{}", escape(name)));
    push_line(&mut out, "X-WR-TIMEZONE:Europe/Stockholm");
    if events.iter().any(|e| e.start_minutes.is_some()) {
        for line in STOCKHOLM {
            push_line(&mut out, line);
        }
    }
    for e in events {
        push_line(&mut out, "BEGIN:VEVENT");
        push_line(&mut out, &format!("UID:{}", e.uid));
        push_line(&mut out, &format!("DTSTAMP:{stamp}"));
        push_line(&mut out, &format!("SEQUENCE:{}", e.sequence.max(0)));
        match (e.start_minutes, e.end_minutes) {
            (Some(s), Some(end)) => {
                push_line(
                    &mut out,
                    &format!("DTSTART;TZID=Europe/Stockholm:{}", local_value(e.first, s)),
                );
                push_line(
                    &mut out,
                    &format!("DTEND;TZID=Europe/Stockholm:{}", local_value(e.last, end)),
                );
            }
            _ => {
                push_line(
                    &mut out,
                    &format!("DTSTART;VALUE=DATE:{}", date_value(e.first)),
                );
                push_line(
                    &mut out,
                    &format!("DTEND;VALUE=DATE:{}", date_value(e.last.add_days(1))),
                );
            }
        }
        push_line(&mut out, &format!("SUMMARY:{}", escape(&e.summary)));
        if !e.description.is_empty() {
            push_line(&mut out, &format!("DESCRIPTION:{}", escape(&e.description)));
        }
        if let Some(url) = &e.url {
            push_line(&mut out, &format!("URL:{url}"));
        }
        push_line(&mut out, "END:VEVENT");
    }
    push_line(&mut out, "END:VCALENDAR");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event() -> Event {
        Event {
            uid: "activity-7@kollegium".into(),
            sequence: 2,
            summary: "Lärgruppsträff 3: Bedömning, del 1; förberedelse".into(),
            description: "Se filmen först.\nTa med elevexempel, gärna två.".into(),
            first: Date::parse("2026-10-15").expect("date"),
            last: Date::parse("2026-10-15").expect("date"),
            start_minutes: Some(15 * 60),
            end_minutes: Some(16 * 60 + 30),
            url: None,
        }
    }

    /// The feed's lines with folds undone.
    fn unfold(feed: &str) -> Vec<String> {
        feed.replace("\r\n ", "")
            .split("\r\n")
            .map(str::to_owned)
            .collect()
    }

    #[test]
    fn timed_events_are_in_stockholm_time_with_the_zone_defined() {
        let feed = calendar("Årshjul 2026/27", &[event()], "20261122T120000Z");
        let lines = unfold(&feed);
        assert_eq!(lines[0], "BEGIN:VCALENDAR");
        assert!(lines.contains(&"TZID:Europe/Stockholm".to_owned()));
        assert!(lines.contains(&"DTSTART;TZID=Europe/Stockholm:20261015T150000".to_owned()));
        assert!(lines.contains(&"DTEND;TZID=Europe/Stockholm:20261015T163000".to_owned()));
        assert!(lines.contains(&"SEQUENCE:2".to_owned()));
        assert!(lines.contains(&"DTSTAMP:20261122T120000Z".to_owned()));
        assert!(
            lines.contains(
                &"SUMMARY:Lärgruppsträff 3: Bedömning\\, del 1\\; förberedelse".to_owned()
            )
        );
        assert!(lines.contains(
            &"DESCRIPTION:Se filmen först.\\nTa med elevexempel\\, gärna två.".to_owned()
        ));
        assert_eq!(
            feed.matches("BEGIN:VEVENT").count(),
            feed.matches("END:VEVENT").count()
        );
        assert!(feed.ends_with("END:VCALENDAR\r\n"));
        assert!(
            !feed.replace("\r\n", "").contains('\n'),
            "every line ends with CRLF"
        );
    }

    #[test]
    fn all_day_events_are_dates_ending_the_day_after() {
        let mut e = event();
        e.start_minutes = None;
        e.end_minutes = None;
        e.last = Date::parse("2026-10-30").expect("date");
        let feed = calendar("Lov", &[e], "20261122T120000Z");
        let lines = unfold(&feed);
        assert!(lines.contains(&"DTSTART;VALUE=DATE:20261015".to_owned()));
        assert!(lines.contains(&"DTEND;VALUE=DATE:20261031".to_owned()));
        assert!(!feed.contains("VTIMEZONE"), "no zone needed without times");
    }

    #[test]
    fn long_lines_fold_at_75_octets_without_splitting_letters() {
        let mut e = event();
        e.description = "Åäö ".repeat(60);
        let feed = calendar("Årshjul", &[e.clone()], "20261122T120000Z");
        for line in feed.split("\r\n") {
            assert!(line.len() <= 75, "{} octets: {line}", line.len());
        }
        let unfolded = unfold(&feed);
        assert!(unfolded.contains(&format!("DESCRIPTION:{}", escape(&e.description))));
    }
}
