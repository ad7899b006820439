//! Files the API hands out for download: CSV for Excel (UTF-8 with a byte-order mark,
//! semicolons, CRLF, every cell safe from being read as a formula), and the headers that
//! name a downloaded file.

use axum::http::header;
use axum::response::{IntoResponse, Response};

/// A CSV file being written, header first.
#[derive(Debug)]
pub struct Csv {
    text: String,
}

impl Csv {
    /// A file with its header row.
    pub fn new(header: &[&str]) -> Csv {
        let mut csv = Csv {
            text: String::from("\u{feff}"),
        };
        csv.row(header);
        csv
    }

    /// Adds a row.
    pub fn row(&mut self, cells: &[&str]) {
        let cells: Vec<String> = cells.iter().map(|c| csv_field(c)).collect();
        self.text.push_str(&cells.join(";"));
        self.text.push_str("\r\n");
    }

    /// The file as a download named `file`.
    pub fn into_response(self, file: &str) -> Response {
        attachment("text/csv; charset=utf-8", file, self.text)
    }
}

/// One CSV cell for Excel: quoted when needed, and a leading `=`, `+`, `-` or `@`
/// neutralised with an apostrophe so a cell is never read as a formula.
pub fn csv_field(value: &str) -> String {
    let value = if value.starts_with(['=', '+', '-', '@']) {
        format!("'{value}")
    } else {
        value.to_owned()
    };
    if value.contains([';', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value
    }
}

/// `body` served as a file to save, named `file` (which must be plain ASCII).
pub fn attachment(content_type: &'static str, file: &str, body: impl IntoResponse) -> Response {
    let mut response = ([(header::CONTENT_TYPE, content_type)], body).into_response();
    if let Ok(value) = format!("attachment; filename=\"{file}\"").parse() {
        response
            .headers_mut()
            .insert(header::CONTENT_DISPOSITION, value);
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_quoted_and_never_formulas() {
        assert_eq!(csv_field("Anna"), "Anna");
        assert_eq!(csv_field("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(csv_field("a;b"), "\"a;b\"");
        assert_eq!(csv_field("säger \"hej\""), "\"säger \"\"hej\"\"\"");
        let mut csv = Csv::new(&["namn", "skola"]);
        csv.row(&["Ö", "-1"]);
        assert_eq!(csv.text, "\u{feff}namn;skola\r\nÖ;'-1\r\n");
    }
}
