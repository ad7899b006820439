//! Reading the CSV files that school administration systems and Excel export: UTF-8
//! with or without a byte-order mark, or Windows-1252; comma- or semicolon-separated
//! (Swedish Excel writes semicolons); quoted cells with doubled quotes and line breaks.

/// How the file's bytes were read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Windows1252,
}

/// Characters of Windows-1252 bytes 0x80–0x9F; the rest of the upper half is Latin-1.
const CP1252_HIGH: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}',
    '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
];

/// Decodes a file: UTF-8 when it is valid UTF-8 (a byte-order mark is dropped),
/// otherwise Windows-1252, which every byte sequence is.
pub fn decode(bytes: &[u8]) -> (String, Encoding) {
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_owned(), Encoding::Utf8),
        Err(_) => {
            let text = bytes
                .iter()
                .map(|&b| match b {
                    0x80..=0x9F => CP1252_HIGH[usize::from(b - 0x80)],
                    b => char::from(b),
                })
                .collect();
            (text, Encoding::Windows1252)
        }
    }
}

/// The separator of a file: whichever of `;` and `,` occurs more often, outside
/// quotes, on its first line; `;` on a tie (the Swedish Excel default).
pub fn detect_separator(text: &str) -> char {
    let (mut semicolons, mut commas, mut quoted) = (0, 0, false);
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            ';' if !quoted => semicolons += 1,
            ',' if !quoted => commas += 1,
            '\n' if !quoted => break,
            _ => {}
        }
    }
    if commas > semicolons { ',' } else { ';' }
}

/// One record of the file and the line it starts on (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub line: usize,
    pub cells: Vec<String>,
}

/// Splits `text` into records. Blank lines are skipped. A quote left open at the end
/// closes there.
pub fn parse(text: &str, separator: char) -> Vec<Record> {
    let mut records = Vec::new();
    let mut cells = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut line = 1;
    let mut start = 1;
    let mut chars = text.chars().peekable();
    let finish =
        |cells: &mut Vec<String>, cell: &mut String, start: usize, records: &mut Vec<Record>| {
            cells.push(std::mem::take(cell));
            let row = std::mem::take(cells);
            if !(row.len() == 1 && row[0].trim().is_empty()) {
                records.push(Record {
                    line: start,
                    cells: row,
                });
            }
        };
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted => {
                if chars.peek() == Some(&'"') {
                    chars.next();
                    cell.push('"');
                } else {
                    quoted = false;
                }
            }
            '"' if cell.trim().is_empty() => {
                cell.clear();
                quoted = true;
            }
            '\r' if !quoted => {}
            '\n' if !quoted => {
                finish(&mut cells, &mut cell, start, &mut records);
                line += 1;
                start = line;
            }
            '\n' => {
                line += 1;
                cell.push('\n');
            }
            c if c == separator && !quoted => cells.push(std::mem::take(&mut cell)),
            c => cell.push(c),
        }
    }
    if !cell.is_empty() || !cells.is_empty() {
        finish(&mut cells, &mut cell, start, &mut records);
    }
    records
}

/// Splits a cell holding several values ("svenska, matematik") into trimmed, non-empty
/// values.
pub fn split_values(cell: &str) -> Vec<String> {
    cell.split([',', ';', '/'])
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_utf8_with_and_without_bom() {
        assert_eq!(
            decode("namn;e-post\nÅsa".as_bytes()),
            ("namn;e-post\nÅsa".into(), Encoding::Utf8)
        );
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice("Örjan".as_bytes());
        assert_eq!(decode(&bom), ("Örjan".into(), Encoding::Utf8));
    }

    #[test]
    fn decodes_windows_1252() {
        // "Åsa Öberg – €" in Windows-1252.
        let bytes = [
            0xC5, b's', b'a', b' ', 0xD6, b'b', b'e', b'r', b'g', b' ', 0x96, b' ', 0x80,
        ];
        assert_eq!(
            decode(&bytes),
            ("Åsa Öberg – €".into(), Encoding::Windows1252)
        );
    }

    #[test]
    fn detects_the_separator_from_the_header() {
        assert_eq!(detect_separator("namn;e-post;ämnen\n"), ';');
        assert_eq!(detect_separator("namn,e-post,ämnen\n"), ',');
        assert_eq!(detect_separator("\"namn;x\",e-post,skola\n"), ',');
        assert_eq!(detect_separator("namn\n"), ';');
    }

    #[test]
    fn parses_quotes_line_breaks_and_crlf() {
        let text = "namn;ämnen\r\n\"Berg, Anna\";\"svenska, matematik\"\r\n\r\n\"Say \"\"Hi\"\"\";\"rad1\nrad2\"\nEva;bild";
        let records = parse(text, ';');
        assert_eq!(records.len(), 4);
        assert_eq!(
            records[0],
            Record {
                line: 1,
                cells: vec!["namn".into(), "ämnen".into()]
            }
        );
        assert_eq!(records[1].cells, ["Berg, Anna", "svenska, matematik"]);
        assert_eq!(records[1].line, 2);
        assert_eq!(records[2].cells, ["Say \"Hi\"", "rad1\nrad2"]);
        assert_eq!(records[2].line, 4);
        assert_eq!(
            records[3],
            Record {
                line: 6,
                cells: vec!["Eva".into(), "bild".into()]
            }
        );
    }

    #[test]
    fn splits_multi_value_cells() {
        assert_eq!(
            split_values(" svenska, matematik ,,engelska"),
            ["svenska", "matematik", "engelska"]
        );
        assert!(split_values("  ").is_empty());
    }
}
