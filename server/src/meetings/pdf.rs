//! A published protocol as a PDF: A4 pages of text in the PDF's built-in Helvetica
//! (WinAnsi encoding covers Swedish), lines broken by the font's widths. Written by
//! hand: a protocol is headings and paragraphs, and a PDF of that needs no library.

use std::fmt::Write as _;

/// A4 in points, and the margins.
const PAGE_WIDTH: f64 = 595.28;
const PAGE_HEIGHT: f64 = 841.89;
const MARGIN: f64 = 56.0;

/// One block of a document: a heading or a paragraph of text.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Title(String),
    Heading(String),
    Text(String),
    /// Smaller grey text (the meeting's time and place, who published).
    Note(String),
}

/// The style of a line: font, size, colour and the space before it.
#[derive(Debug, Clone, Copy)]
struct Style {
    bold: bool,
    size: f64,
    grey: bool,
    before: f64,
}

fn style(block: &Block) -> Style {
    match block {
        Block::Title(_) => Style {
            bold: true,
            size: 17.0,
            grey: false,
            before: 0.0,
        },
        Block::Heading(_) => Style {
            bold: true,
            size: 11.5,
            grey: false,
            before: 12.0,
        },
        Block::Text(_) => Style {
            bold: false,
            size: 11.0,
            grey: false,
            before: 2.0,
        },
        Block::Note(_) => Style {
            bold: false,
            size: 10.0,
            grey: true,
            before: 4.0,
        },
    }
}

/// A character as a byte of WinAnsiEncoding (what a Swedish text needs); `?` otherwise.
fn win_ansi(c: char) -> u8 {
    match c {
        ' '..='~' => c as u8,
        '\u{a0}'..='\u{ff}' => c as u32 as u8,
        '€' => 0x80,
        '…' => 0x85,
        '‘' => 0x91,
        '’' => 0x92,
        '“' => 0x93,
        '”' => 0x94,
        '•' => 0x95,
        '–' => 0x96,
        '—' => 0x97,
        '−' => b'-',
        '\t' => b' ',
        _ => b'?',
    }
}

/// Helvetica's advance widths (thousandths of the size) for the printable ASCII range.
const HELVETICA: [u16; 95] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278,
    278, // ' '..'/'
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584,
    556, // '0'..'?'
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722,
    778, // '@'..'O'
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469,
    556, // 'P'..'_'
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556,
    556, // '`'..'o'
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584, // 'p'..'~'
];

/// The width of one encoded byte, in thousandths of the size. Letters with marks are
/// as wide as their letter; bold is about a twentieth wider.
fn byte_width(b: u8, bold: bool) -> f64 {
    let base = match b {
        32..=126 => HELVETICA[usize::from(b - 32)],
        0xc0..=0xc5 => 667, // À–Å
        0xc6 => 1000,
        0xc7 => 722,
        0xc8..=0xcb => 667,
        0xcc..=0xcf => 278,
        0xd1 => 722,
        0xd2..=0xd6 | 0xd8 => 778,
        0xd9..=0xdc => 722,
        0xdf => 611,
        0xe0..=0xe5 => 556, // à–å
        0xe6 => 889,
        0xe7 => 500,
        0xe8..=0xeb => 556,
        0xec..=0xef => 278,
        0xf1..=0xf6 | 0xf8..=0xfc => 556,
        0x85 | 0x97 => 1000,
        _ => 556,
    };
    f64::from(base) * if bold { 1.05 } else { 1.0 }
}

fn text_width(bytes: &[u8], s: Style) -> f64 {
    bytes.iter().map(|b| byte_width(*b, s.bold)).sum::<f64>() * s.size / 1000.0
}

/// The lines a paragraph breaks into at `width`: at spaces, or inside a word too long
/// for a line.
fn wrap(text: &str, s: Style, width: f64) -> Vec<Vec<u8>> {
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line: Vec<u8> = Vec::new();
        for word in paragraph.split(' ').filter(|w| !w.is_empty()) {
            let mut word: Vec<u8> = word.chars().map(win_ansi).collect();
            let mut candidate = line.clone();
            if !candidate.is_empty() {
                candidate.push(b' ');
            }
            candidate.extend_from_slice(&word);
            if text_width(&candidate, s) <= width {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            while text_width(&word, s) > width {
                let mut cut = word.len();
                while cut > 1 && text_width(&word[..cut], s) > width {
                    cut -= 1;
                }
                lines.push(word[..cut].to_vec());
                word = word[cut..].to_vec();
            }
            line = word;
        }
        lines.push(line);
    }
    lines
}

/// A string of a content stream: the bytes with `(`, `)` and `\` escaped.
fn pdf_string(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() + 2);
    out.push('(');
    for &b in bytes {
        match b {
            b'(' | b')' | b'\\' => {
                out.push('\\');
                out.push(b as char);
            }
            32..=126 => out.push(b as char),
            _ => {
                let _ = write!(out, "\\{b:03o}");
            }
        }
    }
    out.push(')');
    out
}

/// The content streams of the pages the blocks fill.
fn pages(blocks: &[Block]) -> Vec<String> {
    let width = PAGE_WIDTH - 2.0 * MARGIN;
    let mut pages = Vec::new();
    let mut page = String::new();
    let mut y = PAGE_HEIGHT - MARGIN;
    for block in blocks {
        let s = style(block);
        let text = match block {
            Block::Title(t) | Block::Heading(t) | Block::Text(t) | Block::Note(t) => t,
        };
        let leading = s.size * 1.35;
        y -= s.before;
        let lines = wrap(text, s, width);
        for (i, line) in lines.iter().enumerate() {
            // A heading is not left alone at the foot of a page.
            let keep = if matches!(block, Block::Heading(_)) && i == 0 {
                3.0
            } else {
                1.0
            };
            if y - leading * keep < MARGIN {
                pages.push(std::mem::take(&mut page));
                y = PAGE_HEIGHT - MARGIN;
            }
            y -= leading;
            let font = if s.bold { "F2" } else { "F1" };
            let grey = if s.grey { "0.35" } else { "0.1" };
            let _ = writeln!(
                page,
                "BT /{font} {:.1} Tf {grey} g {MARGIN:.2} {y:.2} Td {} Tj ET",
                s.size,
                pdf_string(line)
            );
        }
    }
    pages.push(page);
    pages
}

/// A date of the PDF's Info dictionary, from RFC 3339 ("2026-11-27T10:00:00Z").
fn pdf_date(rfc3339: &str) -> String {
    let digits: String = rfc3339
        .chars()
        .filter(char::is_ascii_digit)
        .take(14)
        .collect();
    format!("D:{digits}Z")
}

/// The blocks as a PDF document titled `title`, made at `created` (RFC 3339).
pub fn document(title: &str, created: &str, blocks: &[Block]) -> Vec<u8> {
    let contents = pages(blocks);
    let mut objects: Vec<Vec<u8>> = Vec::new();
    let page_ids: Vec<usize> = (0..contents.len()).map(|i| 6 + 2 * i).collect();
    let kids = page_ids
        .iter()
        .map(|id| format!("{id} 0 R"))
        .collect::<Vec<_>>()
        .join(" ");
    objects.push(b"<< /Type /Catalog /Pages 2 0 R >>".to_vec());
    objects.push(
        format!(
            "<< /Type /Pages /Kids [{kids}] /Count {} >>",
            contents.len()
        )
        .into_bytes(),
    );
    objects.push(
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
            .to_vec(),
    );
    objects.push(
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>"
            .to_vec(),
    );
    let mut info = b"<< /Title ".to_vec();
    info.extend_from_slice(pdf_string(&title.chars().map(win_ansi).collect::<Vec<_>>()).as_bytes());
    info.extend_from_slice(
        format!(
            " /Producer (Kollegium) /CreationDate ({}) >>",
            pdf_date(created)
        )
        .as_bytes(),
    );
    objects.push(info);
    for content in &contents {
        let id = 6 + objects.len() - 5;
        objects.push(
            format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE_WIDTH} {PAGE_HEIGHT}] \
                 /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents {} 0 R >>",
                id + 1
            )
            .into_bytes(),
        );
        let mut stream = format!("<< /Length {} >>\nstream\n", content.len()).into_bytes();
        stream.extend_from_slice(content.as_bytes());
        stream.extend_from_slice(b"\nendstream");
        objects.push(stream);
    }
    let mut out = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n".to_vec();
    let mut offsets = Vec::with_capacity(objects.len());
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    let mut table = format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1);
    for offset in offsets {
        let _ = writeln!(table, "{offset:010} 00000 n ");
    }
    let _ = write!(
        table,
        "trailer\n<< /Size {} /Root 1 0 R /Info 5 0 R >>\nstartxref\n{xref}\n%%EOF\n",
        objects.len() + 1
    );
    out.extend_from_slice(table.as_bytes());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(pdf: &[u8]) -> String {
        String::from_utf8_lossy(pdf).into_owned()
    }

    #[test]
    fn swedish_letters_are_written_in_win_ansi() {
        let bytes: Vec<u8> = "Åsa läser “Böcker” – …".chars().map(win_ansi).collect();
        assert_eq!(
            bytes,
            vec![
                0xc5, b's', b'a', b' ', b'l', 0xe4, b's', b'e', b'r', b' ', 0x93, b'B', 0xf6, b'c',
                b'k', b'e', b'r', 0x94, b' ', 0x96, b' ', 0x85
            ]
        );
        assert_eq!(pdf_string(&[b'(', 0xe5, b')', b'\\']), "(\\(\\345\\)\\\\)");
    }

    #[test]
    fn lines_break_at_spaces_within_the_width_and_long_words_are_cut() {
        let s = style(&Block::Text(String::new()));
        let lines = wrap(
            "Vi pratade om exit tickets i alla ämnen och om hur eleverna svarar",
            s,
            150.0,
        );
        assert!(lines.len() > 1);
        for line in &lines {
            assert!(
                text_width(line, s) <= 150.0,
                "{}",
                String::from_utf8_lossy(line)
            );
            assert!(!line.starts_with(b" ") && !line.ends_with(b" "));
        }
        let joined: Vec<String> = lines
            .iter()
            .map(|l| String::from_utf8_lossy(l).into_owned())
            .collect();
        assert_eq!(
            joined.join(" ").replace('\u{fffd}', "ä"),
            "Vi pratade om exit tickets i alla ämnen och om hur eleverna svarar"
        );
        let long = wrap(&"x".repeat(200), s, 100.0);
        assert!(long.len() > 1 && long.iter().all(|l| text_width(l, s) <= 100.0));
        // Line breaks in the text stay; an empty line stays as space.
        assert_eq!(wrap("a\n\nb", s, 100.0).len(), 3);
    }

    #[test]
    fn the_cross_reference_table_points_at_every_object() {
        let mut blocks = vec![Block::Title("Protokoll: Matematik 7–9".into())];
        for i in 0..80 {
            blocks.push(Block::Heading(format!("Rubrik {i}")));
            blocks.push(Block::Text(
                "Små förändringar som görs varje lektion ger mer än stora projekt.".into(),
            ));
        }
        let pdf = document("Protokoll", "2026-11-27T10:00:00Z", &blocks);
        let s = text(&pdf);
        assert!(s.starts_with("%PDF-1.4\n"));
        assert!(s.ends_with("%%EOF\n"));
        let count: usize = s
            .split("/Count ")
            .nth(1)
            .and_then(|r| r.split(' ').next())
            .and_then(|n| n.parse().ok())
            .expect("page count");
        assert!(
            count >= 3,
            "80 headed paragraphs fill several pages: {count}"
        );
        let xref_at: usize = s
            .rsplit("startxref\n")
            .next()
            .and_then(|r| r.lines().next())
            .and_then(|n| n.parse().ok())
            .expect("startxref");
        assert!(pdf[xref_at..].starts_with(b"xref\n"));
        let table = text(&pdf[xref_at..]);
        let entries: Vec<usize> = table
            .lines()
            .skip(3)
            .take_while(|l| l.ends_with(" n "))
            .map(|l| l[..10].parse().expect("offset"))
            .collect();
        assert_eq!(entries.len(), 5 + 2 * count);
        for (i, offset) in entries.iter().enumerate() {
            assert!(
                pdf[*offset..].starts_with(format!("{} 0 obj", i + 1).as_bytes()),
                "object {}",
                i + 1
            );
        }
        assert!(s.contains("/CreationDate (D:20261127100000Z)"));
    }
}
