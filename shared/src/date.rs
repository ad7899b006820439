//! Calendar dates without a clock: parsing `YYYY-MM-DD`, day arithmetic, weekdays, ISO
//! week numbers and Easter, for the school year, the wheel and calendar feeds. Pure, so
//! the browser draws the wheel with the same arithmetic the server uses.

use std::fmt;

/// A day of the proleptic Gregorian calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// The number of days in a month.
pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

impl Date {
    /// A real date, or none.
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        (1..=12)
            .contains(&month)
            .then_some(())
            .filter(|()| day >= 1 && day <= days_in_month(year, month))
            .map(|()| Date { year, month, day })
    }

    /// Parses `YYYY-MM-DD` (exactly that shape, and a real date).
    pub fn parse(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let digits = |r: std::ops::Range<usize>| {
            s.get(r)
                .filter(|p| p.bytes().all(|c| c.is_ascii_digit()))
                .and_then(|p| p.parse::<u32>().ok())
        };
        let year = i32::try_from(digits(0..4)?).ok()?;
        Date::new(year, digits(5..7)?, digits(8..10)?)
    }

    /// Days since 1970-01-01 (negative before), after Howard Hinnant's `days_from_civil`.
    pub fn to_days(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` after 1970-01-01.
    pub fn from_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    /// This date moved by `n` days.
    pub fn add_days(self, n: i64) -> Date {
        Date::from_days(self.to_days() + n)
    }

    /// Days from `self` to `other` (negative when `other` is earlier).
    pub fn days_until(self, other: Date) -> i64 {
        other.to_days() - self.to_days()
    }

    /// Monday 1 … Sunday 7.
    pub fn weekday(self) -> u32 {
        // 1970-01-01 was a Thursday.
        ((self.to_days() + 3).rem_euclid(7) + 1) as u32
    }

    /// The Monday of the week the date is in.
    pub fn monday(self) -> Date {
        self.add_days(-i64::from(self.weekday() - 1))
    }

    /// The ISO 8601 week number (weeks start on Monday; week 1 holds the year's first
    /// Thursday), as Swedish calendars number them.
    pub fn iso_week(self) -> u32 {
        let thursday = self.add_days(4 - i64::from(self.weekday()));
        let jan1 = Date {
            year: thursday.year,
            month: 1,
            day: 1,
        };
        (jan1.days_until(thursday) / 7 + 1) as u32
    }

    /// The Monday of ISO week `week` of `year`.
    pub fn of_iso_week(year: i32, week: u32) -> Date {
        let jan4 = Date {
            year,
            month: 1,
            day: 4,
        };
        jan4.monday().add_days(7 * (i64::from(week) - 1))
    }

    /// Easter Sunday of `year` (the anonymous Gregorian algorithm).
    pub fn easter(year: i32) -> Date {
        let a = year % 19;
        let b = year / 100;
        let c = year % 100;
        let d = b / 4;
        let e = b % 4;
        let f = (b + 8) / 25;
        let g = (b - f + 1) / 3;
        let h = (19 * a + b - d - g + 15) % 30;
        let i = c / 4;
        let k = c % 4;
        let l = (32 + 2 * e + 2 * i - h - k) % 7;
        let m = (a + 11 * h + 22 * l) / 451;
        let month = (h + l - 7 * m + 114) / 31;
        let day = (h + l - 7 * m + 114) % 31 + 1;
        Date {
            year,
            month: month as u32,
            day: day as u32,
        }
    }
}

impl fmt::Display for Date {
    /// `YYYY-MM-DD`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// A time of day `HH:MM`, as minutes after midnight; none when not one.
pub fn parse_time(s: &str) -> Option<u32> {
    let (h, m) = s.split_once(':')?;
    if h.len() != 2 || m.len() != 2 {
        return None;
    }
    let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
    (h < 24 && m < 60).then_some(h * 60 + m)
}

/// How a wall-clock time of a date reads in Sweden (Europe/Stockholm).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LocalTime {
    /// Happens once.
    Exists,
    /// Skipped: the clocks go forward from 02:00 to 03:00 on the last Sunday of March.
    Skipped,
    /// Happens twice: the clocks go back from 03:00 to 02:00 on the last Sunday of
    /// October.
    Repeated,
}

impl Date {
    /// The last Sunday of the date's month.
    fn last_sunday(year: i32, month: u32) -> Date {
        let last = Date {
            year,
            month,
            day: days_in_month(year, month),
        };
        last.add_days(-i64::from(last.weekday() % 7))
    }

    /// How `minutes` after midnight reads on this date in Sweden, by the EU rule for
    /// summer time (from 01:00 UTC on the last Sunday of March to 01:00 UTC on the
    /// last Sunday of October), which Sweden has followed since 1996.
    pub fn local_time(self, minutes: u32) -> LocalTime {
        let in_change_hour = (120..180).contains(&minutes);
        if in_change_hour && self == Date::last_sunday(self.year, 3) {
            LocalTime::Skipped
        } else if in_change_hour && self == Date::last_sunday(self.year, 10) {
            LocalTime::Repeated
        } else {
            LocalTime::Exists
        }
    }
}

/// Checks that a time of day `HH:MM` on `date` happens exactly once in Sweden.
pub fn check_local_time(date: Date, minutes: u32) -> Result<(), crate::i18n::Msg> {
    match date.local_time(minutes) {
        LocalTime::Exists => Ok(()),
        LocalTime::Skipped => Err(crate::i18n::Msg::LocalTimeSkipped),
        LocalTime::Repeated => Err(crate::i18n::Msg::LocalTimeRepeated),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hours_of_the_clock_changes_are_skipped_or_repeated() {
        // 2027: summer time from 28 March, winter time from 31 October.
        assert_eq!(d("2027-03-28").local_time(2 * 60 + 30), LocalTime::Skipped);
        assert_eq!(d("2027-03-28").local_time(2 * 60), LocalTime::Skipped);
        assert_eq!(d("2027-03-28").local_time(2 * 60 - 1), LocalTime::Exists);
        assert_eq!(d("2027-03-28").local_time(3 * 60), LocalTime::Exists);
        assert_eq!(d("2027-03-21").local_time(2 * 60 + 30), LocalTime::Exists);
        assert_eq!(d("2027-10-31").local_time(2 * 60 + 30), LocalTime::Repeated);
        assert_eq!(d("2027-10-31").local_time(3 * 60), LocalTime::Exists);
        assert_eq!(d("2026-03-29").local_time(2 * 60 + 15), LocalTime::Skipped);
        assert_eq!(d("2026-10-25").local_time(2 * 60 + 59), LocalTime::Repeated);
        // A month that ends on a Sunday: 31 March 2024.
        assert_eq!(d("2024-03-31").local_time(2 * 60 + 30), LocalTime::Skipped);
        assert_eq!(d("2024-03-24").local_time(2 * 60 + 30), LocalTime::Exists);
        assert_eq!(
            check_local_time(d("2027-03-28"), 150),
            Err(crate::i18n::Msg::LocalTimeSkipped)
        );
        assert_eq!(check_local_time(d("2027-06-01"), 150), Ok(()));
    }

    fn d(s: &str) -> Date {
        Date::parse(s).expect(s)
    }

    #[test]
    fn parsing_takes_real_dates_only() {
        assert_eq!(d("2026-08-17").to_string(), "2026-08-17");
        assert!(Date::parse("2028-02-29").is_some());
        for bad in [
            "2027-02-29",
            "2026-13-01",
            "2026-8-17",
            "17/08/2026",
            "2026-00-10",
            "+026-01-01",
        ] {
            assert_eq!(Date::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn day_numbers_round_trip_across_centuries() {
        assert_eq!(d("1970-01-01").to_days(), 0);
        assert_eq!(d("2000-03-01").to_days(), 11_017);
        for n in (-800_000..800_000).step_by(997) {
            assert_eq!(Date::from_days(n).to_days(), n);
        }
        assert_eq!(d("2026-12-31").add_days(1), d("2027-01-01"));
        assert_eq!(d("2028-02-28").add_days(1), d("2028-02-29"));
        assert_eq!(d("2026-08-17").days_until(d("2027-06-12")), 299);
    }

    #[test]
    fn weekdays_and_iso_weeks_match_the_swedish_calendar() {
        assert_eq!(d("2026-08-17").weekday(), 1, "a Monday");
        assert_eq!(d("2026-11-22").weekday(), 7, "a Sunday");
        assert_eq!(d("2026-11-22").monday(), d("2026-11-16"));
        assert_eq!(d("2026-11-02").iso_week(), 45);
        // The turn of the year: 2026-12-31 is a Thursday in week 53; 2021-01-03 in 2020's week 53.
        assert_eq!(d("2026-12-31").iso_week(), 53);
        assert_eq!(d("2021-01-03").iso_week(), 53);
        assert_eq!(d("2021-01-04").iso_week(), 1);
        assert_eq!(Date::of_iso_week(2026, 44), d("2026-10-26"));
        assert_eq!(Date::of_iso_week(2027, 9), d("2027-03-01"));
        assert_eq!(Date::of_iso_week(2021, 1), d("2021-01-04"));
    }

    #[test]
    fn easter_falls_on_the_known_sundays() {
        for (year, easter) in [
            (2025, "2025-04-20"),
            (2026, "2026-04-05"),
            (2027, "2027-03-28"),
            (2028, "2028-04-16"),
            (2038, "2038-04-25"),
        ] {
            assert_eq!(Date::easter(year), d(easter), "{year}");
            assert_eq!(Date::easter(year).weekday(), 7);
        }
    }

    #[test]
    fn times_of_day() {
        assert_eq!(parse_time("15:00"), Some(900));
        assert_eq!(parse_time("00:00"), Some(0));
        for bad in ["24:00", "9:00", "15:60", "15.00", ""] {
            assert_eq!(parse_time(bad), None, "{bad}");
        }
    }
}
