//! The wheel's geometry: the school year from 1 August to 31 July laid on a circle with
//! August at the top, running clockwise; a zoomed view lays a term or a month on the
//! whole circle instead. Angles are in degrees, 0 at the top; SVG paths for the arcs.

use crate::date::Date;
use crate::groups::SchoolYear;

/// The days a view shows: from `start` up to, not including, `end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct YearRange {
    pub start: Date,
    pub end: Date,
}

impl YearRange {
    /// The wheel's year: 1 August of the autumn the school year starts in, to 1 August
    /// of the next.
    pub fn of(year: &SchoolYear) -> YearRange {
        let first = Date::parse(&year.starts_on).map_or(2000, |d| d.year);
        YearRange {
            start: Date {
                year: first,
                month: 8,
                day: 1,
            },
            end: Date {
                year: first + 1,
                month: 8,
                day: 1,
            },
        }
    }

    /// One month of the year, `month` 1–12, in the school year starting in `first`.
    pub fn month(first: i32, month: u32) -> YearRange {
        let year = if month >= 8 { first } else { first + 1 };
        let start = Date {
            year,
            month,
            day: 1,
        };
        let end = if month == 12 {
            Date {
                year: year + 1,
                month: 1,
                day: 1,
            }
        } else {
            Date {
                year,
                month: month + 1,
                day: 1,
            }
        };
        YearRange { start, end }
    }

    /// How many days the range holds.
    pub fn days(self) -> i64 {
        self.start.days_until(self.end)
    }

    /// Whether `day` is in the range.
    pub fn contains(self, day: Date) -> bool {
        self.start <= day && day < self.end
    }

    /// The angle at the start of `day` (before the range: 0; after: 360).
    pub fn angle(self, day: Date) -> f64 {
        let offset = self.start.days_until(day).clamp(0, self.days());
        360.0 * offset as f64 / self.days() as f64
    }

    /// The angles an activity from `first` to `last` (inclusive) covers, clipped to the
    /// range; none when it lies outside. At least `min_degrees` wide, so a single day
    /// stays visible and touchable.
    pub fn span(self, first: Date, last: Date, min_degrees: f64) -> Option<(f64, f64)> {
        let after_last = last.add_days(1);
        if after_last <= self.start || first >= self.end {
            return None;
        }
        let (a, b) = (self.angle(first), self.angle(after_last));
        if b - a >= min_degrees {
            Some((a, b))
        } else {
            let mid = (a + b) / 2.0;
            let half = min_degrees / 2.0;
            Some(((mid - half).max(0.0), (mid + half).min(360.0)))
        }
    }

    /// The day at `angle` degrees.
    pub fn day_at(self, angle: f64) -> Date {
        let days = self.days() as f64;
        let offset = (angle.rem_euclid(360.0) / 360.0 * days).floor() as i64;
        self.start.add_days(offset.min(self.days() - 1))
    }

    /// The first day of each month in the range, with its angle.
    pub fn months(self) -> Vec<(Date, f64)> {
        let mut out = Vec::new();
        let mut d = Date {
            day: 1,
            ..self.start
        };
        if d < self.start {
            d = next_month(d);
        }
        while d < self.end {
            out.push((d, self.angle(d)));
            d = next_month(d);
        }
        out
    }

    /// The Monday of each week starting in the range, with its ISO week number and angle.
    pub fn weeks(self) -> Vec<(u32, f64)> {
        let mut monday = self.start.monday();
        if monday < self.start {
            monday = monday.add_days(7);
        }
        let mut out = Vec::new();
        while monday < self.end {
            out.push((monday.iso_week(), self.angle(monday)));
            monday = monday.add_days(7);
        }
        out
    }
}

fn next_month(d: Date) -> Date {
    if d.month == 12 {
        Date {
            year: d.year + 1,
            month: 1,
            day: 1,
        }
    } else {
        Date {
            month: d.month + 1,
            day: 1,
            ..d
        }
    }
}

/// The point at `angle` degrees (0 at the top, clockwise) and radius `r` around the
/// centre (`cx`, `cy`).
pub fn point(cx: f64, cy: f64, r: f64, angle: f64) -> (f64, f64) {
    let rad = angle.to_radians();
    (cx + r * rad.sin(), cy - r * rad.cos())
}

/// An SVG path for the band between radii `inner` and `outer` from angle `a` to `b`.
pub fn arc_path(cx: f64, cy: f64, inner: f64, outer: f64, a: f64, b: f64) -> String {
    // A full circle cannot be drawn as one arc: stop just short of it.
    let b = if b - a >= 360.0 { a + 359.99 } else { b };
    let large = u8::from(b - a > 180.0);
    let (x0, y0) = point(cx, cy, outer, a);
    let (x1, y1) = point(cx, cy, outer, b);
    let (x2, y2) = point(cx, cy, inner, b);
    let (x3, y3) = point(cx, cy, inner, a);
    format!(
        "M{x0:.2} {y0:.2}A{outer:.2} {outer:.2} 0 {large} 1 {x1:.2} {y1:.2}L{x2:.2} {y2:.2}A{inner:.2} {inner:.2} 0 {large} 0 {x3:.2} {y3:.2}Z"
    )
}

/// How far the point at radius `r` and angle `angle` lies from the band between
/// `inner` and `outer` from angle `a` to `b` (0 inside it), in the drawing's units: the
/// radial and the along-the-circle distances combined. A tap finds the nearest arc
/// within a finger's reach by it, however thin the arc is drawn.
pub fn distance_to_band(r: f64, angle: f64, inner: f64, outer: f64, a: f64, b: f64) -> f64 {
    let radial = (inner - r).max(r - outer).max(0.0);
    // The angle's distance outside [a, b], the shorter way round.
    let outside = |x: f64| {
        let d = (x - angle).rem_euclid(360.0);
        d.min(360.0 - d)
    };
    let within = if b - a >= 360.0 {
        true
    } else {
        let from_a = (angle - a).rem_euclid(360.0);
        from_a <= (b - a).rem_euclid(360.0)
    };
    let degrees = if within {
        0.0
    } else {
        outside(a).min(outside(b))
    };
    let along = r.clamp(inner, outer) * degrees.to_radians();
    radial.hypot(along)
}

/// An SVG path along the circle of radius `r` from angle `a` to `b` for a label to
/// follow, running left to right as read: clockwise over the top half, and the other
/// way on the bottom half so that the text is not upside down. Its length is returned
/// with it, to tell whether a label fits.
pub fn label_path(cx: f64, cy: f64, r: f64, a: f64, b: f64) -> (String, f64) {
    let b = if b - a >= 360.0 { a + 359.99 } else { b };
    let large = u8::from(b - a > 180.0);
    let mid = ((a + b) / 2.0).rem_euclid(360.0);
    let bottom = mid > 90.0 && mid < 270.0;
    let (from, to, sweep) = if bottom { (b, a, 0) } else { (a, b, 1) };
    let (x0, y0) = point(cx, cy, r, from);
    let (x1, y1) = point(cx, cy, r, to);
    (
        format!("M{x0:.2} {y0:.2}A{r:.2} {r:.2} 0 {large} {sweep} {x1:.2} {y1:.2}"),
        r * (b - a).to_radians(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tap_near_a_thin_arc_is_measured_to_its_edge() {
        // The band 300–310 from 10° to 20°.
        assert_eq!(distance_to_band(305.0, 15.0, 300.0, 310.0, 10.0, 20.0), 0.0);
        assert!((distance_to_band(318.0, 15.0, 300.0, 310.0, 10.0, 20.0) - 8.0).abs() < 1e-9);
        assert!((distance_to_band(294.0, 12.0, 300.0, 310.0, 10.0, 20.0) - 6.0).abs() < 1e-9);
        // One degree past the end, at radius 305: 305·π/180 ≈ 5.3 along the circle.
        let past = distance_to_band(305.0, 21.0, 300.0, 310.0, 10.0, 20.0);
        assert!((past - 305.0_f64.to_radians()).abs() < 1e-6, "{past}");
        // Across 0°: an arc from 350° to 370° holds 5°, and 345° is 5° before it.
        assert_eq!(
            distance_to_band(305.0, 5.0, 300.0, 310.0, 350.0, 370.0),
            0.0
        );
        assert!(distance_to_band(305.0, 345.0, 300.0, 310.0, 350.0, 370.0) > 0.0);
        // The far side of the circle is far.
        assert!(distance_to_band(305.0, 195.0, 300.0, 310.0, 10.0, 20.0) > 500.0);
    }

    #[test]
    fn labels_read_left_to_right_on_both_halves() {
        let (top, length) = label_path(500.0, 500.0, 300.0, 0.0, 90.0);
        assert!(top.ends_with(" 0 0 1 800.00 500.00"), "{top}");
        assert!((length - 300.0 * std::f64::consts::FRAC_PI_2).abs() < 1e-9);
        // On the bottom half the path runs from the later angle back to the earlier.
        let (bottom, _) = label_path(500.0, 500.0, 300.0, 150.0, 210.0);
        let (x, _) = point(500.0, 500.0, 300.0, 210.0);
        assert!(bottom.starts_with(&format!("M{x:.2}")), "{bottom}");
        assert!(bottom.contains(" 0 0 0 "), "{bottom}");
    }

    fn d(s: &str) -> Date {
        Date::parse(s).expect(s)
    }

    fn year() -> YearRange {
        YearRange {
            start: d("2026-08-01"),
            end: d("2027-08-01"),
        }
    }

    #[test]
    fn august_is_at_the_top_and_the_year_runs_clockwise() {
        let y = year();
        assert_eq!(y.days(), 365);
        assert_eq!(y.angle(d("2026-08-01")), 0.0);
        assert!(
            (y.angle(d("2027-01-31")) - 180.0).abs() < 1.0,
            "the turn of January is at the bottom"
        );
        assert!(y.angle(d("2026-11-01")) < y.angle(d("2027-02-01")));
        assert_eq!(y.angle(d("2027-08-01")), 360.0);
        assert_eq!(y.angle(d("2025-01-01")), 0.0, "clamped before");
        // Every day maps back to itself.
        for n in 0..365 {
            let day = d("2026-08-01").add_days(n);
            assert_eq!(y.day_at(y.angle(day) + 0.01), day);
        }
    }

    #[test]
    fn a_single_day_keeps_a_minimum_width_and_outside_activities_have_none() {
        let y = year();
        let (a, b) = y
            .span(d("2026-10-15"), d("2026-10-15"), 3.0)
            .expect("inside");
        assert!((b - a - 3.0).abs() < 1e-9);
        let (a, b) = y
            .span(d("2027-01-08"), d("2027-06-12"), 3.0)
            .expect("inside");
        assert!(a > 150.0 && b > 300.0 && b - a > 100.0);
        assert_eq!(y.span(d("2026-05-01"), d("2026-07-31"), 3.0), None);
        assert_eq!(y.span(d("2027-08-01"), d("2027-08-03"), 3.0), None);
        let (a, _) = y
            .span(d("2026-07-20"), d("2026-08-10"), 3.0)
            .expect("clipped");
        assert_eq!(a, 0.0);
    }

    #[test]
    fn months_and_weeks_are_marked_around_the_edge() {
        let y = year();
        let months = y.months();
        assert_eq!(months.len(), 12);
        assert_eq!(months[0], (d("2026-08-01"), 0.0));
        assert_eq!(months[5].0, d("2027-01-01"));
        let weeks = y.weeks();
        assert_eq!(weeks.len(), 52);
        assert_eq!(weeks[0].0, 32, "2026-08-03 is in week 32");
        assert!(weeks.iter().any(|(w, _)| *w == 53), "2026 has a week 53");
        let jan = YearRange::month(2026, 1);
        assert_eq!((jan.start, jan.end), (d("2027-01-01"), d("2027-02-01")));
        assert_eq!(jan.months().len(), 1);
        let dec = YearRange::month(2026, 12);
        assert_eq!((dec.start, dec.end), (d("2026-12-01"), d("2027-01-01")));
    }

    #[test]
    fn arcs_are_closed_bands_that_take_the_long_way_when_they_must() {
        let p = arc_path(100.0, 100.0, 50.0, 80.0, 0.0, 90.0);
        assert!(p.starts_with(
            "M100.00 20.00A80.00 80.00 0 0 1 180.00 100.00L150.00 100.00A50.00 50.00 0 0 0"
        ));
        assert!(p.ends_with('Z'));
        assert!(arc_path(100.0, 100.0, 50.0, 80.0, 0.0, 270.0).contains(" 0 1 1 "));
        let full = arc_path(100.0, 100.0, 50.0, 80.0, 0.0, 360.0);
        assert!(!full.contains("NaN"));
    }
}
