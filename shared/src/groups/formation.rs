//! Automatic formation of learning groups, pure so that the browser previews exactly
//! what the server will save.
//!
//! - Each teacher has one category: their priority subject (the first, or the one they
//!   chose) and the band of their first stage (F–3, 4–6, 7–9, …), as the grouping asks.
//! - A category smaller than the lower bound is merged with the nearest band of the
//!   same subject (music 4–6 with 7–9); one with no such neighbour is formed as it is
//!   and flagged for a manual decision.
//! - A category of `n` teachers becomes the number of groups `k` whose sizes break the
//!   bounds least (none at all when `k·min ≤ n ≤ k·max` is possible). Sizes differ by
//!   at most one.
//! - **School mix:** a school with `c` teachers in the category never has more than
//!   `⌈c/k⌉` of them in one group. Teachers are ordered by school, largest school
//!   first, and dealt round the groups like cards, which guarantees it.
//! - The result depends only on the input (sorted maps, sorted ids). When learning
//!   groups already exist, nobody in them moves: new teachers join the group of their
//!   category that has the fewest from their school (then the smallest), or form new
//!   groups when there are enough of them.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::i18n::{Lang, Msg};
use crate::ids::{GroupId, PersonId, SchoolId};
use crate::org::Stage;

/// The sizes a learning group should keep within.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Bounds {
    pub min: u32,
    pub max: u32,
}

impl Default for Bounds {
    /// 10–15, as in Mjölby.
    fn default() -> Self {
        Bounds { min: 10, max: 15 }
    }
}

impl Bounds {
    /// At least 2, the lower not above the upper, at most 200.
    pub fn check(self) -> Result<(), Msg> {
        if self.min >= 2 && self.min <= self.max && self.max <= 200 {
            Ok(())
        } else {
            Err(Msg::BoundsInvalid)
        }
    }
}

/// What teachers are grouped by.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Grouping {
    /// Subject × stage band: "Matematik 4–6".
    #[default]
    SubjectStage,
    /// Subject across stages.
    Subject,
    /// Stage band across subjects.
    Stage,
    /// Everyone together, mixed only by school.
    Mixed,
}

impl Grouping {
    pub const ALL: [Grouping; 4] = [
        Grouping::SubjectStage,
        Grouping::Subject,
        Grouping::Stage,
        Grouping::Mixed,
    ];

    /// The name shown to people.
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Grouping::SubjectStage, Lang::Sv) => "Ämne och stadium",
            (Grouping::SubjectStage, Lang::En) => "Subject and stage",
            (Grouping::Subject, Lang::Sv) => "Ämne",
            (Grouping::Subject, Lang::En) => "Subject",
            (Grouping::Stage, Lang::Sv) => "Stadium",
            (Grouping::Stage, Lang::En) => "Stage",
            (Grouping::Mixed, Lang::Sv) => "Blandat (bara skolor blandas)",
            (Grouping::Mixed, Lang::En) => "Mixed (only schools are mixed)",
        }
    }
}

/// How a formation is asked for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Settings {
    pub bounds: Bounds,
    #[serde(default)]
    pub grouping: Grouping,
}

/// A band of stages as Swedish schools speak of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Band {
    Forskola,
    F3,
    Y46,
    Y79,
    Gymnasiet,
    Fritids,
    Anpassad,
}

impl Band {
    /// The band a stage belongs to.
    pub fn of(stage: Stage) -> Band {
        match stage {
            Stage::Forskola => Band::Forskola,
            Stage::Forskoleklass | Stage::Ak1_3 => Band::F3,
            Stage::Ak4_6 => Band::Y46,
            Stage::Ak7_9 => Band::Y79,
            Stage::Gymnasieskola => Band::Gymnasiet,
            Stage::Fritidshem => Band::Fritids,
            Stage::AnpassadGrundskola => Band::Anpassad,
        }
    }

    /// The stages of the band.
    pub fn stages(self) -> &'static [Stage] {
        match self {
            Band::Forskola => &[Stage::Forskola],
            Band::F3 => &[Stage::Forskoleklass, Stage::Ak1_3],
            Band::Y46 => &[Stage::Ak4_6],
            Band::Y79 => &[Stage::Ak7_9],
            Band::Gymnasiet => &[Stage::Gymnasieskola],
            Band::Fritids => &[Stage::Fritidshem],
            Band::Anpassad => &[Stage::AnpassadGrundskola],
        }
    }

    /// The place on the line from the youngest pupils to the oldest; bands off that
    /// line (after-school centres, adapted school) have no neighbours to merge with.
    fn position(self) -> Option<u8> {
        match self {
            Band::Forskola => Some(0),
            Band::F3 => Some(1),
            Band::Y46 => Some(2),
            Band::Y79 => Some(3),
            Band::Gymnasiet => Some(4),
            Band::Fritids | Band::Anpassad => None,
        }
    }

    /// (first year, last year) for the compulsory bands, to write ranges like "4–9".
    fn years(self) -> Option<(&'static str, &'static str)> {
        match self {
            Band::F3 => Some(("F", "3")),
            Band::Y46 => Some(("4", "6")),
            Band::Y79 => Some(("7", "9")),
            _ => None,
        }
    }

    fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Band::Forskola, Lang::Sv) => "förskola",
            (Band::Forskola, Lang::En) => "preschool",
            (Band::F3, _) => "F–3",
            (Band::Y46, _) => "4–6",
            (Band::Y79, _) => "7–9",
            (Band::Gymnasiet, Lang::Sv) => "gymnasiet",
            (Band::Gymnasiet, Lang::En) => "upper secondary",
            (Band::Fritids, Lang::Sv) => "fritidshem",
            (Band::Fritids, Lang::En) => "after-school",
            (Band::Anpassad, Lang::Sv) => "anpassad grundskola",
            (Band::Anpassad, Lang::En) => "adapted school",
        }
    }
}

/// The bands of a list of stages, each once, in order.
pub fn bands_of(stages: &[Stage]) -> Vec<Band> {
    let set: BTreeSet<Band> = stages.iter().map(|s| Band::of(*s)).collect();
    set.into_iter().collect()
}

/// "F–3", "4–9" for a run of compulsory bands, else the bands' names joined.
pub fn bands_label(bands: &[Band], lang: Lang) -> String {
    let years: Option<Vec<(&str, &str)>> = bands.iter().map(|b| b.years()).collect();
    let contiguous = bands.windows(2).all(|w| {
        w[0].position()
            .zip(w[1].position())
            .is_some_and(|(a, b)| b == a + 1)
    });
    match years {
        Some(y) if !y.is_empty() && contiguous => format!("{}–{}", y[0].0, y[y.len() - 1].1),
        _ => bands
            .iter()
            .map(|b| b.label(lang))
            .collect::<Vec<_>>()
            .join(", "),
    }
}

/// A teacher to be placed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Candidate {
    pub id: PersonId,
    /// The teacher's (first) school.
    pub school: Option<SchoolId>,
    /// Subject codes, the priority subject first.
    pub subjects: Vec<String>,
    pub stages: Vec<Stage>,
    /// The subject the teacher chose to meet colleagues in, if any.
    #[serde(default)]
    pub chosen_subject: Option<String>,
}

/// A learning group that exists already; its members stay where they are.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExistingGroup {
    pub id: GroupId,
    pub subject: Option<String>,
    pub stages: Vec<Stage>,
    pub members: Vec<PersonId>,
}

/// What teachers of a group have in common.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Category {
    /// A subject code; none when grouping across subjects.
    pub subject: Option<String>,
    /// The bands, in order; empty when grouping across stages.
    pub bands: Vec<Band>,
}

impl Category {
    /// "Matematik 4–6"; `subject_name` gives a subject code's name.
    pub fn label(&self, lang: Lang, subject_name: &dyn Fn(&str) -> String) -> String {
        let bands = bands_label(&self.bands, lang);
        match (&self.subject, bands.is_empty()) {
            (Some(s), true) => subject_name(s),
            (Some(s), false) => format!("{} {bands}", subject_name(s)),
            (None, false) => format!("{} {bands}", learning_group(lang)),
            (None, true) => learning_group(lang).to_owned(),
        }
    }

    /// The stages a group of this category is for.
    pub fn stages(&self) -> Vec<Stage> {
        self.bands
            .iter()
            .flat_map(|b| b.stages().iter().copied())
            .collect()
    }
}

fn learning_group(lang: Lang) -> &'static str {
    match lang {
        Lang::Sv => "Lärgrupp",
        Lang::En => "Learning group",
    }
}

/// Why a teacher was placed where they are.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Reason {
    /// Placed by the subject the teacher chose rather than their first.
    pub chosen_subject: bool,
    /// Already in this group before the formation; not moved.
    pub kept: bool,
    /// Added to a group that existed before.
    pub joined: bool,
}

/// A teacher's place in a planned group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Placement {
    pub person: PersonId,
    pub school: Option<SchoolId>,
    pub reason: Reason,
}

/// A group as the formation would leave it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlannedGroup {
    /// The group, when it exists already.
    pub existing: Option<GroupId>,
    pub category: Category,
    /// 1, 2, … when the category is split into several new groups (A, B, …); 0 when not.
    pub part: u32,
    pub members: Vec<Placement>,
    /// The size is outside the bounds and no merge could fix it: the steering group
    /// should decide by hand.
    pub needs_decision: bool,
}

impl PlannedGroup {
    /// The name a new group gets: "Matematik 4–6 B".
    pub fn name(&self, lang: Lang, subject_name: &dyn Fn(&str) -> String) -> String {
        let label = self.category.label(lang, subject_name);
        if self.part == 0 {
            label
        } else {
            format!("{label} {}", part_letter(self.part))
        }
    }

    /// How many different schools the members come from.
    pub fn school_count(&self) -> usize {
        self.members
            .iter()
            .map(|m| m.school)
            .collect::<BTreeSet<_>>()
            .len()
    }

    /// The short reason shown beside a placement: "Matematik 4–6, fler skolor i gruppen".
    pub fn reason_text(
        &self,
        placement: &Placement,
        lang: Lang,
        subject_name: &dyn Fn(&str) -> String,
    ) -> String {
        let mut parts = vec![self.category.label(lang, subject_name)];
        let r = placement.reason;
        let sv = lang == Lang::Sv;
        if r.chosen_subject {
            parts.push(
                if sv {
                    "eget val av ämne"
                } else {
                    "own choice of subject"
                }
                .into(),
            );
        }
        if self.category.subject.is_some() && self.category.bands.len() > 1 {
            parts.push(
                if sv {
                    "stadier sammanslagna för att nå gruppstorleken"
                } else {
                    "stages merged to reach the group size"
                }
                .into(),
            );
        }
        if self.school_count() > 1 {
            parts.push(
                if sv {
                    "fler skolor i gruppen"
                } else {
                    "several schools in the group"
                }
                .into(),
            );
        }
        if r.joined {
            parts.push(
                if sv {
                    "tillagd i befintlig grupp"
                } else {
                    "added to an existing group"
                }
                .into(),
            );
        }
        parts.join(", ")
    }
}

/// A, B, …, Z, then 27, 28, … (a category of 400 teachers is rare).
fn part_letter(part: u32) -> String {
    match char::from_u32(u32::from(b'A') + part - 1) {
        Some(c) if part <= 26 => c.to_string(),
        _ => part.to_string(),
    }
}

/// The formation's result: every candidate in exactly one group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Plan {
    pub groups: Vec<PlannedGroup>,
    /// A digest of the input, so a save can tell that the input has not changed since
    /// the preview (as a decimal string: JavaScript numbers cannot hold 64 bits).
    pub fingerprint: String,
}

impl Plan {
    /// The groups that need a manual decision.
    pub fn flagged(&self) -> impl Iterator<Item = &PlannedGroup> {
        self.groups.iter().filter(|g| g.needs_decision)
    }
}

/// A candidate with their category.
#[derive(Debug, Clone)]
struct Member {
    placement: Placement,
}

fn category_of(c: &Candidate, grouping: Grouping) -> (Category, bool) {
    let chosen = c
        .chosen_subject
        .as_ref()
        .filter(|s| !s.is_empty() && c.subjects.first() != Some(*s));
    let subject = chosen.or(c.subjects.first()).cloned();
    let band = c.stages.first().map(|s| Band::of(*s));
    let (subject, bands) = match grouping {
        Grouping::SubjectStage => (subject, band.into_iter().collect()),
        Grouping::Subject => (subject, Vec::new()),
        Grouping::Stage => (None, band.into_iter().collect()),
        Grouping::Mixed => (None, Vec::new()),
    };
    let chosen = chosen.is_some() && subject.is_some();
    (Category { subject, bands }, chosen)
}

/// Forms learning groups for `candidates`, keeping everyone already in `existing`
/// where they are.
pub fn form(candidates: &[Candidate], existing: &[ExistingGroup], settings: Settings) -> Plan {
    let bounds = settings.bounds;
    let mut sorted: Vec<&Candidate> = candidates.iter().collect();
    sorted.sort_by_key(|c| c.id);
    sorted.dedup_by_key(|c| c.id);
    let school_of: BTreeMap<PersonId, Option<SchoolId>> =
        sorted.iter().map(|c| (c.id, c.school)).collect();

    let mut existing: Vec<&ExistingGroup> = existing.iter().collect();
    existing.sort_by_key(|g| g.id);
    let placed: BTreeSet<PersonId> = existing
        .iter()
        .flat_map(|g| g.members.iter().copied())
        .collect();

    let mut new_by_category: BTreeMap<Category, Vec<Member>> = BTreeMap::new();
    for c in sorted.iter().filter(|c| !placed.contains(&c.id)) {
        let (category, chosen) = category_of(c, settings.grouping);
        new_by_category.entry(category).or_default().push(Member {
            placement: Placement {
                person: c.id,
                school: c.school,
                reason: Reason {
                    chosen_subject: chosen,
                    ..Reason::default()
                },
            },
        });
    }

    let mut groups: Vec<PlannedGroup> = existing
        .iter()
        .map(|g| PlannedGroup {
            existing: Some(g.id),
            category: Category {
                subject: g.subject.clone(),
                bands: bands_of(&g.stages),
            },
            part: 0,
            members: g
                .members
                .iter()
                .map(|p| Placement {
                    person: *p,
                    school: school_of.get(p).copied().flatten(),
                    reason: Reason {
                        kept: true,
                        ..Reason::default()
                    },
                })
                .collect(),
            needs_decision: false,
        })
        .collect();

    if groups.is_empty() {
        let merged = merge_small(new_by_category, bounds.min);
        for (category, members) in merged {
            groups.extend(split(&category, members, bounds));
        }
    } else {
        for (category, members) in new_by_category {
            place_incrementally(&mut groups, &category, members, bounds);
        }
    }
    for g in &mut groups {
        let size = g.members.len() as u32;
        g.needs_decision = size < bounds.min || size > bounds.max;
    }
    Plan {
        groups,
        fingerprint: fingerprint(candidates, &existing, settings).to_string(),
    }
}

/// Merges categories below `min` with the nearest band of the same subject, smallest
/// first, until none can be merged.
fn merge_small(
    categories: BTreeMap<Category, Vec<Member>>,
    min: u32,
) -> Vec<(Category, Vec<Member>)> {
    let mut by_subject: BTreeMap<Option<String>, Vec<(Category, Vec<Member>)>> = BTreeMap::new();
    for (category, members) in categories {
        by_subject
            .entry(category.subject.clone())
            .or_default()
            .push((category, members));
    }
    let mut out = Vec::new();
    for (_, mut segments) in by_subject {
        // Bands on the line first, by position; the rest keep their order after them.
        segments.sort_by_key(|(c, _)| {
            (
                c.bands.first().and_then(|b| b.position()).is_none(),
                c.bands.first().and_then(|b| b.position()),
            )
        });
        loop {
            let mergeable = |i: usize, j: usize| -> bool {
                let (a, b) = if i < j { (i, j) } else { (j, i) };
                let last = segments[a].0.bands.last().and_then(|x| x.position());
                let first = segments[b].0.bands.first().and_then(|x| x.position());
                matches!((last, first), (Some(l), Some(f)) if f == l + 1)
            };
            let neighbours = |i: usize| -> Vec<usize> {
                [
                    i.checked_sub(1),
                    Some(i + 1).filter(|&j| j < segments.len()),
                ]
                .into_iter()
                .flatten()
                .filter(|&j| mergeable(i, j))
                .collect()
            };
            let small = (0..segments.len())
                .filter(|&i| (segments[i].1.len() as u32) < min && !neighbours(i).is_empty())
                .min_by_key(|&i| (segments[i].1.len(), i));
            let Some(i) = small else { break };
            let Some(j) = neighbours(i)
                .into_iter()
                .min_by_key(|&j| (segments[j].1.len(), j))
            else {
                break;
            };
            let (a, b) = if i < j { (i, j) } else { (j, i) };
            let (right_cat, right_members) = segments.remove(b);
            let left = &mut segments[a];
            left.0.bands.extend(right_cat.bands);
            left.1.extend(right_members);
        }
        out.extend(segments);
    }
    out
}

/// The number of groups for `n` teachers that breaks the bounds least (fewest groups
/// on a tie).
fn group_count(n: u32, bounds: Bounds) -> u32 {
    let cost = |k: u32| -> u32 {
        let (small, extra) = (n / k, n % k);
        let dev = |size: u32| bounds.min.saturating_sub(size) + size.saturating_sub(bounds.max);
        extra * dev(small + 1) + (k - extra) * dev(small)
    };
    let most = (n / bounds.min.max(1)).max(1) + 1;
    (1..=most.min(n.max(1)))
        .min_by_key(|&k| (cost(k), k))
        .unwrap_or(1)
}

/// Splits a category into groups, dealing teachers school by school, largest school
/// first, so that each school is spread as evenly as it can be.
fn split(category: &Category, members: Vec<Member>, bounds: Bounds) -> Vec<PlannedGroup> {
    let k = group_count(members.len() as u32, bounds) as usize;
    let mut per_school: BTreeMap<Option<SchoolId>, Vec<Member>> = BTreeMap::new();
    for m in members {
        per_school.entry(m.placement.school).or_default().push(m);
    }
    let mut schools: Vec<(Option<SchoolId>, Vec<Member>)> = per_school.into_iter().collect();
    schools.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(&b.0)));
    let mut groups: Vec<PlannedGroup> = (0..k)
        .map(|i| PlannedGroup {
            existing: None,
            category: category.clone(),
            part: if k > 1 { i as u32 + 1 } else { 0 },
            members: Vec::new(),
            needs_decision: false,
        })
        .collect();
    for (i, m) in schools.into_iter().flat_map(|(_, ms)| ms).enumerate() {
        groups[i % k].members.push(m.placement);
    }
    groups
}

/// Whether a group of `group` can take teachers of `category`.
fn covers(group: &Category, category: &Category) -> bool {
    group.subject == category.subject
        && (group.bands.is_empty() || category.bands.iter().all(|b| group.bands.contains(b)))
}

/// Whether `group` is of the same subject and one band away from `category`.
fn adjacent(group: &Category, category: &Category) -> bool {
    group.subject == category.subject
        && category.bands.iter().any(|c| {
            group.bands.iter().any(|g| {
                matches!((g.position(), c.position()), (Some(a), Some(b)) if a.abs_diff(b) == 1)
            })
        })
}

/// Places teachers who are in no group yet without moving anyone else.
fn place_incrementally(
    groups: &mut Vec<PlannedGroup>,
    category: &Category,
    members: Vec<Member>,
    bounds: Bounds,
) {
    let mut targets: Vec<usize> = (0..groups.len())
        .filter(|&i| covers(&groups[i].category, category))
        .collect();
    if targets.is_empty() {
        if members.len() as u32 >= bounds.min {
            groups.extend(split(category, members, bounds));
            return;
        }
        targets = (0..groups.len())
            .filter(|&i| adjacent(&groups[i].category, category))
            .collect();
    }
    if targets.is_empty() {
        groups.extend(split(category, members, bounds));
        return;
    }
    for mut m in members {
        let Some(best) = targets.iter().copied().min_by_key(|&i| {
            let g = &groups[i];
            let full = g.members.len() as u32 >= bounds.max;
            let same_school = g
                .members
                .iter()
                .filter(|p| p.school == m.placement.school)
                .count();
            (full, same_school, g.members.len(), i)
        }) else {
            continue;
        };
        m.placement.reason.joined = groups[best].existing.is_some();
        groups[best].members.push(m.placement);
    }
}

/// A hash of a canonical form of the input.
fn fingerprint(candidates: &[Candidate], existing: &[&ExistingGroup], settings: Settings) -> u64 {
    let mut h = crate::hash::Fnv::new();
    h.int(i64::from(settings.bounds.min));
    h.int(i64::from(settings.bounds.max));
    h.int(settings.grouping as i64);
    let mut sorted: Vec<&Candidate> = candidates.iter().collect();
    sorted.sort_by_key(|c| c.id);
    for c in sorted {
        h.int(c.id.0);
        h.int(c.school.map_or(-1, |s| s.0));
        for s in &c.subjects {
            h.bytes(s.as_bytes());
        }
        h.bytes(b"|");
        for st in &c.stages {
            h.bytes(st.code().as_bytes());
        }
        h.bytes(c.chosen_subject.as_deref().unwrap_or("").as_bytes());
    }
    for g in existing {
        h.int(g.id.0);
        h.bytes(g.subject.as_deref().unwrap_or("").as_bytes());
        for st in &g.stages {
            h.bytes(st.code().as_bytes());
        }
        for p in &g.members {
            h.int(p.0);
        }
    }
    h.0
}

/// How well a plan mixes schools.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MixReport {
    pub groups: usize,
    /// Whether every newly formed group keeps the rule: at most ⌈c/k⌉ of a school's
    /// `c` teachers of the category in each of its `k` groups.
    pub rule_holds: bool,
    /// The most teachers from one school in any group.
    pub max_same_school: usize,
    /// The largest share of a group from one school, in per cent.
    pub max_share_percent: u32,
    /// Distinct schools per group, on average.
    pub mean_schools_per_group: f64,
}

/// Measures the school mix of `plan`.
pub fn mix_report(plan: &Plan) -> MixReport {
    let mut rule_holds = true;
    let mut by_category: BTreeMap<&Category, Vec<&PlannedGroup>> = BTreeMap::new();
    for g in plan.groups.iter().filter(|g| g.existing.is_none()) {
        by_category.entry(&g.category).or_default().push(g);
    }
    for groups in by_category.values() {
        let k = groups.len();
        let mut total: BTreeMap<Option<SchoolId>, usize> = BTreeMap::new();
        for m in groups.iter().flat_map(|g| &g.members) {
            *total.entry(m.school).or_default() += 1;
        }
        for g in groups {
            for (school, c) in &total {
                let here = g.members.iter().filter(|m| m.school == *school).count();
                if here > c.div_ceil(k) {
                    rule_holds = false;
                }
            }
        }
    }
    let mut max_same_school = 0;
    let mut max_share_percent = 0;
    let mut schools_sum = 0;
    let nonempty: Vec<&PlannedGroup> = plan
        .groups
        .iter()
        .filter(|g| !g.members.is_empty())
        .collect();
    for g in &nonempty {
        let mut counts: BTreeMap<Option<SchoolId>, usize> = BTreeMap::new();
        for m in &g.members {
            *counts.entry(m.school).or_default() += 1;
        }
        let most = counts.values().copied().max().unwrap_or(0);
        max_same_school = max_same_school.max(most);
        max_share_percent = max_share_percent.max((most * 100 / g.members.len()) as u32);
        schools_sum += counts.len();
    }
    MixReport {
        groups: plan.groups.len(),
        rule_holds,
        max_same_school,
        max_share_percent,
        mean_schools_per_group: if nonempty.is_empty() {
            0.0
        } else {
            schools_sum as f64 / nonempty.len() as f64
        },
    }
}

#[cfg(test)]
mod tests;
