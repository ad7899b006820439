//! A project's report, for its participants to save: the description, the partners with
//! their contacts, and the whole process log. [`report_blocks`] is the report as parts
//! (what the server writes as a PDF); [`report_markdown`] writes the same parts as a
//! Markdown document.

use crate::i18n::Lang;
use crate::meetings::archive::md_line;

use super::{LogEntry, Milestone, Project, global_goal};

/// One part of a report, as written: plain text (never Markdown).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReportBlock {
    /// The project's name.
    Title(String),
    /// A line under the title (the process leader).
    Byline(String),
    /// A part of the description, or the log.
    Heading(String),
    /// One entry of the log: its date and author.
    Subheading(String),
    /// Text as written, line breaks kept.
    Text(String),
    /// A row of a list.
    Item(String),
    /// A partner: its name and what follows it (contribution, contact).
    Partner { name: String, about: String },
    /// An entry's tags, or that it is cleared.
    Note(String),
}

/// The report of `project` with its milestones and their follow-up and its `log` (as
/// the reader may read them) in `lang`, oldest first; parts with nothing in them are
/// left out.
pub fn report_blocks(
    project: &Project,
    milestones: &[Milestone],
    log: &[LogEntry],
    lang: Lang,
) -> Vec<ReportBlock> {
    use ReportBlock::*;
    let sv = lang == Lang::Sv;
    let t = |sv_text: &'static str, en_text: &'static str| if sv { sv_text } else { en_text };
    let mut out = vec![
        Title(project.name.clone()),
        Byline(format!(
            "{}: {}",
            t("Processledare", "Process leader"),
            project.leader.name
        )),
    ];
    let text = |out: &mut Vec<ReportBlock>, heading: &str, text: &str| {
        if !text.trim().is_empty() {
            out.push(Heading(heading.to_owned()));
            out.push(Text(text.trim().to_owned()));
        }
    };
    text(&mut out, t("Syfte", "Aim"), &project.aim);
    text(&mut out, t("Vision", "Vision"), &project.vision);
    let list = |out: &mut Vec<ReportBlock>, heading: &str, items: Vec<String>| {
        if !items.is_empty() {
            out.push(Heading(heading.to_owned()));
            out.extend(items.into_iter().map(Item));
        }
    };
    list(
        &mut out,
        t("Fokusområden", "Focus areas"),
        project.focus_areas.clone(),
    );
    list(
        &mut out,
        "Agenda 2030",
        project
            .global_goals
            .iter()
            .map(|g| global_goal(*g, lang))
            .collect(),
    );
    let mut places: Vec<String> = project.schools.iter().map(|s| s.name.clone()).collect();
    places.extend(project.stages.iter().map(|s| s.label(lang).to_owned()));
    list(
        &mut out,
        t("Skolor och stadier", "Schools and stages"),
        places,
    );
    if !project.partners.is_empty() {
        out.push(Heading(t("Partner", "Partners").to_owned()));
        for p in &project.partners {
            let mut about = String::new();
            if !p.contributes.trim().is_empty() {
                about.push_str(&format!(": {}", p.contributes.trim()));
            }
            if !p.contact.trim().is_empty() {
                about.push_str(&format!(" ({})", p.contact.trim()));
            }
            out.push(Partner {
                name: p.name.clone(),
                about,
            });
        }
    }
    if !milestones.is_empty() {
        out.push(Heading(t("Milstolpar", "Milestones").to_owned()));
        let mut sorted: Vec<&Milestone> = milestones.iter().collect();
        sorted.sort_by(|a, b| a.due_on.cmp(&b.due_on).then(a.id.cmp(&b.id)));
        for m in sorted {
            out.push(Subheading(format!("{} · {}", m.due_on, m.title)));
            out.push(Note(
                if m.done {
                    t("Genomförd.", "Done.")
                } else {
                    t("Inte genomförd ännu.", "Not done yet.")
                }
                .to_owned(),
            ));
            if !m.outcome.trim().is_empty() {
                out.push(Text(m.outcome.trim().to_owned()));
            }
            for r in &m.reflections {
                out.push(Item(format!(
                    "{} ({}): {}",
                    r.author.name,
                    r.written_on,
                    r.text.trim()
                )));
            }
        }
    }
    if !log.is_empty() {
        out.push(Heading(t("Processlogg", "Process log").to_owned()));
        let mut entries: Vec<&LogEntry> = log.iter().collect();
        entries.sort_by(|a, b| a.date.cmp(&b.date).then(a.id.cmp(&b.id)));
        for e in entries {
            out.push(Subheading(format!("{} · {}", e.date, e.author.name)));
            out.push(Text(e.text.trim().to_owned()));
            let mut tags: Vec<String> = e.focus_areas.clone();
            tags.extend(e.global_goals.iter().map(|g| global_goal(*g, lang)));
            if !tags.is_empty() {
                out.push(Note(tags.join(" · ")));
            }
            if !e.files.is_empty() {
                let names: Vec<&str> = e.files.iter().map(|f| f.name.as_str()).collect();
                out.push(Note(format!(
                    "{}: {}",
                    t("Bilagor", "Attachments"),
                    names.join(", ")
                )));
            }
            if !e.items.is_empty() {
                let titles: Vec<&str> = e.items.iter().map(|i| i.title.as_str()).collect();
                out.push(Note(format!(
                    "{}: {}",
                    t("Ur biblioteket", "From the library"),
                    titles.join("; ")
                )));
            }
            if e.cleared {
                out.push(Note(
                    t(
                        "Godkänt för den publika sidan.",
                        "Cleared for the public page.",
                    )
                    .to_owned(),
                ));
            }
        }
    }
    out
}

/// The report of `project` with its milestones and `log` as a Markdown document.
pub fn report_markdown(
    project: &Project,
    milestones: &[Milestone],
    log: &[LogEntry],
    lang: Lang,
) -> String {
    let mut out = String::new();
    let mut list = false;
    for block in report_blocks(project, milestones, log, lang) {
        // A list's rows stand together; anything else is a paragraph of its own.
        let row = matches!(block, ReportBlock::Item(_) | ReportBlock::Partner { .. });
        let next_row = row && list;
        if !out.is_empty() && !next_row {
            out.push('\n');
        }
        list = row;
        match block {
            ReportBlock::Title(t) => out.push_str(&format!("# {}\n", md_line(&t))),
            ReportBlock::Byline(t) => out.push_str(&format!("{}\n", md_line(&t))),
            ReportBlock::Heading(t) => out.push_str(&format!("## {}\n", md_line(&t))),
            ReportBlock::Subheading(t) => out.push_str(&format!("### {}\n", md_line(&t))),
            ReportBlock::Text(t) => out.push_str(&format!("{t}\n")),
            ReportBlock::Item(t) => out.push_str(&format!("- {}\n", md_line(&t))),
            ReportBlock::Partner { name, about } => {
                out.push_str(&format!("- **{}**{}\n", md_line(&name), md_line(&about)))
            }
            ReportBlock::Note(t) => out.push_str(&format!("*{}*\n", md_line(&t))),
        }
    }
    out
}
