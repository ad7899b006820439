//! Dates and times as people read them, in the interface's language: "15 okt–2 nov,
//! 15:00–16:30", today in the browser's time zone, a clock time, a stored timestamp.
//! Every page formats days through here.

use kollegium_shared::date::Date;
use kollegium_shared::i18n::Lang;
use kollegium_shared::meetings::Meeting;
use kollegium_shared::wheel::Activity;

/// Today in the browser's time zone.
pub fn today_date() -> Date {
    let now = js_sys::Date::new_0();
    Date::new(
        now.get_full_year() as i32,
        now.get_month() + 1,
        now.get_date(),
    )
    .unwrap_or(Date {
        year: 1970,
        month: 1,
        day: 1,
    })
}

/// Today as `YYYY-MM-DD`, in the browser's time zone.
pub fn today() -> String {
    today_date().to_string()
}

/// This calendar year, in the browser's time zone.
pub fn this_year() -> i32 {
    js_sys::Date::new_0().get_full_year() as i32
}

/// The local time now as "14:32".
pub fn clock_now() -> String {
    let now = js_sys::Date::new_0();
    format!("{:02}:{:02}", now.get_hours(), now.get_minutes())
}

/// The day of a stored timestamp (`2026-11-26T15:40:00Z` → `2026-11-26`).
pub fn day_of(timestamp: &str) -> String {
    timestamp.chars().take(10).collect()
}

/// A stored timestamp in the reader's local time and language.
pub fn local_time(timestamp: &str, lang: Lang) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_str(timestamp));
    String::from(date.to_locale_string(lang.tag(), &wasm_bindgen::JsValue::UNDEFINED))
}

/// Days from `first` to `last` (`YYYY-MM-DD`), with the time of day when there is one:
/// "15 okt" or "15 okt–2 nov, 15:00–16:30".
pub fn days_text(first: &str, last: &str, time: Option<(&str, &str)>, lang: Lang) -> String {
    let day = |s: &str| {
        let Some(d) = Date::parse(s) else {
            return s.to_owned();
        };
        format!("{} {}", d.day, month_short(d.month, lang))
    };
    let mut out = day(first);
    if last != first {
        out = format!("{out}–{}", day(last));
    }
    if let Some((s, e)) = time {
        out = format!("{out}, {s}–{e}");
    }
    out
}

/// A day as people read it, with its year: "17 sep 2026".
pub fn date_text(date: &str, lang: Lang) -> String {
    format!(
        "{} {}",
        days_text(date, date, None, lang),
        date.get(..4).unwrap_or("")
    )
}

/// When an activity of the wheel is: "15 okt" or "15 okt–2 nov", with its time.
pub fn activity_when(a: &Activity, lang: Lang) -> String {
    days_text(
        &a.starts_on,
        &a.ends_on,
        a.start_time.as_deref().zip(a.end_time.as_deref()),
        lang,
    )
}

/// When a meeting is: "8 okt, 15:00–16:30".
pub fn meeting_when(m: &Meeting, lang: Lang) -> String {
    days_text(
        &m.starts_on,
        &m.starts_on,
        m.start_time.as_deref().zip(m.end_time.as_deref()),
        lang,
    )
}

/// A month's short name.
pub fn month_short(month: u32, lang: Lang) -> &'static str {
    const SV: [&str; 12] = [
        "jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec",
    ];
    const EN: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let i = (month.clamp(1, 12) - 1) as usize;
    if lang == Lang::Sv { SV[i] } else { EN[i] }
}
