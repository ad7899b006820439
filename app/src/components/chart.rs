//! A horizontal bar chart of shares (0–100 %), drawn as SVG. It is a picture for those
//! who would rather look than read: the figure's sentence names it, and every chart
//! stands beside a table with the same figures, which is what screen readers read.

use leptos::prelude::*;

/// One bar: its label and its length in whole per cent of the full bar (none: nothing
/// to show, "–"); `value` is the figure written after it when it is not that share
/// (a merit value of 231,4 drawn as 68 % of 340).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bar {
    pub label: String,
    pub percent: Option<i64>,
    pub value: Option<String>,
}

const ROW: i64 = 26;
const LABEL_WIDTH: i64 = 200;
const BAR_WIDTH: i64 = 300;

/// The chart; `labelled_by` is the id of the sentence that says what it shows, its name.
#[component]
pub fn BarChart(bars: Vec<Bar>, labelled_by: &'static str) -> impl IntoView {
    let height = ROW * i64::try_from(bars.len()).unwrap_or(0) + 8;
    let width = LABEL_WIDTH + BAR_WIDTH + 50;
    let rows = bars
        .into_iter()
        .enumerate()
        .map(|(i, bar)| {
            let y = i64::try_from(i).unwrap_or(0) * ROW + 4;
            let share = bar.percent.unwrap_or(0).clamp(0, 100);
            let length = BAR_WIDTH * share / 100;
            let label: String = if bar.label.chars().count() > 28 {
                bar.label.chars().take(27).chain(['…']).collect()
            } else {
                bar.label.clone()
            };
            let figure = match (&bar.value, bar.percent) {
                (_, None) => "–".to_owned(),
                (Some(v), Some(_)) => v.clone(),
                (None, Some(p)) => format!("{p} %"),
            };
            view! {
                <g>
                    <text x=LABEL_WIDTH - 8 y=y + 16 text-anchor="end" class="chart-label">{label}</text>
                    <rect x=LABEL_WIDTH y=y + 3 width=BAR_WIDTH height=ROW - 8 class="chart-track"/>
                    <rect x=LABEL_WIDTH y=y + 3 width=length height=ROW - 8 class="chart-bar"/>
                    <text x=LABEL_WIDTH + BAR_WIDTH + 6 y=y + 16 class="chart-value">{figure}</text>
                </g>
            }
        })
        .collect_view();
    view! {
        <svg class="chart" role="img" aria-labelledby=labelled_by
            viewBox=format!("0 0 {width} {height}") preserveAspectRatio="xMinYMin meet">
            {rows}
        </svg>
    }
}
