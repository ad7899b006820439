//! `/arshjul`: the wheel as an SVG circle, August at the top, clockwise.

use kollegium_shared::date::Date;
use kollegium_shared::ids::{ActivityId, RingId};
use kollegium_shared::wheel::Ring;
use kollegium_shared::wheel::geometry::{YearRange, arc_path, distance_to_band, label_path, point};
use leptos::prelude::*;
use leptos_router::components::A;
use wasm_bindgen::JsCast;

use super::export::{self, Paper};
use super::form::{self, FeedSection, UndoBar};
use super::{Details, Editing, Planner, ViewChoice};
use crate::format::{activity_when, days_text, month_short, today_date};
use crate::i18n::{K, use_i18n, use_title};
use crate::wheel::text::WheelText;

/// The drawing's size and radii, in viewBox units.
const SIZE: f64 = 1000.0;
const C: f64 = SIZE / 2.0;
const OUTER: f64 = 410.0;
const INNER: f64 = 140.0;

/// Which part of an activity a drag holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Grip {
    Whole,
    Start,
    End,
}

/// An activity being dragged along its ring: whole (moved) or by an end (resized).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct ArcDrag {
    id: ActivityId,
    grip: Grip,
    /// The day under the pointer when the drag began.
    origin: Date,
    first: Date,
    last: Date,
    /// Whole days moved so far.
    delta: i64,
}

impl ArcDrag {
    /// The days the activity would have if dropped now.
    fn days(self) -> (Date, Date) {
        match self.grip {
            Grip::Whole => (
                self.first.add_days(self.delta),
                self.last.add_days(self.delta),
            ),
            Grip::Start => (self.first.add_days(self.delta).min(self.last), self.last),
            Grip::End => (self.first, self.last.add_days(self.delta).max(self.first)),
        }
    }
}

/// The angle (degrees, 0 at the top, clockwise) of a point on the screen over the drawing.
fn angle_at(svg: &web_sys::Element, client_x: i32, client_y: i32) -> f64 {
    let rect = svg.get_bounding_client_rect();
    let scale = SIZE / rect.width();
    let x = (f64::from(client_x) - rect.left()) * scale - C;
    let y = (f64::from(client_y) - rect.top()) * scale - C;
    x.atan2(-y).to_degrees().rem_euclid(360.0)
}

/// What part of the year the circle shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Zoom {
    Year,
    Autumn,
    Spring,
    Month(u32),
}

#[component]
pub fn WheelPage() -> impl IntoView {
    let i18n = use_i18n();
    use_title(WheelText::WheelTitle);
    let planner = Planner::new();
    let zoom = RwSignal::new(Zoom::Year);

    let range = move || {
        planner.wheel.with(|w| {
            let w = w.as_ref()?;
            let year = YearRange::of(&w.school_year);
            let first = year.start.year;
            let spring = Date::parse(&w.school_year.spring_starts_on)?;
            Some(match zoom.get() {
                Zoom::Year => year,
                Zoom::Autumn => YearRange {
                    start: year.start,
                    end: spring,
                },
                Zoom::Spring => YearRange {
                    start: spring,
                    end: year.end,
                },
                Zoom::Month(m) => YearRange::month(first, m),
            })
        })
    };

    let ring_filter = move || {
        planner.wheel.with(|w| {
            w.as_ref().map(|w| {
                w.rings
                    .iter()
                    .map(|r| {
                        let id = r.id;
                        let field = format!("ring-{id}");
                        view! {
                            <li>
                                <input type="checkbox" id=field.clone() checked=move || !planner.hidden.with(|h| h.contains(&id))
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        planner.hidden.update(|h| { h.retain(|x| *x != id); if !on { h.push(id); } });
                                    }/>
                                <label for=field><span class="swatch" style=format!("background:{}", r.colour)></span>{r.name.clone()}</label>
                            </li>
                        }
                    })
                    .collect_view()
            })
        })
    };

    let zoom_select = move || {
        let lang = i18n.lang.get();
        view! {
            <div class="field">
                <label for="wheel-zoom">{i18n.t(WheelText::WheelZoom)}</label>
                <select id="wheel-zoom" on:change=move |ev| {
                    let v = event_target_value(&ev);
                    zoom.set(match v.as_str() {
                        "ht" => Zoom::Autumn,
                        "vt" => Zoom::Spring,
                        m => m.parse().ok().filter(|m| (1..=12).contains(m)).map_or(Zoom::Year, Zoom::Month),
                    });
                }>
                    <option value="year">{i18n.t(WheelText::WheelWholeYear)}</option>
                    <option value="ht">{i18n.t(WheelText::WheelAutumn)}</option>
                    <option value="vt">{i18n.t(WheelText::WheelSpring)}</option>
                    {[8, 9, 10, 11, 12, 1, 2, 3, 4, 5, 6, 7].into_iter().map(|m| view! {
                        <option value=m.to_string()>{month_short(m, lang)}</option>
                    }).collect_view()}
                </select>
            </div>
        }
    };

    view! {
        <section class="page wheel-page">
            <div class="wheel-head">
                <h1>{move || i18n.t(WheelText::WheelTitle)}</h1>
                <A href="/arshjul/lista" attr:class="button button-secondary">{move || i18n.t(WheelText::WheelAsList)}</A>
            </div>
            {move || planner.error.get().map(|e| view! { <p class="form-error" role="alert">{e.message(i18n)}</p> })}
            <p class="visually-hidden" role="status" aria-live="polite">{move || planner.status.get()}</p>
            <div class="wheel-layout">
                <div class="wheel-figure">
                    <Legend planner=planner/>
                    {move || match (planner.wheel.get(), range(), planner.hidden.get(), planner.mine_only.get()) {
                        (Some(w), Some(r), _, _) => view! { <Circle planner=planner rings=w.rings.clone() range=r title=w.school_year.name.clone()/> }.into_any(),
                        // The circle's space is kept while it loads, so the panel below
                        // it (on a narrow screen) does not jump when it comes.
                        _ => view! { <div class="wheel-placeholder" aria-hidden="true"></div> }.into_any(),
                    }}
                </div>
                // Shown once the wheel has come, so nothing in it moves as it fills.
                <aside class="wheel-side" class:wheel-side-loading=move || planner.wheel.with(Option::is_none)>
                    <UndoBar planner=planner/>
                    <ViewChoice planner=planner/>
                    {zoom_select}
                    <fieldset class="check-group ring-filter">
                        <legend>{move || i18n.t(WheelText::WheelRings)}</legend>
                        <ul class="check-list">{ring_filter}</ul>
                    </fieldset>
                    <Output planner=planner/>
                    {planner.editor.then(|| view! {
                        <button type="button" class="button button-primary" on:click=move |_| {
                            let ring = planner.wheel.with_untracked(|w| w.as_ref().and_then(|w| w.rings.first().map(|r| r.id))).unwrap_or(RingId(0));
                            planner.editing.set(Some(Editing::New { ring, date: today_date().to_string() }));
                        }>{move || i18n.t(WheelText::WheelNewActivity)}</button>
                    })}
                    {move || planner.editing.get().map(|e| Suspend::new(form::activity_form(planner, e)))}
                    <Details planner=planner/>
                </aside>
            </div>
            <FeedSection/>
        </section>
    }
}

/// The rings shown, for the printed page.
#[component]
fn Legend(planner: Planner) -> impl IntoView {
    move || {
        planner.wheel.with(|w| {
            let w = w.as_ref()?;
            let hidden = planner.hidden.get();
            Some(view! {
                <div class="wheel-legend print-only">
                    <p class="wheel-legend-year">{w.school_year.name.clone()}</p>
                    <ul>
                        {w.rings.iter().filter(|r| !hidden.contains(&r.id)).map(|r| view! {
                            <li><span class="swatch" style=format!("background:{}", r.colour)></span>{r.name.clone()}</li>
                        }).collect_view()}
                    </ul>
                </div>
            })
        })
    }
}

/// Print on one page, or save the drawing as SVG or PNG.
#[component]
fn Output(planner: Planner) -> impl IntoView {
    let i18n = use_i18n();
    let paper = RwSignal::new(Paper::A4);
    let failed = RwSignal::new(false);
    // The drawing as a file: its title, the rings shown and the SVG text.
    let drawing = move || {
        let svg = document().query_selector("svg.wheel-svg").ok().flatten()?;
        planner.wheel.with_untracked(|w| {
            let w = w.as_ref()?;
            let hidden = planner.hidden.get_untracked();
            let rings: Vec<Ring> = w
                .rings
                .iter()
                .filter(|r| !hidden.contains(&r.id))
                .cloned()
                .collect();
            let title = format!("{} {}", i18n.t(WheelText::WheelTitle), w.school_year.name);
            let file = format!("arshjul-{}", w.school_year.name.replace('/', "-"));
            Some((export::svg_file(&svg, &title, &rings), file))
        })
    };
    let save_svg = move |_| {
        let ok = drawing().is_some_and(|(svg, file)| {
            crate::components::save_file(svg.as_bytes(), "image/svg+xml", &format!("{file}.svg"))
                .is_ok()
        });
        failed.set(!ok);
    };
    let save_png = move |_| {
        let ok = drawing()
            .is_some_and(|(svg, file)| export::save_png(&svg, &format!("{file}.png")).is_ok());
        failed.set(!ok);
    };
    view! {
        <details class="wheel-output print-hidden">
            <summary>{move || i18n.t(WheelText::WheelOutput)}</summary>
            <label for="wheel-paper">{move || i18n.t(WheelText::WheelPaper)}</label>
            <select id="wheel-paper" on:change=move |ev| paper.set(if event_target_value(&ev) == "a3" { Paper::A3 } else { Paper::A4 })>
                <option value="a4">{move || i18n.t(WheelText::WheelPaperA4)}</option>
                <option value="a3">{move || i18n.t(WheelText::WheelPaperA3)}</option>
            </select>
            <button type="button" class="button button-secondary" on:click=move |_| export::print(paper.get_untracked())>{move || i18n.t(K::Print)}</button>
            <button type="button" class="button button-secondary" on:click=save_svg>{move || i18n.t(WheelText::WheelSaveSvg)}</button>
            <button type="button" class="button button-secondary" on:click=save_png>{move || i18n.t(WheelText::WheelSavePng)}</button>
            {move || failed.get().then(|| view! { <span class="form-error" role="alert">{i18n.t(K::DownloadFailed)}</span> })}
        </details>
    }
}

/// The circle itself.
#[component]
fn Circle(planner: Planner, rings: Vec<Ring>, range: YearRange, title: String) -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.lang.get_untracked();
    let shown: Vec<Ring> = rings
        .into_iter()
        .filter(|r| !planner.hidden.with(|h| h.contains(&r.id)))
        .collect();
    let lanes = shown.len().max(1) as f64;
    let width = (OUTER - INNER) / lanes;
    let lane = move |i: usize| (OUTER - width * (i as f64 + 1.0), OUTER - width * i as f64);
    let svg_ref = NodeRef::<leptos::svg::Svg>::new();
    let drag = RwSignal::new(None::<ArcDrag>);
    // A drag that moved an arc ends in a click the browser sends after it: that click
    // is not a tap to open the arc.
    let dragged = StoredValue::new(false);
    let day_at = move |ev: &leptos::ev::PointerEvent| {
        svg_ref
            .get_untracked()
            .map(|svg| range.day_at(angle_at(svg.unchecked_ref(), ev.client_x(), ev.client_y())))
    };
    // Where each shown activity's arc lies, for a tap that misses every arc narrowly.
    let min_degrees = 2.0;
    let bands: Vec<(ActivityId, f64, f64, f64, f64)> = planner.wheel.with_untracked(|w| {
        let Some(w) = w.as_ref() else {
            return Vec::new();
        };
        shown
            .iter()
            .enumerate()
            .flat_map(|(i, ring)| {
                let (r0, r1) = lane(i);
                w.activities
                    .iter()
                    .filter(|a| a.ring_id == ring.id && planner.shows_untracked(w, a))
                    .filter_map(move |a| {
                        let (s, e) = range.span(
                            Date::parse(&a.starts_on)?,
                            Date::parse(&a.ends_on)?,
                            min_degrees,
                        )?;
                        Some((a.id, r0 + 3.0, r1 - 3.0, s, e))
                    })
                    .collect::<Vec<_>>()
            })
            .collect()
    });
    let bands = StoredValue::new(bands);
    // The arc nearest a tap, if one is within a finger's reach: 12 px each way, so every
    // arc is a target of at least 24 × 24 px however thin it is drawn (WCAG 2.2).
    let nearest = move |ev: &leptos::ev::MouseEvent| -> Option<ActivityId> {
        let svg = svg_ref.get_untracked()?;
        let rect = svg.get_bounding_client_rect();
        let scale = SIZE / rect.width();
        let x = (f64::from(ev.client_x()) - rect.left()) * scale - C;
        let y = (f64::from(ev.client_y()) - rect.top()) * scale - C;
        let (r, angle) = (x.hypot(y), x.atan2(-y).to_degrees().rem_euclid(360.0));
        let reach = 12.0 * scale;
        bands.with_value(|bands| {
            bands
                .iter()
                .map(|&(id, inner, outer, a, b)| {
                    (id, distance_to_band(r, angle, inner, outer, a, b))
                })
                .filter(|(_, d)| *d <= reach)
                .min_by(|x, y| x.1.total_cmp(&y.1))
                .map(|(id, _)| id)
        })
    };
    let select_nearest = move |ev: &leptos::ev::MouseEvent| -> bool {
        match nearest(ev) {
            Some(id) => {
                planner.open(id);
                true
            }
            None => false,
        }
    };

    // Months and weeks around the edge.
    let months = range.months().into_iter().map(|(d, a)| {
        let (x0, y0) = point(C, C, INNER - 8.0, a);
        let (x1, y1) = point(C, C, OUTER + 60.0, a);
        let next = d.add_days(14);
        let (tx, ty) = point(C, C, OUTER + 45.0, range.angle(next.min(range.end.add_days(-1))));
        view! {
            <line class="month-line" x1=format!("{x0:.1}") y1=format!("{y0:.1}") x2=format!("{x1:.1}") y2=format!("{y1:.1}")/>
            <text class="month-label" x=format!("{tx:.1}") y=format!("{ty:.1}")>{month_short(d.month, lang)}</text>
        }
    }).collect_view();
    let weeks = range
        .weeks()
        .into_iter()
        .map(|(w, a)| {
            let (x, y) = point(C, C, OUTER + 16.0, a + 360.0 / range.days() as f64 * 3.5);
            view! { <text class="week-label" x=format!("{x:.1}") y=format!("{y:.1}")>{w}</text> }
        })
        .collect_view();

    // Lanes: a background per ring (tap an empty spot to add there) and its activities.
    // A single day stays wide enough to see and, in a month's view, to touch.
    let label_size = (width * 0.42).min(17.0);
    let lanes_view = shown
        .iter()
        .enumerate()
        .map(|(i, ring)| {
            let (r0, r1) = lane(i);
            let ring_id = ring.id;
            let background = arc_path(C, C, r0 + 1.0, r1 - 1.0, 0.0, 360.0);
            let on_tap = move |ev: leptos::ev::MouseEvent| {
                // A tap just beside an arc means the arc; only a tap clear of every arc
                // adds an activity there. The click that ends a drag is no tap.
                if dragged.get_value() {
                    dragged.set_value(false);
                    return;
                }
                if select_nearest(&ev) || !planner.editor {
                    return;
                }
                let Some(svg) = svg_ref.get() else { return };
                let angle = angle_at(svg.unchecked_ref(), ev.client_x(), ev.client_y());
                let date = range.day_at(angle).to_string();
                planner.editing.set(Some(Editing::New { ring: ring_id, date }));
            };
            let activities = planner.wheel.with_untracked(|w| {
                w.as_ref()
                    .map(|w| w.activities.iter().filter(|a| a.ring_id == ring_id && planner.shows_untracked(w, a)).cloned().collect::<Vec<_>>())
                    .unwrap_or_default()
            });
            let colour = ring.colour.clone();
            let arcs = activities
                .into_iter()
                .filter_map(|a| {
                    let (first, last) = (Date::parse(&a.starts_on)?, Date::parse(&a.ends_on)?);
                    range.span(first, last, min_degrees)?;
                    let id = a.id;
                    let label = format!("{}, {}", a.title, activity_when(&a, lang));
                    let tooltip = label.clone();
                    // The arc follows a drag in progress.
                    let d = move || {
                        let (f, l) = drag
                            .get()
                            .filter(|g| g.id == id)
                            .map_or((first, last), ArcDrag::days);
                        range
                            .span(f, l, min_degrees)
                            .map(|(s, e)| arc_path(C, C, r0 + 3.0, r1 - 3.0, s, e))
                            .unwrap_or_default()
                    };
                    let select = move || planner.open(id);
                    let on_down = move |ev: leptos::ev::PointerEvent| {
                        if !planner.editor || !ev.is_primary() {
                            return;
                        }
                        let Some(origin) = day_at(&ev) else { return };
                        ev.prevent_default();
                        if let Some(target) = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) {
                            let _ = target.set_pointer_capture(ev.pointer_id());
                        }
                        let long = first.days_until(last) >= 2;
                        let grip = if long && origin <= first {
                            Grip::Start
                        } else if long && origin >= last {
                            Grip::End
                        } else {
                            Grip::Whole
                        };
                        dragged.set_value(false);
                        drag.set(Some(ArcDrag { id, grip, origin, first, last, delta: 0 }));
                    };
                    let on_move = move |ev: leptos::ev::PointerEvent| {
                        let Some(mut g) = drag.get_untracked().filter(|g| g.id == id) else { return };
                        let Some(day) = day_at(&ev) else { return };
                        let delta = g.origin.days_until(day);
                        if delta != g.delta {
                            dragged.set_value(true);
                            g.delta = delta;
                            drag.set(Some(g));
                        }
                    };
                    let on_up = move |_ev: leptos::ev::PointerEvent| {
                        let Some(g) = drag.get_untracked().filter(|g| g.id == id) else { return };
                        drag.set(None);
                        let (f, l) = g.days();
                        if (f, l) != (first, last) {
                            planner.reschedule(id, f, l);
                        }
                    };
                    // The name along the arc where it fits, as circular planners write it.
                    let title = a.title.clone();
                    let path_id = format!("arc-label-{id}");
                    let rm = (r0 + r1) / 2.0;
                    let label_d = move || {
                        let (f, l) = drag.get().filter(|g| g.id == id).map_or((first, last), ArcDrag::days);
                        range.span(f, l, min_degrees).map(|(s, e)| label_path(C, C, rm, s, e))
                    };
                    let wanted = title.chars().count() as f64 * label_size * 0.56 + label_size;
                    let name_on_arc = move || {
                        let (path, length) = label_d()?;
                        (length >= wanted).then(|| view! {
                            <path id=path_id.clone() class="arc-label-path" d=path/>
                            <text class="arc-label" font-size=format!("{label_size:.1}") aria-hidden="true">
                                <textPath href=format!("#{path_id}") startOffset="50%" text-anchor="middle" dominant-baseline="central">{title.clone()}</textPath>
                            </text>
                        })
                    };
                    Some(view! {
                        <path class="activity" data-activity=id.0.to_string() d=d fill=colour.clone() tabindex="0" role="button" aria-label=label
                            class:selected=move || planner.selected.get() == Some(id)
                            class:editable=planner.editor
                            class:dragging=move || drag.with(|g| g.is_some_and(|g| g.id == id))
                            on:pointerdown=on_down on:pointermove=on_move on:pointerup=on_up
                            on:pointercancel=move |_| drag.set(None)
                            on:click=move |ev| {
                                ev.stop_propagation();
                                if dragged.get_value() {
                                    dragged.set_value(false);
                                } else {
                                    select();
                                }
                            }
                            on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                                if ev.key() == "Enter" || ev.key() == " " { ev.prevent_default(); select(); }
                            }>
                            <title>{tooltip}</title>
                        </path>
                        {name_on_arc}
                    })
                })
                .collect_view();
            view! {
                <g class="lane">
                    <path class="lane-bg" d=background on:click=on_tap><title>{ring.name.clone()}</title></path>
                    {arcs}
                </g>
            }
        })
        .collect_view();

    // Today and the terms.
    let t = today_date();
    let marker = |date: Option<Date>, class: &'static str| {
        let date = date.filter(|d| range.contains(*d))?;
        let a = range.angle(date);
        let (x0, y0) = point(C, C, INNER - 10.0, a);
        let (x1, y1) = point(C, C, OUTER + 4.0, a);
        Some(
            view! { <line class=class x1=format!("{x0:.1}") y1=format!("{y0:.1}") x2=format!("{x1:.1}") y2=format!("{y1:.1}")/> },
        )
    };
    let terms = planner.wheel.with_untracked(|w| {
        w.as_ref().map(|w| {
            [
                &w.school_year.starts_on,
                &w.school_year.spring_starts_on,
                &w.school_year.ends_on,
            ]
            .into_iter()
            .map(|d| marker(Date::parse(d), "term-line"))
            .collect_view()
        })
    });
    let today_line = marker(Some(t), "today-line");
    let description = format!("{} {title}", i18n.t(WheelText::WheelTitle));

    view! {
        <svg node_ref=svg_ref class="wheel-svg" class:editable=planner.editor viewBox=format!("0 0 {SIZE} {SIZE}") role="group" aria-label=description
            // A new touch or press starts afresh (a drag on touch ends without a click).
            on:pointerdown=move |_| dragged.set_value(false)
            on:click=move |ev| {
                // The click that ends a drag (sent to the drawing when the pointer left
                // the arc) opens nothing.
                if dragged.get_value() {
                    dragged.set_value(false);
                    return;
                }
                // Taps on the centre, the months or the edge find the nearest arc too.
                let on_shape = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                    .is_some_and(|e| e.class_list().contains("lane-bg") || e.class_list().contains("activity"));
                if !on_shape {
                    select_nearest(&ev);
                }
            }>
            <circle class="wheel-centre" cx=C cy=C r=INNER - 10.0/>
            {months}
            {weeks}
            {lanes_view}
            {terms}
            {today_line}
            <text class="wheel-year" x=C y=C + 12.0>{title}</text>
            // The days an arc would have if dropped now, while it is dragged.
            {move || drag.get().map(|g| {
                let (f, l) = g.days();
                view! { <text class="drag-date" x=C y=C + 52.0>{days_text(&f.to_string(), &l.to_string(), None, lang)}</text> }
            })}
        </svg>
    }
}
