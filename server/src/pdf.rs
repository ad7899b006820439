//! A document (a protocol, a project's report) as an accessible PDF (PDF/UA-1), written by `krilla`: A4 pages of text in
//! DejaVu Sans (from the `dejavu` crate, its licence beside the font there), embedded and
//! subset, so every name keeps its letters (Łukasz Wiśniewski, Ayşe Yılmaz, Nguyễn Thị
//! Hà); tagged as a title, headings and paragraphs in reading order, with the document's
//! language, title and an outline of its headings. krilla refuses to write a document
//! that breaks PDF/UA-1's machine-checkable rules, so one that is written keeps them.
//!
//! The few scripts DejaVu Sans lacks (Chinese, Japanese, Korean, Indic, Ethiopic) are
//! drawn as □, with the real text carried as the line's `ActualText`, which screen
//! readers and copying use.

use std::num::NonZeroU16;
use std::sync::{Arc, LazyLock};

use krilla::Document;
use krilla::color::rgb;
use krilla::configure::{Accessibility, ConfigurationBuilder};
use krilla::destination::XyzDestination;
use krilla::geom::Point;
use krilla::metadata::{DateTime, Metadata};
use krilla::num::NormalizedF32;
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla::paint::Fill;
use krilla::surface::Surface;
use krilla::tagging::{ContentTag, Node, SpanTag, Tag, TagGroup, TagTree};
use krilla::text::{Font, TextDirection};
use skrifa::MetadataProvider;
use skrifa::instance::{LocationRef, Size};

/// A4 in points, and the margins.
const PAGE_WIDTH: f32 = 595.28;
const PAGE_HEIGHT: f32 = 841.89;
const MARGIN: f32 = 56.0;

/// What stands in for a character the font does not have.
const MISSING: char = '□';

/// One block of a document: a heading or a paragraph of text.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Title(String),
    Heading(String),
    Text(String),
    /// Smaller grey text (the meeting's time and place, who published).
    Note(String),
}

impl Block {
    fn text(&self) -> &str {
        match self {
            Block::Title(t) | Block::Heading(t) | Block::Text(t) | Block::Note(t) => t,
        }
    }
}

/// The style of a block's lines: face, size, colour and the space before it.
#[derive(Debug, Clone, Copy)]
struct Style {
    bold: bool,
    size: f32,
    grey: bool,
    before: f32,
}

fn style(block: &Block) -> Style {
    let (bold, size, grey, before) = match block {
        Block::Title(_) => (true, 17.0, false, 0.0),
        Block::Heading(_) => (true, 11.5, false, 12.0),
        Block::Text(_) => (false, 11.0, false, 2.0),
        Block::Note(_) => (false, 10.0, true, 4.0),
    };
    Style {
        bold,
        size,
        grey,
        before,
    }
}

/// A face of the font: its data for krilla and its metrics for breaking lines.
struct Face {
    font: Font,
    data: &'static [u8],
}

static REGULAR: LazyLock<Face> = LazyLock::new(|| Face::new(dejavu::sans::regular()));
static BOLD: LazyLock<Face> = LazyLock::new(|| Face::new(dejavu::sans::bold()));

impl Face {
    fn new(data: &'static [u8]) -> Face {
        let bytes: Arc<dyn AsRef<[u8]> + Send + Sync> = Arc::new(data);
        #[allow(clippy::expect_used)] // The font is part of the binary.
        let font = Font::new(bytes.into(), 0).expect("DejaVu Sans reads");
        Face { font, data }
    }

    fn of(s: Style) -> &'static Face {
        if s.bold { &BOLD } else { &REGULAR }
    }

    fn font_ref(&self) -> Option<skrifa::FontRef<'static>> {
        skrifa::FontRef::new(self.data).ok()
    }

    /// Whether the face has a glyph for `c`.
    fn has(&self, c: char) -> bool {
        self.font_ref()
            .is_some_and(|f| f.charmap().map(c).is_some())
    }

    /// The advance of `text` at `size` points (no kerning: a line measured so is never
    /// narrower than drawn).
    fn width(&self, text: &str, size: f32) -> f32 {
        let Some(font) = self.font_ref() else {
            return 0.0;
        };
        let charmap = font.charmap();
        let metrics = font.glyph_metrics(Size::new(size), LocationRef::default());
        text.chars()
            .filter_map(|c| charmap.map(c).or_else(|| charmap.map(MISSING)))
            .filter_map(|g| metrics.advance_width(g))
            .sum()
    }
}

/// The text as drawn: what the face lacks becomes [`MISSING`], a tab a space.
fn drawable(face: &Face, text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\t' => ' ',
            c if face.has(c) || c.is_whitespace() => c,
            _ => MISSING,
        })
        .collect()
}

/// The lines a paragraph breaks into at `width`: at spaces, or inside a word too long
/// for a line. Line breaks in the text stay.
fn wrap(text: &str, s: Style, width: f32) -> Vec<String> {
    let face = Face::of(s);
    let fits = |t: &str| face.width(t, s.size) <= width;
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        for word in paragraph.split([' ', '\t']).filter(|w| !w.is_empty()) {
            let candidate = if line.is_empty() {
                word.to_owned()
            } else {
                format!("{line} {word}")
            };
            if fits(&candidate) {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            let mut rest = word;
            while !fits(rest) {
                // The longest start of the word that fits, at least one character.
                let cut = rest
                    .char_indices()
                    .map(|(i, c)| i + c.len_utf8())
                    .take_while(|&end| fits(&rest[..end]))
                    .last()
                    .unwrap_or_else(|| rest.chars().next().map_or(rest.len(), char::len_utf8));
                lines.push(rest[..cut].to_owned());
                rest = &rest[cut..];
            }
            line = rest.to_owned();
        }
        lines.push(line);
    }
    lines
}

/// A date of the document's metadata, from RFC 3339 ("2026-11-27T10:00:00Z"), in UTC.
fn pdf_date(rfc3339: &str) -> Option<DateTime> {
    let when = chrono::DateTime::parse_from_rfc3339(rfc3339).ok()?.to_utc();
    use chrono::{Datelike, Timelike};
    let byte = |n: u32| u8::try_from(n).ok();
    Some(
        DateTime::new(u16::try_from(when.year()).ok()?)
            .month(byte(when.month())?)
            .day(byte(when.day())?)
            .hour(byte(when.hour())?)
            .minute(byte(when.minute())?)
            .second(byte(when.second())?)
            .utc_offset_hour(0)
            .utc_offset_minute(0),
    )
}

/// Where the writing is: the page being filled and how far down.
struct Cursor {
    page: usize,
    y: f32,
}

/// The blocks as a PDF document titled `title` in language `lang` (BCP 47, e.g. `sv`),
/// made at `created` (RFC 3339).
pub fn document(
    title: &str,
    lang: &str,
    created: &str,
    blocks: &[Block],
) -> anyhow::Result<Vec<u8>> {
    let configuration = ConfigurationBuilder::new()
        .with_accessibility_validator(Accessibility::UA1)
        .finish()
        .map_err(|e| anyhow::anyhow!("PDF configuration: {e:?}"))?;
    let settings = krilla::SerializeSettings {
        configuration,
        enable_tagging: true,
        ..Default::default()
    };
    let mut document = Document::new_with(settings);
    let mut tree = TagTree::new().with_lang(Some(lang.to_owned()));
    let mut outline = Outline::new();

    // Lay the lines out first: which page each is on and where.
    let width = PAGE_WIDTH - 2.0 * MARGIN;
    let mut placed: Vec<Vec<(usize, f32, String)>> = Vec::with_capacity(blocks.len());
    let mut at = Cursor {
        page: 0,
        y: PAGE_HEIGHT - MARGIN,
    };
    for block in blocks {
        let s = style(block);
        let leading = s.size * 1.35;
        at.y -= s.before;
        let mut lines = Vec::new();
        for (i, line) in wrap(block.text(), s, width).into_iter().enumerate() {
            // A heading is not left alone at the foot of a page.
            let keep = if matches!(block, Block::Heading(_)) && i == 0 {
                3.0
            } else {
                1.0
            };
            if at.y - leading * keep < MARGIN {
                at = Cursor {
                    page: at.page + 1,
                    y: PAGE_HEIGHT - MARGIN,
                };
            }
            at.y -= leading;
            lines.push((at.page, at.y, line));
        }
        placed.push(lines);
    }

    // Then draw page by page, each line a tagged span of its block's group.
    let mut groups: Vec<TagGroup> = blocks
        .iter()
        .map(|block| match block {
            Block::Title(t) => TagGroup::new(Tag::Hn(NonZeroU16::MIN, Some(t.clone()))),
            Block::Heading(t) => {
                TagGroup::new(Tag::Hn(NonZeroU16::MIN.saturating_add(1), Some(t.clone())))
            }
            Block::Text(_) | Block::Note(_) => TagGroup::new(Tag::P),
        })
        .collect();
    let page_count = at.page + 1;
    for page_index in 0..page_count {
        let settings = PageSettings::from_wh(PAGE_WIDTH, PAGE_HEIGHT)
            .ok_or_else(|| anyhow::anyhow!("A4 is a page size"))?;
        let mut page = document.start_page_with(settings);
        let mut surface = page.surface();
        for (b, block) in blocks.iter().enumerate() {
            let s = style(block);
            for (_, y, line) in placed[b].iter().filter(|(p, _, _)| *p == page_index) {
                if line.is_empty() {
                    continue;
                }
                groups[b].push(draw_line(&mut surface, s, *y, line));
            }
        }
        surface.finish();
        page.finish();
    }

    // The outline: the title, and each heading under it.
    let mut top: Option<OutlineNode> = None;
    for (b, block) in blocks.iter().enumerate() {
        let Some(&(page, y, _)) = placed[b].first() else {
            continue;
        };
        let point = Point::from_xy(MARGIN, PAGE_HEIGHT - y - style(block).size * 1.35);
        let node = OutlineNode::new(block.text().to_owned(), XyzDestination::new(page, point));
        match (block, top.as_mut()) {
            (Block::Title(_), _) => {
                if let Some(done) = top.replace(node.with_open(true)) {
                    outline.push_child(done);
                }
            }
            (Block::Heading(_), Some(title)) => title.push_child(node),
            (Block::Heading(_), None) => outline.push_child(node),
            _ => {}
        }
    }
    if let Some(title) = top {
        outline.push_child(title);
    }

    for group in groups {
        tree.push(Node::Group(group));
    }
    document.set_outline(outline);
    document.set_tag_tree(tree);
    let mut metadata = Metadata::new()
        .title(title.to_owned())
        .language(lang.to_owned())
        .creator("Kollegium".to_owned())
        .producer("Kollegium".to_owned());
    if let Some(date) = pdf_date(created) {
        metadata = metadata.creation_date(date);
    }
    document.set_metadata(metadata);
    document
        .finish()
        .map_err(|e| anyhow::anyhow!("writing the PDF: {e:?}"))
}

/// Draws one line at `y` (from the top of the page's text area) as a tagged span; its
/// real text is the span's `ActualText` when a character had to be stood in for.
fn draw_line(surface: &mut Surface, s: Style, y: f32, line: &str) -> Node {
    let face = Face::of(s);
    let shown = drawable(face, line);
    let actual = (shown != line).then_some(line);
    let id = surface.start_tagged(ContentTag::Span(SpanTag::empty().with_actual_text(actual)));
    let grey = if s.grey { 89 } else { 26 };
    surface.set_fill(Some(Fill {
        paint: rgb::Color::new(grey, grey, grey).into(),
        opacity: NormalizedF32::ONE,
        rule: Default::default(),
    }));
    surface.draw_text(
        Point::from_xy(MARGIN, PAGE_HEIGHT - y),
        face.font.clone(),
        s.size,
        &shown,
        false,
        TextDirection::Auto,
    );
    surface.end_tagged();
    Node::Leaf(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_break_at_spaces_within_the_width_and_long_words_are_cut() {
        let s = style(&Block::Text(String::new()));
        let text = "Vi pratade om exit tickets i alla ämnen och om hur eleverna svarar";
        let lines = wrap(text, s, 150.0);
        assert!(lines.len() > 1);
        for line in &lines {
            assert!(Face::of(s).width(line, s.size) <= 150.0, "{line}");
            assert!(!line.starts_with(' ') && !line.ends_with(' '));
        }
        assert_eq!(lines.join(" "), text);
        let long = wrap(&"ö".repeat(200), s, 100.0);
        assert!(long.len() > 1);
        assert!(long.iter().all(|l| Face::of(s).width(l, s.size) <= 100.0));
        assert_eq!(long.concat(), "ö".repeat(200));
        // Line breaks in the text stay; an empty line stays as space.
        assert_eq!(wrap("a\n\nb", s, 100.0).len(), 3);
    }

    #[test]
    fn names_in_latin_greek_and_cyrillic_have_glyphs_and_others_stand_in() {
        let face = &*REGULAR;
        for name in [
            "Łukasz Wiśniewski",
            "Ayşe Yılmaz",
            "Nguyễn Thị Hà",
            "Αθηνά",
            "Ольга",
        ] {
            assert_eq!(drawable(face, name), name);
        }
        assert_eq!(drawable(face, "王芳 Wang"), "□□ Wang");
    }

    #[test]
    fn a_document_of_several_pages_is_written() {
        let mut blocks = vec![
            Block::Title("Protokoll: Matematik 7–9".into()),
            Block::Note("2026-11-27 15:00–16:30".into()),
        ];
        for i in 0..80 {
            blocks.push(Block::Heading(format!("Rubrik {i}")));
            blocks.push(Block::Text(
                "Små förändringar, sa Łukasz Wiśniewski och Nguyễn Thị Hà; 王芳 höll med.".into(),
            ));
        }
        let pdf = document("Protokoll", "sv", "2026-11-27T10:00:00Z", &blocks).expect("written");
        assert!(pdf.starts_with(b"%PDF-1.7"));
        let text = String::from_utf8_lossy(&pdf);
        assert!(text.contains("/Lang(sv)"), "the document's language");
        assert!(text.contains("/StructTreeRoot"), "tagged");
        assert!(text.contains("/Outlines"), "an outline");
        assert!(text.contains("/DisplayDocTitle true"), "the title shown");
    }
}
