//! The research-material library: films, articles, research summaries, good examples,
//! digital tools and more, tagged by subject, stage, theme, curriculum area and Agenda
//! 2030 goal; teachers' good examples go through the ICT strategist's review; items are
//! gathered into collections that meetings attach as preparation.

pub mod access;
pub mod embed;
pub mod import;
pub mod markdown;
pub mod search;
pub mod sniff;

use serde::{Deserialize, Serialize};

use crate::i18n::{Lang, Msg};
use crate::ids::{CollectionId, FileId, ItemId, PersonId};
use crate::org::{Role, Stage};
use crate::validation::{FieldError, Validate, check_name, check_required};

pub use embed::Embed;
pub use search::Segment;
pub use sniff::FileType;

/// What kind of material an item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    Film,
    Artikel,
    Forskningssammanfattning,
    GottExempel,
    DigitaltVerktyg,
    Presentation,
    Bok,
    Lank,
}

impl ItemKind {
    pub const ALL: [ItemKind; 8] = [
        ItemKind::Film,
        ItemKind::Artikel,
        ItemKind::Forskningssammanfattning,
        ItemKind::GottExempel,
        ItemKind::DigitaltVerktyg,
        ItemKind::Presentation,
        ItemKind::Bok,
        ItemKind::Lank,
    ];

    /// The stable code used in the API and the database.
    pub fn code(self) -> &'static str {
        match self {
            ItemKind::Film => "film",
            ItemKind::Artikel => "artikel",
            ItemKind::Forskningssammanfattning => "forskningssammanfattning",
            ItemKind::GottExempel => "gott_exempel",
            ItemKind::DigitaltVerktyg => "digitalt_verktyg",
            ItemKind::Presentation => "presentation",
            ItemKind::Bok => "bok",
            ItemKind::Lank => "lank",
        }
    }

    /// Parses a code, or a name as people write it ("Gott exempel", "länk", "video").
    pub fn parse(value: &str) -> Option<ItemKind> {
        let v = crate::text::fold(value).replace(['-', ' '], "_");
        ItemKind::ALL
            .into_iter()
            .find(|k| k.code() == v || crate::text::fold(k.label(Lang::Sv)).replace(' ', "_") == v)
            .or(match v.as_str() {
                "video" | "filmklipp" => Some(ItemKind::Film),
                "forskning" | "sammanfattning" => Some(ItemKind::Forskningssammanfattning),
                "verktyg" | "app" | "digitalt_läromedel" => Some(ItemKind::DigitaltVerktyg),
                "länk" | "link" | "webbsida" => Some(ItemKind::Lank),
                "artiklar" | "article" => Some(ItemKind::Artikel),
                "book" => Some(ItemKind::Bok),
                "good_example" | "goda_exempel" => Some(ItemKind::GottExempel),
                _ => None,
            })
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (ItemKind::Film, Lang::Sv) => "Film",
            (ItemKind::Film, Lang::En) => "Film",
            (ItemKind::Artikel, Lang::Sv) => "Artikel",
            (ItemKind::Artikel, Lang::En) => "Article",
            (ItemKind::Forskningssammanfattning, Lang::Sv) => "Forskningssammanfattning",
            (ItemKind::Forskningssammanfattning, Lang::En) => "Research summary",
            (ItemKind::GottExempel, Lang::Sv) => "Gott exempel",
            (ItemKind::GottExempel, Lang::En) => "Good example",
            (ItemKind::DigitaltVerktyg, Lang::Sv) => "Digitalt verktyg",
            (ItemKind::DigitaltVerktyg, Lang::En) => "Digital tool",
            (ItemKind::Presentation, Lang::Sv) => "Presentation",
            (ItemKind::Presentation, Lang::En) => "Presentation",
            (ItemKind::Bok, Lang::Sv) => "Bok",
            (ItemKind::Bok, Lang::En) => "Book",
            (ItemKind::Lank, Lang::Sv) => "Länk",
            (ItemKind::Lank, Lang::En) => "Link",
        }
    }
}

/// A curriculum area an item can be tagged with (Lgr22's overarching areas and the
/// municipalities' usual development areas).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Area {
    DigitalKompetens,
    BedomningOchBetyg,
    SprakOchKunskapsutvecklande,
    LasOchSkrivutveckling,
    InkluderandeLarmiljoer,
    HallbarUtveckling,
    Vardegrund,
}

impl Area {
    pub const ALL: [Area; 7] = [
        Area::DigitalKompetens,
        Area::BedomningOchBetyg,
        Area::SprakOchKunskapsutvecklande,
        Area::LasOchSkrivutveckling,
        Area::InkluderandeLarmiljoer,
        Area::HallbarUtveckling,
        Area::Vardegrund,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Area::DigitalKompetens => "digital_kompetens",
            Area::BedomningOchBetyg => "bedomning_och_betyg",
            Area::SprakOchKunskapsutvecklande => "sprak_och_kunskapsutvecklande",
            Area::LasOchSkrivutveckling => "las_och_skrivutveckling",
            Area::InkluderandeLarmiljoer => "inkluderande_larmiljoer",
            Area::HallbarUtveckling => "hallbar_utveckling",
            Area::Vardegrund => "vardegrund",
        }
    }

    pub fn from_code(code: &str) -> Option<Area> {
        Area::ALL.into_iter().find(|a| a.code() == code)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Area::DigitalKompetens, Lang::Sv) => "Digital kompetens",
            (Area::DigitalKompetens, Lang::En) => "Digital competence",
            (Area::BedomningOchBetyg, Lang::Sv) => "Bedömning och betyg",
            (Area::BedomningOchBetyg, Lang::En) => "Assessment and grading",
            (Area::SprakOchKunskapsutvecklande, Lang::Sv) => {
                "Språk- och kunskapsutvecklande arbete"
            }
            (Area::SprakOchKunskapsutvecklande, Lang::En) => {
                "Language- and knowledge-developing work"
            }
            (Area::LasOchSkrivutveckling, Lang::Sv) => "Läs- och skrivutveckling",
            (Area::LasOchSkrivutveckling, Lang::En) => "Reading and writing",
            (Area::InkluderandeLarmiljoer, Lang::Sv) => "Inkluderande lärmiljöer",
            (Area::InkluderandeLarmiljoer, Lang::En) => "Inclusive learning environments",
            (Area::HallbarUtveckling, Lang::Sv) => "Hållbar utveckling",
            (Area::HallbarUtveckling, Lang::En) => "Sustainable development",
            (Area::Vardegrund, Lang::Sv) => "Värdegrund",
            (Area::Vardegrund, Lang::En) => "Fundamental values",
        }
    }
}

/// The Swedish short names of the 17 global goals of Agenda 2030.
pub const GOALS_SV: [&str; 17] = [
    "Ingen fattigdom",
    "Ingen hunger",
    "Hälsa och välbefinnande",
    "God utbildning för alla",
    "Jämställdhet",
    "Rent vatten och sanitet för alla",
    "Hållbar energi för alla",
    "Anständiga arbetsvillkor och ekonomisk tillväxt",
    "Hållbar industri, innovationer och infrastruktur",
    "Minskad ojämlikhet",
    "Hållbara städer och samhällen",
    "Hållbar konsumtion och produktion",
    "Bekämpa klimatförändringarna",
    "Hav och marina resurser",
    "Ekosystem och biologisk mångfald",
    "Fredliga och inkluderande samhällen",
    "Genomförande och globalt partnerskap",
];

/// The English short names of the 17 global goals.
pub const GOALS_EN: [&str; 17] = [
    "No poverty",
    "Zero hunger",
    "Good health and well-being",
    "Quality education",
    "Gender equality",
    "Clean water and sanitation",
    "Affordable and clean energy",
    "Decent work and economic growth",
    "Industry, innovation and infrastructure",
    "Reduced inequalities",
    "Sustainable cities and communities",
    "Responsible consumption and production",
    "Climate action",
    "Life below water",
    "Life on land",
    "Peace, justice and strong institutions",
    "Partnerships for the goals",
];

/// The name of global goal `n` (1–17).
pub fn goal_label(n: u8, lang: Lang) -> &'static str {
    let names = match lang {
        Lang::Sv => &GOALS_SV,
        Lang::En => &GOALS_EN,
    };
    names
        .get(usize::from(n).wrapping_sub(1))
        .copied()
        .unwrap_or("")
}

/// Where an item stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ItemStatus {
    /// Sent for review, waiting for the ICT strategist.
    Submitted,
    /// Sent back with a comment; the author edits and resubmits.
    Returned,
    /// Visible to everyone in the municipality.
    Published,
    /// Not taken into the library; the author sees why.
    Rejected,
    /// Taken out of the library; kept for the record and collections that used it.
    Archived,
}

impl ItemStatus {
    pub const ALL: [ItemStatus; 5] = [
        ItemStatus::Submitted,
        ItemStatus::Returned,
        ItemStatus::Published,
        ItemStatus::Rejected,
        ItemStatus::Archived,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ItemStatus::Submitted => "submitted",
            ItemStatus::Returned => "returned",
            ItemStatus::Published => "published",
            ItemStatus::Rejected => "rejected",
            ItemStatus::Archived => "archived",
        }
    }

    pub fn from_code(code: &str) -> Option<ItemStatus> {
        ItemStatus::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// How an item is tagged.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Tags {
    /// Subject codes (national or the municipality's own).
    #[serde(default)]
    pub subjects: Vec<String>,
    #[serde(default)]
    pub stages: Vec<Stage>,
    /// Themes of the wheel, e.g. "Bedömning och betyg".
    #[serde(default)]
    pub themes: Vec<String>,
    #[serde(default)]
    pub areas: Vec<Area>,
    /// Agenda 2030 goals, 1–17.
    #[serde(default)]
    pub goals: Vec<u8>,
    /// Free keywords.
    #[serde(default)]
    pub keywords: Vec<String>,
}

/// The most tags of one sort an item may carry, and the longest tag.
pub const MAX_TAGS: usize = 30;
pub const MAX_TAG_CHARS: usize = 60;

impl Tags {
    /// The tags tidied: free text trimmed with inner whitespace collapsed, empties and
    /// duplicates (compared folded, so "Bedömning" and "bedömning " are one) dropped,
    /// the first spelling kept, everything sorted so equal tag sets compare equal.
    pub fn normalized(&self) -> Tags {
        Tags {
            subjects: dedup_text(&self.subjects),
            stages: dedup(&self.stages),
            themes: dedup_text(&self.themes),
            areas: dedup(&self.areas),
            goals: dedup(&self.goals),
            keywords: dedup_text(&self.keywords),
        }
    }

    /// The problems of the tags, by field.
    pub fn check(&self) -> Vec<FieldError> {
        let mut out = Vec::new();
        let texts = [
            ("subjects", &self.subjects),
            ("themes", &self.themes),
            ("keywords", &self.keywords),
        ];
        for (field, values) in texts {
            if values.len() > MAX_TAGS
                || values
                    .iter()
                    .any(|v| v.trim().chars().count() > MAX_TAG_CHARS)
            {
                out.push(FieldError::new(field, Msg::TagsInvalid));
            }
        }
        if self.goals.iter().any(|g| !(1..=17).contains(g)) {
            out.push(FieldError::new("goals", Msg::GoalInvalid));
        }
        out
    }

    /// The tags as the search filters them: one ` sort:value ` token each.
    pub fn facets(&self, kind: ItemKind, year: Option<i32>) -> String {
        let mut out = format!(" kind:{} ", kind.code());
        for s in &self.subjects {
            out.push_str(&format!("subject:{} ", facet_value(s)));
        }
        for s in &self.stages {
            out.push_str(&format!("stage:{} ", s.code()));
        }
        for t in &self.themes {
            out.push_str(&format!("theme:{} ", facet_value(t)));
        }
        for a in &self.areas {
            out.push_str(&format!("area:{} ", a.code()));
        }
        for g in &self.goals {
            out.push_str(&format!("goal:{g} "));
        }
        if let Some(y) = year {
            out.push_str(&format!("year:{y} "));
        }
        out
    }
}

/// A tag's value inside the facets text: folded, spaces as underscores.
pub fn facet_value(value: &str) -> String {
    crate::text::fold(value).replace([' ', ':'], "_")
}

fn dedup<T: Ord + Copy>(values: &[T]) -> Vec<T> {
    let mut v = values.to_vec();
    v.sort();
    v.dedup();
    v
}

fn dedup_text(values: &[String]) -> Vec<String> {
    let mut seen = std::collections::BTreeSet::new();
    let mut out: Vec<String> = Vec::new();
    for v in values {
        let tidy = v.split_whitespace().collect::<Vec<_>>().join(" ");
        if !tidy.is_empty() && seen.insert(crate::text::fold(&tidy)) {
            out.push(tidy);
        }
    }
    out.sort_by(|a, b| crate::collate::swedish_cmp(a, b));
    out
}

/// An item as written or changed: `POST /api/v1/library/items`, `PUT …/{id}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ItemInput {
    pub kind: ItemKind,
    pub title: String,
    /// Markdown.
    #[serde(default)]
    pub summary: String,
    /// Source or author.
    #[serde(default)]
    pub source: String,
    #[serde(default)]
    pub year: Option<i32>,
    /// Two-letter language code; "sv" when left out.
    #[serde(default)]
    pub language: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub tags: Tags,
    /// The version the change is based on (changes only).
    #[serde(default)]
    pub version: Option<i64>,
}

/// The longest source and title accepted.
pub const SOURCE_MAX_CHARS: usize = 300;
pub const URL_MAX_CHARS: usize = 2000;

impl ItemInput {
    /// The link, trimmed, or `None` when left empty.
    pub fn link(&self) -> Option<&str> {
        self.url.as_deref().map(str::trim).filter(|u| !u.is_empty())
    }

    /// The language code, "sv" when left out.
    pub fn language_code(&self) -> String {
        self.language
            .as_deref()
            .map(|l| l.trim().to_ascii_lowercase())
            .filter(|l| !l.is_empty())
            .unwrap_or_else(|| "sv".into())
    }
}

impl Validate for ItemInput {
    fn validate(&self) -> Vec<FieldError> {
        let mut out = Vec::new();
        if let Err(msg) = check_name(&self.title) {
            out.push(FieldError::new("title", msg));
        }
        if self.summary.chars().count() > markdown::MAX_SUMMARY_CHARS {
            out.push(FieldError::new("summary", Msg::SummaryTooLong));
        }
        if self.source.trim().chars().count() > SOURCE_MAX_CHARS {
            out.push(FieldError::new("source", Msg::TextTooLong));
        }
        if self.year.is_some_and(|y| !(1800..=2100).contains(&y)) {
            out.push(FieldError::new("year", Msg::YearInvalid));
        }
        let lang = self.language_code();
        if lang.len() != 2 || !lang.chars().all(|c| c.is_ascii_lowercase()) {
            out.push(FieldError::new("language", Msg::LanguageInvalid));
        }
        if let Some(url) = self.link() {
            let web = url.len() <= URL_MAX_CHARS
                && markdown::safe_url(url)
                    .is_some_and(|u| !u.to_ascii_lowercase().starts_with("mailto:"));
            if !web {
                out.push(FieldError::new("url", Msg::UrlInvalid));
            }
        }
        out.extend(self.tags.check());
        out
    }
}

/// A file of an item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ItemFile {
    pub id: FileId,
    /// The name it was uploaded under, for showing and downloading.
    pub name: String,
    pub file_type: FileType,
    pub size: i64,
    /// Where to fetch it: a link signed for the reader, valid for some hours, that
    /// works without the sign-in header (for players, viewers and downloads).
    #[serde(default)]
    pub url: String,
}

/// Someone, by name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PersonRef {
    pub id: PersonId,
    pub name: String,
}

/// A library item as another record links it: a meeting's preparation, a wheel
/// activity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ItemRef {
    pub id: ItemId,
    pub title: String,
    pub kind: ItemKind,
}

/// The most library items a meeting's preparation or a wheel activity may link.
pub const MAX_LINKED_ITEMS: usize = 20;

/// Checks a list of linked items: each once, at most [`MAX_LINKED_ITEMS`].
pub fn check_linked_items(ids: &[ItemId]) -> Result<(), Msg> {
    let mut distinct = ids.to_vec();
    distinct.sort_unstable();
    distinct.dedup();
    if distinct.len() != ids.len() || ids.len() > MAX_LINKED_ITEMS {
        Err(Msg::LinkedItemsInvalid)
    } else {
        Ok(())
    }
}

/// A wheel activity that links an item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ActivityUse {
    pub id: crate::ids::ActivityId,
    pub school_year_id: crate::ids::SchoolYearId,
    pub title: String,
    /// `YYYY-MM-DD`.
    pub starts_on: String,
    pub ends_on: String,
}

/// A meeting whose preparation lists an item on its own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MeetingUse {
    pub id: crate::ids::MeetingId,
    /// The group's name.
    pub group: String,
    /// `YYYY-MM-DD`.
    pub starts_on: String,
}

/// A collection an item is in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CollectionRef {
    pub id: CollectionId,
    pub title: String,
}

/// An item as read: `GET /api/v1/library/items/{id}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Item {
    pub id: ItemId,
    pub kind: ItemKind,
    pub title: String,
    /// Markdown, as written.
    pub summary: String,
    /// The summary rendered, safe to insert into the page.
    pub summary_html: String,
    pub source: String,
    pub year: Option<i32>,
    pub language: String,
    pub url: Option<String>,
    /// The privacy-enhanced player, for a film on a known host.
    pub embed: Option<Embed>,
    pub files: Vec<ItemFile>,
    pub tags: Tags,
    pub status: ItemStatus,
    /// The reviewer's comment when returned or rejected.
    pub review_comment: Option<String>,
    pub author: PersonRef,
    pub featured: bool,
    pub version: i64,
    /// RFC 3339.
    pub created_at: String,
    pub updated_at: String,
    pub published_at: Option<String>,
    /// The collections that hold the item.
    pub used_in: Vec<CollectionRef>,
    /// The wheel activities that link the item.
    #[serde(default)]
    pub used_in_wheel: Vec<ActivityUse>,
    /// The meetings of the caller's groups (every meeting for the steering group and
    /// administrators) whose preparation lists the item.
    #[serde(default)]
    pub used_in_meetings: Vec<MeetingUse>,
    /// Whether the caller may change the item.
    pub editable: bool,
}

/// An item in a list or a search result, matches marked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ItemHit {
    pub id: ItemId,
    pub kind: ItemKind,
    pub title: Vec<Segment>,
    pub snippet: Vec<Segment>,
    pub source: String,
    pub year: Option<i32>,
    pub tags: Tags,
    pub status: ItemStatus,
    pub featured: bool,
    pub has_film: bool,
    pub files: usize,
    pub url: Option<String>,
    pub published_at: Option<String>,
    pub updated_at: String,
}

impl ItemHit {
    /// The title as plain text.
    pub fn title_text(&self) -> String {
        self.title.iter().map(|s| s.text.as_str()).collect()
    }
}

/// A search of the library: `GET /api/v1/library/items?q=…`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams, utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct ItemQuery {
    /// Words to search for; empty lists the newest first.
    #[serde(default)]
    pub q: Option<String>,
    pub kind: Option<ItemKind>,
    pub subject: Option<String>,
    pub stage: Option<Stage>,
    pub theme: Option<String>,
    pub area: Option<Area>,
    pub goal: Option<u8>,
    pub year: Option<i32>,
    /// Only with this status; reviewers may ask for `submitted`, anyone for their own.
    pub status: Option<ItemStatus>,
    /// Only the caller's own items (any status).
    pub mine: Option<bool>,
    pub featured: Option<bool>,
    pub page: Option<u32>,
    pub per_page: Option<u32>,
}

impl ItemQuery {
    pub fn page(&self) -> u32 {
        self.page.unwrap_or(1).max(1)
    }

    pub fn per_page(&self) -> u32 {
        self.per_page.unwrap_or(20).clamp(1, 100)
    }

    /// The facet tokens every result must carry.
    pub fn facet_filters(&self) -> Vec<String> {
        let mut out = Vec::new();
        if let Some(k) = self.kind {
            out.push(format!(" kind:{} ", k.code()));
        }
        if let Some(s) = self.subject.as_deref().filter(|s| !s.trim().is_empty()) {
            out.push(format!(" subject:{} ", facet_value(s)));
        }
        if let Some(s) = self.stage {
            out.push(format!(" stage:{} ", s.code()));
        }
        if let Some(t) = self.theme.as_deref().filter(|t| !t.trim().is_empty()) {
            out.push(format!(" theme:{} ", facet_value(t)));
        }
        if let Some(a) = self.area {
            out.push(format!(" area:{} ", a.code()));
        }
        if let Some(g) = self.goal {
            out.push(format!(" goal:{g} "));
        }
        if let Some(y) = self.year {
            out.push(format!(" year:{y} "));
        }
        out
    }
}

/// A page of results.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ItemPage {
    pub items: Vec<ItemHit>,
    pub total: u64,
    pub page: u32,
    pub per_page: u32,
    /// When a word matched nothing and was corrected: the query searched instead.
    pub corrected: Option<String>,
}

/// The ICT strategist's decision on a submission: `POST …/items/{id}/review`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Review {
    pub decision: ReviewDecision,
    /// Required when returning or rejecting: what the author should know.
    #[serde(default)]
    pub comment: String,
    pub version: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ReviewDecision {
    Approve,
    Return,
    Reject,
}

impl Validate for Review {
    fn validate(&self) -> Vec<FieldError> {
        let mut out = Vec::new();
        let needs_comment = self.decision != ReviewDecision::Approve;
        if needs_comment && let Err(msg) = check_required(&self.comment) {
            out.push(FieldError::new("comment", msg));
        }
        if self.comment.chars().count() > 2000 {
            out.push(FieldError::new("comment", Msg::TextTooLong));
        }
        out
    }
}

/// What follows from a decision.
impl ReviewDecision {
    pub fn status(self) -> ItemStatus {
        match self {
            ReviewDecision::Approve => ItemStatus::Published,
            ReviewDecision::Return => ItemStatus::Returned,
            ReviewDecision::Reject => ItemStatus::Rejected,
        }
    }
}

/// Which statuses an item may move to a review decision from.
pub fn reviewable(status: ItemStatus) -> bool {
    status == ItemStatus::Submitted
}

/// A curator's change of an item's place: `POST …/items/{id}/state`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ItemState {
    /// Archive (true) or publish again (false); left out: unchanged.
    #[serde(default)]
    pub archived: Option<bool>,
    /// Featured on the library's front page; left out: unchanged.
    #[serde(default)]
    pub featured: Option<bool>,
    pub version: i64,
}

/// An ordered collection: `GET /api/v1/library/collections/{id}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Collection {
    pub id: CollectionId,
    pub title: String,
    pub note: String,
    /// The note rendered from Markdown, safe to insert.
    pub note_html: String,
    /// The items in order; archived items stay, marked by their status.
    pub items: Vec<ItemHit>,
    pub owner: PersonRef,
    pub version: i64,
    pub updated_at: String,
    pub editable: bool,
}

/// A collection in a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CollectionSummary {
    pub id: CollectionId,
    pub title: String,
    pub items: u32,
    pub owner: String,
    pub updated_at: String,
}

/// A collection as written: `POST /api/v1/library/collections`, `PUT …/{id}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CollectionInput {
    pub title: String,
    #[serde(default)]
    pub note: String,
    /// The items, in order.
    #[serde(default)]
    pub items: Vec<ItemId>,
    #[serde(default)]
    pub version: Option<i64>,
}

/// The most items one collection holds.
pub const MAX_COLLECTION_ITEMS: usize = 100;

impl Validate for CollectionInput {
    fn validate(&self) -> Vec<FieldError> {
        let mut out = Vec::new();
        if let Err(msg) = check_name(&self.title) {
            out.push(FieldError::new("title", msg));
        }
        if self.note.chars().count() > markdown::MAX_SUMMARY_CHARS {
            out.push(FieldError::new("note", Msg::SummaryTooLong));
        }
        let mut seen = std::collections::HashSet::new();
        if self.items.len() > MAX_COLLECTION_ITEMS || !self.items.iter().all(|i| seen.insert(*i)) {
            out.push(FieldError::new("items", Msg::CollectionItemsInvalid));
        }
        out
    }
}

/// The library's front page: `GET /api/v1/library/front`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LibraryFront {
    /// "Nytt i biblioteket": the latest published.
    pub latest: Vec<ItemHit>,
    /// "Utvalt": featured by the ICT strategist.
    pub featured: Vec<ItemHit>,
    /// The latest for the caller's own subjects and stages.
    pub for_me: Vec<ItemHit>,
    /// The caller's own submissions that are not yet published, with their status.
    pub my_submissions: Vec<ItemHit>,
    /// Submissions waiting for review (curators only).
    pub waiting_for_review: Option<u64>,
    pub collections: Vec<CollectionSummary>,
    /// The caller's own material used as preparation for meetings, and how many
    /// prepared (counts only, never names).
    #[serde(default)]
    pub my_material_use: Vec<MaterialUse>,
}

/// One of the caller's items with the meetings that had it as preparation (on its own or
/// in the meeting's collection).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MaterialUse {
    pub item: ItemId,
    pub title: String,
    pub meetings: Vec<UsedIn>,
}

/// A meeting that had an item as preparation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UsedIn {
    pub group_name: String,
    /// `YYYY-MM-DD`.
    pub starts_on: String,
    /// Members who marked themselves prepared, of how many members.
    pub prepared: u32,
    pub members: u32,
}

/// Rows of (item, title, group, day, prepared, members), ordered by item, gathered by
/// item in that order.
pub fn material_use(rows: Vec<(ItemId, String, UsedIn)>) -> Vec<MaterialUse> {
    let mut out: Vec<MaterialUse> = Vec::new();
    for (item, title, used) in rows {
        match out.last_mut() {
            Some(last) if last.item == item => last.meetings.push(used),
            _ => out.push(MaterialUse {
                item,
                title,
                meetings: vec![used],
            }),
        }
    }
    out
}

/// The status a new item gets from its author's roles: publishers publish directly;
/// everyone else submits for review (and may only submit good examples).
pub fn initial_status(roles: &[Role]) -> ItemStatus {
    if access::publishes(roles) {
        ItemStatus::Published
    } else {
        ItemStatus::Submitted
    }
}

/// The rule for what a non-publisher may submit: only good examples.
pub fn check_kind_for(roles: &[Role], kind: ItemKind) -> Result<(), FieldError> {
    if access::publishes(roles) || kind == ItemKind::GottExempel {
        Ok(())
    } else {
        Err(FieldError::new("kind", Msg::OnlyGoodExamples))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn material_use_is_gathered_by_item() {
        let used = |group: &str, prepared| UsedIn {
            group_name: group.to_owned(),
            starts_on: "2027-01-20".to_owned(),
            prepared,
            members: 12,
        };
        let rows = vec![
            (
                ItemId(3),
                "Formativ bedömning".to_owned(),
                used("Matematik 7–9", 7),
            ),
            (
                ItemId(3),
                "Formativ bedömning".to_owned(),
                used("Svenska F–3", 2),
            ),
            (
                ItemId(5),
                "Exit tickets".to_owned(),
                used("Matematik 7–9", 0),
            ),
        ];
        let gathered = material_use(rows);
        assert_eq!(gathered.len(), 2);
        assert_eq!(gathered[0].meetings.len(), 2);
        assert_eq!(gathered[0].meetings[1].group_name, "Svenska F–3");
        assert_eq!(gathered[1].item, ItemId(5));
        assert!(material_use(Vec::new()).is_empty());
    }

    fn input() -> ItemInput {
        ItemInput {
            kind: ItemKind::Film,
            title: "Formativ bedömning".into(),
            summary: String::new(),
            source: String::new(),
            year: Some(2024),
            language: None,
            url: Some("https://www.skolverket.se".into()),
            tags: Tags::default(),
            version: None,
        }
    }

    fn fields(i: &ItemInput) -> Vec<&'static str> {
        i.validate().into_iter().map(|e| e.field).collect()
    }

    #[test]
    fn a_good_item_passes() {
        assert!(input().validate().is_empty());
        assert_eq!(input().language_code(), "sv");
    }

    #[test]
    fn each_bad_field_is_named() {
        let mut i = input();
        i.title = "  ".into();
        i.year = Some(3000);
        i.language = Some("svenska".into());
        i.url = Some("javascript:alert(1)".into());
        i.summary = "x".repeat(markdown::MAX_SUMMARY_CHARS + 1);
        i.tags.goals = vec![0, 18];
        assert_eq!(
            fields(&i),
            vec!["title", "summary", "year", "language", "url", "goals"]
        );
        i = input();
        i.url = Some("mailto:a@b.se".into());
        assert_eq!(fields(&i), vec!["url"]);
        i.url = Some("   ".into());
        assert!(fields(&i).is_empty());
    }

    #[test]
    fn tags_are_tidied_and_deduplicated() {
        let tags = Tags {
            subjects: vec!["matematik".into(), "matematik".into()],
            stages: vec![Stage::Ak4_6, Stage::Ak1_3, Stage::Ak4_6],
            themes: vec![
                " Bedömning  och betyg".into(),
                "bedömning och betyg".into(),
                "".into(),
            ],
            areas: vec![Area::Vardegrund, Area::DigitalKompetens],
            goals: vec![4, 4, 5],
            keywords: vec!["Ängel".into(), "apa".into(), "Öga".into(), "Zebra".into()],
        }
        .normalized();
        assert_eq!(tags.subjects, vec!["matematik"]);
        assert_eq!(tags.stages, vec![Stage::Ak1_3, Stage::Ak4_6]);
        assert_eq!(tags.themes, vec!["Bedömning och betyg"]);
        assert_eq!(tags.areas, vec![Area::DigitalKompetens, Area::Vardegrund]);
        assert_eq!(tags.goals, vec![4, 5]);
        // Swedish order: å ä ö after z.
        assert_eq!(tags.keywords, vec!["apa", "Zebra", "Ängel", "Öga"]);
    }

    #[test]
    fn too_many_or_too_long_tags_are_refused() {
        let mut tags = Tags {
            keywords: vec!["x".repeat(MAX_TAG_CHARS + 1)],
            ..Tags::default()
        };
        assert_eq!(
            tags.check(),
            vec![FieldError::new("keywords", Msg::TagsInvalid)]
        );
        tags.keywords = (0..=MAX_TAGS).map(|i| i.to_string()).collect();
        assert_eq!(tags.check().len(), 1);
    }

    #[test]
    fn facets_hold_one_token_per_tag_and_filters_find_them() {
        let tags = Tags {
            subjects: vec!["matematik".into()],
            stages: vec![Stage::Ak1_3],
            themes: vec!["Bedömning och betyg".into()],
            areas: vec![Area::BedomningOchBetyg],
            goals: vec![4],
            keywords: vec![],
        };
        let facets = tags.facets(ItemKind::Film, Some(2024));
        let query = ItemQuery {
            kind: Some(ItemKind::Film),
            subject: Some("matematik".into()),
            stage: Some(Stage::Ak1_3),
            theme: Some("bedömning och betyg".into()),
            area: Some(Area::BedomningOchBetyg),
            goal: Some(4),
            year: Some(2024),
            ..ItemQuery::default()
        };
        for f in query.facet_filters() {
            assert!(facets.contains(&f), "{f:?} in {facets:?}");
        }
        let other = ItemQuery {
            stage: Some(Stage::Ak4_6),
            goal: Some(14),
            ..ItemQuery::default()
        };
        for f in other.facet_filters() {
            assert!(!facets.contains(&f), "{f:?} in {facets:?}");
        }
    }

    #[test]
    fn review_needs_a_comment_unless_approving() {
        let mut r = Review {
            decision: ReviewDecision::Return,
            comment: " ".into(),
            version: 1,
        };
        assert_eq!(r.validate()[0].field, "comment");
        r.decision = ReviewDecision::Approve;
        assert!(r.validate().is_empty());
    }

    #[test]
    fn who_may_see_edit_and_publish() {
        use super::access::{may_edit, may_see};
        let me = PersonId(1);
        let other = PersonId(2);
        let teacher = [Role::Larare];
        let ict = [Role::IktStrateg];
        let researcher = [Role::Forskare];
        assert_eq!(initial_status(&teacher), ItemStatus::Submitted);
        assert_eq!(initial_status(&researcher), ItemStatus::Published);
        assert!(check_kind_for(&teacher, ItemKind::Film).is_err());
        assert!(check_kind_for(&teacher, ItemKind::GottExempel).is_ok());
        assert!(check_kind_for(&researcher, ItemKind::Film).is_ok());
        assert!(may_edit(&teacher, me, me, ItemStatus::Returned));
        assert!(!may_edit(&teacher, me, me, ItemStatus::Published));
        assert!(!may_edit(&teacher, me, other, ItemStatus::Submitted));
        assert!(may_edit(&ict, me, other, ItemStatus::Published));
        assert!(may_edit(&researcher, me, me, ItemStatus::Published));
        assert!(!may_edit(&researcher, me, other, ItemStatus::Published));
        assert!(may_see(&teacher, me, other, ItemStatus::Published));
        assert!(!may_see(&teacher, me, other, ItemStatus::Submitted));
        assert!(may_see(&teacher, me, me, ItemStatus::Rejected));
        assert!(may_see(&ict, me, other, ItemStatus::Submitted));
    }

    #[test]
    fn kinds_parse_from_what_people_write() {
        assert_eq!(ItemKind::parse("Gott exempel"), Some(ItemKind::GottExempel));
        assert_eq!(ItemKind::parse("gott_exempel"), Some(ItemKind::GottExempel));
        assert_eq!(ItemKind::parse("Länk"), Some(ItemKind::Lank));
        assert_eq!(ItemKind::parse("video"), Some(ItemKind::Film));
        assert_eq!(
            ItemKind::parse("Digitalt verktyg"),
            Some(ItemKind::DigitaltVerktyg)
        );
        assert_eq!(
            ItemKind::parse("Forskningssammanfattning"),
            Some(ItemKind::Forskningssammanfattning)
        );
        assert_eq!(ItemKind::parse("podd"), None);
        assert_eq!(goal_label(4, Lang::Sv), "God utbildning för alla");
        assert_eq!(goal_label(0, Lang::Sv), "");
    }
}
