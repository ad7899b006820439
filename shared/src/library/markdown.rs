//! Summaries are written in Markdown and shown as HTML. The renderer here is safe by
//! construction rather than by cleaning: it writes only the handful of tags it knows
//! (paragraphs, headings, emphasis, lists, quotes, code, links), never an attribute but
//! `href` and `rel`, escapes every piece of text, shows any HTML in the source as text,
//! drops images (their description stays as text), and keeps a link only when it
//! points to `http:`, `https:` or `mailto:`.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// The largest summary accepted, in characters.
pub const MAX_SUMMARY_CHARS: usize = 20_000;

/// Renders Markdown to HTML that is safe to insert into a page.
pub fn to_html(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len() + markdown.len() / 4);
    // What each open element writes when it closes; `None` for elements left out.
    let mut open: Vec<Option<&'static str>> = Vec::new();
    // Inside an image, whose text becomes plain text.
    let mut image_depth = 0usize;
    for event in Parser::new_ext(markdown, Options::ENABLE_STRIKETHROUGH) {
        match event {
            Event::Start(tag) => {
                let close = start(&tag, &mut out, image_depth > 0);
                if matches!(tag, Tag::Image { .. }) {
                    image_depth += 1;
                }
                open.push(close);
            }
            Event::End(end) => {
                if matches!(end, TagEnd::Image) {
                    image_depth = image_depth.saturating_sub(1);
                }
                if let Some(Some(close)) = open.pop() {
                    out.push_str(close);
                }
            }
            Event::Text(text) | Event::Html(text) | Event::InlineHtml(text) => {
                escape_into(&text, &mut out);
            }
            Event::Code(code) => {
                out.push_str("<code>");
                escape_into(&code, &mut out);
                out.push_str("</code>");
            }
            Event::InlineMath(text) | Event::DisplayMath(text) => escape_into(&text, &mut out),
            Event::FootnoteReference(label) => {
                out.push('[');
                escape_into(&label, &mut out);
                out.push(']');
            }
            Event::SoftBreak => out.push('\n'),
            Event::HardBreak => out.push_str("<br>"),
            Event::Rule => out.push_str("<hr>"),
            Event::TaskListMarker(done) => out.push_str(if done { "☑ " } else { "☐ " }),
        }
    }
    out
}

/// Opens the element for `tag` and returns what closes it.
fn start(tag: &Tag<'_>, out: &mut String, in_image: bool) -> Option<&'static str> {
    if in_image {
        return None;
    }
    let (open, close) = match tag {
        Tag::Paragraph => ("<p>", "</p>"),
        // The page has its own h1 and h2: a summary's headings start at h3.
        Tag::Heading { level, .. } => match level {
            HeadingLevel::H1 => ("<h3>", "</h3>"),
            HeadingLevel::H2 => ("<h4>", "</h4>"),
            HeadingLevel::H3 => ("<h5>", "</h5>"),
            _ => ("<h6>", "</h6>"),
        },
        Tag::BlockQuote(_) => ("<blockquote>", "</blockquote>"),
        Tag::CodeBlock(_) => ("<pre><code>", "</code></pre>"),
        Tag::List(Some(_)) => ("<ol>", "</ol>"),
        Tag::List(None) => ("<ul>", "</ul>"),
        Tag::Item => ("<li>", "</li>"),
        Tag::Emphasis => ("<em>", "</em>"),
        Tag::Strong => ("<strong>", "</strong>"),
        Tag::Strikethrough => ("<s>", "</s>"),
        Tag::Link { dest_url, .. } => {
            let url = safe_url(dest_url)?;
            out.push_str("<a href=\"");
            escape_into(url, out);
            out.push_str("\" rel=\"noopener noreferrer nofollow\">");
            return Some("</a>");
        }
        _ => return None,
    };
    out.push_str(open);
    Some(close)
}

/// The URL when it is one a summary may link to: `http:`, `https:` or `mailto:`,
/// without control characters or spaces (which browsers strip before reading the
/// scheme, the classic way to smuggle `java\tscript:` past a filter).
pub fn safe_url(url: &str) -> Option<&str> {
    let url = url.trim();
    if url.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return None;
    }
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    let allowed = lower.starts_with("https://")
        || lower.starts_with("http://")
        || lower.starts_with("mailto:");
    (allowed && url.len() > 8).then_some(url)
}

/// The text of a summary without its markup, for search and for snippets.
pub fn to_plain_text(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    for event in Parser::new_ext(markdown, Options::ENABLE_STRIKETHROUGH) {
        match event {
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                out.push_str(&t)
            }
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::CodeBlock
                | TagEnd::TableCell,
            ) if !out.ends_with(' ') && !out.is_empty() => out.push(' '),
            _ => {}
        }
    }
    out.trim_end().to_owned()
}

/// Escapes text for HTML content and double-quoted attribute values.
pub fn escape_into(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every tag name the output may contain.
    const ALLOWED: &[&str] = &[
        "p",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "pre",
        "code",
        "ol",
        "ul",
        "li",
        "em",
        "strong",
        "s",
        "a",
        "br",
        "hr",
    ];

    /// Checks that the HTML holds only allowed tags, with no attribute but a safe href
    /// and the fixed rel, and no `javascript:` anywhere outside escaped text.
    fn assert_safe(html: &str, source: &str) {
        let mut rest = html;
        while let Some(i) = rest.find('<') {
            let after = &rest[i + 1..];
            let end = after
                .find('>')
                .unwrap_or_else(|| panic!("unclosed tag in {html:?}"));
            let tag = &after[..end];
            let name = tag.trim_start_matches('/').split(' ').next().unwrap_or("");
            assert!(
                ALLOWED.contains(&name),
                "tag {name:?} from {source:?}: {html}"
            );
            if name == "a" && !tag.starts_with('/') {
                let href = tag
                    .strip_prefix("a href=\"")
                    .and_then(|t| t.strip_suffix("\" rel=\"noopener noreferrer nofollow\""))
                    .unwrap_or_else(|| panic!("unexpected attributes {tag:?} from {source:?}"));
                assert!(safe_url(href).is_some(), "href {href:?} from {source:?}");
                assert!(!href.contains('"'), "quote in href from {source:?}");
            } else {
                assert!(
                    !tag.contains(' ') && !tag.contains('='),
                    "attribute in {tag:?} from {source:?}"
                );
            }
            rest = &after[end + 1..];
        }
    }

    #[test]
    fn renders_the_markdown_a_summary_uses() {
        let html = to_html(
            "# Bedömning\n\nEn **kort** och *tydlig* text med [Skolverket](https://www.skolverket.se).\n\n- ett\n- två\n\n1. första\n\n> citat\n\n`kod`",
        );
        assert_eq!(
            html,
            "<h3>Bedömning</h3><p>En <strong>kort</strong> och <em>tydlig</em> text med \
             <a href=\"https://www.skolverket.se\" rel=\"noopener noreferrer nofollow\">Skolverket</a>.</p>\
             <ul><li>ett</li><li>två</li></ul><ol><li>första</li></ol><blockquote><p>citat</p></blockquote>\
             <p><code>kod</code></p>"
        );
    }

    #[test]
    fn nothing_executable_gets_through() {
        let payloads = [
            "<script>alert(1)</script>",
            "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
            "<img src=x onerror=alert(1)>",
            "<svg onload=alert(1)>",
            "<svg><script>alert(1)</script></svg>",
            "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>",
            "<iframe src=\"javascript:alert(1)\"></iframe>",
            "<a href=\"javascript:alert(1)\">klick</a>",
            "<body onload=alert(1)>",
            "<div style=\"background:url(javascript:alert(1))\">x</div>",
            "[klick](javascript:alert(1))",
            "[klick](JaVaScRiPt:alert(1))",
            "[klick](java\tscript:alert(1))",
            "[klick](&#106;avascript:alert(1))",
            "[klick](&#x6A;avascript:alert(1))",
            "[klick](vbscript:msgbox(1))",
            "[klick](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
            "[klick](data:image/svg+xml,<svg onload=alert(1)>)",
            "[klick](//evil.example)",
            "[klick](https://ok.example \"\\\" onmouseover=\\\"alert(1)\")",
            "[klick](<https://ok.example/\" onmouseover=\"alert(1)>)",
            "<https://ok.example/\"onmouseover=\"alert(1)>",
            "<javascript:alert(1)>",
            "![x](https://evil.example/x.png\" onerror=\"alert(1))",
            "![<img src=x onerror=alert(1)>](javascript:alert(1))",
            "[![bild](x.png)](javascript:alert(1))",
            "[ref]\n\n[ref]: javascript:alert(1)",
            "<details open ontoggle=alert(1)>",
            "<!-- <script>alert(1)</script> -->",
            "```html\n<script>alert(1)</script>\n```",
            "<a href=\"https://ok.example\" onclick=\"alert(1)\">x</a>",
            "<style>@import 'https://evil.example/x.css';</style>",
            "<object data=\"javascript:alert(1)\"></object>",
            "<embed src=\"data:image/svg+xml;base64,PHN2Zz4=\">",
            "<form action=\"https://evil.example\"><button>x</button></form>",
            "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
            "<base href=\"https://evil.example/\">",
            "*<b onmouseover=alert(1)>x</b>*",
            "> <script>alert(1)</script>",
            "- <img src=x onerror=alert(1)>",
        ];
        for payload in payloads {
            let html = to_html(payload);
            assert_safe(&html, payload);
            let lower = html.to_ascii_lowercase();
            assert!(!lower.contains("<script"), "{payload:?} → {html}");
            assert!(!lower.contains("<img"), "{payload:?} → {html}");
            assert!(!lower.contains("<svg"), "{payload:?} → {html}");
            assert!(!lower.contains("href=\"javascript"), "{payload:?} → {html}");
            assert!(!lower.contains("href=\"data"), "{payload:?} → {html}");
        }
    }

    #[test]
    fn html_in_the_source_is_shown_as_text() {
        assert_eq!(
            to_html("Se <b>detta</b> & <script>x</script>"),
            "<p>Se &lt;b&gt;detta&lt;/b&gt; &amp; &lt;script&gt;x&lt;/script&gt;</p>"
        );
    }

    #[test]
    fn images_keep_only_their_description() {
        assert_eq!(
            to_html("![Ett diagram](https://x.example/a.png)"),
            "<p>Ett diagram</p>"
        );
    }

    #[test]
    fn only_web_and_mail_links_are_kept() {
        assert_eq!(
            safe_url(" https://skolverket.se/ "),
            Some("https://skolverket.se/")
        );
        assert_eq!(
            safe_url("mailto:ikt@kommun.se"),
            Some("mailto:ikt@kommun.se")
        );
        assert_eq!(safe_url("HTTP://A.SE/x"), Some("HTTP://A.SE/x"));
        for bad in [
            "javascript:alert(1)",
            "https://",
            "ftp://x.se",
            "/relativ",
            "https://a b.se",
            "data:x",
        ] {
            assert_eq!(safe_url(bad), None, "{bad}");
        }
        assert_eq!(to_html("[a](ftp://x.se)"), "<p>a</p>");
    }

    #[test]
    fn plain_text_drops_the_markup() {
        assert_eq!(
            to_plain_text("## Rubrik\n\nEn **fet** [länk](https://a.se)."),
            "Rubrik En fet länk."
        );
    }
}
