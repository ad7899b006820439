//! `/`: the start page "Min översikt": who the person is, where and in what roles.

use kollegium_shared::org::{Stage, Subject};
use leptos::prelude::*;

use crate::api::use_api;
use crate::i18n::{K, use_i18n, use_title};
use crate::session::use_session;

#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    use_title(K::HomeTitle);
    let api = use_api();
    // The latest in the library for my subjects and stages.
    let library = LocalResource::new(move || async move {
        api.library_front()
            .await
            .map(|f| f.for_me)
            .unwrap_or_default()
    });
    let library_view = move || {
        let items = library.get()?;
        (!items.is_empty()).then(|| {
            let lang = i18n.lang.get();
            view! {
                <section class="card" aria-labelledby="home-library-heading">
                    <h2 id="home-library-heading">{i18n.t(K::HomeLibrary)}</h2>
                    <ul class="plain home-library">
                        {items.into_iter().take(5).map(|hit| {
                            let title: String = hit.title_text();
                            view! {
                                <li>
                                    <a href=format!("/bibliotek/{}", hit.id.0)>{title}</a>
                                    <span class="muted">{format!(" · {}", hit.kind.label(lang))}</span>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </section>
            }
        })
    };

    let list_or_none = move |items: Vec<String>| {
        if items.is_empty() {
            view! { <span class="muted">{i18n.t(K::NoneYet)}</span> }.into_any()
        } else {
            view! { <ul class="tags">{items.into_iter().map(|i| view! { <li>{i}</li> }).collect_view()}</ul> }.into_any()
        }
    };

    move || {
        let me = session.me.get()?;
        let lang = i18n.lang.get();
        let schools: Vec<String> = me.schools.iter().map(|s| s.name.clone()).collect();
        let roles: Vec<String> = me.roles.iter().map(|r| r.label(lang).to_owned()).collect();
        let subjects: Vec<String> = me
            .subjects
            .iter()
            .map(|code| Subject::by_code(code).map_or(code.clone(), |s| s.label(lang).to_owned()))
            .collect();
        let stages: Vec<String> = me
            .stages
            .iter()
            .map(|s: &Stage| s.label(lang).to_owned())
            .collect();
        Some(view! {
            <section class="page home">
                <h1>{i18n.t(K::HomeTitle)}</h1>
                <p class="lead">{format!("{}, {}!", i18n.t(K::Hello), me.name)}</p>
                <section class="card" aria-labelledby="about-heading">
                    <h2 id="about-heading">{i18n.t(K::AboutYou)}</h2>
                    <dl class="facts">
                        <dt>{i18n.t(K::YourMunicipality)}</dt>
                        <dd>{me.municipality.name.clone()}</dd>
                        <dt>{i18n.t(K::YourSchools)}</dt>
                        <dd>{list_or_none(schools)}</dd>
                        <dt>{i18n.t(K::YourRoles)}</dt>
                        <dd>{list_or_none(roles)}</dd>
                        <dt>{i18n.t(K::YourSubjects)}</dt>
                        <dd>{list_or_none(subjects)}</dd>
                        <dt>{i18n.t(K::YourStages)}</dt>
                        <dd>{list_or_none(stages)}</dd>
                        {(!me.title.is_empty()).then(|| view! {
                            <dt>{i18n.t(K::YourTitle)}</dt>
                            <dd>{me.title.clone()}</dd>
                        })}
                    </dl>
                </section>
                {library_view}
            </section>
        })
    }
}
