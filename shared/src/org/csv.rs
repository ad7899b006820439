//! Reading the CSV files that school administration systems and Excel export: UTF-8
//! with or without a byte-order mark; UTF-16 and UTF-32 by their byte-order mark
//! (Excel's "Unicode text"); otherwise a legacy encoding guessed by `chardetng` (for a
//! Swedish file, Windows-1252) and decoded by `encoding_rs`. A file that mixes UTF-8
//! with another encoding, or whose text holds unreadable or control characters, is
//! refused with the line it happens on. Cells are separated by semicolons (Swedish
//! Excel), commas or tabs; the records are read by the `csv` crate.

use crate::i18n::Msg;

/// How the file's bytes were read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16Le,
    Utf16Be,
    Utf32Le,
    Utf32Be,
    /// A single- or double-byte encoding of the Encoding Standard, guessed.
    Legacy(&'static encoding_rs::Encoding),
}

impl Encoding {
    /// The encoding's name as people know it: `UTF-8`, `UTF-16LE`, `windows-1252`.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf16Le => "UTF-16LE",
            Encoding::Utf16Be => "UTF-16BE",
            Encoding::Utf32Le => "UTF-32LE",
            Encoding::Utf32Be => "UTF-32BE",
            Encoding::Legacy(e) => e.name(),
        }
    }
}

/// Why a file's text cannot be read, and on which line (1-based).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unreadable {
    pub line: usize,
    pub msg: Msg,
}

/// Decodes a file to text by its byte-order mark, as UTF-8 when it is UTF-8, otherwise
/// by the encoding `chardetng` guesses for Swedish text. Refused: a file that is partly
/// UTF-8, and text with characters that could not be decoded or that no one types
/// (control characters other than tab and line breaks, direction overrides).
pub fn decode(bytes: &[u8]) -> Result<(String, Encoding), Unreadable> {
    let (text, encoding) = if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE, 0, 0]) {
        (decode_utf32(rest, u32::from_le_bytes), Encoding::Utf32Le)
    } else if let Some(rest) = bytes.strip_prefix(&[0, 0, 0xFE, 0xFF]) {
        (decode_utf32(rest, u32::from_be_bytes), Encoding::Utf32Be)
    } else if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        let (text, _) = encoding_rs::UTF_16LE.decode_without_bom_handling(rest);
        (text.into_owned(), Encoding::Utf16Le)
    } else if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let (text, _) = encoding_rs::UTF_16BE.decode_without_bom_handling(rest);
        (text.into_owned(), Encoding::Utf16Be)
    } else {
        let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
        match std::str::from_utf8(bytes) {
            Ok(text) => (text.to_owned(), Encoding::Utf8),
            Err(e) => {
                if has_utf8_sequence(bytes) {
                    // Part UTF-8, part something else: no reading is right for all of
                    // it. The line named is the first that is not UTF-8.
                    return Err(Unreadable {
                        line: line_of(bytes, e.valid_up_to()),
                        msg: Msg::FileMixedEncodings,
                    });
                }
                let mut detector =
                    chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
                detector.feed(bytes, true);
                let guessed = detector.guess(Some(b"se"), chardetng::Utf8Detection::Deny);
                let (text, _) = guessed.decode_without_bom_handling(bytes);
                (text.into_owned(), Encoding::Legacy(guessed))
            }
        }
    };
    match first_unreadable_line(&text) {
        Some(unreadable) => Err(unreadable),
        None => Ok((text, encoding)),
    }
}

/// UTF-32 in four-byte units read by `unit`; what is not a character becomes U+FFFD.
fn decode_utf32(bytes: &[u8], unit: fn([u8; 4]) -> u32) -> String {
    bytes
        .chunks(4)
        .map(|c| {
            <[u8; 4]>::try_from(c)
                .ok()
                .and_then(|c| char::from_u32(unit(c)))
                .unwrap_or(char::REPLACEMENT_CHARACTER)
        })
        .collect()
}

/// Whether `bytes` hold a well-formed UTF-8 sequence of two or more bytes (which a
/// Swedish text in a legacy encoding practically never does: "Ã¥" for "å").
fn has_utf8_sequence(bytes: &[u8]) -> bool {
    let continuation = |b: Option<&u8>| b.is_some_and(|b| (0x80..=0xBF).contains(b));
    (0..bytes.len()).any(|i| {
        let tail = match bytes[i] {
            0xC2..=0xDF => 1,
            0xE0..=0xEF => 2,
            0xF0..=0xF4 => 3,
            _ => return false,
        };
        (1..=tail).all(|k| continuation(bytes.get(i + k)))
            && std::str::from_utf8(&bytes[i..i + 1 + tail]).is_ok()
    })
}

/// The 1-based line of the byte at `offset`.
fn line_of(bytes: &[u8], offset: usize) -> usize {
    1 + bytes[..offset.min(bytes.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
}

/// The first line holding a character that could not be decoded, or one refused by
/// `text::check_text` (tabs and line breaks are fine: they separate cells and records).
pub fn first_unreadable_line(text: &str) -> Option<Unreadable> {
    text.split('\n').enumerate().find_map(|(i, line)| {
        let msg = if line.contains(char::REPLACEMENT_CHARACTER) {
            Msg::FileUndecodable
        } else {
            crate::text::check_text(line, true).err()?
        };
        Some(Unreadable { line: i + 1, msg })
    })
}

/// The separator of a file: whichever of `;`, `,` and tab occurs most often, outside
/// quotes, on its first line; `;` on a tie (the Swedish Excel default).
pub fn detect_separator(text: &str) -> char {
    let (mut semicolons, mut commas, mut tabs, mut quoted) = (0, 0, 0, false);
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            ';' if !quoted => semicolons += 1,
            ',' if !quoted => commas += 1,
            '\t' if !quoted => tabs += 1,
            '\n' if !quoted => break,
            _ => {}
        }
    }
    if tabs > semicolons && tabs > commas {
        '\t'
    } else if commas > semicolons {
        ','
    } else {
        ';'
    }
}

/// One record of the file and the line it starts on (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub line: usize,
    pub cells: Vec<String>,
}

/// Splits `text` into records, which may have different numbers of cells. Quoted cells
/// may hold separators, doubled quotes and line breaks; a quote left open at the end
/// closes there. Blank lines are skipped.
pub fn parse(text: &str, separator: char) -> Vec<Record> {
    let mut separator_byte = [0; 4];
    let separator = separator.encode_utf8(&mut separator_byte).as_bytes()[0];
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(separator)
        .from_reader(text.as_bytes());
    let mut records = Vec::new();
    let mut record = ::csv::StringRecord::new();
    // The reader's own line numbers count a record's line ending into the next
    // record, so the line a record starts on is counted here from its byte offset
    // (past the line breaks before it), going forward through the text once.
    let bytes = text.as_bytes();
    let (mut counted_to, mut line) = (0, 1);
    // The text is UTF-8 and the reader is flexible, so reading fails at no record.
    while let Ok(true) = reader.read_record(&mut record) {
        let mut start = record.position().map_or(counted_to, |p| {
            usize::try_from(p.byte()).unwrap_or(counted_to)
        });
        while bytes.get(start).is_some_and(|b| matches!(b, b'\r' | b'\n')) {
            start += 1;
        }
        if start > counted_to {
            line += bytes[counted_to..start]
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
            counted_to = start;
        }
        if record.len() == 1 && record[0].trim().is_empty() {
            continue;
        }
        records.push(Record {
            line,
            cells: record.iter().map(str::to_owned).collect(),
        });
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

    fn utf16(units: impl Iterator<Item = u16>, to: fn(u16) -> [u8; 2], bom: [u8; 2]) -> Vec<u8> {
        bom.into_iter().chain(units.flat_map(to)).collect()
    }

    #[test]
    fn decodes_utf8_with_and_without_bom() {
        assert_eq!(
            decode("namn;e-post\nÅsa".as_bytes()),
            Ok(("namn;e-post\nÅsa".into(), Encoding::Utf8))
        );
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice("Örjan".as_bytes());
        assert_eq!(decode(&bom), Ok(("Örjan".into(), Encoding::Utf8)));
    }

    #[test]
    fn decodes_utf16_and_utf32_by_their_byte_order_mark() {
        let text = "namn\te-post\nNguyễn Thị Hà\tha@x.se\n😀";
        let le = utf16(text.encode_utf16(), u16::to_le_bytes, [0xFF, 0xFE]);
        assert_eq!(decode(&le), Ok((text.into(), Encoding::Utf16Le)));
        let be = utf16(text.encode_utf16(), u16::to_be_bytes, [0xFE, 0xFF]);
        assert_eq!(decode(&be), Ok((text.into(), Encoding::Utf16Be)));
        let mut le32 = vec![0xFF, 0xFE, 0, 0];
        le32.extend(text.chars().flat_map(|c| u32::from(c).to_le_bytes()));
        assert_eq!(decode(&le32), Ok((text.into(), Encoding::Utf32Le)));
        let mut be32 = vec![0, 0, 0xFE, 0xFF];
        be32.extend(text.chars().flat_map(|c| u32::from(c).to_be_bytes()));
        assert_eq!(decode(&be32), Ok((text.into(), Encoding::Utf32Be)));
        assert_eq!(detect_separator(text), '\t');
        // A unit that is no character is refused with its line.
        let mut broken = vec![0xFF, 0xFE, 0, 0];
        broken.extend("a\nb".chars().flat_map(|c| u32::from(c).to_le_bytes()));
        broken.extend(0x0011_0000u32.to_le_bytes());
        assert_eq!(
            decode(&broken),
            Err(Unreadable {
                line: 2,
                msg: Msg::FileUndecodable
            })
        );
        // A lone surrogate in UTF-16 too.
        let lone = utf16(
            [0x61, 0x0A, 0xD800, 0x62].into_iter(),
            u16::to_le_bytes,
            [0xFF, 0xFE],
        );
        assert_eq!(
            decode(&lone),
            Err(Unreadable {
                line: 2,
                msg: Msg::FileUndecodable
            })
        );
    }

    #[test]
    fn decodes_windows_1252_and_reads_other_legacy_encodings_by_their_guess() {
        // "Åsa Öberg – €" in Windows-1252.
        let bytes = [
            0xC5, b's', b'a', b' ', 0xD6, b'b', b'e', b'r', b'g', b' ', 0x96, b' ', 0x80,
        ];
        assert_eq!(
            decode(&bytes),
            Ok((
                "Åsa Öberg – €".into(),
                Encoding::Legacy(encoding_rs::WINDOWS_1252)
            ))
        );
        let (japanese, _, _) = encoding_rs::SHIFT_JIS.encode("namn;e-post\n山田太郎;t@x.se\n");
        let (text, encoding) = decode(&japanese).expect("Shift_JIS reads");
        assert_eq!(encoding.name(), "Shift_JIS");
        assert!(text.contains("山田太郎"), "{text}");
    }

    #[test]
    fn refuses_mixed_encodings_and_control_characters_naming_the_line() {
        let mut mixed = "namn;e-post\nÅsa;a@x.se\n".as_bytes().to_vec();
        mixed.extend_from_slice(&[0xD6, b'r', b'j', b'a', b'n', b';', b'o', b'@', b'x']);
        assert_eq!(
            decode(&mixed),
            Err(Unreadable {
                line: 3,
                msg: Msg::FileMixedEncodings
            })
        );
        assert_eq!(
            decode("namn\nÅsa\nBe\u{7}rit".as_bytes()),
            Err(Unreadable {
                line: 3,
                msg: Msg::TextControlChars
            })
        );
        assert_eq!(
            decode(b"namn\nEva\0"),
            Err(Unreadable {
                line: 2,
                msg: Msg::TextControlChars
            })
        );
        assert_eq!(
            decode("namn\r\n\u{202E}gnirts".as_bytes()),
            Err(Unreadable {
                line: 2,
                msg: Msg::TextControlChars
            })
        );
        assert_eq!(
            decode("namn\nA\u{FFFD}sa".as_bytes()),
            Err(Unreadable {
                line: 2,
                msg: Msg::FileUndecodable
            })
        );
    }

    #[test]
    fn detects_the_separator_from_the_header() {
        assert_eq!(detect_separator("namn;e-post;ämnen\n"), ';');
        assert_eq!(detect_separator("namn,e-post,ämnen\n"), ',');
        assert_eq!(detect_separator("\"namn;x\",e-post,skola\n"), ',');
        assert_eq!(detect_separator("namn\n"), ';');
        assert_eq!(detect_separator("namn\te-post\tskola\n"), '\t');
        assert_eq!(detect_separator("namn;e-post\tx\n"), ';');
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
