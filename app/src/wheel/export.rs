//! The wheel on paper and as files: printing on one A4 or A3 landscape page (the page
//! size is set just before printing), and a self-contained SVG (the drawing with its
//! title and legend, styled without the page's stylesheet) or PNG of it.

use kollegium_shared::wheel::Ring;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

/// A sheet of paper, landscape.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Paper {
    A4,
    A3,
}

impl Paper {
    fn css(self) -> &'static str {
        match self {
            Paper::A4 => {
                "@page wheel { size: A4 landscape; margin: 10mm; } @media print { .wheel-figure svg { max-width: 160mm; } }"
            }
            Paper::A3 => {
                "@page wheel { size: A3 landscape; margin: 12mm; } @media print { .wheel-figure svg { max-width: 240mm; } }"
            }
        }
    }
}

/// Prints the page on `paper`.
pub(super) fn print(paper: Paper) {
    let document = leptos::prelude::document();
    let style = match document.get_element_by_id("wheel-page-size") {
        Some(style) => style,
        None => {
            let Ok(style) = document.create_element("style") else {
                return;
            };
            style.set_id("wheel-page-size");
            if let Some(head) = document.head() {
                let _ = head.append_child(&style);
            }
            style
        }
    };
    style.set_text_content(Some(paper.css()));
    let _ = leptos::prelude::window().print();
}

/// The drawing's own styles: the page's stylesheet does not travel with an exported file.
const STYLE: &str = "text { font-family: system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif; fill: #1b2426; } \
.lane-bg { fill: #eef2f3; stroke: #fff; stroke-width: 2; } \
.activity { stroke: #fff; stroke-width: 1.5; } \
.wheel-centre { fill: #fff; stroke: #cfd6d8; } \
.wheel-year { text-anchor: middle; font-size: 40px; font-weight: 700; } \
.month-line { stroke: #9aa7ab; stroke-width: 1.5; } \
.month-label { text-anchor: middle; dominant-baseline: middle; font-size: 26px; font-weight: 600; } \
.week-label { text-anchor: middle; dominant-baseline: middle; font-size: 13px; fill: #4d5b5f; } \
.today-line { stroke: #c0262d; stroke-width: 4; } \
.term-line { stroke: #1b2426; stroke-width: 2; stroke-dasharray: 8 6; } \
.legend { font-size: 22px; } .title { font-size: 34px; font-weight: 700; }";

/// The width of an exported drawing: the wheel (1000 wide) and its legend beside it.
pub(super) const WIDTH: u32 = 1400;
pub(super) const HEIGHT: u32 = 1000;

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A standalone SVG of the drawn wheel `svg`, with `title` and a legend of `rings`.
pub(super) fn svg_file(svg: &web_sys::Element, title: &str, rings: &[Ring]) -> String {
    let legend: String = rings
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let y = 120 + i as u32 * 44;
            format!(
                "<rect x=\"1030\" y=\"{}\" width=\"28\" height=\"28\" rx=\"4\" fill=\"{}\"/><text class=\"legend\" x=\"1070\" y=\"{}\">{}</text>",
                y - 22,
                escape(&r.colour),
                y,
                escape(&r.name)
            )
        })
        .collect();
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" width=\"{WIDTH}\" height=\"{HEIGHT}\">\
         <style>{STYLE}</style><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\
         <text class=\"title\" x=\"1030\" y=\"60\">{}</text>{legend}<g>{}</g></svg>",
        escape(title),
        svg.inner_html()
    )
}

/// Saves `svg` (a standalone SVG) drawn as a PNG at twice its size, as `name`.
pub(super) fn save_png(svg: &str, name: &str) -> Result<(), JsValue> {
    let document = leptos::prelude::document();
    let image = web_sys::HtmlImageElement::new()?;
    let canvas: web_sys::HtmlCanvasElement = document.create_element("canvas")?.dyn_into()?;
    canvas.set_width(WIDTH * 2);
    canvas.set_height(HEIGHT * 2);
    let name = name.to_owned();
    let drawn = image.clone();
    let on_load = Closure::once(move || -> Result<(), JsValue> {
        let context: web_sys::CanvasRenderingContext2d = canvas
            .get_context("2d")?
            .ok_or_else(|| JsValue::from_str("no 2d context"))?
            .dyn_into()?;
        context.draw_image_with_html_image_element_and_dw_and_dh(
            &drawn,
            0.0,
            0.0,
            f64::from(WIDTH * 2),
            f64::from(HEIGHT * 2),
        )?;
        let link: web_sys::HtmlAnchorElement = leptos::prelude::document()
            .create_element("a")?
            .dyn_into()?;
        link.set_href(&canvas.to_data_url_with_type("image/png")?);
        link.set_download(&name);
        link.click();
        Ok(())
    });
    image.set_onload(Some(on_load.as_ref().unchecked_ref()));
    on_load.forget();
    let encoded: String = js_sys::encode_uri_component(svg).into();
    image.set_src(&format!("data:image/svg+xml;charset=utf-8,{encoded}"));
    Ok(())
}
