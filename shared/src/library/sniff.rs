//! What an uploaded file is, told by its first bytes, never by its name: the library
//! takes PDF, images, office documents and short videos, and refuses the rest
//! (scripts, web pages, SVG, executables), whatever they are called.

use serde::{Deserialize, Serialize};

/// A kind of file the library accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum FileType {
    Pdf,
    Png,
    Jpeg,
    Gif,
    Webp,
    /// Word, Excel or PowerPoint since 2007 (a zip with `[Content_Types].xml`), or
    /// OpenDocument (a zip that starts with its `mimetype`).
    OfficeOpenXml,
    OpenDocument,
    /// Word, Excel or PowerPoint before 2007 (a compound file).
    OfficeLegacy,
    Mp4,
    Webm,
}

impl FileType {
    /// The media type the file is served with.
    pub fn media_type(self) -> &'static str {
        match self {
            FileType::Pdf => "application/pdf",
            FileType::Png => "image/png",
            FileType::Jpeg => "image/jpeg",
            FileType::Gif => "image/gif",
            FileType::Webp => "image/webp",
            FileType::OfficeOpenXml => "application/vnd.openxmlformats-officedocument",
            FileType::OpenDocument => "application/vnd.oasis.opendocument",
            FileType::OfficeLegacy => "application/x-ole-storage",
            FileType::Mp4 => "video/mp4",
            FileType::Webm => "video/webm",
        }
    }

    /// Whether the browser may show the file in the page (images, PDF, video); office
    /// documents are always downloaded.
    pub fn inline(self) -> bool {
        !matches!(
            self,
            FileType::OfficeOpenXml | FileType::OpenDocument | FileType::OfficeLegacy
        )
    }
}

/// How many leading bytes [`sniff`] needs at most.
pub const SNIFF_BYTES: usize = 4096;

/// The file's type from its leading bytes, or `None` when it is not one the library
/// accepts.
pub fn sniff(head: &[u8]) -> Option<FileType> {
    let starts = |magic: &[u8]| head.starts_with(magic);
    if starts(b"%PDF-") {
        return Some(FileType::Pdf);
    }
    if starts(b"\x89PNG\r\n\x1a\n") {
        return Some(FileType::Png);
    }
    if starts(b"\xff\xd8\xff") {
        return Some(FileType::Jpeg);
    }
    if starts(b"GIF87a") || starts(b"GIF89a") {
        return Some(FileType::Gif);
    }
    if starts(b"RIFF") && head.get(8..12) == Some(b"WEBP") {
        return Some(FileType::Webp);
    }
    if starts(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1") {
        return Some(FileType::OfficeLegacy);
    }
    if starts(b"\x1a\x45\xdf\xa3") && contains(head, b"webm") {
        return Some(FileType::Webm);
    }
    if head.get(4..8) == Some(b"ftyp") {
        let brand = head.get(8..12)?;
        const VIDEO: &[&[u8]] = &[
            b"isom", b"iso2", b"mp41", b"mp42", b"avc1", b"M4V ", b"qt  ", b"dash",
        ];
        return VIDEO.contains(&brand).then_some(FileType::Mp4);
    }
    if starts(b"PK\x03\x04") {
        // OpenDocument stores its media type first, uncompressed.
        if head.get(30..38) == Some(b"mimetype")
            && contains(head, b"application/vnd.oasis.opendocument")
        {
            return Some(FileType::OpenDocument);
        }
        if contains(head, b"[Content_Types].xml")
            || contains(head, b"word/")
            || contains(head, b"xl/")
            || contains(head, b"ppt/")
        {
            return Some(FileType::OfficeOpenXml);
        }
        return None;
    }
    None
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// A file name safe to show and to offer in a download: the last path component of
/// what the browser sent, without control characters, quotes or path separators, at
/// most 120 characters; "fil" when nothing is left. It is never used as a path.
pub fn display_name(name: &str) -> String {
    let last = name.rsplit(['/', '\\']).next().unwrap_or("");
    let cleaned: String = last
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '"' | '\'' | '<' | '>' | ':' | '*' | '?' | '|'))
        .take(120)
        .collect();
    let cleaned = cleaned.trim().trim_start_matches('.').trim().to_owned();
    if cleaned.is_empty() {
        "fil".to_owned()
    } else {
        cleaned
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_files_are_told_by_their_bytes() {
        assert_eq!(sniff(b"%PDF-1.7\n..."), Some(FileType::Pdf));
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n\0\0"), Some(FileType::Png));
        assert_eq!(sniff(b"\xff\xd8\xff\xe0\0\x10JFIF"), Some(FileType::Jpeg));
        assert_eq!(sniff(b"GIF89a...."), Some(FileType::Gif));
        assert_eq!(sniff(b"RIFF\0\0\0\0WEBPVP8 "), Some(FileType::Webp));
        assert_eq!(sniff(b"\0\0\0\x20ftypisom\0\0\x02\0"), Some(FileType::Mp4));
        assert_eq!(
            sniff(b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\x82\x84webm"),
            Some(FileType::Webm)
        );
        assert_eq!(
            sniff(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\0\0"),
            Some(FileType::OfficeLegacy)
        );
        let mut docx = b"PK\x03\x04".to_vec();
        docx.extend_from_slice(&[0; 26]);
        docx.extend_from_slice(b"[Content_Types].xml");
        assert_eq!(sniff(&docx), Some(FileType::OfficeOpenXml));
        let mut odt = b"PK\x03\x04".to_vec();
        odt.extend_from_slice(&[0; 26]);
        odt.extend_from_slice(b"mimetypeapplication/vnd.oasis.opendocument.text");
        assert_eq!(sniff(&odt), Some(FileType::OpenDocument));
    }

    #[test]
    fn anything_else_is_refused_whatever_its_name() {
        for bad in [
            &b"<script>alert(1)</script>"[..],
            b"<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>",
            b"<svg onload=alert(1)>",
            b"<!DOCTYPE html><html>",
            b"MZ\x90\0\x03\0\0\0",
            b"\x7fELF\x02\x01\x01",
            b"#!/bin/sh\nrm -rf /",
            b"PK\x03\x04plain zip with evil.exe",
            b"\0\0\0\x20ftypheic",
            b"",
            b"%PD",
        ] {
            assert_eq!(sniff(bad), None, "{:?}", String::from_utf8_lossy(bad));
        }
    }

    #[test]
    fn names_are_shown_never_used_as_paths() {
        assert_eq!(display_name("../../etc/passwd"), "passwd");
        assert_eq!(display_name("..\\..\\windows\\system.ini"), "system.ini");
        assert_eq!(display_name("Bedömning \"v2\".pdf"), "Bedömning v2.pdf");
        assert_eq!(display_name("..."), "fil");
        assert_eq!(display_name("a\r\nb.pdf"), "ab.pdf");
        assert_eq!(display_name(""), "fil");
        assert_eq!(display_name(&"x".repeat(500)).chars().count(), 120);
    }
}
