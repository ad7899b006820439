//! `/resultat`: the schools' results, one key figure at a time: the schools side by
//! side in the latest year with the whole municipality, and one school over the years,
//! each chart with its table and a sentence saying what it shows; printable. Those
//! who import results read a file in here: a preview with every error by line and
//! column, then all of it or nothing.

use kollegium_shared::goals::results::{
    Column, Figure, FigureChoice, FigureInput, FigureKey, ResultPoint, ResultSeries,
    ResultsPreview, Sex, StoredFigure, is_school_year,
};
use kollegium_shared::i18n::Lang;
use kollegium_shared::ids::SchoolId;
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};

use super::text::R;
use crate::api::use_api;
use crate::components::{
    Bar, BarChart, ErrorText, FieldErrors, SelectField, StatusText, TextField, import_errors,
    loaded, read_file,
};
use crate::format::local_time;
use crate::i18n::{I18n, use_i18n, use_title};
use crate::reference::use_reference;

/// A value as people read it: one decimal, a decimal comma in Swedish, its unit; "–"
/// when there is none to show.
pub(super) fn value_text(value: Option<f64>, figure: Figure, lang: Lang) -> String {
    let Some(v) = value else {
        return "–".to_owned();
    };
    let mut s = format!("{v:.1}");
    if lang == Lang::Sv {
        s = s.replace('.', ",");
    }
    match figure.unit() {
        "" => s,
        unit => format!("{s} {unit}"),
    }
}

/// The bar of a value, its length a share of the figure's full scale.
fn bar(label: String, value: Option<f64>, figure: Figure, lang: Lang) -> Bar {
    Bar {
        label,
        percent: value.map(|v| (v / figure.max() * 100.0).round() as i64),
        value: value.map(|_| value_text(value, figure, lang)),
    }
}

/// "Andel behöriga till yrkesprogram, åk 9" (with the subject and sex when given).
pub(super) fn choice_label(
    c: &FigureChoice,
    lang: Lang,
    subject_name: &dyn Fn(&str) -> String,
) -> String {
    let mut out = format!(
        "{}, {} {}",
        c.figure.label(lang),
        if lang == Lang::Sv { "åk" } else { "year" },
        c.grade
    );
    if !c.subject.is_empty() {
        out = format!("{out}, {}", subject_name(&c.subject));
    }
    if c.sex != Sex::All {
        out = format!("{out}, {}", c.sex.label(lang).to_lowercase());
    }
    out
}

fn query_of(c: &FigureChoice) -> String {
    format!(
        "/resultat?figure={}&grade={}&subject={}&sex={}",
        c.figure.code(),
        c.grade,
        js_sys::encode_uri_component(&c.subject),
        c.sex.code()
    )
}

#[component]
pub(super) fn ResultsPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    use_title(R::Title);
    let query = use_query_map();
    let navigate = use_navigate();
    let subjects = use_reference().subjects();
    let choice = Memo::new(move |_| {
        query.with(|q| {
            Some(FigureChoice {
                figure: Figure::from_code(&q.get("figure")?)?,
                grade: q.get("grade")?.parse().ok()?,
                subject: q.get("subject").unwrap_or_default(),
                sex: q
                    .get("sex")
                    .and_then(|s| Sex::from_code(&s))
                    .unwrap_or_default(),
            })
        })
    });
    let data = LocalResource::new(move || {
        let c = choice.get();
        async move { api.results(c.as_ref()).await }
    });
    let school = RwSignal::new(None::<SchoolId>);
    // The import stays outside the figures, so that reloading them after an import
    // keeps what it said.
    let may_import = Memo::new(move |prev: Option<&bool>| {
        data.get()
            .and_then(Result::ok)
            .map_or(prev.copied().unwrap_or(false), |s| s.may_import)
    });
    let done = Callback::new(move |()| data.refetch());
    let subject_name = move |code: &str| {
        subjects
            .get()
            .and_then(Result::ok)
            .and_then(|all| all.into_iter().find(|s| s.code == code).map(|s| s.name))
            .unwrap_or_else(|| code.to_owned())
    };
    view! {
        <section class="page results-page">
            <h1>{move || i18n.t(R::Title)}</h1>
            <p class="lead">{move || i18n.t(R::Intro)}</p>
            <p class="no-print"><A href="/resultat/dialoger">{move || i18n.t(R::Dialogues)}</A></p>
            <Transition>
                {loaded(data, move |s: ResultSeries| {
                    let lang = i18n.lang.get();
                    let navigate = navigate.clone();
                    let figure = s.chosen.figure;
                    let label = choice_label(&s.chosen, lang, &subject_name);
                    let options: Vec<(usize, String)> = s.choices.iter().enumerate().map(|(i, c)| (i, choice_label(c, lang, &subject_name))).collect();
                    let current = s.choices.iter().position(|c| *c == s.chosen);
                    let choices = StoredValue::new(s.choices.clone());
                    let picker = view! {
                        <div class="toolbar no-print">
                            <div class="field">
                                <label for="results-figure">{i18n.t(R::Figure)}</label>
                                <select id="results-figure" on:change=move |ev| {
                                    let i: Option<usize> = event_target_value(&ev).parse().ok();
                                    if let Some(c) = i.and_then(|i| choices.with_value(|all| all.get(i).cloned())) {
                                        navigate(&query_of(&c), NavigateOptions::default());
                                    }
                                }>
                                    {options.into_iter().map(|(i, text)| view! { <option value=i.to_string() selected=Some(i) == current>{text}</option> }).collect_view()}
                                </select>
                            </div>
                            <button type="button" class="button button-secondary" on:click=move |_| { let _ = window().print(); }>{i18n.t(R::Print)}</button>
                        </div>
                    };
                    if s.schools.is_empty() {
                        return view! {
                            {picker}
                            <p class="notice">{i18n.t(R::None)}</p>
                        }.into_any();
                    }
                    let latest = s.years.last().cloned().unwrap_or_default();
                    let last = |points: &[ResultPoint]| points.last().and_then(|p| p.value);
                    let mut side: Vec<Bar> = s.schools.iter().map(|x| bar(x.school.name.clone(), last(&x.points), figure, lang)).collect();
                    side.push(bar(i18n.t(R::Municipality).to_owned(), last(&s.municipality), figure, lang));
                    let chosen_school = school.get().filter(|id| s.schools.iter().any(|x| x.school.id == *id)).unwrap_or(s.schools[0].school.id);
                    let one = s.schools.iter().find(|x| x.school.id == chosen_school).cloned().unwrap_or_else(|| s.schools[0].clone());
                    let over: Vec<Bar> = one.points.iter().map(|p| bar(p.year.clone(), p.value, figure, lang)).collect();
                    let side_sentence = i18n.fill(R::SideSentence, &[&label, &latest]);
                    let over_sentence = i18n.fill(R::OverSentence, &[&label, &one.school.name]);
                    let school_options: Vec<(SchoolId, String)> = s.schools.iter().map(|x| (x.school.id, x.school.name.clone())).collect();
                    view! {
                        {picker}
                        <section class="card results-part" aria-labelledby="results-side-heading">
                            <h2 id="results-side-heading">{i18n.fill(R::SideHeading, &[&latest])}</h2>
                            <p id="results-side-chart" class="chart-caption">{side_sentence}</p>
                            <div class="results-figure">
                                <BarChart bars=side labelled_by="results-side-chart"/>
                                <div class="table-wrap" tabindex="0" role="group" aria-labelledby="results-side-heading">
                                    <table class="results-table">
                                        <caption>{label.clone()}</caption>
                                        <thead><tr>
                                            <th scope="col">{i18n.t(R::School)}</th>
                                            {s.years.iter().map(|y| view! { <th scope="col" class="num">{y.clone()}</th> }).collect_view()}
                                            <th scope="col" class="num">{i18n.fill(R::Pupils, &[&latest])}</th>
                                        </tr></thead>
                                        <tbody>
                                            {s.schools.iter().map(|x| view! {
                                                <tr>
                                                    <th scope="row">{x.school.name.clone()}</th>
                                                    {x.points.iter().map(|p| view! { <td class="num">{value_text(p.value, figure, lang)}</td> }).collect_view()}
                                                    <td class="num">{x.points.last().map(|p| p.pupils).unwrap_or_default()}</td>
                                                </tr>
                                            }).collect_view()}
                                        </tbody>
                                        <tfoot>
                                            <tr>
                                                <th scope="row">{i18n.t(R::Municipality)}</th>
                                                {s.municipality.iter().map(|p| view! { <td class="num">{value_text(p.value, figure, lang)}</td> }).collect_view()}
                                                <td class="num">{s.municipality.last().map(|p| p.pupils).unwrap_or_default()}</td>
                                            </tr>
                                        </tfoot>
                                    </table>
                                </div>
                            </div>
                            <p class="field-hint">{i18n.t(R::Hidden)}</p>
                        </section>
                        <section class="card results-part" aria-labelledby="results-over-heading">
                            <h2 id="results-over-heading">{i18n.fill(R::OverHeading, &[&one.school.name])}</h2>
                            <div class="field no-print">
                                <label for="results-school">{i18n.t(R::School)}</label>
                                <select id="results-school" on:change=move |ev| school.set(event_target_value(&ev).parse().ok())>
                                    {school_options.into_iter().map(|(id, name)| view! { <option value=id.to_string() selected=id == chosen_school>{name}</option> }).collect_view()}
                                </select>
                            </div>
                            <p id="results-over-chart" class="chart-caption">{over_sentence}</p>
                            <div class="results-figure">
                                <BarChart bars=over labelled_by="results-over-chart"/>
                                <div class="table-wrap" tabindex="0" role="group" aria-labelledby="results-over-heading">
                                    <table class="results-table">
                                        <caption>{format!("{} · {}", one.school.name, label)}</caption>
                                        <thead><tr>
                                            <th scope="col">{i18n.t(R::Year)}</th>
                                            <th scope="col" class="num">{one.school.name.clone()}</th>
                                            <th scope="col" class="num">{i18n.t(R::Municipality)}</th>
                                            <th scope="col" class="num">{i18n.t(R::PupilsColumn)}</th>
                                        </tr></thead>
                                        <tbody>
                                            {one.points.iter().zip(&s.municipality).map(|(p, m)| view! {
                                                <tr>
                                                    <th scope="row">{p.year.clone()}</th>
                                                    <td class="num">{value_text(p.value, figure, lang)}</td>
                                                    <td class="num">{value_text(m.value, figure, lang)}</td>
                                                    <td class="num">{p.pupils}</td>
                                                </tr>
                                            }).collect_view()}
                                        </tbody>
                                    </table>
                                </div>
                            </div>
                        </section>
                    }.into_any()
                })}
            </Transition>
            <Show when=move || may_import.get()>
                <ImportSection done=done/>
                <EntrySection done=done/>
            </Show>
        </section>
    }
}

/// Reading a results file: preview, then all of it or nothing.
#[component]
fn ImportSection(done: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let input = NodeRef::<leptos::html::Input>::new();
    let preview = RwSignal::new(None::<ResultsPreview>);
    let error = RwSignal::new(None::<String>);
    let status = RwSignal::new(None::<String>);
    let file = StoredValue::new(None::<Vec<u8>>);
    let check = move |_| {
        let Some(el) = input.get_untracked() else {
            return;
        };
        leptos::task::spawn_local(async move {
            let Some(bytes) = read_file(&el).await else {
                error.set(Some(i18n.t(R::ChooseFile).to_owned()));
                return;
            };
            match api.preview_results(&bytes).await {
                Ok(p) => {
                    error.set(None);
                    status.set(None);
                    file.set_value(Some(bytes));
                    preview.set(Some(p));
                }
                Err(e) => error.set(Some(e.message(i18n))),
            }
        });
    };
    let import = move |_| {
        let Some(bytes) = file.get_value() else {
            return;
        };
        leptos::task::spawn_local(async move {
            match api.import_results(&bytes).await {
                Ok(p) => {
                    status.set(Some(format!(
                        "{} {}",
                        i18n.t(R::Imported),
                        changes(i18n, p.created, p.updated, p.unchanged)
                    )));
                    preview.set(None);
                    done.run(());
                }
                Err(e) => error.set(Some(e.message(i18n))),
            }
        });
    };
    let headers = Column::ALL.map(Column::header).join(";");
    view! {
        <details class="card results-import no-print">
            <summary>{i18n.t(R::Import)}</summary>
            <p>{i18n.t(R::ImportIntro)}</p>
            <p><code>{headers}</code></p>
            <p class="field-hint">{i18n.t(R::ImportFigures)}</p>
            <div class="field">
                <label for="results-file">{i18n.t(R::File)}</label>
                <input id="results-file" type="file" accept=".csv,text/csv" node_ref=input/>
            </div>
            <button type="button" class="button button-secondary" on:click=check>{i18n.t(R::Preview)}</button>
            <ErrorText message=error/>
            <StatusText message=status/>
            {move || preview.get().map(|p| preview_view(i18n, p, import))}
        </details>
    }
}

/// "3 nya, 1 ändrad, 0 oförändrade."
fn changes(i18n: I18n, created: usize, updated: usize, unchanged: usize) -> String {
    format!(
        "{}, {}, {}.",
        i18n.count(R::CountNew, created, &[&created]),
        i18n.count(R::CountChanged, updated, &[&updated]),
        i18n.count(R::CountUnchanged, unchanged, &[&unchanged]),
    )
}

fn preview_view(
    i18n: I18n,
    p: ResultsPreview,
    import: impl Fn(leptos::ev::MouseEvent) + 'static,
) -> impl IntoView {
    let ok = p.errors.is_empty();
    view! {
        <p role="status">{format!("{} {}", i18n.count(R::PreviewLine, p.rows, &[&p.rows]), changes(i18n, p.created, p.updated, p.unchanged))}</p>
        {import_errors(p.errors, i18n)}
        <button type="button" class="button button-primary" disabled=!ok on:click=import>{i18n.t(R::DoImport)}</button>
        {(!ok).then(|| view! { <p class="field-hint">{i18n.t(R::FixFirst)}</p> })}
    }
}

/// A number as people write it: a decimal comma or point, spaces between thousands.
fn read_number(text: &str) -> Option<f64> {
    let cleaned: String = text
        .trim()
        .trim_end_matches('%')
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if c == ',' { '.' } else { c })
        .collect();
    cleaned.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// A value in the form's own writing: a decimal comma in Swedish, no unit.
fn number_text(v: f64, lang: Lang) -> String {
    let s = format!("{v}");
    if lang == Lang::Sv {
        s.replace('.', ",")
    } else {
        s
    }
}

/// One figure entered by hand: the key chosen, the stored value (if any) fetched and
/// shown, then saved at its version or removed.
#[component]
fn EntrySection(done: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let reference = use_reference();
    let errors = FieldErrors::default();
    let form_error = RwSignal::new(None::<String>);
    let status = RwSignal::new(None::<String>);
    let school = RwSignal::new(String::new());
    let year = RwSignal::new(String::new());
    let figure = RwSignal::new(Figure::EligibleVocational.code().to_owned());
    let grade = RwSignal::new("9".to_owned());
    let subject = RwSignal::new(String::new());
    let sex = RwSignal::new(Sex::All.code().to_owned());
    let value = RwSignal::new(String::new());
    let pupils = RwSignal::new(String::new());
    let stored = RwSignal::new(None::<StoredFigure>);
    let chosen_figure =
        move || Figure::from_code(&figure.get()).unwrap_or(Figure::EligibleVocational);
    // A figure's year groups and subject follow the figure chosen.
    Effect::new(move |_| {
        let f = chosen_figure();
        let g: Option<u8> = grade.get_untracked().parse().ok();
        if !g.is_some_and(|g| f.grades().contains(&g)) {
            grade.set(f.grades().last().copied().unwrap_or(9).to_string());
        }
        if !f.per_subject() {
            subject.set(String::new());
        }
    });
    let key = Memo::new(move |_| {
        let year = year.get().trim().replace(['-', '–'], "/");
        Some(FigureKey {
            school: kollegium_shared::ids::SchoolId(school.get().parse().ok()?),
            year: is_school_year(&year).then_some(year)?,
            grade: grade.get().parse().ok()?,
            figure: Figure::from_code(&figure.get())?,
            subject: subject.get(),
            sex: Sex::from_code(&sex.get())?,
        })
    });
    let show = move |found: Option<StoredFigure>| {
        let lang = i18n.lang.get_untracked();
        if let Some(f) = &found {
            value.set(number_text(f.value, lang));
            pupils.set(f.pupils.to_string());
        }
        stored.set(found);
    };
    // Fetch what is stored whenever the key is whole; an answer for an older key is
    // dropped.
    let fetch = move || {
        let Some(k) = key.get_untracked() else {
            stored.set(None);
            return;
        };
        leptos::task::spawn_local(async move {
            let found = api.stored_figure(&k).await;
            if key.get_untracked().as_ref() != Some(&k) {
                return;
            }
            match found {
                Ok(l) => show(l.figure),
                Err(e) => form_error.set(Some(e.message(i18n))),
            }
        });
    };
    Effect::new(move |_| {
        key.track();
        status.set(None);
        form_error.set(None);
        fetch();
    });
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        errors.clear_all();
        status.set(None);
        let Some(k) = key.get_untracked() else {
            if school.get_untracked().is_empty() {
                errors.set("school", i18n.t(R::SchoolRequired).to_owned());
            } else {
                errors.set("year", i18n.t(R::YearFormat).to_owned());
            }
            form_error.set(Some(i18n.t(crate::i18n::K::FormHasErrors).to_owned()));
            return;
        };
        let number = read_number(&value.get_untracked());
        let count = pupils
            .get_untracked()
            .trim()
            .replace(' ', "")
            .parse::<u32>()
            .ok();
        if number.is_none() {
            errors.set("value", i18n.t(R::ValueNumber).to_owned());
        }
        if count.is_none() {
            errors.set("pupils", i18n.t(R::PupilsNumber).to_owned());
        }
        let (Some(number), Some(count)) = (number, count) else {
            form_error.set(Some(i18n.t(crate::i18n::K::FormHasErrors).to_owned()));
            return;
        };
        let input = FigureInput {
            key: k,
            value: number,
            pupils: count,
            version: stored.get_untracked().map(|s| s.version),
        };
        leptos::task::spawn_local(async move {
            match api.put_figure(&input).await {
                Ok(f) => {
                    form_error.set(None);
                    stored.set(Some(f));
                    status.set(Some(i18n.t(R::EntrySaved).to_owned()));
                    done.run(());
                }
                Err(e) => {
                    let conflict = matches!(e, crate::api::ApiError::Api { status: 409, .. });
                    errors.show_api_error_in(&e, form_error, i18n);
                    if conflict {
                        // Show what is stored now, to be changed from there.
                        fetch();
                    }
                }
            }
        });
    };
    let remove = move |_| {
        let (Some(k), Some(s)) = (key.get_untracked(), stored.get_untracked()) else {
            return;
        };
        if !window()
            .confirm_with_message(i18n.t(R::RemoveConfirm))
            .unwrap_or(false)
        {
            return;
        }
        leptos::task::spawn_local(async move {
            match api.delete_figure(&k, s.version).await {
                Ok(()) => {
                    stored.set(None);
                    value.set(String::new());
                    pupils.set(String::new());
                    form_error.set(None);
                    status.set(Some(i18n.t(R::EntryRemoved).to_owned()));
                    done.run(());
                }
                Err(e) => {
                    form_error.set(Some(e.message(i18n)));
                    fetch();
                }
            }
        });
    };
    let school_options = Signal::derive(move || reference.school_options());
    let figure_options = Signal::derive(move || {
        let lang = i18n.lang.get();
        Figure::ALL
            .iter()
            .map(|f| (f.code().to_owned(), f.label(lang).to_owned()))
            .collect::<Vec<_>>()
    });
    let grade_options = Signal::derive(move || {
        chosen_figure()
            .grades()
            .iter()
            .map(|g| (g.to_string(), g.to_string()))
            .collect::<Vec<_>>()
    });
    let subject_options = Signal::derive(move || reference.subject_options(i18n.lang.get()));
    let sex_options = Signal::derive(move || {
        let lang = i18n.lang.get();
        Sex::ALL
            .iter()
            .map(|s| (s.code().to_owned(), s.label(lang).to_owned()))
            .collect::<Vec<_>>()
    });
    let value_hint = Signal::derive(move || {
        i18n.t(if chosen_figure() == Figure::MeritAverage {
            R::ValueMerit
        } else {
            R::ValueShare
        })
    });
    view! {
        <details class="card results-entry no-print">
            <summary>{move || i18n.t(R::Entry)}</summary>
            <p>{move || i18n.t(R::EntryIntro)}</p>
            <form class="results-entry-form" on:submit=save novalidate>
                <SelectField id="school" label=Signal::derive(move || i18n.t(R::School)) value=school options=school_options
                    all=Signal::derive(move || i18n.t(R::ChooseSchool)) errors=errors/>
                <TextField name="year" label=Signal::derive(move || i18n.t(R::EntryYear)) value=year errors=errors/>
                <SelectField id="figure" label=Signal::derive(move || i18n.t(R::Figure)) value=figure options=figure_options errors=errors/>
                <SelectField id="grade" label=Signal::derive(move || i18n.t(R::Grade)) value=grade options=grade_options errors=errors/>
                <Show when=move || chosen_figure().per_subject()>
                    <SelectField id="subject" label=Signal::derive(move || i18n.t(R::Subject)) value=subject options=subject_options
                        all=Signal::derive(move || i18n.t(R::ChooseSubject)) errors=errors/>
                </Show>
                <SelectField id="sex" label=Signal::derive(move || i18n.t(R::Sex)) value=sex options=sex_options errors=errors/>
                <TextField name="value" label=Signal::derive(move || i18n.t(R::Value)) value=value errors=errors hint=value_hint/>
                <TextField name="pupils" label=Signal::derive(move || i18n.t(R::PupilsCount)) value=pupils errors=errors
                    kind="number" hint=Signal::derive(move || i18n.t(R::PupilsHint))/>
                <p class="field-wide" role="status">
                    {move || {
                        let lang = i18n.lang.get();
                        key.get().map(|_| match stored.get() {
                            Some(f) => i18n.count(R::Stored, f.pupils, &[&value_text(Some(f.value), f.key.figure, lang), &f.pupils, &local_time(&f.updated_at, lang)]),
                            None => i18n.t(R::NotStored).to_owned(),
                        })
                    }}
                </p>
                <div class="form-actions field-wide">
                    <button type="submit" class="button button-primary">{move || i18n.t(R::SaveEntry)}</button>
                    <Show when=move || stored.with(Option::is_some)>
                        <button type="button" class="button button-secondary" on:click=remove>{move || i18n.t(R::RemoveEntry)}</button>
                    </Show>
                </div>
                <ErrorText message=form_error/>
                <StatusText message=status/>
            </form>
        </details>
    }
}
