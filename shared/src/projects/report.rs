//! A project's report as a Markdown document, for its participants to save: the
//! description, the partners with their contacts, and the whole process log.

use crate::i18n::Lang;
use crate::meetings::archive::md_line;

use super::{LogEntry, Project, global_goal};

/// The report of `project` with its `log` (as the reader may read it), in `lang`.
pub fn report_markdown(project: &Project, log: &[LogEntry], lang: Lang) -> String {
    let sv = lang == Lang::Sv;
    let t = |sv_text: &'static str, en_text: &'static str| if sv { sv_text } else { en_text };
    let mut out = format!("# {}\n\n", md_line(&project.name));
    out.push_str(&format!(
        "{}: {}\n",
        t("Processledare", "Process leader"),
        md_line(&project.leader.name)
    ));
    let mut section = |heading: &str, text: &str| {
        if !text.trim().is_empty() {
            out.push_str(&format!("\n## {heading}\n\n{}\n", text.trim()));
        }
    };
    section(t("Syfte", "Aim"), &project.aim);
    section(t("Vision", "Vision"), &project.vision);
    let list = |items: Vec<String>| {
        items
            .iter()
            .map(|i| format!("- {}", md_line(i)))
            .collect::<Vec<_>>()
            .join("\n")
    };
    section(
        t("Fokusområden", "Focus areas"),
        &list(project.focus_areas.clone()),
    );
    section(
        "Agenda 2030",
        &list(
            project
                .global_goals
                .iter()
                .map(|g| global_goal(*g, lang))
                .collect(),
        ),
    );
    let mut places: Vec<String> = project.schools.iter().map(|s| s.name.clone()).collect();
    places.extend(project.stages.iter().map(|s| s.label(lang).to_owned()));
    section(t("Skolor och stadier", "Schools and stages"), &list(places));
    let partners = project
        .partners
        .iter()
        .map(|p| {
            let mut line = format!("- **{}**", md_line(&p.name));
            if !p.contributes.trim().is_empty() {
                line.push_str(&format!(": {}", md_line(p.contributes.trim())));
            }
            if !p.contact.trim().is_empty() {
                line.push_str(&format!(" ({})", md_line(p.contact.trim())));
            }
            line
        })
        .collect::<Vec<_>>()
        .join("\n");
    section(t("Partner", "Partners"), &partners);
    if !log.is_empty() {
        out.push_str(&format!("\n## {}\n", t("Processlogg", "Process log")));
        let mut entries: Vec<&LogEntry> = log.iter().collect();
        entries.sort_by(|a, b| a.date.cmp(&b.date).then(a.id.cmp(&b.id)));
        for e in entries {
            out.push_str(&format!(
                "\n### {} · {}\n\n{}\n",
                e.date,
                md_line(&e.author.name),
                e.text.trim()
            ));
            let mut tags: Vec<String> = e.focus_areas.iter().map(|a| md_line(a)).collect();
            tags.extend(e.global_goals.iter().map(|g| global_goal(*g, lang)));
            if !tags.is_empty() {
                out.push_str(&format!("\n*{}*\n", tags.join(" · ")));
            }
            if e.cleared {
                out.push_str(&format!(
                    "\n{}\n",
                    t(
                        "Godkänt för den publika sidan.",
                        "Cleared for the public page."
                    )
                ));
            }
        }
    }
    out
}
